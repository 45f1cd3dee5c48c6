"""The generator: SymPy expressions → readable Python source → numba kernels.

The stages, in the order a kernel passes through them:

1. :mod:`~symdl.codegen.spec` -- the vocabulary a record declares its kernel in
   (:class:`Elementwise`, :class:`Loops` of :class:`Assign` stages, :class:`Maximum`) and
   :func:`evaluate`, the symbolic interpreter the prover runs a spec with;
2. :mod:`~symdl.codegen.printer` -- expressions → Python lines numba compiles
   (:class:`KernelPrinter`), with the generated helpers :mod:`~symdl.codegen.expgen`
   (``exp64``) and :mod:`~symdl.codegen.trigen` (``sinq64``);
3. :mod:`~symdl.codegen.elementwise` and :mod:`~symdl.codegen.loops` -- a spec → functions;
   loops are grouped into nests by :mod:`~symdl.codegen.fusion` (and its hazard rules),
   printed by :mod:`~symdl.codegen.nests`, with mean-centred sums in one blocked pass by
   :mod:`~symdl.codegen.centred`;
4. :mod:`~symdl.codegen.module` -- complete modules: the package's (``python -m
   symdl.generate`` writes ``symdl/_generated``) and a user's (:func:`compile_kernel`).

The generator knows no particular formula: it never imports the catalog.
"""

from symdl.codegen.module import compile_kernel as compile_kernel
from symdl.codegen.module import kernel_source as kernel_source
from symdl.codegen.module import module_source as module_source
from symdl.codegen.printer import KernelPrinter as KernelPrinter
from symdl.codegen.spec import Assign as Assign
from symdl.codegen.spec import Elementwise as Elementwise
from symdl.codegen.spec import Loops as Loops
from symdl.codegen.spec import Maximum as Maximum
from symdl.codegen.spec import entries as entries
from symdl.codegen.spec import entry as entry
from symdl.codegen.spec import evaluate as evaluate
