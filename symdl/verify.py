"""Tiered proof of equality that never hangs and never overstates.

``prove_equal(a, b)`` tries, in order:

1. cheap canonical forms of ``a - b`` (``cancel``, ``together``/``expand``, the
   substitution ``exp(x) = z`` that turns exponential expressions into rational
   ones, ``rewrite(exp)``), with a case split on the sign of any symbol found
   inside ``Abs``;
2. seeded random evaluation with mpmath at 50 digits over the sampling domain,
   which refutes a wrong claim with a counterexample;
3. ``simplify`` (and ``equals``) under a time limit, to turn a numeric agreement
   into a proof.

The :class:`Proof` it returns is truthy iff the equality holds, and its
``method`` says exactly how that was shown:
``"symbolic, general"``, ``"symbolic for n = 1..4"``, ``"numeric only (...)"``.
"""

from __future__ import annotations

import itertools
import random
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import mpmath
import sympy as sp

from symdl.proof import SYMBOLIC, Proof

if TYPE_CHECKING:
    from symdl.record import Derivation

__all__ = ["Proof", "prove_equal", "prove_relation", "verify", "verify_kernel"]

DIGITS = 50
POINTS = 12


# -- time limits ------------------------------------------------------------------
class _OutOfTime(BaseException):
    """Raised inside SymPy when a time limit expires (BaseException: SymPy must not swallow it)."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[bool]:
    """Yield True if a time limit could be armed (main thread, POSIX), else False."""
    can_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not can_alarm:
        yield False
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- tier 1: cheap canonical forms ------------------------------------------------------
def _exp_to_rational(expr: sp.Expr) -> sp.Expr:
    """Substitute x = log(z) (z > 0) for each real symbol: exponentials become powers of z."""
    reps = {}
    for s in expr.free_symbols:
        if s.is_real:
            reps[s] = sp.log(sp.Dummy(f"z_{s.name}", positive=True))
    return sp.powsimp(sp.expand_log(expr.xreplace(reps), force=True)) if reps else expr


_CANONICAL = (
    sp.cancel,
    lambda e: sp.expand(sp.together(e)),
    lambda e: sp.cancel(_exp_to_rational(e)),
    lambda e: sp.cancel(_exp_to_rational(e.rewrite(sp.exp))),
    lambda e: sp.expand(e.rewrite(sp.exp)),
)


_KINKED = (sp.Abs, sp.Max, sp.Min, sp.Heaviside, sp.sign, sp.Piecewise)


def _sign_cases(expr: sp.Expr) -> list[dict[sp.Symbol, sp.Expr]]:
    """Substitutions x = p and x = −p (p > 0) for each real symbol inside Abs, Max, Min,
    Heaviside, sign or Piecewise, so each case is smooth.  (The single point x = 0 is a
    kink: what a formula means there is a convention, which records state.)"""
    split = sorted(
        {s for a in expr.atoms(*_KINKED) for s in a.free_symbols if s.is_real},
        key=str,
    )
    cases: list[dict[sp.Symbol, sp.Expr]] = [{}]
    for s in split:
        if s.is_positive or s.is_negative:
            continue
        p = sp.Dummy(f"{s.name}_pos", positive=True)
        cases = [c | {s: sign * p} for c in cases for sign in (1, -1)]
    return cases


def _is_zero_cheap(diff: sp.Expr) -> bool:
    if diff == 0:
        return True
    for case in _sign_cases(diff):
        d = diff.xreplace(case) if case else diff
        if not any(_transform_is_zero(f, d) for f in _CANONICAL):
            return False
    return True


def _transform_is_zero(f: Any, expr: sp.Expr) -> bool:
    try:
        return f(expr) == 0
    except (sp.PolynomialError, TypeError, ValueError, NotImplementedError):
        return False


# -- tier 2: numbers -------------------------------------------------------------------
def _default_range(s: sp.Symbol) -> tuple[float, float]:
    if s.is_positive:
        return (0.05, 4.0)
    if s.is_nonnegative:
        return (0.0, 4.0)
    return (-4.0, 4.0)


def _sample(s: sp.Symbol, domain: dict[sp.Symbol, tuple[float, float]], rng: random.Random) -> Any:
    lo, hi = domain.get(s, _default_range(s))
    if s.is_integer:
        return sp.Integer(rng.randint(int(lo), int(hi)))
    # A rational point keeps the substitution exact; evalf then works at DIGITS.
    return sp.Rational(round(rng.uniform(lo, hi) * 10**6), 10**6)


def _numeric_value(expr: sp.Expr, point: dict[sp.Symbol, Any]) -> mpmath.mpc | None:
    value = expr.xreplace(point).evalf(DIGITS)
    try:
        return mpmath.mpmathify(complex(value)) if not value.is_Float else mpmath.mpf(value)
    except (TypeError, ValueError):
        return None


def _numeric_check(
    pairs: Sequence[tuple[sp.Expr, sp.Expr]],
    domain: dict[sp.Symbol, tuple[float, float]],
    seed: int,
) -> tuple[bool, int, dict[str, float] | None]:
    """Compare every pair at POINTS random points; return (agree, points used, counterexample)."""
    symbols = sorted(set().union(*(a.free_symbols | b.free_symbols for a, b in pairs)), key=str)
    rng = random.Random(seed)
    used = 0
    with mpmath.workdps(DIGITS):
        for _ in range(POINTS * 3):
            if used == POINTS:
                break
            point = {s: _sample(s, domain, rng) for s in symbols}
            values = [(_numeric_value(a, point), _numeric_value(b, point)) for a, b in pairs]
            if any(
                va is None or vb is None or not mpmath.isfinite(va) or not mpmath.isfinite(vb)
                for va, vb in values
            ):
                continue  # outside the function's domain (a pole); draw again
            used += 1
            for va, vb in values:
                scale = max(mpmath.mpf(1), abs(va), abs(vb))
                if abs(va - vb) > mpmath.mpf(10) ** (-(DIGITS - 10)) * scale:
                    return False, used, {str(s): float(v) for s, v in point.items()}
    return True, used, None


# -- tier 3: simplify under a time limit --------------------------------------------------
def _is_zero_slow(diff: sp.Expr, timeout: float) -> bool:
    with _time_limit(timeout) as armed:
        if not armed:
            return False
        try:
            for case in _sign_cases(diff):
                d = diff.xreplace(case) if case else diff
                if sp.simplify(d) != 0 and d.equals(0) is not True:
                    return False
            return True
        except _OutOfTime:
            return False


# -- the prover -------------------------------------------------------------------------
def _entries(a: Any, b: Any) -> list[tuple[sp.Expr, sp.Expr]]:
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        a, b = sp.Matrix(a), sp.Matrix(b)
        if a.shape != b.shape:
            raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
        return list(zip(a, b, strict=True))
    return [(sp.sympify(a), sp.sympify(b))]


def prove_equal(
    a: Any,
    b: Any,
    *,
    domain: dict[sp.Symbol, tuple[float, float]] | None = None,
    seed: int = 0,
    timeout: float = 5.0,
) -> Proof:
    """Decide whether ``a == b`` (scalars or matrices) for all values in ``domain``.

    >>> x = sp.Symbol("x", real=True)
    >>> bool(prove_equal(sp.diff(sp.exp(2 * x), x), 2 * sp.exp(2 * x)))
    True
    """
    start = time.perf_counter()
    domain = dict(domain or {})
    pairs = _entries(a, b)
    open_pairs = [(x, y) for x, y in pairs if not _is_zero_cheap(x - y)]
    if not open_pairs:
        return Proof(True, SYMBOLIC, seconds=time.perf_counter() - start)
    agree, used, counterexample = _numeric_check(open_pairs, domain, seed)
    if not agree and not any(x.free_symbols | y.free_symbols for x, y in open_pairs):
        bad = next((x, y) for x, y in open_pairs if abs(sp.N(x - y, DIGITS)) > 10 ** -(DIGITS - 10))
        return Proof(
            False,
            f"exact value, evaluated to {DIGITS} digits",
            detail=f"left {float(sp.N(bad[0])):.6g}, right {float(sp.N(bad[1])):.6g}",
            seconds=time.perf_counter() - start,
        )
    if not agree:
        return Proof(
            False,
            f"numeric counterexample (mpmath, {DIGITS} digits)",
            detail=f"differs at {counterexample}",
            counterexample=counterexample,
            seconds=time.perf_counter() - start,
        )
    if used == 0:
        return Proof(
            False,
            "undecided",
            detail="no sample point inside the domain",
            seconds=time.perf_counter() - start,
        )
    deadline = start + timeout
    for x, y in open_pairs:
        remaining = deadline - time.perf_counter()
        if remaining <= 0 or not _is_zero_slow(x - y, remaining):
            return Proof(
                True,
                f"numeric only (mpmath, {DIGITS} digits, {used} points)",
                seconds=time.perf_counter() - start,
            )
    return Proof(True, SYMBOLIC, detail="by simplify", seconds=time.perf_counter() - start)


def _within(exact: Any, stated: Any, tolerance: float) -> Proof:
    """A worked example: is the note's (rounded) number within ``tolerance`` of the exact value?"""
    start = time.perf_counter()
    worst, worst_at = mpmath.mpf(0), None
    with mpmath.workdps(DIGITS):
        for k, (a, b) in enumerate(_entries(exact, stated)):
            va, vb = a.evalf(DIGITS), b.evalf(DIGITS)
            if va.free_symbols or vb.free_symbols:
                raise ValueError(f"worked example has free symbols: {va.free_symbols | vb.free_symbols}")
            diff = abs(mpmath.mpmathify(complex(va)) - mpmath.mpmathify(complex(vb)))
            if worst_at is None or diff > worst:
                worst, worst_at = diff, (k, float(va), float(vb))
    holds = worst <= tolerance
    method = f"exact value, evaluated to {DIGITS} digits, compared within ±{tolerance:g}"
    detail = (
        "" if holds else (f"entry {worst_at[0]}: exact {worst_at[1]:.6g}, the note says {worst_at[2]:.6g}")
    )
    return Proof(bool(holds), method, detail, seconds=time.perf_counter() - start)


# For each relation a < b (and ≤, >, ≥, ≠): the SymPy assumption on a − b that decides it,
# and the test on a − b's numeric value.
_RELATION = {
    sp.StrictLessThan: ("is_negative", lambda d: d < 0),
    sp.LessThan: ("is_nonpositive", lambda d: d <= 0),
    sp.StrictGreaterThan: ("is_positive", lambda d: d > 0),
    sp.GreaterThan: ("is_nonnegative", lambda d: d >= 0),
    sp.Unequality: ("is_nonzero", lambda d: d != 0),
}


def prove_relation(a: Any, b: Any, relation: type, *, domain: dict | None = None, seed: int = 0) -> Proof:
    """Decide ``a < b`` (or ≤, >, ≥, ≠).

    Exact numbers are decided by evaluation to DIGITS digits; with free symbols a sampled
    counterexample refutes, and agreement at every sample is reported as numeric only.
    """
    start = time.perf_counter()
    assumption, test = _RELATION[relation]
    diff = sp.sympify(a) - sp.sympify(b)
    sign = None
    for form in (diff, sp.cancel(diff), sp.factor(diff)) if diff.free_symbols else ():
        sign = getattr(form, assumption)
        if sign is not None:
            break
    if sign is not None:
        # SymPy's sign inference decided it from the assumptions on the symbols.
        return Proof(
            bool(sign), SYMBOLIC, detail="by the signs SymPy infers", seconds=time.perf_counter() - start
        )
    if not diff.free_symbols:
        value = diff.evalf(DIGITS)
        return Proof(
            bool(test(value)),
            f"exact value, evaluated to {DIGITS} digits",
            detail=f"left − right = {float(value):.6g}",
            seconds=time.perf_counter() - start,
        )
    rng = random.Random(seed)
    symbols = sorted(diff.free_symbols, key=str)
    domain = domain or {}
    with mpmath.workdps(DIGITS):
        for _ in range(POINTS * 4):
            point = {s: _sample(s, domain, rng) for s in symbols}
            value = diff.xreplace(point).evalf(DIGITS)
            if value.is_real is False or not value.is_finite:
                continue
            if not test(value):
                cx = {str(s): float(v) for s, v in point.items()}
                return Proof(
                    False,
                    f"numeric counterexample (mpmath, {DIGITS} digits)",
                    detail=f"fails at {cx}",
                    counterexample=cx,
                    seconds=time.perf_counter() - start,
                )
    return Proof(
        True,
        f"numeric only (mpmath, {DIGITS} digits, {POINTS * 4} points)",
        seconds=time.perf_counter() - start,
    )


def _combine(proofs: Sequence[Proof], sizes: Sequence[int]) -> tuple[bool, str]:
    holds = all(proofs)
    if not holds:
        bad = [n for n, p in zip(sizes, proofs, strict=True) if not p]
        return False, f"fails for n = {', '.join(map(str, bad))}"
    consecutive = list(sizes) == list(range(sizes[0], sizes[0] + len(sizes)))
    if len(sizes) > 1 and consecutive:
        span = f"n = {sizes[0]}..{sizes[-1]}"
    else:
        span = f"n = {', '.join(map(str, sizes))}"
    kind = "symbolic" if all(p.symbolic for p in proofs) else "numeric only"
    return True, f"{kind} for {span}"


def verify(record: Derivation, *, timeout: float = 5.0) -> Proof:
    """Check ``record``'s claim against what SymPy derives, and every step against the previous one."""
    start = time.perf_counter()
    domain = {s: (lo, hi) for s, lo, hi in record.domain}
    if record.sizes:
        assert record.explicit is not None
        proofs = [prove_equal(*record.explicit(n), domain=domain, timeout=timeout) for n in record.sizes]
        holds, method = _combine(proofs, record.sizes)
        detail = next((p.detail for p in proofs if not p), "")
        counterexample = next((p.counterexample for p in proofs if not p), None)
        main = Proof(holds, method, detail, counterexample)
    elif record.tolerance is not None:
        main = _within(record.derived, record.expand(record.claim.rhs), record.tolerance)
    elif not isinstance(record.claim, sp.Eq):
        main = prove_relation(
            record.derived, record.expand(record.claim.rhs), type(record.claim), domain=domain
        )
    else:
        main = prove_equal(record.derived, record.expand(record.claim.rhs), domain=domain, timeout=timeout)

    steps: tuple[Proof, ...] = ()
    if record.steps:
        chain = [record.derived, *(record.expand(s.expr) for s in record.steps)]
        steps = tuple(
            prove_equal(prev, nxt, domain=domain, timeout=timeout) for prev, nxt in itertools.pairwise(chain)
        )
    holds = main.holds and all(steps)
    detail = main.detail
    if main.holds and not all(steps):
        bad = next(i for i, p in enumerate(steps, 1) if not p)
        detail = f"step {bad} does not follow from the one before it"
    return Proof(holds, main.method, detail, main.counterexample, steps, time.perf_counter() - start)


def verify_kernel(record: Derivation, *, timeout: float = 5.0) -> Proof:
    """Prove that the expression(s) ``record``'s kernel is generated from equal what was derived.

    An elementwise kernel's expression (often a numerically stable rewrite) must equal
    ``record.derived``.  A loop kernel's stages are run symbolically by
    :func:`symdl.codegen.evaluate` for each reference size and compared, output by
    output, with the reference the catalog derives for that size.
    """
    from symdl.codegen.spec import Elementwise, as_matrix, evaluate

    start = time.perf_counter()
    spec = record.kernel
    if spec is None:
        raise ValueError(f"{record.name} has no kernel")
    domain = {s: (lo, hi) for s, lo, hi in record.domain}
    if isinstance(spec, Elementwise):
        if spec.defines:
            return Proof(
                True,
                SYMBOLIC,
                detail="the claim is derived from the kernel's own expression",
                seconds=time.perf_counter() - start,
            )
        proof = prove_equal(spec.full_expr, record.derived, domain=domain, timeout=timeout)
        return Proof(
            proof.holds, proof.method, proof.detail, proof.counterexample, seconds=time.perf_counter() - start
        )
    if spec.reference is None or not spec.reference_sizes:
        raise ValueError(f"{record.name}: loop kernel {spec.name} has no reference to be proved against")
    proofs = []
    for n in spec.reference_sizes:
        dims, expected, *fixed = spec.reference(n)
        values = evaluate(spec, dims, fixed[0] if fixed else None)
        pairs = [
            (as_matrix(values[base], tuple(int(d.xreplace(dims)) for d in base.shape)), want)
            for base, want in expected.items()
        ]
        got = sp.Matrix.vstack(*(sp.Matrix(p[0]).reshape(len(p[0]), 1) for p in pairs))
        want = sp.Matrix.vstack(*(sp.Matrix(p[1]).reshape(len(p[1]), 1) for p in pairs))
        proofs.append(prove_equal(got, want, domain=domain, timeout=timeout))
    holds, method = _combine(proofs, spec.reference_sizes)
    bad = next((p for p in proofs if not p), None)
    return Proof(
        holds,
        method,
        bad.detail if bad else "",
        bad.counterexample if bad else None,
        seconds=time.perf_counter() - start,
    )
