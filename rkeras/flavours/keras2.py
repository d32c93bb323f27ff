"""keras 2.x's names that need code on Keras 3 (the ``k_*`` backend functions are in
:mod:`rkeras.api.backend2`, savers in :mod:`rkeras.api.saving`).

* ``layer_random_height()``/``layer_random_width()``: Keras 3 dropped RandomHeight/RandomWidth;
  :class:`RandomHeight`/:class:`RandomWidth` are Keras 2's layers again (the height or width of
  the batch is scaled by a random factor while training; the layer passes its input through at
  inference), serialisable with the model;
* ``metric_mean_relative_error()``/``metric_mean_tensor()``: Keras 2's MeanRelativeError and
  MeanTensor metrics (gone from Keras 3), likewise;
* ``get_input_at()`` and the other node accessors (1-based ``node_index``), ``reset_states()``,
  ``keras_array()``, ``metric_cosine_proximity()``, ``callback_progbar_logger()``.

Importing this module does not import Keras; the classes are made on first use.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ..api._keras import keras as _keras
from ..errors import RKerasError, arg_error

# --------------------------------------------------------------------------- layer nodes (1-based)


def _node_index(fn: str, layer: Any, node_index: Any) -> int:
    nodes = getattr(layer, "_inbound_nodes", None)
    if nodes is None:
        raise arg_error(fn, "object", "a layer", layer)
    if not nodes:
        raise RKerasError(f"the layer {layer.name!r} has never been called, so it has no nodes", fn=fn)
    if isinstance(node_index, bool) or not isinstance(node_index, numbers.Integral) or not (
            1 <= node_index <= len(nodes)):
        raise arg_error(fn, "node_index", f"a node of the layer, 1 to {len(nodes)} (1-based)", node_index)
    return int(node_index) - 1


def _one_or_list(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _node_inputs(node: Any) -> list[Any]:
    """The tensors a node's layer was called on: its positional arguments (Keras 3 also records a
    mask it passed on as ``mask =`` among the node's tensors; keras 2.x's inputs exclude it)."""
    from keras import tree

    k = _keras()
    return [t for t in tree.flatten(node.arguments.args) if isinstance(t, k.KerasTensor)]


def _inputs_at(fn: str, layer: Any, node_index: Any) -> list[Any]:
    return _node_inputs(layer._inbound_nodes[_node_index(fn, layer, node_index)])


def _outputs_at(fn: str, layer: Any, node_index: Any) -> list[Any]:
    return list(layer._inbound_nodes[_node_index(fn, layer, node_index)].output_tensors)


def get_input_at(object: Any, node_index: Any) -> Any:  # noqa: A002
    """The input tensor(s) of a layer at one of its nodes (each call of the layer on a tensor adds a node).

    Args:
        object: A layer (or model) that has been called.
        node_index: Which node: 1 for the first call, as in keras 2.x's R interface.

    Returns:
        A tensor, or a list of tensors for a layer with several inputs.
    """
    return _one_or_list(_inputs_at("get_input_at", object, node_index))


def get_output_at(object: Any, node_index: Any) -> Any:  # noqa: A002
    """The output tensor(s) of a layer at one of its nodes.

    Args:
        object: A layer (or model) that has been called.
        node_index: Which node (1-based).

    Returns:
        A tensor, or a list of tensors.
    """
    return _one_or_list(_outputs_at("get_output_at", object, node_index))


def get_input_shape_at(object: Any, node_index: Any) -> Any:  # noqa: A002
    """The shape(s) of a layer's input at one of its nodes (NULL for an unknown size).

    Args:
        object: A layer (or model) that has been called.
        node_index: Which node (1-based).

    Returns:
        A shape, or a list of shapes.
    """
    return _one_or_list([tuple(t.shape) for t in _inputs_at("get_input_shape_at", object, node_index)])


def get_output_shape_at(object: Any, node_index: Any) -> Any:  # noqa: A002
    """The shape(s) of a layer's output at one of its nodes.

    Args:
        object: A layer (or model) that has been called.
        node_index: Which node (1-based).

    Returns:
        A shape, or a list of shapes.
    """
    return _one_or_list([tuple(t.shape) for t in _outputs_at("get_output_shape_at", object, node_index)])


def _mask_of(tensor: Any) -> Any:
    """The mask a symbolic tensor carries: computed by the layer that made it (Keras 3 keeps none)."""
    history = getattr(tensor, "_keras_history", None)
    if history is None:
        return None
    layer, node_index, tensor_index = history
    masks = _output_masks(layer, node_index)
    return masks[tensor_index] if tensor_index < len(masks) else None


def _output_masks(layer: Any, node_index: int) -> list[Any]:
    node = layer._inbound_nodes[node_index]
    outputs = list(node.output_tensors)
    inputs = _node_inputs(node)
    if not inputs or not getattr(layer, "supports_masking", False):
        return [None] * len(outputs)
    masks = [_mask_of(t) for t in inputs]
    try:
        mask = layer.compute_mask(_one_or_list(inputs), _one_or_list(masks))
    except (TypeError, ValueError, NotImplementedError):
        return [None] * len(outputs)
    return list(mask) if isinstance(mask, (list, tuple)) else [mask] * len(outputs)


def get_input_mask_at(object: Any, node_index: Any) -> Any:  # noqa: A002
    """The mask(s) of a layer's input at one of its nodes (NULL where there is none).

    Args:
        object: A layer (or model) that has been called.
        node_index: Which node (1-based).

    Returns:
        A boolean tensor, NULL, or a list of them.
    """
    return _one_or_list([_mask_of(t) for t in _inputs_at("get_input_mask_at", object, node_index)])


def get_output_mask_at(object: Any, node_index: Any) -> Any:  # noqa: A002
    """The mask(s) of a layer's output at one of its nodes (NULL where there is none).

    Args:
        object: A layer (or model) that has been called.
        node_index: Which node (1-based).

    Returns:
        A boolean tensor, NULL, or a list of them.
    """
    index = _node_index("get_output_mask_at", object, node_index)
    return _one_or_list(_output_masks(object, index))


def reset_states(object: Any) -> Any:  # noqa: A002
    """Resets the states of a stateful layer, or of every stateful layer of a model.

    Args:
        object: A model or layer.

    Returns:
        The model or layer (invisibly in R).
    """
    layers = object._flatten_layers() if hasattr(object, "_flatten_layers") else [object]
    for layer in layers:
        if getattr(layer, "stateful", False) and hasattr(layer, "reset_state"):
            layer.reset_state()
    return object


# --------------------------------------------------------------------------- values


def keras_array(x: Any, dtype: Any = None) -> Any:
    """An R array (or a list of them) as a row-major array of `dtype` (NULL: `k_floatx()`), the
    layout and type Keras works with; NULL stays NULL.

    Args:
        x: An array, a vector, or a list of them.
        dtype: The type of the result (NULL: `k_floatx()`).

    Returns:
        An array, or a list of arrays.
    """
    if x is None:
        return None
    if isinstance(x, (list, tuple)) and x and all(isinstance(v, np.ndarray) for v in x):
        return [keras_array(v, dtype) for v in x]
    return np.ascontiguousarray(x, dtype=dtype or _keras().config.floatx())


def metric_cosine_proximity(y_true: Any, y_pred: Any) -> Any:
    """The cosine similarity of `y_true` and `y_pred` along the last axis (keras 2.x's
    cosine_proximity metric; 1 for the same direction).

    Args:
        y_true: The true values.
        y_pred: The predictions.

    Returns:
        A tensor with one value per sample.
    """
    return _keras().ops.negative(_keras().losses.cosine_similarity(y_true, y_pred))


def callback_progbar_logger(count_mode: str = "samples", stateful_metrics: Any = None) -> Any:
    """A callback printing the progress bar (Keras 3's ProgbarLogger).

    Args:
        count_mode: "samples" or "steps": keras 2.x's unit of the bar; Keras 3 counts steps either way.
        stateful_metrics: Not used: Keras 3 shows every metric's current value.

    Returns:
        The callback.
    """
    if count_mode not in ("samples", "steps"):
        raise arg_error("callback_progbar_logger", "count_mode", '"samples" or "steps"', count_mode)
    return _keras().callbacks.ProgbarLogger()


# ------------------------------------------------------------------- layers and metrics gone from Keras 3


def _factor_range(name: str, factor: Any) -> tuple[float, float]:
    if isinstance(factor, numbers.Real) and not isinstance(factor, bool):
        low, high = -float(factor), float(factor)
    elif isinstance(factor, (list, tuple)) and len(factor) == 2:
        low, high = float(factor[0]), float(factor[1])
    else:
        raise ValueError(f"`factor` must be a number or a pair (lower, upper), got {factor!r}")
    if low < -1 or high < low:
        raise ValueError(f"`factor` must give -1 <= lower <= upper, got {factor!r}")
    return low, high


def _make_random_resize(axis_name: str) -> type:
    k = _keras()
    axis = 0 if axis_name == "height" else 1

    class RandomResize(k.layers.Layer):  # type: ignore[misc,name-defined]
        def __init__(self, factor: Any, interpolation: str = "bilinear", seed: Any = None,
                     **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.factor = factor
            self.low, self.high = _factor_range(axis_name, factor)
            self.interpolation = interpolation
            self.seed = seed
            self.seed_generator = k.random.SeedGenerator(seed)
            self.supports_masking = False

        def call(self, inputs: Any, training: bool = False) -> Any:
            if not training:
                return inputs
            ops = k.ops
            x = ops.convert_to_tensor(inputs)
            unbatched = len(x.shape) == 3
            if unbatched:
                x = ops.expand_dims(x, 0)
            channels_first = k.config.image_data_format() == "channels_first"
            spatial = (2, 3) if channels_first else (1, 2)
            size = [ops.shape(x)[spatial[0]], ops.shape(x)[spatial[1]]]
            scale = k.random.uniform((), 1.0 + self.low, 1.0 + self.high, seed=self.seed_generator)
            size[axis] = ops.cast(ops.round(ops.cast(size[axis], "float32") * scale), "int32")
            size[axis] = ops.maximum(size[axis], 1)
            if k.config.backend() == "tensorflow":  # a random size inside the compiled graph
                import tensorflow as tf

                images = tf.transpose(x, (0, 2, 3, 1)) if channels_first else x
                out = tf.image.resize(images, tf.stack(size), method=self.interpolation)
                out = tf.transpose(out, (0, 3, 1, 2)) if channels_first else out
            else:  # Keras's resize wants Python sizes: eager only, as Keras 2's layer was TensorFlow's
                out = ops.image.resize(x, tuple(int(ops.convert_to_numpy(d)) for d in size),
                                       interpolation=self.interpolation,
                                       data_format="channels_first" if channels_first else "channels_last")
            out = ops.cast(out, x.dtype)
            return out[0] if unbatched else out

        def compute_output_shape(self, input_shape: Any) -> Any:
            shape = list(input_shape)
            spatial = (-2, -1) if k.config.image_data_format() == "channels_first" else (-3, -2)
            shape[spatial[axis]] = None
            return tuple(shape)

        def get_config(self) -> dict[str, Any]:
            return {**super().get_config(), "factor": self.factor, "interpolation": self.interpolation,
                    "seed": self.seed}

    name = f"Random{axis_name.capitalize()}"
    RandomResize.__name__ = RandomResize.__qualname__ = name
    RandomResize.__module__ = __name__
    RandomResize.__doc__ = (
        f"Keras 2's {name}: while training, scales the {axis_name} of a batch of images by a random "
        f"factor `1 + U(lower, upper)` (`factor`: a number f for (-f, f), or a pair), resizing with "
        f"`interpolation`; at inference the images pass unchanged. Keras 3 dropped the layer; this "
        f"one saves and loads with the model (registered as rkeras>{name})."
    )
    return k.saving.register_keras_serializable(package="rkeras")(RandomResize)


def _make_mean_relative_error() -> type:
    k = _keras()

    class MeanRelativeError(k.metrics.Mean):  # type: ignore[misc,name-defined]
        """Keras 2's MeanRelativeError: the mean of `|y_pred - y_true| / normalizer` (Keras 3
        dropped it; this one saves with the model, registered as rkeras>MeanRelativeError).

        Args:
            normalizer: The values to divide by, broadcast against `y_true`.
            name: The metric's name.
            dtype: Its type.
        """

        def __init__(self, normalizer: Any, name: str | None = None, dtype: Any = None) -> None:
            super().__init__(name=name or "mean_relative_error", dtype=dtype)
            self.normalizer = np.asarray(normalizer, dtype="float32")

        def update_state(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Any:
            ops = k.ops
            y_pred = ops.convert_to_tensor(y_pred, self.dtype)
            y_true = ops.cast(ops.convert_to_tensor(y_true), y_pred.dtype)
            normalizer = ops.cast(ops.convert_to_tensor(self.normalizer), y_pred.dtype)
            error = ops.divide_no_nan(ops.abs(ops.subtract(y_pred, y_true)), normalizer)
            return super().update_state(error, sample_weight=sample_weight)

        def get_config(self) -> dict[str, Any]:
            return {"normalizer": self.normalizer.tolist(), "name": self.name, "dtype": self.dtype}

    MeanRelativeError.__module__ = __name__
    return k.saving.register_keras_serializable(package="rkeras")(MeanRelativeError)


def _make_mean_tensor() -> type:
    k = _keras()

    class MeanTensor(k.metrics.Metric):  # type: ignore[misc,name-defined]
        """Keras 2's MeanTensor: the element-wise (weighted) mean of the tensors it is given, a
        tensor of their shape (Keras 3 dropped it; registered as rkeras>MeanTensor).

        Args:
            name: The metric's name.
            dtype: Its type.
            shape: The shape of the tensors (NULL: from the first one).
        """

        def __init__(self, name: str = "mean_tensor", dtype: Any = None, shape: Any = None) -> None:
            super().__init__(name=name, dtype=dtype)
            self.shape = None if shape is None else tuple(int(d) for d in shape)
            self.total: Any = None
            self.count: Any = None
            if self.shape is not None:
                self._build(self.shape)

        def _build(self, shape: tuple[int, ...]) -> None:
            self.shape = shape
            self.total = self.add_variable(shape=shape, initializer="zeros", name="total")
            self.count = self.add_variable(shape=shape, initializer="zeros", name="count")

        def update_state(self, values: Any, sample_weight: Any = None) -> None:
            ops = k.ops
            values = ops.convert_to_tensor(values, self.dtype)
            if self.total is None:
                self._build(tuple(int(d) for d in values.shape))
            elif tuple(values.shape) != self.shape:
                raise ValueError(f"MeanTensor input values must always have the same shape {self.shape}, "
                                 f"got {tuple(values.shape)}")
            weight = ops.ones_like(values) if sample_weight is None else ops.broadcast_to(
                ops.convert_to_tensor(sample_weight, self.dtype), values.shape)
            self.total.assign_add(ops.multiply(values, weight))
            self.count.assign_add(weight)

        def result(self) -> Any:
            if self.total is None:
                raise ValueError("MeanTensor has no values yet: call update_state() first")
            return k.ops.divide_no_nan(self.total, self.count)

        def reset_state(self) -> None:
            if self.total is not None:
                self.total.assign(k.ops.zeros(self.shape))
                self.count.assign(k.ops.zeros(self.shape))

        def get_config(self) -> dict[str, Any]:
            return {"name": self.name, "dtype": self.dtype, "shape": self.shape}

    MeanTensor.__module__ = __name__
    return k.saving.register_keras_serializable(package="rkeras")(MeanTensor)


_FACTORIES = {
    "RandomHeight": lambda: _make_random_resize("height"),
    "RandomWidth": lambda: _make_random_resize("width"),
    "MeanRelativeError": _make_mean_relative_error,
    "MeanTensor": _make_mean_tensor,
}


def builtin(name: str) -> type:
    """The class ``name`` (one of :data:`_FACTORIES`), made and registered on first use."""
    cls = globals().get(name)
    if cls is None:
        cls = globals()[name] = _FACTORIES[name]()
    return cls


def _random_height() -> type:
    return builtin("RandomHeight")


def _random_width() -> type:
    return builtin("RandomWidth")


def _mean_relative_error() -> type:
    return builtin("MeanRelativeError")


def _mean_tensor() -> type:
    return builtin("MeanTensor")


def __getattr__(name: str) -> Any:
    # the classes subclass Keras's: made on first use, so that importing this module stays cheap
    if name in _FACTORIES:
        return builtin(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
