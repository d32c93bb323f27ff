"""The ``rkeras`` command.

* ``rkeras run script.R [args...]``: run an R script as Rscript does, inside the
  rkeras host (``rkeras`` attached; ``library(keras3)`` etc. load it);
  ``rkeras run -e 'expr'`` runs an expression. Exits 1 on an uncaught R error.
* ``rkeras repl``: an interactive R console with the bridge.
* ``rkeras test [DIR]``: run testthat tests (default ``tests/testthat``) in the host.
* ``rkeras install-r [--lib DIR] [--python PY]``: install the R packages (rkeras and the
  keras/keras3/kerasR/tensorflow/tfdatasets aliases) into R's user library (or DIR), recording
  this Python, so that
  ``library(keras3)`` works in plain R (Rscript, R, knitr) too.
* ``rkeras doctor``: versions and checks (R, rpy2, Keras, the R packages).
* ``rkeras port script.R [-o script.py] [--check]``: translate an R Keras script to Python on
  rkeras's R-style API (exit status 3 when blocks are left untranslated; ``--help``).
* ``rkeras codegen [--check]``: regenerate the R wrappers (``python -m rkeras.codegen``).

Importing this module is cheap: R and Keras start only when a command needs them.
"""

from __future__ import annotations

import os
import signal
import sys


def _exit_130(signum: int, frame: object) -> None:
    os._exit(130)


# Run as the command (`rkeras ...`, `python -m rkeras.cli ...`): a Ctrl-C while this module's own
# imports run exits 130 too, before main() arms the start-up handler (host/signals.py).
if os.path.basename(sys.argv[0] if sys.argv else "") in ("rkeras", "cli.py"):
    signal.signal(signal.SIGINT, _exit_130)

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402


def _host(args: Sequence[str] = (), script: str | None = None, interactive: bool = False) -> object:
    """Start the host (TensorFlow's import overlaps rpy2's and R's start-up); Ctrl-C from here
    until R code runs ends the process with status 130."""
    from .host.bridge import start

    return start(args, script=script, interactive=interactive, exit_on_interrupt=True)


def cmd_run(ns: argparse.Namespace) -> int:
    if not ns.expr and not ns.script:
        print("rkeras run: give a script (rkeras run script.R [args...]) or -e EXPR", file=sys.stderr)
        return 2
    script_args = list(ns.args)
    if ns.expr and ns.script:  # with -e, the "script" is the first trailing argument (as Rscript)
        script_args.insert(0, ns.script)
        ns.script = None
    if ns.script and not Path(ns.script).is_file():
        print(f"rkeras run: file not found: {ns.script}", file=sys.stderr)
        return 2
    code = "\n".join(ns.expr) if ns.expr else Path(ns.script).read_text(errors="replace")
    _plan_preload(code)
    host = _host(script_args, script=ns.script)
    if ns.expr:
        return host.run_text("\n".join(ns.expr))  # type: ignore[attr-defined, no-any-return]
    return host.run_file(ns.script)  # type: ignore[attr-defined, no-any-return]


_USE_BACKEND = re.compile(r"\b(?:use_backend|config_set_backend)\s*\(")
# What may come before a first statement `use_backend("jax")`: blank lines, comments and
# library()/require() of the R packages rkeras provides (none of which loads Keras).
_LEADING = re.compile(r"[ \t]*(#[^\n]*|(library|require)\(\s*"
                      r"""["']?(keras3|keras|kerasR|rkeras|tensorflow|tfdatasets)["']?"""
                      r"""\s*\)[ \t]*;?)?[ \t]*(\n|$)""")
_FIRST_USE_BACKEND = re.compile(r"""use_backend\(\s*(?:backend\s*=\s*)?["'](\w+)["']\s*\)[ \t]*(;|\n|$)""")


def _plan_preload(code: str) -> None:
    """Keep the host's preload (Keras imported while R starts) from fixing the backend before R
    code that calls use_backend() runs (docs/DESIGN-NOTES.md, Backends): when the code's first
    statement is ``use_backend("NAME")`` with an installed backend, set KERAS_BACKEND=NAME now (what
    that statement will do first anyway) and preload that backend; when use_backend() is called
    anywhere else, no preload."""
    if not _USE_BACKEND.search(code):
        return
    from .api import _keras
    from .api.environment import BACKENDS

    rest = code
    while rest and (m := _LEADING.match(rest)) and m.end() > 0:
        rest = rest[m.end():]
    first = _FIRST_USE_BACKEND.match(rest)
    name = first.group(1) if first else None
    if name in BACKENDS and importlib.util.find_spec(BACKENDS[name]) is not None:
        os.environ["KERAS_BACKEND"] = name
        return
    _keras.hold_preload("the R code calls use_backend()")


def cmd_repl(ns: argparse.Namespace) -> int:
    host = _host(ns.args, interactive=True)
    return host.repl(banner=not ns.quiet)  # type: ignore[attr-defined, no-any-return]


def _r_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


TEST_DRIVER = """
res <- testthat::test_dir({path}, filter = {filter}, reporter = {reporter}, stop_on_failure = FALSE,
                          stop_on_warning = FALSE, load_package = "none")
df <- as.data.frame(res)
counts <- c(tests = nrow(df), expectations = sum(df$nb), passed = sum(df$passed), failed = sum(df$failed),
            skipped = sum(df$skipped), errors = sum(df$error), warnings = sum(df$warning))
cat(sprintf("\\nRKERAS_TESTTHAT %s\\n", paste(names(counts), counts, sep = "=", collapse = " ")))
if (counts[["failed"]] > 0 || counts[["errors"]] > 0) quit(save = "no", status = 1)
"""


def cmd_test(ns: argparse.Namespace) -> int:
    path = Path(ns.path or "tests/testthat")
    if not path.is_dir():
        print(f"rkeras test: no such folder: {path}", file=sys.stderr)
        return 2
    code = TEST_DRIVER.format(path=_r_string(str(path.resolve())),
                              filter="NULL" if not ns.filter else _r_string(ns.filter),
                              reporter=_r_string(ns.reporter))
    os.environ["RKERAS_TEST_HOOKS"] = "1"  # the testthat suite inspects conversions
    host = _host()
    return host.run_text(code)  # type: ignore[attr-defined, no-any-return]


def cmd_install_r(ns: argparse.Namespace) -> int:
    from .errors import RKerasError
    from .host import rpackage

    python = str(Path(ns.python).absolute()) if ns.python else sys.executable
    try:
        lib = rpackage.install_r(Path(ns.lib).absolute() if ns.lib else None, python=python,
                                 aliases=not ns.no_aliases, quiet=False)
    except RKerasError as err:
        print(f"rkeras install-r: {err}", file=sys.stderr)
        return 1
    names = "rkeras" + ("" if ns.no_aliases else ", keras, keras3, kerasR, tensorflow, tfdatasets")
    print(f"rkeras install-r: installed {names} into {lib}; library(rkeras) starts {python}")
    r_bin = shutil.which("Rscript")
    if r_bin:
        probe = subprocess.run([r_bin, "-e", 'cat(normalizePath(.libPaths()), sep = "\\n"); '
                                'cat("\\nRETICULATE", requireNamespace("reticulate", quietly = TRUE))'],
                               capture_output=True, text=True, stdin=subprocess.DEVNULL)
        paths = {line.strip() for line in probe.stdout.splitlines()}
        if str(lib.resolve()) not in paths:
            print(f"rkeras install-r: note: {lib} is not on R's library path; set R_LIBS={lib} "
                  "(or R_LIBS_USER) for R to find it", file=sys.stderr)
        if "RETICULATE FALSE" in probe.stdout:
            print("rkeras install-r: note: the R package reticulate is missing; library(rkeras) needs "
                  "it to start Python (Debian: apt-get install r-cran-reticulate)", file=sys.stderr)
    return 0


def _check(ok: bool, name: str, detail: str, *, warn: bool = False) -> bool:
    """Print one check; a failed ``warn`` check is reported but does not fail the doctor."""
    print(f"{'ok  ' if ok else ('warn' if warn else 'FAIL')} {name}: {detail}")
    return ok or warn


def cmd_doctor(ns: argparse.Namespace) -> int:
    from . import __version__
    from .host import rpackage
    from .tools import codegen

    good = True
    _check(True, "python", f"{platform.python_version()} ({sys.executable})")
    _check(True, "rkeras", f"{__version__} ({Path(__file__).resolve().parent})")
    r_bin = shutil.which("R")
    if r_bin:
        out = subprocess.run([r_bin, "--version"], capture_output=True, text=True).stdout.splitlines()
        good &= _check(True, "R", f"{out[0] if out else '?'} ({r_bin})")
        code = ('for (p in c("magrittr", "testthat", "ggplot2")) '
                'cat(p, requireNamespace(p, quietly = TRUE), "\\n")')
        probe = subprocess.run([r_bin, "--vanilla", "--slave", "-e", code], capture_output=True, text=True)
        for line in probe.stdout.splitlines():
            pkg, _, found = line.partition(" ")
            ok = found.strip() == "TRUE"
            missing = "missing (plots fall back to base graphics)" if pkg == "ggplot2" else "missing"
            good &= _check(ok, f"R package {pkg}", "installed" if ok else missing, warn=pkg == "ggplot2")
    else:
        good &= _check(False, "R", "not found on PATH (Debian: apt-get install r-base-core r-base-dev)")
    rpy2 = subprocess.run([sys.executable, "-c", "import rpy2, rpy2.robjects; print(rpy2.__version__)"],
                          capture_output=True, text=True)
    failure = (rpy2.stderr.strip().splitlines() or ["import failed"])[-1]
    good &= _check(rpy2.returncode == 0, "rpy2", rpy2.stdout.strip() if rpy2.returncode == 0 else
                   f"{failure} (need rpy2>=3.5.17,<3.6 on R 4.2)")
    try:
        root = rpackage.repo_root()
        stale = codegen.stale(root) if (root / "DESCRIPTION").is_file() else ["(no R sources)"]
        good &= _check(not stale, "R package sources",
                       f"{root}" + (f"; stale (run `rkeras codegen`): {', '.join(stale)}" if stale else ""),
                       warn=True)
    except Exception as err:  # noqa: BLE001 - doctor reports, never crashes
        good &= _check(False, "R package sources", str(err))
    try:
        import keras

        backend = keras.backend.backend()
        tf_version = ""
        if backend == "tensorflow":
            import tensorflow as tf

            tf_version = f", tensorflow {tf.__version__}"
        _check(True, "keras", f"{keras.__version__} (backend {backend}{tf_version})")
    except Exception as err:  # noqa: BLE001
        good &= _check(False, "keras", str(err))
    if rpy2.returncode == 0 and r_bin:
        try:
            host = _host()
            value = host.eval("format(layer_dense(units = 2L))")  # type: ignore[attr-defined]
            _check(True, "host", f"R started, rkeras attached from {host.library}; "  # type: ignore[attr-defined]
                   f"layer_dense(units = 2) -> {value}")
        except Exception as err:  # noqa: BLE001
            good &= _check(False, "host", str(err))
    data = os.environ.get("RKERAS_DATA_DIR")
    _check(True, "RKERAS_DATA_DIR", data or "unset: datasets come from ../shared/data beside the checkout "
           "if present, else the Keras cache (downloading when missing)")
    return 0 if good else 1


def cmd_port(ns: argparse.Namespace) -> int:
    from .tools.port.cli import run as port_run

    return port_run(ns)


def cmd_codegen(ns: argparse.Namespace) -> int:
    from .tools.codegen import main as codegen_main

    return codegen_main(["--check"] if ns.check else [])


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rkeras", description="Run R keras code on Keras 3 through rpy2.")
    sub = p.add_subparsers(dest="command", metavar="{run,repl,test,install-r,doctor,port,codegen}")
    run = sub.add_parser("run", help="run an R script (like Rscript)")
    run.add_argument("-e", "--expr", action="append", default=[], help="R expression to run (repeatable)")
    run.add_argument("script", nargs="?", help="the R script")
    run.add_argument("args", nargs=argparse.REMAINDER, help="arguments for commandArgs(trailingOnly = TRUE)")
    run.set_defaults(func=cmd_run)
    repl = sub.add_parser("repl", help="interactive R console with rkeras")
    repl.add_argument("-q", "--quiet", action="store_true", help="no banner")
    repl.add_argument("args", nargs=argparse.REMAINDER)
    repl.set_defaults(func=cmd_repl)
    test = sub.add_parser("test", help="run testthat tests inside the host")
    test.add_argument("path", nargs="?", help="test folder (default tests/testthat)")
    test.add_argument("--filter", help="only test files matching this regular expression")
    test.add_argument("--reporter", default="progress", help="testthat reporter (default progress)")
    test.set_defaults(func=cmd_test)
    install_r = sub.add_parser("install-r", help="install the R packages for plain R (library(keras3))")
    install_r.add_argument("--lib", help="R library folder (default: R's R_LIBS_USER, created if missing)")
    install_r.add_argument("--python", help="the Python library(rkeras) starts (default: this one)")
    install_r.add_argument("--no-aliases", action="store_true",
                           help="install only rkeras, not the keras/keras3/kerasR/tensorflow/tfdatasets "
                                "alias packages")
    install_r.set_defaults(func=cmd_install_r)
    doctor = sub.add_parser("doctor", help="print versions and check the installation")
    doctor.set_defaults(func=cmd_doctor)
    from .tools.port.cli import EXIT_CODES, add_arguments

    port = sub.add_parser("port", help="translate an R Keras script to Python (rkeras port script.R)",
                          epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(port)
    port.set_defaults(func=cmd_port)
    codegen = sub.add_parser("codegen", help="regenerate R/gen_*.R, NAMESPACE and man/ from the spec")
    codegen.add_argument("--check", action="store_true", help="exit 1 when they are stale")
    codegen.set_defaults(func=cmd_codegen)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if argv and argv[0].endswith((".R", ".r")) and Path(argv[0]).is_file():
        argv.insert(0, "run")  # `rkeras script.R` == `rkeras run script.R`
    ns = parser().parse_args(argv)
    if not getattr(ns, "func", None):
        parser().print_help()
        return 2
    try:
        if ns.func in (cmd_run, cmd_repl, cmd_test):
            # Ctrl-C before R code runs (importing rpy2, starting R and TensorFlow) exits 130 at
            # once; the host hands SIGINT to R or the console once they are there.
            from .host.signals import StartupInterrupts

            StartupInterrupts().arm()
        elif signal.getsignal(signal.SIGINT) is _exit_130:
            signal.signal(signal.SIGINT, signal.default_int_handler)  # other commands: Ctrl-C as usual
        return int(ns.func(ns))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
