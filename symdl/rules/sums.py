"""Sums of a symbolic length: a normal form, so two expressions can be compared for any size.

In: SymPy expressions with ``Sum(f, (i, a, b))`` over ``Indexed`` elements (``x[i]``), whose
bounds may be symbols (``N``), ``KroneckerDelta`` and index symbols with known ranges.  Out: an
equal expression in which every sum is *atomic* -- its body a product of factors that all
depend on its index -- so that two sides can be compared by replacing each distinct atomic sum
with an opaque symbol (:func:`opaque`) and cancelling as rational functions.

Each rule is an identity of finite sums, valid for every integer value of the bounds under
Karr's convention (``Σ_{i=a}^{b} = −Σ_{i=b+1}^{a−1}`` when ``b < a − 1``), which is SymPy's:

* **linearity** -- ``Σ (f + g) = Σ f + Σ g`` and ``Σ c·f = c·Σ f`` for ``c`` free of the index;
* **constants** -- ``Σ_{i=a}^{b} c = (b − a + 1)·c``;
* **Kronecker delta** -- ``Σ_{i=a}^{b} f(i)·δ(i, e) = f(e)`` when ``a ≤ e ≤ b`` is known (``e``
  is a number in range, or an index whose declared range lies inside ``[a, b]``), and ``= 0``
  when ``e`` is known to lie outside ``[a, b]``;
  ``δ(e, e) = 1``, ``δ(e, f) = 0`` for indices declared distinct, ``δⁿ = δ``;
* **peeling** -- ``Σ_{i=a}^{s+c} f = Σ_{i=a}^{s} f + f(s+1) + … + f(s+c)`` for an integer
  ``c``, so sums up to ``t + 1`` and up to ``t`` meet (induction steps);
* **powers** -- ``exp(p + q) = exp(p)·exp(q)`` always, ``β^(p+q) = β^p·β^q`` only for ``β > 0``
  (so index-free factors can leave a sum);
* **closed forms** -- a sum of a function of the index alone (geometric, polynomial) is summed
  by SymPy, its cases settled by the facts (β ≠ 1), and checked against the written-out sum;
* **logarithms of products** -- ``log Π_i f_i = Σ_i log f_i`` for positive ``f_i``; nothing
  else is rewritten;
* **reindexing by a permutation** -- ``Σ_{i=a}^{b} g(π(i)) = Σ_{i=a}^{b} g(i)`` when the facts declare
  π a bijection of ``a..b`` onto itself and ``i`` occurs in the body only inside ``π(i)``.

Replacing atomic sums by independent symbols is sound: an identity of rational functions in
independent symbols holds whatever values those symbols take, the sums' values included.  The
converse fails (a true identity may need a relation between sums), so a failed comparison is
never a refutation; the prover then tries cases, numbers, or says "undecided".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sympy as sp

__all__ = [
    "Facts",
    "canonical",
    "has_sums",
    "normal",
    "opaque",
    "split_powers",
]


@dataclass(frozen=True)
class Facts:
    """What a general-size proof may assume beyond the symbols' own assumptions.

    ``ranges`` -- index symbol → (lowest, highest) value it takes (``k`` runs over ``1..N``);
    ``distinct`` -- pairs of index symbols known to differ (sample ``a`` ≠ sample ``b``);
    ``values`` -- sums with a known value (``Σ y_i = 1`` for a probability vector), each an
    atomic sum as :func:`normal` leaves it;
    ``permutations`` -- (π, lo, hi): the undefined function π is a bijection of the integers
    ``lo..hi`` onto themselves (a reordering of a sequence's positions).
    """

    ranges: Mapping[sp.Symbol, tuple[sp.Expr, sp.Expr]] = field(default_factory=dict)
    distinct: tuple[tuple[sp.Symbol, sp.Symbol], ...] = ()
    values: tuple[tuple[sp.Expr, sp.Expr], ...] = ()
    permutations: tuple[tuple[sp.FunctionClass, sp.Expr, sp.Expr], ...] = ()

    def within(self, index: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> Facts:
        """These facts, and ``index`` running over ``lo..hi`` (inside a sum over it)."""
        return Facts({**self.ranges, index: (lo, hi)}, self.distinct, self.values, self.permutations)

    def differ(self, p: sp.Expr, q: sp.Expr) -> bool:
        return (p, q) in self.distinct or (q, p) in self.distinct


def has_sums(expr: sp.Basic) -> bool:
    """Whether ``expr`` contains a ``Sum`` (the case :func:`normal` is for)."""
    return bool(sp.sympify(expr).atoms(sp.Sum))


# -- the rules ---------------------------------------------------------------------------------
def split_powers(expr: sp.Expr) -> sp.Expr:
    """``exp(p + q) → exp(p)·exp(q)``; ``β^(p + q) → β^p·β^q`` for ``β > 0`` only."""

    def split(e: sp.Expr) -> sp.Expr:
        if isinstance(e, sp.exp) and isinstance(e.args[0], sp.Add):
            return sp.Mul(*(sp.exp(t) for t in e.args[0].args))
        if isinstance(e, sp.Pow) and isinstance(e.exp, sp.Add) and e.base.is_positive:
            return sp.Mul(*(sp.Pow(e.base, t) for t in e.exp.args))
        return e

    return expr.replace(lambda e: isinstance(e, sp.exp | sp.Pow), split)


def _expand(expr: sp.Expr) -> sp.Expr:
    # Distribute products over sums only: no power or log rewrites (they need assumptions).
    return sp.expand(split_powers(expr), power_exp=False, power_base=False, log=False)


def _provably(condition: sp.Basic) -> bool:
    return condition is sp.true or condition is True


def _in_range(e: sp.Expr, lo: sp.Expr, hi: sp.Expr, facts: Facts) -> bool:
    """Whether ``lo ≤ e ≤ hi`` follows from the facts (never guessed): ``e`` is a number, or
    a ranged index plus an integer (``k``, ``k + 1``)."""
    shift, rest = sp.sympify(e).as_coeff_Add()
    if not shift.is_Integer:
        return False
    if rest == 0:
        low = high = shift
    elif rest in facts.ranges:
        r_lo, r_hi = facts.ranges[rest]
        low, high = r_lo + shift, r_hi + shift
    else:
        return False
    return (low - lo).is_nonnegative is True and (hi - high).is_nonnegative is True


def _outside(e: sp.Expr, lo: sp.Expr, hi: sp.Expr, facts: Facts) -> bool:
    """Whether ``e < lo`` or ``e > hi`` follows from the facts (an index of declared range, shifted)."""
    shift, rest = sp.sympify(e).as_coeff_Add()
    if not shift.is_Integer or rest not in facts.ranges:
        return False
    r_lo, r_hi = facts.ranges[rest]
    return (r_lo + shift - hi).is_positive is True or (lo - (r_hi + shift)).is_positive is True


def _delta(expr: sp.KroneckerDelta, facts: Facts) -> sp.Expr:
    p, q = expr.args
    if p == q:
        return sp.Integer(1)
    if facts.differ(p, q) or (p - q).is_nonzero:
        return sp.Integer(0)
    return expr


def _peel(b: sp.Expr) -> tuple[sp.Expr, list[sp.Expr]]:
    """``b = s + c`` with ``c`` a positive integer: the bound ``s`` and the indices ``s + 1 …
    s + c`` of the terms peeled off the top.  Otherwise ``b`` and nothing."""
    const, rest = b.as_coeff_Add()
    if rest == 0 or not const.is_Integer or const <= 0:
        return b, []
    return rest, [rest + m for m in range(1, int(const) + 1)]


def _chain(s: sp.Sum) -> tuple[sp.Expr, list[tuple]]:
    """A sum as (body, limits innermost first).  SymPy flattens ``Σ_i Σ_j f`` into one ``Sum``
    with two limits, so a nest of sums is always one object."""
    return s.function, list(s.limits)


def _sum_term(term: sp.Expr, i: sp.Symbol, a: sp.Expr, b: sp.Expr, facts: Facts) -> sp.Expr:
    """Σ_{i=a}^{b} term, for one product ``term`` whose factors are already normal.

    Factors free of ``i`` leave the sum; a Kronecker delta on ``i`` collapses it; inner sums
    that depend on ``i`` take the other factors in (``Σ_i f(i)·Σ_j g(i, j) = Σ_i Σ_j f(i)g(i, j)``),
    so a nest has one product as its body whatever order it was written in."""
    factors = sp.Mul.make_args(term)
    free = sp.Mul(*(f for f in factors if i not in f.free_symbols))
    bound = [f for f in factors if i in f.free_symbols]
    if not bound:
        return free * (b - a + 1)
    for f in bound:
        if not isinstance(f, sp.KroneckerDelta):
            continue
        p, q = f.args
        other = q if p == i else p if q == i else None
        if other is None or i in other.free_symbols:
            continue
        if _in_range(other, a, b, facts):
            rest = sp.Mul(*(g for g in bound if g is not f))
            return free * normal(rest.xreplace({i: other}), facts)
        if _outside(other, a, b, facts):  # i never equals it: every term is 0
            return sp.Integer(0)
    if not any(isinstance(g, sp.Sum) for g in bound) and not body_has_elements(bound):
        closed = _closed_form(sp.Mul(*bound), i, a, b, facts)
        if closed is not None:
            return free * closed
    # Powers of an inner sum that depends on i: one copy per power, each with its own index.
    expanded = []
    for f in bound:
        if isinstance(f, sp.Pow) and isinstance(f.base, sp.Sum) and f.exp.is_Integer and f.exp > 1:
            expanded += [_rename(f.base) for _ in range(int(f.exp))]
        else:
            expanded.append(f)
    core = [f for f in expanded if not isinstance(f, sp.Sum)]
    limits: list[tuple] = []
    for f in expanded:
        if isinstance(f, sp.Sum):
            body, chain = _chain(f)
            core.append(body)
            limits += chain
    return free * sp.Sum(sp.Mul(*core), *limits, (i, a, b))


def body_has_elements(factors: Iterable[sp.Expr]) -> bool:
    return any(f.atoms(sp.Indexed) for f in factors)


def _settle(expr: sp.Expr, facts: Facts) -> sp.Expr:
    """Piecewise cases whose conditions the facts decide: ``Eq(β, 1)`` is false when the facts
    say β ≠ 1."""

    def excluded(eq: sp.Eq) -> bool:
        if facts.differ(*eq.args):
            return True
        symbols = (eq.lhs - eq.rhs).free_symbols
        if len(symbols) != 1:
            return False
        (s,) = symbols
        try:
            roots = sp.solve(eq.lhs - eq.rhs, s)
        except NotImplementedError:
            return False
        return bool(roots) and all(facts.differ(s, r) for r in roots)

    def decide(cond: sp.Basic) -> sp.Basic:
        if isinstance(cond, sp.Eq) and excluded(cond):
            return sp.false
        if isinstance(cond, sp.Ne) and excluded(sp.Eq(*cond.args)):
            return sp.true
        return cond

    return expr.replace(
        lambda e: isinstance(e, sp.Piecewise),
        lambda pw: sp.Piecewise(
            *((v, decide(c).replace(lambda r: isinstance(r, sp.Eq | sp.Ne), decide)) for v, c in pw.args)
        ),
    )


def _closed_form(body: sp.Expr, i: sp.Symbol, a: sp.Expr, b: sp.Expr, facts: Facts) -> sp.Expr | None:
    """Σ_{i=a}^{b} body in closed form (a geometric or polynomial sum), by SymPy's summation,
    its cases settled by the facts -- and checked against the written-out sum for lengths 0..4
    at a point before it is used (SymPy's summation has had wrong-result bugs).  None when
    there is no closed form without cases, or the bounds are not a number and ``s + c``."""
    const, top = sp.sympify(b).as_coeff_Add()
    if not (sp.sympify(a).is_Integer and isinstance(top, sp.Symbol) and const.is_Integer):
        return None
    closed = _settle(sp.Sum(body, (i, a, b)).doit(), facts)
    if closed.has(sp.Sum, sp.Piecewise):
        return None
    others = sorted((closed.free_symbols | body.free_symbols) - {i, top}, key=str)
    point = {
        s: sp.Integer(2 + k) if s.is_integer else sp.Rational(3 + k, 7 + 2 * k) for k, s in enumerate(others)
    }
    for length in range(5):
        high = a + length - 1
        written = sp.Add(*(body.xreplace(point).xreplace({i: a + m}) for m in range(length)))
        at = closed.xreplace(point).xreplace({top: high - const})
        if sp.nsimplify(at - written) != 0:
            return None
    return closed


def _rename(s: sp.Sum) -> sp.Sum:
    """``s`` with fresh names for its indices (a second copy of a sum in one product)."""
    body, chain = _chain(s)
    fresh = {i: sp.Dummy(str(i), integer=True) for i, _, _ in chain}
    return sp.Sum(
        body.xreplace(fresh), *((fresh[i], lo.xreplace(fresh), hi.xreplace(fresh)) for i, lo, hi in chain)
    )


def _reindex(body: sp.Expr, i: sp.Symbol, a: sp.Expr, b: sp.Expr, facts: Facts) -> sp.Expr:
    """``body`` with ``π(i)`` replaced by ``i``, when π is a declared permutation of exactly ``a..b``
    and ``i`` occurs only inside ``π(i)``: summing over ``i`` then visits the same terms."""
    for perm, lo, hi in facts.permutations:
        call = perm(i)
        if sp.expand(lo - a) != 0 or sp.expand(hi - b) != 0 or not body.has(call):
            continue
        if i not in body.xreplace({call: sp.Dummy()}).free_symbols:
            return body.xreplace({call: i})
    return body


def _sum(body: sp.Expr, i: sp.Symbol, a: sp.Expr, b: sp.Expr, facts: Facts) -> sp.Expr:
    """Σ_{i=a}^{b} body, ``body`` already normal for ``i`` in ``a..b``."""
    body = _reindex(body, i, a, b, facts)
    top, peeled = _peel(b)
    terms = [_sum_term(t, i, a, top, facts.within(i, a, top)) for t in sp.Add.make_args(_expand(body))]
    return sp.Add(*terms, *(normal(body.xreplace({i: v}), facts) for v in peeled))


def normal(expr: sp.Basic, facts: Facts | None = None) -> sp.Expr:
    """``expr`` with every sum atomic (see the module docstring); equal to ``expr``."""
    facts = facts or Facts()
    expr = sp.sympify(expr)
    if isinstance(expr, sp.Sum):
        body, limits = _chain(expr)
        fresh = []
        for i, a, b in limits:  # innermost first; a bound may use an outer index
            d = sp.Dummy(str(i), integer=True)
            body = body.xreplace({i: d})
            fresh = [(e, lo.xreplace({i: d}), hi.xreplace({i: d})) for e, lo, hi in fresh]
            fresh.append((d, a, b))
        inner = facts
        for d, a, b in reversed(fresh):  # outermost first: inner ranges may use outer indices
            inner = inner.within(d, normal(a, inner), normal(b, inner))
        body = normal(body, inner)
        for k, (d, a, b) in enumerate(fresh):  # innermost first, each seeing the ranges outside it
            outside = facts
            for e, lo, hi in reversed(fresh[k + 1 :]):
                outside = outside.within(e, lo, hi)
            body = _sum(body, d, normal(a, outside), normal(b, outside), outside)
        return body
    if isinstance(expr, sp.KroneckerDelta):
        return _delta(sp.KroneckerDelta(*(normal(a, facts) for a in expr.args)), facts)
    if (
        isinstance(expr, sp.log)
        and isinstance(expr.args[0], sp.Product)
        and expr.args[0].function.is_positive
    ):
        # log Π f = Σ log f for positive factors.
        product = expr.args[0]
        return normal(sp.Sum(sp.expand_log(sp.log(product.function)), *product.limits), facts)
    if not expr.args or isinstance(expr, sp.Indexed | sp.Idx):
        return expr
    rebuilt = expr.func(*(normal(a, facts) for a in expr.args))
    if (
        isinstance(rebuilt, sp.Pow)
        and isinstance(rebuilt.base, sp.KroneckerDelta)
        and rebuilt.exp.is_positive
    ):
        return rebuilt.base
    return rebuilt


# -- comparing ------------------------------------------------------------------------------------
_CANON = tuple(sp.Symbol(f"ι{k}", integer=True) for k in range(12))


def canonical(expr: sp.Basic, depth: int = 0) -> sp.Expr:
    """``expr`` with each sum's indices renamed by nesting depth (ι₀ outermost), and nested sums
    with independent bounds put in the order whose printed form sorts first -- so the same
    sum written with other index names, or with its sums swapped, becomes the same object."""
    if isinstance(expr, sp.Sum):
        node, chain = _chain(expr)
        bound = {i for i, _, _ in chain}
        independent = all(not ((a.free_symbols | b.free_symbols) & bound) for _, a, b in chain)
        orders = itertools.permutations(chain) if independent and len(chain) <= 3 else [chain]
        best = None
        for order in orders:
            # ``order`` lists limits innermost first; the outermost gets the lowest name.
            names = _CANON[depth : depth + len(order)][::-1]
            rename = {i: n for (i, _, _), n in zip(order, names, strict=True)}
            body = canonical(node.xreplace(rename), depth + len(order))
            limits = [
                (rename[i], canonical(a.xreplace(rename), depth), canonical(b.xreplace(rename), depth))
                for i, a, b in order
            ]
            candidate = sp.Sum(body, *limits)
            if best is None or sp.default_sort_key(candidate) < sp.default_sort_key(best):
                best = candidate
        return best
    if not expr.args or isinstance(expr, sp.Indexed | sp.Idx):
        return expr
    return expr.func(*(canonical(a, depth) for a in expr.args))


def opaque(expr: sp.Expr, table: dict[sp.Expr, sp.Symbol], facts: Facts | None = None) -> sp.Expr:
    """Replace each outermost (canonical) sum in ``expr`` by a symbol, the same symbol for the
    same sum across calls sharing ``table``; known values (``facts.values``) are put in.

    A symbol is nonnegative (positive) when its sum's body is, over a nonempty range -- the
    body's own inner sums judged the same way (Σ_i p_i (v_i − Σ_j p_j v_j)² ≥ 0 for p > 0)."""
    facts = facts or Facts()
    known = {canonical(s): v for s, v in facts.values}

    def visit(e: sp.Basic, into: dict) -> sp.Basic:
        if isinstance(e, sp.Sum):
            c = canonical(e)
            if c in known:
                return known[c]
            if c not in into:
                scratch: dict = {}  # inner sums, for judging the sign of the body only
                into[c] = sp.Symbol(f"Σ{len(into)}", real=True, **_sign(visit(c.function, scratch), c.limits))
            return into[c]
        if not e.args or isinstance(e, sp.Indexed):
            return e
        return e.func(*(visit(a, into) for a in e.args))

    return visit(expr, table)


def _sign(body: sp.Expr, limits: tuple) -> dict[str, bool]:
    nonempty = all((b - a + 1).is_positive is True for _, a, b in limits)
    if body.is_positive and nonempty:
        return {"positive": True}
    if body.is_nonnegative and all((b - a + 1).is_nonnegative is True for _, a, b in limits):
        return {"nonnegative": True}
    return {}


def kronecker_cases(expr: sp.Expr) -> list[sp.Expr]:
    """``expr`` in the cases each ``δ(p, q)`` of two free indices splits it into: ``q`` replaced
    by ``p`` (δ = 1), and δ = 0.  Two cases per delta, at most three deltas."""
    deltas = sorted(
        {d for d in expr.atoms(sp.KroneckerDelta) if all(isinstance(a, sp.Symbol) for a in d.args)},
        key=sp.default_sort_key,
    )[:3]
    cases = [expr]
    for d in deltas:
        p, q = d.args
        nxt = []
        for c in cases:
            nxt.append(c.xreplace({d: sp.Integer(0)}))
            nxt.append(c.xreplace({q: p}).xreplace({sp.KroneckerDelta(p, p): sp.Integer(1)}))
        cases = nxt
    return cases


def free_indices(exprs: Iterable[sp.Expr], facts: Facts) -> set[sp.Symbol]:
    """The index symbols with a declared range that occur free in ``exprs``."""
    return {s for e in exprs for s in sp.sympify(e).free_symbols if s in facts.ranges}
