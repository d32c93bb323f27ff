"""keras 2.x's generator verbs, timeseries_generator() and image data generators
(rkeras/api/generators.py, images.py): the same numbers as Keras's fit()/evaluate()/predict() on the
same batches, batches taken on the main thread, images checked pixel by pixel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras.errors import RKerasError

RNG = np.random.default_rng(0)
X = RNG.random((24, 3)).astype("float32")
Y = (X @ np.array([[1.0], [-2.0], [0.5]], dtype="float32") + 0.1).astype("float32")


def _model(seed: int = 1) -> Any:
    import keras

    keras.utils.set_random_seed(seed)
    model = rkeras.keras_model_sequential(input_shape=3) | rkeras.layer_dense(units=1)
    model | rkeras.compile(loss="mse", optimizer=rkeras.optimizer_sgd(learning_rate=0.05), metrics="mae")
    return model


class _Batches:
    """An R-style generator function: list(x, y) of the next 6 rows, cycling; records its threads."""

    def __init__(self, x: np.ndarray, y: np.ndarray, size: int = 6) -> None:
        self.x, self.y, self.size, self.calls, self.threads = x, y, size, 0, set()

    def __call__(self) -> list[np.ndarray]:
        self.threads.add(threading.current_thread() is threading.main_thread())
        n = len(self.x) // self.size
        i = self.calls % n
        self.calls += 1
        return [self.x[i * self.size:(i + 1) * self.size], self.y[i * self.size:(i + 1) * self.size]]


def test_fit_generator_matches_fit_on_the_same_batches() -> None:
    ours, theirs = _model(), _model()
    np.testing.assert_array_equal(ours.get_weights()[0], theirs.get_weights()[0])
    gen = _Batches(X, Y)
    history = rkeras.fit_generator(ours, gen, steps_per_epoch=4, epochs=3, verbose=0)
    keras_history = theirs.fit(X, Y, batch_size=6, epochs=3, shuffle=False, verbose=0)
    assert gen.calls == 12 and gen.threads == {True}  # one call per step, all on the main thread
    for a, b in zip(ours.get_weights(), theirs.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert history.params["epochs"] == 3 and history.params["steps"] == 4
    np.testing.assert_allclose(history.metrics["loss"], keras_history.history["loss"], rtol=1e-5)
    np.testing.assert_allclose(history.metrics["mae"], keras_history.history["mae"], rtol=1e-5)


def test_fit_generator_validation_initial_epoch_and_callbacks() -> None:
    model = _model()
    seen: list[int] = []
    cb = rkeras.callback_lambda(on_epoch_end=lambda epoch, logs: seen.append(epoch))
    history = rkeras.fit_generator(model, _Batches(X, Y), steps_per_epoch=4, epochs=3, verbose=0,
                                   validation_data=_Batches(X[:12], Y[:12]), validation_steps=2,
                                   initial_epoch=1, callbacks=[cb])
    assert len(history.metrics["loss"]) == 2 and seen == [2, 3]  # keras 2.x's 0-based initial_epoch
    final = model.evaluate(X[:12], Y[:12], batch_size=6, verbose=0, return_dict=True)
    assert history.metrics["val_loss"][-1] == pytest.approx(final["loss"], rel=1e-5)
    arrays = rkeras.fit_generator(model, _Batches(X, Y), steps_per_epoch=4, epochs=1, verbose=0,
                                  validation_data=[X[:12], Y[:12]])
    assert arrays.metrics["val_loss"][0] == pytest.approx(
        model.evaluate(X[:12], Y[:12], verbose=0, return_dict=True)["loss"], rel=1e-5)


def test_evaluate_and_predict_generator_match_keras() -> None:
    model = _model()
    got = rkeras.evaluate_generator(model, _Batches(X, Y), steps=4)
    want = model.evaluate(X, Y, batch_size=6, verbose=0, return_dict=True)
    assert got == pytest.approx(want, rel=1e-5)
    pred = rkeras.predict_generator(model, _Batches(X, Y), steps=4)
    np.testing.assert_allclose(pred, model.predict(X, verbose=0), rtol=1e-5, atol=1e-6)
    only_x = iter([[X[:10]], [X[10:]]])  # list(x) batches of a Python iterator, uneven sizes
    np.testing.assert_allclose(rkeras.predict_generator(model, only_x, steps=2), model.predict(X, verbose=0),
                               rtol=1e-5, atol=1e-6)


def test_fit_evaluate_predict_take_a_generator_function() -> None:
    ours, theirs = _model(), _model()
    gen = _Batches(X, Y)
    history = rkeras.fit(ours, gen, steps_per_epoch=4, epochs=2, verbose=0)
    theirs.fit(X, Y, batch_size=6, epochs=2, shuffle=False, verbose=0)
    assert gen.threads == {True} and len(history.metrics["loss"]) == 2
    np.testing.assert_allclose(ours.get_weights()[0], theirs.get_weights()[0], rtol=1e-5, atol=1e-6)
    assert rkeras.evaluate(ours, _Batches(X, Y), steps=4) == pytest.approx(
        ours.evaluate(X, Y, batch_size=6, verbose=0, return_dict=True), rel=1e-5)
    assert rkeras.predict(ours, _Batches(X, Y), steps=2).shape == (12, 1)


def test_generator_errors_and_running_out() -> None:
    model = _model()
    with pytest.raises(RKerasError, match=r"^fit_generator\(\): `steps_per_epoch` is missing"):
        rkeras.fit_generator(model, _Batches(X, Y))
    with pytest.raises(RKerasError, match=r"^fit_generator\(\): `generator` must be a generator"):
        rkeras.fit_generator(model, 3, steps_per_epoch=2)
    with pytest.raises(RKerasError, match=r"a batch from `generator` must be list\(x\), list\(x, y\)"):
        rkeras.fit_generator(model, lambda: [X, Y, None, None], steps_per_epoch=1, verbose=0)
    with pytest.raises(RKerasError, match=r"^fit\(\): `y` must be NULL when `x` is a generator"):
        rkeras.fit(model, _Batches(X, Y), Y, steps_per_epoch=1)
    batches = iter([[X[:6], Y[:6]]])
    with pytest.warns(UserWarning, match=r"ran out of data after 1 of 3 steps"):
        history = rkeras.fit_generator(model, lambda: next(batches, None), steps_per_epoch=3, epochs=2,
                                       verbose=0)
    assert len(history.metrics["loss"]) == 1


def test_generator_next() -> None:
    it = iter([1, 2])
    assert rkeras.generator_next(it) == 1 and rkeras.generator_next(it) == 2
    assert rkeras.generator_next(it) is None and rkeras.generator_next(it, completed="done") == "done"
    gen = _Batches(X, Y)
    assert rkeras.generator_next(gen)[0].shape == (6, 3)
    tok = rkeras.text_tokenizer()
    rkeras.fit_text_tokenizer(tok, ["a b b"])
    seqs = rkeras.texts_to_sequences_generator(tok, ["b a", "a"])
    assert rkeras.generator_next(seqs) == [1, 2] and rkeras.generator_next(seqs) == [2]


def test_timeseries_generator_documented_example_and_training() -> None:
    data = np.arange(50).reshape(50, 1)
    gen = rkeras.timeseries_generator(data, data, length=10, sampling_rate=2, batch_size=2)
    assert len(gen) == 20
    x, y = gen[0]
    assert x.tolist() == [[[0], [2], [4], [6], [8]], [[1], [3], [5], [7], [9]]] and y.tolist() == [[10], [11]]
    x, y = gen[19]
    assert y.tolist() == [[48], [49]]
    rev = rkeras.timeseries_generator(data, data, length=4, stride=3, start_index=1, end_index=20.0,
                                      reverse=True, batch_size=3)
    # rows 5, 8, 11 in batch 0; then 14, 17, 20
    assert len(rev) == 2 and rev[1][1].tolist() == [[14], [17], [20]]
    assert rev[0][0][0].ravel().tolist() == [4, 3, 2, 1]
    with pytest.raises(RKerasError, match=r"^timeseries_generator\(\): `start_index \+ length` = 52"):
        rkeras.timeseries_generator(data, data, length=2, start_index=50)
    series = RNG.random((40, 2)).astype("float32")
    model = rkeras.keras_model_sequential(input_shape=[5, 2]) | rkeras.layer_flatten() | \
        rkeras.layer_dense(units=2)
    model | rkeras.compile(loss="mse", optimizer="sgd")
    history = rkeras.fit_generator(model, rkeras.timeseries_generator(series, series, length=5, batch_size=8),
                                   epochs=2, verbose=0)  # a sequence: its length is the default
    assert history.params["steps"] == 5 and len(history.metrics["loss"]) == 2


# --------------------------------------------------------------------------- images


def _images(n: int = 4, h: int = 5, w: int = 6) -> np.ndarray:
    return RNG.integers(0, 255, size=(n, h, w, 3)).astype("float32")


def test_flow_from_data_rescale_order_and_labels() -> None:
    x = _images()
    gen = rkeras.image_data_generator(rescale=1 / 255)
    flow = rkeras.flow_images_from_data(x, y=[0, 1, 2, 3], generator=gen, batch_size=3, shuffle=False)
    bx, by = rkeras.generator_next(flow)
    np.testing.assert_allclose(bx, x[:3] / 255, rtol=1e-6)
    assert by.tolist() == [0, 1, 2]
    bx, by = rkeras.generator_next(flow)
    assert bx.shape == (1, 5, 6, 3) and by.tolist() == [3]
    flipped = rkeras.flow_images_from_data(x, generator=rkeras.image_data_generator(horizontal_flip=True),
                                           batch_size=4, shuffle=False, seed=1)
    out = rkeras.generator_next(flipped)
    assert all(np.array_equal(o, i) or np.array_equal(o, i[:, ::-1]) for o, i in zip(out, x, strict=True))
    with pytest.raises(RKerasError, match=r"^flow_images_from_data\(\): `x` must be a 4-d array"):
        rkeras.flow_images_from_data(x[0])


def test_featurewise_statistics_and_preprocessing_function() -> None:
    x = _images(6)
    gen = rkeras.image_data_generator(featurewise_center=True, featurewise_std_normalization=True)
    assert rkeras.fit_image_data_generator(gen, x) is gen
    np.testing.assert_allclose(gen.mean.ravel(), x.mean(axis=(0, 1, 2)), rtol=1e-5)
    out = rkeras.generator_next(rkeras.flow_images_from_data(x, generator=gen, batch_size=6, shuffle=False))
    want = (x - x.mean(axis=(0, 1, 2))) / (x.std(axis=(0, 1, 2)) + 1e-6)
    np.testing.assert_allclose(out, want, rtol=1e-4, atol=1e-4)

    def double(img: np.ndarray) -> np.ndarray:  # an R function's result is a read-only view
        out = img * 2
        out.setflags(write=False)
        return out

    gen = rkeras.image_data_generator(preprocessing_function=double, rescale=0.5)
    out = rkeras.generator_next(rkeras.flow_images_from_data(x, generator=gen, batch_size=6, shuffle=False))
    np.testing.assert_allclose(out, x, rtol=1e-6)  # * 2 then * 0.5
    zca = rkeras.image_data_generator(zca_whitening=True)
    rkeras.fit_image_data_generator(zca, x)
    assert zca.zca_whitening_matrix.shape == (90, 90)
    with pytest.raises(RKerasError, match=r"^image_data_generator\(\): `fill_mode` must be one of"):
        rkeras.image_data_generator(fill_mode="mirror")
    with pytest.raises(RKerasError, match=r"`validation_split` must be a fraction in \[0, 1\)"):
        rkeras.image_data_generator(validation_split=1.5)


def _image_folder(root: Path) -> Path:
    from PIL import Image

    for cls, colour in (("cats", (250, 10, 10)), ("dogs", (10, 10, 250))):
        (root / cls).mkdir(parents=True)
        for i in range(3):
            Image.new("RGB", (8, 6), colour).save(root / cls / f"{cls}{i}.png")
    return root


def test_flow_images_from_directory_class_modes(tmp_path: Path) -> None:
    root = _image_folder(tmp_path / "images")
    flow = rkeras.flow_images_from_directory(str(root), target_size=[4, 5], batch_size=6, shuffle=False)
    assert flow.class_indices == {"cats": 0, "dogs": 1} and flow.samples == 6
    x, y = rkeras.generator_next(flow)
    assert x.shape == (6, 4, 5, 3) and y.tolist() == [[1, 0]] * 3 + [[0, 1]] * 3
    assert x[0, 0, 0].tolist() == [250, 10, 10] and x[5, 3, 4].tolist() == [10, 10, 250]
    _, y = rkeras.generator_next(rkeras.flow_images_from_directory(
        str(root), target_size=[4, 5], class_mode="binary", batch_size=6, shuffle=False))
    assert y.tolist() == [0, 0, 0, 1, 1, 1]
    x, y = rkeras.generator_next(rkeras.flow_images_from_directory(
        str(root), target_size=[4, 5], class_mode="input", batch_size=6, shuffle=False))
    np.testing.assert_array_equal(x, y)
    only_x = rkeras.generator_next(rkeras.flow_images_from_directory(
        str(root), target_size=[4, 5], class_mode=None, color_mode="grayscale", batch_size=6, shuffle=False))
    assert isinstance(only_x, np.ndarray) and only_x.shape == (6, 4, 5, 1)
    split = rkeras.image_data_generator(validation_split=1 / 3)
    train = rkeras.flow_images_from_directory(str(root), generator=split, subset="training", batch_size=2)
    val = rkeras.flow_images_from_directory(str(root), generator=split, subset="validation", batch_size=2)
    assert (train.samples, val.samples) == (4, 2)
    model = rkeras.keras_model_sequential(input_shape=[4, 5, 3]) | rkeras.layer_flatten() | \
        rkeras.layer_dense(units=2, activation="softmax")
    model | rkeras.compile(loss="categorical_crossentropy", optimizer="sgd")
    rescale = rkeras.image_data_generator(rescale=1 / 255)
    flow = rkeras.flow_images_from_directory(str(root), generator=rescale, target_size=[4, 5], batch_size=2)
    history = rkeras.fit(model, flow, epochs=2, verbose=0)  # a flow is a sequence of 3 batches
    assert history.params["steps"] == 3 and len(history.metrics["loss"]) == 2
    with pytest.raises(RKerasError, match=r"^flow_images_from_directory\(\): `class_mode` must be one of"):
        rkeras.flow_images_from_directory(str(root), class_mode="labels")
    with pytest.raises(RKerasError, match=r"`directory` must be an existing folder"):
        rkeras.flow_images_from_directory(str(tmp_path / "nope"))


def test_flow_images_from_dataframe(tmp_path: Path) -> None:
    import pandas as pd

    root = _image_folder(tmp_path / "images")
    frame = pd.DataFrame({"filename": ["cats/cats0.png", "dogs/dogs1.png", "cats/cats2.png"],
                          "class": pd.Categorical(["cat", "dog", "cat"])})
    flow = rkeras.flow_images_from_dataframe(frame, directory=str(root), target_size=[3, 3],
                                             class_mode="sparse", batch_size=3, shuffle=False)
    x, y = rkeras.generator_next(flow)
    assert x.shape == (3, 3, 3, 3) and y.tolist() == [0, 1, 0]
    assert x[1, 0, 0].tolist() == [10, 10, 250]
    with pytest.raises(RKerasError, match=r"`x_col` 'file' is not a column"):
        rkeras.flow_images_from_dataframe(frame, directory=str(root), x_col="file")
