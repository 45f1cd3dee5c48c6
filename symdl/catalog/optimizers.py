"""Adam: bias correction of the moment estimates, and the fused update.

The update is Algorithm 1 of Kingma & Ba (2015), which is also what
``torch.optim.Adam`` computes:

    m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²,
    m̂ = m/(1 − β₁ᵗ),   v̂ = v/(1 − β₂ᵗ),   θ ← θ − α m̂/(√v̂ + ε)

with t the 1-based step number and ε outside the square root.  Bias correction
is derived for gradients with a stationary mean: E[g_i] = E[g] for every step i.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import ALL_ABOUT_DL, DEEP_LEARNING, claim, source
from symdl.codegen import Assign, Loops, entries
from symdl.record import Derivation, Step

beta1 = sp.Symbol("beta_1", positive=True)
beta2 = sp.Symbol("beta_2", positive=True)
lr = sp.Symbol("alpha", positive=True)
eps = sp.Symbol("epsilon", positive=True)
t = sp.Symbol("t", integer=True, positive=True)
i = sp.Symbol("i", integer=True, positive=True)
mean_g = sp.Symbol(r"\mathbb{E}[g]", real=True)
mean_g2 = sp.Symbol(r"\mathbb{E}[g^2]", positive=True)
E_m = sp.Function(r"\mathbb{E}[m]")
E_v = sp.Function(r"\mathbb{E}[v]")

_BETA_DOMAIN = ((beta1, 0.5, 0.99), (beta2, 0.5, 0.999), (t, 1, 40))


def _geometric(beta: sp.Symbol) -> sp.Expr:
    """(1 − β) Σ_{i=1}^{t} β^(t−i): the weight the unrolled moment puts on E[g]."""
    total = sp.summation(beta ** (t - i), (i, 1, t))
    # SymPy answers Piecewise((t, β = 1), (closed form, True)); Adam has 0 < β < 1.
    closed = total.replace(lambda e: isinstance(e, sp.Piecewise), lambda e: e.args[-1][0])
    return sp.expand(sp.cancel((1 - beta) * closed))


ADAM_FIRST_MOMENT = Derivation(
    name="adam_bias_correction_m",
    title="Adam's first moment is biased toward 0 by the factor 1 − β₁ᵗ",
    source=source(ALL_ABOUT_DL, "2014: Adam (bias correction)"),
    korean="편향 보정",
    statement="With m₀ = 0 and a stationary gradient mean, E[m_t] = (1 − β₁ᵗ)·E[g]; so "
    "m̂_t = m_t/(1 − β₁ᵗ) is unbiased.",
    claim=claim(E_m(t), (1 - beta1**t) * mean_g),
    derived_expr=_geometric(beta1) * mean_g,
    domain=_BETA_DOMAIN,
    steps=(
        Step(
            (1 - beta1) * sp.Sum(beta1 ** (t - i) * mean_g, (i, 1, t)),
            "unroll m_t = β₁ m_{t−1} + (1 − β₁) g_t from m₀ = 0, take expectations",
        ),
        Step((1 - beta1) * mean_g * (1 - beta1**t) / (1 - beta1), "geometric sum"),
    ),
)

ADAM_SECOND_MOMENT = Derivation(
    name="adam_bias_correction_v",
    title="Adam's second moment is biased toward 0 by the factor 1 − β₂ᵗ",
    source=source(ALL_ABOUT_DL, "2014: Adam (bias correction)"),
    korean="편향 보정",
    statement="With v₀ = 0 and a stationary E[g²], E[v_t] = (1 − β₂ᵗ)·E[g²]; so "
    "v̂_t = v_t/(1 − β₂ᵗ) is unbiased.",
    claim=claim(E_v(t), (1 - beta2**t) * mean_g2),
    derived_expr=_geometric(beta2) * mean_g2,
    domain=_BETA_DOMAIN,
)


def _unrolled(steps: int) -> tuple[sp.Matrix, sp.Matrix]:
    """The recurrence run for ``steps`` steps vs the closed-form weighted sum."""
    g = entries("g", steps)
    m = sp.Integer(0)
    for k in range(steps):
        m = beta1 * m + (1 - beta1) * g[k]
    closed = (1 - beta1) * sum(beta1 ** (steps - k) * g[k - 1] for k in range(1, steps + 1))
    return sp.Matrix([m]), sp.Matrix([closed])


ADAM_UNROLLED = Derivation(
    name="adam_moment_unrolled",
    title="Adam's moment as a weighted sum of past gradients",
    source=source(ALL_ABOUT_DL, "2014: Adam (momentum)"),
    statement="m_t = (1 − β₁) Σ_{i=1}^{t} β₁^(t−i) g_i when m₀ = 0: an exponential moving "
    "average whose weights sum to 1 − β₁ᵗ, not 1.",
    claim=claim(
        sp.Symbol("m_t"),
        (1 - beta1) * sp.Sum(beta1 ** (t - i) * sp.Indexed("g", i), (i, 1, t)),
    ),
    sizes=(1, 2, 3, 4, 5, 6),
    explicit=_unrolled,
    domain=((beta1, 0.5, 0.99),),
)

# -- the update (Algorithm 1) and the kernel generated from it ---------------------------------
n = sp.Symbol("n", integer=True, positive=True)
_p = sp.IndexedBase("param", shape=(n,))
_g = sp.IndexedBase("grad", shape=(n,))
_m = sp.IndexedBase("m", shape=(n,))
_v = sp.IndexedBase("v", shape=(n,), nonnegative=True)
_k = sp.Idx("k", n)

m_new = beta1 * _m[_k] + (1 - beta1) * _g[_k]
v_new = beta2 * _v[_k] + (1 - beta2) * _g[_k] ** 2
# Bias-corrected moments; ε is added outside the square root (Algorithm 1).
theta_new = _p[_k] - lr * (_m[_k] / (1 - beta1**t)) / (sp.sqrt(_v[_k] / (1 - beta2**t)) + eps)

# Keras / Algorithm 1 "efficient" form: fold the corrections into α_t and ε̂.
lr_t = lr * sp.sqrt(1 - beta2**t) / (1 - beta1**t)
eps_hat = eps * sp.sqrt(1 - beta2**t)
_m_sym, _v_sym = sp.symbols("m v", positive=True)
# The bias factors 1 − βᵗ lie in (0, 1) for 0 < β < 1 and t ≥ 1; as positive symbols SymPy
# may split √(v/c₂) = √v/√c₂, which the identity needs.
c1, c2 = sp.symbols("c_1 c_2", positive=True)


def _adam_reference(size: int) -> tuple[dict, dict]:
    p, g, m, v = (entries(base, size) for base in (_p, _g, _m, _v))
    m1 = beta1 * m + (1 - beta1) * g
    v1 = beta2 * v + (1 - beta2) * g.applyfunc(lambda e: e**2)
    # The reference is the Keras form, a different expression of the same update.
    p1 = sp.Matrix([p[r] - lr_t * m1[r] / (sp.sqrt(v1[r]) + eps_hat) for r in range(size)])
    return {n: size}, {_m: m1, _v: v1, _p: p1}


ADAM_KERAS_EPSILON = Derivation(
    name="adam_keras_epsilon",
    title="Adam's two update forms agree when ε̂ = ε√(1 − β₂ᵗ)",
    source=source(DEEP_LEARNING, "Optimization 2: Adam"),
    statement="α m̂/(√v̂ + ε) = α_t m/(√v + ε̂) with α_t = α√(1 − β₂ᵗ)/(1 − β₁ᵗ) and "
    "ε̂ = ε√(1 − β₂ᵗ): Keras' ε is Algorithm 1's ε scaled by √(1 − β₂ᵗ).",
    claim=claim(
        lr * (_m_sym / c1) / (sp.sqrt(_v_sym / c2) + eps),
        lr * sp.sqrt(c2) / c1 * _m_sym / (sp.sqrt(_v_sym) + eps * sp.sqrt(c2)),
    ),
    derived_expr=lr * (_m_sym / c1) / (sp.sqrt(_v_sym / c2) + eps),
    domain=((c1, 0.001, 0.999), (c2, 0.001, 0.999), *_BETA_DOMAIN),
    conventions=(
        "c₁ = 1 − β₁ᵗ and c₂ = 1 − β₂ᵗ.",
        "Algorithm 1 of Kingma & Ba: ε outside the square root of the bias-corrected v̂; "
        "torch.optim.Adam computes the same.",
    ),
    kernel=Loops(
        "adam_step",
        inputs=(_g, t, lr, beta1, beta2, eps),
        outputs=(_p, _m, _v),
        stages=(Assign(_m[_k], m_new), Assign(_v[_k], v_new), Assign(_p[_k], theta_new)),
        why="One pass over the parameters updates m, v and θ in place; the bias corrections "
        "depend only on t and are computed once, outside the loop.",
        reference=_adam_reference,
        reference_sizes=(1, 2),
    ),
)

DERIVATIONS = (ADAM_FIRST_MOMENT, ADAM_SECOND_MOMENT, ADAM_UNROLLED, ADAM_KERAS_EPSILON)
