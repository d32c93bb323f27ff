"""The seed vignettes (vignettes/*.R through `rkeras run`, and their Python ports) in a short form.

Every vignette runs unchanged with RKERAS_MAX_SAMPLES=1000 and RKERAS_MAX_EPOCHS=1 (datasets cut
to their first 1000 training / 250 test samples, fit() capped at one epoch), through the same
runner as `make vignettes` (vignettes/run.py), downloads blocked. The tests check that each one
completes (or, where a file is not available offline, stops with rkeras's clear error naming it)
and that its figures are in sane ranges; `make vignettes` checks the full-length figures.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
VIGNETTES = REPO / "vignettes"


def _load_runner() -> Any:
    spec = importlib.util.spec_from_file_location("rkeras_vignette_runner", VIGNETTES / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


runner = _load_runner()


def _r_available() -> bool:
    try:
        proc = subprocess.run([sys.executable, "-c", "import rpy2.rinterface"], capture_output=True,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


R_OK = _r_available()
NAMES = [v.name for v in runner.VIGNETTES]


# --------------------------------------------------------------------------- fast: files and runner


def test_every_vignette_has_r_python_and_page() -> None:
    for name in NAMES:
        for ext in ("R", "py", "md"):
            assert (VIGNETTES / f"{name}.{ext}").is_file(), f"{name}.{ext} is missing"
    on_disk = {p.stem for p in VIGNETTES.glob("*.R")}
    assert on_disk == set(NAMES), "every vignettes/*.R is run by vignettes/run.py"


def _seed_text(seed: str) -> str | None:
    shared = Path(os.environ.get("RKERAS_SHARED_DIR") or REPO.parent / "shared")
    found = sorted((shared / "seeds").glob(f"{seed}_*.txt"))
    return found[0].read_text(encoding="utf-8") if found else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", NAMES)
def test_r_vignette_is_the_seed_code(name: str) -> None:
    """Each code line of the R vignette is in the seed, except the lines marked [added]/[restored]."""
    v = runner.BY_NAME[name]
    if v.seed == "-":
        return  # not a seed vignette (text_tokenizer_keras2, the guides): nothing to compare
    seed = _seed_text(v.seed)
    if seed is None:
        pytest.skip("the seeds (../shared/seeds) are not here")
    seed_flat = _squash(seed.replace("\n> ", "\n"))
    added = False
    for number, line in enumerate((VIGNETTES / f"{name}.R").read_text(encoding="utf-8").splitlines(), 1):
        if "[end added]" in line:
            added = False
            continue
        if "---- [added]" in line:
            added = True
            continue
        code = line.strip()
        if added or not code or "[restored" in code or "[added" in code:
            continue
        if code.startswith("#") and not code.startswith(("# reshape", "# rescale")):
            continue
        assert _squash(code) in seed_flat, f"{name}.R line {number} is not in seed {v.seed}: {code!r}"


SEED_TABLE = """
Model: "sequential"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
│ dense (Dense)                   │ (None, 256)            │       200,960 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout (Dropout)               │ (None, 256)            │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_1 (Dense)                 │ (None, 128)            │        32,896 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dropout_1 (Dropout)             │ (None, 128)            │             0 │
├─────────────────────────────────┼────────────────────────┼───────────────┤
│ dense_2 (Dense)                 │ (None, 10)             │         1,290 │
└─────────────────────────────────┴────────────────────────┴───────────────┘
 Total params: 235,146 (918.54 KB)
"""


def test_runner_reads_summary_tables_and_statuses() -> None:
    parsed = runner.parse_summary(SEED_TABLE)
    assert [tuple(r) for r in parsed["rows"]] == runner.SEED_SUMMARY_KERAS3
    assert parsed["total"] == 235146
    summary = next(f for f in runner.BY_NAME["mnist_keras2"].figures if f.key == "summary")
    assert summary.check(SEED_TABLE)  # keras 2.x names differ: classes, shapes and params are compared
    v = runner.BY_NAME["kerasr_save_load"]
    assert runner.status_of(v, []) == "ok"
    assert runner.status_of(v, [{"message": "object 'tf' not found"}]) == "ok"
    assert runner.status_of(v, [{"message": "something else"}]) == "failed"
    imdb = runner.BY_NAME["kerasr_imdb"]
    assert runner.status_of(imdb, [{"message": "load_imdb(): imdb.npz not found in ..."}]) == "not run"


# --------------------------------------------------------------------------- slow: the short runs


def _classes_ok(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 20
            and all(isinstance(c, int) and 0 <= c <= 9 for c in value))


def _number(value: Any) -> float:
    assert isinstance(value, (int, float)), value
    return float(value)


def _check_mnist_mlp(name: str, lang: str, rec: dict[str, Any]) -> None:
    fig = rec["figures"]
    assert rec["status"] == "ok", rec["errors"]
    assert runner._accuracy(fig["test_accuracy"]) > 0.5
    assert _classes_ok(fig["classes_20"]), fig["classes_20"]
    parsed = runner.parse_summary(fig["summary"])
    assert parsed and parsed["total"] == 235146
    seed = runner.SEED_SUMMARY_KERAS3
    assert [tuple(r[1:]) for r in parsed["rows"]] == [s[1:] for s in seed]
    if name == "mnist_keras3":
        assert [r[0] for r in parsed["rows"]] == [s[0] for s in seed]
    assert fig["epochs"] == 1
    assert rec["images"], "plot(history) wrote no PNG"
    if name == "mnist_keras3":
        assert len(rec["images"]) == 2  # plot(model) (the layer stack), plot(history)


def _check(name: str, lang: str, rec: dict[str, Any]) -> None:
    fig = rec["figures"]
    if name.startswith("mnist_"):
        _check_mnist_mlp(name, lang, rec)
        if name == "mnist_dim_reshape":  # dim<- flattens each image column by column, as R does
            assert fig["pixel_order"] == [198, 11, 0, 2, 70]
    elif name == "readme_keras_early":
        assert rec["status"] == "ok", rec["errors"]
        metrics = fig["loss_and_metrics"]
        assert 0 <= metrics["accuracy"] <= 1 and math.isfinite(metrics["loss"])
        assert _classes_ok(fig["classes_20"])
        assert fig["learning_rate"] == pytest.approx(0.02)
    elif name == "kerasr_boston":
        assert rec["status"] == "ok", rec["errors"]
        assert 0 < _number(fig["error_ratio"]) < 5
        assert 0 < _number(fig["error_ratio_scaled"]) < 5
    elif name in ("kerasr_mnist_dense", "kerasr_mnist_cnn"):
        assert rec["status"] == "ok", rec["errors"]
        assert _number(fig["test_accuracy"]) > 0.3
        assert _classes_ok(fig["classes_20"])
    elif name == "kerasr_imdb":
        assert rec["status"] == "not run", rec["errors"]
        message = rec["errors"][0]["message"]
        assert "load_imdb()" in message and "imdb.npz" in message
    elif name == "kerasr_inception":
        assert rec["status"] == "not run", rec["errors"]
        message = rec["errors"][0]["message"]
        assert "InceptionV3()" in message and "inception_v3_weights_tf_dim_ordering_tf_kernels.h5" in message
    elif name == "kerasr_save_load":
        assert rec["status"] == "ok", rec["errors"]
        messages = [e["message"] for e in rec["errors"]]
        assert len(messages) == 2  # the seed's two slips, each with a clear error
        assert re.search(r"'tf'", messages[0])
        assert "keras_model_to_json()" in messages[1] and "keras_model_from_json()" in messages[1]
        assert all(rec["checks"].values()), rec["figures"]
    elif name == "text_tokenizer_keras2":
        assert rec["status"] == "ok", rec["errors"]
        assert fig["n_tokens"] == 1492  # the corpus is made by arithmetic: the same in R and Python
        assert fig["first_sequence"] == FIRST_SEQUENCE
        for key in ("test_accuracy", "bow_accuracy"):
            assert 0 <= _number(fig[key]) <= 1
        assert rec["images"], "plot(history) wrote no PNG"
    elif name == "guide_functional_api":
        assert rec["status"] == "ok", rec["errors"]
        assert fig["shape_inputs"] == "shape(NA, 784)"  # shape() of a keras_input(), printed as keras3 does
        assert 0 <= _number(fig["test_accuracy"]) <= 1
        assert math.isfinite(_number(fig["ticket_loss"]))  # 3 inputs, 2 named outputs, random_*() data
        assert fig["resnet_input"] == [1000, 32, 32, 3]  # op_expand_dims |> op_image_resize |> op_repeat
        assert fig["pixel_sum"] == pytest.approx(867198.7)  # resized alike in R and Python
        assert rec["checks"]["resnet_params"], fig["resnet_params"]  # the toy ResNet: 186,346 params
        assert 0 <= _number(fig["resnet_val_acc"]) <= 1
        assert fig["n_features"] == 26  # VGG19: one output per layer
        assert fig["rnn_shape"] == [1, 8, 1]  # shape(), inputs[, t, ], op_stack() in layer_lambda()
        assert len(rec["images"]) == 4, rec["images"]  # the four plot(model) graphs
    elif name == "guide_subclassing":
        _check_subclassing(lang, rec)
    else:  # pragma: no cover - a new vignette needs its checks here
        pytest.fail(f"no checks for {name}")


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]  # R writes a length-1 vector as a scalar


# guide_subclassing's figures by language, to compare R's with Python's once both have run
_SUBCLASSING: dict[str, dict[str, Any]] = {}
# the figures that set_random_seed(1) and the seeded generators fix: the same in R and Python
SUBCLASSING_SEEDED = ("linear_y", "mlp_y", "kernel_l2", "reg_only", "dropout", "vae_losses", "vae_mae",
                      "custom_losses")


def _check_subclassing(lang: str, rec: dict[str, Any]) -> None:
    import numpy as np

    fig = rec["figures"]
    assert rec["status"] == "ok", rec["errors"]
    assert len(fig["linear_y"]) == 4 and all(math.isfinite(v) for v in fig["linear_y"])
    assert fig["sum_total"] == [4, 4]  # ComputeSum's non-trainable total after two calls on ones(2, 2)
    assert fig["built_w_shape"] == [2, 32]  # build() saw the input's last dimension
    assert fig["mlp_weights"] == 6  # three Linear sub-layers, tracked: 3 x (w, b)
    assert fig["activity_loss"] == pytest.approx(0.03, rel=1e-6)  # add_loss(1e-2 * mean(3))
    kernel_l2, check = fig["kernel_l2"]
    assert kernel_l2 > 0 and kernel_l2 == pytest.approx(check, rel=1e-6)
    reg_only, check = fig["reg_only"]
    assert reg_only == pytest.approx(check, rel=1e-6)
    assert fig["config_names"] == ["dtype", "name", "trainable", "units"]
    zeros, *others = fig["dropout"]
    assert 0 < zeros < 40 and others == [2]  # random_dropout(rate = 0.5) scales the kept by 1 / (1 - 0.5)
    # the Metric(): mean |y_true - y_pred| over the batches seen, as numpy computes it
    errors = np.abs(np.concatenate([np.zeros(4) - 2, np.zeros(4) - 4]))
    assert fig["metric_result"] == [pytest.approx(float(np.mean(errors))), 0]
    vae_mae, check = fig["vae_mae"]
    assert 0 < vae_mae < 1 and vae_mae == pytest.approx(check, rel=1e-5)
    assert len(_as_list(fig["vae_losses"])) == 1  # short form: one epoch
    custom, builtin = _as_list(fig["custom_losses"]["custom"]), _as_list(fig["custom_losses"]["builtin"])
    assert len(custom) == 1 and custom == pytest.approx(builtin, rel=1e-5)  # train_step() as Keras's own
    assert fig["reload"] == [True, True]  # identical predictions after save_model() / load_model()
    _SUBCLASSING[lang] = fig
    if len(_SUBCLASSING) == 2:  # both languages ran in this session: the seeded numbers agree
        r, py = _SUBCLASSING["r"], _SUBCLASSING["py"]
        for key in SUBCLASSING_SEEDED:
            got_r, got_py = r[key], py[key]
            if isinstance(got_r, dict):
                got_r, got_py = [_as_list(got_r[k]) for k in sorted(got_r)], [_as_list(got_py[k])
                                                                            for k in sorted(got_py)]
                got_r, got_py = sum(got_r, []), sum(got_py, [])
            assert _as_list(got_py) == pytest.approx(_as_list(got_r), rel=1e-5, abs=1e-7), key


# text_tokenizer_keras2: the first training review's last 5 word indices (tokenizer fitted on the
# 2000 training reviews, num_words = 1000), the same from R and Python
FIRST_SEQUENCE = [589, 433, 761, 13, 14]

CASES = [
    pytest.param(name, lang, id=f"{name}-{lang}",
                 marks=[pytest.mark.slow] + ([pytest.mark.r] if lang == "r" else []))
    for name in NAMES for lang in runner.LANGS
]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_vignette_short_run(name: str, lang: str, tmp_path: Path, shared_data: Path) -> None:
    if lang == "r" and not R_OK:
        pytest.skip("R and rpy2 are needed to run the R vignettes")
    rec = runner.run_one(name, lang, short=True, offline=True, out_dir=tmp_path, timeout=600, quiet=True)
    log = (tmp_path / rec["log"]).read_text(encoding="utf-8", errors="replace")
    assert rec["short"] == {"max_samples": 1000, "max_epochs": 1}
    try:
        _check(name, lang, rec)
    except AssertionError as err:
        raise AssertionError(f"{err}\n--- record: {rec}\n--- log tail:\n{log[-3000:]}") from None
