"""Custom Keras classes from keras3's R-style constructors: ``Layer()``, ``Model()``, ``Loss()``,
``Metric()``, ``Callback()``, ``Constraint()``, ``LearningRateSchedule()``.

Each constructor builds a real Keras subclass with :func:`type` and returns a
:class:`ClassConstructor`: calling it makes an instance (a ``Layer()`` constructor also composes,
as ``layer_dense()`` does: no object -> the layer, a Sequential model -> the layer is added, a
tensor -> the layer is applied). The methods are plain functions taking ``self`` first: Python
functions from Python, R closures (through the bridge, with ``self`` a handle) from R. keras3's
R names map to Keras's: ``initialize`` is ``__init__``; a ``Constraint``'s or a
``LearningRateSchedule``'s ``call`` is ``__call__``; a ``Callback``'s epoch and batch numbers are
1-based, as in keras3. Values that are not functions become class attributes; a
:func:`active_property` becomes a Python property.

Weights created with ``self.add_weight(shape = ...)`` take R's whole doubles as a shape, and
``compute_output_shape()`` may return an R list: it becomes a shape tuple.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from ..errors import RKerasError, arg_error
from ._keras import resolve
from .args import as_shape

# The Keras base class of each constructor.
# Kinds are lower case (the constructor's name, lowered).
BASES: dict[str, str] = {
    "layer": "keras.layers.Layer",
    "model": "keras.Model",
    "loss": "keras.losses.Loss",
    "metric": "keras.metrics.Metric",
    "callback": "keras.callbacks.Callback",
    "constraint": "keras.constraints.Constraint",
    "learningrateschedule": "keras.optimizers.schedules.LearningRateSchedule",
}
# The constructor of each kind, for messages.
_NAMES = {kind: cls.rsplit(".", 1)[1] for kind, cls in BASES.items()}
# keras3's R method names -> Python's, for every kind and per kind.
_RENAMES = {"initialize": "__init__", "finalize": "__del__"}
_KIND_RENAMES = {
    "constraint": {"call": "__call__"},
    "learningrateschedule": {"call": "__call__"},
    "callback": {"on_batch_begin": "on_train_batch_begin", "on_batch_end": "on_train_batch_end"},
}
# Callback hooks whose first argument is an epoch or batch index: 1-based in R (keras3).
_INDEXED_HOOKS = frozenset({
    "on_epoch_begin", "on_epoch_end", "on_train_batch_begin", "on_train_batch_end", "on_test_batch_begin",
    "on_test_batch_end", "on_predict_batch_begin", "on_predict_batch_end",
})
# Methods whose result is a shape (an R list such as list(NULL, 4) -> (None, 4)).
_SHAPE_RESULTS = frozenset({"compute_output_shape"})
# Methods taking a `shape` that R gives as doubles (c(2, 4) -> (2, 4)).
_SHAPE_ARGS = ("add_weight", "add_variable")


class ActiveProperty:
    """A function marked as an active property (keras3's ``active_property()``): ``fn(self)`` reads
    it, ``fn(self, value)`` sets it."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        if not callable(fn):
            raise arg_error("active_property", "fn", "a function", fn)
        self.fn = fn

    def as_property(self) -> property:
        fn = self.fn

        def get(obj: Any) -> Any:
            return fn(obj)

        def set_(obj: Any, value: Any) -> None:
            fn(obj, value)

        return property(get, set_)


def active_property(fn: Callable[..., Any]) -> ActiveProperty:
    """Mark ``fn`` as an active property of a custom class: reading ``obj.name`` calls ``fn(self)``,
    assigning ``obj.name = value`` calls ``fn(self, value)``.

    Args:
        fn: A function taking ``self`` and an optional ``value``.
    """
    return ActiveProperty(fn)


def mark_active(x: Callable[..., Any]) -> ActiveProperty:
    """Mark ``x`` as an active property (keras 2.x's name for :func:`active_property`).

    Args:
        x: A function taking ``self`` and an optional ``value``.
    """
    return ActiveProperty(x)


class RSuper:
    """``super`` inside a method: the parent class's attributes bound to ``self``, with keras3's
    R names (``super$initialize(...)`` is ``super().__init__(...)``); calling it returns itself, so
    ``super()$initialize(...)`` works too."""

    def __init__(self, cls: type, obj: Any) -> None:
        self._super = super(cls, obj)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._super, _RENAMES.get(name, name))

    def __call__(self) -> RSuper:
        return self

    def __repr__(self) -> str:
        return f"<super of {type(self._super.__self__).__name__}>"  # type: ignore[attr-defined]


def as_class(value: Any, fn: str = "inherit", arg: str = "inherit") -> type:
    """A Keras class from what R or Python gives for one: a class, a :class:`ClassConstructor`, or
    an R-style layer function (``inherit = layer_dense``)."""
    if isinstance(value, ClassConstructor):
        return value.py_class
    if isinstance(value, type):
        return value
    row = getattr(value, "row", None)  # an RFunction (layer_dense, loss_*, ...): its Keras class
    if row is not None and row.is_keras:
        target = value.target()
        if isinstance(target, type):
            return target
    raise arg_error(fn, arg, "a class (a custom class constructor or a Keras class)", value)


def _signature(fn: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):
        return None


def _method(kind: str, name: str, fn: Callable[..., Any], qualname: str) -> Callable[..., Any]:
    """``fn`` (``self`` first) as a method: plain Python functions bind as they are; other callables
    (R closures) get a function that binds ``self``, with the callable's own signature."""
    index_hook = kind == "callback" and name in _INDEXED_HOOKS
    shape_result = name in _SHAPE_RESULTS
    if inspect.isfunction(fn) and not index_hook and not shape_result:
        return fn

    if index_hook:
        def method(self: Any, index: Any, *args: Any, **kwargs: Any) -> Any:
            return fn(self, int(index) + 1, *args, **kwargs)
    elif name == "__init__":
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            fn(self, *args, **kwargs)  # an R function returns its last value; __init__ returns None
    elif shape_result:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return _as_output_shape(fn(self, *args, **kwargs), qualname)
    else:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:
            return fn(self, *args, **kwargs)

    sig = _signature(fn)
    if sig is not None and name == "__init__":
        # As __signature__, which inspect.getfullargspec() reads too (it does not follow __wrapped__):
        # Keras's Operation.__new__ binds the arguments with inspect.signature(cls.__init__) and
        # then pops getfullargspec's varargs name, so the two must agree (R's formals without
        # `...` have no `*args`).
        method.__signature__ = sig  # type: ignore[attr-defined]
    elif sig is not None:
        # Through __wrapped__, not __signature__: Keras wraps a bound `build` with functools.wraps,
        # which would copy a __signature__ (with `self`) onto the wrapper.
        method.__wrapped__ = _Signed(sig)  # type: ignore[attr-defined]
    method.__name__ = name
    method.__qualname__ = qualname
    method.__doc__ = getattr(fn, "__doc__", None)
    return method


class _Signed:
    """Carries a signature for :func:`inspect.signature` (a method's ``__wrapped__``)."""

    def __init__(self, sig: inspect.Signature) -> None:
        self.__signature__ = sig

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("a signature holder, not a function")


def _as_output_shape(value: Any, where: str) -> Any:
    """A shape returned by R (a list or vector with NULL/NA for unknown sizes) as a tuple; a list of
    shapes (several outputs) element-wise; a Keras shape as it is."""
    if value is None or isinstance(value, tuple):
        return value
    if isinstance(value, list) and value and all(isinstance(v, (list, tuple)) for v in value):
        return [as_shape(v, fn=where, arg="result") for v in value]
    if isinstance(value, dict):
        return {k: _as_output_shape(v, where) for k, v in value.items()}
    return as_shape(value, fn=where, arg="result")


def _shape_taking(name: str, owner: list[type]) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        if "shape" in kwargs and kwargs["shape"] is not None:
            kwargs["shape"] = as_shape(kwargs["shape"], fn=name, arg="shape")
        elif args and args[0] is not None and not isinstance(args[0], tuple):
            args = (as_shape(args[0], fn=name, arg="shape"), *args[1:])
        return getattr(super(owner[0], self), name)(*args, **kwargs)

    method.__name__ = name
    return method


def _add_loss(owner: list[type]) -> Callable[..., Any]:
    """``add_loss()`` of a layer or model class, taking a number as a 0-d tensor: in R an eager 0-d
    tensor (``self$rate * op_mean(inputs)`` in a layer called on eager data) arrives as a number."""

    def add_loss(self: Any, loss: Any) -> Any:
        import numbers

        if isinstance(loss, numbers.Real) and not isinstance(loss, bool):
            loss = resolve("keras.ops.convert_to_tensor")(loss, dtype=self.compute_dtype or "float32")
        return super(owner[0], self).add_loss(loss)

    add_loss.__name__ = "add_loss"
    return add_loss


def _setattr(owner: list[type]) -> Callable[..., Any]:
    """``__setattr__`` of a custom class: a layer made by an R-style constructor called without an
    object (``self.dense = layer_dense(units = 4)`` from Python: a :class:`LayerStage`) is stored as
    its Keras layer (also inside a list or tuple), so that Keras tracks it and its weights."""
    from .pipe import LayerStage, unwrap

    def __setattr__(self: Any, name: str, value: Any) -> None:
        if isinstance(value, LayerStage) or (
                isinstance(value, (list, tuple)) and any(isinstance(v, LayerStage) for v in value)):
            value = unwrap(value)
        super(owner[0], self).__setattr__(name, value)

    __setattr__.__name__ = "__setattr__"
    return __setattr__


def _model_new(cls: type, *args: Any, **kwargs: Any) -> Any:
    """``__new__`` of a model class: keras.Model's, but giving the arguments on to Layer's. (Keras's
    leaves them out for a subclass, so the automatic config that ``get_config()`` returns held
    ``initialize``'s defaults instead of the values the model was made with.)"""
    return resolve("keras.layers.Layer").__new__(cls, *args, **kwargs)


def new_class(
    kind: str,
    classname: str,
    members: dict[str, Any] | None = None,
    *,
    inherit: Any = None,
    module: str | None = None,
) -> ClassConstructor:
    """The Keras subclass ``classname`` of the ``kind`` base (or of ``inherit``), with ``members``
    (methods taking ``self`` first, :class:`ActiveProperty` values, other class attributes)."""
    kind = kind.lower()
    fn = _NAMES.get(kind, kind)
    if kind not in BASES:
        raise RKerasError(f"unknown kind of class {kind!r}; one of {', '.join(BASES)}", fn="new_class")
    if not isinstance(classname, str) or not classname.isidentifier():
        raise arg_error(fn, "classname", "a class name (a character string that is a valid identifier)",
                        classname)
    base = as_class(inherit, fn) if inherit is not None else resolve(BASES[kind])
    renames = {**_RENAMES, **_KIND_RENAMES.get(kind, {})}
    owner: list[type] = []
    namespace: dict[str, Any] = {"__module__": module or "rkeras.classes", "__qualname__": classname}
    for key, value in (members or {}).items():
        if value is None:
            continue
        name = renames.get(key, key)
        if isinstance(value, ActiveProperty):
            namespace[name] = value.as_property()
        elif callable(value) and not isinstance(value, type):
            namespace[name] = _method(kind, name, value, f"{classname}.{name}")
        else:
            namespace[name] = value
    for name in _SHAPE_ARGS:
        if name not in namespace and hasattr(base, name):
            namespace[name] = _shape_taking(name, owner)
    if kind in ("layer", "model") and "add_loss" not in namespace and hasattr(base, "add_loss"):
        namespace["add_loss"] = _add_loss(owner)
    if "__setattr__" not in namespace:
        namespace["__setattr__"] = _setattr(owner)
    if kind == "model" and "__new__" not in namespace and base.__new__ is resolve(BASES["model"]).__new__:
        namespace["__new__"] = _model_new
    try:
        cls = type(classname, (base,), namespace)
    except TypeError as err:
        raise RKerasError(f"cannot subclass {base.__name__}: {err}", fn=fn, arg="inherit") from err
    owner.append(cls)
    return ClassConstructor(kind, cls)


class ClassConstructor:
    """What ``Layer()``, ``Model()``, ... return: calling it makes an instance of ``py_class``.

    A layer constructor composes like ``layer_dense()``: its first argument ``object`` (a
    Sequential model, a tensor, or none) is what the new layer is added to or applied to.
    """

    __array_ufunc__ = None

    def __init__(self, kind: str, py_class: type) -> None:
        self.kind = kind
        self.py_class = py_class
        self.__name__ = py_class.__name__
        self.__qualname__ = py_class.__qualname__
        self.__doc__ = py_class.__doc__

    @property
    def classname(self) -> str:
        return self.py_class.__name__

    @property
    def __signature__(self) -> inspect.Signature:
        try:
            sig = inspect.signature(self.py_class.__init__)
        except (TypeError, ValueError):
            sig = inspect.Signature()
        params = list(sig.parameters.values())[1:]
        if self.kind == "layer":
            params = [inspect.Parameter("object", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)] + [
                p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
                if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) else p
                for p in params if p.kind != p.VAR_POSITIONAL
            ]
            params.sort(key=lambda p: p.kind)
        return sig.replace(parameters=params)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.kind != "layer":
            return self.py_class(*args, **kwargs)
        from .build import _MISSING, LayerStage, _is_layer_object, _split_object, compose_layer

        obj, rest = _split_object(args, kwargs, _is_layer_object)
        layer = self.py_class(*rest, **kwargs)
        if obj is _MISSING or obj is None:
            return LayerStage(layer, self.__name__, compose_layer)
        return compose_layer(obj, layer)

    def __repr__(self) -> str:
        return f"<rkeras {_NAMES.get(self.kind, self.kind)} class {self.py_class.__name__}>"


def _constructor(kind: str) -> Callable[..., ClassConstructor]:
    def make(classname: str, *, public: dict[str, Any] | None = None, private: dict[str, Any] | None = None,
             inherit: Any = None, parent_env: Any = None, **methods: Any) -> ClassConstructor:
        members = dict(public or {})
        members.update(methods)
        for key, value in (private or {}).items():  # Python's private: underscore-prefixed attributes
            members[key if key.startswith("_") else f"_{key}"] = value
        return new_class(kind, classname, members, inherit=inherit)

    return make


_layer = _constructor("layer")
_model = _constructor("model")
_loss = _constructor("loss")
_metric = _constructor("metric")
_callback = _constructor("callback")
_constraint = _constructor("constraint")
_schedule = _constructor("learningrateschedule")


def Layer(  # noqa: N802 - keras3's name
    classname: str, initialize: Any = None, call: Any = None, build: Any = None, get_config: Any = None, *,
    public: Any = None, private: Any = None, inherit: Any = None, parent_env: Any = None, **methods: Any,
) -> ClassConstructor:
    """Define a custom Keras layer class (keras3's ``Layer()``).

    From Python the methods take ``self`` first; in R, ``self``, ``super``, ``private`` and
    ``__class__`` are in scope instead. ``initialize`` (Python's ``__init__``) takes the layer's
    arguments and should call ``super().__init__(**kwargs)`` first (``super$initialize(...)`` in R);
    ``build(input_shape)`` creates the weights with ``self.add_weight()``; ``call(inputs, ...)`` is
    the forward pass; ``get_config()`` returns the arguments ``initialize`` needs to make the layer
    again (when not given, the arguments the layer was made with). Layers and weights assigned to
    ``self`` are tracked by Keras as usual (from Python too when made with an R-style constructor
    called without an object: ``self.dense = layer_dense(units = 4)`` stores the layer).

    Args:
        classname: The name of the class (CamelCase by convention).
        initialize: The constructor, ``initialize(self, ...)``.
        call: The forward pass, ``call(self, inputs, ...)``.
        build: ``build(self, input_shape)``, called once with the shape of the first input.
        get_config: ``get_config(self)``, the configuration to save.
        public: Further methods and class attributes (so are further named arguments).
        private: Members kept out of Keras's view (from Python: attributes named with a leading
            underscore).
        inherit: The class to subclass: another custom class or a Keras class (default: Keras's
            ``Layer``).
        parent_env: The R environment the methods see (R only).

    Returns:
        A layer constructor, composing like ``layer_dense()``: ``layer_linear(units = 4)`` is a layer,
        ``model |> layer_linear(units = 4)`` adds it, ``inputs |> layer_linear(units = 4)`` applies it.
    """
    return _layer(classname, public=public, private=private, inherit=inherit, parent_env=parent_env,
                  initialize=initialize, call=call, build=build, get_config=get_config, **methods)


def Model(  # noqa: N802 - keras3's name
    classname: str, initialize: Any = None, call: Any = None, train_step: Any = None,
    predict_step: Any = None,
    test_step: Any = None, compute_loss: Any = None, compute_metrics: Any = None, *, public: Any = None,
    private: Any = None, inherit: Any = None, parent_env: Any = None, **methods: Any,
) -> ClassConstructor:
    """Define a custom Keras model class (keras3's ``Model()``).

    As ``Layer()``, with the training hooks: ``train_step(self, data)``, ``test_step(self, data)``
    and ``predict_step(self, data)`` run one batch (``data`` is the batch, e.g. ``list(x, y)``) and
    return a named list of metric values; ``compute_loss()`` and ``compute_metrics()`` replace
    Keras's. ``fit()``, ``evaluate()`` and ``predict()`` call them inside a compiled graph, so R code
    in them runs once per trace, not once per batch.

    Args:
        classname: The name of the class.
        initialize: The constructor, ``initialize(self, ...)``.
        call: The forward pass.
        train_step: One training step.
        predict_step: One prediction step.
        test_step: One evaluation step.
        compute_loss: The loss of a batch.
        compute_metrics: The metrics of a batch.
        public: Further methods and class attributes.
        private: Members kept out of Keras's view.
        inherit: The class to subclass (default: Keras's ``Model``).
        parent_env: The R environment the methods see (R only).

    Returns:
        A model constructor: calling it makes a model.
    """
    return _model(classname, public=public, private=private, inherit=inherit, parent_env=parent_env,
                  initialize=initialize, call=call, train_step=train_step, predict_step=predict_step,
                  test_step=test_step, compute_loss=compute_loss, compute_metrics=compute_metrics, **methods)


def Loss(  # noqa: N802 - keras3's name
    classname: str, call: Any = None, *, public: Any = None, private: Any = None, inherit: Any = None,
    parent_env: Any = None, **methods: Any,
) -> ClassConstructor:
    """Define a custom Keras loss class (keras3's ``Loss()``): ``call(self, y_true, y_pred)`` returns
    the per-sample losses, which Keras reduces (``reduction``) and weights.

    Args:
        classname: The name of the class.
        call: ``call(self, y_true, y_pred)``.
        public: Further methods and class attributes.
        private: Members kept out of Keras's view.
        inherit: The class to subclass (default: Keras's ``Loss``).
        parent_env: The R environment the methods see (R only).

    Returns:
        A loss constructor: ``my_loss()`` is a loss to give ``compile(loss = )``.
    """
    return _loss(classname, public=public, private=private, inherit=inherit, parent_env=parent_env,
                 call=call, **methods)


def Metric(  # noqa: N802 - keras3's name
    classname: str, initialize: Any = None, update_state: Any = None, result: Any = None, *,
    public: Any = None,
    private: Any = None, inherit: Any = None, parent_env: Any = None, **methods: Any,
) -> ClassConstructor:
    """Define a custom Keras metric class (keras3's ``Metric()``): ``initialize`` creates the state
    variables with ``self.add_weight()``, ``update_state(self, y_true, y_pred, sample_weight = NULL)``
    accumulates a batch, ``result(self)`` returns the metric and ``reset_state(self)`` (optional)
    zeroes the state.

    Args:
        classname: The name of the class.
        initialize: The constructor; call ``super().__init__(name = name, ...)`` first.
        update_state: Accumulate one batch.
        result: The metric's value.
        public: Further methods (``reset_state``) and class attributes.
        private: Members kept out of Keras's view.
        inherit: The class to subclass (default: Keras's ``Metric``).
        parent_env: The R environment the methods see (R only).

    Returns:
        A metric constructor: ``my_metric()`` is a metric to give ``compile(metrics = )``.
    """
    return _metric(classname, public=public, private=private, inherit=inherit, parent_env=parent_env,
                   initialize=initialize, update_state=update_state, result=result, **methods)


def Callback(  # noqa: N802 - keras3's name
    classname: str, on_epoch_begin: Any = None, on_epoch_end: Any = None, on_train_begin: Any = None,
    on_train_end: Any = None, on_train_batch_begin: Any = None, on_train_batch_end: Any = None,
    on_test_begin: Any = None, on_test_end: Any = None, on_test_batch_begin: Any = None,
    on_test_batch_end: Any = None, on_predict_begin: Any = None, on_predict_end: Any = None,
    on_predict_batch_begin: Any = None, on_predict_batch_end: Any = None, *, public: Any = None,
    private: Any = None, inherit: Any = None, parent_env: Any = None, **methods: Any,
) -> ClassConstructor:
    """Define a custom Keras callback class (keras3's ``Callback()``). The hooks take ``self`` first;
    epoch and batch numbers are 1-based (as in keras3), ``logs`` is a named list; ``self.model`` is
    the model being trained.

    Args:
        classname: The name of the class.
        on_epoch_begin: ``on_epoch_begin(self, epoch, logs = NULL)``.
        on_epoch_end: ``on_epoch_end(self, epoch, logs = NULL)``.
        on_train_begin: ``on_train_begin(self, logs = NULL)``.
        on_train_end: ``on_train_end(self, logs = NULL)``.
        on_train_batch_begin: ``on_train_batch_begin(self, batch, logs = NULL)``.
        on_train_batch_end: ``on_train_batch_end(self, batch, logs = NULL)``.
        on_test_begin: ``on_test_begin(self, logs = NULL)``.
        on_test_end: ``on_test_end(self, logs = NULL)``.
        on_test_batch_begin: ``on_test_batch_begin(self, batch, logs = NULL)``.
        on_test_batch_end: ``on_test_batch_end(self, batch, logs = NULL)``.
        on_predict_begin: ``on_predict_begin(self, logs = NULL)``.
        on_predict_end: ``on_predict_end(self, logs = NULL)``.
        on_predict_batch_begin: ``on_predict_batch_begin(self, batch, logs = NULL)``.
        on_predict_batch_end: ``on_predict_batch_end(self, batch, logs = NULL)``.
        public: Further methods and class attributes.
        private: Members kept out of Keras's view.
        inherit: The class to subclass (default: Keras's ``Callback``).
        parent_env: The R environment the methods see (R only).

    Returns:
        A callback constructor: ``my_callback()`` is a callback to give ``fit(callbacks = )``.
    """
    hooks = {k: v for k, v in locals().items() if k.startswith("on_")}
    return _callback(classname, public=public, private=private, inherit=inherit, parent_env=parent_env,
                     **hooks, **methods)


def Constraint(  # noqa: N802 - keras3's name
    classname: str, call: Any = None, get_config: Any = None, *, public: Any = None, private: Any = None,
    inherit: Any = None, parent_env: Any = None, **methods: Any,
) -> ClassConstructor:
    """Define a custom weight constraint class (keras3's ``Constraint()``): ``call(self, w)`` returns
    the constrained weights.

    Args:
        classname: The name of the class.
        call: ``call(self, w)``.
        get_config: ``get_config(self)``.
        public: Further methods and class attributes.
        private: Members kept out of Keras's view.
        inherit: The class to subclass (default: Keras's ``Constraint``).
        parent_env: The R environment the methods see (R only).

    Returns:
        A constraint constructor.
    """
    return _constraint(classname, public=public, private=private, inherit=inherit, parent_env=parent_env,
                       call=call, get_config=get_config, **methods)


def LearningRateSchedule(  # noqa: N802 - keras3's name
    classname: str, call: Any = None, initialize: Any = None, get_config: Any = None, *, public: Any = None,
    private: Any = None, inherit: Any = None, parent_env: Any = None, **methods: Any,
) -> ClassConstructor:
    """Define a custom learning-rate schedule class (keras3's ``LearningRateSchedule()``):
    ``call(self, step)`` returns the learning rate at ``step`` (a tensor).

    Args:
        classname: The name of the class.
        call: ``call(self, step)``.
        initialize: The constructor.
        get_config: ``get_config(self)``.
        public: Further methods and class attributes.
        private: Members kept out of Keras's view.
        inherit: The class to subclass (default: Keras's ``LearningRateSchedule``).
        parent_env: The R environment the methods see (R only).

    Returns:
        A schedule constructor: ``my_schedule(...)`` is a schedule to give an optimizer.
    """
    return _schedule(classname, public=public, private=private, inherit=inherit, parent_env=parent_env,
                     call=call, initialize=initialize, get_config=get_config, **methods)


def custom_metric(name: str, metric_fn: Callable[..., Any]) -> Callable[..., Any]:
    """A metric function with a name (keras3's ``custom_metric()``): Keras reports it under ``name``.

    Args:
        name: The metric's name, as in the training history.
        metric_fn: ``metric_fn(y_true, y_pred)``, returning the metric of a batch.
    """
    if not isinstance(name, str) or not name:
        raise arg_error("custom_metric", "name", "a character string", name)
    if not callable(metric_fn):
        raise arg_error("custom_metric", "metric_fn", "a function", metric_fn)

    @functools.wraps(metric_fn) if inspect.isfunction(metric_fn) else (lambda f: f)
    def metric(y_true: Any, y_pred: Any, *args: Any, **kwargs: Any) -> Any:
        return metric_fn(y_true, y_pred, *args, **kwargs)

    metric.__name__ = name
    metric.__qualname__ = name
    return metric


def class_kind(value: Any) -> str:
    """Which constructor's kind a class (or constructor) belongs to: ``"model"`` for a model class,
    ``"layer"`` for another layer, ..."""
    cls = as_class(value, "%py_class%", "inherit")
    for kind in ("model", "layer", "loss", "metric", "callback", "constraint", "learningrateschedule"):
        if issubclass(cls, resolve(BASES[kind])):
            return kind
    raise arg_error("%py_class%", "inherit", "a Keras layer, model, loss, metric, callback, constraint or "
                    "learning-rate schedule class", value)


# Where an instance keeps what its R methods share (the R environment behind `private`): outside
# Keras's attribute tracking, under a name Keras's saving skips.
_STATE = "__rk_private__"


def instance_state(obj: Any, value: Any = _STATE) -> Any:
    """The per-instance state of an object of a custom class (``value`` given: set it)."""
    if value is _STATE:
        return getattr(obj, "__dict__", {}).get(_STATE)
    obj.__dict__[_STATE] = value
    return None


def instantiate(kind: str, value: Any) -> Any:
    """``value`` as an object of ``kind`` where Keras wants an instance: a constructor is called with
    no arguments (``compile(loss = my_loss)``)."""
    if isinstance(value, ClassConstructor):
        return value()
    if isinstance(value, type) and issubclass(value, resolve(BASES[kind.lower()])):
        return value()
    return value


__all__ = [
    "BASES", "ActiveProperty", "ClassConstructor", "RSuper", "active_property", "mark_active", "as_class",
    "new_class", "Layer", "Model", "Loss", "Metric", "Callback", "Constraint", "LearningRateSchedule",
    "custom_metric", "instantiate", "class_kind", "instance_state",
]
