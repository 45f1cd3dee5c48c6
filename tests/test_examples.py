"""Every script in examples/ runs (they carry their own assertions)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


def test_there_are_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(path, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # scripts that write files (figures.py) write here
    runpy.run_path(str(path), run_name="__main__")
    assert capsys.readouterr().out.strip()


def test_figures_script_draws_every_figure(tmp_path):
    figures = runpy.run_path(str(EXAMPLES[0].parent / "figures.py"), run_name="figures")
    written = figures["main"](tmp_path)
    assert {p.stem for p in written} == set(figures["FIGURES"])
    assert all(p.stat().st_size > 10_000 for p in written)
