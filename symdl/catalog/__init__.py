"""The catalog: every formula symdl knows, one tuple per topic of the notes.

Topic modules read like tables of formulas.  Nothing registers itself by being
imported: ``ALL`` below is the explicit concatenation of the topic tuples.
"""

from __future__ import annotations

from symdl.catalog import (
    activations,
    attention,
    descent,
    initialization,
    losses,
    normalization,
    optimizers,
    rnn,
    schedules,
    softmax,
    structure,
    training,
    transformer,
)
from symdl.record import Derivation

TOPICS: dict[str, tuple[Derivation, ...]] = {
    "Activations": activations.DERIVATIONS,
    "Softmax": softmax.DERIVATIONS,
    "Losses": losses.DERIVATIONS,
    "Initialisation": initialization.DERIVATIONS,
    "Optimisers": optimizers.DERIVATIONS,
    "Gradient descent on model problems": descent.DERIVATIONS,
    "Learning-rate schedules": schedules.DERIVATIONS,
    "Normalisation": normalization.DERIVATIONS,
    "Structure and preprocessing": structure.DERIVATIONS,
    "Sequence models": rnn.DERIVATIONS,
    "Attention and Transformers": attention.DERIVATIONS,
    "Self-attention for any size": transformer.DERIVATIONS,
    "Training arithmetic": training.DERIVATIONS,
}

ALL: tuple[Derivation, ...] = tuple(d for topic in TOPICS.values() for d in topic)

__all__ = ["ALL", "TOPICS"]
