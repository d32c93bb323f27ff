"""Argument converters: R semantics for argument values, on both sides of the bridge.

R hands over ``64`` as a double, ``c(28, 28)`` as a vector, ``NA`` for an
unknown dimension and 1-based axes. These converters make them what Keras
wants (ints, shape tuples with ``None``, 0-based axes), whether the value came
from R (via :mod:`rkeras.host.convert`) or from Python: the R-style API has R
semantics on both sides. Which converter an argument gets (see
:func:`converter_for`): the row's ``convert`` column, else the target-pattern
rules of :mod:`rkeras.spec.converters` (keras3's converter table), else
inference from the Keras default (an int default: whole doubles become ints).

This is the one place where argument values change meaning; the hand-written
implementations declare converters in their rows instead of coercing values.
:func:`is_na` and :func:`as_whole` are the one NA test and the one
whole-number test the rest of rkeras uses.
"""

from __future__ import annotations

import fnmatch
import inspect
import math
import numbers
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import RKerasError, arg_error
from .pipe import unwrap

if TYPE_CHECKING:
    from ..spec import Row

# Strings accepted by an otherwise integer argument.
INT_ARG_WORDS = {"verbose": {"auto"}, "save_freq": {"epoch"}, "steps_per_epoch": {"auto"}}


class PartlyNamedList(list):  # type: ignore[type-arg]
    """An R list with names on some elements (``list(my_mae = f, "mae")``): a list that keeps the
    names (``""`` where none), for the functions that give them a meaning."""

    def __init__(self, items: Any, names: list[str]) -> None:
        super().__init__(items)
        self.names = names


# ----------------------------------------------------------------------------- the two helpers


def is_na(value: Any) -> bool:
    """R's missing value as it reaches Python: None or a floating NaN (numpy scalars included)."""
    if value is None:
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return math.isnan(float(value))
    return False


# R's integers (and keras3's as.integer()) stop here; a larger "whole number" is a mistake
# (num_thresholds = 1e308 would make Keras allocate until the process is killed).
R_INT_MAX = 2**31 - 1


def as_whole(value: Any, *, fn: str | None, arg: str, expected: str = "a whole number") -> int:
    """``value`` as an int when it is a whole number within R's integer range (R's doubles such
    as 5.0, numpy scalars and 0-d arrays included); anything else (booleans, fractions, NaN,
    strings, 1e308) is an error."""
    if _is_array(value) and getattr(value, "ndim", 1) == 0:
        value = value.item()
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        raise arg_error(fn, arg, expected, value)
    if isinstance(value, numbers.Integral):
        out = int(value)
    elif isinstance(value, numbers.Real) and math.isfinite(float(value)) and float(value).is_integer():
        out = int(float(value))
    else:
        raise arg_error(fn, arg, expected, value)
    if abs(out) > R_INT_MAX:
        raise arg_error(fn, arg, f"{expected} between -{R_INT_MAX} and {R_INT_MAX} (an R integer)", value)
    return out


# ----------------------------------------------------------------------------- converters


def as_integer(value: Any, *, fn: str | None, arg: str, strict: bool = False) -> Any:
    """keras3's ``as_integer``: whole numbers (also given as floats, numpy scalars, or sequences of
    them) become ints; None/NaN become None; a fractional number is an error naming the argument.

    Strings pass through (Keras validates them) unless ``strict``; for the arguments in
    :data:`INT_ARG_WORDS` only their words do.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if strict or value not in INT_ARG_WORDS.get(arg, {value}):
            raise arg_error(fn, arg, "a whole number", value)
        return value
    if isinstance(value, numbers.Real) or (_is_array(value) and getattr(value, "ndim", 1) == 0):
        return None if is_na(value) else as_whole(value, fn=fn, arg=arg)
    if isinstance(value, (list, tuple)) or _is_array(value):
        items = list(value.tolist() if _is_array(value) else value)
        if any(isinstance(v, (list, tuple)) for v in items):
            return tuple(as_integer(v, fn=fn, arg=arg, strict=strict) for v in items)
        return tuple(as_integer(v, fn=fn, arg=arg, strict=True) for v in items)
    return value


def as_whole_if_whole(value: Any, *, fn: str | None, arg: str) -> Any:
    """Inferred from an int Keras default: a whole double becomes an int, anything else passes
    (Keras's default says nothing about fractions: ``min_delta = 0`` is a real number)."""
    if isinstance(value, float) and value.is_integer():
        return as_whole(value, fn=fn, arg=arg)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, (int, float)) for v in value):
        return tuple(as_whole_if_whole(v, fn=fn, arg=arg) for v in value)
    return value


def as_shape(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``normalize_shape``: ``784`` and ``c(784)`` -> ``(784,)``; NA/None -> None inside
    (so ``NA`` alone -> ``(None,)``); NULL stays NULL."""
    if value is None:
        return None
    expected = "a shape: a whole number or a sequence of whole numbers (None/NA for unknown)"
    if isinstance(value, (str, bytes, dict)):
        raise arg_error(fn, arg, expected, value)
    if isinstance(value, numbers.Number):
        items: list[Any] = [value]
    elif isinstance(value, (list, tuple)) or _is_array(value):
        items = list(value.tolist() if _is_array(value) else value)
        if _is_array(value) and getattr(value, "ndim", 1) == 0:
            items = [items]  # type: ignore[list-item]
    else:
        shape = getattr(value, "as_list", None)
        if shape is None:
            raise arg_error(fn, arg, expected, value)
        items = list(shape())
    out: list[int | None] = []
    for item in items:
        if is_na(item) or item == -1:
            out.append(None)
            continue
        if isinstance(item, bool) or not isinstance(item, numbers.Real):
            raise arg_error(fn, arg, expected, value)
        if not float(item).is_integer() or item < 0:
            raise arg_error(fn, arg, expected + " >= 0", value)
        out.append(int(item))
    return tuple(out)


def as_axis(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``as_axis``: an R axis counts from 1 (the batch axis included). A positive ``i``
    becomes ``i - 1``, 0 is an error, a negative axis is unchanged, NULL stays NULL, and a vector
    is converted element-wise (to a tuple)."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)) or (_is_array(value) and getattr(value, "ndim", 0) > 0):
        items = value.tolist() if _is_array(value) else value
        return tuple(as_axis(v, fn=fn, arg=arg) for v in items)
    axis = as_whole(value, fn=fn, arg=arg, expected="a whole number (an axis, 1-based)")
    if axis == 0:
        raise RKerasError(f"`{arg}` is 1-based: use 1 for the first axis or -1 for the last, got 0", fn=fn,
                          arg=arg)
    return axis - 1 if axis > 0 else axis


def as_py_index(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``as_py_index``: positive indices shift down by one (1 -> 0); zero and negative
    indices pass through; whole doubles become ints; a vector becomes a tuple."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)) or (_is_array(value) and getattr(value, "ndim", 0) > 0):
        items = value.tolist() if _is_array(value) else value
        return tuple(as_py_index(v, fn=fn, arg=arg) for v in items)
    index = as_whole(value, fn=fn, arg=arg, expected="a whole number (an index, 1-based)")
    return index - 1 if index > 0 else index


def as_one_based_index(value: Any, *, fn: str | None, arg: str) -> Any:
    """A 1-based R index where 0 is an error (``get_layer(index=)``): negative counts from the end."""
    if value is None:
        return None
    index = as_integer(value, fn=fn, arg=arg, strict=True)
    if isinstance(index, tuple):
        return tuple(as_one_based_index(i, fn=fn, arg=arg) for i in index)
    if index == 0:
        raise arg_error(fn, arg, "a 1-based index (1 is the first; negative counts from the end)", value)
    return index - 1 if index > 0 else index


def as_layer_ref(value: Any, *, fn: str | None, arg: str) -> Any:
    """A layer given by name (a string, unchanged) or by 1-based index (``freeze_weights(from=)``)."""
    return value if isinstance(value, str) else as_one_based_index(value, fn=fn, arg=arg)


def as_real(value: Any, *, fn: str | None, arg: str) -> Any:
    """A real number (a length-1 vector's element included); NULL stays NULL; NA is an error."""
    if value is None:
        return None
    if (isinstance(value, (list, tuple)) or _is_array(value)) and len(_flat(value)) == 1:
        value = _flat(value)[0]
    if isinstance(value, bool) or type(value).__name__ == "bool_" or not isinstance(value, numbers.Real) \
            or is_na(value):
        raise arg_error(fn, arg, "a number", value)
    return float(value)


def as_sequence_list(value: Any, *, fn: str | None, arg: str) -> Any:
    """A list of sequences (``pad_sequences(sequences =)``): R sends a length-1 vector as a scalar,
    so a scalar element becomes a sequence of one; ``NULL`` elements become empty sequences."""
    if isinstance(value, (list, tuple)):
        return [[] if v is None else [v] if isinstance(v, (numbers.Number, str)) else v for v in value]
    return value


def unwrap_function(value: Any, *, fn: str | None, arg: str) -> Any:
    """An rkeras wrapper passed as a value (``activation = activation_relu``) becomes Keras's own
    object, so models stay serialisable; LayerStages become their layers."""
    if value is None or isinstance(value, (int, float, str)):
        return value
    target = getattr(value, "keras_object", None)
    if callable(target):
        return target()
    if isinstance(value, PartlyNamedList):
        return PartlyNamedList([unwrap_function(v, fn=fn, arg=arg) for v in value], value.names)
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
    "whole": as_whole_if_whole,
    "shape": as_shape,
    "axis": as_axis,
    "py_index": as_py_index,
    "index1": as_one_based_index,
    "layer_ref": as_layer_ref,
    "real": as_real,
    "sequences": as_sequence_list,
    "activation": as_activation,
    "raw": lambda v, fn, arg: v,  # the implementation converts it itself
}


# ----------------------------------------------------------------------------- result transforms


def _plus_one(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return type(value)(_plus_one(v) for v in value)
    return value + 1


# Result transform name (a row's ``result`` column) -> function of the result.
RESULTS: dict[str, Callable[[Any], Any]] = {
    "index1": _plus_one,  # +1 on returned indices: 0-based Keras indices -> 1-based R indices
}
# With ``zero_indexed = TRUE`` these converters are replaced (indices stay 0-based) and no
# result transform is applied.
ZERO_INDEXED_CONVERTERS = {"py_index": "int"}


# ----------------------------------------------------------------------------- choosing


@cache
def _rule_table(target: str, flavour: str) -> dict[str, str]:
    """argument -> converter from the target-pattern rules, for one target (cached)."""
    from ..spec.converters import INDEX_CONVERTERS, rules, specificity

    best: dict[str, tuple[tuple[int, int], str]] = {}
    for glob, arg, converter in rules():
        if flavour == "kerasR" and converter in INDEX_CONVERTERS:
            continue
        if fnmatch.fnmatchcase(target, glob):
            rank = specificity(glob)
            if arg not in best or rank >= best[arg][0]:
                best[arg] = (rank, converter)
    return {arg: converter for arg, (_, converter) in best.items()}


def infer_converter(param: inspect.Parameter | None) -> str | None:
    """From the Keras default: an int default (not a bool) means whole doubles become ints."""
    if param is not None:
        default = param.default
        if isinstance(default, int) and not isinstance(default, bool):
            return "whole"
    return None


def converter_for(row: Row, arg: str, param: inspect.Parameter | None) -> str | None:
    """Which converter applies to ``arg`` of ``row``: the row's ``convert`` column first, then the
    target-pattern rules, then inference from the Keras default."""
    if arg in row.convert:
        return row.convert[arg]
    table = _rule_table(row.target, row.flavour)
    if arg in table:
        return table[arg]
    return infer_converter(param)


def convert_value(name: str | None, value: Any, *, fn: str | None, arg: str) -> Any:
    """Apply the converter called ``name`` (None: only unwrap rkeras objects)."""
    value = unwrap_function(value, fn=fn, arg=arg)
    if name is None:
        return value
    try:
        converter = CONVERTERS[name]
    except KeyError:
        raise ValueError(f"{fn}: unknown converter {name!r} for `{arg}` (see rkeras.api.args.CONVERTERS)") \
            from None
    return converter(value, fn=fn, arg=arg)


def _flat(value: Any) -> list[Any]:
    return list(value.reshape(-1).tolist()) if _is_array(value) else list(value)


def _is_array(value: Any) -> bool:
    return hasattr(value, "__array_interface__") or type(value).__module__ == "numpy"
