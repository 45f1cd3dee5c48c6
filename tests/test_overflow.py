"""Normalisation over values whose mean or variance overflows float64 (issue 14, class 6).

LayerNorm of a row with |x| ≳ 1.3e154 has a variance beyond float64; computed naively, 1/√(σ² + ε)
is 0 and the row silently drops out (y = β, dx = 0, no share of dγ).  symdl recomputes such rows
(BatchNorm: columns) on x/2^k, exact, and the reference here is the same computation on the
unscaled values: dividing x by a power of two and ε by its square leaves x̂ unchanged, scales
the mean by 2^k and 1/√(σ² + ε) by 2^-k, exactly (no rounding is involved in the scaling).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symdl import kernels as K

RNG = np.random.default_rng(20261128)


def _batch(n: int = 6, d: int = 7) -> tuple[np.ndarray, ...]:
    return tuple(RNG.standard_normal(shape) for shape in ((n, d), (n, d), (d,), (d,)))


def _row_scaled(x: np.ndarray, exponents: dict[int, int]) -> np.ndarray:
    big = x.copy()
    for i, m in exponents.items():
        big[i] = np.ldexp(big[i], m)
    return big


@pytest.mark.parametrize("exponents", [{1: 600}, {0: 520, 4: 1000}, {2: 1019, 3: 700, 5: 513}])
def test_layernorm_rows_beyond_float64s_variance_keep_their_values(exponents):
    x, dy, gamma, beta = _batch()
    big = _row_scaled(x, exponents)
    with np.errstate(over="ignore", invalid="ignore"):
        assert not np.isfinite(np.var(big, axis=1)).all()  # the naive variance overflows
    y_ref, mean_ref, rstd_ref = K.layernorm_forward(x, gamma, beta, eps=0.0)
    y, mean, rstd = K.layernorm_forward(big, gamma, beta, eps=0.0)
    np.testing.assert_array_equal(y, y_ref)
    for i, m in exponents.items():
        assert mean[i] == np.ldexp(mean_ref[i], m)
        assert rstd[i] == np.ldexp(rstd_ref[i], -m)
        assert rstd[i] > 0
    dx_ref, dgamma_ref, dbeta_ref = K.layernorm_backward(dy, x, gamma, eps=0.0)
    dx, dgamma, dbeta = K.layernorm_backward(dy, big, gamma, eps=0.0)
    np.testing.assert_array_equal(dx, _row_scaled(dx_ref, {i: -m for i, m in exponents.items()}))
    np.testing.assert_allclose(dgamma, dgamma_ref, rtol=1e-13, atol=1e-15)
    np.testing.assert_array_equal(dbeta, dbeta_ref)


@pytest.mark.parametrize("exponents", [{1: 600}, {0: 520, 4: 1000}, {2: 1019, 3: 700, 6: 513}])
def test_batchnorm_columns_beyond_float64s_variance_keep_their_values(exponents):
    x, dy, gamma, beta = _batch(n=9, d=8)
    big = _row_scaled(x.T, exponents).T.copy()
    y_ref, mean_ref, var_ref = K.batchnorm_forward(x, gamma, beta, eps=0.0)
    y, mean, var = K.batchnorm_forward(big, gamma, beta, eps=0.0)
    np.testing.assert_array_equal(y, y_ref)
    for j, m in exponents.items():
        assert mean[j] == np.ldexp(mean_ref[j], m)
        with np.errstate(over="ignore"):
            assert var[j] == np.ldexp(var_ref[j], 2 * m)  # ∞ where σ² itself is beyond float64
    dx_ref, dgamma_ref, dbeta_ref = K.batchnorm_backward(dy, x, gamma, eps=0.0)
    dx, dgamma, dbeta = K.batchnorm_backward(dy, big, gamma, eps=0.0)
    np.testing.assert_array_equal(dx, _row_scaled(dx_ref.T, {j: -m for j, m in exponents.items()}).T)
    np.testing.assert_array_equal(dgamma, dgamma_ref)
    np.testing.assert_array_equal(dbeta, dbeta_ref)


def test_a_row_whose_sum_overflows_is_normalised():
    """|x| near float64's largest value: Σx itself is ∞ (the mean, not just the variance)."""
    r = np.array([[7.5, 6.0, -4.0, 5.25, 7.0]])
    big = np.ldexp(r, 1020)
    with np.errstate(over="ignore"):
        assert not np.isfinite(big.sum())
    ones, zeros = np.ones(5), np.zeros(5)
    y_ref, mean_ref, _ = K.layernorm_forward(r, ones, zeros, eps=0.0)
    y, mean, _ = K.layernorm_forward(big, ones, zeros, eps=1e-5)
    np.testing.assert_array_equal(y, y_ref)
    assert mean[0] == np.ldexp(mean_ref[0], 1020)
    dy = np.array([[1.0, -2.0, 0.5, 3.0, 0.25]])
    dx, dgamma, _ = K.layernorm_backward(dy, big, ones, eps=1e-5)
    dx_ref, dgamma_ref, _ = K.layernorm_backward(dy, r, ones, eps=0.0)
    np.testing.assert_array_equal(dx, np.ldexp(dx_ref, -1020))
    np.testing.assert_array_equal(dgamma, dgamma_ref)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.integers(2, 9),
    cols=st.integers(2, 12),
    m=st.integers(402, 1018),
    seed=st.integers(0, 2**32 - 1),
    zero_dy_rows=st.booleans(),
)
def test_scaling_any_rows_by_large_powers_of_two_changes_nothing_but_the_statistics(
    rows, cols, m, seed, zero_dy_rows
):
    rng = np.random.default_rng(seed)
    x, dy = rng.uniform(-3.0, 3.0, (rows, cols)), rng.standard_normal((rows, cols))
    if zero_dy_rows:
        dy[::2] = 0.0  # such rows have dx = 0 either way; they must not be mistaken for dropped ones
    gamma, beta = rng.standard_normal(cols), rng.standard_normal(cols)
    chosen = {int(i): m for i in rng.choice(rows, size=rng.integers(1, rows + 1), replace=False)}
    big = _row_scaled(x, chosen)
    y_ref, _, _ = K.layernorm_forward(x, gamma, beta, eps=0.0)
    np.testing.assert_array_equal(K.layernorm_forward(big, gamma, beta, eps=0.0)[0], y_ref)
    dx_ref, dgamma_ref, _ = K.layernorm_backward(dy, x, gamma, eps=0.0)
    dx, dgamma, _ = K.layernorm_backward(dy, big, gamma, eps=0.0)
    np.testing.assert_array_equal(dx, _row_scaled(dx_ref, {i: -k for i, k in chosen.items()}))
    np.testing.assert_allclose(dgamma, dgamma_ref, rtol=1e-12, atol=1e-14)


def test_non_finite_rows_stay_non_finite_and_other_rows_are_untouched():
    x, dy, gamma, beta = _batch()
    bad = x.copy()
    bad[2, 3] = np.inf
    bad[4, 0] = np.nan
    y, _, _ = K.layernorm_forward(bad, gamma, beta)
    y_ref, _, _ = K.layernorm_forward(x, gamma, beta)
    assert np.isnan(y[[2, 4]]).all()
    np.testing.assert_array_equal(y[[0, 1, 3, 5]], y_ref[[0, 1, 3, 5]])
    dx, _, _ = K.layernorm_backward(dy, bad, gamma)
    assert np.isnan(dx[[2, 4]]).all()


def test_float32_values_near_their_largest_need_no_rescue():
    """float32's range ends at 3.4e38, whose square 1.2e77 float64 holds: computed in float64,
    such rows are exact without any rescaling (against the same rows scaled down in float64)."""
    x, _, gamma, beta = _batch()
    big = np.ldexp(x, 125).astype(np.float32)  # |x| up to ~2^127
    small = np.ldexp(big.astype(np.float64), -125)
    y32, mean32, _ = K.layernorm_forward(big, gamma.astype(np.float32), beta.astype(np.float32), eps=0.0)
    y64, mean64, _ = K.layernorm_forward(
        small,
        gamma.astype(np.float32).astype(np.float64),
        beta.astype(np.float32).astype(np.float64),
        eps=0.0,
    )
    np.testing.assert_allclose(y32, y64, rtol=2**-22, atol=2**-22)  # one float32 rounding, or two
    np.testing.assert_allclose(mean32, np.ldexp(mean64, 125), rtol=2**-23)


def _ln_backward_mp(dy, x, gamma, eps):
    """LayerNorm backward of one row in 60-digit arithmetic (an independent reference)."""
    import mpmath

    with mpmath.workdps(60):
        xs, gs = (
            [mpmath.mpf(float(v)) for v in x],
            [mpmath.mpf(float(a)) * mpmath.mpf(float(b)) for a, b in zip(dy, gamma, strict=True)],
        )
        d = len(xs)
        mu = mpmath.fsum(xs) / d
        rstd = 1 / mpmath.sqrt(mpmath.fsum((v - mu) ** 2 for v in xs) / d + eps)
        xhat = [(v - mu) * rstd for v in xs]
        sg, sgx = mpmath.fsum(gs), mpmath.fsum(g * h for g, h in zip(gs, xhat, strict=True))
        return np.array([float(rstd / d * (d * g - sg - h * sgx)) for g, h in zip(gs, xhat, strict=True)])


def test_constant_huge_lines_normalise_to_beta():
    """x − μ is 0 exactly for a constant line, even when Σx overflows: y = β, 1/√(σ² + ε) = 1/√ε."""
    y, mean, rstd = K.layernorm_forward([[1e308, 1e308]], [2.0, 3.0], [0.5, -0.5], eps=1e-5)
    np.testing.assert_array_equal(y, [[0.5, -0.5]])
    assert mean[0] == 1e308
    assert rstd[0] == 1 / np.sqrt(1e-5)
    y, mean, var = K.batchnorm_forward([[1e308], [1e308], [1e308]], [2.0], [0.25], eps=1e-5)
    np.testing.assert_array_equal(y, [[0.25], [0.25], [0.25]])
    assert mean[0] == 1e308
    assert var[0] == 0.0
    dy = np.array([[1.0, -2.0, 0.5, 3.0]])
    dx, dgamma, _ = K.layernorm_backward(dy, np.full((1, 4), 1.5e308), np.ones(4), eps=1e-5)
    np.testing.assert_allclose(dx, (dy - dy.mean()) / np.sqrt(1e-5), rtol=1e-14)  # dx = γ·rstd·(dy − mean dy)
    np.testing.assert_array_equal(dgamma, np.zeros(4))


def test_large_lines_whose_statistics_fit_are_left_to_the_kernel():
    """A zero dx from a zero upstream gradient, or from D = 1 / N = 1, is right: no rescue."""
    dy = np.array([[0.0, 0.0, 0.0, 0.0], [1.0, -2.0, 0.5, 3.0]])
    x = np.array([[1e300, 1e300, 1e300, 1e300], [1.0, 2.0, 3.0, 5.0]])
    dx, dgamma, dbeta = K.layernorm_backward(dy, x, np.ones(4))
    np.testing.assert_array_equal(dx[0], np.zeros(4))
    dx1, dgamma1, _ = K.layernorm_backward(dy[1:], x[1:], np.ones(4))
    np.testing.assert_array_equal(dx[1], dx1[0])
    np.testing.assert_array_equal(dgamma, dgamma1[...])
    np.testing.assert_array_equal(dbeta, dy.sum(axis=0))
    for fn, args in (
        (K.layernorm_backward, ([[1.0]], [[1e300]], [1.0])),
        (K.batchnorm_backward, ([[1.0]], [[1e300]], [1.0])),
    ):
        dx, dgamma, _ = fn(*args)
        np.testing.assert_array_equal(dx, [[0.0]])
        np.testing.assert_array_equal(dgamma, [0.0])


def test_huge_rows_with_a_large_upstream_gradient():
    """x ~ 1e200 (σ² overflows) and dy ~ 1e190: the products (x − μ)·dy must not overflow either."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 6)) * 1e200
    dy = rng.standard_normal((2, 6)) * 1e190
    gamma = rng.standard_normal(6)
    dx, _, _ = K.layernorm_backward(dy, x, gamma)
    for i in range(2):
        np.testing.assert_allclose(dx[i], _ln_backward_mp(dy[i], x[i], gamma, 1e-5), rtol=1e-12)


# -- the other end: lines so small that their variance underflows, with ε = 0 ------------------------------
@pytest.mark.parametrize("exponent", [-470, -560, -700])
def test_tiny_lines_with_eps_zero_keep_their_values(exponent):
    """Rows (LayerNorm) and columns (BatchNorm) scaled by 2^exponent, ε = 0: σ² would fall below
    float64's normal range (or to 0, giving 1/√σ² = ∞ and x̂ = NaN). Scaling by a power of two is
    exact, so the results must equal those of the unscaled line bit for bit, with the statistics
    scaled back (a BatchNorm σ² beyond float64's range is 0, honestly)."""
    rng = np.random.default_rng(-exponent)
    x, dy = rng.standard_normal((4, 9)), rng.standard_normal((4, 9))
    gamma, beta = rng.standard_normal(9), rng.standard_normal(9)
    tiny = x.copy()
    tiny[2] = np.ldexp(x[2], exponent)
    y, mean, rstd = K.layernorm_forward(tiny, gamma, beta, eps=0.0)
    y0, mean0, rstd0 = K.layernorm_forward(x, gamma, beta, eps=0.0)
    np.testing.assert_array_equal(y, y0)
    assert mean[2] == np.ldexp(mean0[2], exponent)
    assert rstd[2] == np.ldexp(rstd0[2], -exponent)
    dx, dgamma, _ = K.layernorm_backward(dy, tiny, gamma, eps=0.0)
    dx0, dgamma0, _ = K.layernorm_backward(dy, x, gamma, eps=0.0)
    np.testing.assert_array_equal(dx[2], np.ldexp(dx0[2], -exponent))
    np.testing.assert_allclose(dgamma, dgamma0, rtol=1e-13)
    yb, meanb, varb = K.batchnorm_forward(tiny.T.copy(), gamma[:4], beta[:4], eps=0.0)
    yb0, meanb0, varb0 = K.batchnorm_forward(x.T.copy(), gamma[:4], beta[:4], eps=0.0)
    np.testing.assert_array_equal(yb, yb0)
    assert meanb[2] == np.ldexp(meanb0[2], exponent)
    assert varb[2] == np.ldexp(varb0[2], 2 * exponent)  # 0 where 4^exponent·σ² is below float64


def test_tiny_lines_are_left_to_the_kernel_when_eps_dominates(monkeypatch):
    """With ε = 1e-5 a row of 1e-200 values normalises to ≈ 0 (ε dominates): no line is
    recomputed (the rescaling is never called), and y is β within 1e-190."""
    from symdl.kernels import normalization

    def refuse(*args):
        raise AssertionError("a line was recomputed")

    monkeypatch.setattr(normalization, "_rescaled", refuse)
    x = np.full((2, 5), 1e-200)
    x[0, 0] = 2e-200
    beta = np.arange(5.0)
    y, _, _ = K.layernorm_forward(x, np.ones(5), beta, eps=1e-5)
    np.testing.assert_allclose(y, np.broadcast_to(beta, (2, 5)), atol=1e-190)
    with pytest.raises(AssertionError, match="recomputed"):  # and the same row with ε = 0 is
        K.layernorm_forward(x, np.ones(5), beta, eps=0.0)
