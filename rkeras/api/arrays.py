"""Array helpers with R keras semantics: ``array_reshape``, ``to_categorical``,
``pad_sequences`` and ``normalize``.

Everything here is plain numpy; importing this module imports neither
TensorFlow nor Keras.

R semantics in one line each (see ``r-keras-semantics.md`` sections 2.1, 2.2, 2.7):

* ``array_reshape(x, dim, order = c("C", "F"))`` is ``numpy.reshape``; "C"
  (the default) reads and fills row-major, "F" reproduces R's ``dim<-``.
* ``to_categorical()`` takes **0-based** class labels; a factor (pandas
  Categorical) uses its 0-based codes and defaults ``num_classes`` to its
  number of levels.
* ``pad_sequences()`` gives the same result as ``keras.utils.pad_sequences``.
* ``normalize()`` takes a **1-based** ``axis`` (negative counts from the end,
  0 is an error), as keras3's ``as_axis`` does.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error
from .args import as_whole, is_na
from .memory import check_allocation

__all__ = ["array_reshape", "to_categorical", "pad_sequences", "normalize"]


# --------------------------------------------------------------------------- helpers


def _count(fn: str, arg: str, value: object, expected: str, minimum: int) -> int | None:
    """An optional count, already converted by the row (``int``): None, or a whole number >= minimum."""
    if value is None:
        return None
    n = as_whole(value, fn=fn, arg=arg, expected=expected)
    if n < minimum:
        raise arg_error(fn, arg, expected, value)
    return n


def _r_vector(values: Sequence[object]) -> str:
    return "c(" + ", ".join(str(v) for v in values) + ")"


def _dtype(fn: str, dtype: object) -> np.dtype[Any]:
    try:
        return np.dtype(dtype)  # type: ignore[arg-type]
    except TypeError as exc:
        raise arg_error(fn, "dtype", 'a numpy dtype name such as "float32"', dtype) from exc


# --------------------------------------------------------------------------- array_reshape


def _parse_dim(dim: object) -> list[int]:
    fn = "array_reshape"
    expected = "a vector of whole numbers (one of them may be -1, NA or NULL for 'unknown')"
    if dim is None or isinstance(dim, (str, bytes, dict)):
        raise arg_error(fn, "dim", expected, dim)
    items: list[object]
    if isinstance(dim, np.ndarray):
        items = list(dim.ravel().tolist())
    elif isinstance(dim, (numbers.Number, np.generic)):
        items = [dim]
    elif isinstance(dim, Iterable):
        items = list(dim)
    else:
        raise arg_error(fn, "dim", expected, dim)
    out: list[int] = []
    for item in items:
        if is_na(item):
            out.append(-1)
            continue
        try:
            n = as_whole(item, fn=fn, arg="dim", expected=expected)
        except RKerasError:
            raise arg_error(fn, "dim", expected + f"; element {len(out) + 1} is not", item) from None
        if n < -1:
            raise arg_error(fn, "dim", expected + f"; element {len(out) + 1} is negative", item)
        out.append(n)
    if out.count(-1) > 1:
        raise RKerasError(
            f"`dim` can have at most one unknown (-1, NA or NULL) dimension, got {_r_vector(out)}",
            fn=fn,
            arg="dim",
        )
    return out


def array_reshape(x: Any, dim: Any, order: str = "C") -> np.ndarray:
    """Reshape an array the way R's ``array_reshape()`` does (``numpy.reshape``).

    ``order = "C"`` (the default) reads the elements in row-major order and
    fills the new shape row-major; ``order = "F"`` is column-major, i.e. what
    R's ``dim(x) <- dim`` does. ``dim`` may hold one unknown dimension, given
    as -1, ``None`` or NaN (R's ``NA``). Returns a numpy array.
    """
    fn = "array_reshape"
    if isinstance(order, (list, tuple)) and len(order) >= 1 and all(isinstance(o, str) for o in order):
        # R's default `order = c("C", "F")` means its first value (match.arg)
        order = order[0]
    if order not in ("C", "F"):
        raise arg_error(fn, "order", 'one of "C" or "F"', order)
    shape = _parse_dim(dim)
    arr = np.asarray(x)
    size = int(arr.size)
    if -1 in shape:
        known = math.prod(d for d in shape if d != -1)
        if known == 0 or size % known != 0:
            raise RKerasError(
                f"cannot reshape an array of {size} elements into `dim` {_r_vector(shape)} "
                f"({size} is not a multiple of {known})",
                fn=fn,
                arg="dim",
            )
    else:
        wanted = math.prod(shape)
        if wanted != size:
            raise RKerasError(
                f"cannot reshape an array of {size} elements into `dim` {_r_vector(shape)} "
                f"({wanted} elements)",
                fn=fn,
                arg="dim",
            )
    if order == "C" and arr.ndim > 1 and arr.flags.f_contiguous and not arr.flags.c_contiguous:
        return _c_reshape_into_f(arr, tuple(shape))
    return np.reshape(arr, tuple(shape), order=order)  # type: ignore[call-overload,no-any-return]


def _c_reshape_into_f(arr: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Row-major reshape of a column-major array (an R array's view), written straight into a
    column-major result: the same values as ``np.reshape(arr, shape)``, but the result is laid
    out as R wants it, so going back to R is one plain copy instead of a second transpose."""
    if -1 in shape:
        known = int(np.prod([d for d in shape if d != -1]))
        shape = tuple(arr.size // known if d == -1 else d for d in shape)
    out = np.empty(shape, dtype=arr.dtype, order="F")
    target = out.view()
    try:
        target.shape = arr.shape  # a view in the input's shape, row-major index order
    except AttributeError:  # axes that cannot be regrouped without a copy
        return np.reshape(arr, shape)
    np.copyto(target, arr)
    return out


# --------------------------------------------------------------------------- to_categorical


def _category_codes(x: Any) -> tuple[np.ndarray, int] | None:
    """(0-based codes, number of levels) for a pandas Categorical / category Series."""
    dtype = getattr(x, "dtype", None)
    if getattr(dtype, "name", None) != "category":
        return None
    cat = getattr(x, "cat", None)  # Series of category dtype
    codes = cat.codes if cat is not None else x.codes
    n_levels = len(dtype.categories)  # type: ignore[union-attr]
    return np.asarray(codes, dtype=np.int64), n_levels


def to_categorical(x: Any, num_classes: Any = None, dtype: Any = "float32") -> np.ndarray:
    """One-hot encode **0-based** integer class labels (R's ``to_categorical()``).

    A factor (pandas ``Categorical`` or a Series of category dtype) is encoded
    by its 0-based codes and ``num_classes`` defaults to its number of levels;
    otherwise ``num_classes`` defaults to ``max(x) + 1``. Whole doubles are
    accepted. An input of shape ``(..., 1)`` loses its last axis (as in Keras),
    and the class axis is appended last.
    """
    fn = "to_categorical"
    out_dtype = _dtype(fn, dtype)
    n_classes = _count(fn, "num_classes", num_classes, "NULL or a positive whole number", 1)

    coded = _category_codes(x)
    if coded is not None:
        labels, n_levels = coded
        if np.any(labels < 0):
            raise RKerasError("`x` is a factor with missing values (NA)", fn=fn, arg="x")
        if n_classes is None:
            n_classes = n_levels
    else:
        arr = np.asarray(x)
        if arr.dtype == object:
            try:
                arr = arr.astype(np.float64)
            except (TypeError, ValueError):
                raise arg_error(fn, "x", "integer class labels (0-based)", x) from None
        if arr.dtype.kind == "b":
            labels = arr.astype(np.int64)
        elif arr.dtype.kind in "iu":
            labels = arr.astype(np.int64)
        elif arr.dtype.kind == "f":
            if not np.all(np.isfinite(arr)):
                raise RKerasError(
                    "`x` must hold class labels, got missing (NA/NaN) or infinite values", fn=fn, arg="x"
                )
            if not np.all(arr == np.floor(arr)):
                bad = arr[arr != np.floor(arr)].ravel()[0].item()
                raise RKerasError(
                    f"`x` must hold whole-number class labels (0-based), got {bad!r}", fn=fn, arg="x"
                )
            labels = arr.astype(np.int64)
        else:
            raise arg_error(fn, "x", "integer class labels (0-based)", x)

    input_shape = labels.shape
    if len(input_shape) > 1 and input_shape[-1] == 1:
        input_shape = input_shape[:-1]
    flat = labels.reshape(-1)
    if flat.size == 0:
        if n_classes is None:
            raise RKerasError("`num_classes` must be given when `x` is empty", fn=fn, arg="num_classes")
    else:
        lo, hi = int(flat.min()), int(flat.max())
        if n_classes is None:
            if lo < 0:
                raise RKerasError(
                    f"`x` must hold labels in 0..num_classes-1 (0-based), got {lo}", fn=fn, arg="x"
                )
            n_classes = hi + 1
        elif lo < 0 or hi >= n_classes:
            bad = lo if lo < 0 else hi
            raise RKerasError(
                f"`x` must hold labels in 0..num_classes-1 (0-based), got {bad} "
                f"with num_classes = {n_classes}",
                fn=fn,
                arg="x",
            )
    check_allocation(fn, f"the result of shape {(*input_shape, n_classes)}",
                     flat.shape[0] * n_classes * out_dtype.itemsize)
    categorical = np.zeros((flat.shape[0], n_classes), dtype=out_dtype)
    categorical[np.arange(flat.shape[0]), flat] = 1
    return categorical.reshape(tuple(input_shape) + (n_classes,))


# --------------------------------------------------------------------------- pad_sequences


def pad_sequences(
    sequences: Any,
    maxlen: Any = None,
    dtype: Any = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value: Any = 0.0,
) -> np.ndarray:
    """Pad (and truncate) a list of sequences to one length; same result as
    ``keras.utils.pad_sequences``. Returns an array of shape
    ``(length(sequences), maxlen)``; ``maxlen`` defaults to the longest sequence.
    """
    fn = "pad_sequences"
    if padding not in ("pre", "post"):
        raise arg_error(fn, "padding", 'one of "pre" or "post"', padding)
    if truncating not in ("pre", "post"):
        raise arg_error(fn, "truncating", 'one of "pre" or "post"', truncating)
    n_max = _count(fn, "maxlen", maxlen, "NULL or a non-negative whole number", 0)
    if isinstance(sequences, (str, bytes)) or not isinstance(sequences, Iterable):
        raise arg_error(fn, "sequences", "a list of sequences (e.g. list(c(1, 2), c(3)))", sequences)
    seqs = list(sequences)

    lengths: list[int] = []
    sample_shape: tuple[int, ...] = ()
    found = False
    for i, s in enumerate(seqs):
        if isinstance(s, (str, bytes)) or not hasattr(s, "__len__"):
            raise RKerasError(
                f"`sequences` must be a list of sequences (e.g. list(c(1, 2), c(3))), "
                f"but element {i + 1} is {s!r} ({type(s).__name__})",
                fn=fn,
                arg="sequences",
            )
        lengths.append(len(s))
        if not found and len(s):
            sample_shape = np.asarray(s).shape[1:]
            found = True
    if n_max is None:
        n_max = max(lengths) if lengths else 0

    np_dtype = _dtype(fn, dtype)
    is_dtype_str = np.issubdtype(np_dtype, np.str_) or np.issubdtype(np_dtype, np.bytes_)
    if isinstance(value, str) and np_dtype != np.dtype(object) and not is_dtype_str:
        raise RKerasError(
            f'`value` is a string, so `dtype` must be "object" or a string dtype, got {dtype!r}',
            fn=fn,
            arg="dtype",
        )
    shape = (len(seqs), n_max) + sample_shape
    check_allocation(fn, f"the result of shape {shape}", math.prod(shape) * np_dtype.itemsize)
    out = np.full(shape, value, dtype=np_dtype)
    if n_max == 0:
        return out
    for i, s in enumerate(seqs):
        if not len(s):
            continue
        trunc = s[-n_max:] if truncating == "pre" else s[:n_max]
        trunc = np.asarray(trunc, dtype=np_dtype)
        if trunc.shape[1:] != sample_shape:
            raise RKerasError(
                f"`sequences` element {i + 1} has items of shape {trunc.shape[1:]}, "
                f"expected {sample_shape} like the first non-empty element",
                fn=fn,
                arg="sequences",
            )
        if padding == "post":
            out[i, : len(trunc)] = trunc
        else:
            out[i, -len(trunc) :] = trunc
    return out


# --------------------------------------------------------------------------- normalize


def normalize(x: Any, axis: Any = -1, order: Any = 2) -> np.ndarray:
    """L-``order`` normalise ``x`` along ``axis`` (like ``keras.utils.normalize``).

    ``axis`` is 1-based as in R (``axis = 1`` is the first axis, ``-1`` the
    last): the row's ``axis`` converter makes it 0-based before this runs.
    Slices whose norm is zero stay zero.
    """
    fn = "normalize"
    arr = np.asarray(x)
    if arr.dtype.kind not in "fiub":
        raise arg_error(fn, "x", "a numeric array", x)
    if arr.ndim == 0:
        raise arg_error(fn, "x", "an array with at least one dimension", x)
    if arr.dtype.kind != "f":
        arr = arr.astype(np.float64)
    py_axis = as_whole(axis, fn=fn, arg="axis", expected="one axis (1-based; negative counts from the end)")
    if not -arr.ndim <= py_axis < arr.ndim:
        r_axis = py_axis + 1 if py_axis >= 0 else py_axis
        raise RKerasError(
            f"`axis` = {r_axis} is out of range for an array with {arr.ndim} dimension(s)", fn=fn, arg="axis"
        )
    if isinstance(order, str) and order.lower() in ("inf", "-inf"):
        ord_value: float = float(order)
    elif isinstance(order, (numbers.Real, np.number)) and not isinstance(order, (bool, np.bool_)):
        f = float(order)  # type: ignore[arg-type]
        ord_value = int(f) if math.isfinite(f) and f == math.floor(f) else f
    else:
        raise arg_error(fn, "order", "a number (the p of the L-p norm, e.g. 2)", order)
    norm = np.linalg.norm(arr, ord=ord_value, axis=py_axis, keepdims=True)
    norm[norm == 0] = 1
    return arr / norm  # type: ignore[no-any-return]
