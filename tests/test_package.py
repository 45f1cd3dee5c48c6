"""The package as a user meets it: cheap import, REPL display, lint."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import symdl

ROOT = Path(__file__).parent.parent


def test_import_does_not_load_sympy_or_numba():
    code = "import sys, symdl; print('sympy' in sys.modules, 'numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_repl_display():
    record = symdl.derivation("sigmoid_derivative")
    assert record._repr_latex_().startswith("$\\displaystyle")
    assert "\\sigma" in record._repr_latex_()
    md = record._repr_markdown_()
    assert "$$" in md
    assert "ML LifeCycle weekly summary" in md
    assert "σ(x)" in str(record)
    assert repr(record) == "<Derivation 'sigmoid_derivative': Derivative of the sigmoid>"


def test_public_api_is_explicit():
    assert {"derivation", "derivations", "kernels"} <= set(dir(symdl))


def test_ruff_clean():
    # ruff is pinned in the test extra; a missing ruff is a failed install, not a skip.
    beside = Path(sys.executable).parent / "ruff"
    ruff = str(beside) if beside.exists() else shutil.which("ruff")
    assert ruff, "ruff is not installed (pip install -e '.[test]')"
    out = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout


def test_help_shows_the_public_functions():
    import pydoc

    text = pydoc.render_doc(symdl, renderer=pydoc.plaintext)
    functions = text.split("FUNCTIONS", 1)[1]
    for name in ("derivation(", "derivations(", "errata("):
        assert name in functions


def test_tab_completion_on_kernels_offers_only_kernels():
    assert dir(symdl.kernels) == sorted(symdl.kernels.__all__)
    assert "np" not in dir(symdl.kernels)


def test_erratum_has_a_name():
    first = symdl.errata()[0]
    assert first.name == first.record.name


def test_api_pages_list_every_kernel():
    """docs/api*.md name the kernels to render (mkdocstrings shows a package's re-exports only when
    listed): the list must be symdl.kernels.__all__, in both languages."""
    import re
    from pathlib import Path

    import symdl.kernels

    root = Path(__file__).resolve().parent.parent / "docs"
    for page in ("api.md", "api.ko.md"):
        text = (root / page).read_text()
        block = text.split("::: symdl.kernels\n", 1)[1].split("\n\n", 1)[0]
        assert re.findall(r"^\s+- (\w+)$", block, flags=re.M) == symdl.kernels.__all__, page
