"""Self-attention for symbolic sizes: its shapes, multi-head attention, why word order needs positions.

Built on :mod:`symdl.catalog.attention` (the weights α_ij = softmax_j(q_i·k_j/√d_k), the worked example's
word vectors): the projections Q = XW_Q, K = YW_K, V = YW_V and their shapes, the output as a convex
combination of the values, the note's worked example done in full, multi-head attention's parameter
count and per-head score variance, and permutation equivariance -- each for any sequence length and width.
"""

from __future__ import annotations

import itertools

import sympy as sp

from symdl.catalog._common import DL_TECHNIQUES, ML_LIFECYCLE, claim, source
from symdl.catalog.attention import (
    _T,
    _UNIT,
    ATTENTION_WEIGHTS,
    EMBEDDINGS,
    _ai,
    _aj,
    _al,
    _alpha,
    _am,
    _Dk,
    _ks,
    _ks_a,
    _m,
    _num,
    _q_dot_k,
    _qs,
    _qs_a,
    _vs_a,
)
from symdl.catalog.softmax import softmax_vector
from symdl.notation import Variance
from symdl.record import Derivation, Facts
from symdl.rules.expectation import variance


def product_shape(*factors: sp.MatrixExpr) -> tuple[sp.Expr, sp.Expr]:
    """The shape of the product of ``factors``, each inner pair of sizes checked equal as expressions.

    SymPy's own check rejects a product only when it can show the sizes differ, so it accepts
    (n × d_k)·(L × d_k) with symbols L and d_k; this one accepts a product only when they agree."""
    for left, right in itertools.pairwise(factors):
        if sp.expand(left.shape[1] - right.shape[0]) != 0:
            raise ValueError(f"cannot multiply {left.shape} by {right.shape}: inner sizes differ")
    return factors[0].shape[0], factors[-1].shape[1]


# -- multi-head attention (ML LifeCycle, Transformers: self-attention) -----------------------------------
_heads = sp.Symbol("h", integer=True, positive=True)
_d_head = sp.Symbol("d_head", integer=True, positive=True)
_dm = sp.Symbol("d_model", integer=True, positive=True)
_tokens = sp.Symbol("n", integer=True, positive=True)
HEAD_WIDTH = ((_dm, _heads * _d_head),)  # d_model = h·d_head: each head has width d_model/h
_X = sp.MatrixSymbol("X", _tokens, _heads * _d_head)
_WQ, _WK, _WV = (sp.MatrixSymbol(f"W_{c}^(i)", _heads * _d_head, _d_head) for c in "QKV")
_WO = sp.MatrixSymbol("W_O", _heads * _d_head, _heads * _d_head)
_concat = sp.MatrixSymbol("Concat(head_1, …, head_h)", _tokens, _heads * _d_head)
# One head: softmax(QKᵀ/√d_head)V has the shape of (QKᵀ)V (softmax keeps the shape); product_shape checks
# every product's inner sizes when it builds it.
_one_head = product_shape(_X * _WQ, (_X * _WK).T, _X * _WV)
_multi_out = product_shape(_concat, _WO)
_multi_params = _heads * sum(sp.Mul(*m.shape) for m in (_WQ, _WK, _WV)) + sp.Mul(*_WO.shape)
MULTI_HEAD_PARAMETERS = Derivation(
    name="multi_head_attention_parameters",
    title="Multi-head attention: h heads of width d_model/h cost 4·d_model² parameters, whatever h",
    source=source(ML_LIFECYCLE, "Transformers: self-attention (multi-head)"),
    korean="어텐션",
    statement="Each of the h heads projects the n × d_model input X with its own W_Q, W_K, W_V of size "
    "d_model × d_model/h, so a head's scores QKᵀ are n × n and its output n × d_model/h; the h outputs "
    "side by side are n × d_model again, and W_O (d_model × d_model) maps them back. The projections "
    "hold 3·h·d_model·(d_model/h) + d_model² = 4·d_model² numbers: running h heads costs no more "
    "parameters than one full-width head, and with h = 1 the one head is single-head attention followed "
    "by W_O.",
    stated=False,
    claim=claim(
        sp.Matrix([sp.Symbol("parameters"), *sp.symbols("rows_head cols_head rows_out cols_out")]),
        sp.Matrix([4 * _dm**2, _tokens, _dm / _heads, _tokens, _dm]),
    ),
    derived_expr=sp.Matrix([_multi_params, *_one_head, *_multi_out]),
    definitions=HEAD_WIDTH,
    conventions=(
        "Without biases; with them (as torch.nn.MultiheadAttention) there are 4·d_model more.",
        "d_model = h·d_head: the width is divided evenly among the heads.",
    ),
)

_head_score = sp.Sum(_qs[_m] * _ks[_m], (_m, 1, _d_head))
MULTI_HEAD_SCORE_VARIANCE = Derivation(
    name="multi_head_score_variance",
    title="A head's scores have variance d_model/h, so each head scales by √(d_model/h)",
    source=source(ML_LIFECYCLE, "Transformers: self-attention (multi-head)"),
    korean="어텐션",
    statement="Within one head q and k have d_model/h entries; for independent entries of mean 0 and "
    "variance 1 the score q·k has variance d_model/h (attention_dot_product_variance with "
    "d_k = d_model/h), which is why each head divides by √(d_model/h), not √d_model.",
    stated=False,
    claim=claim(Variance(_q_dot_k), _dm / _heads),
    derived_expr=variance(_head_score, _UNIT),
    definitions=HEAD_WIDTH,
)


# -- the projections and the output, for symbolic sizes (ML LifeCycle, Attention) -------------------------
_n_q, _n_kv = sp.symbols("n L", integer=True, positive=True)  # queries; keys and values (L = n: self)
_d_in, _d_k, _d_v = sp.symbols("d_model d_k d_v", integer=True, positive=True)
_Xq, _Ykv = sp.MatrixSymbol("X", _n_q, _d_in), sp.MatrixSymbol("Y", _n_kv, _d_in)
_WQm, _WKm = sp.MatrixSymbol("W_Q", _d_in, _d_k), sp.MatrixSymbol("W_K", _d_in, _d_k)
_WVm = sp.MatrixSymbol("W_V", _d_in, _d_v)
_Qm, _Km, _Vm = _Xq * _WQm, _Ykv * _WKm, _Ykv * _WVm  # shapes checked in derived_expr below
_row, _col = sp.symbols("i a", integer=True)
ATTENTION_PROJECTIONS = Derivation(
    name="attention_projections",
    title="Q = XW_Q, K = YW_K, V = YW_V: the shapes fit for any sizes",
    source=source(ML_LIFECYCLE, "Attention"),
    korean="어텐션",
    statement="With n query tokens X (n × d_model), L key/value tokens Y (L × d_model; self-attention: "
    "Y = X, L = n) and projections W_Q, W_K (d_model × d_k), W_V (d_model × d_v): Q = XW_Q is n × d_k, "
    "K = YW_K is L × d_k, V = YW_V is L × d_v, the scores QKᵀ are n × L, and softmax(QKᵀ/√d_k)V is "
    "n × d_v — each product's inner sizes checked equal. Row i of XW_Q is W_Qᵀx_i: the note's per-token "
    "Q_i = W_Q·h_i is the same map with the matrix written transposed.",
    stated=False,
    claim=claim(
        sp.Matrix(
            [
                *sp.symbols("rows_Q cols_Q rows_K cols_K rows_V cols_V rows_S cols_S rows_Z cols_Z"),
                _Qm[_row, _col],
            ]
        ),
        sp.Matrix(
            [_n_q, _d_k, _n_kv, _d_k, _n_kv, _d_v, _n_q, _n_kv, _n_q, _d_v, (_WQm.T * _Xq.T)[_col, _row]]
        ),
    ),
    derived_expr=sp.Matrix(
        [
            *product_shape(_Xq, _WQm),
            *product_shape(_Ykv, _WKm),
            *product_shape(_Ykv, _WVm),
            *product_shape(_Qm, _Km.T),
            *product_shape(_Qm, _Km.T, _Vm),
            _Qm[_row, _col],
        ]
    ),
    facts=Facts({_row: (0, _n_q - 1), _col: (0, _d_k - 1)}),
    conventions=("Tokens are rows (PyTorch's layout); softmax keeps the n × L shape of the scores.",),
)

_floor_m = sp.Symbol("m", real=True)
_above = sp.IndexedBase("u", nonnegative=True)
ATTENTION_CONVEX = Derivation(
    name="attention_output_convex_combination",
    title="Attention's output lies between the smallest and largest value",
    source=source(ML_LIFECYCLE, "Attention"),
    korean="어텐션",
    statement="z_i = Σ_j α_ij v_j with α_ij > 0 and Σ_j α_ij = 1 (scaled_dot_product_attention) is a convex "
    "combination of the values: for any sequence length T, each coordinate of z_i is at least any lower "
    "bound m of the values' coordinates (and, applied to −v, at most any upper bound), so it lies "
    "between their smallest and largest.",
    stated=False,
    claim=sp.GreaterThan(sp.Sum(_alpha[_ai, _aj] * _vs_a[_aj], (_aj, 1, _T)), _floor_m, evaluate=False),
    definitions=(*ATTENTION_WEIGHTS, (_vs_a[_aj], _floor_m + _above[_aj])),
    facts=Facts({_ai: (1, _T)}),
    conventions=(
        "v_j stands for one coordinate of value j; v_j = m + u_j with u_j ≥ 0 says m is a lower bound "
        "of all T of them.",
    ),
)

_X_ex = EMBEDDINGS
_identity = sp.eye(4)  # the example's projections
_Q_ex, _K_ex, _V_ex = _X_ex * _identity, _X_ex * _identity, _X_ex * _identity
_weights_unscaled = softmax_vector(_K_ex * _Q_ex[0, :].T)
SELF_ATTENTION_PIPELINE = Derivation(
    name="self_attention_example_pipeline",
    title="Worked example, done in full with the note's formula: weights and output for 'I'",
    source=source(DL_TECHNIQUES, "Self-Attention example"),
    korean="셀프 어텐션",
    statement="With the note's own formula — weights Softmax(Q·Kᵀ), no 1/√d_k — and Q = K = V = the four "
    "word vectors (identity projections), the query 'I' scores 0.46, 0.67, 0.68, 0.61 against I, love, "
    "artificial, intelligence; softmax gives the weights ≈ [0.215, 0.266, 0.268, 0.250] and the new "
    "'I' = Σ_j α_j v_j ≈ [0.538, 0.385, 0.427, 0.632]. With the 1/√d_k = 1/2 of the ML LifeCycle note's "
    "formula: ≈ [0.232, 0.258, 0.259, 0.250] and [0.532, 0.380, 0.426, 0.629] "
    "(self_attention_example_softmax).",
    stated=False,
    claim=claim(
        sp.Matrix([*_weights_unscaled, *(_weights_unscaled.T * _V_ex)]),
        _num(0.215, 0.266, 0.268, 0.250, 0.538, 0.385, 0.427, 0.632),
    ),
    tolerance=0.0005,
)


# -- permutation equivariance (DL Techniques, Transformer: why a positional embedding) -------------------
_perm = sp.Function("pi")  # a reordering of the T positions: a bijection of 1..T
_qp, _kp, _vp = (sp.IndexedBase(f"{name}′", real=True) for name in ("q", "k", "v"))
_alpha_p, _score_p = sp.IndexedBase("alpha′", positive=True), sp.IndexedBase("s′", real=True)
_rr, _cc = sp.symbols("r c", integer=True)
PERMUTED = (
    (_alpha_p[_ai, _aj], sp.exp(_score_p[_ai, _aj]) / sp.Sum(sp.exp(_score_p[_ai, _al]), (_al, 1, _T))),
    (_score_p[_ai, _aj], sp.Sum(_qp[_ai, _am] * _kp[_aj, _am], (_am, 1, _Dk)) / sp.sqrt(_Dk)),
    # The tokens reordered: projections act row by row, so Q, K and V are reordered alike.
    (_qp[_rr, _cc], _qs_a[_perm(_rr), _cc]),
    (_kp[_rr, _cc], _ks_a[_perm(_rr), _cc]),
    (_vp[_rr], _vs_a[_perm(_rr)]),
)


def _reordered(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    """For every reordering of ``size`` tokens (width 1): attention of the reordered tokens, and the
    original outputs reordered the same way."""
    q, k, v = (sp.symbols(f"{name}_1:{size + 1}", real=True) for name in "qkv")

    def attend(qs, ks, vs):
        return [
            sum(w * b for w, b in zip(softmax_vector(sp.Matrix([a * c for c in ks])), vs, strict=True))
            for a in qs
        ]

    z = attend(q, k, v)
    left, right = [], []
    for order in itertools.permutations(range(size)):
        left += attend(*([seq[o] for o in order] for seq in (q, k, v)))
        right += [z[o] for o in order]
    return sp.Matrix(left), sp.Matrix(right)


PERMUTATION_EQUIVARIANT = Derivation(
    name="self_attention_permutation_equivariant",
    title="Without positions, self-attention cannot see word order: reordering the input reorders the output",
    source=source(DL_TECHNIQUES, "Transformer: features (positional embedding)"),
    korean="셀프 어텐션",
    statement="Reorder the T tokens by any permutation π (token i moves to where π puts it): the output at "
    "position i is the original output at position π(i), z′_i = z_π(i), for any T and d_k. Each "
    "token's output depends on the others only as a set, not on their order — which is why the note "
    "adds a positional embedding to represent word order.",
    stated=False,
    claim=claim(
        sp.Sum(_alpha_p[_ai, _aj] * _vp[_aj], (_aj, 1, _T)),
        sp.Sum(_alpha[_perm(_ai), _aj] * _vs_a[_aj], (_aj, 1, _T)),
    ),
    derived_expr=sp.Sum(_alpha_p[_ai, _aj] * _vp[_aj], (_aj, 1, _T)),
    definitions=(*PERMUTED, *ATTENTION_WEIGHTS),
    facts=Facts({_ai: (1, _T)}, permutations=((_perm, 1, _T),)),
    sizes=(2, 3),
    size_name="T",
    explicit=_reordered,
    conventions=(
        "v_j stands for one coordinate of value j; no mask, no positional encoding.",
        "π is any bijection of the positions 1..T; sums over all positions may be taken in π's order.",
    ),
)


DERIVATIONS = (
    ATTENTION_PROJECTIONS,
    ATTENTION_CONVEX,
    SELF_ATTENTION_PIPELINE,
    PERMUTATION_EQUIVARIANT,
    MULTI_HEAD_PARAMETERS,
    MULTI_HEAD_SCORE_VARIANCE,
)
