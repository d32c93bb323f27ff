"""The tensorflow R package's basics over rkeras handles: ``tf_version()`` and ``tf_function()``
(R's ``tf`` object, the TensorFlow module, is in R/tensors.R and reads attributes through
:func:`tensorflow`).

They need TensorFlow in rkeras's Python; without it ``tf_version()`` is NULL (as the tensorflow R
package answers) and everything else stops with :func:`missing_error`. Importing this module is
cheap: TensorFlow loads on first use.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

from ..errors import RKerasError, arg_error


def missing_error(fn: str, err: BaseException | None = None) -> RKerasError:
    """The error where TensorFlow cannot be imported; ``fn`` is a function's name (``tf_function``)
    or what R code read (``tf$constant``)."""
    why = f": {err}" if err is not None else ""
    message = (f"TensorFlow is not installed in rkeras's Python ({sys.executable}){why}; "
               "install it there (pip install tensorflow) to use tf, tf_function() and tf_version()")
    if "$" in fn:
        return RKerasError(f"{fn}: {message}")
    return RKerasError(message, fn=fn)


def tensorflow(fn: str = "tf") -> ModuleType:
    """The ``tensorflow`` module (after the host's Keras preload), or :func:`missing_error`
    naming ``fn``."""
    if "tensorflow" not in sys.modules and importlib.util.find_spec("tensorflow") is None:
        raise missing_error(fn)
    from ._keras import wait_for_preload

    wait_for_preload()
    try:
        return importlib.import_module("tensorflow")
    except ImportError as err:
        raise missing_error(fn, err) from err


def _parts(value: Any) -> tuple[int, ...]:
    text = str(value)
    try:
        return tuple(int(p) for p in text.replace("-", ".").split("."))
    except ValueError:
        raise arg_error("tf_version", "e2", 'a version such as "2.10"', value) from None


class PackageVersion(str):
    """A version ``major.minor`` that R gets as a ``package_version`` (``tf_version() >= "2.10"``);
    in Python it compares as a version too, with another one or a string."""

    __slots__ = ()

    def parts(self) -> tuple[int, ...]:
        return _parts(self)

    def __lt__(self, other: object) -> bool:
        return self.parts() < _parts(other)

    def __le__(self, other: object) -> bool:
        return self.parts() <= _parts(other)

    def __gt__(self, other: object) -> bool:
        return self.parts() > _parts(other)

    def __ge__(self, other: object) -> bool:
        return self.parts() >= _parts(other)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, (str, PackageVersion)):
            return NotImplemented
        try:
            return self.parts() == _parts(other)
        except RKerasError:
            return False

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.parts())


def tf_version() -> PackageVersion | None:
    """The version of TensorFlow, major and minor (the tensorflow R package's `tf_version()`).

    In R it is a `package_version` (`tf_version() >= "2.10"`, `tf_version()$major`); NULL when
    TensorFlow is not installed in rkeras's Python.

    Returns:
        The version (`"2.21"`), or NULL.
    """
    try:
        tf = tensorflow("tf_version")
    except RKerasError:
        return None
    major, minor = str(tf.__version__).split(".")[:2]
    return PackageVersion(f"{int(major)}.{int(''.join(c for c in minor if c.isdigit()) or 0)}")


def tf_function(f: Callable[..., Any], input_signature: Any = None, autograph: bool = True, *args: Any,
                **kwargs: Any) -> Any:
    """A TensorFlow graph function traced from `f` (the tensorflow R package's `tf_function()`).

    It is TensorFlow's `tf.function(f, ...)`.

    Calling the result runs `f` once per new input signature to trace it (the R function then
    sees symbolic tensors: use `op_*()`, `tf$...` and tensor arithmetic on them), and afterwards
    runs the traced graph without calling R. The result is callable from R and keeps the Python
    object's methods (`f$get_concrete_function(...)`).

    `autograph = TRUE` asks the tensorflow R package to translate R's `if`/`while`/`for` on
    tensors (its tfautograph package), which rkeras does not do: R control flow runs at trace
    time, so it must not depend on a tensor's value (`op_cond()`, `op_while_loop()` do). Python's
    AutoGraph never applies to an R function, in rkeras as in the tensorflow R package.

    Args:
        f: The function to compile (an R function, or a Python callable).
        input_signature: A list of `tf$TensorSpec` objects for the inputs; NULL traces once per
            inferred input signature.
        autograph: TRUE or FALSE (see above).
        *args: More arguments of `tf.function`, such as `jit_compile = TRUE` or
            `reduce_retracing = TRUE`; unnamed ones follow `autograph` in its order, as in the
            tensorflow R package.
        **kwargs: More arguments of `tf.function`, by name.

    Returns:
        The graph function (in R, a callable handle).
    """
    if not callable(f):
        raise arg_error("tf_function", "f", "a function", f)
    if not isinstance(autograph, bool):
        raise arg_error("tf_function", "autograph", "TRUE or FALSE", autograph)
    tf = tensorflow("tf_function")
    if isinstance(input_signature, tuple):
        input_signature = list(input_signature)
    elif input_signature is not None and not isinstance(input_signature, list):
        input_signature = [input_signature]
    # AutoGraph rewrites Python source: only a Python function has some (an R function is an
    # object that calls R, which TensorFlow would warn it cannot convert)
    python_autograph = autograph and (inspect.isfunction(f) or inspect.ismethod(f))
    return tf.function(f, input_signature, python_autograph, *args, **kwargs)


__all__ = ["tf_version", "tf_function", "tensorflow", "PackageVersion", "missing_error"]
