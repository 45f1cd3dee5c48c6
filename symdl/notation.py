"""Math as a student writes it: E[·], Var(·), diag(·), ⊙, x̂ᵢ, ∂L/∂xₖ -- in a terminal and in LaTeX.

In: SymPy expressions of the catalog.  Out: unicode text (:func:`pretty`, for ``str()`` and the
CLI) and LaTeX (:func:`latex`, for Jupyter and the site).  Everything goes through SymPy's
printer hooks -- ``_pretty``/``_latex``/``_sympystr`` methods on the display functions below,
``_print_<Class>`` methods on two printer subclasses -- never through string replacement:

* :class:`Expectation` and :class:`Variance` print ``E[m_t]`` and ``Var(w)``;
* an element ``x[k]`` of an ``IndexedBase`` prints as ``xₖ`` (``x_{k}`` in LaTeX), so ``xhat[i]``
  is ``x̂ᵢ``;
* a derivative with respect to an element, or of several variables, prints with ∂;
* ``DiagMatrix(v)`` prints ``diag(v)``, ``HadamardProduct``/``HadamardPower`` print with ⊙;
* ``Max``/``Min`` print as ``max``/``min``;
* SymPy's dummy summation indices (printed ``_i``, two different ones alike) are renamed to
  letters the expression does not use (:func:`readable`).
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.stringpict import prettyForm

__all__ = ["Expectation", "Variance", "latex", "names", "pretty", "readable"]


class Expectation(sp.Function):
    """``E[X]``: the expected value of ``X`` (display only; proofs derive its value)."""

    nargs = 1
    display_only = True

    def _sympystr(self, printer: Any) -> str:
        return f"E[{printer._print(self.args[0])}]"

    def _latex(self, printer: Any) -> str:
        return rf"\mathbb{{E}}\left[{printer._print(self.args[0])}\right]"

    def _pretty(self, printer: Any) -> prettyForm:
        inner = printer._print(self.args[0])
        return prettyForm(*prettyForm(*inner.parens("[", "]")).left("E"))


class Variance(sp.Function):
    """``Var(X)``: the variance of ``X`` (display only; proofs derive its value)."""

    nargs = 1
    display_only = True
    is_positive = True

    def _sympystr(self, printer: Any) -> str:
        return f"Var({printer._print(self.args[0])})"

    def _latex(self, printer: Any) -> str:
        return rf"\operatorname{{Var}}\left({printer._print(self.args[0])}\right)"

    def _pretty(self, printer: Any) -> prettyForm:
        inner = printer._print(self.args[0])
        return prettyForm(*prettyForm(*inner.parens()).left("Var"))


def _subscript(indices: tuple) -> str:
    parts = [str(i).replace(" ", "") for i in indices]
    return ("," if any(len(p) > 1 for p in parts) and len(parts) > 1 else "").join(parts)


class StudentPrettyPrinter(PrettyPrinter):
    """Unicode as on a blackboard (see the module docstring)."""

    def _print_Indexed(self, expr: sp.Indexed) -> prettyForm:
        # x[k] → xₖ, xhat[i] → x̂ᵢ, h[t + 1] → hₜ₊₁ (SymPy's symbol printer makes the subscript);
        # a label with a subscript of its own (h_t) gets the index after a comma: h_t,i.
        label = str(expr.base.label)
        sub = _subscript(expr.indices)
        if "_" in label:
            return self._print(sp.Symbol(f"{label},{sub}"))
        return self._print(sp.Symbol(f"{label}_{sub}"))

    def _print_Derivative(self, expr: sp.Derivative) -> prettyForm:
        partial = (
            any(isinstance(v, sp.Indexed | sp.MatrixSymbol) for v in expr.variables)
            or len(expr.expr.free_symbols) > 1
        )
        if not partial:
            return super()._print_Derivative(expr)
        order = len(expr.variables)
        top = "∂" if order == 1 else f"∂{order}"
        den = prettyForm("∂" + " ∂".join(str(self._print(v)) for v in expr.variables))
        if expr.expr.is_Atom or isinstance(expr.expr, sp.Indexed | sp.MatrixSymbol):
            return prettyForm(top + str(self._print(expr.expr))) / den
        return prettyForm(*(prettyForm(top) / den).right(prettyForm(*self._print(expr.expr).parens())))

    def _print_DiagMatrix(self, expr: Any) -> prettyForm:
        return prettyForm(*prettyForm(*self._print(expr.args[0]).parens()).left("diag"))

    def _print_DiagonalizeVector(self, expr: Any) -> prettyForm:
        return self._print_DiagMatrix(expr)

    def _print_HadamardProduct(self, expr: Any) -> prettyForm:
        out = self._print(expr.args[0])
        for a in expr.args[1:]:
            out = prettyForm(*out.right(" ⊙ ", self._print(a)))
        return out

    def _print_Max(self, expr: Any) -> prettyForm:
        return self._print_Function(expr, func_name="max")

    def _print_Min(self, expr: Any) -> prettyForm:
        return self._print_Function(expr, func_name="min")

    def _print_HadamardPower(self, expr: Any) -> prettyForm:
        base, exp = expr.args
        if exp.is_Integer and exp > 0:
            return self._print_HadamardProduct(sp.HadamardProduct(*([base] * int(exp)), evaluate=False))
        return prettyForm(*self._print(base).right(f"^⊙{self._print(exp)}"))


class StudentLatexPrinter(LatexPrinter):
    """LaTeX as in a textbook (see the module docstring)."""

    def _print_Indexed(self, expr: sp.Indexed) -> str:
        indices = ",".join(self._print(i) for i in expr.indices)
        name = str(expr.base.label)
        if "_" in name:  # h_t and index i: h_{t,i}
            stem, _, sub = name.partition("_")
            return f"{self._print(sp.Symbol(stem))}_{{{sub},{indices}}}"
        return f"{self._print(expr.base.label)}_{{{indices}}}"

    def _print_Derivative(self, expr: sp.Derivative) -> str:
        if (
            any(isinstance(v, sp.Indexed | sp.MatrixSymbol) for v in expr.variables)
            and len(expr.variables) == 1
        ):
            return rf"\frac{{\partial {self._print(expr.expr)}}}{{\partial {self._print(expr.variables[0])}}}"
        return super()._print_Derivative(expr)

    def _print_DiagMatrix(self, expr: Any) -> str:
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_DiagonalizeVector(self, expr: Any) -> str:
        return self._print_DiagMatrix(expr)

    def _print_HadamardProduct(self, expr: Any) -> str:
        return r" \odot ".join(self.parenthesize(a, 50) for a in expr.args)

    def _print_HadamardPower(self, expr: Any) -> str:
        base, exp = expr.args
        return rf"{self.parenthesize(base, 60)}^{{\odot {self._print(exp)}}}"


INDEX_NAMES = ("i", "j", "k", "l", "m", "p", "q", "r", "s", "u", "v")


def names(*exprs: Any) -> set[str]:
    """Every symbol and indexed name in ``exprs``, and the letters they are written with (d_k: k)."""
    found = set()
    for expr in exprs:
        if isinstance(expr, sp.Basic | sp.MatrixBase):
            found |= {s.name for s in expr.atoms(sp.Symbol)}
            found |= {str(b.label) for b in expr.atoms(sp.IndexedBase)}
    return found | {part for name in found for part in re.split(r"[_·,{}]", name)}


def readable(expr: Any, avoid: set[str] = frozenset()) -> Any:
    """``expr`` with SymPy's dummy summation indices (printed ``_i``, two different ones alike, and
    in LaTeX a subscript with no base, which MathJax rejects) renamed to letters neither it nor
    ``avoid`` uses -- renaming a bound index leaves the expression's meaning unchanged."""
    if not isinstance(expr, sp.Basic | sp.MatrixBase):
        return expr
    dummies = sorted(expr.atoms(sp.Dummy), key=sp.default_sort_key)
    if not dummies:
        return expr
    used = names(expr) | set(avoid)
    free = [n for n in INDEX_NAMES if n not in used]
    free += [f"i_{k}" for k in range(1, len(dummies) + 1)]  # more indices than letters
    renamed = {d: sp.Symbol(name, **d.assumptions0) for d, name in zip(dummies, free, strict=False)}
    return expr.xreplace(renamed)


def pretty(expr: Any, width: int | None = None) -> str:
    """``expr`` in unicode, as :class:`StudentPrettyPrinter` writes it (dummy indices renamed);
    lines broken at ``width`` columns by SymPy's own line breaking when a width is given."""
    settings = {"use_unicode": True, "wrap_line": width is not None}
    if width is not None:
        settings["num_columns"] = width
    return StudentPrettyPrinter(settings).doprint(readable(expr))


def latex(expr: Any) -> str:
    """``expr`` in LaTeX, as :class:`StudentLatexPrinter` writes it (dummy indices renamed)."""
    return StudentLatexPrinter().doprint(readable(expr))
