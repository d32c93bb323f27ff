"""kerasR's API (statsmaths/kerasR 0.8.0) in Python: every export, and the seed vignette's code.

Values are given as R hands them over (doubles for whole numbers, lists for
vectors), so these tests also pin the argument conversion the R bridge relies
on. Real data come from the shared data folder; nothing touches the network.
"""

from __future__ import annotations

import csv
import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError
from rkeras.api.build import RFunction
from rkeras.spec import rows_by_name
from rkeras.spec.kerasr import SHARED_WITH_KERAS3

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = Path(os.environ.get("RKERAS_SHARED_DIR") or REPO_ROOT.parent / "shared")


def _exports() -> list[str]:
    path = SHARED_DIR / "reference" / "kerasR-exports.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found (set RKERAS_SHARED_DIR)")
    return path.read_text().split()


@pytest.fixture(autouse=True)
def _seed() -> None:
    import keras

    keras.utils.set_random_seed(7)


def _tiny_model(units: int = 3, activation: str = "softmax") -> Any:
    mod = rkeras.Sequential()
    mod.add(rkeras.Dense(units=5.0, input_shape=4.0))
    mod.add(rkeras.Activation("relu"))
    mod.add(rkeras.Dense(float(units)))
    mod.add(rkeras.Activation(activation))
    return mod


# --------------------------------------------------------------------------- the export list


def test_every_kerasr_export_is_an_r_style_function() -> None:
    names = _exports()
    assert len(names) == 117
    rows = rows_by_name()
    for name in names:
        fn = getattr(rkeras, name, None)
        assert isinstance(fn, RFunction) and callable(fn), name
        expected = "keras3" if name in SHARED_WITH_KERAS3 else "kerasR"
        assert rows[name].flavour == expected, name
        if rows[name].removed is None:
            fn.target()  # resolves (imports Keras or the implementation)
        else:  # no Keras 3 target: asking for one says so
            with pytest.raises(RKerasError, match=rf"^{name}\(\): removed in Keras 3: "):
                fn.target()


def test_kerasr_rows_are_exactly_the_export_list() -> None:
    kerasr_rows = {name for name, row in rows_by_name().items() if row.flavour == "kerasR"}
    assert kerasr_rows == set(_exports()) - set(SHARED_WITH_KERAS3)


def test_star_import_gives_kerasr_names() -> None:
    namespace: dict[str, Any] = {}
    exec("from rkeras import *", namespace)
    for name in ("Sequential", "Dense", "keras_compile", "keras_fit", "load_mnist", "RMSprop"):
        assert callable(namespace[name]), name


# --------------------------------------------------------------------------- the seed vignette


def test_seed_dense_mnist_pipeline(shared_data: Any) -> None:
    mnist = rkeras.load_mnist()
    X_train = mnist["X_train"][:2000].reshape(2000, 784) / 255
    Y_train = rkeras.to_categorical(mnist["Y_train"][:2000], 10.0)
    X_test = mnist["X_test"][:1000].reshape(1000, 784) / 255
    Y_test = mnist["Y_test"][:1000]

    mod = rkeras.Sequential()
    mod.add(rkeras.Dense(units=512.0, input_shape=float(X_train.shape[1])))
    mod.add(rkeras.LeakyReLU())
    mod.add(rkeras.Dropout(0.25))
    mod.add(rkeras.Dense(units=512.0))
    mod.add(rkeras.LeakyReLU())
    mod.add(rkeras.Dropout(0.25))
    mod.add(rkeras.Dense(10.0))
    mod.add(rkeras.Activation("softmax"))
    assert mod.input_shape == (None, 784)

    assert rkeras.keras_compile(mod, loss="categorical_crossentropy", optimizer=rkeras.RMSprop()) is mod
    result = rkeras.keras_fit(
        mod, X_train, Y_train, batch_size=32.0, epochs=1.0, verbose=0.0, validation_split=0.1
    )
    assert result is None  # kerasR discards the history

    Y_test_hat = rkeras.keras_predict_classes(mod, X_test, verbose=0.0)
    assert Y_test_hat.shape == (1000,)
    assert np.issubdtype(Y_test_hat.dtype, np.integer)
    assert set(np.unique(Y_test_hat)) <= set(range(10))  # 0-based classes, like Y_test
    assert np.mean(Y_test == Y_test_hat) > 0.7  # chance is 0.1
    probs = rkeras.keras_predict(mod, X_test, verbose=0.0)
    assert probs.shape == (1000, 10)
    assert np.array_equal(probs.argmax(axis=1), Y_test_hat)


def test_seed_cnn_block_builds_and_predicts() -> None:
    mod = rkeras.Sequential()
    mod.add(rkeras.Conv2D(filters=32.0, kernel_size=[3.0, 3.0], input_shape=[28.0, 28.0, 1.0]))
    mod.add(rkeras.Activation("relu"))
    mod.add(rkeras.Conv2D(filters=32.0, kernel_size=[3.0, 3.0], input_shape=[28.0, 28.0, 1.0]))
    mod.add(rkeras.Activation("relu"))
    mod.add(rkeras.MaxPooling2D(pool_size=[2.0, 2.0]))
    mod.add(rkeras.Dropout(0.25))
    mod.add(rkeras.Flatten())
    mod.add(rkeras.Dense(128.0))
    mod.add(rkeras.Activation("relu"))
    mod.add(rkeras.Dropout(0.25))
    mod.add(rkeras.Dense(10.0))
    mod.add(rkeras.Activation("softmax"))
    rkeras.keras_compile(mod, loss="categorical_crossentropy", optimizer=rkeras.RMSprop())
    assert mod.input_shape == (None, 28, 28, 1)
    assert mod.layers[0].kernel_size == (3, 3) and mod.layers[0].filters == 32
    assert mod.layers[4].pool_size == (2, 2)
    x = np.random.default_rng(0).random((3, 28, 28, 1))
    assert rkeras.keras_predict(mod, x, verbose=0).shape == (3, 10)


def test_seed_embedding_lstm_block_with_input_length() -> None:
    mod = rkeras.Sequential()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # kerasR's input_length is accepted quietly
        mod.add(rkeras.Embedding(500.0, 32.0, input_length=100.0, input_shape=100.0))
    mod.add(rkeras.Dropout(0.25))
    mod.add(rkeras.LSTM(32.0))
    mod.add(rkeras.Dense(256.0))
    mod.add(rkeras.Dropout(0.25))
    mod.add(rkeras.Activation("relu"))
    mod.add(rkeras.Dense(1.0))
    mod.add(rkeras.Activation("sigmoid"))
    rkeras.keras_compile(mod, loss="binary_crossentropy", optimizer=rkeras.RMSprop(lr=0.00025))
    assert mod.input_shape == (None, 100)
    emb = mod.layers[0]
    assert (emb.input_dim, emb.output_dim) == (500, 32)
    x = np.random.default_rng(1).integers(0, 500, (64, 100))
    y = np.random.default_rng(2).integers(0, 2, 64).astype(float)  # an R vector: becomes one column
    rkeras.keras_fit(mod, x, y, batch_size=32, epochs=1, verbose=0)
    pred = rkeras.keras_predict(mod, x[:5], verbose=0)
    assert pred.shape == (5, 1) and np.all((pred >= 0) & (pred <= 1))


def test_embedding_input_length_alone_gives_the_input_shape() -> None:
    mod = rkeras.Sequential()
    mod.add(rkeras.Embedding(50, 4, input_length=7.0))
    assert mod.input_shape == (None, 7)
    with pytest.raises(RKerasError, match=r"Embedding\(\).*input_length.*input_shape"):
        rkeras.Embedding(50, 4, input_length=7, input_shape=8)


def test_seed_boston_housing_block(shared_data: Any) -> None:
    boston = rkeras.load_boston_housing()
    assert list(boston) == ["X_train", "Y_train", "X_test", "Y_test"]
    assert boston["X_train"].shape == (404, 13) and boston["X_test"].shape == (102, 13)
    X_train = (boston["X_train"] - boston["X_train"].mean(0)) / boston["X_train"].std(0)
    mod = rkeras.Sequential()
    mod.add(rkeras.Dense(units=50.0, input_shape=13.0))
    mod.add(rkeras.Activation("relu"))
    mod.add(rkeras.Dense(units=1.0))
    rkeras.keras_compile(mod, loss="mse", optimizer=rkeras.RMSprop())
    rkeras.keras_fit(
        mod, X_train, boston["Y_train"], batch_size=32, epochs=2, verbose=0, validation_split=0.1
    )
    pred = rkeras.keras_predict(mod, rkeras.normalize(boston["X_test"]), verbose=0)
    assert pred.shape == (102, 1) and np.isfinite(pred).all()


def test_load_mnist_keys_shapes_and_types(shared_data: Any) -> None:
    mnist = rkeras.load_mnist()
    assert list(mnist) == ["X_train", "Y_train", "X_test", "Y_test"]
    assert mnist["X_train"].shape == (60000, 28, 28) and mnist["X_train"].dtype == np.uint8
    assert mnist["Y_train"].shape == (60000,) and mnist["X_test"].shape == (10000, 28, 28)
    assert mnist["Y_test"].shape == (10000,) and set(np.unique(mnist["Y_test"])) == set(range(10))


def _fake_sequences(tmp_path: Path, name: str, keys: tuple[str, ...]) -> None:
    rng = np.random.default_rng(0)
    seqs = np.empty(30, dtype=object)
    for i in range(30):
        seqs[i] = [int(v) for v in rng.integers(1, 40, 3 + i)]
    labels = rng.integers(0, 2, 30)
    arrays = {k: (seqs if k.startswith("x") else labels) for k in keys}
    np.savez(tmp_path / name, **arrays)


def test_load_imdb_and_reuters_are_flat_lists(tmp_path: Path, monkeypatch: Any) -> None:
    _fake_sequences(tmp_path, "imdb.npz", ("x_train", "y_train", "x_test", "y_test"))
    _fake_sequences(tmp_path, "reuters.npz", ("x", "y"))
    monkeypatch.setenv("RKERAS_DATA_DIR", str(tmp_path))
    imdb = rkeras.load_imdb(num_words=20.0, maxlen=20.0)
    assert list(imdb) == ["X_train", "Y_train", "X_test", "Y_test"]
    assert all(len(s) < 20 and max(s) < 20 and s[0] == 1 for s in imdb["X_train"])  # start_char 1
    assert len(imdb["X_train"]) == len(imdb["Y_train"])
    reuters = rkeras.load_reuters()  # kerasR's default maxlen = 1000 keeps everything here
    assert len(reuters["X_train"]) + len(reuters["X_test"]) == 30
    with pytest.raises(RKerasError, match=r"^load_imdb\(\): .*maxlen"):
        rkeras.load_imdb(maxlen=2)


# --------------------------------------------------------------------------- layers


def test_layer_constructors_return_keras_layers_with_kerasr_positions() -> None:
    import keras

    dense = rkeras.Dense(64.0)
    assert isinstance(dense, keras.layers.Dense) and dense.units == 64
    assert rkeras.Dropout(0.25).rate == 0.25
    assert rkeras.Activation("relu").activation is keras.activations.relu
    conv = rkeras.Conv2D(32.0, [3.0, 3.0])
    assert (conv.filters, conv.kernel_size) == (32, (3, 3))
    assert rkeras.MaxPooling2D([2.0, 2.0]).pool_size == (2, 2)
    assert rkeras.LeakyReLU(alpha=0.1).negative_slope == pytest.approx(0.1)
    assert rkeras.LeakyReLU().negative_slope == pytest.approx(0.3)
    assert rkeras.AveragePooling2D().pool_size == (2, 2)  # kerasR's default (Keras 3 has none)
    assert rkeras.AveragePooling1D().pool_size == (2,)
    assert rkeras.GaussianNoise().stddev == 1.0
    assert rkeras.GaussianDropout().rate == 0.5
    assert rkeras.Reshape([2.0, 2.0]).target_shape == (2, 2)
    assert rkeras.RepeatVector(3.0).n == 3
    lstm = rkeras.LSTM(8.0, return_sequences=True)
    assert lstm.units == 8 and lstm.return_sequences
    assert isinstance(rkeras.Bidirectional(rkeras.LSTM(4)), keras.layers.Bidirectional)
    assert isinstance(rkeras.TimeDistributed(rkeras.Dense(2)), keras.layers.TimeDistributed)


@pytest.mark.parametrize(
    "make, shape",
    [
        (lambda: rkeras.Flatten(input_shape=[4.0, 4.0]), (None, 4, 4)),
        (lambda: rkeras.GaussianNoise(0.1, input_shape=4.0), (None, 4)),
        (lambda: rkeras.AveragePooling1D(input_shape=[6.0, 2.0]), (None, 6, 2)),
        (lambda: rkeras.BatchNormalization(input_shape=4.0), (None, 4)),
        (lambda: rkeras.ThresholdedReLU(input_shape=4.0), (None, 4)),
        (lambda: rkeras.SimpleRNN(3.0, input_shape=[5.0, 2.0]), (None, 5, 2)),
        (lambda: rkeras.ZeroPadding2D(input_shape=[4.0, 4.0, 1.0]), (None, 4, 4, 1)),
    ],
)
def test_input_shape_on_a_first_layer_builds_the_model(make: Any, shape: tuple[Any, ...]) -> None:
    mod = rkeras.Sequential()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        mod.add(make())
    assert mod.input_shape == shape


def test_thresholded_relu_values_and_serialisation(tmp_path: Path) -> None:
    x = np.array([[-2.0, -0.5, 0.0, 0.5, 1.0, 1.5, 3.0]], dtype="float32")
    assert np.allclose(np.asarray(rkeras.ThresholdedReLU()(x)), [[0, 0, 0, 0, 0, 1.5, 3.0]])
    assert np.allclose(np.asarray(rkeras.ThresholdedReLU(0.25)(x)), [[0, 0, 0, 0.5, 1.0, 1.5, 3.0]])
    with pytest.raises(RKerasError, match=r"ThresholdedReLU\(\).*theta"):
        rkeras.ThresholdedReLU(theta=-1)
    mod = rkeras.Sequential()
    mod.add(rkeras.Dense(7.0, input_shape=7.0))
    mod.add(rkeras.ThresholdedReLU(theta=0.2))
    rkeras.keras_compile(mod, loss="mse", optimizer="sgd")
    before = rkeras.keras_predict(mod, x, verbose=0)
    rkeras.keras_save(mod, str(tmp_path / "t.h5"))
    again = rkeras.keras_load(str(tmp_path / "t.h5"))
    assert np.allclose(rkeras.keras_predict(again, x, verbose=0), before)
    rkeras.keras_model_to_json(mod, str(tmp_path / "t.json"))
    arch = rkeras.keras_model_from_json(str(tmp_path / "t.json"))
    assert type(arch.layers[-1]).__name__ == "ThresholdedReLU" and arch.layers[-1].theta == pytest.approx(0.2)


@pytest.mark.parametrize("name", ["LocallyConnected1D", "LocallyConnected2D"])
def test_locally_connected_layers_explain_they_are_gone(name: str) -> None:
    with pytest.raises(RKerasError, match=rf"^{name}\(\): .*removed in Keras 3.*Conv"):
        getattr(rkeras, name)(filters=4, kernel_size=2)


def test_bad_layer_arguments_name_the_function() -> None:
    with pytest.raises(RKerasError, match=r"^Dense\(\): `units`"):
        rkeras.Dense(units=64.5)
    with pytest.raises(RKerasError, match=r"^Activation\(\): `activation`"):
        rkeras.Activation("no_such_activation")


# --------------------------------------------------------------------------- optimizers


def _lr(opt: Any) -> float:
    return float(np.asarray(opt.learning_rate))


def test_optimizers_take_kerasr_lr_without_warning() -> None:
    import keras

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        opt = rkeras.RMSprop(lr=0.00025)
    assert isinstance(opt, keras.optimizers.RMSprop)
    assert _lr(opt) == pytest.approx(0.00025)
    assert opt.rho == pytest.approx(0.9) and opt.epsilon == pytest.approx(1e-8)
    defaults = {"SGD": 0.01, "RMSprop": 0.001, "Adagrad": 0.01, "Adadelta": 1.0, "Adam": 0.001}
    defaults.update({"Adamax": 0.002, "Nadam": 0.002})
    for name, lr in defaults.items():
        opt = getattr(rkeras, name)()
        assert isinstance(opt, getattr(keras.optimizers, name)), name
        assert _lr(opt) == pytest.approx(lr), name
        assert opt.clipnorm is None and opt.clipvalue is None  # kerasR's -1 = off


def test_sgd_positional_arguments_follow_kerasr() -> None:
    opt = rkeras.SGD(0.1, 0.9, 0.0, True)
    assert _lr(opt) == pytest.approx(0.1)
    assert opt.momentum == pytest.approx(0.9) and opt.nesterov is True
    assert rkeras.Adam(beta_1=0.8).beta_1 == pytest.approx(0.8)


def test_decay_is_keras2_time_based_decay() -> None:
    opt = rkeras.SGD(lr=0.1, decay=0.5)
    config = opt.get_config()["learning_rate"]
    assert config["class_name"] == "InverseTimeDecay"
    schedule = opt._learning_rate
    for step in (0, 1, 4):
        assert float(np.asarray(schedule(step))) == pytest.approx(0.1 / (1 + 0.5 * step))


def test_optimizer_argument_errors() -> None:
    assert rkeras.SGD(clipnorm=1.0).clipnorm == 1.0
    with pytest.raises(RKerasError, match=r"^SGD\(\): .*clipnorm.*clipvalue"):
        rkeras.SGD(clipnorm=1.0, clipvalue=0.5)
    with pytest.raises(RKerasError, match=r"^Adam\(\): `lr` must be a number >= 0"):
        rkeras.Adam(lr=-1)
    with pytest.warns(UserWarning, match="schedule_decay"):
        rkeras.Nadam(schedule_decay=0.01)


# --------------------------------------------------------------------------- callbacks, initializers, ...


def test_callbacks(tmp_path: Path) -> None:
    import keras

    stop = rkeras.EarlyStopping(patience=2.0)
    assert isinstance(stop, keras.callbacks.EarlyStopping) and stop.patience == 2
    plateau = rkeras.ReduceLROnPlateau(epsilon=0.01)
    assert plateau.min_delta == pytest.approx(0.01)
    assert isinstance(rkeras.TensorBoard(log_dir=str(tmp_path / "logs")), keras.callbacks.TensorBoard)
    with pytest.raises(RKerasError, match=r"^ModelCheckpoint\(\): `filepath`"):
        rkeras.ModelCheckpoint(str(tmp_path / "w.hdf5"))

    mod = _tiny_model()
    rkeras.keras_compile(mod, loss="categorical_crossentropy", optimizer=rkeras.SGD())
    x = np.random.default_rng(0).random((16, 4))
    y = rkeras.to_categorical(np.arange(16) % 3, 3)
    log = tmp_path / "log.csv"
    checkpoint = tmp_path / "m-{epoch}.keras"
    rkeras.keras_fit(
        mod,
        x,
        y,
        epochs=4.0,
        verbose=0,
        initial_epoch=1.0,  # 0-based: epochs 2, 3 and 4 run
        callbacks=[rkeras.CSVLogger(str(log)), rkeras.ModelCheckpoint(str(checkpoint), period=2.0)],
    )
    with open(log) as f:
        epochs = [row["epoch"] for row in csv.DictReader(f)]
    assert epochs == ["1", "2", "3"]  # Keras's 0-based epoch numbers
    assert sorted(p.name for p in tmp_path.glob("m-*.keras")) == ["m-2.keras", "m-4.keras"]


def test_initializers_regularizers_constraints() -> None:
    import keras

    for name in ("glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_uniform"):
        init = getattr(rkeras, name)(seed=1.0)
        assert np.asarray(init((3, 3))).shape == (3, 3)
    assert np.allclose(np.asarray(rkeras.Identity()((3, 3))), np.eye(3))
    assert np.allclose(np.asarray(rkeras.Constant(2.0)((2,))), 2.0)
    assert float(rkeras.l1(l=0.02).l1) == pytest.approx(0.02)
    assert float(rkeras.l2(0.03).l2) == pytest.approx(0.03)
    both = rkeras.l1_l2()
    assert isinstance(both, keras.regularizers.L1L2)
    assert (float(both.l1), float(both.l2)) == pytest.approx((0.01, 0.01))  # kerasR's defaults
    norm = rkeras.max_norm(3.0, axis=0.0)
    assert norm.max_value == 3.0 and norm.axis == 0
    assert isinstance(rkeras.non_neg(), keras.constraints.NonNeg)
    dense = rkeras.Dense(2, kernel_regularizer=rkeras.l2(0.01), kernel_constraint=rkeras.unit_norm())
    mod = rkeras.Sequential([dense])
    mod.build((None, 3))
    assert len(mod.losses) == 1


# --------------------------------------------------------------------------- compile / fit / predict


def test_keras_compile_names_and_errors() -> None:
    mod = _tiny_model()
    rkeras.keras_compile(mod, optimizer=rkeras.Adam(), loss="kullback_leibler_divergence", metrics="accuracy")
    x = np.random.default_rng(0).random((8, 4))
    y = rkeras.to_categorical(np.arange(8) % 3, 3)
    rkeras.keras_fit(mod, x, y, epochs=1, verbose=0)
    with pytest.raises(RKerasError, match=r"^keras_compile\(\): `loss` must be the name of a Keras loss"):
        rkeras.keras_compile(mod, optimizer="sgd", loss="no_such_loss")
    with pytest.raises(RKerasError, match=r"^keras_compile\(\): `model` must be a Keras model"):
        rkeras.keras_compile("model", optimizer="sgd", loss="mse")
    with pytest.warns(UserWarning, match="sample_weight_mode"):
        rkeras.keras_compile(mod, optimizer="sgd", loss="mse", sample_weight_mode="temporal")


def test_keras_fit_takes_r_style_validation_data_and_class_weight() -> None:
    mod = rkeras.Sequential([rkeras.Dense(2.0, input_shape=3.0), rkeras.Activation("softmax")])
    rkeras.keras_compile(mod, loss="sparse_categorical_crossentropy", optimizer="adam", metrics="accuracy")
    x = np.random.default_rng(0).random((12, 3))
    y = np.arange(12.0) % 2  # an R double vector of 0-based labels
    rkeras.keras_fit(
        mod,
        x,
        y,
        epochs=1,
        verbose=0,
        validation_data=[x[:4], y[:4]],  # R's list(x_val, y_val)
        class_weight={"0": 1.0, "1": 2.0},  # R's list(`0` = 1, `1` = 2)
    )
    with pytest.raises(RKerasError, match=r"^keras_fit\(\): `validation_split`"):
        rkeras.keras_fit(mod, x, y, verbose=0, validation_split=1.5)


def test_keras_fit_needs_a_compiled_model() -> None:
    with pytest.raises(RKerasError, match=r"^keras_fit\(\): .*keras_compile"):
        rkeras.keras_fit(_tiny_model(), np.zeros((2, 4)), np.zeros((2, 3)), verbose=0)


def test_keras_predict_classes_and_proba_follow_keras2() -> None:
    x = np.random.default_rng(0).random((6, 4))
    binary = _tiny_model(units=1, activation="sigmoid")
    rkeras.keras_compile(binary, loss="binary_crossentropy", optimizer="sgd")
    classes = rkeras.keras_predict_classes(binary, x, verbose=0)
    proba = rkeras.keras_predict_proba(binary, x, verbose=0)
    assert classes.shape == (6, 1) and classes.dtype == np.int32
    assert np.array_equal(classes, (proba > 0.5).astype("int32"))
    linear = _tiny_model(units=2, activation="linear")
    with pytest.warns(UserWarning, match=r"outside \[0, 1\]"):
        rkeras.keras_predict_proba(linear, x * 100 - 50, verbose=0)


# --------------------------------------------------------------------------- saving


def _trained(tmp_path: Path) -> tuple[Any, np.ndarray]:
    mod = _tiny_model()
    rkeras.keras_compile(mod, loss="categorical_crossentropy", optimizer=rkeras.RMSprop())
    x = np.random.default_rng(0).random((16, 4))
    rkeras.keras_fit(mod, x, rkeras.to_categorical(np.arange(16) % 3, 3), epochs=1, verbose=0)
    return mod, x


@pytest.mark.parametrize("name", ["full_model.h5", "full_model.keras", "file4a3b"])
def test_keras_save_and_load_give_identical_predictions(tmp_path: Path, name: str) -> None:
    mod, x = _trained(tmp_path)
    path = tmp_path / name
    assert rkeras.keras_save(mod, str(path)) is None
    again = rkeras.keras_load(str(path))
    assert np.array_equal(rkeras.keras_predict(again, x, verbose=0), rkeras.keras_predict(mod, x, verbose=0))
    assert again.optimizer is not None  # compiled, with its optimizer


def test_saving_never_overwrites_silently(tmp_path: Path) -> None:
    mod, x = _trained(tmp_path)
    for fn, name in (
        (rkeras.keras_save, "m.h5"),
        (rkeras.keras_save_weights, "w.h5"),
        (rkeras.keras_model_to_json, "m.json"),
    ):
        path = tmp_path / name
        path.write_bytes(b"user data")
        with pytest.raises(RKerasError, match=r"`path` .* already exists; pass overwrite = TRUE"):
            fn(mod, str(path))
        assert path.read_bytes() == b"user data"
        fn(mod, str(path), overwrite=True)
        assert path.read_bytes() != b"user data"


def test_keras_save_weights_and_load_weights(tmp_path: Path) -> None:
    mod, x = _trained(tmp_path)
    rkeras.keras_save_weights(mod, str(tmp_path / "weights_model.h5"))
    fresh = _tiny_model()
    assert rkeras.keras_load_weights(fresh, str(tmp_path / "weights_model.h5")) is None
    assert np.allclose(rkeras.keras_predict(fresh, x, verbose=0), rkeras.keras_predict(mod, x, verbose=0))
    # Keras 2 also read the weights of a whole model saved in HDF5
    rkeras.keras_save(mod, str(tmp_path / "full.h5"))
    other = _tiny_model()
    rkeras.keras_load_weights(other, str(tmp_path / "full.h5"))
    assert np.allclose(rkeras.keras_predict(other, x, verbose=0), rkeras.keras_predict(mod, x, verbose=0))
    with pytest.raises(RKerasError, match=r"^keras_load_weights\(\): `path` .* does not exist"):
        rkeras.keras_load_weights(other, str(tmp_path / "nope.h5"))


def test_keras_model_to_json_writes_a_file_that_from_json_reads(tmp_path: Path) -> None:
    mod, _ = _trained(tmp_path)
    path = tmp_path / "model_architecture.json"
    rkeras.keras_model_to_json(mod, str(path))
    assert path.is_file() and '"class_name": "Sequential"' in path.read_text()
    arch = rkeras.keras_model_from_json(str(path))
    assert [type(layer).__name__ for layer in arch.layers] == [type(layer).__name__ for layer in mod.layers]
    assert arch.count_params() == mod.count_params()
    # the seed's slip: keras_model_to_json("file.json") gets a clear error
    with pytest.raises(RKerasError, match=r"^keras_model_to_json\(\): `model` .*keras_model_from_json"):
        rkeras.keras_model_to_json(str(path))
    with pytest.raises(RKerasError, match=r"^keras_load\(\): `path` .* does not exist"):
        rkeras.keras_load(str(tmp_path / "missing.h5"))


# --------------------------------------------------------------------------- text


def test_tokenizer_round_trip() -> None:
    texts = ["The cat sat on the mat.", "The dog ate my homework!", "the cat"]
    tok = rkeras.Tokenizer(num_words=4.0)
    assert tok.num_words == 4
    tok.fit_on_texts(texts)
    assert tok.document_count == 3
    assert list(tok.word_index)[:3] == ["the", "cat", "sat"]  # by frequency, ties in order of appearance
    assert tok.word_index["the"] == 1 and tok.word_index["cat"] == 2
    assert tok.texts_to_sequences(["the cat sat", "a mat"]) == [[1, 2, 3], []]  # only indices < num_words
    matrix = tok.texts_to_matrix(["the the cat"], mode="count")
    assert matrix.shape == (1, 4) and matrix[0].tolist() == [0, 2, 1, 0]
    assert tok.texts_to_matrix("the cat", mode="binary")[0].tolist() == [0, 1, 1, 0]  # one string = one text
    assert tok.sequences_to_texts([[1, 2]]) == ["the cat"]
    freq = tok.texts_to_matrix(["the cat"], mode="freq")[0]
    assert freq.tolist() == [0, 0.5, 0.5, 0]
    tfidf = tok.texts_to_matrix(["the"], mode="tfidf")[0]
    assert tfidf[1] == pytest.approx(np.log(1 + 3 / (1 + 3)))

    oov = rkeras.Tokenizer(oov_token="<unk>")
    oov.fit_on_texts(texts)
    assert oov.word_index["<unk>"] == 1
    assert oov.texts_to_sequences(["the zebra"]) == [[2, 1]]


def test_text_helpers() -> None:
    assert rkeras.text_to_word_sequence("Hello, World!  Again") == ["hello", "world", "again"]
    assert rkeras.text_to_word_sequence("a-b", filters="", lower=False, split="-") == ["a", "b"]
    codes = rkeras.one_hot("the cat the dog", 10.0)
    assert len(codes) == 4 and all(1 <= c <= 9 for c in codes)
    assert codes[0] == codes[2] and codes == rkeras.one_hot("The cat, the dog.", 10)
    with pytest.raises(RKerasError, match=r"^one_hot\(\): `n`"):
        rkeras.one_hot("a b", 1)


# --------------------------------------------------------------------------- setup and utilities


def test_setup_functions() -> None:
    assert rkeras.keras_available() is True
    assert rkeras.keras_init() is None


def test_plot_model_names_what_is_missing(monkeypatch: Any) -> None:
    import rkeras.flavours.kerasr as kr

    monkeypatch.setattr(kr.shutil, "which", lambda name: None)
    with pytest.raises(RKerasError, match=r"^plot_model\(\): .*Graphviz"):
        rkeras.plot_model(_tiny_model())


def test_shared_names_keep_their_keras3_rows() -> None:
    rows = rows_by_name()
    for name in SHARED_WITH_KERAS3:
        assert rows[name].flavour == "keras3"
    # kerasR's positional call still works; its axis was raw 0-based, keras3's is 1-based
    y = rkeras.to_categorical(np.array([0, 2, 1]), 3.0)
    assert y.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert rkeras.pad_sequences([[1, 2], [3]], maxlen=3.0).tolist() == [[0, 1, 2], [0, 0, 3]]
