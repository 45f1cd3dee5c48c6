"""The notes' mistakes found by the reading of issue 19, and the derivations that settle the rest.

Each erratum is checked both ways -- the note's claim refuted, with the machine's evidence, and
the correction proved -- and where a truth text gives numbers, they are recomputed here with
mpmath, independently of the records.  Each derivation is checked for its honest label, and a
damaged copy of it (a wrong bound, a wrong step) is checked to fail, so the test can fail.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from functools import cache

import mpmath
import pytest
import sympy as sp

import symdl
from symdl.proof import SYMBOLIC

GENERAL_INDUCTION = SYMBOLIC + " (induction on {})"


@cache
def _proof(name: str):
    return symdl.derivation(name).verify()


@cache
def _correction(name: str):
    return symdl.derivation(name).corrected.verify()


def _sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


# -- ML LifeCycle, Tanh functions: the range ------------------------------------------------------------
def test_tanh_closed_range_is_refuted_and_the_open_range_proved():
    proof = _proof("tanh_range_open")
    assert not proof.holds
    assert proof.method == "exact value (the two sets differ)"
    assert "{-1, 1}" in proof.detail  # the endpoints the note's interval adds
    assert _correction("tanh_range_open").general
    # Independently: tanh x = 1 has no real solution, and tanh stays below 1 far out.
    x = sp.Symbol("x", real=True)
    assert sp.solveset(sp.tanh(x) - 1, x, sp.S.Reals) is sp.S.EmptySet
    with mpmath.workdps(60):
        assert 1 - mpmath.tanh(40) > mpmath.mpf(10) ** -40


# -- Deep Learning, Backpropagation: what is multiplied ----------------------------------------------------
def test_vanishing_gradient_by_values_is_refuted_and_the_slopes_proved():
    proof = _proof("sigmoid_vanishing_multiplies_slopes")
    assert not proof.holds
    assert proof.method.startswith("numeric counterexample")
    # At the machine's counterexample the note's product and the true derivative differ.
    at = mpmath.mpf(proof.counterexample["x"])
    true = mpmath.diff(lambda v: _sigmoid(_sigmoid(v)), at)
    assert abs(true - _sigmoid(_sigmoid(at)) * _sigmoid(at)) > 1e-3
    assert _correction("sigmoid_vanishing_multiplies_slopes").general


def test_truth_numbers_of_the_sigmoid_erratum():
    # σ(5)^10 ≈ 0.935 and σ′(5)^10 ≈ 1.7·10⁻²², as the truth text says.
    record = symdl.derivation("sigmoid_vanishing_multiplies_slopes")
    s = _sigmoid(5)
    assert float(s**10) == pytest.approx(0.935, abs=5e-4)
    assert float((s * (1 - s)) ** 10) == pytest.approx(1.7e-22, rel=0.01)
    assert "0.935" in record.truth
    assert "1.7·10⁻²²" in record.truth


def test_sigmoid_chain_bound_holds_for_every_depth():
    assert _proof("sigmoid_chain_gradient_bound").method == GENERAL_INDUCTION.format("L")
    # Independently, at random inputs for L = 1..8 (the bound is attained only at z = 0).
    rng = random.Random(19)
    for depth in range(1, 9):
        zs = [mpmath.mpf(rng.uniform(-4, 4)) for _ in range(depth)]
        product = mpmath.fprod(_sigmoid(z) * (1 - _sigmoid(z)) for z in zs)
        assert product <= mpmath.mpf(4) ** -depth
    # A bound that is too tight, 5^(−L), must fail.
    record = symdl.derivation("sigmoid_chain_gradient_bound")
    L = record.induction.variable
    fifth = sp.Rational(1, 5)
    tight = replace(
        record,
        claim=sp.LessThan(record.claim.lhs, fifth**L, evaluate=False),
        induction=replace(
            record.induction,
            base=(record.induction.base[0], fifth),
            step=(record.induction.step[0], fifth ** (L + 1)),
        ),
    )
    assert not tight.verify().holds


# -- ML LifeCycle, ReLU: dead units ------------------------------------------------------------------
def test_dead_relu_by_negative_output_is_refuted():
    proof = _proof("dead_relu_negative_input")
    assert not proof.holds
    assert proof.method.startswith("numeric counterexample")
    assert proof.counterexample["x"] < 0  # where the slope is 0 though the output is not negative
    correction = _correction("dead_relu_negative_input")
    assert correction.holds
    assert correction.method == "symbolic for x ≠ 0"  # the kink is left to the convention
    assert _proof("relu_output_nonnegative").general


# -- ML LifeCycle, LSTM: the cell state ---------------------------------------------------------------
def test_unchanged_cell_state_is_refuted_and_the_forget_gate_proved():
    proof = _proof("lstm_cell_state_changes")
    assert not proof.holds
    assert proof.method.startswith("numeric counterexample")
    point = proof.counterexample
    assert point["i"] == point["k"]  # off the diagonal both sides are 0; on it, f = σ(a) ≠ 1
    assert 0 < _sigmoid(point["a_f[i]"]) < 1
    assert _correction("lstm_cell_state_changes").general
    # symdl's own record no longer echoes the note's word.
    assert "unchanged" not in symdl.derivation("lstm_cell_state_gradient").statement


# -- Deep learning basics, Dropout --------------------------------------------------------------------
def _mask_average(of, w, x, p):
    """Σ over every mask m of P(m)·of(wᵀ(m⊙x)/(1 − p)), written out here independently."""
    total = mpmath.mpf(0)
    for mask in itertools.product((0, 1), repeat=len(w)):
        chance = mpmath.fprod((1 - p) if m else p for m in mask)
        total += chance * of(mpmath.fsum(m * a * b for m, a, b in zip(mask, w, x, strict=True)) / (1 - p))
    return total


def test_weight_averaging_reading_of_dropout_is_refuted():
    proof = _proof("dropout_is_not_weight_averaging")
    assert not proof.holds
    assert proof.method.startswith("numeric counterexample")
    at = {k: mpmath.mpf(v) for k, v in proof.counterexample.items()}
    w, x = (at["w_1"], at["w_2"]), (at["x_1"], at["x_2"])
    ensemble = _mask_average(_sigmoid, w, x, at["p"])
    assert abs(ensemble - _sigmoid(w[0] * x[0] + w[1] * x[1])) > 1e-3
    correction = _correction("dropout_is_not_weight_averaging")
    assert correction.holds
    assert correction.method == "symbolic for two inputs (all four dropout masks)"


def test_mask_average_of_pre_activations_is_the_full_networks_for_three_inputs():
    # The truth's "for n inputs by linearity", checked here on n = 3 (eight masks).
    rng = random.Random(3)
    w = [mpmath.mpf(rng.uniform(-2, 2)) for _ in range(3)]
    x = [mpmath.mpf(rng.uniform(-2, 2)) for _ in range(3)]
    with mpmath.workdps(50):
        p = mpmath.mpf("0.3")
        assert abs(_mask_average(lambda pre: pre, w, x, p) - mpmath.fdot(w, x)) < 1e-40


# -- DL Techniques, Layer Normalization: no statistics? -------------------------------------------------
def test_layernorm_without_statistics_is_refuted_at_the_machines_point():
    proof = _proof("layernorm_computes_statistics")
    assert not proof.holds
    assert proof.method.startswith("numeric counterexample")
    at = proof.counterexample
    size, i, k, eps = int(at["D"]), int(at["i"]), int(at["k"]), mpmath.mpf(at["epsilon"])
    x = [mpmath.mpf(at[f"x[{r}]"]) for r in range(1, size + 1)]
    assert i != k

    def xhat(values, r):
        mean = mpmath.fsum(values) / size
        var = mpmath.fsum((v - mean) ** 2 for v in values) / size
        return (values[r - 1] - mean) / mpmath.sqrt(var + eps)

    # An independent LayerNorm in mpmath: its off-diagonal derivative is not 0, and it is the
    # correction's −(1 + x̂_i x̂_k)/(D√(σ² + ε)).
    with mpmath.workdps(40):
        slope = mpmath.diff(lambda v: xhat([*x[: k - 1], v, *x[k:]], i), x[k - 1])
        mean = mpmath.fsum(x) / size
        root = mpmath.sqrt(mpmath.fsum((v - mean) ** 2 for v in x) / size + eps)
        assert abs(slope) > 1e-6
        expected = -(1 + xhat(x, i) * xhat(x, k)) / (size * root)
        assert abs(slope - expected) < 1e-20 * abs(expected)
    assert _correction("layernorm_computes_statistics").general


# -- ML LifeCycle, Weight initialization -----------------------------------------------------------------
def test_xavier_code_keeping_the_variance_is_refuted():
    proof = _proof("xavier_notes_code_halves_variance")
    assert not proof.holds
    assert proof.method.startswith("exact value")
    assert proof.detail == "left 0.500000, right 1.00000"
    assert _correction("xavier_notes_code_halves_variance").general
    # Independently, with SymPy's statistics: n·Var(randn/√(n + n)) = 1/2 for any width n.
    n = sp.Symbol("n", positive=True, integer=True)
    draw = sp.stats.Normal("z", 0, 1) / sp.sqrt(n + n)
    assert sp.simplify(n * sp.stats.variance(draw)) == sp.Rational(1, 2)


def _tanh_layers(scale: float, width: int, layers: int) -> list:
    """q_l = E[x_l²] through tanh layers, each E over z ~ N(0, width·scale²·q) by quadrature."""
    q = [mpmath.mpf(1)]
    for _ in range(layers):
        s2 = width * scale**2 * q[-1]
        density = lambda z, s2=s2: mpmath.exp(-(z**2) / (2 * s2)) / mpmath.sqrt(2 * mpmath.pi * s2)  # noqa: E731
        q.append(mpmath.quad(lambda z, d=density: mpmath.tanh(z) ** 2 * d(z), [-mpmath.inf, 0, mpmath.inf]))
    return q


def test_depth_bound_holds_for_every_depth_and_against_quadrature():
    record = symdl.derivation("init_variance_depth_bound")
    assert _proof("init_variance_depth_bound").method == GENERAL_INDUCTION.format("L")
    # The note's two experiments at width 500, layer by layer: q_L ≤ (n·σ_w²)^L·q_0.
    for scale in (0.01, 0.5):
        q = _tanh_layers(scale, 500, 4)
        for depth, value in enumerate(q):
            assert value <= (500 * scale**2) ** depth * q[0] * (1 + 1e-12)
    # A bound that is too small, (n·σ_w²/2)^L, must fail.
    L, bound = record.induction.variable, record.claim.rhs
    halved = bound / 2**L
    damaged = replace(
        record,
        claim=sp.LessThan(record.claim.lhs, halved, evaluate=False),
        induction=replace(record.induction, step=(record.induction.step[0], halved.subs(L, L + 1))),
    )
    assert not damaged.verify().holds


def test_small_init_collapses_exactly_below_width_ten_thousand():
    assert _proof("small_gaussian_init_collapse").general
    record = symdl.derivation("small_gaussian_init_collapse")
    wrong = replace(record, claim=sp.Eq(record.claim.lhs, sp.Interval.open(0, 1000), evaluate=False))
    assert not wrong.verify().holds
    # The collapse itself at width 500 (factor 0.05): below 10⁻¹² after 10 layers, by quadrature.
    q = _tanh_layers(0.01, 500, 10)
    assert q[10] < 1e-12 * q[0]


# -- Deep Learning, Optimization 2: momentum as an exponential average (a judgement call, decided) -------
def test_momentum_average_form_is_the_sum_form_scaled_for_every_step():
    record = symdl.derivation("momentum_average_and_sum_forms")
    assert record.holds  # decided in the open: not an erratum
    assert "Judgement call" in record.statement
    assert _proof("momentum_average_and_sum_forms").method == GENERAL_INDUCTION.format("t")
    # Without the (1 − μ) on the new gradient the step must fail.
    from symdl.catalog.optimizers import _tt, gs, mu_m, vs_torch

    undamped = mu_m * ((1 - mu_m) * vs_torch[_tt]) + gs[_tt + 1]
    damaged = replace(record, induction=replace(record.induction, step=(undamped, record.induction.step[1])))
    assert not damaged.verify().holds
    # Independently: both recurrences run for 30 steps on random gradients.
    rng = random.Random(7)
    with mpmath.workdps(50):
        mu_v, v_sum, v_avg, weights = mpmath.mpf("0.9"), mpmath.mpf(0), mpmath.mpf(0), mpmath.mpf(0)
        for t in range(1, 31):
            g = mpmath.mpf(rng.uniform(-1, 1))
            v_sum, v_avg = mu_v * v_sum + g, mu_v * v_avg + (1 - mu_v) * g
            assert abs(v_avg - (1 - mu_v) * v_sum) < 1e-40
            weights = mu_v * weights + 1  # the total weight of the sum form after t steps
            assert abs(weights - (1 - mu_v**t) / (1 - mu_v)) < 1e-40
    assert _proof("momentum_weights_total").general


# -- Deep Learning, mini-batches; All about DL, Further question; DL basics, XOR ---------------------------
def test_equal_sized_minibatches_are_refuted_by_the_last_batch():
    proof = _proof("minibatches_not_all_the_same_size")
    assert not proof.holds
    assert proof.detail == "left 100.000, right 300.000"  # the last batch
    assert _correction("minibatches_not_all_the_same_size").general
    # Independently: slice 1000 items into chunks of 300.
    items = list(range(1000))
    assert [len(items[s : s + 300]) for s in range(0, 1000, 300)] == [300, 300, 300, 100]


def test_cross_entropy_weighing_the_two_errors_differently_is_refuted():
    proof = _proof("bce_treats_both_errors_alike")
    assert not proof.holds
    assert proof.general is False
    assert proof.method == SYMBOLIC  # refuted for every p, not at a sampled point
    assert _correction("bce_treats_both_errors_alike").general

    def bce(y, p):
        return -y * mpmath.log(p) - (1 - y) * mpmath.log(1 - p)

    for p in ("0.01", "0.3", "0.9"):
        p = mpmath.mpf(p)
        assert abs(bce(1, p) - bce(0, 1 - p)) < 1e-12


def test_xor_gates_alone_do_not_reach_and():
    proof = _proof("xor_alone_is_not_complete")
    assert not proof.holds
    assert proof.detail == "left 0, right 1.00000"
    assert _correction("xor_alone_is_not_complete").general
    # Independently: the affine functions a·x ⊕ b·y ⊕ c, and AND is not one of them.
    inputs = ((0, 0), (0, 1), (1, 0), (1, 1))
    affine = {
        tuple((a * x) ^ (b * y) ^ c for x, y in inputs) for a, b, c in itertools.product((0, 1), repeat=3)
    }
    from symdl.catalog.structure import xor_circuits

    assert xor_circuits() == affine
    assert len(affine) == 8
    assert tuple(x & y for x, y in inputs) not in affine


def test_whitened_uniform_data_are_not_gaussian():
    """The note's 'isotropic Gaussian blob': standardised uniform data have E[z⁴] = 9/5, not 3 --
    refuted exactly, the correction proved, and 9/5 checked here by Monte Carlo-free arithmetic."""
    import symdl

    record = symdl.derivation("whitening_does_not_make_data_gaussian")
    refuted = record.verify()
    assert not refuted.holds
    assert not refuted.undecided
    corrected = record.corrected.verify()
    assert corrected.holds
    assert corrected.general
    # independently: E[u⁴] = a⁴/5 and E[u²] = a²/3 for U(−a, a), so E[u⁴]/E[u²]² = 9/5 for any a
    from fractions import Fraction

    for a in (1, 2, 7):
        fourth, second = Fraction(a**4, 5), Fraction(a**2, 3)
        assert fourth / second**2 == Fraction(9, 5)


def test_gradient_descent_can_stop_at_a_saddle():
    """'GD finds the minimum': the point GD reaches from the x-axis on (x² − y²)/2 has a Hessian
    eigenvalue −1 -- refuted exactly, the correction (< 0) proved; numpy's eigenvalues agree."""
    import numpy as np

    import symdl

    record = symdl.derivation("gd_can_stop_at_a_saddle")
    refuted = record.verify()
    assert not refuted.holds
    assert not refuted.undecided
    assert record.corrected.verify().holds
    # independently: GD from (1, 0) with η = 0.1 reaches (0, 0) to 1e-12; the Hessian there
    point = np.array([1.0, 0.0])
    for _ in range(300):
        point = point - 0.1 * np.array([point[0], -point[1]])
    assert np.abs(point).max() < 1e-12
    assert np.linalg.eigvalsh(np.diag([1.0, -1.0])).min() == -1.0
