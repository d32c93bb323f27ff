"""The spec covers the R keras3 API: `python -m rkeras.coverage`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rkeras.tools.coverage import (
    CORE_FAMILIES,
    EXPORT_LISTS,
    coverage,
    family_of,
    read_exports,
    reference_dir,
)


def test_family_of():
    assert family_of("layer_dense") == "layer"
    assert family_of("layer_activation_relu") == "layer"
    assert family_of("op_add") == "op"
    assert family_of("k_mean") == "k"
    assert family_of("keras_model") == "other"
    assert family_of("%>%") == "other"
    assert family_of("Dense") == "other"


def test_coverage_counts():
    names = ["layer_dense", "layer_conv_2d", "layer_dense", "optimizer_adam", "fit", "op_add"]
    result = coverage(names, {"layer_dense", "fit", "not_exported"})
    assert (result["total"], result["provided"]) == (5, 2)
    assert result["percent"] == pytest.approx(40.0)
    assert result["missing"] == ["layer_conv_2d", "optimizer_adam", "op_add"]
    assert list(result["families"]) == ["layer", "optimizer", "op", "other"]
    assert result["families"]["layer"] == {"total": 2, "provided": 1, "missing": ["layer_conv_2d"],
                                           "percent": pytest.approx(50.0)}
    core = coverage(names, {"layer_dense"}, families=["layer", "optimizer"])
    assert (core["total"], core["provided"]) == (3, 1)
    assert coverage([], set())["percent"] == 100.0


@pytest.fixture(scope="module")
def keras3_names() -> list[str]:
    ref = reference_dir()
    if ref is None or not (ref / EXPORT_LISTS["keras3"]).is_file():
        pytest.skip("../shared/reference/keras3-exports.txt not found (set RKERAS_SHARED_DIR)")
    return read_exports(ref / EXPORT_LISTS["keras3"])


def test_keras3_core_families_covered(keras3_names):
    from rkeras.spec import all_rows

    provided = {row.name for row in all_rows()}
    result = coverage(keras3_names, provided, families=CORE_FAMILIES)
    assert result["total"] > 250, "the keras3 export list looks truncated"
    assert result["percent"] >= 95.0, (
        f"keras3 core coverage {result['percent']:.1f}% < 95%; missing: {' '.join(result['missing'])}")


def test_cli_prints_keras3_line(keras3_names, repo_root):
    proc = subprocess.run([sys.executable, "-m", "rkeras.coverage"], cwd=repo_root,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith("keras3:")]
    assert lines, proc.stdout
    assert "%" in lines[0]
    assert "core families" in proc.stdout


def test_cli_does_not_import_keras(keras3_names, repo_root):
    code = ("import sys, contextlib, io\n"
            "from rkeras.coverage import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['--json']) == 0\n"
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('keras', 'tensorflow', 'rpy2')]\n"
            "assert not heavy, heavy[:5]\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=repo_root,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
