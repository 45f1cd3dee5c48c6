"""Learning-rate schedules: StepLR, LambdaLR, CosineAnnealingLR (as PyTorch defines them).

Epochs e count from 0; lr₀ is the initial learning rate.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import DL_TECHNIQUES, claim, source
from symdl.record import Derivation, Induction

lr0 = sp.Symbol("lr_0", positive=True)
gamma = sp.Symbol("gamma", positive=True)
e = sp.Symbol("e", integer=True, nonnegative=True)
t = sp.Symbol("t", real=True)
T = sp.Symbol("T_max", positive=True)
eta_min = sp.Symbol("eta_min", nonnegative=True)
eta_max = sp.Symbol("eta_max", positive=True)
STEP = 3  # step_size used for the explicit checks


def _step_lr(epochs: int) -> tuple[sp.Matrix, sp.Matrix]:
    """StepLR as PyTorch applies it (multiply by γ whenever e is a multiple of step_size) vs the
    closed form lr₀·γ^⌊e/step_size⌋, for e = 0..epochs."""
    lr, recursive = lr0, []
    for epoch in range(epochs + 1):
        if epoch > 0 and epoch % STEP == 0:
            lr = lr * gamma
        recursive.append(lr)
    closed = [lr0 * gamma ** sp.floor(sp.Rational(epoch, STEP)) for epoch in range(epochs + 1)]
    return sp.Matrix(recursive), sp.Matrix(closed)


STEP_LR = Derivation(
    name="step_lr",
    title="StepLR decays by γ every step_size epochs",
    source=source(DL_TECHNIQUES, "Learning Rate: StepLR"),
    korean="학습률",
    statement="lr_e = lr₀·γ^⌊e/step_size⌋: constant for step_size epochs, then multiplied by γ — "
    "'every step' in the note means every step_size epochs, not every optimiser step.",
    claim=claim(sp.Function("lr")(e), lr0 * gamma ** sp.floor(e / sp.Symbol("step_size"))),
    sizes=(3, 7, 12),
    size_name="E",
    explicit=_step_lr,
    conventions=(f"The explicit checks cover every epoch e = 0..E, with step_size = {STEP}.",),
)

lam = sp.Lambda(e, 1 / (e + 1))  # a typical LambdaLR multiplier
LAMBDA_LR = Derivation(
    name="lambda_lr_not_exponential",
    title="LambdaLR multiplies by any function of the epoch, not an exponential",
    source=source(DL_TECHNIQUES, "Learning Rate: LambdaLR"),
    korean="학습률",
    statement="The note says LambdaLR lowers the learning rate exponentially with the epoch. An "
    "exponential schedule has a constant ratio lr_(e+1)/lr_e; LambdaLR with the common "
    "multiplier λ(e) = 1/(e + 1) has ratios 1/2, then 2/3.",
    claim=claim(lam(1) / lam(0), lam(2) / lam(1)),
    derived_expr=lam(1) / lam(0),
    holds=False,
    correction=claim(lr0 * lam(2), lr0 / 3),
    truth="LambdaLR sets lr_e = lr₀·λ(e) for whatever function λ the user passes; the decay is exponential "
    "only when λ(e) = γ^e, which is what ExponentialLR does (ratio γ every epoch).",
)


def _cosine(x: sp.Expr) -> sp.Expr:
    return eta_min + (eta_max - eta_min) * (1 + sp.cos(sp.pi * x / T)) / 2


COSINE_PERIODIC = Derivation(
    name="cosine_annealing_lr",
    title="CosineAnnealingLR: from η_max to η_min in T_max epochs, periodic beyond",
    source=source(DL_TECHNIQUES, "Learning Rate: CosineAnnealingLR"),
    korean="학습률",
    statement="η_t = η_min + (η_max − η_min)(1 + cos(πt/T_max))/2 starts at η_max, reaches η_min at "
    "t = T_max, and as a closed form repeats with period 2·T_max (rising back after T_max).",
    claim=claim(sp.Function("eta")(t + 2 * T), sp.Function("eta")(t)),
    definitions=((sp.Function("eta")(t), _cosine(t)),),
    derived_expr=_cosine(t + 2 * T),
    domain=((t, 0.0, 50.0), (T, 1.0, 20.0)),
)

COSINE_RECURSIVE = Derivation(
    name="cosine_annealing_recursive_form",
    title="CosineAnnealingLR's recursive update equals its closed form",
    source=source(DL_TECHNIQUES, "Learning Rate: CosineAnnealingLR"),
    korean="학습률",
    statement="PyTorch updates η_(t+1) = η_min + (η_t − η_min)(1 + cos(π(t+1)/T))/(1 + cos(πt/T)); "
    "starting from the closed form at t this gives the closed form at t + 1.",
    claim=claim(sp.Function("eta")(t + 1), _cosine(t + 1)),
    derived_expr=eta_min
    + (_cosine(t) - eta_min) * (1 + sp.cos(sp.pi * (t + 1) / T)) / (1 + sp.cos(sp.pi * t / T)),
    domain=((t, 0.0, 8.0), (T, 10.0, 20.0)),
    conventions=("Valid while cos(πt/T) ≠ −1, i.e. away from t = T, 3T, ….",),
)

_c = sp.Symbol("c", positive=True)
factor = 1 / (1 + _c)  # 0 < factor < 1, as PyTorch requires
min_lr = sp.Symbol("min_lr", positive=True)
_k = sp.Symbol("k", integer=True, positive=True)


def _plateau(reductions: int) -> tuple[sp.Matrix, sp.Matrix]:
    """lr after each reduction, applied one at a time as ReduceLROnPlateau does (multiply by
    factor, never below min_lr), vs the closed form max(lr₀·factorᵏ, min_lr)."""
    lr, stepwise = lr0, []
    for _ in range(reductions):
        lr = sp.Max(lr * factor, min_lr)
        stepwise.append(lr)
    closed = [sp.Max(lr0 * factor**k, min_lr) for k in range(1, reductions + 1)]
    return sp.Matrix(stepwise), sp.Matrix(closed)


REDUCE_ON_PLATEAU = Derivation(
    name="reduce_lr_on_plateau",
    title="ReduceLROnPlateau: after k reductions the rate is max(lr₀·factorᵏ, min_lr)",
    source=source(DL_TECHNIQUES, "Learning Rate: ReduceLROnPlateau"),
    korean="학습률",
    statement="Each time the monitored metric fails to improve for more than `patience` epochs, the rate "
    "is multiplied by factor < 1 and floored at min_lr; applied k times this is max(lr₀·factorᵏ, "
    "min_lr). When the reductions happen depends on the metric, not on a formula.",
    claim=claim(sp.Function("lr")(_k), sp.Max(lr0 * factor**_k, min_lr)),
    induction=Induction(
        _k,
        1,
        base=(sp.Max(lr0 * factor, min_lr), sp.Max(lr0 * factor, min_lr)),
        step=(
            sp.Max(sp.Max(lr0 * factor**_k, min_lr) * factor, min_lr),
            sp.Max(lr0 * factor ** (_k + 1), min_lr),
        ),
        hypothesis="after k reductions lr = max(lr₀·factorᵏ, min_lr); one more multiplies by factor "
        "and floors at min_lr",
    ),
    sizes=(1, 2, 3, 4),
    size_name="k",
    explicit=_plateau,
    domain=((_c, 0.05, 19.0), (lr0, 0.01, 1.0), (min_lr, 1e-6, 0.5)),
    conventions=("factor = 1/(1 + c) with c > 0 stands for 0 < factor < 1, as PyTorch requires.",),
)

DERIVATIONS = (STEP_LR, LAMBDA_LR, COSINE_PERIODIC, COSINE_RECURSIVE, REDUCE_ON_PLATEAU)
