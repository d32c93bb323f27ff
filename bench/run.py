"""rkeras benchmarks: R through rkeras vs pure Python Keras, measured in the same run.

``make bench`` (or ``python bench/run.py [--runs N] [--only NAME]``) runs every benchmark
pair (``calls``, ``reshape``, ``fit_predict``, ``startup``) N times (default 3) in fresh
processes, R and Python interleaved, and reports median (min–max); then, once each, the
single-process benchmarks: ``reticulate`` (the same calls through reticulate from Rscript),
``profile`` (bench/profile_calls.py: where one call's microseconds go), ``crossing``
(bench/crossing.py: R <-> Python conversion against a numpy copy; ``RKERAS_BENCH_BIG=1`` adds
1e8 elements), ``leak`` (RSS growth over 100k calls) and ``custom_layer`` (fit with an R-defined
Dense-like ``Layer()`` against ``layer_dense()``, both from R, in one process). Writes
bench/RESULTS.md, keeping the GPU section bench/gpu.py writes; ``--merge --only NAME`` re-measures
NAME and keeps the report's other figures (from its raw JSON), noting when each was measured.
Not part of the test suite: timings are never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RKERAS = [sys.executable, "-m", "rkeras.cli"]  # this checkout's rkeras, whatever the venv installed


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RKERAS_BENCH_DIR=str(BENCH),
        TF_CPP_MIN_LOG_LEVEL="2",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(BENCH / "py")]),
        **extra,
    )
    return env


def _parse(out: str) -> dict[str, Any]:
    for line in out.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[6:])  # type: ignore[no-any-return]
    raise RuntimeError("no BENCH line in output:\n" + out[-3000:])


def _run(cmd: list[str], what: str, cwd: Path = ROOT, **extra: str) -> dict[str, Any]:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(**extra), cwd=cwd, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return _parse(proc.stdout)


def run_r(script: str) -> dict[str, Any]:
    return _run([*RKERAS, "run", str(BENCH / "r" / script)], f"rkeras run {script}")


def run_py(script: str) -> dict[str, Any]:
    return _run([sys.executable, str(BENCH / "py" / script)], f"python {script}", cwd=BENCH / "py")


def run_inproc(script: str, *args: str) -> dict[str, Any]:
    """A script that embeds R itself (profile_calls.py, crossing.py)."""
    return _run([sys.executable, str(BENCH / script), *args], f"python {script}")


def run_reticulate(script: str) -> dict[str, Any]:
    """Plain Rscript with reticulate on this Python (the keras3 anchor's bridge)."""
    return _run(["Rscript", str(BENCH / "r" / script)], f"Rscript {script}", RETICULATE_PYTHON=sys.executable)


def _time_to_ready(cmd: list[str]) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env(), cwd=ROOT
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("BENCH_READY"):
            ready = time.perf_counter() - t0
            break
    else:
        raise RuntimeError(f"{cmd} never printed BENCH_READY")
    proc.wait(timeout=120)
    return {"seconds": ready}


def startup_r() -> dict[str, float]:
    return _time_to_ready([*RKERAS, "run", str(BENCH / "r" / "startup.R")])


def startup_py() -> dict[str, float]:
    return _time_to_ready([sys.executable, str(BENCH / "py" / "startup.py")])


# name: (R side, Python side), run --runs times each, interleaved
PAIRS: dict[str, tuple[Callable[[], dict[str, Any]], Callable[[], dict[str, Any]]]] = {
    "calls": (lambda: run_r("calls.R"), lambda: run_py("calls.py")),
    "reshape": (lambda: run_r("reshape.R"), lambda: run_py("reshape.py")),
    "fit_predict": (lambda: run_r("fit_predict.R"), lambda: run_py("fit_predict.py")),
    "startup": (startup_r, startup_py),
}
# name: one run (each holds its own repetitions)
SINGLES: dict[str, Callable[[], dict[str, Any]]] = {
    "reticulate": lambda: run_reticulate("reticulate_calls.R"),
    "profile": lambda: run_inproc("profile_calls.py"),
    "crossing": lambda: run_inproc("crossing.py"),
    "leak": lambda: run_r("leak.R"),
    # both sides in R: an R-defined Dense-like Layer() class against the built-in layer_dense()
    "custom_layer": lambda: run_r("custom_layer.R"),
}

Spread = dict[str, float]  # min, median, max


def _spread(values: list[float]) -> Spread:
    if not values:
        return {"min": float("nan"), "median": float("nan"), "max": float("nan")}
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def measure(names: list[str], runs: int, partial: Path | None = None) -> dict[str, Any]:
    """Each benchmark in turn; with ``partial``, the figures so far are saved after each one
    (``--from-json`` writes the report from them)."""
    out: dict[str, Any] = {}
    for name in names:
        if partial is not None and out:
            partial.write_text(json.dumps(out))
        if name in SINGLES:
            print(f"bench {name}", file=sys.stderr, flush=True)
            out[name] = SINGLES[name]()
            continue
        r_fn, py_fn = PAIRS[name]
        samples: dict[str, list[dict[str, float]]] = {"r": [], "py": []}
        for i in range(runs):  # interleave R and Python so drift hits both
            print(f"bench {name}: run {i + 1}/{runs}", file=sys.stderr, flush=True)
            samples["r"].append(r_fn())
            samples["py"].append(py_fn())
        out[name] = {
            side: {k: _spread([s[k] for s in vals]) for k in vals[0]} for side, vals in samples.items()
        }
        # the overhead per run (R minus Python of the same run), so its spread is the run-to-run one
        out[name]["r_minus_py"] = {
            k: _spread([r[k] - p[k] for r, p in zip(samples["r"], samples["py"], strict=True)])
            for k in samples["r"][0]
        }
        out[name]["r_over_py"] = {
            k: _spread([r[k] / p[k] for r, p in zip(samples["r"], samples["py"], strict=True) if p[k]])
            for k in samples["r"][0]
        }
    return out


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


def _versions() -> str:
    code = (
        "import keras, numpy, rpy2, tensorflow as tf; "
        "print(f'keras {keras.__version__}, tensorflow {tf.__version__}, numpy {numpy.__version__}, "
        "rpy2 {rpy2.__version__}')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env())
    r = subprocess.run(["R", "--version"], capture_output=True, text=True)
    return proc.stdout.strip() + ", " + (r.stdout.splitlines()[0] if r.stdout else "R ?")


# The keras3 anchor (keras3 through reticulate, this machine kind; issue 12) and the targets.
ANCHOR = {
    "layer_dense": "+~800 µs",
    "to_categorical": "+~225 µs",
    "predict": "1.03×",
    "startup": "1.67×",
}


def _fmt(sp: Spread, unit: str, digits: str = ".4g") -> str:
    return f"{sp['median']:{digits}} {unit} ({sp['min']:{digits}}–{sp['max']:{digits}})"


def _load() -> str:
    try:
        return ", ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def report(results: dict[str, Any], runs: int, load_before: str, header: list[str] | None = None) -> str:
    """The report; ``header`` (the lines between the title and the table) replaces the one written
    from this run (``--merge`` keeps the earlier run's, which most figures are from)."""
    rows: list[tuple[str, ...]] = []

    def add(what: str, r: str, py: str, value: str, target: str, ok: bool | None, anchor: str = "") -> None:
        verdict = "—" if ok is None else ("met" if ok else "MISSED")
        rows.append((what, r, py, value, target, verdict, anchor))

    if "calls" in results:
        c = results["calls"]
        for key, label, target, anchor in (
            ("noop_us", 'no-op bridged call (`.rk_call(".noop")`) per call', 15.0, ""),
            ("layer_dense_us", "`layer_dense(units = 4)` per call", 50.0, ANCHOR["layer_dense"]),
            ("to_categorical_us", "`to_categorical(3, 10)` per call", 50.0, ANCHOR["to_categorical"]),
        ):
            over = c["r_minus_py"][key]
            add(
                label,
                _fmt(c["r"][key], "µs"),
                _fmt(c["py"][key], "µs"),
                f"+{over['median']:.0f} µs (+{over['min']:.0f} … +{over['max']:.0f})",
                f"≤ +{target:.0f} µs",
                over["median"] <= target,
                anchor,
            )
    if "custom_layer" in results:
        cl = results["custom_layer"]
        ratio = cl["r_layer_fit_seconds"] / cl["dense_fit_seconds"]
        add("`fit` 1 epoch, batch 128, 30000×784: R `Layer()` Dense-like class vs `layer_dense()` (both R)",
            f"{cl['r_layer_fit_seconds']:.4g} s", f"{cl['dense_fit_seconds']:.4g} s (built-in, R)",
            f"{ratio:.3f}× the built-in's time", "≤ 1.1×", ratio <= 1.1)
    if "reticulate" in results:
        rt, c = results["reticulate"], results.get("calls")
        for key, label in (
            ("noop_us", "no-op"),
            ("layer_dense_us", "`Dense(4L)`"),
            ("to_categorical_us", "`to_categorical(3, 10)`"),
        ):
            py = c["py"][key]["median"] if c else float("nan")
            add(
                f"anchor measured here: reticulate {label} from Rscript",
                f"{rt[key]:.4g} µs",
                f"{py:.4g} µs",
                f"+{rt[key] - py:.0f} µs",
                "(reference)",
                None,
            )
    if "leak" in results:
        lk = results["leak"]
        for key, label, n in (
            ("noop_growth_mib", "no-op", lk["calls"]),
            ("to_categorical_growth_mib", "`to_categorical()`", lk["calls"]),
            ("layer_dense_growth_mib", "`layer_dense()` (handles made and dropped)", lk["dense_calls"]),
        ):
            add(
                f"RSS growth over {int(n)} {label} calls",
                f"{lk[key]:.1f} MiB",
                "",
                "",
                "< 20 MiB",
                lk[key] < 20,
            )
    if "crossing" in results:
        for row in results["crossing"]["rows"]:
            if row["n"] < 10**6:
                continue
            gb = row["bytes"] / 1e9
            mem = gb / row["memcpy_s"]
            for key, label in (("r2py_s", "R→Python"), ("py2r_s", "Python→R")):
                rate = gb / row[key]
                add(
                    f"{label} {row['kind']} 1e{len(str(row['n'])) - 1}",
                    f"{rate:.2f} GB/s",
                    "",
                    f"{rate / mem:.0%} of numpy copy ({mem:.2f} GB/s)"
                    + (" (zero-copy view)" if key == "r2py_s" and row["kind"] == "double" else ""),
                    "≥ 50%",
                    rate >= 0.5 * mem,
                )
    if "reshape" in results:
        r, py = results["reshape"]["r"], results["reshape"]["py"]
        add(
            "`array_reshape` 60000×28×28 → 60000×784: time",
            _fmt(r["seconds"], "s", ".3g"),
            _fmt(py["seconds"], "s", ".2g"),
            "",
            "≤ 0.3 s",
            r["seconds"]["median"] <= 0.3,
        )
        sizes = [r["peak_growth_mib"][k] / r["result_mib"]["median"] for k in ("median", "min", "max")]
        add(
            "`array_reshape`: peak memory growth",
            _fmt(r["peak_growth_mib"], "MiB", ".4g"),
            _fmt(py["peak_growth_mib"], "MiB", ".3g"),
            f"{sizes[0]:.2f} result sizes ({sizes[1]:.2f}–{sizes[2]:.2f})",
            "≤ 1.05 result sizes",
            sizes[0] <= 1.05,
        )
    if "fit_predict" in results:
        fp = results["fit_predict"]
        r, py, ratio = fp["r"], fp["py"], fp["r_over_py"]
        thr = {k: 1 / v for k, v in ratio["fit_seconds"].items()}
        add(
            "`fit` 1 epoch, seed MLP, batch 128, 60000×784, float64 input on both sides",
            _fmt(r["fit_seconds"], "s"),
            _fmt(py["fit_seconds"], "s"),
            f"{thr['median']:.3f}× Python's throughput ({thr['max']:.3f}–{thr['min']:.3f})",
            "≥ 0.98×",
            thr["median"] >= 0.98,
        )
        pr = ratio["predict_seconds"]
        add(
            "`predict` 10000×784 (float64) into an R matrix",
            _fmt(r["predict_seconds"], "s"),
            _fmt(py["predict_seconds"], "s"),
            f"{pr['median']:.3f}× Python's time ({pr['min']:.3f}–{pr['max']:.3f})",
            "≤ 1.05×",
            pr["median"] <= 1.05,
            ANCHOR["predict"],
        )
    if "startup" in results:
        st = results["startup"]
        q = st["r_over_py"]["seconds"]
        add(
            "`rkeras run` start-up to first model",
            _fmt(st["r"]["seconds"], "s"),
            _fmt(st["py"]["seconds"], "s"),
            f"{q['median']:.2f}× Python's ({q['min']:.2f}–{q['max']:.2f})",
            "≤ 1.15×",
            q["median"] <= 1.15,
            ANCHOR["startup"],
        )
    lines = [
        "# rkeras benchmarks",
        "",
        f"Written by `make bench` (bench/run.py) on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {_machine()}; load average (1, 5, 15 min) {load_before} at the start, "
        f"{_load()} at the end.",
        f"Software: {_versions()}.",
        "Sizes: "
        + ", ".join(
            f"{k}={os.environ.get(k, d)}"
            for k, d in (("RKERAS_BENCH_N", "10000 (profile: 5000)"), ("RKERAS_BENCH_LEAK_N", "100000"),
                         ("RKERAS_BENCH_LEAK_DENSE", "20000"), ("RKERAS_BENCH_REPS", "5"),
                         ("RKERAS_BENCH_BIG", "0"))
        )
        + ".",
        f"Paired figures: median (min–max) of {runs} runs in fresh processes, R (through `rkeras run`)",
        "and pure Python Keras interleaved; an overhead or ratio is taken within each run, then summarised.",
        "The keras3 anchor column is the issue's figure for keras3 through reticulate on this machine kind;",
        "the `reticulate` rows time reticulate's own crossing here (keras3 is not installed).",
    ]
    if header is not None:
        lines = [*lines[:2], *header]
    lines += [
        *_merged_lines(results.get(MERGED, {})),
        "",
        "| benchmark | R via rkeras | pure Python | overhead / ratio | target | | keras3 anchor |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    if "profile" in results:
        lines += ["", *_profile_table(results["profile"])]
    if "crossing" in results:
        lines += ["", *_crossing_table(results["crossing"]["rows"])]
    lines += [NOTES]
    return "\n".join(lines)


def _profile_table(prof: dict[str, Any]) -> list[str]:
    names = [n for n in ("noop", "to_categorical", "layer_dense") if n in prof]
    stages = [
        "arguments R -> Python",
        "function lookup",
        "warnings capture",
        "the call (binding + Keras)",
        "result -> R value",
        "result -> R handle",
        "result list",
    ]
    out = [
        "## Where one call's microseconds go (bench/profile_calls.py, one process)",
        "",
        'perf_counter_ns hooks on each stage of the dispatcher; "outside" is R\'s side (the generated',
        "wrapper, `.rk_call`/`.rk_result`) plus rpy2's callback (argument wrapping, the `.External`",
        "crossing, R's GC running handle finalizers). Hooks add ~1 µs a stage.",
        "",
        "| µs per call | " + " | ".join(f"`{n}`" for n in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]

    def row(label: str, values: list[float]) -> str:
        return f"| {label} | " + " | ".join(f"{v:.1f}" for v in values) + " |"

    out.append(row("from R, total", [prof[n]["r_total_us"] for n in names]))
    out.append(row("from R, total with hooks", [prof[n]["r_total_instrumented_us"] for n in names]))
    out.append(row("outside the dispatcher (R + rpy2)", [prof[n]["outside_dispatcher_us"] for n in names]))
    out.append(
        row("dispatcher, inclusive", [prof[n]["stages_us"].get("dispatcher (inclusive)", 0) for n in names])
    )
    for st in stages:
        out.append(row(f"— {st}", [prof[n]["stages_us"].get(st, 0.0) for n in names]))
    out.append(row("rkeras Python API, no R", [prof[n]["python_rkeras_api_us"] for n in names]))
    out.append(row("pure Keras, no R", [prof[n]["python_pure_us"] for n in names]))
    ro = prof.get("r_only", {})
    out += ["", "R alone: " + "; ".join(f"{k.removesuffix('_us')} {v:.1f} µs" for k, v in ro.items()) + "."]
    return out


def _crossing_table(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        "## Data crossing (bench/crossing.py, one process; best of RKERAS_BENCH_REPS repetitions)",
        "",
        "R arrays (`dim` set); R→Python is a zero-copy view for doubles (the rate is then nominal), one",
        "NA scan for integers, NA scan plus a bool array for logicals; Python→R allocates an R vector and",
        "fills it once. The reference is `numpy.copy` of the same bytes (allocation + memcpy).",
        "",
        "| type | elements | MB | R→Python s (GB/s) | bridged `.rk_call` R→Python s | Python→R s (GB/s) "
        "| numpy copy s (GB/s) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        gb = r["bytes"] / 1e9
        out.append(
            f"| {r['kind']} | {r['n']:.0e} | {r['bytes'] / 1e6:.0f} "
            f"| {r['r2py_s']:.3g} ({gb / r['r2py_s']:.2f}) "
            f"| {r['bridged_r2py_s']:.3g} | {r['py2r_s']:.3g} ({gb / r['py2r_s']:.2f}) "
            f"| {r['memcpy_s']:.3g} ({gb / r['memcpy_s']:.2f}) |"
        )
    return out


MERGED = "_merged"  # in the raw figures: {benchmark: when it was measured} of those --merge added


def _merged_lines(merged: dict[str, str]) -> list[str]:
    base = merged.get("_base")
    later = [f"`{name}` on {when}" for name, when in sorted(merged.items()) if name != "_base"]
    if not later:
        return []
    return [f"Measured later and merged in (`bench/run.py --merge --only NAME`): {'; '.join(later)}; "
            f"the other figures are from the run of {base or 'an earlier date'}."]


def _old_header(old: str) -> list[str] | None:
    """The lines of an earlier report between its title and its table, without a merged line."""
    lines = old.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("Written by"))
        end = next(i for i, line in enumerate(lines) if line.startswith("| benchmark |"))
    except StopIteration:
        return None
    return [line for line in lines[start:end] if line.strip() and not line.startswith("Measured later")]


def _old_figures(old: str) -> dict[str, Any]:
    """The raw figures an earlier report holds (its JSON block), with when they were measured."""
    m = re.search(r"Raw figures:\n\n```json\n(.*?)\n```", old, flags=re.S)
    figures: dict[str, Any] = json.loads(m.group(1)) if m else {}
    merged = figures.setdefault(MERGED, {})
    if "_base" not in merged:
        when = re.search(r"on (\d{4}-\d\d-\d\d \d\d:\d\d UTC)\.", old)
        load = re.search(r"load average \(1, 5, 15 min\) ([\d., ]+?) at the start", old)
        merged["_base"] = (when.group(1) if when else "?") + (f", load {load.group(1)}" if load else "")
    return figures


NOTES = """
## Notes

See bench/NOTES.md for the causes behind each miss and what would fix it.
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append", choices=sorted([*PAIRS, *SINGLES]))
    parser.add_argument("--out", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--partial", help="save the figures so far here after each benchmark")
    parser.add_argument("--from-json", help="write the report from saved figures instead of measuring")
    parser.add_argument("--merge", action="store_true",
                        help="keep the other figures of the report at --out (its raw JSON), replacing only "
                             "those measured now, each noted with its date")
    args = parser.parse_args(argv)
    names = args.only or [*PAIRS, *SINGLES]
    load_before = _load()
    started = datetime.now(timezone.utc)
    if args.from_json:
        results = json.loads(Path(args.from_json).read_text())
    else:
        results = measure(names, args.runs, Path(args.partial) if args.partial else None)
        if args.partial:
            Path(args.partial).write_text(json.dumps(results))
    out = Path(args.out)
    old = out.read_text() if out.exists() else ""
    header = None
    if args.merge:
        header = _old_header(old)
        merged = _old_figures(old)
        if not args.from_json:  # measured now: when, and under what load
            stamp = (f"{started:%Y-%m-%d %H:%M} UTC, load average {load_before} at the start, "
                     f"{_load()} at the end")
            merged[MERGED].update({name: stamp for name in results if name != MERGED})
        else:  # saved figures: the times they carry
            merged[MERGED].update(results.get(MERGED, {}))
        merged.update({k: v for k, v in results.items() if k != MERGED})
        results = merged
    text = report(results, args.runs, load_before, header)
    gpu = re.search(r"<!-- gpu:begin -->.*?<!-- gpu:end -->\n?", old, flags=re.S)  # bench/gpu.py's section
    text += "\n" + (
        gpu.group(0)
        if gpu
        else "<!-- gpu:begin -->\n## GPU (bench/gpu.py)\n\nNot run yet.\n<!-- gpu:end -->\n"
    )
    text += "\nRaw figures:\n\n```json\n" + json.dumps(results, indent=1, sort_keys=True) + "\n```\n"
    out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
