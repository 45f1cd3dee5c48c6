"""The numeric kernels, generated from the catalog's proved expressions.

Every function here checks its arguments and calls a kernel that
``python -m symdl.generate`` generated into ``symdl/_generated/`` from a catalog
record (the record named in each docstring; ``symdl show NAME`` prints the
source).  Importing this module needs neither SymPy nor a compiler run: each
generated module is imported on first use, and numba loads the compiled kernel
from its on-disk cache when it can.

Conventions:

* float32 in → float32 out; float64 in → float64 out; bool and integer input is
  cast to float64; other dtypes raise ``TypeError``.  Mixed float32/float64
  arguments compute in float64.  ``adam_step`` updates its state in the state's own
  dtype, computing each step in float64 from the gradient as given (a float64 grad is
  not rounded to a float32 param's precision first) and rounding once when storing.
* Kernels see plain ndarray memory: ``np.matrix`` and ``np.memmap`` inputs are read as
  the arrays they hold, other ndarray subclasses (masked arrays) are refused, and arrays
  updated in place must be exact ndarrays (or ``np.memmap``) sharing no memory with any
  other argument (``symdl._args`` states the whole policy).
* Bad input raises ``ValueError``/``TypeError`` naming the argument, before any
  array is written.  A result too large to allocate raises a ``ValueError`` (that is also a
  ``MemoryError``) naming the sizes that asked for it.
* Kernels use all cores (numba ``parallel``) above a size where that was measured to pay
  (2k elements for elementwise kernels, 65k for loop kernels) and one thread below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache, partial
from types import ModuleType
from typing import Any

import numpy as np

from symdl import _args

__all__ = [
    "adam_step",
    "batchnorm_backward",
    "bptt_jacobian",
    "he_normal",
    "layernorm_backward",
    "positional_encoding",
    "rnn_jacobian",
    "sigmoid_grad",
    "softmax",
    "softmax_cross_entropy_grad",
    "tanh_grad",
    "xavier_uniform",
]

# Measured on the 2-core machines (symdl bench, and size sweeps of sigmoid_grad timing the
# serial and parallel loops alternately): the elementwise loop on both cores breaks even with
# the single-threaded one at 2k elements and is 2x faster from 16k; loop kernels allocate
# per-thread partial sums, which pays from ~64k.
PARALLEL_MIN_ELEMENTS = 1 << 16
ELEMENTWISE_PARALLEL_MIN = 1 << 11


@cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(f"symdl._generated.{name}")


_tried_fast_load: set[tuple[Any, ...]] = set()


def _launch(kernel: Any, *args: Any) -> None:
    """Call a generated kernel; its first call per dtype in a process loads cached code directly.

    The dtypes of its array arguments name the compiled variant (the other arguments are
    Python floats and ints); ``load_cached`` skips numba's full set-up for it (see there).
    """
    key = (id(kernel), *(a.dtype for a in args if isinstance(a, np.ndarray)))
    if key not in _tried_fast_load:
        _tried_fast_load.add(key)
        from symdl._jit import load_cached

        load_cached(kernel, args)
    kernel(*args)


def _loop_kernel(
    name: str, elements: int, parallel_min: int = PARALLEL_MIN_ELEMENTS
) -> tuple[Callable[..., None], int]:
    """The serial or parallel variant of a generated kernel (parallel from ``parallel_min``
    elements, if numba has more than one thread), and the thread count to pass a loop kernel."""
    import numba  # deferred: `import symdl` should not pay for numba

    mod = _module(name)
    threads = numba.get_num_threads()
    if elements >= parallel_min and threads > 1:
        return partial(_launch, getattr(mod, f"{name}_parallel")), threads
    return partial(_launch, getattr(mod, f"{name}_serial")), 1


def _elementwise(name: str, x: Any, *scalars: float, overwrite: bool = False) -> Any:
    """Apply a generated elementwise kernel to ``x`` (its serial loop, or its parallel loop for
    large arrays); ``scalars`` are the kernel's further, scalar arguments.  ``overwrite``:
    ``x`` is a contiguous array of symdl's own, and the result is written over it (each
    element is read before its own result is stored)."""
    arr = _args.float_array(x, "x")
    flat = _args.contiguous(arr, arr.dtype).reshape(-1)
    out = flat if overwrite else _args.new_array(flat.shape, flat.dtype, "x")
    kernel, _threads = _loop_kernel(name, arr.size, ELEMENTWISE_PARALLEL_MIN)
    kernel(flat, *scalars, out)
    return out.reshape(arr.shape)[()]  # [()]: a 0-d input gives a scalar, as a ufunc would


# -- activations ---------------------------------------------------------------------------------
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

    Computed as 4e/(1 + e)² with e = exp(−2|x|) (record ``tanh_derivative``).

    >>> float(tanh_grad(0.0))
    1.0
    """
    return _elementwise("tanh_grad", x)


def _rows(arr: np.ndarray, name: str) -> np.ndarray:
    """``arr`` as (rows, last axis), checking there is a last axis with something on it."""
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one axis; got a scalar")
    if arr.shape[-1] == 0:
        raise ValueError(f"{name} must not have an empty last axis; got shape {arr.shape}")
    return arr.reshape(-1, arr.shape[-1])


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


def softmax_cross_entropy_grad(logits: Any, labels: Any) -> np.ndarray:
    """∂/∂logits of Σ_rows −log softmax(logits)[label] = softmax(logits) − onehot(labels), per row.

    ``logits`` is (N, C); ``labels`` holds N integer classes in [0, C).  For the mean
    loss over the batch divide by N.  Record ``softmax_cross_entropy_grad_onehot``.
    """
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
    out = _args.new_array(z_arr.shape, z_arr.dtype, "logits")
    kernel, threads = _loop_kernel("softmax_cross_entropy_grad", z_arr.size)
    kernel(_args.contiguous(z_arr, z_arr.dtype), _args.contiguous(lab, np.int64), out, threads)
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


# -- sequence models ---------------------------------------------------------------------------------
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


# -- normalisation -------------------------------------------------------------------------------------
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


# -- optimisers --------------------------------------------------------------------------------------
ADAM_MAX_T = 2**63 - 1  # the kernel takes t as a 64-bit signed integer


def adam_step(
    param: np.ndarray,
    grad: Any,
    m: np.ndarray,
    v: np.ndarray,
    t: int,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> None:
    """One Adam step (Algorithm 1 of Kingma & Ba), updating ``param``, ``m`` and ``v`` in place.

    m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; θ ← θ − lr·m̂/(√v̂ + ε) with
    m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ); ``t`` is the 1-based step number.  This is
    what ``torch.optim.Adam`` computes.  ``param``, ``m`` and ``v`` must be
    exact ndarrays (or ``np.memmap``), writeable and C-contiguous, of one float dtype and
    shape, sharing memory with no other argument; ``grad`` has that shape.  Each step is
    computed in float64 (from a float64 ``grad`` as it is, also for float32 state) and
    stored in the state's dtype.  ``t`` is an integer in [1, 2⁶³ − 1]; ``eps`` must be > 0
    (the record is proved for ε > 0; with ε = 0 a parameter whose gradients have all been 0
    would get 0/0).  Record ``adam_keras_epsilon``.
    """
    p = _args.writable_state(param, "param")
    m_arr = _args.writable_state(m, "m")
    v_arr = _args.writable_state(v, "v")
    for arr, name in ((m_arr, "m"), (v_arr, "v")):
        _args.same_shape(arr, name, p.shape, "param")
        if arr.dtype != p.dtype:
            raise TypeError(f"{name} must have param's dtype {p.dtype}; got {arr.dtype}")
    g_given = _args.as_array(grad, "grad")
    g = _args.float_array(g_given, "grad")
    _args.same_shape(g, "grad", p.shape, "param")
    _args.distinct({"param": p, "m": m_arr, "v": v_arr}, {"grad": g_given})
    step = _args.positive_int(t, "t", minimum=1, maximum=ADAM_MAX_T)
    lr_v = _args.real_scalar(lr, "lr", low=0.0)
    b1 = _args.real_scalar(beta1, "beta1", low=0.0, high=1.0, high_open=True)
    b2 = _args.real_scalar(beta2, "beta2", low=0.0, high=1.0, high_open=True)
    eps_v = _args.real_scalar(eps, "eps", low=0.0, low_open=True)
    g = _args.contiguous(g, _args.common_dtype(g, p)).reshape(-1)
    kernel, threads = _loop_kernel("adam_step", p.size)
    kernel(g, step, lr_v, b1, b2, eps_v, p.reshape(-1), m_arr.reshape(-1), v_arr.reshape(-1), threads)


# -- initialisation -------------------------------------------------------------------------------------
def _generator(rng: Any) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool | np.bool_):
        if rng < 0:
            raise ValueError(f"rng must be a non-negative int seed; got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be a numpy Generator, an int seed or None; got {type(rng).__name__}")


def _weights(fan_in: Any, fan_out: Any, rng: Any) -> tuple[int, int, np.random.Generator, np.ndarray]:
    n_in = _args.positive_int(fan_in, "fan_in")
    n_out = _args.positive_int(fan_out, "fan_out")
    gen = _generator(rng)
    return n_in, n_out, gen, _args.new_array((n_in, n_out), np.float64, "fan_in × fan_out")


def xavier_uniform(fan_in: int, fan_out: int, *, rng: Any = None) -> np.ndarray:
    """A (fan_in, fan_out) float64 weight matrix from U(−a, a), a = √(6/(fan_in + fan_out)).

    Variance 2/(fan_in + fan_out) (record ``xavier_uniform_sampler``).
    """
    n_in, n_out, gen, w = _weights(fan_in, fan_out, rng)
    gen.random(out=w)
    return _elementwise("xavier_uniform_transform", w, float(n_in), float(n_out), overwrite=True)


def he_normal(fan_in: int, fan_out: int, *, rng: Any = None) -> np.ndarray:
    """A (fan_in, fan_out) float64 weight matrix from N(0, 2/fan_in) (record ``he_normal_sampler``)."""
    n_in, _n_out, gen, w = _weights(fan_in, fan_out, rng)
    gen.standard_normal(out=w)
    return _elementwise("he_normal_transform", w, float(n_in), overwrite=True)


def __dir__() -> list[str]:
    """Only the kernels (what tab completion on ``symdl.kernels.`` should offer)."""
    return sorted(__all__)
