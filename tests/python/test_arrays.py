"""rkeras.api.arrays: array_reshape, to_categorical, pad_sequences, normalize (R semantics)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

# The R-style functions (spec rows): their converters are part of the R semantics under test.
from rkeras import array_reshape, normalize, pad_sequences, to_categorical
from rkeras.errors import RKerasError


@pytest.fixture(scope="module")
def keras_utils():
    import keras

    return keras.utils


def r_array_1_24() -> np.ndarray:
    """R's array(1:24, c(2, 3, 4)) as numpy sees it (index order kept, column-major fill)."""
    return np.arange(1, 25).reshape((2, 3, 4), order="F")


def test_modules_do_not_import_keras_or_tensorflow():
    code = (
        "import sys, rkeras.api.arrays, rkeras.api.datasets; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('keras', 'tensorflow', 'pandas')]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- array_reshape


def test_array_reshape_c_order_matches_r():
    t = r_array_1_24()
    assert t[0, 1, 2] == 15  # R: t[1, 2, 3] == 15
    out = array_reshape(t, (2, 12))
    assert isinstance(out, np.ndarray)
    assert out.shape == (2, 12)
    assert out[0].tolist() == [1, 7, 13, 19, 3, 9, 15, 21, 5, 11, 17, 23]
    assert out[1].tolist() == [2, 8, 14, 20, 4, 10, 16, 22, 6, 12, 18, 24]


def test_array_reshape_f_order_is_r_dim_assign():
    t = r_array_1_24()
    out = array_reshape(t, (2, 12), order="F")
    assert out[0].tolist() == list(range(1, 25, 2))
    assert out[1].tolist() == list(range(2, 25, 2))
    # R: array_reshape(1:4, c(2, 2)) fills row-wise; dim<- fills column-wise
    assert array_reshape([1, 2, 3, 4], [2, 2]).tolist() == [[1, 2], [3, 4]]
    assert array_reshape([1, 2, 3, 4], [2, 2], order="F").tolist() == [[1, 3], [2, 4]]


def test_array_reshape_dim_forms():
    x = np.arange(24)
    assert array_reshape(x, 24).shape == (24,)
    assert array_reshape(x, [4.0, 6.0]).shape == (4, 6)
    assert array_reshape(x, np.array([2.0, 3.0, 4.0])).shape == (2, 3, 4)
    assert array_reshape(x, (-1, 6)).shape == (4, 6)
    assert array_reshape(x, (None, 8)).shape == (3, 8)
    assert array_reshape(x, (2, float("nan"))).shape == (2, 12)
    assert array_reshape(x, (4, 6)).flags["C_CONTIGUOUS"]
    # mnist-style flatten: keep the sample axis, row-major pixels
    imgs = np.arange(2 * 3 * 3).reshape(2, 3, 3)
    flat = array_reshape(imgs, (2, 9))
    assert flat[1].tolist() == imgs[1].ravel().tolist()


def test_array_reshape_errors():
    x = np.arange(24)
    with pytest.raises(RKerasError) as e:
        array_reshape(x, (5, 5))
    assert str(e.value) == (
        "array_reshape(): cannot reshape an array of 24 elements into `dim` c(5, 5) (25 elements)"
    )
    with pytest.raises(RKerasError, match=r"24 elements into `dim` c\(5, -1\)"):
        array_reshape(x, (5, -1))
    with pytest.raises(RKerasError, match=r"array_reshape\(\): `order` must be one of \"C\" or \"F\""):
        array_reshape(x, (4, 6), order="A")
    with pytest.raises(RKerasError, match=r"`dim` must be a vector of whole numbers"):
        array_reshape(x, (4.5, 6))
    with pytest.raises(RKerasError, match="at most one unknown"):
        array_reshape(x, (-1, None))
    with pytest.raises(RKerasError, match="`dim`"):
        array_reshape(x, "4x6")
    with pytest.raises(RKerasError, match="negative"):
        array_reshape(x, (-2, -12))


# --------------------------------------------------------------------------- to_categorical


def test_to_categorical_basic_0_based():
    out = to_categorical([0, 2, 1])
    assert out.dtype == np.float32
    assert out.tolist() == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    out = to_categorical(np.array([1.0, 3.0]), num_classes=5.0)  # R doubles
    assert out.shape == (2, 5)
    assert out.tolist() == [[0, 1, 0, 0, 0], [0, 0, 0, 1, 0]]
    assert to_categorical([1], dtype="int32").dtype == np.int32


def test_to_categorical_shapes(keras_utils):
    col = np.array([[0], [3], [1]])
    out = to_categorical(col)
    assert out.shape == (3, 4)
    np.testing.assert_array_equal(out, keras_utils.to_categorical(col))
    grid = np.array([[0, 1, 2], [2, 1, 0]])
    out = to_categorical(grid, num_classes=3)
    assert out.shape == (2, 3, 3)
    assert out[1, 0].tolist() == [0, 0, 1]
    np.testing.assert_array_equal(out, keras_utils.to_categorical(grid, 3))
    assert to_categorical(2, num_classes=4).tolist() == [0, 0, 1, 0]
    assert to_categorical([], num_classes=3).shape == (0, 3)


def test_to_categorical_factor():
    f = pd.Categorical(["b", "a", "c", "a"], categories=["a", "b", "c", "d"])
    out = to_categorical(f)
    assert out.shape == (4, 4)  # nlevels, not max + 1
    assert np.argmax(out, axis=1).tolist() == [1, 0, 2, 0]
    s = pd.Series(["lo", "hi", "lo"], dtype="category")  # categories sorted: hi, lo
    assert to_categorical(s).tolist() == [[0, 1], [1, 0], [0, 1]]
    assert to_categorical(s, num_classes=3).shape == (3, 3)
    with pytest.raises(RKerasError, match="missing values"):
        to_categorical(pd.Categorical(["a", None]))


def test_to_categorical_errors():
    with pytest.raises(RKerasError) as e:
        to_categorical([1, 10], num_classes=10)
    assert str(e.value) == (
        "to_categorical(): `x` must hold labels in 0..num_classes-1 (0-based), got 10 with num_classes = 10"
    )
    assert e.value.arg == "x"
    with pytest.raises(RKerasError, match=r"got -1 with num_classes = 3"):
        to_categorical([-1, 2], num_classes=3)
    with pytest.raises(RKerasError, match=r"`x` must hold labels in 0..num_classes-1 \(0-based\), got -1"):
        to_categorical([-1, 2])
    with pytest.raises(RKerasError, match=r"whole-number class labels \(0-based\), got 1.5"):
        to_categorical([0, 1.5])
    with pytest.raises(RKerasError, match=r"^to_categorical\(\): `num_classes` must be a whole number"):
        to_categorical([0, 1], num_classes=2.5)
    with pytest.raises(RKerasError, match=r"`num_classes`"):
        to_categorical([0, 1], num_classes=0)
    with pytest.raises(RKerasError, match=r"to_categorical\(\): `x` must be integer class labels"):
        to_categorical(["setosa", "virginica"])
    with pytest.raises(RKerasError, match="NA/NaN"):
        to_categorical([0.0, float("nan")])
    with pytest.raises(RKerasError, match="`dtype`"):
        to_categorical([0], dtype="no-such-dtype")


# --------------------------------------------------------------------------- pad_sequences


PAD_CASES = [
    dict(),
    dict(maxlen=3),
    dict(maxlen=3, padding="post"),
    dict(maxlen=3, truncating="post"),
    dict(maxlen=3, padding="post", truncating="post", value=-1),
    dict(maxlen=6, dtype="float32", value=0.5),
]


@pytest.mark.parametrize("kwargs", PAD_CASES)
def test_pad_sequences_matches_keras(keras_utils, kwargs):
    seqs = [[1, 2, 3, 4, 5], [6, 7], [], [8, 9, 10]]
    ours = pad_sequences(seqs, **kwargs)
    theirs = keras_utils.pad_sequences(seqs, **kwargs)
    assert ours.dtype == theirs.dtype
    np.testing.assert_array_equal(ours, theirs)


def test_pad_sequences_values():
    seqs = [[1, 2, 3, 4, 5], [6, 7]]
    assert pad_sequences(seqs, maxlen=3).tolist() == [[3, 4, 5], [0, 6, 7]]
    assert pad_sequences(seqs, maxlen=3.0, padding="post", truncating="post").tolist() == [
        [1, 2, 3],
        [6, 7, 0],
    ]
    assert pad_sequences(seqs).shape == (2, 5)
    assert pad_sequences(seqs, maxlen=0).shape == (2, 0)
    assert pad_sequences([]).shape == (0, 0)
    # sequences of vectors keep their sample shape
    out = pad_sequences([np.ones((2, 3)), np.ones((1, 3))], maxlen=2, dtype="float32")
    assert out.shape == (2, 2, 3)
    assert out[1, 0].tolist() == [0, 0, 0]
    # an object array of lists (what dataset_imdb gives) works too
    obj = np.empty(2, dtype=object)
    obj[0], obj[1] = [1, 2], [3]
    assert pad_sequences(obj).tolist() == [[1, 2], [0, 3]]


def test_pad_sequences_length_one_sequences_arrive_as_scalars(keras_utils):
    # R's pad_sequences(list(1, 2:3)): a length-1 R vector reaches Python as a scalar
    expected = keras_utils.pad_sequences([[1], [2, 3]])
    np.testing.assert_array_equal(pad_sequences([1.0, [2, 3]]), expected)
    np.testing.assert_array_equal(pad_sequences([1.0, [2, 3]], maxlen=3.0, padding="post"),
                                  keras_utils.pad_sequences([[1], [2, 3]], maxlen=3, padding="post"))
    np.testing.assert_array_equal(pad_sequences([1, 2, 3]), keras_utils.pad_sequences([[1], [2], [3]]))
    # NULL elements are empty sequences
    np.testing.assert_array_equal(pad_sequences([None, [4]]), keras_utils.pad_sequences([[], [4]]))


def test_pad_sequences_errors():
    with pytest.raises(RKerasError, match=r"pad_sequences\(\): `padding` must be one of \"pre\" or \"post\""):
        pad_sequences([[1]], padding="middle")
    with pytest.raises(RKerasError, match=r"`truncating` must be one of \"pre\" or \"post\""):
        pad_sequences([[1]], truncating="both")
    with pytest.raises(RKerasError, match=r"pad_sequences\(\): `maxlen` must be a whole number, got 2.5"):
        pad_sequences([[1]], maxlen=2.5)
    with pytest.raises(RKerasError, match=r"`maxlen` must be NULL or a non-negative whole number, got -1"):
        pad_sequences([[1]], maxlen=-1)
    with pytest.raises(RKerasError, match=r"`sequences` must be a list of sequences .* element 2 is <built"):
        pad_sequences([[1], len])
    with pytest.raises(RKerasError, match="`value` is a string"):
        pad_sequences([[1]], value="x")
    with pytest.raises(RKerasError, match="element 2 has items of shape"):
        pad_sequences([np.ones((1, 2)), np.ones((1, 3))])


# --------------------------------------------------------------------------- normalize


def test_normalize_last_axis_matches_keras(keras_utils):
    x = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, 1.0]])
    out = normalize(x)
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0], [2**-0.5, 2**-0.5]])
    np.testing.assert_allclose(out, keras_utils.normalize(x, axis=-1))
    np.testing.assert_allclose(normalize(x, order=1), keras_utils.normalize(x, axis=-1, order=1))
    # axis = 2 is the last axis of a matrix in R's 1-based counting
    np.testing.assert_allclose(normalize(x, axis=2), out)
    np.testing.assert_allclose(normalize(x, axis=2.0), out)


def test_normalize_axis_is_1_based():
    x = np.array([[3.0, 1.0], [4.0, 0.0]])
    out = normalize(x, axis=1)  # columns: numpy axis 0
    np.testing.assert_allclose(out, [[0.6, 1.0], [0.8, 0.0]])
    np.testing.assert_allclose(normalize(x, axis=-2), out)
    f32 = normalize(np.ones((2, 4), dtype=np.float32))
    assert f32.dtype == np.float32
    np.testing.assert_allclose(f32, 0.5)
    np.testing.assert_allclose(normalize([3, 4]), [0.6, 0.8])


def test_normalize_errors():
    with pytest.raises(RKerasError) as e:
        normalize(np.ones((2, 2)), axis=0)
    assert "normalize(): `axis` is 1-based" in str(e.value)
    assert e.value.arg == "axis"
    with pytest.raises(RKerasError, match="out of range"):
        normalize(np.ones((2, 2)), axis=3)
    with pytest.raises(RKerasError, match="`axis` must be a whole number"):
        normalize(np.ones((2, 2)), axis=1.5)
    with pytest.raises(RKerasError, match="`order` must be a number"):
        normalize(np.ones((2, 2)), order="two")
    with pytest.raises(RKerasError, match="`x` must be a numeric array"):
        normalize(["a", "b"])
