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


def arg_error(fn: str | None, arg: str, expected: str, got: object) -> RKerasError:
    """The standard message: ``fn(): `arg` must be <expected>, got <got>``."""
    return RKerasError(f"`{arg}` must be {expected}, got {describe(got)}", fn=fn, arg=arg)


def describe(value: object) -> str:
    """A short description of a value for error messages."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    shape = getattr(value, "shape", None)
    if shape is not None and not isinstance(value, (int, float, str)):
        return f"{type(value).__name__} of shape {tuple(shape)}"
    return f"{text} ({type(value).__name__})"
