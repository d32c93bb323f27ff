"""Lazy access to Keras: nothing here runs until an R-style function is called.

The first call imports Keras, which picks its backend as Keras always does
(``KERAS_BACKEND``, which ``use_backend()`` sets, else ``keras.json`` in
``KERAS_HOME``, else TensorFlow), quiets TensorFlow's start-up logging, and
installs the hooks rkeras needs on Keras: ``KerasTensor | stage`` runs the stage
instead of Keras's element-wise ``logical_or`` (see DESIGN.md, Keras 3
pitfalls), and on another backend Keras's saving and seeding code no longer
imports TensorFlow just to ask whether an object is a TensorFlow one
(docs/DESIGN-NOTES.md, Backends).
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import cache
from types import ModuleType
from typing import Any


@cache
def keras() -> ModuleType:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    module = importlib.import_module("keras")
    _install_tensor_pipe(module)
    if module.config.backend() != "tensorflow":
        _tensorflow_only_when_loaded()
    return module


def loaded_backend() -> str | None:
    """The backend of the Keras this process has loaded (waiting for an import in progress, such
    as the host's preload), or None while Keras is not loaded."""
    if "keras" not in sys.modules:
        return None
    return str(keras().config.backend())


def loaded_keras() -> ModuleType | None:
    """Keras when this process imports it (waiting for an import in progress in another thread,
    such as the host's preload, to finish), else None. Never ``sys.modules["keras"]`` directly:
    while another thread imports Keras that module is only partly initialised."""
    if "keras" not in sys.modules:
        return None
    return keras()


def wait_for_preload() -> None:
    """Let the host's Keras preload finish before importing another module that loads the same
    libraries (``import("tensorflow")``): two threads importing TensorFlow and Keras at once can
    leave one of them with a partly initialised module."""
    import threading

    for thread in _PRELOAD:
        if thread is not threading.current_thread():
            thread.join()


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
_PRELOAD_HELD: list[str] = []


def hold_preload(reason: str) -> None:
    """Make :func:`preload` do nothing in this process (e.g. the R code about to run chooses its
    backend with ``use_backend()``, which must come before Keras loads)."""
    _PRELOAD_HELD.append(reason)


def preloaded() -> bool:
    """True when :func:`preload` started importing Keras in this process."""
    return bool(_PRELOAD)


def preload() -> None:
    """Import Keras/TensorFlow in a background thread (the R host calls this before starting R):
    the two start-ups (several seconds for TensorFlow, about one for rpy2 and R) overlap instead
    of adding up. The first call that needs Keras waits for the import (Python's import lock).
    Keras loads with the backend it would pick then (``KERAS_BACKEND``, ``keras.json``).
    ``RKERAS_NO_PRELOAD=1`` or :func:`hold_preload` turns it off."""
    import threading

    if _PRELOAD or _PRELOAD_HELD or os.environ.get("RKERAS_NO_PRELOAD") or "keras" in sys.modules:
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


class _TensorFlowIfLoaded:
    """Keras's lazy ``tensorflow`` module as seen by code that only asks "is this a TensorFlow
    object?" (``tf.available and isinstance(obj, tf.TensorShape)``): available only when
    TensorFlow is already imported, since no object can be a TensorFlow one otherwise. Anything
    else is the lazy module's own."""

    def __init__(self, lazy: Any) -> None:
        self._lazy = lazy

    @property
    def available(self) -> bool:
        return "tensorflow" in sys.modules and bool(self._lazy.available)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lazy, name)


# Keras modules whose `tf.available` checks would import TensorFlow on any backend (Keras 3.15):
# saving (serialize_keras_object), the legacy JSON encoder, and set_random_seed.
_TF_PROBING_MODULES = (
    "keras.src.saving.serialization_lib",
    "keras.src.legacy.saving.json_utils",
    "keras.src.utils.rng_utils",
)


def _tensorflow_only_when_loaded() -> None:
    """On a backend other than TensorFlow, stop Keras importing TensorFlow (when installed) to save
    a model or set a seed. Layers that need TensorFlow itself (string lookups, hashing, text
    vectorization) still import it, as Keras requires."""
    try:
        from keras.src.utils import module_utils
    except ImportError:  # pragma: no cover - a Keras without that module probes nothing
        return
    lazy = module_utils.tensorflow
    for name in _TF_PROBING_MODULES:
        try:
            mod = importlib.import_module(name)
        except ImportError:  # pragma: no cover - moved in another Keras version
            continue
        if getattr(mod, "tf", None) is lazy:
            mod.tf = _TensorFlowIfLoaded(lazy)  # type: ignore[attr-defined]


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
