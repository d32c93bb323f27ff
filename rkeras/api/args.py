"""Argument converters: R semantics for argument values, on both sides of the bridge.

R hands over ``64`` as a double, ``c(28, 28)`` as a vector and ``NA`` for an
unknown dimension. These converters make them what Keras wants (ints, shape
tuples with ``None``), whether the value came from R (via :mod:`rkeras.convert`)
or from Python. They are chosen by argument name (generic rules below), by the
type of the Keras default, or by a spec row's ``convert`` column.
"""

from __future__ import annotations

import inspect
import math
import numbers
from collections.abc import Callable
from typing import Any

from ..errors import arg_error
from .pipe import unwrap

# Arguments that are whole numbers (or tuples of them) wherever they appear.
INT_ARGS = frozenset(
    """
units filters kernel_size strides pool_size dilation_rate depth_multiplier input_dim output_dim
input_length num_heads key_dim value_dim batch_size epochs steps_per_epoch validation_steps
validation_batch_size validation_freq initial_epoch seed size cropping num_classes maxlen num_words
groups patience n max_tokens output_sequence_length num_bins height width target_height target_width
index depth max_queue_size workers steps top_k k cooldown save_freq verbose
""".split()
)
# Of those, the ones where a string is never meaningful (a clear error beats Keras's int() failure).
STRICT_INT_ARGS = frozenset("units filters epochs batch_size num_classes maxlen n index".split())
SHAPE_ARGS = frozenset("input_shape shape batch_shape batch_input_shape target_shape".split())
# Strings accepted by an otherwise integer argument.
INT_ARG_WORDS = {"verbose": {"auto"}, "save_freq": {"epoch"}, "steps_per_epoch": {"auto"}}


def _is_na(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def as_integer(value: Any, *, fn: str | None, arg: str, strict: bool = False) -> Any:
    """Whole numbers (also given as floats, numpy scalars, or sequences of them) become ints.

    ``None``/NaN become None. Strings pass through (Keras validates them) unless
    ``strict``. A fractional number is an error naming the argument.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        if math.isnan(value):
            return None
        if not float(value).is_integer():
            raise arg_error(fn, arg, "a whole number", value)
        return int(value)
    if isinstance(value, str):
        if strict or value not in INT_ARG_WORDS.get(arg, {value}):
            raise arg_error(fn, arg, "a whole number", value)
        return value
    if isinstance(value, (list, tuple)) or _is_array(value):
        items = list(value.tolist() if _is_array(value) else value)
        if any(isinstance(v, (list, tuple)) for v in items):
            return tuple(as_integer(v, fn=fn, arg=arg, strict=strict) for v in items)
        if len(items) == 1 and _is_array(value) and getattr(value, "ndim", 1) == 0:
            return as_integer(items[0], fn=fn, arg=arg, strict=strict)
        return tuple(as_integer(v, fn=fn, arg=arg, strict=True) for v in items)
    return value


def as_shape(value: Any, *, fn: str | None, arg: str) -> Any:
    """R's normalize_shape: ``784`` and ``c(784)`` -> ``(784,)``; NA/None -> None inside."""
    if value is None:
        return None
    expected = "a shape: a whole number or a sequence of whole numbers (None/NA for unknown)"
    if isinstance(value, (str, bytes, dict)):
        raise arg_error(fn, arg, expected, value)
    if isinstance(value, numbers.Number):
        items: list[Any] = [value]
    elif isinstance(value, (list, tuple)) or _is_array(value):
        items = list(value.tolist() if _is_array(value) else value)
    else:
        shape = getattr(value, "as_list", None)
        if shape is None:
            raise arg_error(fn, arg, expected, value)
        items = list(shape())
    out: list[int | None] = []
    for item in items:
        if _is_na(item):
            out.append(None)
            continue
        if isinstance(item, bool) or not isinstance(item, numbers.Real):
            raise arg_error(fn, arg, expected, value)
        if not float(item).is_integer() or item < 0:
            if item == -1:
                out.append(None)
                continue
            raise arg_error(fn, arg, expected + " >= 0", value)
        out.append(int(item))
    return tuple(out)


def as_one_based_index(value: Any, *, fn: str | None, arg: str) -> Any:
    """1-based R index (negative counts from the end) -> 0-based Python index."""
    if value is None:
        return None
    index = as_integer(value, fn=fn, arg=arg, strict=True)
    if isinstance(index, tuple):
        return tuple(as_one_based_index(i, fn=fn, arg=arg) for i in index)
    if index == 0:
        raise arg_error(fn, arg, "a 1-based index (1 is the first; negative counts from the end)", value)
    return index - 1 if index > 0 else index


def unwrap_function(value: Any, *, fn: str | None, arg: str) -> Any:
    """An rkeras wrapper passed as a value (``activation = activation_relu``) becomes Keras's own
    object, so models stay serialisable; LayerStages become their layers."""
    if value is None or isinstance(value, (int, float, str)):
        return value
    target = getattr(value, "keras_object", None)
    if callable(target):
        return target()
    if isinstance(value, list):
        return [unwrap_function(v, fn=fn, arg=arg) for v in value]
    return unwrap(value)


def as_activation(value: Any, *, fn: str | None, arg: str) -> Any:
    """An activation given by name must be one Keras knows (checked before any work is done)."""
    if isinstance(value, str):
        from ._keras import keras

        try:
            keras().activations.get(value)
        except ValueError:
            raise arg_error(
                fn, arg, "the name of an activation (e.g. 'relu', 'softmax', 'sigmoid') or a function", value
            ) from None
    return value


CONVERTERS: dict[str, Callable[..., Any]] = {
    "int": as_integer,
    "strict_int": lambda v, fn, arg: as_integer(v, fn=fn, arg=arg, strict=True),
    "shape": as_shape,
    "index1": as_one_based_index,
    "activation": as_activation,
    "raw": lambda v, fn, arg: v,  # the implementation converts it itself
}
ACTIVATION_ARGS = frozenset("activation recurrent_activation".split())


def converter_for(arg: str, param: inspect.Parameter | None, explicit: dict[str, str]) -> str | None:
    """Which converter applies to ``arg``: the spec column first, then the name rules,
    then the type of Keras's default value."""
    if arg in explicit:
        return explicit[arg]
    if arg in SHAPE_ARGS:
        return "shape"
    if arg in ACTIVATION_ARGS:
        return "activation"
    if arg in STRICT_INT_ARGS:
        return "strict_int"
    if arg in INT_ARGS:
        return "int"
    if param is not None:
        default = param.default
        if isinstance(default, int) and not isinstance(default, bool):
            return "int"
    return None


def convert_arg(
    value: Any, *, fn: str | None, arg: str, param: inspect.Parameter | None, explicit: dict[str, str]
) -> Any:
    value = unwrap_function(value, fn=fn, arg=arg)
    name = converter_for(arg, param, explicit)
    if name is None:
        return value
    return CONVERTERS[name](value, fn=fn, arg=arg)


def _is_array(value: Any) -> bool:
    return hasattr(value, "__array_interface__") or type(value).__module__ == "numpy"
