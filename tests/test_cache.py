"""Kernel caching: a second process loads kernels instead of compiling them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings

import pytest

from symdl import _jit

PROBE = textwrap.dedent("""
    import numpy as np
    from numba.core import event
    with event.install_recorder("numba:compile") as rec:
        from symdl import kernels as K
        assert float(K.sigmoid_grad(0.0)) == 0.25
        dx, _, _ = K.batchnorm_backward(np.eye(3), np.arange(9.0).reshape(3, 3), np.ones(3))
        assert np.isfinite(dx).all()
    print(len(rec.buffer))
""")


def _run(cache_dir: str) -> subprocess.Popen:
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    return subprocess.Popen(
        [sys.executable, "-W", "error", "-c", PROBE],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _compiles(proc: subprocess.Popen) -> int:
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return int(out.strip().splitlines()[-1])


def test_second_process_loads_from_cache(tmp_path):
    assert _compiles(_run(str(tmp_path))) > 0
    assert _compiles(_run(str(tmp_path))) == 0


def test_two_processes_compiling_at_once(tmp_path):
    first, second = _run(str(tmp_path)), _run(str(tmp_path))
    assert _compiles(first) > 0
    _compiles(second)  # must exit 0: the probe asserts the kernels' results (it may or may not compile)
    assert _compiles(_run(str(tmp_path))) == 0  # what they wrote is a usable cache


def test_uncreatable_cache_dir_still_works():
    # numba then uses another locator or compiles in memory; either way the probe must exit 0,
    # which it does only if the kernels return the values it asserts.
    _compiles(_run("/dev/null/no-such-dir"))


def test_fallback_when_numba_refuses_to_cache(monkeypatch):
    import numba

    real = numba.njit

    def refusing(*args, cache=False, **kwargs):
        if cache:
            raise RuntimeError("cannot cache function 'f': no locator available for file '<x>'")
        return real(*args, **kwargs)

    monkeypatch.setattr(numba, "njit", refusing)
    monkeypatch.setattr(_jit, "_warned", False)

    def f(a):
        return a + 1

    with pytest.warns(_jit.CacheUnavailableWarning, match="NUMBA_CACHE_DIR"):
        g = _jit.njit_serial(f)
    assert g(1.0) == 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warned once only
        assert _jit.njit_serial(f)(2.0) == 3.0


def test_other_runtime_errors_propagate(monkeypatch):
    import numba

    def broken(*args, **kwargs):
        raise RuntimeError("something else")

    monkeypatch.setattr(numba, "njit", broken)
    with pytest.raises(RuntimeError, match="something else"):
        _jit.njit_serial(lambda a: a)


STALE_PROBE = textwrap.dedent("""
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("stale_probe", sys.argv[1])
    module = importlib.util.module_from_spec(spec)
    sys.modules["stale_probe"] = module
    spec.loader.exec_module(module)
    print(module.kernel(1.0))
""")


def test_changed_module_is_not_served_from_a_stale_cache(tmp_path):
    # An upgrade rewrites the generated modules; numba must compile the new source, not reuse
    # the cached machine code of the old one.
    module = tmp_path / "stale_probe.py"
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path / "cache"))

    def run() -> str:
        out = subprocess.run(
            [sys.executable, "-c", STALE_PROBE, str(module)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        )
        return out.stdout.strip()

    module.write_text(
        "from symdl._jit import njit_serial\n\n\n@njit_serial\ndef kernel(x):\n    return x + 1\n"
    )
    assert run() == "2.0"
    module.write_text(
        "from symdl._jit import njit_serial\n\n\n@njit_serial\ndef kernel(x):\n    return x + 10.5\n"
    )
    assert run() == "11.5"


def test_missing_cache_dir_is_created(tmp_path):
    target = tmp_path / "not" / "yet" / "there"
    assert _compiles(_run(str(target))) > 0
    assert target.exists()
    assert _compiles(_run(str(target))) == 0
