"""``symdl bench --sweep``: each kernel's time over problem sizes from 10³ to 10⁸ elements.

Only symdl is timed (the point is how its cost grows with size, and where it switches from
one thread to all of them), at sizes spaced by √10, on one copy of the inputs and without the
copy probe (at 10⁸ elements an optimiser's state is gigabytes).  A kernel over rows keeps its default row
length D and varies the number of rows; attention keeps d = 64 and varies the sequence length
(its cost grows as T², so it stops at 2¹⁸ elements).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from symdl.bench.cases import CASES
from symdl.bench.timing import Result, run

__all__ = ["SWEEP_ELEMENTS", "shape_for", "sweep"]

SWEEP_ELEMENTS = tuple(round(10 ** (k / 2)) for k in range(6, 17))  # 1e3, 3.2e3, ..., 1e8
_LIMIT = {"attention": 1 << 18}


def shape_for(name: str, elements: int) -> tuple[int, ...] | None:
    """The size of case ``name`` with about ``elements`` elements (None: beyond its limit)."""
    if elements > _LIMIT.get(name, elements):
        return None
    default = CASES[name].default_size
    if len(default) == 1:
        return (elements,)
    return (max(1, elements // default[1]), default[1])


def sweep(
    names: Sequence[str] | None = None,
    *,
    elements: Sequence[int] = SWEEP_ELEMENTS,
    dtypes: Sequence[Any] = (np.float32, np.float64),
    repeat: int = 5,
    warmup: float = 0.2,
    progress: Callable[[Result, int, int], None] | None = None,
) -> list[Result]:
    """symdl's median time for each kernel, dtype and size (``Result.size`` names the shape)."""
    unknown = set(names or ()) - CASES.keys()
    if unknown:
        raise ValueError(f"unknown kernels: {', '.join(sorted(unknown))}; known: {', '.join(CASES)}")
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1; got {repeat}")
    if not elements or min(elements) < 1:
        raise ValueError(f"elements must be positive sizes; got {list(elements)}")
    chosen = list(names or CASES)
    points = [(name, shape) for name in chosen for n in elements if (shape := shape_for(name, n))]
    total = len(points) * len(dtypes)
    results: list[Result] = []
    for name, shape in points:

        def step(result: Result, _done: int, _total: int) -> None:
            results.append(result)
            if progress:
                progress(result, len(results), total)

        run(
            [name],
            sizes={name: shape},
            dtypes=dtypes,
            repeat=repeat,
            use_torch=False,
            use_numpy=False,
            warmup=warmup,
            probe=False,
            progress=step,
        )
    return results
