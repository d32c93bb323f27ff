"""Saving and loading models and weights.

Nothing a user saved is replaced without asking: every save refuses an
existing file unless ``overwrite=True`` (for keras 2.x's ``*_hdf5`` names too,
whose default was to overwrite). Nothing a user saved is half-overwritten either:
every save writes a temporary file in the target's folder and renames it into
place once complete and flushed to disk (:func:`atomic_target`), so a save that
fails or is killed leaves the old file as it was and no partial file behind.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import RKerasError, arg_error
from ._keras import keras


def _target(fn: str, filepath: Any, overwrite: bool, suffixes: tuple[str, ...]) -> Path:
    if not isinstance(filepath, (str, os.PathLike)):
        raise arg_error(fn, "filepath", "a file path (character string)", filepath)
    path = Path(filepath).expanduser()
    if suffixes and not str(path).endswith(suffixes):
        raise arg_error(fn, "filepath", "a path ending in " + " or ".join(suffixes), str(filepath))
    if path.exists() and not overwrite:
        raise RKerasError(
            f"`filepath` {str(filepath)!r} already exists; pass overwrite = TRUE to replace it",
            fn=fn,
            arg="filepath",
        )
    if not path.parent.exists():
        raise arg_error(fn, "filepath", "a path in an existing folder", str(filepath))
    return path


def _fsync(path: Path) -> None:
    """Flush a file (or every file of a folder, then the folder) to disk."""
    if path.is_dir():
        for child in path.rglob("*"):
            if child.is_file():
                _fsync(child)
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _suffix(path: Path) -> str:
    """The suffix Keras decides the format by (``.weights.h5`` counts whole)."""
    name = path.name
    for compound in (".weights.h5", ".weights.json"):
        if name.endswith(compound):
            return compound
    return path.suffix


@contextlib.contextmanager
def atomic_target(path: Path, suffix: str | None = None) -> Iterator[Path]:
    """A temporary path beside ``path`` (same folder; same suffix, so Keras picks the same
    format, unless ``suffix`` says which the writer needs) to write to; when the block
    succeeds it is flushed to disk and renamed over ``path`` (``os.replace``: atomic on
    POSIX), and the folder is flushed. When the block
    fails the temporary file is removed and ``path`` is untouched. A folder (Keras's unzipped
    format) replaces an old folder by two renames; the old one is deleted last."""
    path = Path(path)
    _remove_stale_partials(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.",
                                suffix=f".partial{suffix or _suffix(path)}", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # the writer creates it (Keras refuses some existing targets)
    try:
        yield tmp
        if not tmp.exists():
            raise RKerasError(f"saving to {str(path)!r} wrote nothing")
        _fsync(tmp)
        if tmp.is_dir() and path.is_dir():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            path.rename(old)
            tmp.rename(path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, path)
        _fsync(path.parent)
    finally:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        elif tmp.exists():
            tmp.unlink()


def _remove_stale_partials(path: Path) -> None:
    """Temporary files that a killed save left beside ``path`` (their process is gone)."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.partial*"):
        pid = leftover.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file through :func:`atomic_target`."""
    with atomic_target(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def _source(fn: str, filepath: Any) -> Path:
    if not isinstance(filepath, (str, os.PathLike)):
        raise arg_error(fn, "filepath", "a file path (character string)", filepath)
    path = Path(filepath).expanduser()
    if not path.exists():
        raise RKerasError(f"`filepath` {str(filepath)!r} does not exist", fn=fn, arg="filepath")
    return path


def save_model(model: Any, filepath: Any = None, overwrite: bool = False, zipped: Any = None) -> Any:
    """Save to a ``.keras`` file (returns the model); ``filepath=None`` returns the file's bytes."""
    if filepath is None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.keras"
            keras().saving.save_model(model, str(path))
            return path.read_bytes()
    path = _target("save_model", filepath, overwrite, (".keras",))
    kwargs = {} if zipped is None else {"zipped": zipped}
    with atomic_target(path) as tmp:
        keras().saving.save_model(model, str(tmp), overwrite=True, **kwargs)
    return model


# Classes rkeras itself defines that saved models may use, by their Keras class name: each names
# the factory (a ``module:function`` target, resolved on first use) that returns the class.
BUILTIN_OBJECTS: dict[str, str] = {
    "ThresholdedReLU": "rkeras.flavours.kerasr:_thresholded_relu",  # kerasR's layer, gone from Keras 3
}


def known_objects(custom_objects: Any = None) -> dict[str, Any]:
    """The user's custom objects plus the classes rkeras itself defines (:data:`BUILTIN_OBJECTS`)."""
    from ._keras import resolve
    from .classes import ClassConstructor

    objects: dict[str, Any] = {name: resolve(target)() for name, target in BUILTIN_OBJECTS.items()}
    if isinstance(custom_objects, (list, tuple)):  # unnamed: each object under its own name
        custom_objects = {getattr(one, "__name__", str(one)): one for one in custom_objects}
    for name, one in dict(custom_objects or {}).items():
        objects[name] = one.py_class if isinstance(one, ClassConstructor) else one
    return objects


def load_model(
    model: Any,
    custom_objects: Any = None,
    compile: bool = True,  # noqa: A002
    safe_mode: bool = True,
) -> Any:
    """Load a model from a ``.keras`` (or legacy ``.h5``) file, or from the bytes save_model() gave."""
    if isinstance(model, (bytes, bytearray)):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.keras"
            path.write_bytes(bytes(model))
            return keras().saving.load_model(
                str(path), custom_objects=known_objects(custom_objects), compile=compile, safe_mode=safe_mode
            )
    path = _source("load_model", model)
    return keras().saving.load_model(
        str(path), custom_objects=known_objects(custom_objects), compile=compile, safe_mode=safe_mode
    )


def save_model_weights(model: Any, filepath: Any, overwrite: bool = False) -> Any:
    """Saves the weights of a model to a ``.weights.h5`` file.

    Args:
        model: The model.
        filepath: The file to write.
        overwrite: Whether an existing file may be replaced (it never is otherwise).
    """
    path = _target("save_model_weights", filepath, overwrite, (".weights.h5",))
    with atomic_target(path) as tmp:
        model.save_weights(str(tmp), overwrite=True)
    return model


def load_model_weights(model: Any, filepath: Any, skip_mismatch: bool = False) -> Any:
    """Loads weights saved by ``save_model_weights()`` into a model.

    Args:
        model: The model.
        filepath: The weights file.
        skip_mismatch: Whether to skip layers whose weights do not match.
    """
    path = _source("load_model_weights", filepath)
    model.load_weights(str(path), skip_mismatch=skip_mismatch)
    return model


def save_model_hdf5(
    object: Any,
    filepath: Any,
    overwrite: bool = False,  # noqa: A002
    include_optimizer: bool = True,
) -> Any:
    """keras 2.x: the whole model in HDF5 (Keras 3's legacy ``.h5`` format)."""
    path = _target("save_model_hdf5", filepath, overwrite, ())
    if not str(path).endswith((".h5", ".hdf5")):
        raise arg_error("save_model_hdf5", "filepath", "a path ending in .h5 or .hdf5", str(filepath))
    import warnings

    with warnings.catch_warnings(), atomic_target(path) as tmp:
        warnings.filterwarnings("ignore", message=".*HDF5 file.*legacy.*")
        keras().saving.save_model(object, str(tmp), overwrite=True, include_optimizer=include_optimizer)
    return object


def load_model_hdf5(filepath: Any, custom_objects: Any = None, compile: bool = True) -> Any:  # noqa: A002
    """Loads a model saved in the HDF5 format (keras 2.x).

    Args:
        filepath: The ``.h5`` file.
        custom_objects: Optional named list of custom classes or functions.
        compile: Whether to compile the model after loading.
    """
    path = _source("load_model_hdf5", filepath)
    return keras().saving.load_model(
        str(path), custom_objects=known_objects(custom_objects), compile=compile
    )


def save_model_weights_hdf5(object: Any, filepath: Any, overwrite: bool = False) -> Any:  # noqa: A002
    """keras 2.x: weights in HDF5 at any path (Keras 3 insists on ``.weights.h5``; we rename)."""
    path = _target("save_model_weights_hdf5", filepath, overwrite, ())
    with atomic_target(path, suffix=".weights.h5") as staged:  # Keras 3 insists on that suffix
        object.save_weights(str(staged))
    return object


def load_model_weights_hdf5(
    object: Any,
    filepath: Any,
    by_name: bool = False,  # noqa: A002
    skip_mismatch: bool = False,
) -> Any:
    """Loads weights saved in the HDF5 format into a model (keras 2.x).

    Args:
        object: The model.
        filepath: The ``.h5`` weights file.
    """
    path = _source("load_model_weights_hdf5", filepath)
    if by_name:
        raise arg_error(
            "load_model_weights_hdf5", "by_name", "FALSE (Keras 3 loads weights by position)", by_name
        )
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "w.weights.h5"
        shutil.copyfile(path, staged)
        object.load_weights(str(staged), skip_mismatch=skip_mismatch)
    return object


def model_to_json(object: Any) -> str:  # noqa: A002
    """The model's architecture as a JSON string.

    Args:
        object: The model.
    """
    return str(object.to_json())


def model_from_json(json: str, custom_objects: Any = None) -> Any:
    """A model rebuilt from the JSON string ``model_to_json()`` returned.

    Args:
        json: The JSON string.
        custom_objects: Optional named list of custom classes or functions.
    """
    if not isinstance(json, str):
        raise arg_error("model_from_json", "json", "a JSON string (what model_to_json() returns)", json)
    return keras().models.model_from_json(json, custom_objects=known_objects(custom_objects))
