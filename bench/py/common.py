"""Shared by the Python benchmark scripts: peak-memory reset and one JSON result line."""

import json


def peak_reset() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def status_kib(field: str) -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return float(line.split()[1])
    return float("nan")


def result(**values: float) -> None:
    print("BENCH " + json.dumps(values), flush=True)
