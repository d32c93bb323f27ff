"""bench/gpu.py: its code path on the CPU (tiny data, 1-2 epochs) and its no-GPU skip.

Timings are never asserted; the figures it writes are (their presence, count and ranges).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GPU = ROOT / "bench" / "gpu.py"
MNIST = Path(os.environ.get("RKERAS_MNIST_NPZ", "/work/shared/data/mnist.npz"))

pytestmark = pytest.mark.skipif(not MNIST.is_file(), reason="no mnist.npz")


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), JAX_PLATFORMS="cpu", TF_CPP_MIN_LOG_LEVEL="2")
    env.pop("KERAS_BACKEND", None)
    return subprocess.run(
        [sys.executable, str(GPU), "--data", str(MNIST), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )


def test_gpu_bench_quick_cpu_writes_its_figures(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# rkeras benchmarks\n\nkept text\n")
    out_json = tmp_path / "gpu.json"
    proc = _run(
        tmp_path,
        "--quick",
        "--cpu",
        "--samples",
        "64",
        "--mlp-epochs",
        "2",
        "--cnn-epochs",
        "1",
        "--results",
        str(results),
        "--json",
        str(out_json),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(out_json.read_text())
    for name, epochs in (("mlp", 2), ("cnn", 1)):
        fig = figures[name]
        assert fig["epochs"] == epochs
        assert fig["train_samples"] == int(64 * (1 - (0.2 if name == "mlp" else 0.1)))
        for side in ("rkeras", "keras"):
            assert len(fig[side]["epoch_seconds"]) == 1  # one repeat
            assert len(fig[side]["epoch_seconds"][0]) == epochs
            assert all(t > 0 for t in fig[side]["epoch_seconds"][0])
            assert all(0.0 <= a <= 1.0 for a in fig[side]["accuracy"])
            assert fig[side]["samples_per_second"] > 0
        assert fig["throughput_ratio"] == pytest.approx(
            fig["rkeras"]["samples_per_second"] / fig["keras"]["samples_per_second"]
        )
    text = results.read_text()
    assert text.startswith("# rkeras benchmarks\n\nkept text\n")
    assert "<!-- gpu:begin -->" in text and "backend jax" in text
    assert "| seed MLP, 2 epochs, batch 128 |" in text and "| kerasR CNN, 1 epochs, batch 32 |" in text


def test_gpu_bench_without_a_gpu_skips_and_says_so(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# rkeras benchmarks\n\n<!-- gpu:begin -->\nold figures\n<!-- gpu:end -->\n\ntail\n")
    proc = _run(tmp_path, "--results", str(results))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "no GPU visible" in proc.stderr
    text = results.read_text()
    assert "old figures" not in text and text.count("<!-- gpu:begin -->") == 1
    assert "found no GPU on this machine" in text and text.rstrip().endswith("tail")
