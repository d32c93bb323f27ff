"""The fuzzer of the reliability suite (issue 13): random R values through rkeras's exported functions.

Calls are drawn with hypothesis (fixed seed): a function from a sample of spec rows, a few values
(NULL, NA, NaN, Inf, whole and fractional numbers from tiny to 1e308, negative ones, strings,
vectors, lists, matrices, a model and a tensor) and which formals they go to (every formal without
a default, plus a few drawn ones). Each outcome is one of

* ``clean``: an error naming the function (``fn(): ...``), as every bad input should give;
* ``r_error``: an error raised by R itself before rkeras ran (argument matching: "unused argument",
  "argument x is missing");
* ``unclear``: any other error (a raw Python or TensorFlow message without the function);
* ``success``: no error (random values are sometimes valid);
* ``crash``: the process died (or stopped answering for ``HANG_S`` seconds) during the call.

``run_r`` writes every call into one R script run by ``rkeras run`` (restarted after the call
that killed it, which counts as a crash); ``run_python`` does the same from Python. Both run under
a 4 GiB data limit (``RLIMIT_DATA``) so that sizes such as ``op_ones(1e9)`` fail as R and Python
fail when memory runs out, instead of taking the machine's memory; ``RKERAS_MAX_EPOCHS=1`` keeps
``fit(epochs = 1e9)`` short.
"""

from __future__ import annotations

import json
import os
import queue
import resource
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

HANG_S = 120
DATA_LIMIT = 4 * 2**30
BATCH = 20

# rows never fuzzed: they install software, switch backends or global configuration, download,
# start servers or read files of the current run, or build ImageNet-sized applications
SKIP_FAMILIES = {"application", "dataset", "setup", "config"}
SKIP_NAMES = {"install_keras", "use_backend", "get_file", "tensorboard", "run_dir", "flags",
              "is_keras_available", "py_install", "keras", "clear_session", "plot"}


def fuzz_names(sample: int = 1) -> list[str]:
    """Exported function names of the spec rows (every ``sample``-th, in name order)."""
    from rkeras.spec import all_rows

    names = sorted({r.name for r in all_rows() if not r.removed and r.family not in SKIP_FAMILIES
                    and r.name not in SKIP_NAMES and r.name.isidentifier()})
    return names[::sample]


_SPECIAL_R = ["NULL", "NA", "NA_real_", "NA_integer_", "NA_character_", "TRUE", "FALSE", "Inf", "-Inf",
              "NaN", "0", "1", "-1", "0.5", "1.5", "2L", "3", "1e9", "2147483647L", "-2147483647L",
              "1e308", "-1e308", "1e-300", "m", "t", "x", "\"\"", "\"relu\"", "\"mse\"", "\"same\"",
              "\"float32\"", "\"channels_last\"", "function(x) x"]
_TEXT = st.text(alphabet="abcxyz_ ./-019", max_size=8)


def _r_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _r_number(v: float) -> str:
    return repr(float(v)).replace("inf", "Inf").replace("nan", "NaN")


def r_values() -> st.SearchStrategy[str]:
    """R source text of one value."""
    scalar = st.one_of(
        st.sampled_from(_SPECIAL_R),
        st.integers(-1000, 1000).map(lambda i: f"{i}L"),
        st.floats(-1e6, 1e6, allow_nan=False).map(_r_number),
        st.floats(allow_nan=False, allow_infinity=False).map(_r_number),
        _TEXT.map(_r_string),
    )
    vector = st.one_of(
        st.lists(st.integers(-5, 10).map(str), min_size=0, max_size=5).map(lambda v: f"c({', '.join(v)})"),
        st.lists(_TEXT.map(_r_string), min_size=1, max_size=4).map(lambda v: f"c({', '.join(v)})"),
        st.lists(st.sampled_from(["1", "NA", "2.5", "-1"]), min_size=1, max_size=4)
        .map(lambda v: f"c({', '.join(v)})"),
    )
    matrix = st.tuples(st.integers(1, 4), st.integers(1, 4)).map(
        lambda rc: f"matrix(runif({rc[0] * rc[1]}), {rc[0]}, {rc[1]})")
    array = st.lists(st.integers(1, 3), min_size=1, max_size=4).map(
        lambda d: f"array(0, c({', '.join(map(str, d))}))")
    flat = st.one_of(scalar, vector, matrix, array)
    lists = st.lists(flat, max_size=3).map(lambda v: f"list({', '.join(v)})")
    named = st.lists(st.tuples(st.sampled_from("abxy"), flat), max_size=3).map(
        lambda kv: "list(" + ", ".join(f"{k} = {v}" for k, v in kv) + ")")
    return st.one_of(scalar, scalar, vector, flat, lists, named)


def python_values() -> st.SearchStrategy[Any]:
    """One Python value, as R values reach Python (NA is NaN or None, vectors are lists)."""
    import numpy as np

    scalar = st.one_of(
        st.sampled_from([None, float("nan"), True, False, float("inf"), -float("inf"), 0, 1, -1, 0.5, 1.5,
                         10**9, 2**31 - 1, -(2**31) + 1, 1e308, -1e308, 1e-300, "", "relu", "mse", "same",
                         "float32", "channels_last", "M", "T", "X"]),
        st.integers(-1000, 1000),
        st.floats(allow_nan=True),
        _TEXT,
    )
    vector = st.one_of(st.lists(st.integers(-5, 10), max_size=5), st.lists(_TEXT, min_size=1, max_size=4),
                       st.lists(st.sampled_from([1.0, float("nan"), 2.5, -1.0]), min_size=1, max_size=4))
    matrix = st.tuples(st.integers(1, 4), st.integers(1, 4)).map(
        lambda rc: np.random.default_rng(rc[0]).random(rc))
    flat = st.one_of(scalar, vector, matrix)
    return st.one_of(scalar, scalar, vector, flat, st.lists(flat, max_size=3),
                     st.dictionaries(st.sampled_from("abxy"), flat, max_size=3))


def draw_calls(names: list[str], values: st.SearchStrategy[Any], n: int, fixed_seed: int) -> list[Any]:
    """``n`` calls (name, values, picks of optional formals) drawn by hypothesis with a fixed seed."""
    call = st.tuples(st.sampled_from(names), st.lists(values, max_size=4),
                     st.lists(st.integers(0, 40), max_size=3))
    out: list[Any] = []

    @settings(max_examples=max(1, -(-n // BATCH)), database=None, phases=[Phase.generate], deadline=None,
              suppress_health_check=list(HealthCheck))
    @seed(fixed_seed)
    @given(st.lists(call, min_size=BATCH, max_size=BATCH))
    def collect(batch: list[Any]) -> None:
        out.extend(batch)

    collect()
    return out[:n]


R_PRELUDE = r"""
.fz_mk <- function() {
  m <- keras_model_sequential(input_shape = 4) |> layer_dense(units = 2)
  m |> compile(optimizer = "sgd", loss = "mse")
  m
}
m <- .fz_mk()
x <- matrix(runif(8), 2, 4)
t <- op_convert_to_tensor(x)
.fz_counts <- c(clean = 0, r_error = 0, unclear = 0, success = 0, skipped = 0)
.fz_unclear <- list()
.fz_required <- function(f) {
  fm <- formals(f)
  nm <- setdiff(names(fm), "...")
  list(all = nm, req = nm[vapply(nm, function(a) identical(fm[[a]], quote(expr = )), TRUE)])
}
.fz_json <- function() paste0("{", paste0('"', names(.fz_counts), '": ', .fz_counts, collapse = ", "), "}")
.fz <- function(i, fn, vals, picks) {
  cat("CALL", i, "\n")
  if (i %% 500 == 499) cat("FUZZ_PARTIAL", .fz_json(), "\n")
  if (i %% 200 == 0) m <<- .fz_mk()
  if (!exists(fn, mode = "function")) { .fz_counts[["skipped"]] <<- .fz_counts[["skipped"]] + 1; return() }
  f <- get(fn, mode = "function")
  fa <- .fz_required(f)
  args <- unique(c(fa$req, fa$all[picks %% max(1, length(fa$all)) + 1]))
  args <- args[!is.na(args)]
  vals <- if (length(vals)) vals else list(NULL)
  call <- list()
  for (k in seq_along(args)) call[args[[k]]] <- list(vals[[(k - 1) %% length(vals) + 1]])
  kind <- tryCatch(withCallingHandlers({ do.call(f, call); "success" },
                                       warning = function(w) invokeRestart("muffleWarning")),
    error = function(e) {
      msg <- conditionMessage(e)
      if (grepl("^[A-Za-z_.][A-Za-z_.0-9]*\\(\\): ", msg)) "clean"
      else if (!inherits(e, "rkeras_error") &&
               grepl("unused argument|is missing, with no default|formal argument", msg)) "r_error"
      else {
        if (length(.fz_unclear) < 200)
          .fz_unclear[[length(.fz_unclear) + 1]] <<- paste0(fn, ": ", substr(msg, 1, 240))
        "unclear"
      }
    })
  .fz_counts[[kind]] <<- .fz_counts[[kind]] + 1
}
"""

R_END = r"""
cat("FUZZ_RESULT", .fz_json(), "\n")
for (u in .fz_unclear) cat("FUZZ_UNCLEAR", gsub("\n", " | ", u), "\n")
"""


def r_script(calls: list[Any], offset: int = 0) -> str:
    """The R script of ``calls`` (numbered from ``offset``)."""
    lines = [R_PRELUDE]
    for i, (fn, vals, picks) in enumerate(calls):
        picks_r = f"c({', '.join(map(str, picks))})" if picks else "integer()"
        lines.append(f".fz({offset + i}, \"{fn}\", list({', '.join(vals)}), {picks_r})")
    lines.append(R_END)
    return "\n".join(lines) + "\n"


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_DATA, (DATA_LIMIT, DATA_LIMIT))


def _env() -> dict[str, str]:
    return dict(os.environ, RKERAS_MAX_EPOCHS="1", TF_CPP_MIN_LOG_LEVEL="3", RKERAS_ALLOW_NA="0")


def _run_lines(cmd: list[str], cwd: Path) -> tuple[list[str], int | None]:
    """Run ``cmd``, collecting stdout lines; kill it if no line comes for HANG_S seconds."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=_env(), preexec_fn=_limit)
    assert proc.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    out: list[str] = []
    while True:
        try:
            line = lines.get(timeout=HANG_S)
        except queue.Empty:
            proc.kill()
            break
        if line is None:
            break
        out.append(line.rstrip("\n"))
    proc.wait(timeout=60)
    return out, proc.returncode


def _drive(make_cmd: Any, calls: list[Any], workdir: Path) -> dict[str, Any]:
    """Run the calls, restarting after a call that killed the process (a crash)."""
    counts: Counter[str] = Counter()
    unclear: list[str] = []
    crashes: list[str] = []
    start = 0
    while start < len(calls):
        cmd = make_cmd(calls[start:], start)
        out, rc = _run_lines(cmd, workdir)
        result = [ln for ln in out if ln.startswith("FUZZ_RESULT ")]
        unclear += [ln[len("FUZZ_UNCLEAR "):].strip() for ln in out if ln.startswith("FUZZ_UNCLEAR ")]
        done = [int(ln.split()[1]) for ln in out if ln.startswith("CALL ")]
        if result:
            counts.update(json.loads(result[-1][len("FUZZ_RESULT "):]))
            break
        # the process died (or hung) in the last call it started: count it, go on after it
        last = done[-1] if done else start
        crashes.append(f"{calls[last][0]} (rc {rc})")
        partial = [ln for ln in out if ln.startswith("FUZZ_PARTIAL ")]
        if partial:
            counts.update(json.loads(partial[-1][len("FUZZ_PARTIAL "):]))
        start = last + 1
    counts["crash"] = len(crashes)
    return {"calls": len(calls), "counts": dict(counts), "unclear": unclear, "crashes": crashes}


def run_r(n: int, fixed_seed: int = 13, sample: int = 1) -> dict[str, Any]:
    calls = draw_calls(fuzz_names(sample), r_values(), n, fixed_seed)
    workdir = Path(tempfile.mkdtemp(prefix="rkeras-fuzz-r-"))

    def make_cmd(rest: list[Any], offset: int) -> list[str]:
        path = workdir / f"fuzz_{offset}.R"
        path.write_text(r_script(rest, offset), encoding="utf-8")
        return [sys.executable, "-m", "rkeras.cli", "run", str(path)]

    return _drive(make_cmd, calls, workdir)


PY_CHILD = r"""
import json, re, sys, warnings, pickle
import numpy as np
warnings.simplefilter("ignore")
import rkeras
from rkeras.errors import RKerasError
import inspect
calls, offset = pickle.load(open(sys.argv[1], "rb")), int(sys.argv[2])
def mk():
    m = rkeras.keras_model_sequential(input_shape=4)
    m = rkeras.layer_dense(m, units=2)
    rkeras.compile(m, optimizer="sgd", loss="mse")
    return m
x = np.random.default_rng(0).random((2, 4))
objs = {"M": mk(), "X": x, "T": rkeras.op_convert_to_tensor(x)}
counts = dict(clean=0, r_error=0, unclear=0, success=0, skipped=0)
unclear = []
prefix = re.compile(r"^[A-Za-z_.][A-Za-z_.0-9]*\(\): ")
for i, (fn, vals, picks) in enumerate(calls):
    print("CALL", offset + i, flush=True)
    if (offset + i) % 200 == 0:
        objs["M"] = mk()
    if (offset + i) % 500 == 499:
        print("FUZZ_PARTIAL", json.dumps(counts), flush=True)
    f = getattr(rkeras, fn, None)
    try:
        params = [p for p in inspect.signature(f).parameters.values()
                  if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)] if f else None
    except (TypeError, ValueError):
        params = None
    if params is None:
        counts["skipped"] += 1
        continue
    req = [p.name for p in params if p.default is p.empty]
    names = list(dict.fromkeys(req + [params[k % len(params)].name for k in picks if params]))
    vals = vals or [None]
    kwargs = {a: (objs.get(v, v) if isinstance(v, str) else v) for a, v in
              ((a, vals[k % len(vals)]) for k, a in enumerate(names))}
    try:
        f(**kwargs)
        kind = "success"
    except RKerasError as e:
        kind = "clean" if prefix.match(str(e)) else "unclear"
        if kind == "unclear" and len(unclear) < 200:
            unclear.append(f"{fn}: {str(e)[:240]}")
    except Exception as e:
        kind = "unclear"
        if len(unclear) < 200:
            unclear.append(f"{fn}: {type(e).__name__}: {str(e)[:240]}")
    counts[kind] += 1
print("FUZZ_RESULT", json.dumps(counts), flush=True)
for u in unclear:
    print("FUZZ_UNCLEAR", u.replace("\n", " | "), flush=True)
"""


def run_python(n: int, fixed_seed: int = 13, sample: int = 1) -> dict[str, Any]:
    import pickle

    calls = draw_calls(fuzz_names(sample), python_values(), n, fixed_seed)
    workdir = Path(tempfile.mkdtemp(prefix="rkeras-fuzz-py-"))
    child = workdir / "child.py"
    child.write_text(PY_CHILD, encoding="utf-8")

    def make_cmd(rest: list[Any], offset: int) -> list[str]:
        path = workdir / f"calls_{offset}.pkl"
        path.write_bytes(pickle.dumps(rest))
        return [sys.executable, str(child), str(path), str(offset)]

    return _drive(make_cmd, calls, workdir)


if __name__ == "__main__":
    which, count = sys.argv[1], int(sys.argv[2])
    res = (run_r if which == "r" else run_python)(count)
    print(json.dumps({k: v for k, v in res.items() if k != "unclear"}, indent=1))
    for u in res["unclear"][:40]:
        print("UNCLEAR", u)
