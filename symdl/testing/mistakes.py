"""Known wrong variants of each kernel, and what to tell a student whose result matches one.

A `Mistake` is a small numpy function with the kernel's signature that computes a
*wrong* formula on purpose (the unbiased variance, a missing 1/N, no max-shift, …) and the
hint shown when a failing student's output agrees with it.  The checker runs every mistake
of the kernel on the first failing input, in float64 and in the dtype under test (so an
overflow the student hit is reproduced), and reports the ones the student's output matches.

For the random initialisers a mistake is a wrong *distribution* (`WrongDistribution`),
matched by the same statistical tests as the right one (see `symdl.testing.statistics`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Mistake", "WrongDistribution"]


@dataclass(frozen=True)
class Mistake:
    label: str  # "the unbiased variance (1/(N − 1))"
    hint: str  # what to change, in the student's terms
    fn: Callable[..., Any]


@dataclass(frozen=True)
class WrongDistribution:
    label: str
    hint: str
    family: str  # "uniform", "normal" or "truncated normal" (at ±2 standard deviations)
    variance: Callable[[int, int], float]  # of (fan_in, fan_out)
    centre: float = 0.0  # the mean, in units of the half-width a of a uniform distribution


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _softmax_rows(z, axis=-1, shift=True, whole=False):
    """Softmax along ``axis``; ``shift=False``: no max-shift; ``whole``: one maximum for the array."""
    top = z.max() if whole else z.max(axis=axis, keepdims=True)
    e = np.exp(z - top) if shift else np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


_WHOLE_MAX = (
    "softmax shifted by the maximum of the whole array, not of each row",
    "Each row needs its own maximum: z.max(axis=-1, keepdims=True). With one maximum for all rows, a row "
    "far below it underflows to 0/0 = NaN.",
)


# -- activations ----------------------------------------------------------------------------------
SIGMOID_GRAD = (
    Mistake(
        "σ′ computed from σ(x) as if x were already σ(x): x(1 − x)",
        "x is the pre-activation; compute s = σ(x) first, then s(1 − s). The form s(1 − s) "
        "takes the activation, the kernel takes x.",
        lambda x: x * (1 - x),
    ),
    Mistake(
        "σ(x) itself (the forward pass, not its derivative)",
        "you returned σ(x); the kernel returns its derivative σ′(x) = σ(x)(1 − σ(x)).",
        _sigmoid,
    ),
    Mistake(
        "1 − σ(x)² (the tanh rule applied to σ)",
        "1 − f² is the derivative of tanh, not of σ; σ′ = σ(1 − σ).",
        lambda x: 1 - _sigmoid(x) ** 2,
    ),
)

TANH_GRAD = (
    Mistake(
        "1 − x², as if x were already tanh(x)",
        "x is the pre-activation: tanh′(x) = 1 − tanh(x)², so take tanh first. 1 − h² is the "
        "form for the activation h = tanh(x) (as in the RNN Jacobian).",
        lambda x: 1 - x * x,
    ),
    Mistake(
        "1 − tanh(x) (the square is missing)",
        "tanh′(x) = 1 − tanh(x)²: square tanh(x) before subtracting it from 1.",
        lambda x: 1 - np.tanh(x),
    ),
    Mistake(
        "tanh(x) itself (the forward pass, not its derivative)",
        "you returned tanh(x); the kernel returns tanh′(x) = 1 − tanh²(x).",
        np.tanh,
    ),
    Mistake(
        "sech(x) = 1/cosh(x) (the square is missing)",
        "tanh′(x) = sech²(x) = 1/cosh²(x): square it.",
        lambda x: 1 / np.cosh(x),
    ),
)

_KINK_FROM_THE_LEFT = (
    "the derivative is not defined at the kink x = 0; the kernel, like PyTorch, takes the value from the "
    "left there, so the test for the right-hand branch is x > 0, not x >= 0."
)

RELU_GRAD = (
    Mistake(
        "relu′(0) = 1 (x >= 0 instead of x > 0)",
        "relu′(0) = 0: " + _KINK_FROM_THE_LEFT,
        lambda x: (x >= 0).astype(np.float64),
    ),
    Mistake(
        "relu′(0) = 1/2 (np.heaviside(x, 0.5))",
        "np.heaviside's second argument is its value at 0, and the kernel's is 0 (as PyTorch's): "
        "np.heaviside(x, 0.0), or (x > 0).",
        lambda x: np.heaviside(x, 0.5),
    ),
    Mistake(
        "relu(x) itself (the forward pass, not its derivative)",
        "you returned max(0, x); its derivative is 1 where x > 0 and 0 elsewhere.",
        lambda x: np.maximum(x, 0.0),
    ),
)

LEAKY_RELU_GRAD = (
    Mistake(
        "LeakyReLU′(0) = 1 (x >= 0 instead of x > 0)",
        "LeakyReLU′(0) = negative_slope: " + _KINK_FROM_THE_LEFT,
        lambda x, negative_slope=0.01: np.where(x >= 0, 1.0, negative_slope),
    ),
    Mistake(
        "0 for x < 0 (the ReLU derivative: the negative slope left out)",
        "Leaky ReLU is negative_slope·x for x ≤ 0, so its derivative there is negative_slope, not 0.",
        lambda x, negative_slope=0.01: (x > 0).astype(np.float64),
    ),
    Mistake(
        "a fixed slope of 0.01 (the negative_slope argument ignored)",
        "use the negative_slope you are given; 0.01 is only its default.",
        lambda x, negative_slope=0.01: np.where(x > 0, 1.0, 0.01),
    ),
    Mistake(
        "LeakyReLU(x) itself (the forward pass, not its derivative)",
        "you returned the activation (x, or negative_slope·x); its derivative is 1 or negative_slope.",
        lambda x, negative_slope=0.01: np.where(x > 0, x, negative_slope * x),
    ),
)


def _elu_branches(x, alpha, negative):
    with np.errstate(over="ignore"):
        return np.where(x > 0, 1.0, negative(np.exp(np.minimum(x, 0.0)), alpha))


ELU_GRAD = (
    Mistake(
        "ELU′(0) = 1 (x >= 0 instead of x > 0)",
        "ELU′(0) = α·e⁰ = α: " + _KINK_FROM_THE_LEFT + " With α = 1 the two agree.",
        lambda x, alpha=1.0: np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0))),
    ),
    Mistake(
        "eˣ for x ≤ 0 (α left out)",
        "ELU(x) = α(eˣ − 1) for x ≤ 0, so its derivative there is α·eˣ.",
        lambda x, alpha=1.0: _elu_branches(x, alpha, lambda e, a: e),
    ),
    Mistake(
        "α(eˣ − 1) for x ≤ 0 (the forward value, not its derivative)",
        "the derivative of α(eˣ − 1) is α·eˣ: the −1 is a constant and goes.",
        lambda x, alpha=1.0: _elu_branches(x, alpha, lambda e, a: a * (e - 1)),
    ),
    Mistake(
        "branches picked by multiplying with 0/1 masks (0·inf = NaN where exp overflows)",
        "(x > 0) + (x <= 0)·α·exp(x) evaluates exp(x) for every x, and for large x it is inf, so the "
        "mask gives 0·inf = NaN. Pick the branches with np.where (and exp(np.minimum(x, 0)) avoids the "
        "overflow warning too).",
        lambda x, alpha=1.0: (x > 0) + (x <= 0) * (alpha * np.exp(x)),
    ),
)

_erf = np.vectorize(math.erf, otypes=[np.float64])


def _normal_pdf(x):
    return np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def _gelu_tanh_grad(x):
    c, a = math.sqrt(2 / math.pi), 0.044715
    t = np.tanh(c * (x + a * x**3))
    return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * a * x * x)


def _gelu_sigmoid_grad(x):
    s = 1 / (1 + np.exp(-1.702 * x))
    return s + 1.702 * x * s * (1 - s)


_EXACT_GELU = (
    "The kernel differentiates the exact GELU(x) = x·Φ(x), Φ(x) = (1 + erf(x/√2))/2: "
    "GELU′(x) = Φ(x) + x·φ(x) with φ(x) = exp(−x²/2)/√(2π)."
)

GELU_GRAD = (
    Mistake(
        "the derivative of GELU's tanh approximation",
        "0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))) approximates GELU to about 10⁻³ (PyTorch's "
        "approximate='tanh'). " + _EXACT_GELU,
        _gelu_tanh_grad,
    ),
    Mistake(
        "the derivative of GELU's sigmoid approximation x·σ(1.702x)",
        "x·σ(1.702x) approximates GELU to about 2·10⁻²; it is not the function differentiated here. "
        + _EXACT_GELU,
        _gelu_sigmoid_grad,
    ),
    Mistake(
        "Φ(x) alone (the product rule's x·φ(x) left out)",
        "GELU(x) = x·Φ(x) is a product, so GELU′(x) = Φ(x) + x·Φ′(x) = Φ(x) + x·φ(x).",
        lambda x: 0.5 * (1 + _erf(x / math.sqrt(2))),
    ),
    Mistake(
        "Φ(x) as (1 + erf(x))/2 (the 1/√2 inside erf left out)",
        "the standard normal CDF is Φ(x) = (1 + erf(x/√2))/2; erf(x) alone is the CDF of N(0, 1/2).",
        lambda x: 0.5 * (1 + _erf(x)) + x * _normal_pdf(x),
    ),
)

# -- softmax and cross-entropy --------------------------------------------------------------------
SOFTMAX = (
    Mistake(
        "softmax without subtracting the row maximum (exp overflows for large logits)",
        "Without the shift, exp(z) overflows to inf for logits above ~88 (float32) or ~709 (float64), "
        "and inf/inf is NaN. "
        "Subtract each row's maximum first: softmax(z) = softmax(z − max z), so the largest term is "
        "exp(0) = 1.",
        lambda z: _softmax_rows(z, shift=False),
    ),
    Mistake(
        "softmax normalised over the wrong axis (the columns, axis 0)",
        "each row (the last axis) is one distribution: take max and sum with axis=-1, keepdims=True.",
        lambda z: _softmax_rows(z, axis=0),
    ),
    Mistake(*_WHOLE_MAX, lambda z: _softmax_rows(z, whole=True)),
    Mistake(
        "log-softmax instead of softmax",
        "you returned log p = z − logsumexp(z); softmax returns p = exp(z − max z)/Σ exp(z − max z).",
        lambda z: np.log(_softmax_rows(z)),
    ),
    Mistake(
        "the exponentials, not divided by their sum",
        "divide exp(z − max z) by its sum over the row, so that each row sums to 1.",
        lambda z: np.exp(z - z.max(axis=-1, keepdims=True)),
    ),
)


def _onehot(labels, like):
    out = np.zeros_like(like)
    out[np.arange(like.shape[0]), labels] = 1
    return out


CROSS_ENTROPY_GRAD = (
    Mistake(
        "the gradient of the mean loss (divided by N), not of the summed loss",
        "this kernel is ∂/∂logits of the *sum* over the batch, softmax − onehot per row; the 1/N of a "
        "mean loss is applied outside (a mean instead of a sum).",
        lambda z, y: (_softmax_rows(z) - _onehot(y, z)) / z.shape[0],
    ),
    Mistake(
        "onehot − softmax (the sign is flipped)",
        "the loss is −log p_label, so its gradient is p − onehot, positive off the true class.",
        lambda z, y: _onehot(y, z) - _softmax_rows(z),
    ),
    Mistake(
        "softmax alone (the one-hot labels were not subtracted)",
        "subtract 1 at each row's true class: ∂L/∂z = softmax(z) − onehot(label).",
        lambda z, y: _softmax_rows(z),
    ),
    Mistake(
        "softmax without subtracting the row maximum (exp overflows for large logits)",
        "Without the shift, exp(z) overflows to inf for large logits and inf/inf is NaN: subtract each "
        "row's maximum before exp.",
        lambda z, y: _softmax_rows(z, shift=False) - _onehot(y, z),
    ),
    Mistake(*_WHOLE_MAX, lambda z, y: _softmax_rows(z, whole=True) - _onehot(y, z)),
    Mistake(
        "softmax over the wrong axis (the batch, axis 0)",
        "each row is one sample's distribution over the classes: normalise over axis=1 (the classes).",
        lambda z, y: _softmax_rows(z, axis=0) - _onehot(y, z),
    ),
)


def _picked(z, labels):
    return z[np.arange(z.shape[0]), labels]


def _log_sum_exp(z, *, shift=True, add_back=True):
    top = z.max(axis=1, keepdims=True) if shift else np.zeros_like(z[:, :1])
    out = np.log(np.exp(z - top).sum(axis=1, keepdims=True)) + (top if add_back else 0.0)
    return out[:, 0]


_CLIPPED = (
    "−log(p + ε) or −log(clip(p, ε, 1)) (a small constant keeps the log finite but caps the loss)",
    "the constant hides inf but changes the loss: wherever softmax(z)[label] underflows, the loss becomes "
    "−log ε instead of its true value. Compute log-softmax directly: "
    "loss = max z + log Σ exp(z − max z) − z_label, finite for any finite logits.",
)


def _clipped(z, labels, eps):
    return -np.log(_picked(_softmax_rows(z), labels) + eps)


CROSS_ENTROPY_LOSS = (
    Mistake(
        "log Σ exp(z) without subtracting the row maximum (exp overflows for large logits)",
        "exp(z) overflows to inf for logits above ~88 (float32) or ~709 (float64). Shift first: "
        "log Σ exp(z) = m + log Σ exp(z − m) with m the row maximum.",
        lambda z, y: _log_sum_exp(z, shift=False) - _picked(z, y),
    ),
    Mistake(
        "the row maximum subtracted but not added back (log Σ exp(z − m) − z_label)",
        "log Σ exp(z) = m + log Σ exp(z − m): after the log of the shifted sum, add the maximum m back.",
        lambda z, y: _log_sum_exp(z, add_back=False) - _picked(z, y),
    ),
    Mistake(
        "−log of the softmax probability (−log 0 = inf where it underflows)",
        "for a confident wrong prediction softmax(z)[label] underflows to 0 and −log 0 = inf, although "
        "the loss is finite. Compute log-softmax directly: loss = max z + log Σ exp(z − max z) − z_label.",
        lambda z, y: -np.log(_picked(_softmax_rows(z), y)),
    ),
    *(Mistake(*_CLIPPED, lambda z, y, eps=eps: _clipped(z, y, eps)) for eps in (1e-7, 1e-8, 1e-9, 1e-12)),
    Mistake(
        "log softmax(z)[label] (the sign flipped)",
        "the loss is −log softmax(z)[label] = log Σ exp(z) − z_label, which is ≥ 0.",
        lambda z, y: _picked(z, y) - _log_sum_exp(z),
    ),
)


# -- normalisation --------------------------------------------------------------------------------
def _norm_backward(
    dy,
    x,
    gamma,
    eps,
    *,
    axis,
    ddof=0,
    eps_outside=False,
    plugged=False,
    constant_stats=False,
    scale=1.0,
    no_gamma=False,
    raw_dgamma=False,
    sums=False,
):
    """Backward of normalising ``x`` along ``axis`` (0: BatchNorm, 1: LayerNorm), with knobs
    that turn it into one of the known mistakes; dγ and dβ sum over rows.

    ``ddof=1`` (the unbiased variance) and ``eps_outside`` (s = √σ² + ε) give the exact
    backward of that wrong forward pass, or, with ``plugged``, the right closed form with the
    wrong statistics put in: students write both."""
    n = x.shape[axis]
    mu = x.mean(axis=axis, keepdims=True)
    var = ((x - mu) ** 2).sum(axis=axis, keepdims=True) / (n - ddof)
    s = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
    xh = (x - mu) / s
    g = dy if no_gamma else dy * gamma
    if constant_stats:
        dx = g / s
    else:
        # ∂s/∂σ² is 1/(2s) for s = √(σ² + ε) but 1/(2√σ²) for s = √σ² + ε: a factor s/√σ².
        chain = s / np.sqrt(var) if eps_outside and not plugged else 1.0
        mean_gxh = (g * xh).sum(axis=axis, keepdims=True) / (n if plugged else n - ddof) * chain
        mean_g = g.mean(axis=axis, keepdims=True)
        if sums:  # Σ where the mean is due: 1/n lost in the mean and variance paths only
            mean_g, mean_gxh = mean_g * n, mean_gxh * n
        dx = (g - mean_g - xh * mean_gxh) / s * scale
    return dx, (dy * (x if raw_dgamma else xh)).sum(axis=0), dy.sum(axis=0)


def _layernorm(dy, x, gamma, eps, **kw):
    shape = x.shape
    x2, dy2 = x.reshape(-1, shape[-1]), dy.reshape(-1, shape[-1])
    dx, dgamma, dbeta = _norm_backward(dy2, x2, gamma, eps, **kw)
    return dx.reshape(shape), dgamma, dbeta


def _averaged(result, rows):
    dx, dgamma, dbeta = result
    return dx, dgamma / rows, dbeta / rows


_BN_UNBIASED = (
    "BatchNorm with the unbiased variance (1/(N − 1))",
    "BatchNorm's forward pass normalises with the biased variance σ² = (1/N) Σ(x − μ)² (np.var's "
    "default ddof=0, as torch does in training); its backward must use the same σ².",
)
_LN_UNBIASED = (
    "LayerNorm with the unbiased variance (1/(D − 1))",
    "LayerNorm normalises with the biased variance over the features, (1/D) Σ(x − μ)² "
    "(np.var's default ddof=0, as torch.nn.LayerNorm).",
)
_BN_EPS = (
    "ε outside the square root, √σ² + ε",
    "the forward pass divides by √(σ² + ε), with ε inside the square root; the difference shows when "
    "σ² is small.",
)
_SUMS = (
    "sums where the backward needs means (1/N lost in the mean and variance paths)",
    "μ and σ² are averages, so their paths into dx carry a 1/N: dx = γ/√(σ² + ε)·(dy − mean(dy) − "
    "x̂·mean(dy·x̂)), with means over the normalised axis, not sums.",
)
_NO_GAMMA = (
    "dx without γ",
    "y = γ·x̂ + β, so the gradient reaching x̂ is γ·dy: multiply by γ before the normalisation's backward.",
)
_RAW_DGAMMA = (
    "dγ = Σ dy·x (the input instead of x̂)",
    "γ multiplies the normalised x̂ = (x − μ)/√(σ² + ε), so dγ = Σ dy·x̂.",
)
_LN_EPS = ("ε outside the square root, √σ² + ε", "divide by √(σ² + ε), with ε inside the square root.")

BATCHNORM_BACKWARD = (
    Mistake(*_BN_UNBIASED, lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, ddof=1)),
    Mistake(*_BN_UNBIASED, lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, ddof=1, plugged=True)),
    Mistake(
        "dx without the 1/N (N times too large)",
        "dx = γ/(N√(σ² + ε)) · (N·dy − Σdy − x̂·Σ(dy·x̂)): the whole bracket is divided by N "
        "(equivalently, use means instead of sums inside the bracket).",
        lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, scale=x.shape[0]),
    ),
    Mistake(*_BN_EPS, lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, eps_outside=True)),
    Mistake(
        *_BN_EPS, lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, eps_outside=True, plugged=True)
    ),
    Mistake(
        "LayerNorm's normalisation (each sample over its features, axis 1)",
        "BatchNorm normalises each feature (column) over the batch: mean and variance with axis=0.",
        lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=1),
    ),
    Mistake(
        "the batch mean and variance treated as constants (dx = γ·dy/√(σ² + ε))",
        "μ and σ² depend on every x in the batch, so dx has two more terms: "
        "dx = γ/√(σ² + ε) · (dy − mean(dy) − x̂·mean(dy·x̂)).",
        lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, constant_stats=True),
    ),
    Mistake(*_SUMS, lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, sums=True)),
    Mistake(*_NO_GAMMA, lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, no_gamma=True)),
    Mistake(*_RAW_DGAMMA, lambda dy, x, g, eps: _norm_backward(dy, x, g, eps, axis=0, raw_dgamma=True)),
    Mistake(
        "dγ and dβ as means over the batch instead of sums",
        "γ and β are shared by every sample, so their gradients add up: dγ = Σ dy·x̂, dβ = Σ dy over "
        "the batch (a sum, not a mean).",
        lambda dy, x, g, eps: _averaged(_norm_backward(dy, x, g, eps, axis=0), x.shape[0]),
    ),
)

LAYERNORM_BACKWARD = (
    Mistake(*_LN_UNBIASED, lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, ddof=1)),
    Mistake(*_LN_UNBIASED, lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, ddof=1, plugged=True)),
    Mistake(
        "BatchNorm's normalisation (each feature over the batch, axis 0)",
        "LayerNorm normalises each sample over its own features: mean and variance over the last "
        "axis (axis=-1, keepdims=True), not over the batch.",
        lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=0),
    ),
    Mistake(
        "dx without the 1/D (D times too large)",
        "dx = 1/(D√(σ² + ε)) · (D·g − Σg − x̂·Σ(g·x̂)) with g = γ·dy, sums over the features: "
        "the bracket is divided by D.",
        lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, scale=x.shape[-1]),
    ),
    Mistake(*_LN_EPS, lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, eps_outside=True)),
    Mistake(
        *_LN_EPS, lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, eps_outside=True, plugged=True)
    ),
    Mistake(
        "the row mean and variance treated as constants (dx = γ·dy/√(σ² + ε))",
        "μ and σ² depend on every feature of the row, so dx = (g − mean(g) − x̂·mean(g·x̂))/√(σ² + ε) "
        "with g = γ·dy and means over the last axis.",
        lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, constant_stats=True),
    ),
    Mistake(*_SUMS, lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, sums=True)),
    Mistake(*_NO_GAMMA, lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, no_gamma=True)),
    Mistake(*_RAW_DGAMMA, lambda dy, x, g, eps: _layernorm(dy, x, g, eps, axis=1, raw_dgamma=True)),
    Mistake(
        "dγ and dβ as means over the rows instead of sums",
        "γ and β are shared by every row, so dγ = Σ dy·x̂ and dβ = Σ dy over all rows (sums).",
        lambda dy, x, g, eps: _averaged(_layernorm(dy, x, g, eps, axis=1), x.size // x.shape[-1]),
    ),
)


def _forward(
    x,
    gamma,
    beta,
    eps,
    *,
    axis,
    ddof=0,
    eps_outside=False,
    one_pass=False,
    affine=True,
    returned="var",
):
    """(y, mean, third) of normalising the 2-D ``x`` along ``axis``, with knobs for the known
    mistakes; ``returned`` names the third output: var, the unbiased var, std, std without ε,
    rstd, or rstd without ε."""
    n = x.shape[axis]
    mu = x.mean(axis=axis, keepdims=True)
    if one_pass:
        var = (x * x).mean(axis=axis, keepdims=True) - mu * mu
    else:
        var = ((x - mu) ** 2).sum(axis=axis, keepdims=True) / (n - ddof)
    s = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
    xh = (x - mu) / s
    y = gamma * xh + beta if affine else xh
    third = {
        "var": var,
        "unbiased var": var * n / (n - 1),
        "std": s,
        "std without eps": np.sqrt(var),
        "rstd": 1 / s,
        "rstd without eps": 1 / np.sqrt(var),
    }[returned]
    return y, mu, third


def _batchnorm_forward(x, gamma, beta, eps, **kw):
    y, mu, third = _forward(x, gamma, beta, eps, axis=0, **kw)
    return y, mu[0], third[0]


def _layernorm_forward(x, gamma, beta, eps, *, returned="rstd", **kw):
    rows = x.shape[:-1]
    y, mu, third = _forward(x.reshape(-1, x.shape[-1]), gamma, beta, eps, axis=1, returned=returned, **kw)
    return y.reshape(x.shape), mu.reshape(rows), third.reshape(rows)


_FORWARD_EPS = (
    "ε outside the square root, √σ² + ε",
    "the normalised value is x̂ = (x − μ)/√(σ² + ε), with ε inside the square root; the difference "
    "shows when σ² is small.",
)
_AFFINE = ("y = x̂ (γ and β not applied)", "the layer's output is y = γ·x̂ + β, with γ and β of shape (D,).")
_ONE_PASS = (
    "the variance as mean(x²) − mean(x)² (one pass: cancels for a nearly constant batch)",
    "when |μ| ≫ σ, mean(x²) and mean(x)² agree in almost every digit and their difference is rounding "
    "noise (it can even be negative). Subtract the mean first: σ² = mean((x − μ)²).",
)
_STD_AS_VAR = (
    "the standard deviation returned as var",
    "the third output is the biased variance σ² itself, not √σ² or √(σ² + ε).",
)

BATCHNORM_FORWARD = (
    Mistake(
        "BatchNorm with the unbiased variance (1/(N − 1))",
        "training-mode BatchNorm normalises with the biased variance σ² = (1/N) Σ(x − μ)² (np.var's "
        "default ddof=0) and returns that σ². PyTorch's running_var stores N/(N − 1)·σ², but the batch "
        "itself is normalised with σ².",
        lambda x, g, b, eps: _batchnorm_forward(x, g, b, eps, ddof=1),
    ),
    Mistake(
        "var returned unbiased, N/(N − 1)·σ² (PyTorch's running_var), y right",
        "return the biased σ² = (1/N) Σ(x − μ)² that normalised the batch; PyTorch's running statistics "
        "use N/(N − 1)·σ², a different quantity.",
        lambda x, g, b, eps: _batchnorm_forward(x, g, b, eps, returned="unbiased var"),
    ),
    Mistake(*_FORWARD_EPS, lambda x, g, b, eps: _batchnorm_forward(x, g, b, eps, eps_outside=True)),
    Mistake(*_STD_AS_VAR, lambda x, g, b, eps: _batchnorm_forward(x, g, b, eps, returned="std")),
    Mistake(*_STD_AS_VAR, lambda x, g, b, eps: _batchnorm_forward(x, g, b, eps, returned="std without eps")),
    Mistake(*_AFFINE, lambda x, g, b, eps: _batchnorm_forward(x, g, b, eps, affine=False)),
    Mistake(*_ONE_PASS, lambda x, g, b, eps: _batchnorm_forward(x, g, b, eps, one_pass=True)),
)

LAYERNORM_FORWARD = (
    Mistake(
        "LayerNorm with the unbiased variance (1/(D − 1))",
        "LayerNorm normalises with the biased variance over the features, σ² = (1/D) Σ(x − μ)² (np.var's "
        "default ddof=0, as torch.nn.LayerNorm), and rstd = 1/√(σ² + ε) uses the same σ².",
        lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, ddof=1),
    ),
    Mistake(
        "the standard deviation √(σ² + ε) returned instead of rstd",
        "rstd is the reciprocal standard deviation, 1/√(σ² + ε): the factor the backward pass multiplies by.",
        lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, returned="std"),
    ),
    Mistake(
        "rstd = 1/σ (ε left out of rstd)",
        "rstd = 1/√(σ² + ε), with the same ε as in x̂ = (x − μ)·rstd.",
        lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, returned="rstd without eps"),
    ),
    Mistake(*_FORWARD_EPS, lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, eps_outside=True)),
    Mistake(*_AFFINE, lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, affine=False)),
    Mistake(*_ONE_PASS, lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, one_pass=True)),
)


# -- optimisers -----------------------------------------------------------------------------------
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


# -- sequence models ------------------------------------------------------------------------------
def _jacobians(hs, w, *, side="left", transpose=False, preactivation=False):
    w = w.T if transpose else w
    d = 1 - np.tanh(hs) ** 2 if preactivation else 1 - hs * hs
    return [dt[:, None] * w if side == "left" else w * dt[None, :] for dt in d]


RNN_JACOBIAN = (
    Mistake(
        "W_hh·diag(1 − h²) (the diagonal on the right: columns scaled, not rows)",
        "∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh: row i is scaled by 1 − h_i², since "
        "h_i = tanh(Σ_j W_ij h_j + …).",
        lambda h, w: _jacobians(h[None], w, side="right")[0],
    ),
    Mistake(
        "1 − tanh(h)², as if h were the pre-activation",
        "h is already the activation tanh(a), so tanh′(a) = 1 − h²: do not apply tanh again.",
        lambda h, w: _jacobians(h[None], w, preactivation=True)[0],
    ),
    Mistake(
        "diag(1 − h²)·W_hhᵀ (W_hh transposed)",
        "with h_t = tanh(W_hh h_{t−1} + …), entry (i, j) of the Jacobian is (1 − h_i²)·W_hh[i, j]: "
        "no transpose.",
        lambda h, w: _jacobians(h[None], w, transpose=True)[0],
    ),
)


def _chain(factors, reverse=False):
    out = np.eye(factors[0].shape[0], dtype=factors[0].dtype)
    for j in reversed(factors) if reverse else factors:
        out = j @ out
    return out


BPTT_JACOBIAN = (
    Mistake(
        "the product in the wrong order, J_1·J_2⋯J_T",
        "the chain rule multiplies from the last step back: ∂h_T/∂h_0 = J_T·J_{T−1}⋯J_1 (J_T on the left).",
        lambda hs, w: _chain(_jacobians(hs, w), reverse=True),
    ),
    Mistake(
        "W_hh transposed in every factor",
        "each factor is J_t = diag(1 − h_t²)·W_hh, without a transpose.",
        lambda hs, w: _chain(_jacobians(hs, w, transpose=True)),
    ),
    Mistake(
        "1 − tanh(h_t)², as if the states were pre-activations",
        "hs holds the activations h_t = tanh(a_t): the derivative is 1 − h_t², not 1 − tanh(h_t)².",
        lambda hs, w: _chain(_jacobians(hs, w, preactivation=True)),
    ),
    Mistake(
        "the product over h_2..h_T only (the first state taken for h_0)",
        "hs holds h_1..h_T, all after the first step: ∂h_T/∂h_0 has T factors, J_1 = diag(1 − h_1²)·W_hh "
        "included.",
        lambda hs, w: _chain(_jacobians(hs[1:], w)) if len(hs) > 1 else np.eye(w.shape[0]),
    ),
    Mistake(
        "W_hh·diag(1 − h_t²) in every factor (columns scaled, not rows)",
        "J_t = diag(1 − h_t²)·W_hh scales row i by 1 − h_{t,i}².",
        lambda hs, w: _chain(_jacobians(hs, w, side="right")),
    ),
)


# -- transformers ---------------------------------------------------------------------------------
def _encoding(n, d, *, swap=False, frequency="pairs", start=0, halves=False, dtype=np.float64):
    pos = np.arange(start, start + n, dtype=np.float64)[:, None]
    j = np.arange(d)
    exponent = {"columns": j, "pairs": 2 * (j // 2), "half": j // 2}[frequency.removesuffix("*")] / d
    angle = pos * 10000.0**exponent if frequency.endswith("*") else pos / 10000.0**exponent
    if halves:
        half = (d + 1) // 2
        two_i = 2 * np.arange(half)
        a = pos / 10000.0 ** (two_i / d)
        out = np.concatenate([np.sin(a), np.cos(a[:, : d - half])], axis=1)
    else:
        even = (j % 2 == 0) != swap
        out = np.where(even, np.sin(angle), np.cos(angle))
    return out.astype(dtype)


POSITIONAL_ENCODING = (
    Mistake(
        "sine and cosine swapped (cos on the even columns)",
        "PE[p, 2i] = sin(p/10000^(2i/d)) on the even columns and PE[p, 2i+1] = cos(…) on the odd ones.",
        lambda n, d, dtype=np.float64: _encoding(n, d, swap=True, dtype=dtype),
    ),
    Mistake(
        "each column j with its own frequency 10000^(j/d) (odd columns too fast)",
        "columns 2i and 2i+1 share one frequency, 1/10000^(2i/d): use the even index 2i = 2·(j // 2) "
        "for both.",
        lambda n, d, dtype=np.float64: _encoding(n, d, frequency="columns", dtype=dtype),
    ),
    Mistake(
        "the exponent i/d_model instead of 2i/d_model",
        "the pair (2i, 2i+1) has frequency 1/10000^(2i/d_model): the exponent uses the even column index 2i, "
        "not the pair index i.",
        lambda n, d, dtype=np.float64: _encoding(n, d, frequency="half", dtype=dtype),
    ),
    Mistake(
        "p·10000^(2i/d) (multiplied instead of divided)",
        "the angle is p/10000^(2i/d_model): frequencies fall from 1 (column 0) towards 1/10000.",
        lambda n, d, dtype=np.float64: _encoding(n, d, frequency="pairs*", dtype=dtype),
    ),
    Mistake(
        "positions counted from 1",
        "positions are counted from 0: the first row is p = 0, sin 0 = 0 and cos 0 = 1.",
        lambda n, d, dtype=np.float64: _encoding(n, d, start=1, dtype=dtype),
    ),
    Mistake(
        "all sines in the first half and all cosines in the second",
        "this encoding interleaves them: sine on column 2i, cosine on column 2i + 1 with the same frequency.",
        lambda n, d, dtype=np.float64: _encoding(n, d, halves=True, dtype=dtype),
    ),
)


def _attend(q, k, v, causal=False, *, scale="sqrt", axis=1, shift=True, mask="top-left", after=False):
    """Attention with knobs for the known mistakes: the score ``scale``, the softmax ``axis``, the
    max-``shift``, the causal ``mask`` (which keys are hidden), and a mask applied ``after`` the
    softmax (weights not renormalised)."""
    t, n = q.shape[0], k.shape[0]
    scores = q @ k.T / {"sqrt": np.sqrt(q.shape[1]), "none": 1.0, "d": q.shape[1]}[scale]
    ones = np.ones((t, n), dtype=bool)
    hidden = (
        {
            "top-left": np.triu(ones, k=1),  # query i sees keys 0..i
            "diagonal hidden": np.triu(ones, k=0),
            "one ahead": np.triu(ones, k=2),
            "transposed": np.tril(ones, k=-1),
            "bottom-right": np.triu(ones, k=1 + n - t),
        }[mask]
        if causal
        else ~ones
    )
    if not after:
        scores = np.where(hidden, -np.inf, scores)
    weights = _softmax_rows(scores, axis=axis, shift=shift)
    if after:
        weights = np.where(hidden, 0.0, weights)
    return weights @ v


ATTENTION = (
    Mistake(
        "scores not divided by √d_k",
        "scaled dot-product attention divides the scores by √d_k before the softmax: softmax(QKᵀ/√d_k)·V. "
        "Without it the dot products of d_k terms grow with d_k and the softmax saturates.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, scale="none"),
    ),
    Mistake(
        "scores divided by d_k instead of √d_k",
        "the scale is 1/√d_k: for unit-variance entries q·k has variance d_k, and dividing by √d_k brings "
        "it back to 1.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, scale="d"),
    ),
    Mistake(
        "softmax over the queries (axis 0) instead of the keys",
        "each query's weights are a distribution over the keys: the softmax of the T × L scores runs "
        "along each row (axis=-1).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, axis=0),
    ),
    Mistake(
        "softmax without subtracting the row maximum (exp overflows for large scores)",
        "subtract each row's maximum score before exp; the softmax does not change, and exp no longer "
        "overflows to inf (inf/inf is NaN).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, shift=False),
    ),
    Mistake(
        "the causal mask hides the diagonal too (query i sees keys 0..i − 1)",
        "a query may attend to its own position: hide keys j > i only, np.triu(np.ones((T, L)), k=1). "
        "Hiding j ≥ i leaves query 0 no key at all (0/0 = NaN).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="diagonal hidden"),
    ),
    Mistake(
        "the causal mask one key late (query i also sees key i + 1)",
        "query i sees keys 0..i: hide j > i, np.triu(np.ones((T, L)), k=1), not k=2.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="one ahead"),
    ),
    Mistake(
        "the causal mask transposed (query i sees keys i..L − 1, the future)",
        "the hidden scores are above the diagonal (keys after the query), np.triu(…, k=1), not "
        "np.tril(…, k=-1).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="transposed"),
    ),
    Mistake(
        "the causal mask aligned at the bottom right (query i sees keys 0..i + L − T)",
        "symdl's causal mask, like torch's is_causal=True, is aligned at the top left: query i sees keys "
        "0..i whatever L is. The bottom-right alignment (the last query sees every key) is another "
        "convention, used when the queries are the last T of the L positions.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="bottom-right"),
    ),
    Mistake(
        "the mask applied after the softmax (the weights no longer sum to 1)",
        "set the hidden scores to −∞ before the softmax, so the visible weights are renormalised; "
        "zeroing weights afterwards leaves rows that sum to less than 1.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, after=True),
    ),
)

# -- initialisation -------------------------------------------------------------------------------
XAVIER_UNIFORM = (
    WrongDistribution(
        "U(−a, a) with a = √(2/(fan_in + fan_out)) (the variance formula used as the bound)",
        "U(−a, a) has variance a²/3, so for variance 2/(fan_in + fan_out) the bound is "
        "a = √(6/(fan_in + fan_out)).",
        "uniform",
        lambda i, o: 2 / (i + o) / 3,
    ),
    WrongDistribution(
        "a normal distribution with variance 2/(fan_in + fan_out) (Xavier normal)",
        "the variance is right but xavier_uniform draws from U(−a, a), a = √(6/(fan_in + fan_out)): "
        "use rng.uniform(-a, a, size=(fan_in, fan_out)).",
        "normal",
        lambda i, o: 2 / (i + o),
    ),
    WrongDistribution(
        "U(−1/√fan_in, 1/√fan_in) (the older heuristic)",
        "Xavier's bound balances both fans: a = √(6/(fan_in + fan_out)).",
        "uniform",
        lambda i, o: 1 / i / 3,
    ),
    WrongDistribution(
        "U(0, 2a) (all weights positive)",
        "draw from U(−a, a), centred at 0: rng.uniform(-a, a, ...) or a·(2u − 1) for u ~ U(0, 1).",
        "uniform",
        lambda i, o: 2 / (i + o),
        centre=1.0,
    ),
)

HE_NORMAL = (
    WrongDistribution(
        "N(0, 1/fan_in) (LeCun's variance, the factor 2 is missing)",
        "He initialisation doubles the variance for ReLU, which zeroes half the inputs: Var = 2/fan_in.",
        "normal",
        lambda i, o: 1 / i,
    ),
    WrongDistribution(
        "N(0, 2/fan_out) (the wrong fan)",
        "He normal scales with the number of inputs of the layer: Var = 2/fan_in.",
        "normal",
        lambda i, o: 2 / o,
    ),
    WrongDistribution(
        "standard deviation 2/fan_in (the variance passed as the scale)",
        "rng.normal's scale is the standard deviation: scale = √(2/fan_in).",
        "normal",
        lambda i, o: (2 / i) ** 2,
    ),
    WrongDistribution(
        "a normal truncated at two standard deviations (Keras's he_normal)",
        "Keras draws He weights from a truncated normal; symdl's he_normal (as torch's kaiming_normal_) "
        "draws from the full normal N(0, 2/fan_in): rng.normal(0.0, √(2/fan_in), size=(fan_in, fan_out)).",
        "truncated normal",
        lambda i, o: 2 / i,
    ),
    WrongDistribution(
        "a uniform distribution with variance 2/fan_in (He uniform)",
        "the variance is right but he_normal draws from a normal distribution: "
        "rng.normal(0.0, √(2/fan_in), size=(fan_in, fan_out)).",
        "uniform",
        lambda i, o: 2 / i,
    ),
)
