"""Spec rows for keras3's configuration, random, learning-rate schedule and utility names.

``config_*`` wrap ``keras.config`` (the setters return invisibly, as in keras3),
``random_*`` wrap ``keras.random`` (shapes through the shape converter, seeds as
whole numbers or a seed generator), ``learning_rate_schedule_*`` wrap
``keras.optimizers.schedules``; the rest are keras3's saving and utility
functions. Where keras3's R semantics differ from Keras's own function (1-based
axes and class indices, atomic saving, offline files), the row targets the
hand-written implementation in :mod:`rkeras.api.utils`. ``config_backend`` and
``config_set_backend`` belong to the backend rows.
"""

from __future__ import annotations

from typing import Any

from . import Row, facts, lines

# r_name keras.config function [facts] (setters, enable_/disable_: invisible)
CONFIG = """
config_disable_flash_attention disable_flash_attention
config_disable_interactive_logging disable_interactive_logging
config_disable_traceback_filtering disable_traceback_filtering
config_dtype_policy dtype_policy
config_enable_flash_attention enable_flash_attention
config_enable_interactive_logging enable_interactive_logging
config_enable_traceback_filtering enable_traceback_filtering
config_enable_unsafe_deserialization enable_unsafe_deserialization
config_epsilon epsilon
config_floatx floatx
config_image_data_format image_data_format
config_is_flash_attention_enabled is_flash_attention_enabled
config_is_interactive_logging_enabled is_interactive_logging_enabled
config_is_nnx_enabled is_nnx_enabled
config_is_traceback_filtering_enabled is_traceback_filtering_enabled
config_max_epochs max_epochs
config_max_steps_per_epoch max_steps_per_epoch
config_set_dtype_policy set_dtype_policy
config_set_epsilon set_epsilon
config_set_floatx set_floatx
config_set_image_data_format set_image_data_format
config_set_max_epochs set_max_epochs convert=max_epochs:int
config_set_max_steps_per_epoch set_max_steps_per_epoch convert=max_steps_per_epoch:int
"""

# r_name keras.random function [facts] (shape: the generic shape rule; seed: the generic int rule;
# random_categorical's classes are 1-based unless zero_indexed = TRUE; random_shuffle's axis 1-based)
RANDOM = """
random_beta beta
random_categorical categorical zero_indexed result=index1 convert=num_samples:strict_int
random_binomial binomial
random_dropout dropout convert=noise_shape:shape
random_gamma gamma
random_integer randint convert=minval:int,maxval:int
random_normal normal
random_shuffle shuffle convert=axis:axis
random_truncated_normal truncated_normal
random_uniform uniform
"""

SCHEDULES = """
learning_rate_schedule_cosine_decay CosineDecay convert=decay_steps:int
learning_rate_schedule_cosine_decay_restarts CosineDecayRestarts convert=first_decay_steps:int
learning_rate_schedule_exponential_decay ExponentialDecay convert=decay_steps:int
learning_rate_schedule_inverse_time_decay InverseTimeDecay
learning_rate_schedule_piecewise_constant_decay PiecewiseConstantDecay
learning_rate_schedule_polynomial_decay PolynomialDecay convert=decay_steps:int
"""

# name, target, family, compose, invisible[, facts]
_UTILS: list[tuple[Any, ...]] = [
    ("random_seed_generator", "keras.random.SeedGenerator", "random", "object", False),
    ("clear_session", "keras.utils.clear_session", "utils", "value", True),
    # keras3 puts `...` right after origin
    ("get_file", "rkeras.api.utils:get_file", "utils", "value", False,
     "last=file_hash,cache_subdir,hash_algorithm,extract,archive_format,cache_dir,force_download"),
    ("split_dataset", "rkeras.api.utils:split_dataset", "utils", "value", False),
    ("serialize_keras_object", "keras.saving.serialize_keras_object", "serialization", "value", False),
    ("deserialize_keras_object", "keras.saving.deserialize_keras_object", "serialization", "value", False),
    ("get_custom_objects", "keras.saving.get_custom_objects", "serialization", "value", False),
    ("py_require", "rkeras.api.utils:py_require", "environment", "value", True),
    ("get_registered_name", "keras.saving.get_registered_name", "serialization", "value", False),
    ("get_registered_object", "keras.saving.get_registered_object", "serialization", "value", False),
    ("register_keras_serializable", "rkeras.api.utils:register_keras_serializable", "serialization",
     "value", False),
    ("save_model_config", "rkeras.api.utils:save_model_config", "save", "verb", True),
    ("load_model_config", "rkeras.api.utils:load_model_config", "save", "value", False),
    ("get_state_tree", "rkeras.api.utils:get_state_tree", "model", "verb", False),
    ("set_state_tree", "rkeras.api.utils:set_state_tree", "model", "verb", True),
    ("quantize_weights", "rkeras.api.utils:quantize_weights", "model", "verb", True),
]


def rows() -> list[Row]:
    out: list[Row] = []
    for name, fn, *extra in lines(CONFIG):
        out.append(Row(name, f"keras.config.{fn}", "config", "value", **facts(extra),
                       invisible=fn.startswith(("set_", "enable_", "disable_"))))
    for name, fn, *extra in lines(RANDOM):
        out.append(Row(name, f"keras.random.{fn}", "random", "value", **facts(extra)))
    for name, cls, *extra in lines(SCHEDULES):
        out.append(Row(name, f"keras.optimizers.schedules.{cls}", "schedule", "object", **facts(extra)))
    for name, target, family, compose, invisible, *more in _UTILS:
        extra = more[0] if more else ""
        out.append(Row(name, target, family, compose, invisible=invisible, **facts(extra.split())))
    return out
