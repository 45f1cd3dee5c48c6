"""The records of :mod:`symdl.catalog.schedules` in Korean (learning-rate schedules)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "step_lr": Korean(
        title="StepLR은 step_size 에폭마다 학습률에 γ를 곱한다",
        statement="lr_e = lr₀·γ^⌊e/step_size⌋: step_size 에폭 동안 일정하다가 γ배가 된다. 노트의 '매 "
        "스텝'은 옵티마이저 스텝마다가 아니라 step_size 에폭마다라는 뜻이다. 학습률(learning rate) "
        "스케줄러의 가장 단순한 예다.",
        conventions=("명시적인 확인은 e = 0..E의 모든 에폭을 step_size = 3으로 계산한다.",),
    ),
    "lambda_lr_not_exponential": Korean(
        title="LambdaLR은 지수 함수가 아니라 에폭의 임의의 함수를 곱한다",
        statement="노트는 LambdaLR이 에폭(epoch)에 따라 "
        "학습률을 지수적으로 낮춘다고 말한다. 지수 스케줄이라면 "
        "비율 lr_(e+1)/lr_e가 일정해야 하는데, 흔히 쓰는 인자 λ(e) = 1/(e + 1)을 쓴 LambdaLR의 비율은 "
        "1/2, 그다음 2/3이다.",
        truth="LambdaLR은 사용자가 넘긴 함수 λ로 lr_e = lr₀·λ(e)를 정한다. 감쇠가 지수적인 것은 "
        "λ(e) = γ^e일 때뿐이고, 그것이 ExponentialLR이 하는 일이다(에폭마다 비율 γ).",
    ),
    "cosine_annealing_lr": Korean(
        title="CosineAnnealingLR: T_max 에폭 동안 η_max에서 η_min으로, 그 뒤로는 주기적",
        statement="η_t = η_min + (η_max − η_min)(1 + cos(πt/T_max))/2는 η_max에서 시작해 t = T_max에서 "
        "η_min에 이르고, 닫힌 형태(closed form)로는 주기 2·T_max로 되풀이된다(T_max 뒤에는 다시 "
        "올라간다).",
    ),
    "cosine_annealing_recursive_form": Korean(
        title="CosineAnnealingLR의 재귀식은 닫힌 형태와 같다",
        statement="PyTorch는 η_(t+1) = η_min + (η_t − η_min)(1 + cos(π(t+1)/T))/(1 + cos(πt/T))로 "
        "갱신한다. t에서 닫힌 형태로 시작하면 이 식은 t + 1에서의 닫힌 형태를 준다.",
        conventions=("cos(πt/T) ≠ −1일 때, 즉 t = T, 3T, …가 아닐 때 성립한다.",),
    ),
    "reduce_lr_on_plateau": Korean(
        title="ReduceLROnPlateau: k번 줄인 뒤의 학습률은 max(lr₀·factorᵏ, min_lr)",
        statement="감시하는 지표가 `patience` 에폭보다 오래 나아지지 않을 때마다 학습률에 factor < 1을 "
        "곱하고 min_lr 아래로는 내리지 않는다. 이를 k번 하면 max(lr₀·factorᵏ, min_lr)이다. 언제 "
        "줄어드는지는 공식이 아니라 지표에 달렸다.",
        conventions=(
            "c > 0에 대해 factor = 1/(1 + c)로 써서, PyTorch가 요구하는 0 < factor < 1을 나타낸다.",
        ),
        hypothesis="k번 줄인 뒤의 학습률이 max(lr₀·factorᵏ, min_lr)라고 가정한다. 한 번 더 줄이면 factor를 "
        "곱하고 min_lr 아래로 내리지 않는다.",
    ),
}
