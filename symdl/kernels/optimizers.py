"""Optimiser steps, in place: Adam, SGD with momentum (heavy-ball and Nesterov), Adagrad,
RMSprop and Adadelta -- each what the ``torch.optim`` class of that name computes with its
defaults (no weight decay, no centring, no maximisation).

Every step checks all its arguments before it writes anything, computes in float64 from the
gradient as given, and rounds once when it stores the state in its own dtype.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from symdl import _args
from symdl.kernels._launch import loop_kernel as _loop_kernel

__all__ = ["adadelta_step", "adagrad_step", "adam_step", "rmsprop_step", "sgd_momentum_step"]


def _state(param: Any, grad: Any, **state: Any) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """Checked ``param`` and state arrays (writeable, one dtype and shape, no shared memory) and
    ``grad`` as a flat C-contiguous array in the dtype the step computes from."""
    p = _args.writable_state(param, "param")
    arrays = {name: _args.writable_state(arr, name) for name, arr in state.items()}
    for name, arr in arrays.items():
        _args.same_shape(arr, name, p.shape, "param")
        if arr.dtype != p.dtype:
            raise TypeError(f"{name} must have param's dtype {p.dtype}; got {arr.dtype}")
    g_given = _args.as_array(grad, "grad")
    g = _args.float_array(g_given, "grad")
    _args.same_shape(g, "grad", p.shape, "param")
    _args.distinct({"param": p, **arrays}, {"grad": g_given})
    flat = _args.contiguous(g, _args.common_dtype(g, p)).reshape(-1)
    return flat, p.reshape(-1), [arr.reshape(-1) for arr in arrays.values()]


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
    g, p, (m_flat, v_flat) = _state(param, grad, m=m, v=v)
    step = _args.positive_int(t, "t", minimum=1, maximum=ADAM_MAX_T)
    lr_v = _args.real_scalar(lr, "lr", low=0.0)
    b1 = _args.real_scalar(beta1, "beta1", low=0.0, high=1.0, high_open=True)
    b2 = _args.real_scalar(beta2, "beta2", low=0.0, high=1.0, high_open=True)
    eps_v = _args.real_scalar(eps, "eps", low=0.0, low_open=True)
    kernel, threads = _loop_kernel("adam_step", p.size)
    kernel(g, step, lr_v, b1, b2, eps_v, p, m_flat, v_flat, threads)


def sgd_momentum_step(
    param: np.ndarray,
    grad: Any,
    velocity: np.ndarray,
    lr: float = 1e-2,
    momentum: float = 0.9,
    *,
    nesterov: bool = False,
) -> None:
    """One step of SGD with momentum, updating ``param`` and ``velocity`` in place.

    v ← μv + g; θ ← θ − lr·v (heavy ball), or with ``nesterov=True`` θ ← θ − lr·(g + μv) with
    the new v -- what ``torch.optim.SGD(momentum=μ, nesterov=...)`` computes, with v = 0 before
    the first step.  Records ``momentum_forms_agree`` (this form and the note's v ← μv − ηg,
    θ ← θ + v give the same parameters) and ``nesterov_torch_form`` (the look-ahead form).
    ``momentum`` is in [0, 1); Nesterov needs it > 0, as PyTorch.

    >>> p, v = np.array([1.0]), np.array([0.0])
    >>> for _ in range(2):
    ...     sgd_momentum_step(p, [1.0], v, lr=0.1, momentum=0.5)
    >>> p.round(12).tolist(), v.tolist()
    ([0.75], [1.5])
    """
    if not isinstance(nesterov, bool | np.bool_):
        raise TypeError(f"nesterov must be True or False; got {type(nesterov).__name__}")
    g, p, (v,) = _state(param, grad, velocity=velocity)
    lr_v = _args.real_scalar(lr, "lr", low=0.0)
    mu = _args.real_scalar(momentum, "momentum", low=0.0, high=1.0, high_open=True)
    if nesterov and mu == 0.0:
        raise ValueError("momentum must be > 0 with nesterov=True (with 0 it is plain SGD)")
    kernel, threads = _loop_kernel("sgd_nesterov_step" if nesterov else "sgd_momentum_step", p.size)
    kernel(g, lr_v, mu, p, v, threads)


def adagrad_step(
    param: np.ndarray, grad: Any, state_sum: np.ndarray, lr: float = 1e-2, eps: float = 1e-10
) -> None:
    """One Adagrad step, updating ``param`` and ``state_sum`` in place.

    s ← s + g²; θ ← θ − lr·g/(√s + ε), as ``torch.optim.Adagrad`` (no learning-rate decay,
    s = 0 before the first step).  Record ``adagrad_accumulates_squares``: s is the sum of
    every squared gradient so far, so the steps only shrink.  ``eps`` must be > 0 (with 0 a
    parameter whose gradients have all been 0 gets 0/0).

    >>> p, s = np.array([1.0]), np.array([0.0])
    >>> adagrad_step(p, [2.0], s, lr=0.1, eps=1e-10); s.tolist()
    [4.0]
    """
    g, p, (s,) = _state(param, grad, state_sum=state_sum)
    lr_v = _args.real_scalar(lr, "lr", low=0.0)
    eps_v = _args.real_scalar(eps, "eps", low=0.0, low_open=True)
    kernel, threads = _loop_kernel("adagrad_step", p.size)
    kernel(g, lr_v, eps_v, p, s, threads)


def rmsprop_step(
    param: np.ndarray,
    grad: Any,
    square_avg: np.ndarray,
    lr: float = 1e-2,
    alpha: float = 0.99,
    eps: float = 1e-8,
) -> None:
    """One RMSprop step, updating ``param`` and ``square_avg`` in place.

    a ← αa + (1 − α)g²; θ ← θ − lr·g/(√a + ε), as ``torch.optim.RMSprop`` (not centred, no
    momentum, a = 0 before the first step).  Record ``rmsprop_exponential_average``: a is an
    exponentially weighted sum of the squared gradients.  ``alpha`` is in [0, 1]; ``eps``
    must be > 0.

    >>> p, a = np.array([1.0]), np.array([0.0])
    >>> rmsprop_step(p, [2.0], a, lr=0.1, alpha=0.75); a.tolist()
    [1.0]
    """
    g, p, (a,) = _state(param, grad, square_avg=square_avg)
    lr_v = _args.real_scalar(lr, "lr", low=0.0)
    alpha_v = _args.real_scalar(alpha, "alpha", low=0.0, high=1.0)
    eps_v = _args.real_scalar(eps, "eps", low=0.0, low_open=True)
    kernel, threads = _loop_kernel("rmsprop_step", p.size)
    kernel(g, lr_v, alpha_v, eps_v, p, a, threads)


def adadelta_step(
    param: np.ndarray,
    grad: Any,
    square_avg: np.ndarray,
    acc_delta: np.ndarray,
    lr: float = 1.0,
    rho: float = 0.9,
    eps: float = 1e-6,
) -> None:
    """One Adadelta step, updating ``param``, ``square_avg`` and ``acc_delta`` in place.

    a ← ρa + (1 − ρ)g²; Δ = √(d + ε)/√(a + ε)·g; d ← ρd + (1 − ρ)Δ²; θ ← θ − lr·Δ, as
    ``torch.optim.Adadelta`` (a = d = 0 before the first step; lr = 1 is Zeiler's method, with
    no learning rate).  Record ``adadelta_update``.  ``rho`` is in [0, 1]; ``eps`` must be > 0.

    >>> p, a, d = np.array([1.0]), np.array([0.0]), np.array([0.0])
    >>> adadelta_step(p, [1.0], a, d, rho=0.0, eps=1.0); a.tolist(), d.tolist()
    ([1.0], [0.5])
    """
    g, p, (a, d) = _state(param, grad, square_avg=square_avg, acc_delta=acc_delta)
    lr_v = _args.real_scalar(lr, "lr", low=0.0)
    rho_v = _args.real_scalar(rho, "rho", low=0.0, high=1.0)
    eps_v = _args.real_scalar(eps, "eps", low=0.0, low_open=True)
    kernel, threads = _loop_kernel("adadelta_step", p.size)
    kernel(g, lr_v, rho_v, eps_v, p, a, d, threads)
