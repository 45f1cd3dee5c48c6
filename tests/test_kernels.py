"""Compiled kernels against independent references.

References here are hand-written numpy closed forms (the only hand-written formulas
in the project), 50-digit mpmath values, and central finite differences with random
upstream gradients.  Tolerances are stated at each assertion.
"""

from __future__ import annotations

import numpy as np
import pytest

from symdl import kernels as K
from symdl.catalog import ALL
from symdl.check import check_kernel, gradient_check

WITH_KERNEL = [
    r for r in ALL if r.kernel is not None and (not hasattr(r.kernel, "defines") or not r.kernel.defines)
]


# -- every kernel against mpmath / the proved reference, both dtypes -----------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("record", WITH_KERNEL, ids=lambda r: r.name)
def test_kernel_matches_mpmath(record, dtype):
    result = check_kernel(record, dtype=dtype)
    assert result.ok, str(result)


# -- closed forms ------------------------------------------------------------------------------------
def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_grad_closed_form(rng, dtype):
    x = rng.uniform(-15, 15, 1000).astype(dtype)
    got = K.sigmoid_grad(x)
    assert got.dtype == dtype
    x64 = x.astype(np.float64)
    # σ(x)σ(−x), not σ(x)(1 − σ(x)): the latter cancels for large x (the reason for stable forms).
    ref = _sigmoid(x64) * _sigmoid(-x64)
    np.testing.assert_allclose(got, ref, rtol=1e-5 if dtype == np.float32 else 1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_tanh_grad_closed_form(rng, dtype):
    x = rng.uniform(-8, 8, 1000).astype(dtype)
    got = K.tanh_grad(x)
    assert got.dtype == dtype
    ref = 1 / np.cosh(x.astype(np.float64)) ** 2
    np.testing.assert_allclose(got, ref, rtol=1e-5 if dtype == np.float32 else 1e-12)


def test_tanh_grad_is_four_sigmoid_grad_of_double():
    # tanh'(x) = 4 σ'(2x), from tanh(x) = 2σ(2x) − 1: two kernels, one identity.
    x = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(K.tanh_grad(x), 4 * K.sigmoid_grad(2 * x), rtol=4e-16 * 8)


def test_activation_grads_extreme():
    big = np.finfo(np.float64).max
    x = np.array([-np.inf, -1e4, -750.0, -40.0, 0.0, 40.0, 750.0, 1e4, np.inf, np.nan, big, -big])
    # No overflow, invalid or divide-by-zero flags; underflow to a subnormal or 0 is the
    # correctly rounded result and raises only the underflow flag, as np.exp(-750) does.
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        s, t = K.sigmoid_grad(x), K.tanh_grad(x)
    # Limits at ±inf are 0, NaN propagates, the peak values are exact.
    assert s[0] == s[8] == t[0] == t[8] == 0.0
    assert np.isnan(s[9])
    assert np.isnan(t[9])
    np.testing.assert_array_equal(np.concatenate([s[10:], t[10:]]), 0.0)  # ±float max: no overflow
    assert s[4] == 0.25
    assert t[4] == 1.0
    # Where σ(1−σ) and 1 − tanh² round to 0 the kernels keep the true value:
    # σ'(40) = e^-40/(1+e^-40)^2 ≈ 4.248354255291589e-18, tanh'(40) = 4e^-80/(1+e^-80)^2.
    np.testing.assert_allclose(s[[3, 5]], 4.248354255291589e-18, rtol=1e-15)
    np.testing.assert_allclose(t[[3, 5]], 4 * np.exp(-80.0), rtol=1e-15)


def test_scalar_in_scalar_out():
    assert isinstance(K.sigmoid_grad(0.0), np.floating)
    assert float(K.sigmoid_grad(0)) == 0.25  # ints are cast to float64


# -- gradients by central differences (float64, random upstream gradients) ---------------------------------
def test_sigmoid_and_tanh_grad_finite_differences(rng):
    x = rng.uniform(-4, 4, 20)
    up = rng.normal(size=20)
    assert gradient_check(_sigmoid, x, up * K.sigmoid_grad(x), up) < 1e-8
    assert gradient_check(np.tanh, x, up * K.tanh_grad(x), up) < 1e-8


def test_rnn_jacobian_finite_differences(rng):
    n = 5
    W, u = rng.normal(size=(n, n)) / np.sqrt(n), rng.normal(size=n)
    h_prev = rng.uniform(-1, 1, n)
    h = np.tanh(W @ h_prev + u)
    J = K.rnn_jacobian(h, W)
    for i in range(n):  # row i of J is the gradient of h_i: check with a one-hot upstream
        up = np.zeros(n)
        up[i] = 1.0
        assert gradient_check(lambda hp: np.tanh(W @ hp + u), h_prev, J[i], up) < 1e-8


def test_bptt_jacobian_finite_differences(rng):
    n, T = 4, 6
    W = rng.normal(size=(n, n)) * 0.8
    us = rng.normal(size=(T, n))

    def unroll(h0):
        states, h = [], h0
        for t in range(T):
            h = np.tanh(W @ h + us[t])
            states.append(h)
        return np.array(states)

    h0 = rng.uniform(-1, 1, n)
    P = K.bptt_jacobian(unroll(h0), W)
    up = rng.normal(size=n)
    assert gradient_check(lambda h: unroll(h)[-1], h0, up @ P, up) < 1e-8


def test_bptt_single_step_is_rnn_jacobian(rng):
    h, W = rng.uniform(-1, 1, 3), rng.normal(size=(3, 3))
    np.testing.assert_array_equal(K.bptt_jacobian(h[None, :], W), K.rnn_jacobian(h, W))


def _bn_forward(x, gamma, beta, eps):
    mu = x.mean(axis=0)
    var = ((x - mu) ** 2).mean(axis=0)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


@pytest.mark.parametrize("shape", [(1, 3), (2, 1), (7, 5), (64, 3)])
def test_batchnorm_backward_finite_differences(rng, shape):
    x = rng.normal(size=shape) * 2 + 1
    gamma, beta = rng.normal(size=shape[1]), rng.normal(size=shape[1])
    dy = rng.normal(size=shape)  # random upstream: the gradient of sum(BN(x)) would be 0
    dx, dgamma, dbeta = K.batchnorm_backward(dy, x, gamma, eps=1e-3)
    assert gradient_check(lambda z: _bn_forward(z, gamma, beta, 1e-3), x, dx, dy) < 1e-7
    assert gradient_check(lambda g: _bn_forward(x, g, beta, 1e-3), gamma, dgamma, dy) < 1e-7
    assert gradient_check(lambda b: _bn_forward(x, gamma, b, 1e-3), beta, dbeta, dy) < 1e-7


def test_batchnorm_closed_form_float32(rng):
    x = rng.normal(size=(256, 16)).astype(np.float32)
    dy = rng.normal(size=(256, 16)).astype(np.float32)
    gamma = rng.normal(size=16).astype(np.float32)
    dx, dgamma, dbeta = K.batchnorm_backward(dy, x, gamma)
    assert dx.dtype == dgamma.dtype == dbeta.dtype == np.float32
    x64, dy64, g64 = x.astype(np.float64), dy.astype(np.float64), gamma.astype(np.float64)
    mu, var = x64.mean(0), x64.var(0)
    xhat = (x64 - mu) / np.sqrt(var + 1e-5)
    ref = g64 / (256 * np.sqrt(var + 1e-5)) * (256 * dy64 - dy64.sum(0) - xhat * (dy64 * xhat).sum(0))
    np.testing.assert_allclose(dx, ref, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(dgamma, (dy64 * xhat).sum(0), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize(
    ("name", "shape"), [("batchnorm_backward", (4096, 33)), ("layernorm_backward", (2048, 40))]
)
def test_norm_backward_parallel_matches_serial(rng, name, shape):
    # Large enough for the parallel variant: chunked column sums must agree with one pass.
    import importlib

    x, dy = rng.normal(size=shape), rng.normal(size=shape)
    gamma = rng.normal(size=shape[1])
    assert x.size >= K.PARALLEL_MIN_ELEMENTS
    par = getattr(K, name)(dy, x, gamma)
    serial = getattr(importlib.import_module(f"symdl._generated.{name}"), f"{name}_serial")
    out = (np.empty_like(x), np.empty(shape[1]), np.empty(shape[1]))
    serial(dy, x, gamma, 1e-5, *out, 1)
    for a, b in zip(par, out, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)


def test_batchnorm_large_mean_tiny_spread(rng):
    # 1e4 + 1e-3·noise: a one-pass E[x²] − E[x]² variance would lose every digit here.
    x = 1e4 + 1e-3 * rng.normal(size=(512, 4))
    dy = rng.normal(size=(512, 4))
    gamma = np.ones(4)
    dx, _, _ = K.batchnorm_backward(dy, x, gamma, eps=0.0)
    xc = x - x.mean(0)  # float64 two-pass reference on the centred data
    var = (xc**2).mean(0)
    xhat = xc / np.sqrt(var)
    ref = 1 / (512 * np.sqrt(var)) * (512 * dy - dy.sum(0) - xhat * (dy * xhat).sum(0))
    np.testing.assert_allclose(dx, ref, rtol=1e-6)


def _exact_bn_column(xs, dys, gamma, eps):
    """dx, dγ, dβ of one feature column with exact rational sums (only the square root rounds)."""
    from fractions import Fraction

    xs, dys = [Fraction(v) for v in xs.tolist()], [Fraction(v) for v in dys.tolist()]
    n = len(xs)
    mu = sum(xs) / n
    rstd = Fraction(1 / np.sqrt(float(sum((v - mu) ** 2 for v in xs) / n) + eps))
    s_dy, s_dyxc = sum(dys), sum(d * (v - mu) for d, v in zip(dys, xs, strict=True))
    g = Fraction(gamma) * rstd / n
    dx = [g * (n * d - s_dy - (v - mu) * rstd * rstd * s_dyxc) for d, v in zip(dys, xs, strict=True)]
    return np.array([float(v) for v in dx]), float(s_dyxc * rstd), float(s_dy)


@pytest.mark.parametrize(
    ("shape", "threads"),
    [((3000, 512), 2), ((1003, 512), 2), ((5, 8192), 2), ((6, 8192), 4), ((37, 3), 3)],
)
def test_batchnorm_blocked_statistics_match_exact_sums(rng, shape, threads):
    # The mean and centred sums come from blocks of rows merged by shift formulas: many blocks,
    # a last short block, chunks without blocks, a large mean against a small spread; blocks
    # whose row count is not a multiple of the sweeps' four-row step (37 rows, 1003 = 31·32 + 11,
    # and blocks of 2 rows for D = 8192).
    import importlib

    x = 1e4 + rng.normal(size=shape)
    dy, gamma = rng.normal(size=shape), rng.normal(size=shape[1])
    module = importlib.import_module("symdl._generated.batchnorm_backward")
    cols = sorted({0, shape[1] // 2, shape[1] - 1})
    want = {col: _exact_bn_column(x[:, col], dy[:, col], gamma[col], 1e-5) for col in cols}
    for kernel in (module.batchnorm_backward_parallel, module.batchnorm_backward_serial):
        dx, dgamma, dbeta = np.empty_like(x), np.empty(shape[1]), np.empty(shape[1])
        kernel(dy, x, gamma, 1e-5, dx, dgamma, dbeta, threads)
        for col, (want_dx, want_dgamma, want_dbeta) in want.items():
            assert dbeta[col] == pytest.approx(want_dbeta, rel=1e-12, abs=1e-12)
            assert dgamma[col] == pytest.approx(want_dgamma, rel=1e-10, abs=1e-12)
            scale = np.abs(want_dx).max()
            np.testing.assert_allclose(dx[:, col], want_dx, rtol=0, atol=1e-10 * scale)


def test_batchnorm_single_sample_gives_zero_dx(rng):
    dx, dgamma, _dbeta = K.batchnorm_backward(rng.normal(size=(1, 4)), rng.normal(size=(1, 4)), np.ones(4))
    np.testing.assert_array_equal(dx, 0.0)
    np.testing.assert_array_equal(dgamma, 0.0)


def _adam_reference(p, g, m, v, t, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    mhat, vhat = m / (1 - b1**t), v / (1 - b2**t)
    return p - lr * mhat / (np.sqrt(vhat) + eps), m, v


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_adam_matches_algorithm_1_over_steps(rng, dtype):
    n = 1000
    p, m, v = rng.normal(size=n).astype(dtype), np.zeros(n, dtype), np.zeros(n, dtype)
    rp, rm, rv = p.astype(np.float64), np.zeros(n), np.zeros(n)
    for t in range(1, 21):
        g = rng.normal(size=n).astype(dtype)
        K.adam_step(p, g, m, v, t, lr=1e-2, beta1=0.8, beta2=0.99, eps=1e-6)
        rp, rm, rv = _adam_reference(rp, g.astype(np.float64), rm, rv, t, 1e-2, 0.8, 0.99, 1e-6)
    assert p.dtype == m.dtype == v.dtype == dtype
    tol = 1e-5 if dtype == np.float32 else 1e-13
    np.testing.assert_allclose(p, rp, rtol=tol, atol=tol)
    np.testing.assert_allclose(m, rm, rtol=tol, atol=tol)
    np.testing.assert_allclose(v, rv, rtol=tol, atol=tol)


def test_adam_first_step_moves_each_param_by_lr(rng):
    # With m = v = 0 the first bias-corrected step is lr·g/(|g| + ε) ≈ ±lr: the point of correction.
    p, g = rng.normal(size=100), rng.normal(size=100)
    p0 = p.copy()
    K.adam_step(p, g, np.zeros(100), np.zeros(100), 1, lr=0.1, eps=1e-300)  # ε ≪ |g|: no effect
    np.testing.assert_allclose(p0 - p, 0.1 * np.sign(g), rtol=1e-14)


def test_adam_multidimensional_param(rng):
    p, g = rng.normal(size=(8, 3, 2)), rng.normal(size=(8, 3, 2))
    m, v = np.zeros_like(p), np.zeros_like(p)
    ref = _adam_reference(p.copy(), g, m.copy(), v.copy(), 1, 1e-3, 0.9, 0.999, 1e-8)[0]
    K.adam_step(p, g, m, v, 1)
    np.testing.assert_allclose(p, ref, rtol=1e-14)


def test_adam_parallel_matches_reference(rng):
    n = 3 * K.PARALLEL_MIN_ELEMENTS + 7
    p, g = rng.normal(size=n), rng.normal(size=n)
    m, v = rng.normal(size=n) * 0.1, rng.uniform(0, 0.1, n)
    ref = _adam_reference(p.copy(), g, m.copy(), v.copy(), 5, 1e-3, 0.9, 0.999, 1e-8)
    K.adam_step(p, g, m, v, 5)
    for got, want in zip((p, m, v), ref, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-13, atol=1e-15)


# -- the coverage issue's kernels ---------------------------------------------------------------------
def _softmax_ref(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_closed_form(rng, dtype):
    z = (rng.normal(size=(7, 3, 11)) * 5).astype(dtype)
    got = K.softmax(z)
    assert got.dtype == dtype
    assert got.shape == z.shape
    np.testing.assert_allclose(
        got, _softmax_ref(z.astype(np.float64)), rtol=2e-6 if dtype == np.float32 else 1e-14
    )


def test_softmax_extreme_logits():
    z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0], [5.0, np.nan, 0.0]])
    with np.errstate(over="raise", invalid="ignore", divide="raise", under="ignore"):
        p = K.softmax(z)
    np.testing.assert_array_equal(p[0], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(p[1], 1 / 3, rtol=1e-15)
    assert np.isnan(p[2]).all()


def test_softmax_rows_sum_to_one_single_column():
    np.testing.assert_array_equal(K.softmax(np.array([[3.0], [-7.0]])), [[1.0], [1.0]])


def test_softmax_ce_grad_matches_finite_differences(rng):
    logits = rng.normal(size=(6, 5)) * 3
    labels = rng.integers(0, 5, size=6)
    grad = K.softmax_cross_entropy_grad(logits, labels)

    def per_row_loss(z):
        lse = np.log(np.exp(z - z.max(1, keepdims=True)).sum(1)) + z.max(1)
        return lse - z[np.arange(6), labels]

    up = rng.normal(size=6)  # random per-row weights: the upstream gradient of the row losses
    assert gradient_check(per_row_loss, logits, up[:, None] * grad, up) < 1e-8
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


def test_softmax_ce_grad_extreme_logits():
    g = K.softmax_cross_entropy_grad(np.array([[1000.0, -1000.0], [-1000.0, 1000.0]]), np.array([0, 0]))
    np.testing.assert_array_equal(g, [[0.0, 0.0], [-1.0, 1.0]])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: K.softmax_cross_entropy_grad(np.zeros((2, 3)), np.array([0, 3])),
            ValueError,
            "labels must lie in",
        ),
        (
            lambda: K.softmax_cross_entropy_grad(np.zeros((2, 3)), np.array([0.0, 1.0])),
            TypeError,
            "labels must be integer",
        ),
        (
            lambda: K.softmax_cross_entropy_grad(np.zeros((2, 3)), np.array([0])),
            ValueError,
            "labels must have the shape",
        ),
        (lambda: K.softmax(np.zeros((2, 0))), ValueError, "z must not have an empty last axis"),
        (lambda: K.softmax(3.0), ValueError, "z must have at least one axis"),
        (lambda: K.positional_encoding(0, 4), ValueError, "n_positions must be at least 1"),
        (lambda: K.positional_encoding(3, 4, dtype=np.int32), TypeError, "dtype must be float32 or float64"),
        (
            lambda: K.layernorm_backward(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros(2)),
            ValueError,
            "gamma must have",
        ),
        (
            lambda: K.layernorm_backward(np.zeros((2, 3)), np.zeros((2, 3)), np.zeros(3), eps=-1),
            ValueError,
            "eps",
        ),
    ],
)
def test_coverage_kernels_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def _ln_forward(x, gamma, beta, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


@pytest.mark.parametrize("shape", [(1, 1), (3, 1), (4, 7), (2, 3, 5)])
def test_layernorm_backward_finite_differences(rng, shape):
    x = rng.normal(size=shape) * 2 + 3
    gamma, beta = rng.normal(size=shape[-1]), rng.normal(size=shape[-1])
    dy = rng.normal(size=shape)
    dx, dgamma, dbeta = K.layernorm_backward(dy, x, gamma, eps=1e-3)
    assert dx.shape == x.shape
    assert gradient_check(lambda z: _ln_forward(z, gamma, beta, 1e-3), x, dx, dy) < 1e-7
    assert gradient_check(lambda g: _ln_forward(x, g, beta, 1e-3), gamma, dgamma, dy) < 1e-7
    assert gradient_check(lambda b: _ln_forward(x, gamma, b, 1e-3), beta, dbeta, dy) < 1e-7


def test_layernorm_large_mean_tiny_spread(rng):
    x = 1e4 + 1e-3 * rng.normal(size=(8, 64))
    dy, gamma = rng.normal(size=(8, 64)), np.ones(64)
    dx, _, _ = K.layernorm_backward(dy, x, gamma, eps=0.0)
    xc = x - x.mean(-1, keepdims=True)
    sd = np.sqrt((xc**2).mean(-1, keepdims=True))
    xhat = xc / sd
    ref = (64 * dy - dy.sum(-1, keepdims=True) - xhat * (dy * xhat).sum(-1, keepdims=True)) / (64 * sd)
    np.testing.assert_allclose(dx, ref, rtol=1e-6)


def test_positional_encoding_closed_form():
    pe = K.positional_encoding(50, 16)
    pos = np.arange(50)[:, None]
    freq = 1.0 / 10000 ** (np.arange(0, 16, 2) / 16)
    np.testing.assert_allclose(pe[:, 0::2], np.sin(pos * freq), rtol=0, atol=1e-15)
    np.testing.assert_allclose(pe[:, 1::2], np.cos(pos * freq), rtol=0, atol=1e-15)
    assert K.positional_encoding(4, 5, dtype=np.float32).dtype == np.float32  # odd d_model works too


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_batchnorm_constant_feature(rng, dtype):
    # A constant column has zero variance: x̂ = 0, so dx = γ/(N√ε)·(N·dy − Σdy), finite for ε > 0.
    n = 64
    x = np.column_stack([np.full(n, 3.25), rng.normal(size=n)]).astype(dtype)
    dy = rng.normal(size=(n, 2)).astype(dtype)
    gamma = np.array([1.5, -0.5], dtype)
    dx, dgamma, dbeta = K.batchnorm_backward(dy, x, gamma, eps=1e-3)
    dy64 = dy.astype(np.float64)
    ref = 1.5 / (n * np.sqrt(1e-3)) * (n * dy64[:, 0] - dy64[:, 0].sum())
    np.testing.assert_allclose(dx[:, 0], ref, rtol=1e-5 if dtype == np.float32 else 1e-12)
    assert dgamma[0] == 0.0
    np.testing.assert_allclose(dbeta, dy64.sum(0), rtol=1e-5 if dtype == np.float32 else 1e-12)
    assert np.all(np.isfinite(dx))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_grad_never_exceeds_a_quarter_near_zero(dtype):
    # σ′(x) = 1/4 − x²/16 + …: for |x| < 1.5e-8 the nearest float64 is 1/4 itself, and rounding
    # in e/(1 + e)² had given one ulp above it (found by the property tests).
    x = np.array([1.14707456e-11, -1e-9, 0.0, 5e-324], dtype=dtype)
    np.testing.assert_array_equal(K.sigmoid_grad(x), np.full(4, 0.25, dtype=dtype))
    near = np.linspace(-1.5e-8, 1.5e-8, 2001).astype(dtype)
    assert K.sigmoid_grad(near).max() == 0.25
    assert np.isnan(K.sigmoid_grad(np.array([np.nan], dtype=dtype))).all()
