"""The records of :mod:`symdl.catalog.optimizers` in Korean.

Gradient descent, momentum and adaptive optimisers.
"""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "adam_bias_correction_m": Korean(
        title="Adam의 1차 모멘트는 1 − β₁ᵗ배만큼 0 쪽으로 치우친다",
        statement="m₀ = 0이고 기울기의 평균이 시간에 따라 변하지 않으면 E[m_t] = (1 − β₁ᵗ)·E[g]이다. "
        "따라서 m̂_t = m_t/(1 − β₁ᵗ)는 편향이 없다 — 편향 보정(bias correction)이다.",
        steps=(
            "β₁^(t−i) = β₁ᵗ·β₁^(−i)로 나누고, i와 무관한 인자는 합 밖으로 꺼낸다",
            "등비급수의 합: r = 1/β₁이면 Σ_{i=1}^{t} r^i = r(1 − rᵗ)/(1 − r)",
            "1 − β₁이 약분된다",
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
        conventions=("m₀ = 0이고, 점화식은 m_t = β₁m_{t−1} + (1 − β₁)g_t이다.",),
        hypothesis="t에서 m_t가 이 합과 같다고 가정한다. 한 스텝 더 가면 "
        "m_{t+1} = β₁m_t + (1 − β₁)g_{t+1}이다.",
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
        statement="‖g‖²‖u‖² − (g·u)² = ½Σ_i Σ_j (g_i u_j − g_j u_i)² ≥ 0(라그랑주 항등식, 임의의 n에서 "
        "성립)이므로, 단위 방향 u를 따라가는 기울기 g·u는 많아야 ‖g‖이고 u = g/‖g‖일 때만 그 값이 된다. "
        "−g가 가장 가파른 하강 방향이다.",
    ),
    "momentum_terminal_velocity": Korean(
        title="기울기가 일정하면 모멘텀의 속도는 g/(1 − μ)에 다가간다",
        statement="v_t = μv_(t−1) + g, v₀ = 0이면 v_t = g(1 − μᵗ)/(1 − μ) → g/(1 − μ)이다: 경사가 일정한 "
        "곳에서 모멘텀(momentum)은 보폭을 1/(1 − μ)배로 키운다(μ = 0.9이면 10배).",
        conventions=("c > 0에 대해 μ = 1/(1 + c)로 써서 0 < μ < 1을 나타낸다.",),
    ),
    "momentum_weights_total": Korean(
        title="합 형태에서 모멘텀의 가중치를 모두 더하면 1이 아니라 (1 − μᵗ)/(1 − μ)다",
        statement="v_t = μv_(t−1) + g_t이면 기울기들은 가중치 μ^(t−i)를 가지고(momentum_unrolled), 그 합은 "
        "(1 − μᵗ)/(1 − μ)이다 — μ = 0.9이면 최대 1/(1 − μ) = 10까지 커진다: 평균이 아니라 가중합이다.",
        conventions=("0 < μ < 1(등비수열의 합에는 μ ≠ 1이 필요하다).",),
    ),
    "momentum_average_and_sum_forms": Korean(
        title="지수 평균으로서의 모멘텀: 감쇠 형태는 합 형태의 (1 − μ)배다",
        statement="노트는 모멘텀이 기울기의 지수 평균을 쓴다고 말한다. 판단이 필요한 문제이고, 여기서 이렇게 "
        "정한다: 감쇠 관례 v_t = μv_(t−1) + (1 − μ)g_t에서는 노트가 옳다. 그 가중치 (1 − μ)μ^(t−i)의 합은 "
        "1 − μᵗ이다(Adam의 m_t가 쓰는 것과 같은 지수 이동 평균). PyTorch의 SGD와 momentum_unrolled가 쓰는 합 "
        "형태 v_t = μv_(t−1) + g_t에서는 가중치의 합이 1/(1 − μ)까지 커진다(momentum_weights_total). 두 "
        "형태는 같은 방법이다: 매 스텝 v_avg = (1 − μ)·v_sum이므로, 학습률을 η_avg·(1 − μ) = η_sum으로 "
        "맞추면 파라미터가 똑같이 움직인다.",
        conventions=("두 버퍼 모두 0에서 시작한다.",),
        hypothesis="v_avg_t = (1 − μ)·v_t라 하자. 두 버퍼가 같은 g_(t+1)로 한 스텝씩 더 나아간다",
    ),
    "nesterov_lookahead_form": Korean(
        title="앞을 내다본 점에서 계산하는 네스테로프 모멘텀",
        statement="NAG: v ← μv − η∇f(θ + μv), θ ← θ + v. 앞을 내다본 변수 φ = θ + μv로 쓰면 "
        "φ ← φ − η∇f(φ) + μv_new이다: φ에서 평범한 경사 하강을 한 걸음 하고 모멘텀을 더한 꼴이며, "
        "프레임워크가 구현하는 형태가 이것이다.",
    ),
    "adagrad_rate_never_grows": Korean(
        title="Adagrad의 실효 학습률 η/√(s + ε)는 기울기가 어떻든 커지지 않는다",
        statement="Adagrad는 누적 합에 g_t²를 더하므로(s_(t+1) = s_t + g_t²) 파라미터마다의 학습률 "
        "η/√(s_(t+1) + ε)은 모든 기울기 g_t에 대해 η/√(s_t + ε) 이하다 — 줄거나 그대로일 뿐 되살아나지 "
        "않는다(기울기가 일정하면 1/√t로 줄어든다: adagrad_step_shrinks).",
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
    "momentum_unrolled": Korean(
        title="모멘텀의 속도는 지난 기울기들의 가중합이다",
        statement="v₀ = 0, v_t = μv_{t−1} + g_t이면 모든 t에서 v_t = Σ_{i=1}^{t} μ^(t−i)·g_i이다: 지난 "
        "기울기는 저마다 μ를 그 기울기의 나이(그 뒤로 지난 스텝 수)만큼 거듭제곱한 가중치를 받고, 가중치의 "
        "합은 (1 − μᵗ)/(1 − μ)이다 — 많아야 1/(1 − μ)로, μ = 0.9이면 10이다.",
        hypothesis="t에서 v_t가 이 합과 같다고 가정한다. 한 스텝 더 가면 v_{t+1} = μv_t + g_{t+1}이다.",
    ),
    "momentum_forms_agree": Korean(
        title="노트의 모멘텀과 PyTorch의 모멘텀은 파라미터를 똑같이 움직인다",
        statement="관성 형태 v ← μv − ηg, θ ← θ + v와 PyTorch의 v ← μv + g, θ ← θ − ηv는 (v₀ = 0에서 "
        "시작하면) 모든 스텝에서 v_note = −η·v_torch를 유지하므로 θ가 똑같이 움직인다: 학습률을 한쪽은 "
        "버퍼 안에서, 다른 쪽은 버퍼 밖에서 곱할 뿐이다.",
        conventions=(
            "PyTorch의 모멘텀 SGD에서 dampening은 0, 가중치 감쇠는 없다. 그러면 θ_note = θ_torch가 따라 "
            "나온다.",
        ),
        hypothesis="v_note_t = −η·v_t라고 가정한다. 두 버퍼가 같은 g_{t+1}로 한 스텝씩 더 간다.",
        kernel="한 번 훑으면서 버퍼와 파라미터를 제자리에서 갱신한다(PyTorch의 SGD처럼 파라미터는 새 버퍼를 "
        "읽는다).",
    ),
    "nesterov_torch_form": Korean(
        title="PyTorch의 네스테로프 스텝은 옮긴 변수로 쓴 앞을 내다보는 스텝이다",
        statement="v_note = −η·v로 두면(momentum_forms_agree) 앞을 내다보는 형태 "
        "φ ← φ − η∇f(φ) + μ·v_note,new(nesterov_lookahead_form)는 θ = φ에서 PyTorch의 "
        "θ ← θ − η(g + μv_new), v_new = μv + g와 같다.",
        conventions=("g는 현재 파라미터에서 구한 ∇f다(PyTorch의 θ가 앞을 내다본 점 φ이다).",),
        kernel="한 번 훑으면서 먼저 버퍼를 갱신하고, 그다음 기울기에 μ × 새 버퍼를 더한 값으로 파라미터를 "
        "갱신한다.",
    ),
    "adagrad_accumulates_squares": Korean(
        title="Adagrad는 지금까지 나온 모든 기울기 제곱의 합의 제곱근으로 나눈다",
        statement="s₀ = 0, s_t = s_{t−1} + g_t²이면 모든 t에서 s_t = Σ_{i=1}^{t} g_i²이다: 큰 기울기를 "
        "겪은 파라미터는 작은 보폭 η·g/(√s + ε)을 받고, s는 커지기만 한다 — 노트가 말하는 보폭의 "
        "감소다(adagrad_step_shrinks).",
        kernel="한 번 훑으면서 g²를 누적 합에 더하고, 그 새 합으로 η·g/(√s + ε)만큼 움직인다. "
        "torch.optim.Adagrad와 같다.",
    ),
    "rmsprop_exponential_average": Korean(
        title="RMSProp은 기울기 제곱의 지수 이동 평균을 유지한다",
        statement="a₀ = 0, a_t = αa_{t−1} + (1 − α)g_t²이면 a_t = (1 − α)Σ_{i=1}^{t} α^(t−i)·g_i²이다: "
        "Adagrad의 합을 지수 이동 평균(exponential moving average)으로 바꾼 것이다. 가중치의 합이 "
        "1 − αᵗ ≤ 1이므로 오래된 기울기는 희미해지고 보폭이 0으로 줄어들지 않는다"
        "(rmsprop_step_does_not_vanish).",
        kernel="한 번 훑으면서 g²의 평균을 갱신하고, ε을 제곱근 바깥에 둔 보폭으로 움직인다. "
        "torch.optim.RMSprop과 같다.",
    ),
    "adadelta_update": Korean(
        title="Adadelta의 스텝은 두 이동 RMS 값의 비에 기울기를 곱한 것이다",
        statement="RMS[y] = √(E[y²] + ε)로 두면 Δθ_t = −RMS[Δθ]_{t−1}/RMS[g]_t·g_t이다: PyTorch의 갱신 "
        "√(E[Δ²] + ε)/√(E[g²] + ε)·g는 같은 수이고, 두 이동 평균은 모두 ρ로 감쇠한다. 스텝이 θ와 같은 "
        "단위를 가지므로 Adadelta에는 학습률(learning rate)이 필요 없다(PyTorch의 lr = 1이 여기에 곱해진다).",
        conventions=("E[g²]와 E[Δθ²]는 0에서 시작한다. PyTorch의 기본값 lr = 1은 스텝을 바꾸지 않는다.",),
        kernel="한 번 훑으면서 E[g²], 이전 E[Δ²]로 구한 스텝, 그다음 E[Δ²]와 θ를 차례로 갱신한다. "
        "torch.optim.Adadelta와 같다.",
    ),
}
