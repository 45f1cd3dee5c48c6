"""The generated sinq64: its derivation, its accuracy against 50-digit values, its range and
special values, and the loop kernels that call it (fast path, libm rerun, vectorisation)."""

from __future__ import annotations

import math

import mpmath
import numba
import numpy as np
import pytest
import sympy as sp

from symdl._generated import _trig
from symdl._generated._trig import sinq64
from symdl.codegen import Assign, Loops, compile_kernel, kernel_source, trigen

SIXTEENTH_ULP = sp.Rational(1, 2**56)
MP_FUNCS = (mpmath.sin, mpmath.cos, lambda v: -mpmath.sin(v), lambda v: -mpmath.cos(v))


@pytest.fixture(autouse=True)
def _fifty_digits():
    with mpmath.workdps(50):
        yield


@numba.njit(error_model="numpy")
def _sinq64_loop(x, q, out):
    for i in range(x.shape[0]):
        out[i] = sinq64(x[i], q)


def _sinq(x: np.ndarray, q: int) -> np.ndarray:
    out = np.empty(x.shape)
    _sinq64_loop(x, q, out)
    return out


def _ulp_errors(x: np.ndarray, q: int) -> np.ndarray:
    got = _sinq(x, q)
    errors = []
    for xi, gi in zip(x.tolist(), got.tolist(), strict=True):
        exact = MP_FUNCS[q](mpmath.mpf(xi))
        errors.append(float(abs(mpmath.mpf(gi) - exact) / math.ulp(float(exact))))
    return np.array(errors)


def test_coefficients_are_signed_reciprocal_factorials():
    assert trigen.trig_coefficients("sin", 5) == [0, 1, 0, sp.Rational(-1, 6), 0, sp.Rational(1, 120)]
    assert trigen.trig_coefficients("cos", 4) == [1, 0, sp.Rational(-1, 2), 0, sp.Rational(1, 24)]


def test_degrees_are_the_smallest_whose_truncation_is_below_a_sixteenth_ulp():
    sin_bound, cos_bound = trigen.truncation_bounds()
    assert sin_bound < SIXTEENTH_ULP
    assert cos_bound < SIXTEENTH_ULP
    shorter_sin, shorter_cos = trigen.truncation_bounds(trigen.SIN_DEGREE - 2, trigen.COS_DEGREE - 2)
    assert shorter_sin > SIXTEENTH_ULP
    assert shorter_cos > SIXTEENTH_ULP


def test_truncation_bounds_hold_at_the_end_of_the_interval():
    r = trigen.R_MAX
    sin_poly = sum(c * r**n for n, c in enumerate(trigen.trig_coefficients("sin", trigen.SIN_DEGREE)))
    cos_poly = sum(c * r**n for n, c in enumerate(trigen.trig_coefficients("cos", trigen.COS_DEGREE)))
    sin_bound, cos_bound = trigen.truncation_bounds()
    assert 0 < abs((sp.sin(r) - sin_poly) / sp.sin(r)).evalf(60) < sin_bound.evalf(60)
    assert 0 < abs((sp.cos(r) - cos_poly) / sp.cos(r)).evalf(60) < cos_bound.evalf(60)


def test_reduced_argument_bound_covers_a_quarter_pi_and_the_rounding_of_k():
    # k = floor(x·2/π + ½) may be off by one only within ~2⁻³² of a half-integer at |x| ≤ 2²⁰.
    assert (sp.pi / 4 + sp.Rational(1, 2**31)).evalf(30) < trigen.R_MAX


def test_pi_over_two_split_is_exact_and_complete():
    pieces = [_trig.P1, _trig.P2, _trig.P3, _trig.P4]
    for piece in pieces[:3]:
        mantissa, _ = math.frexp(piece)
        bits = mantissa * 2**trigen.PIECE_BITS
        assert bits == int(bits), f"{piece!r} has more than {trigen.PIECE_BITS} significant bits"
        assert trigen.PIECE_BITS + trigen.K_BITS <= 53  # k·piece exact for |k| < 2**K_BITS
    total = sum(mpmath.mpf(p) for p in pieces)
    assert abs(total - mpmath.pi / 2) < mpmath.mpf(2) ** -150


def test_fast_range_keeps_k_below_two_to_the_twenty():
    k_max = math.floor(trigen.FAST_MAX * _trig.TWO_OVER_PI + 0.5)
    assert k_max < 2**trigen.K_BITS


@pytest.mark.parametrize("q", [0, 1, 2, 3])
@pytest.mark.parametrize(
    ("lo", "hi"), [(-1.0, 1.0), (-10.0, 10.0), (0.0, 4096.0), (1e5, 2.0**20), (-1e-5, 1e-5)]
)
def test_within_one_ulp_of_50_digit_values(q, lo, hi):
    x = np.random.default_rng(11).uniform(lo, hi, 1500)
    errors = _ulp_errors(x, q)
    assert errors.max() <= 1.0, f"worst {errors.max():.3f} ulp at x = {x[errors.argmax()]!r}"
    assert errors.mean() < 0.35


@pytest.mark.parametrize("q", [0, 1])
def test_doubles_nearest_multiples_of_a_quarter_and_half_pi(q):
    # Where the reduced argument is tiny (sin near 0 or cos near 0) and where k changes.
    k = np.random.default_rng(5).integers(1, 1_300_000, 1500)
    x = np.array(
        [float(kk * mpmath.pi / 2) for kk in k] + [float((kk + 0.5) * mpmath.pi / 2) for kk in k[:300]]
    )
    x = x[x <= trigen.FAST_MAX]
    x = np.concatenate([x, np.nextafter(x, np.inf), -x])
    assert _ulp_errors(x, q).max() <= 1.0


def test_outside_the_range_and_non_finite_give_nan():
    x = np.array([np.nextafter(trigen.FAST_MAX, np.inf), -(2.0**21), 1e300, np.inf, -np.inf, np.nan])
    for q in range(4):
        assert np.isnan(_sinq(x, q)).all()
    assert not np.isnan(_sinq(np.array([trigen.FAST_MAX, -trigen.FAST_MAX]), 0)).any()


def test_signed_zero_and_subnormal():
    x = np.array([0.0, -0.0, 5e-324, -5e-324, 1e-300])
    sin = _sinq(x, 0)
    np.testing.assert_array_equal(sin, x)
    np.testing.assert_array_equal(np.signbit(sin), np.signbit(x))
    np.testing.assert_array_equal(_sinq(x, 1), np.ones(5))
    np.testing.assert_array_equal(np.signbit(_sinq(x, 2)), ~np.signbit(x))


def test_float32_argument_gives_the_float64_result():
    x32 = np.random.default_rng(3).uniform(-100, 100, 1000).astype(np.float32)
    np.testing.assert_array_equal(_sinq(x32, 0), _sinq(x32.astype(np.float64), 0))


# -- loop kernels that call it ----------------------------------------------------------------------
_n = sp.Symbol("n", integer=True, positive=True)
_i = sp.Idx("i", _n)
_x = sp.IndexedBase("x", shape=(_n,))
_y = sp.IndexedBase("y", shape=(_n,))


def _trig_kernel(name, rhs, out=_y):
    spec = Loops(name, inputs=(_x,), outputs=(out,), stages=(Assign(out[_i], rhs),))
    return spec, compile_kernel(spec)


def test_a_sine_kernel_uses_sinq64_and_redoes_out_of_range_arguments_with_libm():
    spec, fn = _trig_kernel("sin_plus_cos_test", sp.sin(_x[_i]) + 2 * sp.cos(3 * _x[_i]))
    assert "sinq64(" in kernel_source(spec)
    assert "math.sin(" in kernel_source(spec)

    inside = np.random.default_rng(2).uniform(-300, 300, 1000)
    out = np.empty_like(inside)
    fn(inside, out, 1)
    # (3·x rounded to float64 first, as the kernel does)
    exact = np.array([float(mpmath.sin(v) + 2 * mpmath.cos(mpmath.mpf(3 * v))) for v in inside.tolist()])
    np.testing.assert_allclose(out, exact, rtol=0, atol=4e-15)

    # One argument beyond 2**20 (3·x is, for x = 4e5): the whole loop is redone with libm,
    # which gives exactly what math.sin/math.cos give element by element.
    mixed = inside.copy()
    mixed[17] = 4e5
    mixed[500] = np.inf
    fn(mixed, out, 1)
    assert np.isnan(out[500])
    finite = np.isfinite(mixed)
    np.testing.assert_array_equal(
        out[finite], [math.sin(v) + 2 * math.cos(3 * v) for v in mixed[finite].tolist()]
    )


def test_a_kernel_updating_its_input_in_place_never_runs_twice():
    # x[i] ← x[i] + sin(x[i]) read-modify-write: a rerun would apply it twice, so libm only.
    spec = Loops(
        "sin_in_place_test", inputs=(), outputs=(_x,), stages=(Assign(_x[_i], _x[_i] + sp.sin(_x[_i])),)
    )
    assert "sinq64(" not in kernel_source(spec)
    fn = compile_kernel(spec)
    x = np.array([1.0, 2.0, 3e6])
    fn(x, 1)
    np.testing.assert_array_equal(x, [1.0 + math.sin(1.0), 2.0 + math.sin(2.0), 3e6 + math.sin(3e6)])


def test_positional_encoding_computes_one_sinq64_per_element_and_vectorises(fresh_kernel):
    from symdl.catalog import ALL

    src = next(r for r in ALL if r.name == "positional_encoding").kernel_source
    fast_loop = src.split("if outside")[0]
    # sin or cos chosen by the column's parity is one call with a chosen quadrant, not two.
    assert fast_loop.count("sinq64(") == 1
    assert "math.sin" not in fast_loop
    fn = fresh_kernel("positional_encoding", "positional_encoding_serial", np.empty((3, 8)), 1)
    llvm_ir = "\n".join(fn.inspect_llvm(sig) for sig in fn.signatures)
    # floor(x·2/π + ½) is sinq64's first step: a vector floor means its loop was vectorised.
    assert "@llvm.floor.v" in llvm_ir


def test_positional_encoding_beyond_two_to_the_twenty_reruns_with_libm_in_parallel():
    # d_model = 2: frequency 1, so positions above 2**20 are arguments sinq64 does not cover;
    # 2.2M elements take the parallel variant, whose count of such arguments is a reduction.
    from symdl import kernels as K

    n = 2**20 + 5000
    assert 2 * n >= K.PARALLEL_MIN_ELEMENTS
    pe = K.positional_encoding(n, 2)
    rows = [0, 1, 12345, 2**20 - 1, 2**20 + 1, n - 1]
    np.testing.assert_array_equal(pe[rows, 0], [math.sin(p) for p in rows])
    np.testing.assert_array_equal(pe[rows, 1], [math.cos(p) for p in rows])
    assert not np.isnan(pe).any()
