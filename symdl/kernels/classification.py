"""Softmax over the last axis, and softmax with cross-entropy: the loss and its gradient.

Each kernel subtracts the row's maximum first, so no exponential overflows (records named
below).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from symdl import _args
from symdl.kernels._launch import loop_kernel as _loop_kernel
from symdl.kernels._launch import rows as _rows

__all__ = ["softmax", "softmax_cross_entropy", "softmax_cross_entropy_grad"]


def softmax(z: Any) -> np.ndarray:
    """Softmax over the last axis, max-subtracted (record ``softmax_jacobian``).

    Any shape (..., D); float32 stays float32.  Logits of ±1000 are fine: the largest term
    is exactly exp(0) = 1.  A row containing NaN or +inf gives NaN.

    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]
    """
    z_arr = _args.float_array(z, "z")
    rows = _rows(z_arr, "z")
    out = _args.new_array(rows.shape, z_arr.dtype, "z")
    kernel, threads = _loop_kernel("softmax", rows.size)
    kernel(_args.contiguous(rows, rows.dtype), out, threads)
    return out.reshape(z_arr.shape)


def _logits_and_labels(logits: Any, labels: Any) -> tuple[np.ndarray, np.ndarray]:
    """Checked (N, C) logits and N integer labels in [0, C), as the kernels take them."""
    z_arr = _args.float_array(logits, "logits")
    _args.ndim(z_arr, "logits", 2, "an (N, C) array of logits")
    _args.nonempty(z_arr, "logits")
    lab = _args.as_array(labels, "labels")
    if lab.dtype.kind not in "iu":
        raise TypeError(f"labels must be integer class indices; got dtype {lab.dtype}")
    _args.same_shape(lab, "labels", z_arr.shape[:1], "(N,) with N = logits.shape[0]")
    n_classes = z_arr.shape[1]
    if lab.size and (lab.min() < 0 or lab.max() >= n_classes):
        raise ValueError(f"labels must lie in [0, {n_classes}); got values from {lab.min()} to {lab.max()}")
    return _args.contiguous(z_arr, z_arr.dtype), _args.contiguous(lab, np.int64)


def softmax_cross_entropy(logits: Any, labels: Any) -> np.ndarray:
    """The cross-entropy loss of each row, −log softmax(logits)[label], shape (N,).

    Computed as max(z) − z_label + log Σ exp(z − max(z)) (record
    ``cross_entropy_log_sum_exp``): finite for any finite logits, also ±10⁴ where
    −log(exp(z_c)/Σ exp(z)) gives inf or NaN.  ``logits`` is (N, C) and ``labels`` holds N
    integer classes in [0, C); ``.mean()`` of the result is
    ``torch.nn.functional.cross_entropy(logits, labels)``.  The error is a few ulp of
    max(1, loss): a loss far below 1e-8 (a very confident, right prediction) is accurate in
    absolute, not relative, terms.

    >>> softmax_cross_entropy([[0.0, 0.0]], [1]).round(12).tolist()
    [0.69314718056]
    """
    z, lab = _logits_and_labels(logits, labels)
    out = _args.new_array(z.shape[:1], z.dtype, "logits.shape[0]")
    kernel, threads = _loop_kernel("softmax_cross_entropy", z.size)
    kernel(z, lab, out, threads)
    return out


def softmax_cross_entropy_grad(logits: Any, labels: Any) -> np.ndarray:
    """∂/∂logits of Σ_rows −log softmax(logits)[label] = softmax(logits) − onehot(labels), per row.

    ``logits`` is (N, C); ``labels`` holds N integer classes in [0, C).  For the mean
    loss over the batch divide by N.  Record ``softmax_cross_entropy_grad_onehot``.
    """
    z, lab = _logits_and_labels(logits, labels)
    out = _args.new_array(z.shape, z.dtype, "logits")
    kernel, threads = _loop_kernel("softmax_cross_entropy_grad", z.size)
    kernel(z, lab, out, threads)
    return out
