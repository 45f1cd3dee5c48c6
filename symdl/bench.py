"""Benchmarks: each generated kernel against the numpy a student would write, and PyTorch.

Everything is timed in one process: after untimed warm-up rounds (compilation or a cache
load, then round-robin calls for ``WARMUP_SECONDS``), symdl, numpy and PyTorch run
round-robin ``repeat`` times and the median wall time of each is reported, so drift in the
machine (other load, memory state) hits all of them alike.  Ratios are baseline time /
symdl time, so > 1 means symdl is faster.  PyTorch is used when it is
importable and never installed by symdl.

The numpy and PyTorch functions below are *baselines for timing*, not references for
correctness (tests check correctness against independent closed forms and mpmath).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from symdl import kernels as K

__all__ = ["CASES", "Result", "run"]


@dataclass(frozen=True)
class Case:
    """One kernel to time: how to make inputs of a size, and the implementations to compare."""

    name: str
    default_size: tuple[int, ...]
    make: Callable[[tuple[int, ...], np.dtype, np.random.Generator], dict[str, Any]]
    symdl: Callable[[dict[str, Any]], Any]
    numpy: Callable[[dict[str, Any]], Any]
    torch: Callable[[dict[str, Any], Any], Callable[[], Any]] | None = None  # (inputs, torch) -> call


@dataclass(frozen=True)
class Result:
    kernel: str
    dtype: str
    size: str
    symdl_ms: float
    numpy_ms: float
    torch_ms: float | None
    vs_numpy: float
    vs_torch: float | None


# -- inputs and baselines ------------------------------------------------------------------------------
def _vector(size, dtype, rng):
    return {"x": (rng.standard_normal(size) * 5).astype(dtype)}


def _np_sigmoid_grad(a):
    s = 1 / (1 + np.exp(-a["x"]))
    return s * (1 - s)


def _np_tanh_grad(a):
    t = np.tanh(a["x"])
    return 1 - t * t


def _torch_sigmoid_grad(a, torch):
    x = torch.from_numpy(a["x"])

    def call():
        s = torch.sigmoid(x)
        return s * (1 - s)

    return call


def _torch_tanh_grad(a, torch):
    x = torch.from_numpy(a["x"])

    def call():
        t = torch.tanh(x)
        return 1 - t * t

    return call


def _adam_inputs(size, dtype, rng):
    n = size[0]
    return {
        "p": rng.standard_normal(n).astype(dtype),
        "g": rng.standard_normal(n).astype(dtype),
        "m": np.zeros(n, dtype),
        "v": np.zeros(n, dtype),
        "t": 1,
    }


def _adam_symdl(a):
    a["t"] += 1
    K.adam_step(a["p"], a["g"], a["m"], a["v"], a["t"])


def _np_adam(a, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    # The in-place numpy update a user would write (Algorithm 1).
    a["t"] += 1
    t, m, v = a["t"], a["m"], a["v"]
    m *= b1
    m += (1 - b1) * a["g"]
    v *= b2
    v += (1 - b2) * a["g"] * a["g"]
    a["p"] -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)


def _torch_adam(a, torch):
    p = torch.nn.Parameter(torch.from_numpy(a["p"].copy()))
    p.grad = torch.from_numpy(a["g"].copy())
    opt = torch.optim.Adam([p], lr=1e-3, fused=True)
    return opt.step


def _batch(size, dtype, rng):
    n, d = size
    return {
        "x": rng.standard_normal((n, d)).astype(dtype),
        "dy": rng.standard_normal((n, d)).astype(dtype),
        "gamma": rng.standard_normal(d).astype(dtype),
    }


def _np_batchnorm(a, eps=1e-5):
    x, dy, g = a["x"], a["dy"], a["gamma"]
    n = x.shape[0]
    mu = x.mean(0)
    rstd = 1 / np.sqrt(x.var(0) + eps)
    xhat = (x - mu) * rstd
    dbeta, dgamma = dy.sum(0), (dy * xhat).sum(0)
    return g * rstd / n * (n * dy - dbeta - xhat * dgamma), dgamma, dbeta


def _torch_norm(kind):
    def make(a, torch):
        x = torch.from_numpy(a["x"]).requires_grad_()
        g = torch.from_numpy(a["gamma"]).requires_grad_()
        b = torch.zeros_like(g, requires_grad=True)
        dy = torch.from_numpy(a["dy"])
        fn = torch.nn.functional

        def call():
            if kind == "batch":
                y = fn.batch_norm(x, None, None, g, b, training=True, eps=1e-5)
            else:
                y = fn.layer_norm(x, (x.shape[-1],), g, b, eps=1e-5)
            return torch.autograd.grad(y, (x, g, b), dy)

        return call

    return make


def _np_layernorm(a, eps=1e-5):
    x, dy, g = a["x"], a["dy"], a["gamma"]
    d = x.shape[1]
    mu = x.mean(1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(1, keepdims=True) + eps)
    xhat = (x - mu) * rstd
    gdy = dy * g
    dx = rstd / d * (d * gdy - gdy.sum(1, keepdims=True) - xhat * (gdy * xhat).sum(1, keepdims=True))
    return dx, (dy * xhat).sum(0), dy.sum(0)


def _np_softmax(a):
    z = a["x"]
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def _logits(size, dtype, rng):
    n, c = size
    return {"x": (rng.standard_normal((n, c)) * 3).astype(dtype), "labels": rng.integers(0, c, n)}


def _np_ce_grad(a):
    p = _np_softmax(a)
    p[np.arange(p.shape[0]), a["labels"]] -= 1
    return p


def _torch_softmax(a, torch):
    x = torch.from_numpy(a["x"])
    return lambda: torch.softmax(x, -1)


def _torch_ce_grad(a, torch):
    x = torch.from_numpy(a["x"]).requires_grad_()
    labels = torch.from_numpy(a["labels"])

    def call():
        loss = torch.nn.functional.cross_entropy(x, labels, reduction="sum")
        return torch.autograd.grad(loss, x)

    return call


def _np_positional_encoding(a):
    n, d = a["size"]
    pos = np.arange(n)[:, None]
    freq = 1.0 / 10000 ** (np.arange(0, d, 2) / d)
    pe = np.empty((n, d), dtype=a["dtype"])
    pe[:, 0::2] = np.sin(pos * freq)
    pe[:, 1::2] = np.cos(pos * freq[: d // 2])
    return pe


CASES: dict[str, Case] = {
    c.name: c
    for c in (
        Case(
            "sigmoid_grad",
            (10_000_000,),
            _vector,
            lambda a: K.sigmoid_grad(a["x"]),
            _np_sigmoid_grad,
            _torch_sigmoid_grad,
        ),
        Case(
            "tanh_grad",
            (10_000_000,),
            _vector,
            lambda a: K.tanh_grad(a["x"]),
            _np_tanh_grad,
            _torch_tanh_grad,
        ),
        Case("adam_step", (10_000_000,), _adam_inputs, _adam_symdl, _np_adam, _torch_adam),
        Case(
            "batchnorm_backward",
            (8192, 512),
            _batch,
            lambda a: K.batchnorm_backward(a["dy"], a["x"], a["gamma"]),
            _np_batchnorm,
            _torch_norm("batch"),
        ),
        Case(
            "layernorm_backward",
            (8192, 512),
            _batch,
            lambda a: K.layernorm_backward(a["dy"], a["x"], a["gamma"]),
            _np_layernorm,
            _torch_norm("layer"),
        ),
        Case("softmax", (8192, 512), _logits, lambda a: K.softmax(a["x"]), _np_softmax, _torch_softmax),
        Case(
            "softmax_cross_entropy_grad",
            (8192, 512),
            _logits,
            lambda a: K.softmax_cross_entropy_grad(a["x"], a["labels"]),
            _np_ce_grad,
            _torch_ce_grad,
        ),
        Case(
            "positional_encoding",
            (4096, 512),
            lambda size, dtype, rng: {"size": size, "dtype": dtype},
            lambda a: K.positional_encoding(*a["size"], dtype=a["dtype"]),
            _np_positional_encoding,
        ),
    )
}


# -- timing -------------------------------------------------------------------------------------------
# Measured here (symdl, numpy and PyTorch round-robin on BatchNorm 8192x512 float64, system
# time and page faults per call from getrusage): in a fresh process symdl's call took 48-50 ms,
# nearly all system time faulting in its new 32 MB output, for the first 0.2-1.5 s; 9 ms after.
WARMUP_SECONDS = 2.0


def _interleaved_medians(
    calls: Sequence[Callable[[], Any]], repeat: int, warmup: float = WARMUP_SECONDS
) -> list[float]:
    """Median milliseconds of each call, timed round-robin so machine drift hits all alike.

    Untimed round-robin rounds come first: at least one (compilation or cache loads), and
    more until ``warmup`` seconds have passed, so the timed rounds see the process's steady
    state of memory reuse rather than its first page faults.
    """
    start = time.perf_counter()
    while True:
        for call in calls:
            call()
        if time.perf_counter() - start >= warmup:
            break
    times: list[list[float]] = [[] for _ in calls]
    for _ in range(repeat):
        for call, bucket in zip(calls, times, strict=True):
            start = time.perf_counter()
            call()
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) * 1e3 for bucket in times]


def _copy(inputs: dict[str, Any]) -> dict[str, Any]:
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in inputs.items()}


def _torch_module() -> Any:
    try:
        import torch
    except ImportError:
        return None
    return torch


def run(
    names: Sequence[str] | None = None,
    *,
    sizes: dict[str, tuple[int, ...]] | None = None,
    dtypes: Sequence[Any] = (np.float32, np.float64),
    repeat: int = 7,
    use_torch: bool = True,
    seed: int = 0,
    warmup: float = WARMUP_SECONDS,
) -> list[Result]:
    """Time the named kernels (default: all) at ``sizes`` (default: each case's own size).

    Each kernel and dtype gets ``warmup`` seconds of untimed round-robin calls first (see
    ``_interleaved_medians``), then ``repeat`` timed rounds.
    """
    unknown = set(names or ()) - CASES.keys()
    if unknown:
        raise ValueError(f"unknown kernels: {', '.join(sorted(unknown))}; known: {', '.join(CASES)}")
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1; got {repeat}")
    if not warmup >= 0:  # also refuses NaN
        raise ValueError(f"warmup must be a number of seconds >= 0; got {warmup}")
    torch = _torch_module() if use_torch else None
    rng = np.random.default_rng(seed)
    results = []
    for name in names or CASES:
        case = CASES[name]
        size = (sizes or {}).get(name, case.default_size)
        for dtype in map(np.dtype, dtypes):
            # Each implementation gets its own copy of the inputs (Adam updates them in place).
            inputs = case.make(size, dtype, rng)
            a_symdl, a_numpy, a_torch = (_copy(inputs) for _ in range(3))
            calls = [lambda: case.symdl(a_symdl), lambda: case.numpy(a_numpy)]  # noqa: B023
            if torch and case.torch:
                calls.append(case.torch(a_torch, torch))
            symdl_ms, numpy_ms, *rest = _interleaved_medians(calls, repeat, warmup)
            torch_ms = rest[0] if rest else None
            results.append(
                Result(
                    name,
                    dtype.name,
                    "x".join(map(str, size)),
                    round(symdl_ms, 3),
                    round(numpy_ms, 3),
                    None if torch_ms is None else round(torch_ms, 3),
                    round(numpy_ms / symdl_ms, 2),
                    None if torch_ms is None else round(torch_ms / symdl_ms, 2),
                )
            )
    return results


def format_table(results: Sequence[Result]) -> str:
    head = (
        f"{'kernel':<28} {'dtype':<8} {'size':>12} {'symdl ms':>9} {'numpy ms':>9} {'torch ms':>9} "
        f"{'vs numpy':>9} {'vs torch':>9}"
    )
    rows = [head]
    for r in results:
        torch_ms = "-" if r.torch_ms is None else f"{r.torch_ms:.2f}"
        vs_torch = "-" if r.vs_torch is None else f"{r.vs_torch:.2f}x"
        rows.append(
            f"{r.kernel:<28} {r.dtype:<8} {r.size:>12} {r.symdl_ms:>9.2f} {r.numpy_ms:>9.2f} "
            f"{torch_ms:>9} {r.vs_numpy:>8.2f}x {vs_torch:>9}"
        )
    return "\n".join(rows)


def to_json(results: Sequence[Result]) -> str:
    return json.dumps([asdict(r) for r in results], indent=2)


# -- start-up ---------------------------------------------------------------------------------------
_STARTUP_SCRIPT = """
import json, time
t0 = time.perf_counter()
import numpy as np
import numba
from symdl import kernels
t1 = time.perf_counter()
x = np.linspace(-3.0, 3.0, 1000)
kernels.sigmoid_grad(x)
t2 = time.perf_counter()
kernels.softmax(np.zeros((4, 5)))
t3 = time.perf_counter()
kernels.sigmoid_grad(x)
t4 = time.perf_counter()
print(json.dumps([t1 - t0, t2 - t1, t3 - t2, t4 - t3]))
"""

STARTUP_PHASES = (
    "import numpy, numba, symdl.kernels",
    "first kernel's first call",
    "another kernel's first call",
    "first kernel again",
)


def startup(processes: int = 5) -> dict[str, float]:
    """Median milliseconds of each start-up phase over ``processes`` fresh interpreters.

    One extra process runs first and is not counted: it fills numba's cache if it was empty,
    so every timed process loads kernels instead of compiling them.
    """
    import subprocess
    import sys

    if processes < 1:
        raise ValueError(f"processes must be at least 1; got {processes}")
    runs = []
    for _ in range(processes + 1):
        done = subprocess.run(
            [sys.executable, "-c", _STARTUP_SCRIPT], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    timed = runs[1:]
    medians = [statistics.median(r[i] for r in timed) for i in range(len(STARTUP_PHASES))]
    return {phase: round(ms * 1e3, 1) for phase, ms in zip(STARTUP_PHASES, medians, strict=True)}


def format_startup(phases: dict[str, float]) -> str:
    return "\n".join(f"{phase:<36} {ms:>8.1f} ms" for phase, ms in phases.items())
