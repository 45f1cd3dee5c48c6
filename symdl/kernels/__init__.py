"""The numeric kernels, generated from the catalog's proved expressions.

By topic: :mod:`~symdl.kernels.activations`, :mod:`~symdl.kernels.classification`,
:mod:`~symdl.kernels.normalization`, :mod:`~symdl.kernels.sequence`,
:mod:`~symdl.kernels.optimizers`, :mod:`~symdl.kernels.initialization`; every kernel is
also here, at ``symdl.kernels.NAME``.

Every function here checks its arguments and calls a kernel that
``python -m symdl.generate`` generated into ``symdl/_generated/`` from a catalog
record (the record named in each docstring; ``symdl show NAME`` prints the
source).  Importing this module needs neither SymPy nor a compiler run: each
generated module is imported on first use, and numba loads the compiled kernel
from its on-disk cache when it can.

Conventions:

* float32 in → float32 out; float64 in → float64 out; bool and integer input is
  cast to float64; other dtypes raise ``TypeError``.  Mixed float32/float64
  arguments compute in float64.  ``adam_step`` updates its state in the state's own
  dtype, computing each step in float64 from the gradient as given (a float64 grad is
  not rounded to a float32 param's precision first) and rounding once when storing.
* Kernels see plain ndarray memory: ``np.matrix`` and ``np.memmap`` inputs are read as
  the arrays they hold, other ndarray subclasses (masked arrays) are refused, and arrays
  updated in place must be exact ndarrays (or ``np.memmap``) sharing no memory with any
  other argument (``symdl._args`` states the whole policy).
* Bad input raises ``ValueError``/``TypeError`` naming the argument, before any
  array is written.  A result too large to allocate raises a ``ValueError`` (that is also a
  ``MemoryError``) naming the sizes that asked for it.
* Kernels use all cores (numba ``parallel``) above a size where that was measured to pay
  (2k elements for elementwise kernels, 65k for loop kernels) and one thread below.
"""

from __future__ import annotations

from symdl.kernels._launch import ELEMENTWISE_PARALLEL_MIN as ELEMENTWISE_PARALLEL_MIN
from symdl.kernels._launch import PARALLEL_MIN_ELEMENTS as PARALLEL_MIN_ELEMENTS
from symdl.kernels.activations import (
    elu_grad,
    gelu_grad,
    leaky_relu_grad,
    relu_grad,
    sigmoid_grad,
    tanh_grad,
)
from symdl.kernels.classification import (
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
)
from symdl.kernels.initialization import (
    he_normal,
    xavier_uniform,
)
from symdl.kernels.normalization import (
    batchnorm_backward,
    batchnorm_forward,
    layernorm_backward,
    layernorm_forward,
)
from symdl.kernels.optimizers import ADAM_MAX_T as ADAM_MAX_T
from symdl.kernels.optimizers import (
    adadelta_step,
    adagrad_step,
    adam_step,
    rmsprop_step,
    sgd_momentum_step,
)
from symdl.kernels.sequence import (
    attention,
    bptt_jacobian,
    positional_encoding,
    rnn_jacobian,
)

__all__ = [
    "adadelta_step",
    "adagrad_step",
    "adam_step",
    "attention",
    "batchnorm_backward",
    "batchnorm_forward",
    "bptt_jacobian",
    "elu_grad",
    "gelu_grad",
    "he_normal",
    "layernorm_backward",
    "layernorm_forward",
    "leaky_relu_grad",
    "positional_encoding",
    "relu_grad",
    "rmsprop_step",
    "rnn_jacobian",
    "sgd_momentum_step",
    "sigmoid_grad",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "tanh_grad",
    "xavier_uniform",
]


def __dir__() -> list[str]:
    """Only the kernels (what tab completion on ``symdl.kernels.`` should offer)."""
    return sorted(__all__)
