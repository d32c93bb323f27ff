"""Spec rows for the kerasR names (statsmaths/kerasR 0.8.0), flavour "kerasR".

kerasR's style: CamelCase constructors that return the Keras object itself
(``mod$add(Dense(units = 64))``, ``RMSprop(lr = 0.001)``), ``keras_*`` verbs
with fixed defaults, and ``load_*`` loaders that return a flat list.

Where kerasR's constructor is the Keras class with Keras's own argument
names, the row targets the class (compose "object": an instance, no
compose rule, no pipes); its signature is introspected from Keras and
kerasR's renamed arguments go in the ``rename`` column. Where kerasR's
behaviour or defaults differ from the Keras 3 class (optimizers with
``lr``/``decay``/``clipnorm = -1``, regularizers with kerasR's defaults,
layers Keras 3 dropped, the ``keras_*`` verbs, the loaders, text and image
helpers), the row targets a hand-written implementation in
:mod:`rkeras.flavours.kerasr` or :mod:`rkeras.api.applications` (compose "value", or
"object" for a class).

Three kerasR names are keras3 names too and keep the keras3 row:
``to_categorical`` and ``pad_sequences`` (same behaviour), and
``normalize`` (keras3's ``axis`` is 1-based; kerasR passed it raw,
0-based). This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row, _table

# kerasR name -> Keras class, by Keras module. Signatures come from Keras.
LAYERS = """
Activation Activation
ActivityRegularization ActivityRegularization
BatchNormalization BatchNormalization
Bidirectional Bidirectional
Conv1D Conv1D
Conv2D Conv2D
Conv2DTranspose Conv2DTranspose
Conv3D Conv3D
Cropping1D Cropping1D
Cropping2D Cropping2D
Cropping3D Cropping3D
Dense Dense
Dropout Dropout
ELU ELU
Flatten Flatten
GRU GRU
GlobalAveragePooling1D GlobalAveragePooling1D
GlobalAveragePooling2D GlobalAveragePooling2D
GlobalMaxPooling1D GlobalMaxPooling1D
GlobalMaxPooling2D GlobalMaxPooling2D
LSTM LSTM
LeakyReLU LeakyReLU
Masking Masking
MaxPooling1D MaxPooling1D
MaxPooling2D MaxPooling2D
MaxPooling3D MaxPooling3D
PReLU PReLU
Permute Permute
RepeatVector RepeatVector
Reshape Reshape
SeparableConv2D SeparableConv2D
SimpleRNN SimpleRNN
TimeDistributed TimeDistributed
UpSampling1D UpSampling1D
UpSampling2D UpSampling2D
UpSampling3D UpSampling3D
ZeroPadding1D ZeroPadding1D
ZeroPadding2D ZeroPadding2D
ZeroPadding3D ZeroPadding3D
"""

CALLBACKS = """
CSVLogger CSVLogger
EarlyStopping EarlyStopping
ReduceLROnPlateau ReduceLROnPlateau
TensorBoard TensorBoard
"""

INITIALIZERS = """
Constant Constant
Identity Identity
Ones Ones
Orthogonal Orthogonal
RandomNormal RandomNormal
RandomUniform RandomUniform
TruncatedNormal TruncatedNormal
VarianceScaling VarianceScaling
Zeros Zeros
glorot_normal glorot_normal
glorot_uniform glorot_uniform
he_normal he_normal
he_uniform he_uniform
lecun_uniform lecun_uniform
"""

REGULARIZERS = """
l1 l1
l2 l2
"""

CONSTRAINTS = """
max_norm max_norm
non_neg non_neg
unit_norm unit_norm
"""

# kerasR's own argument names for Keras 3 arguments (no warning: they are kerasR's names).
RENAME: dict[str, dict[str, tuple[str, bool]]] = {
    "LeakyReLU": {"alpha": ("negative_slope", False)},
    "ReduceLROnPlateau": {"epsilon": ("min_delta", False)},
    "l1": {"l": ("l1", False)},
    "l2": {"l": ("l2", False)},
}

_MODULES = {
    "layer": "layers",
    "callback": "callbacks",
    "initializer": "initializers",
    "regularizer": "regularizers",
    "constraint": "constraints",
}

# name, implementation ("module:function"), family, compose
_SEMANTIC: list[tuple[str, str, str, str]] = [
    # --- layers whose kerasR defaults or existence differ from Keras 3
    ("AveragePooling1D", "flavours.kerasr:AveragePooling1D", "layer", "value"),
    ("AveragePooling2D", "flavours.kerasr:AveragePooling2D", "layer", "value"),
    ("AveragePooling3D", "flavours.kerasr:AveragePooling3D", "layer", "value"),
    ("Embedding", "flavours.kerasr:Embedding", "layer", "value"),
    ("GaussianNoise", "flavours.kerasr:GaussianNoise", "layer", "value"),
    ("GaussianDropout", "flavours.kerasr:GaussianDropout", "layer", "value"),
    ("ThresholdedReLU", "flavours.kerasr:ThresholdedReLU", "layer", "object"),
    ("LocallyConnected1D", "flavours.kerasr:LocallyConnected1D", "layer", "value"),
    ("LocallyConnected2D", "flavours.kerasr:LocallyConnected2D", "layer", "value"),
    # --- optimizers: kerasR's lr / decay / clipnorm = -1 / schedule_decay
    ("SGD", "flavours.kerasr:SGD", "optimizer", "value"),
    ("RMSprop", "flavours.kerasr:RMSprop", "optimizer", "value"),
    ("Adagrad", "flavours.kerasr:Adagrad", "optimizer", "value"),
    ("Adadelta", "flavours.kerasr:Adadelta", "optimizer", "value"),
    ("Adam", "flavours.kerasr:Adam", "optimizer", "value"),
    ("Adamax", "flavours.kerasr:Adamax", "optimizer", "value"),
    ("Nadam", "flavours.kerasr:Nadam", "optimizer", "value"),
    # --- callbacks / regularizers with kerasR arguments
    ("ModelCheckpoint", "flavours.kerasr:ModelCheckpoint", "callback", "value"),
    ("l1_l2", "flavours.kerasr:l1_l2", "regularizer", "value"),
    # --- models
    ("keras_compile", "flavours.kerasr:keras_compile", "model", "value"),
    ("keras_fit", "flavours.kerasr:keras_fit", "model", "value"),
    ("keras_predict", "flavours.kerasr:keras_predict", "model", "value"),
    ("keras_predict_classes", "flavours.kerasr:keras_predict_classes", "model", "value"),
    ("keras_predict_proba", "flavours.kerasr:keras_predict_proba", "model", "value"),
    # --- saving
    ("keras_save", "flavours.kerasr:keras_save", "save", "value"),
    ("keras_load", "flavours.kerasr:keras_load", "save", "value"),
    ("keras_save_weights", "flavours.kerasr:keras_save_weights", "save", "value"),
    ("keras_load_weights", "flavours.kerasr:keras_load_weights", "save", "value"),
    ("keras_model_to_json", "flavours.kerasr:keras_model_to_json", "save", "value"),
    ("keras_model_from_json", "flavours.kerasr:keras_model_from_json", "save", "value"),
    # --- datasets: flat list(X_train, Y_train, X_test, Y_test)
    ("load_mnist", "flavours.kerasr:load_mnist", "dataset", "value"),
    ("load_boston_housing", "flavours.kerasr:load_boston_housing", "dataset", "value"),
    ("load_cifar10", "flavours.kerasr:load_cifar10", "dataset", "value"),
    ("load_cifar100", "flavours.kerasr:load_cifar100", "dataset", "value"),
    ("load_imdb", "flavours.kerasr:load_imdb", "dataset", "value"),
    ("load_reuters", "flavours.kerasr:load_reuters", "dataset", "value"),
    # --- text preprocessing (Keras 3 dropped it; rkeras implements Keras 2's)
    ("text_to_word_sequence", "flavours.kerasr:text_to_word_sequence", "text", "value"),
    ("one_hot", "flavours.kerasr:one_hot", "text", "value"),
    ("Tokenizer", "flavours.kerasr:Tokenizer", "text", "object"),
    # --- setup and utilities
    ("keras_available", "flavours.kerasr:keras_available", "setup", "value"),
    ("keras_init", "flavours.kerasr:keras_init", "setup", "value"),
    ("plot_model", "flavours.kerasr:plot_model", "model", "value"),
    # --- applications and images
    ("Xception", "api.applications:Xception", "application", "value"),
    ("VGG16", "api.applications:VGG16", "application", "value"),
    ("VGG19", "api.applications:VGG19", "application", "value"),
    ("ResNet50", "api.applications:ResNet50", "application", "value"),
    ("InceptionV3", "api.applications:InceptionV3", "application", "value"),
    ("preprocess_input", "api.applications:preprocess_input", "application", "value"),
    ("decode_predictions", "api.applications:decode_predictions", "application", "value"),
    ("load_img", "api.applications:load_img", "image", "value"),
    ("img_to_array", "api.applications:img_to_array", "image", "value"),
    ("expand_dims", "api.applications:expand_dims", "image", "value"),
]

# Converter columns: argument -> converter (rkeras.api.args.CONVERTERS), beyond the generic name rules.
# The text helpers' `filters` is a string of characters, not a number of convolution filters.
CONVERT: dict[str, dict[str, str]] = {
    "text_to_word_sequence": {"filters": "raw"},
    "one_hot": {"filters": "raw"},
    "Tokenizer": {"filters": "raw"},
}

# kerasR exports that are keras3 rows already (rkeras.spec.semantics); no second row.
SHARED_WITH_KERAS3 = ("normalize", "pad_sequences", "to_categorical")


def rows() -> list[Row]:
    out: list[Row] = []
    for family, table in (
        ("layer", LAYERS),
        ("callback", CALLBACKS),
        ("initializer", INITIALIZERS),
        ("regularizer", REGULARIZERS),
        ("constraint", CONSTRAINTS),
    ):
        for name, cls in _table(table):
            out.append(
                Row(
                    name,
                    f"keras.{_MODULES[family]}.{cls}",
                    family,
                    "object",
                    "kerasR",
                    rename=RENAME.get(name, {}),
                )
            )
    # Sequential(layers = NULL): an empty (or given) keras Sequential; R then calls mod$add(...)
    out.append(Row("Sequential", "keras.Sequential", "model", "object", "kerasR"))
    for name, target, family, compose in _SEMANTIC:
        out.append(Row(name, f"rkeras.{target}", family, compose, "kerasR", CONVERT.get(name, {})))
    return sorted(out, key=lambda row: row.name)
