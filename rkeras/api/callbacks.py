"""Callbacks with keras3's R semantics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import RKerasError, arg_error
from ._keras import keras

_INDEXED = (
    "on_epoch_begin",
    "on_epoch_end",
    "on_train_batch_begin",
    "on_train_batch_end",
    "on_test_batch_begin",
    "on_test_batch_end",
    "on_predict_batch_begin",
    "on_predict_batch_end",
)
_PLAIN = (
    "on_train_begin",
    "on_train_end",
    "on_test_begin",
    "on_test_end",
    "on_predict_begin",
    "on_predict_end",
)
_ALIASES = {"on_batch_begin": "on_train_batch_begin", "on_batch_end": "on_train_batch_end"}


def callback_lambda(
    on_epoch_begin: Callable[..., Any] | None = None,
    on_epoch_end: Callable[..., Any] | None = None,
    on_train_begin: Callable[..., Any] | None = None,
    on_train_end: Callable[..., Any] | None = None,
    on_train_batch_begin: Callable[..., Any] | None = None,
    on_train_batch_end: Callable[..., Any] | None = None,
    **kwargs: Callable[..., Any] | None,
) -> Any:
    """A callback from plain functions, as keras3's R ``callback_lambda``.

    Epoch and batch numbers passed to the functions are 1-based. A function that
    returns a dict has it merged into ``logs``.

    Args:
        on_epoch_begin: ``function(epoch, logs)`` called at the start of every epoch.
        on_epoch_end: ``function(epoch, logs)`` called at the end of every epoch.
        on_train_begin: ``function(logs)`` called when training starts.
        on_train_end: ``function(logs)`` called when training ends.
        on_train_batch_begin: ``function(batch, logs)`` called before every training batch.
        on_train_batch_end: ``function(batch, logs)`` called after every training batch.
        ...: The other hooks by name: ``on_test_begin``, ``on_test_end``, ``on_predict_begin``,
            ``on_predict_end`` (``function(logs)``); ``on_test_batch_begin``,
            ``on_test_batch_end``, ``on_predict_batch_begin``, ``on_predict_batch_end`` and keras
            2.x's ``on_batch_begin``/``on_batch_end`` (the training batch hooks) (``function(batch,
            logs)``).
    """
    named = {
        "on_epoch_begin": on_epoch_begin, "on_epoch_end": on_epoch_end, "on_train_begin": on_train_begin,
        "on_train_end": on_train_end, "on_train_batch_begin": on_train_batch_begin,
        "on_train_batch_end": on_train_batch_end,
    }
    known = (*_INDEXED, *_PLAIN, *_ALIASES)
    for name in kwargs:
        if name not in known:
            raise RKerasError(f"unknown hook `{name}`; hooks are: {', '.join(known)}", fn="callback_lambda",
                              arg=name)
    given = {k: v for k, v in {**named, **kwargs}.items() if v is not None}
    for name, fn in given.items():
        if not callable(fn):
            raise arg_error("callback_lambda", name, "a function", fn)
    hooks: dict[str, Callable[..., Any]] = {}
    for name, fn in given.items():
        hook = _ALIASES.get(name, name)
        if hook in hooks:
            raise RKerasError(f"`{name}` and `{hook}` name the same hook; give one", fn="callback_lambda",
                              arg=name)
        hooks[hook] = fn

    class RLambdaCallback(keras().callbacks.Callback):
        pass

    for name, fn in hooks.items():
        setattr(RLambdaCallback, name, _indexed(fn) if name in _INDEXED else _plain(fn))
    return RLambdaCallback()


def _merge(logs: Any, result: Any) -> None:
    if isinstance(result, dict) and logs is not None:
        logs.update(result)


def _indexed(fn: Callable[..., Any]) -> Callable[..., None]:
    def hook(self: Any, index: int, logs: Any = None) -> None:
        _merge(logs, fn(index + 1, logs))

    return hook


def _plain(fn: Callable[..., Any]) -> Callable[..., None]:
    def hook(self: Any, logs: Any = None) -> None:
        _merge(logs, fn(logs))

    return hook
