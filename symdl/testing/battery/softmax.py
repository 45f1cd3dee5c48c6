"""Softmax and softmax cross-entropy: large and shifted logits, one class, confident predictions."""

from __future__ import annotations

import numpy as np

from symdl.testing.battery._common import Arg, Case, normal, one_call

_LARGE_LOGITS = (
    "large logits: exp overflows unless the row maximum is subtracted first (softmax(z) = softmax(z − max z))"
)


def softmax_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    shifted = normal(rng, "z", (6, 9), 3.0).value + 800.0 * rng.choice([-1.0, 1.0], size=(6, 1))
    return [
        one_call("typical logits", normal(rng, "z", (5, 7))),
        one_call("small logits (scale 1e-3)", normal(rng, "z", (4, 6), 1e-3)),
        one_call("large logits (scale 1e3)", normal(rng, "z", (4, 6), 1e3), note=_LARGE_LOGITS),
        one_call("one row, one class", normal(rng, "z", (1, 1))),
        one_call("one class (D = 1)", normal(rng, "z", (6, 1))),
        one_call("a single vector", normal(rng, "z", (11,))),
        one_call("three axes", normal(rng, "z", (2, 3, 5))),
        one_call(
            "rows shifted by ±800",
            Arg("z", shifted, "z = ±800 + 3·N(0,1) per row, shape (6, 9)", cast=True),
            note=_LARGE_LOGITS,
        ),
    ]


def _labels(rng: np.random.Generator, n: int, c: int) -> Arg:
    return Arg("labels", rng.integers(0, c, size=n), f"labels = random integers in [0, {c}), shape ({n},)")


def cross_entropy_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    confident = normal(rng, "logits", (7, 5)).value
    confident_labels = rng.integers(0, 5, size=7)
    confident[np.arange(7), confident_labels] += 30.0
    cases = []
    for label, shape, scale in (
        ("typical logits", (8, 5), 1.0),
        ("small logits (scale 1e-3)", (6, 4), 1e-3),
        ("large logits (scale 1e3)", (6, 4), 1e3),
        ("one sample (N = 1)", (1, 3), 1.0),
        ("one class (C = 1)", (5, 1), 1.0),
        ("odd sizes", (7, 13), 2.0),
    ):
        note = _LARGE_LOGITS if scale > 1 else ""
        cases.append(one_call(label, normal(rng, "logits", shape, scale), _labels(rng, *shape), note=note))
    cases.append(
        one_call(
            "logits around 500",
            normal(rng, "logits", (5, 6), 3.0, offset=500.0),
            _labels(rng, 5, 6),
            note=_LARGE_LOGITS,
        )
    )
    cases.append(
        one_call(
            "confident, correct predictions",
            Arg("logits", confident, "logits = N(0,1) with +30 on the true class, shape (7, 5)", cast=True),
            Arg("labels", confident_labels, "labels = the boosted classes"),
        )
    )
    return cases


_UNDERFLOWED = (
    "a confident, wrong prediction: softmax(z)[label] underflows to 0 and −log 0 = inf, although the loss "
    "(about 800) is finite; compute log-softmax directly, loss = max z + log Σ exp(z − max z) − z_label"
)


def cross_entropy_loss_cases(rng: np.random.Generator, dtype: np.dtype) -> list[Case]:
    """The per-row loss: the gradient's battery, and a confident wrong prediction (−log 0)."""
    cases = cross_entropy_cases(rng, dtype)
    wrong = normal(rng, "logits", (6, 5)).value
    wrong_labels = rng.integers(0, 5, size=6)
    boosted = (wrong_labels + rng.integers(1, 5, size=6)) % 5  # never the true class
    wrong[np.arange(6), boosted] += 800.0
    return [
        *cases,
        one_call(
            "confident, wrong predictions",
            Arg("logits", wrong, "logits = N(0,1) with +800 on a wrong class, shape (6, 5)", cast=True),
            Arg("labels", wrong_labels, "labels = classes other than the boosted ones"),
            note=_UNDERFLOWED,
        ),
    ]
