"""The battery: the inputs every student implementation is run on, kernel by kernel.

A `Case` is one situation (a shape, a scale, a way of making the inputs); it holds
one or more calls (`Arg` tuples in the kernel's argument order), so that a run of
optimiser steps is one case.  Arrays are made in float64 and cast to the dtype under test
by the checker (``Arg.cast``), so the student and the reference see the same numbers.

Every battery follows one plan: an ordinary case first (moderate shape, scale 1), then
scales 10⁻³ and 10³, then the edge shapes (N = 1, D = 1, odd sizes, a third axis), then
the adversarial inputs of that kernel.  Upstream gradients are random normal, never
constant: the gradient of a *sum* through BatchNorm is identically zero, so a constant
upstream gradient would pass a wrong backward pass.

One module per topic, as `symdl.kernels`: `activations`, `softmax`, `normalization`,
`optimizers`, `sequence`, `initialization`; the common pieces (`Arg`, `Case`, the makers of
random inputs) are in `_common`.  Every battery is also here, at ``battery.NAME``.
"""

from __future__ import annotations

from symdl.testing.battery._common import Arg as Arg
from symdl.testing.battery._common import Case as Case
from symdl.testing.battery._common import normal as normal
from symdl.testing.battery._common import scalar as scalar
from symdl.testing.battery._common import upstream as upstream
from symdl.testing.battery.activations import elementwise_cases as elementwise_cases
from symdl.testing.battery.activations import elu_cases as elu_cases
from symdl.testing.battery.activations import gelu_cases as gelu_cases
from symdl.testing.battery.activations import kink_cases as kink_cases
from symdl.testing.battery.activations import leaky_relu_cases as leaky_relu_cases
from symdl.testing.battery.activations import relu_cases as relu_cases
from symdl.testing.battery.activations import sigmoid_cases as sigmoid_cases
from symdl.testing.battery.activations import tanh_cases as tanh_cases
from symdl.testing.battery.initialization import initialiser_cases as initialiser_cases
from symdl.testing.battery.normalization import batchnorm_cases as batchnorm_cases
from symdl.testing.battery.normalization import batchnorm_forward_cases as batchnorm_forward_cases
from symdl.testing.battery.normalization import layernorm_cases as layernorm_cases
from symdl.testing.battery.normalization import layernorm_forward_cases as layernorm_forward_cases
from symdl.testing.battery.normalization import norm_case as norm_case
from symdl.testing.battery.normalization import norm_forward_case as norm_forward_case
from symdl.testing.battery.optimizers import ADADELTA as ADADELTA
from symdl.testing.battery.optimizers import ADAGRAD as ADAGRAD
from symdl.testing.battery.optimizers import ADAM as ADAM
from symdl.testing.battery.optimizers import RMSPROP as RMSPROP
from symdl.testing.battery.optimizers import SGD_MOMENTUM as SGD_MOMENTUM
from symdl.testing.battery.optimizers import Optimiser as Optimiser
from symdl.testing.battery.optimizers import adadelta_cases as adadelta_cases
from symdl.testing.battery.optimizers import adagrad_cases as adagrad_cases
from symdl.testing.battery.optimizers import adam_cases as adam_cases
from symdl.testing.battery.optimizers import optimiser_cases as optimiser_cases
from symdl.testing.battery.optimizers import rmsprop_cases as rmsprop_cases
from symdl.testing.battery.optimizers import sgd_momentum_cases as sgd_momentum_cases
from symdl.testing.battery.sequence import attention_cases as attention_cases
from symdl.testing.battery.sequence import bptt_cases as bptt_cases
from symdl.testing.battery.sequence import positional_cases as positional_cases
from symdl.testing.battery.sequence import rnn_cases as rnn_cases
from symdl.testing.battery.softmax import cross_entropy_cases as cross_entropy_cases
from symdl.testing.battery.softmax import cross_entropy_loss_cases as cross_entropy_loss_cases
from symdl.testing.battery.softmax import softmax_cases as softmax_cases
