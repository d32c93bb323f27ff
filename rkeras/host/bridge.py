"""The R host: embeds R (rpy2), or attaches to an R that started first, and runs R code.

* :func:`start` starts R once per process, installs (when stale) the R packages
  ``rkeras``, ``keras``, ``keras3`` and ``kerasR`` into a private library that
  goes first on ``.libPaths()``, and attaches ``rkeras``. Its ``.onLoad`` calls
  back here (option ``rkeras.on_load``) to receive the dispatcher.
* The dispatcher (:mod:`.dispatch`) is the one entry from R; values cross in
  :mod:`.convert`; the R package and its private library are :mod:`.rpackage`'s.
* :meth:`Host.run_file`, :meth:`Host.run_text` and :meth:`Host.repl` evaluate R
  code as Rscript / R's console do.
* :func:`attach_r` is the other way round: R is the host (``Rscript``, an interactive ``R``,
  ``knitr``) and has started Python (the R package's ``.onLoad``, through reticulate). The same
  dispatcher is attached to the running R: R keeps its console, its SIGINT handling (reticulate's
  handler turns Ctrl-C into KeyboardInterrupt inside Python code) and its exit; Python's
  ``sys.stdout`` writes through R's console, so ``sink()``, ``capture.output()`` and knitr see it.

Threads: every R call holds rpy2's ``rlock``; while Python code runs for R the
main thread lets go of it, so other threads (e.g. a thread pool calling an R
function) can call R, one at a time. R's C stack check stays on for the main
thread (a runaway R recursion is an R error, as with Rscript, not a crash) and is
switched off around R calls from other threads (:func:`.convert.r_lock`).
Ctrl-C interrupts R code, or raises KeyboardInterrupt in Python code that R
called (:func:`interrupts_to_r`).

Importing this module imports rpy2 but does not start R.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import re
import select
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import rpy2.rinterface as ri
from rpy2.rinterface_lib import callbacks, embedded, openrlib

from ..api import _keras, environment, tfdatasets
from ..api.reticulate import console_stream
from ..errors import RKerasError
from . import convert, dispatch, signals
from .rpackage import ensure_library
from .signals import StartupInterrupts

_CLOSURES: list[Any] = []  # every rternalized closure: rpy2 aborts if one is garbage-collected
_HOST: Host | None = None


# ----------------------------------------------------------------------------- interrupts


def _in_finalizer(frame: Any) -> bool:
    """Whether the interrupted Python code runs inside a ``__del__`` (rpy2's ``_release`` of an R object)."""
    while frame is not None:
        if frame.f_code.co_name in ("__del__", "_release"):
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def interrupts_to_r() -> Iterator[None]:
    """While R code runs: Ctrl-C interrupts R code, or raises KeyboardInterrupt in Python
    code called from R (which reaches R as an interrupt condition)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        if convert.innermost_frame() == "py":
            if _in_finalizer(frame):
                # Python ignores (prints and drops) an exception raised in a __del__ (rpy2 releases R
                # objects there): deliver the interrupt again in a moment, outside the finalizer
                threading.Timer(0.02, os.kill, (os.getpid(), signal.SIGINT)).start()
                return
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


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x08")


def strip_ansi(text: str) -> str:
    """``text`` without terminal escapes (colours, bold) and backspaces: what Keras's progress
    bar writes unconditionally, which only a terminal should get."""
    return _ANSI.sub("", text)


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


class PlainStream(io.TextIOBase):
    """``sys.stdout`` of the embedded host when it is not a terminal: writes pass through
    :func:`strip_ansi`."""

    def __init__(self, stream: Any) -> None:
        super().__init__()
        self.stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.stream, "encoding", None) or "utf-8")

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:  # type: ignore[override]
        self.stream.write(strip_ansi(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return int(self.stream.fileno())


class ConsoleInput:
    """Lines typed at the console. A terminal gets Python's ``input()`` (GNU readline: editing,
    history). Other input (a pipe, a pseudo-terminal driver's file) is read straight from the file
    descriptor, waiting in ``select()`` with a short timeout: a Ctrl-C that arrives just before
    the read then raises KeyboardInterrupt before the next line is taken, so no line that
    follows the interrupt is lost (``input()`` would block in ``read()`` with the signal pending
    and drop the line it then reads)."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream
        self.pending = b""
        self.eof = False

    def _fd(self) -> int | None:
        stream = self.stream or sys.stdin
        try:
            return None if stream.isatty() else stream.fileno()
        except (AttributeError, OSError, ValueError):
            return None

    def readline(self, prompt: str) -> str:
        """One line without its newline; EOFError at the end of input."""
        fd = self._fd()
        if fd is None:
            return input(prompt)
        _write(sys.stdout, prompt)
        while b"\n" not in self.pending:
            if self.eof:
                if not self.pending:
                    raise EOFError
                break
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                self.eof = True
            self.pending += chunk
        line, sep, rest = self.pending.partition(b"\n")
        self.pending = rest
        return line.decode("utf-8", errors="replace").rstrip("\r")


_INPUT = ConsoleInput()


def _read_console(prompt: str) -> str:
    try:
        return _INPUT.readline(prompt)
    except EOFError:
        return ""


def history_file() -> Path:
    """The console's history: ``$RKERAS_HISTORY``, else ``~/.rkeras_history``."""
    return Path(os.environ.get("RKERAS_HISTORY") or Path.home() / ".rkeras_history")


_HISTORY_SAVED: list[bool] = []


def save_history() -> None:
    """Write the console's readline history (once; also when R's ``q()`` ends the process, which
    skips atexit)."""
    if _HISTORY_SAVED:
        return
    _HISTORY_SAVED.append(True)
    with contextlib.suppress(ImportError, OSError):
        import readline

        readline.set_history_length(int(os.environ.get("R_HISTSIZE") or 512))
        readline.write_history_file(str(history_file()))


def r_completions(line: str, end: int) -> list[str]:
    """Completions of the token before column ``end`` of ``line`` by R's own engine (what R's
    console offers on Tab: function names, ``fn(`` argument names as ``name = ``, ``obj$``
    elements, files in strings)."""
    code = (
        "local({ utils:::.assignLinebuffer(.rk_line); utils:::.assignEnd(.rk_end); "
        "utils:::.guessTokenFromLine(); utils:::.completeToken(); "
        "as.character(utils:::.retrieveCompletions()) })"
    )
    try:
        with convert.r_lock():
            ri.globalenv[".rk_line"] = ri.StrSexpVector([line])
            ri.globalenv[".rk_end"] = ri.IntSexpVector([end])
            try:
                found = ri.evalr(code)
            finally:
                ri.evalr("rm(.rk_line, .rk_end, envir = globalenv())")
        return [str(c) for c in found]
    except Exception:  # noqa: BLE001 - a completion that fails offers nothing
        return []


def setup_readline() -> None:
    """Tab completion through :func:`r_completions` and the history file for ``input()``."""
    try:
        import readline
    except ImportError:
        return
    # R's tokens span `$`, `@`, `::`, `.` and `_`: readline hands the same token to the completer.
    readline.set_completer_delims(" \t\n\"'`><=;|&{}()[],+-*/^~!%?")
    matches: list[str] = []

    def complete(text: str, state: int) -> str | None:
        if state == 0:
            line = readline.get_line_buffer()
            end = readline.get_endidx()
            found = r_completions(line[:end], end)
            matches[:] = [m for m in found if m.startswith(text)] or found
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")
    with contextlib.suppress(OSError):
        readline.read_history_file(str(history_file()))
    atexit.register(save_history)


def _cleanup(saveact: Any, status: int, runlast: Any) -> None:
    """R's quit(): close the graphics devices (R's own clean-up would, and without it a plot
    file such as Rplots.pdf is left empty), flush and leave with R's exit status (rpy2's default
    would exit 0)."""
    with contextlib.suppress(Exception):
        ri.evalr("invisible(grDevices::graphics.off())")
    if "readline" in sys.modules:
        save_history()
    with contextlib.suppress(Exception):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(int(status))


class Host:
    """The R session of this process (one per process): embedded (:func:`start`) or, when
    ``attached``, an R that started first (:func:`attach`)."""

    def __init__(self, attached: bool = False) -> None:
        self.ns: Any = None
        self.library: Path | None = None
        self.attached = attached
        self._hook_error: BaseException | None = None

    # -------------------------------------------------------------- starting
    def _start(self, args: Sequence[str], script: str | None, interactive: bool, attach: bool,
               guard: StartupInterrupts | None = None) -> None:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        for name in ("stdout", "stderr"):
            stream = getattr(sys, name)
            # only the process's own stdout/stderr: a Jupyter kernel's streams (IPython's
            # OutStream) render colours, and a wrapper would hide them from the kernel's capture
            if stream is not None and stream is getattr(sys, f"__{name}__") and not _is_tty(stream):
                setattr(sys, name, PlainStream(stream))
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
            if guard is not None:
                guard.arm()  # rpy2 has just put Python's default SIGINT handler back
        # R's console output goes under any py_capture_output() capture (it takes Python's only)
        callbacks.consolewrite_print = lambda s: _write(console_stream(sys.stdout), s)
        callbacks.consolewrite_warnerror = lambda s: _write(console_stream(sys.stderr), s)
        callbacks.showmessage = lambda s: _write(console_stream(sys.stderr), s + "\n")
        callbacks.consoleread = _read_console
        callbacks.consoleflush = lambda: console_stream(sys.stdout).flush()
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
            try:
                ri.evalr(code)
            except Exception:
                if self._hook_error is None:
                    raise
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
            dispatcher = ri.rternalize(dispatch.dispatch)
            releaser = ri.rternalize(dispatch.release_handle)
            _CLOSURES.extend((dispatcher, releaser))
            rk_env["call"] = dispatcher
            rk_env["release"] = releaser
            if os.environ.get("RKERAS_TEST_HOOKS") == "1":
                from . import testing

                testing.register(dispatch.INTERNAL)
            convert.install(ns)
            environment.set_seed_hook(_r_set_seed)
            tfdatasets.set_formula_hook(convert.formula_function)
            self.ns = ns
        except BaseException as exc:  # noqa: BLE001 - reported by _start, or to R's .onLoad
            self._hook_error = exc
            return ri.StrSexpVector([f"connecting to Python failed: {type(exc).__name__}: {exc}"])
        return ri.BoolSexpVector([True])

    def _attach(self) -> None:
        """Hand the running R the hook its ``.onLoad`` calls (option ``rkeras.on_load``)."""
        hook = ri.rternalize(self._on_load)
        _CLOSURES.append(hook)
        with openrlib.rlock:
            ri.baseenv.find("options")(**{"rkeras.on_load": hook})

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
        if _INPUT._fd() is None:  # a terminal: GNU readline with R's completion and a history file
            setup_readline()
        if banner:
            from .. import __version__

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
            # Ctrl-C at any moment (at the prompt, while parsing or evaluating, or in between)
            # abandons the current input and comes back to a fresh prompt.
            try:
                try:
                    if self._repl_line(buffer, toplevel, parse_message):
                        return 0
                except KeyboardInterrupt:
                    buffer.clear()
                    print()
            except KeyboardInterrupt:
                buffer.clear()

    def _repl_line(self, buffer: list[str], toplevel: Any, parse_message: Any) -> bool:
        """Read one line and run what is complete; True at end of input."""
        from rpy2.rinterface_lib._rinterface_capi import PARSING_STATUS, RParsingError

        try:
            line = _INPUT.readline("+ " if buffer else "> ")
        except EOFError:
            print()
            return True
        buffer.append(line)
        text = "\n".join(buffer)
        if not text.strip():
            buffer.clear()
            return False
        try:
            with openrlib.rlock:
                exprs = ri.parse(text)
        except RParsingError as err:
            if getattr(err, "status", None) == PARSING_STATUS.PARSE_INCOMPLETE:
                return False
            buffer.clear()
            with openrlib.rlock:  # let R report the syntax error in its own words
                parse_message(ri.StrSexpVector([text]))
            return False
        buffer.clear()
        try:
            with openrlib.rlock, interrupts_to_r():
                toplevel(exprs)
        except KeyboardInterrupt:
            raise
        except Exception as err:  # noqa: BLE001 - the console survives anything
            _write(sys.stderr, f"Error: {err}\n")
        return False


# ----------------------------------------------------------------------------- R as the host


def r_is_running() -> bool:
    """True when an R that rpy2 did not start runs in this process (R is the host: Rscript, R,
    knitr, ... started Python through reticulate)."""
    return not embedded.isinitialized() and openrlib.rlib.R_NilValue != openrlib.ffi.NULL


def _attach_rpy2() -> None:
    """What rpy2's ``initr_checkenv`` does, for an R that already runs: mark R initialised, register
    rpy2's ``.Python`` entry point and set up rpy2's R constants. Unlike ``initr_checkenv`` it
    does not run rpy2's environment check (an Rscript subprocess and five "redefined by R"
    warnings: R's front end has set those variables already), does not warn "R was initialized
    outside of rpy2", and installs :func:`_attached_sigint` instead of Python's default SIGINT
    handler. rpy2 3.5.x internals (pinned in pyproject.toml)."""
    from rpy2.rinterface_lib import _rinterface_capi

    with openrlib.rlock:
        embedded._setinitialized()
        _rinterface_capi._register_external_symbols()
        ri._post_initr_setup()  # type: ignore[attr-defined]
    if threading.current_thread() is threading.main_thread():
        # Python-level half of Ctrl-C; the R package then re-registers reticulate's C-level
        # handler (which sets R's interrupt flag and trips this one), as signal.signal() replaced it
        signal.signal(signal.SIGINT, _attached_sigint)


def _housekeeping(frame: Any) -> bool:
    """Whether Python was interrupted in code run for R's bookkeeping (reticulate's rpytools, its
    stdout flush after each top-level call, this module's console stream), not in real work."""
    here = os.path.abspath(__file__)
    while frame is not None:
        name = frame.f_code.co_filename
        if "rpytools" in name or os.path.abspath(name) == here:
            return True
        frame = frame.f_back
    return False


_RETRY_S = 0.5  # a KeyboardInterrupt swallowed by C code (TensorFlow) is raised again after this


def _attached_sigint(signum: int, frame: Any) -> None:
    """Ctrl-C when R is the host. reticulate's C handler has set R's interrupt flag: Python code
    that R waits for (the dispatcher, or Python code reticulate runs) takes it as
    KeyboardInterrupt and clears the flag; R code, or a moment of bookkeeping between R's
    top-level calls (reticulate's autoflush), leaves it to R, so the interrupt is never lost.
    Inside the dispatcher the interrupt is raised again every ``_RETRY_S`` until it reaches
    it: TensorFlow's C++ code swallows an exception raised while it calls back into Python."""
    lib = openrlib.rlib
    retry = signals.DISPATCH_INTERRUPT.pending
    if not lib.R_interrupts_pending and not retry:
        return  # R took it already
    where = convert.innermost_frame()
    if where == "r" or (where is None and _housekeeping(frame)):
        return
    lib.R_interrupts_pending = 0
    if where == "py":
        signals.DISPATCH_INTERRUPT.arm(_RETRY_S)
    raise KeyboardInterrupt


class RConsoleStream(io.TextIOBase):
    """Python's ``sys.stdout`` when R is the host: text goes to R's console through ``cat()``, so
    it keeps its order with R's output and ``sink()``/``capture.output()``/knitr capture it.
    Writes from threads other than the main one (or before the bridge is ready) go to the
    original stream."""

    def __init__(self, fallback: Any) -> None:
        super().__init__()
        self.fallback = fallback
        self._cat: Any = None

    def bind(self) -> None:
        with openrlib.rlock:
            self._cat = ri.baseenv.find("cat")

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.fallback, "encoding", None) or "utf-8")

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:  # type: ignore[override]
        if not text:
            return 0
        if not _is_tty(self.fallback):
            text = strip_ansi(text)
        if self._cat is not None and threading.current_thread() is threading.main_thread():
            try:
                with convert.r_lock():
                    self._cat(ri.StrSexpVector([text]))
                return len(text)
            except Exception:  # noqa: BLE001 - R refused (an interrupt, a closed sink): plain stream
                pass
        self.fallback.write(text)
        self.fallback.flush()
        return len(text)

    def flush(self) -> None:
        with contextlib.suppress(Exception):
            self.fallback.flush()

    def isatty(self) -> bool:
        try:
            return bool(self.fallback.isatty())
        except (AttributeError, OSError, ValueError):
            return False

    def fileno(self) -> int:
        return int(self.fallback.fileno())


def attach_r() -> Host:
    """Attach rkeras to the R that runs this process (R is the host), once; returns the host.

    Called by the R package's ``.onLoad`` (through reticulate) when the package is loaded outside
    the rkeras host; R's ``.onLoad`` then calls the hook this leaves in option
    ``rkeras.on_load``. R keeps its console, its signal handling and its exit (no atexit
    shutdown here). The main thread owns R from now on (it holds rpy2's ``rlock`` except while
    Python code runs for R), so other threads call R only while R waits for Python.
    """
    global _HOST
    if _HOST is not None:
        return _HOST
    if not r_is_running():
        raise RKerasError("rkeras.host.bridge.attach_r(): no R runs in this process (start() embeds one)")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    _attach_rpy2()
    host = Host(attached=True)
    host._attach()
    if threading.current_thread() is threading.main_thread():
        openrlib.rlock.acquire()  # never released: R runs on this thread whenever Python does not
    if not isinstance(sys.stdout, RConsoleStream) and sys.stdout is not None:
        stream = RConsoleStream(sys.stdout)
        stream.bind()
        sys.stdout = stream
    _HOST = host
    return host


def start(
    args: Sequence[str] = (),
    *,
    script: str | None = None,
    interactive: bool = False,
    attach: bool = True,
    exit_on_interrupt: bool = False,
) -> Host:
    """Start (once) the embedded R with the rkeras package loaded; returns the host.

    ``args`` become ``commandArgs(trailingOnly = TRUE)``; they, ``script`` and
    ``interactive`` only matter for the first call in a process. ``exit_on_interrupt``
    (the command line's choice) makes Ctrl-C during the start end the process with status 130
    (:class:`StartupInterrupts`); otherwise it raises KeyboardInterrupt as usual.
    """
    global _HOST
    if _HOST is None and r_is_running():  # R is the host: attach to it and load the package
        attach_r()
        code = "suppressPackageStartupMessages(library(rkeras))" if attach else "loadNamespace('rkeras')"
        with openrlib.rlock:
            ri.evalr(f"{{ {code}; rkeras:::.rk_connect() }}")
        return _HOST  # type: ignore[return-value]
    if _HOST is None:
        guard = StartupInterrupts() if exit_on_interrupt else contextlib.nullcontext()
        with guard as armed:
            _keras.preload()
            host = Host()
            host._start(args, script, interactive, attach, armed)
            _HOST = host
            atexit.register(_shutdown)
    return _HOST


def _r_set_seed(seed: int) -> None:
    """``set_random_seed()``'s hook while R runs: keras3 seeds R too (``set.seed(seed)``)."""
    with convert.r_lock():
        ri.baseenv.find("set.seed")(ri.IntSexpVector([int(seed)]))


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
            environment.set_seed_hook(None)
            tfdatasets.set_formula_hook(None)
            convert.uninstall()
            _CLOSURES.clear()
            gc.collect()
            embedded.endr(0)
    except Exception:  # noqa: BLE001 - nothing useful to do this late
        pass


def host() -> Host | None:
    """The running host, if any."""
    return _HOST


__all__ = ["start", "attach_r", "host", "Host"]
