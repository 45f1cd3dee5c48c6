"""``prove_relation``: is a < b (or ≤, >, ≥, ≠) for every value the assumptions allow?

In order, inside one budget: SymPy's sign inference on a − b (sound: it reasons only from the
symbols' assumptions; sums of a symbolic size enter as opaque symbols that keep their sign --
a sum of positive terms is positive), then exact evaluation when there are no symbols, then
seeded random points, which can refute but only give "numeric only" evidence.
"""

from __future__ import annotations

import time
from typing import Any

import sympy as sp

from symdl.proof import SYMBOLIC, Proof
from symdl.rules.sums import Facts, has_sums, normal, opaque
from symdl.verify import numeric
from symdl.verify.budget import Budget, OutOfTime
from symdl.verify.equal import MIN_POINTS, undecided

__all__ = ["RELATIONS", "prove_relation"]

# For each relation a ? b: the SymPy assumption on a − b that decides it, and the numeric test.
RELATIONS = {
    sp.StrictLessThan: ("is_negative", lambda d: d < 0),
    sp.LessThan: ("is_nonpositive", lambda d: d <= 0),
    sp.StrictGreaterThan: ("is_positive", lambda d: d > 0),
    sp.GreaterThan: ("is_nonnegative", lambda d: d >= 0),
    sp.Unequality: ("is_nonzero", lambda d: d != 0),
}


def _sign(diff: sp.Expr, assumption: str, facts: Facts) -> bool | None:
    forms = [diff]
    if has_sums(diff) or facts.ranges:
        # A sum keeps the sign of its body as written (Σ p_i (v_i − v̄)² ≥ 0), which its normal
        # form (Σ p v² − (Σ p v)²) hides; so both.
        forms = [opaque(diff, {}, facts), opaque(normal(diff, facts), {}, facts)]
    for base in forms:
        for form in (base, sp.cancel(base), sp.factor(base)):
            decided = getattr(form, assumption)
            if decided is not None:
                return bool(decided)
    return None


def prove_relation(
    a: Any,
    b: Any,
    relation: type,
    *,
    domain: dict | None = None,
    seed: int = 0,
    timeout: float = 5.0,
    budget: Budget | None = None,
    facts: Facts | None = None,
) -> Proof:
    """Decide ``a < b`` (or ≤, >, ≥, ≠; ``relation`` is the SymPy class).

    >>> x = sp.Symbol("x", real=True)
    >>> print(prove_relation(sp.exp(x), 0, sp.StrictGreaterThan))
    holds (symbolic, general): by the signs SymPy infers
    """
    start = time.perf_counter()
    budget = budget or Budget(timeout)
    facts = facts or Facts()
    assumption, test = RELATIONS[relation]
    diff = sp.sympify(a) - sp.sympify(b)
    try:
        with budget.limit():
            if diff.free_symbols:
                decided = _sign(diff, assumption, facts)
                if decided is not None:
                    return Proof(
                        decided, SYMBOLIC, "by the signs SymPy infers", seconds=time.perf_counter() - start
                    )
            elif diff == 0 and (sp.sympify(a).free_symbols or sp.sympify(b).free_symbols):
                # Sides with symbols that cancel exactly: the relation is decided for every value.
                return Proof(
                    bool(test(0)),
                    SYMBOLIC,
                    "the two sides are the same expression",
                    seconds=time.perf_counter() - start,
                )
            elif diff.is_zero or diff.is_Rational:
                value = sp.Rational(diff) if diff.is_Rational else sp.Integer(0)
                return Proof(
                    bool(test(value)),
                    "exact value",
                    f"left − right = {value}",
                    seconds=time.perf_counter() - start,
                )
            else:
                value = diff.evalf(numeric.DIGITS)
                if abs(value) > sp.Float(10) ** -(numeric.DIGITS - 10):
                    return Proof(
                        bool(test(value)),
                        f"exact value, evaluated to {numeric.DIGITS} digits",
                        f"left − right = {float(value):.6g}",
                        seconds=time.perf_counter() - start,
                    )
                return undecided("the two sides agree to 40 digits", start)
        with budget.limit():
            strict = relation in (sp.StrictLessThan, sp.StrictGreaterThan, sp.Unequality)
            sample = numeric.holds_at_points(diff, test, domain, facts, seed, numeric.POINTS * 4, strict)
    except OutOfTime:
        return undecided("time limit", start, f"no verdict within {budget.seconds:g} s")
    if not sample.agree:
        return Proof(
            False,
            f"numeric counterexample (mpmath, {numeric.DIGITS} digits)",
            f"fails at {sample.counterexample}",
            sample.counterexample,
            seconds=time.perf_counter() - start,
        )
    if sample.points < MIN_POINTS:
        return undecided(
            "no valid sample point" if not sample.points else "too few valid sample points", start
        )
    return Proof(
        True,
        f"numeric only (mpmath, {numeric.DIGITS} digits, {sample.points} points)",
        seconds=time.perf_counter() - start,
    )
