"""The prover: proofs are labelled honestly, wrong claims are refuted, nothing hangs."""

from __future__ import annotations

import time

import pytest
import sympy as sp

from symdl.catalog._common import SIGMOID, claim, sigma, source
from symdl.record import Derivation, Step
from symdl.verify import prove_equal, verify

x = sp.Symbol("x", real=True)
SRC = source("test", "test")


def test_sigmoid_derivative_proved_symbolically():
    d = sp.diff(1 / (1 + sp.exp(-x)), x)
    p = prove_equal(d, (1 / (1 + sp.exp(-x))) * (1 - 1 / (1 + sp.exp(-x))))
    assert p.holds
    assert p.method == "symbolic, general"


@pytest.mark.parametrize(
    "wrong",
    [
        sigma(x) * (1 + sigma(x)),
        sigma(x) ** 2,
        1 - sigma(x),
    ],
)
def test_wrong_sigmoid_derivative_refuted_with_counterexample(wrong):
    rec = Derivation(
        name="wrong",
        title="t",
        source=SRC,
        statement="s",
        claim=claim(sp.Derivative(sigma(x), x), wrong),
        definitions=(SIGMOID,),
    )
    p = rec.verify()
    assert not p
    assert p.counterexample is not None
    assert "x" in p.counterexample
    # The counterexample really is one.
    x0 = sp.Rational(p.counterexample["x"])
    lhs = rec.derived.subs(x, x0)
    rhs = rec.expand(rec.claim.rhs).subs(x, x0)
    assert abs(sp.N(lhs - rhs, 30)) > 1e-10


def test_abs_is_split_by_sign():
    e = sp.exp(-sp.Abs(x))
    p = prove_equal(e / (1 + e) ** 2, sp.exp(x) / (1 + sp.exp(x)) ** 2)
    assert p.holds
    assert p.method == "symbolic, general"


def test_abs_wrong_on_one_side_refuted():
    # exp(-|x|) equals exp(-x) only for x >= 0.
    assert not prove_equal(sp.exp(-sp.Abs(x)), sp.exp(-x))


def test_numeric_only_label_when_no_symbolic_route():
    # Γ(x+1) = x Γ(x) written through an integral representation SymPy leaves unevaluated:
    # true, but the cheap tiers cannot see it and simplify gets no time.
    y = sp.Symbol("y", positive=True)
    integral = sp.Integral(sp.exp(-y * x**2), (x, -sp.oo, sp.oo))
    p = prove_equal(integral, sp.sqrt(sp.pi / y), timeout=0.0)
    assert p.holds
    assert p.method.startswith("numeric only")


def test_matrix_shapes_must_match():
    with pytest.raises(ValueError, match="shapes differ"):
        prove_equal(sp.Matrix([1, 2]), sp.Matrix([[1, 2]]))


def test_matrix_entry_wrong_is_found():
    a = sp.Matrix([[x, 1], [0, x**2]])
    b = sp.Matrix([[x, 1], [0, x**3]])
    assert not prove_equal(a, b)
    assert prove_equal(a, a.T.T)


def test_time_limit_is_respected():
    # A true identity simplify struggles with; the prover must come back within its budget.
    expr = sp.sin(x) ** 2 + sp.cos(x) ** 2
    hard = sum(sp.sin(k * x) ** 2 + sp.cos(k * x) ** 2 for k in range(1, 9))
    start = time.perf_counter()
    p = prove_equal(hard, 8 * expr, timeout=0.5)
    assert p.holds
    assert time.perf_counter() - start < 10


def test_wrong_step_is_reported():
    rec = Derivation(
        name="steps",
        title="t",
        source=SRC,
        statement="s",
        claim=claim(sp.Derivative(sigma(x), x), sigma(x) * (1 - sigma(x))),
        definitions=(SIGMOID,),
        steps=(
            Step(sigma(x) * sigma(-x), "ok"),
            Step(sigma(x) ** 2, "wrong"),
            Step(sigma(x) * (1 - sigma(x)), "ok"),
        ),
    )
    p = verify(rec)
    assert not p
    assert "step 2" in p.detail
    assert [bool(s) for s in p.steps] == [True, False, False]


def test_claim_must_be_unevaluated_eq():
    with pytest.raises(TypeError, match="unevaluated sympy Eq"):
        Derivation(name="bad", title="t", source=SRC, statement="s", claim=sp.Eq(x, x))
