"""Errors raised by rkeras.

Every error a user can trigger with bad input is an :class:`RKerasError`, whose
message names the R-style function, the argument and what was expected, e.g.
``layer_dense(): `units` must be a whole number, got 64.5``.
"""

from __future__ import annotations


class RKerasError(ValueError):
    """A bad argument or a missing resource, reported in R-style terms."""

    def __init__(self, message: str, *, fn: str | None = None, arg: str | None = None) -> None:
        self.fn = fn
        self.arg = arg
        prefix = f"{fn}(): " if fn else ""
        super().__init__(prefix + message)


class RKerasTypeError(RKerasError, TypeError):
    """An :class:`RKerasError` whose cause was a ``TypeError`` (``except TypeError`` catches it)."""


_KINDS: dict[type[BaseException], type[RKerasError]] = {ValueError: RKerasError, TypeError: RKerasTypeError}


def _kind(cause: type[BaseException]) -> type[RKerasError]:
    """The RKerasError subclass that is also ``cause`` (made once per built-in exception type)."""
    kind = _KINDS.get(cause)
    if kind is None:
        kind = type(f"RKeras{cause.__name__}", (RKerasError, cause), {"__module__": __name__})
        _KINDS[cause] = kind
    return kind


# Built-in errors that Keras raises for bad arguments, re-raised naming the R-style function.
WRAPPED = (ValueError, TypeError, AttributeError, KeyError, IndexError, NotImplementedError)


def rethrow(err: Exception, fn: str) -> RKerasError:
    """``err`` (a built-in error raised by Keras, see :data:`WRAPPED`) as an rkeras error naming
    ``fn`` that keeps its Python type: ``except TypeError`` still catches what was a TypeError,
    and R sees the class names of both (``RKerasTypeError``, ``RKerasError``, ``TypeError``)."""
    cause = type(err)
    while cause.__module__ != "builtins":  # a Keras subclass of a built-in error
        cause = cause.__mro__[1]
    text = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
    out = _kind(cause)(text, fn=fn)
    out.__cause__ = err
    return out


def arg_error(fn: str | None, arg: str, expected: str, got: object, *, kind: type[RKerasError] | None = None
              ) -> RKerasError:
    """The standard message: ``fn(): `arg` must be <expected>, got <got>``; ``kind`` (e.g.
    :class:`RKerasTypeError` for a value of the wrong type) defaults to :class:`RKerasError`."""
    return (kind or RKerasError)(f"`{arg}` must be {expected}, got {describe(got)}", fn=fn, arg=arg)


def describe(value: object) -> str:
    """A short description of a value for error messages."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    shape = getattr(value, "shape", None)
    if shape is not None and not isinstance(value, (int, float, str)):
        return f"{type(value).__name__} of shape {tuple(shape)}"
    return f"{text} ({type(value).__name__})"
