"""Elementwise kernels: one :class:`~symdl.codegen.spec.Elementwise` spec → a ufunc and flat loops.

In: a spec (a scalar expression, its let-bindings, an optional proved upper bound).  Out: the
source of a ``numba.vectorize`` ufunc for float32 and float64, and ``_serial``/``_parallel``
loops over a flat array with the same body.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from symdl.codegen.printer import print_expr
from symdl.codegen.spec import Elementwise

__all__ = ["FLOAT_SIGNATURES", "elementwise_source"]

FLOAT_SIGNATURES = ("float32", "float64")  # float32 first: numba tries signatures in order


def elementwise_source(spec: Elementwise) -> str:
    """The ufunc, and serial and parallel loops with the same body over a flat array (the
    loops load from numba's cache completely; a ufunc's wrapper is rebuilt in every process).

    The loops take the first argument as the array and any others as scalars, widened to
    float64 once before the loop: ``name_serial(x, a, b, out)``.

    The body computes in float64 whatever the input type: float32 results are then rounded
    once, and the speed does not depend on which libm ``expf`` the process resolved (with
    some libraries loaded it was 3x slower than float64 ``exp`` here).
    """
    args = ", ".join(str(a) for a in spec.args)
    sigs = ", ".join(f'"{t}({", ".join([t] * len(spec.args))})"' for t in FLOAT_SIGNATURES)
    body = _scalar_body(spec.printed_expr, spec.args, "    ", "return ", lets=spec.lets)
    src = f"@vectorize([{sigs}])\ndef {spec.name}({args}):\n{body}\n"
    arg, *scalars = spec.args
    element = sp.Symbol(f"{arg}_k", real=True)
    body = _scalar_body(
        spec.printed_expr.xreplace({arg: element}),
        (element,),
        "        ",
        "out[k] = ",
        sources={element: f"{arg}[k]"},
        lets=[(symbol, value.xreplace({arg: element})) for symbol, value in spec.lets],
    )
    widen = "".join(f"    {a} = np.float64({a})\n" for a in scalars)
    variants = (("serial", "njit_serial", "range"), ("parallel", "njit_parallel", "prange"))
    for variant, decorator, loop in variants:
        src += (
            f"\n\n@{decorator}\ndef {spec.name}_{variant}({args}, out):\n"
            f"{widen}    for k in {loop}({arg}.shape[0]):\n{body}\n"
        )
    return src


def _scalar_body(
    expr: sp.Expr,
    args: Sequence[sp.Symbol],
    indent: str,
    result: str,
    sources: dict[sp.Symbol, str] | None = None,
    lets: Sequence[tuple[sp.Symbol, sp.Expr]] = (),
) -> str:
    """Lines computing ``expr`` in float64: widen the arguments, let-bindings, common
    subexpressions, result."""
    sources = sources or {}
    temps, (value,) = sp.cse([expr], symbols=sp.numbered_symbols("t"), optimizations="basic")
    # np.float64, not float(): numba types float() of a float32 as float32.
    lines = [f"{a} = np.float64({sources.get(a, a)})" for a in args]
    lines += [f"{s} = {print_expr(e)}" for s, e in lets]
    lines += [f"{s} = {print_expr(e)}" for s, e in temps]
    lines.append(f"{result}{print_expr(value)}")
    return "\n".join(indent + line for line in lines)
