"""The records of :mod:`symdl.catalog.normalization` in Korean (batch and layer normalisation)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "batchnorm_backward": Korean(
        title="배치 정규화의 역전파: ∂L/∂x의 간결한 닫힌 형태",
        statement="배치 정규화(batch normalization)에서 dx = γ/(N√(σ²+ε)) · (N·dy − Σdy − x̂·Σ(dy·x̂))이다. "
        "합은 특성(feature)마다 배치에 걸쳐 취한다. 노트는 순전파 절차를 말로 설명하고, 이 식은 그 "
        "역전파다.",
        conventions=(
            "편향된 배치 분산(N으로 나눈 분산)을 쓰고, ε은 제곱근 안에 있다.",
            "학습 모드: μ와 σ²는 배치의 함수이므로 함께 미분한다.",
            "샘플이 하나(N = 1)이면 x̂ = 0이고, 어떤 상류 기울기에 대해서도 dx = 0이다.",
        ),
        steps=(
            "y_i = γx̂_i + β를 거치는 연쇄 법칙: x에 의존하는 것은 x̂뿐이다",
            "x̂_i = (x_i − μ)/√(σ² + ε)에 몫의 미분법을 쓴다: μ를 거치는 경로와 σ²를 거치는 경로, 두 갈래가 "
            "생긴다",
            "∂μ/∂x_k = 1/N이고, 편차 x_j − μ의 합이 0이므로 ∂σ²/∂x_k = 2(x_k − μ)/N이다",
            "Σ_i dy_i δ_ik = dy_k이고, i와 무관한 인자는 합 밖으로 나온다",
            "(x − μ)/√(σ² + ε)를 x̂로 쓰고 1/(N√(σ² + ε))로 묶으면 간결한 형태가 된다",
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
        conventions=(
            "Var는 배치 자신의 (편향된) 분산, 곧 제곱의 평균에서 평균의 제곱을 뺀 값이다.",
            "커널은 y와 배치 평균, 편향된 분산을 돌려준다(학습 모드: training=True인 "
            "torch.nn.functional.batch_norm이 쓰는 값들이다).",
        ),
        kernel="열 평균과 중심화한 분산을 행 블록 단위로 한 번 훑어 구하고(역전파 커널처럼 블록마다 구한 "
        "합을 합친 평균 기준으로 옮겨 정확히 합친다), 두 번째로 훑으면서 y를 계산한다.",
    ),
    "layernorm_independent_of_batch": Korean(
        title="한 샘플의 층 정규화는 다른 샘플에 의존하지 않는다",
        statement="샘플 a ≠ b에 대해 ∂LN(x_a)_i/∂x_{b,k} = 0이다: 통계를 각 샘플 자신의 특성(마지막 축)에 "
        "대해 구하므로, 층 정규화(layer normalization)는 배치 크기가 얼마든, 1이어도 똑같이 동작한다.",
    ),
    "layernorm_computes_statistics": Korean(
        title="층 정규화도 평균과 분산을 계산한다, 테스트 때처럼 학습 때도",
        statement="노트는 층 정규화가 배치 정규화와 달리 학습 중에 평균과 분산을 구할 필요가 없어서 더 "
        "빨리 학습된다고 말한다. 입력의 통계를 전혀 계산하지 않는 정규화라면 각 특성에 따로 작용한다: "
        "특성 i ≠ k에 대해 ∂x̂_i/∂x_k = 0.",
        conventions=("통계는 마지막 축에 대해, 편향된 분산, ε은 제곱근 안에 둔다.",),
        truth="층 정규화는 학습 때도 테스트 때도 각 샘플의 특성 D개에 대한 평균과 분산을 계산하므로, 모든 "
        "x̂_i는 그 샘플의 모든 특성에 의존한다: i ≠ k이면 ∂x̂_i/∂x_k = −(1 + x̂_i x̂_k)/(D√(σ² + ε)). "
        "세어 보면 배치 정규화(특성마다, 샘플 N개에 대해)와 층 정규화(샘플마다, 특성 D개에 대해)는 둘 다 "
        "N·D개의 성분 전체를 두 번, 평균에 한 번 분산에 한 번 축약한다. 층 정규화에 필요 없는 것은 추론용 "
        "이동 평균과 배치에 대한 의존이다(layernorm_independent_of_batch).",
    ),
    "layernorm_backward": Korean(
        title="마지막 축에 대한 층 정규화의 역전파",
        statement="특성이 D개인 샘플 하나에서 g = γ⊙dy라 하면 dx = (D·g − Σg − x̂·Σ(g x̂)) / "
        "(D√(σ² + ε))이다. dγ와 dβ는 dy·x̂와 dy를 배치에 걸쳐 더한 것이다. 노트는 이 정규화의 이름만 "
        "들고, 이 식은 그 역전파다.",
        conventions=("통계는 마지막 축에 대해, 편향된 분산, ε은 제곱근 안(torch.nn.LayerNorm과 같다).",),
        steps=(
            "y_i = γ_i x̂_i + β_i를 거치는 연쇄 법칙. g_i = γ_i dy_i로 쓴다",
            "배치 정규화와 같은 계산을 특성에 걸쳐 한다: ∂μ/∂x_k = 1/D, ∂σ²/∂x_k = 2(x_k − μ)/D",
            "Σ_i g_i δ_ik = g_k. 합들을 모으고 x̂로 쓴다",
        ),
        kernel="행 통계를 스칼라 누산기로 구하고(행마다 두 번 훑는다), dx를 계산한 뒤, dγ와 dβ의 열 합을 "
        "한 번에 합친 패스로 구한다.",
    ),
    "layernorm_forward_statistics": Korean(
        title="층 정규화한 특성의 평균은 샘플마다 0, 분산은 σ²/(σ² + ε)이다",
        statement="샘플 하나의 특성 D개에 걸쳐 x̂의 평균은 정확히 0이고 분산은 σ²/(σ² + ε)이다. 배치에 "
        "무엇이 들어 있든 상관없다: 배치 정규화와 같은 정규화를 다른 축에 대해 한 것이다.",
        conventions=(
            "통계는 마지막 축에 대해, 편향된 분산, ε은 제곱근 안(torch.nn.LayerNorm과 같다).",
            "커널은 y와 샘플마다의 평균, 1/√(σ² + ε)를 돌려준다(층 정규화의 역전파가 다시 쓰는 값들이다).",
        ),
        kernel="샘플(행)마다 평균, 중심화한 분산, y를 차례로 구한다 — 한 행을 세 번 훑지만, 그 행은 캐시에 "
        "머문다.",
    ),
}
