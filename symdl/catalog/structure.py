"""Network structure and data preprocessing: why nonlinearity, XOR, residuals, dropout, SVD, PCA.

Orthogonal 2×2 matrices are written in the rational (Cayley) parametrisation
U = [[c, −s], [s, c]] with c = (1 − t²)/(1 + t²), s = 2t/(1 + t²): exactly orthogonal,
and SymPy's cancellation proves identities in it without trigonometry.
"""

from __future__ import annotations

import sympy as sp
from sympy import stats
from sympy.solvers.simplex import lpmax

from symdl.catalog._common import (
    ALL_ABOUT_DL,
    DEEP_LEARNING,
    DL_BASICS,
    DL_TECHNIQUES,
    ML_LIFECYCLE,
    SIGMOID,
    claim,
    sigma,
    source,
)
from symdl.codegen.spec import entries
from symdl.notation import Expectation
from symdl.record import Derivation, Facts

I2 = sp.eye(2)


def rotation(t: sp.Symbol) -> sp.Matrix:
    c, s = (1 - t**2) / (1 + t**2), 2 * t / (1 + t**2)
    return sp.Matrix([[c, -s], [s, c]])


# -- linear layers and nonlinearity -------------------------------------------------------------------
def _compose(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    W1, W2 = entries("W1", size, size), entries("W2", size, size)
    b1, b2, x = entries("b1", size), entries("b2", size), entries("x", size)
    return W2 * (W1 * x + b1) + b2, (W2 * W1) * x + (W2 * b1 + b2)


_n, _m, _o = sp.symbols("n m o", integer=True, positive=True)
_i, _j, _k, _l = sp.symbols("i j k l", integer=True)
_W1, _W2 = sp.MatrixSymbol("W_1", _m, _n), sp.MatrixSymbol("W_2", _o, _m)
_b1, _b2, _xv = sp.MatrixSymbol("b_1", _m, 1), sp.MatrixSymbol("b_2", _o, 1), sp.MatrixSymbol("x", _n, 1)
_W1s, _W2s, _b1s, _b2s, _xs = (sp.IndexedBase(name, real=True) for name in ("W1", "W2", "b1", "b2", "x"))

LINEAR_COMPOSITION = Derivation(
    name="linear_layers_compose_to_one",
    title="Stacked linear layers are one linear layer",
    source=source(ALL_ABOUT_DL, "Neural networks: why nonlinear functions"),
    korean="비선형 함수",
    statement="W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂): without a nonlinearity between them, any depth "
    "of linear layers computes a single affine map.",
    claim=claim(_W2 * (_W1 * _xv + _b1) + _b2, (_W2 * _W1) * _xv + (_W2 * _b1 + _b2)),
    # Entry i, for any widths: n inputs, m hidden units, o outputs.
    indexed=(
        sp.Sum(_W2s[_i, _j] * (sp.Sum(_W1s[_j, _l] * _xs[_l], (_l, 1, _n)) + _b1s[_j]), (_j, 1, _m))
        + _b2s[_i],
        sp.Sum(sp.Sum(_W2s[_i, _j] * _W1s[_j, _l], (_j, 1, _m)) * _xs[_l], (_l, 1, _n))
        + sp.Sum(_W2s[_i, _j] * _b1s[_j], (_j, 1, _m))
        + _b2s[_i],
    ),
    facts=Facts({_i: (1, _o)}),
    sizes=(1, 2, 3),
    explicit=_compose,
)

w1, w2, b, margin = sp.symbols("w_1 w_2 b s", real=True)
# A unit step(w₁x₁ + w₂x₂ + b) computing XOR needs, on (0,0), (0,1), (1,0), (1,1):
# b ≤ 0, w₂ + b > 0, w₁ + b > 0, w₁ + w₂ + b ≤ 0.  The strict inequalities hold with some margin
# s > 0 exactly when the largest feasible s is positive: SymPy's exact simplex finds that largest s.
_XOR_CONSTRAINTS = [b <= 0, w2 + b >= margin, w1 + b >= margin, w1 + w2 + b <= 0, margin <= 1]
_best_margin, _ = lpmax(margin, _XOR_CONSTRAINTS)
XOR_SINGLE_LAYER = Derivation(
    name="xor_not_linearly_separable",
    title="A single-layer perceptron cannot compute XOR",
    source=source(DL_BASICS, "Layers and perceptrons: why multiple layers"),
    statement="A unit step(w₁x₁ + w₂x₂ + b) computing XOR needs b ≤ 0, w₁ + b > 0, w₂ + b > 0 and "
    "w₁ + w₂ + b ≤ 0. The largest margin s with w₁ + b ≥ s and w₂ + b ≥ s under the other two is 0 "
    "(exact linear programming), so no weights satisfy the strict inequalities. (Adding them shows "
    "why: (w₁ + b) + (w₂ + b) = (w₁ + w₂ + b) + b ≤ 0.)",
    stated=False,
    claim=sp.LessThan(sp.Function("max_margin")(sp.Symbol("w, b")), 0, evaluate=False),
    derived_expr=_best_margin,
)

_x1, _x2 = sp.symbols("x_1 x_2", real=True)
_relu = sp.Function("relu")
_mlp = _relu(_x1 + _x2) - 2 * _relu(_x1 + _x2 - 1)
XOR_TWO_LAYERS = Derivation(
    name="xor_two_layer_mlp",
    title="Two layers compute XOR",
    source=source(DL_BASICS, "Layers and perceptrons: why multiple layers"),
    statement="relu(x₁ + x₂) − 2·relu(x₁ + x₂ − 1) takes the values 0, 1, 1, 0 on (0,0), (0,1), (1,0), "
    "(1,1): one hidden layer of two ReLUs suffices.",
    claim=claim(sp.Symbol("MLP(inputs)"), sp.Matrix([0, 1, 1, 0])),
    derived_expr=sp.Matrix(
        [_mlp.subs({_x1: a, _x2: c}) for a, c in ((0, 0), (0, 1), (1, 0), (1, 1))]
    ).applyfunc(lambda e: e.replace(_relu, lambda arg: sp.Max(0, arg))),
)


def _residual(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    x = entries("x", size)
    F = sp.Matrix([sp.Function(f"F_{i}")(*x) for i in range(size)])
    return (x + F).jacobian(x), sp.eye(size) + F.jacobian(x)


_F = sp.Function("F")
RESIDUAL_GRADIENT = Derivation(
    name="residual_connection_gradient",
    title="A residual connection adds the identity to the Jacobian",
    source=source(DL_TECHNIQUES, "Residual Connection: formula y = F(x) + x"),
    korean="잔차 연결",
    statement="∂(F(x) + x)/∂x = I + ∂F/∂x: the identity carries the gradient straight through, added to "
    "what the branch F contributes, instead of being multiplied by a layer's small slopes — which is "
    "why deep residual networks keep their gradients. It is not a guarantee: I + ∂F/∂x can still be "
    "singular (∂F/∂x = −I gives 0).",
    claim=claim(
        sp.Derivative(sp.MatrixSymbol("y", _n, 1), _xv, evaluate=False),
        sp.Identity(_n) + sp.MatrixSymbol("J_F", _n, _n),
    ),
    # Entry (i, k): y_i = x_i + F_i(x); F_i written as a function of x_k, the entry differentiated.
    indexed=(
        sp.Derivative(_xs[_i] + _F(_i, _xs[_k]), _xs[_k]),
        sp.KroneckerDelta(_i, _k) + sp.Derivative(_F(_i, _xs[_k]), _xs[_k]),
    ),
    facts=Facts({_i: (1, _n), _k: (1, _n)}),
    sizes=(1, 2, 3),
    explicit=_residual,
    conventions=("J_F = ∂F/∂x is the Jacobian of the residual branch, entry (i, k) = ∂F_i/∂x_k.",),
)

p_drop = sp.Symbol("p", positive=True)
xv = sp.Symbol("x", real=True)
DROPOUT_EXPECTATION = Derivation(
    name="inverted_dropout_expectation",
    title="Inverted dropout keeps each unit's expected value",
    source=source(DL_BASICS, "Dropout"),
    korean="드롭아웃",
    statement="A unit kept with probability 1 − p and scaled by 1/(1 − p) has expectation "
    "(1 − p)·x/(1 − p) + p·0 = x: training and test activations agree on average, so nothing is "
    "rescaled at test time. dropout_rate p is each unit's own probability of being dropped.",
    claim=claim(Expectation(sp.Symbol("m") * xv / (1 - p_drop)), xv),
    # The mask m is Bernoulli(1 − p): SymPy's statistics module takes the expectation.
    derived_expr=stats.E(stats.Bernoulli("m", 1 - p_drop) * xv / (1 - p_drop)),
    domain=((p_drop, 0.05, 0.9),),
)


# The four masks of a two-input unit: m_j = 1 keeps input j (probability 1 − p), 0 drops it.
_w2 = sp.symbols("w_1 w_2", real=True)
_x2 = sp.symbols("x_1 x_2", real=True)
_MASKS = ((1, 1), (1, 0), (0, 1), (0, 0))


def _over_masks(of) -> sp.Expr:
    """Σ over the four masks of P(m)·of(pre-activation of the sub-network m, inverted scaling)."""
    total = sp.Integer(0)
    for mask in _MASKS:
        weight = sp.Mul(*((1 - p_drop) if m else p_drop for m in mask))
        pre = sum(m * w * v for m, w, v in zip(mask, _w2, _x2, strict=True)) / (1 - p_drop)
        total += weight * of(pre)
    return total


_full = sum(w * v for w, v in zip(_w2, _x2, strict=True))
DROPOUT_NOT_WEIGHT_AVERAGING = Derivation(
    name="dropout_is_not_weight_averaging",
    title="Dropout trains one set of weights; an ensemble averages predictions, not weights",
    source=source(DL_BASICS, "Dropout"),
    korean="드롭아웃",
    statement="The note describes dropout as an ensemble: one layer is trained several times and the "
    "results are averaged into the final weights. Judgement call on the reading: taken as a claim that "
    "the network with the averaged weights predicts what the ensemble of sub-networks predicts on "
    "average — here for a sigmoid unit with two inputs and all four masks.",
    stated=False,
    claim=claim(_over_masks(sigma), sigma(_full)),
    definitions=(SIGMOID,),
    domain=((p_drop, 0.05, 0.9),),
    holds=False,
    correction=claim(_over_masks(lambda pre: pre), _full),
    truth="Dropout trains a single weight vector w once: each step drops units at random (inverted dropout "
    "scales the kept ones by 1/(1 − p)), and at test time the full network uses w itself — nothing is "
    "trained several times and no weights are averaged. Averaged over the masks, the sub-networks' "
    "pre-activation is exactly the full network's, E_m[wᵀ(m⊙x)]/(1 − p) = wᵀx (shown for two inputs; for "
    "n inputs by linearity of E, inverted_dropout_expectation); a nonlinear output of the full network "
    "only approximates the ensemble's average prediction.",
    shown_for="two inputs (all four dropout masks)",
)

# A layer with dropout on its inputs: y_r = Σ_j W_rj m_j x_j / (1 − p), upstream gradient δ.
_Wd, _md, _xd, _dd = (sp.IndexedBase(name, real=True) for name in ("W", "m", "x", "delta"))
_outs = sp.Symbol("o", integer=True, positive=True)
_a, _c, _r = sp.symbols("a c r", integer=True)
_dropout_layer = sp.Sum(
    _dd[_r] * sp.Sum(_Wd[_r, _j] * _md[_j] * _xd[_j], (_j, 1, _n)) / (1 - p_drop), (_r, 1, _outs)
)
DROPOUT_GRADIENTS = Derivation(
    name="dropout_dropped_unit_gets_no_gradient",
    title="A dropped unit takes part in neither pass, and its weights get no gradient",
    source=source(DEEP_LEARNING, "Regularization: dropout"),
    korean="드롭아웃",
    statement="For a layer y = W(m⊙x)/(1 − p) with a dropout mask m on its n inputs, ∂L/∂W_aj = "
    "δ_a·m_j·x_j/(1 − p) and ∂L/∂x_j = m_j·Σ_a δ_a W_aj/(1 − p), for any sizes: where m_j = 0 the unit "
    "sends nothing forward, receives no gradient, and the whole column of weights leaving it is not "
    "updated at this step — the note's 'only some of the weights are trained'. Units are dropped, each "
    "independently with probability p, so the fraction dropped is p only on average.",
    stated=False,
    claim=claim(
        sp.Matrix([sp.Derivative(sp.Symbol("L"), _Wd[_a, _c]), sp.Derivative(sp.Symbol("L"), _xd[_c])]),
        sp.Matrix(
            [
                _dd[_a] * _md[_c] * _xd[_c] / (1 - p_drop),
                _md[_c] * sp.Sum(_dd[_r] * _Wd[_r, _c], (_r, 1, _outs)) / (1 - p_drop),
            ]
        ),
    ),
    derived_expr=sp.Matrix(
        [sp.Derivative(_dropout_layer, _Wd[_a, _c]), sp.Derivative(_dropout_layer, _xd[_c])]
    ),
    facts=Facts({_a: (1, _outs), _c: (1, _n)}),
    domain=((p_drop, 0.05, 0.9),),
)

# Circuits of XOR gates with the constants 0 and 1: the truth tables on (0,0), (0,1), (1,0), (1,1) they
# compute, closed under XOR-ing any two (a table is a tuple of four bits).
_INPUTS = ((0, 0), (0, 1), (1, 0), (1, 1))


def xor_circuits() -> frozenset[tuple[int, ...]]:
    """Every truth table a circuit of XOR gates over x, y, 0 and 1 computes (a fixed point)."""
    tables = {tuple(a for a, _ in _INPUTS), tuple(b for _, b in _INPUTS), (0, 0, 0, 0), (1, 1, 1, 1)}
    while True:
        more = {tuple(u ^ v for u, v in zip(f, g, strict=True)) for f in tables for g in tables} | tables
        if more == tables:
            return frozenset(tables)
        tables = more


_AND_TABLE = tuple(a & b for a, b in _INPUTS)
_and_by_xor = sp.Symbol("[x ∧ y from XOR gates]")
XOR_NOT_COMPLETE = Derivation(
    name="xor_alone_is_not_complete",
    title="XOR gates alone cannot build every function: AND is out of reach",
    source=source(DL_BASICS, "Layers and perceptrons: why multiple layers"),
    korean="다층 퍼셉트론",
    statement="The note gives as the reason for several layers that one layer cannot compute XOR, and adds "
    "that with XOR alone every target can be told apart. Judgement call on the reading: taken as a "
    "statement about logic — circuits of XOR gates (with the constants 0 and 1) compute every function "
    "of two bits — it is checked here for AND (1 if the circuit computes x ∧ y, else 0).",
    stated=False,
    claim=claim(_and_by_xor, 1),
    derived_expr=sp.Integer(int(_AND_TABLE in xor_circuits())),
    holds=False,
    correction=claim(_and_by_xor, 0),
    truth=f"XOR gates with constants compute exactly the {len(xor_circuits())} affine functions "
    "a·x ⊕ b·y ⊕ c of two bits (the closure computed here), and AND is not one of them, so XOR alone "
    "cannot tell everything apart. What is true: one layer cannot compute XOR (xor_not_linearly_separable), "
    "two layers can (xor_two_layer_mlp), and one hidden layer of nonlinear units can approximate any "
    "continuous function (the universal approximation theorem; cited, not proved here).",
)

# -- SVD ------------------------------------------------------------------------------------------
t_u, t_v = sp.symbols("t_u t_v", real=True)
s1, s2 = sp.symbols("sigma_1 sigma_2", positive=True)
U, V = rotation(t_u), rotation(t_v)
A = U * sp.diag(s1, s2) * V.T
_Usvd, _Vsvd = sp.MatrixSymbol("U", _m, _m), sp.MatrixSymbol("V", _n, _n)
_Ssvd, _Sk, _Dk = (sp.MatrixSymbol(name, _m, _n) for name in ("Sigma", "Sigma_k", "D"))
_Asvd, _Ak = sp.MatrixSymbol("A", _m, _n), sp.MatrixSymbol("A_k", _m, _n)
SVD_TRUNCATION = Derivation(
    name="svd_truncation_error",
    title="Dropping singular values costs exactly the squares of what was dropped",
    source=source(DL_TECHNIQUES, "Singular Value Decomposition"),
    korean="특이값",
    statement="For any m×n matrix A = UΣVᵀ and its truncation A_k = UΣ_kVᵀ (Σ_k keeps σ₁..σ_k and sets the "
    "rest to 0), A − A_k = UDVᵀ with D = Σ − Σ_k, and ‖A − A_k‖_F² = tr((A − A_k)ᵀ(A − A_k)) = "
    "tr(DᵀD): the orthogonal U and V cancel (UᵀU = I, and the trace is cyclic). D is diagonal with "
    "σ_(k+1), …, σ_r, so the error is σ²_(k+1) + ⋯ + σ²_r, the dropped singular values squared. That no "
    "rank-k matrix does better is the Eckart–Young theorem, cited here, not proved.",
    stated=False,
    claim=claim(sp.Symbol("‖A − A_k‖_F²"), sp.Trace(_Dk.T * _Dk)),
    definitions=(
        (_Asvd, _Usvd * _Ssvd * _Vsvd.T),
        (_Ak, _Usvd * _Sk * _Vsvd.T),
        (_Sk, _Ssvd - _Dk),
        (_Usvd.T, _Usvd.I),
        (_Vsvd.T, _Vsvd.I),
    ),
    derived_expr=sp.Trace((_Asvd - _Ak).T * (_Asvd - _Ak)),
    conventions=(
        "U (m×m) and V (n×n) are orthogonal: Uᵀ = U⁻¹, Vᵀ = V⁻¹ (the full SVD).",
        "‖M‖_F² = tr(MᵀM), the sum of the squared entries.",
    ),
)

SVD_COLUMNS = Derivation(
    name="svd_right_vectors_map_to_left",
    title="A·V = U·Σ: each right singular vector v_i is sent to σ_i u_i",
    source=source(DL_TECHNIQUES, "Singular Value Decomposition"),
    korean="특이값",
    statement="For any m×n matrix A = UΣVᵀ with U (m×m) and V (n×n) orthogonal, AV = UΣVᵀV = UΣ; column i "
    "reads A v_i = σ_i u_i. So V's columns are the right singular vectors and U's the left ones, "
    "for every size (the 2×2 erratum svd_right_singular_vectors shows that Vᵀ's columns are not).",
    stated=False,
    claim=claim(_Asvd * _Vsvd, _Usvd * _Ssvd),
    definitions=((_Asvd, _Usvd * _Ssvd * _Vsvd.T), (_Vsvd.T, _Vsvd.I)),
    derived_expr=_Asvd * _Vsvd,
    conventions=("V (n×n) is orthogonal: Vᵀ = V⁻¹ (the full SVD).",),
)

SVD_RIGHT_VECTORS = Derivation(
    name="svd_right_singular_vectors",
    title="The right singular vectors are the columns of V, not of Vᵀ",
    source=source(DL_TECHNIQUES, "Singular Value Decomposition"),
    korean="특이값",
    statement="The note says Vᵀ (n×n, orthogonal) has A's right singular vectors as its columns. Then "
    "A·(Vᵀ)[:, 0] would equal σ₁u₁; for A = UΣVᵀ with symbolic rotations it does not.",
    claim=claim(A * V.T[:, 0], s1 * U[:, 0]),
    derived_expr=A * V.T[:, 0],
    holds=False,
    correction=claim(A * V[:, 0], s1 * U[:, 0]),
    truth="The right singular vectors v_i are the columns of V — the rows of Vᵀ: A v_i = σ_i u_i.",
    shown_for="2×2 matrices (symbolic rotations and singular values)",
)


# -- preprocessing ------------------------------------------------------------------------------------
def _standardise(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    x = entries("x", size)
    mean = sum(x) / size
    std = sp.sqrt(sum((v - mean) ** 2 for v in x) / size)
    z = (x - sp.ones(size, 1) * mean) / std
    zmean = sum(z) / size
    return sp.Matrix([zmean, sum(v**2 for v in z) / size - zmean**2]), sp.Matrix([0, 1])


_N = sp.Symbol("N", integer=True, positive=True)
_zs = sp.IndexedBase("z", real=True)
_mean, _std = sp.Symbol("mu", real=True), sp.Symbol("sigma", positive=True)
STANDARDISATION = Derivation(
    name="zero_centring_and_standardisation",
    title="Zero-centring and dividing by the standard deviation give mean 0, variance 1",
    source=source(ML_LIFECYCLE, "Data preprocessing: zero-centring and normalization"),
    statement="After X −= mean(X, axis=0); X /= std(X, axis=0) each column has mean 0 and (biased, "
    "NumPy's default) variance 1 — for columns that are not constant.",
    claim=claim(
        sp.Matrix([sp.Function("mean")(sp.Symbol("z")), sp.Function("var")(sp.Symbol("z"))]),
        sp.Matrix([0, 1]),
    ),
    definitions=(
        (_zs[_k], (_xs[_k] - _mean) / _std),
        (_std, sp.sqrt(sp.Sum((_xs[_j] - _mean) ** 2, (_j, 1, _N)) / _N)),
        (_mean, sp.Sum(_xs[_j], (_j, 1, _N)) / _N),
    ),
    derived_expr=sp.Matrix(
        [
            sp.Sum(_zs[_i], (_i, 1, _N)) / _N,
            sp.Sum(_zs[_i] ** 2, (_i, 1, _N)) / _N - (sp.Sum(_zs[_i], (_i, 1, _N)) / _N) ** 2,
        ]
    ),
    sizes=(2, 3, 4),
    explicit=_standardise,
    conventions=("np.std uses ddof = 0 (divide by N); a constant column would divide by 0.",),
)

lam1, lam2 = sp.symbols("lambda_1 lambda_2", positive=True)
t_c = sp.Symbol("t", real=True)
_U = rotation(t_c)
_Lam = sp.diag(lam1, lam2)
_Sigma = _U * _Lam * _U.T  # any 2×2 covariance, by the spectral theorem
# The formulas as written, with U, Σ and Λ as matrices; the definitions make them explicit 2×2.
_Um, _Sm, _Lm = (sp.MatrixSymbol(name, 2, 2) for name in ("U", "Sigma", "Lambda"))
_SPECTRAL = ((_Sm, _Um * _Lm * _Um.T), (_Um, _U), (_Lm, _Lam))
# For any dimension n: U orthogonal (the spectral theorem for a symmetric Σ), so Uᵀ = U⁻¹.
_Un, _Sn, _Ln = (sp.MatrixSymbol(name, _n, _n) for name in ("U", "Sigma", "Lambda"))
PCA_DECORRELATES = Derivation(
    name="pca_decorrelates",
    title="Rotating into the eigenbasis decorrelates the data",
    source=source(ML_LIFECYCLE, "Data preprocessing: whitening"),
    korean="주성분 분석",
    statement="With covariance Σ = UΛUᵀ (U orthogonal, Λ diagonal), the rotated data Uᵀx has covariance "
    "UᵀΣU = Λ, for data of any dimension n: diagonal, so the new coordinates are uncorrelated (PCA).",
    claim=claim(sp.Function("Cov")(sp.Symbol("Uᵀx")), _Ln),
    definitions=((_Sn, _Un * _Ln * _Un.T), (_Un.T, _Un.I)),
    derived_expr=_Un.T * _Sn * _Un,
    conventions=(
        "Cov(Uᵀx) = Uᵀ Cov(x) U for a fixed matrix U; Σ = Cov(x).",
        "U holds orthonormal eigenvectors of the symmetric Σ (the spectral theorem), so UᵀU = I and "
        "Uᵀ = U⁻¹; Λ holds the eigenvalues on its diagonal.",
    ),
)

WHITENING = Derivation(
    name="whitening_divides_by_sqrt_eigenvalues",
    title="Whitening divides by the square roots of the eigenvalues",
    source=source(ML_LIFECYCLE, "Data preprocessing: whitening"),
    korean="화이트닝",
    statement="The note says whitening divides every dimension of the eigenbasis data by its eigenvalue, "
    "making the covariance the identity. Dividing by the eigenvalues gives covariance "
    "Λ⁻¹UᵀΣUΛ⁻¹ = Λ⁻¹, not I.",
    claim=claim(_Lm.I * _Um.T * _Sm * _Um * _Lm.I, sp.Identity(2)),
    definitions=_SPECTRAL,
    derived_expr=_Lm.I * _Um.T * _Sm * _Um * _Lm.I,
    shown_for="2×2 covariances (a symbolic rotation and eigenvalues)",
    holds=False,
    correction=claim(
        _Lm ** sp.Rational(-1, 2) * _Um.T * _Sm * _Um * _Lm ** sp.Rational(-1, 2), sp.Identity(2)
    ),
    truth="Whitening divides each eigen-coordinate by √λ_i (its standard deviation): "
    "Λ^(−1/2)UᵀΣUΛ^(−1/2) = I.",
)

_lam1 = sp.Symbol("lambda_1", positive=True)
_lams, _gaps = sp.IndexedBase("lambda", nonnegative=True), sp.IndexedBase("g", nonnegative=True)
_cs = sp.IndexedBase("c", real=True)
_pi = sp.Symbol("i", integer=True)
_pr = sp.Symbol("r", integer=True)
PCA_MAX_VARIANCE = Derivation(
    name="pca_first_direction_keeps_most_variance",
    title="No direction keeps more variance than the first principal one",
    source=source(ML_LIFECYCLE, "Data preprocessing: PCA and whitening"),
    korean="주성분 분석",
    statement="For any unit vector u, write c = Uᵀu in the eigenbasis (Σ_i c_i² = 1, U orthogonal); the "
    "variance of the data along u is uᵀΣu = Σ_i λ_i c_i², and with λ₁ the largest eigenvalue "
    "(λ_i = λ₁ − g_i, g_i ≥ 0) it is at most λ₁, reached at u = u₁. Projecting centred data onto u "
    "loses tr Σ − uᵀΣu of its variance, so the first principal direction is the one-dimensional "
    "projection closest to the data — the note's 'most similar lower-dimensional data', for any n.",
    stated=False,
    claim=sp.LessThan(sp.Sum(_lams[_pi] * _cs[_pi] ** 2, (_pi, 1, _n)), _lam1, evaluate=False),
    definitions=((_lams[_pr], _lam1 - _gaps[_pr]),),
    derived_expr=sp.Sum(_lams[_pi] * _cs[_pi] ** 2, (_pi, 1, _n)),
    facts=Facts({_pi: (1, _n)}, values=((sp.Sum(_cs[_pi] ** 2, (_pi, 1, _n)), 1),)),
    conventions=(
        "uᵀΣu = uᵀUΛUᵀu = cᵀΛc = Σ_i λ_i c_i² with c = Uᵀu, and Σ_i c_i² = ‖Uᵀu‖² = ‖u‖² = 1 (U orthogonal).",
    ),
)

WHITENING_GENERAL = Derivation(
    name="whitening_gives_identity",
    title="Dividing the eigen-coordinates by √λ whitens data of any dimension",
    source=source(ML_LIFECYCLE, "Data preprocessing: whitening"),
    korean="화이트닝",
    statement="With covariance Σ = UΛUᵀ (U orthogonal, Λ diagonal with positive eigenvalues), the data "
    "Λ^(−1/2)Uᵀx has covariance Λ^(−1/2)UᵀΣUΛ^(−1/2) = I for any dimension n: uncorrelated "
    "coordinates of variance 1. This is the correction to whitening_divides_by_sqrt_eigenvalues, "
    "proved in general.",
    stated=False,
    claim=claim(sp.Function("Cov")(sp.Symbol("Λ^(−1/2)Uᵀx")), sp.Identity(_n)),
    definitions=((_Sn, _Un * _Ln * _Un.T), (_Un.T, _Un.I)),
    derived_expr=_Ln ** sp.Rational(-1, 2) * _Un.T * _Sn * _Un * _Ln ** sp.Rational(-1, 2),
    conventions=(
        "Cov(Mx) = M Cov(x) Mᵀ for a fixed matrix M; here M = Λ^(−1/2)Uᵀ, and Λ^(−1/2) is diagonal "
        "(its own transpose).",
        "U holds orthonormal eigenvectors of the symmetric Σ, so Uᵀ = U⁻¹; the eigenvalues are positive "
        "(a covariance of data that fills all n dimensions).",
    ),
)

_half_width = sp.Symbol("a", positive=True)
_uu = sp.Symbol("u", real=True)


def _uniform_moment(power: int) -> sp.Integral:
    """E[u^power] for u ~ U(−a, a), as the integral that defines it."""
    return sp.Integral(_uu**power / (2 * _half_width), (_uu, -_half_width, _half_width))


_fourth = Expectation(sp.Symbol("z") ** 4)
WHITENED_NOT_GAUSSIAN = Derivation(
    name="whitening_does_not_make_data_gaussian",
    title="Whitening makes the covariance I, not the data Gaussian",
    source=source(ML_LIFECYCLE, "Data preprocessing: PCA and whitening"),
    korean="화이트닝",
    statement="The note pictures whitened data as an isotropic Gaussian blob. Whitening is linear: it "
    "makes the covariance the identity (whitening_gives_identity) but keeps the distribution's "
    "shape. Uniform data u ~ U(−a, a), whitened to z = u/σ with σ² = E[u²] = a²/3, have "
    "E[z⁴] = E[u⁴]/σ⁴ = 9/5, where a Gaussian has 3 (judgement call: the picture is right for data "
    "that were Gaussian to begin with).",
    claim=claim(_fourth, 3),
    derived_expr=_uniform_moment(4) / _uniform_moment(2) ** 2,
    holds=False,
    correction=claim(_fourth, sp.Rational(9, 5)),
    truth="Whitened data have covariance I — round in their second moments — but are Gaussian only if the "
    "original data were: a linear map sends uniform data to uniform data (standardised, E[z⁴] = 9/5).",
)

DERIVATIONS = (
    LINEAR_COMPOSITION,
    XOR_SINGLE_LAYER,
    XOR_TWO_LAYERS,
    RESIDUAL_GRADIENT,
    DROPOUT_EXPECTATION,
    DROPOUT_NOT_WEIGHT_AVERAGING,
    DROPOUT_GRADIENTS,
    XOR_NOT_COMPLETE,
    SVD_TRUNCATION,
    SVD_RIGHT_VECTORS,
    SVD_COLUMNS,
    STANDARDISATION,
    PCA_DECORRELATES,
    PCA_MAX_VARIANCE,
    WHITENING,
    WHITENING_GENERAL,
    WHITENED_NOT_GAUSSIAN,
)
