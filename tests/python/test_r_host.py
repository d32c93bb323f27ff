"""The R host: `rkeras run` / `repl` / `test` / `doctor` in subprocesses, the testthat suite
(tests/testthat, run inside the host) and the R package's `R CMD build` + `R CMD check`.

Every test starts a fresh process: R can be started only once per process.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.r

R_BIN = shutil.which("R")


def _rpy2_works() -> bool:
    if R_BIN is None:
        return False
    proc = subprocess.run([sys.executable, "-c", "import rpy2.rinterface"], capture_output=True, timeout=120)
    return proc.returncode == 0


if not _rpy2_works():
    pytest.skip("R and rpy2 (>=3.5.17,<3.6) are needed for the R host tests", allow_module_level=True)


def rkeras(*args: str, cwd: Path, timeout: float = 300, input: str | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rkeras.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, input=input if input is not None else "",
                          env=dict(os.environ, **(env or {})))


def script(tmp_path: Path, text: str, name: str = "script.R") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- the testthat suite


def test_testthat_suite(repo_root: Path) -> None:
    """tests/testthat/*.R inside the host: no failures, no errors (counts are printed)."""
    start = time.time()
    proc = rkeras("test", "tests/testthat", "--reporter", "summary", cwd=repo_root, timeout=600)
    elapsed = time.time() - start
    match = re.search(r"RKERAS_TESTTHAT (.+)", proc.stdout)
    assert match, f"no summary line\nstdout:\n{proc.stdout[-4000:]}\nstderr:\n{proc.stderr[-4000:]}"
    counts = {k: int(v) for k, v in (item.split("=") for item in match.group(1).split())}
    print(f"\ntestthat in the rkeras host: {counts} in {elapsed:.1f} s")
    assert counts["failed"] == 0 and counts["errors"] == 0, proc.stdout[-6000:]
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert counts["expectations"] >= 200
    mnist = Path(os.environ.get("RKERAS_DATA_DIR", "")) / "mnist.npz"
    if mnist.is_file():
        assert counts["skipped"] == 0, proc.stdout[-6000:]


# ----------------------------------------------------------------------------- rkeras run


def test_run_prints_visible_values_like_rscript(tmp_path: Path, repo_root: Path) -> None:
    path = script(tmp_path, "1 + 1\nx <- 5\ninvisible(7)\nx\nf <- function() invisible(8)\nf()\n"
                            "cat('done\\n')\nlist(a = 1)\n")
    proc = rkeras("run", str(path), cwd=repo_root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "[1] 2\n[1] 5\ndone\n$a\n[1] 1\n\n"


def test_run_error_exits_nonzero_with_message(tmp_path: Path, repo_root: Path) -> None:
    path = script(tmp_path, "cat('before\\n')\nstop('boom')\ncat('after\\n')\n")
    proc = rkeras("run", str(path), cwd=repo_root)
    assert proc.returncode == 1
    assert proc.stdout == "before\n"
    assert "Error: boom" in proc.stderr
    assert "Execution halted" in proc.stderr
    path = script(tmp_path, "f <- function() stop('inner boom')\nf()\n", "f.R")
    proc = rkeras("run", str(path), cwd=repo_root)
    assert proc.returncode == 1
    assert "Error in f() : inner boom" in proc.stderr


def test_run_python_error_reaches_r(tmp_path: Path, repo_root: Path) -> None:
    path = script(tmp_path, "layer_dense(units = 2.5)\n")
    proc = rkeras("run", str(path), cwd=repo_root)
    assert proc.returncode == 1
    assert "Error: layer_dense(): `units` must be a whole number, got 2.5" in proc.stderr


def test_runaway_recursion_is_an_r_error_not_a_crash(repo_root: Path) -> None:
    proc = rkeras("run", "-e", "f <- function(n) 1 + f(n + 1); f(1)", cwd=repo_root)
    assert proc.returncode == 1, proc.stderr
    assert re.search(r"C stack usage|nested too deeply|infinite recursion", proc.stderr), proc.stderr


def test_run_command_args(tmp_path: Path, repo_root: Path) -> None:
    path = script(tmp_path, "print(commandArgs(trailingOnly = TRUE))\n"
                            "cat(interactive(), '\\n')\n")
    proc = rkeras("run", str(path), "a", "b c", "--flag", cwd=repo_root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ['[1] "a"      "b c"    "--flag"', "FALSE "]


def test_run_expression_and_quit_status(tmp_path: Path, repo_root: Path) -> None:
    proc = rkeras("run", "-e", "cat(6 * 7, '\\n')", cwd=repo_root)
    assert proc.returncode == 0 and proc.stdout == "42 \n", proc.stderr
    path = script(tmp_path, "cat('bye\\n')\nquit(status = 3)\ncat('not reached\\n')\n")
    proc = rkeras("run", str(path), cwd=repo_root)
    assert proc.returncode == 3
    assert proc.stdout == "bye\n"


def test_run_defers_warnings_like_rscript(tmp_path: Path, repo_root: Path) -> None:
    path = script(tmp_path, "f <- function() { warning('careful'); 1 }\nf()\ncat('next\\n')\n")
    proc = rkeras("run", str(path), cwd=repo_root)
    assert proc.returncode == 0
    assert proc.stdout == "[1] 1\nnext\n"
    assert "Warning message:\nIn f() : careful" in proc.stderr


def test_library_aliases_load_rkeras(tmp_path: Path, repo_root: Path) -> None:
    path = script(tmp_path, """
library(keras)
library(keras3)
library(kerasR)
cat(identical(keras3::layer_dense, rkeras::layer_dense), identical(keras::fit, rkeras::fit), "\\n")
cat(requireNamespace("kerasR", quietly = TRUE), find("layer_dense")[1], "\\n")
cat(class(keras3::layer_dense(units = 2))[1], "\\n")
cat(normalizePath(dirname(find.package("keras3"))) == normalizePath(.libPaths()[1]), "\\n")
""")
    proc = rkeras("run", str(path), cwd=repo_root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["TRUE TRUE ", "TRUE package:kerasR ", "rkeras_layer ", "TRUE "]
    assert "masked" not in proc.stderr


def test_library_is_cached_and_reinstalled_when_stale(tmp_path: Path, repo_root: Path) -> None:
    cache = tmp_path / "cache"
    env = {"RKERAS_CACHE_DIR": str(cache)}
    proc = rkeras("run", "-e", "cat(.libPaths()[1])", cwd=repo_root, env=env)
    assert proc.returncode == 0, proc.stderr
    libs = sorted(cache.glob("Rlib-*"))
    assert len(libs) == 1 and proc.stdout == str(libs[0])
    assert {p.name for p in libs[0].iterdir()} >= {"rkeras", "keras", "keras3", "kerasR", "tensorflow",
                                                   "tfdatasets"}
    stamp = (libs[0] / ".complete").stat().st_mtime
    proc = rkeras("run", "-e", "cat(.libPaths()[1])", cwd=repo_root, env=env)
    assert proc.stdout == str(libs[0]) and (libs[0] / ".complete").stat().st_mtime == stamp
    # a changed R source means another library
    source = tmp_path / "src"
    shutil.copytree(repo_root / "R", source / "R")
    for name in ("DESCRIPTION", "NAMESPACE", "LICENSE"):
        shutil.copy(repo_root / name, source / name)
    shutil.copytree(repo_root / "man", source / "man")
    with open(source / "R" / "bridge.R", "a", encoding="utf-8") as fh:
        fh.write("\n.rk_test_marker <- function() 42\n")
    proc = rkeras("run", "-e", "cat(rkeras:::.rk_test_marker())", cwd=repo_root,
                  env=dict(env, RKERAS_R_SOURCE=str(source)))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "42"
    assert len(list(cache.glob("Rlib-*"))) == 2


# ----------------------------------------------------------------------------- rkeras repl


class Console:
    """`rkeras repl` in a subprocess, its output read as it comes (no fixed sleeps: each step waits
    for the output that shows the console got there)."""

    def __init__(self, cwd: Path, *args: str) -> None:
        import threading

        self.proc = subprocess.Popen([sys.executable, "-m", "rkeras.cli", "repl", "-q", *args], cwd=cwd,
                                     text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, bufsize=1)
        self.out: list[str] = []
        self.err: list[str] = []
        self.threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, self.out), daemon=True),
                        threading.Thread(target=self._pump, args=(self.proc.stderr, self.err), daemon=True)]
        for t in self.threads:
            t.start()

    @staticmethod
    def _pump(stream: Any, sink: list[str]) -> None:
        while True:
            chunk = stream.read(1)
            if not chunk:
                return
            sink.append(chunk)

    @property
    def stdout(self) -> str:
        return "".join(self.out)

    @property
    def stderr(self) -> str:
        return "".join(self.err)

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def wait_for(self, text: str, count: int = 1, timeout: float = 120, stream: str = "stdout") -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if getattr(self, stream).count(text) >= count:
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{text!r} x{count} not seen on {stream} (exit {self.proc.poll()})\n"
                             f"stdout:\n{self.stdout[-3000:]}\nstderr:\n{self.stderr[-3000:]}")

    def wait_idle(self, timeout: float = 30) -> None:
        """Wait for the console to sit at a fresh prompt."""
        deadline = time.time() + timeout
        while not self.stdout.endswith("> ") and time.time() < deadline and self.proc.poll() is None:
            time.sleep(0.05)
        assert self.stdout.endswith("> "), f"no prompt\nstdout:\n{self.stdout[-2000:]}\n{self.stderr[-2000:]}"

    def interrupt(self, timeout: float = 30) -> None:
        """Ctrl-C, then wait for the console to show a fresh prompt (a line sent before that could
        be read by the interrupted `input()` and dropped, as a terminal drops a line on Ctrl-C)."""
        prompts = self.stdout.count("> ")
        self.proc.send_signal(signal.SIGINT)
        self.wait_for("> ", count=prompts + 1, timeout=timeout)
        self.wait_idle(timeout)

    def close(self, timeout: float = 60) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            for t in self.threads:
                t.join(timeout=5)


def test_repl_continuation_errors_and_interrupts(repo_root: Path) -> None:
    console = Console(repo_root)
    try:
        console.wait_for("> ")  # the console is ready
        for line in ("x <- 1 +", "2", "x", "stop('oops')", "x * 2"):
            console.send(line)
        console.wait_for("[1] 6")
        long_calls = ("while (TRUE) {}",  # pure R
                      "rkeras:::.rk_call('.py_eval', '__import__(\"time\").sleep(60)')",  # Python
                      "Sys.sleep(60)")
        for i, long_call in enumerate(long_calls, start=1):
            console.send(f"cat('running {i}\\n'); {long_call}")
            console.wait_for(f"running {i}")
            time.sleep(0.2)  # well inside the long call (its start is not printed)
            console.interrupt()
            console.send("cat('alive\\n')")
            console.wait_for("alive", count=i, timeout=30)
            console.wait_idle()
        # Ctrl-C at the prompt itself, twice, also comes back to the prompt
        console.interrupt()
        console.interrupt()
        console.send("cat('still here\\n')")
        console.wait_for("still here", timeout=30)
        rc = console.close()
    finally:
        if console.proc.poll() is None:
            console.proc.kill()
    out = console.stdout
    assert rc == 0, console.stderr
    assert out.startswith("> + > [1] 3\n"), out
    assert "[1] 6" in out
    assert out.count("alive") == 3
    assert "oops" in console.stderr


@pytest.mark.parametrize("delay", [0.0, 0.5, 1.5, 3.0])
def test_repl_interrupt_during_startup_exits_130(repo_root: Path, delay: float) -> None:
    """Ctrl-C while the console starts (imports, R's start, loading the package) ends it with
    status 130 at once, or, once the prompt is there, brings back the prompt: never a crash,
    a broken pipe or a hang at exit."""
    console = Console(repo_root)
    try:
        time.sleep(delay)
        console.proc.send_signal(signal.SIGINT)
        # with -q nothing but prompts is printed before a command: an interrupt at the prompt
        # shows as a newline and a fresh prompt
        deadline = time.time() + 60
        while console.proc.poll() is None and time.time() < deadline and not (
                "\n" in console.stdout and console.stdout.endswith("> ")):
            time.sleep(0.05)
        if console.proc.poll() is None:  # it was already up: the prompt comes back and it works on
            console.send("cat(6 * 7, '\\n')")
            console.wait_for("42")
            rc = console.close()
            assert rc == 0, console.stderr
        else:
            rc = console.close()
            # 130, or killed by SIGINT before Python's own start-up was done (a shell shows 130)
            assert rc in (130, -signal.SIGINT), (rc, console.stderr[-3000:])
            assert "Traceback" not in console.stderr, console.stderr[-3000:]
    finally:
        if console.proc.poll() is None:
            console.proc.kill()


# ----------------------------------------------------------------------------- doctor


def test_doctor(repo_root: Path) -> None:
    proc = rkeras("doctor", cwd=repo_root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("R:", "rpy2:", "keras:", "host:"):
        assert re.search(rf"^ok\s+{name}", proc.stdout, re.MULTILINE), proc.stdout


# ----------------------------------------------------------------------------- R CMD build / check


@pytest.mark.slow
def test_r_cmd_build_install_check(repo_root: Path) -> None:
    """The R package builds, installs and passes R CMD check (tests skip outside the host)."""
    from rkeras.host import rpackage

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rpackage.stage(work / "rkeras", repo_root, with_tests=True)
        build = subprocess.run([R_BIN, "CMD", "build", "rkeras"], cwd=work, capture_output=True, text=True,
                               timeout=300)
        assert build.returncode == 0, build.stdout + build.stderr
        tarball = next(work.glob("rkeras_*.tar.gz"))
        lib = work / "lib"
        lib.mkdir()
        install = subprocess.run([R_BIN, "CMD", "INSTALL", f"--library={lib}", tarball.name], cwd=work,
                                 capture_output=True, text=True, timeout=300)
        assert install.returncode == 0, install.stdout + install.stderr
        check = subprocess.run([R_BIN, "CMD", "check", "--no-manual", tarball.name], cwd=work,
                               capture_output=True, text=True, timeout=600,
                               env=dict(os.environ, _R_CHECK_FORCE_SUGGESTS_="false"))
        log = check.stdout + check.stderr
        assert check.returncode == 0, log
        status = re.search(r"^Status: (.+)$", log, re.MULTILINE)
        assert status and "ERROR" not in status.group(1) and "WARNING" not in status.group(1), log
