"""Spec rows for keras 2.x's preprocessing and generator names, which Keras 3 removed (flavour
"keras2"): the text tokenizer family and the text/sequence helpers (:mod:`rkeras.api.text`), the
generator verbs and ``timeseries_generator`` (:mod:`rkeras.api.generators`) and the image data
generators (:mod:`rkeras.api.images`).

Every fact about a name is in its row; its ``formals`` are keras 2.x's
(``../shared/reference/keras2-functions.tsv``) where the Python signature cannot give them
(keras 2.x writes whole-number defaults as doubles; R-only defaults such as
``generator = image_data_generator()`` or ``getOption()``). ``text_to_word_sequence`` is a kerasR
row already (the same function). This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row, facts

_FILTERS = '"!\\"#$%&()*+,-./:;<=>?@[\\\\]^_`{|}~\\t\\n"'


def _row(name: str, target: str, family: str, compose: str, *words: str, formals: str | None = None) -> Row:
    """A keras 2.x row: ``target`` is ``module:function`` under ``rkeras.api``; ``words`` are table
    facts (:func:`rkeras.spec.facts`); ``formals`` keras 2.x's R formals where the Python signature
    cannot give them."""
    return Row(name, f"rkeras.api.{target}", family, compose, "keras2", formals=formals, **facts(words))


_ROWS: list[Row] = [
    _row('text_tokenizer', 'text:text_tokenizer', 'text', 'value', 'convert=filters:raw'),
    _row('fit_text_tokenizer', 'text:fit_text_tokenizer', 'text', 'value', 'invisible'),
    _row('texts_to_sequences', 'text:texts_to_sequences', 'text', 'value'),
    _row('texts_to_sequences_generator', 'text:texts_to_sequences_generator', 'text', 'value'),
    _row('texts_to_matrix', 'text:texts_to_matrix', 'text', 'value',
         formals='tokenizer, texts, mode = c("binary", "count", "tfidf", "freq")'),
    _row('sequences_to_matrix', 'text:sequences_to_matrix', 'text', 'value',
         formals='tokenizer, sequences, mode = c("binary", "count", "tfidf", "freq")'),
    _row('save_text_tokenizer', 'text:save_text_tokenizer', 'text', 'value', 'invisible', 'note=overwrite'),
    _row('load_text_tokenizer', 'text:load_text_tokenizer', 'text', 'value'),
    _row('text_one_hot', 'text:text_one_hot', 'text', 'value', 'convert=filters:raw',
         formals=f'input_text, n, filters = {_FILTERS}, lower = TRUE, split = " ", text = NULL'),
    _row('text_hashing_trick', 'text:text_hashing_trick', 'text', 'value', 'convert=filters:raw'),
    _row('skipgrams', 'text:skipgrams', 'text', 'value',
         formals="sequence, vocabulary_size, window_size = 4, negative_samples = 1, shuffle = TRUE, "
                 "categorical = FALSE, sampling_table = NULL, seed = NULL"),
    _row('make_sampling_table', 'text:make_sampling_table', 'text', 'value'),
    _row('timeseries_generator', 'generators:timeseries_generator', 'generator', 'value',
         formals="data, targets, length, sampling_rate = 1, stride = 1, start_index = 0, "
                 "end_index = NULL, shuffle = FALSE, reverse = FALSE, batch_size = 128"),
    _row('fit_generator', 'generators:fit_generator', 'model', 'verb', 'invisible',
         formals="object, generator, steps_per_epoch, epochs = 1, "
                 'verbose = getOption("keras.fit_verbose", default = 1), callbacks = NULL, '
                 'view_metrics = getOption("keras.view_metrics", default = "auto"), '
                 "validation_data = NULL, validation_steps = NULL, class_weight = NULL, "
                 "max_queue_size = 10, workers = 1, initial_epoch = 0"),
    _row('evaluate_generator', 'generators:evaluate_generator', 'model', 'verb',
         formals="object, generator, steps, max_queue_size = 10, workers = 1, callbacks = NULL"),
    _row('predict_generator', 'generators:predict_generator', 'model', 'verb',
         formals="object, generator, steps, max_queue_size = 10, workers = 1, verbose = 0, "
                 "callbacks = NULL"),
    _row('generator_next', 'generators:generator_next', 'generator', 'value'),
    _row('image_data_generator', 'images:image_data_generator', 'image', 'value'),
    _row('fit_image_data_generator', 'images:fit_image_data_generator', 'image', 'value', 'invisible',
         formals="object, x, augment = FALSE, rounds = 1, seed = NULL"),
    _row('flow_images_from_data', 'images:flow_images_from_data', 'image', 'value',
         formals="x, y = NULL, generator = image_data_generator(), batch_size = 32, "
                 'shuffle = TRUE, sample_weight = NULL, seed = NULL, save_to_dir = NULL, '
                 'save_prefix = "", save_format = "png", subset = NULL'),
    _row('flow_images_from_directory', 'images:flow_images_from_directory', 'image', 'value',
         formals="directory, generator = image_data_generator(), target_size = c(256, 256), "
                 'color_mode = "rgb", classes = NULL, class_mode = "categorical", '
                 "batch_size = 32, shuffle = TRUE, seed = NULL, save_to_dir = NULL, "
                 'save_prefix = "", save_format = "png", follow_links = FALSE, '
                 'subset = NULL, interpolation = "nearest"'),
    _row('flow_images_from_dataframe', 'images:flow_images_from_dataframe', 'image', 'value',
         formals='dataframe, directory = NULL, x_col = "filename", y_col = "class", '
                 "generator = image_data_generator(), target_size = c(256, 256), "
                 'color_mode = "rgb", classes = NULL, class_mode = "categorical", '
                 "batch_size = 32, shuffle = TRUE, seed = NULL, save_to_dir = NULL, "
                 'save_prefix = "", save_format = "png", subset = NULL, '
                 'interpolation = "nearest", drop_duplicates = NULL'),
]


def rows() -> list[Row]:
    return list(_ROWS)
