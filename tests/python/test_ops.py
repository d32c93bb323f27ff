"""Every op_* row on values, against numpy (or a hand computation) doing the same thing, with
keras3's R semantics: 1-based axes (0 is an error), 1-based indices in and out unless
`zero_indexed = TRUE`, R-style op_arange, shapes with NA. `test_every_op_row_is_tested` fails when
an op_* row is added without a test here."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras.spec import iter_family

TESTED: set[str] = set()  # every op_* name a test below calls on values


def cases(*table: tuple[Any, ...]) -> list[Any]:
    """pytest params named after the op (the first column), recorded as tested."""
    TESTED.update(row[0] for row in table)
    return [pytest.param(*row, id=row[0]) for row in table]


def checks(*names: str) -> Callable[[Any], Any]:
    """Marks a test function as the value test of these ops."""
    TESTED.update(names)
    return lambda fn: fn


def val(x: Any) -> Any:
    """A tensor (or nested tuple/list of them) as numpy."""
    import keras

    if isinstance(x, (list, tuple)):
        return [val(v) for v in x]
    return np.asarray(keras.ops.convert_to_numpy(x))


def close(got: Any, expected: Any, **kw: Any) -> bool:
    return bool(np.allclose(val(got), np.asarray(expected), **{"rtol": 1e-5, "atol": 1e-6, **kw}))


def op(name: str) -> Any:
    return getattr(rkeras, name)


X = np.array([[1.0, 4.0, 9.0], [16.0, 25.0, 36.0]], dtype="float32")
Y = np.array([[2.0, 2.0, 3.0], [4.0, 5.0, 0.5]], dtype="float32")
V = np.array([-2.5, -0.75, 0.0, 0.6, 1.5, 3.0, 7.0], dtype="float32")
P = np.array([0.1, 0.5, 0.9], dtype="float32")
G = np.array([1.5, 2.0, 4.0], dtype="float32")
B1 = np.array([True, True, False, False])
B2 = np.array([True, False, True, False])
SPD = np.array([[4.0, 1.0, 0.5], [1.0, 3.0, 0.2], [0.5, 0.2, 2.0]], dtype="float32")

erf = np.vectorize(math.erf)
sigmoid = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
softplus = lambda x: np.log1p(np.exp(x))  # noqa: E731
hard_sigmoid = lambda x: np.clip(x + 3, 0, 6) / 6  # noqa: E731


# ----------------------------------------------------------------------------- elementwise


@pytest.mark.parametrize(("name", "x", "numpy"), cases(
    ("op_abs", V, np.abs), ("op_angle", V, np.angle), ("op_arccos", P, np.arccos),
    ("op_arccosh", G, np.arccosh), ("op_arcsin", P, np.arcsin), ("op_arcsinh", V, np.arcsinh),
    ("op_arctan", V, np.arctan), ("op_arctanh", P, np.arctanh), ("op_cbrt", V, np.cbrt),
    ("op_ceil", V, np.ceil), ("op_conj", V, np.conj), ("op_copy", V, np.copy), ("op_cos", V, np.cos),
    ("op_cosh", V, np.cosh), ("op_deg2rad", V, np.deg2rad), ("op_erf", V, erf), ("op_exp", V, np.exp),
    ("op_exp2", V, np.exp2), ("op_expm1", V, np.expm1), ("op_floor", V, np.floor), ("op_imag", V, np.imag),
    ("op_log", G, np.log), ("op_log10", G, np.log10), ("op_log1p", G, np.log1p), ("op_log2", G, np.log2),
    ("op_negative", V, np.negative), ("op_real", V, np.real), ("op_reciprocal", G, np.reciprocal),
    ("op_round", V, np.round), ("op_rsqrt", G, lambda x: 1 / np.sqrt(x)), ("op_sign", V, np.sign),
    ("op_signbit", V, np.signbit), ("op_sin", V, np.sin), ("op_sinh", V, np.sinh), ("op_sqrt", G, np.sqrt),
    ("op_square", V, np.square), ("op_tan", P, np.tan), ("op_tanh", V, np.tanh), ("op_trunc", V, np.trunc),
    ("op_logical_not", B1, np.logical_not),
    ("op_isfinite", np.array([1.0, np.inf, np.nan]), np.isfinite),
    ("op_isinf", np.array([1.0, -np.inf, np.nan]), np.isinf),
    ("op_isnan", np.array([1.0, np.inf, np.nan]), np.isnan),
    ("op_nan_to_num", np.array([1.0, np.nan, np.inf]), lambda x: np.nan_to_num(x, nan=0.0)),
    # activations
    ("op_relu", V, lambda x: np.maximum(x, 0)), ("op_relu6", V, lambda x: np.clip(x, 0, 6)),
    ("op_sigmoid", V, sigmoid), ("op_silu", V, lambda x: x * sigmoid(x)),
    ("op_selu", V, lambda x: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x))),
    ("op_elu", V, lambda x: np.where(x > 0, x, np.expm1(x))),
    ("op_gelu", V, lambda x: 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))),
    ("op_celu", V, lambda x: np.maximum(x, 0) + np.minimum(0, np.expm1(x))),
    ("op_hard_sigmoid", V, hard_sigmoid), ("op_hard_silu", V, lambda x: x * hard_sigmoid(x)),
    ("op_hard_swish", V, lambda x: x * hard_sigmoid(x)), ("op_hard_tanh", V, lambda x: np.clip(x, -1, 1)),
    ("op_hard_shrink", V, lambda x: np.where(np.abs(x) > 0.5, x, 0)),
    ("op_soft_shrink", V, lambda x: np.where(x > 0.5, x - 0.5, np.where(x < -0.5, x + 0.5, 0))),
    ("op_tanh_shrink", V, lambda x: x - np.tanh(x)),
    ("op_sparse_plus", V, lambda x: np.where(x <= -1, 0, np.where(x >= 1, x, (x + 1) ** 2 / 4))),
    ("op_sparse_sigmoid", V, lambda x: np.clip((x + 1) / 2, 0, 1)),
    ("op_squareplus", V, lambda x: (x + np.sqrt(x**2 + 4)) / 2),
    ("op_leaky_relu", V, lambda x: np.where(x > 0, x, 0.2 * x)),
    ("op_log_sigmoid", V, lambda x: -softplus(-x)), ("op_softplus", V, softplus),
    ("op_softsign", V, lambda x: x / (1 + np.abs(x))),
))
def test_unary(name: str, x: np.ndarray, numpy: Callable[[np.ndarray], np.ndarray]) -> None:
    assert close(op(name)(x), numpy(x), rtol=1e-4), name


@checks("op_erfinv")
def test_erfinv_inverts_erf() -> None:
    assert close(erf(val(rkeras.op_erfinv(P))), P, rtol=1e-4)


@pytest.mark.parametrize(("name", "x1", "x2", "numpy"), cases(
    ("op_add", X, Y, np.add), ("op_subtract", X, Y, np.subtract), ("op_multiply", X, Y, np.multiply),
    ("op_divide", X, Y, np.divide), ("op_power", X, Y, np.power), ("op_arctan2", X - 10, Y, np.arctan2),
    ("op_divide_no_nan", X, Y * (Y > 1), lambda a, b: np.where(b == 0, 0, a / np.where(b == 0, 1, b))),
    ("op_floor_divide", X, Y, np.floor_divide), ("op_logaddexp", P, G, np.logaddexp),
    ("op_maximum", X, Y * 5, np.maximum), ("op_minimum", X, Y * 5, np.minimum),
    ("op_pmax", X, Y * 5, np.maximum), ("op_pmin", X, Y * 5, np.minimum), ("op_mod", X, Y, np.mod),
    ("op_heaviside", V, np.float32(0.5), np.heaviside), ("op_equal", X, X * (Y > 2), np.equal),
    ("op_not_equal", X, X * (Y > 2), np.not_equal), ("op_greater", X, Y * 5, np.greater),
    ("op_greater_equal", X, Y * 2, np.greater_equal), ("op_less", X, Y * 5, np.less),
    ("op_less_equal", X, Y * 2, np.less_equal), ("op_logical_and", B1, B2, np.logical_and),
    ("op_logical_or", B1, B2, np.logical_or), ("op_logical_xor", B1, B2, np.logical_xor),
    ("op_isclose", X, X + 1e-7 * (Y > 2), np.isclose), ("op_matmul", X, Y.T, np.matmul),
    ("op_dot", X, Y.T, np.dot), ("op_inner", X, Y, np.inner), ("op_outer", P, G, np.outer),
    ("op_vdot", X, Y, np.vdot), ("op_cross", X, Y, np.cross),
))
def test_binary(name: str, x1: Any, x2: Any, numpy: Callable[..., Any]) -> None:
    assert close(op(name)(x1, x2), numpy(x1, x2), rtol=1e-5), name


@pytest.mark.parametrize(("name", "numpy"), cases(
    ("op_bitwise_and", np.bitwise_and), ("op_bitwise_or", np.bitwise_or), ("op_bitwise_xor", np.bitwise_xor),
    ("op_bitwise_left_shift", np.left_shift), ("op_bitwise_right_shift", np.right_shift),
    ("op_left_shift", np.left_shift), ("op_right_shift", np.right_shift),
))
def test_bitwise_takes_whole_doubles(name: str, numpy: Callable[..., Any]) -> None:
    x, y = [12.0, 10.0, 7.0], [3.0, 2.0, 1.0]  # R's doubles: as_integer
    assert (val(op(name)(x, y)) == numpy(np.array(x, int), np.array(y, int))).all()
    with pytest.raises(rkeras.RKerasError, match=r"`x`.*whole"):
        op(name)([1.5, 2.0], y)


@checks("op_bitwise_invert", "op_bitwise_not")
def test_bitwise_invert() -> None:
    for name in ("op_bitwise_invert", "op_bitwise_not"):
        assert (val(op(name)([12.0, 0.0])) == ~np.array([12, 0])).all()


@checks("op_clip", "op_threshold", "op_glu", "op_polar", "op_psnr", "op_view_as_complex", "op_view_as_real")
def test_other_elementwise() -> None:
    assert close(rkeras.op_clip(V, -1, 2), np.clip(V, -1, 2))
    assert close(rkeras.op_threshold(V, 0.5, -9.0), np.where(V > 0.5, V, -9.0))
    a, b = X[:, :1], X[:, 1:2]
    assert close(rkeras.op_glu(X[:, :2]), a * sigmoid(b))
    assert close(rkeras.op_polar(G, P), G * np.exp(1j * P), rtol=1e-4)
    assert close(rkeras.op_psnr(X / 40, Y / 40, 1.0),
                 10 * np.log10(1.0 / np.mean((X / 40 - Y / 40) ** 2)), rtol=1e-4)
    pairs = np.stack([P, G], axis=-1)
    assert close(rkeras.op_view_as_complex(pairs), P + 1j * G)
    assert close(rkeras.op_view_as_real(P + 1j * G), pairs)


# ----------------------------------------------------------------------------- reductions


def _q(fn: Any) -> Any:
    return lambda x, **kw: fn(x, 0.5, **kw)


@pytest.mark.parametrize(("name", "call", "numpy"), cases(
    ("op_sum", None, np.sum), ("op_mean", None, np.mean), ("op_max", None, np.max), ("op_min", None, np.min),
    ("op_prod", None, np.prod), ("op_std", None, np.std), ("op_var", None, np.var),
    ("op_median", None, np.median), ("op_all", lambda f: lambda x, **kw: f(x > 5, **kw),
                                     lambda x, **kw: np.all(x > 5, **kw)),
    ("op_any", lambda f: lambda x, **kw: f(x > 20, **kw), lambda x, **kw: np.any(x > 20, **kw)),
    ("op_count_nonzero", lambda f: lambda x, **kw: f(x > 5, **kw),
     lambda x, **kw: np.count_nonzero(x > 5, **kw)),
    ("op_logsumexp", None, lambda x, **kw: np.log(np.sum(np.exp(x / 10), **kw)) if kw else None),
    ("op_cumsum", None, np.cumsum), ("op_cumprod", None, np.cumprod),
    ("op_quantile", _q, lambda x, **kw: np.quantile(x, 0.5, **kw)),
    ("op_average", None, np.average),
))
def test_reductions_take_1_based_axes(name: str, call: Any, numpy: Callable[..., Any]) -> None:
    fn = call(op(name)) if call else op(name)
    x = X / 10 if name == "op_logsumexp" else X
    if name == "op_logsumexp":
        numpy = lambda x, **kw: np.log(np.sum(np.exp(x), **kw))  # noqa: E731
    rtol = 1e-4
    assert close(fn(x), numpy(x), rtol=rtol), name
    assert close(fn(x, axis=1), numpy(x, axis=0), rtol=rtol), name
    assert close(fn(x, axis=2), numpy(x, axis=1), rtol=rtol), name
    assert close(fn(x, axis=-1), numpy(x, axis=-1), rtol=rtol), name
    with pytest.raises(rkeras.RKerasError, match=r"`axis` is 1-based"):
        fn(x, axis=0)


@checks("op_average")
def test_average_weights() -> None:
    w = np.array([0.25, 0.75])
    data = np.arange(6.0).reshape(3, 2)
    assert close(rkeras.op_average(data, axis=2, weights=w), np.average(data, axis=1, weights=w))
    with pytest.raises(rkeras.RKerasError, match=r"op_average\(\).*`axis` must be given"):
        rkeras.op_average(data, weights=w)


@checks("op_moments", "op_bincount", "op_histogram", "op_corrcoef", "op_correlate")
def test_statistics() -> None:
    mean, var = rkeras.op_moments(X, axes=[1])
    assert close(mean, X.mean(axis=0)) and close(var, X.var(axis=0))
    mean, var = rkeras.op_moments(X, axes=2, keepdims=True)
    assert val(mean).shape == (2, 1) and close(var, X.var(axis=1, keepdims=True), rtol=1e-4)
    assert (val(rkeras.op_bincount([1.0, 2.0, 2.0, 5.0])) == np.bincount([1, 2, 2, 5])).all()
    assert (val(rkeras.op_bincount([1.0, 2.0], minlength=4.0)) == [0, 1, 1, 0]).all()
    counts, edges = rkeras.op_histogram(V, bins=4.0, range=[-4.0, 8.0])
    np_counts, np_edges = np.histogram(V, bins=4, range=(-4, 8))
    assert (val(counts) == np_counts).all() and close(edges, np_edges)
    assert close(rkeras.op_corrcoef(X), np.corrcoef(X), rtol=1e-4)
    assert close(rkeras.op_correlate([1.0, 2.0, 3.0], [0.0, 1.0, 0.5], mode="full"),
                 np.correlate([1.0, 2.0, 3.0], [0.0, 1.0, 0.5], mode="full"))


# ----------------------------------------------------------------------------- indices


@checks("op_argmax", "op_argmin", "op_argsort")
def test_index_returning_ops_are_1_based_unless_zero_indexed() -> None:
    x = np.array([[11.0, 12.0, 10.0], [12.0, 11.0, 10.0]])
    assert val(rkeras.op_argmax(x)) == np.argmax(x) + 1
    assert (val(rkeras.op_argmax(x, axis=2)) == np.argmax(x, axis=1) + 1).all()
    assert (val(rkeras.op_argmax(x, axis=2, zero_indexed=True)) == np.argmax(x, axis=1)).all()
    assert (val(rkeras.op_argmin(x, axis=1)) == np.argmin(x, axis=0) + 1).all()
    assert (val(rkeras.op_argmin(x, axis=1, zero_indexed=True)) == np.argmin(x, axis=0)).all()
    assert (val(rkeras.op_argsort([3.1, 1.1, 2.1])) == [2, 3, 1]).all()
    assert (val(rkeras.op_argsort(x, axis=1, zero_indexed=True)) == np.argsort(x, axis=0)).all()
    with pytest.raises(rkeras.RKerasError, match="zero_indexed"):
        rkeras.op_argmax(x, zero_indexed="yes")


@checks("op_argpartition")
def test_argpartition_kth_is_1_based() -> None:
    x = np.array([9.0, 3.0, 6.0, 2.0, 8.0, 5.0, 7.0, 1.0, 10.0, 4.0])
    idx = val(rkeras.op_argpartition(x, 3))  # the 3rd smallest in place
    assert idx.min() == 1 and x[idx[2] - 1] == 3.0 and set(x[idx[:3] - 1]) == {1.0, 2.0, 3.0}
    idx0 = val(rkeras.op_argpartition(x, 3, zero_indexed=True))  # kth stays 1-based (keras3's as_index)
    assert idx0.min() == 0 and x[idx0[2]] == 3.0


@checks("op_searchsorted", "op_digitize")
def test_searchsorted_and_digitize() -> None:
    seq, values = np.array([1.0, 3.0, 5.0, 7.0]), np.array([0.0, 3.0, 6.0, 9.0])
    assert (val(rkeras.op_searchsorted(seq, values)) == np.searchsorted(seq, values) + 1).all()
    assert (val(rkeras.op_searchsorted(seq, values, side="right", zero_indexed=True))
            == np.searchsorted(seq, values, side="right")).all()
    x, bins = np.array([-1, 0, 1, 3, 3.5, 4.5, 1.6, 8]), [0.0, 3.0, 4.5, 7.0]
    assert (val(rkeras.op_digitize(x, bins)) == np.digitize(x, bins) + 1).all()
    assert (val(rkeras.op_digitize(x, bins, zero_indexed=True)) == np.digitize(x, bins)).all()


@checks("op_top_k")
def test_top_k_adds_1_to_the_indices_only() -> None:
    x = [5.0, 2.0, 7.0, 1.0, 9.0, 3.0]
    values, indices = rkeras.op_top_k(x, 3.0)
    assert (val(values) == [9.0, 7.0, 5.0]).all() and (val(indices) == [5, 3, 1]).all()
    values, indices = rkeras.op_top_k(x, 2, zero_indexed=True)
    assert (val(values) == [9.0, 7.0]).all() and (val(indices) == [4, 2]).all()


@checks("op_take", "op_take_along_axis")
def test_index_consuming_ops() -> None:
    import keras

    assert (val(rkeras.op_take(X, [1, 6])) == X.flat[[0, 5]]).all()
    assert (val(rkeras.op_take(X, [3.0, 1.0], axis=2)) == X[:, [2, 0]]).all()
    assert (val(rkeras.op_take(X, np.array([2.0, 1.0]), axis=1)) == X[[1, 0]]).all()
    assert (val(rkeras.op_take(X, keras.ops.convert_to_tensor([1, 3]))) == X.flat[[0, 2]]).all()
    assert (val(rkeras.op_take(X, [0, 5], zero_indexed=True)) == X.flat[[0, 5]]).all()
    order = np.argsort(-X, axis=1)
    assert (val(rkeras.op_take_along_axis(X, order + 1, axis=2)) == -np.sort(-X, axis=1)).all()
    got = rkeras.op_take_along_axis(X, order, axis=-1, zero_indexed=True)
    assert (val(got) == -np.sort(-X, axis=1)).all()
    with pytest.raises(rkeras.RKerasError, match=r"op_take\(\).*`indices`.*whole"):
        rkeras.op_take(X, [1.5])


@checks("op_one_hot", "op_multi_hot")
def test_one_hot_is_1_based() -> None:
    assert (val(rkeras.op_one_hot([2.0, 4.0, 3.0, 1.0], 4)) == np.eye(4)[[1, 3, 2, 0]]).all()
    assert (val(rkeras.op_one_hot([1, 3, 2, 0], 4, zero_indexed=True)) == np.eye(4)[[1, 3, 2, 0]]).all()
    assert (val(rkeras.op_one_hot([1.0, 3.0], 3.0, axis=1)) == np.eye(3)[[0, 2]].T).all()
    # multi_hot's labels are 0-based, as in keras3 (as_integer)
    assert (val(rkeras.op_multi_hot([0.0, 4.0], num_classes=5)) == [1, 0, 0, 0, 1]).all()


@checks("op_nonzero", "op_where")
def test_nonzero_and_where() -> None:
    m = np.array([[0.0, 1.0, 0.0], [2.0, 0.0, 3.0]])
    assert (val(rkeras.op_nonzero(m)) == np.argwhere(m) + 1).all()
    assert close(rkeras.op_where(m > 0, m, -1.0), np.where(m > 0, m, -1.0))
    rows, cols = rkeras.op_where(m > 0)  # keras3 passes it on: Keras's 0-based nonzero()
    assert (val(rows) == np.nonzero(m)[0]).all() and (val(cols) == np.nonzero(m)[1]).all()


@checks("op_scatter", "op_scatter_update", "op_slice", "op_slice_update", "op_segment_sum", "op_segment_max",
       "op_unravel_index")
def test_1_based_index_arguments() -> None:
    assert (val(rkeras.op_scatter(np.array([[1.0], [3.0]]), [1.0, 2.0], [5.0])) == [1, 0, 2, 0, 0]).all()
    assert (val(rkeras.op_scatter(np.array([[1.0]]), 7.0, 3)) == [7, 0, 0]).all()
    z = np.zeros((2, 3), "float32")
    at = np.array([[1.0, 2.0], [2.0, 3.0]])
    got = val(rkeras.op_scatter_update(z, at, np.array([5.0, 6.0], "float32")))
    assert got[0, 1] == 5 and got[1, 2] == 6 and got.sum() == 11
    grid = np.arange(25.0).reshape(5, 5)
    assert (val(rkeras.op_slice(grid, [3.0, 3.0], [2.0, 2.0])) == grid[2:4, 2:4]).all()
    got = val(rkeras.op_slice_update(np.zeros((5, 5)), [4.0, 4.0], np.ones((2, 2))))
    assert got[3:, 3:].sum() == 4 and got.sum() == 4
    data = np.array([1.0, 2.0, 10.0, 20.0, 100.0, 200.0])
    ids = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0]
    assert (val(rkeras.op_segment_sum(data, ids, 3)) == [3, 30, 300]).all()
    assert (val(rkeras.op_segment_max(data, ids, num_segments=3.0)) == [2, 20, 200]).all()
    rows, cols = rkeras.op_unravel_index([1.0, 6.0], [2.0, 3.0])  # R's 1-based linear indices, row-major
    assert (val(rows) == [0, 1]).all() and (val(cols) == [0, 2]).all()


@checks("op_switch")
def test_switch_index_is_1_based() -> None:
    branches = [lambda x, y: x + y + 100, lambda x, y: x - y - 100]
    x, y = np.float32(2.0), np.float32(0.5)
    assert float(val(rkeras.op_switch(1, branches, x, y))) == 102.5
    assert float(val(rkeras.op_switch(2, branches, x, y))) == -98.5


# ----------------------------------------------------------------------------- creation


@checks("op_arange")
def test_arange_is_r_seq() -> None:
    assert (val(rkeras.op_arange(3)) == [1, 2, 3]).all() and val(rkeras.op_arange(3)).dtype.kind == "i"
    assert val(rkeras.op_arange(3.0)).dtype.kind == "f"
    assert (val(rkeras.op_arange(3.0, dtype="int32")) == [1, 2, 3]).all()
    assert (val(rkeras.op_arange(2, 8, 2)) == [2, 4, 6, 8]).all()
    assert (val(rkeras.op_arange(2, 8, 2, include_end=False)) == [2, 4, 6]).all()
    assert (val(rkeras.op_arange(0.5, 2.0, 0.5)) == [0.5, 1.0, 1.5, 2.0]).all()


@checks("op_zeros", "op_ones", "op_full", "op_empty", "op_zeros_like", "op_ones_like", "op_full_like",
        "op_eye", "op_identity", "op_tri", "op_linspace", "op_logspace")
def test_creation() -> None:
    assert (val(rkeras.op_zeros([2.0, 3.0])) == np.zeros((2, 3))).all()
    assert (val(rkeras.op_ones(3)) == np.ones(3)).all()
    assert (val(rkeras.op_full([2, 2], 7.0)) == np.full((2, 2), 7.0)).all()
    assert val(rkeras.op_empty([2.0, 4.0])).shape == (2, 4)
    with pytest.raises(rkeras.RKerasError, match=r"op_zeros\(\).*`shape`"):
        rkeras.op_zeros([2.5])
    assert (val(rkeras.op_zeros_like(X)) == 0).all()
    assert (val(rkeras.op_ones_like(X, dtype="int32")) == 1).all()
    assert (val(rkeras.op_full_like(X, 3.0)) == 3).all()
    assert (val(rkeras.op_eye(3.0)) == np.eye(3)).all()
    assert (val(rkeras.op_eye(2.0, 3.0, k=1.0)) == np.eye(2, 3, k=1)).all()
    assert (val(rkeras.op_identity(2)) == np.eye(2)).all()
    assert (val(rkeras.op_tri(3.0, k=-1.0)) == np.tri(3, k=-1)).all()
    assert close(rkeras.op_linspace(0.0, 1.0, num=5.0), np.linspace(0, 1, 5))
    start, stop = np.array([0.0, 1.0]), np.array([1.0, 3.0])
    assert close(rkeras.op_linspace(start, stop, num=3, axis=2), np.linspace(start, stop, 3, axis=1))
    assert close(rkeras.op_logspace(0.0, 2.0, num=3.0), np.logspace(0, 2, 3))


@pytest.mark.parametrize(("name", "numpy"), cases(
    ("op_bartlett", np.bartlett), ("op_blackman", np.blackman), ("op_hamming", np.hamming),
    ("op_hanning", np.hanning),
))
def test_windows(name: str, numpy: Callable[[int], np.ndarray]) -> None:
    assert close(op(name)(6.0), numpy(6), atol=1e-6)


@checks("op_kaiser")
def test_kaiser() -> None:
    assert close(rkeras.op_kaiser(6.0, 2.5), np.kaiser(6, 2.5), rtol=1e-4)


@checks("op_array", "op_convert_to_tensor", "op_convert_to_numpy", "op_convert_to_array", "op_cast",
       "op_saturate_cast", "op_dtype", "op_is_tensor", "op_stop_gradient")
def test_conversion() -> None:
    t = rkeras.op_convert_to_tensor([1.0, 3.0, 2.0])  # an R double vector: float64, as keras3
    assert rkeras.op_dtype(t) == "float64" and rkeras.op_is_tensor(t) and not rkeras.op_is_tensor(X)
    assert rkeras.op_dtype(rkeras.op_convert_to_tensor([1.0, 3.0], "int32")) == "int32"
    assert rkeras.op_dtype(rkeras.op_array([1.0, 2.0], dtype="int32")) == "int32"
    assert (val(rkeras.op_array(X)) == X).all()
    for name in ("op_convert_to_numpy", "op_convert_to_array"):
        out = op(name)(t)
        assert isinstance(out, np.ndarray) and (out == [1, 3, 2]).all()
    assert rkeras.op_dtype(rkeras.op_cast(X, "int32")) == "int32"
    assert (val(rkeras.op_saturate_cast(np.array([-1.0, 300.0]), "uint8")) == [0, 255]).all()
    assert (val(rkeras.op_stop_gradient(X)) == X).all()


# ----------------------------------------------------------------------------- shape and manipulation


@checks("op_shape", "op_ndim", "op_size")
def test_shape() -> None:
    import keras

    shape = rkeras.op_shape(rkeras.op_zeros([8, 12]))
    assert shape == (8, 12) and isinstance(shape, tuple)
    assert rkeras.op_shape(keras.Input((3,))) == (None, 3)
    assert rkeras.op_ndim(X) == 2 and rkeras.op_size(X) == 6


@checks("op_reshape", "op_transpose", "op_expand_dims", "op_squeeze", "op_swapaxes", "op_moveaxis", "op_flip",
       "op_ravel", "op_broadcast_to", "op_tile", "op_repeat", "op_roll", "op_rot90", "op_rearrange")
def test_reshaping_with_1_based_axes() -> None:
    x3 = np.arange(24.0).reshape(2, 3, 4)
    assert val(rkeras.op_reshape(X, [3.0, 2.0])).shape == (3, 2)
    assert val(rkeras.op_reshape(X, [float("nan"), 2])).shape == (3, 2)  # NA: the inferred dimension
    assert val(rkeras.op_reshape(X, [-1])).shape == (6,)
    assert (val(rkeras.op_transpose(x3, axes=[2, 3, 1])) == x3.transpose(1, 2, 0)).all()
    assert (val(rkeras.op_transpose(X)) == X.T).all()
    assert val(rkeras.op_expand_dims(X, 1)).shape == (1, 2, 3)
    assert val(rkeras.op_expand_dims(X, -1)).shape == (2, 3, 1)
    assert val(rkeras.op_squeeze(np.ones((1, 3, 1)), axis=1)).shape == (3, 1)
    assert (val(rkeras.op_swapaxes(x3, 1, 3)) == np.swapaxes(x3, 0, 2)).all()
    assert (val(rkeras.op_moveaxis(x3, 1, 3)) == np.moveaxis(x3, 0, 2)).all()
    assert (val(rkeras.op_flip(X, axis=2)) == X[:, ::-1]).all()
    assert (val(rkeras.op_ravel(X)) == X.ravel()).all()
    assert (val(rkeras.op_broadcast_to(P, [2.0, 3.0])) == np.broadcast_to(P, (2, 3))).all()
    assert (val(rkeras.op_tile(P, [2, 1])) == np.tile(P, (2, 1))).all()
    assert (val(rkeras.op_repeat(X, 2, axis=2)) == np.repeat(X, 2, axis=1)).all()
    assert (val(rkeras.op_roll(X, 1.0, axis=2)) == np.roll(X, 1, axis=1)).all()
    assert (val(rkeras.op_rot90(x3, k=1.0, axes=[2, 3])) == np.rot90(x3, 1, axes=(1, 2))).all()
    assert (val(rkeras.op_rot90(X)) == np.rot90(X)).all()
    assert (val(rkeras.op_rearrange(X, "a b -> b a")) == X.T).all()
    for name, bad in (("op_expand_dims", 0), ("op_swapaxes", 0), ("op_flip", 0)):
        with pytest.raises(rkeras.RKerasError, match="1-based"):
            op(name)(x3, bad, 2) if name == "op_swapaxes" else op(name)(x3, bad)


@checks("op_concatenate", "op_stack", "op_unstack", "op_split", "op_append", "op_hstack", "op_vstack",
       "op_meshgrid")
def test_joining_and_splitting() -> None:
    assert (val(rkeras.op_concatenate([X, Y])) == np.concatenate([X, Y])).all()
    assert (val(rkeras.op_concatenate([X, Y], axis=2)) == np.concatenate([X, Y], axis=1)).all()
    assert (val(rkeras.op_stack([P, G])) == np.stack([P, G])).all()
    assert (val(rkeras.op_stack([P, G], axis=2)) == np.stack([P, G], axis=1)).all()
    cols = rkeras.op_unstack(X, axis=2)
    assert len(cols) == 3 and (val(cols[1]) == X[:, 1]).all()
    parts = rkeras.op_split(np.arange(12.0), 3.0)
    assert [len(val(p)) for p in parts] == [4, 4, 4]
    parts = rkeras.op_split(np.arange(12.0), [3.0, 8.0])  # 1-based indices where the pieces start
    assert [val(p).tolist() for p in parts] == [[0, 1], [2, 3, 4, 5, 6], [7, 8, 9, 10, 11]]
    assert [val(p).shape for p in rkeras.op_split(X, 3, axis=2)] == [(2, 1)] * 3
    assert (val(rkeras.op_append(X, Y, axis=1)) == np.append(X, Y, axis=0)).all()
    assert (val(rkeras.op_append(P, G)) == np.append(P, G)).all()
    assert (val(rkeras.op_hstack([P, G])) == np.hstack([P, G])).all()
    assert (val(rkeras.op_hstack(X, Y)) == np.hstack([X, Y])).all()  # keras3's (xs, ...)
    assert (val(rkeras.op_vstack(X, Y)) == np.vstack([X, Y])).all()
    assert (val(rkeras.op_vstack([X, Y], X)) == np.vstack([X, Y, X])).all()
    gx, gy = rkeras.op_meshgrid(np.array([1, 2, 3]), np.array([4, 5]), indexing="ij")
    nx, ny = np.meshgrid([1, 2, 3], [4, 5], indexing="ij")
    assert (val(gx) == nx).all() and (val(gy) == ny).all()


@checks("op_diag", "op_diagflat", "op_diagonal", "op_trace", "op_tril", "op_triu", "op_diff", "op_pad",
        "op_sort", "op_select", "op_get_item", "op_einsum", "op_tensordot")
def test_matrix_manipulation() -> None:
    m = np.arange(9.0).reshape(3, 3)
    x3 = np.arange(8.0).reshape(2, 2, 2)
    assert (val(rkeras.op_diag(m, k=1.0)) == np.diag(m, k=1)).all()
    assert (val(rkeras.op_diagflat([1.0, 2.0], k=-1)) == np.diagflat([1, 2], k=-1)).all()
    assert (val(rkeras.op_diagonal(m, offset=1.0)) == np.diagonal(m, offset=1)).all()
    assert (val(rkeras.op_diagonal(x3, 0, 2, 3)) == np.diagonal(x3, 0, 1, 2)).all()
    assert val(rkeras.op_trace(m)) == np.trace(m)
    assert (val(rkeras.op_trace(x3, axis1=2, axis2=3)) == np.trace(x3, axis1=1, axis2=2)).all()
    assert (val(rkeras.op_tril(m, k=-1.0)) == np.tril(m, -1)).all()
    assert (val(rkeras.op_triu(m)) == np.triu(m)).all()
    assert (val(rkeras.op_diff(X, n=2.0)) == np.diff(X, n=2)).all()
    assert (val(rkeras.op_diff(X, axis=1)) == np.diff(X, axis=0)).all()
    assert (val(rkeras.op_pad(X, [[1.0, 0.0], [0.0, 2.0]])) == np.pad(X, ((1, 0), (0, 2)))).all()
    assert (val(rkeras.op_sort(-X)) == np.sort(-X)).all()
    assert (val(rkeras.op_sort(-X, axis=1)) == np.sort(-X, axis=0)).all()
    x = np.arange(6.0)
    assert (val(rkeras.op_select([x < 3, x > 3], [x, x**2], 42)) ==
            np.select([x < 3, x > 3], [x, x**2], 42)).all()
    assert (val(rkeras.op_get_item(X, 1)) == X[1]).all()  # Python's key: 0-based, as keras3 passes it
    assert close(rkeras.op_einsum("ij,kj->ik", X, Y), np.einsum("ij,kj->ik", X, Y))
    assert close(rkeras.op_tensordot(X, Y.T, axes=2), np.tensordot(X, Y.T, axes=1))  # keras3: axes = as_axis


# ----------------------------------------------------------------------------- linear algebra


@checks("op_cholesky", "op_det", "op_eig", "op_eigh", "op_inv", "op_lstsq", "op_lu_factor", "op_norm",
        "op_qr", "op_slogdet", "op_solve", "op_solve_triangular", "op_svd", "op_logdet")
def test_linear_algebra() -> None:
    a = SPD.astype("float64")
    assert close(rkeras.op_cholesky(a), np.linalg.cholesky(a))
    assert close(rkeras.op_det(a), np.linalg.det(a))
    assert close(rkeras.op_logdet(a), np.log(np.linalg.det(a)))
    sign, logabs = rkeras.op_slogdet(a)
    assert val(sign) == 1 and close(logabs, np.linalg.slogdet(a)[1])
    w, _ = rkeras.op_eigh(a)
    assert close(w, np.linalg.eigh(a)[0])
    w, _ = rkeras.op_eig(a)
    assert close(np.sort(np.real(val(w))), np.sort(np.linalg.eigvals(a).real), rtol=1e-4)
    assert close(rkeras.op_inv(a), np.linalg.inv(a))
    b = np.array([[1.0], [2.0], [3.0]])
    assert close(rkeras.op_solve(a, b), np.linalg.solve(a, b))
    lower = np.tril(a)
    assert close(rkeras.op_solve_triangular(lower, b, lower=True), np.linalg.solve(lower, b))
    tall = np.vstack([a, a[:1]])
    want = np.linalg.lstsq(tall, np.ones(4), rcond=None)[0]
    assert close(rkeras.op_lstsq(tall, np.ones(4)), want, rtol=1e-4)
    lu, pivots = rkeras.op_lu_factor(a)
    assert val(lu).shape == (3, 3) and val(pivots).shape == (3,)
    q, r = rkeras.op_qr(tall)
    assert close(np.asarray(val(q)) @ val(r), tall) and val(q).shape == (4, 3)
    u, s, vt = rkeras.op_svd(a)
    assert close(s, np.linalg.svd(a)[1]) and close(val(u) @ np.diag(val(s)) @ val(vt), a)
    assert close(rkeras.op_norm(X), np.linalg.norm(X))
    assert close(rkeras.op_norm(X, ord=1.0, axis=2), np.linalg.norm(X, ord=1, axis=1))
    assert close(rkeras.op_norm(X, ord=math.inf, axis=[1, 2]), np.linalg.norm(X, ord=np.inf), rtol=1e-4)
    assert close(rkeras.op_norm(X, ord="fro"), np.linalg.norm(X, "fro"))


# ----------------------------------------------------------------------------- nn


@checks("op_softmax", "op_log_softmax", "op_sparsemax", "op_normalize", "op_layer_normalization",
       "op_rms_normalization", "op_batch_normalization")
def test_normalizations_take_1_based_axes() -> None:
    e = np.exp(X / 10)
    assert close(rkeras.op_softmax(X / 10), e / e.sum(axis=1, keepdims=True))
    assert close(rkeras.op_softmax(X / 10, axis=1), e / e.sum(axis=0, keepdims=True))
    assert close(rkeras.op_log_softmax(X / 10, axis=-1), np.log(e / e.sum(axis=1, keepdims=True)), rtol=1e-4)
    with pytest.raises(rkeras.RKerasError, match="1-based"):
        rkeras.op_softmax(X, axis=0)
    assert close(rkeras.op_sparsemax(np.array([[0.0, 1.0, 5.0]])), [[0, 0, 1]])
    assert close(rkeras.op_normalize(X, axis=1), X / np.linalg.norm(X, axis=0, keepdims=True), rtol=1e-4)
    assert close(rkeras.op_normalize(X, order=1), X / np.abs(X).sum(axis=1, keepdims=True), rtol=1e-4)
    mu, sd = X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)
    assert close(rkeras.op_layer_normalization(X, epsilon=1e-6), (X - mu) / sd, rtol=1e-3, atol=1e-4)
    rms = np.sqrt((X**2).mean(axis=1, keepdims=True))
    assert close(rkeras.op_rms_normalization(X, epsilon=1e-6), X / rms, rtol=1e-4)
    got = rkeras.op_batch_normalization(X, [1.0, 2.0, 3.0], [4.0, 4.0, 4.0], axis=2, epsilon=0.0)
    assert close(got, (X - [1, 2, 3]) / 2)


@checks("op_binary_crossentropy", "op_categorical_crossentropy", "op_sparse_categorical_crossentropy",
       "op_in_top_k")
def test_losses() -> None:
    t, o = np.array([0.0, 1.0, 1.0, 0.0]), np.array([0.1, 0.9, 0.8, 0.2])
    assert close(rkeras.op_binary_crossentropy(t, o), -(t * np.log(o) + (1 - t) * np.log(1 - o)), rtol=1e-4)
    probs = np.array([[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.2, 0.3, 0.5]])
    assert close(rkeras.op_categorical_crossentropy(np.eye(3), probs), -np.log(np.diag(probs)), rtol=1e-4)
    assert close(rkeras.op_categorical_crossentropy(np.eye(3).T, probs.T, axis=1), -np.log(np.diag(probs)),
                 rtol=1e-4)
    got = rkeras.op_sparse_categorical_crossentropy(np.array([0, 1, 2], "int32"), probs)
    assert close(got, -np.log(np.diag(probs)), rtol=1e-4)
    preds = np.array([[0.1, 0.4, 0.6, 0.9, 0.5], [0.1, 0.7, 0.9, 0.8, 0.3]], "float32")
    assert (val(rkeras.op_in_top_k(np.array([3, 0], "int32"), preds, 2.0)) == [True, False]).all()


@checks("op_ctc_loss", "op_ctc_decode")
def test_ctc() -> None:
    # one frame per label, the mask (blank) class first: keras3's mask_index = 1L is Keras's 0
    logits = np.log(np.array([[[0.01, 0.98, 0.01], [0.98, 0.01, 0.01], [0.01, 0.01, 0.98]]], "float32"))
    decoded, _ = rkeras.op_ctc_decode(logits, [3.0])
    assert val(decoded)[0, 0].tolist() == [1, 2, -1]
    decoded, _ = rkeras.op_ctc_decode(logits, [3.0], mask_index=3)  # class 3 is the blank now
    assert val(decoded)[0, 0].tolist()[:2] == [1, 0]
    good = val(rkeras.op_ctc_loss(np.array([[1, 2]]), logits, np.array([2]), np.array([3])))
    bad = val(rkeras.op_ctc_loss(np.array([[2, 1]]), logits, np.array([2]), np.array([3])))
    assert good.shape == (1,) and 0 < good[0] < 1 < bad[0]


def _conv_valid(x: np.ndarray, k: np.ndarray) -> np.ndarray:
    """1-d 'valid' convolution (Keras's: cross-correlation) of (batch, width, 1) with (kw, 1, 1)."""
    kw = k.shape[0]
    return np.array([[[np.sum(x[b, i:i + kw, 0] * k[:, 0, 0])] for i in range(x.shape[1] - kw + 1)]
                     for b in range(x.shape[0])])


@checks("op_conv", "op_conv_transpose", "op_depthwise_conv", "op_separable_conv", "op_average_pool",
       "op_max_pool", "op_extract_sequences")
def test_convolution_and_pooling() -> None:
    x = np.arange(1.0, 7.0, dtype="float32").reshape(1, 6, 1)
    k = np.array([1.0, 0.0, -1.0], "float32").reshape(3, 1, 1)
    assert close(rkeras.op_conv(x, k), _conv_valid(x, k))
    assert close(rkeras.op_conv(x, k, strides=2.0), _conv_valid(x, k)[:, ::2])
    assert close(rkeras.op_depthwise_conv(x, k), _conv_valid(x, k))
    assert close(rkeras.op_separable_conv(x, k, np.full((1, 1, 1), 2.0, "float32")), 2 * _conv_valid(x, k))
    ones = np.ones((1, 2, 1), "float32")
    up = val(rkeras.op_conv_transpose(ones, np.ones((2, 1, 1), "float32"), strides=2))
    assert up.shape == (1, 4, 1) and (up == 1).all()
    assert close(rkeras.op_average_pool(x, 2.0), x.reshape(1, 3, 2, 1).mean(axis=2))
    assert close(rkeras.op_max_pool(x, 3, strides=3.0), [[[3.0], [6.0]]])
    assert (val(rkeras.op_extract_sequences(np.arange(1.0, 7.0), 3.0, 2.0)) == [[1, 2, 3], [3, 4, 5]]).all()


@checks("op_dot_product_attention")
def test_dot_product_attention() -> None:
    rng = np.random.default_rng(1)
    q, k, v = (rng.normal(size=(1, 3, 1, 4)).astype("float32") for _ in range(3))
    logits = np.einsum("bqhd,bkhd->bhqk", q, k) / 2.0
    w = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    assert close(rkeras.op_dot_product_attention(q, k, v), np.einsum("bhqk,bkhd->bqhd", w, v), rtol=1e-4)


# ----------------------------------------------------------------------------- fft


@checks("op_fft", "op_fft2", "op_ifft2", "op_rfft", "op_irfft", "op_stft", "op_istft")
def test_fft() -> None:
    re, im = np.array([1.0, 2.0, 0.0, -1.0]), np.array([0.0, 1.0, 1.0, 0.0])
    want = np.fft.fft(re + 1j * im)
    got = rkeras.op_fft([re, im])  # an R list(real, imag)
    assert close(got[0], want.real) and close(got[1], want.imag)
    m = np.arange(4.0).reshape(2, 2)
    f2 = rkeras.op_fft2([m, np.zeros((2, 2))])
    assert close(f2[0], np.fft.fft2(m).real) and close(f2[1], np.fft.fft2(m).imag)
    back = rkeras.op_ifft2([val(f2[0]), val(f2[1])])
    assert close(back[0], m) and close(back[1], np.zeros((2, 2)))
    r = rkeras.op_rfft(re, 4.0)
    assert close(r[0], np.fft.rfft(re).real) and close(r[1], np.fft.rfft(re).imag)
    assert close(rkeras.op_irfft([val(r[0]), val(r[1])], fft_length=4.0), re)
    sig = np.sin(np.arange(16.0))
    real, imag = rkeras.op_stft(sig, 8.0, 4.0, 8.0, window=None, center=False)
    frames = np.stack([sig[i:i + 8] for i in range(0, 9, 4)])
    spectrum = np.fft.rfft(frames)
    assert close(real, spectrum.real, atol=1e-5) and close(imag, spectrum.imag, atol=1e-5)
    real, imag = rkeras.op_stft(sig, 8, 2, 8)  # hann windows, 75% overlap: the inside comes back
    back = val(rkeras.op_istft([val(real), val(imag)], 8.0, 2.0, 8.0, length=16.0))
    assert back.shape == (16,) and close(back[4:12], sig[4:12], atol=1e-4)


# ----------------------------------------------------------------------------- image


IMG = np.arange(1.0, 17.0, dtype="float32").reshape(1, 4, 4, 1)


@checks("op_image_crop", "op_image_pad", "op_image_resize", "op_image_extract_patches",
       "op_image_rgb_to_grayscale", "op_image_rgb_to_hsv", "op_image_hsv_to_rgb")
def test_image_geometry_and_colour() -> None:
    crop = val(rkeras.op_image_crop(IMG, 1.0, 1.0, target_height=2.0, target_width=2.0))
    assert (crop == IMG[:, 1:3, 1:3]).all()
    pad = val(rkeras.op_image_pad(IMG, 1.0, 2.0, target_height=6.0, target_width=7.0))
    assert pad.shape == (1, 6, 7, 1) and (pad[:, 1:5, 2:6] == IMG).all() and pad.sum() == IMG.sum()
    big = val(rkeras.op_image_resize(IMG, [8.0, 8.0], interpolation="nearest"))
    assert (big == IMG.repeat(2, axis=1).repeat(2, axis=2)).all()
    patches = val(rkeras.op_image_extract_patches(IMG, 2.0))
    assert patches.shape == (1, 2, 2, 4) and (patches[0, 0, 1] == IMG[0, 0:2, 2:4, 0].ravel()).all()
    rgb = np.array([[[[0.2, 0.4, 0.6], [1.0, 0.0, 0.0]]]], "float32")
    grey = val(rkeras.op_image_rgb_to_grayscale(rgb))
    assert close(grey[..., 0], rgb @ np.array([0.2989, 0.587, 0.114]), rtol=1e-3)
    hsv = rkeras.op_image_rgb_to_hsv(rgb)
    assert close(val(hsv)[0, 0, 1], [0.0, 1.0, 1.0])  # pure red: hue 0, full saturation and value
    assert close(rkeras.op_image_hsv_to_rgb(hsv), rgb, atol=1e-5)


@checks("op_image_affine_transform", "op_image_perspective_transform", "op_image_map_coordinates",
       "op_image_gaussian_blur", "op_image_elastic_transform")
def test_image_resampling() -> None:
    shift = np.array([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0], "float32")  # x + 1: one column left
    moved = val(rkeras.op_image_affine_transform(IMG, shift, interpolation="nearest", fill_value=0.0))
    assert (moved[0, :, :3, 0] == IMG[0, :, 1:, 0]).all() and (moved[0, :, 3, 0] == 0).all()
    corners = np.array([[[0.0, 0.0], [3.0, 0.0], [0.0, 3.0], [3.0, 3.0]]], "float32")
    same = rkeras.op_image_perspective_transform(IMG, corners, corners, interpolation="nearest")
    assert close(same, IMG)
    coords = np.array([[0.0, 3.0], [1.0, 2.0]])  # (rows, cols) of two points
    got = rkeras.op_image_map_coordinates(IMG[0, :, :, 0], coords, 0)
    assert close(got, [IMG[0, 0, 1, 0], IMG[0, 3, 2, 0]])
    flat = np.full((1, 5, 5, 1), 3.0, "float32")
    blurred = val(rkeras.op_image_gaussian_blur(flat, kernel_size=[3.0, 3.0], sigma=[1.0, 1.0]))
    assert close(blurred[0, 1:4, 1:4], 3.0, rtol=1e-4) and not np.allclose(blurred[0, 2, 2], IMG[0, 2, 2])
    still = val(rkeras.op_image_elastic_transform(flat, alpha=0.0, sigma=1.0, seed=1.0))
    assert close(still, flat, rtol=1e-4)


# ----------------------------------------------------------------------------- control flow


@checks("op_cond", "op_fori_loop", "op_while_loop", "op_scan", "op_associative_scan", "op_map",
       "op_vectorized_map", "op_custom_gradient", "op_vectorize")
def test_control_flow_with_python_callables() -> None:
    import keras

    ops = keras.ops
    assert float(val(rkeras.op_cond(np.bool_(True), lambda: 1.0, lambda: 2.0))) == 1.0
    assert float(val(rkeras.op_fori_loop(0, 5, lambda i, s: s + i, 0))) == 10
    i, s = rkeras.op_while_loop(lambda i, s: i < 4, lambda i, s: (i + 1, s * 2), (0, 1))
    assert int(val(i)) == 4 and int(val(s)) == 16
    xs = np.arange(1.0, 5.0, dtype="float32")
    carry, ys = rkeras.op_scan(lambda c, x: (c + x, c + x), np.float32(0), xs)
    assert float(val(carry)) == 10 and (val(ys) == [1, 3, 6, 10]).all()
    assert (val(rkeras.op_associative_scan(lambda a, b: a + b, np.arange(1.0, 5.0))) == [1, 3, 6, 10]).all()
    m = np.arange(6.0).reshape(2, 3)
    cums = val(rkeras.op_associative_scan(lambda a, b: a + b, m, axis=2))
    assert (cums == np.cumsum(m, axis=1)).all()
    assert (val(rkeras.op_map(np.arange(4.0), lambda x: x**2)) == [0, 1, 4, 9]).all()
    assert (val(rkeras.op_vectorized_map(m, lambda row: ops.sum(row))) == m.sum(axis=1)).all()

    @rkeras.op_custom_gradient
    def log1pexp(x: Any) -> Any:
        e = ops.exp(x)

        def grad(*args: Any, upstream: Any = None) -> Any:
            return ops.multiply(upstream if upstream is not None else args[0], 1.0 - 1.0 / ops.add(1, e))

        return ops.log(1 + e), grad

    assert close(log1pexp(np.float32(0.0)), np.log(2.0))
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        x = tf.constant(100.0)
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = log1pexp(x)
        assert float(tape.gradient(y, x)) == 1.0
        with pytest.raises(ValueError, match="TensorFlow backend"):
            rkeras.op_vectorize(lambda a, b: a + b)(np.array([1.0, 2.0]), 2.0)
    else:
        assert close(rkeras.op_vectorize(lambda a, b: a + b)(np.array([1.0, 2.0]), 2.0), [3.0, 4.0])


# ----------------------------------------------------------------------------- the rows themselves


def test_every_op_row_is_tested() -> None:
    # op_subset / op_subset<- / op_subset_set (R's `[` on tensors) are tested in test_tensors.py
    rows = {row.name for row in iter_family("op") if not row.target.startswith("rkeras.api.tensors:")}
    untested = sorted(rows - TESTED)
    assert not untested, f"op_* rows without a value test in test_ops.py: {untested}"
    assert not TESTED - rows, f"tested names that are no op_* rows: {sorted(TESTED - rows)}"


def test_op_rows_cover_keras3() -> None:
    """Every keras3 op_* export is a row, except R's `[` on tensors (the tensor rows)."""
    from pathlib import Path

    from rkeras.tools.coverage import read_exports

    path = Path(rkeras.__file__).parent / "tools" / "reference" / "keras3-exports.txt"
    keras3 = {n for n in read_exports(path) if n.startswith("op_")}
    missing = keras3 - {row.name for row in iter_family("op")} - {"op_subset", "op_subset<-", "op_subset_set"}
    assert not missing, sorted(missing)


# ----------------------------------------------------------------------------- the converters and facts


def test_op_converters() -> None:
    import keras

    from rkeras.api import args as A

    assert (A.as_index([1.0, 2.0, 0.0, -1.0], fn="f", arg="i") == [0, 1, 0, -1]).all()  # an array
    assert A.as_py_index(np.array([[1.0, 3.0]]), fn="f", arg="i").tolist() == [[0, 2]]
    t = A.as_py_index(keras.ops.convert_to_tensor([1, 0, 3]), fn="f", arg="i")
    assert val(t).tolist() == [0, 0, 2]
    with pytest.raises(rkeras.RKerasError, match=r"f\(\).*`i`.*whole"):
        A.as_py_index(np.array([1.5]), fn="f", arg="i")
    assert A.as_array(3.0, fn="f", arg="x").tolist() == [3.0]
    assert A.as_array([1, 2], fn="f", arg="x").ndim == 1
    assert A.as_atomic_array(3.0, fn="f", arg="x") == 3.0
    assert A.as_atomic_array([1.0, 2.0], fn="f", arg="x").dtype == np.float64
    got = A.as_integer_array([3.0, 1.0], fn="f", arg="n")
    assert got.dtype == np.int32 and got.tolist() == [3, 1]
    with pytest.raises(rkeras.RKerasError, match="`n`"):
        A.as_integer_array([1.5], fn="f", arg="n")
    assert A.as_tuple([0.0, 4.0], fn="f", arg="r") == (0.0, 4.0) and A.as_tuple(None, fn="f", arg="r") is None
    assert A.as_newshape([float("nan"), 2.0], fn="f", arg="s") == (-1, 2)
    assert A.as_sections(3.0, fn="f", arg="s") == 3 and A.as_sections([3.0, 8.0], fn="f", arg="s") == (2, 7)
    pair = A.RESULTS["index1_second"]((np.array([9.0]), np.array([4])))
    assert pair[0].tolist() == [9.0] and pair[1].tolist() == [5]
    with pytest.raises(TypeError, match="pair"):
        A.RESULTS["index1_second"](np.array([1]))


def test_default_fact_and_missing() -> None:
    from rkeras.spec import MISSING, facts
    from rkeras.tools.codegen.formals import r_formals, render

    assert facts(["default=data_format:channels_last", "default=n:3", "default=k:<missing>"]) == {
        "defaults": {"data_format": "channels_last", "n": 3, "k": MISSING}}
    row = next(r for r in iter_family("op") if r.name == "op_multi_hot")
    assert render(r_formals(row)).startswith("inputs, num_classes, axis = -1L")
    with pytest.raises(rkeras.RKerasError, match="op_multi_hot"):
        rkeras.op_multi_hot([0.0, 1.0])  # no num_classes: Keras's own error, not MISSING passed on
    arange = next(r for r in iter_family("op") if r.name == "op_arange")
    assert render(r_formals(arange)) == "start, end, step = 1L, dtype = NULL, include_end = TRUE"


def test_r_argument_matching_with_dots() -> None:
    """The R wrappers pass formals by name and `...` unnamed: `op_switch(index =, branches =, x, y)`."""
    branches = [lambda a, b: a + b, lambda a, b: a - b]
    assert float(val(rkeras.op_switch(np.float32(1), np.float32(2), index=2, branches=branches))) == -1
    assert close(rkeras.op_einsum(X, Y, subscripts="ij,ij->i"), (X * Y).sum(axis=1))
