"""The site's figures, drawn from symdl's kernels and the catalog's SymPy expressions.

    python examples/figures.py OUT_DIR      # writes one PNG per figure into OUT_DIR

The docs build runs this; the tests run it too.  Every curve is computed here, from symdl.
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


def _numeric(record_name: str) -> Callable[[np.ndarray], np.ndarray]:
    """The definition of a record's named function, as a numpy function (via lambdify)."""
    record = symdl.derivation(record_name)
    (pattern, body), *_ = record.definitions
    (arg,) = pattern.args
    return sp.lambdify(arg, body.subs(sp.Symbol("alpha", positive=True), 0.1), modules="numpy")


def activations() -> plt.Figure:
    x = np.linspace(-5, 5, 801)
    fig, (ax, dax) = plt.subplots(1, 2, figsize=(10, 3.8))
    curves = {
        "sigmoid": (1 / (1 + np.exp(-x)), kernels.sigmoid_grad(x)),
        "tanh": (np.tanh(x), kernels.tanh_grad(x)),
        "ReLU": (np.maximum(x, 0), (x > 0).astype(float)),
        "leaky ReLU (α = 0.1)": (_numeric("leaky_relu_derivative")(x), np.where(x > 0, 1, 0.1)),
        "ELU (α = 0.1)": (_numeric("elu_derivative")(x), np.where(x > 0, 1, 0.1 * np.exp(x))),
    }
    gelu_x = sp.Symbol("x", real=True)
    gelu = symdl.derivation("gelu_derivative")
    gelu_f = sp.lambdify(gelu_x, gelu.definitions[0][1], modules="math")
    gelu_d = sp.lambdify(gelu_x, gelu.derived, modules="math")
    curves["GELU"] = (np.vectorize(gelu_f)(x), np.vectorize(gelu_d)(x))
    for name, (f, d) in curves.items():
        ax.plot(x, f, label=name)
        dax.plot(x, d, label=name)
    ax.set(title="activations", xlabel="x")
    dax.set(title="derivatives (relu′(0) = 0 by convention)", xlabel="x")
    ax.legend(fontsize=8)
    return fig


def gradient_through_depth() -> plt.Figure:
    rng = np.random.default_rng(RNG_SEED)
    depth = np.arange(1, 31)
    z = rng.standard_normal((30, 2000))
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for name, local in (
        ("sigmoid", kernels.sigmoid_grad(z)),
        ("tanh", kernels.tanh_grad(z)),
        ("ReLU (active units)", np.ones_like(z)),
    ):
        ax.semilogy(depth, np.median(np.cumprod(local, axis=0), axis=1), label=name)
    ax.semilogy(depth, 4.0**-depth, "k--", label="bound 4^(−L) for sigmoid")
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
    fig, ax = plt.subplots(figsize=(6, 3.8))
    for name, (weights, act) in schemes.items():
        x, stds = x0, []
        for _ in range(layers):
            x = act(x @ weights())
            stds.append(x.std())
        ax.semilogy(range(1, layers + 1), stds, marker="o", label=name)
    ax.set(title=f"activation spread per layer (width {width})", xlabel="layer", ylabel="std of activations")
    ax.legend(fontsize=8)
    return fig


def adam_bias_correction() -> plt.Figure:
    rng = np.random.default_rng(RNG_SEED)
    steps, beta1 = 50, 0.9
    param, m, v = np.zeros(1), np.zeros(1), np.zeros(1)
    raw, corrected = [], []
    for t in range(1, steps + 1):
        g = 1.0 + 0.3 * rng.standard_normal(1)
        kernels.adam_step(param, g, m, v, t, lr=1e-3, beta1=beta1)
        raw.append(m[0])
        corrected.append(m[0] / (1 - beta1**t))
    fig, ax = plt.subplots(figsize=(6, 3.8))
    ax.plot(raw, label="m_t (biased toward 0)")
    ax.plot(corrected, label="m̂_t = m_t / (1 − β₁ᵗ)")
    ax.axhline(1.0, color="k", ls="--", label="E[g] = 1")
    ax.set(title="Adam's first moment, gradients with mean 1", xlabel="step t")
    ax.legend()
    return fig


def lr_schedules() -> plt.Figure:
    epochs = np.arange(0, 60)
    lr0, gamma, step, t_max = 0.1, 0.5, 10, 20
    fig, ax = plt.subplots(figsize=(6, 3.8))
    ax.plot(epochs, lr0 * gamma ** (epochs // step), label=f"StepLR (step {step}, γ = {gamma})")
    ax.plot(epochs, lr0 * 0.95**epochs, label="ExponentialLR (γ = 0.95)")
    ax.plot(epochs, lr0 / (epochs + 1), label="LambdaLR with λ(e) = 1/(e + 1)")
    ax.plot(
        epochs,
        0.001 + (lr0 - 0.001) * (1 + np.cos(np.pi * epochs / t_max)) / 2,
        label=f"CosineAnnealingLR (T_max = {t_max})",
    )
    ax.set(title="learning-rate schedules", xlabel="epoch", ylabel="learning rate")
    ax.legend(fontsize=8)
    return fig


def rnn_gradient_norm() -> plt.Figure:
    rng = np.random.default_rng(RNG_SEED)
    n, horizon = 32, 60
    fig, ax = plt.subplots(figsize=(6, 3.8))
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
    fig, ax = plt.subplots(figsize=(7, 3.8))
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
    fig, ax = plt.subplots(figsize=(6, 3.8))
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


def main(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in FIGURES.items():
        fig = draw()
        fig.tight_layout()
        path = out_dir / f"{name}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("figures")):
        print(path)
