"""Spec rows for keras 2.x's ``k_*`` backend functions (flavour "keras2"), on Keras 3.

keras 2.x's ``k_*`` called ``keras.backend``; Keras 3 moved the tensor functions to
``keras.ops`` (configuration to ``keras.config``, random draws to ``keras.random``). A row
targets the Keras 3 function of the same meaning directly, with keras 2.x's argument names as
renames (``k_pow(x, a)`` is ``ops.power(x1, x2)``); where the meaning needs code (keras 2.x's
defaults, variables, ``k_batch_dot()``, ``k_switch()``, ...) it targets
:mod:`rkeras.api.backend2`. Names with no Keras 3 meaning (sessions, the global learning phase,
symbolic gradients) are ``removed`` rows naming what to use instead.

keras 2.x's R semantics: an ``axis`` is 1-based (``as_axis``: 1 is the first axis, negative
counts from the end, 0 is an error), and so are ``k_gather()``'s ``indices``; returned indices
(``k_argmax()``, ``k_argmin()``), class labels (``k_one_hot()``, ``k_in_top_k()``,
``k_sparse_categorical_crossentropy()``) and ``k_normalize_batch_in_training()``'s
``reduction_axes`` stay 0-based, as in keras 2.x. Facts per function (formals, converters):
``../shared/reference/keras2-functions.tsv``; each line's formals are keras 2.x's.

Table lines: ``name  target | R formals | facts`` (``ops.`` means ``keras.ops.``, ``random.``,
``config.`` and ``backend.`` likewise; ``b2:`` is :mod:`rkeras.api.backend2`; ``-`` as formals:
introspected, for functions of no arguments; facts as :func:`rkeras.spec.facts`, plus
``default=arg:value`` for a Python default that differs from Keras's, given 0-based as the
target receives it). This module imports nothing heavy.
"""

from __future__ import annotations

from typing import Any

from . import Row, facts

_PREFIXES = {"ops.": "keras.ops.", "random.": "keras.random.", "config.": "keras.config.",
             "backend.": "keras.backend.", "activations.": "keras.activations.",
             "b2:": "rkeras.api.backend2:"}

BACKEND = """
k_abs ops.absolute | x
k_all ops.all | x, axis = NULL, keepdims = FALSE
k_any ops.any | x, axis = NULL, keepdims = FALSE
k_arange b2:k_arange | start, stop = NULL, step = 1, dtype = "int32" | convert=start:whole,stop:int,step:whole
k_argmax ops.argmax | x, axis = -1 | default=axis:-1
k_argmin ops.argmin | x, axis = -1 | default=axis:-1
k_backend backend.backend | -
k_batch_dot b2:k_batch_dot | x, y, axes | convert=axes:axis
k_batch_flatten b2:k_batch_flatten | x
k_batch_get_value b2:k_batch_get_value | ops
k_batch_normalization b2:k_batch_normalization | x, mean, var, beta, gamma, axis = -1, epsilon = 0.001
k_batch_set_value b2:k_batch_set_value | lists | invisible
k_bias_add b2:k_bias_add | x, bias, data_format = NULL
k_binary_crossentropy ops.binary_crossentropy | target, output, from_logits = FALSE
k_cast ops.cast | x, dtype
k_cast_to_floatx b2:k_cast_to_floatx | x
k_categorical_crossentropy ops.categorical_crossentropy | target, output, from_logits = FALSE, axis = -1
k_clear_session b2:k_clear_session | - | invisible
k_clip b2:k_clip | x, min_value = NULL, max_value = NULL
k_concatenate ops.concatenate | tensors, axis = -1 | rename=tensors:xs default=axis:-1
k_constant b2:k_constant | value, dtype = NULL, shape = NULL, name = NULL | convert=shape:shape
k_conv1d b2:k_conv1d | x, kernel, strides = 1, padding = "valid", data_format = NULL, dilation_rate = 1
    | convert=strides:int,dilation_rate:int
k_conv2d ops.conv
    | x, kernel, strides = c(1, 1), padding = "valid", data_format = NULL, dilation_rate = c(1, 1)
    | rename=x:inputs convert=strides:int,dilation_rate:int
k_conv2d_transpose b2:k_conv2d_transpose
    | x, kernel, output_shape, strides = c(1, 1), padding = "valid", data_format = NULL
    | convert=output_shape:int,strides:int
k_conv3d ops.conv
    | x, kernel, strides = c(1, 1, 1), padding = "valid", data_format = NULL, dilation_rate = c(1, 1, 1)
    | rename=x:inputs convert=strides:int,dilation_rate:int
k_conv3d_transpose b2:k_conv3d_transpose
    | x, kernel, output_shape, strides = c(1, 1, 1), padding = "valid", data_format = NULL
    | convert=output_shape:int,strides:int
k_cos ops.cos | x
k_count_params b2:k_count_params | x
k_ctc_batch_cost b2:k_ctc_batch_cost | y_true, y_pred, input_length, label_length
k_ctc_decode b2:k_ctc_decode | y_pred, input_length, greedy = TRUE, beam_width = 100L, top_paths = 1
    | convert=beam_width:int,top_paths:int
k_ctc_label_dense_to_sparse b2:k_ctc_label_dense_to_sparse | labels, label_lengths
k_cumprod ops.cumprod | x, axis = 1 | default=axis:0
k_cumsum ops.cumsum | x, axis = 1 | default=axis:0
k_depthwise_conv2d ops.depthwise_conv
    | x, depthwise_kernel, strides = c(1, 1), padding = "valid", data_format = NULL, dilation_rate = c(1, 1)
    | rename=x:inputs,depthwise_kernel:kernel convert=strides:int,dilation_rate:int
k_dot ops.dot | x, y | rename=x:x1,y:x2
k_dropout random.dropout | x, level, noise_shape = NULL, seed = NULL
    | rename=x:inputs,level:rate convert=noise_shape:shape
k_dtype ops.dtype | x
k_elu ops.elu | x, alpha = 1
k_epsilon config.epsilon | -
k_equal ops.equal | x, y | rename=x:x1,y:x2
k_eval b2:k_eval | x
k_exp ops.exp | x
k_expand_dims ops.expand_dims | x, axis = -1 | default=axis:-1
k_eye b2:k_eye | size, dtype = NULL, name = NULL | convert=size:int
k_flatten b2:k_flatten | x
k_floatx config.floatx | -
k_foldl b2:k_foldl | fn, elems, initializer = NULL, name = NULL
k_foldr b2:k_foldr | fn, elems, initializer = NULL, name = NULL
k_function b2:k_function | inputs, outputs, updates = NULL, ...
k_gather b2:k_gather | reference, indices | convert=indices:axis
k_get_uid backend.get_uid | prefix = ""
k_get_value b2:k_get_value | x
k_get_variable_shape b2:k_get_variable_shape | x
k_greater ops.greater | x, y | rename=x:x1,y:x2
k_greater_equal ops.greater_equal | x, y | rename=x:x1,y:x2
k_hard_sigmoid b2:k_hard_sigmoid | x
k_identity b2:k_identity | x, name = NULL
k_image_data_format config.image_data_format | -
k_in_test_phase b2:k_in_test_phase | x, alt, training = NULL
k_in_top_k b2:k_in_top_k | predictions, targets, k | convert=k:int
k_in_train_phase b2:k_in_train_phase | x, alt, training = NULL
k_int_shape b2:k_int_shape | x
k_is_keras_tensor backend.is_keras_tensor | x
k_is_placeholder b2:k_is_placeholder | x
k_is_sparse b2:k_is_sparse | tensor
k_is_tensor ops.is_tensor | x
k_l2_normalize b2:k_l2_normalize | x, axis = NULL
k_less ops.less | x, y | rename=x:x1,y:x2
k_less_equal ops.less_equal | x, y | rename=x:x1,y:x2
k_local_conv1d b2:k_local_conv1d | inputs, kernel, kernel_size, strides, data_format = NULL
    | convert=kernel_size:int,strides:int
k_local_conv2d b2:k_local_conv2d | inputs, kernel, kernel_size, strides, output_shape, data_format = NULL
    | convert=kernel_size:int,strides:int,output_shape:int
k_log ops.log | x
k_logsumexp ops.logsumexp | x, axis = NULL, keepdims = FALSE
k_map_fn b2:k_map_fn | fn, elems, name = NULL, dtype = NULL
k_max ops.max | x, axis = NULL, keepdims = FALSE
k_maximum ops.maximum | x, y | rename=x:x1,y:x2
k_mean ops.mean | x, axis = NULL, keepdims = FALSE
k_min ops.min | x, axis = NULL, keepdims = FALSE
k_minimum ops.minimum | x, y | rename=x:x1,y:x2
k_moving_average_update b2:k_moving_average_update | x, value, momentum
k_ndim ops.ndim | x
k_normalize_batch_in_training b2:k_normalize_batch_in_training
    | x, gamma, beta, reduction_axes, epsilon = 0.001 | convert=reduction_axes:int
k_not_equal ops.not_equal | x, y | rename=x:x1,y:x2
k_one_hot ops.one_hot | indices, num_classes | rename=indices:x convert=num_classes:int
k_ones b2:k_ones | shape, dtype = NULL, name = NULL | convert=shape:shape
k_ones_like b2:k_ones_like | x, dtype = NULL, name = NULL
k_permute_dimensions ops.transpose | x, pattern | rename=pattern:axes convert=axes:axis
k_placeholder b2:k_placeholder | shape = NULL, ndim = NULL, dtype = NULL, sparse = FALSE, name = NULL
    | convert=shape:shape,ndim:int
k_pool2d b2:k_pool2d
    | x, pool_size, strides = c(1, 1), padding = "valid", data_format = NULL, pool_mode = "max"
    | convert=pool_size:int,strides:int
k_pool3d b2:k_pool3d
    | x, pool_size, strides = c(1, 1, 1), padding = "valid", data_format = NULL, pool_mode = "max"
    | convert=pool_size:int,strides:int
k_pow ops.power | x, a | rename=x:x1,a:x2 convert=x2:whole
k_print_tensor b2:k_print_tensor | x, message = ""
k_prod ops.prod | x, axis = NULL, keepdims = FALSE
k_random_binomial b2:k_random_binomial | shape, p = 0, dtype = NULL, seed = NULL
    | convert=shape:shape,seed:int
k_random_normal random.normal | shape, mean = 0, stddev = 1, dtype = NULL, seed = NULL
k_random_normal_variable b2:k_random_normal_variable
    | shape, mean, scale, dtype = NULL, name = NULL, seed = NULL
    | convert=shape:shape,seed:int
k_random_uniform random.uniform | shape, minval = 0, maxval = 1, dtype = NULL, seed = NULL
k_random_uniform_variable b2:k_random_uniform_variable
    | shape, low, high, dtype = NULL, name = NULL, seed = NULL
    | convert=shape:shape,seed:int
k_relu activations.relu | x, alpha = 0, max_value = NULL | rename=alpha:negative_slope
k_repeat b2:k_repeat | x, n | convert=n:int
k_repeat_elements ops.repeat | x, rep, axis | rename=rep:repeats convert=repeats:int
k_reset_uids b2:k_reset_uids | - | invisible
k_reshape ops.reshape | x, shape | rename=shape:newshape convert=newshape:int
k_resize_images b2:k_resize_images | x, height_factor, width_factor, data_format
    | convert=height_factor:int,width_factor:int
k_resize_volumes b2:k_resize_volumes | x, depth_factor, height_factor, width_factor, data_format
    | convert=depth_factor:int,height_factor:int,width_factor:int
k_reverse ops.flip | x, axes | rename=axes:axis
k_rnn b2:k_rnn | step_function, inputs, initial_states, go_backwards = FALSE, mask = NULL, constants = NULL,
    unroll = FALSE, input_length = NULL | convert=input_length:int
k_round ops.round | x
k_separable_conv2d ops.separable_conv
    | x, depthwise_kernel, pointwise_kernel, strides = c(1, 1), padding = "valid", data_format = NULL,
    dilation_rate = c(1, 1) | rename=x:inputs convert=strides:int,dilation_rate:int
k_set_epsilon config.set_epsilon | e | rename=e:value invisible
k_set_floatx config.set_floatx | floatx | rename=floatx:value invisible
k_set_image_data_format config.set_image_data_format | data_format | invisible
k_set_value b2:k_set_value | x, value | invisible
k_shape b2:k_shape | x
k_sigmoid ops.sigmoid | x
k_sign ops.sign | x
k_sin ops.sin | x
k_softmax ops.softmax | x, axis = -1
k_softplus ops.softplus | x
k_softsign ops.softsign | x
k_sparse_categorical_crossentropy ops.sparse_categorical_crossentropy
    | target, output, from_logits = FALSE, axis = -1
k_spatial_2d_padding b2:k_spatial_2d_padding | x, padding = list(list(1, 1), list(1, 1)), data_format = NULL
    | convert=padding:int
k_spatial_3d_padding b2:k_spatial_3d_padding
    | x, padding = list(list(1, 1), list(1, 1), list(1, 1)), data_format = NULL | convert=padding:int
k_sqrt ops.sqrt | x
k_square ops.square | x
k_squeeze ops.squeeze | x, axis = NULL
k_stack ops.stack | x, axis = 1
k_std ops.std | x, axis = NULL, keepdims = FALSE
k_stop_gradient b2:k_stop_gradient | variables
k_sum ops.sum | x, axis = NULL, keepdims = FALSE
k_switch b2:k_switch | condition, then_expression, else_expression
k_tanh ops.tanh | x
k_temporal_padding b2:k_temporal_padding | x, padding = c(1, 1) | convert=padding:int
k_tile ops.tile | x, n | rename=n:repeats convert=repeats:int
k_to_dense b2:k_to_dense | tensor
k_transpose ops.transpose | x
k_truncated_normal random.truncated_normal | shape, mean = 0, stddev = 1, dtype = NULL, seed = NULL
k_unstack b2:k_unstack | x, axis = 1L, num = NULL, name = NULL | convert=num:int
k_update b2:k_update | x, new_x
k_update_add b2:k_update_add | x, increment
k_update_sub b2:k_update_sub | x, decrement
k_var ops.var | x, axis = NULL, keepdims = FALSE
k_variable b2:k_variable | value, dtype = NULL, name = NULL, constraint = NULL
k_zeros b2:k_zeros | shape, dtype = NULL, name = NULL | convert=shape:shape
k_zeros_like b2:k_zeros_like | x, dtype = NULL, name = NULL
"""

# keras 2.x's other spelling of a k_* function: name  the row it is an alias of
ALIASES = """
k_random_bernoulli k_random_binomial
"""

_NO_SESSION = (
    "Keras 3 runs eagerly and has no session: call the k_*() (keras.ops) functions directly; fit(), "
    "predict() and evaluate() compile what they run"
)
_NO_PHASE = (
    "Keras 3 has no global learning phase: a layer or model called on a tensor takes `training = TRUE` "
    "or `training = FALSE`; fit() trains, predict() and evaluate() infer"
)
# name, what to use instead
REMOVED: list[tuple[str, str]] = [
    ("k_get_session", _NO_SESSION),
    ("k_set_session", _NO_SESSION),
    ("k_learning_phase", _NO_PHASE),
    ("k_set_learning_phase", _NO_PHASE),
    ("k_manual_variable_initialization",
     "Keras 3 initialises every variable when it is created (keras.Variable); set values with "
     "k_set_value() or set_weights()"),
    ("k_gradients",
     "symbolic gradients are gone (TensorFlow 2 runs eagerly, and so does Keras 3): compute gradients "
     "with tf.GradientTape on the TensorFlow backend (jax.grad on JAX), or let fit() do it"),
]


def _line_facts(words: list[str]) -> dict[str, Any]:
    defaults = {}
    rest = []
    for word in words:
        if word.startswith("default="):
            arg, _, value = word.removeprefix("default=").partition(":")
            defaults[arg] = int(value)
        else:
            rest.append(word)
    out = facts(rest)
    if defaults:
        out["defaults"] = defaults
    return out


def _entries(text: str) -> list[str]:
    out: list[str] = []
    for line in text.strip("\n").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace() and out:
            out[-1] += " " + line.strip()
        else:
            out.append(line.strip())
    return out


def rows() -> list[Row]:
    out: list[Row] = []
    for entry in _entries(BACKEND):
        head, formals, *rest = (part.strip() for part in entry.split("|"))
        name, target = head.split()
        for short, full in _PREFIXES.items():
            if target.startswith(short):
                target = full + target.removeprefix(short)
                break
        compose = "value" if target.startswith("rkeras.") else "function"
        out.append(Row(name, target, "backend", compose, "keras2",
                       formals=None if formals == "-" else formals,
                       **_line_facts(rest[0].split() if rest else [])))
    by_name = {row.name: row for row in out}
    for line in _entries(ALIASES):
        name, of = line.split()
        base = by_name[of]
        out.append(Row(name, base.target, base.family, base.compose, "keras2", convert=base.convert,
                       rename=base.rename, defaults=base.defaults, formals=base.formals, alias_of=of))
    out += [Row(name, "", "backend", "value", "keras2", removed=advice) for name, advice in REMOVED]
    return sorted(out, key=lambda row: row.name)
