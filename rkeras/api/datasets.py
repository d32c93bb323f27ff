"""R keras's ``dataset_*()`` loaders, returning R's nested shape.

Each image/tabular loader returns ``{"train": {"x": ..., "y": ...}, "test":
{"x": ..., "y": ...}}`` of numpy arrays (R: ``list(train = list(x, y), test =
list(x, y))``); the IMDB and Reuters loaders give ``x`` as a 1-d object array
of integer lists, the word-index helpers a ``{word: index}`` dict.

The numbers are Keras's: the same files, the same seeded shuffles, the same
``start_char`` / ``index_from`` / ``skip_top`` / ``num_words`` / ``maxlen``
processing as ``keras.datasets.*.load_data``. What differs is where files come
from, so that no loader ever deletes or overwrites user data (Keras's MNIST
loader deletes a cached ``mnist.npz`` whose hash it does not know):

1. ``$RKERAS_DATA_DIR/<file>``; when ``RKERAS_DATA_DIR`` is unset, the
   ``shared/data`` folder next to the repository, if it exists (set
   ``RKERAS_DATA_DIR=""`` to turn that default off);
2. the Keras cache, ``$KERAS_HOME/datasets/<file>`` (``KERAS_HOME`` defaults
   to ``~/.keras``);
3. otherwise a download into the Keras cache with ``keras.utils.get_file``,
   only ever for a file that is absent.

An absolute ``path`` argument is used as it is. Importing this module imports
neither TensorFlow nor Keras; only a download does.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import numbers
import os
import pickle
import sys
import tarfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error
from .args import as_whole, is_na
from .handles import Unconverted

__all__ = [
    "dataset_mnist",
    "dataset_fashion_mnist",
    "dataset_cifar10",
    "dataset_cifar100",
    "dataset_imdb",
    "dataset_imdb_word_index",
    "dataset_reuters",
    "dataset_reuters_word_index",
    "dataset_boston_housing",
    "dataset_california_housing",
]

Split = dict[str, np.ndarray]
Dataset = dict[str, Split]

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

# Keras's hashes of its own files, only used to check a fresh download.
_HASHES: dict[str, str] = {
    "mnist.npz": "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1",
    "imdb.npz": "69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f",
    "imdb_word_index.json": "bfafd718b763782e994055a2d397834f",
    "reuters.npz": "d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",
    "reuters_word_index.json": "4d44cc38712099c9e383dc6e5f11a921",
    "boston_housing.npz": "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5",
    "california_housing.npz": "1a2e3a52e0398de6463aebe6f4a8da34fb21fbb6b934cf88c3425e766f2a1a6f",
    "cifar-10-python.tar.gz": "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",
    "cifar-100-python.tar.gz": "85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7",
}

_FASHION_FILES = (
    "train-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
)


# --------------------------------------------------------------------------- where files live


def _data_dir() -> tuple[Path | None, str]:
    """The rkeras data folder and how to name it in messages."""
    env = os.environ.get("RKERAS_DATA_DIR")
    if env is not None:
        if env == "":
            return None, ""
        return Path(env).expanduser(), f"$RKERAS_DATA_DIR ({env})"
    default = Path(__file__).resolve().parents[3] / "shared" / "data"
    if default.is_dir():
        return default, f"the default data folder ({default})"
    return None, ""


def _keras_home() -> Path:
    """``$KERAS_HOME``, else ``~/.keras`` (``/tmp/.keras`` when home is read-only), as Keras does."""
    env = os.environ.get("KERAS_HOME")
    if env:
        return Path(env).expanduser()
    base = os.path.expanduser("~")
    if not os.access(base, os.W_OK):
        base = "/tmp"
    return Path(base) / ".keras"


def _keras_cache_dirs() -> list[Path]:
    """Keras's datasets cache, plus the ``/tmp/.keras`` fallback get_file uses when it is read-only."""
    home = _keras_home()
    dirs = [home / "datasets"]
    if home.exists() and not os.access(home, os.W_OK):
        dirs.append(Path("/tmp/.keras/datasets"))
    return dirs


def _download(fname: str, origin: str, cache_dir: Path, file_hash: str | None = None) -> Path:
    """Download ``origin`` to ``cache_dir/datasets/fname`` with ``keras.utils.get_file``.

    Only called when that file does not exist, so Keras never re-downloads
    over (or deletes) an existing file. Tests monkeypatch this function.
    """
    from keras.utils import get_file  # lazy: imports TensorFlow

    subdir, name = os.path.split(fname)
    cache_subdir = os.path.join("datasets", subdir) if subdir else "datasets"
    path = get_file(
        name, origin=origin, file_hash=file_hash, cache_dir=str(cache_dir), cache_subdir=cache_subdir
    )
    return Path(path)


def _candidates(fname: str) -> tuple[list[Path], str]:
    """Places to look for ``fname``, and the sentence naming them for an error."""
    data_dir, data_label = _data_dir()
    caches = _keras_cache_dirs()
    places = ([data_dir / fname] if data_dir is not None else []) + [c / fname for c in caches]
    where = f"the Keras cache ({caches[0]})"
    if data_label:
        where = f"{data_label} or {where}"
    return places, where


def _resolve(fn: str, fname: str | os.PathLike[str], origin: str, file_hash: str | None = None) -> Path:
    """The local path of a dataset file, downloading it into the Keras cache if it is nowhere."""
    path = Path(os.fspath(fname)).expanduser()
    if path.is_absolute():
        if path.is_file():
            return path
        raise RKerasError(
            f"`path` {path} does not exist (an absolute `path` is used as it is)", fn=fn, arg="path"
        )
    rel = path.as_posix()
    places, where = _candidates(rel)
    for place in places:
        if place.is_file():
            return place
    cache_home = _keras_home()
    target = cache_home / "datasets" / rel
    existed = target.exists()  # False: the loop above looked there
    try:
        got = _download(rel, origin, cache_home, file_hash)
    except Exception as exc:  # noqa: BLE001 - any failure becomes one clear message
        if not existed and target.is_file():
            # our own failed download (e.g. a hash mismatch, which get_file leaves behind)
            target.unlink()
        raise RKerasError(
            f"{rel} not found in {where} and downloading it from {origin} failed ({exc}). "
            f"Put the file at {target} or set RKERAS_DATA_DIR.",
            fn=fn,
        ) from exc
    return Path(got)


# --------------------------------------------------------------------------- safe loading


_ALLOWED_PICKLE_GLOBALS = frozenset(
    {
        ("numpy", "ndarray"),
        ("numpy", "dtype"),
        ("numpy.core.multiarray", "_reconstruct"),
        ("numpy._core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "scalar"),
        ("numpy._core.multiarray", "scalar"),
        ("numpy.core.numeric", "_frombuffer"),
        ("numpy._core.numeric", "_frombuffer"),
    }
)


class _RestrictedUnpickler(pickle.Unpickler):
    """Unpickles numpy arrays and builtin containers only (as Keras's dataset loaders do)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_PICKLE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(
            f"refusing to unpickle `{module}.{name}` from a dataset file; it may be corrupted or malicious"
        )


def _read_npy(fp: io.BytesIO) -> np.ndarray:
    try:
        return np.lib.format.read_array(fp, allow_pickle=False)  # type: ignore[no-any-return]
    except ValueError:
        fp.seek(0)
        version = np.lib.format.read_magic(fp)
        if version[0] == 1:
            np.lib.format.read_array_header_1_0(fp)
        elif version[0] in (2, 3):
            np.lib.format.read_array_header_2_0(fp)
        else:
            raise ValueError(f"unsupported .npy version {version}") from None
        return _RestrictedUnpickler(fp).load()  # type: ignore[no-any-return]


def _load_npz(fn: str, path: Path, keys: Sequence[str]) -> dict[str, np.ndarray]:
    """Read ``keys`` from an ``.npz``; object arrays go through a restricted unpickler."""
    arrays: dict[str, np.ndarray] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if member.endswith(".npy") and member[:-4] in keys:
                    with archive.open(member) as raw:
                        arrays[member[:-4]] = _read_npy(io.BytesIO(raw.read()))
    except (OSError, zipfile.BadZipFile, ValueError, pickle.UnpicklingError) as exc:
        raise RKerasError(f"cannot read {path} as an .npz file ({exc})", fn=fn) from exc
    missing = [k for k in keys if k not in arrays]
    if missing:
        raise RKerasError(f"{path} lacks the array(s) {', '.join(missing)}", fn=fn)
    return arrays


def _split(x_train: Any, y_train: Any, x_test: Any, y_test: Any) -> Dataset:
    n = quick_run_limit("RKERAS_MAX_SAMPLES")
    if n is not None:  # quick runs of long scripts (vignette short forms in CI)
        x_train, y_train = x_train[:n], y_train[:n]
        x_test, y_test = x_test[: max(1, n // 4)], y_test[: max(1, n // 4)]
    return {"train": {"x": x_train, "y": y_train}, "test": {"x": x_test, "y": y_test}}


def quick_run_limit(variable: str) -> int | None:
    """``RKERAS_MAX_SAMPLES`` / ``RKERAS_MAX_EPOCHS``: caps for quick runs of long scripts.

    Unset (the default) means no cap. Used to run the vignettes unchanged in a
    short form: datasets keep the first N training (N/4 test) samples, fit()
    runs at most N epochs.
    """
    value = os.environ.get(variable, "").strip()
    if not value:
        return None
    try:
        limit = int(value)
    except ValueError:
        raise RKerasError(f"environment variable {variable} must be a whole number, got {value!r}") from None
    return limit if limit > 0 else None


def _int_arg(fn: str, arg: str, value: object, *, nullable: bool = False, minimum: int | None = None) -> Any:
    """R doubles that hold whole numbers become ints; NULL stays None when allowed."""
    expected = "a whole number" if minimum is None else f"a whole number >= {minimum}"
    if nullable:
        expected = "NULL or " + expected
    if is_na(value):
        if nullable:
            return None
        raise arg_error(fn, arg, expected, value)
    n = as_whole(value, fn=fn, arg=arg, expected=expected)
    if minimum is not None and n < minimum:
        raise arg_error(fn, arg, expected, value)
    return n


def _test_split_arg(fn: str, test_split: object) -> float:
    if (
        isinstance(test_split, (bool, np.bool_))
        or not isinstance(test_split, numbers.Real)
        or not 0 <= float(test_split) < 1
    ):
        raise arg_error(fn, "test_split", "a number in [0, 1)", test_split)
    return float(test_split)


def _convert_arg(fn: str, convert: object) -> None:
    if not isinstance(convert, (bool, np.bool_)):
        raise arg_error(fn, "convert", "TRUE or FALSE", convert)


def _converted(dataset: Dataset, convert: bool) -> Dataset:
    """keras3's ``convert = FALSE``: each array reaches R as a NumPy array (a handle), not an R
    array (Python callers get NumPy arrays either way)."""
    if convert:
        return dataset
    return {part: {k: v.view(Unconverted) for k, v in split.items()} for part, split in dataset.items()}


# --------------------------------------------------------------------------- MNIST family


def dataset_mnist(path: str = "mnist.npz", convert: bool = True) -> Dataset:
    """MNIST digits: ``train$x`` uint8 (60000, 28, 28), ``train$y`` labels 0-9; test 10000.

    Args:
        path: The file, relative to the data folder or the Keras cache (or absolute).
        convert: ``TRUE``: R arrays; ``FALSE``: each array stays a NumPy array (a handle).
    """
    fn = "dataset_mnist"
    _convert_arg(fn, convert)
    file = _resolve(fn, path, _ORIGIN + "mnist.npz", _HASHES["mnist.npz"] if path == "mnist.npz" else None)
    try:
        with np.load(file, allow_pickle=False) as f:
            x_train, y_train = f["x_train"], f["y_train"]
            x_test, y_test = f["x_test"], f["y_test"]
    except (OSError, KeyError, ValueError) as exc:
        raise RKerasError(f"cannot read MNIST from {file} ({exc})", fn=fn) from exc
    return _converted(_split(x_train, y_train, x_test, y_test), convert)


def _read_idx(fn: str, path: Path) -> np.ndarray:
    """An idx file (gzip-compressed or not): uint8 labels or images."""
    opener: Callable[..., Any] = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise RKerasError(f"cannot read {path} ({exc})", fn=fn) from exc
    if len(data) < 8 or data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        raise RKerasError(f"{path} is not an unsigned-byte idx file", fn=fn)
    ndim = data[3]
    header = 4 + 4 * ndim
    dims = tuple(int.from_bytes(data[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim))
    arr = np.frombuffer(data, np.uint8, offset=header)
    if arr.size != math.prod(dims):
        raise RKerasError(f"{path} holds {arr.size} values, its header says {dims}", fn=fn)
    return arr.reshape(dims)


def dataset_fashion_mnist(convert: bool = True) -> Dataset:
    """Fashion-MNIST: the same shapes as MNIST, labels 0-9 (T-shirt/top ... Ankle boot).

    Args:
        convert: ``TRUE``: R arrays; ``FALSE``: each array stays a NumPy array (a handle).
    """
    fn = "dataset_fashion_mnist"
    _convert_arg(fn, convert)
    arrays = []
    for name in _FASHION_FILES:
        file = _resolve(fn, f"fashion-mnist/{name}", _ORIGIN + name)
        arrays.append(_read_idx(fn, file))
    y_train, x_train, y_test, x_test = arrays
    return _converted(_split(x_train, y_train, x_test, y_test), convert)


# --------------------------------------------------------------------------- CIFAR


class _Archive:
    """Members of an extracted CIFAR folder or of its .tar.gz, read without extracting."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, members: Sequence[str]) -> dict[str, bytes]:
        """The bytes of each of ``members`` (paths inside the archive), in one pass over a tar."""
        if self.root.is_dir():
            return {m: (self.root.parent / m).read_bytes() for m in members}
        wanted = set(members)
        found: dict[str, bytes] = {}
        with tarfile.open(self.root) as tar:
            for info in tar:
                name = info.name[2:] if info.name.startswith("./") else info.name
                if info.isfile() and name in wanted:
                    extracted = tar.extractfile(info)
                    if extracted is not None:
                        found[name] = extracted.read()
                        if len(found) == len(wanted):
                            break
        missing = [m for m in members if m not in found]
        if missing:
            raise FileNotFoundError(f"{', '.join(missing)} not in the archive")
        return found


def _cifar_source(fn: str, folder: str, archive: str) -> _Archive:
    """Find CIFAR data as Keras 3, tf.keras or the user may have left it; else download it.

    Folders are looked for as ``<dir>/<folder>/`` (tf.keras layout) and
    ``<dir>/<folder>-target/<folder>/`` (Keras 3 layout); archives as
    ``<archive>`` (the original file name), ``<folder>.tar.gz`` (tf.keras) and
    ``<folder>-target_archive`` (Keras 3). A download keeps the archive only.
    """
    data_dir, _ = _data_dir()
    dirs = ([data_dir] if data_dir is not None else []) + _keras_cache_dirs()
    for d in dirs:
        for sub in (Path(folder), Path(f"{folder}-target") / folder):
            if (d / sub).is_dir():
                return _Archive(d / sub)
        for name in (archive, f"{folder}.tar.gz", f"{folder}-target_archive"):
            if (d / name).is_file():
                return _Archive(d / name)
    path = _resolve(fn, archive, "https://www.cs.toronto.edu/~kriz/" + archive, _HASHES[archive])
    return _Archive(path)


def _cifar_members(fn: str, source: _Archive, members: Sequence[str]) -> dict[str, bytes]:
    try:
        return source.read(members)
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise RKerasError(f"cannot read CIFAR data from {source.root} ({exc})", fn=fn) from exc


def _cifar_batch(fn: str, raw: bytes, member: str, label_key: str) -> tuple[Any, Any]:
    """Keras's ``cifar.load_batch`` on one pickled batch: (data as (n, 3, 32, 32), labels)."""
    try:
        d = _RestrictedUnpickler(io.BytesIO(raw), encoding="bytes").load()
        d = {k.decode("utf8") if isinstance(k, bytes) else k: v for k, v in d.items()}
        data, labels = d["data"], d[label_key]
        return data.reshape(data.shape[0], 3, 32, 32), labels
    except (KeyError, ValueError, AttributeError, pickle.UnpicklingError, EOFError) as exc:
        raise RKerasError(f"cannot read the CIFAR batch {member} ({exc!r})", fn=fn) from exc


def _image_data_format() -> str:
    """Keras's image data format, read from keras.json unless Keras is already imported."""
    keras = sys.modules.get("keras")
    if keras is not None and hasattr(keras, "config"):
        return str(keras.config.image_data_format())
    config = _keras_home() / "keras.json"
    try:
        with open(config) as f:
            return str(json.load(f).get("image_data_format", "channels_last"))
    except (OSError, ValueError, AttributeError):
        return "channels_last"


def dataset_cifar10(convert: bool = True) -> Dataset:
    """CIFAR-10: ``x`` uint8 (n, 32, 32, 3), ``y`` uint8 (n, 1) labels 0-9.

    Args:
        convert: ``TRUE``: R arrays; ``FALSE``: each array stays a NumPy array (a handle).
    """
    fn = "dataset_cifar10"
    _convert_arg(fn, convert)
    folder = "cifar-10-batches-py"
    source = _cifar_source(fn, folder, "cifar-10-python.tar.gz")
    names = [f"data_batch_{i}" for i in range(1, 6)] + ["test_batch"]
    raw = _cifar_members(fn, source, [f"{folder}/{n}" for n in names])
    batches = [_cifar_batch(fn, raw[f"{folder}/{n}"], n, "labels") for n in names]
    x_train = np.concatenate([np.asarray(b[0], dtype="uint8") for b in batches[:5]])
    y_train = np.concatenate([np.asarray(b[1], dtype="uint8").reshape(-1) for b in batches[:5]])
    x_test, y_test = batches[5]
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if _image_data_format() == "channels_last":
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    x_test = x_test.astype(x_train.dtype)
    y_test = y_test.astype(y_train.dtype)
    return _converted(_split(x_train, y_train, x_test, y_test), convert)


def dataset_cifar100(label_mode: Any = ("fine", "coarse"), convert: bool = True) -> Dataset:
    """CIFAR-100: ``x`` uint8 (n, 32, 32, 3), ``y`` (n, 1) labels 0-99 ("fine") or 0-19 ("coarse").

    Args:
        label_mode: ``"fine"`` (100 classes; the default, R's ``match.arg()`` takes the first
            choice) or ``"coarse"`` (20 superclasses).
        convert: ``TRUE``: R arrays; ``FALSE``: each array stays a NumPy array (a handle).
    """
    fn = "dataset_cifar100"
    if isinstance(label_mode, (list, tuple)) and list(label_mode) == ["fine", "coarse"]:
        label_mode = "fine"
    elif isinstance(label_mode, (list, tuple)) and len(label_mode) == 1:
        label_mode = label_mode[0]
    if label_mode not in ("fine", "coarse"):
        raise arg_error(fn, "label_mode", 'one of "fine" or "coarse"', label_mode)
    _convert_arg(fn, convert)
    folder = "cifar-100-python"
    source = _cifar_source(fn, folder, "cifar-100-python.tar.gz")
    raw = _cifar_members(fn, source, [f"{folder}/train", f"{folder}/test"])
    key = f"{label_mode}_labels"
    x_train, y_train = _cifar_batch(fn, raw[f"{folder}/train"], "train", key)
    x_test, y_test = _cifar_batch(fn, raw[f"{folder}/test"], "test", key)
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    if _image_data_format() == "channels_last":
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    return _converted(_split(x_train, y_train, x_test, y_test), convert)


# --------------------------------------------------------------------------- IMDB and Reuters


def _remove_long_seq(maxlen: int, seq: list[list[int]], label: Any) -> tuple[list[list[int]], list[Any]]:
    """Keras's ``remove_long_seq``: keeps sequences *shorter* than ``maxlen``."""
    new_seq, new_label = [], []
    for x, y in zip(seq, label):  # noqa: B905 - Keras's zip
        if len(x) < maxlen:
            new_seq.append(x)
            new_label.append(y)
    return new_seq, new_label


def _shift(xs: Any, start_char: int | None, index_from: int) -> list[list[int]]:
    if start_char is not None:
        return [[start_char] + [w + index_from for w in x] for x in xs]
    if index_from:
        return [[w + index_from for w in x] for x in xs]
    return [[w for w in x] for x in xs]


def _limit_vocab(
    xs: list[list[int]], num_words: int | None, skip_top: int, oov_char: int | None, fn: str
) -> list[list[int]]:
    if not num_words:
        if not xs or not all(xs):
            raise RKerasError("no sequences to index (an empty sequence or none left after `maxlen`)", fn=fn)
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        return [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    return [[w for w in x if skip_top <= w < num_words] for x in xs]


def _object_array(seqs: list[list[int]]) -> np.ndarray:
    """A 1-d object array of lists (Keras's ``np.array(xs, dtype="object")`` without the 2-d surprise)."""
    out = np.empty(len(seqs), dtype=object)
    for i, s in enumerate(seqs):
        out[i] = s
    return out


def _sequence_args(
    fn: str,
    num_words: Any,
    skip_top: Any,
    maxlen: Any,
    seed: Any,
    start_char: Any,
    oov_char: Any,
    index_from: Any,
) -> tuple[Any, ...]:
    return (
        _int_arg(fn, "num_words", num_words, nullable=True, minimum=0),
        _int_arg(fn, "skip_top", skip_top, minimum=0),
        _int_arg(fn, "maxlen", maxlen, nullable=True, minimum=0),
        _int_arg(fn, "seed", seed, minimum=0),
        _int_arg(fn, "start_char", start_char, nullable=True),
        _int_arg(fn, "oov_char", oov_char, nullable=True),
        _int_arg(fn, "index_from", index_from, minimum=0),
    )


def dataset_imdb(
    path: str = "imdb.npz",
    num_words: Any = None,
    skip_top: Any = 0,
    maxlen: Any = None,
    seed: Any = 113,
    start_char: Any = 1,
    oov_char: Any = 2,
    index_from: Any = 3,
    convert: bool = True,
) -> Dataset:
    """IMDB reviews as word-index sequences (0 = pad, ``start_char``, ``oov_char``,
    words from ``index_from``), labels 0/1; Keras's processing, number for number.

    With ``convert = TRUE`` each ``x`` is a list of integer vectors; with ``FALSE`` it stays
    NumPy's 1-d object array of lists (a handle), and ``y`` a NumPy array."""
    fn = "dataset_imdb"
    _convert_arg(fn, convert)
    num_words, skip_top, maxlen, seed, start_char, oov_char, index_from = _sequence_args(
        fn, num_words, skip_top, maxlen, seed, start_char, oov_char, index_from
    )
    file = _resolve(fn, path, _ORIGIN + "imdb.npz", _HASHES["imdb.npz"] if path == "imdb.npz" else None)
    f = _load_npz(fn, file, ("x_train", "y_train", "x_test", "y_test"))
    x_train, labels_train = f["x_train"], f["y_train"]
    x_test, labels_test = f["x_test"], f["y_test"]

    rng = np.random.RandomState(seed)
    indices = np.arange(len(x_train))
    rng.shuffle(indices)
    x_train = x_train[indices]
    labels_train = labels_train[indices]
    indices = np.arange(len(x_test))
    rng.shuffle(indices)
    x_test = x_test[indices]
    labels_test = labels_test[indices]

    xs_train = _shift(x_train, start_char, index_from)
    xs_test = _shift(x_test, start_char, index_from)
    if maxlen:
        xs_train, labels_train = _remove_long_seq(maxlen, xs_train, labels_train)
        xs_test, labels_test = _remove_long_seq(maxlen, xs_test, labels_test)
        if not xs_train or not xs_test:
            raise RKerasError(
                f"no sequence is shorter than `maxlen` = {maxlen} in the train or the test set; "
                "increase `maxlen`",
                fn=fn,
                arg="maxlen",
            )
    xs = _limit_vocab(xs_train + xs_test, num_words, skip_top, oov_char, fn)
    labels = np.concatenate([labels_train, labels_test])
    idx = len(xs_train)
    return _converted(_split(_object_array(xs[:idx]), labels[:idx], _object_array(xs[idx:]), labels[idx:]),
                      convert)


def dataset_reuters(
    path: str = "reuters.npz",
    num_words: Any = None,
    skip_top: Any = 0,
    maxlen: Any = None,
    test_split: float = 0.2,
    seed: Any = 113,
    start_char: Any = 1,
    oov_char: Any = 2,
    index_from: Any = 3,
    convert: bool = True,
) -> Dataset:
    """Reuters newswires as word-index sequences, labels 0-45 (46 topics); Keras's processing.

    ``convert = FALSE`` keeps the NumPy arrays (handles), as for ``dataset_imdb()``."""
    fn = "dataset_reuters"
    _convert_arg(fn, convert)
    num_words, skip_top, maxlen, seed, start_char, oov_char, index_from = _sequence_args(
        fn, num_words, skip_top, maxlen, seed, start_char, oov_char, index_from
    )
    test_split = _test_split_arg(fn, test_split)
    file = _resolve(
        fn, path, _ORIGIN + "reuters.npz", _HASHES["reuters.npz"] if path == "reuters.npz" else None
    )
    f = _load_npz(fn, file, ("x", "y"))
    xs_arr, labels = f["x"], f["y"]

    rng = np.random.RandomState(seed)
    indices = np.arange(len(xs_arr))
    rng.shuffle(indices)
    xs_arr = xs_arr[indices]
    labels = labels[indices]

    if start_char is not None or index_from:
        xs = _shift(xs_arr, start_char, index_from)
    else:
        xs = [list(x) for x in xs_arr]
    if maxlen:
        xs, labels = _remove_long_seq(maxlen, xs, labels)
        if not xs:
            raise RKerasError(
                f"no sequence is shorter than `maxlen` = {maxlen}; increase `maxlen`", fn=fn, arg="maxlen"
            )
    xs = _limit_vocab(xs, num_words, skip_top, oov_char, fn)
    idx = int(len(xs) * (1 - test_split))
    return _converted(_split(
        _object_array(xs[:idx]), np.array(labels[:idx]), _object_array(xs[idx:]), np.array(labels[idx:])
    ), convert)


# keras3's default name for the Reuters word index (the file is Keras's JSON one)
_REUTERS_INDEX_R = "reuters_word_index.pkl"


def _word_index(fn: str, path: str, origin: str, default: str) -> dict[str, int]:
    known = path == default or (default == "reuters_word_index.json" and path == _REUTERS_INDEX_R)
    file = _resolve(fn, path, origin, _HASHES[default] if known else None)
    try:
        with open(file) as f:
            index = json.load(f)
    except (OSError, ValueError) as exc:
        raise RKerasError(f"cannot read the word index {file} ({exc})", fn=fn) from exc
    if not isinstance(index, dict):
        raise RKerasError(f"{file} does not hold a JSON object (word -> index)", fn=fn)
    return index


def dataset_imdb_word_index(path: str = "imdb_word_index.json") -> dict[str, int]:
    """IMDB word -> frequency rank (1 = most frequent); add ``index_from`` (3) to match ``x``."""
    return _word_index(
        "dataset_imdb_word_index", path, _ORIGIN + "imdb_word_index.json", "imdb_word_index.json"
    )


def dataset_reuters_word_index(path: str = "reuters_word_index.pkl") -> dict[str, int]:
    """Reuters word -> frequency rank (1 = most frequent); add ``index_from`` (3) to match ``x``.

    ``path`` is the name the file is kept under (keras3's default ``"reuters_word_index.pkl"``):
    whatever the name, the file is Keras's ``reuters_word_index.json``. With the default name, a
    ``reuters_word_index.json`` already in the data folder or the Keras cache is read first."""
    fn = "dataset_reuters_word_index"
    origin = _ORIGIN + "reuters_word_index.json"
    if path == _REUTERS_INDEX_R:
        places, _ = _candidates("reuters_word_index.json")
        if any(place.is_file() for place in places):
            path = "reuters_word_index.json"
    return _word_index(fn, path, origin, "reuters_word_index.json")


# --------------------------------------------------------------------------- housing


def _shuffle_split(x: np.ndarray, y: np.ndarray, test_split: float, seed: int) -> Dataset:
    """Keras's housing split: ``RandomState(seed)`` shuffle, first ``1 - test_split`` is train."""
    rng = np.random.RandomState(seed)
    indices = np.arange(len(x))
    rng.shuffle(indices)
    x = x[indices]
    y = y[indices]
    n = int(len(x) * (1 - test_split))
    return _split(np.array(x[:n]), np.array(y[:n]), np.array(x[n:]), np.array(y[n:]))


def dataset_boston_housing(
    path: str = "boston_housing.npz", test_split: float = 0.2, seed: Any = 113, convert: bool = True
) -> Dataset:
    """Boston housing: ``x`` (n, 13) float64, ``y`` median values in k$; 404/102 rows by default.
    ``convert = FALSE`` keeps the NumPy arrays (handles)."""
    fn = "dataset_boston_housing"
    _convert_arg(fn, convert)
    test_split = _test_split_arg(fn, test_split)
    seed = _int_arg(fn, "seed", seed, minimum=0)
    file = _resolve(
        fn,
        path,
        _ORIGIN + "boston_housing.npz",
        _HASHES["boston_housing.npz"] if path == "boston_housing.npz" else None,
    )
    f = _load_npz(fn, file, ("x", "y"))
    return _converted(_shuffle_split(f["x"], f["y"], test_split, seed), convert)


def dataset_california_housing(
    version: str = "large",
    path: str = "california_housing.npz",
    test_split: float = 0.2,
    seed: Any = 113,
    convert: bool = True,
) -> Dataset:
    """California housing: ``x`` (n, 8), ``y`` median house values in dollars;
    ``version = "small"`` keeps the first 600 of the 20640 rows. ``convert = FALSE`` keeps the
    NumPy arrays (handles)."""
    fn = "dataset_california_housing"
    _convert_arg(fn, convert)
    if version not in ("small", "large"):
        raise arg_error(fn, "version", 'one of "small" or "large"', version)
    test_split = _test_split_arg(fn, test_split)
    seed = _int_arg(fn, "seed", seed, minimum=0)
    file = _resolve(
        fn,
        path,
        _ORIGIN + "california_housing.npz",
        _HASHES["california_housing.npz"] if path == "california_housing.npz" else None,
    )
    f = _load_npz(fn, file, ("x", "y"))
    x, y = f["x"], f["y"]
    if version == "small":
        x, y = x[:600], y[:600]
    return _converted(_shuffle_split(x, y, test_split, seed), convert)
