"""keras3's data utilities whose R semantics need code: preprocessing-layer state and image files.

* ``adapt()``: a preprocessing layer learns its state (mean and variance, a vocabulary, bin
  boundaries, ...) from data given as an R array or vector, a tf.data dataset, or, for a
  FeatureSpace, a named list or data frame of columns; the layer changes in place and comes back
  (invisibly in R).
* ``get_vocabulary()`` / ``set_vocabulary()``: a lookup or text-vectorization layer's vocabulary.
* ``image_array_save()``: an array saved as an image file, atomically, never over an existing
  file unless ``overwrite = TRUE`` (as every rkeras saver).

The loaders (``image_dataset_from_directory()``, ...) and the other ``image_*()`` functions are
Keras's own functions with keras3's converters (rows in :mod:`rkeras.spec.data_utils`); their
datasets go to ``fit()``, ``evaluate()`` and ``predict()`` as they are.
Importing this module imports neither TensorFlow nor Keras.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

from ..errors import RKerasError, arg_error

_ADAPTABLE = ("a preprocessing layer that learns from data (layer_normalization(), layer_discretization(), "
              "layer_string_lookup(), layer_integer_lookup(), layer_text_vectorization(), "
              "layer_feature_space(), ...)")


def _columns_dataset(fn: str, data: Any, batch_size: Any) -> Any:
    """A FeatureSpace's data: a named list (dict) or data frame of columns as a tf.data dataset of
    batches of dicts (R has no tf.data constructors of its own: tfdatasets is not rkeras's)."""
    import numpy as np

    from .models import as_input_data

    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(data, pd.DataFrame):
        data = {str(name): data[name].to_numpy() for name in data.columns}
    if not isinstance(data, dict):
        return data  # a dataset (or whatever Keras makes of it)
    columns = {}
    lengths = set()
    for name, column in data.items():
        values = as_input_data(np.asarray(column) if isinstance(column, (list, tuple)) else column)
        if getattr(values, "dtype", None) is not None and values.dtype.kind == "U":
            values = values.astype(object)
        columns[str(name)] = values
        lengths.add(len(values))
    if len(lengths) > 1:
        raise arg_error(fn, "data", "columns of the same length", {k: len(v) for k, v in columns.items()})
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices(columns).batch(32 if batch_size is None else batch_size)


def adapt(object: Any, data: Any, *, batch_size: Any = None, steps: Any = None, **kwargs: Any) -> Any:  # noqa: A002
    """Fit the state of a preprocessing layer to the data.

    The layer computes its state from ``data`` (a Normalization layer its mean and variance, a
    lookup layer its vocabulary, a Discretization layer its bin boundaries, a FeatureSpace every
    feature's) and keeps it: the layer changes in place and is returned (invisibly in R).

    Args:
        object: A preprocessing layer: ``layer_normalization()``, ``layer_discretization()``,
            ``layer_string_lookup()``, ``layer_integer_lookup()``, ``layer_text_vectorization()``,
            ``layer_feature_space()``, ...
        data: The data to learn from: an array or vector (doubles become float32), a tf.data
            dataset of batches, or, for a FeatureSpace, a named list or data frame of columns
            (made into a dataset of batches of ``batch_size``, 32 when NULL).
        batch_size: Number of samples per batch, for the layers whose ``adapt()`` takes it
            (``layer_text_vectorization()``) and for a FeatureSpace's columns.
        steps: Number of batches to draw from a dataset (NULL: all of it).
        ...: Passed on to the layer's ``adapt()`` method.
    """
    fn = "adapt"
    method = getattr(object, "adapt", None)
    if not callable(method):
        raise arg_error(fn, "object", _ADAPTABLE, object)
    from ._keras import keras
    from .models import as_input_data

    if isinstance(object, keras().utils.FeatureSpace):
        data = _columns_dataset(fn, data, batch_size)
        batch_size = None
    else:
        data = as_input_data(data)
    if data is None:
        raise arg_error(fn, "data", "an array, a vector or a dataset", data)
    extra = {key: value for key, value in (("batch_size", batch_size), ("steps", steps)) if value is not None}
    takes = inspect.signature(method).parameters
    if not any(p.kind == p.VAR_KEYWORD for p in takes.values()):
        for key in [*extra, *kwargs]:
            if key not in takes:
                own = ", ".join(name for name in takes if name != "data") or "nothing but `data`"
                raise RKerasError(
                    f"`{key}` is not an argument of {type(object).__name__}.adapt() (it takes: {own})",
                    fn=fn, arg=key)
    method(data, **extra, **kwargs)
    return object


def _vocabulary_layer(fn: str, object: Any, method: str) -> Any:  # noqa: A002
    found = getattr(object, method, None)
    if not callable(found):
        raise arg_error(fn, "object", "a layer with a vocabulary (layer_string_lookup(), "
                        "layer_integer_lookup(), layer_text_vectorization())", object)
    return found


def get_vocabulary(object: Any, include_special_tokens: bool = True) -> Any:  # noqa: A002
    """The vocabulary of a lookup or text-vectorization layer, in index order.

    Index ``i`` of the layer's output is element ``i + 1`` of this vector (the layer's indices are
    0-based, as in Keras): with the default ``include_special_tokens = TRUE`` the padding token
    (``""``, or 0) and the out-of-vocabulary token (``"[UNK]"``, or -1) come first.

    Args:
        object: A ``layer_string_lookup()``, ``layer_integer_lookup()`` or
            ``layer_text_vectorization()`` layer.
        include_special_tokens: Whether the padding and out-of-vocabulary tokens are included.
    """
    fn = "get_vocabulary"
    method = _vocabulary_layer(fn, object, "get_vocabulary")
    if not isinstance(include_special_tokens, bool):
        raise arg_error(fn, "include_special_tokens", "TRUE or FALSE", include_special_tokens)
    vocabulary = method(include_special_tokens=include_special_tokens)
    return [v.item() if hasattr(v, "item") else v for v in vocabulary]


def set_vocabulary(object: Any, vocabulary: Any, idf_weights: Any = None, **kwargs: Any) -> Any:  # noqa: A002
    """Set the vocabulary of a lookup or text-vectorization layer (instead of ``adapt()``).

    Args:
        object: A ``layer_string_lookup()``, ``layer_integer_lookup()`` or
            ``layer_text_vectorization()`` layer.
        vocabulary: The terms, a character (or, for an integer lookup, integer) vector, or the path
            of a text file with one term per line. Without special tokens unless the layer was
            made to expect them.
        idf_weights: With ``output_mode = "tf_idf"``: the inverse document frequency of each term.
        ...: Passed on to the layer's ``set_vocabulary()`` method.

    Returns the layer, changed in place (invisibly in R).
    """
    fn = "set_vocabulary"
    method = _vocabulary_layer(fn, object, "set_vocabulary")
    import numpy as np

    if isinstance(vocabulary, (list, tuple)) or (isinstance(vocabulary, np.ndarray) and vocabulary.ndim):
        vocabulary = list(np.asarray(vocabulary).reshape(-1).tolist())
    elif isinstance(vocabulary, (int, float)) and not isinstance(vocabulary, bool):
        vocabulary = [vocabulary]
    elif not isinstance(vocabulary, str):
        raise arg_error(fn, "vocabulary", "a character or integer vector, or a file path", vocabulary)
    if idf_weights is not None:
        idf_weights = np.asarray(idf_weights, dtype="float32").reshape(-1)
    method(vocabulary, idf_weights=idf_weights, **kwargs)
    return object


def image_array_resize(img: Any, height: Any, width: Any,
                       data_format: Any = ("channels_last", "channels_first")) -> Any:
    """Resize an image array (keras 2.x): one image (3-d, height x width x channels) or a batch
    (4-d), bilinearly, to `height` x `width`.

    Args:
        img: An image array (3-d) or a batch of them (4-d).
        height: The new height, a whole number.
        width: The new width, a whole number.
        data_format: "channels_last" (the default: the first of the choices) or "channels_first".

    Returns:
        The resized array, of the same rank (float32).
    """
    import numpy as np

    from ._keras import keras

    fn = "image_array_resize"
    if isinstance(data_format, (list, tuple)):
        data_format = data_format[0] if data_format else None
    if data_format not in ("channels_last", "channels_first"):
        raise arg_error(fn, "data_format", '"channels_last" or "channels_first"', data_format)
    size = []
    for arg, value in (("height", height), ("width", width)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value) or value < 1:
            raise arg_error(fn, arg, "a positive whole number", value)
        size.append(int(value))
    array = np.asarray(img, dtype="float32")
    if array.ndim not in (3, 4):
        raise arg_error(fn, "img", "an image array (3-d) or a batch of them (4-d)", array)
    out = keras().ops.image.resize(array, tuple(size), data_format=data_format)
    return np.asarray(keras().ops.convert_to_numpy(out))


def image_array_save(
    x: Any,
    path: Any,
    data_format: Any = None,
    file_format: Any = None,
    scale: bool = True,
    overwrite: bool = False,
    **kwargs: Any,
) -> str:
    """Save an image array (height x width x channels) as an image file.

    The file is written next to ``path`` under a temporary name and renamed into place once
    complete (a failed save leaves no partial file). The format comes from ``file_format`` or the
    path's extension (``.png``, ``.jpg``, ...).

    Args:
        x: The image: an array of shape (height, width, channels) (channels first with
            ``data_format = "channels_first"``), 1, 3 or 4 channels.
        path: The file to write.
        data_format: ``"channels_last"`` or ``"channels_first"``; NULL: ``config_image_data_format()``.
        file_format: The image format (``"png"``, ``"jpeg"``, ...); NULL: from the extension.
        scale: Whether the values are rescaled to 0-255 (from their minimum and maximum).
        overwrite: Whether an existing file may be replaced (it never is otherwise).
        ...: Passed on to PIL's ``Image.save()`` (e.g. ``quality = 90`` for JPEG).

    Returns the path (invisibly in R).
    """
    from ._keras import keras
    from .saving import _target, atomic_target

    fn = "image_array_save"
    target = _target(fn, path, overwrite, (), arg="path")
    if file_format is None and not target.suffix:
        raise arg_error(fn, "path", "a file name with an image extension (.png, .jpg, ...) unless "
                        "`file_format` is given", str(path))
    import numpy as np

    array = np.asarray(x)
    if array.ndim != 3:
        raise arg_error(fn, "x", "an array of 3 dimensions (height, width, channels)", array)
    try:
        from PIL import Image  # noqa: F401 - Keras needs it to write images
    except ImportError:
        raise RKerasError("writing images needs the Python package Pillow (pip install pillow)", fn=fn) \
            from None
    with atomic_target(Path(target)) as tmp:
        keras().utils.save_img(str(tmp), array, data_format=data_format,
                               file_format=file_format or target.suffix.lstrip(".").replace("jpg", "jpeg"),
                               scale=scale, **kwargs)
    return str(target)
