"""Tensors as R values: keras3's R semantics for arithmetic, subsetting and shapes, and the
reticulate-style names keras3 re-exports (``r_to_py``, ``np_array``, ``tuple``, ``import``, ...).

* :func:`op_subset` / :func:`op_subset_set`: keras3's R-style ``[`` on tensors (1-based, negative
  counts from the end, inclusive slices, ``None`` = newaxis, ``Ellipsis`` = ``all_dims()``).
  From Python, write R's ``x[1, 2:3, ]`` as ``op_subset(x, 1, slice(2, 3), slice(None))``: a
  ``slice(start, stop, step)`` is R's ``start:stop`` (both ends 1-based and included, None for
  ``NA``), and missing trailing axes are taken whole.
* :class:`Shape` / :func:`shape`: keras3's ``keras_shape`` (prints as ``shape(NA, 3)``; a tuple,
  so Keras takes it wherever it takes a shape). The R bridge turns it into an R ``keras_shape``
  and back.
* ``tensor_op`` / ``tensor_math`` / ``tensor_summary`` / ``tensor_dim`` / ``tensor_length``:
  what the R group generics ``Ops``, ``Math`` and ``Summary`` and ``dim()`` / ``length()`` of a
  tensor handle call (one bridge crossing each); registered as dispatcher internals.

Importing this module is cheap: Keras loads on the first call that needs it.
"""

from __future__ import annotations

import importlib
import math
import numbers
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error
from ._keras import keras

# R's NA_integer_ (INT_MIN): an int32 with this value is NA once it is an R integer vector.
_NA_INTEGER = -(2**31)


# ----------------------------------------------------------------------------- shapes


class Shape(tuple):  # type: ignore[type-arg]
    """keras3's ``keras_shape``: a tuple of whole numbers and None (an unknown dimension).

    It prints as keras3 prints it (``shape(NA, 3)``) and, being a tuple, goes to Keras as the
    shape itself. In R it is a ``keras_shape`` (a list of integers and ``NULL``)."""

    __slots__ = ()

    def __new__(cls, dims: Any = ()) -> Shape:
        return super().__new__(cls, tuple(dims))

    def __repr__(self) -> str:
        return "shape(" + ", ".join("NA" if d is None else str(d) for d in self) + ")"

    __str__ = __repr__

    def as_list(self) -> list[int | None]:
        return list(self)


def _is_tensor(value: Any) -> bool:
    """A Keras/backend tensor or variable (never a numpy array or a plain value)."""
    if value is None or isinstance(value, (numbers.Number, str, bytes, list, tuple, dict, np.ndarray)):
        return False
    k = keras()
    return isinstance(value, (k.KerasTensor, k.Variable)) or bool(k.ops.is_tensor(value))


def _static_shape(x: Any) -> tuple[int | None, ...]:
    return tuple(None if d is None else int(d) for d in x.shape)


def _shape_dims(value: Any, out: list[int | None]) -> None:
    if value is None:
        out.append(None)
        return
    if isinstance(value, (str, bytes, dict)) or isinstance(value, bool) or type(value).__name__ == "bool_":
        raise arg_error("shape", "...", "whole numbers, NA/NULL/-1 (unknown) or tensors", value)
    if isinstance(value, numbers.Number):
        if math.isnan(float(value)) or value == -1:  # type: ignore[arg-type]
            out.append(None)
            return
        if not float(value).is_integer() or value < 0:  # type: ignore[operator]
            raise arg_error("shape", "...", "whole numbers >= 0, NA/NULL/-1 (unknown) or tensors", value)
        out.append(int(value))  # type: ignore[call-overload]
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            _shape_dims(item, out)
        return
    if isinstance(value, np.ndarray):  # an R vector/array: its values are the dimensions (keras3)
        for item in value.reshape(-1).tolist():
            _shape_dims(item, out)
        return
    as_list = getattr(value, "as_list", None)  # a TensorShape
    if callable(as_list) and not _is_tensor(value):
        out.extend(None if d is None else int(d) for d in as_list())
        return
    if _is_tensor(value):
        out.extend(_static_shape(value))
        return
    raise arg_error("shape", "...", "whole numbers, NA/NULL/-1 (unknown) or tensors", value)


def shape(*dims: Any) -> Shape:
    """Tensor shape utility: make a shape, or get the shape of a tensor.

    keras3's ``shape()``: ``shape(NA, 3)`` (or ``NULL``/``-1`` for the unknown dimension) is a
    2-d shape whose first dimension is unknown; a tensor (symbolic or eager) or a variable gives
    its shape; several arguments are joined, so ``shape(x, 4)`` appends a dimension. Plain numbers
    and R vectors give their values as dimensions. The result prints as ``shape(NA, 3)`` and is
    accepted by every argument that takes a shape (``keras_input(shape = shape(28, 28))``,
    ``layer_reshape(target_shape =)``, ``random_normal(shape =)``). In R it is a ``keras_shape``
    list, with ``[``, ``==``, ``as.integer``, ``as.list``, ``length``, ``c`` and ``format``
    methods, and ``c(a, b) %<-% shape(x)`` destructures it.

    Args:
        *dims: Whole numbers, `NA`/`NULL`/`-1` for an unknown dimension, vectors of them,
            shapes, or tensors (their shape).

    Returns:
        A `keras_shape` (Python: `Shape`, a tuple of int and None).
    """
    out: list[int | None] = []
    for value in dims:
        _shape_dims(value, out)
    return Shape(out)


# ----------------------------------------------------------------------------- subsetting


def _fn_error(fn: str, message: str) -> RKerasError:
    return RKerasError(message, fn=fn)


def _whole(value: Any, fn: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(float(value)) \
            or not float(value).is_integer():
        raise _fn_error(fn, f"an index must be a whole number (1-based, negative counts from the end), "
                            f"got {value!r}")
    return int(value)


def _position(i: int, size: int | None, axis: int, fn: str) -> int:
    """A 1-based R index (negative: from the end) as a 0-based Python one."""
    if i == 0:
        raise _fn_error(fn, "indices are 1-based (1 is the first element, -1 the last): "
                            f"got 0 for axis {axis + 1}")
    if size is not None and (i > size or i < -size):
        raise _fn_error(fn, f"index {i} is out of range for axis {axis + 1} of size {size}")
    if i > 0:
        return i - 1
    if size is None:
        raise _fn_error(fn, f"a negative index needs a known size, but axis {axis + 1} has none")
    return size + i


def _slice(s: slice, size: int | None, axis: int, fn: str) -> slice:
    """R's ``start:stop`` (1-based, both ends included; None = NA) as a Python slice."""
    start = None if s.start is None or _is_nan(s.start) else _whole(s.start, fn)
    stop = None if s.stop is None or _is_nan(s.stop) else _whole(s.stop, fn)
    step = None if s.step is None or _is_nan(s.step) else _whole(s.step, fn)
    if start == 0 or stop == 0:
        raise _fn_error(fn, f"indices are 1-based (1 is the first element, -1 the last): a slice of axis "
                            f"{axis + 1} starts or ends at 0")
    if step is not None and step <= 0:
        raise _fn_error(fn, f"a slice step must be positive, got {step}")
    py_start = None if start is None else (start - 1 if start > 0 else start)
    py_stop = None if stop is None or stop == -1 else (stop if stop > 0 else stop + 1)
    return slice(py_start, py_stop, step)


def _is_nan(v: Any) -> bool:
    return isinstance(v, float) and math.isnan(v)


def _concrete(value: Any, fn: str) -> np.ndarray:
    if _is_tensor(value):
        try:
            return np.asarray(keras().ops.convert_to_numpy(value))
        except Exception as err:  # noqa: BLE001 - a symbolic tensor has no values
            raise _fn_error(fn, "a tensor used as an index must have values (an eager tensor), "
                                "not a symbolic one") from err
    return np.asarray(value)


# One normalized index: ("int", i) drops the axis, ("slice", s), ("take", positions), ("new", None).
_Spec = tuple[str, Any]


def _normalize(indices: tuple[Any, ...], shp: tuple[int | None, ...], fn: str) -> list[_Spec]:
    rank = len(shp)
    consuming = sum(1 for i in indices if i is not None and i is not Ellipsis)
    if sum(1 for i in indices if i is Ellipsis) > 1:
        raise _fn_error(fn, "all_dims() (`..`) may appear only once")
    if consuming > rank:
        raise _fn_error(fn, f"{consuming} indices for a tensor of rank {rank}")
    specs: list[_Spec] = []
    axis = 0
    for index in indices:
        if index is Ellipsis:
            for _ in range(rank - consuming):
                specs.append(("slice", slice(None)))
                axis += 1
            continue
        if index is None:
            specs.append(("new", None))
            continue
        size = shp[axis]
        specs.append(_one(index, size, axis, fn))
        axis += 1
    while axis < rank:  # missing trailing axes are taken whole (keras3: x[1] is the first row)
        specs.append(("slice", slice(None)))
        axis += 1
    return specs


def _one(index: Any, size: int | None, axis: int, fn: str) -> _Spec:
    if isinstance(index, slice):
        return ("slice", _slice(index, size, axis, fn))
    if isinstance(index, (bool, np.bool_)):
        return ("slice", slice(None)) if index else ("take", np.zeros(0, dtype=np.int64))
    if isinstance(index, numbers.Number):
        if _is_nan(index):
            raise _fn_error(fn, f"NA is not an index (axis {axis + 1}); in a slice, NA:NA is the whole axis")
        return ("int", _position(_whole(index, fn), size, axis, fn))
    values = _concrete(index, fn)
    if values.ndim > 1:
        raise _fn_error(fn, f"the index for axis {axis + 1} must be a number, a vector or a slice, "
                            f"got an array of shape {values.shape}")
    if values.ndim == 0:
        return _one(values.item(), size, axis, fn)
    if values.dtype == bool or (values.dtype == object and all(isinstance(v, (bool, np.bool_))
                                                             for v in values.tolist())):
        mask = values.astype(bool)
        if size is not None and mask.size != size:
            raise _fn_error(fn, f"a logical index for axis {axis + 1} must have length {size}, "
                                f"got {mask.size}")
        return ("take", np.flatnonzero(mask))
    positions = [_position(_whole(v, fn), size, axis, fn) for v in values.tolist()]
    return ("take", np.asarray(positions, dtype=np.int64))


def _apply(x: Any, specs: list[_Spec], take: Callable[[Any, np.ndarray, int], Any]) -> Any:
    """Basic indexing first (ints, slices, new axes), then one ``take`` per vector index."""
    key: list[Any] = []
    takes: list[tuple[int, np.ndarray]] = []
    out_axis = 0
    for kind, value in specs:
        if kind == "int":
            key.append(value)
            continue
        if kind == "new":
            key.append(None)
        elif kind == "slice":
            key.append(value)
        else:
            key.append(slice(None))
            takes.append((out_axis, value))
        out_axis += 1
    if any(not (isinstance(k, slice) and k == slice(None)) for k in key):
        x = x[tuple(key)]
    for axis, positions in takes:
        x = take(x, positions, axis)
    return x


def _special(x_shape: tuple[int | None, ...], only: Any, fn: str) -> np.ndarray | None:
    """keras3's one-argument forms: a logical array shaped like ``x`` (elements in row-major
    order) or an integer matrix with one column per axis (coordinates); 0-based flat positions."""
    if isinstance(only, (numbers.Number, slice)) or only is None or only is Ellipsis:
        return None
    if not (isinstance(only, np.ndarray) or _is_tensor(only)):
        return None
    values = _concrete(only, fn)
    rank = len(x_shape)
    if values.ndim < 2 or None in x_shape:
        return None
    if values.dtype == bool and values.shape == x_shape:
        return np.flatnonzero(values.reshape(-1))
    if values.ndim == 2 and values.shape[1] == rank and values.dtype.kind in "iuf":
        coords = [[_position(_whole(v, fn), x_shape[a], a, fn) for a, v in enumerate(row)]
                  for row in values.tolist()]
        return np.ravel_multi_index(np.asarray(coords, dtype=np.int64).T, x_shape) if coords else \
            np.zeros(0, dtype=np.int64)
    return None


def _as_tensor_arg(x: Any) -> Any:
    if _is_tensor(x):
        return x
    return keras().ops.convert_to_tensor(x)


def op_subset(x: Any, *indices: Any) -> Any:
    """Subset a tensor with R's `[` rules (keras3's `op_subset()`, also `x[...]` in R).

    Positive indices are 1-based and negative ones count from the end (`-1` is the last); a
    slice `start:end` includes both ends, with `NA` for "from the first" / "to the last" and
    `start:end:step` for strides; a vector of indices or a logical vector selects along its
    axis (several vectors select the crossed subset, as R does); `NULL`/`newaxis` inserts an
    axis of length 1; `..`/`all_dims()` stands for every axis not given; missing trailing axes
    are taken whole (`x[1]` of a matrix is its first row); an integer index drops its axis, a
    slice keeps it (`x[, 2:2]`). One argument can also be a logical array shaped like `x` (the
    selected elements in row-major order) or an integer matrix with one column per axis (one
    element per row). Unlike R, `0` and `NA` are errors, and negative indices never exclude.

    From Python, R's `x[1, 2:3, ]` is `op_subset(x, 1, slice(2, 3), slice(None))`: a
    `slice(start, stop, step)` means R's `start:stop` (1-based, both ends included, None for NA),
    `Ellipsis` is `all_dims()` and `None` is `newaxis`.

    Args:
        x: Input tensor (an array is converted to one).
        *indices: The indices, one per axis (see above).

    Returns:
        A tensor containing the subset of elements.
    """
    fn = "op_subset"
    x = _as_tensor_arg(x)
    k = keras()
    shp = _static_shape(x)
    if len(indices) == 1:
        flat = _special(shp, indices[0], fn)
        if flat is not None:
            return k.ops.take(k.ops.reshape(x, (-1,)), flat)
    specs = _normalize(indices, shp, fn)
    return _apply(x, specs, lambda t, pos, axis: k.ops.take(t, pos, axis=axis))


def op_subset_set(x: Any, *indices: Any, value: Any) -> Any:
    """Replace the elements of a tensor that `op_subset()` selects (`x[...] <- value` in R).

    The indices follow `op_subset()`'s rules; `value` is broadcast to the selected shape. The
    result is a new tensor with the elements replaced; a variable (`keras_variable()`) is
    assigned in place and returned. It works on symbolic tensors too (through
    `op_scatter_update()`), as long as `x`'s shape is fully known.

    Args:
        x: Input tensor or variable.
        *indices: The indices, one per axis (see `op_subset()`).
        value: The new values for the selected elements.

    Returns:
        The tensor with the subset replaced (the variable itself, for a variable).
    """
    fn = "op_subset_set"
    k = keras()
    target = x if isinstance(x, k.Variable) else _as_tensor_arg(x)
    shp = _static_shape(target)
    if None in shp:
        raise _fn_error(fn, f"replacing elements needs a fully known shape, got {Shape(shp)!r}")
    positions = np.arange(int(np.prod(shp, dtype=np.int64)), dtype=np.int64).reshape(shp)
    flat = _special(shp, indices[0], fn) if len(indices) == 1 else None
    if flat is None:
        specs = _normalize(indices, shp, fn)
        selected = np.asarray(_apply(positions, specs, lambda a, pos, axis: np.take(a, pos, axis=axis)))
    else:
        selected = flat
    dtype = target.dtype
    updates = k.ops.broadcast_to(k.ops.cast(k.ops.convert_to_tensor(value), dtype), selected.shape)
    new = k.ops.scatter_update(k.ops.reshape(target, (-1,)), selected.reshape(-1, 1),
                               k.ops.reshape(updates, (-1,)))
    new = k.ops.reshape(new, shp)
    if isinstance(target, k.Variable):
        target.assign(new)
        return target
    return new


def _r_key(kinds: Any, values: Any) -> tuple[Any, ...]:
    """The indices R's `[` captured (R/tensors.R): kinds "all" (an empty argument), "ellipsis",
    "newaxis", "slice" (c(start, end, step), NA allowed) or "value"."""
    if isinstance(kinds, str):
        kinds = [kinds]
    values = list(values) if isinstance(values, (list, tuple)) else [values]
    out: list[Any] = []
    for kind, value in zip(kinds or [], values, strict=False):
        if kind == "all":
            out.append(slice(None))
        elif kind == "ellipsis":
            out.append(Ellipsis)
        elif kind == "newaxis":
            out.append(None)
        elif kind == "slice":
            start, stop, step = (list(value) + [None, None, None])[:3]
            out.append(slice(start, stop, step))
        else:
            out.append(value)
    return tuple(out)


def r_subset(x: Any, kinds: Any, values: Any) -> Any:
    """``x[...]`` / ``op_subset(x, ...)`` from R (the dispatcher's ``.op_subset``)."""
    return op_subset(x, *_r_key(kinds, values))


def r_subset_set(x: Any, kinds: Any, values: Any, value: Any) -> Any:
    """``x[...] <- value`` / ``op_subset(x, ...) <- value`` from R (``.op_subset_set``)."""
    return op_subset_set(x, *_r_key(kinds, values), value=value)


# ----------------------------------------------------------------------------- R group generics

# R's Ops -> keras.ops (binary); unary minus, plus and `!`.
_BINARY = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "^": "power", "%%": "mod",
           "%/%": "floor_divide", "==": "equal", "!=": "not_equal", "<": "less", "<=": "less_equal",
           ">": "greater", ">=": "greater_equal", "&": "logical_and", "|": "logical_or"}
_UNARY = {"-": "negative", "!": "logical_not"}
# R's Math group -> keras.ops
_MATH = {"abs": "absolute", "sign": "sign", "sqrt": "sqrt", "floor": "floor", "ceiling": "ceil",
         "trunc": "trunc", "exp": "exp", "expm1": "expm1", "log1p": "log1p", "log2": "log2",
         "log10": "log10", "cos": "cos", "sin": "sin", "tan": "tan", "acos": "arccos", "asin": "arcsin",
         "atan": "arctan", "cosh": "cosh", "sinh": "sinh", "tanh": "tanh", "acosh": "arccosh",
         "asinh": "arcsinh", "atanh": "arctanh", "cumsum": "cumsum", "cumprod": "cumprod"}
_PI_TRIG = {"cospi": "cos", "sinpi": "sin", "tanpi": "tan"}
_SUMMARY = {"sum": ("sum", "add"), "prod": ("prod", "multiply"), "max": ("max", "maximum"),
            "min": ("min", "minimum"), "all": ("all", "logical_and"), "any": ("any", "logical_or")}


def tensor_op(op: str, e1: Any, e2: Any = None, unary: bool = False) -> Any:
    """R's ``Ops`` group generic on tensors: ``+ - * / ^ %% %/%``, comparisons, ``! & |``."""
    ops = keras().ops
    if unary:
        if op == "+":
            return e1
        if op not in _UNARY:
            raise RKerasError(f"unary `{op}` is not defined for tensors", fn=op)
        return getattr(ops, _UNARY[op])(e1)
    if op not in _BINARY:
        raise RKerasError(f"`{op}` is not defined for tensors", fn=op)
    return getattr(ops, _BINARY[op])(e1, e2)


def tensor_math(fn: str, x: Any, *args: Any, **kwargs: Any) -> Any:
    """R's ``Math`` group generic on tensors (``exp``, ``log(x, base)``, ``round(x, digits)``,
    ``cumsum`` (over the flattened tensor, row-major), trigonometry, ...)."""
    ops = keras().ops
    if fn == "log":
        base = args[0] if args else kwargs.get("base")
        out = ops.log(x)
        return out if base is None or base == math.e else ops.divide(out, math.log(float(base)))
    if fn == "round":
        digits = args[0] if args else kwargs.get("digits", 0)
        return ops.round(x, decimals=int(digits or 0))
    if fn in _PI_TRIG:
        return getattr(ops, _PI_TRIG[fn])(ops.multiply(x, math.pi))
    if fn in _MATH:
        return getattr(ops, _MATH[fn])(x)
    raise RKerasError("not available for tensors (Keras has no op for it); use as.array() first", fn=fn)


def tensor_summary(fn: str, *args: Any, na_rm: bool = False) -> Any:
    """R's ``Summary`` group generic on tensors: ``sum``, ``prod``, ``max``, ``min``, ``all``,
    ``any`` over every element of every argument, and ``range`` (``c(min, max)``)."""
    ops = keras().ops
    if fn == "range":
        return ops.stack([tensor_summary("min", *args), tensor_summary("max", *args)])
    if fn not in _SUMMARY:
        raise RKerasError("not available for tensors", fn=fn)
    reduce, combine = _SUMMARY[fn]
    out: Any = None
    for arg in args:
        if arg is None:
            continue
        part = getattr(ops, reduce)(arg)
        out = part if out is None else getattr(ops, combine)(out, part)
    if out is None:
        raise RKerasError("needs at least one tensor", fn=fn)
    return out


def _r_integers(dims: tuple[int | None, ...]) -> np.ndarray:
    return np.asarray([_NA_INTEGER if d is None else d for d in dims], dtype=np.int32)


def tensor_dim(x: Any) -> np.ndarray:
    """``dim()`` of a tensor: its shape as an R integer vector (NA for an unknown dimension)."""
    return _r_integers(_static_shape(x))


def tensor_length(x: Any) -> np.ndarray:
    """``length()`` of a tensor: its number of elements (NA when a dimension is unknown)."""
    shp = _static_shape(x)
    return _r_integers((None if None in shp else int(np.prod(shp, dtype=np.int64)),))


def tensor_as_array(x: Any) -> np.ndarray:
    """``as.array()`` of a tensor or variable: its values (an error for a symbolic tensor)."""
    k = keras()
    if isinstance(x, k.KerasTensor):
        raise RKerasError(f"a symbolic tensor ({x.name}, shape {Shape(_static_shape(x))!r}) has no values; "
                          "call the model on data (predict()) to get some", fn="as.array")
    return np.asarray(k.ops.convert_to_numpy(x))


# ----------------------------------------------------------------------------- reticulate-style names


def r_to_py(x: Any, convert: bool = False) -> Any:
    """An R value as a Python object (reticulate's `r_to_py()`, which keras3 re-exports).

    In R the result is a handle to the Python object (R vectors become lists, arrays numpy
    arrays, lists lists or dicts), whose `$` reaches its attributes; `py_to_r()` converts it
    back. From Python the value is returned as it is (an array is copied, so it never shares
    memory with R).

    Args:
        x: An R value.
        convert: Ignored (accepted for reticulate's signature): rkeras handles always convert
            the results of calls.

    Returns:
        A Python object (in R, a handle to it).
    """
    if isinstance(x, np.ndarray):
        return np.array(x)
    return x


def py_to_r(x: Any) -> Any:
    """A Python object as an R value (reticulate's `py_to_r()`): numpy arrays, lists, tuples,
    dicts and scalars become R arrays, vectors and lists; other objects stay handles.

    Args:
        x: A handle to a Python object.

    Returns:
        The R value.
    """
    if isinstance(x, np.ndarray):
        return x.view()  # a new object, so the bridge converts it instead of handing back the handle
    if isinstance(x, (list, tuple)):
        return list(x)
    if isinstance(x, dict):
        return dict(x)
    if isinstance(x, np.generic):
        return x.item()
    return x


def np_array(x: Any, dtype: Any = None, order: str = "C") -> np.ndarray:
    """A NumPy array (reticulate's `np_array()`): a copy of `x` with `dtype` and memory order.

    In R the result stays a Python numpy array (a handle); `py_to_r()` or `as.array()` gives the
    R array back.

    Args:
        x: An R vector or array (or anything numpy accepts).
        dtype: The numpy dtype (`"float32"`, `"int64"`, ...); NULL keeps `x`'s.
        order: `"C"` (row-major) or `"F"` (column-major) memory layout.

    Returns:
        A numpy array.
    """
    if order not in ("C", "F"):
        raise arg_error("np_array", "order", '"C" or "F"', order)
    return np.array(x, dtype=dtype, order=order)


def py_tuple(*args: Any) -> tuple[Any, ...]:
    """A Python tuple of the arguments (reticulate's `tuple()`); a single list (or another
    iterable that is not a string, dict or array) gives the tuple of its elements, as Python's
    own `tuple()` does, so `from rkeras import *` leaves `tuple(iterable)` working.

    In R the result stays a Python tuple (a handle).

    Args:
        *args: The elements.

    Returns:
        A tuple.
    """
    if len(args) == 1 and hasattr(args[0], "__iter__") and \
            not isinstance(args[0], (str, bytes, dict, np.ndarray)):
        return tuple(args[0])
    return tuple(args)


def import_module(module: str, as_: str | None = None, convert: bool = True, delay_load: bool = False) -> Any:
    """A Python module (reticulate's `import()`): `np <- import("numpy"); np$arange(3L)`.

    Args:
        module: The module's name (`"numpy"`, `"keras.ops"`).
        as_: Ignored (reticulate's alias for the module's printed name).
        convert: Ignored: results of calls through rkeras handles are always converted to R.
        delay_load: Ignored: the module is imported now.

    Returns:
        The module (in R, a handle).
    """
    if not isinstance(module, str) or not module:
        raise arg_error("import", "module", "the name of a Python module", module)
    from ._keras import wait_for_preload

    wait_for_preload()
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise RKerasError(f"no Python module named {module!r}: {err}", fn="import", arg="module") from err


def as_iterator(x: Any) -> Iterator[Any]:
    """A Python iterator over `x` (reticulate's `as_iterator()`), for `iter_next()`.

    Args:
        x: An iterable Python object (a dataset, a list, a generator, ...).

    Returns:
        An iterator (in R, a handle).
    """
    try:
        return iter(x)
    except TypeError as err:
        raise arg_error("as_iterator", "x", "an iterable object", x) from err


def iter_next(it: Any, completed: Any = None) -> Any:
    """The next element of an iterator (reticulate's `iter_next()`), or `completed` when it is
    exhausted.

    Args:
        it: An iterator (from `as_iterator()`).
        completed: What to return once the iterator is exhausted.

    Returns:
        The next element, or `completed`.
    """
    if not hasattr(it, "__next__"):
        raise arg_error("iter_next", "it", "an iterator (see as_iterator())", it)
    return next(it, completed)


def iterate(it: Any, f: Any = None, simplify: bool = True) -> list[Any]:
    """Apply `f` to every element of an iterable (reticulate's `iterate()`).

    Args:
        it: An iterable Python object (a dataset, a list, a generator, ...).
        f: A function of one element (NULL: the elements themselves, R's `identity`).
        simplify: When TRUE, results that are all single numbers, strings or logicals become one
            R vector; when FALSE, the result is always a list.

    Returns:
        The list (or vector) of results.
    """
    try:
        items = iter(it)
    except TypeError as err:
        raise arg_error("iterate", "it", "an iterable object", it) from err
    out = [item if f is None else f(item) for item in items]
    if not simplify:
        # A list of length-1 arrays never collapses into an atomic R vector.
        out = [np.asarray([v]) if isinstance(v, (numbers.Number, str)) else v for v in out]
    return out


def as_tensor(x: Any, dtype: Any = None, *args: Any, shape: Any = None, name: str | None = None) -> Any:
    """Convert to a tensor, optionally of a `dtype` and reshaped (keras3's `as_tensor()`).

    `shape` reshapes in row-major (C) order and may hold one unknown dimension (`NA` or `-1`);
    a scalar `x` with a fully known `shape` is repeated to fill it.

    Args:
        x: An R value, array or tensor.
        dtype: The dtype (`"float32"`, `"int32"`, ...); NULL keeps `x`'s.
        *args: Ignored.
        shape: The shape of the result (a `shape()`, a vector with at most one `NA`/`-1`).
        name: Ignored (TensorFlow's graph names).

    Returns:
        A tensor.
    """
    k = keras()
    out = k.ops.convert_to_tensor(x, dtype=dtype)
    if shape is None:
        return out
    dims = [-1 if d is None else d for d in shape]
    if len(_static_shape(out)) == 0 and -1 not in dims:
        return k.ops.full(tuple(dims), out, dtype=out.dtype)
    return k.ops.reshape(out, tuple(dims))


def py_help(object: Any) -> None:  # noqa: A002 - reticulate's name
    """Print the Python documentation of an object (reticulate's `py_help()`).

    Args:
        object: A handle to a Python object (a module, class, function, layer, ...).

    Returns:
        NULL, invisibly.
    """
    import pydoc

    print(pydoc.plain(pydoc.render_doc(object, title="Help on %s")))
