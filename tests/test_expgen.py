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
        ("gelu_grad", "gelu_grad_serial", (np.zeros(8), np.empty(8))),
        (
            "softmax_cross_entropy",
            "softmax_cross_entropy_serial",
            (np.zeros((2, 9)), np.zeros(2, np.int64), np.empty(2), 1),
        ),
    ],
)
def test_exp_bound_kernels_make_no_scalar_exp_call(fresh_kernel, module, function, args):
    # math.exp lowers to llvm.exp, which the x86 backend turns into one libm call per element;
    # math.erfc is a libm call too (GELU′ once spent 20 ns per element in it).
    fn = fresh_kernel(module, function, *args)
    llvm_ir = "\n".join(fn.inspect_llvm(sig) for sig in fn.signatures)
    assert "@llvm.exp." not in llvm_ir
    assert "@exp(" not in llvm_ir
    assert "erfc" not in llvm_ir
    assert "x double>" in llvm_ir, "no vector arithmetic: the exp loop was not vectorised"


# -- normal_cdf64: Φ for GELU′ (symdl.codegen.normgen) ------------------------------------------------
@numba.njit
def _cdf_loop(x, out):
    for k in range(x.shape[0]):
        out[k] = _exp.normal_cdf64(x[k])


def _cdf(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x, dtype=np.float64)
    _cdf_loop(np.asarray(x, np.float64), out)
    return out


def test_normal_cdf_matches_mpmath_to_a_few_ulp():
    """Φ(x) against mpmath's ncdf at 40 digits: within 8 ulp everywhere (the Chebyshev fit is
    below 2⁻⁶⁴; what remains is exp64, the product with erfcx and the polynomial's rounding),
    and on average below one."""
    rng = np.random.default_rng(7)
    x = np.concatenate([np.linspace(-38.4, 9.0, 6001), rng.standard_normal(2000) * 6])
    with mpmath.workdps(40):
        want = np.array([float(mpmath.ncdf(mpmath.mpf(float(v)))) for v in x])
    ulps = np.abs(_cdf(x) - want) / np.spacing(np.abs(want))
    assert ulps.max() <= 8
    assert ulps.mean() < 1.5


def test_normal_cdf_special_values():
    got = _cdf(np.array([0.0, -0.0, np.inf, -np.inf, 40.0, -40.0, 1e300, -1e300, np.nan]))
    np.testing.assert_array_equal(got[:8], [0.5, 0.5, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0])
    assert np.isnan(got[8])


def test_normal_cdf_series_is_cut_below_its_tail_and_cannot_cancel():
    """The Chebyshev tail after the kept terms is below 2⁻⁶⁴ (checked when the coefficients are
    made), and the power-basis coefficients' absolute values sum to about 1, so evaluating them
    cannot lose more than a few units of f's smallest value 1/(3√π)."""
    from symdl.codegen import normgen

    powers = normgen.power_coefficients()
    assert len(powers) == normgen.CDF_DEGREE
    assert sum(abs(p) for p in powers) < 1.01
    f0 = sum(p * (-1) ** k for k, p in enumerate(powers))  # u = −1: t = 0, w → ∞
    assert f0 == pytest.approx(1 / (normgen.CDF_SCALE * math.sqrt(math.pi)), rel=1e-15)
    assert sum(powers) == pytest.approx(1.0, rel=1e-15)  # u = 1: t = 1, w = 0, erfcx(0) = 1
