"""keras 2.x's generator training (``fit_generator()``, ``evaluate_generator()``,
``predict_generator()``, ``generator_next()``) and ``timeseries_generator()``, on Keras 3.

A *generator* is any of: an R (or Python) function called with no arguments that returns a batch
(``list(x, y)``, ``list(x, y, sample_weight)`` or ``list(x)``, as keras 2.x's R generators do;
``NULL`` when it has no more); a Python iterator (a generator, ``texts_to_sequences_generator()``,
``flow_images_from_*()``); or a Python sequence with ``len()`` and ``[i]`` (a Keras ``PyDataset``,
``timeseries_generator()``), read in order and restarted (``on_epoch_end()``) when done.

Batches are taken on the thread that called the function -- R's main thread when R called it --
one step at a time, so an R generator runs under the R lock on the main thread, never on the
threads Keras's own data pipeline (``tf.data``) would use. Training is Keras 3's
``train_on_batch()`` step by step with Keras's callbacks (``on_epoch_begin``, ``on_train_batch_*``,
validation with ``on_test_*``, ``on_epoch_end``), metrics reset per epoch, the progress bar and a
History: what ``fit()`` does per epoch, and what keras 2.x's ``fit_generator()`` did.

``fit()``, ``evaluate()`` and ``predict()`` send an R generator function (or a
``timeseries_generator()`` / ``flow_images_from_*()`` object) here too (keras3 accepts R functions
as data).

Importing this module does not import Keras.
"""

from __future__ import annotations

import math
import numbers
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error, describe
from ._keras import keras
from .pipe import unwrap

_DONE = object()


# =========================================================================== batches


def _is_keras_object(value: Any) -> bool:
    from ._keras import loaded_keras

    k = loaded_keras()
    if k is None:
        return False
    return isinstance(value, (k.layers.Layer, k.losses.Loss, k.metrics.Metric, k.optimizers.Optimizer))


def is_generator_function(value: Any) -> bool:
    """An R or Python function used as data: called with no arguments for each batch."""
    return (callable(value) and not isinstance(value, type) and not hasattr(value, "__next__")
            and not hasattr(value, "__getitem__") and not _is_keras_object(value))


def is_rkeras_generator(value: Any) -> bool:
    """Data that ``fit()`` reads here rather than through Keras's pipeline: a generator function,
    a ``timeseries_generator()`` or a ``flow_images_from_*()`` iterator (which may call an R
    ``preprocessing_function``)."""
    if is_generator_function(value):
        return True
    from . import images

    return isinstance(value, TimeseriesGenerator) or images.is_flow(value)


class Batches:
    """The batches of one generator, taken one at a time on the calling thread."""

    def __init__(self, fn: str, arg: str, generator: Any) -> None:
        self.fn, self.arg = fn, arg
        generator = unwrap(generator)
        self.source = generator
        self.cursor = 0
        self.iterator: Iterator[Any] | None = None
        if is_generator_function(generator):
            self.kind = "function"
        elif hasattr(generator, "__next__"):
            self.kind = "iterator"
        elif hasattr(generator, "__getitem__") and hasattr(generator, "__len__") and \
                not isinstance(generator, (str, bytes, list, tuple, dict, np.ndarray)):
            self.kind = "sequence"
        elif hasattr(generator, "__iter__") and not isinstance(generator, (str, bytes, list, tuple, dict,
                                                                           np.ndarray)):
            self.kind = "iterator"
            self.iterator = iter(generator)
        else:
            raise arg_error(fn, arg, "a generator: a function returning list(x, y) batches, a Python "
                            "iterator or a sequence of batches", generator)

    def length(self) -> int | None:
        """Batches per pass: a sequence's length, or a flow's (an iterator with ``len()``)."""
        if self.kind != "function" and self.iterator is None and hasattr(self.source, "__len__"):
            return len(self.source)
        return None

    def steps(self, steps: Any, arg: str) -> int:
        """``steps`` as a whole number >= 1, or the sequence's length when NULL."""
        if steps is None:
            n = self.length()
            if n is None:
                raise RKerasError(f"`{arg}` is missing: a generator function or iterator needs the number of "
                                  "batches to draw", fn=self.fn, arg=arg)
            return n
        if isinstance(steps, bool) or not isinstance(steps, numbers.Real) or \
                (isinstance(steps, float) and (math.isnan(steps) or not steps.is_integer())) or steps < 1:
            raise arg_error(self.fn, arg, "a whole number >= 1", steps)
        return int(steps)

    def raw(self) -> Any:
        """The next batch as the generator gives it, or ``_DONE``."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*scipy.ndimage.interpolation.*")
            if self.kind == "function":
                value = self.source()
                return _DONE if value is None else value
            if self.kind == "sequence":
                if self.cursor >= len(self.source):
                    self.restart()
                value = self.source[self.cursor]
                self.cursor += 1
                return value
            try:
                return next(self.iterator if self.iterator is not None else self.source)
            except StopIteration:
                return _DONE

    def restart(self) -> None:
        if self.kind == "sequence":
            on_epoch_end = getattr(self.source, "on_epoch_end", None)
            if callable(on_epoch_end):
                on_epoch_end()
            self.cursor = 0

    def next(self) -> tuple[Any, Any, Any] | None:
        """``(x, y, sample_weight)`` of the next batch (arrays as Keras takes them), or None."""
        from .models import as_input_data, check_finite

        value = self.raw()
        if value is _DONE:
            return None
        x, y, sw = split_batch(self.fn, self.arg, value)
        x, y, sw = as_input_data(x), as_input_data(y), as_input_data(sw)
        for name, part in (("x", x), ("y", y), ("sample_weight", sw)):
            check_finite(self.fn, self.arg, part, f" (a batch's {name})")
        return x, y, sw


def split_batch(fn: str, arg: str, value: Any) -> tuple[Any, Any, Any]:
    """keras 2.x's batch shapes: ``list(x)``, ``list(x, y)``, ``list(x, y, sample_weight)``; a bare
    array is ``x``."""
    if isinstance(value, (list, tuple)):
        if not 1 <= len(value) <= 3:
            raise RKerasError(f"a batch from `{arg}` must be list(x), list(x, y) or "
                              f"list(x, y, sample_weight), got a list of {len(value)}", fn=fn, arg=arg)
        parts = list(value) + [None] * (3 - len(value))
        if isinstance(parts[1], (list, tuple)) and not parts[1]:
            parts[1] = None  # keras 2.x's list(x, list()): no targets
        return parts[0], parts[1], parts[2]
    if isinstance(value, dict) and "x" in value:
        return value["x"], value.get("y"), value.get("sample_weight")
    if isinstance(value, np.ndarray) or hasattr(value, "shape"):
        return value, None, None
    raise RKerasError(f"a batch from `{arg}` must be list(x, y) (or list(x), list(x, y, sample_weight)), "
                      f"got {describe(value)}", fn=fn, arg=arg)


# =========================================================================== the loops


def _verbose(fn: str, verbose: Any) -> int:
    if verbose == "auto" or verbose is None:
        return 1
    if isinstance(verbose, bool) or not isinstance(verbose, numbers.Real) or verbose not in (0, 1, 2):
        raise arg_error(fn, "verbose", "0, 1, 2 or \"auto\"", verbose)
    return int(verbose)


def _callback_list(model: Any, callbacks: Any, verbose: int, **params: Any) -> Any:
    from .models import _callbacks

    return keras().callbacks.CallbackList(_callbacks(callbacks), add_history=True, add_progbar=verbose != 0,
                                          model=model, verbose=verbose, **params)


def _logs(logs: Any) -> dict[str, float]:
    return {k: float(np.asarray(v)) for k, v in dict(logs or {}).items()}


class _accumulating:  # noqa: N801 - used as a function: ``with _accumulating(model):``
    """Keras 3's ``train_on_batch()``/``test_on_batch()`` reset the metrics on every call; within
    an epoch (or an evaluation) they must accumulate, as in ``fit()``: the reset is held off here
    (the loops reset the metrics themselves, at the start of each epoch)."""

    def __init__(self, model: Any) -> None:
        self.model = model

    def __enter__(self) -> None:
        self.model.reset_metrics = _no_reset

    def __exit__(self, *exc: object) -> None:
        del self.model.reset_metrics


def _no_reset() -> None:
    return None


def _check_compiled(fn: str, model: Any, hint: str) -> None:
    if getattr(model, "optimizer", None) is None or not getattr(model, "compiled", True):
        raise RKerasError(f"the model must be compiled first: call {hint}", fn=fn, arg="object")


def _ran_out(fn: str, steps: int, done: int, what: str) -> None:
    warnings.warn(f"{fn}(): the generator ran out of data after {done} of {steps} {what}; stopping "
                  "(give fewer steps, or a generator that does not end)", stacklevel=3)


def fit_loop(
    fn: str,
    model: Any,
    generator: Any,
    *,
    steps_per_epoch: Any,
    epochs: int,
    initial_epoch0: int,
    verbose: Any,
    callbacks: Any,
    validation_data: Any,
    validation_steps: Any,
    class_weight: Any,
) -> Any:
    """Train ``model`` on batches from ``generator``; returns Keras's History callback."""
    from .datasets import quick_run_limit
    from .models import _class_weight, as_input_data, check_finite

    _check_compiled(fn, model, "compile(model, ...)")
    batches = Batches(fn, "generator" if fn.endswith("_generator") else "x", generator)
    steps = batches.steps(steps_per_epoch, "steps_per_epoch")
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral) or epochs < 0:
        raise arg_error(fn, "epochs", "a whole number >= 0", epochs)
    max_epochs = quick_run_limit("RKERAS_MAX_EPOCHS")
    if max_epochs is not None:
        epochs = min(epochs, initial_epoch0 + max_epochs)
    weights = _class_weight(fn, class_weight)
    val_batches: Batches | None = None
    val_arrays: tuple[Any, ...] | None = None
    val_steps = 0
    if validation_data is not None:
        if isinstance(validation_data, (list, tuple)) and len(validation_data) in (2, 3) and all(
                isinstance(v, np.ndarray) or hasattr(v, "shape") or isinstance(v, (list, dict))
                for v in validation_data):
            val_arrays = tuple(as_input_data(v) for v in validation_data)
            for v in val_arrays:
                check_finite(fn, "validation_data", v)
        else:
            val_batches = Batches(fn, "validation_data", validation_data)
            val_steps = val_batches.steps(validation_steps, "validation_steps")
    level = _verbose(fn, verbose)
    cb = _callback_list(model, callbacks, level, epochs=epochs, steps=steps)
    model.stop_training = False
    cb.on_train_begin()
    epoch_logs: dict[str, float] = {}
    for epoch in range(initial_epoch0, epochs):
        model.reset_metrics()
        cb.on_epoch_begin(epoch)
        logs: dict[str, float] = {}
        for step in range(steps):
            batch = batches.next()
            if batch is None:
                _ran_out(fn, steps, step, "steps of an epoch")
                model.stop_training = True
                break
            x, y, sw = batch
            cb.on_train_batch_begin(step)
            with _accumulating(model):
                logs = _logs(model.train_on_batch(x, y, sample_weight=sw, class_weight=weights,
                                                  return_dict=True))
            cb.on_train_batch_end(step, logs)
            if model.stop_training:
                break
        epoch_logs = dict(logs)
        if (val_batches is not None or val_arrays is not None) and logs:
            if val_arrays is not None:
                x_val, y_val, *rest = val_arrays
                val_logs = _logs(model.evaluate(x_val, y_val, sample_weight=rest[0] if rest else None,
                                                verbose=0, return_dict=True))
            else:
                assert val_batches is not None
                val_logs = _test_loop(fn, model, val_batches, val_steps, cb)
            epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
        cb.on_epoch_end(epoch, epoch_logs)
        if model.stop_training:
            break
    cb.on_train_end(logs=epoch_logs)
    return model.history


def _test_loop(fn: str, model: Any, batches: Batches, steps: int, cb: Any) -> dict[str, float]:
    model.reset_metrics()
    cb.on_test_begin()
    logs: dict[str, float] = {}
    for step in range(steps):
        batch = batches.next()
        if batch is None:
            _ran_out(fn, steps, step, "validation steps" if fn == "fit_generator" else "steps")
            break
        x, y, sw = batch
        cb.on_test_batch_begin(step)
        with _accumulating(model):
            logs = _logs(model.test_on_batch(x, y, sample_weight=sw, return_dict=True))
        cb.on_test_batch_end(step, logs)
    cb.on_test_end(logs)
    return logs


def evaluate_loop(fn: str, model: Any, generator: Any, *, steps: Any, verbose: Any, callbacks: Any) \
        -> dict[str, float]:
    """Evaluate ``model`` on ``steps`` batches of ``generator``: the named metric values."""
    _check_compiled(fn, model, "compile(model, ...)")
    batches = Batches(fn, "generator" if fn.endswith("_generator") else "x", generator)
    n = batches.steps(steps, "steps")
    level = _verbose(fn, verbose)
    cb = _callback_list(model, callbacks, level, epochs=1, steps=n)
    return _test_loop(fn, model, batches, n, cb)


def predict_loop(fn: str, model: Any, generator: Any, *, steps: Any, verbose: Any, callbacks: Any) -> Any:
    """Predictions of ``model`` for ``steps`` batches of ``generator`` (the ``x`` of each)."""
    batches = Batches(fn, "generator" if fn.endswith("_generator") else "x", generator)
    n = batches.steps(steps, "steps")
    level = _verbose(fn, verbose)
    cb = _callback_list(model, callbacks, level, epochs=1, steps=n)
    cb.on_predict_begin()
    outputs: list[Any] = []
    for step in range(n):
        batch = batches.next()
        if batch is None:
            _ran_out(fn, n, step, "steps")
            break
        cb.on_predict_batch_begin(step)
        out = model.predict_on_batch(batch[0])
        outputs.append(out)
        cb.on_predict_batch_end(step, {"outputs": out})
    cb.on_predict_end()
    if not outputs:
        raise RKerasError("the generator gave no batches to predict on", fn=fn, arg="generator")
    first = outputs[0]
    if isinstance(first, (list, tuple)):
        return [np.concatenate([np.asarray(o[i]) for o in outputs]) for i in range(len(first))]
    if isinstance(first, dict):
        return {k: np.concatenate([np.asarray(o[k]) for o in outputs]) for k in first}
    return np.concatenate([np.asarray(o) for o in outputs])


# =========================================================================== keras 2.x's verbs


def fit_generator(
    object: Any,  # noqa: A002 - R's argument name
    generator: Any,
    steps_per_epoch: Any = None,
    epochs: int = 1,
    verbose: Any = 1,
    callbacks: Any = None,
    view_metrics: Any = "auto",
    validation_data: Any = None,
    validation_steps: Any = None,
    class_weight: Any = None,
    max_queue_size: Any = 10,
    workers: Any = 1,
    initial_epoch: int = 0,
) -> Any:
    """Train a model on batches from a generator (keras 2.x).

    The generator's batches are taken one step at a time on the calling (R's main) thread and
    trained on with Keras's callbacks, metrics and progress bar, as ``fit()`` does.

    Args:
        object: A compiled model.
        generator: A function returning a batch on each call (``list(x, y)`` or ``list(x, y,
            sample_weight)``; ``NULL`` when it has no more), a Python iterator of batches, or a
            sequence of batches (``timeseries_generator()``, ``flow_images_from_*()``).
        steps_per_epoch: Batches per epoch (for a sequence, its length by default).
        epochs: The epoch to stop at (with ``initial_epoch``, 0-based as in keras 2.x).
        verbose: 0 (silent), 1 (progress bar) or 2 (one line per epoch).
        callbacks: A list of callbacks.
        view_metrics: Ignored (keras 2.x's RStudio viewer).
        validation_data: ``list(x_val, y_val)`` arrays, or a generator of validation batches.
        validation_steps: Batches of a validation generator per epoch (its length by default).
        class_weight: Weights by 0-based class index (``list("0" = 1, "1" = 5)``).
        max_queue_size: Ignored: batches are taken one at a time.
        workers: Ignored: batches are taken on the calling thread.
        initial_epoch: The epoch to start at (0-based, as keras 2.x).

    Returns:
        The training history.
    """
    from .history import History

    fn = "fit_generator"
    if isinstance(initial_epoch, bool) or not isinstance(initial_epoch, numbers.Integral) or \
            initial_epoch < 0:
        raise arg_error(fn, "initial_epoch", "a 0-based epoch number (>= 0)", initial_epoch)
    history = fit_loop(fn, object, generator, steps_per_epoch=steps_per_epoch, epochs=epochs,
                       initial_epoch0=int(initial_epoch), verbose=verbose, callbacks=callbacks,
                       validation_data=validation_data, validation_steps=validation_steps,
                       class_weight=class_weight)
    return History.from_keras(history)


def evaluate_generator(
    object: Any,  # noqa: A002
    generator: Any,
    steps: Any = None,
    max_queue_size: Any = 10,
    workers: Any = 1,
    callbacks: Any = None,
) -> dict[str, float]:
    """Evaluate a model on batches from a generator (keras 2.x).

    Args:
        object: A compiled model.
        generator: A function returning ``list(x, y)`` batches, a Python iterator or a sequence of
            batches.
        steps: How many batches to evaluate on (for a sequence, its length by default).
        max_queue_size: Ignored: batches are taken one at a time.
        workers: Ignored: batches are taken on the calling thread.
        callbacks: A list of callbacks.

    Returns:
        A named list of the loss and metrics over those batches.
    """
    return evaluate_loop("evaluate_generator", object, generator, steps=steps, verbose=0,
                         callbacks=callbacks)


def predict_generator(
    object: Any,  # noqa: A002
    generator: Any,
    steps: Any = None,
    max_queue_size: Any = 10,
    workers: Any = 1,
    verbose: Any = 0,
    callbacks: Any = None,
) -> Any:
    """Predictions of a model for batches from a generator (keras 2.x), stacked in order.

    Args:
        object: A model.
        generator: A function returning ``list(x)`` (or ``list(x, y)``) batches, a Python iterator
            or a sequence of batches.
        steps: How many batches to predict on (for a sequence, its length by default).
        max_queue_size: Ignored: batches are taken one at a time.
        workers: Ignored: batches are taken on the calling thread.
        verbose: 0 (silent) or 1 (progress bar).
        callbacks: A list of callbacks.

    Returns:
        The predictions (an array; a list of arrays for a model with several outputs).
    """
    return predict_loop("predict_generator", object, generator, steps=steps, verbose=verbose,
                        callbacks=callbacks)


def generator_next(generator: Any, completed: Any = None) -> Any:
    """The next value of a generator (keras 2.x): the next batch of a ``flow_images_from_*()``
    iterator, the next sequence of ``texts_to_sequences_generator()``, the next element of any Python
    iterator, or the value of one call of a generator function.

    Args:
        generator: A Python iterator, a sequence of batches, or a generator function.
        completed: What to return when the generator has no more values.

    Returns:
        The next value, or ``completed``.
    """
    generator = unwrap(generator)
    if isinstance(generator, Batches):
        value = generator.raw()
    elif is_generator_function(generator):
        value = generator()
        value = _DONE if value is None else value
    elif hasattr(generator, "__next__"):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*scipy.ndimage.interpolation.*")
            try:
                value = next(generator)
            except StopIteration:
                value = _DONE
    else:
        raise arg_error("generator_next", "generator", "a Python iterator or a generator function", generator)
    return completed if value is _DONE else value


# =========================================================================== time series


class TimeseriesGenerator:
    """keras 2.x's ``TimeseriesGenerator``: batches of windows of a time series and their targets.

    ``len(gen)`` batches; ``gen[i]`` is batch ``i`` (0-based) as ``(samples, targets)``: each sample
    is ``data[(row - length):row:sampling_rate]`` and its target ``targets[row]``, for rows from
    ``start_index + length`` to ``end_index`` every ``stride`` rows (or drawn at random with
    ``shuffle``).
    """

    def __init__(self, data: Any, targets: Any, length: int, sampling_rate: int = 1, stride: int = 1,
                 start_index: int = 0, end_index: int | None = None, shuffle: bool = False,
                 reverse: bool = False, batch_size: int = 128) -> None:
        fn = "timeseries_generator"
        self.data = np.asarray(data)
        self.targets = np.asarray(targets)
        if len(self.data) != len(self.targets):
            raise RKerasError(f"`data` and `targets` must have the same length, got {len(self.data)} and "
                              f"{len(self.targets)}", fn=fn, arg="targets")
        self.length = _count(fn, "length", length, 1)
        self.sampling_rate = _count(fn, "sampling_rate", sampling_rate, 1)
        self.stride = _count(fn, "stride", stride, 1)
        self.start_index = _count(fn, "start_index", start_index, 0) + self.length
        self.end_index = len(self.data) - 1 if end_index is None else _count(fn, "end_index", end_index, 0)
        self.shuffle = bool(shuffle)
        self.reverse = bool(reverse)
        self.batch_size = _count(fn, "batch_size", batch_size, 1)
        if self.start_index > self.end_index:
            raise RKerasError(f"`start_index + length` = {self.start_index} > `end_index` = "
                              f"{self.end_index}: no part of the series would be left to use as the "
                              "current step", fn=fn, arg="start_index")

    def __len__(self) -> int:
        return (self.end_index - self.start_index + self.batch_size * self.stride) // (
            self.batch_size * self.stride)

    def __getitem__(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        if self.shuffle:
            rows = np.random.randint(self.start_index, self.end_index + 1, size=self.batch_size)
        else:
            i = self.start_index + self.batch_size * self.stride * int(index)
            rows = np.arange(i, min(i + self.batch_size * self.stride, self.end_index + 1), self.stride)
        samples = np.array([self.data[row - self.length:row:self.sampling_rate] for row in rows])
        targets = np.array([self.targets[row] for row in rows])
        if self.reverse:
            return samples[:, ::-1, ...], targets
        return samples, targets

    def __repr__(self) -> str:
        return (f"<timeseries_generator: {len(self)} batches of up to {self.batch_size} windows of "
                f"{self.length}>")


def _count(fn: str, arg: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or \
            (isinstance(value, float) and (math.isnan(value) or not value.is_integer())) or value < minimum:
        raise arg_error(fn, arg, f"a whole number >= {minimum}", value)
    return int(value)


def timeseries_generator(
    data: Any,
    targets: Any,
    length: Any,
    sampling_rate: Any = 1,
    stride: Any = 1,
    start_index: Any = 0,
    end_index: Any = None,
    shuffle: bool = False,
    reverse: bool = False,
    batch_size: Any = 128,
) -> TimeseriesGenerator:
    """Batches of windows of a time series with their targets, for ``fit_generator()`` (keras 2.x).

    Batch ``i`` (``generator[i]`` from Python, 0-based) holds the windows ending before rows
    ``start_index + length``, then every ``stride`` rows up to ``end_index`` (0-based row numbers,
    as keras 2.x's): each window is ``length`` rows taken every ``sampling_rate`` rows, and its
    target is ``targets`` at the row after the window.

    Args:
        data: A matrix or array whose first axis is time (a vector is one series).
        targets: The targets, one per time step (same length as ``data``).
        length: The window length, in time steps (before sampling).
        sampling_rate: Take every ``sampling_rate``-th step of a window.
        stride: Steps between the ends of two consecutive windows.
        start_index: The first time step (0-based) a window may start at.
        end_index: The last time step (0-based) a target may be at (``NULL``: the last).
        shuffle: Whether to draw the window ends at random (each batch).
        reverse: Whether the steps of each window are in reverse order.
        batch_size: Windows per batch.

    Returns:
        A sequence of batches for ``fit_generator()`` and ``fit()``.
    """
    from .models import as_input_data

    return TimeseriesGenerator(as_input_data(data), as_input_data(targets), length, sampling_rate, stride,
                               start_index, end_index, shuffle, reverse, batch_size)


__all__ = ["Batches", "TimeseriesGenerator", "evaluate_generator", "fit_generator", "generator_next",
           "predict_generator", "timeseries_generator", "is_generator_function", "is_rkeras_generator",
           "fit_loop", "evaluate_loop", "predict_loop", "split_batch"]
