"""Why a section of a note has no record (:mod:`symdl.catalog.coverage`), in Korean."""

from __future__ import annotations

__all__ = ["REASONS"]

REASONS: dict[str, str] = {
    "history or biography: nothing to prove": "역사나 인물 소개: 증명할 것이 없다",
    "practical advice or an empirical observation, not a mathematical claim": (
        "실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "a definition or description in words; its formulas are covered where they are used": (
        "말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다"
    ),
    "a definition or description in words; its formulas are covered where they are used "
    "(its figures are not included)": (
        "말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다(노트의 그림은 포함되어 있지 않다)"
    ),
    "'converges faster than sigmoid or tanh' is practical advice or an empirical observation, "
    "not a mathematical claim": (
        "'시그모이드나 tanh보다 빨리 수렴한다'는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "'a regularisation technique' and 'suits sequence data' are descriptions": (
        "'규제 기법의 하나'와 '시퀀스 데이터에 적합하다'는 설명이다"
    ),
    "'hard to parallelise' is practical advice or an empirical observation, not a mathematical claim": (
        "'병렬화하기 어렵다'는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "'why zero-centring' is practical advice or an empirical observation, not a mathematical claim": (
        "'왜 0 중심화를 하는가'는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "class imbalance and other metrics are practical advice or an empirical observation, "
    "not a mathematical claim": (
        "클래스 불균형과 다른 평가 지표는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "early stopping is a procedure": "조기 종료는 절차다",
    "early stopping, norm penalties, augmentation, noise, CutMix/CutOut/Mixup are listed by name only": (
        "조기 종료, 노름 페널티, 데이터 증강, 잡음 추가, CutMix/CutOut/Mixup은 이름만 나열되어 있다"
    ),
    "multi-head attention is a definition or description in words; its formulas are covered where "
    "they are used": ("멀티 헤드 어텐션은 말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다"),
    "the effect of too high or too low rates is practical advice or an empirical observation, "
    "not a mathematical claim": (
        "학습률이 너무 크거나 작을 때의 효과는 실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "the encoder–decoder diagram is a definition or description in words; its formulas are covered "
    "where they are used": ("인코더–디코더 그림은 말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다"),
    "the typical rates 0.2–0.5 and the need for more epochs are practical advice or an empirical "
    "observation, not a mathematical claim": (
        "흔히 쓰는 비율 0.2–0.5와 에폭이 더 필요하다는 점은 "
        "실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "where each is used (output layer, most common) is practical advice or an empirical observation, "
    "not a mathematical claim": (
        "각각을 어디에 쓰는지(출력층, 가장 흔한 경우)는 "
        "실용적인 조언이나 경험적 관찰이지 수학적 주장이 아니다"
    ),
    "'find the best rate through such techniques and experience' is practical advice or an empirical "
    "observation, not a mathematical claim": (
        "'이런 기법과 경험으로 최적의 학습률을 찾는 것이 중요하다'는 실용적인 조언이나 경험적 관찰이지 "
        "수학적 주장이 아니다"
    ),
    "what an RNN is (a model for sequences that feeds its hidden state back) is a definition or "
    "description in words; its formulas are covered where they are used": (
        "RNN이 무엇인지(은닉 상태를 다시 입력으로 보내는, 시퀀스를 위한 모델)는 말로 된 정의나 설명이다. 그 "
        "수식은 쓰이는 곳에서 다룬다"
    ),
    "what attention and self-attention relate (two sequences; one sequence with itself) is a "
    "definition or description in words; its formulas are covered where they are used": (
        "어텐션과 셀프 어텐션이 무엇을 잇는지(두 시퀀스; 한 시퀀스와 그 자신)는 말로 된 정의나 설명이다. "
        "그 수식은 쓰이는 곳에서 다룬다"
    ),
    "how much time an exp() takes depends on the machine; that σ needs one is counted": (
        "exp() 한 번에 드는 시간은 기계에 따라 다르다. σ에 exp()가 하나 필요하다는 것은 세었다"
    ),
    "'gradient descent applies one learning rate to every parameter' is a definition or description in "
    "words; its formulas are covered where they are used": (
        "'경사 하강법은 모든 파라미터에 같은 학습률을 적용한다'는 말로 된 정의나 설명이다. 그 수식은 쓰이는 "
        "곳에서 다룬다"
    ),
    "what overfitting looks like is an empirical observation; iteration and epoch are a definition or "
    "description in words; its formulas are covered where they are used": (
        "과적합이 어떤 모습인지는 경험적 관찰이다. 이터레이션과 에폭은 말로 된 정의나 설명이다. 그 수식은 "
        "쓰이는 곳에서 다룬다"
    ),
    "the terms (unit, layers, perceptron, MLP, fully connected) are a definition or description in words; "
    "its formulas are covered where they are used": (
        "용어(유닛, 층, 퍼셉트론, MLP, 완전 연결)는 말로 된 정의나 설명이다. 그 수식은 쓰이는 곳에서 다룬다"
    ),
}
