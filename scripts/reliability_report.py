"""Write tests/RELIABILITY.md from the counts the reliability runs recorded (``make soak``).

Usage: ``python scripts/reliability_report.py <folder of .json records> <output .md>``. The records
are written by the tests when ``RKERAS_RELIABILITY_OUT`` names the folder
(``tests/python/reliability_out.py``, and the R tests ``test-bad-inputs.R`` / ``test-reliability.R``).
A run that did not record (it failed before, or was not part of the run) shows as "not run".
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any


def _load(folder: Path, name: str) -> dict[str, Any] | None:
    path = folder / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def report(folder: Path) -> str:
    out = ["# Reliability results", "",
           f"Written by `make soak` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC "
           "(`scripts/reliability_report.py`); CI runs the same tests with small counts.", ""]

    out += ["## Bad inputs (the tables)", "", "| table | inputs | clear error | unclear |",
            "|---|---|---|---|"]
    for name, label in (("bad_inputs_r", "R (`tests/testthat/test-bad-inputs.R`)"),
                        ("bad_inputs_python", "Python (`tests/python/test_bad_inputs.py`)")):
        rec = _load(folder, name)
        out.append(f"| {label} | {rec['inputs']} | {rec['clear']} | {rec['unclear']} |" if rec
                   else f"| {label} | not run | | |")
    out.append("")

    out += ["## Fuzzer (`tests/python/test_fuzz.py`)", "",
            "| from | calls | clean error | R argument error | unclear error | success | crash |",
            "|---|---|---|---|---|---|---|"]
    unclear: list[str] = []
    for name, label in (("fuzz_r", "R (`rkeras run`)"), ("fuzz_python", "Python")):
        rec = _load(folder, name)
        if not rec:
            out.append(f"| {label} | not run | | | | | |")
            continue
        c = rec["counts"]
        out.append(f"| {label} | {rec['calls']} | {c.get('clean', 0)} | {c.get('r_error', 0)} | "
                   f"{c.get('unclear', 0)} | {c.get('success', 0)} | {c.get('crash', 0)} |")
        by_fn: dict[str, str] = {}
        for u in rec.get("unclear", []):
            by_fn.setdefault(u.split(":", 1)[0], u)
        unclear += [f"{label}: {u}" for u in list(by_fn.values())[:15]]
        unclear += [f"{label}: CRASH in {u}" for u in rec.get("crashes", [])]
    if unclear:
        out += ["", "Examples of unclear errors (the first for each function, truncated):", ""]
        out += [f"- {u[:200].replace('|', '/')}" for u in unclear]
    out.append("")

    out += ["## Handle soak (`test-reliability.R`)", ""]
    rec = _load(folder, "handle_soak")
    out.append(f"{rec['handles']} `layer_dense()` handles created and released: resident memory "
               f"{rec['rss_before_mib']} -> {rec['rss_after_mib']} MiB ({rec['growth_mib']:+} MiB, "
               f"bound 20 MiB), {rec['seconds']} s." if rec else "not run")
    out.append("")

    out += ["## Kill during save (`tests/python/test_reliability.py`)", "",
            "| format | trials | old file intact | corrupt |", "|---|---|---|---|"]
    for kind in ("keras", "h5", "weights", "weights_h5"):
        rec = _load(folder, f"kill_save_{kind}")
        out.append(f"| {kind} | {rec['trials']} | {rec['intact']} | {rec['corrupt']} |" if rec
                   else f"| {kind} | not run | | |")
    out.append("")

    out += ["## Ctrl-C in the repl (`tests/python/test_interrupts.py`, a pseudo-terminal)", ""]
    rec = _load(folder, "interrupts")
    out.append(f"{rec['trials']} interrupts during fit()/predict(): {rec['returned_to_prompt']} returned to "
               f"the prompt, {rec['model_usable']} left the model usable, {rec['ignored']} ignored."
               if rec else "not run")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(report(Path(sys.argv[1])), encoding="utf-8")
    print(f"wrote {sys.argv[2]}")
