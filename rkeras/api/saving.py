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
import numbers
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import RKerasError, arg_error
from ._keras import keras


def _target(fn: str, filepath: Any, overwrite: bool, suffixes: tuple[str, ...],
            arg: str = "filepath") -> Path:
    """Where a save writes: ``filepath`` (the argument ``arg``) checked, refused when it exists
    unless ``overwrite``."""
    if not isinstance(filepath, (str, os.PathLike)):
        raise arg_error(fn, arg, "a file path (character string)", filepath)
    if not isinstance(overwrite, bool):
        raise arg_error(fn, "overwrite", "TRUE or FALSE", overwrite)
    path = Path(filepath).expanduser()
    if suffixes and not str(path).endswith(suffixes):
        raise arg_error(fn, arg, "a path ending in " + " or ".join(suffixes), str(filepath))
    if path.exists() and not overwrite:
        raise RKerasError(
            f"`{arg}` {str(filepath)!r} already exists; pass overwrite = TRUE to replace it",
            fn=fn,
            arg=arg,
        )
    if not path.parent.exists():
        raise arg_error(fn, arg, "a path in an existing folder", str(filepath))
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


def save_model(
    model: Any, filepath: Any = None, overwrite: bool = False, zipped: Any = None, **kwargs: Any
) -> Any:
    """Saves a model to a ``.keras`` file (returns the model, invisibly); ``filepath = NULL``
    returns the file's bytes (a raw vector).

    Args:
        model: The model.
        filepath: The ``.keras`` file to write, or ``NULL`` for the bytes.
        overwrite: Whether an existing file may be replaced (it never is otherwise).
        zipped: Whether the ``.keras`` file is a zip archive (Keras's default) or a folder.
        ...: Further arguments of ``keras.saving.save_model()``.
    """
    if zipped is not None:
        kwargs["zipped"] = zipped
    if filepath is None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.keras"
            keras().saving.save_model(model, str(path), **kwargs)
            return path.read_bytes()
    path = _target("save_model", filepath, overwrite, (".keras",))
    with atomic_target(path) as tmp:
        keras().saving.save_model(model, str(tmp), overwrite=True, **kwargs)
    return model


# Classes rkeras itself defines that saved models may use, by their Keras class name: each names
# the factory (a ``module:function`` target, resolved on first use) that returns the class.
BUILTIN_OBJECTS: dict[str, str] = {
    "ThresholdedReLU": "rkeras.flavours.kerasr:_thresholded_relu",  # kerasR's layer, gone from Keras 3
    # keras 2.x's layers and metrics, gone from Keras 3
    "RandomHeight": "rkeras.flavours.keras2:_random_height",
    "RandomWidth": "rkeras.flavours.keras2:_random_width",
    "MeanRelativeError": "rkeras.flavours.keras2:_mean_relative_error",
    "MeanTensor": "rkeras.flavours.keras2:_mean_tensor",
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


def save_model_weights(model: Any, filepath: Any, overwrite: bool = False, max_shard_size: Any = None) -> Any:
    """Saves the weights of a model to a ``.weights.h5`` file (returns the model, invisibly).

    With ``max_shard_size`` the weights are split into files of at most that many gigabytes:
    ``filepath`` then ends in ``.weights.json`` (the index that ``load_model_weights()`` reads)
    and the shards are written beside it as ``<name>_00000.weights.h5``, ``<name>_00001...``.

    Args:
        model: The model.
        filepath: The file to write.
        overwrite: Whether existing files may be replaced (they never are otherwise).
        max_shard_size: The largest shard, in GB (e.g. ``0.5``); ``NULL``: one file.
    """
    fn = "save_model_weights"
    if max_shard_size is None:
        path = _target(fn, filepath, overwrite, (".weights.h5",))
        with atomic_target(path) as tmp:
            model.save_weights(str(tmp), overwrite=True)
        return model
    if isinstance(max_shard_size, bool) or not isinstance(max_shard_size, numbers.Real) \
            or not max_shard_size > 0:
        raise arg_error(fn, "max_shard_size", "a positive number of gigabytes", max_shard_size)
    path = _target(fn, filepath, overwrite, (".weights.json",))
    _remove_stale_partials(path)
    with tempfile.TemporaryDirectory(prefix=f".{path.name}.{os.getpid()}.", suffix=".partial",
                                     dir=path.parent) as tmp:
        staged = Path(tmp) / path.name
        model.save_weights(str(staged), overwrite=True, max_shard_size=float(max_shard_size))
        shards = sorted(p for p in Path(tmp).iterdir() if p != staged)
        clashes = [p.name for p in shards if (path.parent / p.name).exists()]
        if clashes and not overwrite:
            raise RKerasError(f"shard {clashes[0]!r} already exists beside `filepath`; pass "
                              "overwrite = TRUE to replace it", fn=fn, arg="filepath")
        for part in [*shards, staged]:  # the index last: a half-moved set is never loadable
            _fsync(part)
            os.replace(part, path.parent / part.name)
        _fsync(path.parent)
    return model


def load_model_weights(model: Any, filepath: Any, skip_mismatch: bool = False, **kwargs: Any) -> Any:
    """Loads weights saved by ``save_model_weights()`` (a ``.weights.h5`` file or a sharded
    ``.weights.json`` index) into a model (returns it, invisibly).

    Args:
        model: The model.
        filepath: The weights file.
        skip_mismatch: Whether to skip layers whose weights do not match.
        ...: Further arguments of Keras's ``Model.load_weights()`` (``objects_to_skip``).
    """
    path = _source("load_model_weights", filepath)
    model.load_weights(str(path), skip_mismatch=skip_mismatch, **kwargs)
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


# --------------------------------------------------------------------------- keras 2.x: SavedModel, raw bytes

# The whole Keras model, kept inside the SavedModel folder save_model_tf() writes, so that
# load_model_tf() gives back a model that trains; other SavedModels load for inference only.
KERAS_IN_SAVEDMODEL = "rkeras_model.keras"


def _export_saved_model(fn: str, model: Any, path: Path, input_signature: Any = None) -> None:
    """``model.export()`` (an inference SavedModel, TensorFlow backend) plus the whole model as a
    ``.keras`` file in the same folder, written to a temporary folder renamed into place."""
    if keras().config.backend() != "tensorflow":
        raise RKerasError("a TensorFlow SavedModel needs the TensorFlow backend (use save_model() for a "
                          ".keras file)", fn=fn)
    with atomic_target(path, suffix="") as tmp:
        model.export(str(tmp), format="tf_saved_model", verbose=False, input_signature=input_signature)
        keras().saving.save_model(model, str(tmp / KERAS_IN_SAVEDMODEL))


def save_model_tf(
    object: Any,  # noqa: A002
    filepath: Any,
    overwrite: bool = False,
    include_optimizer: bool = True,
    signatures: Any = None,
    options: Any = None,
) -> Any:
    """Saves a model as a TensorFlow SavedModel folder (keras 2.x's ``save_model_tf()``).

    Keras 3 exports SavedModels for inference (``model$export()``: TensorFlow Serving, TFLite, ...);
    rkeras also keeps the whole Keras model in the folder (``rkeras_model.keras``), so that
    ``load_model_tf()`` gives back a model that can be trained further.

    Args:
        object: The model (built: it has been called, or has an input shape).
        filepath: The folder to write.
        overwrite: Whether an existing folder may be replaced (it never is otherwise).
        include_optimizer: Accepted for keras 2.x; Keras 3's model file always keeps the optimizer.
        signatures: Not supported by Keras 3's export (must be NULL).
        options: Not supported by Keras 3's export (must be NULL).
    """
    fn = "save_model_tf"
    for name, value in (("signatures", signatures), ("options", options)):
        if value is not None:
            raise arg_error(fn, name, "NULL (Keras 3 exports the model's serving signature)", value)
    path = _target(fn, filepath, overwrite, ())
    _export_saved_model(fn, object, path)
    return object


def _saved_model_layer(fn: str, path: Path) -> Any:
    """A SavedModel that is not rkeras's as an inference model: ``TFSMLayer`` on its serving
    endpoint, between inputs shaped as its signature says."""
    import tensorflow as tf

    loaded = tf.saved_model.load(str(path))
    endpoint = "serve" if hasattr(loaded, "serve") else "serving_default"
    signature = loaded.signatures.get("serving_default")
    if signature is None:
        raise RKerasError(f"{str(path)!r} has no serving signature to load", fn=fn, arg="filepath")
    specs = [s for s in signature.structured_input_signature[1].values()] or list(
        signature.structured_input_signature[0])
    k = keras()
    inputs = [k.Input(batch_shape=tuple(spec.shape), dtype=spec.dtype.name) for spec in specs]
    layer = k.layers.TFSMLayer(str(path), call_endpoint=endpoint)
    outputs = layer(inputs[0] if len(inputs) == 1 else inputs)
    if isinstance(outputs, dict) and len(outputs) == 1:
        outputs = next(iter(outputs.values()))
    return k.Model(inputs[0] if len(inputs) == 1 else inputs, outputs)


def load_model_tf(filepath: Any, custom_objects: Any = None, compile: bool = True) -> Any:  # noqa: A002
    """Loads a model saved by ``save_model_tf()`` (the whole model); another TensorFlow SavedModel
    loads as an inference-only model (Keras 3's ``layer_tfsm()`` on its serving endpoint).

    Args:
        filepath: The SavedModel folder.
        custom_objects: Optional named list of custom classes or functions.
        compile: Whether to compile the model after loading.
    """
    fn = "load_model_tf"
    path = _source(fn, filepath)
    if (path / KERAS_IN_SAVEDMODEL).is_file():
        return keras().saving.load_model(str(path / KERAS_IN_SAVEDMODEL),
                                         custom_objects=known_objects(custom_objects), compile=compile)
    if not (path / "saved_model.pb").is_file():
        raise RKerasError(f"{str(filepath)!r} is not a SavedModel folder (no saved_model.pb)", fn=fn,
                          arg="filepath")
    return _saved_model_layer(fn, path)


def save_model_weights_tf(object: Any, filepath: Any, overwrite: bool = False) -> Any:  # noqa: A002
    """Saves a model's weights at ``filepath`` (keras 2.x wrote a TensorFlow checkpoint; Keras 3
    writes its HDF5 weights format, which ``load_model_weights_tf()`` reads back).

    Args:
        object: The model.
        filepath: The file to write (any name).
        overwrite: Whether an existing file may be replaced (it never is otherwise).
    """
    path = _target("save_model_weights_tf", filepath, overwrite, ())
    with atomic_target(path, suffix=".weights.h5") as staged:
        object.save_weights(str(staged))
    return object


def load_model_weights_tf(
    object: Any,  # noqa: A002
    filepath: Any,
    by_name: bool = False,
    skip_mismatch: bool = False,
    reshape: bool = False,
) -> Any:
    """Loads weights written by ``save_model_weights_tf()`` into a model.

    Args:
        object: The model.
        filepath: The weights file.
        by_name: Must be FALSE: Keras 3 loads weights by position.
        skip_mismatch: Whether to skip layers whose weights do not match.
        reshape: Must be FALSE (Keras 3 does not reshape weights).
    """
    fn = "load_model_weights_tf"
    path = _source(fn, filepath)
    for name, value in (("by_name", by_name), ("reshape", reshape)):
        if value:
            raise arg_error(fn, name, "FALSE (Keras 3 loads weights by position, as saved)", value)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "w.weights.h5"
        shutil.copyfile(path, staged)
        object.load_weights(str(staged), skip_mismatch=skip_mismatch)
    return object


def model_to_saved_model(
    model: Any,
    saved_model_path: Any,
    custom_objects: Any = None,
    as_text: bool = False,
    input_signature: Any = None,
    serving_only: bool = False,
) -> Any:
    """keras 2.x's (TensorFlow 1.x-era) SavedModel export: ``save_model_tf()`` to a new folder.

    Args:
        model: The model.
        saved_model_path: The folder to write (it must not exist).
        custom_objects: Not needed by Keras 3's export (accepted).
        as_text: Must be FALSE (Keras 3 writes binary protocol buffers).
        input_signature: Optional input signature (a list of `tf$TensorSpec`).
        serving_only: Accepted: Keras 3 exports the serving graph only.
    """
    fn = "model_to_saved_model"
    if as_text:
        raise arg_error(fn, "as_text", "FALSE (Keras 3 writes a binary SavedModel)", as_text)
    path = _target(fn, saved_model_path, False, ())
    _export_saved_model(fn, model, path, input_signature)
    return model


def model_from_saved_model(saved_model_path: Any, custom_objects: Any = None) -> Any:
    """Loads a SavedModel folder as ``load_model_tf()`` does.

    Args:
        saved_model_path: The SavedModel folder.
        custom_objects: Optional named list of custom classes or functions.
    """
    return load_model_tf(saved_model_path, custom_objects=custom_objects)


def export_savedmodel(object: Any, export_dir_base: Any, overwrite: bool = False, **kwargs: Any) -> str:  # noqa: A002
    """Exports a model as a TensorFlow SavedModel for serving (Keras 3's ``model$export()``), with
    the whole model kept beside it as ``save_model_tf()`` does.

    Args:
        object: The model.
        export_dir_base: The folder to write.
        overwrite: Whether an existing folder may be replaced (it never is otherwise).
        ...: Passed to Keras's ``export()`` (e.g. ``input_signature``).

    Returns:
        The folder's path (invisibly in R).
    """
    fn = "export_savedmodel"
    path = _target(fn, export_dir_base, overwrite, ())
    _export_saved_model(fn, object, path, kwargs.pop("input_signature", None))
    if kwargs:
        raise RKerasError(f"unknown argument `{next(iter(kwargs))}`", fn=fn, arg=next(iter(kwargs)))
    return str(path)


def serialize_model(model: Any, include_optimizer: bool = True) -> bytes:
    """The model as the raw bytes of a ``.keras`` file (an R raw vector), to keep in memory or in an
    R object (``saveRDS()``); ``unserialize_model()`` rebuilds it.

    Args:
        model: The model.
        include_optimizer: Accepted for keras 2.x; the ``.keras`` format always keeps the optimizer.
    """
    if not _is_model(model):
        raise arg_error("serialize_model", "model", "a Keras model", model)
    return bytes(save_model(model, None))


def unserialize_model(model: Any, custom_objects: Any = None, compile: bool = True) -> Any:  # noqa: A002
    """The model that ``serialize_model()`` turned into raw bytes.

    Args:
        model: The raw bytes (an R raw vector).
        custom_objects: Optional named list of custom classes or functions.
        compile: Whether to compile the model after loading.
    """
    if not isinstance(model, (bytes, bytearray)):
        raise arg_error("unserialize_model", "model", "a raw vector from serialize_model()", model)
    return load_model(bytes(model), custom_objects=custom_objects, compile=compile)


def _is_model(obj: Any) -> bool:
    from ._keras import keras as k

    return isinstance(obj, k().Model)
