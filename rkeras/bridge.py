"""The R host: embeds R (rpy2), loads the rkeras R package and runs R code.

* :func:`start` starts R once per process, installs (when stale) the R packages
  ``rkeras``, ``keras``, ``keras3`` and ``kerasR`` into a private library that
  goes first on ``.libPaths()``, and attaches ``rkeras``. Its ``.onLoad`` calls
  back here (option ``rkeras.on_load``) to receive the dispatcher.
* The dispatcher is the one entry from R: ``.rk_call(.fn, ...)`` calls the spec
  function ``.fn`` (or an internal ``.name`` such as ``.getattr``) with the
  arguments converted by :mod:`rkeras.convert`, and returns
  ``list(value, visible[, warnings])`` (Python warnings become R warnings) or an
  R condition of class
  ``c("rkeras_error", "<PythonClass>", "error", "condition")`` carrying
  ``traceback``; the R side ``stop()``s it.
* :meth:`Host.run_file`, :meth:`Host.run_text` and :meth:`Host.repl` evaluate R
  code as Rscript / R's console do.

Threads: every R call holds rpy2's ``rlock``; while Python code runs for R the
main thread lets go of it, so other threads (e.g. a thread pool calling an R
function) can call R, one at a time. R's C stack check stays on for the main
thread (a runaway R recursion is an R error, as with Rscript, not a crash) and is
switched off around R calls from other threads (:func:`rkeras.convert.r_lock`).
Ctrl-C interrupts R code, or raises KeyboardInterrupt in Python code that R
called (:func:`interrupts_to_r`).

Importing this module imports rpy2 but does not start R.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import inspect
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import rpy2.rinterface as ri
from rpy2.rinterface_lib import callbacks, embedded, openrlib

from . import _keras, codegen, convert
from .errors import RKerasError

_CLOSURES: list[Any] = []  # every rternalized closure: rpy2 aborts if one is garbage-collected
_HOST: Host | None = None

# Spec functions whose result R gets invisibly (keras3 returns invisible() there).
INVISIBLE = frozenset(
    """
fit compile set_weights freeze_weights unfreeze_weights save_model save_model_weights save_model_hdf5
save_model_weights_hdf5 load_model_weights load_model_weights_hdf5 .setattr .release
""".split()
)
# A function that hands back an object it was given (model %>% layer_dense(...), compile(),
# keras_compile(), ...) changed it in place: R gets it invisibly, as from keras3. Getters do not.
_GETTERS = frozenset({".getattr", ".getitem"})


# ----------------------------------------------------------------------------- the private R library


def cache_dir() -> Path:
    """Where rkeras keeps its R library: ``$RKERAS_CACHE_DIR``, else ``$XDG_CACHE_HOME/rkeras``."""
    env = os.environ.get("RKERAS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rkeras"


def r_source_root() -> Path:
    """The folder holding the R package sources (DESCRIPTION, R/, NAMESPACE)."""
    env = os.environ.get("RKERAS_R_SOURCE")
    root = Path(env) if env else codegen.repo_root()
    if not (root / "DESCRIPTION").is_file() or not (root / "R").is_dir():
        raise RKerasError(
            f"the rkeras R package sources are not at {root} (DESCRIPTION and R/); "
            "set RKERAS_R_SOURCE to the folder holding them"
        )
    return root


def _r_binary() -> str:
    home = openrlib.R_HOME or os.environ.get("R_HOME")
    if home and (Path(home) / "bin" / "R").exists():
        return str(Path(home) / "bin" / "R")
    found = shutil.which("R")
    if not found:
        raise RKerasError("R is not installed (no `R` on PATH)")
    return found


def library_key(root: Path, r_version: str) -> str:
    """A hash of everything the installed packages depend on."""
    from . import __version__

    digest = hashlib.sha256()
    digest.update(f"rkeras {__version__}\n{r_version}\nalias-format 1\n".encode())
    for rel in codegen.package_files(root):
        digest.update(str(rel).encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def ensure_library(r_version: str, root: Path | None = None, *, quiet: bool = True) -> Path:
    """The private library holding rkeras and its alias packages; (re)installs when stale.

    Installs are offline (``R CMD INSTALL`` of local sources), go to a temporary
    folder and are renamed into place, under a file lock: concurrent hosts are safe.
    """
    root = root or r_source_root()
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    lib = cache / f"Rlib-{library_key(root, r_version)}"
    stamp = lib / ".complete"
    if stamp.exists():
        return lib
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists():
            return lib
        work = Path(tempfile.mkdtemp(prefix="install-", dir=cache))
        try:
            _install_packages(root, work, quiet=quiet)
            (work / "lib" / ".complete").write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
            if lib.exists():
                shutil.rmtree(lib)
            (work / "lib").rename(lib)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _remove_old_libraries(cache, keep=lib)
    return lib


def _install_packages(root: Path, work: Path, *, quiet: bool) -> None:
    src = work / "src"
    lib = work / "lib"
    lib.mkdir(parents=True)
    codegen.stage(src / "rkeras", root)
    exports = codegen.namespace_exports((root / "NAMESPACE").read_text(encoding="utf-8"))
    description = (root / "DESCRIPTION").read_text(encoding="utf-8")
    version = codegen.description_field(description, "Version") or "0.0.0"
    for alias in codegen.ALIAS_PACKAGES:
        for rel, text in codegen.alias_package(alias, version, exports).items():
            path = src / alias / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    env = dict(os.environ, R_LIBS=str(lib))
    cmd = [
        _r_binary(),
        "CMD",
        "INSTALL",
        "--no-test-load",
        "--no-docs",
        "--no-multiarch",
        "--no-staged-install",
        f"--library={lib}",
        str(src / "rkeras"),
        *(str(src / a) for a in codegen.ALIAS_PACKAGES),
    ]
    if not quiet:
        names = ", ".join(("rkeras", *codegen.ALIAS_PACKAGES))
        print(f"rkeras: installing the R packages {names} into {lib}", file=sys.stderr)
    proc = subprocess.run(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL
    )
    if proc.returncode != 0:
        raise RKerasError(f"installing the rkeras R packages failed ({' '.join(cmd)}):\n{proc.stdout}")


def _remove_old_libraries(cache: Path, keep: Path, max_age_s: float = 7 * 86400) -> None:
    now = time.time()
    for old in cache.glob("Rlib-*"):
        if old != keep and now - old.stat().st_mtime > max_age_s:
            shutil.rmtree(old, ignore_errors=True)


# ----------------------------------------------------------------------------- the dispatcher


def _getattr(obj: Any, name: str) -> Any:
    try:
        return getattr(obj, name)
    except AttributeError:
        return None


def _setattr(obj: Any, name: str, value: Any) -> None:
    setattr(obj, name, value)


def _getitem(obj: Any, key: Any) -> Any:
    if isinstance(key, float) and key.is_integer():
        key = int(key)
    if isinstance(key, int) and not isinstance(obj, dict):
        if key == 0:
            raise RKerasError("`[[`: indexes are 1-based (negative counts from the end)")
        return obj[key - 1 if key > 0 else key]
    return obj[key]


def _dir(obj: Any) -> list[str]:
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def _summary_text_function() -> Callable[..., str]:
    """``summary_text`` of the module that implements the spec's ``summary`` row."""
    import importlib

    from ._build import get_function

    module = importlib.import_module(get_function("summary").row.target.split(":")[0])
    return module.summary_text  # type: ignore[no-any-return]


def _format(obj: Any) -> str:
    if "keras" in sys.modules and isinstance(obj, sys.modules["keras"].Model):
        try:
            return _summary_text_function()(obj).rstrip("\n")
        except Exception:  # noqa: BLE001 - an unbuilt model: fall back to its name
            return f"<{type(obj).__name__} name={obj.name}, not built>"
    return str(obj)


def _summary_text(obj: Any, *args: Any, **kwargs: Any) -> str:
    return _summary_text_function()(obj, *args, **kwargs)


def _layer_table(model: Any) -> dict[str, list[str]]:
    from .model_summary import layer_table

    return layer_table(model)


def _as_array(obj: Any) -> Any:
    import numpy as np

    if "keras" in sys.modules:
        return np.asarray(sys.modules["keras"].ops.convert_to_numpy(obj))
    return np.asarray(obj)


def _invoke(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def _release(hid: Any) -> None:
    convert.REGISTRY.release(int(hid))


def release_handle(hid: Any) -> int:
    """The finalizer's way back (rternalized): drop a handle's Python object. It runs inside R's
    garbage collector for every handle, so it skips the dispatcher's conversions."""
    try:
        convert.REGISTRY.release(int(hid[0]))
    except BaseException:  # noqa: BLE001 - a finalizer must not fail; an unknown id is already gone
        return 0
    return 1


release_handle.__signature__ = inspect.signature(release_handle)  # type: ignore[attr-defined]


def _describe(value: Any) -> dict[str, Any]:
    """What a value became in Python (for tests and debugging: ``rkeras:::.rk_call(".describe", x)``)."""
    import numpy as np

    out: dict[str, Any] = {"type": type(value).__name__, "repr": repr(value)[:300]}
    if isinstance(value, np.ndarray):
        base = value
        while isinstance(base, np.ndarray) and base.base is not None:
            base = base.base
        out.update(
            dtype=str(value.dtype),
            shape=[int(d) for d in value.shape],
            c_contiguous=bool(value.flags.c_contiguous),
            f_contiguous=bool(value.flags.f_contiguous),
            writeable=bool(value.flags.writeable),
            r_view=isinstance(base, convert._Keep),
        )
    elif isinstance(value, (list, tuple)):
        out["items"] = [type(v).__name__ for v in value]
    elif isinstance(value, dict):
        out["keys"] = [str(k) for k in value]
        out["items"] = [type(v).__name__ for v in value.values()]
    elif type(value).__module__.startswith("pandas"):
        import pandas as pd

        if isinstance(value, pd.Categorical):
            out.update(codes=[int(c) for c in value.codes], categories=[str(c) for c in value.categories])
        elif isinstance(value, pd.DataFrame):
            out.update(
                columns=[str(c) for c in value.columns],
                dtypes=[str(t) for t in value.dtypes],
                index=[str(i) for i in value.index],
            )
    return out


def _py_eval(code: str) -> Any:
    """Evaluate a Python expression (numpy as ``np``, pandas as ``pd``, rkeras as ``rk``)."""
    import numpy as np
    import pandas as pd

    import rkeras

    # compile() first: eval() of a *string* that raises KeyboardInterrupt makes CPython end the
    # whole process with SIGINT at exit.
    compiled = compile(code, "<py_eval>", "eval")
    return eval(compiled, {"np": np, "pd": pd, "rk": rkeras, "__builtins__": __builtins__})  # noqa: S307


def _weakref(obj: Any) -> Callable[[], bool]:
    """A function telling whether ``obj`` is still alive in Python (after a garbage collection)."""
    import gc
    import weakref

    ref = weakref.ref(obj)
    del obj

    def alive() -> bool:
        gc.collect()
        return ref() is not None

    return alive


INTERNAL: dict[str, Callable[..., Any]] = {
    ".describe": _describe,
    ".py_eval": _py_eval,
    ".weakref": _weakref,
    ".registry_size": lambda: len(convert.REGISTRY),
    ".getattr": _getattr,
    ".setattr": _setattr,
    ".getitem": _getitem,
    ".dir": _dir,
    ".format": _format,
    ".repr": str,
    ".summary_text": _summary_text,
    ".layer_table": _layer_table,
    ".as_array": _as_array,
    ".invoke": _invoke,
    ".release": _release,
}


def _resolve(name: Any) -> Callable[..., Any]:
    """The function for ``.fn``: an internal ``.name`` or a spec function."""
    if not isinstance(name, str):
        raise RKerasError(f"rkeras dispatcher: `.fn` must be a function name, got {name!r}")
    if name.startswith("."):
        try:
            return INTERNAL[name]
        except KeyError:
            raise RKerasError(f"rkeras dispatcher: no internal function {name!r}") from None
    from ._build import get_function

    return get_function(name)


class _r_released:  # noqa: N801 - used as a function: ``with _r_released():``
    """Let other threads call R while Python code runs for R (the main thread is not in R then)."""

    __slots__ = ("state",)

    def __enter__(self) -> None:
        lock: Any = openrlib.rlock
        self.state = None
        if threading.current_thread() is threading.main_thread() and lock._is_owned():
            self.state = lock._release_save()

    def __exit__(self, *exc: object) -> None:
        if self.state is not None:
            openrlib.rlock._acquire_restore(self.state)  # type: ignore[attr-defined]


def dispatch(*args: Any, **kwargs: Any) -> Any:
    """The rternalized entry point behind ``.rk_call()``; never raises."""
    try:
        with convert.frame("py"):
            ctx = convert.Context()
            name = convert.r2py(args[0]) if args else None
            fn = _resolve(name)
            pargs = [convert.r2py(a, ctx) for a in args[1:]]
            pkwargs = {k: convert.r2py(v, ctx) for k, v in kwargs.items()}
            with _r_released(), warnings.catch_warnings(record=True) as caught:
                result = fn(*pargs, **pkwargs)
            visible = not (
                result is None or name in INVISIBLE or (name not in _GETTERS and ctx.came_in(result))
            )
            with convert.r_lock():
                value = convert.py2r(result, ctx)
                # Python warnings become R warnings (signalled by .rk_result)
                return convert.result_list(value, visible, [str(w.message) for w in caught])
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to R as a condition
        return condition(exc)


# rpy2 calls inspect.signature() on the rternalized function at every call from R; a ready
# __signature__ makes that a lookup instead of an introspection (about 15 us per call).
dispatch.__signature__ = inspect.signature(dispatch)  # type: ignore[attr-defined]


def condition(exc: BaseException) -> Any:
    """An R condition for a Python exception (keeps an R error's own classes)."""
    tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    py_class = f"{type(exc).__module__}.{type(exc).__qualname__}"
    call: Any = ri.NULL
    if isinstance(exc, convert.RError):
        message = exc.r_message
        r_classes = [c for c in exc.classes if c not in ("error", "condition", "rkeras_error")]
        classes = ["rkeras_error", "RError", *r_classes, "error", "condition"]
        try:
            names = [str(n) for n in exc.condition.do_slot("names")]
            call = exc.condition[names.index("call")]
        except Exception:  # noqa: BLE001 - no call: fine
            call = ri.NULL
    elif isinstance(exc, KeyboardInterrupt):
        message = "KeyboardInterrupt"
        classes = ["rkeras_error", "KeyboardInterrupt", "interrupt", "condition"]
    else:
        text = str(exc)
        message = text if isinstance(exc, RKerasError) else f"{type(exc).__name__}: {text}".rstrip(": ")
        classes = ["rkeras_error", type(exc).__name__, "error", "condition"]
        if type(exc).__name__ in ("error", "condition"):
            classes = ["rkeras_error", "error", "condition"]
    try:
        with convert.r_lock():
            out = ri.ListSexpVector(
                [ri.StrSexpVector([message]), call, ri.StrSexpVector([tb]), ri.StrSexpVector([py_class])]
            )
            convert.set_attr(out, "names", ri.StrSexpVector(["message", "call", "traceback", "python_class"]))
            convert.set_attr(out, "class", ri.StrSexpVector(classes))
            return out
    except BaseException:  # noqa: BLE001 - last resort: an R string is better than NULL
        return ri.StrSexpVector([message])


# ----------------------------------------------------------------------------- interrupts


@contextlib.contextmanager
def interrupts_to_r() -> Iterator[None]:
    """While R code runs: Ctrl-C interrupts R code, or raises KeyboardInterrupt in Python
    code called from R (which reaches R as an interrupt condition)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        if convert.innermost_frame() == "py":
            raise KeyboardInterrupt
        openrlib.rlib.R_interrupts_pending = 1

    openrlib.rlib.R_interrupts_pending = 0
    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        openrlib.rlib.R_interrupts_pending = 0


# ----------------------------------------------------------------------------- the host


def _write(stream: Any, text: str) -> None:
    stream.write(text)
    stream.flush()


def _read_console(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        return ""


def _cleanup(saveact: Any, status: int, runlast: Any) -> None:
    """R's quit(): flush and leave with R's exit status (rpy2's default would exit 0)."""
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(int(status))


class Host:
    """The embedded R session (one per process): see :func:`start`."""

    def __init__(self) -> None:
        self.ns: Any = None
        self.library: Path | None = None
        self._hook_error: BaseException | None = None

    # -------------------------------------------------------------- starting
    def _start(self, args: Sequence[str], script: str | None, interactive: bool, attach: bool) -> None:
        os.environ.setdefault("KERAS_BACKEND", "tensorflow")
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        if not embedded.isinitialized():
            options = ["rkeras", "--quiet", "--no-save", "--no-restore"]
            if script:
                options.append(f"--file={script}")
            if args:
                options += ["--args", *args]
            embedded.set_initoptions(tuple(options))
            # _c_stack_limit=0 keeps R's own C stack check (rpy2's default turns it off, and then
            # a runaway R recursion kills the process); see convert.r_lock for other threads.
            ri.initr_checkenv(interactive=interactive, _c_stack_limit=0)
        callbacks.consolewrite_print = lambda s: _write(sys.stdout, s)
        callbacks.consolewrite_warnerror = lambda s: _write(sys.stderr, s)
        callbacks.showmessage = lambda s: _write(sys.stderr, s + "\n")
        callbacks.consoleread = _read_console
        callbacks.consoleflush = lambda: sys.stdout.flush()
        callbacks.cleanup = _cleanup
        with openrlib.rlock:
            r_version = str(ri.evalr("R.version.string")[0])
        self.library = ensure_library(r_version, quiet=not interactive)
        hook = ri.rternalize(self._on_load)
        _CLOSURES.append(hook)
        with openrlib.rlock:
            lib_paths = ri.baseenv.find(".libPaths")
            current = [str(p) for p in lib_paths()]
            lib_paths(ri.StrSexpVector([str(self.library), *(p for p in current if p != str(self.library))]))
            options_fn = ri.baseenv.find("options")
            options_fn(**{"rkeras.on_load": hook})
            code = (
                "suppressPackageStartupMessages(library(rkeras))"
                if attach
                else "invisible(loadNamespace('rkeras'))"
            )
            ri.evalr(code)
        if self._hook_error is not None:
            error = self._hook_error
            raise RKerasError(f"loading the rkeras R package failed: {error}") from error
        if self.ns is None:
            raise RKerasError(
                "loading the rkeras R package did not call back into Python "
                f"(stale install in {self.library}?)"
            )

    def _on_load(self, rk_env: Any, ns: Any) -> Any:
        try:
            dispatcher = ri.rternalize(dispatch)
            releaser = ri.rternalize(release_handle)
            _CLOSURES.extend((dispatcher, releaser))
            rk_env["call"] = dispatcher
            rk_env["release"] = releaser
            convert.install(ns)
            self.ns = ns
        except BaseException as exc:  # noqa: BLE001 - reported by _start
            self._hook_error = exc
        return ri.BoolSexpVector([True])

    def helper(self, name: str) -> Any:
        return self.ns.find(name)

    # -------------------------------------------------------------- running R code
    def _status(self, result: Any) -> int:
        if isinstance(result, ri.BoolSexpVector) and len(result) == 1 and result[0] is True:
            return 0
        classes = (
            [str(c) for c in (result.do_slot("class") if hasattr(result, "do_slot") else [])]
            if not isinstance(result, ri.BoolSexpVector)
            else []
        )
        if "interrupt" in classes and "error" not in classes:
            return 130
        return 1

    def run_file(self, path: str | os.PathLike[str]) -> int:
        """Run an R script as Rscript does; 0, or 1 after an error (reported on stderr)."""
        with openrlib.rlock, interrupts_to_r():
            result = self.helper(".rk_run_file")(ri.StrSexpVector([str(path)]))
        return self._finish(result)

    def run_text(self, text: str) -> int:
        with openrlib.rlock, interrupts_to_r():
            result = self.helper(".rk_run_text")(ri.StrSexpVector([text]))
        return self._finish(result)

    def _finish(self, result: Any) -> int:
        status = self._status(result)
        if status == 1:
            _write(sys.stderr, "Execution halted\n")
        return status

    def eval(self, text: str) -> Any:
        """Evaluate R code and return its value converted to Python (for tests and tools)."""
        with convert.r_lock():
            value = ri.evalr(text)
            return convert.r2py(value)

    def repl(self, banner: bool = True) -> int:
        """An interactive R console: prompt ``> ``, continuation ``+ ``; errors and Ctrl-C
        return to the prompt; ``q()`` or Ctrl-D leaves."""
        from rpy2.rinterface_lib._rinterface_capi import PARSING_STATUS, RParsingError

        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - line editing and history for input()
        if banner:
            from . import __version__

            with openrlib.rlock:
                r_version = str(ri.evalr("R.version.string")[0])
            print(
                f"rkeras {__version__} R console ({r_version}); the rkeras package is attached.\n"
                "library(keras3), library(keras) and library(kerasR) load it too. q() or Ctrl-D quits."
            )
        toplevel = self.helper(".rk_toplevel")
        parse_message = self.helper(".rk_run_text")
        buffer: list[str] = []
        while True:
            try:
                line = input("+ " if buffer else "> ")
            except EOFError:
                print()
                return 0
            except KeyboardInterrupt:
                print()
                buffer = []
                continue
            buffer.append(line)
            text = "\n".join(buffer)
            if not text.strip():
                buffer = []
                continue
            try:
                with openrlib.rlock:
                    exprs = ri.parse(text)
            except RParsingError as err:
                if getattr(err, "status", None) == PARSING_STATUS.PARSE_INCOMPLETE:
                    continue
                buffer = []
                with openrlib.rlock:  # let R report the syntax error in its own words
                    parse_message(ri.StrSexpVector([text]))
                continue
            buffer = []
            try:
                with openrlib.rlock, interrupts_to_r():
                    toplevel(exprs)
            except KeyboardInterrupt:
                print()
            except Exception as err:  # noqa: BLE001 - the console survives anything
                _write(sys.stderr, f"Error: {err}\n")


def start(
    args: Sequence[str] = (), *, script: str | None = None, interactive: bool = False, attach: bool = True
) -> Host:
    """Start (once) the embedded R with the rkeras package loaded; returns the host.

    ``args`` become ``commandArgs(trailingOnly = TRUE)``; they, ``script`` and
    ``interactive`` only matter for the first call in a process.
    """
    global _HOST
    if _HOST is None:
        _keras.preload()
        host = Host()
        host._start(args, script, interactive, attach)
        _HOST = host
        atexit.register(_shutdown)
    return _HOST


def _shutdown() -> None:
    """At exit, end R as Rscript does: close graphics devices (so files such as Rplots.pdf are
    complete), run exit finalizers, remove R's session temporary folder. Python's references to
    R objects are dropped first, while both sides are still alive."""
    import gc

    if _HOST is None or not embedded.isinitialized():
        return
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    try:
        with openrlib.rlock:
            # R code run from here on (e.g. .Last) gets "Python is not attached", not a dead closure
            ri.evalr(
                'if ("rkeras" %in% loadedNamespaces()) { assign("call", NULL, envir = rkeras:::.rk); '
                'assign("release", NULL, envir = rkeras:::.rk) }; '
                "options(rkeras.on_load = NULL)"
            )
            _HOST.ns = None
            convert.uninstall()
            _CLOSURES.clear()
            gc.collect()
            embedded.endr(0)
    except Exception:  # noqa: BLE001 - nothing useful to do this late
        pass


def host() -> Host | None:
    """The running host, if any."""
    return _HOST


__all__ = ["start", "host", "Host", "dispatch", "condition", "ensure_library", "cache_dir", "INVISIBLE"]
