"""Shared fixtures: one seeded generator per test; user kernels cached in a temporary dir."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(autouse=True, scope="session")
def _user_kernel_cache(tmp_path_factory):
    # compile_kernel() writes modules under SYMDL_CACHE_DIR; keep the tests out of ~/.cache.
    mp = pytest.MonkeyPatch()
    mp.setenv("SYMDL_CACHE_DIR", str(tmp_path_factory.mktemp("symdl-cache")))
    yield
    mp.undo()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20261121)
