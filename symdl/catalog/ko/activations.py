"""The records of :mod:`symdl.catalog.activations` in Korean (sigmoid, tanh and the ReLU family)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
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
        kernel="q = exp(−2|x|) ≤ 1로 두고 tanh′ = sech² = 4q/(1 + q)² = 4q/(1 + q(2 + q))로 계산한다. "
        "1 − tanh²는 |x| ≳ 19에서 상쇄되어 0이 되지만, 이 형태는 언더플로할 때까지 상대 정확도를 그대로 "
        "유지한다. exp는 정확한 인자로 한 번만 계산한다: 2|x|는 두 배일 뿐이라 반올림 없이 정확하고, |x|가 "
        "부동소수점 최댓값 근처이면 inf가 되어 q = 0인데, 이것이 맞는 답이다. (1 + q)²는 전개해서 반올림이 "
        "덧셈 한 번의 것만 남게 했다: 120k개 점을 훑어 본 최대 오차는 2.2 ulp였다(예전처럼 exp(−|x|)를 "
        "제곱하면 5.5까지 나왔다).",
    ),
    "tanh_derivative_bound": Korean(
        title="tanh의 기울기는 1 이하다",
        statement="1 − tanh′(x) = tanh²(x) ≥ 0이므로 tanh′ ≤ 1이고, 등호는 x = 0에서만 성립한다: tanh "
        "유닛을 여러 개 거치면서 기울기의 크기를 지킬 수 있는 것은 입력이 0 근처에 머무는 곳뿐이다.",
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
        statement="x → ∞일 때와 x → −∞일 때 모두 σ′(x) → 0이다: 포화(saturation)된 유닛은 기울기를 거의 "
        "전달하지 못한다.",
    ),
    "sigmoid_weight_gradients_share_a_sign": Korean(
        title="입력이 모두 양수이면 한 예제의 가중치 기울기는 모두 δ의 부호를 갖는다",
        statement="모든 입력이 x_i > 0이고 위에서 온 기울기가 δ ≠ 0인 한 예제에서 fan-in n이 얼마든 모든 i에 "
        "대해 δ·∂L/∂w_i = δ²·σ′(z)·x_i > 0이다: 가중치 기울기가 모두 δ의 부호를 가지므로 한 스텝에서 모든 "
        "가중치가 같은 쪽으로 움직인다(노트의 지그재그). 미니배치에서는 예제마다 δ의 부호가 달라 합한 "
        "기울기가 그럴 필요가 없다(minibatch_weight_gradients_can_mix).",
    ),
    "minibatch_weight_gradients_can_mix": Korean(
        title="미니배치에서는 가중치 기울기의 부호가 같지 않을 수 있다",
        statement="입력이 양수인 두 예제 x¹ = (1, 2), x² = (3, 1)과 위에서 온 기울기 δ = +1, −1, w = 0, b = 0"
        "(σ′(0) = 1/4)에서 합한 가중치 기울기는 (−1/2, 1/4)로, 성분의 부호가 서로 다르다. '가중치가 한 "
        "방향으로만 움직인다'는 예제 하나에서는 맞고(sigmoid_weight_gradients_share_a_sign) 미니배치 한 "
        "스텝에서는 아니다(노트의 표현에 대한 판단이 필요한 부분).",
        shown_for="예제 두 개로 된 미니배치 하나",
    ),
    "tanh_saturates": Korean(
        title="입력이 크면 부호와 상관없이 tanh의 기울기가 사라진다",
        statement="x → ∞일 때와 x → −∞일 때 모두 tanh′(x) → 0이다: 0을 중심으로 한다고 해서 tanh가 "
        "시그모이드의 포화를 피하지는 못한다(tanh(x) = 2σ(2x) − 1, tanh_scaled_sigmoid). 노트가 tanh도 "
        "여전히 기울기 소실을 겪는다고 말하는 까닭이다. 포화는 원인 가운데 하나일 뿐이고, 깊은 신경망의 "
        "기울기를 줄이는 것은 층들의 기울기의 곱이다(sigmoid_chain_gradient_bound).",
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
    "tanh_range_open": Korean(
        title="tanh는 ±1에 닿지 않는다: 치역은 [−1, 1]이 아니라 (−1, 1)이다",
        statement="노트는 tanh의 출력 범위를 닫힌 구간 [−1, 1]로 적는다. 그러면 ±1도 tanh가 실제로 내는 "
        "값이어야 한다. SymPy가 tanh의 임계점과 극한으로 계산한 치역은 열린 구간이다.",
        truth="모든 실수 x에서 |tanh x| < 1이다: 1 − tanh²x = 4/(eˣ + e⁻ˣ)² > 0이므로 tanh x = ±1에는 해가 "
        "없고, tanh x는 x → ±∞일 때 ±1에 다가갈 뿐이다. 치역은 열린 구간 (−1, 1)이다. 시그모이드의 치역이 "
        "(0, 1)인 것과 같다.",
    ),
    "sigmoid_vanishing_multiplies_slopes": Korean(
        title="역전파가 곱하는 것은 시그모이드의 값이 아니라 기울기(1/4 이하)다",
        statement="노트는 기울기 소실을, 0과 1 사이에 있는 시그모이드의 값이 거듭 곱해지기 때문이라고 "
        "설명한다. 이를 역전파가 곱하는 값에 대한 말로 읽으면, 시그모이드 두 개를 쌓았을 때 기울기는 "
        "σ(σ(x))·σ(x)가 된다.",
        truth="역전파는 시그모이드마다 그 기울기 σ′(z) = σ(z)(1 − σ(z))를 곱하고, 이 값은 1/4 이하다"
        "(sigmoid_derivative_bound). 시그모이드 두 개를 쌓으면 기울기는 σ′(σ(x))·σ′(x)이고, L개를 쌓으면 "
        "기울기는 많아야 4^(−L)배가 된다(sigmoid_chain_gradient_bound, 모든 L에 대해 증명). 값만 곱해서는 "
        "사라지지 않는다: σ(5)^10 ≈ 0.935이지만 σ′(5)^10 ≈ 1.7·10⁻²²이다.",
    ),
    "sigmoid_chain_gradient_bound": Korean(
        title="시그모이드 L개를 거치면 기울기는 4^L분의 1 이하로 줄어든다",
        statement="입력이 z_1, …, z_L인 시그모이드 유닛 L개를 거치며 역전파는 기울기 σ′(z_1)⋯σ′(z_L)을 "
        "곱한다. 각각이 1/4 이하이므로, 입력이 무엇이든 모든 L에 대해 곱은 4^(−L) 이하다(L = 10이면 "
        "10⁻⁶보다 작다).",
        conventions=(
            "활성화 함수의 인자만 다룬다. 층 사이의 가중치도 기울기에 곱해지며, 줄어드는 것을 상쇄할 수도 "
            "있고 더 키울 수도 있다.",
        ),
        hypothesis="처음 L개 층의 곱 P는 4^(−L) 이하다. 층 L + 1은 여기에 기울기 σ′(z) > 0을 곱하므로 곱은 "
        "P에 대해 증가하고, σ′(z)·4^(−L) ≤ 4^(−(L + 1))이다",
    ),
    "sigmoid_not_zero_centred_gradients": Korean(
        title="입력이 모두 양수이면 가중치 기울기의 부호가 모두 같다",
        statement="상류 기울기(upstream gradient) δ를 받는 유닛 σ(wᵀx + b)에서 ∂L/∂w = δ·σ′(z)·x이다. "
        "σ′ > 0이므로 모든 입력 x_i가 양수이면(예: 앞 시그모이드 층의 출력) 모든 가중치(weight) 기울기가 "
        "δ와 같은 부호를 가진다. 그래서 가중치는 다 함께 커지거나 다 함께 작아질 수밖에 없다.",
    ),
    "relu_derivative": Korean(
        title="ReLU의 도함수: 양수 입력에서 1, 음수 입력에서 0",
        statement="x > 0이면 relu′(x) = 1, x < 0이면 0이다. 양수 입력에서는 포화되지 않아 기울기 소실이 "
        "없고, 입력이 계속 음수인 유닛은 기울기를 전혀 받지 못한다 — 죽은 ReLU(dead ReLU)다.",
        conventions=(
            "relu′(0)은 PyTorch와 JAX처럼 0으로 둔다. 0에서 도함수는 존재하지 않는다"
            "(relu_not_differentiable_at_zero 참고).",
        ),
        kernel="x > 0이면 1, 아니면 0이다(꺾이는 점 0에서도 PyTorch처럼 0). 모든 부동소수점 수에서 정확하고, "
        "NaN에는 PyTorch의 threshold_backward처럼 0을 준다.",
    ),
    "relu_not_differentiable_at_zero": Korean(
        title="ReLU는 0에서 미분할 수 없다",
        statement="0에서 ReLU의 한쪽 기울기는 오른쪽에서 1, 왼쪽에서 0이다. 둘이 1만큼 다르므로 relu′(0)은 "
        "존재하지 않고, 프레임워크는 관례(convention)로 값을 정한다.",
    ),
    "relu_output_nonnegative": Korean(
        title="ReLU의 출력은 음수가 되지 않으므로 0 중심이 아니다",
        statement="모든 실수 x에서 relu(x) = max(0, x) ≥ 0이다: ReLU의 출력은 음수가 되지 않으므로 tanh와 "
        "달리 0을 중심으로 놓일 수 없다(입력이 늘 음수인 경우가 아니면 평균은 양수다).",
    ),
    "relu_needs_no_exponential": Korean(
        title="ReLU와 그 기울기에는 지수 함수가 필요 없고, 시그모이드와 그 기울기에는 하나씩 필요하다",
        statement="relu(x) = max(0, x)와 relu′는 비교 한 번씩이고 지수 함수가 없다. σ(x)와 σ′(x)는 저마다 "
        "e^(−x)를 하나 계산한다 — 노트의 '연산이 효율적임'과 'exp() 계산이 어렵다'를 연산의 개수로 센 "
        "것이다(기계에 따라 달라지는 실행 시간이 아니다).",
    ),
    "dead_relu_negative_input": Korean(
        title="죽은 ReLU는 출력이 아니라 입력이 음수인 유닛이다",
        statement="노트는 ReLU 유닛이 출력이 음수일 때 포화된다고(기울기가 0이 된다고) 말한다. 이를 "
        "출력이 음수인 곳에서 정확히 0이고 그 밖에서는 1인 기울기로 적었다.",
        conventions=("relu′(0)은 PyTorch처럼 0으로 둔다(relu_derivative 참고).",),
        truth="ReLU의 출력 max(0, x)는 음수가 되지 않으므로(relu_output_nonnegative) 노트의 조건은 일어나지 "
        "않는다. 기울기가 0인 곳은 *입력*이 음수인 곳이다: 입력이 계속 음수인 유닛은 0을 출력하고 기울기를 "
        "전혀 전달하지 않아 학습을 멈춘다. 노트가 바로 다음에 설명하는 dying ReLU가 이것이다.",
    ),
    "leaky_relu_derivative": Korean(
        title="Leaky ReLU는 음수 입력에서도 기울기 α를 남긴다",
        statement="x > 0이면 LeakyReLU′(x) = 1, x < 0이면 α이다(α > 0은 하이퍼파라미터"
        "(hyperparameter)). 기울기가 사라지지 않으므로 유닛이 죽지 않는다.",
        conventions=(
            "0에서는 식이 α를 준다(x > 0 쪽 가지는 0을 포함하지 않는다). PyTorch의 leaky_relu 역전파도 "
            "같은 값을 준다. α ≠ 1이면 0에서 도함수는 존재하지 않는다.",
        ),
        kernel="x > 0이면 1, 아니면 음수 쪽 기울기 α다(0에서도 PyTorch처럼 α). 모든 부동소수점 수에서 "
        "정확하다.",
    ),
    "elu_derivative": Korean(
        title="음수 입력에서 ELU의 도함수는 ELU(x) + α다",
        statement="x > 0이면 ELU′(x) = 1, x < 0이면 αeˣ = ELU(x) + α이다. 음수 쪽은 −α를 향해 부드럽게 "
        "포화되고, 도함수는 순전파(forward pass) 값을 다시 쓴다.",
        conventions=("0에서는 식이 왼쪽 가지의 값 α를 준다. PyTorch의 elu 역전파도 같은 값을 준다.",),
        kernel="x > 0이면 1, 아니면 α·eˣ(이쪽에서는 오버플로하지 않는다)이다: 입력의 exp를 한 번 계산한다.",
    ),
    "elu_saturates_at_minus_alpha": Korean(
        title="ELU의 음수 쪽은 −α에서 평평해진다",
        statement="x < 0에서 ELU(x) = α(eˣ − 1)은 x → −∞일 때 −α로 가고 기울기 αeˣ는 0으로 간다: 큰 음수 "
        "입력은 모두 거의 −α를 준다 — 노트가 잡음에 강하다고 하는 포화다 — 그리고 ReLU와 달리 평균 출력이 "
        "0보다 아래에 있을 수 있다.",
    ),
    "gelu_derivative": Korean(
        title="GELU의 도함수",
        statement="Φ를 표준 정규 분포의 누적 분포 함수(cumulative distribution "
        "function), φ를 그 밀도라 하면 GELU(x) = xΦ(x)이고 "
        "GELU′(x) = Φ(x) + xφ(x)이다.",
        conventions=("정확한 가우스 누적 분포 함수를 erf로 쓴 GELU다. tanh 근사식이 아니다.",),
        kernel="Φ(x)는 생성된 normal_cdf64로 계산한다. x ≤ 0에서는 ½e^(−x²/2)·erfcx(−x/√2)로 계산하고 "
        "(1 + erf(x/√2))/2로는 계산하지 않는다. 뒤의 식은 x ≪ 0에서 상쇄되어 0이 된다(Φ(−10) ≈ 7.6e-24가 "
        "사라진다). x > 0에서는 1 − Φ(−x)다. exp(−x²/2)는 x²를 두 부분으로 정확히 나눠 계산한다(x²의 "
        "반올림 하나만으로 x = −37에서 430 ulp의 오차가 났다). 두 보조 함수 모두 벡터화되지만, libm의 "
        "erfc는 원소마다 한 번씩 호출된다.",
    ),
}
