"""The site, as a reader meets it: built strictly in English and Korean, every record present,
math rendered offline, search in both languages, tables that fit.

The browser tests load the built pages from a localhost server in headless Chromium (Debian's
``chromium`` package; .ci/run installs it). Without Chromium they are skipped locally and fail
under CI, where they must run. Pages are either dumped after load (``--dump-dom``) or driven
over the DevTools protocol on a pipe (search, layout), with nothing but the standard library.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import os
import re
import select
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from symdl.catalog import ALL

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
HANGUL = re.compile(r"[가-힣]")


def _gen_pages():
    """docs/gen_pages.py as a module, without building anything (its build runs under mkdocs only)."""
    spec = importlib.util.spec_from_file_location("gen_pages_under_test", ROOT / "docs" / "gen_pages.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


GEN = _gen_pages()


def _mkdocs_build(out: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1", **env),
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    proc = _mkdocs_build(out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def _text(html: str) -> str:
    """The visible text of a page's article (no scripts, code or math)."""
    article = html[html.find("<article") : html.find("</article>")]
    article = re.sub(r"<(script|code|pre)\b.*?</\1>", " ", article, flags=re.S)
    article = re.sub(r'<span class="arithmatex">.*?</span>', " ", article, flags=re.S)
    return re.sub(r"<[^>]+>", " ", article)


# -- the pages ------------------------------------------------------------------------------------
def test_every_record_has_its_section_in_both_languages(site):
    placed = []
    for subject in GEN.SUBJECTS:
        english = (site / "topics" / subject.slug / "index.html").read_text()
        korean = (site / "ko" / "topics" / subject.slug / "index.html").read_text()
        for name in subject.records:
            assert f'id="{name}"' in english, f"{name} missing from {subject.slug}"
            assert f'id="{name}"' in korean, f"{name} missing from ko/{subject.slug}"
        placed += subject.records
    assert sorted(placed) == sorted(r.name for r in ALL)


def _nav_pages() -> list[str]:
    """Every page in mkdocs.yml's navigation, as the path of its built HTML."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]

    return [
        p.removesuffix("index.md").removesuffix(".md") + ("/" if p != "index.md" else "") + "index.html"
        for p in walk(config["nav"])
    ]


HAND_WRITTEN = ("index", "getting-started", "how-it-works", "check-your-code", "exercises", "api")
GENERATED = ("errata", "coverage", "figures", "performance", "glossary")


def test_navigation_lists_every_page():
    pages = _nav_pages()
    topics = [p for p in pages if p.startswith("topics/")]
    others = {p.removesuffix("index.html").strip("/") or "index" for p in pages if p not in topics}
    assert others == set(HAND_WRITTEN + GENERATED)
    assert len(topics) == len(GEN.SUBJECTS)


def test_every_hand_written_page_has_a_korean_twin():
    for name in HAND_WRITTEN:
        english, korean = ROOT / "docs" / f"{name}.md", ROOT / "docs" / f"{name}.ko.md"
        assert english.exists(), english
        assert korean.exists(), f"no Korean twin {korean.name} of {english.name}"


def test_every_page_exists_in_both_languages_with_korean_text(site):
    pages = _nav_pages()
    for page in pages:
        assert '<html lang="en"' in (site / page).read_text(), page
        twin = site / "ko" / page
        assert twin.exists(), f"no Korean page for {page}"
        html = twin.read_text()
        assert '<html lang="ko"' in html, twin
        hangul = len(HANGUL.findall(_text(html)))
        assert hangul >= 40, f"ko/{page}: only {hangul} Korean characters"


def test_language_switch_leads_to_the_same_page(site):
    for page in ("index.html", "topics/adam/index.html", "errata/index.html"):
        for lang, path in (("en", site / page), ("ko", site / "ko" / page)):
            html = path.read_text()
            links = dict(re.findall(r'<a href="([^"]+)" hreflang="(en|ko)"', html)[::1])
            by_lang = {v: k for k, v in links.items()}
            for target_lang, href in by_lang.items():
                target = (path.parent / href).resolve()
                if target.is_dir():
                    target /= "index.html"
                want = site / page if target_lang == "en" else site / "ko" / page
                assert target == want.resolve(), f"{lang} {page}: {target_lang} link {href} -> {target}"


def test_derivation_comes_first_and_the_kernel_source_is_collapsed(site):
    html = (site / "topics" / "normalisation" / "index.html").read_text()
    section = html[html.find('id="batchnorm_backward"') : html.find('id="batchnorm_param_grads"')]
    claim, verdict, details = section.find("Claim"), section.find("Verdict"), section.find("<details")
    assert 0 < claim < verdict < details, "claim, then verdict, then the collapsed kernel"
    kernel = section[details : section.find("</details>")]
    assert " open" not in kernel[: kernel.find(">")]  # collapsed
    assert "def batchnorm_backward" in re.sub(r"<[^>]+>", "", kernel)  # the generated source
    assert "max error" in kernel  # and its measured accuracy
    assert "batchnorm_backward_serial" not in re.sub(r"<[^>]+>", "", section[:details])
    korean = (site / "ko" / "topics" / "normalisation" / "index.html").read_text()
    assert "판정" in korean
    assert "일반적인 기호 증명" in korean or "기호 증명" in korean


def test_records_are_grouped_by_subject():
    # The example: LSTM, GRU and RNN records together; softmax regression with softmax.
    assert GEN.subject_of("lstm_cell_state_gradient") is GEN.subject_of("rnn_jacobian")
    assert GEN.subject_of("gru_hidden_state_gradient") is GEN.subject_of("rnn_bptt_jacobian")
    assert GEN.subject_of("softmax_regression_vector_softmax") is GEN.subject_of("softmax_jacobian")
    GEN.check_subjects([r.name for r in ALL])  # every record on exactly one page
    with pytest.raises(Exception, match=r"records on no page.*a_new_record"):
        GEN.check_subjects([r.name for r in ALL] + ["a_new_record"])


def test_navigation_lists_every_subject_page():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    (section,) = [item for item in config["nav"] if isinstance(item, dict) and "The notes, checked" in item]
    assert section["The notes, checked"] == [f"topics/{s.slug}.md" for s in GEN.SUBJECTS]


# -- the answer key's pages in Korean -------------------------------------------------------------
def _marked_blocks(page: str) -> dict[str, str]:
    """The fenced code blocks after ``<!-- marker -->`` comments on ``page``, by marker."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- (.+?) -->\n```\w*\n(.*?)\n```", text, re.S))


@pytest.mark.parametrize("page", ["check-your-code", "exercises"])
def test_korean_answer_key_pages_show_the_english_pages_code_and_reports(page):
    # tests/test_testing_docs.py runs the English page's examples and compares the reports; the
    # Korean twin must show the very same blocks (and every other code block too), or it drifts.
    english, korean = _marked_blocks(f"{page}.md"), _marked_blocks(f"{page}.ko.md")
    assert len(english) >= 2
    assert korean == english
    fences = re.compile(r"```\w*\n.*?\n```", re.S)
    english_code = fences.findall((ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8"))
    korean_code = fences.findall((ROOT / "docs" / f"{page}.ko.md").read_text(encoding="utf-8"))
    assert korean_code == english_code


def test_korean_answer_key_pages_name_every_kernel_in_korean():
    from symdl.testing import KERNELS

    exercises = (ROOT / "docs" / "exercises.ko.md").read_text(encoding="utf-8")
    check = " ".join((ROOT / "docs" / "check-your-code.ko.md").read_text(encoding="utf-8").split())
    for name, kernel in KERNELS.items():
        assert f"| `{name}` | {kernel.korean} |" in exercises, name
        assert f"{kernel.korean} `{name}`" in check, name


def test_korean_pages_keep_the_english_section_addresses():
    # Links such as check-your-code.md#random-initialisers work in both languages.
    for page in ("check-your-code", "exercises"):
        english = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
        korean = (ROOT / "docs" / f"{page}.ko.md").read_text(encoding="utf-8")
        slugs = {
            re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-")
            for heading in re.findall(r"^#{2,3} (.+)$", english, re.M)
        }
        ids = set(re.findall(r"^#{2,3} .+ \{ #([\w-]+) \}$", korean, re.M))
        assert slugs == ids, (page, slugs ^ ids)


# -- the words of the generated pages ---------------------------------------------------------------
# Method labels as symdl.verify writes them (claims.py, equal.py, relation.py), written out here.
METHOD_LABELS = [
    "symbolic, general",
    "symbolic, general (induction on T)",
    "symbolic for x ≠ 0",
    "symbolic for x ≠ 0, y ≠ 1",
    "symbolic for n = 1..3",
    "symbolic for T = 1..2",
    "symbolic for E = 3, 7, 12",
    "numeric only for n = 1..2",
    "numeric only (mpmath, 50 digits, 12 points)",
    "numeric only (exact values agree to 40 digits)",
    "numeric counterexample (mpmath, 50 digits)",
    "exact value, evaluated to 50 digits, compared within ±0.005",
    "exact value, evaluated to 50 digits",
    "exact value",
    "exact value (the two sets differ)",
    "numeric counterexample (exact sets at a sampled point)",
    "undecided (time limit)",
    "undecided (sets not shown equal)",
    "undecided (no valid sample point)",
    "undecided (too few valid sample points)",
    "induction on t: base symbolic, general; step numeric only (mpmath, 50 digits, 12 points)",
]


@pytest.mark.parametrize("label", METHOD_LABELS)
def test_method_labels_read_in_korean(label):
    korean = GEN.method(label, "ko")
    assert korean.endswith(f" ({label})")  # the machine's label, in parentheses
    words = korean.removesuffix(f" ({label})")
    assert HANGUL.search(words), korean
    for number in re.findall(r"\d+", label):
        assert number in words, (number, korean)
    assert GEN.method(label, "en") == label


def test_method_labels_of_explicit_cases_come_from_the_records():
    from symdl.catalog.ko import korean

    for record in (r for r in ALL if r.shown_for):
        label = f"symbolic for {record.shown_for}"
        assert GEN.method(label, "ko") == f"{korean(record).shown_for}에 대한 기호 증명 ({label})"
    assert GEN.method("symbolic for a shape nobody declared", "ko") == "symbolic for a shape nobody declared"


def test_claim_heading_says_what_render_says():
    from symdl.render import claim_heading

    kinds = {
        "stated": next(r for r in ALL if r.holds and r.stated),
        "ours": next(r for r in ALL if r.holds and not r.stated),
        "wrong": next(r for r in ALL if not r.holds),
    }
    korean = set()
    for record in kinds.values():
        english = claim_heading(record)
        assert GEN.claim_heading(record, "en") == english[0].upper() + english[1:]
        korean.add(GEN.claim_heading(record, "ko"))
    assert len(korean) == 3
    assert all(HANGUL.search(k) for k in korean)


@pytest.fixture(scope="module")
def sections(monkeypatch_module):
    """Some records' sections in both languages, proofs run here (no site build)."""
    monkeypatch_module.setattr(GEN, "facts", lambda memo={}: GEN.Facts(memo))
    names = (
        "softmax_shift_invariance",
        "adam_moment_unrolled",
        "cross_entropy_convex_in_logits",
        "step_lr",
        "xavier_forward_variance",
        "lambda_lr_not_exponential",
    )
    by_name = {r.name: r for r in ALL}
    return {(n, lang): GEN.record_section(by_name[n], lang) for n in names for lang in ("en", "ko")}


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_section_shows_the_index_form_and_the_cross_check(sections):
    en, ko = sections["softmax_shift_invariance", "en"], sections["softmax_shift_invariance", "ko"]
    assert "**Entry by entry (what is proved, for any size):**" in en
    assert "**Cross-check on explicit sizes:** holds — symbolic for n = 1..3" in en
    assert "**성분별로 쓴 식 (증명한 것, 임의의 크기에서):**" in ko
    assert "**명시적 크기에서의 교차 확인:** 성립 — n = 1..3에 대한 기호 증명" in ko
    assert "Derived by SymPy" not in en  # the index form is what is proved


def test_section_shows_the_induction_and_its_hypothesis(sections):
    from symdl.catalog.ko import korean

    record = next(r for r in ALL if r.name == "adam_moment_unrolled")
    en, ko = sections["adam_moment_unrolled", "en"], sections["adam_moment_unrolled", "ko"]
    assert f"**By induction on $t$ from $t = 1$.** {record.induction.hypothesis}" in en
    assert f"**$t$에 대한 귀납법, $t = 1$부터.** {korean(record).hypothesis}" in ko
    assert "symbolic, general (induction on t)" in en
    assert "t에 대한 귀납법으로 한 일반적인 기호 증명" in ko


def test_section_shows_a_huge_derivation_as_written_and_the_claims_kind(sections):
    en = sections["cross_entropy_convex_in_logits", "en"]
    assert "**Claim (the note says this in words; the formula is written here):**" in en
    assert "**Derived by SymPy from the definitions above:**" in en
    assert "주장 (노트는 이것을 말로 설명하고" in sections["cross_entropy_convex_in_logits", "ko"]
    assert "Proved for explicit sizes only: E = 3, 7, 12." in sections["step_lr", "en"]
    assert "정해진 크기에서만 증명했다: E = 3, 7, 12." in sections["step_lr", "ko"]


def test_section_formulas_use_the_students_notation(sections):
    text = "\n".join(sections.values())
    assert r"\operatorname{Var}\left(w\right)" in sections["xavier_forward_variance", "en"]
    assert "mathrm{Var}" not in text
    # No dummy index is left: SymPy prints them as subscripts with no base, which MathJax rejects.
    assert not re.search(r"[{ ]_[a-z]", text)
    assert "\\sum_{\\substack{1 \\leq j" in sections["xavier_forward_variance", "en"]


def test_section_of_an_erratum_shows_the_correction(sections):
    en, ko = sections["lambda_lr_not_exponential", "en"], sections["lambda_lr_not_exponential", "ko"]
    assert "**The note's claim (wrong — see the correction below):**" in en
    assert '!!! warning "The note is wrong here"' in en
    assert "**Verdict:** wrong" in en
    assert "**판정:** 틀림" in ko
    box = en[en.index("!!! warning") :]
    assert "$$" in box.split("Correction checked")[0]  # the correction's formula, in the box


def test_errata_in_both_languages(site):
    wrong = [r for r in ALL if not r.holds]
    for path in (site / "errata" / "index.html", site / "ko" / "errata" / "index.html"):
        assert path.read_text().count("<h2") == len(wrong)


def test_figures_are_built(site):
    for name in FIGURES:
        assert (site / "assets" / "figures" / f"{name}.png").stat().st_size > 10_000
        assert (site / "ko" / "assets" / "figures" / f"{name}.png").exists()
    assert (site / "assets" / "figures" / "speedup.png").stat().st_size > 10_000


def test_glossary_page_gives_competing_renderings(site):
    from symdl.catalog.glossary import TERMS

    korean = (site / "ko" / "glossary" / "index.html").read_text()
    english = (site / "glossary" / "index.html").read_text()
    for term in TERMS:
        assert term.korean in korean
        assert term.english in english
    row = re.search(r"<tr>\s*<td>기울기</td>.*?</tr>", korean, flags=re.S).group(0)
    assert "그래디언트" in row
    assert "변화도" in row


def test_api_reference_is_the_public_api_with_examples_as_code(site):
    html = (site / "api" / "index.html").read_text()
    for public in (
        "symdl.derivation",
        "symdl.derivations",
        "symdl.errata.errata",
        "symdl.record.Derivation",
        "symdl.verify.Proof",
        "symdl.kernels.softmax",
        "symdl.kernels.batchnorm_backward",
        "symdl.check.check_kernel",
        "symdl.check.gradient_check",
        "symdl.testing.check_implementation",
        "symdl.testing.assert_matches",
        "symdl.testing.write_exercise",
        "symdl.testing.Report",
    ):
        assert f'id="{public}"' in html, public
        assert f'id="{public}"' in (site / "ko" / "api" / "index.html").read_text(), public
    for internal in ("EXP_DEGREE", "R_MAX", "taylor_coefficients", "KernelPrinter", "prove_equal", "DIGITS"):
        assert internal not in html, internal
    assert "<blockquote" not in html  # doctest lines used to become nested block quotes
    assert '<span class="gp">&gt;&gt;&gt; </span>' in html  # now they are code, prompts highlighted


def test_korean_verdicts_are_in_korean(site):
    # Every verdict and cross-check on the Korean topic pages reads in Korean, the machine's
    # English label after it in parentheses: a method label the table does not know shows up here.
    verdicts = []
    for subject in GEN.SUBJECTS:
        html = (site / "ko" / "topics" / subject.slug / "index.html").read_text()
        for line in re.findall(
            r"<strong>(?:판정|명시적 크기에서의 교차 확인):</strong>(.*?)</p>", html, re.S
        ):
            verdicts.append(re.sub(r"<[^>]+>", "", line))
    assert len(verdicts) > len(ALL)  # every record has a verdict, many a cross-check too
    untranslated = [v for v in verdicts if not HANGUL.search(v.split(" (")[0].split("—")[-1])]
    assert not untranslated, untranslated


def test_search_index_has_no_raw_tex(site):
    for path in (site / "search" / "search_index.json", site / "ko" / "search" / "search_index.json"):
        docs = json.loads(path.read_text())["docs"]
        raw = [d["location"] for d in docs if re.search(r"\\\(|\\\[|\\frac|\\left|\\mathrm", d["text"])]
        assert not raw, f"{path}: raw TeX in {raw[:5]}"


def test_coverage_names_break_only_at_underscores(site):
    html = (site / "coverage" / "index.html").read_text()
    names = re.findall(r"<code>(.*?)</code>", html)
    assert len(names) > 50
    for name in names:
        assert re.fullmatch(r"(?:[a-z0-9]+_<wbr>)*[a-z0-9]+", name), name


def test_math_renderer_is_bundled(site):
    assert (site / "assets" / "mathjax" / "tex-mml-chtml.js").stat().st_size > 500_000
    assert list((site / "assets" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    assert (site / "ko" / "assets" / "mathjax" / "tex-mml-chtml.js").exists()
    html = (site / "index.html").read_text()
    assert "cdn." not in html.lower()
    assert "jsdelivr" not in html.lower()


def test_build_without_npm_stops_at_once_with_one_line(tmp_path):
    # No MathJax copy yet (an empty cache) and no npm on PATH: the first thing the page generator
    # does is say so, before it proves or draws anything.
    start = time.monotonic()
    proc = _mkdocs_build(tmp_path / "site", SYMDL_DOCS_CACHE=str(tmp_path / "cache"), PATH=str(tmp_path))
    seconds = time.monotonic() - start
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, output
    assert "install npm" in errors[0]
    assert "Traceback" not in output
    assert seconds < 30, f"took {seconds:.0f} s"  # a full build takes about a minute


# -- in a browser ---------------------------------------------------------------------------------
def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return browser


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
    proc = subprocess.run([_chromium(), *flags], capture_output=True, text=True, timeout=120, check=False)
    return proc.stdout, proc.stderr


PAGES = [
    "",
    "topics/sigmoid-and-tanh/",
    "topics/normalisation/",
    "topics/attention/",
    "errata/",
    "how-it-works/",
    "ko/",
    "ko/topics/normalisation/",
    "ko/topics/attention/",
    "ko/check-your-code/",
    "ko/glossary/",
]


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
    if page.startswith("ko/"):
        assert '<html lang="ko"' in dom
        assert len(HANGUL.findall(_text(dom))) >= 40


class DevTools:
    """Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``):
    JSON messages, each ended by a NUL byte, on file descriptors 3 (commands) and 4 (replies)."""

    def __init__(self, browser: str, profile: Path, width: int = 1280, height: int = 900) -> None:
        commands_in, self._commands = os.pipe()
        self._replies, replies_out = os.pipe()

        def on_fds_3_and_4() -> None:  # runs in the child, before exec
            os.dup2(commands_in, 3)
            os.dup2(replies_out, 4)

        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-pipe"]
        flags += [
            "--disable-background-networking",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
        ]
        self.proc = subprocess.Popen(
            [browser, *flags, "about:blank"],
            pass_fds=(3, 4),
            preexec_fn=on_fds_3_and_4,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_in)
        os.close(replies_out)
        self._buffer, self._id = b"", 0
        pages = [t for t in self.send("Target.getTargets")["targetInfos"] if t["type"] == "page"]
        self.session = self.send("Target.attachToTarget", targetId=pages[0]["targetId"], flatten=True)[
            "sessionId"
        ]

    def send(self, method: str, session: str | None = None, timeout: float = 60, **params) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._id:
                    if "error" in reply:
                        raise RuntimeError(f"{method}: {reply['error']}")
                    return reply["result"]
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(method)
            if select.select([self._replies], [], [], left)[0]:
                chunk = os.read(self._replies, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk

    def evaluate(self, expression: str):
        result = self.send(
            "Runtime.evaluate", session=self.session, expression=expression, returnByValue=True
        )
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.send("Page.navigate", session=self.session, url=url)
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'")

    def wait_for(self, expression: str, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.25)
        raise TimeoutError(expression)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
            self.proc.wait(timeout=20)
        except (RuntimeError, TimeoutError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        os.close(self._commands)
        os.close(self._replies)


@pytest.fixture(scope="module")
def devtools(tmp_path_factory):
    tools = DevTools(_chromium(), tmp_path_factory.mktemp("devtools-profile"))
    yield tools
    tools.close()


def search(devtools: DevTools, url: str, query: str) -> list[str]:
    """Material's search results (page and section titles) for ``query`` typed on ``url``."""
    devtools.open(f"{url}?q={quote(query)}")  # Material runs ?q= as a search once its index is built
    found = devtools.wait_for(
        "(() => { const items = [...document.querySelectorAll('.md-search-result__item')];"
        " return items.length"
        " ? JSON.stringify(items.map(i => i.querySelector('h1, h2')?.innerText ?? '')) : '' })()"
    )
    return json.loads(found)


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("가중치 초기화", "가중치 초기화"),
        ("배치 정규화", "배치 정규화와 층 정규화"),
        ("소프트맥스 야코비안", "소프트맥스"),
    ],
)
def test_korean_search_finds_korean_pages(served, devtools, query, page):
    titles = search(devtools, served + "ko/", query)
    assert titles[0] == page, titles[:5]
    assert all(HANGUL.search(t) or t in ("Adam", "symdl") for t in titles[:5]), titles[:5]


def test_english_search_finds_english_pages(served, devtools):
    titles = search(devtools, served, "weight initialisation")
    assert titles[0] == "Weight initialisation", titles[:5]


@pytest.mark.parametrize("page", ["performance/", "ko/performance/"])
def test_performance_table_fits_at_1280_px(served, devtools, page):
    devtools.open(served + page)
    overflow = devtools.evaluate(
        "(() => { const t = document.querySelector('article table');"
        " const box = t.parentElement.getBoundingClientRect();"
        " return [t.scrollWidth - t.parentElement.clientWidth, t.getBoundingClientRect().right - box.right,"
        " innerWidth] })()"
    )
    scroll, right, width = overflow
    assert width == 1280
    assert scroll <= 0, f"the table scrolls by {scroll} px"
    assert right <= 1, f"the table ends {right} px past its column"


@pytest.mark.parametrize("width", [1280, 390])
def test_coverage_table_never_breaks_a_name_mid_word(served, devtools, width):
    # For every record name in the table: where the browser wrapped it onto a new line, the
    # character before the break is an underscore.  At a phone's 390 px many names wrap.
    devtools.send(
        "Emulation.setDeviceMetricsOverride",
        session=devtools.session,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=width < 600,
    )
    devtools.open(served + "coverage/")
    wraps, bad = devtools.evaluate(
        """(() => {
        const bad = []; let wraps = 0;
        for (const code of document.querySelectorAll('article table code')) {
          const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
          let last = null, before = '';
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let k = 0; k < node.length; k++) {
              const range = document.createRange();
              range.setStart(node, k); range.setEnd(node, k + 1);
              const top = range.getBoundingClientRect().top;
              if (last !== null && top > last + 2) { wraps++; if (before !== '_') bad.push(code.innerText); }
              last = top; before = node.data[k];
            }
          }
        }
        return [wraps, bad];
      })()"""
    )
    devtools.send("Emulation.clearDeviceMetricsOverride", session=devtools.session)
    assert bad == [], bad
    if width < 600:
        assert wraps > 10  # the check saw names wrap
