"""Argument converters keyed by target pattern, as keras3 keys its converter table by endpoint.

Each rule line is ``target-glob converter argument...``: every argument named
on the line, of every row whose ``target`` matches the glob (``fnmatch``
syntax), goes through the converter (a name in
:data:`rkeras.api.args.CONVERTERS`). When several rules name the same
argument of a row, the most specific glob wins (the one with the most
literal characters; an exact target beats any pattern), then the later line.
A row's own ``convert`` column beats every rule, and an argument no rule or
column names is converted by inference from its Keras default (an ``int``
default: whole doubles become ints, see ``rkeras.api.args.infer_converter``).

Index-base rules (``axis``, ``py_index``, ``index``, ``index1``) are R semantics of
keras3 and keras 2.x: kerasR rows (flavour "kerasR") pass axes raw, so these
rules skip them (a kerasR row can still name such a converter in its column).

The rules follow ``../shared/reference/keras3-functions.tsv`` (its
``arg_converters`` column), except where keras3's own converter is a bug
(``callback_early_stopping(min_delta = as_integer)``, ``constraint_maxnorm(max_value
= as_integer)``, the image ops' ``fill_value = as_integer``, ``op_logspace(base = as_integer)``:
all real numbers in Keras, and they stay numbers here; ``op_image_pad(images = as_integer)``
would make every image an integer array, so images pass as they are). keras3 gives
``op_cross(axisa =, axisb =, axisc =)`` ``as_integer`` (0-based, unlike its ``axis``) and
``op_tensordot(axes =)`` ``as_axis`` even when it is a number of axes (so keras3's default
``axes = 3L`` is Keras's 2): rkeras keeps both as keras3 has them.
This module imports nothing heavy.
"""

from __future__ import annotations

# Converter names whose meaning is an R index base (1-based): skipped for kerasR rows.
INDEX_CONVERTERS = frozenset({"axis", "py_index", "index", "index1"})

RULES = """
# ---- every layer (keras3's create_layer modifiers)
keras.layers.*              shape        input_shape batch_input_shape
keras.layers.*              int          batch_size seed
keras.layers.*              activation   activation recurrent_activation
keras.layers.*              strict_int   units filters
keras.layers.*              int          kernel_size strides pool_size dilation_rate depth_multiplier
keras.layers.*              int          input_dim output_dim input_length groups lora_rank lora_alpha
keras.layers.*              int          num_heads key_dim value_dim attention_axes
keras.layers.*              int          size cropping padding output_padding n height width
keras.layers.*              int          max_tokens output_sequence_length num_bins num_tokens num_oov_indices
keras.layers.*              int          bins num_ops num_chains chain_depth power_iterations
keras.layers.*              int          fft_length sequence_stride sequence_length sampling_rate num_mel_bins
keras.layers.*              int          frame_length frame_step
keras.layers.*              shape        noise_shape target_shape
keras.layers.Lambda         shape        output_shape
keras.layers.EinsumDense    shape        output_shape
keras.layers.RandomPosterization int     factor
keras.layers.*              number       rate stddev
keras.layers.*              initializer  kernel_initializer bias_initializer recurrent_initializer
keras.layers.*              initializer  embeddings_initializer gamma_initializer beta_initializer
keras.layers.*              initializer  moving_mean_initializer moving_variance_initializer alpha_initializer
keras.layers.*              initializer  depthwise_initializer pointwise_initializer
keras.layers.*              regularizer  kernel_regularizer bias_regularizer activity_regularizer
keras.layers.*              regularizer  recurrent_regularizer embeddings_regularizer gamma_regularizer
keras.layers.*              regularizer  beta_regularizer alpha_regularizer depthwise_regularizer
keras.layers.*              regularizer  pointwise_regularizer
keras.layers.*              constraint   kernel_constraint bias_constraint recurrent_constraint
keras.layers.*              constraint   embeddings_constraint gamma_constraint beta_constraint
keras.layers.*              constraint   alpha_constraint
keras.layers.*              constraint   depthwise_constraint pointwise_constraint
keras.layers.*              dtype        dtype
keras.ops.*                 dtype        dtype
keras.random.*              dtype        dtype
rkeras.api.models:keras_input dtype      dtype
keras.layers.Rescaling      number       scale offset
keras.layers.*Cell          strict_int   units
# ---- layer axes (keras3: as_axis)
keras.layers.Concatenate    axis         axis
keras.layers.Dot            axis         axes
keras.layers.Softmax        axis         axis
keras.layers.PReLU          axis         shared_axes
keras.layers.*Normalization axis         axis
# ---- other families
keras.activations.*         axis         axis
keras.losses.*              axis         axis
keras.metrics.*             axis         axis
keras.losses.*              int          ignore_class
keras.losses.Circle         int          gamma ref_labels
keras.metrics.*             strict_int   num_classes
keras.metrics.*             int          top_k num_thresholds
keras.constraints.*         axis         axis
keras.constraints.*         number       max_value min_value rate
keras.optimizers.*          number       clipnorm clipvalue global_clipnorm
keras.optimizers.*          int          ema_overwrite_frequency gradient_accumulation_steps
keras.optimizers.schedules.* number      initial_learning_rate decay_rate alpha end_learning_rate power
keras.metrics.*             int          k
keras.ops.*                 axis         axis axes axis1 axis2 source destination
keras.ops.*                 int          k N M num n offset decimals shift minlength num_classes num_segments
keras.ops.*                 int          strides pool_size dilation_rate output_padding size kernel_size seed
keras.ops.*                 int          fft_length sequence_length sequence_stride length beam_width
keras.ops.*                 int          top_paths unroll default axisa axisb axisc
keras.ops.*                 shape        shape
keras.ops.image.*           int          top_cropping left_cropping bottom_cropping right_cropping
keras.ops.image.*           int          top_padding left_padding bottom_padding right_padding
keras.ops.image.*           int          target_height target_width
rkeras.api.ops:*            axis         axis
keras.initializers.*        int          seed
keras.random.*              int          seed
keras.random.*              shape        shape
keras.callbacks.*           int          patience verbose cooldown save_freq start_from_epoch
keras.callbacks.*           int          histogram_freq embeddings_freq update_freq profile_batch
keras.callbacks.*           path         filepath filename log_dir backup_dir
keras.config.set_epsilon    real         value
rkeras.api.datasets:*       path         path
keras.utils.FeatureSpace    int          crossing_dim hashing_dim num_discretization_bins
keras.utils.FeatureSpace.*  int          crossing_dim num_bins max_tokens num_oov_indices
keras.utils.FeatureSpace.cross str_list  feature_names
# ---- data loaders and images (keras3: as_integer; sizes become integer tuples; labels stay 0-based)
keras.utils.*_dataset_from_* int         labels batch_size seed image_size max_length sampling_rate
keras.utils.*_dataset_from_* int         output_sequence_length
keras.utils.*_dataset_from_* str_list    class_names
keras.utils.timeseries_dataset_from_array int sequence_length sequence_stride start_index end_index
keras.utils.timeseries_dataset_from_array keras_array data targets
keras.utils.load_img        int          target_size
keras.utils.load_img        path         path
keras.utils.*_dataset_from_directory path directory
keras.preprocessing.image.smart_resize int size
# ---- hand-written verbs (rkeras.<module>:<function>)
rkeras.api.models:*         int          batch_size epochs steps_per_epoch validation_steps
rkeras.api.models:*         int          validation_batch_size validation_freq initial_epoch steps verbose
rkeras.api.datasets:*       int          num_words maxlen seed skip_top start_char oov_char index_from
rkeras.api.applications:*   shape        input_shape
rkeras.api.applications:application_* int   classes
rkeras.api.backend2:*       axis         axis
# ---- kerasR's hand-written constructors and verbs (kerasR coerces every integer with np.int32)
rkeras.flavours.kerasr:*    shape        input_shape
rkeras.flavours.kerasr:*    activation   activation
rkeras.flavours.kerasr:*    strict_int   filters
rkeras.flavours.kerasr:*    int          pool_size strides kernel_size input_dim output_dim input_length
rkeras.flavours.kerasr:*    int          num_words maxlen n batch_size epochs verbose
"""


def rules() -> list[tuple[str, str, str]]:
    """(target glob, argument, converter) for every argument of every rule line, in order."""
    out: list[tuple[str, str, str]] = []
    for line in RULES.strip().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        glob, converter, *args = line.split()
        out.extend((glob, arg, converter) for arg in args)
    return out


def specificity(glob: str) -> tuple[int, int]:
    """How specific a target glob is: exact targets first, then by number of literal characters."""
    literal = sum(1 for c in glob if c not in "*?[]")
    return (0 if any(c in glob for c in "*?[") else 1, literal)
