"""Derived, not just confirmed: the headline results hold for every size, step by checked step."""

from __future__ import annotations

from functools import cache

import pytest

import symdl

HEADLINE = (
    "batchnorm_backward",
    "batchnorm_param_grads",
    "layernorm_backward",
    "softmax_jacobian",
    "softmax_cross_entropy_grad_onehot",
    "rnn_jacobian",
    "rnn_bptt_jacobian",
    "xavier_forward_variance",
    "xavier_backward_variance",
    "attention_dot_product_variance",
)
WITH_STEPS = (
    "batchnorm_backward",
    "layernorm_backward",
    "softmax_jacobian",
    "softmax_cross_entropy_grad_onehot",
    "rnn_jacobian",
    "rnn_bptt_jacobian",
    "xavier_forward_variance",
)


@cache
def _proof(name: str):
    return symdl.derivation(name).verify()


@pytest.mark.parametrize("name", HEADLINE)
def test_headline_result_holds_for_every_size(name):
    proof = _proof(name)
    assert proof.general, f"{name}: {proof}"


@pytest.mark.parametrize("name", WITH_STEPS)
def test_headline_derivation_shows_at_least_three_checked_steps(name):
    record, proof = symdl.derivation(name), _proof(name)
    assert len(record.steps) >= 3
    assert len(proof.steps) == len(record.steps)
    assert all(step.general for step in proof.steps), [str(s) for s in proof.steps]


@pytest.mark.parametrize("name", HEADLINE)
def test_explicit_sizes_are_a_cross_check_beside_the_general_proof(name):
    proof = _proof(name)
    assert proof.cross_check is not None
    assert proof.cross_check.holds
    assert proof.cross_check.method.startswith("symbolic for ")


def test_records_left_explicit_size_only_are_the_ones_we_know():
    # Drive this set down; a record leaving it for a general proof must be removed here.
    explicit_only = {
        d.name
        for d in symdl.derivations()
        if d.sizes and d.derived_expr is None and d.indexed is None and d.induction is None
    }
    assert explicit_only == {"step_lr"}


def test_one_case_proofs_say_which_case():
    corrected = symdl.derivation("whitening_divides_by_sqrt_eigenvalues").corrected
    method = corrected.verify().method
    assert method.startswith("symbolic for 2×2"), method


@pytest.mark.parametrize("name", ["svd_truncation_error", "whitening_gives_identity"])
def test_svd_and_whitening_for_any_size(name):
    """With matrix symbols of symbolic size: ‖A − A_k‖_F² = tr(DᵀD) (m×n) and the whitened
    covariance Λ^(−1/2)UᵀΣUΛ^(−1/2) = I (n×n), from Uᵀ = U⁻¹ and the cyclic trace."""
    import sympy as sp

    proof = _proof(name)
    assert proof.holds
    assert proof.general
    record = symdl.derivation(name)
    sizes = {d for m in record.derived_expr.atoms(sp.MatrixSymbol) for d in m.shape}
    assert sizes
    assert all(d.is_Symbol for d in sizes)


def test_svd_truncation_needs_the_orthogonality_and_the_right_error():
    """Without Uᵀ = U⁻¹ and Vᵀ = V⁻¹ the error is not shown to be tr(DᵀD); with them, twice
    tr(DᵀD), or the kept part tr(ΣᵀΣ), is not proved either."""
    from dataclasses import replace

    import sympy as sp

    record = symdl.derivation("svd_truncation_error")
    no_orthogonality = replace(record, definitions=record.definitions[:3])
    assert not no_orthogonality.verify().holds
    D = next(m for m in record.claim.rhs.atoms(sp.MatrixSymbol) if m.name == "D")
    S = sp.MatrixSymbol("Sigma", *D.shape)  # the same symbol as the record's Σ
    for wrong in (2 * sp.Trace(D.T * D), sp.Trace(S.T * S)):
        assert not replace(record, claim=sp.Eq(record.claim.lhs, wrong, evaluate=False)).verify().holds


def test_a_transpose_relation_replaces_only_that_transpose():
    """The definition Uᵀ = U⁻¹ must not turn every transpose into an inverse: (A − B)ᵀ stays a
    transpose (distributed), and Dᵀ of another matrix is untouched."""
    import sympy as sp

    from symdl.record import apply_definitions

    n = sp.Symbol("n", integer=True, positive=True)
    U, D = sp.MatrixSymbol("U", n, n), sp.MatrixSymbol("D", n, n)
    out = apply_definitions(sp.Trace((U * D).T * D.T), ((U.T, U.I),))
    assert out.has(D.T)
    assert out.has(U.I)
    assert not out.has(D.I)


def test_pca_decorrelates_for_any_dimension():
    """UᵀΣU = Λ with n×n matrix symbols: general, from Σ = UΛUᵀ and Uᵀ = U⁻¹ (U orthogonal)."""
    import sympy as sp

    proof = _proof("pca_decorrelates")
    assert proof.holds
    assert proof.general
    record = symdl.derivation("pca_decorrelates")
    (size,) = {d for m in record.claim.rhs.atoms(sp.MatrixSymbol) for d in m.shape}
    assert size.is_Symbol  # the dimension is a symbol, not an explicit 2
    assert any("orthogonal" in c or "orthonormal" in c for c in record.conventions)


def test_note_wording_only_where_the_note_gives_the_formula():
    # BatchNorm's compact backward form is ours: the note describes the procedure in words.
    record = symdl.derivation("batchnorm_backward")
    assert not record.stated
    assert "as the note states it" not in str(record)
    assert "as the note states it" in str(symdl.derivation("sigmoid_derivative"))


@pytest.mark.parametrize(
    ("name", "case"),
    [("svd_right_singular_vectors", "2×2"), ("self_attention_sees_all_positions", "two positions")],
)
def test_corrections_shown_on_one_case_say_so(name, case):
    """An erratum's correction checked on one explicit case is labelled with that case, never
    "symbolic, general" (the label promises every size)."""
    proof = symdl.derivation(name).corrected.verify()
    assert proof.holds
    assert not proof.general
    assert proof.method.startswith(f"symbolic for {case}"), proof.method


def test_pca_first_direction_keeps_most_variance_for_any_dimension():
    """Σλ_i c_i² ≤ λ₁ when Σc_i² = 1: proved in general; without Σc_i² = 1 refuted, and neither a
    strict bound (equality at u = u₁) nor half of it is proved."""
    from dataclasses import replace

    import sympy as sp

    from symdl.rules.sums import Facts

    proof = _proof("pca_first_direction_keeps_most_variance")
    assert proof.holds
    assert proof.general
    record = symdl.derivation("pca_first_direction_keeps_most_variance")
    assert not replace(record, facts=Facts(record.facts.ranges)).verify().holds
    lhs, rhs = record.claim.lhs, record.claim.rhs
    assert not replace(record, claim=sp.StrictLessThan(lhs, rhs, evaluate=False)).verify().holds
    assert not replace(record, claim=sp.LessThan(lhs, rhs / 2, evaluate=False)).verify().holds


def test_svd_columns_for_any_size_need_the_orthogonal_v():
    from dataclasses import replace

    proof = _proof("svd_right_vectors_map_to_left")
    assert proof.holds
    assert proof.general
    record = symdl.derivation("svd_right_vectors_map_to_left")
    assert not replace(record, definitions=record.definitions[:1]).verify().holds
