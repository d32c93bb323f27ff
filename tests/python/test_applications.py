"""kerasR's pre-trained ImageNet models and image helpers, offline.

No test touches the network: files are made here, in a temporary Keras cache
(``KERAS_HOME``), and the download function is replaced by one that fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
import rkeras.api.applications as apps
from rkeras import RKerasError


class Cache:
    """A temporary Keras cache (``KERAS_HOME``) and the downloads tried (all fail: offline)."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.models = home / "models"
        self.calls: list[str] = []

    def offline(self, fname: str, origin: str, file_hash: Any, cache_dir: Path) -> Path:
        self.calls.append(fname)
        raise OSError("network is unreachable")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: Any) -> Cache:
    cache = Cache(tmp_path / "keras-home")
    cache.models.mkdir(parents=True)
    monkeypatch.setenv("KERAS_HOME", str(cache.home))
    monkeypatch.setattr(apps, "_download", cache.offline)
    return cache


@pytest.fixture
def png(tmp_path: Path) -> Path:
    from PIL import Image

    pixels = np.arange(4 * 4 * 3, dtype=np.uint8).reshape(4, 4, 3) * 5
    path = tmp_path / "tiny.png"
    Image.fromarray(pixels, "RGB").save(path)
    return path


# --------------------------------------------------------------------------- models


def test_inception_v3_without_weights_builds_and_predicts(cache: Cache) -> None:
    model = rkeras.InceptionV3(weights=None)
    x = np.random.default_rng(0).random((1, 299, 299, 3)).astype("float32")
    pred = rkeras.keras_predict(model, x, verbose=0)
    assert pred.shape == (1, 1000)
    assert pred.sum() == pytest.approx(1.0, rel=1e-4)  # softmax over the ImageNet classes
    assert cache.calls == []


def test_imagenet_weights_offline_name_the_missing_file(cache: Cache) -> None:
    fname = "inception_v3_weights_tf_dim_ordering_tf_kernels.h5"
    with pytest.raises(RKerasError) as err:
        rkeras.InceptionV3(weights="imagenet")
    message = str(err.value)
    assert message.startswith("InceptionV3(): ")
    assert fname in message and str(cache.models / fname) in message
    assert "network is unreachable" in message and "NULL" in message
    assert cache.calls == [fname]
    assert list((cache.models).iterdir()) == []


def test_imagenet_weights_come_from_the_keras_cache(cache: Cache, tmp_path: Path) -> None:
    import keras

    source = rkeras.VGG16(include_top=False, weights=None, input_shape=[32.0, 32.0, 3.0])
    cached = cache.models / "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"
    keras.saving.save_model(source, str(cached))  # an HDF5 file with the weights, as Keras publishes
    before = cached.read_bytes()

    model = rkeras.VGG16(include_top=False, weights="imagenet", input_shape=[32.0, 32.0, 3.0])
    for got, want in zip(model.get_weights(), source.get_weights(), strict=True):
        assert np.array_equal(got, want)
    assert cache.calls == []
    assert cached.read_bytes() == before  # never re-downloaded over, whatever its hash

    by_path = rkeras.VGG16(include_top=False, weights=str(cached), input_shape=[32.0, 32.0, 3.0])
    assert np.array_equal(by_path.get_weights()[0], source.get_weights()[0])


def test_application_argument_errors(cache: Cache, tmp_path: Path) -> None:
    with pytest.raises(RKerasError, match=r"^ResNet50\(\): `classes`"):
        rkeras.ResNet50(weights="imagenet", classes=10)
    with pytest.raises(RKerasError, match=r"^VGG19\(\): `input_shape`"):
        rkeras.VGG19(weights="imagenet", input_shape=[100.0, 100.0, 3.0])
    with pytest.raises(RKerasError, match=r"^Xception\(\): `weights` .*does not exist"):
        rkeras.Xception(weights=str(tmp_path / "nope.h5"))
    with pytest.raises(RKerasError, match=r"^Xception\(\): `pooling`"):
        rkeras.Xception(weights=None, include_top=False, pooling="mean")
    assert cache.calls == []


# --------------------------------------------------------------------------- decode / preprocess


def _class_index(models: Path) -> Path:
    index = {str(i): [f"n{i:08d}", f"class_{i}"] for i in range(1000)}
    index["386"] = ["n01871265", "tusker"]
    index["101"] = ["n02504013", "Indian_elephant"]
    index["385"] = ["n02504458", "African_elephant"]
    path = models / "imagenet_class_index.json"
    path.write_text(json.dumps(index))
    return path


def test_decode_predictions_gives_the_seed_structure(cache: Cache) -> None:
    path = _class_index(cache.models)
    before = path.read_bytes()
    pred = np.full((2, 1000), 0.0001, dtype="float32")
    pred[0, [386, 101, 385]] = [0.546, 0.2478, 0.1437]
    pred[1, [5, 7]] = [0.9, 0.05]
    decoded = rkeras.decode_predictions(pred, model="InceptionV3", top=3.0)
    assert len(decoded) == 2
    assert [(wnid, name) for wnid, name, _ in decoded[0]] == [
        ("n01871265", "tusker"),
        ("n02504013", "Indian_elephant"),
        ("n02504458", "African_elephant"),
    ]
    assert [score for *_, score in decoded[0]] == pytest.approx([0.546, 0.2478, 0.1437], rel=1e-5)
    assert all(isinstance(score, float) for *_, score in decoded[0])
    assert [name for _, name, _ in decoded[1][:2]] == ["class_5", "class_7"]
    assert len(rkeras.decode_predictions(pred)[0]) == 5  # default top = 5, model = the first name
    assert path.read_bytes() == before  # a file Keras's hash check would replace is kept
    assert cache.calls == []


def test_decode_predictions_errors(cache: Cache) -> None:
    with pytest.raises(RKerasError, match=r"^decode_predictions\(\): .*imagenet_class_index\.json"):
        rkeras.decode_predictions(np.zeros((1, 1000)))
    _class_index(cache.models)
    with pytest.raises(RKerasError, match=r"^decode_predictions\(\): `pred`"):
        rkeras.decode_predictions(np.zeros((1, 10)))
    with pytest.raises(RKerasError, match=r"^decode_predictions\(\): `model`"):
        rkeras.decode_predictions(np.zeros((1, 1000)), model="AlexNet")


def test_preprocess_input_by_model() -> None:
    img = np.full((1, 2, 2, 3), 255.0)
    img[0, 0, 0] = [0.0, 127.5, 255.0]
    original = img.copy()
    tf_mode = rkeras.preprocess_input(img, model="InceptionV3")
    assert np.allclose(tf_mode, img / 127.5 - 1)
    assert np.array_equal(img, original)  # the caller's array is not modified
    assert np.allclose(rkeras.preprocess_input(img), tf_mode)  # default: Xception, same scaling
    caffe = rkeras.preprocess_input(img, model="VGG16")
    means = np.array([103.939, 116.779, 123.68])  # BGR
    assert np.allclose(caffe[0, 0, 0], [255.0, 127.5, 0.0] - means)
    assert np.allclose(rkeras.preprocess_input(img, model="Res"), caffe)  # R's partial matching
    with pytest.raises(RKerasError, match=r"^preprocess_input\(\): `model`"):
        rkeras.preprocess_input(img, model="VGG")  # ambiguous


# --------------------------------------------------------------------------- images


def test_load_img_img_to_array_expand_dims(png: Path) -> None:
    img = rkeras.load_img(str(png))
    assert img.size == (4, 4) and img.mode == "RGB"
    x = rkeras.img_to_array(img)
    assert x.shape == (4, 4, 3) and x.dtype == np.float32
    assert x[0, 1].tolist() == [15.0, 20.0, 25.0]
    batch = rkeras.expand_dims(x, axis=0.0)
    assert batch.shape == (1, 4, 4, 3)
    assert rkeras.expand_dims(x, axis=-1).shape == (4, 4, 3, 1)
    assert rkeras.img_to_array(img, data_format="channels_first").shape == (3, 4, 4)

    small = rkeras.load_img(str(png), grayscale=True, target_size=[2.0, 2.0])
    assert small.size == (2, 2) and small.mode == "L"
    assert rkeras.img_to_array(small).shape == (2, 2, 1)


def test_image_helper_errors(png: Path, tmp_path: Path) -> None:
    with pytest.raises(RKerasError, match=r"^load_img\(\): `path` .*does not exist"):
        rkeras.load_img(str(tmp_path / "elephant.jpg"))
    with pytest.raises(RKerasError, match=r"^load_img\(\): `target_size`"):
        rkeras.load_img(str(png), target_size=[2.5, 2.0])
    with pytest.raises(RKerasError, match=r"^expand_dims\(\): `axis`"):
        rkeras.expand_dims(np.zeros((2, 2)), axis=4)
