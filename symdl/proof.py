"""The outcome of a verification: a verdict and an honest account of how it was reached.

Plain data, like a record: the prover (:mod:`symdl.verify`) makes proofs, records and the
renderer read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SYMBOLIC", "Proof"]

SYMBOLIC = "symbolic, general"
"""The method label of a proof valid for every size and every value the assumptions allow."""


@dataclass(frozen=True)
class Proof:
    """The outcome of a verification: truthy iff the claim holds."""

    holds: bool
    method: str
    detail: str = ""
    counterexample: dict[str, float] | None = None
    steps: tuple[Proof, ...] = field(default=())
    seconds: float = 0.0
    # For a general proof: the same claim on explicit sizes, an independent check beside it.
    cross_check: Proof | None = None

    def __bool__(self) -> bool:
        return self.holds

    @property
    def symbolic(self) -> bool:
        """A symbolic proof (general, or for the explicit sizes its method names)."""
        return self.method.startswith("symbolic")

    @property
    def general(self) -> bool:
        """Proved for every size and every value the assumptions allow."""
        return self.holds and self.method.startswith(SYMBOLIC)

    @property
    def undecided(self) -> bool:
        """Neither proved nor refuted (a time limit, or no point to evaluate at)."""
        return self.method.startswith("undecided")

    def __str__(self) -> str:
        text = self.method if self.undecided else f"{'holds' if self.holds else 'WRONG'} ({self.method})"
        if self.detail:
            text += f": {self.detail}"
        return text
