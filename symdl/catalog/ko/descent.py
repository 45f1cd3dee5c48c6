"""The records of :mod:`symdl.catalog.descent` in Korean (gradient descent on model problems)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "gd_quadratic_iterates": Korean(
        title="a·w²/2에서 경사 하강법은 스텝마다 w에 1 − ηa를 곱한다",
        statement="f(w) = a·w²/2(a > 0; 최솟값 근처에서는 매끄러운 손실이 모두 이렇게 생겼다)에서 스텝 "
        "w ← w − η·f′(w) = (1 − ηa)·w를 반복하면 모든 t에 대해 w_t = (1 − ηa)ᵗ·w_0이고, 손실은 "
        "f(w_t) = (1 − ηa)^(2t)·f(w_0)이다.",
        hypothesis="w_t = (1 − ηa)ᵗ·w_0이라 하자. 한 스텝은 η·f′(w_t) = η·a·w_t를 뺀다",
    ),
    "gd_quadratic_step_size": Korean(
        title="a·w²/2에서 경사 하강법은 정확히 0 < η < 2/a일 때 수렴한다",
        statement="w_t = (1 − ηa)ᵗ·w_0(gd_quadratic_iterates)은 |1 − ηa| < 1일 때, 곧 0 < η < 2/a일 때, "
        "그때에만 최솟값으로 줄어든다. 2/a보다 크면 배율의 크기가 1을 넘어 손실이 기하급수적으로 커진다 — "
        "학습률이 매우 높으면 loss가 급증할 수 있다는 노트의 말이다. 학습률이 매우 작으면 배율이 1에 가까워 "
        "손실은 줄지만 천천히 준다.",
    ),
    "gd_can_stop_at_a_saddle": Korean(
        title="경사 하강법은 ∇f = 0인 점을 찾을 뿐, 최솟값을 찾는다는 보장은 없다",
        statement="노트는 기울기 반대로 내려가면 최솟값을 찾는다고 결론짓는다. 경사 하강법은 ∇f = 0인 곳에서 "
        "멈춘다: f(x, y) = (x² − y²)/2를 x축 위에서 시작하면 (0, 0)으로 수렴하고(gd_saddle_iterates), "
        "그곳의 헤시안 diag(1, −1)은 고유값 −1을 가진다: 최솟값이 아니라 안장점이다(f에는 최솟값이 아예 "
        "없다: y 방향으로 한없이 내려간다). 최솟값이려면 헤시안의 고유값이 모두 0 이상이어야 한다.",
        truth="경사 하강법이 찾는 것은 정류점(∇f = 0)이다: 최솟값일 수도, 안장점이나 최댓값일 수도 있다. "
        "볼록한 손실에 충분히 작은 스텝이면 최솟값이지만(gd_quadratic_step_size), 깊은 신경망의 손실은 "
        "볼록하지 않으므로(cross_entropy_not_convex_in_weights) 그런 보장이 없다.",
    ),
    "gd_saddle_iterates": Korean(
        title="안장점 근처의 경사 하강법: 안장점에 머물고, 떠나는 것은 느리다",
        statement="f(x, y) = (x² − y²)/2의 안장점 (0, 0)에서는 기울기가 0이므로 경사 하강법이 움직이지 "
        "않는다. (x_0, y_0)에서 스텝 (x, y) ← (x − ηx, y + ηy)를 반복하면 모든 t에 대해 x_t = (1 − η)ᵗx_0, "
        "y_t = (1 + η)ᵗy_0이다: x축 위에서 출발하면 안장점으로 수렴하고, 아주 작은 y_0에서 출발하면 "
        "벗어나는 데 약 log(1/|y_0|)/log(1 + η) 스텝이 걸린다 — 노트의 '안장점에서 빠져나오기 어렵다'.",
        hypothesis="(x_t, y_t)가 주장대로라고 하자. 한 스텝은 η·∇f = η·(x_t, −y_t)를 뺀다",
    ),
    "gd_slow_along_flat_directions": Korean(
        title="좁은 골짜기에서는 안정된 스텝이 모두 평평한 방향으로 기어간다",
        statement="0 < b < a인 f(x, y) = (a·x² + b·y²)/2에서 경사 하강법은 스텝마다 x에 1 − ηa를, y에 "
        "1 − ηb를 곱한다(좌표마다 gd_quadratic_iterates). η < 2/a일 때만 수렴하고(gd_quadratic_step_size), "
        "그런 스텝에서는 평평한 방향의 배율이 모두 1 − 2b/a보다 크다 — b/a가 작으면 1에 가깝다. 게다가 "
        "η > 1/a이면 x의 부호가 스텝마다 바뀐다: 기울기만 따라가면 골짜기를 가로질러 지그재그로 움직이고 "
        "골짜기를 따라서는 기어간다. 노트의 '탐색 경로가 비효율적'이다.",
        conventions=("c > 0인 η = 2/(a(1 + c))는 0 < η < 2/a인 모든 스텝을 나타낸다.",),
    ),
}
