"""Callbacks with keras3's R semantics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import arg_error
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
    on_batch_begin: Callable[..., Any] | None = None,
    on_batch_end: Callable[..., Any] | None = None,
    on_train_batch_begin: Callable[..., Any] | None = None,
    on_train_batch_end: Callable[..., Any] | None = None,
    on_train_begin: Callable[..., Any] | None = None,
    on_train_end: Callable[..., Any] | None = None,
    on_test_batch_begin: Callable[..., Any] | None = None,
    on_test_batch_end: Callable[..., Any] | None = None,
    on_test_begin: Callable[..., Any] | None = None,
    on_test_end: Callable[..., Any] | None = None,
    on_predict_batch_begin: Callable[..., Any] | None = None,
    on_predict_batch_end: Callable[..., Any] | None = None,
    on_predict_begin: Callable[..., Any] | None = None,
    on_predict_end: Callable[..., Any] | None = None,
) -> Any:
    """A callback from plain functions, as keras3's R ``callback_lambda``.

    Epoch and batch numbers passed to the functions are 1-based. A function that
    returns a dict has it merged into ``logs``.
    """
    given = {k: v for k, v in locals().items() if v is not None}
    for name, fn in given.items():
        if not callable(fn):
            raise arg_error("callback_lambda", name, "a function", fn)
    hooks: dict[str, Callable[..., Any]] = {}
    for name, fn in given.items():
        hooks[_ALIASES.get(name, name)] = fn

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
