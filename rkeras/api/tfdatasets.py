"""The basics of the R package ``tfdatasets`` over ``tf.data``: the pipelines keras3's guides build.

* :func:`tensor_slices_dataset` / :func:`tensors_dataset`: a dataset from R values. An R array
  keeps its R shape (the first dimension is the samples, as everywhere in rkeras); an unnamed R
  list of arrays is a tuple element, a named list a dict element; an R vector is a 1-d array
  (R doubles are float64, R integers int32, as reticulate converts them).
* :func:`dataset_map`: an R function (or a purrr-style formula, ``~ .x * 2``) traced by tf.data
  into a graph: it runs once, in R, on symbolic tensors (the rkeras tensor handles, with R's
  arithmetic and the ``op_*`` functions), with one argument per component of a tuple element;
  the R list it returns is a tuple element (a named list a dict element).
* :func:`dataset_batch`, :func:`dataset_shuffle`, :func:`dataset_repeat`,
  :func:`dataset_prefetch`, :func:`dataset_take`, :func:`dataset_skip`, :func:`dataset_cache`,
  :func:`dataset_unbatch`, :func:`dataset_padded_batch`: the ``tf.data.Dataset`` methods, with
  whole numbers checked and made integers.
* :func:`dataset_collect` / :func:`as_array_iterator`: the elements as R arrays.

``fit()``, ``evaluate()`` and ``predict()`` take the datasets as they are. Importing this module
is cheap: TensorFlow loads on the first call.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error
from .args import as_whole, is_na

AUTOTUNE = -1  # tf.data.AUTOTUNE
_DATASET = "a TensorFlow dataset (tf.data.Dataset, e.g. from tensor_slices_dataset())"

# The host's conversion of an R formula (`~ .x * 2`) into a function (rlang's as_function()
# rules); installed by the R host, None elsewhere.
_FORMULA_HOOK: Callable[[Any], Any] | None = None


def set_formula_hook(hook: Callable[[Any], Any] | None) -> None:
    """Install (or, with None, remove) how an R formula becomes a function: the R host's hook."""
    global _FORMULA_HOOK
    _FORMULA_HOOK = hook


def _tf() -> ModuleType:
    from ._keras import keras

    keras()  # waits for the host's preload, which imports TensorFlow with Keras
    try:
        import tensorflow as tf
    except ImportError as err:  # pragma: no cover - TensorFlow is a dependency
        raise RKerasError(f"the tfdatasets functions need TensorFlow, which is not installed ({err})") \
            from err
    return tf


def _dataset(value: Any, fn: str, arg: str = "dataset") -> Any:
    tf = _tf()
    if not isinstance(value, tf.data.Dataset):
        raise arg_error(fn, arg, _DATASET, value)
    return value


def _count(value: Any, fn: str, arg: str, *, minimum: int, none: Any = "error") -> Any:
    """A whole number >= ``minimum`` (``-1``: all / indefinitely where ``minimum`` is -1)."""
    if value is None or (not isinstance(value, (list, tuple, np.ndarray)) and is_na(value)):
        if none == "error":
            raise arg_error(fn, arg, "a whole number", value)
        return none
    if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) == 1:
        value = np.asarray(value).reshape(-1)[0]
    expected = "a whole number" + (f" >= {minimum}" if minimum >= 0 else " (-1: all)")
    n = as_whole(value, fn=fn, arg=arg, expected=expected)
    if n < minimum:
        raise arg_error(fn, arg, expected, value)
    return n


def _flag(value: Any, fn: str, arg: str, *, none_ok: bool = False) -> Any:
    if value is None and none_ok:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise arg_error(fn, arg, "TRUE or FALSE" + (" (or NULL)" if none_ok else ""), value)


# ----------------------------------------------------------------------------- R values -> elements


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (numbers.Number, str, bytes, np.generic)) and not isinstance(value, np.ndarray)


def _vector(items: list[Any] | tuple[Any, ...]) -> np.ndarray:
    """An R atomic vector (a list of scalars here) as numpy, with R's types: doubles float64,
    integers int32, logicals bool, strings str."""
    if all(isinstance(v, (bool, np.bool_)) for v in items):
        return np.asarray(items, dtype=bool)
    if all(isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in items):
        return np.asarray(items, dtype=np.int32)
    if all(isinstance(v, (str, np.str_)) for v in items):
        return np.asarray(items, dtype=str)
    return np.asarray(items, dtype=np.float64)


def _element(value: Any, fn: str, arg: str) -> Any:
    """An R value as the structure tf.data takes: named list -> dict, unnamed list -> tuple, R vector
    -> a 1-d array, R array -> a C-ordered copy (same shape), scalars -> 0-d values, tensors as
    they are."""
    if value is None:
        raise arg_error(fn, arg, "an R array, vector, or a (named) list of them", value)
    if isinstance(value, dict):
        if not value:
            raise arg_error(fn, arg, "a non-empty named list", value)
        return {str(k): _element(v, fn, f"{arg}${k}") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if not value:
            raise arg_error(fn, arg, "a non-empty list or vector", value)
        if all(_is_scalar(v) for v in value):
            return _vector(value)
        return tuple(_element(v, fn, f"{arg}[[{i}]]") for i, v in enumerate(value, 1))
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "O":
            if all(isinstance(v, str) for v in value.reshape(-1).tolist()):
                return value.astype(str)
            raise arg_error(fn, arg, "an array of numbers, logicals or strings", value)
        return np.ascontiguousarray(value)
    if isinstance(value, (bool, np.bool_)):
        return np.asarray(value, dtype=bool)
    if isinstance(value, (int, np.integer)):
        return np.asarray(value, dtype=np.int32)
    if isinstance(value, (float, np.floating)):
        return np.asarray(value, dtype=np.float64)
    if isinstance(value, str):
        return np.asarray(value)
    if type(value).__module__.startswith("pandas"):
        columns = getattr(value, "columns", None)
        if columns is not None:  # a data.frame is a named list of its columns
            return {str(c): _element(np.asarray(value[c]), fn, f"{arg}${c}") for c in columns}
        return _element(np.asarray(value), fn, arg)
    return value  # a tensor, a ragged/sparse tensor: tf.data decides


def tensor_slices_dataset(tensors: Any) -> Any:
    """A dataset whose elements are the slices of `tensors` along their first dimension
    (tfdatasets's `tensor_slices_dataset()`, `tf.data.Dataset.from_tensor_slices()`).

    An R array's first dimension is the samples: a 100 x 3 matrix gives 100 elements, each a
    vector of 3. An unnamed list gives tuple elements (`list(x, y)` for `fit()`), a named list
    gives named elements (a dict); all components must have the same first dimension. R doubles
    stay float64 and R integers int32 (Keras casts the inputs of a model to its dtype).

    Args:
        tensors: An R array or vector, a tensor, or an (optionally named, possibly nested) list of
            them; a data frame is the named list of its columns.

    Returns:
        A dataset (a `tf.data.Dataset`).
    """
    tf = _tf()
    element = _element(tensors, "tensor_slices_dataset", "tensors")
    try:
        return tf.data.Dataset.from_tensor_slices(element)
    except (ValueError, TypeError, tf.errors.InvalidArgumentError) as err:
        raise RKerasError(f"cannot slice `tensors` along their first dimension: {err}",
                          fn="tensor_slices_dataset", arg="tensors") from err


def tensors_dataset(tensors: Any) -> Any:
    """A dataset with a single element, `tensors` (tfdatasets's `tensors_dataset()`,
    `tf.data.Dataset.from_tensors()`).

    Args:
        tensors: An R array or vector, a tensor, or an (optionally named, possibly nested) list of
            them; an unnamed list is a tuple element, a named list a dict element.

    Returns:
        A dataset (a `tf.data.Dataset`) of one element.
    """
    tf = _tf()
    element = _element(tensors, "tensors_dataset", "tensors")
    try:
        return tf.data.Dataset.from_tensors(element)
    except (ValueError, TypeError) as err:
        raise RKerasError(f"cannot make a tensor of `tensors`: {err}", fn="tensors_dataset",
                          arg="tensors") from err


# ----------------------------------------------------------------------------- dataset_map


def _result(value: Any, fn: str) -> Any:
    """What a map function returned, as tf.data wants it: an R list -> a tuple (a named list -> a
    dict), nested; an R vector (a list of numbers) -> a tensor; NULL is an error."""
    if value is None:
        raise RKerasError("the mapped function returned NULL; it must return a tensor or a list of "
                          "tensors", fn=fn, arg="map_func")
    if isinstance(value, dict):
        return {str(k): _result(v, fn) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if value and all(_is_scalar(v) for v in value):
            return _vector(value)
        return tuple(_result(v, fn) for v in value)
    return value


def _map_function(map_func: Any, fn: str, arg: str = "map_func") -> Callable[..., Any]:
    tf = _tf()
    if _FORMULA_HOOK is not None and not callable(map_func):
        converted = _FORMULA_HOOK(map_func)
        if converted is not None:
            map_func = converted
    if not callable(map_func):
        raise arg_error(fn, arg, "a function (or a formula such as ~ .x * 2)", map_func)

    @tf.autograph.experimental.do_not_convert  # an R function has no Python source to convert
    def mapped(*args: Any) -> Any:
        return _result(map_func(*args), fn)

    return mapped  # type: ignore[no-any-return]


def dataset_map(dataset: Any, map_func: Any, num_parallel_calls: Any = None) -> Any:
    """Apply a function to every element of a dataset (tfdatasets's `dataset_map()`).

    tf.data traces `map_func` into a graph once, when `dataset_map()` is called: the R function
    runs then, on symbolic tensors (use R's arithmetic and the `op_*` functions on them, not R
    functions that need values). A tuple element (from an unnamed list) comes as one argument
    per component (`function(x, y) list(x * 2, y)`); a dict element (from a named list) comes as
    one named list. Return a tensor, or a list of tensors (an unnamed list is a tuple element, a
    named list a dict element). A purrr-style formula is a function of `.x` (and `.y`, or
    `..1`, `..2`, ...): `~ .x / 255`.

    Args:
        dataset: A dataset.
        map_func: A function (or a formula), as described above.
        num_parallel_calls: The number of elements to process in parallel (`-1`: chosen by
            tf.data, `tf$data$AUTOTUNE`); NULL processes them one after another.

    Returns:
        A dataset.
    """
    fn = "dataset_map"
    ds = _dataset(dataset, fn)
    calls = None if num_parallel_calls is None else _count(num_parallel_calls, fn, "num_parallel_calls",
                                                           minimum=-1)
    if calls == 0:
        raise arg_error(fn, "num_parallel_calls", "a whole number >= 1, or -1 (AUTOTUNE)", num_parallel_calls)
    return ds.map(_map_function(map_func, fn), num_parallel_calls=calls)


# ----------------------------------------------------------------------------- the other methods


def dataset_batch(dataset: Any, batch_size: Any, drop_remainder: bool = False, num_parallel_calls: Any = None,
                  deterministic: Any = None) -> Any:
    """Combine consecutive elements of a dataset into batches (tfdatasets's `dataset_batch()`).

    Each component gets a new first dimension of `batch_size` (the last batch may be smaller
    unless `drop_remainder = TRUE`).

    Args:
        dataset: A dataset.
        batch_size: The number of consecutive elements in a batch (a whole number >= 1).
        drop_remainder: When TRUE, a last batch smaller than `batch_size` is left out.
        num_parallel_calls: The number of batches to compute in parallel (`-1`: AUTOTUNE); NULL
            computes them one after another.
        deterministic: With `num_parallel_calls`, whether the batches keep their order (NULL:
            TensorFlow's option, TRUE by default).

    Returns:
        A dataset.
    """
    fn = "dataset_batch"
    ds = _dataset(dataset, fn)
    size = _count(batch_size, fn, "batch_size", minimum=1)
    calls = None if num_parallel_calls is None else _count(num_parallel_calls, fn, "num_parallel_calls",
                                                           minimum=-1)
    return ds.batch(size, drop_remainder=_flag(drop_remainder, fn, "drop_remainder"),
                    num_parallel_calls=calls,
                    deterministic=_flag(deterministic, fn, "deterministic", none_ok=True))


def dataset_padded_batch(dataset: Any, batch_size: Any, padded_shapes: Any = None, padding_values: Any = None,
                         drop_remainder: bool = False, name: str | None = None) -> Any:
    """Combine consecutive elements of a dataset into batches, padding each component to a common
    shape (tfdatasets's `dataset_padded_batch()`).

    Args:
        dataset: A dataset.
        batch_size: The number of consecutive elements in a batch (a whole number >= 1).
        padded_shapes: The shape each component is padded to (NA or -1: the longest in the batch);
            a list of them for a tuple element, a named list for a dict element; NULL pads every
            dimension to the longest in the batch.
        padding_values: The value to pad with (a number, or a list of them as `padded_shapes`);
            NULL pads with 0 (the empty string for strings).
        drop_remainder: When TRUE, a last batch smaller than `batch_size` is left out.
        name: A name for the tf.data operation.

    Returns:
        A dataset.
    """
    fn = "dataset_padded_batch"
    ds = _dataset(dataset, fn)
    size = _count(batch_size, fn, "batch_size", minimum=1)
    shapes = None if padded_shapes is None else _padded_shapes(padded_shapes, fn)
    values = None if padding_values is None else _padding_values(padding_values, ds.element_spec)
    return ds.padded_batch(size, padded_shapes=shapes, padding_values=values,
                           drop_remainder=_flag(drop_remainder, fn, "drop_remainder"), name=name)


def _padded_shapes(value: Any, fn: str) -> Any:
    if isinstance(value, dict):
        return {str(k): _padded_shapes(v, fn) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and value and not all(_is_scalar(v) or v is None for v in value):
        return tuple(_padded_shapes(v, fn) for v in value)
    items = value if isinstance(value, (list, tuple)) else np.asarray(value).reshape(-1).tolist()
    dims = []
    for d in items:
        if d is None or is_na(d):
            dims.append(-1)
        else:
            dims.append(_count(d, fn, "padded_shapes", minimum=-1))
    return dims


def _padding_values(value: Any, spec: Any) -> Any:
    tf = _tf()
    if isinstance(value, dict):
        return {k: _padding_values(v, spec[k]) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and isinstance(spec, tuple):
        return tuple(_padding_values(v, s) for v, s in zip(value, spec, strict=False))
    dtype = getattr(spec, "dtype", None)
    return tf.constant(value, dtype=dtype)


def dataset_shuffle(dataset: Any, buffer_size: Any, seed: Any = None,
                    reshuffle_each_iteration: Any = None) -> Any:
    """Shuffle the elements of a dataset (tfdatasets's `dataset_shuffle()`).

    Elements are drawn at random from a buffer of the next `buffer_size` elements: a buffer at
    least as large as the dataset shuffles it uniformly. The same `seed` gives the same order.

    Args:
        dataset: A dataset.
        buffer_size: The number of elements to draw from (a whole number >= 1).
        seed: A whole number seeding the order (NULL: random, or from `set_random_seed()`).
        reshuffle_each_iteration: Whether each pass over the dataset (each epoch) has a new order
            (NULL: TensorFlow's default, TRUE).

    Returns:
        A dataset.
    """
    fn = "dataset_shuffle"
    ds = _dataset(dataset, fn)
    size = _count(buffer_size, fn, "buffer_size", minimum=1)
    seed_value = None if seed is None else _count(seed, fn, "seed", minimum=0)
    return ds.shuffle(size, seed=seed_value,
                      reshuffle_each_iteration=_flag(reshuffle_each_iteration, fn, "reshuffle_each_iteration",
                                                     none_ok=True))


def dataset_repeat(dataset: Any, count: Any = None) -> Any:
    """Repeat a dataset `count` times (tfdatasets's `dataset_repeat()`).

    Args:
        dataset: A dataset.
        count: How many times (a whole number >= 0); NULL or -1 repeats it indefinitely.

    Returns:
        A dataset.
    """
    fn = "dataset_repeat"
    ds = _dataset(dataset, fn)
    n = None if count is None else _count(count, fn, "count", minimum=-1)
    return ds.repeat(None if n == -1 else n)


def dataset_prefetch(dataset: Any, buffer_size: Any = AUTOTUNE) -> Any:
    """Prepare the next elements while the current ones are used (tfdatasets's
    `dataset_prefetch()`).

    Args:
        dataset: A dataset.
        buffer_size: The most elements prepared ahead (a whole number >= 1); -1 (the default,
            tfdatasets's `tf$data$AUTOTUNE`) or NULL lets tf.data choose.

    Returns:
        A dataset.
    """
    fn = "dataset_prefetch"
    ds = _dataset(dataset, fn)
    n = AUTOTUNE if buffer_size is None else _count(buffer_size, fn, "buffer_size", minimum=-1)
    if n == 0:
        raise arg_error(fn, "buffer_size", "a whole number >= 1, or -1 (AUTOTUNE)", buffer_size)
    return ds.prefetch(n)


def dataset_take(dataset: Any, count: Any) -> Any:
    """The first `count` elements of a dataset (tfdatasets's `dataset_take()`).

    Args:
        dataset: A dataset.
        count: How many elements (a whole number >= 0); -1, or more than the dataset has, takes
            them all.

    Returns:
        A dataset.
    """
    fn = "dataset_take"
    return _dataset(dataset, fn).take(_count(count, fn, "count", minimum=-1))


def dataset_skip(dataset: Any, count: Any) -> Any:
    """A dataset without its first `count` elements (tfdatasets's `dataset_skip()`).

    Args:
        dataset: A dataset.
        count: How many elements to leave out (a whole number >= 0); -1 leaves out all.

    Returns:
        A dataset.
    """
    fn = "dataset_skip"
    return _dataset(dataset, fn).skip(_count(count, fn, "count", minimum=-1))


def dataset_cache(dataset: Any, filename: Any = None) -> Any:
    """Keep the elements of a dataset once computed (tfdatasets's `dataset_cache()`): in memory, or
    in files under `filename`.

    Args:
        dataset: A dataset.
        filename: The path prefix of the cache files; NULL caches in memory.

    Returns:
        A dataset.
    """
    fn = "dataset_cache"
    ds = _dataset(dataset, fn)
    if filename is None:
        filename = ""
    if not isinstance(filename, str):
        raise arg_error(fn, "filename", "NULL or a file path (a character string)", filename)
    return ds.cache(filename)


def dataset_unbatch(dataset: Any, name: str | None = None) -> Any:
    """Split the batches of a dataset back into elements (tfdatasets's `dataset_unbatch()`).

    Args:
        dataset: A dataset.
        name: A name for the tf.data operation.

    Returns:
        A dataset.
    """
    return _dataset(dataset, "dataset_unbatch").unbatch(name=name)


# ----------------------------------------------------------------------------- elements as R arrays


def _numpy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _numpy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_numpy(v) for v in value]
    if isinstance(value, bytes):  # strings come as bytes
        return value.decode()
    array = np.asarray(value)
    if array.dtype.kind == "S":
        array = np.char.decode(array, "utf-8")
    elif array.dtype.kind == "O":
        array = np.vectorize(lambda b: b.decode() if isinstance(b, bytes) else b, otypes=[object])(array)
    return array[()] if array.ndim == 0 else array


def as_array_iterator(x: Any) -> Iterator[Any]:
    """An iterator over a dataset whose elements are R arrays (tfdatasets's `as_array_iterator()`):
    use it with `iter_next()` or `iterate()`.

    Args:
        x: A dataset.

    Returns:
        An iterator (in R, a handle): each element an R array, or a list of them.
    """
    ds = _dataset(x, "as_array_iterator", "x")
    return (_numpy(element) for element in ds.as_numpy_iterator())


def dataset_collect(dataset: Any, iter_max: Any = math.inf) -> list[Any]:
    """All the elements of a dataset, as R arrays (tfdatasets's `dataset_collect()`).

    Args:
        dataset: A dataset (a finite one, or give `iter_max`).
        iter_max: The most elements to collect (Inf: all).

    Returns:
        A list with one entry per element: an R array, or a list of them.
    """
    fn = "dataset_collect"
    ds = _dataset(dataset, fn)
    limit: int | None = None
    if not (isinstance(iter_max, float) and math.isinf(iter_max) and iter_max > 0):
        limit = _count(iter_max, fn, "iter_max", minimum=0)
    elif int(ds.cardinality()) == -1:  # tf.data.INFINITE_CARDINALITY
        raise arg_error(fn, "iter_max", "a whole number for an infinite dataset (dataset_repeat())", iter_max)
    out = []
    for i, element in enumerate(ds.as_numpy_iterator()):
        if limit is not None and i >= limit:
            break
        out.append(_numpy(element))
    return out
