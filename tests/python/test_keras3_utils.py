"""keras3's config_*, random_*, learning_rate_schedule_* and utility names, against Keras."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

import rkeras
from rkeras import RKerasError
from rkeras.api.args import as_axis
from rkeras.spec import rows_by_name

# --------------------------------------------------------------------------- config


@pytest.fixture
def restore_config() -> Iterator[None]:
    saved = (keras.config.floatx(), keras.config.epsilon(), keras.config.image_data_format(),
             keras.config.dtype_policy().name, keras.config.max_epochs(), keras.config.max_steps_per_epoch(),
             keras.config.is_interactive_logging_enabled(), keras.config.is_traceback_filtering_enabled())
    yield
    keras.config.set_floatx(saved[0])
    keras.config.set_epsilon(saved[1])
    keras.config.set_image_data_format(saved[2])
    keras.config.set_dtype_policy(saved[3])
    keras.config.set_max_epochs(saved[4])
    keras.config.set_max_steps_per_epoch(saved[5])
    (keras.config.enable_interactive_logging if saved[6] else keras.config.disable_interactive_logging)()
    (keras.config.enable_traceback_filtering if saved[7] else keras.config.disable_traceback_filtering)()


def test_config_getters_are_keras_own() -> None:
    assert rkeras.config_floatx() == keras.config.floatx()
    assert rkeras.config_epsilon() == keras.config.epsilon()
    assert rkeras.config_image_data_format() == keras.config.image_data_format()
    assert rkeras.config_dtype_policy().name == keras.config.dtype_policy().name
    assert rkeras.config_is_interactive_logging_enabled() == keras.config.is_interactive_logging_enabled()
    assert rkeras.config_is_traceback_filtering_enabled() == keras.config.is_traceback_filtering_enabled()
    assert rkeras.config_is_nnx_enabled() is keras.config.is_nnx_enabled()
    assert rkeras.config_max_epochs() == keras.config.max_epochs()


def test_config_setters_change_keras_and_are_invisible(restore_config: None) -> None:
    rkeras.config_set_floatx("float64")
    assert keras.config.floatx() == "float64"
    rkeras.config_set_epsilon(1e-5)
    assert keras.config.epsilon() == 1e-5
    rkeras.config_set_image_data_format("channels_first")
    assert keras.config.image_data_format() == "channels_first"
    rkeras.config_set_dtype_policy("mixed_float16")
    assert keras.config.dtype_policy().name == "mixed_float16"
    rkeras.config_set_max_epochs(3.0)  # an R double
    assert keras.config.max_epochs() == 3 and isinstance(keras.config.max_epochs(), int)
    rkeras.config_set_max_steps_per_epoch(2.0)
    assert keras.config.max_steps_per_epoch() == 2
    rkeras.config_disable_interactive_logging()
    assert not keras.config.is_interactive_logging_enabled()
    rkeras.config_enable_traceback_filtering()
    assert keras.config.is_traceback_filtering_enabled()
    rows = rows_by_name()
    for name in ("config_set_floatx", "config_set_epsilon", "config_set_max_epochs",
                 "config_enable_interactive_logging", "config_disable_traceback_filtering"):
        assert rows[name].invisible, name
    assert not rows["config_floatx"].invisible
    with pytest.raises(RKerasError, match=r"config_set_max_epochs\(\): `max_epochs` must be a whole number"):
        rkeras.config_set_max_epochs(2.5)


def test_config_backend_rows_are_left_to_the_backend_rows() -> None:
    assert "config_backend" not in rows_by_name() or rows_by_name()["config_backend"].family != "config"


# --------------------------------------------------------------------------- random


@pytest.mark.parametrize(
    "name, fn, kwargs",
    [
        ("random_normal", keras.random.normal, {"mean": 1.0, "stddev": 2.0}),
        ("random_uniform", keras.random.uniform, {"minval": -1.0, "maxval": 3.0}),
        ("random_truncated_normal", keras.random.truncated_normal, {}),
        ("random_gamma", keras.random.gamma, {"alpha": 2.0}),
        ("random_beta", keras.random.beta, {"alpha": 2.0, "beta": 3.0}),
        ("random_binomial", keras.random.binomial, {"counts": 5.0, "probabilities": 0.3}),
    ],
)
def test_random_draws_equal_keras_with_the_same_seed(name: str, fn: Any, kwargs: dict[str, Any]) -> None:
    ours = np.asarray(getattr(rkeras, name)(np.array([2.0, 3.0]), seed=7.0, **kwargs))  # R doubles
    assert ours.shape == (2, 3)
    np.testing.assert_allclose(ours, np.asarray(fn((2, 3), seed=7, **kwargs)))


def test_random_integer_dropout_and_seed_generator() -> None:
    got = np.asarray(rkeras.random_integer(c(4.0), 0.0, 10.0, seed=3.0))
    np.testing.assert_array_equal(got, np.asarray(keras.random.randint((4,), 0, 10, seed=3)))
    assert got.dtype == np.int32
    x = np.ones((4, 6), dtype="float32")
    dropped = np.asarray(rkeras.random_dropout(x, 0.5, noise_shape=c(1.0, 6.0), seed=1.0))
    np.testing.assert_allclose(dropped, np.asarray(keras.random.dropout(x, 0.5, noise_shape=(1, 6), seed=1)))
    assert (dropped == dropped[0]).all()  # one mask for every row: the noise shape was used
    gen = rkeras.random_seed_generator(seed=5.0)
    assert isinstance(gen, keras.random.SeedGenerator)
    a = np.asarray(rkeras.random_normal(c(3.0), seed=gen))
    b = np.asarray(keras.random.normal((3,), seed=keras.random.SeedGenerator(5)))
    np.testing.assert_allclose(a, b)
    assert not np.allclose(a, np.asarray(rkeras.random_normal(c(3.0), seed=gen)))  # the generator moved on


def c(*values: float) -> np.ndarray:
    return np.array(values)


def test_random_categorical_is_one_based_unless_zero_indexed() -> None:
    logits = np.log(np.array([[0.2, 0.8], [0.9, 0.1]]))
    keras_draw = np.asarray(keras.random.categorical(logits, 20, seed=11))
    np.testing.assert_array_equal(np.asarray(rkeras.random_categorical(logits, 20.0, seed=11.0)),
                                  keras_draw + 1)
    zero = np.asarray(rkeras.random_categorical(logits, 20.0, seed=11.0, zero_indexed=True))
    np.testing.assert_array_equal(zero, keras_draw)
    assert set(np.unique(keras_draw + 1)) <= {1, 2}
    with pytest.raises(RKerasError, match="random_categorical\\(\\): `num_samples` must be a whole number"):
        rkeras.random_categorical(logits, 2.5)


def test_random_shuffle_takes_a_one_based_axis() -> None:
    x = np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(np.asarray(rkeras.random_shuffle(x, seed=2.0)),
                                  np.asarray(keras.random.shuffle(x, axis=0, seed=2)))
    np.testing.assert_array_equal(np.asarray(rkeras.random_shuffle(x, axis=2.0, seed=2.0)),
                                  np.asarray(keras.random.shuffle(x, axis=1, seed=2)))
    np.testing.assert_array_equal(np.asarray(rkeras.random_shuffle(x, axis=-1, seed=2.0)),
                                  np.asarray(keras.random.shuffle(x, axis=-1, seed=2)))
    with pytest.raises(RKerasError, match="random_shuffle\\(\\): `axis` is 1-based: use 1"):
        rkeras.random_shuffle(x, axis=0)


def test_as_axis() -> None:
    assert as_axis(1.0, fn="f", arg="axis") == 0
    assert as_axis(-1, fn="f", arg="axis") == -1
    assert as_axis(None, fn="f", arg="axis") is None
    assert as_axis(np.array([1.0, 3.0]), fn="f", arg="axis") == (0, 2)
    with pytest.raises(RKerasError, match="f\\(\\): `axis` is 1-based"):
        as_axis(0, fn="f", arg="axis")


# --------------------------------------------------------------------------- schedules


@pytest.mark.parametrize(
    "name, cls, kwargs",
    [
        ("learning_rate_schedule_cosine_decay", "CosineDecay",
         {"initial_learning_rate": 0.1, "decay_steps": 10.0}),
        ("learning_rate_schedule_cosine_decay_restarts", "CosineDecayRestarts",
         {"initial_learning_rate": 0.1, "first_decay_steps": 5.0}),
        ("learning_rate_schedule_exponential_decay", "ExponentialDecay",
         {"initial_learning_rate": 0.1, "decay_steps": 4.0, "decay_rate": 0.5, "staircase": True}),
        ("learning_rate_schedule_inverse_time_decay", "InverseTimeDecay",
         {"initial_learning_rate": 0.1, "decay_steps": 4.0, "decay_rate": 0.5}),
        ("learning_rate_schedule_piecewise_constant_decay", "PiecewiseConstantDecay",
         {"boundaries": [3, 6], "values": [0.1, 0.01, 0.001]}),
        ("learning_rate_schedule_polynomial_decay", "PolynomialDecay",
         {"initial_learning_rate": 0.1, "decay_steps": 10.0, "end_learning_rate": 0.01}),
    ],
)
def test_schedule_values_equal_keras(name: str, cls: str, kwargs: dict[str, Any]) -> None:
    ours = getattr(rkeras, name)(**kwargs)
    theirs = getattr(keras.optimizers.schedules, cls)(
        **{k: int(v) if k.endswith("steps") else v for k, v in kwargs.items()}
    )
    assert isinstance(ours, keras.optimizers.schedules.LearningRateSchedule)
    for step in (0, 2, 5, 9, 13):
        assert float(ours(step)) == pytest.approx(float(theirs(step)), rel=1e-6)


def test_a_schedule_drives_an_optimizer_through_fit() -> None:
    schedule = rkeras.learning_rate_schedule_exponential_decay(0.1, decay_steps=2.0, decay_rate=0.5)
    model = rkeras.keras_model_sequential(input_shape=3) | rkeras.layer_dense(units=1)
    rkeras.compile(model, optimizer=rkeras.optimizer_sgd(learning_rate=schedule), loss="mse")
    x = np.random.default_rng(0).random((8, 3)).astype("float32")
    rkeras.fit(model, x, x[:, :1], epochs=2, batch_size=4, verbose=0)
    opt = model.optimizer
    assert int(opt.iterations) == 4
    expected = keras.optimizers.schedules.ExponentialDecay(0.1, 2, 0.5)(4)
    assert float(opt.learning_rate) == pytest.approx(float(expected), rel=1e-6)  # 0.1 * 0.5 ** 2


# --------------------------------------------------------------------------- get_file


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: Any) -> Path:
    home = tmp_path / "keras-home"
    monkeypatch.setenv("KERAS_HOME", str(home))
    monkeypatch.setenv("RKERAS_DATA_DIR", str(tmp_path / "data"))
    return home


def test_get_file_copies_a_file_url_into_the_cache_with_keras_code(tmp_path: Path, offline: Path) -> None:
    src = tmp_path / "src" / "table.csv"
    src.parent.mkdir()
    src.write_text("a,b\n1,2\n")
    path = Path(rkeras.get_file("table.csv", origin=src.as_uri()))
    assert path == offline / "datasets" / "table.csv" and path.read_text() == "a,b\n1,2\n"
    src.unlink()  # a second call uses the cached copy (no download)
    assert Path(rkeras.get_file(origin="file:///nowhere/table.csv")) == path


def test_get_file_uses_rkeras_data_dir_first(tmp_path: Path, offline: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "words.json").write_text(json.dumps({"a": 1}))
    got = rkeras.get_file("words.json", origin="http://127.0.0.1:9/words.json")
    assert Path(got) == data / "words.json"


def test_get_file_offline_names_the_file_and_where_to_put_it(offline: Path) -> None:
    with pytest.raises(RKerasError) as err:
        rkeras.get_file("missing.npz", origin="http://127.0.0.1:9/missing.npz")
    msg = str(err.value)
    assert msg.startswith("get_file(): missing.npz is not in")
    assert str(offline / "datasets" / "missing.npz") in msg and "RKERAS_DATA_DIR" in msg
    assert not (offline / "datasets" / "missing.npz").exists()


def test_get_file_never_downloads_over_a_cached_file_with_another_hash(offline: Path) -> None:
    cached = offline / "datasets" / "mine.txt"
    cached.parent.mkdir(parents=True)
    cached.write_text("my data")
    with pytest.raises(RKerasError, match="does not download over an existing file"):
        rkeras.get_file("mine.txt", origin="http://127.0.0.1:9/mine.txt", file_hash="0" * 64)
    assert cached.read_text() == "my data"


# --------------------------------------------------------------------------- saving and state


def _model() -> Any:
    return rkeras.keras_model_sequential(input_shape=3) | rkeras.layer_dense(units=2, name="d")


def test_save_and_load_model_config(tmp_path: Path) -> None:
    model = _model()
    path = tmp_path / "config.json"
    assert rkeras.save_model_config(model, path) is model
    assert json.loads(path.read_text()) == json.loads(model.to_json())
    assert rows_by_name()["save_model_config"].invisible
    with pytest.raises(RKerasError, match="save_model_config\\(\\): `filepath` .* already exists"):
        rkeras.save_model_config(model, str(path))
    rkeras.save_model_config(model, str(path), overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["config.json"]  # no partial files left
    clone = rkeras.load_model_config(str(path))
    assert json.loads(clone.to_json()) == json.loads(model.to_json())
    with pytest.raises(RKerasError, match="load_model_config\\(\\): `filepath` .* does not exist"):
        rkeras.load_model_config(str(tmp_path / "nope.json"))
    stage = rkeras.save_model_config(filepath=str(tmp_path / "piped.json"))  # a pipe stage
    model | stage
    assert (tmp_path / "piped.json").is_file()


def test_serialize_and_registry() -> None:
    layer = rkeras.layer_dense(units=3).layer
    config = rkeras.serialize_keras_object(layer)
    assert config == keras.saving.serialize_keras_object(layer)
    clone = rkeras.deserialize_keras_object(config)
    assert clone.get_config() == layer.get_config()

    def scaled_relu(x: Any) -> Any:
        return keras.ops.relu(x) * 2

    registered = rkeras.register_keras_serializable(scaled_relu, package="rkerasTest")
    assert registered is scaled_relu
    assert rkeras.get_registered_name(scaled_relu) == "rkerasTest>scaled_relu"
    assert rkeras.get_registered_object("rkerasTest>scaled_relu") is scaled_relu
    assert rkeras.get_custom_objects()["rkerasTest>scaled_relu"] is scaled_relu
    keras.saving.get_custom_objects().pop("rkerasTest>scaled_relu")
    with pytest.raises(RKerasError, match="register_keras_serializable\\(\\): `name` must be NULL"):
        rkeras.register_keras_serializable(scaled_relu, name=3)


def test_state_tree_round_trip_and_quantize() -> None:
    model = _model()
    rkeras.compile(model, optimizer="sgd", loss="mse")
    tree = rkeras.get_state_tree(model, value_format="numpy_array")
    kernel = tree["trainable_variables"][model.name]["d"]["kernel"]
    np.testing.assert_array_equal(kernel, np.asarray(model.layers[0].kernel))
    tree["trainable_variables"][model.name]["d"]["kernel"] = np.ones_like(kernel)
    assert rkeras.set_state_tree(model, tree) is model
    np.testing.assert_array_equal(np.asarray(model.layers[0].kernel), np.ones_like(kernel))
    with pytest.raises(RKerasError, match="get_state_tree\\(\\): `value_format` must be"):
        rkeras.get_state_tree(model, value_format="json")
    x = np.ones((2, 3), dtype="float32")
    before = np.asarray(model(x))
    assert rkeras.quantize_weights(model, "int8") is model
    assert model.layers[0].quantization_mode == "int8"
    np.testing.assert_allclose(np.asarray(model(x)), before, rtol=0.05)


def test_split_dataset_counts_and_fractions() -> None:
    x = np.arange(10.0)
    left, right = rkeras.split_dataset(x, left_size=0.8)
    assert [len(list(left)), len(list(right))] == [8, 2]
    left, right = rkeras.split_dataset([x, x * 2], left_size=3.0)  # an R double count; a list of arrays
    assert len(list(left)) == 3 and len(list(right)) == 7
    assert [float(v) for v in next(iter(left))] == [0.0, 0.0]
    with pytest.raises(RKerasError, match="split_dataset\\(\\): `left_size` must be NULL, a fraction"):
        rkeras.split_dataset(x, left_size=2.5)


def test_clear_session_resets_names() -> None:
    rkeras.layer_dense(units=1)
    rkeras.clear_session()
    assert rkeras.layer_dense(units=1).layer.name == "dense"
    assert rows_by_name()["clear_session"].invisible


def test_set_custom_objects_replaces_or_adds_and_returns_the_previous() -> None:
    import keras

    def f(x: object) -> object:
        return x

    def g(x: object) -> object:
        return x

    start = rkeras.set_custom_objects({"f": f})
    try:
        assert dict(keras.saving.get_custom_objects()) == {"f": f}
        previous = rkeras.set_custom_objects({"g": g}, clear=False)
        assert previous == {"f": f}
        assert dict(keras.saving.get_custom_objects()) == {"f": f, "g": g}
        assert keras.saving.get_registered_object("g") is g
        with pytest.raises(rkeras.RKerasError, match=r"set_custom_objects\(\): `objects` must be a named"):
            rkeras.set_custom_objects([f])
    finally:
        rkeras.set_custom_objects(start)


def test_py_require_checks_packages_in_rkeras_python() -> None:
    assert rkeras.py_require(["numpy>=1.0", "pillow"]) is None
    with pytest.raises(rkeras.RKerasError, match=r"py_require\(\): Python package\(s\) 'no_such_pkg_zz'"):
        rkeras.py_require("no_such_pkg_zz")
    with pytest.raises(rkeras.RKerasError, match=r"`action` must be one of"):
        rkeras.py_require("numpy", action="drop")


def test_image_array_resize_matches_keras_resize() -> None:
    import keras

    x = np.random.default_rng(1).random((2, 4, 6, 3)).astype("float32")
    out = rkeras.image_array_resize(x, 8, 12)
    assert out.shape == (2, 8, 12, 3)
    assert np.allclose(out, np.asarray(keras.ops.image.resize(x, (8, 12))), atol=1e-6)
    one = rkeras.image_array_resize(x[0], height=2, width=3)
    assert one.shape == (2, 3, 3)
    with pytest.raises(rkeras.RKerasError, match=r"`height` must be a positive whole number, got 2.5"):
        rkeras.image_array_resize(x, 2.5, 3)
