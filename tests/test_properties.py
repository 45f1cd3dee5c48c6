"""Property-based tests (Hypothesis) over shapes, scales and dtypes.

Each property follows from the mathematics, not from the code:
BatchNorm's output is unchanged by shifting a feature over the batch, so dx sums to zero in every
column, and scaling it changes the output only through ε (Σ dx·(x − μ) = γ·dγ·ε/(σ² + ε));
LayerNorm's dx sums to zero per sample; softmax rows sum to
1; σ′ and tanh′ are even and bounded by 1/4 and 1; Adam's first step moves each parameter by at
most lr.  Tolerances scale with the dtype's epsilon and the size.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from symdl import kernels as K

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None)
DTYPES = st.sampled_from([np.float32, np.float64])


def _floats(dtype, scale):
    return hnp.from_dtype(
        np.dtype(dtype),
        min_value=-scale,
        max_value=scale,
        allow_nan=False,
        allow_infinity=False,
        allow_subnormal=False,
    )


@st.composite
def batches(draw, min_rows=1):
    dtype = draw(DTYPES)
    rows, cols = draw(st.integers(min_rows, 24)), draw(st.integers(1, 12))
    scale = draw(st.sampled_from([1e-2, 1.0, 1e2]))
    x = draw(hnp.arrays(dtype, (rows, cols), elements=_floats(dtype, 1.0))) * dtype(scale)
    dy = draw(hnp.arrays(dtype, (rows, cols), elements=_floats(dtype, 1.0)))
    gamma = draw(hnp.arrays(dtype, (cols,), elements=_floats(dtype, 2.0)))
    return x, dy, gamma


def _tol(dtype, n):
    return 50 * n * np.finfo(dtype).eps


@SETTINGS
@given(batches(min_rows=2))
def test_batchnorm_dx_respects_shift_and_scale(data):
    x, dy, gamma = data
    eps = 1e-3
    dx, dgamma, dbeta = K.batchnorm_backward(dy, x, gamma, eps=eps)
    assert dx.dtype == x.dtype
    x64, dx64, n = x.astype(np.float64), dx.astype(np.float64), x.shape[0]
    centred, var = x64 - x64.mean(0), x64.var(0)
    rstd = 1 / np.sqrt(var + eps)
    xhat = centred * rstd
    tol = _tol(x.dtype, n)
    # Rounding error of each dx element: relative to the terms that cancel in it,
    # γ/(N√(σ²+ε))·(N·dy − Σdy − x̂·Σ dy x̂), not to dx itself (which may be exactly 0).
    dx_err = tol * np.abs(gamma) * rstd * np.abs(dy).max(0) * (2 + (xhat**2).max(0)) + 1e-300
    # Shifting a feature leaves BN's output unchanged: Σ dx = 0.
    np.testing.assert_array_less(np.abs(dx64.sum(0)), n * dx_err)
    # Scaling x − μ by a changes x̂ only through ε: d/da at a = 1 gives
    # Σ dx·(x − μ) = γ·dγ·ε/(σ² + ε)  (0 when ε = 0: scale invariance).
    lhs = (dx64 * centred).sum(0)
    rhs = gamma.astype(np.float64) * dgamma.astype(np.float64) * eps / (var + eps)
    # The kernel's mean and this test's differ by rounding (a few ulp of μ); for a constant
    # column that is all of x − μ, so it enters as an absolute uncertainty.
    mean_err = 4 * n * np.finfo(np.float64).eps * np.abs(x64).max(0)
    dy64 = dy.astype(np.float64)
    dgamma_unc = (np.abs(dy64) * rstd * mean_err).sum(0)  # the same uncertainty, carried into dγ
    bound = (
        (dx_err * np.abs(centred)).sum(0)
        + (np.abs(dx64) * mean_err).sum(0)
        + tol * np.abs(rhs)
        + np.abs(gamma) * eps / (var + eps) * dgamma_unc
    )
    np.testing.assert_array_less(np.abs(lhs - rhs), 10 * bound + 1e-300)
    np.testing.assert_allclose(dbeta, dy64.sum(0), rtol=tol, atol=tol)
    dgamma_bound = 10 * tol * np.abs(dy64 * xhat).sum(0) + dgamma_unc + 1e-300
    np.testing.assert_array_less(np.abs(dgamma - (dy64 * xhat).sum(0)), dgamma_bound)


@SETTINGS
@given(batches())
def test_layernorm_dx_sums_to_zero_per_sample(data):
    x, dy, gamma = data
    dx, _, dbeta = K.layernorm_backward(dy, x, gamma, eps=1e-3)
    d = x.shape[1]
    size = np.abs(dx).max(1) * d + np.abs(gamma).max() * np.abs(dy).max(1) + 1e-30
    np.testing.assert_array_less(np.abs(dx.astype(np.float64).sum(1)), _tol(x.dtype, d) * size + 1e-300)
    np.testing.assert_allclose(
        dbeta, dy.astype(np.float64).sum(0), rtol=_tol(x.dtype, x.shape[0]), atol=_tol(x.dtype, x.shape[0])
    )


@SETTINGS
@given(
    DTYPES.flatmap(
        lambda dt: hnp.arrays(
            dt, hnp.array_shapes(min_dims=1, max_dims=3, max_side=9), elements=_floats(dt, 1e3)
        )
    )
)
def test_softmax_rows_are_distributions(z):
    p = K.softmax(z)
    assert p.dtype == z.dtype
    assert p.shape == z.shape
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.astype(np.float64).sum(-1), 1.0, rtol=0, atol=_tol(z.dtype, z.shape[-1]))


@SETTINGS
@given(
    DTYPES.flatmap(
        lambda dt: hnp.arrays(
            dt,
            st.integers(1, 200),
            elements=hnp.from_dtype(np.dtype(dt), allow_nan=False, allow_infinity=True),
        )
    )
)
def test_activation_grads_are_even_and_bounded(x):
    s, t = K.sigmoid_grad(x), K.tanh_grad(x)
    np.testing.assert_array_equal(s, K.sigmoid_grad(-x))  # exact: the kernels see only |x|
    np.testing.assert_array_equal(t, K.tanh_grad(-x))
    assert np.all((s >= 0) & (s <= 0.25))
    assert np.all((t >= 0) & (t <= 1.0))


@SETTINGS
@given(
    DTYPES.flatmap(lambda dt: hnp.arrays(dt, st.integers(1, 300), elements=_floats(dt, 1e6))),
    st.floats(1e-5, 1.0),
    st.floats(0.0, 0.99),
    st.floats(0.0, 0.9999),
)
def test_adam_first_step_is_at_most_lr(grad, lr, beta1, beta2):
    param = np.zeros_like(grad)
    K.adam_step(param, grad, np.zeros_like(grad), np.zeros_like(grad), 1, lr=lr, beta1=beta1, beta2=beta2)
    # t = 1: m̂ = g and v̂ = g², so each step is lr·|g|/(|g| + ε) ≤ lr.
    assert np.all(np.abs(param.astype(np.float64)) <= lr * (1 + 4 * np.finfo(grad.dtype).eps))


@SETTINGS
@given(st.integers(1, 64), st.integers(1, 64))
def test_positional_encoding_is_bounded_and_starts_at_sin_cos(n, d):
    pe = K.positional_encoding(n, d)
    assert np.all(np.abs(pe) <= 1.0)
    np.testing.assert_allclose(pe[:, 0], np.sin(np.arange(n)), atol=1e-15)
    if d > 1:
        np.testing.assert_allclose(pe[:, 1], np.cos(np.arange(n)), atol=1e-15)
