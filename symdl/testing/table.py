"""The answer key's table: one row per kernel of `symdl.kernels`.

A row names the kernel's outputs, its battery of inputs (`symdl.testing.battery`), the
error budget of each output (`symdl.testing.tolerance`) and its known mistakes
(`symdl.testing.mistakes`).  Adding a kernel is a row here, a battery function, a budget
function and two or more mistakes; the exercise text goes in `symdl.testing.statements`.
For example, a future ``relu_grad`` would be::

    "relu_grad": Kernel("ReLU 도함수", ("grad",), battery.relu_cases, tolerance.elementwise(1.0),
                        mistakes.RELU_GRAD),
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from symdl.testing import battery, mistakes, tolerance

__all__ = ["KERNELS", "Distribution", "Kernel"]


@dataclass(frozen=True)
class Distribution:
    """What a random initialiser draws from: a family and its variance as a function of the fans."""

    family: str  # "uniform" (symmetric about `centre`·a) or "normal"
    variance: Callable[[int, int], float]
    formula: str  # for the report: "2/(fan_in + fan_out)"


@dataclass(frozen=True)
class Kernel:
    """How to check one kernel: its outputs, inputs, error budgets and known mistakes."""

    korean: str  # the Korean term, shown beside the name
    outputs: tuple[str, ...]  # names of what the kernel returns (or updates in place)
    battery: Callable[[np.random.Generator, np.dtype], list[battery.Case]]
    budget: Callable[[dict[str, Any], tuple[np.ndarray, ...]], tuple[np.ndarray, ...]] | None
    mistakes: tuple[Any, ...]
    in_place: tuple[str, ...] = ()  # arguments updated in place; they are the outputs
    dtype_keyword: bool = False  # the dtype is asked for with dtype= (nothing is passed in)
    distribution: Distribution | None = None  # random initialisers: checked statistically


KERNELS: dict[str, Kernel] = {
    "sigmoid_grad": Kernel(
        "시그모이드 도함수",
        ("grad",),
        battery.sigmoid_cases,
        tolerance.elementwise(0.25),
        mistakes.SIGMOID_GRAD,
    ),
    "tanh_grad": Kernel(
        "tanh 도함수",
        ("grad",),
        battery.tanh_cases,
        tolerance.elementwise(1.0),
        mistakes.TANH_GRAD,
    ),
    "softmax": Kernel(
        "소프트맥스",
        ("p",),
        battery.softmax_cases,
        tolerance.softmax,
        mistakes.SOFTMAX,
    ),
    "softmax_cross_entropy_grad": Kernel(
        "소프트맥스 교차 엔트로피 기울기",
        ("dlogits",),
        battery.cross_entropy_cases,
        tolerance.cross_entropy_grad,
        mistakes.CROSS_ENTROPY_GRAD,
    ),
    "batchnorm_backward": Kernel(
        "배치 정규화 역전파",
        ("dx", "dgamma", "dbeta"),
        battery.batchnorm_cases,
        tolerance.batchnorm_backward,
        mistakes.BATCHNORM_BACKWARD,
    ),
    "layernorm_backward": Kernel(
        "층 정규화 역전파",
        ("dx", "dgamma", "dbeta"),
        battery.layernorm_cases,
        tolerance.layernorm_backward,
        mistakes.LAYERNORM_BACKWARD,
    ),
    "adam_step": Kernel(
        "Adam 한 스텝",
        ("param", "m", "v"),
        battery.adam_cases,
        tolerance.adam_step,
        mistakes.ADAM_STEP,
        in_place=("param", "m", "v"),
    ),
    "rnn_jacobian": Kernel(
        "RNN 야코비안",
        ("J",),
        battery.rnn_cases,
        tolerance.rnn_jacobian,
        mistakes.RNN_JACOBIAN,
    ),
    "bptt_jacobian": Kernel(
        "BPTT 야코비안 곱",
        ("J",),
        battery.bptt_cases,
        tolerance.bptt_jacobian,
        mistakes.BPTT_JACOBIAN,
    ),
    "positional_encoding": Kernel(
        "위치 인코딩",
        ("PE",),
        battery.positional_cases,
        tolerance.positional_encoding,
        mistakes.POSITIONAL_ENCODING,
        dtype_keyword=True,
    ),
    "xavier_uniform": Kernel(
        "Xavier 균등 초기화",
        ("W",),
        battery.initialiser_cases,
        None,
        mistakes.XAVIER_UNIFORM,
        distribution=Distribution("uniform", lambda i, o: 2 / (i + o), "2/(fan_in + fan_out)"),
    ),
    "he_normal": Kernel(
        "He 정규 초기화",
        ("W",),
        battery.initialiser_cases,
        None,
        mistakes.HE_NORMAL,
        distribution=Distribution("normal", lambda i, o: 2 / i, "2/fan_in"),
    ),
}
