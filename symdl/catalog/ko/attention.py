"""The records of :mod:`symdl.catalog.attention` in Korean.

Attention, Transformers, LSTM/GRU gates and softmax regression.
"""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "attention_dot_product_variance": Korean(
        title="Var(q·k) = d_k: 어텐션이 √d_k로 나누는 이유",
        statement="q, k의 성분이 서로 독립이고 평균 0, 분산 1이면 Var(q·k) = d_k이다. 점수 q·k/√d_k의 "
        "분산은 1이므로 d_k가 커져도 소프트맥스가 포화되지 않는다. 스케일드 닷-프로덕트 어텐션(scaled "
        "dot-product attention)이 √d_k로 나누는 까닭이다.",
        steps=(
            "E[q·k] = 0이고 E[(q·k)²] = Σ_m Σ_j E[q_m q_j]·E[k_m k_j] = Σ_m Σ_j δ_mj·δ_mj이다(성분이 서로 "
            "독립이고 평균 0, 분산 1)",
            "δ_mj² = δ_mj이므로 j = m인 항만 남는다",
            "1이 d_k개 있다",
        ),
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
        shown_for="위치 두 개",
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
    "lstm_cell_state_gradient": Korean(
        title="LSTM 셀 상태의 야코비안은 망각 게이트다",
        statement="c_t = f_t⊙c_(t−1) + i_t⊙g_t이므로 ∂c_t/∂c_(t−1) = diag(f_t)이다: 셀 상태(cell state)의 "
        "경로는 매 스텝 정보(와 기울기)에 망각 게이트(forget gate)를 곱하며, f ≈ 1이면 거의 줄지 않고 "
        "전달된다 — W 행렬도, tanh′ 인자도 없다.",
        conventions=("핍홀 연결(peephole connection)이 없는 표준 LSTM.",),
    ),
    "lstm_hidden_state_gradient": Korean(
        title="LSTM의 출력은 o⊙tanh(c)이므로 ∂h_t/∂c_t = diag(o⊙(1 − tanh² c_t))이다",
        statement="출력 게이트는 셀 상태를 tanh를 거쳐 읽는다: h_t = o_t⊙tanh(c_t)이므로 폭이 얼마든 "
        "∂h_t/∂c_t = diag(o_t⊙(1 − tanh² c_t))이다 — h에서 온 기울기는 출력 게이트와 tanh′만큼 줄어 셀 "
        "상태에 닿고, tanh′는 |c_t|가 큰 곳에서 사라진다. 셀 상태를 따라가는 경로의 배율은 f뿐이다"
        "(lstm_cell_state_gradient).",
        conventions=("핍홀 연결이 없는 표준 LSTM이다. 출력 게이트 o_t는 h_(t−1)과 x_t에만 의존한다.",),
    ),
    "lstm_cell_state_changes": Korean(
        title="LSTM의 셀 상태는 바뀐다: 매 스텝 망각 게이트가 곱해진다",
        statement="노트는 셀 상태를 정보가 전혀 바뀌지 않고 그대로 흐르는 부분이라고 한다. 바뀌지 않고 "
        "흐른다면 이전 상태가 가중치 1로 전달되어야 한다: ∂c_t/∂c_(t−1) = I, 성분으로는 δ_ik.",
        conventions=("핍홀 연결이 없는 표준 LSTM. f = σ(a_f)이고 a_f는 게이트의 입력이다.",),
        truth="c_t = f_t⊙c_(t−1) + i_t⊙g_t이므로 ∂c_t/∂c_(t−1) = diag(f_t)이고(lstm_cell_state_gradient), "
        "f_t = σ(·)는 0과 1 사이에 엄밀히 놓인다(sigmoid_range): 매 스텝 이전 셀 상태는 줄어들고 i_t⊙g_t가 "
        "더해지며, k 스텝이 지나면 이전 상태에는 망각 게이트 k개의 곱이 곱해진다. 참인 것은 이 경로에 가중치 "
        "행렬도 tanh′ 인자도 없고 게이트의 원소별 곱만 있다는 점이다. 그래서 f ≈ 1이면 정보와 기울기가 "
        "단순한 RNN보다 훨씬 많은 스텝을 살아남는다.",
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
    "softmax_regression_vector_softmax": Korean(
        title="소프트맥스는 로짓 하나하나가 아니라 로짓 벡터 전체에 적용한다",
        statement="노트는 세 클래스 각각에 대해 o_k = softmax(x·w_k + b_k)라 쓰고 Σ o_k = 1이라 한다. 숫자 "
        "하나의 소프트맥스는 e^o/e^o = 1이므로 그 합은 3이다.",
        truth="먼저 모든 로짓 o_k = x·w_k + b_k를 계산하고(W가 클래스마다 열 w_k 하나씩을 담으면 벡터로 "
        "o = Wᵀx + b) 벡터 전체에 소프트맥스를 적용한다: ŷ = softmax(o)이고 그 성분의 합이 1이다(노트의 "
        "두 번째, 벡터 형태가 맞다).",
    ),
    "scaled_dot_product_attention": Korean(
        title="어텐션의 출력은 값 벡터들의 가중 평균이다",
        statement="α_ij = softmax_j(q_i·k_j/√d_k)일 때 z_i = Σ_j α_ij v_j이다: 시퀀스 길이 T와 폭 d_k가 "
        "무엇이든 각 쿼리의 가중치 합은 1이므로, z_i는 값 벡터 v_j들의 평균이다.",
        conventions=(
            "헤드 하나: Q는 (T, d_k), K는 (L, d_k), V는 (L, d_v)이다(셀프 어텐션이면 L = T). 소프트맥스는 "
            "키에 걸쳐 취한다.",
        ),
        kernel="점수 QKᵀ/√d_k를 행마다 구하고, 최댓값을 뺀 지수와 그 합을 구한 뒤, 값들의 가중합을 행의 "
        "합으로 한 번만 나눈다.",
    ),
    "causal_attention_mask": Korean(
        title="인과 마스크를 쓰면 한 위치의 출력은 뒤쪽 위치를 보지 않는다",
        statement="j > i인 키의 점수를 −∞로 두면 j > i에서 α_ij = 0이고 z_i = Σ_{j≤i} α_ij v_j이다: 뒤쪽의 "
        "모든 위치 j에서 ∂z_i/∂v_j = 0이므로 디코더는 앞을 미리 볼 수 없다.",
        conventions=(
            "j > i: 마스크는 합에 키 1..i만 남긴다(그 뒤로는 α_ij = 0). L ≠ T이면 마스크를 torch의 "
            "is_causal=True처럼 왼쪽 위에 맞춘다.",
        ),
        kernel="어텐션 커널과 같되, 소프트맥스 전에 뒤쪽 키의 점수를 −∞로 둔다(e^(−∞) = 0은 정확하다).",
    ),
}
