"""The battery: the inputs every student implementation is run on, kernel by kernel.

A `Case` is one situation (a shape, a scale, a way of making the inputs); it holds
one or more calls (`Arg` tuples in the kernel's argument order), so that a run of
optimiser steps is one case.  Arrays are made in float64 and cast to the dtype under test
by the checker (``Arg.cast``), so the student and the reference see the same numbers.

Every battery follows one plan: an ordinary case first (moderate shape, scale 1), then
scales 10⁻³ and 10³, then the edge shapes (N = 1, D = 1, odd sizes, a third axis), then
the adversarial inputs of that kernel.  Upstream gradients are random normal, never
constant: the gradient of a *sum* through BatchNorm is identically zero, so a constant
upstream gradient would pass a wrong backward pass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

__all__ = ["Arg", "Case"]


@dataclass(frozen=True)
class Arg:
    """One argument of a call: its name, value, and how it was made (for the report)."""

    name: str
    value: Any
    how: str = ""
    cast: bool = False  # a float array that takes the dtype under test
    keyword: bool = False  # passed as name=value


@dataclass(frozen=True)
class Case:
    """One situation of the battery: a short label, its calls, and a note shown if it fails."""

    label: str
    calls: tuple[tuple[Arg, ...], ...]
    note: str = ""
    step_label: Callable[[int], str] | None = field(default=None, compare=False)

    @property
    def args(self) -> tuple[Arg, ...]:
        return self.calls[0]


def _one(label: str, *args: Arg, note: str = "") -> Case:
    return Case(label, (tuple(args),), note)


def _fmt(scale: float) -> str:
    return f"{scale:g}".replace("e+0", "e").replace("e-0", "e-")


def normal(
    rng: np.random.Generator, name: str, shape: tuple[int, ...], scale: float = 1.0, offset: float = 0.0
) -> Arg:
    """``offset + scale·N(0, 1)`` of ``shape``: a non-uniform random array."""
    value = offset + scale * rng.standard_normal(shape)
    how = "N(0,1)" if scale == 1 else f"{_fmt(scale)}·N(0,1)"
    if offset:
        how = f"{_fmt(offset)} + {how}"
    return Arg(name, value, f"{name} = {how}, shape {shape}", cast=True)


def upstream(rng: np.random.Generator, shape: tuple[int, ...], name: str = "dy", scale: float = 1.0) -> Arg:
    arg = normal(rng, name, shape, scale)
    return Arg(name, arg.value, arg.how + " (random, non-uniform)", cast=True)


def scalar(name: str, value: Any, *, keyword: bool = False) -> Arg:
    return Arg(name, value, f"{name} = {value!r}", keyword=keyword)


# -- activations (elementwise) --------------------------------------------------------------------
_SATURATION = (
    "large |x| (saturation): exp of a large number overflows to inf, and inf/inf is NaN; write the "
    "formula so that only exp(−|x|) is needed, or from σ(x) (resp. tanh(x)) itself"
)


def elementwise_cases(rng: np.random.Generator, saturating: list[float]) -> list[Case]:
    """An elementwise derivative: typical values, scales, shapes, and saturated inputs."""
    sat = np.array([s * sign for s in saturating for sign in (1, -1)])
    return [
        _one("typical values", normal(rng, "x", (37,), 2.0)),
        _one("small inputs (scale 1e-3)", normal(rng, "x", (5, 7), 1e-3)),
        _one("large inputs (scale 1e3)", normal(rng, "x", (5, 7), 1e3), note=_SATURATION),
        _one("one element", normal(rng, "x", (1,))),
        _one("three axes", normal(rng, "x", (2, 3, 4))),
        _one(
            "saturated inputs",
            Arg("x", sat, f"x = ±{saturating}, shape {sat.shape}", cast=True),
            note=_SATURATION,
        ),
    ]


def sigmoid_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return elementwise_cases(rng, [5.0, 12.0, 20.0, 40.0, 80.0, 100.0])


def tanh_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return elementwise_cases(rng, [3.0, 8.0, 12.0, 20.0, 40.0, 400.0])


_KINK = (
    "x = 0 exactly (the kink, where the derivative is not defined): the kernel takes the value from the "
    "left, as PyTorch does (relu′(0) = 0, LeakyReLU′(0) = negative_slope, ELU′(0) = α), so the test "
    "is x > 0, not x >= 0"
)
_MASKED_OVERFLOW = (
    "large |x|: exp(x) overflows to inf above x ≈ 88 (float32) or 709 (float64), and a branch picked by "
    "multiplying with a 0/1 mask then gives 0·inf = NaN; pick branches with np.where"
)
_OTHER_PARAMETER = "the parameter here is not the default: use the argument, not a constant"


def _kink(rng: np.random.Generator) -> Arg:
    """Exact zeros of both signs among values very near 0 and ordinary values."""
    near = np.array([0.0, -0.0, 0.0, -0.0, 1e-30, -1e-30, 1e-7, -1e-7])
    x = np.concatenate([near, rng.standard_normal(8)])
    return Arg("x", x, "x = four exact zeros (±0), ±1e-30, ±1e-7 and 8 N(0,1) values, shape (16,)", cast=True)


def kink_cases(
    rng: np.random.Generator, parameter: tuple[str, float] | None = None, large_note: str = ""
) -> list[Case]:
    """A piecewise derivative with a kink at 0: typical values, scales, shapes, x = 0 exactly, and,
    for a kernel with a scalar ``parameter`` (its name and a value other than the default), the
    same with that value passed (the default is left to the function elsewhere)."""
    cases = [
        _one("typical values", normal(rng, "x", (37,), 2.0)),
        _one("small inputs (scale 1e-3)", normal(rng, "x", (5, 7), 1e-3)),
        _one("large inputs (scale 1e3)", normal(rng, "x", (5, 7), 1e3), note=large_note),
        _one("one element", normal(rng, "x", (1,))),
        _one("three axes", normal(rng, "x", (2, 3, 4))),
        _one("x = 0 exactly (the kink)", _kink(rng), note=_KINK),
    ]
    if parameter is not None:
        name, value = parameter
        cases += [
            _one(
                f"{name} = {value}", normal(rng, "x", (12,), 2.0), scalar(name, value), note=_OTHER_PARAMETER
            ),
            _one(f"{name} = {value}, x = 0 exactly", _kink(rng), scalar(name, value), note=_KINK),
        ]
    return cases


def relu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return kink_cases(rng)


def leaky_relu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return kink_cases(rng, ("negative_slope", 0.2))


def elu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    tail = -np.array([5.0, 20.0, 50.0, 100.0, 500.0, 1e4])
    return [
        *kink_cases(rng, ("alpha", 0.5), _MASKED_OVERFLOW),
        _one(
            "very negative x",
            Arg("x", tail, f"x = {tail.tolist()}, shape {tail.shape}", cast=True),
            scalar("alpha", 0.5),
            note="very negative x: α·eˣ underflows to 0 (it is 0 to within the dtype's smallest numbers); "
            "the derivative must be 0 there, not NaN",
        ),
    ]


_GELU_ENDS = (
    "large |x|: GELU′(x) tends to 1 (x → +∞) and to 0 from below (x → −∞); exp(−x²/2) underflows to 0 "
    "and erf to ±1 there, which is fine, but exp(+x²/2) in a denominator overflows and a mask "
    "multiplied by inf gives NaN"
)


def gelu_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    ends = np.array([s * sign for s in (3.0, 5.0, 10.0, 20.0, 40.0, 100.0) for sign in (1, -1)])
    return [
        _one("typical values", normal(rng, "x", (37,), 2.0)),
        _one("small inputs (scale 1e-3)", normal(rng, "x", (5, 7), 1e-3)),
        _one("large inputs (scale 1e3)", normal(rng, "x", (5, 7), 1e3), note=_GELU_ENDS),
        _one("one element", normal(rng, "x", (1,))),
        _one("three axes", normal(rng, "x", (2, 3, 4))),
        _one(
            "very negative and very positive x",
            Arg("x", ends, "x = ±[3, 5, 10, 20, 40, 100], shape (12,)", cast=True),
            note=_GELU_ENDS,
        ),
        _one(
            "near GELU's minimum (x ≈ −0.75)",
            normal(rng, "x", (9,), 0.05, offset=-0.75),
            note="GELU′(x) = Φ(x) + x·φ(x) is 0 near x = −0.752, where GELU has its minimum: both terms "
            "are needed (Φ(x) alone is about 0.23 there)",
        ),
    ]


# -- softmax and cross-entropy --------------------------------------------------------------------
_LARGE_LOGITS = (
    "large logits: exp overflows unless the row maximum is subtracted first (softmax(z) = softmax(z − max z))"
)


def softmax_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    shifted = normal(rng, "z", (6, 9), 3.0).value + 800.0 * rng.choice([-1.0, 1.0], size=(6, 1))
    return [
        _one("typical logits", normal(rng, "z", (5, 7))),
        _one("small logits (scale 1e-3)", normal(rng, "z", (4, 6), 1e-3)),
        _one("large logits (scale 1e3)", normal(rng, "z", (4, 6), 1e3), note=_LARGE_LOGITS),
        _one("one row, one class", normal(rng, "z", (1, 1))),
        _one("one class (D = 1)", normal(rng, "z", (6, 1))),
        _one("a single vector", normal(rng, "z", (11,))),
        _one("three axes", normal(rng, "z", (2, 3, 5))),
        _one(
            "rows shifted by ±800",
            Arg("z", shifted, "z = ±800 + 3·N(0,1) per row, shape (6, 9)", cast=True),
            note=_LARGE_LOGITS,
        ),
    ]


def _labels(rng: np.random.Generator, n: int, c: int) -> Arg:
    return Arg("labels", rng.integers(0, c, size=n), f"labels = random integers in [0, {c}), shape ({n},)")


def cross_entropy_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    confident = normal(rng, "logits", (7, 5)).value
    confident_labels = rng.integers(0, 5, size=7)
    confident[np.arange(7), confident_labels] += 30.0
    cases = []
    for label, shape, scale in (
        ("typical logits", (8, 5), 1.0),
        ("small logits (scale 1e-3)", (6, 4), 1e-3),
        ("large logits (scale 1e3)", (6, 4), 1e3),
        ("one sample (N = 1)", (1, 3), 1.0),
        ("one class (C = 1)", (5, 1), 1.0),
        ("odd sizes", (7, 13), 2.0),
    ):
        note = _LARGE_LOGITS if scale > 1 else ""
        cases.append(_one(label, normal(rng, "logits", shape, scale), _labels(rng, *shape), note=note))
    cases.append(
        _one(
            "logits around 500",
            normal(rng, "logits", (5, 6), 3.0, offset=500.0),
            _labels(rng, 5, 6),
            note=_LARGE_LOGITS,
        )
    )
    cases.append(
        _one(
            "confident, correct predictions",
            Arg("logits", confident, "logits = N(0,1) with +30 on the true class, shape (7, 5)", cast=True),
            Arg("labels", confident_labels, "labels = the boosted classes"),
        )
    )
    return cases


_UNDERFLOWED = (
    "a confident, wrong prediction: softmax(z)[label] underflows to 0 and −log 0 = inf, although the loss "
    "(about 800) is finite; compute log-softmax directly, loss = max z + log Σ exp(z − max z) − z_label"
)


def cross_entropy_loss_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    """The per-row loss: the gradient's battery, and a confident wrong prediction (−log 0)."""
    cases = cross_entropy_cases(rng, dtype)
    wrong = normal(rng, "logits", (6, 5)).value
    wrong_labels = rng.integers(0, 5, size=6)
    boosted = (wrong_labels + rng.integers(1, 5, size=6)) % 5  # never the true class
    wrong[np.arange(6), boosted] += 800.0
    return [
        *cases,
        _one(
            "confident, wrong predictions",
            Arg("logits", wrong, "logits = N(0,1) with +800 on a wrong class, shape (6, 5)", cast=True),
            Arg("labels", wrong_labels, "labels = classes other than the boosted ones"),
            note=_UNDERFLOWED,
        ),
    ]


# -- normalisation --------------------------------------------------------------------------------
def norm_case(
    rng: np.random.Generator,
    label: str,
    shape: tuple[int, ...],
    *,
    scale: float = 1.0,
    offset: float = 0.0,
    eps: float = 1e-5,
    note: str = "",
) -> Case:
    x = normal(rng, "x", shape, scale, offset)
    gamma = normal(rng, "gamma", shape[-1:], 0.5, offset=1.0)
    return _one(label, upstream(rng, shape), x, gamma, scalar("eps", eps), note=note)


_NEAR_CONSTANT = (
    "a nearly constant batch (large mean, small spread): computing the variance as mean(x²) − mean(x)² "
    "cancels catastrophically here; subtract the mean first"
)
_SMALL_SPREAD = "a small spread (variance ≪ ε): this is where the placement of ε matters, √(σ² + ε)"


def batchnorm_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return [
        norm_case(rng, "typical batch", (16, 7)),
        norm_case(rng, "small inputs (scale 1e-3)", (12, 5), scale=1e-3, note=_SMALL_SPREAD),
        norm_case(rng, "large inputs (scale 1e3)", (12, 5), scale=1e3),
        norm_case(rng, "one sample (N = 1)", (1, 4)),
        norm_case(rng, "one feature (D = 1)", (9, 1)),
        norm_case(rng, "odd sizes", (5, 3)),
        norm_case(rng, "eps = 1e-3", (10, 6), eps=1e-3),
        norm_case(rng, "nearly constant batch", (16, 4), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]


def layernorm_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    return [
        norm_case(rng, "typical rows", (6, 16)),
        norm_case(rng, "small inputs (scale 1e-3)", (5, 12), scale=1e-3, note=_SMALL_SPREAD),
        norm_case(rng, "large inputs (scale 1e3)", (5, 12), scale=1e3),
        norm_case(rng, "one row", (1, 5)),
        norm_case(rng, "one feature (D = 1)", (4, 1)),
        norm_case(rng, "odd sizes", (3, 7)),
        norm_case(
            rng,
            "three axes (batch, time, features)",
            (2, 3, 8),
            note="x of shape (batch, time, features): normalise over the last axis (axis=-1) and sum "
            "dγ and dβ over all the other axes",
        ),
        norm_case(rng, "eps = 1e-3", (4, 10), eps=1e-3),
        norm_case(rng, "nearly constant rows", (4, 16), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]


def norm_forward_case(
    rng: np.random.Generator,
    label: str,
    shape: tuple[int, ...],
    *,
    scale: float = 1.0,
    offset: float = 0.0,
    eps: float = 1e-5,
    note: str = "",
) -> Case:
    x = normal(rng, "x", shape, scale, offset)
    gamma = normal(rng, "gamma", shape[-1:], 0.5, offset=1.0)
    beta = normal(rng, "beta", shape[-1:], 0.5)
    return _one(label, x, gamma, beta, scalar("eps", eps), note=note)


_ONE_VALUE = "statistics over one value: its variance is 0, so x̂ = 0/√ε = 0 and y = β"


def batchnorm_forward_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    case = partial(norm_forward_case, rng)
    return [
        case("typical batch", (16, 7)),
        case("small inputs (scale 1e-3)", (12, 5), scale=1e-3, note=_SMALL_SPREAD),
        case("large inputs (scale 1e3)", (12, 5), scale=1e3),
        case("one sample (N = 1)", (1, 4), note=_ONE_VALUE),
        case("two samples (N = 2)", (2, 5), note="N = 2: the unbiased variance is twice the biased one"),
        case("one feature (D = 1)", (9, 1)),
        case("odd sizes", (5, 3)),
        case("eps = 1e-3", (10, 6), eps=1e-3),
        case("nearly constant batch", (16, 4), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]


def layernorm_forward_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    case = partial(norm_forward_case, rng)
    return [
        case("typical rows", (6, 16)),
        case("small inputs (scale 1e-3)", (5, 12), scale=1e-3, note=_SMALL_SPREAD),
        case("large inputs (scale 1e3)", (5, 12), scale=1e3),
        case("one row", (1, 5)),
        case("one feature (D = 1)", (4, 1), note=_ONE_VALUE),
        case("odd sizes", (3, 7)),
        case(
            "three axes (batch, time, features)",
            (2, 3, 8),
            note="x of shape (batch, time, features): normalise over the last axis (axis=-1); mean and "
            "rstd have shape x.shape[:-1] = (batch, time)",
        ),
        case("eps = 1e-3", (4, 10), eps=1e-3),
        case("nearly constant rows", (4, 16), scale=1e-2, offset=100.0, note=_NEAR_CONSTANT),
    ]


# -- optimisers -----------------------------------------------------------------------------------
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
    made = "0" if warmup == 0 else f"after {warmup} steps of {_fmt(grad_scale)}·N(0,1) gradients"
    calls = []
    for k in range(steps):
        grad = grad_scale * rng.standard_normal(shape)
        args = [
            Arg("param", param.copy(), f"param = N(0,1), shape {shape}", cast=True),
            Arg("grad", grad, f"grad = {_fmt(grad_scale)}·N(0,1) (random, non-uniform)", cast=True),
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


# -- sequence models ------------------------------------------------------------------------------
def _state(rng: np.random.Generator, shape: tuple[int, ...], spread: float = 1.0) -> np.ndarray:
    return np.tanh(spread * rng.standard_normal(shape))


def _weights(rng: np.random.Generator, n: int, scale: float = 1.0) -> Arg:
    w = scale * rng.standard_normal((n, n)) / np.sqrt(n)
    return Arg("W_hh", w, f"W_hh = {_fmt(scale)}·N(0,1)/√n, shape ({n}, {n})", cast=True)


_SATURATED = (
    "saturated states (|h| close to 1): 1 − h² is small; h is already tanh of the pre-activation, "
    "so the derivative is 1 − h², not 1 − tanh(h)²"
)


def rnn_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    def h_arg(n: int, spread: float = 1.0, how: str = "") -> Arg:
        return Arg("h", _state(rng, (n,), spread), how or f"h = tanh(N(0,1)), shape ({n},)", cast=True)

    return [
        _one("typical state", h_arg(5), _weights(rng, 5)),
        _one("small weights (scale 1e-3)", h_arg(4), _weights(rng, 4, 1e-3)),
        _one("large weights (scale 1e3)", h_arg(4), _weights(rng, 4, 1e3)),
        _one("one unit (n = 1)", h_arg(1), _weights(rng, 1)),
        _one("odd size", h_arg(7), _weights(rng, 7)),
        _one(
            "saturated states",
            h_arg(6, 4.0, "h = tanh(4·N(0,1)) (mostly near ±1), shape (6,)"),
            _weights(rng, 6),
            note=_SATURATED,
        ),
    ]


def bptt_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    def hs_arg(t: int, n: int, spread: float = 1.0) -> Arg:
        how = f"hs = tanh({_fmt(spread)}·N(0,1)), shape ({t}, {n})"
        return Arg("hs", _state(rng, (t, n), spread), how, cast=True)

    return [
        _one("typical sequence (T = 4)", hs_arg(4, 5), _weights(rng, 5, 1.5)),
        _one("one step (T = 1)", hs_arg(1, 4), _weights(rng, 4)),
        _one("small weights (scale 1e-3)", hs_arg(3, 4), _weights(rng, 4, 1e-3)),
        _one("large weights (scale 1e3)", hs_arg(3, 4), _weights(rng, 4, 1e3)),
        _one("one unit (n = 1)", hs_arg(5, 1), _weights(rng, 1)),
        _one("longer, odd sizes (T = 7, n = 3)", hs_arg(7, 3), _weights(rng, 3, 2.0)),
        _one("saturated states", hs_arg(3, 5, 4.0), _weights(rng, 5, 2.0), note=_SATURATED),
    ]


# -- transformers ---------------------------------------------------------------------------------
def positional_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    def sizes(n: int, d: int, note: str = "") -> Case:
        label = f"{n} position{'s' if n > 1 else ''}, d_model = {d}"
        return _one(label, scalar("n_positions", n), scalar("d_model", d), note=note)

    return [
        sizes(8, 6),
        sizes(1, 4),
        sizes(50, 16),
        sizes(3, 1, "d_model = 1: only the sine column (2i = 0) exists"),
        sizes(7, 5, "odd d_model: the last column is a sine (its index 2i is even)"),
        sizes(1000, 12, "positions up to 999: the largest angles"),
    ]


_LARGE_SCORES = "large scores: exp overflows unless each row's maximum score is subtracted before the softmax"
_CAUSAL = (
    "causal=True: query i sees keys 0..i only (the scores of keys j > i are −∞ before the softmax, so "
    "their weights are exactly 0)"
)
_TOP_LEFT = (
    "T ≠ L with causal=True: the mask is aligned at the top left, as torch's is_causal=True: query i "
    "sees keys 0..i whatever L is (queries i ≥ L see every key); np.triu(np.ones((T, L)), k=1) marks the "
    "hidden scores"
)


def _attention_case(
    rng: np.random.Generator,
    label: str,
    t: int,
    n_keys: int,
    d_k: int,
    d_v: int,
    *,
    scale: float = 1.0,
    causal: bool = False,
    note: str = "",
) -> Case:
    q, k = normal(rng, "Q", (t, d_k), scale), normal(rng, "K", (n_keys, d_k), scale)
    flag = (scalar("causal", True, keyword=True),) if causal else ()
    return _one(label, q, k, normal(rng, "V", (n_keys, d_v)), *flag, note=note)


def attention_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    """One head: self-attention (T = L) and cross-attention (T ≠ L), then the causal mask."""
    case = partial(_attention_case, rng)
    return [
        case("typical self-attention (T = L = 6, d_k = 8)", 6, 6, 8, 5),
        case("small queries and keys (scale 1e-3)", 5, 5, 4, 3, scale=1e-3),
        case("large queries and keys (scale 1e3)", 4, 4, 4, 3, scale=1e3, note=_LARGE_SCORES),
        case("one query (T = 1)", 1, 5, 4, 3),
        case("one key (L = 1)", 4, 1, 3, 2),
        case("d_k = 1", 5, 5, 1, 4),
        case(
            "cross-attention (T = 3 queries, L = 7 keys)",
            3,
            7,
            5,
            2,
            note="Q is (T, d_k) and K is (L, d_k): the scores QKᵀ are T × L, and each row's softmax runs "
            "over its L keys",
        ),
        case("causal self-attention (T = L = 6)", 6, 6, 8, 5, causal=True, note=_CAUSAL),
        case("causal, fewer queries than keys (T = 3, L = 6)", 3, 6, 4, 3, causal=True, note=_TOP_LEFT),
        case("causal, more queries than keys (T = 7, L = 4)", 7, 4, 4, 3, causal=True, note=_TOP_LEFT),
        case("causal, one query (T = 1, L = 4)", 1, 4, 3, 2, causal=True, note=_TOP_LEFT),
        case("causal, large scores (scale 1e3)", 5, 5, 4, 3, scale=1e3, causal=True, note=_LARGE_SCORES),
    ]


# -- initialisation -------------------------------------------------------------------------------
def initialiser_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    seeds = rng.integers(0, 2**31, size=5)

    def fans(fan_in: int, fan_out: int, seed: int, label: str) -> Case:
        return _one(
            label,
            scalar("fan_in", fan_in),
            scalar("fan_out", fan_out),
            Arg("rng", int(seed), f"rng = np.random.default_rng({int(seed)})", keyword=True),
        )

    return [
        fans(400, 150, seeds[0], "400 × 150 (statistics)"),
        fans(60, 1000, seeds[1], "60 × 1000 (statistics)"),
        fans(2000, 30, seeds[2], "2000 × 30 (statistics)"),
        fans(3, 5, seeds[3], "a small matrix"),
        fans(1, 1, seeds[4], "one weight"),
    ]
