"""Derivations that settle what the notes state in words (issue 19): counting, bounds and attention.

Each record is checked for its honest label, against a reference computed here independently
(plain loops in mpmath, SymPy's statistics, explicit matrices), and a damaged copy of it is checked
to fail -- so each test can fail.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from functools import cache

import mpmath
import pytest
import sympy as sp
from sympy import stats

import symdl
from symdl.proof import SYMBOLIC

INDUCTION = SYMBOLIC + " (induction on {})"


@cache
def _proof(name: str):
    return symdl.derivation(name).verify()


def _with_claim_rhs(name: str, rhs) -> symdl.Derivation:
    record = symdl.derivation(name)
    return replace(record, claim=sp.Eq(record.claim.lhs, rhs, evaluate=False))


# -- ML LifeCycle, Learning Rate Scheduling: gradient descent on a quadratic --------------------------------
def test_gradient_descent_iterates_on_a_quadratic():
    assert _proof("gd_quadratic_iterates").method == INDUCTION.format("t")
    record = symdl.derivation("gd_quadratic_iterates")
    # A step that subtracts the gradient twice must fail.
    from symdl.catalog.descent import _curv, eta

    closed, target = record.claim.rhs, record.induction.step[1]
    doubled = replace(
        record, induction=replace(record.induction, step=(closed - 2 * eta * _curv * closed, target))
    )
    assert not doubled.verify().holds
    # Independently: twenty steps of w ← w − η·a·w.
    with mpmath.workdps(40):
        a_v, eta_v, w = mpmath.mpf(3), mpmath.mpf("0.2"), mpmath.mpf("1.5")
        for t in range(1, 21):
            w -= eta_v * a_v * w
            assert abs(w - (1 - eta_v * a_v) ** t * mpmath.mpf("1.5")) < 1e-30


def test_gradient_descent_converges_exactly_below_two_over_a():
    assert _proof("gd_quadratic_step_size").general
    a = sp.Symbol("a", positive=True)
    assert not _with_claim_rhs("gd_quadratic_step_size", sp.Interval.open(0, 1 / a)).verify().holds
    # Independently: 200 steps on a = 4 shrink w below 2/a = 0.5 and grow it above.
    for eta, shrinks in ((0.05, True), (0.45, True), (0.55, False), (0.8, False)):
        w = 1.0
        for _ in range(200):
            w -= eta * 4 * w
        assert (abs(w) < 1e-6) is shrinks, eta


# -- ML LifeCycle, RNN: counting ------------------------------------------------------------------------
def test_rnn_parameters_are_the_same_for_every_length():
    proof = _proof("rnn_parameters_shared_across_steps")
    assert proof.method == INDUCTION.format("T")
    assert proof.cross_check.method == "symbolic for T = 1..4"
    record = symdl.derivation("rnn_parameters_shared_across_steps")
    w_hh, w_xh, _ = sorted(record.claim.rhs, key=str)
    without_bias = sp.FiniteSet(w_hh, w_xh)
    damaged = replace(
        record,
        claim=sp.Eq(record.claim.lhs, without_bias, evaluate=False),
        induction=replace(
            record.induction,
            base=(record.induction.base[0], without_bias),
            step=(record.induction.step[0], without_bias),
        ),
    )
    assert not damaged.verify().holds


def test_rnn_chain_has_one_step_per_time_step():
    proof = _proof("rnn_steps_are_sequential")
    assert proof.method == INDUCTION.format("T")
    assert proof.cross_check.holds
    # Independently, a scalar RNN written out here: h_T holds T nested tanh calls of h_0.
    w, u, b, h0 = sp.symbols("w u b h_0", real=True)
    h = h0
    for t in range(1, 6):
        h = sp.tanh(w * h + u * sp.Symbol(f"x_{t}") + b)
        assert sp.count_ops(h, visual=True).coeff(sp.Symbol("TANH")) == t
    record = symdl.derivation("rnn_steps_are_sequential")
    T = record.induction.variable
    off_by_one = replace(
        record,
        claim=sp.Eq(record.claim.lhs, T + 1, evaluate=False),
        induction=replace(
            record.induction, base=(record.induction.base[0], 2), step=(record.induction.step[0], T + 2)
        ),
    )
    assert not off_by_one.verify().holds


# -- ML LifeCycle, Transformers: multi-head attention ----------------------------------------------------
def test_multi_head_parameters_do_not_depend_on_the_number_of_heads():
    assert _proof("multi_head_attention_parameters").general
    record = symdl.derivation("multi_head_attention_parameters")
    d_model = sp.Symbol("d_model", integer=True, positive=True)
    wrong = list(record.claim.rhs)
    wrong[0] = 3 * d_model**2
    assert not _with_claim_rhs("multi_head_attention_parameters", sp.Matrix(wrong)).verify().holds
    # Independently, by counting: d_model = 8 split into 1, 2, 4, 8 heads.
    for heads in (1, 2, 4, 8):
        width = 8 // heads
        assert heads * 3 * 8 * width + 8 * 8 == 4 * 8**2


def test_multi_head_score_variance_is_the_head_width():
    assert _proof("multi_head_score_variance").general
    d_model = sp.Symbol("d_model", integer=True, positive=True)
    assert not _with_claim_rhs("multi_head_score_variance", d_model).verify().holds
    # Independently with SymPy's statistics: d_model = 6 in h = 2 heads, 3 standard normal pairs.
    q = [stats.Normal(f"q{i}", 0, 1) for i in range(3)]
    k = [stats.Normal(f"k{i}", 0, 1) for i in range(3)]
    assert sp.simplify(stats.variance(sum(a * b for a, b in zip(q, k, strict=True)))) == 3


# -- Deep Learning, Optimization 2: saddle points and narrow valleys ---------------------------------------
def test_gradient_descent_near_a_saddle():
    assert _proof("gd_saddle_iterates").method == INDUCTION.format("t")
    record = symdl.derivation("gd_saddle_iterates")
    from symdl.catalog.descent import _saddle, _step_t, eta

    # A step that shrinks y as well (descending on y², not −y²) must fail.
    wrong = replace(
        record,
        induction=replace(
            record.induction, step=(_saddle - eta * _saddle, _saddle.subs(_step_t, _step_t + 1))
        ),
    )
    assert not wrong.verify().holds
    # Independently: thirty steps on (x² − y²)/2 from (1, 10⁻⁸).
    with mpmath.workdps(30):
        x, y, rate = mpmath.mpf(1), mpmath.mpf("1e-8"), mpmath.mpf("0.1")
        for t in range(1, 31):
            x, y = x - rate * x, y + rate * y
            assert abs(x - (1 - rate) ** t) < 1e-25
            assert abs(y - (1 + rate) ** t * mpmath.mpf("1e-8")) < 1e-30


def test_narrow_valley_leaves_the_flat_factor_near_one():
    assert _proof("gd_slow_along_flat_directions").general
    a, b = sp.Symbol("a", positive=True), sp.Symbol("b", positive=True)
    record = symdl.derivation("gd_slow_along_flat_directions")
    tighter = replace(record, claim=sp.StrictGreaterThan(record.claim.lhs, 1 - b / a, evaluate=False))
    assert not tighter.verify().holds  # only steps below 1/a keep the factor above 1 − b/a


# -- counting operations; cross-entropy's penalty; dropout's gradients ----------------------------
def test_relu_needs_no_exponential():
    assert _proof("relu_needs_no_exponential").general
    assert not _with_claim_rhs("relu_needs_no_exponential", sp.Matrix([0, 0, 0, 0])).verify().holds


def test_cross_entropy_penalty_falls_and_is_unbounded():
    assert _proof("cross_entropy_penalises_confident_mistakes").general
    p = sp.Symbol("p", positive=True)
    bounded = _with_claim_rhs("cross_entropy_penalises_confident_mistakes", sp.Matrix([-1 / p, 10]))
    assert not bounded.verify().holds
    assert -mpmath.log(mpmath.mpf("1e-300")) > 690  # far out, −log p keeps growing


def test_dropped_units_pass_no_gradient():
    assert _proof("dropout_dropped_unit_gets_no_gradient").general
    record = symdl.derivation("dropout_dropped_unit_gets_no_gradient")
    unmasked = list(record.claim.rhs)
    unmasked[0] = unmasked[0].subs(sp.IndexedBase("m", real=True)[sp.Symbol("c", integer=True)], 1)
    assert not _with_claim_rhs(record.name, sp.Matrix(unmasked)).verify().holds
    # Independently: an explicit 2 × 3 layer with input 2 dropped.
    W = sp.Matrix(2, 3, lambda r, c: sp.Symbol(f"W{r}{c}"))
    x, delta = sp.Matrix(sp.symbols("x0:3")), sp.Matrix(sp.symbols("d0:2"))
    mask, keep = sp.diag(1, 0, 1), sp.Rational(1, 2)
    loss = (delta.T * W * mask * x / keep)[0]
    assert [sp.diff(loss, W[r, 1]) for r in range(2)] == [0, 0]
    assert sp.diff(loss, x[1]) == 0
    assert sp.diff(loss, W[0, 0]) != 0


# -- attention: projections, the convex output, the worked example, permutations ---------------------
def test_attention_projection_shapes_for_any_sizes():
    assert _proof("attention_projections").general
    n, L = sp.symbols("n L", integer=True, positive=True)
    record = symdl.derivation("attention_projections")
    swapped = list(record.claim.rhs)
    swapped[6:8] = [L, n]  # the scores QKᵀ are n × L, not L × n
    assert not _with_claim_rhs("attention_projections", sp.Matrix(swapped)).verify().holds
    # The shape check refuses QK without the transpose, which SymPy's own check lets through.
    from symdl.catalog.transformer import product_shape

    d_k = sp.Symbol("d_k", integer=True, positive=True)
    Q, K = sp.MatrixSymbol("Q", n, d_k), sp.MatrixSymbol("K", L, d_k)
    assert (Q * K).shape == (n, d_k)  # SymPy accepts it
    with pytest.raises(ValueError, match="inner sizes differ"):
        product_shape(Q, K)
    assert product_shape(Q, K.T) == (n, L)


def test_attention_output_stays_above_the_smallest_value():
    assert _proof("attention_output_convex_combination").general
    record = symdl.derivation("attention_output_convex_combination")
    m = sp.Symbol("m", real=True)
    above = replace(record, claim=sp.GreaterThan(record.claim.lhs, m + 1, evaluate=False))
    assert not above.verify().holds  # z_i can sit at the bound itself
    # Independently: softmax weights of random scores, and the output between min and max of v.
    rng = random.Random(11)
    for size in (1, 2, 5, 9):
        scores = [rng.uniform(-5, 5) for _ in range(size)]
        values = [rng.uniform(-3, 3) for _ in range(size)]
        top = max(scores)
        weights = [mpmath.exp(s - top) for s in scores]
        z = mpmath.fsum(w * v for w, v in zip(weights, values, strict=True)) / mpmath.fsum(weights)
        assert min(values) - 1e-12 <= z <= max(values) + 1e-12


def test_worked_example_pipeline_with_the_notes_formula():
    proof = _proof("self_attention_example_pipeline")
    assert proof.holds
    assert proof.method.startswith("exact value")
    # Independently, in mpmath: 'I' against the four word vectors, no scaling.
    words = [[0.2, 0.1, 0.5, 0.4], [0.9, 0.6, 0.3, 0.7], [0.3, 0.2, 0.8, 0.5], [0.7, 0.6, 0.1, 0.9]]
    with mpmath.workdps(30):
        vecs = [[mpmath.mpf(str(c)) for c in w] for w in words]
        scores = [mpmath.fdot(vecs[0], w) for w in vecs]
        total = mpmath.fsum(mpmath.exp(s) for s in scores)
        weights = [mpmath.exp(s) / total for s in scores]
        out = [mpmath.fsum(weights[j] * vecs[j][c] for j in range(4)) for c in range(4)]
    expected = [0.215, 0.266, 0.268, 0.250, 0.538, 0.385, 0.427, 0.632]
    assert all(abs(float(a) - b) < 5e-4 for a, b in zip([*weights, *out], expected, strict=True))
    # The scaled weights the erratum's truth quotes are different numbers: the tolerance matters.
    record = symdl.derivation("self_attention_example_pipeline")
    scaled = sp.Matrix(
        [sp.Rational(str(v)) for v in (0.232, 0.258, 0.259, 0.250, 0.532, 0.380, 0.426, 0.629)]
    )
    assert not _with_claim_rhs(record.name, scaled).verify().holds


def test_reordering_the_tokens_reorders_the_outputs():
    proof = _proof("self_attention_permutation_equivariant")
    assert proof.general
    assert proof.cross_check.method == "symbolic for T = 2..3"
    record = symdl.derivation("self_attention_permutation_equivariant")
    # Not reordered: z′_i = z_i is false (and is not proved).
    from symdl.catalog.attention import _T, _ai, _aj, _alpha, _vs_a

    unmoved = _with_claim_rhs(record.name, sp.Sum(_alpha[_ai, _aj] * _vs_a[_aj], (_aj, 1, _T)))
    assert not unmoved.verify().holds
    # Independently, numbers: three tokens of width 2, every reordering.
    rng = random.Random(2)
    q, k, v = ([[rng.uniform(-1, 1) for _ in range(2)] for _ in range(3)] for _ in range(3))

    def attend(qs, ks, vs):
        rows = []
        for a in qs:
            w = [mpmath.exp(mpmath.fdot(a, b) / mpmath.sqrt(2)) for b in ks]
            rows.append([mpmath.fsum(w[j] * vs[j][c] for j in range(3)) / mpmath.fsum(w) for c in range(2)])
        return rows

    z = attend(q, k, v)
    for order in itertools.permutations(range(3)):
        moved = attend(*([seq[o] for o in order] for seq in (q, k, v)))
        for i, o in enumerate(order):
            assert all(abs(moved[i][c] - z[o][c]) < 1e-12 for c in range(2))


# -- ML LifeCycle, RNN: the size of ∂h_T/∂h_0 ------------------------------------------------------------
def test_bptt_norm_bound_for_every_length():
    assert _proof("rnn_bptt_norm_bound").method == INDUCTION.format("T")
    record = symdl.derivation("rnn_bptt_norm_bound")
    T = record.induction.variable
    half = record.claim.rhs / 2**T  # (γ‖W‖/2)^T: too small, must fail
    damaged = replace(
        record,
        claim=sp.LessThan(record.claim.lhs, half, evaluate=False),
        induction=replace(
            record.induction,
            base=(record.induction.base[0], half.subs(T, 1)),
            step=(record.induction.step[0], half.subs(T, T + 1)),
        ),
    )
    assert not damaged.verify().holds
    # Independently, with the ∞-norm (an operator norm): a random tanh RNN of width 3, 12 steps.
    rng = random.Random(4)
    W = mpmath.matrix([[rng.uniform(-0.8, 0.8) for _ in range(3)] for _ in range(3)])
    h, product, gamma = mpmath.matrix([rng.uniform(-1, 1) for _ in range(3)]), mpmath.eye(3), 0
    for t in range(1, 13):
        h = (W * h).apply(mpmath.tanh)
        slopes = [1 - h[i] ** 2 for i in range(3)]
        gamma = max(gamma, max(abs(s) for s in slopes))
        product = mpmath.diag(slopes) * W * product
        assert mpmath.mnorm(product, "inf") <= (gamma * mpmath.mnorm(W, "inf")) ** t * (1 + 1e-12)


# -- saturation and softmax (ML LifeCycle, Tanh functions; DL Techniques, Activations: softmax) -------------
@pytest.mark.parametrize("name", ["sigmoid_saturates", "tanh_saturates"])
def test_saturation_on_both_sides(name):
    """σ′ and tanh′ → 0 at +∞ and at −∞, in general; a wrong limit (1 at −∞) is refuted."""
    proof = _proof(name)
    assert proof.holds
    assert proof.general
    assert len(symdl.derivation(name).claim.lhs) == 2  # both sides, not one in words
    assert not _with_claim_rhs(name, sp.Matrix([0, 1])).verify().holds
    # independently: the slopes far out are below 1e-40 on both sides
    with mpmath.workdps(50):
        for f in (lambda v: mpmath.exp(-v) / (1 + mpmath.exp(-v)) ** 2, lambda v: 1 - mpmath.tanh(v) ** 2):
            assert f(mpmath.mpf(100)) < 1e-40
            assert f(mpmath.mpf(-100)) < 1e-40


def test_softmax_keeps_order_and_equal_logits_give_one_over_n():
    for name in (
        "softmax_keeps_order_not_a_hard_max",
        "softmax_equal_logits",
        "softmax_two_classes_is_sigmoid",
    ):
        proof = _proof(name)
        assert proof.holds, name
        assert proof.general, name
    record = symdl.derivation("softmax_keeps_order_not_a_hard_max")
    (ratio,) = record.claim.rhs
    z = next(iter(ratio.atoms(sp.Indexed))).base
    i, j = sorted({ix.indices[0] for ix in ratio.atoms(sp.Indexed)}, key=str)
    wrong = replace(record, claim=sp.Eq(record.claim.lhs, sp.Matrix([sp.exp(z[i] + z[j])]), evaluate=False))
    assert not wrong.verify().holds
    n = sp.Symbol("n", integer=True, positive=True)
    assert not _with_claim_rhs("softmax_equal_logits", 1 / (n + 1)).verify().holds
    # independently, with mpmath at 50 digits: equal logits over 7 classes, two classes vs the sigmoid
    with mpmath.workdps(50):
        logits = [mpmath.mpf("0.3")] * 7
        total = mpmath.fsum(mpmath.exp(v) for v in logits)
        assert all(abs(mpmath.exp(v) / total - mpmath.mpf(1) / 7) < 1e-40 for v in logits)
        z1, z2 = mpmath.mpf("1.7"), mpmath.mpf("-0.4")
        two = mpmath.exp(z1) / (mpmath.exp(z1) + mpmath.exp(z2))
        assert abs(two - 1 / (1 + mpmath.exp(-(z1 - z2)))) < 1e-40
    z1s, z2s = sp.symbols("z_1 z_2", real=True)
    from symdl.catalog._common import sigma

    assert not _with_claim_rhs("softmax_two_classes_is_sigmoid", sigma(z2s - z1s)).verify().holds


# -- DL Techniques, Batch Normalization: the learned scale and shift --------------------------------------
def test_batchnorm_scale_and_shift_set_the_output_and_can_undo_it():
    for name in ("batchnorm_scale_shift", "batchnorm_can_undo_itself"):
        proof = _proof(name)
        assert proof.holds, name
        assert proof.general, name
    record = symdl.derivation("batchnorm_scale_shift")
    beta, gamma_sq_ratio = record.claim.rhs
    # the spread without γ² (the note's "variance 1" read literally) is not what y has
    assert not _with_claim_rhs("batchnorm_scale_shift", sp.Matrix([beta, gamma_sq_ratio + 1])).verify().holds
    # independently, with numbers: a batch of 5 values, γ = 3, β = −2, ε = 0.1
    with mpmath.workdps(40):
        xs = [mpmath.mpf(v) for v in ("0.3", "-1.2", "2.5", "0.7", "1.1")]
        mu = mpmath.fsum(xs) / 5
        var = mpmath.fsum((v - mu) ** 2 for v in xs) / 5
        ys = [3 * (v - mu) / mpmath.sqrt(var + mpmath.mpf("0.1")) - 2 for v in xs]
        mean_y = mpmath.fsum(ys) / 5
        assert abs(mean_y + 2) < 1e-30
        var_y = mpmath.fsum((v - mean_y) ** 2 for v in ys) / 5
        assert abs(var_y - 9 * var / (var + mpmath.mpf("0.1"))) < 1e-30


# -- ML LifeCycle, not zero-centred output: per example one sign, per minibatch not --------------------------
def test_weight_gradient_signs_per_example_and_per_minibatch():
    proof = _proof("sigmoid_weight_gradients_share_a_sign")
    assert proof.holds
    assert proof.general
    record = symdl.derivation("sigmoid_weight_gradients_share_a_sign")
    # the opposite sign is refuted
    flipped = replace(record, claim=sp.StrictLessThan(record.claim.lhs, 0, evaluate=False))
    assert not flipped.verify().holds
    batch = _proof("minibatch_weight_gradients_can_mix")
    assert batch.holds
    assert not batch.general  # one explicit minibatch, and labelled so
    # independently: σ′(0) = 1/4, gradient Σ δ·σ′(0)·x over the two examples
    grad = [sum(d * mpmath.mpf(1) / 4 * xv[k] for xv, d in (((1, 2), 1), ((3, 1), -1))) for k in range(2)]
    assert grad == [mpmath.mpf(-1) / 2, mpmath.mpf(1) / 4]


# -- ML LifeCycle, LSTM: the output reads the cell state through tanh ---------------------------------------
def test_lstm_hidden_state_gradient_through_the_output_gate():
    proof = _proof("lstm_hidden_state_gradient")
    assert proof.holds
    assert proof.general
    record = symdl.derivation("lstm_hidden_state_gradient")
    derived, claimed = record.indexed
    # without the output gate, or with 1 − c² for 1 − tanh² c, the gradient is wrong
    gate = next(f for f in claimed.atoms(sp.Indexed) if str(f.base) == "o")
    for wrong in (claimed / gate, claimed.replace(sp.tanh, lambda v: v)):
        assert not replace(record, indexed=(derived, wrong)).verify().holds
    # independently, one entry by central differences: h = o·tanh(c) at o = 0.7, c = 1.3
    with mpmath.workdps(30):
        o, c = mpmath.mpf("0.7"), mpmath.mpf("1.3")
        slope = mpmath.diff(lambda v: o * mpmath.tanh(v), c)
        assert abs(slope - o * (1 - mpmath.tanh(c) ** 2)) < 1e-25


def test_adagrad_rate_never_grows():
    proof = _proof("adagrad_rate_never_grows")
    assert proof.holds
    assert proof.general
    record = symdl.derivation("adagrad_rate_never_grows")
    grows = replace(record, claim=sp.StrictGreaterThan(record.claim.lhs, record.claim.rhs, evaluate=False))
    assert not grows.verify().holds


def test_elu_flattens_at_minus_alpha():
    proof = _proof("elu_saturates_at_minus_alpha")
    assert proof.holds
    assert proof.general
    alpha = sp.Symbol("alpha", positive=True)
    assert not _with_claim_rhs("elu_saturates_at_minus_alpha", sp.Matrix([0, 0])).verify().holds
    assert not _with_claim_rhs("elu_saturates_at_minus_alpha", sp.Matrix([-alpha, alpha])).verify().holds
    with mpmath.workdps(30):
        a = mpmath.mpf("1.3")
        assert abs(a * (mpmath.exp(-80) - 1) + a) < 1e-30
