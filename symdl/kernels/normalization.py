"""Normalisation layers: BatchNorm and LayerNorm, forward (y with the statistics) and backward.

Training mode throughout: statistics of the batch (BatchNorm, per column) or of the sample
(LayerNorm, over the last axis), the biased variance, ε inside the square root -- as PyTorch.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from symdl import _args
from symdl.kernels._launch import loop_kernel as _loop_kernel
from symdl.kernels._launch import rows as _rows

__all__ = ["batchnorm_backward", "batchnorm_forward", "layernorm_backward", "layernorm_forward"]


def _norm_inputs(dy: Any, x: Any, gamma: Any, eps: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    arrays = (_args.float_array(v, k) for v, k in ((dy, "dy"), (x, "x"), (gamma, "gamma")))
    return (*arrays, _args.real_scalar(eps, "eps", low=0.0))


def _single_sample_needs_eps(eps: float, count: int, what: str) -> None:
    """Statistics over one value: its variance is 0, so ε = 0 leaves x̂ = 0/0."""
    if count == 1 and eps == 0.0:
        raise ValueError(
            f"eps must be > 0 when {what} is 1: the variance of a single value is 0, and with "
            "eps = 0 the normalised value is 0/0"
        )


def _norm_backward(
    name: str, dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run a generated (N, D) normalisation backward kernel on checked inputs."""
    dtype = _args.common_dtype(dy, x, gamma)
    n, d = x.shape
    dx = _args.new_array((n, d), dtype, "x")
    dgamma, dbeta = _args.new_array((d,), dtype, "gamma"), _args.new_array((d,), dtype, "gamma")
    kernel, threads = _loop_kernel(name, n * d)
    kernel(
        _args.contiguous(dy, dtype),
        _args.contiguous(x, dtype),
        _args.contiguous(gamma, dtype),
        eps,
        dx,
        dgamma,
        dbeta,
        threads,
    )
    return dx, dgamma, dbeta


def batchnorm_backward(
    dy: Any, x: Any, gamma: Any, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training-mode BatchNorm backward: ``(dx, dgamma, dbeta)``.

    ``x`` and the upstream gradient ``dy`` have shape (N, D), ``gamma`` (D,).  The
    forward pass normalises each column with the batch mean and the biased variance,
    ε inside the square root.  ``dx = γ/(N√(σ²+ε)) (N dy − Σdy − x̂ Σ(dy x̂))``,
    record ``batchnorm_backward`` (proved for ε > 0).  With N = 1, dx is 0 for every
    ε > 0; ε = 0 is then refused, since a single sample's variance is 0 and x̂ = 0/0.
    With N > 1 and ε = 0 a column of zero variance gives NaN, the forward pass's 0/0
    (as in PyTorch).
    """
    dy_arr, x_arr, g_arr, eps_v = _norm_inputs(dy, x, gamma, eps)
    _args.ndim(x_arr, "x", 2, "an (N, D) batch")
    _args.nonempty(x_arr, "x")
    _single_sample_needs_eps(eps_v, x_arr.shape[0], "N = x.shape[0]")
    _args.same_shape(dy_arr, "dy", x_arr.shape, "x")
    _args.same_shape(g_arr, "gamma", (x_arr.shape[1],), "(D,) with D = x.shape[1]")
    return _norm_backward("batchnorm_backward", dy_arr, x_arr, g_arr, eps_v)


def layernorm_backward(
    dy: Any, x: Any, gamma: Any, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LayerNorm backward over the last axis: ``(dx, dgamma, dbeta)``.

    ``x`` and ``dy`` have shape (..., D), ``gamma`` (D,).  Each sample is normalised with
    its own mean and biased variance over the last axis, ε inside the square root (as
    ``torch.nn.LayerNorm``).  Record ``layernorm_backward`` (proved for ε > 0).  With D = 1,
    dx is 0 for every ε > 0, and ε = 0 is refused (x̂ = 0/0); with D > 1 and ε = 0 a
    constant sample gives NaN.
    """
    dy_arr, x_arr, g_arr, eps_v = _norm_inputs(dy, x, gamma, eps)
    _args.nonempty(x_arr, "x")
    x2 = _rows(x_arr, "x")
    _single_sample_needs_eps(eps_v, x2.shape[1], "D = x.shape[-1]")
    _args.same_shape(dy_arr, "dy", x_arr.shape, "x")
    _args.same_shape(g_arr, "gamma", x_arr.shape[-1:], "(D,) with D = x.shape[-1]")
    dx, dgamma, dbeta = _norm_backward("layernorm_backward", dy_arr.reshape(x2.shape), x2, g_arr, eps_v)
    return dx.reshape(x_arr.shape), dgamma, dbeta


def _forward_inputs(
    x: Any, gamma: Any, beta: Any, eps: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    arrays = (_args.float_array(v, k) for v, k in ((x, "x"), (gamma, "gamma"), (beta, "beta")))
    return (*arrays, _args.real_scalar(eps, "eps", low=0.0))


def batchnorm_forward(
    x: Any, gamma: Any, beta: Any, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Training-mode BatchNorm: ``(y, mean, var)`` for an (N, D) batch ``x``.

    y = γ (x − μ)/√(σ² + ε) + β, with μ and σ² each column's mean and biased variance over the
    batch (returned, shape (D,)), ``gamma`` and ``beta`` of shape (D,).  Record
    ``batchnorm_forward_statistics`` (each column of x̂ has mean 0 and variance σ²/(σ² + ε)).
    The variance is the mean of squared deviations from the mean (not E[x²] − μ², which
    cancels catastrophically when |μ| ≫ σ).  PyTorch's running statistics use the unbiased
    variance, ``var * N / (N - 1)``.  With N = 1, ε = 0 is refused (x̂ = 0/0).

    >>> y, mean, var = batchnorm_forward([[1.0], [3.0]], [1.0], [0.0], eps=0.0)
    >>> y.ravel().tolist(), mean.tolist(), var.tolist()
    ([-1.0, 1.0], [2.0], [1.0])
    """
    x_arr, g_arr, b_arr, eps_v = _forward_inputs(x, gamma, beta, eps)
    _args.ndim(x_arr, "x", 2, "an (N, D) batch")
    _args.nonempty(x_arr, "x")
    _single_sample_needs_eps(eps_v, x_arr.shape[0], "N = x.shape[0]")
    d = x_arr.shape[1]
    _args.same_shape(g_arr, "gamma", (d,), "(D,) with D = x.shape[1]")
    _args.same_shape(b_arr, "beta", (d,), "(D,) with D = x.shape[1]")
    dtype = _args.common_dtype(x_arr, g_arr, b_arr)
    y = _args.new_array(x_arr.shape, dtype, "x")
    mean, var = _args.new_array((d,), dtype, "gamma"), _args.new_array((d,), dtype, "gamma")
    kernel, threads = _loop_kernel("batchnorm_forward", x_arr.size)
    kernel(
        _args.contiguous(x_arr, dtype),
        _args.contiguous(g_arr, dtype),
        _args.contiguous(b_arr, dtype),
        eps_v,
        y,
        mean,
        var,
        threads,
    )
    return y, mean, var


def layernorm_forward(
    x: Any, gamma: Any, beta: Any, eps: float = 1e-5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """LayerNorm over the last axis: ``(y, mean, rstd)``.

    y = γ (x − μ)/√(σ² + ε) + β with μ and σ² each sample's mean and biased variance over its
    D features (``x`` of shape (..., D), ``gamma`` and ``beta`` of shape (D,)), as
    ``torch.nn.LayerNorm``.  ``mean`` and ``rstd`` = 1/√(σ² + ε) have shape ``x.shape[:-1]``
    (what the backward pass reuses).  Record ``layernorm_forward_statistics``.  With D = 1,
    ε = 0 is refused (x̂ = 0/0).

    >>> y, mean, rstd = layernorm_forward([[1.0, 3.0]], [1.0, 1.0], [0.0, 0.0], eps=0.0)
    >>> y.tolist(), mean.tolist(), rstd.tolist()
    ([[-1.0, 1.0]], [2.0], [1.0])
    """
    x_arr, g_arr, b_arr, eps_v = _forward_inputs(x, gamma, beta, eps)
    _args.nonempty(x_arr, "x")
    x2 = _rows(x_arr, "x")
    _single_sample_needs_eps(eps_v, x2.shape[1], "D = x.shape[-1]")
    _args.same_shape(g_arr, "gamma", x_arr.shape[-1:], "(D,) with D = x.shape[-1]")
    _args.same_shape(b_arr, "beta", x_arr.shape[-1:], "(D,) with D = x.shape[-1]")
    dtype = _args.common_dtype(x_arr, g_arr, b_arr)
    y = _args.new_array(x2.shape, dtype, "x")
    mean = _args.new_array(x2.shape[:1], dtype, "x.shape[:-1]")
    rstd = _args.new_array(x2.shape[:1], dtype, "x.shape[:-1]")
    kernel, threads = _loop_kernel("layernorm_forward", x2.size)
    kernel(
        _args.contiguous(x2, dtype),
        _args.contiguous(g_arr, dtype),
        _args.contiguous(b_arr, dtype),
        eps_v,
        y,
        mean,
        rstd,
        threads,
    )
    return y.reshape(x_arr.shape), mean.reshape(x_arr.shape[:-1]), rstd.reshape(x_arr.shape[:-1])
