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

    def __bool__(self) -> bool:
        return self.holds

    @property
    def symbolic(self) -> bool:
        return self.method.startswith("symbolic")

    def __str__(self) -> str:
        verdict = "holds" if self.holds else "WRONG"
        text = f"{verdict} ({self.method})"
        if self.detail:
            text += f": {self.detail}"
        return text
