"""Activation derivatives: σ′ and tanh′ (saturation), the ReLU family (the kink at 0) and GELU."""

from __future__ import annotations

import numpy as np

from symdl.testing.battery._common import Arg, Case, normal, one_call, scalar

_SATURATION = (
    "large |x| (saturation): exp of a large number overflows to inf, and inf/inf is NaN; write the "
    "formula so that only exp(−|x|) is needed, or from σ(x) (resp. tanh(x)) itself"
)


def elementwise_cases(rng: np.random.Generator, saturating: list[float]) -> list[Case]:
    """An elementwise derivative: typical values, scales, shapes, and saturated inputs."""
    sat = np.array([s * sign for s in saturating for sign in (1, -1)])
    return [
        one_call("typical values", normal(rng, "x", (37,), 2.0)),
        one_call("small inputs (scale 1e-3)", normal(rng, "x", (5, 7), 1e-3)),
        one_call("large inputs (scale 1e3)", normal(rng, "x", (5, 7), 1e3), note=_SATURATION),
        one_call("one element", normal(rng, "x", (1,))),
        one_call("three axes", normal(rng, "x", (2, 3, 4))),
        one_call(
            "saturated inputs",
            Arg("x", sat, f"x = ±{saturating}, shape {sat.shape}", cast=True),
            note=_SATURATION,
        ),
    ]


def sigmoid_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return elementwise_cases(rng, [5.0, 12.0, 20.0, 40.0, 80.0, 100.0])


def tanh_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return elementwise_cases(rng, [3.0, 8.0, 12.0, 20.0, 40.0, 400.0])


_KINK = (
    "x = 0 exactly (the kink, where the derivative is not defined): the kernel takes the value from the "
    "left, as PyTorch does (relu′(0) = 0, LeakyReLU′(0) = negative_slope, ELU′(0) = α), so the test "
    "is x > 0, not x >= 0"
)
_MASKED_OVERFLOW = (
    "large |x|: exp(x) overflows to inf above x ≈ 88 (float32) or 709 (float64), and a branch picked by "
    "multiplying with a 0/1 mask then gives 0·inf = NaN; pick branches with np.where"
)
_OTHER_PARAMETER = "the parameter here is not the default: use the argument, not a constant"


def _kink(rng: np.random.Generator) -> Arg:
    """Exact zeros of both signs among values very near 0 and ordinary values."""
    near = np.array([0.0, -0.0, 0.0, -0.0, 1e-30, -1e-30, 1e-7, -1e-7])
    x = np.concatenate([near, rng.standard_normal(8)])
    return Arg("x", x, "x = four exact zeros (±0), ±1e-30, ±1e-7 and 8 N(0,1) values, shape (16,)", cast=True)


def kink_cases(
    rng: np.random.Generator, parameter: tuple[str, float] | None = None, large_note: str = ""
) -> list[Case]:
    """A piecewise derivative with a kink at 0: typical values, scales, shapes, x = 0 exactly, and,
    for a kernel with a scalar ``parameter`` (its name and a value other than the default), the
    same with that value passed (the default is left to the function elsewhere)."""
    cases = [
        one_call("typical values", normal(rng, "x", (37,), 2.0)),
        one_call("small inputs (scale 1e-3)", normal(rng, "x", (5, 7), 1e-3)),
        one_call("large inputs (scale 1e3)", normal(rng, "x", (5, 7), 1e3), note=large_note),
        one_call("one element", normal(rng, "x", (1,))),
        one_call("three axes", normal(rng, "x", (2, 3, 4))),
        one_call("x = 0 exactly (the kink)", _kink(rng), note=_KINK),
    ]
    if parameter is not None:
        name, value = parameter
        cases += [
            one_call(
                f"{name} = {value}", normal(rng, "x", (12,), 2.0), scalar(name, value), note=_OTHER_PARAMETER
            ),
            one_call(f"{name} = {value}, x = 0 exactly", _kink(rng), scalar(name, value), note=_KINK),
        ]
    return cases


def relu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return kink_cases(rng)


def leaky_relu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return kink_cases(rng, ("negative_slope", 0.2))


def elu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    tail = -np.array([5.0, 20.0, 50.0, 100.0, 500.0, 1e4])
    return [
        *kink_cases(rng, ("alpha", 0.5), _MASKED_OVERFLOW),
        one_call(
            "very negative x",
            Arg("x", tail, f"x = {tail.tolist()}, shape {tail.shape}", cast=True),
            scalar("alpha", 0.5),
            note="very negative x: α·eˣ underflows to 0 (it is 0 to within the dtype's smallest numbers); "
            "the derivative must be 0 there, not NaN",
        ),
    ]


_GELU_ENDS = (
    "large |x|: GELU′(x) tends to 1 (x → +∞) and to 0 from below (x → −∞); exp(−x²/2) underflows to 0 "
    "and erf to ±1 there, which is fine, but exp(+x²/2) in a denominator overflows and a mask "
    "multiplied by inf gives NaN"
)


def gelu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    ends = np.array([s * sign for s in (3.0, 5.0, 10.0, 20.0, 40.0, 100.0) for sign in (1, -1)])
    return [
        one_call("typical values", normal(rng, "x", (37,), 2.0)),
        one_call("small inputs (scale 1e-3)", normal(rng, "x", (5, 7), 1e-3)),
        one_call("large inputs (scale 1e3)", normal(rng, "x", (5, 7), 1e3), note=_GELU_ENDS),
        one_call("one element", normal(rng, "x", (1,))),
        one_call("three axes", normal(rng, "x", (2, 3, 4))),
        one_call(
            "very negative and very positive x",
            Arg("x", ends, "x = ±[3, 5, 10, 20, 40, 100], shape (12,)", cast=True),
            note=_GELU_ENDS,
        ),
        one_call(
            "near GELU's minimum (x ≈ −0.75)",
            normal(rng, "x", (9,), 0.05, offset=-0.75),
            note="GELU′(x) = Φ(x) + x·φ(x) is 0 near x = −0.752, where GELU has its minimum: both terms "
            "are needed (Φ(x) alone is about 0.23 there)",
        ),
    ]
