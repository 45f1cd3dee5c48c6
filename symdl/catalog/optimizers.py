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
from sympy.codegen.cfunctions import expm1

from symdl.catalog._common import ALL_ABOUT_DL, DEEP_LEARNING, claim, source
from symdl.codegen.spec import Assign, Loops, entries
from symdl.notation import Expectation
from symdl.record import Derivation, Facts, Induction, Step

beta1 = sp.Symbol("beta_1", positive=True)
beta2 = sp.Symbol("beta_2", positive=True)
lr = sp.Symbol("alpha", positive=True)
eps = sp.Symbol("epsilon", positive=True)
t = sp.Symbol("t", integer=True, positive=True)
i = sp.Symbol("i", integer=True, positive=True)
_g_sym = sp.Symbol("g", real=True)
mean_g = Expectation(_g_sym)
mean_g2 = Expectation(_g_sym**2)
gs = sp.IndexedBase("g", real=True)

_BETA_DOMAIN = ((beta1, 0.5, 0.99), (beta2, 0.5, 0.999), (t, 1, 40))
# 0 < β < 1 in Adam: β ≠ 1 is what the geometric sums need.
_BETAS_NOT_ONE = Facts(distinct=((beta1, 1), (beta2, 1)))


def _unrolled_mean(beta: sp.Symbol, moment: sp.Expr) -> sp.Expr:
    """E of the unrolled moment (1 − β) Σ_{i=1}^{t} β^(t−i)·x_i (adam_moment_unrolled), by linearity
    of E and a stationary moment E[x_i] = ``moment``."""
    return (1 - beta) * sp.Sum(beta ** (t - i) * moment, (i, 1, t))


ADAM_FIRST_MOMENT = Derivation(
    name="adam_bias_correction_m",
    title="Adam's first moment is biased toward 0 by the factor 1 − β₁ᵗ",
    source=source(ALL_ABOUT_DL, "2014: Adam (bias correction)"),
    korean="편향 보정",
    statement="With m₀ = 0 and a stationary gradient mean, E[m_t] = (1 − β₁ᵗ)·E[g]; so "
    "m̂_t = m_t/(1 − β₁ᵗ) is unbiased.",
    claim=claim(Expectation(sp.Symbol("m_t")), (1 - beta1**t) * mean_g),
    # m_t unrolled (adam_moment_unrolled), then E taken term by term: E[g_i] = E[g].
    derived_expr=_unrolled_mean(beta1, mean_g),
    domain=_BETA_DOMAIN,
    facts=_BETAS_NOT_ONE,
    steps=(
        Step(
            (1 - beta1) * mean_g * beta1**t * sp.Sum(beta1 ** (-i), (i, 1, t)),
            "β₁^(t−i) = β₁ᵗ·β₁^(−i); what does not depend on i leaves the sum",
        ),
        Step(
            (1 - beta1) * mean_g * beta1**t * (beta1 ** (-t) - 1) / (1 - beta1),
            "geometric sum: Σ_{i=1}^{t} r^i = r(1 − rᵗ)/(1 − r) with r = 1/β₁",
        ),
        Step((1 - beta1**t) * mean_g, "1 − β₁ cancels"),
    ),
)

ADAM_SECOND_MOMENT = Derivation(
    name="adam_bias_correction_v",
    title="Adam's second moment is biased toward 0 by the factor 1 − β₂ᵗ",
    source=source(ALL_ABOUT_DL, "2014: Adam (bias correction)"),
    korean="편향 보정",
    statement="With v₀ = 0 and a stationary E[g²], E[v_t] = (1 − β₂ᵗ)·E[g²]; so "
    "v̂_t = v_t/(1 − β₂ᵗ) is unbiased.",
    claim=claim(Expectation(sp.Symbol("v_t")), (1 - beta2**t) * mean_g2),
    derived_expr=_unrolled_mean(beta2, mean_g2),
    domain=_BETA_DOMAIN,
    facts=_BETAS_NOT_ONE,
)


def _unrolled(steps: int) -> tuple[sp.Matrix, sp.Matrix]:
    """The recurrence run for ``steps`` steps vs the closed-form weighted sum."""
    g = entries("g", steps)
    m = sp.Integer(0)
    for k in range(steps):
        m = beta1 * m + (1 - beta1) * g[k]
    closed = (1 - beta1) * sum(beta1 ** (steps - k) * g[k - 1] for k in range(1, steps + 1))
    return sp.Matrix([m]), sp.Matrix([closed])


def _closed(step: sp.Expr) -> sp.Expr:
    """(1 − β₁) Σ_{i=1}^{step} β₁^(step−i) g_i: the claimed closed form of m_step."""
    return (1 - beta1) * sp.Sum(beta1 ** (step - i) * gs[i], (i, 1, step))


ADAM_UNROLLED = Derivation(
    name="adam_moment_unrolled",
    title="Adam's moment as a weighted sum of past gradients",
    source=source(ALL_ABOUT_DL, "2014: Adam (momentum)"),
    statement="m_t = (1 − β₁) Σ_{i=1}^{t} β₁^(t−i) g_i when m₀ = 0: an exponential moving "
    "average whose weights sum to 1 − β₁ᵗ, not 1.",
    claim=claim(sp.Symbol("m_t"), _closed(t)),
    induction=Induction(
        t,
        1,
        base=(beta1 * 0 + (1 - beta1) * gs[1], _closed(1)),
        step=(beta1 * _closed(t) + (1 - beta1) * gs[t + 1], _closed(t + 1)),
        hypothesis="m_t equals the sum for t; one more step m_{t+1} = β₁m_t + (1 − β₁)g_{t+1}",
    ),
    sizes=(1, 2, 3, 4, 5, 6),
    size_name="t",
    explicit=_unrolled,
    domain=((beta1, 0.5, 0.99),),
    conventions=("m₀ = 0; the recurrence is m_t = β₁m_{t−1} + (1 − β₁)g_t.",),
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
# The bias factors 1 − βᵗ as −expm1(t·log β): equal (proved with the kernel), but βᵗ by numba's
# float ** int is repeated squaring (hundreds of ulp at t ≈ 5000), and 1 − βᵗ cancels for small t.
_bias1, _bias2 = -expm1(t * sp.log(beta1)), -expm1(t * sp.log(beta2))
theta_new = _p[_k] - lr * (_m[_k] / _bias1) / (sp.sqrt(_v[_k] / _bias2) + eps)

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


# -- gradient descent and its variants -----------------------------------------------------------------
eta = sp.Symbol("eta", positive=True)
g = sp.Symbol("g", positive=True)  # a constant gradient (positive w.l.o.g.)
c = sp.Symbol("c", positive=True)  # β = 1/(1 + c) parametrises 0 < β < 1
w1, w2 = sp.symbols("w_1 w_2", real=True)
f = sp.Function("f")
_grad = sp.Matrix([sp.Derivative(f(w1, w2), w1), sp.Derivative(f(w1, w2), w2)])

GD_DECREASE = Derivation(
    name="gradient_descent_first_order_decrease",
    title="A small step against the gradient lowers the loss",
    source=source(DEEP_LEARNING, "Optimization 1: gradient descent"),
    korean="경사 하강",
    statement="d/dη f(w − η∇f(w)) at η = 0 equals −‖∇f(w)‖² ≤ 0: stepping against the gradient "
    "(decrease w where the slope is positive, increase it where negative) lowers f for small η.",
    claim=claim(
        sp.Subs(sp.Derivative(f(w1 - eta * _grad[0], w2 - eta * _grad[1]), eta), eta, 0),
        -(_grad[0] ** 2 + _grad[1] ** 2),
    ),
)


def _lagrange(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    gv, u = entries("g", size), entries("u", size)
    lhs = (gv.T * gv)[0] * (u.T * u)[0] - (gv.T * u)[0] ** 2
    rhs = sum((gv[i] * u[j] - gv[j] * u[i]) ** 2 for i in range(size) for j in range(i + 1, size))
    return sp.Matrix([lhs]), sp.Matrix([rhs])


_nd = sp.Symbol("n", integer=True, positive=True)
_a, _b = sp.symbols("i j", integer=True)
_gv, _uv = sp.IndexedBase("g", real=True), sp.IndexedBase("u", real=True)
STEEPEST_ASCENT = Derivation(
    name="gradient_is_steepest_ascent",
    title="The gradient is the direction of steepest ascent",
    source=source(DEEP_LEARNING, "Optimization 1: gradient descent"),
    korean="경사 하강",
    statement="‖g‖²‖u‖² − (g·u)² = ½Σ_i Σ_j (g_i u_j − g_j u_i)² ≥ 0 (Lagrange's identity, for any n), "
    "so the slope g·u along a unit direction u is at most ‖g‖, reached only for u = g/‖g‖; −g is the "
    "steepest descent.",
    claim=claim(
        sp.Sum(_gv[_a] ** 2, (_a, 1, _nd)) * sp.Sum(_uv[_a] ** 2, (_a, 1, _nd))
        - sp.Sum(_gv[_a] * _uv[_a], (_a, 1, _nd)) ** 2,
        sp.Sum((_gv[_a] * _uv[_b] - _gv[_b] * _uv[_a]) ** 2, (_b, 1, _nd), (_a, 1, _nd)) / 2,
    ),
    derived_expr=sp.Sum(_gv[_a] ** 2, (_a, 1, _nd)) * sp.Sum(_uv[_a] ** 2, (_a, 1, _nd))
    - sp.Sum(_gv[_a] * _uv[_a], (_a, 1, _nd)) ** 2,
    sizes=(1, 2, 3),
    explicit=_lagrange,
)

mu = 1 / (1 + c)
MOMENTUM_TERMINAL = Derivation(
    name="momentum_terminal_velocity",
    title="Momentum's velocity approaches g/(1 − μ) for a constant gradient",
    source=source(DEEP_LEARNING, "Optimization 2: momentum"),
    korean="모멘텀",
    statement="With v_t = μv_(t−1) + g and v₀ = 0, v_t = g(1 − μᵗ)/(1 − μ) → g/(1 − μ): on a constant "
    "slope momentum multiplies the step by 1/(1 − μ) (10× for μ = 0.9).",
    claim=claim(sp.Limit(sp.Symbol("v_t"), t, sp.oo), g / (1 - mu)),
    derived_expr=sp.limit(g * sp.summation(mu ** (t - i), (i, 1, t)), t, sp.oo),
    conventions=("μ = 1/(1 + c) with c > 0 stands for 0 < μ < 1.",),
)

_theta, _vel = sp.symbols("theta v", real=True)
_gradf = sp.Function("nabla_f")
_vel_next = mu * _vel - eta * _gradf(_theta + mu * _vel)
NESTEROV = Derivation(
    name="nesterov_lookahead_form",
    title="Nesterov momentum evaluated at the look-ahead point",
    source=source(ALL_ABOUT_DL, "Gradient descent: Nesterov accelerated gradient"),
    statement="NAG: v ← μv − η∇f(θ + μv), θ ← θ + v. In the look-ahead variable φ = θ + μv it reads "
    "φ ← φ − η∇f(φ) + μv_new: a plain gradient step at φ plus momentum — the form frameworks "
    "implement.",
    claim=claim(sp.Symbol("φ_t+1"), (_theta + mu * _vel) - eta * _gradf(_theta + mu * _vel) + mu * _vel_next),
    derived_expr=(_theta + _vel_next) + mu * _vel_next,
)

i_ = sp.Symbol("i", integer=True, positive=True)
ADAGRAD_DECAY = Derivation(
    name="adagrad_step_shrinks",
    title="Adagrad's step shrinks like 1/√t",
    source=source(DEEP_LEARNING, "Optimization 2: Adagrad"),
    statement="For a constant gradient g, Adagrad's step η·g/√(Σ_(i≤t) g²) equals η/√t: it keeps "
    "shrinking however long training runs — the note's complaint.",
    claim=claim(sp.Abs(sp.Symbol("Δθ_t")), eta / sp.sqrt(t)),
    derived_expr=eta * g / sp.sqrt(sp.summation(g**2, (i_, 1, t))),
    domain=((t, 1, 1000),),
    conventions=("ε = 0 in the denominator, and g > 0 (the sign only flips the step).",),
)

_beta = 1 / (1 + c)
RMSPROP_STEADY = Derivation(
    name="rmsprop_step_does_not_vanish",
    title="RMSProp's step tends to η: the exponential average fixes Adagrad's decay",
    source=source(DEEP_LEARNING, "Optimization 2: RMSProp"),
    statement="With v_t = βv_(t−1) + (1 − β)g² and v₀ = 0, v_t = (1 − βᵗ)g², so the step ηg/√v_t → η: "
    "it does not shrink with t.",
    claim=claim(sp.Limit(sp.Abs(sp.Symbol("Δθ_t")), t, sp.oo), eta),
    derived_expr=sp.limit(
        eta * g / sp.sqrt((1 - _beta) * sp.summation(_beta ** (t - i_) * g**2, (i_, 1, t))), t, sp.oo
    ),
    conventions=("β = 1/(1 + c) with c > 0 stands for 0 < β < 1; ε = 0.",),
)

_m0, _v0 = sp.symbols("m v", nonnegative=True)
_grad_s = sp.Symbol("g", real=True)
ADAM_IS_RMSPROP_PLUS_MOMENTUM = Derivation(
    name="adam_without_momentum_is_rmsprop",
    title="Adam = RMSProp + momentum",
    source=source(DEEP_LEARNING, "Optimization 2: Adam"),
    statement="Without bias correction and with β₁ = 0 (no momentum), Adam's step αm/(√v + ε) is "
    "RMSProp's step αg/(√v + ε) with the same v: Adam adds momentum (β₁ > 0) and bias "
    "correction to RMSProp.",
    claim=claim(
        sp.Symbol("Δθ_Adam"),
        lr * _grad_s / (sp.sqrt(beta2 * _v0 + (1 - beta2) * _grad_s**2) + eps),
    ),
    derived_expr=(
        lr * (beta1 * _m0 + (1 - beta1) * _grad_s) / (sp.sqrt(beta2 * _v0 + (1 - beta2) * _grad_s**2) + eps)
    ).subs(beta1, 0),
)

rho = 1 / (1 + c)
ADADELTA_FIRST_STEP = Derivation(
    name="adadelta_first_step",
    title="Adadelta's first step has a size set by ε and ρ, not by the gradient",
    source=source(ALL_ABOUT_DL, "Gradient descent: Adadelta"),
    statement="From zero accumulators, Adadelta's first step is √ε·g/√((1 − ρ)g² + ε), whose size tends "
    "to √(ε/(1 − ρ)) for large |g|: Adadelta needs no learning rate, and its early steps are "
    "tiny.",
    claim=claim(sp.Limit(sp.Abs(sp.Symbol("Δθ_1")), g, sp.oo), sp.sqrt(eps / (1 - rho))),
    derived_expr=sp.limit(sp.sqrt(eps) * g / sp.sqrt((1 - rho) * g**2 + eps), g, sp.oo),
    conventions=("ρ = 1/(1 + c) with c > 0 stands for 0 < ρ < 1.",),
)

DERIVATIONS = (
    *DERIVATIONS,
    GD_DECREASE,
    STEEPEST_ASCENT,
    MOMENTUM_TERMINAL,
    NESTEROV,
    ADAGRAD_DECAY,
    RMSPROP_STEADY,
    ADAM_IS_RMSPROP_PLUS_MOMENTUM,
    ADADELTA_FIRST_STEP,
)
