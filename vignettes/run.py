"""Run the seed vignettes in R (through ``rkeras run``) and in Python, and write ``RESULTS.md``.

    python vignettes/run.py                      # everything, full length (what `make vignettes` runs)
    python vignettes/run.py --only mnist_keras3  # one vignette (repeat --only for more)
    python vignettes/run.py --lang r             # only the R vignettes (or: py)
    python vignettes/run.py --short              # short form: RKERAS_MAX_SAMPLES=1000, RKERAS_MAX_EPOCHS=1
    python vignettes/run.py --report             # only rebuild RESULTS.md from vignettes/out/*.json

Each vignette runs in a fresh process, statement by statement, as Rscript / python would run it:
an R vignette through a small driver (``rkeras run driver.R``) that sends plots to PNG files
(``options(device = png)``) and sources the vignette printing visible values; a Python port
through ``run.py --child`` (a fresh interpreter that runs the file's top-level statements in one
namespace and saves the matplotlib figures it leaves open). Both stop at the first error (the
error is recorded), except vignettes marked ``keep_going`` (the kerasR save/load part, to record
both of the seed's slips). After the vignette, an epilogue evaluates per-vignette expressions on its
globals (test accuracy, first predicted classes, the summary() table, ...) and writes them as
JSON. The parent adds timings and the checks against the seed's figures, writes
``vignettes/out/<name>.<lang>.json`` (partial runs merge), then rebuilds ``vignettes/RESULTS.md``
and the results block of each vignette's page (``<name>.md``) from all the JSON files.
"""

from __future__ import annotations

import argparse
import ast
import datetime as _dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"
LANGS = ("r", "py")
LANG_NAME = {"r": "R", "py": "Python"}
SHORT_SAMPLES = 1000
SHORT_EPOCHS = 1

# --------------------------------------------------------------------------- the seeds' figures

TRUE_CLASSES_20 = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4]  # MNIST test labels 1-20
SEED_000_CLASSES_20 = [7, 2, 1, 0, 4, 1, 4, 9, 6, 9, 0, 6, 9, 0, 1, 5, 9, 7, 3, 4]  # seed 000 printed
SEED_001_CLASSES_20 = TRUE_CLASSES_20  # seeds 001 and 004 printed the true labels

# (layer name, class, output shape, params) as printed by the seeds' summary(model)
SEED_SUMMARY_KERAS3 = [
    ("dense", "Dense", "(None, 256)", 200960),
    ("dropout", "Dropout", "(None, 256)", 0),
    ("dense_1", "Dense", "(None, 128)", 32896),
    ("dropout_1", "Dropout", "(None, 128)", 0),
    ("dense_2", "Dense", "(None, 10)", 1290),
]
SEED_SUMMARY_KERAS2 = [  # keras 2.x numbered layers from 1
    ("dense_1", "Dense", "(None, 256)", 200960),
    ("dropout_1", "Dropout", "(None, 256)", 0),
    ("dense_2", "Dense", "(None, 128)", 32896),
    ("dropout_2", "Dropout", "(None, 128)", 0),
    ("dense_3", "Dense", "(None, 10)", 1290),
]
SEED_TOTAL_PARAMS = 235146


def parse_summary(text: Any) -> dict[str, Any] | None:
    """The rows (name, class, shape, params) and total of a printed Keras summary table."""
    if not isinstance(text, str):
        return None
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"[│|┃]", line) if c.strip()]
        if len(cells) != 3:
            continue
        m = re.fullmatch(r"(\S+) \((\w+)\)", cells[0])
        if not m or not re.fullmatch(r"[\d,]+", cells[2]):
            continue
        rows.append([m.group(1), m.group(2), cells[1], int(cells[2].replace(",", ""))])
    total = re.search(r"Total params: ([\d,]+)", text)
    return {"rows": rows, "total": int(total.group(1).replace(",", "")) if total else None}


# --------------------------------------------------------------------------- the registry


@dataclass
class Figure:
    """One number (or vector, or table) a vignette produces, evaluated after it ran."""

    key: str
    label: str
    r: str  # an R expression, evaluated in the vignette's global environment
    py: str  # a Python expression, evaluated in the port's module namespace
    seed: Any = None  # the seed's figure (shown side by side)
    required: str = ""  # the requirement, in words ("" = reported only)
    check: Callable[[Any], bool] | None = None  # the requirement (full runs only)
    show: Callable[[Any], str] | None = None  # how to print the value
    from_log: str | None = None  # a regex: the figure is what the vignette printed (first match in its log)


@dataclass
class Vignette:
    name: str
    seed: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    keep_going: bool = False  # record every error instead of stopping at the first
    expected_errors: tuple[str, ...] = ()  # regexes: errors the seed's code makes (slips), not failures
    unavailable: str | None = None  # regex: the first error says a needed file is missing ("not run")
    plots: tuple[str, ...] = ()  # the plots the vignette draws, in order: each must give a PNG


def _num(digits: int = 4) -> Callable[[Any], str]:
    def show(v: Any) -> str:
        if isinstance(v, dict) and "accuracy" in v:
            return f"accuracy {v['accuracy']:.{digits}f}, loss {v.get('loss', float('nan')):.{digits}f}"
        return f"{v:.{digits}f}" if isinstance(v, (int, float)) else _plain(v)

    return show


def _plain(v: Any) -> str:
    if isinstance(v, list):
        return " ".join(_plain(x) for x in v)
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_plain(x)}" for k, x in v.items())
    return str(v)


def _accuracy(v: Any) -> float | None:
    if isinstance(v, dict):
        v = v.get("accuracy", v.get("acc"))
    if isinstance(v, list) and len(v) == 1:
        v = v[0]
    return float(v) if isinstance(v, (int, float)) else None


def _at_least(threshold: float) -> Callable[[Any], bool]:
    return lambda v: (a := _accuracy(v)) is not None and a >= threshold


def _classes_agree(seed: list[int], at_least: int) -> Callable[[Any], bool]:
    return lambda v: isinstance(v, list) and len(v) == 20 and _agree(v, seed) >= at_least


def _agree(v: list[Any], seed: list[int]) -> int:
    return sum(a == b for a, b in zip(v, seed, strict=False))


def _show_classes(seed: list[int], what: str = "the seed") -> Callable[[Any], str]:
    def show(v: Any) -> str:
        if not isinstance(v, list):
            return _plain(v)
        return f"{_plain(v)} ({_agree(v, seed)}/20 as {what})"

    return show


def _summary_matches(seed: list[tuple[Any, ...]], names: bool) -> Callable[[Any], bool]:
    def check(v: Any) -> bool:
        parsed = parse_summary(v)
        if not parsed:
            return False
        got = [tuple(r) if names else tuple(r[1:]) for r in parsed["rows"]]
        want = [tuple(r) if names else tuple(r[1:]) for r in seed]
        return got == want and parsed["total"] == SEED_TOTAL_PARAMS

    return check


def _show_summary(v: Any) -> str:
    parsed = parse_summary(v)
    if not parsed:
        return _plain(v)
    rows = "; ".join(f"{n} ({c}) {s} {p}" for n, c, s, p in parsed["rows"])
    return f"{rows}; Total {parsed['total']:,}"


def _seed_summary(seed: list[tuple[Any, ...]]) -> str:
    return "; ".join(f"{n} ({c}) {s} {p}" for n, c, s, p in seed) + f"; Total {SEED_TOTAL_PARAMS:,}"


R_SUMMARY = 'paste(capture.output(summary(model)), collapse = "\\n")'
# The table summary() printed (before compile(): Keras 3 adds the optimizer's variables to the total
# of a trained model's summary, which the epilogue's summary() would show).
SUMMARY_IN_LOG = r'Model: "[^"\n]*"\n.*?Non-trainable params:[^\n]*'
PY_SUMMARY = "_summary_text(model)"
R_EVAL = "evaluate(model, x_test, y_test, verbose = 0)"
PY_EVAL = "evaluate(model, x_test, y_test, verbose=0)"
R_EPOCHS = "length(history$metrics$loss)"
PY_EPOCHS = 'len(history.metrics["loss"])'


def _mlp_figures(seed_acc: float, threshold: float, classes_r: str, classes_py: str,
                 seed_classes: list[int], seed_summary: list[tuple[Any, ...]], names: bool) -> list[Figure]:
    summary_req = ("same layer names, classes, output shapes and param counts; Total 235,146" if names else
                   "same layer classes, output shapes and param counts (names: Keras 3 numbers layers "
                   "from 0, keras 2.x from 1); Total 235,146")
    return [
        Figure("test_accuracy", "MNIST MLP, 30 epochs: test accuracy", R_EVAL, PY_EVAL, seed_acc,
               f">= {threshold}", _at_least(threshold), _num()),
        Figure("classes_20", "first 20 predicted classes", classes_r, classes_py, seed_classes,
               ">= 19 of 20 as the seed's", _classes_agree(seed_classes, 19), _show_classes(seed_classes)),
        Figure("summary", "summary(model), as the vignette printed it", R_SUMMARY, PY_SUMMARY,
               _seed_summary(seed_summary), summary_req, _summary_matches(seed_summary, names), _show_summary,
               from_log=SUMMARY_IN_LOG),
        Figure("epochs", "epochs run", R_EPOCHS, PY_EPOCHS, 30),
        Figure("val_accuracy", "last validation accuracy", "tail(history$metrics$val_accuracy, 1)",
               'history.metrics["val_accuracy"][-1]', None, show=_num()),
    ]


def _show_total(v: Any) -> str:
    m = re.search(r"Total params: ([\d,]+)", v) if isinstance(v, str) else None
    return m.group(1) if m else _plain(v)


R_KERASR_CLASSES = "as.integer(Y_test_hat[1:20])"
PY_KERASR_CLASSES = "[int(v) for v in Y_test_hat[:20]]"

VIGNETTES: list[Vignette] = [
    Vignette(
        "mnist_keras3", "000", "keras3 getting started: MNIST example (|> pipes)",
        _mlp_figures(0.9806, 0.978, "as.integer((max.col(probs) - 1L)[1:20])",
                     "[int(v) for v in probs.argmax(axis=1)[:20]]", SEED_000_CLASSES_20, SEED_SUMMARY_KERAS3,
                     names=True),
        plots=("plot(model)", "plot(history)"),
    ),
    Vignette(
        "mnist_keras2", "001", "keras 2.x R interface: MNIST example (%>%, predict_classes)",
        _mlp_figures(0.9807, 0.978, "as.integer(predict_classes(model, x_test, verbose = 0)[1:20])",
                     "[int(v) for v in predict_classes(model, x_test, verbose=0)[:20]]", SEED_001_CLASSES_20,
                     SEED_SUMMARY_KERAS2, names=False),
        plots=("plot(history)",),
    ),
    Vignette(
        "mnist_dim_reshape", "004", "keras 2.x MNIST example reshaping with dim<- (column-major)",
        _mlp_figures(0.9807, 0.975, "as.integer(predict_classes(model, x_test, verbose = 0)[1:20])",
                     "[int(v) for v in predict_classes(model, x_test, verbose=0)[:20]]", SEED_001_CLASSES_20,
                     SEED_SUMMARY_KERAS2, names=False)
        + [Figure("pixel_order", "x_train[1, 401:405] * 255 after the reshape",
                  "round(x_train[1, 401:405] * 255)", "[round(float(v) * 255) for v in x_train[0, 400:405]]",
                  None, "198 11 0 2 70 (column-major; row-major gives 0 0 0 0 0)",
                  lambda v: v == [198, 11, 0, 2, 70])],
        plots=("plot(history)",),
    ),
    Vignette(
        "readme_keras_early", "003", "early keras README: 30 seconds to Keras (model_sequential, lr =)",
        [
            Figure("loss_and_metrics", "test loss and accuracy (100-feature MNIST thumbnails, 5 epochs)",
                   "loss_and_metrics", "loss_and_metrics", None, show=_num()),
            Figure("classes_20", "first 20 predicted classes", "as.integer((max.col(classes) - 1L)[1:20])",
                   "[int(v) for v in classes.argmax(axis=1)[:20]]", None,
                   show=_show_classes(TRUE_CLASSES_20, "the true labels")),
            Figure("learning_rate", "optimizer learning rate (lr = 0.02)",
                   "as.numeric(model$optimizer$learning_rate)", "float(model.optimizer.learning_rate)", 0.02,
                   "0.02", lambda v: isinstance(v, (int, float)) and abs(v - 0.02) < 1e-6),
        ],
    ),
    Vignette(
        "kerasr_boston", "002", "kerasR vignette 1/6: Boston housing regression",
        [
            Figure("error_ratio", "sd(pred - Y_test) / sd(Y_test)",
                   "sd(as.numeric(pred) - Y_test) / sd(Y_test)",
                   "float(sd(pred.reshape(-1) - Y_test) / sd(Y_test))", 0.7692395, show=_num()),
            Figure("error_ratio_scaled",
                   "the same ratio predicting on X_test (without the seed's normalize())",
                   "sd(as.numeric(keras_predict(mod, X_test, verbose = 0)) - Y_test) / sd(Y_test)",
                   "float(sd(keras_predict(mod, X_test, verbose=0).reshape(-1) - Y_test) / sd(Y_test))", None,
                   show=_num()),
        ],
    ),
    Vignette(
        "kerasr_mnist_dense", "002", "kerasR vignette 2/6: MNIST dense network, 5 epochs",
        [
            Figure("test_accuracy", "mean(Y_test == Y_test_hat)", "mean(Y_test == Y_test_hat)",
                   "float(np.mean(Y_test == Y_test_hat))", 0.96, ">= 0.95", _at_least(0.95), _num()),
            Figure("classes_20", "first 20 predicted classes", R_KERASR_CLASSES, PY_KERASR_CLASSES, None,
                   show=_show_classes(TRUE_CLASSES_20, "the true labels")),
        ],
    ),
    Vignette(
        "kerasr_mnist_cnn", "002", "kerasR vignette 3/6: MNIST convolutional network, 5 epochs",
        [
            Figure("test_accuracy", "mean(Y_test == Y_test_hat)", "mean(Y_test == Y_test_hat)",
                   "float(np.mean(Y_test == Y_test_hat))", 0.9878, ">= 0.985", _at_least(0.985), _num()),
            Figure("classes_20", "first 20 predicted classes", R_KERASR_CLASSES, PY_KERASR_CLASSES, None,
                   show=_show_classes(TRUE_CLASSES_20, "the true labels")),
        ],
    ),
    Vignette(
        "kerasr_imdb", "002", "kerasR vignette 4/6: IMDB sentiment (embedding, LSTM)",
        [Figure("accuracy", "mean(Y_test == round(Y_test_hat)) (LSTM)",
                "mean(Y_test == as.numeric(round(Y_test_hat)))",
                "float(np.mean(Y_test == np.round(Y_test_hat).reshape(-1)))", 0.8254608, show=_num())],
        unavailable=r"imdb\.npz",
    ),
    Vignette(
        "kerasr_save_load", "002", "kerasR vignette 5/6: saving and loading a model",
        [
            Figure("files", "files written", "sort(list.files())", "sorted(os.listdir('.'))",
                   ["full_model.h5", "model_architecture.json", "weights_model.h5"], "the three files",
                   lambda v: v == ["full_model.h5", "model_architecture.json", "weights_model.h5"]),
            Figure("loaded", "keras_load(\"full_model.h5\"): layers, params",
                   "c(length(mod$layers), mod$count_params())", "[len(mod.layers), mod.count_params()]",
                   None, "8 layers, 33,025 params", lambda v: v == [8, 33025]),
            Figure("intended_weights", 'what the seed meant: keras_load_weights(mod, "weights_model.h5")',
                   '{keras_load_weights(mod, "weights_model.h5"); "loaded"}',
                   '(keras_load_weights(mod, "weights_model.h5"), "loaded")[1]', None, "loaded",
                   lambda v: v == "loaded"),
            Figure("intended_json", "what the seed meant: keras_model_from_json(\"model_architecture.json\")",
                   'keras_model_from_json("model_architecture.json")$count_params()',
                   'keras_model_from_json("model_architecture.json").count_params()', None, "33,025 params",
                   lambda v: v == 33025),
        ],
        keep_going=True,
        expected_errors=(r"object 'tf' not found|name 'tf' is not defined",
                         r"keras_model_to_json\(\): `model` must be a Keras model"),
    ),
    Vignette(
        "kerasr_inception", "002", "kerasR vignette 6/6: InceptionV3 classifies an elephant photo",
        [Figure("top3", "unlist(decode_predictions(pred, top = 3))",
                'unlist(decode_predictions(pred, model = "InceptionV3", top = 3))',
                "[str(v) for row in decode_predictions(pred, model='InceptionV3', top=3) "
                "for t in row for v in t]",
                "tusker 0.546, Indian_elephant 0.248, African_elephant 0.144")],
        unavailable=r"inception_v3_weights_tf_dim_ordering_tf_kernels\.h5|elephant\.jpg",
    ),
    Vignette(
        # not a seed: keras 2.x's tokenizer + generator workflow (issue 11), on a corpus made from the
        # IMDB word index; "-" has no seed file, so the seed-code check does not apply
        "text_tokenizer_keras2", "-", "keras 2.x text classification: text_tokenizer() and fit_generator()",
        [
            Figure("n_tokens", "length(tokenizer$word_index)", "length(tokenizer$word_index)",
                   "len(tokenizer.word_index)", None, "1492 (the same corpus in R and Python)",
                   lambda v: v == 1492),
            Figure("first_sequence", "the first review's last 5 word indices",
                   "as.integer(x_train[1, 26:30])", "[int(v) for v in x_train[0, 25:30]]", None,
                   "the same in R and Python",
                   lambda v: isinstance(v, list) and len(v) == 5),
            Figure("test_accuracy", "embedding model, fit_generator(), 10 epochs: test accuracy",
                   "scores$accuracy", "scores['accuracy']", None, ">= 0.9", _at_least(0.9), _num()),
            Figure("bow_accuracy", "bag of words on texts_to_matrix(), 5 epochs: test accuracy",
                   "bow_scores$accuracy", "bow_scores['accuracy']", None, ">= 0.9", _at_least(0.9), _num()),
        ],
        plots=("plot(history)",),
    ),
    Vignette(
        # not a seed: keras3's guide "The Functional API" (issue 8), its Layer()/Model() parts left out
        "guide_functional_api", "-", "keras3 guide: The Functional API (shape(), %<-%, random_*, op_*)",
        [
            Figure("shape_inputs", "shape(inputs)", "NULL", "None", "shape(NA, 784)", "shape(NA, 784)",
                   lambda v: v == "shape(NA, 784)", from_log=r"shape\([^)\n]*\)"),
            Figure("test_accuracy", "MNIST functional MLP, 2 epochs: test accuracy", "test_scores$accuracy",
                   "test_scores['accuracy']", None, ">= 0.94", _at_least(0.94), _num()),
            Figure("ticket_loss", "ticket model (3 inputs, 2 outputs, random_* data): last training loss",
                   "tail(ticket_history$metrics$loss, 1)", "ticket_history.metrics['loss'][-1]", None,
                   "finite", lambda v: isinstance(v, (int, float)), _num()),
            Figure("resnet_input", "dim of the op_*()-made 32 x 32 x 3 images", "as.integer(dim(x_train))",
                   "list(x_train.shape)", None, "1000 32 32 3", lambda v: v == [1000, 32, 32, 3]),
            Figure("pixel_sum", "op_sum() of those images / 255 (deterministic: the same in R and Python)",
                   "round(as.numeric(op_sum(x_train)), 1)", "round(float(op_sum(x_train)), 1)", None,
                   "867198.7", lambda v: isinstance(v, (int, float)) and abs(v - 867198.7) < 0.05, _num(1)),
            Figure("resnet_params", "toy ResNet: Total params", "NULL", "None", None, "186,346",
                   lambda v: isinstance(v, str) and v.endswith("186,346"), _show_total,
                   from_log=r'Model: "toy_resnet".*?Total params: [\d,]+'),
            Figure("resnet_val_acc", "toy ResNet, 1 epoch on 1000 images: validation accuracy",
                   "tail(resnet_history$metrics$val_acc, 1)", "resnet_history.metrics['val_acc'][-1]",
                   None, show=_num()),
            Figure("n_features", "VGG19 feature extraction: length(extracted_features)",
                   "length(extracted_features)", "len(extracted_features)", None, "26 (one per layer)",
                   lambda v: v == 26),
            Figure("rnn_shape", "custom RNN in layer_lambda(): dim(out)", "as.integer(dim(out))",
                   "list(out.shape)", None, "1 8 1", lambda v: v == [1, 8, 1]),
        ],
        plots=("plot(model)", "plot(model, show_shapes = TRUE)", "plot(model, show_shapes = TRUE) (tickets)",
               "plot(model, show_shapes = TRUE) (toy ResNet)"),
    ),
    Vignette(
        # not a seed: keras3's guide "Making new layers and models via subclassing" (issue 9), with a
        # Metric(), a Callback(), a Model() with train_step() and save/reload added; seeded, so that
        # R and Python give the same numbers
        "guide_subclassing", "-",
        "keras3 guide: new layers and models via subclassing (Layer(), Model(), ...)",
        [
            Figure("linear_y", "Linear layer (add_weight() in initialize), set_random_seed(1): y[1, ]",
                   "round(as.numeric(linear_y[1, ]), 6)", "[round(float(v), 6) for v in linear_y[0]]", None,
                   "4 values, the same in R and Python", lambda v: isinstance(v, list) and len(v) == 4),
            Figure("sum_total", "ComputeSum (a non-trainable weight), called twice on ones(2, 2)",
                   "as.numeric(sum_total)", "[float(v) for v in sum_total]", None, "4 4",
                   lambda v: v == [4, 4]),
            Figure("built_w_shape", "Linear with build(): dim of w after the first call", "built_w_shape",
                   "built_w_shape", None, "2 32", lambda v: v == [2, 32]),
            Figure("mlp_weights", "MLPBlock (3 Linear sub-layers): weights tracked", "length(mlp$weights)",
                   "len(mlp.weights)", None, "6", lambda v: v == 6),
            Figure("mlp_y", "MLPBlock on ones(3, 64): y[1, 1]", "round(as.numeric(mlp_y[1, 1]), 6)",
                   "round(float(mlp_y[0, 0]), 6)", None, "the same in R and Python", show=_num(6)),
            Figure("activity_loss", "add_loss(): 1e-2 * mean(3)", "activity_loss", "activity_loss", None,
                   "0.03", lambda v: isinstance(v, float) and abs(v - 0.03) < 1e-7, _num(6)),
            Figure("kernel_l2", "kernel_regularizer loss, next to 1e-3 * sum(kernel^2)",
                   "c(kernel_l2, kernel_l2_check)", "[kernel_l2, kernel_l2_check]", None, "equal",
                   lambda v: abs(v[0] - v[1]) <= 1e-6 * abs(v[1])),
            Figure("reg_only", "compile() without a loss: fit() loss, next to 1e-2 * mean(x)",
                   "c(tail(reg_only$metrics$loss, 1), reg_only_check)",
                   "[reg_only.metrics['loss'][-1], reg_only_check]", None, "equal",
                   lambda v: abs(v[0] - v[1]) <= 1e-6 * abs(v[1])),
            Figure("config_names", "get_config() with super's config: names", "config_names",
                   "config_names", None, "dtype name trainable units",
                   lambda v: v == ["dtype", "name", "trainable", "units"]),
            Figure("dropout", "CustomDropout(rate = 0.5), training = TRUE: zeros of 40, other value",
                   "c(sum(dropped == 0), unique(dropped[dropped != 0]))",
                   "[int(np.sum(dropped == 0)), *np.unique(dropped[dropped != 0]).tolist()]", None,
                   "some zeros, the rest 2", lambda v: 0 < v[0] < 40 and v[1:] == [2]),
            Figure("metric_result", "MeanAbsError (a Metric()): two batches, then reset_state()",
                   "c(metric_result, metric_after_reset)", "[metric_result, metric_after_reset]", None,
                   "3 0", lambda v: v == [3, 0]),
            Figure("vae_losses", "VAE (Model(), Layer()s), 2 epochs: losses (and the Callback()'s)",
                   "vae_losses", "vae_losses", None, "decreasing",
                   lambda v: isinstance(v, list) and len(v) == 2 and v[1] < v[0]),
            Figure("vae_mae", "MeanAbsError on 64 VAE predictions, next to mean(abs(x - pred))",
                   "c(vae_mae, vae_mae_check)", "[vae_mae, vae_mae_check]", None, "equal",
                   lambda v: abs(v[0] - v[1]) <= 1e-5 * abs(v[1])),
            Figure("custom_losses", "Model() with its own train_step(): losses (and Keras's own)",
                   "list(custom = custom_losses, builtin = reference_history$metrics$loss)",
                   "{'custom': custom_losses, 'builtin': reference_history.metrics['loss']}", None,
                   "the same", lambda v: len(v["custom"]) == 3 and all(
                       abs(a - b) <= 1e-5 * abs(b) for a, b in zip(v["custom"], v["builtin"], strict=True))),
            Figure("reload", "save_model() / load_model(custom_objects =): predictions identical",
                   "c(reload_same, vae_reload_same)", "[reload_same, vae_reload_same]", None,
                   "TRUE TRUE", lambda v: v == [True, True]),
        ],
    ),
]
BY_NAME = {v.name: v for v in VIGNETTES}


# --------------------------------------------------------------------------- the R driver


def _r_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


R_JSON = r"""
.vig_str <- function(s) {
  s <- enc2utf8(as.character(s))
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  s <- gsub("\n", "\\n", s, fixed = TRUE)
  s <- gsub("\r", "\\r", s, fixed = TRUE)
  s <- gsub("\t", "\\t", s, fixed = TRUE)
  s <- gsub("[[:cntrl:]]", " ", s)
  ifelse(is.na(s), "null", paste0("\"", s, "\""))
}
.vig_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.environment(x) || is.function(x)) return(.vig_str(paste(class(x), collapse = "/")))
  if (is.list(x) && !is.object(x) || is.data.frame(x)) {
    if (!length(x)) return(if (is.null(names(x))) "[]" else "{}")
    inner <- vapply(x, .vig_json, "")
    if (!is.null(names(x)) && all(nzchar(names(x))))
      return(paste0("{", paste0(.vig_str(names(x)), ":", inner, collapse = ","), "}"))
    return(paste0("[", paste(inner, collapse = ","), "]"))
  }
  if (is.object(x) && !is.factor(x) && !is.atomic(x))
    return(.vig_str(paste(capture.output(print(x)), collapse = "\n")))
  if (is.factor(x)) x <- as.character(x)
  vals <- if (is.character(x)) .vig_str(x)
    else if (is.logical(x)) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
    else if (is.numeric(x)) ifelse(is.finite(x), formatC(as.numeric(x), digits = 15, format = "g"), "null")
    else .vig_str(as.character(x))
  vals <- trimws(vals)
  nm <- names(x)
  if (!is.null(nm) && length(x) && all(nzchar(nm)) && is.null(dim(x)))
    return(paste0("{", paste0(.vig_str(nm), ":", vals, collapse = ","), "}"))
  if (length(x) == 1L && is.null(dim(x))) vals else paste0("[", paste(vals, collapse = ","), "]")
}
"""

R_DRIVER = r"""
options(device = function(...) grDevices::png({png}, width = 800, height = 600, res = 96))
.vig_errors <- list()
local({{
  exprs <- parse({file}, keep.source = TRUE, encoding = "UTF-8")
  refs <- attr(exprs, "srcref")
  for (i in seq_along(exprs)) {{
    res <- tryCatch(withVisible(eval(exprs[[i]], envir = globalenv())), error = function(e) e)
    if (inherits(res, "error")) {{
      line <- refs[[i]][1L]
      code <- trimws(as.character(refs[[i]])[1L])
      msg <- conditionMessage(res)
      cat(sprintf("\nVIGNETTE ERROR at line %d (%s):\n%s\n", line, code, msg))
      .vig_errors[[length(.vig_errors) + 1L]] <<- list(line = line, code = code, message = msg)
      if (!{keep_going}) break
    }} else if (isTRUE(res$visible)) {{
      print(res$value)
    }}
  }}
}})
grDevices::graphics.off()
{json}
.vig_figures <- list()
{figures}
writeLines(.vig_json(list(errors = .vig_errors, figures = .vig_figures)), {out}, useBytes = TRUE)
"""


def r_driver(v: Vignette, out_json: Path, png_pattern: Path) -> str:
    figures = "\n".join(
        f".vig_figures[[{_r_str(f.key)}]] <- tryCatch({{\n{f.r}\n}}, "
        f"error = function(e) list(error = conditionMessage(e)))"
        for f in v.figures
    )
    return R_DRIVER.format(
        png=_r_str(str(png_pattern)),
        file=_r_str(str(HERE / f"{v.name}.R")),
        keep_going="TRUE" if v.keep_going else "FALSE",
        json=R_JSON,
        figures=figures,
        out=_r_str(str(out_json)),
    )


# --------------------------------------------------------------------------- the Python child


def _jsonable(x: Any) -> Any:
    import numpy as np

    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return _jsonable(x.tolist()) if x.ndim else _jsonable(x.item())
    if isinstance(x, np.generic):
        return _jsonable(x.item())
    if isinstance(x, float) and x != x:
        return None
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    return str(x)


def child(name: str, out_json: Path, png_prefix: Path) -> int:
    """Run the Python port of ``name`` (in this fresh process) and write its raw results."""
    import builtins

    import matplotlib

    matplotlib.use("Agg")
    v = BY_NAME[name]
    path = HERE / f"{name}.py"
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    ns: dict[str, Any] = {"__name__": "__main__", "__file__": str(path), "__builtins__": builtins}
    sys.argv = [str(path)]
    errors = []
    for node in ast.parse(source, str(path)).body:
        code = compile(ast.Module(body=[node], type_ignores=[]), str(path), "exec")
        try:
            exec(code, ns)  # noqa: S102 - running the vignette is the point
        except Exception as err:  # noqa: BLE001 - recorded, as R's driver does
            message = f"{type(err).__name__}: {err}"
            print(f"\nVIGNETTE ERROR at line {node.lineno} ({lines[node.lineno - 1].strip()}):\n{message}",
                  flush=True)
            traceback.print_exc()
            errors.append({"line": node.lineno, "code": lines[node.lineno - 1].strip(), "message": message})
            if not v.keep_going:
                break
    sys.stdout.flush()
    import matplotlib.pyplot as plt
    import numpy as np

    from rkeras.api.summary import summary_text

    env = dict(ns)
    env.update({"_summary_text": summary_text, "np": np, "os": os})
    if "sd" not in env:
        env["sd"] = lambda x: float(np.std(x, ddof=1))
    figures: dict[str, Any] = {}
    for f in v.figures:
        try:
            figures[f.key] = _jsonable(eval(f.py, env))  # noqa: S307
        except Exception as err:  # noqa: BLE001
            figures[f.key] = {"error": f"{type(err).__name__}: {err}"}
    for i, num in enumerate(plt.get_fignums(), 1):
        plt.figure(num).savefig(f"{png_prefix}{i}.png", dpi=96)
    plt.close("all")
    out_json.write_text(json.dumps({"errors": errors, "figures": figures}), encoding="utf-8")
    return 0


# --------------------------------------------------------------------------- running


def _env(short: bool, offline: bool) -> dict[str, str]:
    env = dict(os.environ)
    data = ROOT.parent / "shared" / "data"
    if not env.get("RKERAS_DATA_DIR") and data.is_dir():
        env["RKERAS_DATA_DIR"] = str(data)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("KERAS_BACKEND", "tensorflow")
    env["MPLBACKEND"] = "Agg"
    env["PYTHONUNBUFFERED"] = "1"
    if short:
        env["RKERAS_MAX_SAMPLES"] = str(SHORT_SAMPLES)
        env["RKERAS_MAX_EPOCHS"] = str(SHORT_EPOCHS)
    else:
        env.pop("RKERAS_MAX_SAMPLES", None)
        env.pop("RKERAS_MAX_EPOCHS", None)
    if offline:  # no download can reach the network: every URL goes to a closed local port
        for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            env[var] = "http://127.0.0.1:9"
        env["no_proxy"] = env["NO_PROXY"] = ""
    return env


def _rkeras_command() -> list[str]:
    script = Path(sys.executable).parent / "rkeras"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "rkeras.cli"]


def status_of(v: Vignette, errors: list[dict[str, Any]]) -> str:
    if not errors:
        return "ok"
    first = errors[0]["message"]
    if v.unavailable and re.search(v.unavailable, first):
        return "not run"
    if all(any(re.search(p, e["message"]) for p in v.expected_errors) for e in errors):
        return "ok"
    return "failed"


def run_one(name: str, lang: str, *, short: bool = False, offline: bool = False, out_dir: Path = OUT,
            timeout: float | None = None, quiet: bool = False) -> dict[str, Any]:
    """Run one vignette in one language; write and return ``out_dir/<name>.<lang>.json``."""
    v = BY_NAME[name]
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{name}-{lang}-*.png"):
        old.unlink()
    log = out_dir / f"{name}.{lang}.log"
    png_prefix = out_dir / f"{name}-{lang}-"
    env = _env(short, offline)
    started = _dt.datetime.now().astimezone()
    with tempfile.TemporaryDirectory(prefix=f"rkeras-vignette-{name}-") as tmp:
        raw = Path(tmp) / "raw.json"
        if lang == "r":
            driver = Path(tmp) / "driver.R"
            driver.write_text(r_driver(v, raw, Path(f"{png_prefix}%d.png")), encoding="utf-8")
            cmd = [*_rkeras_command(), "run", str(driver)]
        else:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(raw), str(png_prefix)]
        t0 = time.monotonic()
        with open(log, "w", encoding="utf-8") as fh:
            try:
                proc = subprocess.run(cmd, cwd=tmp, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, timeout=timeout)
                returncode: int | None = proc.returncode
            except subprocess.TimeoutExpired:
                returncode = None
        seconds = time.monotonic() - t0
        if raw.is_file():
            result = json.loads(raw.read_text(encoding="utf-8"))
        else:
            tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
            why = "timed out" if returncode is None else f"exited with status {returncode}"
            result = {"errors": [{"line": None, "code": "", "message": f"the run {why}:\n{tail}"}],
                      "figures": {}}
    result["figures"] = from_logs(v, result["figures"], log)
    errors = result["errors"]
    status = status_of(v, errors)
    images = sorted(p.name for p in out_dir.glob(f"{name}-{lang}-*.png"))
    checks = checks_of(v, result["figures"], images)
    record = {
        "name": name, "lang": lang, "seed": v.seed, "status": status, "errors": errors,
        "figures": result["figures"], "checks": checks, "images": images,
        "short": {"max_samples": SHORT_SAMPLES, "max_epochs": SHORT_EPOCHS} if short else None,
        "seconds": round(seconds, 1), "returncode": returncode,
        "started": started.isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs", "log": log.name,
    }
    (out_dir / f"{name}.{lang}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    if not quiet:
        print(f"    {status} in {seconds:.0f} s; " + _brief(v, record), flush=True)
    return record


def _brief(v: Vignette, record: dict[str, Any]) -> str:
    if record["status"] != "ok":
        return record["errors"][0]["message"].splitlines()[0][:300] if record["errors"] else ""
    parts = []
    for f in v.figures:
        value = record["figures"].get(f.key)
        if f.check is not None or f.key in ("error_ratio", "loss_and_metrics"):
            parts.append(f"{f.key} = {_display(f, value)[:80]}")
    return "; ".join(parts)


def _display(f: Figure, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict) and set(value) == {"error"}:
        return "error: " + value["error"].splitlines()[0]
    try:
        return (f.show or _plain)(value)
    except (TypeError, ValueError, KeyError):
        return _plain(value)


# --------------------------------------------------------------------------- the report


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def from_logs(v: Vignette, figures: dict[str, Any], log: Path) -> dict[str, Any]:
    """``figures`` with the figures that come from what the vignette printed taken from its log."""
    wanted = [f for f in v.figures if f.from_log]
    if not wanted or not log.is_file():
        return figures
    text = ANSI.sub("", log.read_text(encoding="utf-8", errors="replace"))
    figures = dict(figures)
    for f in wanted:
        m = re.search(f.from_log, text, re.DOTALL)
        figures[f.key] = m.group(0) if m else {"error": "not found in the vignette's output"}
    return figures


def checks_of(v: Vignette, figures: dict[str, Any], images: list[str]) -> dict[str, bool]:
    """Each requirement of ``v`` on these figures (met or not)."""
    checks = {}
    for f in v.figures:
        if f.check is None:
            continue
        value = figures.get(f.key)
        try:
            ok = value is not None and not (isinstance(value, dict) and "error" in value) and f.check(value)
        except (TypeError, ValueError, KeyError):
            ok = False
        checks[f.key] = bool(ok)
    if v.plots:
        checks["plots"] = len(images) == len(v.plots)
    return checks


def load_records(out_dir: Path = OUT) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest record of each vignette and language, its checks and status re-derived from the
    registry (so that a changed requirement needs no re-run)."""
    records = {}
    for path in sorted(out_dir.glob("*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(rec, dict) and rec.get("name") in BY_NAME and rec.get("lang") in LANGS:
            v = BY_NAME[rec["name"]]
            rec["figures"] = from_logs(v, rec["figures"], out_dir / rec.get("log", "-"))
            rec["checks"] = checks_of(v, rec["figures"], rec["images"])
            rec["status"] = status_of(v, rec["errors"])
            records[(rec["name"], rec["lang"])] = rec
    return records


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _verdict(f: Figure, rec: dict[str, Any] | None) -> str:
    if rec is None:
        return "not run yet"
    if rec.get("short"):
        return "short run"
    if rec["status"] != "ok":
        return rec["status"]
    return "**met**" if rec["checks"].get(f.key) else "**MISSED**"


def _status(rec: dict[str, Any] | None) -> str:
    if rec is None:
        return "not run yet"
    short = " (short run)" if rec.get("short") else ""
    expected = ""
    if rec["status"] == "ok" and rec["errors"]:
        n = len(rec["errors"])
        expected = f" ({n} expected error{'s' if n > 1 else ''}, the seed's slip{'s' if n > 1 else ''})"
    return f"{rec['status']}{expected}{short}, {rec['seconds']:.0f} s"


def _error_lines(rec: dict[str, Any]) -> list[str]:
    out = []
    for e in rec["errors"]:
        code = f"`` {e['code']} ``" if "`" in e["code"] else f"`{e['code']}`"
        where = f"line {e['line']} {code}" if e.get("line") else "the run"
        message = e["message"].strip().replace("\n", " ")
        out.append(f"- {LANG_NAME[rec['lang']]}, {where}: {message}")
    return out


Records = dict[tuple[str, str], dict[str, Any]]


def vignette_block(v: Vignette, records: Records, link_prefix: str) -> list[str]:
    r, py = records.get((v.name, "r")), records.get((v.name, "py"))
    lines = [
        "| | Seed | R (`rkeras run`) | Python port | Required | R | Python |",
        "|---|---|---|---|---|---|---|",
        f"| status | | {_status(r)} | {_status(py)} | | | |",
    ]
    for f in v.figures:
        got = [("not run" if rec["status"] == "not run" else _display(f, rec["figures"].get(f.key)))
               if rec else "" for rec in (r, py)]
        seed = _plain(f.seed) if f.seed is not None else ""
        verdicts = [_verdict(f, rec) if f.check else "" for rec in (r, py)]
        lines.append(f"| {_cell(f.label)} | {_cell(seed)} | {_cell(got[0])} | {_cell(got[1])} | "
                     f"{_cell(f.required)} | {verdicts[0]} | {verdicts[1]} |")
    if v.plots:
        plots = Figure("plots", "", "", "", check=lambda _: True)
        got = [", ".join(f"[{i}]({link_prefix}out/{i})" for i in rec["images"]) or "none" if rec else ""
               for rec in (r, py)]
        lines.append(f"| {_cell(', '.join(v.plots))} as PNG | | {got[0]} | {got[1]} | "
                     f"{len(v.plots)} PNG | {_verdict(plots, r)} | {_verdict(plots, py)} |")
    errors = [line for rec in (r, py) if rec for line in _error_lines(rec)]
    if errors:
        lines += ["", "Errors recorded:", "", *errors]
    if v.plots and (r or py):
        lines += ["", "| Plot | R | Python |", "|---|---|---|"]
        for k, label in enumerate(v.plots):
            cells = []
            for rec in (r, py):
                images = rec["images"] if rec else []
                cells.append(f"![{label}]({link_prefix}out/{images[k]})" if k < len(images) else "")
            lines.append(f"| `{label}` | {cells[0]} | {cells[1]} |")
    return lines


HEADLINE = [  # (label, vignette, figure key)
    ("MNIST MLP 30 epochs, test accuracy (keras3, seed 000)", "mnist_keras3", "test_accuracy"),
    ("MNIST MLP 30 epochs, test accuracy (keras 2.x, seed 001)", "mnist_keras2", "test_accuracy"),
    ("first 20 predicted classes (seed 000)", "mnist_keras3", "classes_20"),
    ("first 20 predicted classes, predict_classes() (seed 001)", "mnist_keras2", "classes_20"),
    ("summary(model) table (seed 000)", "mnist_keras3", "summary"),
    ("summary(model) table (seed 001)", "mnist_keras2", "summary"),
    ("dim<- variant, test accuracy (seed 004)", "mnist_dim_reshape", "test_accuracy"),
    ("kerasR dense, 5 epochs, accuracy (seed 002)", "kerasr_mnist_dense", "test_accuracy"),
    ("kerasR CNN, 5 epochs, accuracy (seed 002)", "kerasr_mnist_cnn", "test_accuracy"),
    ("kerasR Boston housing, sd(pred - Y_test)/sd(Y_test) (seed 002)", "kerasr_boston", "error_ratio"),
]


def _versions() -> str:
    """The software versions here (read without importing Keras or starting R)."""
    from importlib import metadata

    parts = [f"Python {platform.python_version()}"]
    for label, dists in (("rkeras", ("rkeras",)), ("Keras", ("keras",)),
                         ("TensorFlow", ("tensorflow", "tensorflow-cpu")), ("rpy2", ("rpy2",))):
        for dist in dists:
            try:
                parts.append(f"{label} {metadata.version(dist)}")
                break
            except metadata.PackageNotFoundError:
                continue
    try:
        out = subprocess.run(["R", "--version"], capture_output=True, text=True, timeout=60).stdout
        m = re.search(r"R version (\S+)", out)
        if m:
            parts.append(f"R {m.group(1)}")
    except (OSError, subprocess.TimeoutExpired):
        pass
    return ", ".join(parts)


def write_report(records: dict[tuple[str, str], dict[str, Any]] | None = None, path: Path = RESULTS) -> None:
    records = load_records() if records is None else records
    runs = sorted({rec["started"] for rec in records.values()})
    machines = sorted({rec.get("machine", "?") for rec in records.values()})
    shorts = [f"{n}.{lang}" for (n, lang), rec in sorted(records.items()) if rec.get("short")]
    lines = [
        "# Vignette results",
        "",
        "Written by `make vignettes` (`python vignettes/run.py`) from the run records in `out/*.json`:",
        "each seed vignette run unchanged in R through `rkeras run`, and its Python port, next to the",
        "figures the seed prints.",
        "",
        f"- Runs: {runs[0] if runs else '—'} to {runs[-1] if runs else '—'}, "
        f"on {', '.join(machines) or '—'}.",
        f"- Software (when this report was written): {_versions()}.",
        "- No random seed is fixed (the seeds fix none, and neither does the runner): initial weights,",
        "  dropout and shuffling differ from run to run, so the figures move a little from run to run",
        "  (about ±0.002 for the MNIST accuracies).",
        "- Requirements are checked on full-length runs only. \"not run\" marks a vignette that needs a",
        "  file that is not available offline; its error (naming the file) is recorded below.",
    ]
    if shorts:
        lines += ["", f"Short runs (RKERAS_MAX_SAMPLES={SHORT_SAMPLES}, RKERAS_MAX_EPOCHS={SHORT_EPOCHS}; "
                      f"not comparable with the seeds): {', '.join(shorts)}."]
    lines += ["", "## Required figures", "",
              "| Figure | Seed | R | Python | Required | R | Python |", "|---|---|---|---|---|---|---|"]
    for label, name, key in HEADLINE:
        v = BY_NAME[name]
        f = next(f for f in v.figures if f.key == key)
        r, py = records.get((name, "r")), records.get((name, "py"))
        got = [_display(f, rec["figures"].get(key)) if rec else "not run yet" for rec in (r, py)]
        verdicts = [_verdict(f, rec) if f.check else "reported" for rec in (r, py)]
        lines.append(f"| {_cell(label)} | {_cell(_plain(f.seed))} | {_cell(got[0])} | {_cell(got[1])} | "
                     f"{_cell(f.required or '—')} | {verdicts[0]} | {verdicts[1]} |")
    hp = Figure("plots", "", "", "", check=lambda _: True)
    for name in ("mnist_keras3", "mnist_keras2", "mnist_dim_reshape"):
        r, py = records.get((name, "r")), records.get((name, "py"))
        k = BY_NAME[name].plots.index("plot(history)")
        got = [(f"[{rec['images'][k]}](out/{rec['images'][k]})" if k < len(rec["images"]) else "none")
               if rec else "not run yet" for rec in (r, py)]
        lines.append(f"| plot(history) as PNG ({name}) | a plot | {got[0]} | {got[1]} | "
                     f"a PNG | {_verdict(hp, r)} | {_verdict(hp, py)} |")
    lines += ["", "## Vignettes", ""]
    for v in VIGNETTES:
        lines += [f"### {v.name}: {v.title} (seed {v.seed})", "",
                  f"[R]({v.name}.R) · [Python]({v.name}.py) · [page]({v.name}.md)", ""]
        lines += vignette_block(v, records, "")
        lines.append("")
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    for v in VIGNETTES:
        _update_page(v, records)


BEGIN, END = "<!-- results: begin (written by vignettes/run.py) -->", "<!-- results: end -->"


def _update_page(v: Vignette, records: dict[tuple[str, str], dict[str, Any]]) -> None:
    page = HERE / f"{v.name}.md"
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    block = "\n".join(vignette_block(v, records, ""))
    page.write_text(f"{head}{BEGIN}\n{block}\n{END}{tail}", encoding="utf-8")


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=sorted(BY_NAME), metavar="NAME",
                        help="run only this vignette (repeatable): " + ", ".join(BY_NAME))
    parser.add_argument("--lang", choices=("r", "py", "both"), default="both")
    parser.add_argument("--short", action="store_true",
                        help=f"RKERAS_MAX_SAMPLES={SHORT_SAMPLES}, RKERAS_MAX_EPOCHS={SHORT_EPOCHS}")
    parser.add_argument("--offline", action="store_true", help="block downloads (proxy to a closed port)")
    parser.add_argument("--timeout", type=float, default=None, help="seconds per run")
    parser.add_argument("--report", action="store_true", help="only rebuild RESULTS.md from vignettes/out")
    parser.add_argument("--child", nargs=3, metavar=("NAME", "JSON", "PNG_PREFIX"), help=argparse.SUPPRESS)
    ns = parser.parse_args(argv)
    if ns.child:
        return child(ns.child[0], Path(ns.child[1]), Path(ns.child[2]))
    if not ns.report:
        names = ns.only or [v.name for v in VIGNETTES]
        langs = LANGS if ns.lang == "both" else (ns.lang,)
        jobs = [(n, lang) for n in names for lang in langs]
        for i, (name, lang) in enumerate(jobs, 1):
            mode = ", short" if ns.short else ""
            print(f"[{i}/{len(jobs)}] {name} ({LANG_NAME[lang]}{mode}) ...", flush=True)
            run_one(name, lang, short=ns.short, offline=ns.offline, timeout=ns.timeout)
    write_report()
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    records = load_records()
    missed = [f"{n}.{lang}:{k}" for (n, lang), rec in records.items() if not rec.get("short")
              for k, ok in rec["checks"].items() if not ok and rec["status"] == "ok"]
    failed = [f"{n}.{lang}" for (n, lang), rec in records.items() if rec["status"] == "failed"]
    if missed:
        print("requirements missed: " + ", ".join(sorted(missed)))
    if failed:
        print("failed: " + ", ".join(sorted(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
