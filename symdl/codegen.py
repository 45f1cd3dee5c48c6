"""SymPy expressions → readable Python source → numba kernels.

Two kinds of kernel spec:

* :class:`Elementwise` -- one scalar expression in scalar arguments.  It becomes a
  numpy ufunc (``numba.vectorize``) for float32 and float64.
* :class:`Loops` -- a sequence of :class:`Assign` stages over indexed arrays
  (``sympy.IndexedBase`` / ``sympy.Idx``), where a right side may contain
  ``Sum(body, (k, 0, K - 1))``.  It becomes one ``numba.njit`` function.

How a :class:`Loops` spec is turned into loops:

* loop order follows memory order: an index that appears earlier in a
  subscript (``x[i, j]``: ``i`` before ``j``) is looped outside, so row-major
  arrays are walked contiguously;
* consecutive stages over the same indices are fused into one loop nest, and
  consecutive reductions over the same indices that do not read each other share
  one pass over the data;
* a reduction whose index is innermost accumulates in a scalar; one whose index
  is outermost (a column sum of a row-major array) is split into ``threads``
  chunks of rows, each with its own partial sums, added at the end; any other
  accumulates in place;
* the outermost loop is a ``prange`` -- parallel when compiled with
  ``parallel=True`` (the ``_parallel`` variant), a plain range otherwise;
* common subexpressions (``sympy.cse``) are computed once, at the outermost loop
  level where all the indices they use are known (loop-invariant code motion);
* ``exp`` is the generated, vectorisable ``exp64`` (:mod:`symdl.expgen`); ``sin``/``cos`` in a
  pointwise nest that reads none of the arrays it writes are the generated ``sinq64``
  (:mod:`symdl.trigen`), which covers |x| ≤ 2²⁰: the nest counts arguments outside that
  range and, if there were any, runs again with libm's ``math.sin``/``math.cos``.

Code is printed only through :class:`KernelPrinter`, a ``PythonCodePrinter``
subclass: the ``math`` module printer emits ternaries and ``max``, which numba
compiles (the NumPy printer's ``select`` and ``reduce`` do not).

:func:`evaluate` interprets a :class:`Loops` spec symbolically for explicit
sizes, so the very stages the kernel is printed from can be proved equal to a
derivation.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.concrete.expr_with_limits import ExprWithLimits
from sympy.printing.pycode import PythonCodePrinter

from symdl.expgen import exp_module_source, exp_source_tag, source_tag
from symdl.trigen import FAST_MAX, trig_module_source, trig_source_tag

__all__ = [
    "Assign",
    "Elementwise",
    "KernelPrinter",
    "Loops",
    "Maximum",
    "compile_kernel",
    "entries",
    "entry",
    "evaluate",
    "module_source",
]

FLOAT_SIGNATURES = ("float32", "float64")  # float32 first: numba tries signatures in order


# -- specs ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Elementwise:
    """A ufunc ``name(*args) = expr``, generated for float32 and float64."""

    name: str
    args: tuple[sp.Symbol, ...]
    expr: sp.Expr
    why: str = ""
    # True when the record's derivation is computed from this very expression (a sampler
    # whose variance is the claim); otherwise the expression is proved equal to the
    # record's derived result.
    defines: bool = False
    # Named intermediate values, computed in this order before ``expr`` (which may use their
    # symbols).  They fix an evaluation order SymPy would otherwise rewrite: exp(−|x|)**2
    # must not become exp(−2|x|), whose argument overflows for |x| near the float maximum.
    lets: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()
    # (bound, record): an upper bound the exact value never exceeds, proved by the named
    # record.  The generated code returns the bound when rounding lands above it (σ′ for
    # |x| < 1e-8 came out one ulp above 1/4), so a proved property holds for the kernel too.
    # Proofs are about ``expr``; the clamp changes no value the exact function takes.
    upper: tuple[sp.Expr, str] | None = None

    @property
    def printed_expr(self) -> sp.Expr:
        """``expr`` as generated: with the ``upper`` clamp (NaN passes through)."""
        if self.upper is None:
            return self.expr
        bound = self.upper[0]
        return sp.Piecewise((bound, self.expr > bound), (self.expr, True))

    @property
    def full_expr(self) -> sp.Expr:
        """``expr`` with every let-bound symbol replaced by its definition (for proofs)."""
        expr = self.expr
        for symbol, value in reversed(self.lets):
            expr = expr.xreplace({symbol: value})
        return expr


@dataclass(frozen=True)
class Assign:
    """``lhs = rhs``; ``lhs`` is an ``Indexed`` element (``x[i, j]``) of an array."""

    lhs: sp.Indexed
    rhs: sp.Expr


@dataclass(frozen=True)
class Loops:
    """An ``njit`` kernel made of indexed stages.

    ``inputs`` and ``outputs`` give the argument order (arrays are
    ``IndexedBase`` with a ``shape``; scalars are ``Symbol``).  Outputs are
    written in place; arrays assigned but not listed are temporaries.  With
    ``scan = (t, T)`` the ``body`` stages run once for each ``t`` in
    ``range(T)`` after the ``stages``.
    """

    name: str
    inputs: tuple[Any, ...]
    outputs: tuple[sp.IndexedBase, ...]
    stages: tuple[Assign, ...]
    scan: tuple[sp.Idx, sp.Symbol] | None = None
    body: tuple[Assign, ...] = ()
    why: str = ""
    # For the kernel's proof: size n -> (dimension sizes, expected value of each output),
    # the expected values written with entry() symbols; checked for each n in reference_sizes.
    reference: Callable[[int], tuple[dict[sp.Symbol, int], dict[sp.IndexedBase, sp.Matrix]]] | None = field(
        default=None, compare=False
    )
    reference_sizes: tuple[int, ...] = ()
    # Arrays of integer indices (class labels): references fix their values, checks draw
    # them from range(size of the indexed axis).
    integer_inputs: tuple[sp.IndexedBase, ...] = ()

    @property
    def arrays(self) -> tuple[sp.IndexedBase, ...]:
        return tuple(a for a in self.inputs + self.outputs if isinstance(a, sp.IndexedBase))

    @property
    def temporaries(self) -> tuple[sp.IndexedBase, ...]:
        known = set(self.inputs) | set(self.outputs)
        seen: dict[sp.IndexedBase, None] = {}
        for st in self.stages + self.body:
            if st.lhs.base not in known:
                seen[st.lhs.base] = None
        return tuple(seen)


# -- the printer ------------------------------------------------------------------------
class Widen(sp.Function):
    """``np.float64(x)`` in generated code: the value as float64 (an identity in mathematics)."""

    nargs = 1


class SinQ(sp.Function):
    """``sinq64(x, q)`` in generated code: (sin x, cos x, −sin x, −cos x)[q mod 4]."""

    nargs = 2


def _fast_trig(expr: sp.Expr) -> sp.Expr:
    """``expr`` with sin/cos as :class:`SinQ`; a Piecewise choosing between sin and cos of one
    argument becomes one SinQ whose quadrant is chosen, so only one of them is computed."""

    def one_call(pw: sp.Piecewise) -> sp.Expr:
        calls = [e for e, _ in pw.args]
        args = {c.args[0] for c in calls if isinstance(c, sp.sin | sp.cos)}
        if len(args) != 1 or not all(isinstance(c, sp.sin | sp.cos) for c in calls):
            return pw
        quadrant = sp.Piecewise(*((int(isinstance(c, sp.cos)), cond) for c, cond in pw.args))
        return SinQ(args.pop(), quadrant)

    expr = expr.replace(lambda e: isinstance(e, sp.Piecewise), one_call)
    return expr.replace(sp.sin, lambda a: SinQ(a, 0)).replace(sp.cos, lambda a: SinQ(a, 1))


def _trig_arguments(expr: sp.Expr) -> list[sp.Expr]:
    return sorted({f.args[0] for f in expr.atoms(sp.sin, sp.cos)}, key=sp.default_sort_key)


class KernelPrinter(PythonCodePrinter):
    """Python source that numba compiles: ``math`` functions, ternaries, plain indexing."""

    def _print_Widen(self, expr: Widen) -> str:
        return f"np.float64({self._print(expr.args[0])})"

    def __init__(self) -> None:
        super().__init__({"fully_qualified_modules": True, "standard": "python3"})

    def _print_Idx(self, expr: sp.Idx) -> str:
        return str(expr.label)

    def _print_Indexed(self, expr: sp.Indexed) -> str:
        return f"{expr.base.label}[{', '.join(self._print(i) for i in expr.indices)}]"

    def _print_KroneckerDelta(self, expr: sp.KroneckerDelta) -> str:
        a, b = (self._print(i) for i in expr.args)
        return f"(1.0 if {a} == {b} else 0.0)"

    def _print_exp(self, expr: sp.exp) -> str:
        # The generated exp64 (symdl.expgen): vectorisable where math.exp is a scalar libm call.
        return f"exp64({self._print(expr.args[0])})"

    def _print_SinQ(self, expr: SinQ) -> str:
        # The generated sinq64 (symdl.trigen): vectorisable where math.sin is a scalar libm call.
        return f"sinq64({self._print(expr.args[0])}, {self._print(expr.args[1])})"

    def _print_Rational(self, expr: sp.Rational) -> str:
        return f"{expr.p}/{expr.q}" if expr.q != 1 else f"{expr.p}"

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        base, exp = expr.args
        # x**±2 and x**±3 as products: exact, and numba need not call pow().
        if exp in (2, 3):
            # Parenthesised as a whole: the Mul printer puts a Pow in a denominator unbracketed,
            # trusting ** to bind tighter than / -- a bare product would not.
            b = self.parenthesize(base, 100)
            return "(" + "*".join([b] * int(exp)) + ")"
        if exp in (-2, -3):
            b = self.parenthesize(base, 100)
            return "(1/(" + "*".join([b] * -int(exp)) + "))"
        return super()._print_Pow(expr, rational=rational)


def print_expr(expr: sp.Expr) -> str:
    return KernelPrinter().doprint(expr)


# -- elementwise ---------------------------------------------------------------------------
def elementwise_source(spec: Elementwise) -> str:
    """The ufunc, and serial and parallel loops with the same body over a flat array (the
    loops load from numba's cache completely; a ufunc's wrapper is rebuilt in every process).

    The loops take the first argument as the array and any others as scalars, widened to
    float64 once before the loop: ``name_serial(x, a, b, out)``.

    The body computes in float64 whatever the input type: float32 results are then rounded
    once, and the speed does not depend on which libm ``expf`` the process resolved (with
    some libraries loaded it was 3x slower than float64 ``exp`` here).
    """
    args = ", ".join(str(a) for a in spec.args)
    sigs = ", ".join(f'"{t}({", ".join([t] * len(spec.args))})"' for t in FLOAT_SIGNATURES)
    body = _scalar_body(spec.printed_expr, spec.args, "    ", "return ", lets=spec.lets)
    src = f"@vectorize([{sigs}])\ndef {spec.name}({args}):\n{body}\n"
    arg, *scalars = spec.args
    element = sp.Symbol(f"{arg}_k", real=True)
    body = _scalar_body(
        spec.printed_expr.xreplace({arg: element}),
        (element,),
        "        ",
        "out[k] = ",
        sources={element: f"{arg}[k]"},
        lets=[(symbol, value.xreplace({arg: element})) for symbol, value in spec.lets],
    )
    widen = "".join(f"    {a} = np.float64({a})\n" for a in scalars)
    variants = (("serial", "njit_serial", "range"), ("parallel", "njit_parallel", "prange"))
    for variant, decorator, loop in variants:
        src += (
            f"\n\n@{decorator}\ndef {spec.name}_{variant}({args}, out):\n"
            f"{widen}    for k in {loop}({arg}.shape[0]):\n{body}\n"
        )
    return src


def _scalar_body(
    expr: sp.Expr,
    args: Sequence[sp.Symbol],
    indent: str,
    result: str,
    sources: dict[sp.Symbol, str] | None = None,
    lets: Sequence[tuple[sp.Symbol, sp.Expr]] = (),
) -> str:
    """Lines computing ``expr`` in float64: widen the arguments, let-bindings, common
    subexpressions, result."""
    sources = sources or {}
    temps, (value,) = sp.cse([expr], symbols=sp.numbered_symbols("t"), optimizations="basic")
    # np.float64, not float(): numba types float() of a float32 as float32.
    lines = [f"{a} = np.float64({sources.get(a, a)})" for a in args]
    lines += [f"{s} = {print_expr(e)}" for s, e in lets]
    lines += [f"{s} = {print_expr(e)}" for s, e in temps]
    lines.append(f"{result}{print_expr(value)}")
    return "\n".join(indent + line for line in lines)


# -- loops -------------------------------------------------------------------------------------
def _indices(expr: sp.Basic) -> set[sp.Idx]:
    return {i for ix in expr.atoms(sp.Indexed) for i in ix.indices if isinstance(i, sp.Idx)} | {
        i for i in expr.atoms(sp.Idx)
    }


class Maximum(ExprWithLimits):
    """``Maximum(body, (k, 0, K - 1))``: the largest value of ``body`` over ``k`` (``Sum`` for max)."""

    def doit(self, **hints: Any) -> sp.Expr:
        (k, lo, hi) = self.limits[0]
        return sp.Max(*(self.function.xreplace({k: v}) for v in range(int(lo), int(hi) + 1)))

    def _latex(self, printer: Any) -> str:
        k = self.limits[0][0]
        return rf"\max_{{{printer._print(k)}}} {printer._print(self.function)}"


def _reductions(expr: sp.Expr) -> set[sp.Expr]:
    return expr.atoms(sp.Sum, Maximum)


def _sum_index(s: sp.Sum) -> sp.Idx:
    (limit,) = s.limits
    return limit[0]


def _memory_order(spec: Loops) -> list[sp.Idx]:
    """Indices ordered so that each array's subscripts run outer → inner."""
    before: dict[sp.Idx, set[sp.Idx]] = {}
    stmts = spec.stages + spec.body
    for st in stmts:
        for ix in itertools.chain([st.lhs], st.rhs.atoms(sp.Indexed)):
            subs = [i for i in ix.indices if isinstance(i, sp.Idx)]
            for k, i in enumerate(subs):
                before.setdefault(i, set()).update(subs[:k])
        for s in _reductions(st.rhs):
            before.setdefault(_sum_index(s), set())
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
class _Group:
    free: tuple[sp.Idx, ...]
    red: sp.Idx | None
    stages: list[Assign]


def _group(stmts: Sequence[Assign], order: list[sp.Idx]) -> list[_Group]:
    """Fuse consecutive stages that can share one loop nest."""
    groups: list[_Group] = []
    for st in stmts:
        free = tuple(i for i in order if i in st.lhs.indices)
        sums = _reductions(st.rhs)
        reds = {_sum_index(s) for s in sums}
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
            groups.append(_Group(free, red, [st]))
    return groups


class _Emitter:
    def __init__(self, spec: Loops, order: list[sp.Idx]) -> None:
        self.spec = spec
        self.order = order
        self.lines: list[str] = []
        self.counter = itertools.count()
        self.dim = {}
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
        self, depth: int, loops: Sequence[sp.Idx], assigns: list[tuple[str, sp.Expr]], first_parallel: bool
    ) -> None:
        """Emit nested loops over ``loops`` whose innermost body performs ``assigns``.

        Common subexpressions are placed at the outermost level where their indices are bound.
        """
        targets, exprs = zip(*assigns, strict=True) if assigns else ((), ())
        temps, reduced = sp.cse(
            list(exprs), symbols=sp.numbered_symbols(self.fresh("c") + "_"), optimizations="basic"
        )
        level_of: dict[sp.Symbol, int] = {}

        def level(e: sp.Basic) -> int:
            lv = -1
            for i in _indices(e):
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
        reduced = [hoist(e) for e in reduced]
        for line in placed[-1]:
            self.emit(depth, line)
        for k, i in enumerate(loops):
            rng = "prange" if (k == 0 and first_parallel) else "range"
            self.emit(depth + k, f"for {i} in {rng}({self.bound(i)}):")
            for line in placed[k]:
                self.emit(depth + k + 1, line)
        body_depth = depth + len(loops)
        for t, e in zip(targets, reduced, strict=True):
            # A target ending in "+=" is an accumulation; anything else an assignment.
            statement = f"{t} {print_expr(e)}" if t.endswith("+=") else f"{t} = {print_expr(e)}"
            self.emit(body_depth, statement)


def _emit_pointwise(
    em: _Emitter, g: _Group, depth: int, parallel_ok: bool, bound: frozenset = frozenset()
) -> None:
    # In-place updates (Adam's m, v, then θ): a later stage reading an earlier stage's
    # element gets that stage's expression substituted, every value is computed into a local
    # first, and stores come last -- so every array read sees the element as it was on entry.
    values: dict[sp.Indexed, sp.Expr] = {}
    for st in g.stages:
        values[st.lhs] = st.rhs.xreplace(values)
    locals_ = {lhs: sp.Symbol(em.fresh(f"{lhs.base.label}_")) for lhs in values}
    stores = [(print_expr(lhs), local) for lhs, local in locals_.items()]
    loops = [i for i in g.free if i not in bound]
    libm = [(str(locals_[lhs]), e) for lhs, e in values.items()]
    trig = sorted({a for e in values.values() for a in _trig_arguments(e)}, key=sp.default_sort_key)
    reads = {ix.base for e in values.values() for ix in e.atoms(sp.Indexed)}
    if not trig or reads & {lhs.base for lhs in values}:
        # No sin/cos, or an in-place update that must not run twice: libm throughout.
        em.body(depth, loops, libm + stores, parallel_ok)
        return
    # sinq64 first; arguments it does not cover are counted, and if there were any the
    # nest runs again with libm (it reads none of the arrays it writes, so a rerun is safe).
    outside = em.fresh("outside")
    fast = [(t, _fast_trig(e)) for t, e in libm]
    checks = [
        (f"{outside} +=", sp.Piecewise((0, sp.Abs(a) <= sp.Integer(int(FAST_MAX))), (1, True))) for a in trig
    ]
    em.emit(depth, f"{outside} = 0")
    em.body(depth, loops, fast + checks + stores, parallel_ok)
    em.emit(depth, f"if {outside} > 0:")
    em.body(depth + 1, loops, libm + stores, parallel_ok)


def _init(r: sp.Expr) -> str:
    return "-math.inf" if isinstance(r, Maximum) else "0.0"


def _update(target: str, r: sp.Expr, body: sp.Expr) -> tuple[str, sp.Expr]:
    """The statement folding ``body`` into the accumulator ``target``: ``+=`` or ``max``."""
    if isinstance(r, Maximum):
        # Widen: the accumulator is float64; numba's max of float64 and float32 is slow.
        ref = sp.Symbol(target) if target.isidentifier() else sp.Symbol(target, real=True)
        return target, sp.Max(ref, Widen(body), evaluate=False)
    return f"{target} +=", body


def _emit_reduction(
    em: _Emitter, g: _Group, depth: int, parallel_ok: bool, bound: frozenset = frozenset()
) -> None:
    red = g.red
    assert red is not None
    nest = [i for i in em.order if (i in g.free or i == red) and i not in bound]
    accs: dict[sp.Expr, str] = {}
    for st in g.stages:
        for r in sorted(_reductions(st.rhs), key=str):
            accs.setdefault(r, em.fresh("acc"))
    free_shape = ", ".join(em.bound(i) for i in g.free)
    finals = [
        (print_expr(st.lhs), st.rhs.xreplace({r: sp.Symbol(n) for r, n in accs.items()})) for st in g.stages
    ]

    if nest[-1] == red:
        # Reduction innermost (e.g. a row sum): scalar accumulators.
        outer = nest[:-1]
        for k, i in enumerate(outer):
            rng = "prange" if (k == 0 and parallel_ok) else "range"
            em.emit(depth + k, f"for {i} in {rng}({em.bound(i)}):")
        d = depth + len(outer)
        for r, n in accs.items():
            em.emit(d, f"{n} = {_init(r)}")
        em.body(d, [red], [_update(n, r, r.function) for r, n in accs.items()], False)
        em.body(d, [], finals, False)
    elif nest[0] == red:
        # Reduction outermost (e.g. a column sum of a row-major array): each of `threads`
        # chunks of the reduced index accumulates its own partials, combined afterwards.
        rest = nest[1:]
        for r, n in accs.items():
            em.emit(depth, f"{n}_part = full_f64((threads, {free_shape}), {_init(r)})")
        em.emit(depth, f"for chunk in {'prange' if parallel_ok else 'range'}(threads):")
        b = em.bound(red)
        em.emit(depth + 1, f"for {red} in range(chunk * {b} // threads, (chunk + 1) * {b} // threads):")
        part_idx = ", ".join(["chunk", *(str(i) for i in g.free)])
        em.body(
            depth + 2, rest, [_update(f"{n}_part[{part_idx}]", r, r.function) for r, n in accs.items()], False
        )
        for k, i in enumerate(g.free):
            em.emit(depth + k, f"for {i} in range({em.bound(i)}):")
        d = depth + len(g.free)
        idx = ", ".join(str(i) for i in g.free)
        for r, n in accs.items():
            em.emit(d, f"{n} = {_init(r)}")
            em.emit(d, "for chunk in range(threads):")
            part = f"{n}_part[chunk, {idx}]"
            em.emit(d + 1, f"{n} = max({n}, {part})" if isinstance(r, Maximum) else f"{n} += {part}")
        em.body(d, [], finals, False)
    else:
        # Reduction in the middle (e.g. a matrix product i, j, k): accumulate in place.
        arrays = {n: sp.IndexedBase(f"{n}_arr")[g.free] for n in accs.values()}
        for r, n in accs.items():
            em.emit(depth, f"{n}_arr = full_f64(({free_shape}), {_init(r)})")
        em.body(
            depth, nest, [_update(print_expr(arrays[n]), r, r.function) for r, n in accs.items()], parallel_ok
        )
        em.body(
            depth,
            list(g.free),
            [(t, e.xreplace({sp.Symbol(n): a for n, a in arrays.items()})) for t, e in finals],
            parallel_ok,
        )


def _row_index(g: _Group, order: list[sp.Idx]) -> sp.Idx | None:
    """The outermost loop of ``g`` if nests may share it: a free index, with any reduction
    innermost (a row reduction).  None otherwise."""
    nest = [i for i in order if i in g.free or i == g.red]
    if len(nest) < 2 or nest[0] == g.red or (g.red is not None and nest[-1] != g.red):
        return None
    return nest[0]


def _row_local(ix: sp.Indexed, row: sp.Idx) -> bool:
    return bool(ix.indices) and ix.indices[0] == row


def _can_join(cluster: list[_Group], g: _Group, row: sp.Idx) -> bool:
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


def _clusters(groups: list[_Group], order: list[sp.Idx]) -> list[list[_Group]]:
    """Consecutive nests over the same row index i that :func:`_can_join`: they run inside one
    loop over i, so each row stays in cache from the first pass to the last."""
    out: list[list[_Group]] = []
    for g in groups:
        row = _row_index(g, order)
        last = out[-1] if out else None
        if last and row is not None and _row_index(last[0], order) == row and _can_join(last, g, row):
            last.append(g)
        else:
            out.append([g])
    return out


def _emit_group(
    em: _Emitter, g: _Group, depth: int, parallel_ok: bool, bound: frozenset = frozenset()
) -> None:
    if g.red is None:
        _emit_pointwise(em, g, depth, parallel_ok, bound)
    else:
        _emit_reduction(em, g, depth, parallel_ok, bound)


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
class _Centred:
    """A mean (``mean``, over ``red``) and the reductions after it that use it: each summand is
    a polynomial in the mean, kept with its derivatives in the mean (``derivs[k][L]``)."""

    mean_stage: Assign
    group: _Group
    sums: list[sp.Sum]
    derivs: list[list[sp.Expr]]

    @property
    def mean_at(self) -> sp.Indexed:
        """The mean's element (``mu[j]``), as the centred sums read it."""
        return self.mean_stage.lhs

    @property
    def mean_sum(self) -> sp.Sum:
        (total,) = _reductions(self.mean_stage.rhs)
        return total


def _centred(g1: _Group, g2: _Group, order: list[sp.Idx]) -> _Centred | None:
    """Whether ``g1`` is a mean over a column-sum index that ``g2``'s column sums centre on.

    Then both can share one pass (:func:`_emit_centred`): blocks of rows small enough to stay in
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
    sums = list(_reductions(stage.rhs))
    count = red.upper + 1
    if len(sums) != 1 or not isinstance(sums[0], sp.Sum) or sp.expand(stage.rhs * count - sums[0]) != 0:
        return None
    mean_at = stage.lhs
    g2_sums = sorted(_reductions(sp.Tuple(*(st.rhs for st in g2.stages))), key=str)
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
    return _Centred(stage, g2, g2_sums, derivs)


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


def _emit_centred(em: _Emitter, c: _Centred, depth: int, parallel_ok: bool) -> None:
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
            if red not in _indices(e):
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
    em: _Emitter, depth: int, red: sp.Idx, free: Sequence[sp.Idx], accs: list[tuple[str, sp.Expr]]
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
    em: _Emitter,
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


def _emit_stages(em: _Emitter, stmts: Sequence[Assign], depth: int, parallel_ok: bool) -> None:
    groups = _group(stmts, em.order)
    k = 0
    while k < len(groups) - 1:
        c = _centred(groups[k], groups[k + 1], em.order)
        if c is None:
            k += 1
            continue
        _emit_stages_plain(em, groups[:k], depth, parallel_ok)
        _emit_centred(em, c, depth, parallel_ok)
        groups = groups[k + 2 :]
        k = 0
    _emit_stages_plain(em, groups, depth, parallel_ok)


def _emit_stages_plain(em: _Emitter, groups: list[_Group], depth: int, parallel_ok: bool) -> None:
    for cluster in _clusters(groups, em.order):
        if len(cluster) == 1:
            _emit_group(em, cluster[0], depth, parallel_ok)
            continue
        row = _row_index(cluster[0], em.order)
        em.emit(depth, f"for {row} in {'prange' if parallel_ok else 'range'}({em.bound(row)}):")
        for g in cluster:
            _emit_group(em, g, depth + 1, False, frozenset({row}))


def loops_source(spec: Loops, *, parallel: bool = True) -> str:
    """``{name}_parallel`` (outer loops are ``prange``) or ``{name}_serial`` (all ``range``)."""
    order = _memory_order(spec)
    em = _Emitter(spec, order)
    args = [str(a.label) if isinstance(a, sp.IndexedBase) else str(a) for a in spec.inputs + spec.outputs]
    variant = "parallel" if parallel else "serial"
    em.emit(0, f"@njit_{variant}")
    em.emit(0, f"def {spec.name}_{variant}({', '.join([*args, 'threads'])}):")
    for d, text in em.dim.items():
        em.emit(1, f"{d} = {text}")
    for tmp in spec.temporaries:
        em.emit(1, f"{tmp.label} = empty_f64(({', '.join(print_expr(d) for d in tmp.shape)},))")
    _emit_stages(em, spec.stages, 1, parallel)
    if spec.scan is not None:
        t, _ = spec.scan
        em.emit(1, f"for {t} in range({em.bound(t)}):")
        _emit_stages(em, spec.body, 2, parallel)
    return "\n".join(em.lines) + "\n"


# -- modules -------------------------------------------------------------------------------------
HEADER = '''"""Generated by symdl.codegen from the catalog record {record!r}. Do not edit.

Regenerate with ``python -m symdl.codegen``; a test fails when this file is stale.
"""

import math

import numpy as np
from numba import prange

from symdl._jit import {decorators}

'''


def scratch_source_tag() -> str:
    """:func:`symdl.expgen.source_tag` of the lowering behind ``empty_f64``/``zeros_f64``/``full_f64``."""
    import inspect

    from symdl import _jit

    return source_tag(inspect.getsource(_jit._scratch_typer))


def kernel_source(spec: Elementwise | Loops) -> str:
    """The Python source numba compiles for ``spec`` (no module header).

    For a loop kernel this is the parallel variant; the module also holds a serial twin,
    printed from the same stages with every loop a ``range``.
    """
    if isinstance(spec, Elementwise):
        return elementwise_source(spec)
    return loops_source(spec, parallel=True)


def module_source(spec: Elementwise | Loops, record: str) -> str:
    """A complete module for ``spec``: header and kernel(s).

    Each variant is its own function: numba keys its on-disk cache by the function's source
    location, so one function wrapped by two decorators would share one cache entry and the
    parallel variant could load the serial machine code.
    """
    if isinstance(spec, Elementwise):
        header = HEADER.format(record=record, decorators="njit_parallel, njit_serial, vectorize")
        body = elementwise_source(spec)
    else:
        header = HEADER.format(record=record, decorators="njit_parallel, njit_serial")
        body = loops_source(spec, parallel=False) + "\n\n" + loops_source(spec, parallel=True)
    # Functions the body calls that live elsewhere.  numba's cache only notices a change to the
    # caller's own file, so each import carries the source tag of what it imports.  Scratch
    # arrays come from symdl's allocation intrinsics, not np.empty/np.zeros: a cached kernel
    # then loads without importing numba's array-allocation module.
    helpers = [
        (("exp64",), "symdl._generated._exp", "exp64", exp_source_tag),
        (("sinq64",), "symdl._generated._trig", "sinq64", trig_source_tag),
        (("empty_f64", "full_f64", "zeros_f64"), "symdl._jit", "scratch allocation", scratch_source_tag),
    ]
    for names, module, what, tag in helpers:
        used = [f for f in names if f"{f}(" in body]
        if used:
            header = (
                header.rstrip("\n") + f"\nfrom {module} import {', '.join(used)}  # {what} source {tag()}\n\n"
            )
    return header + "\n" + body


# -- symbolic interpretation (for proofs) -------------------------------------------------------------
def entry(base: sp.IndexedBase | str, *idx: int) -> sp.Symbol:
    """The symbol standing for one element ``base[idx]`` in explicit-size proofs.

    Elements are real, and carry whatever else the ``IndexedBase`` was declared with
    (``IndexedBase("v", nonnegative=True)`` gives nonnegative elements).
    """
    assumptions = {"real": True}
    if isinstance(base, sp.IndexedBase):
        assumptions |= {k: v for k, v in base.assumptions0.items() if k in ("positive", "nonnegative") and v}
        base = str(base.label)
    return sp.Symbol(f"{base}[{','.join(map(str, idx))}]", **assumptions)


def entries(base: sp.IndexedBase | str, rows: int, cols: int | None = None) -> sp.Matrix:
    """An explicit matrix (or column vector) of :func:`entry` symbols."""
    if cols is None:
        return sp.Matrix([entry(base, i) for i in range(rows)])
    return sp.Matrix(rows, cols, lambda i, j: entry(base, i, j))


def evaluate(
    spec: Loops, dims: dict[sp.Symbol, int], scalars: dict[sp.Symbol, Any] | None = None
) -> dict[sp.IndexedBase, dict[tuple[int, ...], sp.Expr]]:
    """Run ``spec``'s stages with SymPy for explicit ``dims``.

    Input elements become the symbols :func:`entry` makes (``x[0,1]``), so the
    result can be compared with a derivation written on the same symbols.
    Returns the final value of every assigned array, element by element.
    """
    values: dict[sp.IndexedBase, dict[tuple[int, ...], sp.Expr]] = {}
    constants = {d: sp.Integer(v) for d, v in dims.items()} | dict(scalars or {})

    def size(i: sp.Idx) -> int:
        return int((i.upper + 1).xreplace(dims))

    def read(expr: sp.Expr, env: dict[sp.Idx, int]) -> sp.Expr:
        def expand(r: sp.Expr) -> sp.Expr:
            k = _sum_index(r)
            terms = [read(r.function, env | {k: v}) for v in range(size(k))]
            return sp.Max(*terms) if isinstance(r, Maximum) else sp.Add(*terms)

        expr = expr.replace(lambda e: isinstance(e, sp.Sum | Maximum), expand)
        expr = expr.xreplace({i: sp.Integer(v) for i, v in env.items()})

        def lookup(ix: sp.Indexed) -> sp.Expr:
            key = tuple(int(i) for i in ix.indices)
            written = values.get(ix.base, {})
            return written[key] if key in written else entry(ix.base, *key)

        return expr.replace(lambda e: isinstance(e, sp.Indexed), lookup).xreplace(constants)

    def run(stmts: Sequence[Assign], env0: dict[sp.Idx, int]) -> None:
        for st in stmts:
            idx = [i for i in st.lhs.indices if isinstance(i, sp.Idx)]
            new = {}
            for combo in itertools.product(*(range(size(i)) for i in idx)):
                env = env0 | dict(zip(idx, combo, strict=True))
                key = tuple(
                    int(sp.sympify(i).xreplace(env)) if not isinstance(i, sp.Idx) else env[i]
                    for i in st.lhs.indices
                )
                new[key] = read(st.rhs, env)
            values.setdefault(st.lhs.base, {}).update(new)

    run(spec.stages, {})
    if spec.scan is not None:
        t, _ = spec.scan
        for v in range(size(t)):
            run(spec.body, {t: v})
    return values


def as_matrix(values: dict[tuple[int, ...], sp.Expr], shape: tuple[int, ...]) -> sp.Matrix:
    """Collect ``evaluate`` output for one array into a Matrix (vectors become columns)."""
    if len(shape) == 1:
        return sp.Matrix([values[(i,)] for i in range(shape[0])])
    return sp.Matrix(shape[0], shape[1], lambda i, j: values[(i, j)])


# -- writing the package's kernel modules --------------------------------------------------------------
def generated_modules(records: Sequence[Any]) -> dict[str, str]:
    """File name → source for every record with a kernel, and the helpers they may call."""
    modules = {"_exp.py": exp_module_source(), "_trig.py": trig_module_source()}
    for r in records:
        if r.kernel is not None:
            modules[f"{r.kernel.name}.py"] = module_source(r.kernel, r.name)
    return modules


def write_modules(directory: Any, records: Sequence[Any]) -> list[str]:
    """Write the generated modules into ``directory``; return the names that changed."""
    from pathlib import Path

    out = Path(directory)
    changed = []
    for name, src in generated_modules(records).items():
        path = out / name
        if not path.exists() or path.read_text() != src:
            path.write_text(src)
            changed.append(name)
    return changed


GENERATED_DIR = "_generated"


def user_cache_dir() -> Any:
    """Where :func:`compile_kernel` writes modules: ``$SYMDL_CACHE_DIR`` or ``~/.cache/symdl``."""
    import os
    from pathlib import Path

    env = os.environ.get("SYMDL_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "symdl"


def compile_kernel(spec: Elementwise | Loops) -> Any:
    """Generate, write and import a kernel for a user's own spec; return the compiled function.

    The module goes to :func:`user_cache_dir` under a name hashed from its source and the
    versions of symdl, SymPy and numba, so numba's on-disk cache works for it too and an
    upgrade never reuses a stale kernel.  If that directory cannot be written, a temporary
    one is used (and the kernel is compiled again in the next process).  Loop kernels come
    back as their serial variant, called with the outputs and ``threads=1`` last.

    >>> import sympy as sp
    >>> x = sp.Symbol("x", real=True)
    >>> relu = compile_kernel(Elementwise("relu", (x,), sp.Max(x, 0)))
    >>> float(relu(-2.0)), float(relu(3.0))
    (0.0, 3.0)
    """
    import hashlib
    import importlib.util
    import sys
    import tempfile

    import numba

    import symdl

    source = module_source(spec, "user")
    key = hashlib.sha256(
        "\n".join([source, symdl.__version__, sp.__version__, numba.__version__]).encode()
    ).hexdigest()[:16]
    name = f"symdl_user_{spec.name}_{key}"
    try:
        directory = user_cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.py"
        if not path.exists():
            path.write_text(source)
    except OSError:
        from pathlib import Path

        path = Path(tempfile.mkdtemp(prefix="symdl-")) / f"{name}.py"
        path.write_text(source)
    module_spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[name] = module  # numba's cache and parallel compiler look modules up by name
    module_spec.loader.exec_module(module)
    return getattr(module, spec.name if isinstance(spec, Elementwise) else f"{spec.name}_serial")


if __name__ == "__main__":  # python -m symdl.codegen
    # Run as a script this file is a second module object; use the package's copy so the
    # catalog's spec classes and the writer's are the same classes.
    from pathlib import Path

    from symdl import codegen
    from symdl.catalog import ALL

    target = Path(codegen.__file__).parent / codegen.GENERATED_DIR
    for name in codegen.write_modules(target, ALL):
        print(f"wrote {target / name}")
