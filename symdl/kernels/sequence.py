"""Sequence models: the RNN's Jacobians, the sinusoidal positional encoding, and attention."""

from __future__ import annotations

from typing import Any

import numpy as np

from symdl import _args
from symdl.kernels._launch import loop_kernel as _loop_kernel

__all__ = ["attention", "bptt_jacobian", "positional_encoding", "rnn_jacobian"]


def rnn_jacobian(h: Any, W_hh: Any) -> np.ndarray:
    """∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh for h_t = tanh(W_hh h_{t−1} + W_xh x_t + b).

    ``h`` is the post-activation state h_t, shape (n,); ``W_hh`` is (n, n).
    Record ``rnn_jacobian``.
    """
    h_arr, w_arr = _args.float_array(h, "h"), _args.float_array(W_hh, "W_hh")
    _args.ndim(h_arr, "h", 1, "a state vector")
    _args.nonempty(h_arr, "h")
    n = h_arr.shape[0]
    _args.same_shape(w_arr, "W_hh", (n, n), "(len(h), len(h))")
    dtype = _args.common_dtype(h_arr, w_arr)
    out = _args.new_array((n, n), dtype, "len(h)")
    kernel, threads = _loop_kernel("rnn_jacobian", n * n)
    kernel(_args.contiguous(h_arr, dtype), _args.contiguous(w_arr, dtype), out, threads)
    return out


def bptt_jacobian(hs: Any, W_hh: Any) -> np.ndarray:
    """∂h_T/∂h_0 = J_T ⋯ J_1 with J_t = diag(1 − h_t²) W_hh.

    ``hs`` has shape (T, n) and holds the states h_1..h_T (post-activation), T ≥ 1.
    Record ``rnn_bptt_jacobian``.
    """
    hs_arr, w_arr = _args.float_array(hs, "hs"), _args.float_array(W_hh, "W_hh")
    _args.ndim(hs_arr, "hs", 2, "a (T, n) array of states h_1..h_T")
    _args.nonempty(hs_arr, "hs")
    n = hs_arr.shape[1]
    _args.same_shape(w_arr, "W_hh", (n, n), "(n, n) with n = hs.shape[1]")
    dtype = _args.common_dtype(hs_arr, w_arr)
    out = _args.new_array((n, n), dtype, "hs.shape[1]")
    kernel, threads = _loop_kernel("bptt_jacobian", n * n * n)
    kernel(_args.contiguous(hs_arr, dtype), _args.contiguous(w_arr, dtype), out, threads)
    return out


def positional_encoding(n_positions: int, d_model: int, *, dtype: Any = np.float64) -> np.ndarray:
    """The (n_positions, d_model) sinusoidal encoding, positions counted from 0.

    PE[p, 2i] = sin(p/10000^(2i/d_model)), PE[p, 2i+1] = cos(p/10000^(2i/d_model))
    (record ``positional_encoding``).

    >>> positional_encoding(1, 4).tolist()
    [[0.0, 1.0, 0.0, 1.0]]
    """
    n = _args.positive_int(n_positions, "n_positions")
    d = _args.positive_int(d_model, "d_model")
    dt = _args.float_dtype(dtype, "dtype")
    out = _args.new_array((n, d), dt, "n_positions × d_model")
    kernel, threads = _loop_kernel("positional_encoding", n * d)
    kernel(out, threads)
    return out


def attention(Q: Any, K: Any, V: Any, *, causal: bool = False) -> np.ndarray:
    """Scaled dot-product attention for one head: softmax(QKᵀ/√d_k) V, shape (T, d_v).

    ``Q`` is (T, d_k), ``K`` is (L, d_k) and ``V`` is (L, d_v) (self-attention: L = T).  Each
    row of weights is a max-subtracted softmax over the L keys (record
    ``scaled_dot_product_attention``: the weights sum to 1, so each output row is an average
    of value rows).  ``causal=True`` lets query i see keys 0..i only (record
    ``causal_attention_mask``; aligned at the top left, as ``is_causal=True`` in
    ``torch.nn.functional.scaled_dot_product_attention``).  The T × L scores are kept in
    float64 scratch memory (16·T·L bytes).

    >>> attention([[1.0]], [[1.0], [1.0]], [[2.0], [4.0]]).tolist()
    [[3.0]]
    """
    if not isinstance(causal, bool | np.bool_):
        raise TypeError(f"causal must be True or False; got {type(causal).__name__}")
    q, k, v = (_args.float_array(a, n) for a, n in ((Q, "Q"), (K, "K"), (V, "V")))
    _args.ndim(q, "Q", 2, "a (T, d_k) array of queries")
    _args.ndim(k, "K", 2, "an (L, d_k) array of keys")
    _args.ndim(v, "V", 2, "an (L, d_v) array of values")
    for arr, name in ((q, "Q"), (k, "K"), (v, "V")):
        _args.nonempty(arr, name)
    if k.shape[1] != q.shape[1]:
        raise ValueError(f"K must have Q's width d_k = {q.shape[1]} (K is (L, d_k)); got shape {k.shape}")
    if v.shape[0] != k.shape[0]:
        raise ValueError(
            f"V must have one row per key, L = {k.shape[0]} (V is (L, d_v)); got shape {v.shape}"
        )
    t, n_keys = q.shape[0], k.shape[0]
    _args.fits((2 * t, n_keys), np.float64, "T × L scores (float64 scratch)")
    dtype = _args.common_dtype(q, k, v)
    out = _args.new_array((t, v.shape[1]), dtype, "T × d_v")
    name = "attention_causal" if causal else "attention"
    kernel, threads = _loop_kernel(name, t * n_keys * max(q.shape[1], v.shape[1]))
    kernel(_args.contiguous(q, dtype), _args.contiguous(k, dtype), _args.contiguous(v, dtype), out, threads)
    return out
