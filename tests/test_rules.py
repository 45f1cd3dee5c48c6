"""The rule layer: every rule an identity, checked against the sums written out for explicit sizes.

Each rule of :mod:`symdl.rules.sums` and :mod:`symdl.rules.expectation` rewrites an expression
with sums of a symbolic length.  The reference here is independent of the rules: the size is
set to 1..5, SymPy's ``doit`` writes every sum out, and both sides are evaluated at random
rational points.
"""

from __future__ import annotations

import random

import pytest
import sympy as sp

from symdl.rules import calculus
from symdl.rules.expectation import Family, expectation, variance
from symdl.rules.sums import Facts, canonical, normal, opaque, split_powers

N = sp.Symbol("N", integer=True, positive=True)
M = sp.Symbol("M", integer=True, positive=True)
t = sp.Symbol("t", integer=True, positive=True)
i, j, k, m = sp.symbols("i j k m", integer=True)
x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
W = sp.IndexedBase("W", real=True)
a = sp.Symbol("a", real=True)
beta = sp.Symbol("beta", positive=True)


def _at(expr: sp.Expr, size: dict, rng: random.Random) -> sp.Expr:
    """``expr`` written out at the given sizes, every element and symbol a random rational."""
    e = expr.xreplace(size).doit()
    values = {}
    for atom in sorted(e.atoms(sp.Indexed) | e.free_symbols, key=sp.default_sort_key):
        if isinstance(atom, sp.Indexed) or (isinstance(atom, sp.Symbol) and atom not in size):
            values[atom] = (
                sp.Rational(rng.randint(-40, 40), rng.randint(1, 9))
                if not atom.is_positive
                else sp.Rational(rng.randint(1, 40), rng.randint(1, 9))
            )
    return e.xreplace(values)


def _same_for_sizes(before: sp.Expr, after: sp.Expr, sizes=range(1, 6), index_values=None) -> None:
    rng = random.Random(7)
    for n in sizes:
        size = {N: n, M: n + 1, t: n}
        for kv in index_values or [{}]:
            chosen = {s: v(n) for s, v in kv.items()}
            seed = rng.random()
            left = _at(before.xreplace(chosen), size, random.Random(seed))
            right = _at(after.xreplace(chosen), size, random.Random(seed))
            assert sp.nsimplify(left - right) == 0, (n, chosen, before, after)


CASES = [
    # linearity and constants
    sp.Sum(2 * x[i] + a * y[i] - 3, (i, 1, N)),
    # index-free factors leave the sum; products of sums stay products
    sp.Sum(x[i] * sp.Sum(y[j], (j, 1, N)), (i, 1, N)),
    # an inner sum that depends on the outer index takes the outer factors in
    sp.Sum(y[i] * sp.Sum(W[i, j] * x[j], (j, 1, M)), (i, 1, N)),
    # the same index name reused inside (shadowing)
    sp.Sum((x[j] - sp.Sum(x[j], (j, 1, N)) / N) ** 2, (j, 1, N)),
    # powers split for a positive base only, then a closed (geometric) sum
    sp.Sum(beta ** (t - i) * x[i], (i, 1, t)),
    sp.Sum(beta ** (t - i), (i, 1, t)),
    # polynomial closed form
    sp.Sum(i**2 + i, (i, 1, N)),
    # peeling the top term
    sp.Sum(x[i], (i, 1, N + 2)),
    # exp of a sum splits
    sp.Sum(sp.exp(x[i] + a), (i, 1, N)),
]


@pytest.mark.parametrize("expr", CASES, ids=lambda e: str(e)[:40])
def test_normal_form_equals_the_sums_written_out(expr):
    facts = Facts(distinct=((beta, 1),))
    _same_for_sizes(expr, normal(expr, facts))


def test_delta_collapses_only_for_an_index_known_in_range():
    expr = sp.Sum(x[i] * sp.KroneckerDelta(i, k), (i, 1, N))
    inside = normal(expr, Facts({k: (1, N)}))
    assert inside == x[k]
    _same_for_sizes(expr, inside, index_values=[{k: lambda n: 1}, {k: lambda n: n}])
    # k may be N + 1: the sum is then 0, so it must not collapse.
    assert normal(expr, Facts({k: (1, N + 1)})).has(sp.Sum)
    # a shifted index in range collapses too: k + 1 with k in 1..N − 1
    shifted = normal(sp.Sum(x[i] * sp.KroneckerDelta(i, k + 1), (i, 1, N)), Facts({k: (1, N - 1)}))
    assert shifted == x[k + 1]


def test_delta_of_distinct_indices_is_zero():
    b = sp.Symbol("b", integer=True)
    assert normal(sp.KroneckerDelta(a, b) * x[1], Facts(distinct=((a, b),))) == 0
    assert normal(sp.KroneckerDelta(k, k)) == 1
    assert normal(sp.KroneckerDelta(i, k) ** 3) == sp.KroneckerDelta(i, k)


def test_powers_split_only_for_a_positive_base():
    p = sp.Symbol("p", positive=True)
    r = sp.Symbol("r", real=True)
    assert split_powers(p ** (a + 1)) == p**a * p
    # Not split for a base of unknown sign: at r = 0 and a = −1, 0^(a+1) = 1 but 0^a·0 is undefined.
    assert split_powers(r ** (a + 1)) == r ** (a + 1)
    assert split_powers(sp.exp(a + 1)) == sp.E * sp.exp(a)


def test_closed_form_cases_need_the_facts():
    geometric = sp.Sum(beta**i, (i, 1, t))
    assert normal(geometric).has(sp.Sum)  # β could be 1: no closed form without the fact
    closed = normal(geometric, Facts(distinct=((beta, 1),)))
    assert not closed.has(sp.Sum, sp.Piecewise)
    _same_for_sizes(geometric, closed)


def test_canonical_renames_and_orders_independent_sums():
    a1 = sp.Sum(W[i, j] * x[j], (j, 1, N), (i, 1, M))
    a2 = sp.Sum(W[m, k] * x[k], (m, 1, M), (k, 1, N))  # the other order, other names
    assert canonical(a1) == canonical(a2)
    # dependent bounds keep their order
    tri = sp.Sum(x[i] * y[j], (j, i, N), (i, 1, N))
    assert canonical(tri).limits[-1][2] == N


def test_opaque_sums_keep_their_sign():
    p = sp.IndexedBase("p", positive=True)
    table: dict = {}
    s = opaque(sp.Sum(p[i] * (x[i] - sp.Sum(p[j] * x[j], (j, 1, N))) ** 2, (i, 1, N)), table)
    assert s.is_nonnegative
    assert opaque(sp.Sum(sp.exp(x[i]), (i, 1, N)), table).is_positive
    assert opaque(sp.Sum(x[i], (i, 1, N)), table).is_positive is None


def test_log_of_a_product_of_positives():
    p = sp.IndexedBase("p", positive=True)
    out = normal(sp.log(sp.Product(p[i] ** y[i], (i, 1, N))))
    _same_for_sizes(sp.Sum(y[i] * sp.log(p[i]), (i, 1, N)), out)
    # a factor of unknown sign: left alone
    assert normal(sp.log(sp.Product(x[i], (i, 1, N)))).has(sp.Product)


def test_derivatives_pass_through_sums_without_piecewise():
    d = calculus.evaluate(sp.Derivative(sp.Sum(x[j] ** 2, (j, 1, N)), x[k]))
    assert not d.has(sp.Piecewise)
    assert normal(d, Facts({k: (1, N)})) == 2 * x[k]


# -- expectations ---------------------------------------------------------------------------------------
vw, vx = sp.symbols("v_w v_x", positive=True)
mu = sp.Symbol("mu", real=True)


def _explicit_expectation(expr: sp.Expr, n: int, families: list[Family]) -> sp.Expr:
    """E by brute force for n elements per family: expand, then replace each monomial by the
    product of its families' moments (independent elements, E[w] = μ, E[w²] = σ² + μ²)."""
    e = sp.expand(expr.xreplace({N: n}).doit())
    total = sp.Integer(0)
    for term in sp.Add.make_args(e):
        coeff, factors = term.as_coeff_mul()
        value = coeff
        for f in factors:
            base, power = f.as_base_exp()
            fam = next((fa for fa in families if isinstance(base, sp.Indexed) and base.base == fa.base), None)
            if fam is None:
                value *= f
            elif power == 1:
                value *= fam.mean
            elif power == 2:
                value *= fam.variance + fam.mean**2
            else:
                raise AssertionError("test uses moments up to 2")
        total += value
    return total


@pytest.mark.parametrize(
    "expr",
    [
        sp.Sum(x[i] * y[i], (i, 1, N)),
        sp.Sum(x[i] * y[i], (i, 1, N)) ** 2,
        sp.Sum(x[i], (i, 1, N)) * sp.Sum(y[j], (j, 1, N)),
        (sp.Sum(x[i], (i, 1, N)) + 3) ** 2,
    ],
    ids=str,
)
def test_expectation_rules_match_brute_force(expr):
    families = [Family(x, mu, vx), Family(y, 0, vw)]
    general = normal(expectation(expr, families))
    for n in range(1, 5):
        assert sp.expand(general.xreplace({N: n}) - _explicit_expectation(expr, n, families)) == 0


def test_variance_of_a_dot_product():
    v = normal(variance(sp.Sum(x[i] * y[i], (i, 1, N)), [Family(x, 0, vx), Family(y, 0, vw)]))
    assert sp.expand(v - N * vx * vw) == 0


def test_expectation_refuses_what_it_does_not_model():
    with pytest.raises(NotImplementedError, match="moments above 2"):
        expectation(sp.Sum(x[i], (i, 1, N)) ** 3, [Family(x, 0, vx)])
    with pytest.raises(NotImplementedError):
        expectation(sp.exp(x[1]), [Family(x, 0, vx)])


def test_a_sum_over_all_positions_may_be_taken_in_a_permutations_order():
    perm = sp.Function("pi")
    on_all = Facts(permutations=((perm, 1, N),))
    body = sp.exp(x[perm(j)]) * y[perm(j)]
    reordered = normal(sp.Sum(body, (j, 1, N)), on_all)
    assert canonical(reordered) == canonical(normal(sp.Sum(sp.exp(x[j]) * y[j], (j, 1, N))))
    # Written out for N = 4 and explicit reorderings π of 1..4: the two sums agree.
    rng = random.Random(5)
    values = {e[r]: sp.Rational(rng.randint(-9, 9), rng.randint(1, 5)) for e in (x, y) for r in range(1, 5)}
    for order in ((2, 4, 1, 3), (4, 3, 2, 1)):
        written = sp.Add(
            *(body.subs(j, r).replace(perm, lambda r_, o=order: o[int(r_) - 1]) for r in range(1, 5))
        )
        assert sp.nsimplify(written.xreplace(values) - reordered.subs(N, 4).doit().xreplace(values)) == 0
    # Not applied: no declared permutation; a range that is not the permutation's; the index also
    # outside π (Σ j·x_π(j) depends on the order).
    assert normal(sp.Sum(body, (j, 1, N))).has(perm)
    assert normal(sp.Sum(body, (j, 1, N - 1)), on_all).has(perm)
    assert normal(sp.Sum(j * x[perm(j)], (j, 1, N)), on_all).has(perm)


# -- the trace is cyclic (rules.matrices) ----------------------------------------------------------------
def test_rotations_of_a_trace_are_one_expression_and_inverses_cancel():
    from symdl.rules.matrices import cyclic_traces

    n, m = sp.symbols("n m", integer=True, positive=True)
    A, B = sp.MatrixSymbol("A", m, n), sp.MatrixSymbol("B", n, m)  # not square: AB is m×m, BA n×n
    C = sp.MatrixSymbol("C", m, m)
    assert cyclic_traces(sp.Trace(A * B * C)) == cyclic_traces(sp.Trace(C * A * B))
    assert cyclic_traces(sp.Trace(A * B * C)) == cyclic_traces(sp.Trace(B * C * A))
    V, D = sp.MatrixSymbol("V", n, n), sp.MatrixSymbol("D", m, n)
    shortest = cyclic_traces(sp.Trace(D.T * D))
    assert shortest == cyclic_traces(sp.Trace(D * D.T))  # tr(DᵀD) = tr(DDᵀ), one expression
    assert cyclic_traces(sp.Trace(V * D.T * D * V.I)) == shortest
    assert cyclic_traces(3 * sp.Trace(V * D.T * D * V.I)) == 3 * shortest
    # a reversal is not a rotation: tr(ABC) and tr(CBA) differ in general
    S = sp.MatrixSymbol("S", n, n)
    T = sp.MatrixSymbol("T", n, n)
    R = sp.MatrixSymbol("R", n, n)
    assert cyclic_traces(sp.Trace(S * T * R)) != cyclic_traces(sp.Trace(R * T * S))


def test_a_wrong_trace_identity_is_not_proved():
    from symdl.verify import prove_equal

    n = sp.Symbol("n", integer=True, positive=True)
    S, T, R = (sp.MatrixSymbol(name, n, n) for name in "STR")
    from symdl.rules.calculus import evaluate

    proof = prove_equal(evaluate(sp.Trace(S * T * R)), evaluate(sp.Trace(R * T * S)))
    assert not proof.holds
