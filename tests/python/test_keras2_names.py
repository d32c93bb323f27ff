"""keras 2.x's remaining names on values: per-application preprocessing against keras.applications,
SavedModel and raw-bytes round trips, 1-based layer nodes, the layers/metrics Keras 3 dropped, old
spellings, and the environment functions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import rkeras as rk
from rkeras import RKerasError

RNG = np.random.default_rng(3)
IMAGES = RNG.uniform(0, 255, (2, 8, 8, 3)).astype("float32")


@pytest.mark.parametrize(("name", "module"), [
    ("resnet_preprocess_input", "resnet"), ("resnet_v2_preprocess_input", "resnet_v2"),
    ("inception_v3_preprocess_input", "inception_v3"),
    ("inception_resnet_v2_preprocess_input", "inception_resnet_v2"),
    ("xception_preprocess_input", "xception"),
    ("mobilenet_preprocess_input", "mobilenet"), ("mobilenet_v2_preprocess_input", "mobilenet_v2"),
    ("nasnet_preprocess_input", "nasnet"), ("densenet_preprocess_input", "densenet"),
])
def test_per_application_preprocess_matches_keras(name: str, module: str) -> None:
    import keras

    before = IMAGES.copy()
    got = getattr(rk, name)(IMAGES)
    want = getattr(keras.applications, module).preprocess_input(IMAGES.copy())
    assert np.allclose(got, want, atol=1e-5)
    assert np.array_equal(IMAGES, before)  # the caller's array is not changed in place
    if module == "resnet":  # caffe: BGR minus the ImageNet means
        assert np.allclose(got[..., 0], IMAGES[..., 2] - 103.939, atol=1e-4)
    elif module != "densenet":
        assert np.allclose(got, IMAGES / 127.5 - 1, atol=1e-5)


def test_application_densenet_and_nasnet_build_custom_layouts() -> None:
    dense = rk.application_densenet([1, 1, 1, 1], weights=None, input_shape=[32, 32, 3], classes=4)
    assert dense.output_shape == (None, 4)
    assert dense.predict(np.zeros((1, 32, 32, 3)), verbose=0).shape == (1, 4)
    with pytest.raises(RKerasError, match=r"application_densenet\(\): `weights`"):
        rk.application_densenet([1, 1, 1, 1])
    nas = rk.application_nasnet(input_shape=[32, 32, 3], penultimate_filters=96, num_blocks=1,
                                stem_block_filters=8, weights=None, classes=3, default_size=32)
    assert nas.output_shape == (None, 3)


def _model() -> object:
    model = rk.keras_model_sequential(input_shape=3) | rk.layer_dense(units=2)
    model | rk.compile(loss="mse", optimizer="sgd")
    return model


def test_save_model_tf_round_trip_keeps_a_trainable_model(tmp_path: Path) -> None:
    model = _model()
    x = RNG.random((4, 3)).astype("float32")
    rk.save_model_tf(model, str(tmp_path / "sm"))
    assert (tmp_path / "sm" / "saved_model.pb").is_file()  # a real SavedModel folder
    back = rk.load_model_tf(str(tmp_path / "sm"))
    assert np.allclose(back.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)
    rk.fit(back, x, np.zeros((4, 2)), epochs=1, verbose=0)  # the whole model, compiled
    with pytest.raises(RKerasError, match="already exists; pass overwrite = TRUE"):
        rk.save_model_tf(model, str(tmp_path / "sm"))
    rk.save_model_tf(model, str(tmp_path / "sm"), overwrite=True)
    assert not list(tmp_path.glob(".sm.*"))  # no temporary folder left behind
    # a SavedModel without rkeras's model file loads for inference (layer_tfsm())
    (tmp_path / "sm" / "rkeras_model.keras").unlink()
    served = rk.model_from_saved_model(str(tmp_path / "sm"))
    assert np.allclose(served.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)
    rk.model_to_saved_model(model, str(tmp_path / "sm2"))
    again = rk.load_model_tf(str(tmp_path / "sm2"))
    assert np.allclose(again.predict(x, verbose=0), model.predict(x, verbose=0))
    path = rk.export_savedmodel(model, str(tmp_path / "exported"))
    assert Path(path, "saved_model.pb").is_file()
    with pytest.raises(RKerasError, match=r"load_model_tf\(\): .* is not a SavedModel"):
        rk.load_model_tf(str(tmp_path))


def test_weights_tf_and_raw_bytes_round_trips(tmp_path: Path) -> None:
    model, other = _model(), _model()
    x = RNG.random((4, 3)).astype("float32")
    rk.save_model_weights_tf(model, str(tmp_path / "ckpt"))
    rk.load_model_weights_tf(other, str(tmp_path / "ckpt"))
    assert np.allclose(other.predict(x, verbose=0), model.predict(x, verbose=0))
    with pytest.raises(RKerasError, match="`by_name` must be FALSE"):
        rk.load_model_weights_tf(other, str(tmp_path / "ckpt"), by_name=True)
    raw = rk.serialize_model(model)
    assert isinstance(raw, bytes) and raw[:2] == b"PK"  # a .keras (zip) file's bytes
    assert np.allclose(rk.unserialize_model(raw).predict(x, verbose=0), model.predict(x, verbose=0))
    with pytest.raises(RKerasError, match=r"unserialize_model\(\): `model` must be a raw vector"):
        rk.unserialize_model("not bytes")


def test_layer_nodes_are_1_based() -> None:
    dense = rk.layer_dense(units=2)
    a, b = rk.layer_input(shape=3), rk.layer_input(shape=5)
    with pytest.raises(RKerasError, match="has never been called"):
        rk.get_input_at(dense, 1)
    out_a = dense(a)
    shared = rk.layer_dense(units=4)
    y1, y2 = shared(out_a), shared(rk.layer_dense(b, units=2))
    assert rk.get_input_at(shared, 1) is out_a
    assert rk.get_output_at(shared, 2) is y2
    assert rk.get_input_shape_at(shared, 1) == (None, 2)
    assert rk.get_output_shape_at(shared, 2) == (None, 4)
    with pytest.raises(RKerasError, match=r"`node_index` must be a node of the layer, 1 to 2 \(1-based\)"):
        rk.get_input_at(shared, 0)
    assert rk.get_input_mask_at(shared, 1) is None and rk.get_output_mask_at(shared, 1) is None
    del y1
    tokens = rk.layer_input(shape=4)
    embedded = rk.layer_embedding(tokens, input_dim=10, output_dim=3, mask_zero=True)
    lstm = rk.layer_lstm(units=2)
    lstm(embedded)
    import keras

    mask = rk.get_input_mask_at(lstm, 1)
    assert isinstance(mask, keras.KerasTensor) and tuple(mask.shape) == (None, 4)
    emb = embedded._keras_history.operation
    assert tuple(rk.get_output_mask_at(emb, 1).shape) == (None, 4)


def test_reset_states_resets_stateful_rnns() -> None:
    model = (rk.keras_model_sequential(input_batch_shape=[1, 3, 2])
             | rk.layer_simple_rnn(units=2, stateful=True))
    x = np.ones((1, 3, 2), "float32")
    first = model.predict(x, verbose=0)
    assert not np.allclose(model.predict(x, verbose=0), first)  # state carried over
    assert rk.reset_states(model) is model
    assert np.allclose(model.predict(x, verbose=0), first)


def test_keras2_layers() -> None:
    x = RNG.normal(size=(2, 4)).astype("float32")
    assert np.allclose(np.asarray(rk.layer_activation_selu()(x)), np.asarray(rk.activation_selu(x)))
    thresholded = rk.layer_activation_thresholded_relu(theta=0.5)
    assert np.allclose(np.asarray(thresholded(x)), np.where(x > 0.5, x, 0))
    images = RNG.random((2, 8, 6, 3)).astype("float32")
    height = rk.layer_random_height(factor=0.5, seed=1).layer
    width = rk.layer_random_width(factor=[0.5, 0.5]).layer
    assert np.array_equal(np.asarray(height(images)), images)  # inference: unchanged
    assert np.asarray(height(images, training=True)).shape[2:] == (6, 3)
    assert np.asarray(width(images, training=True)).shape == (2, 8, 9, 3)  # 6 * 1.5
    gru = rk.layer_cudnn_gru(units=3)
    assert type(gru.layer).__name__ == "GRU"
    cell = rk.layer_gru_cell(units=2)
    cells = [cell, rk.layer_lstm_cell(units=3), rk.layer_simple_rnn_cell(units=1)]
    stacked = rk.layer_stacked_rnn_cells(cells)
    out = rk.layer_rnn(cell=stacked)(RNG.random((2, 5, 4)).astype("float32"))
    assert np.asarray(out).shape == (2, 1)


def test_random_height_trains_and_saves(tmp_path: Path) -> None:
    model = (rk.keras_model_sequential(input_shape=[8, 6, 3]) | rk.layer_random_height(factor=0.3)
             | rk.layer_global_average_pooling_2d() | rk.layer_dense(units=1))
    model | rk.compile(loss="mse", optimizer="sgd")
    rk.fit(model, RNG.random((4, 8, 6, 3)), np.ones((4, 1)), epochs=1, verbose=0)
    rk.save_model(model, str(tmp_path / "m.keras"))
    back = rk.load_model(str(tmp_path / "m.keras"))
    assert type(back.layers[0]).__name__ == "RandomHeight" and back.layers[0].factor == 0.3


def test_keras2_losses_metrics_callbacks() -> None:
    y, p = np.array([[0.2, 0.8], [0.6, 0.4]], "float32"), np.array([[0.3, 0.7], [0.5, 0.5]], "float32")
    kl = np.sum(y * np.log(y / p), axis=-1)
    assert np.allclose(np.asarray(rk.loss_kullback_leibler_divergence(y, p)), kl, atol=1e-5)
    kl_loss = rk.loss_kullback_leibler_divergence(reduction="auto")  # keras 2.x's default
    assert float(kl_loss(y, p)) == pytest.approx(kl.mean(), 1e-5)
    assert np.allclose(np.asarray(rk.loss_logcosh(y, p)), np.mean(np.log(np.cosh(p - y)), -1), atol=1e-6)
    cosine = np.sum(y * p, -1) / np.linalg.norm(y, axis=-1) / np.linalg.norm(p, axis=-1)
    assert np.allclose(np.asarray(rk.metric_cosine_proximity(y, p)), cosine, atol=1e-6)
    assert np.allclose(np.asarray(rk.loss_cosine_proximity(y, p)), -cosine, atol=1e-6)
    acc = rk.metric_accuracy()
    acc.update_state([1, 2, 3], [1, 2, 0])
    assert float(acc.result()) == pytest.approx(2 / 3)
    assert np.allclose(np.asarray(rk.metric_kullback_leibler_divergence(y, p)), kl, atol=1e-5)
    mre = rk.metric_mean_relative_error(normalizer=[2.0, 4.0])
    mre.update_state([1.0, 3.0], [2.0, 5.0])
    assert float(mre.result()) == pytest.approx(0.5)
    mt = rk.metric_mean_tensor()
    mt.update_state([1.0, 2.0])
    mt.update_state([3.0, 6.0])
    assert np.asarray(mt.result()).tolist() == [2.0, 4.0]
    assert type(rk.callback_terminate_on_naan()).__name__ == "TerminateOnNaN"
    assert type(rk.callback_progbar_logger(count_mode="steps")).__name__ == "ProgbarLogger"
    with pytest.raises(RKerasError, match="`count_mode` must be"):
        rk.callback_progbar_logger(count_mode="epochs")
    x = np.array([-1.0, 0.0, 2.0], "float32")
    assert np.allclose(np.asarray(rk.activation_swish(x)), x / (1 + np.exp(-x)), atol=1e-6)
    assert rk.keras_array(np.arange(4).reshape(2, 2)).dtype == np.float32
    assert rk.keras_array(np.asfortranarray(np.ones((2, 3)))).flags.c_contiguous


def test_keras2_environment(capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    rk.use_session_with_seed(42)
    a = np.random.rand()
    rk.use_session_with_seed(42, quiet=True)
    assert np.random.rand() == a
    assert "Set random seed to 42" in capsys.readouterr().out
    assert rk.implementation() == "keras"
    assert rk.use_implementation("tensorflow") == "tensorflow"
    with pytest.raises(RKerasError, match='`implementation` must be "keras" or "tensorflow"'):
        rk.use_implementation("theano")
    rk.use_python(sys.executable)  # its own Python: nothing to say
    assert capsys.readouterr().out == ""
    rk.use_virtualenv("/no/such/env")
    assert "rkeras's Python is fixed" in capsys.readouterr().out
    with pytest.raises(RKerasError, match=r"use_condaenv\(\): rkeras's Python is fixed .*RKERAS_PYTHON"):
        rk.use_condaenv("other", required=True)
    rk.py_require_legacy_keras()
    assert "nothing to require" in capsys.readouterr().out
    with pytest.raises(RKerasError, match=r"hdf5_matrix\(\): removed in Keras 3: .*fit\(\)"):
        rk.hdf5_matrix("data.h5", "x")


def test_cudnn_help_pages_say_they_are_the_keras3_layers(repo_root: Path) -> None:
    for name in ("layer_cudnn_gru", "layer_cudnn_lstm"):
        page = (repo_root / "man" / f"{name}.Rd").read_text(encoding="utf-8")
        assert "no separate cuDNN layers" in page, name


def test_reduction_converter_maps_keras2_auto() -> None:
    from rkeras.api.args import CONVERTERS

    convert = CONVERTERS["reduction"]
    assert convert("auto", fn="f", arg="reduction") == "sum_over_batch_size"
    assert convert("sum", fn="f", arg="reduction") == "sum"
    assert convert(None, fn="f", arg="reduction") is None
