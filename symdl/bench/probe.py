"""The copy probe: the memory bandwidth a kernel could reach on this machine, measured in the
same run.  Copying bytes is the least work that moves them, so a memory-bound kernel's GB/s
divided by the probe's is the fraction of the machine's bandwidth it uses.  The probe uses every
numba thread, as the kernels do above their parallel threshold.  (A measuring tool, not a
formula: nothing here is derived or checked.)"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["copy_probe"]

_copy_kernel: Any = None


def _compiled() -> Any:
    global _copy_kernel
    if _copy_kernel is None:
        import numba

        @numba.njit(parallel=True, cache=True)
        def copy(src, dst):  # pragma: no cover - compiled
            for i in numba.prange(src.shape[0]):
                dst[i] = src[i]

        _copy_kernel = copy
    return _copy_kernel


def copy_probe(nbytes: int) -> Any:
    """A call that copies ``nbytes / 2`` bytes (so it reads and writes ``nbytes`` in all)."""
    words = max(1, nbytes // 16)
    src, dst = np.ones(words), np.empty(words)
    kernel = _compiled()
    return lambda: kernel(src, dst)
