"""Showing a record: pretty text for a terminal, LaTeX/Markdown for Jupyter and the docs.

Every formula shown is printed by SymPy from the record's own expressions, never
retyped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sympy as sp

if TYPE_CHECKING:
    from symdl.proof import Proof
    from symdl.record import Derivation

__all__ = ["latex_block", "markdown", "text_block"]


def _pretty(expr: Any) -> str:
    return sp.pretty(expr, use_unicode=True, wrap_line=False)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def text_block(record: Derivation, proof: Proof | None = None) -> str:
    """The record as a terminal reader wants it: claim, definitions, steps, conventions."""
    lines = [f"{record.title}  [{record.name}]", f"from: {record.source}"]
    if record.korean:
        lines[-1] += f"  ({record.korean})"
    lines += ["", record.statement, "", "claim, as the note states it:", _indent(_pretty(record.claim))]
    if record.definitions:
        lines.append("definitions:")
        lines += [_indent(_pretty(sp.Eq(lhs, rhs, evaluate=False))) for lhs, rhs in record.definitions]
    if not record.sizes:
        lines += ["derived by SymPy:", _indent(_pretty(record.derived))]
    else:
        sizes = ", ".join(map(str, record.sizes))
        lines.append(f"proved on explicit symbolic matrices for n = {sizes}")
    if record.steps:
        lines.append("steps (each checked against the one before):")
        for k, step in enumerate(record.steps, 1):
            lines += [f"  {k}. {step.why}", _indent(_pretty(step.expr), "     ")]
    if record.conventions:
        lines.append("conventions:")
        lines += [f"  - {c}" for c in record.conventions]
    if record.kernel is not None:
        lines.append(
            f"kernel: {record.kernel.name}" + (f" -- {record.kernel.why}" if record.kernel.why else "")
        )
    if proof is not None:
        lines += ["", f"verdict: {proof}"]
    return "\n".join(lines)


def latex_block(record: Derivation) -> str:
    """The claim as display math (what Jupyter's ``_repr_latex_`` shows)."""
    return f"$\\displaystyle {sp.latex(record.claim)}$"


def markdown(record: Derivation, proof: Proof | None = None, *, heading: str = "###") -> str:
    """The record as Markdown with ``$$`` math (Jupyter's ``_repr_markdown_`` and the docs)."""
    title = f"{heading} {record.title}"
    out = [
        title,
        "",
        f"*{record.source}*" + (f" · {record.korean}" if record.korean else ""),
        "",
        record.statement,
        "",
        "**Claim** (as the note states it):",
        "",
        f"$$\n{sp.latex(record.claim)}\n$$",
        "",
    ]
    if record.definitions:
        out += ["**Definitions:**", ""]
        out += [f"$$\n{sp.latex(sp.Eq(lhs, rhs, evaluate=False))}\n$$" for lhs, rhs in record.definitions]
        out.append("")
    if not record.sizes:
        out += ["**Derived by SymPy:**", "", f"$$\n{sp.latex(record.derived)}\n$$", ""]
    if record.steps:
        out += ["**Steps**, each checked against the one before:", ""]
        for k, step in enumerate(record.steps, 1):
            out += [f"{k}. {step.why}", "", f"    $$\n    {sp.latex(step.expr)}\n    $$", ""]
    if record.conventions:
        out += ["**Conventions:**", ""] + [f"- {c}" for c in record.conventions] + [""]
    if proof is not None:
        out += [
            f"**Verdict:** {'holds' if proof else 'wrong'} — {proof.method}"
            + (f"; {proof.detail}" if proof.detail else ""),
            "",
        ]
    return "\n".join(out)
