"""What every Korean entry is made of, and the notes' own titles."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["NOTES", "Korean"]


@dataclass(frozen=True)
class Korean:
    """One record in Korean.

    ``conventions`` and ``steps`` follow the record's own, in order (``steps`` gives the reason of
    each step; the formulas are the record's).  ``truth`` is set for errata only, ``kernel`` only
    for records with a kernel (why the kernel is written the way it is), ``hypothesis`` only for
    records proved by induction (what the inductive step assumes), ``shown_for`` only for records
    shown on one explicit case (the record's ``shown_for``, e.g. "2×2 행렬").
    """

    title: str
    statement: str
    conventions: tuple[str, ...] = ()
    truth: str = ""
    steps: tuple[str, ...] = ()
    kernel: str = ""
    hypothesis: str = ""
    shown_for: str = ""


# The notes' titles as the notes themselves carry them (see ../shared/notes/README.md).
NOTES: dict[str, str] = {
    "DL — Deep Learning Techniques": "DL — Deep Learning Techniques",
    "ML LifeCycle weekly summary": "주간학습정리 ML LifeCycle",
    "All about Deep Learning": "딥러닝의 모든 것",
    "Deep Learning": "Deep Learning",
    "Deep learning basics": "DeepLearning 기본정리",
}
