"""Known wrong distributions of the random initialisers."""

from __future__ import annotations

from symdl.testing.mistakes._common import WrongDistribution

XAVIER_UNIFORM = (
    WrongDistribution(
        "U(−a, a) with a = √(2/(fan_in + fan_out)) (the variance formula used as the bound)",
        "U(−a, a) has variance a²/3, so for variance 2/(fan_in + fan_out) the bound is "
        "a = √(6/(fan_in + fan_out)).",
        "uniform",
        lambda i, o: 2 / (i + o) / 3,
    ),
    WrongDistribution(
        "a normal distribution with variance 2/(fan_in + fan_out) (Xavier normal)",
        "the variance is right but xavier_uniform draws from U(−a, a), a = √(6/(fan_in + fan_out)): "
        "use rng.uniform(-a, a, size=(fan_in, fan_out)).",
        "normal",
        lambda i, o: 2 / (i + o),
    ),
    WrongDistribution(
        "U(−1/√fan_in, 1/√fan_in) (the older heuristic)",
        "Xavier's bound balances both fans: a = √(6/(fan_in + fan_out)).",
        "uniform",
        lambda i, o: 1 / i / 3,
    ),
    WrongDistribution(
        "U(0, 2a) (all weights positive)",
        "draw from U(−a, a), centred at 0: rng.uniform(-a, a, ...) or a·(2u − 1) for u ~ U(0, 1).",
        "uniform",
        lambda i, o: 2 / (i + o),
        centre=1.0,
    ),
)

HE_NORMAL = (
    WrongDistribution(
        "N(0, 1/fan_in) (LeCun's variance, the factor 2 is missing)",
        "He initialisation doubles the variance for ReLU, which zeroes half the inputs: Var = 2/fan_in.",
        "normal",
        lambda i, o: 1 / i,
    ),
    WrongDistribution(
        "N(0, 2/fan_out) (the wrong fan)",
        "He normal scales with the number of inputs of the layer: Var = 2/fan_in.",
        "normal",
        lambda i, o: 2 / o,
    ),
    WrongDistribution(
        "standard deviation 2/fan_in (the variance passed as the scale)",
        "rng.normal's scale is the standard deviation: scale = √(2/fan_in).",
        "normal",
        lambda i, o: (2 / i) ** 2,
    ),
    WrongDistribution(
        "a normal truncated at two standard deviations (Keras's he_normal)",
        "Keras draws He weights from a truncated normal; symdl's he_normal (as torch's kaiming_normal_) "
        "draws from the full normal N(0, 2/fan_in): rng.normal(0.0, √(2/fan_in), size=(fan_in, fan_out)).",
        "truncated normal",
        lambda i, o: 2 / i,
    ),
    WrongDistribution(
        "a uniform distribution with variance 2/fan_in (He uniform)",
        "the variance is right but he_normal draws from a normal distribution: "
        "rng.normal(0.0, √(2/fan_in), size=(fan_in, fan_out)).",
        "uniform",
        lambda i, o: 2 / i,
    ),
)
