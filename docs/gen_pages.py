"""Generate the site's pages from the catalog, at build time (run by the mkdocs-gen-files plugin).

Nothing this writes is committed: topic pages, errata, coverage and figures are produced from
the records and the scripts in examples/ on every build, so they cannot go stale.  MathJax is
copied out of its npm package (fetched once with `npm pack` into .cache/) so the site renders
formulas with no network.
"""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import mkdocs_gen_files

import symdl
from symdl.catalog import TOPICS
from symdl.catalog.coverage import SECTIONS
from symdl.check import check_kernel
from symdl.codegen import Elementwise
from symdl.render import markdown

ROOT = Path(__file__).resolve().parent.parent
MATHJAX_VERSION = "3.2.2"


def slug(text: str) -> str:
    return text.lower().replace(" ", "-")


def record_link(name: str) -> str:
    for topic, records in TOPICS.items():
        if any(r.name == name for r in records):
            return f"[`{name}`](topics/{slug(topic)}.md#{name})"
    raise KeyError(name)


def kernel_section(record) -> str:
    spec = record.kernel
    proof = record.verify_kernel()
    lines = [
        f"**Kernel** `symdl.kernels` ← `{spec.name}`: {spec.why}",
        "",
        f"Generating expression proved equal to the derivation: **{proof.method}**"
        + (f" ({proof.detail})" if proof.detail else "")
        + ".",
        "",
        "```python",
        record.kernel_source.rstrip(),
        "```",
        "",
    ]
    if not (isinstance(spec, Elementwise) and spec.defines):
        lines += [
            "| dtype | compared with | points | max error | worst input | tolerance |",
            "|---|---|---|---|---|---|",
        ]
        for dtype in ("float32", "float64"):
            result = check_kernel(record, dtype=dtype)
            against = (
                "SymPy's derivative, mpmath 50 digits"
                if isinstance(spec, Elementwise)
                else "the proved symbolic reference, mpmath 50 digits"
            )
            lines.append(
                f"| {dtype} | {against} | {result.points} | {result.max_error:.3g} {result.unit} "
                f"| {result.worst_input} | {result.tolerance:g} |"
            )
        lines.append("")
    return "\n".join(lines)


def topic_pages() -> None:
    for topic, records in TOPICS.items():
        with mkdocs_gen_files.open(f"topics/{slug(topic)}.md", "w") as page:
            page.write(f"# {topic}\n\n")
            for record in records:
                proof = record.verify()
                body = markdown(record, proof, heading="##")
                # An explicit anchor per record, so other pages can link by name.
                first, rest = body.split("\n", 1)
                page.write(f"{first} {{ #{record.name} }}\n{rest}\n")
                if not record.holds:
                    fix = record.corrected.verify()
                    page.write(
                        f'!!! warning "The note is wrong here"\n    {record.truth}\n\n'
                        f"    Correction checked: {fix.method}.\n\n"
                    )
                if record.kernel is not None:
                    page.write(kernel_section(record) + "\n")


def errata_page() -> None:
    found = symdl.errata()
    with mkdocs_gen_files.open("errata.md", "w") as page:
        page.write(
            f"# Errata\n\n{len(found)} claims in the notes are wrong. Each is refuted by the machine and "
            "its correction proved; a test fails if either changes.\n\n"
        )
        for k, e in enumerate(found, 1):
            page.write(
                f"## {k}. {e.record.title}\n\n*{e.where}* — {record_link(e.record.name)}\n\n"
                f"**The note says:** {e.says}\n\n**What is true:** {e.truth}\n\n"
                f"**Evidence:** the note's claim — {e.refutation}; the correction — {e.confirmation}.\n\n"
            )


def coverage_page() -> None:
    with mkdocs_gen_files.open("coverage.md", "w") as page:
        page.write(
            "# Coverage of the notes\n\nEvery section of every note, with the records that settle "
            "its claims, or why there is nothing to prove.\n\n| note | section | records | not "
            "checked, because |\n|---|---|---|---|\n"
        )
        for s in SECTIONS:
            links = ", ".join(record_link(n) for n in s.records)
            page.write(f"| {s.note} | {s.section} | {links} | {s.reason} |\n")


FIGURES = {  # file stem: (title, caption)
    "activations": (
        "Activations and their derivatives",
        "sigmoid′ and tanh′ come from symdl's kernels; relu′(0) = 0 by convention.",
    ),
    "gradient_through_depth": (
        "Gradient scale through depth",
        "A sigmoid layer multiplies a gradient by at most 1/4; tanh by at most 1.",
    ),
    "initialisation": (
        "The initialisation experiment",
        "Small weights collapse the activations; large ones saturate tanh (std ≈ 1 means "
        "units sit at ±1); Xavier and He keep the spread.",
    ),
    "adam_bias_correction": ("Adam's bias correction", "The first moment with and without bias correction."),
    "lr_schedules": ("Learning-rate schedules", "LambdaLR with λ(e) = 1/(e+1) is not exponential."),
    "rnn_gradient_norm": (
        "RNN gradients through time",
        "‖∂h_T/∂h_0‖ from symdl.kernels.bptt_jacobian for spectral radius below, at and above 1.",
    ),
    "positional_encoding": ("Positional encoding", "symdl.kernels.positional_encoding(100, 64)."),
    "dot_product_variance": (
        "Why attention divides by √d_k",
        "Var(q·k) grows like d_k; q·k/√d_k has variance 1.",
    ),
}


def figures_page() -> None:
    figures = runpy.run_path(str(ROOT / "examples" / "figures.py"), run_name="figures")
    with tempfile.TemporaryDirectory() as tmp:
        paths = figures["main"](Path(tmp))
        with mkdocs_gen_files.open("figures.md", "w") as page:
            page.write("# Figures\n\nDrawn at build time by `examples/figures.py` from symdl's kernels.\n\n")
            for path in paths:
                with mkdocs_gen_files.open(f"assets/figures/{path.name}", "wb") as image:
                    image.write(path.read_bytes())
                title, caption = FIGURES[path.stem]
                page.write(f"## {title}\n\n![{caption}](assets/figures/{path.name})\n\n{caption}\n\n")


def performance_page() -> None:
    results = json.loads((ROOT / "docs" / "data" / "bench.json").read_text())

    def ms(value: float | None, suffix: str = "") -> str:
        return "-" if value is None else f"{value:.2f}{suffix}"

    rows = "\n".join(
        f"| {r['kernel']} | {r['dtype']} | {r['size']} | {ms(r['symdl_ms'])} | {ms(r['numpy_ms'])} | "
        f"{ms(r['torch_ms'])} | {ms(r['vs_numpy'], '×')} | {ms(r['vs_torch'], '×')} |"
        for r in results
    )
    template = (ROOT / "docs" / "data" / "performance.md").read_text()
    with mkdocs_gen_files.open("performance.md", "w") as page:
        page.write(
            template.replace(
                "{{ table }}",
                "| kernel | dtype | size | symdl ms | numpy ms | torch ms | "
                "vs numpy | vs torch |\n|---|---|---|---|---|---|---|---|\n" + rows,
            )
        )


def mathjax() -> None:
    cache = ROOT / ".cache" / f"mathjax-{MATHJAX_VERSION}"
    if not (cache / "es5" / "tex-mml-chtml.js").exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("building the docs bundles MathJax from the npm registry: install npm")
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [npm, "pack", f"mathjax@{MATHJAX_VERSION}", "--pack-destination", tmp, "--silent"],
                check=True,
                capture_output=True,
            )
            (tarball,) = Path(tmp).glob("mathjax-*.tgz")
            with tarfile.open(tarball) as tar:
                tar.extractall(tmp, filter="data")
            cache.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(Path(tmp) / "package", cache)
    es5 = cache / "es5"
    files = [
        es5 / "tex-mml-chtml.js",
        *sorted((es5 / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff")),
    ]
    for path in files:
        with mkdocs_gen_files.open(f"assets/mathjax/{path.relative_to(es5)}", "wb") as out:
            out.write(path.read_bytes())


topic_pages()
errata_page()
coverage_page()
figures_page()
performance_page()
mathjax()
