"""Pipe stages: the Python spelling of R's ``%>%`` / ``|>``.

An R-style verb called without its object (``compile(loss=...)``,
``fit(x, y, epochs=3)``, ``layer_dense(units=10)``) returns a :class:`Stage`.
``obj | stage`` and ``pipe(obj, stage, ...)`` run it with ``obj`` as the first
argument. Stages refuse numpy's element-wise ``|`` (``__array_ufunc__ = None``)
and Keras's ``KerasTensor | x`` is redirected here by :mod:`rkeras._keras`, so
a stage always runs once, on the whole object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Stage:
    """A deferred call ``fn(obj, *args, **kwargs)``."""

    __array_ufunc__ = None  # ndarray | stage -> Stage.__ror__, never per element

    def __init__(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], name: str | None = None
    ) -> None:
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.name = name or getattr(fn, "__name__", "stage")

    def apply(self, obj: Any) -> Any:
        return self.fn(obj, *self.args, **self.kwargs)

    def __ror__(self, obj: Any) -> Any:
        return self.apply(obj)

    def __repr__(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"<rkeras stage {self.name}({', '.join(parts)})>"


class LayerStage(Stage):
    """``layer_*()`` with no object: a stage that is also usable as the layer itself.

    ``model | stage`` adds the layer to a Sequential model (or applies it to a
    tensor: ``compose`` is the builder's compose rule), ``stage(tensor)`` applies
    it, attribute access reaches the layer, and :func:`unwrap` gives the Keras
    layer (e.g. for ``layers=[...]``).
    """

    def __init__(self, layer: Any, name: str, compose: Callable[[Any, Any], Any]) -> None:
        super().__init__(compose, (layer,), {}, name)
        self.layer = layer

    def apply(self, obj: Any) -> Any:
        return self.fn(obj, self.layer)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.layer(*(unwrap(a) for a in args), **kwargs)

    def __getattr__(self, item: str) -> Any:
        if item == "layer":  # not yet set (during unpickling)
            raise AttributeError(item)
        return getattr(self.layer, item)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _STAGE_FIELDS:
            object.__setattr__(self, name, value)
        else:  # `stage.x = v` sets the layer's attribute (the stage stands for the layer)
            setattr(self.layer, name, value)

    def __repr__(self) -> str:
        return f"<rkeras layer stage {self.name}: {self.layer!r}>"


_STAGE_FIELDS = frozenset({"fn", "args", "kwargs", "name", "layer"})


def unwrap(value: Any) -> Any:
    """A LayerStage becomes its Keras layer; lists are unwrapped element-wise."""
    if isinstance(value, LayerStage):
        return value.layer
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    if isinstance(value, tuple):
        return tuple(unwrap(v) for v in value)
    return value


def pipe(obj: Any, *stages: Any) -> Any:
    """``pipe(x, f, g)`` is ``x | f | g``: each stage (or plain callable) gets the previous value."""
    for stage in stages:
        if isinstance(stage, Stage):
            obj = stage.apply(obj)
        elif callable(stage):
            obj = stage(obj)
        else:
            raise TypeError(f"pipe(): each stage must be an rkeras stage or a function, got {stage!r}")
    return obj
