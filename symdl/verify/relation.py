"""``prove_relation``: is a < b (or ≤, >, ≥, ≠) for every value the assumptions allow?

In order, inside one budget: SymPy's sign inference on a − b (sound: it reasons only from the
symbols' assumptions; sums of a symbolic size enter as opaque symbols that keep their sign --
a sum of positive terms is positive), then the same on a relaxed form in which exp, tanh, sech
and cosh are replaced by fresh symbols ranging over their ranges (e^(−u) ≤ 1, |tanh| < 1) and
integrals over one interval are merged and enter as symbols with their integrand's sign --
this can prove, never refute --, then, for two positive sides, on a² − b² (the same sign),
then exact evaluation when there are no symbols, then seeded random points, which can refute
but only give "numeric only" evidence.
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


def _decide(expr: sp.Expr, assumption: str) -> bool | None:
    for form in (expr, sp.cancel(expr), sp.factor(expr)):
        decided = getattr(form, assumption)
        if decided is not None:
            return bool(decided)
    return None


def _sign(diff: sp.Expr, assumption: str, facts: Facts) -> bool | None:
    forms = [diff]
    if has_sums(diff) or facts.ranges:
        # A sum keeps the sign of its body as written (Σ p_i (v_i − v̄)² ≥ 0), which its normal
        # form (Σ p v² − (Σ p v)²) hides; so both.
        forms = [opaque(diff, {}, facts), opaque(normal(diff, facts), {}, facts)]
    for base in forms:
        decided = _decide(base, assumption)
        if decided is not None:
            return decided
    for base in forms:
        # What is true of every value in a bounded function's range is true of the function;
        # a relaxation can prove, never refute.
        relaxed = relax(integrals_opaque(base))
        if relaxed != base and _decide(relaxed, assumption):
            return True
    return None


# -- bounded functions and integrals --------------------------------------------------------------
_RANGES = """What ``relax`` puts in place of each call, by its argument's sign (u ≥ 0, v > 0 fresh):
exp(a) ∈ (0, 1] for a ≤ 0: 1/(1 + u); exp(a) ≥ 1 for a ≥ 0: 1 + u; tanh(a) ∈ (−1, 1) for real a:
(v − 1)/(v + 1), [0, 1) for a ≥ 0: u/(u + 2), (−1, 0] for a ≤ 0: −u/(u + 2); sech(a) ∈ (0, 1]:
1/(1 + u); cosh(a) ≥ 1: 1 + u (a real)."""


def relax(expr: sp.Expr) -> sp.Expr:
    """``expr`` with each call of exp, tanh, sech or cosh replaced by a fresh symbol's expression
    whose values are exactly the call's range (:data:`_RANGES`).  A sign that holds for every
    value of the fresh symbols holds for ``expr``: the calls' values are among them (what is
    lost is only how the calls depend on their arguments).  The same call gets the same symbol."""
    table: dict[sp.Basic, sp.Expr] = {}

    def fresh(**assumptions: bool) -> sp.Symbol:
        return sp.Dummy(f"r{len(table)}", **assumptions)

    for call in sorted(expr.atoms(sp.exp, sp.tanh, sp.sech, sp.cosh), key=sp.count_ops, reverse=True):
        a = call.args[0]
        if a.is_real is not True:
            continue
        if isinstance(call, sp.exp) and a.is_nonpositive:
            u = fresh(nonnegative=True)
            table[call] = 1 / (1 + u)
        elif isinstance(call, sp.exp) and a.is_nonnegative:
            table[call] = 1 + fresh(nonnegative=True)
        elif isinstance(call, sp.tanh):
            if a.is_nonnegative or a.is_nonpositive:
                u = fresh(nonnegative=True)
                table[call] = (u if a.is_nonnegative else -u) / (u + 2)
            else:
                v = fresh(positive=True)
                table[call] = (v - 1) / (v + 1)
        elif isinstance(call, sp.sech):
            table[call] = 1 / (1 + fresh(nonnegative=True))
        elif isinstance(call, sp.cosh):
            table[call] = 1 + fresh(nonnegative=True)
    return expr.xreplace(table)


def integrals_opaque(expr: sp.Expr) -> sp.Expr:
    """``expr`` with integrals over the same interval merged (a·∫f + b·∫g = ∫(a·f + b·g) when a
    and b do not involve the variable), then each replaced by a symbol that keeps the sign of
    its integrand over the interval (lower limit ≤ upper; the variable as a fresh real, also
    ≥ 0 when the lower limit is, ≤ 0 when the upper one is).  The sign is that of the integral
    where it exists."""
    if not expr.atoms(sp.Integral):
        return expr
    merged: dict[tuple, sp.Expr] = {}
    variables: dict[tuple, sp.Dummy] = {}
    rest = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(expr, deep=False, mul=True, multinomial=False)):
        coeff, integral = sp.Integer(1), None
        for factor in sp.Mul.make_args(term):
            if isinstance(factor, sp.Integral) and integral is None and len(factor.limits) == 1:
                integral = factor
            else:
                coeff *= factor
        if integral is None or len(integral.limits[0]) != 3 or coeff.has(integral.limits[0][0]):
            rest += term
            continue
        var, lo, hi = integral.limits[0]
        if (lo, hi) not in variables:  # one variable per interval, so that the integrands merge
            side = (
                {"nonnegative": True}
                if lo.is_extended_nonnegative
                else {"nonpositive": True}
                if hi.is_extended_nonpositive
                else {}
            )
            variables[lo, hi] = sp.Dummy("x", real=True, **side)
        body = coeff * integral.function.xreplace({var: variables[lo, hi]})
        merged[lo, hi] = merged.get((lo, hi), 0) + body
    out = rest
    for k, ((lo, hi), body) in enumerate(merged.items()):
        ordered = (hi - lo).is_extended_nonnegative is True
        sign = relax(body) if ordered else body
        judged = {}
        if ordered and _decide(sign, "is_nonnegative"):
            judged = {"nonnegative": True}
        elif ordered and _decide(sign, "is_nonpositive"):
            judged = {"nonpositive": True}
        out += sp.Symbol(f"∫{k}", real=True, **judged)
    return out


def _squares(a: sp.Expr, b: sp.Expr, assumption: str, facts: Facts) -> bool | None:
    """For positive a and b, a − b and a² − b² = (a − b)(a + b) have the same sign: square roots
    on both sides (η/√(s + g² + ε) ≤ η/√(s + ε)) become rational.  Only when SymPy knows both
    sides positive."""
    if not (a.is_positive and b.is_positive):
        return None
    return _sign(sp.expand(a**2 - b**2), assumption, facts)


def _exact(diff: sp.Expr, a: sp.Expr, b: sp.Expr, test: Any, start: float) -> Proof:
    """``a ? b`` when ``a − b`` has no free symbol: exactly, or evaluated to 50 digits."""
    if diff == 0 and not (a.is_Number and b.is_Number):
        # Sides (not plain numbers) that cancel exactly: the relation is decided for every value.
        return Proof(
            bool(test(0)),
            SYMBOLIC,
            "the two sides are the same expression",
            seconds=time.perf_counter() - start,
        )
    if diff.is_zero or diff.is_Rational:
        value = sp.Rational(diff) if diff.is_Rational else sp.Integer(0)
        return Proof(
            bool(test(value)), "exact value", f"left − right = {value}", seconds=time.perf_counter() - start
        )
    value = diff.evalf(numeric.DIGITS)
    if not value.is_Number:  # an integral mpmath could not evaluate
        return undecided("no numeric value", start)
    if abs(value) > sp.Float(10) ** -(numeric.DIGITS - 10):
        return Proof(
            bool(test(value)),
            f"exact value, evaluated to {numeric.DIGITS} digits",
            f"left − right = {float(value):.6g}",
            seconds=time.perf_counter() - start,
        )
    return undecided("the two sides agree to 40 digits", start)


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
            if diff.free_symbols or diff.atoms(sp.Integral):
                decided = _sign(diff, assumption, facts)
                if decided is None:
                    decided = _squares(sp.sympify(a), sp.sympify(b), assumption, facts)
                if decided is not None:
                    return Proof(
                        decided, SYMBOLIC, "by the signs SymPy infers", seconds=time.perf_counter() - start
                    )
            if not diff.free_symbols:
                return _exact(diff, sp.sympify(a), sp.sympify(b), test, start)
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
