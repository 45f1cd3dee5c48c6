"""The records of :mod:`symdl.catalog.transformer` in Korean (self-attention for symbolic sizes)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "attention_projections": Korean(
        title="Q = XW_Q, K = YW_K, V = YW_V: 크기가 무엇이든 모양이 맞는다",
        statement="쿼리 토큰 n개 X(n × d_model), 키/값 토큰 L개 Y(L × d_model; 셀프 어텐션이면 Y = X, L = "
        "n)와 사영 W_Q, W_K(d_model × d_k), W_V(d_model × d_v)가 있으면 Q = XW_Q는 n × d_k, K = YW_K는 L × "
        "d_k, V = YW_V는 L × d_v, 점수 QKᵀ는 n × L, softmax(QKᵀ/√d_k)V는 n × d_v다 — 곱마다 안쪽 크기가 "
        "같은지 확인한다. XW_Q의 i번째 행은 W_Qᵀx_i이다: 노트의 토큰별 식 Q_i = W_Q·h_i는 행렬을 "
        "전치해 쓴 같은 사상이다.",
        conventions=("토큰은 행이다(PyTorch의 배치). softmax는 점수의 n × L 모양을 그대로 둔다.",),
    ),
    "attention_output_convex_combination": Korean(
        title="어텐션의 출력은 가장 작은 값과 가장 큰 값 사이에 놓인다",
        statement="α_ij > 0이고 Σ_j α_ij = 1인 z_i = Σ_j α_ij v_j(scaled_dot_product_attention)는 값들의 "
        "볼록 결합이다: 시퀀스 길이 T가 무엇이든 z_i의 각 좌표는 값들의 좌표의 어떤 하한 m보다도 작지 "
        "않고(−v에 적용하면 어떤 상한보다도 크지 않고), 따라서 가장 작은 값과 가장 큰 값 사이에 놓인다.",
        conventions=(
            "v_j는 값 j의 한 좌표를 나타낸다. u_j ≥ 0인 v_j = m + u_j는 m이 T개 모두의 하한이라는 뜻이다.",
        ),
    ),
    "self_attention_example_pipeline": Korean(
        title="예제를 노트의 공식으로 끝까지 계산하기: 'I'의 가중치와 출력",
        statement="노트 자신의 공식(가중치 Softmax(Q·Kᵀ), 1/√d_k 없음)과 Q = K = V = 네 단어 벡터(항등 "
        "사영)로 계산하면, 쿼리 'I'의 점수는 I, love, artificial, intelligence에 대해 0.46, 0.67, 0.68, "
        "0.61이다. softmax를 거친 가중치는 ≈ [0.215, 0.266, 0.268, 0.250]이고 새 'I' = Σ_j α_j v_j ≈ "
        "[0.538, 0.385, 0.427, 0.632]이다. ML LifeCycle 노트의 공식처럼 1/√d_k = 1/2를 넣으면 ≈ [0.232, "
        "0.258, 0.259, 0.250]과 [0.532, 0.380, 0.426, 0.629]이다(self_attention_example_softmax).",
    ),
    "self_attention_permutation_equivariant": Korean(
        title="위치 정보가 없으면 셀프 어텐션은 단어 순서를 보지 못한다: 입력을 섞으면 출력도 똑같이 섞인다",
        statement="T개 토큰을 어떤 순열 π로든 다시 배열하면 위치 i의 출력은 원래 위치 π(i)의 출력이다: T와 "
        "d_k가 무엇이든 z′_i = z_π(i). 각 토큰의 출력은 다른 토큰들에 순서가 아니라 집합으로서만 의존한다 — "
        "노트가 단어 순서를 나타내려고 포지션 임베딩을 더하는 까닭이다.",
        conventions=(
            "v_j는 값 j의 한 좌표를 나타낸다. 마스크도 포지셔널 인코딩도 없다.",
            "π는 위치 1..T의 어떤 전단사든 된다. 모든 위치에 대한 합은 π의 순서로 더해도 같다.",
        ),
    ),
    "multi_head_attention_parameters": Korean(
        title="멀티 헤드 어텐션: 폭 d_model/h인 헤드 h개의 파라미터는 h와 상관없이 4·d_model²개다",
        statement="헤드 h개는 저마다 크기 d_model × d_model/h인 W_Q, W_K, W_V로 n × d_model 입력 X를 "
        "사영한다. 그래서 한 헤드의 점수 QKᵀ는 n × n이고 출력은 n × d_model/h다. h개의 출력을 나란히 붙이면 "
        "다시 n × d_model이 되고, W_O(d_model × d_model)가 이를 되돌린다. 사영 행렬의 숫자는 "
        "3·h·d_model·(d_model/h) + d_model² = 4·d_model²개다: 헤드를 h개 써도 전체 폭 헤드 하나보다 "
        "파라미터가 늘지 않고, h = 1이면 그 한 헤드는 W_O가 뒤따르는 단일 헤드 어텐션이다.",
        conventions=(
            "편향은 뺐다. 편향을 넣으면(torch.nn.MultiheadAttention처럼) 4·d_model개가 더해진다.",
            "d_model = h·d_head: 폭을 헤드에 고르게 나눈다.",
        ),
    ),
    "multi_head_score_variance": Korean(
        title="한 헤드의 점수 분산은 d_model/h이므로 헤드마다 √(d_model/h)로 나눈다",
        statement="한 헤드 안에서 q와 k의 성분은 d_model/h개다. 성분이 평균 0, 분산 1로 독립이면 점수 q·k의 "
        "분산은 d_model/h이다(d_k = d_model/h로 둔 attention_dot_product_variance). 그래서 각 헤드는 "
        "√d_model이 아니라 √(d_model/h)로 나눈다.",
    ),
}
