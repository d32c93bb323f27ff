"""Keras backends: use_backend() / config_backend() / backend(), KERAS_BACKEND, and rkeras on JAX
without TensorFlow (docs/DESIGN-NOTES.md, Backends).

Keras picks its backend once, when it is first imported, so everything that runs on another
backend runs in a subprocess; this process has Keras on TensorFlow (tests/python/conftest.py).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import rkeras
from rkeras.errors import RKerasError

HAVE_JAX = importlib.util.find_spec("jax") is not None
needs_jax = pytest.mark.skipif(not HAVE_JAX, reason="jax is not installed (pip install -e .[jax])")


def _python(code: str, *, backend: str | None, cwd: Path, timeout: float = 600,
            env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``code`` in a fresh Python with KERAS_BACKEND=``backend`` (unset when None) and ``env``;
    it prints one JSON line last, which is returned."""
    env = dict(os.environ, **(env or {}))
    env.pop("KERAS_BACKEND", None)
    if backend is not None:
        env["KERAS_BACKEND"] = backend
    proc = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr[-3000:]}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ in this process (TensorFlow)
def test_use_backend_checks_its_arguments() -> None:
    with pytest.raises(RKerasError, match=r'use_backend\(\): `backend` must be one of "tensorflow", "jax"'):
        rkeras.use_backend("theano")
    with pytest.raises(RKerasError, match="must be one of"):
        rkeras.use_backend(3)
    with pytest.raises(RKerasError, match=r"`gpu` must be TRUE, FALSE or NA, got 'yes'"):
        rkeras.use_backend("tensorflow", gpu="yes")


def test_after_keras_loads_the_same_backend_is_fine_and_another_an_error() -> None:
    assert rkeras.config_backend() == "tensorflow"  # loads Keras (KERAS_BACKEND=tensorflow here)
    assert rkeras.use_backend("tensorflow") == "tensorflow"
    assert rkeras.use_backend("tensorflow", gpu=False) == "tensorflow"
    with pytest.raises(RKerasError) as err:
        rkeras.use_backend("jax")
    assert str(err.value).startswith(
        "use_backend(): Keras is already loaded with the tensorflow backend; call use_backend() before "
        "anything that uses Keras, or restart R"
    )
    assert os.environ["KERAS_BACKEND"] == "tensorflow"  # unchanged by the refused call


def test_backend_is_the_keras_backend_module() -> None:
    import keras

    k = rkeras.backend()
    assert k is keras.backend
    assert k.backend() == "tensorflow" and k.floatx() == "float32" and k.epsilon() == pytest.approx(1e-7)
    assert rkeras.backend(convert=False) is keras.backend


def test_use_backend_is_invisible_in_r_and_the_others_visible() -> None:
    from rkeras.spec import all_rows

    rows = {r.name: r for r in all_rows()}
    assert rows["use_backend"].invisible and rows["use_backend"].flavour == "keras3"
    assert not rows["config_backend"].invisible and rows["config_backend"].flavour == "keras3"
    assert rows["backend"].flavour == "keras2"


@pytest.mark.parametrize(("code", "env", "held"), [
    ('library(keras3)\nmodel <- keras_model_sequential()\n# use_backend\n', None, False),
    ('use_backend("jax")\nlibrary(keras3)\n', "jax", False),
    ('# choose\nlibrary(keras3)\n\nuse_backend(backend = "numpy"); x <- 1\n', "numpy", False),
    ('x <- 1\nuse_backend("jax")\n', None, True),
    ('use_backend("jax", gpu = FALSE)\n', None, True),
    ('if (fast) use_backend("jax") else use_backend("torch")\n', None, True),
    ('use_backend("theano")\n', None, True),
])
def test_run_preloads_the_first_statements_backend_or_holds_the_preload(
        code: str, env: str | None, held: bool, monkeypatch: Any) -> None:
    """rkeras run: a first statement use_backend("NAME") sets KERAS_BACKEND=NAME before the
    preload; a use_backend() call anywhere else holds the preload."""
    from rkeras import cli
    from rkeras.api import _keras

    if env == "jax" and not HAVE_JAX:
        pytest.skip("jax is not installed")
    monkeypatch.setattr(_keras, "_PRELOAD_HELD", [])
    monkeypatch.delenv("KERAS_BACKEND")
    cli._plan_preload(code)
    assert os.environ.get("KERAS_BACKEND") == env
    assert _keras._PRELOAD_HELD == (["the R code calls use_backend()"] if held else [])
    if held:
        monkeypatch.setattr(_keras, "_PRELOAD", [])
        _keras.preload()  # held: starts nothing
        assert _keras._PRELOAD == [] and not _keras.preloaded()


# ------------------------------------------------------------------ other backends, in subprocesses
_FRESH_USE_BACKEND = """
import json, os, sys
import rkeras
from rkeras.errors import RKerasError
before = "keras" in sys.modules
chosen = rkeras.use_backend("jax")
env = os.environ["KERAS_BACKEND"]
name = rkeras.config_backend()
again = rkeras.use_backend("jax")
try:
    rkeras.use_backend("tensorflow")
    refused = None
except RKerasError as err:
    refused = str(err)
print(json.dumps({"before": before, "chosen": chosen, "env": env, "name": name, "again": again,
                  "refused": refused, "tf": "tensorflow" in sys.modules}))
"""


@needs_jax
def test_use_backend_before_keras_loads_chooses_the_backend(tmp_path: Path) -> None:
    out = _python(_FRESH_USE_BACKEND, backend=None, cwd=tmp_path)
    assert out == {
        "before": False, "chosen": "jax", "env": "jax", "name": "jax", "again": "jax",
        "refused": "use_backend(): Keras is already loaded with the jax backend; call use_backend() "
                   "before anything that uses Keras, or restart R",
        "tf": False,
    }


def test_without_keras_backend_keras_picks_keras_json_then_tensorflow(tmp_path: Path) -> None:
    """rkeras no longer forces KERAS_BACKEND=tensorflow: Keras's own rule applies (keras.json in
    KERAS_HOME, else tensorflow); checked with a keras.json naming "numpy" (no extra package)."""
    home = tmp_path / "keras-home"
    home.mkdir()
    (home / "keras.json").write_text(json.dumps({"backend": "numpy", "floatx": "float32", "epsilon": 1e-7,
                                                 "image_data_format": "channels_last"}))
    code = ("import json, sys; import rkeras; "
            "print(json.dumps({'name': rkeras.config_backend(), 'tf': 'tensorflow' in sys.modules}))")
    out = _python(code, backend=None, cwd=tmp_path, env={"KERAS_HOME": str(home)})
    assert out == {"name": "numpy", "tf": False}
    assert _python(code, backend=None, cwd=tmp_path)["name"] == "tensorflow"  # conftest's empty KERAS_HOME


_JAX_WORKFLOW = """
import json, sys
import numpy as np
import rkeras
from rkeras import *

assert "keras" not in sys.modules  # importing rkeras loads no Keras
set_random_seed(1)
rng = np.random.default_rng(0)
x = rng.random((32, 4)).astype("float32")
y = (x.sum(axis=1) > 2).astype("int64")
model = keras_model_sequential(input_shape=4) | layer_dense(units=8, activation="relu") \\
    | layer_dense(units=2, activation="softmax")
compile(model, loss="sparse_categorical_crossentropy", optimizer="adam", metrics="accuracy")
history = fit(model, x, y, epochs=1, batch_size=8, verbose=0)
pred = predict(model, x, verbose=0)
summary(model)
save_model(model, "m.keras")
again = load_model("m.keras")
pred2 = predict(again, x, verbose=0)
save_model_weights(model, "m.weights.h5")
mnist = dataset_mnist()
onehot = to_categorical([0, 2, 1], 3)
reshaped = array_reshape(np.arange(6), [2, 3])
padded = pad_sequences([[1, 2], [3]], maxlen=3)
print(json.dumps({
    "backend": config_backend(),
    "history": sorted(history.metrics),
    "pred_shape": list(np.asarray(pred).shape),
    "rows_sum_to_1": bool(np.allclose(np.asarray(pred).sum(axis=1), 1, atol=1e-5)),
    "reloaded_same": bool(np.allclose(np.asarray(pred), np.asarray(pred2), atol=1e-6)),
    "mnist": [list(mnist["train"]["x"].shape), list(mnist["test"]["y"].shape)],
    "onehot": np.asarray(onehot).tolist(),
    "reshaped": np.asarray(reshaped).tolist(),
    "padded": np.asarray(padded).tolist(),
    "tf": "tensorflow" in sys.modules,
    "tf_modules": sorted(m for m in sys.modules if m.split(".")[0] == "tensorflow")[:5],
}))
"""


@needs_jax
def test_rkeras_on_jax_never_imports_tensorflow(tmp_path: Path, shared_data: Path) -> None:
    out = _python(_JAX_WORKFLOW, backend="jax", cwd=tmp_path)
    assert out["backend"] == "jax" and out["history"] == ["accuracy", "loss"]
    assert out["pred_shape"] == [32, 2] and out["rows_sum_to_1"] and out["reloaded_same"]
    assert out["mnist"] == [[60000, 28, 28], [10000]]
    assert out["onehot"] == [[1, 0, 0], [0, 0, 1], [0, 1, 0]]
    assert out["reshaped"] == [[0, 1, 2], [3, 4, 5]]
    assert out["padded"] == [[0, 1, 2], [0, 0, 3]]
    assert (tmp_path / "m.keras").is_file() and (tmp_path / "m.weights.h5").is_file()
    assert out["tf"] is False, f"TensorFlow was imported on JAX: {out['tf_modules']}"


# ------------------------------------------------------------------ from R, through the host
def _r_works() -> bool:
    import shutil

    if shutil.which("R") is None:
        return False
    proc = subprocess.run([sys.executable, "-c", "import rpy2.rinterface"], capture_output=True, timeout=120)
    return proc.returncode == 0


R_OK = _r_works()
_R_MODEL = """
library(keras3)
set.seed(1)
x <- matrix(runif(40), 10, 4)
y <- matrix(runif(10), 10, 1)
model <- keras_model_sequential(input_shape = 4) |> layer_dense(units = 1)
compile(model, loss = "mse", optimizer = "sgd")
history <- fit(model, x, y, epochs = 1, verbose = 0)
p <- predict(model, x, verbose = 0)
cat("BACKEND", config_backend(), "\\n")
cat("PRED", dim(p), all(is.finite(p)), "\\n")
cat("LOSS", length(history$metrics$loss), "\\n")
cat("TF", rkeras:::.rk_call(".py_eval", "__import__('sys').modules.get('tensorflow') is not None"), "\\n")
"""


def _rkeras_run(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = dict(os.environ, **env)
    return subprocess.run([sys.executable, "-m", "rkeras.cli", "run", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=600)


@pytest.mark.r
@pytest.mark.slow
@needs_jax
@pytest.mark.skipif(not R_OK, reason="R and rpy2 (>=3.5.17,<3.6) are needed for the R host")
@pytest.mark.parametrize("how", ["use_backend", "use_backend_later", "KERAS_BACKEND"])
def test_rkeras_run_on_jax_from_r(how: str, tmp_path: Path) -> None:
    """A script whose first line is use_backend("jax") (the host preloads JAX's Keras), one that
    calls it later (no preload), or KERAS_BACKEND=jax in the environment (JAX's Keras preloaded)."""
    script = tmp_path / "jax.R"
    if how.startswith("use_backend"):
        first = 'use_backend("jax")\n' if how == "use_backend" else 'n <- 10\nuse_backend("jax")\n'
        script.write_text(first + _R_MODEL + 'use_backend("jax")\ncat("SAME OK\\n")\n'
                          'r <- tryCatch(use_backend("tensorflow"),\n'
                          '              error = function(e) conditionMessage(e))\n'
                          'cat("REFUSED", r, "\\n")\n')
        env = {"KERAS_BACKEND": "tensorflow"}  # the script's choice wins, as in keras3
    else:
        script.write_text(_R_MODEL)
        env = {"KERAS_BACKEND": "jax"}
    proc = _rkeras_run(str(script), cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert "BACKEND jax " in lines
    assert "PRED 10 1 TRUE " in lines
    assert "LOSS 1 " in lines
    assert "TF FALSE " in lines, proc.stdout
    if how.startswith("use_backend"):
        assert "SAME OK" in lines
        refused = next(line for line in lines if line.startswith("REFUSED"))
        assert "Keras is already loaded with the jax backend; call use_backend() before anything" in refused
