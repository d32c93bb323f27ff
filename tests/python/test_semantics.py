"""keras3's R semantics in the Python API: converters chosen by target pattern, 1-based axes,
merge-layer call forms, R-only arguments (zero_indexed) and result transforms, whole doubles,
shapes with NA, config round trips, set_random_seed, unknown arguments.

Every value is checked against Keras or numpy computing the same thing."""

from __future__ import annotations

import inspect
import math
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras.api import args as A
from rkeras.api import environment
from rkeras.api.build import RFunction
from rkeras.errors import RKerasError
from rkeras.spec import Row, rows_by_name

RNG = np.random.default_rng(7)


def _floats(*shape: int) -> np.ndarray:
    return RNG.random(shape).astype("float32")


# --------------------------------------------------------------------------- converters


def test_as_axis_is_keras3s_rule() -> None:
    assert A.as_axis(1, fn="f", arg="axis") == 0
    assert A.as_axis(3.0, fn="f", arg="axis") == 2  # R's double
    assert A.as_axis(-1, fn="f", arg="axis") == -1  # negative unchanged
    assert A.as_axis(-2.0, fn="f", arg="axis") == -2
    assert A.as_axis(None, fn="f", arg="axis") is None
    assert A.as_axis([2, 3], fn="f", arg="axis") == (1, 2)  # element-wise, a tuple
    assert A.as_axis(np.array([1, -1]), fn="f", arg="axis") == (0, -1)
    with pytest.raises(RKerasError, match=r"^f\(\): `axis` is 1-based: use 1 for the first axis"):
        A.as_axis(0, fn="f", arg="axis")
    with pytest.raises(RKerasError, match=r"^f\(\): `axes` must be a whole number"):
        A.as_axis(1.5, fn="f", arg="axes")


def test_as_py_index_and_whole_numbers() -> None:
    assert A.as_py_index(1, fn="f", arg="i") == 0
    assert A.as_py_index(0, fn="f", arg="i") == 0  # zero and negative pass through
    assert A.as_py_index(-1.0, fn="f", arg="i") == -1
    assert A.as_py_index([1, 3], fn="f", arg="i") == (0, 2)
    assert A.as_whole(np.float64(4.0), fn="f", arg="n") == 4
    assert A.as_whole(np.array(5.0), fn="f", arg="n") == 5
    for bad in (2.5, math.nan, True, "3"):
        with pytest.raises(RKerasError, match="`n` must be a whole number"):
            A.as_whole(bad, fn="f", arg="n")
    assert A.is_na(None) and A.is_na(math.nan) and A.is_na(np.float32("nan"))
    assert not A.is_na(0) and not A.is_na("NA")


def _conv(name: str, arg: str) -> str | None:
    fn = getattr(rkeras, name)
    return A.converter_for(fn.row, arg, fn.target_signature.parameters.get(arg))


def test_converters_come_from_target_patterns_columns_and_defaults() -> None:
    # keras.layers.*: every layer gets keras3's create_layer converters
    assert _conv("layer_flatten", "input_shape") == "shape"
    assert _conv("layer_flatten", "batch_size") == "int"
    assert _conv("layer_dense", "units") == "strict_int"
    # per-layer axes
    assert _conv("layer_concatenate", "axis") == "axis"
    assert _conv("layer_dot", "axes") == "axis"
    assert _conv("layer_batch_normalization", "axis") == "axis"
    assert _conv("layer_activation_parametric_relu", "shared_axes") == "axis"
    # a more specific glob wins over keras.layers.*
    assert _conv("layer_lambda", "output_shape") == "shape"
    assert _conv("layer_random_posterization", "factor") == "int"
    assert _conv("layer_random_brightness", "factor") is None  # a real number there
    # keras.ops.* / keras.activations.* / keras.constraints.*
    assert _conv("op_argmax", "axis") == "axis"
    assert _conv("activation_softmax", "axis") == "axis"
    assert _conv("constraint_maxnorm", "axis") == "axis"
    # kerasR passes axes raw: the index-base rules skip its rows
    assert _conv("BatchNormalization", "axis") == "whole"
    assert _conv("max_norm", "axis") == "whole"
    # the row's column beats the rules; inference from an int Keras default otherwise
    assert _conv("keras_model_sequential", "input_shape") == "raw"
    assert _conv("get_layer", "index") == "index1"
    assert _conv("callback_early_stopping", "min_delta") == "whole"  # Keras default 0: stays a number
    assert _conv("layer_dense", "use_bias") == "flag"  # a bool default: TRUE/FALSE only
    assert _conv("layer_dropout", "rate") == "number"  # keras.layers.* rule (no Keras default)
    assert _conv("optimizer_adam", "beta_1") == "number"  # a float default
    assert _conv("callback_csv_logger", "filename") == "path"
    assert _conv("layer_dense", "name") is None


def test_every_converter_named_anywhere_exists() -> None:
    from rkeras.spec import all_rows
    from rkeras.spec.converters import rules

    named = {c for _, _, c in rules()} | {c for row in all_rows() for c in row.convert.values()}
    assert named <= set(A.CONVERTERS), named - set(A.CONVERTERS)
    assert {row.result for row in all_rows() if row.result} <= set(A.RESULTS)


# --------------------------------------------------------------------------- 1-based layer axes


def test_layer_concatenate_axis_is_1_based() -> None:
    a, b = _floats(2, 3, 4), _floats(2, 3, 4)
    out = rkeras.layer_concatenate(a, b, axis=2)  # R's axis 2 = Keras axis 1
    np.testing.assert_allclose(np.asarray(out), np.concatenate([a, b], axis=1))
    assert rkeras.layer_concatenate(axis=2).layer.axis == 1
    assert rkeras.layer_concatenate(axis=-1).layer.axis == -1  # negative passes through
    np.testing.assert_allclose(np.asarray(rkeras.layer_concatenate(a, b)), np.concatenate([a, b], axis=-1))
    with pytest.raises(RKerasError, match=r"^layer_concatenate\(\): `axis` is 1-based"):
        rkeras.layer_concatenate(axis=0)


def test_layer_dot_axes_are_1_based() -> None:
    a, b = _floats(2, 4), _floats(2, 4)
    out = rkeras.layer_dot(a, b, axes=2)  # R's axes 2 = Keras 1: the row-wise dot product
    np.testing.assert_allclose(np.asarray(out), (a * b).sum(axis=1, keepdims=True), rtol=1e-6)
    assert rkeras.layer_dot(axes=[2, 2]).layer.axes == (1, 1)


def test_normalization_and_softmax_axes_are_1_based() -> None:
    x = _floats(3, 5)
    for name in ("layer_batch_normalization", "layer_layer_normalization", "layer_unit_normalization",
                 "layer_group_normalization", "layer_rms_normalization"):
        extra = {"groups": 1} if name == "layer_group_normalization" else {}
        layer = getattr(rkeras, name)(axis=2, **extra).layer
        assert layer.axis in (1, [1], (1,)), (name, layer.axis)
    # softmax over R's axis 1 (the batch axis) vs numpy
    out = np.asarray(rkeras.layer_activation_softmax(x, axis=1))
    e = np.exp(x - x.max(axis=0))
    np.testing.assert_allclose(out, e / e.sum(axis=0), rtol=1e-5)
    out = np.asarray(rkeras.layer_unit_normalization(x, axis=2))
    np.testing.assert_allclose(out, x / np.linalg.norm(x, axis=1, keepdims=True), rtol=1e-5)
    prelu = rkeras.layer_activation_parametric_relu(shared_axes=[2, 3]).layer
    assert tuple(prelu.shared_axes) == (1, 2)
    assert rkeras.layer_layer_normalization(axis=[2, 3]).layer.axis == [1, 2]


# --------------------------------------------------------------------------- merge-layer call forms


def test_merge_layers_take_keras3s_call_forms() -> None:
    a, b, c = _floats(2, 3), _floats(2, 3), _floats(2, 3)
    np.testing.assert_allclose(np.asarray(rkeras.layer_add(a, b)), a + b)
    np.testing.assert_allclose(np.asarray(rkeras.layer_add([a, b, c])), a + b + c)
    np.testing.assert_allclose(np.asarray(rkeras.layer_concatenate(a, b, c)), np.concatenate([a, b, c], -1))
    # inputs= by name (keras3's formal), the others unnamed: `a |> layer_concatenate(b)` in R
    np.testing.assert_allclose(np.asarray(rkeras.layer_concatenate(b, inputs=a)), np.concatenate([a, b], -1))
    np.testing.assert_allclose(np.asarray(rkeras.layer_concatenate(inputs=[a, b], axis=1)),
                               np.concatenate([a, b], 0))
    np.testing.assert_allclose(np.asarray(rkeras.layer_subtract(b, object=a)), a - b)  # today's R wrappers
    # no tensors: the layer (a stage), usable in a pipe
    stage = rkeras.layer_multiply()
    assert isinstance(stage, rkeras.LayerStage) and type(stage.layer).__name__ == "Multiply"
    np.testing.assert_allclose(np.asarray([a, b] | stage), a * b)
    assert list(inspect.signature(rkeras.layer_concatenate).parameters)[:2] == ["inputs", "args"]


def test_merge_layers_in_a_functional_model() -> None:
    x1 = rkeras.keras_input(shape=3)
    x2 = rkeras.keras_input(shape=3)
    out = rkeras.layer_concatenate(x1, x2) | rkeras.layer_dense(units=1, use_bias=False)
    model = rkeras.keras_model([x1, x2], out)
    a, b = _floats(4, 3), _floats(4, 3)
    kernel = np.asarray(model.layers[-1].kernel)
    np.testing.assert_allclose(model.predict([a, b], verbose=0), np.concatenate([a, b], -1) @ kernel,
                               rtol=1e-5)


def test_layer_lambda_takes_f() -> None:
    x = _floats(2, 3)
    np.testing.assert_allclose(np.asarray(rkeras.layer_lambda(x, f=lambda t: t * 2)), x * 2)
    np.testing.assert_allclose(np.asarray(rkeras.layer_lambda(x, lambda t: t + 1)), x + 1)  # positional
    assert rkeras.layer_lambda(f=abs).layer.function is abs


# --------------------------------------------------------------------------- whole doubles


def test_whole_doubles_become_ints_where_keras_wants_ints() -> None:
    enc = rkeras.layer_category_encoding(num_tokens=4.0, output_mode="one_hot").layer
    assert enc.num_tokens == 4 and isinstance(enc.num_tokens, int)
    import keras

    x = np.array([0, 3, 1])
    np.testing.assert_array_equal(np.asarray(enc(x)),
                                  np.asarray(keras.layers.CategoryEncoding(4, output_mode="one_hot")(x)))
    assert rkeras.layer_hashing(num_bins=3.0).layer.num_bins == 3
    assert rkeras.layer_random_crop(height=2.0, width=3.0).layer.height == 2
    emb = rkeras.layer_embedding(input_dim=10.0, output_dim=4.0).layer
    assert (emb.input_dim, emb.output_dim) == (10, 4)
    assert rkeras.layer_upsampling_1d(size=2.0).layer.size == 2
    assert rkeras.layer_conv_2d(filters=2.0, kernel_size=[3.0, 3.0]).layer.kernel_size == (3, 3)
    stop = rkeras.callback_early_stopping(patience=2.0, min_delta=0.01)
    assert stop.patience == 2 and isinstance(stop.patience, int) and stop.min_delta == 0.01
    assert rkeras.metric_mean_iou(num_classes=3.0).num_classes == 3
    with pytest.raises(RKerasError, match=r"^layer_dense\(\): `units` must be a whole number, got 2.5"):
        rkeras.layer_dense(units=2.5)


# --------------------------------------------------------------------------- R-only arguments, results


def test_op_argmax_returns_1_based_indices_unless_zero_indexed() -> None:
    x = _floats(3, 5)
    np.testing.assert_array_equal(np.asarray(rkeras.op_argmax(x, axis=2)), x.argmax(axis=1) + 1)
    np.testing.assert_array_equal(np.asarray(rkeras.op_argmax(x, axis=1)), x.argmax(axis=0) + 1)
    zero = rkeras.op_argmax(x, axis=2, zero_indexed=True)
    np.testing.assert_array_equal(np.asarray(zero), x.argmax(axis=1))
    np.testing.assert_array_equal(np.asarray(rkeras.op_argmin(x, axis=-1, keepdims=True)),
                                  x.argmin(axis=-1)[:, None] + 1)
    assert int(np.asarray(rkeras.op_argmax(np.array([1.0, 5.0, 2.0])))) == 2
    params = inspect.signature(rkeras.op_argmax).parameters
    assert params["zero_indexed"].default is False
    assert params["zero_indexed"].kind is inspect.Parameter.KEYWORD_ONLY
    with pytest.raises(RKerasError, match=r"^op_argmax\(\): `zero_indexed` must be TRUE or FALSE"):
        rkeras.op_argmax(x, zero_indexed="yes")
    with pytest.raises(RKerasError, match=r"unknown argument `zero_index`; arguments are: .*zero_indexed"):
        rkeras.op_argmax(x, zero_index=True)


def test_op_take_indices_are_1_based_unless_zero_indexed() -> None:
    x = np.arange(10.0, 16.0)
    np.testing.assert_array_equal(np.asarray(rkeras.op_take(x, [1.0, 3.0])), x[[0, 2]])
    np.testing.assert_array_equal(np.asarray(rkeras.op_take(x, [1, 3], zero_indexed=True)), x[[1, 3]])
    m = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(np.asarray(rkeras.op_take(m, 2, axis=2)), m[:, 1])  # axis too is 1-based
    assert rows_by_name()["op_take"].flavour == "keras3"


def test_a_row_with_r_only_args_and_a_result_transform() -> None:
    # The builder's rule on any row: zero_indexed turns off both py_index arguments and "index1".
    row = Row("op_top_k_indices_test", "keras.ops.argsort", "op", "function", convert={},
              r_args={"zero_indexed": False}, result="index1")
    fn = RFunction(row)
    x = np.array([[3.0, 1.0, 2.0]])
    np.testing.assert_array_equal(np.asarray(fn(x)), np.argsort(x, axis=-1) + 1)
    np.testing.assert_array_equal(np.asarray(fn(x, zero_indexed=True)), np.argsort(x, axis=-1))
    with pytest.raises(ValueError, match="unknown R-only argument 'one_based'"):
        Row("bad", "keras.ops.argsort", "op", "function", r_args={"one_based": True})


# --------------------------------------------------------------------------- shapes, configs, seeds


@pytest.mark.parametrize(
    ("shape", "expected"),
    [(math.nan, (None,)), ([math.nan], (None,)), ([None, 3], (None, 3)), ([math.nan, 3.0], (None, 3)),
     (3.0, (3,)), ([28, 28], (28, 28))],
)
def test_keras_input_shape_with_na(shape: Any, expected: tuple[Any, ...]) -> None:
    # R's NA alone arrives as NaN (rkeras.host.convert); inside a vector as None
    x = rkeras.keras_input(shape=shape)
    assert tuple(x.shape) == (None, *expected)
    assert tuple(rkeras.layer_input(shape=shape).shape) == (None, *expected)


def test_keras_model_sequential_input_batch_shape() -> None:
    model = rkeras.keras_model_sequential(input_batch_shape=[math.nan, 3.0]) | rkeras.layer_dense(units=2)
    assert tuple(model.input_shape) == (None, 3)


def test_from_config_of_get_config_round_trips() -> None:
    model = rkeras.keras_model_sequential(input_shape=4) | rkeras.layer_dense(units=3) \
        | rkeras.layer_dense(units=1)
    clone = rkeras.from_config(rkeras.get_config(model))
    assert type(clone) is type(model)
    assert [type(layer) for layer in clone.layers] == [type(layer) for layer in model.layers]
    assert clone.get_config() == model.get_config()
    layer = rkeras.layer_dense(units=5, activation="relu").layer
    again = rkeras.from_config(rkeras.get_config(layer))
    assert type(again) is type(layer) and again.get_config() == layer.get_config()


def test_set_random_seed_seeds_the_hook_and_keras() -> None:
    seen: list[int] = []
    environment.set_seed_hook(seen.append)
    try:
        rkeras.set_random_seed(42.0)
        first = np.random.rand(3)
        rkeras.set_random_seed(42)
        np.testing.assert_array_equal(np.random.rand(3), first)
    finally:
        environment.set_seed_hook(None)
    assert seen == [42, 42] and all(type(s) is int for s in seen)
    with pytest.raises(RKerasError, match=r"^set_random_seed\(\): `seed` must be a whole number"):
        rkeras.set_random_seed(1.5)


def test_unknown_argument_is_named() -> None:
    with pytest.raises(RKerasError, match=r"^layer_dense\(\): unknown argument `unitz` \(did you mean `u"):
        rkeras.layer_dense(unitz=2)
    with pytest.raises(RKerasError, match=r"^layer_dense\(\): .*activaton"):
        rkeras.layer_dense(units=2, activaton="relu")  # Keras's own message names it
    with pytest.raises(RKerasError, match=r"^normalize\(\): unknown argument `axes`; arguments are: x, axis"):
        rkeras.normalize(np.ones(2), axes=1)
    with pytest.raises(RKerasError, match=r"unknown argument `inputz`"):
        rkeras.layer_concatenate(inputz=1)
