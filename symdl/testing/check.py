"""Check a student's implementation of a kernel against symdl's: `check_implementation`.

For every case of the kernel's battery the student's function is called on fresh copies of
the inputs in the dtype under test, symdl's kernel on the same numbers in float64, and each
output entry is compared against its allowance (`symdl.testing.tolerance`).  A case
also fails when the function raises, returns the wrong structure, shape or dtype, changes an
argument it should only read, or (for an in-place kernel such as ``adam_step``) leaves the
arrays it should update unchanged.  For the first discrepancy in a case, every known mistake
of the kernel (`symdl.testing.mistakes`) is run on the same inputs, and the ones the
student's output matches become hints.

The random initialisers are checked by `symdl.testing.statistics` instead.
"""

from __future__ import annotations

import difflib
import numbers
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from symdl.testing import statistics
from symdl.testing.battery import Arg, Case
from symdl.testing.report import CaseResult, Discrepancy, Report
from symdl.testing.student import Problem, call, check_array, read_outputs
from symdl.testing.table import KERNELS, Kernel
from symdl.testing.tolerance import SAFETY, allowance, unit_roundoff

__all__ = ["assert_matches", "check_implementation"]

_F64 = np.dtype(np.float64)


def check_implementation(
    name: str, fn: Callable[..., Any], *, dtype: Any = np.float64, seed: int = 0
) -> Report:
    """Run ``fn`` through the battery of ``symdl.kernels.<name>`` and report whether it agrees.

    ``fn`` takes the kernel's arguments and returns what the kernel returns (for
    ``adam_step``, it updates ``param``, ``m`` and ``v`` in place; it is always called on
    copies).  ``dtype`` (float32 or float64) is the precision the inputs are given in;
    ``seed`` makes the random inputs.  The report is truthy iff every case agrees.

    >>> import numpy as np
    >>> from symdl.testing import check_implementation
    >>> def softmax(z):
    ...     e = np.exp(z - z.max(axis=-1, keepdims=True))
    ...     return e / e.sum(axis=-1, keepdims=True)
    >>> bool(check_implementation("softmax", softmax))
    True
    """
    kernel = _kernel(name)
    if not callable(fn):
        raise TypeError(f"fn must be a function taking the arguments of {name}; got {type(fn).__name__}")
    dt = _dtype(dtype)
    seed = _seed(seed)
    rng = np.random.default_rng(seed)
    remark = ""
    if kernel.distribution is not None:
        if dt != _F64:
            remark = (
                f"{name} always returns float64 weights: dtype={dt.name} does not apply, checked in float64."
            )
        dt = _F64
        cases = statistics.check_random(name, kernel, fn, kernel.battery(rng, dt))
    else:
        cases = [
            _run_case(name, kernel, fn, case, dt, k) for k, case in enumerate(kernel.battery(rng, dt), 1)
        ]
    label = getattr(fn, "__name__", "")
    return Report(
        name,
        kernel.korean,
        dt.name,
        seed,
        tuple(cases),
        remark,
        function="" if label == name else label,
    )


def assert_matches(name: str, fn: Callable[..., Any], **kw: Any) -> Report:
    """`check_implementation`, raising ``AssertionError`` with the report's text if it fails.

    ``kw`` are ``dtype`` and ``seed``.  Returns the report when every case agrees.
    """
    __tracebackhide__ = True  # pytest shows the report, not this frame
    report = check_implementation(name, fn, **kw)
    if not report:
        raise AssertionError(str(report))
    return report


# -- arguments ------------------------------------------------------------------------------------
def _kernel(name: Any) -> Kernel:
    if not isinstance(name, str):
        raise TypeError(f"name must be a kernel name (a str); got {type(name).__name__}")
    if name not in KERNELS:
        close = difflib.get_close_matches(name, KERNELS, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(
            f"name: no kernel called {name!r} in the answer key{hint} Known: {', '.join(KERNELS)}"
        )
    return KERNELS[name]


def _dtype(dtype: Any) -> np.dtype:
    try:
        dt = None if dtype is None else np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt not in (np.dtype(np.float32), _F64):
        raise TypeError(f"dtype must be float32 or float64; got {dtype!r}")
    return dt


def _seed(seed: Any) -> int:
    if isinstance(seed, bool | np.bool_) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an integer; got {type(seed).__name__}")
    if int(seed) < 0:
        raise ValueError(f"seed must be non-negative; got {int(seed)}")
    return int(seed)


# -- one case -------------------------------------------------------------------------------------
def _materialise(arg: Arg, dtype: np.dtype) -> Any:
    if arg.cast:
        return np.array(arg.value, dtype=dtype)
    if isinstance(arg.value, np.ndarray):
        return arg.value.copy()
    return arg.value


def _copies(values: Sequence[Any], dtype: np.dtype | None = None) -> list[Any]:
    out = []
    for v in values:
        if isinstance(v, np.ndarray):
            out.append(v.astype(dtype) if dtype is not None and v.dtype.kind == "f" else v.copy())
        else:
            out.append(v)
    return out


def _arguments(
    kernel: Kernel, args: Sequence[Arg], values: list[Any], dt: np.dtype
) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments of one call (``dtype=`` where the kernel asks for it)."""
    positional = [v for a, v in zip(args, values, strict=True) if not a.keyword]
    keywords = {a.name: v for a, v in zip(args, values, strict=True) if a.keyword}
    if kernel.dtype_keyword and dt != _F64:
        keywords["dtype"] = dt.type
    return positional, keywords


def _run_with(
    fn: Callable[..., Any], kernel: Kernel, args: Sequence[Arg], values: list[Any], dt: np.dtype
) -> tuple[np.ndarray, ...]:
    """Call symdl's kernel or a mistake on ``values``: its outputs, in ``kernel.outputs`` order."""
    positional, keywords = _arguments(kernel, args, values, dt)
    result = fn(*positional, **keywords)
    if kernel.in_place:
        outputs = tuple(values[[a.name for a in args].index(o)] for o in kernel.in_place)
    else:
        outputs = result if len(kernel.outputs) > 1 else (result,)
    return tuple(np.asarray(o, dtype=np.float64) for o in outputs)


def _run_case(
    name: str, kernel: Kernel, fn: Callable[..., Any], case: Case, dt: np.dtype, number: int
) -> CaseResult:
    worst = 0.0
    seen: dict[str, None] = {}
    for k, args in enumerate(case.calls):
        outcome = _run_call(name, kernel, fn, args, dt)
        seen.update(dict.fromkeys(outcome.warnings))
        base = {
            "number": number,
            "label": case.label,
            "inputs": tuple(a.how for a in args if a.how),
            "warnings": tuple(seen),
        }
        if not outcome.ok:
            return CaseResult(
                **base,
                ok=False,
                reason=outcome.reason,
                message=outcome.message,
                worst=outcome.worst,
                step=case.step_label(k) if case.step_label is not None else "",
                discrepancy=outcome.discrepancy,
                matches=outcome.matches,
                note=case.note,
            )
        worst = max(worst, outcome.worst)
    return CaseResult(**base, ok=True, worst=worst)


@dataclass(frozen=True)
class _Outcome:
    """The verdict on one call."""

    ok: bool = True
    reason: str = ""
    message: str = ""
    worst: float = 0.0
    discrepancy: Discrepancy | None = None
    matches: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()


def _run_call(
    name: str, kernel: Kernel, fn: Callable[..., Any], args: tuple[Arg, ...], dt: np.dtype
) -> _Outcome:
    """Call the student's function and symdl's kernel on the same inputs, and compare."""
    import symdl.kernels

    values = [_materialise(a, dt) for a in args]
    before = _copies(values)
    expected = _run_with(getattr(symdl.kernels, name), kernel, args, _copies(values, _F64), _F64)
    allowed = _allowances(kernel, args, before, expected, dt)

    positional, keywords = _arguments(kernel, args, values, dt)
    result, problem, warned = call(fn, positional, keywords)
    outputs = None
    if problem is None:
        outputs, problem = _outputs(name, kernel, args, before, values, result, expected, allowed)
    # Arrays left as they were are also what some wrong steps give (one that divides by a state
    # still at 0, or steps with the old velocity): then the values, and the hint, say more.
    stale = problem is not None and problem.reason == "not in place" and outputs is not None
    if stale and _matches(kernel, args, before, outputs, expected, allowed, dt):
        problem = None
    if problem is None:
        problem = _dtype_or_shape(kernel, outputs, expected, allowed, dt)
    if problem is not None:
        return _Outcome(False, problem.reason, problem.message, np.inf, warnings=warned)

    worst, where = 0.0, None
    for k, (got, exp, lim) in enumerate(zip(outputs, expected, allowed, strict=True)):
        ratio = _ratios(got, exp, lim)
        if ratio.size and float(ratio.max()) > worst:
            worst, where = float(ratio.max()), (k, np.unravel_index(int(np.argmax(ratio)), ratio.shape))
    if worst <= 1:
        return _Outcome(worst=worst, warnings=warned)
    k, index = where
    discrepancy = _discrepancy(
        kernel.outputs[k],
        index,
        float(expected[k][index]),
        float(outputs[k][index]),
        float(allowed[k][index]),
        dt,
    )
    matches = _matches(kernel, args, before, outputs, expected, allowed, dt)
    return _Outcome(False, "values differ", "", worst, discrepancy, matches, warned)


def _outputs(
    name: str,
    kernel: Kernel,
    args: tuple[Arg, ...],
    before: list[Any],
    values: list[Any],
    result: Any,
    expected: tuple[np.ndarray, ...],
    allowed: tuple[np.ndarray, ...],
) -> tuple[tuple[Any, ...] | None, Problem | None]:
    """What the student's call produced: the returned arrays, or for an in-place kernel the
    updated arguments; or the problem (an input changed, an array not updated in place, the
    latter with the arrays as they are)."""
    names = [a.name for a in args]
    for a, old, new in zip(args, before, values, strict=True):
        if a.name not in kernel.in_place and isinstance(old, np.ndarray) and not _same(old, new):
            return None, Problem(
                "changed an input",
                f"changed its argument {a.name} in place; {name} must leave {a.name} as it was "
                f"(work on a copy, e.g. {a.name} = {a.name} - … instead of {a.name} -= …).",
            )
    if not kernel.in_place:
        return read_outputs(result, kernel.outputs, name)
    outputs = tuple(values[names.index(o)] for o in kernel.in_place)
    # An array left as it was is stale only where leaving it is wrong: a float32 parameter does not
    # move under a step below half its ulp, and then the reference's tiny change is allowed.
    stale = [
        o
        for o, got, exp, lim in zip(kernel.in_place, outputs, expected, allowed, strict=True)
        if _same(got, before[names.index(o)]) and np.any(_ratios(got, exp, lim) > 1)
    ]
    if not stale:
        return outputs, None
    returned = "" if result is None else f" Your function returned a {type(result).__name__} instead."
    return outputs, Problem(
        "not in place",
        f"{', '.join(stale)} {'was' if len(stale) == 1 else 'were'} not updated in place.{returned} "
        f"{name} writes into the arrays it is given and returns None: assign into them "
        "(param -= …, m[:] = …); param = param - … only makes a new array inside your function.",
    )


def _dtype_or_shape(
    kernel: Kernel,
    outputs: tuple[Any, ...],
    expected: tuple[np.ndarray, ...],
    allowed: tuple[np.ndarray, ...],
    dt: np.dtype,
) -> Problem | None:
    for oname, got, exp, lim in zip(kernel.outputs, outputs, expected, allowed, strict=True):
        problem = check_array(got, oname, exp.shape, dt)
        if problem is not None:
            if problem.reason == "wrong dtype" and got.dtype.kind in "fiub":
                agree = bool(np.all(_ratios(got, exp, lim) <= 1))
                problem = Problem(problem.reason, problem.message + (" (Its values agree.)" if agree else ""))
            return problem
    return None


def _allowances(
    kernel: Kernel, args: tuple[Arg, ...], values: list[Any], expected: tuple[np.ndarray, ...], dt: np.dtype
) -> tuple[np.ndarray, ...]:
    """The allowed absolute error of every output entry (budgets from the float64 inputs)."""
    inputs = {a.name: v for a, v in zip(args, _copies(values, _F64), strict=True)}
    with np.errstate(all="ignore"):
        budgets = kernel.budget(inputs, expected)
        return tuple(
            np.broadcast_to(allowance(b, dt), e.shape) for b, e in zip(budgets, expected, strict=True)
        )


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(
        np.array_equal(a, b, equal_nan=a.dtype.kind == "f" and b.dtype.kind == "f")
    )


def _ratios(got: np.ndarray, exp: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """|got − exp|/allowed per entry (0 where both are the same NaN or infinity, inf where only one is)."""
    with np.errstate(all="ignore"):
        g = np.asarray(got, dtype=np.float64)
        err = np.abs(g - exp)
        same = (g == exp) | (np.isnan(g) & np.isnan(exp))
        return np.where(same, 0.0, np.where(np.isnan(err), np.inf, err)) / allowed


def _discrepancy(
    output: str, index: tuple[int, ...], exp: float, got: float, allowed: float, dt: np.dtype
) -> Discrepancy:
    with np.errstate(all="ignore"):
        error = abs(got - exp) if np.isfinite(got) else float("inf")
        spacing = float(np.spacing(dt.type(abs(exp)))) if np.isfinite(exp) else float("nan")
    return Discrepancy(
        output,
        tuple(int(i) for i in index),
        exp,
        got,
        error,
        allowed,
        relative=error / abs(exp) if exp != 0 and np.isfinite(error) else None,
        ulp=error / spacing if np.isfinite(error) and spacing > 0 else None,
        dtype=dt.name,
    )


# -- hints ----------------------------------------------------------------------------------------
def _matches(
    kernel: Kernel,
    args: tuple[Arg, ...],
    before: list[Any],
    outputs: tuple[np.ndarray, ...],
    expected: tuple[np.ndarray, ...],
    allowed: tuple[np.ndarray, ...],
    dt: np.dtype,
) -> tuple[tuple[str, str], ...]:
    """The known mistakes whose output, on these inputs, the student's output agrees with.

    Each mistake runs in the dtype under test (reproducing an overflow the student hit) and
    in float64; it matches if the student's output is within the allowance of it (widened by
    the rounding of the mistake's own values) and the mistake itself disagrees with symdl."""
    longest = max((max(v.shape, default=1) for v in before if isinstance(v, np.ndarray)), default=1)
    found = []
    for mistake in kernel.mistakes:
        if any(label == mistake.label for label, _ in found):
            continue  # another form of a mistake already matched
        for vdt in dict.fromkeys((dt, _F64)):
            try:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    wrong = _run_with(mistake.fn, kernel, args, _copies(before, vdt), vdt)
            except Exception:
                continue
            if any(w.shape != e.shape for w, e in zip(wrong, expected, strict=True)):
                continue
            widened = [
                lim + SAFETY * unit_roundoff(dt) * (longest + 4) * np.nan_to_num(np.abs(w), posinf=0.0)
                for lim, w in zip(allowed, wrong, strict=True)
            ]
            near_student = all(
                np.all(_ratios(o, w, lim) <= 1) for o, w, lim in zip(outputs, wrong, widened, strict=True)
            )
            far_from_key = any(
                np.any(_ratios(w, e, lim) > 1) for w, e, lim in zip(wrong, expected, allowed, strict=True)
            )
            if near_student and far_from_key:
                found.append((mistake.label, mistake.hint))
                break
    return tuple(found)
