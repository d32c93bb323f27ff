"""Parametrised over the spec: every R-style wrapper builds, runs on an input of
the right rank, and its config round-trips."""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest
from layer_examples import INPUT_RULES, REQUIRED_ARGS, RNG, SKIP, SPECIAL

import rkeras
from rkeras.spec import all_rows, iter_family

LAYER_ROWS = [r for r in iter_family("layer") if r.compose in ("layer", "merge")]


def _value(v: Any) -> Any:
    return (
        v()
        if callable(v)
        and getattr(v, "__name__", "") == "<lambda>"
        and not isinstance(v, type)
        and v.__code__.co_argcount == 0
        else v
    )


def _required(cls: Any, table: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for p in inspect.signature(cls).parameters.values():
        if p.default is inspect.Parameter.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            assert p.name in table, f"no example value for required argument {p.name!r} of {cls}"
            out[p.name] = table[p.name]
    return out


def _copy(value: Any) -> Any:
    """A copy of nested dicts/lists (Keras's from_config pops keys from what it is given)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def test_skips_are_only_layers_that_need_what_this_machine_lacks() -> None:
    names = {r.name for r in LAYER_ROWS}
    assert set(SKIP) <= names
    assert len(SKIP) <= 6


@pytest.mark.parametrize("row", [r for r in LAYER_ROWS if r.name not in SKIP], ids=lambda r: r.name)
def test_layer_row_builds_runs_and_round_trips(row: Any) -> None:
    fn = getattr(rkeras, row.name)
    special = SPECIAL.get(row.name, {})
    cls = fn.target()
    kwargs = {k: _value(v) for k, v in _required(cls, {**REQUIRED_ARGS, **special.get("args", {})}).items()}
    kwargs.update({k: _value(v) for k, v in special.get("args", {}).items()})
    stage = fn(**kwargs)
    assert isinstance(stage, rkeras.LayerStage)
    layer = stage.layer
    assert isinstance(layer, cls)
    if special.get("roundtrip", True):
        config = layer.get_config()
        clone = type(layer).from_config(_copy(config))
        assert clone.get_config() == config
    if "input" in special:
        x = special["input"]()
    else:
        shape = next((s for pat, s in INPUT_RULES if pat in row.name), (4,))
        x = RNG.random((2, *shape)).astype("float32")
    out = layer(x, x) if special.get("call") == "qv" else stage(x)
    out = out[0] if isinstance(out, (tuple, list)) else out
    assert np.asarray(out).shape[0] == 2  # batch axis preserved


def test_layer_rows_cover_every_public_keras_layer_class() -> None:
    import keras

    wrapped = {getattr(rkeras, r.name).target() for r in LAYER_ROWS}
    base = {
        keras.layers.Layer,
        keras.layers.InputLayer,
        keras.layers.InputSpec,
        keras.layers.Wrapper,
        keras.layers.GRUCell,
        keras.layers.LSTMCell,
        keras.layers.SimpleRNNCell,
        keras.layers.StackedRNNCells,
    }
    public = {
        getattr(keras.layers, n)
        for n in dir(keras.layers)
        if not n.startswith("_") and inspect.isclass(getattr(keras.layers, n))
    }
    missing = {c.__name__ for c in public - wrapped - base}
    assert not missing, f"keras.layers classes without a layer_* row: {sorted(missing)}"


OBJECT_ARGS: dict[str, Any] = {
    **REQUIRED_ARGS,  # kerasR's CamelCase layers (Dense(), Conv2D(), ...) are object rows
    "activation": "relu",
    "layer": lambda: rkeras.LSTM(units=2),
    "units": 3,
    "filename": "log.csv",
    "filepath": "m.keras",
    "schedule": lambda epoch, lr: lr,
    "backup_dir": "backup",
    "inner_optimizer": lambda: rkeras.optimizer_sgd(),
    "fn": lambda y, p: p,
    "recall": 0.5,
    "precision": 0.5,
    "specificity": 0.5,
    "sensitivity": 0.5,
    "num_classes": 3,
    "target_class_ids": [0],
    "features": {"a": "float_normalized"},
    "cells": lambda: [rkeras.rnn_cell_simple(units=2)],
    "initializer": [[1.0, 2.0]],  # keras_variable()
    # learning_rate_schedule_*
    "initial_learning_rate": 0.1,
    "decay_steps": 10,
    "decay_rate": 0.5,
    "first_decay_steps": 10,
    "boundaries": [10, 20],
    "values": [0.1, 0.01, 0.001],
}
OBJECT_ROWS = [r for r in all_rows() if r.compose == "object"]


@pytest.mark.parametrize("row", OBJECT_ROWS, ids=lambda r: r.name)
def test_object_row_builds_and_round_trips(row: Any, tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    fn = getattr(rkeras, row.name)
    cls = fn.target()
    # what the wrapper requires (a row's `defaults` may give an argument Keras requires a default)
    kwargs = {k: _value(v) for k, v in _required(fn, OBJECT_ARGS).items()}
    obj = fn(**kwargs)
    assert isinstance(obj, cls)
    if row.family in ("optimizer", "initializer", "regularizer", "constraint", "rnn_cell", "schedule"):
        config = obj.get_config()
        assert type(obj).from_config(_copy(config)).get_config() == config
    if row.family == "initializer":
        shape = (8, 1, 8) if row.name == "initializer_stft" else (4, 4)
        values = np.asarray(obj(shape))
        assert values.shape == shape and np.isfinite(values).all()
    if row.family in ("regularizer", "constraint"):
        w = rkeras.api._keras.keras().ops.convert_to_tensor(RNG.random((4, 4)).astype("float32"))
        assert np.isfinite(np.asarray(obj(w))).all()


LOSS_ROWS = [r for r in all_rows() if r.compose == "loss"]
LOSS_ARGS = {
    "metric_iou": {"num_classes": 2, "target_class_ids": [0]},
    "metric_mean_iou": {"num_classes": 2},
    "metric_one_hot_iou": {"num_classes": 2, "target_class_ids": [0]},
    "metric_one_hot_mean_iou": {"num_classes": 2},
    "metric_precision_at_recall": {"recall": 0.5},
    "metric_recall_at_precision": {"precision": 0.5},
    "metric_sensitivity_at_specificity": {"specificity": 0.5},
    "metric_specificity_at_sensitivity": {"sensitivity": 0.5},
    "metric_mean_wrapper": {"fn": lambda y, p: p},
    "metric_mean_relative_error": {"normalizer": [1.0, 2.0, 4.0]},
}


def _targets(name: str) -> tuple[np.ndarray, np.ndarray]:
    if name in ("loss_categorical_generalized_cross_entropy", "loss_circle"):
        return np.array([0, 2]), np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], dtype="float32")
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]], dtype="float32")
    if "sparse" in name:
        return np.array([0, 2]), probs
    if any(
        k in name
        for k in (
            "binary",
            "hinge",
            "auc",
            "precision",
            "recall",
            "true_",
            "false_",
            "sensitivity",
            "specificity",
            "f1",
            "fbeta",
            "dice",
            "tversky",
            "iou",
        )
    ):
        return np.array([[1, 0, 0], [0, 1, 1]], dtype="float32"), probs
    return np.array([[1, 0, 0], [0, 1, 0]], dtype="float32"), probs


@pytest.mark.parametrize("row", LOSS_ROWS, ids=lambda r: r.name)
def test_loss_and_metric_rows(row: Any) -> None:
    if row.name == "loss_ctc":
        pytest.skip("CTC needs label/logit sequences; covered by Keras")
    fn = getattr(rkeras, row.name)
    obj = fn(**LOSS_ARGS.get(row.name, {}))
    assert isinstance(obj, fn.target())
    y_true, y_pred = _targets(row.name)
    if row.family == "loss":
        value = float(np.asarray(obj(y_true, y_pred)))
    else:
        obj.update_state(y_true, y_pred)
        value = np.asarray(obj.result())
    assert np.isfinite(value).all()
    if row.function:  # keras3: with y_true and y_pred, the function form is computed
        extra = {"q": 0.5} if row.name == "loss_categorical_generalized_cross_entropy" else {}
        direct = np.asarray(fn(y_true, y_pred, **extra))
        assert np.isfinite(direct).all()
        if row.family == "loss":
            assert np.mean(direct) == pytest.approx(value, rel=1e-5)
    config = obj.get_config()
    if row.name != "metric_mean_wrapper":  # its `fn` here is a lambda, which Keras won't deserialise
        clone = type(obj).from_config(_copy(config))
        assert clone.get_config() == config
        if row.family == "loss":  # the clone computes the same loss
            assert float(np.asarray(clone(y_true, y_pred))) == pytest.approx(value, rel=1e-6)


# Ops are tested on values against numpy in test_ops.py (R index semantics: test_semantics.py), the
# keras 2.x k_* functions in test_backend2.py.
@pytest.mark.parametrize("row", [r for r in all_rows() if r.compose == "function" and not r.r_args
                                 and r.family not in ("op", "backend")],
                         ids=lambda r: r.name)
def test_function_rows_match_keras(row: Any) -> None:
    fn = getattr(rkeras, row.name)
    x = np.array([[-2.0, -0.5, 0.0, 0.5, 2.0, 1.0]], dtype="float32")
    kwargs = {"threshold": 0.1, "default_value": 0.0} if row.name == "activation_threshold" else {}
    if row.family == "metric":
        y_true = np.array([[1.0, 0.0, 0.0, 1.0, 1.0, 0.0]], dtype="float32")
        y_pred = np.clip(np.abs(x) / 2, 0.05, 0.95)
        assert np.allclose(np.asarray(fn(y_true, y_pred)), np.asarray(fn.target()(y_true, y_pred)))
        return
    assert np.allclose(np.asarray(fn(x, **kwargs)), np.asarray(fn.target()(x, **kwargs)))
    assert fn.keras_object() is fn.target()  # passing activation_relu as a value gives Keras's function


@pytest.mark.parametrize(
    "row", [r for r in all_rows() if not r.is_keras and r.removed is None], ids=lambda r: r.name
)
def test_semantic_rows_resolve_to_documented_functions(row: Any) -> None:
    fn = getattr(rkeras, row.name)
    target = fn.target()
    assert callable(target)
    # (was `callable(t) and t.__doc__ is None or isinstance(...)`: always true)
    assert isinstance(target.__doc__, str) and target.__doc__.strip(), f"{row.target} has no docstring"
    assert fn.__doc__.startswith(target.__doc__.strip().splitlines()[0].strip())
    sig = inspect.signature(fn)
    # Every argument the row's columns name is one the implementation takes (no dead facts).
    # (Comparing `sig` with inspect.signature(target) was true by construction: the wrapper's
    # signature *is* the implementation's; the independent check for Keras-backed rows is
    # test_keras_backed_signatures_are_keras_own_with_the_r_changes.)
    takes_any = any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values())
    named = set(row.convert) | set(row.defaults) | {new for new, _ in row.rename.values()}
    assert takes_any or named <= set(sig.parameters), sorted(named - set(sig.parameters))
    assert not set(row.rename) & set(sig.parameters), "a renamed (legacy) argument is still a parameter"
    if row.compose == "verb":
        assert next(iter(sig.parameters)) in ("object", "model")


def _keras_own(target: str) -> Any:
    """The Keras object a dotted target names, looked up here (not through rkeras)."""
    import keras

    obj: Any = keras
    for part in target.split(".")[1:]:
        obj = getattr(obj, part)
    return obj


KERAS_ROWS = [r for r in all_rows() if r.is_keras and r.template is None]


@pytest.mark.parametrize("row", KERAS_ROWS, ids=lambda r: r.name)
def test_keras_backed_signatures_are_keras_own_with_the_r_changes(row: Any) -> None:
    """The wrapper's signature is Keras's own (``inspect.signature`` of the class or function),
    changed only as the row says: a layer row takes ``object`` first and the rest by name, a merge
    layer row ``inputs, *args`` first and the rest by name, ``defaults`` replace Keras's
    defaults, and R-only arguments (``zero_indexed``) come last by name."""
    P = inspect.Parameter
    params = list(inspect.signature(_keras_own(row.target)).parameters.values())
    params = [p.replace(default=row.defaults[p.name]) if p.name in row.defaults else p for p in params]
    if row.compose in ("layer", "merge"):
        positional = (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD)
        params = [
            p.replace(kind=P.KEYWORD_ONLY) if p.kind in positional else p
            for p in params
            if p.kind != P.VAR_POSITIONAL
        ]
        first = P("object" if row.compose == "layer" else "inputs", P.POSITIONAL_OR_KEYWORD, default=None)
        if row.compose == "layer":
            params = sorted([first, *params], key=lambda p: p.kind)
        else:
            params = [first, P("args", P.VAR_POSITIONAL), *params]
    if row.r_args:
        extra = [P(name, P.KEYWORD_ONLY, default=default) for name, default in row.r_args.items()]
        params = sorted([*params, *extra], key=lambda p: p.kind)
    expected = [(p.name, p.kind, p.default) for p in params]
    sig = inspect.signature(getattr(rkeras, row.name))
    assert [(p.name, p.kind, p.default) for p in sig.parameters.values()] == expected
    # and the row's columns name only arguments Keras takes (no dead facts)
    takes_any = any(p.kind == p.VAR_KEYWORD for p in params)
    named = set(row.convert) | set(row.defaults) | {new for new, _ in row.rename.values()}
    assert takes_any or named <= {p.name for p in params}


def _exports(fname: str) -> set[str]:
    from rkeras.tools.coverage import read_exports, reference_dir

    ref = reference_dir()
    if ref is None or not (ref / fname).is_file():
        pytest.skip(f"{fname} not found (set RKERAS_SHARED_DIR)")
    return set(read_exports(ref / fname))


# Rows whose flavour disagrees with the export lists today (owned by the keras3 rows; to fix there):
# model_to_json/model_from_json are keras 2.x exports only, model_sequential is in no list.
FLAVOUR_MISMATCHES = {"model_to_json", "model_from_json", "model_sequential"}


def test_row_flavour_is_the_package_that_exports_the_name() -> None:
    """keras3 rows are keras3 exports (or S3 methods), keras2 rows keras 2.x-only exports, kerasR
    rows kerasR exports, and rkeras rows (and reticulate's and tensorflow's names) none of them.
    (Uniqueness and known flavours are checked by the spec itself when it loads, so testing them
    here could not fail.)"""
    exports = {k: _exports(f"{k}-exports.txt") for k in ("keras3", "keras2", "kerasR")}
    wrong = set()
    for row in all_rows():
        if row.flavour in ("rkeras", "reticulate", "tensorflow"):
            ok = not any(row.name in names for names in exports.values())
        elif row.flavour == "keras2":
            ok = row.name in exports["keras2"] and row.name not in exports["keras3"]
        else:
            ok = row.name in exports[row.flavour] or row.s3 is not None
        if not ok:
            wrong.add(row.name)
    assert wrong <= FLAVOUR_MISMATCHES, sorted(wrong - FLAVOUR_MISMATCHES)


def test_no_submodule_shadows_an_r_style_name() -> None:
    import importlib
    import pkgutil

    for info in pkgutil.iter_modules(rkeras.__path__):
        if info.name not in ("cli", "bridge", "convert"):  # those start R
            importlib.import_module(f"rkeras.{info.name}")
    rows = all_rows()
    shadowed = [r.name for r in rows if not isinstance(getattr(rkeras, r.name), rkeras.api.build.RFunction)]
    assert not shadowed, f"submodules named like R-style functions: {shadowed}"
