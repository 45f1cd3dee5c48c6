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
    "minibatches_not_all_the_same_size": Korean(
        title="배치 크기가 데이터 수를 나눌 때만 미니배치의 크기가 모두 같다",
        statement="노트는 미니배치를 전체 데이터를 같은 크기의 그룹으로 나눈 것이라고 정의한다. 판단이 "
        "필요하다: 배치 크기가 N을 나누거나 마지막의 짧은 배치를 버리면(drop_last) 참이다. 여기서는 쓰인 "
        "그대로, 샘플 1000개를 300개씩 나누는 경우로 확인한다.",
        truth="샘플 N개를 B개씩 나누면 가득 찬 배치 ⌊N/B⌋개와, B가 N을 나누지 않으면 샘플 "
        "N − B·⌊N/B⌋ = N mod B개인 마지막 배치가 생긴다: 여기서는 300, 300, 300, 100이다. 데이터 로더는 "
        "기본값으로 이 짧은 배치를 남기거나(에폭마다 스텝이 하나 더, steps_per_training_run) 요청하면 "
        "버린다.",
    ),
}
