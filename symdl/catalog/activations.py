"""Activation functions: sigmoid and tanh, their derivatives, and the stable forms kernels use.

Each kernel is generated from a *stable form* that SymPy proves equal to the
derivative, because the textbook forms lose everything in floating point:
σ(1 − σ) is 0 at x = 40 (true value ≈ 4.2e-18) and SymPy's raw
``exp(-x)/(1 + exp(-x))**2`` overflows to NaN below x ≈ −710; 1 − tanh² is 0
at x = 20.  With e = exp(−|x|) the forms below never overflow, never cancel, and
keep full relative accuracy down to the subnormals.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import (
    DEEP_LEARNING,
    DL_BASICS,
    DL_TECHNIQUES,
    ML_LIFECYCLE,
    SIGMOID,
    TANH,
    claim,
    sigma,
    source,
    x,
)
from symdl.codegen.spec import Elementwise, NormalCdf, XGaussianExp, entries
from symdl.record import Derivation, Facts, Induction, Step

_e1 = sp.exp(-sp.Abs(x))
_q = sp.Symbol("q", positive=True)  # exp(−2|x|), let-bound in the generated tanh_grad

SIGMOID_DERIVATIVE = Derivation(
    name="sigmoid_derivative",
    title="Derivative of the sigmoid",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: sigmoid"),
    statement="σ′(x) = σ(x)(1 − σ(x)).",
    claim=claim(sp.Derivative(sigma(x), x), sigma(x) * (1 - sigma(x))),
    definitions=(SIGMOID,),
    domain=((x, -8.0, 8.0),),
    steps=(
        Step(sp.exp(-x) / (1 + sp.exp(-x)) ** 2, "chain rule on (1 + e^(−x))^(−1)"),
        Step(sigma(x) * sigma(-x), "split the fraction: 1/(1 + e^(−x)) · e^(−x)/(1 + e^(−x))"),
        Step(sigma(x) * (1 - sigma(x)), "σ(−x) = 1 − σ(x)"),
    ),
    kernel=Elementwise(
        "sigmoid_grad",
        (x,),
        _e1 / (1 + _e1) ** 2,
        why="σ′ is even, so σ′(x) = e/(1 + e)² with e = exp(−|x|) ≤ 1: no overflow, no "
        "cancellation, full relative accuracy as σ′ underflows toward the subnormals. Capped at "
        "1/4 (record sigmoid_derivative_bound): for |x| < 1e-8 rounding gave one ulp above it.",
        upper=(sp.Rational(1, 4), "sigmoid_derivative_bound"),
    ),
)

SIGMOID_DERIVATIVE_BOUND = Derivation(
    name="sigmoid_derivative_bound",
    title="The sigmoid's slope is at most 1/4",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: sigmoid (vanishing gradient)"),
    korean="기울기 소실",
    statement="1/4 − σ′(x) = (1 − 2σ(x))²/4 ≥ 0, so σ′ ≤ 1/4 with equality only at x = 0; a chain "
    "of L sigmoids multiplies a gradient by at most 4^(−L).",
    claim=claim(sp.Rational(1, 4) - sp.Derivative(sigma(x), x), (1 - 2 * sigma(x)) ** 2 / 4),
    definitions=(SIGMOID,),
    domain=((x, -8.0, 8.0),),
)

SIGMOID_DERIVATIVE_AT_ZERO = Derivation(
    name="sigmoid_derivative_at_zero",
    title="The sigmoid's slope at 0",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: sigmoid (vanishing gradient)"),
    statement="σ′(0) = 1/4: the bound above is attained.",
    claim=claim(sp.Subs(sp.Derivative(sigma(x), x), x, 0), sp.Rational(1, 4)),
    definitions=(SIGMOID,),
)

TANH_DERIVATIVE = Derivation(
    name="tanh_derivative",
    title="Derivative of tanh",
    source=source(ML_LIFECYCLE, "RNN: drawbacks (vanishing gradient)"),
    korean="기울기 소실",
    statement="tanh′(x) = 1 − tanh²(x).",
    claim=claim(sp.Derivative(sp.tanh(x), x), 1 - sp.tanh(x) ** 2),
    definitions=(TANH,),
    domain=((x, -8.0, 8.0),),
    steps=(
        Step(4 / (sp.exp(x) + sp.exp(-x)) ** 2, "quotient rule; (eˣ + e⁻ˣ)² − (eˣ − e⁻ˣ)² = 4"),
        Step(1 - sp.tanh(x) ** 2, "4/(eˣ + e⁻ˣ)² = sech²(x) = 1 − tanh²(x)"),
    ),
    kernel=Elementwise(
        "tanh_grad",
        (x,),
        4 * _q / (1 + _q * (2 + _q)),
        why="tanh′ = sech² = 4q/(1 + q)² = 4q/(1 + q(2 + q)) with q = exp(−2|x|) ≤ 1: 1 − tanh² cancels "
        "to 0 for |x| ≳ 19, while this form keeps full relative accuracy until it underflows. One exp "
        "of an exact argument (2|x| doubles exactly; for |x| near the float maximum it is inf and "
        "q = 0, the right answer), and (1 + q)² expanded so its rounding is one addition's: 2.2 ulp "
        "at worst in a 120k-point scan (exp(−|x|) squared, as before, reached 5.5).",
        lets=((_q, sp.exp(-2 * sp.Abs(x))),),
        upper=(sp.Integer(1), "tanh_derivative_bound"),
    ),
)

TANH_DERIVATIVE_BOUND = Derivation(
    name="tanh_derivative_bound",
    title="tanh's slope is at most 1",
    source=source(ML_LIFECYCLE, "RNN: drawbacks (vanishing gradient)"),
    korean="기울기 소실",
    statement="1 − tanh′(x) = tanh²(x) ≥ 0, so tanh′ ≤ 1 with equality only at x = 0: a chain of tanh "
    "units can keep a gradient's size only where their inputs stay near 0.",
    claim=claim(1 - sp.Derivative(sp.tanh(x), x), sp.tanh(x) ** 2),
    definitions=(TANH,),
    domain=((x, -8.0, 8.0),),
)

TANH_SCALED_SIGMOID = Derivation(
    name="tanh_scaled_sigmoid",
    title="tanh is a scaled and shifted sigmoid",
    source=source(ML_LIFECYCLE, "Tanh functions"),
    statement="tanh(x) = 2σ(2x) − 1, which is why the note calls tanh an enlarged sigmoid.",
    claim=claim(sp.tanh(x), 2 * sigma(2 * x) - 1),
    definitions=(TANH, SIGMOID),
    domain=((x, -8.0, 8.0),),
)

TANH_DEFINITION = Derivation(
    name="tanh_definition",
    title="tanh as the note writes it",
    source=source(DL_TECHNIQUES, "Activations: tanh"),
    statement="(eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) is the hyperbolic tangent.",
    claim=claim(TANH[1], sp.tanh(x)),
    derived_expr=TANH[1],
    domain=((x, -8.0, 8.0),),
)

SIGMOID_SATURATES = Derivation(
    name="sigmoid_saturates",
    title="The sigmoid's slope vanishes for large inputs",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: sigmoid (vanishing gradient)"),
    korean="기울기 소실",
    statement="σ′(x) → 0 as x → ∞ and as x → −∞: a saturated unit passes almost no gradient.",
    claim=claim(
        sp.Matrix(
            [sp.Limit(sp.Derivative(sigma(x), x), x, sp.oo), sp.Limit(sp.Derivative(sigma(x), x), x, -sp.oo)]
        ),
        sp.Matrix([0, 0]),
    ),
    definitions=(SIGMOID,),
)

TANH_SATURATES = Derivation(
    name="tanh_saturates",
    title="tanh's slope vanishes for large inputs of either sign",
    source=source(ML_LIFECYCLE, "Tanh functions"),
    korean="기울기 소실",
    statement="tanh′(x) → 0 as x → ∞ and as x → −∞: being zero-centred does not spare tanh the "
    "saturation of the sigmoid (tanh(x) = 2σ(2x) − 1, tanh_scaled_sigmoid), which is why the note says "
    "tanh still suffers from vanishing gradients. Saturation is one cause; what shrinks a deep "
    "network's gradient is the product of the layers' slopes (sigmoid_chain_gradient_bound).",
    stated=False,
    claim=claim(
        sp.Matrix(
            [
                sp.Limit(sp.Derivative(sp.tanh(x), x), x, sp.oo),
                sp.Limit(sp.Derivative(sp.tanh(x), x), x, -sp.oo),
            ]
        ),
        sp.Matrix([0, 0]),
    ),
    definitions=(TANH,),
)

SIGMOID_CENTRE = Derivation(
    name="sigmoid_centre",
    title="The sigmoid is centred at 1/2, not 0",
    source=source(DEEP_LEARNING, "Nonlinear functions: sigmoid"),
    statement="σ(0) = 1/2 and σ(−x) = 1 − σ(x): outputs are symmetric about 1/2.",
    claim=claim(sigma(-x), 1 - sigma(x)),
    definitions=(SIGMOID,),
    derived_expr=1 / (1 + sp.exp(x)),
    domain=((x, -8.0, 8.0),),
    steps=(Step(sp.exp(-x) / (1 + sp.exp(-x)), "multiply by e^(−x)/e^(−x)"),),
)

SIGMOID_RANGE = Derivation(
    name="sigmoid_range",
    title="The sigmoid's values lie strictly between 0 and 1",
    source=source(DL_TECHNIQUES, "Activations: sigmoid"),
    statement="σ(x)(1 − σ(x)) > 0 for every real x, i.e. 0 < σ(x) < 1.",
    claim=sp.StrictGreaterThan(sigma(x) * (1 - sigma(x)), 0, evaluate=False),
    definitions=(SIGMOID,),
)

TANH_ODD = Derivation(
    name="tanh_zero_centred",
    title="tanh is odd: zero-centred and symmetric",
    source=source(DL_TECHNIQUES, "Activations: tanh"),
    statement="tanh(−x) = −tanh(x): outputs in (−1, 1), symmetric about 0.",
    claim=claim(sp.tanh(-x), -sp.tanh(x)),
    definitions=(TANH,),
    derived_expr=TANH[1].subs(x, -x),
    domain=((x, -8.0, 8.0),),
)

TANH_RANGE = Derivation(
    name="tanh_range_open",
    title="tanh never reaches ±1: its range is (−1, 1), not [−1, 1]",
    source=source(ML_LIFECYCLE, "Tanh functions"),
    korean="활성화 함수",
    statement="The note gives tanh's output range as the closed interval [−1, 1], which would make ±1 "
    "values that tanh takes. The range SymPy computes from tanh's critical points and limits is the "
    "open interval.",
    stated=False,
    claim=claim(sp.Function("range")(sp.tanh(x)), sp.Interval(-1, 1)),
    derived_expr=sp.calculus.util.function_range(sp.tanh(x), x, sp.S.Reals),
    holds=False,
    correction=sp.StrictLessThan(sp.tanh(x) ** 2, 1, evaluate=False),
    definitions=(TANH,),
    truth="|tanh x| < 1 for every real x: 1 − tanh²x = 4/(eˣ + e⁻ˣ)² > 0, so tanh x = ±1 has no solution; "
    "tanh x only tends to ±1 as x → ±∞. The range is the open interval (−1, 1), as for the sigmoid's "
    "(0, 1).",
)

# -- what backpropagation multiplies through stacked sigmoids ------------------------------------
_two_sigmoids = sp.Derivative(sigma(sigma(x)), x)
SIGMOID_VANISHING = Derivation(
    name="sigmoid_vanishing_multiplies_slopes",
    title="Backpropagation multiplies the sigmoid's slopes (at most 1/4), not its values",
    source=source(DEEP_LEARNING, "Backpropagation: sigmoid derivative"),
    korean="기울기 소실",
    statement="The note explains the vanishing gradient by the sigmoid's values, which lie between 0 and 1, "
    "being multiplied again and again. Read as what backpropagation multiplies, two stacked sigmoids "
    "would have the gradient σ(σ(x))·σ(x).",
    stated=False,
    claim=claim(_two_sigmoids, sigma(sigma(x)) * sigma(x)),
    definitions=(SIGMOID,),
    domain=((x, -6.0, 6.0),),
    holds=False,
    correction=claim(_two_sigmoids, sigma(sigma(x)) * (1 - sigma(sigma(x))) * sigma(x) * (1 - sigma(x))),
    truth="Backpropagation multiplies by each sigmoid's slope σ′(z) = σ(z)(1 − σ(z)), which is at most 1/4 "
    "(sigmoid_derivative_bound): for two stacked sigmoids the gradient is σ′(σ(x))·σ′(x), and L "
    "sigmoids multiply a gradient by at most 4^(−L) (sigmoid_chain_gradient_bound, proved for every L). "
    "The values alone would not vanish: σ(5)^10 ≈ 0.935, while σ′(5)^10 ≈ 1.7·10⁻²².",
)

_L = sp.Symbol("L", integer=True, positive=True)
_l = sp.Symbol("l", integer=True)
_zl = sp.IndexedBase("z", real=True)
_product = sp.Symbol("P", real=True)  # the product over the first L layers, in the inductive step
_slope = sp.Derivative(sigma(x), x)
SIGMOID_CHAIN_BOUND = Derivation(
    name="sigmoid_chain_gradient_bound",
    title="L stacked sigmoids shrink a gradient by a factor of at least 4^L",
    source=source(DEEP_LEARNING, "Backpropagation: sigmoid derivative"),
    korean="기울기 소실",
    statement="Through L sigmoid units with inputs z_1, …, z_L, backpropagation multiplies the slopes "
    "σ′(z_1)⋯σ′(z_L); each is at most 1/4, so the product is at most 4^(−L) for every L and any inputs "
    "(below 10⁻⁶ for L = 10).",
    stated=False,
    claim=sp.LessThan(
        sp.Product(sp.Subs(_slope, x, _zl[_l]), (_l, 1, _L)), sp.Rational(1, 4) ** _L, evaluate=False
    ),
    definitions=(SIGMOID,),
    induction=Induction(
        _L,
        1,
        base=(_slope, sp.Rational(1, 4)),
        step=(_slope * _product, sp.Rational(1, 4) ** (_L + 1)),
        hypothesis="the product P over the first L layers is at most 4^(−L); layer L + 1 multiplies it "
        "by its slope σ′(z) > 0, so the product grows with P and σ′(z)·4^(−L) ≤ 4^(−(L + 1))",
        previous=_product,
    ),
    conventions=(
        "The activation factors only; the weights between layers multiply the gradient too and can "
        "offset the shrinking (or make it worse).",
    ),
)

_w, _xs = sp.IndexedBase("w", real=True), sp.IndexedBase("x", real=True)
_b, _up = sp.Symbol("b", real=True), sp.Symbol("delta", real=True)
_z = sp.Symbol("z", real=True)
_wi, _wj = sp.symbols("i j", integer=True)
_fan_in = sp.Symbol("n", integer=True, positive=True)


def _weight_gradient(size: int) -> tuple[sp.Matrix, sp.Matrix]:
    w, xs = entries("w", size), entries("x", size)
    z = (w.T * xs)[0] + _b
    derived = sp.Matrix([sp.diff(_up * SIGMOID[1].subs(x, z), wi) for wi in w])
    s = SIGMOID[1].subs(x, z)
    return derived, _up * s * (1 - s) * xs


SIGMOID_NOT_ZERO_CENTRED = Derivation(
    name="sigmoid_not_zero_centred_gradients",
    title="Positive inputs give weight gradients of one sign",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: not zero-centred output"),
    statement="For a unit σ(wᵀx + b) with upstream gradient δ, ∂L/∂w = δ·σ′(z)·x; σ′ > 0, so when every "
    "input x_i is positive (e.g. the outputs of a previous sigmoid layer) all weight gradients "
    "share the sign of δ and the weights can only all grow or all shrink together.",
    claim=claim(
        sp.Derivative(sp.Symbol("L"), _w[_wi], evaluate=False),
        _up * sigma(_z) * (1 - sigma(_z)) * _xs[_wi],
    ),
    definitions=(SIGMOID, (_z, sp.Sum(_w[_wj] * _xs[_wj], (_wj, 1, _fan_in)) + _b)),
    # L = δ·σ(z) for the unit's output: the upstream gradient δ times the output.
    derived_expr=sp.Derivative(_up * sigma(_z), _w[_wi]),
    facts=Facts({_wi: (1, _fan_in)}),
    sizes=(1, 2, 3),
    explicit=_weight_gradient,
)

_xpos = sp.IndexedBase("x", positive=True)
_delta_nz = sp.Symbol("delta", real=True, nonzero=True)
SIGMOID_GRADIENT_SIGN = Derivation(
    name="sigmoid_weight_gradients_share_a_sign",
    title="With positive inputs, every weight gradient of one example has the sign of δ",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: not zero-centred output"),
    korean="기울기",
    statement="For one example with every input x_i > 0 and upstream gradient δ ≠ 0, "
    "δ·∂L/∂w_i = δ²·σ′(z)·x_i > 0 for every i and any fan-in n: all weight gradients share δ's sign, "
    "so one step moves all the weights the same way (the note's zig-zag). Over a minibatch the "
    "examples' δ differ in sign and the summed gradient need not (minibatch_weight_gradients_can_mix).",
    stated=False,
    claim=sp.StrictGreaterThan(_delta_nz * sp.Derivative(sp.Symbol("L"), _w[_wi]), 0, evaluate=False),
    definitions=(SIGMOID, (_z, sp.Sum(_w[_wj] * _xpos[_wj], (_wj, 1, _fan_in)) + _b)),
    derived_expr=_delta_nz * sp.Derivative(_delta_nz * sigma(_z), _w[_wi]),
    facts=Facts({_wi: (1, _fan_in)}),
)

# Two examples with positive inputs and opposite upstream gradients, at w = 0, b = 0 (σ′(0) = 1/4).
_batch = ((sp.Matrix([1, 2]), 1), (sp.Matrix([3, 1]), -1))
_batch_gradient = sum(
    (d * sp.Subs(sp.Derivative(sigma(x), x), x, 0) * xv for xv, d in _batch), sp.zeros(2, 1)
)
BATCH_GRADIENT_MIX = Derivation(
    name="minibatch_weight_gradients_can_mix",
    title="Over a minibatch, weight gradients need not share a sign",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: not zero-centred output"),
    korean="기울기",
    statement="Two examples with positive inputs x¹ = (1, 2), x² = (3, 1) and upstream gradients δ = +1, −1, "
    "at w = 0, b = 0 (σ′(0) = 1/4): the summed weight gradient is (−1/2, 1/4), one component of each "
    "sign. 'The weights move in one direction only' holds per example "
    "(sigmoid_weight_gradients_share_a_sign), not for a minibatch step (judgement call on the "
    "note's wording).",
    stated=False,
    claim=claim(sp.Symbol("Σ_examples ∂L/∂w"), sp.Matrix([sp.Rational(-1, 2), sp.Rational(1, 4)])),
    definitions=(SIGMOID,),
    derived_expr=_batch_gradient,
    shown_for="one minibatch of two examples",
)

# -- ReLU family -------------------------------------------------------------------------------
relu = sp.Function("relu")
leaky_relu = sp.Function("LeakyReLU")
elu = sp.Function("ELU")
gelu = sp.Function("GELU")
alpha = sp.Symbol("alpha", positive=True)
h = sp.Symbol("h", positive=True)
RELU = (relu(x), sp.Max(0, x))
LEAKY = (leaky_relu(x), sp.Piecewise((x, x > 0), (alpha * x, True)))
ELU_DEF = (elu(x), sp.Piecewise((x, x > 0), (alpha * (sp.exp(x) - 1), True)))
GELU_DEF = (gelu(x), x * (1 + sp.erf(x / sp.sqrt(2))) / 2)

RELU_DERIVATIVE = Derivation(
    name="relu_derivative",
    title="ReLU's derivative: 1 for positive inputs, 0 for negative",
    source=source(ML_LIFECYCLE, "ReLU"),
    korean="활성화 함수",
    statement="relu′(x) = 1 for x > 0 and 0 for x < 0: no saturation for positive inputs (no vanishing "
    "gradient there), and a unit whose input stays negative gets no gradient at all (dead ReLU).",
    claim=claim(sp.Derivative(relu(x), x), sp.Piecewise((1, x > 0), (0, True))),
    definitions=(RELU,),
    domain=((x, -8.0, 8.0),),
    conventions=(
        "relu′(0) is taken to be 0, as PyTorch and JAX do; the derivative does not exist there "
        "(see relu_not_differentiable_at_zero).",
    ),
    kernel=Elementwise(
        "relu_grad",
        (x,),
        sp.Piecewise((1, x > 0), (0, True)),
        why="1 for x > 0, else 0 (0 at the kink, as PyTorch): exact for every float; NaN gives 0, as "
        "PyTorch's threshold_backward does.",
    ),
)

RELU_KINK = Derivation(
    name="relu_not_differentiable_at_zero",
    title="ReLU is not differentiable at 0",
    source=source(ML_LIFECYCLE, "ReLU: drawbacks"),
    korean="활성화 함수",
    statement="The one-sided slopes of ReLU at 0 are 1 (from the right) and 0 (from the left); they differ "
    "by 1, so relu′(0) does not exist and frameworks pick a convention.",
    claim=claim(sp.Limit(relu(h) / h, h, 0, "+") - sp.Limit(relu(-h) / (-h), h, 0, "+"), 1),
    definitions=((relu(sp.Symbol("x")), sp.Max(0, sp.Symbol("x"))),),
)

RELU_NONNEGATIVE = Derivation(
    name="relu_output_nonnegative",
    title="ReLU's output is never negative, so it is not zero-centred",
    source=source(ML_LIFECYCLE, "ReLU: drawbacks"),
    korean="활성화 함수",
    statement="relu(x) = max(0, x) ≥ 0 for every real x: ReLU's outputs are never negative, so unlike "
    "tanh's they cannot be centred at 0 (any input that is not always negative gives a positive mean).",
    claim=sp.GreaterThan(relu(x), 0, evaluate=False),
    definitions=(RELU,),
)


def _exponentials(expr: sp.Expr) -> int:
    """How many distinct exponentials an expression evaluates."""
    return len(expr.atoms(sp.exp))


_costs = (RELU[1], sp.diff(RELU[1], x), SIGMOID[1], sp.diff(SIGMOID[1], x))
RELU_NO_EXP = Derivation(
    name="relu_needs_no_exponential",
    title="ReLU and its slope need no exponential; the sigmoid and its slope need one each",
    source=source(ML_LIFECYCLE, "ReLU"),
    korean="활성화 함수",
    statement="relu(x) = max(0, x) and relu′ are one comparison each, with no exponential; σ(x) and σ′(x) "
    "each evaluate one, e^(−x) — the note's 'efficient to compute' and 'exp() is hard to compute', as a "
    "count of operations (not a timing, which depends on the machine).",
    stated=False,
    claim=claim(
        sp.Matrix([sp.Symbol(f"exp in {name}") for name in ("relu", "relu′", "σ", "σ′")]),
        sp.Matrix([0, 0, 1, 1]),
    ),
    derived_expr=sp.Matrix([_exponentials(e) for e in _costs]),
)

DEAD_RELU = Derivation(
    name="dead_relu_negative_input",
    title="A dead ReLU has a negative input, not a negative output",
    source=source(ML_LIFECYCLE, "ReLU: drawbacks"),
    korean="죽은 ReLU",
    statement="The note says a ReLU unit saturates (its slope becomes 0) when its output is negative. "
    "Written as a slope that is 0 exactly where the output is negative, and 1 elsewhere.",
    stated=False,
    claim=claim(sp.Derivative(relu(x), x), sp.Piecewise((0, relu(x) < 0), (1, True))),
    definitions=(RELU,),
    domain=((x, -8.0, 8.0),),
    holds=False,
    correction=claim(sp.Derivative(relu(x), x), sp.Piecewise((1, x > 0), (0, True))),
    truth="ReLU's output max(0, x) is never negative (relu_output_nonnegative), so the note's condition "
    "never occurs. The slope is 0 where the *input* is negative: a unit whose input stays negative "
    "outputs 0, passes no gradient and stops learning — the dying ReLU the note describes next.",
    conventions=("relu′(0) is taken to be 0, as PyTorch does (see relu_derivative).",),
)

LEAKY_RELU_DERIVATIVE = Derivation(
    name="leaky_relu_derivative",
    title="Leaky ReLU keeps a slope α for negative inputs",
    source=source(ML_LIFECYCLE, "Leaky ReLU"),
    korean="활성화 함수",
    statement="LeakyReLU′(x) = 1 for x > 0 and α for x < 0, with α > 0 a hyper-parameter: the gradient "
    "never vanishes, so units cannot die.",
    claim=claim(sp.Derivative(leaky_relu(x), x), sp.Piecewise((1, x > 0), (alpha, True))),
    definitions=(LEAKY,),
    domain=((x, -8.0, 8.0), (alpha, 0.001, 0.5)),
    conventions=(
        "At 0 the formula gives α (the x > 0 branch is strict), as PyTorch's leaky_relu backward does; "
        "the derivative does not exist there for α ≠ 1.",
    ),
    kernel=Elementwise(
        "leaky_relu_grad",
        (x, alpha),
        sp.Piecewise((1, x > 0), (alpha, True)),
        why="1 for x > 0, else the negative slope α (α at 0, as PyTorch): exact for every float.",
        check_values=(0.01,),
    ),
)

ELU_DERIVATIVE = Derivation(
    name="elu_derivative",
    title="ELU's derivative for negative inputs is ELU(x) + α",
    source=source(ML_LIFECYCLE, "ELU (Exponential Linear Unit)"),
    korean="활성화 함수",
    statement="ELU′(x) = 1 for x > 0 and αeˣ = ELU(x) + α for x < 0: the negative side saturates "
    "smoothly toward −α, and the derivative reuses the forward value.",
    claim=claim(sp.Derivative(elu(x), x), sp.Piecewise((1, x > 0), (elu(x) + alpha, True))),
    definitions=(ELU_DEF,),
    domain=((x, -8.0, 8.0), (alpha, 0.1, 2.0)),
    conventions=("At 0 the formula gives α (the left branch), as PyTorch's elu backward does.",),
    kernel=Elementwise(
        "elu_grad",
        (x, alpha),
        sp.Piecewise((1, x > 0), (alpha * sp.exp(x), True)),
        why="1 for x > 0, else α·eˣ (which never overflows there): one exp of the input.",
        check_values=(1.0,),
    ),
)

_negative = sp.Symbol("x", negative=True)
ELU_SATURATES = Derivation(
    name="elu_saturates_at_minus_alpha",
    title="ELU's negative side flattens out at −α",
    source=source(ML_LIFECYCLE, "ELU (Exponential Linear Unit)"),
    korean="활성화 함수",
    statement="For x < 0, ELU(x) = α(eˣ − 1) → −α as x → −∞, and its slope αeˣ → 0: large negative inputs "
    "all give nearly −α — the saturation the note credits with robustness to noise — while the mean "
    "output can sit below 0, unlike ReLU's.",
    stated=False,
    claim=claim(
        sp.Matrix(
            [
                sp.Limit(elu(_negative), _negative, -sp.oo),
                sp.Limit(sp.Derivative(elu(_negative), _negative), _negative, -sp.oo),
            ]
        ),
        sp.Matrix([-alpha, 0]),
    ),
    definitions=(ELU_DEF,),  # for a negative x the Piecewise is its α(eˣ − 1) branch
)

GELU_DERIVATIVE = Derivation(
    name="gelu_derivative",
    title="GELU's derivative",
    source=source(DL_BASICS, "Deep learning structure (linear → nonlinear)"),
    korean="활성화 함수",
    statement="GELU(x) = xΦ(x) with Φ the standard normal CDF; GELU′(x) = Φ(x) + xφ(x).",
    claim=claim(
        sp.Derivative(gelu(x), x),
        (1 + sp.erf(x / sp.sqrt(2))) / 2 + x * sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi),
    ),
    definitions=(GELU_DEF,),
    domain=((x, -6.0, 6.0),),
    conventions=("GELU with the exact Gaussian CDF (erf), not the tanh approximation.",),
    kernel=Elementwise(
        "gelu_grad",
        (x,),
        NormalCdf(x) + XGaussianExp(x) / sp.sqrt(2 * sp.pi),
        why="Φ(x) by the generated normal_cdf64: for x ≤ 0 as ½e^(−x²/2)·erfcx(−x/√2), never as "
        "(1 + erf(x/√2))/2, which cancels to 0 for x ≪ 0 (Φ(−10) ≈ 7.6e-24 would be lost), and "
        "1 − Φ(−x) above; exp(−x²/2) with x² split exactly (its rounding alone cost 430 ulp at "
        "x = −37). Both helpers vectorise, where libm's erfc is one call per element.",
        # Below −38.5 the exact GELU′ is smaller than the smallest float64 (the kernel gives 0,
        # tested on its own); the textbook reference would need thousands of digits there.
        check_range=(-38.0, 1e4),
        error_scale=sp.erfc(-x / sp.sqrt(2)) / 2 + sp.Abs(x) * sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi),
        # In units of the error scale's ulp; measured over a scan (test_accuracy), see the README.
        tolerance=6.0,
    ),
)


DERIVATIONS = (
    SIGMOID_DERIVATIVE,
    SIGMOID_DERIVATIVE_BOUND,
    SIGMOID_DERIVATIVE_AT_ZERO,
    TANH_DERIVATIVE,
    TANH_DERIVATIVE_BOUND,
    TANH_SCALED_SIGMOID,
    TANH_DEFINITION,
    SIGMOID_SATURATES,
    TANH_SATURATES,
    SIGMOID_GRADIENT_SIGN,
    BATCH_GRADIENT_MIX,
    SIGMOID_CENTRE,
    SIGMOID_RANGE,
    TANH_ODD,
    TANH_RANGE,
    SIGMOID_VANISHING,
    SIGMOID_CHAIN_BOUND,
    SIGMOID_NOT_ZERO_CENTRED,
    RELU_DERIVATIVE,
    RELU_KINK,
    RELU_NONNEGATIVE,
    RELU_NO_EXP,
    DEAD_RELU,
    LEAKY_RELU_DERIVATIVE,
    ELU_DERIVATIVE,
    ELU_SATURATES,
    GELU_DERIVATIVE,
)
