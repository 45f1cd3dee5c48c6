"""The records of :mod:`symdl.catalog.rnn` in Korean (recurrent networks)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

_DIAG_NOT_ELEMENTWISE = (
    "노트는 곱을 (1 − h_t²)·W_hh로 쓴다. 이 인자는 원소별 곱이 아니라 W_hh의 왼쪽에 곱하는 "
    "대각 행렬 diag(1 − h_t²)이다."
)

KO: dict[str, Korean] = {
    "rnn_jacobian": Korean(
        title="tanh RNN의 한 스텝 야코비안",
        statement="순환 신경망(recurrent neural network)에서 ∂h_t/∂h_{t−1} = diag(1 − h_t²) W_hh이다: "
        "W_hh의 i번째 행에 tanh′ = 1 − h_{t,i}²를 곱한 것이다.",
        conventions=(
            "h_t는 활성화 함수를 통과한 뒤의 은닉 상태다. 야코비안은 ∂(출력 i)/∂(입력 j)로 배치한다.",
            _DIAG_NOT_ELEMENTWISE,
        ),
        steps=(
            "사전 활성화 a_i를 거치는 연쇄 법칙: tanh′(a) = 1 − tanh²(a)",
            "∂a_i/∂h_{t−1,k} = Σ_j W_ij δ_jk = W_ik(크로네커 델타가 j = k인 항만 남긴다)",
            "tanh(a_i)는 h_{t,i}이다: diag(1 − h_t²) W_hh의 (i, k) 성분",
        ),
        kernel="W_hh의 i번째 행에 (1 − h_i)(1 + h_i) = 1 − h_i²를 곱하고, 이 값은 행마다 한 번만 계산한다. "
        "인수분해한 형태는 h_i가 ±1로 포화될 때에도 몇 ulp 안으로 정확하다.",
    ),
    "rnn_bptt_jacobian": Korean(
        title="시간을 거스르는 야코비안: 한 스텝 야코비안들의 곱",
        statement="∂h_T/∂h_0 = J_T J_{T−1} ⋯ J_1, J_t = diag(1 − h_t²) W_hh이다. 이 곱의 노름은 T에 따라 "
        "기하급수적으로 커지거나 작아지고, 그래서 RNN에서는 기울기 폭발(exploding gradient)이나 기울기 "
        "소실이 일어난다. 시간 역전파(backpropagation through time)가 곱하는 것이 이 행렬들이다.",
        conventions=("곱의 순서는 J_T가 왼쪽이다(가장 나중 스텝이 먼저).",),
        steps=(
            "T + 1 스텝의 사전 활성화를 거치는 연쇄 법칙: tanh′에 ∂(Σ_j W_ij h_T,j)/∂h_0,k를 곱한다",
            "tanh(·)는 h_{T+1,i}이고, 귀납 가정에 따라 ∂h_{T,j}/∂h_{0,k}는 P_jk = (J_T ⋯ J_1)_jk이다",
            "1 − h²_{T+1,i}는 j와 무관하다: J_{T+1} = diag(1 − h²_{T+1})W_hh로 두면 (J_{T+1}P)_ik이다",
        ),
        hypothesis="P = ∂h_T/∂h_0가 J_T ⋯ J_1이라고 가정한다. 그러면 연쇄 법칙으로 "
        "∂h_{T+1}/∂h_0 = J_{T+1}P이고, 이것이 T + 1에서의 곱이다.",
        kernel="단위 행렬에서 시작해 t = 1..T에 대해 P ← diag(1 − h_t²) (W P)를 계산한다. 곱 W P는 i, j, k "
        "순서로 돌아서 가장 안쪽 루프가 P의 행을 연속으로 읽는다.",
    ),
    "rnn_parameters_shared_across_steps": Korean(
        title="RNN은 길이와 상관없이 매 스텝 같은 파라미터 행렬 세 개를 쓴다",
        statement="T 스텝으로 펼친 h_t = tanh(W_hh h_(t−1) + W_xh x_t + b)는 모든 T에 대해 같은 파라미터로 "
        "만들어진다: W_hh, W_xh, b, 곧 숫자 n_h² + n_h·n_x + n_h개이고 시퀀스 길이와 상관없다. 그래서 "
        "RNN은 어떤 길이의 입력이든 받고, 입력이 길어져도 모델 크기가 커지지 않는다.",
        conventions=("교차 확인은 T = 1..4에서 펼친 h_T 안의 파라미터 성분 수를 센다.",),
        hypothesis="h_T가 W_hh, W_xh, b로 만들어진다고 하자. h_(T+1)로 가는 스텝은 한 스텝의 파라미터를 "
        "더하며, 그 식에서 찾은 파라미터가 같은 세 행렬이다",
    ),
    "rnn_steps_are_sequential": Korean(
        title="h_0에서 h_T를 계산하는 것은 앞 스텝을 기다리는 T개 스텝의 사슬이다",
        statement="h_t에는 h_(t−1)이 필요하므로 h_T는 스텝을 T번 겹쳐 적용해 h_0에 닿는다 — 모든 T에 대해 "
        "나란히 실행할 수 없는 T개 계산의 사슬이다: 노트의 '병렬화가 어려움 - 느림'. 셀프 어텐션은 각 출력 "
        "z_i = Σ_j α_ij v_j를 입력만으로, 다른 출력 없이 계산하므로 모든 위치를 한꺼번에 계산한다.",
        conventions=("depth는 가장 긴 경로에서 h_0과 h_T 사이에 있는 tanh 적용의 수다.",),
        hypothesis="h_T가 h_0보다 T 스텝 위에 있다고 하자. h_(T+1)로 가는 스텝은 식에서 보이듯 h_T에 tanh를 "
        "한 번 더 적용한다",
    ),
    "rnn_bptt_norm_bound": Korean(
        title="‖∂h_T/∂h_0‖ ≤ (γ‖W_hh‖)^T: γ‖W_hh‖ < 1이면 RNN의 기울기는 기하급수적으로 줄어든다",
        statement="J_t = diag(1 − h_t²)W_hh(rnn_jacobian)이고 γ가 스텝들 가운데 가장 큰 ‖diag(1 − h_t²)‖ = "
        "max_i |1 − h_t,i²| ≤ 1(tanh_derivative_bound)이면, 곱 ∂h_T/∂h_0 = J_T⋯J_1(rnn_bptt_jacobian)의 "
        "노름은 모든 T에 대해 (γ‖W_hh‖)^T 이하다: γ‖W_hh‖ < 1이면 — ‖W_hh‖ < 1이면 언제나 — 기하급수적으로 "
        "사라지고, 폭발은 ‖W_hh‖ > 1일 때만 일어날 수 있다(필요조건일 뿐 충분조건은 아니다: 포화된 유닛은 "
        "γ를 작게 만든다).",
        conventions=(
            "‖·‖는 어떤 연산자 노름이든 된다(예: 스펙트럼 노름). 부분곱셈성 ‖AB‖ ≤ ‖A‖‖B‖는 연산자 노름이 "
            "정의상 갖는 성질이며, 여기서는 증명하지 않고 쓴다.",
        ),
        hypothesis="‖∂h_T/∂h_0‖ ≤ (γ‖W_hh‖)^T라 하자. 그러면 ‖J_(T+1)·∂h_T/∂h_0‖ ≤ "
        "‖diag(1 − h²)‖·‖W_hh‖·‖∂h_T/∂h_0‖ ≤ γ‖W_hh‖·‖∂h_T/∂h_0‖이고(행렬 노름은 곱에 대해 "
        "부분곱셈적이다), 이 값은 ‖∂h_T/∂h_0‖에 대해 증가한다. 기저 사례는 J_1 하나에 대한 같은 부등식이다",
    ),
}
