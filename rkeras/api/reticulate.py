"""reticulate's own names over rkeras handles: ``dict()``, ``py_run_string()``, ``py_eval()``,
``py_func()``, ``py_capture_output()``, ``py_available()``, ``py_module_available()``.

Inside the rkeras host R cannot use reticulate itself (docs/DESIGN-NOTES.md, R as the host), so
these names are rkeras functions with reticulate's formals: the Python objects they make reach R
as handles (``dict()``, ``py_run_string()``'s dictionary, ``py_func()``), and Python code runs in
this process's ``__main__`` module, which R's ``py`` object (R/tensors.R) reads and writes.

Importing this module is cheap (no Keras, no TensorFlow).
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import re
import sys
from collections.abc import Callable
from typing import Any

from ..errors import RKerasError, arg_error

_WHOLE = re.compile(r"^[0-9]+$")


def _main_namespace() -> dict[str, Any]:
    """The ``__main__`` module's dictionary (reticulate's ``py``)."""
    main = sys.modules.get("__main__")
    if main is None:  # an embedding without one: make it, as Python itself would
        import types

        main = types.ModuleType("__main__")
        sys.modules["__main__"] = main
    return main.__dict__


def _key(name: Any) -> Any:
    # reticulate: a name of digits only is an integer key (`dict("1" = "a")` is {1: 'a'})
    return int(name) if isinstance(name, str) and _WHOLE.match(name) else name


def py_dict(*args: Any, convert: bool = False, **kwargs: Any) -> dict[Any, Any]:
    """A Python dictionary (reticulate's `dict()`).

    The named arguments are its items, or a single named list gives them: `dict(a = 1, b = "x")`,
    `dict(list(a = 1))`. A name made of digits only becomes an integer key (`dict("1" = "a")` is
    Python's `{1: 'a'}`).

    In R the result stays a Python dict (a handle): `d$a` and `d[["a"]]` read an item,
    `d$a <- 2` sets one, `names(d)` lists the keys and `length(d)` counts them. From Python, a
    mapping or an iterable of (key, value) pairs works as with Python's own `dict()`.

    Args:
        *args: The items: named arguments, or one named list (from Python, also a mapping or an
            iterable of (key, value) pairs).
        **kwargs: The items as named arguments.
        convert: Accepted for reticulate's signature: values read through rkeras handles are
            always converted to R.

    Returns:
        A dict (in R, a handle to it).
    """
    if len(args) > 1:
        raise arg_error("dict", "...", "named arguments or a single named list", args)
    out: dict[Any, Any] = {}
    if args:
        first = args[0]
        if isinstance(first, dict):
            out.update((_key(k), v) for k, v in first.items())
        elif isinstance(first, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2
                                                      for p in first):
            out.update((p[0], p[1]) for p in first)
        else:
            raise arg_error("dict", "...", "named arguments or a single named list", first)
    out.update((_key(k), v) for k, v in kwargs.items())
    return out


def _code(code: Any, fn: str) -> str:
    if isinstance(code, str):
        return code
    if isinstance(code, (list, tuple)) and code and all(isinstance(c, str) for c in code):
        return "\n".join(code)  # an R character vector: one line per element
    raise arg_error(fn, "code", "Python code as a character string", code)


def py_run_string(code: str, local: bool = False, convert: bool = True) -> dict[str, Any]:
    """Run Python code in the `__main__` module (reticulate's `py_run_string()`).

    Variables the code defines are then `py$name` in R (and visible to `py_eval()`), unless
    `local = TRUE`. A character vector runs as one program, one line per element.

    Args:
        code: The Python code to run.
        local: When TRUE the code's variables go to a new, private dictionary (the main
            module's variables stay readable); when FALSE they go to the main module.
        convert: Accepted for reticulate's signature: values read through rkeras handles are
            always converted to R.

    Returns:
        The dictionary the code ran in, invisibly (in R a handle: `py_run_string("x = 1")$x`
        is 1): the main module's, or with `local = TRUE` the private one.
    """
    text = _code(code, "py_run_string")
    # compile() first: exec() of a *string* that raises KeyboardInterrupt makes CPython end the
    # whole process with SIGINT at exit.
    compiled = compile(text, "<string>", "exec")
    namespace = _main_namespace()
    if local:
        own: dict[str, Any] = {}
        exec(compiled, namespace, own)  # noqa: S102 - running the caller's code is the point
        return own
    exec(compiled, namespace)  # noqa: S102
    return namespace


def py_eval(code: str, convert: bool = True) -> Any:
    """Evaluate a Python expression (reticulate's `py_eval()`).

    The expression is evaluated in the `__main__` module: `py_eval("1 + 2")` is 3, and
    `py_eval("x")` reads what `py_run_string("x = 1")` defined.

    Args:
        code: A Python expression.
        convert: TRUE: R gets the value converted (numbers, strings, arrays, lists); FALSE: R
            gets a handle to the Python object (`py_to_r()` converts it later).

    Returns:
        The expression's value.
    """
    text = _code(code, "py_eval")
    compiled = compile(text, "<string>", "eval")
    return eval(compiled, _main_namespace())  # noqa: S307 - evaluating the caller's code is the point


def py_func(f: Callable[..., Any]) -> Callable[..., Any]:
    """An R function as a Python callable (reticulate's `py_func()`).

    In R the result is a handle to the Python callable, itself callable from R; handed to Python
    code (`py$g <- py_func(f)`, an argument of a Python function) it calls the R function, its
    arguments and result converted as for any R callback.

    Args:
        f: An R function.

    Returns:
        The Python callable (in R, a handle).
    """
    if not callable(f):
        raise arg_error("py_func", "f", "an R function", f)
    return f


def py_available(initialize: bool = False) -> bool:
    """Whether Python is available (reticulate's `py_available()`).

    In the rkeras host, and in plain R once `library(rkeras)` has attached Python, it is TRUE.
    In plain R without a configured Python it is FALSE (`initialize = TRUE` first tries to
    attach the Python named by `RKERAS_PYTHON` / `options(rkeras.python)`).

    Args:
        initialize: Try to start Python when it is not attached yet.

    Returns:
        TRUE or FALSE.
    """
    return True


def py_module_available(module: str) -> bool:
    """Whether a Python module can be imported (reticulate's `py_module_available()`).

    The module is imported to find out, as reticulate does, so a module that is installed but fails
    to import is FALSE.

    Args:
        module: The module's name (`"numpy"`, `"tensorflow.keras"`).

    Returns:
        TRUE or FALSE.
    """
    if not isinstance(module, str) or not module:
        raise arg_error("py_module_available", "module", "the name of a Python module", module)
    try:
        if importlib.util.find_spec(module) is None:
            return False
    except (ImportError, ValueError):  # a parent package that is missing or broken
        return False
    from ._keras import wait_for_preload

    wait_for_preload()
    try:
        importlib.import_module(module)
    except Exception:  # noqa: BLE001 - any failure to import means "not available"
        return False
    return True


# ----------------------------------------------------------------------------- py_capture_output

_STREAMS = ("stdout", "stderr")


class CaptureStream(io.StringIO):
    """What ``sys.stdout``/``sys.stderr`` are while ``py_capture_output()`` runs: Python's writes go
    to the capture; ``under`` is the stream it replaced (the host's R console writes there, so R's
    own output is never captured)."""

    def __init__(self, under: Any, buffer: io.StringIO) -> None:
        super().__init__()
        self.under = under
        self.buffer_ = buffer

    def write(self, text: str) -> int:
        return self.buffer_.write(text)

    def isatty(self) -> bool:
        return False


def console_stream(stream: Any) -> Any:
    """``stream`` without the captures over it (where the host writes R's console output)."""
    while isinstance(stream, CaptureStream):
        stream = stream.under
    return stream


_CAPTURES: list[tuple[io.StringIO, dict[str, Any]]] = []


def _types(type_: Any) -> list[str]:
    types = [type_] if isinstance(type_, str) else list(type_ or [])
    if not types or any(t not in _STREAMS for t in types):
        raise arg_error("py_capture_output", "type", '"stdout", "stderr" or both', type_)
    return types


def capture_begin(type_: Any = _STREAMS) -> int:
    """Start capturing Python's ``type`` streams; the token :func:`capture_end` takes."""
    types = _types(type_)
    buffer = io.StringIO()
    replaced: dict[str, Any] = {}
    for name in types:
        previous = getattr(sys, name)
        replaced[name] = previous
        setattr(sys, name, CaptureStream(previous, buffer))
    _CAPTURES.append((buffer, replaced))
    return len(_CAPTURES)


def capture_end(token: Any) -> str:
    """Stop the capture ``token`` (and any begun inside it that is still open); its text."""
    depth = int(token)
    if not 1 <= depth <= len(_CAPTURES):
        raise RKerasError(f"no capture {depth} is open", fn="py_capture_output")
    text = ""
    while len(_CAPTURES) >= depth:
        buffer, replaced = _CAPTURES.pop()
        for name, previous in replaced.items():
            setattr(sys, name, previous)
        text = buffer.getvalue()
    return text


def py_capture_output(expr: Any, type: Any = _STREAMS) -> str:  # noqa: A002 - reticulate's name
    """Capture Python's output (reticulate's `py_capture_output()`).

    What Python writes to `sys.stdout` and/or `sys.stderr` while `expr` is evaluated is returned as
    one string; R's own output (`cat()`, `print()`) is not captured.

    In R, `expr` is evaluated lazily, inside the capture; in Python, pass a function of no
    arguments (`py_capture_output(lambda: model.summary())`).

    Args:
        expr: The expression to evaluate (Python: a callable).
        type: The streams to capture: `"stdout"`, `"stderr"` or both (the default).

    Returns:
        The captured text, one character string.
    """
    token = capture_begin(type)
    try:
        if callable(expr):
            expr()
    finally:
        text = capture_end(token)
    return text


__all__ = ["py_dict", "py_run_string", "py_eval", "py_func", "py_available", "py_module_available",
           "py_capture_output", "capture_begin", "capture_end", "console_stream", "CaptureStream"]
