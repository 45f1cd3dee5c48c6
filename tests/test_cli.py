"""The command line: verify counts honestly and fails loudly; every command fits 100 columns."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

import symdl
from symdl import cli
from symdl._text import display_width
from symdl.catalog import activations
from symdl.catalog._common import claim


def test_verify_named_records_counts_by_how_they_were_shown(capsys):
    assert (
        cli.main(["verify", "sigmoid_derivative", "rnn_jacobian", "step_lr", "lambda_lr_not_exponential"])
        == 0
    )
    out = capsys.readouterr().out
    assert "[1/4] sigmoid_derivative" in out
    assert "4 claims checked" in out
    assert "2 proved for every size and value (symbolic, general)" in out
    assert "1 proved for explicit sizes only: step_lr" in out
    assert "1 wrong in the notes (errata): refuted" in out


def test_verify_summary_lines_keep_their_column_when_wrapped(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    names = ["svd_truncation_error", "pca_decorrelates", "relu_derivative", "sigmoid_derivative"]
    assert cli.main(["verify", "--no-numeric", *names]) == 0
    summary = capsys.readouterr().out.split("claims checked")[1].splitlines()[1:]
    assert summary
    assert all(display_width(line) <= 60 for line in summary)
    assert all(line.startswith("  ") for line in summary), summary  # none flush left
    counts = [line for line in summary if line[:6].strip().isdigit()]
    assert any("1 proved for one explicit case" in line for line in counts)
    wrapped = [line for line in summary if line not in counts]
    assert wrapped
    assert all(line.startswith(" " * 6) and line[6] != " " for line in wrapped)


def test_verify_one_claim_is_singular(capsys):
    assert cli.main(["verify", "--no-numeric", "tanh_scaled_sigmoid"]) == 0
    out = capsys.readouterr().out
    assert "1 claim checked" in out
    assert "1 claims" not in out


def test_verify_no_numeric_does_not_claim_kernels_were_compiled(capsys):
    assert cli.main(["verify", "--no-numeric", "tanh_derivative"]) == 0
    out = capsys.readouterr().out
    assert "1 kernel proved; numbers skipped (--no-numeric)" in out
    assert "compiled" not in out


def test_verify_fails_when_a_claim_disagrees_with_the_catalog(capsys, monkeypatch):
    # A record the catalog says holds, whose claim is wrong: verify must exit non-zero.
    good = activations.SIGMOID_DERIVATIVE
    broken = dataclasses.replace(
        good,
        name="broken_sigmoid",
        kernel=None,
        claim=claim(good.claim.lhs, activations.sigma(activations.x) ** 2),
    )
    monkeypatch.setattr("symdl.derivations", lambda: (broken,))
    assert cli.main(["verify"]) == 1
    assert "FAILED: broken_sigmoid" in capsys.readouterr().out


def test_verify_unknown_and_empty_names(capsys):
    assert cli.main(["verify", "no_such_record"]) == 2
    assert "no derivation named" in capsys.readouterr().err
    assert cli.main(["verify", " "]) == 2
    err = capsys.readouterr().err
    assert "empty" in err
    assert err.count("\n") == 1  # one short line, not the list of every record


def test_show_prints_the_derivation_and_the_source_on_request(capsys):
    assert cli.main(["show", "tanh_derivative"]) == 0
    out = capsys.readouterr().out
    assert "verdict: holds (symbolic, general)" in out
    assert "def tanh_grad(x):" not in out
    assert "--source" in out
    assert cli.main(["show", "tanh_derivative", "--source"]) == 0
    assert "def tanh_grad(x):" in capsys.readouterr().out


def test_show_of_an_erratum_gives_verdict_correction_and_truth(capsys):
    assert cli.main(["show", "whitening_divides_by_sqrt_eigenvalues"]) == 0
    out = capsys.readouterr().out
    assert "erratum" in out
    assert "what is true instead:" in out
    assert "√λ_i" in out  # the truth, in words
    assert "verdict: WRONG" in out


def test_list_filters(capsys):
    assert cli.main(["list", "--errata"]) == 0
    errata_only = capsys.readouterr().out
    assert "whitening_divides_by_sqrt_eigenvalues" in errata_only
    assert "sigmoid_derivative " not in errata_only
    assert cli.main(["list", "--kernels"]) == 0
    kernels_only = capsys.readouterr().out
    assert "batchnorm_backward" in kernels_only
    assert "sigmoid_range" not in kernels_only
    assert cli.main(["list", "--topic", "normal"]) == 0
    assert "layernorm_backward" in capsys.readouterr().out
    assert cli.main(["list", "--topic", "nonesuch"]) == 2


def test_korean_record_text_on_request(capsys, monkeypatch):
    from symdl.catalog.ko import korean

    assert cli.main(["list", "--lang", "ko", "--topic", "normal"]) == 0
    out = capsys.readouterr().out
    assert korean("batchnorm_backward").title in out
    monkeypatch.setenv("SYMDL_LANG", "ko")
    assert cli.main(["show", "batchnorm_backward"]) == 0
    assert korean("batchnorm_backward").statement.split()[0] in capsys.readouterr().out


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"symdl {symdl.__version__}"


COMMANDS = [
    ["--help"],
    ["verify", "--help"],
    ["verify", "batchnorm_backward", "rnn_bptt_jacobian", "step_lr", "xavier_notes_code_variance"],
    ["show", "batchnorm_backward"],
    ["show", "batchnorm_backward", "--source"],
    ["show", "rnn_bptt_jacobian", "--lang", "ko"],
    ["show", "self_attention_example_softmax"],
    ["errata"],
    ["errata", "--lang", "ko"],
    ["list"],
    ["list", "--lang", "ko"],
    ["bench", "--help"],
    ["check", "--help"],
    ["exercise", "--help"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_every_command_fits_100_columns(argv, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    if "--help" in argv:
        with pytest.raises(SystemExit) as done:
            cli.main(argv)
        assert done.value.code == 0
    else:
        cli.main(argv)
    out = capsys.readouterr().out
    widest = max(out.splitlines(), key=display_width)
    assert display_width(widest) <= 100, widest


def test_wide_gives_one_line_per_record(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    assert cli.main(["verify", "--wide", "--no-numeric", "batchnorm_backward"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "batchnorm_backward" in first
    assert "symbolic, general" in first


def test_python_dash_m_works_the_same():
    out = subprocess.run(
        [sys.executable, "-m", "symdl", "verify", "--no-numeric", "tanh_scaled_sigmoid"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "1 claim checked" in out.stdout


@pytest.mark.parametrize("argv", [[], ["frobnicate"]])
def test_bad_command_line(argv):
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2


def test_verify_warms_the_kernel_cache_in_a_second_process_only_when_it_helps(monkeypatch):
    records = [symdl.derivation(n) for n in ("softmax_jacobian", "sigmoid_derivative", "tanh_derivative")]
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("SYMDL_WARM", raising=False)
    assert cli._start_warming(records, numeric=False) is None
    assert cli._start_warming(records[:1], numeric=True) is None  # one kernel: nothing to overlap
    monkeypatch.setenv("SYMDL_WARM", "0")
    assert cli._start_warming(records, numeric=True) is None
    monkeypatch.delenv("SYMDL_WARM")
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 1)
    assert cli._start_warming(records, numeric=True) is None
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 2)
    process = cli._start_warming(records, numeric=True)
    assert process is not None
    assert process.wait(timeout=300) == 0


def test_warming_compiles_exactly_what_the_check_then_calls():
    """warm_kernels compiles the check's own argument types: in a fresh process, the check that
    follows adds no signature to what warming compiled (or loaded)."""
    script = """
import importlib, numpy as np, symdl
from symdl.check import check_kernel, warm_kernels
module = importlib.import_module("symdl._generated.layernorm_backward")
kernels = (module.layernorm_backward_serial, module.layernorm_backward_serial_f32)
assert not any(k.signatures for k in kernels)
warm_kernels([symdl.derivation("layernorm_backward")])
before = [list(k.signatures) for k in kernels]
assert all(len(b) == 1 for b in before), before
record = symdl.derivation("layernorm_backward")
assert check_kernel(record, dtype=np.float32).ok and check_kernel(record, dtype=np.float64).ok
assert [list(k.signatures) for k in kernels] == before, ([list(k.signatures) for k in kernels], before)
print("same")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "same"


def test_an_interrupted_verify_stops_its_warming_process_at_once(monkeypatch):
    import time

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    monkeypatch.setattr(cli, "_start_warming", lambda records, numeric: sleeper)

    def interrupted(records, args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_verify", interrupted)
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        cli.main(["verify", "sigmoid_derivative"])
    assert sleeper.poll() is not None  # killed, not left running
    assert time.perf_counter() - start < 30
