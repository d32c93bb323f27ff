"""Nothing lost: saves are atomic (a failed or killed save leaves the old file intact).

The kill trials start a process that saves a model over and over (each save marks the
model's weights with its number) and SIGKILLs it at random moments, mid-save included;
the file must then always load, holding one complete save. ``RKERAS_SOAK_TRIALS`` raises
the number of trials (``make soak``).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras.api import saving

sys.path.insert(0, str(Path(__file__).parent))

from reliability_out import record  # noqa: E402

SAVER = textwrap.dedent(
    """
    import sys, numpy as np
    import rkeras
    kind, path = sys.argv[1], sys.argv[2]
    model = rkeras.keras_model_sequential(input_shape=256)
    for _ in range(4):
        rkeras.layer_dense(model, units=512)
    save = {"keras": rkeras.save_model, "h5": rkeras.save_model_hdf5,
            "weights": rkeras.save_model_weights, "weights_h5": rkeras.save_model_weights_hdf5}[kind]
    i = 0
    while True:
        i += 1
        w = model.layers[0].get_weights()
        w[1][:] = i  # the bias holds the save's number
        model.layers[0].set_weights(w)
        print(f"saving {i}", flush=True)
        save(model, path, overwrite=True)
        print(f"saved {i}", flush=True)
    """
)


def _model() -> object:
    model = rkeras.keras_model_sequential(input_shape=256)
    for _ in range(4):
        rkeras.layer_dense(model, units=512)
    return model


def _saved_number(kind: str, path: Path) -> int:
    if kind in ("keras", "h5"):
        model = rkeras.load_model(str(path)) if kind == "keras" else rkeras.load_model_hdf5(str(path))
    else:
        model = _model()
        load = rkeras.load_model_weights if kind == "weights" else rkeras.load_model_weights_hdf5
        load(model, str(path))
    bias = model.layers[0].get_weights()[1]
    assert np.all(bias == bias[0]), "a mixed file: parts of two saves"
    return int(bias[0])


TARGETS = {"keras": "m.keras", "h5": "m.h5", "weights": "m.weights.h5", "weights_h5": "w.h5"}
SAVES = {"keras": saving.save_model, "h5": saving.save_model_hdf5, "weights": saving.save_model_weights,
         "weights_h5": saving.save_model_weights_hdf5}


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(TARGETS))
def test_killed_saves_never_corrupt_the_old_file(tmp_path: Path, kind: str) -> None:
    trials = int(os.environ.get("RKERAS_SOAK_TRIALS", "1"))
    rng = random.Random(7)
    target = tmp_path / TARGETS[kind]
    script = tmp_path / "saver.py"
    script.write_text(SAVER, encoding="utf-8")
    last_complete = intact = 0
    failures: list[str] = []
    for _ in range(trials):
        proc = subprocess.Popen([sys.executable, str(script), kind, str(target)], stdout=subprocess.PIPE,
                                text=True, env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
        assert proc.stdout is not None
        saved = 0
        stop_after = rng.randint(1, 3)
        for line in proc.stdout:
            if line.startswith("saved"):
                saved = int(line.split()[1])
            elif line.startswith("saving") and int(line.split()[1]) > stop_after:
                time.sleep(rng.uniform(0, 0.2))  # somewhere inside (or just after) this save
                break
        proc.kill()
        proc.wait(timeout=30)
        try:
            number = _saved_number(kind, target)
        except Exception as exc:  # noqa: BLE001 - a file that does not load is what is counted
            failures.append(f"does not load: {type(exc).__name__}: {exc}")
            continue
        # the file holds a complete save: the last one reported, or the one that was under way
        if number < max(saved, 1):
            failures.append(f"holds save {number}, {saved} had completed")
            continue
        intact += 1
        last_complete = number
    record(f"kill_save_{kind}", {"format": kind, "trials": trials, "intact": intact,
                                 "corrupt": len(failures), "failures": failures[:10]})
    assert failures == []
    assert intact == trials and last_complete >= 1
    # the next save to the same file removes what killed saves left beside it
    SAVES[kind](_model(), str(target), overwrite=True)
    assert [p.name for p in tmp_path.iterdir() if ".partial" in p.name] == []


def test_failed_save_leaves_old_file_and_no_partial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _model()
    target = tmp_path / "m.keras"
    rkeras.save_model(model, str(target))
    before = target.read_bytes()
    keras = rkeras.api._keras.keras()

    def broken(obj: object, filepath: str, **kwargs: object) -> None:
        Path(filepath).write_bytes(b"half a model")
        raise OSError("disk full")

    monkeypatch.setattr(keras.saving, "save_model", broken)
    with pytest.raises(OSError, match="disk full"):
        rkeras.save_model(model, str(target), overwrite=True)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.keras"]


def test_new_file_appears_only_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _model()
    target = tmp_path / "new.weights.h5"
    seen: list[bool] = []
    original = type(model).save_weights

    def spy(self: object, filepath: str, *args: object, **kwargs: object) -> None:
        seen.append(target.exists())
        original(self, filepath, *args, **kwargs)
        seen.append(target.exists())

    monkeypatch.setattr(type(model), "save_weights", spy)
    rkeras.save_model_weights(model, str(target))
    assert seen == [False, False]  # written under another name, renamed at the end
    assert target.is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["new.weights.h5"]


def _compiled() -> object:
    model = rkeras.keras_model_sequential(input_shape=3) | rkeras.layer_dense(units=1)
    return model | rkeras.compile(loss="mse", optimizer="sgd")


def test_na_in_training_data_is_an_error_naming_where(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _compiled()
    weights = [w.copy() for w in model.get_weights()]
    x = np.ones((5, 3))
    x[2, 1] = np.nan
    x[4, 0] = np.inf
    with pytest.raises(ValueError, match=r"fit\(\): `x` has 1 missing \(NA/NaN\) and 1 infinite value\(s\), "
                                         r"the first at \[3, 2\] \(1-based\)"):
        rkeras.fit(model, x, np.ones(5), verbose=0)
    y = np.ones(5)
    y[0] = np.nan
    with pytest.raises(ValueError, match=r"`validation_data` \(y_val\) has 1 missing"):
        rkeras.fit(model, np.ones((5, 3)), np.ones(5), validation_data=[np.ones((5, 3)), y], verbose=0)
    # nothing was trained
    assert all(np.array_equal(a, b) for a, b in zip(weights, model.get_weights(), strict=True))
    monkeypatch.setenv("RKERAS_ALLOW_NA", "1")
    history = rkeras.fit(model, x, np.ones(5), verbose=0)
    assert np.isnan(history.metrics["loss"][0])


def test_errors_keep_their_python_type() -> None:
    # a value of the wrong type, refused by rkeras's converter before Keras sees it: a TypeError too
    with pytest.raises(TypeError, match=r"^layer_dropout\(\): `rate` must be a number, got 'a'") as info:
        rkeras.layer_dropout(rate="a")
    assert isinstance(info.value, rkeras.errors.RKerasTypeError)
    with pytest.raises(AttributeError, match=r"^layer_conv_2d\(\): "):  # what Keras raised for padding = 4
        rkeras.layer_conv_2d(filters=2, kernel_size=3, padding=4)
    with pytest.raises(ValueError, match=r"^layer_dense\(\): Could not interpret initializer"):
        rkeras.layer_dense(units=2, kernel_initializer=object())


def test_absurd_sizes_are_refused_before_any_allocation() -> None:
    with pytest.raises(ValueError, match=r"^pad_sequences\(\): the result of shape \(2, 2147483647\) would "):
        rkeras.pad_sequences([[1, 2, 3], [1, 2]], maxlen=2147483647)
    with pytest.raises(ValueError, match=r"^metric_auc\(\): `num_thresholds` must be a whole number between"):
        rkeras.metric_auc(num_thresholds=1e308)
    huge = int(rkeras.api.memory.available_bytes())  # one-hot rows of 4 bytes: over half of that
    with pytest.raises(ValueError, match=r"^to_categorical\(\): the result of shape \(2, \d+\) would need"):
        rkeras.to_categorical([0, huge // 4])


@pytest.mark.parametrize("call", [
    lambda: rkeras.clone_model(42),
    lambda: rkeras.freeze_weights(42),
    lambda: rkeras.fit(42, np.ones((2, 3)), np.ones(2)),
    lambda: rkeras.fit(object="model.keras"),
    lambda: rkeras.save_model(None, "m.keras"),
], ids=["clone_model", "freeze_weights", "fit", "fit_named", "save_model"])
def test_model_verbs_refuse_what_is_not_a_model(call: Any) -> None:
    with pytest.raises(ValueError, match=r"^[a-z_]+\(\): `object` must be a Keras model \(or layer\), got "):
        call()


def test_model_verbs_without_a_model_are_pipe_stages() -> None:
    stage = rkeras.fit(np.ones((2, 3)), np.ones(2), epochs=1)
    assert isinstance(stage, rkeras.Stage)
