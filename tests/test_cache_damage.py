"""The kernel cache under damage, read-only directories and a read-only install (fresh processes).

Each probe process computes a few kernels (a loop kernel per family, a ufunc, Adam in place) and
reports which functions numba compiled, whether its full set-up ran, and the results.  A damaged
entry must be compiled again (and never crash or load), every result must be bit-identical to a
process that compiled from scratch, and the rewritten entry must serve the next process.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]

PROBE = textwrap.dedent("""
    import json
    import numpy as np
    from numba.core.base import BaseContext
    from symdl._cache import KernelCache

    refreshed = []
    real_refresh = BaseContext.refresh
    def counting_refresh(self):
        refreshed.append(1)
        return real_refresh(self)
    BaseContext.refresh = counting_refresh

    # numba hands the cache every function it has just compiled (jit functions and ufunc kernels
    # alike); a function it loaded is never offered.
    compiled = set()
    real_save = KernelCache.save_overload
    def recording_save(self, sig, cres):
        compiled.add(self._py_func.__qualname__)
        return real_save(self, sig, cres)
    KernelCache.save_overload = recording_save

    import symdl
    from symdl import kernels as K
    x = np.linspace(-4.0, 4.0, 12)
    out = {
        "sigmoid": K.sigmoid_grad(x),
        "softmax": K.softmax(x.reshape(3, 4)),
        "layernorm": K.layernorm_backward(np.cos(x).reshape(3, 4), x.reshape(3, 4), np.ones(4))[0],
    }
    p, m, v = np.linspace(0.1, 1.0, 5), np.zeros(5), np.zeros(5)
    K.adam_step(p, np.cos(np.arange(5.0)), m, v, 3)
    out["adam"] = np.concatenate([p, m, v])
    kernels_refreshed = bool(refreshed)  # a ufunc always goes through numba's own set-up
    from symdl._generated.tanh_grad import tanh_grad as tanh_ufunc
    out["tanh_ufunc"] = tanh_ufunc(x.astype(np.float32))
    print(json.dumps({
        "compiled": sorted(compiled),
        "refreshed": kernels_refreshed,
        "out": {k: np.asarray(a, dtype=np.float64).ravel().tolist() for k, a in out.items()},
        "symdl": symdl.__file__,
    }))
""")

# The generated functions the probe calls: their cache entries are the files it depends on.
KERNELS = {
    "sigmoid_grad_serial",
    "softmax_serial",
    "layernorm_backward_serial",
    "tanh_grad",
    "adam_step_serial",
}


def _unprivileged() -> list[str]:
    """A command prefix that makes file permissions bind (root ignores them otherwise)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: read-only directories cannot be made to bind")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps=-all"]


def _probe(env: dict[str, str], *, unprivileged: bool = False, cwd: Path | None = None) -> dict:
    done = subprocess.run(
        [*(_unprivileged() if unprivileged else []), sys.executable, "-W", "error", "-c", PROBE],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def _env(**changes: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _check_reference(out: dict) -> None:
    """The first, freshly compiled run against closed forms written here."""
    x = np.linspace(-4.0, 4.0, 12)
    sig = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(out["sigmoid"], sig * (1 - sig), rtol=1e-12)
    z = x.reshape(3, 4)
    e = np.exp(z - z.max(1, keepdims=True))
    np.testing.assert_allclose(out["softmax"], (e / e.sum(1, keepdims=True)).ravel(), rtol=1e-14)
    np.testing.assert_allclose(out["tanh_ufunc"], 1 / np.cosh(x) ** 2, rtol=1e-6)
    g = np.cos(np.arange(5.0))
    m, v = 0.1 * g, 0.001 * g * g  # t = 3 from zero state, one step: m, v after one update
    p = np.linspace(0.1, 1.0, 5) - 1e-3 * (m / (1 - 0.9**3)) / (np.sqrt(v / (1 - 0.999**3)) + 1e-8)
    np.testing.assert_allclose(out["adam"], np.concatenate([p, m, v]), rtol=1e-14)


def _entries(folder: Path) -> dict[str, Path]:
    """Cache entry files by the function they hold (``module.function-line.pyXY.key.nbk``)."""
    found: dict[str, Path] = {}
    for path in folder.rglob("*.nbk"):
        function = path.name.split(".")[1].rsplit("-", 1)[0]
        if function in KERNELS:
            assert function not in found or function == "tanh_grad", path  # one signature each
            found.setdefault(function, path)
    return found


def _runtime_file(folder: Path) -> Path:
    (path,) = folder.rglob("symdl-nrt-*.bin")
    return path


# -- damage -----------------------------------------------------------------------------------------------
def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _empty(data: bytes) -> bytes:
    return b""


def _garbage(data: bytes) -> bytes:
    return random.Random(len(data)).randbytes(len(data))


def _flip(where: float | int):
    """One flipped bit at byte ``where`` (a fraction of the length, or an index from the end if negative)."""

    def flip(data: bytes) -> bytes:
        i = len(data) + where if isinstance(where, int) and where < 0 else int(where * len(data))
        return data[:i] + bytes([data[i] ^ 0x10]) + data[i + 1 :]

    return flip


def _flip_at(index: int):
    def flip(data: bytes) -> bytes:
        return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]

    return flip


# Each round damages every entry (five kernels, then numba's runtime), each in its own way: together
# truncation, emptying, garbage, and single-bit flips in the magic line, the length field, the body
# (pickled metadata and machine code) and the digest.
ROUNDS = [
    [_truncate, _empty, _garbage, _flip(0.5), _flip(0.0), _flip(0.5)],
    [_flip(0.0), _flip_at(16), _flip(0.33), _flip(-1), _flip(-40), _truncate],
    [_flip(0.66), _flip(0.9), _flip(0.5), _empty, _garbage, _flip(-1)],
]


@pytest.fixture(scope="module")
def filled_cache(tmp_path_factory):
    """A cache directory filled by one process that compiled everything, and that process's report."""
    folder = tmp_path_factory.mktemp("numba-cache")
    first = _probe(_env(NUMBA_CACHE_DIR=str(folder)))
    assert set(first["compiled"]) >= KERNELS
    _check_reference(first["out"])
    assert set(_entries(folder)) == KERNELS
    return folder, first


@pytest.mark.parametrize(
    ("round_", "fast_load"),
    [(0, "1"), (1, "1"), (2, "1"), (0, "0")],  # "0": numba's own load path checks entries the same way
    ids=["round0", "round1", "round2", "round0-numba-path"],
)
def test_damaged_entries_are_compiled_again_and_rewritten(filled_cache, tmp_path, round_, fast_load):
    source, first = filled_cache
    folder = tmp_path / "cache"
    shutil.copytree(source, folder)
    entries = _entries(folder)
    targets = [*sorted(entries.items()), ("runtime", _runtime_file(folder))]
    for (_name, path), damage in zip(targets, ROUNDS[round_], strict=True):
        path.write_bytes(damage(path.read_bytes()))
    env = _env(NUMBA_CACHE_DIR=str(folder), SYMDL_FAST_LOAD=fast_load)

    damaged = _probe(env)
    assert set(entries) <= set(damaged["compiled"])  # every damaged kernel compiled, none loaded
    assert damaged["out"] == first["out"]  # bit-identical to a fresh compilation
    again = _probe(env)
    assert again["compiled"] == []  # the rewritten entries are intact and used
    assert again["out"] == first["out"]


def test_only_the_damaged_entry_is_compiled(filled_cache, tmp_path):
    source, first = filled_cache
    folder = tmp_path / "cache"
    shutil.copytree(source, folder)
    path = _entries(folder)["softmax_serial"]
    path.write_bytes(_flip(0.5)(path.read_bytes()))
    report = _probe(_env(NUMBA_CACHE_DIR=str(folder)))
    assert "softmax_serial" in report["compiled"]
    assert not (KERNELS - {"softmax_serial"}) & set(report["compiled"])
    assert report["out"] == first["out"]


def test_entry_of_another_source_is_not_loaded(filled_cache, tmp_path):
    # An entry whose digest is intact but which was compiled for another version of the source
    # (here: another function's entry under this one's name) is stale, not loadable.
    source, first = filled_cache
    folder = tmp_path / "cache"
    shutil.copytree(source, folder)
    entries = _entries(folder)
    shutil.copyfile(entries["sigmoid_grad_serial"], entries["softmax_serial"])
    report = _probe(_env(NUMBA_CACHE_DIR=str(folder)))
    assert "softmax_serial" in report["compiled"]
    assert report["out"] == first["out"]


# -- read-only directories --------------------------------------------------------------------------------
def _set_writable(root: Path, writable: bool) -> None:
    for path in [root, *root.rglob("*")]:
        mode = path.stat().st_mode
        bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
        path.chmod(mode | stat.S_IWUSR if writable else mode & ~bits)


def test_read_only_populated_cache_is_used(filled_cache, tmp_path):
    source, first = filled_cache
    folder = tmp_path / "cache"
    shutil.copytree(source, folder)
    _set_writable(folder, False)
    try:
        report = _probe(_env(NUMBA_CACHE_DIR=str(folder)), unprivileged=True)  # -W error: no warning
    finally:
        _set_writable(folder, True)
    assert report["compiled"] == []
    assert not report["refreshed"]  # loaded by symdl's fast path, without numba's full set-up
    assert report["out"] == first["out"]


def _install(site: Path) -> Path:
    """What ``pip install .`` puts on disk for symdl: its packages' modules and their bytecode.

    (Building a wheel offline needs the ``wheel`` package, which the test environment does not
    promise; the cache only sees where the modules live and that the tree is read-only.)
    """
    for init in (ROOT / "symdl").rglob("__init__.py"):  # the packages, as setuptools finds them
        src = init.parent
        dst = site / src.relative_to(ROOT)
        dst.mkdir(parents=True)
        for module in src.glob("*.py"):
            shutil.copy2(module, dst / module.name)
    done = subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(site)], capture_output=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return site


def _installed_env(site: Path, home: Path) -> dict[str, str]:
    """symdl imported from ``site``, numba's and symdl's cache locations at their defaults for ``home``."""
    return _env(PYTHONPATH=str(site), HOME=str(home), NUMBA_CACHE_DIR=None, SYMDL_CACHE_DIR=None)


def test_read_only_install_uses_its_cache_then_the_users(filled_cache, tmp_path):
    """A shared install: an administrator's process fills the package's ``__pycache__``, the
    tree is made read-only, and students' processes load from it; what it lacks (here, an entry
    damaged on disk) is compiled once and kept in the student's own cache directory."""
    _, first = filled_cache
    site = _install(tmp_path / "site")
    generated = site / "symdl" / "_generated" / "__pycache__"
    admin = _env(
        PYTHONPATH=str(site), HOME=str(tmp_path / "admin"), NUMBA_CACHE_DIR=None, SYMDL_CACHE_DIR=None
    )
    student = admin | {"HOME": str(tmp_path / "student")}
    user_cache = tmp_path / "student" / ".cache" / "symdl" / "kernels"

    filled = _probe(admin, cwd=tmp_path)
    assert filled["symdl"] == str(site / "symdl" / "__init__.py")  # the copy, not the worktree
    assert set(filled["compiled"]) >= KERNELS
    assert set(_entries(generated)) == KERNELS
    _set_writable(site, False)
    try:
        shared = _probe(student, unprivileged=True, cwd=tmp_path)
        assert shared["compiled"] == []
        assert not list(user_cache.rglob("*.nbk"))  # nothing needed saving

        entry = _entries(generated)["adam_step_serial"]
        entry.chmod(0o644)
        entry.write_bytes(_flip(0.5)(entry.read_bytes()))
        _set_writable(site, False)
        repaired = _probe(student, unprivileged=True, cwd=tmp_path)
        assert repaired["compiled"] == ["adam_step_serial"]
        assert set(_entries(user_cache)) == {"adam_step_serial"}  # kept in the student's directory
        later = _probe(student, unprivileged=True, cwd=tmp_path)
        assert later["compiled"] == []
        assert not later["refreshed"]  # the fast path, for the shared and the student's entries
    finally:
        _set_writable(site, True)
    for report in (filled, shared, repaired, later):
        assert report["out"] == first["out"]


def test_read_only_install_without_cache_compiles_once_into_the_users_directory(tmp_path):
    site = _install(tmp_path / "site")
    _set_writable(site, False)
    env = _installed_env(site, tmp_path / "home")
    try:
        first = _probe(env, unprivileged=True, cwd=tmp_path)
        second = _probe(env, unprivileged=True, cwd=tmp_path)
    finally:
        _set_writable(site, True)
    assert set(first["compiled"]) >= KERNELS
    user_cache = tmp_path / "home" / ".cache" / "symdl" / "kernels"
    assert set(_entries(user_cache)) == KERNELS
    assert second["compiled"] == []
    assert not second["refreshed"]
    assert second["out"] == first["out"]
    _check_reference(first["out"])
