"""Jupyter / IPython: ``%load_ext rkeras`` gives R cells (rpy2's ``%R`` / ``%%R`` magics) that run
rkeras in the kernel's own R, with values crossing between Python and R cells as rkeras's
bridge converts them.

* :func:`load_ipython_extension` starts the embedded R with the rkeras R package attached (as
  ``rkeras repl`` does: :func:`.bridge.start`), so ``library(keras3)``, ``library(keras)`` and
  ``library(kerasR)`` work in R cells, and registers :class:`RKerasMagics`: rpy2's magics with
  :data:`converter`.
* :data:`converter` is rpy2's magic converter (its default rules: numpy, pandas) plus rkeras's
  rules: a Python object with no rpy2 rule (a Keras model, layer, tensor, variable, optimizer,
  callback, ...) goes to R as the rkeras handle R code would get (:func:`.convert.py2r`), numpy
  arrays and rkeras ``History`` objects as rkeras converts them (dims kept); back in Python an
  rkeras handle (``%R -o model``) is the Python object itself (:func:`.convert.r2py`) and a
  ``keras_training_history`` an rkeras ``History``. Data frames cross as pandas (rpy2's rules).
  Identity is kept: the model a Python cell built is the one ``fit()`` trains in an R cell.
* R code in a cell runs with :func:`.bridge.interrupts_to_r`: the kernel's interrupt stops R
  code, or the Python code (a ``fit()``) that R called, and the kernel stays usable.

This module imports rpy2 and IPython; only the extension entry point imports it.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

import numpy as np
import rpy2.rinterface as ri
from rpy2 import robjects
from rpy2.ipython import rmagic
from rpy2.rinterface_lib import callbacks
from rpy2.robjects import conversion

from . import convert
from .bridge import interrupts_to_r, start


def _r_classes(x: Any) -> list[str]:
    cls = x.do_slot("class") if "class" in x.list_attrs() else None
    return [str(c) for c in cls] if cls is not None else []


def _make_converter() -> conversion.Converter:
    """rpy2's magic converter with rkeras's rules on top (a new converter: rpy2's own is left
    as it is)."""
    rules = conversion.Converter("rkeras", template=rmagic.converter)
    py2rpy_default = rules.py2rpy.dispatch(object)
    closure_default = rules.rpy2py.dispatch(ri.SexpClosure)
    env_default = rules.rpy2py.dispatch(ri.SexpEnvironment)
    list_default = rules.rpy2py.dispatch(ri.ListSexpVector)

    @rules.py2rpy.register(object)
    def _object(obj: Any) -> Any:
        # Python values rpy2 has no rule for: rkeras's conversion (Keras objects become handles)
        if isinstance(obj, ri.Sexp):
            return py2rpy_default(obj)
        return convert.py2r(obj)

    @rules.py2rpy.register(np.ndarray)
    def _array(obj: np.ndarray) -> Any:
        return convert.py2r(obj)

    from ..api.history import History

    @rules.py2rpy.register(History)
    def _history(obj: Any) -> Any:
        return convert.py2r(obj)

    @rules.rpy2py.register(ri.SexpClosure)
    def _closure(obj: Any) -> Any:
        if "rkeras_object" in _r_classes(obj):  # a layer or model handle: an R function
            return convert.r2py(obj)
        return closure_default(obj)

    @rules.rpy2py.register(ri.SexpEnvironment)
    def _environment(obj: Any) -> Any:
        if "rkeras_object" in _r_classes(obj):
            return convert.r2py(obj)
        return env_default(obj)

    @rules.rpy2py.register(ri.ListSexpVector)
    def _list(obj: Any) -> Any:
        classes = _r_classes(obj)
        if "data.frame" not in classes:  # data frames: pandas (rpy2's rule)
            return convert.r2py(obj)  # lists as rkeras converts them (a history: an rkeras History)
        return list_default(obj)

    return rules


converter = _make_converter()

# Runs a cell: each top-level expression in the global environment; stops at the first error,
# returned as a condition whose message is R's own "Error in <call> : <message>" line. Warnings
# are printed after the cell as R's console prints them ("Warning message:", the user's call).
_EVALUATE = """
function(code) {
    fail <- function(e, call = conditionCall(e)) {
        msg <- conditionMessage(e)
        text <- if (is.null(call)) paste0("Error: ", msg)
                else paste0("Error in ", paste(deparse(call, nlines = 1L), collapse = ""), " : ", msg)
        structure(list(text), class = c("rkeras_cell_error", "error", "condition"))
    }
    exprs <- tryCatch(parse(text = code, keep.source = FALSE), error = function(e) fail(e, NULL))
    if (inherits(exprs, "error")) return(exprs)
    warned <- list()
    on.exit(if (length(warned)) {
        lines <- vapply(warned, function(w) {
            call <- conditionCall(w)
            if (is.null(call) || identical(call, quote(eval(e, envir = globalenv())))) conditionMessage(w)
            else paste0("In ", paste(deparse(call, nlines = 1L), collapse = ""), " : ", conditionMessage(w))
        }, "")
        if (length(lines) > 1L) lines <- paste0(seq_along(lines), ": ", lines)
        cat(if (length(lines) > 1L) "Warning messages:" else "Warning message:", lines, sep = "\n",
            file = stderr())
        cat("\n", file = stderr())
    })
    tryCatch(withCallingHandlers({
        out <- list(NULL, FALSE)
        for (e in exprs) out <- withVisible(eval(e, envir = globalenv()))
        out
    }, warning = function(w) {
        warned[[length(warned) + 1L]] <<- w
        invokeRestart("muffleWarning")
    }), error = fail,
    interrupt = function(e) structure(list("interrupted"), class = c("rkeras_cell_interrupt", "condition")))
}
"""
_EVALUATOR: Any = None


def _evaluator() -> Any:
    global _EVALUATOR
    if _EVALUATOR is None:
        with convert.r_lock():
            _EVALUATOR = ri.evalr(_EVALUATE)
    return _EVALUATOR


class RKerasMagics(rmagic.RMagics):  # type: ignore[misc]
    """rpy2's ``%R`` / ``%%R`` / ``%Rpush`` / ``%Rpull`` / ``%Rget`` magics, converting with
    :data:`converter` and running R code with the kernel's interrupt reaching it."""

    def eval(self, code: str) -> tuple[str, Any, bool]:
        """Evaluate a cell's R code in the global environment, one top-level expression after
        the other as R's console does; returns (console text, value, visible). An R error
        raises :class:`rpy2.ipython.rmagic.RInterpreterError` with R's ``Error in <call> :
        <message>`` (the call is the user's, not the magic's evaluation wrapper); an interrupt
        raises KeyboardInterrupt, as in a Python cell."""
        with contextlib.ExitStack() as stack:
            capture = self.write_console_regular
            if self.cache_display_data:
                stack.enter_context(callbacks.obj_in_module(callbacks, "consolewrite_print", capture))
            stack.enter_context(callbacks.obj_in_module(callbacks, "consolewrite_warnerror", capture))
            try:
                with interrupts_to_r():
                    result = _evaluator()(ri.StrSexpVector([code]))
            finally:
                robjects._print_deferred_warnings()
            classes = _r_classes(result)
            if "rkeras_cell_interrupt" in classes:  # the kernel's interrupt stopped R code or fit()
                self.flush()
                raise KeyboardInterrupt
            if "error" in classes:
                message = str(result[0][0]) if len(result) else "R error"
                raise rmagic.RInterpreterError(code, message, self.flush())
            return self.flush(), result[0], bool(result[1][0])


def _drop_empty_library_warnings() -> None:
    """R's warnings still pending from rpy2's own start-up (its ``importr()`` of R's base
    packages), which the first R cell would print: an empty library directory on
    ``.libPaths()`` (Debian's ``/usr/local/lib/R/site-library`` on a fresh machine) warns
    "library ... contains no packages" there. Those are dropped; any other warning is shown."""
    text: list[str] = []
    with convert.r_lock(), callbacks.obj_in_module(callbacks, "consolewrite_warnerror", text.append):
        robjects._print_deferred_warnings()
    shown = "".join(text)
    if shown.strip() and "contains no packages" not in shown:
        sys.stderr.write(shown)


def load_ipython_extension(ip: Any) -> None:
    """``%load_ext rkeras``: start R with rkeras attached and register the R magics."""
    start()
    _drop_empty_library_warnings()
    ip.register_magics(RKerasMagics(ip, converter=converter))
    ip.user_ns.setdefault("rkeras_converter", converter)


__all__ = ["converter", "RKerasMagics", "load_ipython_extension"]
