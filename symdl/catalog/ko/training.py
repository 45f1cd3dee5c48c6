"""The records of :mod:`symdl.catalog.training` in Korean (epochs, batches and steps)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "steps_worked_example": Korean(
        title="예제: 샘플 1000개, 배치 100, 10 에폭이면 100 스텝",
        statement="10 에폭 × (1000/100) 배치 = 옵티마이저 스텝 100번.",
    ),
    "steps_per_training_run": Korean(
        title="스텝 수 = 에폭 × ⌈N / 배치 크기⌉",
        statement="노트의 규칙 steps = epochs × (data / batch_size)는 샘플 1000개를 배치 300으로 나누면 "
        "10 × 1000/300 = 33.3 스텝을 준다.",
        truth="스텝은 배치(batch) 하나이고, 마지막의 짧은 배치도 (버리지 않는 한) 한 스텝이다: "
        "steps = epochs × ⌈N/batch_size⌉, 여기서는 10 × 4 = 40이다. 노트의 곱은 batch_size가 N을 "
        "나누어떨어뜨릴 때만 맞고, 노트 자신의 예제가 그런 경우다.",
    ),
}
