"""Numbers: evaluating both sides of a claim at seeded random points with 50-digit mpmath.

In: pairs of expressions (scalars; for a symbolic size, expressions with sums over indexed
elements) and the sampling ranges.  Out: a :class:`Sample` -- agreement at every point used,
or the first counterexample.

Points respect the symbols' assumptions (a positive ε is sampled in (0.05, 4), an integer as
an integer); a point where either side is undefined or not finite is drawn again, and a sample
that found no valid point says so (it proves nothing).  A symbolic size (``N`` in
``Σ_{i=1}^{N}``) is given small values (1, 2, 3, 5), the sums are written out, and every
element ``x[i]`` gets its own random value: that is how a claim that fails only for N ≥ 5 is
caught.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

from symdl.rules.calculus import symbolic_sums
from symdl.rules.sums import Facts

__all__ = ["DIGITS", "POINTS", "Sample", "compare", "default_range", "draw", "holds_at_points"]

DIGITS = 50
POINTS = 12
SIZES = (1, 2, 3, 5)


@dataclass(frozen=True)
class Sample:
    """The outcome of a numeric comparison."""

    agree: bool
    points: int  # points where both sides were defined and compared
    counterexample: dict[str, float] | None = None


def default_range(s: sp.Symbol) -> tuple[float, float]:
    if s.is_positive:
        return (0.05, 4.0)
    if s.is_nonnegative:
        return (0.0, 4.0)
    return (-4.0, 4.0)


def draw(s: sp.Basic, domain: dict, rng: random.Random) -> sp.Expr:
    """A random exact value for ``s`` (a Rational, so evalf can reach any precision)."""
    lo, hi = domain.get(s, default_range(s))
    if s.is_integer:
        # The integers inside [lo, hi]: int() would truncate 0.05 (a positive symbol's range) to 0.
        return sp.Integer(rng.randint(math.ceil(lo), math.floor(hi)))
    return sp.Rational(round(rng.uniform(lo, hi) * 10**6), 10**6)


def _value(expr: sp.Expr) -> mpmath.mpc | mpmath.mpf | None:
    value = expr.evalf(DIGITS)
    try:
        return mpmath.mpf(value) if value.is_Float or value.is_Integer else mpmath.mpmathify(complex(value))
    except (TypeError, ValueError):
        return None


class _Unsupported(Exception):
    """The fast evaluator meets a node it does not know; the caller falls back to evalf."""


_FUNCTIONS = {
    sp.exp: mpmath.exp,
    sp.log: mpmath.log,
    sp.tanh: mpmath.tanh,
    sp.sinh: mpmath.sinh,
    sp.cosh: mpmath.cosh,
    sp.sin: mpmath.sin,
    sp.cos: mpmath.cos,
    sp.erf: mpmath.erf,
    sp.Abs: abs,
    sp.sign: mpmath.sign,
}
_RELATIONS = {
    sp.StrictLessThan: lambda a, b: a < b,
    sp.LessThan: lambda a, b: a <= b,
    sp.StrictGreaterThan: lambda a, b: a > b,
    sp.GreaterThan: lambda a, b: a >= b,
    sp.Equality: lambda a, b: a == b,
    sp.Unequality: lambda a, b: a != b,
}


class _Evaluator:
    """Evaluates an expression with sums of numeric length directly in mpmath, without building
    SymPy objects (writing a BatchNorm gradient out for N = 5 and calling evalf took ~0.2 s a
    point, nearly all of it SymPy's automatic simplification).  Array elements get their random
    values on first use, the same value for both sides of a comparison."""

    def __init__(self, env: dict, element: Callable[[sp.Indexed, tuple], mpmath.mpf]) -> None:
        self.env = env
        self.element = element

    def index(self, e: sp.Expr) -> int:
        value = self(e)
        if value != int(value):
            raise _Unsupported(f"non-integer index {e}")
        return int(value)

    def __call__(self, e: sp.Basic) -> Any:
        if e in self.env:
            return self.env[e]
        if e.is_Integer:
            return mpmath.mpf(int(e))
        if e.is_Rational:
            return mpmath.mpf(e.p) / e.q
        if e.is_Float:
            return mpmath.mpf(str(e))
        if e is sp.pi:
            return +mpmath.pi
        if e is sp.E:
            return +mpmath.e
        if isinstance(e, sp.Indexed):
            key = (e.base, tuple(self.index(i) for i in e.indices))
            if key not in self.env:
                self.env[key] = self.element(e, key[1])
            return self.env[key]
        if isinstance(e, sp.Add):
            return mpmath.fsum(self(a) for a in e.args)
        if isinstance(e, sp.Mul):
            out = mpmath.mpf(1)
            for a in e.args:
                out *= self(a)
            return out
        if isinstance(e, sp.Pow):
            base, exp = self(e.base), e.exp
            if exp.is_Integer:
                return base ** int(exp)
            return mpmath.power(base, self(exp))
        if isinstance(e, sp.Sum):
            return self._sum(e.function, list(e.limits))
        if isinstance(e, sp.KroneckerDelta):
            a, b = (self(x) for x in e.args)
            return mpmath.mpf(1 if a == b else 0)
        if isinstance(e, sp.Max | sp.Min):
            values = [self(a) for a in e.args]
            return max(values) if isinstance(e, sp.Max) else min(values)
        if isinstance(e, sp.Piecewise):
            for value, cond in e.args:
                if self.truth(cond):
                    return self(value)
            raise _Unsupported("Piecewise with no true case")
        if type(e) in _FUNCTIONS:
            return _FUNCTIONS[type(e)](*(self(a) for a in e.args))
        raise _Unsupported(type(e).__name__)

    def _sum(self, body: sp.Expr, limits: list[tuple]) -> Any:
        i, a, b = limits[-1]  # outermost first; inner limits may use its index
        lo, hi = self.index(a), self.index(b)
        sign, values = (1, range(lo, hi + 1)) if hi >= lo else (-1, range(hi + 1, lo))
        total = []
        saved = self.env.get(i)
        for v in values:
            self.env[i] = mpmath.mpf(v)
            total.append(self._sum(body, limits[:-1]) if len(limits) > 1 else self(body))
        if saved is None:
            self.env.pop(i, None)
        else:
            self.env[i] = saved
        return sign * mpmath.fsum(total)

    def truth(self, cond: sp.Basic) -> bool:
        if cond is sp.true or cond is True:
            return True
        if cond is sp.false or cond is False:
            return False
        if isinstance(cond, sp.And):
            return all(self.truth(c) for c in cond.args)
        if isinstance(cond, sp.Or):
            return any(self.truth(c) for c in cond.args)
        if isinstance(cond, sp.Not):
            return not self.truth(cond.args[0])
        if type(cond) in _RELATIONS:
            return _RELATIONS[type(cond)](self(cond.lhs), self(cond.rhs))
        raise _Unsupported(type(cond).__name__)


def _sizes(exprs: Sequence[sp.Expr], facts: Facts) -> list[sp.Symbol]:
    """Symbols that are sizes: they appear in a symbolic sum's bounds or an index's range."""
    sizes: set[sp.Symbol] = set()
    for e in exprs:
        for s in symbolic_sums(e):
            for _, lo, hi in s.limits:
                sizes |= lo.free_symbols | hi.free_symbols
    for lo, hi in facts.ranges.values():
        sizes |= sp.sympify(lo).free_symbols | sp.sympify(hi).free_symbols
    return sorted((s for s in sizes if s.is_integer and s not in facts.ranges), key=str)


def _instantiate(
    exprs: Sequence[sp.Expr], facts: Facts, domain: dict, rng: random.Random
) -> tuple[list[Any], dict[str, float]] | None:
    """The expressions' values at one random point: sizes, free indices, then every symbol and
    (on first use) every array element.  None if the point violates the facts (two indices
    declared distinct came out equal) or a value cannot be computed."""
    point: dict[sp.Basic, sp.Expr] = {}
    for n in _sizes(exprs, facts):
        lo, hi = domain.get(n, (1, max(SIZES)))
        point[n] = sp.Integer(rng.choice([v for v in SIZES if lo <= v <= hi] or [int(lo)]))
    for k, (lo, hi) in sorted(facts.ranges.items(), key=lambda kv: str(kv[0])):
        lo_v, hi_v = (int(sp.sympify(v).xreplace(point)) for v in (lo, hi))
        if hi_v < lo_v:
            return None
        point[k] = sp.Integer(rng.randint(lo_v, hi_v))
    if any(p in point and q in point and point[p] == point[q] for p, q in facts.distinct):
        return None
    # (Indexed elements count as free symbols in SymPy; they get values one by one below.)
    symbols = {s for e in exprs for s in e.free_symbols if isinstance(s, sp.Symbol)} - set(point)
    # Applications of functions with no formula (f(w), E[g], Var(w)) and their unevaluated
    # derivatives are numbers we know nothing about: each gets a random value, like a symbol.
    unknowns = {a for e in exprs for a in _unknowns(e)}
    symbols -= {ix.base.label for e in exprs for ix in e.atoms(sp.Indexed)}
    symbols -= {i for e in exprs for s in e.atoms(sp.Sum) for i, _, _ in s.limits}
    for s in sorted(symbols, key=str):
        point[s] = draw(s, domain, rng)
    for a in sorted(unknowns, key=sp.default_sort_key):
        kind = {"positive": True} if a.is_positive else {"real": True}
        point[a] = draw(sp.Symbol("unknown", **kind), {}, rng)
    if any(sp.sympify(p).xreplace(point) == sp.sympify(q).xreplace(point) for p, q in facts.distinct):
        return None
    drawn: dict[str, float] = {}

    def element(ix: sp.Indexed, indices: tuple) -> sp.Expr:
        # An element is sampled as its base is declared: IndexedBase("v", nonnegative=True).
        kind = {k: v for k, v in ix.base.assumptions0.items() if k in ("positive", "nonnegative") and v}
        value = draw(sp.Symbol("element", real=True, **kind), domain, rng)
        drawn[f"{ix.base}[{', '.join(map(str, indices))}]"] = float(value)
        return value

    if any(e.atoms(sp.Sum) for e in exprs):
        env = {k: mpmath.mpf(int(v)) if v.is_Integer else mpmath.mpf(v.p) / v.q for k, v in point.items()}
        for total, value in facts.values:
            # Σ_k y_k = v: draw the y_k, then shift them all by one amount so the sum is v.
            (k, lo, hi), base = total.limits[0], total.function
            if len(total.limits) != 1 or not (isinstance(base, sp.Indexed) and base.indices == (k,)):
                return None
            idx = range(int(sp.sympify(lo).xreplace(point)), int(sp.sympify(hi).xreplace(point)) + 1)
            values = {m: _mp(element(base, (m,))) for m in idx}
            shift = (_mp(sp.sympify(value).xreplace(point)) - mpmath.fsum(values.values())) / len(values)
            for m, v in values.items():
                env[(base.base, (m,))] = v + shift
                drawn[f"{base.base}[{m}]"] = float(v + shift)
        evaluator = _Evaluator(env, lambda ix, indices: _mp(element(ix, indices)))
        try:
            values = [evaluator(e) for e in exprs]
        except (_Unsupported, ZeroDivisionError, ValueError, TypeError):
            return None
    else:
        elements = sorted(set().union(*(e.atoms(sp.Indexed) for e in exprs)), key=sp.default_sort_key)
        for ix in elements:
            point[ix] = element(ix, ix.indices)
        values = [_value(e.xreplace(point)) for e in exprs]
    shown = {str(k): float(v) for k, v in point.items() if not isinstance(k, sp.Indexed)} | drawn
    return values, shown


def _unknowns(expr: sp.Expr) -> set[sp.Expr]:
    """Outermost applications of undefined functions (and derivatives of them) in ``expr``."""
    found: set[sp.Expr] = set()

    def visit(e: sp.Basic) -> None:
        undefined = isinstance(e, sp.core.function.AppliedUndef) or getattr(type(e), "display_only", False)
        if undefined or (isinstance(e, sp.Derivative) and e.expr.atoms(sp.core.function.AppliedUndef)):
            found.add(e)
        else:
            for a in e.args:
                visit(a)

    visit(expr)
    return found


def _matrix_symbols(exprs: Sequence[sp.Expr]) -> bool:
    """Whether any expression holds a matrix symbol (a matrix of no given entries, such as an
    n×n U): there is no point to draw, so no numeric evidence either way."""
    return any(sp.sympify(e).atoms(sp.MatrixSymbol) for e in exprs)


def _mp(value: sp.Rational) -> mpmath.mpf:
    return mpmath.mpf(value.p) / value.q


def compare(
    pairs: Sequence[tuple[sp.Expr, sp.Expr]],
    domain: dict | None = None,
    facts: Facts | None = None,
    seed: int = 0,
    points: int = POINTS,
) -> Sample:
    """Compare every pair at ``points`` random points (see the module docstring)."""
    domain, facts = dict(domain or {}), facts or Facts()
    rng = random.Random(seed)
    flat = [e for pair in pairs for e in pair]
    if _matrix_symbols(flat):
        return Sample(True, 0)
    used = 0
    with mpmath.workdps(DIGITS):
        for _ in range(points * 3):
            if used == points:
                break
            drawn = _instantiate(flat, facts, domain, rng)
            if drawn is None:
                continue
            values, shown = drawn
            if any(v is None or not mpmath.isfinite(v) for v in values):
                continue  # outside a side's domain (a pole, a log of a negative number): draw again
            used += 1
            for va, vb in zip(values[::2], values[1::2], strict=True):
                scale = max(mpmath.mpf(1), abs(va), abs(vb))
                if abs(va - vb) > mpmath.mpf(10) ** (-(DIGITS - 10)) * scale:
                    return Sample(False, used, shown)
    return Sample(True, used)


def holds_at_points(
    expr: sp.Expr,
    test: Callable[[mpmath.mpf], bool],
    domain: dict | None = None,
    facts: Facts | None = None,
    seed: int = 0,
    points: int = POINTS,
    strict: bool = False,
) -> Sample:
    """Whether ``test`` holds for ``expr``'s real value at ``points`` random points.

    A value within rounding of 0 (10⁻⁴⁰ relative to 1) counts as 0: it satisfies ≤ and ≥, and
    decides no strict relation (the point is not used)."""
    domain, facts = dict(domain or {}), facts or Facts()
    rng = random.Random(seed)
    if _matrix_symbols([expr]):
        return Sample(True, 0)
    used = 0
    with mpmath.workdps(DIGITS):
        for _ in range(points * 3):
            if used == points:
                break
            drawn = _instantiate([expr], facts, domain, rng)
            if drawn is None:
                continue
            (value,), shown = drawn
            if value is None or not mpmath.isfinite(value) or isinstance(value, mpmath.mpc):
                continue
            if abs(value) <= mpmath.mpf(10) ** (-(DIGITS - 10)):
                if strict:
                    continue
                value = mpmath.mpf(0)
            used += 1
            if not test(value):
                return Sample(False, used, shown)
    return Sample(True, used)
