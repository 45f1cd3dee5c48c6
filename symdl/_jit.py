"""The decorators generated kernel modules use: numba with its on-disk cache, or without it.

Generated modules live in real files, so ``cache=True`` lets a second process load
a kernel instead of compiling it.  When numba can find no writable place for its
cache (package directory read-only, no usable user cache directory) it refuses
``cache=True``; then kernels are compiled in memory and one warning says so.
``NUMBA_CACHE_DIR`` chooses the cache location, as numba documents.

fastmath stays off: it would drop NaN/inf semantics the checks rely on.  The one exception
is ``contract`` (fused multiply-add) in :func:`njit_helper`, which changes no special value.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numba

__all__ = ["CacheUnavailableWarning", "LazyUfunc", "njit_helper", "njit_parallel", "njit_serial", "vectorize"]

_warned = False


class CacheUnavailableWarning(UserWarning):
    """numba's kernel cache could not be used; kernels are compiled in memory."""


def _cached(make: Callable[[bool], Any]) -> Any:
    global _warned
    try:
        return make(True)
    except RuntimeError as err:  # numba: "cannot cache function ...: no locator available"
        if "cache" not in str(err):
            raise
        if not _warned:
            _warned = True
            warnings.warn(
                f"symdl: numba cannot cache kernels here ({err}); compiling in memory. "
                "Set NUMBA_CACHE_DIR to a writable directory to keep them.",
                CacheUnavailableWarning,
                stacklevel=3,
            )
        return make(False)


class LazyUfunc:
    """A ``numba.vectorize`` ufunc built on first use.

    numba caches a ufunc's kernel but rebuilds its loop wrapper in every process (about
    40 ms a signature here), so a module holding one should not pay for it at import.
    Calls and attributes go to the real ufunc.
    """

    def __init__(self, fn: Callable[..., Any], signatures: list[str]) -> None:
        self.__wrapped__ = fn
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__
        self._signatures = signatures
        self._ufunc: Any = None

    @property
    def ufunc(self) -> Any:
        """The numpy ufunc (compiled, or loaded from the cache, on first access)."""
        if self._ufunc is None:
            fn, sigs = self.__wrapped__, self._signatures
            self._ufunc = _cached(lambda cache: numba.vectorize(sigs, cache=cache)(fn))
        return self._ufunc

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.ufunc(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # private and dunder lookups (copy, pickle) do not build the ufunc
            raise AttributeError(name)
        return getattr(self.ufunc, name)

    def __repr__(self) -> str:
        state = "built" if self._ufunc is not None else "not built yet"
        return f"<symdl ufunc {self.__name__} ({state})>"


def vectorize(signatures: list[str]) -> Callable[[Callable[..., Any]], LazyUfunc]:
    """``numba.vectorize`` with the on-disk cache, built on first use (:class:`LazyUfunc`)."""

    def decorate(fn: Callable[..., Any]) -> LazyUfunc:
        return LazyUfunc(fn, signatures)

    return decorate


# error_model="numpy": float division by zero gives inf/NaN as in NumPy, instead of raising.
def njit_serial(fn: Callable[..., Any]) -> Any:
    """``numba.njit`` (one thread) with the on-disk cache."""
    return _cached(lambda cache: numba.njit(cache=cache, error_model="numpy")(fn))


def njit_parallel(fn: Callable[..., Any]) -> Any:
    """``numba.njit(parallel=True)``: ``prange`` loops run on all cores."""
    return _cached(lambda cache: numba.njit(cache=cache, parallel=True, error_model="numpy")(fn))


def njit_helper(fn: Callable[..., Any]) -> Any:
    """``numba.njit`` for a scalar function other kernels call (the generated ``exp64``).

    Not cached itself: each caller compiles it in, LLVM inlines and vectorises it there, and
    the caller's cache holds the result.  ``fastmath={"contract"}`` lets a multiply and an
    add become one FMA (one rounding instead of two), nothing else.
    """
    return numba.njit(error_model="numpy", fastmath={"contract"})(fn)
