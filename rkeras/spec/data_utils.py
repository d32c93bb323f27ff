"""Spec rows for keras3's data utilities, image helpers, FeatureSpace features and tfruns names.

The loaders (``*_dataset_from_directory``, ``timeseries_dataset_from_array``), most
``image_*`` helpers, the ``feature_*`` FeatureSpace features and ``get_source_inputs`` are
Keras's own functions; their converters are the target-pattern rules of
:mod:`rkeras.spec.converters` (keras3's: whole numbers, image sizes, 0-based labels and
indices as Keras has them). Where keras3's R semantics need code the row targets the
hand-written implementation: :mod:`rkeras.api.data_utils` (``adapt``, vocabularies, atomic
``image_array_save``), :mod:`rkeras.api.models` (``reset_state``, ``generate``),
:mod:`rkeras.api.environment` (``config_set_backend``) and :mod:`rkeras.api.runs` (tfruns's
``flags``, ``flag_*``, ``run_dir`` and tensorflow's ``tensorboard``).
"""

from __future__ import annotations

from . import Row, facts, lines

# name  target  family  compose  [facts] (`formals=`: keras3's R formals where the Python signature
# cannot give them: `...` placement, R defaults that R evaluates -- tfruns reads commandArgs(),
# tensorflow's tensorboard() match.arg()s `action`)
ROWS = """
# --- preprocessing-layer state
adapt rkeras.api.data_utils:adapt utils verb invisible convert=batch_size:int,steps:int
    formals=object, data, ..., batch_size = NULL, steps = NULL
get_vocabulary rkeras.api.data_utils:get_vocabulary utils verb
set_vocabulary rkeras.api.data_utils:set_vocabulary utils verb invisible
# --- loaders (tf.data datasets: fit(), evaluate() and predict() take them as they are)
image_dataset_from_directory keras.utils.image_dataset_from_directory dataset value
text_dataset_from_directory keras.utils.text_dataset_from_directory dataset value
audio_dataset_from_directory keras.utils.audio_dataset_from_directory dataset value
timeseries_dataset_from_array keras.utils.timeseries_dataset_from_array dataset value
# --- images
image_load keras.utils.load_img image value
image_to_array keras.utils.img_to_array image value
image_from_array keras.utils.array_to_img image value
image_array_save rkeras.api.data_utils:image_array_save image value invisible note=overwrite
image_smart_resize keras.preprocessing.image.smart_resize image value
    formals=x, size, interpolation = "bilinear", data_format = "channels_last", backend_module = NULL
# --- FeatureSpace features (for layer_feature_space(features = ))
feature_cross keras.utils.FeatureSpace.cross utils value
feature_custom keras.utils.FeatureSpace.feature utils value
feature_float keras.utils.FeatureSpace.float utils value
feature_float_discretized keras.utils.FeatureSpace.float_discretized utils value
feature_float_normalized keras.utils.FeatureSpace.float_normalized utils value
feature_float_rescaled keras.utils.FeatureSpace.float_rescaled utils value
feature_integer_categorical keras.utils.FeatureSpace.integer_categorical utils value
    formals=max_tokens = NULL, num_oov_indices = 1, output_mode = "one_hot", name = NULL
feature_integer_hashed keras.utils.FeatureSpace.integer_hashed utils value
feature_string_categorical keras.utils.FeatureSpace.string_categorical utils value
    formals=max_tokens = NULL, num_oov_indices = 1, output_mode = "one_hot", name = NULL
feature_string_hashed keras.utils.FeatureSpace.string_hashed utils value
# --- custom objects (keras3: the previous ones come back invisibly)
set_custom_objects rkeras.api.utils:set_custom_objects serialization value invisible
    formals=objects = named_list(), clear = TRUE
# --- models, layers and metrics
get_source_inputs keras.utils.get_source_inputs model value
reset_state rkeras.api.models:reset_state model value invisible
generate rkeras.api.models:generate model value
# --- backend
config_set_backend rkeras.api.environment:config_set_backend config value invisible
# --- tfruns and tensorflow re-exports
flags rkeras.api.runs:flags environment value
    formals=..., config = Sys.getenv("R_CONFIG_ACTIVE", unset = "default"), file = "flags.yml",
    arguments = commandArgs(TRUE)
flag_numeric rkeras.api.runs:flag_numeric environment value
flag_integer rkeras.api.runs:flag_integer environment value
flag_boolean rkeras.api.runs:flag_boolean environment value
flag_string rkeras.api.runs:flag_string environment value
run_dir rkeras.api.runs:run_dir environment value
tensorboard rkeras.api.runs:tensorboard environment value invisible
    formals=log_dir, action = c("start", "stop"), host = "127.0.0.1", port = "auto",
    launch_browser = getOption("tensorflow.tensorboard.browser", interactive()), reload_interval = 5,
    purge_orphaned_data = TRUE
"""


def rows() -> list[Row]:
    out: list[Row] = []
    for name, target, family, compose, *extra in lines(ROWS):
        out.append(Row(name, target, family, compose, **facts(extra)))
    return out
