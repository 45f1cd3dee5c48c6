"""Batch normalization (training mode): forward definition, backward pass, compact closed form.

Conventions: statistics are taken over the batch axis (N rows) for each feature
column; the variance is the *biased* one (divide by N); ε sits inside the square
root: x̂ = (x − μ)/√(σ² + ε), y = γ x̂ + β.  The upstream gradient dy = ∂L/∂y is
an arbitrary array, never the gradient of a sum (which would make dx ≡ 0 and
hide every error).
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import DL_TECHNIQUES, ML_LIFECYCLE, claim, source
from symdl.codegen.spec import Assign, Loops, entries
from symdl.notation import Variance
from symdl.record import Derivation, Facts, Step

N = sp.Symbol("N", integer=True, positive=True)
D = sp.Symbol("D", integer=True, positive=True)
eps = sp.Symbol("epsilon", positive=True)
gamma = sp.Symbol("gamma", real=True)
beta = sp.Symbol("beta", real=True)

# -- the forward pass as the reader writes it: one feature column of N values ------------------------
# Each name is defined in terms of the ones after it, down to the data x and dy.
L = sp.Symbol("L")
xs, dys = sp.IndexedBase("x", real=True), sp.IndexedBase("dy", real=True)
xhats, ys = sp.IndexedBase("xhat", real=True), sp.IndexedBase("y", real=True)
i, j, k, r = sp.symbols("i j k r", integer=True)
mu = sp.Symbol("mu", real=True)
var = sp.Symbol("sigma^2", nonnegative=True)
root = sp.sqrt(var + eps)

BN_FORWARD = (
    (ys[r], gamma * xhats[r] + beta),
    (xhats[r], (xs[r] - mu) / root),
    (var, sp.Sum((xs[j] - mu) ** 2, (j, 1, N)) / N),
    (mu, sp.Sum(xs[j], (j, 1, N)) / N),
)
IN_BATCH = Facts({k: (1, N)})


def _forward(x: sp.Matrix) -> tuple[sp.Expr, sp.Expr, sp.Matrix]:
    """Batch mean, biased variance, and x̂ for one feature column ``x`` (explicit sizes)."""
    n = x.rows
    mu = sum(x) / n
    var = sum((xi - mu) ** 2 for xi in x) / n
    xhat = (x - sp.ones(n, 1) * mu) / sp.sqrt(var + eps)
    return mu, var, xhat


def _backward(size: int) -> tuple[sp.Matrix, sp.Matrix, sp.Matrix, sp.Matrix]:
    """(x, dy, x̂, dx by the chain rule) for a batch of ``size`` rows, one feature."""
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
_bt = sp.IndexedBase("beta", shape=(D,))
_y = sp.IndexedBase("y", shape=(N, D))
_mean_out = sp.IndexedBase("mean", shape=(D,))
_var_out = sp.IndexedBase("var", shape=(D,))
_xc = _x[_i, _j] - _mu[_j]  # centred input

BATCHNORM_KERNEL = Loops(
    "batchnorm_backward",
    inputs=(_dy, _x, _g, eps),
    outputs=(_dx, _dg, _db),
    stages=(
        # The mean, then the variance from centred values (exact for a large mean and tiny
        # spread), Σdy, and Σ dy·(x − μ), which gives Σ dy·x̂ after one multiplication by
        # 1/√(σ² + ε).  The generator runs these as one pass over blocks of rows: each
        # block's mean, its centred sums from cache, merged by exact shift formulas.
        Assign(_mu[_j], sp.Sum(_x[_i, _j], (_i, 0, N - 1)) / N),
        Assign(_rstd[_j], 1 / sp.sqrt(sp.Sum(_xc**2, (_i, 0, N - 1)) / N + eps)),
        Assign(_db[_j], sp.Sum(_dy[_i, _j], (_i, 0, N - 1))),
        Assign(_dg[_j], _rstd[_j] * sp.Sum(_dy[_i, _j] * _xc, (_i, 0, N - 1))),
        Assign(_coef[_j], _g[_j] * _rstd[_j] / N),
        # Pass 2: dx = γ/(N√(σ²+ε)) · (N dy − Σdy − x̂ Σ(dy x̂)).
        Assign(_dx[_i, _j], _coef[_j] * (N * _dy[_i, _j] - _db[_j] - _xc * _rstd[_j] * _dg[_j])),
    ),
    why="Two passes over row-major (N, D) data, each walking rows contiguously: statistics by "
    "blocks of rows (per-thread chunks, merged exactly), then dx.",
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


def _sum_dy(body: sp.Expr) -> sp.Sum:
    return sp.Sum(dys[i] * body, (i, 1, N))


BATCHNORM_BACKWARD = Derivation(
    name="batchnorm_backward",
    title="BatchNorm backward: the compact closed form of ∂L/∂x",
    source=source(DL_TECHNIQUES, "Batch Normalization"),
    korean="배치 정규화",
    statement="dx = γ/(N√(σ²+ε)) · (N·dy − Σdy − x̂·Σ(dy·x̂)), sums over the batch, per feature. The "
    "note describes the forward procedure in words; this is its backward pass.",
    stated=False,
    claim=claim(
        sp.Derivative(L, xs[k], evaluate=False),
        gamma
        / (N * root)
        * (N * dys[k] - sp.Sum(dys[r], (r, 1, N)) - xhats[k] * sp.Sum(dys[r] * xhats[r], (r, 1, N))),
    ),
    definitions=BN_FORWARD,
    # What SymPy derives: the vector–Jacobian product Σ_i dy_i ∂y_i/∂x_k with an arbitrary dy.
    derived_expr=_sum_dy(sp.Derivative(ys[i], xs[k])),
    facts=IN_BATCH,
    steps=(
        Step(
            gamma * _sum_dy(sp.Derivative(xhats[i], xs[k])),
            "chain rule through y_i = γx̂_i + β: only x̂ depends on x",
        ),
        Step(
            gamma
            * _sum_dy(
                (sp.KroneckerDelta(i, k) - sp.Derivative(mu, xs[k])) / root
                - (xs[i] - mu) * sp.Derivative(var, xs[k]) / (2 * root**3)
            ),
            "quotient rule on x̂_i = (x_i − μ)/√(σ² + ε): one path through μ, one through σ²",
        ),
        Step(
            gamma
            * _sum_dy((sp.KroneckerDelta(i, k) - 1 / N) / root - (xs[i] - mu) * (xs[k] - mu) / (N * root**3)),
            "∂μ/∂x_k = 1/N; ∂σ²/∂x_k = 2(x_k − μ)/N, because the deviations x_j − μ sum to 0",
        ),
        Step(
            gamma / root * (dys[k] - sp.Sum(dys[i], (i, 1, N)) / N)
            - gamma * (xs[k] - mu) / (N * root**3) * _sum_dy(xs[i] - mu),
            "Σ_i dy_i δ_ik = dy_k; what does not depend on i leaves the sums",
        ),
        Step(
            gamma
            / (N * root)
            * (N * dys[k] - sp.Sum(dys[r], (r, 1, N)) - xhats[k] * sp.Sum(dys[r] * xhats[r], (r, 1, N))),
            "write (x − μ)/√(σ² + ε) as x̂ and take 1/(N√(σ² + ε)) out: the compact form",
        ),
    ),
    sizes=(1, 2, 3),
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
    stated=False,
    claim=claim(
        sp.Matrix([sp.Derivative(L, gamma, evaluate=False), sp.Derivative(L, beta, evaluate=False)]),
        sp.Matrix([sp.Sum(dys[r] * xhats[r], (r, 1, N)), sp.Sum(dys[r], (r, 1, N))]),
    ),
    definitions=BN_FORWARD,
    derived_expr=sp.Matrix([_sum_dy(sp.Derivative(ys[i], gamma)), _sum_dy(sp.Derivative(ys[i], beta))]),
    sizes=(1, 2, 3),
    explicit=_param_grads,
)

DERIVATIONS = (BATCHNORM_BACKWARD, BATCHNORM_PARAM_GRADS)


def _bn_forward_stats(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    x = entries("x", size)
    _, var, xhat = _forward(x)
    mean_hat = sum(xhat) / size
    var_hat = sum(v**2 for v in xhat) / size - mean_hat**2
    return sp.Matrix([mean_hat, var_hat]), sp.Matrix([0, var / (var + eps)])


def _moments(values: sp.IndexedBase, count: sp.Symbol) -> sp.Matrix:
    """The mean and the biased variance (mean of squares minus squared mean) of values[1..count]."""
    mean = sp.Sum(values[i], (i, 1, count)) / count
    return sp.Matrix([mean, sp.Sum(values[i] ** 2, (i, 1, count)) / count - mean**2])


BATCHNORM_FORWARD = Derivation(
    name="batchnorm_forward_statistics",
    title="BatchNorm's normalised values have mean 0 and variance σ²/(σ² + ε)",
    source=source(DL_TECHNIQUES, "Batch Normalization: procedure"),
    korean="배치 정규화",
    statement="Over the batch, x̂ has mean exactly 0 and variance σ²/(σ² + ε) — 'mean 0, variance 1' up "
    "to the ε that keeps the division safe; γ and β then set the scale and shift.",
    claim=claim(
        sp.Matrix([sp.Function("mean")(sp.Symbol("xhat")), Variance(sp.Symbol("xhat"))]),
        sp.Matrix([0, var / (var + eps)]),
    ),
    definitions=BN_FORWARD,
    derived_expr=_moments(xhats, N),
    sizes=(1, 2, 3),
    explicit=_bn_forward_stats,
    conventions=(
        "Var is the batch's own (biased) variance: the mean of squares minus the square of the mean.",
        "The kernel returns y, the batch mean and the biased variance (training mode, as "
        "torch.nn.functional.batch_norm with training=True uses them).",
    ),
    kernel=Loops(
        "batchnorm_forward",
        inputs=(_x, _g, _bt, eps),
        outputs=(_y, _mean_out, _var_out),
        stages=(
            Assign(_mean_out[_j], sp.Sum(_x[_i, _j], (_i, 0, N - 1)) / N),
            Assign(_var_out[_j], sp.Sum((_x[_i, _j] - _mean_out[_j]) ** 2, (_i, 0, N - 1)) / N),
            Assign(_rstd[_j], 1 / sp.sqrt(_var_out[_j] + eps)),
            Assign(_y[_i, _j], _g[_j] * (_x[_i, _j] - _mean_out[_j]) * _rstd[_j] + _bt[_j]),
        ),
        why="The column mean and the centred variance in one blocked pass over rows (exact shift "
        "merges, as in the backward kernel), then y in a second pass.",
        reference=lambda size: _bn_forward_reference(size),
        reference_sizes=(1, 2, 3),
    ),
)


def _bn_forward_reference(size: int) -> tuple[dict, dict]:
    cols = []
    means, variances = [], []
    for col in range(2):
        x = sp.Matrix([entries("x", size, 2)[r, col] for r in range(size)])
        g, b = sp.Symbol(f"gamma[{col}]", real=True), sp.Symbol(f"beta[{col}]", real=True)
        mu, var, xhat = _forward(x)
        cols.append(g * xhat + sp.ones(size, 1) * b)
        means.append(mu)
        variances.append(var)
    return {N: size, D: 2}, {
        _y: sp.Matrix.hstack(*cols),
        _mean_out: sp.Matrix(means),
        _var_out: sp.Matrix(variances),
    }


# -- LayerNorm: the same normalisation over the last axis of each sample -----------------------------
def _layernorm_rows(x: sp.Matrix, g: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    rows = []
    for r in range(x.rows):
        _, _, xhat = _forward(x[r, :].T)
        rows.append((xhat.multiply_elementwise(g) + b).T)
    return sp.Matrix.vstack(*rows)


def _layernorm_independent(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    x = entries("x", 2, size)
    y = _layernorm_rows(x, sp.ones(size, 1), sp.zeros(size, 1))
    return y[0, :].jacobian(x[1, :]), sp.zeros(size, size)


# One batch of samples a = 1..B with D features each: x[a, j].  LayerNorm of sample a uses
# only that sample's row.
_a, _b = sp.symbols("a b", integer=True)
_rows_x = sp.IndexedBase("x", real=True)


def _ln_of(a: sp.Symbol, feature: sp.Expr) -> sp.Expr:
    mean = sp.Sum(_rows_x[a, j], (j, 1, D)) / D
    variance = sp.Sum((_rows_x[a, j] - mean) ** 2, (j, 1, D)) / D
    return (_rows_x[a, feature] - mean) / sp.sqrt(variance + eps)


LAYERNORM_PER_SAMPLE = Derivation(
    name="layernorm_independent_of_batch",
    title="LayerNorm of one sample does not depend on the others",
    source=source(DL_TECHNIQUES, "Layer Normalization: features"),
    korean="층 정규화",
    statement="∂LN(x_a)_i/∂x_{b,k} = 0 for samples a ≠ b: statistics are taken over each sample's own "
    "features (the last axis), so LayerNorm works the same for any batch size, even 1.",
    claim=claim(sp.Derivative(sp.IndexedBase("LN")[_a, i], _rows_x[_b, k], evaluate=False), 0),
    derived_expr=sp.Derivative(_ln_of(_a, i), _rows_x[_b, k]),
    facts=Facts({i: (1, D), k: (1, D)}, distinct=((_a, _b),)),
    sizes=(1, 2, 3),
    explicit=_layernorm_independent,
)

_ln_x = sp.IndexedBase("x", shape=(N, D))
_ln_dy = sp.IndexedBase("dy", shape=(N, D))
_ln_g = sp.IndexedBase("gamma", shape=(D,))
_ln_dx = sp.IndexedBase("dx", shape=(N, D))
_ln_dg = sp.IndexedBase("dgamma", shape=(D,))
_ln_db = sp.IndexedBase("dbeta", shape=(D,))
_ln_mu = sp.IndexedBase("mu", shape=(N,))
_ln_rstd = sp.IndexedBase("rstd", shape=(N,))
_ln_s1 = sp.IndexedBase("sum_g", shape=(N,))
_ln_s2 = sp.IndexedBase("sum_gxhat", shape=(N,))
_kk = sp.Idx("k", D)
_ln_xc = _ln_x[_i, _kk] - _ln_mu[_i]
_ln_gdy = _ln_g[_kk] * _ln_dy[_i, _kk]

LAYERNORM_KERNEL = Loops(
    "layernorm_backward",
    inputs=(_ln_dy, _ln_x, _ln_g, eps),
    outputs=(_ln_dx, _ln_dg, _ln_db),
    stages=(
        # Per sample (row): mean, then the variance from centred values together with Σ γ·dy and
        # Σ γ·dy·x̂ (the two sums the input gradient needs).
        Assign(_ln_mu[_i], sp.Sum(_ln_x[_i, _kk], (_kk, 0, D - 1)) / D),
        Assign(_ln_rstd[_i], 1 / sp.sqrt(sp.Sum(_ln_xc**2, (_kk, 0, D - 1)) / D + eps)),
        Assign(_ln_s1[_i], sp.Sum(_ln_gdy, (_kk, 0, D - 1))),
        Assign(_ln_s2[_i], sp.Sum(_ln_gdy * _ln_xc, (_kk, 0, D - 1)) * _ln_rstd[_i]),
        # dx = (1/(D σ)) (D γ dy − Σγdy − x̂ Σ(γ dy x̂)), the BatchNorm form with the axes swapped.
        Assign(
            _ln_dx[_i, _j],
            _ln_rstd[_i]
            / D
            * (
                D * _ln_g[_j] * _ln_dy[_i, _j]
                - _ln_s1[_i]
                - (_ln_x[_i, _j] - _ln_mu[_i]) * _ln_rstd[_i] * _ln_s2[_i]
            ),
        ),
        # Parameter gradients: column sums over the batch.
        Assign(
            _ln_dg[_j], sp.Sum(_ln_dy[_i, _j] * (_ln_x[_i, _j] - _ln_mu[_i]) * _ln_rstd[_i], (_i, 0, N - 1))
        ),
        Assign(_ln_db[_j], sp.Sum(_ln_dy[_i, _j], (_i, 0, N - 1))),
    ),
    why="Row statistics with scalar accumulators (two passes per row), the dx pass, then one fused pass "
    "for the column sums of dγ and dβ.",
    reference=lambda size: _layernorm_reference(size),
    reference_sizes=(1, 2, 3),
)


def _layernorm_reference(size: int) -> tuple[dict, dict]:
    rows = 2
    x, dy = entries("x", rows, size), entries("dy", rows, size)
    g = sp.Matrix([sp.Symbol(f"gamma[{k}]", real=True) for k in range(size)])
    y = _layernorm_rows(x, g, sp.zeros(size, 1))
    flat_y, flat_x, flat_dy = y.reshape(rows * size, 1), x.reshape(rows * size, 1), dy.reshape(rows * size, 1)
    dx = (flat_y.jacobian(flat_x).T * flat_dy).reshape(rows, size)
    dgamma = flat_y.jacobian(g).T * flat_dy
    dbeta = sp.Matrix([sum(dy[r, k] for r in range(rows)) for k in range(size)])
    return {N: rows, D: size}, {_ln_dx: dx, _ln_dg: dgamma, _ln_db: dbeta}


def _ln_dx_claim(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    """One sample of ``size`` features: dx by the chain rule vs the compact form."""
    x, dy = entries("x", size), entries("dy", size)
    g = sp.Matrix([sp.Symbol(f"gamma[{k}]", real=True) for k in range(size)])
    _, var, xhat = _forward(x)
    y = xhat.multiply_elementwise(g)
    derived = y.jacobian(x).T * dy
    gdy = g.multiply_elementwise(dy)
    compact = (size * gdy - sp.ones(size, 1) * sum(gdy) - xhat * sum(gdy.multiply_elementwise(xhat))) / (
        size * sp.sqrt(var + eps)
    )
    return derived, compact


# One sample's D features: the BatchNorm forward pass with the axis changed, γ and β per feature,
# and g_r = γ_r dy_r the upstream gradient as x̂ sees it.
gammas, betas, gs = (sp.IndexedBase(n, real=True) for n in ("gamma", "beta", "g"))
LN_FORWARD = (
    (ys[r], gammas[r] * xhats[r] + betas[r]),
    (gs[r], gammas[r] * dys[r]),
    (xhats[r], (xs[r] - mu) / root),
    (var, sp.Sum((xs[j] - mu) ** 2, (j, 1, D)) / D),
    (mu, sp.Sum(xs[j], (j, 1, D)) / D),
)

LAYERNORM_BACKWARD = Derivation(
    name="layernorm_backward",
    title="LayerNorm backward over the last axis",
    source=source(ML_LIFECYCLE, "Transformers: Layer Normalization"),
    korean="층 정규화",
    statement="For one sample with D features and g = γ⊙dy: dx = (D·g − Σg − x̂·Σ(g x̂)) / (D√(σ² + ε)); "
    "dγ and dβ sum dy·x̂ and dy over the batch. The note names the normalisation; this is its "
    "backward pass.",
    stated=False,
    claim=claim(
        sp.Derivative(L, xs[k], evaluate=False),
        (D * gs[k] - sp.Sum(gs[r], (r, 1, D)) - xhats[k] * sp.Sum(gs[r] * xhats[r], (r, 1, D))) / (D * root),
    ),
    definitions=LN_FORWARD,
    derived_expr=sp.Sum(dys[i] * sp.Derivative(ys[i], xs[k]), (i, 1, D)),
    facts=Facts({k: (1, D)}),
    steps=(
        Step(
            sp.Sum(gs[i] * sp.Derivative(xhats[i], xs[k]), (i, 1, D)),
            "chain rule through y_i = γ_i x̂_i + β_i; write g_i = γ_i dy_i",
        ),
        Step(
            sp.Sum(
                gs[i]
                * ((sp.KroneckerDelta(i, k) - 1 / D) / root - (xs[i] - mu) * (xs[k] - mu) / (D * root**3)),
                (i, 1, D),
            ),
            "as for BatchNorm, over the features: ∂μ/∂x_k = 1/D, ∂σ²/∂x_k = 2(x_k − μ)/D",
        ),
        Step(
            (D * gs[k] - sp.Sum(gs[r], (r, 1, D)) - xhats[k] * sp.Sum(gs[r] * xhats[r], (r, 1, D)))
            / (D * root),
            "Σ_i g_i δ_ik = g_k; collect the sums and write x̂",
        ),
    ),
    sizes=(1, 2, 3),
    explicit=_ln_dx_claim,
    conventions=(
        "Statistics over the last axis, biased variance, ε inside the square root (as torch.nn.LayerNorm).",
    ),
    kernel=LAYERNORM_KERNEL,
)

LAYERNORM_STATISTICS = Derivation(
    name="layernorm_computes_statistics",
    title="LayerNorm computes a mean and variance too, in training as at test time",
    source=source(DL_TECHNIQUES, "Layer Normalization: features"),
    korean="층 정규화",
    statement="The note says LayerNorm trains faster because, unlike BatchNorm, it needs no mean or "
    "variance computed during training. A normalisation that computes no statistics of its input acts "
    "on each feature alone: ∂x̂_i/∂x_k = 0 for features i ≠ k.",
    stated=False,
    claim=claim(sp.Derivative(xhats[i], xs[k]), 0),
    definitions=LN_FORWARD,
    facts=Facts({i: (1, D), k: (1, D)}, distinct=((i, k),)),
    holds=False,
    correction=claim(sp.Derivative(xhats[i], xs[k]), -(1 + xhats[i] * xhats[k]) / (D * root)),
    truth="LayerNorm computes the mean and the variance of each sample's D features, in training and at "
    "test time, so every x̂_i depends on every feature of its sample: ∂x̂_i/∂x_k = −(1 + x̂_i x̂_k)/(D√(σ² + "
    "ε)) for i ≠ k. Counting, BatchNorm (per feature, over N samples) and LayerNorm (per sample, over D "
    "features) both reduce all N·D entries twice, once for the mean and once for the variance. What "
    "LayerNorm does without is running averages for inference and any dependence on the batch "
    "(layernorm_independent_of_batch).",
    conventions=("Statistics over the last axis, biased variance, ε inside the square root.",),
)

_ln_b = sp.IndexedBase("beta", shape=(D,))
_ln_y = sp.IndexedBase("y", shape=(N, D))
_ln_mean = sp.IndexedBase("mean", shape=(N,))
_ln_rstd_out = sp.IndexedBase("rstd", shape=(N,))


def _ln_forward_reference(size: int) -> tuple[dict, dict]:
    rows = 2
    x = entries("x", rows, size)
    g = sp.Matrix([sp.Symbol(f"gamma[{k}]", real=True) for k in range(size)])
    b = sp.Matrix([sp.Symbol(f"beta[{k}]", real=True) for k in range(size)])
    y = _layernorm_rows(x, g, b)
    means, rstds = [], []
    for r in range(rows):
        mu, var, _ = _forward(x[r, :].T)
        means.append(mu)
        rstds.append(1 / sp.sqrt(var + eps))
    return {N: rows, D: size}, {_ln_y: y, _ln_mean: sp.Matrix(means), _ln_rstd_out: sp.Matrix(rstds)}


LAYERNORM_FORWARD = Derivation(
    name="layernorm_forward_statistics",
    title="LayerNorm's normalised features have mean 0 and variance σ²/(σ² + ε), sample by sample",
    source=source(ML_LIFECYCLE, "Transformers: Layer Normalization"),
    korean="층 정규화",
    statement="Over one sample's D features, x̂ has mean exactly 0 and variance σ²/(σ² + ε), whatever the "
    "batch holds: the same normalisation as BatchNorm, taken over the other axis.",
    stated=False,
    claim=claim(
        sp.Matrix([sp.Function("mean")(sp.Symbol("xhat")), Variance(sp.Symbol("xhat"))]),
        sp.Matrix([0, var / (var + eps)]),
    ),
    definitions=LN_FORWARD,
    derived_expr=_moments(xhats, D),
    conventions=(
        "Statistics over the last axis, biased variance, ε inside the square root (torch.nn.LayerNorm).",
        "The kernel returns y, each sample's mean and 1/√(σ² + ε) (what LayerNorm's backward pass reuses).",
    ),
    kernel=Loops(
        "layernorm_forward",
        inputs=(_ln_x, _ln_g, _ln_b, eps),
        outputs=(_ln_y, _ln_mean, _ln_rstd_out),
        stages=(
            Assign(_ln_mean[_i], sp.Sum(_ln_x[_i, _kk], (_kk, 0, D - 1)) / D),
            Assign(
                _ln_rstd_out[_i],
                1 / sp.sqrt(sp.Sum((_ln_x[_i, _kk] - _ln_mean[_i]) ** 2, (_kk, 0, D - 1)) / D + eps),
            ),
            Assign(_ln_y[_i, _j], _ln_g[_j] * (_ln_x[_i, _j] - _ln_mean[_i]) * _ln_rstd_out[_i] + _ln_b[_j]),
        ),
        why="Per sample (row): the mean, the centred variance, then y — three sweeps of one row, "
        "which stays in cache.",
        reference=lambda size: _ln_forward_reference(size),
        reference_sizes=(1, 2, 3),
    ),
)

# -- scaling the data: what lets a kernel normalise values whose variance float64 cannot hold ---------
_c = sp.Symbol("c", positive=True)
_sum_x = sp.Sum(xs[j], (j, 1, D))
_sum_sq = sp.Sum((xs[j] - _sum_x / D) ** 2, (j, 1, D))
_scaled_mean = sp.Sum(_c * xs[j], (j, 1, D)) / D
SCALE_INVARIANCE = Derivation(
    name="normalization_scale_invariance",
    title="Scaling x by c > 0 and ε by c² leaves the normalised values unchanged",
    source=source(DL_TECHNIQUES, "Layer Normalization"),
    korean="층 정규화",
    statement="Normalise c·x (c > 0) with c²·ε in place of ε: the mean becomes c·μ, the variance c²·σ², "
    "and x̂ = (c·x − c·μ)/√(c²σ² + c²ε) = (x − μ)/√(σ² + ε), for any number D of values. symdl's "
    "LayerNorm and BatchNorm kernels rely on it for values so large (|x| ≳ 1e154) that σ² itself "
    "overflows float64: they normalise x/2^k with ε/4^k instead (dividing by a power of two is exact) "
    "and return the same x̂, with μ = 2^k·μ′ and 1/√(σ² + ε) = 2^(−k)/√(σ′² + ε′).",
    stated=False,
    claim=claim(sp.Symbol("xhat_r(c·x, c²·ε)"), xhats[r]),
    definitions=((xhats[r], (xs[r] - mu) / root), LN_FORWARD[3], LN_FORWARD[4]),
    derived_expr=(_c * xs[r] - _scaled_mean)
    / sp.sqrt(sp.Sum((_c * xs[j] - _scaled_mean) ** 2, (j, 1, D)) / D + _c**2 * eps),
    steps=(
        Step(
            (_c * xs[r] - _c * _sum_x / D)
            / sp.sqrt(sp.Sum((_c * xs[j] - _c * _sum_x / D) ** 2, (j, 1, D)) / D + _c**2 * eps),
            "the constant c leaves the mean's sum: the mean of c·x is c·μ",
        ),
        Step(
            (_c * xs[r] - _c * _sum_x / D)
            / sp.sqrt(sp.Sum(_c**2 * (xs[j] - _sum_x / D) ** 2, (j, 1, D)) / D + _c**2 * eps),
            "(c·a)² = c²·a² in every term of the variance",
        ),
        Step(
            (_c * xs[r] - _c * _sum_x / D) / sp.sqrt(_c**2 * (_sum_sq / D + eps)),
            "c² leaves the variance's sum: the variance of c·x is c²·σ², and c²σ² + c²ε = c²(σ² + ε)",
        ),
        Step((xs[r] - mu) / root, "√(c²) = c for c > 0, and c cancels"),
    ),
    conventions=("The same holds for BatchNorm, whose statistics are taken over a column instead of a row.",),
)

BATCHNORM_SCALE_SHIFT = Derivation(
    name="batchnorm_scale_shift",
    title="γ and β set the output's spread and centre, and can undo the normalisation",
    source=source(DL_TECHNIQUES, "Batch Normalization: procedure"),
    korean="배치 정규화",
    statement="For y = γx̂ + β over the batch: mean(y) = β and Var(y) = γ²·σ²/(σ² + ε), for any batch size "
    "N. So the learned γ and β choose each feature's spread and centre after normalising, and "
    "γ = √(σ² + ε), β = μ give y = x back (batchnorm_can_undo_itself): normalising never takes "
    "away what a layer could represent.",
    stated=False,
    claim=claim(
        sp.Matrix([sp.Function("mean")(sp.Symbol("y")), Variance(sp.Symbol("y"))]),
        sp.Matrix([beta, gamma**2 * var / (var + eps)]),
    ),
    definitions=BN_FORWARD,
    derived_expr=_moments(ys, N),
    conventions=("Var is the batch's own (biased) variance, as in batchnorm_forward_statistics.",),
)

BATCHNORM_UNDO = Derivation(
    name="batchnorm_can_undo_itself",
    title="With γ = √(σ² + ε) and β = μ, BatchNorm returns its input",
    source=source(DL_TECHNIQUES, "Batch Normalization: procedure"),
    korean="배치 정규화",
    statement="y_k = γ(x_k − μ)/√(σ² + ε) + β is exactly x_k when γ = √(σ² + ε) and β = μ, for every "
    "sample k of any batch: the identity is one of the maps a BatchNorm layer can learn.",
    stated=False,
    claim=claim(ys[k], xs[k]),
    definitions=(BN_FORWARD[0], BN_FORWARD[1], (gamma, root), (beta, mu), *BN_FORWARD[2:]),
    derived_expr=ys[k],
    facts=IN_BATCH,
)

DERIVATIONS = (
    *DERIVATIONS,
    SCALE_INVARIANCE,
    BATCHNORM_FORWARD,
    BATCHNORM_SCALE_SHIFT,
    BATCHNORM_UNDO,
    LAYERNORM_PER_SAMPLE,
    LAYERNORM_BACKWARD,
    LAYERNORM_FORWARD,
    LAYERNORM_STATISTICS,
)
