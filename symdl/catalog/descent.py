"""Gradient descent on model problems: a quadratic, a saddle, a narrow valley.

Near a minimum every smooth loss looks like a quadratic, so what gradient descent does on
f(w) = a·w²/2 -- and on (x² − y²)/2 and (a·x² + b·y²)/2 -- is what the notes describe in words:
too large a rate blows up, too small a rate crawls, saddle points hold it, valleys make it zigzag.
Each iterate is proved for every step t by induction.
"""

from __future__ import annotations

import sympy as sp

from symdl.catalog._common import DEEP_LEARNING, ML_LIFECYCLE, claim, source
from symdl.record import Derivation, Induction

eta = sp.Symbol("eta", positive=True)  # the learning rate

_curv = sp.Symbol("a", positive=True)  # the curvature f''(w)
_w0 = sp.Symbol("w_0", real=True)
_step_t = sp.Symbol("t", integer=True, nonnegative=True)
_eta_r = sp.Symbol("eta", real=True)
GD_QUADRATIC_ITERATES = Derivation(
    name="gd_quadratic_iterates",
    title="Gradient descent on a·w²/2 multiplies w by 1 − ηa at every step",
    source=source(ML_LIFECYCLE, "Learning Rate Scheduling"),
    korean="경사 하강",
    statement="On f(w) = a·w²/2 (a > 0; near a minimum every smooth loss looks like this) the step "
    "w ← w − η·f′(w) = (1 − ηa)·w gives w_t = (1 − ηa)ᵗ·w_0 for every t, and the loss "
    "f(w_t) = (1 − ηa)^(2t)·f(w_0).",
    stated=False,
    claim=claim(sp.Function("w")(_step_t), (1 - eta * _curv) ** _step_t * _w0),
    induction=Induction(
        _step_t,
        0,
        base=(_w0, (1 - eta * _curv) ** 0 * _w0),
        step=(
            (1 - eta * _curv) ** _step_t * _w0 - eta * _curv * (1 - eta * _curv) ** _step_t * _w0,
            (1 - eta * _curv) ** (_step_t + 1) * _w0,
        ),
        hypothesis="w_t = (1 − ηa)ᵗ·w_0; one more step subtracts η·f′(w_t) = η·a·w_t",
    ),
)

GD_QUADRATIC_STEP_SIZE = Derivation(
    name="gd_quadratic_step_size",
    title="Gradient descent on a·w²/2 converges exactly for 0 < η < 2/a",
    source=source(ML_LIFECYCLE, "Learning Rate Scheduling"),
    korean="학습률",
    statement="w_t = (1 − ηa)ᵗ·w_0 (gd_quadratic_iterates) shrinks to the minimum exactly when "
    "|1 − ηa| < 1, i.e. for 0 < η < 2/a. Above 2/a the factor exceeds 1 in size and the loss grows "
    "geometrically — the note's 'loss may blow up' for a very high rate; for a very small rate the "
    "factor is close to 1 and the loss falls, but slowly.",
    stated=False,
    claim=claim(
        sp.ConditionSet(_eta_r, sp.Abs(1 - _eta_r * _curv) < 1, sp.S.Reals), sp.Interval.open(0, 2 / _curv)
    ),
    derived_expr=sp.solveset(sp.Abs(1 - _eta_r * _curv) < 1, _eta_r, sp.S.Reals),
)

_x0, _y0 = sp.symbols("x_0 y_0", real=True)
_saddle = sp.Matrix([(1 - eta) ** _step_t * _x0, (1 + eta) ** _step_t * _y0])
GD_SADDLE = Derivation(
    name="gd_saddle_iterates",
    title="Gradient descent near a saddle: it stays at the saddle point and leaves it slowly",
    source=source(DEEP_LEARNING, "Optimization 2: problems of gradient descent"),
    korean="경사 하강",
    statement="At the saddle point (0, 0) of f(x, y) = (x² − y²)/2 the gradient is 0, so gradient descent "
    "does not move there. From (x_0, y_0) the step (x, y) ← (x − ηx, y + ηy) gives x_t = (1 − η)ᵗx_0 and "
    "y_t = (1 + η)ᵗy_0 for every t: started on the x-axis it converges to the saddle, and from a tiny "
    "y_0 it needs about log(1/|y_0|)/log(1 + η) steps to get away — the note's 'hard to escape a saddle "
    "point'.",
    stated=False,
    claim=claim(sp.Matrix([sp.Function("x")(_step_t), sp.Function("y")(_step_t)]), _saddle),
    induction=Induction(
        _step_t,
        0,
        base=(sp.Matrix([_x0, _y0]), _saddle.subs(_step_t, 0)),
        step=(
            _saddle - eta * sp.Matrix([_saddle[0], -_saddle[1]]),
            _saddle.subs(_step_t, _step_t + 1),
        ),
        hypothesis="(x_t, y_t) as claimed; one step subtracts η·∇f = η·(x_t, −y_t)",
    ),
)

_sx, _sy = sp.symbols("x y", real=True)
_saddle_f = (_sx**2 - _sy**2) / 2
_lowest = sp.Symbol("λ_min(∇²f) where GD stops")
GD_STOPS_AT_SADDLE = Derivation(
    name="gd_can_stop_at_a_saddle",
    title="Gradient descent finds a point where ∇f = 0, not necessarily a minimum",
    source=source(DEEP_LEARNING, "Optimization 1: gradient descent"),
    korean="경사 하강",
    statement="The note concludes that stepping against the gradient finds the minimum. Gradient descent "
    "stops where ∇f = 0; for f(x, y) = (x² − y²)/2 started on the x-axis it converges to (0, 0) "
    "(gd_saddle_iterates), where the Hessian diag(1, −1) has the eigenvalue −1: a saddle, not a "
    "minimum (f has none: it falls without bound along y). A minimum needs its Hessian's eigenvalues ≥ 0.",
    stated=False,
    claim=sp.GreaterThan(_lowest, 0, evaluate=False),
    derived_expr=sp.Min(*sp.hessian(_saddle_f, (_sx, _sy)).subs({_sx: 0, _sy: 0}).eigenvals()),
    holds=False,
    correction=sp.StrictLessThan(_lowest, 0, evaluate=False),
    truth="Gradient descent finds a stationary point (∇f = 0): a minimum, a saddle or even a maximum. For a "
    "convex loss and a small enough step it is the minimum (gd_quadratic_step_size); for a deep "
    "network's loss, which is not convex (cross_entropy_not_convex_in_weights), there is no such "
    "guarantee.",
)

_flat = sp.Symbol("b", positive=True)  # the flat direction's curvature, 0 < b < a
_c_eta = sp.Symbol("c", positive=True)  # η = 2/(a(1 + c)): any step below 2/a
GD_FLAT_DIRECTIONS = Derivation(
    name="gd_slow_along_flat_directions",
    title="In a narrow valley every stable step crawls along the flat direction",
    source=source(DEEP_LEARNING, "Optimization 2: problems of gradient descent"),
    korean="경사 하강",
    statement="On f(x, y) = (a·x² + b·y²)/2 with 0 < b < a, gradient descent multiplies x by 1 − ηa and y "
    "by 1 − ηb at each step (gd_quadratic_iterates, per coordinate). It converges only for η < 2/a "
    "(gd_quadratic_step_size), and every such step leaves the flat direction's factor above 1 − 2b/a — "
    "close to 1 when b/a is small — while x flips sign at every step once η > 1/a: following the "
    "gradient zigzags across the valley and crawls along it, the note's 'inefficient path'.",
    stated=False,
    claim=sp.StrictGreaterThan(1 - eta * _flat, 1 - 2 * _flat / _curv, evaluate=False),
    definitions=((eta, 2 / (_curv * (1 + _c_eta))),),
    conventions=("η = 2/(a(1 + c)) with c > 0 stands for any step 0 < η < 2/a.",),
)


DERIVATIONS = (
    GD_QUADRATIC_ITERATES,
    GD_QUADRATIC_STEP_SIZE,
    GD_SADDLE,
    GD_STOPS_AT_SADDLE,
    GD_FLAT_DIRECTIONS,
)
