"""Kernel caching: a second process loads kernels instead of compiling them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings

import numpy as np
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


def test_function_without_a_source_file_is_compiled_in_memory(monkeypatch):
    from symdl import _cache

    monkeypatch.setattr(_cache, "_warned", False)
    namespace: dict = {}
    exec("def f(a):\n    return a + 1\n", namespace)  # no file: nothing to key a cache entry by
    with pytest.warns(_jit.CacheUnavailableWarning, match="no source file"):
        g = _jit.njit_serial(namespace["f"])
    assert g(1.0) == 2.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warned once only
        assert _jit.njit_serial(namespace["f"])(2.0) == 3.0


def _plus_one(a):
    return a + 1


def test_no_writable_directory_warns_once_and_computes(monkeypatch):
    from symdl import _cache

    monkeypatch.setattr(_cache, "_warned", False)
    monkeypatch.setattr(_cache, "_writable", lambda path: False)
    _cache._cache_dirs.cache_clear()
    try:
        kernel = _jit.njit_serial(_plus_one)
        assert kernel._cache.dirs.write is None
        with pytest.warns(_jit.CacheUnavailableWarning, match="cannot be saved"):
            assert kernel(1.0) == 2.0  # compiled (nothing to load), not saved
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert _jit.njit_serial(_plus_one)(np.float32(2.0)) == 3.0
    finally:
        _cache._cache_dirs.cache_clear()


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


# Every kernel, float32 and float64, at a size below and above the parallel threshold.  The
# probe saves what it computed and reports whether numba's context set-up (refresh) ran.
FAST_LOAD_PROBE = textwrap.dedent("""
    import sys
    import numpy as np
    from numba.core.base import BaseContext
    from symdl import _jit, kernels as K

    refreshes = []
    real_refresh = BaseContext.refresh
    def counting_refresh(self):
        refreshes.append(self)
        return real_refresh(self)
    BaseContext.refresh = counting_refresh

    loads = []
    real = _jit.load_cached
    def counting(dispatcher, args):
        loaded = real(dispatcher, args)
        loads.append(loaded)
        return loaded
    _jit.load_cached = counting

    out = {}
    rng = np.random.default_rng(7)
    for dt in (np.float64, np.float32):
        for n, d in ((3, 4), (512, 256)):
            x = rng.standard_normal((n, d)).astype(dt)
            dy = rng.standard_normal((n, d)).astype(dt)
            g = rng.standard_normal(d).astype(dt)
            tag = f"{np.dtype(dt).name}-{n}"
            out[f"sigmoid-{tag}"] = K.sigmoid_grad(x)
            out[f"tanh-{tag}"] = K.tanh_grad(x)
            out[f"softmax-{tag}"] = K.softmax(x)
            out[f"ce-{tag}"] = K.softmax_cross_entropy_grad(x, np.arange(n) % d)
            out[f"pe-{tag}"] = K.positional_encoding(n, d, dtype=dt)
            for kind in ("batchnorm", "layernorm"):
                res = getattr(K, f"{kind}_backward")(dy, x, g)
                for i, r in enumerate(res):
                    out[f"{kind}{i}-{tag}"] = r
            p, m, v = x.copy(), dy.copy(), np.abs(x).copy()
            K.adam_step(p, dy, m, v, t=3)
            out[f"adam-{tag}"] = np.concatenate([p, m, v])
            k = min(n, d)  # 3, then 256: n·n and n³ reach the loop kernels' parallel size
            w = x[:k, :k] / dt(np.sqrt(k))  # (a float64 divisor would make w float64)
            out[f"rnn-{tag}"] = K.rnn_jacobian(np.tanh(x[0, :k]), w)
            out[f"bptt-{tag}"] = K.bptt_jacobian(np.tanh(x[:2, :k]), w)
    for n, d in ((3, 4), (512, 256)):  # float64 only
        out[f"he-{n}"] = K.he_normal(n, d, rng=1)
        out[f"xavier-{n}"] = K.xavier_uniform(n, d, rng=1)
    np.savez(sys.argv[1], **out)
    print(sum(loads), bool(refreshes))
""")


def _fast_load_probe(path, fast: bool) -> tuple[int, bool]:
    env = dict(os.environ, SYMDL_FAST_LOAD="1" if fast else "0")
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", FAST_LOAD_PROBE, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    loads, refreshed = done.stdout.split()
    return int(loads), refreshed == "True"


def test_fast_load_gives_numbas_results_without_its_full_setup(tmp_path):
    # numba's own path first (this also fills the cache), then the fast load on that cache.
    assert _fast_load_probe(tmp_path / "numba.npz", fast=False) == (0, True)
    loads, refreshed = _fast_load_probe(tmp_path / "fast.npz", fast=True)
    assert loads >= 30  # one per kernel variant and dtype the probe calls
    assert not refreshed
    with np.load(tmp_path / "numba.npz") as want, np.load(tmp_path / "fast.npz") as got:
        assert sorted(want.files) == sorted(got.files)
        for key in want.files:
            np.testing.assert_array_equal(got[key], want[key], err_msg=key)
            assert got[key].dtype == want[key].dtype, key


def test_fast_load_declines_without_a_cache_entry():
    import numba

    uncached = numba.njit(lambda a: a + 1.0)
    assert not _jit.load_cached(uncached, (np.zeros(3),))  # no on-disk cache at all
    assert uncached(np.zeros(3)).tolist() == [1.0, 1.0, 1.0]


# numba's runtime (NRT) from symdl's cache of its object code: the kernels and a function
# numba compiles afterwards (which links against that runtime) must compute the same values
# as with numba's own runtime set-up, and allocate and free in balance (NRT's statistics).
RUNTIME_PROBE = textwrap.dedent("""
    import json
    import numba
    import numpy as np
    from numba.core.runtime import rtsys
    from symdl import _jit, kernels as K

    @numba.njit
    def fresh(n):  # compiled in this process, after the runtime was set up
        a = np.arange(n) * 2.0
        return a[::-1].copy()

    def once():
        x = np.linspace(-3.0, 3.0, 12).reshape(4, 3)
        dx, dg, db = K.batchnorm_backward(x, np.cos(x), np.ones(3))  # scratch arrays inside numba
        return [K.sigmoid_grad(x).tolist(), dx.tolist(), dg.tolist(), fresh(5).tolist()]

    first = once()
    before = rtsys.get_allocation_stats()
    for _ in range(20):
        again = once()
    after = rtsys.get_allocation_stats()
    leaked = (after.alloc - after.free) - (before.alloc - before.free)
    print(json.dumps({"source": _jit._runtime_source, "values": first, "same": again == first,
                      "allocs": after.alloc - before.alloc, "leaked": leaked}))
""")


def _runtime_probe(cache_dir, fast: bool, prelude: str = "") -> dict:
    env = dict(os.environ, NUMBA_CACHE_DIR=str(cache_dir), NUMBA_NRT_STATS="1")
    env["SYMDL_FAST_LOAD"] = "1" if fast else "0"
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", prelude + RUNTIME_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_runtime_from_symdls_cache_matches_numbas(tmp_path):
    numbas = _runtime_probe(tmp_path, fast=False)  # compiles the kernels into tmp_path
    compiled = _runtime_probe(tmp_path, fast=True)  # symdl compiles the runtime and saves it
    cached = _runtime_probe(tmp_path, fast=True)  # ... and loads it
    assert (numbas["source"], compiled["source"], cached["source"]) == (None, "compiled", "cache")
    assert len(list(tmp_path.rglob("symdl-nrt-*.bin"))) == 1
    for run in (numbas, compiled, cached):
        assert run["values"] == numbas["values"]
        assert run["same"]
        assert run["allocs"] > 0  # the statistics do count this probe's allocations ...
        assert run["leaked"] == 0  # ... and every one was freed


def test_damaged_runtime_cache_is_not_used(tmp_path):
    _runtime_probe(tmp_path, fast=True)  # compiles the kernels and the runtime
    (saved,) = tmp_path.rglob("symdl-nrt-*.bin")
    data = bytearray(saved.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the object code
    saved.write_bytes(bytes(data))
    assert _runtime_probe(tmp_path, fast=True)["source"] == "compiled"  # rejected, compiled anew
    assert _runtime_probe(tmp_path, fast=True)["source"] == "cache"  # and saved intact again
    saved.write_bytes(_jit._RUNTIME_MAGIC)  # truncated after the magic line
    assert _runtime_probe(tmp_path, fast=True)["source"] == "compiled"


def test_runtime_is_used_even_when_saving_it_fails(tmp_path):
    # Once compiled, the runtime's symbols are in numba's JIT; falling back to numba's own
    # initialisation then would define them twice.  A failed save must change nothing else.
    numbas = _runtime_probe(tmp_path, fast=False)
    failing = "from symdl import _jit\ndef _fail(*args):\n    raise RuntimeError('disk')\n"
    failing += "_jit._write_runtime = _fail\n"
    run = _runtime_probe(tmp_path, fast=True, prelude=failing)
    assert run["source"] == "compiled"
    assert run["values"] == numbas["values"]
    assert run["leaked"] == 0
    assert not list(tmp_path.rglob("symdl-nrt-*.bin"))


def test_runtime_cache_round_trip_checks_its_digest(tmp_path):
    path = str(tmp_path / "rt.bin")
    _jit._write_runtime(path, b"object", b"bitcode")
    assert _jit._read_runtime(path) == (b"object", b"bitcode")
    raw = bytearray((tmp_path / "rt.bin").read_bytes())
    raw[-40] ^= 1  # inside the body
    (tmp_path / "rt.bin").write_bytes(bytes(raw))
    assert _jit._read_runtime(path) is None
    assert _jit._read_runtime(str(tmp_path / "absent.bin")) is None
    _jit._write_runtime(str(tmp_path / "no" / "dir" / "rt.bin"), b"o", b"b")  # unwritable: no error
    assert not (tmp_path / "no").exists()


# Loading a cached kernel that uses scratch arrays must not import numba's array-allocation
# module (numba.np.arrayobj, ~20 ms): the kernels allocate with symdl's intrinsics instead.
NO_ARRAYOBJ_PROBE = textwrap.dedent("""
    import sys
    import numpy as np
    from symdl import kernels as K

    x = np.linspace(-1.0, 1.0, 20).reshape(4, 5)
    K.softmax(x)
    K.softmax_cross_entropy_grad(x, np.arange(4))
    K.batchnorm_backward(x, x, np.ones(5))
    K.layernorm_backward(x, x, np.ones(5))
    K.positional_encoding(4, 6)
    K.bptt_jacobian(np.tanh(x[:2, :4]), np.eye(4) / 2)
    print("numba.np.arrayobj" in sys.modules)
""")


def test_cached_kernels_load_without_numbas_array_module():
    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-W", "error", "-c", NO_ARRAYOBJ_PROBE],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-1]

    run()  # fills the cache if a kernel was not in it (compiling does import the module)
    assert run() == "False"


# -- symdl's cache: where entries live, and the checked file format --------------------------------------
def _dirs_with(monkeypatch, tmp_path, writable: set[str], numba_dir: str = "", home: bool = True):
    from numba.core import config

    from symdl import _cache

    source = tmp_path / "pkg" / "mod.py"
    source.parent.mkdir(exist_ok=True)
    source.write_text("")
    monkeypatch.setattr(config, "CACHE_DIR", numba_dir)
    monkeypatch.setattr(_cache, "_writable", lambda path: any(path.startswith(w) for w in writable))
    monkeypatch.setenv("SYMDL_CACHE_DIR", str(tmp_path / "user")) if home else monkeypatch.delenv(
        "SYMDL_CACHE_DIR"
    )
    if not home:
        monkeypatch.setenv("HOME", "~")  # expanduser then cannot name a home directory
    _cache._cache_dirs.cache_clear()
    try:
        dirs = _cache.cache_dirs(str(source))
    finally:
        _cache._cache_dirs.cache_clear()
    names = {
        str(tmp_path / "env"): "env",
        str(source.parent / "__pycache__"): "in-tree",
        str(tmp_path / "user"): "user",
    }

    def short(path):
        return next(name for prefix, name in names.items() if path.startswith(prefix))

    return [short(p) for p in dirs.read], dirs.write and short(dirs.write)


def test_entries_are_read_up_to_the_first_writable_directory(monkeypatch, tmp_path):
    env, tree, user = str(tmp_path / "env"), str(tmp_path / "pkg"), str(tmp_path / "user")
    # NUMBA_CACHE_DIR writable: it alone, as numba does (a populated __pycache__ is not consulted).
    assert _dirs_with(monkeypatch, tmp_path, {env, tree, user}, env) == (["env"], "env")
    # NUMBA_CACHE_DIR read-only (a shared, populated cache): read it, save beside the package.
    assert _dirs_with(monkeypatch, tmp_path, {tree, user}, env) == (["env", "in-tree"], "in-tree")
    # A read-only install: its __pycache__ is read, new entries go to the user's directory.
    assert _dirs_with(monkeypatch, tmp_path, {user}) == (["in-tree", "user"], "user")
    # Nothing writable: read everything, save nothing (one warning when a kernel is compiled).
    assert _dirs_with(monkeypatch, tmp_path, set(), env) == (["env", "in-tree", "user"], None)
    # No home directory and no SYMDL_CACHE_DIR: no user directory (not a path relative to the cwd).
    assert _dirs_with(monkeypatch, tmp_path, set(), home=False) == (["in-tree"], None)


def test_checked_file_refuses_every_single_bit_flip_and_truncation(tmp_path):
    from symdl import _cache

    path = str(tmp_path / "entry")
    body = bytes(range(40))
    assert _cache.write_checked(path, b"magic\n", body)
    data = (tmp_path / "entry").read_bytes()
    assert _cache.read_checked(path, b"magic\n") == body
    for i in range(len(data)):
        for bit in range(8):
            damaged = bytearray(data)
            damaged[i] ^= 1 << bit
            (tmp_path / "entry").write_bytes(bytes(damaged))
            assert _cache.read_checked(path, b"magic\n") is None, (i, bit)
    for size in range(len(data)):
        (tmp_path / "entry").write_bytes(data[:size])
        assert _cache.read_checked(path, b"magic\n") is None, size
    (tmp_path / "entry").write_bytes(data + b"\0")  # trailing bytes
    assert _cache.read_checked(path, b"magic\n") is None
    assert _cache.read_checked(path, b"other\n") is None
    assert not _cache.write_checked(str(tmp_path / "no" / "dir" / "entry"), b"magic\n", body)
