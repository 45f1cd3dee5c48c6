"""Bad input: a ValueError/TypeError naming the argument, and no array touched."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from symdl import kernels as K


@pytest.mark.parametrize("fn", [K.sigmoid_grad, K.tanh_grad])
@pytest.mark.parametrize(
    "bad", [np.array([1 + 2j]), np.array(["a"]), np.array([object()]), np.array([1.0], dtype=np.float16)]
)
def test_elementwise_refuses_non_real(fn, bad):
    with pytest.raises(TypeError, match="x must hold real numbers"):
        fn(bad)


@pytest.mark.parametrize("fn", [K.sigmoid_grad, K.tanh_grad])
def test_elementwise_casts_integers_to_float64(fn):
    got = fn(np.array([0, 1, -2], dtype=np.int32))
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, fn(np.array([0.0, 1.0, -2.0])))


def test_elementwise_empty_is_empty():
    # An elementwise map of nothing is nothing (as for numpy's ufuncs), not an error.
    assert K.sigmoid_grad(np.array([])).shape == (0,)


def _state(rng, n=10, dtype=np.float64):
    return (
        rng.normal(size=n).astype(dtype),
        rng.normal(size=n).astype(dtype),
        rng.normal(size=n).astype(dtype),
        rng.uniform(0, 1, n).astype(dtype),
    )


ADAM_BAD = [
    (dict(t=0), ValueError, "t must be at least 1"),
    (dict(t=-3), ValueError, "t must be at least 1"),
    (dict(t=1.0), TypeError, "t must be an integer"),
    (dict(t=True), TypeError, "t must be an integer"),
    (dict(eps=-1e-8), ValueError, "eps must lie in"),
    (dict(lr=float("nan")), ValueError, "lr must be finite"),
    (dict(beta1=1.0), ValueError, "beta1 must lie in"),
    (dict(beta2=float("nan")), ValueError, "beta2 must be finite"),
    (dict(beta2="0.9"), TypeError, "beta2 must be a real number"),
]


@pytest.mark.parametrize(("kwargs", "error", "message"), ADAM_BAD)
def test_adam_bad_hyperparameters_leave_state_unchanged(rng, kwargs, error, message):
    p, g, m, v = _state(rng)
    before = [a.copy() for a in (p, g, m, v)]
    args = dict(t=1) | kwargs
    t = args.pop("t")
    with pytest.raises(error, match=message):
        K.adam_step(p, g, m, v, t, **args)
    for a, b in zip((p, g, m, v), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_adam_bad_arrays_leave_state_unchanged(rng):
    p, g, m, v = _state(rng)
    before = [a.copy() for a in (p, m, v)]
    cases = [
        (lambda: K.adam_step(p, g[:5], m, v, 1), ValueError, "grad must have the shape of param"),
        (lambda: K.adam_step(p, g, m[:5], v, 1), ValueError, "m must have the shape of param"),
        (lambda: K.adam_step(p, g, m.astype(np.float32), v, 1), TypeError, "m must have param's dtype"),
        (lambda: K.adam_step(list(p), g, m, v, 1), TypeError, "param is updated in place"),
        (lambda: K.adam_step(p, g, m, p, 1), ValueError, "param and v share memory"),
        (lambda: K.adam_step(p, g.astype(complex), m, v, 1), TypeError, "grad must hold real numbers"),
        (
            lambda: K.adam_step(p.astype(np.int64), g, m, v, 1),
            TypeError,
            "param must be native float32 or float64",
        ),
    ]
    for call, error, message in cases:
        with pytest.raises(error, match=message):
            call()
        for a, b in zip((p, m, v), before, strict=True):
            np.testing.assert_array_equal(a, b)


def test_adam_refuses_read_only_and_strided(rng):
    p, g, m, v = _state(rng, 20)
    ro = m.copy()
    ro.setflags(write=False)
    with pytest.raises(ValueError, match="m is read-only"):
        K.adam_step(p, g, ro, v, 1)
    with pytest.raises(ValueError, match="param must be C-contiguous"):
        K.adam_step(p[::2], g[::2], m[::2].copy(), v[::2].copy(), 1)


def test_adam_accepts_strided_or_integer_grad(rng):
    p, _, m, v = _state(rng, 6)
    grad = np.arange(12)[::2]  # strided and integer: only read, so it is copied and cast
    ref_p = p.copy()
    K.adam_step(p, grad, m, v, 1)
    assert not np.array_equal(p, ref_p)


BN_BAD = [
    (lambda dy, x, g: K.batchnorm_backward(dy[:, :2], x, g), ValueError, "dy must have the shape of x"),
    (lambda dy, x, g: K.batchnorm_backward(dy, x, g[:2]), ValueError, "gamma must have the shape"),
    (lambda dy, x, g: K.batchnorm_backward(dy[0], x[0], g), ValueError, "x must be an \\(N, D\\) batch"),
    (lambda dy, x, g: K.batchnorm_backward(dy[:0], x[:0], g), ValueError, "x must not be empty"),
    (lambda dy, x, g: K.batchnorm_backward(dy, x, g, eps=-1.0), ValueError, "eps must lie in"),
    (lambda dy, x, g: K.batchnorm_backward(dy, x, g, eps=float("nan")), ValueError, "eps must be finite"),
    (lambda dy, x, g: K.batchnorm_backward(dy, x.astype(complex), g), TypeError, "x must hold real"),
    (lambda dy, x, g: K.batchnorm_backward(dy, x, g.astype(object)), TypeError, "gamma must hold real"),
]


@pytest.mark.parametrize(("call", "error", "message"), BN_BAD)
def test_batchnorm_bad_input(rng, call, error, message):
    dy, x, g = rng.normal(size=(5, 3)), rng.normal(size=(5, 3)), rng.normal(size=3)
    before = [a.copy() for a in (dy, x, g)]
    with pytest.raises(error, match=message):
        call(dy, x, g)
    for a, b in zip((dy, x, g), before, strict=True):
        np.testing.assert_array_equal(a, b)


def test_batchnorm_accepts_non_contiguous_input(rng):
    x = rng.normal(size=(6, 8))
    dy = rng.normal(size=(6, 8))
    g = np.ones(4)
    got = K.batchnorm_backward(dy[:, ::2], x[:, ::2], g)
    want = K.batchnorm_backward(np.ascontiguousarray(dy[:, ::2]), np.ascontiguousarray(x[:, ::2]), g)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: K.rnn_jacobian(np.ones(3), np.ones((3, 4))), ValueError, "W_hh must have the shape"),
        (lambda: K.rnn_jacobian(np.ones((3, 1)), np.ones((3, 3))), ValueError, "h must be a state vector"),
        (lambda: K.rnn_jacobian(np.ones(0), np.ones((0, 0))), ValueError, "h must not be empty"),
        (lambda: K.bptt_jacobian(np.ones(3), np.ones((3, 3))), ValueError, "hs must be a \\(T, n\\)"),
        (lambda: K.bptt_jacobian(np.ones((0, 3)), np.ones((3, 3))), ValueError, "hs must not be empty"),
        (lambda: K.bptt_jacobian(np.ones((2, 3)), np.ones((2, 2))), ValueError, "W_hh must have the shape"),
        (lambda: K.xavier_uniform(0, 3), ValueError, "fan_in must be at least 1"),
        (lambda: K.he_normal(3, 2.5), TypeError, "fan_out must be an integer"),
        (lambda: K.he_normal(3, 2, rng="seed"), TypeError, "rng must be"),
    ],
)
def test_other_kernels_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


# -- Adam's step counter t ------------------------------------------------------------------------------
T_BAD = [
    (2**63, ValueError, "t must be at most"),
    (np.uint64(2**63), ValueError, "t must be at most"),
    (2**200, ValueError, "t must be at most"),
    (5.0, TypeError, "t must be an integer"),
    (np.float64(5.0), TypeError, "t must be an integer"),
    (Fraction(5, 1), TypeError, "t must be an integer"),
    (Decimal(5), TypeError, "t must be an integer"),
    (np.array(5), TypeError, "t must be an integer"),
    ("5", TypeError, "t must be an integer"),
]


@pytest.mark.parametrize(("t", "error", "message"), T_BAD)
def test_adam_refuses_t_the_kernel_cannot_take(rng, t, error, message):
    p, g, m, v = _state(rng)
    before = [a.tobytes() for a in (p, g, m, v)]
    with pytest.raises(error, match=message):
        K.adam_step(p, g, m, v, t)
    assert [a.tobytes() for a in (p, g, m, v)] == before


def test_adam_largest_t_is_the_unbiased_step(rng):
    # At t = 2⁶³ − 1, βᵗ underflows to 0: m̂ = m and v̂ = v, Algorithm 1 without correction.
    p, g, m, v = _state(rng)
    want_m = 0.9 * m + 0.1 * g
    want_v = 0.999 * v + 0.001 * g * g
    want_p = p - 1e-3 * want_m / (np.sqrt(want_v) + 1e-8)
    K.adam_step(p, g, m, v, np.int64(2**63 - 1))
    np.testing.assert_allclose(m, want_m, rtol=1e-15)
    np.testing.assert_allclose(v, want_v, rtol=1e-15)
    np.testing.assert_allclose(p, want_p, rtol=1e-14)


T_PROBE = """
import numpy as np
from symdl import kernels as K
def attempt(t):
    p = np.ones(3)
    try:
        K.adam_step(p, np.ones(3), np.zeros(3), np.zeros(3), t)
    except ValueError as err:
        return "t" in str(err).split()[0]
    return p.tolist()
first = attempt(2**63)   # before any kernel ran in this process
ok = attempt(1)
again = attempt(2**63)   # after a compiled call
print(first, again, all(abs(x - (1 - 1e-3 / (1 + 1e-8))) < 1e-15 for x in ok))
"""


def test_adam_t_overflow_is_refused_the_same_in_a_fresh_process():
    # The issue saw OverflowError in one process and acceptance in another: the refusal must
    # not depend on what ran before.
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", T_PROBE], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]


# -- dtypes and edges ----------------------------------------------------------------------------------
def test_adam_float32_state_with_float64_grad_computes_in_float64():
    # A float64 gradient beyond float32's range: rounded to float32 first it is inf, and the
    # step is inf/inf = NaN.  In float64 m̂/√v̂ = g/|g| = 1, so the param moves by exactly lr
    # (m = 0.1·g fits float32; v = 0.001·g² does not and is stored as inf, which it is).
    p = np.zeros(2, np.float32)
    m, v = np.zeros(2, np.float32), np.zeros(2, np.float32)
    g = np.array([1e39, -1e39])
    K.adam_step(p, g, m, v, 1, lr=0.25)
    assert p.dtype == m.dtype == v.dtype == np.float32
    np.testing.assert_array_equal(p, np.array([-0.25, 0.25], np.float32))
    np.testing.assert_array_equal(m, np.float32(0.1 * 1e39) * np.array([1, -1], np.float32))
    assert np.all(np.isinf(v))


def test_adam_float32_state_with_float64_grad_rounds_once(rng):
    n = 1000
    p0, m0 = rng.normal(size=n).astype(np.float32), rng.normal(size=n).astype(np.float32) * 0.1
    v0 = rng.uniform(0, 0.1, n).astype(np.float32)
    g = rng.normal(size=n)  # float64, not representable in float32
    p, m, v = p0.copy(), m0.copy(), v0.copy()
    K.adam_step(p, g, m, v, 3, lr=1e-2)
    want_p, want_m, want_v = (
        a.astype(np.float32)
        for a in _adam64(p0.astype(float), g, m0.astype(float), v0.astype(float), 3, 1e-2, 0.9, 0.999, 1e-8)
    )
    # Each is float64 arithmetic rounded once to float32: within one float32 ulp of the float64
    # reference rounded to float32 (the float64 steps may differ in their last bits).
    for got, want in ((p, want_p), (m, want_m), (v, want_v)):
        assert got.dtype == np.float32
        assert np.all(np.abs(got - want) <= np.spacing(np.abs(want)))


def _adam64(p, g, m, v, t, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    return p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps), m, v


def test_adam_refuses_eps_zero(rng):
    # With ε = 0 a parameter whose gradients have all been 0 gets 0/0 = NaN, in place.
    p, _, m, v = _state(rng)
    before = p.tobytes()
    with pytest.raises(ValueError, match=r"eps must lie in \(0.0, inf\)"):
        K.adam_step(p, np.zeros(10), m, v, 1, eps=0.0)
    assert p.tobytes() == before


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_single_value_statistics_refuse_eps_zero_and_give_zero_dx_otherwise(rng, dtype):
    x, dy, g = (rng.normal(size=s).astype(dtype) for s in ((1, 4), (1, 4), (4,)))
    with pytest.raises(ValueError, match=r"eps must be > 0 when N = x.shape\[0\] is 1"):
        K.batchnorm_backward(dy, x, g, eps=0.0)
    dx, dgamma, dbeta = K.batchnorm_backward(dy, x, g, eps=1e-12)
    np.testing.assert_array_equal(dx, 0.0)  # x − μ = 0 exactly, for every ε > 0
    np.testing.assert_array_equal(dgamma, 0.0)
    np.testing.assert_array_equal(dbeta, dy[0])
    with pytest.raises(ValueError, match=r"eps must be > 0 when D = x.shape\[-1\] is 1"):
        K.layernorm_backward(dy.T, x.T, g[:1], eps=0.0)


def test_batchnorm_eps_zero_with_a_constant_column_is_nan_as_documented():
    # N > 1, ε = 0, a column of zero variance: the forward pass is 0/0 there (as in PyTorch).
    x = np.array([[2.0, 1.0], [2.0, 3.0]])
    with np.errstate(invalid="ignore", divide="ignore"):
        dx, _, _ = K.batchnorm_backward(np.array([[1.0, 0.5], [-2.0, 1.0]]), x, np.ones(2), eps=0.0)
    assert not np.isfinite(dx[:, 0]).any()
    np.testing.assert_allclose(dx[:, 1], 0.0, atol=1e-15)  # N = 2, x̂ = ∓1: dx = 0 for any dy


# -- errors that name the argument -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: K.sigmoid_grad([[1.0, 2.0], [3.0]]), "x must be a rectangular array"),
        (lambda: K.softmax([[1.0], [2.0, 3.0]]), "z must be a rectangular array"),
        (lambda: K.batchnorm_backward([[1.0, 2.0], [3.0]], np.ones((2, 2)), np.ones(2)), "dy must be a rect"),
        (lambda: K.softmax_cross_entropy_grad(np.zeros((2, 2)), [[0], [1, 0]]), "labels must be a rect"),
        (lambda: K.adam_step(np.zeros(2), [1.0, [2.0]], np.zeros(2), np.zeros(2), 1), "grad must be a rect"),
    ],
)
def test_ragged_lists_name_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: K.positional_encoding(10**10, 10**10), r"n_positions × d_model .* address space"),
        (lambda: K.positional_encoding(10**6, 10**6), r"n_positions × d_model .* memory"),
        (lambda: K.positional_encoding(2**62, 4, dtype=np.float32), r"n_positions × d_model"),
        (lambda: K.xavier_uniform(10**6, 10**6, rng=0), r"fan_in × fan_out"),
        (lambda: K.he_normal(10**7, 10**7, rng=0), r"fan_in × fan_out"),
    ],
)
def test_sizes_too_large_to_allocate_name_the_arguments(call, message):
    # 8 TB and more: refused before anything is allocated, as a ValueError that is also a MemoryError.
    with pytest.raises(ValueError, match=message) as info:
        call()
    assert isinstance(info.value, MemoryError)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: K.xavier_uniform(3, 3, rng=-1), ValueError, "rng must be a non-negative int seed"),
        (lambda: K.he_normal(3, 3, rng=np.int64(-5)), ValueError, "rng must be a non-negative int seed"),
        (lambda: K.he_normal(3, 3, rng=True), TypeError, "rng must be"),
        (lambda: K.positional_encoding(3, 4, dtype="no such dtype"), TypeError, "dtype must be float32"),
        (
            lambda: K.adam_step(np.zeros(2), np.ones(2), np.zeros(2), np.zeros(2), 1, lr=10**400),
            ValueError,
            "lr must be finite",
        ),
        (
            lambda: K.batchnorm_backward(np.ones((2, 2)), np.ones((2, 2)), np.ones(2), eps=10**400),
            ValueError,
            "eps must be finite",
        ),
    ],
)
def test_other_edge_arguments_name_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_seeds_still_reproduce(rng):
    # The rng check must not change what a valid seed draws: the same seed, the same weights,
    # and U(−a, a) with a = √(6/(fan_in + fan_out)) from the generator's own uniforms.
    w = K.xavier_uniform(4, 6, rng=7)
    np.testing.assert_array_equal(w, K.xavier_uniform(4, 6, rng=np.int64(7)))
    u = np.random.default_rng(7).random((4, 6))
    np.testing.assert_allclose(w, (2 * u - 1) * np.sqrt(6 / 10), rtol=1e-15, atol=1e-16)
