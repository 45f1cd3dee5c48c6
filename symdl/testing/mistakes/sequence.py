"""Known mistakes in the sequence models: the RNN's Jacobians, the positional encoding, attention."""

from __future__ import annotations

import numpy as np

from symdl.testing.mistakes._common import Mistake, softmax_rows


def _jacobians(hs, w, *, side="left", transpose=False, preactivation=False):
    w = w.T if transpose else w
    d = 1 - np.tanh(hs) ** 2 if preactivation else 1 - hs * hs
    return [dt[:, None] * w if side == "left" else w * dt[None, :] for dt in d]


RNN_JACOBIAN = (
    Mistake(
        "W_hh·diag(1 − h²) (the diagonal on the right: columns scaled, not rows)",
        "∂h_t/∂h_{t−1} = diag(1 − h_t²)·W_hh: row i is scaled by 1 − h_i², since "
        "h_i = tanh(Σ_j W_ij h_j + …).",
        lambda h, w: _jacobians(h[None], w, side="right")[0],
    ),
    Mistake(
        "1 − tanh(h)², as if h were the pre-activation",
        "h is already the activation tanh(a), so tanh′(a) = 1 − h²: do not apply tanh again.",
        lambda h, w: _jacobians(h[None], w, preactivation=True)[0],
    ),
    Mistake(
        "diag(1 − h²)·W_hhᵀ (W_hh transposed)",
        "with h_t = tanh(W_hh h_{t−1} + …), entry (i, j) of the Jacobian is (1 − h_i²)·W_hh[i, j]: "
        "no transpose.",
        lambda h, w: _jacobians(h[None], w, transpose=True)[0],
    ),
)


def _chain(factors, reverse=False):
    out = np.eye(factors[0].shape[0], dtype=factors[0].dtype)
    for j in reversed(factors) if reverse else factors:
        out = j @ out
    return out


BPTT_JACOBIAN = (
    Mistake(
        "the product in the wrong order, J_1·J_2⋯J_T",
        "the chain rule multiplies from the last step back: ∂h_T/∂h_0 = J_T·J_{T−1}⋯J_1 (J_T on the left).",
        lambda hs, w: _chain(_jacobians(hs, w), reverse=True),
    ),
    Mistake(
        "W_hh transposed in every factor",
        "each factor is J_t = diag(1 − h_t²)·W_hh, without a transpose.",
        lambda hs, w: _chain(_jacobians(hs, w, transpose=True)),
    ),
    Mistake(
        "1 − tanh(h_t)², as if the states were pre-activations",
        "hs holds the activations h_t = tanh(a_t): the derivative is 1 − h_t², not 1 − tanh(h_t)².",
        lambda hs, w: _chain(_jacobians(hs, w, preactivation=True)),
    ),
    Mistake(
        "the product over h_2..h_T only (the first state taken for h_0)",
        "hs holds h_1..h_T, all after the first step: ∂h_T/∂h_0 has T factors, J_1 = diag(1 − h_1²)·W_hh "
        "included.",
        lambda hs, w: _chain(_jacobians(hs[1:], w)) if len(hs) > 1 else np.eye(w.shape[0]),
    ),
    Mistake(
        "W_hh·diag(1 − h_t²) in every factor (columns scaled, not rows)",
        "J_t = diag(1 − h_t²)·W_hh scales row i by 1 − h_{t,i}².",
        lambda hs, w: _chain(_jacobians(hs, w, side="right")),
    ),
)


# -- transformers ---------------------------------------------------------------------------------
def _encoding(n, d, *, swap=False, frequency="pairs", start=0, halves=False, dtype=np.float64):
    pos = np.arange(start, start + n, dtype=np.float64)[:, None]
    j = np.arange(d)
    exponent = {"columns": j, "pairs": 2 * (j // 2), "half": j // 2}[frequency.removesuffix("*")] / d
    angle = pos * 10000.0**exponent if frequency.endswith("*") else pos / 10000.0**exponent
    if halves:
        half = (d + 1) // 2
        two_i = 2 * np.arange(half)
        a = pos / 10000.0 ** (two_i / d)
        out = np.concatenate([np.sin(a), np.cos(a[:, : d - half])], axis=1)
    else:
        even = (j % 2 == 0) != swap
        out = np.where(even, np.sin(angle), np.cos(angle))
    return out.astype(dtype)


POSITIONAL_ENCODING = (
    Mistake(
        "sine and cosine swapped (cos on the even columns)",
        "PE[p, 2i] = sin(p/10000^(2i/d)) on the even columns and PE[p, 2i+1] = cos(…) on the odd ones.",
        lambda n, d, dtype=np.float64: _encoding(n, d, swap=True, dtype=dtype),
    ),
    Mistake(
        "each column j with its own frequency 10000^(j/d) (odd columns too fast)",
        "columns 2i and 2i+1 share one frequency, 1/10000^(2i/d): use the even index 2i = 2·(j // 2) "
        "for both.",
        lambda n, d, dtype=np.float64: _encoding(n, d, frequency="columns", dtype=dtype),
    ),
    Mistake(
        "the exponent i/d_model instead of 2i/d_model",
        "the pair (2i, 2i+1) has frequency 1/10000^(2i/d_model): the exponent uses the even column index 2i, "
        "not the pair index i.",
        lambda n, d, dtype=np.float64: _encoding(n, d, frequency="half", dtype=dtype),
    ),
    Mistake(
        "p·10000^(2i/d) (multiplied instead of divided)",
        "the angle is p/10000^(2i/d_model): frequencies fall from 1 (column 0) towards 1/10000.",
        lambda n, d, dtype=np.float64: _encoding(n, d, frequency="pairs*", dtype=dtype),
    ),
    Mistake(
        "positions counted from 1",
        "positions are counted from 0: the first row is p = 0, sin 0 = 0 and cos 0 = 1.",
        lambda n, d, dtype=np.float64: _encoding(n, d, start=1, dtype=dtype),
    ),
    Mistake(
        "all sines in the first half and all cosines in the second",
        "this encoding interleaves them: sine on column 2i, cosine on column 2i + 1 with the same frequency.",
        lambda n, d, dtype=np.float64: _encoding(n, d, halves=True, dtype=dtype),
    ),
)


def _attend(q, k, v, causal=False, *, scale="sqrt", axis=1, shift=True, mask="top-left", after=False):
    """Attention with knobs for the known mistakes: the score ``scale``, the softmax ``axis``, the
    max-``shift``, the causal ``mask`` (which keys are hidden), and a mask applied ``after`` the
    softmax (weights not renormalised)."""
    t, n = q.shape[0], k.shape[0]
    scores = q @ k.T / {"sqrt": np.sqrt(q.shape[1]), "none": 1.0, "d": q.shape[1]}[scale]
    ones = np.ones((t, n), dtype=bool)
    hidden = (
        {
            "top-left": np.triu(ones, k=1),  # query i sees keys 0..i
            "diagonal hidden": np.triu(ones, k=0),
            "one ahead": np.triu(ones, k=2),
            "transposed": np.tril(ones, k=-1),
            "bottom-right": np.triu(ones, k=1 + n - t),
        }[mask]
        if causal
        else ~ones
    )
    if not after:
        scores = np.where(hidden, -np.inf, scores)
    weights = softmax_rows(scores, axis=axis, shift=shift)
    if after:
        weights = np.where(hidden, 0.0, weights)
    return weights @ v


ATTENTION = (
    Mistake(
        "scores not divided by √d_k",
        "scaled dot-product attention divides the scores by √d_k before the softmax: softmax(QKᵀ/√d_k)·V. "
        "Without it the dot products of d_k terms grow with d_k and the softmax saturates.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, scale="none"),
    ),
    Mistake(
        "scores divided by d_k instead of √d_k",
        "the scale is 1/√d_k: for unit-variance entries q·k has variance d_k, and dividing by √d_k brings "
        "it back to 1.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, scale="d"),
    ),
    Mistake(
        "softmax over the queries (axis 0) instead of the keys",
        "each query's weights are a distribution over the keys: the softmax of the T × L scores runs "
        "along each row (axis=-1).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, axis=0),
    ),
    Mistake(
        "softmax without subtracting the row maximum (exp overflows for large scores)",
        "subtract each row's maximum score before exp; the softmax does not change, and exp no longer "
        "overflows to inf (inf/inf is NaN).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, shift=False),
    ),
    Mistake(
        "the causal mask hides the diagonal too (query i sees keys 0..i − 1)",
        "a query may attend to its own position: hide keys j > i only, np.triu(np.ones((T, L)), k=1). "
        "Hiding j ≥ i leaves query 0 no key at all (0/0 = NaN).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="diagonal hidden"),
    ),
    Mistake(
        "the causal mask one key late (query i also sees key i + 1)",
        "query i sees keys 0..i: hide j > i, np.triu(np.ones((T, L)), k=1), not k=2.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="one ahead"),
    ),
    Mistake(
        "the causal mask transposed (query i sees keys i..L − 1, the future)",
        "the hidden scores are above the diagonal (keys after the query), np.triu(…, k=1), not "
        "np.tril(…, k=-1).",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="transposed"),
    ),
    Mistake(
        "the causal mask aligned at the bottom right (query i sees keys 0..i + L − T)",
        "like torch's is_causal=True, symdl's causal mask is aligned at the top left: query i sees keys "
        "0..i whatever L is. The bottom-right alignment (the last query sees every key) is another "
        "convention, used when the queries are the last T of the L positions.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, mask="bottom-right"),
    ),
    Mistake(
        "the mask applied after the softmax (the weights no longer sum to 1)",
        "set the hidden scores to −∞ before the softmax, so the visible weights are renormalised; "
        "zeroing weights afterwards leaves rows that sum to less than 1.",
        lambda q, k, v, causal=False: _attend(q, k, v, causal, after=True),
    ),
)
