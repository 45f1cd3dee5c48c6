"""The rule layer: identities SymPy does not apply by itself, each a small tested function.

* :mod:`~symdl.rules.sums` -- sums of a symbolic length (linearity, Kronecker deltas, peeling)
  in a normal form two sides can be compared in;
* :mod:`~symdl.rules.calculus` -- derivatives taken through such sums without expanding them;
* :mod:`~symdl.rules.expectation` -- E over sums and products of independent variables;
* :mod:`~symdl.rules.matrices` -- the trace is cyclic (for matrices of a symbolic size).

The catalog derives with them and the prover compares with them; they know no formula.
"""
