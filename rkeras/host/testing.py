"""Test-only internals of the dispatcher: what a value became in Python, evaluating Python, weak
references, the handle count. The host registers them (:func:`register`) only when
``RKERAS_TEST_HOOKS=1`` (set by the test suite and ``rkeras test``): they are not part of the
production dispatch table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import convert


def _describe(value: Any) -> dict[str, Any]:
    """What a value became in Python (for tests and debugging: ``rkeras:::.rk_call(".describe", x)``)."""
    import numpy as np

    out: dict[str, Any] = {"type": type(value).__name__, "repr": repr(value)[:300]}
    if isinstance(value, np.ndarray):
        base = value
        while isinstance(base, np.ndarray) and base.base is not None:
            base = base.base
        out.update(
            dtype=str(value.dtype),
            shape=[int(d) for d in value.shape],
            c_contiguous=bool(value.flags.c_contiguous),
            f_contiguous=bool(value.flags.f_contiguous),
            writeable=bool(value.flags.writeable),
            r_view=isinstance(base, convert._Keep),
        )
    elif isinstance(value, (list, tuple)):
        out["items"] = [type(v).__name__ for v in value]
    elif isinstance(value, dict):
        out["keys"] = [str(k) for k in value]
        out["items"] = [type(v).__name__ for v in value.values()]
    elif type(value).__module__.startswith("pandas"):
        import pandas as pd

        if isinstance(value, pd.Categorical):
            out.update(codes=[int(c) for c in value.codes], categories=[str(c) for c in value.categories])
        elif isinstance(value, pd.DataFrame):
            out.update(
                columns=[str(c) for c in value.columns],
                dtypes=[str(t) for t in value.dtypes],
                index=[str(i) for i in value.index],
            )
    return out


def _py_eval(code: str) -> Any:
    """Evaluate a Python expression (numpy as ``np``, pandas as ``pd``, rkeras as ``rk``)."""
    import numpy as np
    import pandas as pd

    import rkeras

    # compile() first: eval() of a *string* that raises KeyboardInterrupt makes CPython end the
    # whole process with SIGINT at exit.
    compiled = compile(code, "<py_eval>", "eval")
    return eval(compiled, {"np": np, "pd": pd, "rk": rkeras, "__builtins__": __builtins__})  # noqa: S307


def _weakref(obj: Any) -> Callable[[], bool]:
    """A function telling whether ``obj`` is still alive in Python (after a garbage collection)."""
    import gc
    import weakref

    ref = weakref.ref(obj)
    del obj

    def alive() -> bool:
        gc.collect()
        return ref() is not None

    return alive


def register(table: dict[str, Callable[..., Any]]) -> None:
    """Add the test internals to the dispatcher's table."""
    table.update({
        ".describe": _describe,
        ".py_eval": _py_eval,
        ".weakref": _weakref,
        ".registry_size": lambda: len(convert.REGISTRY),
    })
