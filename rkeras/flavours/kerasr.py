"""kerasR's semantics (statsmaths/kerasR 0.8.0) on Keras 3.

The implementations behind the kerasR rows of :mod:`rkeras.spec.kerasr`
that are not a Keras class one to one: users reach them through the
R-style functions (``rkeras.keras_fit``, ...), which add argument
conversion (R doubles to ints, shapes to tuples).

kerasR in one paragraph: ``mod <- Sequential()``, ``mod$add(Dense(64))``,
``keras_compile(mod, loss = ..., optimizer = RMSprop())``,
``keras_fit(mod, X, Y, batch_size = 32, epochs = 10)`` (returns nothing; the
model is trained in place), ``keras_predict*``, ``keras_save/load*`` and
``load_mnist()``-style loaders returning ``list(X_train, Y_train, X_test,
Y_test)``. Class labels and axes are 0-based, as in Python.

Where Keras 3 changed things this module keeps kerasR's behaviour:

* the optimizers are one template, :func:`optimizer_template` (each row of
  :mod:`rkeras.spec.kerasr` gives kerasR's formals and defaults): kerasR's
  ``lr``; ``decay`` becomes the schedule Keras 2 applied (``lr / (1 + decay *
  iterations)``), and ``clipnorm``/``clipvalue`` of -1 (kerasR's "disabled")
  become ``None``; the ``load_*`` loaders are another, :func:`loader_template`;
* ``ThresholdedReLU`` (gone from Keras 3) is a small serialisable layer
  (``LocallyConnected1D``/``2D``, gone too, are "removed" rows of the spec);
* the text tokenizer (gone from Keras 3) is Keras 2's, in plain Python;
* saving never replaces an existing file unless ``overwrite = TRUE``
  (kerasR overwrote silently), and ``keras_save``/``keras_save_weights``
  accept kerasR's extension-less paths (``tempfile()``) as well as ``.h5``.

Importing this module does not import Keras; calling most functions does.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import numbers
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..api import saving
from ..api import text as _text
from ..api._keras import keras as _keras
from ..api.args import as_real
from ..errors import RKerasError, arg_error
from ..spec import Row

FILTERS = _text.FILTERS  # keras 2.x's default text filters (kerasR's too)

_HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
_ZIP_MAGIC = b"PK"


# =========================================================================== layers


@contextmanager
def _quiet_input_shape() -> Iterator[None]:
    """Keras 3 warns about ``input_shape=`` on a layer; kerasR passes it on any first layer."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*Do not pass an `input_shape`.*")
        yield


def _layer(cls: str, input_shape: Any = None, **kwargs: Any) -> Any:
    if input_shape is not None:
        kwargs["input_shape"] = input_shape
    with _quiet_input_shape():
        return getattr(_keras().layers, cls)(**kwargs)


def Embedding(  # noqa: N802
    input_dim: int,
    output_dim: int,
    embeddings_initializer: Any = "uniform",
    embeddings_regularizer: Any = None,
    embeddings_constraint: Any = None,
    mask_zero: bool = False,
    input_length: Any = None,
    input_shape: Any = None,
    **kwargs: Any,
) -> Any:
    """Word indices (0..input_dim-1) to dense vectors of length ``output_dim``.

    Keras 3 has no ``input_length``; as Keras 2 did, it gives the input shape
    ``c(input_length)`` when ``input_shape`` is not given, and must agree with
    ``input_shape`` when both are.
    """
    fn = "Embedding"
    if input_length is not None:
        length = (input_length,) if isinstance(input_length, numbers.Integral) else tuple(input_length)
        if input_shape is None:
            input_shape = length
        elif tuple(input_shape) != length:
            raise RKerasError(
                f"`input_length` {length} and `input_shape` {tuple(input_shape)} disagree; "
                "give one of them (Keras 3 uses `input_shape`)",
                fn=fn,
                arg="input_length",
            )
    return _layer(
        "Embedding",
        input_shape,
        input_dim=input_dim,
        output_dim=output_dim,
        embeddings_initializer=embeddings_initializer,
        embeddings_regularizer=embeddings_regularizer,
        embeddings_constraint=embeddings_constraint,
        mask_zero=bool(mask_zero),
        **kwargs,
    )


def _make_thresholded_relu() -> type:
    k = _keras()

    @k.saving.register_keras_serializable(package="rkeras")
    class ThresholdedReLU(k.layers.Layer):  # type: ignore[misc,name-defined]
        """Keras 2's ThresholdedReLU: ``f(x) = x`` where ``x > theta``, else ``0``.

        Keras 3 dropped the layer; this re-implementation saves and loads
        with the model (registered as ``rkeras>ThresholdedReLU``).
        """

        def __init__(self, theta: float = 1.0, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            if (
                theta is None
                or isinstance(theta, bool)
                or not isinstance(theta, numbers.Real)
                or not math.isfinite(theta)
                or theta < 0
            ):
                raise ValueError(f"`theta` must be a number >= 0, got {theta!r}")
            self.theta = float(theta)
            self.supports_masking = True

        def call(self, inputs: Any) -> Any:
            ops = k.ops
            x = ops.convert_to_tensor(inputs)
            return ops.where(ops.greater(x, ops.cast(self.theta, x.dtype)), x, ops.zeros_like(x))

        def compute_output_shape(self, input_shape: Any) -> Any:
            return input_shape

        def get_config(self) -> dict[str, Any]:
            return {**super().get_config(), "theta": self.theta}

    ThresholdedReLU.__module__ = __name__
    ThresholdedReLU.__qualname__ = "ThresholdedReLU"
    return ThresholdedReLU


def _thresholded_relu() -> type:
    cls = globals().get("ThresholdedReLU")
    if cls is None:
        cls = globals()["ThresholdedReLU"] = _make_thresholded_relu()
    return cls


def __getattr__(name: str) -> Any:
    # ThresholdedReLU subclasses keras.layers.Layer: made (and registered for loading) on first use,
    # so that importing this module stays cheap.
    if name == "ThresholdedReLU":
        return _thresholded_relu()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# =========================================================================== optimizers


def _real(fn: str, arg: str, value: Any, *, minimum: float | None = None, allow_none: bool = False) -> Any:
    if value is None and allow_none:
        return None
    value = as_real(value if value is not None else math.nan, fn=fn, arg=arg)
    if minimum is not None and value < minimum:
        raise arg_error(fn, arg, f"a number >= {minimum:g}", value)
    return value


def optimizer_template(row: Row, cls: Any, arguments: dict[str, Any]) -> Any:
    """The ``kerasR_optimizer`` template: a Keras 3 optimizer ``cls`` from kerasR's arguments.

    The row's ``defaults`` are kerasR's formals. ``lr`` becomes ``learning_rate``;
    ``decay`` is Keras 2's time-based decay, ``lr / (1 + decay * iterations)``:
    exactly ``InverseTimeDecay(lr, decay_steps = 1, decay_rate = decay)``.
    kerasR's ``clipnorm``/``clipvalue`` of -1 (any value <= 0) mean "off".
    ``schedule_decay`` (Nadam) is fixed in Keras 3: a value other than the
    row's default is ignored with a warning. The other formals are numbers
    >= 0 (a number default) or TRUE/FALSE (a logical one); extra arguments
    go to ``cls`` as they are.
    """
    fn = row.name
    args = dict(arguments)
    lr = _real(fn, "lr", args.pop("lr"), minimum=0)
    decay = _real(fn, "decay", args.pop("decay", 0.0), minimum=0)
    if "schedule_decay" in args:
        schedule_decay = _real(fn, "schedule_decay", args.pop("schedule_decay"), minimum=0)
        if schedule_decay != row.defaults["schedule_decay"]:
            warnings.warn(
                f"{fn}(): `schedule_decay` = {schedule_decay:g} is ignored: "
                f"Keras 3's {fn} has a fixed momentum schedule",
                UserWarning,
                stacklevel=4,
            )
    clips = {}
    for name in ("clipnorm", "clipvalue"):
        value = _real(fn, name, args.pop(name), allow_none=True)
        clips[name] = value if value is not None and value > 0 else None
    if clips["clipnorm"] is not None and clips["clipvalue"] is not None:
        raise RKerasError(
            "Keras 3 optimizers take only one of `clipnorm` and `clipvalue`; set the other to -1",
            fn=fn,
            arg="clipvalue",
        )
    for name, default in row.defaults.items():
        if name not in args:
            continue
        if isinstance(default, bool):
            args[name] = bool(args[name])
        elif isinstance(default, float):
            args[name] = _real(fn, name, args[name], minimum=0)
    learning_rate: Any = lr
    if decay > 0:
        learning_rate = _keras().optimizers.schedules.InverseTimeDecay(
            initial_learning_rate=lr, decay_steps=1, decay_rate=decay
        )
    return cls(learning_rate=learning_rate, **args, **clips)


# =========================================================================== callbacks / regularizers


def ModelCheckpoint(  # noqa: N802
    filepath: Any,
    monitor: str = "val_loss",
    verbose: int = 0,
    save_best_only: bool = False,
    save_weights_only: bool = False,
    mode: str = "auto",
    period: int = 1,
    **kwargs: Any,
) -> Any:
    """Save the model (or its weights) every ``period`` epochs.

    Keras 3 writes whole models to ``.keras`` or ``.h5`` files and weights to
    ``.weights.h5`` files; ``filepath`` may hold ``{epoch:02d}``-style fields.
    """
    fn = "ModelCheckpoint"
    if not isinstance(filepath, (str, os.PathLike)):
        raise arg_error(fn, "filepath", "a file path (character string)", filepath)
    filepath = os.fspath(filepath)
    if save_weights_only and not filepath.endswith(".weights.h5"):
        raise arg_error(fn, "filepath", "a path ending in .weights.h5 (Keras 3's weights format)", filepath)
    if not save_weights_only and not filepath.endswith((".keras", ".h5")):
        raise arg_error(fn, "filepath", "a path ending in .keras or .h5 (a whole model)", filepath)
    if isinstance(period, bool) or not isinstance(period, numbers.Integral) or period < 1:
        raise arg_error(fn, "period", "a whole number >= 1 (epochs between checkpoints)", period)
    k = _keras()
    base = k.callbacks.ModelCheckpoint
    options = dict(
        monitor=monitor,
        verbose=verbose,
        save_best_only=bool(save_best_only),
        save_weights_only=bool(save_weights_only),
        mode=mode,
        **kwargs,
    )
    if period == 1:
        return base(filepath, **options)

    class _PeriodicCheckpoint(base):  # type: ignore[misc,valid-type]
        """Keras 2's ``period``: only every ``period``-th epoch is considered."""

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            if (epoch + 1) % self.period == 0:
                super().on_epoch_end(epoch, logs)

    callback = _PeriodicCheckpoint(filepath, **options)
    callback.period = int(period)
    return callback


# =========================================================================== models


def _is_model(value: Any) -> bool:
    return isinstance(value, _keras().Model)


def _check_model(fn: str, model: Any) -> None:
    if _is_model(model):
        return
    if isinstance(model, (str, os.PathLike)):
        hint = " (to read a model from a file use keras_load() or keras_model_from_json())"
        raise arg_error(fn, "model", "a Keras model such as Sequential()" + hint, model)
    raise arg_error(fn, "model", "a Keras model such as Sequential()", model)


def keras_compile(
    model: Any, optimizer: Any, loss: Any, metrics: Any = None, sample_weight_mode: Any = None
) -> Any:
    """Configure the model for training (in place); returns the model.

    ``metrics`` may be one name or a list; Keras 2 names such as
    ``"kullback_leibler_divergence"`` are accepted. ``sample_weight_mode =
    "temporal"`` is not needed with Keras 3 (a 2-d ``sample_weight`` is
    used per time step) and is dropped with a warning.
    """
    fn = "keras_compile"
    _check_model(fn, model)
    if sample_weight_mode is not None:
        if sample_weight_mode != "temporal":
            raise arg_error(fn, "sample_weight_mode", 'NULL or "temporal"', sample_weight_mode)
        warnings.warn(
            'keras_compile(): `sample_weight_mode = "temporal"` is not needed with Keras 3 (a 2-d '
            "`sample_weight` is applied per time step) and is ignored",
            UserWarning,
            stacklevel=3,
        )
    from ..api.models import compile_model

    return compile_model(fn, model, optimizer=optimizer, loss=loss, metrics=metrics)


def _as_target(y: Any) -> Any:
    """kerasR's ``if (is.null(dim(y))) y <- matrix(y, ncol = 1)``: a vector becomes one column."""
    from ..api.models import as_input_data

    if y is None:
        return None
    if isinstance(y, (list, tuple)) and y and all(hasattr(v, "shape") for v in y):
        return [_as_target(v) for v in y]  # several outputs
    if isinstance(y, dict):
        return {key: _as_target(v) for key, v in y.items()}
    y = as_input_data(y)
    if isinstance(y, np.ndarray) and y.ndim == 1:
        y = y.reshape(-1, 1)
    return y


def keras_fit(
    model: Any,
    x: Any,
    y: Any,
    batch_size: int = 32,
    epochs: int = 10,
    verbose: int = 1,
    callbacks: Any = None,
    validation_split: float = 0.0,
    validation_data: Any = None,
    shuffle: bool = True,
    class_weight: Any = None,
    sample_weight: Any = None,
    initial_epoch: int = 0,
) -> None:
    """Train the model in place; returns nothing (kerasR discards the history).

    ``initial_epoch`` is 0-based (kerasR passed it raw to Python). A vector
    ``y`` becomes a one-column matrix, as in kerasR.
    """
    from ..api.models import train

    fn = "keras_fit"
    _check_model(fn, model)
    if x is None:
        raise arg_error(fn, "x", "the input data (an array)", x)
    if (
        isinstance(initial_epoch, bool)
        or not isinstance(initial_epoch, numbers.Integral)
        or initial_epoch < 0
    ):
        raise arg_error(fn, "initial_epoch", "a 0-based epoch number (>= 0)", initial_epoch)
    if epochs < 1:
        raise arg_error(fn, "epochs", "a whole number >= 1", epochs)
    train(
        fn,
        model,
        x,
        y,
        epochs=epochs,
        initial_epoch0=initial_epoch,
        validation_split=_real(fn, "validation_split", validation_split, minimum=0),
        validation_data=validation_data,
        class_weight=class_weight,
        sample_weight=sample_weight,
        callbacks=callbacks,
        compile_hint="keras_compile(model, optimizer, loss)",
        target=_as_target,
        batch_size=batch_size,
        verbose=verbose,
        shuffle=bool(shuffle),
    )
    return None


def keras_predict(model: Any, x: Any, batch_size: int = 32, verbose: int = 1) -> np.ndarray:
    """The model's raw predictions for ``x`` (a numpy array)."""
    from ..api.models import as_input_data

    _check_model("keras_predict", model)
    return np.asarray(model.predict(as_input_data(x), batch_size=batch_size, verbose=verbose))


def keras_predict_classes(model: Any, x: Any, batch_size: int = 32, verbose: int = 1) -> np.ndarray:
    """Predicted classes, keras 2.x's rule: the **0-based** argmax when the output has more than one
    column, else ``(p > 0.5)`` as int32 (one column)."""
    from ..api.models import predict_classes

    _check_model("keras_predict_classes", model)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*predict_classes.*", category=FutureWarning)
        return np.asarray(predict_classes(model, x, batch_size=batch_size, verbose=verbose))


def keras_predict_proba(model: Any, x: Any, batch_size: int = 32, verbose: int = 1) -> np.ndarray:
    """The predictions, which should be probabilities; warns (as Keras 2 did) when some are outside
    [0, 1]."""
    proba = keras_predict(model, x, batch_size=batch_size, verbose=verbose)
    if proba.size and (proba.min() < 0 or proba.max() > 1):
        warnings.warn(
            "keras_predict_proba(): the network returns values outside [0, 1]; end it with a "
            "softmax or sigmoid activation to get probabilities",
            UserWarning,
            stacklevel=3,
        )
    return proba


# =========================================================================== saving


def _path_arg(fn: str, path: Any) -> Path:
    if isinstance(path, (list, tuple)) and len(path) == 1:
        path = path[0]
    if not isinstance(path, (str, os.PathLike)) or not os.fspath(path):
        raise arg_error(fn, "path", "a file path (character string)", path)
    return Path(os.fspath(path)).expanduser()


def _save_target(fn: str, path: Any, overwrite: Any) -> Path:
    """Where to save; never an existing file unless ``overwrite``."""
    target = _path_arg(fn, path)
    if target.is_dir():
        raise arg_error(fn, "path", "a file path (it is a folder)", str(path))
    if target.exists() and not overwrite:
        raise RKerasError(
            f"`path` {str(path)!r} already exists; pass overwrite = TRUE to replace it", fn=fn, arg="path"
        )
    if not target.parent.exists():
        raise arg_error(fn, "path", "a path in an existing folder", str(path))
    return target


def _source(fn: str, path: Any) -> Path:
    source = _path_arg(fn, path)
    if not source.is_file():
        raise RKerasError(f"`path` {str(path)!r} does not exist", fn=fn, arg="path")
    return source


def _sniff(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(8)
    if head == _HDF5_MAGIC:
        return "hdf5"
    if head.startswith(_ZIP_MAGIC):
        return "keras"
    return "unknown"


@contextmanager
def _named(path: Path, suffix: str) -> Iterator[str]:
    """``path`` seen under a name ending in ``suffix`` (Keras picks formats by extension)."""
    if path.name.endswith(suffix):
        yield str(path)
        return
    with tempfile.TemporaryDirectory(prefix="rkeras-") as tmp:
        staged = Path(tmp) / f"model{suffix}"
        try:
            staged.symlink_to(path.resolve())
        except OSError:
            shutil.copyfile(path, staged)
        yield str(staged)


def keras_save(model: Any, path: Any = "model.h5", overwrite: bool = False) -> None:
    """Save the whole model: HDF5 (kerasR's format; any path not ending in ``.keras``), or the
    Keras 3 format for a ``.keras`` path. Refuses to replace a file unless ``overwrite = TRUE``."""
    fn = "keras_save"
    _check_model(fn, model)
    target = _save_target(fn, path, overwrite)
    name = target.name.lower()
    if name.endswith(".keras"):
        saving.save_model(model, str(target), overwrite=True)
    elif name.endswith((".h5", ".hdf5")):
        saving.save_model_hdf5(model, str(target), overwrite=True)
    else:
        with tempfile.TemporaryDirectory(prefix="rkeras-") as tmp:
            staged = Path(tmp) / "model.h5"
            saving.save_model_hdf5(model, str(staged))
            shutil.copyfile(staged, target)
    return None


def keras_load(path: Any = "model.h5", custom_objects: Any = None, compile: bool = True) -> Any:  # noqa: A002
    """Load a model saved by :func:`keras_save` (HDF5 or ``.keras``, whatever the file's name)."""
    fn = "keras_load"
    source = _source(fn, path)
    kind = _sniff(source)
    if kind == "unknown":
        raise RKerasError(
            f"{str(path)!r} is not a saved Keras model (neither HDF5 nor a .keras archive)", fn=fn, arg="path"
        )
    load = _keras().saving.load_model
    with _named(source, ".h5" if kind == "hdf5" else ".keras") as name:
        return load(name, custom_objects=saving.known_objects(custom_objects), compile=compile)


def keras_save_weights(model: Any, path: Any = "model.h5", overwrite: bool = False) -> None:
    """Save the model's weights (HDF5) at any path; refuses to replace a file unless
    ``overwrite = TRUE``."""
    fn = "keras_save_weights"
    _check_model(fn, model)
    target = _save_target(fn, path, overwrite)
    if target.name.endswith(".weights.h5"):
        model.save_weights(str(target), overwrite=True)
    else:
        saving.save_model_weights_hdf5(model, str(target), overwrite=True)
    return None


def keras_load_weights(model: Any, path: Any = "model.h5") -> None:
    """Load weights into ``model`` (in place) from a file written by :func:`keras_save_weights`, or
    from a whole model saved in HDF5 by :func:`keras_save` (as Keras 2 allowed)."""
    import h5py

    fn = "keras_load_weights"
    _check_model(fn, model)
    source = _source(fn, path)
    if _sniff(source) != "hdf5":
        raise RKerasError(f"{str(path)!r} is not an HDF5 weights file", fn=fn, arg="path")
    with h5py.File(source, "r") as f:
        legacy = "layer_names" in f.attrs or "model_weights" in f
    with _named(source, ".h5" if legacy else ".weights.h5") as name:
        model.load_weights(name)
    return None


def keras_model_to_json(model: Any, path: Any = "model.json", overwrite: bool = False) -> None:
    """Write the model's architecture (no weights) as JSON to ``path``."""
    fn = "keras_model_to_json"
    _check_model(fn, model)
    target = _save_target(fn, path, overwrite)
    target.write_text(model.to_json() + "\n", encoding="utf-8")
    return None


def keras_model_from_json(path: Any = "model.json", custom_objects: Any = None) -> Any:
    """A new (untrained) model from a JSON file written by :func:`keras_model_to_json`."""
    fn = "keras_model_from_json"
    source = _source(fn, path)
    text = source.read_text(encoding="utf-8")
    try:
        json.loads(text)
    except ValueError as exc:
        raise RKerasError(f"{str(path)!r} is not a JSON file ({exc})", fn=fn, arg="path") from exc
    return _keras().models.model_from_json(text, custom_objects=saving.known_objects(custom_objects))


# =========================================================================== datasets


def _flat(fn: str, load: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """kerasR's ``list(X_train, Y_train, X_test, Y_test)`` from an rkeras ``dataset_*()`` loader."""
    try:
        data = load(*args, **kwargs)
    except RKerasError as err:
        message = str(err)
        prefix = f"{err.fn}(): " if err.fn else ""
        raise RKerasError(message.removeprefix(prefix), fn=fn, arg=err.arg) from err
    return {
        "X_train": data["train"]["x"],
        "Y_train": data["train"]["y"],
        "X_test": data["test"]["x"],
        "Y_test": data["test"]["y"],
    }


def loader_template(row: Row, load: Any, arguments: dict[str, Any]) -> dict[str, Any]:
    """The ``kerasR_loader`` template: the data of the row's ``dataset_*()`` target (called with the
    row's formals, kerasR's) as kerasR's ``list(X_train, Y_train, X_test, Y_test)``."""
    return _flat(row.name, load, **arguments)


# =========================================================================== text


# The tokenizer and text_to_word_sequence() are keras 2.x's (rkeras.api.text), kerasR's too.
Tokenizer = _text.Tokenizer
text_to_word_sequence = _text.text_to_word_sequence


def one_hot(text: Any, n: int, filters: str = FILTERS, lower: bool = True, split: str = " ") -> list[int]:
    """Each word of ``text`` as an index in ``1..(n - 1)`` by hashing (Keras 2's ``one_hot``).

    rkeras hashes with MD5, so indices are the same in every session
    (Keras 2 used Python's ``hash``, which changes between sessions).

    Args:
        text: A character string.
        n: The vocabulary size: indices are in ``1..(n - 1)``.
        filters: The characters to remove.
        lower: Whether to lower-case the text first.
        split: The word separator.
    """
    fn = "one_hot"
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 2:
        raise arg_error(fn, "n", "a whole number >= 2 (the vocabulary size)", n)
    words = _text.words_of(fn, text, filters, lower, split)
    return [int(hashlib.md5(w.encode("utf-8")).hexdigest(), 16) % (n - 1) + 1 for w in words]


# =========================================================================== setup and utilities


def keras_available() -> bool:
    """``TRUE`` when Keras (and its TensorFlow backend) can be imported."""
    if importlib.util.find_spec("keras") is None:
        return False
    try:
        _keras()
    except Exception:  # noqa: BLE001 - any import failure means "not available"
        return False
    return True


def keras_init() -> None:
    """Import Keras now (kerasR connected to Python here); rkeras otherwise imports it on first use."""
    try:
        _keras()
    except Exception as exc:  # noqa: BLE001
        raise RKerasError(f"cannot import Keras ({exc})", fn="keras_init") from exc
    return None


def plot_model(
    model: Any,
    to_file: Any = "model.png",
    show_shapes: bool = False,
    show_layer_names: bool = True,
    **kwargs: Any,
) -> None:
    """Draw the model's graph into ``to_file`` (needs the Python package pydot and Graphviz's ``dot``)."""
    fn = "plot_model"
    _check_model(fn, model)
    missing = []
    if importlib.util.find_spec("pydot") is None:
        missing.append("the Python package pydot (pip install pydot)")
    if shutil.which("dot") is None:
        missing.append("Graphviz's `dot` program (e.g. apt-get install graphviz; https://graphviz.org)")
    if missing:
        raise RKerasError("drawing a model needs " + " and ".join(missing), fn=fn)
    if not isinstance(to_file, (str, os.PathLike)):
        raise arg_error(fn, "to_file", "a file path (character string)", to_file)
    _keras().utils.plot_model(
        model,
        to_file=os.fspath(to_file),
        show_shapes=bool(show_shapes),
        show_layer_names=bool(show_layer_names),
        **kwargs,
    )
    return None
