"""Lazy access to Keras: nothing here runs until an R-style function is called.

The first call imports Keras (TensorFlow backend unless ``KERAS_BACKEND`` says
otherwise), quiets TensorFlow's start-up logging, and installs the one hook
rkeras needs on Keras: ``KerasTensor | stage`` runs the stage instead of
Keras's element-wise ``logical_or`` (see DESIGN.md, Keras 3 pitfalls).
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from types import ModuleType
from typing import Any


@cache
def keras() -> ModuleType:
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    module = importlib.import_module("keras")
    _install_tensor_pipe(module)
    return module


@cache
def resolve(target: str) -> Any:
    """``"keras.layers.Dense"`` -> the class; ``"rkeras.api.models:fit"`` -> the function."""
    if ":" in target:
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)
    parts = target.split(".")
    obj: Any = keras()
    for part in parts[1:]:
        obj = getattr(obj, part)
    return obj


_PRELOAD: list[Any] = []


def preload() -> None:
    """Import Keras/TensorFlow in a background thread (the R host calls this before starting R):
    the two start-ups (several seconds for TensorFlow, about one for rpy2 and R) overlap instead
    of adding up. The first call that needs Keras waits for the import (Python's import lock).
    ``RKERAS_NO_PRELOAD=1`` turns it off."""
    import sys
    import threading

    if _PRELOAD or os.environ.get("RKERAS_NO_PRELOAD") or "keras" in sys.modules:
        return

    def load() -> None:
        try:
            keras()
        except Exception:  # noqa: BLE001 - the same import fails again, visibly, when first needed
            pass

    thread = threading.Thread(target=load, name="rkeras-preload-keras", daemon=True)
    _PRELOAD.append(thread)
    thread.start()


def _install_tensor_pipe(module: ModuleType) -> None:
    from .pipe import Stage

    tensor_cls = module.KerasTensor
    if getattr(tensor_cls.__or__, "_rkeras", False):
        return
    original = tensor_cls.__or__

    def __or__(self: Any, other: Any) -> Any:
        if isinstance(other, Stage):
            return other.apply(self)
        return original(self, other)

    __or__._rkeras = True  # type: ignore[attr-defined]
    tensor_cls.__or__ = __or__


def is_model(obj: Any) -> bool:
    """A Keras model or layer, without importing Keras when it isn't loaded."""
    if "keras" not in __import__("sys").modules:
        return False
    k = keras()
    return isinstance(obj, (k.Model, k.layers.Layer))


def is_sequential(obj: Any) -> bool:
    return "keras" in __import__("sys").modules and isinstance(obj, keras().Sequential)


def is_tensor_like(obj: Any) -> bool:
    """What a layer can be applied to: a symbolic or eager tensor, an array, or a list of them."""
    import numpy as np

    if isinstance(obj, (list, tuple)):
        return len(obj) > 0 and all(is_tensor_like(o) for o in obj)
    if isinstance(obj, np.ndarray):
        return True
    if "keras" not in __import__("sys").modules:
        return False
    k = keras()
    return isinstance(obj, k.KerasTensor) or k.ops.is_tensor(obj)
