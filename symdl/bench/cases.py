"""What ``symdl bench`` times: each kernel, the NumPy a student would write, and PyTorch's path.

A :class:`Case` makes inputs of a size, calls symdl, a NumPy baseline and (if PyTorch is
importable) PyTorch's fastest CPU path for the same work -- the ``torch.ops.aten`` function
that autograd itself calls for a derivative, fused optimisers where PyTorch has them, else
``foreach`` -- and counts the bytes the call must move at least (each array read or written
once).  The baselines are for timing, not references for correctness: tests check the
kernels against independent closed forms and mpmath, and check that each baseline computes
what its kernel computes, so a ratio compares equal work.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from symdl import kernels as K
from symdl.bench.optimisers import OPTIMISER_CASES

__all__ = ["CASES", "Case"]


@dataclass(frozen=True)
class Case:
    """One kernel to time: how to make inputs of a size, and the implementations to compare."""

    name: str
    default_size: tuple[int, ...]
    make: Callable[[tuple[int, ...], np.dtype, np.random.Generator], dict[str, Any]]
    symdl: Callable[[dict[str, Any]], Any]
    numpy: Callable[[dict[str, Any]], Any]
    torch: Callable[[dict[str, Any], Any], Callable[[], Any]] | None = None  # (inputs, torch) -> call
    traffic: Callable[[dict[str, Any]], int] | None = None  # bytes read + written, at least

    @property
    def dims(self) -> str:
        return "N" if len(self.default_size) == 1 else "NxD"


def _nbytes(*arrays: np.ndarray) -> int:
    return sum(a.nbytes for a in arrays)


# -- elementwise derivatives -----------------------------------------------------------------------
def _vector(size, dtype, rng):
    return {"x": (rng.standard_normal(size) * 5).astype(dtype)}


def _in_out(a):  # read x, write a result of its size
    return 2 * a["x"].nbytes


def _np_sigmoid_grad(a):
    s = 1 / (1 + np.exp(-a["x"]))
    return s * (1 - s)


def _np_tanh_grad(a):
    t = np.tanh(a["x"])
    return 1 - t * t


def _np_relu_grad(a):
    return (a["x"] > 0).astype(a["x"].dtype)


def _np_leaky_relu_grad(a, slope=0.01):
    x = a["x"]
    return np.where(x > 0, x.dtype.type(1), x.dtype.type(slope))


def _np_elu_grad(a, alpha=1.0):
    x = a["x"]
    return np.where(x > 0, x.dtype.type(1), alpha * np.exp(np.minimum(x, 0)))


_erf = np.frompyfunc(math.erf, 1, 1)


def _np_gelu_grad(a):
    # NumPy has no erf: math.erf element by element is what NumPy alone offers.
    x = a["x"]
    cdf = (0.5 * (1 + _erf(x / math.sqrt(2)))).astype(x.dtype)
    return cdf + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _torch_backward(op: str, *extra: Any, of_output: str = "") -> Callable[[dict[str, Any], Any], Callable]:
    """``torch.ops.aten.<op>`` with an upstream gradient of ones: the derivative itself, by the
    function PyTorch's autograd calls.  ``of_output``: the op takes the activation's output."""

    def make(a, torch):
        x = torch.from_numpy(a["x"])
        ones = torch.ones_like(x)
        fn = getattr(torch.ops.aten, op)
        if of_output:
            return lambda: fn(ones, getattr(torch, of_output)(x))
        return lambda: fn(ones, x, *extra)

    return make


def _torch_elu_grad(a, torch):
    x = torch.from_numpy(a["x"])
    ones = torch.ones_like(x)
    return lambda: torch.ops.aten.elu_backward(ones, 1.0, 1.0, 1.0, False, x)


# -- softmax, cross-entropy, attention ----------------------------------------------------------------
def _logits(size, dtype, rng):
    n, c = size
    return {"x": (rng.standard_normal((n, c)) * 3).astype(dtype), "labels": rng.integers(0, c, n)}


def _np_softmax(a):
    z = a["x"]
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def _np_ce_grad(a):
    p = _np_softmax(a)
    p[np.arange(p.shape[0]), a["labels"]] -= 1
    return p


def _np_ce_loss(a):
    z = a["x"]
    m = z.max(1)
    return m + np.log(np.exp(z - m[:, None]).sum(1)) - z[np.arange(z.shape[0]), a["labels"]]


def _torch_softmax(a, torch):
    x = torch.from_numpy(a["x"])
    return lambda: torch.softmax(x, -1)


def _torch_ce_grad(a, torch):
    x = torch.from_numpy(a["x"]).requires_grad_()
    labels = torch.from_numpy(a["labels"])

    def call():
        loss = torch.nn.functional.cross_entropy(x, labels, reduction="sum")
        return torch.autograd.grad(loss, x)

    return call


def _torch_ce_loss(a, torch):
    x, labels = torch.from_numpy(a["x"]), torch.from_numpy(a["labels"])
    return lambda: torch.nn.functional.cross_entropy(x, labels, reduction="none")


def _qkv(size, dtype, rng):
    t, d = size
    return {k: rng.standard_normal((t, d)).astype(dtype) for k in ("Q", "K", "V")}


def _np_attention(a):
    q, k, v = a["Q"], a["K"], a["V"]
    s = q @ k.T / np.sqrt(q.shape[1]).astype(q.dtype)
    e = np.exp(s - s.max(1, keepdims=True))
    return (e / e.sum(1, keepdims=True)) @ v


def _torch_attention(a, torch):
    q, k, v = (torch.from_numpy(a[n])[None] for n in ("Q", "K", "V"))
    return lambda: torch.nn.functional.scaled_dot_product_attention(q, k, v)


# -- normalisation --------------------------------------------------------------------------------
def _batch(size, dtype, rng):
    n, d = size
    return {
        "x": rng.standard_normal((n, d)).astype(dtype),
        "dy": rng.standard_normal((n, d)).astype(dtype),
        "gamma": rng.standard_normal(d).astype(dtype),
        "beta": rng.standard_normal(d).astype(dtype),
    }


def _np_batchnorm(a, eps=1e-5):
    x, dy, g = a["x"], a["dy"], a["gamma"]
    n = x.shape[0]
    mu = x.mean(0)
    rstd = 1 / np.sqrt(x.var(0) + eps)
    xhat = (x - mu) * rstd
    dbeta, dgamma = dy.sum(0), (dy * xhat).sum(0)
    return g * rstd / n * (n * dy - dbeta - xhat * dgamma), dgamma, dbeta


def _np_layernorm(a, eps=1e-5):
    x, dy, g = a["x"], a["dy"], a["gamma"]
    d = x.shape[1]
    mu = x.mean(1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(1, keepdims=True) + eps)
    xhat = (x - mu) * rstd
    gdy = dy * g
    dx = rstd / d * (d * gdy - gdy.sum(1, keepdims=True) - xhat * (gdy * xhat).sum(1, keepdims=True))
    return dx, (dy * xhat).sum(0), dy.sum(0)


def _np_batchnorm_forward(a, eps=1e-5):
    x = a["x"]
    mu, var = x.mean(0), x.var(0)
    return a["gamma"] * (x - mu) / np.sqrt(var + eps) + a["beta"], mu, var


def _np_layernorm_forward(a, eps=1e-5):
    x = a["x"]
    mu, var = x.mean(1), x.var(1)
    rstd = 1 / np.sqrt(var + eps)
    return a["gamma"] * (x - mu[:, None]) * rstd[:, None] + a["beta"], mu, rstd


def _torch_norm_backward(kind):
    def make(a, torch):
        x = torch.from_numpy(a["x"]).requires_grad_()
        g = torch.from_numpy(a["gamma"]).requires_grad_()
        b = torch.zeros_like(g, requires_grad=True)
        dy = torch.from_numpy(a["dy"])
        fn = torch.nn.functional

        def call():
            if kind == "batch":
                y = fn.batch_norm(x, None, None, g, b, training=True, eps=1e-5)
            else:
                y = fn.layer_norm(x, (x.shape[-1],), g, b, eps=1e-5)
            return torch.autograd.grad(y, (x, g, b), dy)

        return call

    return make


def _torch_batchnorm_forward(a, torch):
    x, g, b = (torch.from_numpy(a[k]) for k in ("x", "gamma", "beta"))
    return lambda: torch.ops.aten.native_batch_norm(x, g, b, None, None, True, 0.0, 1e-5)


def _torch_layernorm_forward(a, torch):
    x, g, b = (torch.from_numpy(a[k]) for k in ("x", "gamma", "beta"))
    return lambda: torch.ops.aten.native_layer_norm(x, (x.shape[-1],), g, b, 1e-5)


def _norm_backward_traffic(a):  # read dy, x; write dx
    return 3 * a["x"].nbytes


def _norm_forward_traffic(a):  # read x; write y
    return 2 * a["x"].nbytes


# -- positional encoding ------------------------------------------------------------------------------
def _np_positional_encoding(a):
    n, d = a["size"]
    pos = np.arange(n)[:, None]
    freq = 1.0 / 10000 ** (np.arange(0, d, 2) / d)
    pe = np.empty((n, d), dtype=a["dtype"])
    pe[:, 0::2] = np.sin(pos * freq)
    pe[:, 1::2] = np.cos(pos * freq[: d // 2])
    return pe


def _case(name, size, make, symdl, numpy, torch=None, traffic=_in_out) -> Case:
    return Case(name, size, make, symdl, numpy, torch, traffic)


_ELEMENTWISE = 10_000_000
_ROWS = (8192, 512)

CASES: dict[str, Case] = {
    c.name: c
    for c in (
        _case(
            "sigmoid_grad",
            (_ELEMENTWISE,),
            _vector,
            lambda a: K.sigmoid_grad(a["x"]),
            _np_sigmoid_grad,
            _torch_backward("sigmoid_backward", of_output="sigmoid"),
        ),
        _case(
            "tanh_grad",
            (_ELEMENTWISE,),
            _vector,
            lambda a: K.tanh_grad(a["x"]),
            _np_tanh_grad,
            _torch_backward("tanh_backward", of_output="tanh"),
        ),
        _case(
            "relu_grad",
            (_ELEMENTWISE,),
            _vector,
            lambda a: K.relu_grad(a["x"]),
            _np_relu_grad,
            _torch_backward("threshold_backward", 0.0),
        ),
        _case(
            "leaky_relu_grad",
            (_ELEMENTWISE,),
            _vector,
            lambda a: K.leaky_relu_grad(a["x"]),
            _np_leaky_relu_grad,
            _torch_backward("leaky_relu_backward", 0.01, False),
        ),
        _case(
            "elu_grad", (_ELEMENTWISE,), _vector, lambda a: K.elu_grad(a["x"]), _np_elu_grad, _torch_elu_grad
        ),
        _case(
            "gelu_grad",
            (1_000_000,),  # the NumPy baseline maps math.erf element by element
            _vector,
            lambda a: K.gelu_grad(a["x"]),
            _np_gelu_grad,
            _torch_backward("gelu_backward"),
        ),
        _case("softmax", _ROWS, _logits, lambda a: K.softmax(a["x"]), _np_softmax, _torch_softmax),
        _case(
            "softmax_cross_entropy",
            _ROWS,
            _logits,
            lambda a: K.softmax_cross_entropy(a["x"], a["labels"]),
            _np_ce_loss,
            _torch_ce_loss,
            traffic=lambda a: a["x"].nbytes + a["labels"].nbytes,
        ),
        _case(
            "softmax_cross_entropy_grad",
            _ROWS,
            _logits,
            lambda a: K.softmax_cross_entropy_grad(a["x"], a["labels"]),
            _np_ce_grad,
            _torch_ce_grad,
        ),
        _case(
            "batchnorm_forward",
            _ROWS,
            _batch,
            lambda a: K.batchnorm_forward(a["x"], a["gamma"], a["beta"]),
            _np_batchnorm_forward,
            _torch_batchnorm_forward,
            traffic=_norm_forward_traffic,
        ),
        _case(
            "layernorm_forward",
            _ROWS,
            _batch,
            lambda a: K.layernorm_forward(a["x"], a["gamma"], a["beta"]),
            _np_layernorm_forward,
            _torch_layernorm_forward,
            traffic=_norm_forward_traffic,
        ),
        _case(
            "batchnorm_backward",
            _ROWS,
            _batch,
            lambda a: K.batchnorm_backward(a["dy"], a["x"], a["gamma"]),
            _np_batchnorm,
            _torch_norm_backward("batch"),
            traffic=_norm_backward_traffic,
        ),
        _case(
            "layernorm_backward",
            _ROWS,
            _batch,
            lambda a: K.layernorm_backward(a["dy"], a["x"], a["gamma"]),
            _np_layernorm,
            _torch_norm_backward("layer"),
            traffic=_norm_backward_traffic,
        ),
        _case(
            "attention",
            (1024, 64),
            _qkv,
            lambda a: K.attention(a["Q"], a["K"], a["V"]),
            _np_attention,
            _torch_attention,
            traffic=lambda a: 4 * a["Q"].nbytes,
        ),
        _case(
            "positional_encoding",
            (4096, 512),
            lambda size, dtype, rng: {"size": size, "dtype": dtype},
            lambda a: K.positional_encoding(*a["size"], dtype=a["dtype"]),
            _np_positional_encoding,
            traffic=lambda a: math.prod(a["size"]) * np.dtype(a["dtype"]).itemsize,
        ),
        *(
            Case(o.name, (_ELEMENTWISE,), o.make, o.symdl, o.numpy, o.torch, o.traffic)
            for o in OPTIMISER_CASES
        ),
    )
}
