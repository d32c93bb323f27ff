"""Spec rows for keras 2.x names that Keras 3 removed for good (flavour "keras2").

Each row's ``removed`` column says what to use instead; the function exists
(an R script that calls it gets a clear error naming the replacement, not
"could not find function") and does nothing else. kerasR's removed names
(``LocallyConnected1D``/``2D``) are in :mod:`rkeras.spec.kerasr`, beside the
other kerasR rows. This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row

_LOCALLY_CONNECTED = (
    "keras.layers has no locally-connected layers. layer_conv_{d}d() slides the same window with "
    "weights shared across positions; a model that needs unshared weights must run on Keras 2 "
    "(tf_keras, TF_USE_LEGACY_KERAS=1)"
)

# name, family, what to use instead
_REMOVED: list[tuple[str, str, str]] = [
    (
        "multi_gpu_model",
        "model",
        "replicate the model over GPUs with a distribution strategy: tf.distribute.MirroredStrategy "
        "(build and compile the model within strategy$scope()) or keras.distribution.DataParallel",
    ),
    (
        "model_to_yaml",
        "save",
        "Keras 3 has no YAML format: use model_to_json() for the architecture, or save_model() for the "
        "whole model",
    ),
    (
        "model_from_yaml",
        "save",
        "Keras 3 has no YAML format: use model_from_json() on the text of model_to_json(), or load_model() "
        "on a file written by save_model()",
    ),
    (
        "layer_dense_features",
        "layer",
        "tf.feature_column and DenseFeatures are gone from Keras 3: describe the features with "
        "layer_feature_space() (keras.utils.FeatureSpace), or with preprocessing layers such as "
        "layer_normalization(), layer_string_lookup() and layer_category_encoding()",
    ),
    (
        "hdf5_matrix",
        "utils",
        "Keras 3 has no HDF5Matrix: read the dataset into an array (the hdf5r or rhdf5 R package; h5py in "
        "Python) and pass it to fit(), or stream it from disk with a tf.data dataset",
    ),
    ("layer_locally_connected_1d", "layer", _LOCALLY_CONNECTED.format(d=1)),
    ("layer_locally_connected_2d", "layer", _LOCALLY_CONNECTED.format(d=2)),
]


def rows() -> list[Row]:
    return [Row(name, "", family, "value", "keras2", removed=advice) for name, family, advice in _REMOVED]
