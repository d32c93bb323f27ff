"""Ctrl-C while a command-line host starts (:class:`StartupInterrupts`), and an interrupt on its
way to the dispatcher when R is the host (:data:`DISPATCH_INTERRUPT`). Imports nothing heavy
(no rpy2), so the command line can arm it before it imports the host."""

from __future__ import annotations

import _thread
import contextlib
import os
import signal
import sys
import threading
from typing import Any


class StartupInterrupts:
    """Ctrl-C while a command-line host starts (imports, R's start, loading the R package) ends
    the process at once with status 130, as a shell expects, instead of surfacing as a
    KeyboardInterrupt in whatever half-started piece of R, rpy2 or TensorFlow it lands in (which
    could leave R half-attached or hang at exit with TensorFlow's import still running).

    rpy2 resets SIGINT to Python's default while R starts, so :meth:`arm` is called again after
    that. Leaving the block restores the handler that was there before (Python's default when
    the command line had armed it before the host was imported)."""

    def __init__(self) -> None:
        self.previous: Any = None

    @staticmethod
    def _handler(signum: int, frame: Any) -> None:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.write("\n")
            sys.stderr.flush()
        os._exit(130)

    def arm(self) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, self._handler)

    def __enter__(self) -> StartupInterrupts:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.getsignal(signal.SIGINT)
        self.arm()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            # armed earlier by the command line too: the start is over, Python's default again
            same = self.previous == StartupInterrupts._handler
            signal.signal(signal.SIGINT, signal.default_int_handler if same else self.previous)



class PendingInterrupt:
    """A KeyboardInterrupt raised for R in Python code called by the dispatcher, until the
    dispatcher receives it (:meth:`delivered`). C code that swallows exceptions (TensorFlow's
    fast paths call Python properties) would otherwise lose it, and a fit would run on: while
    pending, a timer re-sends SIGINT to the main thread's Python handler."""

    def __init__(self) -> None:
        self.pending = False
        self._timer: threading.Timer | None = None

    def arm(self, delay: float) -> None:
        self.pending = True
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(delay, self._resend)
        self._timer.daemon = True
        self._timer.start()

    def _resend(self) -> None:
        if self.pending:
            _thread.interrupt_main(signal.SIGINT)

    def delivered(self) -> None:
        self.pending = False
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


DISPATCH_INTERRUPT = PendingInterrupt()
