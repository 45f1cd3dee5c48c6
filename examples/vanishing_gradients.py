"""How far a gradient survives L layers: sigmoid vs tanh chains, and an RNN through time.

Each sigmoid layer multiplies the gradient by σ'(z) ≤ 1/4 (record
sigmoid_derivative_bound); tanh by tanh'(z) ≤ 1.  For an RNN the factor per step is
the Jacobian diag(1 − h²) W_hh, and ‖∂h_T/∂h_0‖ shrinks or grows geometrically with
the spectral radius of W_hh.
"""

import numpy as np

from symdl import kernels

rng = np.random.default_rng(0)
z = rng.normal(size=(30, 1000))  # pre-activations of 30 layers, 1000 units
sig = np.cumprod(kernels.sigmoid_grad(z), axis=0)  # chain-rule product through the layers
tan = np.cumprod(kernels.tanh_grad(z), axis=0)
for depth in (1, 5, 10, 30):
    print(
        f"depth {depth:2d}: median gradient scale sigmoid {np.median(sig[depth - 1]):.2e}, "
        f"tanh {np.median(tan[depth - 1]):.2e}, bound 4^-L = {4.0**-depth:.2e}"
    )
assert np.all(sig[-1] <= 4.0**-30)

n, T = 16, 40
for radius in (0.5, 1.5):
    W = rng.normal(size=(n, n))
    W *= radius / np.max(np.abs(np.linalg.eigvals(W)))
    h, hs = np.zeros(n), []
    for _ in range(T):
        h = np.tanh(W @ h + rng.normal(size=n) * 0.1)  # small inputs: tanh stays near linear
        hs.append(h)
    norms = [np.linalg.norm(kernels.bptt_jacobian(np.array(hs[:k]), W), 2) for k in (1, 10, 20, 40)]
    print(
        f"spectral radius {radius}: ||dh_T/dh_0|| for T = 1, 10, 20, 40:", " ".join(f"{v:.2e}" for v in norms)
    )
