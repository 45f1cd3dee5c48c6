"""symdl: deep-learning study notes as mathematics a machine has checked.

    symdl.derivation(name)   one record: the note's claim, SymPy's derivation, the steps
    symdl.derivations()      every record, in topic order
    symdl.errata()           what the notes get wrong, each refuted and corrected
    symdl.kernels            numeric kernels generated from the proved formulas
    symdl.testing            check your own implementation against the kernels

``import symdl`` is cheap: SymPy is imported when a symbolic feature is first used
(looking up a derivation), and kernels are loaded when first called.
"""

from symdl import kernels as kernels
from symdl._version import __version__ as __version__
from symdl.api import derivation as derivation
from symdl.api import derivations as derivations
from symdl.errata import errata as errata

__all__ = ["__version__", "derivation", "derivations", "errata", "kernels", "testing"]


def __getattr__(name: str):  # PEP 562: symdl.testing loads on first use
    if name == "testing":
        import importlib

        return importlib.import_module("symdl.testing")
    raise AttributeError(f"module 'symdl' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
