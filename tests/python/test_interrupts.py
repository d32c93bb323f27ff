"""Ctrl-C during fit() and predict() in `rkeras repl`, driven in a pseudo-terminal (issue 13).

The console runs on a pty (``pty.fork``: the pty is its controlling terminal), so Ctrl-C is what a
user sends: the byte ``\\x03``, turned into SIGINT by the terminal driver. Each trial starts a
long fit (or predict), waits until a callback shows it is running, presses Ctrl-C and then
requires the prompt back and the model still usable (a predict of the right shape).
``RKERAS_SOAK_TRIALS`` sets the number of trials (3 here, 50 under ``make soak``), alternating fit
and predict; the counts are recorded for tests/RELIABILITY.md.
"""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from reliability_out import record  # noqa: E402

pytestmark = [pytest.mark.r, pytest.mark.skipif(shutil.which("R") is None, reason="needs R")]

TRIALS = int(os.environ.get("RKERAS_SOAK_TRIALS") or 3)

SETUP = (
    'm <- keras_model_sequential(input_shape = 4) |> layer_dense(units = 2); '
    'm |> compile(optimizer = "sgd", loss = "mse"); '
    'x <- matrix(runif(32), 8, 4); y <- matrix(runif(16), 8, 2); '
    'xbig <- matrix(runif(400000), 100000, 4); '
    'cb_fit <- callback_lambda(on_epoch_end = function(epoch, logs) '
    'if (epoch == 2) cat("RUN", "NING", "\\n")); '
    'cb_pred <- callback_lambda(on_predict_batch_end = function(batch, logs) '
    'if (batch == 2) cat("RUN", "NING", "\\n")); '
    'cat("READY", "SET", "\\n")'
)
FIT = "h <- fit(m, x, y, epochs = 1000000, batch_size = 4, verbose = 0, callbacks = list(cb_fit))"
PREDICT = "p <- predict(m, xbig, batch_size = 2, verbose = 0, callbacks = list(cb_pred))"


class PtyConsole:
    def __init__(self, cwd: Path) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: the console, with the pty as its terminal
            os.chdir(cwd)
            os.execv(sys.executable, [sys.executable, "-m", "rkeras.cli", "repl", "-q"])
        self.pid, self.fd = pid, fd
        self.buf = ""

    def read(self, timeout: float = 0.1) -> None:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if ready:
            try:
                self.buf += os.read(self.fd, 65536).decode("utf-8", "replace")
            except OSError:
                pass

    def wait_for(self, pattern: str, start: int = 0, timeout: float = 120) -> int:
        """Wait until ``pattern`` (a regex) appears after ``start``; its end's offset."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            match = re.compile(pattern).search(self.buf, start)
            if match:
                return match.end()
            self.read()
        raise AssertionError(f"{pattern!r} not seen in {timeout} s; output:\n{self.buf[-3000:]}")

    def send(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def close(self) -> None:
        try:
            self.send("q('no')\n")
            deadline = time.time() + 30
            while time.time() < deadline:
                done, _ = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    break
                self.read()
            else:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)


def test_ctrl_c_during_fit_and_predict_returns_to_a_usable_prompt(repo_root: Path) -> None:
    console = PtyConsole(repo_root)
    results = {"trials": 0, "returned_to_prompt": 0, "model_usable": 0, "ignored": 0}
    try:
        pos = console.wait_for(r"> $", timeout=180)
        console.send(SETUP + "\n")
        pos = console.wait_for(r"READY SET", pos)
        for trial in range(TRIALS):
            pos = console.wait_for(r"> ", pos)
            console.send((FIT if trial % 2 == 0 else PREDICT) + "\n")
            pos = console.wait_for(r"RUN NING", pos, timeout=120)  # it is running
            console.send("\x03")  # Ctrl-C
            results["trials"] += 1
            try:
                pos = console.wait_for(r"\n> ", pos, timeout=60)
            except AssertionError:
                results["ignored"] += 1
                raise
            results["returned_to_prompt"] += 1
            console.send(f'cat("USABLE", {trial}, dim(predict(m, x, verbose = 0)), "\\n")\n')
            pos = console.wait_for(rf"USABLE {trial} 8 2", pos, timeout=60)
            results["model_usable"] += 1
    finally:
        print(results)
        record("interrupts", results)
        console.close()
    assert results == {"trials": TRIALS, "returned_to_prompt": TRIALS, "model_usable": TRIALS, "ignored": 0}
