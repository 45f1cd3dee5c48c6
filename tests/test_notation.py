"""Math as a student writes it: E[·], Var(·), diag(·), ⊙, subscripts, ∂ -- never SymPy's internals."""

from __future__ import annotations

import pytest
import sympy as sp

import symdl
from symdl.notation import Expectation, Variance, latex, pretty

FORBIDDEN = (
    "\\mathbb",
    "\\mathrm",
    "DiagMatrix",
    "HadamardPower",
    "HadamardProduct",
    "KroneckerDelta",
    "Indexed",
    "\\",
)

i, k, n = sp.symbols("i k n")
x, xhat = sp.IndexedBase("x"), sp.IndexedBase("xhat")
h, W = sp.MatrixSymbol("h_t", n, 1), sp.MatrixSymbol("W_hh", n, n)


@pytest.mark.parametrize(
    ("expr", "text", "tex"),
    [
        (Expectation(sp.Symbol("m_t")), "E[mₜ]", r"\mathbb{E}\left[m_{t}\right]"),
        (Variance(sp.Symbol("w")), "Var(w)", r"\operatorname{Var}\left(w\right)"),
        (xhat[i], "x̂ᵢ", r"\hat{x}_{i}"),
        (sp.IndexedBase("h_t")[i], "h_t,i", "h_{t,i}"),
        (sp.DiagMatrix(h) * W, "diag(hₜ)⋅Wₕₕ", r"\operatorname{diag}\left(h_{t}\right) W_{hh}"),
        (sp.HadamardProduct(h, h), "hₜ ⊙ hₜ", r"h_{t} \odot h_{t}"),
        (sp.HadamardPower(h, 2), "hₜ ⊙ hₜ", r"h_{t}^{\odot 2}"),
        (sp.KroneckerDelta(i, k), "δ", r"\delta_{i k}"),
    ],
)
def test_printer_hooks(expr, text, tex):
    assert text in pretty(expr)
    assert latex(expr) == tex


def test_partial_derivative_of_an_element():
    out = pretty(sp.Derivative(sp.Symbol("L"), x[k]))
    assert "∂L" in out
    assert "∂xₖ" in out
    assert latex(sp.Derivative(sp.Symbol("L"), x[k])) == r"\frac{\partial L}{\partial x_{k}}"


@pytest.mark.parametrize("record", symdl.derivations(), ids=lambda d: d.name)
def test_no_internals_or_raw_latex_in_any_record(record):
    shown = str(record)
    leaked = [f for f in FORBIDDEN if f in shown]
    assert not leaked, f"{record.name} shows {leaked}"


def test_jupyter_latex_uses_the_student_printer():
    tex = symdl.derivation("adam_bias_correction_m")._repr_latex_()
    assert r"\mathbb{E}\left[m_{t}\right]" in tex
    assert "mathbb{E}[m]" not in tex
