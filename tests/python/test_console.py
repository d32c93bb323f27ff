"""`rkeras repl` as an R console: completion by R's own engine, plots kept after `q()`,
and plain output (no ANSI escapes, no TensorFlow start-up
log lines) when stdout is not a terminal. Each test starts one fresh process."""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rkeras.host.bridge import strip_ansi

pytestmark = pytest.mark.r

if shutil.which("R") is None:
    pytest.skip("R is needed for the console tests", allow_module_level=True)


def _read_until(fd: int, pattern: str, out: bytearray, timeout: float) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if re.search(pattern, out.decode("utf-8", "replace")):
            return True
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            out += chunk
    return bool(re.search(pattern, out.decode("utf-8", "replace")))


def test_strip_ansi_removes_progress_bar_escapes() -> None:
    bar = "\r\x1b[1m1/1\x1b[0m \x1b[32m━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m 5s/step\x08\x08"
    assert strip_ansi(bar) == "\r1/1 ━━ 0s 5s/step"


def test_repl_piped_output_is_plain(tmp_path: Path) -> None:
    """Piped: a fit's progress bar without ANSI escapes, no TensorFlow/absl start-up lines,
    summary() as wide as options(width =), the plot kept after q(), and R's completion engine
    offers argument names."""
    code = (
        "options(width = 60)\n"
        "m <- keras_model_sequential(input_shape = 3) |> layer_dense(units = 2)\n"
        "summary(m)\n"
        "m |> compile(loss = 'mse', optimizer = 'sgd')\n"
        "h <- m |> fit(matrix(runif(12), 4), matrix(runif(8), 4), epochs = 2, verbose = 1)\n"
        "plot(h)\n"
        "q()\n"
    )
    proc = subprocess.run([sys.executable, "-m", "rkeras.cli", "repl", "-q"], cwd=tmp_path, input=code,
                          capture_output=True, text=True, timeout=300)
    both = proc.stdout + proc.stderr
    assert proc.returncode == 0, both
    assert "\x1b" not in both
    assert "Epoch 2/2" in proc.stdout and "1/1" in proc.stdout  # "Epoch" lines: only for epochs > 1
    assert not re.search(r"^[IWE]\d{4} |absl::InitializeLog|oneDNN custom operations|cuda", both, re.M), both
    table = [line for line in proc.stdout.splitlines() if "Param #" in line]
    assert table and len(table[0]) == 60, table
    assert (tmp_path / "Rplots.pdf").stat().st_size > 1000


def test_r_completions_offer_functions_and_arguments() -> None:
    code = (
        "from rkeras.host import bridge\n"
        "bridge.start()\n"
        "print(bridge.r_completions('layer_den', 9))\n"
        "print(bridge.r_completions('layer_dense(uni', 15))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.strip().splitlines()[-2:]
    assert "'layer_dense'" in first and "'layer_dense_features'" in first
    assert second.startswith("['units")  # the argument comes first, as R's console offers it


def test_repl_in_a_terminal_completes_keeps_history_and_plots(tmp_path: Path) -> None:
    """Driven in a pseudo-terminal as a person types: Tab twice lists R's completions (the
    console's readline asks R's engine), the lines go to the history file, and the plot drawn
    before q() is in Rplots.pdf."""
    import pty

    history = tmp_path / "history"
    pid, fd = pty.fork()
    if pid == 0:  # the child: the console with the pty as its terminal
        os.chdir(tmp_path)
        os.environ["PWD"] = str(tmp_path)
        os.environ["RKERAS_HISTORY"] = str(history)
        os.execv(sys.executable, [sys.executable, "-m", "rkeras.cli", "repl", "-q"])
    out = bytearray()
    try:
        assert _read_until(fd, r"> $", out, 240), out.decode("utf-8", "replace")
        os.write(fd, b"layer_dens\t")  # completes the common part, "layer_dense"
        assert _read_until(fd, r"layer_dens\x07?e", out, 60), out.decode("utf-8", "replace")
        os.write(fd, b"\t\t")  # two more: the list of completions
        assert _read_until(fd, r"layer_dense_features", out, 60), out.decode("utf-8", "replace")
        os.write(fd, b"\x15")  # Ctrl-U: clear the line
        mark = len(out)
        os.write(fd, b"x <- 41 + 1; x\n")
        assert _read_until(fd, r"\[1\] 42", out, 60), out[mark:].decode("utf-8", "replace")
        os.write(fd, b"plot(1:3, c(3, 2, 1)); cat('DRAWN', 'OK', '\\n')\n")
        assert _read_until(fd, r"DRAWN OK", out, 60), out[mark:].decode("utf-8", "replace")
        os.write(fd, b"q()\n")
        deadline = time.time() + 60
        status = None
        while time.time() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            _read_until(fd, r"$^", out, 0.2)
        assert status is not None and os.waitstatus_to_exitcode(status) == 0, out.decode("utf-8", "replace")
    finally:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    assert "x <- 41 + 1; x" in history.read_text()
    assert (tmp_path / "Rplots.pdf").stat().st_size > 1000
