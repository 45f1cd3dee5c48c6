"""Batch normalization (training mode): forward definition, backward pass, compact closed form.

Conventions: statistics are taken over the batch axis (N rows) for each feature
column; the variance is the *biased* one (divide by N); ε sits inside the square
root: x̂ = (x − μ)/√(σ² + ε), y = γ x̂ + β.  The upstream gradient dy = ∂L/∂y is
an arbitrary array, never the gradient of a sum (which would make dx ≡ 0 and
hide every error).
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import DL_TECHNIQUES, claim, source
from symdl.codegen import Assign, Loops, entries
from symdl.record import Derivation

N = sp.Symbol("N", integer=True, positive=True)
D = sp.Symbol("D", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)
gamma = sp.Symbol("gamma", real=True)
beta = sp.Symbol("beta", real=True)


# Display symbols (the claims as a reader sees them): row k of one feature column.
_L = sp.Symbol("L")
_xs, _dys, _xhats = sp.IndexedBase("x"), sp.IndexedBase("dy"), sp.IndexedBase("xhat")
_k, _r = sp.symbols("k r", integer=True, positive=True)
_var = sp.Symbol("sigma^2", positive=True)


def _forward(x: sp.Matrix) -> tuple[sp.Expr, sp.Expr, sp.Matrix]:
    """Batch mean, biased variance, and x̂ for one feature column ``x``."""
    n = x.rows
    mu = sum(x) / n
    var = sum((xi - mu) ** 2 for xi in x) / n
    xhat = (x - sp.ones(n, 1) * mu) / sp.sqrt(var + eps)
    return mu, var, xhat


def _backward(size: int) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix, sp.Matrix]:
    """(x, dy, x̂, dx derived by the chain rule) for a batch of ``size`` rows, one feature."""
    x, dy = entries("x", size), entries("dy", size)
    _, _, xhat = _forward(x)
    y = gamma * xhat + sp.ones(size, 1) * beta
    # dx_k = Σ_i dy_i ∂y_i/∂x_k : a vector–Jacobian product with an arbitrary upstream gradient.
    dx = y.jacobian(x).T * dy
    return x, dy, xhat, dx


def _compact(dy: sp.Matrix, xhat: sp.Matrix, x: sp.Matrix) -> sp.Matrix:
    n = x.rows
    _, var, _ = _forward(x)
    sum_dy = sum(dy)
    sum_dy_xhat = sum(a * b for a, b in zip(dy, xhat, strict=True))
    return gamma / (n * sp.sqrt(var + eps)) * (n * dy - sp.ones(n, 1) * sum_dy - xhat * sum_dy_xhat)


def _dx_claim(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    x, dy, xhat, dx = _backward(size)
    return dx, _compact(dy, xhat, x)


def _param_grads(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    x, dy = entries("x", size), entries("dy", size)
    _, _, xhat = _forward(x)
    y = gamma * xhat + sp.ones(size, 1) * beta
    loss_grad = lambda p: sum(dy[i] * sp.diff(y[i], p) for i in range(size))  # noqa: E731
    derived = sp.Matrix([loss_grad(gamma), loss_grad(beta)])
    claimed = sp.Matrix([sum(dy[i] * xhat[i] for i in range(size)), sum(dy)])
    return derived, claimed


# -- the kernel: stages over an (N, D) row-major batch ------------------------------------------
_x = sp.IndexedBase("x", shape=(N, D))
_dy = sp.IndexedBase("dy", shape=(N, D))
_g = sp.IndexedBase("gamma", shape=(D,))
_dx = sp.IndexedBase("dx", shape=(N, D))
_dg = sp.IndexedBase("dgamma", shape=(D,))
_db = sp.IndexedBase("dbeta", shape=(D,))
_mu = sp.IndexedBase("mu", shape=(D,))
_rstd = sp.IndexedBase("rstd", shape=(D,))
_coef = sp.IndexedBase("coef", shape=(D,))
_i, _j = sp.Idx("i", N), sp.Idx("j", D)
_xc = _x[_i, _j] - _mu[_j]  # centred input

BATCHNORM_KERNEL = Loops(
    "batchnorm_backward",
    inputs=(_dy, _x, _g, eps),
    outputs=(_dx, _dg, _db),
    stages=(
        # Pass 1 over the data: the mean and Σdy.
        Assign(_mu[_j], sp.Sum(_x[_i, _j], (_i, 0, N - 1)) / N),
        Assign(_db[_j], sp.Sum(_dy[_i, _j], (_i, 0, N - 1))),
        # Pass 2: the variance from centred values (two-pass: exact for a large mean and tiny
        # spread) and Σ dy·(x − μ), which gives Σ dy·x̂ after one multiplication by 1/√(σ² + ε).
        Assign(_rstd[_j], 1 / sp.sqrt(sp.Sum(_xc**2, (_i, 0, N - 1)) / N + eps)),
        Assign(_dg[_j], _rstd[_j] * sp.Sum(_dy[_i, _j] * _xc, (_i, 0, N - 1))),
        Assign(_coef[_j], _g[_j] * _rstd[_j] / N),
        # Pass 3: dx = γ/(N√(σ²+ε)) · (N dy − Σdy − x̂ Σ(dy x̂)).
        Assign(_dx[_i, _j], _coef[_j] * (N * _dy[_i, _j] - _db[_j] - _xc * _rstd[_j] * _dg[_j])),
    ),
    why="Three passes over row-major (N, D) data, each walking rows contiguously; column sums "
    "are split into per-thread chunks of rows.",
    reference=lambda size: _kernel_reference(size),
    reference_sizes=(1, 2, 3),
)


def _kernel_reference(size: int) -> tuple[dict, dict]:
    # Two feature columns, each normalized on its own; the derivation is per column.
    dx_cols, dg, db = [], [], []
    for col in range(2):
        x = sp.Matrix([entries("x", size, 2)[r, col] for r in range(size)])
        dy = sp.Matrix([entries("dy", size, 2)[r, col] for r in range(size)])
        g = sp.Symbol(f"gamma[{col}]", real=True)
        _, _, xhat = _forward(x)
        y = g * xhat
        dx_cols.append((y.jacobian(x).T * dy).T)
        dg.append(sum(dy[r] * sp.diff(y[r], g) for r in range(size)))
        db.append(sum(dy))
    dx = sp.Matrix.hstack(*(c.T for c in dx_cols))
    return {N: size, D: 2}, {_dx: dx, _dg: sp.Matrix(dg), _db: sp.Matrix(db)}


BATCHNORM_BACKWARD = Derivation(
    name="batchnorm_backward",
    title="BatchNorm backward: the compact closed form of ∂L/∂x",
    source=source(DL_TECHNIQUES, "Batch Normalization"),
    korean="배치 정규화",
    statement="dx = γ/(N√(σ²+ε)) · (N·dy − Σdy − x̂·Σ(dy·x̂)), sums over the batch, per feature.",
    claim=claim(
        sp.Derivative(_L, _xs[_k], evaluate=False),
        gamma
        / (N * sp.sqrt(_var + eps))
        * (
            N * _dys[_k]
            - sp.Sum(_dys[_r], (_r, 1, N))
            - _xhats[_k] * sp.Sum(_dys[_r] * _xhats[_r], (_r, 1, N))
        ),
    ),
    sizes=(1, 2, 3, 4),
    explicit=_dx_claim,
    conventions=(
        "Biased batch variance (divide by N); ε inside the square root.",
        "Training mode: μ and σ² are functions of the batch, so they are differentiated too.",
        "One sample (N = 1): x̂ = 0 and dx = 0 for every upstream gradient.",
    ),
    kernel=BATCHNORM_KERNEL,
)

BATCHNORM_PARAM_GRADS = Derivation(
    name="batchnorm_param_grads",
    title="BatchNorm backward: gradients of γ and β",
    source=source(DL_TECHNIQUES, "Batch Normalization"),
    korean="배치 정규화",
    statement="∂L/∂γ = Σ dy·x̂ and ∂L/∂β = Σ dy, sums over the batch, per feature.",
    claim=claim(
        sp.Matrix([sp.Derivative(_L, gamma, evaluate=False), sp.Derivative(_L, beta, evaluate=False)]),
        sp.Matrix([sp.Sum(_dys[_r] * _xhats[_r], (_r, 1, N)), sp.Sum(_dys[_r], (_r, 1, N))]),
    ),
    sizes=(1, 2, 3, 4),
    explicit=_param_grads,
)

DERIVATIONS = (BATCHNORM_BACKWARD, BATCHNORM_PARAM_GRADS)
