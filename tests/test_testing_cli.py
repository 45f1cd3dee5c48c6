"""``symdl check FILE.py:FUNC --as NAME`` and ``symdl exercise NAME DIR`` on the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from symdl import cli

GOOD = """
import numpy as np

def my_tanh_grad(x):
    return 1 - np.tanh(x) ** 2

def tanh_grad(x):
    return 1 - np.tanh(x) ** 2

def wrong_tanh_grad(x):
    return 1 - x ** 2
"""


@pytest.fixture
def student(tmp_path):
    path = tmp_path / "mine.py"
    path.write_text(GOOD)
    return path


def test_check_passes_and_prints_the_table(student, capsys):
    assert cli.main(["check", f"{student}:my_tanh_grad", "--as", "tanh_grad"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("symdl answer key: my_tanh_grad as tanh_grad (tanh 도함수), float64, seed 0")
    assert "all 6 cases agree with symdl.kernels.tanh_grad" in out


def test_check_defaults_to_the_function_name_and_takes_dtype(student, capsys):
    assert cli.main(["check", f"{student}:tanh_grad", "--dtype", "float32", "--seed", "3"]) == 0
    assert "tanh_grad (tanh 도함수), float32, seed 3" in capsys.readouterr().out


def test_check_fails_with_the_report(student, capsys):
    assert cli.main(["check", f"{student}:wrong_tanh_grad", "--as", "tanh_grad"]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out
    assert "First failing case: #1, typical values" in out
    assert "your result matches 1 − x², as if x were already tanh(x)" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["{student}:my_tanh_grad"], "my_tanh_grad is not a kernel name; add --as NAME"),
        (["{student}:my_tanh_grad", "--as", "tanh"], "--as tanh must be one of"),
        (["{student}:nothing", "--as", "tanh_grad"], "has no function 'nothing'"),
        (["{missing}:f", "--as", "tanh_grad"], "no such file"),
        (["{broken}:f", "--as", "tanh_grad"], "raised SyntaxError"),
    ],
)
def test_check_cannot_run(student, tmp_path, capsys, argv, words):
    broken = tmp_path / "broken.py"
    broken.write_text("def f(x) return x\n")
    paths = {"student": student, "missing": tmp_path / "missing.py", "broken": broken}
    assert cli.main(["check", *(a.format(**paths) for a in argv)]) == 2
    assert words in capsys.readouterr().err


def test_check_needs_file_colon_function(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["check", "mine.py", "--as", "tanh_grad"])
    assert info.value.code == 2
    assert "FILE.py:FUNC" in capsys.readouterr().err


def test_exercise_writes_then_refuses(tmp_path, capsys):
    folder = tmp_path / "ex"
    assert cli.main(["exercise", "batchnorm_backward", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {folder / 'batchnorm_backward.py'}" in out
    assert f"pytest {folder}" in out
    stub = (folder / "batchnorm_backward.py").read_text()
    assert "def batchnorm_backward(dy, x, gamma, eps=1e-5):" in stub
    assert "배치 정규화" in stub
    before = stub
    assert cli.main(["exercise", "batchnorm_backward", str(folder)]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (folder / "batchnorm_backward.py").read_text() == before


def test_exercise_unknown_name(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["exercise", "batchnorm", str(tmp_path)])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_check_as_a_separate_process(student):
    out = subprocess.run(
        [sys.executable, "-m", "symdl", "check", f"{student}:wrong_tanh_grad", "--as", "tanh_grad"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1, out.stderr
    assert "wrong_tanh_grad as tanh_grad" in out.stdout
