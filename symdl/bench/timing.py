"""Timing: the kernels, their baselines and the copy probe, round-robin in one process.

After untimed warm-up rounds (compilation or a cache load, then round-robin calls for
``WARMUP_SECONDS``), symdl, NumPy, PyTorch and the copy probe run round-robin ``repeat`` times
and the median wall time of each is reported, so drift in the machine (other load, memory
state) hits all of them alike.  Ratios are baseline time / symdl time, so > 1 means symdl is
faster.  Bandwidth is the bytes a call must move (each array read or written once) over its
median time; ``of_copy`` is that over the probe's bandwidth for the same bytes.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

import numpy as np

from symdl.bench.cases import CASES
from symdl.bench.probe import copy_probe

__all__ = ["WARMUP_SECONDS", "Result", "format_table", "parse_size", "run", "to_json", "torch_note"]

# Measured here (symdl, numpy and PyTorch round-robin on BatchNorm 8192x512 float64, system
# time and page faults per call from getrusage): in a fresh process symdl's call took 48-50 ms,
# nearly all system time faulting in its new 32 MB output, for the first 0.2-1.5 s; 9 ms after.
WARMUP_SECONDS = 2.0


@dataclass(frozen=True)
class Result:
    kernel: str
    dtype: str
    size: str
    symdl_ms: float
    numpy_ms: float | None
    torch_ms: float | None
    vs_numpy: float | None
    vs_torch: float | None
    megabytes: float | None = None  # moved per call, at least
    gb_per_s: float | None = None
    of_copy: float | None = None  # achieved bandwidth / the copy probe's


def _interleaved_medians(
    calls: Sequence[Callable[[], Any]], repeat: int, warmup: float = WARMUP_SECONDS
) -> list[float]:
    """Median milliseconds of each call, timed round-robin so machine drift hits all alike.

    Untimed round-robin rounds come first: at least one (compilation or cache loads), and
    more until ``warmup`` seconds have passed, so the timed rounds see the process's steady
    state of memory reuse rather than its first page faults.
    """
    start = time.perf_counter()
    while True:
        for call in calls:
            call()
        if time.perf_counter() - start >= warmup:
            break
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(repeat):
        for call, bucket in zip(calls, times, strict=True):
            start = time.perf_counter()
            call()
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) * 1e3 for bucket in times]


def _copy(inputs: dict[str, Any]) -> dict[str, Any]:
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in inputs.items()}


def _torch_module() -> Any:
    try:
        import torch
    except ImportError:
        return None
    return torch


def parse_size(text: str) -> tuple[str, tuple[int, ...]]:
    """``NAME=N`` or ``NAME=NxD`` for ``--size``; a ValueError names the option and the kernel."""
    name, eq, spec = text.partition("=")
    if not eq or not name:
        raise ValueError(f"--size takes NAME=N or NAME=NxD (e.g. softmax=4096x512); got {text!r}")
    if name not in CASES:
        raise ValueError(f"--size {text}: unknown kernel {name!r}; known: {', '.join(CASES)}")
    case = CASES[name]
    try:
        dims = tuple(int(v) for v in spec.lower().split("x"))
    except ValueError:
        dims = ()
    if len(dims) != len(case.default_size) or min(dims, default=0) < 1:
        raise ValueError(
            f"--size {text}: {name} takes {case.dims} with positive integers "
            f"(its default is {'x'.join(map(str, case.default_size))}); got {spec!r}"
        )
    return name, dims


def _ratio(baseline: float | None, ms: float) -> float | None:
    return None if baseline is None else round(baseline / ms, 2)


def run(
    names: Sequence[str] | None = None,
    *,
    sizes: dict[str, tuple[int, ...]] | None = None,
    dtypes: Sequence[Any] = (np.float32, np.float64),
    repeat: int = 7,
    use_torch: bool = True,
    use_numpy: bool = True,
    seed: int = 0,
    warmup: float = WARMUP_SECONDS,
    progress: Callable[[Result, int, int], None] | None = None,
    probe: bool = True,
) -> list[Result]:
    """Time the named kernels (default: all) at ``sizes`` (default: each case's own size).

    Each kernel and dtype gets ``warmup`` seconds of untimed round-robin calls first (see
    ``_interleaved_medians``), then ``repeat`` timed rounds; ``progress(result, done, total)``
    is called as each finishes.  ``probe=False`` skips the copy probe (and the bandwidth
    fraction).
    """
    unknown = set(names or ()) - CASES.keys()
    if unknown:
        raise ValueError(f"unknown kernels: {', '.join(sorted(unknown))}; known: {', '.join(CASES)}")
    for name, size in (sizes or {}).items():
        parse_size(f"{name}={'x'.join(map(str, size))}")  # the same checks as --size
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1; got {repeat}")
    if not warmup >= 0:  # also refuses NaN
        raise ValueError(f"warmup must be a number of seconds >= 0; got {warmup}")
    torch = _torch_module() if use_torch else None
    rng = np.random.default_rng(seed)
    chosen = list(names or CASES)
    dts = list(map(np.dtype, dtypes))
    results = []
    for name in chosen:
        case = CASES[name]
        size = (sizes or {}).get(name, case.default_size)
        for dtype in dts:
            # Each implementation gets its own copy of the inputs (optimisers update them in place).
            inputs = case.make(size, dtype, rng)
            nbytes = case.traffic(inputs) if case.traffic else None
            calls = {"symdl": partial(case.symdl, _copy(inputs))}
            if use_numpy:
                calls["numpy"] = partial(case.numpy, _copy(inputs))
            if torch and case.torch:
                calls["torch"] = case.torch(_copy(inputs), torch)
            if nbytes and probe:
                calls["copy"] = copy_probe(nbytes)
            del inputs  # each implementation holds its own copy
            ms = dict(zip(calls, _interleaved_medians(list(calls.values()), repeat, warmup), strict=True))
            symdl_ms = ms["symdl"]
            gbps = nbytes / (symdl_ms * 1e-3) / 1e9 if nbytes else None
            result = Result(
                name,
                dtype.name,
                "x".join(map(str, size)),
                round(symdl_ms, 3),
                None if "numpy" not in ms else round(ms["numpy"], 3),
                None if "torch" not in ms else round(ms["torch"], 3),
                _ratio(ms.get("numpy"), symdl_ms),
                _ratio(ms.get("torch"), symdl_ms),
                None if nbytes is None else round(nbytes / 1e6, 2),
                None if gbps is None else round(gbps, 2),
                # below a megabyte a call is overhead, not bandwidth: no fraction of the probe
                None if "copy" not in ms or nbytes < 1e6 else round(ms["copy"] / symdl_ms, 2),
            )
            results.append(result)
            if progress:
                progress(result, len(results), len(chosen) * len(dts))
    return results


def _cell(value: float | None, fmt: str, suffix: str = "") -> str:
    return "-" if value is None else f"{value:{fmt}}{suffix}"


# Column widths: the longest kernel name (26), and 100 columns in all.
_COLUMNS = (
    ("kernel", 26, "<"),
    ("dtype", 7, "<"),
    ("size", 9, ">"),
    ("symdl ms", 8, ">"),
    ("numpy ms", 8, ">"),
    ("torch ms", 8, ">"),
    ("vs numpy", 8, ">"),
    ("vs torch", 8, ">"),
    ("GB/s", 5, ">"),
    ("copy", 4, ">"),
)


def format_row(r: Result) -> str:
    cells = (
        r.kernel,
        r.dtype,
        r.size,
        f"{r.symdl_ms:.2f}",
        _cell(r.numpy_ms, ".2f"),
        _cell(r.torch_ms, ".2f"),
        _cell(r.vs_numpy, ".2f", "x"),
        _cell(r.vs_torch, ".2f", "x"),
        _cell(r.gb_per_s, ".1f"),
        _cell(r.of_copy, ".0%"),
    )
    return " ".join(f"{c:{align}{w}}" for c, (_, w, align) in zip(cells, _COLUMNS, strict=True))


def torch_note(results: Sequence[Result], *, asked: bool = True) -> str:
    """Why PyTorch's columns are empty, where they are: not asked for, not installed, or no
    PyTorch function does that work ("" when every row has them)."""
    if not results or all(r.torch_ms is not None for r in results):
        return ""
    if not asked:
        return "PyTorch columns empty: skipped (--no-torch)."
    if _torch_module() is None:
        return (
            "PyTorch columns empty: PyTorch is not installed (symdl never installs it; "
            "pip install torch to compare)."
        )
    missing = sorted({r.kernel for r in results if r.torch_ms is None})
    return f"PyTorch has no function doing the same work as: {', '.join(missing)}."


def format_table(results: Sequence[Result]) -> str:
    head = " ".join(f"{name:{align}{w}}" for name, w, align in _COLUMNS)
    return "\n".join([head, *(format_row(r) for r in results)])


def print_progress(result: Result, done: int, total: int) -> None:
    """One short line per kernel and dtype as it completes, on stderr (the table goes to stdout)."""
    r = result
    ratios = [
        f"{_cell(v, '.2f', 'x')} vs {who}" for v, who in ((r.vs_numpy, "numpy"), (r.vs_torch, "torch")) if v
    ]
    tail = f" ({', '.join(ratios)})" if ratios else ""
    print(
        f"[{done}/{total}] {r.kernel} {r.dtype} {r.size}: {r.symdl_ms:.2f} ms{tail}",
        file=sys.stderr,
        flush=True,
    )


def to_json(results: Sequence[Result]) -> str:
    return json.dumps([asdict(r) for r in results], indent=2)
