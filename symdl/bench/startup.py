"""``symdl bench --startup``: what a fresh interpreter pays before its first kernel result."""

from __future__ import annotations

import json
import statistics

__all__ = ["STARTUP_PHASES", "format_startup", "startup"]

# -- start-up ---------------------------------------------------------------------------------------
_STARTUP_SCRIPT = """
import json, time
t0 = time.perf_counter()
import numpy as np
import numba
from symdl import kernels
t1 = time.perf_counter()
x = np.linspace(-3.0, 3.0, 1000)
kernels.sigmoid_grad(x)
t2 = time.perf_counter()
kernels.softmax(np.zeros((4, 5)))
t3 = time.perf_counter()
kernels.sigmoid_grad(x)
t4 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1, t3 - t2, t4 - t3]))
"""

STARTUP_PHASES = (
    "import numpy, numba, symdl.kernels",
    "first kernel's first call",
    "another kernel's first call",
    "first kernel again",
)


def startup(processes: int = 5) -> dict[str, float]:
    """Median milliseconds of each start-up phase over ``processes`` fresh interpreters.

    One extra process runs first and is not counted: it fills numba's cache if it was empty,
    so every timed process loads kernels instead of compiling them.
    """
    import subprocess
    import sys

    if processes < 1:
        raise ValueError(f"processes must be at least 1; got {processes}")
    runs = []
    for _ in range(processes + 1):
        done = subprocess.run(
            [sys.executable, "-c", _STARTUP_SCRIPT], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    timed = runs[1:]
    medians = [statistics.median(r[i] for r in timed) for i in range(len(STARTUP_PHASES))]
    return {phase: round(ms * 1e3, 1) for phase, ms in zip(STARTUP_PHASES, medians, strict=True)}


def format_startup(phases: dict[str, float]) -> str:
    return "\n".join(f"{phase:<36} {ms:>8.1f} ms" for phase, ms in phases.items())
