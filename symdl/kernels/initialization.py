"""Weight initialisers: Xavier (Glorot) uniform and He (Kaiming) normal.

Each draws from numpy's generator and rescales in place with a kernel generated from the
record that proves the variance.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from symdl import _args
from symdl.kernels._launch import elementwise as _elementwise

__all__ = ["he_normal", "xavier_uniform"]


def _generator(rng: Any) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool | np.bool_):
        if rng < 0:
            raise ValueError(f"rng must be a non-negative int seed; got {rng}")
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng must be a numpy Generator, an int seed or None; got {type(rng).__name__}")


def _weights(fan_in: Any, fan_out: Any, rng: Any) -> tuple[int, int, np.random.Generator, np.ndarray]:
    n_in = _args.positive_int(fan_in, "fan_in")
    n_out = _args.positive_int(fan_out, "fan_out")
    gen = _generator(rng)
    return n_in, n_out, gen, _args.new_array((n_in, n_out), np.float64, "fan_in × fan_out")


def xavier_uniform(fan_in: int, fan_out: int, *, rng: Any = None) -> np.ndarray:
    """A (fan_in, fan_out) float64 weight matrix from U(−a, a), a = √(6/(fan_in + fan_out)).

    Variance 2/(fan_in + fan_out) (record ``xavier_uniform_sampler``).
    """
    n_in, n_out, gen, w = _weights(fan_in, fan_out, rng)
    gen.random(out=w)
    return _elementwise("xavier_uniform_transform", w, float(n_in), float(n_out), overwrite=True)


def he_normal(fan_in: int, fan_out: int, *, rng: Any = None) -> np.ndarray:
    """A (fan_in, fan_out) float64 weight matrix from N(0, 2/fan_in) (record ``he_normal_sampler``)."""
    n_in, _n_out, gen, w = _weights(fan_in, fan_out, rng)
    gen.standard_normal(out=w)
    return _elementwise("he_normal_transform", w, float(n_in), overwrite=True)
