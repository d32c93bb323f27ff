"""keras3's utility functions whose R semantics differ from Keras's own function.

* ``random_categorical``: 1-based class indices unless ``zero_indexed = TRUE``;
  ``random_shuffle``: a 1-based ``axis`` (keras3's ``as_axis``).
* ``get_file``: Keras's own ``get_file``, offline-safe: a file already in
  ``$RKERAS_DATA_DIR`` or the Keras cache is used as it is, a cached file whose
  hash does not match is never downloaded over (Keras would, and would delete it
  when that download fails), and a failed download is an error naming the file
  and where to put it.
* ``split_dataset``: sizes given as R doubles (``100`` is a count, ``0.8`` a fraction).
* ``save_model_config`` / ``load_model_config``: a model's JSON config, saved atomically,
  never over an existing file unless ``overwrite = TRUE``.
* ``register_keras_serializable``, ``get_state_tree``, ``set_state_tree``,
  ``quantize_weights``: the R calling convention (object first).

Importing this module imports neither TensorFlow nor Keras.
"""

from __future__ import annotations

import numbers
import os
import urllib.parse
from pathlib import Path
from typing import Any

from ..errors import RKerasError, arg_error
from ._keras import keras
from .args import as_integer
from .pipe import unwrap

# --------------------------------------------------------------------------- files


def _keras_dir(cache_dir: Any) -> Path:
    """The folder Keras's get_file writes under (its ``/tmp/.keras`` fallback included)."""
    from .datasets import _keras_home

    if cache_dir is None:
        return _keras_home()
    base = Path(os.path.expanduser(str(cache_dir)))
    return base if os.access(base, os.W_OK) or not base.exists() else Path("/tmp/.keras")


def _download_target(datadir: Path, fname: str, given: bool, extract: bool) -> Path:
    """Where Keras's get_file keeps the (archive) file: its own naming rule."""
    if not extract:
        return datadir / fname
    if given and "." in fname:
        return datadir / fname
    return datadir / (f"{fname}_archive")


def get_file(
    fname: Any = None,
    origin: Any = None,
    *,
    file_hash: Any = None,
    cache_subdir: str = "datasets",
    hash_algorithm: str = "auto",
    extract: bool = False,
    archive_format: str = "auto",
    cache_dir: Any = None,
    force_download: bool = False,
    **kwargs: Any,
) -> str:
    """The local path of ``fname`` (downloaded from ``origin`` when it is nowhere local).

    Looked up first as ``$RKERAS_DATA_DIR/<cache_subdir>/<fname>`` and ``$RKERAS_DATA_DIR/<fname>``,
    then in the Keras cache (``<cache_dir>/<cache_subdir>/<fname>``, ``cache_dir`` defaulting to
    ``$KERAS_HOME``); otherwise Keras's ``get_file`` downloads it there.
    """
    from .datasets import _data_dir

    fn = "get_file"
    if fname is not None and not isinstance(fname, (str, os.PathLike)):
        raise arg_error(fn, "fname", "NULL or a file name", fname)
    if origin is not None and not isinstance(origin, str):
        raise arg_error(fn, "origin", "NULL or a URL (character string)", origin)
    name = os.fspath(fname) if fname is not None else ""
    if not name:
        if origin is None:
            raise RKerasError("give `fname`, `origin` or both", fn=fn, arg="fname")
        name = os.path.basename(urllib.parse.urlsplit(origin).path)
        if not name:
            raise RKerasError(f"cannot take a file name from `origin` {origin!r}; give `fname`", fn=fn,
                              arg="fname")
    if os.sep in name:
        raise arg_error(fn, "fname", "a file name without folders (use `cache_dir` and `cache_subdir`)", name)
    data_dir, data_label = _data_dir()
    if data_dir is not None and not force_download:
        for place in (data_dir / cache_subdir / name, data_dir / name):
            if place.is_file():
                if not extract:
                    return str(place)
                origin = place.resolve().as_uri()  # Keras copies and extracts it into its cache
                break
    base = _keras_dir(cache_dir)  # passed to Keras too, so both look in the same place
    try:
        base.mkdir(parents=True, exist_ok=True)  # Keras falls back to /tmp/.keras for a missing folder
    except OSError:
        pass
    datadir = base / cache_subdir
    target = _download_target(datadir, name, fname is not None, bool(extract))
    existed = target.exists()
    algorithm = "md5" if kwargs.get("md5_hash") is not None and file_hash is None else hash_algorithm
    wanted = file_hash if file_hash is not None else kwargs.get("md5_hash")
    if existed and wanted is not None and not force_download:
        from keras.src.utils.file_utils import validate_file  # lazy: imports TensorFlow

        if not validate_file(str(target), wanted, algorithm=algorithm):
            raise RKerasError(
                f"{target} exists but its {algorithm} hash is not {wanted}; rkeras does not download "
                "over an existing file: remove or replace it, or pass force_download = TRUE",
                fn=fn,
            )
    where = f"the Keras cache ({datadir})"
    if data_label:
        where = f"{data_label} or {where}"
    if origin is None and not existed:
        raise RKerasError(
            f"{name} is not in {where} and no `origin` was given to download it from. "
            f"Put the file at {target} or in RKERAS_DATA_DIR",
            fn=fn,
            arg="origin",
        )
    try:
        path = keras().utils.get_file(
            name if fname is not None else None,
            origin=origin,
            file_hash=file_hash,
            cache_subdir=cache_subdir,
            hash_algorithm=hash_algorithm,
            extract=extract,
            archive_format=archive_format,
            cache_dir=str(base),
            force_download=force_download,
            **kwargs,
        )
    except Exception as exc:  # noqa: BLE001 - any failure becomes one clear message
        if not existed and target.is_file():  # our own failed download
            target.unlink()
        raise RKerasError(
            f"{name} is not in {where} and downloading it from {origin} failed "
            f"({type(exc).__name__}: {exc}). Download it and put it at {target}, or set "
            "RKERAS_DATA_DIR to a folder that holds it",
            fn=fn,
        ) from exc
    return str(path)


def _split_size(fn: str, arg: str, value: Any) -> Any:
    """R's sizes: a whole number >= 1 is a count, a number in (0, 1) a fraction, NULL the rest."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise arg_error(fn, arg, "NULL, a fraction in (0, 1) or a whole number of samples", value)
    if 0 < value < 1:
        return float(value)
    if value >= 1 and float(value).is_integer():
        return int(value)
    raise arg_error(fn, arg, "NULL, a fraction in (0, 1) or a whole number of samples", value)


def split_dataset(
    dataset: Any, left_size: Any = None, right_size: Any = None, shuffle: bool = False, seed: Any = None
) -> Any:
    """``dataset`` (an array, a list of arrays, or a tf.data.Dataset) split in two datasets."""
    fn = "split_dataset"
    if isinstance(dataset, list):
        dataset = tuple(dataset)
    if not isinstance(shuffle, bool):
        raise arg_error(fn, "shuffle", "TRUE or FALSE", shuffle)
    left, right = keras().utils.split_dataset(
        dataset,
        left_size=_split_size(fn, "left_size", left_size),
        right_size=_split_size(fn, "right_size", right_size),
        shuffle=shuffle,
        seed=as_integer(seed, fn=fn, arg="seed"),
    )
    return [left, right]


# --------------------------------------------------------------------------- serialization


def register_keras_serializable(object: Any, name: Any = None, package: Any = None) -> Any:  # noqa: A002
    """Register ``object`` (a class or function) as ``"<package>>name"`` (package ``"Custom"``,
    name the object's own, by default), so saved models that use it load again."""
    fn = "register_keras_serializable"
    for arg, value in (("name", name), ("package", package)):
        if value is not None and not isinstance(value, str):
            raise arg_error(fn, arg, "NULL or a character string", value)
    if name is None and not getattr(object, "__name__", None):
        raise RKerasError("`object` has no name of its own: give `name`", fn=fn, arg="name")
    from .classes import ClassConstructor

    target = object.py_class if isinstance(object, ClassConstructor) else object
    try:
        keras().saving.register_keras_serializable(package=package or "Custom", name=name)(target)
        return object
    except ValueError as exc:
        raise RKerasError(str(exc), fn=fn, arg="object") from exc


def set_custom_objects(objects: Any = None, clear: bool = True) -> dict[str, Any]:
    """Set the global custom objects: the classes and functions `load_model()` and
    `deserialize_keras_object()` find by name without `custom_objects =`.

    Args:
        objects: A named list of classes or functions (e.g. `list(MyLayer = MyLayer)`); NULL or an
            empty list sets none.
        clear: TRUE replaces the current global custom objects (by default), FALSE adds to them.

    Returns:
        The previous global custom objects, a named list (invisibly in R), so they can be put back:
        `old <- set_custom_objects(list(f = f), clear = FALSE); ...; set_custom_objects(old)`.
    """
    fn = "set_custom_objects"
    if not isinstance(clear, bool):
        raise arg_error(fn, "clear", "TRUE or FALSE", clear)
    if objects is None or (isinstance(objects, (list, tuple)) and not objects):
        objects = {}
    if not isinstance(objects, dict) or not all(isinstance(k, str) and k for k in objects):
        raise arg_error(fn, "objects", "a named list of classes or functions (every element named)", objects)
    store = keras().saving.get_custom_objects()
    previous = dict(store)
    if clear:
        store.clear()
    store.update({name: unwrap(value) for name, value in objects.items()})
    return previous


def py_require(packages: Any = None, python_version: Any = None, *args: Any, exclude_newer: Any = None,
               action: str = "add") -> None:
    """Declare Python packages this R code needs (reticulate's `py_require()`).

    rkeras runs in one fixed Python environment (the one the rkeras package is installed in), so
    nothing is installed: each package named is checked to be importable there, and a missing one is an
    error that names it and says how to install it. `python_version`, `exclude_newer` and
    `action = "remove"`/`"set"` have no effect.

    Args:
        packages: Package names (pip-style requirements such as `"scipy>=1.10"` are allowed; the
            name before any version is checked).
        python_version: Ignored (the Python is rkeras's).
        exclude_newer: Ignored.
        action: "add", "remove" or "set"; only "add" checks anything.
    """
    import importlib.util
    import re
    import sys

    fn = "py_require"
    if action not in ("add", "remove", "set"):
        raise arg_error(fn, "action", 'one of "add", "remove" or "set"', action)
    names = [] if packages is None else [packages] if isinstance(packages, str) else list(packages)
    if not all(isinstance(n, str) for n in names):
        raise arg_error(fn, "packages", "NULL or package names (a character vector)", packages)
    if action != "add":
        return None
    aliases = {"pillow": "PIL", "scikit-learn": "sklearn", "tensorflow-cpu": "tensorflow",
               "opencv-python": "cv2", "pyyaml": "yaml"}
    missing = []
    for requirement in names:
        name = re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0]
        module = aliases.get(name.lower(), name.replace("-", "_"))
        if importlib.util.find_spec(module) is None:
            missing.append(name)
    if missing:
        raise RKerasError(
            f"Python package(s) {', '.join(repr(m) for m in missing)} not installed in rkeras's Python "
            f"({sys.executable}); install them there: {sys.executable} -m pip install {' '.join(missing)}",
            fn=fn, arg="packages")
    return None


def save_model_config(model: Any, filepath: Any = None, overwrite: bool = False) -> Any:
    """Write ``model``'s configuration (its JSON, no weights) to ``filepath``, atomically; an existing
    file is replaced only with ``overwrite = TRUE``."""
    from .saving import _target, write_text_atomic

    fn = "save_model_config"
    if not isinstance(overwrite, bool):
        raise arg_error(fn, "overwrite", "TRUE or FALSE", overwrite)
    path = _target(fn, filepath, overwrite, ())
    write_text_atomic(path, model.to_json())
    return model


def load_model_config(filepath: Any, custom_objects: Any = None) -> Any:
    """A new (untrained) model from a configuration ``save_model_config()`` wrote."""
    from .saving import _source, known_objects

    fn = "load_model_config"
    path = _source(fn, filepath)
    try:
        return keras().models.model_from_json(
            path.read_text(encoding="utf-8"), custom_objects=known_objects(custom_objects)
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise RKerasError(f"cannot read a model configuration from {str(path)!r} ({exc})", fn=fn,
                          arg="filepath") from exc


# --------------------------------------------------------------------------- state


def get_state_tree(object: Any, value_format: str = "backend_tensor") -> Any:  # noqa: A002
    """The model's variables as nested named lists (trainable, non-trainable, optimizer, metrics)."""
    if value_format not in ("backend_tensor", "numpy_array"):
        raise arg_error("get_state_tree", "value_format", '"backend_tensor" or "numpy_array"', value_format)
    return object.get_state_tree(value_format=value_format)


def set_state_tree(object: Any, state_tree: Any) -> Any:  # noqa: A002
    """Assign the variables of a state tree (as :func:`get_state_tree` returns it); returns the model."""
    if not isinstance(state_tree, dict):
        raise arg_error("set_state_tree", "state_tree", "a named list (what get_state_tree() returns)",
                        state_tree)
    object.set_state_tree(state_tree)
    return object


def quantize_weights(object: Any, mode: Any, **kwargs: Any) -> Any:  # noqa: A002
    """Quantize the model's weights in place (``mode``: "int8", "float8", "int4", ...); returns it."""
    if not isinstance(mode, str):
        raise arg_error("quantize_weights", "mode", 'a quantization mode such as "int8"', mode)
    object.quantize(mode, **kwargs)
    return object
