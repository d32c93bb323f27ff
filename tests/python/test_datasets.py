"""rkeras.api.datasets: R's dataset_*() loaders, Keras's numbers, no network, no data loss.

Real data come from the shared data folder (see ../shared/data/README.md);
files that are not there (imdb.npz, reuters.npz, CIFAR, California) are made
tiny here and compared with Keras's own loader run on the same file (its
``get_file`` monkeypatched to return that file, so Keras never downloads).
"""

from __future__ import annotations

import io
import json
import pickle
import shutil
import tarfile
from pathlib import Path

import numpy as np
import pytest

import rkeras.api.datasets as ds
from rkeras.errors import RKerasError

SHARED = Path(ds.__file__).resolve().parents[3] / "shared" / "data"
ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def shared_file(name: str) -> Path:
    path = SHARED / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """No test ever downloads: the download hook fails unless a test replaces it."""

    def refuse(fname, origin, cache_dir, file_hash=None):
        raise OSError(f"network disabled in tests ({fname})")

    monkeypatch.setattr(ds, "_download", refuse)


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    """Empty RKERAS_DATA_DIR and KERAS_HOME."""
    data = tmp_path / "data"
    home = tmp_path / "keras_home"
    data.mkdir()
    home.mkdir()
    monkeypatch.setenv("RKERAS_DATA_DIR", str(data))
    monkeypatch.setenv("KERAS_HOME", str(home))
    return data, home


@pytest.fixture
def shared_env(monkeypatch, tmp_path):
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not available")
    monkeypatch.setenv("RKERAS_DATA_DIR", str(SHARED))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))


def obj_array(seqs):
    out = np.empty(len(seqs), dtype=object)
    for i, s in enumerate(seqs):
        out[i] = list(s)
    return out


def as_lists(x):
    return [[int(w) for w in s] for s in x]


# --------------------------------------------------------------------------- real data


def test_mnist_from_shared_data_and_file_untouched(shared_env):
    path = shared_file("mnist.npz")
    before = path.stat()
    d = ds.dataset_mnist()
    x, y = d["train"]["x"], d["train"]["y"]
    assert x.shape == (60000, 28, 28) and x.dtype == np.uint8
    assert y.tolist()[:10] == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert x[0, 5, 12] == 3  # R: mnist$train$x[1, 6, 13]
    assert d["test"]["x"].shape == (10000, 28, 28)
    assert d["test"]["y"].tolist()[:10] == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_default_data_dir_when_env_unset(monkeypatch, tmp_path):
    shared_file("boston_housing.npz")
    monkeypatch.delenv("RKERAS_DATA_DIR", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty_home"))
    assert ds.dataset_boston_housing()["train"]["y"][0] == 15.2
    # RKERAS_DATA_DIR="" turns the default off
    monkeypatch.setenv("RKERAS_DATA_DIR", "")
    with pytest.raises(RKerasError, match="not found in the Keras cache"):
        ds.dataset_boston_housing()


def test_fashion_mnist(shared_env):
    shared_file("fashion-mnist/train-labels-idx1-ubyte.gz")
    d = ds.dataset_fashion_mnist()
    assert d["train"]["y"].tolist()[:10] == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]
    assert d["train"]["x"].shape == (60000, 28, 28) and d["train"]["x"].dtype == np.uint8
    assert d["test"]["x"].shape == (10000, 28, 28)
    assert np.bincount(d["test"]["y"]).tolist() == [1000] * 10
    assert abs(float(d["train"]["x"].mean()) - 72.94) < 0.01


def test_boston_housing_values_and_same_as_keras(shared_env, tmp_path, monkeypatch):
    d = ds.dataset_boston_housing()
    assert d["train"]["x"].shape == (404, 13) and d["test"]["x"].shape == (102, 13)
    np.testing.assert_allclose(
        d["train"]["x"][0], [1.23247, 0, 8.14, 0, 0.538, 6.142, 91.7, 3.9769, 4, 307, 21, 396.9, 18.72]
    )
    assert d["train"]["y"][0] == 15.2 and d["test"]["y"][0] == 7.2
    assert round(float(d["train"]["y"].mean()), 3) == 22.395

    from keras.src.datasets import boston_housing

    copy = tmp_path / "boston_copy.npz"
    shutil.copyfile(shared_file("boston_housing.npz"), copy)
    monkeypatch.setattr(boston_housing, "get_file", lambda *a, **k: str(copy))
    for kwargs in ({}, {"test_split": 0.3, "seed": 7}):
        (kx, ky), (kxt, kyt) = boston_housing.load_data(**kwargs)
        ours = ds.dataset_boston_housing(**kwargs)
        np.testing.assert_array_equal(ours["train"]["x"], kx)
        np.testing.assert_array_equal(ours["train"]["y"], ky)
        np.testing.assert_array_equal(ours["test"]["x"], kxt)
        np.testing.assert_array_equal(ours["test"]["y"], kyt)


def test_imdb_word_index(shared_env):
    shared_file("imdb_word_index.json")
    index = ds.dataset_imdb_word_index()
    assert index["the"] == 1 and index["fawn"] == 34701
    assert len(index) == 88584


# --------------------------------------------------------------------------- IMDB / Reuters on tiny files

IMDB_TRAIN = [[1, 2, 3, 4, 5, 6], [7, 8], [2, 9, 10, 1], [4, 4, 4], [5, 1, 2, 3, 4, 5, 6, 7], [3]]
IMDB_TEST = [[1, 1], [9, 10, 11, 2, 3], [6, 5, 4, 3, 2, 1, 7], [8]]

SEQ_CASES = [
    {},
    {"num_words": 6},
    {"num_words": 8, "skip_top": 4},
    {"maxlen": 6},
    {"seed": 1, "start_char": None},
    {"start_char": None, "index_from": 0},
    {"oov_char": None, "num_words": 7},
    {"start_char": 5, "oov_char": 9, "index_from": 10, "num_words": 15},
]


@pytest.fixture
def tiny_imdb(dirs):
    data, _ = dirs
    path = data / "imdb.npz"
    np.savez(
        path,
        x_train=obj_array(IMDB_TRAIN),
        y_train=np.array([1, 0, 1, 0, 1, 0]),
        x_test=obj_array(IMDB_TEST),
        y_test=np.array([0, 1, 1, 0]),
    )
    return path


@pytest.mark.parametrize("kwargs", SEQ_CASES)
def test_imdb_same_as_keras(tiny_imdb, monkeypatch, kwargs):
    from keras.src.datasets import imdb

    monkeypatch.setattr(imdb, "get_file", lambda *a, **k: str(tiny_imdb))
    (kx, ky), (kxt, kyt) = imdb.load_data(**kwargs)
    d = ds.dataset_imdb(**kwargs)
    assert d["train"]["x"].dtype == object and d["train"]["x"].ndim == 1
    assert as_lists(d["train"]["x"]) == as_lists(kx)
    assert as_lists(d["test"]["x"]) == as_lists(kxt)
    assert d["train"]["y"].tolist() == ky.tolist() and d["train"]["y"].dtype == ky.dtype
    assert d["test"]["y"].tolist() == kyt.tolist()


def test_imdb_processing_values(tiny_imdb):
    d = ds.dataset_imdb(seed=113)
    rng = np.random.RandomState(113)
    order = np.arange(6)
    rng.shuffle(order)
    first = IMDB_TRAIN[order[0]]
    # start_char = 1 first, then word indices shifted by index_from = 3; the largest index
    # (here 14 = 11 + 3) becomes oov_char = 2 when num_words is NULL (Keras's rule: w < max)
    expected = [1] + [w + 3 if w + 3 < 14 else 2 for w in first]
    assert list(d["train"]["x"][0]) == expected
    short = ds.dataset_imdb(maxlen=4.0)  # R double; keeps sequences *shorter* than maxlen
    assert all(len(s) < 4 for s in short["train"]["x"])
    # with start_char the lengths are 7 3 5 4 9 2: only 3 and 2 stay (length 4 == maxlen is dropped)
    assert sorted(len(s) for s in short["train"]["x"]) == [2, 3]
    capped = ds.dataset_imdb(num_words=6)
    assert max(max(s) for s in capped["train"]["x"]) <= 5


def test_imdb_errors(tiny_imdb):
    with pytest.raises(RKerasError, match=r"dataset_imdb\(\): `num_words` must be NULL or a whole number"):
        ds.dataset_imdb(num_words=2.5)
    with pytest.raises(RKerasError, match=r"dataset_imdb\(\): no sequence is shorter than `maxlen` = 1"):
        ds.dataset_imdb(maxlen=1)
    with pytest.raises(RKerasError, match=r"`path` /no/such/dir/imdb.npz does not exist"):
        ds.dataset_imdb(path="/no/such/dir/imdb.npz")


@pytest.fixture
def tiny_reuters(dirs):
    data, _ = dirs
    path = data / "reuters.npz"
    seqs = IMDB_TRAIN + IMDB_TEST + [[2, 3, 4], [11, 12]]
    np.savez(path, x=obj_array(seqs), y=np.array([3, 0, 45, 1, 1, 2, 3, 4, 5, 6, 7, 8]))
    return path


@pytest.mark.parametrize("kwargs", SEQ_CASES + [{"test_split": 0.5}, {"test_split": 0.0, "maxlen": 5}])
def test_reuters_same_as_keras(tiny_reuters, monkeypatch, kwargs):
    from keras.src.datasets import reuters

    monkeypatch.setattr(reuters, "get_file", lambda *a, **k: str(tiny_reuters))
    (kx, ky), (kxt, kyt) = reuters.load_data(**kwargs)
    d = ds.dataset_reuters(**kwargs)
    assert as_lists(d["train"]["x"]) == as_lists(kx)
    assert as_lists(d["test"]["x"]) == as_lists(kxt)
    assert d["train"]["y"].tolist() == ky.tolist()
    assert d["test"]["y"].tolist() == kyt.tolist()
    assert len(d["train"]["x"]) + len(d["test"]["x"]) == len(kx) + len(kxt)


def test_reuters_word_index_and_split(tiny_reuters, dirs):
    data, _ = dirs
    (data / "reuters_word_index.json").write_text(json.dumps({"the": 1, "of": 2}))
    assert ds.dataset_reuters_word_index() == {"the": 1, "of": 2}
    d = ds.dataset_reuters()
    assert (len(d["train"]["x"]), len(d["test"]["x"])) == (9, 3)  # int(12 * 0.8) = 9
    with pytest.raises(RKerasError, match=r"dataset_reuters\(\): `test_split` must be a number in \[0, 1\)"):
        ds.dataset_reuters(test_split=1)


# --------------------------------------------------------------------------- CIFAR on tiny archives


def cifar_pickle(n: int, seed: int, label_keys: dict[str, int]) -> tuple[bytes, np.ndarray, dict]:
    rng = np.random.RandomState(seed)
    data = rng.randint(0, 256, size=(n, 3072)).astype(np.uint8)
    labels = {k: rng.randint(0, top, size=n).tolist() for k, top in label_keys.items()}
    payload = {b"batch_label": b"fake", b"data": data}
    payload.update({k.encode(): v for k, v in labels.items()})
    return pickle.dumps(payload, protocol=3), data, labels


def write_tar(path: Path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, raw in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))


@pytest.fixture
def tiny_cifar10(dirs):
    data, _ = dirs
    members, parts = {}, []
    for i, name in enumerate([f"data_batch_{k}" for k in range(1, 6)] + ["test_batch"]):
        raw, x, labels = cifar_pickle(2 if name != "test_batch" else 3, i, {"labels": 10})
        members[f"cifar-10-batches-py/{name}"] = raw
        parts.append((x, labels["labels"]))
    write_tar(data / "cifar-10-python.tar.gz", members)
    return members, parts


def test_cifar10_from_archive(tiny_cifar10, tmp_path):
    members, parts = tiny_cifar10
    d = ds.dataset_cifar10()
    x, y = d["train"]["x"], d["train"]["y"]
    assert x.shape == (10, 32, 32, 3) and x.dtype == np.uint8
    assert y.shape == (10, 1) and y.dtype == np.uint8
    assert y[:, 0].tolist() == sum((p[1] for p in parts[:5]), [])
    # pixel (row 4, col 7, channel green) of image 3 = batch 2, image 1: data[1, 1024 + 4 * 32 + 7]
    assert x[3, 4, 7, 1] == parts[1][0][1, 1024 + 4 * 32 + 7]
    assert d["test"]["x"].shape == (3, 32, 32, 3) and d["test"]["y"].dtype == np.uint8
    assert d["test"]["y"][:, 0].tolist() == parts[5][1]

    from keras.src.datasets.cifar import load_batch

    batch = tmp_path / "test_batch"
    batch.write_bytes(members["cifar-10-batches-py/test_batch"])
    kx, ky = load_batch(str(batch))
    np.testing.assert_array_equal(d["test"]["x"], kx.transpose(0, 2, 3, 1))
    assert d["test"]["y"][:, 0].tolist() == ky


def test_cifar10_keras3_extracted_layout(tiny_cifar10, dirs, monkeypatch):
    members, _ = tiny_cifar10
    data, home = dirs
    from_archive = ds.dataset_cifar10()
    target = home / "datasets" / "cifar-10-batches-py-target"
    for name, raw in members.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_bytes(raw)
    (data / "cifar-10-python.tar.gz").unlink()
    d = ds.dataset_cifar10()
    np.testing.assert_array_equal(d["train"]["x"], from_archive["train"]["x"])
    np.testing.assert_array_equal(d["test"]["y"], from_archive["test"]["y"])


def test_cifar100_labels(dirs):
    data, _ = dirs
    raw_train, x_train, lab_train = cifar_pickle(4, 10, {"fine_labels": 100, "coarse_labels": 20})
    raw_test, _, lab_test = cifar_pickle(2, 11, {"fine_labels": 100, "coarse_labels": 20})
    write_tar(
        data / "cifar-100-python.tar.gz",
        {"cifar-100-python/train": raw_train, "cifar-100-python/test": raw_test},
    )
    fine = ds.dataset_cifar100()
    coarse = ds.dataset_cifar100(label_mode="coarse")
    assert fine["train"]["x"].shape == (4, 32, 32, 3)
    assert fine["train"]["y"].shape == (4, 1)
    assert fine["train"]["y"][:, 0].tolist() == lab_train["fine_labels"]
    assert coarse["train"]["y"][:, 0].tolist() == lab_train["coarse_labels"]
    assert coarse["test"]["y"][:, 0].tolist() == lab_test["coarse_labels"]
    np.testing.assert_array_equal(fine["train"]["x"][2], x_train[2].reshape(3, 32, 32).transpose(1, 2, 0))
    with pytest.raises(RKerasError, match=r"dataset_cifar100\(\): `label_mode` must be one of"):
        ds.dataset_cifar100(label_mode="medium")


# --------------------------------------------------------------------------- California housing


def test_california_housing_same_as_keras(dirs, monkeypatch):
    data, _ = dirs
    rng = np.random.RandomState(0)
    path = data / "california_housing.npz"
    np.savez(path, x=rng.rand(700, 8), y=rng.rand(700) * 5e5)
    from keras.src.datasets import california_housing

    monkeypatch.setattr(california_housing, "get_file", lambda *a, **k: str(path))
    for kwargs in ({}, {"version": "small"}, {"version": "small", "test_split": 0.25, "seed": 3}):
        (kx, ky), (kxt, kyt) = california_housing.load_data(**kwargs)
        d = ds.dataset_california_housing(**kwargs)
        np.testing.assert_array_equal(d["train"]["x"], kx)
        np.testing.assert_array_equal(d["train"]["y"], ky)
        np.testing.assert_array_equal(d["test"]["x"], kxt)
        np.testing.assert_array_equal(d["test"]["y"], kyt)
    assert ds.dataset_california_housing(version="small")["train"]["x"].shape == (480, 8)
    with pytest.raises(RKerasError, match=r"`version` must be one of \"small\" or \"large\""):
        ds.dataset_california_housing(version="medium")


# --------------------------------------------------------------------------- lookup order, downloads, offline


def test_keras_cache_is_used_after_data_dir(dirs):
    data, home = dirs
    src = shared_file("boston_housing.npz")
    (home / "datasets").mkdir()
    shutil.copyfile(src, home / "datasets" / "boston_housing.npz")
    assert ds.dataset_boston_housing()["test"]["y"][0] == 7.2
    # a file in RKERAS_DATA_DIR wins over the cache
    rng = np.random.RandomState(0)
    np.savez(data / "boston_housing.npz", x=rng.rand(10, 13), y=np.arange(10.0))
    assert len(ds.dataset_boston_housing()["train"]["y"]) == 8


def test_absolute_path_is_used_as_is(dirs, tmp_path):
    copy = tmp_path / "elsewhere" / "b.npz"
    copy.parent.mkdir()
    shutil.copyfile(shared_file("boston_housing.npz"), copy)
    assert ds.dataset_boston_housing(path=str(copy))["train"]["y"][0] == 15.2


def test_download_only_when_absent(dirs, monkeypatch):
    data, home = dirs
    src = shared_file("boston_housing.npz")
    calls = []

    def fake_download(fname, origin, cache_dir, file_hash=None):
        calls.append((fname, origin, Path(cache_dir), file_hash))
        target = Path(cache_dir) / "datasets" / fname
        assert not target.exists()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        return target

    monkeypatch.setattr(ds, "_download", fake_download)
    assert ds.dataset_boston_housing()["train"]["y"][0] == 15.2
    assert calls == [
        (
            "boston_housing.npz",
            ORIGIN + "boston_housing.npz",
            home,
            "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5",
        )
    ]
    assert ds.dataset_boston_housing()["test"]["y"][0] == 7.2
    assert len(calls) == 1  # now found in the Keras cache


def test_fashion_download_goes_to_its_subfolder(dirs, monkeypatch):
    _, home = dirs
    calls = []

    def fake_download(fname, origin, cache_dir, file_hash=None):
        calls.append((fname, origin))
        raise OSError("offline")

    monkeypatch.setattr(ds, "_download", fake_download)
    with pytest.raises(RKerasError) as e:
        ds.dataset_fashion_mnist()
    assert calls == [("fashion-mnist/train-labels-idx1-ubyte.gz", ORIGIN + "train-labels-idx1-ubyte.gz")]
    assert f"Put the file at {home}/datasets/fashion-mnist/train-labels-idx1-ubyte.gz" in str(e.value)


def test_failed_download_leaves_no_partial_file(dirs, monkeypatch):
    _, home = dirs

    def bad_download(fname, origin, cache_dir, file_hash=None):
        target = Path(cache_dir) / "datasets" / fname
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"truncated")
        raise ValueError("Incomplete or corrupted file detected.")

    monkeypatch.setattr(ds, "_download", bad_download)
    with pytest.raises(RKerasError, match=r"failed \(Incomplete or corrupted file detected.\)"):
        ds.dataset_mnist()
    assert not (home / "datasets" / "mnist.npz").exists()


def test_offline_error_message(dirs):
    data, home = dirs
    with pytest.raises(RKerasError) as e:
        ds.dataset_imdb()
    assert str(e.value) == (
        f"dataset_imdb(): imdb.npz not found in $RKERAS_DATA_DIR ({data}) or the Keras cache "
        f"({home}/datasets) and downloading it from {ORIGIN}imdb.npz failed "
        "(network disabled in tests (imdb.npz)). "
        f"Put the file at {home}/datasets/imdb.npz or set RKERAS_DATA_DIR."
    )
    assert e.value.fn == "dataset_imdb"
    with pytest.raises(RKerasError, match=r"dataset_cifar10\(\): cifar-10-python.tar.gz not found"):
        ds.dataset_cifar10()
    with pytest.raises(RKerasError, match=r"dataset_mnist\(\): mnist.npz not found"):
        ds.dataset_mnist()
    # nothing was written anywhere
    assert list(data.iterdir()) == [] and list(home.iterdir()) == []


def test_real_download_hook_uses_keras_get_file(monkeypatch, tmp_path):
    """The real ``_download`` calls keras.utils.get_file with the cache layout (get_file stubbed)."""
    import keras

    monkeypatch.undo()  # restore the real _download (no_network's patch)
    seen = {}

    def fake_get_file(fname, origin=None, file_hash=None, cache_dir=None, cache_subdir="datasets"):
        seen.update(fname=fname, origin=origin, file_hash=file_hash, cache_dir=cache_dir, sub=cache_subdir)
        return str(Path(cache_dir) / cache_subdir / fname)

    monkeypatch.setattr(keras.utils, "get_file", fake_get_file)
    got = ds._download("fashion-mnist/t10k-labels-idx1-ubyte.gz", "http://example/x", tmp_path)
    assert seen == {
        "fname": "t10k-labels-idx1-ubyte.gz",
        "origin": "http://example/x",
        "file_hash": None,
        "cache_dir": str(tmp_path),
        "sub": "datasets/fashion-mnist",
    }
    assert got == tmp_path / "datasets" / "fashion-mnist" / "t10k-labels-idx1-ubyte.gz"


# --------------------------------------------------------------------------- keras3's convert = FALSE


def test_convert_false_keeps_numpy_arrays_with_the_same_values(tiny_reuters, dirs):
    from rkeras.api.handles import Unconverted

    plain, raw = ds.dataset_reuters(), ds.dataset_reuters(convert=False)
    for part in ("train", "test"):
        for key in ("x", "y"):
            assert type(plain[part][key]) is np.ndarray
            assert isinstance(raw[part][key], Unconverted)
        assert as_lists(raw[part]["x"]) == as_lists(plain[part]["x"])
        assert raw[part]["y"].tolist() == plain[part]["y"].tolist()
    with pytest.raises(RKerasError, match=r"dataset_reuters\(\): `convert` must be TRUE or FALSE"):
        ds.dataset_reuters(convert="no")


def test_cifar100_label_mode_takes_the_first_of_keras3_choices(dirs):
    data, _ = dirs
    members = {}
    fine = {"train": [5, 99], "test": [42]}
    coarse = {"train": [1, 19], "test": [7]}
    for name, n in (("train", 2), ("test", 1)):
        x = np.arange(n * 3072, dtype="uint8").reshape(n, 3072)
        raw = pickle.dumps({"data": x, "fine_labels": fine[name], "coarse_labels": coarse[name]})
        members[f"cifar-100-python/{name}"] = raw
    write_tar(data / "cifar-100-python.tar.gz", members)
    default = ds.dataset_cifar100()  # label_mode = c("fine", "coarse"): match.arg() -> "fine"
    assert default["train"]["y"][:, 0].tolist() == [5, 99]
    assert ds.dataset_cifar100(["fine", "coarse"])["test"]["y"][:, 0].tolist() == [42]
    assert ds.dataset_cifar100(label_mode="coarse")["train"]["y"][:, 0].tolist() == [1, 19]
    assert ds.dataset_cifar100(label_mode=["coarse"])["test"]["y"][:, 0].tolist() == [7]
    with pytest.raises(RKerasError, match=r"dataset_cifar100\(\): `label_mode` must be one of"):
        ds.dataset_cifar100(label_mode="medium")


def test_reuters_word_index_keras3_default_name(dirs, monkeypatch):
    data, home = dirs
    # keras3's default name "reuters_word_index.pkl": the file is Keras's JSON one
    (data / "reuters_word_index.pkl").write_text(json.dumps({"the": 1}))
    assert ds.dataset_reuters_word_index() == {"the": 1}
    # a reuters_word_index.json already here is read first under the default name
    (data / "reuters_word_index.json").write_text(json.dumps({"of": 2}))
    assert ds.dataset_reuters_word_index() == {"of": 2}
    assert ds.dataset_reuters_word_index("reuters_word_index.pkl") == {"of": 2}
    (data / "reuters_word_index.json").unlink()
    (data / "reuters_word_index.pkl").unlink()
    seen = []

    def fake_download(fname, origin, cache_dir, file_hash=None):
        seen.append((fname, origin, file_hash))
        target = Path(cache_dir) / "datasets" / fname
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"and": 3}))
        return target

    monkeypatch.setattr(ds, "_download", fake_download)
    assert ds.dataset_reuters_word_index() == {"and": 3}
    # cached under keras3's name, downloaded from Keras's JSON file and checked with its hash
    assert seen == [("reuters_word_index.pkl", ds._ORIGIN + "reuters_word_index.json",
                     ds._HASHES["reuters_word_index.json"])]
    assert (home / "datasets" / "reuters_word_index.pkl").is_file()
