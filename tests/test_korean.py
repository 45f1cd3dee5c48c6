"""The Korean text: one entry per record, shaped like the record, in Korean, its terms in the glossary."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import replace
from pathlib import Path

import pytest

from symdl import catalog
from symdl.catalog import ALL
from symdl.catalog.coverage import SECTIONS
from symdl.catalog.glossary import TERMS, lookup
from symdl.catalog.ko import KO, MODULES, NOTES, REASONS, Korean, korean

ROOT = Path(__file__).parent.parent
HANGUL = re.compile(r"[가-힣]")
# A Korean word (or words) written right before its English in parentheses: 기울기 소실(vanishing gradient).
INTRODUCED = re.compile(r"((?:[가-힣A-Za-z0-9\-]+ )*[가-힣A-Za-z0-9\-]*[가-힣])\(([A-Za-z][A-Za-z \-']*)\)")
# Six English words in a row: a sentence left untranslated (names such as 'I love artificial
# intelligence' in the worked examples are shorter).
ENGLISH_RUN = re.compile(r"(?:\b[A-Za-z]{2,}\b[ ,]+){5}\b[A-Za-z]{2,}\b")


def test_every_record_has_korean_text():
    missing = [r.name for r in ALL if r.name not in KO]
    assert not missing, f"no Korean text in symdl/catalog/ko/ for: {', '.join(missing)}"


def test_no_korean_text_for_records_that_do_not_exist():
    names = {r.name for r in ALL}
    stale = sorted(set(KO) - names)
    assert not stale, f"Korean text for records not in the catalog: {', '.join(stale)}"


def _catalog_modules() -> dict:
    """The catalog's topic modules (those holding records), by module name."""
    modules = (
        importlib.import_module(f"symdl.catalog.{m.name}") for m in pkgutil.iter_modules(catalog.__path__)
    )
    return {m.__name__.rpartition(".")[2]: m for m in modules if hasattr(m, "DERIVATIONS")}


def test_each_korean_module_translates_its_catalog_module():
    # ko/rnn.py holds exactly the records of catalog/rnn.py, and so on for every topic module.
    modules = _catalog_modules()
    assert sum(len(m.DERIVATIONS) for m in modules.values()) == len(ALL)
    assert set(MODULES) == set(modules)
    wrong = []
    for name, module in MODULES.items():
        records = {r.name for r in modules[name].DERIVATIONS}
        if elsewhere := sorted(set(module.KO) - records):
            wrong.append(f"symdl/catalog/ko/{name}.py has records of another module: {', '.join(elsewhere)}")
        if missing := sorted(records - set(module.KO)):
            wrong.append(f"symdl/catalog/ko/{name}.py lacks {', '.join(missing)}")
    assert not wrong, "\n".join(wrong)


def test_korean_table_is_read_only():
    with pytest.raises(TypeError):
        KO["sigmoid_derivative"] = KO["tanh_derivative"]


def test_korean_text_has_the_records_shape():
    wrong = []
    for record in ALL:
        ko = KO.get(record.name)
        if ko is None:
            continue  # reported by test_every_record_has_korean_text
        if len(ko.conventions) != len(record.conventions):
            wrong.append(
                f"{record.name}: {len(ko.conventions)} conventions, record has {len(record.conventions)}"
            )
        if len(ko.steps) != len(record.steps):
            wrong.append(f"{record.name}: {len(ko.steps)} step reasons, record has {len(record.steps)} steps")
        if bool(ko.truth) == record.holds:
            wrong.append(f"{record.name}: a truth is needed exactly for errata (holds={record.holds})")
        if bool(ko.kernel) != (record.kernel is not None):
            wrong.append(f"{record.name}: a kernel note is needed exactly when the record has a kernel")
        if bool(ko.hypothesis) != bool(record.induction and record.induction.hypothesis):
            wrong.append(f"{record.name}: a Korean hypothesis is needed exactly when the record has one")
        if bool(ko.shown_for) != bool(record.shown_for):
            wrong.append(f"{record.name}: a Korean shown_for is needed exactly when the record has one")
    assert not wrong, "\n".join(wrong)


def _texts(ko: Korean) -> list[str]:
    return [
        ko.title,
        ko.statement,
        *ko.conventions,
        ko.truth,
        *ko.steps,
        ko.kernel,
        ko.hypothesis,
        ko.shown_for,
    ]


def test_korean_text_is_written_in_korean():
    untranslated = []
    for name, ko in KO.items():
        for text in (
            ko.title,
            ko.statement,
            *ko.conventions,
            ko.truth,
            ko.kernel,
            ko.hypothesis,
            ko.shown_for,
        ):
            if text and not HANGUL.search(text):
                untranslated.append(f"{name}: {text}")
            elif ENGLISH_RUN.search(text):
                untranslated.append(f"{name}: English sentence in {text!r}")
    assert not untranslated, "\n".join(untranslated)


def _paired_texts(record, ko: Korean) -> list[tuple[str, str]]:
    """Each English text of ``record`` with its Korean counterpart, in order."""
    pairs = [(record.statement, ko.statement), (record.truth, ko.truth), (record.shown_for, ko.shown_for)]
    pairs += zip(record.conventions, ko.conventions, strict=False)  # lengths: see the shape test
    pairs += zip((step.why for step in record.steps), ko.steps, strict=False)
    if record.induction is not None:
        pairs.append((record.induction.hypothesis, ko.hypothesis))
    if record.kernel is not None:
        pairs.append((record.kernel.why, ko.kernel))
    return pairs


NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _lost_numbers(record, ko: Korean) -> list[set[str]]:
    """For each English text of ``record``, the numbers its Korean counterpart does not give."""
    return [set(NUMBER.findall(e)) - set(NUMBER.findall(k)) for e, k in _paired_texts(record, ko)]


def test_korean_keeps_the_records_numbers():
    # Formulas are the records' own: every number an English text gives (statement, truth,
    # conventions, step reasons, induction hypothesis, kernel note) appears in its Korean
    # counterpart too (a number dropped or mistyped in translation, or a convention or step
    # reason out of order, fails here).
    wrong = [
        f"{record.name}: {sorted(lost)} missing from its Korean text"
        for record in ALL
        if record.name in KO
        for lost in _lost_numbers(record, KO[record.name])
        if lost
    ]
    assert not wrong, "\n".join(wrong)


def test_number_check_finds_a_dropped_number():
    # The check above on a copy of a record whose Korean step lost the 2 of 2(x_k − μ)/N.
    record = next(r for r in ALL if r.name == "batchnorm_backward")
    ko = KO[record.name]
    damaged = replace(ko, steps=(*ko.steps[:2], ko.steps[2].replace("2(x_k", "(x_k"), *ko.steps[3:]))
    assert not any(_lost_numbers(record, ko))
    assert {"2"} in _lost_numbers(record, damaged)


def test_korean_accessor():
    record = ALL[0]
    assert korean(record) is KO[record.name]
    assert korean(record.name) is KO[record.name]
    with pytest.raises(KeyError, match="no_such_record"):
        korean("no_such_record")
    with pytest.raises(TypeError, match="record must be"):
        korean(3)


def test_every_note_title_and_coverage_reason_has_korean():
    assert {r.source.note for r in ALL} <= set(NOTES)
    missing = sorted({s.reason for s in SECTIONS if s.reason} - set(REASONS))
    assert not missing, "no Korean in symdl/catalog/ko/coverage.py REASONS for:\n" + "\n".join(missing)


def _korean_documents() -> dict[str, str]:
    docs = {f"KO[{name!r}]": " ".join(_texts(ko)) for name, ko in KO.items()}
    docs.update({f"REASONS[{k[:30]!r}]": v for k, v in REASONS.items()})
    docs.update({f"glossary {t.english}": t.note for t in TERMS})
    for page in sorted([*(ROOT / "docs").glob("*.ko.md"), *(ROOT / "docs" / "data").glob("*.ko.md")]):
        docs[str(page.relative_to(ROOT))] = page.read_text()
    return docs


def test_terms_introduced_in_korean_are_in_the_glossary():
    problems = []
    found = 0
    for where, text in _korean_documents().items():
        for korean_words, english in INTRODUCED.findall(text):
            found += 1
            try:
                term = lookup(english.strip())
            except KeyError:
                problems.append(f"{where}: '{english}' is not in symdl/catalog/glossary.py")
                continue
            if not korean_words.endswith(term.renderings):
                problems.append(
                    f"{where}: '{korean_words}({english})' -- the glossary renders it {term.renderings}"
                )
    assert found > 50  # the pattern does find the terms the text introduces
    assert not problems, "\n".join(problems)


def test_glossary_is_well_formed():
    english = [t.english.casefold() for t in TERMS]
    assert len(english) == len(set(english)), "a term is listed twice"
    for term in TERMS:
        assert HANGUL.search(term.korean), term
        assert term.korean not in term.others, term
        assert not term.note or HANGUL.search(term.note), term
    # The renderings the issue names as contested are all given.
    assert {"기울기", "그래디언트", "변화도"} <= set(lookup("gradient").renderings)
    assert {"파라미터", "매개변수"} <= set(lookup("parameter").renderings)
