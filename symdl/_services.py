"""What a record's convenience methods reach: the prover, the generator and the renderer.

A record (:mod:`symdl.record`) is plain data and imports none of that machinery.  Its
methods (``verify()``, ``kernel_source``, ``str()`` and the Jupyter displays) look the
machinery up in this table, which :mod:`symdl.api` -- the package's face, imported by
``import symdl`` before any submodule -- fills.  So imports run one way: the face imports the
record, the prover, the generator and the renderer; the record imports only this table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["call", "provide"]

_TABLE: dict[str, Callable[..., Any]] = {}


def provide(**services: Callable[..., Any]) -> None:
    """Register (or replace) services by name."""
    _TABLE.update(services)


def call(name: str, *args: Any, **kwargs: Any) -> Any:
    """Run the service ``name``."""
    try:
        service = _TABLE[name]
    except KeyError:
        raise RuntimeError(f"symdl's {name!r} service is not registered; import symdl first") from None
    return service(*args, **kwargs)
