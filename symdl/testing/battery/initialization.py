"""Random initialisers: the fans and seeds of the statistical checks."""

from __future__ import annotations

import numpy as np

from symdl.testing.battery._common import Arg, Case, one_call, scalar


def initialiser_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    seeds = rng.integers(0, 2**31, size=5)

    def fans(fan_in: int, fan_out: int, seed: int, label: str) -> Case:
        return one_call(
            label,
            scalar("fan_in", fan_in),
            scalar("fan_out", fan_out),
            Arg("rng", int(seed), f"rng = np.random.default_rng({int(seed)})", keyword=True),
        )

    return [
        fans(400, 150, seeds[0], "400 × 150 (statistics)"),
        fans(60, 1000, seeds[1], "60 × 1000 (statistics)"),
        fans(2000, 30, seeds[2], "2000 × 30 (statistics)"),
        fans(3, 5, seeds[3], "a small matrix"),
        fans(1, 1, seeds[4], "one weight"),
    ]
