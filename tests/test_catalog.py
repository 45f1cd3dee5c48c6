"""Every record in the catalog, parametrized: a new record is tested without new test code."""

from __future__ import annotations

import pytest
import sympy as sp

import symdl
from symdl.catalog import ALL, TOPICS
from symdl.codegen import Elementwise

RECORDS = {r.name: r for r in ALL}
WITH_KERNEL = [r for r in ALL if r.kernel is not None]
ERRATA = [r for r in ALL if not r.holds]


def test_names_are_unique():
    assert len(RECORDS) == len(ALL)


@pytest.mark.parametrize(
    "word", ["sigmoid", "tanh", "rnn", "xavier", "glorot", "he", "kaiming", "adam", "batchnorm"]
)
def test_headline_names_present(word):
    assert any(word in name for name in RECORDS)


@pytest.mark.parametrize("record", ALL, ids=lambda r: r.name)
def test_claim_verdict_matches_catalog(record):
    proof = record.verify()
    assert proof.holds == record.holds, str(proof)
    assert proof.method.startswith(("symbolic", "numeric", "exact value"))
    assert all(proof.steps)


@pytest.mark.parametrize("record", ERRATA, ids=lambda r: r.name)
def test_erratum_is_refuted_and_its_correction_proved(record):
    # The test that would fail if the note were right: its claim must not verify...
    assert not record.verify()
    # ...and what symdl says instead must.
    proof = record.corrected.verify()
    assert proof, str(proof)
    assert record.truth


@pytest.mark.parametrize("record", WITH_KERNEL, ids=lambda r: r.name)
def test_kernel_expression_proved(record):
    proof = record.verify_kernel()
    assert proof, str(proof)


@pytest.mark.parametrize("record", ALL, ids=lambda r: r.name)
def test_record_is_described(record):
    assert record.title
    assert record.statement
    assert record.source.note
    assert record.source.section
    assert isinstance(record.claim, sp.Rel)


def test_topics_partition_catalog():
    assert sum(len(t) for t in TOPICS.values()) == len(ALL)


def test_lookup_by_name():
    assert symdl.derivation("sigmoid_derivative") is RECORDS["sigmoid_derivative"]
    assert symdl.derivations() == ALL


def test_lookup_unknown_name_suggests():
    with pytest.raises(KeyError, match="sigmoid_derivative"):
        symdl.derivation("sigmoid_derivativ")


def test_lookup_wrong_type():
    with pytest.raises(TypeError, match="name"):
        symdl.derivation(3)


def test_kernel_upper_bounds_are_proved_by_their_records():
    # An Elementwise kernel may cap rounding at a bound only if a record proves the bound.
    by_name = {r.name: r for r in ALL}
    capped = [r for r in ALL if isinstance(r.kernel, Elementwise) and r.kernel.upper is not None]
    assert capped, "no kernel uses an upper bound: this test checks nothing"
    for record in capped:
        bound, proved_by = record.kernel.upper
        proof = by_name[proved_by].verify()
        assert proof.holds, f"{record.name}: its bound {bound} rests on {proved_by}, which does not hold"
        assert proof.method.startswith("symbolic"), proof.method
