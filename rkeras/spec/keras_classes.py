"""Spec rows for names that wrap a Keras class or function one to one.

Each table line is ``r_name KerasName``; the module (``keras.layers``, ...)
comes from the family. Signatures, defaults and validation come from Keras.
R names follow keras3 (../shared/reference/keras3-exports.txt); public Keras
classes that keras3 has no name for get one by the same rule, flavour "rkeras".
"""

from __future__ import annotations

from . import Row, _table, facts, lines

CALLBACKS = """
callback_backup_and_restore BackupAndRestore
callback_csv_logger CSVLogger
callback_early_stopping EarlyStopping
callback_learning_rate_scheduler LearningRateScheduler
callback_model_checkpoint ModelCheckpoint
callback_reduce_lr_on_plateau ReduceLROnPlateau
callback_remote_monitor RemoteMonitor
callback_swap_ema_weights SwapEMAWeights
callback_tensorboard TensorBoard
callback_terminate_on_nan TerminateOnNaN
"""

CONSTRAINTS = """
constraint_maxnorm MaxNorm
constraint_minmaxnorm MinMaxNorm
constraint_nonneg NonNeg
constraint_unitnorm UnitNorm
"""

INITIALIZERS = """
initializer_constant constant
initializer_glorot_normal glorot_normal
initializer_glorot_uniform glorot_uniform
initializer_he_normal he_normal
initializer_he_uniform he_uniform
initializer_identity identity
initializer_lecun_normal lecun_normal
initializer_lecun_uniform lecun_uniform
initializer_ones ones
initializer_orthogonal orthogonal
initializer_random_normal random_normal
initializer_random_uniform random_uniform
initializer_stft STFT
initializer_truncated_normal truncated_normal
initializer_variance_scaling variance_scaling
initializer_zeros zeros
"""

LAYERS = """
layer_activation Activation
layer_activation_elu ELU
layer_activation_leaky_relu LeakyReLU
layer_activation_parametric_relu PReLU
layer_activation_relu ReLU
layer_activation_softmax Softmax
layer_activity_regularization ActivityRegularization
layer_add Add
layer_additive_attention AdditiveAttention
layer_alpha_dropout AlphaDropout
layer_attention Attention
layer_aug_mix AugMix
layer_auto_contrast AutoContrast
layer_average Average
layer_average_pooling_1d AveragePooling1D
layer_average_pooling_2d AveragePooling2D
layer_average_pooling_3d AveragePooling3D
layer_batch_normalization BatchNormalization
layer_bidirectional Bidirectional
layer_category_encoding CategoryEncoding
layer_center_crop CenterCrop
layer_concatenate Concatenate
layer_conv_1d Conv1D
layer_conv_1d_transpose Conv1DTranspose
layer_conv_2d Conv2D
layer_conv_2d_transpose Conv2DTranspose
layer_conv_3d Conv3D
layer_conv_3d_transpose Conv3DTranspose
    formals=object, filters, kernel_size, strides = list(1L, 1L, 1L), padding = "valid",
    output_padding = NULL, data_format = NULL, dilation_rate = list(1L, 1L, 1L), activation = NULL,
    use_bias = TRUE, kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
    kernel_regularizer = NULL, bias_regularizer = NULL, activity_regularizer = NULL,
    kernel_constraint = NULL, bias_constraint = NULL, ...
layer_conv_lstm_1d ConvLSTM1D last=unroll
layer_conv_lstm_2d ConvLSTM2D last=unroll
layer_conv_lstm_3d ConvLSTM3D last=unroll
layer_cropping_1d Cropping1D
layer_cropping_2d Cropping2D
layer_cropping_3d Cropping3D
layer_cut_mix CutMix
layer_dense Dense
layer_depthwise_conv_1d DepthwiseConv1D
layer_depthwise_conv_2d DepthwiseConv2D
layer_discretization Discretization
layer_dot Dot
layer_dropout Dropout
layer_einsum_dense EinsumDense
layer_embedding Embedding
layer_equalization Equalization
layer_flatten Flatten
layer_flax_module_wrapper FlaxLayer
layer_gaussian_dropout GaussianDropout
layer_gaussian_noise GaussianNoise
layer_global_average_pooling_1d GlobalAveragePooling1D
layer_global_average_pooling_2d GlobalAveragePooling2D
layer_global_average_pooling_3d GlobalAveragePooling3D
layer_global_max_pooling_1d GlobalMaxPooling1D
layer_global_max_pooling_2d GlobalMaxPooling2D
layer_global_max_pooling_3d GlobalMaxPooling3D
layer_group_normalization GroupNormalization
layer_group_query_attention GroupQueryAttention
layer_gru GRU
layer_hashed_crossing HashedCrossing
layer_hashing Hashing
layer_identity Identity
layer_integer_lookup IntegerLookup
layer_jax_model_wrapper JaxLayer last=dtype
layer_lambda Lambda rename=f:function
    formals=object, f, output_shape = NULL, mask = NULL, arguments = NULL, ...
layer_layer_normalization LayerNormalization
layer_lstm LSTM
layer_masking Masking
layer_max_num_bounding_boxes MaxNumBoundingBoxes
layer_max_pooling_1d MaxPooling1D
layer_max_pooling_2d MaxPooling2D
layer_max_pooling_3d MaxPooling3D
layer_maximum Maximum
layer_mel_spectrogram MelSpectrogram
layer_minimum Minimum
layer_mix_up MixUp
layer_multi_head_attention MultiHeadAttention
layer_multiply Multiply
layer_normalization Normalization
layer_permute Permute
layer_pipeline Pipeline
layer_rand_augment RandAugment
layer_random_brightness RandomBrightness
layer_random_color_degeneration RandomColorDegeneration
layer_random_color_jitter RandomColorJitter
layer_random_contrast RandomContrast
layer_random_crop RandomCrop
layer_random_elastic_transform RandomElasticTransform
layer_random_erasing RandomErasing
layer_random_flip RandomFlip
layer_random_gaussian_blur RandomGaussianBlur
layer_random_grayscale RandomGrayscale
layer_random_hue RandomHue
layer_random_invert RandomInvert
layer_random_perspective RandomPerspective
layer_random_posterization RandomPosterization
layer_random_rotation RandomRotation
layer_random_saturation RandomSaturation
layer_random_sharpness RandomSharpness
layer_random_shear RandomShear
layer_random_translation RandomTranslation
layer_random_zoom RandomZoom
layer_repeat_vector RepeatVector
layer_rescaling Rescaling
layer_reshape Reshape
layer_resizing Resizing last=antialias
layer_rms_normalization RMSNormalization
layer_rnn RNN
layer_separable_conv_1d SeparableConv1D
layer_separable_conv_2d SeparableConv2D
layer_simple_rnn SimpleRNN
layer_solarization Solarization
layer_spatial_dropout_1d SpatialDropout1D
layer_spatial_dropout_2d SpatialDropout2D
layer_spatial_dropout_3d SpatialDropout3D
layer_spectral_normalization SpectralNormalization
layer_stft_spectrogram STFTSpectrogram
layer_string_lookup StringLookup
layer_subtract Subtract
layer_text_vectorization TextVectorization
layer_tfsm TFSMLayer
layer_time_distributed TimeDistributed
layer_torch_module_wrapper TorchModuleWrapper last=name,...
layer_unit_normalization UnitNormalization
layer_upsampling_1d UpSampling1D
layer_upsampling_2d UpSampling2D
layer_upsampling_3d UpSampling3D
layer_zero_padding_1d ZeroPadding1D
layer_zero_padding_2d ZeroPadding2D
layer_zero_padding_3d ZeroPadding3D
"""

LOSSES = """
loss_binary_crossentropy BinaryCrossentropy
loss_binary_focal_crossentropy BinaryFocalCrossentropy
loss_categorical_crossentropy CategoricalCrossentropy
loss_categorical_focal_crossentropy CategoricalFocalCrossentropy
loss_categorical_generalized_cross_entropy CategoricalGeneralizedCrossEntropy
loss_categorical_hinge CategoricalHinge
loss_circle Circle
loss_cosine_similarity CosineSimilarity
loss_ctc CTC
loss_dice Dice last=axis,dtype
loss_hinge Hinge
loss_huber Huber
loss_kl_divergence KLDivergence
loss_log_cosh LogCosh
loss_mean_absolute_error MeanAbsoluteError
loss_mean_absolute_percentage_error MeanAbsolutePercentageError
loss_mean_squared_error MeanSquaredError
loss_mean_squared_logarithmic_error MeanSquaredLogarithmicError
loss_poisson Poisson
loss_sparse_categorical_crossentropy SparseCategoricalCrossentropy
loss_squared_hinge SquaredHinge
loss_tversky Tversky last=alpha,beta,reduction,name,axis,dtype
"""

METRICS = """
metric_auc AUC
metric_binary_accuracy BinaryAccuracy
metric_binary_crossentropy BinaryCrossentropy
metric_binary_iou BinaryIoU
metric_categorical_accuracy CategoricalAccuracy
metric_categorical_crossentropy CategoricalCrossentropy
metric_categorical_hinge CategoricalHinge
metric_concordance_correlation ConcordanceCorrelation
metric_cosine_similarity CosineSimilarity
metric_f1_score F1Score
metric_false_negatives FalseNegatives
metric_false_positives FalsePositives
metric_fbeta_score FBetaScore
metric_hinge Hinge
metric_iou IoU
metric_kl_divergence KLDivergence
metric_log_cosh LogCoshError
metric_log_cosh_error LogCoshError
metric_mean Mean
metric_mean_absolute_error MeanAbsoluteError
metric_mean_absolute_percentage_error MeanAbsolutePercentageError
metric_mean_iou MeanIoU
metric_mean_squared_error MeanSquaredError
metric_mean_squared_logarithmic_error MeanSquaredLogarithmicError
metric_mean_wrapper MeanMetricWrapper
metric_one_hot_iou OneHotIoU
metric_one_hot_mean_iou OneHotMeanIoU
metric_pearson_correlation PearsonCorrelation
metric_poisson Poisson
metric_precision Precision
metric_precision_at_recall PrecisionAtRecall
metric_r2_score R2Score
metric_recall Recall
metric_recall_at_precision RecallAtPrecision
metric_root_mean_squared_error RootMeanSquaredError
metric_sensitivity_at_specificity SensitivityAtSpecificity
metric_sparse_categorical_accuracy SparseCategoricalAccuracy
metric_sparse_categorical_crossentropy SparseCategoricalCrossentropy
metric_sparse_top_k_categorical_accuracy SparseTopKCategoricalAccuracy last=from_sorted_ids
metric_specificity_at_sensitivity SpecificityAtSensitivity
metric_squared_hinge SquaredHinge
metric_sum Sum
metric_top_k_categorical_accuracy TopKCategoricalAccuracy
metric_true_negatives TrueNegatives
metric_true_positives TruePositives
"""

# keras3 passes its own default `name` (Keras's would be "rm_sprop", "adam_w", "sgd") and puts
# loss_scale_factor and gradient_accumulation_steps after `...` (`last`); LossScaleOptimizer's R
# formals name the base optimizer's arguments, which reach Keras through its **kwargs.
_OPT_LAST = "last=loss_scale_factor,gradient_accumulation_steps"
OPTIMIZERS = f"""
optimizer_adadelta Adadelta default=name:adadelta {_OPT_LAST}
optimizer_adafactor Adafactor default=name:adafactor {_OPT_LAST}
optimizer_adagrad Adagrad default=name:adagrad {_OPT_LAST}
optimizer_adam Adam default=name:adam {_OPT_LAST}
optimizer_adam_w AdamW default=name:adamw {_OPT_LAST}
optimizer_adamax Adamax default=name:adamax {_OPT_LAST}
optimizer_ftrl Ftrl default=name:ftrl {_OPT_LAST}
optimizer_lamb Lamb default=name:lamb
optimizer_lion Lion default=name:lion {_OPT_LAST}
optimizer_loss_scale LossScaleOptimizer
    formals=inner_optimizer, initial_scale = 32768, dynamic_growth_steps = 2000L, ..., name = NULL,
    weight_decay = NULL, clipnorm = NULL, clipvalue = NULL, global_clipnorm = NULL, use_ema = NULL,
    ema_momentum = NULL, ema_overwrite_frequency = NULL, loss_scale_factor = NULL,
    gradient_accumulation_steps = NULL
optimizer_muon Muon default=name:muon
optimizer_nadam Nadam default=name:nadam {_OPT_LAST}
optimizer_rmsprop RMSprop default=name:rmsprop {_OPT_LAST}
optimizer_sgd SGD default=name:SGD {_OPT_LAST}
"""

REGULARIZERS = """
regularizer_l1 l1
regularizer_l1_l2 l1_l2
regularizer_l2 l2
regularizer_orthogonal OrthogonalRegularizer
"""
# Public keras.layers classes that keras3 does not export; named by keras3's rule.
EXTRA_LAYERS = """
layer_adaptive_average_pooling_1d AdaptiveAveragePooling1D
layer_adaptive_average_pooling_2d AdaptiveAveragePooling2D
layer_adaptive_average_pooling_3d AdaptiveAveragePooling3D
layer_adaptive_max_pooling_1d AdaptiveMaxPooling1D
layer_adaptive_max_pooling_2d AdaptiveMaxPooling2D
layer_adaptive_max_pooling_3d AdaptiveMaxPooling3D
layer_contrast_limited_adaptive_histogram_equalization ContrastLimitedAdaptiveHistogramEqualization
layer_reversible_embedding ReversibleEmbedding
"""

RNN_CELLS = """
rnn_cell_gru GRUCell
rnn_cell_lstm LSTMCell
rnn_cell_simple SimpleRNNCell
rnn_cells_stack StackedRNNCells
"""

ACTIVATIONS = """
celu elu exponential gelu glu hard_shrink hard_sigmoid hard_silu hard_swish hard_tanh leaky_relu
linear log_sigmoid log_softmax mish relu relu6 selu sigmoid silu soft_shrink softmax softplus
softsign sparse_plus sparse_sigmoid sparsemax squareplus tanh tanh_shrink threshold
"""

# keras.metrics has a function form for these; the other metric_* names are classes only.
METRIC_FUNCTIONS = set(
    """
binary_accuracy binary_crossentropy categorical_accuracy categorical_crossentropy categorical_hinge
concordance_correlation hinge kl_divergence log_cosh mean_absolute_error mean_absolute_percentage_error
mean_squared_error mean_squared_logarithmic_error pearson_correlation poisson sparse_categorical_accuracy
sparse_categorical_crossentropy sparse_top_k_categorical_accuracy squared_hinge top_k_categorical_accuracy
""".split()
)
# keras3 R names whose only Keras form is a function.
METRIC_FUNCTION_ONLY = ("binary_focal_crossentropy", "categorical_focal_crossentropy", "huber")

# keras3's merge layers take their tensors as `inputs` and `...` (compose "merge").
MERGE_LAYERS = frozenset("Add Average Concatenate Dot Maximum Minimum Multiply Subtract".split())

def rows() -> list[Row]:
    out: list[Row] = []
    keras3_layers = {words[0] for words in lines(LAYERS)}
    for name, cls, *extra in lines(LAYERS) + lines(EXTRA_LAYERS):
        flavour = "keras3" if name in keras3_layers else "rkeras"
        compose = "merge" if cls in MERGE_LAYERS else "layer"
        out.append(Row(name, f"keras.layers.{cls}", "layer", compose, flavour, **facts(extra)))
    for name, cls in _table(RNN_CELLS):
        out.append(Row(name, f"keras.layers.{cls}", "rnn_cell", "object"))
    for name, cls, *extra in lines(OPTIMIZERS):
        out.append(
            Row(
                name, f"keras.optimizers.{cls}", "optimizer", "object",
                rename={"lr": ("learning_rate", True)}, **facts(extra),
            )
        )
    for name, cls, *extra in lines(LOSSES):
        fn = name.removeprefix("loss_")
        out.append(Row(name, f"keras.losses.{cls}", "loss", "loss", function=f"keras.losses.{fn}",
                       **facts(extra)))
    for name, cls, *extra in lines(METRICS):
        fn = name.removeprefix("metric_")
        function = f"keras.metrics.{fn}" if fn in METRIC_FUNCTIONS else None
        out.append(Row(name, f"keras.metrics.{cls}", "metric", "loss", function=function, **facts(extra)))
    out.append(Row("layer_feature_space", "keras.utils.FeatureSpace", "layer", "object"))
    for fn in METRIC_FUNCTION_ONLY:
        out.append(Row(f"metric_{fn}", f"keras.metrics.{fn}", "metric", "function"))
    for family, table in (
        ("callback", CALLBACKS),
        ("initializer", INITIALIZERS),
        ("regularizer", REGULARIZERS),
        ("constraint", CONSTRAINTS),
    ):
        module = {
            "callback": "callbacks",
            "initializer": "initializers",
            "regularizer": "regularizers",
            "constraint": "constraints",
        }[family]
        for name, cls in _table(table):
            out.append(Row(name, f"keras.{module}.{cls}", family, "object"))
    for fn in ACTIVATIONS.split():
        out.append(Row(f"activation_{fn}", f"keras.activations.{fn}", "activation", "function"))
    return out
