"""The answer key's table: one row per kernel of `symdl.kernels`.

A row names the kernel's outputs, its battery of inputs (`symdl.testing.battery`), the
error budget of each output (`symdl.testing.tolerance`) and its known mistakes
(`symdl.testing.mistakes`).  Adding a kernel is a row here, a battery function, a budget
function and two or more mistakes; the exercise text goes in `symdl.testing.statements`.
For example, ``relu_grad``'s row is::

    "relu_grad": Kernel("ReLU 도함수", ("grad",), battery.relu_cases, tolerance.exact_values,
                        mistakes.RELU_GRAD),

and an in-place optimiser step names the arrays it updates as its outputs, ``in_place=("param",
"velocity")``.
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
    "relu_grad": Kernel(
        "ReLU 도함수",
        ("grad",),
        battery.relu_cases,
        tolerance.exact_values,
        mistakes.RELU_GRAD,
    ),
    "leaky_relu_grad": Kernel(
        "Leaky ReLU 도함수",
        ("grad",),
        battery.leaky_relu_cases,
        tolerance.exact_values,
        mistakes.LEAKY_RELU_GRAD,
    ),
    "elu_grad": Kernel(
        "ELU 도함수",
        ("grad",),
        battery.elu_cases,
        tolerance.elu_grad,
        mistakes.ELU_GRAD,
    ),
    "gelu_grad": Kernel(
        "GELU 도함수",
        ("grad",),
        battery.gelu_cases,
        tolerance.gelu_grad,
        mistakes.GELU_GRAD,
    ),
    "softmax": Kernel(
        "소프트맥스",
        ("p",),
        battery.softmax_cases,
        tolerance.softmax,
        mistakes.SOFTMAX,
    ),
    "softmax_cross_entropy": Kernel(
        "소프트맥스 교차 엔트로피 손실",
        ("loss",),
        battery.cross_entropy_loss_cases,
        tolerance.cross_entropy_loss,
        mistakes.CROSS_ENTROPY_LOSS,
    ),
    "softmax_cross_entropy_grad": Kernel(
        "소프트맥스 교차 엔트로피 기울기",
        ("dlogits",),
        battery.cross_entropy_cases,
        tolerance.cross_entropy_grad,
        mistakes.CROSS_ENTROPY_GRAD,
    ),
    "batchnorm_forward": Kernel(
        "배치 정규화 순전파",
        ("y", "mean", "var"),
        battery.batchnorm_forward_cases,
        tolerance.batchnorm_forward,
        mistakes.BATCHNORM_FORWARD,
    ),
    "batchnorm_backward": Kernel(
        "배치 정규화 역전파",
        ("dx", "dgamma", "dbeta"),
        battery.batchnorm_cases,
        tolerance.batchnorm_backward,
        mistakes.BATCHNORM_BACKWARD,
    ),
    "layernorm_forward": Kernel(
        "층 정규화 순전파",
        ("y", "mean", "rstd"),
        battery.layernorm_forward_cases,
        tolerance.layernorm_forward,
        mistakes.LAYERNORM_FORWARD,
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
    "sgd_momentum_step": Kernel(
        "모멘텀 SGD 한 스텝",
        ("param", "velocity"),
        battery.sgd_momentum_cases,
        tolerance.sgd_momentum_step,
        mistakes.SGD_MOMENTUM_STEP,
        in_place=("param", "velocity"),
    ),
    "adagrad_step": Kernel(
        "Adagrad 한 스텝",
        ("param", "state_sum"),
        battery.adagrad_cases,
        tolerance.adagrad_step,
        mistakes.ADAGRAD_STEP,
        in_place=("param", "state_sum"),
    ),
    "rmsprop_step": Kernel(
        "RMSprop 한 스텝",
        ("param", "square_avg"),
        battery.rmsprop_cases,
        tolerance.rmsprop_step,
        mistakes.RMSPROP_STEP,
        in_place=("param", "square_avg"),
    ),
    "adadelta_step": Kernel(
        "Adadelta 한 스텝",
        ("param", "square_avg", "acc_delta"),
        battery.adadelta_cases,
        tolerance.adadelta_step,
        mistakes.ADADELTA_STEP,
        in_place=("param", "square_avg", "acc_delta"),
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
    "attention": Kernel(
        "스케일드 닷-프로덕트 어텐션",
        ("out",),
        battery.attention_cases,
        tolerance.attention,
        mistakes.ATTENTION,
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
