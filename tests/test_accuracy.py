"""The accuracy contract, checked against 30-digit references written here (independent of symdl).

* Elementwise kernels (σ′, tanh′): at most 4 ulp of their dtype everywhere (a scan of the worst
  regions, including the points earlier versions got wrong).
* Loop kernels: per output, the error is at most a few times what the inputs' own rounding
  permits.  That scale is computed, not assumed: the reference formula is evaluated in interval
  arithmetic (``mpmath.iv``) with every input widened by one unit roundoff of its dtype; half the
  width of each output's interval, plus one rounding of the output itself, is the allowance,
  times ``C``.  (Intervals over-estimate a little where a quantity is used twice, as in x − μ.)
  A kernel that loses digits to cancellation or to naive float32 summation fails it by orders of
  magnitude.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest

from symdl import kernels as K

mpmath.mp.dps = 30
mp = mpmath.mpf
C = 4.0


mpmath.iv.dps = 30


def _u(dt) -> float:
    return float(np.finfo(dt).eps) / 2


def _as(arr, lib, widen: float = 0.0):
    """An object array of ``lib`` numbers (mpmath.mp or mpmath.iv), intervals widened by ``widen``
    relative."""
    a = np.asarray(arr, dtype=np.float64)
    out = np.empty(a.shape, dtype=object)
    for idx in np.ndindex(*a.shape):
        v = float(a[idx])
        if lib is mpmath.iv:
            lo, hi = sorted((v * (1 - widen), v * (1 + widen)))
            out[idx] = mpmath.iv.mpf([lo, hi])
        else:
            out[idx] = mp(v)
    return out


def _check(got, reference, inputs, dt):
    """``got`` against ``reference(lib, *inputs)`` with C times the interval half-width the inputs'
    rounding gives, plus one rounding of the output, plus the smallest subnormal (where the dtype
    has no relative precision left, one step of it is all an answer can be)."""
    exact = reference(mpmath.mp, *[_as(a, mpmath.mp) if isinstance(a, np.ndarray) else a for a in inputs])
    boxes = reference(
        mpmath.iv, *[_as(a, mpmath.iv, _u(dt)) if isinstance(a, np.ndarray) else a for a in inputs]
    )
    half_width = np.vectorize(lambda b: float(b.delta) / 2, otypes=[float])(boxes)
    floor = float(np.finfo(dt).smallest_subnormal)  # one step where the dtype has no precision left
    allowed = C * (half_width + _u(dt) * np.abs(exact.astype(float))) + floor
    err = np.abs((np.asarray(got, dtype=np.float64).astype(object) - exact).astype(float))
    worst = np.unravel_index(np.argmax(err / allowed), err.shape)
    assert (err <= allowed).all(), f"output {worst}: error {err[worst]:.3g} > allowed {allowed[worst]:.3g}"


# -- references (mpmath numbers or mpmath intervals: ``lib`` is mpmath.mp or mpmath.iv) -------------
def _softmax(lib, z):
    out = np.empty(z.shape, dtype=object)
    for r in range(z.shape[0]):
        e = [lib.exp(v) for v in z[r]]
        s = sum(e[1:], e[0])
        out[r] = [v / s for v in e]
    return out


def _ce_grad(lib, z, labels):
    p = _softmax(lib, z)
    for r, c in enumerate(labels):
        p[r, c] -= 1
    return p


def _norm_backward(lib, dy, x, g, eps, axis):
    # BatchNorm: statistics over rows (axis 0); LayerNorm: over the last axis (axis 1).
    x, dy = (x, dy) if axis == 1 else (x.T, dy.T)
    out = np.empty(x.shape, dtype=object)
    for r in range(x.shape[0]):
        xs, ds = list(x[r]), list(dy[r])
        gs = list(g) if axis == 1 else [g[r]] * len(xs)
        n = len(xs)
        mu = sum(xs[1:], xs[0]) / n
        dev = [v - mu for v in xs]
        rstd = 1 / lib.sqrt(sum((d * d for d in dev[1:]), dev[0] * dev[0]) / n + lib.mpf(eps))
        xh = [d * rstd for d in dev]
        gd = [a * b for a, b in zip(gs, ds, strict=True)]
        s1 = sum(gd[1:], gd[0])
        s2 = sum((a * b for a, b in zip(gd[1:], xh[1:], strict=True)), gd[0] * xh[0])
        out[r] = [rstd / n * (n * gd[k] - s1 - xh[k] * s2) for k in range(n)]
    return out if axis == 1 else out.T


def _rnn(lib, h, W):
    n = len(h)
    return np.array([[(1 - h[i] * h[i]) * W[i, j] for j in range(n)] for i in range(n)], dtype=object)


# -- elementwise --------------------------------------------------------------------------------------
@pytest.mark.parametrize("dt", [np.float32, np.float64])
def test_tanh_grad_within_4_ulp_including_the_old_worst_point(dt):
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(-20, 20, 3000), rng.uniform(-3, 3, 3000), [2.772039679102959, 0.0, 1e-9]])
    x = x.astype(dt)
    got = K.tanh_grad(x)
    for xv, gv in zip(x, got, strict=True):
        exact = mpmath.sech(mp(float(xv))) ** 2
        spacing = float(np.spacing(dt(float(exact))))
        assert float(abs(mp(float(gv)) - exact)) <= 4 * spacing, (xv, gv)


# -- loop kernels ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize("scale", [3.0, 0.01])
def test_softmax_over_a_thousand_classes(dt, scale):
    # Small logits make every exp well conditioned, so what is left is the sum of 1000 terms:
    # summed naively it is ~30u off; with compensation (the generator's rule) about u.
    rng = np.random.default_rng(0)
    z = (scale * rng.standard_normal((2, 1000))).astype(dt)
    _check(K.softmax(z), _softmax, [z], dt)


@pytest.mark.parametrize("dt", [np.float32, np.float64])
def test_softmax_cross_entropy_grad_with_large_logits(dt):
    rng = np.random.default_rng(1)
    z = (rng.standard_normal((4, 50)) * 30).astype(dt)
    labels = [int(v) for v in rng.integers(0, 50, 4)]
    _check(K.softmax_cross_entropy_grad(z, labels), lambda lib, a: _ce_grad(lib, a, labels), [z], dt)


@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize("mean", [0.0, 1e4])
def test_batchnorm_backward_with_a_large_mean(dt, mean):
    rng = np.random.default_rng(2)
    x = (mean + rng.standard_normal((32, 4))).astype(dt)
    dy = rng.standard_normal((32, 4)).astype(dt)
    g = rng.standard_normal(4).astype(dt)
    dx, _, _ = K.batchnorm_backward(dy, x, g, 1e-5)
    _check(dx, lambda lib, d, xx, gg: _norm_backward(lib, d, xx, gg, 1e-5, axis=0), [dy, x, g], dt)


@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize(("rows", "features", "mean"), [(8, 64, 0.0), (8, 64, 1e3), (5, 1, 0.0)])
def test_layernorm_backward(dt, rows, features, mean):
    rng = np.random.default_rng(4)
    x = (mean + rng.standard_normal((rows, features))).astype(dt)
    dy = rng.standard_normal((rows, features)).astype(dt)
    g = rng.standard_normal(features).astype(dt)
    dx, _, _ = K.layernorm_backward(dy, x, g, 1e-5)
    _check(dx, lambda lib, d, xx, gg: _norm_backward(lib, d, xx, gg, 1e-5, axis=1), [dy, x, g], dt)
    if features == 1:
        assert (dx == 0).all()  # one feature: x̂ = 0 and dx = 0 exactly


@pytest.mark.parametrize("dt", [np.float32, np.float64])
def test_rnn_jacobian_in_the_saturated_regime(dt):
    rng = np.random.default_rng(5)
    h = np.array([1 - 2.0**-30, -(1 - 2.0**-25), 0.9999, 0.3, -0.999999], dtype=dt)
    W = rng.standard_normal((5, 5)).astype(dt)
    # Exact inputs, exact answer: a few ulp of the true value, with no allowance for conditioning
    # -- saturation (h → ±1) is where the notes' vanishing-gradient lesson lives, and the
    # factored (1 − h)(1 + h) keeps it exact where 1 − h·h loses up to 10⁶ ulp.
    got = K.rnn_jacobian(h, W)
    exact = _rnn(mpmath.mp, _as(h, mpmath.mp), _as(W, mpmath.mp))
    err = np.abs((np.asarray(got, np.float64).astype(object) - exact).astype(float))
    assert (err <= 4 * _u(dt) * 2 * np.abs(exact.astype(float))).all()


@pytest.mark.parametrize("dt", [np.float32, np.float64])
@pytest.mark.parametrize("t", [1, 5001, 10**6])
def test_adam_step_at_large_t(dt, t):
    rng = np.random.default_rng(6)
    p0, g = rng.standard_normal(20).astype(dt), rng.standard_normal(20).astype(dt)
    m0, v0 = (0.1 * rng.standard_normal(20)).astype(dt), (0.01 * rng.random(20)).astype(dt)
    b1, b2, lr, eps = 0.9, 0.9999, 1e-3, 1e-8

    def reference(lib, p, gg, m, v):
        out = np.empty(p.shape, dtype=object)
        beta1, beta2 = lib.mpf(b1), lib.mpf(b2)
        for k in range(len(p)):
            mk = beta1 * m[k] + (1 - beta1) * gg[k]
            vk = beta2 * v[k] + (1 - beta2) * gg[k] * gg[k]
            if dt == np.float32 and lib is mpmath.mp:  # the stored moments are float32
                mk, vk = mp(float(np.float32(float(mk)))), mp(float(np.float32(float(vk))))
            elif dt == np.float32:  # ... and may round anywhere in the box (one float32 ulp)
                mk = mk * lib.mpf([1 - 2 * _u(dt), 1 + 2 * _u(dt)])
                vk = vk * lib.mpf([1 - 2 * _u(dt), 1 + 2 * _u(dt)])
            c1, c2 = 1 - beta1**t, 1 - beta2**t
            out[k] = p[k] - lib.mpf(lr) * (mk / c1) / (lib.sqrt(vk / c2) + lib.mpf(eps))
        return out

    p, m, v = p0.copy(), m0.copy(), v0.copy()
    K.adam_step(p, g, m, v, t=t, lr=lr, beta1=b1, beta2=b2, eps=eps)
    _check(p, reference, [p0, g, m0, v0], dt)


# -- the sums' own bound, for any length (symdl.codegen.nests.BLOCK) -----------------------------------
_BIG = 32  # more than LANES·BLOCK, so that every lane and block starts at 2⁵³


def _cancelling(n: int) -> np.ndarray:
    """_BIG times 2⁵³, then n − 2·_BIG ones, then _BIG times −2⁵³: the exact sum is the number of
    ones, and a plain float64 sum, in any order that meets the large values first, loses every
    one of them (2⁵³·k + 1 rounds back)."""
    return np.array([2.0**53] * _BIG + [1.0] * (n - 2 * _BIG) + [-(2.0**53)] * _BIG)


@pytest.mark.parametrize("n", [1001, 4099])
def test_sums_of_any_length_stay_within_their_bound(n):
    """A row sum (LayerNorm's mean), a column sum (LayerNorm backward's dβ) and a matrix product's
    entry (attention's Σ_j α_ij v_j, with α = 1/size exactly) of the cancelling data above: each
    within its stated bound of the exact value -- 6u·Σ|terms| for a row, 4u for the others --
    where a plain sum is off by the number of ones, n − 64 (2.4 to 16 times those bounds)."""
    u, x = 2.0**-53, _cancelling(n)
    ones, scale = n - 2 * _BIG, float(np.sum(np.abs(x)))
    _, mean, _ = K.layernorm_forward(x[None, :], np.ones(n), np.zeros(n), eps=1.0)
    assert abs(mean[0] * n - ones) <= 6 * u * scale
    dy = x[:, None] * np.ones((1, 3))
    _, _, dbeta = K.layernorm_backward(dy, np.zeros((n, 3)), np.ones(3))
    np.testing.assert_array_less(np.abs(dbeta - ones), 4 * u * scale)
    size = 1 << (n - 1).bit_length()  # a power of two: equal scores give α = 1/size exactly
    values = np.zeros((size, 2))
    values[:n, 0] = x
    out = K.attention(np.zeros((size, 4)), np.zeros((size, 4)), values)
    np.testing.assert_array_less(np.abs(out[:, 0] - ones / size), 4 * u * scale / size)
