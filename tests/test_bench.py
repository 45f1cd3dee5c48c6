"""``symdl bench``: the baselines compute what the kernels compute, results and output formats,
the start-up measurement, and bad arguments."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from symdl import bench, cli
from symdl.bench import sweeps as sweep_module
from symdl.bench import timing


def _small(case: bench.Case) -> tuple[int, ...]:
    return (1000,) if len(case.default_size) == 1 else (16, 8)


def _as_tuple(value):
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple | list) else (value,)


@pytest.mark.parametrize("name", sorted(bench.CASES))
def test_numpy_baseline_computes_what_the_kernel_computes(name):
    # A speed ratio means something only if both sides do the same work.
    case = bench.CASES[name]
    inputs = case.make(_small(case), np.dtype(np.float64), np.random.default_rng(1))
    a_symdl, a_numpy = timing._copy(inputs), timing._copy(inputs)
    got, expected = _as_tuple(case.symdl(a_symdl)), _as_tuple(case.numpy(a_numpy))
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-9, atol=1e-12)
    arrays = [k for k, v in inputs.items() if isinstance(v, np.ndarray)]
    for key in arrays:  # in-place kernels (Adam) leave the same state
        np.testing.assert_allclose(a_symdl[key], a_numpy[key], rtol=1e-9, atol=1e-12)
    assert got or any(not np.array_equal(inputs[k], a_symdl[k]) for k in arrays)


def test_run_reports_both_dtypes_with_ratios_of_the_medians():
    results = bench.run(["softmax"], sizes={"softmax": (32, 16)}, repeat=3, use_torch=False, warmup=0)
    assert [(r.kernel, r.dtype, r.size) for r in results] == [
        ("softmax", "float32", "32x16"),
        ("softmax", "float64", "32x16"),
    ]
    for r in results:
        assert r.symdl_ms > 0
        assert r.numpy_ms > 0
        # Times are rounded to 0.001 ms and the ratio to 0.01, both from the unrounded medians.
        lo = (r.numpy_ms - 5e-4) / (r.symdl_ms + 5e-4) - 0.005
        hi = (r.numpy_ms + 5e-4) / (r.symdl_ms - 5e-4) + 0.005
        assert lo <= r.vs_numpy <= hi
        assert r.torch_ms is None
        assert r.vs_torch is None


def test_json_and_table_carry_every_result():
    results = bench.run(["sigmoid_grad"], sizes={"sigmoid_grad": (100,)}, repeat=1, use_torch=False, warmup=0)
    rows = json.loads(bench.to_json(results))
    assert [row["dtype"] for row in rows] == ["float32", "float64"]
    assert rows[0]["symdl_ms"] == results[0].symdl_ms
    table = bench.format_table(results).splitlines()
    assert len(table) == 1 + len(results)
    assert table[1].split()[:3] == ["sigmoid_grad", "float32", "100"]


def test_cli_bench_json(capsys):
    argv = ["bench", "tanh_grad", "--size", "tanh_grad=64", "--repeat", "1", "--no-torch", "--json"]
    argv += ["--warmup", "0"]
    assert cli.main(argv) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["size"] for row in rows} == {"64"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"names": ["no_such_kernel"]}, "no_such_kernel"),
        ({"repeat": 0}, "repeat"),
        ({"warmup": -1.0}, "warmup"),
        ({"warmup": float("nan")}, "warmup"),
    ],
)
def test_bad_arguments_are_named(kwargs, message):
    names = kwargs.pop("names", ["softmax"])
    with pytest.raises(ValueError, match=message):
        bench.run(names, use_torch=False, **kwargs)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("softmax=0x3", "softmax takes NxD with positive integers"),
        ("softmax=10", "softmax takes NxD"),  # once a raw "not enough values to unpack"
        ("sigmoid_grad=10x10", "sigmoid_grad takes N"),
        ("softmax=axb", "softmax takes NxD"),
        ("no_such_kernel=10", "unknown kernel 'no_such_kernel'"),  # once silently ignored
        ("softmax", "NAME=N or NAME=NxD"),
    ],
)
def test_cli_size_errors_name_the_option_and_the_kernel(capsys, text, named):
    with pytest.raises(SystemExit):
        cli.main(["bench", "--size", text])
    err = capsys.readouterr().err
    assert "--size" in err
    assert named in err


def test_run_checks_sizes_as_the_option_does():
    with pytest.raises(ValueError, match="softmax takes NxD"):
        bench.run(["softmax"], sizes={"softmax": (10,)}, use_torch=False)


def test_startup_times_each_phase_in_fresh_processes():
    phases = bench.startup(processes=1)
    assert tuple(phases) == bench.STARTUP_PHASES
    assert all(np.isfinite(ms) and ms >= 0 for ms in phases.values())
    assert phases["import numpy, numba, symdl.kernels"] > 0
    with pytest.raises(ValueError, match="processes"):
        bench.startup(processes=0)


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["softmax"], "kernel names"),
        (["--size", "softmax=4x4"], "--size"),
        (["--dtype", "float32"], "--dtype"),
        (["--warmup", "1"], "--warmup"),
    ],
)
def test_cli_startup_refuses_what_it_would_ignore(capsys, extra, named):
    assert cli.main(["bench", "--startup", *extra]) == 2
    assert named in capsys.readouterr().err


def test_cli_startup_runs_repeat_processes(capsys, monkeypatch):
    seen = []
    monkeypatch.setattr(bench, "startup", lambda processes: seen.append(processes) or {"phase": 1.0})
    assert cli.main(["bench", "--startup", "--repeat", "3", "--json"]) == 0
    assert seen == [3]
    assert json.loads(capsys.readouterr().out) == {"phase": 1.0}


def test_cli_startup_refuses_zero_processes(capsys):
    assert cli.main(["bench", "--startup", "--repeat", "0"]) == 2
    assert "processes" in capsys.readouterr().err


class _FakeClock:
    """Stands in for ``time`` in bench: each call under test takes ``step`` seconds of it."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def perf_counter(self) -> float:
        return self.now


def _counting_calls(n: int, clock: _FakeClock):
    counts = [0] * n
    order = []

    def make(k):
        def call():
            counts[k] += 1
            order.append(k)
            clock.now += clock.step

        return call

    return [make(k) for k in range(n)], counts, order


def test_warmup_is_round_robin_and_lasts_at_least_its_seconds(monkeypatch):
    clock = _FakeClock(0.125)  # binary fractions: the clock's sums are exact
    monkeypatch.setattr(timing, "time", clock)
    calls, counts, order = _counting_calls(2, clock)
    medians = timing._interleaved_medians(calls, repeat=3, warmup=1.0)
    # Rounds of 0.25 s: warm-up until 1 s has passed is 4 rounds, then the 3 timed ones.
    assert counts == [7, 7]
    assert order == [0, 1] * 7
    assert medians == [125.0, 125.0]  # each timed call: one step, in ms


def test_no_warmup_means_one_untimed_round(monkeypatch):
    clock = _FakeClock(0.0)
    monkeypatch.setattr(timing, "time", clock)
    calls, counts, _ = _counting_calls(3, clock)
    timing._interleaved_medians(calls, repeat=4, warmup=0)
    assert counts == [5, 5, 5]


def test_bandwidth_is_bytes_over_time_and_progress_reports_each_result():
    seen = []
    results = bench.run(
        ["relu_grad", "sgd_momentum_step"],
        sizes={"relu_grad": (300_000,), "sgd_momentum_step": (300_000,)},
        dtypes=[np.float64],
        repeat=2,
        use_torch=False,
        warmup=0,
        progress=lambda r, done, total: seen.append((r.kernel, done, total)),
    )
    assert seen == [("relu_grad", 1, 2), ("sgd_momentum_step", 2, 2)]
    relu, sgd = results
    # relu': read x, write the derivative; SGD: read g, read and write param and velocity.
    assert relu.megabytes == pytest.approx(2 * 300_000 * 8 / 1e6)
    assert sgd.megabytes == pytest.approx(5 * 300_000 * 8 / 1e6)
    for r in results:
        assert r.gb_per_s == pytest.approx(r.megabytes / r.symdl_ms, rel=0.02)
        assert r.of_copy is not None
        assert r.of_copy > 0


def test_progress_lines_go_to_stderr_and_the_table_to_stdout(capsys):
    argv = ["bench", "relu_grad", "--size", "relu_grad=500", "--repeat", "1", "--no-torch", "--warmup", "0"]
    assert cli.main(argv) == 0
    out, err = capsys.readouterr()
    assert [line.split()[:3] for line in err.splitlines()] == [
        ["[1/2]", "relu_grad", "float32"],
        ["[2/2]", "relu_grad", "float64"],
    ]
    assert out.splitlines()[0].split()[:2] == ["kernel", "dtype"]
    assert cli.main([*argv, "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("name", "elements", "shape"),
    [
        ("relu_grad", 1000, (1000,)),
        ("softmax", 1_000_000, (1953, 512)),
        ("softmax", 100, (1, 512)),
        ("attention", 1 << 18, (4096, 64)),
        ("attention", 1 << 19, None),
    ],
)
def test_sweep_shapes_keep_the_row_length(name, elements, shape):
    assert sweep_module.shape_for(name, elements) == shape


def test_sweep_times_symdl_alone_at_each_size():
    results = bench.sweep(
        ["tanh_grad", "softmax"], elements=(1000, 4096), dtypes=[np.float32], repeat=1, warmup=0
    )
    assert [(r.kernel, r.size) for r in results] == [
        ("tanh_grad", "1000"),
        ("tanh_grad", "4096"),
        ("softmax", "1x512"),
        ("softmax", "8x512"),
    ]
    assert all(r.numpy_ms is None and r.torch_ms is None and r.symdl_ms > 0 for r in results)
    with pytest.raises(ValueError, match="unknown kernels: nope"):
        bench.sweep(["nope"])
    with pytest.raises(ValueError, match="elements"):
        bench.sweep(["softmax"], elements=(0,))


def test_sweep_elements_span_1e3_to_1e8():
    assert bench.SWEEP_ELEMENTS[0] == 1000
    assert bench.SWEEP_ELEMENTS[-1] == 100_000_000
    ratios = np.diff(np.log10(bench.SWEEP_ELEMENTS))
    np.testing.assert_allclose(ratios, 0.5, atol=1e-3)


def _result(kernel: str, torch_ms: float | None) -> bench.Result:
    return bench.Result(
        kernel, "float64", "1000", 1.0, 2.0, torch_ms, 2.0, None if torch_ms is None else torch_ms
    )


def test_the_table_fits_100_columns_and_says_why_torch_is_missing(monkeypatch):
    rows = [_result("softmax_cross_entropy_grad", 1.5), _result("positional_encoding", None)]
    rows[0] = dataclasses.replace(rows[0], megabytes=123.45, gb_per_s=999.9, of_copy=9.99, symdl_ms=12345.67)
    assert all(len(line) <= 100 for line in bench.format_table(rows).splitlines())
    assert bench.torch_note(rows[:1]) == ""
    # As if PyTorch were installed (CI does not install it): the note names the kernels it lacks.
    monkeypatch.setattr(timing, "_torch_module", lambda: object())
    assert "positional_encoding" in bench.torch_note(rows)
    assert "--no-torch" in bench.torch_note(rows, asked=False)
    monkeypatch.setattr(timing, "_torch_module", lambda: None)
    assert "not installed" in bench.torch_note(rows)
