"""The generated R formals against the anchors' (../shared/reference/keras3-functions.tsv and
keras2-functions.tsv): same names, same order, same defaults. Every difference is either one
of the kinds this file allows (by name) or listed in KNOWN with its reason; anything else
fails, and so does a KNOWN entry that no longer differs."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from rkeras.spec import Row, all_rows
from rkeras.tools.codegen.formals import DOTS, Formal, parse_formals, r_formals, r_value, render

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"

# Arguments Keras added after the anchors' Keras (keras3 1.5.1.9000 follows Keras 3.11/3.12;
# rkeras introspects Keras 3.15): shown in the R formals, passed only when given.
NEWER_KERAS = frozenset(
    """quantization_config gptq_unpacked_column_size sliding_window use_gate oov_method salt renorm
    renorm_clipping renorm_momentum raise_error input_axes output_axes native_serialization_platforms
    adam_weight_decay rms_rate layout format reduction upper""".split()
)

# Rows whose formals differ from the anchor's, and why (each must really still differ).
_MERGE = "keras3 takes this layer's tensors as `inputs`; rkeras composes it through `object`"
_OVERWRITE = "deliberate: rkeras never overwrites a saved file unless overwrite = TRUE"
KNOWN: dict[str, str] = {
    **{n: _MERGE for n in """layer_multi_head_attention layer_pipeline""".split()},
    "optimizer_muon": "keras3's weight_decay = 0.1, adam_lr_ratio = 0.1, ns_steps = 6L are the Muon defaults "
                      "of the Keras it follows; Keras 3.15 changed them (0.004, 1L, 5L) and rkeras keeps "
                      "those of the Keras it runs (keras.optimizers.Muon()'s)",
    "layer_string_lookup": "keras3's `vocabulary_dtype` cannot be passed: Keras 3.15's StringLookup sets it "
                           "itself (a TypeError: multiple values for keyword argument 'vocabulary_dtype')",
    "layer_feature_space": "a FeatureSpace object, not composed with a model",
    "metric_log_cosh": "keras3's metric_log_cosh() is the function form only; rkeras's is the class too",
    "to_categorical": "rkeras adds keras's `dtype` argument",
    "image_array_save": _OVERWRITE,
}
# keras 2.x rows whose formals differ from keras 2.x's, and why.
KNOWN_KERAS2: dict[str, str] = {
    "save_model_hdf5": _OVERWRITE,
    "save_model_weights_hdf5": _OVERWRITE,
    "load_model_weights_hdf5": "not done yet: keras 2.x's reshape = TRUE (a saved weight reshaped to the "
                               "layer's shape when the sizes agree); Keras 3's loaders have no such option, "
                               "so it needs rkeras's own HDF5 reader",
    "save_text_tokenizer": _OVERWRITE,
    "save_model_tf": _OVERWRITE,
    "save_model_weights_tf": _OVERWRITE,
    **{n: "Keras 3 has no reduction \"auto\": its default \"sum_over_batch_size\" is what 2.x's \"auto\" "
          "meant (reduction = \"auto\" is still accepted)"
       for n in ("loss_kullback_leibler_divergence", "loss_logcosh")},
}


def _table(name: str) -> dict[str, str]:
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    with path.open(encoding="utf-8") as fh:
        return {r["name"]: r["formals"] for r in csv.DictReader(fh, delimiter="\t")}


_VECTOR = re.compile(r"\b(?:c|tuple)\(")


def _norm(formals: list[Formal]) -> list[tuple[str, str | None]]:
    """Names and defaults; c(...)/tuple(...)/list(...) of scalars are the same R default here."""
    return [(f.name, _VECTOR.sub("list(", f.default) if f.default else f.default) for f in formals]


def differences(row: Row, anchor: str) -> list[str]:
    theirs = _norm(parse_formals(anchor))
    ours = [(n, d) for n, d in _norm(r_formals(row)) if n not in NEWER_KERAS or n in dict(theirs)]
    if ours == theirs:
        return []
    out = []
    on, tn = [n for n, _ in ours], [n for n, _ in theirs]
    if set(on) - set(tn):
        out.append(f"extra {sorted(set(on) - set(tn))}")
    if set(tn) - set(on):
        out.append(f"missing {sorted(set(tn) - set(on))}")
    common = [n for n in on if n in tn]
    if common != [n for n in tn if n in on]:
        out.append("order")
    ours_d, theirs_d = dict(ours), dict(theirs)
    out += [f"{n}: {ours_d[n]} != {theirs_d[n]}" for n in common if ours_d[n] != theirs_d[n]]
    return out or ["position of ..."]


def _check(table: str, rows: list[Row], known: dict[str, str]) -> tuple[int, int]:
    anchors = _table(table)
    # removed rows take `...` and raise the replacement advice whatever the arguments
    checked = [row for row in rows if row.name in anchors and row.s3 is None and row.removed is None]
    failures, stale, exact = [], [], 0
    for row in checked:
        diff = differences(row, anchors[row.name])
        if not diff:
            exact += 1
            if row.name in known:
                stale.append(row.name)
        elif row.name not in known:
            failures.append(f"{row.name}: {'; '.join(diff)}\n    ours:   {render(r_formals(row))}"
                            f"\n    anchor: {anchors[row.name]}")
    print(f"{table}: {exact} of {len(checked)} rows match (newer-Keras arguments aside); "
          f"{len(checked) - exact} known differences")
    assert not failures, "formals differ from the anchor:\n" + "\n".join(failures)
    assert not stale, f"listed in KNOWN but now matching: {stale}"
    return exact, len(checked)


def test_keras3_rows_have_keras3_formals() -> None:
    rows = [r for r in all_rows() if r.flavour in ("keras3", "rkeras")]
    exact, total = _check("keras3-functions.tsv", rows, KNOWN)
    assert total > 300 and exact >= 240


def test_removed_rows_take_any_arguments() -> None:
    for row in all_rows():
        if row.removed is not None:
            assert render(r_formals(row)) == "...", row.name


def test_keras2_rows_have_keras2_formals() -> None:
    rows = [r for r in all_rows() if r.flavour == "keras2"]
    exact, total = _check("keras2-functions.tsv", rows, KNOWN_KERAS2)
    assert total >= 1


def test_known_entries_are_spec_rows() -> None:
    names = {r.name for r in all_rows()}
    assert set(KNOWN) <= names


def test_layer_dense_formals() -> None:
    text = render(r_formals(next(r for r in all_rows() if r.name == "layer_dense")))
    assert text.startswith('object, units, activation = NULL, use_bias = TRUE, '
                           'kernel_initializer = "glorot_uniform"')
    assert text.endswith("lora_rank = NULL, lora_alpha = NULL, quantization_config = NULL, ...")


@pytest.mark.parametrize(("value", "r"), [
    (None, "NULL"), (True, "TRUE"), (-1, "-1L"), (0.0, "0"), (1e-7, "1e-07"), (0.0001, "1e-04"),
    (0.001, "0.001"), (32768.0, "32768"), ("a\"b", '"a\\"b"'), ((2, 2), "list(2L, 2L)"),
    (((0, 0), (1, 1)), "list(list(0L, 0L), list(1L, 1L))"), ("!\t\n", '"!\\t\\n"'),
])
def test_r_value(value: object, r: str) -> None:
    assert r_value(value) == r


def test_parse_formals_keeps_nested_defaults() -> None:
    got = parse_formals('object, pool_size = list(2L, 2L), padding = "a, b", ...')
    assert [(f.name, f.default) for f in got] == [
        ("object", None), ("pool_size", "list(2L, 2L)"), ("padding", '"a, b"'), (DOTS, None)]


def test_formals_column_forces_differing_defaults() -> None:
    row = Row("layer_x", "keras.layers.Dense", "layer", "layer",
              formals="object, units = 3L, activation = NULL")
    got = {f.name: f for f in r_formals(row)}
    assert got["units"].forced and not got["activation"].forced and not got["object"].forced


def test_last_fact_moves_arguments_after_dots() -> None:
    row = Row("optimizer_x", "keras.optimizers.SGD", "optimizer", "object",
              last=("loss_scale_factor", "gradient_accumulation_steps"), defaults={"name": "SGD"})
    text = render(r_formals(row))
    assert text.endswith('name = "SGD", ..., loss_scale_factor = NULL, gradient_accumulation_steps = NULL')
    # a name the target does not take reaches it through `...`; a listed `...` is added when missing
    lstm = Row("layer_x", "keras.layers.ConvLSTM1D", "layer", "layer", last=("unroll",))
    assert render(r_formals(lstm)).endswith("stateful = FALSE, ..., unroll = NULL")
    eff = Row("application_x", "keras.applications.EfficientNetB0", "application", "value", last=("...",))
    assert render(r_formals(eff)).endswith('name = "efficientnetb0", ...')
    bad = Row("layer_y", "keras.layers.Dense", "layer", "layer", last=("nope",))
    assert render(r_formals(bad)).endswith("..., nope = NULL")  # Dense takes **kwargs
    with pytest.raises(ValueError, match="`last` names"):
        r_formals(Row("x", "keras.ops.add", "op", "function", last=("nope",)))
