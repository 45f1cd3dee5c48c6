"""The notes' mistakes: each claim the catalog marks as wrong, refuted, with what is true."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symdl.proof import Proof
    from symdl.record import Derivation

__all__ = ["Erratum", "errata"]


@dataclass(frozen=True)
class Erratum:
    """Where a note is wrong, what it says, what is true, and the machine's evidence."""

    record: Derivation
    refutation: Proof  # the note's claim, checked: holds is False
    confirmation: Proof  # the correction, checked: holds is True

    @property
    def name(self) -> str:
        """The record's name (``symdl show NAME`` prints it)."""
        return self.record.name

    @property
    def where(self) -> str:
        return str(self.record.source)

    @property
    def says(self) -> str:
        return self.record.statement

    @property
    def truth(self) -> str:
        return self.record.truth

    @property
    def evidence(self) -> str:
        refuted = f"the note's claim: {self.refutation}"
        return f"{refuted}; the correction: {self.confirmation}"

    def __str__(self) -> str:
        return (
            f"{self.record.title} [{self.record.name}]\n  where:    {self.where}\n"
            f"  says:     {self.says}\n  truth:    {self.truth}\n  evidence: {self.evidence}"
        )


def errata() -> list[Erratum]:
    """Every erratum in the catalog, checked now (the note refuted, the correction proved)."""
    from symdl.api import derivations

    out = []
    for record in derivations():
        if record.holds:
            continue
        out.append(Erratum(record, record.verify(), record.corrected.verify()))
    return out
