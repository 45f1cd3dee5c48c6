"""Loop kernels: one :class:`~symdl.codegen.spec.Loops` spec → a ``_serial`` or ``_parallel`` function.

In: a spec.  Out: the source of one ``njit`` function taking the inputs, the outputs (written
in place) and ``threads``.  The stages are grouped into nests (:mod:`symdl.codegen.fusion`);
a mean followed by sums centred on it becomes one blocked pass (:mod:`symdl.codegen.centred`);
every other nest is printed by :mod:`symdl.codegen.nests`.  With ``scan = (t, T)`` the
``body`` stages run once for each ``t`` after the ``stages``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import sympy as sp

from symdl.codegen.centred import emit_centred, find_centred
from symdl.codegen.fusion import (
    Group,
    clusters,
    group_local_temporaries,
    group_stages,
    memory_order,
    row_index,
)
from symdl.codegen.nests import Emitter, emit_group
from symdl.codegen.printer import Widen, print_expr
from symdl.codegen.spec import Assign, Loops, reductions

__all__ = ["loops_source"]


def _emit_stages(em: Emitter, stmts: Sequence[Assign], depth: int, parallel_ok: bool) -> None:
    groups = group_stages(stmts, em.order)
    k = 0
    while k < len(groups) - 1:
        c = find_centred(groups[k], groups[k + 1], em.order)
        if c is None:
            k += 1
            continue
        _emit_stages_plain(em, groups[:k], depth, parallel_ok)
        emit_centred(em, c, depth, parallel_ok)
        groups = groups[k + 2 :]
        k = 0
    _emit_stages_plain(em, groups, depth, parallel_ok)


def _emit_stages_plain(em: Emitter, groups: list[Group], depth: int, parallel_ok: bool) -> None:
    for cluster in clusters(groups, em.order):
        if len(cluster) == 1:
            emit_group(em, cluster[0], depth, parallel_ok)
            continue
        row = row_index(cluster[0], em.order)
        em.emit(depth, f"for {row} in {'prange' if parallel_ok else 'range'}({em.bound(row)}):")
        for g in cluster:
            emit_group(em, g, depth + 1, False, frozenset({row}))


def _renamer(kept: dict[sp.IndexedBase, sp.IndexedBase]) -> Callable[[sp.Basic], sp.Basic]:
    """A function that reads and writes each array of ``kept`` as its float64 temporary."""

    def rename(e: sp.Basic) -> sp.Basic:
        return e.replace(
            lambda ix: isinstance(ix, sp.Indexed) and ix.base in kept, lambda ix: kept[ix.base][ix.indices]
        )

    return rename


def statistics_in_float64(spec: Loops) -> Loops:
    """``spec`` with each output that is computed from a reduction (a statistic: a mean, a
    variance, 1/√(σ² + ε)) and read by later stages computed into a float64 temporary instead,
    which those stages read, and stored into the output by a last stage.  Read back from a
    float32 output, a mean would come rounded to float32, and x − μ loses every digit that
    rounding took when |μ| ≫ σ.  (A renaming and a copy: the mathematics is unchanged.)"""
    if spec.scan is not None:
        return spec
    outputs = {o for o in spec.outputs if isinstance(o, sp.IndexedBase)}
    kept: dict[sp.IndexedBase, sp.IndexedBase] = {}
    for k, st in enumerate(spec.stages):
        base = st.lhs.base
        if (
            base in outputs
            and reductions(st.rhs)
            and any(later.rhs.has(base) for later in spec.stages[k + 1 :])
        ):
            kept[base] = sp.IndexedBase(f"{base.label}_f64", shape=base.shape)
    if not kept:
        return spec
    rename = _renamer(kept)
    stages = [Assign(rename(st.lhs), rename(st.rhs)) for st in spec.stages]
    stores = [Assign(st.lhs, rename(st.lhs)) for st in spec.stages if st.lhs.base in kept]
    return dataclasses.replace(spec, stages=tuple(stages + stores))


def scan_state_in_float64(spec: Loops) -> tuple[Loops, tuple[Assign, ...]]:
    """``spec`` with each output that a scan's body writes and reads back (its carried state,
    BPTT's running product P) kept in a float64 temporary for the whole kernel, and the stages
    that store it into the output once, after the scan.  Stored into a float32 output at every
    step, the state would be rounded T times, and every step would widen it again inside its
    O(n³) product.  (A renaming and a copy: the mathematics is unchanged.)"""
    if spec.scan is None:
        return spec, ()
    outputs = {o for o in spec.outputs if isinstance(o, sp.IndexedBase)}
    written = {st.lhs.base for st in spec.body}
    kept = {
        base: sp.IndexedBase(f"{base.label}_f64", shape=base.shape)
        for base in outputs & written
        if any(st.rhs.has(base) for st in spec.body)
    }
    if not kept:
        return spec, ()
    rename = _renamer(kept)

    def renamed(stmts: tuple[Assign, ...]) -> tuple[Assign, ...]:
        return tuple(Assign(rename(st.lhs), rename(st.rhs)) for st in stmts)

    last = {st.lhs.base: st.lhs for st in spec.stages + spec.body if st.lhs.base in kept}
    stores = tuple(Assign(lhs, rename(lhs)) for lhs in last.values())
    return dataclasses.replace(spec, stages=renamed(spec.stages), body=renamed(spec.body)), stores


def widen_reads(spec: Loops) -> Loops:
    """``spec`` with every read of a float array wrapped in :class:`~symdl.codegen.printer.Widen`:
    all arithmetic runs in float64 whatever the arrays' dtype, and a float32 result is rounded
    once, when it is stored.  (Widen is the identity in mathematics: the proofs, which run on the
    spec itself, are unchanged.)  Integer arrays -- class labels -- are read as they are."""
    floats = {a for a in spec.arrays if a not in spec.integer_inputs}

    def widen(e: sp.Expr) -> sp.Expr:
        return e.replace(lambda ix: isinstance(ix, sp.Indexed) and ix.base in floats, Widen)

    return dataclasses.replace(
        spec,
        stages=tuple(Assign(st.lhs, widen(st.rhs)) for st in spec.stages),
        body=tuple(Assign(st.lhs, widen(st.rhs)) for st in spec.body),
    )


def loops_source(spec: Loops, *, parallel: bool = True, compensated: bool = True) -> str:
    """``{name}_parallel`` (outer loops are ``prange``) or ``{name}_serial`` (all ``range``);
    with ``compensated=False`` the float32 twin ``{name}_parallel_f32`` / ``{name}_serial_f32``,
    whose float64 sums carry no compensation (see :data:`symdl.codegen.nests.COMPENSATION`)."""
    spec, stores = scan_state_in_float64(statistics_in_float64(spec))
    spec = widen_reads(spec)
    order = memory_order(spec)
    em = Emitter(spec, order)
    em.local_temporaries = group_local_temporaries(spec, order)
    em.compensated = compensated
    args = [str(a.label) if isinstance(a, sp.IndexedBase) else str(a) for a in spec.inputs + spec.outputs]
    variant = "parallel" if parallel else "serial"
    em.emit(0, f"@njit_{variant}")
    suffix = "" if compensated else "_f32"
    em.emit(0, f"def {spec.name}_{variant}{suffix}({', '.join([*args, 'threads'])}):")
    for d, text in em.dim.items():
        em.emit(1, f"{d} = {text}")
    for tmp in spec.temporaries:
        if tmp in em.local_temporaries:
            continue
        em.emit(1, f"{tmp.label} = empty_f64(({', '.join(print_expr(d) for d in tmp.shape)},))")
    _emit_stages(em, spec.stages, 1, parallel)
    if spec.scan is not None:
        t, _ = spec.scan
        em.emit(1, f"for {t} in range({em.bound(t)}):")
        _emit_stages(em, spec.body, 2, parallel)
        _emit_stages(em, stores, 1, parallel)
    return "\n".join(em.lines) + "\n"
