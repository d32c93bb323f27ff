"""keras3's application_*() models and ImageNet helpers, offline (files made here)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import rkeras
import rkeras.api.applications as apps
from rkeras import RKerasError
from rkeras.spec import applications as spec
from rkeras.spec import lines


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: Any) -> list[str]:
    """A temporary Keras cache and RKERAS_DATA_DIR; every download attempt fails (and is recorded)."""
    calls: list[str] = []

    def fail(fname: str, origin: str, file_hash: Any, cache_dir: Path) -> Path:
        calls.append(fname)
        raise OSError("network is unreachable")

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    monkeypatch.setenv("RKERAS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(apps, "_download", fail)
    return calls


def test_the_spec_table_is_the_api_table() -> None:
    assert set(spec.MODELS) | {words[0] for words in lines(spec.ALIASES)} == set(apps.KERAS3_MODELS)
    for name, model in apps.KERAS3_MODELS.items():
        assert hasattr(keras.applications, model.keras_name), name
        assert hasattr(keras.applications, model.module), name


def test_signature_is_keras_own() -> None:
    import inspect

    assert inspect.signature(rkeras.application_resnet50) == inspect.signature(keras.applications.ResNet50)


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, shape, kwargs",
    [
        ("application_mobilenet", [32.0, 32.0, 3.0], {"alpha": 0.25}),
        ("application_mobilenet_v3_small", [32.0, 32.0, 3.0], {}),
        ("application_densenet121", [32.0, 32.0, 3.0], {}),
        ("application_efficientnet_b0", [32.0, 32.0, 3.0], {}),
        ("application_vgg16", [32.0, 32.0, 3.0], {}),
        ("application_resnet50", [32.0, 32.0, 3.0], {}),
        ("application_convnext_tiny", [32.0, 32.0, 3.0], {}),
    ],
)
def test_small_models_build_offline_and_predict(
    name: str, shape: list[float], kwargs: Any, offline: Any
) -> None:
    model = getattr(rkeras, name)(input_shape=np.array(shape), weights=None, classes=7.0, **kwargs)
    assert model.input_shape == (None, 32, 32, 3)
    x = np.random.default_rng(0).random((2, 32, 32, 3)).astype("float32") * 255
    pred = np.asarray(model.predict(x, verbose=0))
    assert pred.shape == (2, 7)
    np.testing.assert_allclose(pred.sum(axis=1), 1.0, rtol=1e-4)  # softmax
    assert offline == []


@pytest.mark.slow
def test_keras3_deprecated_spellings_warn(offline: Any) -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        model = rkeras.application_nasnetmobile(input_shape=c(32, 32, 3), weights=None, classes=3)
    assert model.output_shape == (None, 3)
    assert any("use application_nasnet_mobile()" in str(w.message) for w in seen)


def c(*values: float) -> np.ndarray:
    return np.array(values, dtype=float)


def test_imagenet_weights_offline_name_the_missing_file(offline: list[str], tmp_path: Path) -> None:
    with pytest.raises(RKerasError) as err:
        rkeras.application_mobilenet(input_shape=c(128, 128, 3), alpha=0.25, include_top=False)
    msg = str(err.value)
    fname = "mobilenet_2_5_128_tf_no_top.h5"
    assert msg.startswith("application_mobilenet(): the ImageNet weights file " + fname)
    assert str(tmp_path / "keras-home" / "models" / fname) in msg and "RKERAS_DATA_DIR" in msg
    assert offline == [fname]


def test_imagenet_weights_load_from_rkeras_data_dir(offline: list[str], tmp_path: Path) -> None:
    """A weights file placed in $RKERAS_DATA_DIR/models is used as it is (no download, no hash check)."""
    source = rkeras.application_mobilenet(input_shape=c(128, 128, 3), alpha=0.25, include_top=False,
                                          weights=None)
    models = tmp_path / "data" / "models"
    models.mkdir(parents=True)
    keras.saving.save_model(source, str(models / "mobilenet_2_5_128_tf_no_top.h5"))  # HDF5, as published
    model = rkeras.application_mobilenet(input_shape=c(128, 128, 3), alpha=0.25, include_top=False)
    for a, b in zip(model.get_weights(), source.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert offline == []


def test_weights_argument_errors(offline: Any, tmp_path: Path) -> None:
    with pytest.raises(RKerasError, match="application_vgg16\\(\\): `weights` must be \"imagenet\", NULL"):
        rkeras.application_vgg16(weights=str(tmp_path / "none.h5"))
    with pytest.raises(RKerasError, match="application_vgg16\\(\\): `classes` must be a whole number"):
        rkeras.application_vgg16(weights=None, classes=2.5)


def _class_index(folder: Path, n: int = 3) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    index = {str(i): [f"n0{i}", f"class_{i}"] for i in range(n)}
    (folder / "imagenet_class_index.json").write_text(json.dumps(index))


def test_decode_predictions_from_a_local_class_index(offline: list[str], tmp_path: Path) -> None:
    _class_index(tmp_path / "data")
    preds = np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])
    frames = rkeras.imagenet_decode_predictions(preds, top=2.0)
    assert len(frames) == 2
    assert list(frames[0].columns) == ["class_name", "class_description", "score"]
    assert frames[0]["class_description"].tolist() == ["class_1", "class_2"]
    assert frames[1]["class_name"].tolist() == ["n00", "n02"]
    assert frames[1]["score"].tolist() == pytest.approx([0.5, 0.3])
    model = rkeras.application_mobilenet(input_shape=c(32, 32, 3), alpha=0.25, weights=None)
    same = rkeras.application_decode_predictions(model, preds, top=2)
    assert [f.to_dict() for f in same] == [f.to_dict() for f in frames]
    with pytest.raises(RKerasError, match="imagenet_decode_predictions\\(\\): `preds` must be a matrix"):
        rkeras.imagenet_decode_predictions(np.ones((2, 5)))
    assert offline == []


def test_decode_predictions_offline_names_the_class_index(offline: list[str]) -> None:
    with pytest.raises(RKerasError, match="imagenet_decode_predictions\\(\\): the ImageNet class index "
                                          "imagenet_class_index.json is not in the Keras cache"):
        rkeras.imagenet_decode_predictions(np.ones((1, 1000)))


def test_preprocessing_equals_keras_and_leaves_the_input_alone(offline: Any) -> None:
    x = np.random.default_rng(1).random((1, 32, 32, 3)) * 255
    original = x.copy()
    for mode in ("caffe", "tf", "torch"):
        ours = rkeras.imagenet_preprocess_input(x, mode=mode)
        theirs = keras.applications.imagenet_utils.preprocess_input(x.astype("float32"), mode=mode)
        np.testing.assert_allclose(ours, np.asarray(theirs), rtol=1e-6)
    np.testing.assert_array_equal(x, original)
    model = rkeras.application_resnet50(input_shape=c(32, 32, 3), weights=None)
    np.testing.assert_allclose(
        rkeras.application_preprocess_inputs(model, x),
        keras.applications.resnet.preprocess_input(x.astype("float32")),
        rtol=1e-6,
    )
    np.testing.assert_array_equal(x, original)
    with pytest.raises(RKerasError, match="application_preprocess_inputs.*`model` must be a model made"):
        rkeras.application_preprocess_inputs(rkeras.keras_model_sequential(input_shape=3), x)
    with pytest.raises(RKerasError, match="imagenet_preprocess_input\\(\\): `mode` must be"):
        rkeras.imagenet_preprocess_input(x, mode="bgr")
