"""The site's figures, drawn from symdl's kernels and the catalog's SymPy expressions.

    python examples/figures.py OUT_DIR      # writes one PNG per figure into OUT_DIR

The docs build runs this; the tests run it too.  Every curve is computed here, from symdl.

Sized for the page they appear on: the site's text column is about 700 px wide at a 1280 px
window, so a figure is at most ``WIDTH`` = 7 inches wide and drawn at 100 px per inch there;
with every font at least 9 pt, the smallest text on the page is 12.5 px.  They are saved at
200 dpi so they stay sharp on high-density screens.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import sympy as sp

import symdl
from symdl import kernels

RNG_SEED = 0
WIDTH = 7.0  # inches: the site's text column
DPI = 200
STYLE = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
}


def _lambdify(expr: sp.Expr, *symbols: sp.Symbol) -> Callable[..., np.ndarray]:
    """A catalog expression as a vectorised numpy function."""
    return np.vectorize(sp.lambdify(symbols, expr, modules="math"), otypes=[float])


def activations() -> plt.Figure:
    """Each activation is its record's definition, each derivative the record's claim."""
    x = np.linspace(-5, 5, 801)
    alpha = sp.Symbol("alpha", positive=True)
    curves = {
        "sigmoid": (symdl.derivation("sigmoid_derivative").definitions[0][1], kernels.sigmoid_grad(x)),
        "tanh": (sp.tanh(sp.Symbol("x", real=True)), kernels.tanh_grad(x)),
    }
    for label, name in (
        ("ReLU", "relu_derivative"),
        ("leaky ReLU (α = 0.1)", "leaky_relu_derivative"),
        ("ELU (α = 0.1)", "elu_derivative"),
        ("GELU", "gelu_derivative"),
    ):
        record = symdl.derivation(name)
        (pattern, body), *_ = record.definitions
        (arg,) = pattern.args
        derivative = record.expand(record.claim.rhs)
        curves[label] = (body.subs(alpha, 0.1), _lambdify(derivative.subs(alpha, 0.1), arg)(x))
    fig, (ax, dax) = plt.subplots(2, 1, figsize=(WIDTH, 6.0), sharex=True)
    for label, (function, derivative) in curves.items():
        (arg,) = function.free_symbols
        ax.plot(x, _lambdify(function, arg)(x), label=label)
        dax.plot(x, derivative, label=label)
    ax.set(title="activations")
    dax.set(title="derivatives (relu′(0) = 0 by convention)", xlabel="x")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    return fig


def gradient_through_depth() -> plt.Figure:
    rng = np.random.default_rng(RNG_SEED)
    depth = np.arange(1, 31)
    z = rng.standard_normal((30, 2000))
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    for name, local in (
        ("sigmoid", kernels.sigmoid_grad(z)),
        ("tanh", kernels.tanh_grad(z)),
        ("ReLU (active units)", np.ones_like(z)),
    ):
        ax.semilogy(depth, np.median(np.cumprod(local, axis=0), axis=1), label=name)
    slope_bound = float(symdl.derivation("sigmoid_derivative_at_zero").claim.rhs)  # max σ′ = 1/4
    ax.semilogy(depth, slope_bound**depth, "k--", label="bound 4^(−L) for sigmoid")
    ax.set(title="median gradient scale after L layers, z ~ N(0, 1)", xlabel="layers L")
    ax.legend()
    return fig


def initialisation() -> plt.Figure:
    rng = np.random.default_rng(RNG_SEED)
    width, layers = 500, 10
    x0 = rng.standard_normal((1000, width))
    schemes = {
        "N(0, 0.01²), tanh": (lambda: 0.01 * rng.standard_normal((width, width)), np.tanh),
        "N(0, 0.5²), tanh": (lambda: 0.5 * rng.standard_normal((width, width)), np.tanh),
        "Xavier uniform, tanh": (lambda: kernels.xavier_uniform(width, width, rng=rng), np.tanh),
        "He normal, ReLU": (lambda: kernels.he_normal(width, width, rng=rng), lambda v: np.maximum(v, 0)),
    }
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    for name, (weights, act) in schemes.items():
        x, stds = x0, []
        for _ in range(layers):
            x = act(x @ weights())
            stds.append(x.std())
        ax.semilogy(range(1, layers + 1), stds, marker="o", label=name)
    ax.set(title=f"activation spread per layer (width {width})", xlabel="layer", ylabel="std of activations")
    ax.legend()
    return fig


def adam_bias_correction(runs: int = 200) -> plt.Figure:
    """``runs`` independent runs at once: adam_step updates each array element on its own, so
    element k of the arrays is run k, with its own noisy gradients (mean 1, std 0.3)."""
    rng = np.random.default_rng(RNG_SEED)
    steps, beta1 = 50, 0.9
    param, m, v = np.zeros(runs), np.zeros(runs), np.zeros(runs)
    raw, corrected = np.empty((steps, runs)), np.empty((steps, runs))
    for t in range(1, steps + 1):
        g = 1.0 + 0.3 * rng.standard_normal(runs)
        kernels.adam_step(param, g, m, v, t, lr=1e-3, beta1=beta1)
        raw[t - 1] = m
        corrected[t - 1] = m / (1 - beta1**t)
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    t = np.arange(1, steps + 1)
    for values, label in ((raw, "m_t (biased toward 0)"), (corrected, "m̂_t = m_t / (1 − β₁ᵗ)")):
        (line,) = ax.plot(t, values.mean(axis=1), label=f"{label}, mean of {runs} runs")
        low, high = np.percentile(values, [10, 90], axis=1)
        ax.fill_between(t, low, high, color=line.get_color(), alpha=0.2, linewidth=0)
    ax.axhline(1.0, color="k", ls="--", label="E[g] = 1")
    ax.set(title="Adam's first moment (bands: middle 80% of runs)", xlabel="step t")
    ax.legend(loc="lower right")
    return fig


def lr_schedules() -> plt.Figure:
    """Each schedule is the closed form its record proves."""
    from symdl.catalog import schedules as S

    epochs = np.arange(0, 60)
    values = {S.lr0: 0.1, S.gamma: 0.5, sp.Symbol("step_size"): 10, S.eta_max: 0.1, S.eta_min: 0.001, S.T: 20}
    step = S.STEP_LR.claim.rhs.subs(values)
    cosine = S.COSINE_PERIODIC.definitions[0][1].subs(values)
    lambda_lr = S.lr0.subs(values) * S.lam(S.e)
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    ax.plot(epochs, _lambdify(step, S.e)(epochs), label="StepLR (step 10, γ = 0.5)")
    ax.plot(epochs, _lambdify(0.1 * sp.Float(0.95) ** S.e, S.e)(epochs), label="ExponentialLR (γ = 0.95)")
    ax.plot(epochs, _lambdify(lambda_lr, S.e)(epochs), label="LambdaLR with λ(e) = 1/(e + 1)")
    ax.plot(epochs, _lambdify(cosine, S.t)(epochs), label="CosineAnnealingLR (T_max = 20)")
    ax.set(title="learning-rate schedules", xlabel="epoch", ylabel="learning rate")
    ax.legend()
    return fig


def rnn_gradient_norm() -> plt.Figure:
    rng = np.random.default_rng(RNG_SEED)
    n, horizon = 32, 60
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    for radius in (0.8, 1.0, 1.2):
        W = rng.standard_normal((n, n))
        W *= radius / np.max(np.abs(np.linalg.eigvals(W)))
        h, hs = np.zeros(n), []
        for _ in range(horizon):
            h = np.tanh(W @ h + 0.05 * rng.standard_normal(n))
            hs.append(h)
        lags = np.arange(1, horizon + 1)
        norms = [np.linalg.norm(kernels.bptt_jacobian(np.array(hs[:k]), W), 2) for k in lags]
        ax.semilogy(lags, norms, label=f"spectral radius {radius}")
    ax.set(title="‖∂h_T/∂h_0‖ through time (small inputs)", xlabel="T", ylabel="spectral norm")
    ax.legend()
    return fig


def positional_encoding() -> plt.Figure:
    pe = kernels.positional_encoding(100, 64)
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    image = ax.imshow(pe, aspect="auto", cmap="RdBu", vmin=-1, vmax=1)
    ax.set(title="positional encoding (d_model = 64)", xlabel="dimension j", ylabel="position")
    fig.colorbar(image)
    return fig


def dot_product_variance() -> plt.Figure:
    rng = np.random.default_rng(RNG_SEED)
    dims = np.array([1, 2, 4, 8, 16, 32, 64, 128, 256])
    measured = [
        np.var(np.sum(rng.standard_normal((20000, d)) * rng.standard_normal((20000, d)), axis=1))
        for d in dims
    ]
    fig, ax = plt.subplots(figsize=(WIDTH, 4.0))
    ax.loglog(dims, measured, "o", label="Var(q·k), 20 000 samples")
    ax.loglog(dims, dims, "k--", label="d_k (derived)")
    ax.loglog(dims, np.array(measured) / dims, "s", label="Var(q·k/√d_k)")
    ax.set(title="why attention divides by √d_k", xlabel="d_k")
    ax.legend()
    return fig


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "activations": activations,
    "gradient_through_depth": gradient_through_depth,
    "initialisation": initialisation,
    "adam_bias_correction": adam_bias_correction,
    "lr_schedules": lr_schedules,
    "rnn_gradient_norm": rnn_gradient_norm,
    "positional_encoding": positional_encoding,
    "dot_product_variance": dot_product_variance,
}


def draw(name: str) -> plt.Figure:
    """Figure ``name``, in the site's style and laid out."""
    with plt.rc_context(STYLE):
        fig = FIGURES[name]()
        fig.tight_layout()
    return fig


def main(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FIGURES:
        fig = draw(name)
        path = out_dir / f"{name}.png"
        fig.savefig(path, dpi=DPI)
        plt.close(fig)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("figures")):
        print(path)
