"""keras 2.x's ``k_*`` backend functions where Keras 3 needs code to give their meaning.

keras 2.x's R ``k_*`` functions called ``keras.backend`` (TensorFlow's ``tf.keras.backend``).
Keras 3 moved the tensor functions to ``keras.ops``; most ``k_*`` rows (:mod:`rkeras.spec.keras2_backend`)
target those directly. The functions here are the rest: the old backend's semantics rebuilt on
``keras.ops``, ``keras.random`` and ``keras.Variable`` (variables made by ``k_variable()``,
``k_zeros()``, ``k_ones()``, ``k_eye()`` and the ``k_random_*_variable()`` functions are
``keras.Variable`` objects; ``k_eval()`` and ``k_get_value()`` give their values as arrays).

The spec rows declare the converters: an ``axis`` is 1-based (R's count, ``as_axis``: so is
``k_gather()``'s ``indices``), whole numbers become ints, a shape may hold ``NA``. Class labels
(``k_one_hot()``, ``k_in_top_k()``, the CTC labels) and returned indices (``k_argmax()``) are
0-based, as in keras 2.x. Defaults that are axes are 0-based here (the converter has already
run when they apply). Importing this module imports neither Keras nor TensorFlow.
"""

from __future__ import annotations

import collections
import math
import numbers
import sys
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error
from ._keras import keras as _keras


def _ops() -> Any:
    return _keras().ops


def _floatx() -> str:
    return str(_keras().config.floatx())


def _tensor(x: Any, dtype: Any = None) -> Any:
    return _ops().convert_to_tensor(x, dtype=dtype)


def _shape(x: Any) -> tuple[Any, ...]:
    shape = getattr(x, "shape", None)
    if shape is None:
        shape = np.shape(x)
    return tuple(None if d is None else int(d) if isinstance(d, numbers.Integral) else d for d in shape)


def _data_format(fn: str, data_format: Any) -> str:
    value = data_format or _keras().config.image_data_format()
    if value not in ("channels_last", "channels_first"):
        raise arg_error(fn, "data_format", '"channels_last" or "channels_first" (or NULL)', data_format)
    return str(value)


def _pair(fn: str, arg: str, value: Any, n: int) -> tuple[int, ...]:
    """A whole number or ``n`` of them (strides, kernel sizes, factors)."""
    items = list(value) if isinstance(value, (list, tuple, np.ndarray)) else [value] * n
    if len(items) != n or not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in items):
        raise arg_error(fn, arg, f"a whole number or {n} of them", value)
    return tuple(int(v) for v in items)


def _variable_of(fn: str, x: Any) -> Any:
    if not hasattr(x, "assign"):
        raise arg_error(fn, "x", "a variable (from k_variable(), k_zeros(), a layer's weights, ...)", x)
    return x


# --------------------------------------------------------------------------- values and variables


def k_eval(x: Any) -> Any:
    """The value of a tensor or variable, as an array (keras 2.x ``k_eval()``).

    Args:
        x: A tensor or variable.

    Returns:
        An array (an R array in R).
    """
    return _ops().convert_to_numpy(x)


def k_get_value(x: Any) -> Any:
    """The value of a variable, as an array.

    Args:
        x: A variable (or tensor).

    Returns:
        An array (an R array in R).
    """
    return _ops().convert_to_numpy(x)


def k_batch_get_value(ops: Any) -> list[Any]:
    """The values of several variables (or tensors), as a list of arrays.

    Args:
        ops: A list of variables or tensors.

    Returns:
        A list of arrays.
    """
    items = ops if isinstance(ops, (list, tuple)) else [ops]
    return [_ops().convert_to_numpy(v) for v in items]


def k_set_value(x: Any, value: Any) -> None:
    """Sets the value of a variable from an array.

    Args:
        x: The variable to set.
        value: The value, an array of the variable's shape.
    """
    var = _variable_of("k_set_value", x)
    var.assign(np.asarray(_ops().convert_to_numpy(value) if _ops().is_tensor(value) else value,
                          dtype=_keras().backend.standardize_dtype(var.dtype)))


def k_batch_set_value(lists: Any) -> None:
    """Sets the values of several variables at once.

    Args:
        lists: A list of pairs: `list(list(variable, value), ...)`.
    """
    if not isinstance(lists, (list, tuple)):
        raise arg_error("k_batch_set_value", "lists", "a list of list(variable, value) pairs", lists)
    for pair in lists:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise arg_error("k_batch_set_value", "lists", "a list of list(variable, value) pairs", pair)
        k_set_value(pair[0], pair[1])


def k_update(x: Any, new_x: Any) -> Any:
    """Sets the value of variable `x` to `new_x`.

    Args:
        x: A variable.
        new_x: A tensor of the same shape.

    Returns:
        The variable, updated.
    """
    _variable_of("k_update", x).assign(new_x)
    return x


def k_update_add(x: Any, increment: Any) -> Any:
    """Adds `increment` to variable `x`.

    Args:
        x: A variable.
        increment: A tensor of the same shape.

    Returns:
        The variable, updated.
    """
    _variable_of("k_update_add", x).assign_add(increment)
    return x


def k_update_sub(x: Any, decrement: Any) -> Any:
    """Subtracts `decrement` from variable `x`.

    Args:
        x: A variable.
        decrement: A tensor of the same shape.

    Returns:
        The variable, updated.
    """
    _variable_of("k_update_sub", x).assign_sub(decrement)
    return x


def k_moving_average_update(x: Any, value: Any, momentum: Any) -> Any:
    """Updates a moving average: `x = x * momentum + value * (1 - momentum)`.

    Args:
        x: A variable.
        value: A tensor of the same shape.
        momentum: The moving average momentum.

    Returns:
        The variable, updated.
    """
    var = _variable_of("k_moving_average_update", x)
    ops = _ops()
    var.assign(ops.add(ops.multiply(var, momentum), ops.multiply(_tensor(value, var.dtype), 1.0 - momentum)))
    return x


def _new_variable(value: Any, dtype: Any, name: Any) -> Any:
    dtype = dtype or _floatx()
    arr = np.asarray(_ops().convert_to_numpy(value) if _ops().is_tensor(value) else value, dtype=dtype)
    return _keras().Variable(arr, dtype=dtype, name=name)


def k_variable(value: Any, dtype: Any = None, name: Any = None, constraint: Any = None) -> Any:
    """Instantiates a variable (a `keras.Variable`) holding `value`.

    Args:
        value: An array (or tensor) with the initial value.
        dtype: The variable's type; NULL means `k_floatx()`.
        name: An optional name.
        constraint: An optional projection function the optimizer applies after each update.

    Returns:
        A variable.
    """
    var = _new_variable(value, dtype, name)
    if constraint is not None:
        var.constraint = constraint
    return var


def k_constant(value: Any, dtype: Any = None, shape: Any = None, name: Any = None) -> Any:
    """Creates a constant tensor.

    Args:
        value: A number or an array. With `shape`, a single number fills the shape, and an array
            with as many elements is reshaped (in row-major order).
        dtype: The tensor's type; NULL means `k_floatx()`.
        shape: An optional shape.
        name: An optional name (not used by Keras 3).

    Returns:
        A tensor.
    """
    arr = np.asarray(value, dtype=dtype or _floatx())
    if shape is not None:
        shape = tuple(int(d) for d in shape)
        if arr.size == 1:
            arr = np.full(shape, arr.reshape(-1)[0], dtype=arr.dtype)
        elif arr.size == math.prod(shape):
            arr = arr.reshape(shape)
        else:
            raise arg_error("k_constant", "shape", f"a shape with {arr.size} elements (as `value` has)",
                            shape)
    return _tensor(arr)


def k_cast_to_floatx(x: Any) -> Any:
    """An array cast to `k_floatx()`.

    Args:
        x: An array.

    Returns:
        The array, as `k_floatx()` numbers.
    """
    return np.asarray(x, dtype=_floatx())


def k_zeros(shape: Any, dtype: Any = None, name: Any = None) -> Any:
    """Instantiates an all-zeros variable.

    Args:
        shape: The shape.
        dtype: The type; NULL means `k_floatx()`.
        name: An optional name.

    Returns:
        A variable.
    """
    return _new_variable(np.zeros(shape), dtype, name)


def k_ones(shape: Any, dtype: Any = None, name: Any = None) -> Any:
    """Instantiates an all-ones variable.

    Args:
        shape: The shape.
        dtype: The type; NULL means `k_floatx()`.
        name: An optional name.

    Returns:
        A variable.
    """
    return _new_variable(np.ones(shape), dtype, name)


def k_eye(size: Any, dtype: Any = None, name: Any = None) -> Any:
    """Instantiates an identity matrix as a variable.

    Args:
        size: The number of rows, or `c(rows, columns)`.
        dtype: The type; NULL means `k_floatx()`.
        name: An optional name.

    Returns:
        A variable.
    """
    n, m = (size, size) if isinstance(size, numbers.Integral) else _pair("k_eye", "size", size, 2)
    return _new_variable(np.eye(n, m), dtype, name)


def k_zeros_like(x: Any, dtype: Any = None, name: Any = None) -> Any:
    """A tensor of zeros with the shape of `x`.

    Args:
        x: A tensor.
        dtype: The type; NULL means the type of `x`.
        name: An optional name (not used by Keras 3).

    Returns:
        A tensor.
    """
    return _ops().zeros_like(x, dtype=dtype)


def k_ones_like(x: Any, dtype: Any = None, name: Any = None) -> Any:
    """A tensor of ones with the shape of `x`.

    Args:
        x: A tensor.
        dtype: The type; NULL means the type of `x`.
        name: An optional name (not used by Keras 3).

    Returns:
        A tensor.
    """
    return _ops().ones_like(x, dtype=dtype)


def k_random_normal_variable(shape: Any, mean: Any, scale: Any, dtype: Any = None, name: Any = None,
                             seed: Any = None) -> Any:
    """A variable filled with draws from a normal distribution.

    Args:
        shape: The shape.
        mean: The mean of the distribution.
        scale: Its standard deviation.
        dtype: The type; NULL means `k_floatx()`.
        name: An optional name.
        seed: An optional whole-number seed.

    Returns:
        A variable.
    """
    values = _keras().random.normal(shape, mean=mean, stddev=scale, dtype=dtype or _floatx(), seed=seed)
    return _new_variable(values, dtype, name)


def k_random_uniform_variable(shape: Any, low: Any, high: Any, dtype: Any = None, name: Any = None,
                              seed: Any = None) -> Any:
    """A variable filled with draws from a uniform distribution on `[low, high)`.

    Args:
        shape: The shape.
        low: The lower bound.
        high: The upper bound.
        dtype: The type; NULL means `k_floatx()`.
        name: An optional name.
        seed: An optional whole-number seed.

    Returns:
        A variable.
    """
    values = _keras().random.uniform(shape, minval=low, maxval=high, dtype=dtype or _floatx(), seed=seed)
    return _new_variable(values, dtype, name)


def k_random_binomial(shape: Any, p: Any = 0.0, dtype: Any = None, seed: Any = None) -> Any:
    """A tensor of 0s and 1s, each 1 with probability `p` (a Bernoulli draw per element).

    Args:
        shape: The shape.
        p: The probability of a 1.
        dtype: The type; NULL means `k_floatx()`.
        seed: An optional whole-number seed.

    Returns:
        A tensor.
    """
    dtype = dtype or _floatx()
    draws = _keras().random.uniform(shape, dtype=_floatx(), seed=seed)
    return _ops().cast(_ops().less(draws, p), dtype)


def k_count_params(x: Any) -> int:
    """The number of elements of a variable or tensor.

    Args:
        x: A variable or tensor.

    Returns:
        A whole number.
    """
    return int(math.prod(int(d) for d in _shape(x)))


def k_int_shape(x: Any) -> tuple[Any, ...]:
    """The shape of a tensor, variable or array, as whole numbers (NULL for an unknown size).

    Args:
        x: A tensor, variable or array.

    Returns:
        A list of whole numbers (NULL where unknown).
    """
    return _shape(x)


def k_get_variable_shape(x: Any) -> tuple[Any, ...]:
    """The shape of a variable, as whole numbers.

    Args:
        x: A variable.

    Returns:
        A list of whole numbers.
    """
    return _shape(x)


def k_shape(x: Any) -> Any:
    """The shape of a tensor as an integer tensor (symbolic sizes where unknown).

    Args:
        x: A tensor.

    Returns:
        An int32 tensor (a list for a symbolic input with unknown sizes).
    """
    dims = _ops().shape(x)
    if all(isinstance(d, numbers.Integral) for d in dims):
        return _tensor(np.asarray(dims, dtype="int32"))
    return dims


def k_is_placeholder(x: Any) -> bool:
    """Whether `x` is a placeholder: a symbolic input made by `k_placeholder()` or `layer_input()`.

    Args:
        x: Any object.

    Returns:
        TRUE or FALSE.
    """
    k = _keras()
    if not isinstance(x, k.KerasTensor):
        return False
    history = getattr(x, "_keras_history", None)
    return history is not None and isinstance(history.operation, k.layers.InputLayer)


def k_is_sparse(tensor: Any) -> bool:
    """Whether a tensor is sparse.

    Args:
        tensor: A tensor.

    Returns:
        TRUE or FALSE.
    """
    if isinstance(tensor, _keras().KerasTensor):
        return bool(tensor.sparse)
    return type(tensor).__name__ in ("SparseTensor", "BCOO")


def k_to_dense(tensor: Any) -> Any:
    """A sparse tensor as a dense one (a dense tensor is returned as it is).

    Args:
        tensor: A tensor, possibly sparse.

    Returns:
        A dense tensor.
    """
    if type(tensor).__name__ == "SparseTensor":
        import tensorflow as tf

        return tf.sparse.to_dense(tensor)
    if type(tensor).__name__ == "BCOO":
        return tensor.todense()
    return _tensor(tensor)


def k_placeholder(shape: Any = None, ndim: Any = None, dtype: Any = None, sparse: bool = False,
                  name: Any = None) -> Any:
    """A symbolic input tensor (Keras 3's `keras.Input()`; `shape` includes the batch size).

    Args:
        shape: The shape, batch size first (`NA` for an unknown size).
        ndim: The number of axes, when `shape` is NULL (every size unknown).
        dtype: The type; NULL means `k_floatx()`.
        sparse: Whether the placeholder is sparse.
        name: An optional name.

    Returns:
        A symbolic tensor.
    """
    if shape is None:
        if ndim is None:
            raise RKerasError("give `shape` or `ndim`", fn="k_placeholder", arg="shape")
        shape = (None,) * int(ndim)
    return _keras().Input(batch_shape=tuple(shape), dtype=dtype or _floatx(), sparse=bool(sparse), name=name)


def k_reset_uids() -> None:
    """Resets the counters behind `k_get_uid()` (and Keras's automatic names)."""
    from keras.src.backend.common import global_state

    global_state.set_global_attribute("object_name_uids", collections.defaultdict(int))


def k_clear_session() -> None:
    """Destroys the current Keras state and frees memory (Keras 3's `clear_session()`)."""
    _keras().backend.clear_session()


def k_print_tensor(x: Any, message: str = "") -> Any:
    """Prints `message` and the value of `x`, and returns `x`.

    Args:
        x: A tensor.
        message: Text printed before the value.

    Returns:
        `x`, unchanged.
    """
    value = _ops().convert_to_numpy(x)
    sys.stdout.write(f"{message}{value}\n")
    sys.stdout.flush()
    return x


def k_function(inputs: Any, outputs: Any, updates: Any = None, **kwargs: Any) -> Callable[[Any], Any]:
    """A function computing `outputs` from values of the symbolic `inputs` (a Keras 3 functional model).

    Args:
        inputs: A symbolic input, or a list of them (from `layer_input()`, `model$input`, ...).
        outputs: A symbolic output of those inputs, or a list of them.
        updates: Not supported by Keras 3 (variables are updated by the layers themselves).
        ...: Not supported.

    Returns:
        A function taking a list of input values (one per input) and returning the output values
        (a list when `outputs` is a list).
    """
    if updates:
        raise RKerasError("`updates` are not supported in Keras 3: layers update their own variables",
                          fn="k_function", arg="updates")
    if kwargs:
        raise RKerasError(f"unknown argument `{next(iter(kwargs))}`", fn="k_function", arg=next(iter(kwargs)))
    many_in = isinstance(inputs, (list, tuple))
    many_out = isinstance(outputs, (list, tuple))
    model = _keras().Model(list(inputs) if many_in else inputs, list(outputs) if many_out else outputs)
    convert = _ops().convert_to_numpy

    def function(values: Any) -> Any:
        values = list(values) if isinstance(values, (list, tuple)) else [values]
        out = model(values if many_in else values[0], training=False)
        if not many_out:
            return convert(out)
        return [convert(o) for o in (out if isinstance(out, (list, tuple)) else [out])]

    return function


# --------------------------------------------------------------------------- elementwise and shapes

def k_arange(start: Any, stop: Any = None, step: Any = 1, dtype: str = "int32") -> Any:
    """A 1-d tensor of a sequence of numbers, `start` up to (not including) `stop`.

    Args:
        start: The first value; alone, the sequence is `0` up to `start` (a negative `start`
            alone gives an empty sequence, as in keras 2.x).
        stop: The end (excluded), or NULL.
        step: The difference between successive values.
        dtype: The type of the result.

    Returns:
        A 1-d tensor.
    """
    if stop is None and start < 0:
        start = 0
    return _ops().cast(_ops().arange(start, stop, step, dtype="float64"), dtype)


def k_clip(x: Any, min_value: Any = None, max_value: Any = None) -> Any:
    """Element-wise clipping of `x` to `[min_value, max_value]`.

    Args:
        x: A tensor.
        min_value: The lower bound (NULL: none).
        max_value: The upper bound (NULL: none; one below `min_value` is raised to it).

    Returns:
        A tensor.
    """
    low = -np.inf if min_value is None else min_value
    high = np.inf if max_value is None else max_value
    if isinstance(low, numbers.Real) and isinstance(high, numbers.Real) and high < low:
        high = low
    return _ops().clip(x, low, high)


def k_hard_sigmoid(x: Any) -> Any:
    """keras 2.x's hard sigmoid: `0.2 * x + 0.5`, clipped to `[0, 1]` (Keras 3's
    `activation_hard_sigmoid()` has slope 1/6).

    Args:
        x: A tensor.

    Returns:
        A tensor.
    """
    ops = _ops()
    return ops.clip(ops.add(ops.multiply(_tensor(x), 0.2), 0.5), 0.0, 1.0)


def k_identity(x: Any, name: Any = None) -> Any:
    """A tensor with the same content as `x`.

    Args:
        x: A tensor.
        name: An optional name (not used by Keras 3).

    Returns:
        A tensor.
    """
    return _ops().copy(x)


def k_l2_normalize(x: Any, axis: Any = None) -> Any:
    """`x` divided by its L2 norm along `axis` (over every element when NULL).

    Args:
        x: A tensor.
        axis: The axis (1-based) or axes to normalise along; NULL for all.

    Returns:
        A tensor.
    """
    ops = _ops()
    x = _tensor(x)
    squares = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return ops.multiply(x, ops.rsqrt(ops.maximum(squares, 1e-12)))


def k_flatten(x: Any) -> Any:
    """`x` as a 1-d tensor.

    Args:
        x: A tensor.

    Returns:
        A 1-d tensor.
    """
    return _ops().reshape(x, (-1,))


def k_batch_flatten(x: Any) -> Any:
    """`x` as a 2-d tensor: the batch axis, then everything else flattened.

    Args:
        x: A tensor of at least 2 axes.

    Returns:
        A 2-d tensor.
    """
    rest = _shape(x)[1:]
    if all(isinstance(d, int) for d in rest):
        return _ops().reshape(x, (-1, math.prod(rest)))  # type: ignore[arg-type]
    return _ops().reshape(x, (_ops().shape(x)[0], -1))


def k_gather(reference: Any, indices: Any) -> Any:
    """The elements (slices along the first axis) of `reference` at `indices`.

    Args:
        reference: A tensor.
        indices: 1-based indices (a number or a vector), as in keras 2.x.

    Returns:
        A tensor.
    """
    return _ops().take(reference, indices, axis=0)


def k_repeat(x: Any, n: Any) -> Any:
    """Repeats a 2-d tensor `n` times along a new second axis: `(samples, dim)` becomes
    `(samples, n, dim)`.

    Args:
        x: A 2-d tensor.
        n: The number of repetitions.

    Returns:
        A 3-d tensor.
    """
    if len(_shape(x)) != 2:
        raise arg_error("k_repeat", "x", "a 2-d tensor (samples, dim)", x)
    return _ops().repeat(_ops().expand_dims(x, 1), n, axis=1)


def k_stop_gradient(variables: Any) -> Any:
    """`variables` with no gradient flowing back through them (a tensor or a list of them).

    Args:
        variables: A tensor or a list of tensors.

    Returns:
        The same, with gradients stopped.
    """
    if isinstance(variables, (list, tuple)):
        return [_ops().stop_gradient(v) for v in variables]
    return _ops().stop_gradient(variables)


def k_unstack(x: Any, axis: Any = 0, num: Any = None, name: Any = None) -> list[Any]:
    """The slices of `x` along `axis` (1-based), as a list of tensors.

    Args:
        x: A tensor.
        axis: The axis to unstack along (1 is the first).
        num: The number of slices (NULL: from the shape).
        name: An optional name (not used by Keras 3).

    Returns:
        A list of tensors.
    """
    return list(_ops().unstack(x, num=num, axis=axis))


def _cond_like(condition: Any, expression: Any) -> Any:
    """``condition`` with trailing axes of size 1 added up to ``expression``'s number of axes."""
    ops = _ops()
    cond = _tensor(condition, "bool")
    missing = len(_shape(expression)) - len(_shape(cond))
    if missing > 0:
        cond = ops.reshape(cond, (*[ops.shape(cond)[i] for i in range(len(_shape(cond)))], *(1,) * missing))
    return cond


def k_switch(condition: Any, then_expression: Any, else_expression: Any) -> Any:
    """`then_expression` where `condition` holds, else `else_expression`.

    A scalar condition chooses one whole expression; a tensor condition chooses element-wise (with
    fewer axes than the expressions, it applies to their leading axes). The expressions may be
    functions of no arguments, called when needed.

    Args:
        condition: TRUE/FALSE, or a boolean tensor.
        then_expression: A tensor, or a function returning one.
        else_expression: A tensor, or a function returning one.

    Returns:
        A tensor.
    """
    if isinstance(condition, (bool, np.bool_, numbers.Number)):
        chosen = then_expression if condition else else_expression
        return chosen() if callable(chosen) else chosen
    then = then_expression() if callable(then_expression) else then_expression
    other = else_expression() if callable(else_expression) else else_expression
    then, other = _tensor(then), _tensor(other)
    return _ops().where(_cond_like(condition, then), then, other)


def k_in_train_phase(x: Any, alt: Any, training: Any = None) -> Any:
    """`x` in the training phase, `alt` otherwise.

    Keras 3 has no global learning phase: with `training` NULL (the default) this is the
    inference phase (keras 2.x's default outside `fit()`), so `alt` is returned.

    Args:
        x: What to return in the training phase (a tensor or a function of no arguments).
        alt: What to return otherwise (a tensor or a function of no arguments).
        training: TRUE/FALSE, a boolean tensor, or NULL (inference).

    Returns:
        `x` or `alt`.
    """
    return k_switch(bool(training) if training is None or isinstance(training, (bool, numbers.Number))
                    else training, x, alt)


def k_in_test_phase(x: Any, alt: Any, training: Any = None) -> Any:
    """`x` in the test (inference) phase, `alt` in the training phase.

    Args:
        x: What to return at inference (a tensor or a function of no arguments).
        alt: What to return in training (a tensor or a function of no arguments).
        training: TRUE/FALSE, a boolean tensor, or NULL (inference).

    Returns:
        `x` or `alt`.
    """
    return k_in_train_phase(alt, x, training)


# --------------------------------------------------------------------------- linear algebra, nn


def k_batch_dot(x: Any, y: Any, axes: Any) -> Any:
    """Batch-wise dot product: for each sample, `x[i]` and `y[i]` contracted over `axes`.

    Args:
        x: A tensor of at least 2 axes (the first is the batch).
        y: A tensor of at least 2 axes, the same batch size.
        axes: The axis (1-based, counting the batch axis) of `x` and of `y` to contract: one
            number for both, or two. NULL: the last axis of `x` and the second-to-last of `y`
            (the last when `y` has 2 axes).

    Returns:
        A tensor of `x`'s other axes then `y`'s; a result with only the batch axis gets a second
        axis of size 1, as in keras 2.x.
    """
    ops = _ops()
    x, y = _tensor(x), _tensor(y)
    nx, ny = len(_shape(x)), len(_shape(y))
    if nx < 2 or ny < 2:
        raise RKerasError("`x` and `y` need at least 2 axes (the batch axis and another)", fn="k_batch_dot")
    if axes is None:
        ax, ay = nx - 1, ny - 1 if ny == 2 else ny - 2
    elif isinstance(axes, (list, tuple)):
        if len(axes) != 2:
            raise arg_error("k_batch_dot", "axes", "one axis or two (for x and y)", axes)
        ax, ay = axes
    else:
        ax = ay = axes
    ax, ay = ax % nx, ay % ny
    if ax == 0 or ay == 0:
        raise arg_error("k_batch_dot", "axes", "axes other than the batch axis (1)", axes)
    letters = "bcdefghijklmnopqrstuvwxyz"
    xs = ["a"] + [letters[i] for i in range(nx - 1)]
    ys = ["a"] + [letters[nx - 1 + i] for i in range(ny - 1)]
    ys[ay] = xs[ax]
    out = [c for i, c in enumerate(xs) if i != ax] + [c for i, c in enumerate(ys) if i not in (0, ay)]
    result = ops.einsum(f"{''.join(xs)},{''.join(ys)}->{''.join(out)}", x, y)
    if len(out) == 1:
        result = ops.expand_dims(result, 1)
    return result


def k_bias_add(x: Any, bias: Any, data_format: Any = None) -> Any:
    """Adds a bias vector (or tensor) to `x`, on the channels axis given by `data_format`.

    Args:
        x: A tensor.
        bias: A 1-d tensor of the number of channels, or a tensor with one axis fewer than `x`.
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).

    Returns:
        A tensor.
    """
    ops = _ops()
    fmt = _data_format("k_bias_add", data_format)
    x, bias = _tensor(x), _tensor(bias)
    nd, bshape = len(_shape(x)), _shape(bias)
    if len(bshape) not in (1, nd - 1):
        raise arg_error("k_bias_add", "bias", f"a tensor of 1 or {nd - 1} axes (x has {nd})", bias)
    if fmt == "channels_first":
        if len(bshape) == 1:
            bias = ops.reshape(bias, (1, bshape[0]) + (1,) * (nd - 2))
        else:
            bias = ops.reshape(bias, (1, bshape[-1]) + bshape[:-1])
    else:
        bias = ops.reshape(bias, (1,) * (nd - len(bshape)) + bshape)
    return _add(x, bias)


def _add(x: Any, y: Any) -> Any:
    """``x + y`` with ``y`` broadcast to ``x``'s shape first: Keras 3.15's TensorFlow ``ops.add``
    takes a ``y`` of one non-1 axis for a bias and adds it on the last axis when that axis has
    the same size as the second (``(1, 2, 2, 2) + (1, 2, 1, 1)`` goes wrong)."""
    return _ops().add(x, _ops().broadcast_to(y, _ops().shape(x)))


def k_normalize_batch_in_training(x: Any, gamma: Any, beta: Any, reduction_axes: Any,
                                  epsilon: float = 0.001) -> list[Any]:
    """Batch normalisation of `x` with the batch's own mean and variance over `reduction_axes`.

    Args:
        x: A tensor.
        gamma: The scale (over the axes not reduced), or NULL.
        beta: The offset, or NULL.
        reduction_axes: The axes to reduce, 0-based as in keras 2.x (e.g. `c(0, 1, 2)` for
            images with channels last).
        epsilon: Added to the variance.

    Returns:
        A list: the normalised tensor, the mean and the variance.
    """
    ops = _ops()
    x = _tensor(x)
    nd = len(_shape(x))
    axes = tuple(int(a) % nd for a in (reduction_axes if isinstance(reduction_axes, (list, tuple))
                                        else [reduction_axes]))
    mean, var = ops.moments(x, axes)
    kept = tuple(ops.shape(x)[i] if i not in axes else 1 for i in range(nd))

    def broadcast(t: Any) -> Any:
        return ops.broadcast_to(ops.reshape(_tensor(t, x.dtype), kept), ops.shape(x))

    normed = ops.multiply(ops.subtract(x, broadcast(mean)), ops.rsqrt(ops.add(broadcast(var), epsilon)))
    if gamma is not None:
        normed = ops.multiply(normed, broadcast(gamma))
    if beta is not None:
        normed = ops.add(normed, broadcast(beta))
    return [normed, mean, var]


def k_batch_normalization(x: Any, mean: Any, var: Any, beta: Any, gamma: Any, axis: Any = -1,
                          epsilon: float = 0.001) -> Any:
    """Batch normalisation with the given statistics: `(x - mean) / sqrt(var + epsilon) * gamma + beta`.

    Args:
        x: A tensor.
        mean: The mean (over the features axis).
        var: The variance.
        beta: The offset, or NULL.
        gamma: The scale, or NULL.
        axis: The features axis (1-based; -1: the last).
        epsilon: Added to the variance.

    Returns:
        A tensor.
    """
    return _ops().batch_normalization(x, mean, var, axis=axis, offset=beta, scale=gamma, epsilon=epsilon)


def k_in_top_k(predictions: Any, targets: Any, k: Any) -> Any:
    """Whether each target is among the `k` largest predictions of its row.

    Args:
        predictions: A `(samples, classes)` tensor.
        targets: The `samples` target classes, 0-based as in keras 2.x.
        k: How many of the largest predictions count.

    Returns:
        A boolean tensor of `samples` values.
    """
    return _ops().in_top_k(targets, predictions, k)


def _ctc_inputs(y_pred: Any) -> tuple[Any, int]:
    ops = _ops()
    y_pred = _tensor(y_pred)
    num_classes = int(_shape(y_pred)[-1])
    return ops.log(ops.add(y_pred, _keras().config.epsilon())), num_classes


def k_ctc_batch_cost(y_true: Any, y_pred: Any, input_length: Any, label_length: Any) -> Any:
    """The CTC loss of each sample (keras 2.x: `y_pred` are softmax probabilities, the blank is
    the last class).

    Args:
        y_true: The labels, `(samples, max_label_length)`, 0-based classes.
        y_pred: The predictions, `(samples, time_steps, num_categories)`, softmax outputs.
        input_length: `(samples, 1)`: the length of each sequence in `y_pred`.
        label_length: `(samples, 1)`: the length of each label sequence in `y_true`.

    Returns:
        A `(samples, 1)` tensor of losses.
    """
    ops = _ops()
    logits, num_classes = _ctc_inputs(y_pred)
    lengths = [ops.reshape(ops.cast(_tensor(v), "int32"), (-1,)) for v in (label_length, input_length)]
    loss = ops.ctc_loss(ops.cast(_tensor(y_true), "int32"), logits, lengths[0], lengths[1],
                        mask_index=num_classes - 1)
    return ops.expand_dims(loss, 1)


def k_ctc_decode(y_pred: Any, input_length: Any, greedy: bool = True, beam_width: Any = 100,
                 top_paths: Any = 1) -> list[Any]:
    """Decodes a softmax output with CTC: best path (greedy) or beam search (keras 2.x: the blank
    is the last class).

    Args:
        y_pred: The predictions, `(samples, time_steps, num_categories)`, softmax outputs.
        input_length: The length of each sequence, `(samples)`.
        greedy: Best path (TRUE) or beam search (FALSE).
        beam_width: The beam width (beam search).
        top_paths: The number of paths to return (beam search).

    Returns:
        A list: a list of `top_paths` decoded sequences, each `(samples, decoded_length)` with
        0-based classes and -1 as padding, and the log probabilities.
    """
    ops = _ops()
    logits, num_classes = _ctc_inputs(y_pred)
    decoded, log_prob = ops.ctc_decode(
        logits, ops.reshape(ops.cast(_tensor(input_length), "int32"), (-1,)),
        strategy="greedy" if greedy else "beam_search", beam_width=beam_width, top_paths=top_paths,
        mask_index=num_classes - 1,
    )
    paths = []
    for path in np.asarray(ops.convert_to_numpy(decoded)):
        used = np.nonzero((path != -1).any(axis=0))[0]
        width = int(used.max()) + 1 if used.size else 0
        paths.append(_tensor(path[:, :width].astype("int64")))
    return [paths, log_prob]


def k_ctc_label_dense_to_sparse(labels: Any, label_lengths: Any) -> Any:
    """Dense CTC labels as a sparse tensor (TensorFlow backend: a `tf.SparseTensor`).

    Args:
        labels: The dense labels, `(samples, max_label_length)`.
        label_lengths: The length of each label sequence, `(samples)`.

    Returns:
        A sparse tensor holding the first `label_lengths[i]` labels of each row.
    """
    if _keras().config.backend() != "tensorflow":
        raise RKerasError("sparse tensors need the TensorFlow backend", fn="k_ctc_label_dense_to_sparse")
    import tensorflow as tf

    labels = tf.convert_to_tensor(labels)
    lengths = tf.reshape(tf.cast(tf.convert_to_tensor(label_lengths), "int64"), (-1,))
    mask = tf.range(tf.shape(labels, out_type="int64")[1])[None, :] < lengths[:, None]
    indices = tf.where(mask)
    return tf.SparseTensor(indices, tf.gather_nd(labels, indices), tf.shape(labels, out_type="int64"))


# --------------------------------------------------------------------------- convolutions, pooling


def _spatial_axes(fmt: str, n: int) -> list[int]:
    return list(range(1, n + 1)) if fmt == "channels_last" else list(range(2, n + 2))


def k_conv1d(x: Any, kernel: Any, strides: Any = 1, padding: str = "valid", data_format: Any = None,
             dilation_rate: Any = 1) -> Any:
    """1-d convolution.

    Args:
        x: A tensor `(samples, steps, channels)` (channels first: `(samples, channels, steps)`).
        kernel: The kernel, `(width, in_channels, out_channels)`.
        strides: The stride.
        padding: "valid", "same" or "causal" (left-padded so that no output sees the future).
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).
        dilation_rate: The dilation rate.

    Returns:
        A tensor.
    """
    ops = _ops()
    fmt = _data_format("k_conv1d", data_format)
    if padding == "causal":
        width = int(_shape(kernel)[0])
        dilation = _pair("k_conv1d", "dilation_rate", dilation_rate, 1)[0]
        pad = [[0, 0], [0, 0], [0, 0]]
        pad[_spatial_axes(fmt, 1)[0]] = [dilation * (width - 1), 0]
        x, padding = ops.pad(x, pad), "valid"
    return ops.conv(x, kernel, strides=strides, padding=padding, data_format=fmt, dilation_rate=dilation_rate)


def _conv_transpose(fn: str, n: int, x: Any, kernel: Any, output_shape: Any, strides: Any, padding: str,
                    data_format: Any) -> Any:
    ops = _ops()
    fmt = _data_format(fn, data_format)
    stride = _pair(fn, "strides", strides, n)
    x = _tensor(x)
    sizes = [_shape(x)[a] for a in _spatial_axes(fmt, n)]
    kernel_sizes = _shape(kernel)[:n]
    target = [int(d) for d in output_shape] if output_shape is not None else None
    output_padding = None
    if target is not None:
        wanted = [target[a] for a in _spatial_axes(fmt, n)]
        output_padding = []
        for size, k, s, want in zip(sizes, kernel_sizes, stride, wanted, strict=True):
            base = (size - 1) * s + k - (2 * (k // 2) if padding == "same" else 0)
            extra = want - base
            if not 0 <= extra < s:
                sizes_ok = f"{base}" if s == 1 else f"{base} to {base + s - 1}"
                raise arg_error(fn, "output_shape", f"spatial sizes this input, kernel and stride give "
                                f"({sizes_ok} for an input size {size})", output_shape)
            output_padding.append(extra)
    return ops.conv_transpose(x, kernel, strides=stride, padding=padding, output_padding=output_padding,
                              data_format=fmt)


def k_conv2d_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any = (1, 1), padding: str = "valid",
                       data_format: Any = None) -> Any:
    """2-d transposed convolution ("deconvolution").

    Args:
        x: A 4-d tensor.
        kernel: The kernel, `(rows, cols, out_channels, in_channels)`.
        output_shape: The shape of the output, batch size first.
        strides: The strides.
        padding: "valid" or "same".
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).

    Returns:
        A tensor of `output_shape`.
    """
    return _conv_transpose("k_conv2d_transpose", 2, x, kernel, output_shape, strides, padding, data_format)


def k_conv3d_transpose(x: Any, kernel: Any, output_shape: Any, strides: Any = (1, 1, 1),
                       padding: str = "valid", data_format: Any = None) -> Any:
    """3-d transposed convolution ("deconvolution").

    Args:
        x: A 5-d tensor.
        kernel: The kernel, `(depth, rows, cols, out_channels, in_channels)`.
        output_shape: The shape of the output, batch size first.
        strides: The strides.
        padding: "valid" or "same".
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).

    Returns:
        A tensor of `output_shape`.
    """
    return _conv_transpose("k_conv3d_transpose", 3, x, kernel, output_shape, strides, padding, data_format)


def _pool(fn: str, x: Any, pool_size: Any, strides: Any, padding: str, data_format: Any,
          pool_mode: str) -> Any:
    ops = _ops()
    fmt = _data_format(fn, data_format)
    if pool_mode == "max":
        return ops.max_pool(x, pool_size, strides=strides, padding=padding, data_format=fmt)
    if pool_mode == "avg":
        return ops.average_pool(x, pool_size, strides=strides, padding=padding, data_format=fmt)
    raise arg_error(fn, "pool_mode", '"max" or "avg"', pool_mode)


def k_pool2d(x: Any, pool_size: Any, strides: Any = (1, 1), padding: str = "valid", data_format: Any = None,
             pool_mode: str = "max") -> Any:
    """2-d pooling.

    Args:
        x: A 4-d tensor.
        pool_size: The pool size, two whole numbers.
        strides: The strides.
        padding: "valid" or "same".
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).
        pool_mode: "max" or "avg".

    Returns:
        A tensor.
    """
    return _pool("k_pool2d", x, pool_size, strides, padding, data_format, pool_mode)


def k_pool3d(x: Any, pool_size: Any, strides: Any = (1, 1, 1), padding: str = "valid",
             data_format: Any = None, pool_mode: str = "max") -> Any:
    """3-d pooling.

    Args:
        x: A 5-d tensor.
        pool_size: The pool size, three whole numbers.
        strides: The strides.
        padding: "valid" or "same".
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).
        pool_mode: "max" or "avg".

    Returns:
        A tensor.
    """
    return _pool("k_pool3d", x, pool_size, strides, padding, data_format, pool_mode)


def _local_conv(fn: str, inputs: Any, kernel: Any, kernel_size: Sequence[int], strides: Sequence[int],
                output_shape: Sequence[int], data_format: Any) -> Any:
    """keras 2.x's unshared-weights convolution: each output position has its own kernel slice."""
    ops = _ops()
    fmt = _data_format(fn, data_format)
    inputs = _tensor(inputs)
    n = len(kernel_size)
    kernel = _tensor(kernel, inputs.dtype)
    feature_dim, filters = (int(d) for d in _shape(kernel)[1:])
    patches = []
    for position in np.ndindex(*output_shape):
        index: list[Any] = [slice(None)] * (n + 2)
        for axis, i, k, s in zip(_spatial_axes(fmt, n), position, kernel_size, strides, strict=True):
            index[axis] = slice(i * s, i * s + k)
        patches.append(ops.reshape(inputs[tuple(index)], (1, -1, feature_dim)))
    stacked = ops.concatenate(patches, axis=0)  # (positions, samples, features)
    out = ops.einsum("pbf,pfo->pbo", stacked, kernel)
    out = ops.reshape(out, (*output_shape, -1, filters))
    order = (n, *range(n), n + 1) if fmt == "channels_last" else (n, n + 1, *range(n))
    return ops.transpose(out, order)


def k_local_conv1d(inputs: Any, kernel: Any, kernel_size: Any, strides: Any, data_format: Any = None) -> Any:
    """1-d convolution with weights not shared across positions (a locally-connected layer's op).

    Args:
        inputs: A 3-d tensor.
        kernel: `(output_length, kernel_size * in_channels, filters)`: one kernel per output step.
        kernel_size: The window length (one whole number, or a vector of one).
        strides: The stride (one whole number, or a vector of one).
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).

    Returns:
        A 3-d tensor.
    """
    size = _pair("k_local_conv1d", "kernel_size", kernel_size, 1)
    stride = _pair("k_local_conv1d", "strides", strides, 1)
    output_length = int(_shape(kernel)[0])
    return _local_conv("k_local_conv1d", inputs, kernel, size, stride, (output_length,), data_format)


def k_local_conv2d(inputs: Any, kernel: Any, kernel_size: Any, strides: Any, output_shape: Any,
                   data_format: Any = None) -> Any:
    """2-d convolution with weights not shared across positions (a locally-connected layer's op).

    Args:
        inputs: A 4-d tensor.
        kernel: `(rows * cols of the output, kernel rows * kernel cols * in_channels, filters)`.
        kernel_size: The window size, two whole numbers.
        strides: The strides, two whole numbers.
        output_shape: The output's `c(rows, cols)`.
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).

    Returns:
        A 4-d tensor.
    """
    size = _pair("k_local_conv2d", "kernel_size", kernel_size, 2)
    stride = _pair("k_local_conv2d", "strides", strides, 2)
    out = _pair("k_local_conv2d", "output_shape", output_shape, 2)
    return _local_conv("k_local_conv2d", inputs, kernel, size, stride, out, data_format)


def _pad(x: Any, widths: list[Any]) -> Any:
    return _ops().pad(x, [[int(a), int(b)] for a, b in widths])


def k_temporal_padding(x: Any, padding: Any = (1, 1)) -> Any:
    """Pads the middle axis of a 3-d tensor with zeros.

    Args:
        x: A 3-d tensor.
        padding: The zeros to add at the start and at the end.

    Returns:
        A 3-d tensor.
    """
    return _pad(x, [(0, 0), _pair("k_temporal_padding", "padding", padding, 2), (0, 0)])


def _spatial_padding(fn: str, x: Any, padding: Any, data_format: Any, n: int) -> Any:
    fmt = _data_format(fn, data_format)
    if not isinstance(padding, (list, tuple)) or len(padding) != n:
        raise arg_error(fn, "padding", f"a list of {n} pairs (start, end)", padding)
    pairs = [_pair(fn, "padding", p, 2) for p in padding]
    widths: list[Any] = [(0, 0)] * (n + 2)
    for axis, pair in zip(_spatial_axes(fmt, n), pairs, strict=True):
        widths[axis] = pair
    return _pad(x, widths)


def k_spatial_2d_padding(x: Any, padding: Any = ((1, 1), (1, 1)), data_format: Any = None) -> Any:
    """Pads the 2 spatial axes of a 4-d tensor with zeros.

    Args:
        x: A 4-d tensor.
        padding: Two pairs: the zeros before and after on the rows, then on the columns.
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).

    Returns:
        A 4-d tensor.
    """
    return _spatial_padding("k_spatial_2d_padding", x, padding, data_format, 2)


def k_spatial_3d_padding(x: Any, padding: Any = ((1, 1), (1, 1), (1, 1)), data_format: Any = None) -> Any:
    """Pads the 3 spatial axes of a 5-d tensor with zeros.

    Args:
        x: A 5-d tensor.
        padding: Three pairs: the zeros before and after on each spatial axis.
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).

    Returns:
        A 5-d tensor.
    """
    return _spatial_padding("k_spatial_3d_padding", x, padding, data_format, 3)


def _resize(fn: str, x: Any, factors: Sequence[Any], data_format: Any) -> Any:
    fmt = _data_format(fn, data_format)
    for axis, factor in zip(_spatial_axes(fmt, len(factors)), factors, strict=True):
        x = _ops().repeat(x, _pair(fn, "factor", factor, 1)[0], axis=axis)
    return x


def k_resize_images(x: Any, height_factor: Any, width_factor: Any, data_format: Any) -> Any:
    """Resizes the images in a 4-d tensor by whole factors (nearest neighbour).

    Args:
        x: A 4-d tensor of images.
        height_factor: The factor for the rows.
        width_factor: The factor for the columns.
        data_format: "channels_last" or "channels_first".

    Returns:
        A 4-d tensor.
    """
    return _resize("k_resize_images", x, (height_factor, width_factor), data_format)


def k_resize_volumes(x: Any, depth_factor: Any, height_factor: Any, width_factor: Any,
                     data_format: Any) -> Any:
    """Resizes the volumes in a 5-d tensor by whole factors (nearest neighbour).

    Args:
        x: A 5-d tensor.
        depth_factor: The factor for the first spatial axis.
        height_factor: The factor for the second.
        width_factor: The factor for the third.
        data_format: "channels_last" or "channels_first".

    Returns:
        A 5-d tensor.
    """
    return _resize("k_resize_volumes", x, (depth_factor, height_factor, width_factor), data_format)


# --------------------------------------------------------------------------- loops


def _fold(fn_name: str, fn: Any, elems: Any, initializer: Any, reverse: bool) -> Any:
    ops = _ops()
    elems = _tensor(elems)
    if initializer is None:
        if int(_shape(elems)[0]) == 0:
            raise arg_error(fn_name, "elems", "a non-empty tensor (or give an initializer)", elems)
        init, xs = (elems[-1], elems[:-1]) if reverse else (elems[0], elems[1:])
    else:
        init, xs = _tensor(initializer, elems.dtype), elems
    carry, _ = ops.scan(lambda c, x: (_tensor(fn(c, x), elems.dtype), x), init, xs, reverse=reverse)
    return carry


def k_foldl(fn: Any, elems: Any, initializer: Any = None, name: Any = None) -> Any:
    """Reduces `elems` from the left with `fn(accumulator, element)`.

    Args:
        fn: A function of the accumulator and one element (a slice along the first axis).
        elems: A tensor.
        initializer: The first accumulator (NULL: the first element).
        name: An optional name (not used by Keras 3).

    Returns:
        The last accumulator.
    """
    return _fold("k_foldl", fn, elems, initializer, reverse=False)


def k_foldr(fn: Any, elems: Any, initializer: Any = None, name: Any = None) -> Any:
    """Reduces `elems` from the right with `fn(accumulator, element)`.

    Args:
        fn: A function of the accumulator and one element (a slice along the first axis).
        elems: A tensor.
        initializer: The first accumulator (NULL: the last element).
        name: An optional name (not used by Keras 3).

    Returns:
        The last accumulator.
    """
    return _fold("k_foldr", fn, elems, initializer, reverse=True)


def k_map_fn(fn: Any, elems: Any, name: Any = None, dtype: Any = None) -> Any:
    """`fn` applied to each element (slice along the first axis) of `elems`, stacked.

    Args:
        fn: A function of one element.
        elems: A tensor.
        name: An optional name (not used by Keras 3).
        dtype: The type of the result (NULL: what `fn` returns).

    Returns:
        A tensor.
    """
    out = _ops().map(fn, _tensor(elems))
    return out if dtype is None else _ops().cast(out, dtype)


def k_rnn(step_function: Any, inputs: Any, initial_states: Any, go_backwards: bool = False, mask: Any = None,
          constants: Any = None, unroll: bool = False, input_length: Any = None) -> list[Any]:
    """Iterates `step_function` over the time axis (the second) of `inputs`.

    Args:
        step_function: `function(input, states)` returning `list(output, new_states)`; with
            `constants`, `states` ends with them.
        inputs: A tensor `(samples, time, ...)`.
        initial_states: A list of tensors `(samples, ...)`.
        go_backwards: Whether to iterate from the last time step.
        mask: An optional `(samples, time)` boolean tensor: masked steps keep the previous states.
        constants: An optional list of tensors passed to every step.
        unroll: Whether to unroll the loop.
        input_length: The number of time steps (for unrolling).

    Returns:
        A list: the last output, all outputs `(samples, time, ...)` and the last states.
    """
    from keras.src import backend

    states = list(initial_states) if isinstance(initial_states, (list, tuple)) else [initial_states]

    def step(x: Any, s: Any) -> Any:
        output, new_states = step_function(x, list(s))
        new = list(new_states) if isinstance(new_states, (list, tuple)) else [new_states]
        return output, new

    last, outputs, new_states = backend.rnn(
        step, _tensor(inputs), [_tensor(s) for s in states], go_backwards=bool(go_backwards), mask=mask,
        constants=constants, unroll=bool(unroll), input_length=input_length,
    )
    return [last, outputs, list(new_states)]
