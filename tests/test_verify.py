"""The prover: honest labels, sound tiers, refutations with real counterexamples, bounded time."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import replace

import pytest
import sympy as sp

from symdl.catalog._common import SIGMOID, claim, sigma, source
from symdl.record import Derivation, Facts, Induction, Step
from symdl.rules.sums import Facts as RuleFacts
from symdl.verify import Budget, OutOfTime, prove_equal, prove_relation, verify

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
N = sp.Symbol("N", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True)
xs = sp.IndexedBase("x", real=True)
SRC = source("test", "test")


def _record(lhs, rhs, **kw) -> Derivation:
    return Derivation(name="t", title="t", source=SRC, statement="s", claim=claim(lhs, rhs), **kw)


# -- false identities: each must never be "holds" -----------------------------------------------------
FALSE_IDENTITIES = [
    (sp.log(x**2), 2 * sp.log(x)),
    (sp.log(x * y), sp.log(x) + sp.log(y)),
    (sp.log(x / y), sp.log(x) - sp.log(y)),
    (sp.log((x - 1) * (x - 2)), sp.log(x - 1) + sp.log(x - 2)),
    (sp.sqrt(x**2), x),
    (sp.sqrt(x * y), sp.sqrt(x) * sp.sqrt(y)),
    (sp.sqrt(1 / x), 1 / sp.sqrt(x)),
    # A common factor of unknown sign must not leave a root as itself (√(x²y² + x²) = |x|·√(y² + 1)).
    (sp.sqrt(x**2 * y**2 + x**2), x * sp.sqrt(y**2 + 1)),
    (sp.sqrt(x**2 * sp.Sum(xs[i] ** 2, (i, 1, N)) + x**2), x * sp.sqrt(sp.Sum(xs[i] ** 2, (i, 1, N)) + 1)),
    ((x**3) ** sp.Rational(1, 3), x),
    (sp.Abs(x), x),
    (sp.exp(-sp.Abs(x)), sp.exp(-x)),
    ((-1) ** (2 * x), 1),
    (sp.atan(sp.tan(x)), x),
    (sp.asin(sp.sin(x)), x),
    (sp.Max(x, 0) ** 2, x**2),
    # Sums whose bounds matter.
    (sp.Sum(1, (i, 0, N)), N),
    (sp.Sum(xs[i], (i, 1, N)), sp.Sum(xs[i], (i, 1, N - 1)) + xs[N + 1]),
    (sp.Sum(i, (i, 1, N)), N**2 / 2),
    (sp.Sum(xs[i] ** 2, (i, 1, N)), sp.Sum(xs[i], (i, 1, N)) ** 2),
]


@pytest.mark.parametrize(("lhs", "rhs"), FALSE_IDENTITIES, ids=lambda e: str(e)[:30])
def test_false_identity_never_holds(lhs, rhs):
    p = prove_equal(lhs, rhs, timeout=10)
    assert not p.holds, f"{lhs} = {rhs} came out {p}"


def test_a_positive_common_factor_leaves_a_root_in_general():
    """√(c²a + c²b) = c·√(a + b) for c > 0: what lets the normalisation records scale their data."""
    c = sp.Symbol("c", positive=True)
    assert prove_equal(sp.sqrt(c**2 * x**2 + c**2), c * sp.sqrt(x**2 + 1)).general
    total = sp.Sum(xs[i] ** 2, (i, 1, N))
    assert prove_equal(
        1 / sp.sqrt(sp.Sum(c**2 * xs[i] ** 2, (i, 1, N)) + c**2), 1 / (c * sp.sqrt(total + 1))
    ).general
    assert prove_equal(sp.sqrt(x**2 * y**2 + x**2), sp.Abs(x) * sp.sqrt(y**2 + 1)).general


def test_a_delta_sum_collapses_only_where_the_index_is_known_in_range():
    total = sp.Sum(xs[i] * sp.KroneckerDelta(i, k), (i, 1, N))
    assert prove_equal(total, xs[k], facts=RuleFacts({k: (1, N)})).general
    # With k allowed outside 1..N the sum can be 0: never "holds".
    assert not prove_equal(total, xs[k], facts=RuleFacts({k: (0, N + 1)}))


def test_refutation_comes_with_a_real_counterexample():
    p = prove_equal(sp.log(x**2), 2 * sp.log(x))
    x0 = sp.Rational(p.counterexample["x"])
    assert abs(sp.N(sp.log(x0**2) - 2 * sp.log(x0), 30)) > 1e-10


def test_true_identities_are_general():
    for a, b in [
        (sp.diff(1 / (1 + sp.exp(-x)), x), (1 / (1 + sp.exp(-x))) * (1 - 1 / (1 + sp.exp(-x)))),
        (sp.exp(-sp.Abs(x)) / (1 + sp.exp(-sp.Abs(x))) ** 2, sp.exp(x) / (1 + sp.exp(x)) ** 2),
        (sp.Max(x, 0) + sp.Min(x, 0), x),
        (sp.Sum(xs[i] - sp.Sum(xs[j], (j, 1, N)) / N, (i, 1, N)), 0),
    ]:
        p = prove_equal(a, b)
        assert p.general, p


def test_kink_is_left_out_not_claimed():
    # d/dx max(0, x) is Heaviside(x): equal to 1[x > 0] except at x = 0, where SymPy's H(0) = 1/2.
    p = prove_equal(sp.diff(sp.Max(0, x), x), sp.Piecewise((1, x > 0), (0, True)))
    assert p.holds
    assert p.method == "symbolic for x ≠ 0"
    assert not p.general


def test_no_valid_sample_point_is_undecided():
    p = prove_relation(sp.sqrt(x), 0, sp.StrictGreaterThan, domain={x: (-5, -1)})
    assert p.undecided
    assert not p.holds
    # Same for an equality whose sides are undefined at every sample (the domain is x = 0 only).
    q = prove_equal(1 / x, 2 / x, domain={x: (0, 0)})
    assert q.undecided
    assert not q.holds


def test_relation_sign_from_a_sum_of_squares():
    p = sp.IndexedBase("p", positive=True)
    v = sp.IndexedBase("v", real=True)
    vbar = sp.Sum(p[j] * v[j], (j, 1, N))
    proof = prove_relation(sp.Sum(p[i] * (v[i] - vbar) ** 2, (i, 1, N)), 0, sp.GreaterThan)
    assert proof.general
    # The same quantity expanded hides the sign; the prover must not say "negative".
    expanded = sp.Sum(p[i] * v[i] ** 2, (i, 1, N)) - vbar**2
    assert not prove_relation(expanded, 0, sp.StrictLessThan)


def test_matrix_shapes_must_match():
    with pytest.raises(ValueError, match="shapes differ"):
        prove_equal(sp.Matrix([1, 2]), sp.Matrix([[1, 2]]))


def test_matrix_entry_wrong_is_found():
    a = sp.Matrix([[x, 1], [0, x**2]])
    assert not prove_equal(a, sp.Matrix([[x, 1], [0, x**3]]))
    assert prove_equal(a, a.T.T).general


# -- time -----------------------------------------------------------------------------------------------
def _bptt_wrong_order(steps: int = 2, size: int = 2) -> tuple[sp.Matrix, sp.Matrix]:
    W = sp.Matrix(size, size, lambda a, b: sp.Symbol(f"W{a}{b}", real=True))
    h = [sp.Matrix(size, 1, lambda a, _: sp.Symbol(f"h0_{a}", real=True))]
    for t in range(1, steps + 1):
        u = sp.Matrix(size, 1, lambda a, _, t=t: sp.Symbol(f"u{t}_{a}", real=True))
        h.append((W * h[-1] + u).applyfunc(sp.tanh))
    derived = h[-1].jacobian(h[0])
    wrong = sp.eye(size)
    for t in range(1, steps + 1):
        wrong = wrong * sp.diag(*[1 - e**2 for e in h[t]]) * W  # J_1 ⋯ J_T: the wrong order
    return derived, wrong


def test_pathological_wrong_claim_returns_within_its_budget():
    # The wrong BPTT order gave no answer in 10 minutes when cancel ran first.
    derived, wrong = _bptt_wrong_order()
    start = time.perf_counter()
    p = prove_equal(derived, wrong, timeout=5)
    assert time.perf_counter() - start < 30  # generous: 5 s budget plus set-up on a loaded machine
    assert not p.holds


def test_hard_true_identity_stops_at_its_budget_with_an_honest_label():
    hard = sum(sp.sin(n * x) ** 2 + sp.cos(n * x) ** 2 for n in range(1, 9))
    start = time.perf_counter()
    p = prove_equal(hard, 8, timeout=0.5)
    assert time.perf_counter() - start < 10
    assert p.holds or p.undecided
    assert p.general or not p.method.startswith("symbolic")


def test_budget_holds_off_the_main_thread():
    result = {}

    def work() -> None:
        budget = Budget(0.3)
        start = time.perf_counter()
        try:
            with budget.limit():
                while True:
                    pass
        except OutOfTime:
            result["seconds"] = time.perf_counter() - start

    t = threading.Thread(target=work)
    t.start()
    t.join(10)
    assert not t.is_alive()
    assert 0.25 < result["seconds"] < 3


def test_budget_never_leaks_an_exception_after_the_block():
    budget = Budget(5)
    for _ in range(500):
        with budget.limit():
            pass
    time.sleep(0.05)  # a stray asynchronous exception would surface here
    assert not budget.ran_out


def test_prover_off_the_main_thread_keeps_its_budget():
    derived, wrong = _bptt_wrong_order()
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("p", prove_equal(derived, wrong, timeout=3)))
    start = time.perf_counter()
    t.start()
    t.join(60)
    assert not t.is_alive()
    assert time.perf_counter() - start < 30
    assert not out["p"].holds


# -- records ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("wrong", [sigma(x) * (1 + sigma(x)), sigma(x) ** 2, 1 - sigma(x)])
def test_wrong_sigmoid_derivative_refuted(wrong):
    rec = _record(sp.Derivative(sigma(x), x), wrong, definitions=(SIGMOID,))
    p = rec.verify()
    assert not p
    assert p.counterexample is not None


def test_wrong_step_is_reported():
    rec = _record(
        sp.Derivative(sigma(x), x),
        sigma(x) * (1 - sigma(x)),
        definitions=(SIGMOID,),
        steps=(
            Step(sigma(x) * sigma(-x), "ok"),
            Step(sigma(x) ** 2, "wrong"),
            Step(sigma(x) * (1 - sigma(x)), "ok"),
        ),
    )
    p = verify(rec)
    assert not p
    assert "step 2" in p.detail
    assert [bool(s) for s in p.steps] == [True, False, False]


def test_a_claim_true_only_for_small_sizes_is_refuted_for_a_general_size():
    # Σ_{i=1}^{N} i² equals N(N+1)(2N+1)/6; a claim agreeing for N = 1..4 but not beyond is wrong.
    truth = N * (N + 1) * (2 * N + 1) / 6
    impostor = truth + (N - 1) * (N - 2) * (N - 3) * (N - 4)
    p = prove_equal(sp.Sum(i**2, (i, 1, N)), impostor)
    assert not p.holds
    assert p.counterexample["N"] >= 5


def test_induction_label_and_a_wrong_step():
    t = sp.Symbol("t", integer=True, positive=True)
    g = sp.IndexedBase("g", real=True)
    closed = lambda n: sp.Sum(g[i], (i, 1, n))  # noqa: E731
    good = _record(
        sp.Symbol("s_t"),
        closed(t),
        induction=Induction(t, 1, (g[1], closed(1)), (closed(t) + g[t + 1], closed(t + 1))),
    )
    assert verify(good).method == "symbolic, general (induction on t)"
    bad = _record(
        sp.Symbol("s_t"),
        closed(t),
        induction=Induction(t, 1, (g[1], closed(1)), (closed(t) + g[t], closed(t + 1))),
    )
    p = verify(bad)
    assert not p.holds
    assert "inductive step" in p.detail


def test_explicit_sizes_are_labelled_as_such():
    rec = _record(
        sp.Symbol("tr"),
        sp.Symbol("n"),
        sizes=(1, 2, 3),
        explicit=lambda n: (sp.Matrix([sp.eye(n).trace()]), sp.Matrix([n])),
    )
    assert verify(rec).method == "symbolic for n = 1..3"


def test_general_proof_disagreeing_with_its_cross_check_fails():
    # A general claim that holds, paired with an explicit check that (wrongly) fails: the record
    # must not pass -- a disagreement means a rule or a record is broken.
    rec = _record(
        sp.Symbol("S"),
        N * (N + 1) / 2,
        derived_expr=sp.Sum(i, (i, 1, N)),
        sizes=(1, 2),
        explicit=lambda n: (sp.Matrix([n * (n + 1) / 2]), sp.Matrix([n * n])),
    )
    p = verify(rec)
    assert not p.holds
    assert "cross-check" in p.detail


def test_facts_are_what_a_general_proof_uses():
    ys = sp.IndexedBase("y", real=True)
    rec = _record(sp.Symbol("total"), 1, derived_expr=sp.Sum(ys[i], (i, 1, N)))
    assert not verify(rec).holds  # nothing says the y sum to 1
    with_fact = _record(
        sp.Symbol("total"),
        1,
        derived_expr=sp.Sum(ys[i], (i, 1, N)),
        facts=Facts(values=((sp.Sum(ys[j], (j, 1, N)), 1),)),
    )
    assert verify(with_fact).general


def test_claim_must_be_unevaluated_eq():
    with pytest.raises(TypeError, match="unevaluated sympy Eq"):
        Derivation(name="bad", title="t", source=SRC, statement="s", claim=sp.Eq(x, x))


# -- sets, and inductions that prove bounds ------------------------------------------------------------
def test_sets_are_compared_as_sets():
    a = sp.Symbol("a", positive=True)
    wrong = prove_equal(sp.Interval.open(-1, 1), sp.Interval(-1, 1))
    assert not wrong.holds
    assert wrong.method == "exact value (the two sets differ)"
    assert "{-1, 1}" in wrong.detail  # what only one side contains
    assert prove_equal(sp.Interval(0, 1), sp.Interval.Ropen(0, 1) + sp.FiniteSet(1)).general
    # With a symbol: equal as sets for every a, or refuted at a sampled a.
    assert prove_equal(sp.Interval(0, a), sp.Interval.Lopen(0, a) + sp.FiniteSet(0)).general
    refuted = prove_equal(sp.Interval.open(0, 2 / a), sp.Interval.open(0, 1 / a))
    assert not refuted.holds
    assert refuted.counterexample
    assert "a" in refuted.counterexample
    with pytest.raises(TypeError, match="set"):
        prove_equal(sp.Interval(0, 1), sp.Integer(1))


def _bound(rhs, base, step, previous) -> Derivation:
    n = sp.Symbol("L", integer=True, positive=True)
    l = sp.Symbol("l", integer=True)  # noqa: E741
    zs = sp.IndexedBase("z", real=True)
    slope = sp.Derivative(sigma(x), x)
    return Derivation(
        name="t",
        title="t",
        source=SRC,
        statement="s",
        claim=sp.LessThan(sp.Product(sp.Subs(slope, x, zs[l]), (l, 1, n)), rhs(n), evaluate=False),
        definitions=(SIGMOID,),
        induction=Induction(n, 1, base=(slope, base), step=(step, rhs(n + 1)), previous=previous),
    )


def test_induction_proves_a_bound_for_every_length():
    p = sp.Symbol("P", real=True)
    slope = sp.Derivative(sigma(x), x)
    quarter = lambda n: sp.Rational(1, 4) ** n  # noqa: E731
    good = _bound(quarter, sp.Rational(1, 4), slope * p, p)
    assert verify(good).method == "symbolic, general (induction on L)"
    # A bound that is too small fails at the base.
    fifth = lambda n: sp.Rational(1, 5) ** n  # noqa: E731
    assert "base case" in verify(_bound(fifth, sp.Rational(1, 5), slope * p, p)).detail
    # A map that decreases in the previous value cannot carry the bound forward.
    decreasing = verify(_bound(quarter, sp.Rational(1, 4), -slope * p, p))
    assert not decreasing.holds
    assert "nondecreasing" in decreasing.detail
    # The step's right side must be the claim's bound at L + 1, not any smaller number.
    too_easy = _bound(quarter, sp.Rational(1, 4), slope * p, p)
    too_easy = replace(too_easy, induction=replace(too_easy.induction, step=(slope * p, sp.Integer(1))))
    wrong_bound = verify(too_easy)
    assert not wrong_bound.holds
    assert "the claim's at n + 1" in wrong_bound.detail


def test_induction_for_a_bound_refuses_an_assumed_sign():
    positive = sp.Symbol("P", positive=True)
    record = _bound(
        lambda n: sp.Rational(1, 4) ** n, sp.Rational(1, 4), sp.Derivative(sigma(x), x) * positive, positive
    )
    with pytest.raises(ValueError, match="no assumed sign"):
        verify(record)


def test_a_relation_between_equal_expressions_is_decided_for_every_value():
    q = sp.Symbol("q", positive=True)
    assert prove_relation(3 * q, 3 * q, sp.LessThan).general
    strict = prove_relation(3 * q, 3 * q, sp.StrictLessThan)
    assert not strict.holds
    assert strict.method == "symbolic, general"
    assert prove_relation(sp.Integer(2), sp.Integer(3), sp.LessThan).method == "exact value"


def test_a_positive_integer_is_never_drawn_as_zero():
    from symdl.verify.numeric import draw

    b = sp.Symbol("B", integer=True, positive=True)
    rng = random.Random(0)
    assert min(draw(b, {}, rng) for _ in range(200)) >= 1
    # So N = B·⌊N/B⌋ + (N mod B) is not "refuted" by a division by zero.
    n = sp.Symbol("N", integer=True, positive=True)
    assert prove_equal(b * sp.floor(n / b) + sp.Mod(n, b), n).holds


def test_an_infinite_exact_value_is_not_equal_to_a_finite_one():
    # Both sides exact, one infinite: no sample point can evaluate it, and that is no agreement.
    wrong = prove_equal(sp.Limit(-sp.log(y), y, 0, "+").doit(), sp.Integer(10))
    assert not wrong.holds
    assert wrong.method == "exact value"
    assert prove_equal(sp.oo, sp.oo).holds
    assert not prove_equal(sp.Matrix([1, sp.oo]), sp.Matrix([1, -sp.oo])).holds


# -- bounded functions and integrals (verify.relation.relax, integrals_opaque) --------------------------
@pytest.mark.parametrize(
    ("lhs", "rhs", "relation"),
    [
        (sp.exp(-(x**2)), 1, sp.LessThan),  # e^(−u) ≤ 1 for u ≥ 0
        (sp.tanh(x) ** 2, 1, sp.StrictLessThan),  # |tanh| < 1
        (1 - sp.tanh(x) ** 2, 0, sp.StrictGreaterThan),  # tanh′ > 0
        (sp.cosh(x), 1, sp.GreaterThan),
        ((1 - sp.tanh(x) ** 2) * (sp.exp(-(x**2)) - 1), 0, sp.LessThan),
    ],
)
def test_a_bounded_function_is_bounded_for_every_value(lhs, rhs, relation):
    proof = prove_relation(lhs, rhs, relation)
    assert proof.holds, proof
    assert proof.general, proof


@pytest.mark.parametrize(
    ("lhs", "rhs", "relation"),
    [
        (sp.exp(-(x**2)), sp.Rational(1, 2), sp.LessThan),  # false at x = 0
        (sp.tanh(x), x, sp.LessThan),  # false for x < 0
        (sp.tanh(x) ** 2, sp.Rational(99, 100), sp.LessThan),  # false for large |x|
        (sp.exp(x), 1, sp.GreaterThan),  # x of either sign
    ],
)
def test_a_relaxation_never_proves_a_false_bound(lhs, rhs, relation):
    proof = prove_relation(lhs, rhs, relation)
    assert not (proof.holds and proof.general), proof
    assert not proof.holds, proof  # each is false somewhere the sampler looks


def test_an_integral_has_its_integrands_sign_only_over_an_ordered_interval():
    u = sp.Symbol("u", real=True)
    z = sp.Symbol("z", nonnegative=True)
    assert prove_relation(sp.Integral(sp.tanh(u) ** 2, (u, 0, z)), 0, sp.GreaterThan).general
    # over [1, −1] the integral of a square is ≤ 0: never "≥ 0 for every value"
    reversed_limits = prove_relation(sp.Integral(u**2, (u, 1, -1)), 0, sp.GreaterThan)
    assert not reversed_limits.holds
    # a variable declared positive is not positive over [−2, 1] (the integral is −3/2): the
    # prover uses the limits, not the symbol's assumptions
    w = sp.Symbol("w", positive=True)
    assert not prove_relation(sp.Integral(w, (w, -2, 1)), 0, sp.GreaterThan).holds


def test_integrals_over_one_interval_are_compared_through_their_integrands():
    from symdl.rules.calculus import HeldIntegral

    s = sp.Symbol("s", positive=True)
    gauss = sp.exp(-(x**2) / (2 * s**2))
    slope = 1 - sp.tanh(x) ** 2
    left = HeldIntegral(slope * gauss, (x, -sp.oo, sp.oo))
    right = HeldIntegral(slope, (x, -sp.oo, sp.oo))
    assert prove_relation(left, right, sp.LessThan).general
    assert not prove_relation(left, right, sp.GreaterThan).holds
    # different intervals are not merged: nothing is claimed
    other = HeldIntegral(slope, (x, 0, sp.oo))
    assert not prove_relation(left, other, sp.LessThan).holds


def test_a_bound_step_carries_a_relation_claim_only_when_it_points_the_claims_way():
    """tanh z ≤ z for z ≥ 0 through z − ∫₀^z tanh²: the bound is carried by the step; the same
    chain with the link written "≥", or a claim the step does not reach, is not proved."""
    z, u = sp.Symbol("z", nonnegative=True), sp.Symbol("u", real=True)
    step = Step(z - sp.Integral(sp.tanh(u) ** 2, (u, 0, z)), "tanh′ = 1 − tanh²")
    record = Derivation(
        name="t",
        title="t",
        source=SRC,
        statement="s",
        claim=sp.LessThan(sp.tanh(z), z, evaluate=False),
        derived_expr=sp.tanh(z),
        steps=(step,),
        domain=((z, 0.0, 20.0),),
    )
    proof = verify(record)
    assert proof.holds
    assert proof.general
    wrong_way = replace(record, claim=sp.GreaterThan(sp.tanh(z), z, evaluate=False))
    assert not verify(wrong_way).holds
    # I ≥ I/2 for an integral I > 0 (a true link), and I/2 ≤ I/2: chained the wrong way they say
    # nothing about I ≤ I/2, which is false (and too costly for the numeric tier to refute here).
    from symdl.rules.calculus import HeldIntegral

    held = HeldIntegral((1 - sp.tanh(u) ** 2) * sp.exp(-(u**2)), (u, -sp.oo, sp.oo))
    halved = replace(
        record,
        claim=sp.LessThan(held, held / 2, evaluate=False),
        derived_expr=held,
        steps=(Step(held / 2, "the integrand is positive", relation=sp.GreaterThan),),
    )
    proof = verify(halved, timeout=4)
    assert proof.steps[0].holds  # the link itself is true
    assert not proof.holds


def test_a_bound_step_is_printed_as_a_bound():
    import symdl
    from symdl.render import markdown, text_block

    record = symdl.derivation("gaussian_tanh_slope_bound")
    assert "⋯ ≤" in text_block(record)
    assert r"\cdots \leq" in markdown(record)


def test_two_positive_sides_are_compared_through_their_squares():
    """η/√(s + g² + ε) ≤ η/√(s + ε) is general through a² − b²; the reverse is not proved, and a
    side that may be negative is never squared (−√(s + 1) ≤ √s would then look false)."""
    s = sp.Symbol("s", nonnegative=True)
    e, eta = sp.Symbol("epsilon", positive=True), sp.Symbol("eta", positive=True)
    g = sp.Symbol("g", real=True)
    smaller, larger = eta / sp.sqrt(s + g**2 + e), eta / sp.sqrt(s + e)
    proof = prove_relation(smaller, larger, sp.LessThan)
    assert proof.holds
    assert proof.general
    assert not prove_relation(smaller, larger, sp.GreaterThan).holds
    # a side not known positive is never squared: −√(s + 1) ≤ √s is true, its squares say 1 ≤ 0
    from symdl.verify.relation import _squares

    assert _squares(-sp.sqrt(s + 1), sp.sqrt(s), "is_nonpositive", RuleFacts()) is None
    assert _squares(sp.sqrt(s + 2), sp.sqrt(s + 1), "is_nonnegative", RuleFacts()) is True
