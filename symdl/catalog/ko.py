"""Korean text for every record: title, statement, conventions and, for errata, what is true.

The notes' readers read Korean, so the site (and, on request, the CLI and REPL) shows every record
in Korean as well as English.  The text here is written for this project -- not taken from the
notes -- in the terms the notes' readers use; where Korean communities render a term differently,
:mod:`symdl.catalog.glossary` lists the renderings and which one is used here.  An English term
appears in parentheses where a student needs it to connect the Korean word with papers and code.

Formulas are the records' own, character for character; only the words around them are Korean.
``tests/test_korean.py`` fails, naming the record, when a record has no entry here, when an
erratum has no Korean truth, or when the number of conventions or steps differs from the record's.

>>> from symdl.catalog.ko import korean
>>> import symdl
>>> korean(symdl.derivation("sigmoid_derivative")).title
'시그모이드의 도함수'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symdl.record import Derivation

__all__ = ["KO", "NOTES", "REASONS", "Korean", "korean"]


@dataclass(frozen=True)
class Korean:
    """One record in Korean.

    ``conventions`` and ``steps`` follow the record's own, in order (``steps`` gives the reason of
    each step; the formulas are the record's).  ``truth`` is set for errata only, ``kernel`` only
    for records with a kernel (why the kernel is written the way it is).
    """

    title: str
    statement: str
    conventions: tuple[str, ...] = ()
    truth: str = ""
    steps: tuple[str, ...] = ()
    kernel: str = ""


def korean(record: Derivation | str) -> Korean:
    """The Korean text of ``record`` (a record or its name).

    A ``KeyError`` names a record that has no Korean text yet; the CLI and REPL can fall back to
    English then.
    """
    name = record if isinstance(record, str) else getattr(record, "name", None)
    if not isinstance(name, str):
        raise TypeError(f"record must be a Derivation or a record name, got {type(record).__name__}")
    try:
        return KO[name]
    except KeyError:
        raise KeyError(f"no Korean text for record {name!r}: add it to symdl/catalog/ko.py") from None


# The notes' titles as the notes themselves carry them (see ../shared/notes/README.md).
NOTES: dict[str, str] = {
    "DL — Deep Learning Techniques": "DL — Deep Learning Techniques",
    "ML LifeCycle weekly summary": "주간학습정리 ML LifeCycle",
    "All about Deep Learning": "딥러닝의 모든 것",
    "Deep Learning": "Deep Learning",
    "Deep learning basics": "DeepLearning 기본정리",
}

# Why a section of a note has no record (symdl/catalog/coverage.py), in Korean.
REASONS: dict[str, str] = {
    "history or biography: nothing to prove": "역사나 인물 소개: 증명할 것이 없다",
    "practical advice or an empirical observation, not a mathematical claim": (
        "실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "a definition or description in words; its formulas are covered where they are used": (
        "말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다"
    ),
    "a definition or description in words; its formulas are covered where they are used "
    "(its figures are not included)": (
        "말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다(노트의 그림은 포함되어 있지 않다)"
    ),
    "'converges faster than sigmoid or tanh' is practical advice or an empirical observation, "
    "not a mathematical claim": (
        "'시그모이드나 tanh보다 빨리 수렴한다'는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "'exp() is expensive' is practical advice or an empirical observation, not a mathematical claim": (
        "'exp()는 계산 비용이 크다'는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "'faster because no mean and variance are computed in training' is a claim about cost, and "
    "inaccurate: LayerNorm computes a mean and variance for every sample, in training and at test "
    "time (the definition in layernorm_backward); it is not a formula to refute": (
        "'학습 중에 평균과 분산을 계산하지 않아서 빠르다'는 비용에 관한 주장이고 정확하지 않다. 층 정규화는 "
        "학습 때나 테스트 때나 샘플마다 평균과 분산을 "
        "계산한다(layernorm_backward의 정의). 반박할 수식은 아니다"
    ),
    "'hard to parallelise' is practical advice or an empirical observation, not a mathematical claim": (
        "'병렬화하기 어렵다'는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "'one XOR is enough to separate anything' is not a precise claim; what is true — one hidden layer "
    "makes an MLP a universal approximator — is not proved here": (
        "'XOR 하나면 무엇이든 나눌 수 있다'는 정확한 주장이 아니다. 참인 명제(은닉층 하나로 다층 퍼셉트론이 "
        "보편 근사기가 된다)는 여기서 증명하지 않는다"
    ),
    "'the same rate for every parameter', local minima and saddle points are descriptions": (
        "'모든 파라미터에 같은 학습률', 지역 최솟값, 안장점은 설명이다"
    ),
    "'train a layer several times and average the weights' loosely describes dropout's ensemble "
    "interpretation; it is not what the algorithm computes, and not a formula": (
        "'층을 여러 번 학습해 가중치를 평균한다'는 드롭아웃의 앙상블 해석을 느슨하게 설명한 것이다. "
        "알고리즘이 실제로 계산하는 것도 아니고 수식도 아니다"
    ),
    "'why zero-centring' is practical advice or an empirical observation, not a mathematical claim": (
        "'왜 0 중심화를 하는가'는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "class imbalance and other metrics are practical advice or an empirical observation, "
    "not a mathematical claim": (
        "클래스 불균형과 다른 평가 지표는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "early stopping is a procedure": "조기 종료는 절차다",
    "early stopping, norm penalties, augmentation, noise, CutMix/CutOut/Mixup are listed by name only": (
        "조기 종료, 노름 페널티, 데이터 증강, 잡음 추가, CutMix/CutOut/Mixup은 이름만 나열되어 있다"
    ),
    "multi-head attention is a definition or description in words; its formulas are covered where "
    "they are used": ("멀티 헤드 어텐션은 말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다"),
    "the effect of too high or too low rates is practical advice or an empirical observation, "
    "not a mathematical claim": (
        "학습률이 너무 크거나 작을 때의 효과는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "the encoder–decoder diagram is a definition or description in words; its formulas are covered "
    "where they are used": ("인코더–디코더 그림은 말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다"),
    "the typical rates 0.2–0.5 and the need for more epochs are practical advice or an empirical "
    "observation, not a mathematical claim": (
        "흔히 쓰는 비율 0.2–0.5와 에폭이 더 필요하다는 점은 "
        "실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "where each is used (output layer, most common) is practical advice or an empirical observation, "
    "not a mathematical claim": (
        "각각을 어디에 쓰는지(출력층, 가장 흔한 경우)는 "
        "실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
}

_DIAG_NOT_ELEMENTWISE = (
    "노트는 곱을 (1 − h_t²)·W_hh로 쓴다. 이 인자는 원소별 곱이 아니라 W_hh의 왼쪽에 곱하는 "
    "대각 행렬 diag(1 − h_t²)이다."
)

KO: dict[str, Korean] = {
    # -- activations: sigmoid and tanh ----------------------------------------------------------------
    "sigmoid_derivative": Korean(
        title="시그모이드의 도함수",
        statement="시그모이드(sigmoid)의 도함수(derivative)는 σ′(x) = σ(x)(1 − σ(x))이다.",
        steps=(
            "(1 + e^(−x))^(−1)에 연쇄 법칙(chain rule)을 적용한다",
            "분수를 둘로 나눈다: 1/(1 + e^(−x)) · e^(−x)/(1 + e^(−x))",
            "σ(−x) = 1 − σ(x)를 쓴다",
        ),
        kernel="σ′는 우함수이므로 e = exp(−|x|) ≤ 1로 두고 σ′(x) = e/(1 + e)²로 계산한다. 오버플로도, "
        "상쇄(cancellation)도 없고, σ′가 비정규 수(subnormal) 쪽으로 작아질 때에도 상대 정확도를 그대로 "
        "유지한다. 값은 1/4을 넘지 않게 자른다(sigmoid_derivative_bound 레코드): |x| < 1e-8에서 반올림 "
        "때문에 1/4보다 1 ulp 큰 값이 나왔기 때문이다.",
    ),
    "sigmoid_derivative_bound": Korean(
        title="시그모이드의 기울기는 1/4 이하다",
        statement="1/4 − σ′(x) = (1 − 2σ(x))²/4 ≥ 0이므로 σ′ ≤ 1/4이고, 등호는 x = 0에서만 성립한다. "
        "시그모이드를 L개 거치면 기울기(gradient)는 많아야 4^(−L)배가 된다 — 기울기 소실(vanishing "
        "gradient)이다.",
    ),
    "sigmoid_derivative_at_zero": Korean(
        title="0에서 시그모이드의 기울기",
        statement="σ′(0) = 1/4이다: 위의 상한에 실제로 도달한다.",
    ),
    "tanh_derivative": Korean(
        title="tanh의 도함수",
        statement="tanh′(x) = 1 − tanh²(x)이다.",
        steps=(
            "몫의 미분법(quotient rule); (eˣ + e⁻ˣ)² − (eˣ − e⁻ˣ)² = 4",
            "4/(eˣ + e⁻ˣ)² = sech²(x) = 1 − tanh²(x)",
        ),
        kernel="tanh′ = sech² = 4e²/(1 + e²)², e = exp(−|x|)로 계산한다. 1 − tanh²는 |x| ≳ 19에서 "
        "상쇄되어 0이 되지만, 이 형태는 언더플로할 때까지 상대 정확도를 유지하고, float64 최댓값 근처의 "
        "|x|에서 오버플로하는 2|x|를 만들지 않는다.",
    ),
    "tanh_scaled_sigmoid": Korean(
        title="tanh는 시그모이드를 늘이고 옮긴 것이다",
        statement="tanh(x) = 2σ(2x) − 1이다. 노트가 tanh를 시그모이드를 확대한 함수라고 부르는 까닭이다.",
    ),
    "tanh_definition": Korean(
        title="노트가 쓴 tanh",
        statement="(eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)는 쌍곡탄젠트(hyperbolic tangent)다.",
    ),
    "sigmoid_saturates": Korean(
        title="입력이 크면 시그모이드의 기울기가 사라진다",
        statement="x → ∞일 때 σ′(x) → 0이다(σ′는 우함수이므로 x → −∞에서도 마찬가지다). 포화"
        "(saturation)된 유닛은 기울기를 거의 전달하지 못한다.",
    ),
    "sigmoid_centre": Korean(
        title="시그모이드의 중심은 0이 아니라 1/2이다",
        statement="σ(0) = 1/2이고 σ(−x) = 1 − σ(x)이다: 출력은 1/2을 중심으로 대칭이다.",
        steps=("e^(−x)/e^(−x)를 곱한다",),
    ),
    "sigmoid_range": Korean(
        title="시그모이드의 값은 0과 1 사이에 있다(양 끝 제외)",
        statement="모든 실수 x에 대해 σ(x)(1 − σ(x)) > 0, 즉 0 < σ(x) < 1이다.",
    ),
    "tanh_zero_centred": Korean(
        title="tanh는 기함수다: 0을 중심으로 대칭",
        statement="tanh(−x) = −tanh(x)이다: 출력은 (−1, 1) 범위에 있고 0을 중심으로 대칭이다.",
    ),
    "sigmoid_not_zero_centred_gradients": Korean(
        title="입력이 모두 양수이면 가중치 기울기의 부호가 모두 같다",
        statement="상류 기울기(upstream gradient) δ를 받는 유닛 σ(wᵀx + b)에서 ∂L/∂w = δ·σ′(z)·x이다. "
        "σ′ > 0이므로 모든 입력 x_i가 양수이면(예: 앞 시그모이드 층의 출력) 모든 가중치(weight) 기울기가 "
        "δ와 같은 부호를 가진다. 그래서 가중치는 다 함께 커지거나 다 함께 작아질 수밖에 없다.",
    ),
    # -- activations: the ReLU family -----------------------------------------------------------------
    "relu_derivative": Korean(
        title="ReLU의 도함수: 양수 입력에서 1, 음수 입력에서 0",
        statement="x > 0이면 relu′(x) = 1, x < 0이면 0이다. 양수 입력에서는 포화되지 않아 기울기 소실이 "
        "없고, 입력이 계속 음수인 유닛은 기울기를 전혀 받지 못한다— 죽은 ReLU(dead ReLU)다.",
        conventions=(
            "relu′(0)은 PyTorch와 JAX처럼 0으로 둔다. 0에서 도함수는 존재하지 않는다"
            "(relu_not_differentiable_at_zero 참고).",
        ),
    ),
    "relu_not_differentiable_at_zero": Korean(
        title="ReLU는 0에서 미분할 수 없다",
        statement="0에서 ReLU의 한쪽 기울기는 오른쪽에서 1, 왼쪽에서 0이다. 둘이 1만큼 다르므로 relu′(0)은 "
        "존재하지 않고, 프레임워크는 관례(convention)로 값을 정한다.",
    ),
    "leaky_relu_derivative": Korean(
        title="Leaky ReLU는 음수 입력에서도 기울기 α를 남긴다",
        statement="x > 0이면 LeakyReLU′(x) = 1, x < 0이면 α이다(α > 0은 하이퍼파라미터"
        "(hyperparameter)). 기울기가 사라지지 않으므로 유닛이 죽지 않는다.",
        conventions=("0에서의 값은 관례다(여기서는 1). α ≠ 1이면 0에서 도함수가 존재하지 않는다.",),
    ),
    "elu_derivative": Korean(
        title="음수 입력에서 ELU의 도함수는 ELU(x) + α다",
        statement="x > 0이면 ELU′(x) = 1, x < 0이면 αeˣ = ELU(x) + α이다. 음수 쪽은 −α를 향해 부드럽게 "
        "포화되고, 도함수는 순전파(forward pass) 값을 다시 쓴다.",
    ),
    "gelu_derivative": Korean(
        title="GELU의 도함수",
        statement="Φ를 표준 정규 분포의 누적 분포 함수(cumulative distribution "
        "function), φ를 그 밀도라 하면 GELU(x) = xΦ(x)이고 "
        "GELU′(x) = Φ(x) + xφ(x)이다.",
    ),
    # -- activations: softmax -------------------------------------------------------------------------
    "softmax_sums_to_one": Korean(
        title="소프트맥스의 출력은 확률 분포다",
        statement="Σ_i softmax(z)_i = 1이고, 각 성분 e^(z_i)/Σ_j e^(z_j)는 양수다.",
    ),
    "softmax_shift_invariance": Korean(
        title="모든 로짓에 같은 상수를 더해도 소프트맥스는 그대로다",
        statement="임의의 상수 c에 대해 softmax(z + c) = softmax(z)이다. 그래서 커널은 먼저 max(z)를 뺀다: "
        "확률은 같고 오버플로는 없다.",
    ),
    "softmax_positive": Korean(
        title="소프트맥스 확률은 모두 양수다",
        statement="실수 로짓(logit)이 무엇이든 e^(z_1)/Σ_j e^(z_j) > 0이다: 소프트맥스는 정확히 0인 확률을 "
        "주지 않는다(로짓 세 개로 보였다. 다른 성분도 모양이 같다).",
    ),
    "softmax_jacobian": Korean(
        title="소프트맥스의 야코비안은 diag(p) − ppᵀ다",
        statement="∂p_i/∂z_j = p_i(δ_ij − p_j), 즉 야코비안(Jacobian) J = diag(p) − ppᵀ이다. 어텐션의 "
        "역전파가 곱하는 행렬이 바로 이것이다.",
        kernel="행을 한 번 훑는 동안 행마다 최댓값을 구하고, exp(z − max)를 출력에 쓰고, 그 합을 구한 뒤 "
        "나눈다. exp는 오버플로하지 않고 원소마다 한 번만 계산되며, 가장 큰 항은 정확히 1이다.",
    ),
    # -- losses ---------------------------------------------------------------------------------------
    "mae_gradient": Korean(
        title="MAE의 기울기는 잔차의 부호다",
        statement="d|ŷ − y|/dŷ = sign(ŷ − y)이다: 오차가 크든 작든 같은 세기로 당긴다. 그래서 평균 절대 "
        "오차(MAE)는 평균 제곱 오차(MSE)보다 이상치(outlier)에 덜 민감하다.",
        conventions=("r = 0에서 도함수는 존재하지 않는다. 보통 sign(0) = 0으로 둔다.",),
    ),
    "mse_gradient": Korean(
        title="MSE의 기울기는 오차와 함께 커진다",
        statement="(1/n)Σ(ŷ − y)²를 ŷ_i로 미분하면 2(ŷ_i − y_i)/n이다: 큰 오차(이상치)가 기울기를 지배한다.",
    ),
    "bce_gradient": Korean(
        title="확률에 대한 이진 교차 엔트로피의 기울기",
        statement="L = −[y log p + (1 − y) log(1 − p)]이면 dL/dp = (p − y)/(p(1 − p))이고, p → 0 또는 "
        "1에서 발산한다. 확률 대신 로짓을 거쳐 미분하는 이유 가운데 하나다.",
    ),
    "sigmoid_bce_logit_gradient": Korean(
        title="시그모이드 뒤의 이진 교차 엔트로피: 기울기는 σ(z) − y",
        statement="p = σ(z)이면 dL/dz = σ(z) − y이다: 이진 교차 엔트로피(binary cross-entropy) 기울기의 "
        "1/(p(1 − p))가 σ′와 약분된다.",
    ),
    "softmax_cross_entropy_gradient": Korean(
        title="소프트맥스 뒤의 교차 엔트로피: 기울기는 p − y",
        statement="L = −Σ_k y_k log softmax(z)_k이고 목표가 Σ_k y_k = 1을 만족하면(원-핫이든 스무딩했든) "
        "∂L/∂z_j = p_j − y_j이다.",
    ),
    "softmax_cross_entropy_grad_onehot": Korean(
        title="정수 레이블에 대한 소프트맥스-교차 엔트로피 기울기",
        statement="클래스 레이블이 정수이면 목표는 원-핫(one-hot)이고, 배치 평균을 취하지 않은 손실 "
        "−log softmax(z)_label의 기울기는 행마다 softmax(z) − onehot(label)이다.",
        kernel="행마다 최댓값을 뺀 소프트맥스(exp는 원소마다 한 번, 출력에 쓴 뒤 행의 합으로 나눔)를 "
        "계산하고 레이블 위치에서 1을 뺀다. 오버플로하지 않으며, 확률이 0으로 반올림되는 레이블에서도 "
        "정확히 0 − 1이 된다.",
    ),
    "cross_entropy_convex_in_logits": Korean(
        title="교차 엔트로피는 로짓에 대해 볼록하다",
        statement="소프트맥스 교차 엔트로피를 로짓으로 두 번 미분한 헤세 행렬(Hessian)은 diag(p) − ppᵀ이다. "
        "이는 공분산 행렬이므로 양의 준정부호(positive semi-definite)이고, 따라서 교차 엔트로피는 로짓의 "
        "함수로서 볼록(convex)하다.",
    ),
    "cross_entropy_not_convex_in_weights": Korean(
        title="교차 엔트로피는 신경망의 가중치에 대해서는 볼록하지 않다",
        statement="노트는 교차 엔트로피(CE) 손실이 볼록하므로 경사 하강법이 전역 최솟값(global minimum)을 "
        "찾을 수 있다고 말한다. 그러나 신경망 가중치의 함수로서는 볼록하지 않다: 가중치가 두 개인 신경망 "
        "z = w₂w₁x(x = 1, 레이블 1)에서 (2, 2)와 (−2, −2)의 중점 (0, 0)의 손실이 두 점 손실의 평균보다 "
        "크다.",
        truth="CE는 로짓에 대해서는 볼록하지만(cross_entropy_convex_in_logits 참고) 신경망의 손실은 "
        "가중치에 대해 볼록하지 않다: L(0,0) = log 2 ≈ 0.693 > (L(2,2) + L(−2,−2))/2 = log(1 + e⁻⁴) ≈ "
        "0.018. 경사 하강법이 전역 최솟값을 찾는다고 말할 수 있는 것은 볼록한 경우(예: 로지스틱 회귀)"
        "뿐이다.",
    ),
    "mse_is_gaussian_nll": Korean(
        title="MSE는 상수를 빼면 가우시안의 음의 로그 우도다",
        statement="−log N(y; ŷ, σ²) = (y − ŷ)²/(2σ²) + log(σ√(2π))이다: σ를 고정하면 최대 우도 추정"
        "(maximum likelihood estimation)과 최소 제곱법은 같은 ŷ를 고른다.",
    ),
    "cross_entropy_is_categorical_nll": Korean(
        title="교차 엔트로피는 범주 분포의 음의 로그 우도다",
        statement="−log ∏_k p_k^(y_k) = −Σ_k y_k log p_k이다: 교차 엔트로피(cross-entropy)를 최소화하는 "
        "것이 곧 최대 우도 추정이다(노트가 확률적 문제에 대해 말하는 'MLE').",
    ),
    "bias_variance_noise": Korean(
        title="기대 제곱 오차 = 잡음 + 편향² + 분산",
        statement="y = f + ε이고 예측 f̂가 ε과 독립이면 E[(y − f̂)²] = σ² + (f − E f̂)² + Var(f̂)이다. "
        "학습으로 편향(bias)과 분산(variance)을 맞바꿀 수는 있지만 잡음 σ²는 줄일 수 없다.",
    ),
    "label_smoothing_target": Korean(
        title="레이블 스무딩을 해도 목표는 확률 분포다",
        statement="y′ = (1 − α)·onehot + α/K는 K개 클래스에 걸쳐 합이 1이므로 소프트맥스-CE의 기울기는 "
        "p − y′이고(softmax_cross_entropy_gradient), 정답 클래스의 목표값은 1 − α(K − 1)/K로 낮아진다. "
        "레이블 스무딩(label smoothing)은 규제(regularization) 기법이다.",
    ),
    # -- initialisation -------------------------------------------------------------------------------
    "xavier_forward_variance": Korean(
        title="선형 유닛의 순전파 분산",
        statement="평균이 0이고 서로 독립인 w와 x로 만든 y = Σ_{i=1}^{n_in} w_i x_i의 분산은 "
        "Var(y) = n_in·Var(w)·Var(x)이다. 가중치 초기화(weight initialization)의 출발점이다.",
    ),
    "xavier_backward_variance": Korean(
        title="선형 유닛의 역전파 분산",
        statement="입력에 도달하는 기울기 Σ_{k=1}^{n_out} w_k δ_k의 분산은 n_out·Var(w)·Var(δ)이다.",
    ),
    "xavier_glorot_variance": Korean(
        title="Glorot의 절충: Var(w) = 2/(n_in + n_out)",
        statement="순전파 신호의 분산이 유지되려면 n_in·Var(w) = 1, 기울기의 분산이 유지되려면 "
        "n_out·Var(w) = 1이어야 한다. 두 값의 평균을 1로 두면 Var(w) = 2/(n_in + n_out)이다."
        " 이것이 Xavier 초기화(Xavier initialization)다.",
    ),
    "xavier_glorot_uniform_bound": Korean(
        title="Glorot 균등 분포의 경계 √(6/(n_in + n_out))",
        statement="균등 분포(uniform distribution) U(−a, a)의 분산은 a²/3이다. 이를 2/(n_in + n_out)로 "
        "두면 a = √(6/(n_in + n_out))이다.",
        steps=("a²/3 = 2/(n_in + n_out)로 놓는다",),
    ),
    "xavier_uniform_sampler": Korean(
        title="U(0, 1)에서 Glorot 균등 가중치 뽑기",
        statement="u ~ U(0, 1)일 때 a = √(6/(n_in + n_out))로 둔 w = a(2u − 1)은 평균이 0, 분산이 "
        "2/(n_in + n_out)이다.",
        kernel="[0, 1)의 균등 표본을 U(−a, a)로 옮긴다.",
    ),
    "he_relu_second_moment": Korean(
        title="ReLU는 대칭인 사전 활성화의 2차 모멘트를 절반만 남긴다",
        statement="사전 활성화(pre-activation) z ~ N(0, s²)이면 E[relu(z)²] = s²/2이다: ReLU가 음수 "
        "절반을 0으로 만든다.",
    ),
    "he_kaiming_variance": Korean(
        title="He 초기화: Var(w) = 2/n_in",
        statement="ReLU 유닛을 쓰면 다음 사전 활성화의 분산은 n_in·Var(w)·s²/2이다. 이를 s²로 유지하려면 "
        "Var(w) = 2/n_in이어야 한다 — Xavier 순전파 조건의 두 배다. 이것이 He 초기화(He initialization)다.",
    ),
    "he_normal_sampler": Korean(
        title="N(0, 1)에서 He 정규 가중치 뽑기",
        statement="z ~ N(0, 1)이면 w = z·√(2/n_in)의 분산은 2/n_in이다.",
        kernel="표준 정규 표본을 분산 2/n_in으로 스케일한다.",
    ),
    "xavier_notes_code_variance": Korean(
        title="노트의 Xavier 코드는 Glorot 분산의 절반으로 뽑는다",
        statement="노트는 W ~ N(0, 2/(n_in + n_out))이라 쓰고, 이를 "
        "np.random.randn(d_in, d_out) / np.sqrt(d_in + d_out)로 구현한다.",
        truth="randn/√(d_in + d_out)의 분산은 1/(d_in + d_out)으로, Glorot의 2/(d_in + d_out)의 "
        "절반이다. √((d_in + d_out)/2)로 나눠야 한다. (흔히 보이는 다른 코드인 1/√d_in은 Xavier의 "
        "순전파 조건 Var(w) = 1/n_in이다.)",
    ),
    "small_gaussian_init_collapse": Korean(
        title="W = 0.01·randn이면 활성값이 깊이에 따라 기하급수적으로 줄어든다",
        statement="tanh 층에서는 |tanh z| ≤ |z|이므로 Var(x_(l+1)) ≤ n·Var(w)·Var(x_l) = "
        "n·10⁻⁴·Var(x_l)이다. 폭 n = 500이면 층마다 0.05배가 되어, 10개 층을 지나면 분산이 입력의 "
        "10⁻¹²보다 작아지고, 층의 입력에 비례하는 가중치 기울기도 함께 사라진다.",
        conventions=(
            "폭 500은 우리가 고른 값이다(노트에는 폭이 없다). "
            "n·10⁻⁴ < 1인 폭 10⁴ 미만이면 이 상한이 성립한다.",
        ),
    ),
    "large_gaussian_init_saturates": Korean(
        title="W = 0.5·randn이면 tanh가 포화된다: 평균 기울기는 많아야 2/(s√(2π))",
        statement="실수 전체에서 ∫ tanh′(z) dz = 2이므로 z ~ N(0, s²)이면 평균 기울기 "
        "E[tanh′(z)] ≤ 2·max φ = 2/(s√(2π))이다. 가중치가 0.5·randn이면 s² = n·0.25·E[x²]가 크고"
        "(n = 500: E[x²] > 0.8이면 s > 10), 평균 기울기는 층마다 0.08보다 작다: 유닛은 ±1에 머물고 "
        "기울기는 사라진다.",
    ),
    # -- optimisers -----------------------------------------------------------------------------------
    "adam_bias_correction_m": Korean(
        title="Adam의 1차 모멘트는 1 − β₁ᵗ배만큼 0 쪽으로 치우친다",
        statement="m₀ = 0이고 기울기의 평균이 시간에 따라 변하지 않으면 E[m_t] = (1 − β₁ᵗ)·E[g]이다. "
        "따라서 m̂_t = m_t/(1 − β₁ᵗ)는 편향이 없다 — 편향 보정(bias correction)이다.",
        steps=(
            "m₀ = 0에서 시작해 m_t = β₁ m_{t−1} + (1 − β₁) g_t를 펼치고 기댓값을 취한다",
            "등비급수의 합",
        ),
    ),
    "adam_bias_correction_v": Korean(
        title="Adam의 2차 모멘트는 1 − β₂ᵗ배만큼 0 쪽으로 치우친다",
        statement="v₀ = 0이고 E[g²]가 시간에 따라 변하지 않으면 E[v_t] = (1 − β₂ᵗ)·E[g²]이다. 따라서 "
        "v̂_t = v_t/(1 − β₂ᵗ)는 편향이 없다.",
    ),
    "adam_moment_unrolled": Korean(
        title="지난 기울기들의 가중합으로 쓴 Adam의 모멘트",
        statement="m₀ = 0이면 m_t = (1 − β₁) Σ_{i=1}^{t} β₁^(t−i) g_i이다: 가중치의 합이 1이 아니라 "
        "1 − β₁ᵗ인 지수 이동 평균(exponential moving average)이다.",
    ),
    "adam_keras_epsilon": Korean(
        title="ε̂ = ε√(1 − β₂ᵗ)이면 Adam의 두 갱신식이 같다",
        statement="α_t = α√(1 − β₂ᵗ)/(1 − β₁ᵗ), ε̂ = ε√(1 − β₂ᵗ)로 두면 α m̂/(√v̂ + ε) = "
        "α_t m/(√v + ε̂)이다: Keras의 ε은 Algorithm 1의 ε에 √(1 − β₂ᵗ)를 곱한 것이다.",
        conventions=(
            "c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ로 쓴다.",
            "Kingma & Ba의 Algorithm 1을 따른다: ε은 편향 보정한 v̂의 제곱근 바깥에 있다. "
            "torch.optim.Adam도 같은 값을 계산한다.",
        ),
        kernel="파라미터를 한 번 훑으면서 m, v, θ를 제자리에서 갱신한다. 편향 보정은 t에만 의존하므로 "
        "루프 밖에서 한 번만 계산한다.",
    ),
    "gradient_descent_first_order_decrease": Korean(
        title="기울기 반대 방향으로 조금 움직이면 손실이 줄어든다",
        statement="η = 0에서 d/dη f(w − η∇f(w)) = −‖∇f(w)‖² ≤ 0이다: 기울기의 반대로 가면(기울기가 양수인 "
        "곳에서는 w를 줄이고 음수인 곳에서는 늘리면) 작은 η에서 f가 줄어든다. 경사 하강법(gradient "
        "descent)의 근거다.",
    ),
    "gradient_is_steepest_ascent": Korean(
        title="기울기는 가장 가파르게 올라가는 방향이다",
        statement="‖g‖²‖u‖² − (g·u)² = Σ_(i<j) (g_i u_j − g_j u_i)² ≥ 0(라그랑주 항등식)이므로, 단위 "
        "방향 u를 따라가는 기울기 g·u는 많아야 ‖g‖이고 u = g/‖g‖일 때만 그 값이 된다. −g가 가장 가파른 "
        "하강 방향이다.",
    ),
    "momentum_terminal_velocity": Korean(
        title="기울기가 일정하면 모멘텀의 속도는 g/(1 − μ)에 다가간다",
        statement="v_t = μv_(t−1) + g, v₀ = 0이면 v_t = g(1 − μᵗ)/(1 − μ) → g/(1 − μ)이다: 경사가 일정한 "
        "곳에서 모멘텀(momentum)은 보폭을 1/(1 − μ)배로 키운다(μ = 0.9이면 10배).",
        conventions=("c > 0에 대해 μ = 1/(1 + c)로 써서 0 < μ < 1을 나타낸다.",),
    ),
    "nesterov_lookahead_form": Korean(
        title="앞을 내다본 점에서 계산하는 네스테로프 모멘텀",
        statement="NAG: v ← μv − η∇f(θ + μv), θ ← θ + v. 앞을 내다본 변수 φ = θ + μv로 쓰면 "
        "φ ← φ − η∇f(φ) + μv_new이다: φ에서 평범한 경사 하강을 한 걸음 하고 모멘텀을 더한 꼴이며, "
        "프레임워크가 구현하는 형태가 이것이다.",
    ),
    "adagrad_step_shrinks": Korean(
        title="Adagrad의 보폭은 1/√t처럼 줄어든다",
        statement="기울기 g가 일정하면 Adagrad의 보폭 η·g/√(Σ_(i≤t) g²)은 η/√t이다: 학습을 아무리 오래 "
        "해도 계속 줄어든다 — 노트가 지적하는 단점이다.",
        conventions=("분모의 ε = 0, g > 0으로 둔다(부호는 보폭의 방향만 바꾼다).",),
    ),
    "rmsprop_step_does_not_vanish": Korean(
        title="RMSProp의 보폭은 η로 다가간다: 지수 평균이 Adagrad의 감쇠를 고친다",
        statement="v_t = βv_(t−1) + (1 − β)g², v₀ = 0이면 v_t = (1 − βᵗ)g²이므로 보폭 ηg/√v_t → η이다: "
        "t가 커져도 줄어들지 않는다.",
        conventions=("c > 0에 대해 β = 1/(1 + c)로 써서 0 < β < 1을 나타낸다. ε = 0.",),
    ),
    "adam_without_momentum_is_rmsprop": Korean(
        title="Adam = RMSProp + 모멘텀",
        statement="편향 보정 없이 β₁ = 0(모멘텀 없음)이면 Adam의 보폭 αm/(√v + ε)은 같은 v를 쓰는 RMSProp의 "
        "보폭 αg/(√v + ε)이다: Adam은 RMSProp에 모멘텀(β₁ > 0)과 편향 보정을 더한 것이다.",
    ),
    "adadelta_first_step": Korean(
        title="Adadelta의 첫 보폭은 기울기가 아니라 ε과 ρ가 정한다",
        statement="누적값이 0에서 시작하면 Adadelta의 첫 보폭은 √ε·g/√((1 − ρ)g² + ε)이고, |g|가 크면 그 "
        "크기는 √(ε/(1 − ρ))에 다가간다: Adadelta에는 학습률이 필요 없고, 초반 보폭은 아주 작다.",
        conventions=("c > 0에 대해 ρ = 1/(1 + c)로 써서 0 < ρ < 1을 나타낸다.",),
    ),
    # -- learning-rate schedules ----------------------------------------------------------------------
    "step_lr": Korean(
        title="StepLR은 step_size 에폭마다 학습률에 γ를 곱한다",
        statement="lr_e = lr₀·γ^⌊e/step_size⌋: step_size 에폭 동안 일정하다가 γ배가 된다. 노트의 '매 "
        "스텝'은 옵티마이저 스텝마다가 아니라 step_size 에폭마다라는 뜻이다. 학습률(learning rate) "
        "스케줄러의 가장 단순한 예다.",
        conventions=("명시적인 확인에는 step_size = 3을 쓴다.",),
    ),
    "lambda_lr_not_exponential": Korean(
        title="LambdaLR은 지수 함수가 아니라 에폭의 임의의 함수를 곱한다",
        statement="노트는 LambdaLR이 에폭(epoch)에 따라 "
        "학습률을 지수적으로 낮춘다고 말한다. 지수 스케줄이라면 "
        "비율 lr_(e+1)/lr_e가 일정해야 하는데, 흔히 쓰는 인자 λ(e) = 1/(e + 1)을 쓴 LambdaLR의 비율은 "
        "1/2, 그다음 2/3이다.",
        truth="LambdaLR은 사용자가 넘긴 함수 λ로 lr_e = lr₀·λ(e)를 정한다. 감쇠가 지수적인 것은 "
        "λ(e) = γ^e일 때뿐이고, 그것이 ExponentialLR이 하는 일이다(에폭마다 비율 γ).",
    ),
    "cosine_annealing_lr": Korean(
        title="CosineAnnealingLR: T_max 에폭 동안 η_max에서 η_min으로, 그 뒤로는 주기적",
        statement="η_t = η_min + (η_max − η_min)(1 + cos(πt/T_max))/2는 η_max에서 시작해 t = T_max에서 "
        "η_min에 이르고, 닫힌 형태(closed form)로는 주기 2·T_max로 되풀이된다(T_max 뒤에는 다시 "
        "올라간다).",
    ),
    "cosine_annealing_recursive_form": Korean(
        title="CosineAnnealingLR의 재귀식은 닫힌 형태와 같다",
        statement="PyTorch는 η_(t+1) = η_min + (η_t − η_min)(1 + cos(π(t+1)/T))/(1 + cos(πt/T))로 "
        "갱신한다. t에서 닫힌 형태로 시작하면 이 식은 t + 1에서의 닫힌 형태를 준다.",
        conventions=("cos(πt/T) ≠ −1일 때, 즉 t = T, 3T, …가 아닐 때 성립한다.",),
    ),
    "reduce_lr_on_plateau": Korean(
        title="ReduceLROnPlateau: k번 줄인 뒤의 학습률은 max(lr₀·factorᵏ, min_lr)",
        statement="감시하는 지표가 `patience` 에폭보다 오래 나아지지 않을 때마다 학습률에 factor < 1을 "
        "곱하고 min_lr 아래로는 내리지 않는다. 이를 k번 하면 max(lr₀·factorᵏ, min_lr)이다. 언제 "
        "줄어드는지는 공식이 아니라 지표에 달렸다.",
        conventions=("PyTorch가 요구하는 대로 0 < factor < 1.",),
    ),
    # -- normalisation --------------------------------------------------------------------------------
    "batchnorm_backward": Korean(
        title="배치 정규화의 역전파: ∂L/∂x의 간결한 닫힌 형태",
        statement="배치 정규화(batch normalization)에서 dx = γ/(N√(σ²+ε)) · (N·dy − Σdy − x̂·Σ(dy·x̂))이다. "
        "합은 특성(feature)마다 배치에 걸쳐 취한다.",
        conventions=(
            "편향된 배치 분산(N으로 나눈 분산)을 쓰고, ε은 제곱근 안에 있다.",
            "학습 모드: μ와 σ²는 배치의 함수이므로 함께 미분한다.",
            "샘플이 하나(N = 1)이면 x̂ = 0이고, 어떤 상류 기울기에 대해서도 dx = 0이다.",
        ),
        kernel="행 우선(row-major) (N, D) 데이터를 두 번 훑고, 두 번 모두 행을 연속으로 읽는다. 먼저 행 "
        "블록 단위로 통계를 구하고(스레드마다 나눠 계산한 뒤 정확히 합친다), 그다음 dx를 계산한다.",
    ),
    "batchnorm_param_grads": Korean(
        title="배치 정규화의 역전파: γ와 β의 기울기",
        statement="∂L/∂γ = Σ dy·x̂, ∂L/∂β = Σ dy이다. 합은 특성마다 배치에 걸쳐 취한다.",
    ),
    "batchnorm_forward_statistics": Korean(
        title="배치 정규화한 값의 평균은 0, 분산은 σ²/(σ² + ε)이다",
        statement="배치에 걸쳐 x̂의 평균은 정확히 0이고 분산은 σ²/(σ² + ε)이다 — 나눗셈을 안전하게 하는 "
        "ε만큼을 빼면 '평균 0, 분산 1'이다. 그다음 γ와 β가 크기와 위치를 정한다.",
    ),
    "layernorm_independent_of_batch": Korean(
        title="한 샘플의 층 정규화는 다른 샘플에 의존하지 않는다",
        statement="샘플 a ≠ b에 대해 ∂LN(x_a)/∂x_b = 0이다: 통계를 각 샘플 자신의 특성(마지막 축)에 대해 "
        "구하므로, 층 정규화(layer normalization)는 배치 크기가 얼마든, 1이어도 똑같이 동작한다.",
    ),
    "layernorm_backward": Korean(
        title="마지막 축에 대한 층 정규화의 역전파",
        statement="특성이 D개인 샘플 하나에서 g = γ⊙dy라 하면 dx = (D·g − Σg − x̂·Σ(g x̂)) / "
        "(D√(σ² + ε))이다. dγ와 dβ는 dy·x̂와 dy를 배치에 걸쳐 더한 것이다.",
        conventions=("통계는 마지막 축에 대해, 편향된 분산, ε은 제곱근 안(torch.nn.LayerNorm과 같다).",),
        kernel="행 통계를 스칼라 누산기로 구하고(행마다 두 번 훑는다), dx를 계산한 뒤, dγ와 dβ의 열 합을 "
        "한 번에 합친 패스로 구한다.",
    ),
    # -- structure and preprocessing ------------------------------------------------------------------
    "linear_layers_compose_to_one": Korean(
        title="선형 층을 쌓아도 선형 층 하나다",
        statement="W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂)이다: 사이에 비선형 함수(nonlinear "
        "function)가 없으면 선형 층을 아무리 깊이 쌓아도 아핀 변환 하나를 계산할 뿐이다.",
    ),
    "xor_not_linearly_separable": Korean(
        title="단층 퍼셉트론은 XOR을 계산할 수 없다",
        statement="유닛 step(w₁x₁ + w₂x₂ + b)가 XOR을 계산하려면 b ≤ 0, w₁ + b > 0, w₂ + b > 0, "
        "w₁ + w₂ + b ≤ 0이어야 한다. 그런데 (w₁ + b) + (w₂ + b) − (w₁ + w₂ + b) − b = 0은 항상 성립하고, "
        "그 부등식들은 좌변을 양수로 만든다: 그런 가중치는 없다. XOR은 선형 분리 가능(linearly separable)한 "
        "문제가 아니다.",
    ),
    "xor_two_layer_mlp": Korean(
        title="두 층이면 XOR을 계산한다",
        statement="relu(x₁ + x₂) − 2·relu(x₁ + x₂ − 1)은 (0,0), (0,1), (1,0), (1,1)에서 0, 1, 1, 0이다: "
        "ReLU 두 개로 된 은닉층 하나면 충분하다. 층이 둘인 다층 "
        "퍼셉트론(multilayer perceptron)은 XOR을 계산한다.",
    ),
    "residual_connection_gradient": Korean(
        title="잔차 연결은 야코비안에 항등 행렬을 더한다",
        statement="∂(F(x) + x)/∂x = I + ∂F/∂x이다: 기울기에는 F가 줄일 수 없는 경로가 늘 있고, 그래서 "
        "잔차 연결(residual connection)을 쓴 깊은 신경망은 기울기를 잃지 않는다.",
    ),
    "inverted_dropout_expectation": Korean(
        title="역 드롭아웃은 각 유닛의 기댓값을 유지한다",
        statement="확률 1 − p로 남기고 1/(1 − p)배로 키운 유닛의 기댓값은 (1 − p)·x/(1 − p) + p·0 = x이다: "
        "학습과 테스트의 활성값이 평균적으로 같으므로 테스트 때 아무것도 다시 조정하지 않는다. dropout_rate "
        "p는 각 유닛이 버려질 확률이다. 역 드롭아웃(inverted dropout)이라는 이름은 여기서 나왔다.",
    ),
    "svd_truncation_error": Korean(
        title="특이값 하나를 버리면 정확히 그 제곱만큼 잃는다",
        statement="A = UΣVᵀ와 그 랭크 1 절단 A₁ = σ₁u₁v₁ᵀ에 대해 ‖A − A₁‖_F² = σ₂²이다(일반적으로는 버린 "
        "σᵢ²의 합이다. 에카르트–영 정리에 따르면 랭크 k 행렬 가운데 이보다 나은 것은 없다 — 이 최적성은 "
        "인용할 뿐 여기서 증명하지 않는다). 기호 회전과 기호 특이값(singular value)으로 만든 2×2 행렬로 "
        "보였다.",
    ),
    "svd_right_singular_vectors": Korean(
        title="오른쪽 특이 벡터는 Vᵀ가 아니라 V의 열이다",
        statement="노트는 특이값 분해(singular value decomposition)에서 Vᵀ(n×n, 직교 행렬)의 열이 A의 "
        "오른쪽 특이 벡터라고 말한다. 그렇다면 A·(Vᵀ)[:, 0]이 σ₁u₁과 같아야 하는데, 기호 회전으로 만든 "
        "A = UΣVᵀ에서는 그렇지 않다.",
        truth="오른쪽 특이 벡터 v_i는 V의 열, 즉 Vᵀ의 행이다: A v_i = σ_i u_i.",
    ),
    "zero_centring_and_standardisation": Korean(
        title="평균을 빼고 표준편차로 나누면 평균 0, 분산 1이 된다",
        statement="X −= mean(X, axis=0); X /= std(X, axis=0)을 하고 나면 각 열의 평균은 0, (편향된, NumPy "
        "기본값의) 분산은 1이다 — 상수 열이 아니라면. 0 중심화(zero-centring)와 표준화(standardization)다.",
        conventions=("np.std는 ddof = 0을 쓴다(N으로 나눈다). 상수 열이면 0으로 나누게 된다.",),
    ),
    "pca_decorrelates": Korean(
        title="고유 기저로 회전하면 데이터의 상관이 사라진다",
        statement="공분산이 Σ = UΛUᵀ이면 회전한 데이터 Uᵀx의 공분산은 UᵀΣU = Λ로 대각 행렬이다: 새 좌표들은 "
        "서로 상관이 없다. 주성분 분석(principal component analysis)의 핵심이다.",
    ),
    "whitening_divides_by_sqrt_eigenvalues": Korean(
        title="화이트닝은 고유값의 제곱근으로 나눈다",
        statement="노트는 화이트닝(whitening)이 고유 기저로 옮긴 "
        "데이터의 각 차원을 그 고유값(eigenvalue)으로 "
        "나누어 공분산을 단위 행렬로 만든다고 말한다. 고유값으로 나누면 공분산은 Λ⁻¹UᵀΣUΛ⁻¹ = Λ⁻¹이지 "
        "I가 아니다.",
        truth="화이트닝은 각 고유 좌표를 √λ_i(그 좌표의 표준편차)로 나눈다: Λ^(−1/2)UᵀΣUΛ^(−1/2) = I.",
    ),
    # -- sequence models ------------------------------------------------------------------------------
    "rnn_jacobian": Korean(
        title="tanh RNN의 한 스텝 야코비안",
        statement="순환 신경망(recurrent neural network)에서 ∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh이다: "
        "W_hh의 i번째 행에 tanh′ = 1 − h_{t,i}²를 곱한 것이다.",
        conventions=(
            "h_t는 활성화 함수를 통과한 뒤의 은닉 상태다. 야코비안은 ∂(출력 i)/∂(입력 j)로 배치한다.",
            _DIAG_NOT_ELEMENTWISE,
        ),
        kernel="W_hh의 i번째 행에 1 − h_i²를 곱하고, 이 값은 행마다 한 번만 계산한다.",
    ),
    "rnn_bptt_jacobian": Korean(
        title="시간을 거스르는 야코비안: 한 스텝 야코비안들의 곱",
        statement="∂h_T/∂h_0 = J_T J_{T−1} ⋯ J_1, J_t = diag(1 − h_t²) W_hh이다. 이 곱의 노름은 T에 따라 "
        "기하급수적으로 커지거나 작아지고, 그래서 RNN에서는 기울기 "
        "폭발(exploding gradient)이나 기울기 소실이 "
        "일어난다. 시간 역전파(backpropagation through time)가 곱하는 것이 이 행렬들이다.",
        conventions=("곱의 순서는 J_T가 왼쪽이다(가장 나중 스텝이 먼저).",),
        kernel="단위 행렬에서 시작해 t = 1..T에 대해 P ← diag(1 − h_t²) (W P)를 계산한다. 곱 W P는 i, j, k "
        "순서로 돌아서 가장 안쪽 루프가 P의 행을 연속으로 읽는다.",
    ),
    "lstm_cell_state_gradient": Korean(
        title="LSTM 셀 상태의 야코비안은 망각 게이트다",
        statement="c_t = f_t⊙c_(t−1) + i_t⊙g_t이므로 ∂c_t/∂c_(t−1) = diag(f_t)이다: 망각 게이트(forget "
        "gate)가 f ≈ 1이면 셀 상태(cell state)는 정보(와 기울기)를 시간에 걸쳐 그대로 나른다 — W 행렬도, "
        "tanh′ 인자도 없다.",
        conventions=("핍홀 연결(peephole connection)이 없는 표준 LSTM.",),
    ),
    "gru_hidden_state_gradient": Korean(
        title="GRU의 야코비안에는 직접 경로 diag(z)가 있다",
        statement="h_t = (1 − z)⊙n + z⊙h_(t−1)이므로 ∂h_t/∂h_(t−1) = diag(z) + diag(1 − z)·∂n/∂h + "
        "diag(h_(t−1) − n)·∂z/∂h이다: LSTM의 셀처럼 업데이트 게이트(update gate)가 1에 가까우면 기울기가 "
        "그대로 통과하며, 게이트는 두 개(업데이트 z, 리셋 r)뿐이다.",
        conventions=(
            "n = tanh(W_n(r⊙h_(t−1)) + u_n)이고 입력 항은 u에 넣었다(Cho et al. 2014). PyTorch의 GRU처럼 "
            "z가 이전 상태에 곱해진다.",
        ),
    ),
    # -- attention and Transformers -------------------------------------------------------------------
    "attention_dot_product_variance": Korean(
        title="Var(q·k) = d_k: 어텐션이 √d_k로 나누는 이유",
        statement="q, k의 성분이 서로 독립이고 평균 0, 분산 1이면 Var(q·k) = d_k이다. 점수 q·k/√d_k의 "
        "분산은 1이므로 d_k가 커져도 소프트맥스가 포화되지 않는다. 스케일드 닷-프로덕트 어텐션(scaled "
        "dot-product attention)이 √d_k로 나누는 까닭이다.",
    ),
    "attention_scaled_score_variance": Korean(
        title="스케일한 점수 q·k/√d_k의 분산은 1이다",
        statement="성분이 서로 독립이고 분산이 1이면 d_k가 무엇이든 Var(q·k/√d_k) = 1이다.",
    ),
    "self_attention_sees_all_positions": Korean(
        title="마스크 없는 셀프 어텐션은 뒤쪽 위치도 본다",
        statement="노트는 셀프 어텐션(self-attention)이 현재 위치 앞의 단어들을 본다고 말한다. 마스크가 "
        "없으면 위치 0이 위치 1에 주는 가중치는 e^(s₀₁)/(e^(s₀₀) + e^(s₀₁))이고, 0이 아니다.",
        truth="인코더의 셀프 어텐션은 앞뒤 모든 위치에 가중치를 준다(가중치는 모두 양수다). 나중 위치의 "
        "점수에 −∞를 더하는 디코더의 마스크드 셀프 어텐션만이 단어를 그 앞의 단어들로 제한한다.",
    ),
    "self_attention_example_score": Korean(
        title="예제: 'I'와 자기 자신의 점수는 0.26이 아니라 0.46이다",
        statement="노트는 'I' = [0.2, 0.1, 0.5, 0.4]와 자기 자신의 Q·Kᵀ를 0.26으로 계산한다.",
        truth="0.2² + 0.1² + 0.5² + 0.4² = 0.04 + 0.01 + 0.25 + 0.16 = 0.46이다.",
    ),
    "self_attention_example_softmax": Korean(
        title="예제: 점수 하나의 소프트맥스는 1이다 — 어텐션 가중치는 모든 키에서 나온다",
        statement="노트는 'I'와 자기 자신의 점수 하나에만 소프트맥스를 적용해 어텐션 가중치 0.58을 얻는다.",
        truth="숫자 하나의 소프트맥스는 언제나 1이다. 'I'의 어텐션은 네 단어 모두와의 점수를 "
        "1/√d_k = 1/2로 스케일한 뒤 소프트맥스를 취한다: I, love, artificial, intelligence에 대한 가중치는 "
        "약 [0.23, 0.26, 0.26, 0.25]이다(출력 Σ αⱼvⱼ ≈ [0.53, 0.38, 0.43, 0.63]).",
    ),
    "self_attention_example_output": Korean(
        title="예제: 노트가 곱한 대로 'I'에 대한 0.58·v",
        statement="노트의 마지막 단계 0.58·[0.2, 0.1, 0.5, 0.4] = [0.116, 0.058, 0.29, 0.232]는 계산 "
        "자체로는 맞다(곱한 가중치가 틀렸을 뿐이다. self_attention_example_softmax 참고).",
    ),
    "positional_encoding": Korean(
        title="사인파 포지셔널 인코딩",
        statement="포지셔널 인코딩(positional encoding)은 PE(pos, 2i) = sin(pos/10000^(2i/d_model)), "
        "PE(pos, 2i+1) = cos(pos/10000^(2i/d_model))이다. 커널의 식 하나(주파수 "
        "10000^(−(j − j mod 2)/d_model), 짝수 j는 sin, 홀수 j는 cos)가 두 식을 모두 담는다.",
        conventions=(
            "위치는 0부터 센다(첫 토큰이 pos = 0). symdl.kernels.positional_encoding과 같고, 노트의 예제는 "
            "1부터 센다.",
        ),
        kernel="열마다 주파수를 한 번만 계산하고, 그다음 pos·주파수의 sin 또는 cos를 구한다.",
    ),
    "positional_encoding_relative_shift": Korean(
        title="위치를 k만큼 옮기면 각 (sin, cos) 쌍이 일정한 각도만큼 회전한다",
        statement="[sin(a(p + k)), cos(a(p + k))] = R(ak)·[sin(ap), cos(ap)]이고, 회전 R은 오프셋 k에만 "
        "의존한다: 선형 변환 하나로 인코딩에서 상대 위치를 읽어 낼 수 있다.",
    ),
    "positional_encoding_example_odd_dimension": Korean(
        title="예제: 1번 차원은 10000^(1/4)가 아니라 10000^(0/4)를 쓴다",
        statement="노트는 pos = 1..4에 대해 PE(pos, 1) = cos(pos/10000^(1/4)) ≈ cos(pos)라 쓰고 0.54, "
        "−0.42, −0.99, −0.65를 얻는다.",
        truth="1번 차원은 i = 0인 2i + 1이므로 지수는 2i/d_model = 0이다: PE(pos, 1) = cos(pos)이고 노트의 "
        "숫자는 맞다. 노트가 적은 식 cos(pos/10000^(1/4)) = cos(pos/10)은 약 0.995, 0.980, 0.955, "
        "0.921이다.",
    ),
    "positional_encoding_example_vectors": Korean(
        title="예제: 노트가 더하는 인코딩은 PE의 행이 아니다",
        statement="노트는 d_model = 4인 임베딩에서 위치 1–4의 단어에 [0.84, 0.54, 0.91, −0.42], "
        "[0.91, −0.42, 0.14, −0.99], 그리고 (두 번) [−0.76, −0.65, 1.15, −0.72]를 더한다.",
        truth="한 행은 한 위치의 PE다: 2, 3번 차원은 주파수 1/10000^(2/4) = 1/100을 쓰므로 PE(1) = "
        "[sin 1, cos 1, sin 0.01, cos 0.01] ≈ [0.84, 0.54, 0.01, 1.00]이다. 노트의 행은 서로 다른 두 "
        "위치의 0–1번 차원을 나란히 붙였고, 위치 3과 4에 같은 인코딩을 주며, 사인이나 코사인이 가질 수 없는 "
        "1.15를 담고 있다. 위치를 0부터 세면 'I'는 PE(0) = [0, 1, 0, 1]을 받는다.",
    ),
    "positional_encoding_example_sums": Korean(
        title="예제: 노트의 덧셈은 계산 자체로는 맞다",
        statement="네 단어 모두에서 단어 벡터 + 노트의 인코딩 행 = 노트의 결과다(예: [0.2, 0.1, 0.5, 0.4] + "
        "[0.84, 0.54, 0.91, −0.42] ≈ [1.04, 0.64, 1.41, −0.02]).",
    ),
    "softmax_regression_vector_softmax": Korean(
        title="소프트맥스는 로짓 하나하나가 아니라 로짓 벡터 전체에 적용한다",
        statement="노트는 세 클래스 각각에 대해 o_k = softmax(x·w_k + b_k)라 쓰고 Σ o_k = 1이라 한다. 숫자 "
        "하나의 소프트맥스는 e^o/e^o = 1이므로 그 합은 3이다.",
        truth="먼저 로짓 o = Wx + b를 계산하고 벡터 전체에 소프트맥스를 적용한다: ŷ = softmax(o)이고 그 "
        "성분의 합이 1이다(노트의 두 번째, 벡터 형태가 맞다).",
    ),
    # -- training arithmetic --------------------------------------------------------------------------
    "steps_worked_example": Korean(
        title="예제: 샘플 1000개, 배치 100, 10 에폭이면 100 스텝",
        statement="10 에폭 × (1000/100) 배치 = 옵티마이저 스텝 100번.",
    ),
    "steps_per_training_run": Korean(
        title="스텝 수 = 에폭 × ⌈N / 배치 크기⌉",
        statement="노트의 규칙 steps = epochs × (data / batch_size)는 샘플 1000개를 배치 300으로 나누면 "
        "10 × 1000/300 = 33.3 스텝을 준다.",
        truth="스텝은 배치(batch) 하나이고, 마지막의 짧은 배치도 (버리지 않는 한) 한 스텝이다: "
        "steps = epochs × ⌈N/batch_size⌉, 여기서는 10 × 4 = 40이다. 노트의 곱은 batch_size가 N을 "
        "나누어떨어뜨릴 때만 맞고, 노트 자신의 예제가 그런 경우다.",
    ),
}
