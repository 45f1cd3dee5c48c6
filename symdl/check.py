"""Numeric checks of compiled kernels against independent references.

* :func:`ulp_error` -- distance between a float result and an exact value, in units
  in the last place of the result's dtype.
* :func:`check_kernel` -- a record's compiled kernel against SymPy's result evaluated
  with mpmath at 50 digits: for an elementwise kernel, ``record.derived`` (the
  textbook form, not the stable form the kernel was generated from) on a grid; for a
  loop kernel, the symbolic reference the kernel was proved against, at random inputs.
* :func:`gradient_check` -- an analytic gradient against central differences in
  float64, with a random upstream gradient (never the gradient of a sum, which is
  identically zero for BatchNorm and would pass any implementation).

Users can call all three on their own kernels and formulas.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from symdl.record import Derivation

__all__ = ["CheckResult", "check_kernel", "gradient_check", "ulp_error"]

DIGITS = 50


@dataclass(frozen=True)
class CheckResult:
    """Worst error of a kernel against its reference, and where it happened."""

    kernel: str
    dtype: str
    points: int
    max_error: float
    unit: str  # "ulp" or "relative"
    worst_input: Any
    tolerance: float

    @property
    def ok(self) -> bool:
        return bool(self.max_error <= self.tolerance)

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        verdict = "ok" if self.ok else "FAILED"
        return (
            f"{verdict}: {self.kernel} {self.dtype}, max {self.max_error:.3g} {self.unit} over "
            f"{self.points} points (tolerance {self.tolerance:g})"
        )


def ulp_error(got: np.ndarray, exact: Any, dtype: Any = None) -> np.ndarray:
    """|got − exact| in units of the spacing of ``dtype`` at ``exact`` (exact: mpmath or float).

    Exact values below the smallest normal use the subnormal spacing, so an underflow to
    0 where the true value is a representable subnormal counts as many ulp.
    """
    import mpmath

    dt = np.dtype(dtype or np.asarray(got).dtype)
    got_flat = np.atleast_1d(np.asarray(got, dtype=np.float64))
    exact_flat = np.atleast_1d(np.asarray(exact, dtype=object))
    out = np.empty(got_flat.shape, dtype=np.float64)
    for k, (g, e) in enumerate(zip(got_flat, exact_flat, strict=True)):
        e_float = float(e)
        if np.isnan(g) or np.isnan(e_float):
            out[k] = 0.0 if (np.isnan(g) and np.isnan(e_float)) else np.inf
            continue
        if np.isinf(e_float) or np.isinf(g):
            out[k] = 0.0 if g == e_float else np.inf
            continue
        spacing = float(np.spacing(np.abs(dt.type(e_float)).astype(dt)))
        out[k] = float(abs(mpmath.mpf(float(g)) - mpmath.mpf(e)) / spacing)
    return out.reshape(np.shape(got))


def _generated(name: str) -> Any:
    return getattr(importlib.import_module(f"symdl._generated.{name}"), name)


def warm_kernels(records: Sequence[Derivation]) -> None:
    """Compile, or load from numba's cache, the kernels of ``records`` for the argument
    types :func:`check_kernel` calls them with -- so that a check that comes later finds them
    cached.  ``symdl verify`` runs this in a second process while it proves the claims (on a
    cold cache the compiling is half of its time, and numba compiles on one core)."""
    from numba.core import types

    from symdl.codegen.spec import Elementwise

    for record in records:
        spec = record.kernel
        if spec is None or getattr(spec, "defines", False):
            continue
        if isinstance(spec, Elementwise):
            _generated(spec.name).ufunc  # noqa: B018 -- builds the ufunc: both dtypes compiled
            continue
        for dt, float_type in ((np.float64, types.float64), (np.float32, types.float32)):
            kernel = _serial_kernel(spec.name, dt)
            arguments = [_numba_type(a, spec, float_type) for a in spec.inputs + spec.outputs]
            kernel.compile((*arguments, types.int64))  # the last argument: the thread count


def _serial_kernel(name: str, dt: Any) -> Any:
    """The serial loop kernel ``symdl.kernels`` runs for data of dtype ``dt``: float32 data goes
    to the float32 twin where there is one."""
    module = importlib.import_module(f"symdl._generated.{name}")
    twin = getattr(module, f"{name}_serial_f32", None) if dt == np.float32 else None
    return twin or getattr(module, f"{name}_serial")


def _numba_type(arg: Any, spec: Any, float_type: Any) -> Any:
    """numba's type for one argument as :func:`_check_loops` passes it: C-ordered arrays (of int64
    for class labels), Python ints for integer symbols, Python floats otherwise."""
    import sympy as sp
    from numba.core import types

    if isinstance(arg, sp.IndexedBase):
        element = types.int64 if arg in spec.integer_inputs else float_type
        return types.Array(element, len(arg.shape), "C")
    return types.int64 if arg.is_integer else types.float64


def default_grid() -> np.ndarray:
    """Inputs that exercise every regime of an elementwise kernel (finite values only)."""
    # float64 subnormals (5e-324, 1e-310), float32 subnormals (1.4e-45, 1e-40), small normals.
    tiny = [5e-324, 1e-310, 1e-300, 1.4e-45, 1e-40, 1e-30, 1e-8]
    moderate = [0.5, 1.0, 1.5, 2.0, 5.0, 10.0, 20.0, 37.5, 88.0, 89.0, 103.0, 104.0]
    large = [300.0, 709.0, 710.0, 745.0, 750.0, 1e4]
    positive = tiny + moderate + large + list(np.linspace(0.01, 40.0, 97))
    return np.array([0.0, *positive, *(-p for p in positive)])


def check_kernel(
    record: Derivation,
    *,
    dtype: Any = np.float64,
    points: Any = None,
    seed: int = 0,
    tolerance: float | None = None,
) -> CheckResult:
    """Compare ``record``'s compiled kernel with mpmath (see the module docstring).

    Elementwise kernels are measured in ulp of ``dtype`` (default tolerance 4 ulp);
    loop kernels by the largest error relative to the largest reference value
    (default 1e-12 in float64, 1e-5 in float32).
    """
    from symdl.codegen.spec import Elementwise

    spec = record.kernel
    if spec is None:
        raise ValueError(f"{record.name} has no kernel")
    dt = np.dtype(dtype)
    if isinstance(spec, Elementwise):
        return _check_elementwise(record, dt, points, tolerance)
    return _check_loops(record, dt, seed, tolerance)


def _check_elementwise(record: Derivation, dt: np.dtype, points: Any, tolerance: float | None) -> CheckResult:
    import mpmath
    import sympy as sp

    spec = record.kernel
    if len(spec.args) != 1 + len(spec.check_values):
        raise ValueError(f"{spec.name}: the grid check needs a value for every argument after the first")
    xs = np.asarray(default_grid() if points is None else points, dtype=dt)
    xs = xs[np.isfinite(xs)]
    if spec.check_range is not None:
        lo, hi = spec.check_range
        xs = xs[(xs >= lo) & (xs <= hi)]
    arg, *others = spec.args
    fixed = {s: sp.Rational(float(v)) for s, v in zip(others, spec.check_values, strict=True)}
    # The note's formula (proved equal to what SymPy derives) is the reference: where they differ
    # is a kink, and there the record's claim states the convention (relu′(0) = 0, where SymPy's
    # derivative of max(0, x) is Heaviside(x) with H(0) = 1/2).
    if spec.defines:
        reference = spec.full_expr
    elif isinstance(record.claim, sp.Eq):
        reference = record.expand(record.claim.rhs)
    else:
        reference = record.derived
    reference = reference.xreplace(fixed)
    # evalf is adaptive: it raises the working precision until DIGITS digits are right, so
    # even a cancelling textbook form (1 − tanh²(88)) gives the true value. The input is
    # passed as the exact Rational value of the float: a Float would cap the precision.
    exact = [
        mpmath.mpf(reference.xreplace({arg: sp.Rational(float(v))}).evalf(DIGITS, maxn=20000)) for v in xs
    ]
    got = _generated(spec.name)(xs, *(dt.type(v) for v in spec.check_values))
    if spec.error_scale is not None:
        # Measured in ulp of Σ|terms| (next to a zero of the function, its value has no ulp to keep).
        scale_expr = spec.error_scale.xreplace(dict(spec.lets[::-1])).xreplace(fixed)
        for symbol, value in reversed(spec.lets):
            scale_expr = scale_expr.xreplace({symbol: value})
        scales = [
            abs(mpmath.mpf(scale_expr.xreplace({arg: sp.Rational(float(v))}).evalf(DIGITS))) for v in xs
        ]
        errors = np.array(
            [
                float(abs(mpmath.mpf(float(g)) - e)) / float(np.spacing(dt.type(float(sc))))
                for g, e, sc in zip(np.atleast_1d(got), exact, scales, strict=True)
            ]
        )
    else:
        errors = ulp_error(got, exact, dt)
    worst = int(np.argmax(errors))
    return CheckResult(
        spec.name,
        dt.name,
        xs.size,
        float(errors[worst]),
        "ulp",
        float(xs[worst]),
        spec.tolerance if tolerance is None else tolerance,
    )


def _check_loops(record: Derivation, dt: np.dtype, seed: int, tolerance: float | None) -> CheckResult:
    import mpmath
    import sympy as sp

    from symdl.codegen.spec import entry

    spec = record.kernel
    rng = np.random.default_rng(seed)
    domain = {s: (lo, hi) for s, lo, hi in record.domain}
    size = max(spec.reference_sizes)
    dims, expected, *fixed = spec.reference(size)
    fixed_values = fixed[0] if fixed else {}
    shape = {a: tuple(int(d.xreplace(dims)) for d in a.shape) for a in spec.arrays}

    # Random inputs; symbols of array elements get the same values the kernel sees.
    values: dict[sp.Symbol, float] = {}
    args: list[Any] = []
    for arg in spec.inputs + spec.outputs:
        if arg in spec.integer_inputs:
            # Index arrays (labels) take the values the reference was derived with.
            arr = np.array(
                [fixed_values[entry(arg, *idx)] for idx in np.ndindex(*shape[arg])], dtype=np.int64
            ).reshape(shape[arg])
            values.update({entry(arg, *idx): int(arr[idx]) for idx in np.ndindex(*shape[arg])})
            args.append(arr)
        elif isinstance(arg, sp.IndexedBase):
            low = 0.0 if arg.assumptions0.get("nonnegative") or arg.assumptions0.get("positive") else -2.0
            arr = rng.uniform(low, 2.0, size=shape[arg]).astype(dt)
            for idx in np.ndindex(*shape[arg]):
                values[entry(arg, *idx)] = float(arr[idx])
            args.append(arr)
        else:
            lo, hi = domain.get(arg, (1.0, 3.0) if arg.is_integer else (0.1, 0.9))
            val = int(rng.integers(int(lo), int(hi) + 1)) if arg.is_integer else float(rng.uniform(lo, hi))
            values[arg] = val
            args.append(val)
    with mpmath.workdps(DIGITS):
        want = {
            base: np.array(
                m.xreplace({k: sp.Float(v, DIGITS) for k, v in values.items()}).evalf(DIGITS).tolist(),
                dtype=np.float64,
            ).reshape(shape[base])
            for base, m in expected.items()
        }
    _serial_kernel(spec.name, dt)(*args, 1)
    out = dict(zip(spec.inputs + spec.outputs, args, strict=True))
    worst, worst_at = 0.0, None
    for base, ref in want.items():
        scale = max(1.0, float(np.max(np.abs(ref))))
        err = float(np.max(np.abs(out[base].astype(np.float64) - ref))) / scale
        if err >= worst:
            worst, worst_at = err, str(base)
    default = 1e-12 if dt == np.float64 else 1e-5
    return CheckResult(
        spec.name, dt.name, size, worst, "relative", worst_at, default if tolerance is None else tolerance
    )


def gradient_check(
    f: Callable[[np.ndarray], np.ndarray],
    x: np.ndarray,
    grad: np.ndarray,
    upstream: np.ndarray,
    *,
    h: float = 1e-6,
) -> float:
    """Largest relative error between ``grad`` and central differences of L(x) = Σ upstream·f(x).

    ``grad`` is the analytic ∂L/∂x for that same upstream gradient.  Use a random
    ``upstream``: a constant one can hide errors.

    >>> import numpy as np
    >>> x = np.array([0.3, -1.2]); up = np.array([0.7, -0.4])
    >>> gradient_check(np.sin, x, up * np.cos(x), up) < 1e-8
    True
    """
    x = np.array(x, dtype=np.float64)
    numeric = np.empty_like(x)
    for idx in np.ndindex(*x.shape):
        old = x[idx]
        x[idx] = old + h
        plus = float(np.sum(upstream * f(x)))
        x[idx] = old - h
        minus = float(np.sum(upstream * f(x)))
        x[idx] = old
        numeric[idx] = (plus - minus) / (2 * h)
    scale = max(1.0, float(np.max(np.abs(numeric))))
    return float(np.max(np.abs(numeric - grad))) / scale
