"""Model construction, training and surgery with keras3's R semantics.

These are the implementations behind the ``verb``/``value`` spec rows in
:mod:`rkeras.spec.semantics`; users reach them through the R-style functions
(``rkeras.fit``, ...), which add argument conversion and the pipe.
"""

from __future__ import annotations

import inspect
import numbers
import warnings
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error
from ._keras import is_sequential, keras
from .args import PartlyNamedList, as_shape, is_na
from .history import History
from .pipe import unwrap

# keras3's keras_model_sequential(): input_* arguments -> InputLayer arguments
_INPUT_ARGS = {
    "input_shape": "shape",
    "input_batch_size": "batch_size",
    "input_dtype": "dtype",
    "input_sparse": "sparse",
    "input_ragged": "ragged",
    "input_batch_shape": "batch_shape",
    "input_name": "name",
    "input_tensor": "input_tensor",
    "input_optional": "optional",
}


def keras_model_sequential(
    input_shape: Any = None,
    name: str | None = None,
    *args: Any,
    input_dtype: Any = None,
    input_batch_size: int | None = None,
    input_sparse: bool | None = None,
    input_ragged: bool | None = None,
    input_batch_shape: Any = None,
    input_name: str | None = None,
    input_tensor: Any = None,
    input_optional: bool = False,
    trainable: bool = True,
    layers: Any = (),
    **kwargs: Any,
) -> Any:
    """A Sequential model (keras3's ``keras_model_sequential()``).

    With ``input_shape`` or ``input_batch_shape`` (or ``input_tensor``) the model starts with an
    ``InputLayer`` made from the ``input_*`` arguments; the other named arguments in ``...`` go to
    that ``InputLayer`` too (an unnamed one is an error). keras 2.x style also works: ``layers``
    given first (a list of layers), and ``input_shape =`` on the first layer instead of here.

    Args:
        input_shape: The input's shape without the batch axis (``NA``: unknown).
        name: The model's name.
        ...: Further arguments of the ``InputLayer``.
        input_dtype: The input's dtype.
        input_batch_size: A fixed batch size.
        input_sparse: Whether the input is sparse.
        input_ragged: Whether the input is ragged (TensorFlow only).
        input_batch_shape: The input's shape with the batch axis.
        input_name: The input layer's name.
        input_tensor: An existing tensor to wrap into the input layer.
        input_optional: Whether the input may be ``NULL``.
        trainable: Whether the model's weights are trainable.
        layers: Layers to add to the model.
    """
    fn = "keras_model_sequential"
    if isinstance(input_shape, (list, tuple)) and input_shape and all(_is_layer(v) for v in input_shape):
        layers, input_shape = input_shape, None  # keras 2.x: layers first
    if args:
        raise arg_error(fn, "...", "named arguments of the input layer", args[0])
    k = keras()
    model_layers = [unwrap(layer) for layer in (layers or [])]
    for i, layer in enumerate(model_layers):
        if not isinstance(layer, k.layers.Layer):
            raise arg_error(fn, "layers", f"a list of layers (element {i + 1} is not)", layer)
    given = {
        "input_batch_size": input_batch_size, "input_dtype": input_dtype, "input_sparse": input_sparse,
        "input_ragged": input_ragged, "input_batch_shape": input_batch_shape, "input_name": input_name,
        "input_tensor": input_tensor,
    }
    input_args = {_INPUT_ARGS[a]: v for a, v in given.items() if v is not None}
    if input_optional:
        input_args["optional"] = input_optional
    if input_shape is not None:
        input_args["shape"] = as_shape(input_shape, fn=fn, arg="input_shape")
    if input_args or kwargs:
        if not ({"shape", "batch_shape", "input_tensor"} & set(input_args) or "shape" in kwargs):
            raise RKerasError(
                "the input layer needs `input_shape`, `input_batch_shape` or `input_tensor`", fn=fn,
                arg="input_shape",
            )
        # Keras's InputLayer drops keyword arguments it does not know: refuse them here
        known = {*inspect.signature(k.layers.InputLayer).parameters, "input_shape", "batch_input_shape"}
        unknown = [a for a in kwargs if a not in known or a == "kwargs"]
        if unknown:
            raise arg_error(fn, unknown[0], "an argument of the input layer (" + ", ".join(
                sorted(a for a in known if a != "kwargs")) + ")", unknown[0])
        try:
            model_layers.insert(0, k.layers.InputLayer(**input_args, **kwargs))
        except TypeError as exc:
            raise RKerasError(f"the input layer does not take these arguments ({exc})", fn=fn,
                              arg="...") from exc
    return k.Sequential(layers=model_layers, name=name, trainable=trainable)


def _is_layer(value: Any) -> bool:
    return isinstance(unwrap(value), keras().layers.Layer)


def keras_model(inputs: Any = None, outputs: Any = None, **kwargs: Any) -> Any:
    """A functional model from input tensor(s) to output tensor(s) (``keras.Model``).

    Args:
        inputs: The input tensor(s) (``keras_input()``).
        outputs: The output tensor(s).
        ...: Further arguments of ``keras.Model``: ``name``, ``trainable``.
    """
    if inputs is None and outputs is None:
        return keras().Model(**kwargs)
    return keras().Model(inputs=unwrap(inputs), outputs=unwrap(outputs), **kwargs)


def keras_input(
    shape: Any = None,
    batch_size: int | None = None,
    dtype: Any = None,
    sparse: Any = None,
    ragged: Any = None,
    batch_shape: Any = None,
    name: str | None = None,
    tensor: Any = None,
    optional: bool = False,
) -> Any:
    """A symbolic input tensor (keras3's ``keras_input()`` / ``layer_input()``); the row converts
    ``shape`` and ``batch_shape`` (``normalize_shape``: ``NA`` is an unknown dimension).

    Args:
        shape: The shape without the batch axis.
        batch_size: A fixed batch size.
        dtype: The input's dtype (``"float32"``, ``"int32"``, ...).
        sparse: Whether the input is a sparse tensor.
        ragged: Whether the input is a ragged tensor (TensorFlow backend only).
        batch_shape: The shape with the batch axis.
        name: The input's name.
        tensor: An existing tensor to wrap (its shape and dtype are the input's).
        optional: Whether the input may be ``NULL`` when the model is called.
    """
    if shape is None and batch_shape is None and tensor is None:
        raise arg_error("keras_input", "shape", "a shape (or `batch_shape`, or `tensor`)", shape)
    return keras().Input(
        shape=shape,
        batch_size=batch_size,
        dtype=dtype,
        sparse=sparse,
        ragged=ragged,
        batch_shape=batch_shape,
        name=name,
        tensor=unwrap(tensor),
        optional=optional,
    )


def clone_model(
    model: Any,
    input_tensors: Any = None,
    clone_function: Any = None,
    call_function: Any = None,
    recursive: bool = False,
    **kwargs: Any,
) -> Any:
    """A copy of a model with new weights (Keras's ``clone_model``).

    Args:
        model: The model to clone.
        input_tensors: Optional tensors to build the clone on.
        clone_function: Optional function applied to each layer to make its copy.
        call_function: Optional function ``(layer, ...)`` that calls each layer of a functional or
            Sequential model in the clone (to change how a layer is called).
        recursive: Whether ``clone_function`` also reaches the layers of nested models.
        ...: Further arguments of Keras's ``clone_model`` (a subclassed model's
            ``clone_function`` gets them).
    """
    if not isinstance(recursive, bool):
        raise arg_error("clone_model", "recursive", "TRUE or FALSE", recursive)
    return keras().models.clone_model(
        unwrap(model), input_tensors=input_tensors, clone_function=clone_function,
        call_function=call_function, recursive=recursive, **kwargs,
    )


class Config(dict):  # type: ignore[type-arg]
    """A model/layer config that remembers which Keras class made it (for ``from_config``)."""

    keras_class: Any = None


def get_config(object: Any) -> Config:  # noqa: A002 - R's argument name
    """The configuration of a model or layer (a named list ``from_config()`` takes back).

    Args:
        object: The model or layer.
    """
    config = Config(object.get_config())
    config.keras_class = type(object)
    return config


def from_config(config: Any, custom_objects: Any = None) -> Any:
    """An object rebuilt from the configuration ``get_config()`` returned.

    Args:
        config: The configuration (what ``get_config()`` returned).
        custom_objects: Optional named list of custom classes or functions.
    """
    cls = getattr(config, "keras_class", None)
    k = keras()
    if cls is None:
        cls = k.Model if "input_layers" in config else k.Sequential
    if custom_objects:
        with k.saving.custom_object_scope(custom_objects):
            return cls.from_config(dict(config))
    return cls.from_config(dict(config))


# ------------------------------------------------------------------------- training


# Keras 2 loss/metric names that Keras 3 renamed (keras 2.x and kerasR scripts use them).
_LEGACY_NAMES = {
    "kullback_leibler_divergence": "kl_divergence",
    "cosine_proximity": "cosine_similarity",
    "logcosh": "log_cosh",
}
# Short loss names, spelled out: Keras 3 cannot reload an HDF5 model compiled with them.
_LOSS_ALIASES = {
    "mse": "mean_squared_error",
    "mae": "mean_absolute_error",
    "mape": "mean_absolute_percentage_error",
    "msle": "mean_squared_logarithmic_error",
    "kld": "kl_divergence",
}
_EXAMPLES = {
    "optimizer": "'rmsprop', 'adam', 'sgd'",
    "loss": "'categorical_crossentropy', 'mse'",
    "metrics": "'accuracy', 'mae'",
}
_WHAT = {"optimizer": "optimizer", "loss": "loss", "metrics": "metric"}


def _modern(name: Any, loss: bool = False) -> Any:
    if not isinstance(name, str):
        return name
    name = _LEGACY_NAMES.get(name, name)
    return _LOSS_ALIASES.get(name, name) if loss else name


def _check_name(fn: str, arg: str, value: Any, getter: Any) -> None:
    if isinstance(value, str) and value not in ("accuracy", "acc", "crossentropy", "ce"):
        try:
            getter(value)
        except ValueError:
            raise arg_error(
                fn, arg, f"the name of a Keras {_WHAT[arg]} (e.g. {_EXAMPLES[arg]}) or an object", value
            ) from None


def _each(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return list(value.values())
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _instances(kind: str, value: Any) -> Any:
    """A custom class (``compile(loss = my_loss)``) where Keras wants an instance: the class called."""
    from .classes import instantiate

    if isinstance(value, dict):
        return {key: instantiate(kind, one) for key, one in value.items()}
    if isinstance(value, (list, tuple)):
        return [instantiate(kind, one) for one in value]
    return instantiate(kind, value)


def _per_output(model: Any, metrics: dict[str, Any]) -> bool:
    """Whether a dict of metrics is keyed by the model's output names (Keras's per-output form)."""
    names = getattr(model, "output_names", None) or []
    return bool(metrics) and set(metrics) <= set(names)


def _named_metric(name: str, metric: Any) -> Any:
    """A metric function under the name R gave it; named strings and objects stay as they are."""
    from .classes import custom_metric

    if callable(metric) and not isinstance(metric, type) and not hasattr(metric, "update_state") \
            and not hasattr(metric, "row"):
        return custom_metric(name, metric)
    return metric


def compile_model(
    fn: str,
    object: Any,
    optimizer: Any = "rmsprop",
    loss: Any = None,  # noqa: A002
    metrics: Any = None,
    **kwargs: Any,
) -> Any:
    """The one compile path (keras3's compile(), keras 2.x, kerasR's keras_compile()): checks the
    optimizer/loss/metric names before any work, modernises Keras 2 names, returns the model."""
    k = keras()
    _check_name(fn, "optimizer", optimizer, k.optimizers.get)
    if isinstance(loss, dict):
        loss = {key: _modern(one, loss=True) for key, one in loss.items()}
    elif isinstance(loss, (list, tuple)):
        loss = [_modern(one, loss=True) for one in loss]
    else:
        loss = _modern(loss, loss=True)
    for one in _each(loss):
        _check_name(fn, "loss", one, k.losses.get)
    loss = _instances("Loss", loss)
    if isinstance(metrics, str) or callable(metrics) or isinstance(metrics, k.metrics.Metric):
        metrics = [metrics]
    if isinstance(metrics, dict) and not _per_output(object, metrics):
        # keras3: list(my_mae = function(y_true, y_pred) ...) names the metric
        metrics = [_named_metric(name, one) for name, one in metrics.items()]
    elif isinstance(metrics, PartlyNamedList):
        metrics = [_named_metric(name, one) if name else one for name, one in zip(metrics.names, metrics,
                                                                                   strict=True)]
    if metrics is not None and not isinstance(metrics, dict):
        metrics = [_modern(one) for one in metrics]
        for one in metrics:
            _check_name(fn, "metrics", one, k.metrics.get)
        metrics = _instances("Metric", metrics)
    object.compile(optimizer=optimizer, loss=loss, metrics=metrics, **kwargs)
    return object


def compile(
    object: Any,
    optimizer: Any = "rmsprop",
    loss: Any = None,
    metrics: Any = None,  # noqa: A001,A002
    loss_weights: Any = None,
    weighted_metrics: Any = None,
    run_eagerly: bool = False,
    steps_per_execution: int = 1,
    jit_compile: Any = "auto",
    auto_scale_loss: bool = True,
) -> Any:
    """Configure the model for training; returns the model (for pipes)."""
    if isinstance(loss_weights, (int, float)):
        loss_weights = [loss_weights]
    elif isinstance(loss_weights, np.ndarray):  # an R vector, c(1, 0.2): one weight per output
        loss_weights = [float(w) for w in loss_weights.reshape(-1)]
    return compile_model(
        "compile",
        object,
        optimizer=optimizer,
        loss=loss,
        metrics=metrics,
        loss_weights=loss_weights,
        weighted_metrics=weighted_metrics,
        run_eagerly=run_eagerly,
        steps_per_execution=steps_per_execution,
        jit_compile=jit_compile,
        auto_scale_loss=auto_scale_loss,
    )


def as_input_data(x: Any) -> Any:
    """keras3's input normalizer: float64 -> one C-ordered float32 copy; factors -> 0-based codes;
    data frames -> arrays; lists/dicts recursively; tensors and datasets pass through."""
    if x is None:
        return None
    if isinstance(x, dict):
        return {key: as_input_data(v) for key, v in x.items()}
    if (
        isinstance(x, (list, tuple))
        and x
        and all(isinstance(v, np.ndarray) or hasattr(v, "dtype") for v in x)
    ):
        return [as_input_data(v) for v in x]
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None:
        if isinstance(x, pd.Categorical) or (
            isinstance(x, pd.Series) and isinstance(x.dtype, pd.CategoricalDtype)
        ):
            return np.asarray(pd.Categorical(x).codes, dtype="int64")
        if isinstance(x, (pd.DataFrame, pd.Series)):
            x = x.to_numpy()
    if isinstance(x, (list, tuple)):
        x = np.asarray(x)
    if isinstance(x, np.ndarray):
        if x.dtype == np.float64 or x.dtype == np.float16:
            return np.ascontiguousarray(x, dtype=keras().config.floatx())
        if x.dtype == np.bool_:
            return x.astype("int32")
        return np.ascontiguousarray(x)
    return x


def _is_dataset(value: Any) -> bool:
    """A dataset object (tf.data, a PyDataset, a torch DataLoader, a generator), given whole: what
    the ``*_dataset_from_directory()`` loaders return. Keras takes it as it is."""
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        return False
    k = keras()
    if isinstance(value, k.utils.PyDataset):
        return True
    names = {cls.__module__.split(".")[0] + "." + cls.__name__ for cls in type(value).__mro__}
    return bool(names & {"tensorflow.DatasetV2", "torch.DataLoader"}) or inspect.isgenerator(value)


def check_finite(fn: str, arg: str, value: Any, where: str = "") -> None:
    """Training data with NA/NaN or Inf is an error (as R's model functions make it), unless
    ``RKERAS_ALLOW_NA=1``: Keras would silently train to NaN."""
    import os

    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value, start=1):
            check_finite(fn, arg, item, f"{where} (input {i})" if len(value) > 1 else where)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            check_finite(fn, arg, item, f"{where} (`{key}`)")
        return
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "fc" or os.environ.get("RKERAS_ALLOW_NA"):
        return
    finite = np.isfinite(value)
    if finite.all():
        return
    bad = np.argwhere(~finite)
    n_nan = int(np.isnan(value).sum())
    first = ", ".join(str(i + 1) for i in bad[0])
    kinds = f"{n_nan} missing (NA/NaN)" if n_nan else ""
    if n_nan < len(bad):
        kinds += (" and " if kinds else "") + f"{len(bad) - n_nan} infinite"
    raise RKerasError(
        f"`{arg}`{where} has {kinds} value(s), the first at [{first}] (1-based); remove or impute them "
        "(or set RKERAS_ALLOW_NA=1 to train on them anyway)",
        fn=fn,
        arg=arg,
    )


def check_data(fn: str, **arrays: Any) -> None:
    """Data arguments before any work: a single string, number or logical is no data set (Keras's
    "Unrecognized data type" comes too late and names no function), and arrays given together
    must hold the same number of samples (their first dimension)."""
    samples: list[tuple[str, int]] = []
    for arg, value in arrays.items():
        if isinstance(value, (str, bytes, bool, int, float)) and not isinstance(value, np.generic):
            raise arg_error(fn, arg, "an array, a list of arrays, a data frame, a dataset or a generator",
                            value)
        parts = value if isinstance(value, (list, tuple)) else list(value.values()) \
            if isinstance(value, dict) else [value]
        for part in parts:
            if isinstance(part, np.ndarray) and part.ndim > 0:
                samples.append((arg, int(part.shape[0])))
                break
    if len({n for _, n in samples}) > 1:
        given = " and ".join(f"`{arg}` {n}" for arg, n in samples)
        names = " and ".join(f"`{arg}`" for arg, _ in samples)
        raise RKerasError(f"{names} must hold the same number of samples (rows, the first dimension), "
                          f"got {given}", fn=fn, arg=samples[0][0])


def _class_weight(fn: str, value: Any) -> dict[int, float] | None:
    """R's ``list("0" = 1, "1" = 5)`` or a numeric vector (0-based classes) -> {class: weight}."""
    if value is None:
        return None
    items = value.items() if isinstance(value, dict) else enumerate(np.asarray(value).reshape(-1).tolist())
    out: dict[int, float] = {}
    for key, weight in items:
        try:
            out[int(key)] = float(weight)
        except (TypeError, ValueError):
            raise arg_error(
                fn,
                "class_weight",
                'weights named by 0-based class index (e.g. list("0" = 1, "1" = 5)) or a numeric vector',
                value,
            ) from None
    return out


def _callbacks(value: Any, fn: str = "fit") -> list[Any] | None:
    """A callback or a list of them (``callback_*()`` objects or Keras callbacks)."""
    if value is None:
        return None
    items = [unwrap(c) for c in value] if isinstance(value, (list, tuple)) else [unwrap(value)]
    base = keras().callbacks.Callback
    for item in items:
        if not isinstance(item, base):
            raise arg_error(fn, "callbacks", "a callback or a list of callbacks (callback_*() objects)", item)
    return items


def train(
    fn: str,
    object: Any,  # noqa: A002
    x: Any,
    y: Any,
    *,
    epochs: int,
    initial_epoch0: int,
    validation_split: float = 0.0,
    validation_data: Any = None,
    class_weight: Any = None,
    sample_weight: Any = None,
    callbacks: Any = None,
    compile_hint: str = "compile(model, ...)",
    target: Any = None,
    **kwargs: Any,
) -> Any:
    """The one training path (keras3's fit(), kerasR's keras_fit()): checks before any work,
    converts the data once, honours ``RKERAS_MAX_EPOCHS``; returns Keras's History.

    ``initial_epoch0`` is 0-based; ``target`` converts ``y`` (default: as the inputs).
    """
    from .datasets import quick_run_limit

    target = target or as_input_data
    if getattr(object, "optimizer", None) is None or not getattr(object, "compiled", True):
        raise RKerasError(
            f"the model must be compiled before training: call {compile_hint} first", fn=fn, arg="object"
        )
    if not isinstance(validation_split, (int, float)) or not 0 <= validation_split < 1:
        raise arg_error(fn, "validation_split", "a fraction in [0, 1)", validation_split)
    if validation_data is not None and not _is_dataset(validation_data):
        if not isinstance(validation_data, (list, tuple)) or len(validation_data) not in (2, 3):
            raise arg_error(
                fn, "validation_data", "list(x_val, y_val), list(x_val, y_val, weights) or a dataset",
                validation_data,
            )
        parts = list(validation_data)
        validation_data = (as_input_data(parts[0]), target(parts[1]), *map(as_input_data, parts[2:]))
    max_epochs = quick_run_limit("RKERAS_MAX_EPOCHS")
    if max_epochs is not None:  # quick runs of long scripts (vignette short forms)
        epochs = min(epochs, initial_epoch0 + max_epochs)
    x, y = as_input_data(x), target(y)
    sample_weight = as_input_data(sample_weight)
    check_data(fn, x=x, y=y) if y is not None else check_data(fn, x=x)
    callbacks = _callbacks(callbacks, fn)
    for arg, value in (("x", x), ("y", y), ("sample_weight", sample_weight)):
        check_finite(fn, arg, value)
    if validation_data is not None and not _is_dataset(validation_data):
        for arg, value in zip(("x_val", "y_val", "weights"), validation_data, strict=False):
            check_finite(fn, "validation_data", value, f" ({arg})")
    if _is_dataset(x):  # a dataset brings its own order: Keras ignores `shuffle` (warning when TRUE)
        kwargs["shuffle"] = False
    return object.fit(
        x,
        y,
        epochs=epochs,
        initial_epoch=initial_epoch0,
        validation_split=validation_split,
        validation_data=validation_data,
        class_weight=_class_weight(fn, class_weight),
        sample_weight=sample_weight,
        callbacks=callbacks,
        **kwargs,
    )


def fit(
    object: Any,  # noqa: A002
    x: Any = None,
    y: Any = None,
    batch_size: int | None = None,
    epochs: int = 1,
    verbose: Any = "auto",
    callbacks: Any = None,
    validation_split: float = 0.0,
    validation_data: Any = None,
    shuffle: bool = True,
    class_weight: Any = None,
    sample_weight: Any = None,
    initial_epoch: int = 1,
    steps_per_epoch: int | None = None,
    validation_steps: int | None = None,
    validation_batch_size: int | None = None,
    validation_freq: int = 1,
    view_metrics: Any = None,
) -> History:
    """Train the model; returns a :class:`~rkeras.history.History` (keras3: ``initial_epoch`` 1-based).

    ``x`` may be an R generator function (returning ``list(x, y)`` batches), a
    ``timeseries_generator()`` or a ``flow_images_from_*()`` iterator: their batches are taken on
    the calling thread, ``steps_per_epoch`` at a time (:mod:`rkeras.api.generators`)."""
    if initial_epoch < 1:
        raise arg_error("fit", "initial_epoch", "a 1-based epoch number (>= 1)", initial_epoch)
    from . import generators

    if generators.is_rkeras_generator(unwrap(x)):
        if y is not None:
            raise RKerasError("`y` must be NULL when `x` is a generator (its batches hold the targets)",
                              fn="fit", arg="y")
        return History.from_keras(generators.fit_loop(
            "fit", object, unwrap(x), steps_per_epoch=steps_per_epoch, epochs=epochs,
            initial_epoch0=initial_epoch - 1, verbose=verbose, callbacks=callbacks,
            validation_data=validation_data, validation_steps=validation_steps, class_weight=class_weight))
    keras_history = train(
        "fit",
        object,
        x,
        y,
        epochs=epochs,
        initial_epoch0=initial_epoch - 1,
        validation_split=validation_split,
        validation_data=validation_data,
        class_weight=class_weight,
        sample_weight=sample_weight,
        callbacks=callbacks,
        batch_size=batch_size,
        verbose=verbose,
        shuffle=shuffle,
        steps_per_epoch=steps_per_epoch,
        validation_steps=validation_steps,
        validation_batch_size=validation_batch_size,
        validation_freq=validation_freq,
    )
    return History.from_keras(keras_history)


def evaluate(
    object: Any,
    x: Any = None,
    y: Any = None,
    batch_size: int | None = None,  # noqa: A002
    verbose: Any = "auto",
    sample_weight: Any = None,
    steps: int | None = None,
    callbacks: Any = None,
) -> dict[str, float]:
    """Evaluate; returns a dict of named values (keras3: ``return_dict = TRUE``). ``x`` may be a
    generator (see :func:`fit`), read for ``steps`` batches."""
    from . import generators

    if generators.is_rkeras_generator(unwrap(x)):
        return generators.evaluate_loop("evaluate", object, unwrap(x), steps=steps, verbose=verbose,
                                        callbacks=callbacks)
    x, y = as_input_data(x), as_input_data(y)
    check_data("evaluate", x=x, y=y) if y is not None else check_data("evaluate", x=x)
    result = object.evaluate(
        x,
        y,
        batch_size=batch_size,
        verbose=verbose,
        sample_weight=as_input_data(sample_weight),
        steps=steps,
        callbacks=_callbacks(callbacks, "evaluate"),
        return_dict=True,
    )
    return {k: float(v) for k, v in result.items()}


def predict(
    object: Any,
    x: Any,
    batch_size: int | None = None,
    verbose: Any = "auto",  # noqa: A002
    steps: int | None = None,
    callbacks: Any = None,
) -> Any:
    """Predictions of a model for the input samples.

    Args:
        object: The model.
        x: Input samples (an array, a list of arrays or a dataset), or a generator of batches (an R
            function returning ``list(x)`` batches, read for ``steps`` batches).
    """
    from . import generators

    if generators.is_rkeras_generator(unwrap(x)):
        return generators.predict_loop("predict", object, unwrap(x), steps=steps, verbose=verbose,
                                       callbacks=callbacks)
    x = as_input_data(x)
    check_data("predict", x=x)
    return object.predict(
        x, batch_size=batch_size, verbose=verbose, steps=steps, callbacks=_callbacks(callbacks, "predict")
    )


def predict_on_batch(object: Any, x: Any) -> Any:  # noqa: A002
    """Predictions of a model for one batch of samples.

    Args:
        object: The model.
        x: Input samples of one batch.
    """
    return np.asarray(object.predict_on_batch(as_input_data(x)))


def _named(result: Any) -> Any:
    if isinstance(result, dict):
        values = {k: float(v) for k, v in result.items()}
        return next(iter(values.values())) if len(values) == 1 else values
    return result


def train_on_batch(
    object: Any,
    x: Any,
    y: Any = None,
    sample_weight: Any = None,  # noqa: A002
    class_weight: Any = None,
) -> Any:
    """One gradient update on one batch of data; returns the metrics.

    Args:
        object: The model.
        x: Input samples of one batch.
    """
    return _named(
        object.train_on_batch(
            as_input_data(x),
            as_input_data(y),
            sample_weight=as_input_data(sample_weight),
            class_weight=class_weight,
            return_dict=True,
        )
    )


def test_on_batch(
    object: Any, x: Any, y: Any = None, sample_weight: Any = None, **kwargs: Any  # noqa: A002
) -> Any:
    """The loss and metrics of a model on one batch of data, as a named list.

    Args:
        object: The model.
        x: Input samples of one batch.
        y: Target values.
        sample_weight: Optional weights of the samples.
        ...: Further arguments of Keras's ``Model.test_on_batch()``. ``return_dict = FALSE`` gives
            the unnamed values (the loss first) as Keras returns them.
    """
    return_dict = kwargs.pop("return_dict", True)
    if not isinstance(return_dict, bool):
        raise arg_error("test_on_batch", "return_dict", "TRUE or FALSE", return_dict)
    result = object.test_on_batch(
        as_input_data(x), as_input_data(y), sample_weight=as_input_data(sample_weight),
        return_dict=return_dict, **kwargs,
    )
    return _named(result) if return_dict else result


def predict_proba(
    object: Any,
    x: Any,
    batch_size: int | None = None,
    verbose: Any = 0,  # noqa: A002
    steps: int | None = None,
) -> Any:
    """keras 2.x: the same values as predict(), with 2.x's deprecation warning."""
    warnings.warn(
        "predict_proba() is deprecated (removed in keras3): use predict() instead",
        FutureWarning,
        stacklevel=3,
    )
    return predict(object, x, batch_size=batch_size, verbose=verbose, steps=steps)


def predict_classes(
    object: Any,
    x: Any,
    batch_size: int | None = None,
    verbose: Any = 0,  # noqa: A002
    steps: int | None = None,
) -> Any:
    """keras 2.x: 0-based argmax when the last dim > 1, else ``(p > 0.5)`` as int32."""
    warnings.warn(
        "predict_classes() is deprecated (removed in keras3): use "
        "predict() |> op_argmax() for softmax outputs, or predict() > 0.5 for sigmoid outputs",
        FutureWarning,
        stacklevel=3,
    )
    proba = np.asarray(predict(object, x, batch_size=batch_size, verbose=verbose, steps=steps))
    if proba.shape[-1] > 1:
        return proba.argmax(axis=-1)
    return (proba > 0.5).astype("int32")


# ------------------------------------------------------------------------- inspection / surgery


def get_layer(object: Any, name: str | None = None, index: int | None = None) -> Any:  # noqa: A002
    """A layer by name or by 1-based R index (negative counts from the end); the row's ``index1``
    converter has made ``index`` 0-based when this runs."""
    if (name is None) == (index is None):
        raise RKerasError("give exactly one of `name` or `index`", fn="get_layer", arg="name")
    layers = object.layers
    if name is not None:
        for layer in layers:
            if layer.name == name:
                return layer
        raise arg_error(
            "get_layer",
            "name",
            "the name of a layer in the model (" + ", ".join(repr(layer.name) for layer in layers) + ")",
            name,
        )
    if not -len(layers) <= index < len(layers):
        raise arg_error("get_layer", "index", f"a 1-based layer index in 1..{len(layers)}", _r_index(index))
    return layers[index]


def _r_index(index: int) -> int:
    """A 0-based index (negative: from the end) as the user wrote it in R."""
    return index + 1 if index >= 0 else index


def pop_layer(object: Any, rebuild: bool = True) -> Any:  # noqa: A002
    """Removes the last layer of a Sequential model; returns the model.

    Args:
        object: The Sequential model.
        rebuild: Whether the model is rebuilt right away (its output is then the new last layer's);
            with ``FALSE`` it is rebuilt when next used.
    """
    if not is_sequential(object):
        raise arg_error("pop_layer", "object", "a Sequential model", object)
    if not isinstance(rebuild, bool):
        raise arg_error("pop_layer", "rebuild", "TRUE or FALSE", rebuild)
    if not object.layers:
        raise RKerasError("the model has no layers to pop", fn="pop_layer", arg="object")
    object.pop(rebuild=rebuild)
    return object


def get_weights(object: Any, trainable: Any = None) -> list[Any]:  # noqa: A002
    """The weights of a model or layer, as a list of arrays.

    Args:
        object: The model or layer.
        trainable: ``NA`` (the default): all weights, in Keras's order; ``TRUE``: only the
            trainable weights; ``FALSE``: only the non-trainable ones (e.g. a batch
            normalization's moving mean and variance).
    """
    if is_na(trainable):
        return [np.asarray(w) for w in object.get_weights()]
    if not isinstance(trainable, (bool, np.bool_)):
        raise arg_error("get_weights", "trainable", "NA, TRUE or FALSE", trainable)
    variables = object.trainable_weights if trainable else object.non_trainable_weights
    return [np.asarray(keras().ops.convert_to_numpy(v)) for v in variables]


def set_weights(object: Any, weights: Any) -> Any:  # noqa: A002
    """Sets the weights of a model or layer (returns it, invisibly).

    Args:
        object: The model or layer.
        weights: A list of arrays, shaped as ``get_weights()`` returns them.
    """
    current = object.get_weights()
    if len(weights) != len(current):
        raise arg_error(
            "set_weights", "weights", f"a list of {len(current)} arrays", f"{len(weights)} arrays"
        )
    weights = list(weights)
    for i, (new, old) in enumerate(zip(weights, current, strict=True)):
        if np.ndim(new) == 0 and np.size(old) == 1:
            # R's length-1 vector (what get_weights() gives R for a weight of one element, such as
            # the bias of layer_dense(units = 1)) arrives as a scalar
            new = weights[i] = np.reshape(new, np.shape(old))
        if np.shape(new) != np.shape(old):
            raise arg_error(
                "set_weights",
                "weights",
                f"element {i + 1} of shape {tuple(np.shape(old))}",
                f"shape {tuple(np.shape(new))}",
            )
    object.set_weights([np.asarray(w) for w in weights])
    return object


def _layer_position(fn: str, object: Any, value: Any, arg: str) -> int:  # noqa: A002
    """The 0-based position of a layer given by name, by a (converted, 0-based) index or as the
    layer itself."""
    layers = object.layers
    names = [layer.name for layer in layers]
    value = unwrap(value)
    if isinstance(value, keras().layers.Layer):
        for i, layer in enumerate(layers):
            if layer is value:
                return i
        raise arg_error(fn, arg, "a layer of the model (" + ", ".join(names) + ")", value.name)
    if isinstance(value, str):
        if value not in names:
            raise arg_error(fn, arg, "a layer name or 1-based index (" + ", ".join(names) + ")", value)
        return names.index(value)
    i = int(value)  # 0-based: the row's layer_ref converter shifted it
    if not -len(layers) <= i < len(layers):
        raise arg_error(fn, arg, f"a 1-based layer index in 1..{len(layers)}", _r_index(i))
    return i % len(layers)


def _layer_range(fn: str, object: Any, from_: Any, to: Any) -> range:  # noqa: A002
    start = 0 if from_ is None else _layer_position(fn, object, from_, "from")
    end = len(object.layers) - 1 if to is None else _layer_position(fn, object, to, "to")
    if end < start:
        shown = [v if isinstance(v, str) or v is None else _r_index(v) for v in (from_, to)]
        raise RKerasError(f"`from` ({shown[0]}) comes after `to` ({shown[1]})", fn=fn, arg="from")
    return range(start, end + 1)


def _which_layers(fn: str, object: Any, which: Any) -> set[int]:  # noqa: A002
    """keras3's ``which``: layer names, 1-based positions (negative: from the end), layers, a
    logical vector with one element per layer, or a function of a layer returning TRUE/FALSE."""
    layers = object.layers
    if callable(which) and not isinstance(which, keras().layers.Layer):
        flags = [which(layer) for layer in layers]
        bad = [f for f in flags if not isinstance(f, (bool, np.bool_))]
        if bad:
            raise arg_error(fn, "which", "a function returning TRUE or FALSE for each layer", bad[0])
        return {i for i, f in enumerate(flags) if f}
    items = list(which) if isinstance(which, (list, tuple, np.ndarray)) else [which]
    if items and all(isinstance(v, (bool, np.bool_)) for v in items):
        if len(items) != len(layers):
            raise arg_error(fn, "which", f"a logical vector of length {len(layers)} (one per layer)",
                            f"length {len(items)}")
        return {i for i, f in enumerate(items) if f}
    out = set()
    for v in items:
        if isinstance(v, (bool, np.bool_)):
            raise arg_error(fn, "which", "layer names, 1-based positions or layers (not mixed with "
                            "TRUE/FALSE)", v)
        if isinstance(v, numbers.Real) and not isinstance(v, str):
            if is_na(v) or float(v) != int(v) or int(v) == 0:
                raise arg_error(fn, "which", "1-based layer positions (negative: from the end)", v)
            v = int(v) - 1 if v > 0 else int(v)
        elif not isinstance(v, str) and not isinstance(unwrap(v), keras().layers.Layer):
            raise arg_error(fn, "which", "layer names, 1-based positions, layers, a logical vector "
                            "or a function", v)
        out.add(_layer_position(fn, object, v, "which"))
    return out


def _set_trainable(fn: str, object: Any, from_: Any, to: Any, which: Any, trainable: bool) -> Any:  # noqa: A002
    if which is not None:
        if from_ is not None or to is not None:
            raise RKerasError("give either `which` or `from`/`to`, not both", fn=fn, arg="which")
        chosen = _which_layers(fn, object, which)
    elif from_ is None and to is None:
        object.trainable = trainable
        return object
    else:
        chosen = set(_layer_range(fn, object, from_, to))
    # keras3: the object stays trainable and every layer outside the choice gets the opposite
    object.trainable = True
    for i, layer in enumerate(object.layers):
        layer.trainable = trainable if i in chosen else not trainable
    return object


def freeze_weights(object: Any, from_: Any = None, to: Any = None, which: Any = None) -> Any:  # noqa: A002
    """Freezes the weights of a model or layer (they are no longer trained); returns it, invisibly.

    With neither ``from``/``to`` nor ``which`` the whole object is frozen. Otherwise the chosen
    layers are frozen and all the others made trainable (keras3's rule: a global operation over
    the model's layers). Compile the model again after freezing.

    Args:
        object: The model or layer.
        from_: The first layer to freeze: a name, a 1-based index (negative counts from the end) or
            the layer itself.
        to: The last layer to freeze (inclusive), as ``from``.
        which: The layers to freeze instead of a range: names, 1-based positions (negative: from
            the end), layers, a logical vector with one element per layer, or a function of a
            layer returning ``TRUE`` or ``FALSE``.
    """
    return _set_trainable("freeze_weights", object, from_, to, which, False)


def unfreeze_weights(object: Any, from_: Any = None, to: Any = None, which: Any = None) -> Any:  # noqa: A002
    """Makes the weights of a model or layer trainable again; returns it, invisibly.

    With neither ``from``/``to`` nor ``which`` the whole object becomes trainable. Otherwise the
    chosen layers become trainable and all the others are frozen (keras3's rule).

    Args:
        object: The model or layer.
        from_: The first layer to unfreeze (a name, a 1-based index or the layer itself).
        to: The last layer to unfreeze (inclusive), as ``from``.
        which: The layers to unfreeze instead of a range: names, 1-based positions, layers, a
            logical vector with one element per layer, or a function of a layer returning
            ``TRUE`` or ``FALSE``.
    """
    return _set_trainable("unfreeze_weights", object, from_, to, which, True)


def count_params(object: Any) -> int:  # noqa: A002
    """The number of weights of a built model or layer.

    Args:
        object: The model or layer.
    """
    if not object.built:
        raise RKerasError(
            "the model is not built yet (give it an input shape)", fn="count_params", arg="object"
        )
    return int(object.count_params())


def reset_state(object: Any) -> Any:  # noqa: A002
    """Reset the state of a metric, a stateful layer (an RNN with ``stateful = TRUE``) or a model's
    metrics; returns the object (invisibly in R).

    Args:
        object: A metric (``metric_*()``), a stateful layer or a model.
    """
    method = getattr(object, "reset_state", None)
    if method is None and hasattr(object, "reset_metrics"):
        method = object.reset_metrics
    if not callable(method):
        raise arg_error("reset_state", "object", "a metric, a stateful layer or a model", object)
    method()
    return object


def generate(x: Any, *args: Any, **kwargs: Any) -> Any:
    """Generate output from a generative model: ``x$generate(...)``, e.g. text from a KerasHub
    causal language model (``generate(gpt2, "Keras is", max_length = 30)``).

    Args:
        x: A model with a ``generate()`` method.
        ...: Passed on to it (the prompts first).
    """
    method = getattr(x, "generate", None)
    if not callable(method):
        raise arg_error("generate", "x", "a generative model (with a generate() method, such as a "
                        "KerasHub CausalLM)", x)
    return method(*args, **kwargs)
