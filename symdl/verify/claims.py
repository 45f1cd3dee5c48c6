"""Verifying a record: its claim, its steps, its explicit-size cross-check, its kernel.

In: a :class:`~symdl.record.Derivation` (any record; this module knows no formula).  Out: a
:class:`~symdl.proof.Proof` whose ``method`` names how the main claim was shown, with one
proof per step and the explicit-size cross-check attached.

How the main claim is decided, by what the record carries:

* ``induction`` -- the base case and the inductive step, each proved symbolically (for a
  symbolic size as well, where they contain sums): "symbolic, general (induction on t)";
* a worked example (``tolerance``) -- the exact value against the note's rounded number;
* a relation (<, ≤, …) -- :func:`~symdl.verify.relation.prove_relation`;
* otherwise the claim's right side against what SymPy derived (the index form in ``indexed``
  when the claim is written with matrices), with the record's ``facts``;
* only ``sizes`` and ``explicit`` -- explicit symbolic matrices of each size: "symbolic for
  n = 1..4", which says exactly that and no more.

Explicit sizes next to a general proof are a cross-check: run under the same budget and
reported beside it; if they disagree with the general proof, the record fails.  Every step is
proved equal to the one before it (the first to what SymPy derived), for a general size too.
The whole verification shares one time budget.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import mpmath
import sympy as sp

from symdl.proof import SYMBOLIC, Proof
from symdl.verify import numeric
from symdl.verify.budget import Budget, OutOfTime
from symdl.verify.equal import prove_equal, undecided
from symdl.verify.relation import prove_relation

if TYPE_CHECKING:
    from symdl.record import Derivation

__all__ = ["verify", "verify_kernel"]


def _domain(record: Derivation) -> dict:
    return {s: (lo, hi) for s, lo, hi in record.domain}


def _within(exact: Any, stated: Any, tolerance: float, budget: Budget) -> Proof:
    """A worked example: is the note's (rounded) number within ``tolerance`` of the exact value?"""
    from symdl.verify.equal import entries

    start = time.perf_counter()
    worst, worst_at = mpmath.mpf(0), None
    try:
        with budget.limit(), mpmath.workdps(numeric.DIGITS):
            for k, (a, b) in enumerate(entries(exact, stated)):
                va, vb = a.evalf(numeric.DIGITS), b.evalf(numeric.DIGITS)
                if va.free_symbols or vb.free_symbols:
                    raise ValueError(f"worked example has free symbols: {va.free_symbols | vb.free_symbols}")
                diff = abs(mpmath.mpmathify(complex(va)) - mpmath.mpmathify(complex(vb)))
                if worst_at is None or diff > worst:
                    worst, worst_at = diff, (k, float(va), float(vb))
    except OutOfTime:
        return undecided("time limit", start)
    holds = worst <= tolerance
    method = f"exact value, evaluated to {numeric.DIGITS} digits, compared within ±{tolerance:g}"
    detail = "" if holds else f"entry {worst_at[0]}: exact {worst_at[1]:.6g}, the note says {worst_at[2]:.6g}"
    return Proof(bool(holds), method, detail, seconds=time.perf_counter() - start)


def _span(sizes: Sequence[int], name: str) -> str:
    consecutive = list(sizes) == list(range(sizes[0], sizes[0] + len(sizes)))
    if len(sizes) > 1 and consecutive:
        return f"{name} = {sizes[0]}..{sizes[-1]}"
    return f"{name} = {', '.join(map(str, sizes))}"


def _explicit(pairs_of: Any, sizes: Sequence[int], domain: dict, budget: Budget, name: str = "n") -> Proof:
    """The claim on explicit symbolic matrices of each size (building them is budgeted too)."""
    start = time.perf_counter()
    proofs = []
    for n in sizes:
        try:
            with budget.limit():
                derived, claimed = pairs_of(n)
        except OutOfTime:
            return undecided("time limit", start, f"building the n = {n} case ran out of time")
        proof = prove_equal(derived, claimed, domain=domain, budget=budget)
        proofs.append(proof)
        if not proof:
            break
    bad = next((p for n, p in zip(sizes, proofs, strict=False) if not p), None)
    if bad is not None:
        n = sizes[proofs.index(bad)]
        if bad.undecided:
            return Proof(
                False, bad.method, f"{name} = {n}: {bad.detail}", seconds=time.perf_counter() - start
            )
        return Proof(
            False,
            bad.method,
            f"fails for {name} = {n}: {bad.detail}",
            bad.counterexample,
            seconds=time.perf_counter() - start,
        )
    kind = "symbolic" if all(p.symbolic for p in proofs) else "numeric only"
    return Proof(True, f"{kind} for {_span(sizes, name)}", seconds=time.perf_counter() - start)


_BOUNDS = (sp.LessThan, sp.StrictLessThan, sp.GreaterThan, sp.StrictGreaterThan)


def _bound_parts(record: Derivation, budget: Budget) -> list[tuple[str, Any]]:
    """The checks of an induction for a bound P ? B (? one of <, ≤, >, ≥): the base in the
    relation; the step's map f nondecreasing in the previous value; f(B) ? B at n + 1; and the
    two right sides the record gives are the claim's B at the start and at n + 1."""
    ind, relation = record.induction, type(record.claim)
    if relation not in _BOUNDS:
        raise ValueError(f"{record.name}: an induction proves an equality or a bound (<, ≤, >, ≥)")
    previous = ind.previous
    if previous is None or not previous.is_Symbol:
        raise ValueError(f"{record.name}: an induction for a bound needs 'previous', the value at n")
    if any(
        getattr(previous, f"is_{a}") for a in ("positive", "negative", "nonnegative", "nonpositive", "zero")
    ):
        # An assumed sign would be an unproved hypothesis about the quantity itself.
        raise ValueError(f"{record.name}: 'previous' must be a real symbol with no assumed sign")
    domain, facts = _domain(record), record.facts
    bound = record.claim.rhs
    f, next_bound = (record.expand(e) for e in ind.step)
    n = ind.variable

    def relate(a: Any, b: Any, rel: type) -> Proof:
        return prove_relation(a, b, rel, domain=domain, budget=budget, facts=facts)

    def equal(a: Any, b: Any) -> Proof:
        return prove_equal(record.expand(a), record.expand(b), domain=domain, budget=budget, facts=facts)

    return [
        (f"base case ({n} = {ind.start})", lambda: relate(*(record.expand(e) for e in ind.base), relation)),
        ("the base's bound is the claim's", lambda: equal(ind.base[1], bound.subs(n, ind.start))),
        (
            "inductive step: the map is nondecreasing in the value at n",
            lambda: relate(sp.diff(f, previous), 0, sp.GreaterThan),
        ),
        (
            "inductive step",
            lambda: relate(f.xreplace({previous: record.expand(bound)}), next_bound, relation),
        ),
        ("the step's bound is the claim's at n + 1", lambda: equal(ind.step[1], bound.subs(n, n + 1))),
    ]


def _induction(record: Derivation, budget: Budget) -> Proof:
    ind = record.induction
    start = time.perf_counter()
    domain, facts = _domain(record), record.facts
    if isinstance(record.claim, sp.Eq):

        def equal(pair: tuple) -> Any:
            sides = (record.expand(e) for e in pair)
            return lambda: prove_equal(*sides, domain=domain, budget=budget, facts=facts)

        checks = [
            (f"base case ({ind.variable} = {ind.start})", True, equal(ind.base)),
            ("inductive step", False, equal(ind.step)),
        ]
    else:  # a bound: its first two checks are about the base, the rest about the step
        checks = [(what, k < 2, check) for k, (what, check) in enumerate(_bound_parts(record, budget))]
    parts = []
    for what, is_base, check in checks:
        proof = check()
        if not proof:
            return Proof(
                False,
                proof.method,
                f"{what}: {proof.detail}",
                proof.counterexample,
                seconds=time.perf_counter() - start,
            )
        parts.append((is_base, proof))
    # The weakest method among the base's checks, and among the step's, names how each was shown.
    base, step = (
        next(
            (p for b, p in parts if b == side and p.method != SYMBOLIC),
            next(p for b, p in parts if b == side),
        )
        for side in (True, False)
    )
    if base.method == step.method == SYMBOLIC:
        return Proof(True, f"{SYMBOLIC} (induction on {ind.variable})", seconds=time.perf_counter() - start)
    # Numbers for a base or a step are evidence, not an induction: say which.
    return Proof(
        True,
        f"induction on {ind.variable}: base {base.method}; step {step.method}",
        seconds=time.perf_counter() - start,
    )


def _main(record: Derivation, budget: Budget) -> Proof:
    domain, facts = _domain(record), record.facts
    if record.induction is not None:
        return _induction(record, budget)
    if record.tolerance is not None:
        return _within(record.derived, record.expand(record.claim.rhs), record.tolerance, budget)
    if record.indexed is not None:
        derived, claimed = (record.expand(e) for e in record.indexed)
        return prove_equal(derived, claimed, domain=domain, budget=budget, facts=facts)
    if record.sizes and record.derived_expr is None:
        return _explicit(record.explicit, record.sizes, domain, budget, record.size_name)
    rhs = record.expand(record.claim.rhs)
    if not isinstance(record.claim, sp.Eq):
        return _relation(record, rhs, budget)
    return prove_equal(record.derived, rhs, domain=domain, budget=budget, facts=facts)


_STRICT = {sp.LessThan: sp.StrictLessThan, sp.GreaterThan: sp.StrictGreaterThan}
_WEAK = {strict: weak for weak, strict in _STRICT.items()}


def _relation(record: Derivation, rhs: Any, budget: Budget) -> Proof:
    """A relation claim: what was derived against the claim's right side, or else a step
    against it.  A step's verdict carries over to what was derived through the chain before it
    (verify proves each step equal to the one before it, or in its stated relation, and fails
    the record if one does not follow) -- when every link points the claim's way: for
    derived ≤ rhs, links =, ≤ or <; a strict claim needs one strict link or a strict last one."""
    domain, facts = _domain(record), record.facts
    relation = type(record.claim)
    weak = _WEAK.get(relation, relation)
    first = prove_relation(record.derived, rhs, relation, domain=domain, budget=budget, facts=facts)
    if first.general or not record.steps or first.counterexample:
        return first
    strict = False
    for k, step in enumerate(record.steps, 1):
        if step.relation is not None and step.relation not in (weak, _STRICT.get(weak)):
            break  # a link the other way: no step after it bounds what was derived
        strict = strict or step.relation in _WEAK
        last = weak if strict else relation
        evaluated, held = (record.expand(step.expr, integrals=i) for i in (True, False))
        for value in (evaluated,) if held == evaluated else (evaluated, held):
            proof = prove_relation(value, rhs, last, domain=domain, budget=budget, facts=facts)
            if proof.general and proof.holds:
                return Proof(True, proof.method, f"{proof.detail}, for step {k}", seconds=proof.seconds)
    return first


def _chain_start(record: Derivation) -> Any:
    """Where a record's steps start, as written: what SymPy derives -- the index form, or for an
    induction the quantity of the inductive step (the steps then show how the step is made)."""
    if record.induction is not None:
        return record.induction.step[0]
    if record.indexed is not None:
        return record.indexed[0]
    return record.derived_expr if record.derived_expr is not None else record.claim.lhs


def _bound_step(record: Derivation, before: Any, after: Any, relation: type, budget: Budget) -> Proof:
    """One step as a bound on the one before it, both with their integrals as written (a bound
    between two integrals over one interval is a bound between their integrands)."""
    return prove_relation(
        record.expand(before, integrals=False),
        record.expand(after, integrals=False),
        relation,
        domain=_domain(record),
        budget=budget,
        facts=record.facts,
    )


def verify(record: Derivation, *, timeout: float = 10.0) -> Proof:
    """Check ``record``'s claim against what SymPy derives, every step against the one before it,
    and a general proof against explicit sizes -- all within ``timeout`` seconds."""
    start = time.perf_counter()
    budget = Budget(timeout)
    main = _main(record, budget)
    domain, facts = _domain(record), record.facts

    cross = None
    general = record.induction is not None or record.indexed is not None or record.derived_expr is not None
    if record.sizes and general:
        cross = _explicit(record.explicit, record.sizes, domain, budget, record.size_name)

    steps: tuple[Proof, ...] = ()
    if record.steps:
        written = [_chain_start(record), *(s.expr for s in record.steps)]
        expanded = [record.expand(e) for e in written]
        steps = tuple(
            prove_equal(*pair, domain=domain, budget=budget, facts=facts)
            if step.relation is None
            else _bound_step(record, *sources, step.relation, budget)
            for step, sources, pair in zip(
                record.steps, itertools.pairwise(written), itertools.pairwise(expanded), strict=True
            )
        )

    if record.shown_for and main.method.startswith(SYMBOLIC):
        main = Proof(
            main.holds,
            f"symbolic for {record.shown_for}",
            main.detail,
            main.counterexample,
            seconds=main.seconds,
        )
    holds, detail = main.holds, main.detail
    if main.holds and not all(steps):
        bad = next(i for i, p in enumerate(steps, 1) if not p)
        holds, detail = False, f"step {bad} is not shown to follow from the one before it: {steps[bad - 1]}"
    if cross is not None and not cross.undecided and cross.holds != main.holds and not main.undecided:
        holds, detail = False, f"the explicit-size cross-check disagrees: {cross}"
    method = main.method
    return Proof(holds, method, detail, main.counterexample, steps, time.perf_counter() - start, cross)


def verify_kernel(record: Derivation, *, timeout: float = 10.0) -> Proof:
    """Prove that the expression(s) ``record``'s kernel is generated from equal what was derived.

    An elementwise kernel's expression (often a numerically stable rewrite) must equal
    ``record.derived``.  A loop kernel's stages are run symbolically by
    :func:`symdl.codegen.spec.evaluate` for each reference size and compared, output by
    output, with the reference the catalog derives for that size.
    """
    from symdl.codegen.spec import Elementwise, as_matrix, evaluate

    start = time.perf_counter()
    budget = Budget(timeout)
    spec = record.kernel
    if spec is None:
        raise ValueError(f"{record.name} has no kernel")
    domain = _domain(record)
    if isinstance(spec, Elementwise):
        if spec.defines:
            return Proof(
                True,
                SYMBOLIC,
                "the claim is derived from the kernel's own expression",
                seconds=time.perf_counter() - start,
            )
        proof = prove_equal(spec.full_expr, record.derived, domain=domain, budget=budget)
        return Proof(
            proof.holds, proof.method, proof.detail, proof.counterexample, seconds=time.perf_counter() - start
        )
    if spec.reference is None or not spec.reference_sizes:
        raise ValueError(f"{record.name}: loop kernel {spec.name} has no reference to be proved against")

    def pairs_of(n: int) -> tuple[sp.Matrix, sp.Matrix]:
        dims, expected, *fixed = spec.reference(n)
        values = evaluate(spec, dims, fixed[0] if fixed else None)
        pairs = [
            (as_matrix(values[base], tuple(int(d.xreplace(dims)) for d in base.shape)), want)
            for base, want in expected.items()
        ]
        got = sp.Matrix.vstack(*(sp.Matrix(p[0]).reshape(len(p[0]), 1) for p in pairs))
        want = sp.Matrix.vstack(*(sp.Matrix(p[1]).reshape(len(p[1]), 1) for p in pairs))
        return got, want

    def shifts_free(n: int) -> tuple[sp.Matrix, sp.Matrix]:
        # A shift taken out before exponentials (max(z) in a softmax) cancels: if the kernel's
        # output equals the reference with every maximum replaced by an arbitrary symbol, it
        # equals it for the maximum too -- and the proof needs no case split on which is largest.
        got, want = pairs_of(n)
        return got.xreplace({m: sp.Dummy("shift", real=True) for m in got.atoms(sp.Max)}), want

    if _has_maximum(spec):
        proof = _explicit(shifts_free, spec.reference_sizes, domain, budget)
        if proof.holds:
            detail = "the shift by the maximum proved to cancel"
            return Proof(True, proof.method, detail, seconds=time.perf_counter() - start)
        budget = Budget(timeout)
    proof = _explicit(pairs_of, spec.reference_sizes, domain, budget)
    return Proof(
        proof.holds, proof.method, proof.detail, proof.counterexample, seconds=time.perf_counter() - start
    )


def _has_maximum(spec: Any) -> bool:
    from symdl.codegen.spec import Maximum

    return any(st.rhs.has(Maximum) for st in (*spec.stages, *spec.body))
