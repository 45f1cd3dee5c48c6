"""The pieces every battery is made of: `Arg`, `Case`, and the makers of random inputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Arg", "Case", "fmt_scale", "normal", "one_call", "scalar", "upstream"]


@dataclass(frozen=True)
class Arg:
    """One argument of a call: its name, value, and how it was made (for the report)."""

    name: str
    value: Any
    how: str = ""
    cast: bool = False  # a float array that takes the dtype under test
    keyword: bool = False  # passed as name=value


@dataclass(frozen=True)
class Case:
    """One situation of the battery: a short label, its calls, and a note shown if it fails."""

    label: str
    calls: tuple[tuple[Arg, ...], ...]
    note: str = ""
    step_label: Callable[[int], str] | None = field(default=None, compare=False)

    @property
    def args(self) -> tuple[Arg, ...]:
        return self.calls[0]


def one_call(label: str, *args: Arg, note: str = "") -> Case:
    return Case(label, (tuple(args),), note)


def fmt_scale(scale: float) -> str:
    return f"{scale:g}".replace("e+0", "e").replace("e-0", "e-")


def normal(
    rng: np.random.Generator, name: str, shape: tuple[int, ...], scale: float = 1.0, offset: float = 0.0
) -> Arg:
    """``offset + scale·N(0, 1)`` of ``shape``: a non-uniform random array."""
    value = offset + scale * rng.standard_normal(shape)
    how = "N(0,1)" if scale == 1 else f"{fmt_scale(scale)}·N(0,1)"
    if offset:
        how = f"{fmt_scale(offset)} + {how}"
    return Arg(name, value, f"{name} = {how}, shape {shape}", cast=True)


def upstream(rng: np.random.Generator, shape: tuple[int, ...], name: str = "dy", scale: float = 1.0) -> Arg:
    arg = normal(rng, name, shape, scale)
    return Arg(name, arg.value, arg.how + " (random, non-uniform)", cast=True)


def scalar(name: str, value: Any, *, keyword: bool = False) -> Arg:
    return Arg(name, value, f"{name} = {value!r}", keyword=keyword)
