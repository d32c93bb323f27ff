"""keras 2.x's image data generators (``image_data_generator()``, ``fit_image_data_generator()``,
``flow_images_from_data()``, ``flow_images_from_directory()``, ``flow_images_from_dataframe()``).

Built on Keras 3's own copy of keras 2.x's implementation (``keras.src.legacy.preprocessing.image``:
the same random transforms through ``scipy.ndimage``, the same featurewise statistics and ZCA
whitening, the same directory and data-frame iterators), with keras 2.x's R arguments checked
here. A flow is an iterator of batches (``generator_next()``) and a sequence of them, read by
``fit_generator()``/``fit()`` on R's main thread, so an R ``preprocessing_function`` runs there.

Importing this module does not import Keras.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error, describe
from .pipe import unwrap

_CLASS_MODES = ("categorical", "binary", "sparse", "input", "raw", "multi_output")
_COLOR_MODES = ("grayscale", "rgb", "rgba")
_FILL_MODES = ("constant", "nearest", "reflect", "wrap")


def _legacy() -> Any:
    from ._keras import keras

    keras()
    from keras.src.legacy.preprocessing import image

    return image


def is_flow(value: Any) -> bool:
    """An iterator from ``flow_images_from_*()`` (Keras's legacy image ``Iterator``)."""
    import sys

    module = sys.modules.get("keras.src.legacy.preprocessing.image")
    return module is not None and isinstance(value, module.Iterator)


def _range(fn: str, arg: str, value: Any, *, pair: bool = False) -> Any:
    """A number (a fraction of the size, pixels, degrees...), or a pair ``c(lower, upper)`` where
    keras 2.x took one; R's length-1 vectors arrive as numbers."""
    if isinstance(value, np.ndarray):
        value = value.reshape(-1).tolist()
    if isinstance(value, (list, tuple)):
        if len(value) == 1:
            value = value[0]
        elif pair and len(value) == 2 and all(isinstance(v, numbers.Real) and not isinstance(v, bool)
                                              for v in value):
            return [float(v) for v in value]
        elif arg in ("width_shift_range", "height_shift_range") and all(
                isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value):
            return [float(v) for v in value]  # keras 2.x: the allowed shifts, in pixels or fractions
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value != value:
        expected = "a number" + (" or a pair c(lower, upper)" if pair else "")
        raise arg_error(fn, arg, expected, value)
    return int(value) if isinstance(value, float) and value.is_integer() and arg.endswith("shift_range") \
        and value >= 1 else float(value)


class _RPreprocessing:
    """An R (or Python) ``preprocessing_function``: its result as a writable float array of the
    image's shape (an R array reaches Python as a read-only view of R's memory)."""

    def __init__(self, fn: Callable[[np.ndarray], Any]) -> None:
        self.fn = fn

    def __call__(self, x: np.ndarray) -> np.ndarray:
        out = np.array(self.fn(x), dtype=x.dtype)
        if out.shape != x.shape:
            if out.size == x.size:
                out = out.reshape(x.shape)
            else:
                raise RKerasError(f"`preprocessing_function` must return an image of shape {x.shape}, got "
                                  f"{describe(out)}", fn="image_data_generator", arg="preprocessing_function")
        return out


def image_data_generator(
    featurewise_center: bool = False,
    samplewise_center: bool = False,
    featurewise_std_normalization: bool = False,
    samplewise_std_normalization: bool = False,
    zca_whitening: bool = False,
    zca_epsilon: float = 1e-06,
    rotation_range: Any = 0.0,
    width_shift_range: Any = 0.0,
    height_shift_range: Any = 0.0,
    brightness_range: Any = None,
    shear_range: Any = 0.0,
    zoom_range: Any = 0.0,
    channel_shift_range: Any = 0.0,
    fill_mode: str = "nearest",
    cval: Any = 0.0,
    horizontal_flip: bool = False,
    vertical_flip: bool = False,
    rescale: Any = None,
    preprocessing_function: Any = None,
    data_format: Any = None,
    validation_split: Any = 0.0,
) -> Any:
    """A generator of augmented image batches (keras 2.x's ``ImageDataGenerator``).

    Each image a flow yields is transformed at random (rotation, shifts, shear, zoom, channel shift,
    flips, brightness), then ``preprocessing_function`` is applied, then it is standardized
    (``rescale``, sample-wise and feature-wise centering and scaling, ZCA whitening; feature-wise
    statistics come from ``fit_image_data_generator()``).

    Args:
        featurewise_center: Subtract the data set's mean (per channel).
        samplewise_center: Subtract each image's mean.
        featurewise_std_normalization: Divide by the data set's standard deviation (per channel).
        samplewise_std_normalization: Divide each image by its standard deviation.
        zca_whitening: Apply ZCA whitening (learnt by ``fit_image_data_generator()``).
        zca_epsilon: Epsilon of the ZCA whitening.
        rotation_range: Degrees of random rotation (from ``-rotation_range`` to ``rotation_range``).
        width_shift_range: Horizontal shift: a fraction of the width (< 1), pixels (>= 1), or a
            vector of allowed shifts.
        height_shift_range: Vertical shift, as ``width_shift_range``.
        brightness_range: ``NULL`` or ``c(lower, upper)``: a random brightness factor.
        shear_range: Shear angle, in degrees, counter-clockwise.
        zoom_range: A number ``z`` (zoom in ``[1 - z, 1 + z]``) or ``c(lower, upper)``.
        channel_shift_range: Range of random channel shifts.
        fill_mode: How points outside the image are filled: "constant", "nearest", "reflect" or
            "wrap".
        cval: The fill value for ``fill_mode = "constant"``.
        horizontal_flip: Flip half of the images horizontally, at random.
        vertical_flip: Flip half of the images vertically, at random.
        rescale: ``NULL`` or a factor every image is multiplied by (before any other standardization).
        preprocessing_function: ``NULL`` or a function of one image (a 3-d array) returning an array
            of the same shape, applied after the augmentation.
        data_format: ``"channels_last"`` or ``"channels_first"`` (``NULL``: Keras's setting).
        validation_split: The fraction of images kept for ``subset = "validation"``.

    Returns:
        An image data generator, for ``flow_images_from_*()``.
    """
    fn = "image_data_generator"
    if fill_mode not in _FILL_MODES:
        raise arg_error(fn, "fill_mode", "one of " + ", ".join(f'"{m}"' for m in _FILL_MODES), fill_mode)
    if data_format not in (None, "channels_last", "channels_first"):
        raise arg_error(fn, "data_format", '"channels_last", "channels_first" or NULL', data_format)
    split = _range(fn, "validation_split", validation_split)
    if not 0 <= split < 1:
        raise arg_error(fn, "validation_split", "a fraction in [0, 1)", validation_split)
    if brightness_range is not None:
        brightness_range = _range(fn, "brightness_range", brightness_range, pair=True)
        if not isinstance(brightness_range, list):
            raise arg_error(fn, "brightness_range", "NULL or a pair c(lower, upper)", brightness_range)
    if rescale is not None:
        rescale = _range(fn, "rescale", rescale)
    pre = unwrap(preprocessing_function)
    if pre is not None:
        if not callable(pre):
            raise arg_error(fn, "preprocessing_function", "NULL or a function of one image", pre)
        pre = _RPreprocessing(pre)
    return _legacy().ImageDataGenerator(
        featurewise_center=bool(featurewise_center),
        samplewise_center=bool(samplewise_center),
        featurewise_std_normalization=bool(featurewise_std_normalization),
        samplewise_std_normalization=bool(samplewise_std_normalization),
        zca_whitening=bool(zca_whitening),
        zca_epsilon=float(zca_epsilon),
        rotation_range=_range(fn, "rotation_range", rotation_range),
        width_shift_range=_range(fn, "width_shift_range", width_shift_range),
        height_shift_range=_range(fn, "height_shift_range", height_shift_range),
        brightness_range=brightness_range,
        shear_range=_range(fn, "shear_range", shear_range),
        zoom_range=_range(fn, "zoom_range", zoom_range, pair=True),
        channel_shift_range=_range(fn, "channel_shift_range", channel_shift_range),
        fill_mode=fill_mode,
        cval=_range(fn, "cval", cval),
        horizontal_flip=bool(horizontal_flip),
        vertical_flip=bool(vertical_flip),
        rescale=rescale,
        preprocessing_function=pre,
        data_format=data_format,
        validation_split=split,
    )


def _generator_arg(fn: str, generator: Any) -> Any:
    generator = unwrap(generator)
    if generator is None:
        return image_data_generator()
    if not isinstance(generator, _legacy().ImageDataGenerator):
        raise arg_error(fn, "generator", "an image data generator from image_data_generator()", generator)
    return generator


def _images(fn: str, arg: str, x: Any) -> np.ndarray:
    from .models import as_input_data

    x = as_input_data(x)
    if not isinstance(x, np.ndarray) or x.ndim != 4:
        raise arg_error(fn, arg, "a 4-d array of images (samples, height, width, channels)", x)
    return np.array(x, dtype="float32")  # writable: the transforms work in place


def fit_image_data_generator(
    object: Any,  # noqa: A002 - R's argument name
    x: Any,
    augment: bool = False,
    rounds: Any = 1,
    seed: Any = None,
) -> Any:
    """Compute the feature-wise statistics an image data generator needs (keras 2.x): the mean,
    standard deviation and ZCA whitening matrix of ``x`` (changes the generator in place).

    Args:
        object: An image data generator.
        x: A 4-d array of sample images.
        augment: Whether to compute them on randomly augmented copies of the images.
        rounds: With ``augment``, how many augmented copies of each image.
        seed: ``NULL`` or a whole number seeding the augmentation.

    Returns:
        The generator, invisibly.
    """
    fn = "fit_image_data_generator"
    gen = _generator_arg(fn, object)
    rounds = _count(fn, "rounds", rounds)
    gen.fit(_images(fn, "x", x), augment=bool(augment), rounds=rounds, seed=_seed(fn, seed))
    return gen


def _subset(fn: str, subset: Any) -> Any:
    if subset not in (None, "training", "validation"):
        raise arg_error(fn, "subset", '"training", "validation" or NULL', subset)
    return subset


def _target_size(fn: str, value: Any) -> tuple[int, int]:
    items = list(np.asarray(value).reshape(-1).tolist()) if value is not None else []
    if len(items) != 2 or any(isinstance(v, bool) or not isinstance(v, numbers.Real) or v < 1 or v != int(v)
                              for v in items):
        raise arg_error(fn, "target_size", "c(height, width) in pixels", value)
    return int(items[0]), int(items[1])


def _choice(fn: str, arg: str, value: Any, choices: tuple[str, ...], allow_none: bool = False) -> Any:
    if value is None and allow_none:
        return None
    if value not in choices:
        expected = "one of " + ", ".join(f'"{c}"' for c in choices) + (" or NULL" if allow_none else "")
        raise arg_error(fn, arg, expected, value)
    return value


def _classes(fn: str, classes: Any) -> Any:
    if classes is None:
        return None
    if isinstance(classes, str):
        return [classes]
    if isinstance(classes, (list, tuple)) and all(isinstance(c, str) for c in classes):
        return list(classes)
    raise arg_error(fn, "classes", "NULL or a character vector of class (sub-folder) names", classes)


def flow_images_from_data(
    x: Any,
    y: Any = None,
    generator: Any = None,
    batch_size: Any = 32,
    shuffle: bool = True,
    sample_weight: Any = None,
    seed: Any = None,
    save_to_dir: Any = None,
    save_prefix: str = "",
    save_format: str = "png",
    subset: Any = None,
) -> Any:
    """Batches of augmented images from arrays (keras 2.x).

    Args:
        x: A 4-d array of images (samples, height, width, channels).
        y: ``NULL`` or the labels (one per image).
        generator: An image data generator (``image_data_generator()`` by default).
        batch_size: Images per batch.
        shuffle: Whether to shuffle the images (every pass).
        sample_weight: ``NULL`` or a weight per image.
        seed: ``NULL`` or a whole number: the shuffles and transforms are the same each run.
        save_to_dir: ``NULL`` or a folder where each augmented image is also saved.
        save_prefix: The saved files' name prefix.
        save_format: The saved files' format ("png" or "jpeg").
        subset: ``NULL``, ``"training"`` or ``"validation"`` (with the generator's ``validation_split``).

    Returns:
        An iterator of ``list(x, y)`` batches (``list(x)`` without ``y``; ``list(x, y, sample_weight)``
        with weights) for ``generator_next()``, ``fit_generator()`` and ``fit()``.
    """
    from .models import as_input_data

    fn = "flow_images_from_data"
    gen = _generator_arg(fn, generator)
    images = _images(fn, "x", x)
    labels = None if y is None else np.asarray(as_input_data(y))
    if labels is not None and len(labels) != len(images):
        raise RKerasError(f"`x` has {len(images)} images but `y` has {len(labels)} labels", fn=fn, arg="y")
    return gen.flow(images, labels, batch_size=_count(fn, "batch_size", batch_size), shuffle=bool(shuffle),
                    sample_weight=None if sample_weight is None else np.asarray(as_input_data(sample_weight)),
                    seed=_seed(fn, seed), save_to_dir=save_to_dir, save_prefix=save_prefix,
                    save_format=save_format, subset=_subset(fn, subset))


def _count(fn: str, arg: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or value < 1 or value != int(value):
        raise arg_error(fn, arg, "a whole number >= 1", value)
    return int(value)


def _seed(fn: str, seed: Any) -> Any:
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Real) or seed != int(seed) or seed < 0:
        raise arg_error(fn, "seed", "NULL or a whole number >= 0", seed)
    return int(seed)


def _folder(fn: str, directory: Any) -> str:
    import os

    if not isinstance(directory, str) or not os.path.isdir(directory):
        raise arg_error(fn, "directory", "an existing folder", directory)
    return directory


def flow_images_from_directory(
    directory: Any,
    generator: Any = None,
    target_size: Any = (256, 256),
    color_mode: str = "rgb",
    classes: Any = None,
    class_mode: Any = "categorical",
    batch_size: Any = 32,
    shuffle: bool = True,
    seed: Any = None,
    save_to_dir: Any = None,
    save_prefix: str = "",
    save_format: str = "png",
    follow_links: bool = False,
    subset: Any = None,
    interpolation: str = "nearest",
) -> Any:
    """Batches of augmented images read from a folder with one sub-folder per class (keras 2.x).

    Classes are the sub-folders' names in alphabetical order (or ``classes``), numbered from 0.

    Args:
        directory: The folder; each sub-folder holds the images of one class.
        generator: An image data generator (``image_data_generator()`` by default).
        target_size: ``c(height, width)`` every image is resized to.
        color_mode: "grayscale", "rgb" or "rgba" (1, 3 or 4 channels).
        classes: ``NULL`` or the class sub-folders to use, in the order of their indices.
        class_mode: "categorical" (one-hot labels), "binary" (0/1), "sparse" (integer labels),
            "input" (the images themselves, for autoencoders) or ``NULL`` (no labels).
        batch_size: Images per batch.
        shuffle: Whether to shuffle the images.
        seed: ``NULL`` or a whole number for the shuffles and transforms.
        save_to_dir: ``NULL`` or a folder where each augmented image is also saved.
        save_prefix: The saved files' name prefix.
        save_format: The saved files' format ("png" or "jpeg").
        follow_links: Whether to follow symbolic links to sub-folders.
        subset: ``NULL``, ``"training"`` or ``"validation"`` (with the generator's ``validation_split``).
        interpolation: How images are resized: "nearest", "bilinear", "bicubic", ...

    Returns:
        An iterator of ``list(x, y)`` batches (with ``class_indices``, ``classes`` and ``filenames``
        fields).
    """
    fn = "flow_images_from_directory"
    gen = _generator_arg(fn, generator)
    return gen.flow_from_directory(
        _folder(fn, directory), target_size=_target_size(fn, target_size),
        color_mode=_choice(fn, "color_mode", color_mode, _COLOR_MODES), classes=_classes(fn, classes),
        class_mode=_choice(fn, "class_mode", class_mode, _CLASS_MODES[:4], allow_none=True),
        batch_size=_count(fn, "batch_size", batch_size), shuffle=bool(shuffle), seed=_seed(fn, seed),
        save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
        follow_links=bool(follow_links), subset=_subset(fn, subset), interpolation=interpolation)


def flow_images_from_dataframe(
    dataframe: Any,
    directory: Any = None,
    x_col: str = "filename",
    y_col: Any = "class",
    generator: Any = None,
    target_size: Any = (256, 256),
    color_mode: str = "rgb",
    classes: Any = None,
    class_mode: Any = "categorical",
    batch_size: Any = 32,
    shuffle: bool = True,
    seed: Any = None,
    save_to_dir: Any = None,
    save_prefix: str = "",
    save_format: str = "png",
    subset: Any = None,
    interpolation: str = "nearest",
    drop_duplicates: Any = None,
) -> Any:
    """Batches of augmented images whose files and labels a data frame lists (keras 2.x).

    Args:
        dataframe: A data frame with a column of file names (``x_col``) and one of labels
            (``y_col``).
        directory: ``NULL`` (the file names are paths) or the folder they are in.
        x_col: The column of file names.
        y_col: The column(s) of labels (class names for "categorical"/"binary"/"sparse", numbers
            for "raw").
        generator: An image data generator (``image_data_generator()`` by default).
        target_size: ``c(height, width)`` every image is resized to.
        color_mode: "grayscale", "rgb" or "rgba".
        classes: ``NULL`` or the classes to use, in the order of their indices.
        class_mode: "categorical", "binary", "sparse", "input", "raw", "multi_output" or ``NULL``.
        batch_size: Images per batch.
        shuffle: Whether to shuffle the images.
        seed: ``NULL`` or a whole number for the shuffles and transforms.
        save_to_dir: ``NULL`` or a folder where each augmented image is also saved.
        save_prefix: The saved files' name prefix.
        save_format: The saved files' format ("png" or "jpeg").
        subset: ``NULL``, ``"training"`` or ``"validation"`` (with the generator's ``validation_split``).
        interpolation: How images are resized: "nearest", "bilinear", "bicubic", ...
        drop_duplicates: Ignored (deprecated in keras 2.x; duplicates are kept).

    Returns:
        An iterator of ``list(x, y)`` batches.
    """
    import pandas as pd

    fn = "flow_images_from_dataframe"
    if not isinstance(dataframe, pd.DataFrame):
        raise arg_error(fn, "dataframe", "a data frame", dataframe)
    if x_col not in dataframe.columns:
        raise RKerasError(f"`x_col` {x_col!r} is not a column of the data frame (columns: "
                          f"{', '.join(map(str, dataframe.columns))})", fn=fn, arg="x_col")
    frame = dataframe.copy()
    if class_mode in ("categorical", "binary", "sparse") and isinstance(y_col, str) and y_col in frame:
        frame[y_col] = frame[y_col].astype(str)  # R factors / numbers as class names, as keras 2.x
    gen = _generator_arg(fn, generator)
    return gen.flow_from_dataframe(
        frame, directory=None if directory is None else _folder(fn, directory), x_col=x_col, y_col=y_col,
        target_size=_target_size(fn, target_size),
        color_mode=_choice(fn, "color_mode", color_mode, _COLOR_MODES), classes=_classes(fn, classes),
        class_mode=_choice(fn, "class_mode", class_mode, _CLASS_MODES, allow_none=True),
        batch_size=_count(fn, "batch_size", batch_size), shuffle=bool(shuffle), seed=_seed(fn, seed),
        save_to_dir=save_to_dir, save_prefix=save_prefix, save_format=save_format,
        subset=_subset(fn, subset), interpolation=interpolation)
