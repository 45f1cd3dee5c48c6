"""The decorators generated kernel modules use: numba with symdl's checked on-disk cache.

Generated modules live in real files, so a second process loads a kernel instead of
compiling it.  The cache is :class:`symdl._cache.KernelCache` (numba's cache interface,
symdl's entry format): every entry is checked by its digest, numba version, source hash and
key before it is loaded, and a damaged or stale one is compiled and written anew.  It reads
``NUMBA_CACHE_DIR`` (when set), the package's ``__pycache__`` and a per-user directory, and
saves to the first of them that is writable; with none writable, kernels are compiled in
memory and one warning says so.

fastmath stays off: it would drop NaN/inf semantics the checks rely on.  The one exception
is ``contract`` (fused multiply-add) in :func:`njit_helper`, which changes no special value.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
from collections.abc import Callable
from typing import Any

import numba
from numba.extending import intrinsic

from symdl import _cache
from symdl._cache import CacheDirs, CacheUnavailableWarning, KernelCache, read_checked, write_checked

__all__ = [
    "CacheUnavailableWarning",
    "LazyUfunc",
    "empty_f64",
    "full_f64",
    "njit_helper",
    "njit_parallel",
    "njit_serial",
    "vectorize",
    "zeros_f64",
]


def _with_cache(dispatcher: Any, py_func: Any, attribute: str = "_cache") -> Any:
    """Give a numba dispatcher symdl's checked on-disk cache (:class:`symdl._cache.KernelCache`).

    A function without a source file (``exec``, a REPL) cannot be cached: it is compiled in
    memory, and one warning says so.
    """
    cache = KernelCache.for_function(py_func)
    if cache is None:
        _cache._warn_once(
            f"symdl: {py_func.__qualname__} has no source file, so its compiled code cannot be "
            "cached; it is compiled in memory in every process."
        )
    else:
        setattr(dispatcher, attribute, cache)
    return dispatcher


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
            from numba.np.ufunc.dufunc import DUFunc

            # What numba.vectorize(signatures) builds, with symdl's cache on its dispatcher.
            ufunc = DUFunc(self.__wrapped__)
            _with_cache(ufunc._dispatcher, self.__wrapped__, "cache")
            for sig in self._signatures:
                ufunc.add(sig)
            ufunc.disable_compile()
            self._ufunc = ufunc
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
    """``numba.vectorize`` with symdl's on-disk cache, built on first use (:class:`LazyUfunc`)."""

    def decorate(fn: Callable[..., Any]) -> LazyUfunc:
        return LazyUfunc(fn, signatures)

    return decorate


def load_cached(dispatcher: Any, args: tuple[Any, ...]) -> bool:
    """Give ``dispatcher`` its on-disk cached machine code for ``args``' types; True if loaded.

    numba's own path to a cached kernel first runs ``BaseContext.refresh()``: it imports
    and registers every typing and lowering module numba has (about 130 ms here, once per
    process), which a kernel that is already compiled does not use.  This loads the cache
    entry the way ``Dispatcher.compile`` does, minus that refresh; numba's runtime (NRT)
    is still initialised first, which the cached code calls into (:func:`_init_runtime`,
    from a cache of its own).  Anything unexpected (no cache entry, another numba layout)
    returns False and the caller's normal call then compiles or loads as numba always
    does.  ``SYMDL_FAST_LOAD=0`` turns this off (and the runtime's cache with it).
    """
    if os.environ.get("SYMDL_FAST_LOAD", "1") == "0":
        return False
    from numba.core.compiler_lock import global_compiler_lock
    from numba.core.runtime import rtsys
    from numba.core.typing.typeof import Purpose, typeof

    cache = getattr(dispatcher, "_cache", None)
    if not isinstance(cache, KernelCache):  # compiled in memory (no cache): nothing to load
        return False
    ctx = dispatcher.targetctx
    with global_compiler_lock:
        try:
            sig = tuple(typeof(a, Purpose.argument) for a in args)
            if sig in dispatcher.overloads:
                return False
            if not rtsys._init:
                _init_runtime(ctx, cache.dirs)
            cres = cache._load_overload(sig, ctx)
        except Exception:  # any failure means "not loaded": numba's own path then runs
            return False  # (the cache never loads a damaged entry: see symdl._cache)
        if cres is None or cres.objectmode:
            return False
        ctx.insert_user_function(cres.entry_point, cres.fndesc, [cres.library])
        dispatcher.add_overload(cres)
        dispatcher._cache_hits[sig] += 1
    return True


def _scratch_typer(shape: Any, fill: str, value: Any = None) -> Any:
    """Typing and lowering of :func:`empty_f64` (``fill="none"``), :func:`zeros_f64`
    (``"zero"``) and :func:`full_f64` (``"value"``: every element the float ``value``)."""
    from numba.core import cgutils, types
    from numba.core.typing.templates import signature

    if isinstance(shape, types.Integer):
        ndim = 1
    elif isinstance(shape, types.UniTuple) and isinstance(shape.dtype, types.Integer):
        ndim = shape.count
    else:
        return None
    if fill == "value" and not isinstance(value, types.Number | types.Boolean):
        return None
    array_type = types.Array(types.float64, ndim, "C")

    def codegen(context: Any, builder: Any, sig: Any, args: Any) -> Any:
        from numba.np.arrayobj import make_array, populate_array  # at compile time only

        if ndim == 1 and isinstance(sig.args[0], types.Integer):
            dims = [context.cast(builder, args[0], sig.args[0], types.intp)]
        else:
            dims = [
                context.cast(builder, v, sig.args[0].dtype, types.intp)
                for v in cgutils.unpack_tuple(builder, args[0], ndim)
            ]
        zero_i = context.get_constant(types.intp, 0)
        itemsize = context.get_constant(types.intp, 8)
        count = context.get_constant(types.intp, 1)
        bad = cgutils.false_bit
        for d in dims:
            bad = builder.or_(bad, builder.icmp_signed("<", d, zero_i))
            product = builder.smul_with_overflow(count, d)
            count = builder.extract_value(product, 0)
            bad = builder.or_(bad, builder.extract_value(product, 1))
        product = builder.smul_with_overflow(count, itemsize)
        nbytes = builder.extract_value(product, 0)
        bad = builder.or_(bad, builder.extract_value(product, 1))
        with builder.if_then(bad, likely=False):
            context.call_conv.return_user_exc(builder, ValueError, ("bad scratch array shape",))
        meminfo = context.nrt.meminfo_alloc_aligned(builder, nbytes, 64)
        with builder.if_then(cgutils.is_null(builder, meminfo), likely=False):
            context.call_conv.return_user_exc(builder, MemoryError, ("cannot allocate scratch array",))
        data = context.nrt.meminfo_data(builder, meminfo)
        f64_data = builder.bitcast(data, context.get_data_type(types.float64).as_pointer())
        if fill == "zero":
            cgutils.memset(builder, data, nbytes, 0)
        elif fill == "value":
            element = context.cast(builder, args[1], sig.args[1], types.float64)
            with cgutils.for_range(builder, count) as loop:
                builder.store(element, builder.gep(f64_data, [loop.index]))
        strides = [itemsize]
        for d in reversed(dims[1:]):
            strides.append(builder.mul(strides[-1], d))
        array = make_array(array_type)(context, builder)
        populate_array(
            array,
            data=f64_data,
            shape=cgutils.pack_array(builder, dims),
            strides=cgutils.pack_array(builder, list(reversed(strides))),
            itemsize=itemsize,
            meminfo=meminfo,
        )
        return array._getvalue()

    return (signature(array_type, shape, value) if fill == "value" else signature(array_type, shape)), codegen


@intrinsic
def empty_f64(typingctx: Any, shape: Any) -> Any:
    """``np.empty(shape)`` (float64, C order) for generated kernels' scratch arrays.

    numba's own ``np.empty`` is a compiled function with an *environment* from
    ``numba.np.arrayobj``; loading any cached kernel that calls it imports that module and
    the string support it pulls in (~20 ms, once per process).  This allocates with numba's
    runtime directly, so a cached kernel loads without that import.
    """
    return _scratch_typer(shape, "none")


@intrinsic
def zeros_f64(typingctx: Any, shape: Any) -> Any:
    """``np.zeros(shape)`` (float64, C order): :func:`empty_f64`, then zero-filled."""
    return _scratch_typer(shape, "zero")


@intrinsic
def full_f64(typingctx: Any, shape: Any, value: Any) -> Any:
    """``np.full(shape, value)`` (float64, C order), like :func:`empty_f64`."""
    return _scratch_typer(shape, "value", value)


# How this process's numba runtime was set up: None (not yet), "cache", "compiled" (by symdl,
# and saved for the next process) or "numba" (numba's own initialisation).
_runtime_source: str | None = None

_RUNTIME_MAGIC = b"symdl-nrt-2\n"


def _init_runtime(ctx: Any, dirs: CacheDirs) -> None:
    """Initialise numba's runtime (NRT) from a cache of its machine code when there is one.

    ``rtsys.initialize`` registers NRT's C functions with LLVM and compiles a small module
    of atomic reference-count functions the kernels call: ~20 ms of LLVM work in every
    process, the largest part of a cached kernel's first call.  This does the same steps but
    keeps that module's object code beside the kernels' cache entries (read from ``dirs.read``,
    saved in ``dirs.write``), keyed by the module's IR, the CPU and the numba/llvmlite versions,
    and checked by its digest like them.  Any failure falls back to ``rtsys.initialize``.  Call
    under numba's global compiler lock.
    """
    global _runtime_source
    from numba.core.runtime import rtsys

    try:
        library, _runtime_source = _runtime_library(ctx, dirs)
    except Exception:
        rtsys.initialize(ctx)
        _runtime_source = "numba"
        return
    rtsys._library = library
    rtsys._init = True


def _runtime_library(ctx: Any, dirs: CacheDirs) -> tuple[Any, str]:
    import llvmlite
    from llvmlite import binding as ll
    from numba.core import config
    from numba.core.runtime import _nrt_python, nrtdynmod

    # What rtsys.initialize does before compiling (the cached code links against these).
    if config.NRT_STATS:
        _nrt_python.memsys_enable_stats()
    for name, address in _nrt_python.c_helpers.items():
        ll.add_symbol(name if name.startswith("_") else f"NRT_{name}", address)

    ir_module, library = nrtdynmod.create_nrt_module(ctx)
    codegen = ctx.codegen()
    key = repr((str(ir_module), codegen.magic_tuple(), config.OPT, numba.__version__, llvmlite.__version__))
    name = f"symdl-nrt-{hashlib.sha256(key.encode()).hexdigest()[:24]}.bin"
    for folder in dirs.read:
        cached = _read_runtime(os.path.join(folder, name))
        if cached is not None:
            return codegen.unserialize_library(("nrt", "object", cached)), "cache"
    library.enable_object_caching()
    library.add_ir_module(ir_module)
    library.finalize()
    # From here the library's symbols are in numba's JIT: it must be used, whatever happens to
    # the copy for later processes (a fallback would define the same symbols a second time).
    if dirs.write is not None:
        with contextlib.suppress(Exception):
            _name, _kind, (object_code, bitcode) = library.serialize_using_object_code()
            _write_runtime(os.path.join(dirs.write, name), object_code, bitcode)
    return library, "compiled"


def _read_runtime(path: str) -> tuple[bytes, bytes] | None:
    """The (object code, linking bitcode) saved at ``path``; None if absent or not intact."""
    body = read_checked(path, _RUNTIME_MAGIC)
    if body is None or len(body) < 8:
        return None
    (n_object,) = struct.unpack("<Q", body[:8])
    if n_object > len(body) - 8:
        return None
    return body[8 : 8 + n_object], body[8 + n_object :]


def _write_runtime(path: str, object_code: bytes, bitcode: bytes) -> None:
    """Save the runtime's code for later processes (atomically; silently not if unwritable)."""
    write_checked(path, _RUNTIME_MAGIC, struct.pack("<Q", len(object_code)) + object_code + bitcode)


# error_model="numpy": float division by zero gives inf/NaN as in NumPy, instead of raising.
def njit_serial(fn: Callable[..., Any]) -> Any:
    """``numba.njit`` (one thread) with symdl's on-disk cache."""
    return _with_cache(numba.njit(error_model="numpy")(fn), fn)


def njit_parallel(fn: Callable[..., Any]) -> Any:
    """``numba.njit(parallel=True)``: ``prange`` loops run on all cores."""
    return _with_cache(numba.njit(parallel=True, error_model="numpy")(fn), fn)


def njit_helper(fn: Callable[..., Any]) -> Any:
    """``numba.njit`` for a scalar function other kernels call (the generated ``exp64``).

    Not cached itself: each caller compiles it in, and the caller's cache holds the result.
    ``inline="always"`` inlines it in numba's own IR: left to LLVM, a body calling two helpers
    (GELU′: Φ and x·φ) kept them as calls, and its loop ran scalar (measured 8x slower).
    ``fastmath={"contract"}`` lets a multiply and an add become one FMA (one rounding instead
    of two), nothing else.
    """
    return numba.njit(error_model="numpy", fastmath={"contract"}, inline="always")(fn)
