"""The printer: SymPy expressions → Python source numba compiles.

In: scalar expressions (with ``Indexed`` elements and ``Idx`` loop indices).  Out: one line
of Python each.  Code is printed only through :class:`KernelPrinter`, a ``PythonCodePrinter``
subclass: the ``math``-module printer emits ternaries and ``max``, which numba compiles (the
NumPy printer's ``select`` and ``reduce`` do not).  Extending it means adding a
``_print_<Class>`` method:

* ``exp`` → the generated, vectorisable ``exp64`` (:mod:`symdl.codegen.expgen`);
* :class:`SinQ` → the generated ``sinq64`` (:mod:`symdl.codegen.trigen`), which
  :func:`fast_trig` substitutes for sin/cos where the loop emitter allows it;
* :class:`Widen` → ``np.float64(x)``; ``x**2``, ``x**3`` and their reciprocals → products.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

__all__ = ["KernelPrinter", "SinQ", "Widen", "fast_trig", "print_expr", "trig_arguments"]


class Widen(sp.Function):
    """``np.float64(x)`` in generated code: the value as float64 (an identity in mathematics)."""

    nargs = 1


class SinQ(sp.Function):
    """``sinq64(x, q)`` in generated code: (sin x, cos x, −sin x, −cos x)[q mod 4]."""

    nargs = 2


def fast_trig(expr: sp.Expr) -> sp.Expr:
    """``expr`` with sin/cos as :class:`SinQ`; a Piecewise choosing between sin and cos of one
    argument becomes one SinQ whose quadrant is chosen, so only one of them is computed."""

    def one_call(pw: sp.Piecewise) -> sp.Expr:
        calls = [e for e, _ in pw.args]
        args = {c.args[0] for c in calls if isinstance(c, sp.sin | sp.cos)}
        if len(args) != 1 or not all(isinstance(c, sp.sin | sp.cos) for c in calls):
            return pw
        quadrant = sp.Piecewise(*((int(isinstance(c, sp.cos)), cond) for c, cond in pw.args))
        return SinQ(args.pop(), quadrant)

    expr = expr.replace(lambda e: isinstance(e, sp.Piecewise), one_call)
    return expr.replace(sp.sin, lambda a: SinQ(a, 0)).replace(sp.cos, lambda a: SinQ(a, 1))


def trig_arguments(expr: sp.Expr) -> list[sp.Expr]:
    return sorted({f.args[0] for f in expr.atoms(sp.sin, sp.cos)}, key=sp.default_sort_key)


class KernelPrinter(PythonCodePrinter):
    """Python source that numba compiles: ``math`` functions, ternaries, plain indexing."""

    def _print_Widen(self, expr: Widen) -> str:
        return f"np.float64({self._print(expr.args[0])})"

    def __init__(self) -> None:
        super().__init__({"fully_qualified_modules": True, "standard": "python3"})

    def _print_Idx(self, expr: sp.Idx) -> str:
        return str(expr.label)

    def _print_Indexed(self, expr: sp.Indexed) -> str:
        return f"{expr.base.label}[{', '.join(self._print(i) for i in expr.indices)}]"

    def _print_KroneckerDelta(self, expr: sp.KroneckerDelta) -> str:
        a, b = (self._print(i) for i in expr.args)
        return f"(1.0 if {a} == {b} else 0.0)"

    def _print_exp(self, expr: sp.exp) -> str:
        # The generated exp64 (symdl.expgen): vectorisable where math.exp is a scalar libm call.
        return f"exp64({self._print(expr.args[0])})"

    def _print_NormalCdf(self, expr: Any) -> str:
        # The generated normal_cdf64 (symdl.codegen.normgen): vectorisable, x² split exactly.
        return f"normal_cdf64({self._print(expr.args[0])})"

    def _print_XGaussianExp(self, expr: Any) -> str:
        # The generated x_gaussian_exp64 (symdl.codegen.expgen): x² split exactly before exp.
        return f"x_gaussian_exp64({self._print(expr.args[0])})"

    def _print_SinQ(self, expr: SinQ) -> str:
        # The generated sinq64 (symdl.trigen): vectorisable where math.sin is a scalar libm call.
        return f"sinq64({self._print(expr.args[0])}, {self._print(expr.args[1])})"

    def _print_Rational(self, expr: sp.Rational) -> str:
        return f"{expr.p}/{expr.q}" if expr.q != 1 else f"{expr.p}"

    def _constant(self, expr: sp.Expr) -> str:
        """An irrational constant (√2/√π) as the one float nearest it: rounded once, not once
        per operation of its printed formula."""
        return repr(float(sp.N(expr, 40)))

    def _print_Mul(self, expr: sp.Mul) -> str:
        free = expr.free_symbols
        constant, rest = expr.as_independent(*free, as_Add=False) if free else (expr, 1)
        if constant.is_number and not constant.is_Rational and rest != 1:
            return f"{self._constant(constant)}*{self.parenthesize(rest, 50)}"
        if not expr.free_symbols and not expr.is_Rational:
            return self._constant(expr)
        return super()._print_Mul(expr)

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        if expr.is_number and not expr.is_Rational:
            return self._constant(expr)
        base, exp = expr.args
        # x**±2 and x**±3 as products: exact, and numba need not call pow().
        if exp in (2, 3):
            # Parenthesised as a whole: the Mul printer puts a Pow in a denominator unbracketed,
            # trusting ** to bind tighter than / -- a bare product would not.
            b = self.parenthesize(base, 100)
            return "(" + "*".join([b] * int(exp)) + ")"
        if exp in (-2, -3):
            b = self.parenthesize(base, 100)
            return "(1/(" + "*".join([b] * -int(exp)) + "))"
        return super()._print_Pow(expr, rational=rational)


def print_expr(expr: sp.Expr) -> str:
    return KernelPrinter().doprint(expr)
