"""``prove_equal``: is a = b for every value the assumptions allow?  Refute fast, prove soundly.

The tiers, in order, all inside one time budget:

1. **numbers** -- both sides at seeded random points, 50-digit mpmath (:mod:`.numeric`); a
   difference is a counterexample and ends the proof.  Cheap, so a wrong claim is refuted
   before any expensive symbolic work (a wrong BPTT order took SymPy's ``cancel`` > 10 min);
2. **symbols** -- the difference proved identically zero (:mod:`.algebra`): sums of a symbolic
   size in normal form, rational functions with radicals, exponentials, sign cases;
3. **simplify** -- SymPy's ``simplify``/``equals`` with what is left of the budget.

Two *sets* (a range ``(−1, 1)``, the solutions of an inequality) are compared as sets: equal
when each minus the other is empty, different when, with no symbols left, they are not
(:func:`_sets`).

The method label says exactly what happened: ``symbolic, general``; ``symbolic for x ≠ 0``;
``numeric only (mpmath, 50 digits, 12 points)`` when only numbers agree; a counterexample; or
``undecided`` (time limit, or no point where both sides are defined).
"""

from __future__ import annotations

import random
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
    if isinstance(a, sp.Set) or isinstance(b, sp.Set):
        return _sets(a, b, start, budget, domain, seed)
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
        if exact and not sample.points:
            # No side evaluated to a finite number (±∞, ∞ of unknown sign, nan): exact values that
            # are not the same expression, and not finite, are different -- never "agree".
            infinite = next(((x, y) for x, y in pairs if x.is_finite is False or y.is_finite is False), None)
            if infinite is not None:
                return Proof(
                    False,
                    "exact value",
                    f"left {infinite[0]}, right {infinite[1]}",
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


def _sets(a: Any, b: Any, start: float, budget: Budget, domain: dict | None, seed: int) -> Proof:
    """Two sets: equal if ``a − b`` and ``b − a`` are both empty (SymPy's exact set algebra on
    intervals and finite sets); different if, with no free symbols, either is not empty, or if
    they differ with their symbols put to sampled values (a counterexample)."""
    if not (isinstance(a, sp.Set) and isinstance(b, sp.Set)):
        raise TypeError(
            f"a set can only be compared with a set, got {type(a).__name__} and {type(b).__name__}"
        )
    try:
        with budget.limit():
            if a == b:
                return Proof(True, SYMBOLIC, "the two sets are the same", seconds=time.perf_counter() - start)
            left, right = sp.Complement(a, b), sp.Complement(b, a)
            if left is sp.S.EmptySet and right is sp.S.EmptySet:
                return Proof(
                    True, SYMBOLIC, "each set minus the other is empty", seconds=time.perf_counter() - start
                )
    except OutOfTime:
        return undecided("time limit", start, f"no verdict within {budget.seconds:g} s")
    if not (a.free_symbols or b.free_symbols):
        extra = left if left is not sp.S.EmptySet else right
        side = "left" if left is not sp.S.EmptySet else "right"
        return Proof(
            False,
            "exact value (the two sets differ)",
            f"left {a}, right {b}: only the {side} one contains {extra}",
            seconds=time.perf_counter() - start,
        )
    rng = random.Random(seed)
    symbols = sorted(a.free_symbols | b.free_symbols, key=str)
    try:
        with budget.limit():
            for _ in range(numeric.POINTS):
                point = {s: numeric.draw(s, domain or {}, rng) for s in symbols}
                at_a, at_b = a.xreplace(point), b.xreplace(point)
                if at_a.free_symbols or at_b.free_symbols or at_a == at_b:
                    continue
                if sp.Complement(at_a, at_b) is sp.S.EmptySet and sp.Complement(at_b, at_a) is sp.S.EmptySet:
                    continue
                return Proof(
                    False,
                    "numeric counterexample (exact sets at a sampled point)",
                    f"at {point}: left {at_a}, right {at_b}",
                    {str(s): float(v) for s, v in point.items()},
                    seconds=time.perf_counter() - start,
                )
    except OutOfTime:
        pass
    return undecided("sets not shown equal", start, f"left {a}, right {b}")


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
    except (TypeError, ValueError, NotImplementedError, ZeroDivisionError, KeyError, AttributeError):
        # (equals evaluates at random points, which fails for traces of matrix symbols)
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
