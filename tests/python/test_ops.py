"""op_* rows on values, against numpy computing the same thing (keras3's R semantics: 1-based axes)."""

from __future__ import annotations

import numpy as np
import pytest

import rkeras

X = np.array([[1.0, 4.0, 9.0], [16.0, 25.0, 36.0]], dtype="float32")
Y = np.array([[2.0, 2.0, 3.0], [4.0, 5.0, 0.5]], dtype="float32")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("op_add", X + Y), ("op_subtract", X - Y), ("op_multiply", X * Y), ("op_divide", X / Y),
        ("op_power", X**Y), ("op_matmul", X @ Y.T),
    ],
)
def test_binary_ops(name: str, expected: np.ndarray) -> None:
    y = Y.T if name == "op_matmul" else Y
    assert np.allclose(np.asarray(getattr(rkeras, name)(X, y)), expected, rtol=1e-5)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("op_abs", np.abs(-X)), ("op_exp", np.exp(X / 10)), ("op_log", np.log(X)), ("op_sqrt", np.sqrt(X)),
        ("op_square", X**2), ("op_negative", -X),
    ],
)
def test_unary_ops(name: str, expected: np.ndarray) -> None:
    x = -X if name == "op_abs" else X / 10 if name == "op_exp" else X
    assert np.allclose(np.asarray(getattr(rkeras, name)(x)), expected, rtol=1e-5)


@pytest.mark.parametrize(("name", "numpy"), [("op_sum", np.sum), ("op_mean", np.mean), ("op_max", np.max),
                                             ("op_min", np.min)])
def test_reductions_take_1_based_axes(name: str, numpy: object) -> None:
    fn = getattr(rkeras, name)
    assert np.allclose(np.asarray(fn(X)), numpy(X))  # type: ignore[operator]
    assert np.allclose(np.asarray(fn(X, axis=1)), numpy(X, axis=0))  # type: ignore[operator]
    assert np.allclose(np.asarray(fn(X, axis=2)), numpy(X, axis=1))  # type: ignore[operator]
    assert np.allclose(np.asarray(fn(X, axis=-1)), numpy(X, axis=-1))  # type: ignore[operator]
    with pytest.raises(rkeras.RKerasError, match=r"axis.*1-based|1-based.*axis"):
        fn(X, axis=0)
