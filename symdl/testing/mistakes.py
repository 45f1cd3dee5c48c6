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
