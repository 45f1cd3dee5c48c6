"""Adam's first moment with and without bias correction, for a constant gradient g = 1.

E[m_t] = (1 − β₁ᵗ)·E[g] (record adam_bias_correction_m): the raw moment starts near 0,
the corrected one is exact from the first step.
"""

import numpy as np

from symdl import kernels

beta1 = 0.9
param, m, v = np.zeros(1), np.zeros(1), np.zeros(1)
for t in range(1, 11):
    kernels.adam_step(param, np.ones(1), m, v, t, lr=0.1, beta1=beta1)
    corrected = m[0] / (1 - beta1**t)
    print(f"t = {t:2d}: m = {m[0]:.4f}  (1 - beta1^t) = {1 - beta1**t:.4f}  m_hat = {corrected:.4f}")
    assert abs(m[0] - (1 - beta1**t)) < 1e-12
    assert abs(corrected - 1) < 1e-12
