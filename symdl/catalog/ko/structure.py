"""The records of :mod:`symdl.catalog.structure` in Korean (layers, dropout, preprocessing and SVD)."""

from __future__ import annotations

from symdl.catalog.ko._common import Korean

KO: dict[str, Korean] = {
    "linear_layers_compose_to_one": Korean(
        title="선형 층을 쌓아도 선형 층 하나다",
        statement="W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂)이다: 사이에 비선형 함수(nonlinear "
        "function)가 없으면 선형 층을 아무리 깊이 쌓아도 아핀 변환 하나를 계산할 뿐이다.",
    ),
    "xor_not_linearly_separable": Korean(
        title="단층 퍼셉트론은 XOR을 계산할 수 없다",
        statement="유닛 step(w₁x₁ + w₂x₂ + b)가 XOR을 계산하려면 b ≤ 0, w₁ + b > 0, w₂ + b > 0, "
        "w₁ + w₂ + b ≤ 0이어야 한다. 뒤의 두 조건 아래에서 w₁ + b ≥ s와 w₂ + b ≥ s를 만족하는 여유 s의 "
        "최댓값을 정확한 선형 계획법(linear programming)으로 구하면 0이므로, 엄격한 부등식을 만족하는 "
        "가중치는 없다. (두 부등식을 더해 보면 까닭이 보인다: (w₁ + b) + (w₂ + b) = (w₁ + w₂ + b) + b ≤ 0.) "
        "XOR은 선형 분리 가능(linearly separable)한 문제가 아니다.",
    ),
    "xor_two_layer_mlp": Korean(
        title="두 층이면 XOR을 계산한다",
        statement="relu(x₁ + x₂) − 2·relu(x₁ + x₂ − 1)은 (0,0), (0,1), (1,0), (1,1)에서 0, 1, 1, 0이다: "
        "ReLU 두 개로 된 은닉층 하나면 충분하다. 층이 둘인 다층 "
        "퍼셉트론(multilayer perceptron)은 XOR을 계산한다.",
    ),
    "residual_connection_gradient": Korean(
        title="잔차 연결은 야코비안에 항등 행렬을 더한다",
        statement="∂(F(x) + x)/∂x = I + ∂F/∂x이다: 항등 행렬이 기울기를 곧장 통과시켜, 층의 작은 기울기에 "
        "곱해지는 대신 가지 F가 보태는 몫에 더해진다. 그래서 잔차 연결(residual connection)을 쓴 깊은 "
        "신경망은 기울기를 잃지 않는다. 보장은 아니다: I + ∂F/∂x도 특이 행렬일 수 있다(∂F/∂x = −I이면 0).",
        conventions=("J_F = ∂F/∂x는 잔차 경로 F의 야코비안이고, (i, k) 성분은 ∂F_i/∂x_k이다.",),
    ),
    "inverted_dropout_expectation": Korean(
        title="역 드롭아웃은 각 유닛의 기댓값을 유지한다",
        statement="확률 1 − p로 남기고 1/(1 − p)배로 키운 유닛의 기댓값은 (1 − p)·x/(1 − p) + p·0 = x이다: "
        "학습과 테스트의 활성값이 평균적으로 같으므로 테스트 때 아무것도 다시 조정하지 않는다. dropout_rate "
        "p는 각 유닛이 버려질 확률이다. 역 드롭아웃(inverted dropout)이라는 이름은 여기서 나왔다.",
    ),
    "dropout_is_not_weight_averaging": Korean(
        title="드롭아웃은 가중치 한 벌을 학습한다. 앙상블이 평균하는 것은 가중치가 아니라 예측이다",
        statement="노트는 드롭아웃을 앙상블로 설명한다: 한 층을 여러 번 학습시킨 뒤 그 결과를 평균해 최종 "
        "가중치를 얻는다는 것이다. 읽는 방식에 대한 판단이 필요하다: 여기서는 평균한 가중치를 쓴 신경망이 "
        "하위 신경망들의 앙상블이 평균적으로 내는 예측과 같은 값을 낸다는 주장으로 읽는다 — 입력 두 개인 "
        "시그모이드 유닛과 마스크 네 가지 모두에 대해.",
        truth="드롭아웃은 가중치 벡터 w 하나를 한 번 학습한다: 매 스텝 무작위로 유닛을 지우고"
        "(역 드롭아웃은 남은 유닛에 1/(1 − p)를 곱한다), 테스트 때는 전체 신경망이 w를 그대로 쓴다 — "
        "여러 번 학습하는 것도, 가중치를 평균하는 것도 없다. 마스크에 대해 평균하면 하위 신경망들의 "
        "사전 활성화는 전체 신경망의 것과 정확히 같다: E_m[wᵀ(m⊙x)]/(1 − p) = wᵀx(입력 두 개에서 "
        "보였다. 입력 n개는 기댓값의 선형성으로 같다, inverted_dropout_expectation). 전체 신경망의 "
        "비선형 출력은 앙상블의 평균 예측에 근사할 뿐이다.",
        shown_for="입력 두 개(드롭아웃 마스크 네 가지 모두)",
    ),
    "dropout_dropped_unit_gets_no_gradient": Korean(
        title="지워진 유닛은 두 방향 전파 어디에도 끼지 않고, 그 가중치는 기울기를 받지 않는다",
        statement="입력 n개에 드롭아웃 마스크 m이 있는 층 y = W(m⊙x)/(1 − p)에서 크기와 상관없이 "
        "∂L/∂W_aj = δ_a·m_j·x_j/(1 − p), ∂L/∂x_j = m_j·Σ_a δ_a W_aj/(1 − p)이다: m_j = 0이면 그 유닛은 "
        "앞으로 아무것도 보내지 않고, 기울기도 받지 않으며, 그 유닛에서 나가는 가중치 열 전체가 이번 "
        "스텝에 갱신되지 않는다 — 노트의 '가중치 중 일부만 학습'. 유닛은 저마다 독립적으로 확률 p로 "
        "지워지므로, 지워지는 비율이 p인 것은 평균으로만 그렇다.",
    ),
    "xor_alone_is_not_complete": Korean(
        title="XOR 게이트만으로는 모든 함수를 만들 수 없다: AND에 닿지 못한다",
        statement="노트는 여러 층을 쓰는 이유로 한 층으로는 XOR을 구현할 수 없다는 점을 들고, XOR 하나만 "
        "있으면 모든 대상을 구분할 수 있다고 덧붙인다. 읽는 방식에 대한 판단이 필요하다: 여기서는 "
        "논리에 대한 말로 — XOR 게이트(와 상수 0, 1)로 만든 회로가 두 비트의 모든 함수를 계산한다는 "
        "뜻으로 — 읽고, AND로 확인한다(회로가 x ∧ y를 계산하면 1, 아니면 0).",
        truth="상수를 곁들인 XOR 게이트는 두 비트의 아핀 함수 a·x ⊕ b·y ⊕ c, 정확히 8개만 계산하며(여기서 "
        "계산한 닫힘), AND는 그중에 없다. 그러니 XOR만으로 모든 것을 구분할 수는 없다. 참인 것은 이렇다: "
        "한 층으로는 XOR을 계산할 수 없고(xor_not_linearly_separable), 두 층이면 된다(xor_two_layer_mlp). "
        "비선형 유닛으로 된 은닉층 하나면 어떤 연속 함수든 근사할 수 있다(보편 근사 정리; 인용했을 뿐 "
        "여기서 증명하지 않는다).",
    ),
    "svd_truncation_error": Korean(
        title="특이값을 버리면 버린 값들의 제곱만큼 정확히 잃는다",
        statement="임의의 m×n 행렬 A = UΣVᵀ와 그 절단 A_k = UΣ_kVᵀ(Σ_k는 σ₁..σ_k만 남기고 나머지를 0으로 "
        "둔다)에 대해 A − A_k = UDVᵀ(D = Σ − Σ_k)이고, ‖A − A_k‖_F² = tr((A − A_k)ᵀ(A − A_k)) = tr(DᵀD)"
        "이다: 직교 행렬 U와 V는 사라진다(UᵀU = I이고 대각합(trace)은 순환한다). D는 σ_(k+1), …, σ_r을 "
        "대각에 둔 행렬이므로 오차는 σ²_(k+1) + ⋯ + σ²_r, 곧 버린 특이값(singular value)들의 제곱의 "
        "합이다. 랭크 k 행렬 가운데 이보다 나은 것이 없다는 것은 에카르트–영 정리로, 인용할 뿐 여기서 "
        "증명하지 않는다.",
        conventions=(
            "U(m×m)와 V(n×n)는 직교 행렬이다: Uᵀ = U⁻¹, Vᵀ = V⁻¹(완전한 특이값 분해).",
            "‖M‖_F² = tr(MᵀM), 곧 성분 제곱의 합이다.",
        ),
    ),
    "svd_right_vectors_map_to_left": Korean(
        title="A·V = U·Σ: 오른쪽 특이 벡터 v_i는 σ_i u_i로 간다",
        statement="U(m×m)와 V(n×n)가 직교 행렬인 임의의 m×n 행렬 A = UΣVᵀ에서 AV = UΣVᵀV = UΣ이고, i번째 "
        "열은 A v_i = σ_i u_i이다. 그러므로 크기가 얼마든 V의 열이 오른쪽 특이 벡터, U의 열이 왼쪽 특이 "
        "벡터다(2×2 오류 정정 svd_right_singular_vectors는 Vᵀ의 열은 그렇지 않음을 보인다).",
        conventions=("V(n×n)는 직교 행렬이다: Vᵀ = V⁻¹(완전한 특이값 분해).",),
    ),
    "svd_right_singular_vectors": Korean(
        title="오른쪽 특이 벡터는 Vᵀ가 아니라 V의 열이다",
        statement="노트는 특이값 분해(singular value decomposition)에서 Vᵀ(n×n, 직교 행렬)의 열이 A의 "
        "오른쪽 특이 벡터라고 말한다. 그렇다면 A·(Vᵀ)[:, 0]이 σ₁u₁과 같아야 하는데, 기호 회전으로 만든 "
        "A = UΣVᵀ에서는 그렇지 않다.",
        truth="오른쪽 특이 벡터 v_i는 V의 열, 즉 Vᵀ의 행이다: A v_i = σ_i u_i.",
        shown_for="2×2 행렬(기호 회전과 기호 특이값)",
    ),
    "zero_centring_and_standardisation": Korean(
        title="평균을 빼고 표준편차로 나누면 평균 0, 분산 1이 된다",
        statement="X −= mean(X, axis=0); X /= std(X, axis=0)을 하고 나면 각 열의 평균은 0, (편향된, NumPy "
        "기본값의) 분산은 1이다 — 상수 열이 아니라면. 0 중심화(zero-centring)와 표준화(standardization)다.",
        conventions=("np.std는 ddof = 0을 쓴다(N으로 나눈다). 상수 열이면 0으로 나누게 된다.",),
    ),
    "pca_decorrelates": Korean(
        title="고유 기저로 회전하면 데이터의 상관이 사라진다",
        statement="공분산이 Σ = UΛUᵀ(U는 직교 행렬, Λ는 대각 행렬)이면 회전한 데이터 Uᵀx의 공분산은 "
        "UᵀΣU = Λ로, 데이터의 차원 n이 얼마든 대각 행렬이다: 새 좌표들은 서로 상관이 없다. 주성분 분석"
        "(principal component analysis)의 핵심이다.",
        conventions=(
            "고정된 행렬 U에 대해 Cov(Uᵀx) = Uᵀ Cov(x) U이고, Σ = Cov(x)이다.",
            "U의 열은 대칭 행렬 Σ의 정규 직교 고유벡터이므로(스펙트럼 정리) UᵀU = I, 곧 Uᵀ = U⁻¹이다. Λ의 "
            "대각에는 고유값이 놓인다.",
        ),
    ),
    "pca_first_direction_keeps_most_variance": Korean(
        title="첫 번째 주성분 방향보다 분산을 더 많이 남기는 방향은 없다",
        statement="임의의 단위 벡터 u를 고유 기저로 c = Uᵀu라 쓰면(Σ_i c_i² = 1, U는 직교 행렬) u 방향의 "
        "데이터 분산은 uᵀΣu = Σ_i λ_i c_i²이고, λ₁이 가장 큰 고유값이면(λ_i = λ₁ − g_i, g_i ≥ 0) 이 값은 "
        "많아야 λ₁이며 u = u₁에서 그 값에 이른다. 중심화된 데이터를 u에 사영하면 분산 가운데 "
        "tr Σ − uᵀΣu를 잃으므로, 첫 번째 주성분 방향이 데이터에 가장 가까운 1차원 사영이다 — n이 얼마든, "
        "노트가 말하는 '원래와 가장 비슷한 저차원 데이터'다.",
        conventions=(
            "c = Uᵀu이면 uᵀΣu = uᵀUΛUᵀu = cᵀΛc = Σ_i λ_i c_i²이고, Σ_i c_i² = ‖Uᵀu‖² = ‖u‖² = 1이다"
            "(U는 직교 행렬).",
        ),
    ),
    "whitening_does_not_make_data_gaussian": Korean(
        title="화이트닝은 공분산을 I로 만들 뿐, 데이터를 가우스 분포로 만들지 않는다",
        statement="노트는 화이트닝된 데이터를 등방성 가우스 덩어리로 그린다. 화이트닝은 선형 변환이다: "
        "공분산은 단위 행렬이 되지만(whitening_gives_identity) 분포의 모양은 그대로다. 균등 분포 데이터 "
        "u ~ U(−a, a)를 σ² = E[u²] = a²/3으로 z = u/σ처럼 화이트닝하면 E[z⁴] = E[u⁴]/σ⁴ = 9/5이고, "
        "가우스 분포라면 3이다(판단이 필요한 부분: 처음부터 가우스였던 데이터라면 그 그림이 맞다).",
        truth="화이트닝된 데이터는 공분산이 I다 — 2차 모멘트로는 둥글다 — 하지만 원래 데이터가 가우스였을 "
        "때만 가우스다: 선형 사상은 균등 분포 데이터를 균등 분포 데이터로 보낸다(표준화하면 E[z⁴] = 9/5).",
    ),
    "whitening_gives_identity": Korean(
        title="고유 좌표를 √λ로 나누면 차원이 얼마든 데이터가 화이트닝된다",
        statement="공분산이 Σ = UΛUᵀ(U는 직교 행렬, Λ는 양의 고유값을 담은 대각 행렬)이면 데이터 "
        "Λ^(−1/2)Uᵀx의 공분산은 차원 n이 얼마든 Λ^(−1/2)UᵀΣUΛ^(−1/2) = I이다: 서로 상관이 없고 분산이 "
        "1인 좌표다. whitening_divides_by_sqrt_eigenvalues를 고친 식을 일반적으로 증명한 것이다.",
        conventions=(
            "고정된 행렬 M에 대해 Cov(Mx) = M Cov(x) Mᵀ이다. 여기서 M = Λ^(−1/2)Uᵀ이고 Λ^(−1/2)는 대각 "
            "행렬이므로 자기 자신의 전치다.",
            "U의 열은 대칭 행렬 Σ의 정규 직교 고유벡터이므로 Uᵀ = U⁻¹이다. 고유값은 양수다(n차원 전체를 "
            "채우는 데이터의 공분산).",
        ),
    ),
    "whitening_divides_by_sqrt_eigenvalues": Korean(
        title="화이트닝은 고유값의 제곱근으로 나눈다",
        statement="노트는 화이트닝(whitening)이 고유 기저로 옮긴 "
        "데이터의 각 차원을 그 고유값(eigenvalue)으로 "
        "나누어 공분산을 단위 행렬로 만든다고 말한다. 고유값으로 나누면 공분산은 Λ⁻¹UᵀΣUΛ⁻¹ = Λ⁻¹이지 "
        "I가 아니다.",
        truth="화이트닝은 각 고유 좌표를 √λ_i(그 좌표의 표준편차)로 나눈다: Λ^(−1/2)UᵀΣUΛ^(−1/2) = I.",
        shown_for="2×2 공분산 행렬(기호 회전 하나와 기호 고유값)",
    ),
}
