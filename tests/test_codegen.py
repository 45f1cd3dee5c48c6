"""The generator: committed kernels are current, printed code compiles, loops are structured."""

from __future__ import annotations

import copy
import re
import tempfile

import numpy as np
import pytest
import sympy as sp

from symdl import generate
from symdl._generated._exp import exp64
from symdl.catalog import ALL
from symdl.codegen import Assign, Elementwise, Loops, compile_kernel, evaluate, kernel_source
from symdl.codegen.centred import _shift
from symdl.codegen.module import generated_modules
from symdl.codegen.printer import print_expr
from symdl.codegen.spec import as_matrix, entries

GENERATED = generate.GENERATED
x = sp.Symbol("x", real=True)


def test_committed_kernels_are_current():
    expected = generated_modules(ALL)
    for name, src in expected.items():
        assert (GENERATED / name).read_text() == src, f"{name} is stale: run python -m symdl.generate"
    on_disk = {p.name for p in GENERATED.glob("*.py")} - {"__init__.py"}
    assert on_disk == set(expected), "modules without a catalog record are left in _generated"


def test_piecewise_and_max_print_as_python_that_numba_compiles(tmp_path, monkeypatch):
    monkeypatch.setenv("SYMDL_CACHE_DIR", str(tmp_path))
    # ReLU' with the convention relu'(0) = 0, and a leaky variant through Max.
    step = Elementwise("relu_grad_test", (x,), sp.Piecewise((1, x > 0), (0, True)))
    src = kernel_source(step)
    assert "if" in src
    assert "select" not in src
    fn = compile_kernel(step)
    np.testing.assert_array_equal(fn(np.array([-1.0, 0.0, 2.0])), [0.0, 0.0, 1.0])
    leaky = compile_kernel(Elementwise("leaky_test", (x,), sp.Max(x, x / 100)))
    assert "max(" in kernel_source(Elementwise("leaky_test", (x,), sp.Max(x, x / 100)))
    np.testing.assert_allclose(leaky(np.array([-2.0, 3.0])), [-0.02, 3.0])
    assert list(tmp_path.glob("symdl_user_leaky_test_*.py"))


def test_elementwise_ufunc_is_built_on_first_use(tmp_path, monkeypatch):
    # Importing a generated module must not pay for numba's ufunc wrapper; calling it does.
    monkeypatch.setenv("SYMDL_CACHE_DIR", str(tmp_path))
    cube = compile_kernel(Elementwise("cube_test", (x,), x**3))
    assert "not built yet" in repr(cube)
    assert "not built yet" in repr(copy.copy(cube))  # copying looks up dunders; none builds it
    np.testing.assert_array_equal(cube(np.array([-2.0, 3.0], dtype=np.float32)), [-8.0, 27.0])
    assert cube.ufunc is cube.ufunc  # built once
    assert "not built yet" not in repr(cube)
    assert cube.nin == 1
    assert {"f->f", "d->d"} <= set(cube.types)
    assert cube(np.float32(2.0)).dtype == np.float32


def test_compile_kernel_falls_back_when_cache_dir_unwritable(monkeypatch, tmp_path):
    monkeypatch.setenv("SYMDL_CACHE_DIR", "/dev/null/cannot-exist")
    # The fallback is a fresh temporary directory; make it one under pytest's tmp_path, which
    # pytest removes, instead of a /tmp/symdl-* directory left behind by every run.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    fn = compile_kernel(Elementwise("square_test", (x,), x**2))
    assert float(fn(3.0)) == 9.0
    assert list(tmp_path.glob("symdl-*/symdl_user_square_test_*.py"))


def test_batchnorm_backward_reads_the_batch_in_two_passes():
    src = ALL[[r.name for r in ALL].index("batchnorm_backward")].kernel_source
    # Pass 1: blocks of rows, each swept twice while in cache (its mean, then the centred sums).
    assert src.count("for block in range(") == 1
    # Each sweep: four rows per iteration, then the block's remaining rows one at a time.
    assert src.count("for i in range(lo, hi - 3, 4):") == 2
    assert src.count("for i in range(hi - (hi - lo) % 4, hi):") == 2
    # Pass 2: dx.  No other loop over the batch.
    assert len(re.findall(r"for i in", src)) == 5
    # Row-major walk: the feature loop j is inside the batch loop i in every sweep.
    for block in re.findall(r"for i in .*\n((?:\s+.*\n)+?)", src):
        assert "for j in range(D)" in block


def test_taylor_shift_of_centred_sums_is_exact():
    # S(μ) = Σ (x − μ)³ and its derivatives in μ, shifted by δ, give S(μ + δ) exactly.
    xs, mu, delta = [0.5, 2.0, -1.25, 3.0], 0.75, 0.375
    s = [sum((v - mu) ** 3 for v in xs), sum(-3 * (v - mu) ** 2 for v in xs)]
    s += [sum(6 * (v - mu) for v in xs), -6.0 * len(xs)]
    names = {f"S{k}": value for k, value in enumerate(s)} | {"d": delta}
    shifted = [eval(e, {}, names) for e in _shift([f"S{k}" for k in range(4)], "d")]
    moved = mu + delta
    want = [sum((v - moved) ** 3 for v in xs), sum(-3 * (v - moved) ** 2 for v in xs)]
    want += [sum(6 * (v - moved) for v in xs), -6.0 * len(xs)]
    assert shifted == pytest.approx(want, rel=1e-14)


def test_taylor_shift_matches_sympy_for_a_general_quartic():
    # Symbolic, general coefficients: S(μ) = Σₖ aₖ μᵏ (k ≤ 4); the shifted derivatives equal
    # SymPy's derivatives of S at μ + δ.
    mu, delta = sp.symbols("mu delta", real=True)
    a = sp.symbols("a0:5", real=True)
    s = sum(c * mu**k for k, c in enumerate(a))
    derivs = {f"S{k}": sp.diff(s, mu, k) for k in range(5)} | {"d": delta}
    shifted = _shift([f"S{k}" for k in range(5)], "d")
    for level, text in enumerate(shifted):
        got = sp.sympify(text, locals=derivs)
        assert sp.expand(got - sp.diff(s, mu, level).subs(mu, mu + delta)) == 0, level


def test_sums_not_polynomial_in_the_mean_keep_separate_passes():
    n, d = sp.symbols("n d", integer=True, positive=True)
    i, j = sp.Idx("i", n), sp.Idx("j", d)
    xb, mb, out = (
        sp.IndexedBase("x", shape=(n, d)),
        sp.IndexedBase("m", shape=(d,)),
        sp.IndexedBase("o", shape=(d,)),
    )
    stages = (
        Assign(mb[j], sp.Sum(xb[i, j], (i, 0, n - 1)) / n),
        Assign(out[j], sp.Sum(sp.exp(xb[i, j] - mb[j]), (i, 0, n - 1))),
    )
    src = kernel_source(Loops("not_polynomial_test", inputs=(xb,), outputs=(out,), stages=stages))
    assert "for block" not in src
    centred = Loops(
        "polynomial_test",
        inputs=(xb,),
        outputs=(out,),
        stages=(stages[0], Assign(out[j], sp.Sum((xb[i, j] - mb[j]) ** 2, (i, 0, n - 1)))),
    )
    assert "for block" in kernel_source(centred)


def test_loop_invariants_leave_the_inner_loop():
    src = ALL[[r.name for r in ALL].index("rnn_jacobian")].kernel_source
    lines = src.splitlines()
    j_loop = next(k for k, line in enumerate(lines) if "for j in" in line)
    factor = next(k for k, line in enumerate(lines) if "h[i]" in line)
    assert factor < j_loop  # (1 − h_i)(1 + h_i) is computed once per row
    assert "W[i, j]" not in lines[factor]


def test_adam_bias_corrections_are_hoisted():
    src = ALL[[r.name for r in ALL].index("adam_keras_epsilon")].kernel_source
    body = src.split("for k in prange(n):")[1]
    assert "**t" not in body  # β^t is computed once per call, not per parameter


def test_evaluate_matrix_vector_product():
    n = sp.Symbol("n", integer=True, positive=True)
    A, v, y = (
        sp.IndexedBase("A", shape=(n, n)),
        sp.IndexedBase("v", shape=(n,)),
        sp.IndexedBase("y", shape=(n,)),
    )
    i, j = sp.Idx("i", n), sp.Idx("j", n)
    spec = Loops(
        "matvec", inputs=(A, v), outputs=(y,), stages=(Assign(y[i], sp.Sum(A[i, j] * v[j], (j, 0, n - 1))),)
    )
    values = evaluate(spec, {n: 3})
    want = entries("A", 3, 3) * entries("v", 3)
    got = as_matrix(values[y], (3,))
    assert sp.expand(got - want) == sp.zeros(3, 1)
    # ...and the compiled kernel computes the same numbers (reduction innermost: scalar accumulator).
    assert "acc" in kernel_source(spec)
    fn = compile_kernel(spec)
    a, b, out = np.arange(9.0).reshape(3, 3), np.array([1.0, -1.0, 2.0]), np.empty(3)
    fn(a, b, out, 1)
    np.testing.assert_array_equal(out, a @ b)


def test_inconsistent_subscripts_are_refused():
    n = sp.Symbol("n", integer=True, positive=True)
    A, B = sp.IndexedBase("A", shape=(n, n)), sp.IndexedBase("B", shape=(n, n))
    i, j = sp.Idx("i", n), sp.Idx("j", n)
    spec = Loops("bad", inputs=(A,), outputs=(B,), stages=(Assign(B[i, j], A[j, i] + A[i, j]),))
    with pytest.raises(ValueError, match="consistent loop order"):
        kernel_source(spec)


@pytest.mark.parametrize(
    "expr",
    [
        1 / (x + 1) ** 2,
        x**2 / (x + 1) ** 3,
        -(x**2),
        2 * (x - 1) ** 3,
        x / (x**2 + 1) ** 2,
        (x + 2) ** -3 * x,
        sp.exp(-sp.Abs(x)) / (1 + sp.exp(-sp.Abs(x))) ** 2,
        sp.Rational(1, 3) * x + sp.Rational(1, 4),
    ],
)
def test_printed_code_evaluates_like_sympy(expr):
    # Precedence and constant printing: the printed Python must compute what SymPy means.
    src = print_expr(expr)
    for value in (-2.5, -0.3, 0.7, 3.0):
        namespace = {"math": __import__("math"), "exp64": exp64.py_func, "x": value}
        got = eval(src, namespace)
        assert got == pytest.approx(float(expr.subs(x, value)), rel=1e-14)


PARALLEL_MODULES = sorted(
    p.stem for p in GENERATED.glob("*.py") if f"def {p.stem}_parallel(" in p.read_text()
)


def test_parallel_variants_exist():
    assert {"softmax", "batchnorm_backward", "sigmoid_grad"} <= set(PARALLEL_MODULES)


@pytest.mark.parametrize("name", PARALLEL_MODULES)
def test_each_variant_is_its_own_function(name):
    # numba keys its disk cache by the function's source location: two decorators on one
    # function shared a cache entry, and the parallel variant then loaded serial machine code.
    import importlib

    module = importlib.import_module(f"symdl._generated.{name}")
    variants = [getattr(module, v) for v in (f"{name}_serial", f"{name}_parallel") if hasattr(module, v)]
    functions = [getattr(v, "py_func", None) for v in variants]
    lines = {f.__code__.co_firstlineno for f in functions if f is not None}
    assert len(lines) == len(variants)


# -- scratch arrays (symdl._jit.empty_f64 / zeros_f64 / full_f64) ------------------------------------
@pytest.fixture(scope="module")
def scratch():
    import numba

    from symdl._jit import empty_f64, full_f64, zeros_f64

    @numba.njit
    def make(n, m, value):
        a = zeros_f64((n, m))
        b = full_f64((n,), value)
        c = empty_f64(m)
        for j in range(m):
            c[j] = j
        d = full_f64(np.int32(m), True)  # narrower integer shape, bool value
        return a, b, c, d

    @numba.njit(parallel=True)
    def per_thread(threads, m):  # one private buffer per prange iteration, as the kernels use them
        out = zeros_f64((threads, m))
        for t in numba.prange(threads):
            buf = full_f64(m, 1.0)
            for j in range(m):
                out[t, j] = buf[j] * t
        return out

    return make, per_thread


@pytest.mark.parametrize(("n", "m"), [(3, 4), (0, 5), (1000, 1)])
def test_scratch_arrays_match_numpy_constructors(scratch, n, m):
    make, _ = scratch
    got = make(n, m, -np.inf)
    want = (np.zeros((n, m)), np.full(n, -np.inf), np.arange(m, dtype=np.float64), np.ones(m))
    for g, w in zip(got, want, strict=True):
        assert g.dtype == np.float64
        assert g.flags.c_contiguous
        np.testing.assert_array_equal(g, w)


def test_scratch_arrays_are_private_per_prange_iteration(scratch):
    _, per_thread = scratch
    np.testing.assert_array_equal(per_thread(8, 5), np.arange(8.0)[:, None] * np.ones(5))


@pytest.mark.parametrize("shape", [(-1, 4), (2**40, 2**40)])
def test_scratch_arrays_refuse_negative_or_overflowing_shapes(scratch, shape):
    make, _ = scratch
    with pytest.raises(ValueError, match="scratch array shape"):
        make(*shape, 0.0)


def test_generated_loop_kernels_allocate_with_symdls_intrinsics():
    sources = [p.read_text() for p in GENERATED.glob("*.py")]
    assert any("zeros_f64(" in s for s in sources)
    assert any("full_f64(" in s for s in sources)
    for s in sources:
        assert not any(f"np.{f}(" in s for f in ("empty", "zeros", "full", "ones", "empty_like"))


# -- float32 twins: float64 sums without compensation --------------------------------------------------
def test_float32_twins_drop_only_the_compensation():
    """A loop kernel with a sum has a float32 twin whose float64 sums are plain; the float64
    variant keeps Kahan's compensation (symdl.codegen.nests.COMPENSATION)."""
    import importlib
    from pathlib import Path

    def text_of(name: str) -> str:
        return Path(importlib.import_module(f"symdl._generated.{name}").__file__).read_text(encoding="utf-8")

    twins = 0
    for name in ("softmax", "layernorm_backward", "attention", "bptt_jacobian"):
        text = text_of(name)
        f64, f32 = (text.split(f"def {name}_serial{s}(")[1].split("\n@")[0] for s in ("", "_f32"))
        assert re.search(r"\bky\d+ = ", f64), name  # compensated
        assert not re.search(r"\bky\d+ = |_c\[|_comp\b", f32), name  # plain
        twins += 1
    assert twins == 4
    # Kernels without a sum have no twin.
    assert "_f32(" not in text_of("rnn_jacobian")


def test_float32_data_runs_the_twin_and_float64_data_the_compensated_kernel(monkeypatch):
    from symdl import kernels as K
    from symdl.kernels import _launch

    ran = []
    real = _launch._launch
    monkeypatch.setattr(
        _launch, "_launch", lambda kernel, *args: (ran.append(kernel.py_func.__name__), real(kernel, *args))
    )
    z = np.linspace(-3, 3, 12).reshape(3, 4)
    K.softmax(z.astype(np.float32))
    K.softmax(z)
    assert ran == ["softmax_serial_f32", "softmax_serial"]


def test_a_long_float32_row_summed_plainly_stays_within_an_ulp():
    """2^17 logits spanning float32's exponent range: the plain float64 sum of the float32 twin
    gives each probability within 1 ulp of float32 of the exactly summed (math.fsum) value."""
    import math

    from symdl import kernels as K

    rng = np.random.default_rng(7)
    z = (rng.standard_normal((1, 1 << 17)) * 30).astype(np.float32)
    e = np.exp(z.astype(np.float64) - z.max())
    want = e / math.fsum(e.ravel())
    got = K.softmax(z)
    assert got.dtype == np.float32
    spacing = np.spacing(np.abs(want).astype(np.float32)).astype(np.float64)
    assert np.all(np.abs(got - want) <= 1.0 * spacing + 1e-45)


def test_statistics_read_back_are_kept_in_float64_and_the_values_are_unchanged():
    """Outputs computed from a reduction and read by later stages (means, variances, dβ) go
    through float64 temporaries; run symbolically, every output is the same expression."""
    import symdl
    from symdl.codegen.loops import statistics_in_float64

    changed = 0
    for name in ("layernorm_forward_statistics", "batchnorm_forward_statistics", "batchnorm_backward"):
        spec = symdl.derivation(name).kernel
        kept = statistics_in_float64(spec)
        new = {st.lhs.base for st in kept.stages} - {st.lhs.base for st in spec.stages}
        assert new, name
        assert all(str(b.label).endswith("_f64") for b in new)
        dims = {d: 3 for a in spec.arrays for d in a.shape if isinstance(d, sp.Symbol)}
        before, after = evaluate(spec, dims), evaluate(kept, dims)
        for out in spec.outputs:
            if isinstance(out, sp.IndexedBase):
                assert {k: sp.simplify(v - after[out][k]) for k, v in before[out].items()} == dict.fromkeys(
                    before[out], 0
                )
        changed += 1
    assert changed == 3
    # softmax's output p is no statistic: it is not copied (that would cost an N×D float64 scratch).
    softmax = symdl.derivation("softmax_jacobian").kernel
    assert softmax.name == "softmax"
    assert statistics_in_float64(softmax) is softmax


def test_the_kernel_check_runs_the_float32_twin_on_float32_data(monkeypatch):
    """symdl verify checks what symdl.kernels runs: float32 data through the *_f32 twin."""
    import importlib

    import symdl
    from symdl.check import check_kernel

    module = importlib.import_module("symdl._generated.softmax")
    ran = []
    for variant in ("softmax_serial", "softmax_serial_f32"):
        real = getattr(module, variant)
        monkeypatch.setattr(module, variant, lambda *a, _r=real, _v=variant: (ran.append(_v), _r(*a)))
    record = symdl.derivation("softmax_jacobian")
    assert check_kernel(record, dtype=np.float32).ok
    assert ran == ["softmax_serial_f32"]
    assert check_kernel(record, dtype=np.float64).ok
    assert ran == ["softmax_serial_f32", "softmax_serial"]


# -- a scan's carried state stays in float64 (codegen.loops.scan_state_in_float64) ----------------------
def test_a_float32_bptt_product_is_rounded_once_not_at_every_step():
    """∂h_T/∂h_0 over T = 40 steps from float32 states and weights: the float32 result is the
    float64 computation on the same (float32-valued) inputs, rounded once -- within an ulp of
    float32 (the two variants' sums differ only in their float64 rounding).  Rounding the running
    product to float32 at each step, as the output array held it, drifts by several ulp."""
    from symdl import kernels as K

    rng = np.random.default_rng(7)
    n, T = 24, 40
    hs = np.tanh(rng.standard_normal((T, n)) * 0.5).astype(np.float32)
    W = (rng.standard_normal((n, n)) / np.sqrt(n) * 1.2).astype(np.float32)
    once = K.bptt_jacobian(hs.astype(np.float64), W.astype(np.float64)).astype(np.float32)
    got = K.bptt_jacobian(hs, W)
    assert got.dtype == np.float32
    ulp = np.spacing(np.maximum(np.abs(once), np.float32(np.finfo(np.float32).tiny)))
    assert np.max(np.abs(got - once) / ulp) <= 1.0
