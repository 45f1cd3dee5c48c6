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
}
