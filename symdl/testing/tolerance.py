"""How far from symdl's kernel a correct implementation may be: an error budget per output entry.

The reference is symdl's kernel run in float64 on the very numbers the student's function
received (float32 inputs are exact in float64), so it is accurate to a few float64 ulp and
the difference measures the student's rounding alone.

Each entry of each output gets a *budget* ``b``: a first-order bound on the rounding error
of the plain textbook formula, in units of the unit roundoff ``u`` of the dtype under test
(``u = 2⁻²⁴`` for float32, ``2⁻⁵³`` for float64).  The entry passes when

    |got − expected| ≤ SAFETY · (u · b + tiny)

with ``SAFETY = 16`` (room for a different but equally sound order of operations) and
``tiny`` the dtype's smallest normal number (underflow).  The budgets, kernel by kernel:

* **Elementwise derivatives** (σ′, tanh′): ``|f(x)| + F`` with ``F`` the largest value the
  derivative takes (1/4 for σ′, 1 for tanh′).  The term ``F`` is an absolute floor: the
  textbook σ(1 − σ) and 1 − tanh² lose all relative accuracy once the activation rounds to
  ±1 (σ(1 − σ) is 0 at x = 40, where the truth is 4·10⁻¹⁸), but their absolute error stays
  below one ulp of the largest value.  That is correct student code; it passes.
* **Softmax**: ``p_i·(|z_i| + 2·max|z| + D + 4)``, relative to ``p_i``: the componentwise
  condition number of softmax (how much rounding the logits by ``u`` moves ``p_i``), plus the
  sum of D exponentials.  **Cross-entropy gradient** adds 1 on the true class (p − 1 is
  rounded at 1).
* **BatchNorm / LayerNorm backward** (sums over n entries, ``R = n + 4``):
  ``x̂`` carries an absolute error ``E = 1 + R·max|x|/s + |x̂|·(R/2 + …)`` from centring and
  from ``s = √(σ² + ε)`` (``max|x|/s`` is the conditioning of a nearly constant batch);
  ``dx`` is budgeted term by term, ``R·(n|g| + Σ|g| + |x̂|·Σ|g·x̂|)/(n·s) + …`` with
  ``g = γ·dy`` — Σ|terms| per output, not only the largest value — and ``dγ``, ``dβ`` as sums:
  ``(M + 2)·Σ|dy·x̂| + Σ|dy|·E`` and ``(M + 1)·Σ|dy|`` over the M rows.
* **Adam**: m and v as two-term sums (``3(β₁|m| + (1 − β₁)|g|)``, ``4(β₂v + (1 − β₂)g²)``)
  plus ``β₁|g|``, ``β₂g²`` for β held in the dtype (1 − β₂ = 0.001 is then 1000 times less
  accurate than β₂); param ``|θ| + |θ′|`` (the subtraction) plus the update ``lr·m̂/(√v̂ + ε)``
  with the relative errors of m̂, √v̂ and 1 − βᵗ carried through.
* **RNN Jacobian**: ``2|W_ij|(1 + h_i²) + 2|J_ij|`` (1 − h² is rounded at 1 + h²).
  **BPTT**: the product of the absolute factors, ``|J_T|⋯|J_1|``, times the roundings along
  each path, ``T(n + 2)``, plus each factor's own conditioning ``2(1 + h²)/|1 − h²|``.
* **Positional encoding**: ``2 + |θ|·(3 + ln(10⁴)·2i/d)`` for the angle θ = p·10000^(−2i/d):
  the angle carries a relative error, so sin θ an absolute one proportional to |θ|.

Bugs these budgets must still catch change an output by far more: a missing 1/N by a factor
N, the unbiased variance by 1/(2N) relative, ε outside the root by a factor 3 on a small
batch, no bias correction by √(1 − β₂)/(1 − β₁) at t = 1.  The battery includes a case for
each where the change is ≥ 10⁻³ relative, above every float32 allowance there.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["SAFETY", "allowance", "unit_roundoff"]

SAFETY = 16.0
_LN_10000 = float(np.log(10000.0))

Budgets = tuple[np.ndarray, ...]


def unit_roundoff(dtype: Any) -> float:
    """u: half the distance from 1 to the next float (2⁻²⁴ for float32, 2⁻⁵³ for float64)."""
    return float(np.finfo(dtype).eps) / 2


def allowance(budget: np.ndarray, dtype: Any) -> np.ndarray:
    """The largest absolute error allowed per entry, from its budget in units of u."""
    return SAFETY * (unit_roundoff(dtype) * budget + float(np.finfo(dtype).tiny))


# -- activations ----------------------------------------------------------------------------------
def elementwise(largest: float):
    """Budget ``|f| + F`` of an elementwise derivative whose values never exceed ``F``."""

    def budget(inputs: dict[str, Any], ref: Budgets) -> Budgets:
        return (np.abs(ref[0]) + largest,)

    return budget


# -- softmax and cross-entropy --------------------------------------------------------------------
def _softmax_budget(z: np.ndarray, p: np.ndarray) -> np.ndarray:
    za = np.abs(z)
    zmax = za.max(axis=-1, keepdims=True)
    return p * (za + 2 * zmax + z.shape[-1] + 4)


def softmax(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    return (_softmax_budget(inputs["z"], ref[0]),)


def cross_entropy_grad(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    from symdl.kernels import softmax as kernel_softmax

    z = inputs["logits"]
    p = kernel_softmax(z)
    onehot = np.zeros_like(p)
    onehot[np.arange(z.shape[0]), inputs["labels"]] = 1.0
    return (_softmax_budget(z, p) + p + onehot,)


# -- normalisation --------------------------------------------------------------------------------
def _norm_budgets(inputs: dict[str, Any], ref: Budgets, axis: int) -> Budgets:
    """Budgets of (dx, dγ, dβ) when each column (axis 0, BatchNorm) or row (axis 1, LayerNorm)
    of the 2-D ``x`` is normalised; dγ and dβ always sum over rows."""
    x, dy = inputs["x"], inputs["dy"]
    x = x.reshape(-1, x.shape[-1])
    dy = dy.reshape(x.shape)
    gamma, eps = inputs["gamma"], inputs["eps"]
    dx = ref[0].reshape(x.shape)
    n, rows = x.shape[axis], x.shape[0]
    big = n + 4
    mu = x.mean(axis=axis, keepdims=True)
    s = np.sqrt(((x - mu) ** 2).mean(axis=axis, keepdims=True) + eps)
    xh = (x - mu) / s
    # Absolute error of x̂: centring (a nearly constant batch is ill-conditioned) and s.
    centring = 1 + big * np.abs(x).max(axis=axis, keepdims=True) / s
    e_xh = centring + np.abs(xh) * (big / 2 + centring + 1)
    g = dy * gamma

    def total(a: np.ndarray) -> np.ndarray:
        return np.abs(a).sum(axis=axis, keepdims=True)

    bracket = big * (n * np.abs(g) + total(g) + np.abs(xh) * total(g * xh)) + (
        e_xh * np.abs((g * xh).sum(axis=axis, keepdims=True)) + np.abs(xh) * total(np.abs(g) * e_xh)
    )
    b_dx = bracket / (n * s) + np.abs(dx) * (big / 2 + centring + 2)
    b_dgamma = (rows + 2) * np.abs(dy * xh).sum(axis=0) + (np.abs(dy) * e_xh).sum(axis=0)
    b_dbeta = (rows + 1) * np.abs(dy).sum(axis=0)
    return b_dx.reshape(ref[0].shape), b_dgamma, b_dbeta


def batchnorm_backward(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    return _norm_budgets(inputs, ref, axis=0)


def layernorm_backward(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    return _norm_budgets(inputs, ref, axis=1)


# -- optimisers -----------------------------------------------------------------------------------
def adam_step(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    p, g, m, v = (inputs[k] for k in ("param", "grad", "m", "v"))
    t, lr, b1, b2, eps = (inputs[k] for k in ("t", "lr", "beta1", "beta2", "eps"))
    p1, m1, v1 = ref
    # Two-term sums; the last term is β rounded to the dtype (1 − β then moves by u·β/(1 − β)).
    b_m = 3 * (b1 * np.abs(m) + (1 - b1) * np.abs(g)) + b1 * np.abs(g)
    b_v = 4 * (b2 * v + (1 - b2) * g * g) + b2 * g * g
    c1, c2 = 1 - b1**t, 1 - b2**t
    root = np.sqrt(v1 / c2)
    den = root + eps
    update = lr * np.abs(m1) / c1 / den
    # √v̂ carries half the relative error of v; an absolute error in m moves the update directly;
    # 1 − βᵗ is as ill-conditioned in β as 1 − β (t·βᵗ/(1 − βᵗ)).
    rel_root = 0.5 * b_v / np.maximum(v1, np.finfo(np.float64).tiny) * root / den
    rel_corrections = t * b1**t / c1 + 0.5 * t * b2**t / c2
    b_update = update * (6 + rel_root + rel_corrections) + lr * (b_m / c1) / den
    return np.abs(p) + np.abs(p1) + b_update, b_m, b_v


# -- sequence models ------------------------------------------------------------------------------
def rnn_jacobian(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    h, w = inputs["h"], inputs["W_hh"]
    return (2 * np.abs(w) * (1 + h * h)[:, None] + 2 * np.abs(ref[0]),)


def bptt_jacobian(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    hs, w = inputs["hs"], inputs["W_hh"]
    steps, n = hs.shape
    product = np.eye(n)
    conditioning = 0.0
    for h in hs:  # |J_T| ⋯ |J_1|, built from the right
        d = 1 - h * h
        product = (np.abs(d)[:, None] * np.abs(w)) @ product
        nonzero = d != 0  # an exact 0 (h = ±1) is exact in every implementation
        if nonzero.any():
            conditioning += float(np.max(2 * (1 + h[nonzero] ** 2) / np.abs(d[nonzero])))
    return (product * (steps * (n + 2) + conditioning),)


# -- transformers ---------------------------------------------------------------------------------
def positional_encoding(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    n, d = inputs["n_positions"], inputs["d_model"]
    two_i = 2 * (np.arange(d) // 2)
    angle = np.arange(n)[:, None] * np.exp(-two_i / d * _LN_10000)[None, :]
    return (2 + np.abs(angle) * (3 + _LN_10000 * two_i / d),)
