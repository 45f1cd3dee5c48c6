"""The site, as a reader meets it: built strictly, every record present, math rendered offline.

The browser test loads the built pages from a localhost server in headless Chromium (Debian's
``chromium`` package; .ci/run installs it). Without Chromium it is skipped locally and fails
under CI, where it must run.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from symdl.catalog import ALL, TOPICS

ROOT = Path(__file__).parent.parent
FIGURES = (
    "activations",
    "gradient_through_depth",
    "initialisation",
    "adam_bias_correction",
    "lr_schedules",
    "rnn_gradient_norm",
    "positional_encoding",
    "dot_product_variance",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_every_record_has_its_section(site):
    for topic, records in TOPICS.items():
        html = (site / "topics" / topic.lower().replace(" ", "-") / "index.html").read_text()
        for record in records:
            assert f'id="{record.name}"' in html, f"{record.name} missing from {topic}"
    assert sum(len(r) for r in TOPICS.values()) == len(ALL)


def test_generated_pages_show_proofs_and_kernels(site):
    html = (site / "topics" / "activations" / "index.html").read_text()
    assert "symbolic, general" in html
    assert "sigmoid_grad_parallel" in html  # the generated kernel's source (syntax-highlighted)
    assert "max error" in html  # and its measured accuracy
    errata = (site / "errata" / "index.html").read_text()
    assert errata.count("<h2") == sum(1 for r in ALL if not r.holds)


def test_figures_are_built(site):
    for name in FIGURES:
        assert (site / "assets" / "figures" / f"{name}.png").stat().st_size > 10_000


def test_math_renderer_is_bundled(site):
    assert (site / "assets" / "mathjax" / "tex-mml-chtml.js").stat().st_size > 500_000
    assert list((site / "assets" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    html = (site / "index.html").read_text()
    assert "cdn." not in html.lower()
    assert "jsdelivr" not in html.lower()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


PAGES = [
    "",
    "topics/activations/",
    "topics/normalisation/",
    "topics/attention-and-transformers/",
    "errata/",
    "how-it-works/",
]


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def render(url: str, profile: Path) -> tuple[str, str]:
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=15000",
        "--dump-dom",
        url,
    ]
    proc = subprocess.run([browser, *flags], capture_output=True, text=True, timeout=120, check=False)
    return proc.stdout, proc.stderr


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_math_in_a_browser(served, page, tmp_path):
    dom, log = render(served + page, tmp_path / "profile")
    assert "<body" in dom
    console = [line for line in log.splitlines() if "CONSOLE" in line]
    errors = [line for line in console if re.search(r"error|uncaught|failed", line, re.IGNORECASE)]
    assert not errors, "\n".join(errors)
    if 'class="arithmatex"' in dom or "mjx-container" in dom:
        assert "mjx-container" in dom, "MathJax did not typeset the page"
        # arithmatex wraps TeX in \( \) and \[ \]; once typeset, none of it is left as text.
        raw = re.findall(r"\\\(|\\\[", re.sub(r"<script.*?</script>", "", dom, flags=re.S))
        assert not raw, f"raw TeX left on {page}: {len(raw)} delimiters"
