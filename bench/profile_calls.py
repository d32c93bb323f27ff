"""Where the microseconds of one call from R go, measured inside one process.

``python bench/profile_calls.py [--n N] [--cprofile]`` embeds R (the rkeras host, as
``rkeras run`` does), then for a no-op bridged call, ``to_categorical(3, 10)`` and
``layer_dense(units = 4)``:

* times the R loop (``Sys.time()`` around ``n`` calls: what an R user sees);
* times, with ``perf_counter_ns`` hooks, each stage of the Python dispatcher
  (:func:`rkeras.host.dispatch.dispatch`): the arguments converted from R, the call itself
  (rkeras's binding plus the Keras work), the result converted to R (handle creation), the
  warnings capture, the result list; the rest of the R loop is R's side (the generated
  wrapper, ``.rk_call``/``.rk_result``) and rpy2's callback (argument wrapping, the ``.External``
  crossing), told apart by a second loop calling the rternalized dispatcher directly;
* times the same function from rkeras's Python API and from pure Keras (no R at all), so
  binding is the difference between the two.

Prints one ``BENCH {json}`` line (``bench/run.py`` puts it in RESULTS.md) and, with
``--cprofile``, the top of a cProfile listing of the Python side of the ``layer_dense`` loop.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import time
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

CALLS = {
    "noop": 'rkeras:::.rk_call(".noop")',
    "to_categorical": "to_categorical(3, 10)",
    "layer_dense": "layer_dense(units = 4)",
}


class _Stages:
    """perf_counter_ns totals per dispatcher stage, installed by wrapping module attributes."""

    def __init__(self) -> None:
        self.ns: dict[str, int] = defaultdict(int)
        self._undo: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, attr: str, stage: str) -> None:
        inner = getattr(owner, attr)
        ns = self.ns
        clock = time.perf_counter_ns

        depth = [0]

        def timed(*args: Any, **kwargs: Any) -> Any:
            # py2r recurses (a LayerStage -> its layer): count the outermost call only
            depth[0] += 1
            t0 = clock()
            try:
                return inner(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    ns[stage] += clock() - t0

        self._undo.append((owner, attr, inner))
        setattr(owner, attr, timed)

    def undo(self) -> None:
        for owner, attr, inner in reversed(self._undo):
            setattr(owner, attr, inner)
        self._undo.clear()


@contextmanager
def _timed_catch(stages: _Stages) -> Iterator[None]:
    original = warnings.catch_warnings

    class Timed(original):  # type: ignore[misc, valid-type]
        def __enter__(self) -> Any:
            t0 = time.perf_counter_ns()
            try:
                return super().__enter__()
            finally:
                stages.ns["warnings capture"] += time.perf_counter_ns() - t0

        def __exit__(self, *exc: Any) -> Any:
            t0 = time.perf_counter_ns()
            try:
                return super().__exit__(*exc)
            finally:
                stages.ns["warnings capture"] += time.perf_counter_ns() - t0

    warnings.catch_warnings = Timed  # type: ignore[misc]
    try:
        yield
    finally:
        warnings.catch_warnings = original  # type: ignore[misc]


def _set_dispatcher(fn: Callable[..., Any]) -> None:
    """Point the R side's ``.rk$call`` at ``fn`` (rternalized, kept alive as the host does)."""
    import rpy2.rinterface as ri

    from rkeras.host import bridge, convert

    with convert.r_lock():
        closure = ri.rternalize(fn)
        bridge._CLOSURES.append(closure)
        ri.evalr("rkeras:::.rk")["call"] = closure


def _timed_dispatcher(stages: _Stages) -> Callable[..., Any]:
    import inspect

    from rkeras.host import dispatch

    inner = dispatch.dispatch
    ns = stages.ns

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter_ns()
        try:
            return inner(*args, **kwargs)
        finally:
            ns["dispatcher (inclusive)"] += time.perf_counter_ns() - t0

    timed.__signature__ = inspect.signature(inner)  # type: ignore[attr-defined]
    return timed


def _r_loop_us(host: Any, expr: str, n: int) -> float:
    code = (
        f"{{ t0 <- Sys.time(); for (i in seq_len({n})) {expr}; as.numeric(Sys.time() - t0, units = 'secs') }}"
    )
    return float(host.eval(code)) / n * 1e6


def _py_loop_us(fn: Callable[[], Any], n: int) -> float:
    fn()
    t0 = time.perf_counter_ns()
    for _ in range(n):
        fn()
    return (time.perf_counter_ns() - t0) / n / 1e3


def profile(n: int, with_cprofile: bool) -> dict[str, Any]:
    import keras

    import rkeras
    from rkeras.host import bridge, convert, dispatch

    host = bridge.start(attach=True)
    out: dict[str, Any] = {}
    python_side: dict[str, Callable[[], Any]] = {
        "noop": lambda: None,
        "to_categorical": lambda: keras.utils.to_categorical(3, 10),
        "layer_dense": lambda: keras.layers.Dense(4),
    }
    rkeras_py: dict[str, Callable[[], Any]] = {
        "noop": lambda: dispatch.INTERNAL[".noop"](),
        "to_categorical": lambda: rkeras.to_categorical(3, 10),
        "layer_dense": lambda: rkeras.layer_dense(units=4),
    }
    for name, expr in CALLS.items():
        _r_loop_us(host, expr, 50)  # warm up (imports, caches)
        total = _r_loop_us(host, expr, n)
        stages = _Stages()
        stages.wrap(convert, "r2py", "arguments R -> Python")
        stages.wrap(convert, "as_handle", "result -> R handle")
        stages.wrap(convert, "py2r", "result -> R value")
        stages.wrap(convert, "result_list", "result list")
        original_resolve = dispatch._resolve

        def resolve(fn_name: Any, _orig: Any = original_resolve, stages: _Stages = stages) -> Any:
            t0 = time.perf_counter_ns()
            target = _orig(fn_name)
            stages.ns["function lookup"] += time.perf_counter_ns() - t0

            def call(*a: Any, **kw: Any) -> Any:
                t1 = time.perf_counter_ns()
                try:
                    return target(*a, **kw)
                finally:
                    stages.ns["the call (binding + Keras)"] += time.perf_counter_ns() - t1

            call.row = getattr(target, "row", None)  # type: ignore[attr-defined]
            return call

        dispatch._resolve = resolve  # type: ignore[assignment]
        # the dispatcher R calls is the rternalized one the host registered: re-register ours
        with _timed_catch(stages):
            _set_dispatcher(_timed_dispatcher(stages))
            instrumented = _r_loop_us(host, expr, n)
        dispatch._resolve = original_resolve  # type: ignore[assignment]
        stages.undo()
        _set_dispatcher(dispatch.dispatch)
        per = {k: v / n / 1e3 for k, v in stages.ns.items()}
        inner = per.get("dispatcher (inclusive)", 0.0)
        # the R side alone: the same R expression's wrapper work without crossing (R-only stub)
        out[name] = {
            "r_total_us": total,
            "r_total_instrumented_us": instrumented,
            "python_pure_us": _py_loop_us(python_side[name], n),
            "python_rkeras_api_us": _py_loop_us(rkeras_py[name], n),
            "stages_us": per,
            "outside_dispatcher_us": instrumented - inner,
        }
    out["r_only"] = {
        "empty R closure call_us": _r_loop_us(host, "(function() NULL)()", n),
        "handle environment + finalizer (.rk_handle)_us": _r_loop_us(
            host, 'rkeras:::.rk_handle(1L, c("rkeras_layer", "rkeras_object"), TRUE)', n
        ),
        "rternalized call of the dispatcher, .noop_us": _r_loop_us(host, 'rkeras:::.rk_py()(".noop")', n),
    }
    if with_cprofile:
        prof = cProfile.Profile()
        prof.enable()
        _r_loop_us(host, CALLS["layer_dense"], n)
        prof.disable()
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
        out["cprofile_layer_dense"] = buf.getvalue()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=int(os.environ.get("RKERAS_BENCH_N", "5000")))
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args(argv)
    out = profile(args.n, args.cprofile)
    text = out.pop("cprofile_layer_dense", None)
    if text:
        print(text)
    print("BENCH " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
