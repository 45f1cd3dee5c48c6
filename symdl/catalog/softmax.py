"""Softmax: a probability distribution over n classes, its order, its Jacobian and its kernel.

softmax(z)_i = e^(z_i)/Σ_j e^(z_j), for any number of classes n (index form), with explicit sizes as
cross-checks; the generated kernel subtracts each row's maximum first.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import DEEP_LEARNING, DL_BASICS, DL_TECHNIQUES, SIGMOID, claim, sigma, source
from symdl.codegen.spec import Assign, Loops, Maximum, entries, entry
from symdl.record import Derivation, Facts, Step


# -- softmax ---------------------------------------------------------------------------------------
def softmax_vector(z: sp.Matrix) -> sp.Matrix:
    total = sum(sp.exp(zi) for zi in z)
    return z.applyfunc(lambda zi: sp.exp(zi) / total)


def _sums_to_one(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    return sp.Matrix([sum(softmax_vector(entries("z", size)))]), sp.Matrix([1])


def _shift(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    z, c = entries("z", size), sp.Symbol("c", real=True)
    return softmax_vector(z + sp.ones(size, 1) * c), softmax_vector(z)


def _softmax_jacobian(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    z = entries("z", size)
    p = softmax_vector(z)
    return p.jacobian(z), sp.diag(*p) - p * p.T


# -- any number of classes n: p_r = e^(z_r)/S, S = Σ_j e^(z_j) -----------------------------------------
n_classes = sp.Symbol("n", integer=True, positive=True)
zs, ps = sp.IndexedBase("z", real=True), sp.IndexedBase("p", positive=True)
S = sp.Symbol("S", positive=True)
_i, _j, _k, _r = sp.symbols("i j k r", integer=True)
SOFTMAX_DEF = (
    (ps[_r], sp.exp(zs[_r]) / S),
    (S, sp.Sum(sp.exp(zs[_k]), (_k, 1, n_classes))),
)
CLASSES = Facts({_i: (1, n_classes), _j: (1, n_classes)})

SOFTMAX_SUMS_TO_ONE = Derivation(
    name="softmax_sums_to_one",
    title="Softmax outputs are a probability distribution",
    source=source(DL_BASICS, "softmax"),
    korean="소프트맥스",
    statement="Σ_i softmax(z)_i = 1, and each entry e^(z_i)/Σ_j e^(z_j) is positive.",
    claim=claim(sp.Sum(ps[_i], (_i, 1, n_classes)), 1),
    definitions=SOFTMAX_DEF,
    derived_expr=sp.Sum(ps[_i], (_i, 1, n_classes)),
    steps=(
        Step(sp.Sum(sp.exp(zs[_i]), (_i, 1, n_classes)) / S, "S does not depend on i: it leaves the sum"),
        Step(S / S, "the numerator is S itself"),
    ),
    sizes=(1, 2, 3),
    explicit=_sums_to_one,
)

_zc = sp.Symbol("c", real=True)
SOFTMAX_ORDER = Derivation(
    name="softmax_keeps_order_not_a_hard_max",
    title="Softmax keeps the logits' order, but it is not a hard maximum",
    source=source(DL_TECHNIQUES, "Activations: softmax"),
    korean="소프트맥스",
    statement="The note says one output takes the largest value and the others stay small. What holds "
    "for any number of classes n: p_i/p_j = e^(z_i − z_j), so the larger logit always gets the larger "
    "probability, and how far it stands out depends only on the gap z_i − z_j. Nothing makes the "
    "others small: equal logits give every class 1/n (judgement call on the note's wording).",
    stated=False,
    claim=claim(sp.Matrix([ps[_i] / ps[_j]]), sp.Matrix([sp.exp(zs[_i] - zs[_j])])),
    definitions=SOFTMAX_DEF,
    derived_expr=sp.Matrix([ps[_i] / ps[_j]]),
    facts=CLASSES,
    conventions=("Equal logits z_k = c for every k: each p_k = e^c/(n·e^c) = 1/n (softmax_equal_logits).",),
)

SOFTMAX_EQUAL = Derivation(
    name="softmax_equal_logits",
    title="Equal logits give the uniform distribution 1/n",
    source=source(DL_TECHNIQUES, "Activations: softmax"),
    korean="소프트맥스",
    statement="With every logit equal to c, each softmax output is e^c/(n·e^c) = 1/n, for any n: softmax "
    "is a soft maximum, and where the logits do not differ no output stands out.",
    stated=False,
    claim=claim(ps[_i], 1 / n_classes),
    definitions=(*SOFTMAX_DEF, (zs[_r], _zc)),
    derived_expr=ps[_i],
    facts=CLASSES,
)

_z1, _z2 = sp.symbols("z_1 z_2", real=True)
SOFTMAX_TWO_CLASSES = Derivation(
    name="softmax_two_classes_is_sigmoid",
    title="Softmax over two classes is the sigmoid of the logit difference",
    source=source(DEEP_LEARNING, "Loss functions"),
    korean="소프트맥스",
    statement="softmax(z₁, z₂)₁ = e^(z₁)/(e^(z₁) + e^(z₂)) = σ(z₁ − z₂). So categorical cross-entropy with "
    "K = 2 classes is binary cross-entropy on the logit z₁ − z₂: the note reserves categorical "
    "cross-entropy for three or more classes, but it is the same loss at K = 2, only with one "
    "redundant logit (judgement call on the note's wording).",
    stated=False,
    claim=claim(softmax_vector(sp.Matrix([_z1, _z2]))[0], sigma(_z1 - _z2)),
    definitions=(SIGMOID,),
    derived_expr=softmax_vector(sp.Matrix([_z1, _z2]))[0],
)

_c = sp.Symbol("c", real=True)
SOFTMAX_SHIFT = Derivation(
    name="softmax_shift_invariance",
    title="Softmax ignores a constant added to every logit",
    source=source(DL_TECHNIQUES, "Activations: softmax"),
    korean="소프트맥스",
    statement="softmax(z + c) = softmax(z) for any constant c — which is why kernels subtract max(z) "
    "first: the same probabilities, and no overflow.",
    claim=claim(sp.Function("softmax")(sp.Symbol("z") + _c), sp.Function("softmax")(sp.Symbol("z"))),
    definitions=SOFTMAX_DEF,
    indexed=(sp.exp(zs[_i] + _c) / sp.Sum(sp.exp(zs[_k] + _c), (_k, 1, n_classes)), ps[_i]),
    facts=CLASSES,
    steps=(
        Step(
            sp.exp(_c) * sp.exp(zs[_i]) / (sp.exp(_c) * S),
            "e^(z + c) = e^c·e^z, and e^c leaves the sum in the denominator",
        ),
        Step(ps[_i], "e^c cancels"),
    ),
    sizes=(1, 2, 3),
    explicit=_shift,
)

SOFTMAX_POSITIVE = Derivation(
    name="softmax_positive",
    title="Every softmax probability is positive",
    source=source(DL_BASICS, "softmax"),
    korean="소프트맥스",
    statement="e^(z_i)/Σ_j e^(z_j) > 0 for any real logits and any number of classes: softmax never "
    "assigns exactly 0.",
    claim=sp.StrictGreaterThan(ps[_i], 0, evaluate=False),
    definitions=SOFTMAX_DEF,
    derived_expr=ps[_i],
    facts=CLASSES,
    conventions=("Positive in exact arithmetic; in floating point a probability can underflow to 0.",),
)

# Kernel: softmax over the last axis of an (N, D) array, max-subtracted.
_N, _D = sp.symbols("N D", integer=True, positive=True)
_zb = sp.IndexedBase("z", shape=(_N, _D))
_pb = sp.IndexedBase("p", shape=(_N, _D))
_mb = sp.IndexedBase("zmax", shape=(_N,))
_sb = sp.IndexedBase("total", shape=(_N,))
_r, _c = sp.Idx("i", _N), sp.Idx("j", _D)
_k = sp.Idx("k", _D)


def softmax_stages(
    z: sp.IndexedBase,
    out: sp.IndexedBase,
    zmax: sp.IndexedBase,
    total: sp.IndexedBase,
    row: sp.Idx,
    col: sp.Idx,
    k: sp.Idx,
) -> tuple[Assign, ...]:
    """Row-wise max-subtracted exponentials of ``z`` into ``out``, and their sum into ``total``;
    dividing ``out`` by ``total`` then gives softmax (shared by the softmax and softmax-CE kernels)."""
    last = k.upper
    return (
        Assign(zmax[row], Maximum(z[row, k], (k, 0, last))),
        Assign(out[row, col], sp.exp(z[row, col] - zmax[row])),
        Assign(total[row], sp.Sum(out[row, k], (k, 0, last))),
    )


def _softmax_reference(size: int) -> tuple[dict, dict]:
    rows = [softmax_vector(sp.Matrix([entry("z", r, c) for c in range(size)])).T for r in range(2)]
    return {_N: 2, _D: size}, {_pb: sp.Matrix.vstack(*rows)}


SOFTMAX_JACOBIAN = Derivation(
    name="softmax_jacobian",
    title="The softmax Jacobian is diag(p) − ppᵀ",
    source=source(DL_TECHNIQUES, "Activations: softmax"),
    korean="소프트맥스",
    statement="∂p_i/∂z_j = p_i(δ_ij − p_j), i.e. J = diag(p) − ppᵀ: the matrix attention's backward "
    "pass multiplies by.",
    claim=claim(sp.Derivative(ps[_i], zs[_j], evaluate=False), ps[_i] * (sp.KroneckerDelta(_i, _j) - ps[_j])),
    definitions=SOFTMAX_DEF,
    derived_expr=sp.Derivative(ps[_i], zs[_j]),
    facts=CLASSES,
    steps=(
        Step(
            sp.exp(zs[_i]) * sp.KroneckerDelta(_i, _j) / S - sp.exp(zs[_i]) * sp.Derivative(S, zs[_j]) / S**2,
            "quotient rule on e^(z_i)/S: ∂e^(z_i)/∂z_j = e^(z_i)·δ_ij",
        ),
        Step(
            sp.exp(zs[_i]) * sp.KroneckerDelta(_i, _j) / S - sp.exp(zs[_i]) * sp.exp(zs[_j]) / S**2,
            "∂S/∂z_j = Σ_k e^(z_k)·δ_kj = e^(z_j)",
        ),
        Step(ps[_i] * sp.KroneckerDelta(_i, _j) - ps[_i] * ps[_j], "e^(z_i)/S = p_i and e^(z_j)/S = p_j"),
        Step(ps[_i] * (sp.KroneckerDelta(_i, _j) - ps[_j]), "p_i in front: diag(p) − ppᵀ entry by entry"),
    ),
    sizes=(1, 2, 3),
    explicit=_softmax_jacobian,
    kernel=Loops(
        "softmax",
        inputs=(_zb,),
        outputs=(_pb,),
        stages=(*softmax_stages(_zb, _pb, _mb, _sb, _r, _c, _k), Assign(_pb[_r, _c], _pb[_r, _c] / _sb[_r])),
        why="Per row, in one pass over the rows: the maximum, exp(z − max) written to the output, their "
        "sum, then the division — exp never overflows, runs once per element, and the largest term is "
        "exactly 1.",
        reference=_softmax_reference,
        reference_sizes=(1, 2, 3),
    ),
)


DERIVATIONS = (
    SOFTMAX_SUMS_TO_ONE,
    SOFTMAX_SHIFT,
    SOFTMAX_ORDER,
    SOFTMAX_EQUAL,
    SOFTMAX_TWO_CLASSES,
    SOFTMAX_POSITIVE,
    SOFTMAX_JACOBIAN,
)
