"""Hostile arrays: subclasses, strides, overlaps and aliasing, against an independent model.

``adam_step`` updates three arrays in place, so it is where a wrong layout check writes outside
the caller's memory.  Every case here carves param, grad, m and v out of one guarded buffer
(or makes them fresh) with random offsets, steps and wrappers, and decides *in the test* which
calls must be refused, from byte addresses computed from the layout (not from NumPy's overlap
test).  A refused call must raise a ValueError/TypeError naming an argument and leave every byte
as it was; an accepted call must change only the elements of param, m and v, to Algorithm 1's
values computed here in float64.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symdl import kernels as K

# Building an np.matrix warns that the class is not recommended; these tests build them on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:the matrix subclass:PendingDeprecationWarning")

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)
BUFFER = 48  # float64 elements in the shared buffer
NAMES = ("param", "grad", "m", "v")


class Tagged(np.ndarray):
    """An ndarray subclass with no special meaning: still not plain memory the kernels accept."""


@dataclass(frozen=True)
class Layout:
    fresh: bool  # its own new array, not a view of the shared buffer
    offset: int  # first element in the buffer
    step: int  # element step in the buffer (negative: reversed)
    wrapper: str  # "plain", "matrix", "masked", "tagged", "readonly", "list"


def _layouts(n: int):
    span = BUFFER - 1
    return st.builds(
        Layout,
        fresh=st.booleans(),
        offset=st.integers(0, span),
        step=st.sampled_from([1] * 6 + [2, -1, 3]),
        wrapper=st.sampled_from(["plain"] * 16 + ["matrix", "masked", "tagged", "readonly", "list"]),
    ).filter(lambda lay: lay.fresh or 0 <= lay.offset + (n - 1) * lay.step <= span)


def _elements(lay: Layout, n: int) -> set[int]:
    """The buffer elements (by index) a layout covers; empty for a fresh array."""
    return set() if lay.fresh else {lay.offset + k * lay.step for k in range(n)}


def _make(lay: Layout, n: int, buf: np.ndarray, rng: np.random.Generator):
    base = rng.uniform(0.1, 1.0, n) if lay.fresh else buf[lay.offset :: lay.step][:n]
    assert base.shape == (n,)
    if lay.wrapper == "matrix":
        return np.asmatrix(base.reshape(1, n))
    if lay.wrapper == "masked":
        return np.ma.masked_array(base, mask=np.zeros(n, bool))
    if lay.wrapper == "tagged":
        return base.view(Tagged)
    if lay.wrapper == "readonly":
        view = base.view()
        view.setflags(write=False)
        return view
    if lay.wrapper == "list":
        return base.tolist()
    return base


def _must_refuse(lays: dict[str, Layout], n: int) -> bool:
    """The contract, from the layouts alone."""
    for name in ("param", "m", "v"):
        lay = lays[name]
        if lay.wrapper != "plain":  # subclasses, lists and read-only views cannot be updated in place
            return True
        if not lay.fresh and n > 1 and lay.step != 1:  # not C-contiguous
            return True
    if lays["grad"].wrapper in ("masked", "tagged", "matrix"):  # a matrix is (1, n): not param's shape
        return True
    covered = {name: _elements(lays[name], n) for name in NAMES}
    if lays["grad"].wrapper == "list":
        covered["grad"] = set()  # a list is copied by numpy: it shares nothing
    for a in ("param", "m", "v"):
        for b in NAMES:
            if a != b and covered[a] & covered[b]:
                return True
    return False


def _refusal(call) -> Exception | None:
    """The ValueError/TypeError ``call`` raised, or None if it returned."""
    try:
        call()
    except (ValueError, TypeError) as err:
        return err
    return None


def _adam64(p, g, m, v, t, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    return p - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps), m, v


@SETTINGS
@given(
    n=st.integers(1, 6),
    data=st.data(),
    t=st.integers(1, 50),
)
def test_adam_with_hostile_layouts(n, data, t):
    lays = {name: data.draw(_layouts(n), label=name) for name in NAMES}
    rng = np.random.default_rng(n * 1000 + t)
    buf = rng.uniform(0.1, 1.0, BUFFER)  # positive: v stays a valid second moment wherever it lands
    arrays = {name: _make(lays[name], n, buf, rng) for name in NAMES}
    fresh_before = {k: np.array(a, dtype=float).copy() for k, a in arrays.items() if lays[k].fresh}
    buf_before = buf.copy()
    values = {k: np.array(a, dtype=float).reshape(-1).copy() for k, a in arrays.items()}

    refuse = _must_refuse(lays, n)
    err = _refusal(lambda: K.adam_step(arrays["param"], arrays["grad"], arrays["m"], arrays["v"], t))
    if err is not None:
        assert refuse, f"refused a valid call: {err}"
        assert re.search(r"\b(param|grad|m|v)\b", str(err)), str(err)
        assert buf.tobytes() == buf_before.tobytes()  # bit-identical, not just equal
        for k, before in fresh_before.items():
            assert np.array(arrays[k], dtype=float).tobytes() == before.tobytes(), k
        return
    assert not refuse, "accepted a call the contract refuses"
    want = dict(
        zip(("param", "m", "v"), _adam64(*(values[k] for k in NAMES), t, 1e-3, 0.9, 0.999, 1e-8), strict=True)
    )
    for name in ("param", "m", "v"):
        got = np.array(arrays[name], dtype=float).reshape(-1)
        np.testing.assert_allclose(got, want[name], rtol=1e-14, atol=0, err_msg=name)
    written = set().union(*(_elements(lays[k], n) for k in ("param", "m", "v")))
    untouched = [i for i in range(BUFFER) if i not in written]
    assert buf[untouched].tobytes() == buf_before[untouched].tobytes()  # nothing outside param, m, v


def test_issue_reproducer_matrix_param_writes_nothing():
    # The issue's case: an np.matrix param kept 2-D under reshape(-1) and the kernel wrote 30
    # doubles past it.  Now it is refused, and the whole buffer is bit-identical.
    buf = np.zeros(64)
    p = np.asmatrix(buf[:6].reshape(2, 3))
    before = buf.tobytes()
    with pytest.raises(TypeError, match="param is updated in place"):
        K.adam_step(p, np.arange(1.0, 7.0).reshape(2, 3), np.zeros((2, 3)), np.zeros((2, 3)), t=1)
    assert buf.tobytes() == before


@pytest.mark.parametrize("which", ["param", "m", "v"])
def test_grad_overlapping_state_is_refused_naming_both(which):
    buf = np.linspace(0.1, 1.0, 40)
    state = {"param": buf[:10], "m": buf[10:20], "v": buf[20:30]}
    before = buf.tobytes()
    grad = state[which][::-1]  # the same memory, read backwards
    with pytest.raises(ValueError, match=rf"{which} and grad share memory"):
        K.adam_step(state["param"], grad, state["m"], state["v"], 1)
    assert buf.tobytes() == before
    int_view = state[which].view(np.int64)  # another dtype over the same bytes counts too
    with pytest.raises(ValueError, match=rf"{which} and grad share memory"):
        K.adam_step(state["param"], int_view, state["m"], state["v"], 1)
    assert buf.tobytes() == before


def test_memmap_state_is_updated_in_the_file(tmp_path):
    # np.memmap is plain memory backed by a file: it is accepted in place, and the update lands
    # in the file exactly as on an ndarray holding the same values.
    n = 8
    rng = np.random.default_rng(5)
    p0, g = rng.normal(size=n), rng.normal(size=n)
    mapped = np.memmap(tmp_path / "param.bin", dtype=np.float64, mode="w+", shape=(n,))
    mapped[:] = p0
    plain = p0.copy()
    K.adam_step(mapped, g, np.zeros(n), np.zeros(n), 1)
    K.adam_step(plain, g, np.zeros(n), np.zeros(n), 1)
    mapped.flush()
    on_disk = np.fromfile(tmp_path / "param.bin", dtype=np.float64)
    assert on_disk.tobytes() == plain.tobytes()
    np.testing.assert_allclose(plain, _adam64(p0, g, 0.0, 0.0, 1, 1e-3, 0.9, 0.999, 1e-8)[0], rtol=1e-14)


def _big_endian(a):
    return a.astype(a.dtype.newbyteorder(">"))


def _unaligned(a):
    return np.ndarray(a.shape, np.float64, bytearray(b"\0" + a.tobytes()), offset=1)


@pytest.mark.parametrize("make", [_big_endian, _unaligned], ids=["big-endian", "unaligned"])
def test_unusual_state_layouts_are_refused(make):
    p = make(np.linspace(0.1, 1.0, 5))
    before = p.tobytes()
    with pytest.raises((ValueError, TypeError), match="param"):
        K.adam_step(p, np.ones(5), np.zeros(5), np.zeros(5), 1)
    assert p.tobytes() == before


@pytest.mark.parametrize(
    "make",
    [
        _big_endian,
        _unaligned,
        lambda a: np.asmatrix(a.reshape(1, -1)),
        lambda a: a[::-1].copy()[::-1],
    ],
    ids=["big-endian", "unaligned", "matrix", "reversed"],
)
def test_unusual_input_layouts_give_the_plain_result(make):
    x = np.linspace(-3.0, 3.0, 12)
    got = K.sigmoid_grad(make(x))
    assert type(got) is np.ndarray
    np.testing.assert_array_equal(got.reshape(-1), K.sigmoid_grad(x))


@pytest.mark.parametrize("fn", [K.sigmoid_grad, K.softmax])
def test_masked_and_other_subclass_inputs_are_refused(fn):
    with pytest.raises(TypeError, match=r"(x|z) is a numpy\.ma"):
        fn(np.ma.masked_array([1.0, 2.0], mask=[False, True]))
    with pytest.raises(TypeError, match="Tagged"):
        fn(np.ones(3).view(Tagged))


# -- arrays that are only read ------------------------------------------------------------------------------
PRESENTATIONS = ["plain", "fortran", "reversed", "strided", "matrix", "readonly", "same-as-x", "list"]


def _present(kind: str, values: np.ndarray, x_given):
    """``values`` (2-D) in an unusual layout or wrapper; "same-as-x" reuses x's own object."""
    if kind == "fortran":
        return np.asfortranarray(values)
    if kind == "reversed":
        return np.ascontiguousarray(values[::-1, ::-1])[::-1, ::-1]
    if kind == "strided":
        wide = np.zeros((values.shape[0], 2 * values.shape[1]), values.dtype)
        wide[:, ::2] = values
        return wide[:, ::2]
    if kind == "matrix":
        return np.asmatrix(values)
    if kind == "readonly":
        view = values.copy()
        view.setflags(write=False)
        return view
    if kind == "same-as-x":
        return x_given
    if kind == "list":
        return values.tolist()
    return values.copy()


@SETTINGS
@given(
    rows=st.integers(1, 5),
    cols=st.integers(2, 5),
    dtype=st.sampled_from([np.float32, np.float64]),
    x_kind=st.sampled_from([k for k in PRESENTATIONS if k != "same-as-x"]),
    dy_kind=st.sampled_from(PRESENTATIONS),
)
def test_inputs_in_any_layout_give_the_plain_result_and_stay_unchanged(rows, cols, dtype, x_kind, dy_kind):
    rng = np.random.default_rng(rows * 10 + cols)
    x_values = rng.normal(size=(rows, cols)).astype(dtype)
    dy_values = x_values if dy_kind == "same-as-x" else rng.normal(size=(rows, cols)).astype(dtype)
    x = _present(x_kind, x_values, None)
    dy = _present(dy_kind, dy_values, x)
    gamma = rng.normal(size=cols).astype(dtype)
    labels = np.arange(rows) % cols
    before = [np.array(a).tobytes() for a in (x, dy)]
    calls = {
        "batchnorm": lambda dy_, x_: K.batchnorm_backward(dy_, x_, gamma),
        "layernorm": lambda dy_, x_: K.layernorm_backward(dy_, x_, gamma),
        "softmax": lambda dy_, x_: (K.softmax(x_),),
        "cross_entropy": lambda dy_, x_: (K.softmax_cross_entropy_grad(x_, labels),),
        "sigmoid": lambda dy_, x_: (K.sigmoid_grad(x_),),
    }
    for name, call in calls.items():
        got = call(dy, x)
        want = call(np.array(dy), np.array(x))  # plain C-contiguous copies (a list's floats are float64)
        for g, w in zip(got, want, strict=True):
            assert type(g) is np.ndarray, name
            assert g.dtype == w.dtype, name
            assert np.asarray(g).tobytes() == w.tobytes(), name  # bit-identical
    assert [np.array(a).tobytes() for a in (x, dy)] == before  # inputs never written
