"""bench/run.py's report: the R Layer() fit ratio row, and ``--merge`` (re-measured figures replace
only theirs; the earlier run's header and other figures stay, each merged one dated).

Timings are never measured here: the figures are made up and given with ``--from-json``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def bench(monkeypatch: pytest.MonkeyPatch) -> Any:
    spec = importlib.util.spec_from_file_location("rkeras_bench_run", ROOT / "bench" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "_versions", lambda: "keras X, R Y")  # no subprocesses
    return module


LEAK = {"calls": 100, "dense_calls": 10, "noop_growth_mib": 0.5, "to_categorical_growth_mib": 0.25,
        "layer_dense_growth_mib": 30.0}


def test_custom_layer_row_and_merge_keep_the_earlier_figures(bench: Any, tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    first = tmp_path / "first.json"
    first.write_text(json.dumps({"leak": LEAK, "custom_layer": {"r_layer_fit_seconds": 3.3,
                                                                "dense_fit_seconds": 3.0}}))
    bench.main(["--from-json", str(first), "--out", str(out)])
    text = out.read_text()
    row = next(line for line in text.splitlines() if "R `Layer()` Dense-like class" in line)
    assert "3.3 s" in row and "3 s (built-in, R)" in row and "1.100× the built-in's time" in row
    assert row.endswith("| ≤ 1.1× | met |  |")
    header = text.splitlines()[2]
    assert header.startswith("Written by") and "Measured later" not in text
    # re-measured custom_layer merged in: its row changes, leak's stays, the header is the first run's
    later = tmp_path / "later.json"
    later.write_text(json.dumps({"custom_layer": {"r_layer_fit_seconds": 3.6, "dense_fit_seconds": 3.0},
                                 "_merged": {"custom_layer": "2026-12-02 14:38 UTC, load 4"}}))
    bench.main(["--from-json", str(later), "--out", str(out), "--merge"])
    merged = out.read_text()
    lines = merged.splitlines()
    assert lines[2] == header
    row = next(line for line in lines if "R `Layer()` Dense-like class" in line)
    assert "1.200× the built-in's time" in row and "| MISSED |" in row
    assert "RSS growth over 10 `layer_dense()` (handles made and dropped) calls | 30.0 MiB" in merged
    note = next(line for line in lines if line.startswith("Measured later"))
    assert "`custom_layer` on 2026-12-02 14:38 UTC, load 4" in note
    assert bench._old_header(text)[0] == header  # the run it came from, in the note
    raw = json.loads(merged.split("```json\n", 1)[1].split("\n```", 1)[0])
    assert raw["leak"] == LEAK and raw["custom_layer"]["r_layer_fit_seconds"] == 3.6
    assert raw["_merged"]["_base"].startswith(header.split(" on ", 1)[1][:16])
    # merging again keeps one note line and the first run's header
    bench.main(["--from-json", str(later), "--out", str(out), "--merge"])
    again = out.read_text().splitlines()
    assert again[2] == header and sum(line.startswith("Measured later") for line in again) == 1
