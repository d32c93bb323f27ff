"""tfdatasets's basics (rkeras.api.tfdatasets) against tf.data itself: the elements (values, dtypes,
shapes) of each pipeline, shuffling with a seed, fit()/evaluate()/predict() on the datasets, and
the errors for bad arguments."""

from __future__ import annotations

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")

import rkeras  # noqa: E402
from rkeras.errors import RKerasError  # noqa: E402

RNG = np.random.default_rng(0)
X = np.asfortranarray(RNG.random((10, 3)))  # R's matrices reach Python column-major
Y = [float(v) for v in RNG.integers(0, 2, 10)]  # an R double vector reaches Python as a list


def elements(ds: object) -> list[object]:
    return list(ds.as_numpy_iterator())  # type: ignore[attr-defined]


def assert_same(ours: object, theirs: object) -> None:
    a, b = elements(ours), elements(theirs)
    assert len(a) == len(b)
    for u, v in zip(a, b, strict=True):
        for p, q in zip(tf.nest.flatten(u), tf.nest.flatten(v), strict=True):
            assert np.asarray(p).dtype == np.asarray(q).dtype
            np.testing.assert_array_equal(p, q)


def test_tensor_slices_of_an_r_list_are_tuples_and_named_lists_dicts() -> None:
    ours = rkeras.tensor_slices_dataset([X, Y])
    assert_same(ours, tf.data.Dataset.from_tensor_slices((np.ascontiguousarray(X), np.asarray(Y))))
    assert ours.element_spec[0].shape == (3,) and ours.element_spec[1].dtype == tf.float64
    named = rkeras.tensor_slices_dataset({"x": X, "id": list(range(1, 11))})
    assert set(named.element_spec) == {"x", "id"}
    assert named.element_spec["id"].dtype == tf.int32  # R integers are 32-bit
    first = elements(named)[0]
    np.testing.assert_array_equal(first["x"], X[0])
    assert first["id"] == 1
    # an R vector slices into scalars; a logical vector stays logical
    assert elements(rkeras.tensor_slices_dataset([True, False])) == [True, False]
    assert [float(v) for v in elements(rkeras.tensor_slices_dataset([1.5, 2.0]))] == [1.5, 2.0]


def test_a_data_frame_is_a_named_list_of_columns() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"mpg": [21.0, 22.8], "cyl": np.asarray([6, 4], dtype=np.int32),
                          "am": pd.Categorical.from_codes([0, 1], ["auto", "manual"])})
    els = elements(rkeras.tensor_slices_dataset(frame))
    assert [(e["mpg"], e["cyl"], e["am"]) for e in els] == [(21.0, 6, b"auto"), (22.8, 4, b"manual")]


def test_tensors_dataset_is_one_element() -> None:
    ours = rkeras.tensors_dataset([X, Y])
    (only,) = elements(ours)
    np.testing.assert_array_equal(only[0], X)
    np.testing.assert_array_equal(only[1], Y)
    assert ours.element_spec[0].shape == (10, 3)


def test_map_gets_the_components_as_arguments_and_lists_become_tuples() -> None:
    ds = rkeras.tensor_slices_dataset([X, Y])
    ours = rkeras.dataset_map(ds, lambda x, y: [x * 2, y + 1])  # what an R function returns: a list
    theirs = tf.data.Dataset.from_tensor_slices((np.ascontiguousarray(X), np.asarray(Y))).map(
        lambda x, y: (x * 2, y + 1))
    assert isinstance(ours.element_spec, tuple)
    assert_same(ours, theirs)
    named = rkeras.dataset_map(rkeras.tensor_slices_dataset({"a": X}), lambda el: {"b": el["a"] - 1})
    np.testing.assert_allclose(elements(named)[3]["b"], X[3] - 1)
    # keras ops (what op_* and R's arithmetic on tensor handles call) work on the traced tensors
    ops = rkeras.dataset_map(ds, lambda x, y: rkeras.op_sum(x))
    np.testing.assert_allclose(elements(ops), X.sum(axis=1))
    parallel = rkeras.dataset_map(ds, lambda x, y: x, num_parallel_calls=-1)
    np.testing.assert_allclose(np.stack(elements(parallel)), X)


def test_batch_shapes_and_drop_remainder() -> None:
    ds = rkeras.tensor_slices_dataset([X, Y])
    assert [b[0].shape for b in elements(rkeras.dataset_batch(ds, 4))] == [(4, 3), (4, 3), (2, 3)]
    assert [b[1].shape for b in elements(rkeras.dataset_batch(ds, 4.0, drop_remainder=True))] == [(4,), (4,)]
    theirs = tf.data.Dataset.from_tensor_slices((np.ascontiguousarray(X), np.asarray(Y))).batch(3)
    assert_same(rkeras.dataset_batch(ds, 3, num_parallel_calls=2, deterministic=True), theirs)
    unbatched = rkeras.dataset_unbatch(rkeras.dataset_batch(ds, 3))
    assert_same(unbatched, ds)


def test_take_skip_repeat_counts() -> None:
    ds = rkeras.tensor_slices_dataset(list(range(1, 6)))
    assert elements(rkeras.dataset_take(ds, 3)) == [1, 2, 3]
    assert elements(rkeras.dataset_take(ds, -1)) == [1, 2, 3, 4, 5]
    assert elements(rkeras.dataset_take(ds, 50)) == [1, 2, 3, 4, 5]
    assert elements(rkeras.dataset_skip(ds, 2.0)) == [3, 4, 5]
    assert elements(rkeras.dataset_repeat(ds, 2)) == [1, 2, 3, 4, 5] * 2
    forever = rkeras.dataset_repeat(ds)
    assert int(forever.cardinality()) == int(tf.data.INFINITE_CARDINALITY)
    assert elements(rkeras.dataset_take(forever, 12)) == ([1, 2, 3, 4, 5] * 3)[:12]
    assert int(rkeras.dataset_repeat(ds, -1).cardinality()) == int(tf.data.INFINITE_CARDINALITY)


def test_shuffle_with_a_seed_is_tf_data_shuffle_with_that_seed() -> None:
    values = list(range(1, 21))
    ours = rkeras.dataset_shuffle(rkeras.tensor_slices_dataset(values), 20, seed=42,
                                  reshuffle_each_iteration=False)
    theirs = tf.data.Dataset.from_tensor_slices(np.asarray(values, dtype=np.int32)).shuffle(
        20, seed=42, reshuffle_each_iteration=False)
    order = elements(ours)
    assert order == elements(theirs)
    assert sorted(order) == values and order != values
    assert elements(ours) == order  # reshuffle_each_iteration = FALSE: the same order every pass
    again = rkeras.dataset_shuffle(rkeras.tensor_slices_dataset(values), 20.0, seed=42.0,
                                   reshuffle_each_iteration=False)
    assert elements(again) == order


def test_prefetch_cache_padded_batch_collect() -> None:
    ds = rkeras.tensor_slices_dataset([X, Y])
    fetched = rkeras.dataset_prefetch(ds)  # default: tf.data.AUTOTUNE
    assert_same(fetched, ds)
    assert_same(rkeras.dataset_prefetch(ds, 2), ds)
    assert_same(rkeras.dataset_cache(ds), ds)
    lengths = rkeras.dataset_map(rkeras.tensor_slices_dataset([1, 3, 2]), lambda n: tf.range(n))
    padded = elements(rkeras.dataset_padded_batch(lengths, 2, padded_shapes=[None]))
    np.testing.assert_array_equal(padded[0], [[0, 0, 0], [0, 1, 2]])
    np.testing.assert_array_equal(padded[1], [[0, 1]])
    fixed = elements(rkeras.dataset_padded_batch(lengths, 3, padded_shapes=[4], padding_values=-1))
    np.testing.assert_array_equal(fixed[0], [[0, -1, -1, -1], [0, 1, 2, -1], [0, 1, -1, -1]])
    collected = rkeras.dataset_collect(rkeras.dataset_batch(ds, 4))
    assert len(collected) == 3 and isinstance(collected[0], list)
    np.testing.assert_array_equal(collected[2][0], X[8:])
    assert len(rkeras.dataset_collect(rkeras.dataset_repeat(ds), iter_max=4)) == 4
    first = next(iter(rkeras.as_array_iterator(ds)))
    assert isinstance(first[0], np.ndarray) and first[1] == Y[0]


def test_cache_to_files(tmp_path: object) -> None:
    ds = rkeras.tensor_slices_dataset([X, Y])
    cached = rkeras.dataset_cache(ds, str(tmp_path) + "/cache")  # type: ignore[operator]
    assert_same(cached, ds)
    assert_same(cached, ds)  # the second pass reads the files


def test_fit_evaluate_predict_on_a_dataset_match_the_arrays() -> None:
    rkeras.set_random_seed(1)
    model = rkeras.keras_model_sequential(input_shape=3) | rkeras.layer_dense(units=1)
    rkeras.compile(model, loss="mse", optimizer="sgd")
    ds = rkeras.dataset_batch(rkeras.tensor_slices_dataset([X, Y]), 4)
    history = rkeras.fit(model, ds, epochs=2, verbose=0)
    assert len(history.metrics["loss"]) == 2 and history.params["epochs"] == 2
    on_ds = rkeras.evaluate(model, ds, verbose=0)
    on_arrays = rkeras.evaluate(model, np.ascontiguousarray(X), np.asarray(Y), verbose=0)
    assert on_ds["loss"] == pytest.approx(on_arrays["loss"], rel=1e-5)
    features = rkeras.dataset_map(ds, lambda x, y: x)
    np.testing.assert_allclose(rkeras.predict(model, features, verbose=0),
                               rkeras.predict(model, np.ascontiguousarray(X), verbose=0), rtol=1e-5)


@pytest.mark.parametrize(("call", "message"), [
    (lambda ds: rkeras.dataset_batch(ds, 2.5), "dataset_batch(): `batch_size` must be a whole number >= 1"),
    (lambda ds: rkeras.dataset_batch(ds, 0), "dataset_batch(): `batch_size` must be a whole number >= 1"),
    (lambda ds: rkeras.dataset_batch(ds, "4"), "dataset_batch(): `batch_size` must be a whole number"),
    (lambda ds: rkeras.dataset_batch(ds, 2, drop_remainder="yes"),
     "dataset_batch(): `drop_remainder` must be TRUE or FALSE"),
    (lambda ds: rkeras.dataset_batch(X, 2), "dataset_batch(): `dataset` must be a TensorFlow dataset"),
    (lambda ds: rkeras.dataset_take(ds, None), "dataset_take(): `count` must be a whole number"),
    (lambda ds: rkeras.dataset_take(ds, -2), "dataset_take(): `count` must be a whole number (-1: all)"),
    (lambda ds: rkeras.dataset_shuffle(ds, 1.5), "dataset_shuffle(): `buffer_size` must be a whole number"),
    (lambda ds: rkeras.dataset_shuffle(ds, 4, seed=0.5), "dataset_shuffle(): `seed` must be a whole number"),
    (lambda ds: rkeras.dataset_repeat(ds, 1.5), "dataset_repeat(): `count` must be a whole number"),
    (lambda ds: rkeras.dataset_prefetch(ds, 0), "dataset_prefetch(): `buffer_size` must be a whole number"),
    (lambda ds: rkeras.dataset_map(ds, 3), "dataset_map(): `map_func` must be a function"),
    (lambda ds: rkeras.dataset_map(ds, lambda x, y: None),
     "dataset_map(): the mapped function returned NULL"),
    (lambda ds: rkeras.dataset_cache(ds, 3), "dataset_cache(): `filename` must be NULL or a file path"),
    (lambda ds: rkeras.dataset_collect(rkeras.dataset_repeat(ds)),
     "dataset_collect(): `iter_max` must be a whole number for an infinite dataset"),
    (lambda ds: rkeras.tensor_slices_dataset(None), "tensor_slices_dataset(): `tensors` must be an R array"),
    (lambda ds: rkeras.tensor_slices_dataset([X, [1.0, 2.0]]),
     "tensor_slices_dataset(): cannot slice `tensors` along their first dimension"),
])
def test_bad_arguments_name_the_function_and_argument(call: object, message: str) -> None:
    ds = rkeras.tensor_slices_dataset([X, Y])
    with pytest.raises(RKerasError) as info:
        call(ds)  # type: ignore[operator]
    assert str(info.value).startswith(message), str(info.value)
