"""Benchmarks: each generated kernel against the NumPy a student would write, and PyTorch.

:mod:`~symdl.bench.cases` says what is timed (kernels, baselines, bytes moved),
:mod:`~symdl.bench.timing` how (round-robin medians after warm-up, in one process, with a
copy probe for bandwidth), :mod:`~symdl.bench.sweeps` the times over sizes 10³…10⁸, and
:mod:`~symdl.bench.startup` the first calls in fresh processes.  PyTorch is used when it is
importable and never installed by symdl.
"""

from __future__ import annotations

from symdl.bench.cases import CASES, Case
from symdl.bench.startup import STARTUP_PHASES, format_startup, startup
from symdl.bench.sweeps import SWEEP_ELEMENTS, sweep
from symdl.bench.timing import (
    WARMUP_SECONDS,
    Result,
    format_table,
    parse_size,
    print_progress,
    run,
    to_json,
    torch_note,
)

__all__ = [
    "CASES",
    "STARTUP_PHASES",
    "SWEEP_ELEMENTS",
    "WARMUP_SECONDS",
    "Case",
    "Result",
    "format_startup",
    "format_table",
    "parse_size",
    "print_progress",
    "run",
    "startup",
    "sweep",
    "to_json",
    "torch_note",
]
