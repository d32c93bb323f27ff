"""Installation and environment helpers that R Keras scripts call (``install_keras()``,
``is_keras_available()``, ``use_backend()``, ``config_backend()``, ``config_set_backend()``, keras 2.x
``backend()``).

rkeras runs on the Keras and TensorFlow installed with it (``make setup``), so
``install_keras()`` has nothing to install: it says so and changes nothing.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from typing import Any

from ..errors import RKerasError, arg_error, describe
from .args import is_na

# Called with the seed by set_random_seed(): the R host sets it to R's set.seed() (keras3 seeds
# R too), so this module never imports rpy2. None when no R is running.
_SEED_HOOK: Callable[[int], None] | None = None


def set_seed_hook(hook: Callable[[int], None] | None) -> None:
    """Install (or, with None, remove) what else ``set_random_seed()`` seeds: the R host's hook."""
    global _SEED_HOOK
    _SEED_HOOK = hook


_EXTRA_PACKAGES = ("scipy", "pandas", "Pillow", "pydot", "ipython", "tensorflow_datasets")


def install_keras(
    envname: Any = "r-keras",
    *args: Any,
    extra_packages: Any = _EXTRA_PACKAGES,
    python_version: Any = ">=3.9,<=3.11",
    backend: Any = ("tensorflow", "jax"),
    gpu: Any = None,
    restart_session: Any = True,
    **kwargs: Any,
) -> None:
    """keras3's ``install_keras()``: installs nothing here, and says what rkeras's Python has.

    Keras and its backends come with the rkeras Python package (``make setup``), in the Python
    rkeras started with (``RKERAS_PYTHON``), so no environment is created and nothing changes in
    it. The arguments are checked and answered in the message: ``backend`` and ``extra_packages``
    by which of them that Python has (a missing one is named, with how to add it there);
    ``envname``, ``python_version``, ``gpu`` and ``restart_session`` only chose or restarted the
    environment keras3 creates, so they have no effect. Other arguments (keras 2.x's ``method``,
    ``tensorflow``, ``version``, ...) are accepted for old scripts and have no effect either.

    Args:
        envname: The environment keras3 would create (not used: rkeras's Python is fixed).
        ...: keras 2.x's arguments (no effect).
        extra_packages: Python packages keras3 would install besides Keras: reported as present
            or missing.
        python_version: The Python version keras3 would install (not used).
        backend: The backends keras3 would install: each reported as present or missing.
        gpu: Whether keras3 would install GPU builds (``NA``: detect); not used.
        restart_session: Whether keras3 restarts the R session after installing (nothing to
            restart here).
    """
    from importlib.metadata import PackageNotFoundError, distribution, version

    fn = "install_keras"
    if envname is not None and not isinstance(envname, str):
        raise arg_error(fn, "envname", "an environment name (character string)", envname)
    if not is_na(gpu) and not isinstance(gpu, bool):
        raise RKerasError(f"`gpu` must be TRUE, FALSE or NA, got {describe(gpu)}", fn=fn, arg="gpu")
    if not isinstance(restart_session, bool):
        raise arg_error(fn, "restart_session", "TRUE or FALSE", restart_session)
    backends = [backend] if isinstance(backend, str) else list(backend or [])
    unknown = [b for b in backends if b not in BACKENDS]
    if unknown:
        known = ", ".join(f'"{b}"' for b in BACKENDS)
        raise RKerasError(f"`backend` must be among {known}, got {describe(unknown[0])}", fn=fn,
                          arg="backend")
    packages = [extra_packages] if isinstance(extra_packages, str) else list(extra_packages or [])
    if not all(isinstance(p, str) for p in packages):
        raise arg_error(fn, "extra_packages", "package names (a character vector)", extra_packages)

    def installed(dist: str) -> bool:
        try:
            distribution(dist)
        except PackageNotFoundError:
            return False
        return True

    try:
        have = f"keras {version('keras')}"
    except PackageNotFoundError:  # pragma: no cover - keras is a dependency
        have = "keras (version unknown)"
    lines = [f"install_keras(): rkeras uses the Keras installed with it ({have}, Python "
             f"{sys.version.split()[0]} at {sys.executable}); nothing to install."]
    missing_backends = [b for b in backends if importlib.util.find_spec(BACKENDS[b]) is None]
    if backends:
        present = [b for b in backends if b not in missing_backends]
        lines.append("Backends installed: " + (", ".join(present) or "none of those asked for")
                     + (f"; not installed: {', '.join(missing_backends)}" if missing_backends else "") + ".")
    missing = [p for p in packages if not installed(p)]
    if missing:
        lines.append("Extra packages not installed: " + ", ".join(missing) + ".")
    if missing or missing_backends:
        lines.append(f"Install them into that Python (`{sys.executable} -m pip install ...`), or run "
                     "`make setup` to (re)install rkeras's environment.")
    print("\n".join(lines))


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


# Keras 3's backends and the Python package each one needs (``openvino`` is inference-only).
BACKENDS: dict[str, str] = {
    "tensorflow": "tensorflow",
    "jax": "jax",
    "torch": "torch",
    "numpy": "numpy",
    "openvino": "openvino",
}


def use_backend(backend: str, gpu: Any = None) -> str:
    """keras3 ``use_backend()``: the backend Keras loads with (``KERAS_BACKEND``), chosen before
    anything uses Keras. Once Keras is loaded, asking for the backend it has is fine (a no-op);
    asking for another is an error, as in keras3 (Keras cannot switch in a running process).

    ``gpu`` chose which Python packages keras3 installs; rkeras uses the packages ``make setup``
    installed, so it is accepted (``NA``/``TRUE``/``FALSE``) and changes nothing. Returns
    ``backend`` (invisibly in R)."""
    if not is_na(gpu) and not isinstance(gpu, bool):
        raise RKerasError(f"`gpu` must be TRUE, FALSE or NA, got {describe(gpu)}", fn="use_backend",
                          arg="gpu")
    return _choose_backend("use_backend", backend)


def config_set_backend(backend: str) -> str:
    """keras3 ``config_set_backend()``: the backend Keras uses, as :func:`use_backend` chooses it.

    Keras's own ``keras.config.set_backend()`` reloads Keras's modules in the running process,
    which leaves every model, layer and tensor made before it broken; rkeras does what
    ``use_backend()`` does instead: before anything has used Keras it sets ``KERAS_BACKEND`` (Keras
    then loads with that backend), once Keras is loaded the backend it has is a no-op and another
    one is an error that says to set the backend first or restart R. Returns ``backend``
    (invisibly in R).

    Args:
        backend: The backend's name: ``"tensorflow"``, ``"jax"``, ``"torch"``, ``"numpy"`` or
            ``"openvino"``.
    """
    return _choose_backend("config_set_backend", backend)


def _choose_backend(fn: str, backend: Any) -> str:
    from . import _keras

    if not isinstance(backend, str) or backend not in BACKENDS:
        known = ", ".join(f'"{b}"' for b in BACKENDS)
        raise RKerasError(f"`backend` must be one of {known}, got {describe(backend)}", fn=fn,
                          arg="backend")
    loaded = _keras.loaded_backend()
    if loaded is not None:
        if loaded != backend:
            hint = (
                " (the R host loads Keras at start-up: set KERAS_BACKEND before starting it, or put "
                f"{fn}() in the script itself)"
                if _keras.preloaded()
                else ""
            )
            raise RKerasError(
                f"Keras is already loaded with the {loaded} backend; call {fn}() before "
                f"anything that uses Keras, or restart R{hint}",
                fn=fn,
            )
        return backend
    if importlib.util.find_spec(BACKENDS[backend]) is None:
        raise RKerasError(
            f'the {backend} backend needs the Python package "{BACKENDS[backend]}", which is not installed '
            f"in rkeras's environment (`make setup` installs tensorflow and jax)",
            fn=fn,
            arg="backend",
        )
    os.environ["KERAS_BACKEND"] = backend
    return backend


def config_backend() -> str:
    """keras3 ``config_backend()``: the name of the backend Keras uses (``keras.config.backend()``);
    loads Keras, so the backend is fixed from then on."""
    from ._keras import keras

    return str(keras().config.backend())


def backend(convert: bool = True) -> Any:
    """keras 2.x ``backend()``: the Keras backend module, ``keras.backend`` (Keras 3's: ``floatx()``,
    ``epsilon()``, ``image_data_format()``, ``clear_session()``, ``backend()``, ...; keras 2.x's
    ``k_*`` tensor functions are ``keras.ops`` in Keras 3). ``convert`` is accepted and changes
    nothing (rkeras converts results the same way either way)."""
    from ._keras import keras

    return keras().backend


# --------------------------------------------------------------------------- keras 2.x's environment names


def use_session_with_seed(seed: int, disable_gpu: bool = True, disable_parallel_cpu: bool = True,
                          quiet: bool = False) -> None:
    """keras 2.x ``use_session_with_seed()``: seeds R, Python, numpy and the backend as
    ``set_random_seed()`` does. Keras 3 has no session to rebuild: GPU use and CPU parallelism
    are not changed (``disable_gpu`` and ``disable_parallel_cpu`` are accepted and ignored), so
    results on a GPU may still differ slightly from run to run.

    Args:
        seed: The seed, a whole number.
        disable_gpu: Ignored (see above).
        disable_parallel_cpu: Ignored (see above).
        quiet: Whether to print nothing.
    """
    set_random_seed(seed)
    if not quiet:
        print(f"Set random seed to {seed} (set_random_seed(); GPU and CPU parallelism unchanged)")


def implementation() -> str:
    """keras 2.x ``implementation()``: the Python Keras package in use; rkeras runs Keras 3
    (the ``keras`` package), so it is "keras"."""
    return "keras"


def use_implementation(implementation: Any = ("keras", "tensorflow")) -> str:
    """keras 2.x ``use_implementation()``: chose between the ``keras`` package and TensorFlow's
    ``tf.keras``. With TensorFlow 2.16 and later both are Keras 3, which rkeras runs: the call
    checks its argument and changes nothing.

    Args:
        implementation: "keras" or "tensorflow" (the first when a vector).
    """
    if isinstance(implementation, (list, tuple)):
        implementation = implementation[0] if implementation else None
    if implementation not in ("keras", "tensorflow"):
        raise RKerasError(f'`implementation` must be "keras" or "tensorflow", got {describe(implementation)}',
                          fn="use_implementation", arg="implementation")
    return str(implementation)


def _fixed_python(fn: str, arg: str, wanted: Any, matches: bool, required: Any) -> None:
    import sys

    if wanted is None or matches:
        return
    message = (f"rkeras's Python is fixed when it starts ({sys.executable}); {describe(wanted)} is not "
               f"used. To run on another Python, set RKERAS_PYTHON to it before library(rkeras) (or "
               f"`rkeras run`)")
    if required:
        raise RKerasError(message, fn=fn, arg=arg)
    print(f"{fn}(): {message}.")


def _same_path(a: Any, b: str) -> bool:
    return isinstance(a, str) and os.path.realpath(os.path.expanduser(a)) == os.path.realpath(b)


def use_python(python: Any, required: Any = None) -> None:
    """reticulate's ``use_python()``, as keras 2.x and keras3 re-export it. rkeras's Python is the
    one it started with: naming that one changes nothing; another one is refused with a message
    saying how to choose it (an error when ``required = TRUE``).

    Args:
        python: The path of a Python executable.
        required: Whether failing to use it is an error.
    """
    import sys

    _fixed_python("use_python", "python", python, _same_path(python, sys.executable), required)


def use_virtualenv(virtualenv: Any = None, required: Any = None) -> None:
    """reticulate's ``use_virtualenv()``, as keras 2.x re-exports it: rkeras's Python is fixed (see
    ``use_python()``); naming its own environment changes nothing.

    Args:
        virtualenv: The path (or name) of a virtual environment.
        required: Whether failing to use it is an error.
    """
    import sys

    _fixed_python("use_virtualenv", "virtualenv", virtualenv, _same_path(virtualenv, sys.prefix), required)


def use_condaenv(condaenv: Any = None, conda: Any = "auto", required: Any = None) -> None:
    """reticulate's ``use_condaenv()``, as keras 2.x re-exports it: rkeras's Python is fixed (see
    ``use_python()``); naming its own environment changes nothing.

    Args:
        condaenv: The name or path of a conda environment.
        conda: The conda executable (not used).
        required: Whether failing to use it is an error.
    """
    import sys

    matches = _same_path(condaenv, sys.prefix) or condaenv == os.path.basename(sys.prefix)
    _fixed_python("use_condaenv", "condaenv", condaenv, matches, required)


def py_require_legacy_keras(extra_packages: Any = True) -> None:
    """keras 2.x ``py_require_legacy_keras()`` asked reticulate for TensorFlow's legacy Keras 2
    (``tf_keras``). rkeras runs keras 2.x's R API on Keras 3 itself, so there is nothing to
    require: the call prints so and changes nothing.

    Args:
        extra_packages: Accepted and ignored.
    """
    print("py_require_legacy_keras(): rkeras runs the keras 2.x R API on Keras 3; legacy Keras "
          "(tf_keras) is not used, so there is nothing to require.")
