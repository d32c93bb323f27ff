"""Data crossing at memory speed: R -> Python and Python -> R conversion of numeric arrays.

``python bench/crossing.py`` embeds R (the rkeras host) and, for 1e4 .. 1e7 elements
(1e8 too with ``RKERAS_BENCH_BIG=1``: ~2.4 GiB more at the peak) of double, integer and logical:

* R -> Python: ``rkeras.host.convert.r2py`` of an R array (``dim`` set, as data always has) and
  the whole bridged call ``.rk_call(".noop", x)`` timed from R;
* Python -> R: ``convert.py2r`` of a float64 / int32 / bool numpy array (an R vector is
  allocated and filled once, column-major);
* the reference: ``numpy.copy`` of the same bytes in the same process (allocation + memcpy).

Each figure is the minimum of ``RKERAS_BENCH_REPS`` (default 5) repetitions; GB/s is the
array's bytes (R's size: 8 bytes a double, 4 an integer or logical) over the time. Prints one
``BENCH {json}`` line.
"""

from __future__ import annotations

import gc
import json
import os
import time
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

KINDS = {"double": ("float64", 8), "integer": ("int32", 4), "logical": ("bool", 4)}


def _r_make(kind: str, n: int) -> str:
    if kind == "double":
        return f"array(runif({n}))"
    if kind == "integer":
        return f"array(sample.int(100L, {n}, replace = TRUE))"
    return f"array(runif({n}) > 0.5)"


def _best(fn: Any, reps: int) -> float:
    times = []
    for _ in range(reps):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        del out
    return min(times)


def main() -> None:
    import numpy as np
    import rpy2.rinterface as ri

    from rkeras.host import bridge, convert

    host = bridge.start(attach=True)
    reps = int(os.environ.get("RKERAS_BENCH_REPS", "5"))
    sizes = [10**4, 10**5, 10**6, 10**7] + ([10**8] if os.environ.get("RKERAS_BENCH_BIG") == "1" else [])
    rows: list[dict[str, Any]] = []
    for kind, (dtype, rbytes) in KINDS.items():
        for n in sizes:
            nbytes = n * rbytes
            with convert.r_lock():
                x = ri.evalr(_r_make(kind, n))
                ri.globalenv["bench_x"] = x
            r2py = _best(lambda x=x: convert.r2py(x), reps)
            bridged = float(
                host.eval(
                    f"min(vapply(seq_len({reps}), function(i) {{ t0 <- Sys.time(); "
                    "rkeras:::.rk_call('.noop', bench_x); as.numeric(Sys.time() - t0, units = 'secs') }, 0))"
                )
            )
            a = np.asarray(convert.r2py(x)).astype(dtype)
            py2r = _best(lambda a=a: convert.py2r(a), reps)
            back = convert.py2r(a)
            assert len(back) == n and np.array_equal(np.asarray(back).astype(dtype), a)
            ref_src = np.empty(nbytes, dtype=np.uint8)
            ref_src[:] = 1
            memcpy = _best(lambda src=ref_src: src.copy(), reps)
            rows.append(
                {
                    "kind": kind,
                    "n": n,
                    "bytes": nbytes,
                    "r2py_s": r2py,
                    "bridged_r2py_s": bridged,
                    "py2r_s": py2r,
                    "memcpy_s": memcpy,
                }
            )
            del x, a, back, ref_src
            with convert.r_lock():
                ri.evalr("rm(bench_x); invisible(gc())")
    print("BENCH " + json.dumps({"rows": rows}), flush=True)


if __name__ == "__main__":
    main()
