"""Expectations of polynomials in random variables, for sums of a symbolic length.

In: an expression polynomial in the elements of *families* of random variables (``w[i]``: one
variable per index value), possibly inside sums ``Σ_{i=1}^{n}``; the families' means and
variances.  Out: ``E[expression]`` as an expression with sums, ready for
:func:`symdl.rules.sums.normal`.

The rules, each a textbook fact:

* **linearity** -- E[a·X + b·Y] = a·E[X] + b·E[Y] for constants a, b, and E[Σ_i X_i] = Σ_i E[X_i]
  (finite sums);
* **independence** -- variables of different families are independent, so the expectation of
  a product is the product of each family's part;
* **identical distribution within a family** -- elements of one family are independent and
  share a mean μ and variance σ², so E[w_i] = μ, E[w_i²] = σ² + μ², and for two elements
  E[w_i·w_j] = μ² + σ²·δ(i, j) (independent when i ≠ j, the same variable when i = j).

Moments beyond the second are not modelled: a term needing one raises
:class:`NotImplementedError` rather than guess.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

__all__ = ["Family", "expectation", "variance"]


@dataclass(frozen=True)
class Family:
    """Independent, identically distributed variables ``base[i]``, independent of other families."""

    base: sp.IndexedBase
    mean: sp.Expr
    variance: sp.Expr


Term = tuple[sp.Expr, tuple[tuple, ...], tuple[sp.Expr, ...]]  # (coefficient, limits, factors)


def _terms(expr: sp.Expr) -> list[Term]:
    """``expr`` as a sum of ``coefficient · Σ_limits Π factors`` with fresh, distinct indices."""
    if isinstance(expr, sp.Add):
        return [t for a in expr.args for t in _terms(a)]
    if isinstance(expr, sp.Mul):
        out: list[Term] = [(sp.Integer(1), (), ())]
        for factor in expr.args:
            out = [
                (c1 * c2, l1 + l2, f1 + f2)
                for (c1, l1, f1), (c2, l2, f2) in itertools.product(out, _terms(factor))
            ]
        return out
    if isinstance(expr, sp.Pow) and expr.exp.is_Integer and expr.exp > 0 and _random(expr.base):
        return _terms(sp.Mul(*(_fresh(expr.base) for _ in range(int(expr.exp))), evaluate=False))
    if isinstance(expr, sp.Sum):
        fresh = _fresh(expr)
        return [(c, (*lims, *fresh.limits), f) for c, lims, f in _terms(fresh.function)]
    if _random(expr):
        return [(sp.Integer(1), (), (expr,))]
    return [(expr, (), ())]


def _random(expr: sp.Expr) -> bool:
    return bool(expr.atoms(sp.Indexed))


def _fresh(expr: sp.Expr) -> sp.Expr:
    """A copy of ``expr`` whose summation indices are new (for a power written as a product)."""
    if isinstance(expr, sp.Sum):
        rename = {i: sp.Dummy(str(i), integer=True) for i, _, _ in expr.limits}
        limits = [(rename[i], a.xreplace(rename), b.xreplace(rename)) for i, a, b in expr.limits]
        return sp.Sum(expr.function.xreplace(rename), *limits)
    return expr.func(*(_fresh(a) for a in expr.args)) if expr.args else expr


def _family_moment(elements: list[sp.Indexed], family: Family) -> sp.Expr:
    mu, var = family.mean, family.variance
    if len(elements) == 1:
        return mu
    if len(elements) == 2:
        (p,), (q,) = elements[0].indices, elements[1].indices
        return mu**2 + var * sp.KroneckerDelta(p, q)
    raise NotImplementedError(f"E of a product of {len(elements)} elements of {family.base}: moments above 2")


def _expect_factors(factors: Sequence[sp.Expr], families: dict[sp.Basic, Family]) -> sp.Expr:
    by_family: dict[sp.Basic, list[sp.Indexed]] = {}
    constant = sp.Integer(1)
    for f in factors:
        base, power = f.as_base_exp()
        if (
            not isinstance(base, sp.Indexed)
            or base.base not in families
            or not (power.is_Integer and power > 0)
        ):
            raise NotImplementedError(f"E of {f}: not a power of an element of a declared family")
        by_family.setdefault(base.base, []).extend([base] * int(power))
    for base, elements in by_family.items():
        constant *= _family_moment(elements, families[base])
    return constant


def expectation(expr: sp.Expr, families: Sequence[Family]) -> sp.Expr:
    """E[``expr``] by linearity, independence and the families' first two moments."""
    table = {f.base: f for f in families}
    total = sp.Integer(0)
    for coeff, limits, factors in _terms(sp.sympify(expr)):
        if any(coeff.has(b) for b in table):
            raise NotImplementedError(f"E of {coeff}: a random variable outside a polynomial")
        value = coeff * _expect_factors(factors, table)
        if value == 0:  # E[w_i] = 0: no Σ 0 left in the result
            continue
        total += sp.Sum(value, *limits) if limits else value
    return total


def variance(expr: sp.Expr, families: Sequence[Family]) -> sp.Expr:
    """Var[``expr``] = E[expr²] − E[expr]²."""
    return expectation(expr**2, families) - expectation(expr, families) ** 2
