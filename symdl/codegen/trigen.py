"""A float64 sine/cosine that LLVM can vectorise, generated from their Taylor series.

numba lowers ``math.sin``/``math.cos`` to scalar libm calls, so a loop around them runs one
element at a time (the positional encoding spent most of its time there).  As for ``exp``
(:mod:`symdl.codegen.expgen`), the generator writes its own function from pieces SymPy derives, in
operations LLVM vectorises.  One function serves both: ``sinq64(x, q)`` is the q-th of
``sin x, cos x, −sin x, −cos x`` (q mod 4), i.e. sin(x + q·π/2) in exact arithmetic, so a
kernel that picks sin or cos per element (even/odd columns) computes one of them, not both.

* **range reduction** ``x = k·π/2 + r``, ``k = round(x·2/π)``, ``|r| ≤ π/4 (+ rounding)``.
  π/2 is split into four pieces (Cody--Waite): three of 33 significant bits, so ``k·P1``,
  ``k·P2``, ``k·P3`` are exact for ``|k| < 2²⁰``, and a rounded fourth.  ``x − k·P1`` is exact
  (Sterbenz); the next two subtractions keep their rounding errors (TwoSum), and ``r`` leaves
  as an unevaluated sum ``r + rl``, accurate to about 2⁻¹⁰⁰ absolute -- enough for arguments
  very close to a multiple of π/2, where ``r`` is tiny;
* **polynomials** ``sin r = r + r³·S(r²)`` and ``cos r = 1 − r²/2 + r⁴·C(r²)``, coefficients
  from ``sympy.series``, degrees the smallest whose Lagrange remainder is below 2⁻⁵⁶ relative
  (:func:`truncation_bounds`).  ``rl`` enters through the first derivative; ``1 − r²/2`` is
  summed with its exact rounding error (Fast2Sum) so cos keeps its last bits near r = π/4;
* **quadrant** ``(k + q) mod 4`` picks ±sin r or ±cos r by selects.

The reduction is exact only while ``|k| < 2²⁰``: ``sinq64`` returns NaN for ``|x| >``
:data:`FAST_MAX` and for ±inf/NaN.  Generated kernels count such arguments as they go and,
if there were any, run the same loops again with libm's ``math.sin``/``math.cos``
(:mod:`symdl.codegen.nests`), so the result never depends on the range.

Measured against 60-digit mpmath over 2·10⁴ points per range (±1, ±10, 0…4096,
10⁵…2²⁰ and the doubles nearest k·π/2): at most 0.76 ulp; the test suite re-checks it.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from symdl.codegen.expgen import float_literal, source_tag, taylor_coefficients

__all__ = [
    "COS_DEGREE",
    "FAST_MAX",
    "R_MAX",
    "SIN_DEGREE",
    "pio2_split",
    "trig_coefficients",
    "trig_module_source",
    "trig_source_tag",
    "truncation_bounds",
]

SIN_DEGREE = 17
"""Degree of the sine polynomial (odd): the smallest whose remainder bound is below 2⁻⁵⁶."""

COS_DEGREE = 16
"""Degree of the cosine polynomial (even): the smallest whose remainder bound is below 2⁻⁵⁶."""

R_MAX = sp.Rational(786, 1000)
"""A bound on the reduced argument |r|: π/4 = 0.78540… plus rounding in ``k`` (< 10⁻⁹)."""

PIECE_BITS = 33
K_BITS = 20  # |k| < 2**K_BITS keeps k*P1, k*P2, k*P3 exact: 33 + 20 <= 53
FAST_MAX = 2.0**K_BITS
"""Largest |x| ``sinq64`` reduces: |x|·2/π + ½ < 2²⁰ for every |x| ≤ 2²⁰."""


def trig_coefficients(kind: str, degree: int) -> list[sp.Rational]:
    """Taylor coefficients at 0 of ``sin`` or ``cos`` (``kind``), r⁰ … r^degree, exact."""
    return taylor_coefficients({"sin": sp.sin, "cos": sp.cos}[kind], degree)


def truncation_bounds(sin_degree: int = SIN_DEGREE, cos_degree: int = COS_DEGREE) -> tuple[sp.Expr, sp.Expr]:
    """Bounds on the relative error of the two Taylor polynomials for |r| ≤ :data:`R_MAX`.

    Lagrange: the remainder after degree n is at most R^(n+2)/(n+2)! (the next nonzero term
    of each series has degree n + 2).  Divided by the smallest |sin r|/|r|·|r| (sin r/r
    decreases, so ≥ sin R/R) and the smallest cos r (cos R).
    """
    R = R_MAX
    sin_bound = R ** (sin_degree + 1) / sp.factorial(sin_degree + 2) * R / sp.sin(R)
    cos_bound = R ** (cos_degree + 2) / sp.factorial(cos_degree + 2) / sp.cos(R)
    return sin_bound, cos_bound


def pio2_split() -> list[sp.Expr]:
    """π/2 as P1 + P2 + P3 + P4: three exact pieces of 33 significant bits, then the rest."""
    pieces: list[sp.Expr] = []
    rest = sp.pi / 2
    for _ in range(3):
        exponent = sp.floor(sp.log(rest.evalf(60), 2))  # rest lies in [2^e, 2^(e+1))
        scale = sp.Integer(2) ** (PIECE_BITS - 1 - exponent)
        piece = sp.floor((rest * scale).evalf(80)) / scale
        pieces.append(piece)
        rest = rest - piece
    pieces.append(rest)
    return pieces


def _horner(name: str, coeffs: list[sp.Rational], labels: list[str]) -> list[str]:
    lines = [f"    {name} = {float_literal(coeffs[-1])}  # {labels[-1]}"]
    lines += [
        f"    {name} = {name}*z + {float_literal(c)}  # {lab}"
        for c, lab in zip(coeffs[-2::-1], labels[-2::-1], strict=True)
    ]
    return lines


@cache
def trig_module_source() -> str:
    """Source of ``symdl/_generated/_trig.py``: the ``sinq64`` function generated kernels call."""
    sin_c = trig_coefficients("sin", SIN_DEGREE)
    cos_c = trig_coefficients("cos", COS_DEGREE)
    # sin r = r + r*z*S(z) with S(z) = sum of sin_c[2n+1] z^(n-1), n >= 1; cos r = 1 - z/2 + z^2*C(z).
    s_coeffs = [sin_c[n] for n in range(3, SIN_DEGREE + 1, 2)]
    c_coeffs = [cos_c[n] for n in range(4, COS_DEGREE + 1, 2)]
    s_lines = _horner(
        "s", s_coeffs, [f"{'+-'[k % 2 == 0]}1/{n}!" for k, n in enumerate(range(3, SIN_DEGREE + 1, 2))]
    )
    c_lines = _horner(
        "c", c_coeffs, [f"{'-+'[k % 2 == 0]}1/{n}!" for k, n in enumerate(range(4, COS_DEGREE + 1, 2))]
    )
    p1, p2, p3, p4 = (float_literal(p) for p in pio2_split())
    sin_bound, cos_bound = (b.evalf(3) for b in truncation_bounds())
    nl = "\n"
    return f'''"""Generated by symdl.codegen.trigen (the Taylor series of sin and cos at 0). Do not edit.

Regenerate with ``python -m symdl.generate``; a test fails when this file is stale.
Relative truncation error for |r| <= {R_MAX}:
sin (degree {SIN_DEGREE}) < {sin_bound}, cos (degree {COS_DEGREE}) < {cos_bound}.
"""

import math

import numpy as np

from symdl._jit import njit_helper

FAST_MAX = {FAST_MAX!r}  # |x| beyond this (or inf/NaN): NaN, and kernels redo the loop with libm
TWO_OVER_PI = {float_literal(2 / sp.pi)}
P1 = {p1}  # pi/2 to {PIECE_BITS} significant bits: k*P1 exact for |k| < 2**{K_BITS}
P2 = {p2}  # the next {PIECE_BITS} bits
P3 = {p3}  # the next {PIECE_BITS} bits
P4 = {p4}  # pi/2 - P1 - P2 - P3, rounded


@njit_helper
def sinq64(x, q):
    """(sin x, cos x, -sin x, -cos x)[q mod 4] in float64, in operations LLVM vectorises."""
    x = np.float64(x)
    inside = abs(x) <= FAST_MAX  # False for NaN too
    xc = x if inside else 0.0
    k = math.floor(xc*TWO_OVER_PI + 0.5)
    t = xc - k*P1  # exact
    w = k*P2  # exact
    a = t - w
    v = a - t
    ea = (t - (a - v)) - (w + v)  # a + ea == t - w exactly (TwoSum)
    w = k*P3  # exact
    b = a - w
    v = b - a
    eb = (a - (b - v)) - (w + v)
    lo = (ea + eb) - k*P4
    r = b + lo
    rl = (b - r) + lo  # r + rl: the reduced argument to about 2**-100
    z = r*r
{nl.join(s_lines)}
    sn = r + (r*(z*s) + rl*(1.0 - 0.5*z))
    sn = x if x == 0.0 else sn  # keeps the sign of a zero
{nl.join(c_lines)}
    hz = 0.5*z
    w = 1.0 - hz
    e = (1.0 - w) - hz  # the rounding error of w, exactly (hz < 1/2)
    cs = w + (e + (z*z*c - r*rl))
    n = (np.int64(k) + q) & 3
    y = sn if (n & 1) == 0 else cs
    y = -y if n >= 2 else y
    return y if inside else math.nan
'''


def trig_source_tag() -> str:
    """:func:`symdl.codegen.expgen.source_tag` of the ``sinq64`` source."""
    return source_tag(trig_module_source())
