"""Bad input: a ValueError/TypeError naming the argument, and no array touched."""

from __future__ import annotations

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
        (lambda: K.adam_step(p.astype(np.int64), g, m, v, 1), TypeError, "param must be float32 or float64"),
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
