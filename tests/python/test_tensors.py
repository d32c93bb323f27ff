"""Tensors as R values in Python: op_subset's 1-based rules against R's own subsetting (emulated on
an F-ordered array, whose numpy indices are R's minus one), the group-generic internals against
numpy, Shape, and the reticulate-style names."""

from __future__ import annotations

import numpy as np
import pytest

import rkeras
from rkeras.api import tensors as T
from rkeras.errors import RKerasError
from rkeras.spec import rows_by_name

XR = np.arange(1, 21, dtype=np.float64).reshape(4, 5, order="F")  # R's array(1:20, c(4, 5))


@pytest.fixture(scope="module")
def x():
    import keras

    return keras.ops.convert_to_tensor(XR)


def sub(t, *i):
    return np.asarray(rkeras.op_subset(t, *i))


def test_op_subset_matches_r(x) -> None:
    np.testing.assert_array_equal(sub(x, 1), XR[0, :])                      # x[1] (R: x[1, ])
    np.testing.assert_array_equal(sub(x, slice(None), slice(2, 3)), XR[:, 1:3])  # x[, 2:3]
    np.testing.assert_array_equal(sub(x, -1), XR[3, :])                     # x[-1, ]: the last row
    np.testing.assert_array_equal(sub(x, [1, 3], [True, False, True, False, False]),
                                  XR[np.ix_([0, 2], [0, 2])])
    np.testing.assert_array_equal(sub(x, slice(None, 2), slice(1, -2)), XR[0:2, 0:4])   # x[NA:2, 1:-2]
    np.testing.assert_array_equal(sub(x, slice(None), slice(1, 5, 2)), XR[:, [0, 2, 4]])  # 1:5:2
    assert sub(x, slice(None), slice(2, 2)).shape == (4, 1)
    assert sub(x, None).shape == (1, 4, 5)
    np.testing.assert_array_equal(sub(x, Ellipsis, 2), XR[:, 1])
    np.testing.assert_array_equal(sub(x, np.array([[1, 1], [2, 2], [3, 3]])), [1, 6, 11])
    mask = XR >= 6
    np.testing.assert_array_equal(sub(x, mask), XR.reshape(-1)[mask.reshape(-1)])  # row-major order
    assert float(sub(x, 2, 3)) == XR[1, 2]


def test_op_subset_on_symbolic_tensors() -> None:
    inp = rkeras.keras_input(shape=(3, 4))
    assert tuple(rkeras.op_subset(inp, slice(None), 1).shape) == (None, 4)
    assert tuple(rkeras.op_subset(inp, slice(None), [1, 3]).shape) == (None, 2, 4)
    assert tuple(rkeras.op_subset(inp, Ellipsis, -1).shape) == (None, 3)


def test_op_subset_errors(x) -> None:
    with pytest.raises(RKerasError, match=r"op_subset\(\): indices are 1-based .* got 0 for axis 1"):
        rkeras.op_subset(x, 0)
    with pytest.raises(RKerasError, match="index 5 is out of range for axis 1 of size 4"):
        rkeras.op_subset(x, 5)
    with pytest.raises(RKerasError, match="3 indices for a tensor of rank 2"):
        rkeras.op_subset(x, 1, 2, 3)
    with pytest.raises(RKerasError, match="NA is not an index"):
        rkeras.op_subset(x, float("nan"))
    with pytest.raises(RKerasError, match="slice step must be positive"):
        rkeras.op_subset(x, slice(1, 3, -1))


def test_op_subset_set(x) -> None:
    import keras

    got = np.asarray(rkeras.op_subset_set(x, 1, slice(None), value=0))
    want = XR.copy()
    want[0, :] = 0
    np.testing.assert_array_equal(got, want)
    got = np.asarray(getattr(rkeras, "op_subset<-")(x, slice(None), [2, -1], value=[[1, 2]] * 4))
    want = XR.copy()
    want[:, [1, 4]] = [1, 2]
    np.testing.assert_array_equal(got, want)
    v = keras.Variable(np.ones((2, 3)))
    assert rkeras.op_subset_set(v, 1, 1, value=33) is v
    np.testing.assert_array_equal(np.asarray(v), [[33, 1, 1], [1, 1, 1]])
    with pytest.raises(RKerasError, match="fully known shape"):
        rkeras.op_subset_set(rkeras.keras_input(shape=(3,)), 1, value=0)


@pytest.mark.parametrize(("op", "fn"), [
    ("+", np.add), ("-", np.subtract), ("*", np.multiply), ("/", np.divide), ("^", np.power),
    ("%%", np.mod), ("%/%", np.floor_divide), ("==", np.equal), ("<", np.less), (">=", np.greater_equal),
])
def test_tensor_op_matches_numpy(x, op: str, fn) -> None:
    other = np.array([[2.0, -3.0, 4.0, 5.0, -6.0]] * 4)
    np.testing.assert_allclose(np.asarray(T.tensor_op(op, x, other)), fn(XR, other))
    np.testing.assert_allclose(np.asarray(T.tensor_op(op, 3.0, x)), fn(3.0, XR))


def test_tensor_math_and_summary(x) -> None:
    np.testing.assert_allclose(np.asarray(T.tensor_op("-", x, unary=True)), -XR)
    np.testing.assert_array_equal(np.asarray(T.tensor_op("!", x > 5, unary=True)), ~(XR > 5))
    np.testing.assert_allclose(np.asarray(T.tensor_math("log", x, 2)), np.log2(XR))
    np.testing.assert_allclose(np.asarray(T.tensor_math("round", x / 3, digits=2)), np.round(XR / 3, 2))
    np.testing.assert_allclose(np.asarray(T.tensor_math("ceiling", x / 3)), np.ceil(XR / 3))
    np.testing.assert_allclose(np.asarray(T.tensor_math("sinpi", x / 4)), np.sin(np.pi * XR / 4), atol=1e-12)
    np.testing.assert_allclose(np.asarray(T.tensor_math("cumsum", x)), np.cumsum(XR.reshape(-1)))
    assert float(T.tensor_summary("sum", x, 1.0)) == XR.sum() + 1
    assert float(T.tensor_summary("max", x, 100.0)) == 100
    np.testing.assert_array_equal(np.asarray(T.tensor_summary("range", x)), [1, 20])
    assert bool(T.tensor_summary("any", x > 19)) and not bool(T.tensor_summary("all", x > 1))
    with pytest.raises(RKerasError, match=r"gamma\(\): not available for tensors"):
        T.tensor_math("gamma", x)
    np.testing.assert_array_equal(T.tensor_dim(rkeras.keras_input(shape=(3,))), [-(2**31), 3])
    assert T.tensor_length(x).tolist() == [20]


def test_shape() -> None:
    s = rkeras.shape(float("nan"), 3)
    assert s == (None, 3) and isinstance(s, T.Shape) and repr(s) == "shape(NA, 3)"
    assert rkeras.shape(None, 28) == (None, 28) and rkeras.shape(-1, 2.0) == (None, 2)
    inp = rkeras.keras_input(shape=rkeras.shape(28, 28))
    assert rkeras.shape(inp) == (None, 28, 28) and rkeras.shape(inp, 4) == (None, 28, 28, 4)
    assert rkeras.shape(np.array([2.0, 3.0])) == (2, 3)  # an R vector: its values
    out = rkeras.layer_reshape(inp, target_shape=rkeras.shape(784))
    assert tuple(out.shape) == (None, 784)
    assert tuple(rkeras.random_normal(rkeras.shape(2, 3)).shape) == (2, 3)
    assert rkeras.shape(rkeras.as_tensor([1, 2, 3, 4, 5, 6], shape=rkeras.shape(float("nan"), 3))) == (2, 3)
    with pytest.raises(RKerasError, match=r"shape\(\): `...` must be whole numbers"):
        rkeras.shape(2.5)


def test_reticulate_style_names(capsys: pytest.CaptureFixture[str]) -> None:
    a = np.arange(3.0)
    assert rkeras.r_to_py(a) is not a and np.array_equal(rkeras.r_to_py(a), a)
    n = rkeras.np_array([1, 2], dtype="float32", order="F")
    assert n.dtype == np.float32 and n.flags.f_contiguous
    with pytest.raises(RKerasError, match='np_array\\(\\): `order` must be "C" or "F"'):
        rkeras.np_array([1], order="X")
    assert rkeras.tuple(1, 2) == (1, 2) and rkeras.tuple([1, 2]) == (1, 2) and rkeras.tuple() == ()
    assert rkeras.tuple(i for i in range(3)) == (0, 1, 2) and rkeras.tuple("ab") == ("ab",)
    assert getattr(rkeras, "import")("numpy") is np
    with pytest.raises(RKerasError, match="no Python module named 'no_such_xyz'"):
        getattr(rkeras, "import")("no_such_xyz")
    it = rkeras.as_iterator([1, 2])
    assert rkeras.iter_next(it) == 1 and rkeras.iter_next(it) == 2 and rkeras.iter_next(it, "done") == "done"
    assert rkeras.iterate([1, 2], lambda v: v * 10) == [10, 20]
    assert rkeras.py_to_r((1, 2)) == [1, 2]
    rkeras.py_help(T.Shape)
    assert "keras_shape" in capsys.readouterr().out
    v = rkeras.keras_variable(np.ones((2, 2)), shape=rkeras.shape(2, 2))
    assert tuple(v.shape) == (2, 2)


def test_rows() -> None:
    rows = rows_by_name()
    for name in ("op_subset", "op_subset<-", "op_subset_set", "shape", "r_to_py", "py_to_r", "np_array",
                 "tuple", "import", "iterate", "iter_next", "as_iterator", "as_tensor", "keras_variable",
                 "py_help"):
        assert name in rows, name
    assert rows["r_to_py"].handle and rows["np_array"].handle and rows["tuple"].handle
    assert not rows["py_to_r"].handle
