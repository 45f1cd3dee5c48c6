"""Centred passes: a mean and the column sums that centre on it, in one blocked pass.

In: two consecutive groups -- a mean over the rows, then reductions whose summands are
polynomials in that mean (BatchNorm's Σ(x − μ)², Σdy·(x − μ)).  Out: one pass over blocks of
rows small enough to stay in cache: each block's own mean, its centred sums from cache, then
the blocks merged with exact shift formulas (Chan et al.'s pairwise update, for any summand
polynomial in the mean).  Exact for a large mean and a tiny spread, where Σx² − Nμ² is not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from symdl.codegen.fusion import Group
from symdl.codegen.nests import Emitter
from symdl.codegen.printer import print_expr
from symdl.codegen.spec import Assign, indices, reductions

__all__ = ["BLOCK_ELEMENTS", "ROW_UNROLL", "Centred", "emit_centred", "find_centred"]


BLOCK_ELEMENTS = 16384
"""Elements of one block of rows in a blocked centred pass: x and dy blocks (2 × 128 KiB in
float64) stay in the L2 cache between the block's two sweeps."""

ROW_UNROLL = 4
"""Rows per iteration of a blocked pass's sweeps.  The sweeps accumulate into column arrays
that do not stay in registers; per row, that load and store of every accumulator was the
pass's bottleneck.  BatchNorm 8192x512 float64, statistics pass alone, medians of 21 calls
alternating in one process, two runs: one row at a time 2.3-3.0 ms, two rows 2.0-2.4 ms, four
rows 2.0-2.1 ms."""


@dataclass
class Centred:
    """A mean (``mean``, over ``red``) and the reductions after it that use it: each summand is
    a polynomial in the mean, kept with its derivatives in the mean (``derivs[k][L]``)."""

    mean_stage: Assign
    group: Group
    sums: list[sp.Sum]
    derivs: list[list[sp.Expr]]

    @property
    def mean_at(self) -> sp.Indexed:
        """The mean's element (``mu[j]``), as the centred sums read it."""
        return self.mean_stage.lhs

    @property
    def mean_sum(self) -> sp.Sum:
        (total,) = reductions(self.mean_stage.rhs)
        return total


def find_centred(g1: Group, g2: Group, order: list[sp.Idx]) -> Centred | None:
    """Whether ``g1`` is a mean over a column-sum index that ``g2``'s column sums centre on.

    Then both can share one pass (:func:`emit_centred`): blocks of rows small enough to stay in
    cache get their own mean and centred sums (two sweeps, the second from cache), merged with
    exact shift formulas -- Chan et al.'s pairwise update, for any summand polynomial in the mean.
    """
    red = g1.red
    if red is None or g2.red != red or g1.free != g2.free or len(g1.stages) != 1:
        return None
    nest = [i for i in order if i in g1.free or i == red]
    if nest[0] != red:
        return None
    (stage,) = g1.stages
    sums = list(reductions(stage.rhs))
    count = red.upper + 1
    if len(sums) != 1 or not isinstance(sums[0], sp.Sum) or sp.expand(stage.rhs * count - sums[0]) != 0:
        return None
    mean_at = stage.lhs
    g2_sums = sorted(reductions(sp.Tuple(*(st.rhs for st in g2.stages))), key=str)
    if not g2_sums or not all(isinstance(r, sp.Sum) for r in g2_sums):
        return None
    derivs: list[list[sp.Expr]] = []
    for r in g2_sums:
        f = r.function
        if any(ix.base == mean_at.base and ix != mean_at for ix in f.atoms(sp.Indexed)):
            return None
        try:
            degree = sp.Poly(f, mean_at).degree() if f.has(mean_at) else 0
        except sp.PolynomialError:
            return None
        derivs.append([sp.diff(f, mean_at, n) if n else f for n in range(degree + 1)])
    written = {stage.lhs.base}
    reads_outside = [ix for st in g2.stages for ix in st.rhs.atoms(sp.Indexed) if ix.base in written]
    if any(ix != mean_at for ix in reads_outside):
        return None
    return Centred(stage, g2, g2_sums, derivs)


def _shift(values: Sequence[str], delta: str) -> list[str]:
    """Taylor shift of a sum and its derivatives in the mean: S⁽ᴸ⁾(μ + δ) = Σₘ δᵐ/m! S⁽ᴸ⁺ᵐ⁾(μ)
    (exact: S is a polynomial of degree len(values) − 1)."""
    out = []
    for level in range(len(values)):
        terms = [values[level]]
        for m in range(1, len(values) - level):
            power = "*".join([delta] * m)
            terms.append(f"{power}*{values[level + m]}" + (f"/{math.factorial(m)}" if m > 1 else ""))
        out.append(" + ".join(terms))
    return out


def emit_centred(em: Emitter, c: Centred, depth: int, parallel_ok: bool) -> None:
    """One pass over blocks of rows for a mean and the centred column sums that use it."""
    red, free = c.group.red, c.group.free
    assert red is not None
    shape = ", ".join(em.bound(i) for i in free)
    at = ", ".join(str(i) for i in free)
    n = em.bound(red)
    tag = em.fresh("blk")
    mean, count = f"{tag}_mean", f"{tag}_count"
    names = [[f"{tag}_s{k}_{lv}" for lv in range(len(d))] for k, d in enumerate(c.derivs)]
    flat = [nm for row in names for nm in row]
    d = depth
    em.emit(d, f"{count} = zeros_f64(threads)")
    for nm in [mean, *flat]:
        em.emit(d, f"{nm}_part = zeros_f64((threads, {shape}))")
    em.emit(d, f"{tag}_rows = max(1, {BLOCK_ELEMENTS} // ({' * '.join(em.bound(i) for i in free)}))")
    em.emit(d, f"{tag}_blocks = ({n} + {tag}_rows - 1) // {tag}_rows")
    em.emit(d, f"for chunk in {'prange' if parallel_ok else 'range'}(threads):")
    for nm in [mean, *flat]:
        em.emit(d + 1, f"{nm}_b = empty_f64(({shape},))")
    em.emit(
        d + 1, f"for block in range(chunk * {tag}_blocks // threads, (chunk + 1) * {tag}_blocks // threads):"
    )
    b = d + 2
    em.emit(b, f"lo = block * {tag}_rows")
    em.emit(b, f"hi = min({n}, lo + {tag}_rows)")
    em.emit(b, "rows = np.float64(hi - lo)")
    mean_b = sp.IndexedBase(f"{mean}_b")[free]
    em.body(b, list(free), [(f"{nm}_b[{at}]", sp.Float(0.0)) for nm in [mean, *flat]], False)
    # Sweep 1: the block's own mean.
    _emit_row_sweep(em, b, red, free, [(f"{mean}_b[{at}] +=", c.mean_sum.function)])
    em.body(b, list(free), [(f"{mean}_b[{at}]", mean_b / sp.Symbol("rows"))], False)
    # Sweep 2 (rows now in cache): each sum and its derivatives at the block's mean.
    # A summand without the row index sums to rows × itself; one equal to another (or to its
    # negative: Σdy and the derivative of Σdy·(μ − x)) is copied; the rest are accumulated.
    summed: dict[sp.Expr, sp.Indexed] = {}
    assigns, after = [], []
    for k, row in enumerate(c.derivs):
        for lv, e in enumerate(row):
            e = e.xreplace({c.mean_at: mean_b})
            target = sp.IndexedBase(f"{names[k][lv]}_b")[free]
            if red not in indices(e):
                after.append((print_expr(target), sp.Symbol("rows") * e))
            elif e in summed or -e in summed:
                after.append((print_expr(target), summed[e] if e in summed else -summed[-e]))
            else:
                summed[e] = target
                assigns.append((f"{print_expr(target)} +=", e))
    _emit_row_sweep(em, b, red, free, assigns)
    if after:
        em.body(b, list(free), after, False)
    # Merge the block into this chunk's running sums: both shifted to the combined mean.
    em.emit(b, f"total = {count}[chunk] + rows")
    _emit_merge(
        em,
        b,
        free,
        f"{mean}_part[chunk, {at}]",
        f"{mean}_b[{at}]",
        "rows / total",
        names,
        "_part[chunk, " + at + "]",
        "_b[" + at + "]",
    )
    em.emit(b, f"{count}[chunk] = total")
    # Chunks merged in order; then the stages of both groups, with the sums as accumulators.
    for k, i in enumerate(free):
        em.emit(d + k, f"for {i} in range({em.bound(i)}):")
    f_d = d + len(free)
    em.emit(f_d, "run_n = 0.0")
    em.emit(f_d, "run_mean = 0.0")
    for nm in flat:
        em.emit(f_d, f"{nm} = 0.0")
    em.emit(f_d, "for chunk in range(threads):")
    em.emit(f_d + 1, f"if {count}[chunk] == 0:")
    em.emit(f_d + 2, "continue")
    em.emit(f_d + 1, f"total = run_n + {count}[chunk]")
    _emit_merge(
        em,
        f_d + 1,
        (),
        "run_mean",
        f"{mean}_part[chunk, {at}]",
        f"{count}[chunk] / total",
        names,
        "",
        f"_part[chunk, {at}]",
    )
    em.emit(f_d + 1, "run_n = total")
    finals = [(print_expr(c.mean_stage.lhs), sp.Symbol("run_mean"))]
    accs = {r: sp.Symbol(names[k][0]) for k, r in enumerate(c.sums)}
    finals += [(print_expr(st.lhs), st.rhs.xreplace(accs)) for st in c.group.stages]
    em.body(f_d, [], finals, False)


def _emit_row_sweep(
    em: Emitter, depth: int, red: sp.Idx, free: Sequence[sp.Idx], accs: list[tuple[str, sp.Expr]]
) -> None:
    """``for red in range(lo, hi)``, each ``target += summand`` in ``accs``: ROW_UNROLL rows per
    iteration, so each accumulator is loaded and stored once per ROW_UNROLL rows (the rows'
    summands go to locals first, then one sum is added), and the remaining rows one at a time."""
    assigns: list[tuple[str, sp.Expr]] = []
    totals: list[tuple[str, sp.Expr]] = []
    for target, summand in accs:
        parts = []
        for u in range(ROW_UNROLL):
            local = em.fresh("row")
            assigns.append((local, summand.xreplace({red: red + u})))
            parts.append(sp.Symbol(local))
        totals.append((target, sp.Add(*parts)))
    em.emit(depth, f"for {red} in range(lo, hi - {ROW_UNROLL - 1}, {ROW_UNROLL}):")
    em.body(depth + 1, list(free), assigns + totals, False)
    em.emit(depth, f"for {red} in range(hi - (hi - lo) % {ROW_UNROLL}, hi):")
    em.body(depth + 1, list(free), accs, False)


def _emit_merge(
    em: Emitter,
    depth: int,
    free: Sequence[sp.Idx],
    running_mean: str,
    new_mean: str,
    weight: str,
    names: list[list[str]],
    running_suffix: str,
    new_suffix: str,
) -> None:
    """running ← running ⊕ new: the combined mean, and each sum's derivatives shifted from the
    two old means to the combined one and added (computed into locals before any store)."""
    for k, i in enumerate(free):
        em.emit(depth + k, f"for {i} in range({em.bound(i)}):")
    d = depth + len(free)
    em.emit(d, f"old_mean = {running_mean}")
    em.emit(d, f"add_mean = {new_mean}")
    em.emit(d, f"merged = old_mean + (add_mean - old_mean) * ({weight})")
    em.emit(d, "shift_old = merged - old_mean")
    em.emit(d, "shift_new = merged - add_mean")
    for row in names:
        olds = _shift([f"{nm}{running_suffix}" for nm in row], "shift_old")
        news = _shift([f"{nm}{new_suffix}" for nm in row], "shift_new")
        for lv, nm in enumerate(row):
            em.emit(d, f"{nm}_new{lv} = {olds[lv]} + {news[lv]}")
        for lv, nm in enumerate(row):
            em.emit(d, f"{nm}{running_suffix} = {nm}_new{lv}")
    em.emit(d, f"{running_mean} = merged")
