"""Check symdl's BatchNorm backward against finite differences, with a random upstream gradient.

The gradient of sum(BN(x)) with respect to x is identically zero, so a check that
uses it passes any implementation; a random upstream gradient does not.
"""

import numpy as np

from symdl import kernels
from symdl.check import gradient_check

rng = np.random.default_rng(1)
x = rng.normal(size=(32, 6)) * 3 + 2
gamma, beta = rng.normal(size=6), rng.normal(size=6)
eps = 1e-5


def forward(x):
    mu, var = x.mean(axis=0), x.var(axis=0)  # biased variance, as BatchNorm uses
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


dy = rng.normal(size=x.shape)
dx, dgamma, dbeta = kernels.batchnorm_backward(dy, x, gamma, eps)
error = gradient_check(forward, x, dx, dy)
print(f"BatchNorm dx vs central differences: max relative error {error:.1e}")
assert error < 1e-7

ones = np.ones_like(x)
dx_sum, _, _ = kernels.batchnorm_backward(ones, x, gamma, eps)
print(f"gradient of sum(BN(x)): max |dx| = {np.abs(dx_sum).max():.1e} (zero: useless as a check)")
