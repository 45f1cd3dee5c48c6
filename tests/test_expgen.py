"""The generated exp64: its derivation, its accuracy against 50-digit values, its special values,
and that kernels calling it no longer call libm's scalar exp."""

from __future__ import annotations

import math

import mpmath
import numba
import numpy as np
import pytest
import sympy as sp

from symdl._generated import _exp
from symdl._generated._exp import exp64
from symdl.codegen import expgen


@pytest.fixture(autouse=True)
def _fifty_digits():
    # Scoped: mpmath's precision is global state other tests rely on.
    with mpmath.workdps(50):
        yield


@numba.njit(error_model="numpy")
def _exp64_loop(x, out):
    for i in range(x.shape[0]):
        out[i] = exp64(x[i])


def _exp64(x: np.ndarray) -> np.ndarray:
    out = np.empty(x.shape)
    _exp64_loop(x, out)
    return out


def test_coefficients_are_reciprocal_factorials():
    assert expgen.exp_coefficients(6) == [sp.Rational(1, math.factorial(n)) for n in range(7)]


def test_degree_is_the_smallest_whose_truncation_is_below_a_sixteenth_ulp():
    assert expgen.truncation_bound(expgen.EXP_DEGREE) < sp.Rational(1, 2**56)
    assert expgen.truncation_bound(expgen.EXP_DEGREE - 1) > sp.Rational(1, 2**56)


def test_truncation_bound_holds_at_the_end_of_the_interval():
    # The bound is an upper bound on the true relative error of the Taylor polynomial.
    for point in (expgen.R_MAX, -expgen.R_MAX):
        p = sum(c * point**n for n, c in enumerate(expgen.exp_coefficients()))
        err = abs((sp.exp(point) - p) / sp.exp(point))
        assert 0 < err.evalf(50) < expgen.truncation_bound().evalf(50)


def test_reduced_argument_bound_covers_half_ln2():
    assert (sp.log(2) / 2).evalf(30) < expgen.R_MAX


def test_ln2_split_is_exact_in_its_high_part():
    hi_scaled = _exp.LN2_HI * 2**expgen.LN2_HI_FRACTION_BITS
    assert hi_scaled == int(hi_scaled)
    # k*LN2_HI needs at most 53 bits for |k| < 2**11.
    assert int(hi_scaled).bit_length() + 11 <= 53
    assert abs(mpmath.mpf(_exp.LN2_HI) + mpmath.mpf(_exp.LN2_LO) - mpmath.log(2)) < mpmath.mpf(2) ** -95


def test_clamp_limits_overflow_and_underflow():
    largest = mpmath.mpf(np.finfo(np.float64).max)
    smallest_subnormal = mpmath.mpf(2) ** -1074
    assert mpmath.exp(expgen.OVERFLOW_AT) > largest
    assert mpmath.exp(expgen.UNDERFLOW_AT) < smallest_subnormal / 2


def _ulp_errors(x: np.ndarray, got: np.ndarray) -> np.ndarray:
    errors = []
    for xi, gi in zip(x.tolist(), got.tolist(), strict=True):
        exact = mpmath.exp(mpmath.mpf(xi))
        nearest = float(exact)
        ulp = math.ulp(nearest) if nearest > 0 else 2.0**-1074
        errors.append(float(abs(mpmath.mpf(gi) - exact) / ulp))
    return np.array(errors)


@pytest.mark.parametrize(
    ("lo", "hi"),
    [(-1.0, 1.0), (-40.0, 0.0), (-708.0, 709.78), (-745.1, -708.4), (700.0, 709.78), (-1e-6, 1e-6)],
)
def test_within_one_ulp_of_50_digit_exp(lo, hi):
    x = np.random.default_rng(7).uniform(lo, hi, 4000)
    errors = _ulp_errors(x, _exp64(x))
    assert errors.max() <= 1.0, f"worst {errors.max():.3f} ulp at x = {x[errors.argmax()]!r}"
    assert errors.mean() < 0.35


def test_integer_multiples_of_ln2_and_range_reduction_edges():
    # Where k changes (x = (k + 1/2)·ln2) and where r = 0 (x = k·ln2).
    k = np.arange(-1074, 1024, dtype=np.float64)
    x = np.concatenate([k * math.log(2), (k + 0.5) * math.log(2)])
    x = x[(x > -745.1) & (x < 709.78)]
    x = np.concatenate([x, np.nextafter(x, np.inf), np.nextafter(x, -np.inf)])
    assert _ulp_errors(x, _exp64(x)).max() <= 1.0


def test_special_values_match_numpy():
    x = np.array(
        [
            np.inf,
            -np.inf,
            np.nan,
            0.0,
            -0.0,
            5e-324,
            -5e-324,
            1e-300,
            709.782712893384,
            np.nextafter(709.782712893384, np.inf),
            710.0,
            1e308,
            -745.13321910194122,
            -745.1332191019413,
            -746.0,
            -1e308,
        ]
    )
    with np.errstate(over="ignore", under="ignore"):
        expected = np.exp(x)
    got = _exp64(x)
    np.testing.assert_array_equal(got, expected)
    assert np.signbit(got).sum() == 0


def test_float32_argument_gives_the_float64_result():
    x32 = np.random.default_rng(3).uniform(-80, 80, 1000).astype(np.float32)
    np.testing.assert_array_equal(_exp64(x32), _exp64(x32.astype(np.float64)))


@pytest.mark.parametrize(
    ("module", "function", "args"),
    [
        ("sigmoid_grad", "sigmoid_grad_parallel", (np.zeros(8), np.empty(8))),
        ("tanh_grad", "tanh_grad_parallel", (np.zeros(8), np.empty(8))),
        ("softmax", "softmax_serial", (np.zeros((2, 3)), np.empty((2, 3)), 1)),
        ("softmax", "softmax_parallel", (np.zeros((2, 3)), np.empty((2, 3)), 1)),
    ],
)
def test_exp_bound_kernels_make_no_scalar_exp_call(fresh_kernel, module, function, args):
    # math.exp lowers to llvm.exp, which the x86 backend turns into one libm call per element.
    fn = fresh_kernel(module, function, *args)
    llvm_ir = "\n".join(fn.inspect_llvm(sig) for sig in fn.signatures)
    assert "@llvm.exp." not in llvm_ir
    assert "@exp(" not in llvm_ir
    assert "x double>" in llvm_ir, "no vector arithmetic: the exp loop was not vectorised"
