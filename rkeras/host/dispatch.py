"""The one entry from R to Python: ``.rk_call(.fn, ...)`` lands in :func:`dispatch`.

``.fn`` names a spec function (``"layer_dense"``) or an internal one (``".getattr"``,
``".format"``, ...: :data:`INTERNAL`). Arguments are converted by :mod:`.convert`; the
answer is ``list(value, visible[, warnings])`` (Python warnings become R warnings), or an R
condition of class ``c("rkeras_error", "<PythonClass>", "error", "condition")`` carrying
``traceback`` (:func:`condition`), which the R side ``stop()``s.

Visibility follows keras3: a row whose ``invisible`` column is set (``fit``, ``compile``,
the savers) returns invisibly, and so does a function that hands back an object it was given
(``model %>% layer_dense()`` changed ``model`` in place); getters do not.

Test-only internals (``.describe``, ``.py_eval``, ...) live in :mod:`.testing` and are
registered only when ``RKERAS_TEST_HOOKS=1``.
"""

from __future__ import annotations

import inspect
import threading
import traceback
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import rpy2.rinterface as ri
from rpy2.rinterface_lib import openrlib

from ..api import reticulate, tensors
from ..api._keras import loaded_keras
from ..api.build import get_function
from ..api.summary import layer_table, summary_text
from ..errors import RKerasError
from . import convert
from .signals import DISPATCH_INTERRUPT

# Internal functions whose result R gets invisibly.
_INVISIBLE_INTERNAL = frozenset({".setattr", ".setitem", ".module_setattr", ".release", ".instance_state",
                                 ".noop"})
# Getters hand back objects that came in (``x$layers[[1]]``) visibly.
_GETTERS = frozenset({".getattr", ".getitem"})



def _getattr(obj: Any, name: str) -> Any:
    """``x$name``: an unknown attribute is an error (as with reticulate), never a silent NULL."""
    try:
        return getattr(obj, name)
    except AttributeError as err:
        raise AttributeError(f"`$`: this {type(obj).__name__} has no attribute {name!r}") from err


def _setattr(obj: Any, name: str, value: Any) -> None:
    setattr(obj, name, value)


def _getitem(obj: Any, key: Any) -> Any:
    if isinstance(key, float) and key.is_integer():
        key = int(key)
    if isinstance(key, int) and not isinstance(obj, dict):
        if key == 0:
            raise RKerasError("`[[`: indexes are 1-based (negative counts from the end)")
        return obj[key - 1 if key > 0 else key]
    return obj[key]


def _dir(obj: Any) -> list[str]:
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def _format(obj: Any) -> str:
    k = loaded_keras()
    if k is not None and isinstance(obj, k.Model):
        try:
            return summary_text(obj).rstrip("\n")
        except Exception:  # noqa: BLE001 - an unbuilt model: fall back to its name
            return f"<{type(obj).__name__} name={obj.name}, not built>"
    return str(obj)


def _summary_text(obj: Any, *args: Any, **kwargs: Any) -> str:
    return summary_text(obj, *args, **kwargs)


def _as_array(obj: Any) -> Any:
    import numpy as np

    k = loaded_keras()
    if k is not None:
        return np.asarray(k.ops.convert_to_numpy(obj))
    return np.asarray(obj)


def _invoke(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def _module(module: str, name: str) -> Any:
    import importlib

    if module == "tensorflow":  # R's `tf`: a clear error where TensorFlow is not installed
        from ..api.tensorflow import tensorflow

        return tensorflow(f"tf${name}")
    return importlib.import_module(module)


def _module_attr(module: str, name: str) -> Any:
    """``keras$name`` (R's `keras`, `tf` and `py` objects): an attribute of a Python module."""
    return _getattr(_module(module, name), name)


def _module_setattr(module: str, name: str, value: Any) -> None:
    """``py$name <- value``: set an attribute of a Python module (``py`` is ``__main__``)."""
    setattr(_module(module, name), name, value)


def _setitem(obj: Any, key: Any, value: Any) -> None:
    """``d[["key"]] <- value`` / ``d$key <- value`` on a Python dict."""
    obj[key] = value


def _keys(obj: Any) -> list[str]:
    """``names(d)`` of a Python dict: its keys as strings."""
    return [str(k) for k in obj]


def _enter(ctx: Any) -> Any:
    """``with(ctx %as% name, ...)``: enter a Python context manager; its value is bound to name."""
    return ctx.__enter__()


def _exit(ctx: Any) -> None:
    ctx.__exit__(None, None, None)


def _noop(*args: Any, **kwargs: Any) -> None:
    """``.rk_call(".noop", ...)``: does nothing; the floor of a bridged call (bench/)."""


def _release(hid: Any) -> None:
    convert.REGISTRY.release(int(hid))


def release_handle(hid: Any) -> int:
    """The finalizer's way back (rternalized): drop a handle's Python object. It runs inside R's
    garbage collector for every handle, so it skips the dispatcher's conversions."""
    try:
        convert.REGISTRY.release(int(hid[0]))
    except BaseException:  # noqa: BLE001 - a finalizer must not fail; an unknown id is already gone
        return 0
    return 1


release_handle.__signature__ = inspect.signature(release_handle)  # type: ignore[attr-defined]


def _new_class(kind: str, classname: str, members: Any = None, inherit: Any = None) -> Any:
    from ..api.classes import new_class

    return new_class(kind, classname, members or {}, inherit=inherit)


def _super(cls: Any, obj: Any) -> Any:
    from ..api.classes import RSuper

    return RSuper(cls, obj)


def _instance_state(obj: Any, *value: Any) -> Any:
    from ..api.classes import instance_state

    return instance_state(obj, *value)


def _active_property(fn: Any) -> Any:
    from ..api.classes import ActiveProperty

    return ActiveProperty(fn)


def _class_kind(value: Any) -> str:
    from ..api.classes import class_kind

    return class_kind(value)


def _compose_layer(obj: Any, layer: Any) -> Any:
    from ..api.build import compose_layer

    return compose_layer(obj, layer)


INTERNAL: dict[str, Callable[..., Any]] = {
    # custom classes (R/classes.R, R/keras2_classes.R)
    ".compose_layer": _compose_layer,
    ".new_class": _new_class,
    ".super": _super,
    ".instance_state": _instance_state,
    ".weak": weakref.ref,
    ".active_property": _active_property,
    ".class_kind": _class_kind,
    ".getattr": _getattr,
    ".setattr": _setattr,
    ".getitem": _getitem,
    ".dir": _dir,
    ".format": _format,
    ".repr": str,
    ".summary_text": _summary_text,
    ".layer_table": layer_table,
    ".as_array": _as_array,
    ".invoke": _invoke,
    ".release": _release,
    ".noop": _noop,
    # tensors as R values (R/tensors.R): the group generics, dim(), length(), `[`, `[<-`
    ".tensor_op": tensors.tensor_op,
    ".tensor_math": tensors.tensor_math,
    ".tensor_summary": tensors.tensor_summary,
    ".tensor_dim": tensors.tensor_dim,
    ".tensor_length": tensors.tensor_length,
    ".tensor_as_array": tensors.tensor_as_array,
    ".op_subset": tensors.r_subset,
    ".op_subset_set": tensors.r_subset_set,
    ".module_attr": _module_attr,
    ".module_setattr": _module_setattr,
    ".setitem": _setitem,
    ".keys": _keys,
    ".len": len,
    ".capture_begin": reticulate.capture_begin,
    ".capture_end": reticulate.capture_end,
    ".enter": _enter,
    ".exit": _exit,
}


def _resolve(name: Any) -> Callable[..., Any]:
    """The function for ``.fn``: an internal ``.name`` or a spec function."""
    if not isinstance(name, str):
        raise RKerasError(f"rkeras dispatcher: `.fn` must be a function name, got {name!r}")
    if name.startswith("."):
        try:
            return INTERNAL[name]
        except KeyError:
            raise RKerasError(f"rkeras dispatcher: no internal function {name!r}") from None
    return get_function(name)


def _as_handle(handle: bool | str, kwargs: dict[str, Any]) -> bool:
    """Whether R gets the result as a handle: the row's ``handle`` fact, or with ``handle=convert``
    the call's ``convert = FALSE`` (the generated wrappers pass arguments by name)."""
    if isinstance(handle, str):
        return kwargs.get(handle, True) is False
    return handle


def _invisible(name: str, fn: Any) -> bool:
    row = getattr(fn, "row", None)
    return row.invisible if row is not None else name in _INVISIBLE_INTERNAL


class _r_released:  # noqa: N801 - used as a function: ``with _r_released():``
    """Let other threads call R while Python code runs for R (the main thread is not in R then)."""

    __slots__ = ("state",)

    def __enter__(self) -> None:
        lock: Any = openrlib.rlock
        self.state = None
        if threading.current_thread() is threading.main_thread() and lock._is_owned():
            self.state = lock._release_save()

    def __exit__(self, *exc: object) -> None:
        if self.state is not None:
            openrlib.rlock._acquire_restore(self.state)  # type: ignore[attr-defined]


def dispatch(*args: Any, **kwargs: Any) -> Any:
    """The rternalized entry point behind ``.rk_call()``; never raises."""
    try:
        with convert.frame("py"):
            ctx = convert.Context()
            name = convert.r2py(args[0]) if args else None
            fn = _resolve(name)
            pargs = [convert.r2py(a, ctx) for a in args[1:]]
            pkwargs = {k: convert.r2py(v, ctx) for k, v in kwargs.items()}
            with _r_released(), warnings.catch_warnings(record=True) as caught:
                result = fn(*pargs, **pkwargs)
            visible = not (
                result is None or _invisible(name, fn) or (name not in _GETTERS and ctx.came_in(result))
            )
            row = getattr(fn, "row", None)
            with convert.r_lock():
                try:
                    if row is not None and _as_handle(row.handle, pkwargs) and result is not None:
                        value = convert.as_handle(result, ctx)  # reticulate's convert = FALSE
                    else:
                        value = convert.py2r(result, ctx)
                except RKerasError as err:
                    if err.fn is not None:
                        raise
                    raise RKerasError(f"its result cannot be returned to R: {err}", fn=name) from err
                # Python warnings become R warnings (signalled by .rk_result)
                return convert.result_list(value, visible, [str(w.message) for w in caught])
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to R as a condition
        return condition(exc)
    finally:
        if DISPATCH_INTERRUPT.pending and convert.innermost_frame() is None:
            DISPATCH_INTERRUPT.delivered()  # the outermost call is over: the interrupt is R's now


# rpy2 calls inspect.signature() on the rternalized function at every call from R; a ready
# __signature__ makes that a lookup instead of an introspection (about 15 us per call).
dispatch.__signature__ = inspect.signature(dispatch)  # type: ignore[attr-defined]


def _with_condition(exc: convert.RError) -> convert.RError:
    """The R error that carries the R condition: ``exc`` itself, or the one it was made from (Keras
    re-raises an error from a layer's ``call()`` as a new one of the same type, adding context)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, convert.RError) and seen.condition is not None:
            return seen
        seen = seen.__cause__ or seen.__context__
    return exc


def condition(exc: BaseException) -> Any:
    """An R condition for a Python exception (keeps an R error's own classes)."""
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    py_class = f"{type(exc).__module__}.{type(exc).__qualname__}"
    call: Any = ri.NULL
    r_trace: Any = None
    if isinstance(exc, convert.RError):
        message = exc.r_message
        exc = _with_condition(exc)
        r_classes = [c for c in exc.classes if c not in ("error", "condition", "rkeras_error")]
        classes = ["rkeras_error", "RError", *r_classes, "error", "condition"]
        try:
            names = [str(n) for n in exc.condition.do_slot("names")]
            call = exc.condition[names.index("call")]
            if "r_trace" in names:
                r_trace = exc.condition[names.index("r_trace")]
        except Exception:  # noqa: BLE001 - no call: fine
            call = ri.NULL
    elif isinstance(exc, KeyboardInterrupt):
        message = "KeyboardInterrupt"
        classes = ["rkeras_error", "KeyboardInterrupt", "interrupt", "condition"]
    else:
        text = str(exc)
        message = text if isinstance(exc, RKerasError) else f"{type(exc).__name__}: {text}".rstrip(": ")
        # the Python class and its bases (RKerasTypeError, RKerasError, TypeError, ValueError),
        # so R code can catch any of them by name
        bases = [c.__name__ for c in type(exc).__mro__ if c not in (BaseException, Exception, object)]
        classes = list(dict.fromkeys(["rkeras_error", *(b for b in bases if b not in ("error", "condition")),
                                      "error", "condition"]))
    try:
        with convert.r_lock():
            items = [ri.StrSexpVector([message]), call, ri.StrSexpVector([tb]), ri.StrSexpVector([py_class])]
            names = ["message", "call", "traceback", "python_class"]
            if r_trace is not None:  # the R calls that led to an R error inside Python code
                items.append(r_trace)
                names.append("r_trace")
            out = ri.ListSexpVector(items)
            convert.set_attr(out, "names", ri.StrSexpVector(names))
            convert.set_attr(out, "class", ri.StrSexpVector(classes))
            return out
    except BaseException:  # noqa: BLE001 - last resort: an R string is better than NULL
        return ri.StrSexpVector([message])


