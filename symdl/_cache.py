"""symdl's on-disk cache of compiled kernels: every entry is checked before it is loaded.

numba's own cache (``cache=True``) unpickles whatever its ``.nbi``/``.nbc`` files hold: a
truncated or garbled file makes every later process fail, and a flipped bit in the cached
machine code runs.  :class:`KernelCache` keeps numba's cache interface (a dispatcher calls
``load_overload`` and ``save_overload``) with its own entry format:

* one file per function, signature and CPU, ``<module>.<function>-<line>.py311.<hash>.nbk``;
* the file is a magic line, the body's length, the body, and the body's SHA-256
  (:func:`write_checked`); the body names the numba version, the source file's hash and the
  full cache key it was compiled for;
* a file whose digest, version, source hash or key does not match is not loaded: the kernel is
  compiled and the entry written anew (atomically, so readers see the old file or the new one).

The digest guards against damage (a full disk, a crash mid-write, bit rot), not against
someone who can write the cache directory: they could as well edit the Python source.

Where entries live (:func:`cache_dirs`): the candidates are ``NUMBA_CACHE_DIR`` when it is set
(as numba documents), the ``__pycache__`` beside the module, and a per-user directory
(``$SYMDL_CACHE_DIR/kernels`` or ``~/.cache/symdl/kernels``, the directory
:func:`symdl.codegen.user_cache_dir` names).  Entries are read from each candidate up to and
including the first writable one, which receives new entries.  So a read-only but populated
``__pycache__`` (a shared install) is used as it is, and what it lacks is compiled once and kept
in the user's directory.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import struct
import sys
import tempfile
import warnings
from typing import Any, NamedTuple

import numba

__all__ = [
    "CacheDirs",
    "CacheUnavailableWarning",
    "KernelCache",
    "cache_dirs",
    "read_checked",
    "write_checked",
]

_ENTRY_MAGIC = b"symdl-kernel-1\n"
_warned = False


class CacheUnavailableWarning(UserWarning):
    """Compiled kernels cannot be saved for later processes (no writable cache directory)."""


def _warn_once(message: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(message, CacheUnavailableWarning, stacklevel=4)


# -- checked files ------------------------------------------------------------------------------------
def write_checked(path: str, magic: bytes, body: bytes) -> bool:
    """Write ``magic``, ``body``'s length, ``body`` and its SHA-256 to ``path`` atomically.

    Returns False (and leaves ``path`` as it was) when the directory cannot be written.
    """
    data = magic + struct.pack("<Q", len(body)) + body + hashlib.sha256(body).digest()
    try:
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".symdl-tmp-")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def read_checked(path: str, magic: bytes) -> bytes | None:
    """The body :func:`write_checked` saved at ``path``; None if absent, unreadable or damaged."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    head = len(magic) + 8
    if not data.startswith(magic) or len(data) < head + 32:
        return None
    (size,) = struct.unpack("<Q", data[len(magic) : head])
    body, digest = data[head:-32], data[-32:]
    if len(body) != size or hashlib.sha256(body).digest() != digest:
        return None
    return body


# -- where entries live ---------------------------------------------------------------------------------
class CacheDirs(NamedTuple):
    read: tuple[str, ...]  # looked in, in this order
    write: str | None  # where new entries go; None when no candidate is writable


_writable_memo: dict[str, bool] = {}


def _writable(path: str) -> bool:
    """Whether ``path`` exists (or can be created) and a file can be created in it (as numba checks)."""
    if path not in _writable_memo:
        try:
            os.makedirs(path, exist_ok=True)
            tempfile.TemporaryFile(dir=path).close()
            _writable_memo[path] = True
        except OSError:
            _writable_memo[path] = False
    return _writable_memo[path]


def _user_dir() -> str:
    """``$SYMDL_CACHE_DIR/kernels``, else ``~/.cache/symdl/kernels``; "" if there is no home."""
    env = os.environ.get("SYMDL_CACHE_DIR")
    if env:
        return os.path.join(env, "kernels")
    home = os.path.expanduser("~")
    return "" if home == "~" else os.path.join(home, ".cache", "symdl", "kernels")


def cache_dirs(source_file: str) -> CacheDirs:
    """The directories a kernel defined in ``source_file`` is read from and saved to."""
    from numba.core import config

    return _cache_dirs(os.path.abspath(source_file), config.CACHE_DIR, _user_dir())


@functools.cache
def _cache_dirs(source_file: str, numba_dir: str, user_dir: str) -> CacheDirs:
    from numba.core.caching import _CacheLocator

    folder = os.path.dirname(source_file)
    subpath = _CacheLocator.get_suitable_cache_subpath(source_file)  # numba's name for the folder
    candidates = [os.path.join(numba_dir, subpath)] if numba_dir else []
    candidates.append(os.path.join(folder, "__pycache__"))
    if user_dir:
        candidates.append(os.path.join(user_dir, subpath))
    read = []
    for path in candidates:
        read.append(path)
        if _writable(path):
            return CacheDirs(tuple(read), path)
    return CacheDirs(tuple(read), None)


@functools.lru_cache(maxsize=256)
def _source_hash(path: str, mtime_ns: int, size: int) -> bytes:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).digest()


# -- the cache a dispatcher uses -----------------------------------------------------------------------------
class KernelCache:
    """numba's cache interface for one Python function, with checked entries (see the module)."""

    def __init__(self, py_func: Any, source_file: str) -> None:
        self._py_func = py_func
        self._source_file = source_file
        modname = os.path.splitext(os.path.basename(source_file))[0]
        qualname = py_func.__qualname__.replace("<", "").replace(">", "")
        version = f"py{sys.version_info[0]}{sys.version_info[1]}{getattr(sys, 'abiflags', '')}"
        self._base = f"{modname}.{qualname}-{py_func.__code__.co_firstlineno}.{version}"
        self._enabled = True
        # The source as it was when the function was defined: that is the code numba compiles.
        st = os.stat(source_file)
        self._stamp = _source_hash(source_file, st.st_mtime_ns, st.st_size)

    @classmethod
    def for_function(cls, py_func: Any) -> KernelCache | None:
        """The cache for ``py_func``, or None if it has no source file (``exec``, a REPL)."""
        import inspect

        try:
            source_file = inspect.getfile(py_func)
        except TypeError:
            return None
        try:
            return cls(py_func, source_file)
        except OSError:  # no such file (a placeholder name such as "<stdin>"), or unreadable
            return None

    @property
    def dirs(self) -> CacheDirs:
        return cache_dirs(self._source_file)

    # numba's interface (numba.core.caching._Cache) -----------------------------------------------------
    @property
    def cache_path(self) -> str:
        dirs = self.dirs
        return dirs.write or dirs.read[0]

    def enable(self) -> None:
        self._enabled = True

    def disable(self) -> None:
        self._enabled = False

    def flush(self) -> None:
        """Nothing to do: a recompiled kernel's entry replaces the old file when it is saved."""

    def load_overload(self, sig: Any, target_context: Any) -> Any:
        target_context.refresh()  # numba's full set-up, as its own cache does before loading
        return self._load_overload(sig, target_context)

    def save_overload(self, sig: Any, cres: Any) -> None:
        if not self._enabled or not _cachable(cres):
            return
        write = self.dirs.write
        if write is None:
            _warn_once(
                f"symdl: compiled kernels cannot be saved (no writable directory among "
                f"{', '.join(self.dirs.read)}); later processes compile them again. "
                "Set NUMBA_CACHE_DIR to a writable directory to keep them."
            )
            return
        from numba.core.serialize import dumps

        key = self._key(sig, cres.codegen)
        body = dumps((numba.__version__, self._stamp, key, cres._reduce()))
        write_checked(os.path.join(write, self._entry_name(key)), _ENTRY_MAGIC, body)

    # -------------------------------------------------------------------------------------------------------
    def _load_overload(self, sig: Any, target_context: Any) -> Any:
        """The compile result saved for ``sig``, or None; never raises, never loads a damaged entry."""
        if not self._enabled:
            return None
        from numba.core.compiler import CompileResult

        try:
            key = self._key(sig, target_context.codegen())
            name = self._entry_name(key)
        except Exception:
            return None
        for folder in self.dirs.read:
            body = read_checked(os.path.join(folder, name), _ENTRY_MAGIC)
            if body is None:
                continue
            try:
                version, saved_stamp, saved_key, payload = pickle.loads(body)
                if (version, saved_stamp, saved_key) != (numba.__version__, self._stamp, key):
                    continue  # another numba, an edited source file, or another signature
                return CompileResult._rebuild(target_context, *payload)
            except Exception:
                continue
        return None

    def _key(self, sig: Any, codegen: Any) -> tuple[Any, ...]:
        # numba's key: the signature, the CPU (target triple, name, features), the bytecode and
        # the values a closure captured.
        from numba.core.serialize import dumps

        closure = self._py_func.__closure__
        captured = dumps(tuple(c.cell_contents for c in closure)) if closure else b""
        code = self._py_func.__code__.co_code
        hashes = (hashlib.sha256(code).hexdigest(), hashlib.sha256(captured).hexdigest())
        return (sig, codegen.magic_tuple(), hashes)

    def _entry_name(self, key: tuple[Any, ...]) -> str:
        # Signature and CPU only: a changed source reuses (overwrites) its old entry's file.
        return f"{self._base}.{hashlib.sha256(repr(key[:2]).encode()).hexdigest()[:16]}.nbk"


def _cachable(cres: Any) -> bool:
    """numba's rule: no lifted loops that cannot be cached, no dynamic globals (ctypes pointers)."""
    return all(x.can_cache for x in cres.lifted) and not cres.library.has_dynamic_globals
