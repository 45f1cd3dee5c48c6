"""Shared fixtures: one seeded generator per test; user kernels cached in a temporary dir."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(autouse=True, scope="session")
def _user_kernel_cache(tmp_path_factory):
    # compile_kernel() writes modules under SYMDL_CACHE_DIR; keep the tests out of ~/.cache.
    mp = pytest.MonkeyPatch()
    mp.setenv("SYMDL_CACHE_DIR", str(tmp_path_factory.mktemp("symdl-cache")))
    # `symdl verify` in the tests checks a few records: no second process compiling beside it
    # (the tests of that process set this themselves).
    mp.setenv("SYMDL_WARM", "0")
    yield
    mp.undo()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20261121)


@pytest.fixture
def fresh_kernel(tmp_path):
    """Compile a copy of a generated module afresh and return one of its functions, called once
    with ``args``: code loaded from numba's cache cannot be inspected (``inspect_llvm``)."""
    import importlib.util
    import shutil
    import sys
    from pathlib import Path

    from symdl import _generated

    def compile_copy(module: str, function: str, *args):
        name = f"{module}_probe"
        path = tmp_path / f"{name}.py"
        shutil.copy(Path(_generated.__file__).with_name(f"{module}.py"), path)
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        try:
            spec.loader.exec_module(mod)
            fn = getattr(mod, function)
            fn(*args)
        finally:
            del sys.modules[name]
        return fn

    return compile_copy
