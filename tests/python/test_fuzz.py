"""The fuzzer (issue 13): random R values through the exported functions of the spec rows, from R
(one ``rkeras run`` process) and from Python, with a fixed seed. No call may kill the process;
the counts (clean error / R's own argument error / unclear error / success / crash) are printed
and, under ``make soak`` (``RKERAS_FUZZ_CALLS=100000``), recorded for tests/RELIABILITY.md.

CI runs a few hundred calls (seconds); ``RKERAS_FUZZ_SAMPLE=N`` fuzzes every N-th function only.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import fuzz_driver  # noqa: E402
from reliability_out import record  # noqa: E402

CALLS = int(os.environ.get("RKERAS_FUZZ_CALLS") or 0)
SAMPLE = int(os.environ.get("RKERAS_FUZZ_SAMPLE") or 1)


def _check(name: str, result: dict[str, object], calls: int) -> None:
    counts = result["counts"]
    assert isinstance(counts, dict)
    print(name, result["calls"], counts)
    for line in list(result["unclear"])[:20]:  # type: ignore[call-overload]
        print("  unclear:", line)
    record(name, result)
    assert result["crashes"] == [], result["crashes"]
    seen = sum(v for k, v in counts.items() if k != "crash")
    assert seen == calls, (seen, calls)
    # the fuzzer reaches the functions: most random calls are bad input, and get a clean error
    assert counts["clean"] > calls // 3, counts
    assert counts["success"] > 0, counts


def test_fuzz_python() -> None:
    calls = CALLS or 200
    _check("fuzz_python", fuzz_driver.run_python(calls, fixed_seed=13, sample=SAMPLE), calls)


@pytest.mark.r
@pytest.mark.skipif(shutil.which("R") is None, reason="needs R")
def test_fuzz_r() -> None:
    calls = CALLS or 150
    _check("fuzz_r", fuzz_driver.run_r(calls, fixed_seed=13, sample=SAMPLE), calls)
