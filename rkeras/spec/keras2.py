"""Spec rows for the rest of keras 2.x's names (flavour "keras2", or "keras3" where keras3 exports
the name too): its per-application helpers, SavedModel and raw-bytes saving, layer nodes, old
spellings of layers, losses, metrics, callbacks and activations, and its environment functions.
(The ``k_*`` backend functions are in :mod:`rkeras.spec.keras2_backend`; keras 2.x's names removed
for good in :mod:`rkeras.spec.removed`.)

Table lines: ``name target family compose [facts]`` (``api.x:f`` and ``flavours.x:f`` are rkeras
implementations; ``keras.*`` Keras's own), facts as :func:`rkeras.spec.facts`; rows whose R formals
must be keras 2.x's where Keras's signature differs are built below the table. Facts per function:
``../shared/reference/keras2-functions.tsv``. This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row, facts, lines

ROWS = """
# --- per-application helpers (keras.applications.<module>)
resnet_preprocess_input api.applications:resnet_preprocess_input application value
resnet_v2_preprocess_input api.applications:resnet_v2_preprocess_input application value
inception_v3_preprocess_input api.applications:inception_v3_preprocess_input application value
inception_resnet_v2_preprocess_input api.applications:inception_resnet_v2_preprocess_input application value
xception_preprocess_input api.applications:xception_preprocess_input application value
mobilenet_preprocess_input api.applications:mobilenet_preprocess_input application value
mobilenet_v2_preprocess_input api.applications:mobilenet_v2_preprocess_input application value
nasnet_preprocess_input api.applications:nasnet_preprocess_input application value
densenet_preprocess_input api.applications:densenet_preprocess_input application value
mobilenet_decode_predictions api.applications:mobilenet_decode_predictions application value
    formals=preds, top = 5
mobilenet_v2_decode_predictions api.applications:mobilenet_v2_decode_predictions application value
    formals=preds, top = 5
mobilenet_load_model_hdf5 api.applications:mobilenet_load_model_hdf5 application value
mobilenet_v2_load_model_hdf5 api.applications:mobilenet_v2_load_model_hdf5 application value
application_densenet api.applications:application_densenet application value
    formals=blocks, include_top = TRUE, weights = "imagenet", input_tensor = NULL, input_shape = NULL,
    pooling = NULL, classes = 1000
application_nasnet api.applications:application_nasnet application value
    formals=input_shape = NULL, penultimate_filters = 4032L, num_blocks = 6L, stem_block_filters = 96L,
    skip_reduction = TRUE, filter_multiplier = 2L, include_top = TRUE, weights = NULL, input_tensor = NULL,
    pooling = NULL, classes = 1000, default_size = NULL
image_array_resize api.data_utils:image_array_resize image value
# --- SavedModel, weights and raw bytes (atomic saves; never overwriting unless asked)
save_model_tf api.saving:save_model_tf save verb invisible note=overwrite
load_model_tf api.saving:load_model_tf save value
save_model_weights_tf api.saving:save_model_weights_tf save verb invisible note=overwrite
load_model_weights_tf api.saving:load_model_weights_tf save verb invisible
model_to_saved_model api.saving:model_to_saved_model save verb invisible
model_from_saved_model api.saving:model_from_saved_model save value
serialize_model api.saving:serialize_model save verb
unserialize_model api.saving:unserialize_model save value
# --- layer nodes (1-based node_index) and states
get_input_at flavours.keras2:get_input_at model verb convert=node_index:int
get_output_at flavours.keras2:get_output_at model verb convert=node_index:int
get_input_shape_at flavours.keras2:get_input_shape_at model verb convert=node_index:int
get_output_shape_at flavours.keras2:get_output_shape_at model verb convert=node_index:int
get_input_mask_at flavours.keras2:get_input_mask_at model verb convert=node_index:int
get_output_mask_at flavours.keras2:get_output_mask_at model verb convert=node_index:int
reset_states flavours.keras2:reset_states model verb invisible
# --- arrays, metrics, callbacks, activations
keras_array flavours.keras2:keras_array array value
metric_cosine_proximity flavours.keras2:metric_cosine_proximity metric value
metric_mean_relative_error flavours.keras2:MeanRelativeError metric loss
metric_mean_tensor flavours.keras2:MeanTensor metric object
callback_progbar_logger flavours.keras2:callback_progbar_logger callback value
activation_swish keras.activations.swish activation function
# --- environment (rkeras's Python and Keras are fixed: these check and explain)
use_session_with_seed api.environment:use_session_with_seed environment value invisible
    convert=seed:strict_int
implementation api.environment:implementation environment value
use_implementation api.environment:use_implementation environment value invisible

use_condaenv api.environment:use_condaenv environment value invisible note=python_fixed
py_require_legacy_keras api.environment:py_require_legacy_keras environment value invisible
"""

# keras3 exports these too (keras3 flavour)
KERAS3_ROWS = """
export_savedmodel api.saving:export_savedmodel save verb invisible note=overwrite
use_python api.environment:use_python environment value invisible note=python_fixed
use_virtualenv api.environment:use_virtualenv environment value invisible note=python_fixed
"""

# keras 2.x's other spellings: name  Keras target  family  compose  the row it is an alias of
ALIASES = """
bidirectional keras.layers.Bidirectional layer layer layer_bidirectional keras3
time_distributed keras.layers.TimeDistributed layer layer layer_time_distributed keras3
callback_terminate_on_naan keras.callbacks.TerminateOnNaN callback object callback_terminate_on_nan keras2
metric_logcosh_error keras.metrics.LogCoshError metric loss metric_log_cosh_error keras2
"""

_LAYER_ARGS = ("input_shape = NULL, batch_input_shape = NULL, batch_size = NULL, dtype = NULL, name = NULL, "
               "trainable = NULL, weights = NULL")
_RNN_ARGS = ('kernel_initializer = "glorot_uniform", recurrent_initializer = "orthogonal", '
             'bias_initializer = "zeros"')
_RNN_REGULARIZERS = ("kernel_regularizer = NULL, recurrent_regularizer = NULL, bias_regularizer = NULL, "
                     "kernel_constraint = NULL, recurrent_constraint = NULL, bias_constraint = NULL, "
                     "dropout = 0, recurrent_dropout = 0")
_CUDNN_REGULARIZERS = ("kernel_regularizer = NULL, recurrent_regularizer = NULL, bias_regularizer = NULL, "
                       "activity_regularizer = NULL, kernel_constraint = NULL, recurrent_constraint = NULL, "
                       "bias_constraint = NULL, return_sequences = FALSE, return_state = FALSE, "
                       "stateful = FALSE")
_RANDOM_RESIZE = 'object, factor, interpolation = "bilinear", seed = NULL, ...'
_KL = 'y_true, y_pred, ..., reduction = "sum_over_batch_size", name = "{name}"'


def _table_rows(text: str, flavour: str) -> list[Row]:
    out = []
    for name, target, family, compose, *extra in lines(text):
        full = target if target.startswith("keras.") else f"rkeras.{target}"
        out.append(Row(name, full, family, compose, flavour, **facts(extra)))
    return out


def rows() -> list[Row]:
    out = _table_rows(ROWS, "keras2") + _table_rows(KERAS3_ROWS, "keras3")
    for name, target, family, compose, of, flavour in lines(ALIASES):
        out.append(Row(name, target, family, compose, flavour, alias_of=of))
    # Keras classes with keras 2.x's R formals (the arguments before `...` that 2.x named)
    out += [
        Row("layer_activation_selu", "keras.layers.Activation", "layer", "layer", "keras2",
            defaults={"activation": "selu"}, formals=f"object, {_LAYER_ARGS}"),
        Row("layer_activation_thresholded_relu", "rkeras.flavours.kerasr:ThresholdedReLU", "layer", "layer",
            "keras2", formals=f"object, theta = 1, {_LAYER_ARGS}"),
        Row("layer_random_height", "rkeras.flavours.keras2:RandomHeight", "layer", "layer", "keras2",
            formals=_RANDOM_RESIZE),
        Row("layer_random_width", "rkeras.flavours.keras2:RandomWidth", "layer", "layer", "keras2",
            formals=_RANDOM_RESIZE),
        Row("layer_cudnn_gru", "keras.layers.GRU", "layer", "layer", "keras2", note="cudnn",
            formals=f"object, units, {_RNN_ARGS}, {_CUDNN_REGULARIZERS}, {_LAYER_ARGS}"),
        Row("layer_cudnn_lstm", "keras.layers.LSTM", "layer", "layer", "keras2", note="cudnn",
            formals=f"object, units, {_RNN_ARGS}, unit_forget_bias = TRUE, {_CUDNN_REGULARIZERS}, "
                    f"{_LAYER_ARGS}"),
        Row("layer_gru_cell", "keras.layers.GRUCell", "rnn_cell", "object", "keras2",
            formals=f'units, activation = "tanh", recurrent_activation = "sigmoid", use_bias = TRUE, '
                    f"{_RNN_ARGS}, {_RNN_REGULARIZERS}, reset_after = TRUE, ..."),
        Row("layer_lstm_cell", "keras.layers.LSTMCell", "rnn_cell", "object", "keras2",
            formals=f'units, activation = "tanh", recurrent_activation = "sigmoid", use_bias = TRUE, '
                    f"{_RNN_ARGS}, unit_forget_bias = TRUE, {_RNN_REGULARIZERS}, ..."),
        Row("layer_simple_rnn_cell", "keras.layers.SimpleRNNCell", "rnn_cell", "object", "keras2",
            formals=f'units, activation = "tanh", use_bias = TRUE, {_RNN_ARGS}, {_RNN_REGULARIZERS}, ...'),
        Row("layer_stacked_rnn_cells", "keras.layers.StackedRNNCells", "rnn_cell", "object", "keras2"),
        # losses and metrics under keras 2.x's names; reduction = "auto" (2.x) is Keras 3's default
        Row("loss_cosine_proximity", "keras.losses.CosineSimilarity", "loss", "loss", "keras2",
            function="keras.losses.cosine_similarity", alias_of="loss_cosine_similarity", formals="..."),
        Row("loss_kullback_leibler_divergence", "keras.losses.KLDivergence", "loss", "loss", "keras2",
            function="keras.losses.kl_divergence", alias_of="loss_kl_divergence",
            convert={"reduction": "reduction"}, formals=_KL.format(name="kl_divergence")),
        Row("loss_logcosh", "keras.losses.LogCosh", "loss", "loss", "keras2",
            function="keras.losses.log_cosh", alias_of="loss_log_cosh", convert={"reduction": "reduction"},
            formals=_KL.format(name="log_cosh")),
        Row("metric_accuracy", "keras.metrics.Accuracy", "metric", "loss", "keras2"),
        Row("metric_kullback_leibler_divergence", "keras.metrics.KLDivergence", "metric", "loss", "keras2",
            function="keras.metrics.kl_divergence", alias_of="metric_kl_divergence"),
    ]
    return out


__all__ = ["rows"]
