"""What a known mistake is (`Mistake`, `WrongDistribution`), and the softmax the mistakes share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Mistake", "WrongDistribution", "softmax_rows"]


@dataclass(frozen=True)
class Mistake:
    label: str  # "the unbiased variance (1/(N − 1))"
    hint: str  # what to change, in the student's terms
    fn: Callable[..., Any]


@dataclass(frozen=True)
class WrongDistribution:
    label: str
    hint: str
    family: str  # "uniform", "normal" or "truncated normal" (at ±2 standard deviations)
    variance: Callable[[int, int], float]  # of (fan_in, fan_out)
    centre: float = 0.0  # the mean, in units of the half-width a of a uniform distribution


def softmax_rows(z, axis=-1, shift=True, whole=False):
    """Softmax along ``axis``; ``shift=False``: no max-shift; ``whole``: one maximum for the array."""
    top = z.max() if whole else z.max(axis=axis, keepdims=True)
    e = np.exp(z - top) if shift else np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)
