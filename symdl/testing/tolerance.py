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
  **ReLU′, LeakyReLU′**: ``|f|`` -- their values are 1, 0 and the slope, exact but for the
  slope's rounding to the dtype.  **ELU′**: ``3|f| + 2|α|``: α·eˣ is good to a few ulp, and the
  form ELU(x) + α (from the forward output) rounds at α.  **GELU′**:
  ``1 + 2|f| + |x|φ(x)(4 + x²)``: Φ(x) = (1 + erf(x/√2))/2 rounds at 1 (so cancels to 0 for very
  negative x, and near GELU′'s zero at x ≈ −0.75), and x·φ(x) carries the relative error of
  x²/2 into the exponential.
* **Softmax**: ``p_i·(|z_i| + 2·max|z| + D + 4)``, relative to ``p_i``: the componentwise
  condition number of softmax (how much rounding the logits by ``u`` moves ``p_i``), plus the
  sum of D exponentials.  **Cross-entropy gradient** adds 1 on the true class (p − 1 is
  rounded at 1).  **Cross-entropy loss** per row: ``|L| + 3·max|z| + 2|z_label| + C + 4``:
  rounding the logits moves L = max z + log Σ exp(z − max z) − z_label by u·(Σ p|z| + |z_label|),
  the two additions round terms up to max|z|, and log Σ carries the C-term sum's relative error.
* **Attention**: the scores s = q·k/√d_k carry ``e = (d_k + 3)·|q|·|k|/√d_k + 2|s − max s|``
  (the dot product and its scaling, the shift and exp's argument); a weight moves by
  ``p_j·((1 − p_j)e_j + Σ_{l≠j} p_l e_l + L + 3)`` -- an error common to a row cancels, so a
  saturated (one-hot) row is well-conditioned -- and the output ``Σ_j p_j V_j`` adds
  ``(L + 2)·Σ p|V|``.
* **BatchNorm / LayerNorm forward**: mean ``R·mean|x|`` (a sum of n terms), var
  ``(R + 4)·σ² + (R·max|x|)²·u₃₂`` (the mean's error enters (1/n)Σ(x − μ̂)² = σ² + (μ − μ̂)²
  only squared, taken at float32's u as a bound for both dtypes; it matters for a nearly
  constant batch), rstd half of var's relative error plus three roundings, and
  ``y = γx̂ + β`` with x̂'s error from the mean (``R·mean|x|/s``) and from s.
* **BatchNorm / LayerNorm backward** (sums over n entries, ``R = n + 4``):
  ``x̂`` carries an absolute error ``E = 1 + R·max|x|/s + |x̂|·(R/2 + …)`` from centring and
  from ``s = √(σ² + ε)`` (``max|x|/s`` is the conditioning of a nearly constant batch);
  ``dx`` is budgeted term by term, ``R·(n|g| + Σ|g| + |x̂|·Σ|g·x̂|)/(n·s) + …`` with
  ``g = γ·dy`` — Σ|terms| per output, not only the largest value — and ``dγ``, ``dβ`` as sums:
  ``(M + 2)·Σ|dy·x̂| + Σ|dy|·E`` and ``(M + 1)·Σ|dy|`` over the M rows.
* **Adam**: m and v as two-term sums (``3(β₁|m| + (1 − β₁)|g|)``, ``4(β₂v + (1 − β₂)g²)``)
  plus ``β₁|g|``, ``β₂g²`` for β held in the dtype (1 − β₂ = 0.001 is then 1000 times less
  accurate than β₂); param ``|θ| + |θ′|`` (the subtraction) plus the update ``lr·m̂/(√v̂ + ε)``
  with the relative errors of m̂, √v̂ and 1 − βᵗ carried through.  **SGD with momentum**: v′ = μv + g
  as a two-term sum plus μ|v| (μ held in the dtype), param ``|θ| + |θ′| + lr·(2|d| + b_d)`` with
  d = v′ or, for Nesterov, g + μv′.  **Adagrad, RMSprop**: the accumulator as a two-term sum
  (RMSprop's as Adam's v, ``4(αa + (1 − α)g²) + αg²``), and the step lr·g/(√s + ε) with half the
  accumulator's relative error through the root (damped by ε) and six roundings.  **Adadelta**:
  the same for a; Δ = √(d + ε)/√(a + ε)·g with ``6 + ½·b_a/(a + ε)`` relative, carried into d′
  (twice, as Δ²) and into θ′.
* **RNN Jacobian**: ``2|W_ij|(1 + h_i²) + 2|J_ij|`` (1 − h² is rounded at 1 + h²).
  **BPTT**: the product of the absolute factors, ``|J_T|⋯|J_1|``, times the roundings along
  each path, ``T(n + 2)``, plus each factor's own conditioning ``2(1 + h²)/|1 − h²|``.
* **Positional encoding**: ``2 + |θ|·(3 + ln(10⁴)·2i/d)`` for the angle θ = p·10000^(−2i/d):
  the angle carries a relative error, so sin θ an absolute one proportional to |θ|.

Bugs these budgets must still catch change an output by far more: a missing 1/N by a factor
N, the unbiased variance by 1/(2N) relative, ε outside the root by a factor 3 on a small
batch, no bias correction by √(1 − β₂)/(1 − β₁) at t = 1, relu′(0) = 1 by 1 at an exact zero,
GELU's tanh approximation by up to 9·10⁻⁴, a missing 1/√d_k by a factor √d_k in the scores.  The
battery includes a case for each where the change is ≥ 10⁻³ relative, above every float32
allowance there (ε inside Adagrad's root shows only with small accumulated squares: the
tiny-gradient case).
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


def exact_values(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """Budget ``|f|`` of a derivative whose values are constants (1, 0, the negative slope): exact,
    but for the slope's rounding to the dtype."""
    return (np.abs(ref[0]),)


def elu_grad(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """``3|f| + 2|α|``: α·eˣ is good to a few ulp, but the form ELU(x) + α (from the forward
    output) rounds at α."""
    return (3 * np.abs(ref[0]) + 2 * abs(inputs.get("alpha", 1.0)),)


def gelu_grad(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """``1 + 2|f| + |x|φ(x)(4 + x²)``: Φ(x) = (1 + erf(x/√2))/2 rounds at 1 (and cancels to 0 for
    very negative x), and x·φ(x) carries the relative error of x²/2 into the exponential."""
    x = inputs["x"]
    phi = np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)
    return (1 + 2 * np.abs(ref[0]) + np.abs(x) * phi * (4 + x * x),)


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


def cross_entropy_loss(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """``|L| + 3·max|z| + 2|z_label| + C + 4`` per row: the loss moves by u·(Σ p|z| + |z_label|) when
    the logits are rounded, max z + log Σ − z_label are two roundings of terms up to max|z|, and
    log Σ exp carries the C-term sum's relative error as an absolute one."""
    z, labels = inputs["logits"], inputs["labels"]
    za = np.abs(z)
    picked = za[np.arange(z.shape[0]), labels]
    return (np.abs(ref[0]) + 3 * za.max(axis=1) + 2 * picked + z.shape[1] + 4,)


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


def _forward_budgets(inputs: dict[str, Any], ref: Budgets, axis: int) -> Budgets:
    """Budgets of (y, mean, var) when each column (axis 0, BatchNorm) or row (axis 1, LayerNorm)
    of the 2-D ``x`` is normalised; LayerNorm's third output, rstd, is budgeted from var's."""
    x = inputs["x"]
    x = x.reshape(-1, x.shape[-1])
    gamma, eps = inputs["gamma"], inputs["eps"]
    n = x.shape[axis]
    big = n + 4
    mu = x.mean(axis=axis, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=axis, keepdims=True)
    s = np.sqrt(var + eps)
    xh = (x - mu) / s
    top = np.abs(x).max(axis=axis, keepdims=True)
    b_mean = big * np.abs(x).mean(axis=axis, keepdims=True)  # a sum of n terms, divided
    # (1/n)Σ(x − μ̂)² = σ² + (μ − μ̂)²: the error of the mean enters only squared, (R·max|x|·u)²,
    # taken at float32's u (an upper bound for float64): it matters for a nearly constant batch.
    b_var = (big + 4) * var + (big * top) ** 2 * unit_roundoff(np.float32)
    rel_s = 0.5 * (b_var / (var + eps) + 1) + 1
    e_xh = b_mean / s + np.abs(xh) * (rel_s + 2)  # x̂ = (x − μ̂)/ŝ
    y = ref[0].reshape(x.shape)
    b_y = np.abs(gamma) * e_xh + np.abs(gamma * xh) + np.abs(y)  # y = γx̂ + β
    return b_y, b_mean, b_var, s


def batchnorm_forward(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    b_y, b_mean, b_var, _ = _forward_budgets(inputs, ref, axis=0)
    return b_y, b_mean[0], b_var[0]


def layernorm_forward(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    b_y, b_mean, b_var, s = _forward_budgets(inputs, ref, axis=1)
    rows = ref[1].shape
    # rstd = 1/√(σ² + ε): half the relative error of σ² + ε, and the root and the division.
    b_rstd = (0.5 * b_var / (s * s) + 3) / s
    return b_y.reshape(ref[0].shape), b_mean.reshape(rows), b_rstd.reshape(rows)


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


def _momentum_terms(v: np.ndarray, g: np.ndarray, mu: float) -> tuple[np.ndarray, np.ndarray]:
    """The new buffer ``μv + g`` and its budget: a two-term sum, plus μ held in the dtype."""
    return mu * v + g, 2 * (mu * np.abs(v) + np.abs(g)) + mu * np.abs(v)


def sgd_momentum_step(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """v′ = μv + g as a two-term sum; θ′ = θ − lr·d with d = v′ (heavy ball) or g + μv′
    (Nesterov), the error of d carried into the step, plus ``|θ| + |θ′|`` for the subtraction."""
    p, g, v = (inputs[k] for k in ("param", "grad", "velocity"))
    lr, mu = inputs["lr"], inputs["momentum"]
    p1, _v1 = ref
    v_new, b_v = _momentum_terms(v, g, mu)
    if inputs.get("nesterov", False):
        d = g + mu * v_new
        b_d = 2 * (np.abs(g) + mu * np.abs(v_new)) + mu * (np.abs(v_new) + b_v)
    else:
        d, b_d = v_new, b_v
    return np.abs(p) + np.abs(p1) + lr * (2 * np.abs(d) + b_d), b_v


def _scaled_step(g: np.ndarray, acc: np.ndarray, b_acc: np.ndarray, lr: float, eps: float) -> np.ndarray:
    """Budget of lr·g/(√acc + ε) from that of acc: half its relative error through the root,
    damped by ε, and one rounding each for the root, + ε, the division, the product, and lr and ε
    held in the dtype."""
    root = np.sqrt(acc)
    rel_root = 0.5 * b_acc / np.maximum(acc, np.finfo(np.float64).tiny) * root / (root + eps)
    return lr * np.abs(g) / (root + eps) * (6 + rel_root)


def adagrad_step(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """s′ = s + g² (a two-term sum); θ′ = θ − lr·g/(√s′ + ε)."""
    p, g, s = (inputs[k] for k in ("param", "grad", "state_sum"))
    p1, s1 = ref
    b_s = 2 * (s + g * g)
    return np.abs(p) + np.abs(p1) + _scaled_step(g, s1, b_s, inputs["lr"], inputs["eps"]), b_s


def _average_of_squares(a: np.ndarray, x: np.ndarray, rate: float) -> np.ndarray:
    """Budget of ρa + (1 − ρ)x², as Adam's v: the sum, and ρ held in the dtype (1 − ρ is then
    ρ/(1 − ρ) times less accurate than ρ)."""
    return 4 * (rate * a + (1 - rate) * x * x) + rate * x * x


def rmsprop_step(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """a′ = αa + (1 − α)g²; θ′ = θ − lr·g/(√a′ + ε)."""
    p, g, a = (inputs[k] for k in ("param", "grad", "square_avg"))
    p1, a1 = ref
    b_a = _average_of_squares(a, g, inputs["alpha"])
    return np.abs(p) + np.abs(p1) + _scaled_step(g, a1, b_a, inputs["lr"], inputs["eps"]), b_a


def adadelta_step(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """a′ = ρa + (1 − ρ)g²; Δ = √(d + ε)/√(a′ + ε)·g; d′ = ρd + (1 − ρ)Δ²; θ′ = θ − lr·Δ.  Δ carries
    half the relative error of a′ + ε, and five roundings; d′ and θ′ carry Δ's error on."""
    p, g, a, d = (inputs[k] for k in ("param", "grad", "square_avg", "acc_delta"))
    lr, rho, eps = inputs["lr"], inputs["rho"], inputs["eps"]
    p1, a1, _d1 = ref
    b_a = _average_of_squares(a, g, rho)
    delta = np.sqrt(d + eps) / np.sqrt(a1 + eps) * g
    rel_delta = 6 + 0.5 * b_a / (a1 + eps)
    b_d = _average_of_squares(d, delta, rho) + 2 * (1 - rho) * delta * delta * rel_delta
    return np.abs(p) + np.abs(p1) + lr * np.abs(delta) * (rel_delta + 2), b_a, b_d


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


def attention(inputs: dict[str, Any], ref: Budgets) -> Budgets:
    """Scores s = q·k/√d_k with absolute error e = (d_k + 3)·|q|·|k|/√d_k (the dot product and its
    scaling) + 2|s − max s| (the shift and exp's argument); each weight p_j
    moves by p_j·((1 − p_j)e_j + Σ_{l≠j} p_l e_l) for score errors e (first order: a common error
    cancels), plus the L-term sum; the output Σ p_j V_j adds L + 2 roundings of Σ p|V|."""
    q, k, v = inputs["Q"], inputs["K"], inputs["V"]
    t, d = q.shape
    n = k.shape[0]
    visible = np.ones((t, n), dtype=bool)
    if inputs.get("causal", False):
        visible = ~np.triu(visible, k=1)
    scores = np.where(visible, q @ k.T / np.sqrt(d), -np.inf)
    top = scores.max(axis=1, keepdims=True)
    e = np.exp(scores - top)
    p = e / e.sum(axis=1, keepdims=True)
    err = (d + 3) * (np.abs(q) @ np.abs(k).T) / np.sqrt(d) + 2 * np.abs(np.where(visible, scores - top, 0))
    err = np.where(visible, err, 0.0)
    mixed = (p * err).sum(axis=1, keepdims=True)
    b_p = p * ((1 - p) * err + mixed - p * err + n + 3)
    weighted = p @ np.abs(v)
    return (b_p @ np.abs(v) + (n + 2) * weighted + np.abs(ref[0]),)
