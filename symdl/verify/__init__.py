"""The prover: a record's claim → a :class:`~symdl.proof.Proof` that never overstates.

By stage: :mod:`~symdl.verify.budget` (one deadline for every phase, on any thread),
:mod:`~symdl.verify.numeric` (50-digit numbers that refute), :mod:`~symdl.verify.algebra`
(sound symbolic tiers), :mod:`~symdl.verify.equal` and :mod:`~symdl.verify.relation` (a = b,
a < b), :mod:`~symdl.verify.claims` (a whole record: claim, steps, cross-check, kernel).
The rule layer for sums of a symbolic size is :mod:`symdl.rules`.  The prover knows no
particular formula: it never imports the catalog.

Method labels, from strongest to weakest: ``symbolic, general`` (every size, every value the
assumptions allow), ``symbolic for x ≠ 0`` (a kink left to the record's convention),
``symbolic for n = 1..4`` (explicit sizes), ``exact value …`` (a worked example),
``numeric only (…)`` (agreement at sampled points), ``undecided (…)`` (no verdict within the
budget, or no point to sample), and the refutations: ``numeric counterexample``,
``exact value`` that differs.
"""

from symdl.proof import SYMBOLIC as SYMBOLIC
from symdl.proof import Proof as Proof
from symdl.verify.budget import Budget as Budget
from symdl.verify.budget import OutOfTime as OutOfTime
from symdl.verify.claims import verify as verify
from symdl.verify.claims import verify_kernel as verify_kernel
from symdl.verify.equal import prove_equal as prove_equal
from symdl.verify.relation import prove_relation as prove_relation
