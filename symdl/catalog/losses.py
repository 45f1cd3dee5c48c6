"""Losses: MAE, MSE, binary and categorical cross-entropy, their gradients and meaning.

Gradients are with respect to one prediction (or one row of logits); a mean over a
batch divides each by the batch size.  y is the target, ŷ (or p) the prediction, z
logits.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import ALL_ABOUT_DL, DEEP_LEARNING, SIGMOID, claim, sigma, source
from symdl.catalog.initialization import expectation
from symdl.catalog.softmax import (
    SOFTMAX_DEF,
    S,
    n_classes,
    ps,
    softmax_stages,
    softmax_vector,
    zs,
)
from symdl.codegen.spec import Assign, Loops, Maximum, entries, entry
from symdl.notation import Expectation
from symdl.record import Derivation, Facts, Step

r = sp.Symbol("r", real=True)  # a residual ŷ − y
y = sp.Symbol("y", real=True)
yhat = sp.Symbol("yhat", real=True)
p = sp.Symbol("p", positive=True)
z = sp.Symbol("z", real=True)
var = sp.Symbol("sigma^2", positive=True)
alpha = sp.Symbol("alpha", positive=True)
_i, _j, _k, _c = sp.symbols("i j k c", integer=True)
_n = sp.Symbol("n", integer=True, positive=True)
_ys, _yhats = sp.IndexedBase("y", real=True), sp.IndexedBase("yhat", real=True)
L = sp.Symbol("L")

MAE_GRADIENT = Derivation(
    name="mae_gradient",
    title="MAE's gradient is the sign of the residual",
    source=source(DEEP_LEARNING, "Loss functions: mean absolute error"),
    korean="평균 절대 오차",
    statement="d|ŷ − y|/dŷ = sign(ŷ − y): every error pulls with the same strength, which is why MAE "
    "is less sensitive to outliers than MSE.",
    claim=claim(sp.Derivative(sp.Abs(r), r), sp.sign(r)),
    domain=((r, -5.0, 5.0),),
    conventions=("At r = 0 the derivative does not exist; sign(0) = 0 is the usual convention.",),
)


def _mse(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    yh, ys = entries("yhat", size), entries("y", size)
    loss = sum((a - b) ** 2 for a, b in zip(yh, ys, strict=True)) / size
    return sp.Matrix([sp.diff(loss, a) for a in yh]), 2 * (yh - ys) / size


MSE_GRADIENT = Derivation(
    name="mse_gradient",
    title="MSE's gradient grows with the error",
    source=source(DEEP_LEARNING, "Loss functions: mean squared error"),
    korean="평균 제곱 오차",
    statement="∂/∂ŷ_i of (1/n)Σ(ŷ − y)² is 2(ŷ_i − y_i)/n: large errors (outliers) dominate.",
    claim=claim(sp.Derivative(L, _yhats[_i], evaluate=False), 2 * (_yhats[_i] - _ys[_i]) / _n),
    definitions=((L, sp.Sum((_yhats[_k] - _ys[_k]) ** 2, (_k, 1, _n)) / _n),),
    derived_expr=sp.Derivative(L, _yhats[_i]),
    facts=Facts({_i: (1, _n)}),
    sizes=(1, 2, 3),
    explicit=_mse,
)

_bce = -(y * sp.log(p) + (1 - y) * sp.log(1 - p))
BCE_GRADIENT = Derivation(
    name="bce_gradient",
    title="Binary cross-entropy's gradient in the probability",
    source=source(DEEP_LEARNING, "Loss functions: binary cross-entropy"),
    korean="이진 교차 엔트로피",
    statement="For L = −[y log p + (1 − y) log(1 − p)], dL/dp = (p − y)/(p(1 − p)), which blows up as p → 0 "
    "or 1 — one reason to differentiate through the logit instead.",
    claim=claim(sp.Derivative(_bce, p), (p - y) / (p * (1 - p))),
    domain=((p, 0.01, 0.99), (y, 0.0, 1.0)),
)

SIGMOID_BCE = Derivation(
    name="sigmoid_bce_logit_gradient",
    title="Sigmoid followed by binary cross-entropy: the gradient is σ(z) − y",
    source=source(DEEP_LEARNING, "Loss functions: binary cross-entropy"),
    korean="이진 교차 엔트로피",
    statement="With p = σ(z), dL/dz = σ(z) − y: the 1/(p(1 − p)) of the BCE gradient cancels σ′.",
    claim=claim(sp.Derivative(-(y * sp.log(sigma(z)) + (1 - y) * sp.log(1 - sigma(z))), z), sigma(z) - y),
    definitions=((sigma(z), SIGMOID[1].subs(SIGMOID[0].args[0], z)),),
    domain=((z, -8.0, 8.0), (y, 0.0, 1.0)),
)


def _ce_gradient(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    zs, ys = entries("z", size), entries("y", size)
    # Any target distribution: the last entry is 1 minus the others (one-hot is a special case).
    ys[size - 1] = 1 - sum(ys[: size - 1])
    ps = softmax_vector(zs)
    loss = -sum(yk * sp.log(pk) for yk, pk in zip(ys, ps, strict=True))
    return sp.Matrix([sp.diff(loss, zk) for zk in zs]), ps - ys


_ce_loss = -sp.Sum(_ys[_k] * sp.log(ps[_k]), (_k, 1, n_classes))
SOFTMAX_CE = Derivation(
    name="softmax_cross_entropy_gradient",
    title="Softmax followed by cross-entropy: the gradient is p − y",
    source=source(DEEP_LEARNING, "Loss functions: categorical cross-entropy"),
    korean="범주 교차 엔트로피",
    statement="For L = −Σ_k y_k log softmax(z)_k and any target with Σ_k y_k = 1 (one-hot or smoothed), "
    "∂L/∂z_j = p_j − y_j.",
    claim=claim(sp.Derivative(L, zs[_j], evaluate=False), ps[_j] - _ys[_j]),
    definitions=((L, _ce_loss), *SOFTMAX_DEF),
    derived_expr=sp.Derivative(L, zs[_j]),
    facts=Facts({_j: (1, n_classes)}, values=((sp.Sum(_ys[_k], (_k, 1, n_classes)), 1),)),
    steps=(
        Step(-sp.Sum(_ys[_k] * sp.Derivative(sp.log(ps[_k]), zs[_j]), (_k, 1, n_classes)), "linearity"),
        Step(
            -sp.Sum(_ys[_k] * (sp.KroneckerDelta(_k, _j) - ps[_j]), (_k, 1, n_classes)),
            "∂ log p_k/∂z_j = δ_kj − p_j (log p_k = z_k − log S)",
        ),
        Step(
            -_ys[_j] + ps[_j] * sp.Sum(_ys[_k], (_k, 1, n_classes)), "Σ_k y_k δ_kj = y_j; p_j leaves the sum"
        ),
        Step(ps[_j] - _ys[_j], "the target sums to 1"),
    ),
    sizes=(1, 2, 3),
    explicit=_ce_gradient,
)


def _ce_hessian(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    """The Hessian on explicit logits (the cross-check of the first step's formula)."""
    z = entries("z", size)
    p = softmax_vector(z)
    loss = -sp.log(p[0])  # the class does not matter: the Hessian has no y in it
    return sp.hessian(loss, z), sp.diag(*p) - p * p.T


_v = sp.IndexedBase("v", real=True)
_vbar = sp.Symbol("vbar", real=True)
_nll = -sp.log(ps[_c])  # the class c does not matter: the Hessian has no c in it
CE_HESSIAN = Derivation(
    name="cross_entropy_convex_in_logits",
    title="Cross-entropy is convex in the logits",
    source=source(ALL_ABOUT_DL, "Further question: is CE the best loss for classification?"),
    korean="교차 엔트로피",
    statement="The Hessian of softmax cross-entropy in the logits is diag(p) − ppᵀ, and vᵀ(diag(p) − ppᵀ)v "
    "= Σ_i p_i (v_i − v̄)² ≥ 0 with v̄ = Σ_j p_j v_j: a covariance, positive semi-definite for every "
    "direction v and any number of classes, so CE is convex as a function of the logits.",
    stated=False,
    claim=sp.GreaterThan(
        sp.Sum(_v[_i] * _v[_j] * sp.Derivative(L, zs[_i], zs[_j]), (_i, 1, n_classes), (_j, 1, n_classes)),
        0,
        evaluate=False,
    ),
    definitions=((L, _nll), (_vbar, sp.Sum(ps[_k] * _v[_k], (_k, 1, n_classes))), *SOFTMAX_DEF),
    derived_expr=sp.Sum(
        _v[_i] * _v[_j] * sp.Derivative(L, zs[_i], zs[_j]), (_j, 1, n_classes), (_i, 1, n_classes)
    ),
    facts=Facts({_c: (1, n_classes)}),
    steps=(
        Step(
            sp.Sum(
                _v[_i] * _v[_j] * (ps[_i] * sp.KroneckerDelta(_i, _j) - ps[_i] * ps[_j]),
                (_j, 1, n_classes),
                (_i, 1, n_classes),
            ),
            "the Hessian: ∂²L/∂z_i∂z_j = ∂p_j/∂z_i = p_i δ_ij − p_i p_j (softmax_jacobian), "
            "i.e. diag(p) − ppᵀ",
        ),
        Step(
            sp.Sum(ps[_i] * _v[_i] ** 2, (_i, 1, n_classes)) - _vbar**2,
            "the δ_ij term keeps j = i; the other factors into (Σ_i p_i v_i)²",
        ),
        Step(
            sp.Sum(ps[_i] * (_v[_i] - _vbar) ** 2, (_i, 1, n_classes)),
            "expand the square: Σ p_i v_i² − 2v̄·Σ p_i v_i + v̄²·Σ p_i, and Σ p_i = 1",
        ),
    ),
    sizes=(1, 2),
    explicit=_ce_hessian,
)

# One sample x = 1, label 1, a two-weight linear "network" z = w₂·w₁: L(w) = log(1 + e^(−w₁w₂)).
_w1, _w2 = sp.symbols("w_1 w_2", real=True)
_loss_w = sp.log(1 + sp.exp(-_w1 * _w2))


def _loss_at(a: int, b: int) -> sp.Expr:
    return _loss_w.subs({_w1: a, _w2: b})


CE_NOT_CONVEX_IN_WEIGHTS = Derivation(
    name="cross_entropy_not_convex_in_weights",
    title="Cross-entropy is not convex in a network's weights",
    source=source(ALL_ABOUT_DL, "Further question: is CE the best loss for classification?"),
    korean="교차 엔트로피",
    statement="The note says CE losses are convex, so gradient descent can find the global minimum. As a "
    "function of a network's weights it is not: for the two-weight network z = w₂w₁x (x = 1, "
    "label 1) the loss at the midpoint (0, 0) of (2, 2) and (−2, −2) exceeds their average.",
    claim=sp.LessThan(_loss_at(0, 0), (_loss_at(2, 2) + _loss_at(-2, -2)) / 2, evaluate=False),
    derived_expr=_loss_at(0, 0),
    holds=False,
    correction=sp.StrictGreaterThan(_loss_at(0, 0), (_loss_at(2, 2) + _loss_at(-2, -2)) / 2, evaluate=False),
    truth="CE is convex in the logits (see cross_entropy_convex_in_logits) but a network's loss is not "
    "convex in its weights: L(0,0) = log 2 ≈ 0.693 > (L(2,2) + L(−2,−2))/2 = log(1 + e⁻⁴) ≈ 0.018. "
    "Gradient descent finds a global minimum only in the convex case (e.g. logistic regression).",
)

CE_PENALISES = Derivation(
    name="cross_entropy_penalises_confident_mistakes",
    title="Cross-entropy's penalty −log p falls as p rises and has no upper bound",
    source=source(ALL_ABOUT_DL, "Further question: is CE the best loss for classification?"),
    korean="교차 엔트로피",
    statement="For the probability p a model gives the true class, cross-entropy costs −log p: its slope "
    "−1/p is negative (a better prediction always costs less) and it grows without bound as p → 0, so "
    "confident mistakes cost far more than right predictions — the note's 'penalises incorrect "
    "predictions more than correct ones'.",
    stated=False,
    claim=claim(
        sp.Matrix([sp.Derivative(-sp.log(p), p), sp.Limit(-sp.log(p), p, 0, "+")]), sp.Matrix([-1 / p, sp.oo])
    ),
)

_bce = sp.Function("BCE")
_label, _q = sp.symbols("y q", real=True)
BCE_SYMMETRIC = Derivation(
    name="bce_treats_both_errors_alike",
    title="Plain cross-entropy weighs a missed positive and a false alarm alike",
    source=source(ALL_ABOUT_DL, "Further question: is CE the best loss for classification?"),
    korean="이진 교차 엔트로피",
    statement="The note says cross-entropy punishes wrong predictions more than right ones, which is useful "
    "where false positives and false negatives cost differently. Judgement call on the second half, "
    "taken as: cross-entropy itself weighs the two errors differently — a positive predicted with "
    "probability p, and a negative given probability 1 − p of being negative, would then cost "
    "differently.",
    stated=False,
    claim=sp.Unequality(_bce(1, p), _bce(0, 1 - p), evaluate=False),
    definitions=((_bce(_label, _q), -_label * sp.log(_q) - (1 - _label) * sp.log(1 - _q)),),
    domain=((p, 0.01, 0.99),),
    holds=False,
    correction=claim(_bce(1, p), _bce(0, 1 - p)),
    truth="Unweighted binary cross-entropy is symmetric: BCE(y, p) = BCE(1 − y, 1 − p), so both errors "
    "made with the same confidence cost −log p — it encodes no difference between them. Unequal costs "
    "need class weights (e.g. PyTorch's pos_weight) or a decision threshold chosen for them. The first "
    "half of the sentence is right (cross_entropy_penalises_confident_mistakes).",
)

MSE_GAUSSIAN_NLL = Derivation(
    name="mse_is_gaussian_nll",
    title="MSE is the negative log-likelihood of a Gaussian, up to constants",
    source=source(ALL_ABOUT_DL, "Loss functions in an MLP: MSE, CE, MLE"),
    korean="손실함수",
    statement="−log N(y; ŷ, σ²) = (y − ŷ)²/(2σ²) + log(σ√(2π)): for fixed σ, maximum likelihood and "
    "least squares choose the same ŷ.",
    claim=claim(
        -sp.log(sp.exp(-((y - yhat) ** 2) / (2 * var)) / sp.sqrt(2 * sp.pi * var)),
        (y - yhat) ** 2 / (2 * var) + sp.log(sp.sqrt(var) * sp.sqrt(2 * sp.pi)),
    ),
    # log(a·b) = log a + log b and log e^u = u: valid here, every factor is positive.
    derived_expr=sp.expand_log(-sp.log(sp.exp(-((y - yhat) ** 2) / (2 * var)) / sp.sqrt(2 * sp.pi * var))),
)


def _categorical_nll(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    ps, ys = entries("p", size), entries("y", size)
    ps = ps.applyfunc(lambda e: sp.Symbol(e.name, positive=True))
    likelihood = sp.Mul(*(pk**yk for pk, yk in zip(ps, ys, strict=True)))
    return (
        sp.Matrix([sp.expand_log(-sp.log(likelihood))]),
        sp.Matrix([-sum(yk * sp.log(pk) for pk, yk in zip(ps, ys, strict=True))]),
    )


_probs = sp.IndexedBase("p", positive=True)
CE_CATEGORICAL_NLL = Derivation(
    name="cross_entropy_is_categorical_nll",
    title="Cross-entropy is the negative log-likelihood of a categorical distribution",
    source=source(ALL_ABOUT_DL, "Loss functions in an MLP: MSE, CE, MLE"),
    korean="교차 엔트로피",
    statement="−log ∏_k p_k^(y_k) = −Σ_k y_k log p_k: minimising CE is maximum likelihood (the note's "
    "'MLE' for probabilistic problems).",
    claim=claim(
        -sp.log(sp.Product(_probs[_i] ** _ys[_i], (_i, 1, _n))),
        -sp.Sum(_ys[_i] * sp.log(_probs[_i]), (_i, 1, _n)),
    ),
    derived_expr=-sp.log(sp.Product(_probs[_i] ** _ys[_i], (_i, 1, _n))),
    sizes=(1, 2, 3),
    explicit=_categorical_nll,
)

# y = f + ε with E[ε] = 0, E[ε²] = σ²; the model's prediction f̂ = m + δ with E[δ] = 0, E[δ²] = v,
# independent of ε.  Bias = f − m.
_f, _m, _eps, _delta = sp.symbols("f m epsilon delta", real=True)
_vf = sp.Symbol("v", positive=True)
_noise = sp.Symbol("sigma^2", positive=True)
BIAS_VARIANCE = Derivation(
    name="bias_variance_noise",
    title="Expected squared error = noise + bias² + variance",
    source=source(ALL_ABOUT_DL, "Bias and Variance"),
    statement="For y = f + ε and an independent prediction f̂: E[(y − f̂)²] = σ² + (f − E f̂)² + Var(f̂). "
    "Training can trade bias against variance; the noise σ² is irreducible.",
    claim=claim(Expectation((sp.Symbol("y") - sp.Symbol("fhat")) ** 2), _noise + (_f - _m) ** 2 + _vf),
    derived_expr=expectation(
        (_f + _eps - (_m + _delta)) ** 2, {_eps: {1: 0, 2: _noise}, _delta: {1: 0, 2: _vf}}
    ),
)


def _smoothed(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    target = sp.Matrix([(1 - alpha) * (1 if k == 0 else 0) + alpha / size for k in range(size)])
    return sp.Matrix([sum(target)]), sp.Matrix([1])


_K = sp.Symbol("K", integer=True, positive=True)
_smooth = sp.IndexedBase("y'", real=True)
LABEL_SMOOTHING = Derivation(
    name="label_smoothing_target",
    title="Label smoothing keeps a probability distribution as the target",
    source=source(ALL_ABOUT_DL, "Regularization: label smoothing"),
    statement="y′ = (1 − α)·onehot + α/K sums to 1 over K classes, so the softmax-CE gradient is p − y′ "
    "(softmax_cross_entropy_gradient) and the target for the true class drops to 1 − α(K − 1)/K.",
    claim=claim(sp.Sum(_smooth[_i], (_i, 1, _K)), 1),
    definitions=((_smooth[_k], (1 - alpha) * sp.KroneckerDelta(_k, _c) + alpha / _K),),
    derived_expr=sp.Sum(_smooth[_i], (_i, 1, _K)),
    facts=Facts({_c: (1, _K)}),
    sizes=(1, 2, 3),
    explicit=_smoothed,
)

# -- kernel: p − onehot(labels) per row of logits ---------------------------------------------
_N, _D = sp.symbols("N D", integer=True, positive=True)
_zb = sp.IndexedBase("logits", shape=(_N, _D))
_lb = sp.IndexedBase("labels", shape=(_N,))
_gb = sp.IndexedBase("grad", shape=(_N, _D))
_mb, _sb = sp.IndexedBase("zmax", shape=(_N,)), sp.IndexedBase("total", shape=(_N,))
_row, _col, _k = sp.Idx("i", _N), sp.Idx("j", _D), sp.Idx("k", _D)


def _ce_kernel_reference(size: int) -> tuple[dict, dict, dict]:
    rows, labels = [], {}
    for row in range(2):
        zs = sp.Matrix([entry("logits", row, c) for c in range(size)])
        label = (row + 1) % size
        labels[entry(_lb, row)] = label
        loss = -sp.log(softmax_vector(zs)[label])
        rows.append(sp.Matrix([[sp.diff(loss, zc) for zc in zs]]))
    return {_N: 2, _D: size}, {_gb: sp.Matrix.vstack(*rows)}, labels


SOFTMAX_CE_KERNEL = Derivation(
    name="softmax_cross_entropy_grad_onehot",
    title="The softmax-CE gradient for integer labels",
    source=source(DEEP_LEARNING, "Loss functions: categorical cross-entropy"),
    korean="범주 교차 엔트로피",
    statement="For integer class labels the target is one-hot, and the gradient of the mean-free loss "
    "−log softmax(z)_label is softmax(z) − onehot(label), row by row.",
    claim=claim(sp.Derivative(L, zs[_j], evaluate=False), ps[_j] - sp.KroneckerDelta(_j, _c)),
    definitions=((L, -sp.log(ps[_c])), *SOFTMAX_DEF),
    derived_expr=sp.Derivative(L, zs[_j]),
    facts=Facts({_j: (1, n_classes), _c: (1, n_classes)}),
    steps=(
        Step(
            sp.Derivative(-zs[_c] + sp.log(S), zs[_j]),
            "−log p_c = −z_c + log S (log of a quotient of positives)",
        ),
        Step(-sp.KroneckerDelta(_c, _j) + sp.Derivative(S, zs[_j]) / S, "∂z_c/∂z_j = δ_cj; ∂ log S = ∂S/S"),
        Step(-sp.KroneckerDelta(_c, _j) + sp.exp(zs[_j]) / S, "∂S/∂z_j = e^(z_j)"),
        Step(ps[_j] - sp.KroneckerDelta(_j, _c), "e^(z_j)/S = p_j: softmax minus the one-hot label"),
    ),
    sizes=(1, 2, 3),
    explicit=lambda size: _ce_gradient_onehot(size),
    conventions=("c is the integer class label (1..n here; the kernel counts from 0).",),
    kernel=Loops(
        "softmax_cross_entropy_grad",
        inputs=(_zb, _lb),
        outputs=(_gb,),
        stages=(
            *softmax_stages(_zb, _gb, _mb, _sb, _row, _col, _k),
            Assign(_gb[_row, _col], _gb[_row, _col] / _sb[_row] - sp.KroneckerDelta(_col, _lb[_row])),
        ),
        why="Max-subtracted softmax per row (exp once per element, written to the output, then divided "
        "by the row sum), minus 1 at the label: never overflows, and exactly 0 − 1 at a label whose "
        "probability rounds to 0.",
        reference=_ce_kernel_reference,
        reference_sizes=(1, 2, 3),
        integer_inputs=(_lb,),
    ),
)


def _ce_gradient_onehot(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    zs = entries("z", size)
    ps = softmax_vector(zs)
    label = size - 1  # any fixed class; the proof is the same for each
    loss = -sp.log(ps[label])
    onehot = sp.Matrix([1 if k == label else 0 for k in range(size)])
    return sp.Matrix([sp.diff(loss, zk) for zk in zs]), ps - onehot


# -- the loss itself, per row: log-sum-exp with the maximum taken out -------------------------------------
_shift = sp.Symbol("m", real=True)
_lossb = sp.IndexedBase("loss", shape=(_N,))
_pickb = sp.IndexedBase("picked", shape=(_N,))
_ceb = sp.IndexedBase("logits", shape=(_N, _D))
_mxb, _tob = sp.IndexedBase("zmax", shape=(_N,)), sp.IndexedBase("total", shape=(_N,))


def _ce_loss_reference(size: int) -> tuple[dict, dict, dict]:
    losses, labels = [], {}
    for row in range(2):
        zs_row = sp.Matrix([entry("logits", row, c) for c in range(size)])
        label = (row + 1) % size
        labels[entry(_lb, row)] = label
        losses.append(-sp.log(softmax_vector(zs_row)[label]))
    return {_N: 2, _D: size}, {_lossb: sp.Matrix(losses)}, labels


CE_LOG_SUM_EXP = Derivation(
    name="cross_entropy_log_sum_exp",
    title="Cross-entropy of softmax: m + log Σ e^(z_j − m) − z_c, for any shift m",
    source=source(DEEP_LEARNING, "Loss functions: categorical cross-entropy"),
    korean="범주 교차 엔트로피",
    statement="−log softmax(z)_c = m + log Σ_j e^(z_j − m) − z_c for every real m and any number of classes. "
    "With m = max(z) no exponential overflows and the largest is exactly 1, so the loss is finite and "
    "accurate for logits of ±10⁴, where the textbook −log(e^(z_c)/Σ e^(z_j)) gives inf or nan.",
    stated=False,
    claim=claim(
        -sp.log(ps[_c]), _shift + sp.log(sp.Sum(sp.exp(zs[_k] - _shift), (_k, 1, n_classes))) - zs[_c]
    ),
    definitions=SOFTMAX_DEF,
    derived_expr=-sp.log(ps[_c]),
    facts=Facts({_c: (1, n_classes)}),
    kernel=Loops(
        "softmax_cross_entropy",
        inputs=(_ceb, _lb),
        outputs=(_lossb,),
        stages=(
            Assign(_mxb[_row], Maximum(_ceb[_row, _k], (_k, 0, _D - 1))),
            Assign(_tob[_row], sp.Sum(sp.exp(_ceb[_row, _k] - _mxb[_row]), (_k, 0, _D - 1))),
            Assign(_pickb[_row], sp.Sum(_ceb[_row, _k] * sp.KroneckerDelta(_k, _lb[_row]), (_k, 0, _D - 1))),
            Assign(_lossb[_row], (_mxb[_row] - _pickb[_row]) + sp.log(_tob[_row])),
        ),
        why="Per row: the maximum, Σ exp(z − max) (largest term exactly 1), the logit of the label, then "
        "max − z_label + log Σ: finite for any finite logits, one exp per element.",
        reference=_ce_loss_reference,
        reference_sizes=(1, 2, 3),
        integer_inputs=(_lb,),
    ),
)

DERIVATIONS = (
    MAE_GRADIENT,
    MSE_GRADIENT,
    BCE_GRADIENT,
    SIGMOID_BCE,
    SOFTMAX_CE,
    SOFTMAX_CE_KERNEL,
    CE_HESSIAN,
    CE_NOT_CONVEX_IN_WEIGHTS,
    CE_PENALISES,
    BCE_SYMMETRIC,
    MSE_GAUSSIAN_NLL,
    CE_CATEGORICAL_NLL,
    BIAS_VARIANCE,
    LABEL_SMOOTHING,
    CE_LOG_SUM_EXP,
)
