"""The spec-row tests and the MNIST vignette's short form again, on the JAX backend.

Keras picks its backend once per process, so each runs in a subprocess (or, for the vignette,
through the vignette runner, which starts its own) with ``KERAS_BACKEND=jax``. Skipped when jax
is not installed (``pip install -e .[jax]``; ``make setup`` installs it).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("jax") is None,
                       reason="jax is not installed (pip install -e .[jax]); the JAX runs are skipped"),
]


# CI runs a fixed quarter of the rows on JAX (every row runs on TensorFlow); `make soak` all of them.
ROW_SAMPLE = os.environ.get("RKERAS_JAX_ROW_SAMPLE", "4")


def test_spec_rows_pass_on_jax(repo_root: Path) -> None:
    env = dict(os.environ, KERAS_BACKEND="jax", RKERAS_ROW_SAMPLE=ROW_SAMPLE)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore::UserWarning",
         str(repo_root / "tests" / "python" / "test_spec_rows.py")],
        cwd=repo_root, env=env, capture_output=True, text=True, timeout=1200,
    )
    tail = proc.stdout[-4000:] + proc.stderr[-2000:]
    assert proc.returncode == 0, tail
    counts = dict((k, int(n)) for n, k in re.findall(r"(\d+) (passed|failed|skipped|error)", tail))
    expected = 700 // int(ROW_SAMPLE)
    assert counts.get("passed", 0) > expected and not counts.get("failed") and not counts.get("error"), tail
    # the rows that cannot run here are skipped with a reason, never silently
    skipped = re.findall(r"SKIPPED \[\d+\] (.*)", tail)
    assert len(skipped) == counts.get("skipped", 0) and all(":" in s for s in skipped), tail


@pytest.mark.parametrize("lang", [pytest.param("r", marks=pytest.mark.r), "py"])
def test_mnist_vignette_short_form_on_jax(lang: str, tmp_path: Path, shared_data: Path,
                                          monkeypatch: Any) -> None:
    from test_vignettes import R_OK, _check, runner

    if lang == "r" and not R_OK:
        pytest.skip("R and rpy2 are needed to run the R vignettes")
    if lang == "r" and ROW_SAMPLE != "1":  # CI runs the Python form (and the R backend test) only
        pytest.skip("the R form on JAX runs in `make soak` (test_backends.py runs R on JAX in CI)")
    monkeypatch.setenv("KERAS_BACKEND", "jax")  # the runner's processes inherit it
    rec = runner.run_one("mnist_keras3", lang, short=True, offline=True, out_dir=tmp_path, timeout=600,
                         quiet=True)
    log = (tmp_path / rec["log"]).read_text(encoding="utf-8", errors="replace")
    try:
        _check("mnist_keras3", lang, rec)
    except AssertionError as err:
        raise AssertionError(f"{err}\n--- record: {rec}\n--- log tail:\n{log[-3000:]}") from None
