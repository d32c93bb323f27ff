"""The spec's ``removed``, ``template`` and ``defaults`` columns: removed names raise an error that
names the replacement (from Python and from R), templates give kerasR's formals and defaults with
per-row overrides, and each fact lives in exactly one row (no side tables joined by name)."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
import rkeras.flavours.kerasr as kerasr_impl
from rkeras import RKerasError
from rkeras.spec import TEMPLATES, Row, all_rows, rows_by_name

ROWS = rows_by_name()
REMOVED = [r for r in all_rows() if r.removed is not None]
TEMPLATED = [r for r in all_rows() if r.template is not None]
REPO = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- removed rows


def test_the_removed_names_are_there() -> None:
    keras2 = {"multi_gpu_model", "model_to_yaml", "model_from_yaml", "layer_dense_features"}
    assert keras2 <= {r.name for r in REMOVED if r.flavour == "keras2"}
    assert {"LocallyConnected1D", "LocallyConnected2D"} <= {r.name for r in REMOVED if r.flavour == "kerasR"}


@pytest.mark.parametrize("row", REMOVED, ids=lambda r: r.name)
def test_removed_row_raises_naming_the_replacement_whatever_the_arguments(row: Row) -> None:
    fn = getattr(rkeras, row.name)
    message = rf"^{re.escape(row.name)}\(\): removed in Keras 3: {re.escape(str(row.removed))}$"
    for args, kwargs in (((), {}), ((1, 2.0, "x"), {}), ((), {"no_such_argument": 1})):
        with pytest.raises(RKerasError, match=message):
            fn(*args, **kwargs)
    # the replacements it names are rkeras functions that exist (and are not removed themselves)
    mentioned = re.findall(r"(?<![\w.$])([A-Za-z_]\w*)\(\)", str(row.removed))
    assert mentioned or "keras." in str(row.removed), "the advice names no replacement"
    for name in mentioned:
        assert name in ROWS and ROWS[name].removed is None, name
    assert "removed in Keras 3" in str(fn.__doc__)


def test_kerasr_locally_connected_positional_call_gets_the_removed_error_not_an_argument_error() -> None:
    # kerasR's full formals were kept so that such calls bound; the removed error now comes first.
    with pytest.raises(RKerasError, match=r"^LocallyConnected2D\(\): removed in Keras 3: .*Conv2D\(\)"):
        rkeras.LocallyConnected2D(32, [3.0, 3.0], [1.0, 1.0], "valid", input_shape=[28.0, 28.0, 1.0])


def test_removed_call_does_no_work() -> None:
    code = (
        "import sys, rkeras\n"
        "try:\n"
        "    rkeras.multi_gpu_model('model', gpus=2)\n"
        "except rkeras.RKerasError as e:\n"
        "    assert 'tf.distribute' in str(e), e\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('keras', 'tensorflow')]\n"
        "assert not heavy, heavy[:3]\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_removed_rows_are_validated() -> None:
    with pytest.raises(ValueError, match="must say what to use instead"):
        Row("x", "", "model", "value", removed=" ")
    with pytest.raises(ValueError, match="a removed row has no target"):
        Row("x", "keras.layers.Dense", "layer", "value", removed="use y()")
    with pytest.raises(ValueError, match="no target"):
        Row("x", "", "model", "value")
    with pytest.raises(ValueError, match="unknown template"):
        Row("x", "keras.optimizers.SGD", "optimizer", "object", template="nope")


def test_coverage_counts_removed_names_as_provided_and_lists_them() -> None:
    from rkeras.tools.coverage import coverage, provided_names, removed_names

    names = ["multi_gpu_model", "layer_dense", "k_no_such_thing"]
    result = coverage(names, provided_names(), removed=removed_names())
    assert (result["provided"], result["missing"]) == (2, ["k_no_such_thing"])
    assert result["removed"] == ["multi_gpu_model"]
    proc = subprocess.run(
        [sys.executable, "-m", "rkeras.coverage", "--package", "keras2", "--no-missing"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if proc.returncode == 2:
        pytest.skip("export lists not found")
    assert "of which removed in Keras 3" in proc.stdout and "multi_gpu_model" in proc.stdout, proc.stdout


# --------------------------------------------------------------------------- templates

# kerasR 0.8.0's formals (R/optimizers.R, R/datasets.R), as R prints them: the independent source.
KERASR_FORMALS: dict[str, list[tuple[str, Any]]] = {
    "SGD": [
        ("lr", 0.01),
        ("momentum", 0),
        ("decay", 0),
        ("nesterov", False),
        ("clipnorm", -1),
        ("clipvalue", -1),
    ],
    "RMSprop": [
        ("lr", 0.001),
        ("rho", 0.9),
        ("epsilon", 1e-08),
        ("decay", 0),
        ("clipnorm", -1),
        ("clipvalue", -1),
    ],
    "Adagrad": [("lr", 0.01), ("epsilon", 1e-08), ("decay", 0), ("clipnorm", -1), ("clipvalue", -1)],
    "Adadelta": [
        ("lr", 1),
        ("rho", 0.95),
        ("epsilon", 1e-08),
        ("decay", 0),
        ("clipnorm", -1),
        ("clipvalue", -1),
    ],
    "Adam": [
        ("lr", 0.001),
        ("beta_1", 0.9),
        ("beta_2", 0.999),
        ("epsilon", 1e-08),
        ("decay", 0),
        ("clipnorm", -1),
        ("clipvalue", -1),
    ],
    "Adamax": [
        ("lr", 0.002),
        ("beta_1", 0.9),
        ("beta_2", 0.999),
        ("epsilon", 1e-08),
        ("decay", 0),
        ("clipnorm", -1),
        ("clipvalue", -1),
    ],
    "Nadam": [
        ("lr", 0.002),
        ("beta_1", 0.9),
        ("beta_2", 0.999),
        ("epsilon", 1e-08),
        ("schedule_decay", 0.004),
        ("clipnorm", -1),
        ("clipvalue", -1),
    ],
    "load_mnist": [],
    "load_boston_housing": [],
    "load_cifar10": [],
    "load_cifar100": [("label_mode", "fine")],
    "load_imdb": [
        ("num_words", None),
        ("skip_top", 0),
        ("maxlen", None),
        ("seed", 113),
        ("start_char", 1),
        ("oov_char", 2),
        ("index_from", 3),
    ],
    "load_reuters": [
        ("num_words", None),
        ("skip_top", 0),
        ("maxlen", 1000),
        ("test_split", 0.2),
        ("seed", 113),
        ("start_char", 1),
        ("oov_char", 2),
        ("index_from", 3),
    ],
}


def test_template_rows_are_exactly_the_kerasr_optimizers_and_loaders() -> None:
    assert {r.name for r in TEMPLATED} == set(KERASR_FORMALS)


@pytest.mark.parametrize("row", TEMPLATED, ids=lambda r: r.name)
def test_template_rows_have_kerasr_formals(row: Row) -> None:
    params = list(inspect.signature(getattr(rkeras, row.name)).parameters.values())
    extra = TEMPLATES[str(row.template)].extra
    assert any(p.kind == p.VAR_KEYWORD for p in params) == extra
    got = [(p.name, p.default) for p in params if p.kind != p.VAR_KEYWORD]
    assert got == KERASR_FORMALS[row.name]
    assert not hasattr(kerasr_impl, row.name), "a hand-written function duplicates the template row"


def _float(value: Any) -> float:
    return float(np.asarray(value))


OPTIMIZERS = [r for r in TEMPLATED if r.template == "kerasR_optimizer"]
_KERAS_3_ARGS = {"lr": "learning_rate"}
_NOT_ATTRIBUTES = {"decay", "schedule_decay", "clipnorm", "clipvalue"}


@pytest.mark.parametrize("row", OPTIMIZERS, ids=lambda r: r.name)
def test_optimizer_template_gives_each_rows_defaults_and_overrides(row: Row) -> None:
    import keras

    fn = getattr(rkeras, row.name)
    opt = fn()
    assert type(opt) is getattr(keras.optimizers, row.name)
    formals = dict(KERASR_FORMALS[row.name])
    for name, default in formals.items():
        if name in _NOT_ATTRIBUTES:
            continue
        value = getattr(opt, _KERAS_3_ARGS.get(name, name))
        assert (value is default) if isinstance(default, bool) else _float(value) == pytest.approx(default), (
            name
        )
    assert opt.clipnorm is None and opt.clipvalue is None  # kerasR's -1: off
    # each formal, given, overrides the row's default
    for name, default in formals.items():
        if name in ("decay", "schedule_decay", "clipvalue"):
            continue
        new = (
            (not default)
            if isinstance(default, bool)
            else (0.5 if name == "clipnorm" else default * 0.5 + 0.01)
        )
        value = getattr(fn(**{name: new}), _KERAS_3_ARGS.get(name, name))
        assert (value is new) if isinstance(new, bool) else _float(value) == pytest.approx(new), name
    # Keras 3's own name for lr is taken as lr; other Keras arguments pass through
    assert _float(fn(learning_rate=0.125).learning_rate) == pytest.approx(0.125)
    assert fn(weight_decay=0.01).weight_decay == pytest.approx(0.01)
    with pytest.raises(RKerasError, match=rf"^{row.name}\(\): give `lr` or `learning_rate`, not both"):
        fn(lr=0.1, learning_rate=0.2)
    if "momentum" in formals or "rho" in formals:
        bad = "momentum" if "momentum" in formals else "rho"
        with pytest.raises(RKerasError, match=rf"^{row.name}\(\): `{bad}` must be a number >= 0"):
            fn(**{bad: -0.5})


def test_nadam_schedule_decay_warns_only_away_from_the_rows_default() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rkeras.Nadam(schedule_decay=0.004)
    with pytest.warns(UserWarning, match=r"Nadam\(\): `schedule_decay` = 0.01 is ignored"):
        rkeras.Nadam(schedule_decay=0.01)


def test_loader_template_flattens_and_renames_errors() -> None:
    row = ROWS["load_reuters"]
    seen: dict[str, Any] = {}

    def fake(**kwargs: Any) -> dict[str, Any]:
        seen.update(kwargs)
        return {"train": {"x": [1], "y": [0]}, "test": {"x": [2], "y": [1]}}

    out = kerasr_impl.loader_template(row, fake, dict(row.defaults))
    assert out == {"X_train": [1], "Y_train": [0], "X_test": [2], "Y_test": [1]}
    assert seen["maxlen"] == 1000  # kerasR's default, which dataset_reuters() does not have

    def failing(**kwargs: Any) -> Any:
        raise RKerasError("`maxlen` must be larger", fn="dataset_reuters", arg="maxlen")

    with pytest.raises(RKerasError, match=r"^load_reuters\(\): `maxlen` must be larger$"):
        kerasr_impl.loader_template(row, failing, {})
    with pytest.raises(RKerasError, match=r"^load_mnist\(\): unknown argument `path`"):
        rkeras.load_mnist(path="mnist.npz")  # kerasR's load_mnist() takes no arguments


# --------------------------------------------------------------------------- defaults without template


DEFAULTED = [r for r in all_rows() if r.defaults and r.template is None]


def test_kerasr_defaults_rows() -> None:
    assert {r.name for r in DEFAULTED} >= {
        "AveragePooling1D",
        "AveragePooling2D",
        "AveragePooling3D",
        "GaussianNoise",
        "GaussianDropout",
        "l1_l2",
    }
    assert rkeras.AveragePooling3D().pool_size == (2, 2, 2)
    assert rkeras.AveragePooling2D([3.0, 3.0]).pool_size == (3, 3)  # overridden by position
    assert rkeras.GaussianNoise(stddev=0.2).stddev == pytest.approx(0.2)
    assert float(rkeras.l1_l2(l2=0.5).l2) == pytest.approx(0.5) and float(rkeras.l1_l2(l2=0.5).l1) == 0.01


@pytest.mark.parametrize("row", DEFAULTED, ids=lambda r: r.name)
def test_a_default_in_a_row_is_one_the_target_does_not_have(row: Row) -> None:
    """A `defaults` entry equal to the target's own default would be a second copy of a fact."""
    own = inspect.signature(getattr(rkeras, row.name).target()).parameters
    for name, value in row.defaults.items():
        assert own[name].default is inspect.Parameter.empty or own[name].default != value, name
        assert not hasattr(kerasr_impl, row.name), "a hand-written function duplicates the row"


# --------------------------------------------------------------------------- no side tables


# Tables keyed by names that happen to be R function names, and why they stay:
ALLOWED_TABLES = {
    # keyed by the values of preprocess_input()/decode_predictions()'s `model =` argument (kerasR's
    # `model = c("Xception", ...)`), which the five constructors share: data about Keras models
    ("rkeras/api/applications.py", "_MODELS"),
    # keyed by Keras class names: what load_model() needs to deserialise rkeras's own classes
    ("rkeras/api/saving.py", "BUILTIN_OBJECTS"),
    # keyed by converter names; the converter "shape" shares its name with keras3's shape()
    ("rkeras/api/args.py", "CONVERTERS"),
}
# Side tables still to move into their rows (none: every fact is on its row's line).
KNOWN_SIDE_TABLES: set[tuple[str, str]] = set()


def _name_keys(value: ast.expr) -> list[str]:
    if isinstance(value, ast.Dict):
        return [k.value for k in value.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    if isinstance(value, ast.Set):
        return [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("frozenset", "set") and value.args:
        inner = value.args[0]  # frozenset("""a b c""".split())
        if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute):
            if isinstance(inner.func.value, ast.Constant) and isinstance(inner.func.value.value, str):
                return inner.func.value.value.split()
        if isinstance(inner, (ast.Set, ast.List, ast.Tuple)):
            return [e.value for e in inner.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def test_no_table_keyed_by_r_function_names_outside_the_rows() -> None:
    names = set(ROWS)
    found = set()
    for path in sorted((REPO / "rkeras").rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
                continue
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and set(_name_keys(node.value)) & names:
                found.add((path.relative_to(REPO).as_posix(), target.id))
    assert ALLOWED_TABLES <= found  # the scan sees such tables
    assert found - ALLOWED_TABLES - KNOWN_SIDE_TABLES == set()
    assert not {t for t in found if t[0] in ("rkeras/spec/kerasr.py", "rkeras/spec/removed.py")}


# --------------------------------------------------------------------------- the formals fact


def test_formals_fact_takes_the_rest_of_the_line() -> None:
    from rkeras.spec import facts, lines

    (words,) = lines('adapt t utils verb invisible\n    formals=object, data, ...,\n    steps = NULL\n')
    assert facts(words[4:]) == {"invisible": True, "formals": "object, data, ..., steps = NULL"}
    with pytest.raises(ValueError, match="unknown fact 'formals'"):
        facts(["formals"])
    row = rows_by_name()["flags"]
    assert row.formals is not None and row.formals.endswith("arguments = commandArgs(TRUE)")
