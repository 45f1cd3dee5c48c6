"""Activation derivatives, elementwise: σ′, tanh′, and the ReLU family with GELU.

Each is generated from a stable form proved equal to the derivative (records named below);
the value at a kink is stated (the convention PyTorch uses).
"""

from __future__ import annotations

from typing import Any

from symdl import _args
from symdl.kernels._launch import elementwise as _elementwise

__all__ = ["elu_grad", "gelu_grad", "leaky_relu_grad", "relu_grad", "sigmoid_grad", "tanh_grad"]


def sigmoid_grad(x: Any) -> Any:
    """σ′(x) = σ(x)(1 − σ(x)), elementwise.

    Computed as e/(1 + e)² with e = exp(−|x|) (record ``sigmoid_derivative``), which
    is exact to a few ulp for every float, including where σ(1 − σ) rounds to 0.

    >>> float(sigmoid_grad(0.0))
    0.25
    """
    return _elementwise("sigmoid_grad", x)


def tanh_grad(x: Any) -> Any:
    """tanh′(x) = 1 − tanh²(x), elementwise, taking the pre-activation x.

    Computed as 4q/(1 + q(2 + q)) with q = exp(−2|x|) (record ``tanh_derivative``): within
    2.3 ulp everywhere, where 1 − tanh² rounds to 0 for |x| ≳ 19.

    >>> float(tanh_grad(0.0))
    1.0
    """
    return _elementwise("tanh_grad", x)


def relu_grad(x: Any) -> Any:
    """relu′(x): 1 for x > 0, else 0 -- and 0 at x = 0, as PyTorch (record ``relu_derivative``).

    >>> relu_grad([-1.0, 0.0, 2.0]).tolist()
    [0.0, 0.0, 1.0]
    """
    return _elementwise("relu_grad", x)


def leaky_relu_grad(x: Any, negative_slope: float = 0.01) -> Any:
    """LeakyReLU′(x): 1 for x > 0, else ``negative_slope`` (also at 0, as PyTorch)
    (record ``leaky_relu_derivative``).

    >>> leaky_relu_grad([-1.0, 2.0], negative_slope=0.1).tolist()
    [0.1, 1.0]
    """
    slope = _args.real_scalar(negative_slope, "negative_slope")
    return _elementwise("leaky_relu_grad", x, slope)


def elu_grad(x: Any, alpha: float = 1.0) -> Any:
    """ELU′(x): 1 for x > 0, else α·eˣ (α at 0, as PyTorch) (record ``elu_derivative``).

    >>> float(elu_grad(0.0, alpha=2.0))
    2.0
    """
    a = _args.real_scalar(alpha, "alpha")
    return _elementwise("elu_grad", x, a)


def gelu_grad(x: Any) -> Any:
    """GELU′(x) = Φ(x) + x·φ(x) for the exact GELU x·Φ(x) (Φ the standard normal CDF, via erf;
    not the tanh approximation) (record ``gelu_derivative``).

    >>> round(float(gelu_grad(0.0)), 12)
    0.5
    """
    return _elementwise("gelu_grad", x)
