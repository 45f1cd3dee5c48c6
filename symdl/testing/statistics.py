"""Checking a random initialiser: same draws as symdl's kernel, or the same distribution.

Random weights cannot be compared value by value unless both sides draw the same numbers.
For each case the student's function is called with ``rng=np.random.default_rng(seed)``:

1. The result must be a float64 array of shape (fan_in, fan_out) with finite values, and the
   same for the same seed (the function must draw from the ``rng`` it is given) but not for
   another seed.
2. If it equals ``symdl.kernels.<name>(fan_in, fan_out, rng=np.random.default_rng(seed))``
   within the allowance ``SAFETY·u·(|w| + scale)`` (as ``rng.uniform(-a, a, size)`` and
   ``rng.normal(0, std, size)`` do), the case agrees.
3. Otherwise the *distribution* is tested on the cases with at least 2000 weights: the mean
   (z-test against 0), the variance (z-test of the mean of w² against the stated variance,
   with the standard error from the distribution's fourth moment) and the shape
   (Kolmogorov–Smirnov against the uniform or normal CDF).  A case fails if |z| > 5 or
   √n·D > 2.5; for a correct implementation the chance of that is below 2·10⁻⁵ per case.
   Smaller cases only check that uniform weights lie within [−a, a].

A failing case is tested again against each known wrong distribution (the variance formula
as a bound, LeCun's 1/fan_in, normal instead of uniform, …); passing those tests is the hint.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from symdl.testing.report import CaseResult, Discrepancy
from symdl.testing.student import Problem, call, check_array, read_outputs
from symdl.testing.tolerance import allowance

if TYPE_CHECKING:
    from symdl.testing.battery import Case
    from symdl.testing.table import Kernel

__all__ = ["KS_LIMIT", "Z_LIMIT", "check_random", "distribution_tests"]

Z_LIMIT = 5.0
KS_LIMIT = 2.5
MIN_SAMPLES = 2000
# Second moment and kurtosis of a standard normal truncated at ±2 (mpmath quadrature, 15 digits).
_TRUNCATED_M2 = 0.773741303549923
_KURTOSIS = {"uniform": 9 / 5, "normal": 3.0, "truncated normal": 2.36553671712965}


def _cdf(family: str, centre: float, variance: float) -> Callable[[np.ndarray], np.ndarray]:
    if family == "uniform":
        half = math.sqrt(3 * variance)
        return lambda w: np.clip((w - (centre - half)) / (2 * half), 0.0, 1.0)
    erf = np.frompyfunc(math.erf, 1, 1)
    if family == "normal":
        std = math.sqrt(variance)
        return lambda w: 0.5 * (1 + erf((w - centre) / (std * math.sqrt(2))).astype(np.float64))
    # A normal truncated at ±2σ′, with σ′ chosen so that the variance is `variance`.
    std = math.sqrt(variance / _TRUNCATED_M2)
    inside = math.erf(2 / math.sqrt(2))
    return lambda w: np.clip(
        (erf((w - centre) / (std * math.sqrt(2))).astype(np.float64) + inside) / (2 * inside), 0.0, 1.0
    )


def distribution_tests(
    w: np.ndarray, family: str, variance: float, centre: float = 0.0
) -> list[tuple[str, float, float, float]]:
    """(what, expected, got, allowed deviation) for the mean, the variance and the KS distance."""
    n = w.size
    flat = np.sort(w.reshape(-1))
    second = float(np.mean((flat - centre) ** 2))
    cdf = _cdf(family, centre, variance)(flat)
    ranks = np.arange(1, n + 1) / n
    ks = float(max(np.max(ranks - cdf), np.max(cdf - (ranks - 1 / n))))
    return [
        ("mean of the weights", centre, float(flat.mean()), Z_LIMIT * math.sqrt(variance / n)),
        (
            "variance of the weights",
            variance,
            second,
            Z_LIMIT * math.sqrt((_KURTOSIS[family] - 1) / n) * variance,
        ),
        (f"distance from the {family} distribution (Kolmogorov-Smirnov D)", 0.0, ks, KS_LIMIT / math.sqrt(n)),
    ]


def _worst(tests: list[tuple[str, float, float, float]]) -> tuple[float, tuple[str, float, float, float]]:
    test = max(tests, key=lambda t: abs(t[2] - t[1]) / t[3])
    return abs(test[2] - test[1]) / test[3], test


def _matches_wrong(w: np.ndarray, kernel: Kernel, fan_in: int, fan_out: int) -> tuple[tuple[str, str], ...]:
    found = []
    for m in kernel.mistakes:
        variance = m.variance(fan_in, fan_out)
        if _worst(distribution_tests(w, m.family, variance, m.centre * math.sqrt(3 * variance)))[0] <= 1:
            found.append((m.label, m.hint))
    return tuple(found)


def _fail(base: dict[str, Any], problem: Problem, **kw: Any) -> CaseResult:
    return CaseResult(**base, ok=False, reason=problem.reason, message=problem.message, worst=np.inf, **kw)


def _draw(
    fn: Callable[..., Any], name: str, kernel: Kernel, fan_in: int, fan_out: int, seed: int
) -> tuple[list[np.ndarray], Problem | None, tuple[str, ...]]:
    """Call ``fn`` with seeds (seed, seed, seed + 1): the three arrays, or the first problem."""
    draws: list[np.ndarray] = []
    warned: tuple[str, ...] = ()
    for s in (seed, seed, seed + 1):
        result, problem, w = call(fn, [fan_in, fan_out], {"rng": np.random.default_rng(s)})
        warned += w
        if problem is None:
            outputs, problem = read_outputs(result, kernel.outputs, name)
        if problem is None:
            (result,) = outputs
            problem = check_array(result, "W", (fan_in, fan_out), np.dtype(np.float64))
        if problem is None and not np.all(np.isfinite(result)):
            problem = Problem("not finite", "W holds inf or NaN.")
        if problem is not None:
            return draws, problem, tuple(dict.fromkeys(warned))
        draws.append(result)
    if not np.array_equal(draws[0], draws[1]):
        problem = Problem(
            "not reproducible",
            "two calls with rng=np.random.default_rng(seed) gave different weights: draw from the "
            "rng argument (rng.uniform, rng.normal, rng.standard_normal), not from np.random.*.",
        )
    elif draws[0].size > 1 and np.array_equal(draws[0], draws[2]):
        problem = Problem(
            "ignores rng",
            "two different generators gave the same weights: draw from the rng argument "
            "instead of a generator of your own.",
        )
    return draws, problem, tuple(dict.fromkeys(warned))


def check_random(name: str, kernel: Kernel, fn: Callable[..., Any], cases: list[Case]) -> list[CaseResult]:
    """One `CaseResult` per case: fans (fan_in, fan_out) and a seed for the generator."""
    import symdl.kernels

    dist = kernel.distribution
    assert dist is not None
    results = []
    for number, case in enumerate(cases, 1):
        fan_in, fan_out, seed = (a.value for a in case.args)
        draws, problem, warned = _draw(fn, name, kernel, fan_in, fan_out, seed)
        base = {
            "number": number,
            "label": case.label,
            "inputs": tuple(a.how for a in case.args),
            "warnings": warned,
        }
        if problem is not None:
            results.append(_fail(base, problem))
            continue
        w = draws[0]
        variance = dist.variance(fan_in, fan_out)
        bound = math.sqrt(3 * variance)  # the half-width a of the uniform distribution
        expected = getattr(symdl.kernels, name)(fan_in, fan_out, rng=np.random.default_rng(seed))
        ratio = float(np.max(np.abs(w - expected) / allowance(np.abs(expected) + bound, np.float64)))
        if ratio <= 1:
            results.append(CaseResult(**base, ok=True, worst=ratio, remark="same draws as symdl's kernel"))
        elif w.size < MIN_SAMPLES:
            largest = float(np.max(np.abs(w)))
            if dist.family == "uniform" and largest > bound * (1 + 1e-12):  # a few ulp of a
                problem = Problem(
                    "outside [−a, a]",
                    f"a weight lies outside [−a, a], a = √(3·{dist.formula}) = {bound:.6g}.",
                )
                discrepancy = Discrepancy("largest |W|", None, bound, largest, largest - bound, bound * 1e-12)
                results.append(_fail(base, problem, discrepancy=discrepancy))
            else:
                results.append(
                    CaseResult(**base, ok=True, remark="other draws than symdl's; too few to test")
                )
        else:
            worst, (what, exp, got, allowed) = _worst(distribution_tests(w, dist.family, variance))
            if worst <= 1:
                results.append(
                    CaseResult(**base, ok=True, worst=worst, remark="other draws, same distribution")
                )
                continue
            message = (
                f"the weights do not follow the {dist.family} distribution with variance {dist.formula} = "
                f"{variance:.6g} ({w.size} weights; their mean, variance and distribution are tested)."
            )
            results.append(
                CaseResult(
                    **base,
                    ok=False,
                    reason="wrong distribution",
                    message=message,
                    worst=worst,
                    discrepancy=Discrepancy(what, None, exp, got, abs(got - exp), allowed),
                    matches=_matches_wrong(w, kernel, fan_in, fan_out),
                )
            )
    return results
