"""The package's face: records by name, and the machinery a record's methods delegate to.

``symdl.derivation(name)`` and ``symdl.derivations()`` import SymPy (via the catalog) only
when first called.  Importing this module registers, in :mod:`symdl._services`, the
functions behind ``Derivation.verify()``, ``.verify_kernel()``, ``.kernel_source`` and the
displays: each imports its stage (prover, generator, renderer) when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from symdl import _services

if TYPE_CHECKING:
    from symdl.proof import Proof
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
    if not name.strip():
        raise KeyError("name is empty: symdl.derivations() lists every record (or run `symdl list`)")
    by_name = {d.name: d for d in derivations()}
    if name in by_name:
        return by_name[name]
    import difflib

    close = difflib.get_close_matches(name, by_name, n=5, cutoff=0.4)
    close += [n for n in by_name if name in n and n not in close]
    hint = f"; did you mean {', '.join(close[:5])}?" if close else "; `symdl list` shows the names"
    raise KeyError(f"no derivation named {name!r}{hint}")


# -- what a record's methods delegate to --------------------------------------------------------
def _verify(record: Derivation, *, timeout: float) -> Proof:
    from symdl.verify import verify

    return verify(record, timeout=timeout)


def _verify_kernel(record: Derivation, *, timeout: float) -> Proof:
    from symdl.verify import verify_kernel

    return verify_kernel(record, timeout=timeout)


def _kernel_source(spec: Any) -> str:
    from symdl.codegen import kernel_source

    return kernel_source(spec)


def _text_block(record: Derivation) -> str:
    from symdl.render import text_block

    return text_block(record)


def _latex_block(record: Derivation) -> str:
    from symdl.render import latex_block

    return latex_block(record)


def _markdown(record: Derivation) -> str:
    from symdl.render import markdown

    return markdown(record)


_services.provide(
    verify=_verify,
    verify_kernel=_verify_kernel,
    kernel_source=_kernel_source,
    text_block=_text_block,
    latex_block=_latex_block,
    markdown=_markdown,
)
