"""Fusion: which stages of a :class:`~symdl.codegen.spec.Loops` spec share a loop nest.

In: a spec's stages.  Out: the loop order (:func:`memory_order`), groups of consecutive
stages that run in one nest (:func:`group_stages`), and clusters of nests that run inside
one loop over rows (:func:`clusters`).

The hazard rules, each chosen so that fused code computes exactly what running the stages
one after another would:

* loop order follows memory order: an index that appears earlier in a subscript
  (``x[i, j]``: ``i`` before ``j``) is looped outside, so row-major arrays are walked
  contiguously;
* consecutive stages over the same indices share one nest -- a reduction only if what it
  sums does not read the results of the reductions before it in the nest, a pointwise
  stage only if it reads earlier results at its own element;
* consecutive nests over the same row index share one loop over rows only if each reads
  earlier results at its own row, writes rows only by that index, and writes nothing an
  earlier nest reads at another row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from symdl.codegen.spec import Assign, Loops, reductions, sum_index

__all__ = ["Group", "clusters", "group_local_temporaries", "group_stages", "memory_order", "row_index"]


def memory_order(spec: Loops) -> list[sp.Idx]:
    """Indices ordered so that each array's subscripts run outer → inner."""
    before: dict[sp.Idx, set[sp.Idx]] = {}
    stmts = spec.stages + spec.body
    for st in stmts:
        for ix in itertools.chain([st.lhs], st.rhs.atoms(sp.Indexed)):
            subs = [i for i in ix.indices if isinstance(i, sp.Idx)]
            for k, i in enumerate(subs):
                before.setdefault(i, set()).update(subs[:k])
        for s in reductions(st.rhs):
            before.setdefault(sum_index(s), set())
    order: list[sp.Idx] = []
    pending = dict(before)
    while pending:
        ready = sorted((i for i, deps in pending.items() if deps <= set(order)), key=str)
        if not ready:
            raise ValueError(f"{spec.name}: subscripts give no consistent loop order")
        order.append(ready[0])
        del pending[ready[0]]
    return order


@dataclass
class Group:
    free: tuple[sp.Idx, ...]
    red: sp.Idx | None
    stages: list[Assign]


def group_stages(stmts: Sequence[Assign], order: list[sp.Idx]) -> list[Group]:
    """Fuse consecutive stages that can share one loop nest."""
    groups: list[Group] = []
    for st in stmts:
        free = tuple(i for i in order if i in st.lhs.indices)
        sums = reductions(st.rhs)
        reds = {sum_index(s) for s in sums}
        if len(reds) > 1:
            raise ValueError(f"stage {st.lhs} reduces over more than one index")
        red = next(iter(reds), None)
        g = groups[-1] if groups else None
        written = {s.lhs.base for s in g.stages} if g else set()
        # A reduction may share a pass with earlier ones if what it sums does not read their
        # results (reads outside the Sum happen after the pass, in stage order).
        summed = {ix.base for s in sums for ix in s.function.atoms(sp.Indexed)}
        # A pointwise stage may join only if it reads earlier results at its own element.
        same_element = g is not None and all(
            ix in {s.lhs for s in g.stages} for ix in st.rhs.atoms(sp.Indexed) if ix.base in written
        )
        if (
            g
            and g.free == free
            and g.red == red
            and not summed & written
            and (red is not None or same_element)
        ):
            g.stages.append(st)
        else:
            groups.append(Group(free, red, [st]))
    return groups


def group_local_temporaries(spec: Loops, order: list[sp.Idx]) -> frozenset[sp.IndexedBase]:
    """Temporaries written and read only inside one pointwise nest (Adadelta's step Δθ between
    E[g²] and E[Δθ²]): each element is used where it is made, so it needs no array -- the nest
    substitutes its value into the later stages and stores nothing."""
    local = set()
    statements = spec.stages + spec.body
    groups = group_stages(spec.stages, order) + group_stages(spec.body, order)
    for tmp in spec.temporaries:
        writers = [g for g in groups if any(st.lhs.base == tmp for st in g.stages)]
        if len(writers) != 1 or writers[0].red is not None:
            continue
        inside = {id(st) for st in writers[0].stages}
        read_outside = any(
            ix.base == tmp for st in statements if id(st) not in inside for ix in st.rhs.atoms(sp.Indexed)
        )
        if not read_outside:
            local.add(tmp)
    return frozenset(local)


def row_index(g: Group, order: list[sp.Idx]) -> sp.Idx | None:
    """The outermost loop of ``g`` if nests may share it: a free index, with any reduction
    innermost (a row reduction).  None otherwise."""
    nest = [i for i in order if i in g.free or i == g.red]
    if len(nest) < 2 or nest[0] == g.red or (g.red is not None and nest[-1] != g.red):
        return None
    return nest[0]


def _row_local(ix: sp.Indexed, row: sp.Idx) -> bool:
    return bool(ix.indices) and ix.indices[0] == row


def _can_join(cluster: list[Group], g: Group, row: sp.Idx) -> bool:
    """May ``g`` run inside the cluster's loop over ``row``?  Only if, row by row, it sees what
    running the nests one after another would: it reads earlier results at its own row only,
    writes rows only by ``row``, and writes nothing earlier nests read at other rows."""
    earlier = [st for h in cluster for st in h.stages]
    written = {st.lhs.base for st in earlier}
    reads = [ix for st in g.stages for ix in st.rhs.atoms(sp.Indexed)]
    if not all(_row_local(ix, row) for ix in reads if ix.base in written):
        return False
    if not all(_row_local(st.lhs, row) for st in g.stages):
        return False
    mine = {st.lhs.base for st in g.stages}
    earlier_reads = [ix for st in earlier for ix in st.rhs.atoms(sp.Indexed)]
    return all(_row_local(ix, row) for ix in earlier_reads if ix.base in mine)


def clusters(groups: list[Group], order: list[sp.Idx]) -> list[list[Group]]:
    """Consecutive nests over the same row index i that :func:`_can_join`: they run inside one
    loop over i, so each row stays in cache from the first pass to the last."""
    out: list[list[Group]] = []
    for g in groups:
        row = row_index(g, order)
        last = out[-1] if out else None
        if last and row is not None and row_index(last[0], order) == row and _can_join(last, g, row):
            last.append(g)
        else:
            out.append([g])
    return out
