"""The records of :mod:`symdl.catalog.softmax` in Korean."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "softmax_sums_to_one": Korean(
        title="소프트맥스의 출력은 확률 분포다",
        statement="Σ_i softmax(z)_i = 1이고, 각 성분 e^(z_i)/Σ_j e^(z_j)는 양수다.",
        steps=(
            "분모 S는 i와 무관하므로 합 밖으로 꺼낸다",
            "남은 분자 Σ_i e^(z_i)가 S와 똑같다",
        ),
    ),
    "softmax_keeps_order_not_a_hard_max": Korean(
        title="소프트맥스는 로짓의 순서를 지키지만 딱딱한 최댓값은 아니다",
        statement="노트는 출력 하나가 가장 큰 값을 갖고 나머지는 작게 남는다고 말한다. 클래스 수 n이 얼마든 "
        "성립하는 것은 p_i/p_j = e^(z_i − z_j)이다: 로짓이 큰 쪽이 언제나 더 큰 확률을 받고, 얼마나 "
        "두드러지는지는 차이 z_i − z_j에만 달렸다. 나머지를 작게 만드는 것은 없다: 로짓이 모두 같으면 모든 "
        "클래스가 1/n을 받는다(노트의 표현에 대한 판단이 필요한 부분).",
        conventions=(
            "모든 k에서 로짓이 z_k = c로 같으면 각 p_k = e^c/(n·e^c) = 1/n이다(softmax_equal_logits).",
        ),
    ),
    "softmax_equal_logits": Korean(
        title="로짓이 모두 같으면 균등 분포 1/n이 된다",
        statement="모든 로짓이 c로 같으면 n이 얼마든 소프트맥스의 각 출력은 e^c/(n·e^c) = 1/n이다: "
        "소프트맥스는 부드러운 최댓값이고, 로짓이 다르지 않은 곳에서는 어떤 출력도 두드러지지 않는다.",
    ),
    "softmax_two_classes_is_sigmoid": Korean(
        title="두 클래스의 소프트맥스는 로짓 차이의 시그모이드다",
        statement="softmax(z₁, z₂)₁ = e^(z₁)/(e^(z₁) + e^(z₂)) = σ(z₁ − z₂)이다. 따라서 클래스가 K = 2개인 "
        "범주형 교차 엔트로피는 로짓 z₁ − z₂에 대한 이진 교차 엔트로피다: 노트는 범주형 교차 엔트로피를 세 "
        "클래스 이상에 쓴다고 하지만, K = 2에서도 로짓 하나가 군더더기일 뿐 같은 손실이다(노트의 표현에 대한 "
        "판단이 필요한 부분).",
    ),
    "softmax_shift_invariance": Korean(
        title="모든 로짓에 같은 상수를 더해도 소프트맥스는 그대로다",
        statement="임의의 상수 c에 대해 softmax(z + c) = softmax(z)이다. 그래서 커널은 먼저 max(z)를 뺀다: "
        "확률은 같고 오버플로는 없다.",
        steps=(
            "e^(z + c) = e^c·e^z로 나누고, 분모에서는 e^c를 합 밖으로 꺼낸다",
            "분자와 분모의 e^c가 약분된다",
        ),
    ),
    "softmax_positive": Korean(
        title="소프트맥스 확률은 모두 양수다",
        statement="실수 로짓(logit)이 무엇이든, 클래스가 몇 개이든 e^(z_i)/Σ_j e^(z_j) > 0이다: "
        "소프트맥스는 정확히 0인 확률을 주지 않는다.",
        conventions=(
            "정확한 산술에서 양수라는 뜻이다. 부동소수점에서는 아주 작은 확률이 언더플로(underflow)로 0이 "
            "될 수 있다.",
        ),
    ),
    "softmax_jacobian": Korean(
        title="소프트맥스의 야코비안은 diag(p) − ppᵀ다",
        statement="∂p_i/∂z_j = p_i(δ_ij − p_j), 즉 야코비안(Jacobian) J = diag(p) − ppᵀ이다. 어텐션의 "
        "역전파가 곱하는 행렬이 바로 이것이다.",
        steps=(
            "e^(z_i)/S에 몫의 미분법을 쓴다: ∂e^(z_i)/∂z_j = e^(z_i)·δ_ij",
            "∂S/∂z_j = Σ_k e^(z_k)·δ_kj = e^(z_j)",
            "e^(z_i)/S를 p_i로, e^(z_j)/S를 p_j로 바꿔 쓴다",
            "p_i로 묶는다: 성분별로 쓴 diag(p) − ppᵀ",
        ),
        kernel="행을 한 번 훑는 동안 행마다 최댓값을 구하고, exp(z − max)를 출력에 쓰고, 그 합을 구한 뒤 "
        "나눈다. exp는 오버플로하지 않고 원소마다 한 번만 계산되며, 가장 큰 항은 정확히 1이다.",
    ),
}
