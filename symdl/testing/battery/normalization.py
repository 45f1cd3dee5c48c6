"""BatchNorm and LayerNorm, forward and backward: small spreads, nearly constant batches, edge shapes."""

from __future__ import annotations

from functools import partial

import numpy as np

from symdl.testing.battery._common import Case, normal, one_call, scalar, upstream


def norm_case(
    rng: np.random.Generator,
    label: str,
    shape: tuple[int, ...],
    *,
    scale: float = 1.0,
    offset: float = 0.0,
    eps: float = 1e-5,
    note: str = "",
) -> Case:
    x = normal(rng, "x", shape, scale, offset)
    gamma = normal(rng, "gamma", shape[-1:], 0.5, offset=1.0)
    return one_call(label, upstream(rng, shape), x, gamma, scalar("eps", eps), note=note)


_NEAR_CONSTANT = (
    "a nearly constant batch (large mean, small spread): computing the variance as mean(x²) − mean(x)² "
    "cancels catastrophically here; subtract the mean first"
)
_SMALL_SPREAD = "a small spread (variance ≪ ε): this is where the placement of ε matters, √(σ² + ε)"


def batchnorm_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return [
        norm_case(rng, "typical batch", (16, 7)),
        norm_case(rng, "small inputs (scale 1e-3)", (12, 5), scale=1e-3, note=_SMALL_SPREAD),
        norm_case(rng, "large inputs (scale 1e3)", (12, 5), scale=1e3),
        norm_case(rng, "one sample (N = 1)", (1, 4)),
        norm_case(rng, "one feature (D = 1)", (9, 1)),
        norm_case(rng, "odd sizes", (5, 3)),
        norm_case(rng, "eps = 1e-3", (10, 6), eps=1e-3),
        norm_case(rng, "nearly constant batch", (16, 4), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]


def layernorm_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return [
        norm_case(rng, "typical rows", (6, 16)),
        norm_case(rng, "small inputs (scale 1e-3)", (5, 12), scale=1e-3, note=_SMALL_SPREAD),
        norm_case(rng, "large inputs (scale 1e3)", (5, 12), scale=1e3),
        norm_case(rng, "one row", (1, 5)),
        norm_case(rng, "one feature (D = 1)", (4, 1)),
        norm_case(rng, "odd sizes", (3, 7)),
        norm_case(
            rng,
            "three axes (batch, time, features)",
            (2, 3, 8),
            note="x of shape (batch, time, features): normalise over the last axis (axis=-1) and sum "
            "dγ and dβ over all the other axes",
        ),
        norm_case(rng, "eps = 1e-3", (4, 10), eps=1e-3),
        norm_case(rng, "nearly constant rows", (4, 16), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]


def norm_forward_case(
    rng: np.random.Generator,
    label: str,
    shape: tuple[int, ...],
    *,
    scale: float = 1.0,
    offset: float = 0.0,
    eps: float = 1e-5,
    note: str = "",
) -> Case:
    x = normal(rng, "x", shape, scale, offset)
    gamma = normal(rng, "gamma", shape[-1:], 0.5, offset=1.0)
    beta = normal(rng, "beta", shape[-1:], 0.5)
    return one_call(label, x, gamma, beta, scalar("eps", eps), note=note)


_ONE_VALUE = "statistics over one value: its variance is 0, so x̂ = 0/√ε = 0 and y = β"


def batchnorm_forward_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    case = partial(norm_forward_case, rng)
    return [
        case("typical batch", (16, 7)),
        case("small inputs (scale 1e-3)", (12, 5), scale=1e-3, note=_SMALL_SPREAD),
        case("large inputs (scale 1e3)", (12, 5), scale=1e3),
        case("one sample (N = 1)", (1, 4), note=_ONE_VALUE),
        case("two samples (N = 2)", (2, 5), note="N = 2: the unbiased variance is twice the biased one"),
        case("one feature (D = 1)", (9, 1)),
        case("odd sizes", (5, 3)),
        case("eps = 1e-3", (10, 6), eps=1e-3),
        case("nearly constant batch", (16, 4), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]


def layernorm_forward_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    case = partial(norm_forward_case, rng)
    return [
        case("typical rows", (6, 16)),
        case("small inputs (scale 1e-3)", (5, 12), scale=1e-3, note=_SMALL_SPREAD),
        case("large inputs (scale 1e3)", (5, 12), scale=1e3),
        case("one row", (1, 5)),
        case("one feature (D = 1)", (4, 1), note=_ONE_VALUE),
        case("odd sizes", (3, 7)),
        case(
            "three axes (batch, time, features)",
            (2, 3, 8),
            note="x of shape (batch, time, features): normalise over the last axis (axis=-1); mean and "
            "rstd have shape x.shape[:-1] = (batch, time)",
        ),
        case("eps = 1e-3", (4, 10), eps=1e-3),
        case("nearly constant rows", (4, 16), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]
