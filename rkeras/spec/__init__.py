"""The spec: one row per R-style name. THE single source of truth.

A :class:`Row` says what Keras cannot tell: the R-style name, what it wraps,
how it composes, which arguments need an R-semantics converter, renamed
(legacy) arguments and the flavour it comes from (keras3, keras2, kerasR);
kerasR's defaults where they differ from Keras's (``defaults``), the named
template a family shares (``template``, :data:`TEMPLATES`), and for names
Keras 3 removed, what to use instead (``removed``).
Signatures are introspected from Keras (for class/function targets) or from the
hand-written implementation (for ``rkeras.<module>:<function>`` targets); the
``formals`` column overrides the R signature only where introspection cannot give
keras3's (see :mod:`rkeras.tools.codegen.formals`).

From the rows, :mod:`rkeras._build` makes the Python functions,
:mod:`rkeras.codegen` writes the R wrappers and NAMESPACE, and the test suite
parametrises over them. This package imports nothing heavy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

# How a row's function composes (see DESIGN.md):
#   layer     -> keras class; compose rule: no object -> stage, Sequential -> add, tensor -> apply
#   merge     -> keras merge-layer class (keras3's `layer_add(inputs, ...)`): the tensors come as
#                `inputs` (a tensor or a list) and/or unnamed arguments, layer arguments by name;
#                tensors given -> the merged tensor, none -> the layer (a stage)
#   object    -> keras class; returns an instance (optimizer, callback, initializer, ...)
#   loss      -> keras class, or its function form when y_true/y_pred are given
#   function  -> keras function called with the arguments (activation_*)
#   verb      -> rkeras implementation taking a model first; with no model -> pipe stage
#   value     -> rkeras implementation, plain call
COMPOSE_KINDS = ("layer", "merge", "object", "loss", "function", "verb", "value")
# reticulate and tensorflow: names of those R packages (keras3 re-exports a few others) that
# rkeras provides over its own bridge, since the real packages cannot run inside the host.
FLAVOURS = ("keras3", "keras2", "kerasR", "rkeras", "reticulate", "tensorflow")
# R-only arguments a row may take (never passed to the target), with what they mean:
#   zero_indexed -> keras3's `zero_indexed = FALSE`: unless TRUE, the arguments whose converter is
#                   "py_index" are 1-based (shifted by -1) and the `result` transform "index1" adds 1
#                   to the returned indices; TRUE passes indices through 0-based both ways.
R_ONLY_ARGS = ("zero_indexed",)


class _Missing:
    """The default of an argument that may be left out, as R's ``missing()`` tells: the R formal has
    no default (keras3's ``op_arange(start, end)``, ``op_multi_hot(inputs, num_classes)``), the Python
    one is :data:`MISSING`, and a call that leaves it out does not pass it on."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<missing>"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Template:
    """One implementation shared by a family whose names differ only in their defaults.

    ``impl`` (``"module:function"``) is called as ``impl(row, target, arguments)``: the row, its
    resolved target (e.g. the Keras class) and every argument by name, the row's ``defaults``
    filled in. The function's formals are the row's ``defaults``, in order, plus ``**kwargs``
    (passed on in ``arguments``) when ``extra``.
    """

    impl: str
    extra: bool
    doc: str


# Where rkeras deliberately differs from the anchor, by note name (a row's `note` column; the
# help page shows it): README, "Deliberate differences".
NOTES: dict[str, str] = {
    "overwrite": "Unlike the anchor, rkeras never overwrites an existing file unless `overwrite = TRUE`: "
                 "saving to an existing path is an error.",
    "install_noop": "In rkeras, `install_keras()` is a no-op: Keras and TensorFlow come with the "
                    "'rkeras' Python package, so there is nothing to install.",
    "cudnn": "Keras 3 has no separate cuDNN layers: this is the Keras 3 GRU/LSTM layer (layer_gru(), "
             "layer_lstm()), which runs the cuDNN kernel on a GPU by itself when its arguments allow "
             "(the defaults do).",
    "python_fixed": "rkeras's Python is the one it started with (RKERAS_PYTHON): naming another one "
                    "changes nothing, and says how to choose it.",
}

# Named templates (keyed by template name, never by R function name).
TEMPLATES: dict[str, Template] = {
    "kerasR_optimizer": Template(
        "rkeras.flavours.kerasr:optimizer_template",
        extra=True,
        doc="a Keras 3 optimizer from kerasR's `lr`, time-based `decay`, `clipnorm`/`clipvalue` = -1 (off)",
    ),
    "kerasR_loader": Template(
        "rkeras.flavours.kerasr:loader_template",
        extra=False,
        doc="the target `dataset_*()` loader's data as kerasR's flat list(X_train, Y_train, X_test, Y_test)",
    ),
}


@dataclass(frozen=True)
class Row:
    name: str
    # "keras.layers.Dense", "keras.activations.relu" or "rkeras.api.models:fit"; "" when `removed`
    target: str
    family: str
    compose: str
    flavour: str = "keras3"
    # argument -> converter name in rkeras.api.args.CONVERTERS: the exceptions to the
    # target-pattern rules of rkeras.spec.converters (and to inference from Keras defaults)
    convert: dict[str, str] = field(default_factory=dict)
    # legacy argument name -> (current name, warn?)
    rename: dict[str, tuple[str, bool]] = field(default_factory=dict)
    # for compose == "loss": the function form, used when y_true and y_pred are given
    function: str | None = None
    # name of the row this one is an alias of (documentation, coverage)
    alias_of: str | None = None
    # R gets the result invisibly (keras3 returns invisible() there: fit, compile, the savers)
    invisible: bool = False
    # reached from R through this S3 method of an R generic (R/methods.R), not an exported
    # function: exporting it would mask a base/stats/graphics generic ("summary.rkeras_model")
    s3: str | None = None
    # The name has no Keras 3 meaning: what to use instead. Calling the function (from Python or
    # R) raises an RKerasError "<name>(): removed in Keras 3: <removed>" before any work; the row
    # has no target and takes any arguments.
    removed: str | None = None
    # A name in TEMPLATES: the family's one implementation, which gets this row's target.
    template: str | None = None
    # argument -> default. With a template: the function's formals, in this order (e.g. kerasR's
    # `lr = 0.01, momentum = 0, ...`; none for `load_mnist()`). Without: replaces the target's own
    # default of that (introspected) argument, e.g. kerasR's `pool_size = c(2, 2)` (Keras 3: none).
    defaults: dict[str, Any] = field(default_factory=dict)
    # R-only arguments (see R_ONLY_ARGS) -> their R default, e.g. {"zero_indexed": False}
    r_args: dict[str, object] = field(default_factory=dict)
    # a transform of the result (rkeras.api.args.RESULTS), e.g. "index1": +1 on returned indices
    result: str | None = None
    # The R formals, in R syntax ("object, f, output_shape = NULL, ..."), only where keras3's R
    # signature cannot be introspected from the Python target (R-only arguments, other defaults
    # or order). Arguments whose R default differs from Python's are always passed.
    formals: str | None = None
    # a name in NOTES: how rkeras deliberately differs from the anchor here (on the help page)
    note: str | None = None
    # R gets the result as a handle to the Python object, never its R conversion (reticulate's
    # convert = FALSE: r_to_py(), np_array(), tuple(), import()); a string names the argument that
    # decides it per call: a handle when it is FALSE (py_eval(convert = FALSE))
    handle: bool | str = False
    # `from rkeras import *` leaves the name out: it would shadow a Python built-in type (`dict`)
    unstarred: bool = False
    # Arguments keras3's R formals put last, in this order, after `...` and the rest (keras3's
    # optimizers: `..., loss_scale_factor = NULL, gradient_accumulation_steps = NULL`). One the
    # target's signature does not name reaches it through its **kwargs (R default NULL).
    last: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.compose not in COMPOSE_KINDS:
            raise ValueError(f"spec row {self.name}: unknown compose {self.compose!r}")
        if self.flavour not in FLAVOURS:
            raise ValueError(f"spec row {self.name}: unknown flavour {self.flavour!r}")
        if self.removed is not None:
            if not self.removed.strip():
                raise ValueError(f"spec row {self.name}: `removed` must say what to use instead")
            if self.target or self.template or self.defaults or self.compose != "value":
                raise ValueError(
                    f"spec row {self.name}: a removed row has no target, template or defaults "
                    "and composes as 'value'"
                )
        elif not self.target:
            raise ValueError(f"spec row {self.name}: no target (only removed rows have none)")
        if self.note is not None and self.note not in NOTES:
            raise ValueError(f"spec row {self.name}: unknown note {self.note!r}")
        if self.template is not None and self.template not in TEMPLATES:
            raise ValueError(f"spec row {self.name}: unknown template {self.template!r}")
        unknown = [a for a in self.r_args if a not in R_ONLY_ARGS]
        if unknown:
            raise ValueError(f"spec row {self.name}: unknown R-only argument {unknown[0]!r}")

    @property
    def is_keras(self) -> bool:
        return bool(self.target) and ":" not in self.target


def _table(text: str) -> list[tuple[str, str]]:
    return [tuple(line.split()) for line in text.strip().splitlines() if line.strip()]  # type: ignore[misc]


def lines(text: str) -> list[list[str]]:
    """A table's lines as word lists: ``#`` lines are comments, an indented line continues the
    line above."""
    out: list[list[str]] = []
    for line in text.strip("\n").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace() and out:
            out[-1].extend(line.split())
        else:
            out.append(line.split())
    return out


def facts(words: Sequence[str]) -> dict[str, Any]:
    """The Row keyword arguments that a table line states after its fixed columns, so every fact
    about a name stays on its own line:

    * ``invisible`` -- R gets the result invisibly;
    * ``handle`` -- R gets the result as a handle to the Python object (not converted);
      ``handle=convert``: only when the call's ``convert`` is FALSE (reticulate's ``py_eval()``);
    * ``flavour=reticulate`` -- the package the name comes from, when not keras3;
    * ``unstarred`` -- ``from rkeras import *`` leaves it out (it would shadow a Python built-in
      type: reticulate's ``dict``); ``rkeras.dict`` has it;
    * ``s3=summary.rkeras_model`` -- reached through that S3 method;
    * ``convert=arg:converter[,arg:converter]`` -- converters beyond the target-pattern rules;
    * ``rename=old:new[,old:new!]`` -- legacy argument names (``!``: with a deprecation warning);
    * ``zero_indexed`` -- takes keras3's R-only ``zero_indexed = FALSE``;
    * ``result=index1`` -- a result transform;
    * ``note=overwrite`` -- a deliberate difference from the anchor (:data:`NOTES`);
    * ``alias_of=op_maximum`` -- the row is another name for that row (documentation, coverage);
    * ``last=loss_scale_factor,gradient_accumulation_steps`` -- these arguments come last in the R
      formals, in this order (keras3's layout; one the target does not name goes through ``...``;
      ``...`` itself may be listed);
    * ``default=arg:value`` -- keras3's default in place of the target's (``value`` read as JSON,
      else a string; ``<missing>``: no default, :data:`MISSING`), repeatable;
    * ``formals=object, data, ..., steps = NULL`` -- keras3's R formals, where the Python signature
      cannot give them: the rest of the line (continuation lines included), so it comes last.
    """
    out: dict[str, Any] = {}
    for i, word in enumerate(words):
        key, _, value = word.partition("=")
        if key == "formals" and value:
            out["formals"] = " ".join([value, *words[i + 1:]])
            break
        if key in ("invisible", "handle", "unstarred") and not value:
            out[key] = True
        elif key == "handle" and value:
            out["handle"] = value
        elif key == "zero_indexed" and not value:
            out["r_args"] = {"zero_indexed": False}
        elif key in ("s3", "result", "note", "alias_of", "flavour") and value:
            out[key] = value
        elif key == "last" and value:
            out["last"] = tuple(value.split(","))
        elif key == "convert" and value:
            out["convert"] = dict(pair.split(":", 1) for pair in value.split(","))
        elif key == "default" and ":" in value:
            arg, _, text = value.partition(":")
            out.setdefault("defaults", {})[arg] = _fact_value(text)
        elif key == "rename" and value:
            out["rename"] = {old: (new.rstrip("!"), new.endswith("!"))
                             for old, new in (pair.split(":", 1) for pair in value.split(","))}
        else:
            raise ValueError(f"spec table: unknown fact {word!r}")
    return out


def _fact_value(text: str) -> Any:
    if text == "<missing>":
        return MISSING
    try:
        return json.loads(text)
    except ValueError:
        return text


def all_rows() -> list[Row]:
    """Every row of every family, in a stable order; names are unique."""
    from . import (
        applications,
        classes,
        data_utils,
        keras2,
        keras2_backend,
        keras3_utils,
        keras_classes,
        kerasr,
        ops,
        preprocessing,
        removed,
        semantics,
        tensors,
        tfdatasets,
    )

    rows = keras_classes.rows() + semantics.rows() + kerasr.rows() + removed.rows()
    rows += keras3_utils.rows() + applications.rows() + ops.rows() + tensors.rows() + data_utils.rows()
    rows += preprocessing.rows() + keras2_backend.rows() + keras2.rows() + classes.rows()
    rows += tfdatasets.rows()
    seen: set[str] = set()
    for row in rows:
        if row.name in seen:
            raise ValueError(f"duplicate spec row {row.name}")
        seen.add(row.name)
    return rows


def rows_by_name() -> dict[str, Row]:
    return {row.name: row for row in all_rows()}


def iter_family(family: str) -> Iterator[Row]:
    return (row for row in all_rows() if row.family == family)


__all__ = [
    "Row",
    "Template",
    "TEMPLATES",
    "all_rows",
    "rows_by_name",
    "iter_family",
    "COMPOSE_KINDS",
    "FLAVOURS",
    "_table",
    "Row", "all_rows", "rows_by_name", "iter_family", "COMPOSE_KINDS", "FLAVOURS", "R_ONLY_ARGS", "_table",
    "facts", "lines", "MISSING"
]
