"""The bad-input table from Python (issue 13): each call must raise an ``RKerasError`` whose
message starts with the R-style function name (``fn(): ``) and names the argument, in
backticks or as ``argument x``. The same inputs reach the same converters as from R (an R
``NA`` is a float NaN here, an R vector a list), so this table is the R table's keyword calls.
"""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras.errors import RKerasError

sys.path.insert(0, str(Path(__file__).parent))

from reliability_out import record  # noqa: E402

NAN = math.nan

BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    ("layer_dense", {"units": 1.5}, "units"),
    ("layer_dense", {"units": 'a'}, "units"),
    ("layer_dense", {"units": -1}, "units"),
    ("layer_dense", {"units": NAN}, "units"),
    ("layer_dense", {"units": [1, 2]}, "units"),
    ("layer_dense", {"units": 2, "activation": 'nope'}, "activation"),
    ("layer_dense", {"units": 2, "input_shape": 'a'}, "input_shape"),
    ("layer_dense", {"units": 2, "kernel_initializer": 'nope'}, "kernel_initializer"),
    ("layer_dense", {"units": 2, "kernel_regularizer": 'nope'}, "kernel_regularizer"),
    ("layer_dense", {"units": 2, "use_bias": 'yes'}, "use_bias"),
    ("layer_dense", {"units": 2, "input_shape": [2.5]}, "input_shape"),
    ("layer_conv_2d", {"filters": 2.5, "kernel_size": 3}, "filters"),
    ("layer_conv_2d", {"filters": 2, "kernel_size": 1.5}, "kernel_size"),
    ("layer_conv_2d", {"filters": 2, "kernel_size": 3, "strides": 0.5}, "strides"),
    ("layer_conv_2d", {"filters": 2, "kernel_size": 3, "padding": 'bogus'}, "padding"),
    ("layer_conv_1d", {"filters": 'a', "kernel_size": 3}, "filters"),
    ("layer_conv_1d", {"filters": 2, "kernel_size": 'a'}, "kernel_size"),
    ("layer_max_pooling_2d", {"pool_size": 'a'}, "pool_size"),
    ("layer_max_pooling_2d", {"pool_size": 1.5}, "pool_size"),
    ("layer_average_pooling_1d", {"pool_size": 0.5}, "pool_size"),
    ("layer_dropout", {"rate": 2}, "rate"),
    ("layer_dropout", {"rate": 'a'}, "rate"),
    ("layer_dropout", {"rate": -0.1}, "rate"),
    ("layer_embedding", {"input_dim": 1.5, "output_dim": 2}, "input_dim"),
    ("layer_embedding", {"input_dim": 10, "output_dim": 'x'}, "output_dim"),
    ("layer_lstm", {"units": 'a'}, "units"),
    ("layer_gru", {"units": 0.5}, "units"),
    ("layer_simple_rnn", {"units": NAN}, "units"),
    ("layer_reshape", {"target_shape": 'a'}, "target_shape"),
    ("layer_reshape", {"target_shape": [1.5, 2]}, "target_shape"),
    ("layer_batch_normalization", {"axis": 0}, "axis"),
    ("layer_layer_normalization", {"axis": 0}, "axis"),
    ("layer_concatenate", {"axis": 0}, "axis"),
    ("layer_activation", {"activation": 'nope'}, "activation"),
    ("layer_flatten", {"data_format": 'bogus'}, "data_format"),
    ("layer_zero_padding_2d", {"padding": 'a'}, "padding"),
    ("layer_cropping_2d", {"cropping": 1.5}, "cropping"),
    ("layer_upsampling_2d", {"size": 'a'}, "size"),
    ("layer_repeat_vector", {"n": 1.5}, "n"),
    ("layer_gaussian_noise", {"stddev": 'a'}, "stddev"),
    ("layer_spatial_dropout_2d", {"rate": 3}, "rate"),
    ("layer_multi_head_attention", {"num_heads": 1.5, "key_dim": 2}, "num_heads"),
    ("layer_multi_head_attention", {"num_heads": 2, "key_dim": 'a'}, "key_dim"),
    ("layer_text_vectorization", {"max_tokens": 1.5}, "max_tokens"),
    ("layer_string_lookup", {"num_oov_indices": 'a'}, "num_oov_indices"),
    ("layer_rescaling", {"scale": 'a'}, "scale"),
    ("layer_permute", {"dims": 'a'}, "dims"),
    ("optimizer_adam", {"learning_rate": 'a'}, "learning_rate"),
    ("optimizer_rmsprop", {"rho": 'a'}, "rho"),
    ("optimizer_adam", {"beta_1": 'x'}, "beta_1"),
    ("optimizer_sgd", {"momentum": 'a'}, "momentum"),
    ("loss_binary_crossentropy", {"from_logits": 'yes'}, "from_logits"),
    ("loss_categorical_crossentropy", {"label_smoothing": 'a'}, "label_smoothing"),
    ("loss_huber", {"delta": 'a'}, "delta"),
    ("loss_sparse_categorical_crossentropy", {"ignore_class": 1.5}, "ignore_class"),
    ("metric_auc", {"num_thresholds": 1.5}, "num_thresholds"),
    ("metric_auc", {"num_thresholds": 'a'}, "num_thresholds"),
    ("metric_mean_iou", {"num_classes": 1.5}, "num_classes"),
    ("metric_precision", {"top_k": 1.5}, "top_k"),
    ("callback_early_stopping", {"patience": 1.5}, "patience"),
    ("callback_reduce_lr_on_plateau", {"factor": 'a'}, "factor"),
    ("callback_model_checkpoint", {"filepath": NAN}, "filepath"),
    ("callback_csv_logger", {"filename": NAN}, "filename"),
    ("callback_tensorboard", {"histogram_freq": 1.5}, "histogram_freq"),
    ("initializer_random_normal", {"seed": 1.5}, "seed"),
    ("initializer_random_uniform", {"minval": 'a'}, "minval"),
    ("initializer_constant", {"value": 'a'}, "value"),
    ("regularizer_l2", {"l2": 'a'}, "l2"),
    ("regularizer_l1", {"l1": -1}, "l1"),
    ("constraint_unitnorm", {"axis": 0}, "axis"),
    ("keras_model_sequential", {"input_shape": 'a'}, "input_shape"),
    ("keras_input", {"shape": 'a'}, "shape"),
    ("keras_input", {"shape": [1.5]}, "shape"),
    ("keras_input", {"shape": 2, "batch_size": 1.5}, "batch_size"),
    ("keras_model", {"inputs": 42, "outputs": 3}, "inputs"),
    ("keras_input", {"shape": 2, "dtype": 'float99'}, "dtype"),
    ("dataset_mnist", {"path": NAN}, "path"),
    ("dataset_imdb", {"num_words": 1.5}, "num_words"),
    ("dataset_imdb", {"maxlen": 'a'}, "maxlen"),
    ("dataset_reuters", {"num_words": 'a'}, "num_words"),
    ("dataset_boston_housing", {"test_split": 2}, "test_split"),
    ("dataset_imdb", {"seed": 1.5}, "seed"),
    ("application_mobilenet", {"weights": None, "input_shape": [32, 32], "classes": 2}, "input_shape"),
    ("application_resnet50", {"weights": 'nope', "input_shape": [32, 32, 3]}, "weights"),
    ("application_vgg16", {"weights": None, "classes": 1.5}, "classes"),
    ("layer_dense", {"object": 'a', "units": 2}, "value"),
    ("text_tokenizer", {"num_words": 'a'}, "num_words"),
    ("text_tokenizer", {"num_words": 1.5}, "num_words"),
    ("text_tokenizer", {"oov_token": 42}, "oov_token"),
    ("text_tokenizer", {"split": 42}, "split"),
    ("image_data_generator", {"rotation_range": 'a'}, "rotation_range"),
    ("image_data_generator", {"zoom_range": 'a'}, "zoom_range"),
    ("image_data_generator", {"fill_mode": 'bogus'}, "fill_mode"),
    ("image_data_generator", {"validation_split": 2}, "validation_split"),
    ("image_data_generator", {"rescale": 'a'}, "rescale"),
    ("image_data_generator", {"width_shift_range": 'a'}, "width_shift_range"),
    ("image_data_generator", {"brightness_range": 'a'}, "brightness_range"),
    ("image_data_generator", {"data_format": 'sideways'}, "data_format"),
    ("image_data_generator", {"shear_range": 'a'}, "shear_range"),
    ("layer_normalization", {"axis": 0}, "axis"),
    ("layer_text_vectorization", {"output_mode": 'nope'}, "output_mode"),
    ("layer_dense", {"units": 2, "kernel_constraint": 'nope'}, "kernel_constraint"),
    ("layer_dense", {"units": 2, "dtype": 'float99'}, "dtype"),
    ("layer_embedding", {"input_dim": NAN, "output_dim": 2}, "input_dim"),
    ("layer_lstm", {"units": 2, "recurrent_activation": 'nope'}, "recurrent_activation"),
    ("layer_conv_2d", {"filters": NAN, "kernel_size": 3}, "filters"),
    ("layer_dense", {"units": 2, "use_bias": NAN}, "use_bias"),
    ("layer_conv_1d", {"filters": 2, "kernel_size": 3, "dilation_rate": 0.5}, "dilation_rate"),
    ("layer_dense", {"units": 2, "batch_size": 'a'}, "batch_size"),
    ("layer_dense", {"units": 2, "activity_regularizer": 'nope'}, "activity_regularizer"),
    ("layer_gru", {"units": 2, "dropout": 'a'}, "dropout"),
    ("layer_alpha_dropout", {"rate": 'a'}, "rate"),
    ("layer_gaussian_dropout", {"rate": 'a'}, "rate"),
    ("layer_activity_regularization", {"l1": 'a'}, "l1"),
    ("layer_embedding", {"input_dim": 10, "output_dim": 2, "embeddings_initializer": 'nope'},
     "embeddings_initializer"),
    ("layer_hashing", {"num_bins": 'a'}, "num_bins"),
    ("layer_category_encoding", {"num_tokens": 1.5}, "num_tokens"),
    ("layer_discretization", {"num_bins": 'a'}, "num_bins"),
    ("layer_integer_lookup", {"num_oov_indices": 1.5}, "num_oov_indices"),
    ("layer_random_rotation", {"factor": 'a'}, "factor"),
    ("layer_random_zoom", {"height_factor": 'a'}, "height_factor"),
    ("layer_resizing", {"height": 'a', "width": 2}, "height"),
    ("layer_resizing", {"height": 2, "width": 1.5}, "width"),
    ("layer_center_crop", {"height": 'a', "width": 2}, "height"),
    ("layer_conv_2d_transpose", {"filters": 1.5, "kernel_size": 3}, "filters"),
    ("layer_separable_conv_2d", {"filters": 2, "kernel_size": 'a'}, "kernel_size"),
    ("layer_depthwise_conv_2d", {"kernel_size": 3, "depth_multiplier": 1.5}, "depth_multiplier"),
    ("layer_conv_3d", {"filters": 'a', "kernel_size": 3}, "filters"),
    ("layer_max_pooling_1d", {"pool_size": 'a'}, "pool_size"),
    ("layer_average_pooling_2d", {"pool_size": 1.5}, "pool_size"),
    ("layer_max_pooling_3d", {"pool_size": 'a'}, "pool_size"),
    ("layer_zero_padding_1d", {"padding": 1.5}, "padding"),
    ("layer_cropping_1d", {"cropping": 'a'}, "cropping"),
    ("layer_upsampling_1d", {"size": 1.5}, "size"),
    ("layer_simple_rnn", {"units": 1.5}, "units"),
    ("layer_lstm", {"units": -1.5}, "units"),
    ("layer_conv_lstm_2d", {"filters": 1.5, "kernel_size": 3}, "filters"),
    ("loss_mean_squared_error", {"reduction": 'nope'}, "reduction"),
    ("loss_categorical_crossentropy", {"from_logits": NAN}, "from_logits"),
    ("loss_binary_focal_crossentropy", {"gamma": 'a'}, "gamma"),
    ("loss_cosine_similarity", {"axis": 0}, "axis"),
    ("metric_binary_accuracy", {"threshold": 'a'}, "threshold"),
    ("metric_mean_iou", {"num_classes": 'a'}, "num_classes"),
    ("metric_sparse_top_k_categorical_accuracy", {"k": 1.5}, "k"),
    ("optimizer_nadam", {"epsilon": 'a'}, "epsilon"),
    ("optimizer_adagrad", {"initial_accumulator_value": 'a'}, "initial_accumulator_value"),
    ("optimizer_sgd", {"nesterov": 'yes'}, "nesterov"),
    ("optimizer_adam", {"amsgrad": 'x'}, "amsgrad"),
    ("optimizer_ftrl", {"learning_rate_power": 'a'}, "learning_rate_power"),
    ("callback_early_stopping", {"patience": 'a'}, "patience"),
    ("callback_early_stopping", {"restore_best_weights": 'x'}, "restore_best_weights"),
    ("callback_model_checkpoint", {"filepath": 42}, "filepath"),
    ("callback_reduce_lr_on_plateau", {"patience": 1.5}, "patience"),
    ("callback_tensorboard", {"log_dir": NAN}, "log_dir"),
    ("callback_lambda", {"on_epoch_end": 42}, "on_epoch_end"),
    ("initializer_glorot_uniform", {"seed": 'a'}, "seed"),
    ("initializer_he_normal", {"seed": 1.5}, "seed"),
    ("initializer_orthogonal", {"gain": 'a'}, "gain"),
    ("initializer_truncated_normal", {"stddev": 'a'}, "stddev"),
    ("initializer_variance_scaling", {"scale": 'a'}, "scale"),
    ("initializer_variance_scaling", {"mode": 'nope'}, "mode"),
    ("regularizer_l1_l2", {"l1": 'a'}, "l1"),
    ("regularizer_orthogonal", {"factor": 'a'}, "factor"),
    ("constraint_minmaxnorm", {"min_value": 'a'}, "min_value"),
    ("keras_model_sequential", {"input_shape": [1.5, 2]}, "input_shape"),
    ("keras_model_sequential", {"name": 42}, "name"),
    ("keras_input", {"shape": 2, "name": 42}, "name"),
    ("dataset_imdb", {"skip_top": 'a'}, "skip_top"),
    ("dataset_reuters", {"test_split": 'a'}, "test_split"),
    ("dataset_reuters", {"maxlen": 1.5}, "maxlen"),
    ("dataset_cifar100", {"label_mode": 'nope'}, "label_mode"),
    ("application_resnet50", {"weights": None, "classes": 'a'}, "classes"),
]


@pytest.fixture(scope="module")
def model() -> Any:
    m = rkeras.keras_model_sequential(input_shape=4)
    m = rkeras.layer_dense(m, units=2)
    rkeras.compile(m, optimizer="sgd", loss="mse")
    return m


MODEL_CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any], str]] = [
    ("fit", ("M", "X", "Y"), {"epochs": "a", "verbose": 0}, "epochs"),
    ("fit", ("M", "X", "Y"), {"batch_size": 0.5, "verbose": 0}, "batch_size"),
    ("fit", ("M", "X", "Y"), {"validation_split": 2, "verbose": 0}, "validation_split"),
    ("fit", (42, "X", "Y"), {}, "object"),
    ("fit", ("M", "a", "Y"), {"verbose": 0}, "x"),
    ("fit", ("M", "X", "Y"), {"callbacks": "a", "verbose": 0}, "callbacks"),
    ("evaluate", ("M", "X", "Y"), {"batch_size": "a", "verbose": 0}, "batch_size"),
    ("predict", ("M", "a"), {"verbose": 0}, "x"),
    ("predict", ("M", "X"), {"batch_size": 1.5, "verbose": 0}, "batch_size"),
    ("save_model", ("M", NAN), {}, "filepath"),
    ("save_model", ("M", 42), {}, "filepath"),
    ("load_model", (NAN,), {}, "filepath"),
    ("get_layer", ("M",), {"index": 0}, "index"),
    ("get_layer", ("M",), {"name": "nope"}, "name"),
    ("compile", (42,), {"optimizer": "sgd", "loss": "mse"}, "object"),
    ("clone_model", (42,), {}, "object"),
    ("to_categorical", ([0, 1.5],), {}, "x"),
    ("array_reshape", ([1, 2, 3, 4, 5, 6], "a"), {}, "dim"),
]


def _check(fn: str, arg: str, call: Any) -> None:
    with pytest.raises(RKerasError) as info:
        call()
    msg = str(info.value)
    assert msg.startswith(f"{fn}(): "), msg
    assert f"`{arg}`" in msg or f"argument {arg}" in msg, msg
    assert len(msg) < 2000


def test_table_size() -> None:
    assert len(BAD_INPUTS) + len(MODEL_CALLS) >= 50


@pytest.mark.parametrize("fn,kwargs,arg", BAD_INPUTS, ids=[f"{i}-{r[0]}" for i, r in enumerate(BAD_INPUTS)])
def test_bad_keyword_input(fn: str, kwargs: dict[str, Any], arg: str) -> None:
    _check(fn, arg, lambda: getattr(rkeras, fn)(**kwargs))


@pytest.mark.parametrize("fn,args,kwargs,arg", MODEL_CALLS,
                         ids=[f"{i}-{r[0]}" for i, r in enumerate(MODEL_CALLS)])
def test_bad_model_call(model: Any, fn: str, args: tuple[Any, ...], kwargs: dict[str, Any], arg: str) -> None:
    rng = np.random.default_rng(0)
    values = {"M": model, "X": rng.random((2, 4)), "Y": rng.random((2, 2))}
    real = tuple(values.get(a, a) if isinstance(a, str) else a for a in args)
    _check(fn, arg, lambda: getattr(rkeras, fn)(*real, **kwargs))


def test_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match=re.escape("layer_dense(): `units`")):
        rkeras.layer_dense(units=1.5)


@pytest.mark.skipif(not os.environ.get("RKERAS_RELIABILITY_OUT"), reason="make soak only: for the report")
def test_record_counts(model: Any) -> None:
    clear = 0
    unclear: list[str] = []
    for fn, kwargs, arg in BAD_INPUTS:
        try:
            _check(fn, arg, lambda: getattr(rkeras, fn)(**kwargs))  # noqa: B023 - called at once
            clear += 1
        except AssertionError as exc:
            unclear.append(f"{fn}: {exc}")
    n = len(BAD_INPUTS) + len(MODEL_CALLS)
    record("bad_inputs_python", {"inputs": n, "clear": clear + len(MODEL_CALLS), "unclear": len(unclear),
                                 "examples": unclear[:10]})
    assert unclear == []
