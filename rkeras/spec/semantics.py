"""Spec rows for names with hand-written R semantics (``rkeras.<module>:<fn>``).

The implementation's own Python signature is the signature; the row says how
the name composes and which flavour it comes from.
"""

from __future__ import annotations

from . import Row, facts, lines

# name  module:function  family  compose  flavour  [facts: see rkeras.spec.facts; an indented
# line continues the one above]
# (`convert=` lists the exceptions to the target-pattern rules of rkeras/spec/converters.py;
#  keras 2.x passes `layers` first to keras_model_sequential: the implementation tells a list of
#  layers from a shape, so its `input_shape` is "raw"; kerasR/keras 2.x called to_categorical's
#  first argument `y`)
ROWS = """
# --- model construction
keras_model_sequential api.models:keras_model_sequential model value keras3
    convert=input_shape:raw,input_batch_shape:shape,input_batch_size:int
model_sequential api.models:keras_model_sequential model value keras2
    convert=input_shape:raw,input_batch_shape:shape,input_batch_size:int
keras_model api.models:keras_model model value keras3
keras_input api.models:keras_input model value keras3 convert=shape:shape,batch_shape:shape,batch_size:int
layer_input api.models:keras_input layer value keras3 convert=shape:shape,batch_shape:shape,batch_size:int
clone_model api.models:clone_model model verb keras3
from_config api.models:from_config model value keras3
# --- training and inference
compile api.models:compile model verb keras3 invisible
fit api.models:fit model verb keras3 invisible
evaluate api.models:evaluate model verb keras3
predict api.models:predict model verb keras3 s3=predict.rkeras_model
predict_on_batch api.models:predict_on_batch model verb keras3
train_on_batch api.models:train_on_batch model verb keras3
test_on_batch api.models:test_on_batch model verb keras3
predict_classes api.models:predict_classes model verb keras2
    formals=object, x, batch_size = NULL, verbose = 0, steps = NULL
predict_proba api.models:predict_proba model verb keras2
    formals=object, x, batch_size = NULL, verbose = 0, steps = NULL
# --- inspection and surgery
summary api.summary:summary model verb keras3 s3=summary.rkeras_model
get_layer api.models:get_layer model verb keras3 convert=index:index1
pop_layer api.models:pop_layer model verb keras3
get_weights api.models:get_weights model verb keras3 formals=object, trainable = NA
set_weights api.models:set_weights model verb keras3 invisible
freeze_weights api.models:freeze_weights model verb keras3 convert=from_:layer_ref,to:layer_ref invisible
unfreeze_weights api.models:unfreeze_weights model verb keras3 convert=from_:layer_ref,to:layer_ref invisible
count_params api.models:count_params model verb keras3
get_config api.models:get_config model verb keras3
# --- saving
save_model api.saving:save_model save verb keras3 invisible note=overwrite
load_model api.saving:load_model save value keras3
save_model_weights api.saving:save_model_weights save verb keras3 invisible note=overwrite
load_model_weights api.saving:load_model_weights save verb keras3 invisible
save_model_hdf5 api.saving:save_model_hdf5 save verb keras2 invisible note=overwrite
load_model_hdf5 api.saving:load_model_hdf5 save value keras2
save_model_weights_hdf5 api.saving:save_model_weights_hdf5 save verb keras2 invisible note=overwrite
load_model_weights_hdf5 api.saving:load_model_weights_hdf5 save verb keras2 invisible
model_to_json api.saving:model_to_json save verb keras3
model_from_json api.saving:model_from_json save value keras3
# --- history
as_data_frame api.history:as_data_frame history value rkeras s3=as.data.frame.keras_training_history
plot api.history:plot history value rkeras s3=plot.keras_training_history
# --- callbacks with R semantics (1-based epochs)
callback_lambda api.callbacks:callback_lambda callback value keras3
# --- arrays
array_reshape api.arrays:array_reshape array value keras3
to_categorical api.arrays:to_categorical array value keras3 convert=num_classes:int rename=y:x
pad_sequences api.arrays:pad_sequences array value keras3 convert=sequences:sequences,maxlen:int
normalize api.arrays:normalize array value keras3 convert=axis:axis
# --- environment
install_keras api.environment:install_keras environment value keras3 note=install_noop
    formals=envname = "r-keras", ..., extra_packages = c("scipy", "pandas", "Pillow", "pydot", "ipython",
    "tensorflow_datasets"), python_version = ">=3.9,<=3.11", backend = c("tensorflow", "jax"), gpu = NA,
    restart_session = TRUE
is_keras_available api.environment:is_keras_available environment value keras2
set_random_seed api.environment:set_random_seed environment value keras3 convert=seed:strict_int
use_backend api.environment:use_backend environment value keras3 invisible formals=backend, gpu = NA
config_backend api.environment:config_backend environment value keras3
backend api.environment:backend environment value keras2
# --- datasets
dataset_mnist api.datasets:dataset_mnist dataset value keras3
dataset_fashion_mnist api.datasets:dataset_fashion_mnist dataset value keras3
dataset_cifar10 api.datasets:dataset_cifar10 dataset value keras3
dataset_cifar100 api.datasets:dataset_cifar100 dataset value keras3
dataset_imdb api.datasets:dataset_imdb dataset value keras3
dataset_imdb_word_index api.datasets:dataset_imdb_word_index dataset value keras3
dataset_reuters api.datasets:dataset_reuters dataset value keras3
dataset_reuters_word_index api.datasets:dataset_reuters_word_index dataset value keras3
dataset_boston_housing api.datasets:dataset_boston_housing dataset value keras3
dataset_california_housing api.datasets:dataset_california_housing dataset value keras3
"""


def rows() -> list[Row]:
    out: list[Row] = []
    for words in lines(ROWS):
        name, target, family, compose, flavour, *extra = words
        out.append(Row(name, f"rkeras.{target}", family, compose, flavour, **facts(extra)))
    return out
