"""The command line: verify prints a table and fails loudly; show prints a record."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from symdl import cli
from symdl.catalog import activations
from symdl.catalog._common import claim


def test_verify_named_records(capsys):
    assert cli.main(["verify", "sigmoid_derivative", "rnn_jacobian"]) == 0
    out = capsys.readouterr().out
    assert "sigmoid_derivative" in out
    assert "symbolic, general" in out
    assert "rnn_jacobian" in out
    assert out.count("symbolic, general") >= 2
    assert "2 claims checked: 2 hold" in out


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


def test_verify_unknown_name(capsys):
    assert cli.main(["verify", "no_such_record"]) == 2
    assert "no derivation named" in capsys.readouterr().err


def test_show_prints_claim_proof_and_kernel_source(capsys):
    assert cli.main(["show", "tanh_derivative"]) == 0
    out = capsys.readouterr().out
    assert "verdict: holds (symbolic, general)" in out
    assert "def tanh_grad(x):" in out
    assert "exp64(" in out


def test_list(capsys):
    assert cli.main(["list"]) == 0
    assert "batchnorm_backward" in capsys.readouterr().out


def test_python_dash_m_works_the_same():
    out = subprocess.run(
        [sys.executable, "-m", "symdl", "verify", "--no-numeric", "tanh_scaled_sigmoid"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "1 claims checked: 1 hold" in out.stdout


@pytest.mark.parametrize("argv", [[], ["frobnicate"]])
def test_bad_command_line(argv):
    with pytest.raises(SystemExit) as info:
        cli.main(argv)
    assert info.value.code == 2
