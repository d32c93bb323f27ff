"""keras 2.x's k_* backend functions on values, against numpy, TensorFlow or Keras computing the same
thing, with keras 2.x's R semantics: 1-based axes (and k_gather() indices), 0-based returned indices
and class labels. Every k_* row has a check here (test_every_k_row_is_exercised)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import numpy as np
import pytest

import rkeras as rk
from rkeras import RKerasError
from rkeras.spec import Row, all_rows

K_ROWS = [r for r in all_rows() if r.name.startswith("k_")]
RNG = np.random.default_rng(7)
X = np.array([[1.0, 4.0, 9.0], [16.0, 25.0, 36.0]], dtype="float32")
Y = np.array([[2.0, 2.0, 3.0], [4.0, 5.0, 0.5]], dtype="float32")


def a(value: object) -> np.ndarray:
    return np.asarray(rk.k_eval(value)) if not isinstance(value, np.ndarray) else value


def close(got: object, want: object, tol: float = 1e-5) -> None:
    got_a, want_a = a(got), np.asarray(want)
    assert got_a.shape == want_a.shape, (got_a.shape, want_a.shape)
    assert np.allclose(got_a, want_a, atol=tol, rtol=tol), (got_a, want_a)


CHECKS: dict[str, Callable[[], None]] = {}


def check(*names: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    def register(fn: Callable[[], None]) -> Callable[[], None]:
        for name in names:
            assert name not in CHECKS, name
            CHECKS[name] = fn
        return fn

    return register


# --------------------------------------------------------------------------- element-wise


UNARY = {
    "k_abs": (-X, np.abs(X)), "k_cos": (X, np.cos(X)), "k_sin": (X, np.sin(X)),
    "k_exp": (X / 10, np.exp(X / 10)),
    "k_log": (X, np.log(X)), "k_sqrt": (X, np.sqrt(X)), "k_square": (X, X**2),
    "k_sign": (X - 9, np.sign(X - 9)),
    "k_tanh": (X / 10, np.tanh(X / 10)), "k_sigmoid": (X / 10, 1 / (1 + np.exp(-X / 10))),
    "k_softplus": (X / 10, np.log1p(np.exp(X / 10))), "k_softsign": (X, X / (1 + np.abs(X))),
    "k_round": (np.array([0.5, 1.5, 2.4, -0.5]), np.array([0.0, 2.0, 2.0, -0.0])),  # half to even
    "k_transpose": (X, X.T), "k_flatten": (X, X.reshape(-1)), "k_identity": (X, X),
    "k_cast_to_floatx": (X.astype("float64"), X),
}


@check(*UNARY)
def _unary() -> None:
    for name, (x, want) in UNARY.items():
        close(getattr(rk, name)(x), want)
    assert rk.k_cast_to_floatx(np.arange(3)).dtype == np.float32


BINARY = {
    "k_maximum": np.maximum, "k_minimum": np.minimum, "k_equal": np.equal, "k_not_equal": np.not_equal,
    "k_greater": np.greater, "k_greater_equal": np.greater_equal, "k_less": np.less,
    "k_less_equal": np.less_equal,
}


@check(*BINARY, "k_pow", "k_dot")
def _binary() -> None:
    for name, numpy in BINARY.items():
        close(getattr(rk, name)(X, Y), numpy(X, Y))
        close(getattr(rk, name)(x=X, y=Y), numpy(X, Y))  # keras 2.x's argument names
    close(rk.k_pow(X, 2), X**2)
    close(rk.k_pow(X, a=0.5), np.sqrt(X))
    close(rk.k_dot(X, Y.T), X @ Y.T)
    close(rk.k_dot(np.ones((2, 3, 4)), np.ones((4, 5))), np.full((2, 3, 5), 4.0))


@check("k_hard_sigmoid", "k_relu", "k_elu", "k_softmax", "k_clip", "k_l2_normalize")
def _activations() -> None:
    x = np.array([-3.0, -1.0, 0.0, 1.0, 3.0], dtype="float32")
    close(rk.k_hard_sigmoid(x), np.clip(0.2 * x + 0.5, 0, 1))  # keras 2.x's slope, not Keras 3's 1/6
    close(rk.k_relu(x), np.maximum(x, 0))
    close(rk.k_relu(x, alpha=0.1, max_value=2.0), np.clip(np.where(x > 0, x, 0.1 * x), None, 2.0))
    close(rk.k_elu(x, alpha=0.5), np.where(x > 0, x, 0.5 * (np.exp(x) - 1)))
    e = np.exp(X / 10)
    close(rk.k_softmax(X / 10), e / e.sum(1, keepdims=True))
    close(rk.k_softmax(X / 10, axis=1), e / e.sum(0, keepdims=True))
    close(rk.k_clip(X, 2, 20), np.clip(X, 2, 20))
    close(rk.k_clip(X, max_value=5), np.minimum(X, 5))
    close(rk.k_clip(X, 10, 5), np.full_like(X, 10))  # keras 2.x raises max_value to min_value
    close(rk.k_l2_normalize(X), X / np.linalg.norm(X))
    close(rk.k_l2_normalize(X, axis=2), X / np.linalg.norm(X, axis=1, keepdims=True))
    close(rk.k_l2_normalize(X, axis=1), X / np.linalg.norm(X, axis=0, keepdims=True))


# --------------------------------------------------------------------------- reductions (1-based axes)


REDUCTIONS = {"k_sum": np.sum, "k_mean": np.mean, "k_max": np.max, "k_min": np.min, "k_prod": np.prod,
              "k_std": np.std, "k_var": np.var, "k_all": np.all, "k_any": np.any}


@check(*REDUCTIONS, "k_logsumexp")
def _reductions() -> None:
    data = {"k_all": X > 2, "k_any": X > 30}
    for name, numpy in REDUCTIONS.items():
        fn, x = getattr(rk, name), data.get(name, X)
        close(fn(x), numpy(x))
        close(fn(x, axis=1), numpy(x, axis=0))
        close(fn(x, axis=2), numpy(x, axis=1))
        close(fn(x, axis=-1, keepdims=True), numpy(x, axis=-1, keepdims=True))
        with pytest.raises(RKerasError, match="1-based"):
            fn(x, axis=0)
    close(rk.k_logsumexp(X / 10, axis=2), np.log(np.exp(X / 10).sum(1)))


@check("k_cumsum", "k_cumprod", "k_argmax", "k_argmin")
def _scans_and_indices() -> None:
    close(rk.k_cumsum(X), np.cumsum(X, axis=0))  # keras 2.x's default axis = 1: the first
    close(rk.k_cumsum(X, axis=2), np.cumsum(X, axis=1))
    close(rk.k_cumprod(X), np.cumprod(X, axis=0))
    close(rk.k_cumprod(X, axis=-1), np.cumprod(X, axis=1))
    m = np.array([[3.0, 9.0, 1.0], [7.0, 2.0, 8.0]])
    # returned indices are 0-based, as in keras 2.x (keras3's op_argmax adds 1)
    assert a(rk.k_argmax(m)).tolist() == [1, 2]
    assert a(rk.k_argmax(m, axis=1)).tolist() == [1, 0, 1]
    assert a(rk.k_argmin(m)).tolist() == [2, 1]
    assert a(rk.k_argmin(m, axis=1)).tolist() == [0, 1, 0]


# --------------------------------------------------------------------------- shapes


@check("k_concatenate", "k_stack", "k_unstack", "k_expand_dims", "k_squeeze", "k_reshape",
       "k_permute_dimensions", "k_reverse", "k_repeat", "k_repeat_elements", "k_tile", "k_batch_flatten",
       "k_gather")
def _shapes() -> None:
    close(rk.k_concatenate([X, Y]), np.concatenate([X, Y], axis=-1))
    close(rk.k_concatenate([X, Y], axis=1), np.concatenate([X, Y], axis=0))
    close(rk.k_stack([X, Y]), np.stack([X, Y], axis=0))
    close(rk.k_stack([X, Y], axis=3), np.stack([X, Y], axis=2))
    parts = rk.k_unstack(X)
    assert len(parts) == 2 and a(parts[1]).tolist() == X[1].tolist()
    assert [a(p).tolist() for p in rk.k_unstack(X, axis=2)] == [X[:, j].tolist() for j in range(3)]
    assert a(rk.k_expand_dims(X)).shape == (2, 3, 1)
    assert a(rk.k_expand_dims(X, axis=1)).shape == (1, 2, 3)
    assert a(rk.k_squeeze(np.ones((2, 1, 3)), axis=2)).shape == (2, 3)
    close(rk.k_reshape(X, [3, -1]), X.reshape(3, 2))
    close(rk.k_permute_dimensions(np.arange(24.0).reshape(2, 3, 4), [3, 1, 2]),
          np.transpose(np.arange(24.0).reshape(2, 3, 4), (2, 0, 1)))
    close(rk.k_reverse(X, axes=2), X[:, ::-1])
    close(rk.k_reverse(X, axes=[1, 2]), X[::-1, ::-1])
    close(rk.k_repeat(X, 2), np.stack([X, X], axis=1))
    close(rk.k_repeat_elements(X, 2, axis=2), np.repeat(X, 2, axis=1))
    close(rk.k_tile(X, [2, 1]), np.tile(X, (2, 1)))
    close(rk.k_batch_flatten(np.arange(24.0).reshape(2, 3, 4)), np.arange(24.0).reshape(2, 12))
    # keras 2.x passes k_gather()'s indices through as_axis: 1-based
    close(rk.k_gather(X, 2), X[1])
    close(rk.k_gather(X, [2, 1, 2]), X[[1, 0, 1]])
    close(rk.k_gather(X, -1), X[-1])
    with pytest.raises(RKerasError, match=r"k_gather\(\): `indices` is 1-based"):
        rk.k_gather(X, 0)


@check("k_int_shape", "k_get_variable_shape", "k_shape", "k_ndim", "k_dtype", "k_count_params")
def _shape_queries() -> None:
    assert rk.k_int_shape(X) == (2, 3)
    assert rk.k_int_shape(rk.layer_input(shape=4)) == (None, 4)
    v = rk.k_variable(np.zeros((3, 5)))
    assert rk.k_get_variable_shape(v) == (3, 5)
    shape = rk.k_shape(X)
    assert a(shape).tolist() == [2, 3] and a(shape).dtype == np.int32
    assert rk.k_ndim(X) == 2
    assert rk.k_dtype(X) == "float32" and rk.k_dtype(v) == "float32"
    assert rk.k_count_params(v) == 15


# --------------------------------------------------------------------------- creating tensors


@check("k_variable", "k_constant", "k_zeros", "k_ones", "k_eye", "k_zeros_like", "k_ones_like", "k_arange",
       "k_one_hot", "k_cast")
def _creation() -> None:
    v = rk.k_variable(X, name="v")
    assert rk.k_floatx() == "float32" and a(v).dtype == np.float32
    close(v, X)
    assert rk.k_variable([1, 2], dtype="int32").dtype == "int32"
    c = rk.k_constant([1, 2, 3, 4, 5, 6], shape=[2, 3])
    close(c, np.arange(1.0, 7.0).reshape(2, 3))  # row-major, as tf.constant
    close(rk.k_constant(7, shape=[2, 2]), np.full((2, 2), 7.0))
    with pytest.raises(RKerasError, match=r"k_constant\(\): `shape`"):
        rk.k_constant([1, 2, 3], shape=[2, 2])
    close(rk.k_zeros([2, 3]), np.zeros((2, 3)))
    close(rk.k_ones(3), np.ones(3))
    close(rk.k_eye(3), np.eye(3))
    close(rk.k_eye([2, 3]), np.eye(2, 3))
    close(rk.k_zeros_like(X), np.zeros_like(X))
    close(rk.k_ones_like(X, dtype="int32"), np.ones((2, 3)))
    close(rk.k_arange(5), np.arange(5))
    close(rk.k_arange(1, 7, 2, dtype="float32"), np.arange(1, 7, 2))
    assert a(rk.k_arange(-3)).size == 0 and a(rk.k_arange(4)).dtype == np.int32
    close(rk.k_one_hot([0, 2, 1], 3), np.eye(3)[[0, 2, 1]])  # class labels stay 0-based
    assert a(rk.k_cast(X, "int32")).dtype == np.int32


@check("k_random_normal", "k_random_uniform", "k_truncated_normal", "k_random_binomial", "k_random_bernoulli",
       "k_random_normal_variable", "k_random_uniform_variable", "k_dropout")
def _random() -> None:
    import keras

    close(rk.k_random_normal([2, 3], mean=1, stddev=2, seed=3), keras.random.normal((2, 3), 1.0, 2.0, seed=3))
    close(rk.k_random_uniform(4, minval=2, maxval=3, seed=1), keras.random.uniform((4,), 2.0, 3.0, seed=1))
    t = a(rk.k_truncated_normal([2000], seed=5))
    assert np.abs(t).max() <= 2.0 and abs(t.mean()) < 0.1
    b = a(rk.k_random_binomial([4000], p=0.25, seed=2))
    assert set(np.unique(b)) <= {0.0, 1.0} and abs(b.mean() - 0.25) < 0.03 and b.dtype == np.float32
    close(rk.k_random_bernoulli([50], p=0.5, seed=9), rk.k_random_binomial([50], p=0.5, seed=9))
    nv = rk.k_random_normal_variable([500], mean=3, scale=0.5, seed=4)
    assert hasattr(nv, "assign") and abs(a(nv).mean() - 3) < 0.1 and abs(a(nv).std() - 0.5) < 0.1
    uv = rk.k_random_uniform_variable([500], low=-1, high=0, seed=4)
    assert a(uv).min() >= -1 and a(uv).max() < 0
    d = a(rk.k_dropout(np.ones(1000, "float32"), level=0.5, seed=1))
    # kept values scaled by 1 / (1 - level)
    assert set(np.unique(d)) <= {0.0, 2.0} and 0.4 < (d == 0).mean() < 0.6


# --------------------------------------------------------------------------- variables


@check("k_eval", "k_get_value", "k_set_value", "k_batch_get_value", "k_batch_set_value", "k_update",
       "k_update_add", "k_update_sub", "k_moving_average_update")
def _variables() -> None:
    v = rk.k_variable(X)
    w = rk.k_variable(np.zeros(2))
    assert isinstance(rk.k_eval(v), np.ndarray) and rk.k_get_value(v).tolist() == X.tolist()
    rk.k_set_value(v, Y)
    close(rk.k_get_value(v), Y)
    rk.k_batch_set_value([[v, X], [w, [1.0, 2.0]]])
    got = rk.k_batch_get_value([v, w])
    assert got[0].tolist() == X.tolist() and got[1].tolist() == [1.0, 2.0]
    close(rk.k_update(w, [5.0, 6.0]), [5.0, 6.0])
    close(rk.k_update_add(w, [1.0, 1.0]), [6.0, 7.0])
    close(rk.k_update_sub(w, [2.0, 2.0]), [4.0, 5.0])
    close(rk.k_moving_average_update(w, [0.0, 10.0], 0.9), [3.6, 5.5])
    with pytest.raises(RKerasError, match=r"k_set_value\(\): `x` must be a variable"):
        rk.k_set_value(X, Y)


# --------------------------------------------------------------------------- nn


@check("k_batch_dot")
def _batch_dot() -> None:
    x, y = RNG.random((4, 20, 1)), RNG.random((4, 30, 20))
    got = rk.k_batch_dot(x, y, axes=[2, 3])  # keras 2.x's example, 1-based: (4, 1, 30)
    close(got, np.einsum("bic,bji->bcj", x, y))
    u, w = RNG.random((3, 5)), RNG.random((3, 5))
    close(rk.k_batch_dot(u, w, axes=2), (u * w).sum(1, keepdims=True))  # a (3, 1) result
    close(rk.k_batch_dot(RNG.random((2, 3, 4)), np.ones((2, 4, 5)), axes=[3, 2]).shape, (2, 3, 5))


@check("k_batch_normalization", "k_normalize_batch_in_training", "k_bias_add")
def _normalization() -> None:
    x = RNG.random((6, 3)).astype("float32")
    mean, var = x.mean(0), x.var(0)
    gamma, beta = np.array([1.0, 2.0, 3.0], "float32"), np.array([0.0, 1.0, -1.0], "float32")
    want = (x - mean) / np.sqrt(var + 1e-3) * gamma + beta
    close(rk.k_batch_normalization(x, mean, var, beta, gamma), want)
    close(rk.k_batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3), want)
    normed, m, v = rk.k_normalize_batch_in_training(x, gamma, beta, [0])  # 0-based, as keras 2.x
    close(normed, want)
    close(m, mean)
    close(v, var)
    # channels first, with as many channels as columns (Keras 3's ops.add would add on the last axis)
    img = RNG.random((2, 3, 4, 3)).astype("float32")
    m4, v4 = img.mean((0, 2, 3)), img.var((0, 2, 3))
    c = (1, 3, 1, 1)
    want4 = (img - m4.reshape(c)) / np.sqrt(v4.reshape(c) + 1e-3) * gamma.reshape(c) + beta.reshape(c)
    close(rk.k_batch_normalization(img, m4, v4, beta, gamma, axis=2), want4)
    close(rk.k_normalize_batch_in_training(img, gamma, beta, [0, 2, 3])[0], want4)
    close(rk.k_bias_add(np.zeros((2, 3)), np.array([1.0, 2.0, 3.0])), np.tile([1.0, 2.0, 3.0], (2, 1)))
    img = np.zeros((1, 2, 2, 2))
    close(rk.k_bias_add(img, np.array([1.0, 2.0]), data_format="channels_first"),
          np.broadcast_to(np.array([1.0, 2.0]).reshape(1, 2, 1, 1), (1, 2, 2, 2)))


@check("k_binary_crossentropy", "k_categorical_crossentropy", "k_sparse_categorical_crossentropy")
def _crossentropy() -> None:
    p = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], "float32")
    onehot = np.array([[1.0, 0, 0], [0, 0, 1.0]], "float32")
    close(rk.k_categorical_crossentropy(onehot, p), -np.log([0.7, 0.1]), 1e-4)
    close(rk.k_sparse_categorical_crossentropy(np.array([0, 2]), p), -np.log([0.7, 0.1]), 1e-4)
    t = np.array([1.0, 0.0], "float32")
    q = np.array([0.9, 0.3], "float32")
    close(rk.k_binary_crossentropy(t, q), -(t * np.log(q) + (1 - t) * np.log(1 - q)), 1e-4)


@check("k_in_top_k")
def _in_top_k() -> None:
    pred = np.array([[0.1, 0.5, 0.4], [0.8, 0.15, 0.05]], "float32")
    assert a(rk.k_in_top_k(pred, np.array([2, 2]), 1)).tolist() == [False, False]
    assert a(rk.k_in_top_k(pred, np.array([2, 2]), 2)).tolist() == [True, False]


@check("k_conv1d", "k_conv2d", "k_conv3d", "k_depthwise_conv2d", "k_separable_conv2d")
def _convolutions() -> None:
    import tensorflow as tf

    x1, k1 = RNG.random((2, 6, 3)).astype("float32"), RNG.random((2, 3, 4)).astype("float32")
    close(rk.k_conv1d(x1, k1), tf.nn.conv1d(x1, k1, 1, "VALID"))
    close(rk.k_conv1d(x1, k1, padding="causal", dilation_rate=2),
          tf.nn.conv1d(np.pad(x1, ((0, 0), (2, 0), (0, 0))), k1, 1, "VALID", dilations=2))
    x2, k2 = RNG.random((1, 5, 5, 2)).astype("float32"), RNG.random((3, 3, 2, 4)).astype("float32")
    close(rk.k_conv2d(x2, k2), tf.nn.conv2d(x2, k2, 1, "VALID"))
    close(rk.k_conv2d(x2, k2, strides=[2, 2], padding="same"), tf.nn.conv2d(x2, k2, 2, "SAME"))
    x3, k3 = RNG.random((1, 4, 4, 4, 2)).astype("float32"), RNG.random((2, 2, 2, 2, 3)).astype("float32")
    close(rk.k_conv3d(x3, k3), tf.nn.conv3d(x3, k3, [1] * 5, "VALID"))
    dk = RNG.random((3, 3, 2, 2)).astype("float32")
    close(rk.k_depthwise_conv2d(x2, dk), tf.nn.depthwise_conv2d(x2, dk, [1, 1, 1, 1], "VALID"))
    pk = RNG.random((1, 1, 4, 3)).astype("float32")
    close(rk.k_separable_conv2d(x2, dk, pk), tf.nn.separable_conv2d(x2, dk, pk, [1, 1, 1, 1], "VALID"))


@check("k_conv2d_transpose", "k_conv3d_transpose")
def _transposed() -> None:
    import tensorflow as tf

    x, k = RNG.random((1, 3, 3, 2)).astype("float32"), RNG.random((3, 3, 4, 2)).astype("float32")
    for padding, shape in (("valid", (1, 7, 7, 4)), ("valid", (1, 8, 8, 4)), ("same", (1, 6, 6, 4)),
                           ("same", (1, 5, 5, 4))):
        close(rk.k_conv2d_transpose(x, k, shape, strides=[2, 2], padding=padding),
              tf.nn.conv2d_transpose(x, k, shape, strides=2, padding=padding.upper()))
    with pytest.raises(RKerasError, match=r"k_conv2d_transpose\(\): `output_shape`"):
        rk.k_conv2d_transpose(x, k, (1, 9, 9, 4), strides=[2, 2])
    x3, k3 = RNG.random((1, 2, 2, 2, 1)).astype("float32"), RNG.random((2, 2, 2, 3, 1)).astype("float32")
    close(rk.k_conv3d_transpose(x3, k3, (1, 3, 3, 3, 3)),
          tf.nn.conv3d_transpose(x3, k3, (1, 3, 3, 3, 3), strides=[1] * 5, padding="VALID"))


@check("k_pool2d", "k_pool3d")
def _pooling() -> None:
    img = np.arange(16.0, dtype="float32").reshape(1, 4, 4, 1)
    close(rk.k_pool2d(img, [2, 2], strides=[2, 2]), np.array([5.0, 7, 13, 15]).reshape(1, 2, 2, 1))
    close(rk.k_pool2d(img, [2, 2], strides=[2, 2], pool_mode="avg"),
          np.array([2.5, 4.5, 10.5, 12.5]).reshape(1, 2, 2, 1))
    with pytest.raises(RKerasError, match=r"k_pool2d\(\): `pool_mode` must be"):
        rk.k_pool2d(img, [2, 2], pool_mode="min")
    vol = np.arange(8.0, dtype="float32").reshape(1, 2, 2, 2, 1)
    close(rk.k_pool3d(vol, [2, 2, 2], strides=[2, 2, 2]), np.full((1, 1, 1, 1, 1), 7.0))


@check("k_local_conv1d", "k_local_conv2d")
def _local_conv() -> None:
    x, k = RNG.random((2, 5, 3)).astype("float32"), RNG.random((4, 2 * 3, 2)).astype("float32")
    close(rk.k_local_conv1d(x, k, 2, 1),
          np.stack([x[:, i : i + 2, :].reshape(2, -1) @ k[i] for i in range(4)], axis=1))
    x2, k2 = RNG.random((2, 4, 4, 3)).astype("float32"), RNG.random((4, 2 * 2 * 3, 5)).astype("float32")
    want = np.stack([x2[:, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2, :].reshape(2, -1) @ k2[2 * i + j]
                     for i in range(2) for j in range(2)], axis=1).reshape(2, 2, 2, 5)
    close(rk.k_local_conv2d(x2, k2, [2, 2], [2, 2], [2, 2]), want)


@check("k_temporal_padding", "k_spatial_2d_padding", "k_spatial_3d_padding", "k_resize_images",
       "k_resize_volumes")
def _padding_resizing() -> None:
    x = RNG.random((1, 2, 3)).astype("float32")
    close(rk.k_temporal_padding(x, [1, 2]), np.pad(x, ((0, 0), (1, 2), (0, 0))))
    img = RNG.random((1, 2, 2, 3)).astype("float32")
    close(rk.k_spatial_2d_padding(img), np.pad(img, ((0, 0), (1, 1), (1, 1), (0, 0))))
    close(rk.k_spatial_2d_padding(img, [[0, 1], [2, 0]], data_format="channels_first"),
          np.pad(img, ((0, 0), (0, 0), (0, 1), (2, 0))))
    vol = RNG.random((1, 2, 2, 2, 1)).astype("float32")
    close(rk.k_spatial_3d_padding(vol), np.pad(vol, ((0, 0), (1, 1), (1, 1), (1, 1), (0, 0))))
    close(rk.k_resize_images(img, 2, 3, "channels_last"), img.repeat(2, axis=1).repeat(3, axis=2))
    close(rk.k_resize_volumes(vol, 1, 2, 3, "channels_last"), vol.repeat(2, axis=2).repeat(3, axis=3))


@check("k_ctc_batch_cost", "k_ctc_decode", "k_ctc_label_dense_to_sparse", "k_is_sparse", "k_to_dense")
def _ctc() -> None:
    import tensorflow as tf

    y_pred = tf.nn.softmax(RNG.normal(size=(2, 6, 4)).astype("float32")).numpy()
    labels = np.array([[0, 1, 0], [2, 2, 0]], "int32")
    label_length, input_length = np.array([[2], [2]]), np.array([[6], [5]])
    logits = tf.math.log(tf.transpose(y_pred, (1, 0, 2)) + 1e-7)  # keras 2.x: the blank is the last class
    sparse = rk.k_ctc_label_dense_to_sparse(labels, label_length.reshape(-1))
    assert rk.k_is_sparse(sparse) and not rk.k_is_sparse(labels)
    close(rk.k_to_dense(sparse), [[0, 1, 0], [2, 2, 0]])
    want = tf.compat.v1.nn.ctc_loss(sparse, logits, input_length.reshape(-1), time_major=True)
    close(rk.k_ctc_batch_cost(labels, y_pred, input_length, label_length), np.reshape(want, (2, 1)), 1e-4)
    paths, log_prob = rk.k_ctc_decode(y_pred, input_length.reshape(-1))
    ref, ref_prob = tf.nn.ctc_greedy_decoder(logits, input_length.reshape(-1))
    close(paths[0], tf.sparse.to_dense(ref[0], default_value=-1))
    close(log_prob, ref_prob, 1e-4)
    lengths = input_length.reshape(-1)
    paths, log_prob = rk.k_ctc_decode(y_pred, lengths, greedy=False, beam_width=10, top_paths=2)
    ref, ref_prob = tf.nn.ctc_beam_search_decoder(logits, lengths, beam_width=10, top_paths=2)
    assert len(paths) == 2
    for got, want_path in zip(paths, ref, strict=True):
        close(got, tf.sparse.to_dense(want_path, default_value=-1))
    close(log_prob, ref_prob, 1e-4)


# --------------------------------------------------------------------------- control flow and functions


@check("k_switch", "k_in_train_phase", "k_in_test_phase")
def _switch() -> None:
    close(rk.k_switch(X > 10, X, -X), np.where(X > 10, X, -X))
    close(rk.k_switch(np.array([True, False]), X, Y), np.where([[True], [False]], X, Y))  # leading axes
    close(rk.k_switch(True, lambda: X, lambda: Y), X)
    close(rk.k_switch(False, X, Y), Y)
    close(rk.k_in_train_phase(X, Y), Y)  # no global learning phase: inference by default
    close(rk.k_in_train_phase(X, Y, training=True), X)
    close(rk.k_in_test_phase(X, Y), X)
    close(rk.k_in_test_phase(X, Y, training=1), Y)


@check("k_foldl", "k_foldr", "k_map_fn", "k_rnn")
def _loops() -> None:
    close(rk.k_foldl(lambda acc, x: acc + x, X), X.sum(0))
    close(rk.k_foldl(lambda acc, x: acc * 10 + x, np.array([1.0, 2.0, 3.0]), initializer=0.0), 123.0)
    close(rk.k_foldr(lambda acc, x: acc * 10 + x, np.array([1.0, 2.0, 3.0])), 321.0)
    close(rk.k_map_fn(lambda row: row * 2, X), X * 2)

    def step(x: object, states: list[object]) -> tuple[object, list[object]]:
        new = rk.k_sum(x, axis=-1, keepdims=True) + states[0]
        return new, [new]

    x = RNG.random((2, 4, 3)).astype("float32")
    last, outputs, states = rk.k_rnn(step, x, [np.zeros((2, 1), "float32")])
    cumulative = np.cumsum(x.sum(-1), axis=1)[..., None]
    close(outputs, cumulative)
    close(last, cumulative[:, -1])
    close(states[0], cumulative[:, -1])
    _, back, _ = rk.k_rnn(step, x, [np.zeros((2, 1), "float32")], go_backwards=True)
    close(back, np.cumsum(x.sum(-1)[:, ::-1], axis=1)[..., None])


@check("k_function", "k_placeholder", "k_is_placeholder", "k_is_keras_tensor", "k_is_tensor",
       "k_stop_gradient")
def _symbolic() -> None:
    p = rk.k_placeholder(shape=[None, 3])
    assert rk.k_int_shape(p) == (None, 3) and rk.k_is_placeholder(p) and rk.k_is_keras_tensor(p)
    assert rk.k_int_shape(rk.k_placeholder(ndim=3)) == (None, None, None)
    dense = rk.layer_dense(units=2, kernel_initializer="ones")
    out = dense(p)
    assert not rk.k_is_placeholder(out) and not rk.k_is_placeholder(X)
    f = rk.k_function([p], [out])
    got = f([X])
    assert isinstance(got, list) and len(got) == 1
    close(got[0], X @ np.ones((3, 2)))
    close(rk.k_function(p, out)(X), X @ np.ones((3, 2)))
    assert rk.k_is_tensor(rk.k_constant(1.0)) and not rk.k_is_tensor(X)
    import keras

    v = keras.Variable(3.0)
    with __import__("tensorflow").GradientTape() as tape:
        y = v * v + rk.k_stop_gradient(v * v)
    assert float(tape.gradient(y, v)) == pytest.approx(6.0)  # only the first term
    assert len(rk.k_stop_gradient([v, v])) == 2


@check("k_epsilon", "k_set_epsilon", "k_floatx", "k_set_floatx", "k_image_data_format",
       "k_set_image_data_format", "k_backend", "k_clear_session", "k_get_uid",
       "k_reset_uids", "k_print_tensor")
def _config(capsys: pytest.CaptureFixture[str] | None = None) -> None:
    import keras

    assert rk.k_backend() == keras.config.backend()
    eps, fmt = rk.k_epsilon(), rk.k_image_data_format()
    try:
        rk.k_set_epsilon(1e-5)
        assert rk.k_epsilon() == 1e-5 == keras.config.epsilon()
        rk.k_set_floatx("float64")
        assert rk.k_floatx() == "float64" and a(rk.k_variable([1.0])).dtype == np.float64
        rk.k_set_image_data_format("channels_first")
        assert rk.k_image_data_format() == "channels_first"
    finally:
        rk.k_set_epsilon(eps)
        rk.k_set_floatx("float32")
        rk.k_set_image_data_format(fmt)
    rk.k_reset_uids()
    assert [rk.k_get_uid("rk_test"), rk.k_get_uid("rk_test"), rk.k_get_uid()] == [1, 2, 1]
    rk.k_reset_uids()
    assert rk.k_get_uid("rk_test") == 1
    rk.k_clear_session()
    assert rk.k_get_uid("rk_test") == 1  # clear_session resets Keras's state too
    assert rk.k_print_tensor(X, message="x = ") is X


# --------------------------------------------------------------------------- the table itself


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_k_function(name: str) -> None:
    CHECKS[name]()


def test_print_tensor_prints(capsys: pytest.CaptureFixture[str]) -> None:
    rk.k_print_tensor(np.array([1.0, 2.0]), message="values: ")
    assert capsys.readouterr().out == "values: [1. 2.]\n"


REMOVED = [r for r in K_ROWS if r.removed is not None]


def test_every_k_row_is_exercised() -> None:
    names = {r.name for r in K_ROWS if r.removed is None}
    assert len(K_ROWS) == 152
    assert names == set(CHECKS), (sorted(names - set(CHECKS)), sorted(set(CHECKS) - names))
    assert {r.name for r in REMOVED} == {"k_get_session", "k_set_session", "k_learning_phase", "k_gradients",
                                         "k_set_learning_phase", "k_manual_variable_initialization"}


@pytest.mark.parametrize("row", REMOVED, ids=lambda r: r.name)
def test_removed_k_rows_name_the_replacement(row: Row) -> None:
    with pytest.raises(RKerasError, match=rf"^{row.name}\(\): removed in Keras 3: .*(k_|fit\(\)|tf\.)"):
        getattr(rk, row.name)(1)


def test_k_rows_show_keras2_formals_that_reach_the_target() -> None:
    """Each k_* row's R formals are keras 2.x's, and each (after the row's renames) is an argument of
    the target, in the same positional order (so a Python call by position means what R's does)."""
    from rkeras.api import _keras
    from rkeras.tools.codegen.formals import DOTS, r_formals

    for row in K_ROWS:
        if row.removed is not None:
            continue
        params = inspect.signature(_keras.resolve(row.target)).parameters
        names = [row.rename.get(f.name, (f.name, False))[0] for f in r_formals(row) if f.name != DOTS]
        assert all(n in params for n in names), (row.name, names, list(params))
        positional = [p for p in params if params[p].kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                               inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        assert positional[: len(names)] == names or not positional, (row.name, names, positional)


def test_help_pages_describe_renamed_arguments(repo_root: object) -> None:
    from pathlib import Path

    page = (Path(str(repo_root)) / "man" / "k_pow.Rd").read_text(encoding="utf-8")
    assert re.search(r"\\item\{a\}\{(?!Passed to)", page), page


