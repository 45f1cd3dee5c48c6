"""The glossary (용어집): every term the Korean text uses, in Korean and English.

Korean deep-learning writing has no settled vocabulary: the same English term is written as a
native word, a Sino-Korean word or a transliteration, depending on the textbook, the translation
or the community (gradient: 기울기, 그래디언트, 경사, 변화도).  Each :class:`Term` gives the
rendering this project uses (``korean``), the others a student will meet (``others``), and, where
it helps, a note in Korean on the difference.  The site's 용어집 page is generated from ``TERMS``.

``tests/test_korean.py`` checks that every term the Korean text introduces with its English in
parentheses, e.g. ``기울기 소실(vanishing gradient)``, is listed here under that rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TERMS", "Term", "lookup"]


@dataclass(frozen=True)
class Term:
    """One term: the English, the Korean used here, other Korean renderings, and a note (Korean)."""

    english: str
    korean: str
    others: tuple[str, ...] = ()
    note: str = ""
    short: str = ""  # an abbreviation students meet instead of the English (MSE, CE)

    @property
    def renderings(self) -> tuple[str, ...]:
        return (self.korean, *self.others)


TERMS: tuple[Term, ...] = (
    # -- calculus and linear algebra -------------------------------------------------------------------
    Term(
        "gradient",
        "기울기",
        ("그래디언트", "경사", "변화도"),
        "가장 흔한 번역은 기울기이고, 노트들도 주로 기울기를 쓰며 그래디언트도 섞어 쓴다. "
        "경사는 '경사 하강법'에 남아 있고, 변화도는 일부 번역 문서에서 쓴다. 기울기는 한 변수 "
        "함수의 기울기(slope, 미분계수)와 같은 말이 되므로, 벡터라는 점을 강조할 때는 "
        "그래디언트라고 쓰기도 한다.",
    ),
    Term("slope", "기울기", ("경사",), "한 변수 함수의 미분계수. 여러 변수이면 그래디언트가 된다."),
    Term(
        "derivative", "도함수", ("미분", "미분계수"), "미분은 미분하는 일과 그 결과를 함께 가리키기도 한다."
    ),
    Term("chain rule", "연쇄 법칙", ("체인 룰", "연쇄 규칙")),
    Term("quotient rule", "몫의 미분법", ("나눗셈 미분법",)),
    Term("Jacobian", "야코비안", ("자코비안", "야코비 행렬"), "독일어 이름 Jacobi를 따라 야코비로 읽는다."),
    Term("Hessian", "헤세 행렬", ("헤시안", "헤세 행렬식")),
    Term("closed form", "닫힌 형태", ("닫힌 꼴", "폐형식")),
    Term(
        "convex",
        "볼록",
        ("컨벡스",),
        "볼록 함수(convex function)는 두 점을 잇는 선분이 그래프 위에 있는 함수.",
    ),
    Term("positive semi-definite", "양의 준정부호", ("양의 반정부호", "양반정치")),
    Term(
        "global minimum",
        "전역 최솟값",
        ("전역 최소점", "전역 최소"),
        "최솟값은 사이시옷을 넣어 쓰는 것이 맞춤법에 맞다.",
    ),
    Term(
        "singular value",
        "특이값",
        ("특잇값",),
        "맞춤법으로는 특잇값이지만 교재와 논문 번역은 대부분 특이값을 쓴다.",
    ),
    Term("singular value decomposition", "특이값 분해", ("특잇값 분해", "SVD")),
    Term("eigenvalue", "고유값", ("고윳값",), "맞춤법으로는 고윳값이지만 흔히 고유값이라 쓴다."),
    Term("affine map", "아핀 변환", ("어파인 변환",)),
    Term("convex function", "볼록 함수", ("컨벡스 함수",)),
    Term(
        "Kronecker delta",
        "크로네커 델타",
        ("크로네커 기호",),
        "i = j이면 1, 아니면 0인 δ_ij. 합 Σ_j f(j) δ_ij에서 j = i인 항 하나만 남긴다.",
    ),
    Term("linearity", "선형성", (), "합의 미분은 미분의 합, 합의 기댓값은 기댓값의 합이라는 성질."),
    Term(
        "geometric series",
        "등비급수",
        ("기하급수",),
        "공비가 r인 항들의 합: Σ_{i=1}^{t} r^i = r(1 − rᵗ)/(1 − r).",
    ),
    Term(
        "index notation",
        "첨자 표기",
        ("인덱스 표기", "성분 표기"),
        "행렬과 벡터를 성분 x_i, W_ij와 합 Σ로 풀어 쓰는 방식. 크기를 기호 N으로 둔 채 계산할 수 있다.",
    ),
    Term("linear programming", "선형 계획법", ("선형 프로그래밍", "선형 계획")),
    # -- probability and statistics --------------------------------------------------------------------
    Term(
        "bias",
        "편향",
        ("바이어스", "치우침"),
        "두 뜻이 있다. 추정량의 편향(기댓값과 참값의 차이)과 층의 편향 항 b(바이어스). "
        "이 사이트는 둘 다 편향이라 쓰고, 층의 b는 '편향 항'이라고 구분한다.",
    ),
    Term("variance", "분산"),
    Term("expectation", "기댓값", ("기대값",), "맞춤법으로는 기댓값이다. 기대값도 흔히 보인다."),
    Term("covariance", "공분산", (), "분산을 여러 변수로 넓힌 것. 공분산 행렬은 늘 양의 준정부호다."),
    Term("independence", "독립", ("독립성",), "독립인 두 확률 변수는 E[XY] = E[X]E[Y]를 만족한다."),
    Term("uniform distribution", "균등 분포", ("균일 분포",)),
    Term("normal distribution", "정규 분포", ("가우스 분포", "가우시안 분포")),
    Term("cumulative distribution function", "누적 분포 함수", ("CDF",)),
    Term(
        "maximum likelihood estimation",
        "최대 우도 추정",
        ("최대 가능도 추정", "최대우도법"),
        "likelihood를 통계학 교재는 가능도, 공학 쪽은 우도라고 흔히 쓴다.",
        short="MLE",
    ),
    Term("negative log-likelihood", "음의 로그 우도", ("음의 로그 가능도",), short="NLL"),
    Term("outlier", "이상치", ("이상값", "아웃라이어")),
    Term("exponential moving average", "지수 이동 평균", ("지수 가중 이동 평균",), short="EMA"),
    Term("principal component analysis", "주성분 분석", (), short="PCA"),
    Term("whitening", "화이트닝", ("백색화",)),
    Term("trace", "대각합", ("트레이스",)),
    Term("zero-centring", "0 중심화", ("제로 센터링", "평균 빼기")),
    Term(
        "standardization",
        "표준화",
        (),
        "평균을 빼고 표준편차로 나누는 것. 정규화(normalization)와 섞어 부르기도 한다.",
    ),
    # -- networks ---------------------------------------------------------------------------------------
    Term("weight", "가중치", ("웨이트",)),
    Term(
        "parameter",
        "파라미터",
        ("매개변수", "모수"),
        "노트들은 파라미터와 매개변수를 둘 다 쓴다. 통계학에서는 모수라고도 한다.",
    ),
    Term("hyperparameter", "하이퍼파라미터", ("초매개변수", "초모수")),
    Term("weight initialization", "가중치 초기화"),
    Term("Xavier initialization", "Xavier 초기화", ("자비에 초기화", "Glorot 초기화", "글로럿 초기화")),
    Term("He initialization", "He 초기화", ("카이밍 초기화", "Kaiming 초기화")),
    Term("pre-activation", "사전 활성화", ("활성화 전 값",), "활성화 함수에 들어가기 전의 값 z = Wx + b."),
    Term("activation function", "활성화 함수", ("활성 함수",)),
    Term("nonlinear function", "비선형 함수"),
    Term("sigmoid", "시그모이드"),
    Term("hyperbolic tangent", "쌍곡탄젠트", ("하이퍼볼릭 탄젠트", "tanh")),
    Term("softmax", "소프트맥스"),
    Term(
        "weight decay",
        "가중치 감쇠",
        ("웨이트 디케이", "가중치 감소"),
        "매 스텝 가중치를 조금씩 0 쪽으로 줄이는 규제.",
    ),
    Term(
        "log-sum-exp",
        "로그-합-지수",
        ("로그섬익스프", "LSE"),
        "log Σ exp(z_j)를 최댓값을 빼고 계산하는 방법; 교차 엔트로피를 넘침 없이 계산할 때 쓴다.",
    ),
    Term("logit", "로짓", (), "소프트맥스나 시그모이드에 들어가기 전의 점수."),
    Term(
        "Kahan",
        "카핸",
        ("보정 합산", "Kahan 합산"),
        "카핸 합산: 덧셈마다 생기는 반올림 오차를 따로 모아 다음 덧셈에 되돌려 주는 합산법. 길이와 상관없이 "
        "오차가 약 2u·Σ|항|에 머문다.",
    ),
    Term("saturation", "포화", (), "입력이 커져도 출력이 거의 변하지 않아 기울기가 0에 가까운 상태."),
    Term("dead ReLU", "죽은 ReLU", ("dying ReLU",)),
    Term("convention", "관례", ("규약", "컨벤션")),
    Term("forward pass", "순전파", ("포워드 패스",)),
    Term("backpropagation", "역전파", ("오차 역전파", "백프로파게이션")),
    Term("upstream gradient", "상류 기울기", ("업스트림 그래디언트", "위에서 내려온 기울기")),
    Term("vanishing gradient", "기울기 소실", ("그래디언트 소실", "기울기 소멸")),
    Term("exploding gradient", "기울기 폭발", ("그래디언트 폭주", "기울기 폭주")),
    Term("feature", "특성", ("특징", "피처")),
    Term("multilayer perceptron", "다층 퍼셉트론", (), short="MLP"),
    Term("linearly separable", "선형 분리 가능", ("선형 분리할 수 있는",)),
    Term("residual connection", "잔차 연결", ("스킵 연결", "지름길 연결")),
    Term("dropout", "드롭아웃"),
    Term("mini-batch", "미니배치", ("미니 배치",)),
    Term("inverted dropout", "역 드롭아웃", ("인버티드 드롭아웃",)),
    Term(
        "regularization",
        "규제",
        ("정규화", "정칙화"),
        "노트들은 드롭아웃과 배치 정규화를 '정규화(regularization) 기법'이라 부른다. 하지만 "
        "정규화는 normalization의 번역이기도 해서 헷갈린다. 이 사이트는 regularization을 규제, "
        "normalization을 정규화라고 쓴다.",
    ),
    Term("normalization", "정규화", ("노멀라이제이션",), "regularization(규제)과 구별하자."),
    Term("batch normalization", "배치 정규화", ("배치 노멀라이제이션", "BatchNorm")),
    Term(
        "layer normalization",
        "층 정규화",
        ("레이어 정규화", "LayerNorm"),
        "노트들은 층 정규화와 레이어 정규화를 둘 다 쓴다.",
    ),
    # -- losses ---------------------------------------------------------------------------------------
    Term("loss function", "손실 함수", ("비용 함수", "손실함수")),
    Term("mean squared error", "평균 제곱 오차", ("평균 제곱 오류",), short="MSE"),
    Term("mean absolute error", "평균 절대 오차", ("평균 절대 오류",), short="MAE"),
    Term("cross-entropy", "교차 엔트로피", ("크로스 엔트로피",), short="CE"),
    Term("binary cross-entropy", "이진 교차 엔트로피", ("바이너리 크로스 엔트로피",), short="BCE"),
    Term("one-hot", "원-핫", ("원핫",)),
    Term("label smoothing", "레이블 스무딩", ("라벨 스무딩",)),
    # -- optimisation ----------------------------------------------------------------------------------
    Term("gradient descent", "경사 하강법", ("경사하강법", "기울기 하강법")),
    Term(
        "learning rate",
        "학습률",
        ("학습 속도", "러닝 레이트"),
        "학습 속도라는 번역은 '학습이 빨리 끝난다'는 뜻과 헷갈리므로 이 사이트는 학습률을 쓴다.",
    ),
    Term("learning-rate scheduler", "학습률 스케줄러", ("러닝 레이트 스케줄러",)),
    Term("momentum", "모멘텀", ("관성",)),
    Term("bias correction", "편향 보정", ("편향 수정",), "노트들은 편향 보정과 편향 수정을 둘 다 쓴다."),
    Term("optimizer", "옵티마이저", ("최적화기", "최적화 알고리즘")),
    Term("epoch", "에폭", ("에포크",), "데이터 전체를 한 번 훑는 것."),
    Term("batch", "배치", ("미니배치",), "한 번의 스텝에 쓰는 샘플 묶음. 정확히는 미니배치(mini-batch)다."),
    Term("step", "스텝", ("반복", "이터레이션"), "파라미터를 한 번 갱신하는 것."),
    # -- sequence models and attention ---------------------------------------------------------------------
    Term(
        "recurrent neural network",
        "순환 신경망",
        ("RNN",),
        "재귀 신경망(recursive neural network)은 다른 모델이다.",
    ),
    Term("hidden state", "은닉 상태", ("히든 스테이트",)),
    Term("cell state", "셀 상태"),
    Term("forget gate", "망각 게이트", ("포겟 게이트",)),
    Term("update gate", "업데이트 게이트", ("갱신 게이트",)),
    Term("peephole connection", "핍홀 연결", ("엿보기 연결",)),
    Term("backpropagation through time", "시간 역전파", ("BPTT", "시간에 따른 역전파")),
    Term("attention", "어텐션", ("주의 집중", "주의 메커니즘")),
    Term("self-attention", "셀프 어텐션", ("자기 주의", "셀프 주의")),
    Term("scaled dot-product attention", "스케일드 닷-프로덕트 어텐션", ("스케일 내적 어텐션",)),
    Term(
        "causal mask",
        "인과 마스크",
        ("코잘 마스크", "룩어헤드 마스크(look-ahead mask)", "하삼각 마스크"),
        "디코더가 뒤쪽 위치를 보지 못하도록 점수를 −∞로 가리는 것.",
    ),
    Term("value vector", "값 벡터", ("밸류 벡터", "V 벡터")),
    Term(
        "positional encoding",
        "포지셔널 인코딩",
        ("위치 인코딩", "포지션 임베딩"),
        "노트들은 포지셔널 인코딩과 포지션 임베딩을 쓴다. 학습하는 위치 임베딩(positional embedding)과는 "
        "다르다: 이 사이트의 인코딩은 사인·코사인으로 정해진 값이다.",
    ),
    Term("embedding", "임베딩"),
    Term("positional embedding", "위치 임베딩", ("포지션 임베딩",), "학습으로 정하는 위치별 벡터."),
    Term("recursive neural network", "재귀 신경망", (), "트리 구조를 따라 같은 층을 적용하는 모델."),
    # -- numerics and this project -----------------------------------------------------------------------
    Term("cancellation", "상쇄", ("자릿수 상쇄",), "거의 같은 두 수를 빼서 유효 숫자를 잃는 것."),
    Term("subnormal", "비정규 수", ("서브노멀 수", "비정규화 수")),
    Term("elementwise", "원소별", ("요소별", "성분별"), "배열의 원소마다 따로 같은 계산을 하는 것."),
    Term(
        "row-major", "행 우선", ("로우 메이저",), "같은 행의 원소가 메모리에 이어져 있는 배치(NumPy 기본값)."
    ),
    Term(
        "kernel", "커널", (), "배열을 받아 계산하는 컴파일된 함수. 여기서는 증명한 식에서 생성한 numba 함수."
    ),
    Term("derivation", "유도", ("도출",)),
    Term("claim", "주장"),
    Term("proof", "증명"),
    Term("symbolic computation", "기호 계산", ("심볼릭 계산", "기호 연산")),
    Term("finite difference", "유한 차분", ("유한 차분법",)),
    Term(
        "induction",
        "귀납법",
        ("수학적 귀납법",),
        "기저 사례와 귀납 단계를 보여서 모든 t(또는 T, k)에서 성립함을 증명하는 방법.",
    ),
    Term("base case", "기저 사례", ("기초 단계", "초기 단계")),
    Term("inductive step", "귀납 단계"),
    Term("induction hypothesis", "귀납 가정", ("귀납 가설",)),
    Term(
        "cross-check",
        "교차 확인",
        ("교차 점검",),
        "같은 주장을 다른 방법(여기서는 정해진 크기의 행렬)으로 한 번 더 확인하는 것. 데이터를 나눠 모델을 "
        "평가하는 교차 검증과는 다른 말이다.",
    ),
    Term(
        "overflow", "오버플로", ("넘침",), "부동소수점 수가 나타낼 수 있는 가장 큰 값을 넘어 inf가 되는 것."
    ),
    Term(
        "underflow", "언더플로", ("아래넘침",), "0이 아닌 값이 너무 작아 0(또는 비정규 수)으로 반올림되는 것."
    ),
    Term(
        "answer key",
        "정답지",
        ("모범 답안", "채점 기준"),
        "여기서는 symdl.testing: 증명한 커널과 비교해 내 구현을 채점하는 도구.",
    ),
    Term(
        "unit roundoff",
        "단위 반올림 오차",
        ("기계 엡실론", "머신 엡실론"),
        "반올림 한 번의 최대 상대 오차 u. float32는 2⁻²⁴, float64는 2⁻⁵³. 기계 엡실론은 흔히 그 두 배를 "
        "가리킨다.",
    ),
    Term(
        "unit in the last place",
        "마지막 자리 단위",
        (),
        "한 부동소수점 수와 바로 옆 수의 간격. 오차를 재는 단위로 쓰며, 보통 영어 약자 ulp를 그대로 쓴다.",
        short="ulp",
    ),
    Term("tolerance", "허용 오차", ("허용치", "톨러런스")),
    Term(
        "conditioning",
        "조건",
        ("조건화",),
        "입력이 조금 바뀔 때 출력이 얼마나 바뀌는가. 그 비율이 조건수다.",
    ),
    Term("condition number", "조건수", ("조건 수",)),
    Term("reduction", "축약", ("리덕션", "환원"), "배열을 합이나 최댓값처럼 더 작은 배열로 줄이는 계산."),
    Term("transpose", "전치", ("트랜스포즈",), "행렬의 행과 열을 바꾸는 것."),
    Term(
        "erratum",
        "정오표 항목",
        ("오류", "정오"),
        "노트가 틀린 곳과 맞는 내용. 사이트의 '정오표' 페이지에 모았다.",
    ),
)


def lookup(english: str) -> Term:
    """The term whose English (or abbreviation) is ``english``, case-insensitively."""
    key = english.casefold()
    for term in TERMS:
        if key in (term.english.casefold(), term.short.casefold()):
            return term
    raise KeyError(f"no glossary term {english!r}: add it to symdl/catalog/glossary.py")
