"""Notebooks (issue 15): R and Python cells on one Keras model.

* Jupyter: ``vignettes/notebook_r_and_python.ipynb`` runs headless (nbclient, an ipykernel of this
  interpreter): ``%load_ext rkeras``, a model built in a Python cell, trained by ``fit()`` in an
  ``%%R -i model`` cell, evaluated in Python, ``plot(history)`` inline as a PNG; then, in the same
  kernel, an R error is a cell error with R's message and call.
* R Markdown: an Rmd knitted by knitr in plain R (rkeras through reticulate) with R and Python
  chunks: ``py$model`` and ``r.model`` are the same model, trained in one and evaluated in the other.

One kernel and one R process each: starting them (TensorFlow's import) is most of the time.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = [pytest.mark.r, pytest.mark.slow]

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

RSCRIPT = shutil.which("Rscript")


def _text(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif "data" in out and "text/plain" in out["data"]:
            parts.append(out["data"]["text/plain"])
    return "".join(parts)


@pytest.fixture(scope="module")
def executed(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    nb = nbformat.read(repo_root / "vignettes" / "notebook_r_and_python.ipynb", as_version=4)
    # after the vignette's cells, in the same kernel: R warnings as R's console shows them, an R
    # error, and the kernel still answers
    nb.cells.append(nbformat.v4.new_code_cell("%%R\ng <- function() warning('careful')\ng()\n"
                                              "x <- as.integer('a')"))
    nb.cells.append(nbformat.v4.new_code_cell("%%R\nf <- function(n) stop('no ', n, ' here')\nf(3)"))
    nb.cells.append(nbformat.v4.new_code_cell("%%R\nlayer_dense(units = 2.5)"))
    nb.cells.append(nbformat.v4.new_code_cell("%R -o two two <- 1 + 1\nprint('after errors', two)"))
    # the same progress bar from a Python cell, to compare with the R cell's
    nb.cells.append(nbformat.v4.new_code_cell("model.fit(x, y, epochs=1, batch_size=16)"))
    work = tmp_path_factory.mktemp("nb")
    env = {"PYTHONPATH": str(repo_root), "TF_CPP_MIN_LOG_LEVEL": "3"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                                         resources={"metadata": {"path": str(work)}})
        client.execute()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return {"nb": nb, "code": [c for c in nb.cells if c.cell_type == "code"]}


def test_notebook_model_crosses_between_python_and_r_cells(executed: dict) -> None:
    code = executed["code"]
    errors = [(i, o) for i, c in enumerate(code[:-4]) for o in c.outputs if o["output_type"] == "error"]
    assert not errors, errors
    fit_out = _text(code[2])
    assert "x in R: 64 4" in fit_out, fit_out
    # rpy2's start-up warnings (an empty site library on a fresh Debian) are not the user's
    assert "Warning" not in fit_out, fit_out
    assert "R epochs: 2" in fit_out
    assert "Epoch 2/2" in fit_out
    # The progress bar is Keras's, written to the kernel's stream as in a Python cell: only the
    # colour codes (SGR) that Jupyter renders, the same ones a Python cell's fit() writes.
    escapes = set(re.findall(r"\x1b\[[0-9;]*[A-Za-z]", fit_out))
    python_escapes = set(re.findall(r"\x1b\[[0-9;]*[A-Za-z]", _text(code[-1])))
    assert python_escapes and escapes == python_escapes, (escapes, python_escapes)
    assert all(e.endswith("m") for e in escapes)
    assert "4/4" in fit_out
    evaluated = _text(code[3])
    hist = re.search(r"history \(from R\): \[([-\d.e, ]+)\]", evaluated)
    assert hist, evaluated
    losses = [float(v) for v in hist.group(1).split(",")]
    assert len(losses) == 2 and losses[1] < losses[0]
    assert "optimizer steps: 8" in evaluated  # 64 samples / batch 16, 2 epochs: the R fit trained it
    m = re.search(r"evaluated mse: ([\d.]+) \(numpy: ([\d.]+)\)", evaluated)
    assert m, evaluated
    assert float(m.group(1)) == pytest.approx(float(m.group(2)), rel=1e-4)
    assert "kernel (4, 1) True" in _text(code[6])


def test_notebook_plot_from_r_is_an_inline_png(executed: dict) -> None:
    plot_cell = executed["code"][4]
    pngs = [o["data"]["image/png"] for o in plot_cell.outputs if "image/png" in o.get("data", {})]
    assert len(pngs) == 1, plot_cell.outputs
    raw = base64.b64decode(pngs[0])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 2000


def test_notebook_r_warnings_print_as_in_r(executed: dict) -> None:
    text = _text(executed["code"][-5])
    assert "Warning messages:\n1: In g() : careful\n2: NAs introduced by coercion" in text, text
    assert "In addition" not in text and "eval(e" not in text


def test_notebook_r_error_is_a_cell_error_and_the_kernel_goes_on(executed: dict) -> None:
    stop_cell, rkeras_cell, after = executed["code"][-4:-1]
    err = [o for o in stop_cell.outputs if o["output_type"] == "error"]
    assert err and err[0]["ename"] == "RInterpreterError", stop_cell.outputs
    assert "Error in f(3) : no 3 here" in err[0]["evalue"]
    err = [o for o in rkeras_cell.outputs if o["output_type"] == "error"]
    assert err and "layer_dense(): `units` must be a whole number, got 2.5" in err[0]["evalue"]
    assert "after errors [2.]" in _text(after)


RMD = """---
title: one model, two languages
---

```{r setup}
library(keras3)
library(reticulate)
```

```{python build}
import numpy as np
from rkeras import keras_model_sequential, layer_dense
rng = np.random.default_rng(2)
x = rng.random((40, 3)).astype("float32")
y = x @ np.array([[1.0], [-2.0], [0.5]], dtype="float32")
model = keras_model_sequential(input_shape=3) | layer_dense(units=1)
```

```{r train}
model <- py$model
model |> compile(loss = "mse", optimizer = optimizer_sgd(learning_rate = 0.1))
history <- model |> fit(py$x, py$y, epochs = 2, batch_size = 10, verbose = 0)
cat("R_EPOCHS", length(history$metrics$loss), "\\n")
cat("R_LOSS", sprintf("%.6f", history$metrics$loss[2]), "\\n")
```

```{python evaluate}
print("SAME", r.model is model)
print("STEPS", int(model.optimizer.iterations.numpy()))
print("PY_EVAL %.6f %.6f" % (model.evaluate(x, y, verbose=0),
                             float(np.mean((model.predict(x, verbose=0) - y) ** 2))))
```

```{r history-plot}
plot(history)
```
"""


@pytest.mark.skipif(RSCRIPT is None, reason="R is needed")
def test_rmarkdown_r_and_python_chunks_share_one_model(repo_root: Path, tmp_path: Path) -> None:
    probe = subprocess.run([RSCRIPT, "-e", "quit(status = !all(sapply(c('knitr', 'reticulate'), "
                            "requireNamespace, quietly = TRUE)))"], capture_output=True, timeout=120)
    if probe.returncode != 0:
        pytest.skip("knitr and reticulate are needed")
    from rkeras.host import rpackage

    lib = tmp_path / "rlib"
    lib.mkdir()
    rpackage.install_r(lib, python=sys.executable, quiet=True)
    env = dict(os.environ, R_LIBS=str(lib), PYTHONPATH=str(repo_root), TF_CPP_MIN_LOG_LEVEL="3",
               RETICULATE_PYTHON=sys.executable)
    env.pop("RKERAS_PYTHON", None)
    (tmp_path / "two.Rmd").write_text(RMD, encoding="utf-8")
    proc = subprocess.run([RSCRIPT, "-e", 'knitr::knit("two.Rmd", "two.md", quiet = TRUE)'], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-4000:]
    md = (tmp_path / "two.md").read_text(encoding="utf-8")
    assert "Error" not in md, md
    assert "## R_EPOCHS 2" in md, md
    assert "## SAME True" in md, md
    assert "## STEPS 8" in md, md  # 40 samples / batch 10, 2 epochs: R's fit trained Python's model
    m = re.search(r"## PY_EVAL ([\d.]+) ([\d.]+)", md)
    assert m, md
    assert float(m.group(1)) == pytest.approx(float(m.group(2)), rel=1e-4)
    r_loss = float(re.search(r"## R_LOSS ([\d.]+)", md).group(1))
    assert np.isfinite(r_loss) and r_loss > 0
    pngs = sorted((tmp_path / "figure").glob("history-plot-*.png"))
    assert pngs and pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


INTERRUPT = r"""
import os, signal, threading, time
from IPython.testing.globalipapp import start_ipython
ip = start_ipython()
ip.run_line_magic("load_ext", "rkeras")
ip.run_cell("import numpy as np\nfrom rkeras import keras_model_sequential, layer_dense\n"
            "model = keras_model_sequential(input_shape=4) | layer_dense(units=1)\n"
            "x = np.random.rand(2000, 4).astype('float32'); y = x.sum(axis=1, keepdims=True)")
ip.run_cell("%%R -i model,x,y\nlibrary(keras3)\ncompile(model, loss = 'mse', optimizer = 'sgd')")
threading.Timer(3.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
t = time.time()
r = ip.run_cell("%%R\nh <- fit(model, x, y, epochs = 1000, batch_size = 8, verbose = 0)\n"
                "cat(paste0('FIN', 'ISHED'), '\\n')")
print("ELAPSED", round(time.time() - t, 1), "ERROR", type(r.error_in_exec).__name__)
r = ip.run_cell("%R cat('STILL', 1 + 1, '\\n')")
print("AFTER", r.success)
"""


def test_interrupt_stops_a_long_fit_in_an_r_cell(repo_root: Path) -> None:
    """SIGINT (what Jupyter's "interrupt kernel" sends) during fit() in an R cell: the cell ends
    with KeyboardInterrupt in seconds (1000 epochs would take minutes) and R cells still run."""
    env = dict(os.environ, PYTHONPATH=str(repo_root), TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run([sys.executable, "-c", INTERRUPT], env=env, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    m = re.search(r"ELAPSED ([\d.]+) ERROR (\w+)", out)
    assert m, out[-3000:]
    assert m.group(2) == "KeyboardInterrupt", out[-3000:]
    assert float(m.group(1)) < 60
    assert "FINISHED" not in out
    assert "STILL 2" in out and "AFTER True" in out, out[-3000:]
