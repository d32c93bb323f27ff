"""Bad input gets an error naming the R-style function, the argument and what was expected,
raised before any work is done."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras import RKerasError


def _model() -> Any:
    model = rkeras.keras_model_sequential(input_shape=4) | rkeras.layer_dense(units=2)
    return model


def _functional() -> Any:
    inp = rkeras.keras_input(shape=2)
    return rkeras.keras_model(inp, inp | rkeras.layer_dense(units=1))


BAD_CALLS: list[tuple[str, Any, str]] = [
    (
        "units fractional",
        lambda: rkeras.layer_dense(units=64.5),
        r"layer_dense\(\): `units` must be a whole number, got 64.5",
    ),
    (
        "units string",
        lambda: rkeras.layer_dense(units="ten"),
        r"layer_dense\(\): `units` must be a whole number",
    ),
    ("units negative", lambda: rkeras.layer_dense(units=-1), r"layer_dense\(\): .*`units`.*-1"),
    (
        "rate out of range",
        lambda: rkeras.layer_dropout(rate=1.5),
        r"layer_dropout\(\): .*`rate`.*between 0 and 1",
    ),
    (
        "input_shape string",
        lambda: rkeras.keras_model_sequential(input_shape="784"),
        r"keras_model_sequential\(\): `input_shape` must be a shape",
    ),
    (
        "input_shape fractional",
        lambda: rkeras.layer_dense(units=2, input_shape=[2.5]),
        r"layer_dense\(\): `input_shape` must be a shape",
    ),
    (
        "activation name",
        lambda: rkeras.layer_dense(units=3, activation="relux"),
        r"layer_dense\(\): `activation` must be the name of an activation .*'relux'",
    ),
    (
        "optimizer name",
        lambda: rkeras.compile(_model(), optimizer="adamx", loss="mse"),
        r"compile\(\): `optimizer` must be the name of a Keras optimizer .*'adamx'",
    ),
    (
        "loss name",
        lambda: rkeras.compile(_model(), loss="categorical_crossentropyy"),
        r"compile\(\): `loss` must be the name of a Keras loss",
    ),
    (
        "metric name",
        lambda: rkeras.compile(_model(), loss="mse", metrics="acuracy"),
        r"compile\(\): `metrics` must be the name of a Keras metric",
    ),
    ("unknown argument", lambda: rkeras.layer_dense(units=2, unitz=3), r"layer_dense\(\): .*unitz"),
    (
        "to_categorical label too big",
        lambda: rkeras.to_categorical([0, 10], num_classes=10),
        r"to_categorical\(\): `x` must hold labels in 0..num_classes-1",
    ),
    ("to_categorical fractional", lambda: rkeras.to_categorical([0.5, 1]), r"to_categorical\(\): `x`"),
    (
        "array_reshape size",
        lambda: rkeras.array_reshape(np.arange(24), (5, 5)),
        r"array_reshape\(\): cannot reshape an array of 24 elements into `dim`",
    ),
    (
        "array_reshape order",
        lambda: rkeras.array_reshape(np.arange(4), (2, 2), order="Z"),
        r"array_reshape\(\): `order`",
    ),
    (
        "get_layer index 0",
        lambda: rkeras.get_layer(_model(), index=0),
        r"get_layer\(\): `index` must be a 1-based index",
    ),
    (
        "get_layer index too big",
        lambda: rkeras.get_layer(_model(), index=5),
        r"get_layer\(\): `index` must be a 1-based layer index in 1..1",
    ),
    ("get_layer name", lambda: rkeras.get_layer(_model(), name="nope"), r"get_layer\(\): `name`"),
    (
        "fit before compile",
        lambda: rkeras.fit(_model(), np.ones((2, 4)), np.ones((2, 2))),
        r"fit\(\): the model must be compiled before training: call compile",
    ),
    (
        "validation_split",
        lambda: rkeras.fit(
            rkeras.compile(_model(), loss="mse"), np.ones((2, 4)), np.ones((2, 2)), validation_split=2
        ),
        r"fit\(\): `validation_split` must be a fraction in \[0, 1\)",
    ),
    (
        "epochs fractional",
        lambda: rkeras.fit(
            rkeras.compile(_model(), loss="mse"), np.ones((2, 4)), np.ones((2, 2)), epochs=2.5
        ),
        r"fit\(\): `epochs` must be a whole number",
    ),
    (
        "too many positional",
        lambda: rkeras.layer_dropout(0.1, None, None, 3, 4),
        r"layer_dropout\(\): takes at most",
    ),
    (
        "lr and learning_rate",
        lambda: rkeras.optimizer_sgd(lr=0.1, learning_rate=0.2),
        r"optimizer_sgd\(\): give `learning_rate` or `lr`, not both",
    ),
    (
        "set_weights count",
        lambda: rkeras.set_weights(_model(), [np.zeros(3)]),
        r"set_weights\(\): `weights` must be a list of 2 arrays",
    ),
    ("keras_input without shape", lambda: rkeras.keras_input(), r"keras_input\(\): `shape`"),
    (
        "normalize axis 0",
        lambda: rkeras.normalize(np.ones((2, 2)), axis=0),
        r"normalize\(\): `axis` is 1-based",
    ),
    (
        "pop_layer on functional",
        lambda: rkeras.pop_layer(_functional()),
        r"pop_layer\(\): `object` must be a Sequential",
    ),
]


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("case", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_input_error_names_argument(case: tuple[str, Any, str]) -> None:
    _, call, pattern = case
    with pytest.raises(RKerasError, match=pattern):
        call()


def test_missing_dataset_file_offline_says_which_file_and_where(tmp_path: Path, monkeypatch: Any) -> None:
    from rkeras.api import datasets

    monkeypatch.setenv("RKERAS_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "kh"))

    def offline(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network is unreachable")

    monkeypatch.setattr(datasets, "_download", offline)
    with pytest.raises(RKerasError, match=r"dataset_imdb\(\): imdb.npz not found .*network is unreachable"):
        rkeras.dataset_imdb()


def test_save_refuses_to_overwrite_before_touching_the_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.keras"
    target.write_bytes(b"user data")
    with pytest.raises(RKerasError, match=r"save_model\(\): `filepath` .* already exists"):
        rkeras.save_model(_model(), target)
    assert target.read_bytes() == b"user data"
    with pytest.raises(RKerasError, match=r"save_model\(\): `filepath` must be a path ending in .keras"):
        rkeras.save_model(_model(), tmp_path / "m.h5")


def test_errors_are_value_errors_for_python_callers() -> None:
    assert issubclass(RKerasError, ValueError)
