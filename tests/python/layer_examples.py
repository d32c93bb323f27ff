"""Example arguments and inputs for the parametrised spec-row tests.

Each layer row is built with its required arguments, called on an input of
the right rank, and its config round-tripped. Arguments and input ranks come
from simple rules (required argument names, the _1d/_2d/_3d suffix); the
tables below hold only the exceptions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

RNG = np.random.default_rng(0)

# Values for required constructor arguments, by name.
REQUIRED_ARGS: dict[str, Any] = {
    "units": 3,
    "filters": 2,
    "kernel_size": 2,
    "rate": 0.25,
    "stddev": 0.1,
    "target_shape": (2, 2),
    "dims": (2, 1),
    "n": 2,
    "height": 4,
    "width": 4,
    "factor": 0.2,
    "scale": 0.5,
    "size": 2,
    "output_size": 2,
    "num_tokens": 5,
    "num_bins": 4,
    "num_heads": 2,
    "key_dim": 2,
    "max_tokens": 10,
    "input_dim": 10,
    "output_dim": 3,
    "axes": 1,
    "equation": "ab,bc->ac",
    "output_shape": 3,
    "groups": 1,
    "depth_multiplier": 1,
    "max_boxes": 2,
    "num_query_heads": 2,
    "num_key_value_heads": 1,
    "head_dim": 2,
    "value_range": (0, 255),
    "bins": [0.5, 1.5],
    "function": lambda t: t * 2,
    "cell": None,
    "layer": None,
    "sequence_length": 8,
    "sequence_stride": 4,
    "fft_length": 8,
    "mode": "log",
    "mean": 0.0,
    "variance": 1.0,
    "num_mel_bins": 4,
    "sampling_rate": 16000,
    "kernel_size_": 2,
}

# Input shape (without batch) by row-name pattern; first match wins.
INPUT_RULES: list[tuple[str, tuple[int, ...]]] = [
    ("conv_lstm_1d", (3, 8, 2)),
    ("conv_lstm_2d", (3, 8, 8, 2)),
    ("conv_lstm_3d", (3, 4, 4, 4, 2)),
    ("_1d", (8, 4)),
    ("_2d", (8, 8, 3)),
    ("_3d", (4, 4, 4, 2)),
    ("lstm", (5, 4)),
    ("gru", (5, 4)),
    ("simple_rnn", (5, 4)),
    ("layer_rnn", (5, 4)),
    ("attention", (5, 4)),
    ("embedding", (5,)),
    ("time_distributed", (5, 4)),
    ("bidirectional", (5, 4)),
    ("repeat_vector", (4,)),
    ("permute", (2, 3)),
    ("reshape", (4,)),
    ("masking", (5, 4)),
    ("random_", (8, 8, 3)),
    ("resizing", (8, 8, 3)),
    ("center_crop", (8, 8, 3)),
    ("rescaling", (8, 8, 3)),
    ("aug_mix", (8, 8, 3)),
    ("auto_contrast", (8, 8, 3)),
    ("cut_mix", (8, 8, 3)),
    ("mix_up", (8, 8, 3)),
    ("rand_augment", (8, 8, 3)),
    ("solarization", (8, 8, 3)),
    ("equalization", (8, 8, 3)),
    ("contrast_limited", (8, 8, 3)),
    ("group_normalization", (4, 4)),
    ("spectrogram", (64, 1)),
]

# Rows that cannot be exercised here, with the reason (asserted to be exactly these).
SKIP: dict[str, str] = {
    "layer_flax_module_wrapper": "needs the JAX backend and flax",
    "layer_jax_model_wrapper": "needs the JAX backend",
    "layer_torch_module_wrapper": "needs the torch backend",
    "layer_tfsm": "needs a TensorFlow SavedModel on disk",
    "layer_max_num_bounding_boxes": "operates on bounding-box dicts",
    "layer_pipeline": "needs a list of layers; covered by test_pipeline_layer",
}


def _floats(*shape: int) -> np.ndarray:
    return RNG.random((2, *shape)).astype("float32")


def _ints(high: int, *shape: int) -> np.ndarray:
    return RNG.integers(0, high, (2, *shape)).astype("int64")


def _pair(*shape: int) -> list[np.ndarray]:
    return [_floats(*shape), _floats(*shape)]


def _keras_layer(name: str, *args: Any) -> Any:
    import keras

    return getattr(keras.layers, name)(*args)


# Exceptions to the rules. "args": constructor arguments; "input": a function giving the input;
# "call": "qv" to call layer(query, value); "roundtrip": False where Keras refuses by design.
SPECIAL: dict[str, dict[str, Any]] = {
    "layer_activation": {"args": {"activation": "relu"}},
    "layer_add": {"input": lambda: _pair(4)},
    "layer_average": {"input": lambda: _pair(4)},
    "layer_maximum": {"input": lambda: _pair(4)},
    "layer_minimum": {"input": lambda: _pair(4)},
    "layer_multiply": {"input": lambda: _pair(4)},
    "layer_subtract": {"input": lambda: _pair(4)},
    "layer_concatenate": {"input": lambda: _pair(4)},
    "layer_dot": {"args": {"axes": 2}, "input": lambda: _pair(4)},  # R axes are 1-based
    "layer_attention": {"input": lambda: _pair(5, 4)},
    "layer_additive_attention": {"input": lambda: _pair(5, 4)},
    "layer_average_pooling_1d": {"args": {"pool_size": 2}},
    "layer_average_pooling_2d": {"args": {"pool_size": 2}},
    "layer_average_pooling_3d": {"args": {"pool_size": 2}},
    "layer_bidirectional": {"args": {"layer": lambda: _keras_layer("LSTM", 2)}},
    "layer_time_distributed": {"args": {"layer": lambda: _keras_layer("Dense", 2)}},
    # keras 2.x's spellings (and the selu activation layer, whose row gives `activation`)
    "bidirectional": {"args": {"layer": lambda: _keras_layer("LSTM", 2)}},
    "time_distributed": {"args": {"layer": lambda: _keras_layer("Dense", 2)}},
    "layer_activation_selu": {"args": {"activation": "selu"}},
    "layer_spectral_normalization": {"args": {"layer": lambda: _keras_layer("Dense", 2)}},
    "layer_rnn": {"args": {"cell": lambda: _keras_layer("SimpleRNNCell", 2)}},
    "layer_category_encoding": {"args": {"num_tokens": 5}, "input": lambda: _ints(5, 4)},
    "layer_discretization": {"args": {"bin_boundaries": [0.5]}},
    "layer_group_normalization": {"args": {"groups": 2}},
    "layer_multi_head_attention": {"call": "qv"},
    "layer_group_query_attention": {"call": "qv"},
    "layer_hashed_crossing": {"input": lambda: [_ints(5, 1), _ints(5, 1)]},
    "layer_integer_lookup": {"args": {"vocabulary": [1, 2, 3]}, "input": lambda: _ints(4, 4)},
    "layer_string_lookup": {
        "args": {"vocabulary": ["a", "b"]},
        "input": lambda: np.array([["a", "b", "c"], ["b", "b", "a"]]),
    },
    "layer_text_vectorization": {
        "args": {"vocabulary": ["a", "b"]},
        "input": lambda: np.array(["a b c", "b a"]),
    },
    "layer_lambda": {"roundtrip": False},  # Keras refuses to deserialise lambdas in safe mode
    "layer_mel_spectrogram": {
        "args": {"fft_length": 64, "sequence_length": 32, "sequence_stride": 16, "num_mel_bins": 8},
        "input": lambda: _floats(256),
    },
    "layer_stft_spectrogram": {
        "args": {"frame_length": 16, "frame_step": 8, "fft_length": 16},
        "input": lambda: _floats(64, 1),
    },
    "layer_random_posterization": {"args": {"factor": 4}},
    "layer_random_translation": {"args": {"height_factor": 0.1, "width_factor": 0.1}},
    "layer_random_zoom": {"args": {"height_factor": 0.1}},
}
