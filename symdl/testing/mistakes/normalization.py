"""Known mistakes in BatchNorm and LayerNorm, forward and backward."""

from __future__ import annotations

import numpy as np

from symdl.testing.mistakes._common import Mistake


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
        "in training mode BatchNorm normalises with the biased variance σ² = (1/N) Σ(x − μ)² (np.var's "
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
        "the third output is the reciprocal standard deviation, rstd = 1/√(σ² + ε): the factor the backward "
        "pass multiplies by.",
        lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, returned="std"),
    ),
    Mistake(
        "rstd = 1/σ (ε left out of rstd)",
        "use the same ε in rstd = 1/√(σ² + ε) as in x̂ = (x − μ)·rstd.",
        lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, returned="rstd without eps"),
    ),
    Mistake(*_FORWARD_EPS, lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, eps_outside=True)),
    Mistake(*_AFFINE, lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, affine=False)),
    Mistake(*_ONE_PASS, lambda x, g, b, eps: _layernorm_forward(x, g, b, eps, one_pass=True)),
)
