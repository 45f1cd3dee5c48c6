"""The standard normal CDF Φ in float64, in operations LLVM vectorises (for GELU′).

numba lowers ``math.erfc`` to one libm call per element (about 20 ns here), which no loop
vectorises.  The generator writes ``normal_cdf64`` from a Chebyshev expansion mpmath computes:

* for x ≤ 0, Φ(x) = ½·e^(−x²/2)·erfcx(w) with w = −x/√2 and erfcx(w) = e^(w²)·erfc(w), the
  scaled complementary error function -- smooth and slowly varying on [0, ∞), so its rounding
  of w costs nothing (|w·erfcx′/erfcx| ≤ 1), while e^(−x²/2) is computed from x² split exactly;
* erfcx(w) = t·f(t) with t = 1/(1 + w/3) ∈ (0, 1]: f is analytic on [0, 1] (it tends to
  1/(3√π) as w → ∞), so its Chebyshev series in u = 2t − 1 converges geometrically; the series
  is cut where its tail is below 2⁻⁶⁴ (:data:`CDF_DEGREE` terms), turned into powers of u at 50
  digits (the coefficients' absolute values sum to 1.003, so no evaluation can cancel badly) and
  evaluated by Estrin's scheme -- a tree of depth log₂ 30 instead of Horner's chain of 30
  dependent steps, which kept even the vectorised loop waiting (measured 2.5x slower);
* for x > 0, Φ(x) = 1 − Φ(−x).

The coefficients come from :func:`chebyshev_coefficients` (mpmath at 50 digits, Chebyshev
nodes); the tests compare ``normal_cdf64`` with mpmath's ``ncdf``.
"""

from __future__ import annotations

from functools import cache

import mpmath

__all__ = ["CDF_DEGREE", "CDF_SCALE", "chebyshev_coefficients", "normal_cdf_source", "power_coefficients"]

CDF_SCALE = 3
"""t = 1/(1 + w/CDF_SCALE): 3 gave the fastest-converging series of the scales tried (2, 3, 4)."""
CDF_DEGREE = 30
"""Chebyshev terms kept: the first count whose dropped tail is below 2⁻⁶⁴ (checked on import of
the coefficients by :func:`chebyshev_coefficients`)."""
_NODES = 96


def _f(t: mpmath.mpf) -> mpmath.mpf:
    """erfcx(w)/t at t = 1/(1 + w/3), and its limit 1/(3√π) at t = 0."""
    if t == 0:
        return 1 / (CDF_SCALE * mpmath.sqrt(mpmath.pi))
    w = CDF_SCALE * (1 / t - 1)
    return mpmath.erfc(w) * mpmath.exp(w * w) / t


@cache
def _chebyshev() -> list[mpmath.mpf]:
    """a_0 … a_{CDF_DEGREE−1} with f(t) = a_0 + Σ_{k≥1} a_k T_k(2t − 1) on [0, 1], at 50 digits."""
    with mpmath.workdps(50):
        nodes = [(mpmath.mpf(j) + 0.5) * mpmath.pi / _NODES for j in range(_NODES)]
        values = [_f((mpmath.cos(theta) + 1) / 2) for theta in nodes]
        coeffs = [
            2 * mpmath.fsum(v * mpmath.cos(k * th) for v, th in zip(values, nodes, strict=True)) / _NODES
            for k in range(_NODES)
        ]
        coeffs[0] /= 2
        tail = mpmath.fsum(abs(c) for c in coeffs[CDF_DEGREE:])
    if not tail < mpmath.mpf(2) ** -64:
        raise ArithmeticError(f"the Chebyshev tail after {CDF_DEGREE} terms is {tail}, not below 2^-64")
    return coeffs[:CDF_DEGREE]


def chebyshev_coefficients() -> tuple[float, ...]:
    """The Chebyshev coefficients of f (see :func:`_chebyshev`), as floats."""
    return tuple(float(c) for c in _chebyshev())


@cache
def power_coefficients() -> tuple[float, ...]:
    """p_0 … p_{CDF_DEGREE−1} with f(t) = Σ p_k u^k, u = 2t − 1: the Chebyshev series rewritten
    in powers of u at 50 digits (T_{k+1} = 2u·T_k − T_{k−1}), then rounded."""
    with mpmath.workdps(50):
        t_prev, t_cur = [mpmath.mpf(1)], [mpmath.mpf(0), mpmath.mpf(1)]
        powers = [mpmath.mpf(0)] * CDF_DEGREE
        for k, a in enumerate(_chebyshev()):
            poly = t_prev if k == 0 else t_cur
            if k >= 2:
                nxt = [mpmath.mpf(0)] + [2 * c for c in t_cur]
                for i, c in enumerate(t_prev):
                    nxt[i] -= c
                t_prev, t_cur = t_cur, nxt
                poly = t_cur
            for i, c in enumerate(poly):
                powers[i] += a * c
    return tuple(float(c) for c in powers)


def _estrin(coeffs: tuple[float, ...]) -> list[str]:
    """Lines evaluating Σ coeffs[k]·u^k into ``f`` by Estrin's scheme."""
    lines, terms, power, level = [], [repr(c) for c in coeffs], "u", 0
    while len(terms) > 1:
        pairs = []
        for i in range(0, len(terms), 2):
            name = f"e{level}_{i // 2}"
            value = terms[i] if i + 1 == len(terms) else f"{terms[i]} + {terms[i + 1]}*{power}"
            lines.append(f"    {name} = {value}")
            pairs.append(name)
        terms = pairs
        level += 1
        if len(terms) > 1:
            lines.append(f"    u{2**level} = {power}*{power}")
            power = f"u{2**level}"
    lines.append(f"    f = {terms[0]}")
    return lines


def normal_cdf_source() -> str:
    """The source of ``normal_cdf64`` (it calls ``gaussian_parts64``, defined beside it)."""
    body = "\n".join(_estrin(power_coefficients()))
    return f'''

@njit_helper
def normal_cdf64(x):
    """Φ(x), the standard normal CDF, in float64 (see symdl.codegen.normgen)."""
    x = np.float64(x)
    # Clamped to ±40: Φ(−40) < 1e-348 rounds to 0 and Φ(40) to 1; NaN passes on the last line.
    xs = min(max(x, -40.0), 40.0)
    a = abs(xs)
    t = 1.0/(1.0 + a*{1 / (CDF_SCALE * 2**0.5)!r})  # 1/(1 + w/{CDF_SCALE}), w = |x|/√2
    u = 2.0*t - 1.0
{body}
    erfcx = t*f
    e, g, far = gaussian_parts64(a)  # exp(−x²/2) = e·g, or (e·g)·e far out
    tail = (0.5*erfcx*e)*g  # Φ(−|x|)
    tail = tail*e if far else tail
    y = tail if xs <= 0.0 else 1.0 - tail
    return y if x == x else x
'''
