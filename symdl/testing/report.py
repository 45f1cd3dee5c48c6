"""The report of one check: a verdict per case, and the first failure explained.

``bool(report)`` is the verdict; ``report.summary`` is two or three lines of text;
``str(report)`` is a table of the cases followed by the first failing case in full: its
inputs (shape, scale, how they were made), the output and index where it is furthest off,
expected and got, the error (absolute, relative, in ulp) against what was allowed, and a
hint when the result matches a known mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["CaseResult", "Discrepancy", "Report"]


@dataclass(frozen=True)
class Discrepancy:
    """Where a student's output is furthest from the reference, relative to what is allowed."""

    output: str  # "dx", or a statistic such as "variance of the weights"
    index: tuple[int, ...] | None
    expected: float
    got: float
    error: float  # |got − expected|
    allowed: float  # the largest error allowed there
    relative: float | None = None  # error/|expected|
    ulp: float | None = None  # error in ulp of the dtype at expected
    dtype: str = ""

    def lines(self) -> list[str]:
        where = self.output if self.index is None else f"{self.output}, index {self.index}"
        error = f"{self.error:.3g}"
        extra = []
        if self.relative is not None:
            extra.append(f"relative {self.relative:.3g}")
        if self.ulp is not None:
            extra.append(f"{self.ulp:.3g} ulp of {self.dtype}")
        if extra:
            error += f" ({', '.join(extra)})"
        expected, got = pair(self.expected_shown, self.got, digits=12)
        return [
            f"output:   {where}",
            f"expected: {expected}{self._exactly()}",
            f"got:      {got}",
            f"error:    {error}; allowed here: {self.allowed:.3g}",
        ]

    @property
    def expected_shown(self) -> float:
        """The expected value as the dtype under test can hold it."""
        if self.dtype == "float32" and np.isfinite(self.expected):
            with np.errstate(all="ignore"):
                return float(np.float32(self.expected))
        return self.expected

    def _exactly(self) -> str:
        """The float64 reference, when rounding it to the dtype under test changes it visibly."""
        if self.dtype != "float32" or not np.isfinite(self.expected):
            return ""
        with np.errstate(all="ignore"):
            rounded = float(np.float32(self.expected))
        return "" if f"{rounded:.6g}" == f"{self.expected:.6g}" else f" (float64: {self.expected:.6g})"


def pair(expected: float, got: float, digits: int = 6) -> tuple[str, str]:
    """Both numbers with enough digits to tell them apart (at least ``digits``)."""
    for k in range(digits, 18):
        a, b = f"{expected:.{k}g}", f"{got:.{k}g}"
        if a != b:
            return a, b
    return a, b


@dataclass(frozen=True)
class CaseResult:
    """One case of the battery: what it was, and whether the student's function agreed."""

    number: int
    label: str
    inputs: tuple[str, ...]  # how each argument was made
    ok: bool
    reason: str = ""  # short: "values differ", "raised", "wrong shape", "wrong dtype", ...
    message: str = ""  # one or two sentences in the student's terms
    worst: float = 0.0  # largest error / allowance over the case (≤ 1 passes)
    step: str = ""  # which call of a multi-step case failed ("step t = 7")
    discrepancy: Discrepancy | None = None
    matches: tuple[tuple[str, str], ...] = ()  # (mistake, hint) pairs the output agrees with
    note: str = ""  # what this case is about, shown when it fails
    warnings: tuple[str, ...] = ()  # numpy warnings the student's code raised
    remark: str = ""  # shown for a passing case too ("same draws as symdl's kernel")

    def row_note(self) -> str:
        if self.ok:
            parts = [self.remark] if self.remark else []
        else:
            parts = [self.reason]
            if self.discrepancy is not None and self.discrepancy.index is not None:
                idx = ", ".join(str(i) for i in self.discrepancy.index)
                parts = [f"{self.discrepancy.output}[{idx}]"]
            if self.step:
                parts.append(self.step)
            if self.matches:
                parts.append("matches: " + self.matches[0][0])
        if self.warnings:
            parts.append("numpy warned: " + self.warnings[0])
        return "; ".join(parts)


@dataclass(frozen=True)
class Report:
    """The result of `symdl.testing.check_implementation`; truthy iff every case agrees."""

    name: str
    korean: str
    dtype: str
    seed: int
    cases: tuple[CaseResult, ...]
    remark: str = ""  # e.g. why dtype does not apply
    function: str = field(default="", compare=False)  # the student's function, as named

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.cases)

    def __bool__(self) -> bool:
        return self.ok

    @property
    def failures(self) -> tuple[CaseResult, ...]:
        return tuple(c for c in self.cases if not c.ok)

    @property
    def first_failure(self) -> CaseResult | None:
        return next((c for c in self.cases if not c.ok), None)

    @property
    def hints(self) -> tuple[str, ...]:
        """The known mistakes the first failing case matches (labels), if any."""
        first = self.first_failure
        return () if first is None else tuple(label for label, _ in first.matches)

    def _title(self) -> str:
        who = f"{self.function} as " if self.function else ""
        return f"{who}{self.name} ({self.korean}), {self.dtype}"

    def _verdict(self) -> str:
        if self.ok:
            worst = max((c.worst for c in self.cases), default=0.0)
            return (
                f"all {len(self.cases)} cases agree with symdl.kernels.{self.name} "
                f"(largest error {worst:.2g} of the allowance)"
            )
        return (
            f"FAILED, {len(self.failures)} of {len(self.cases)} cases disagree with symdl.kernels.{self.name}"
        )

    @property
    def summary(self) -> str:
        """A few lines of text: the verdict, and the first failure with its hint."""
        lines = [f"{self._title()}: {self._verdict()}."]
        first = self.first_failure
        if first is None:
            return lines[0]
        step = f", {first.step}" if first.step else ""
        lines.append(f"First: case {first.number} ({first.label}){step}: {_short(first)}")
        if first.matches:
            label, hint = first.matches[0]
            lines.append(f"Hint: your result matches {label}. {_sentence(hint)}")
        elif first.note:
            lines.append(f"Note: {first.note}.")
        if first.warnings and not first.matches:
            lines.append(f"numpy warned: {first.warnings[0]}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        lines = [f"symdl answer key: {self._title()}, seed {self.seed}: {self._verdict()}."]
        if self.remark:
            lines.append(self.remark)
        lines.append("")
        width = max(len(c.label) for c in self.cases)
        lines.append(f"  #  {'case':<{width}}  result  error/allowed  notes")
        for c in self.cases:
            worst = _ratio(c.worst) if (c.ok or c.discrepancy is not None) else "-"
            verdict = "ok" if c.ok else "FAILED"
            lines.append(
                f"{c.number:>3}  {c.label:<{width}}  {verdict:<6}  {worst:>13}  {c.row_note()}".rstrip()
            )
        first = self.first_failure
        if first is not None:
            lines += [
                "",
                f"First failing case: #{first.number}, {first.label}"
                + (f", {first.step}" if first.step else ""),
            ]
            lines += _details(first)
        return "\n".join(lines)


def _ratio(value: float) -> str:
    if not np.isfinite(value):
        return "inf"
    return f"{value:.2g}"


def _short(case: CaseResult) -> str:
    d = case.discrepancy
    if d is None:
        return case.message
    where = d.output if d.index is None else f"{d.output}[{', '.join(str(i) for i in d.index)}]"
    expected, got = pair(d.expected_shown, d.got)
    return f"{where} expected {expected}, got {got}."


def _details(case: CaseResult) -> list[str]:
    lines = []
    for k, how in enumerate(case.inputs):
        lines.append(("  inputs:   " if k == 0 else " " * 12) + how)
    if case.message:
        lines += _wrap("  problem:  ", case.message)
    if case.discrepancy is not None:
        lines += ["  " + line for line in case.discrepancy.lines()]
    for label, hint in case.matches:
        lines += _wrap("  hint:     ", f"your result matches {label}. {_sentence(hint)}")
    if not case.matches and case.note:
        lines += _wrap("  note:     ", f"this case is about {case.note}.")
    for warning in case.warnings:
        lines += _wrap("  warning:  ", f"numpy warned: {warning}")
    return lines


def _sentence(text: str) -> str:
    """``text`` with its first word capitalised, unless it starts with notation, which keeps its
    case: a single letter (x, m), a Greek letter or symbol (μ, ε), code (np.var, tanh′(x)) or a
    formula (dx = …, log Σ …)."""
    words = text.split(maxsplit=2)
    first, second = [*words, "", ""][:2]
    prose = first.isascii() and first.isalpha() and first.islower() and len(first) > 1
    if prose and (not second or (second[0].isascii() and second[0].isalnum())):
        return first[0].upper() + text[1:]
    return text


def _wrap(first: str, text: str, width: int = 100) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=" " * len(first))
