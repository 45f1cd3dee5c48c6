"""Attention, positional encoding, LSTM and GRU, and the notes' worked Transformer examples.

Worked examples are compared within the note's rounding (±0.005 for two decimals).
The example embeddings are the note's four word vectors; the note's self-attention
example uses them directly as queries, keys and values (no projections), and so do we.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import DL_BASICS, DL_TECHNIQUES, ML_LIFECYCLE, SIGMOID, claim, sigma, source
from symdl.catalog.initialization import expectation
from symdl.catalog.softmax import softmax_vector
from symdl.codegen.spec import Assign, Loops, Maximum, entries
from symdl.notation import Variance
from symdl.record import Derivation, Facts, Step
from symdl.rules.expectation import Family, variance

R = sp.Rational
WORDS = ("I", "love", "artificial", "intelligence")
EMBEDDINGS = sp.Matrix(
    [
        [R(2, 10), R(1, 10), R(5, 10), R(4, 10)],
        [R(9, 10), R(6, 10), R(3, 10), R(7, 10)],
        [R(3, 10), R(2, 10), R(8, 10), R(5, 10)],
        [R(7, 10), R(6, 10), R(1, 10), R(9, 10)],
    ]
)
TWO_DECIMALS = 0.005


def _num(*values: float) -> sp.Matrix:
    """Numbers as the note prints them (decimal literals), exactly."""
    return sp.Matrix([sp.Rational(str(v)) for v in values])


# -- scaled dot-product attention ----------------------------------------------------------------------
def _dot_variance(size: int, scaled: bool) -> tuple[sp.Matrix, sp.Matrix]:
    q, k = sp.symbols(f"q_1:{size + 1}", real=True), sp.symbols(f"k_1:{size + 1}", real=True)
    moments = {v: {1: 0, 2: 1} for v in q + k}
    score = sum(a * b for a, b in zip(q, k, strict=True)) / (sp.sqrt(size) if scaled else 1)
    var = expectation(score**2, moments) - expectation(score, moments) ** 2
    return sp.Matrix([var]), sp.Matrix([1 if scaled else size])


d_k = sp.Symbol("d_k", integer=True, positive=True)
_qs, _ks = sp.IndexedBase("q", real=True), sp.IndexedBase("k", real=True)
_m, _j = sp.symbols("m j", integer=True)
_UNIT = [Family(_qs, 0, 1), Family(_ks, 0, 1)]
_score = sp.Sum(_qs[_m] * _ks[_m], (_m, 1, d_k))
_q_dot_k = sp.Symbol("q·k")

DOT_PRODUCT_VARIANCE = Derivation(
    name="attention_dot_product_variance",
    title="Var(q·k) = d_k, which is why attention divides by √d_k",
    source=source(ML_LIFECYCLE, "Transformers: self-attention (scaling and softmax)"),
    korean="어텐션",
    statement="For q, k with independent entries of mean 0 and variance 1, Var(q·k) = d_k; the scores "
    "q·k/√d_k have variance 1, so softmax does not saturate as d_k grows.",
    claim=claim(Variance(_q_dot_k), d_k),
    derived_expr=variance(_score, _UNIT),
    steps=(
        Step(
            sp.Sum(sp.KroneckerDelta(_m, _j) ** 2, (_j, 1, d_k), (_m, 1, d_k)),
            "E[q·k] = 0; E[(q·k)²] = Σ_m Σ_j E[q_m q_j]·E[k_m k_j] = Σ_m Σ_j δ_mj·δ_mj (independent, "
            "mean 0, variance 1)",
        ),
        Step(sp.Sum(1, (_m, 1, d_k)), "δ_mj² = δ_mj: only j = m remains"),
        Step(d_k, "d_k terms of 1"),
    ),
    sizes=(1, 2, 3),
    explicit=lambda size: _dot_variance(size, scaled=False),
)

SCALED_SCORE_VARIANCE = Derivation(
    name="attention_scaled_score_variance",
    title="Scaled scores q·k/√d_k have unit variance",
    source=source(ML_LIFECYCLE, "Transformers: self-attention (scaling and softmax)"),
    korean="어텐션",
    statement="Var(q·k/√d_k) = 1 for independent unit-variance entries, whatever d_k.",
    claim=claim(Variance(_q_dot_k / sp.sqrt(d_k)), 1),
    derived_expr=variance(_score / sp.sqrt(d_k), _UNIT),
    sizes=(1, 2, 3),
    explicit=lambda size: _dot_variance(size, scaled=True),
)

_s = sp.symbols("s_00 s_01", real=True)
_alpha01 = softmax_vector(sp.Matrix(_s))[1]
SELF_ATTENTION_ALL_POSITIONS = Derivation(
    name="self_attention_sees_all_positions",
    title="Unmasked self-attention attends to later positions too",
    source=source(DL_TECHNIQUES, "Transformer: features (self-attention)"),
    korean="셀프 어텐션",
    statement="The note says self-attention looks at the words before the current position. Without a "
    "mask, position 0's weight on position 1 is e^(s₀₁)/(e^(s₀₀) + e^(s₀₁)), which is not 0.",
    claim=claim(_alpha01, 0),
    derived_expr=_alpha01,
    holds=False,
    correction=sp.StrictGreaterThan(_alpha01, 0, evaluate=False),
    truth="Encoder self-attention weights every position, earlier and later (all weights are positive). "
    "Only the decoder's masked self-attention, which adds −∞ to the scores of later positions, "
    "restricts a word to the ones before it.",
    shown_for="two positions",
)

# -- the note's self-attention example ---------------------------------------------------------------
_q = EMBEDDINGS[0, :].T
_score = (_q.T * _q)[0]
SELF_ATTENTION_SCORE = Derivation(
    name="self_attention_example_score",
    title="Worked example: the score of 'I' with itself is 0.46, not 0.26",
    source=source(DL_TECHNIQUES, "Self-Attention example"),
    korean="셀프 어텐션",
    statement="The note computes Q·Kᵀ for 'I' = [0.2, 0.1, 0.5, 0.4] with itself as 0.26.",
    claim=claim(_score, R(26, 100)),
    tolerance=TWO_DECIMALS,
    holds=False,
    correction=claim(_score, R(46, 100)),
    truth="0.2² + 0.1² + 0.5² + 0.4² = 0.04 + 0.01 + 0.25 + 0.16 = 0.46.",
)

_single = softmax_vector(sp.Matrix([_score]))[0]
_scores = EMBEDDINGS * _q / sp.sqrt(4)
_weights = softmax_vector(_scores)
SELF_ATTENTION_SOFTMAX = Derivation(
    name="self_attention_example_softmax",
    title="Worked example: softmax over one score is 1; attention weights come from all keys",
    source=source(DL_TECHNIQUES, "Self-Attention example"),
    korean="셀프 어텐션",
    statement="The note applies softmax to the single score of 'I' with itself and gets 0.58 as its "
    "attention weight.",
    claim=claim(sp.Matrix([_single]), _num(0.58)),
    tolerance=TWO_DECIMALS,
    holds=False,
    correction=claim(_weights, _num(0.23, 0.26, 0.26, 0.25)),
    truth="Softmax of one number is always 1. Attention for 'I' takes softmax over its scores with all "
    "four words, scaled by 1/√d_k = 1/2: weights ≈ [0.23, 0.26, 0.26, 0.25] for I, love, "
    "artificial, intelligence (output Σ αⱼvⱼ ≈ [0.53, 0.38, 0.43, 0.63]).",
)

SELF_ATTENTION_OUTPUT = Derivation(
    name="self_attention_example_output",
    title="Worked example: 0.58·v for 'I', as the note multiplies",
    source=source(DL_TECHNIQUES, "Self-Attention example"),
    korean="셀프 어텐션",
    statement="The note's last step, 0.58·[0.2, 0.1, 0.5, 0.4] = [0.116, 0.058, 0.29, 0.232], is correct "
    "arithmetic (on a weight that is itself wrong; see self_attention_example_softmax).",
    claim=claim(R(58, 100) * _q, _num(0.116, 0.058, 0.29, 0.232)),
    tolerance=0.0005,
)


# -- positional encoding -----------------------------------------------------------------------------
pos = sp.Symbol("pos", integer=True, nonnegative=True)
ii = sp.Symbol("i", integer=True, nonnegative=True)
d_model = sp.Symbol("d_model", integer=True, positive=True)
jj = sp.Symbol("j", integer=True, nonnegative=True)
PE = sp.Function("PE")


def pe_value(p: sp.Expr, j: sp.Expr, d: sp.Expr) -> sp.Expr:
    """PE(p, j) in one expression: sin for even j, cos for odd j, frequency 10000^(−(j − j mod 2)/d)."""
    angle = p * 10000 ** (-(j - sp.Mod(j, 2)) / d)
    return sp.Piecewise((sp.sin(angle), sp.Eq(sp.Mod(j, 2), 0)), (sp.cos(angle), True))


def _pe_matrix(positions: range, d: int) -> sp.Matrix:
    return sp.Matrix([[pe_value(p, j, d) for j in range(d)] for p in positions])


_P, _Dm = sp.symbols("P D", integer=True, positive=True)
_peb = sp.IndexedBase("pe", shape=(_P, _Dm))
_freq = sp.IndexedBase("freq", shape=(_Dm,))
_pi, _pj = sp.Idx("p", _P), sp.Idx("j", _Dm)


def _pe_reference(size: int) -> tuple[dict, dict]:
    # The notes' formula with the pair index i = j // 2 computed in Python, for d_model = 4.
    rows = [
        [
            (sp.sin if j % 2 == 0 else sp.cos)(
                sp.Integer(p) / sp.Integer(10000) ** sp.Rational(2 * (j // 2), 4)
            )
            for j in range(4)
        ]
        for p in range(size)
    ]
    return {_P: size, _Dm: 4}, {_peb: sp.Matrix(rows)}


POSITIONAL_ENCODING = Derivation(
    name="positional_encoding",
    title="Sinusoidal positional encoding",
    source=source(ML_LIFECYCLE, "Transformers: positional encoding"),
    korean="포지셔널 인코딩",
    statement="PE(pos, 2i) = sin(pos/10000^(2i/d_model)) and PE(pos, 2i+1) = cos(pos/10000^(2i/d_model)); "
    "the kernel's single expression (frequency 10000^(−(j − j mod 2)/d_model), sin for even j, cos for "
    "odd) is both.",
    claim=claim(
        sp.Matrix([PE(pos, 2 * ii), PE(pos, 2 * ii + 1)]),
        sp.Matrix([sp.sin(pos / 10000 ** (2 * ii / d_model)), sp.cos(pos / 10000 ** (2 * ii / d_model))]),
    ),
    definitions=((PE(pos, jj), pe_value(pos, jj, d_model)),),
    domain=((pos, 0, 50), (ii, 0, 8), (d_model, 16, 64)),
    conventions=(
        "Positions count from 0 (the first token has pos = 0), as in symdl.kernels."
        "positional_encoding; the note's example counts from 1.",
    ),
    kernel=Loops(
        "positional_encoding",
        inputs=(),
        outputs=(_peb,),
        stages=(
            Assign(_freq[_pj], 10000 ** (-(_pj - sp.Mod(_pj, 2)) / _Dm)),
            Assign(
                _peb[_pi, _pj],
                sp.Piecewise(
                    (sp.sin(_pi * _freq[_pj]), sp.Eq(sp.Mod(_pj, 2), 0)), (sp.cos(_pi * _freq[_pj]), True)
                ),
            ),
        ),
        why="One frequency per column, computed once; then sin or cos of pos·frequency.",
        reference=_pe_reference,
        reference_sizes=(1, 3, 5),
    ),
)

_a, _k = sp.symbols("a k", real=True)
_rot = sp.Matrix([[sp.cos(_a * _k), sp.sin(_a * _k)], [-sp.sin(_a * _k), sp.cos(_a * _k)]])
PE_RELATIVE = Derivation(
    name="positional_encoding_relative_shift",
    title="Shifting position by k rotates each (sin, cos) pair by a fixed angle",
    source=source(DL_TECHNIQUES, "Transformer: features (positional embedding)"),
    korean="포지션 임베딩",
    statement="[sin(a(p + k)), cos(a(p + k))] = R(ak)·[sin(ap), cos(ap)] with R a rotation that depends on "
    "the offset k only: a linear map can read relative positions off the encoding.",
    claim=claim(
        sp.Matrix([sp.sin(_a * (pos + _k)), sp.cos(_a * (pos + _k))]),
        _rot * sp.Matrix([sp.sin(_a * pos), sp.cos(_a * pos)]),
    ),
    derived_expr=sp.Matrix([sp.sin(_a * (pos + _k)), sp.cos(_a * (pos + _k))]),
)

_ps = range(1, 5)
PE_EXAMPLE_EXPONENT = Derivation(
    name="positional_encoding_example_odd_dimension",
    title="Worked example: dimension 1 uses 10000^(0/4), not 10000^(1/4)",
    source=source(DL_TECHNIQUES, "Transformer: positional encoding example"),
    korean="포지셔널 인코딩",
    statement="For pos = 1..4 the note writes PE(pos, 1) = cos(pos/10000^(1/4)) ≈ cos(pos), giving "
    "0.54, −0.42, −0.99, −0.65.",
    claim=claim(
        sp.Matrix([sp.cos(sp.Integer(p) / sp.Integer(10000) ** R(1, 4)) for p in _ps]),
        _num(0.54, -0.42, -0.99, -0.65),
    ),
    tolerance=TWO_DECIMALS,
    holds=False,
    correction=claim(
        sp.Matrix([pe_value(sp.Integer(p), sp.Integer(1), sp.Integer(4)) for p in _ps]),
        _num(0.54, -0.42, -0.99, -0.65),
    ),
    truth="Dimension 1 is 2i + 1 with i = 0, so its exponent is 2i/d_model = 0: PE(pos, 1) = cos(pos), "
    "and the note's numbers are right. The expression it wrote, cos(pos/10000^(1/4)) = cos(pos/10), "
    "is ≈ 0.995, 0.980, 0.955, 0.921.",
)

NOTE_PE_ROWS = sp.Matrix(
    [
        [0.84, 0.54, 0.91, -0.42],
        [0.91, -0.42, 0.14, -0.99],
        [-0.76, -0.65, 1.15, -0.72],
        [-0.76, -0.65, 1.15, -0.72],
    ]
).applyfunc(lambda v: sp.Rational(str(v)))
PE_EXAMPLE_VECTORS = Derivation(
    name="positional_encoding_example_vectors",
    title="Worked example: the encodings the note adds are not PE rows",
    source=source(DL_TECHNIQUES, "Transformer: positional encoding example"),
    korean="포지셔널 인코딩",
    statement="The note adds [0.84, 0.54, 0.91, −0.42], [0.91, −0.42, 0.14, −0.99] and (twice) "
    "[−0.76, −0.65, 1.15, −0.72] to the words at positions 1–4 of a d_model = 4 embedding.",
    claim=claim(_pe_matrix(range(1, 5), 4), NOTE_PE_ROWS),
    tolerance=TWO_DECIMALS,
    holds=False,
    correction=claim(
        _pe_matrix(range(1, 5), 4),
        sp.Matrix(
            [
                [0.84, 0.54, 0.01, 1.00],
                [0.91, -0.42, 0.02, 1.00],
                [0.14, -0.99, 0.03, 1.00],
                [-0.76, -0.65, 0.04, 1.00],
            ]
        ).applyfunc(lambda v: sp.Rational(str(v))),
    ),
    truth="A row is PE at one position: dimensions 2 and 3 use frequency 1/10000^(2/4) = 1/100, so "
    "PE(1) = [sin 1, cos 1, sin 0.01, cos 0.01] ≈ [0.84, 0.54, 0.01, 1.00]. The note's rows put "
    "dimensions 0–1 of two different positions side by side, give positions 3 and 4 the same "
    "encoding, and contain 1.15, which no sine or cosine reaches. Counting positions from 0, 'I' "
    "would get PE(0) = [0, 1, 0, 1].",
)

PE_EXAMPLE_SUMS = Derivation(
    name="positional_encoding_example_sums",
    title="Worked example: the note's additions are correct arithmetic",
    source=source(DL_TECHNIQUES, "Transformer: positional encoding example"),
    korean="포지셔널 인코딩",
    statement="Word vector + the note's encoding row = the note's result, for all four words "
    "(e.g. [0.2, 0.1, 0.5, 0.4] + [0.84, 0.54, 0.91, −0.42] ≈ [1.04, 0.64, 1.41, −0.02]).",
    claim=claim(
        EMBEDDINGS + NOTE_PE_ROWS,
        sp.Matrix(
            [
                [1.04, 0.64, 1.41, -0.02],
                [1.81, 0.18, 0.44, -0.29],
                [-0.46, -0.45, 1.95, -0.22],
                [-0.06, -0.05, 1.25, 0.18],
            ]
        ).applyfunc(lambda v: sp.Rational(str(v))),
    ),
    tolerance=TWO_DECIMALS,
)


# -- LSTM and GRU ---------------------------------------------------------------------------------------
def _lstm(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    c_prev, f, i, g = (entries(name, size) for name in ("c_prev", "f", "i", "g"))
    # The gates depend on h_{t−1} and x_t only (no peepholes), so they are constants for ∂/∂c_{t−1}.
    c = f.multiply_elementwise(c_prev) + i.multiply_elementwise(g)
    return c.jacobian(c_prev), sp.diag(*f)


_w = sp.Symbol("n", integer=True, positive=True)  # the width of the state
_a, _b, _r, _q = sp.symbols("i k r j", integer=True)
_cs, _cps, _fs, _is, _gs = (sp.IndexedBase(name, real=True) for name in ("c_t", "c_t-1", "f", "i", "g"))
LSTM_CELL_GRADIENT = Derivation(
    name="lstm_cell_state_gradient",
    title="The LSTM cell state's Jacobian is the forget gate",
    source=source(ML_LIFECYCLE, "LSTM: cell state"),
    statement="c_t = f_t⊙c_(t−1) + i_t⊙g_t gives ∂c_t/∂c_(t−1) = diag(f_t): the cell state's path "
    "scales information (and gradient) by the forget gate at each step, which is nearly intact when "
    "f ≈ 1 — no W matrix and no tanh′ factor.",
    claim=claim(
        sp.Derivative(sp.MatrixSymbol("c_t", _w, 1), sp.MatrixSymbol("c_t-1", _w, 1), evaluate=False),
        sp.DiagMatrix(sp.MatrixSymbol("f_t", _w, 1)),
    ),
    definitions=((_cs[_r], _fs[_r] * _cps[_r] + _is[_r] * _gs[_r]),),
    indexed=(sp.Derivative(_cs[_a], _cps[_b]), _fs[_a] * sp.KroneckerDelta(_a, _b)),
    facts=Facts({_a: (1, _w), _b: (1, _w)}),
    sizes=(1, 2, 3),
    explicit=_lstm,
    conventions=("Standard LSTM without peephole connections.",),
)


_hts, _os = sp.IndexedBase("h_t", real=True), sp.IndexedBase("o", real=True)
LSTM_OUTPUT_GRADIENT = Derivation(
    name="lstm_hidden_state_gradient",
    title="The LSTM's output is o⊙tanh(c), so ∂h_t/∂c_t = diag(o⊙(1 − tanh² c_t))",
    source=source(ML_LIFECYCLE, "LSTM: cell state"),
    korean="셀 상태",
    statement="The output gate reads the cell state through a tanh: h_t = o_t⊙tanh(c_t), so for any width "
    "∂h_t/∂c_t = diag(o_t⊙(1 − tanh² c_t)) — the gradient from h reaches the cell state scaled by the "
    "output gate and by tanh′, which vanishes where |c_t| is large; along the cell state itself the "
    "factor is only f (lstm_cell_state_gradient).",
    stated=False,
    claim=claim(
        sp.Derivative(sp.MatrixSymbol("h_t", _w, 1), sp.MatrixSymbol("c_t", _w, 1), evaluate=False),
        sp.Symbol("diag(o⊙(1 − tanh² c_t))"),
    ),
    definitions=((_hts[_r], _os[_r] * sp.tanh(_cs[_r])),),
    indexed=(
        sp.Derivative(_hts[_a], _cs[_b]),
        _os[_a] * (1 - sp.tanh(_cs[_a]) ** 2) * sp.KroneckerDelta(_a, _b),
    ),
    facts=Facts({_a: (1, _w), _b: (1, _w)}),
    conventions=(
        "Standard LSTM without peephole connections; the output gate o_t depends on h_(t−1) and x_t only.",
    ),
)

_af = sp.IndexedBase("a_f", real=True)  # the forget gate's pre-activation: f = σ(a_f)
LSTM_CELL_CHANGES = Derivation(
    name="lstm_cell_state_changes",
    title="The LSTM cell state does change: each step scales it by the forget gate",
    source=source(ML_LIFECYCLE, "LSTM: cell state"),
    korean="셀 상태",
    statement="The note calls the cell state the part through which information flows without any change. "
    "Flowing unchanged would make the old state pass with weight 1: ∂c_t/∂c_(t−1) = I, entry by entry "
    "δ_ik.",
    stated=False,
    claim=claim(sp.Derivative(_cs[_a], _cps[_b]), sp.KroneckerDelta(_a, _b)),
    definitions=((_cs[_r], sigma(_af[_r]) * _cps[_r] + _is[_r] * _gs[_r]), SIGMOID),
    facts=Facts({_a: (1, _w), _b: (1, _w)}),
    holds=False,
    correction=claim(sp.Derivative(_cs[_a], _cps[_b]), sigma(_af[_a]) * sp.KroneckerDelta(_a, _b)),
    truth="c_t = f_t⊙c_(t−1) + i_t⊙g_t, so ∂c_t/∂c_(t−1) = diag(f_t) (lstm_cell_state_gradient) with "
    "f_t = σ(·) strictly between 0 and 1 (sigmoid_range): every step scales the old cell state down and "
    "adds i_t⊙g_t, and over k steps the old state is scaled by the product of k forget gates. What is "
    "true is that this path has no weight matrix and no tanh′ factor — only the gates' elementwise "
    "scaling — so with f ≈ 1 information and gradients survive many more steps than in a plain RNN.",
    conventions=("Standard LSTM without peephole connections; f = σ(a_f) with a_f the gate's input.",),
)


def _gru(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    h = entries("h_prev", size)
    Wz, Wr, Wn = (entries(name, size, size) for name in ("W_z", "W_r", "W_n"))
    uz, ur, un = (entries(name, size) for name in ("u_z", "u_r", "u_n"))
    sig = lambda v: 1 / (1 + sp.exp(-v))  # noqa: E731
    z = (Wz * h + uz).applyfunc(sig)
    r = (Wr * h + ur).applyfunc(sig)
    n = (Wn * r.multiply_elementwise(h) + un).applyfunc(sp.tanh)
    h_new = (sp.ones(size, 1) - z).multiply_elementwise(n) + z.multiply_elementwise(h)
    product_rule = (
        sp.diag(*z) + sp.diag(*(sp.ones(size, 1) - z)) * n.jacobian(h) + sp.diag(*(h - n)) * z.jacobian(h)
    )
    return h_new.jacobian(h), product_rule


_hv, _hpv, _zv = (sp.MatrixSymbol(name, _w, 1) for name in ("h_t", "h_t-1", "z"))
_ht, _hp, _zg, _rg, _ng = (sp.IndexedBase(name, real=True) for name in ("h_t", "h_t-1", "z", "r", "n"))
_Wz, _Wr, _Wn, _uz, _ur, _un = (
    sp.IndexedBase(name, real=True) for name in ("W_z", "W_r", "W_n", "u_z", "u_r", "u_n")
)


def _sig(v: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-v))


GRU_GRADIENT = Derivation(
    name="gru_hidden_state_gradient",
    title="The GRU's Jacobian has a direct path diag(z)",
    source=source(ML_LIFECYCLE, "GRU"),
    statement="h_t = (1 − z)⊙n + z⊙h_(t−1) gives ∂h_t/∂h_(t−1) = diag(z) + diag(1 − z)·∂n/∂h + "
    "diag(h_(t−1) − n)·∂z/∂h: like the LSTM's cell, an update gate near 1 passes gradient straight "
    "through, with only two gates (update z, reset r).",
    claim=claim(
        sp.Derivative(_hv, _hpv, evaluate=False),
        sp.DiagMatrix(_zv)
        + sp.DiagMatrix(sp.OneMatrix(_w, 1) - _zv) * sp.MatrixSymbol("J_n", _w, _w)
        + sp.DiagMatrix(_hpv - sp.MatrixSymbol("n", _w, 1)) * sp.MatrixSymbol("J_z", _w, _w),
    ),
    definitions=(
        (_ht[_r], (1 - _zg[_r]) * _ng[_r] + _zg[_r] * _hp[_r]),
        (_ng[_r], sp.tanh(sp.Sum(_Wn[_r, _q] * _rg[_q] * _hp[_q], (_q, 1, _w)) + _un[_r])),
        (_zg[_r], _sig(sp.Sum(_Wz[_r, _q] * _hp[_q], (_q, 1, _w)) + _uz[_r])),
        (_rg[_r], _sig(sp.Sum(_Wr[_r, _q] * _hp[_q], (_q, 1, _w)) + _ur[_r])),
    ),
    indexed=(
        sp.Derivative(_ht[_a], _hp[_b]),
        _zg[_a] * sp.KroneckerDelta(_a, _b)
        + (1 - _zg[_a]) * sp.Derivative(_ng[_a], _hp[_b])
        + (_hp[_a] - _ng[_a]) * sp.Derivative(_zg[_a], _hp[_b]),
    ),
    facts=Facts({_a: (1, _w), _b: (1, _w)}),
    sizes=(1, 2),
    explicit=_gru,
    conventions=(
        "n = tanh(W_n(r⊙h_(t−1)) + u_n) with the inputs folded into u (Cho et al. 2014); "
        "z weights the previous state, as PyTorch's GRU does.",
    ),
)


# -- softmax regression (DL basics) --------------------------------------------------------------------
_o = sp.symbols("o_1:4", real=True)
SOFTMAX_REGRESSION = Derivation(
    name="softmax_regression_vector_softmax",
    title="Softmax applies to the vector of all logits, not to each logit alone",
    source=source(DL_BASICS, "Deep learning structure: softmax regression"),
    korean="소프트맥스",
    statement="The note writes o_k = softmax(x·w_k + b_k) for each of three classes and then Σ o_k = 1. "
    "Softmax of a single number is e^o/e^o = 1, so that sum is 3.",
    claim=claim(sum(softmax_vector(sp.Matrix([v]))[0] for v in _o), 1),
    derived_expr=sum(softmax_vector(sp.Matrix([v]))[0] for v in _o),
    holds=False,
    correction=claim(sum(softmax_vector(sp.Matrix(_o))), 1),
    truth="Compute every logit first, o_k = x·w_k + b_k (the vector o = Wᵀx + b when W holds one column "
    "w_k per class), and apply softmax to the whole vector: ŷ = softmax(o), whose entries sum to 1 "
    "(the note's second, vector form is the right one).",
)

# -- scaled dot-product attention for one sequence, and its causal mask ------------------------------------
_T, _L, _E, _Dk = sp.symbols("T L E D", integer=True, positive=True)  # T queries, L keys
_Qb, _Kb = sp.IndexedBase("Q", shape=(_T, _Dk)), sp.IndexedBase("K", shape=(_L, _Dk))
_Vb, _Ob = sp.IndexedBase("V", shape=(_L, _E)), sp.IndexedBase("out", shape=(_T, _E))
_Sb, _Pb = sp.IndexedBase("S", shape=(_T, _L)), sp.IndexedBase("P", shape=(_T, _L))
_mxb, _tob = sp.IndexedBase("rowmax", shape=(_T,)), sp.IndexedBase("total", shape=(_T,))
_ti, _tj = sp.Idx("i", _T), sp.Idx("j", _L)
_tk, _tc = sp.Idx("k", _Dk), sp.Idx("c", _E)


def _attention_stages(causal: bool) -> tuple[Assign, ...]:
    score = sp.Sum(_Qb[_ti, _tk] * _Kb[_tj, _tk], (_tk, 0, _Dk - 1)) / sp.sqrt(_Dk)
    if causal:  # position i attends to positions j ≤ i only: the others get weight e^(−∞) = 0
        score = sp.Piecewise((score, _tj <= _ti), (-sp.oo, True))
    return (
        Assign(_Sb[_ti, _tj], score),
        Assign(_mxb[_ti], Maximum(_Sb[_ti, _tj], (_tj, 0, _L - 1))),
        Assign(_Pb[_ti, _tj], sp.exp(_Sb[_ti, _tj] - _mxb[_ti])),
        Assign(_tob[_ti], sp.Sum(_Pb[_ti, _tj], (_tj, 0, _L - 1))),
        Assign(_Ob[_ti, _tc], sp.Sum(_Pb[_ti, _tj] * _Vb[_tj, _tc], (_tj, 0, _L - 1)) / _tob[_ti]),
    )


def _attention_reference(size: int, causal: bool) -> tuple[dict, dict]:
    """``size`` queries against ``size + 1`` keys (so a swapped T and L would show)."""
    d, e, keys = 2, 1, size + 1
    Q, K, V = entries("Q", size, d), entries("K", keys, d), entries("V", keys, e)
    rows = []
    for i in range(size):
        scores = [(Q[i, :] * K[j, :].T)[0] / sp.sqrt(d) for j in range(keys) if not causal or j <= i]
        weights = softmax_vector(sp.Matrix(scores))
        rows.append(sum((weights[j] * V[j, :] for j in range(len(scores))), sp.zeros(1, e)))
    return {_T: size, _L: keys, _Dk: d, _E: e}, {_Ob: sp.Matrix.vstack(*rows)}


# The weights, for a symbolic sequence length and width.
_qs_a, _ks_a, _vs_a = (sp.IndexedBase(name, real=True) for name in ("q", "k", "v"))
_ai, _aj, _al, _am = sp.symbols("i j l m", integer=True)
_alpha = sp.IndexedBase("alpha", positive=True)
_score_a = sp.IndexedBase("s", real=True)
ATTENTION_WEIGHTS = (
    (_alpha[_ai, _aj], sp.exp(_score_a[_ai, _aj]) / sp.Sum(sp.exp(_score_a[_ai, _al]), (_al, 1, _T))),
    (_score_a[_ai, _aj], sp.Sum(_qs_a[_ai, _am] * _ks_a[_aj, _am], (_am, 1, _Dk)) / sp.sqrt(_Dk)),
)

ATTENTION = Derivation(
    name="scaled_dot_product_attention",
    title="Attention's output is a weighted average of the values",
    source=source(ML_LIFECYCLE, "Transformers: self-attention (scaling and softmax)"),
    korean="어텐션",
    statement="z_i = Σ_j α_ij v_j with α_ij = softmax_j(q_i·k_j/√d_k): the weights of each query sum to 1 "
    "for any sequence length T and width d_k, so z_i is an average of the value vectors.",
    stated=False,
    claim=claim(sp.Sum(_alpha[_ai, _aj], (_aj, 1, _T)), 1),
    definitions=ATTENTION_WEIGHTS,
    derived_expr=sp.Sum(_alpha[_ai, _aj], (_aj, 1, _T)),
    facts=Facts({_ai: (1, _T)}),
    conventions=(
        "One head: Q is (T, d_k), K is (L, d_k), V is (L, d_v) (self-attention: L = T); "
        "softmax over the keys.",
    ),
    kernel=Loops(
        "attention",
        inputs=(_Qb, _Kb, _Vb),
        outputs=(_Ob,),
        stages=_attention_stages(causal=False),
        why="Scores QKᵀ/√d_k row by row, max-subtracted exponentials and their sum, then the weighted "
        "sum of values divided once by the row total.",
        reference=lambda size: _attention_reference(size, causal=False),
        reference_sizes=(1, 2),
    ),
)

_zs_out = sp.IndexedBase("z", real=True)
CAUSAL_ATTENTION = Derivation(
    name="causal_attention_mask",
    title="With the causal mask, a position's output ignores later positions",
    source=source(DL_TECHNIQUES, "Transformer: features (the decoder generates from the outputs so far)"),
    korean="어텐션",
    statement="With scores of keys j > i set to −∞, α_ij = 0 for j > i and z_i = Σ_{j≤i} α_ij v_j: "
    "∂z_i/∂v_j = 0 for every later position j, so the decoder cannot look ahead.",
    stated=False,
    claim=claim(sp.Derivative(_zs_out[_ai], _vs_a[_aj], evaluate=False), 0),
    derived_expr=sp.Derivative(sp.Sum(_alpha[_ai, _al] * _vs_a[_al], (_al, 1, _ai)), _vs_a[_aj]),
    facts=Facts({_ai: (1, _T), _aj: (_ai + 1, _T)}),
    conventions=(
        "j > i: the mask leaves only keys 1..i in the sum (α_ij = 0 beyond); with L ≠ T the mask is "
        "aligned at the top left, as torch's is_causal=True.",
    ),
    kernel=Loops(
        "attention_causal",
        inputs=(_Qb, _Kb, _Vb),
        outputs=(_Ob,),
        stages=_attention_stages(causal=True),
        why="As attention, with the scores of later keys −∞ before the softmax (e^(−∞) = 0 exactly).",
        reference=lambda size: _attention_reference(size, causal=True),
        reference_sizes=(1, 2, 3),
    ),
)

DERIVATIONS = (
    DOT_PRODUCT_VARIANCE,
    SCALED_SCORE_VARIANCE,
    SELF_ATTENTION_ALL_POSITIONS,
    SELF_ATTENTION_SCORE,
    SELF_ATTENTION_SOFTMAX,
    SELF_ATTENTION_OUTPUT,
    POSITIONAL_ENCODING,
    PE_RELATIVE,
    PE_EXAMPLE_EXPONENT,
    PE_EXAMPLE_VECTORS,
    PE_EXAMPLE_SUMS,
    LSTM_CELL_GRADIENT,
    LSTM_CELL_CHANGES,
    LSTM_OUTPUT_GRADIENT,
    GRU_GRADIENT,
    SOFTMAX_REGRESSION,
    ATTENTION,
    CAUSAL_ATTENTION,
)
