"""symdl: deep-learning study notes as mathematics a machine has checked.

``import symdl`` is cheap: SymPy is imported when a symbolic feature is first used
(looking up a derivation), and kernels are loaded when first called.
"""

from symdl import kernels as kernels
from symdl._version import __version__ as __version__
from symdl.api import derivation as derivation
from symdl.api import derivations as derivations
from symdl.errata import errata as errata
