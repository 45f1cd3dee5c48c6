"""Recurrent networks: the one-step Jacobian of a tanh RNN and its product over time.

For h_t = tanh(W_hh h_{t−1} + W_xh x_t + b) the term W_xh x_t + b does not depend
on h_{t−1}; the proofs write it as one input vector u_t.  Both results are proved for a
symbolic width n, entry by entry (∂h_{t,i}/∂h_{t−1,k}), and the product over time for every
T by induction; explicit symbolic matrices of small sizes are an independent cross-check.
"""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

from symdl.catalog._common import ML_LIFECYCLE, claim, source
from symdl.codegen.spec import Assign, Loops, entries, entry
from symdl.record import Derivation, Facts, Induction, Step

n = sp.Symbol("n", integer=True, positive=True)
T = sp.Symbol("T", integer=True, positive=True)

# -- display form (general n) ----------------------------------------------------------------
_h = sp.MatrixSymbol("h_t", n, 1)
_hprev = sp.MatrixSymbol("h_{t-1}", n, 1)
_W = sp.MatrixSymbol("W_hh", n, n)
_DIAG = sp.DiagMatrix(sp.OneMatrix(n, 1) - sp.HadamardProduct(_h, _h))


def _step(W: sp.Matrix, hprev: sp.Matrix, u: sp.Matrix) -> sp.Matrix:
    """One RNN step h = tanh(W h_prev + u), elementwise tanh."""
    return (W * hprev + u).applyfunc(sp.tanh)


def _one_step(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    W, hprev, u = entries("W", size, size), entries("h_prev", size), entries("u", size)
    h = _step(W, hprev, u)
    derived = h.jacobian(hprev)
    claimed = sp.diag(*[1 - hi**2 for hi in h]) * W
    return derived, claimed


# -- kernels -----------------------------------------------------------------------------------
_hb = sp.IndexedBase("h", shape=(n,))
_Wb = sp.IndexedBase("W", shape=(n, n))
_Jb = sp.IndexedBase("J", shape=(n, n))
_i, _j, _k = sp.Idx("i", n), sp.Idx("j", n), sp.Idx("k", n)


def _rnn_jacobian_reference(size: int) -> tuple[dict, dict]:
    h, W = entries("h", size), entries("W", size, size)
    return {n: size}, {_Jb: sp.diag(*[1 - hi**2 for hi in h]) * W}


# -- index form (any width n): h_t = tanh(a), a_i = Σ_j W_ij h_{t−1,j} + u_i ---------------------
hs_t, hs_prev, a_t = (
    sp.IndexedBase("h_t", real=True),
    sp.IndexedBase("h_t-1", real=True),
    sp.IndexedBase("a", real=True),
)
Ws, us = sp.IndexedBase("W", real=True), sp.IndexedBase("u", real=True)
i, j, k, r = sp.symbols("i j k r", integer=True)
ONE_STEP = (
    (hs_t[r], sp.tanh(a_t[r])),
    (a_t[r], sp.Sum(Ws[r, j] * hs_prev[j], (j, 1, n)) + us[r]),
)
ENTRIES = Facts({i: (1, n), k: (1, n)})

RNN_JACOBIAN = Derivation(
    name="rnn_jacobian",
    title="One-step Jacobian of a tanh RNN",
    source=source(ML_LIFECYCLE, "RNN: drawbacks (exploding and vanishing gradients)"),
    korean="기울기 소실 / 기울기 폭발",
    statement="∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh: row i of W_hh scaled by tanh′ = 1 − h_{t,i}².",
    claim=claim(sp.Derivative(_h, _hprev, evaluate=False), _DIAG * _W),
    definitions=ONE_STEP,
    indexed=(sp.Derivative(hs_t[i], hs_prev[k]), (1 - hs_t[i] ** 2) * Ws[i, k]),
    facts=ENTRIES,
    steps=(
        Step(
            (1 - sp.tanh(a_t[i]) ** 2) * sp.Derivative(a_t[i], hs_prev[k]),
            "chain rule through the pre-activation a_i: tanh′(a) = 1 − tanh²(a)",
        ),
        Step(
            (1 - sp.tanh(a_t[i]) ** 2) * Ws[i, k],
            "∂a_i/∂h_{t−1,k} = Σ_j W_ij δ_jk = W_ik",
        ),
        Step((1 - hs_t[i] ** 2) * Ws[i, k], "tanh(a_i) is h_{t,i}: entry (i, k) of diag(1 − h_t²) W_hh"),
    ),
    sizes=(1, 2, 3),
    explicit=_one_step,
    conventions=(
        "h_t is the post-activation state; Jacobians are laid out ∂(output i)/∂(input j).",
        "The note writes the product as (1 − h_t²)·W_hh; the factor is the diagonal matrix "
        "diag(1 − h_t²) multiplying W_hh from the left, not an elementwise product.",
    ),
    kernel=Loops(
        "rnn_jacobian",
        inputs=(_hb, _Wb),
        outputs=(_Jb,),
        # 1 − h² as (1 − h)(1 + h): the same number, but 1 − h is exact for h in [1/2, 1]
        # (Sterbenz), so a saturated unit (h → ±1, the vanishing-gradient regime) keeps every
        # digit, where h·h − 1 cancels them away.
        stages=(Assign(_Jb[_i, _j], (1 - _hb[_i]) * (1 + _hb[_i]) * _Wb[_i, _j]),),
        why="Row i of W_hh times (1 − h_i)(1 + h_i) = 1 − h_i², computed once per row; the factored "
        "form stays exact to a few ulp when h_i saturates at ±1.",
        reference=_rnn_jacobian_reference,
        reference_sizes=(1, 2, 3),
    ),
)


def _through_time(steps: int, size: int = 2) -> tuple[sp.Matrix, sp.Matrix]:
    """∂h_T/∂h_0 by differentiating the unrolled recurrence, and the product of one-step Jacobians."""
    W, h0 = entries("W", size, size), entries("h_0", size)
    states = [h0]
    for t in range(1, steps + 1):
        states.append(_step(W, states[-1], entries(f"u_{t}", size)))
    derived = states[-1].jacobian(h0)
    claimed = sp.eye(size)
    for t in range(1, steps + 1):
        claimed = sp.diag(*[1 - hi**2 for hi in states[t]]) * W * claimed
    return derived, claimed


_hs = sp.IndexedBase("hs", shape=(T, n))
_Pb = sp.IndexedBase("P", shape=(n, n))
_Qb = sp.IndexedBase("Q", shape=(n, n))
_t = sp.Idx("t", T)


def _bptt_reference(steps: int, size: int = 2) -> tuple[dict, dict]:
    W = entries("W", size, size)
    product = sp.eye(size)
    for t in range(steps):
        h = sp.Matrix([entry("hs", t, i) for i in range(size)])
        product = sp.diag(*[1 - hi**2 for hi in h]) * W * product
    return {T: steps, n: size}, {_Pb: product}


# The inductive step.  h_{T+1} = tanh(W h_T + u) where h_T depends on h_0; differentiate with
# respect to one entry h_{0,k} (the symbol below) by the chain rule.  P_jk names ∂h_{T,j}/∂h_{0,k},
# which the induction hypothesis says is the product J_T ⋯ J_1; the claim's product for T + 1 is
# J_{T+1}·P by the definition of the ordered product (the latest step on the left).
_h0k = sp.Symbol("h_0,k", real=True)
_h_of = sp.Function("h_T")  # h_{T,j} as a function of h_{0,k}
hs_next = sp.IndexedBase("h_T+1", real=True)
Ps = sp.IndexedBase("P", real=True)
_pre_next = sp.Sum(Ws[i, j] * _h_of(j, _h0k), (j, 1, n)) + us[i]
THROUGH_TIME = (
    (hs_next[r], sp.tanh(sp.Sum(Ws[r, j] * _h_of(j, _h0k), (j, 1, n)) + us[r])),
    (Ps[j, k], sp.Derivative(_h_of(j, _h0k), _h0k)),
)

BPTT_JACOBIAN = Derivation(
    name="rnn_bptt_jacobian",
    title="Jacobian through time: the product of one-step Jacobians",
    source=source(ML_LIFECYCLE, "RNN: drawbacks (exploding and vanishing gradients)"),
    korean="기울기 소실 / 기울기 폭발",
    statement="∂h_T/∂h_0 = J_T J_{T−1} ⋯ J_1 with J_t = diag(1 − h_t²) W_hh; its norm grows or "
    "shrinks geometrically with T, which is why RNN gradients explode or vanish.",
    claim=claim(
        sp.Derivative(sp.MatrixSymbol("h_T", n, 1), sp.MatrixSymbol("h_0", n, 1), evaluate=False),
        sp.Product(sp.Symbol("J_t"), (sp.Symbol("t"), 1, T)),
    ),
    induction=Induction(
        T,
        1,
        base=(sp.Derivative(hs_t[i], hs_prev[k]), (1 - hs_t[i] ** 2) * Ws[i, k]),
        step=(
            sp.Derivative(hs_next[i], _h0k),
            sp.Sum((1 - hs_next[i] ** 2) * Ws[i, j] * Ps[j, k], (j, 1, n)),
        ),
        hypothesis="P = ∂h_T/∂h_0 is J_T ⋯ J_1; then ∂h_{T+1}/∂h_0 = J_{T+1}P by the chain rule, "
        "which is the product for T + 1",
    ),
    steps=(
        Step(
            (1 - sp.tanh(_pre_next) ** 2) * sp.Sum(Ws[i, j] * sp.Derivative(_h_of(j, _h0k), _h0k), (j, 1, n)),
            "chain rule through the pre-activation of step T + 1: tanh′ times ∂(Σ_j W_ij h_T,j)/∂h_0,k",
        ),
        Step(
            (1 - hs_next[i] ** 2) * sp.Sum(Ws[i, j] * Ps[j, k], (j, 1, n)),
            "tanh(·) is h_{T+1,i}; ∂h_{T,j}/∂h_{0,k} is P_jk = (J_T ⋯ J_1)_jk, the induction hypothesis",
        ),
        Step(
            sp.Sum((1 - hs_next[i] ** 2) * Ws[i, j] * Ps[j, k], (j, 1, n)),
            "1 − h²_{T+1,i} does not depend on j: (J_{T+1}P)_ik with J_{T+1} = diag(1 − h²_{T+1})W_hh",
        ),
    ),
    definitions=(*ONE_STEP, *THROUGH_TIME),
    facts=ENTRIES,
    sizes=(1, 2),
    size_name="T",
    explicit=_through_time,
    conventions=("The product is ordered with J_T on the left (latest step first).",),
    kernel=Loops(
        "bptt_jacobian",
        inputs=(_hs, _Wb),
        outputs=(_Pb,),
        stages=(Assign(_Pb[_i, _k], sp.KroneckerDelta(_i, _k)),),
        scan=(_t, T),
        body=(
            Assign(
                _Qb[_i, _k],
                (1 - _hs[_t, _i]) * (1 + _hs[_t, _i]) * sp.Sum(_Wb[_i, _j] * _Pb[_j, _k], (_j, 0, n - 1)),
            ),
            Assign(_Pb[_i, _k], _Qb[_i, _k]),
        ),
        why="P ← diag(1 − h_t²) (W P) for t = 1..T, starting from the identity; the product W P "
        "runs in i, j, k order so the inner loop walks rows of P contiguously.",
        reference=_bptt_reference,
        reference_sizes=(1, 2, 3),
    ),
)


# -- how fast the product can grow or shrink: a bound by induction on T ------------------------------------
_gamma = sp.Symbol("gamma", nonnegative=True)  # the largest ‖diag(1 − h_t²)‖ = max_i |1 − h_t,i²| ≤ 1
_w_norm = sp.Symbol("‖W_hh‖", nonnegative=True)
_prev_norm = sp.Symbol("P", real=True)  # ‖∂h_T/∂h_0‖ in the inductive step
BPTT_NORM_BOUND = Derivation(
    name="rnn_bptt_norm_bound",
    title="‖∂h_T/∂h_0‖ ≤ (γ‖W_hh‖)^T: RNN gradients shrink geometrically when γ‖W_hh‖ < 1",
    source=source(ML_LIFECYCLE, "RNN: drawbacks (exploding and vanishing gradients)"),
    korean="기울기 소실 / 기울기 폭발",
    statement="With J_t = diag(1 − h_t²)W_hh (rnn_jacobian) and γ the largest ‖diag(1 − h_t²)‖ = "
    "max_i |1 − h_t,i²| ≤ 1 over the steps (tanh_derivative_bound), the product ∂h_T/∂h_0 = J_T⋯J_1 "
    "(rnn_bptt_jacobian) has norm at most (γ‖W_hh‖)^T for every T: it vanishes geometrically when "
    "γ‖W_hh‖ < 1 — always when ‖W_hh‖ < 1 — and can explode only when ‖W_hh‖ > 1 (necessary, not "
    "sufficient: saturated units make γ small).",
    stated=False,
    claim=sp.LessThan(sp.Symbol("‖∂h_T/∂h_0‖"), (_gamma * _w_norm) ** T, evaluate=False),
    induction=Induction(
        T,
        1,
        base=(_gamma * _w_norm, _gamma * _w_norm),
        step=(_gamma * _w_norm * _prev_norm, (_gamma * _w_norm) ** (T + 1)),
        hypothesis="‖∂h_T/∂h_0‖ ≤ (γ‖W_hh‖)^T; then ‖J_(T+1)·∂h_T/∂h_0‖ ≤ "
        "‖diag(1 − h²)‖·‖W_hh‖·‖∂h_T/∂h_0‖ ≤ γ‖W_hh‖·‖∂h_T/∂h_0‖ (a matrix norm is "
        "submultiplicative), which grows with ‖∂h_T/∂h_0‖; the base is the same inequality for J_1 "
        "alone",
        previous=_prev_norm,
    ),
    conventions=(
        "‖·‖ is any operator norm (e.g. the spectral norm); submultiplicativity, ‖AB‖ ≤ ‖A‖‖B‖, is its "
        "defining property and is used, not proved, here.",
    ),
)

# -- counting: shared parameters and a sequential chain (ML LifeCycle, RNN advantages and drawbacks) ----
n_h, n_x = sp.symbols("n_h n_x", integer=True, positive=True)
_Whh, _Wxh = sp.MatrixSymbol("W_hh", n_h, n_h), sp.MatrixSymbol("W_xh", n_h, n_x)
_bias = sp.MatrixSymbol("b", n_h, 1)
PARAMETERS = sp.FiniteSet(_Whh, _Wxh, _bias)


def _rnn_step(h: sp.MatrixExpr, t: int | sp.Expr) -> tuple[sp.MatrixExpr, sp.MatrixSymbol]:
    """h_t = tanh(W_hh h + W_xh x_t + b) as a matrix expression, and its input x_t."""
    x_t = sp.MatrixSymbol(f"x_{t}", n_x, 1)
    return ElementwiseApplyFunction(sp.tanh, _Whh * h + _Wxh * x_t + _bias), x_t


def _unrolled(steps: int) -> tuple[sp.MatrixExpr, set]:
    """h_steps from h_0, and the data matrices in it (h_0 and the inputs x_1 … x_steps)."""
    h0 = sp.MatrixSymbol("h_0", n_h, 1)
    h, data = h0, {h0}
    for t in range(1, steps + 1):
        h, x_t = _rnn_step(h, t)
        data.add(x_t)
    return h, data


def parameters_in(expr: sp.MatrixExpr, data: set) -> sp.FiniteSet:
    """The matrices ``expr`` is built from, other than its data: its parameters."""
    return sp.FiniteSet(*(expr.atoms(sp.MatrixSymbol) - data))


def tanh_depth(expr: sp.Basic, target: sp.Basic) -> int:
    """How many tanh applications lie between ``expr`` and ``target`` on the longest path."""
    if expr == target:
        return 0
    inner = max(tanh_depth(a, target) for a in expr.args if a.has(target))
    return inner + (1 if isinstance(expr, ElementwiseApplyFunction) else 0)


def _count(params: sp.FiniteSet) -> sp.Expr:
    return sp.Add(*(sp.Mul(*m.shape) for m in params))


_h_T = sp.MatrixSymbol("h_T", n_h, 1)  # the state after T steps, in the inductive step
_next, _x_next = _rnn_step(_h_T, T + 1)
RNN_SHARED_PARAMETERS = Derivation(
    name="rnn_parameters_shared_across_steps",
    title="An RNN uses the same three parameter matrices at every step, for any length",
    source=source(ML_LIFECYCLE, "RNN: advantages and drawbacks"),
    statement="Unrolled over T steps, h_t = tanh(W_hh h_(t−1) + W_xh x_t + b) is built from the same "
    "parameters for every T: W_hh, W_xh and b, n_h² + n_h·n_x + n_h numbers, whatever the sequence's "
    "length — which is why an RNN takes inputs of any length and its size does not grow with them.",
    stated=False,
    claim=claim(sp.Function("parameters")(sp.MatrixSymbol("h_T", n_h, 1)), PARAMETERS),
    induction=Induction(
        T,
        1,
        base=(parameters_in(*_unrolled(1)), PARAMETERS),
        step=(sp.Union(parameters_in(_next, {_h_T, _x_next}), PARAMETERS), PARAMETERS),
        hypothesis="h_T is built from W_hh, W_xh and b; the step to h_(T+1) adds the parameters of one "
        "step, found in its expression",
    ),
    sizes=(1, 2, 3, 4),
    size_name="T",
    explicit=lambda steps: (
        sp.Matrix([_count(parameters_in(*_unrolled(steps)))]),
        sp.Matrix([n_h**2 + n_h * n_x + n_h]),
    ),
    conventions=("The cross-check counts the parameters' entries in the unrolled h_T for T = 1..4.",),
)

_h0 = sp.MatrixSymbol("h_0", n_h, 1)
RNN_SEQUENTIAL = Derivation(
    name="rnn_steps_are_sequential",
    title="Computing h_T from h_0 is a chain of T steps, each waiting for the one before",
    source=source(ML_LIFECYCLE, "RNN: advantages and drawbacks"),
    statement="h_t needs h_(t−1), so h_T reaches h_0 through T nested applications of the step — a "
    "chain of T computations that cannot run side by side, for every T: the note's 'hard to "
    "parallelise, hence slow'. Self-attention computes each output z_i = Σ_j α_ij v_j from the inputs "
    "alone, with no other output inside it, so all positions are computed at once.",
    stated=False,
    claim=claim(sp.Function("depth")(sp.MatrixSymbol("h_T", n_h, 1)), T),
    induction=Induction(
        T,
        1,
        base=(tanh_depth(_unrolled(1)[0], _h0), 1),
        step=(tanh_depth(_next, _h_T) + T, T + 1),
        hypothesis="h_T lies T steps above h_0; the step to h_(T+1) applies one more tanh to h_T, as its "
        "expression shows",
    ),
    sizes=(1, 2, 3, 4),
    size_name="T",
    explicit=lambda steps: (sp.Matrix([tanh_depth(_unrolled(steps)[0], _h0)]), sp.Matrix([steps])),
    conventions=("depth counts the tanh applications between h_0 and h_T on the longest path.",),
)

DERIVATIONS = (RNN_JACOBIAN, BPTT_JACOBIAN, BPTT_NORM_BOUND, RNN_SHARED_PARAMETERS, RNN_SEQUENTIAL)
