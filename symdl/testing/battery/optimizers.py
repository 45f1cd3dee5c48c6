"""Optimiser steps, in place: runs of steps from the states symdl's kernel reached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from symdl.testing.battery._common import Arg, Case, fmt_scale, scalar


@dataclass(frozen=True)
class Optimiser:
    """How to call an in-place optimiser step: ``step(param, grad, *states, [t,] *hyper)``.

    A keyword-only flag (``nesterov=True``) is not a hyperparameter here: a case passes it with
    ``flags`` (see `_optimiser_run`), as ``name=value``.
    """

    kernel: str  # name in symdl.kernels
    states: dict[str, str]  # state arrays (updated in place, start at 0) and what they are
    defaults: dict[str, Any]  # hyperparameters in the kernel's order, at their defaults
    other: dict[str, Any]  # the same, at other values
    counts_steps: bool = True  # takes the 1-based step number t after the states
    small_note: str = ""  # what small gradients reveal


def _optimiser_run(
    rng: np.random.Generator,
    opt: Optimiser,
    label: str,
    shape: tuple[int, ...],
    *,
    grad_scale: float = 1.0,
    warmup: int = 0,
    steps: int = 1,
    t0: int = 1,
    hyper: dict[str, Any] | None = None,
    flags: dict[str, Any] | None = None,
    note: str = "",
) -> Case:
    """``steps`` consecutive optimiser steps, each a call from the state symdl's kernel reached.

    ``warmup`` steps (not checked) first build the states from gradients of the same scale, so
    that they are what they are in training; ``t0`` is the step number of the first checked
    call.  Each checked call starts from the reference state, so an error in one step does
    not carry into the next.  ``flags`` are keyword-only arguments, passed as ``name=value``
    after the hyperparameters.
    """
    import symdl.kernels

    step = partial(getattr(symdl.kernels, opt.kernel), **(flags or {}))
    hyper = opt.defaults if hyper is None else hyper
    param = rng.standard_normal(shape)
    states = {name: np.zeros(shape) for name in opt.states}

    def counter(t: int) -> tuple[int, ...]:
        return (t,) if opt.counts_steps else ()

    for k in range(warmup):
        step(
            param,
            grad_scale * rng.standard_normal(shape),
            *states.values(),
            *counter(t0 - warmup + k),
            *hyper.values(),
        )
    made = "0" if warmup == 0 else f"after {warmup} steps of {fmt_scale(grad_scale)}·N(0,1) gradients"
    calls = []
    for k in range(steps):
        grad = grad_scale * rng.standard_normal(shape)
        args = [
            Arg("param", param.copy(), f"param = N(0,1), shape {shape}", cast=True),
            Arg("grad", grad, f"grad = {fmt_scale(grad_scale)}·N(0,1) (random, non-uniform)", cast=True),
            *(
                Arg(name, v.copy(), f"{name} ({opt.states[name]}) = {made}", cast=True)
                for name, v in states.items()
            ),
            *(scalar("t", t0 + k) for _ in counter(0)),
            *(scalar(name, value) for name, value in hyper.items()),
            *(scalar(name, value, keyword=True) for name, value in (flags or {}).items()),
        ]
        calls.append(tuple(args))
        step(param, grad, *states.values(), *counter(t0 + k), *hyper.values())
    at = (lambda k: f"step t = {t0 + k}") if opt.counts_steps else (lambda k: f"step {k + 1}")
    return Case(label, tuple(calls), note, step_label=at if steps > 1 else None)


def optimiser_cases(rng: np.random.Generator, opt: Optimiser) -> list[Case]:
    """The optimisers' battery: first step, a run of steps, gradient scales, shapes, late steps,
    hyperparameters other than the defaults."""
    run = partial(_optimiser_run, rng, opt)
    other = ", ".join(f"{k} {v}" for k, v in opt.other.items())
    late = "late in training (t = 5000)" if opt.counts_steps else "late in training (after 200 steps)"
    return [
        run("first step (t = 1)" if opt.counts_steps else "first step", (5, 4)),
        run("25 steps, t = 1..25, new gradient each step", (6,), steps=25),
        run("small gradients (scale 1e-3)", (7,), grad_scale=1e-3, warmup=3, t0=4, note=opt.small_note),
        run("tiny gradients (scale 1e-6)", (7,), grad_scale=1e-6, warmup=3, t0=4, note=opt.small_note),
        run("large gradients (scale 1e3)", (3, 3), grad_scale=1e3, warmup=2, t0=3),
        run("one parameter", (1,), warmup=1, t0=2),
        run("three axes", (2, 3, 4), warmup=2, t0=3),
        run(late, (5,), warmup=20 if opt.counts_steps else 200, t0=5000 if opt.counts_steps else 201),
        run(
            f"other hyperparameters ({other})",
            (6,),
            warmup=2,
            t0=3,
            steps=3,
            hyper=opt.other,
            note="the hyperparameters here are not the defaults: use the arguments, not constants",
        ),
    ]


ADAM = Optimiser(
    "adam_step",
    {"m": "first moment", "v": "second moment"},
    {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
    {"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-4},
    small_note="small gradients (small second moments): the update is m̂/(√v̂ + ε) with ε outside the "
    "root; √(v̂ + ε) differs here",
)


def adam_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return optimiser_cases(rng, ADAM)


_NESTEROV = (
    "nesterov=True: v ← μv + g as before, then θ ← θ − lr·(g + μv) with the new v (PyTorch's form of "
    "the look-ahead gradient)"
)

SGD_MOMENTUM = Optimiser(
    "sgd_momentum_step",
    {"velocity": "momentum buffer"},
    {"lr": 1e-2, "momentum": 0.9},
    {"lr": 0.1, "momentum": 0.5},
    counts_steps=False,
)


def sgd_momentum_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    """Heavy ball through the optimisers' plan (nesterov left at its default, False), then
    Nesterov's form: the same kinds of run with ``nesterov=True`` passed as a keyword."""
    run = partial(_optimiser_run, rng, SGD_MOMENTUM, flags={"nesterov": True}, note=_NESTEROV)
    return [
        *optimiser_cases(rng, SGD_MOMENTUM),
        run("Nesterov: first step", (5, 4)),
        run("Nesterov: 25 steps, new gradient each step", (6,), steps=25),
        run("Nesterov: large gradients (scale 1e3)", (3, 3), grad_scale=1e3, warmup=2),
        run(
            "Nesterov: other hyperparameters (lr 0.1, momentum 0.5)",
            (6,),
            warmup=2,
            steps=3,
            hyper=SGD_MOMENTUM.other,
        ),
    ]


_EPS_OUTSIDE = (
    "small gradients (small accumulated squares): the update divides by √s + ε, with ε outside the root; "
    "√(s + ε) differs here"
)

ADAGRAD = Optimiser(
    "adagrad_step",
    {"state_sum": "sum of squared gradients"},
    {"lr": 1e-2, "eps": 1e-10},
    {"lr": 0.1, "eps": 1e-3},
    counts_steps=False,
    small_note=_EPS_OUTSIDE,
)

RMSPROP = Optimiser(
    "rmsprop_step",
    {"square_avg": "running average of squared gradients"},
    {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8},
    {"lr": 1e-3, "alpha": 0.9, "eps": 1e-4},
    counts_steps=False,
    small_note=_EPS_OUTSIDE,
)

ADADELTA = Optimiser(
    "adadelta_step",
    {"square_avg": "running average of squared gradients", "acc_delta": "running average of squared steps"},
    {"lr": 1.0, "rho": 0.9, "eps": 1e-6},
    {"lr": 0.5, "rho": 0.95, "eps": 1e-4},
    counts_steps=False,
    small_note="small gradients (averages comparable to ε): ε is inside both roots, "
    "Δ = √(acc_delta + ε)/√(square_avg + ε)·g",
)


def adagrad_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return optimiser_cases(rng, ADAGRAD)


def rmsprop_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return optimiser_cases(rng, RMSPROP)


def adadelta_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return optimiser_cases(rng, ADADELTA)
