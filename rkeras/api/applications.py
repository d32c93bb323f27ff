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

import contextlib
import inspect
import numbers
import os
import threading
import warnings
from collections.abc import Callable, Iterator
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
    """``$RKERAS_DATA_DIR/models`` and ``$RKERAS_DATA_DIR`` when set, ``$KERAS_HOME/models``, plus
    the ``/tmp/.keras/models`` fallback get_file uses when that is read-only."""
    from .datasets import _data_dir

    data_dir, _ = _data_dir()
    home = _keras_home()
    dirs = ([data_dir / "models", data_dir] if data_dir is not None else []) + [home / "models"]
    fallback = Path("/tmp/.keras/models")
    if fallback not in dirs and home.exists() and not os.access(home, os.W_OK):
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
            "or in $RKERAS_DATA_DIR/models (set KERAS_HOME to use another cache folder)"
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


def _class_index(fn: str = "decode_predictions", arg: str = "pred") -> dict[str, list[str]]:
    import json

    fname, origin, file_hash = _CLASS_INDEX
    path = _cached_file(fn, arg, fname, origin, file_hash, "the ImageNet class index")
    try:
        with open(path, encoding="utf-8") as f:
            index = json.load(f)
        if not isinstance(index, dict) or not index:
            raise ValueError("not a JSON object of class -> [id, name]")
        return {str(k): list(v) for k, v in index.items()}
    except (OSError, ValueError, TypeError) as exc:
        raise RKerasError(f"cannot read the ImageNet class index {path} ({exc})", fn=fn) from exc


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


# --------------------------------------------------------------------------- keras3's application_*()

_KERAS3_LOCK = threading.Lock()


@contextlib.contextmanager
def _local_files(fn: str) -> Iterator[None]:
    """Keras's application code as it is, with its ``get_file`` looking in ``$RKERAS_DATA_DIR`` and
    the Keras cache first (a file there is used as it is, never downloaded over) and failing
    offline with an error that names the missing file and where to put it."""
    from keras.src.utils import file_utils  # lazy: imports TensorFlow

    real = file_utils.get_file

    def get_file(fname: Any = None, origin: Any = None, *args: Any, **kwargs: Any) -> str:
        if kwargs.get("cache_subdir", "datasets") != "models" or args or not fname or not origin:
            return real(fname, origin, *args, **kwargs)
        what = "the ImageNet class index" if fname == _CLASS_INDEX[0] else "the ImageNet weights file"
        arg = "preds" if fname == _CLASS_INDEX[0] else "weights"
        return str(_cached_file(fn, arg, str(fname), str(origin), kwargs.get("file_hash"), what))

    with _KERAS3_LOCK:
        file_utils.get_file = get_file
        try:
            yield
        finally:
            file_utils.get_file = real


class Keras3Application:
    """keras3's ``application_<model>()``: ``keras.applications.<Class>`` with Keras's own
    signature (introspected on first use), R's shapes and whole numbers (the builder's converters),
    ImageNet files found locally first; the model remembers its ``keras.applications`` module
    for ``application_preprocess_inputs()`` and ``application_decode_predictions()``."""

    def __init__(self, name: str, keras_name: str, module: str, deprecated_for: str | None = None) -> None:
        self.__name__ = self.__qualname__ = name
        self.keras_name = keras_name
        self.module = module
        self.deprecated_for = deprecated_for
        self.__doc__ = f"keras.applications.{keras_name} (keras3's {name}())"

    def _keras(self) -> Any:
        return getattr(_keras().applications, self.keras_name)

    @property
    def __signature__(self) -> inspect.Signature:
        return inspect.signature(self._keras())

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.deprecated_for is not None:
            warnings.warn(f"{self.__name__}() is deprecated, use {self.deprecated_for}()", UserWarning,
                          stacklevel=3)
        weights = kwargs.get("weights", "imagenet")
        if isinstance(weights, os.PathLike):
            kwargs["weights"] = os.fspath(weights)
        elif (
            isinstance(weights, str) and weights != "imagenet" and not Path(weights).expanduser().is_file()
        ):
            raise RKerasError(
                f'`weights` must be "imagenet", NULL or the path of a weights file; {weights!r} does '
                "not exist",
                fn=self.__name__,
                arg="weights",
            )
        with _local_files(self.__name__):
            try:
                model = self._keras()(*args, **kwargs)
            except RKerasError:
                raise
            except ValueError as exc:
                raise RKerasError(str(exc), fn=self.__name__) from exc
        model._rkeras_application = self.module
        return model


# keras3 name, keras.applications class, its module
_KERAS3_MODELS = """
application_convnext_base ConvNeXtBase convnext
application_convnext_large ConvNeXtLarge convnext
application_convnext_small ConvNeXtSmall convnext
application_convnext_tiny ConvNeXtTiny convnext
application_convnext_xlarge ConvNeXtXLarge convnext
application_densenet121 DenseNet121 densenet
application_densenet169 DenseNet169 densenet
application_densenet201 DenseNet201 densenet
application_efficientnet_b0 EfficientNetB0 efficientnet
application_efficientnet_b1 EfficientNetB1 efficientnet
application_efficientnet_b2 EfficientNetB2 efficientnet
application_efficientnet_b3 EfficientNetB3 efficientnet
application_efficientnet_b4 EfficientNetB4 efficientnet
application_efficientnet_b5 EfficientNetB5 efficientnet
application_efficientnet_b6 EfficientNetB6 efficientnet
application_efficientnet_b7 EfficientNetB7 efficientnet
application_efficientnet_v2b0 EfficientNetV2B0 efficientnet_v2
application_efficientnet_v2b1 EfficientNetV2B1 efficientnet_v2
application_efficientnet_v2b2 EfficientNetV2B2 efficientnet_v2
application_efficientnet_v2b3 EfficientNetV2B3 efficientnet_v2
application_efficientnet_v2l EfficientNetV2L efficientnet_v2
application_efficientnet_v2m EfficientNetV2M efficientnet_v2
application_efficientnet_v2s EfficientNetV2S efficientnet_v2
application_inception_resnet_v2 InceptionResNetV2 inception_resnet_v2
application_inception_v3 InceptionV3 inception_v3
application_mobilenet MobileNet mobilenet
application_mobilenet_v2 MobileNetV2 mobilenet_v2
application_mobilenet_v3_large MobileNetV3Large mobilenet_v3
application_mobilenet_v3_small MobileNetV3Small mobilenet_v3
application_nasnet_large NASNetLarge nasnet
application_nasnet_mobile NASNetMobile nasnet
application_resnet101 ResNet101 resnet
application_resnet101_v2 ResNet101V2 resnet_v2
application_resnet152 ResNet152 resnet
application_resnet152_v2 ResNet152V2 resnet_v2
application_resnet50 ResNet50 resnet
application_resnet50_v2 ResNet50V2 resnet_v2
application_vgg16 VGG16 vgg16
application_vgg19 VGG19 vgg19
application_xception Xception xception
"""
KERAS3_MODELS: dict[str, Keras3Application] = {
    name: Keras3Application(name, cls, module)
    for name, cls, module in (line.split() for line in _KERAS3_MODELS.strip().splitlines())
}
# keras3's deprecated spellings
KERAS3_MODELS["application_nasnetlarge"] = Keras3Application(
    "application_nasnetlarge", "NASNetLarge", "nasnet", deprecated_for="application_nasnet_large"
)
KERAS3_MODELS["application_nasnetmobile"] = Keras3Application(
    "application_nasnetmobile", "NASNetMobile", "nasnet", deprecated_for="application_nasnet_mobile"
)
globals().update(KERAS3_MODELS)


def _application_module(fn: str, model: Any) -> Any:
    module = getattr(model, "_rkeras_application", None)
    if not isinstance(module, str):
        raise arg_error(fn, "model", "a model made by an application_*() function", model)
    return getattr(_keras().applications, module)


def _image_batch(fn: str, x: Any) -> np.ndarray:
    """A float32 copy (Keras preprocesses numpy arrays in place; an R array's view must not change)."""
    try:
        return np.array(x, dtype="float32", copy=True)
    except (TypeError, ValueError):
        raise arg_error(fn, "x", "a numeric image array, e.g. (n, height, width, 3)", x) from None


def application_preprocess_inputs(model: Any, x: Any, data_format: Any = None, **kwargs: Any) -> Any:
    """``x`` prepared for ``model`` (one of application_*()'s): its module's ``preprocess_input``."""
    fn = "application_preprocess_inputs"
    module = _application_module(fn, model)
    return np.asarray(module.preprocess_input(_image_batch(fn, x), data_format=data_format, **kwargs))


def _decoded(fn: str, preds: Any, top: Any) -> list[Any]:
    """For each row of ``preds``, a data frame of the ``top`` classes: class_name (the WordNet id),
    class_description, score, best first (keras3's imagenet_decode_predictions)."""
    import pandas as pd

    top = _whole(fn, "top", top, 1)
    values = np.asarray(preds)
    if values.ndim != 2:
        raise arg_error(fn, "preds", "a matrix of predictions, one row per image (n, 1000)", preds)
    index = _class_index(fn, "preds")
    if values.shape[1] != len(index):
        raise arg_error(fn, "preds", f"a matrix with one column per ImageNet class ({len(index)})", preds)
    frames = []
    for row in values:
        best = np.argsort(-row, kind="stable")[:top]
        frames.append(
            pd.DataFrame(
                {
                    "class_name": [str(index[str(i)][0]) for i in best],
                    "class_description": [str(index[str(i)][1]) for i in best],
                    "score": [float(row[i]) for i in best],
                }
            )
        )
    return frames


def application_decode_predictions(model: Any, preds: Any, top: Any = 5, **kwargs: Any) -> list[Any]:
    """The ``top`` ImageNet classes of each row of ``preds`` (``model``: one of application_*()'s)."""
    fn = "application_decode_predictions"
    _application_module(fn, model)  # every ImageNet model predicts the same 1000 classes
    if kwargs:
        raise RKerasError(f"unknown argument `{next(iter(kwargs))}`", fn=fn, arg=next(iter(kwargs)))
    return _decoded(fn, preds, top)


def imagenet_preprocess_input(x: Any, data_format: Any = None, mode: str = "caffe") -> Any:
    """``x`` prepared as ImageNet models expect: ``mode`` "caffe" (BGR minus the ImageNet means),
    "tf" (scaled to [-1, 1]) or "torch" (to [0, 1], then normalised per channel)."""
    fn = "imagenet_preprocess_input"
    if mode not in ("caffe", "tf", "torch"):
        raise arg_error(fn, "mode", '"caffe", "tf" or "torch"', mode)
    utils = _keras().applications.imagenet_utils
    return np.asarray(utils.preprocess_input(_image_batch(fn, x), data_format=data_format, mode=mode))


def imagenet_decode_predictions(preds: Any, top: Any = 5) -> list[Any]:
    """The ``top`` ImageNet classes of each row of ``preds``, one data frame per image."""
    return _decoded("imagenet_decode_predictions", preds, top)


# ---------------------------------------------------------------------- keras 2.x's per-application helpers


def _module_preprocess(fn: str, module: str, x: Any, **kwargs: Any) -> Any:
    """``keras.applications.<module>.preprocess_input`` on a float32 copy of ``x``."""
    return np.asarray(getattr(_keras().applications, module).preprocess_input(_image_batch(fn, x), **kwargs))


def resnet_preprocess_input(x: Any) -> Any:
    """Images prepared for the ResNet models (keras.applications.resnet: RGB to BGR, minus the
    ImageNet channel means).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("resnet_preprocess_input", "resnet", x)


def resnet_v2_preprocess_input(x: Any) -> Any:
    """Images prepared for the ResNetV2 models (keras.applications.resnet_v2: scaled to [-1, 1]).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("resnet_v2_preprocess_input", "resnet_v2", x)


def inception_v3_preprocess_input(x: Any) -> Any:
    """Images prepared for Inception V3 (keras.applications.inception_v3: scaled to [-1, 1]).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("inception_v3_preprocess_input", "inception_v3", x)


def inception_resnet_v2_preprocess_input(x: Any) -> Any:
    """Images prepared for Inception-ResNet V2 (keras.applications.inception_resnet_v2: scaled to [-1, 1]).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("inception_resnet_v2_preprocess_input", "inception_resnet_v2", x)


def xception_preprocess_input(x: Any) -> Any:
    """Images prepared for Xception (keras.applications.xception: scaled to [-1, 1]).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("xception_preprocess_input", "xception", x)


def mobilenet_preprocess_input(x: Any) -> Any:
    """Images prepared for MobileNet (keras.applications.mobilenet: scaled to [-1, 1]).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("mobilenet_preprocess_input", "mobilenet", x)


def mobilenet_v2_preprocess_input(x: Any) -> Any:
    """Images prepared for MobileNetV2 (keras.applications.mobilenet_v2: scaled to [-1, 1]).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("mobilenet_v2_preprocess_input", "mobilenet_v2", x)


def nasnet_preprocess_input(x: Any) -> Any:
    """Images prepared for the NASNet models (keras.applications.nasnet: scaled to [-1, 1]).

    Args:
        x: A batch of images, `(n, height, width, 3)`, values 0 to 255.
    """
    return _module_preprocess("nasnet_preprocess_input", "nasnet", x)


def densenet_preprocess_input(x: Any, data_format: Any = None) -> Any:
    """Images prepared for the DenseNet models (keras.applications.densenet: scaled to [0, 1], then
    normalised with the ImageNet channel means and deviations).

    Args:
        x: A batch of images, values 0 to 255.
        data_format: "channels_last" or "channels_first" (NULL: `k_image_data_format()`).
    """
    return _module_preprocess("densenet_preprocess_input", "densenet", x, data_format=data_format)


def mobilenet_decode_predictions(preds: Any, top: Any = 5) -> list[Any]:
    """The `top` ImageNet classes of each row of MobileNet's predictions, one data frame per image.

    Args:
        preds: The predictions, `(n, 1000)`.
        top: How many classes to keep per image.
    """
    return _decoded("mobilenet_decode_predictions", preds, top)


def mobilenet_v2_decode_predictions(preds: Any, top: Any = 5) -> list[Any]:
    """The `top` ImageNet classes of each row of MobileNetV2's predictions, one data frame per image.

    Args:
        preds: The predictions, `(n, 1000)`.
        top: How many classes to keep per image.
    """
    return _decoded("mobilenet_v2_decode_predictions", preds, top)


def mobilenet_load_model_hdf5(filepath: Any) -> Any:
    """Loads a MobileNet model saved in HDF5 (keras 2.x needed MobileNet's relu6 and DepthwiseConv2D
    as custom objects; Keras 3 has both built in).

    Args:
        filepath: The `.h5` file.
    """
    from .saving import load_model_hdf5

    return load_model_hdf5(filepath, custom_objects={"relu6": _keras().activations.relu6})


def mobilenet_v2_load_model_hdf5(filepath: Any) -> Any:
    """Loads a MobileNetV2 model saved in HDF5 (see `mobilenet_load_model_hdf5()`).

    Args:
        filepath: The `.h5` file.
    """
    from .saving import load_model_hdf5

    return load_model_hdf5(filepath, custom_objects={"relu6": _keras().activations.relu6})


def application_densenet(
    blocks: Any,
    include_top: bool = True,
    weights: Any = "imagenet",
    input_tensor: Any = None,
    input_shape: Any = None,
    pooling: Any = None,
    classes: Any = 1000,
) -> Any:
    """A DenseNet with the given numbers of blocks (keras 2.x's ``application_densenet()``).

    ImageNet weights exist for the three standard layouts, `c(6, 12, 24, 16)` (DenseNet121),
    `c(6, 12, 32, 32)` (169) and `c(6, 12, 48, 32)` (201); any other layout needs
    `weights = NULL` (random) or a weights file.

    Args:
        blocks: The number of building blocks of each of the four dense blocks.
        include_top: Whether to include the classifier on top.
        weights: "imagenet", NULL (random) or the path of a weights file.
        input_tensor: An optional tensor to use as the model's input.
        input_shape: An optional input shape (without the batch size).
        pooling: With `include_top = FALSE`: NULL, "avg" or "max".
        classes: The number of classes (with `include_top` and no ImageNet weights).
    """
    fn = "application_densenet"
    items = blocks if isinstance(blocks, (list, tuple)) else [blocks]
    layout = tuple(_whole(fn, "blocks", b, 1) for b in items)
    standard = {(6, 12, 24, 16): "application_densenet121", (6, 12, 32, 32): "application_densenet169",
                (6, 12, 48, 32): "application_densenet201"}
    kwargs = {"include_top": include_top, "weights": weights, "input_tensor": input_tensor,
              "input_shape": input_shape, "pooling": pooling, "classes": classes}
    if layout in standard:
        return KERAS3_MODELS[standard[layout]](**kwargs)
    if len(layout) != 4:
        raise arg_error(fn, "blocks", "four whole numbers (the blocks of the four dense blocks)", blocks)
    if weights == "imagenet":
        raise arg_error(fn, "weights", "NULL or a weights file: ImageNet weights exist only for the "
                        "121/169/201 layouts", weights)
    from keras.src.applications import densenet

    with _local_files(fn):
        model = densenet.DenseNet(list(layout), **kwargs)
    model._rkeras_application = "densenet"
    return model


def application_nasnet(
    input_shape: Any = None,
    penultimate_filters: Any = 4032,
    num_blocks: Any = 6,
    stem_block_filters: Any = 96,
    skip_reduction: bool = True,
    filter_multiplier: Any = 2,
    include_top: bool = True,
    weights: Any = None,
    input_tensor: Any = None,
    pooling: Any = None,
    classes: Any = 1000,
    default_size: Any = None,
) -> Any:
    """A NASNet of any size (keras 2.x's ``application_nasnet()``; ImageNet weights exist for the
    two standard sizes, `application_nasnet_large()` and `application_nasnet_mobile()`).

    Args:
        input_shape: The input shape (without the batch size).
        penultimate_filters: The number of filters in the penultimate layer.
        num_blocks: The number of repeated blocks.
        stem_block_filters: The number of filters in the first stem block.
        skip_reduction: Whether to skip the reduction step at the tail end of the network.
        filter_multiplier: The width multiplier.
        include_top: Whether to include the classifier on top.
        weights: NULL (random), "imagenet" (standard sizes only) or the path of a weights file.
        input_tensor: An optional tensor to use as the model's input.
        pooling: With `include_top = FALSE`: NULL, "avg" or "max".
        classes: The number of classes.
        default_size: The default input size (NULL: 331 for the large model, else 224).
    """
    fn = "application_nasnet"
    from keras.src.applications import nasnet

    with _local_files(fn):
        try:
            model = nasnet.NASNet(
                input_shape=input_shape, penultimate_filters=penultimate_filters, num_blocks=num_blocks,
                stem_block_filters=stem_block_filters, skip_reduction=skip_reduction,
                filter_multiplier=filter_multiplier, include_top=include_top, weights=weights,
                input_tensor=input_tensor, pooling=pooling, classes=classes, default_size=default_size,
            )
        except ValueError as exc:
            raise RKerasError(str(exc), fn=fn) from exc
    model._rkeras_application = "nasnet"
    return model
