"""Spec rows for names with hand-written R semantics (``rkeras.<module>:<fn>``).

The implementation's own Python signature is the signature; the row says how
the name composes and which flavour it comes from.
"""

from __future__ import annotations

from . import Row

# name, module:function, family, compose, flavour
_ROWS: list[tuple[str, str, str, str, str]] = [
    # --- model construction
    ("keras_model_sequential", "models:keras_model_sequential", "model", "value", "keras3"),
    ("model_sequential", "models:keras_model_sequential", "model", "value", "keras2"),
    ("keras_model", "models:keras_model", "model", "value", "keras3"),
    ("keras_input", "models:keras_input", "model", "value", "keras3"),
    ("layer_input", "models:keras_input", "layer", "value", "keras3"),
    ("clone_model", "models:clone_model", "model", "verb", "keras3"),
    ("from_config", "models:from_config", "model", "value", "keras3"),
    # --- training and inference
    ("compile", "models:compile", "model", "verb", "keras3"),
    ("fit", "models:fit", "model", "verb", "keras3"),
    ("evaluate", "models:evaluate", "model", "verb", "keras3"),
    ("predict", "models:predict", "model", "verb", "keras3"),
    ("predict_on_batch", "models:predict_on_batch", "model", "verb", "keras3"),
    ("train_on_batch", "models:train_on_batch", "model", "verb", "keras3"),
    ("test_on_batch", "models:test_on_batch", "model", "verb", "keras3"),
    ("predict_classes", "models:predict_classes", "model", "verb", "keras2"),
    ("predict_proba", "models:predict_proba", "model", "verb", "keras2"),
    # --- inspection and surgery
    ("summary", "model_summary:summary", "model", "verb", "keras3"),
    ("get_layer", "models:get_layer", "model", "verb", "keras3"),
    ("pop_layer", "models:pop_layer", "model", "verb", "keras3"),
    ("get_weights", "models:get_weights", "model", "verb", "keras3"),
    ("set_weights", "models:set_weights", "model", "verb", "keras3"),
    ("freeze_weights", "models:freeze_weights", "model", "verb", "keras3"),
    ("unfreeze_weights", "models:unfreeze_weights", "model", "verb", "keras3"),
    ("count_params", "models:count_params", "model", "verb", "keras3"),
    ("get_config", "models:get_config", "model", "verb", "keras3"),
    # --- saving
    ("save_model", "saving:save_model", "save", "verb", "keras3"),
    ("load_model", "saving:load_model", "save", "value", "keras3"),
    ("save_model_weights", "saving:save_model_weights", "save", "verb", "keras3"),
    ("load_model_weights", "saving:load_model_weights", "save", "verb", "keras3"),
    ("save_model_hdf5", "saving:save_model_hdf5", "save", "verb", "keras2"),
    ("load_model_hdf5", "saving:load_model_hdf5", "save", "value", "keras2"),
    ("save_model_weights_hdf5", "saving:save_model_weights_hdf5", "save", "verb", "keras2"),
    ("load_model_weights_hdf5", "saving:load_model_weights_hdf5", "save", "verb", "keras2"),
    ("model_to_json", "saving:model_to_json", "save", "verb", "keras3"),
    ("model_from_json", "saving:model_from_json", "save", "value", "keras3"),
    # --- history
    ("as_data_frame", "history:as_data_frame", "history", "value", "rkeras"),
    ("plot", "history:plot", "history", "value", "rkeras"),
    # --- callbacks with R semantics (1-based epochs)
    ("callback_lambda", "callbacks:callback_lambda", "callback", "value", "keras3"),
    # --- arrays
    ("array_reshape", "arrays:array_reshape", "array", "value", "keras3"),
    ("to_categorical", "arrays:to_categorical", "array", "value", "keras3"),
    ("pad_sequences", "arrays:pad_sequences", "array", "value", "keras3"),
    ("normalize", "arrays:normalize", "array", "value", "keras3"),
    # --- environment
    ("install_keras", "environment:install_keras", "environment", "value", "keras3"),
    ("is_keras_available", "environment:is_keras_available", "environment", "value", "keras2"),
    ("set_random_seed", "environment:set_random_seed", "environment", "value", "keras3"),
    # --- datasets
    ("dataset_mnist", "datasets:dataset_mnist", "dataset", "value", "keras3"),
    ("dataset_fashion_mnist", "datasets:dataset_fashion_mnist", "dataset", "value", "keras3"),
    ("dataset_cifar10", "datasets:dataset_cifar10", "dataset", "value", "keras3"),
    ("dataset_cifar100", "datasets:dataset_cifar100", "dataset", "value", "keras3"),
    ("dataset_imdb", "datasets:dataset_imdb", "dataset", "value", "keras3"),
    ("dataset_imdb_word_index", "datasets:dataset_imdb_word_index", "dataset", "value", "keras3"),
    ("dataset_reuters", "datasets:dataset_reuters", "dataset", "value", "keras3"),
    ("dataset_reuters_word_index", "datasets:dataset_reuters_word_index", "dataset", "value", "keras3"),
    ("dataset_boston_housing", "datasets:dataset_boston_housing", "dataset", "value", "keras3"),
    ("dataset_california_housing", "datasets:dataset_california_housing", "dataset", "value", "keras3"),
]


# Converter columns: argument -> converter (rkeras.args.CONVERTERS).
_CONVERT: dict[str, dict[str, str]] = {
    # keras 2.x passes `layers` first: the implementation tells a list of layers from a shape
    "keras_model_sequential": {"input_shape": "raw"},
    "model_sequential": {"input_shape": "raw"},
}
# Legacy argument names: keras 2.x / kerasR called to_categorical's first argument `y`.
_RENAME: dict[str, dict[str, tuple[str, bool]]] = {
    "to_categorical": {"y": ("x", False)},
}


def rows() -> list[Row]:
    return [
        Row(name, f"rkeras.{target}", family, compose, flavour, _CONVERT.get(name, {}), _RENAME.get(name, {}))
        for name, target, family, compose, flavour in _ROWS
    ]
