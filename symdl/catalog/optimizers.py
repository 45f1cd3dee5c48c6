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

_acc = sp.Symbol("s_t", nonnegative=True)  # Adagrad's sum of squared gradients so far
_g_any = sp.Symbol("g_t", real=True)
_eps_pos = sp.Symbol("epsilon", positive=True)
_rate = sp.Function("rate")
ADAGRAD_RATE = Derivation(
    name="adagrad_rate_never_grows",
    title="Adagrad's effective rate η/√(s + ε) never grows, whatever the gradients",
    source=source(DEEP_LEARNING, "Optimization 2: Adagrad"),
    korean="학습률",
    statement="Adagrad adds g_t² to its running sum, s_(t+1) = s_t + g_t², so its per-parameter rate "
    "η/√(s_(t+1) + ε) is at most η/√(s_t + ε) for every gradient g_t — it can only shrink or stay, "
    "never recover (adagrad_step_shrinks gives the 1/√t decay for a constant gradient).",
    stated=False,
    claim=sp.LessThan(_rate(_acc + _g_any**2), _rate(_acc), evaluate=False),
    definitions=((_rate(_acc), eta / sp.sqrt(_acc + _eps_pos)),),
    derived_expr=_rate(_acc + _g_any**2),
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
    ADAGRAD_RATE,
    RMSPROP_STEADY,
    ADAM_IS_RMSPROP_PLUS_MOMENTUM,
    ADADELTA_FIRST_STEP,
)


# -- SGD with momentum, Nesterov, Adagrad, RMSProp, Adadelta: the update rules and their kernels -----
# torch.optim's semantics without weight decay: SGD's buffer is v ← μv + g (no dampening), and
# θ ← θ − η·v, or with Nesterov θ ← θ − η·(g + μv).  The notes describe momentum as "inertia":
# v ← μv − ηg, θ ← θ + v.  The records below prove the two forms trace the same parameters.
mu_m = sp.Symbol("mu", positive=True)  # momentum
vs_note, vs_torch = sp.IndexedBase("v_note", real=True), sp.IndexedBase("v", real=True)
_tt = sp.Symbol("t", integer=True, positive=True)
_ii = sp.Symbol("i", integer=True)


def _momentum_closed(step: sp.Expr) -> sp.Expr:
    """v_t = Σ_{i=1}^{t} μ^(t−i) g_i (torch's buffer from v₀ = 0)."""
    return sp.Sum(mu_m ** (step - _ii) * gs[_ii], (_ii, 1, step))


MOMENTUM_UNROLLED = Derivation(
    name="momentum_unrolled",
    title="Momentum's velocity is a weighted sum of past gradients",
    source=source(DEEP_LEARNING, "Optimization 2: momentum"),
    korean="모멘텀",
    statement="With v₀ = 0 and v_t = μv_{t−1} + g_t, v_t = Σ_{i=1}^{t} μ^(t−i)·g_i for every t: each past "
    "gradient keeps weight μ^(age), and the weights sum to (1 − μᵗ)/(1 − μ) — up to 1/(1 − μ), ten for "
    "μ = 0.9.",
    stated=False,
    claim=claim(sp.Symbol("v_t"), _momentum_closed(_tt)),
    induction=Induction(
        _tt,
        1,
        base=(mu_m * 0 + gs[1], _momentum_closed(1)),
        step=(mu_m * _momentum_closed(_tt) + gs[_tt + 1], _momentum_closed(_tt + 1)),
        hypothesis="v_t equals the sum for t; one more step v_{t+1} = μv_t + g_{t+1}",
    ),
    domain=((mu_m, 0.5, 0.99),),
)

MOMENTUM_WEIGHTS = Derivation(
    name="momentum_weights_total",
    title="In the sum form, momentum's weights total (1 − μᵗ)/(1 − μ), not 1",
    source=source(DEEP_LEARNING, "Optimization 2: momentum"),
    korean="모멘텀",
    statement="With v_t = μv_(t−1) + g_t the gradients carry weights μ^(t−i) (momentum_unrolled), which "
    "add up to (1 − μᵗ)/(1 − μ) — up to 1/(1 − μ) = 10 for μ = 0.9: a weighted sum, not an average.",
    stated=False,
    claim=claim(sp.Sum(mu_m ** (_tt - _ii), (_ii, 1, _tt)), (1 - mu_m**_tt) / (1 - mu_m)),
    derived_expr=sp.Sum(mu_m ** (_tt - _ii), (_ii, 1, _tt)),
    facts=Facts(distinct=((mu_m, 1),)),
    domain=((mu_m, 0.5, 0.99),),
    conventions=("0 < μ < 1 (μ ≠ 1 is what the geometric sum needs).",),
)

vs_avg = sp.IndexedBase("v_avg", real=True)
MOMENTUM_AVERAGE_FORM = Derivation(
    name="momentum_average_and_sum_forms",
    title="Momentum as an exponential average: the dampened form is (1 − μ) times the sum form",
    source=source(DEEP_LEARNING, "Optimization 2: momentum"),
    korean="모멘텀",
    statement="The note says momentum uses the exponential average of the gradients. Judgement call, "
    "decided here: the note is right under the dampened convention v_t = μv_(t−1) + (1 − μ)g_t, whose "
    "weights (1 − μ)μ^(t−i) total 1 − μᵗ (the exponential moving average Adam's m_t also uses); in the "
    "sum form v_t = μv_(t−1) + g_t of PyTorch's SGD and of momentum_unrolled the weights total up to "
    "1/(1 − μ) (momentum_weights_total). The two describe one method: v_avg = (1 − μ)·v_sum at every "
    "step, so with learning rates η_avg·(1 − μ) = η_sum the parameters move identically.",
    stated=False,
    claim=claim(vs_avg[_tt], (1 - mu_m) * vs_torch[_tt]),
    induction=Induction(
        _tt,
        1,
        base=(mu_m * 0 + (1 - mu_m) * gs[1], (1 - mu_m) * (mu_m * 0 + gs[1])),
        step=(
            mu_m * ((1 - mu_m) * vs_torch[_tt]) + (1 - mu_m) * gs[_tt + 1],
            (1 - mu_m) * (mu_m * vs_torch[_tt] + gs[_tt + 1]),
        ),
        hypothesis="v_avg_t = (1 − μ)·v_t; both buffers take one more step with the same g_(t+1)",
    ),
    conventions=("Both buffers start at 0.",),
)

_lr_s = sp.Symbol("eta", positive=True)
_vb = sp.IndexedBase("velocity", shape=(n,))
MOMENTUM_FORMS_AGREE = Derivation(
    name="momentum_forms_agree",
    title="The notes' momentum and PyTorch's momentum trace the same parameters",
    source=source(DEEP_LEARNING, "Optimization 2: momentum"),
    korean="모멘텀",
    statement="The inertia form v ← μv − ηg, θ ← θ + v and PyTorch's v ← μv + g, θ ← θ − ηv keep "
    "v_note = −η·v_torch at every step (from v₀ = 0), so θ moves identically: the learning rate is "
    "applied inside the buffer in one, outside in the other.",
    stated=False,
    claim=claim(vs_note[_tt], -_lr_s * vs_torch[_tt]),
    induction=Induction(
        _tt,
        1,
        # Step 1 from zero buffers: the note's v₁ = −ηg₁, PyTorch's v₁ = g₁.
        base=(mu_m * 0 - _lr_s * gs[1], -_lr_s * (mu_m * 0 + gs[1])),
        # If v_note_t = −η·v_t then v_note_{t+1} = μ·v_note_t − ηg_{t+1} = −η(μv_t + g_{t+1}).
        step=(
            mu_m * (-_lr_s * vs_torch[_tt]) - _lr_s * gs[_tt + 1],
            -_lr_s * (mu_m * vs_torch[_tt] + gs[_tt + 1]),
        ),
        hypothesis="v_note_t = −η·v_t; both buffers take one more step with the same g_{t+1}",
    ),
    conventions=("PyTorch's SGD with momentum, dampening 0, no weight decay; θ_note = θ_torch follows.",),
    kernel=Loops(
        "sgd_momentum_step",
        inputs=(_g, _lr_s, mu_m),
        outputs=(_p, _vb),
        stages=(Assign(_vb[_k], mu_m * _vb[_k] + _g[_k]), Assign(_p[_k], _p[_k] - _lr_s * _vb[_k])),
        why="One pass updates the buffer and the parameter in place (the parameter reads the new "
        "buffer, as PyTorch's SGD does).",
        reference=lambda size: _momentum_reference(size, nesterov=False),
        reference_sizes=(1, 2),
    ),
)

NESTEROV_TORCH_FORM = Derivation(
    name="nesterov_torch_form",
    title="PyTorch's Nesterov step is the look-ahead step in the shifted variable",
    source=source(ALL_ABOUT_DL, "Gradient descent: Nesterov accelerated gradient"),
    statement="With v_note = −η·v (momentum_forms_agree) the look-ahead form φ ← φ − η∇f(φ) + μ·v_note,new "
    "(nesterov_lookahead_form) is PyTorch's θ ← θ − η(g + μv_new), v_new = μv + g, at θ = φ.",
    stated=False,
    claim=claim(
        _theta - _lr_s * _grad_s + mu_m * (mu_m * (-_lr_s * _vel) - _lr_s * _grad_s),
        _theta - _lr_s * (_grad_s + mu_m * (mu_m * _vel + _grad_s)),
    ),
    derived_expr=_theta - _lr_s * _grad_s + mu_m * (mu_m * (-_lr_s * _vel) - _lr_s * _grad_s),
    conventions=("g = ∇f at the current parameters (PyTorch's θ is the look-ahead point φ).",),
    kernel=Loops(
        "sgd_nesterov_step",
        inputs=(_g, _lr_s, mu_m),
        outputs=(_p, _vb),
        stages=(
            Assign(_vb[_k], mu_m * _vb[_k] + _g[_k]),
            Assign(_p[_k], _p[_k] - _lr_s * (_g[_k] + mu_m * _vb[_k])),
        ),
        why="One pass: the buffer, then the parameter from the gradient plus μ times the new buffer.",
        reference=lambda size: _momentum_reference(size, nesterov=True),
        reference_sizes=(1, 2),
    ),
)


def _momentum_reference(size: int, nesterov: bool) -> tuple[dict, dict]:
    p, g, v = (entries(base, size) for base in (_p, _g, _vb))
    v1 = mu_m * v + g
    step = g + mu_m * v1 if nesterov else v1
    return {n: size}, {_vb: v1, _p: p - _lr_s * step}


# Adagrad: s ← s + g², θ ← θ − η·g/(√s + ε) (PyTorch: lr_decay 0, initial accumulator 0).
_sb = sp.IndexedBase("state_sum", shape=(n,), nonnegative=True)
_eps_a = sp.Symbol("epsilon", positive=True)


def _squares(step: sp.Expr) -> sp.Expr:
    return sp.Sum(gs[_ii] ** 2, (_ii, 1, step))


ADAGRAD_ACCUMULATES = Derivation(
    name="adagrad_accumulates_squares",
    title="Adagrad divides by the root of every squared gradient so far",
    source=source(DEEP_LEARNING, "Optimization 2: Adagrad"),
    statement="With s₀ = 0 and s_t = s_{t−1} + g_t², s_t = Σ_{i=1}^{t} g_i² for every t: a parameter "
    "that has seen large gradients gets a small step η·g/(√s + ε), and s only grows — the decay the "
    "note describes (adagrad_step_shrinks).",
    stated=False,
    claim=claim(sp.Symbol("s_t"), _squares(_tt)),
    induction=Induction(
        _tt, 1, base=(0 + gs[1] ** 2, _squares(1)), step=(_squares(_tt) + gs[_tt + 1] ** 2, _squares(_tt + 1))
    ),
    kernel=Loops(
        "adagrad_step",
        inputs=(_g, _lr_s, _eps_a),
        outputs=(_p, _sb),
        stages=(
            Assign(_sb[_k], _sb[_k] + _g[_k] ** 2),
            Assign(_p[_k], _p[_k] - _lr_s * _g[_k] / (sp.sqrt(_sb[_k]) + _eps_a)),
        ),
        why="One pass: add g² to the running sum, then step by η·g/(√s + ε) with the new sum, as "
        "torch.optim.Adagrad does.",
        reference=lambda size: _adagrad_reference(size),
        reference_sizes=(1, 2),
    ),
)


def _adagrad_reference(size: int) -> tuple[dict, dict]:
    p, g, st = (entries(base, size) for base in (_p, _g, _sb))
    s1 = st + g.applyfunc(lambda e: e**2)
    return {n: size}, {
        _sb: s1,
        _p: sp.Matrix([p[r] - _lr_s * g[r] / (sp.sqrt(s1[r]) + _eps_a) for r in range(size)]),
    }


# RMSProp: a ← αa + (1 − α)g², θ ← θ − η·g/(√a + ε) (PyTorch: not centred, no momentum).
alpha_r = sp.Symbol("alpha", positive=True)
_ab = sp.IndexedBase("square_avg", shape=(n,), nonnegative=True)


def _ema(step: sp.Expr) -> sp.Expr:
    return (1 - alpha_r) * sp.Sum(alpha_r ** (step - _ii) * gs[_ii] ** 2, (_ii, 1, step))


RMSPROP_AVERAGE = Derivation(
    name="rmsprop_exponential_average",
    title="RMSProp keeps an exponential average of squared gradients",
    source=source(DEEP_LEARNING, "Optimization 2: RMSProp"),
    statement="With a₀ = 0 and a_t = αa_{t−1} + (1 − α)g_t², a_t = (1 − α)Σ_{i=1}^{t} α^(t−i)·g_i²: "
    "the sum of Adagrad replaced by an exponential average, whose weights sum to 1 − αᵗ ≤ 1, so old "
    "gradients fade and the step does not decay to 0 (rmsprop_step_does_not_vanish).",
    stated=False,
    claim=claim(sp.Symbol("a_t"), _ema(_tt)),
    induction=Induction(
        _tt,
        1,
        base=(alpha_r * 0 + (1 - alpha_r) * gs[1] ** 2, _ema(1)),
        step=(alpha_r * _ema(_tt) + (1 - alpha_r) * gs[_tt + 1] ** 2, _ema(_tt + 1)),
    ),
    domain=((alpha_r, 0.5, 0.999),),
    kernel=Loops(
        "rmsprop_step",
        inputs=(_g, _lr_s, alpha_r, _eps_a),
        outputs=(_p, _ab),
        stages=(
            Assign(_ab[_k], alpha_r * _ab[_k] + (1 - alpha_r) * _g[_k] ** 2),
            Assign(_p[_k], _p[_k] - _lr_s * _g[_k] / (sp.sqrt(_ab[_k]) + _eps_a)),
        ),
        why="One pass: the average of g², then the step with ε outside the root, as "
        "torch.optim.RMSprop does.",
        reference=lambda size: _rmsprop_reference(size),
        reference_sizes=(1, 2),
    ),
)


def _rmsprop_reference(size: int) -> tuple[dict, dict]:
    p, g, a = (entries(base, size) for base in (_p, _g, _ab))
    a1 = alpha_r * a + (1 - alpha_r) * g.applyfunc(lambda e: e**2)
    return {n: size}, {
        _ab: a1,
        _p: sp.Matrix([p[r] - _lr_s * g[r] / (sp.sqrt(a1[r]) + _eps_a) for r in range(size)]),
    }


# Adadelta (Zeiler 2012, Algorithm 1; PyTorch with lr = 1): E[g²] ← ρE[g²] + (1 − ρ)g²,
# Δ = −RMS[Δ]_{t−1}/RMS[g]_t · g with RMS[y] = √(E[y²] + ε), E[Δ²] ← ρE[Δ²] + (1 − ρ)Δ², θ ← θ + η·Δ.
rho_d = sp.Symbol("rho", positive=True)
_sqb = sp.IndexedBase("square_avg", shape=(n,), nonnegative=True)
_acb = sp.IndexedBase("acc_delta", shape=(n,), nonnegative=True)
# E[Δθ²]_{t−1} and E[g²]_t: running averages of squares, so nonnegative.
_Eg2_new, _Ed2 = sp.symbols("E_g2 E_d2", nonnegative=True)
_gd = sp.Symbol("g", real=True)
_rms_step = sp.sqrt(_Ed2 + _eps_a) / sp.sqrt(_Eg2_new + _eps_a) * _gd
_dlt = sp.IndexedBase("delta", shape=(n,))
ADADELTA_UPDATE = Derivation(
    name="adadelta_update",
    title="Adadelta's step is the ratio of two running RMS values times the gradient",
    source=source(ALL_ABOUT_DL, "Gradient descent: Adadelta"),
    statement="Δθ_t = −RMS[Δθ]_{t−1}/RMS[g]_t·g_t with RMS[y] = √(E[y²] + ε): PyTorch's update "
    "√(E[Δ²] + ε)/√(E[g²] + ε)·g is the same number, and both running averages decay with ρ. The step "
    "has the units of θ, so Adadelta needs no learning rate (PyTorch's lr = 1 multiplies it).",
    stated=False,
    claim=claim(_rms_step, sp.sqrt((_Ed2 + _eps_a) / (_Eg2_new + _eps_a)) * _gd),
    derived_expr=_rms_step,
    domain=((_Eg2_new, 0.0, 4.0), (_Ed2, 0.0, 4.0), (rho_d, 0.0, 1.0)),
    conventions=("E[g²] and E[Δθ²] start at 0; PyTorch's default lr = 1 leaves the step as it is.",),
    kernel=Loops(
        "adadelta_step",
        inputs=(_g, _lr_s, rho_d, _eps_a),
        outputs=(_p, _sqb, _acb),
        stages=(
            Assign(_sqb[_k], rho_d * _sqb[_k] + (1 - rho_d) * _g[_k] ** 2),
            Assign(_dlt[_k], sp.sqrt(_acb[_k] + _eps_a) / sp.sqrt(_sqb[_k] + _eps_a) * _g[_k]),
            Assign(_acb[_k], rho_d * _acb[_k] + (1 - rho_d) * _dlt[_k] ** 2),
            Assign(_p[_k], _p[_k] - _lr_s * _dlt[_k]),
        ),
        why="One pass: E[g²], the step from the previous E[Δ²], then E[Δ²] and θ, as "
        "torch.optim.Adadelta does.",
        reference=lambda size: _adadelta_reference(size),
        reference_sizes=(1, 2),
    ),
)


def _adadelta_reference(size: int) -> tuple[dict, dict]:
    p, g, sq, acc = (entries(base, size) for base in (_p, _g, _sqb, _acb))
    sq1 = rho_d * sq + (1 - rho_d) * g.applyfunc(lambda e: e**2)
    delta = sp.Matrix([sp.sqrt((acc[r] + _eps_a) / (sq1[r] + _eps_a)) * g[r] for r in range(size)])
    acc1 = rho_d * acc + (1 - rho_d) * delta.applyfunc(lambda e: e**2)
    return {n: size}, {_sqb: sq1, _acb: acc1, _p: p - _lr_s * delta}


DERIVATIONS = (
    *DERIVATIONS,
    MOMENTUM_UNROLLED,
    MOMENTUM_WEIGHTS,
    MOMENTUM_AVERAGE_FORM,
    MOMENTUM_FORMS_AGREE,
    NESTEROV_TORCH_FORM,
    ADAGRAD_ACCUMULATES,
    RMSPROP_AVERAGE,
    ADADELTA_UPDATE,
)
