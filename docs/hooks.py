"""MkDocs hooks (mkdocs.yml ``hooks:``): the Korean site, fresh catalog code, math kept out of search.

**Korean.** The site is built twice from the same sources: English into ``site/``, then Korean
into ``site/ko/``, by a second build started from the English one's ``on_post_build``, so one
``mkdocs build`` (or ``mkdocs serve``) makes both.  Every page ``x.md`` has a Korean twin
``x.ko.md`` -- hand-written in docs/ or written by docs/gen_pages.py -- and the Korean build
serves the twin at ``x.md``'s address, so the two sites have the same URLs and the header's
language switch (docs/overrides/partials/alternate.html) goes to the same page in the other
language.  Each build has the theme's own language (Material's Korean labels, ``<html lang>``)
and its own search index.  (mkdocs-static-i18n does the same, but drops every page
mkdocs-gen-files generates -- its issue #263 -- and all of ours are generated.)

**Fresh code.** ``mkdocs serve`` rebuilds in the same Python process when a watched file changes
(mkdocs.yml ``watch: symdl``), and a second ``import symdl.catalog`` would return the module
already loaded: at the start of each build the catalog modules (records, Korean text, glossary,
verification, rendering) are forgotten so the page generator imports the edited ones.  The
kernels and their compiled code stay loaded; a change to them needs a restart.

**Search.** Formulas would show in search results as raw TeX (``\\frac{d}{dx}...``), so MathJax's
elements are marked ``data-search-exclude``, which Material's search skips (and strips from
the page afterwards).  The records' statements carry each formula in Unicode, which search finds.
"""

from __future__ import annotations

import copy
import logging
import re
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.symdl")

KOREAN = "ko"
# Section titles of the navigation (pages take their titles from their own headings).
NAV_KO = {"The notes, checked": "노트 검증"}
SITE_DESCRIPTION_KO = "딥러닝 스터디 노트를 기계가 확인한 수학으로."

# Modules a catalog edit can change.  The kernels (symdl.kernels, symdl._jit, symdl._generated,
# symdl.codegen) are left alone: reloading numba's runtime set-up in one process is not safe.
RELOADED = re.compile(r"symdl\.(catalog(\..*)?|record|verify|render|api|errata)")
MATH = re.compile(r'<(span|div) class="arithmatex">')


def language(config) -> str:
    return config.theme["language"]


def on_config(config):
    if not getattr(config, "_symdl_fresh", False):  # the Korean build reuses the English one's
        for name in [n for n in sys.modules if RELOADED.fullmatch(n)]:
            del sys.modules[name]
        config._symdl_fresh = True
    return config


@event_priority(-50)  # after mkdocs-gen-files has added the generated pages
def on_files(files, config):
    """English build: leave the Korean twins out.  Korean build: serve each twin at its page's address."""
    suffix = f".{KOREAN}.md"
    for twin in [f for f in files if f.src_uri.endswith(suffix)]:
        files.remove(twin)
        if language(config) != KOREAN:
            continue
        src_uri = twin.src_uri.removesuffix(suffix) + ".md"
        english = files.get_file_from_path(src_uri)
        if english is not None:
            files.remove(english)
        files.append(File.generated(config, src_uri, abs_src_path=twin.abs_src_path))
    return files


def on_page_content(html, page, config, files):
    return MATH.sub(r'<\1 class="arithmatex" data-search-exclude="math">', html)


def korean_config(config):
    """The English build's config, made Korean: same sources, theme language ko, built into ko/."""
    ko = load_config(
        config.config_file_path,
        site_dir=str(Path(config.site_dir) / KOREAN),
        strict=config.strict,
        site_description=SITE_DESCRIPTION_KO,
    )
    ko.theme["language"] = KOREAN
    ko.nav = translate_nav(copy.deepcopy(ko.nav))
    # What the English build already computed (proofs, checks, figures; see gen_pages.py), and its
    # fresh catalog modules, serve the Korean build too.
    ko._symdl_facts = getattr(config, "_symdl_facts", None)
    ko._symdl_fresh = True
    return ko


def translate_nav(nav):
    if isinstance(nav, list):
        return [translate_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {NAV_KO.get(title, title): translate_nav(value) for title, value in nav.items()}
    return nav


def on_post_build(config):
    if language(config) == KOREAN:
        return
    log.info("Building the Korean site into %s", Path(config.site_dir) / KOREAN)
    build(korean_config(config))
