"""``prove_equal``: is a = b for every value the assumptions allow?  Refute fast, prove soundly.

The tiers, in order, all inside one time budget:

1. **numbers** -- both sides at seeded random points, 50-digit mpmath (:mod:`.numeric`); a
   difference is a counterexample and ends the proof.  Cheap, so a wrong claim is refuted
   before any expensive symbolic work (a wrong BPTT order took SymPy's ``cancel`` > 10 min);
2. **symbols** -- the difference proved identically zero (:mod:`.algebra`): sums of a symbolic
   size in normal form, rational functions with radicals, exponentials, sign cases;
3. **simplify** -- SymPy's ``simplify``/``equals`` with what is left of the budget.

The method label says exactly what happened: ``symbolic, general``; ``symbolic for x ≠ 0``;
``numeric only (mpmath, 50 digits, 12 points)`` when only numbers agree; a counterexample; or
``undecided`` (time limit, or no point where both sides are defined).
"""

from __future__ import annotations

import time
from typing import Any

import sympy as sp

from symdl.proof import SYMBOLIC, Proof
from symdl.rules.sums import Facts
from symdl.verify import numeric
from symdl.verify.algebra import Zero, is_zero
from symdl.verify.budget import Budget, OutOfTime

__all__ = ["entries", "prove_equal", "undecided"]

MIN_POINTS = 4  # fewer agreeing points than this is no evidence


def entries(a: Any, b: Any) -> list[tuple[sp.Expr, sp.Expr]]:
    """The pairs to compare: one for scalars, one per entry for matrices of equal shape."""
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        a, b = sp.Matrix(a), sp.Matrix(b)
        if a.shape != b.shape:
            raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
        return list(zip(a, b, strict=True))
    return [(sp.sympify(a), sp.sympify(b))]


def undecided(why: str, start: float, detail: str = "") -> Proof:
    """A verdict that is neither: not proved, not refuted."""
    return Proof(False, f"undecided ({why})", detail, seconds=time.perf_counter() - start)


def _label(zeros: list[Zero]) -> str:
    left_out = sorted({p for z in zeros for p in z.except_at})
    if not left_out:
        return SYMBOLIC
    return "symbolic for " + ", ".join(p.replace(" = ", " ≠ ") for p in left_out)


def prove_equal(
    a: Any,
    b: Any,
    *,
    domain: dict | None = None,
    seed: int = 0,
    timeout: float = 5.0,
    budget: Budget | None = None,
    facts: Facts | None = None,
) -> Proof:
    """Decide whether ``a == b`` (scalars or matrices) for all values in ``domain``.

    >>> x = sp.Symbol("x", real=True)
    >>> print(prove_equal(sp.diff(sp.exp(2 * x), x), 2 * sp.exp(2 * x)))
    holds (symbolic, general)
    >>> print(prove_equal(sp.log(x**2), 2 * sp.log(x)).method)
    numeric counterexample (mpmath, 50 digits)
    """
    start = time.perf_counter()
    budget = budget or Budget(timeout)
    facts = facts or Facts()
    try:
        with budget.limit():
            pairs = [(x, y) for x, y in entries(a, b) if x != y]
        if not pairs:
            return Proof(
                True, SYMBOLIC, "the two sides are the same expression", seconds=time.perf_counter() - start
            )
        exact = not any(x.free_symbols | y.free_symbols for x, y in pairs)
        with budget.limit():
            sample = numeric.compare(pairs, domain, facts, seed)
        if not sample.agree:
            if exact:
                return _exact_refutation(pairs, start)
            return Proof(
                False,
                f"numeric counterexample (mpmath, {numeric.DIGITS} digits)",
                f"differs at {sample.counterexample}",
                sample.counterexample,
                seconds=time.perf_counter() - start,
            )
        zeros = []
        with budget.limit():
            for x, y in pairs:
                zero = is_zero(x - y, facts)
                if not zero:
                    break
                zeros.append(zero)
        if len(zeros) == len(pairs):
            return Proof(True, _label(zeros), seconds=time.perf_counter() - start)
        if not facts.ranges and not any(p[0].atoms(sp.Sum) or p[1].atoms(sp.Sum) for p in pairs):
            with budget.limit():
                if all(_simplifies_to_zero(x - y) for x, y in pairs[len(zeros) :]):
                    return Proof(True, SYMBOLIC, "by simplify", seconds=time.perf_counter() - start)
    except OutOfTime:
        if "sample" in locals() and sample.points >= MIN_POINTS:
            return _numeric_only(sample, start, "symbolic proof ran out of time")
        return undecided("time limit", start, f"no verdict within {budget.seconds:g} s")
    if exact:
        return Proof(
            True,
            f"numeric only (exact values agree to {numeric.DIGITS - 10} digits)",
            seconds=time.perf_counter() - start,
        )
    if sample.points < MIN_POINTS:
        return undecided(
            "no valid sample point" if not sample.points else "too few valid sample points", start
        )
    return _numeric_only(sample, start)


def _numeric_only(sample: numeric.Sample, start: float, detail: str = "") -> Proof:
    return Proof(
        True,
        f"numeric only (mpmath, {numeric.DIGITS} digits, {sample.points} points)",
        detail,
        seconds=time.perf_counter() - start,
    )


def _simplifies_to_zero(diff: sp.Expr) -> bool:
    try:
        return sp.simplify(diff) == 0 or diff.equals(0) is True
    except (TypeError, ValueError, NotImplementedError, ZeroDivisionError):
        return False


def _exact_refutation(pairs: list[tuple[sp.Expr, sp.Expr]], start: float) -> Proof:
    bad = next(
        (x, y) for x, y in pairs if abs(sp.N(x - y, numeric.DIGITS)) > sp.Float(10) ** -(numeric.DIGITS - 10)
    )
    return Proof(
        False,
        f"exact value, evaluated to {numeric.DIGITS} digits",
        f"left {sp.N(bad[0], 6)}, right {sp.N(bad[1], 6)}",
        seconds=time.perf_counter() - start,
    )
