"""A first session with symdl: look a formula up, see it, check it, use its kernel."""

import numpy as np

import symdl

record = symdl.derivation("sigmoid_derivative")
print(record)  # the note's claim, the definitions, SymPy's steps

proof = record.verify()
print("verdict:", proof)  # holds (symbolic, general)
assert proof

print(record.kernel_source)  # the code numba compiled, generated from the proof

x = np.linspace(-50, 50, 5)
print("sigmoid'(x) =", symdl.kernels.sigmoid_grad(x))
