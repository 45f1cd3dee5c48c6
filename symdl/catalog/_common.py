"""Symbols, named functions and note titles shared by the catalog's topic modules."""

from __future__ import annotations

import sympy as sp

from symdl.record import Source

# The notes, by the titles they carry (see ../shared/notes/README.md).
DL_TECHNIQUES = "DL — Deep Learning Techniques"
ML_LIFECYCLE = "ML LifeCycle weekly summary"
ALL_ABOUT_DL = "All about Deep Learning"
DEEP_LEARNING = "Deep Learning"
DL_BASICS = "Deep learning basics"


def source(note: str, section: str) -> Source:
    return Source(note, section)


x = sp.Symbol("x", real=True)

# Named functions print the way the notes write them (σ(x)); their meaning is a definition.
sigma = sp.Function("sigma")
SIGMOID = (sigma(x), 1 / (1 + sp.exp(-x)))
TANH = (sp.tanh(x), (sp.exp(x) - sp.exp(-x)) / (sp.exp(x) + sp.exp(-x)))


def claim(lhs: sp.Basic, rhs: sp.Basic) -> sp.Eq:
    """``lhs = rhs`` as stated, never evaluated (an ``Eq`` of equal sides would become True)."""
    return sp.Eq(lhs, rhs, evaluate=False)
