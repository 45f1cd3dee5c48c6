"""Matrix expressions of symbolic size: the trace is cyclic.

``tr(A₁A₂⋯A_k) = tr(A₂⋯A_kA₁)`` for any conformable factors (square or not: each rotation of a
defined product is defined).  SymPy cancels ``U⁻¹U`` only where the two stand side by side, so
``tr(V·DᵀD·V⁻¹)`` stays as it is; :func:`cyclic_traces` writes every trace of a product in the
rotation that, multiplied out, has the fewest factors (ties broken by SymPy's sort order), so
``tr(V·DᵀD·V⁻¹)`` becomes ``tr(DᵀD)`` and two rotations of one product become the same
expression.  A trace of a sum is the sum of the traces, each of its product multiplied out.
"""

from __future__ import annotations

import sympy as sp

__all__ = ["cyclic_traces"]


def _factors(e: sp.Basic) -> int:
    return len(e.args) if isinstance(e, sp.MatMul) else 1


def _rotated(trace: sp.Trace) -> sp.Expr:
    product = sp.expand(trace.arg)  # products of sums multiplied out; the trace is linear
    if isinstance(product, sp.MatAdd):
        return sp.Add(*(_rotated(sp.Trace(term)) for term in product.args))
    if not isinstance(product, sp.MatMul):
        return sp.Trace(product)
    scalar, matrices = product.as_coeff_matrices()
    if len(matrices) < 2:
        return trace
    rotations = [sp.MatMul(*matrices[r:], *matrices[:r]).doit() for r in range(len(matrices))]
    best = min(rotations, key=lambda m: (_factors(m), sp.default_sort_key(m)))
    return scalar * sp.Trace(best)


def cyclic_traces(expr: sp.Basic) -> sp.Basic:
    """``expr`` with each trace of a product in its shortest, canonical rotation."""
    if not expr.atoms(sp.Trace):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Trace), _rotated)
