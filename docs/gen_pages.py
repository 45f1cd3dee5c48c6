"""Generate the site's pages from the catalog, at build time, in English and Korean.

mkdocs-gen-files runs this script once per language build (docs/hooks.py builds the English
site, then the Korean one under ko/, with a copy of the config).  Every page is written twice:
``x.md`` (English) and ``x.ko.md`` (Korean, its words from symdl/catalog/ko/).  What is
expensive -- proofs, kernel checks, figures -- is computed once per build and kept on the config
object, so the Korean build reuses it.  Nothing this writes is committed.

Pages: one per *subject* (records about one subject on one page, whichever catalog module
holds them: ``SUBJECTS`` below), the errata, the coverage table, the figures (drawn by
examples/figures.py), the performance page (from docs/data/), and the glossary
(symdl/catalog/glossary.py).  Each record's section leads with its derivation -- statement,
claim (as the note states it, or written here for what it says in words), definitions, the
index form or induction or SymPy's result, the steps, the verdict with its cross-check -- and
keeps the generated kernel source collapsed below it.  Formulas are printed by
:func:`symdl.notation.latex`, as the terminal and Jupyter print them.  MathJax is copied out of
its npm package (fetched once with ``npm pack`` into .cache/) so the site renders formulas with
no network.
"""

from __future__ import annotations

import io
import json
import os
import re
import runpy
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mkdocs_gen_files
import numpy as np
import sympy as sp
from mkdocs.exceptions import PluginError

from symdl.notation import latex as tex  # every formula on the site: E[·], Var(·), diag(·), ⊙, xᵢ
from symdl.notation import names, readable
from symdl.render import step_formula

ROOT = Path(__file__).resolve().parent.parent
MATHJAX_VERSION = "3.2.2"
LANGS = ("en", "ko")
# A derived expression with more operations than this is shown as written (``derived_expr``,
# before the definitions are put in), as symdl.render.markdown does: written out, it is a wall.
HUGE = 40


def localized(path: str, lang: str) -> str:
    """``topics/x.md`` for English, ``topics/x.ko.md`` for Korean (mkdocs-static-i18n's suffixes)."""
    return path if lang == "en" else f"{path.removesuffix('.md')}.{lang}.md"


# -- subjects: which records share a page ---------------------------------------------------------
@dataclass(frozen=True)
class Subject:
    slug: str
    en: str
    ko: str
    records: tuple[str, ...]


SUBJECTS: tuple[Subject, ...] = (
    Subject(
        "sigmoid-and-tanh",
        "Sigmoid and tanh",
        "시그모이드와 tanh",
        (
            "sigmoid_derivative",
            "sigmoid_derivative_bound",
            "sigmoid_chain_gradient_bound",
            "sigmoid_vanishing_multiplies_slopes",
            "sigmoid_derivative_at_zero",
            "sigmoid_saturates",
            "sigmoid_centre",
            "sigmoid_range",
            "sigmoid_not_zero_centred_gradients",
            "sigmoid_weight_gradients_share_a_sign",
            "minibatch_weight_gradients_can_mix",
            "tanh_derivative",
            "tanh_derivative_bound",
            "tanh_scaled_sigmoid",
            "tanh_definition",
            "tanh_zero_centred",
            "tanh_range_open",
            "tanh_saturates",
        ),
    ),
    Subject(
        "relu-family",
        "ReLU and its relatives",
        "ReLU와 그 변형",
        (
            "relu_derivative",
            "relu_not_differentiable_at_zero",
            "relu_output_nonnegative",
            "relu_needs_no_exponential",
            "dead_relu_negative_input",
            "leaky_relu_derivative",
            "elu_derivative",
            "elu_saturates_at_minus_alpha",
            "gelu_derivative",
        ),
    ),
    Subject(
        "softmax",
        "Softmax",
        "소프트맥스",
        (
            "softmax_sums_to_one",
            "softmax_positive",
            "softmax_shift_invariance",
            "softmax_jacobian",
            "softmax_regression_vector_softmax",
            "softmax_keeps_order_not_a_hard_max",
            "softmax_equal_logits",
            "softmax_two_classes_is_sigmoid",
        ),
    ),
    Subject(
        "losses",
        "Losses",
        "손실 함수",
        (
            "mae_gradient",
            "mse_gradient",
            "mse_is_gaussian_nll",
            "bce_gradient",
            "sigmoid_bce_logit_gradient",
            "softmax_cross_entropy_gradient",
            "softmax_cross_entropy_grad_onehot",
            "cross_entropy_log_sum_exp",
            "cross_entropy_is_categorical_nll",
            "cross_entropy_convex_in_logits",
            "cross_entropy_not_convex_in_weights",
            "cross_entropy_penalises_confident_mistakes",
            "bce_treats_both_errors_alike",
        ),
    ),
    Subject(
        "generalisation-and-regularisation",
        "Generalisation and regularisation",
        "일반화와 규제",
        (
            "bias_variance_noise",
            "inverted_dropout_expectation",
            "dropout_is_not_weight_averaging",
            "dropout_dropped_unit_gets_no_gradient",
            "label_smoothing_target",
        ),
    ),
    Subject(
        "weight-initialisation",
        "Weight initialisation",
        "가중치 초기화",
        (
            "xavier_forward_variance",
            "xavier_backward_variance",
            "xavier_glorot_variance",
            "xavier_glorot_uniform_bound",
            "xavier_uniform_sampler",
            "xavier_notes_code_variance",
            "xavier_notes_code_halves_variance",
            "xavier_assumes_unit_slope",
            "he_relu_second_moment",
            "he_variance_does_not_change_active_fraction",
            "he_kaiming_variance",
            "he_normal_sampler",
            "init_variance_depth_bound",
            "tanh_below_identity",
            "small_gaussian_init_collapse",
            "large_gaussian_init_saturates",
            "gaussian_tanh_slope_bound",
        ),
    ),
    Subject(
        "gradient-descent",
        "Gradient descent, momentum and adaptive steps",
        "경사 하강법, 모멘텀, 적응형 보폭",
        (
            "gradient_descent_first_order_decrease",
            "gradient_is_steepest_ascent",
            "gd_quadratic_iterates",
            "gd_quadratic_step_size",
            "gd_saddle_iterates",
            "gd_can_stop_at_a_saddle",
            "gd_slow_along_flat_directions",
            "momentum_terminal_velocity",
            "momentum_unrolled",
            "momentum_weights_total",
            "momentum_average_and_sum_forms",
            "momentum_forms_agree",
            "nesterov_lookahead_form",
            "nesterov_torch_form",
            "adagrad_step_shrinks",
            "adagrad_rate_never_grows",
            "adagrad_accumulates_squares",
            "rmsprop_step_does_not_vanish",
            "rmsprop_exponential_average",
            "adadelta_first_step",
            "adadelta_update",
        ),
    ),
    Subject(
        "adam",
        "Adam",
        "Adam",
        (
            "adam_moment_unrolled",
            "adam_bias_correction_m",
            "adam_bias_correction_v",
            "adam_without_momentum_is_rmsprop",
            "adam_keras_epsilon",
        ),
    ),
    Subject(
        "learning-rate-schedules",
        "Learning-rate schedules",
        "학습률 스케줄",
        (
            "step_lr",
            "lambda_lr_not_exponential",
            "cosine_annealing_lr",
            "cosine_annealing_recursive_form",
            "reduce_lr_on_plateau",
        ),
    ),
    Subject(
        "epochs-batches-steps",
        "Epochs, batches and steps",
        "에폭, 배치, 스텝",
        ("steps_worked_example", "steps_per_training_run", "minibatches_not_all_the_same_size"),
    ),
    Subject(
        "network-structure",
        "Layers, depth and residual connections",
        "층, 깊이, 잔차 연결",
        (
            "linear_layers_compose_to_one",
            "xor_not_linearly_separable",
            "xor_two_layer_mlp",
            "xor_alone_is_not_complete",
            "residual_connection_gradient",
        ),
    ),
    Subject(
        "normalisation",
        "Batch and layer normalisation",
        "배치 정규화와 층 정규화",
        (
            "batchnorm_forward_statistics",
            "batchnorm_scale_shift",
            "batchnorm_can_undo_itself",
            "batchnorm_backward",
            "batchnorm_param_grads",
            "layernorm_forward_statistics",
            "layernorm_independent_of_batch",
            "layernorm_backward",
            "layernorm_computes_statistics",
            "normalization_scale_invariance",
        ),
    ),
    Subject(
        "preprocessing-and-svd",
        "Preprocessing, PCA, whitening and SVD",
        "전처리, PCA, 화이트닝, SVD",
        (
            "zero_centring_and_standardisation",
            "pca_decorrelates",
            "pca_first_direction_keeps_most_variance",
            "whitening_divides_by_sqrt_eigenvalues",
            "whitening_gives_identity",
            "whitening_does_not_make_data_gaussian",
            "svd_truncation_error",
            "svd_right_singular_vectors",
            "svd_right_vectors_map_to_left",
        ),
    ),
    Subject(
        "recurrent-networks",
        "Recurrent networks: RNN, LSTM, GRU",
        "순환 신경망: RNN, LSTM, GRU",
        (
            "rnn_jacobian",
            "rnn_bptt_jacobian",
            "rnn_bptt_norm_bound",
            "rnn_parameters_shared_across_steps",
            "rnn_steps_are_sequential",
            "lstm_cell_state_gradient",
            "lstm_cell_state_changes",
            "lstm_hidden_state_gradient",
            "gru_hidden_state_gradient",
        ),
    ),
    Subject(
        "attention",
        "Attention",
        "어텐션",
        (
            "scaled_dot_product_attention",
            "attention_projections",
            "attention_output_convex_combination",
            "self_attention_permutation_equivariant",
            "causal_attention_mask",
            "attention_dot_product_variance",
            "attention_scaled_score_variance",
            "multi_head_attention_parameters",
            "multi_head_score_variance",
            "self_attention_sees_all_positions",
            "self_attention_example_score",
            "self_attention_example_softmax",
            "self_attention_example_output",
            "self_attention_example_pipeline",
        ),
    ),
    Subject(
        "positional-encoding",
        "Positional encoding",
        "포지셔널 인코딩",
        (
            "positional_encoding",
            "positional_encoding_relative_shift",
            "positional_encoding_example_odd_dimension",
            "positional_encoding_example_vectors",
            "positional_encoding_example_sums",
        ),
    ),
)


def subject_of(name: str) -> Subject:
    for subject in SUBJECTS:
        if name in subject.records:
            return subject
    raise KeyError(name)


def check_subjects(names: list[str]) -> None:
    """Every record on exactly one subject page, and no page naming a record that does not exist."""
    placed = [n for s in SUBJECTS for n in s.records]
    twice = sorted({n for n in placed if placed.count(n) > 1})
    unplaced = [n for n in names if n not in placed]
    unknown = sorted(set(placed) - set(names))
    problems = []
    if unplaced:
        problems.append(
            f"records on no page (add them to SUBJECTS in docs/gen_pages.py): {', '.join(unplaced)}"
        )
    if twice:
        problems.append(f"records on two pages: {', '.join(twice)}")
    if unknown:
        problems.append(f"SUBJECTS names records that do not exist: {', '.join(unknown)}")
    if problems:
        raise PluginError("; ".join(problems))


# -- words of the generated pages, in both languages ---------------------------------------------
WORDS: dict[str, tuple[str, str]] = {
    "source": ("From", "출처"),
    # The claim's heading (symdl.render.claim_heading says the same in English): the note's
    # formula, a formula written here for what the note says in words, or the note's wrong claim.
    "claim_stated": ("Claim, as the note states it", "주장 (노트에 적힌 그대로)"),
    "claim_ours": (
        "Claim (the note says this in words; the formula is written here)",
        "주장 (노트는 이것을 말로 설명하고, 수식은 여기서 썼다)",
    ),
    "claim_wrong": (
        "The note's claim (wrong — see the correction below)",
        "노트의 주장 (틀렸다 — 아래의 고친 식 참고)",
    ),
    "definitions": ("Where", "정의"),
    "index_form": (
        "Entry by entry (what is proved, for any size)",
        "성분별로 쓴 식 (증명한 것, 임의의 크기에서)",
    ),
    "induction": (
        "By induction on ${var}$ from ${var} = {start}$.",
        "${var}$에 대한 귀납법, ${var} = {start}$부터.",
    ),
    "derived": ("Derived by SymPy", "SymPy가 유도한 결과"),
    "derived_as_written": (
        "Derived by SymPy from the definitions above",
        "위의 정의로부터 SymPy가 유도한 식",
    ),
    "explicit": (
        "Proved for explicit sizes only: {name} = {sizes}.",
        "정해진 크기에서만 증명했다: {name} = {sizes}.",
    ),
    "steps": (
        "Steps, each checked against the one before (equal, or the bound shown)",
        "단계 (각 단계를 바로 앞 단계와 비교해 확인: 같거나, 표시한 부등식)",
    ),
    "verdict": ("Verdict", "판정"),
    "cross_check": ("Cross-check on explicit sizes", "명시적 크기에서의 교차 확인"),
    "holds": ("holds", "성립"),
    "wrong": ("wrong", "틀림"),
    "undecided": ("undecided", "판정 보류"),
    "conventions": ("Conventions", "관례"),
    "wrong_here": ("The note is wrong here", "노트가 틀린 곳"),
    "correction": ("Correction checked: {method}.", "고친 식의 확인: {method}."),
    "kernel": (
        "Kernel `{name}`: generated source and measured accuracy",
        "커널 `{name}`: 생성된 소스와 측정한 정확도",
    ),
    "kernel_proof": (
        "Generating expression proved equal to the derivation: **{method}**.",
        "커널을 생성한 식이 유도 결과와 같음을 보였다: **{method}**.",
    ),
    "accuracy_head": (
        "| dtype | compared with | points | max error | worst input | tolerance |",
        "| dtype | 비교 대상 | 점 수 | 최대 오차 | 최악의 입력 | 허용 오차 |",
    ),
    "against_derivative": ("SymPy's derivative, mpmath 50 digits", "SymPy의 도함수, mpmath 50자리"),
    "against_reference": (
        "the proved symbolic reference, mpmath 50 digits",
        "증명한 기호 기준식, mpmath 50자리",
    ),
}


def word(key: str, lang: str, **values: Any) -> str:
    en, ko = WORDS[key]
    return (en if lang == "en" else ko).format(**values)


# How a proof was shown, in Korean; the machine's English label follows in parentheses.  The
# labels are symdl.verify's (symdl/verify/claims.py, equal.py, relation.py); a label this table
# does not know is shown in English alone.
METHODS_KO: tuple[tuple[str, str], ...] = (
    (r"symbolic, general", "일반적인 기호 증명"),
    (r"symbolic, general \(induction on (\w+)\)", r"\1에 대한 귀납법으로 한 일반적인 기호 증명"),
    (r"symbolic for (\w+) = (.+)", r"\1 = \2에 대한 기호 증명"),
    (r"symbolic for ([^=]+ ≠ .+)", r"\1에서의 기호 증명"),
    (r"numeric only for (\w+) = (.+)", r"\1 = \2에 대한 수치 확인뿐"),
    (r"numeric only \(mpmath, (\d+) digits, (\d+) points\)", r"수치 확인뿐(mpmath \1자리, 점 \2개)"),
    (r"numeric only \(exact values agree to (\d+) digits\)", r"수치 확인뿐(정확한 값이 \1자리까지 일치)"),
    (r"numeric counterexample \(mpmath, (\d+) digits\)", r"수치 반례(mpmath \1자리)"),
    (
        r"exact value, evaluated to (\d+) digits, compared within ±(.+)",
        r"\1자리로 계산한 정확한 값, ±\2 안에서 비교",
    ),
    (r"exact value, evaluated to (\d+) digits", r"\1자리로 계산한 정확한 값"),
    (r"exact value \(the two sets differ\)", "정확한 값(두 집합이 다르다)"),
    (
        r"numeric counterexample \(exact sets at a sampled point\)",
        "수치 반례(표본점에서 정확히 계산한 두 집합)",
    ),
    (r"undecided \(sets not shown equal\)", "판정 보류(두 집합이 같음을 보이지 못함)"),
    (r"exact value", "정확한 값"),
    (r"undecided \(time limit\)", "판정 보류(시간 제한)"),
    (r"undecided \(no valid sample point\)", "판정 보류(값을 계산할 수 있는 표본점이 없음)"),
    (r"undecided \(too few valid sample points\)", "판정 보류(값을 계산할 수 있는 표본점이 너무 적음)"),
    (r"undecided \(the two sides agree to (\d+) digits\)", r"판정 보류(두 변이 \1자리까지 일치)"),
    (r"undecided \((.+)\)", r"판정 보류(\1)"),
)
# A proof by induction whose base or step was shown by numbers only names both methods.
INDUCTION_PARTS = re.compile(r"induction on (\w+): base (.+); step (.+)")


def shown_for_ko() -> dict[str, str]:
    """The explicit cases records are shown on (``symbolic for 2×2 matrices …``), in Korean."""
    from symdl.catalog import ALL
    from symdl.catalog.ko import korean

    return {r.shown_for: korean(r).shown_for for r in ALL if r.shown_for}


def method_ko(text: str) -> str | None:
    """The Korean of a method label, or None for a label no rule here knows."""
    for pattern, korean in METHODS_KO:
        if re.fullmatch(pattern, text):
            return re.sub(pattern, korean, text)
    if text.startswith("symbolic for ") and (case := shown_for_ko().get(text.removeprefix("symbolic for "))):
        return f"{case}에 대한 기호 증명"
    if parts := INDUCTION_PARTS.fullmatch(text):
        var, base, step = parts.groups()
        return (
            f"{var}에 대한 귀납법: 기저 사례 {method_ko(base) or base}, 귀납 단계 {method_ko(step) or step}"
        )
    return None


def method(text: str, lang: str) -> str:
    if lang == "en":
        return text
    korean = method_ko(text)
    return f"{korean} ({text})" if korean else text


# What a proof's detail says (symdl.verify), in Korean; the machine's English where no rule fits.
DETAILS_KO: tuple[tuple[str, str], ...] = (
    (r"the two sides are the same expression", "두 변이 같은 식이다"),
    (r"by simplify", "simplify로 보였다"),
    (r"by the signs SymPy infers", "SymPy가 추론한 부호로 보였다"),
    (r"the two sets are the same", "두 집합이 같다"),
    (r"each set minus the other is empty", "어느 집합에서 다른 집합을 빼도 공집합이다"),
    (r"the claim is derived from the kernel's own expression", "주장 자체를 커널의 식에서 유도했다"),
    (r"differs at (\{.*\})", r"\1에서 두 변이 다르다"),
    (r"left (\S+), right (\S+)", r"좌변 \1, 우변 \2"),
    (r"left − right = (\S+)", r"좌변 − 우변 = \1"),
    (r"entry (\d+): exact (\S+), the note says (\S+)", r"성분 \1: 정확한 값 \2, 노트의 값 \3"),
    (r"no verdict within (\S+) s", r"\1초 안에 판정하지 못했다"),
    (r"the shift by the maximum proved to cancel", "최댓값만큼 옮긴 것이 상쇄됨을 증명했다"),
)


def detail(text: str, lang: str) -> str:
    """A proof's detail in ``lang`` (parts of it joined by ', for step k' are translated each)."""
    if lang == "en" or not text:
        return text
    if found := re.fullmatch(r"(.+), for step (\d+)", text):
        return f"{found.group(2)}단계: {detail(found.group(1), lang)}"
    for pattern, korean in DETAILS_KO:
        if re.fullmatch(pattern, text):
            return re.sub(pattern, korean, text)
    return text


# -- what is expensive, computed once per build ----------------------------------------------------
class Facts:
    """Proofs, kernel checks and figures, each computed on first use and kept for the Korean build.

    The memo is a plain dict on the build's config (docs/hooks.py hands it to the Korean build):
    this script is run afresh for each build, so its classes are new each time, a dict is not.
    """

    def __init__(self, memo: dict[tuple, Any]) -> None:
        self._memo = memo

    def _get(self, key: tuple, compute: Any) -> Any:
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def proof(self, record):
        return self._get(("proof", record.name), record.verify)

    def correction(self, record):
        return self._get(("correction", record.name), lambda: record.corrected.verify())

    def kernel_proof(self, record):
        return self._get(("kernel_proof", record.name), record.verify_kernel)

    def kernel_source(self, record) -> str:
        return self._get(("kernel_source", record.name), lambda: record.kernel_source)

    def check(self, record, dtype: str):
        from symdl.check import check_kernel

        return self._get(("check", record.name, dtype), lambda: check_kernel(record, dtype=dtype))

    def errata(self):
        import symdl

        return self._get(("errata",), symdl.errata)

    def figures(self) -> dict[str, bytes]:
        def draw() -> dict[str, bytes]:
            script = runpy.run_path(str(ROOT / "examples" / "figures.py"), run_name="figures")
            with tempfile.TemporaryDirectory(prefix="symdl-figures-") as tmp:
                return {p.stem: p.read_bytes() for p in script["main"](Path(tmp))}

        return self._get(("figures",), draw)

    def speedup_plot(self) -> bytes:
        return self._get(("speedup_plot",), lambda: speedup_plot(bench_results()))


def facts() -> Facts:
    config = mkdocs_gen_files.config
    if not isinstance(getattr(config, "_symdl_facts", None), dict):
        config._symdl_facts = {}
    return Facts(config._symdl_facts)


# -- a record's section -----------------------------------------------------------------------------
def code_name(name: str) -> str:
    """A record or kernel name as inline code that may wrap at its underscores, never mid-word."""
    return "<code>" + name.replace("_", "_<wbr>") + "</code>"


def record_link(name: str, lang: str, prefix: str = "") -> str:
    return f"[{code_name(name)}]({prefix}topics/{subject_of(name).slug}.md#{name})"


def indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line else line for line in text.splitlines())


def display(expr: Any, by: str = "", avoid: set[str] = frozenset()) -> list[str]:
    """``expr`` as display math, each line indented ``by`` (to sit inside a list item or a box);
    dummy indices get names not in ``avoid`` (the record's own names: see :func:`readable`)."""
    return [f"{by}$$", f"{by}{tex(readable(expr, avoid))}", f"{by}$$", ""]


def claim_heading(record, lang: str) -> str:
    """How the claim is introduced (symdl.render.claim_heading, capitalised, and its Korean)."""
    if not record.holds:
        return word("claim_wrong", lang)
    return word("claim_stated" if record.stated else "claim_ours", lang)


def derivation(record, ko, lang: str) -> list[str]:
    """What is proved and how: the index form, the induction, or what SymPy derived."""
    out = []
    index_form = sp.Eq(*record.indexed, evaluate=False) if record.indexed is not None else None
    if index_form is not None:
        out += [f"**{word('index_form', lang)}:**", "", *display(index_form)]
    if record.induction is not None:
        ind = record.induction
        hypothesis = ko.hypothesis if ko else ind.hypothesis
        heading = word("induction", lang, var=tex(ind.variable), start=ind.start)
        out += [f"**{heading}** {hypothesis}".rstrip(), ""]
    elif record.sizes and record.derived_expr is None and index_form is None:
        sizes = ", ".join(map(str, record.sizes))
        out += [word("explicit", lang, name=record.size_name, sizes=sizes), ""]
    elif index_form is None and record.derived != record.claim.lhs:  # else the claim already shows it
        derived = record.derived
        avoid = names(record.claim, *(e for pair in record.definitions for e in pair))
        if record.definitions and record.derived_expr is not None and sp.count_ops(derived) > HUGE:
            out += [
                f"**{word('derived_as_written', lang)}:**",
                "",
                *display(record.derived_expr, avoid=avoid),
            ]
        else:
            out += [f"**{word('derived', lang)}:**", "", *display(derived, avoid=avoid)]
    return out


def verdict_text(proof, lang: str) -> str:
    """``holds — method; detail`` in ``lang``."""
    verdict = word("undecided" if proof.undecided else "holds" if proof else "wrong", lang)
    why = detail(proof.detail, lang)
    return f"{verdict} — {method(proof.method, lang)}" + (f"; {why}" if why else "")


def record_section(record, lang: str) -> str:
    """A record's section: statement, claim, definitions, derivation, steps, verdict, then the rest."""
    from symdl.catalog.ko import NOTES, korean

    ko = korean(record) if lang == "ko" else None
    title = ko.title if ko else record.title
    statement = ko.statement if ko else record.statement
    note = NOTES.get(record.source.note, record.source.note) if ko else record.source.note
    source = f"*{word('source', lang)}: {note}, {record.source.section}*"
    if record.korean and lang == "en":
        source += f" · {record.korean}"
    out = [f"## {title} {{ #{record.name} }}", "", source, "", statement, ""]
    out += [f"**{claim_heading(record, lang)}:**", "", *display(record.claim)]
    if record.definitions:
        out += [f"**{word('definitions', lang)}:**", ""]
        for lhs, rhs in record.definitions:
            out += display(sp.Eq(lhs, rhs, evaluate=False))
    out += derivation(record, ko, lang)
    if record.steps:
        reasons = ko.steps if ko else [s.why for s in record.steps]
        out += [f"**{word('steps', lang)}:**", ""]
        for k, (step, why) in enumerate(zip(record.steps, reasons, strict=True), 1):
            out += [f"{k}. {why}", "", *display(step_formula(step, r"\cdots"), by="    ")]
    proof = facts().proof(record)
    out += [f"**{word('verdict', lang)}:** {verdict_text(proof, lang)}", ""]
    if proof.cross_check is not None:
        out += [f"**{word('cross_check', lang)}:** {verdict_text(proof.cross_check, lang)}", ""]
    if not record.holds:
        truth = ko.truth if ko else record.truth
        fix = facts().correction(record)
        out += [
            f'!!! warning "{word("wrong_here", lang)}"',
            "",
            *display(record.correction, by="    "),
            f"    {truth}",
            "",
            f"    {word('correction', lang, method=method(fix.method, lang))}",
            "",
        ]
    conventions = ko.conventions if ko else record.conventions
    if conventions:
        out += [f"**{word('conventions', lang)}:**", ""] + [f"- {c}" for c in conventions] + [""]
    if record.kernel is not None:
        out += [kernel_section(record, lang), ""]
    return "\n".join(out)


def kernel_section(record, lang: str) -> str:
    """The generated kernel, collapsed: why it is written so, its proof, its source, its accuracy."""
    from symdl.catalog.ko import korean
    from symdl.codegen import Elementwise

    spec = record.kernel
    why = korean(record).kernel if lang == "ko" else spec.why
    proof = facts().kernel_proof(record)
    why_shown = f" ({detail(proof.detail, lang)})" if proof.detail else ""
    body = [
        why,
        "",
        word("kernel_proof", lang, method=method(proof.method, lang) + why_shown),
        "",
        "```python",
        facts().kernel_source(record).rstrip(),
        "```",
        "",
    ]
    if not (isinstance(spec, Elementwise) and spec.defines):
        body += [word("accuracy_head", lang), "|---|---|---|---|---|---|"]
        against = word("against_derivative" if isinstance(spec, Elementwise) else "against_reference", lang)
        for dtype in ("float32", "float64"):
            result = facts().check(record, dtype)
            body.append(
                f"| {dtype} | {against} | {result.points} | {result.max_error:.3g} {result.unit} "
                f"| {result.worst_input} | {result.tolerance:g} |"
            )
    return f'??? info "{word("kernel", lang, name=spec.name)}"\n\n{indent(chr(10).join(body))}'


# -- the pages --------------------------------------------------------------------------------------
def write(path: str, text: str) -> None:
    with mkdocs_gen_files.open(path, "w") as page:
        page.write(text)


def subject_pages() -> None:
    from symdl.catalog import ALL

    by_name = {r.name: r for r in ALL}
    for subject in SUBJECTS:
        for lang in LANGS:
            title = subject.en if lang == "en" else subject.ko
            sections = [record_section(by_name[name], lang) for name in subject.records]
            write(localized(f"topics/{subject.slug}.md", lang), f"# {title}\n\n" + "\n".join(sections))


ERRATA_INTRO = {
    "en": "# Errata\n\n{n} claims in the notes are wrong. Each is refuted by the machine and its correction "
    "proved; a test fails if either changes.\n\n",
    "ko": "# 정오표\n\n노트의 주장 가운데 {n}개가 틀렸습니다. 각각을 기계가 반박하고, 고친 식을 "
    "증명했습니다. "
    "둘 중 하나라도 바뀌면 테스트가 실패합니다.\n\n",
}
ERRATA_ITEM = {
    "en": "## {k}. {title}\n\n*{where}* — {link}\n\n**The note says:** {says}\n\n"
    "**What is true:** {truth}\n\n**Evidence:**\n\n- the note's claim: {refuted}\n"
    "- the correction: {confirmed}\n\n",
    "ko": "## {k}. {title}\n\n*{where}* — {link}\n\n**노트의 내용:** {says}\n\n"
    "**참인 내용:** {truth}\n\n**근거:**\n\n- 노트의 주장: {refuted}\n- 고친 식: {confirmed}\n\n",
}


def errata_page() -> None:
    from symdl.catalog.ko import NOTES, korean

    found = facts().errata()
    for lang in LANGS:
        text = ERRATA_INTRO[lang].format(n=len(found))
        for k, e in enumerate(found, 1):
            record = e.record
            ko = korean(record) if lang == "ko" else None
            note = NOTES.get(record.source.note, record.source.note) if ko else record.source.note
            text += ERRATA_ITEM[lang].format(
                k=k,
                title=ko.title if ko else record.title,
                where=f"{note}, {record.source.section}",
                link=record_link(record.name, lang),
                says=ko.statement if ko else e.says,
                truth=ko.truth if ko else e.truth,
                refuted=proof_text(e.refutation, lang),
                confirmed=proof_text(e.confirmation, lang),
            )
        write(localized("errata.md", lang), text)


def proof_text(proof, lang: str) -> str:
    verdict = word("undecided" if proof.undecided else "holds" if proof else "wrong", lang)
    why = f": {detail(proof.detail, lang)}" if proof.detail else ""
    return f"{verdict} — {method(proof.method, lang)}{why}"


COVERAGE_INTRO = {
    "en": "# Coverage of the notes\n\nEvery section of every note, with the records that settle its claims, "
    "or why there is nothing to prove.\n\n| note | section | records | not checked, because "
    "|\n|---|---|---|---|\n",
    "ko": "# 노트 검증 범위\n\n모든 노트의 모든 절과, 그 절의 주장을 확인한 레코드 또는 증명할 것이 없는 "
    "이유입니다.\n\n"
    "| 노트 | 절 | 레코드 | 확인하지 않은 이유 |\n|---|---|---|---|\n",
}


def coverage_page() -> None:
    from symdl.catalog.coverage import SECTIONS
    from symdl.catalog.ko import NOTES, REASONS

    for lang in LANGS:
        rows = []
        for s in SECTIONS:
            links = ", ".join(record_link(n, lang) for n in s.records)
            note = s.note if lang == "en" else NOTES.get(s.note, s.note)
            reason = s.reason if lang == "en" else REASONS.get(s.reason, s.reason)
            rows.append(f"| {note} | {s.section} | {links} | {reason} |")
        write(localized("coverage.md", lang), COVERAGE_INTRO[lang] + "\n".join(rows) + "\n")


FIGURES: dict[str, dict[str, tuple[str, str]]] = {  # file stem: language: (title, caption)
    "activations": {
        "en": (
            "Activations and their derivatives",
            "sigmoid′ and tanh′ come from symdl's kernels; relu′(0) = 0 by convention.",
        ),
        "ko": (
            "활성화 함수와 도함수",
            "sigmoid′와 tanh′는 symdl의 커널로 계산했습니다. 관례에 따라 relu′(0) = 0입니다.",
        ),
    },
    "gradient_through_depth": {
        "en": (
            "Gradient scale through depth",
            "A sigmoid layer multiplies a gradient by at most 1/4; tanh by at most 1.",
        ),
        "ko": (
            "깊이에 따른 기울기의 크기",
            "시그모이드 층은 기울기를 많아야 1/4배로, tanh 층은 많아야 1배로 만듭니다.",
        ),
    },
    "initialisation": {
        "en": (
            "The initialisation experiment",
            "Small weights collapse the activations; large ones saturate tanh (std ≈ 1 means units sit "
            "at ±1); Xavier and He keep the spread.",
        ),
        "ko": (
            "가중치 초기화 실험",
            "작은 가중치는 활성값을 0으로 무너뜨리고, 큰 가중치는 tanh를 포화시킵니다(표준편차 ≈ 1은 유닛이 "
            "±1에 "
            "머문다는 뜻). Xavier와 He 초기화는 퍼짐을 유지합니다.",
        ),
    },
    "adam_bias_correction": {
        "en": (
            "Adam's bias correction",
            "The first moment with and without bias correction: mean over 200 runs (seeds), with the "
            "band holding the middle 80% of runs.",
        ),
        "ko": (
            "Adam의 편향 보정",
            "편향 보정 전후의 1차 모멘트: 200번 실행(시드)의 평균과, 가운데 80%의 실행이 들어가는 띠.",
        ),
    },
    "lr_schedules": {
        "en": ("Learning-rate schedules", "LambdaLR with λ(e) = 1/(e+1) is not exponential."),
        "ko": ("학습률 스케줄", "λ(e) = 1/(e+1)인 LambdaLR은 지수적으로 줄지 않습니다."),
    },
    "rnn_gradient_norm": {
        "en": (
            "RNN gradients through time",
            "‖∂h_T/∂h_0‖ from symdl.kernels.bptt_jacobian for spectral radius below, at and above 1.",
        ),
        "ko": (
            "시간에 따른 RNN의 기울기",
            "스펙트럼 반지름이 1보다 작을 때, 1일 때, 1보다 클 때 symdl.kernels.bptt_jacobian으로 구한 "
            "‖∂h_T/∂h_0‖.",
        ),
    },
    "positional_encoding": {
        "en": ("Positional encoding", "symdl.kernels.positional_encoding(100, 64)."),
        "ko": ("포지셔널 인코딩", "symdl.kernels.positional_encoding(100, 64)."),
    },
    "dot_product_variance": {
        "en": ("Why attention divides by √d_k", "Var(q·k) grows like d_k; q·k/√d_k has variance 1."),
        "ko": ("어텐션이 √d_k로 나누는 이유", "Var(q·k)는 d_k에 비례해 커지고, q·k/√d_k의 분산은 1입니다."),
    },
}
FIGURES_INTRO = {
    "en": "# Figures\n\nDrawn at build time by `examples/figures.py` from symdl's kernels.\n\n",
    "ko": "# 그림\n\n사이트를 빌드할 때 `examples/figures.py`가 symdl의 커널로 그립니다. 그림 안의 글자는 "
    "영어입니다.\n\n",
}


def figures_page() -> None:
    images = facts().figures()
    for stem, png in images.items():
        with mkdocs_gen_files.open(f"assets/figures/{stem}.png", "wb") as image:
            image.write(png)
    for lang in LANGS:
        text = FIGURES_INTRO[lang]
        for stem in images:
            title, caption = FIGURES[stem][lang]
            text += f"## {title}\n\n![{caption}](assets/figures/{stem}.png)\n\n{caption}\n\n"
        write(localized("figures.md", lang), text)


# -- performance ------------------------------------------------------------------------------------
def bench_results() -> list[dict]:
    return json.loads((ROOT / "docs" / "data" / "bench.json").read_text())


def speedup_plot(results: list[dict]) -> bytes:
    """Horizontal bars: how many times faster symdl is than numpy and PyTorch, per kernel and dtype."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{r['kernel']} ({r['dtype']})" for r in results][::-1]
    rows = range(len(labels))
    fig, ax = plt.subplots(figsize=(7.0, 0.36 * len(labels) + 1.2))
    height = 0.38
    for offset, key, name, color in (
        (height / 2, "vs_numpy", "numpy", "#3f51b5"),
        (-height / 2, "vs_torch", "PyTorch", "#ef6c00"),
    ):
        values = [r[key] for r in results][::-1]
        shown = [v if v is not None else 0 for v in values]
        ax.barh([y + offset for y in rows], shown, height=height, color=color, label=f"vs {name}")
    ax.axvline(1.0, color="k", lw=1)
    ax.set_xscale("log")
    ax.set_yticks(list(rows), labels, fontsize=9)
    ax.set_xlabel("speed-up of symdl (× faster; below 1: slower)", fontsize=10)
    ax.tick_params(axis="x", labelsize=9)
    ax.legend(fontsize=9, loc="lower right")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200)
    plt.close(fig)
    return buffer.getvalue()


PERF_HEAD = {
    "en": "| kernel | dtype | vs numpy | vs PyTorch | symdl | numpy | PyTorch | GB/s | of copy "
    "|\n|---|---|--:|--:|--:|--:|--:|--:|--:|",
    "ko": "| 커널 | dtype | numpy 대비 | PyTorch 대비 | symdl | numpy | PyTorch | GB/s | 복사 대비 "
    "|\n|---|---|--:|--:|--:|--:|--:|--:|--:|",
}


def size(text: str) -> str:
    """``10000000`` as 10,000,000 and ``8192x512`` as 8192 × 512."""
    return " × ".join(f"{int(n):,}" if len(n) > 4 else n for n in text.split("x"))


def performance_table(results: list[dict], lang: str) -> str:
    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f} ms"

    def ratio(value: float | None) -> str:
        return "—" if value is None else f"**{value:.2f}×**"

    def plain(value: float | None, fmt: str) -> str:
        return "—" if value is None else format(value, fmt)

    rows = [
        f"| {code_name(r['kernel'])}<br><small>{size(r['size'])}</small> | {r['dtype']} "
        f"| {ratio(r['vs_numpy'])} | {ratio(r['vs_torch'])} | {ms(r['symdl_ms'])} | {ms(r['numpy_ms'])} "
        f"| {ms(r['torch_ms'])} | {plain(r.get('gb_per_s'), '.1f')} | {plain(r.get('of_copy'), '.0%')} |"
        for r in results
    ]
    return PERF_HEAD[lang] + "\n" + "\n".join(rows)


SWEEP_LABELS = {
    "en": ("elements per call", "time per call (ms)", "one thread below, all threads above"),
    "ko": ("호출당 원소 수", "호출당 시간 (ms)", "이 크기 아래는 스레드 하나, 위는 모든 스레드"),
}


HANGUL_FONTS = ("Noto Sans CJK KR", "NanumGothic", "Malgun Gothic", "AppleGothic", "UnDotum")


def _hangul_font() -> str | None:
    """A font on this machine that draws Hangul, or None (then the figure's labels stay English; the
    Korean page's caption says what they mean)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in HANGUL_FONTS if name in installed), None)


def sweep_plot(results: list[dict], lang: str) -> bytes:
    """Log-log lines: each kernel's time over problem size, one panel per dtype, the sizes where
    kernels switch to all threads marked."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    font = _hangul_font() if lang == "ko" else None
    xlabel, ylabel, switch = SWEEP_LABELS[lang if lang == "en" or font else "en"]
    with plt.rc_context({"font.family": [font, "DejaVu Sans"]} if font else {}):
        return _draw_sweep(plt, results, xlabel, ylabel, switch)


def _draw_sweep(plt, results: list[dict], xlabel: str, ylabel: str, switch: str) -> bytes:
    from symdl.kernels import ELEMENTWISE_PARALLEL_MIN, PARALLEL_MIN_ELEMENTS

    dtypes = sorted({r["dtype"] for r in results})
    fig, axes = plt.subplots(1, len(dtypes), figsize=(5.2 * len(dtypes), 5.0), sharey=True, squeeze=False)
    for ax, dtype in zip(axes[0], dtypes, strict=True):
        kernels = dict.fromkeys(r["kernel"] for r in results if r["dtype"] == dtype)
        cmap = plt.get_cmap("tab20")
        for k, name in enumerate(kernels):
            rows = [r for r in results if r["dtype"] == dtype and r["kernel"] == name]
            sizes = [np.prod([int(v) for v in r["size"].split("x")]) for r in rows]
            ax.plot(sizes, [r["symdl_ms"] for r in rows], marker=".", lw=1, color=cmap(k % 20), label=name)
        for at in (ELEMENTWISE_PARALLEL_MIN, PARALLEL_MIN_ELEMENTS):
            ax.axvline(at, color="0.5", lw=0.8, ls="--")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(dtype, fontsize=10)
        ax.set_xlabel(xlabel, fontsize=9)
        ax.tick_params(labelsize=8)
    axes[0][0].set_ylabel(ylabel, fontsize=9)
    axes[0][-1].legend(fontsize=6.5, loc="upper left", ncol=1)
    at = ", ".join(f"{n:,}" for n in sorted({ELEMENTWISE_PARALLEL_MIN, PARALLEL_MIN_ELEMENTS}))
    fig.suptitle(f"-- : {switch} ({at})", fontsize=8, y=0.02)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    plt.close(fig)
    return buffer.getvalue()


def performance_page() -> None:
    results = bench_results()
    sweep = json.loads((ROOT / "docs" / "data" / "sweep.json").read_text())
    with mkdocs_gen_files.open("assets/figures/speedup.png", "wb") as image:
        image.write(facts().speedup_plot())
    for lang in LANGS:
        with mkdocs_gen_files.open(f"assets/figures/sweep.{lang}.png", "wb") as image:
            image.write(sweep_plot(sweep, lang))
        template = (ROOT / "docs" / "data" / localized("performance.md", lang)).read_text()
        page = template.replace("{{ table }}", performance_table(results, lang))
        write(localized("performance.md", lang), page)


# -- glossary -------------------------------------------------------------------------------------
GLOSSARY_INTRO = {
    "en": "# Glossary\n\nEvery term the Korean pages use, with the Korean this site writes and the other "
    "renderings Korean textbooks, translations and communities use. Korean deep-learning vocabulary is not "
    "settled; when a note or a book uses another word, look it up here.\n\n"
    "| English | Korean (this site) | also written | note |\n|---|---|---|---|\n",
    "ko": "# 용어집\n\n한국어 페이지에 나오는 모든 용어와 영어 원어, 그리고 교재·번역서·커뮤니티마다 다르게 "
    "쓰는 "
    "번역어입니다. 딥러닝 용어의 한국어 번역은 아직 하나로 정해지지 않았습니다. 노트나 책이 다른 말을 쓰면 "
    "여기서 "
    "찾아보세요.\n\n| 이 사이트의 용어 | English | 다른 번역 | 설명 |\n|---|---|---|---|\n",
}


def glossary_page() -> None:
    from symdl.catalog.glossary import TERMS

    for lang in LANGS:
        if lang == "en":
            terms = sorted(TERMS, key=lambda t: t.english.casefold())
        else:
            terms = sorted(TERMS, key=lambda t: t.korean)
        rows = []
        for t in terms:
            english = t.english + (f" ({t.short})" if t.short else "")
            others = ", ".join(t.others) or "—"
            first, second = (english, t.korean) if lang == "en" else (t.korean, english)
            rows.append(f"| {first} | {second} | {others} | {t.note or '—'} |")
        write(localized("glossary.md", lang), GLOSSARY_INTRO[lang] + "\n".join(rows) + "\n")


# -- MathJax ----------------------------------------------------------------------------------------
def mathjax_cache() -> Path:
    """MathJax's npm package in .cache/ (or ``$SYMDL_DOCS_CACHE``), fetched with ``npm pack`` once."""
    cache = Path(os.environ.get("SYMDL_DOCS_CACHE") or ROOT / ".cache") / f"mathjax-{MATHJAX_VERSION}"
    if (cache / "es5" / "tex-mml-chtml.js").exists():
        return cache
    npm = shutil.which("npm")
    if npm is None:
        raise PluginError(
            f"the first docs build copies MathJax {MATHJAX_VERSION} out of its npm package: install npm "
            "(apt-get install npm) and build once with network access"
        )
    with tempfile.TemporaryDirectory(prefix="symdl-mathjax-") as tmp:
        proc = subprocess.run(
            [npm, "pack", f"mathjax@{MATHJAX_VERSION}", "--pack-destination", tmp, "--silent"],
            capture_output=True,
            text=True,
            check=False,
        )
        tarballs = list(Path(tmp).glob("mathjax-*.tgz"))
        if proc.returncode != 0 or len(tarballs) != 1:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise PluginError(
                f"npm pack mathjax@{MATHJAX_VERSION} failed (the first build needs the npm registry): {last}"
            )
        with tarfile.open(tarballs[0]) as tar:
            tar.extractall(tmp, filter="data")
        cache.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(Path(tmp) / "package", cache)
    return cache


def mathjax(cache: Path) -> None:
    es5 = cache / "es5"
    files = [
        es5 / "tex-mml-chtml.js",
        *sorted((es5 / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff")),
    ]
    for path in files:
        with mkdocs_gen_files.open(f"assets/mathjax/{path.relative_to(es5)}", "wb") as out:
            out.write(path.read_bytes())


def main() -> None:
    cache = mathjax_cache()  # first: without npm the build stops here, before anything is imported

    from symdl.catalog import ALL
    from symdl.catalog.ko import KO

    check_subjects([r.name for r in ALL])
    if missing := [r.name for r in ALL if r.name not in KO]:
        raise PluginError(
            f"records with no Korean text (add them to symdl/catalog/ko/): {', '.join(missing)}"
        )
    subject_pages()
    errata_page()
    coverage_page()
    figures_page()
    performance_page()
    glossary_page()
    mathjax(cache)


# mkdocs-gen-files runs this file with runpy.run_path, whose module name is "<run_path>"; tests
# import it under another name to read SUBJECTS without building anything.
if __name__ == "<run_path>":
    main()
