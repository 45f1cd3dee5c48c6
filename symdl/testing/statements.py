"""What each exercise asks for: the stub's signature and its docstring, in Korean and English.

Written for the exercises (not taken from the notes); the formulas are the ones symdl's
kernels compute and its catalog proves.  ``source`` names the note and section the formula
comes from, as the catalog cites it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["STATEMENTS", "Statement"]


@dataclass(frozen=True)
class Statement:
    signature: str  # the parameter list of the stub, as written in the file
    korean: str
    english: str
    source: str


STATEMENTS: dict[str, Statement] = {
    "sigmoid_grad": Statement(
        "x",
        """시그모이드 σ(x) = 1/(1 + e^(−x))의 도함수를 원소별로 계산합니다.

    x는 활성화 함수에 들어가기 전의 값(pre-activation)입니다. 모양은 자유이며
    dtype은 float32 또는 float64입니다. σ′(x) = σ(x)·(1 − σ(x))를 x와 같은 모양,
    같은 dtype으로 돌려주세요. |x|가 아주 커도(예: ±100) NaN이나 inf가 나오면 안
    됩니다. 양쪽 끝에서 σ′(x)는 0에 가까워집니다.""",
        """The derivative of the sigmoid σ(x) = 1/(1 + e^(−x)), element by element.

    x is the pre-activation (the input of σ), of any shape, float32 or float64.
    Return σ′(x) = σ(x)·(1 − σ(x)) with the shape and dtype of x.  Very large |x|
    (say ±100) must not give NaN or inf: σ′(x) tends to 0 at both ends.""",
        "ML LifeCycle weekly summary, Drawbacks of activation functions: sigmoid",
    ),
    "tanh_grad": Statement(
        "x",
        """쌍곡탄젠트 tanh의 도함수를 원소별로 계산합니다.

    x는 tanh에 들어가는 값이지 tanh(x)의 결과가 아닙니다. tanh′(x) = 1 − tanh(x)²
    (= 1/cosh²(x))를 x와 같은 모양, 같은 dtype(float32 또는 float64)으로 돌려주세요.
    |x|가 커도 NaN이 나오면 안 됩니다.""",
        """The derivative of tanh, element by element.

    x is the input of tanh, not its output.  Return tanh′(x) = 1 − tanh(x)²
    (= 1/cosh²(x)) with the shape and dtype (float32 or float64) of x.  Large |x|
    must not give NaN.""",
        "ML LifeCycle weekly summary, RNN: drawbacks (vanishing gradient)",
    ),
    "relu_grad": Statement(
        "x",
        """ReLU의 도함수를 원소별로 계산합니다.

    ReLU(x) = max(0, x)이므로 도함수는 x > 0에서 1, x < 0에서 0입니다. x = 0에서는
    미분할 수 없는데, 이 커널은 PyTorch처럼 왼쪽 값 0을 씁니다(조건은 x >= 0이 아니라
    x > 0). x와 같은 모양, 같은 dtype(float32 또는 float64)의 배열을 돌려주세요.""",
        """The derivative of ReLU, element by element.

    ReLU(x) = max(0, x), so its derivative is 1 for x > 0 and 0 for x < 0.  At x = 0
    it is not defined; this kernel, like PyTorch, takes the value from the left, 0 (the
    test is x > 0, not x >= 0).  Return an array with the shape and dtype (float32 or
    float64) of x.""",
        "ML LifeCycle weekly summary, ReLU",
    ),
    "leaky_relu_grad": Statement(
        "x, negative_slope=0.01",
        """Leaky ReLU의 도함수를 원소별로 계산합니다.

    Leaky ReLU(x)는 x > 0이면 x, 아니면 negative_slope·x입니다. 도함수는 x > 0에서 1,
    x ≤ 0에서 negative_slope입니다. x = 0에서도 PyTorch처럼 negative_slope입니다.
    negative_slope는 인자로 받은 값을 쓰세요(0.01은 기본값일 뿐입니다). x와 같은 모양,
    같은 dtype으로 돌려주세요.""",
        """The derivative of Leaky ReLU, element by element.

    Leaky ReLU(x) is x for x > 0 and negative_slope·x otherwise, so its derivative is 1
    for x > 0 and negative_slope for x ≤ 0 -- at x = 0 too, as in PyTorch.  Use the
    negative_slope you are given (0.01 is only its default).  Return an array with the
    shape and dtype of x.""",
        "ML LifeCycle weekly summary, Leaky ReLU",
    ),
    "elu_grad": Statement(
        "x, alpha=1.0",
        """ELU의 도함수를 원소별로 계산합니다.

    ELU(x)는 x > 0이면 x, x ≤ 0이면 α(eˣ − 1)입니다. 도함수는 x > 0에서 1, x ≤ 0에서
    α·eˣ이고, x = 0에서는 PyTorch처럼 α입니다(α = 1이 아니면 1과 다릅니다). x와 같은
    모양, 같은 dtype으로 돌려주세요. x가 1000처럼 커도 NaN이 나오면 안 됩니다. exp(1000)은
    inf이고 0·inf는 NaN이므로, 가지(branch)는 마스크를 곱하지 말고 np.where로 고르세요.""",
        """The derivative of ELU, element by element.

    ELU(x) is x for x > 0 and α(eˣ − 1) for x ≤ 0, so its derivative is 1 for x > 0
    and α·eˣ for x ≤ 0; at x = 0 it is α, as in PyTorch (which differs from 1 unless
    α = 1).  Return an array with the shape and dtype of x.  Large x (say 1000) must not
    give NaN: exp(1000) is inf and 0·inf is NaN, so pick the branches with np.where
    rather than by multiplying with masks.""",
        "ML LifeCycle weekly summary, ELU (Exponential Linear Unit)",
    ),
    "gelu_grad": Statement(
        "x",
        """정확한 GELU의 도함수를 원소별로 계산합니다.

    GELU(x) = x·Φ(x)이고, Φ(x) = (1 + erf(x/√2))/2는 표준 정규 분포의 누적 분포 함수,
    φ(x) = exp(−x²/2)/√(2π)는 그 밀도입니다. 곱의 미분으로 GELU′(x) = Φ(x) + x·φ(x)를
    x와 같은 모양, 같은 dtype으로 돌려주세요. tanh 근사
    0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))가 아니라 erf로 쓴 정확한 GELU입니다.
    NumPy에는 erf가 없으니 math.erf를 원소마다 적용하거나(np.vectorize) scipy.special.erf를
    쓰세요.""",
        """The derivative of the exact GELU, element by element.

    GELU(x) = x·Φ(x), where Φ(x) = (1 + erf(x/√2))/2 is the standard normal CDF and
    φ(x) = exp(−x²/2)/√(2π) its density.  By the product rule GELU′(x) = Φ(x) + x·φ(x):
    return it with the shape and dtype of x.  This is the exact GELU with erf, not the
    tanh approximation 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).  NumPy has no erf: apply
    math.erf element by element (np.vectorize) or use scipy.special.erf.""",
        "Deep learning basics, Deep learning structure (linear → nonlinear)",
    ),
    "softmax": Statement(
        "z",
        """마지막 축(axis=-1)에 대한 소프트맥스입니다.

    z의 모양은 (..., D)이며 각 행이 하나의 분포입니다. p_i = e^(z_i) / Σ_j e^(z_j)를
    z와 같은 모양, 같은 dtype으로 돌려주세요. 각 행의 합은 1입니다. 로짓이 ±1000처럼
    커도 동작해야 합니다(e^z는 float32에서 약 88, float64에서 약 709를 넘으면 inf가
    됩니다). 한 행의 모든 값에서 같은 상수를 빼도 소프트맥스는 변하지 않습니다.""",
        """Softmax over the last axis.

    z has shape (..., D); each row is one distribution.  Return p with
    p_i = e^(z_i) / Σ_j e^(z_j), with the shape and dtype of z; every row sums to 1.
    Logits as large as ±1000 must work (e^z overflows to inf above about 88 in float32
    and 709 in float64).  Softmax does not change when one constant is subtracted from
    a whole row.""",
        "DL — Deep Learning Techniques, Activations: softmax",
    ),
    "softmax_cross_entropy": Statement(
        "logits, labels",
        """행(샘플)마다의 소프트맥스 교차 엔트로피 손실입니다.

    logits는 (N, C), labels는 [0, C) 범위의 정수 클래스 번호 N개입니다. 행 n의 손실
    L_n = −log softmax(logits[n])[labels[n]] = log Σ_j exp(logits[n, j]) − logits[n, labels[n]]
    을 (N,) 모양, logits와 같은 dtype으로 돌려주세요. 평균을 내지 마세요(배치 평균은
    결과의 .mean()입니다). 로짓이 ±1000처럼 크거나, 틀린 클래스를 아주 확신해서 정답의
    확률이 0으로 언더플로해도 손실은 유한해야 합니다. 행의 최댓값 m으로
    log Σ exp(z) = m + log Σ exp(z − m)을 쓰세요.""",
        """The softmax cross-entropy loss of each row (sample).

    logits is (N, C); labels holds N integer classes in [0, C).  Return the loss of each
    row, L_n = −log softmax(logits[n])[labels[n]] = log Σ_j exp(logits[n, j]) − logits[n, labels[n]],
    shape (N,), in the dtype of logits -- not the mean (the batch mean is .mean() of the
    result).  Logits as large as ±1000, and a confident wrong prediction whose true-class
    probability underflows to 0, must still give finite losses: with m the row maximum,
    log Σ exp(z) = m + log Σ exp(z − m).""",
        "Deep Learning, Loss functions: categorical cross-entropy",
    ),
    "softmax_cross_entropy_grad": Statement(
        "logits, labels",
        """소프트맥스 교차 엔트로피 손실의 로짓에 대한 기울기입니다.

    logits는 (N, C), labels는 [0, C) 범위의 정수 클래스 번호 N개입니다. 손실은 배치에
    대한 합 L = Σ_n −log softmax(logits)[n, labels[n]]입니다(평균이 아닙니다).
    ∂L/∂logits = softmax(logits) − onehot(labels)를 행마다 계산해 (N, C) 모양,
    logits와 같은 dtype으로 돌려주세요. 평균 손실이라면 여기에 1/N을 곱하지만 이
    함수는 곱하지 않습니다.""",
        """The gradient of the softmax cross-entropy loss with respect to the logits.

    logits is (N, C); labels holds N integer classes in [0, C).  The loss is the sum
    over the batch, L = Σ_n −log softmax(logits)[n, labels[n]] (not the mean).  Return
    ∂L/∂logits = softmax(logits) − onehot(labels), row by row, shape (N, C), in the
    dtype of logits.  (The mean loss would scale this by 1/N; this function does not.)""",
        "Deep Learning, Loss functions: categorical cross-entropy",
    ),
    "batchnorm_forward": Statement(
        "x, gamma, beta, eps=1e-5",
        """학습 모드 배치 정규화(BatchNorm)의 순전파입니다.

    x는 (N, D)입니다. 각 특성(열) j마다 배치 평균 μ_j = (1/N) Σ_n x_nj와 편향 분산
    σ²_j = (1/N) Σ_n (x_nj − μ_j)²(N으로 나눔, np.var의 기본값)을 구해
    y = γ·(x − μ)/√(σ² + ε) + β를 계산합니다(ε는 제곱근 안, γ와 β는 (D,)).
    (y, mean, var)를 돌려주세요. y는 (N, D), mean과 var는 (D,)이며 μ와 σ² 그 자체입니다
    (PyTorch의 running_var인 N/(N − 1)·σ²가 아닙니다). dtype은 x를 따릅니다. 평균이 크고
    퍼짐이 작은 배치(100 ± 0.01)에서도 정확해야 하므로, 분산은 평균을 먼저 뺀 뒤
    구하세요(mean(x²) − mean(x)²은 자릿수를 잃습니다).""",
        """The forward pass of BatchNorm in training mode.

    x is (N, D).  For each feature (column) j take the batch mean μ_j = (1/N) Σ_n x_nj and
    the biased variance σ²_j = (1/N) Σ_n (x_nj − μ_j)² (divided by N, np.var's default),
    and compute y = γ·(x − μ)/√(σ² + ε) + β (ε inside the root; γ and β are (D,)).
    Return (y, mean, var): y is (N, D), mean and var are (D,) and are μ and σ² themselves
    (not PyTorch's running_var, N/(N − 1)·σ²).  Keep the dtype of x.  A batch with a large
    mean and a small spread (100 ± 0.01) must come out right too: subtract the mean before
    squaring (mean(x²) − mean(x)² loses the digits).""",
        "DL — Deep Learning Techniques, Batch Normalization: procedure",
    ),
    "batchnorm_backward": Statement(
        "dy, x, gamma, eps=1e-5",
        """학습 모드 배치 정규화(BatchNorm)의 역전파입니다.

    순전파: x는 (N, D)이고 각 특성(열) j마다 배치 평균 μ_j = (1/N) Σ_n x_nj와
    편향 분산 σ²_j = (1/N) Σ_n (x_nj − μ_j)²(N으로 나눔)을 구해
    x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β 를 계산합니다(ε는 제곱근 안).
    역전파: dy = ∂L/∂y (N, D)가 주어지면 (dx, dgamma, dbeta)를 돌려주세요.
        dbeta  = Σ_n dy                                      (D,)
        dgamma = Σ_n dy·x̂                                    (D,)
        dx     = γ/(N·√(σ² + ε)) · (N·dy − Σ_n dy − x̂·Σ_n dy·x̂)   (N, D)
    μ와 σ²도 x에 의존하므로 dx는 단순히 γ·dy/√(σ² + ε)가 아닙니다. dtype은 x를 따릅니다.""",
        """The backward pass of BatchNorm in training mode.

    Forward: x is (N, D); for each feature (column) j the batch mean
    μ_j = (1/N) Σ_n x_nj and the biased variance σ²_j = (1/N) Σ_n (x_nj − μ_j)²
    (divided by N) give x̂ = (x − μ)/√(σ² + ε) and y = γ·x̂ + β (ε inside the root).
    Backward: given dy = ∂L/∂y, shape (N, D), return (dx, dgamma, dbeta):
        dbeta  = Σ_n dy                                      (D,)
        dgamma = Σ_n dy·x̂                                    (D,)
        dx     = γ/(N·√(σ² + ε)) · (N·dy − Σ_n dy − x̂·Σ_n dy·x̂)   (N, D)
    μ and σ² depend on x too, so dx is not just γ·dy/√(σ² + ε).  Keep the dtype of x.""",
        "DL — Deep Learning Techniques, Batch Normalization",
    ),
    "layernorm_forward": Statement(
        "x, gamma, beta, eps=1e-5",
        """층 정규화(LayerNorm)의 순전파입니다. 정규화는 마지막 축(특성)에 대해 합니다.

    x는 (..., D)입니다. 각 행(샘플)마다 자기 D개 특성의 평균 μ와 편향 분산
    σ² = (1/D) Σ_k (x_k − μ)²을 구하고 rstd = 1/√(σ² + ε),
    y = γ·(x − μ)·rstd + β를 계산합니다(γ와 β는 (D,)). (y, mean, rstd)를 돌려주세요.
    y는 x와 같은 모양, mean과 rstd는 x.shape[:-1] 모양입니다. rstd는 표준편차가 아니라
    그 역수 1/√(σ² + ε)입니다(역전파가 곱하는 값). dtype은 x를 따르고, x가 3차원
    (배치, 시간, 특성)이어도 동작해야 합니다.""",
        """The forward pass of LayerNorm, normalising over the last axis (the features).

    x is (..., D).  Each row (sample) uses the mean μ and the biased variance
    σ² = (1/D) Σ_k (x_k − μ)² of its own D features: rstd = 1/√(σ² + ε) and
    y = γ·(x − μ)·rstd + β, with γ and β of shape (D,).  Return (y, mean, rstd): y has the
    shape of x, mean and rstd the shape x.shape[:-1].  rstd is the reciprocal of the
    standard deviation, 1/√(σ² + ε) (the factor the backward pass multiplies by), not the
    standard deviation.  Keep the dtype of x; a 3-d x (batch, time, features) must work.""",
        "ML LifeCycle weekly summary, Transformers: Layer Normalization",
    ),
    "layernorm_backward": Statement(
        "dy, x, gamma, eps=1e-5",
        """층 정규화(LayerNorm)의 역전파입니다. 정규화는 마지막 축(특성)에 대해 합니다.

    순전파: x는 (..., D)이고 각 행(샘플)마다 자기 D개 특성의 평균 μ와 편향 분산
    σ² = (1/D) Σ_k (x_k − μ)²으로 x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β를 계산합니다.
    γ, β는 (D,)입니다. 역전파: dy가 주어지면 (dx, dgamma, dbeta)를 돌려주세요.
    g = γ·dy라 하면 각 행에서
        dx = (D·g − Σ_k g_k − x̂·Σ_k g_k·x̂_k) / (D·√(σ² + ε))     (x와 같은 모양)
    이고 dgamma = Σ(모든 행) dy·x̂, dbeta = Σ(모든 행) dy 이며 모양은 (D,)입니다.
    x가 3차원 (배치, 시간, 특성)이어도 동작해야 합니다.""",
        """The backward pass of LayerNorm, normalising over the last axis (the features).

    Forward: x is (..., D); each row (sample) uses the mean μ and the biased variance
    σ² = (1/D) Σ_k (x_k − μ)² of its own D features: x̂ = (x − μ)/√(σ² + ε) and
    y = γ·x̂ + β, with γ and β of shape (D,).  Backward: given dy, return
    (dx, dgamma, dbeta).  With g = γ·dy, in each row
        dx = (D·g − Σ_k g_k − x̂·Σ_k g_k·x̂_k) / (D·√(σ² + ε))     (the shape of x)
    and dgamma = Σ over all rows of dy·x̂, dbeta = Σ over all rows of dy, shape (D,).
    A 3-d x (batch, time, features) must work too.""",
        "ML LifeCycle weekly summary, Transformers: Layer Normalization",
    ),
    "adam_step": Statement(
        "param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8",
        """Adam 한 스텝입니다(Kingma & Ba의 Algorithm 1, torch.optim.Adam과 같음).

    param, m, v를 제자리에서(in place) 갱신하고 None을 돌려주세요. 새 배열을 만들어
    돌려주면 안 됩니다(param -= ..., m[:] = ... 처럼 대입하세요).
        m ← β₁·m + (1 − β₁)·g
        v ← β₂·v + (1 − β₂)·g²
        m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)        (편향 보정, t는 1부터 세는 스텝 번호)
        param ← param − lr·m̂/(√v̂ + ε)             (ε는 제곱근 밖)
    param, m, v, grad는 모양과 dtype이 같습니다.""",
        """One Adam step (Algorithm 1 of Kingma & Ba, as torch.optim.Adam computes it).

    Update param, m and v in place and return None; do not return new arrays
    (assign into them: param -= ..., m[:] = ...).
        m ← β₁·m + (1 − β₁)·g
        v ← β₂·v + (1 − β₂)·g²
        m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ)        (bias correction; t counts steps from 1)
        param ← param − lr·m̂/(√v̂ + ε)             (ε outside the square root)
    param, m, v and grad share one shape and dtype.""",
        "Deep Learning, Optimization 2: Adam",
    ),
    "sgd_momentum_step": Statement(
        "param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False",
        """모멘텀을 쓰는 SGD 한 스텝입니다(torch.optim.SGD와 같음).

    param과 velocity를 제자리에서(in place) 갱신하고 None을 돌려주세요.
        v ← μ·v + g
        param ← param − lr·v                  (nesterov=False, 헤비 볼)
        param ← param − lr·(g + μ·v)          (nesterov=True, 갱신한 v로)
    velocity는 첫 스텝 전에 0입니다. 노트의 v ← μv − ηg, θ ← θ + v도 파라미터는 똑같이
    움직이지만, 여기서 받고 갱신하는 velocity는 PyTorch의 버퍼 v입니다.""",
        """One step of SGD with momentum (as torch.optim.SGD computes it).

    Update param and velocity in place and return None.
        v ← μ·v + g
        param ← param − lr·v                  (nesterov=False, heavy ball)
        param ← param − lr·(g + μ·v)          (nesterov=True, with the new v)
    velocity is 0 before the first step.  The note's v ← μv − ηg, θ ← θ + v moves the
    parameters the same way, but the velocity you are given and update here is PyTorch's
    buffer v.""",
        "Deep Learning, Optimization 2: momentum",
    ),
    "adagrad_step": Statement(
        "param, grad, state_sum, lr=1e-2, eps=1e-10",
        """Adagrad 한 스텝입니다(torch.optim.Adagrad와 같음, 학습률 감쇠 없음).

    param과 state_sum을 제자리에서 갱신하고 None을 돌려주세요.
        s ← s + g²                            (지금까지 모든 기울기 제곱의 합)
        param ← param − lr·g/(√s + ε)         (갱신한 s로, ε는 제곱근 밖)
    state_sum은 첫 스텝 전에 0입니다.""",
        """One Adagrad step (as torch.optim.Adagrad computes it, without learning-rate decay).

    Update param and state_sum in place and return None.
        s ← s + g²                            (the sum of every squared gradient so far)
        param ← param − lr·g/(√s + ε)         (with the updated s; ε outside the root)
    state_sum is 0 before the first step.""",
        "Deep Learning, Optimization 2: Adagrad",
    ),
    "rmsprop_step": Statement(
        "param, grad, square_avg, lr=1e-2, alpha=0.99, eps=1e-8",
        """RMSprop 한 스텝입니다(torch.optim.RMSprop과 같음, 중심화와 모멘텀 없음).

    param과 square_avg를 제자리에서 갱신하고 None을 돌려주세요.
        a ← α·a + (1 − α)·g²                  (기울기 제곱의 지수 이동 평균)
        param ← param − lr·g/(√a + ε)         (갱신한 a로, ε는 제곱근 밖)
    square_avg는 첫 스텝 전에 0입니다.""",
        """One RMSprop step (as torch.optim.RMSprop computes it: not centred, no momentum).

    Update param and square_avg in place and return None.
        a ← α·a + (1 − α)·g²                  (an exponential moving average of g²)
        param ← param − lr·g/(√a + ε)         (with the updated a; ε outside the root)
    square_avg is 0 before the first step.""",
        "Deep Learning, Optimization 2: RMSProp",
    ),
    "adadelta_step": Statement(
        "param, grad, square_avg, acc_delta, lr=1.0, rho=0.9, eps=1e-6",
        """Adadelta 한 스텝입니다(torch.optim.Adadelta와 같음).

    param, square_avg, acc_delta를 제자리에서 갱신하고 None을 돌려주세요.
        a ← ρ·a + (1 − ρ)·g²
        Δ = √(d + ε)/√(a + ε)·g               (d는 이번 스텝 전의 acc_delta, ε는 두 제곱근 안)
        d ← ρ·d + (1 − ρ)·Δ²
        param ← param − lr·Δ
    square_avg와 acc_delta는 첫 스텝 전에 0입니다. lr = 1이 Zeiler의 원래 방법입니다.""",
        """One Adadelta step (as torch.optim.Adadelta computes it).

    Update param, square_avg and acc_delta in place and return None.
        a ← ρ·a + (1 − ρ)·g²
        Δ = √(d + ε)/√(a + ε)·g               (d: acc_delta before this step; ε inside both roots)
        d ← ρ·d + (1 − ρ)·Δ²
        param ← param − lr·Δ
    square_avg and acc_delta are 0 before the first step; lr = 1 is Zeiler's method.""",
        "All about Deep Learning, Gradient descent: Adadelta",
    ),
    "rnn_jacobian": Statement(
        "h, W_hh",
        """단순 RNN 한 스텝의 야코비안 ∂h_t/∂h_{t−1}입니다.

    h_t = tanh(W_hh·h_{t−1} + W_xh·x_t + b)일 때 ∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh,
    즉 (i, j) 원소는 (1 − h_i²)·W_hh[i, j]입니다. h는 tanh를 거친 뒤의 상태 h_t이고
    모양은 (n,), W_hh는 (n, n)입니다. (n, n) 배열을 h의 dtype으로 돌려주세요.""",
        """The Jacobian ∂h_t/∂h_{t−1} of one step of a simple RNN.

    For h_t = tanh(W_hh·h_{t−1} + W_xh·x_t + b), ∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh:
    entry (i, j) is (1 − h_i²)·W_hh[i, j].  h is the state h_t after tanh, shape (n,);
    W_hh is (n, n).  Return the (n, n) array in the dtype of h.""",
        "ML LifeCycle weekly summary, RNN: drawbacks (exploding and vanishing gradients)",
    ),
    "bptt_jacobian": Statement(
        "hs, W_hh",
        """시간 역전파(BPTT)에서 T 스텝을 거친 야코비안 ∂h_T/∂h_0입니다.

    hs는 (T, n)이며 tanh를 거친 상태 h_1, …, h_T를 담고 있습니다. 각 스텝의 야코비안
    J_t = diag(1 − h_t²)·W_hh를 곱해 ∂h_T/∂h_0 = J_T·J_{T−1}⋯J_1 (가장 늦은 스텝이
    왼쪽)을 (n, n) 배열로 돌려주세요. dtype은 hs를 따릅니다.""",
        """The Jacobian ∂h_T/∂h_0 across T steps of backpropagation through time.

    hs is (T, n) and holds the states h_1, …, h_T after tanh.  With the one-step
    Jacobians J_t = diag(1 − h_t²)·W_hh, return ∂h_T/∂h_0 = J_T·J_{T−1}⋯J_1 (the latest
    step on the left), an (n, n) array in the dtype of hs.""",
        "ML LifeCycle weekly summary, RNN: drawbacks (exploding and vanishing gradients)",
    ),
    "positional_encoding": Statement(
        "n_positions, d_model, *, dtype=np.float64",
        """트랜스포머의 사인·코사인 위치 인코딩입니다.

    (n_positions, d_model) 배열을 dtype으로 돌려주세요. 위치 p는 0부터 셉니다.
    짝수 열 2i에는 PE[p, 2i] = sin(p / 10000^(2i/d_model)),
    홀수 열 2i+1에는 PE[p, 2i+1] = cos(p / 10000^(2i/d_model))를 넣습니다.
    한 쌍(2i, 2i+1)은 같은 주파수를 씁니다. d_model이 홀수이면 마지막 열은 사인입니다.""",
        """The sinusoidal positional encoding of the Transformer.

    Return an (n_positions, d_model) array of the given dtype; positions p count from 0.
    Even column 2i:  PE[p, 2i]   = sin(p / 10000^(2i/d_model))
    Odd column 2i+1: PE[p, 2i+1] = cos(p / 10000^(2i/d_model))
    A pair (2i, 2i+1) shares one frequency.  If d_model is odd, the last column is a sine.""",
        "ML LifeCycle weekly summary, Transformers: positional encoding",
    ),
    "attention": Statement(
        "Q, K, V, *, causal=False",
        """헤드 하나의 스케일드 닷-프로덕트 어텐션입니다.

    Q는 (T, d_k), K는 (L, d_k), V는 (L, d_v)입니다(셀프 어텐션이면 L = T). 점수
    S = QKᵀ/√d_k는 T × L이고, 각 행(쿼리)의 가중치는 그 행의 키 L개에 대한 소프트맥스입니다.
    출력 softmax(S)·V를 (T, d_v) 모양, Q의 dtype으로 돌려주세요. 점수가 커도 동작하도록
    행마다 최댓값을 빼고 exp를 취하세요.
    causal=True이면 쿼리 i는 키 0..i만 봅니다. j > i인 점수를 소프트맥스 전에 −∞로
    두세요(np.triu(np.ones((T, L)), k=1)). T ≠ L이어도 torch의 is_causal=True처럼 왼쪽 위를
    기준으로 맞춥니다. NumPy 2에서 np.sqrt(d_k) 같은 float64 스칼라는 float32 배열을
    float64로 바꾸니 dtype을 지키세요.""",
        """Scaled dot-product attention for one head.

    Q is (T, d_k), K is (L, d_k) and V is (L, d_v) (L = T for self-attention).  The
    scores S = QKᵀ/√d_k are T × L, and each row's (query's) weights are the softmax of
    that row over its L keys.  Return softmax(S)·V, shape (T, d_v), in the dtype of Q;
    subtract each row's maximum before exp so that large scores work.
    With causal=True query i sees keys 0..i only: set the scores of keys j > i to −∞
    before the softmax (np.triu(np.ones((T, L)), k=1)), aligned at the top left as
    torch's is_causal=True, also when T ≠ L.  In NumPy 2 a float64 scalar such as
    np.sqrt(d_k) turns a float32 array into float64: keep the dtype.""",
        "ML LifeCycle weekly summary, Transformers: self-attention (scaling and softmax)",
    ),
    "xavier_uniform": Statement(
        "fan_in, fan_out, *, rng=None",
        """Xavier(Glorot) 균등 초기화입니다.

    균등분포 U(−a, a), a = √(6/(fan_in + fan_out))에서 뽑은 (fan_in, fan_out) float64
    가중치 행렬을 돌려주세요. 분산은 a²/3 = 2/(fan_in + fan_out)입니다. 난수는 반드시
    인자로 받은 rng(np.random.Generator)에서 뽑으세요. 같은 상태의 rng면 같은 가중치가
    나와야 합니다. rng가 정수 시드나 None이면 np.random.default_rng(rng)를 쓰면 됩니다.""",
        """Xavier (Glorot) uniform initialisation.

    Return a (fan_in, fan_out) float64 weight matrix drawn from the uniform distribution
    U(−a, a) with a = √(6/(fan_in + fan_out)), whose variance is a²/3 = 2/(fan_in + fan_out).
    Draw from the rng you are given (a np.random.Generator): the same generator state must
    give the same weights.  For an int seed or None, np.random.default_rng(rng) makes one.""",
        "ML LifeCycle weekly summary, Weight initialization: Xavier initialization",
    ),
    "he_normal": Statement(
        "fan_in, fan_out, *, rng=None",
        """He(Kaiming) 정규 초기화입니다.

    평균 0, 분산 2/fan_in인 정규분포 N(0, 2/fan_in)에서 뽑은 (fan_in, fan_out) float64
    가중치 행렬을 돌려주세요. 표준편차는 √(2/fan_in)입니다. 난수는 반드시 인자로 받은
    rng(np.random.Generator)에서 뽑으세요. rng가 정수 시드나 None이면
    np.random.default_rng(rng)를 쓰면 됩니다.""",
        """He (Kaiming) normal initialisation.

    Return a (fan_in, fan_out) float64 weight matrix drawn from the normal distribution
    N(0, 2/fan_in): mean 0, standard deviation √(2/fan_in).  Draw from the rng you are
    given (a np.random.Generator); for an int seed or None, np.random.default_rng(rng)
    makes one.""",
        "ML LifeCycle weekly summary, Weight initialization: He normal initialization",
    ),
}
