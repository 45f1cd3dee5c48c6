"""Known mistakes in the optimiser steps: Adam, SGD with momentum, Adagrad, RMSprop, Adadelta."""

from __future__ import annotations

import numpy as np

from symdl.testing.mistakes._common import Mistake


def _adam(
    param,
    grad,
    m,
    v,
    t,
    lr,
    beta1,
    beta2,
    eps,
    *,
    correct=(True, True),
    power=True,
    form="alg1",
    shift=0,
    moment2="square",
    sign=1,
):
    m[...] = beta1 * m + (1 - beta1) * grad
    v[...] = beta2 * v + (1 - beta2) * {"square": grad * grad, "abs": np.abs(grad), "plain": grad}[moment2]
    t = t + shift
    c1 = (1 - beta1**t if power else 1 - beta1) if correct[0] else 1.0
    c2 = (1 - beta2**t if power else 1 - beta2) if correct[1] else 1.0
    lr = sign * lr
    if form == "eps_inside":
        param -= lr * (m / c1) / np.sqrt(v / c2 + eps)
    elif form == "efficient":
        param -= lr * np.sqrt(c2) / c1 * m / (np.sqrt(v) + eps)
    else:
        param -= lr * (m / c1) / (np.sqrt(v / c2) + eps)


_NOT_SQUARED = (
    "v from the gradient, not its square",
    "v is the running mean of the squared gradient: v ← β₂·v + (1 − β₂)·g².",
)
_OFF_BY_ONE = (
    "the bias correction with the step number off by one (βᵗ⁻¹ or βᵗ⁺¹)",
    "t is the 1-based number of this step: at the first step t = 1 and the corrections are 1 − β₁ and "
    "1 − β₂. Count from 1, and increment before you correct.",
)


def _adam_swapped(param, grad, m, v, t, lr, beta1, beta2, eps):
    _adam(param, grad, m, v, t, lr, beta2, beta1, eps)


ADAM_STEP = (
    Mistake(
        "Adam without bias correction (m and v used as they are)",
        "m and v start at 0, so early on they are biased towards 0: divide by (1 − β₁ᵗ) and (1 − β₂ᵗ), "
        "m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), before the update.",
        lambda *a: _adam(*a, correct=(False, False)),
    ),
    Mistake(
        "only m bias-corrected (v̂ = v)",
        "correct both moments: v̂ = v/(1 − β₂ᵗ) as well as m̂ = m/(1 − β₁ᵗ).",
        lambda *a: _adam(*a, correct=(True, False)),
    ),
    Mistake(
        "bias correction with β instead of βᵗ",
        "the correction divides by 1 − β₁ᵗ and 1 − β₂ᵗ, with t the 1-based step number (β to the power t).",
        lambda *a: _adam(*a, power=False),
    ),
    Mistake(*_OFF_BY_ONE, lambda *a: _adam(*a, shift=-1)),
    Mistake(*_OFF_BY_ONE, lambda *a: _adam(*a, shift=1)),
    Mistake(
        "ε inside the square root, √(v̂ + ε)",
        "Algorithm 1 (and torch.optim.Adam) divides by √v̂ + ε: ε outside the square root. Inside, it "
        "changes the step whenever v̂ is small.",
        lambda *a: _adam(*a, form="eps_inside"),
    ),
    Mistake(
        "the 'efficient' form, lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε), with ε not rescaled",
        "that form equals Algorithm 1 only with ε̂ = ε·√(1 − β₂ᵗ) (Keras's epsilon); the kernel computes "
        "θ − lr·m̂/(√v̂ + ε).",
        lambda *a: _adam(*a, form="efficient"),
    ),
    Mistake(*_NOT_SQUARED, lambda *a: _adam(*a, moment2="plain")),
    Mistake(*_NOT_SQUARED, lambda *a: _adam(*a, moment2="abs")),
    Mistake(
        "the update added to param instead of subtracted",
        "gradient descent steps against the gradient: param ← param − lr·m̂/(√v̂ + ε).",
        lambda *a: _adam(*a, sign=-1),
    ),
    Mistake(
        "β₁ and β₂ swapped",
        "m (the mean of the gradients) uses β₁ = 0.9 by default, v (the mean of their squares) β₂ = 0.999.",
        _adam_swapped,
    ),
)


def _sgd(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False, fault=""):
    """SGD with momentum as PyTorch computes it, or with one ``fault``."""
    old = velocity.copy()
    if fault == "note form":  # the note's buffer: v ← μv − lr·g, θ ← θ + v (or + μv − lr·g)
        velocity[...] = momentum * velocity - lr * grad
        param += momentum * velocity - lr * grad if nesterov else velocity
        return
    keep = 1 - momentum if fault == "average" else 1.0
    velocity[...] = momentum * velocity + keep * grad
    if nesterov and fault != "nesterov ignored":
        step = grad + momentum * velocity
    else:
        step = old if fault == "old velocity" else velocity
    if fault == "ascent":
        param += lr * step
    else:
        param -= lr * step


SGD_MOMENTUM_STEP = (
    Mistake(
        "the note's form v ← μv − lr·g, θ ← θ + v (lr inside the buffer)",
        "the kernel keeps PyTorch's buffer: v ← μv + g, then θ ← θ − lr·v. The note's form moves θ the "
        "same way only with its v equal to −lr times this buffer; the velocity you are given, and must "
        "update, is PyTorch's.",
        lambda *a, **k: _sgd(*a, **k, fault="note form"),
    ),
    Mistake(
        "the step added to param (θ ← θ + lr·v): gradient ascent",
        "descent moves against the gradient: θ ← θ − lr·v.",
        lambda *a, **k: _sgd(*a, **k, fault="ascent"),
    ),
    Mistake(
        "param stepped with the old velocity (v updated after θ)",
        "update the buffer first, v ← μv + g, then step with the new v: θ ← θ − lr·v. (At the first step "
        "v = 0, so the old one does not move θ at all.)",
        lambda *a, **k: _sgd(*a, **k, fault="old velocity"),
    ),
    Mistake(
        "an exponential average v ← μv + (1 − μ)g (dampening)",
        "PyTorch's SGD adds the whole gradient to the buffer, v ← μv + g (dampening 0); the factor "
        "(1 − μ) makes every step 1/(1 − μ) times smaller.",
        lambda *a, **k: _sgd(*a, **k, fault="average"),
    ),
    Mistake(
        "nesterov=True ignored, or its look-ahead taken with the old velocity (both the heavy-ball step)",
        "with nesterov=True the step uses the look-ahead gradient: θ ← θ − lr·(g + μv) with v the new "
        "buffer, v ← μv + g. With the old buffer, g + μv is exactly the heavy-ball step again.",
        lambda *a, **k: _sgd(*a, **k, fault="nesterov ignored"),
    ),
)


def _adaptive(param, grad, acc, lr, eps, *, rate=None, fault=""):
    """Adagrad (``rate`` None: acc ← acc + g²) or RMSprop (acc ← rate·acc + (1 − rate)·g²), then
    θ ← θ − lr·g/(√acc + ε); or with one ``fault``."""
    old = acc.copy()
    if rate is None:
        acc += grad * grad
    elif fault == "no 1 - rate":
        acc[...] = rate * acc + grad * grad
    elif fault == "swapped":
        acc[...] = (1 - rate) * acc + rate * grad * grad
    else:
        acc[...] = rate * acc + (1 - rate) * grad * grad
    used = old if fault == "old" else acc
    if fault == "eps inside":
        param -= lr * grad / np.sqrt(used + eps)
    elif fault == "no root":
        param -= lr * grad / (used + eps)
    else:
        param -= lr * grad / (np.sqrt(used) + eps)


_ROOT_EPS = (
    "ε inside the square root, √(s + ε)",
    "PyTorch divides by √s + ε, with ε outside the square root; √(s + ε) differs wherever s is not "
    "much larger than ε (small gradients).",
)


def _old_sum(name):
    return (
        f"the step taken with the old {name} (updated after θ)",
        f"update {name} with this step's g² first, then divide by its square root: at the first step the "
        f"old {name} is 0 and the step becomes lr·g/ε.",
    )


ADAGRAD_STEP = (
    Mistake(*_ROOT_EPS, lambda p, g, s, lr=1e-2, eps=1e-10: _adaptive(p, g, s, lr, eps, fault="eps inside")),
    Mistake(
        *_old_sum("state_sum"), lambda p, g, s, lr=1e-2, eps=1e-10: _adaptive(p, g, s, lr, eps, fault="old")
    ),
    Mistake(
        "no square root: lr·g/(s + ε)",
        "Adagrad divides by the root of the summed squares, θ ← θ − lr·g/(√s + ε), so the step is "
        "scale-free in g.",
        lambda p, g, s, lr=1e-2, eps=1e-10: _adaptive(p, g, s, lr, eps, fault="no root"),
    ),
)


def _rms(fault):
    return lambda p, g, a, lr=1e-2, alpha=0.99, eps=1e-8: _adaptive(p, g, a, lr, eps, rate=alpha, fault=fault)


RMSPROP_STEP = (
    Mistake(
        "square_avg ← α·square_avg + g² (the (1 − α) left out)",
        "the running average weights the new square by 1 − α: a ← αa + (1 − α)g².",
        _rms("no 1 - rate"),
    ),
    Mistake(
        "α and 1 − α swapped: a ← (1 − α)a + αg²",
        "α = 0.99 is the weight of the old average: a ← αa + (1 − α)g².",
        _rms("swapped"),
    ),
    Mistake(*_ROOT_EPS, _rms("eps inside")),
    Mistake(*_old_sum("square_avg"), _rms("old")),
)


def _adadelta(param, grad, a, d, lr=1.0, rho=0.9, eps=1e-6, *, fault=""):
    old_a = a.copy()
    a[...] = rho * a + (1 - rho) * grad * grad
    denominator = np.sqrt((old_a if fault == "old square_avg" else a) + eps)
    numerator = np.sqrt(d) if fault == "eps below only" else np.sqrt(d + eps)
    delta = numerator / denominator * grad
    d[...] = rho * d + (1 - rho) * delta * delta
    if fault == "new acc_delta":
        delta = np.sqrt(d + eps) / denominator * grad
    param -= (1.0 if fault == "lr ignored" else lr) * delta


ADADELTA_STEP = (
    Mistake(
        "the step recomputed with the updated acc_delta",
        "Δ = √(d + ε)/√(a + ε)·g uses acc_delta from before this step; update d ← ρd + (1 − ρ)Δ² with "
        "that Δ, and step θ ← θ − lr·Δ with the same Δ.",
        lambda *a, **k: _adadelta(*a, **k, fault="new acc_delta"),
    ),
    Mistake(
        "ε only in the denominator, Δ = √d/√(a + ε)·g (nothing moves at first)",
        "ε goes inside both roots, Δ = √(d + ε)/√(a + ε)·g: acc_delta starts at 0, and without ε in the "
        "numerator every Δ, and so every later acc_delta, stays 0.",
        lambda *a, **k: _adadelta(*a, **k, fault="eps below only"),
    ),
    Mistake(
        "Δ from the old square_avg (updated after Δ)",
        "update square_avg ← ρa + (1 − ρ)g² first, and divide by √(that + ε).",
        lambda *a, **k: _adadelta(*a, **k, fault="old square_avg"),
    ),
    Mistake(
        "lr ignored (Zeiler's Adadelta has no learning rate)",
        "PyTorch's Adadelta scales the step by lr (default 1.0, which is Zeiler's method): θ ← θ − lr·Δ.",
        lambda *a, **k: _adadelta(*a, **k, fault="lr ignored"),
    ),
)
