"""The records of :mod:`symdl.catalog.initialization` in Korean (weight initialisation)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "xavier_forward_variance": Korean(
        title="선형 유닛의 순전파 분산",
        statement="평균이 0이고 서로 독립인 w와 x로 만든 y = Σ_{i=1}^{n_in} w_i x_i의 분산은 "
        "Var(y) = n_in·Var(w)·Var(x)이다. 가중치 초기화(weight initialization)의 출발점이다.",
        steps=(
            "E[y] = 0이고, 기댓값의 선형성과 w, x의 독립성으로 E[y²] = Σ_i Σ_j E[w_i w_j]·E[x_i x_j]이다. "
            "평균이 0이고 i ≠ j이면 서로 독립이므로 E[w_i w_j] = Var(w)·δ_ij(크로네커 델타)이고, x도 "
            "마찬가지다",
            "δ_ij² = δ_ij이므로 안쪽 합에는 j = i인 항만 남는다",
            "같은 항 n_in개의 합이다",
        ),
    ),
    "xavier_backward_variance": Korean(
        title="선형 유닛의 역전파 분산",
        statement="입력에 도달하는 기울기 Σ_{k=1}^{n_out} w_k δ_k의 분산은 n_out·Var(w)·Var(δ)이다.",
        conventions=("g = ∂L/∂x는 입력 하나에 도달하는 기울기, δ_k = ∂L/∂y_k는 상류 기울기다.",),
        steps=(
            "E[g] = 0이고, 기댓값의 선형성과 w, δ의 독립성으로 E[g²] = Σ_i Σ_j E[w_i w_j]·E[δ_i δ_j]이다. "
            "평균이 0이고 i ≠ j이면 서로 독립이므로 E[w_i w_j] = Var(w)·δ_ij이고(이 δ_ij는 상류 기울기가 "
            "아니라 크로네커 델타다), δ도 마찬가지다",
            "δ_ij² = δ_ij이므로 안쪽 합에는 j = i인 항만 남는다",
            "같은 항 n_out개의 합이다",
        ),
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
    "xavier_notes_code_halves_variance": Korean(
        title="노트의 Xavier 코드로는 정사각 층 하나마다 활성값의 분산이 절반이 된다",
        statement="노트는 W = randn(d_in, d_out)/√(d_in + d_out) 코드로 모든 층에서 활성값이 적당한 크기를 "
        "가진다고 말한다. '적당한'에 대해서는 판단이 필요하다: 여기서는 층이 입력의 분산을 유지한다는 "
        "뜻으로 읽는다. 정사각 층(d_in = d_out = n)이고 tanh의 선형 구간(tanh′(0) = 1)이면 층 하나가 "
        "분산에 n·Var(W)를 곱한다(xavier_forward_variance).",
        truth="층 하나가 분산을 절반으로 만든다: n·1/(2n) = 1/2이고, tanh를 거치면 |tanh z| ≤ |z|이므로 "
        "많아야 1/2이다. L개 층을 지나면 분산은 입력의 2^(−L) 이하가 된다 — 10개 층이면 1/1024"
        "(n·Var(W) = 1/2로 둔 init_variance_depth_bound): 활성값이 0으로 줄어든다. Glorot 본래의 "
        "Var(W) = 2/(d_in + d_out), 곧 √((d_in + d_out)/2)로 나누면 노트가 말하는 배율 1이 된다.",
    ),
    "init_variance_depth_bound": Korean(
        title="tanh 층 L개를 지나면 활성값의 2차 모멘트는 입력의 (n·σ_w²)^L배 이하다",
        statement="폭이 n이고 가중치가 평균 0, 분산 σ_w²로 독립인 tanh 층 x_(l+1) = tanh(W_l x_l)에서 한 "
        "유닛의 2차 모멘트 q_l = E[x_l²]는 q_(l+1) ≤ n·σ_w²·q_l을 따른다: 사전 활성화의 2차 모멘트가 "
        "n·σ_w²·q_l이고(xavier_forward_variance) |tanh z| ≤ |z|이기 때문이다. 따라서 모든 깊이 L에 대해 "
        "q_L ≤ (n·σ_w²)^L·q_0이다: n·σ_w² < 1이면 활성값은 기하급수적으로 사라진다.",
        conventions=("q_l = E[x_l²]는 한 유닛의 값이다. 가중치는 층의 입력과 독립으로 뽑는다.",),
        hypothesis="q_L ≤ (n·σ_w²)^L·q_0이라 하자. 다음 층의 사전 활성화의 2차 모멘트는 n·σ_w²·q_L이고, "
        "tanh는 이를 키우지 않는다(|tanh z| ≤ |z|: tanh_below_identity). "
        "그러므로 q_(L+1) ≤ n·σ_w²·q_L이고, 이 값은 q_L에 대해 증가한다",
    ),
    "small_gaussian_init_collapse": Korean(
        title="W = 0.01·randn이면 폭이 10⁴ 미만일 때 활성값이 깊이에 따라 기하급수적으로 줄어든다",
        statement="W = 0.01·randn이면 Var(W) = 10⁻⁴이므로, 폭 n인 tanh 층을 하나 지날 때마다 활성값의 2차 "
        "모멘트는 적어도 n·10⁻⁴배로 줄어든다(init_variance_depth_bound). 이 배율은 폭이 n < 10⁴일 때, "
        "그때에만 1보다 작다: 흔한 폭(n = 500이면 층마다 0.05배, 10개 층을 지나면 입력의 10⁻¹²보다 "
        "작다)에서 활성값과 그에 비례하는 가중치 기울기가 깊이에 따라 사라진다. n ≥ 10⁴이면 0.01은 더 "
        "이상 작은 배율이 아니다.",
    ),
    "large_gaussian_init_saturates": Korean(
        title="W = 0.5·randn이면 tanh가 포화된다: 평균 기울기는 많아야 2/(s√(2π))",
        statement="실수 전체에서 ∫ tanh′(z) dz = 2이므로 z ~ N(0, s²)이면 평균 기울기 "
        "E[tanh′(z)] ≤ 2·max φ = 2/(s√(2π))이다(gaussian_tanh_slope_bound). 가중치가 0.5·randn이면 "
        "s² = n·0.25·E[x²]가 크고(n = 500: E[x²] > 0.8이면 s > 10), 평균 기울기는 층마다 0.08보다 "
        "작다: 유닛은 ±1에 머물고 기울기는 사라진다.",
    ),
    "he_variance_does_not_change_active_fraction": Korean(
        title="가중치의 스케일이 어떻든 ReLU 유닛의 절반이 활성화된다",
        statement="사전 활성화가 z ~ N(0, s²)이면 모든 s > 0에서 P(z > 0) = ∫₀^∞ φ_s(z) dz = 1/2이다: 노트가 "
        "드는 이유와 달리, 가중치 분산을 키운다고 활성화되는 ReLU 유닛이 늘지는 않는다. He의 배율 2가 하는 "
        "일은 2차 모멘트를 지키는 것이다: E[relu(z)²] = s²/2이므로(he_relu_second_moment) "
        "Var(w) = 2/n_in이면 각 층의 사전 활성화가 앞 층과 같은 분산을 갖는다(he_kaiming_variance)(노트의 "
        "표현에 대한 판단이 필요한 부분).",
    ),
    "xavier_assumes_unit_slope": Korean(
        title="Xavier의 1/n은 0에서 기울기 1을 가정한다: tanh에는 맞고, 시그모이드에는 16배 작다",
        statement="0 근처에서 유닛 f(z)는 z를 이득 f′(0)로 전달하므로, 분산 조건 n·f′(0)²·Var(w) = 1"
        "(기울기를 넣은 xavier_forward_variance)에서 Var(w) = 1/(n·f′(0)²)이 나온다. tanh′(0) = 1이면 "
        "Glorot의 1/n이고, 시그모이드의 σ′(0) = 1/4이면 16/n이다. 노트는 Xavier가 시그모이드와 tanh에 "
        "맞는다고 하지만, 이 값은 0 근처에서 기울기 1로 선형인 유닛에 대해 유도한 것이라 tanh에는 맞고 "
        "시그모이드에는 맞지 않는다(판단이 필요한 부분. 시그모이드는 0을 중심으로 하지도 않는다: "
        "sigmoid_centre).",
        conventions=("선형 영역: 갓 초기화한 신경망의 작은 사전 활성화에서 f(z) ≈ f(0) + f′(0)·z이다.",),
    ),
    "tanh_below_identity": Korean(
        title="z ≥ 0이면 tanh z ≤ z, 따라서 |tanh z| ≤ |z|: tanh는 입력을 키우지 않는다",
        statement="z ≥ 0이면 tanh z = z − ∫₀^z tanh²(u) du ≤ z이다(제곱의 적분은 0 이상). tanh는 홀함수"
        "(tanh(−z) = −tanh z)이므로 모든 실수 z에서 |tanh z| ≤ |z|이고, 어떤 사전 활성화 a에 대해서도 "
        "E[tanh(a)²] ≤ E[a²]이다. init_variance_depth_bound가 한 층에서 다음 층으로 넘어갈 때 쓰는 "
        "단계가 이것이다.",
        steps=("tanh′ = 1 − tanh²이고 tanh 0 = 0이므로 tanh z = ∫₀^z (1 − tanh² u) du",),
    ),
    "gaussian_tanh_slope_bound": Korean(
        title="z ~ N(0, s²)이면 평균 기울기 E[tanh′(z)]는 많아야 2/(s√(2π))",
        statement="E[tanh′(z)] = ∫ tanh′(z)·φ_s(z) dz이고, 가우스 밀도 φ_s(z)는 꼭대기 값 "
        "φ_s(0) = 1/(s√(2π))를 넘지 않으며 tanh′ = 1 − tanh² > 0이다. 따라서 "
        "E[tanh′(z)] ≤ φ_s(0)·∫ tanh′ = 2/(s√(2π))이다. 사전 활성화가 넓게 퍼질수록(큰 가중치: s ≫ 1) "
        "평균적인 유닛은 평평해진다: s = 10이면 평균 기울기는 0.08보다 작다(large_gaussian_init_saturates).",
        conventions=("z ~ N(0, s²): 표준편차 s인 가우스 분포를 따르는 한 유닛의 사전 활성화.",),
        steps=(
            "e^(−z²/(2s²)) ≤ 1이므로 φ_s(z) ≤ φ_s(0)이고, |tanh| < 1이므로 tanh′(z) = 1 − tanh² z > 0: "
            "모든 z에서 피적분함수가 커진다",
            "∫ tanh′ = tanh(∞) − tanh(−∞) = 2",
        ),
    ),
}
