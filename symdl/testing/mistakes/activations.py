"""Known mistakes in the activation derivatives: σ′, tanh′, the ReLU family at its kink, GELU."""

from __future__ import annotations

import math

import numpy as np

from symdl.testing.mistakes._common import Mistake


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


SIGMOID_GRAD = (
    Mistake(
        "σ′ computed from σ(x) as if x were already σ(x): x(1 − x)",
        "x is the pre-activation; compute s = σ(x) first, then s(1 − s). The form s(1 − s) "
        "takes the activation, the kernel takes x.",
        lambda x: x * (1 - x),
    ),
    Mistake(
        "σ(x) itself (the forward pass, not its derivative)",
        "you returned σ(x); the kernel returns its derivative σ′(x) = σ(x)(1 − σ(x)).",
        _sigmoid,
    ),
    Mistake(
        "1 − σ(x)² (the tanh rule applied to σ)",
        "1 − f² is the derivative of tanh, not of σ; σ′ = σ(1 − σ).",
        lambda x: 1 - _sigmoid(x) ** 2,
    ),
)

TANH_GRAD = (
    Mistake(
        "1 − x², as if x were already tanh(x)",
        "x is the pre-activation: tanh′(x) = 1 − tanh(x)², so take tanh first. 1 − h² is the "
        "form for the activation h = tanh(x) (as in the RNN Jacobian).",
        lambda x: 1 - x * x,
    ),
    Mistake(
        "1 − tanh(x) (the square is missing)",
        "tanh′(x) = 1 − tanh(x)²: square tanh(x) before subtracting it from 1.",
        lambda x: 1 - np.tanh(x),
    ),
    Mistake(
        "tanh(x) itself (the forward pass, not its derivative)",
        "you returned tanh(x); the kernel returns tanh′(x) = 1 − tanh²(x).",
        np.tanh,
    ),
    Mistake(
        "sech(x) = 1/cosh(x) (the square is missing)",
        "tanh′(x) = sech²(x) = 1/cosh²(x): square it.",
        lambda x: 1 / np.cosh(x),
    ),
)

_KINK_FROM_THE_LEFT = (
    "the derivative is not defined at the kink x = 0; the kernel, like PyTorch, takes the value from the "
    "left there, so the test for the right-hand branch is x > 0, not x >= 0."
)

RELU_GRAD = (
    Mistake(
        "relu′(0) = 1 (x >= 0 instead of x > 0)",
        "relu′(0) = 0: " + _KINK_FROM_THE_LEFT,
        lambda x: (x >= 0).astype(np.float64),
    ),
    Mistake(
        "relu′(0) = 1/2 (np.heaviside(x, 0.5))",
        "the second argument of np.heaviside is its value at 0, and the kernel's is 0 (as PyTorch's): "
        "np.heaviside(x, 0.0), or (x > 0).",
        lambda x: np.heaviside(x, 0.5),
    ),
    Mistake(
        "relu(x) itself (the forward pass, not its derivative)",
        "you returned max(0, x); its derivative is 1 where x > 0 and 0 elsewhere.",
        lambda x: np.maximum(x, 0.0),
    ),
)

LEAKY_RELU_GRAD = (
    Mistake(
        "LeakyReLU′(0) = 1 (x >= 0 instead of x > 0)",
        "LeakyReLU′(0) = negative_slope: " + _KINK_FROM_THE_LEFT,
        lambda x, negative_slope=0.01: np.where(x >= 0, 1.0, negative_slope),
    ),
    Mistake(
        "0 for x < 0 (the ReLU derivative: the negative slope left out)",
        "Leaky ReLU is negative_slope·x for x ≤ 0, so its derivative there is negative_slope, not 0.",
        lambda x, negative_slope=0.01: (x > 0).astype(np.float64),
    ),
    Mistake(
        "a fixed slope of 0.01 (the negative_slope argument ignored)",
        "use the negative_slope you are given; 0.01 is only its default.",
        lambda x, negative_slope=0.01: np.where(x > 0, 1.0, 0.01),
    ),
    Mistake(
        "LeakyReLU(x) itself (the forward pass, not its derivative)",
        "you returned the activation (x, or negative_slope·x); its derivative is 1 or negative_slope.",
        lambda x, negative_slope=0.01: np.where(x > 0, x, negative_slope * x),
    ),
)


def _elu_branches(x, alpha, negative):
    with np.errstate(over="ignore"):
        return np.where(x > 0, 1.0, negative(np.exp(np.minimum(x, 0.0)), alpha))


ELU_GRAD = (
    Mistake(
        "ELU′(0) = 1 (x >= 0 instead of x > 0)",
        "ELU′(0) = α·e⁰ = α: " + _KINK_FROM_THE_LEFT + " With α = 1 the two agree.",
        lambda x, alpha=1.0: np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0))),
    ),
    Mistake(
        "eˣ for x ≤ 0 (α left out)",
        "ELU(x) = α(eˣ − 1) for x ≤ 0, so its derivative there is α·eˣ.",
        lambda x, alpha=1.0: _elu_branches(x, alpha, lambda e, a: e),
    ),
    Mistake(
        "α(eˣ − 1) for x ≤ 0 (the forward value, not its derivative)",
        "the derivative of α(eˣ − 1) is α·eˣ: the −1 is a constant and goes.",
        lambda x, alpha=1.0: _elu_branches(x, alpha, lambda e, a: a * (e - 1)),
    ),
    Mistake(
        "branches picked by multiplying with 0/1 masks (0·inf = NaN where exp overflows)",
        "(x > 0) + (x <= 0)·α·exp(x) evaluates exp(x) for every x, and for large x it is inf, so the "
        "mask gives 0·inf = NaN. Pick the branches with np.where (and exp(np.minimum(x, 0)) avoids the "
        "overflow warning too).",
        lambda x, alpha=1.0: (x > 0) + (x <= 0) * (alpha * np.exp(x)),
    ),
)

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _normal_pdf(x):
    return np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _gelu_tanh_grad(x):
    c, a = math.sqrt(2 / math.pi), 0.044715
    t = np.tanh(c * (x + a * x**3))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * a * x * x)


def _gelu_sigmoid_grad(x):
    s = 1 / (1 + np.exp(-1.702 * x))
    return s + 1.702 * x * s * (1 - s)


_EXACT_GELU = (
    "The kernel differentiates the exact GELU(x) = x·Φ(x), Φ(x) = (1 + erf(x/√2))/2: "
    "GELU′(x) = Φ(x) + x·φ(x) with φ(x) = exp(−x²/2)/√(2π)."
)

GELU_GRAD = (
    Mistake(
        "the derivative of GELU's tanh approximation",
        "0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) approximates GELU to about 10⁻³ (PyTorch's "
        "approximate='tanh'). " + _EXACT_GELU,
        _gelu_tanh_grad,
    ),
    Mistake(
        "the derivative of GELU's sigmoid approximation x·σ(1.702x)",
        "the form x·σ(1.702x) approximates GELU to about 2·10⁻²; it is not the function differentiated here. "
        + _EXACT_GELU,
        _gelu_sigmoid_grad,
    ),
    Mistake(
        "Φ(x) alone (the product rule's x·φ(x) left out)",
        "GELU(x) = x·Φ(x) is a product, so GELU′(x) = Φ(x) + x·Φ′(x) = Φ(x) + x·φ(x).",
        lambda x: 0.5 * (1 + _erf(x / math.sqrt(2))),
    ),
    Mistake(
        "Φ(x) as (1 + erf(x))/2 (the 1/√2 inside erf left out)",
        "the standard normal CDF is Φ(x) = (1 + erf(x/√2))/2; erf(x) alone is the CDF of N(0, 1/2).",
        lambda x: 0.5 * (1 + _erf(x)) + x * _normal_pdf(x),
    ),
)
