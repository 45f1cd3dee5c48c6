"""The records of :mod:`symdl.catalog.losses` in Korean (losses, likelihood, bias and variance)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
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
        steps=(
            "미분은 합의 각 항에 따로 적용된다(선형성)",
            "log p_k = z_k − log S이므로 ∂ log p_k/∂z_j = δ_kj − p_j",
            "Σ_k y_k δ_kj = y_j이고, k와 무관한 p_j는 합 밖으로 나온다",
            "목표의 합이 1이다",
        ),
    ),
    "softmax_cross_entropy_grad_onehot": Korean(
        title="정수 레이블에 대한 소프트맥스-교차 엔트로피 기울기",
        statement="클래스 레이블이 정수이면 목표는 원-핫(one-hot)이고, 배치 평균을 취하지 않은 손실 "
        "−log softmax(z)_label의 기울기는 행마다 softmax(z) − onehot(label)이다.",
        conventions=("c는 정수 클래스 레이블이다(여기서는 1..n, 커널에서는 0부터 센다).",),
        steps=(
            "양수끼리의 몫에 로그를 취한다: −log p_c = −z_c + log S",
            "∂z_c/∂z_j = δ_cj이고 log S의 미분은 (∂S)/S이다",
            "∂S/∂z_j = e^(z_j)",
            "e^(z_j)/S = p_j: 소프트맥스에서 원-핫 레이블을 뺀 것",
        ),
        kernel="행마다 최댓값을 뺀 소프트맥스(exp는 원소마다 한 번, 출력에 쓴 뒤 행의 합으로 나눔)를 "
        "계산하고 레이블 위치에서 1을 뺀다. 오버플로하지 않으며, 확률이 0으로 반올림되는 레이블에서도 "
        "정확히 0 − 1이 된다.",
    ),
    "cross_entropy_convex_in_logits": Korean(
        title="교차 엔트로피는 로짓에 대해 볼록하다",
        statement="소프트맥스 교차 엔트로피를 로짓으로 두 번 미분한 헤세 행렬(Hessian)은 diag(p) − ppᵀ이고, "
        "v̄ = Σ_j p_j v_j로 두면 vᵀ(diag(p) − ppᵀ)v = Σ_i p_i (v_i − v̄)² ≥ 0이다. 이는 공분산"
        "(covariance)이므로 클래스가 몇 개이든 모든 방향 v에 대해 양의 준정부호(positive "
        "semi-definite)이고, 따라서 교차 엔트로피는 로짓의 함수로서 볼록(convex)하다.",
        steps=(
            "헤세 행렬: ∂²L/∂z_i∂z_j = ∂p_j/∂z_i = p_i δ_ij − p_i p_j(softmax_jacobian), 즉 diag(p) − ppᵀ",
            "δ_ij 항은 j = i만 남기고, 나머지 항은 (Σ_i p_i v_i)²으로 인수분해된다",
            "제곱을 전개하면 Σ p_i v_i² − 2v̄·Σ p_i v_i + v̄²·Σ p_i이고, Σ p_i = 1이다",
        ),
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
    "cross_entropy_penalises_confident_mistakes": Korean(
        title="교차 엔트로피의 벌점 −log p는 p가 커지면 줄고, 위로 끝이 없다",
        statement="모델이 정답 클래스에 준 확률이 p이면 교차 엔트로피는 −log p이다: 기울기 −1/p는 음수이고"
        "(더 나은 예측은 언제나 덜 비싸다) p → 0이면 끝없이 커진다. 그래서 확신에 찬 틀린 예측은 맞는 "
        "예측보다 훨씬 비싸다 — 노트의 '올바른 예측보다 부정확한 예측에 더 많은 벌점을 부과한다'.",
    ),
    "bce_treats_both_errors_alike": Korean(
        title="가중치 없는 교차 엔트로피는 놓친 양성과 거짓 경보를 똑같이 다룬다",
        statement="노트는 교차 엔트로피가 올바른 예측보다 틀린 예측에 더 큰 벌점을 주므로, 거짓 긍정과 거짓 "
        "부정의 비용이 다른 분류 작업에 유용하다고 말한다. 뒷부분은 판단이 필요하다: 여기서는 교차 "
        "엔트로피 자체가 두 오류를 다르게 잰다는 뜻으로 읽는다 — 확률 p로 예측한 양성과, 음성일 확률을 "
        "1 − p로 준 음성의 비용이 달라야 한다.",
        truth="가중치 없는 이진 교차 엔트로피는 대칭이다: BCE(y, p) = BCE(1 − y, 1 − p)이므로 같은 확신으로 "
        "저지른 두 오류는 모두 −log p의 비용이 든다 — 두 오류의 차이를 전혀 담지 않는다. 비용이 다르면 "
        "클래스 가중치(예: PyTorch의 pos_weight)나 그에 맞춰 고른 결정 임계값이 필요하다. 문장의 앞부분은 "
        "옳다(cross_entropy_penalises_confident_mistakes).",
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
    "cross_entropy_log_sum_exp": Korean(
        title="소프트맥스의 교차 엔트로피: 어떤 이동 m에 대해서도 m + log Σ e^(z_j − m) − z_c",
        statement="모든 실수 m과 임의의 클래스 개수에 대해 −log softmax(z)_c = m + log Σ_j e^(z_j − m) − z_c"
        "이다. m = max(z)로 두면 어떤 지수도 오버플로하지 않고 가장 큰 항은 정확히 1이다. 그래서 교과서 식 "
        "−log(e^(z_c)/Σ e^(z_j))가 inf나 nan을 내는 ±10⁴ 크기의 로짓에서도 손실이 유한하고 정확하다.",
        kernel="행마다 최댓값, Σ exp(z − max)(가장 큰 항은 정확히 1), 레이블의 로짓을 구한 뒤 "
        "max − z_label + log Σ를 계산한다: 로짓이 유한하면 손실도 언제나 유한하고, exp는 원소마다 한 번이다.",
    ),
}
