"""R semantics of the Python API, asserted on values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras import (
    Stage,
    compile,
    count_params,
    evaluate,
    fit,
    freeze_weights,
    get_config,
    get_layer,
    get_weights,
    keras_input,
    keras_model,
    keras_model_sequential,
    layer_dense,
    layer_dropout,
    load_model,
    load_model_hdf5,
    load_model_weights,
    load_model_weights_hdf5,
    model_from_json,
    model_sequential,
    model_to_json,
    optimizer_rmsprop,
    optimizer_sgd,
    pipe,
    pop_layer,
    predict,
    predict_classes,
    predict_proba,
    save_model,
    save_model_hdf5,
    save_model_weights,
    save_model_weights_hdf5,
    set_weights,
    summary,
    unfreeze_weights,
)
from rkeras.api.history import as_data_frame, plot


def seed_mlp() -> Any:
    model = keras_model_sequential(input_shape=784)
    (
        model
        | layer_dense(units=256, activation="relu")
        | layer_dropout(rate=0.4)
        | layer_dense(units=128, activation="relu")
        | layer_dropout(rate=0.3)
        | layer_dense(units=10, activation="softmax")
    )
    return model


@pytest.fixture
def small_model() -> Any:
    model = (
        keras_model_sequential(input_shape=4)
        | layer_dense(units=8, activation="relu")
        | layer_dense(units=3, activation="softmax")
    )
    return model | compile(loss="categorical_crossentropy", optimizer="adam", metrics="accuracy")


@pytest.fixture
def toy_data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    x = rng.random((64, 4))
    labels = (x[:, 0] * 3).astype(int).clip(0, 2)
    return x, rkeras.to_categorical(labels, 3)


# ---------------------------------------------------------------- compose rule and pipe


def test_pipe_mutates_sequential_in_place_and_returns_it() -> None:
    model = keras_model_sequential(input_shape=784)
    out = model | layer_dense(units=32) | layer_dense(units=10)
    assert out is model
    assert len(model.layers) == 2
    assert model.output_shape == (None, 10)


def test_layer_with_model_first_adds_and_returns_model() -> None:
    model = keras_model_sequential()
    assert layer_dense(model, units=4, input_shape=3) is model  # keras 2.x style input_shape
    assert model.input_shape == (None, 3)
    layer_dense(model, 2)
    assert [layer.units for layer in model.layers] == [4, 2]


def test_layer_without_object_is_a_stage_usable_as_a_layer() -> None:
    stage = layer_dense(units=5, activation="relu")
    assert isinstance(stage, Stage)
    assert stage.units == 5  # attributes reach the layer
    out = stage(np.ones((2, 3), dtype="float32"))
    assert tuple(out.shape) == (2, 5)
    model = keras_model_sequential(input_shape=3, layers=[layer_dense(units=2), layer_dense(units=1)])
    assert [layer.units for layer in model.layers] == [2, 1]


def test_layer_applied_to_tensor_gives_tensor() -> None:
    inp = keras_input(shape=32)
    out = inp | layer_dense(units=16)
    assert tuple(out.shape) == (None, 16)
    out2 = layer_dense(inp, units=8)
    model = keras_model(inp, [out, out2])
    assert [tuple(o.shape) for o in model.outputs] == [(None, 16), (None, 8)]


def test_ndarray_pipe_runs_stage_once_not_per_element() -> None:
    calls = []

    def record(x: Any) -> Any:
        calls.append(x)
        return x.sum()

    stage = Stage(record, (), {})
    result = np.arange(6).reshape(2, 3) | stage
    assert result == 15 and len(calls) == 1
    out = np.ones((2, 3), dtype="float32") | layer_dense(units=4)
    assert tuple(out.shape) == (2, 4)


def test_pipe_function_and_verbs_as_stages(small_model: Any, toy_data: Any) -> None:
    x, y = toy_data
    history = pipe(small_model, fit(x, y, epochs=2, verbose=0))
    assert history.params["epochs"] == 2
    assert isinstance(compile(loss="mse"), Stage)


def test_model_sequential_alias_and_keras2_layers_positional() -> None:
    model = model_sequential([layer_dense(units=3, input_shape=2), layer_dense(units=1)])
    assert model.output_shape == (None, 1) and len(model.layers) == 2


def test_whole_floats_become_ints_and_shapes_normalise() -> None:
    model = (
        keras_model_sequential(input_shape=[28.0, 28.0]) | rkeras.layer_flatten() | layer_dense(units=64.0)
    )
    assert model.input_shape == (None, 28, 28)
    assert model.layers[-1].units == 64 and isinstance(model.layers[-1].units, int)
    inp = keras_input(shape=(None, float("nan"), 3))
    assert tuple(inp.shape) == (None, None, None, 3)
    conv = rkeras.layer_conv_2d(filters=4.0, kernel_size=[3.0, 3.0])
    assert conv.kernel_size == (3, 3) and conv.filters == 4


# ---------------------------------------------------------------- training, history


def test_fit_history_params_metrics_print_table_and_plot(
    small_model: Any, toy_data: Any, tmp_path: Path
) -> None:
    x, y = toy_data
    history = small_model | fit(x, y, epochs=3, batch_size=16, validation_split=0.25, verbose=0)
    assert history.params["epochs"] == 3 and history.params["steps"] == 3
    assert set(history.metrics) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert all(len(v) == 3 for v in history.metrics.values())
    text = repr(history)
    assert text.startswith("Final epoch (plot to see history):")
    assert f"loss: {history.metrics['loss'][-1]:.4g}" in text
    frame = as_data_frame(history)
    assert list(frame.columns) == ["epoch", "value", "metric", "data"]
    assert len(frame) == 12
    assert list(frame["metric"].cat.categories) == ["accuracy", "loss"]  # Keras order
    val = frame[(frame.metric == "accuracy") & (frame.data == "validation")]
    assert list(val.epoch) == [1, 2, 3]
    assert list(val.value) == pytest.approx(history.metrics["val_accuracy"])
    fig = plot(history)
    assert len(fig.axes) == 2
    fig.savefig(tmp_path / "h.png")
    assert (tmp_path / "h.png").stat().st_size > 1000


def test_evaluate_returns_named_dict(small_model: Any, toy_data: Any) -> None:
    x, y = toy_data
    result = evaluate(small_model, x, y, verbose=0)
    assert set(result) == {"loss", "accuracy"}
    assert 0 <= result["accuracy"] <= 1


def test_initial_epoch_is_one_based(small_model: Any, toy_data: Any) -> None:
    x, y = toy_data
    history = fit(small_model, x, y, epochs=3, initial_epoch=2, verbose=0)
    assert len(history.metrics["loss"]) == 2


def test_predict_classes_keras2_rule(small_model: Any, toy_data: Any) -> None:
    x, _ = toy_data
    with pytest.warns(FutureWarning, match="predict_classes"):
        classes = predict_classes(small_model, x)
    probs = predict(small_model, x, verbose=0)
    assert classes.tolist() == probs.argmax(axis=1).tolist()  # 0-based
    assert set(classes.tolist()) <= {0, 1, 2}
    binary = keras_model_sequential(input_shape=4) | layer_dense(units=1, activation="sigmoid")
    with pytest.warns(FutureWarning):
        b = predict_classes(binary, x)
    p = predict(binary, x, verbose=0)
    assert b.shape == (64, 1) and b.dtype == np.int32
    assert (b == (p > 0.5)).all()
    with pytest.warns(FutureWarning, match="predict_proba"):
        assert np.allclose(predict_proba(binary, x), p)


def test_train_and_test_on_batch(small_model: Any, toy_data: Any) -> None:
    x, y = toy_data
    out = rkeras.train_on_batch(small_model, x, y)
    assert set(out) == {"loss", "accuracy"}
    out = rkeras.test_on_batch(small_model, x, y)
    assert out["loss"] > 0
    assert rkeras.predict_on_batch(small_model, x).shape == (64, 3)


def test_callback_lambda_epochs_are_one_based(small_model: Any, toy_data: Any) -> None:
    x, y = toy_data
    seen: list[int] = []
    cb = rkeras.callback_lambda(on_epoch_end=lambda epoch, logs: seen.append(epoch))
    fit(small_model, x, y, epochs=3, verbose=0, callbacks=cb)
    assert seen == [1, 2, 3]


# ---------------------------------------------------------------- inspection and surgery


def test_summary_text_like_the_seed(capsys: Any) -> None:
    summary(seed_mlp())
    out = capsys.readouterr().out
    assert "Layer (type)" in out and "Output Shape" in out and "Param #" in out
    assert "Total params: 235,146" in out
    assert "(None, 256)" in out and "200,960" in out and "1,290" in out


def test_get_layer_is_one_based_and_by_name() -> None:
    model = seed_mlp()
    assert get_layer(model, index=1) is model.layers[0]
    assert get_layer(model, index=-1) is model.layers[-1]
    assert get_layer(model, name=model.layers[2].name) is model.layers[2]
    assert count_params(model) == 235146


def test_pop_layer_and_weights_round_trip() -> None:
    model = seed_mlp()
    pop_layer(model)
    assert len(model.layers) == 4
    weights = get_weights(model)
    assert [w.shape for w in weights][:2] == [(784, 256), (256,)]
    zeros = [np.zeros_like(w) for w in weights]
    set_weights(model, zeros)
    assert all((w == 0).all() for w in get_weights(model))
    # a weight of one element (the bias of a 1-unit Dense) comes back from R as a length-1 vector,
    # which reaches Python as a scalar
    one = keras_model_sequential(input_shape=2) | layer_dense(units=1)
    set_weights(one, [np.array([[1.0], [2.0]]), 0.5])
    kernel, bias = get_weights(one)
    assert bias.shape == (1,) and bias[0] == 0.5 and kernel[1, 0] == 2.0


def test_freeze_and_unfreeze_weights_one_based_range_and_names() -> None:
    model = seed_mlp()
    freeze_weights(model, **{"from": 1, "to": 3})
    assert [layer.trainable for layer in model.layers] == [False, False, False, True, True]
    # keras3: a range is a global operation, the layers outside it get the opposite value
    unfreeze_weights(model, from_=2, to=model.layers[2].name)
    assert [layer.trainable for layer in model.layers] == [False, True, True, False, False]
    freeze_weights(model)
    assert model.trainable is False


def test_config_and_clone_round_trip() -> None:
    model = seed_mlp()
    config = get_config(model)
    rebuilt = rkeras.from_config(config)
    assert [type(layer).__name__ for layer in rebuilt.layers] == [
        type(layer).__name__ for layer in model.layers
    ]
    clone = rkeras.clone_model(model)
    assert count_params(clone) == 235146
    layer_config = get_config(model.layers[0])
    assert rkeras.from_config(layer_config).units == 256


# ---------------------------------------------------------------- saving


def _same_predictions(a: Any, b: Any) -> None:
    x = np.random.default_rng(3).random((5, 4)).astype("float32")
    assert np.allclose(predict(a, x, verbose=0), predict(b, x, verbose=0), atol=1e-6)


def test_save_load_keras_identical_predictions_and_overwrite_refusal(
    small_model: Any, tmp_path: Path
) -> None:
    path = tmp_path / "m.keras"
    assert save_model(small_model, path) is small_model
    _same_predictions(small_model, load_model(path))
    before = path.read_bytes()
    with pytest.raises(rkeras.RKerasError, match="already exists; pass overwrite = TRUE"):
        save_model(small_model, path)
    assert path.read_bytes() == before
    save_model(small_model, path, overwrite=True)
    raw = save_model(small_model)
    assert isinstance(raw, bytes) and raw[:2] == b"PK"
    _same_predictions(small_model, load_model(raw))


def test_weights_hdf5_json_round_trips(small_model: Any, tmp_path: Path) -> None:
    save_model_weights(small_model, tmp_path / "w.weights.h5")
    other = rkeras.clone_model(small_model)
    load_model_weights(other, tmp_path / "w.weights.h5")
    _same_predictions(small_model, other)
    save_model_hdf5(small_model, tmp_path / "m.h5")
    _same_predictions(small_model, load_model_hdf5(tmp_path / "m.h5"))
    with pytest.raises(rkeras.RKerasError, match="already exists"):
        save_model_hdf5(small_model, tmp_path / "m.h5")
    save_model_weights_hdf5(small_model, tmp_path / "weights_model.h5")
    other = rkeras.clone_model(small_model)
    load_model_weights_hdf5(other, tmp_path / "weights_model.h5")
    _same_predictions(small_model, other)
    rebuilt = model_from_json(model_to_json(small_model))
    assert [layer.units for layer in rebuilt.layers] == [8, 3]


def test_optimizer_lr_alias_warns_and_sets_learning_rate() -> None:
    with pytest.warns(UserWarning, match="`lr` is deprecated"):
        opt = optimizer_sgd(lr=0.02)
    assert float(opt.learning_rate) == pytest.approx(0.02)
    assert float(optimizer_rmsprop(learning_rate=0.5).learning_rate) == pytest.approx(0.5)


def test_quick_run_caps_for_vignette_short_forms(small_model: Any, toy_data: Any, monkeypatch: Any,
                                                 shared_data: Any) -> None:
    monkeypatch.setenv("RKERAS_MAX_SAMPLES", "100")
    mnist = rkeras.dataset_mnist()
    assert mnist["train"]["x"].shape == (100, 28, 28) and mnist["test"]["y"].shape == (25,)
    monkeypatch.setenv("RKERAS_MAX_EPOCHS", "1")
    x, y = toy_data
    history = fit(small_model, x, y, epochs=5, verbose=0)
    assert len(history.metrics["loss"]) == 1
    before = int(small_model.optimizer.iterations)
    rkeras.keras_fit(small_model, x, y, epochs=5, batch_size=32, verbose=0)  # kerasR's path too
    assert int(small_model.optimizer.iterations) - before == 2  # one epoch of 64 samples
    monkeypatch.setenv("RKERAS_MAX_EPOCHS", "many")
    with pytest.raises(rkeras.RKerasError, match="RKERAS_MAX_EPOCHS must be a whole number"):
        fit(small_model, x, y, epochs=1, verbose=0)


def test_short_and_legacy_loss_names_survive_hdf5_round_trip(tmp_path: Path) -> None:
    model = keras_model_sequential(input_shape=3) | layer_dense(units=1)
    compile(model, loss="mse", optimizer="sgd", metrics="mae")
    assert model.loss == "mean_squared_error"
    save_model_hdf5(model, tmp_path / "m.h5")
    _same_predictions_3 = np.ones((2, 3), dtype="float32")
    assert np.allclose(predict(model, _same_predictions_3, verbose=0),
                       predict(load_model_hdf5(tmp_path / "m.h5"), _same_predictions_3, verbose=0))


def test_to_categorical_accepts_keras2_argument_name_y() -> None:
    assert rkeras.to_categorical(y=[0, 2], num_classes=3).tolist() == [[1, 0, 0], [0, 0, 1]]


def test_install_keras_is_a_harmless_no_op_and_availability(capsys: Any) -> None:
    assert rkeras.install_keras() is None
    assert "nothing to install" in capsys.readouterr().out
    assert rkeras.is_keras_available() is True
    assert rkeras.is_keras_available("3.0") is True
    assert rkeras.is_keras_available("99.0") is False


def test_plot_model_draws_the_layer_stack(tmp_path: Path) -> None:
    model = seed_mlp()
    fig = plot(model)
    texts = [t.get_text() for t in fig.axes[0].texts if t.get_text()]  # (arrows are empty annotations)
    assert len(texts) == 5
    assert texts[0] == f"{model.layers[0].name} (Dense)\n(None, 256)"
    assert texts[-1].endswith("(Dense)\n(None, 10)")
    fig.savefig(tmp_path / "model.png")
    assert (tmp_path / "model.png").stat().st_size > 1000
    with pytest.raises(rkeras.RKerasError, match=r"plot\(\): `x` must be a training history"):
        plot("not a model")


def test_class_weight_from_r_named_list_and_vector(small_model: Any, toy_data: Any) -> None:
    from rkeras.api.models import _class_weight

    assert _class_weight("fit", {"0": 1, "1": 5.0}) == {0: 1.0, 1: 5.0}
    assert _class_weight("fit", [1, 2, 3]) == {0: 1.0, 1: 2.0, 2: 3.0}
    x, y = toy_data
    history = fit(small_model, x, y, epochs=1, verbose=0, class_weight={"0": 1, "1": 2, "2": 1})
    assert len(history.metrics["loss"]) == 1
    with pytest.raises(rkeras.RKerasError, match=r"fit\(\): `class_weight` must be weights named by 0-based"):
        fit(small_model, x, y, epochs=1, verbose=0, class_weight={"a": 1})


def test_set_random_seed_makes_initial_weights_repeatable() -> None:
    rkeras.set_random_seed(7)
    a = get_weights(keras_model_sequential(input_shape=3) | layer_dense(units=2))[0]
    rkeras.set_random_seed(7)
    b = get_weights(keras_model_sequential(input_shape=3) | layer_dense(units=2))[0]
    assert np.array_equal(a, b)
