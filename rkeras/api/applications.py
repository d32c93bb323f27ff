"""kerasR's pre-trained ImageNet models and image helpers, on Keras 3.

``InceptionV3()``, ``ResNet50()``, ``VGG16()``, ``VGG19()`` and
``Xception()`` build ``keras.applications`` models; ``preprocess_input()``
and ``decode_predictions()`` go with them; ``load_img()``,
``img_to_array()`` and ``expand_dims()`` turn an image file into a batch.

Files (ImageNet weights, the class index) are looked up in the Keras cache,
``$KERAS_HOME/models/<file>`` (``KERAS_HOME`` defaults to ``~/.keras``),
and only a file that is absent is downloaded there, with
``keras.utils.get_file``. Keras's own loaders re-download a cached file
whose hash they do not know; these never replace or delete a file a user
put there. Offline, a missing file is an :class:`~rkeras.errors.RKerasError`
that names it and where to put it. ``weights`` also takes the path of a
weights file, or ``None`` (R's ``NULL``) for random weights.

Importing this module imports neither TensorFlow nor Keras.
"""

from __future__ import annotations

import numbers
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error
from ._keras import keras as _keras
from .args import as_whole

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/"
_CLASS_INDEX = (
    "imagenet_class_index.json",
    "https://storage.googleapis.com/download.tensorflow.org/data/imagenet_class_index.json",
    "c2c37ea517e94d9795004a39431a14cb",
)

# kerasR model name -> (keras.applications module, default image size,
#   (weights file with top, its hash), (weights file without top, its hash)); as in Keras 3.
_MODELS: dict[str, tuple[str, int, tuple[str, str], tuple[str, str]]] = {
    "Xception": (
        "xception",
        299,
        ("xception/xception_weights_tf_dim_ordering_tf_kernels.h5", "0a58e3b7378bc2990ea3b43d5981f1f6"),
        ("xception/xception_weights_tf_dim_ordering_tf_kernels_notop.h5", "b0042744bf5b25fce3cb969f33bebb97"),
    ),
    "VGG16": (
        "vgg16",
        224,
        ("vgg16/vgg16_weights_tf_dim_ordering_tf_kernels.h5", "64373286793e3c8b2b4e3219cbf3544b"),
        ("vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5", "6d6bbae143d832006294945121d1f1fc"),
    ),
    "VGG19": (
        "vgg19",
        224,
        ("vgg19/vgg19_weights_tf_dim_ordering_tf_kernels.h5", "cbe5617147190e668d6c5d5026f83318"),
        ("vgg19/vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5", "253f8cb515780f3b799900260a226db6"),
    ),
    "ResNet50": (
        "resnet50",
        224,
        ("resnet/resnet50_weights_tf_dim_ordering_tf_kernels.h5", "2cb95161c43110f7111970584f804107"),
        ("resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5", "4d473c1dd8becc155b73f8504c6f6626"),
    ),
    "InceptionV3": (
        "inception_v3",
        299,
        (
            "inception_v3/inception_v3_weights_tf_dim_ordering_tf_kernels.h5",
            "9a0d58056eeedaa3f26cb7ebd46da564",
        ),
        (
            "inception_v3/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5",
            "bcbd6486424b2319ff4ef7d526e38f63",
        ),
    ),
}
# kerasR's `model = c("Xception", "VGG16", "VGG19", "ResNet50", "InceptionV3")` (match.arg: the first).
MODEL_NAMES = ("Xception", "VGG16", "VGG19", "ResNet50", "InceptionV3")


# --------------------------------------------------------------------------- files


def _keras_home() -> Path:
    from .datasets import _keras_home as home

    return home()


def _cache_dirs() -> list[Path]:
    """``$KERAS_HOME/models``, plus the ``/tmp/.keras/models`` fallback get_file uses when it is read-only."""
    home = _keras_home()
    dirs = [home / "models"]
    fallback = Path("/tmp/.keras/models")
    if fallback != dirs[0] and home.exists() and not os.access(home, os.W_OK):
        dirs.append(fallback)
    return dirs


def _download(fname: str, origin: str, file_hash: str | None, cache_dir: Path) -> Path:
    """Download ``origin`` to ``cache_dir/models/fname`` (only called when that file is absent;
    tests monkeypatch this function)."""
    from keras.utils import get_file  # lazy: imports TensorFlow

    return Path(
        get_file(fname, origin=origin, file_hash=file_hash, cache_dir=str(cache_dir), cache_subdir="models")
    )


def _cached_file(fn: str, arg: str, fname: str, origin: str, file_hash: str | None, what: str) -> Path:
    """The local copy of ``fname``: found in the Keras cache, or downloaded into it."""
    for folder in _cache_dirs():
        if (folder / fname).is_file():
            return folder / fname
    home = _keras_home()
    target = home / "models" / fname
    try:
        got = _download(fname, origin, file_hash, home)
    except Exception as exc:  # noqa: BLE001 - any failure becomes one clear message
        if target.is_file():  # our own failed download (it was absent a moment ago)
            target.unlink()
        raise RKerasError(
            f"{what} {fname} is not in the Keras cache ({home / 'models'}) and downloading it from "
            f"{origin} failed ({type(exc).__name__}: {exc}). Download it and put it at {target} "
            "(set KERAS_HOME to use another cache folder)"
            + (
                ", or pass `weights` = the path of the file, or NULL for random weights"
                if arg == "weights"
                else ""
            ),
            fn=fn,
            arg=arg,
        ) from exc
    return Path(got)


# --------------------------------------------------------------------------- models


def _whole(fn: str, arg: str, value: Any, minimum: int) -> int:
    n = as_whole(value, fn=fn, arg=arg, expected=f"a whole number >= {minimum}")
    if n < minimum:
        raise arg_error(fn, arg, f"a whole number >= {minimum}", value)
    return n


def _application(
    fn: str,
    include_top: Any,
    weights: Any,
    input_tensor: Any,
    input_shape: Any,
    pooling: Any,
    classes: Any,
    kwargs: dict[str, Any],
) -> Any:
    module, size, top, notop = _MODELS[fn]
    if not isinstance(include_top, (bool, np.bool_)):
        raise arg_error(fn, "include_top", "TRUE or FALSE", include_top)
    include_top = bool(include_top)
    classes = _whole(fn, "classes", classes, 1)
    if pooling not in (None, "avg", "max"):
        raise arg_error(fn, "pooling", 'NULL, "avg" or "max"', pooling)
    build = getattr(_keras().applications, fn)
    args = dict(
        include_top=include_top,
        input_tensor=input_tensor,
        input_shape=input_shape,
        pooling=pooling,
        classes=classes,
        **kwargs,
    )
    if weights is None:
        return build(weights=None, **args)
    if isinstance(weights, os.PathLike) or (isinstance(weights, str) and weights != "imagenet"):
        path = Path(os.fspath(weights)).expanduser()
        if not path.is_file():
            raise RKerasError(
                f'`weights` must be "imagenet", NULL or the path of a weights file; {str(weights)!r} '
                "does not exist",
                fn=fn,
                arg="weights",
            )
        return build(weights=str(path), **args)
    if weights != "imagenet":
        raise arg_error(
            fn, "weights", '"imagenet", NULL (random weights) or the path of a weights file', weights
        )
    # ImageNet: Keras's own checks, then the cached file (never re-downloaded over).
    if include_top and classes != 1000:
        raise arg_error(
            fn, "classes", 'the default 1000 with weights = "imagenet" and include_top = TRUE', classes
        )
    if include_top and input_shape is not None and tuple(input_shape) != (size, size, 3):
        raise arg_error(
            fn,
            "input_shape",
            f'NULL or c({size}, {size}, 3) with weights = "imagenet" and include_top = TRUE',
            input_shape,
        )
    if input_shape is not None and (len(tuple(input_shape)) != 3 or tuple(input_shape)[-1] != 3):
        raise arg_error(fn, "input_shape", 'c(height, width, 3) with weights = "imagenet"', input_shape)
    fname, file_hash = top if include_top else notop
    path = _cached_file(
        fn, "weights", Path(fname).name, _BASE + fname, file_hash, "the ImageNet weights file"
    )
    model = build(weights=None, **args)
    try:
        model.load_weights(str(path))
    except Exception as exc:  # noqa: BLE001
        raise RKerasError(
            f"cannot load the ImageNet weights from {path} ({type(exc).__name__}: {exc}); the file may be "
            "incomplete: replace it with a fresh download",
            fn=fn,
            arg="weights",
        ) from exc
    return model


def _application_function(name: str, size: int) -> Callable[..., Any]:
    """kerasR's constructor for one ImageNet model (same signature for all five)."""

    def build(
        include_top: bool = True,
        weights: Any = "imagenet",
        input_tensor: Any = None,
        input_shape: Any = None,
        pooling: Any = None,
        classes: int = 1000,
        **kwargs: Any,
    ) -> Any:
        return _application(name, include_top, weights, input_tensor, input_shape, pooling, classes, kwargs)

    build.__name__ = build.__qualname__ = name
    build.__doc__ = f'{name} ({size} x {size} images); ``weights``: "imagenet", ``None`` or a weights file.'
    return build


Xception = _application_function("Xception", 299)
VGG16 = _application_function("VGG16", 224)
VGG19 = _application_function("VGG19", 224)
ResNet50 = _application_function("ResNet50", 224)
InceptionV3 = _application_function("InceptionV3", 299)


# --------------------------------------------------------------------------- pre/post-processing


def _match_model(fn: str, model: Any) -> str:
    """R's ``match.arg(model)``: the default vector means its first name; a unique prefix matches."""
    if isinstance(model, (list, tuple, np.ndarray)):
        names = [str(m) for m in np.asarray(model).reshape(-1).tolist()]
        if names == list(MODEL_NAMES):
            return MODEL_NAMES[0]
        if len(names) == 1:
            model = names[0]
    expected = "one of " + ", ".join(f'"{n}"' for n in MODEL_NAMES)
    if not isinstance(model, str):
        raise arg_error(fn, "model", expected, model)
    if model in MODEL_NAMES:
        return model
    matches = [n for n in MODEL_NAMES if n.startswith(model)] if model else []
    if len(matches) == 1:
        return matches[0]
    raise arg_error(fn, "model", expected, model)


def preprocess_input(img: Any, model: Any = MODEL_NAMES) -> np.ndarray:
    """Prepare an image batch (``(n, height, width, 3)``, values 0-255) for ``model``: scaled to
    [-1, 1] for Xception and InceptionV3, BGR minus the ImageNet means for VGG16/VGG19/ResNet50.
    ``img`` is not modified."""
    fn = "preprocess_input"
    name = _match_model(fn, model)
    x = np.array(img, dtype="float32", copy=True)
    if x.ndim < 3 or x.shape[-1] != 3:
        raise arg_error(fn, "img", "an image array with 3 colour channels last, e.g. (1, 224, 224, 3)", img)
    module = getattr(_keras().applications, _MODELS[name][0])
    return np.asarray(module.preprocess_input(x))


def _class_index() -> dict[str, list[str]]:
    import json

    fname, origin, file_hash = _CLASS_INDEX
    path = _cached_file("decode_predictions", "pred", fname, origin, file_hash, "the ImageNet class index")
    try:
        with open(path, encoding="utf-8") as f:
            index = json.load(f)
        if not isinstance(index, dict) or not index:
            raise ValueError("not a JSON object of class -> [id, name]")
        return {str(k): list(v) for k, v in index.items()}
    except (OSError, ValueError, TypeError) as exc:
        raise RKerasError(
            f"cannot read the ImageNet class index {path} ({exc})", fn="decode_predictions"
        ) from exc


def decode_predictions(
    pred: Any, model: Any = MODEL_NAMES, top: int = 5
) -> list[list[tuple[str, str, float]]]:
    """The ``top`` most likely ImageNet classes of each row of ``pred``: for each image a list of
    ``(class_id, class_name, score)``, best first (R: ``unlist()`` gives id, name, score, ...)."""
    fn = "decode_predictions"
    _match_model(fn, model)  # every model predicts the same 1000 ImageNet classes
    top = _whole(fn, "top", top, 1)
    preds = np.asarray(pred)
    if preds.ndim != 2:
        raise arg_error(fn, "pred", "a matrix of predictions, one row per image (n, 1000)", pred)
    index = _class_index()
    if preds.shape[1] != len(index):
        raise arg_error(fn, "pred", f"a matrix with one column per ImageNet class ({len(index)})", pred)
    results = []
    for row in preds:
        best = row.argsort()[-top:][::-1]
        result = [(str(index[str(i)][0]), str(index[str(i)][1]), float(row[i])) for i in best]
        result.sort(key=lambda r: r[2], reverse=True)
        results.append(result)
    return results


# --------------------------------------------------------------------------- images


def _target_size(fn: str, target_size: Any) -> tuple[int, int] | None:
    if target_size is None:
        return None
    values = (
        np.asarray(target_size).reshape(-1).tolist() if not isinstance(target_size, str) else [target_size]
    )
    expected = "NULL or two whole numbers c(height, width)"
    if len(values) != 2:
        raise arg_error(fn, "target_size", expected, target_size)
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not float(v).is_integer() or v < 1:
            raise arg_error(fn, "target_size", expected, target_size)
        out.append(int(v))
    return out[0], out[1]


def load_img(path: Any, grayscale: bool = False, target_size: Any = None) -> Any:
    """An image file as a PIL image, in colour (RGB) or ``grayscale``, resized to
    ``target_size = c(height, width)`` when given. Needs the Python package pillow."""
    fn = "load_img"
    if isinstance(path, (list, tuple)) and len(path) == 1:
        path = path[0]
    if not isinstance(path, (str, os.PathLike)):
        raise arg_error(fn, "path", "the path of an image file", path)
    if not Path(os.fspath(path)).expanduser().is_file():
        raise RKerasError(f"`path` {os.fspath(path)!r} does not exist", fn=fn, arg="path")
    size = _target_size(fn, target_size)
    if not isinstance(grayscale, (bool, np.bool_)):
        raise arg_error(fn, "grayscale", "TRUE or FALSE", grayscale)
    try:
        import PIL  # noqa: F401
    except ImportError as exc:
        raise RKerasError(
            "loading images needs the Python package pillow (pip install pillow)", fn=fn
        ) from exc
    try:
        return _keras().utils.load_img(
            str(Path(os.fspath(path)).expanduser()),
            color_mode="grayscale" if grayscale else "rgb",
            target_size=size,
        )
    except OSError as exc:
        raise RKerasError(f"cannot read {os.fspath(path)!r} as an image ({exc})", fn=fn, arg="path") from exc


def img_to_array(img: Any, data_format: Any = None) -> np.ndarray:
    """A PIL image as a float32 array ``(height, width, channels)`` (``data_format`` "channels_last",
    the default, or "channels_first")."""
    fn = "img_to_array"
    if data_format not in (None, "channels_last", "channels_first"):
        raise arg_error(fn, "data_format", 'NULL, "channels_last" or "channels_first"', data_format)
    return np.asarray(_keras().utils.img_to_array(img, data_format=data_format))


def expand_dims(a: Any, axis: int = 0) -> np.ndarray:
    """``a`` with a new axis of length 1 at ``axis``, **0-based** as in numpy (kerasR passed it raw):
    ``expand_dims(x, axis = 0)`` makes one image a batch of one."""
    fn = "expand_dims"
    arr = np.asarray(a)
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise arg_error(fn, "axis", "a whole number (0-based; negative counts from the end)", axis)
    if not -(arr.ndim + 1) <= axis <= arr.ndim:
        raise arg_error(
            fn,
            "axis",
            f"a 0-based axis in {-(arr.ndim + 1)}..{arr.ndim} for an array of {arr.ndim} dimension(s)",
            axis,
        )
    return np.expand_dims(arr, int(axis))
