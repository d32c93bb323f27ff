"""keras3's arguments that rkeras's hand-written functions take (issue 7: `args()` shows keras3's
formals), asserted on values: each argument does what keras3 documents."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import rkeras
from rkeras.errors import RKerasError


def _mlp() -> Any:
    return rkeras.keras_model_sequential(
        input_shape=4, layers=[keras.layers.Dense(3, name="a"), keras.layers.BatchNormalization(name="b"),
                               keras.layers.Dense(2, name="c")])


def _trainable(model: Any) -> list[bool]:
    return [layer.trainable for layer in model.layers]


# ---------------------------------------------------------------- model construction


def test_keras_model_sequential_input_arguments_make_the_input_layer() -> None:
    model = rkeras.keras_model_sequential(input_batch_shape=[7, 5], input_name="pixels",
                                          input_dtype="float16", layers=[keras.layers.Dense(2)])
    assert model.inputs[0].shape == (7, 5)
    assert model.inputs[0].dtype == "float16"
    assert model.inputs[0].name == "pixels"
    model = rkeras.keras_model_sequential(input_shape=3, input_batch_size=4, layers=[keras.layers.Dense(1)],
                                          trainable=False, name="seq")
    assert model.inputs[0].shape == (4, 3) and model.name == "seq" and model.trainable is False
    # `...` goes to the InputLayer
    model = rkeras.keras_model_sequential(input_shape=3, layers=[keras.layers.Dense(1)], sparse=True)
    assert model.inputs[0].sparse is True
    with pytest.raises(RKerasError, match=r"keras_model_sequential\(\): the input layer needs `input_shape`"):
        rkeras.keras_model_sequential(input_dtype="int32")
    with pytest.raises(RKerasError, match=r"keras_model_sequential\(\): `colour` must be an argument of the"):
        rkeras.keras_model_sequential(input_shape=3, colour="red")


def test_keras_model_name_through_dots_and_keras_input_tensor_and_optional() -> None:
    x = rkeras.keras_input(shape=3, name="x")
    y = rkeras.layer_dense(x, units=2)
    model = rkeras.keras_model(x, y, name="functional_one")
    assert model.name == "functional_one"
    out = model.predict(np.ones((2, 3), "float32"), verbose=0)
    assert out.shape == (2, 2)
    optional = rkeras.keras_input(shape=3, optional=True)
    assert optional._keras_history[0].optional is True
    existing = keras.Input(batch_shape=(2, 6), name="existing")
    wrapped = rkeras.keras_input(tensor=existing)
    assert tuple(wrapped.shape) == (2, 6) and wrapped is existing
    with pytest.raises(RKerasError, match=r"keras_input\(\): `shape` must be a shape"):
        rkeras.keras_input()


def test_clone_model_call_function_and_recursive() -> None:
    x_in = keras.Input((4,))
    model = keras.Model(x_in, keras.layers.Dense(2, name="c")(
        keras.layers.BatchNormalization(name="b")(keras.layers.Dense(3, name="a")(x_in))))
    calls: list[str] = []

    def call_function(layer: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(layer.name)
        return layer(*args, **kwargs)

    clone = rkeras.clone_model(model, call_function=call_function)
    assert calls == ["a", "b", "c"]
    x = np.random.default_rng(0).random((3, 4)).astype("float32")
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(clone.predict(x, verbose=0), model.predict(x, verbose=0), rtol=1e-6)
    outer = rkeras.keras_model_sequential(input_shape=4, layers=[_mlp()])
    renamed = rkeras.clone_model(outer, clone_function=lambda layer: layer.__class__.from_config(
        {**layer.get_config(), "name": layer.name + "_x"}), recursive=True)
    assert [layer.name for layer in renamed.layers[0].layers] == ["a_x", "b_x", "c_x"]
    with pytest.raises(RKerasError, match=r"clone_model\(\): `recursive` must be TRUE or FALSE"):
        rkeras.clone_model(model, recursive="yes")


def test_test_on_batch_return_dict_through_dots() -> None:
    model = _mlp()
    rkeras.compile(model, optimizer="sgd", loss="mse", metrics="mae")
    x, y = np.ones((4, 4), "float32"), np.zeros((4, 2), "float32")
    named = rkeras.test_on_batch(model, x, y)
    values = rkeras.test_on_batch(model, x, y, return_dict=False)
    assert list(named) == ["loss", "mae"]
    np.testing.assert_allclose([named["loss"], named["mae"]], values, rtol=1e-6)


# ---------------------------------------------------------------- surgery and weights


def test_pop_layer_rebuild() -> None:
    model = _mlp()
    rkeras.pop_layer(model)
    assert model.built and model.outputs[0].shape == (None, 3)  # rebuilt: the new last layer's output
    model = _mlp()
    rkeras.pop_layer(model, rebuild=False)
    assert [layer.name for layer in model.layers] == ["a", "b"]
    assert not model.built  # built again when next used
    with pytest.raises(RKerasError, match=r"pop_layer\(\): `rebuild` must be TRUE or FALSE"):
        rkeras.pop_layer(model, rebuild="no")


def test_get_weights_trainable_na_true_false() -> None:
    model = _mlp()
    every = rkeras.get_weights(model)
    assert len(every) == 8  # a: 2, b: gamma, beta, moving mean, moving variance; c: 2
    trainable = rkeras.get_weights(model, trainable=True)
    frozen = rkeras.get_weights(model, trainable=False)
    assert [w.shape for w in trainable] == [tuple(v.shape) for v in model.trainable_weights]
    assert [w.shape for w in frozen] == [(3,), (3,)]
    np.testing.assert_array_equal(frozen[1], np.ones(3))  # the moving variance starts at 1
    assert len(rkeras.get_weights(model, trainable=math.nan)) == 8  # R's NA
    with pytest.raises(RKerasError, match=r"get_weights\(\): `trainable` must be NA, TRUE or FALSE"):
        rkeras.get_weights(model, trainable="all")


# `trainable`: the layers' trainable flags after freeze_weights(which =); unfreeze_weights(which =)
# gives the opposite (keras3: the layers not chosen get the opposite value)
@pytest.mark.parametrize(("which", "trainable"), [
    ("b", [True, False, True]),
    (["a", "c"], [False, True, False]),
    (-1, [True, True, False]),
    ([1, 2], [False, False, True]),
    ([True, False, True], [False, True, False]),
])
def test_freeze_weights_which(which: Any, trainable: list[bool]) -> None:
    model = _mlp()
    rkeras.freeze_weights(model, which=which)
    assert model.trainable is True
    assert _trainable(model) == trainable
    rkeras.unfreeze_weights(model, which=which)
    assert _trainable(model) == [not t for t in trainable]


def test_freeze_weights_which_function_layer_and_errors() -> None:
    model = _mlp()
    rkeras.freeze_weights(model, which=lambda layer: isinstance(layer, keras.layers.BatchNormalization))
    assert _trainable(model) == [True, False, True]
    rkeras.freeze_weights(model, which=model.layers[0])
    assert _trainable(model) == [False, True, True]
    rkeras.freeze_weights(model, from_=model.layers[1])
    assert _trainable(model) == [True, False, False]
    with pytest.raises(RKerasError, match=r"freeze_weights\(\): give either `which` or `from`/`to`"):
        rkeras.freeze_weights(model, from_=1, which="a")
    with pytest.raises(RKerasError, match=r"`which` must be a logical vector of length 3"):
        rkeras.freeze_weights(model, which=[True, False])
    with pytest.raises(RKerasError, match=r"`which` must be a layer name or 1-based index"):
        rkeras.freeze_weights(model, which="nope")
    with pytest.raises(RKerasError, match=r"`which` must be 1-based layer positions"):
        rkeras.freeze_weights(model, which=0)
    with pytest.raises(RKerasError, match=r"`which` must be a function returning TRUE or FALSE"):
        rkeras.freeze_weights(model, which=lambda layer: "yes")


# ---------------------------------------------------------------- saving


def _wide() -> Any:
    layers = [keras.layers.Dense(200), keras.layers.Dense(300)]
    return rkeras.keras_model_sequential(input_shape=100, layers=layers)


def test_save_model_weights_max_shard_size_and_load(tmp_path: Path) -> None:
    model = _wide()
    target = tmp_path / "w.weights.json"
    rkeras.save_model_weights(model, str(target), max_shard_size=0.0003)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == "w.weights.json" and len(names) >= 2
    assert all(n.startswith("w_0000") and n.endswith(".weights.h5") for n in names[1:])
    index = json.loads(target.read_text())
    assert set(sum(index["weight_map"].values(), [])) == set(names[1:])  # the shards' real names
    other = _wide()
    rkeras.load_model_weights(other, str(target))
    for a, b in zip(model.get_weights(), other.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(RKerasError, match=r"already exists; pass overwrite = TRUE"):
        rkeras.save_model_weights(model, str(target), max_shard_size=0.0003)
    rkeras.save_model_weights(model, str(target), overwrite=True, max_shard_size=0.0003)
    assert not [p for p in tmp_path.iterdir() if "partial" in p.name]
    with pytest.raises(RKerasError, match=r"`filepath` must be a path ending in .weights.json"):
        rkeras.save_model_weights(model, str(tmp_path / "x.weights.h5"), max_shard_size=1)
    with pytest.raises(RKerasError, match=r"`max_shard_size` must be a positive number of gigabytes"):
        rkeras.save_model_weights(model, str(tmp_path / "y.weights.json"), max_shard_size=0)


def test_save_model_dots_and_load_model_weights_dots(tmp_path: Path) -> None:
    model = _mlp()
    path = tmp_path / "m.keras"
    with pytest.raises(RKerasError) as err:  # `...` reaches keras.saving.save_model (which refuses it)
        rkeras.save_model(model, str(path), colour="red")
    assert "colour" in str(err.value)
    assert not path.exists()
    weights = tmp_path / "m.weights.h5"
    rkeras.save_model_weights(model, str(weights))
    other = _mlp()
    # objects_to_skip: Keras leaves those layers' weights as they are
    before = other.layers[2].get_weights()
    rkeras.load_model_weights(other, str(weights), objects_to_skip=[other.layers[2]])
    np.testing.assert_array_equal(other.layers[0].get_weights()[0], model.layers[0].get_weights()[0])
    np.testing.assert_array_equal(other.layers[2].get_weights()[0], before[0])


# ---------------------------------------------------------------- callbacks


def test_callback_lambda_named_hooks_and_dots() -> None:
    seen: list[Any] = []
    cb = rkeras.callback_lambda(
        on_epoch_end=lambda epoch, logs: seen.append(("epoch", epoch)),
        on_test_begin=lambda logs: seen.append("test"),
        on_batch_end=lambda batch, logs: seen.append(("batch", batch)),
        on_predict_batch_begin=lambda batch, logs: seen.append(("predict", batch)),
    )
    model = _mlp()
    rkeras.compile(model, optimizer="sgd", loss="mse")
    x, y = np.ones((4, 4), "float32"), np.zeros((4, 2), "float32")
    rkeras.fit(model, x, y, epochs=2, batch_size=2, verbose=0, callbacks=[cb], validation_data=[x, y])
    assert seen == [("batch", 1), ("batch", 2), "test", ("epoch", 1), ("batch", 1), ("batch", 2), "test",
                    ("epoch", 2)]
    seen.clear()
    model.predict(x, batch_size=4, verbose=0, callbacks=[cb])
    assert seen == [("predict", 1)]
    with pytest.raises(RKerasError, match=r"callback_lambda\(\): unknown hook `on_lunch`"):
        rkeras.callback_lambda(on_lunch=print)
    with pytest.raises(RKerasError, match=r"`on_batch_end` and `on_train_batch_end` name the same hook"):
        rkeras.callback_lambda(on_train_batch_end=print, on_batch_end=print)


# ---------------------------------------------------------------- environment


def test_install_keras_answers_its_arguments(capsys: Any) -> None:
    rkeras.install_keras(envname="mine", backend=["tensorflow", "torch"],
                         extra_packages=["numpy", "no-such-pkg"], gpu=True, restart_session=False,
                         method="conda")
    out = capsys.readouterr().out
    assert f"keras {keras.__version__}" in out and "nothing to install" in out
    assert "Backends installed: tensorflow" in out
    import importlib.util

    assert ("not installed: torch" in out) == (importlib.util.find_spec("torch") is None)
    assert "Extra packages not installed: no-such-pkg." in out
    rkeras.install_keras(gpu=math.nan)  # R's NA
    with pytest.raises(RKerasError, match=r"install_keras\(\): `backend` must be among"):
        rkeras.install_keras(backend="theano")
    with pytest.raises(RKerasError, match=r"install_keras\(\): `gpu` must be TRUE, FALSE or NA"):
        rkeras.install_keras(gpu="yes")


def test_use_backend_gpu_na() -> None:
    from rkeras.api import _keras

    loaded = _keras.loaded_backend() or keras.config.backend()
    assert rkeras.use_backend(loaded, gpu=math.nan) == loaded


# ---------------------------------------------------------------- keras3's defaults and layouts


@pytest.mark.parametrize(("fn", "name"), [
    ("optimizer_sgd", "SGD"), ("optimizer_rmsprop", "rmsprop"), ("optimizer_adam_w", "adamw"),
    ("optimizer_adam", "adam"), ("optimizer_lamb", "lamb"), ("optimizer_muon", "muon"),
])
def test_optimizers_take_keras3s_default_name(fn: str, name: str) -> None:
    optimizer = getattr(rkeras, fn)()
    assert optimizer.name == name
    assert getattr(rkeras, fn)(name="mine").name == "mine"
    model = _mlp()
    rkeras.compile(model, optimizer=getattr(rkeras, fn)(), loss="mse")
    assert model.optimizer.name == name


def test_arguments_after_dots_reach_keras() -> None:
    adam = rkeras.optimizer_adam(loss_scale_factor=4.0, gradient_accumulation_steps=2)
    assert adam.loss_scale_factor == 4.0 and adam.gradient_accumulation_steps == 2
    scaled = rkeras.optimizer_loss_scale(rkeras.optimizer_sgd(), initial_scale=8, name="scaled")
    assert scaled.name == "scaled" and scaled.initial_scale == 8
    with pytest.raises(RKerasError, match="LossScaleOptimizer does not support `weight_decay`"):
        rkeras.optimizer_loss_scale(rkeras.optimizer_sgd(), weight_decay=0.1)
    assert rkeras.layer_conv_lstm_1d(filters=2, kernel_size=3, unroll=True).unroll is True
    assert rkeras.layer_resizing(height=2, width=3, antialias=True).antialias is True
    with pytest.raises(RKerasError, match="application_efficientnet_b0"):
        rkeras.application_efficientnet_b0(weights=None, colour="red")


def test_whole_doubles_where_keras3_writes_them() -> None:
    feature = rkeras.feature_integer_categorical(num_oov_indices=2.0)
    assert feature.preprocessor.num_oov_indices == 2 and type(feature.preprocessor.num_oov_indices) is int
    with pytest.raises(RKerasError, match="num_oov_indices"):
        rkeras.feature_string_categorical(num_oov_indices=1.5)
