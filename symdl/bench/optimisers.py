"""The optimiser steps ``symdl bench`` times, with their NumPy and PyTorch baselines.

Each step updates its state in place, so every implementation gets its own copy of the inputs
(``run`` copies them) and each call is the next step of its own run.  PyTorch's baseline is
its fused CPU step where PyTorch has one for that optimiser and dtype, else ``foreach``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from symdl import kernels as K

__all__ = ["OPTIMISER_CASES", "OptimiserCase"]


@dataclass(frozen=True)
class OptimiserCase:
    name: str
    states: tuple[str, ...]
    symdl: Callable[[dict[str, Any]], Any]
    numpy: Callable[[dict[str, Any]], Any]
    torch_class: str
    torch_kwargs: dict[str, Any]

    def make(self, size: tuple[int, ...], dtype: np.dtype, rng: np.random.Generator) -> dict[str, Any]:
        n = size[0]
        inputs = {"p": rng.standard_normal(n).astype(dtype), "g": rng.standard_normal(n).astype(dtype)}
        inputs["t"] = 1
        inputs.update({s: np.zeros(n, dtype) for s in self.states})
        return inputs

    def traffic(self, a: dict[str, Any]) -> int:
        # the gradient read; the parameter and each state read and written
        return a["g"].nbytes + 2 * a["p"].nbytes * (1 + len(self.states))

    def torch(self, a: dict[str, Any], torch: Any) -> Callable[[], Any]:
        p = torch.nn.Parameter(torch.from_numpy(a["p"].copy()))
        p.grad = torch.from_numpy(a["g"].copy())
        cls = getattr(torch.optim, self.torch_class)
        try:
            opt = cls([p], **self.torch_kwargs, fused=True)
            opt.step()  # a fused step PyTorch lacks for this device or dtype raises here
        except (RuntimeError, ValueError, TypeError):
            opt = cls([p], **self.torch_kwargs, foreach=True)
        return opt.step


def _adam(a):
    a["t"] += 1
    K.adam_step(a["p"], a["g"], a["m"], a["v"], a["t"])


def _np_adam(a, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    # The in-place numpy update a user would write (Algorithm 1).
    a["t"] += 1
    t, m, v = a["t"], a["m"], a["v"]
    m *= b1
    m += (1 - b1) * a["g"]
    v *= b2
    v += (1 - b2) * a["g"] * a["g"]
    a["p"] -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)


def _np_sgd(a, lr=1e-2, momentum=0.9):
    v = a["velocity"]
    v *= momentum
    v += a["g"]
    a["p"] -= lr * v


def _np_adagrad(a, lr=1e-2, eps=1e-10):
    s = a["state_sum"]
    s += a["g"] * a["g"]
    a["p"] -= lr * a["g"] / (np.sqrt(s) + eps)


def _np_rmsprop(a, lr=1e-2, alpha=0.99, eps=1e-8):
    s = a["square_avg"]
    s *= alpha
    s += (1 - alpha) * a["g"] * a["g"]
    a["p"] -= lr * a["g"] / (np.sqrt(s) + eps)


def _np_adadelta(a, lr=1.0, rho=0.9, eps=1e-6):
    s, d, g = a["square_avg"], a["acc_delta"], a["g"]
    s *= rho
    s += (1 - rho) * g * g
    delta = np.sqrt(d + eps) / np.sqrt(s + eps) * g
    d *= rho
    d += (1 - rho) * delta * delta
    a["p"] -= lr * delta


OPTIMISER_CASES = (
    OptimiserCase("adam_step", ("m", "v"), _adam, _np_adam, "Adam", {"lr": 1e-3}),
    OptimiserCase(
        "sgd_momentum_step",
        ("velocity",),
        lambda a: K.sgd_momentum_step(a["p"], a["g"], a["velocity"]),
        _np_sgd,
        "SGD",
        {"lr": 1e-2, "momentum": 0.9},
    ),
    OptimiserCase(
        "adagrad_step",
        ("state_sum",),
        lambda a: K.adagrad_step(a["p"], a["g"], a["state_sum"]),
        _np_adagrad,
        "Adagrad",
        {"lr": 1e-2},
    ),
    OptimiserCase(
        "rmsprop_step",
        ("square_avg",),
        lambda a: K.rmsprop_step(a["p"], a["g"], a["square_avg"]),
        _np_rmsprop,
        "RMSprop",
        {"lr": 1e-2},
    ),
    OptimiserCase(
        "adadelta_step",
        ("square_avg", "acc_delta"),
        lambda a: K.adadelta_step(a["p"], a["g"], a["square_avg"], a["acc_delta"]),
        _np_adadelta,
        "Adadelta",
        {"lr": 1.0},
    ),
)
