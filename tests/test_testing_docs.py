"""The answer key's pages show what the code does now: their examples are run and compared.

docs/check-your-code.md and docs/exercises.md each hold a worked failing example with its
report, pasted as text; these tests run the example and fail if the report printed today
differs, so the pages cannot drift from the checker.  (The site build itself, in strict mode,
is tested in test_docs.py.)
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from symdl import cli
from symdl.testing import KERNELS, write_exercise
from symdl.testing.exercise import exercise_test_source

DOCS = Path(__file__).parent.parent / "docs"


def _block(page: str, marker: str) -> str:
    """The fenced code block right after ``<!-- marker -->`` on ``page``."""
    text = (DOCS / page).read_text(encoding="utf-8")
    match = re.search(rf"<!-- {re.escape(marker)} -->\n```\w*\n(.*?)\n```", text, re.S)
    assert match, f"{page} has no block marked {marker!r}"
    return match.group(1)


def test_batchnorm_example_prints_the_report_on_the_page():
    code = _block("check-your-code.md", "example: batchnorm")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "check-your-code.md", "exec"), {"__name__": "example"})
    assert out.getvalue().rstrip("\n") == _block("check-your-code.md", "report: batchnorm")


def test_softmax_exercise_example_prints_the_report_on_the_page(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    stub, _ = write_exercise("softmax", "my_exercises")
    solution = _block("exercises.md", "solution: softmax")
    text = stub.read_text()
    start = text.index("def softmax(z):")
    stub.write_text(text[:start] + solution + "\n")
    assert cli.main(["check", "my_exercises/softmax.py:softmax", "--dtype", "float32"]) == 1
    assert capsys.readouterr().out.rstrip("\n") == _block("exercises.md", "report: softmax")


def test_exercise_page_shows_the_test_file_written():
    assert _block("exercises.md", "test file: softmax") + "\n" == exercise_test_source("softmax")


def test_pages_name_every_kernel_with_its_korean_name():
    exercises = (DOCS / "exercises.md").read_text(encoding="utf-8")
    check = (DOCS / "check-your-code.md").read_text(encoding="utf-8")
    for name, kernel in KERNELS.items():
        assert f"| `{name}` | {kernel.korean} |" in exercises, name
        assert f"`{name}` ({kernel.korean})" in check, name


def test_pages_are_in_the_site_navigation():
    nav = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert "check-your-code.md" in nav
    assert "exercises.md" in nav
