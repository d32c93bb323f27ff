"""Spec rows for keras3's custom-class constructors (``rkeras.api.classes``).

From Python these rows are the functions; in R, ``R/classes.R`` defines the same names by hand
(they take R closures, which become methods of the Keras subclass), so codegen writes no wrapper
for them, only their help pages. The ``formals`` column is keras3's R signature (``...`` in the
middle, ``parent_env = parent.frame()``), which a Python signature cannot state. This module
imports nothing heavy.
"""

from __future__ import annotations

from . import Row

_TAIL = "..., public = list(), private = list(), inherit = NULL, parent_env = parent.frame()"
_CALLBACK_HOOKS = ", ".join(f"{h} = NULL" for h in (
    "on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end", "on_train_batch_begin",
    "on_train_batch_end", "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end",
    "on_predict_begin", "on_predict_end", "on_predict_batch_begin", "on_predict_batch_end"))

# (name, keras3's formals before the common tail, keras3's alias names)
CONSTRUCTORS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Layer", "classname, initialize = NULL, call = NULL, build = NULL, get_config = NULL",
              ("new_layer_class",)),
    ("Model", "classname, initialize = NULL, call = NULL, train_step = NULL, predict_step = NULL, "
              "test_step = NULL, compute_loss = NULL, compute_metrics = NULL", ("new_model_class",)),
    ("Loss", "classname, call = NULL", ("new_loss_class",)),
    ("Metric", "classname, initialize = NULL, update_state = NULL, result = NULL", ("new_metric_class",)),
    ("Callback", f"classname, {_CALLBACK_HOOKS}", ("new_callback_class",)),
    ("Constraint", "classname, call = NULL, get_config = NULL", ()),
    ("LearningRateSchedule", "classname, call = NULL, initialize = NULL, get_config = NULL",
                             ("new_learning_rate_schedule_class",)),
]


def rows() -> list[Row]:
    out: list[Row] = []
    for name, head, aliases in CONSTRUCTORS:
        formals = f"{head}, {_TAIL}"
        target = f"rkeras.api.classes:{name}"
        # keras3 exports only the alias new_learning_rate_schedule_class(): LearningRateSchedule() is
        # rkeras's name, made like the others
        flavour = "rkeras" if name == "LearningRateSchedule" else "keras3"
        out.append(Row(name, target, "class", "value", flavour, formals=formals))
        out += [Row(alias, target, "class", "value", "keras3", alias_of=name, formals=formals)
                for alias in aliases]
    out.append(Row("active_property", "rkeras.api.classes:active_property", "class", "value", "keras3"))
    out.append(Row("mark_active", "rkeras.api.classes:mark_active", "class", "value", "keras3",
                   alias_of="active_property", formals="x"))
    out.append(Row("custom_metric", "rkeras.api.classes:custom_metric", "metric", "value", "keras3"))
    return out
