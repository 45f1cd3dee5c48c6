"""Nests: printing one loop nest of fused stages.

In: a :class:`~symdl.codegen.fusion.Group` (stages sharing a nest) and the loop order.  Out:
lines of Python appended to an :class:`Emitter`.

* a pointwise nest computes every value into a local and stores last, so an in-place update
  (Adam's m, v, then θ) reads each element as it was on entry; sin/cos run as the generated
  ``sinq64`` where the nest may run twice, with a libm rerun for arguments beyond its range;
* a reduction whose index is innermost accumulates in a scalar; one whose index is outermost
  (a column sum of a row-major array) is split into ``threads`` chunks of rows, each with its
  own partial sums, added at the end; any other accumulates in place;
* the outermost loop is a ``prange`` -- parallel in the ``_parallel`` variant, a plain range
  otherwise;
* common subexpressions (``sympy.cse``) are computed once, at the outermost loop level where
  all the indices they use are known (loop-invariant code motion).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy as sp

from symdl.codegen.fusion import Group
from symdl.codegen.printer import Widen, fast_trig, print_expr, trig_arguments
from symdl.codegen.spec import Loops, Maximum, indices, reductions
from symdl.codegen.trigen import FAST_MAX

__all__ = ["Emitter", "emit_group"]


class Emitter:
    def __init__(self, spec: Loops, order: list[sp.Idx]) -> None:
        self.spec = spec
        self.order = order
        self.lines: list[str] = []
        self.counter = itertools.count()
        self.dim = {}
        self.local_temporaries: frozenset[sp.IndexedBase] = frozenset()  # see fusion.group_local_temporaries
        self.compensated = True  # sums with Kahan's compensation (see _update and COMPENSATION)
        for a in spec.arrays:
            for k, d in enumerate(a.shape):
                self.dim.setdefault(d, f"{a.label}.shape[{k}]")

    def fresh(self, stem: str) -> str:
        return f"{stem}{next(self.counter)}"

    @staticmethod
    def bound(i: sp.Idx) -> str:
        return print_expr(i.upper + 1)

    def emit(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def body(
        self,
        depth: int,
        loops: Sequence[sp.Idx],
        assigns: list[tuple[str, sp.Expr]],
        first_parallel: bool,
        ranges: dict[sp.Idx, str] | None = None,
    ) -> None:
        """Emit nested loops over ``loops`` whose innermost body performs ``assigns``.

        Common subexpressions are placed at the outermost level where their indices are bound.
        An assignment whose value is a ``str`` is printed as written, in its place: statements
        whose rounding matters (Kahan's compensation) must not be rewritten by SymPy.  ``ranges``
        gives a loop other than ``range(bound)`` (e.g. blocks of lanes).
        """
        targets = [t for t, _ in assigns]
        symbolic = [e for _, e in assigns if not isinstance(e, str)]
        temps, reduced_symbolic = sp.cse(
            symbolic, symbols=sp.numbered_symbols(self.fresh("c") + "_"), optimizations="basic"
        )
        rest = iter(reduced_symbolic)
        exprs = [e if isinstance(e, str) else next(rest) for _, e in assigns]
        level_of: dict[sp.Symbol, int] = {}

        def level(e: sp.Basic) -> int:
            lv = -1
            for i in indices(e):
                lv = max(lv, loops.index(i) if i in loops else -1)
            for s in e.free_symbols & level_of.keys():
                lv = max(lv, level_of[s])
            return lv

        placed: dict[int, list[str]] = {k: [] for k in range(-1, len(loops))}
        hoisted: dict[sp.Basic, sp.Symbol] = {}
        inner = len(loops) - 1
        level_of.update({sp.Symbol(t): inner for t in targets if t.isidentifier()})

        def hoist(e: sp.Basic) -> sp.Basic:
            # Move each maximal subexpression that does not use the innermost index out of
            # the inner loop (e.g. 1 - h[i]**2 in a loop over j).
            if inner < 0 or isinstance(e, sp.Idx | sp.IndexedBase):
                return e
            if e.is_Atom and not isinstance(e, sp.Indexed):  # (SymPy counts Indexed as an atom)
                return e
            lv = level(e)
            if lv < inner and isinstance(e, sp.Expr):  # (not a condition or a Piecewise branch)
                if e not in hoisted:
                    hoisted[e] = sp.Symbol(self.fresh("inv"))
                    level_of[hoisted[e]] = lv
                    placed[lv].append(f"{hoisted[e]} = {print_expr(e)}")
                return hoisted[e]
            if isinstance(e, sp.Indexed):
                return e
            return e.func(*(hoist(a) for a in e.args))

        for s, e in temps:
            lv = level(e)
            if lv == inner:
                e = hoist(e)
            level_of[s] = lv
            placed[lv].append(f"{s} = {print_expr(e)}")
        reduced = [e if isinstance(e, str) else hoist(e) for e in exprs]
        for line in placed[-1]:
            self.emit(depth, line)
        for k, i in enumerate(loops):
            rng = "prange" if (k == 0 and first_parallel) else "range"
            header = (ranges or {}).get(i, f"{rng}({self.bound(i)})")
            self.emit(depth + k, f"for {i} in {header}:")
            for line in placed[k]:
                self.emit(depth + k + 1, line)
        body_depth = depth + len(loops)
        for t, e in zip(targets, reduced, strict=True):
            # A target ending in "+=" is an accumulation; anything else an assignment.
            value = e if isinstance(e, str) else print_expr(e)
            self.emit(body_depth, f"{t} {value}" if t.endswith("+=") else f"{t} = {value}")


def _emit_pointwise(
    em: Emitter, g: Group, depth: int, parallel_ok: bool, bound: frozenset = frozenset()
) -> None:
    # In-place updates (Adam's m, v, then θ): a later stage reading an earlier stage's
    # element gets that stage's expression substituted, every value is computed into a local
    # first, and stores come last -- so every array read sees the element as it was on entry.
    values: dict[sp.Indexed, sp.Expr] = {}
    for st in g.stages:
        values[st.lhs] = st.rhs.xreplace(values)
    values = {lhs: e for lhs, e in values.items() if lhs.base not in em.local_temporaries}
    locals_ = {lhs: sp.Symbol(em.fresh(f"{lhs.base.label}_")) for lhs in values}
    stores = [(print_expr(lhs), local) for lhs, local in locals_.items()]
    loops = [i for i in g.free if i not in bound]
    libm = [(str(locals_[lhs]), e) for lhs, e in values.items()]
    trig = sorted({a for e in values.values() for a in trig_arguments(e)}, key=sp.default_sort_key)
    reads = {ix.base for e in values.values() for ix in e.atoms(sp.Indexed)}
    if not trig or reads & {lhs.base for lhs in values}:
        # No sin/cos, or an in-place update that must not run twice: libm throughout.
        em.body(depth, loops, libm + stores, parallel_ok)
        return
    # sinq64 first; arguments it does not cover are counted, and if there were any the
    # nest runs again with libm (it reads none of the arrays it writes, so a rerun is safe).
    outside = em.fresh("outside")
    fast = [(t, fast_trig(e)) for t, e in libm]
    checks = [
        (f"{outside} +=", sp.Piecewise((0, sp.Abs(a) <= sp.Integer(int(FAST_MAX))), (1, True))) for a in trig
    ]
    em.emit(depth, f"{outside} = 0")
    em.body(depth, loops, fast + checks + stores, parallel_ok)
    em.emit(depth, f"if {outside} > 0:")
    em.body(depth + 1, loops, libm + stores, parallel_ok)


def _init(r: sp.Expr) -> str:
    return "-math.inf" if isinstance(r, Maximum) else "0.0"


def _update(
    em: Emitter, acc: sp.Expr, comp: sp.Expr, r: sp.Expr, body: sp.Expr | Sequence[sp.Expr]
) -> list[tuple[str, sp.Expr]]:
    """The statements folding ``body`` into the accumulator ``acc``: a maximum, or a sum with
    Kahan's compensation ``comp`` -- the rounding error of each addition is carried into the
    next, so a sum of any length is accurate to about 2u·Σ|terms| (naive summation: n·u).

    ``body`` may be a block of several terms (see :data:`BLOCK`): they are added plainly, as a
    balanced tree, and their sum is folded in as one term."""
    bodies = list(body) if isinstance(body, Sequence) else [body]
    if isinstance(r, Maximum):
        # The body reads arrays widened to float64 (loops.widen_reads), like the accumulator.
        return [(print_expr(acc), sp.Max(acc, *bodies, evaluate=False))]
    parts = [(em.fresh("term"), b) for b in bodies]
    term = parts[0][0]
    if len(parts) > 1:
        # Added as a balanced tree, printed as written (a str): SymPy would merge like terms
        # across the block, e.g. (x₁ − μ) + (x₂ − μ) into x₁ + x₂ − 2μ, which rounds differently.
        term = em.fresh("term")
        parts.append((term, _tree([t for t, _ in parts])))
    a, c = print_expr(acc), print_expr(comp)
    if not em.compensated:  # the compensation stays 0: LLVM drops it
        return [*parts, (a, f"{a} + {term}")]
    y, t = em.fresh("ky"), em.fresh("kt")
    return [*parts, (y, f"{term} - {c}"), (t, f"{a} + {y}"), (c, f"({t} - {a}) - {y}"), (a, t)]


COMPENSATION = """Which sums are compensated.  The arithmetic is float64 whatever the arrays hold; a
plain float64 sum of n terms errs by at most (n − 1)·2⁻⁵³·Σ|terms|, which for float32 data and
n < 2²⁷ is under a quarter of float32's unit roundoff times Σ|terms| -- below what the float32
inputs' own rounding already permits, so the float32 variants (``*_f32``) sum plainly.  For
float64 data that bound would be n times too large, so the float64 variants carry Kahan's
compensation (about 2u·Σ|terms| for any n)."""

BLOCK = 4
"""Terms of a reduction added plainly, as a balanced tree, before each update of its accumulator
(a lane's, a column chunk's, a matrix product's).  The tree of four errs by at most
2u·Σ|its terms|, Kahan's compensated sum of the blocks by about 2u·Σ|terms| more, so a column
sum or a matrix product's entry stays within about 4u·Σ|terms| (plus u·|term| for each
product's own rounding) and a row sum, whose lanes are added up compensated, within about
6u·Σ|terms| -- for any length, where plain summation permits (n − 1)u.  The compensation runs
once per four terms, and an accumulator in memory is loaded and stored once per four.  In the
float32 twins (no compensation) the grouping leaves the (n − 1)u bound as it was."""

LANES = 4
"""Independent accumulators per row reduction: a Kahan sum is a chain of dependent additions,
which no compiler may reorder; four chains over interleaved blocks (lane l takes the elements
k ≡ l mod 4 of each run of LANES·BLOCK) run side by side, then are added up, compensated.  Each
lane is one compensated sum, so the bound above holds per lane."""


def _block(body: sp.Expr, red: sp.Idx, first: sp.Expr, width: int, stride: int = 1) -> list[sp.Expr]:
    """``body`` at ``red`` = first, first + stride, …: the ``width`` terms of one block."""
    return [body.xreplace({red: first + stride * w}) for w in range(width)]


def _tree(names: list[str]) -> str:
    """``names`` added as a balanced tree: ``(a + b) + (c + d)``."""
    if len(names) == 1:
        return names[0]
    half = (len(names) + 1) // 2
    return f"({_tree(names[:half])} + {_tree(names[half:])})"


def _costly(e: sp.Expr) -> bool:
    """Does ``e`` call a function that is a loop of its own in machine code (exp, log, sin, erf, a
    square root)?"""
    calls = (f for f in sp.preorder_traversal(e) if isinstance(f, sp.Function) and not isinstance(f, Widen))
    return any(True for _ in calls) or any(not p.exp.is_Integer for p in e.atoms(sp.Pow))


def _emit_lanes(em: Emitter, d: int, red: sp.Idx, accs: dict[sp.Expr, str]) -> None:
    """Accumulate each reduction over ``red`` into LANES lanes (blocks of LANES elements, then a
    remainder into lane 0), and fold the lanes into one scalar per reduction."""
    b = em.bound(red)
    block = sp.Idx(f"{red}b", red.upper + 1)
    for r, n in accs.items():
        for lane in range(LANES):
            em.emit(d, f"{n}_{lane} = {_init(r)}")
            if not isinstance(r, Maximum) and em.compensated:
                em.emit(d, f"{n}_{lane}c = 0.0")

    # A term that calls exp (or log, sin, ...) is computed for the whole row first, in a loop
    # of its own that LLVM vectorises; inside the lanes' straight-line code it would not be.
    terms: dict[sp.Expr, sp.Expr] = {}
    for r, n in accs.items():
        if not isinstance(r, Maximum) and _costly(r.function):
            buffer = sp.IndexedBase(f"{n}_row")
            em.emit(d, f"{buffer} = empty_f64(({b},))")
            em.body(d, [red], [(print_expr(buffer[red]), r.function)], False)
            terms[r] = buffer[red]

    def updates(lanes: range, at: sp.Expr, width: int) -> list[tuple[str, sp.Expr]]:
        # Lane l takes the elements at + l, at + l + LANES, ... (width of them).
        return [
            u
            for lane in lanes
            for r, n in accs.items()
            for u in _update(
                em,
                sp.Symbol(f"{n}_{lane}"),
                sp.Symbol(f"{n}_{lane}c"),
                r,
                _block(terms.get(r, r.function), red, at + lane, width, LANES),
            )
        ]

    step = LANES * BLOCK
    full = f"{b} - {b} % {step}"
    em.body(d, [block], updates(range(LANES), block, BLOCK), False, {block: f"range(0, {full}, {step})"})
    em.body(d, [red], updates(range(1), red, 1), False, {red: f"range({full}, {b})"})
    for r, n in accs.items():
        if isinstance(r, Maximum):
            em.emit(d, f"{n} = max({', '.join(f'{n}_{lane}' for lane in range(LANES))})")
            continue
        em.emit(d, f"{n} = 0.0")
        if em.compensated:
            em.emit(d, f"{n}_c = 0.0")
        for lane in range(LANES):
            lane_sum = sp.Symbol(f"{n}_{lane}") - (sp.Symbol(f"{n}_{lane}c") if em.compensated else 0)
            for t, e in _update(em, sp.Symbol(n), sp.Symbol(f"{n}_c"), r, lane_sum):
                em.emit(d, f"{t} = {e if isinstance(e, str) else print_expr(e)}")
        if em.compensated:
            em.emit(d, f"{n} = {n} - {n}_c  # the last compensation")


def _emit_reduction(
    em: Emitter, g: Group, depth: int, parallel_ok: bool, bound: frozenset = frozenset()
) -> None:
    red = g.red
    assert red is not None
    nest = [i for i in em.order if (i in g.free or i == red) and i not in bound]
    accs: dict[sp.Expr, str] = {}
    for st in g.stages:
        for r in sorted(reductions(st.rhs), key=str):
            accs.setdefault(r, em.fresh("acc"))
    free_shape = ", ".join(em.bound(i) for i in g.free)
    finals = [
        (print_expr(st.lhs), st.rhs.xreplace({r: sp.Symbol(n) for r, n in accs.items()})) for st in g.stages
    ]

    if nest[-1] == red:
        # Reduction innermost (e.g. a row sum): scalar accumulators, LANES of them.
        outer = nest[:-1]
        for k, i in enumerate(outer):
            rng = "prange" if (k == 0 and parallel_ok) else "range"
            em.emit(depth + k, f"for {i} in {rng}({em.bound(i)}):")
        _emit_lanes(em, depth + len(outer), red, accs)
        em.body(depth + len(outer), [], finals, False)
    elif nest[0] == red:
        # Reduction outermost (e.g. a column sum of a row-major array): each of `threads`
        # chunks of the reduced index accumulates its own partials, combined afterwards.
        rest = nest[1:]
        for r, n in accs.items():
            em.emit(depth, f"{n}_part = full_f64((threads, {free_shape}), {_init(r)})")
            if not isinstance(r, Maximum) and em.compensated:
                em.emit(depth, f"{n}_comp = zeros_f64((threads, {free_shape}))")
        em.emit(depth, f"for chunk in {'prange' if parallel_ok else 'range'}(threads):")
        b = em.bound(red)
        chunk = sp.Symbol("chunk", integer=True)

        def updates(at: sp.Expr, width: int) -> list[tuple[str, sp.Expr]]:
            return [
                u
                for r, n in accs.items()
                for u in _update(
                    em,
                    sp.IndexedBase(f"{n}_part")[chunk, *g.free],
                    sp.IndexedBase(f"{n}_comp")[chunk, *g.free],
                    r,
                    _block(r.function, red, at, width),
                )
            ]

        # BLOCK rows at a time, then the rows left over.
        lo, hi, mid = em.fresh("lo"), em.fresh("hi"), em.fresh("paired")
        em.emit(depth + 1, f"{lo}, {hi} = chunk * {b} // threads, (chunk + 1) * {b} // threads")
        em.emit(depth + 1, f"{mid} = {hi} - ({hi} - {lo}) % {BLOCK}")
        em.emit(depth + 1, f"for {red} in range({lo}, {mid}, {BLOCK}):")
        em.body(depth + 2, rest, updates(red, BLOCK), False)
        em.emit(depth + 1, f"for {red} in range({mid}, {hi}):")
        em.body(depth + 2, rest, updates(red, 1), False)
        for k, i in enumerate(g.free):
            em.emit(depth + k, f"for {i} in range({em.bound(i)}):")
        d = depth + len(g.free)
        idx = ", ".join(str(i) for i in g.free)
        for r, n in accs.items():
            em.emit(d, f"{n} = {_init(r)}")
            em.emit(d, "for chunk in range(threads):")
            part = f"{n}_part[chunk, {idx}]"
            # Each chunk's compensation, applied once (Kahan's sum is acc − comp).
            em.emit(
                d + 1,
                f"{n} = max({n}, {part})"
                if isinstance(r, Maximum)
                else f"{n} += {part} - {n}_comp[chunk, {idx}]"
                if em.compensated
                else f"{n} += {part}",
            )
        em.body(d, [], finals, False)
    else:
        # Reduction in the middle (e.g. a matrix product i, j, k): accumulate in place.
        arrays = {n: sp.IndexedBase(f"{n}_arr")[g.free] for n in accs.values()}
        comps = {n: sp.IndexedBase(f"{n}_arr_c")[g.free] for n in accs.values()}
        for r, n in accs.items():
            em.emit(depth, f"{n}_arr = full_f64(({free_shape}), {_init(r)})")
            if not isinstance(r, Maximum) and em.compensated:
                em.emit(depth, f"{n}_arr_c = zeros_f64(({free_shape}))")

        def updates(at: sp.Expr, width: int) -> list[tuple[str, sp.Expr]]:
            return [
                u
                for r, n in accs.items()
                for u in _update(em, arrays[n], comps[n], r, _block(r.function, red, at, width))
            ]

        def total(n: str, a: sp.Expr) -> sp.Expr:
            return a - comps[n] if em.compensated else a

        b, block = em.bound(red), sp.Idx(f"{red}b", red.upper + 1)
        full = f"{b} - {b} % {BLOCK}"
        at = nest.index(red)
        blocked = [*nest[:at], block, *nest[at + 1 :]]
        em.body(depth, blocked, updates(block, BLOCK), parallel_ok, {block: f"range(0, {full}, {BLOCK})"})
        em.body(depth, nest, updates(red, 1), parallel_ok, {red: f"range({full}, {b})"})
        em.body(
            depth,
            list(g.free),
            [(t, e.xreplace({sp.Symbol(n): total(n, a) for n, a in arrays.items()})) for t, e in finals],
            parallel_ok,
        )


def emit_group(em: Emitter, g: Group, depth: int, parallel_ok: bool, bound: frozenset = frozenset()) -> None:
    if g.red is None:
        _emit_pointwise(em, g, depth, parallel_ok, bound)
    else:
        _emit_reduction(em, g, depth, parallel_ok, bound)
