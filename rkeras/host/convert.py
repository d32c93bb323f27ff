"""Values across the R <-> Python bridge: the ONLY place where they change type.

:func:`r2py` turns what R hands to the dispatcher (rpy2 ``rinterface`` objects)
into plain Python values, :func:`py2r` turns results back. The rules (see
DESIGN.md and ``../shared/reference/rpy2-facts.md``):

=====================================  =========================================
R                                      Python
=====================================  =========================================
length-1 vector                        scalar (doubles stay float); a numeric or
                                       logical ``NA`` -> NaN, so that it stays
                                       apart from ``NULL`` (``shape = NA``);
                                       character ``NA`` -> None
longer vector                          list (``NA`` -> None)
``NULL``                               None
matrix / array                         read-only numpy view of R's memory (R's
                                       index order, F-ordered, no copy; it keeps
                                       the R object alive); integer NA -> float NaN
factor                                 ``pandas.Categorical`` (0-based codes)
data.frame                             ``pandas.DataFrame``
named list / unnamed list              dict / list (a named empty list,
                                       ``setNames(list(), character(0))``, -> {});
                                       a config from ``get_config()`` keeps its
                                       Keras class (attribute ``keras_class``)
function                               a Python callable that calls R
                                       (an rkeras wrapper -> its Python function)
rkeras handle                          the Python object it stands for
=====================================  =========================================

Back to R: scalars -> length-1 vectors, ``str`` -> character, None -> NULL, a
:class:`~rkeras.api.tensors.Shape` (``shape()``, ``op_shape()``) -> keras3's ``keras_shape``,
numpy arrays -> R vectors (1-d) or arrays with ``dim`` (written once into
R-allocated memory; float/int64 -> double, int32/uint8/... -> integer, bool
-> logical), lists of same-kind scalars -> atomic vectors, other lists ->
lists, dicts -> named lists, DataFrames -> data.frames, a training
:class:`~rkeras.api.history.History` -> ``keras_training_history``, Python
functions -> R functions, and any other object -> a *handle*: an R
environment with rkeras S3 classes whose finalizer releases the Python object
(:class:`HandleRegistry`). Handles of layers, models, losses, metrics and
initializers are R functions (calling the object) with the same classes,
holding that environment.

Every R call made from here holds :data:`rpy2.rinterface_lib.openrlib.rlock`.
This module imports rpy2, so only :mod:`rkeras.bridge` imports it.
"""

from __future__ import annotations

import functools
import inspect
import math
import struct
import sys
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import rpy2.rinterface as ri
from rpy2.rinterface_lib import conversion as _rconversion
from rpy2.rinterface_lib import memorymanagement, openrlib
from rpy2.rinterface_lib.sexp import NULLType, Sexp

from ..api._keras import loaded_keras
from ..api.handles import Unconverted
from ..api.memory import check_allocation
from ..api.tensorflow import PackageVersion
from ..api.tensors import Shape

NA_INTEGER = -(2**31)
_NA_REAL_PAYLOAD = 1954
_INT32_MAX = 2**31 - 1

rlock = openrlib.rlock


class _RLock:
    """Hold rpy2's ``rlock`` for R calls. The host keeps R's C stack check on (deep R recursion is
    a clean R error, not a crash), but that check only makes sense on the main thread, whose
    stack R measures: an R call from another thread runs with the check off.

    A class rather than a generator context manager: it is entered on every bridge call."""

    __slots__ = ("saved",)

    def __enter__(self) -> None:
        rlock.acquire()
        self.saved = None
        if threading.current_thread() is not threading.main_thread():
            lib = openrlib.rlib
            self.saved = lib.R_CStackLimit
            lib.R_CStackLimit = openrlib.ffi.cast("uintptr_t", -1)

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            openrlib.rlib.R_CStackLimit = self.saved
        rlock.release()


def r_lock() -> _RLock:
    return _RLock()


# ----------------------------------------------------------------------------- attributes


def set_attr(x: Any, name: str, value: Any) -> None:
    """``attr(x, name) <- value`` through R's ``setAttrib`` (rpy2's ``do_slot_assign`` does not set
    the object bit for ``class``, so ``is.object()`` would be FALSE). ``value`` must be valid
    (R errors here cannot be caught)."""
    with r_lock(), memorymanagement.rmemory() as rmemory:
        symbol = rmemory.protect(openrlib.rlib.Rf_install(_rconversion._str_to_cchar(name)))
        openrlib.rlib.Rf_setAttrib(x.__sexp__._cdata, symbol, value.__sexp__._cdata)


# ----------------------------------------------------------------------------- errors


class RError(Exception):
    """An R error raised by R code that Python called (an R function used as a callback).

    ``classes`` are the R condition's classes and ``condition`` the R condition
    itself, so the bridge can hand the original error back to R.
    """

    def __init__(self, message: str, classes: list[str] | None = None, condition: Any = None) -> None:
        super().__init__(message)
        self.r_message = message
        self.classes = classes if classes is not None else ["simpleError", "error", "condition"]
        self.condition = condition
        # Keras re-creates an error raised inside a layer's call() as `type(e)(message)` (adding the
        # layer's arguments), which would lose the R condition; this flag makes it re-raise it as is.
        self._keras_call_info_injected = True


# ----------------------------------------------------------------------------- interrupts

# Who is running on the main thread right now: "py" (Python code called from R) or "r"
# (R code called from Python). The SIGINT handler of the host reads the innermost one.
_FRAMES: list[str] = []


class frame:  # noqa: N801 - used as a function: ``with frame("py"):``
    """Marks what the main thread is running (see ``_FRAMES``); a no-op on other threads."""

    __slots__ = ("kind", "pushed")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.pushed = False

    def __enter__(self) -> None:
        if threading.current_thread() is threading.main_thread():
            _FRAMES.append(self.kind)
            self.pushed = True

    def __exit__(self, *exc: object) -> None:
        if self.pushed:
            _FRAMES.pop()


def innermost_frame() -> str | None:
    return _FRAMES[-1] if _FRAMES else None


def _interrupt_left_for_r() -> None:
    """An interrupt that reached R's flag while R code called from Python ran (or while its
    arguments and result were converted) but that R returned without seeing: R checks the flag
    only now and then (byte-compiled code of a short callback may never check it), so Keras's
    loop would go on with the flag set and Ctrl-C would be ignored. Python code called the R
    function: the interrupt is raised here, in Python, on the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return
    lib = openrlib.rlib
    if lib.R_interrupts_pending:
        lib.R_interrupts_pending = 0
        raise KeyboardInterrupt


# ----------------------------------------------------------------------------- handles


_GONE: Any = object()


class HandleRegistry:
    """Python objects that R holds through handles, by handle id.

    One entry per R handle; the R handle's finalizer calls :meth:`release`, so
    when R garbage-collects the last handle the registry drops the object.
    """

    def __init__(self) -> None:
        self._objects: dict[int, Any] = {}
        self._next = 1
        self._lock = threading.Lock()
        self.released = 0

    def add(self, obj: Any) -> int:
        with self._lock:
            hid = self._next
            self._next += 1
            self._objects[hid] = obj
            return hid

    def get(self, hid: int) -> Any:
        try:
            return self._objects[hid]
        except KeyError:
            raise LookupError(f"rkeras handle {hid} was released (a stale handle from another session?)") \
                from None

    def release(self, hid: int) -> None:
        with self._lock:
            if self._objects.pop(hid, _GONE) is not _GONE:
                self.released += 1

    def clear(self) -> None:
        with self._lock:
            self._objects.clear()

    def __len__(self) -> int:
        return len(self._objects)


REGISTRY = HandleRegistry()


class _RHelpers:
    """The R closures of the rkeras namespace that conversion needs."""

    def __init__(self, ns: Any) -> None:
        self.ns = ns
        self.ns_rid = ns.rid
        self.handle = ns.find(".rk_handle")
        self.function = ns.find(".rk_function")
        self.invoke_r = ns.find(".rk_invoke_r")
        self.fn_name = ns.find(".rk_fn_name")
        self.formals_info = ns.find(".rk_formals_info")
        self.r6_to_py = ns.find(".rk_r6_to_py")
        self.formula_function = ns.find(".rk_formula_function")


_R: _RHelpers | None = None


def install(ns: Any) -> None:
    """Called by the host once the rkeras R namespace is loaded."""
    global _R
    _R = _RHelpers(ns)


def uninstall() -> None:
    """Drop every reference to R objects held here (the host is shutting down)."""
    global _R
    _R = None
    REGISTRY.clear()
    _HANDLE_TYPES.clear()


def _helpers() -> _RHelpers:
    if _R is None:
        raise RuntimeError("rkeras.convert: the rkeras R namespace is not loaded (start the host first)")
    return _R


def handle_classes(obj: Any) -> list[str]:
    """The S3 classes of a handle, most specific first, always ending in ``rkeras_object``."""
    from ..api.pipe import Stage

    classes: list[str] = []
    k = loaded_keras()
    if k is not None:
        try:
            if isinstance(obj, k.Model):
                if isinstance(obj, k.Sequential):
                    classes.append("rkeras_sequential")
                elif type(obj).__name__ == "Functional":
                    classes.append("rkeras_functional")
                classes.append("rkeras_model")
            if isinstance(obj, k.layers.Layer):
                classes.append("rkeras_layer")
            if isinstance(obj, k.Variable):
                classes.append("rkeras_variable")
            if isinstance(obj, (k.KerasTensor, k.Variable)) or k.ops.is_tensor(obj):
                classes.append("rkeras_tensor")
            for name, cls in (("rkeras_optimizer", k.optimizers.Optimizer), ("rkeras_loss", k.losses.Loss),
                              ("rkeras_metric", k.metrics.Metric), ("rkeras_callback", k.callbacks.Callback),
                              ("rkeras_initializer", k.initializers.Initializer),
                              ("rkeras_regularizer", k.regularizers.Regularizer),
                              ("rkeras_constraint", k.constraints.Constraint),
                              ("rkeras_learning_rate_schedule", k.optimizers.schedules.LearningRateSchedule)):
                if isinstance(obj, cls):
                    classes.append(name)
        except AttributeError:  # an older Keras without one of these
            pass
    if isinstance(obj, Stage):
        classes.append("rkeras_stage")
    if isinstance(obj, dict):  # dict(), py_run_string(), r_to_py(list(a = 1)): `$`/`[[` read items
        classes.append("rkeras_dict")
    if isinstance(obj, RCallable) or _is_tf_function(obj):  # py_func(f), tf_function(f): callable in R
        classes.append("rkeras_python_function")
    if isinstance(obj, type):  # a Python class: calling it from R makes an instance
        classes.append("rkeras_python_class")
    classes.append("rkeras_object")
    return classes


# Handles of these classes are R functions too (keras3: a layer, model, loss, metric or
# initializer can be called: `dense <- layer_dense(units = 2); y <- dense(x)`).
CALLABLE_CLASSES = frozenset({"rkeras_layer", "rkeras_loss", "rkeras_metric", "rkeras_initializer",
                              "rkeras_python_class", "rkeras_python_function"})


def _is_tf_function(obj: Any) -> bool:
    """A TensorFlow graph function (``tf.function``'s result, or one of its concrete functions)."""
    kind = type(obj)
    return kind.__module__.startswith("tensorflow.") and kind.__name__ in (
        "Function", "PolymorphicFunction", "ConcreteFunction", "AtomicFunction")


# Per Python type: the R class vector and whether the handle is an R function. The classes
# depend on the type only, and building them (isinstance checks, an R character vector)
# was the largest part of making a handle.
_HANDLE_TYPES: dict[type, tuple[Any, Any]] = {}


def _handle_type(obj: Any) -> tuple[Any, Any]:
    cached = _HANDLE_TYPES.get(type(obj))
    if cached is None:
        classes = handle_classes(obj)
        as_function = callable(obj) and not CALLABLE_CLASSES.isdisjoint(classes)
        with r_lock():
            cached = (ri.StrSexpVector(classes), ri.BoolSexpVector([as_function]))
        _HANDLE_TYPES[type(obj)] = cached
    return cached


def as_handle(obj: Any, ctx: Context) -> Any:
    """``obj`` as a handle, whatever its type (a row with the ``handle`` fact: ``r_to_py()``)."""
    known = ctx.known(obj)
    return known if known is not None else _make_handle(obj, ctx)


def _make_handle(obj: Any, ctx: Context) -> Any:
    helpers = _helpers()
    classes, as_function = _handle_type(obj)
    hid = REGISTRY.add(obj)
    try:
        with r_lock():
            env = helpers.handle(ri.IntSexpVector([hid]), classes, as_function)
    except BaseException:
        REGISTRY.release(hid)
        raise
    ctx.remember(obj, env)
    return env


def handle_object(env: Any) -> Any:
    """The Python object of an R handle environment."""
    return REGISTRY.get(int(env.find("id")[0]))


# ----------------------------------------------------------------------------- context


class Context:
    """One crossing of the bridge: the handles seen, so a Python object that came in as a
    handle goes back to R as the *same* R object (``model %>% layer_dense()`` returns
    ``model`` itself)."""

    def __init__(self) -> None:
        self.handles: dict[int, tuple[Any, Any]] = {}

    def remember(self, obj: Any, sexp: Any) -> None:
        self.handles[id(obj)] = (obj, sexp)

    def known(self, obj: Any) -> Any:
        hit = self.handles.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        return None

    def came_in(self, obj: Any) -> bool:
        return self.known(obj) is not None


# ----------------------------------------------------------------------------- R -> Python


def _has_attributes(x: Any) -> bool:
    """Whether an R object carries any attribute (class, dim, names, ...): one C call, no lookup."""
    rlib = openrlib.rlib
    return bool(rlib.ATTRIB(x.__sexp__._cdata) != rlib.R_NilValue)


def _attr(x: Any, name: str) -> Any:
    if not _has_attributes(x):  # the common case (plain scalars/vectors): skip rpy2's slot lookup
        return None
    try:
        value = x.do_slot(name)
    except LookupError:
        return None
    return None if isinstance(value, NULLType) else value


def _classes(x: Any) -> list[str]:
    cls = _attr(x, "class")
    return [str(c) for c in cls] if cls is not None else []


def _is_na_real(value: float) -> bool:
    if not math.isnan(value):
        return False
    bits = struct.unpack("<Q", struct.pack("<d", value))[0]
    return bits & 0xFFFFFFFF == _NA_REAL_PAYLOAD


def _na_real_mask(a: np.ndarray) -> np.ndarray:
    nan = np.isnan(a)
    if not nan.any():
        return nan
    return nan & ((a.view(np.uint64) & 0xFFFFFFFF) == _NA_REAL_PAYLOAD)


class _Keep:
    """Exposes an R vector's memory to numpy while holding the R object (its ``base``)."""

    __slots__ = ("__array_interface__", "sexp")

    def __init__(self, interface: dict[str, Any], sexp: Any) -> None:
        self.__array_interface__ = interface
        self.sexp = sexp


def r_view(x: Any, *, writeable: bool = False) -> np.ndarray:
    """A zero-copy numpy view of an R vector/array (R's index order) that keeps ``x`` alive."""
    raw = np.asarray(x)
    interface = dict(raw.__array_interface__)
    interface["data"] = (interface["data"][0], not writeable)
    return np.asarray(_Keep(interface, x))


def r2py(x: Any, ctx: Context | None = None) -> Any:
    """An R value (rpy2 rinterface object) as a Python value."""
    if ctx is None:
        ctx = Context()
    if isinstance(x, NULLType):
        return None
    if isinstance(x, ri.SexpEnvironment):
        classes = _classes(x)
        if "rkeras_object" in classes:
            obj = handle_object(x)
            ctx.remember(obj, x)
            return obj
        if "R6" in classes and ("KerasCallback" in classes or "KerasConstraint" in classes):
            # keras 2.x's R6 callbacks and constraints: their Keras object, made by R
            with r_lock():
                keras_object = _helpers().r6_to_py(x)
            return r2py(keras_object, ctx)
        if "python.builtin.object" in classes:
            return reticulate_object(x)
        return x
    if isinstance(x, ri.SexpClosure):
        return _closure_to_py(x, ctx)
    if isinstance(x, ri.ListSexpVector):
        return _list_to_py(x, ctx)
    if isinstance(x, ri.ByteSexpVector):
        return bytes(x)
    if isinstance(x, (ri.FloatSexpVector, ri.IntSexpVector, ri.BoolSexpVector, ri.StrSexpVector,
                      ri.ComplexSexpVector)):
        return _atomic_to_py(x)
    return x  # calls, symbols, S4 objects...: as they are


def _atomic_to_py(x: Any) -> Any:
    rlib = openrlib.rlib
    cdata = x.__sexp__._cdata
    if rlib.ATTRIB(cdata) == rlib.R_NilValue and rlib.Rf_xlength(cdata) == 1:
        # The common case, a plain length-1 number: read it with R's C accessors.
        if isinstance(x, ri.FloatSexpVector):
            v = float(rlib.REAL(cdata)[0])
            return math.nan if _is_na_real(v) else v
        if isinstance(x, ri.IntSexpVector):
            i = int(rlib.INTEGER(cdata)[0])
            return math.nan if i == NA_INTEGER else i
        if isinstance(x, ri.StrSexpVector):
            # A plain string (every call's function name, most option values): R's C accessors,
            # decoded as rpy2 decodes (the CHARSXP's declared encoding), without rpy2's item lookup.
            elt = rlib.STRING_ELT(cdata, 0)
            if elt == rlib.R_NaString:
                return None
            encoding = _rconversion._R_ENC_PY[rlib.Rf_getCharCE(elt)]
            return openrlib.ffi.string(rlib.R_CHAR(elt)).decode(encoding)
    classes = _classes(x)
    if "factor" in classes:
        return _factor(x, classes)
    dim = _attr(x, "dim")
    if dim is not None:
        return _array(x, tuple(int(d) for d in dim))
    n = len(x)
    if n == 1:
        return _scalar(x)
    return _vector_list(x)


def _scalar(x: Any) -> Any:
    v = x[0]
    # A length-1 NA is R's missing value, not NULL: NaN keeps it apart from None (NULL), so
    # `keras_input(shape = NA)` is one unknown dimension while `shape = NULL` is no shape.
    if isinstance(x, ri.FloatSexpVector):
        return math.nan if _is_na_real(v) else float(v)
    if isinstance(x, ri.IntSexpVector):
        return math.nan if v is ri.NA_Integer else int(v)
    if isinstance(x, ri.BoolSexpVector):
        return math.nan if v is ri.NA_Logical else bool(v)
    if isinstance(x, ri.StrSexpVector):
        return None if v is ri.NA_Character else str(v)
    return complex(v)


def _vector_list(x: Any) -> list[Any]:
    if isinstance(x, ri.StrSexpVector):
        return [None if v is ri.NA_Character else str(v) for v in x]
    if isinstance(x, ri.ComplexSexpVector):
        return [complex(v) for v in x]
    a = np.asarray(x)
    if isinstance(x, ri.FloatSexpVector):
        out = a.tolist()
        mask = _na_real_mask(a)
    elif isinstance(x, ri.BoolSexpVector):
        mask = a == NA_INTEGER
        out = (a != 0).tolist()
    else:
        mask = a == NA_INTEGER
        out = a.tolist()
    if mask.any():
        for i in np.flatnonzero(mask).tolist():
            out[i] = None
    return out


def _array(x: Any, dim: tuple[int, ...]) -> np.ndarray:
    if isinstance(x, ri.StrSexpVector):
        flat = np.array([None if v is ri.NA_Character else str(v) for v in x], dtype=object)
        return flat.reshape(dim, order="F")
    if isinstance(x, ri.ComplexSexpVector):
        return np.array(list(x), dtype=complex).reshape(dim, order="F")
    view = r_view(x)
    if view.shape != dim:  # defensive: rpy2 should already give R's dims
        view = view.reshape(dim, order="F")
    if isinstance(x, ri.FloatSexpVector):
        return view
    return _logical_or_integer(view, x)


def _logical_or_integer(a: np.ndarray, x: Any) -> np.ndarray:
    """R logical/integer values (an int32 view) with R's NA: logicals become bool (an object
    array with None where NA), integers with NA become float64 with NaN; otherwise ``a`` itself."""
    na = a == NA_INTEGER
    if isinstance(x, ri.BoolSexpVector):
        if na.any():
            out = (a != 0).astype(object)
            out[na] = None
            return out
        return a != 0
    if na.any():
        out = a.astype(np.float64)
        out[na] = np.nan
        return out
    return a


def _factor(x: Any, classes: list[str]) -> Any:
    import pandas as pd

    codes = np.array(np.asarray(x), dtype=np.int64)
    codes[codes == NA_INTEGER] = 0
    codes -= 1  # 1-based R codes (NA -> 0) -> 0-based pandas codes (NA -> -1)
    levels = _attr(x, "levels")
    categories = [str(v) for v in levels] if levels is not None else []
    return pd.Categorical.from_codes(codes, categories=categories, ordered="ordered" in classes)


def _list_to_py(x: Any, ctx: Context) -> Any:
    classes = _classes(x)
    if "data.frame" in classes:
        return _data_frame(x, ctx)
    if "keras_training_history" in classes:
        return _history_from_r(x, ctx)
    if "keras_shape" in classes:
        return Shape(None if d is None or (isinstance(d, float) and math.isnan(d)) else d
                     for d in (r2py(v, ctx) for v in x))
    names = _attr(x, "names")
    items = [r2py(v, ctx) for v in x]
    # names() of a named empty list is character(0): still a dict
    if names is not None and all(n is not ri.NA_Character and str(n) != "" for n in names):
        out = dict(zip((str(n) for n in names), items, strict=True))
        keras_class = _attr(x, "keras_class")
        if keras_class is not None:  # a config from get_config(): from_config() needs the class
            from ..api.models import Config

            config = Config(out)
            config.keras_class = r2py(keras_class, ctx)
            return config
        return out
    if names is not None:  # some names given: a list that remembers them (compile(metrics = ))
        from ..api.args import PartlyNamedList

        return PartlyNamedList(items, ["" if n is ri.NA_Character else str(n) for n in names])
    return items


def _column(x: Any, ctx: Context) -> Any:
    """A data.frame column as a 1-d array (numbers keep numpy dtypes), Categorical or list."""
    if isinstance(x, ri.ListSexpVector):
        return [r2py(v, ctx) for v in x]
    classes = _classes(x)
    if "factor" in classes:
        return _factor(x, classes)
    if isinstance(x, ri.StrSexpVector):
        return np.array([None if v is ri.NA_Character else str(v) for v in x], dtype=object)
    if isinstance(x, ri.ComplexSexpVector):
        return np.array(list(x), dtype=complex)
    a = np.asarray(x)
    if isinstance(x, ri.FloatSexpVector):
        return np.array(a, dtype=np.float64)
    out = _logical_or_integer(a, x)
    return np.array(a, dtype=np.int32) if out is a else out  # a column owns its memory


def _data_frame(x: Any, ctx: Context) -> Any:
    import pandas as pd

    names = _attr(x, "names")
    columns = [str(n) for n in names] if names is not None else [f"V{i + 1}" for i in range(len(x))]
    data = {name: _column(col, ctx) for name, col in zip(columns, x, strict=True)}
    row_names = _attr(x, "row.names")
    index = None
    if isinstance(row_names, ri.StrSexpVector):
        index = [str(v) for v in row_names]
    return pd.DataFrame(data, index=index)


def _history_from_r(x: Any, ctx: Context) -> Any:
    from ..api.history import History

    value = dict(zip((str(n) for n in _attr(x, "names")), x, strict=True))
    params = r2py(value.get("params", ri.NULL), ctx) or {}
    metrics_r = value.get("metrics")
    metrics: dict[str, list[float]] = {}
    metric_names = _attr(metrics_r, "names") if isinstance(metrics_r, ri.ListSexpVector) else None
    if metric_names is not None:
        for name, values in zip(metric_names, metrics_r, strict=True):
            metrics[str(name)] = [float(v) for v in np.asarray(values, dtype=np.float64)]
    return History(params if isinstance(params, dict) else {}, metrics)


def reticulate_object(env: Any) -> Any:
    """The Python object a reticulate object stands for (``py$model`` in R Markdown, where
    reticulate runs this same interpreter): the PyObject its ``pyobj`` external pointer holds."""
    import ctypes

    try:
        ptr = env.find("pyobj")
    except (KeyError, LookupError):
        return env
    rlib = openrlib.rlib
    addr = int(openrlib.ffi.cast("uintptr_t", rlib.R_ExternalPtrAddr(ptr.__sexp__._cdata)))
    if not addr:
        raise ValueError("a reticulate Python object from another session (its pointer is NULL)")
    return ctypes.cast(addr, ctypes.py_object).value


def _closure_to_py(f: Any, ctx: Context) -> Any:
    handle = _attr(f, "rkeras_handle")
    while isinstance(handle, ri.SexpClosure):  # a callable handle (a Python class) kept as the attribute
        handle = _attr(handle, "rkeras_handle")
    if handle is not None and isinstance(handle, ri.SexpEnvironment):
        obj = handle_object(handle)
        ctx.remember(obj, f)
        return obj
    py_object = _attr(f, "py_object")
    if isinstance(py_object, ri.SexpEnvironment) and "python.builtin.object" in _classes(f):
        return reticulate_object(py_object)  # a callable reticulate object (a Keras model)
    helpers = _R
    if helpers is not None and f.typeof == ri.RTYPES.CLOSXP and f.closureenv.rid == helpers.ns_rid:
        with r_lock():
            name = helpers.fn_name(f)[0]
        if name is not ri.NA_Character:
            from ..api.build import functions

            fn = functions().get(str(name))
            if fn is not None:
                return fn
    return RCallable(f)


def formula_function(value: Any) -> Any:
    """An R formula (``~ .x * 2``) as a Python callable calling the R function it stands for
    (rlang's ``as_function()`` rules, see ``.rk_formula_function``); None for anything else."""
    if not isinstance(value, ri.LangSexpVector) or "formula" not in _classes(value):
        return None
    return RCallable(_helpers().formula_function)(value)


class RCallable:
    """An R function called from Python (a callback, an activation, ...).

    Arguments and results cross through :func:`py2r` / :func:`r2py`; an R error
    raises :class:`RError` (an R interrupt raises KeyboardInterrupt). Calls hold
    rpy2's ``rlock``, so any thread may call it.
    """

    def __init__(self, closure: Any) -> None:
        self.closure = closure
        self.__name__ = "r_function"
        self.__qualname__ = "r_function"
        self._signature: inspect.Signature | None = None

    @property
    def __signature__(self) -> inspect.Signature:
        """The R function's formals as a Python signature (Keras reads the signatures of methods and
        functions): ``...`` is ``*args, **kwargs``; a constant default (NULL, TRUE, 2, "a") is that
        value, any other default is :data:`R_DEFAULT`, which calls leave out so R evaluates it."""
        if self._signature is None:
            with r_lock():
                info = r2py(_helpers().formals_info(self.closure))
            self._signature = _r_signature(info)
        return self._signature

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs and any(v is R_DEFAULT for v in kwargs.values()):
            kwargs = {k: v for k, v in kwargs.items() if v is not R_DEFAULT}
        while args and args[-1] is R_DEFAULT:
            args = args[:-1]
        helpers = _helpers()
        ctx = Context()
        with r_lock(), frame("r"):
            values = [py2r(a, ctx) for a in args] + [py2r(v, ctx) for v in kwargs.values()]
            rargs = ri.ListSexpVector(values)
            if kwargs:
                set_attr(rargs, "names", ri.StrSexpVector([""] * len(args) + list(kwargs)))
            result = helpers.invoke_r(self.closure, rargs)
            if isinstance(result, ri.ListSexpVector) and "condition" in _classes(result):
                raise_r_condition(result)
            value = r2py(result[0], ctx)
            _interrupt_left_for_r()
            return value

    def __repr__(self) -> str:
        return "<R function>"


class _RDefault:
    """The default of an R formal that Python cannot state (a call such as ``parent.frame()``)."""

    def __repr__(self) -> str:
        return "<R default>"


R_DEFAULT: Any = _RDefault()


def _r_signature(info: Any) -> inspect.Signature:
    """A Python signature from ``.rk_formals_info()``: list(names, has_default, constant, values)."""
    names = _as_list(info.get("names"))
    has_default = _as_list(info.get("has_default"))
    constant = _as_list(info.get("constant"))
    values = info.get("values") or []
    params: list[inspect.Parameter] = []
    after_dots = False
    for i, name in enumerate(names):
        if name == "...":
            params.append(inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL))
            after_dots = True
            continue
        if not name.isidentifier():
            continue
        kind = inspect.Parameter.KEYWORD_ONLY if after_dots else inspect.Parameter.POSITIONAL_OR_KEYWORD
        default: Any = inspect.Parameter.empty
        if has_default[i]:
            default = values[i] if constant[i] else R_DEFAULT
        params.append(inspect.Parameter(name, kind, default=default))
    if after_dots:
        params.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
    # Python wants no default-less positional parameter after one with a default: R allows it
    seen_default = False
    for i, p in enumerate(params):
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            if p.default is not inspect.Parameter.empty:
                seen_default = True
            elif seen_default:
                params[i] = p.replace(default=R_DEFAULT)
    return inspect.Signature(params)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def raise_r_condition(cond: Any) -> None:
    classes = _classes(cond)
    names = [str(n) for n in (_attr(cond, "names") or [])]
    message = ""
    if "message" in names:
        msg = cond[names.index("message")]
        message = str(msg[0]) if len(msg) else ""
    if "interrupt" in classes:
        raise KeyboardInterrupt(message)
    raise RError(message, classes, cond)


# ----------------------------------------------------------------------------- Python -> R


def _scalar_sexp(maker: str, value: Any) -> Any:
    """A length-1 R vector made by R's own C constructor (much cheaper than rpy2's from_iterable)."""
    with r_lock():
        return _rconversion._cdata_to_rinterface(getattr(openrlib.rlib, maker)(value))


def result_list(value: Any, visible: bool, messages: list[str]) -> Any:
    """The dispatcher's answer to R, ``list(value, visible[, warnings])``, built with R's C API."""
    rlib = openrlib.rlib
    extra = ri.StrSexpVector(messages) if messages else None
    with r_lock():
        out = rlib.Rf_protect(rlib.Rf_allocVector(rlib.VECSXP, 3 if extra is not None else 2))
        try:
            rlib.SET_VECTOR_ELT(out, 0, value.__sexp__._cdata)
            rlib.SET_VECTOR_ELT(out, 1, rlib.Rf_ScalarLogical(1 if visible else 0))
            if extra is not None:
                rlib.SET_VECTOR_ELT(out, 2, extra.__sexp__._cdata)
            return _rconversion._cdata_to_rinterface(out)
        finally:
            rlib.Rf_unprotect(1)


def py2r(value: Any, ctx: Context | None = None) -> Any:
    """A Python value as an R value (an rpy2 rinterface object)."""
    if ctx is None:
        ctx = Context()
    if isinstance(value, Sexp):
        return value
    if value is None:
        return ri.NULL
    known = ctx.known(value)
    if known is not None:
        return known
    kind = type(value)
    if kind is int and -_INT32_MAX <= value <= _INT32_MAX:
        return _scalar_sexp("Rf_ScalarInteger", value)
    if kind is float:
        return _scalar_sexp("Rf_ScalarReal", value)
    if kind is bool:
        return _scalar_sexp("Rf_ScalarLogical", int(value))
    if isinstance(value, (bool, np.bool_)):
        return ri.BoolSexpVector([bool(value)])
    if isinstance(value, np.integer):
        if value.dtype.itemsize <= 4 and value.dtype != np.uint32:
            return ri.IntSexpVector([int(value)])
        return ri.FloatSexpVector([float(value)])
    if isinstance(value, int):
        if -_INT32_MAX <= value <= _INT32_MAX:
            return ri.IntSexpVector([value])
        return ri.FloatSexpVector([float(value)])
    if isinstance(value, (float, np.floating)):
        return ri.FloatSexpVector([float(value)])
    if isinstance(value, (complex, np.complexfloating)):
        return ri.ComplexSexpVector([complex(value)])
    if kind is PackageVersion:  # tf_version(): R's package_version
        with r_lock():
            return ri.baseenv.find("package_version")(ri.StrSexpVector([str(value)]))
    if isinstance(value, (str, np.str_)):
        return ri.StrSexpVector([str(value)])
    if isinstance(value, (bytes, bytearray)):
        return ri.ByteSexpVector(bytes(value))
    if isinstance(value, np.ndarray):
        if isinstance(value, Unconverted):  # keras3's convert = FALSE: the NumPy array itself
            return as_handle(value.view(np.ndarray), ctx)
        return _array_to_r(value, ctx)
    if isinstance(value, Shape):
        return _shape_to_r(value, ctx)
    if isinstance(value, dict):
        return _named_list(value, ctx)
    if isinstance(value, (list, tuple)):
        return _sequence_to_r(value, ctx)
    module = type(value).__module__
    if module.startswith("pandas"):
        converted = _pandas_to_r(value, ctx)
        if converted is not None:
            return converted
    return _object_to_r(value, ctx)


def _object_to_r(value: Any, ctx: Context) -> Any:
    from ..api.build import RFunction
    from ..api.history import History
    from ..api.pipe import LayerStage

    if isinstance(value, History):
        return _history_to_r(value, ctx)
    if isinstance(value, LayerStage):
        return py2r(value.layer, ctx)
    if isinstance(value, RCallable):
        return value.closure
    if isinstance(value, RFunction):  # back to R as its generated wrapper
        try:
            wrapper = _helpers().ns.find(value.row.name)
        except KeyError:
            wrapper = None
        if isinstance(wrapper, ri.SexpClosure):
            return wrapper
        return _function_to_r(value, ctx)
    if _is_scalar_tensor(value):
        return py2r(np.asarray(value)[()], ctx)
    if inspect.isfunction(value) or inspect.ismethod(value) or inspect.isbuiltin(value) or \
            isinstance(value, functools.partial) or type(value).__name__ == "method-wrapper":
        return _function_to_r(value, ctx)
    return _make_handle(value, ctx)


def _shape_to_r(value: Shape, ctx: Context) -> Any:
    """keras3's keras_shape: ``structure(list(NULL, 28L), class = "keras_shape")``; a dimension known
    only as a tensor (inside a compiled function) makes it a plain list."""
    if not all(d is None or (isinstance(d, (int, np.integer)) and not isinstance(d, bool)
                             and -_INT32_MAX <= int(d) <= _INT32_MAX) for d in value):
        return _sequence_to_r(tuple(value), ctx)
    out = ri.ListSexpVector([ri.NULL if d is None else ri.IntSexpVector([int(d)]) for d in value])
    with r_lock():
        set_attr(out, "class", ri.StrSexpVector(["keras_shape"]))
    return out


def _is_scalar_tensor(value: Any) -> bool:
    """An eager 0-d tensor (e.g. a metric in ``logs``), not a variable: passed to R as a number,
    except while a TensorFlow GradientTape records (docs/DESIGN-NOTES.md, 0-d tensors): then it
    stays a tensor handle, so that ``tape$gradient(loss, weights)`` gets the tensor the tape saw
    and arithmetic on it (``loss + penalty``) is recorded too."""
    if "keras" not in sys.modules or not hasattr(value, "numpy") or not hasattr(value, "shape"):
        return False
    if _tape_recording():
        return False
    k = loaded_keras()
    if k is None:
        return False
    try:
        # a variable (Keras's or a backend's, `tf$Variable(2)`) stays a handle: R code assigns to it
        # (`self$total$assign_add(...)`) and differentiates with respect to it
        if isinstance(value, (k.KerasTensor, k.Variable)) or hasattr(value, "assign") \
                or not k.ops.is_tensor(value) \
                or tuple(value.shape) != ():
            return False
        np.asarray(value)  # a graph tensor (inside a traced function) has no value: it stays a handle
        return True
    except Exception:  # noqa: BLE001 - anything odd stays a handle
        return False


_RECORDING: list[Callable[[], bool]] = []


def _tape_recording() -> bool:
    """Whether a TensorFlow GradientTape (or forward accumulator) records on this thread."""
    if "tensorflow" not in sys.modules:
        return False
    if not _RECORDING:
        try:
            from tensorflow.python.eager import record

            _RECORDING.append(record.could_possibly_record)
        except (ImportError, AttributeError):  # an older TensorFlow: its tape module
            try:
                from tensorflow.python.eager import tape

                _RECORDING.append(tape.could_possibly_record)
            except (ImportError, AttributeError):
                _RECORDING.append(lambda: False)
    try:
        return bool(_RECORDING[0]())
    except Exception:  # noqa: BLE001 - a TensorFlow without the check: never recording
        return False


def _function_to_r(fn: Callable[..., Any], ctx: Context) -> Any:
    handle = _make_handle(fn, ctx)
    with r_lock():
        return _helpers().function(handle)


_SEXPTYPES = {"numeric": "REALSXP", "integer": "INTSXP", "logical": "LGLSXP"}


_ELEMENT_BYTES = {"numeric": 8, "integer": 4, "logical": 4}


def _alloc(kind: str, n: int) -> Any:
    """A new R vector of ``n`` elements (contents unset: the caller fills it), allocated by R.

    R reports a failed allocation with an R error, which would jump over the Python frames
    that called it and kill the process: sizes R cannot hold, or more memory than the system
    has free, are refused first (:func:`rkeras.api.memory.check_allocation`)."""
    check_allocation(None, f"an R {kind} vector of {n} elements", n * _ELEMENT_BYTES[kind], elements=n)
    rlib = openrlib.rlib
    with r_lock():
        # Nothing can trigger R's GC between the allocation and rpy2 preserving the object.
        return _rconversion._cdata_to_rinterface(rlib.Rf_allocVector(getattr(rlib, _SEXPTYPES[kind]), n))


def _array_to_r(a: np.ndarray, ctx: Context) -> Any:
    if a.ndim == 0:
        return py2r(a[()], ctx)
    kind = a.dtype.kind
    shape = a.shape
    if kind == "b":
        out = _fill("logical", a)
    elif kind in "iu" and a.dtype.itemsize <= 4 and a.dtype != np.uint32:
        out = _fill("integer", a)
    elif kind in "iuf":
        out = _fill("numeric", a)
    elif kind == "c":
        out = ri.ComplexSexpVector([complex(v) for v in a.ravel(order="F").tolist()])
    elif kind in "US":
        out = ri.StrSexpVector([str(v) for v in a.ravel(order="F").tolist()])
    elif kind == "O":
        items = [py2r(v, ctx) for v in a.ravel(order="F")]
        if items and all(isinstance(v, ri.StrSexpVector) and len(v) == 1 for v in items) and a.ndim > 1:
            out = ri.StrSexpVector([v[0] for v in items])
        else:
            out = ri.ListSexpVector(items)
    elif kind in "mM":
        out = _fill("numeric", a.astype(np.float64))
    else:
        return _make_handle(a, ctx)
    if a.ndim > 1:
        with r_lock():
            set_attr(out, "dim", ri.IntSexpVector(list(shape)))
    return out


_HUGE_PAGE = 2**21
_MADV_HUGEPAGE = 14  # Linux <sys/mman.h>


@functools.cache
def _madvise() -> Any:
    """libc's ``madvise`` (Linux), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        fn = ctypes.CDLL(None, use_errno=True).madvise
        fn.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        fn.restype = ctypes.c_int
        return fn
    except (OSError, AttributeError):
        return None


def _advise_huge_pages(view: np.ndarray) -> None:
    """Ask Linux for transparent huge pages on a large, freshly allocated R vector before it is
    first written. R's malloc'd memory otherwise takes one page fault per 4 KiB on first touch,
    which made filling it 4x slower than numpy's own copy (numpy advises its large buffers the
    same way). Only the 2 MiB-aligned interior is advised; a refusal changes nothing."""
    if view.nbytes < 4 * _HUGE_PAGE:
        return
    fn = _madvise()
    if fn is None:
        return
    addr = int(view.__array_interface__["data"][0])
    start = -(-addr // _HUGE_PAGE) * _HUGE_PAGE
    end = (addr + view.nbytes) // _HUGE_PAGE * _HUGE_PAGE
    if end > start:
        fn(start, end - start, _MADV_HUGEPAGE)


def _fill(kind: str, a: np.ndarray) -> Any:
    """Allocate an R vector and write ``a`` into it once, in R's (column-major) order."""
    out = _alloc(kind, a.size)
    if a.size:
        flat = np.asarray(out)
        _advise_huge_pages(flat)
        view = flat.reshape(a.shape, order="F")
        if a.ndim > 1 and not a.flags.f_contiguous and a.dtype.itemsize < view.dtype.itemsize:
            a = np.asfortranarray(a)  # transpose the narrow type first: faster (e.g. uint8 images)
        np.copyto(view, a, casting="unsafe")
    return out


def _named_list(d: dict[Any, Any], ctx: Context) -> Any:
    out = ri.ListSexpVector([py2r(v, ctx) for v in d.values()])
    keras_class = getattr(d, "keras_class", None)  # rkeras.api.models.Config (get_config())
    class_sexp = py2r(keras_class, ctx) if keras_class is not None else None
    with r_lock():
        set_attr(out, "names", ri.StrSexpVector([str(k) for k in d]))  # also when empty: named list()
        if class_sexp is not None:
            set_attr(out, "keras_class", class_sexp)
    return out


def _scalar_kind(v: Any) -> str | None:
    if isinstance(v, (bool, np.bool_)):
        return "logical"
    if isinstance(v, int) or (isinstance(v, np.integer) and v.dtype.itemsize <= 4 and v.dtype != np.uint32):
        return "integer"
    if isinstance(v, (float, np.floating, np.integer)):
        return "double"
    if isinstance(v, (str, np.str_)):
        return "character"
    return None


def _sequence_to_r(seq: list[Any] | tuple[Any, ...], ctx: Context) -> Any:
    """Same-kind scalars -> an atomic vector (as reticulate does); anything else -> a list."""
    if seq:
        kinds = {_scalar_kind(v) for v in seq}
        if None not in kinds:
            if kinds == {"logical"}:
                return ri.BoolSexpVector([bool(v) for v in seq])
            if kinds == {"character"}:
                return ri.StrSexpVector([str(v) for v in seq])
            if kinds == {"integer"} and all(-_INT32_MAX <= int(v) <= _INT32_MAX for v in seq):
                return ri.IntSexpVector([int(v) for v in seq])
            if kinds <= {"integer", "double"}:
                return ri.FloatSexpVector([float(v) for v in seq])
    return ri.ListSexpVector([py2r(v, ctx) for v in seq])


def _history_to_r(history: Any, ctx: Context) -> Any:
    metrics = ri.ListSexpVector([ri.FloatSexpVector([float(v) for v in values])
                                 for values in history.metrics.values()])
    with r_lock():
        set_attr(metrics, "names", ri.StrSexpVector(list(history.metrics)))
    out = ri.ListSexpVector([py2r(dict(history.params), ctx), metrics])
    with r_lock():
        set_attr(out, "names", ri.StrSexpVector(["params", "metrics"]))
        set_attr(out, "class", ri.StrSexpVector(["keras_training_history"]))
    return out


def _factor_to_r(cat: Any) -> Any:
    codes = np.asarray(cat.codes, dtype=np.int64)
    out = _fill("integer", np.where(codes < 0, NA_INTEGER, codes + 1).astype(np.int32))
    with r_lock():
        set_attr(out, "levels", ri.StrSexpVector([str(c) for c in cat.categories]))
        set_attr(out, "class", ri.StrSexpVector(["ordered", "factor"] if cat.ordered else ["factor"]))
    return out


def _missing(v: Any) -> bool:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return True
    return type(v).__name__ in ("NAType", "NaTType")


def _series_to_r(values: Any, ctx: Context) -> Any:
    """A column (Series/array-like) as an R vector (never simplified to a scalar)."""
    import pandas as pd

    if isinstance(values, pd.Series):
        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            return _factor_to_r(values.cat)
        if isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind in "iuf":
            values = values.to_numpy(dtype="float64", na_value=np.nan)
        elif isinstance(dtype, pd.api.extensions.ExtensionDtype) and dtype.kind == "b":
            values = np.array(values.tolist(), dtype=object)
        else:
            values = values.to_numpy()
    if isinstance(values, pd.Categorical):
        return _factor_to_r(values)
    a = np.asarray(values)
    if a.dtype.kind == "O":
        items = a.tolist()
        present = [v for v in items if not _missing(v)]
        if present and all(isinstance(v, str) for v in present):
            return ri.StrSexpVector([ri.NA_Character if _missing(v) else v for v in items])
        if present and all(isinstance(v, (bool, np.bool_)) for v in present):
            return ri.BoolSexpVector([ri.NA_Logical if _missing(v) else bool(v) for v in items])
        return ri.ListSexpVector([py2r(v, ctx) for v in items])
    return _array_to_r(a.reshape(-1), ctx)


def _pandas_to_r(value: Any, ctx: Context) -> Any:
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        cols = [_series_to_r(value[c], ctx) for c in value.columns]
        out = ri.ListSexpVector(cols)
        n = len(value)
        index = value.index
        with r_lock():
            set_attr(out, "names", ri.StrSexpVector([str(c) for c in value.columns]))
            set_attr(out, "class", ri.StrSexpVector(["data.frame"]))
            if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1:
                row_names = ri.IntSexpVector([ri.NA_Integer, -n]) if n else ri.IntSexpVector([])
            else:
                row_names = ri.StrSexpVector([str(i) for i in index])
            set_attr(out, "row.names", row_names)
        return out
    if isinstance(value, (pd.Series, pd.Categorical)):
        return _series_to_r(value, ctx)
    return None
