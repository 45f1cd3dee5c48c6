"""The arithmetic of training: epochs, batches, steps."""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import DEEP_LEARNING, DL_BASICS, claim, source
from symdl.record import Derivation

E, N, B = sp.symbols("epochs N batch_size", integer=True, positive=True)


def batches(n_samples: int, batch_size: int) -> int:
    """How many batches a pass over the data makes, by slicing (the last batch may be short)."""
    return len(range(0, n_samples, batch_size))


STEPS_EXAMPLE = Derivation(
    name="steps_worked_example",
    title="Worked example: 1000 samples, batch 100, 10 epochs is 100 steps",
    source=source(DL_BASICS, "Epoch vs batch size vs step"),
    statement="10 epochs × (1000/100) batches = 100 optimiser steps.",
    claim=claim(sp.Symbol("steps"), (E * N / B).subs({E: 10, N: 1000, B: 100})),
    derived_expr=sp.Integer(10 * batches(1000, 100)),
)

STEPS_GENERAL = Derivation(
    name="steps_per_training_run",
    title="Steps = epochs × ⌈N / batch size⌉",
    source=source(DL_BASICS, "Epoch vs batch size vs step"),
    statement="The note's rule steps = epochs × (data / batch_size) gives 10 × 1000/300 = 33.3 steps for "
    "1000 samples in batches of 300.",
    claim=claim(sp.Symbol("steps"), sp.Integer(10) * sp.Rational(1000, 300)),
    derived_expr=sp.Integer(10 * batches(1000, 300)),
    holds=False,
    correction=claim(
        sp.Integer(10 * batches(1000, 300)), sp.Integer(10) * sp.ceiling(sp.Rational(1000, 300))
    ),
    truth="A step is one batch, and the last, short batch is a step too (unless it is dropped): "
    "steps = epochs × ⌈N/batch_size⌉ = 10 × 4 = 40 here. The note's product is right only when "
    "batch_size divides N, as in its own example.",
)


def batch_sizes(n_samples: int, batch_size: int) -> list[int]:
    """The size of each batch a pass over the data makes, by slicing."""
    return [len(range(n_samples)[start : start + batch_size]) for start in range(0, n_samples, batch_size)]


MINIBATCH_SIZES = Derivation(
    name="minibatches_not_all_the_same_size",
    title="Mini-batches all have the batch size only when it divides the data",
    source=source(DEEP_LEARNING, "Overfitting; mini-batch, iteration, epoch"),
    statement="The note defines mini-batches as the whole data split into groups of the same size. "
    "Judgement call: true when the batch size divides N, or when the last, short batch is dropped "
    "(drop_last); checked here as written, for 1000 samples in batches of 300.",
    stated=False,
    claim=claim(sp.Matrix(batch_sizes(1000, 300)), sp.Matrix([300] * len(batch_sizes(1000, 300)))),
    holds=False,
    correction=claim(
        sp.Matrix(batch_sizes(1000, 300)),
        sp.Matrix([300, 300, 300, 1000 - 300 * sp.floor(sp.Rational(1000, 300))]),
    ),
    truth="Splitting N samples into batches of B gives ⌊N/B⌋ full batches and, unless B divides N, a "
    "last batch of N − B·⌊N/B⌋ = N mod B samples: 300, 300, 300 and 100 here. Data loaders keep that "
    "short batch by default (one more step per epoch, steps_per_training_run) or drop it on request.",
)

DERIVATIONS = (STEPS_EXAMPLE, STEPS_GENERAL, MINIBATCH_SIZES)
