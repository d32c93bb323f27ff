"""Spec rows for the kerasR names (statsmaths/kerasR 0.8.0), flavour "kerasR".

kerasR's style: CamelCase constructors that return the Keras object itself
(``mod$add(Dense(units = 64))``, ``RMSprop(lr = 0.001)``), ``keras_*`` verbs
with fixed defaults, and ``load_*`` loaders that return a flat list.

Every fact about a name is in its row:

* a kerasR constructor that is a Keras class targets the class (compose
  "object": an instance, no compose rule, no pipes); its signature is
  introspected from Keras, kerasR's argument names go in ``rename``
  (``LeakyReLU(alpha=)``) and kerasR's defaults where Keras 3 has none or
  others in ``defaults`` (``AveragePooling2D(pool_size = c(2, 2))``,
  ``l1_l2(l1 = 0.01, l2 = 0.01)``);
* the families that share one behaviour and differ only in defaults use a
  named template (:data:`rkeras.spec.TEMPLATES`) with the row's formals in
  ``defaults``: the seven optimizers (``kerasR_optimizer``: ``lr``, time-based
  ``decay``, ``clipnorm = -1``) and the six ``load_*`` loaders
  (``kerasR_loader``: the ``dataset_*()`` data as a flat list);
* ``LocallyConnected1D``/``2D``, gone from Keras 3, are ``removed`` rows that
  say what to use instead;
* the rest (``keras_*`` verbs, ``Embedding(input_length=)``, text and image
  helpers, applications) target a hand-written implementation in
  :mod:`rkeras.flavours.kerasr` or :mod:`rkeras.api.applications`.

Three kerasR names are keras3 names too and keep the keras3 row:
``to_categorical`` and ``pad_sequences`` (same behaviour), and
``normalize`` (keras3's ``axis`` is 1-based; kerasR passed it raw,
0-based). This module imports nothing heavy.
"""

from __future__ import annotations

from typing import Any

from . import Row

# kerasR constructors that are the Keras class of the same name with Keras's arguments, by
# family; their signatures come from Keras. Names with more facts are rows in _ROWS below.
LAYERS = """
Activation ActivityRegularization BatchNormalization Bidirectional Conv1D Conv2D Conv2DTranspose
Conv3D Cropping1D Cropping2D Cropping3D Dense Dropout ELU Flatten GRU GlobalAveragePooling1D
GlobalAveragePooling2D GlobalMaxPooling1D GlobalMaxPooling2D LSTM Masking MaxPooling1D MaxPooling2D
MaxPooling3D PReLU Permute RepeatVector Reshape SeparableConv2D SimpleRNN TimeDistributed UpSampling1D
UpSampling2D UpSampling3D ZeroPadding1D ZeroPadding2D ZeroPadding3D
"""
CALLBACKS = "CSVLogger EarlyStopping TensorBoard"
INITIALIZERS = """
Constant Identity Ones Orthogonal RandomNormal RandomUniform TruncatedNormal VarianceScaling Zeros
glorot_normal glorot_uniform he_normal he_uniform lecun_uniform
"""
REGULARIZERS = ""
CONSTRAINTS = "max_norm non_neg unit_norm"

_MODULES = {
    "layer": "layers",
    "callback": "callbacks",
    "initializer": "initializers",
    "regularizer": "regularizers",
    "constraint": "constraints",
}


def _keras_object(name: str, family: str, cls: str | None = None, **facts: Any) -> Row:
    """A kerasR constructor that is a Keras class (an instance, no compose rule)."""
    return Row(name, f"keras.{_MODULES[family]}.{cls or name}", family, "object", "kerasR", **facts)


def _optimizer(name: str, **defaults: Any) -> Row:
    """A kerasR optimizer: its formals (kerasR's order and defaults), one template for all seven.
    Keras 3's `learning_rate` is accepted as kerasR's `lr`; other Keras arguments pass through."""
    return Row(
        name,
        f"keras.optimizers.{name}",
        "optimizer",
        "object",
        "kerasR",
        rename={"learning_rate": ("lr", False)},
        template="kerasR_optimizer",
        defaults={**defaults, "clipnorm": -1.0, "clipvalue": -1.0},
    )


def _loader(name: str, **defaults: Any) -> Row:
    """A kerasR loader: the rkeras ``dataset_*()`` of the same data, with kerasR's formals."""
    dataset = "dataset_" + name.removeprefix("load_")
    return Row(
        name,
        f"rkeras.api.datasets:{dataset}",
        "dataset",
        "value",
        "kerasR",
        template="kerasR_loader",
        defaults=defaults,
    )


def _implemented(name: str, target: str, family: str, compose: str = "value", **facts: Any) -> Row:
    """A kerasR name implemented by hand in rkeras (``module:function`` under ``rkeras.``)."""
    return Row(name, f"rkeras.{target}", family, compose, "kerasR", **facts)


_LOCALLY_CONNECTED = (
    "keras.layers has no locally-connected layers. Conv{d}D() slides the same window with weights "
    "shared across positions; a model that needs unshared weights must run on Keras 2 (tf_keras, "
    "TF_USE_LEGACY_KERAS=1)"
)
_ADAM = {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-08}
# The text helpers' `filters` is a string of characters, not a number of convolution filters.
_TEXT = {"filters": "raw"}

# Every fact about a kerasR name that is not a plain Keras class is in its row here.
_ROWS: list[Row] = [
    # --- Keras classes under kerasR's own argument names (no warning: they are kerasR's names)
    _keras_object("LeakyReLU", "layer", rename={"alpha": ("negative_slope", False)}),
    _keras_object("ReduceLROnPlateau", "callback", rename={"epsilon": ("min_delta", False)}),
    _keras_object("l1", "regularizer", rename={"l": ("l1", False)}),
    _keras_object("l2", "regularizer", rename={"l": ("l2", False)}),
    # --- Keras classes with kerasR's defaults (Keras 3 has none, or others)
    _keras_object("AveragePooling1D", "layer", defaults={"pool_size": 2}),
    _keras_object("AveragePooling2D", "layer", defaults={"pool_size": (2, 2)}),
    _keras_object("AveragePooling3D", "layer", defaults={"pool_size": (2, 2, 2)}),
    _keras_object("GaussianNoise", "layer", defaults={"stddev": 1.0}),
    _keras_object("GaussianDropout", "layer", defaults={"rate": 0.5}),
    _keras_object("l1_l2", "regularizer", "L1L2", defaults={"l1": 0.01, "l2": 0.01}),
    # --- layers Keras 3 removed
    Row("LocallyConnected1D", "", "layer", "value", "kerasR", removed=_LOCALLY_CONNECTED.format(d=1)),
    Row("LocallyConnected2D", "", "layer", "value", "kerasR", removed=_LOCALLY_CONNECTED.format(d=2)),
    # --- optimizers: kerasR's lr / decay / clipnorm = -1 / schedule_decay
    _optimizer("SGD", lr=0.01, momentum=0.0, decay=0.0, nesterov=False),
    _optimizer("RMSprop", lr=0.001, rho=0.9, epsilon=1e-08, decay=0.0),
    _optimizer("Adagrad", lr=0.01, epsilon=1e-08, decay=0.0),
    _optimizer("Adadelta", lr=1.0, rho=0.95, epsilon=1e-08, decay=0.0),
    _optimizer("Adam", lr=0.001, **_ADAM, decay=0.0),
    _optimizer("Adamax", lr=0.002, **_ADAM, decay=0.0),
    _optimizer("Nadam", lr=0.002, **_ADAM, schedule_decay=0.004),
    # --- datasets: flat list(X_train, Y_train, X_test, Y_test)
    _loader("load_mnist"),
    _loader("load_boston_housing"),
    _loader("load_cifar10"),
    _loader("load_cifar100", label_mode="fine"),
    _loader(
        "load_imdb",
        num_words=None,
        skip_top=0,
        maxlen=None,
        seed=113,
        start_char=1,
        oov_char=2,
        index_from=3,
    ),
    _loader(
        "load_reuters",
        num_words=None,
        skip_top=0,
        maxlen=1000,
        test_split=0.2,
        seed=113,
        start_char=1,
        oov_char=2,
        index_from=3,
    ),
    # --- layers whose kerasR behaviour differs from Keras 3 (or that Keras 3 dropped)
    _implemented("Embedding", "flavours.kerasr:Embedding", "layer"),
    _implemented("ThresholdedReLU", "flavours.kerasr:ThresholdedReLU", "layer", "object"),
    # --- callbacks with kerasR arguments
    _implemented("ModelCheckpoint", "flavours.kerasr:ModelCheckpoint", "callback"),
    # --- models
    _implemented("keras_compile", "flavours.kerasr:keras_compile", "model"),
    _implemented("keras_fit", "flavours.kerasr:keras_fit", "model"),
    _implemented("keras_predict", "flavours.kerasr:keras_predict", "model"),
    _implemented("keras_predict_classes", "flavours.kerasr:keras_predict_classes", "model"),
    _implemented("keras_predict_proba", "flavours.kerasr:keras_predict_proba", "model"),
    # --- saving
    _implemented("keras_save", "flavours.kerasr:keras_save", "save"),
    _implemented("keras_load", "flavours.kerasr:keras_load", "save"),
    _implemented("keras_save_weights", "flavours.kerasr:keras_save_weights", "save"),
    _implemented("keras_load_weights", "flavours.kerasr:keras_load_weights", "save"),
    _implemented("keras_model_to_json", "flavours.kerasr:keras_model_to_json", "save"),
    _implemented("keras_model_from_json", "flavours.kerasr:keras_model_from_json", "save"),
    # --- text preprocessing (Keras 3 dropped it; rkeras implements Keras 2's)
    # (text_to_word_sequence is keras 2.x's too: the same function)
    _implemented("text_to_word_sequence", "api.text:text_to_word_sequence", "text", convert=_TEXT),
    _implemented("one_hot", "flavours.kerasr:one_hot", "text", convert=_TEXT),
    _implemented("Tokenizer", "api.text:Tokenizer", "text", "object", convert=_TEXT),
    # --- setup and utilities
    _implemented("keras_available", "flavours.kerasr:keras_available", "setup"),
    _implemented("keras_init", "flavours.kerasr:keras_init", "setup"),
    _implemented("plot_model", "flavours.kerasr:plot_model", "model"),
    # --- applications and images
    _implemented("Xception", "api.applications:Xception", "application"),
    _implemented("VGG16", "api.applications:VGG16", "application"),
    _implemented("VGG19", "api.applications:VGG19", "application"),
    _implemented("ResNet50", "api.applications:ResNet50", "application"),
    _implemented("InceptionV3", "api.applications:InceptionV3", "application"),
    _implemented("preprocess_input", "api.applications:preprocess_input", "application"),
    _implemented("decode_predictions", "api.applications:decode_predictions", "application"),
    _implemented("load_img", "api.applications:load_img", "image"),
    _implemented("img_to_array", "api.applications:img_to_array", "image"),
    _implemented("expand_dims", "api.applications:expand_dims", "image"),
]

# kerasR exports that are keras3 rows already (rkeras.spec.semantics); no second row.
SHARED_WITH_KERAS3 = ("normalize", "pad_sequences", "to_categorical")


def rows() -> list[Row]:
    out: list[Row] = list(_ROWS)
    for family, table in (
        ("layer", LAYERS),
        ("callback", CALLBACKS),
        ("initializer", INITIALIZERS),
        ("regularizer", REGULARIZERS),
        ("constraint", CONSTRAINTS),
    ):
        out.extend(_keras_object(name, family) for name in table.split())
    # Sequential(layers = NULL): an empty (or given) keras Sequential; R then calls mod$add(...)
    out.append(Row("Sequential", "keras.Sequential", "model", "object", "kerasR"))
    return sorted(out, key=lambda row: row.name)
