"""Sequence models: the RNN's Jacobians, the positional encoding, attention (causal and not)."""

from __future__ import annotations

from functools import partial

import numpy as np

from symdl.testing.battery._common import Arg, Case, fmt_scale, normal, one_call, scalar


def _state(rng: np.random.Generator, shape: tuple[int, ...], spread: float = 1.0) -> np.ndarray:
    return np.tanh(spread * rng.standard_normal(shape))


def _weights(rng: np.random.Generator, n: int, scale: float = 1.0) -> Arg:
    w = scale * rng.standard_normal((n, n)) / np.sqrt(n)
    return Arg("W_hh", w, f"W_hh = {fmt_scale(scale)}·N(0,1)/√n, shape ({n}, {n})", cast=True)


_SATURATED = (
    "saturated states (|h| close to 1): 1 − h² is small; h is already tanh of the pre-activation, "
    "so the derivative is 1 − h², not 1 − tanh(h)²"
)


def rnn_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    def h_arg(n: int, spread: float = 1.0, how: str = "") -> Arg:
        return Arg("h", _state(rng, (n,), spread), how or f"h = tanh(N(0,1)), shape ({n},)", cast=True)

    return [
        one_call("typical state", h_arg(5), _weights(rng, 5)),
        one_call("small weights (scale 1e-3)", h_arg(4), _weights(rng, 4, 1e-3)),
        one_call("large weights (scale 1e3)", h_arg(4), _weights(rng, 4, 1e3)),
        one_call("one unit (n = 1)", h_arg(1), _weights(rng, 1)),
        one_call("odd size", h_arg(7), _weights(rng, 7)),
        one_call(
            "saturated states",
            h_arg(6, 4.0, "h = tanh(4·N(0,1)) (mostly near ±1), shape (6,)"),
            _weights(rng, 6),
            note=_SATURATED,
        ),
    ]


def bptt_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    def hs_arg(t: int, n: int, spread: float = 1.0) -> Arg:
        how = f"hs = tanh({fmt_scale(spread)}·N(0,1)), shape ({t}, {n})"
        return Arg("hs", _state(rng, (t, n), spread), how, cast=True)

    return [
        one_call("typical sequence (T = 4)", hs_arg(4, 5), _weights(rng, 5, 1.5)),
        one_call("one step (T = 1)", hs_arg(1, 4), _weights(rng, 4)),
        one_call("small weights (scale 1e-3)", hs_arg(3, 4), _weights(rng, 4, 1e-3)),
        one_call("large weights (scale 1e3)", hs_arg(3, 4), _weights(rng, 4, 1e3)),
        one_call("one unit (n = 1)", hs_arg(5, 1), _weights(rng, 1)),
        one_call("longer, odd sizes (T = 7, n = 3)", hs_arg(7, 3), _weights(rng, 3, 2.0)),
        one_call("saturated states", hs_arg(3, 5, 4.0), _weights(rng, 5, 2.0), note=_SATURATED),
    ]


# -- transformers ---------------------------------------------------------------------------------
def positional_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    def sizes(n: int, d: int, note: str = "") -> Case:
        label = f"{n} position{'s' if n > 1 else ''}, d_model = {d}"
        return one_call(label, scalar("n_positions", n), scalar("d_model", d), note=note)

    return [
        sizes(8, 6),
        sizes(1, 4),
        sizes(50, 16),
        sizes(3, 1, "d_model = 1: only the sine column (2i = 0) exists"),
        sizes(7, 5, "odd d_model: the last column is a sine (its index 2i is even)"),
        sizes(1000, 12, "positions up to 999: the largest angles"),
    ]


_LARGE_SCORES = "large scores: exp overflows unless each row's maximum score is subtracted before the softmax"
_CAUSAL = (
    "causal=True: query i sees keys 0..i only (the scores of keys j > i are −∞ before the softmax, so "
    "their weights are exactly 0)"
)
_TOP_LEFT = (
    "T ≠ L with causal=True: the mask is aligned at the top left, as torch's is_causal=True: query i "
    "sees keys 0..i whatever L is (queries i ≥ L see every key); np.triu(np.ones((T, L)), k=1) marks the "
    "hidden scores"
)


def _attention_case(
    rng: np.random.Generator,
    label: str,
    t: int,
    n_keys: int,
    d_k: int,
    d_v: int,
    *,
    scale: float = 1.0,
    causal: bool = False,
    note: str = "",
) -> Case:
    q, k = normal(rng, "Q", (t, d_k), scale), normal(rng, "K", (n_keys, d_k), scale)
    flag = (scalar("causal", True, keyword=True),) if causal else ()
    return one_call(label, q, k, normal(rng, "V", (n_keys, d_v)), *flag, note=note)


def attention_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    """One head: self-attention (T = L) and cross-attention (T ≠ L), then the causal mask."""
    case = partial(_attention_case, rng)
    return [
        case("typical self-attention (T = L = 6, d_k = 8)", 6, 6, 8, 5),
        case("small queries and keys (scale 1e-3)", 5, 5, 4, 3, scale=1e-3),
        case("large queries and keys (scale 1e3)", 4, 4, 4, 3, scale=1e3, note=_LARGE_SCORES),
        case("one query (T = 1)", 1, 5, 4, 3),
        case("one key (L = 1)", 4, 1, 3, 2),
        case("d_k = 1", 5, 5, 1, 4),
        case(
            "cross-attention (T = 3 queries, L = 7 keys)",
            3,
            7,
            5,
            2,
            note="Q is (T, d_k) and K is (L, d_k): the scores QKᵀ are T × L, and each row's softmax runs "
            "over its L keys",
        ),
        case("causal self-attention (T = L = 6)", 6, 6, 8, 5, causal=True, note=_CAUSAL),
        case("causal, fewer queries than keys (T = 3, L = 6)", 3, 6, 4, 3, causal=True, note=_TOP_LEFT),
        case("causal, more queries than keys (T = 7, L = 4)", 7, 4, 4, 3, causal=True, note=_TOP_LEFT),
        case("causal, one query (T = 1, L = 4)", 1, 4, 3, 2, causal=True, note=_TOP_LEFT),
        case("causal, large scores (scale 1e3)", 5, 5, 4, 3, scale=1e3, causal=True, note=_LARGE_SCORES),
    ]
