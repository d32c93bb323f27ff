"""The installable package (issue 10): the wheel carries the R package and the export lists;
installed into a fresh venv (its heavy dependencies reused from this interpreter's site-packages
through a .pth file, no network), `rkeras run` works from an unrelated folder, `python -m
rkeras.coverage` finds its lists, and `rkeras install-r --lib` makes `library(keras3)` work in a
plain Rscript that starts the venv's Python.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.r, pytest.mark.slow]

RSCRIPT = shutil.which("Rscript")


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    # build from a copy: setuptools leaves build/ and rkeras.egg-info/ beside the sources
    source = work / "src"
    shutil.copytree(repo_root, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--no-index", "-q", "-w", str(work / "dist"), str(source)],
                           capture_output=True, text=True, timeout=600, env=env)
    if build.returncode != 0 and "No module named" in build.stderr:
        pytest.skip(f"cannot build a wheel offline here: {build.stderr[-500:]}")
    assert build.returncode == 0, build.stderr[-3000:]
    wheel = next((work / "dist").glob("rkeras-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("rkeras/_rpkg/DESCRIPTION", "rkeras/_rpkg/NAMESPACE", "rkeras/_rpkg/R/bridge.R",
                   "rkeras/_rpkg/LICENSE", "rkeras/_rpkg/man/rkeras-package.Rd",
                   "rkeras/tools/reference/keras3-exports.txt"):
        assert needed in names, needed
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    (purelib,) = {p for p in venv.glob("lib/python*/site-packages")}
    # install first: with the .pth below, pip would see this interpreter's rkeras as installed
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                              "install", "--no-deps", "--no-index", "-q", str(wheel)],
                             capture_output=True, text=True, timeout=600, cwd=work, env=env)
    assert install.returncode == 0, install.stderr[-3000:]
    assert (purelib / "rkeras" / "_rpkg" / "DESCRIPTION").is_file()
    # the heavy dependencies (TensorFlow, rpy2, ...) come from this interpreter's site-packages;
    # a path line in a .pth file does not run the .pth files there (no editable rkeras finder)
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (purelib / "zz_rkeras_test_deps.pth").write_text("\n".join(deps) + "\n")
    return venv


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RKERAS_R_SOURCE", "RKERAS_PYTHON",
                                                            "RKERAS_SHARED_DIR", "R_LIBS")}
    env["RKERAS_CACHE_DIR"] = str(tmp / "cache")
    return env


SCRIPT = """library(keras3)
set.seed(1)
model <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
compile(model, loss = "mse", optimizer = "sgd")
h <- fit(model, matrix(runif(30), 10), matrix(runif(20), 10), epochs = 2, verbose = 0)
cat("EPOCHS", length(h$metrics$loss), "FROM", dirname(dirname(find.package("rkeras"))) != "", "\\n")
"""


def test_rkeras_run_from_the_wheel(wheel_venv: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "s.R").write_text(SCRIPT, encoding="utf-8")
    where = subprocess.run([str(wheel_venv / "bin" / "python"), "-c",
                            "import rkeras.host.rpackage as r; print(r.r_source_root())"],
                           cwd=elsewhere, capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert where.returncode == 0, where.stderr
    purelib = next(wheel_venv.glob("lib/python*/site-packages"))
    assert Path(where.stdout.strip()) == purelib / "rkeras" / "_rpkg"
    proc = subprocess.run([str(wheel_venv / "bin" / "rkeras"), "run", "s.R"], cwd=elsewhere,
                          capture_output=True, text=True, env=_env(tmp_path), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "EPOCHS 2 FROM TRUE " in proc.stdout.splitlines(), proc.stdout


def test_coverage_from_the_wheel(wheel_venv: Path, tmp_path: Path) -> None:
    proc = subprocess.run([str(wheel_venv / "bin" / "python"), "-m", "rkeras.coverage", "--no-missing"],
                          cwd=tmp_path, capture_output=True, text=True, env=_env(tmp_path), timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "keras3" in proc.stdout


@pytest.mark.skipif(RSCRIPT is None, reason="Rscript is needed")
def test_install_r_then_plain_rscript(wheel_venv: Path, tmp_path: Path) -> None:
    lib = tmp_path / "Rlib" / "user"  # created by install-r
    env = _env(tmp_path)
    proc = subprocess.run([str(wheel_venv / "bin" / "rkeras"), "install-r", "--lib", str(lib)], cwd=tmp_path,
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"is not on R's library path; set R_LIBS={lib}" in proc.stderr
    assert (lib / "rkeras" / "python.txt").read_text().strip() == str(wheel_venv / "bin" / "python")
    assert {p.name for p in lib.iterdir()} >= {"rkeras", "keras", "keras3", "kerasR"}
    assert RSCRIPT is not None
    (tmp_path / "s.R").write_text(SCRIPT, encoding="utf-8")
    run = subprocess.run([RSCRIPT, "s.R"], cwd=tmp_path, capture_output=True, text=True,
                         env=dict(env, R_LIBS=str(lib)), timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "EPOCHS 2 FROM TRUE " in run.stdout.splitlines(), run.stdout
