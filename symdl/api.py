"""Looking records up by name.  Imports SymPy (via the catalog) only when first called."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symdl.record import Derivation

__all__ = ["derivation", "derivations"]


def derivations() -> tuple[Derivation, ...]:
    """Every record in the catalog, in topic order.

    >>> import symdl
    >>> any("sigmoid" in d.name for d in symdl.derivations())
    True
    """
    from symdl.catalog import ALL

    return ALL


def derivation(name: str) -> Derivation:
    """The record called ``name``; a ``KeyError`` lists close names if there is none."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    by_name = {d.name: d for d in derivations()}
    if name in by_name:
        return by_name[name]
    import difflib

    close = difflib.get_close_matches(name, by_name, n=5, cutoff=0.4)
    close += [n for n in by_name if name in n and n not in close]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise KeyError(f"no derivation named {name!r}{hint}")
