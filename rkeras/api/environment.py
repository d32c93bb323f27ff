"""Installation helpers that R Keras scripts call (``install_keras()``, ``is_keras_available()``).

rkeras runs on the Keras and TensorFlow installed with it (``make setup``), so
``install_keras()`` has nothing to install: it says so and changes nothing.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

# Called with the seed by set_random_seed(): the R host sets it to R's set.seed() (keras3 seeds
# R too), so this module never imports rpy2. None when no R is running.
_SEED_HOOK: Callable[[int], None] | None = None


def set_seed_hook(hook: Callable[[int], None] | None) -> None:
    """Install (or, with None, remove) what else ``set_random_seed()`` seeds: the R host's hook."""
    global _SEED_HOOK
    _SEED_HOOK = hook


def install_keras(*args: Any, **kwargs: Any) -> None:
    """keras3/keras 2.x ``install_keras()``: a no-op here, with a message saying why."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        have = f"keras {version('keras')}"
    except PackageNotFoundError:  # pragma: no cover - keras is a dependency
        have = "keras (version unknown)"
    print(
        f"install_keras(): rkeras uses the Keras installed with it ({have}); nothing to install. "
        "Run `make setup` to (re)install rkeras's environment."
    )


def is_keras_available(version: Any = None) -> bool:
    """TRUE when Keras can be imported (and is at least ``version`` when given)."""
    if importlib.util.find_spec("keras") is None:
        return False
    if version is None:
        return True
    from importlib.metadata import version as dist_version

    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in str(v).split(".")[:3] if p.isdigit())

    return parts(dist_version("keras")) >= parts(str(version))


def set_random_seed(seed: int) -> None:
    """Seed Python's, numpy's and the backend's random generators (``keras.utils.set_random_seed``)
    and, when the R host is running, R's (``set.seed(seed)``), as keras3 does. The row converts
    ``seed`` (a whole number)."""
    from ._keras import keras

    if _SEED_HOOK is not None:
        _SEED_HOOK(seed)
    keras().utils.set_random_seed(seed)
