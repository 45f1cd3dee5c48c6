"""Network structure and data preprocessing: why nonlinearity, XOR, residuals, dropout, SVD, PCA.

Orthogonal 2×2 matrices are written in the rational (Cayley) parametrisation
U = [[c, −s], [s, c]] with c = (1 − t²)/(1 + t²), s = 2t/(1 + t²): exactly orthogonal,
and SymPy's cancellation proves identities in it without trigonometry.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import ALL_ABOUT_DL, DL_BASICS, DL_TECHNIQUES, ML_LIFECYCLE, claim, source
from symdl.codegen.spec import entries
from symdl.record import Derivation

I2 = sp.eye(2)


def rotation(t: sp.Symbol) -> sp.Matrix:
    c, s = (1 - t**2) / (1 + t**2), 2 * t / (1 + t**2)
    return sp.Matrix([[c, -s], [s, c]])


# -- linear layers and nonlinearity -------------------------------------------------------------------
def _compose(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    W1, W2 = entries("W1", size, size), entries("W2", size, size)
    b1, b2, x = entries("b1", size), entries("b2", size), entries("x", size)
    return W2 * (W1 * x + b1) + b2, (W2 * W1) * x + (W2 * b1 + b2)


LINEAR_COMPOSITION = Derivation(
    name="linear_layers_compose_to_one",
    title="Stacked linear layers are one linear layer",
    source=source(ALL_ABOUT_DL, "Neural networks: why nonlinear functions"),
    korean="비선형 함수",
    statement="W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂): without a nonlinearity between them, any depth "
    "of linear layers computes a single affine map.",
    claim=claim(sp.Symbol("W_2(W_1 x + b_1) + b_2"), sp.Symbol("(W_2 W_1) x + (W_2 b_1 + b_2)")),
    sizes=(1, 2, 3),
    explicit=_compose,
)

w1, w2, b = sp.symbols("w_1 w_2 b", real=True)
XOR_SINGLE_LAYER = Derivation(
    name="xor_not_linearly_separable",
    title="A single-layer perceptron cannot compute XOR",
    source=source(DL_BASICS, "Layers and perceptrons: why multiple layers"),
    statement="A unit step(w₁x₁ + w₂x₂ + b) computing XOR needs b ≤ 0, w₁ + b > 0, w₂ + b > 0 and "
    "w₁ + w₂ + b ≤ 0. But (w₁ + b) + (w₂ + b) − (w₁ + w₂ + b) − b = 0 identically, while those "
    "inequalities make the left side positive: no weights exist.",
    claim=claim((w1 + b) + (w2 + b) - (w1 + w2 + b) - b, 0),
    derived_expr=(w1 + b) + (w2 + b) - (w1 + w2 + b) - b,
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


RESIDUAL_GRADIENT = Derivation(
    name="residual_connection_gradient",
    title="A residual connection adds the identity to the Jacobian",
    source=source(DL_TECHNIQUES, "Residual Connection: formula y = F(x) + x"),
    korean="잔차 연결",
    statement="∂(F(x) + x)/∂x = I + ∂F/∂x: the gradient always has a path that F cannot shrink, which is "
    "why deep residual networks keep their gradients.",
    claim=claim(sp.Derivative(sp.Symbol("y"), sp.Symbol("x"), evaluate=False), sp.Symbol("I + F'(x)")),
    sizes=(1, 2, 3),
    explicit=_residual,
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
    claim=claim(sp.Symbol(r"\mathbb{E}[m x / (1 - p)]"), xv),
    derived_expr=(1 - p_drop) * (xv / (1 - p_drop)) + p_drop * 0,
    domain=((p_drop, 0.05, 0.9),),
)


# -- SVD ------------------------------------------------------------------------------------------
t_u, t_v = sp.symbols("t_u t_v", real=True)
s1, s2 = sp.symbols("sigma_1 sigma_2", positive=True)
U, V = rotation(t_u), rotation(t_v)
A = U * sp.diag(s1, s2) * V.T
A1 = s1 * U[:, 0] * V[:, 0].T
SVD_TRUNCATION = Derivation(
    name="svd_truncation_error",
    title="Dropping a singular value costs exactly its square",
    source=source(DL_TECHNIQUES, "Singular Value Decomposition"),
    korean="특이값",
    statement="For A = UΣVᵀ and its rank-1 truncation A₁ = σ₁u₁v₁ᵀ, ‖A − A₁‖_F² = σ₂² (in general the sum "
    "of the dropped σᵢ²; by Eckart–Young no rank-k matrix does better — the optimality is cited, not "
    "proved here). Shown for 2×2 with symbolic rotations and singular values.",
    claim=claim(sp.Symbol(r"\|A - A_1\|_F^2"), s2**2),
    derived_expr=((A - A1).T * (A - A1)).trace(),
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
)


# -- preprocessing ------------------------------------------------------------------------------------
def _standardise(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    x = entries("x", size)
    mean = sum(x) / size
    std = sp.sqrt(sum((v - mean) ** 2 for v in x) / size)
    z = (x - sp.ones(size, 1) * mean) / std
    zmean = sum(z) / size
    return sp.Matrix([zmean, sum(v**2 for v in z) / size - zmean**2]), sp.Matrix([0, 1])


STANDARDISATION = Derivation(
    name="zero_centring_and_standardisation",
    title="Zero-centring and dividing by the standard deviation give mean 0, variance 1",
    source=source(ML_LIFECYCLE, "Data preprocessing: zero-centring and normalization"),
    statement="After X −= mean(X, axis=0); X /= std(X, axis=0) each column has mean 0 and (biased, "
    "NumPy's default) variance 1 — for columns that are not constant.",
    claim=claim(sp.Matrix([sp.Symbol("mean"), sp.Symbol("var")]), sp.Matrix([0, 1])),
    sizes=(2, 3, 4),
    explicit=_standardise,
    conventions=("np.std uses ddof = 0 (divide by N); a constant column would divide by 0.",),
)

lam1, lam2 = sp.symbols("lambda_1 lambda_2", positive=True)
t_c = sp.Symbol("t", real=True)
_U = rotation(t_c)
_Lam = sp.diag(lam1, lam2)
_Sigma = _U * _Lam * _U.T  # any 2×2 covariance, by the spectral theorem
PCA_DECORRELATES = Derivation(
    name="pca_decorrelates",
    title="Rotating into the eigenbasis decorrelates the data",
    source=source(ML_LIFECYCLE, "Data preprocessing: whitening"),
    korean="주성분 분석",
    statement="With covariance Σ = UΛUᵀ, the rotated data Uᵀx has covariance UᵀΣU = Λ: diagonal, so the "
    "new coordinates are uncorrelated (PCA).",
    claim=claim(sp.Symbol(r"\mathrm{Cov}(U^T x)"), _Lam),
    derived_expr=_U.T * _Sigma * _U,
)

WHITENING = Derivation(
    name="whitening_divides_by_sqrt_eigenvalues",
    title="Whitening divides by the square roots of the eigenvalues",
    source=source(ML_LIFECYCLE, "Data preprocessing: whitening"),
    korean="화이트닝",
    statement="The note says whitening divides every dimension of the eigenbasis data by its eigenvalue, "
    "making the covariance the identity. Dividing by the eigenvalues gives covariance "
    "Λ⁻¹UᵀΣUΛ⁻¹ = Λ⁻¹, not I.",
    claim=claim(_Lam.inv() * _U.T * _Sigma * _U * _Lam.inv(), I2),
    derived_expr=_Lam.inv() * _U.T * _Sigma * _U * _Lam.inv(),
    holds=False,
    correction=claim(_Lam.inv().applyfunc(sp.sqrt) * _U.T * _Sigma * _U * _Lam.inv().applyfunc(sp.sqrt), I2),
    truth="Whitening divides each eigen-coordinate by √λ_i (its standard deviation): "
    "Λ^(−1/2)UᵀΣUΛ^(−1/2) = I.",
)

DERIVATIONS = (
    LINEAR_COMPOSITION,
    XOR_SINGLE_LAYER,
    XOR_TWO_LAYERS,
    RESIDUAL_GRADIENT,
    DROPOUT_EXPECTATION,
    SVD_TRUNCATION,
    SVD_RIGHT_VECTORS,
    STANDARDISATION,
    PCA_DECORRELATES,
    WHITENING,
)
