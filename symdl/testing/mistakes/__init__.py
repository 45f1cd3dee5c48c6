"""Known wrong variants of each kernel, and what to tell a student whose result matches one.

A `Mistake` is a small numpy function with the kernel's signature that computes a
*wrong* formula on purpose (the unbiased variance, a missing 1/N, no max-shift, …) and the
hint shown when a failing student's output agrees with it.  The checker runs every mistake
of the kernel on the first failing input, in float64 and in the dtype under test (so an
overflow the student hit is reproduced), and reports the ones the student's output matches.

For the random initialisers a mistake is a wrong *distribution* (`WrongDistribution`),
matched by the same statistical tests as the right one (see `symdl.testing.statistics`).

One module per topic, as `symdl.kernels`; every kernel's tuple of mistakes (``RELU_GRAD``,
``ATTENTION``, ...) is also here, at ``mistakes.NAME``.
"""

from __future__ import annotations

from symdl.testing.mistakes._common import Mistake as Mistake
from symdl.testing.mistakes._common import WrongDistribution as WrongDistribution
from symdl.testing.mistakes.activations import ELU_GRAD as ELU_GRAD
from symdl.testing.mistakes.activations import GELU_GRAD as GELU_GRAD
from symdl.testing.mistakes.activations import LEAKY_RELU_GRAD as LEAKY_RELU_GRAD
from symdl.testing.mistakes.activations import RELU_GRAD as RELU_GRAD
from symdl.testing.mistakes.activations import SIGMOID_GRAD as SIGMOID_GRAD
from symdl.testing.mistakes.activations import TANH_GRAD as TANH_GRAD
from symdl.testing.mistakes.initialization import HE_NORMAL as HE_NORMAL
from symdl.testing.mistakes.initialization import XAVIER_UNIFORM as XAVIER_UNIFORM
from symdl.testing.mistakes.normalization import BATCHNORM_BACKWARD as BATCHNORM_BACKWARD
from symdl.testing.mistakes.normalization import BATCHNORM_FORWARD as BATCHNORM_FORWARD
from symdl.testing.mistakes.normalization import LAYERNORM_BACKWARD as LAYERNORM_BACKWARD
from symdl.testing.mistakes.normalization import LAYERNORM_FORWARD as LAYERNORM_FORWARD
from symdl.testing.mistakes.optimizers import ADADELTA_STEP as ADADELTA_STEP
from symdl.testing.mistakes.optimizers import ADAGRAD_STEP as ADAGRAD_STEP
from symdl.testing.mistakes.optimizers import ADAM_STEP as ADAM_STEP
from symdl.testing.mistakes.optimizers import RMSPROP_STEP as RMSPROP_STEP
from symdl.testing.mistakes.optimizers import SGD_MOMENTUM_STEP as SGD_MOMENTUM_STEP
from symdl.testing.mistakes.sequence import ATTENTION as ATTENTION
from symdl.testing.mistakes.sequence import BPTT_JACOBIAN as BPTT_JACOBIAN
from symdl.testing.mistakes.sequence import POSITIONAL_ENCODING as POSITIONAL_ENCODING
from symdl.testing.mistakes.sequence import RNN_JACOBIAN as RNN_JACOBIAN
from symdl.testing.mistakes.softmax import CROSS_ENTROPY_GRAD as CROSS_ENTROPY_GRAD
from symdl.testing.mistakes.softmax import CROSS_ENTROPY_LOSS as CROSS_ENTROPY_LOSS
from symdl.testing.mistakes.softmax import SOFTMAX as SOFTMAX
