"""Normalisation layers: BatchNorm and LayerNorm, forward (y with the statistics) and backward.

Training mode throughout: statistics of the batch (BatchNorm, per column) or of the sample
(LayerNorm, over the last axis), the biased variance, ε inside the square root -- as PyTorch.

float64 values so large that a row's (LayerNorm) or column's (BatchNorm) mean or variance
overflows (|x| ≳ 1e154) are normalised as x/2^k with ε/4^k, which gives the same x̂ (record
``normalization_scale_invariance``); the statistics returned are scaled back, a BatchNorm σ² beyond
float64 as ∞.  Such lines are found after the kernel ran (a LayerNorm rstd of 0, a dx of 0 or NaN),
so ordinary input pays for reading one value per row (and, in the backward passes, one more
read of each row whose dx is 0, as under a zero upstream gradient).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from symdl import _args
from symdl.kernels._launch import loop_kernel as _loop_kernel
from symdl.kernels._launch import rows as _rows

__all__ = ["batchnorm_backward", "batchnorm_forward", "layernorm_backward", "layernorm_forward"]


def _checked(eps: Any, **arrays: Any) -> tuple[Any, ...]:
    """The named arrays as float arrays, then ε as a real ≥ 0 (each error names its argument)."""
    return (*(_args.float_array(v, k) for k, v in arrays.items()), _args.real_scalar(eps, "eps", low=0.0))


def _single_sample_needs_eps(eps: float, count: int, what: str) -> None:
    """Statistics over one value: its variance is 0, so ε = 0 leaves x̂ = 0/0."""
    if count == 1 and eps == 0.0:
        raise ValueError(
            f"eps must be > 0 when {what} is 1: the variance of a single value is 0, and with "
            "eps = 0 the normalised value is 0/0"
        )


OVERFLOW_FREE = 2.0**400
"""A line (LayerNorm row, BatchNorm column) whose largest |x| is below 2^400 cannot overflow
float64 in its mean or its variance (for fewer than 2^220 values).  Larger ones can; those that
did are recomputed on x/2^k with ε/4^k, which gives the same x̂ (record
``normalization_scale_invariance``).  Dividing by a power of two is exact."""


def _large_finite(x: np.ndarray, flags: np.ndarray) -> list[int]:
    """The flagged lines ``x[i]`` whose values are finite and reach 2^400 (reads only those)."""
    idx = np.flatnonzero(flags)
    if idx.size == 0:
        return []
    largest = np.abs(x[idx]).max(axis=1)  # NaN or inf when the line is not finite
    return [int(i) for i in idx[np.isfinite(largest) & (largest >= OVERFLOW_FREE)]]


UNDERFLOW_FREE = 2.0**-400
TINY_EPS = 2.0**-700
"""The other end: a line whose largest |x| is below 2^-400 can have a variance below float64's
normal range (2^-1022), where it loses digits or becomes 0 -- which matters only when ε does not
dominate it, i.e. for ε < 2^-700 (ε = 0 above all: then 1/√σ² is ∞ and x̂ NaN).  Such lines are
recomputed on x·2^k with ε·4^k, the same scaling as for huge lines (a nonconstant line with
largest |x| ≥ 2^-400 has σ² ≥ (2^-52·2^-400)²/D, normal for any D below 2^110)."""


def _tiny_finite(x: np.ndarray, eps: float) -> list[int]:
    """With ε < 2^-700, the lines ``x[i]`` whose values are finite, not all 0, and below 2^-400 (reads
    every line; nothing when ε is larger)."""
    if not eps < TINY_EPS:
        return []
    largest = np.abs(x).max(axis=1)
    return [int(i) for i in np.flatnonzero(np.isfinite(largest) & (largest > 0) & (largest < UNDERFLOW_FREE))]


def _statistics_overflow(line: np.ndarray) -> bool:
    """Whether float64 overflows in this finite line's sum or centred sum of squares (numpy's
    sums; the factor 4 of margin covers another order of summation)."""
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.sum(line)
        if not abs(total) < 2.0**1022:
            return True
        return not np.sum(np.square(line - total / line.size)) < 2.0**1022


def _rescaled(line: np.ndarray, eps: float) -> tuple[np.ndarray, float, int]:
    """``(line/2^k, ε/4^k, k)`` with the largest |value| brought into [1/2, 1) (headroom for
    any upstream gradient); a constant line as zeros, k = 0 (x − μ is 0 exactly either way, and
    ε keeps its size: with ε/4^k, 0 + ε/4^k would underflow and 1/√(σ² + ε) become ∞)."""
    if np.all(line == line.flat[0]):
        return np.zeros(line.shape), eps, 0
    k = int(np.frexp(np.abs(line).max())[1])
    return np.ldexp(line, -k), math.ldexp(eps, -2 * k), k


def _scaled(values: np.ndarray, k: int) -> np.ndarray:
    """values·2^k, where a result beyond float64's range is honestly ±inf (or 0)."""
    with np.errstate(over="ignore", under="ignore"):
        return np.ldexp(values, k)


def _line(a: np.ndarray, i: int, columns: bool) -> np.ndarray:
    """Line ``i`` of ``a`` as a one-line 2-D view: column ``i`` (BatchNorm) or row ``i``."""
    return a[:, i : i + 1] if columns else a[i : i + 1]


def _rescue_forward(
    name: str, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float, out: tuple, *, columns: bool
) -> None:
    """Recompute, in ``out = (y, mean, second)``, the lines whose statistics overflowed float64, or
    with ε < 2^-700 could underflow it (``second`` is LayerNorm's 1/√(σ² + ε) or BatchNorm's σ²): on
    x/2^k with ε/4^k, y is the same, μ is μ'·2^k, 1/√(σ² + ε) is its value'/2^k and σ² is σ²'·4^k
    (∞, or 0, when beyond float64)."""
    y, mean, second = out
    flags = ~np.isfinite(mean) | (~np.isfinite(second) if columns else ~(second > 0))
    x_lines = x.T if columns else x
    lines = sorted(set(_large_finite(x_lines, flags)) | set(_tiny_finite(x_lines, eps)))
    if not lines:
        return
    kernel, _ = _loop_kernel(name, 1)
    for i in lines:
        line = _line(x, i, columns)
        scaled, eps_k, k = _rescaled(line, eps)
        params = (gamma[i : i + 1].copy(), beta[i : i + 1].copy()) if columns else (gamma, beta)
        y_line, m_line, s_line = np.empty_like(scaled), np.empty(1), np.empty(1)
        kernel(scaled, *params, eps_k, y_line, m_line, s_line, 1)
        _line(y, i, columns)[...] = y_line
        mean[i] = _scaled(m_line, k)[0] if k else line.flat[0]
        second[i] = _scaled(s_line, 2 * k if columns else -k)[0]


def _rescue_backward(
    name: str, dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float, out: tuple, *, columns: bool
) -> None:
    """Recompute, in ``out = (dx, dgamma, dbeta)``, the lines (rows, or columns for BatchNorm)
    whose statistics overflowed float64, or with ε < 2^-700 could underflow it (as forward).  Where
    they overflowed dx is 0 (x̂ = (x − μ)·0) or NaN (∞·0, or an overflowing product with dy); a dx
    of 0 is also right for a zero upstream gradient, so such a line is taken only if its
    statistics do overflow.  Under x → x/2^k, ε → ε/4^k, x̂ stays and 1/√(σ² + ε) grows by 2^k,
    so dx = dx'/2^k; dβ = Σdy does not depend on x."""
    dx, dgamma, _ = out
    lines_of = (lambda a: a.T) if columns else (lambda a: a)
    first = lines_of(dx)[:, 0]
    with np.errstate(invalid="ignore"):
        nan_lines = _large_finite(lines_of(x), np.isnan(first))
    zero_lines = [i for i in _large_finite(lines_of(x), first == 0) if _statistics_overflow(lines_of(x)[i])]
    tiny_lines = _tiny_finite(lines_of(x), eps)
    candidates = set(nan_lines + zero_lines + tiny_lines)
    lines = sorted(i for i in candidates if np.isfinite(lines_of(dy)[i]).all())
    if not lines:
        return
    kernel, _ = _loop_kernel(name, 1)
    gamma_shares = []
    for i in lines:
        params = gamma[i : i + 1].copy() if columns else gamma
        scaled, eps_k, k = _rescaled(_line(x, i, columns), eps)
        dx_line, d_gamma, d_beta = np.empty_like(scaled), np.empty_like(params), np.empty_like(params)
        kernel(_line(dy, i, columns).copy(), scaled, params, eps_k, dx_line, d_gamma, d_beta, 1)
        _line(dx, i, columns)[...] = _scaled(dx_line, -k)
        if columns:
            dgamma[i] = d_gamma[0]
        else:
            gamma_shares.append(d_gamma)
    if not columns:  # dγ = Σ_rows dy·x̂: the other rows' share, recomputed without these, plus theirs
        keep = np.ones(x.shape[0], bool)
        keep[lines] = False
        if keep.any():
            d_rest = np.empty((int(keep.sum()), x.shape[1]))
            g_rest, b_rest = np.empty_like(gamma), np.empty_like(gamma)
            kernel_rest, threads = _loop_kernel(name, d_rest.size)
            kernel_rest(dy[keep], x[keep], gamma, eps, d_rest, g_rest, b_rest, threads)
            gamma_shares.append(g_rest)
        dgamma[...] = np.sum(gamma_shares, axis=0)


def _norm_backward(
    name: str, dy: np.ndarray, x: np.ndarray, gamma: np.ndarray, eps: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run a generated (N, D) normalisation backward kernel on checked inputs."""
    dtype = _args.common_dtype(dy, x, gamma)
    n, d = x.shape
    dx = _args.new_array((n, d), dtype, "x")
    dgamma, dbeta = _args.new_array((d,), dtype, "gamma"), _args.new_array((d,), dtype, "gamma")
    inputs = tuple(_args.contiguous(a, dtype) for a in (dy, x, gamma))
    kernel, threads = _loop_kernel(name, n * d)
    kernel(*inputs, eps, dx, dgamma, dbeta, threads)
    if dtype == np.float64:  # float32 values cannot overflow the float64 arithmetic
        _rescue_backward(name, *inputs, eps, (dx, dgamma, dbeta), columns=name.startswith("batchnorm"))
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
    dy_arr, x_arr, g_arr, eps_v = _checked(eps, dy=dy, x=x, gamma=gamma)
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
    dy_arr, x_arr, g_arr, eps_v = _checked(eps, dy=dy, x=x, gamma=gamma)
    _args.nonempty(x_arr, "x")
    x2 = _rows(x_arr, "x")
    _single_sample_needs_eps(eps_v, x2.shape[1], "D = x.shape[-1]")
    _args.same_shape(dy_arr, "dy", x_arr.shape, "x")
    _args.same_shape(g_arr, "gamma", x_arr.shape[-1:], "(D,) with D = x.shape[-1]")
    dx, dgamma, dbeta = _norm_backward("layernorm_backward", dy_arr.reshape(x2.shape), x2, g_arr, eps_v)
    return dx.reshape(x_arr.shape), dgamma, dbeta


def _norm_forward(
    name: str, x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float, stats: int, *, columns: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run a generated (N, D) normalisation forward kernel on checked inputs: ``(y, mean, s)``
    with ``stats`` values in each statistic."""
    dtype = _args.common_dtype(x, gamma, beta)
    y = _args.new_array(x.shape, dtype, "x")
    mean, second = (_args.new_array((stats,), dtype, "x") for _ in range(2))
    inputs = tuple(_args.contiguous(a, dtype) for a in (x, gamma, beta))
    kernel, threads = _loop_kernel(name, x.size)
    kernel(*inputs, eps, y, mean, second, threads)
    if dtype == np.float64:  # float32 values cannot overflow the float64 arithmetic
        _rescue_forward(name, *inputs, eps, (y, mean, second), columns=columns)
    return y, mean, second


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
    x_arr, g_arr, b_arr, eps_v = _checked(eps, x=x, gamma=gamma, beta=beta)
    _args.ndim(x_arr, "x", 2, "an (N, D) batch")
    _args.nonempty(x_arr, "x")
    _single_sample_needs_eps(eps_v, x_arr.shape[0], "N = x.shape[0]")
    d = x_arr.shape[1]
    _args.same_shape(g_arr, "gamma", (d,), "(D,) with D = x.shape[1]")
    _args.same_shape(b_arr, "beta", (d,), "(D,) with D = x.shape[1]")
    return _norm_forward("batchnorm_forward", x_arr, g_arr, b_arr, eps_v, d, columns=True)


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
    x_arr, g_arr, b_arr, eps_v = _checked(eps, x=x, gamma=gamma, beta=beta)
    _args.nonempty(x_arr, "x")
    x2 = _rows(x_arr, "x")
    _single_sample_needs_eps(eps_v, x2.shape[1], "D = x.shape[-1]")
    _args.same_shape(g_arr, "gamma", x_arr.shape[-1:], "(D,) with D = x.shape[-1]")
    _args.same_shape(b_arr, "beta", x_arr.shape[-1:], "(D,) with D = x.shape[-1]")
    y, mean, rstd = _norm_forward("layernorm_forward", x2, g_arr, b_arr, eps_v, x2.shape[0], columns=False)
    return y.reshape(x_arr.shape), mean.reshape(x_arr.shape[:-1]), rstd.reshape(x_arr.shape[:-1])
