"""keras3's ``op_*`` functions whose R semantics need code beyond converters.

Most ``op_*`` rows target ``keras.ops`` directly (:mod:`rkeras.spec.ops`); these
are the few where keras3's R function does more than convert its arguments:

* ``op_arange``: R's ``seq`` style (``op_arange(n)`` is ``1..n``, the end included);
* ``op_shape``: the shape as a :class:`~rkeras.api.tensors.Shape` (keras3's ``keras_shape`` in R,
  ``NA`` for an unknown dimension);
* ``op_hstack`` / ``op_vstack``: the tensors as a list and/or further arguments;
* ``op_map`` / ``op_vectorized_map``: keras3's argument order (data first, then the function);
* ``op_nonzero``: 1-based indices as one matrix (one row per non-zero element);
* ``op_average``: an error instead of Keras's silent wrong answer for weights of another
  shape without ``axis``;
* ``op_custom_gradient``: a plain function (R gets an R function; TensorFlow's decorator object
  would be an opaque handle);
* ``op_vectorize``: keras3's ``func`` and ``...``.

Importing this module imports neither TensorFlow nor Keras.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

from ..errors import RKerasError
from ._keras import keras
from .args import MISSING
from .tensors import Shape


def _is_number(value: Any) -> bool:
    return isinstance(value, (bool, numbers.Number))


def _as_tensors(xs: Any, more: tuple[Any, ...]) -> list[Any]:
    """keras3's ``c(xs, list(...))``: ``xs`` is one tensor or a list of them (an R vector, a list of
    numbers, is one tensor); vectors become arrays."""
    import numpy as np

    if isinstance(xs, (list, tuple)) and not all(_is_number(v) for v in xs):
        items = [*xs, *more]
    else:
        items = [xs, *more]
    return [np.asarray(v) if isinstance(v, (list, tuple)) and all(_is_number(e) for e in v) else v
            for v in items]


def op_arange(start: Any, end: Any = MISSING, step: Any = 1, dtype: Any = None,
              include_end: bool = True) -> Any:
    """Evenly spaced values from `start` to `end`, R's `seq()` style.

    `op_arange(n)` is `1, 2, ..., n`; `op_arange(start, end)` and `op_arange(start, end, step)` run from
    `start` to `end` with the end included unless `include_end = FALSE` (then it is Keras's
    `arange(start, end, step)`). Integer arguments give an integer tensor and doubles a float one
    (R's `3L` and `3`); `dtype` chooses it, and an integer `dtype` makes whole doubles integers.

    Args:
        start: the first value; with `end` missing, the last one (the sequence starts at 1).
        end: the last value (included unless `include_end = FALSE`).
        step: the spacing between values (1).
        dtype: the tensor's dtype; NULL infers it from the arguments.
        include_end: whether `end` belongs to the sequence.

    Returns:
        A 1-d tensor.
    """
    k = keras()
    if end is MISSING or end is None:
        end = start
        start = 1.0 if isinstance(end, float) else 1
    if dtype is not None and k.backend.is_int_dtype(dtype):
        start, end = (int(v) if isinstance(v, float) and v.is_integer() else v for v in (start, end))
    if include_end:
        end = end + step
    return k.ops.arange(start, end, step, dtype=dtype)


def op_shape(x: Any) -> Shape:
    """The shape of a tensor (or array).

    Args:
        x: a tensor, variable or array.

    Returns:
        The dimensions as a `keras_shape` (see `shape()`), `NA` for a dimension unknown before the
        model runs (e.g. the batch dimension of `keras_input(shape = 3)`); in Python a `Shape` tuple
        with None there. A dimension that is only known when a compiled function runs stays a tensor.
    """
    return Shape(keras().ops.shape(x))


def op_hstack(xs: Any, *args: Any) -> Any:
    """Stack tensors in sequence horizontally (column wise): concatenation along the first axis for
    1-d tensors, along the second for all others.

    Args:
        xs: a tensor, or a list of tensors.
        *args: more tensors.

    Returns:
        The stacked tensor.
    """
    return keras().ops.hstack(_as_tensors(xs, args))


def op_vstack(xs: Any, *args: Any) -> Any:
    """Stack tensors in sequence vertically (row wise): along the first axis, 1-d tensors as rows.

    Args:
        xs: a tensor, or a list of tensors.
        *args: more tensors.

    Returns:
        The stacked tensor.
    """
    return keras().ops.vstack(_as_tensors(xs, args))


def op_map(xs: Any, f: Callable[..., Any]) -> Any:
    """Map a function over the leading axis of `xs` (or of each tensor in a list of them), stacking the
    results: like `lapply()` over `op_unstack(xs)`, then `op_stack()`.

    Args:
        xs: a tensor, or a (nested) list of tensors with the same leading dimension.
        f: a function of one slice (an R function from R, any callable from Python).

    Returns:
        The stacked results (the structure `f` returns).
    """
    return keras().ops.map(_tensor_results(f), xs)


def _tensor_results(f: Callable[..., Any]) -> Callable[..., Any]:
    """``f`` whose numbers in the result are tensors: an R function gets a scalar tensor as an R
    number and gives back a number, where TensorFlow's ``map_fn`` wants tensors."""

    def tensors(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return type(value)(tensors(v) for v in value)
        if isinstance(value, dict):
            return {k: tensors(v) for k, v in value.items()}
        return keras().ops.convert_to_tensor(value) if _is_number(value) else value

    def call(*args: Any) -> Any:
        return tensors(f(*args))

    return call


def op_vectorized_map(elements: Any, f: Callable[..., Any]) -> Any:
    """Parallel map of `f` over the first axis of `elements` (a tensor, or a list of tensors iterated
    together). `f` may be traced: it can be called once, with symbolic tensors.

    Args:
        elements: a tensor or a list of tensors.
        f: a function of one slice (or of a list of slices).

    Returns:
        The stacked results of `f`.
    """
    return keras().ops.vectorized_map(f, elements)


def op_nonzero(x: Any) -> Any:
    """The 1-based indices of the non-zero elements of `x`.

    Args:
        x: a tensor.

    Returns:
        An integer tensor with one row per non-zero element and one column per axis of `x` (a
        matrix that indexes `x` as R's `which(x != 0, arr.ind = TRUE)` does).
    """
    ops = keras().ops
    return ops.stack([ops.add(i, 1) for i in ops.nonzero(x)], axis=-1)


def op_average(x: Any, axis: Any = None, weights: Any = None) -> Any:
    """The weighted average of `x`, along `axis` (1-based) or over all elements.

    Args:
        x: a tensor.
        axis: the axis to average over; NULL averages all elements.
        weights: a tensor of weights, the shape of `x` or 1-d along `axis` (NULL: equal weights).
            With weights of another shape than `x`, `axis` is required (Keras would return a wrong
            number).

    Returns:
        The average.
    """
    ops = keras().ops
    if weights is not None and axis is None and tuple(ops.shape(weights)) != tuple(ops.shape(x)):
        raise RKerasError("`axis` must be given when `weights` and `x` have different shapes "
                          f"({tuple(ops.shape(weights))} and {tuple(ops.shape(x))})", fn="op_average",
                          arg="axis")
    return ops.average(x, axis=axis, weights=weights)


def op_custom_gradient(f: Callable[..., Any]) -> Callable[..., Any]:
    """A function with a custom gradient: `f(...)` returns `list(output, grad_fn)`, where
    `grad_fn(..., upstream = NULL)` returns the gradients of `output` with respect to the
    arguments (with the TensorFlow and JAX backends it gets the upstream gradient as its only
    argument; with PyTorch as `upstream`).

    Args:
        f: the function (an R function from R, any callable from Python).

    Returns:
        A function computing `f(...)[[1]]` whose gradient is `grad_fn` (an R function in R).
    """
    decorated = keras().ops.custom_gradient(f)

    def with_custom_gradient(*args: Any, **kwargs: Any) -> Any:
        return decorated(*args, **kwargs)

    return with_custom_gradient


def op_vectorize(func: Callable[..., Any], *args: Any, excluded: Any = None, signature: Any = None) -> Any:
    """Turn a function of tensors into one that maps over the leading axis of its arguments (NumPy's
    `vectorize`).

    Args:
        func: the function (an R function from R, any callable from Python).
        *args: passed on to Keras (for later Keras arguments).
        excluded: positions of arguments passed to `func` unchanged (not vectorized).
        signature: a generalized universal function signature, e.g. `"(m,n),(n)->(m)"`.

    Returns:
        The vectorized function.
    """
    return keras().ops.vectorize(func, *args, excluded=excluded, signature=signature)
