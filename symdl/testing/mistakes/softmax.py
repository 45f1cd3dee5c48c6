"""Known mistakes in softmax and softmax cross-entropy (the loss and its gradient)."""

from __future__ import annotations

import numpy as np

from symdl.testing.mistakes._common import Mistake, softmax_rows

_WHOLE_MAX = (
    "softmax shifted by the maximum of the whole array, not of each row",
    "Each row needs its own maximum: z.max(axis=-1, keepdims=True). With one maximum for all rows, a row "
    "far below it underflows to 0/0 = NaN.",
)

SOFTMAX = (
    Mistake(
        "softmax without subtracting the row maximum (exp overflows for large logits)",
        "Without the shift, exp(z) overflows to inf for logits above ~88 (float32) or ~709 (float64), "
        "and inf/inf is NaN. "
        "Subtract each row's maximum first: softmax(z) = softmax(z − max z), so the largest term is "
        "exp(0) = 1.",
        lambda z: softmax_rows(z, shift=False),
    ),
    Mistake(
        "softmax normalised over the wrong axis (the columns, axis 0)",
        "each row (the last axis) is one distribution: take max and sum with axis=-1, keepdims=True.",
        lambda z: softmax_rows(z, axis=0),
    ),
    Mistake(*_WHOLE_MAX, lambda z: softmax_rows(z, whole=True)),
    Mistake(
        "log-softmax instead of softmax",
        "you returned log p = z − logsumexp(z); softmax returns p = exp(z − max z)/Σ exp(z − max z).",
        lambda z: np.log(softmax_rows(z)),
    ),
    Mistake(
        "the exponentials, not divided by their sum",
        "divide exp(z − max z) by its sum over the row, so that each row sums to 1.",
        lambda z: np.exp(z - z.max(axis=-1, keepdims=True)),
    ),
)


def _onehot(labels, like):
    out = np.zeros_like(like)
    out[np.arange(like.shape[0]), labels] = 1
    return out


CROSS_ENTROPY_GRAD = (
    Mistake(
        "the gradient of the mean loss (divided by N), not of the summed loss",
        "this kernel is ∂/∂logits of the *sum* over the batch, softmax − onehot per row; the 1/N of a "
        "mean loss is applied outside (a mean instead of a sum).",
        lambda z, y: (softmax_rows(z) - _onehot(y, z)) / z.shape[0],
    ),
    Mistake(
        "onehot − softmax (the sign is flipped)",
        "the loss is −log p_label, so its gradient is p − onehot, positive off the true class.",
        lambda z, y: _onehot(y, z) - softmax_rows(z),
    ),
    Mistake(
        "softmax alone (the one-hot labels were not subtracted)",
        "subtract 1 at each row's true class: ∂L/∂z = softmax(z) − onehot(label).",
        lambda z, y: softmax_rows(z),
    ),
    Mistake(
        "softmax without subtracting the row maximum (exp overflows for large logits)",
        "Without the shift, exp(z) overflows to inf for large logits and inf/inf is NaN: subtract each "
        "row's maximum before exp.",
        lambda z, y: softmax_rows(z, shift=False) - _onehot(y, z),
    ),
    Mistake(*_WHOLE_MAX, lambda z, y: softmax_rows(z, whole=True) - _onehot(y, z)),
    Mistake(
        "softmax over the wrong axis (the batch, axis 0)",
        "each row is one sample's distribution over the classes: normalise over axis=1 (the classes).",
        lambda z, y: softmax_rows(z, axis=0) - _onehot(y, z),
    ),
)


def _picked(z, labels):
    return z[np.arange(z.shape[0]), labels]


def _log_sum_exp(z, *, shift=True, add_back=True):
    top = z.max(axis=1, keepdims=True) if shift else np.zeros_like(z[:, :1])
    out = np.log(np.exp(z - top).sum(axis=1, keepdims=True)) + (top if add_back else 0.0)
    return out[:, 0]


_CLIPPED = (
    "−log(p + ε) or −log(clip(p, ε, 1)) (a small constant keeps the log finite but caps the loss)",
    "the constant hides inf but changes the loss: wherever softmax(z)[label] underflows, the loss becomes "
    "−log ε instead of its true value. Compute log-softmax directly: "
    "loss = max z + log Σ exp(z − max z) − z_label, finite for any finite logits.",
)


def _clipped(z, labels, eps):
    return -np.log(_picked(softmax_rows(z), labels) + eps)


CROSS_ENTROPY_LOSS = (
    Mistake(
        "log Σ exp(z) without subtracting the row maximum (exp overflows for large logits)",
        "the exponential overflows to inf for logits above ~88 (float32) or ~709 (float64). Shift first: "
        "log Σ exp(z) = m + log Σ exp(z − m) with m the row maximum.",
        lambda z, y: _log_sum_exp(z, shift=False) - _picked(z, y),
    ),
    Mistake(
        "the row maximum subtracted but not added back (log Σ exp(z − m) − z_label)",
        "since log Σ exp(z) = m + log Σ exp(z − m), add the maximum m back after the log of the shifted sum.",
        lambda z, y: _log_sum_exp(z, add_back=False) - _picked(z, y),
    ),
    Mistake(
        "−log of the softmax probability (−log 0 = inf where it underflows)",
        "for a confident wrong prediction softmax(z)[label] underflows to 0 and −log 0 = inf, although "
        "the loss is finite. Compute log-softmax directly: loss = max z + log Σ exp(z − max z) − z_label.",
        lambda z, y: -np.log(_picked(softmax_rows(z), y)),
    ),
    *(Mistake(*_CLIPPED, lambda z, y, eps=eps: _clipped(z, y, eps)) for eps in (1e-7, 1e-8, 1e-9, 1e-12)),
    Mistake(
        "log softmax(z)[label] (the sign flipped)",
        "the loss is −log softmax(z)[label] = log Σ exp(z) − z_label, which is ≥ 0.",
        lambda z, y: _picked(z, y) - _log_sum_exp(z),
    ),
)
