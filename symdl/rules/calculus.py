"""Evaluating what a formula leaves unevaluated, without expanding sums of a symbolic length.

``Derivative`` nodes are differentiated (SymPy differentiates a sum term by term:
``∂/∂x_k Σ_j f(x_j) = Σ_j f′(x_j)·δ(j, k)``); ``Subs``, ``Limit``, ``Integral`` and sums with
numeric bounds are evaluated by ``doit`` -- except a :class:`HeldIntegral` (one SymPy cannot do
in closed form and would spend many seconds failing at, such as E[tanh′(z)] for a Gaussian z),
and any integral when ``integrals=False`` (a bound between integrals compares their integrands).
Traces of matrix products come out in their shortest cyclic rotation (:mod:`symdl.rules.matrices`).
A sum whose bounds are symbols (``Σ_{j=1}^{N}``) is left as it is: ``doit`` would turn
``Σ_j δ(j, k)`` into a ``Piecewise`` on ``1 ≤ k ≤ N``, which :mod:`symdl.rules.sums` settles
from the index's declared range instead.
"""

from __future__ import annotations

import sympy as sp

from symdl.rules.matrices import cyclic_traces

__all__ = ["HeldIntegral", "evaluate", "symbolic_sums"]


class HeldIntegral(sp.Integral):
    """An integral that stays as written: ``doit`` returns it unevaluated.  It is still an
    integral for everything else (printing, numeric evaluation, the relation prover, which
    bounds it through its integrand)."""

    def doit(self, **hints: object) -> sp.Basic:
        return self


def symbolic_sums(expr: sp.Basic) -> set[sp.Sum]:
    """The sums in ``expr`` whose bounds are not all numbers."""
    return {s for s in expr.atoms(sp.Sum) if any(lim.free_symbols for _, *b in s.limits for lim in b)}


def _differentiate(d: sp.Derivative) -> sp.Expr:
    return sp.diff(d.expr, *d.variable_count)


def evaluate(expr: sp.Basic, *, integrals: bool = True) -> sp.Basic:
    """``expr`` with derivatives taken and other unevaluated operations done (see above);
    with ``integrals=False`` every integral is left as it is (its integrand differentiated)."""
    expr = sp.sympify(expr)
    # Innermost derivatives first, so an outer one differentiates an evaluated expression.
    while True:
        inner = [d for d in expr.atoms(sp.Derivative) if not d.expr.atoms(sp.Derivative)]
        if not inner:
            break
        expr = expr.xreplace({d: _differentiate(d) for d in inner})
        if all(d.expr.atoms(sp.Derivative) == set() and expr.has(d) for d in inner):
            break  # derivatives SymPy cannot take (of an undefined function) stay as they are
    return cyclic_traces(_done(expr, integrals))


def _done(expr: sp.Basic, integrals: bool) -> sp.Basic:
    sums = sorted(symbolic_sums(expr), key=sp.default_sort_key)
    if not integrals:
        sums += sorted(expr.atoms(sp.Integral), key=sp.default_sort_key)
    if not sums:
        return expr.doit()
    hidden = {s: sp.Dummy(f"sum{k}") for k, s in enumerate(sums)}
    done = expr.xreplace(hidden).doit()
    return done.xreplace({v: k for k, v in hidden.items()})
