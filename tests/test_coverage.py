"""Every note section is settled by records or set aside with a reason; the errata hold up."""

from __future__ import annotations

import re

import pytest

import symdl
from symdl import cli
from symdl.catalog import ALL
from symdl.catalog import _common as notes
from symdl.catalog.coverage import SECTIONS

NAMES = {r.name for r in ALL}
NOTE_TITLES = {
    notes.DL_TECHNIQUES,
    notes.ML_LIFECYCLE,
    notes.ALL_ABOUT_DL,
    notes.DEEP_LEARNING,
    notes.DL_BASICS,
}


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: f"{s.note}: {s.section}"[:60])
def test_section_is_settled(section):
    assert section.note in NOTE_TITLES
    assert section.records or section.reason
    unknown = set(section.records) - NAMES
    assert not unknown, f"no such records: {unknown}"


def test_every_record_is_placed_in_a_section():
    placed = {name for s in SECTIONS for name in s.records}
    assert NAMES - placed == set()


def test_every_note_is_covered():
    assert {s.note for s in SECTIONS} == NOTE_TITLES


def test_record_sources_name_a_note():
    assert {r.source.note for r in ALL} <= NOTE_TITLES


def test_errata_api():
    found = symdl.errata()
    assert len(found) == sum(1 for r in ALL if not r.holds) >= 10
    for e in found:
        assert not e.refutation
        assert e.confirmation
        assert e.where
        assert e.says
        assert e.truth
        assert "the correction" in e.evidence


def test_errata_cli(capsys):
    assert cli.main(["errata"]) == 0
    out = capsys.readouterr().out
    assert "self_attention_example_score" in out
    assert "0.46" in out
    total = re.search(r"(\d+) errata; (\d+) refuted with the correction proved", out)
    assert total is not None
    assert total.group(1) == total.group(2)


def test_verify_reports_errata_totals(capsys):
    assert (
        cli.main(["verify", "--no-numeric", "whitening_divides_by_sqrt_eigenvalues", "pca_decorrelates"]) == 0
    )
    out = capsys.readouterr().out
    assert "whitening_divides_by_sqrt_eigenvalues  erratum" in out
    assert "2 claims checked" in out
    assert "1 wrong in the notes (errata): refuted" in out
    assert "1 proved for every size and value (symbolic, general)" in out  # pca_decorrelates
