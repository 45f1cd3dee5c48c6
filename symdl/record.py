"""The record of one formula: what a note claims, and what SymPy derives.

A :class:`Derivation` is plain data.  It holds

* ``claim`` -- the formula as the note states it, an ``Eq`` written with named
  functions (``σ``) so it prints the way the note writes it;
* ``definitions`` -- what those names mean (``σ(x) := 1/(1 + e^(-x))``);
* ``derived`` -- what SymPy computes from first principles (for a derivative
  claim this defaults to the claim's left side with the definitions put in and
  ``doit()`` applied);
* ``steps`` -- optional intermediate results, each checked against the one
  before it;
* ``facts``, ``indexed``, ``induction`` -- what a proof for a *symbolic* size needs: the
  ranges of free indices (and sums with known values), the claim's index form when the
  claim is written with matrices, or a base case and an inductive step;
* ``sizes`` and ``explicit`` -- the claim on explicit symbolic matrices of each size in
  ``sizes``: a cross-check beside a general proof, or the only proof when there is none;
* ``kernel`` -- the expression(s) a numeric kernel is generated from, which are
  themselves proved equal to ``derived``.

Verification lives in :mod:`symdl.verify`, code generation in :mod:`symdl.codegen`,
display in :mod:`symdl.render`; this module only describes.  The convenience methods below
reach them through :mod:`symdl._services` (filled by :mod:`symdl.api`), so this module
imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sympy as sp

from symdl import _services
from symdl.rules.calculus import evaluate
from symdl.rules.sums import Facts

if TYPE_CHECKING:
    from symdl.proof import Proof

__all__ = ["Derivation", "Facts", "Induction", "Source", "Step", "apply_definitions"]


@dataclass(frozen=True)
class Source:
    """Where in the study notes a claim comes from (note title and section)."""

    note: str
    section: str

    def __str__(self) -> str:
        return f"{self.note}, {self.section}"


@dataclass(frozen=True)
class Step:
    """One intermediate result: ``expr`` equals the step before it, because of ``why`` -- or,
    with ``relation`` (``sp.LessThan``, ``sp.StrictLessThan``, ``sp.GreaterThan``,
    ``sp.StrictGreaterThan``), the step before it is in that relation to ``expr`` (a bound in a
    chain: previous ≤ expr)."""

    expr: Any
    why: str
    relation: type | None = None


@dataclass(frozen=True)
class Induction:
    """A claim for every ``variable`` ≥ ``start``, by a base case and an inductive step.

    ``base`` is (what SymPy derives at ``start``, the claim at ``start``).  ``step`` is (the
    quantity at ``variable + 1``, derived from its value at ``variable`` with that value
    replaced by the claim -- the induction hypothesis --, and the claim at ``variable + 1``).
    Both pairs are proved equal for a symbolic ``variable`` (and symbolic sizes).
    ``hypothesis`` says in words what the step assumes.

    A *bound* (the claim a relation ``P ≤ B``, ``P < B``, ``P ≥ B`` or ``P > B``) is proved the
    same way, with ``previous`` a plain real symbol standing for the quantity P at ``variable``:
    ``base`` is (P at ``start``, B at ``start``), proved in the claim's relation; ``step`` is
    (f(previous), B at ``variable + 1``), where P at ``variable + 1`` equals f(P at ``variable``)
    -- or is bounded by it in the claim's direction, as the record says.  The prover shows f
    nondecreasing in ``previous`` and f(B at ``variable``) in the claim's relation to the step's
    right side; then P ≤ B at ``variable`` gives f(P) ≤ f(B) ≤ B at ``variable + 1``.
    """

    variable: sp.Symbol
    start: int
    base: tuple[Any, Any]
    step: tuple[Any, Any]
    hypothesis: str = ""
    previous: sp.Symbol | None = None


Definitions = tuple[tuple[sp.Basic, sp.Basic], ...]


def apply_definitions(expr: Any, definitions: Definitions) -> Any:
    """Replace every defined name in ``expr`` by its definition.

    A definition pairs a pattern with a body: a call ``σ(x)`` (every ``σ(a)`` becomes the
    body with ``x`` replaced by ``a``), an element ``x̂[r]`` of an indexed name (every
    ``x̂[i]`` becomes the body with ``r`` replaced by ``i``), a plain symbol ``μ``, a matrix
    symbol ``Σ`` (a product of matrix symbols all defined as explicit matrices is multiplied out),
    or a relation of one matrix such as ``Uᵀ`` = ``U⁻¹`` (only that exact expression is replaced,
    after transposes of products and sums are distributed).
    Definitions may use names defined after them.  Derivatives are taken afterwards, by
    :func:`symdl.rules.calculus.evaluate`.
    """
    expr = sp.sympify(expr)
    for pattern, body in definitions:
        if isinstance(pattern, sp.Indexed):
            params = pattern.indices

            def element(ix: sp.Indexed, _params=params, _body=body) -> sp.Basic:
                return _body.xreplace(dict(zip(_params, ix.indices, strict=True)))

            expr = expr.replace(
                lambda e, _base=pattern.base: isinstance(e, sp.Indexed) and e.base == _base, element
            )
        elif isinstance(pattern, sp.Symbol | sp.MatrixSymbol):
            expr = expr.xreplace({pattern: body})
        elif isinstance(pattern, sp.MatrixExpr):
            # A relation of one matrix (Uᵀ = U⁻¹ for an orthogonal U): transposes of products and
            # sums are distributed first, so that every Uᵀ stands alone; nothing else changes.
            expr = expr.replace(
                lambda e: isinstance(e, sp.Transpose) and not isinstance(e.arg, sp.MatrixSymbol),
                lambda e: e.doit(),
            ).xreplace({pattern: body})
        else:
            func = pattern.func
            params = pattern.args

            def call(*args: sp.Basic, _params=params, _body=body) -> sp.Basic:
                return _body.xreplace(dict(zip(_params, args, strict=True)))

            expr = expr.replace(func, call)
    if (
        isinstance(expr, sp.MatrixExpr)
        and not expr.atoms(sp.MatrixSymbol)
        and all(sp.sympify(d).is_Integer for d in expr.shape)
    ):
        # U·Λ·Uᵀ with every factor defined as an explicit matrix: multiply it out
        expr = sp.ImmutableMatrix(expr.as_explicit())
    return expr


@dataclass(frozen=True)
class Derivation:
    """A formula from the notes, its definitions, and what SymPy derives from them."""

    name: str
    title: str
    source: Source
    claim: sp.Eq
    statement: str
    definitions: Definitions = ()
    derived_expr: Any = None
    domain: tuple[tuple[sp.Symbol, float, float], ...] = ()
    steps: tuple[Step, ...] = ()
    conventions: tuple[str, ...] = ()
    sizes: tuple[int, ...] = ()
    size_name: str = "n"  # what the explicit sizes count (the width n, the number of steps T)
    explicit: Callable[[int], tuple[Any, Any]] | None = None
    kernel: Any = None
    holds: bool = True
    korean: str = ""
    # Worked examples: the note rounds, so the claim holds if it is within ``tolerance`` of
    # the exact value (e.g. 0.005 for two decimals).
    tolerance: float | None = None
    # Errata: when the note is wrong (holds=False), what is true instead -- as a formula that
    # must verify, and in words.
    correction: Any = None
    truth: str = ""
    # General-size proofs (see the module docstring).
    facts: Facts = field(default_factory=Facts)
    indexed: tuple[Any, Any] | None = None
    induction: Induction | None = None
    # False when the note says this in words and the formula is written here: the claim is
    # then not shown as "the note's formula".
    stated: bool = True
    # For a claim shown on one explicit case (e.g. "2×2 matrices"): a symbolic proof is then
    # labelled "symbolic for 2×2 matrices", never "symbolic, general".
    shown_for: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.claim, sp.Rel):
            raise TypeError(
                f"{self.name}: claim must be an unevaluated sympy Eq (or relation), "
                f"got {type(self.claim).__name__}"
            )
        if not self.holds and (self.correction is None or not self.truth):
            raise ValueError(f"{self.name}: a claim the notes get wrong needs a correction and a truth")
        if bool(self.sizes) != (self.explicit is not None):
            raise ValueError(f"{self.name}: 'sizes' and 'explicit' go together")

    # -- what was derived ---------------------------------------------------
    @cached_property
    def derived(self) -> Any:
        """SymPy's first-principles result (for the general, unsized statement)."""
        if self.derived_expr is not None:
            return self.expand(self.derived_expr)
        return self.expand(self.claim.lhs)

    def expand(self, expr: Any, *, integrals: bool = True) -> Any:
        """``expr`` with every defined name replaced by its definition, derivatives taken
        (integrals left as written with ``integrals=False``)."""
        return evaluate(apply_definitions(expr, self.definitions), integrals=integrals)

    # -- checking -----------------------------------------------------------
    def verify(self, *, timeout: float = 10.0) -> Proof:
        """Prove (or refute) the claim; see :func:`symdl.verify.verify`."""
        return _services.call("verify", self, timeout=timeout)

    @property
    def corrected(self) -> Derivation | None:
        """The record with the note's claim replaced by the correction (None if the note is right)."""
        if self.correction is None:
            return None

        # Same left side: the same quantity, so the same derivation, compared with the right value.
        same_quantity = self.correction.lhs == self.claim.lhs
        return replace(
            self,
            title=f"Correction: {self.title}",
            statement=self.truth,
            stated=False,
            truth="",
            claim=self.correction,
            derived_expr=self.derived_expr if same_quantity else None,
            holds=True,
            correction=None,
            steps=(),
            kernel=None,
            indexed=None,
            induction=None,
        )

    def verify_kernel(self, *, timeout: float = 10.0) -> Proof:
        """Prove the kernel's generating expression equal to ``derived``."""
        return _services.call("verify_kernel", self, timeout=timeout)

    @property
    def kernel_source(self) -> str:
        """The Python source numba compiles for this record's kernel."""
        if self.kernel is None:
            raise ValueError(f"{self.name} has no kernel")
        return _services.call("kernel_source", self.kernel)

    # -- display --------------------------------------------------------------
    def _repr_latex_(self) -> str:
        return _services.call("latex_block", self)

    def _repr_markdown_(self) -> str:
        return _services.call("markdown", self)

    def __str__(self) -> str:
        return _services.call("text_block", self)

    def __repr__(self) -> str:
        return f"<Derivation {self.name!r}: {self.title}>"
