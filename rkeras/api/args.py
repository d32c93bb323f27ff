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
import os
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import RKerasError, RKerasTypeError, arg_error
from ..spec import MISSING as MISSING
from ._keras import loaded_keras
from .pipe import unwrap

if TYPE_CHECKING:
    from ..spec import Row


# Strings accepted by an otherwise integer argument.
# The integer arguments that also take a string, with the strings they take (None: any string,
# Keras checks it: a conv layer's `padding = "same"`, TensorBoard's `profile_batch = "10,20"`).
# For every other integer argument a string is an error naming it.
INT_ARG_WORDS: dict[str, set[str] | None] = {
    "verbose": {"auto"}, "save_freq": {"epoch"}, "steps_per_epoch": {"auto"},
    "update_freq": {"epoch", "batch"}, "padding": None, "profile_batch": None,
}


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

    A string is an error, except for the arguments in :data:`INT_ARG_WORDS` (unless ``strict``),
    which take their words.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        words = INT_ARG_WORDS.get(arg, set())
        if strict or (words is not None and value not in words):
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
    indices pass through; whole doubles become ints; a vector becomes a tuple, an array an integer
    array of the same shape, and a tensor ``where(i > 0, i - 1, i)`` (a tensor of indices)."""
    if value is None:
        return None
    if _is_array(value) and getattr(value, "ndim", 0) > 0:
        import numpy as np

        whole = _whole_array(value, fn=fn, arg=arg, expected="whole numbers (indices, 1-based)")
        return np.where(whole > 0, whole - 1, whole)
    if isinstance(value, (list, tuple)):
        return tuple(as_py_index(v, fn=fn, arg=arg) for v in value)
    if _is_tensor(value):
        from ._keras import keras

        ops = keras().ops
        return ops.where(ops.greater(value, 0), ops.subtract(value, 1), value)
    index = as_whole(value, fn=fn, arg=arg, expected="a whole number (an index, 1-based)")
    return index - 1 if index > 0 else index


def as_index(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``as_index``: :func:`as_py_index`, with a vector (a list or tuple) as an integer
    array (``segment_ids``, ``start_indices``: Keras wants a tensor there). Always 1-based: unlike
    ``py_index``, ``zero_indexed = TRUE`` does not change it."""
    if isinstance(value, (list, tuple)) and all(isinstance(v, numbers.Real) for v in value):
        import numpy as np

        return as_py_index(np.asarray(value), fn=fn, arg=arg) if value else np.zeros(0, dtype=np.int64)
    return as_py_index(value, fn=fn, arg=arg)


def as_array(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``as_array``: an R vector (a list or tuple of numbers, or one number) becomes a 1-d
    array (R's doubles as float64, as reticulate converts them); arrays, tensors and NULL pass."""
    import numpy as np

    if value is None or _is_array(value) or _is_tensor(value):
        return value
    if isinstance(value, (bool, numbers.Number)):
        return np.asarray([value])
    if isinstance(value, (list, tuple)) and all(isinstance(v, (bool, numbers.Number)) for v in value):
        return np.asarray(value)
    return value


def as_atomic_array(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``atomic_to_array``: an R vector longer than one (a list or tuple of numbers) becomes a
    1-d array (R's doubles as float64); one number, arrays, tensors and anything else pass."""
    if isinstance(value, (list, tuple)) and len(value) > 1 and \
            all(isinstance(v, (bool, numbers.Number)) for v in value):
        import numpy as np

        return np.asarray(value)
    return value


def as_integer_array(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``as_integer_array``: whole numbers (one, a vector or an array) as an int32 array;
    tensors pass (their dtype is the caller's)."""
    import numpy as np

    if value is None or _is_tensor(value):
        return value
    expected = "whole numbers (an integer array)"
    numeric = _is_array(value) or isinstance(value, (list, tuple, numbers.Real))
    if isinstance(value, (bool, str)) or not numeric:
        raise arg_error(fn, arg, expected, value)
    return _whole_array(np.asarray(value), fn=fn, arg=arg, expected=expected).astype(np.int32)


def as_tuple(value: Any, *, fn: str | None, arg: str) -> Any:
    """A sequence as a tuple (Keras tests ``isinstance(x, tuple)``: ``op_istft(x =)``, ``op_ifft2(x =)``,
    ``op_histogram(range =)``); one value becomes a tuple of one; NULL stays NULL."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value,)


def as_newshape(value: Any, *, fn: str | None, arg: str) -> Any:
    """``op_reshape(newshape =)``: a shape (see :func:`as_shape`) whose unknown dimensions (NA, NULL,
    -1) are -1, the dimension Keras infers."""
    shape = as_shape(value, fn=fn, arg=arg)
    if shape is None:
        raise arg_error(fn, arg, "a shape (whole numbers; -1 or NA for the inferred dimension)", value)
    return tuple(-1 if d is None else d for d in shape)


def as_sections(value: Any, *, fn: str | None, arg: str) -> Any:
    """``op_split(indices_or_sections =)``: one number is a count of equal sections; a vector (or a
    1-d array or tensor) holds the 1-based indices at which the splits start."""
    if isinstance(value, (list, tuple)) or (_is_array(value) and getattr(value, "ndim", 0) > 0):
        return as_py_index(value, fn=fn, arg=arg)
    if _is_tensor(value):
        return as_py_index(value, fn=fn, arg=arg) if len(getattr(value, "shape", ())) > 0 else value
    return as_whole(value, fn=fn, arg=arg, expected="a number of sections or a vector of 1-based indices")


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
    """A layer given by name (a string, unchanged), by 1-based index (``freeze_weights(from=)``) or as
    the layer itself (anything but a number, unchanged: the implementation checks it)."""
    if isinstance(value, str) or not (isinstance(value, (numbers.Real, list, tuple)) or _is_array(value)):
        return value
    return as_one_based_index(value, fn=fn, arg=arg)


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


def as_number(value: Any, *, fn: str | None, arg: str) -> Any:
    """An argument whose Keras default is a real number: a character string, a logical or NA is an
    error now, not a Python ``TypeError`` deep inside Keras. Numbers pass unchanged (a length-1
    vector's element included); anything else (a tensor, a schedule, a function, NULL) passes."""
    if (isinstance(value, (list, tuple)) or _is_array(value)) and len(_flat(value)) == 1:
        value = _flat(value)[0]
    if isinstance(value, (str, bytes, bool)) or type(value).__name__ == "bool_":
        raise arg_error(fn, arg, "a number", value, kind=RKerasTypeError)
    if isinstance(value, numbers.Real) and is_na(value):
        raise arg_error(fn, arg, "a number (not NA)", value)
    return value


def as_flag(value: Any, *, fn: str | None, arg: str) -> Any:
    """An argument whose Keras default is TRUE/FALSE: a logical (or 0/1); NULL passes; a string,
    NA or another number is an error now, not a silently truthy value."""
    if (isinstance(value, (list, tuple)) or _is_array(value)) and len(_flat(value)) == 1:
        value = _flat(value)[0]
    if value is None or isinstance(value, bool):
        return value
    if type(value).__name__ == "bool_":
        return bool(value)
    if isinstance(value, numbers.Real) and not is_na(value) and value in (0, 1):
        return bool(value)
    raise arg_error(fn, arg, "TRUE or FALSE", value, kind=RKerasTypeError if isinstance(value, str) else None)


def as_path(value: Any, *, fn: str | None, arg: str) -> Any:
    """A file or folder path: a character string (or a path object); NULL passes; NA, a number or
    several strings are an error before anything is read or written."""
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if value is None or isinstance(value, (str, os.PathLike)):
        return value
    raise arg_error(fn, arg, "a file path (character string)", value,
                    kind=None if isinstance(value, float) else RKerasTypeError)


def as_sequence_list(value: Any, *, fn: str | None, arg: str) -> Any:
    """A list of sequences (``pad_sequences(sequences =)``): R sends a length-1 vector as a scalar,
    so a scalar element becomes a sequence of one; ``NULL`` elements become empty sequences."""
    if isinstance(value, (list, tuple)):
        return [[] if v is None else [v] if isinstance(v, (numbers.Number, str)) else v for v in value]
    return value


def as_string_list(value: Any, *, fn: str | None, arg: str) -> Any:
    """A list of strings (``class_names = "cats"``): R sends a length-1 character vector as one
    string, which Keras would read letter by letter; NULL stays NULL."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if _is_array(items):
        items = items.reshape(-1).tolist()
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise arg_error(fn, arg, "NULL or a character vector", value)
    return list(items)


def as_keras_array(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras3's ``keras_array``: an R vector (a Python list or scalar here) becomes a numpy array,
    doubles of floatx precision (float32 unless ``config_set_floatx()``), C-ordered; NULL, tensors
    and datasets pass through."""
    import numpy as np

    if value is None or isinstance(value, (str, bytes, dict)):
        return value
    if isinstance(value, (list, tuple, numbers.Number)):
        value = np.asarray(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "O" and all(isinstance(v, str) for v in value.reshape(-1).tolist()):
            return value.astype(str)
        if value.dtype == np.float64:
            from ._keras import keras

            return np.ascontiguousarray(value, dtype=keras().config.floatx())
        return np.ascontiguousarray(value)
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


def _keras_identifier(module: str, what: str, examples: str, other: str = "an object") -> Callable[..., Any]:
    """A converter for an argument naming a Keras object of ``keras.<module>`` (an activation, an
    initializer, a regularizer, a constraint): an unknown name is an error before any work is done,
    naming the argument; ``other`` is what else the argument takes."""

    def convert(value: Any, *, fn: str | None, arg: str) -> Any:
        if isinstance(value, str):
            from ._keras import keras

            try:
                getattr(keras(), module).get(value)
            except ValueError:
                expected = f"the name of {what} (e.g. {examples}) or {other}"
                raise arg_error(fn, arg, expected, value) from None
        return value

    return convert


def as_dtype(value: Any, *, fn: str | None, arg: str) -> Any:
    """A dtype given by name must be one Keras knows ('float32', 'int64', 'bool', 'string', ...)."""
    if isinstance(value, str):
        from ._keras import keras

        try:
            keras().backend.standardize_dtype(value)
        except ValueError:
            expected = "a dtype name (e.g. 'float32', 'int32', 'bool', 'string')"
            raise arg_error(fn, arg, expected, value) from None
    return value


def as_strict_integer(value: Any, *, fn: str | None, arg: str) -> Any:
    """A whole number that must be given (``units``, ``filters``): NA is an error too."""
    if is_na(value) and value is not None:
        raise arg_error(fn, arg, "a whole number (not NA)", value)
    return as_integer(value, fn=fn, arg=arg, strict=True)


def as_reduction(value: Any, *, fn: str | None, arg: str) -> Any:
    """keras 2.x's loss ``reduction = "auto"`` is Keras 3's default, ``"sum_over_batch_size"``;
    other values pass to Keras (which checks them)."""
    return "sum_over_batch_size" if value == "auto" else value


CONVERTERS: dict[str, Callable[..., Any]] = {
    "int": as_integer,
    "strict_int": as_strict_integer,
    "initializer": _keras_identifier("initializers", "an initializer", "'glorot_uniform', 'zeros'"),
    "regularizer": _keras_identifier("regularizers", "a regularizer", "'l1', 'l2'"),
    "constraint": _keras_identifier("constraints", "a constraint", "'non_neg', 'unit_norm'"),
    "dtype": as_dtype,
    "whole": as_whole_if_whole,
    "shape": as_shape,
    "axis": as_axis,
    "py_index": as_py_index,
    "index": as_index,
    "array": as_array,
    "atomic_array": as_atomic_array,
    "int_array": as_integer_array,
    "tuple": as_tuple,
    "newshape": as_newshape,
    "sections": as_sections,
    "index1": as_one_based_index,
    "layer_ref": as_layer_ref,
    "real": as_real,
    "number": as_number,
    "flag": as_flag,
    "path": as_path,
    "sequences": as_sequence_list,
    "activation": _keras_identifier("activations", "an activation", "'relu', 'softmax', 'sigmoid'",
                                    other="a function"),
    "str_list": as_string_list,
    "keras_array": as_keras_array,


    "reduction": as_reduction,
    "raw": lambda v, fn, arg: v,  # the implementation converts it itself
}


# ----------------------------------------------------------------------------- result transforms


def _plus_one(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return type(value)(_plus_one(v) for v in value)
    return value + 1


def _plus_one_second(value: Any) -> Any:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise TypeError(f"expected a pair (values, indices), got {type(value).__name__}")
    pair = (value[0], _plus_one(value[1]))
    return type(value)(*pair) if hasattr(value, "_fields") else type(value)(pair)  # a namedtuple: TopKV2


# Result transform name (a row's ``result`` column) -> function of the result.
RESULTS: dict[str, Callable[[Any], Any]] = {
    "index1": _plus_one,  # +1 on returned indices: 0-based Keras indices -> 1-based R indices
    "index1_second": _plus_one_second,  # (values, indices) -> (values, indices + 1): op_top_k
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


def infer_converter(param: inspect.Parameter | None, *, keras: bool = True) -> str | None:
    """From the Keras default: an int default (not a bool) means whole doubles become ints; for
    Keras targets (``keras``), a bool default takes TRUE/FALSE (``flag``) and a float default a
    number (``number``). Hand-written targets check their other arguments themselves."""
    if param is not None:
        default = param.default
        if isinstance(default, bool):
            return "flag" if keras else None
        if isinstance(default, int):
            return "whole"
        if isinstance(default, float) and keras:
            return "number"
    return None


def converter_for(row: Row, arg: str, param: inspect.Parameter | None) -> str | None:
    """Which converter applies to ``arg`` of ``row``: the row's ``convert`` column first, then the
    target-pattern rules, then inference from the Keras default."""
    if arg in row.convert:
        return row.convert[arg]
    table = _rule_table(row.target, row.flavour)
    if arg in table:
        return table[arg]
    return infer_converter(param, keras=row.is_keras)


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


def _is_tensor(value: Any) -> bool:
    """A Keras (symbolic) tensor, variable or backend tensor; False without importing Keras."""
    if value is None or _is_array(value) or isinstance(value, (list, tuple, dict, str, numbers.Number)):
        return False
    k = loaded_keras()
    if k is None:
        return False
    return isinstance(value, (k.KerasTensor, k.Variable)) or bool(k.ops.is_tensor(value))


def _whole_array(a: Any, *, fn: str | None, arg: str, expected: str) -> Any:
    """A numeric array of whole numbers as an int64 array (an error naming the argument otherwise)."""
    import numpy as np

    a = np.asarray(a)
    if a.dtype.kind in "iu":
        return a.astype(np.int64)
    if a.dtype.kind != "f" or not np.all(np.isfinite(a)) or not np.all(a == np.round(a)):
        raise arg_error(fn, arg, expected, a)
    return a.astype(np.int64)
