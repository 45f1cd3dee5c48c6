"""Weight initialisation: variance propagation, Xavier/Glorot and He.

Assumptions (Glorot & Bengio 2010; He et al. 2015): weights, inputs and upstream
gradients are independent, weights have mean 0, inputs (for the linear case) mean 0.
Variances are derived for any fan-in n by the rules of :mod:`symdl.rules.expectation`
(linearity of E over Σ, independence, identically distributed elements); the conditions of
Glorot and He are then solved from those derived variances, not typed in.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import ML_LIFECYCLE, SIGMOID, claim, sigma, source
from symdl.codegen.spec import Elementwise
from symdl.notation import Expectation, Variance
from symdl.record import Derivation, Induction, Step
from symdl.rules.calculus import HeldIntegral
from symdl.rules.expectation import Family, variance
from symdl.rules.sums import normal

n_in = sp.Symbol("n_in", integer=True, positive=True)
n_out = sp.Symbol("n_out", integer=True, positive=True)
var_w = Variance(sp.Symbol("w"))
var_x = Variance(sp.Symbol("x"))
var_d = Variance(sp.Symbol("delta"))
var_y = Variance
a = sp.Symbol("a", positive=True)
s = sp.Symbol("s", positive=True)  # standard deviation of a pre-activation z
z = sp.Symbol("z", real=True)
u = sp.Symbol("u", real=True)
w = sp.Symbol("w", real=True)
_INIT_DOMAIN = ((n_in, 1, 512), (n_out, 1, 512))


def expectation(poly: sp.Expr, moments: dict[sp.Symbol, dict[int, sp.Expr]]) -> sp.Expr:
    """E[poly] for a polynomial in independent variables with the given raw moments."""
    total = sp.Integer(0)
    for term in sp.Add.make_args(sp.expand(poly)):
        coeff, factors = term.as_coeff_mul()
        value = coeff
        for f in factors:
            base, k = f.as_base_exp()
            value *= moments[base][int(k)] if base in moments else f
        total += value
    return total


def _zero_mean(var: sp.Expr) -> dict[int, sp.Expr]:
    return {1: sp.Integer(0), 2: var}


def _forward(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    """Var(Σ_i w_i x_i) for ``size`` inputs, from the moments, vs n_in·Var(w)·Var(x)."""
    ws = sp.symbols(f"w_1:{size + 1}", real=True)
    xs = sp.symbols(f"x_1:{size + 1}", real=True)
    y = sum(wi * xi for wi, xi in zip(ws, xs, strict=True))
    moments = {**{wi: _zero_mean(var_w) for wi in ws}, **{xi: _zero_mean(var_x) for xi in xs}}
    explicit_variance = expectation(y**2, moments) - expectation(y, moments) ** 2
    return sp.Matrix([explicit_variance]), sp.Matrix([size * var_w * var_x])


def _backward(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    """Var(Σ_k w_k δ_k) over ``size`` outputs vs n_out·Var(w)·Var(δ)."""
    ws = sp.symbols(f"w_1:{size + 1}", real=True)
    ds = sp.symbols(f"delta_1:{size + 1}", real=True)
    g = sum(wk * dk for wk, dk in zip(ws, ds, strict=True))
    moments = {**{wk: _zero_mean(var_w) for wk in ws}, **{dk: _zero_mean(var_d) for dk in ds}}
    explicit_variance = expectation(g**2, moments) - expectation(g, moments) ** 2
    return sp.Matrix([explicit_variance]), sp.Matrix([size * var_w * var_d])


# -- any fan-in: y = Σ_{i=1}^{n} w_i x_i with independent, identically distributed elements ---------------
i, j = sp.symbols("i j", integer=True)
ws, xs, ds = (sp.IndexedBase(name, real=True) for name in ("w", "x", "delta"))


def _variance_steps(n: sp.Symbol, other: sp.Expr, out: str, v: str) -> tuple[Step, ...]:
    """Var(Σ_i w_i v_i) = n·Var(w)·Var(v) in three checked steps: ``out`` = Σ w·``v`` is y = Σ w x
    forward and g = Σ w δ backward (where δ is the upstream gradient, not Kronecker's delta)."""
    delta = "the Kronecker delta δ_ij" if v != "δ" else "the Kronecker delta δ_ij (not the gradient δ)"
    return (
        Step(
            sp.Sum(var_w * sp.KroneckerDelta(i, j) * other * sp.KroneckerDelta(i, j), (j, 1, n), (i, 1, n)),
            f"E[{out}] = 0; E[{out}²] = Σ_i Σ_j E[w_i w_j]·E[{v}_i {v}_j] by linearity and independence, "
            f"and E[w_i w_j] = Var(w)·δ_ij with {delta} (mean 0, independent unless i = j), the same for {v}",
        ),
        Step(sp.Sum(var_w * other, (i, 1, n)), "δ_ij² = δ_ij: the inner sum keeps only j = i"),
        Step(n * var_w * other, "n equal terms"),
    )


XAVIER_FORWARD = Derivation(
    name="xavier_forward_variance",
    title="Forward variance of a linear unit",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization"),
    statement="y = Σ_{i=1}^{n_in} w_i x_i with independent zero-mean w and x has "
    "Var(y) = n_in·Var(w)·Var(x).",
    claim=claim(var_y(sp.Symbol("y")), n_in * var_w * var_x),
    derived_expr=variance(sp.Sum(ws[i] * xs[i], (i, 1, n_in)), [Family(ws, 0, var_w), Family(xs, 0, var_x)]),
    steps=_variance_steps(n_in, var_x, "y", "x"),
    sizes=(1, 2, 3),
    explicit=_forward,
)

XAVIER_BACKWARD = Derivation(
    name="xavier_backward_variance",
    title="Backward variance of a linear unit",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization"),
    statement="The gradient reaching an input, Σ_{k=1}^{n_out} w_k δ_k, has variance n_out·Var(w)·Var(δ).",
    claim=claim(var_y(sp.Symbol("g")), n_out * var_w * var_d),
    derived_expr=variance(sp.Sum(ws[i] * ds[i], (i, 1, n_out)), [Family(ws, 0, var_w), Family(ds, 0, var_d)]),
    steps=_variance_steps(n_out, var_d, "g", "δ"),
    sizes=(1, 2, 3),
    explicit=_backward,
    conventions=("g = ∂L/∂x for one input; δ_k = ∂L/∂y_k the upstream gradients.",),
)

# The factors by which a layer multiplies the variance, read off the derived variances.
_forward_gain = normal(XAVIER_FORWARD.derived_expr) / var_x
_backward_gain = normal(XAVIER_BACKWARD.derived_expr) / var_d

XAVIER_GLOROT_VARIANCE = Derivation(
    name="xavier_glorot_variance",
    title="Glorot's compromise: Var(w) = 2/(n_in + n_out)",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization"),
    statement="Forward signals keep their variance if n_in·Var(w) = 1, gradients if "
    "n_out·Var(w) = 1; asking the average of the two to be 1 gives Var(w) = 2/(n_in + n_out).",
    claim=claim(var_w, 2 / (n_in + n_out)),
    # The average of the two derived gains set to 1, solved for Var(w).
    derived_expr=sp.solve(sp.Eq((_forward_gain + _backward_gain) / 2, 1), var_w)[0],
    domain=_INIT_DOMAIN,
)

_uniform_variance = sp.integrate(w**2 / (2 * a), (w, -a, a))
XAVIER_UNIFORM_BOUND = Derivation(
    name="xavier_glorot_uniform_bound",
    title="Glorot uniform: the bound √(6/(n_in + n_out))",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization"),
    statement="U(−a, a) has variance a²/3; setting it to 2/(n_in + n_out) gives a = √(6/(n_in + n_out)).",
    claim=claim(a, sp.sqrt(6 / (n_in + n_out))),
    derived_expr=sp.solve(sp.Eq(_uniform_variance, 2 / (n_in + n_out)), a)[0],
    domain=_INIT_DOMAIN,
    steps=(Step(sp.sqrt(3 * 2 / (n_in + n_out)), "a²/3 = 2/(n_in + n_out)"),),
)

_bound = XAVIER_UNIFORM_BOUND.claim.rhs
XAVIER_UNIFORM_SAMPLER = Derivation(
    name="xavier_uniform_sampler",
    title="Sampling Glorot uniform weights from U(0, 1)",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization"),
    statement="For u ~ U(0, 1), w = a(2u − 1) with a = √(6/(n_in + n_out)) has mean 0 and "
    "variance 2/(n_in + n_out).",
    claim=claim(var_y(sp.Symbol("w")), 2 / (n_in + n_out)),
    derived_expr=sp.integrate((_bound * (2 * u - 1)) ** 2, (u, 0, 1))
    - sp.integrate(_bound * (2 * u - 1), (u, 0, 1)) ** 2,
    domain=_INIT_DOMAIN,
    kernel=Elementwise(
        "xavier_uniform_transform",
        (u, n_in, n_out),
        _bound * (2 * u - 1),
        why="Maps uniform samples on [0, 1) to U(−a, a).",
        defines=True,
    ),
)

_normal_pdf = sp.exp(-(z**2) / (2 * s**2)) / (s * sp.sqrt(2 * sp.pi))
_relu_mean = sp.integrate(z * _normal_pdf, (z, 0, sp.oo))  # E[relu(z)] = s/√(2π): not 0
HE_RELU_SECOND_MOMENT = Derivation(
    name="he_relu_second_moment",
    title="ReLU keeps half of a symmetric pre-activation's second moment",
    source=source(ML_LIFECYCLE, "Weight initialization: He normal initialization"),
    statement="For z ~ N(0, s²), E[relu(z)²] = s²/2: ReLU zeroes the negative half.",
    claim=claim(Expectation(sp.Function("relu")(z) ** 2), s**2 / 2),
    derived_expr=sp.integrate(z**2 * _normal_pdf, (z, 0, sp.oo)),
    domain=((s, 0.1, 5.0),),
)

HE_VARIANCE = Derivation(
    name="he_kaiming_variance",
    title="He initialisation: Var(w) = 2/n_in",
    source=source(ML_LIFECYCLE, "Weight initialization: He normal initialization"),
    statement="With ReLU units the next pre-activation has variance n_in·Var(w)·s²/2; keeping it "
    "equal to s² needs Var(w) = 2/n_in — twice Xavier's forward condition.",
    claim=claim(var_w, 2 / n_in),
    # The forward variance with inputs x = relu(z): Var(y) = n_in·Var(w)·E[x²] (w has mean 0, so
    # x's mean drops out), E[x²] = s²/2 from he_relu_second_moment; Var(y) = s² solved for Var(w).
    derived_expr=sp.solve(
        sp.Eq(
            normal(
                variance(
                    sp.Sum(ws[i] * xs[i], (i, 1, n_in)),
                    [
                        Family(ws, 0, var_w),
                        Family(xs, _relu_mean, HE_RELU_SECOND_MOMENT.derived - _relu_mean**2),
                    ],
                )
            ),
            s**2,
        ),
        var_w,
    )[0],
    domain=_INIT_DOMAIN,
)

HE_NORMAL_SAMPLER = Derivation(
    name="he_normal_sampler",
    title="Sampling He-normal weights from N(0, 1)",
    source=source(ML_LIFECYCLE, "Weight initialization: He normal initialization"),
    statement="For z ~ N(0, 1), w = z·√(2/n_in) has variance 2/n_in.",
    claim=claim(var_y(sp.Symbol("w")), 2 / n_in),
    derived_expr=sp.integrate((z * sp.sqrt(2 / n_in)) ** 2 * _normal_pdf.subs(s, 1), (z, -sp.oo, sp.oo)),
    domain=_INIT_DOMAIN,
    kernel=Elementwise(
        "he_normal_transform",
        (z, n_in),
        z * sp.sqrt(2 / n_in),
        why="Scales standard-normal samples to variance 2/n_in.",
        defines=True,
    ),
)

# -- the note's initialisation experiments ---------------------------------------------------------------
XAVIER_NOTES_CODE = Derivation(
    name="xavier_notes_code_variance",
    title="The note's Xavier code samples half of Glorot's variance",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization (code)"),
    statement="The note states W ~ N(0, 2/(n_in + n_out)) and implements it as "
    "np.random.randn(d_in, d_out) / np.sqrt(d_in + d_out).",
    claim=claim(var_y(sp.Symbol("W")), 2 / (n_in + n_out)),
    derived_expr=sp.integrate((z / sp.sqrt(n_in + n_out)) ** 2 * _normal_pdf.subs(s, 1), (z, -sp.oo, sp.oo)),
    domain=_INIT_DOMAIN,
    holds=False,
    correction=claim(var_y(sp.Symbol("W")), 1 / (n_in + n_out)),
    truth="randn/√(d_in + d_out) has variance 1/(d_in + d_out), half of Glorot's 2/(d_in + d_out); "
    "divide by √((d_in + d_out)/2) instead. (1/√d_in, the other common code, is Xavier's forward "
    "condition Var(w) = 1/n_in.)",
)

_gain = sp.Symbol("Var(x_l+1)/Var(x_l)")
XAVIER_CODE_HALVES = Derivation(
    name="xavier_notes_code_halves_variance",
    title="With the note's Xavier code each square layer halves the activations' variance",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization (code)"),
    korean="Xavier 초기화",
    statement="The note says that with its code W = randn(d_in, d_out)/√(d_in + d_out) the activations keep "
    "a suitable size in every layer. Judgement call on 'suitable', taken as: a layer keeps the variance "
    "of its input. For square layers (d_in = d_out = n) in tanh's linear regime (tanh′(0) = 1) a layer "
    "multiplies the variance by n·Var(W) (xavier_forward_variance).",
    stated=False,
    claim=claim(_gain, 1),
    # n_in·Var(w) from the derived forward variance, with the code's Var(W) (xavier_notes_code_variance).
    derived_expr=_forward_gain.subs(var_w, XAVIER_NOTES_CODE.derived_expr).subs(n_out, n_in),
    holds=False,
    correction=claim(_gain, sp.Rational(1, 2)),
    truth="One layer halves the variance: n·1/(2n) = 1/2, and with tanh at most 1/2, since |tanh z| ≤ |z|. "
    "After L layers the variance is at most 2^(−L) of the input's — 1/1024 after 10 layers "
    "(init_variance_depth_bound with n·Var(W) = 1/2): the activations shrink toward 0. Glorot's own "
    "Var(W) = 2/(d_in + d_out), i.e. dividing by √((d_in + d_out)/2), gives the factor 1 the note "
    "describes.",
)

_depth = sp.Symbol("L", integer=True, nonnegative=True)
_sw = sp.Symbol("sigma_w", positive=True)
_q0 = sp.Symbol("q_0", positive=True)
_prev_q = sp.Symbol("P", real=True)  # q_L, in the inductive step
_n = sp.Symbol("n", integer=True, positive=True)
DEPTH_BOUND = Derivation(
    name="init_variance_depth_bound",
    title="Through L tanh layers the activations' second moment is at most (n·σ_w²)^L times the input's",
    source=source(ML_LIFECYCLE, "Weight initialization: small Gaussian random"),
    korean="가중치 초기화",
    statement="For tanh layers x_(l+1) = tanh(W_l x_l) of width n whose weights are independent with mean 0 "
    "and variance σ_w², the second moment q_l = E[x_l²] of a unit obeys q_(l+1) ≤ n·σ_w²·q_l: the "
    "pre-activation has second moment n·σ_w²·q_l (xavier_forward_variance) and |tanh z| ≤ |z|. So "
    "q_L ≤ (n·σ_w²)^L·q_0 for every depth L: the activations collapse geometrically whenever n·σ_w² < 1.",
    stated=False,
    claim=sp.LessThan(sp.Function("q")(_depth), (_n * _sw**2) ** _depth * _q0, evaluate=False),
    induction=Induction(
        _depth,
        0,
        base=(_q0, _q0),
        step=(_n * _sw**2 * _prev_q, (_n * _sw**2) ** (_depth + 1) * _q0),
        hypothesis="q_L ≤ (n·σ_w²)^L·q_0; the next layer's pre-activation has second moment n·σ_w²·q_L, "
        "and tanh does not enlarge it (|tanh z| ≤ |z|: tanh_below_identity), so q_(L+1) ≤ n·σ_w²·q_L, "
        "which grows with q_L",
        previous=_prev_q,
    ),
    conventions=("q_l = E[x_l²] for one unit; the weights are drawn independently of the layer's input.",),
)

_zp = sp.Symbol("z", nonnegative=True)
_u = sp.Symbol("u", real=True)
TANH_BELOW_IDENTITY = Derivation(
    name="tanh_below_identity",
    title="tanh z ≤ z for z ≥ 0, so |tanh z| ≤ |z|: tanh never enlarges its input",
    source=source(ML_LIFECYCLE, "Weight initialization: small Gaussian random"),
    korean="가중치 초기화",
    statement="For z ≥ 0, tanh z = z − ∫₀^z tanh²(u) du ≤ z, the integral of a square being ≥ 0; tanh is odd "
    "(tanh(−z) = −tanh z), so |tanh z| ≤ |z| for every real z and E[tanh(a)²] ≤ E[a²] for any "
    "pre-activation a. This is the step init_variance_depth_bound takes from one layer to the next.",
    stated=False,
    claim=sp.LessThan(sp.tanh(_zp), _zp, evaluate=False),
    derived_expr=sp.tanh(_zp),
    steps=(
        Step(
            _zp - sp.Integral(sp.tanh(_u) ** 2, (_u, 0, _zp)),
            "tanh′ = 1 − tanh² and tanh 0 = 0, so tanh z = ∫₀^z (1 − tanh² u) du",
        ),
    ),
    domain=((_zp, 0.0, 20.0),),
)

_s = sp.Symbol("s", positive=True)


def _gauss(x: sp.Expr) -> sp.Expr:
    """The density of N(0, s²) at x."""
    return sp.exp(-(x**2) / (2 * _s**2)) / (_s * sp.sqrt(2 * sp.pi))


TANH_SLOPE_BOUND = Derivation(
    name="gaussian_tanh_slope_bound",
    title="For z ~ N(0, s²) the mean slope E[tanh′(z)] is at most 2/(s√(2π))",
    source=source(ML_LIFECYCLE, "Weight initialization: large Gaussian random"),
    korean="가중치 초기화",
    statement="E[tanh′(z)] = ∫ tanh′(z)·φ_s(z) dz, and the Gaussian density φ_s(z) is at most its peak "
    "φ_s(0) = 1/(s√(2π)) while tanh′ = 1 − tanh² > 0; so E[tanh′(z)] ≤ φ_s(0)·∫ tanh′ = 2/(s√(2π)). "
    "The wider the pre-activations (large weights: s ≫ 1), the flatter the average unit: s = 10 "
    "gives a mean slope below 0.08 (large_gaussian_init_saturates).",
    stated=False,
    claim=sp.LessThan(
        Expectation(sp.Derivative(sp.tanh(z), z)), 2 / (_s * sp.sqrt(2 * sp.pi)), evaluate=False
    ),
    derived_expr=HeldIntegral(sp.Derivative(sp.tanh(z), z) * _gauss(z), (z, -sp.oo, sp.oo)),
    steps=(
        Step(
            sp.Integral(sp.Derivative(sp.tanh(z), z) * _gauss(0), (z, -sp.oo, sp.oo)),
            "φ_s(z) ≤ φ_s(0), since e^(−z²/(2s²)) ≤ 1, and tanh′(z) = 1 − tanh² z > 0, since |tanh| < 1: "
            "the integrand grows at every z",
            relation=sp.LessThan,
        ),
        Step(2 / (_s * sp.sqrt(2 * sp.pi)), "∫ tanh′ = tanh(∞) − tanh(−∞) = 2"),
    ),
    domain=((_s, 0.5, 20.0),),
    conventions=("z ~ N(0, s²): the pre-activation of a unit, Gaussian with standard deviation s.",),
)


HE_ACTIVE_HALF = Derivation(
    name="he_variance_does_not_change_active_fraction",
    title="Whatever the weights' scale, half of the ReLU units are active",
    source=source(ML_LIFECYCLE, "Weight initialization: He normal initialization"),
    korean="가중치 초기화",
    statement="For a pre-activation z ~ N(0, s²), P(z > 0) = ∫₀^∞ φ_s(z) dz = 1/2 for every s > 0: a larger "
    "weight variance does not make more ReLU units active, as the note's reason suggests. What He's "
    "factor 2 does is keep the second moment: E[relu(z)²] = s²/2 (he_relu_second_moment), so "
    "Var(w) = 2/n_in gives each layer's pre-activations the variance of the one before "
    "(he_kaiming_variance) (judgement call on the note's wording).",
    stated=False,
    claim=claim(sp.Symbol("P(z > 0)"), sp.Rational(1, 2)),
    derived_expr=sp.Integral(_normal_pdf, (z, 0, sp.oo)),
    domain=((s, 0.1, 5.0),),
)


def _slope_at_zero(f: sp.Expr) -> sp.Subs:
    """f′(0), as SymPy will take it."""
    return sp.Subs(sp.Derivative(f, z), z, 0)


XAVIER_UNIT_SLOPE = Derivation(
    name="xavier_assumes_unit_slope",
    title="Xavier's 1/n assumes slope 1 at 0: right for tanh, 16 times too small for the sigmoid",
    source=source(ML_LIFECYCLE, "Weight initialization: Xavier initialization"),
    korean="가중치 초기화",
    statement="Near 0 a unit f(z) passes z on with gain f′(0), so the variance condition n·f′(0)²·Var(w) = 1 "
    "(xavier_forward_variance with the slope) gives Var(w) = 1/(n·f′(0)²). tanh′(0) = 1 gives Glorot's "
    "1/n; the sigmoid's σ′(0) = 1/4 gives 16/n. The note says Xavier suits sigmoid and tanh; it is "
    "derived for units that are linear with slope 1 near 0, which fits tanh but not the sigmoid "
    "(judgement call; the sigmoid is also not centred at 0: sigmoid_centre).",
    stated=False,
    claim=claim(
        sp.Matrix([sp.Symbol("Var(w) for tanh"), sp.Symbol("Var(w) for σ")]),
        sp.Matrix([1 / n_in, 16 / n_in]),
    ),
    definitions=(SIGMOID,),
    derived_expr=sp.Matrix(
        [1 / (n_in * _slope_at_zero(sp.tanh(z)) ** 2), 1 / (n_in * _slope_at_zero(sigma(z)) ** 2)]
    ),
    conventions=(
        "The linear regime: f(z) ≈ f(0) + f′(0)·z for the small pre-activations of a fresh network.",
    ),
)

_width = sp.Symbol("n", positive=True)  # a width, as a real number for the inequality
SMALL_GAUSSIAN = Derivation(
    name="small_gaussian_init_collapse",
    title="W = 0.01·randn shrinks activations geometrically with depth, for widths below 10⁴",
    source=source(ML_LIFECYCLE, "Weight initialization: small Gaussian random"),
    statement="With W = 0.01·randn, Var(W) = 10⁻⁴, so through tanh layers of width n the activations' "
    "second moment shrinks at least by the factor n·10⁻⁴ per layer (init_variance_depth_bound). That "
    "factor is below 1 exactly for widths n < 10⁴: at the usual widths (n = 500: 0.05 per layer, below "
    "10⁻¹² of the input's after 10 layers) the activations, and the weight gradients proportional to "
    "them, vanish with depth. For n ≥ 10⁴, 0.01 is no longer a small scale.",
    stated=False,
    claim=claim(
        sp.ConditionSet(_width, _width * sp.Rational(1, 100) ** 2 < 1, sp.Interval.open(0, sp.oo)),
        sp.Interval.open(0, 10**4),
    ),
    derived_expr=sp.solveset(_width * sp.Rational(1, 100) ** 2 < 1, _width, sp.Interval.open(0, sp.oo)),
)

SECH2_TOTAL = Derivation(
    name="large_gaussian_init_saturates",
    title="W = 0.5·randn saturates tanh: the average slope is at most 2/(s√(2π))",
    source=source(ML_LIFECYCLE, "Weight initialization: large Gaussian random"),
    statement="∫ tanh′(z) dz = 2 over the real line, so for z ~ N(0, s²) the mean slope E[tanh′(z)] ≤ "
    "2·max φ = 2/(s√(2π)) (gaussian_tanh_slope_bound). With weights 0.5·randn, s² = n·0.25·E[x²] "
    "is large (n = 500: s > 10 once E[x²] > 0.8), so the mean slope is below 0.08 per layer: units "
    "sit at ±1 and gradients vanish.",
    claim=claim(sp.Integral(sp.Derivative(sp.tanh(z), z), (z, -sp.oo, sp.oo)), 2),
    derived_expr=sp.integrate(sp.diff(sp.tanh(z), z), (z, -sp.oo, sp.oo)),
)

DERIVATIONS = (
    XAVIER_FORWARD,
    XAVIER_BACKWARD,
    XAVIER_GLOROT_VARIANCE,
    XAVIER_UNIFORM_BOUND,
    XAVIER_UNIFORM_SAMPLER,
    HE_RELU_SECOND_MOMENT,
    HE_VARIANCE,
    HE_NORMAL_SAMPLER,
    XAVIER_NOTES_CODE,
    XAVIER_CODE_HALVES,
    DEPTH_BOUND,
    SMALL_GAUSSIAN,
    SECH2_TOTAL,
    TANH_BELOW_IDENTITY,
    TANH_SLOPE_BOUND,
    XAVIER_UNIT_SLOPE,
    HE_ACTIVE_HALF,
)
