"""keras3's class constructors from Python (rkeras.api.classes): Layer(), Model(), Loss(), Metric(),
Callback() build real Keras subclasses from Python functions taking `self`; values against numpy."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras as rk
from rkeras.api.classes import ActiveProperty, ClassConstructor, RSuper


def _linear() -> tuple[ClassConstructor, list[threading.Thread]]:
    threads: list[threading.Thread] = []

    def initialize(self: Any, units: int = 32, **kwargs: Any) -> None:
        RSuper(type(self), self).initialize(**kwargs)
        self.units = units

    def build(self: Any, input_shape: Any) -> None:
        shape = [float(input_shape[-1]), float(self.units)]  # R's doubles: add_weight takes them
        self.w = self.add_weight(shape=shape, initializer="random_normal")
        self.b = self.add_weight(shape=self.units, initializer="random_normal")

    def call(self: Any, inputs: Any) -> Any:
        threads.append(threading.current_thread())
        return rk.op_add(rk.op_matmul(inputs, self.w), self.b)

    return rk.Layer("Linear", initialize=initialize, build=build, call=call), threads


RNG = np.random.default_rng(7)
X = RNG.random((20, 3), dtype=np.float32)
Y = RNG.random((20, 2), dtype=np.float32)


def test_layer_from_python_functions_computes_x_w_plus_b_and_composes() -> None:
    linear, threads = _linear()
    assert isinstance(linear, ClassConstructor) and linear.py_class.__name__ == "Linear"
    assert list(linear.__signature__.parameters) == ["object", "units", "kwargs"]
    model = rk.keras_model_sequential(input_shape=3) | linear(units=2)
    w, b = rk.get_weights(model)
    assert w.shape == (3, 2)
    np.testing.assert_allclose(rk.predict(model, X, verbose=0), X @ w + b, rtol=1e-5)
    # applied to a tensor, and a layer made first then called
    assert tuple(linear(rk.keras_input(shape=3), units=5).shape) == (None, 5)
    layer = linear(units=4)
    assert tuple(layer(X).shape) == (20, 4)
    assert layer.get_config()["units"] == 4
    # fit traces call() on the calling (main) thread, once per trace, not once per batch
    model | rk.compile(optimizer="sgd", loss="mse")
    before = len(threads)
    model | rk.fit(X, Y, epochs=2, batch_size=2, verbose=0)
    rk.evaluate(model, X, Y, verbose=0)
    assert 1 <= len(threads) - before <= 3
    assert all(t is threading.main_thread() for t in threads)


def test_layers_made_without_an_object_and_set_on_self_are_tracked_as_their_layers() -> None:
    # from Python, layer_dense(units = 2) is a LayerStage: set on `self` it is stored as the Dense layer,
    # so Keras tracks it and its weights (alone, or in a list), as in R
    def initialize(self: Any, **kwargs: Any) -> None:
        RSuper(type(self), self).initialize(**kwargs)
        self.dense = rk.layer_dense(units=2, kernel_initializer="ones", use_bias=False)
        self.pair = [rk.layer_dense(units=1), rk.layer_dense(units=1)]
        self.plain = [1, 2]

    def call(self: Any, x: Any) -> Any:
        h = self.dense(x)
        return rk.op_add(self.pair[0](h), self.pair[1](h))

    layer = rk.Layer("PyBlock", initialize=initialize, call=call)()
    out = np.asarray(layer(X))
    assert type(layer.dense).__name__ == "Dense" and type(layer.pair[1]).__name__ == "Dense"
    assert len(layer.trainable_weights) == 5 and list(layer.plain) == [1, 2]
    h = X.sum(axis=1, keepdims=True) @ np.ones((1, 2), dtype=np.float32)
    (w1, b1), (w2, b2) = (d.get_weights() for d in layer.pair)
    np.testing.assert_allclose(out, h @ w1 + b1 + h @ w2 + b2, rtol=1e-5)
    # trained through a model: every tracked weight moves
    block2 = rk.Layer("PyBlock2", initialize=initialize, call=call)
    model = rk.keras_model_sequential(input_shape=3) | block2()
    model | rk.compile(optimizer=rk.optimizer_sgd(learning_rate=0.1), loss="mse")
    before = [np.array(w) for w in rk.get_weights(model)]
    model | rk.fit(X, Y[:, :1], epochs=1, batch_size=20, verbose=0)
    assert len(before) == 5
    assert all(not np.array_equal(b, a) for b, a in zip(before, rk.get_weights(model), strict=True))


def test_subclassing_again_super_and_active_property() -> None:
    def initialize(self: Any, k: float = 2, **kwargs: Any) -> None:
        RSuper(_times.py_class, self).initialize(**kwargs)
        self.k = k

    _times = rk.Layer("Times", initialize=initialize, call=lambda self, x: rk.op_multiply(x, self.k))
    plus = rk.Layer("TimesPlus", inherit=_times,
                    call=lambda self, x: rk.op_add(RSuper(plus.py_class, self).call(x), 1.0),
                    public={"half": ActiveProperty(lambda self, value=None: self.k / 2 if value is None
                                                   else setattr(self, "k", value * 2))})
    layer = plus(k=3.0)
    np.testing.assert_allclose(np.asarray(layer(X)), X * 3 + 1, rtol=1e-6)
    assert issubclass(plus.py_class, _times.py_class)
    assert layer.half == 1.5
    layer.half = 2.0
    assert layer.k == 4.0
    with pytest.raises(rk.RKerasError, match=r"Layer\(\): `classname` must be a class name"):
        rk.Layer("not a name")
    with pytest.raises(rk.RKerasError, match="`inherit` must be a class"):
        rk.Layer("X", inherit=3)


def test_callback_epochs_are_one_based_and_metric_loss_classes_compute_known_values() -> None:
    seen: list[tuple[int, float]] = []
    recorder = rk.Callback("Recorder",
                           on_epoch_end=lambda self, epoch, logs=None: seen.append((epoch, logs["loss"])))

    def metric_init(self: Any, name: str = "total_abs", **kwargs: Any) -> None:
        RSuper(total_abs.py_class, self).initialize(name=name, **kwargs)
        self.total = self.add_weight(shape=[], initializer="zeros", name="total")

    total_abs = rk.Metric("TotalAbs", initialize=metric_init,
                          update_state=lambda self, y_true, y_pred, sample_weight=None: self.total.assign_add(
                              rk.op_sum(rk.op_abs(rk.op_subtract(y_true, y_pred)))),
                          result=lambda self: self.total)
    my_mse = rk.Loss("MyMSE", call=lambda self, y_true, y_pred: rk.op_mean(
        rk.op_square(rk.op_subtract(y_true, y_pred)), axis=-1))
    model = rk.keras_model_sequential(input_shape=3) | rk.layer_dense(units=2)
    model | rk.compile(optimizer=rk.optimizer_sgd(learning_rate=0.0), loss=my_mse,
                       metrics={"max_err": lambda y_true, y_pred: rk.op_max(
                                    rk.op_abs(rk.op_subtract(y_true, y_pred))),
                                "total": total_abs()})
    p = rk.predict(model, X, verbose=0)
    history = model | rk.fit(X, Y, epochs=3, batch_size=20, verbose=0, callbacks=[recorder()])
    np.testing.assert_allclose(history.metrics["loss"], [np.mean((Y - p) ** 2)] * 3, rtol=1e-5)
    np.testing.assert_allclose(history.metrics["max_err"], [np.max(np.abs(Y - p))] * 3, rtol=1e-5)
    np.testing.assert_allclose(history.metrics["total_abs"], [np.sum(np.abs(Y - p))] * 3, rtol=1e-4)
    assert [e for e, _ in seen] == [1, 2, 3]
    np.testing.assert_allclose([v for _, v in seen], history.metrics["loss"], rtol=1e-6)


def test_custom_metric_names_a_function() -> None:
    fn = rk.custom_metric("my_metric", lambda y_true, y_pred: y_pred)
    assert fn.__name__ == "my_metric" and fn(1, 2) == 2
    with pytest.raises(rk.RKerasError, match=r"custom_metric\(\): `metric_fn` must be a function"):
        rk.custom_metric("x", 3)


def test_save_and_load_with_custom_objects_registered_and_safe_mode(tmp_path: Path) -> None:
    linear, _ = _linear()
    scale = rk.Layer("PyScale", initialize=None, call=lambda self, x: rk.op_multiply(x, 3.0))
    rk.register_keras_serializable(scale, package="rkpytest")
    model = rk.keras_model_sequential(input_shape=3) | linear(units=2) | scale()
    path = tmp_path / "m.keras"
    rk.save_model(model, str(path))
    loaded = rk.load_model(str(path), custom_objects={"Linear": linear})
    np.testing.assert_array_equal(rk.predict(loaded, X, verbose=0), rk.predict(model, X, verbose=0))
    assert type(loaded.layers[0]).__name__ == "Linear"
    loaded = rk.load_model(str(path), custom_objects=[linear])  # unnamed: by the class's own name
    assert type(loaded.layers[1]) is scale.py_class
    with pytest.raises(TypeError, match="Linear"):
        rk.load_model(str(path))
    # a model holding Python bytecode (a lambda) is refused unless safe_mode = FALSE
    import keras

    lam = keras.Sequential([keras.Input((3,)), keras.layers.Lambda(lambda x: x * 2)])
    rk.save_model(lam, str(tmp_path / "lambda.keras"))
    with pytest.raises(ValueError, match="safe_mode"):
        rk.load_model(str(tmp_path / "lambda.keras"))
    unsafe = rk.load_model(str(tmp_path / "lambda.keras"), safe_mode=False)
    np.testing.assert_allclose(rk.predict(unsafe, X, verbose=0), X * 2)


class _Signed:
    """A callable that is not a Python function (as an R closure is), with a signature of its own."""

    def __init__(self, fn: Any, sig: str) -> None:
        import inspect

        self.fn = fn
        self.__signature__ = inspect.Signature([
            inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              default=inspect.Parameter.empty if n == "self" else d)
            for n, d in (p.split("=") if "=" in p else (p, None) for p in sig.split(","))])

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)


def test_model_init_without_varargs_from_a_non_function_and_its_config_holds_the_given_values() -> None:
    def initialize(self: Any, units: Any = 2, scale: Any = 1.0) -> None:
        RSuper(scaled.py_class, self).initialize()
        self.units, self.scale = int(units), float(scale)
        self.dense = rk.layer_dense(units=self.units, kernel_initializer="ones", use_bias=False)

    # as from R: the method is not a Python function, and its signature has no *args
    scaled = rk.Model("PyScaledNoArgs", initialize=_Signed(initialize, "self,units=2,scale=1.0"),
                      call=lambda self, x: rk.op_multiply(self.dense(x), self.scale))
    assert list(scaled.__signature__.parameters) == ["units", "scale"]
    model = scaled(units=3, scale=2.0)
    np.testing.assert_allclose(rk.predict(model, X, verbose=0), np.repeat(2 * X.sum(1, keepdims=True), 3, 1),
                               rtol=1e-5)
    # Keras's automatic config: the values given (keras.Model's __new__ alone would record the defaults)
    config = rk.get_config(model)
    assert (config["units"], config["scale"]) == (3, 2.0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'name'"):
        scaled(units=3, name="x")
