"""Symbolic tiers: deciding that an expression is identically zero, soundly.

In: one expression (a difference of two sides), the facts a general-size proof may use.  Out:
:class:`Zero` -- proved for every value the symbols' assumptions allow, proved except at the
kinks of ``Abs``/``Max``/``Piecewise`` (where a record's convention decides the value), or not
proved.  "Not proved" is never a refutation; the numbers decide that.

Every rewrite here is valid for the assumptions the symbols carry, nothing is forced:

* sums of a symbolic length are put in the normal form of :mod:`symdl.rules.sums`, each atomic
  sum then stands as an opaque symbol, and a Kronecker delta of two free indices is split into
  its two cases (δ = 1 with the indices equal, δ = 0);
* radicals ``B^(p/q)`` become powers of a new symbol ``R`` with ``R^q = B`` (true on every
  branch: ``(B^(1/q))^q = B``), the expression is cancelled as a rational function and its
  numerator reduced modulo those relations;
* a real symbol x may be replaced by ``log z`` with ``z > 0`` (a bijection onto the reals), so
  exponentials become powers; only ``expand_log``/``powsimp`` without ``force`` follow;
* ``c·max(a, b) = max(c·a, c·b)`` for ``c > 0`` (likewise min), after which SymPy drops
  dominated arguments it can compare;
* inside ``Abs``, ``Max``, ``Min``, ``Heaviside``, ``sign`` and ``Piecewise`` the sign of a
  real symbol is split: x = p and x = −p with p > 0, and the point x = 0 itself.

The caller runs this inside its :class:`~symdl.verify.budget.Budget`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from symdl.rules.sums import Facts, has_sums, kronecker_cases, normal, opaque

__all__ = ["Zero", "is_zero"]

_KINKED = (sp.Abs, sp.Max, sp.Min, sp.Heaviside, sp.sign, sp.Piecewise)


@dataclass(frozen=True)
class Zero:
    """Whether an expression was proved identically zero, and any points left out."""

    proved: bool
    except_at: tuple[str, ...] = ()  # e.g. ("x = 0",): proved everywhere else

    def __bool__(self) -> bool:
        return self.proved


def _atomize(expr: sp.Expr) -> sp.Expr:
    """Indexed elements as plain symbols with their base's assumptions (so every tier sees them)."""
    reps = {}
    for ix in expr.atoms(sp.Indexed):
        kind = {k: v for k, v in ix.base.assumptions0.items() if k in ("positive", "nonnegative") and v}
        reps[ix] = sp.Symbol(str(ix), real=True, **kind)
    return expr.xreplace(reps) if reps else expr


def _radicals(expr: sp.Expr) -> tuple[sp.Expr, list[sp.Expr], list[sp.Symbol]]:
    """``expr`` with each radical B^(p/q) as R^p, and the relations R^q·den(B) − num(B) = 0."""
    groups: dict[sp.Expr, set[sp.Pow]] = {}
    for pw in expr.atoms(sp.Pow):
        if pw.exp.is_Rational and not pw.exp.is_Integer:
            groups.setdefault(sp.cancel(sp.together(pw.base)), set()).add(pw)
    reps, relations, roots = {}, [], []
    for k, (base, powers) in enumerate(sorted(groups.items(), key=lambda kv: sp.default_sort_key(kv[0]))):
        q = sp.ilcm(*(p.exp.q for p in powers), 1)
        root = sp.Dummy(f"root{k}")
        for p in powers:
            reps[p] = root ** int(p.exp * q)
        num, den = sp.fraction(base)
        relations.append(root**q * den - num)
        roots.append(root)
    return (expr.xreplace(reps) if reps else expr), relations, roots


def _common_factors_out_of_radicals(expr: sp.Expr) -> sp.Expr:
    """√(c²a + c²b) as c·√(a + b) for c > 0: a radical's base with its terms' common factor
    taken out (``factor_terms``, an identity), after which SymPy moves what it can prove of the
    factor out of the root by itself (√(x²y² + x²) = |x|·√(y² + 1) for real x, never x·√(…))."""
    return expr.replace(
        lambda e: isinstance(e, sp.Pow) and e.base.is_Add and e.exp.is_Rational and not e.exp.is_Integer,
        lambda e: sp.Pow(sp.factor_terms(e.base), e.exp),
    )


def _rational_zero(expr: sp.Expr) -> bool:
    """Zero as a rational function of its atoms, radicals reduced modulo their relations."""
    expr, relations, roots = _radicals(_common_factors_out_of_radicals(_atomize(expr)))
    num, _ = sp.fraction(sp.cancel(sp.together(expr)))
    if num == 0:
        return True
    if not relations:
        return False
    others = sorted(num.free_symbols - set(roots), key=str)
    try:
        basis = (
            relations if len(relations) == 1 else list(sp.groebner(relations, *roots, *others, order="lex"))
        )
        _, remainder = sp.reduced(sp.expand(num), basis, *roots, *others, order="lex")
    except (sp.PolynomialError, sp.GeneratorsNeeded, sp.polys.polyerrors.ComputationFailed):
        return False
    return sp.expand(remainder) == 0


def _exp_to_rational(expr: sp.Expr) -> sp.Expr:
    """Each real symbol x as log z (z > 0): exponentials become powers of z."""
    reps = {s: sp.log(sp.Dummy(f"z_{s.name}", positive=True)) for s in expr.free_symbols if s.is_real}
    if not reps:
        return expr
    return sp.powsimp(sp.expand_log(expr.xreplace(reps)))


def _scale_into_max(expr: sp.Expr) -> sp.Expr:
    """c·max(a, b) = max(c·a, c·b) for c > 0 (likewise min); then SymPy's Max/Min drop the
    arguments it can show are dominated (max(a·f, m·f, m) = max(a·f, m) when m·f < m)."""

    def scale(m: sp.Mul) -> sp.Expr:
        extremes = [f for f in m.args if isinstance(f, sp.Max | sp.Min)]
        if len(extremes) != 1:
            return m
        (ext,) = extremes
        c = sp.Mul(*(f for f in m.args if f is not ext))
        # (A negative c is left alone: −max(a, b) stays as written, to cancel its twin.)
        return ext.func(*(c * a for a in ext.args)) if c.is_positive else m

    scaled = expr.replace(lambda e: isinstance(e, sp.Mul) and e.has(sp.Max, sp.Min), scale)
    # One written form per argument (c·cᵏ and c^(k+1) alike), so equal arguments meet.
    return scaled.replace(
        lambda e: isinstance(e, sp.Max | sp.Min),
        lambda e: e.func(*(sp.powsimp(sp.together(a)) for a in e.args)),
    )


_TIERS: tuple[Callable[[sp.Expr], bool], ...] = (
    _rational_zero,
    lambda e: _rational_zero(sp.expand(e.rewrite(sp.exp))),
    lambda e: _rational_zero(_exp_to_rational(e)),
    lambda e: _rational_zero(_exp_to_rational(e.rewrite(sp.exp))),
    lambda e: _rational_zero(_scale_into_max(e)),
    lambda e: _rational_zero(sp.expand(e.rewrite(sp.erf).rewrite(sp.exp))),
)


def _any_tier(expr: sp.Expr) -> bool:
    for tier in _TIERS:
        try:
            if tier(expr):
                return True
        except (sp.PolynomialError, TypeError, ValueError, NotImplementedError, ZeroDivisionError):
            continue
    return False


def _sign_split(expr: sp.Expr) -> tuple[list[sp.Expr], list[tuple[sp.Symbol, sp.Expr]]]:
    """Smooth cases x = p, x = −p (p > 0) for each real symbol inside a kinked function, and the
    kink points x = 0 (each with its expression) -- at most three symbols are split."""
    split = sorted(
        {s for a in expr.atoms(*_KINKED) for s in a.free_symbols if s.is_real},
        key=str,
    )
    split = [s for s in split if not (s.is_positive or s.is_negative)][:3]
    cases = [expr]
    kinks = []
    for s in split:
        p = sp.Dummy(f"{s.name}_pos", positive=True)
        kinks += [(s, c.xreplace({s: 0})) for c in cases]
        cases = [c.xreplace({s: sign * p}) for c in cases for sign in (1, -1)]
    return cases, kinks


def _scalar_zero(expr: sp.Expr) -> Zero:
    cases, kinks = _sign_split(expr)
    if not all(_any_tier(c) for c in cases):
        return Zero(False)
    left_out = []
    for s, at_kink in kinks:
        value = at_kink.doit()
        if value.has(sp.nan, sp.zoo) or not _any_tier(value):
            left_out.append(f"{s} = 0")
    return Zero(True, tuple(sorted(set(left_out))))


def is_zero(expr: sp.Basic, facts: Facts | None = None) -> Zero:
    """Whether ``expr`` is identically zero (see the module docstring)."""
    expr = sp.sympify(expr)
    if expr == 0:
        return Zero(True)
    facts = facts or Facts()
    if has_sums(expr) or facts.ranges or expr.atoms(sp.KroneckerDelta):
        table: dict = {}
        flat = opaque(normal(expr, facts), table, facts)
        results = [_scalar_zero(case) for case in kronecker_cases(flat)]
        if not all(results):
            return Zero(False)
        return Zero(True, tuple(sorted({p for r in results for p in r.except_at})))
    return _scalar_zero(expr)
