"""The spec vocabulary: what a catalog record writes to declare a kernel, and its meaning.

In: SymPy expressions.  Out: frozen specs the generator prints and the prover interprets.

* :class:`Elementwise` -- one scalar expression in scalar arguments (a ufunc and flat loops).
* :class:`Loops` -- a sequence of :class:`Assign` stages over indexed arrays
  (``sympy.IndexedBase`` / ``sympy.Idx``), where a right side may contain
  ``Sum(body, (k, 0, K - 1))`` or :class:`Maximum` ``(body, (k, 0, K - 1))``.
* :func:`evaluate` runs a :class:`Loops` spec with SymPy for explicit sizes, so the very
  stages a kernel is printed from can be proved equal to a derivation; :func:`entry` and
  :func:`entries` name the array elements both sides are written in.

This module imports only SymPy: the catalog, the prover and the generator all read it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits

__all__ = [
    "Assign",
    "Elementwise",
    "Loops",
    "Maximum",
    "NormalCdf",
    "XGaussianExp",
    "as_matrix",
    "entries",
    "entry",
    "evaluate",
    "indices",
    "reductions",
    "sum_index",
]


class XGaussianExp(sp.Function):
    """``x·exp(−x²/2)``, written as one function so the generator can print an accurate helper
    for it (``x_gaussian_exp64``: x² split exactly, 0 for infinite x); in mathematics and in every
    proof it is the same as ``x*exp(-x**2/2)``."""

    nargs = 1

    def _eval_rewrite_as_exp(self, x: sp.Expr, **kwargs: Any) -> sp.Expr:
        return x * sp.exp(-(x**2) / 2)

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self._eval_rewrite_as_exp(self.args[0])._eval_evalf(prec)


class NormalCdf(sp.Function):
    """``Φ(x)``, the standard normal CDF, written as one function so the generator can print a
    vectorisable helper for it (``normal_cdf64``, :mod:`symdl.codegen.normgen`); in mathematics
    and in every proof it is ``erfc(−x/√2)/2 = (1 + erf(x/√2))/2``."""

    nargs = 1

    def _eval_rewrite_as_erfc(self, x: sp.Expr, **kwargs: Any) -> sp.Expr:
        return sp.erfc(-x / sp.sqrt(2)) / 2

    def _eval_rewrite_as_erf(self, x: sp.Expr, **kwargs: Any) -> sp.Expr:
        return (1 + sp.erf(x / sp.sqrt(2))) / 2

    _eval_rewrite_as_exp = _eval_rewrite_as_erf

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self._eval_rewrite_as_erfc(self.args[0])._eval_evalf(prec)


@dataclass(frozen=True)
class Elementwise:
    """A ufunc ``name(*args) = expr``, generated for float32 and float64."""

    name: str
    args: tuple[sp.Symbol, ...]
    expr: sp.Expr
    why: str = ""
    # True when the record's derivation is computed from this very expression (a sampler
    # whose variance is the claim); otherwise the expression is proved equal to the
    # record's derived result.
    defines: bool = False
    # Named intermediate values, computed in this order before ``expr`` (which may use their
    # symbols).  They fix an evaluation order SymPy would otherwise rewrite: exp(−|x|)**2
    # must not become exp(−2|x|), whose argument overflows for |x| near the float maximum.
    lets: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()
    # (bound, record): an upper bound the exact value never exceeds, proved by the named
    # record.  The generated code returns the bound when rounding lands above it (σ′ for
    # |x| < 1e-8 came out one ulp above 1/4), so a proved property holds for the kernel too.
    # Proofs are about ``expr``; the clamp changes no value the exact function takes.
    upper: tuple[sp.Expr, str] | None = None
    # Values for the arguments after the first when the kernel is checked on a grid of the first
    # (e.g. a negative slope of 0.01): the defaults users call it with.
    check_values: tuple[float, ...] = ()
    # The interval of the first argument the grid check uses (None: the whole grid).  For a
    # kernel whose exact value underflows to 0 outside it and whose textbook form cancels there
    # (GELU′ for x < −38), the 50-digit reference would need thousands of digits.
    check_range: tuple[float, float] | None = None
    # For a function with a zero (GELU′ at x ≈ −0.7518) no float formula is a few ulp of the
    # value next to it: the error is then measured against the sum of the magnitudes of its
    # terms (what the conditioning permits), this expression.
    error_scale: sp.Expr | None = None
    # The grid check's limit, in ulp (of the value, or of error_scale when that is set).
    tolerance: float = 4.0

    @property
    def printed_expr(self) -> sp.Expr:
        """``expr`` as generated: with the ``upper`` clamp (NaN passes through)."""
        if self.upper is None:
            return self.expr
        bound = self.upper[0]
        return sp.Piecewise((bound, self.expr > bound), (self.expr, True))

    @property
    def full_expr(self) -> sp.Expr:
        """``expr`` with every let-bound symbol replaced by its definition (for proofs)."""
        expr = self.expr
        for symbol, value in reversed(self.lets):
            expr = expr.xreplace({symbol: value})
        return expr


@dataclass(frozen=True)
class Assign:
    """``lhs = rhs``; ``lhs`` is an ``Indexed`` element (``x[i, j]``) of an array."""

    lhs: sp.Indexed
    rhs: sp.Expr


@dataclass(frozen=True)
class Loops:
    """An ``njit`` kernel made of indexed stages.

    ``inputs`` and ``outputs`` give the argument order (arrays are
    ``IndexedBase`` with a ``shape``; scalars are ``Symbol``).  Outputs are
    written in place; arrays assigned but not listed are temporaries.  With
    ``scan = (t, T)`` the ``body`` stages run once for each ``t`` in
    ``range(T)`` after the ``stages``.
    """

    name: str
    inputs: tuple[Any, ...]
    outputs: tuple[sp.IndexedBase, ...]
    stages: tuple[Assign, ...]
    scan: tuple[sp.Idx, sp.Symbol] | None = None
    body: tuple[Assign, ...] = ()
    why: str = ""
    # For the kernel's proof: size n -> (dimension sizes, expected value of each output),
    # the expected values written with entry() symbols; checked for each n in reference_sizes.
    reference: Callable[[int], tuple[dict[sp.Symbol, int], dict[sp.IndexedBase, sp.Matrix]]] | None = field(
        default=None, compare=False
    )
    reference_sizes: tuple[int, ...] = ()
    # Arrays of integer indices (class labels): references fix their values, checks draw
    # them from range(size of the indexed axis).
    integer_inputs: tuple[sp.IndexedBase, ...] = ()

    @property
    def arrays(self) -> tuple[sp.IndexedBase, ...]:
        return tuple(a for a in self.inputs + self.outputs if isinstance(a, sp.IndexedBase))

    @property
    def temporaries(self) -> tuple[sp.IndexedBase, ...]:
        known = set(self.inputs) | set(self.outputs)
        seen: dict[sp.IndexedBase, None] = {}
        for st in self.stages + self.body:
            if st.lhs.base not in known:
                seen[st.lhs.base] = None
        return tuple(seen)


# -- reductions --------------------------------------------------------------------------------
class Maximum(ExprWithLimits):
    """``Maximum(body, (k, 0, K - 1))``: the largest value of ``body`` over ``k`` (``Sum`` for max)."""

    def doit(self, **hints: Any) -> sp.Expr:
        (k, lo, hi) = self.limits[0]
        return sp.Max(*(self.function.xreplace({k: v}) for v in range(int(lo), int(hi) + 1)))

    def _latex(self, printer: Any) -> str:
        k = self.limits[0][0]
        return rf"\max_{{{printer._print(k)}}} {printer._print(self.function)}"


def indices(expr: sp.Basic) -> set[sp.Idx]:
    """Every loop index (``Idx``) ``expr`` uses, in subscripts or on its own."""
    return {i for ix in expr.atoms(sp.Indexed) for i in ix.indices if isinstance(i, sp.Idx)} | {
        i for i in expr.atoms(sp.Idx)
    }


def reductions(expr: sp.Expr) -> set[sp.Expr]:
    """The ``Sum`` and :class:`Maximum` terms of ``expr``."""
    return expr.atoms(sp.Sum, Maximum)


def sum_index(s: sp.Sum) -> sp.Idx:
    """The index a one-limit ``Sum`` or :class:`Maximum` runs over."""
    (limit,) = s.limits
    return limit[0]


# -- symbolic interpretation (for proofs) ------------------------------------------------------
def entry(base: sp.IndexedBase | str, *idx: int) -> sp.Symbol:
    """The symbol standing for one element ``base[idx]`` in explicit-size proofs.

    Elements are real, and carry whatever else the ``IndexedBase`` was declared with
    (``IndexedBase("v", nonnegative=True)`` gives nonnegative elements).
    """
    assumptions = {"real": True}
    if isinstance(base, sp.IndexedBase):
        assumptions |= {k: v for k, v in base.assumptions0.items() if k in ("positive", "nonnegative") and v}
        base = str(base.label)
    return sp.Symbol(f"{base}[{','.join(map(str, idx))}]", **assumptions)


def entries(base: sp.IndexedBase | str, rows: int, cols: int | None = None) -> sp.Matrix:
    """An explicit matrix (or column vector) of :func:`entry` symbols."""
    if cols is None:
        return sp.Matrix([entry(base, i) for i in range(rows)])
    return sp.Matrix(rows, cols, lambda i, j: entry(base, i, j))


def evaluate(
    spec: Loops, dims: dict[sp.Symbol, int], scalars: dict[sp.Symbol, Any] | None = None
) -> dict[sp.IndexedBase, dict[tuple[int, ...], sp.Expr]]:
    """Run ``spec``'s stages with SymPy for explicit ``dims``.

    Input elements become the symbols :func:`entry` makes (``x[0,1]``), so the
    result can be compared with a derivation written on the same symbols.
    Returns the final value of every assigned array, element by element.
    """
    values: dict[sp.IndexedBase, dict[tuple[int, ...], sp.Expr]] = {}
    constants = {d: sp.Integer(v) for d, v in dims.items()} | dict(scalars or {})

    def size(i: sp.Idx) -> int:
        return int((i.upper + 1).xreplace(dims))

    def read(expr: sp.Expr, env: dict[sp.Idx, int]) -> sp.Expr:
        def expand(r: sp.Expr) -> sp.Expr:
            k = sum_index(r)
            terms = [read(r.function, env | {k: v}) for v in range(size(k))]
            return sp.Max(*terms) if isinstance(r, Maximum) else sp.Add(*terms)

        expr = expr.replace(lambda e: isinstance(e, sp.Sum | Maximum), expand)
        expr = expr.xreplace({i: sp.Integer(v) for i, v in env.items()})

        def lookup(ix: sp.Indexed) -> sp.Expr:
            key = tuple(int(i) for i in ix.indices)
            written = values.get(ix.base, {})
            return written[key] if key in written else entry(ix.base, *key)

        return expr.replace(lambda e: isinstance(e, sp.Indexed), lookup).xreplace(constants)

    def run(stmts: Sequence[Assign], env0: dict[sp.Idx, int]) -> None:
        for st in stmts:
            idx = [i for i in st.lhs.indices if isinstance(i, sp.Idx)]
            new = {}
            for combo in itertools.product(*(range(size(i)) for i in idx)):
                env = env0 | dict(zip(idx, combo, strict=True))
                key = tuple(
                    int(sp.sympify(i).xreplace(env)) if not isinstance(i, sp.Idx) else env[i]
                    for i in st.lhs.indices
                )
                new[key] = read(st.rhs, env)
            values.setdefault(st.lhs.base, {}).update(new)

    run(spec.stages, {})
    if spec.scan is not None:
        t, _ = spec.scan
        for v in range(size(t)):
            run(spec.body, {t: v})
    return values


def as_matrix(values: dict[tuple[int, ...], sp.Expr], shape: tuple[int, ...]) -> sp.Matrix:
    """Collect ``evaluate`` output for one array into a Matrix (vectors become columns)."""
    if len(shape) == 1:
        return sp.Matrix([values[(i,)] for i in range(shape[0])])
    return sp.Matrix(shape[0], shape[1], lambda i, j: values[(i, j)])
