"""keras3's data utilities on small files made here: the directory loaders (image, text, audio),
timeseries windows, adapt() and vocabularies, FeatureSpace features, the image_* helpers (atomic
image_array_save), reset_state, get_source_inputs, generate, config_set_backend, and the tfruns
names (flags, run_dir, tensorboard), with flags read from an `rkeras run` command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras as rk
from rkeras.api import runs
from rkeras.errors import RKerasError

RNG = np.random.default_rng(7)


def _images(root: Path) -> dict[str, list[np.ndarray]]:
    """Two class folders of 10x12 PNGs (written with PIL): 3 cats, 2 dogs."""
    from PIL import Image

    made: dict[str, list[np.ndarray]] = {}
    for cls, n in (("dogs", 2), ("cats", 3)):
        (root / cls).mkdir(parents=True)
        made[cls] = []
        for i in range(n):
            pixels = RNG.integers(0, 256, (10, 12, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(root / cls / f"img{i}.png")
            made[cls].append(pixels)
    return made


@pytest.fixture(scope="module")
def image_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[np.ndarray]]]:
    root = tmp_path_factory.mktemp("images")
    return root, _images(root)


# ----------------------------------------------------------------------------- loaders


def test_image_dataset_from_directory_infers_labels_in_folder_order(image_dir: Any) -> None:
    root, made = image_dir
    ds = rk.image_dataset_from_directory(str(root), image_size=[10.0, 12.0], batch_size=4.0, shuffle=False,
                                         verbose=False)
    assert ds.class_names == ["cats", "dogs"]  # alphanumeric order, not creation order
    batches = [(np.asarray(x), np.asarray(y)) for x, y in ds]
    assert [x.shape for x, _ in batches] == [(4, 10, 12, 3), (1, 10, 12, 3)]
    labels = np.concatenate([y for _, y in batches])
    assert labels.tolist() == [0, 0, 0, 1, 1]  # 0-based, as Keras returns them
    images = np.concatenate([x for x, _ in batches])
    expected = np.stack(made["cats"] + made["dogs"]).astype("float32")
    np.testing.assert_allclose(images, expected, atol=1e-3)  # same size: the pixels themselves
    with pytest.raises(RKerasError, match="class_names"):
        rk.image_dataset_from_directory(str(root), class_names=3, verbose=False)


def c(*values: float) -> list[float]:
    """R's c(): doubles."""
    return [float(v) for v in values]


def test_image_dataset_label_modes_and_both_subsets(image_dir: Any) -> None:
    root, _ = image_dir
    ds = rk.image_dataset_from_directory(str(root), label_mode="categorical", image_size=c(6, 6),
                                         batch_size=8, shuffle=False, verbose=False, color_mode="grayscale")
    x, y = next(iter(ds))
    assert np.asarray(x).shape == (5, 6, 6, 1)
    np.testing.assert_array_equal(np.asarray(y), np.eye(2)[[0, 0, 0, 1, 1]])
    train, val = rk.image_dataset_from_directory(str(root), validation_split=0.4, subset="both", seed=1.0,
                                                 image_size=c(6, 6), verbose=False)
    assert sum(int(np.asarray(b[1]).shape[0]) for b in train) == 3
    assert sum(int(np.asarray(b[1]).shape[0]) for b in val) == 2
    with pytest.raises(RKerasError, match="batch_size"):
        rk.image_dataset_from_directory(str(root), batch_size=2.5)


def test_fit_evaluate_predict_take_an_image_dataset(image_dir: Any) -> None:
    root, _ = image_dir
    ds = rk.image_dataset_from_directory(str(root), image_size=c(6, 6), batch_size=2, shuffle=False,
                                         verbose=False)
    model = (rk.keras_model_sequential(input_shape=c(6, 6, 3)) | rk.layer_rescaling(scale=1 / 255)
             | rk.layer_flatten() | rk.layer_dense(units=2, activation="softmax"))
    model | rk.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics="accuracy")
    history = rk.fit(model, ds, epochs=1, verbose=0, validation_data=ds)
    assert set(history.metrics) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(history.metrics["loss"]) == 1 and np.isfinite(history.metrics["loss"][0])
    probs = np.asarray(rk.predict(model, ds, verbose=0))
    assert probs.shape == (5, 2)
    np.testing.assert_allclose(probs.sum(axis=1), 1, rtol=1e-5)
    scores = rk.evaluate(model, ds, verbose=0)
    x = np.concatenate([np.asarray(b[0]) for b in ds])
    y = np.concatenate([np.asarray(b[1]) for b in ds])
    direct = rk.evaluate(model, x, y, verbose=0)
    assert scores["loss"] == pytest.approx(direct["loss"], rel=1e-4)
    with pytest.raises(RKerasError, match="validation_data"):
        rk.fit(model, ds, epochs=1, verbose=0, validation_data=[x])


def test_text_dataset_from_directory(tmp_path: Path) -> None:
    texts = {"neg": ["bad film", "awful"], "pos": ["great", "loved it", "fine film"]}
    for cls, items in texts.items():
        (tmp_path / cls).mkdir()
        for i, text in enumerate(items):
            (tmp_path / cls / f"t{i}.txt").write_text(text, encoding="utf-8")
    ds = rk.text_dataset_from_directory(str(tmp_path), batch_size=10.0, shuffle=False, verbose=False)
    assert ds.class_names == ["neg", "pos"]
    x, y = next(iter(ds))
    assert [s.decode() for s in np.asarray(x).tolist()] == texts["neg"] + texts["pos"]
    assert np.asarray(y).tolist() == [0, 0, 1, 1, 1]
    short = rk.text_dataset_from_directory(str(tmp_path), max_length=3.0, shuffle=False, verbose=False,
                                           labels=None)
    assert [s.decode() for s in np.asarray(next(iter(short))).tolist()][:2] == ["bad", "awf"]


def _wav(path: Path, samples: np.ndarray, rate: int = 8000) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())


def test_audio_dataset_from_directory(tmp_path: Path) -> None:
    made = {}
    for cls, n in (("no", 1), ("yes", 2)):
        (tmp_path / cls).mkdir()
        for i in range(n):
            samples = RNG.integers(-2000, 2000, 40 + 10 * i)
            _wav(tmp_path / cls / f"a{i}.wav", samples)
            made[(cls, i)] = samples
    ds = rk.audio_dataset_from_directory(str(tmp_path), batch_size=8.0, shuffle=False, verbose=False,
                                         output_sequence_length=45.0)
    assert ds.class_names == ["no", "yes"]
    x, y = next(iter(ds))
    x = np.asarray(x)
    assert x.shape == (3, 45, 1)  # the longer file truncated, the shorter padded with zeros
    assert np.asarray(y).tolist() == [0, 1, 1]
    np.testing.assert_allclose(x[0, :40, 0], made[("no", 0)] / 32768, atol=1e-6)
    np.testing.assert_array_equal(x[0, 40:, 0], 0)
    np.testing.assert_allclose(x[2, :, 0], made[("yes", 1)][:45] / 32768, atol=1e-6)


def _windows(data: np.ndarray, length: int, stride: int, rate: int, start: int, end: int) -> np.ndarray:
    starts = range(start, end - (length - 1) * rate, stride)
    return np.stack([data[i : i + length * rate : rate] for i in starts])


def test_timeseries_windows_equal_a_numpy_construction() -> None:
    data = np.arange(40.0).reshape(20, 2)
    targets = np.arange(100, 120)
    ds = rk.timeseries_dataset_from_array(data, targets, sequence_length=4.0, sequence_stride=3.0,
                                          sampling_rate=2.0, batch_size=100.0, start_index=1.0,
                                          end_index=18.0)
    x, y = next(iter(ds))
    expected = _windows(data, 4, 3, 2, 1, 18)
    np.testing.assert_array_equal(np.asarray(x), expected)
    assert np.asarray(x).dtype == np.float32  # R doubles become floatx, as keras3's keras_array does
    # targets[i] goes with the window starting at (0-based, as in Keras) index i
    np.testing.assert_array_equal(np.asarray(y), targets[list(range(1, 18 - 6, 3))])
    plain = rk.timeseries_dataset_from_array(list(range(10)), None, sequence_length=5, batch_size=2)
    assert [np.asarray(b).shape for b in plain] == [(2, 5), (2, 5), (2, 5)]
    with pytest.raises(RKerasError, match="sequence_length"):
        rk.timeseries_dataset_from_array(data, None, sequence_length=4.5)


# ----------------------------------------------------------------------------- adapt, vocabularies


def test_adapt_normalization_learns_numpy_mean_and_variance() -> None:
    x = RNG.normal(3.0, 2.0, (50, 3))
    layer = rk.layer_normalization().layer
    assert rk.adapt(layer, x) is layer
    np.testing.assert_allclose(np.asarray(layer.mean).reshape(-1), x.mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(np.asarray(layer.variance).reshape(-1), x.var(axis=0), rtol=1e-4)
    out = np.asarray(layer(x.astype("float32")))
    np.testing.assert_allclose(out, (x - x.mean(axis=0)) / x.std(axis=0), atol=1e-4)
    vector = rk.layer_normalization(axis=None)  # a pipe stage: adapt() takes its layer
    rk.adapt(vector, [1.0, 2.0, 3.0, 6.0])  # an R vector arrives as a list
    assert np.asarray(vector.mean).reshape(-1).tolist() == pytest.approx([3.0])
    assert np.asarray(vector.variance).reshape(-1).tolist() == pytest.approx([np.var([1, 2, 3, 6])])


def test_adapt_string_lookup_and_vocabularies() -> None:
    layer = rk.layer_string_lookup().layer
    rk.adapt(layer, ["b", "a", "b", "c", "b", "a"])
    assert rk.get_vocabulary(layer) == ["[UNK]", "b", "a", "c"]  # by frequency, as Keras orders it
    assert rk.get_vocabulary(layer, include_special_tokens=False) == ["b", "a", "c"]
    np.testing.assert_array_equal(np.asarray(layer(np.array(["a", "z", "b"]))), [2, 0, 1])
    assert rk.set_vocabulary(layer, ["x", "y"]) is layer
    assert rk.get_vocabulary(layer) == ["[UNK]", "x", "y"]
    ints = rk.layer_integer_lookup()
    rk.set_vocabulary(ints, [7.0, 9.0])  # R doubles
    np.testing.assert_array_equal(np.asarray(ints(np.array([9, 7, 3]))), [2, 1, 0])
    text = rk.layer_text_vectorization(max_tokens=10.0)
    rk.adapt(text, np.array(["the cat", "the dog the end"]), batch_size=1.0)
    assert rk.get_vocabulary(text)[:3] == ["", "[UNK]", "the"]


def test_adapt_and_vocabulary_errors() -> None:
    with pytest.raises(RKerasError, match=r"adapt\(\): `object` must be a preprocessing layer"):
        rk.adapt(rk.layer_dense(units=2).layer, np.ones((2, 2)))
    with pytest.raises(RKerasError, match=r"`batch_size` is not an argument of Normalization.adapt\(\)"):
        rk.adapt(rk.layer_normalization().layer, np.ones((4, 2)), batch_size=2)
    with pytest.raises(RKerasError, match=r"get_vocabulary\(\): `object` must be a layer with a vocabulary"):
        rk.get_vocabulary(rk.layer_normalization().layer)
    with pytest.raises(RKerasError, match="include_special_tokens"):
        rk.get_vocabulary(rk.layer_string_lookup(vocabulary=["a"]).layer, include_special_tokens="yes")


def test_feature_space_adapt_and_transform_on_columns() -> None:
    x = [1.0, 2.0, 3.0, 6.0]
    data = {"x": x, "city": ["rome", "oslo", "rome", "rome"], "n": [1, 2, 2, 3], "s": [0.5, 1.0, 0.0, 2.0]}
    space = rk.layer_feature_space(
        features={"x": rk.feature_float_normalized(), "city": rk.feature_string_categorical(),
                  "n": rk.feature_integer_categorical(num_oov_indices=1.0),
                  "s": rk.feature_float_rescaled(scale=2, offset=1)},
        output_mode="dict")
    assert rk.adapt(space, data) is space  # an object row: the FeatureSpace itself
    out = {k: np.asarray(v) for k, v in space({k: np.asarray(v) for k, v in data.items()}).items()}
    np.testing.assert_allclose(out["x"].reshape(-1), (np.array(x) - np.mean(x)) / np.std(x), rtol=1e-5)
    np.testing.assert_allclose(out["s"].reshape(-1), np.array(data["s"]) * 2 + 1)
    # one-hot over [UNK], then by frequency: rome (3), oslo (1)
    np.testing.assert_array_equal(out["city"], np.eye(3)[[1, 2, 1, 1]])
    assert out["n"].shape == (4, 4) and out["n"][:, 0].sum() == 0  # 3 values + 1 OOV slot, no OOV seen
    crossed = rk.layer_feature_space(
        features={"a": rk.feature_integer_categorical(), "b": rk.feature_string_categorical()},
        crosses=[rk.feature_cross(feature_names=["a", "b"], crossing_dim=8.0)], output_mode="dict")
    rk.adapt(crossed, {"a": [1, 2, 1], "b": ["u", "v", "u"]}, batch_size=2)
    cross = np.asarray(crossed({"a": np.array([1, 2]), "b": np.array(["u", "v"])})["a_X_b"])
    assert cross.shape == (2, 8) and cross.sum(axis=1).tolist() == [1, 1]
    with pytest.raises(RKerasError, match="same length"):
        rk.adapt(rk.layer_feature_space(features={"a": "float", "b": "float"}), {"a": [1.0], "b": [1.0, 2.0]})


# ----------------------------------------------------------------------------- images


def test_image_round_trip_and_atomic_save(tmp_path: Path) -> None:
    pixels = RNG.integers(0, 256, (5, 7, 3)).astype("float64")  # an R array of doubles
    path = tmp_path / "a.png"
    assert rk.image_array_save(pixels, str(path), scale=False) == str(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png"]  # no temporary file left
    img = rk.image_load(str(path))
    assert img.size == (7, 5)
    array = rk.image_to_array(img)
    np.testing.assert_array_equal(array, pixels)
    back = rk.image_to_array(rk.image_from_array(array, scale=False))
    np.testing.assert_array_equal(back, pixels)
    with pytest.raises(RKerasError, match="already exists; pass overwrite = TRUE"):
        rk.image_array_save(pixels, str(path))
    rk.image_array_save(pixels[:, :, :1] * 0 + 9, str(path), scale=False, overwrite=True)
    gray = rk.image_to_array(rk.image_load(str(path), color_mode="grayscale"))
    assert gray.shape == (5, 7, 1) and np.all(gray == 9)
    scaled = tmp_path / "scaled.jpg"
    rk.image_array_save(np.linspace(0, 1, 5 * 7 * 3).reshape(5, 7, 3), str(scaled), quality=95)
    s = rk.image_to_array(rk.image_load(str(scaled)))
    assert s.min() <= 3 and s.max() >= 250  # scale = TRUE: min..max -> 0..255
    small = rk.image_to_array(rk.image_load(str(tmp_path / "a.png"), target_size=c(2, 3)))
    assert small.shape == (2, 3, 1) or small.shape == (2, 3, 3)
    with pytest.raises(RKerasError, match="`path` must be a file name with an image extension"):
        rk.image_array_save(pixels, str(tmp_path / "noext"))
    with pytest.raises(RKerasError, match="`x` must be an array of 3 dimensions"):
        rk.image_array_save(pixels[:, :, 0], str(tmp_path / "flat.png"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "scaled.jpg"]


def test_image_smart_resize_keeps_values_and_takes_r_sizes() -> None:
    const = np.full((9, 6, 3), 4.0, dtype="float32")
    out = np.asarray(rk.image_smart_resize(const, c(4, 4)))
    assert out.shape == (4, 4, 3)
    np.testing.assert_allclose(out, 4.0)
    ramp = np.tile(np.arange(8, dtype="float32")[:, None, None], (1, 8, 1))
    half = np.asarray(rk.image_smart_resize(ramp, c(4, 4), interpolation="nearest"))
    assert half.shape == (4, 4, 1) and np.all(np.diff(half[:, 0, 0]) > 0)


# ----------------------------------------------------------------------------- models, metrics, backend


def test_reset_state_get_source_inputs_and_generate() -> None:
    metric = rk.metric_mean()
    metric.update_state([1.0, 3.0])
    assert float(np.asarray(metric.result())) == 2.0
    assert rk.reset_state(metric) is metric
    assert float(np.asarray(metric.result())) == 0.0
    with pytest.raises(RKerasError, match=r"reset_state\(\): `object` must be a metric"):
        rk.reset_state(3)
    inp = rk.keras_input(shape=3)
    out = rk.layer_dense(rk.layer_dense(inp, units=4), units=2)
    assert rk.get_source_inputs(out) == [inp]
    with pytest.raises(RKerasError, match=r"generate\(\): `x` must be a generative model"):
        rk.generate(rk.keras_model_sequential(input_shape=2))

    class Echo:
        def generate(self, prompt: str, max_length: int = 3) -> str:
            return (prompt * max_length)[:max_length]

    assert rk.generate(Echo(), "ab", max_length=5) == "ababa"


def test_config_set_backend_is_use_backend() -> None:
    import keras

    loaded = keras.config.backend()
    assert rk.config_set_backend(loaded) == loaded
    other = "jax" if loaded != "jax" else "tensorflow"
    with pytest.raises(RKerasError,
                       match=rf"config_set_backend\(\): Keras is already loaded with the {loaded}"):
        rk.config_set_backend(other)
    with pytest.raises(RKerasError, match="`backend` must be one of"):
        rk.config_set_backend("theano")


# ----------------------------------------------------------------------------- tfruns


def _defs() -> list[Any]:
    return [rk.flag_numeric("learning_rate", 0.01, "step size"), rk.flag_integer("epochs", 10.0),
            rk.flag_boolean("fast", False), rk.flag_string("name", "run")]


def test_flags_defaults_and_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    got = rk.flags(*_defs(), arguments=[])
    assert got == {"learning_rate": 0.01, "epochs": 10, "fast": False, "name": "run"}
    assert type(got["epochs"]) is int and type(got["learning_rate"]) is float
    assert got.types == {"learning_rate": "numeric", "epochs": "integer", "fast": "boolean", "name": "string"}
    args = ["positional", "--epochs=20", "--fast", "yes", "--learning-rate", "1e-3", "--name=0.10"]
    got = rk.flags(_defs(), arguments=args)  # one list of definitions works too
    assert got == {"learning_rate": 0.001, "epochs": 20, "fast": True, "name": "0.10"}
    with pytest.raises(RKerasError, match="flags given but not declared: batch"):
        rk.flags(*_defs(), arguments=["--batch=3"])
    with pytest.raises(RKerasError,
                       match=r"cannot convert flag 'epochs' with value 2\.5 .*command line.* integer"):
        rk.flags(*_defs(), arguments=["--epochs", "2.5"])
    with pytest.raises(RKerasError, match="cannot convert flag 'learning_rate'.*numeric"):
        rk.flags(*_defs(), arguments=["--learning_rate=fast"])
    with pytest.raises(RKerasError, match="has 2 values"):
        rk.flags(*_defs(), arguments=["--epochs=[1, 2]"])
    with pytest.raises(RKerasError, match="declared twice"):
        rk.flags(rk.flag_integer("a", 1), rk.flag_numeric("a", 1))
    with pytest.raises(RKerasError, match="has no value"):
        rk.flags(*_defs(), arguments=["--epochs"])
    with pytest.raises(RKerasError, match=r"flag_integer\(\): cannot convert flag 'e' .*2\.5"):
        rk.flag_integer("e", 2.5)
    with pytest.raises(RKerasError, match="flag definitions"):
        rk.flags("epochs")


def test_flags_file_plain_and_sectioned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("flags.yml").write_text("# overrides\nepochs: 30\nfast: on  # YAML 1.1\n", encoding="utf-8")
    got = rk.flags(*_defs(), arguments=["--epochs=40"])
    assert got["epochs"] == 40 and got["fast"] is True and got["learning_rate"] == 0.01  # command line wins
    Path("flags.yml").write_text("default:\n  epochs: 5\n  name: 'quoted: yes'\ntuning:\n  epochs: 7\n"
                                 "  learning_rate: 5e-2\n", encoding="utf-8")
    assert rk.flags(*_defs(), arguments=[])["epochs"] == 5
    assert rk.flags(*_defs(), arguments=[])["name"] == "quoted: yes"
    tuned = rk.flags(*_defs(), config="tuning", arguments=[])
    assert tuned["epochs"] == 7 and tuned["learning_rate"] == 0.05 and tuned["name"] == "quoted: yes"
    monkeypatch.setenv("R_CONFIG_ACTIVE", "tuning")
    assert rk.flags(*_defs(), arguments=[])["epochs"] == 7
    Path("other.yml").write_text("unknown: 1\n", encoding="utf-8")
    with pytest.raises(RKerasError, match="not declared: unknown"):
        rk.flags(*_defs(), file="other.yml", arguments=[])
    with pytest.warns(UserWarning, match="missing.yml' does not exist"):
        assert rk.flags(*_defs(), file="missing.yml", arguments=[])["epochs"] == 10  # no file: defaults


def test_flags_help_lists_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(RKerasError, match="--help"):
        rk.flags(*_defs(), arguments=["--help"])
    shown = capsys.readouterr().out
    assert "--learning-rate    step size (0.01)" in shown and "--epochs    (10)" in shown


@pytest.mark.parametrize(("text", "value"), [
    ("0.01", 0.01), ("1e-3", 0.001), ("-7", -7), ("1_000", 1000), ("true", True), ("No", False),
    ("~", None), ("null", None), ("'a # b'", "a # b"), ('"x\\ty"', "x\ty"), ("[1, 2]", [1, 2]),
    ("plain text", "plain text"), (".inf", float("inf")), ("0.10", 0.1),
])
def test_yaml_scalars(text: str, value: Any) -> None:
    assert runs.yaml_scalar(text) == value


def test_read_yaml_nested_and_errors() -> None:
    doc = "a: 1\nb:\n  c: x  # note\n  d:\n    - 1\n    - two\n"
    assert runs.read_yaml(doc) == {"a": 1, "b": {"c": "x", "d": [1, "two"]}}
    with pytest.raises(ValueError, match="line 2"):
        runs.read_yaml("a: 1\n  b: 2\n")
    with pytest.raises(ValueError, match="expected `name: value`"):
        runs.read_yaml("just words\n")


def test_run_dir_and_tensorboard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert rk.run_dir() == str(tmp_path)
    (tmp_path / "logs").mkdir()
    command = rk.tensorboard("logs", port=6010.0)
    assert command.endswith(f"--logdir {tmp_path / 'logs'} --host 127.0.0.1 --port 6010 --reload_interval 5 "
                            "--purge_orphaned_data true")
    assert command in capsys.readouterr().out
    (tmp_path / "b").mkdir()
    both = rk.tensorboard({"first": "logs", "second": "b"}, action=["start", "stop"])
    assert f"--logdir_spec first:{tmp_path / 'logs'},second:{tmp_path / 'b'}" in both
    with pytest.raises(RKerasError, match="the log directory 'nope' does not exist"):
        rk.tensorboard("nope")
    assert rk.tensorboard("logs", action="stop") == ""
    assert "none to stop" in capsys.readouterr().out
    with pytest.raises(RKerasError, match="`action` must be"):
        rk.tensorboard("logs", action="restart")


@pytest.mark.r
def test_flags_from_an_rkeras_run_command_line(tmp_path: Path) -> None:
    """`rkeras run train.R --epochs=3 --learning-rate 0.5`: flags() reads commandArgs(TRUE)."""
    if shutil.which("R") is None:
        pytest.skip("R is needed")
    script = tmp_path / "train.R"
    script.write_text(
        "library(keras3)\n"
        "FLAGS <- flags(flag_integer('epochs', 1), flag_numeric('learning_rate', 0.1),\n"
        "               flag_string('tag', 'none'))\n"
        "cat(sprintf('RESULT %s %d %.3f %s %s\\n', class(FLAGS$epochs), FLAGS$epochs, FLAGS$learning_rate,\n"
        "            FLAGS$tag, paste(commandArgs(TRUE), collapse = '|')))\n"
        "r <- tryCatch(flags(flag_integer('epochs', 1), arguments = '--epochs=x'),\n"
        "              error = function(e) conditionMessage(e))\n"
        "cat('ERROR', r, '\\n')\n", encoding="utf-8")
    env = dict(os.environ, RKERAS_NO_PRELOAD="1")
    proc = subprocess.run([sys.executable, "-m", "rkeras.cli", "run", str(script), "--epochs=3",
                           "--learning-rate", "0.5", "--tag=a-b"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "RESULT integer 3 0.500 a-b --epochs=3|--learning-rate|0.5|--tag=a-b" in proc.stdout
    assert "ERROR flags(): cannot convert flag 'epochs' with value 'x'" in proc.stdout
