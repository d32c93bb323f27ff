"""``rkeras port script.R [-o script.py] [--check]``: the command line of :mod:`rkeras.tools.port`."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import translate
from .rparse import RParseError

EXIT_CODES = """exit status:
  0  translated (with --check: every number printed agrees)
  1  --check: the numbers differ, or a run failed
  2  usage error, file not found, or R cannot parse the script
  3  some blocks are not translated (kept as comments; the count is printed)"""

DEFAULT_SEED = 1234
DEFAULT_TOLERANCE = 1e-4


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("script", help="the R script")
    p.add_argument("-o", "--output", help="write the Python script here (default: standard output)")
    p.add_argument(
        "--check",
        action="store_true",
        help="run the R script (rkeras run) and the translation (python) with the same seed and "
        "compare every number each prints",
    )
    p.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE,
        help=f"relative tolerance of --check (default {DEFAULT_TOLERANCE:g})",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"the seed both runs start with: set_random_seed(seed) (default {DEFAULT_SEED})",
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="rkeras port",
        description="Translate an R Keras script to Python on rkeras's R-style API.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(p)
    return p


# --------------------------------------------------------------------------- --check

_PROGRESS = re.compile(r"━|\bstep\b|/step|\bETA\b|^Epoch \d+/\d+")
_LABELS = re.compile(r"\[\[\d+\]\]|\[\d*,?\d*\]|^, , [\d, ]+$")
_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w.])")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Number:
    value: float
    text: str
    line: int
    source: str


def numbers(output: str) -> list[Number]:
    """The numbers a run printed, in order, without Keras's progress lines and R's index labels."""
    out = []
    for no, raw in enumerate(_ANSI.sub("", output).replace("\r", "\n").splitlines(), 1):
        if _PROGRESS.search(raw):
            continue
        line = _LABELS.sub(" ", raw)
        for m in _NUMBER.finditer(line):
            out.append(Number(float(m.group()), m.group(), no, raw.strip()))
    return out


def compare(r_out: str, py_out: str, tolerance: float) -> list[str]:
    """Differences between the numbers R and Python printed, one line each (empty: they agree)."""
    a, b = numbers(r_out), numbers(py_out)
    diffs = []
    for x, y in zip(a, b, strict=False):
        scale = max(abs(x.value), abs(y.value))
        if abs(x.value - y.value) > tolerance * scale and not (x.value == y.value):
            diffs.append(
                f"R line {x.line}: {x.text} ({x.source[:60]!r})  vs  Python line {y.line}: "
                f"{y.text} ({y.source[:60]!r})"
            )
    if len(a) != len(b):
        longer, name = (a, "R") if len(a) > len(b) else (b, "Python")
        extra = longer[min(len(a), len(b))]
        diffs.append(
            f"R printed {len(a)} numbers, Python {len(b)}; {name} goes on at its line {extra.line}: "
            f"{extra.source[:80]!r}"
        )
    return diffs


# The wide console keeps R from wrapping printed numbers; summary() tables stay at Keras's own width
# (option rkeras.summary.width = NA), as the Python side prints them.
R_DRIVER = """options(width = 10000, max.print = 1e7, rkeras.summary.width = NA)
set_random_seed({seed})
source({script}, print.eval = TRUE, echo = FALSE)
"""
PY_DRIVER = """import runpy, sys
import numpy as np
np.set_printoptions(threshold=sys.maxsize, linewidth=10000)
from rkeras import set_random_seed
from rkeras.rbase import set_seed
set_random_seed({seed})
set_seed({seed})
runpy.run_path({script}, run_name="__main__")
"""


def _run(cmd: list[str], env: dict[str, str], timeout: float, cwd: str) -> tuple[int, str, str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr


def check(
    script: Path, code: str, seed: int, tolerance: float, timeout: float = 1800
) -> tuple[int, list[str]]:
    """Run the R script and its translation; (exit status, report lines)."""
    env = dict(os.environ)
    env.setdefault("MPLBACKEND", "Agg")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    root = str(Path(__file__).resolve().parents[3])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    report = []
    with tempfile.TemporaryDirectory(prefix="rkeras-port-") as tmp:
        t = Path(tmp)
        driver_r = t / "driver.R"
        s = str(script.resolve()).replace("\\", "\\\\").replace('"', '\\"')
        driver_r.write_text(R_DRIVER.format(seed=seed, script=f'"{s}"'), encoding="utf-8")
        py = t / (script.stem + ".py")
        py.write_text(code, encoding="utf-8")
        driver_py = t / "driver.py"
        driver_py.write_text(PY_DRIVER.format(seed=seed, script=repr(str(py))), encoding="utf-8")
        rc_r, out_r, err_r = _run(
            [sys.executable, "-m", "rkeras.cli", "run", str(driver_r)], env, timeout, tmp
        )
        rc_p, out_p, err_p = _run([sys.executable, str(driver_py)], env, timeout, tmp)
    failed = False
    for name, rc, err in (("R", rc_r, err_r), ("Python", rc_p, err_p)):
        if rc != 0:
            failed = True
            report.append(f"the {name} run failed (exit status {rc}):")
            report += ["  " + line for line in err.strip().splitlines()[-15:]]
    diffs = compare(out_r, out_p, tolerance)
    n = len(numbers(out_r))
    if diffs:
        report.append(
            f"{len(diffs)} difference(s) in the printed numbers (relative tolerance {tolerance:g}):"
        )
        report += ["  " + d for d in diffs]
    else:
        report.append(f"the {n} numbers R and Python printed agree (relative tolerance {tolerance:g})")
    return (1 if failed or diffs else 0), report


# --------------------------------------------------------------------------- the command


def run(ns: argparse.Namespace) -> int:
    script = Path(ns.script)
    if not script.is_file():
        print(f"rkeras port: file not found: {script}", file=sys.stderr)
        return 2
    try:
        result = translate(script.read_text(encoding="utf-8", errors="replace"))
    except RParseError as err:
        print(str(err), file=sys.stderr)
        return 2
    if ns.output:
        Path(ns.output).write_text(result.code, encoding="utf-8")
    elif not ns.check:
        sys.stdout.write(result.code)
    status = 0
    if result.untranslated_blocks:
        print(
            f"rkeras port: {result.untranslated_blocks} block(s) not translated (kept as comments):",
            file=sys.stderr,
        )
        for why in result.reasons:
            print(f"  {why}", file=sys.stderr)
        status = 3
    if ns.check:
        rc, report = check(script, result.code, ns.seed, ns.tolerance)
        for line in report:
            print(f"rkeras port --check: {line}")
        status = status or rc
    return status


def main(argv: Sequence[str] | None = None) -> int:
    return run(parser().parse_args(argv))
