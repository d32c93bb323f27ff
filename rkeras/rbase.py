"""R's base functions with R's semantics, for Python ports of R Keras scripts (``rkeras port``).

``from rkeras.rbase import *`` gives the R base functions Keras scripts use, spelled as Python
names (``set.seed`` -> ``set_seed``, ``which.max`` -> ``which_max``; :data:`R_NAMES` maps them) and
computing what R computes: 1-based indices with R's negative indices and drop rules
(:func:`r_index`), column-major ``matrix()``, ``array()`` and ``dim<-``, R's ``round()`` (half to
even), ``seq``/``rep``/``1:n`` as R, R's random numbers (``runif``, ``rnorm``, ``sample``: drawn by
the embedded R, so ``set_seed()`` gives R's very numbers). ``print()`` prints numbers in R's
order (matrices row by row, arrays slice by slice), not R's exact layout.

Vectors are numpy arrays (a length-one vector is a Python scalar), character vectors lists of
``str`` (one string: a ``str``), named lists ``dict``.
"""

from __future__ import annotations

import builtins
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from .errors import RKerasError

__all__ = [
    "LETTERS",
    "MISSING",
    "NA",
    "R_NAMES",
    "Inf",
    "NaN",
    "abs",
    "apply",
    "array",
    "as_array",
    "as_character",
    "as_integer",
    "as_numeric",
    "c",
    "cat",
    "ceiling",
    "colon",
    "cumsum",
    "dim",
    "exp",
    "floor",
    "head",
    "identical",
    "is_na",
    "is_null",
    "isFALSE",
    "isTRUE",
    "lapply",
    "length",
    "letters",
    "log",
    "max",
    "max_col",
    "mean",
    "message",
    "min",
    "names",
    "ncol",
    "nrow",
    "numeric",
    "order",
    "paste",
    "paste0",
    "pi",
    "print",
    "prod",
    "r_destructure",
    "r_dot_assign",
    "r_dim_assign",
    "r_dollar",
    "r_dollar_assign",
    "r_in",
    "r_index",
    "r_show",
    "r_index_assign",
    "r_item",
    "r_item_assign",
    "r_iter",
    "r_not",
    "r_op",
    "rep",
    "rev",
    "rnorm",
    "round",
    "runif",
    "sample",
    "sapply",
    "scale",
    "sd",
    "seq",
    "seq_along",
    "seq_len",
    "set_seed",
    "sort",
    "sprintf",
    "sqrt",
    "stop",
    "sum",
    "table",
    "tail",
    "unique",
    "unlist",
    "var",
    "which",
    "which_max",
    "which_min",
]

NA: float = float("nan")
Inf: float = float("inf")
NaN: float = float("nan")
pi: float = math.pi
letters: list[str] = [chr(i) for i in range(ord("a"), ord("z") + 1)]
LETTERS: list[str] = [s.upper() for s in letters]


class _Missing:
    """An empty index, as in R's ``x[1:5, ]``."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


def _err(fn: str, msg: str) -> RKerasError:
    return RKerasError(f"{fn}(): {msg}")


def _vec(x: Any) -> np.ndarray:
    """x as an R vector: its elements in R's (column-major) order."""
    if x is None:
        return np.array([])
    if isinstance(x, Mapping):
        x = list(x.values())
    if isinstance(x, (list, tuple)):
        parts = [_vec(v) for v in x]
        return np.concatenate(parts) if parts else np.array([])
    a = np.asarray(x)
    return a.ravel(order="F") if a.ndim != 1 else a


def _out(a: np.ndarray) -> Any:
    """A result vector back: a scalar when it has one element, a list for strings."""
    if a.dtype.kind in "US":
        items = [str(v) for v in a]
        return items[0] if len(items) == 1 else items
    if a.size == 1 and a.ndim <= 1:
        return a.reshape(()).item()
    return a


# ----------------------------------------------------------------------------- constructors


def c(*args: Any, **named: Any) -> Any:
    """R's ``c()``: the elements of all arguments, in order, as one vector (``c(a = 1)``: a dict)."""
    if named:
        if args:
            raise _err("c", "mix of named and unnamed elements")
        return dict(named)
    if any(
        isinstance(a, (dict, list))
        and not all(
            isinstance(v, (int, float, str, bool)) for v in (a.values() if isinstance(a, dict) else a)
        )
        for a in args
    ):
        out: list[Any] = []
        for a in args:
            out += list(a.values()) if isinstance(a, dict) else list(a) if isinstance(a, list) else [a]
        return out
    vals = [_vec(a) for a in args if a is not None]
    if not vals:
        return None
    return _out(np.concatenate(vals))


def colon(start: Any, end: Any) -> np.ndarray:
    """R's ``start:end``: steps of 1 up or down, integers when ``start`` is whole."""
    s, e = float(_vec(start)[0]), float(_vec(end)[0])
    n = int(math.floor(builtins.abs(e - s) + 1e-10))
    step = 1 if e >= s else -1
    out = s + step * np.arange(n + 1)
    return out.astype(np.int64) if s.is_integer() else out


def seq_len(length_out: Any) -> np.ndarray:
    """R's ``seq_len(n)``: 1, 2, ..., n (empty for 0)."""
    return np.arange(1, int(length_out) + 1)


def seq_along(along_with: Any) -> np.ndarray:
    """R's ``seq_along(x)``: 1, ..., length(x)."""
    return np.arange(1, length(along_with) + 1)


def seq(from_: Any = 1, to: Any = None, by: Any = None, length_out: Any = None, **kw: Any) -> Any:
    """R's ``seq()`` (``from`` is spelled ``from_``)."""
    if "from" in kw:
        from_ = kw.pop("from")
    if to is None and by is None and length_out is None:
        return seq_len(from_) if np.ndim(from_) == 0 else seq_along(from_)
    if length_out is not None:
        if by is None and to is not None:
            return np.linspace(from_, to, int(length_out))
        by = 1 if by is None else by
        return from_ + by * np.arange(int(length_out))
    if by is None:
        return colon(from_, to)
    n = int(math.floor((to - from_) / by + 1e-10))
    if n < 0:
        raise _err("seq", "wrong sign in 'by' argument")
    out = from_ + by * np.arange(n + 1)
    return out


def rep(x: Any, times: Any = 1, each: int = 1, length_out: int | None = None) -> Any:
    """R's ``rep()``: ``times`` (a number or one count per element), ``each``, ``length_out``."""
    v = _vec(x)
    if each != 1:
        v = np.repeat(v, int(each))
    t = _vec(times)
    v = np.repeat(v, t.astype(int)) if t.size > 1 else np.tile(v, int(t[0]))
    if length_out is not None:
        v = np.resize(v, int(length_out))
    return _out(v)


def numeric(length: int = 0) -> np.ndarray:  # noqa: A002
    """R's ``numeric(n)``: n zeros."""
    return np.zeros(int(length))


def matrix(
    data: Any = NA, nrow: int | None = None, ncol: int | None = None, byrow: bool = False
) -> np.ndarray:
    """R's ``matrix()``: filled column by column (``byrow = TRUE``: row by row), data recycled."""
    v = _vec(data)
    if nrow is None and ncol is None:
        nrow, ncol = v.size, 1
    elif nrow is None:
        nrow = math.ceil(v.size / int(ncol))  # type: ignore[arg-type]
    elif ncol is None:
        ncol = math.ceil(v.size / int(nrow))
    nrow, ncol = int(nrow), int(ncol)  # type: ignore[arg-type]
    filled = np.resize(v, nrow * ncol)
    return filled.reshape((nrow, ncol), order="C" if byrow else "F")


def array(data: Any = NA, dim: Any = None) -> np.ndarray:  # noqa: A002 - R's name
    """R's ``array()``: the data (in R's column-major order) fill an array of ``dim`` column by column."""
    v = _vec(data)
    shape = tuple(int(d) for d in _vec(v.size if dim is None else dim))
    return np.resize(v, int(np.prod(shape))).reshape(shape, order="F")


def r_dim_assign(x: Any, value: Any) -> np.ndarray:
    """R's ``dim(x) <- value``: the same elements (column-major), new dimensions."""
    a = np.asarray(x)
    shape = tuple(int(d) for d in _vec(value))
    if int(np.prod(shape)) != a.size:
        raise _err(
            "dim<-", f"dims [product {int(np.prod(shape))}] do not match the length of object [{a.size}]"
        )
    return a.reshape(shape, order="F")


# ----------------------------------------------------------------------------- shape and summaries


def dim(x: Any) -> Any:
    """R's ``dim()``: the dimensions (NULL -> None for a plain vector)."""
    shape = getattr(x, "shape", None)
    if shape is None or len(shape) < 2:
        return None
    return np.array([int(d) if d is not None else NA for d in shape])


def nrow(x: Any) -> Any:
    """R's ``nrow()``: the first dimension (None for a plain vector)."""
    d = dim(x)
    return None if d is None else int(d[0])


def ncol(x: Any) -> Any:
    """R's ``ncol()``: the second dimension (None for a plain vector)."""
    d = dim(x)
    return None if d is None else int(d[1])


def length(x: Any) -> int:
    """R's ``length()``: elements of a vector or array, entries of a list; a string is one."""
    if x is None:
        return 0
    if isinstance(x, (str, bytes, int, float, bool, np.generic)):
        return 1
    if isinstance(x, (list, tuple, dict)):
        return len(x)
    if hasattr(x, "shape") and hasattr(x, "dtype"):
        return int(np.prod(x.shape))
    return len(x)


def names(x: Any) -> Any:
    """R's ``names()`` of a named list (dict): its keys."""
    if isinstance(x, Mapping):
        keys = [str(k) for k in x]
        return keys[0] if len(keys) == 1 else keys
    return None


def _num(x: Any) -> np.ndarray:
    v = _vec(x)
    return v.astype(float) if v.dtype == bool else v


def sum(*args: Any, na_rm: bool = False) -> Any:  # noqa: A001 - R's name
    """R's ``sum()`` of all elements of all arguments (TRUE counts 1)."""
    v = _num(list(args))
    s = np.nansum(v) if na_rm else np.sum(v)
    return int(s) if all(_vec(a).dtype.kind in "bi" for a in args) else float(s)


def prod(*args: Any) -> Any:
    """R's ``prod()``."""
    p = np.prod(_num(list(args)))
    return p.item()


def mean(x: Any, na_rm: bool = False) -> float:
    """R's ``mean()`` of all elements (TRUE counts 1)."""
    v = _num(x)
    return float(np.nanmean(v) if na_rm else np.mean(v))


def max(*args: Any, na_rm: bool = False) -> Any:  # noqa: A001
    """R's ``max()`` of all elements."""
    v = _num(list(args))
    return (np.nanmax(v) if na_rm else np.max(v)).item()


def min(*args: Any, na_rm: bool = False) -> Any:  # noqa: A001
    """R's ``min()`` of all elements."""
    v = _num(list(args))
    return (np.nanmin(v) if na_rm else np.min(v)).item()


def var(x: Any) -> float:
    """R's ``var()`` of a vector (the sample variance)."""
    return float(np.var(_num(x), ddof=1))


def sd(x: Any, na_rm: bool = False) -> float:
    """R's ``sd()``: the sample standard deviation of all elements."""
    v = _num(x)
    if na_rm:
        v = v[~np.isnan(v)]
    return float(np.std(v, ddof=1))


def scale(x: Any, center: bool = True, scale: bool = True) -> np.ndarray:  # noqa: A002
    """R's ``scale()``: each column centred and divided by its sample standard deviation."""
    a = np.asarray(x, dtype=float)
    if a.ndim == 1:
        a = a.reshape(-1, 1)
    if center:
        a = a - a.mean(axis=0)
    if scale:
        sdv = np.sqrt((a**2).sum(axis=0) / (a.shape[0] - 1))
        a = a / sdv
    return a


def round(x: Any, digits: int = 0) -> Any:  # noqa: A001
    """R's ``round()``: to ``digits`` decimals, halves to even (IEC 60559)."""
    r = np.round(np.asarray(x, dtype=float), int(digits))
    return r.item() if r.ndim == 0 else r


def abs(x: Any) -> Any:  # noqa: A001
    """R's ``abs()``."""
    return np.abs(x)


def sqrt(x: Any) -> Any:
    """R's ``sqrt()``."""
    return np.sqrt(x)


def exp(x: Any) -> Any:
    """R's ``exp()``."""
    return np.exp(x)


def log(x: Any, base: float = math.e) -> Any:
    """R's ``log(x, base = exp(1))``."""
    return np.log(x) / (1.0 if base == math.e else np.log(base))


def floor(x: Any) -> Any:
    """R's ``floor()``."""
    return np.floor(x)


def ceiling(x: Any) -> Any:
    """R's ``ceiling()``."""
    return np.ceil(x)


def cumsum(x: Any) -> Any:
    """R's ``cumsum()``."""
    return np.cumsum(_num(x))


def rev(x: Any) -> Any:
    """R's ``rev()``."""
    if isinstance(x, list):
        return x[::-1]
    return _out(_vec(x)[::-1])


def sort(x: Any, decreasing: bool = False) -> Any:
    """R's ``sort()``."""
    v = np.sort(_vec(x), kind="stable")
    return _out(v[::-1] if decreasing else v)


def order(x: Any, decreasing: bool = False) -> np.ndarray:
    """R's ``order()``: the 1-based permutation that sorts ``x`` (ties in their original order)."""
    v = _vec(x)
    idx = np.argsort(-v if decreasing else v, kind="stable")
    return idx + 1


def unique(x: Any) -> Any:
    """R's ``unique()``: first occurrences, in order."""
    v = _vec(x)
    _, first = np.unique(v, return_index=True)
    return _out(v[np.sort(first)])


def which(x: Any) -> np.ndarray:
    """R's ``which()``: the 1-based positions of the TRUE elements."""
    return np.flatnonzero(_vec(x)) + 1


def which_max(x: Any) -> int:
    """R's ``which.max()``: the 1-based position of the first maximum."""
    return int(np.argmax(_num(x))) + 1


def which_min(x: Any) -> int:
    """R's ``which.min()``: the 1-based position of the first minimum."""
    return int(np.argmin(_num(x))) + 1


def max_col(m: Any, ties_method: str = "first") -> np.ndarray:
    """R's ``max.col()``: each row's 1-based column of its maximum. Ties take the first (R's
    default, ``"random"``, picks one at random; with floating-point scores ties are rare)."""
    a = np.asarray(m)
    if ties_method == "last":
        return a.shape[1] - np.argmax(a[:, ::-1], axis=1)
    return np.argmax(a, axis=1) + 1


def as_numeric(x: Any) -> Any:
    """R's ``as.numeric()``: the elements (column-major) as doubles, dimensions dropped."""
    v = _vec(x)
    return _out(v.astype(float)) if v.size != 1 else float(v[0])


def as_array(x: Any) -> Any:
    """R's ``as.array()``: a tensor's values as an array (keras3's method); an R vector or array
    as it is (a numpy array)."""
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, str) for v in x):
        return np.array(x)
    return np.asarray(x)


def as_integer(x: Any) -> Any:
    """R's ``as.integer()``: truncated toward zero, dimensions dropped."""
    v = np.trunc(_vec(x).astype(float)).astype(np.int64)
    return _out(v)


def as_character(x: Any) -> Any:
    """R's ``as.character()``."""
    return _out(
        np.array([_fmt(v) if not isinstance(v, str) else v for v in _vec(x)], dtype=object).astype(str)
    )


def unlist(x: Any) -> Any:
    """R's ``unlist()``: the elements of a (nested) list as one vector."""
    return c(
        *(unlist(v) if isinstance(v, (list, dict)) else v for v in (x.values() if isinstance(x, dict) else x))
    )


def is_null(x: Any) -> bool:
    """R's ``is.null()``."""
    return x is None


def is_na(x: Any) -> Any:
    """R's ``is.na()``."""
    if x is None:
        return np.array([], dtype=bool)
    r = np.isnan(np.asarray(x, dtype=float))
    return bool(r) if r.ndim == 0 else r


def identical(x: Any, y: Any) -> bool:
    """R's ``identical()`` for values."""
    try:
        return bool(np.array_equal(np.asarray(x), np.asarray(y)))
    except (TypeError, ValueError):
        return bool(x == y)


def isTRUE(x: Any) -> bool:  # noqa: N802 - R's name
    """R's ``isTRUE()``."""
    return isinstance(x, (bool, np.bool_)) and bool(x)


def isFALSE(x: Any) -> bool:  # noqa: N802
    """R's ``isFALSE()``."""
    return isinstance(x, (bool, np.bool_)) and not bool(x)


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": lambda a, b: np.true_divide(np.asarray(a, dtype=float), b),
    "^": lambda a, b: np.float_power(a, b),
    "%%": np.mod,
    "%/%": np.floor_divide,
}
_COMPARE: dict[str, Callable[[Any, Any], Any]] = {
    "==": np.equal,
    "!=": np.not_equal,
    "<": np.less,
    ">": np.greater,
    "<=": np.less_equal,
    ">=": np.greater_equal,
}
_LOGIC: dict[str, Callable[[Any, Any], Any]] = {"&": np.logical_and, "|": np.logical_or}
_PY_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": lambda a, b: a**b,
    "%%": lambda a, b: a % b,
    "%/%": lambda a, b: a // b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "&": lambda a, b: a & b,
    "|": lambda a, b: a | b,
}


def _r_operand(x: Any) -> tuple[np.ndarray, tuple[int, ...] | None, list[str] | None] | None:
    """An operand as R sees it: (its elements in column-major order, its dims or None, its names
    or None); None when it is not an R vector or array (a tensor: Python's operator applies)."""
    if x is None:
        return np.array([]), None, None
    if isinstance(x, RTable):
        x = x.counts
    if isinstance(x, (bool, int, float, complex, str, np.generic)):
        return np.array([x]), None, None
    if isinstance(x, np.ndarray):
        return x.ravel(order="F"), (tuple(x.shape) if x.ndim >= 2 else None), None
    if isinstance(x, dict):
        vals = list(x.values())
        if all(isinstance(v, (bool, int, float, str, np.generic)) for v in vals):
            return np.array(vals), None, [str(k) for k in x]
        raise RKerasError("non-numeric argument to binary operator (a list)")
    if isinstance(x, (list, tuple)):
        if all(isinstance(v, (bool, int, float, str, np.generic)) for v in x):
            return np.array(x), None, None
        raise RKerasError("non-numeric argument to binary operator (a list)")
    return None


def r_op(x: Any, op: str, y: Any) -> Any:
    """R's binary operators (``+ - * / ^ %% %/% == != < > <= >= & |``) on R vectors and arrays:
    element by element in column-major order, the shorter operand recycled (R warns when the
    longer length is not a multiple; so does this), dims from the array operand; two arrays must
    have the same dims and a vector may not be longer than the array, as in R. A numpy vector
    ``m * c(1, 2)`` over a matrix goes down the columns as in R, not along the rows as numpy's
    broadcasting would. Tensors (and other objects) get Python's operator (Keras's
    broadcasting, as keras3's operators on tensors do)."""
    import warnings

    fns = _ARITH.get(op) or _COMPARE.get(op) or _LOGIC.get(op)
    if fns is None:
        raise RKerasError(f"r_op(): unknown operator {op!r}")
    a, b = _r_operand(x), _r_operand(y)
    if a is None or b is None:
        return _PY_OPS[op](x, y)
    (va, da, na), (vb, db, nb) = a, b
    strings = va.dtype.kind in "US" or vb.dtype.kind in "US"
    if strings and op not in _COMPARE:
        raise RKerasError(f"non-numeric argument to binary operator `{op}`")
    if da is not None and db is not None and da != db:
        raise RKerasError(f"non-conformable arrays: dims {list(da)} and {list(db)} in `{op}`")
    dims = da if da is not None else db
    n = 0 if va.size == 0 or vb.size == 0 else builtins.max(va.size, vb.size)
    if dims is not None and n > int(np.prod(dims)):
        raise RKerasError(
            f"dims [product {int(np.prod(dims))}] do not match the length of object [{n}] in `{op}`"
        )
    if n and n % builtins.min(va.size, vb.size):
        warnings.warn(
            "longer object length is not a multiple of shorter object length", RuntimeWarning, stacklevel=2
        )
    if n == 0:
        return np.array([])
    if strings:
        va, vb = va.astype(str), vb.astype(str)
    elif op in _ARITH:  # TRUE counts 1
        va, vb = (v.astype(np.int64) if v.dtype == bool else v for v in (va, vb))
    ea, eb = np.resize(va, n), np.resize(vb, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        res = np.asarray(fns(ea, eb))
    if dims is not None:
        return res.reshape(dims, order="F")
    names = na if na is not None and len(na) == n else nb if nb is not None and len(nb) == n else None
    if names is not None:
        return {k: v.item() for k, v in zip(names, res, strict=True)}
    return _out(res)


def r_in(x: Any, table: Any) -> Any:
    """R's ``x %in% table``."""
    r = np.isin(_vec(x), _vec(table))
    return bool(r[0]) if r.size == 1 else r


def r_not(x: Any) -> Any:
    """R's ``!x``: element-wise."""
    if isinstance(x, (bool, np.bool_)):
        return not x
    return np.logical_not(x)


def head(x: Any, n: int = 6) -> Any:
    """R's ``head()``: the first n elements (rows of a matrix); a negative n: all but the last -n."""
    n = int(n)
    if isinstance(x, (list, tuple)):
        return x[:n] if n >= 0 else x[: len(x) + n]
    if isinstance(x, dict):
        keys = list(x)[:n] if n >= 0 else list(x)[: len(x) + n]
        return {k: x[k] for k in keys}
    a = np.asarray(x)
    return a[:n] if n >= 0 else a[: a.shape[0] + n]


def tail(x: Any, n: int = 6) -> Any:
    """R's ``tail()``: the last n elements (rows); a negative n: all but the first -n."""
    n = int(n)
    a = x if isinstance(x, (list, tuple)) else np.asarray(x)
    size = len(a) if isinstance(a, (list, tuple)) else a.shape[0]
    return a[size - n :] if n >= 0 else a[-n:]


# ----------------------------------------------------------------------------- strings and output


def _fmt(v: Any) -> str:
    """One number or value as R shows it (up to 7 significant digits)."""
    if isinstance(v, (bool, np.bool_)):
        return "TRUE" if v else "FALSE"
    if v is None:
        return "NULL"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return "NA" if v is NA else "NaN"
        if math.isinf(f):
            return "Inf" if f > 0 else "-Inf"
        s = f"{f:.7g}"
        if "e" in s:
            mant, ex = s.split("e")
            s = f"{mant}e{ex[0]}{int(ex[1:]):02d}"
        return s
    return str(v)


def _strings(x: Any) -> list[str]:
    if isinstance(x, str):
        return [x]
    return [v if isinstance(v, str) else _fmt(v) for v in _vec(x).tolist()] if x is not None else []


def paste(*args: Any, sep: str = " ", collapse: str | None = None) -> Any:
    """R's ``paste()``: element-wise, arguments recycled, then optionally collapsed."""
    parts = [_strings(a) for a in args]
    parts = [p for p in parts if p]
    n = builtins.max((len(p) for p in parts), default=0)
    out = [sep.join(p[i % len(p)] for p in parts) for i in range(n)]
    if collapse is not None:
        return collapse.join(out)
    return out[0] if len(out) == 1 else out


def paste0(*args: Any, collapse: str | None = None) -> Any:
    """R's ``paste0()``."""
    return paste(*args, sep="", collapse=collapse)


def sprintf(fmt: str, *args: Any) -> Any:
    """R's ``sprintf()``: C formats, vectorised over its arguments."""
    vecs = [
        _strings(a)
        if isinstance(a, str) or (isinstance(a, list) and a and isinstance(a[0], str))
        else _vec(a).tolist()
        for a in args
    ]
    n = builtins.max((len(v) for v in vecs), default=1)
    out = [fmt % tuple(v[i % len(v)] for v in vecs) for i in range(n)]
    return out[0] if len(out) == 1 else out


def cat(*args: Any, sep: str = " ", fill: bool = False, file: Any = None) -> None:
    """R's ``cat()``: the elements of all arguments, separated by ``sep``, no newline added."""
    items: list[str] = []
    for a in args:
        if a is None:
            continue
        items += _strings(a) if not isinstance(a, dict) else _strings(list(a.values()))
    out = sep.join(items) + ("\n" if fill else "")
    (sys.stderr if file is not None and getattr(file, "name", "") == "<stderr>" else sys.stdout).write(out)


def message(*args: Any) -> None:
    """R's ``message()``: to standard error, with a newline."""
    sys.stderr.write(
        "".join(_strings(a)[0] if length(a) == 1 else " ".join(_strings(a)) for a in args) + "\n"
    )


def stop(*args: Any) -> None:
    """R's ``stop()``: an error with the message."""
    raise RKerasError("".join(" ".join(_strings(a)) for a in args))


def _print_matrix(a: np.ndarray, out: list[str]) -> None:
    cells = [[_fmt(v) for v in row] for row in a.tolist()]
    width = builtins.max((len(s) for row in cells for s in row), default=1)
    out.append("    " + " ".join(f"[,{j + 1}]".rjust(width) for j in range(a.shape[1])))
    for i, row in enumerate(cells):
        out.append(f"[{i + 1},] " + " ".join(s.rjust(width) for s in row))


def _show(x: Any) -> str:
    out: list[str] = []
    if x is None:
        return "NULL"
    if isinstance(x, RTable):
        return str(x)
    if isinstance(x, dict):
        for k, v in x.items():
            out.append(f"${k}")
            out.append(_show(v))
            out.append("")
        return "\n".join(out)
    if isinstance(x, (list, tuple)) and not all(isinstance(v, str) for v in x):
        for i, v in enumerate(x):
            out.append(f"[[{i + 1}]]")
            out.append(_show(v))
            out.append("")
        return "\n".join(out)
    if isinstance(x, (str, list, tuple, int, float, bool, np.generic, np.ndarray)):
        a = np.asarray(x, dtype=object if isinstance(x, (list, tuple)) else None)
        if a.ndim <= 1:
            vals = [f'"{v}"' if isinstance(v, str) else _fmt(v) for v in a.reshape(-1).tolist()]
            return "[1] " + " ".join(vals) if vals else "numeric(0)"
        if a.ndim == 2:
            _print_matrix(a, out)
            return "\n".join(out)
        for idx in np.ndindex(*a.shape[:1:-1]):  # R's slice order: the last index changes slowest
            k = idx[::-1]
            out.append(", , " + ", ".join(str(i + 1) for i in k))
            out.append("")
            _print_matrix(a[(slice(None), slice(None), *k)], out)
            out.append("")
        return "\n".join(out)
    if hasattr(x, "shape") and hasattr(x, "dtype") and hasattr(x, "numpy"):
        return _show(np.asarray(x))
    return str(x)


def print(x: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A001
    """R's ``print()``: the value, numbers in R's order (vectors in a ``[1]`` line, matrices row
    by row, arrays slice by slice over the last dimensions); returns it invisibly."""
    if x is None and not args:
        builtins.print("NULL")
        return x
    if args or kwargs:
        builtins.print(x, *args, **kwargs)
        return x
    builtins.print(_show(x))
    return x


def r_show(x: Any) -> None:
    """What R prints for a visible top-level value (``rkeras port`` writes it): :func:`print`, and
    nothing for None (a Python function returning nothing gives R an invisible NULL) nor for a
    matplotlib figure (R draws a plot; it does not print it)."""
    if x is None or type(x).__module__.startswith("matplotlib."):
        return
    print(x)


class RTable:
    """R's ``table()``: counts of each value (one factor) or each pair (two factors)."""

    def __init__(self, levels: list[list[Any]], counts: np.ndarray, names: list[str]) -> None:
        self.levels, self.counts, self.names = levels, counts, names

    def __getitem__(self, key: Any) -> Any:
        return self.counts[key]

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return np.asarray(self.counts, dtype=dtype)

    def __str__(self) -> str:
        labs = [[_fmt(v) for v in lv] for lv in self.levels]
        if self.counts.ndim == 1:
            w = [
                builtins.max(len(a), len(str(b))) for a, b in zip(labs[0], self.counts.tolist(), strict=True)
            ]
            return "\n".join(
                [
                    self.names[0],
                    " ".join(s.rjust(n) for s, n in zip(labs[0], w, strict=True)),
                    " ".join(str(v).rjust(n) for v, n in zip(self.counts.tolist(), w, strict=True)),
                ]
            )
        width = builtins.max(len(s) for s in labs[1] + [str(self.counts.max())])
        rw = builtins.max(len(s) for s in labs[0] + [self.names[0]])
        lines = [
            " " * rw + " " + self.names[1],
            self.names[0].ljust(rw) + " " + " ".join(s.rjust(width) for s in labs[1]),
        ]
        for lab, row in zip(labs[0], self.counts.tolist(), strict=True):
            lines.append(lab.rjust(rw) + " " + " ".join(str(v).rjust(width) for v in row))
        return "\n".join(lines)

    __repr__ = __str__


def table(*args: Any, dnn: Sequence[str] | None = None) -> RTable:
    """R's ``table()`` of one or two vectors: the counts of each (sorted) value or pair."""
    if not 1 <= len(args) <= 2:
        raise _err("table", f"one or two vectors expected, got {len(args)}")
    vecs = [_vec(a) for a in args]
    levels = [np.unique(v) for v in vecs]
    codes = [np.searchsorted(lv, v) for lv, v in zip(levels, vecs, strict=True)]
    counts = np.zeros(tuple(len(lv) for lv in levels), dtype=np.int64)
    np.add.at(counts, tuple(codes), 1)
    return RTable([lv.tolist() for lv in levels], counts, list(dnn or [""] * len(args)))


# ----------------------------------------------------------------------------- apply family


def lapply(x: Any, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """R's ``lapply()``: a list (a dict for a named list) of ``fun(element)``."""
    if isinstance(x, dict):
        return {k: fun(v, *args, **kwargs) for k, v in x.items()}
    return [fun(v, *args, **kwargs) for v in r_iter(x)]


def sapply(x: Any, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """R's ``sapply()``: ``lapply()`` simplified to a vector when every result has length one."""
    res = lapply(x, fun, *args, **kwargs)
    vals = list(res.values()) if isinstance(res, dict) else res
    if vals and all(length(v) == 1 and not isinstance(v, (dict, list)) for v in vals):
        if isinstance(res, dict):
            return dict(res)
        return _out(np.array(vals)) if not all(isinstance(v, str) for v in vals) else vals
    if vals and all(length(v) == length(vals[0]) and not isinstance(v, (dict, list)) for v in vals):
        return np.column_stack([_vec(v) for v in vals])  # R: one column per element
    return res


def apply(x: Any, margin: Any, fun: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """R's ``apply()`` over the rows (``MARGIN = 1``) or columns (2) of a matrix."""
    a = np.asarray(x)
    m = int(margin)
    if a.ndim != 2 or m not in (1, 2):
        raise _err("apply", "a matrix and MARGIN 1 or 2 are supported")
    parts = [fun(a[i, :] if m == 1 else a[:, i], *args, **kwargs) for i in range(a.shape[m - 1])]
    if all(length(p) == 1 for p in parts):
        return np.array(parts)
    return np.column_stack([_vec(p) for p in parts])


def vapply(x: Any, fun: Callable[..., Any], fun_value: Any = None, *args: Any, **kwargs: Any) -> Any:
    """R's ``vapply()``: ``sapply()`` whose results must each have the length of ``FUN.VALUE``."""
    res = lapply(x, fun, *args, **kwargs)
    want = length(fun_value)
    for v in res.values() if isinstance(res, dict) else res:
        if length(v) != want:
            raise _err("vapply", f"values must be length {want}, but a FUN(X[[i]]) result is "
                                 f"length {length(v)}")
    return sapply(x, fun, *args, **kwargs)


# ----------------------------------------------------------------------------- sets, strings, files

def setdiff(x: Any, y: Any) -> Any:
    """R's ``setdiff()``: the unique elements of x not in y, in order."""
    u = _vec(unique(x))
    return _out(u[~np.isin(u, _vec(y))])


def union(x: Any, y: Any) -> Any:
    """R's ``union()``."""
    return unique(c(x, y))


def intersect(x: Any, y: Any) -> Any:
    """R's ``intersect()``."""
    u = _vec(unique(x))
    return _out(u[np.isin(u, _vec(y))])


def nchar(x: Any) -> Any:
    """R's ``nchar()``."""
    return _out(np.array([len(s) for s in _strings(x)]))


def toupper(x: Any) -> Any:
    """R's ``toupper()``."""
    return _out(np.array([s.upper() for s in _strings(x)]))


def tolower(x: Any) -> Any:
    """R's ``tolower()``."""
    return _out(np.array([s.lower() for s in _strings(x)]))


def tempfile(pattern: str = "file", tmpdir: str | None = None, fileext: str = "") -> str:
    """R's ``tempfile()``: a new file name in the temporary folder (the file is not created)."""
    import os
    import tempfile as _tf
    import uuid

    return os.path.join(tmpdir or _tf.gettempdir(), f"{pattern}{uuid.uuid4().hex[:12]}{fileext}")


def dir_create(path: str, showWarnings: bool = True, recursive: bool = False) -> bool:  # noqa: N803
    """R's ``dir.create()``: TRUE when the folder was made."""
    import os

    if os.path.isdir(path):
        return False
    (os.makedirs if recursive else os.mkdir)(path)
    return True


def setwd(dir: str) -> str:  # noqa: A002
    """R's ``setwd()``: change the working folder; returns the previous one."""
    import os

    old = os.getcwd()
    os.chdir(dir)
    return old


def getwd() -> str:
    """R's ``getwd()``."""
    import os

    return os.getcwd()


def file_path(*parts: Any, fsep: str = "/") -> Any:
    """R's ``file.path()``."""
    return paste(*parts, sep=fsep)


def unlink(x: Any, recursive: bool = False, force: bool = False) -> int:
    """R's ``unlink()``: delete the files (with ``recursive = TRUE`` folders too); a missing one is
    no error; 0 (R's value, invisible there), 1 when a folder is left (not ``recursive``)."""
    import os
    import shutil

    status = 0
    for p in _strings(x):
        if os.path.isdir(p) and not os.path.islink(p):
            if recursive:
                shutil.rmtree(p, ignore_errors=True)
            else:
                status = 1
        elif os.path.lexists(p):
            os.remove(p)
    return status


def file_exists(*paths: str) -> Any:
    """R's ``file.exists()``."""
    import os

    r = np.array([os.path.exists(p) for p in paths])
    return bool(r[0]) if r.size == 1 else r


# ----------------------------------------------------------------------------- indexing


def _positions(i: Any, n: int, fn: str, names: Sequence[str] | None = None) -> Any:
    """One R index (1-based, negative, logical, names) as 0-based positions over extent n."""
    if i is MISSING:
        return np.arange(n)
    if isinstance(i, str) or (isinstance(i, list) and i and isinstance(i[0], str)):
        keys = [i] if isinstance(i, str) else i
        if names is None:
            raise _err(fn, "indexing by name needs names")
        return np.array([list(names).index(k) for k in keys])
    v = _vec(i)
    if v.dtype == bool:
        if v.size == 0:
            return np.array([], dtype=int)
        return np.flatnonzero(np.resize(v, n)) if v.size <= n else np.flatnonzero(v)
    v = np.trunc(v.astype(float)).astype(np.int64)
    if (v < 0).any():
        if (v > 0).any():
            raise _err(fn, "can't mix positive and negative subscripts")
        keep = np.ones(n, dtype=bool)
        keep[-v[v < 0] - 1] = False
        return np.flatnonzero(keep)
    v = v[v != 0]
    if (v > n).any():
        raise _err(fn, f"subscript out of bounds (index {int(v.max())}, extent {n})")
    return v - 1


def _is_tensor(x: Any) -> bool:
    """A tensor (Keras's, TensorFlow's, JAX's; not a numpy array): R indexes it by keras3's rules."""
    return (
        not isinstance(x, (np.ndarray, np.generic, RTable))
        and hasattr(x, "shape")
        and hasattr(x, "dtype")
    )


def _tensor_index(index: tuple[Any, ...], drop: Any, fn: str) -> tuple[Any, ...]:
    if drop is not None:
        raise _err(fn, "tensor subsetting: indices cannot be named (got `drop = `)")
    return tuple(slice(None) if i is MISSING else i for i in index)


def r_index(x: Any, *index: Any, drop: Any = None) -> Any:
    """R's ``x[i]`` / ``x[i, j, ...]``: 1-based, negative indices drop, logical indices recycle,
    an empty index (:data:`MISSING`) takes all; ``drop = TRUE`` (the default) drops extents of
    one. A tensor is subset by keras3's rules instead, as R does (:func:`rkeras.op_subset`: a
    number drops only its own axis, a negative one counts from the end, ``..`` is ``Ellipsis``)."""
    if _is_tensor(x):
        from .api.tensors import op_subset

        return op_subset(x, *_tensor_index(index, drop, "["))
    drop = True if drop is None else drop
    if isinstance(x, dict):
        keys = list(x)
        pos = _positions(index[0], len(keys), "[", keys)
        return {keys[p]: x[keys[p]] for p in pos}
    if isinstance(x, (list, tuple)) and not (x and all(isinstance(v, str) for v in x)):
        pos = _positions(index[0], len(x), "[")
        return [x[p] for p in pos]
    a = np.asarray(x) if not isinstance(x, str) else np.array([x])
    if a.ndim == 0:
        a = a.reshape(1)
    if len(index) == 1:
        flat = a.ravel(order="F")
        return _out(flat[_positions(index[0], flat.size, "[")])
    if len(index) != a.ndim:
        raise _err("[", f"incorrect number of dimensions: {len(index)} indices for {a.ndim} dimensions")
    pos = [_positions(i, n, "[") for i, n in zip(index, a.shape, strict=True)]
    res = a[np.ix_(*pos)]
    if drop:
        keep = [d for d in res.shape if d != 1]
        if len(keep) <= 1:
            return _out(res.reshape(-1)) if res.size != 1 else res.reshape(-1)[0].item()
        res = res.reshape(tuple(keep))
    return res


def r_index_assign(x: Any, *index: Any, value: Any) -> Any:
    """R's ``x[i] <- value`` / ``x[i, j] <- value`` (value recycled); returns the new x (a
    tensor: keras3's ``op_subset<-`` rules, :func:`rkeras.op_subset_set`)."""
    if _is_tensor(x):
        from .api.tensors import op_subset_set

        return op_subset_set(x, *_tensor_index(index, None, "[<-"), value=value)
    if isinstance(x, dict):
        out = dict(x)
        for k in [index[0]] if isinstance(index[0], str) else index[0]:
            out[k] = value
        return out
    strings = isinstance(x, str) or (isinstance(x, list) and all(isinstance(v, str) for v in x))
    # strings as objects: numpy's fixed-width strings would cut a longer new string short
    a = np.array([x] if isinstance(x, str) else x, dtype=object if strings else None, copy=True)
    if strings:
        a = a.astype(object)
    elif a.dtype.kind in "US":
        a = a.astype(object)
    if len(index) == 1:
        flat = a.ravel(order="F")
        pos = _positions(index[0], flat.size, "[<-")
        new = _vec(value)
        if a.dtype.kind in "biuf" and new.dtype.kind == "f":
            flat = flat.astype(float)  # R: a double assigned into integers makes the vector double
        flat[pos] = np.resize(new, pos.size)
        if strings:
            return [str(v) for v in flat] if flat.size != 1 else str(flat[0])
        return flat.reshape(a.shape, order="F")
    pos = [_positions(i, n, "[<-") for i, n in zip(index, a.shape, strict=True)]
    if a.dtype.kind in "biu" and _vec(value).dtype.kind == "f":
        a = a.astype(float)  # R: a double assigned into integers makes the matrix double
    shape = tuple(len(p) for p in pos)
    a[np.ix_(*pos)] = np.resize(_vec(value), int(np.prod(shape))).reshape(shape, order="F")
    return a


def r_item(x: Any, i: Any, *more: Any) -> Any:
    """R's ``x[[i]]``: one element (1-based, or by name)."""
    if more:
        return r_index(x, i, *more)
    if isinstance(x, dict):
        if isinstance(i, str):
            if i not in x:
                raise _err("[[", f"subscript out of bounds: no element {i!r}")
            return x[i]
        return list(x.values())[int(i) - 1]
    if isinstance(x, (list, tuple)):
        return x[int(i) - 1]
    if isinstance(i, str):
        return r_dollar(x, i)
    flat = np.asarray(x).ravel(order="F")
    return flat[int(i) - 1].item()


def r_item_assign(x: Any, i: Any, value: Any) -> Any:
    """R's ``x[[i]] <- value``."""
    if isinstance(x, dict):
        out = dict(x)
        if isinstance(i, str):
            out[i] = value
        else:
            out[list(x)[int(i) - 1]] = value
        return out
    if isinstance(x, list):
        out_list = list(x)
        while len(out_list) < int(i):
            out_list.append(None)
        out_list[int(i) - 1] = value
        return out_list
    return r_index_assign(x, i, value=value)


def r_dollar(x: Any, name: str) -> Any:
    """R's ``x$name``: a named list's element (None when absent, as R's NULL), else the attribute."""
    if isinstance(x, Mapping):
        return x.get(name)
    item = getattr(type(x), "__getitem__", None)
    tensor = hasattr(x, "shape") and hasattr(x, "dtype")  # x["name"] would slice it
    if item is not None and not tensor and not isinstance(x, (np.ndarray, list, tuple, str)):
        try:
            return x[name]
        except (KeyError, TypeError, IndexError):
            pass
    return getattr(x, name, None)


def r_dollar_assign(x: Any, name: str, value: Any) -> Any:
    """R's ``x$name <- value``."""
    if x is None or isinstance(x, dict):
        out = dict(x or {})
        out[name] = value
        return out
    setattr(x, name, value)
    return x


def r_iter(x: Any) -> Iterable[Any]:
    """What R's ``for (v in x)`` visits: a vector's elements (column-major), a list's elements."""
    if x is None:
        return []
    if isinstance(x, dict):
        return list(x.values())
    if isinstance(x, (list, tuple)):
        return list(x)
    if isinstance(x, str):
        return [x]
    return [v.item() if isinstance(v, np.generic) else v for v in _vec(x)]


Pattern = str | tuple[Any, ...]


class _RList(list):  # type: ignore[type-arg]
    """Values zeallot regrouped (a collector's list): an R list."""


def _is_rlist(x: Any) -> bool:
    """zeallot's ``is_list()``: an R list (a dict, a tuple, a list that is not a character vector);
    a keras_shape is not one."""
    from .api.tensors import Shape

    if isinstance(x, Shape):
        return False
    if isinstance(x, (dict, tuple, _RList)):
        return True
    return isinstance(x, list) and not (x and all(isinstance(v, str) for v in x))


def _rlist(x: Any) -> list[Any]:
    return list(x.values()) if isinstance(x, dict) else list(x)


def _zeallot_error(msg: str) -> RKerasError:
    return RKerasError(f"invalid `%<-%` right-hand side, {msg}")


def _zeallot_destructure(x: Any) -> _RList:
    """zeallot's ``destructure()`` (what a value that is not a list splits into): a string into its
    characters, a keras_shape into its dimensions; anything else is an error, as in R."""
    from .api.tensors import Shape

    if isinstance(x, Shape):
        return _RList(x)
    if isinstance(x, str):
        return _RList(x)
    if isinstance(x, list) and x and all(isinstance(v, str) for v in x):
        raise RKerasError(
            "invalid `destructure` argument, cannot destructure character vector of length greater than 1"
        )
    raise _zeallot_error("incorrect number of values")


def _is_collector(name: Any) -> bool:
    return isinstance(name, str) and name.startswith("...")


def _collect(names: tuple[Any, ...], values: list[Any]) -> list[Any]:
    """zeallot's ``collect()``: values regrouped so that the collector takes the surplus."""
    if len(names) == len(values):
        return values
    if len(names) == 1:
        return [_RList(values)]
    at = [i for i, nm in enumerate(names) if _is_collector(nm)]
    if len(at) != 1:
        raise RKerasError(
            "invalid `%<-%` left-hand side, multiple collector variables at the same depth"
        )
    k = at[0]
    after = len(names) - k - 1
    return values[:k] + [_RList(values[k : len(values) - after])] + values[len(values) - after :]


def _pair_off(names: Pattern, values: Any, atomic: bool) -> Any:
    """zeallot's ``pair_off()``: the value each name of the pattern gets, shaped like the pattern
    (None for the skipped ``.`` and ``...``)."""
    if isinstance(names, str):
        if names in (".", "..."):
            return None
        if atomic and isinstance(values, _RList):
            return c(*values)  # zeallot unlists a collector's values from an atomic vector
        return values
    is_list = _is_rlist(values)
    vals = _rlist(values) if is_list else None
    n_vals = len(vals) if vals is not None else length(values)
    if len(names) != n_vals:
        if vals is not None and n_vals == 1:
            return _pair_off(names, _zeallot_destructure(vals[0]), atomic=False)
        if not any(_is_collector(nm) for nm in names) or len(names) > n_vals:
            raise _zeallot_error("incorrect number of values")
    if vals is None:
        raise _zeallot_error("incorrect number of values")
    if _is_collector(names[0]):
        collected = _collect(names, vals)
        head = None if names[0] == "..." else _pair_off(names[0], collected[0], atomic)
        return [head, *(_pair_off(names[1:], _RList(collected[1:]), atomic) if names[1:] else [])]
    first = _pair_off(names[0], vals[0], atomic)
    if len(names) == 1:
        return [first]
    return [first, *_pair_off(names[1:], _RList(vals[1:]), atomic)]


def r_destructure(value: Any, pattern: Pattern | int) -> list[Any]:
    """zeallot's ``%<-%`` (keras3 re-exports it): ``c(a, c(b, d), ...rest) %<-% value`` is
    ``a, (b, d), rest = r_destructure(value, ("a", ("b", "d"), "...rest"))``.

    As zeallot 0.1.0 does: a list (a dict, a tuple) gives its elements; an atomic vector its
    elements; a keras_shape its dimensions; a single string its characters; ``.`` skips a value,
    ``...name`` collects the values the other names leave (``...`` drops them); nested patterns
    need lists; a count that does not match is R's error. An int pattern is that many plain names."""
    pat: Pattern = tuple(f"v{i}" for i in range(pattern)) if isinstance(pattern, int) else pattern
    if length(value) == 0:
        raise _zeallot_error("incorrect number of values")
    atomic = False
    if _is_rlist(value):
        values: Any = value
    elif isinstance(value, (str, int, float, bool, np.generic, np.ndarray)) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        values, atomic = _RList(_vec(value).tolist() if not isinstance(value, str) else [value]), True
        if isinstance(value, list):
            values = _RList(value)
    else:
        values = _RList(_zeallot_destructure(value))
    out = _pair_off(pat, values, atomic)
    return list(out)


def r_dot_assign(value: Any, targets: Sequence[str]) -> list[Any]:
    """dotty's ``.[a, , b] <- value`` (keras3 re-exports ``.``): the values for each target by
    position (``as.list(value)``); an empty target skips one value, ``..`` skips the rest but the
    last targets. Skipped slots come back as None."""
    values = list(value.values()) if isinstance(value, dict) else (
        list(value) if isinstance(value, (list, tuple)) else [value] if isinstance(value, str)
        else _vec(value).tolist()
    )
    out: list[Any] = []
    i = 0
    for k, t in enumerate(targets):
        if t == "":
            i += 1
            out.append(None)
            continue
        if t == "..":
            i = len(values) - (len(targets) - k - 1)
            out.append(None)
            continue
        i += 1
        if i > len(values):
            raise RKerasError(f".[...] <- value: {len(targets)} names but only {len(values)} values")
        out.append(values[i - 1])
    return out


# ----------------------------------------------------------------------------- R's random numbers


def ensure_r() -> Any:
    """rpy2's R interface, with R started in this process when it is not running yet (as the
    host starts it: quiet, no save, R's own C stack check); an R already running is used."""
    import rpy2.rinterface as ri
    from rpy2.rinterface_lib import embedded

    from .host import bridge

    if not embedded.isinitialized() and not bridge.r_is_running():
        embedded.set_initoptions(("rkeras", "--quiet", "--no-save", "--no-restore"))
        ri.initr_checkenv(interactive=False, _c_stack_limit=0)
    return ri


_r = ensure_r


def _r_call(name: str, *args: Any, **kwargs: Any) -> Any:
    ri = _r()

    def conv(v: Any) -> Any:
        if isinstance(v, bool):
            return ri.BoolSexpVector([v])
        if isinstance(v, (int, np.integer)):
            return ri.IntSexpVector([int(v)])
        if isinstance(v, (float, np.floating)):
            return ri.FloatSexpVector([float(v)])
        return ri.FloatSexpVector([float(e) for e in _vec(v)])

    res = ri.globalenv.find(name)(*[conv(a) for a in args], **{k: conv(v) for k, v in kwargs.items()})
    if res is ri.NULL:
        return None
    return _out(np.array(list(res)))


def set_seed(seed: int) -> None:
    """R's ``set.seed()``: seeds R's own generator (the one :func:`runif`, :func:`rnorm` and
    :func:`sample` draw from, so they give R's numbers) and numpy's. Keras's generators are
    seeded by ``set_random_seed()``, as in R."""
    np.random.seed(int(seed))
    _r_call("set.seed", int(seed))


def runif(n: int, min: float = 0.0, max: float = 1.0) -> Any:  # noqa: A002
    """R's ``runif()``, drawn by R."""
    return _r_call("runif", int(n), float(min), float(max))


def rnorm(n: int, mean: float = 0.0, sd: float = 1.0) -> Any:
    """R's ``rnorm()``, drawn by R."""
    return _r_call("rnorm", int(n), float(mean), float(sd))


def sample(x: Any, size: Any = None, replace: bool = False) -> Any:
    """R's ``sample()``, drawn by R (``sample(n)``: a permutation of 1..n)."""
    if size is None:
        return _r_call("sample", x, replace=bool(replace))
    return _r_call("sample", x, int(size), bool(replace))


def rowMeans(x: Any) -> np.ndarray:  # noqa: N802 - R's names
    """R's ``rowMeans()``."""
    return np.asarray(x, dtype=float).reshape(np.shape(x)[0], -1, order="F").mean(axis=1)


def colMeans(x: Any) -> np.ndarray:  # noqa: N802
    """R's ``colMeans()``."""
    return np.asarray(x, dtype=float).mean(axis=0)


def rowSums(x: Any) -> np.ndarray:  # noqa: N802
    """R's ``rowSums()``."""
    return np.asarray(x, dtype=float).reshape(np.shape(x)[0], -1, order="F").sum(axis=1)


def colSums(x: Any) -> np.ndarray:  # noqa: N802
    """R's ``colSums()``."""
    return np.asarray(x, dtype=float).sum(axis=0)


def character(length: int = 0) -> list[str]:  # noqa: A002
    """R's ``character(n)``: n empty strings."""
    return [""] * int(length)


def integer(length: int = 0) -> np.ndarray:  # noqa: A002
    """R's ``integer(n)``: n zeros."""
    return np.zeros(int(length), dtype=np.int64)


__all__ += ["rowMeans", "colMeans", "rowSums", "colSums", "character", "integer"]
__all__ += ["matrix", "vapply", "setdiff", "union", "intersect", "nchar", "toupper", "tolower", "tempfile",
            "dir_create", "unlink", "setwd", "getwd", "file_path", "file_exists", "r_show"]
__all__ = sorted(set(__all__))

# R's names -> the Python names here (what `rkeras port` writes)
_DOTTED = {
    "set.seed": "set_seed",
    "max.col": "max_col",
    "is.null": "is_null",
    "is.na": "is_na",
    "which.max": "which_max",
    "which.min": "which_min",
    "as.numeric": "as_numeric",
    "as.double": "as_numeric",
    "as.integer": "as_integer",
    "as.array": "as_array",
    "as.character": "as_character",
    "dir.create": "dir_create",
    "file.path": "file_path",
    "file.exists": "file_exists",
}
_VALUES = ("R_NAMES", "MISSING", "NA", "Inf", "NaN", "pi", "letters", "LETTERS")
R_NAMES: dict[str, str] = {
    n: n for n in __all__ if n not in _VALUES and not n.startswith("r_") and n not in _DOTTED.values()
}
R_NAMES.update(_DOTTED)
