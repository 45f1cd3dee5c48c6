"""The kernels of a training step -- ReLU family and GELU derivatives, the forward passes, the
cross-entropy loss, attention, and the optimisers besides Adam -- against closed forms
written here in NumPy (the only hand-written formulas in the project), central finite
differences, and the optimisers' recurrences run for 25 steps.  The semantics are
PyTorch's (``torch.nn.functional`` and ``torch.optim`` with their defaults); PyTorch itself
is not used.  Tolerances are stated at each assertion.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from symdl import kernels as K
from symdl.codegen.nests import BLOCK, LANES

DTYPES = [np.float32, np.float64]
# A few ulp of the dtype, for values computed in float64 and rounded once.
ULPS = {np.float32: 4 * 2.0**-24, np.float64: 64 * 2.0**-53}


# -- activation derivatives ------------------------------------------------------------------------
def _phi(x):
    return np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _Phi(x):
    return 0.5 * np.array([math.erfc(-v / math.sqrt(2)) for v in np.ravel(x)]).reshape(np.shape(x))


ACTIVATIONS = {
    # name: (forward, derivative, kwargs)
    "relu_grad": (lambda x: np.maximum(x, 0), lambda x: (x > 0).astype(float), {}),
    "leaky_relu_grad": (
        lambda x: np.where(x > 0, x, 0.2 * x),
        lambda x: np.where(x > 0, 1.0, 0.2),
        {"negative_slope": 0.2},
    ),
    "elu_grad": (
        lambda x: np.where(x > 0, x, 1.5 * np.expm1(np.minimum(x, 0))),
        lambda x: np.where(x > 0, 1.0, 1.5 * np.exp(np.minimum(x, 0))),
        {"alpha": 1.5},
    ),
    "gelu_grad": (lambda x: x * _Phi(x), lambda x: _Phi(x) + x * _phi(x), {}),
}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_derivative_closed_form(name, dtype, rng):
    _, derivative, kwargs = ACTIVATIONS[name]
    x = (3 * rng.standard_normal((4, 25))).astype(dtype)
    got = getattr(K, name)(x, **kwargs)
    assert got.dtype == dtype
    assert got.shape == x.shape
    want = derivative(x.astype(np.float64))
    # relative to max(|value|, 1e-3): GELU' crosses 0 near x = -0.75
    np.testing.assert_allclose(got, want, rtol=ULPS[dtype], atol=1e-3 * ULPS[dtype])


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_derivative_finite_differences(name, rng):
    forward, _, kwargs = ACTIVATIONS[name]
    x = rng.uniform(-4, 4, 200)
    x = x[np.abs(x) > 1e-3]  # away from the kink at 0
    h = 1e-6
    fd = (forward(x + h) - forward(x - h)) / (2 * h)
    np.testing.assert_allclose(getattr(K, name)(x, **kwargs), fd, rtol=1e-7, atol=1e-8)


@pytest.mark.parametrize(
    ("name", "kwargs", "at_zero"),
    [
        ("relu_grad", {}, 0.0),
        ("leaky_relu_grad", {"negative_slope": 0.3}, 0.3),
        ("elu_grad", {"alpha": 2.0}, 2.0),
        ("gelu_grad", {}, 0.5),
    ],
)
def test_value_at_zero_is_the_stated_convention(name, kwargs, at_zero):
    assert float(getattr(K, name)(0.0, **kwargs)) == at_zero
    assert float(getattr(K, name)(-0.0, **kwargs)) == at_zero


def test_gelu_grad_in_the_far_tails():
    """GELU'(x) → 1 for large x and → 0⁻ like x·φ(x) for very negative x: no cancellation of
    Φ(x) + xφ(x) to garbage (each is ~1e-17 at x = -8.8 and they nearly cancel)."""
    x = np.array([-30.0, -12.0, -8.8, 8.8, 30.0])
    got = K.gelu_grad(x)
    # Φ(x) + xφ(x) for x → −∞ is φ(x)(x + 1/|x| − 1/|x|³ + 3/|x|⁵ − ...) (Mills' ratio):
    neg = x[:3]
    mills = _phi(neg) * (1 / -neg - 1 / (-neg) ** 3 + 3 / (-neg) ** 5 - 15 / (-neg) ** 7)
    np.testing.assert_allclose(got[:3], mills + neg * _phi(neg), rtol=1e-3)
    assert np.all(got[:3] < 0)
    assert got[3] == pytest.approx(1.0, abs=1e-15)
    assert got[4] == 1.0


# -- softmax cross-entropy loss --------------------------------------------------------------------
def _ce_reference(z, labels):
    """−log softmax(z)[label] with math.fsum, in float64 from the given values."""
    out = []
    for row, c in zip(np.asarray(z, np.float64), labels, strict=True):
        m = max(row)
        out.append(m + math.log(math.fsum(math.exp(v - m) for v in row)) - row[c])
    return np.array(out)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("scale", [1e-3, 1.0, 30.0, 1e4])
def test_cross_entropy_loss_closed_form(dtype, scale, rng):
    z = (scale * rng.standard_normal((9, 6))).astype(dtype)
    labels = rng.integers(0, 6, 9)
    got = K.softmax_cross_entropy(z, labels)
    assert got.dtype == dtype
    assert got.shape == (9,)
    assert np.all(np.isfinite(got))
    assert np.all(got >= 0)
    want = _ce_reference(z, labels)
    # absolute error a few ulp of max(1, loss)
    np.testing.assert_allclose(got, want, rtol=ULPS[dtype], atol=ULPS[dtype])


def test_cross_entropy_loss_is_the_log_of_the_softmax(rng):
    z = rng.standard_normal((5, 4))
    labels = rng.integers(0, 4, 5)
    p = K.softmax(z)
    np.testing.assert_allclose(
        K.softmax_cross_entropy(z, labels), -np.log(p[np.arange(5), labels]), rtol=1e-13
    )


def test_cross_entropy_loss_gradient_is_the_grad_kernel(rng):
    z = rng.standard_normal((3, 5))
    labels = np.array([0, 4, 2])
    h = 1e-6
    fd = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        e = np.zeros_like(z)
        e[idx] = h
        fd[idx] = (
            K.softmax_cross_entropy(z + e, labels).sum() - K.softmax_cross_entropy(z - e, labels).sum()
        ) / (2 * h)
    np.testing.assert_allclose(K.softmax_cross_entropy_grad(z, labels), fd, atol=1e-8)


def test_cross_entropy_of_uniform_logits_is_log_classes():
    for c in (1, 2, 10, 1000):
        assert K.softmax_cross_entropy(np.full((1, c), 7.0), [c - 1])[0] == pytest.approx(
            math.log(c), rel=1e-15
        )


# -- normalisation forward -------------------------------------------------------------------------
def _normalise(x, gamma, beta, eps, axis):
    mu = x.mean(axis=axis, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=axis, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta, mu, var


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(1, 3), (2, 1), (16, 7), (301, 5)])
def test_batchnorm_forward_closed_form(dtype, shape, rng):
    x = (2 + 3 * rng.standard_normal(shape)).astype(dtype)
    gamma, beta = rng.standard_normal(shape[1]).astype(dtype), rng.standard_normal(shape[1]).astype(dtype)
    y, mean, var = K.batchnorm_forward(x, gamma, beta, eps=1e-3)
    want_y, want_mu, want_var = _normalise(*(a.astype(np.float64) for a in (x, gamma, beta)), 1e-3, axis=0)
    assert y.dtype == mean.dtype == var.dtype == dtype
    tol = 8 * ULPS[dtype]
    np.testing.assert_allclose(mean, want_mu[0], rtol=tol, atol=tol)
    np.testing.assert_allclose(var, want_var[0], rtol=tol, atol=tol)
    np.testing.assert_allclose(y, want_y, rtol=tol, atol=tol * (1 + np.abs(beta)).max())


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(1, 1), (3, 1), (4, 7), (2, 3, 5)])
def test_layernorm_forward_closed_form(dtype, shape, rng):
    x = (1 + 2 * rng.standard_normal(shape)).astype(dtype)
    gamma, beta = rng.standard_normal(shape[-1]).astype(dtype), rng.standard_normal(shape[-1]).astype(dtype)
    y, mean, rstd = K.layernorm_forward(x, gamma, beta)
    want_y, want_mu, want_var = _normalise(*(a.astype(np.float64) for a in (x, gamma, beta)), 1e-5, axis=-1)
    assert y.shape == x.shape
    assert mean.shape == rstd.shape == x.shape[:-1]
    tol = 8 * ULPS[dtype]
    np.testing.assert_allclose(mean, want_mu[..., 0], rtol=tol, atol=tol)
    np.testing.assert_allclose(rstd, 1 / np.sqrt(want_var[..., 0] + 1e-5), rtol=tol)
    np.testing.assert_allclose(y, want_y, rtol=tol, atol=tol * (1 + np.abs(beta)).max())


def test_forward_statistics_survive_a_large_mean():
    """x = 1e8 + small spread: E[x²] − E[x]² would lose every digit of the variance in float64."""
    spread = np.array([-1.0, 0.5, 0.25, 0.25])
    x = (1e8 + spread)[:, None]
    _, _mean, var = K.batchnorm_forward(x, [1.0], [0.0])
    assert var[0] == pytest.approx(np.mean((spread - spread.mean()) ** 2), rel=1e-12)
    y, _, rstd = K.layernorm_forward(x.T, np.ones(4), np.zeros(4), eps=0.0)
    np.testing.assert_allclose(y[0], (spread - spread.mean()) * rstd[0], rtol=1e-12)


def test_normalised_features_have_the_proved_mean_and_variance(rng):
    """The records' claim: x̂ has mean 0 and variance σ²/(σ² + ε) (β = 0, γ = 1)."""
    x = rng.standard_normal((50, 4))
    y, _, var = K.batchnorm_forward(x, np.ones(4), np.zeros(4), eps=0.1)
    np.testing.assert_allclose(y.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(y.var(axis=0), var / (var + 0.1), rtol=1e-13)


def test_layernorm_forward_feeds_its_backward(rng):
    """The forward's (mean, rstd) are what layernorm_backward recomputes: dx from them agrees."""
    x, dy, gamma = rng.standard_normal((3, 6)), rng.standard_normal((3, 6)), rng.standard_normal(6)
    _, mean, rstd = K.layernorm_forward(x, gamma, np.zeros(6))
    xhat = (x - mean[:, None]) * rstd[:, None]
    g = dy * gamma
    dx = rstd[:, None] * (g - g.mean(axis=1, keepdims=True) - xhat * (g * xhat).mean(axis=1, keepdims=True))
    np.testing.assert_allclose(K.layernorm_backward(dy, x, gamma)[0], dx, rtol=1e-12, atol=1e-14)


# -- attention -----------------------------------------------------------------------------------
def _attention(q, k, v, causal):
    s = q @ k.T / math.sqrt(q.shape[1])
    if causal:
        s = np.where(np.arange(k.shape[0])[None, :] <= np.arange(q.shape[0])[:, None], s, -np.inf)
    w = np.exp(s - s.max(axis=1, keepdims=True))
    return (w / w.sum(axis=1, keepdims=True)) @ v


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("causal", [False, True])
@pytest.mark.parametrize(("t", "keys", "d", "e"), [(1, 1, 1, 1), (5, 5, 4, 3), (3, 8, 2, 5), (9, 4, 16, 1)])
def test_attention_closed_form(dtype, causal, t, keys, d, e, rng):
    q, k, v = (rng.standard_normal(s).astype(dtype) for s in ((t, d), (keys, d), (keys, e)))
    got = K.attention(q, k, v, causal=causal)
    assert got.dtype == dtype
    assert got.shape == (t, e)
    np.testing.assert_allclose(
        got, _attention(*(a.astype(np.float64) for a in (q, k, v)), causal), atol=8 * ULPS[dtype]
    )


def test_causal_output_ignores_later_positions(rng):
    """The record's claim: ∂z_i/∂v_j = 0 for j > i -- changing later values changes no earlier output."""
    q, k, v = rng.standard_normal((6, 3)), rng.standard_normal((6, 3)), rng.standard_normal((6, 2))
    before = K.attention(q, k, v, causal=True)
    v2, k2 = v.copy(), k.copy()
    v2[4:] += 100.0
    k2[4:] -= 7.0
    after = K.attention(q, k2, v2, causal=True)
    np.testing.assert_array_equal(before[:4], after[:4])
    assert not np.allclose(before[4:], after[4:])


def test_attention_weights_average_the_values(rng):
    """Weights sum to 1: constant values come out unchanged, whatever the scores (even ±1e4)."""
    q, k = 1e2 * rng.standard_normal((4, 3)), 1e2 * rng.standard_normal((7, 3))
    out = K.attention(q, k, np.full((7, 2), 3.25))
    np.testing.assert_allclose(out, 3.25, rtol=1e-15)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((np.zeros((2, 3)), np.zeros((4, 2)), np.zeros((4, 1))), {}, ValueError, "K must have Q's width"),
        (
            (np.zeros((2, 3)), np.zeros((4, 3)), np.zeros((5, 1))),
            {},
            ValueError,
            "V must have one row per key",
        ),
        ((np.zeros(3), np.zeros((4, 3)), np.zeros((4, 1))), {}, ValueError, "Q must be"),
        ((np.zeros((2, 3)), np.zeros((0, 3)), np.zeros((0, 1))), {}, ValueError, "K must not be empty"),
        ((np.zeros((2, 3)), np.zeros((4, 3)), np.zeros((4, 1))), {"causal": 1}, TypeError, "causal must be"),
    ],
)
def test_attention_bad_input(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        K.attention(*args, **kwargs)


# -- optimisers: 25 steps against the recurrences --------------------------------------------------
def _sgd(p, g, state, lr, momentum, nesterov=False):
    (v,) = state
    v = momentum * v + g
    return p - lr * (g + momentum * v if nesterov else v), (v,)


def _adagrad(p, g, state, lr, eps):
    (s,) = state
    s = s + g * g
    return p - lr * g / (np.sqrt(s) + eps), (s,)


def _rmsprop(p, g, state, lr, alpha, eps):
    (a,) = state
    a = alpha * a + (1 - alpha) * g * g
    return p - lr * g / (np.sqrt(a) + eps), (a,)


def _adadelta(p, g, state, lr, rho, eps):
    a, d = state
    a = rho * a + (1 - rho) * g * g
    delta = np.sqrt(d + eps) / np.sqrt(a + eps) * g
    d = rho * d + (1 - rho) * delta * delta
    return p - lr * delta, (a, d)


OPTIMISERS = {
    "sgd_momentum": (K.sgd_momentum_step, _sgd, 1, {"lr": 0.05, "momentum": 0.8}),
    "sgd_nesterov": (K.sgd_momentum_step, _sgd, 1, {"lr": 0.05, "momentum": 0.8, "nesterov": True}),
    "adagrad": (K.adagrad_step, _adagrad, 1, {"lr": 0.1, "eps": 1e-10}),
    "rmsprop": (K.rmsprop_step, _rmsprop, 1, {"lr": 0.01, "alpha": 0.9, "eps": 1e-8}),
    "adadelta": (K.adadelta_step, _adadelta, 2, {"lr": 1.0, "rho": 0.9, "eps": 1e-6}),
}


@pytest.mark.parametrize("name", sorted(OPTIMISERS))
def test_optimiser_matches_its_recurrence_over_25_steps(name, rng):
    """float64: 25 steps in a row against the recurrence run alongside (no resynchronising)."""
    step, reference, n_states, hyper = OPTIMISERS[name]
    p = rng.standard_normal((3, 5))
    states = [np.zeros_like(p) for _ in range(n_states)]
    ref_p, ref_states = p.copy(), tuple(np.zeros_like(p) for _ in range(n_states))
    for _ in range(25):
        g = rng.standard_normal((3, 5))
        step(p, g, *states, **hyper)
        ref_p, ref_states = reference(ref_p, g, ref_states, **hyper)
    np.testing.assert_allclose(p, ref_p, rtol=1e-13, atol=1e-13)
    for got, want in zip(states, ref_states, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("name", sorted(OPTIMISERS))
def test_optimiser_float32_step_is_the_float64_step_rounded_once(name, rng):
    """float32 state: each step is computed in float64 from the stored float32 values and rounded
    once when stored -- within half an ulp of float32 (plus float64 rounding) of the recurrence."""
    step, reference, n_states, hyper = OPTIMISERS[name]
    p = rng.standard_normal(40).astype(np.float32)
    states = [np.zeros_like(p) for _ in range(n_states)]
    for _ in range(25):
        g = rng.standard_normal(40).astype(np.float32)
        want_p, want_states = reference(
            p.astype(np.float64), g.astype(np.float64), tuple(s.astype(np.float64) for s in states), **hyper
        )
        step(p, g, *states, **hyper)
        assert p.dtype == np.float32
        assert all(s.dtype == np.float32 for s in states)
        for got, want in zip((p, *states), (want_p, *want_states), strict=True):
            np.testing.assert_allclose(got, want, rtol=2.0**-24 * 1.01, atol=1e-30)


def test_momentum_forms_give_the_same_parameters(rng):
    """The record momentum_forms_agree: the note's v ← μv − ηg, θ ← θ + v and PyTorch's form."""
    p, v = rng.standard_normal(6), np.zeros(6)
    theta, v_note = p.copy(), np.zeros(6)
    for _ in range(20):
        g = rng.standard_normal(6)
        K.sgd_momentum_step(p, g, v, lr=0.1, momentum=0.7)
        v_note = 0.7 * v_note - 0.1 * g
        theta = theta + v_note
    np.testing.assert_allclose(p, theta, rtol=1e-13)


def test_adagrad_state_is_the_sum_of_squared_gradients(rng):
    p, s = rng.standard_normal(4), np.zeros(4)
    gs = rng.standard_normal((30, 4))
    for g in gs:
        K.adagrad_step(p, g, s)
    np.testing.assert_allclose(s, (gs**2).sum(axis=0), rtol=1e-14)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda p, s: K.sgd_momentum_step(p, np.ones(3), s, momentum=0.0, nesterov=True),
            ValueError,
            "momentum must be > 0",
        ),
        (lambda p, s: K.sgd_momentum_step(p, np.ones(3), s, momentum=1.0), ValueError, "momentum"),
        (lambda p, s: K.sgd_momentum_step(p, np.ones(3), s, nesterov="yes"), TypeError, "nesterov"),
        (lambda p, s: K.adagrad_step(p, np.ones(3), s, eps=0.0), ValueError, "eps"),
        (lambda p, s: K.rmsprop_step(p, np.ones(3), s, alpha=1.5), ValueError, "alpha"),
        (lambda p, s: K.rmsprop_step(p, np.ones(4), s), ValueError, "grad must have the shape"),
        (lambda p, s: K.adadelta_step(p, np.ones(3), s, s), ValueError, "share"),
        (
            lambda p, s: K.adadelta_step(p, np.ones(3), s, np.zeros(3, np.float32)),
            TypeError,
            "acc_delta must have",
        ),
        (lambda p, s: K.adagrad_step(p, np.ones(3), s, lr=-1.0), ValueError, "lr"),
    ],
)
def test_optimiser_bad_input_names_the_argument_and_writes_nothing(call, error, message):
    p, s = np.arange(3.0), np.full(3, 0.5)
    with pytest.raises(error, match=message):
        call(p, s)
    np.testing.assert_array_equal(p, [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(s, [0.5, 0.5, 0.5])


# -- row reductions in lanes (runs of LANES·BLOCK elements, then the remainder) -----------------------
_RUN = LANES * BLOCK


@pytest.mark.parametrize("d", [1, 3, 4, 5, _RUN - 1, _RUN, _RUN + 1, 2 * _RUN + 7, 515])
def test_row_reductions_every_row_length(d, rng):
    """Row sums run in LANES lanes of BLOCK terms plus a remainder (symdl.codegen.nests): every
    length from below one block to many runs and a remainder gives the fsum answer."""
    x = rng.standard_normal((5, d)) * 10 + 3
    labels = rng.integers(0, d, 5)
    means = [math.fsum(row) / d for row in x]
    variances = [math.fsum((v - m) ** 2 for v in row) / d for row, m in zip(x, means, strict=True)]
    _, mean, rstd = K.layernorm_forward(x, np.ones(d), np.zeros(d), eps=1.0)
    np.testing.assert_allclose(mean, means, rtol=1e-15, atol=1e-15)
    np.testing.assert_allclose(rstd, 1 / np.sqrt(np.array(variances) + 1.0), rtol=1e-15)
    np.testing.assert_allclose(
        K.softmax_cross_entropy(x, labels), _ce_reference(x, labels), rtol=1e-14, atol=1e-14
    )
    p = K.softmax(x)
    np.testing.assert_allclose([math.fsum(row) for row in p], 1.0, rtol=1e-15)


# -- float32 statistics are not read back rounded ---------------------------------------------------
def test_float32_normalisation_with_a_mean_far_above_the_spread():
    """x = 1e7 + (0, 1, 1) in float32: μ = 1e7 + 2/3 is not a float32, and x − μ with μ rounded
    to float32 loses the answer (it gave y = (−1.73, 0, 0)).  Statistics stay in float64 until stored."""
    x = np.array([[1e7, 1e7 + 1, 1e7 + 1]], dtype=np.float32)
    ones, zeros = np.ones(3, np.float32), np.zeros(3, np.float32)
    y, _, _ = K.layernorm_forward(x, ones, zeros, eps=0.0)
    np.testing.assert_allclose(y, [[-math.sqrt(2), 1 / math.sqrt(2), 1 / math.sqrt(2)]], rtol=2**-22)
    yb, mean, var = K.batchnorm_forward(x.T.copy(), ones[:1], zeros[:1], eps=0.0)
    np.testing.assert_allclose(yb.ravel(), [-math.sqrt(2), 1 / math.sqrt(2), 1 / math.sqrt(2)], rtol=2**-22)
    np.testing.assert_allclose(var, [2 / 9], rtol=2**-23)
    assert mean.dtype == np.float32


def test_float32_layernorm_rows_with_large_means_match_float64(rng):
    x64 = rng.standard_normal((64, 4096)) * 2 + 300
    x = x64.astype(np.float32)
    g, b = rng.standard_normal(4096).astype(np.float32), rng.standard_normal(4096).astype(np.float32)
    y32, _, _ = K.layernorm_forward(x, g, b)
    y64, _, _ = K.layernorm_forward(x.astype(np.float64), g.astype(np.float64), b.astype(np.float64))
    scale = np.maximum(np.abs(y64), 1.0)
    assert np.max(np.abs(y32 - y64) / scale) <= 4 * 2.0**-24
