"""Initialisation samplers, checked statistically with fixed seeds and stated bounds.

For n samples of a zero-mean variable with variance σ² and fourth moment μ₄, the
sample variance has standard error √((μ₄ − σ⁴)/n).  Each check allows 5 standard
errors: a correct sampler fails with probability below 1e-6, and the seed is fixed.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
import sympy.stats as st

from symdl import derivation
from symdl import kernels as K

Z = 5.0


@pytest.mark.parametrize(("fan_in", "fan_out"), [(256, 256), (784, 100), (3, 1000)])
def test_xavier_uniform_variance_and_bound(fan_in, fan_out):
    w = K.xavier_uniform(fan_in, fan_out, rng=1234)
    assert w.shape == (fan_in, fan_out)
    a = np.sqrt(6 / (fan_in + fan_out))
    assert np.all(np.abs(w) <= a)
    var = 2 / (fan_in + fan_out)
    mu4 = a**4 / 5  # E[w⁴] for U(−a, a)
    se = np.sqrt((mu4 - var**2) / w.size)
    assert abs(w.var() - var) < Z * se
    assert abs(w.mean()) < Z * np.sqrt(var / w.size)


@pytest.mark.parametrize("fan_in", [16, 512])
def test_he_normal_variance(fan_in):
    w = K.he_normal(fan_in, 2000, rng=99)
    var = 2 / fan_in
    se = np.sqrt((3 * var**2 - var**2) / w.size)  # μ₄ = 3σ⁴ for a normal
    assert abs(w.var() - var) < Z * se


def test_he_keeps_relu_activations_stable_with_depth():
    # 20 ReLU layers of width 512 with He weights: the second moment of the activations
    # stays within a factor 2 of the input's; with Xavier-forward (1/n_in) it halves per layer.
    rng = np.random.default_rng(7)
    x = rng.normal(size=(256, 512))
    he, half = x.copy(), x.copy()
    for _ in range(20):
        he = np.maximum(he @ K.he_normal(512, 512, rng=rng), 0.0)
        half = np.maximum(half @ (K.he_normal(512, 512, rng=rng) / np.sqrt(2)), 0.0)
    ratio = np.mean(he**2) / np.mean(x**2)
    assert 0.5 < ratio < 2.0
    assert np.mean(half**2) / np.mean(x**2) < 1e-4


def test_relu_second_moment_agrees_with_sympy_stats():
    # Cross-check of the derivation's integral with sympy.stats' expectation operator.
    s = sp.Symbol("s", positive=True)
    z = st.Normal("z", 0, s)
    expected = st.E(sp.Piecewise((z**2, z > 0), (0, True)))
    assert sp.simplify(expected - derivation("he_relu_second_moment").derived) == 0


def test_xavier_variance_with_the_units_slope_at_zero():
    """Var(w) = 1/(n·f′(0)²): 1/n for tanh, 16/n for the sigmoid -- general; the note's reading
    (1/n for the sigmoid too) is not proved; the slopes checked here with mpmath's diff."""
    from dataclasses import replace

    import mpmath
    import sympy as sp

    import symdl

    record = symdl.derivation("xavier_assumes_unit_slope")
    proof = record.verify()
    assert proof.holds
    assert proof.general
    tanh_rhs, _ = record.claim.rhs
    same_for_both = replace(
        record, claim=sp.Eq(record.claim.lhs, sp.Matrix([tanh_rhs, tanh_rhs]), evaluate=False)
    )
    assert not same_for_both.verify().holds
    with mpmath.workdps(30):
        assert abs(mpmath.diff(mpmath.tanh, 0) - 1) < 1e-25
        assert abs(mpmath.diff(lambda v: 1 / (1 + mpmath.exp(-v)), 0) - mpmath.mpf(1) / 4) < 1e-25


def test_the_active_fraction_of_relu_units_is_one_half_for_every_scale():
    """P(z > 0) = 1/2 for z ~ N(0, s²), any s: general; 'more variance, more active units'
    (a fraction growing with s) is not proved; mpmath's normal CDF agrees at three scales."""
    from dataclasses import replace

    import mpmath
    import sympy as sp

    import symdl

    record = symdl.derivation("he_variance_does_not_change_active_fraction")
    proof = record.verify()
    assert proof.holds
    assert proof.general
    s = next(sym for sym in record.derived_expr.free_symbols if sym.name == "s")
    grows = replace(record, claim=sp.Eq(record.claim.lhs, s / (1 + s), evaluate=False))
    assert not grows.verify().holds
    for scale in ("0.01", "1", "30"):
        assert mpmath.ncdf(0, 0, mpmath.mpf(scale)) == mpmath.mpf(1) / 2
