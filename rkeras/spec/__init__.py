"""The spec: one row per R-style name. THE single source of truth.

A :class:`Row` says what Keras cannot tell: the R-style name, what it wraps,
how it composes, which arguments need an R-semantics converter, renamed
(legacy) arguments and the flavour it comes from (keras3, keras2, kerasR).
Signatures are introspected from Keras (for class/function targets) or from the
hand-written implementation (for ``rkeras.<module>:<function>`` targets); the
``formals`` column overrides the R signature only where introspection cannot give
keras3's (see :mod:`rkeras.tools.codegen.formals`).

From the rows, :mod:`rkeras._build` makes the Python functions,
:mod:`rkeras.codegen` writes the R wrappers and NAMESPACE, and the test suite
parametrises over them. This package imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# How a row's function composes (see DESIGN.md):
#   layer     -> keras class; compose rule: no object -> stage, Sequential -> add, tensor -> apply
#   object    -> keras class; returns an instance (optimizer, callback, initializer, ...)
#   loss      -> keras class, or its function form when y_true/y_pred are given
#   function  -> keras function called with the arguments (activation_*)
#   verb      -> rkeras implementation taking a model first; with no model -> pipe stage
#   value     -> rkeras implementation, plain call
COMPOSE_KINDS = ("layer", "object", "loss", "function", "verb", "value")
FLAVOURS = ("keras3", "keras2", "kerasR", "rkeras")


@dataclass(frozen=True)
class Row:
    name: str
    target: str  # "keras.layers.Dense", "keras.activations.relu" or "rkeras.api.models:fit"
    family: str
    compose: str
    flavour: str = "keras3"
    # argument -> converter name in rkeras.convert.CONVERTERS (beyond the generic name rules)
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
    # The R formals, in R syntax ("object, f, output_shape = NULL, ..."), only where keras3's R
    # signature cannot be introspected from the Python target (R-only arguments, other defaults
    # or order). Arguments whose R default differs from Python's are always passed.
    formals: str | None = None

    def __post_init__(self) -> None:
        if self.compose not in COMPOSE_KINDS:
            raise ValueError(f"spec row {self.name}: unknown compose {self.compose!r}")
        if self.flavour not in FLAVOURS:
            raise ValueError(f"spec row {self.name}: unknown flavour {self.flavour!r}")

    @property
    def is_keras(self) -> bool:
        return ":" not in self.target


def _table(text: str) -> list[tuple[str, str]]:
    return [tuple(line.split()) for line in text.strip().splitlines() if line.strip()]  # type: ignore[misc]


def all_rows() -> list[Row]:
    """Every row of every family, in a stable order; names are unique."""
    from . import keras_classes, kerasr, semantics

    rows = keras_classes.rows() + semantics.rows() + kerasr.rows()
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


__all__ = ["Row", "all_rows", "rows_by_name", "iter_family", "COMPOSE_KINDS", "FLAVOURS", "_table"]
