"""Launching generated kernels: the variant to call (serial or parallel) and its first load.

Each public kernel checks its arguments (:mod:`symdl._args`) and calls a function that
``python -m symdl.generate`` wrote into ``symdl/_generated/``; this module imports that module
on first use and loads its compiled code from the cache directly on the first call.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache, partial
from types import ModuleType
from typing import Any

import numpy as np

from symdl import _args

__all__ = ["ELEMENTWISE_PARALLEL_MIN", "PARALLEL_MIN_ELEMENTS", "elementwise", "loop_kernel", "rows"]

# Measured on the 2-core machines (symdl bench, and size sweeps of sigmoid_grad timing the
# serial and parallel loops alternately): the elementwise loop on both cores breaks even with
# the single-threaded one at 2k elements and is 2x faster from 16k; loop kernels allocate
# per-thread partial sums, which pays from ~64k.
PARALLEL_MIN_ELEMENTS = 1 << 16
ELEMENTWISE_PARALLEL_MIN = 1 << 11


@cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(f"symdl._generated.{name}")


_tried_fast_load: set[tuple[Any, ...]] = set()


def _launch(kernel: Any, *args: Any) -> None:
    """Call a generated kernel; its first call per dtype in a process loads cached code directly.

    The dtypes of its array arguments name the compiled variant (the other arguments are
    Python floats and ints); ``load_cached`` skips numba's full set-up for it (see there).
    """
    key = (id(kernel), *(a.dtype for a in args if isinstance(a, np.ndarray)))
    if key not in _tried_fast_load:
        _tried_fast_load.add(key)
        from symdl._jit import load_cached

        load_cached(kernel, args)
    kernel(*args)


def loop_kernel(
    name: str, elements: int, parallel_min: int = PARALLEL_MIN_ELEMENTS
) -> tuple[Callable[..., None], int]:
    """The serial or parallel variant of a generated kernel (parallel from ``parallel_min``
    elements, if numba has more than one thread), and the thread count to pass a loop kernel."""
    import numba  # deferred: `import symdl` should not pay for numba

    mod = _module(name)
    threads = numba.get_num_threads()
    parallel = elements >= parallel_min and threads > 1
    variant = f"{name}_{'parallel' if parallel else 'serial'}"
    f64 = getattr(mod, variant)
    f32 = getattr(mod, f"{variant}_f32", None)
    return (partial(_launch_by_dtype, f64, f32) if f32 else partial(_launch, f64)), threads if parallel else 1


def _launch_by_dtype(f64: Any, f32: Any, *args: Any) -> None:
    """Float32 data goes to the kernel's float32 twin, whose float64 sums need no compensation
    (:data:`symdl.codegen.nests.COMPENSATION`); anything with a float64 array to the other."""
    floats = [a.dtype for a in args if isinstance(a, np.ndarray) and a.dtype.kind == "f"]
    _launch(f32 if floats and all(d == np.float32 for d in floats) else f64, *args)


def elementwise(name: str, x: Any, *scalars: float, overwrite: bool = False) -> Any:
    """Apply a generated elementwise kernel to ``x`` (its serial loop, or its parallel loop for
    large arrays); ``scalars`` are the kernel's further, scalar arguments.  ``overwrite``:
    ``x`` is a contiguous array of symdl's own, and the result is written over it (each
    element is read before its own result is stored)."""
    arr = _args.float_array(x, "x")
    flat = _args.contiguous(arr, arr.dtype).reshape(-1)
    out = flat if overwrite else _args.new_array(flat.shape, flat.dtype, "x")
    kernel, _threads = loop_kernel(name, arr.size, ELEMENTWISE_PARALLEL_MIN)
    kernel(flat, *scalars, out)
    return out.reshape(arr.shape)[()]  # [()]: a 0-d input gives a scalar, as a ufunc would


def rows(arr: np.ndarray, name: str) -> np.ndarray:
    """``arr`` as (rows, last axis), checking there is a last axis with something on it."""
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one axis; got a scalar")
    if arr.shape[-1] == 0:
        raise ValueError(f"{name} must not have an empty last axis; got shape {arr.shape}")
    return arr.reshape(-1, arr.shape[-1])
