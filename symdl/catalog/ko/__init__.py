"""Korean text for every record: title, statement, conventions, step reasons and, for errata, what is true.

The notes' readers read Korean, so the site (and, on request, the CLI and REPL) shows every record
in Korean as well as English.  The text here is written for this project -- not taken from the
notes -- in the terms the notes' readers use; where Korean communities render a term differently,
:mod:`symdl.catalog.glossary` lists the renderings and which one is used here.  An English term
appears in parentheses where a student needs it to connect the Korean word with papers and code.

One module per catalog module (``ko/normalization.py`` holds the Korean of
``catalog/normalization.py``), each a table ``KO`` from record name to :class:`Korean`;
``ko/coverage.py`` gives the reasons of ``catalog/coverage.py``.  Formulas are the records' own;
only the words around them are Korean.  ``tests/test_korean.py`` fails, naming the record, when a
record has no entry, when its entry sits in another module than its record, when an erratum has no
Korean truth, or when the entry's shape (conventions, steps, induction, explicit case) or numbers
differ from the record's.

>>> from symdl.catalog.ko import korean
>>> import symdl
>>> korean(symdl.derivation("sigmoid_derivative")).title
'시그모이드의 도함수'
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from symdl.catalog.ko import (
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
from symdl.catalog.ko._common import NOTES, Korean
from symdl.catalog.ko.coverage import REASONS

if TYPE_CHECKING:
    from symdl.record import Derivation

__all__ = ["KO", "MODULES", "NOTES", "REASONS", "Korean", "korean"]

# The Korean modules, named as the catalog modules they translate.
MODULES = {
    module.__name__.rpartition(".")[2]: module
    for module in (
        activations,
        softmax,
        losses,
        initialization,
        optimizers,
        descent,
        schedules,
        normalization,
        structure,
        rnn,
        attention,
        transformer,
        training,
    )
}


def _merged() -> dict[str, Korean]:
    table: dict[str, Korean] = {}
    for name, module in MODULES.items():
        if twice := sorted(set(table) & set(module.KO)):
            raise ValueError(f"symdl/catalog/ko/{name}.py repeats Korean text for {', '.join(twice)}")
        table.update(module.KO)
    return table


KO: MappingProxyType[str, Korean] = MappingProxyType(_merged())
"""Every record's Korean text, by record name (read-only; edit the topic modules)."""


def korean(record: Derivation | str) -> Korean:
    """The Korean text of ``record`` (a record or its name).

    A ``KeyError`` names a record that has no Korean text yet; the CLI and REPL can fall back to
    English then.
    """
    name = record if isinstance(record, str) else getattr(record, "name", None)
    if not isinstance(name, str):
        raise TypeError(f"record must be a Derivation or a record name, got {type(record).__name__}")
    try:
        return KO[name]
    except KeyError:
        raise KeyError(f"no Korean text for record {name!r}: add it to symdl/catalog/ko/") from None
