"""Showing a record: text for a terminal, LaTeX and Markdown for Jupyter and the docs.

Every formula shown is printed by :mod:`symdl.notation` (SymPy's printers, taught to write E[·],
Var(·), diag(·), ⊙ and subscripts) from the record's own expressions, never retyped.  Prose is
wrapped to ``width`` columns for a terminal; formulas too wide for it are printed by SymPy's
own line breaking.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sympy as sp

from symdl._text import fill
from symdl.notation import latex, pretty

if TYPE_CHECKING:
    from symdl.proof import Proof
    from symdl.record import Derivation

__all__ = ["WIDTH", "claim_heading", "latex_block", "markdown", "step_formula", "text_block"]

WIDTH = 100


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _wrap(text: str, width: int, indent: str = "") -> str:
    return fill(text, width, indent, indent)


def claim_heading(record: Derivation) -> str:
    """How the claim is introduced: as the note's formula, or as ours for what it says in words."""
    if not record.holds:
        return "the note's claim (wrong — see the correction below)"
    if record.stated:
        return "claim, as the note states it"
    return "claim (the note says this in words; the formula is written here)"


def _formula(expr: Any, width: int) -> str:
    return _indent(pretty(expr, width=width - 4))


def step_formula(step: Any, dots: str) -> Any:
    """A step as written: its expression, or for a bound "⋯ ≤ expression" (the step before it
    on the left)."""
    if step.relation is None:
        return step.expr
    return step.relation(sp.Symbol(dots), step.expr, evaluate=False)


def _index_form(record: Derivation) -> Any | None:
    if record.indexed is not None:
        return sp.Eq(*record.indexed, evaluate=False)
    return None


def _derived_lines(record: Derivation, width: int) -> list[str]:
    """What SymPy derived, written out when that is readable, else as computed from the definitions."""
    shown = _formula(record.derived, width)
    if len(shown.splitlines()) <= 12 or record.derived_expr is None or not record.definitions:
        return ["derived by SymPy:", shown]
    size = len(shown.splitlines())
    return [
        f"derived by SymPy from the definitions above ({size} lines written out):",
        _formula(record.derived_expr, width),
    ]


def text_block(record: Derivation, proof: Proof | None = None, *, width: int = WIDTH) -> str:
    """The record as a terminal reader wants it: claim, definitions, steps, conventions, verdict."""
    heading = f"{record.title}  [{record.name}]"
    if not record.holds:
        heading += "  (erratum: the note is wrong here)"
    lines = [
        _wrap(heading, width),
        _wrap(f"from: {record.source}" + (f"  ({record.korean})" if record.korean else ""), width),
    ]
    lines += [
        "",
        _wrap(record.statement, width),
        "",
        f"{claim_heading(record)}:",
        _formula(record.claim, width),
    ]
    if record.definitions:
        lines.append("where:")
        lines += [_formula(sp.Eq(lhs, rhs, evaluate=False), width) for lhs, rhs in record.definitions]
    index_form = _index_form(record)
    if index_form is not None:
        lines += ["entry by entry (what is proved, for any size):", _formula(index_form, width)]
    if record.induction is not None:
        ind = record.induction
        lines += [
            f"by induction on {ind.variable} (from {ind.variable} = {ind.start}):",
            _wrap(ind.hypothesis, width, "    ") if ind.hypothesis else "",
        ]
    elif record.sizes and record.derived_expr is None and index_form is None:
        sizes = ", ".join(map(str, record.sizes))
        lines.append(f"proved on explicit symbolic matrices for {record.size_name} = {sizes}")
    elif index_form is None:
        lines += _derived_lines(record, width)
    if record.steps:
        lines.append("steps (each checked against the one before: equal, or the bound shown):")
        for k, step in enumerate(record.steps, 1):
            lines += [_wrap(f"{k}. {step.why}", width, "  "), _formula(step_formula(step, "⋯"), width)]
    if record.conventions:
        lines.append("conventions:")
        lines += [_wrap(f"- {c}", width, "  ") for c in record.conventions]
    if record.kernel is not None:
        why = f" — {record.kernel.why}" if record.kernel.why else ""
        lines.append(_wrap(f"kernel: {record.kernel.name}{why}", width))
    if not record.holds:
        lines += [
            "",
            "what is true instead:",
            _formula(record.correction, width),
            _wrap(record.truth, width, "  "),
        ]
    if proof is not None:
        lines += ["", _wrap(f"verdict: {proof}", width)]
        if proof.cross_check is not None:
            lines.append(_wrap(f"cross-check on explicit sizes: {proof.cross_check}", width))
    return "\n".join(line for line in lines if line is not None)


def latex_block(record: Derivation) -> str:
    """The claim as display math (what Jupyter's ``_repr_latex_`` shows)."""
    return f"$\\displaystyle {latex(record.claim)}$"


def markdown(record: Derivation, proof: Proof | None = None, *, heading: str = "###") -> str:
    """The record as Markdown with ``$$`` math (Jupyter's ``_repr_markdown_`` and the docs)."""
    out = [
        f"{heading} {record.title}",
        "",
        f"*{record.source}*" + (f" · {record.korean}" if record.korean else ""),
        "",
        record.statement,
        "",
        f"**{claim_heading(record)[0].upper()}{claim_heading(record)[1:]}:**",
        "",
        f"$$\n{latex(record.claim)}\n$$",
        "",
    ]
    if record.definitions:
        out += ["**Where:**", ""]
        out += [f"$$\n{latex(sp.Eq(lhs, rhs, evaluate=False))}\n$$" for lhs, rhs in record.definitions]
        out.append("")
    index_form = _index_form(record)
    if index_form is not None:
        out += ["**Entry by entry** (what is proved, for any size):", "", f"$$\n{latex(index_form)}\n$$", ""]
    if record.induction is not None:
        ind = record.induction
        var = latex(ind.variable)
        out += [f"**By induction on ${var}$** from ${var} = {ind.start}$. {ind.hypothesis}", ""]
    elif (not record.sizes or record.derived_expr is not None) and index_form is None:
        derived = record.derived
        if record.definitions and record.derived_expr is not None and sp.count_ops(derived) > 40:
            out += [
                "**Derived by SymPy** from the definitions above:",
                "",
                f"$$\n{latex(record.derived_expr)}\n$$",
                "",
            ]
        else:
            out += ["**Derived by SymPy:**", "", f"$$\n{latex(derived)}\n$$", ""]
    if record.steps:
        out += ["**Steps**, each checked against the one before (equal, or the bound shown):", ""]
        for k, step in enumerate(record.steps, 1):
            shown = latex(step_formula(step, r"\cdots"))
            out += [f"{k}. {step.why}", "", f"    $$\n    {shown}\n    $$", ""]
    if record.conventions:
        out += ["**Conventions:**", ""] + [f"- {c}" for c in record.conventions] + [""]
    if not record.holds:
        out += ["**What is true instead:**", "", f"$$\n{latex(record.correction)}\n$$", "", record.truth, ""]
    if proof is not None:
        verdict = "undecided" if proof.undecided else "holds" if proof else "wrong"
        out += [
            f"**Verdict:** {verdict} — {proof.method}" + (f"; {proof.detail}" if proof.detail else ""),
            "",
        ]
        if proof.cross_check is not None:
            out += [f"**Cross-check on explicit sizes:** {proof.cross_check.method}", ""]
    return "\n".join(out)
