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
    DL_TECHNIQUES,
    ML_LIFECYCLE,
    SIGMOID,
    TANH,
    claim,
    sigma,
    source,
    x,
)
from symdl.codegen import Elementwise
from symdl.record import Derivation, Step

_e1 = sp.exp(-sp.Abs(x))
_e2 = sp.exp(-2 * sp.Abs(x))

SIGMOID_DERIVATIVE = Derivation(
    name="sigmoid_derivative",
    title="Derivative of the sigmoid",
    source=source(ML_LIFECYCLE, "Drawbacks of activation functions: sigmoid"),
    korean="시그모이드 미분",
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
        "cancellation, full relative accuracy as σ′ underflows toward the subnormals.",
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
        4 * _e2 / (1 + _e2) ** 2,
        why="tanh′ = sech² = 4e/(1 + e)² with e = exp(−2|x|): 1 − tanh² cancels to 0 for |x| ≳ 19, "
        "this form keeps full relative accuracy until it underflows.",
    ),
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

DERIVATIONS = (
    SIGMOID_DERIVATIVE,
    SIGMOID_DERIVATIVE_BOUND,
    SIGMOID_DERIVATIVE_AT_ZERO,
    TANH_DERIVATIVE,
    TANH_SCALED_SIGMOID,
    TANH_DEFINITION,
)
