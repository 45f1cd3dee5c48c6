"""Argument checks for the public kernels: clear errors that name the argument.

Every check runs before a kernel touches memory, so a call that raises leaves
the caller's arrays exactly as they were.

Dtype policy: float32 and float64 arrays are used as they are (float32 in, float32
out); bool and integer input is cast to float64, as NumPy's own ufuncs do; every
other dtype (float16, long double, complex, object, strings, dates) is refused
with a ``TypeError``.
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

SUPPORTED = (np.dtype(np.float32), np.dtype(np.float64))


def float_array(value: Any, name: str) -> np.ndarray:
    """``value`` as a float32 or float64 array (no copy when it already is one)."""
    arr = np.asarray(value)
    if arr.dtype in SUPPORTED:
        return arr
    if arr.dtype.kind in "biu":
        return arr.astype(np.float64)
    raise TypeError(
        f"{name} must hold real numbers as float32 or float64 (integers are cast to "
        f"float64); got dtype {arr.dtype}"
    )


def common_dtype(*arrays: np.ndarray) -> np.dtype:
    """float32 only if every array is float32, else float64."""
    return np.result_type(*arrays) if all(a.dtype == np.float32 for a in arrays) else np.dtype(np.float64)


def contiguous(arr: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """A C-contiguous copy of ``arr`` in ``dtype`` when it is not one already (inputs only)."""
    return np.ascontiguousarray(arr, dtype=dtype)


def ndim(arr: np.ndarray, name: str, expected: int, what: str) -> None:
    if arr.ndim != expected:
        raise ValueError(f"{name} must be {what} ({expected}-d); got shape {arr.shape}")


def nonempty(arr: np.ndarray, name: str) -> None:
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")


def same_shape(arr: np.ndarray, name: str, shape: tuple[int, ...], other: str) -> None:
    if arr.shape != shape:
        raise ValueError(f"{name} must have the shape of {other}, {shape}; got {arr.shape}")


def real_scalar(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """A finite real number in the stated interval."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite; got {v}")
    lo_bad = low is not None and (v <= low if low_open else v < low)
    hi_bad = high is not None and (v >= high if high_open else v > high)
    if lo_bad or hi_bad:
        lo = "" if low is None else f"{'(' if low_open else '['}{low}"
        hi = "" if high is None else f"{high}{')' if high_open else ']'}"
        raise ValueError(f"{name} must lie in {lo or '(-inf'}, {hi or 'inf)'}; got {v}")
    return v


def positive_int(value: Any, name: str, *, minimum: int = 1) -> int:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__}")
    if int(value) < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {int(value)}")
    return int(value)


def writable_state(arr: Any, name: str) -> np.ndarray:
    """An array a kernel will update in place: float32/float64, C-contiguous, writeable."""
    if not isinstance(arr, np.ndarray):
        raise TypeError(f"{name} is updated in place, so it must be a numpy array; got {type(arr).__name__}")
    if arr.dtype not in SUPPORTED:
        raise TypeError(f"{name} must be float32 or float64 to be updated in place; got dtype {arr.dtype}")
    if not arr.flags.c_contiguous:
        raise ValueError(
            f"{name} must be C-contiguous to be updated in place (np.ascontiguousarray would update a copy)"
        )
    if not arr.flags.writeable:
        raise ValueError(f"{name} is read-only; it must be writeable to be updated in place")
    return arr


def distinct(arrays: dict[str, np.ndarray]) -> None:
    """No two in-place arrays may share memory."""
    names = list(arrays)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if np.shares_memory(arrays[a], arrays[b]):
                raise ValueError(f"{a} and {b} share memory; each must be its own array")
