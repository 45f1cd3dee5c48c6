"""Argument checks for the public kernels: clear errors that name the argument.

Every check runs before a kernel touches memory, so a call that raises leaves
the caller's arrays exactly as they were.

Dtype policy: float32 and float64 arrays are used as they are (float32 in, float32
out); bool and integer input is cast to float64, as NumPy's own ufuncs do; every
other dtype (float16, long double, complex, object, strings, dates) is refused
with a ``TypeError``.  Non-native byte order is read as the native float of that size.

Array policy: a kernel sees plain ``np.ndarray`` memory only.  Arrays it only reads may be
anything NumPy turns into a rectangular array of numbers; of the ndarray subclasses,
``np.matrix`` and ``np.memmap`` are read as the plain arrays they hold (same values, same
shape), and every other subclass is refused with a ``TypeError``: a masked array's mask or a
unit-carrying array's units would be silently dropped.  Arrays a kernel updates in place
must be exact ``np.ndarray`` objects or ``np.memmap`` (plain memory backed by a file; the
update then writes the file, as ``param -= step`` would), native float32/float64,
C-contiguous, aligned and writeable, and share no memory with any other argument.
"""

from __future__ import annotations

import functools
import math
import numbers
import os
import sys
from typing import Any

import numpy as np

SUPPORTED = (np.dtype(np.float32), np.dtype(np.float64))

# ndarray subclasses that are plain memory with ndarray's own layout semantics.
_READ_AS_PLAIN = (np.matrix, np.memmap)


class AllocationError(ValueError, MemoryError):
    """A result too large to allocate; a ValueError naming the argument (and a MemoryError)."""


def as_array(value: Any, name: str) -> np.ndarray:
    """``value`` as a plain ndarray (no copy when it is one), under the module's array policy."""
    if isinstance(value, np.ndarray):
        if type(value) is np.ndarray:
            return value
        if isinstance(value, _READ_AS_PLAIN):
            return value.view(np.ndarray)
        raise TypeError(
            f"{name} is a {type(value).__module__}.{type(value).__qualname__}, an ndarray subclass whose "
            "extra meaning (a mask, units) the kernels would drop; pass np.asarray(...) of the values "
            "the kernel should see"
        )
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as err:  # ragged nested lists, objects numpy cannot read
        raise ValueError(f"{name} must be a rectangular array of numbers; numpy says: {err}") from None
    if type(arr) is not np.ndarray:  # an __array__ that returned a subclass
        return as_array(arr, name)
    return arr


def float_array(value: Any, name: str) -> np.ndarray:
    """``value`` as a float32 or float64 array (no copy when it already is one)."""
    arr = as_array(value, name)
    if arr.dtype in SUPPORTED:
        return arr
    if arr.dtype.kind == "f" and arr.dtype.newbyteorder("=") in SUPPORTED:
        return arr.astype(arr.dtype.newbyteorder("="))  # the same floats in native byte order
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
    """A C-contiguous, aligned copy of ``arr`` in ``dtype`` when it is not one already (inputs only)."""
    return np.require(arr, dtype=dtype, requirements=["C", "A"])


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
    try:
        v = float(value)
    except OverflowError:  # an int or Fraction beyond the float range
        raise ValueError(f"{name} must be finite as a float64; got {value!r:.40}") from None
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite; got {v}")
    lo_bad = low is not None and (v <= low if low_open else v < low)
    hi_bad = high is not None and (v >= high if high_open else v > high)
    if lo_bad or hi_bad:
        lo = "" if low is None else f"{'(' if low_open else '['}{low}"
        hi = "" if high is None else f"{high}{')' if high_open else ']'}"
        raise ValueError(f"{name} must lie in {lo or '(-inf'}, {hi or 'inf)'}; got {v}")
    return v


def positive_int(value: Any, name: str, *, minimum: int = 1, maximum: int | None = None) -> int:
    """An exact integer (Python or NumPy, not bool) in [minimum, maximum], as a Python int."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__}")
    v = int(value)
    if v < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {v}")
    if maximum is not None and v > maximum:
        raise ValueError(f"{name} must be at most {maximum}; got {v}")
    return v


def float_dtype(value: Any, name: str) -> np.dtype:
    """``value`` as float32 or float64 (anything ``np.dtype`` reads)."""
    try:
        dt = np.dtype(value)
    except TypeError:
        raise TypeError(f"{name} must be float32 or float64; got {value!r:.40}") from None
    if dt not in SUPPORTED:
        raise TypeError(f"{name} must be float32 or float64; got {dt}")
    return dt


def fits(shape: tuple[int, ...], dtype: Any, what: str) -> None:
    """Raise :class:`AllocationError` (saying ``what`` asked for it) when an array of ``shape``
    and ``dtype`` is more than the address space or the machine's physical memory: with
    Linux's overcommit an allocation that size can succeed and the process is killed when the
    kernel fills it.  Kernels' scratch arrays are checked this way before they are made."""
    nbytes = math.prod(shape) * np.dtype(dtype).itemsize
    limit = _physical_memory()
    if nbytes > min(sys.maxsize, limit or sys.maxsize):
        where = (
            "the address space"
            if nbytes > sys.maxsize
            else f"this machine's memory ({limit / 2**30:.3g} GiB)"
        )
        raise AllocationError(f"{what} gives a {shape} array of {nbytes / 2**30:.3g} GiB, more than {where}")


def new_array(shape: tuple[int, ...], dtype: Any, what: str) -> np.ndarray:
    """``np.empty(shape, dtype)``; a result too large to allocate (see :func:`fits`) raises
    :class:`AllocationError` saying ``what`` asked for it (e.g. "n_positions × d_model")."""
    fits(shape, dtype, what)
    try:
        return np.empty(shape, dtype)
    except MemoryError:
        nbytes = math.prod(shape) * np.dtype(dtype).itemsize
        raise AllocationError(
            f"{what} gives a {shape} array of {nbytes / 2**30:.3g} GiB, more than can be allocated now"
        ) from None


@functools.cache
def _physical_memory() -> int | None:
    """Bytes of physical memory, or None where the platform does not say."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def writable_state(arr: Any, name: str) -> np.ndarray:
    """An array a kernel will update in place, as a plain-ndarray view of the caller's memory.

    Exact ``np.ndarray`` or ``np.memmap``; native float32/float64; C-contiguous, aligned and
    writeable.  Anything else is refused: updating a copy would leave the caller's array as it
    was, and a subclass's ``reshape`` or indexing need not address the memory the kernel writes.
    """
    if type(arr) is not np.ndarray and not isinstance(arr, np.memmap):
        kind = "a numpy array" if not isinstance(arr, np.ndarray) else "an exact numpy ndarray (or np.memmap)"
        raise TypeError(f"{name} is updated in place, so it must be {kind}; got {type(arr).__qualname__}")
    if arr.dtype not in SUPPORTED:
        raise TypeError(
            f"{name} must be native float32 or float64 to be updated in place; got dtype {arr.dtype}"
        )
    if not arr.flags.c_contiguous:
        raise ValueError(
            f"{name} must be C-contiguous to be updated in place (np.ascontiguousarray would update a copy)"
        )
    if not arr.flags.aligned:
        raise ValueError(f"{name} must be aligned to its dtype to be updated in place")
    if not arr.flags.writeable:
        raise ValueError(f"{name} is read-only; it must be writeable to be updated in place")
    return arr.view(np.ndarray)


def distinct(in_place: dict[str, np.ndarray], others: dict[str, np.ndarray]) -> None:
    """No array updated in place may share memory with any other argument.

    A read-only argument overlapping an in-place one would change while the kernel reads it.
    Overlap is decided exactly (``np.shares_memory``); a layout too hard to decide within a
    bounded effort counts as overlapping.
    """
    names = list(in_place) + list(others)
    arrays = in_place | others
    for i, a in enumerate(names[: len(in_place)]):
        for b in names[i + 1 :]:
            try:
                overlap = "share" if np.shares_memory(arrays[a], arrays[b], max_work=1 << 16) else ""
            except np.exceptions.TooHardError:
                overlap = "may share (their layouts are too intricate to tell)"
            if overlap:
                raise ValueError(f"{a} and {b} {overlap} memory; each must be its own array")
