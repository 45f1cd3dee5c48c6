"""Calling a student's function safely, and reading what it returned.

Nothing a student's function does may crash the checker: an exception, a numpy warning
(even under ``-W error`` or ``np.seterr(all="raise")``), a tuple where an array was due, a
list, the wrong shape or dtype — each becomes a `Problem` with a message in the
student's terms.
"""

from __future__ import annotations

import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["Problem", "call", "read_outputs"]


@dataclass(frozen=True)
class Problem:
    reason: str  # short, for the table
    message: str  # a sentence or two for the student


def call(
    fn: Callable[..., Any], args: Sequence[Any], kwargs: dict[str, Any]
) -> tuple[Any, Problem | None, tuple[str, ...]]:
    """``fn(*args, **kwargs)``: its result, or the exception as a `Problem`, and the
    distinct numpy warnings it raised (recorded, never raised)."""
    with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
        warnings.simplefilter("always")
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            return None, _raised(exc), _messages(caught)
    return result, None, _messages(caught)


def _messages(caught: list[warnings.WarningMessage]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(str(w.message) for w in caught))


def _raised(exc: Exception) -> Problem:
    # Where in the student's code: the innermost frame outside numpy and outside this module.
    numpy_dir = str(Path(np.__file__).parent)
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)[1:]
        if not f.filename.startswith(numpy_dir) and f.filename != __file__
    ]
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    kind = type(exc).__name__
    text = f"{kind}: {exc}" if str(exc) else kind
    if isinstance(exc, NotImplementedError):
        return Problem("not implemented", f"raised {text}{where}: the function is not written yet.")
    if isinstance(exc, TypeError) and "argument" in str(exc):
        return Problem(
            f"raised {kind}",
            f"raised {text}{where}. The function must take the kernel's arguments, in the kernel's order.",
        )
    return Problem(f"raised {kind}", f"raised {text}{where}.")


def _what(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    return f"a {type(value).__name__}"


def read_outputs(
    result: Any, names: tuple[str, ...], kernel: str
) -> tuple[tuple[Any, ...] | None, Problem | None]:
    """The outputs in ``result``, one per name, or what is wrong with its structure."""
    if len(names) == 1:
        if isinstance(result, tuple):
            return None, Problem(
                "not one array",
                f"returned a {type(result).__name__} of {len(result)} items; {kernel} returns one array.",
            )
        return (result,), None
    listed = ", ".join(names)
    if not isinstance(result, tuple | list):
        return None, Problem(
            f"not {len(names)} arrays",
            f"returned {_what(result)}; {kernel} returns {len(names)} arrays, ({listed}).",
        )
    if len(result) != len(names):
        return None, Problem(
            f"not {len(names)} arrays",
            f"returned {len(result)} items; {kernel} returns {len(names)} arrays, ({listed}), in that order.",
        )
    return tuple(result), None


def check_array(got: Any, name: str, shape: tuple[int, ...], dtype: np.dtype) -> Problem | None:
    """Is ``got`` an ndarray of ``shape`` and ``dtype``?  If not, say what is wrong, and why it
    might be."""
    if not isinstance(got, np.ndarray):
        return Problem("not an array", f"{name} is {_what(got)}; expected a numpy array of shape {shape}.")
    if got.shape != shape:
        why = ""
        if got.size == int(np.prod(shape)) and tuple(d for d in got.shape if d != 1) == tuple(
            d for d in shape if d != 1
        ):
            why = " It has extra or missing length-1 axes: sum without keepdims=True, or reshape."
        elif len(shape) == 2 and got.shape == shape[::-1]:
            why = " It is transposed."
        return Problem("wrong shape", f"{name} has shape {got.shape}; expected {shape}.{why}")
    if got.dtype != dtype:
        why = ""
        if dtype == np.float32 and got.dtype == np.float64:
            why = (
                " float32 input must give float32 output. An array made without dtype= "
                "(np.zeros, np.ones, np.eye, np.arange) is float64: use np.zeros_like(x) or dtype=x.dtype."
            )
        return Problem("wrong dtype", f"{name} has dtype {got.dtype}; expected {dtype}.{why}")
    return None
