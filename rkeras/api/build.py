"""Turns spec rows into the R-style Python functions.

Each row becomes one :class:`RFunction`. Building them is cheap (no Keras
import); the Keras class or function behind a row is resolved, and its
signature introspected, on first call. How a call composes depends on the
row's ``compose`` kind (see :mod:`rkeras.spec`):

* ``layer``: no object -> :class:`~rkeras.pipe.LayerStage`; a Sequential model
  -> the layer is added and the model returned; a tensor/array -> the layer
  is applied and its output returned.
* ``verb``: a model (or layer) first -> called now; otherwise a pipe
  :class:`~rkeras.pipe.Stage` waiting for the model.
* ``object`` / ``function`` / ``value``: called now.
* ``loss``: the Keras function when ``y_true`` and ``y_pred`` are given,
  else an instance of the Keras class (keras3's loss_*/metric_* rule).
"""

from __future__ import annotations

import inspect
import keyword
import warnings
from functools import cache, cached_property
from typing import Any

from ..errors import RKerasError
from ..spec import Row, all_rows
from . import _keras
from .args import convert_arg
from .pipe import LayerStage, Stage, unwrap

_MISSING: Any = object()
_INPUT_SHAPE_ARGS = frozenset({"input_shape", "input_dim", "batch_input_shape"})
_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


@cache
def _signature(target: Any) -> inspect.Signature:
    try:
        return inspect.signature(target)
    except (TypeError, ValueError):  # builtins without signatures
        return inspect.Signature(
            [
                inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
                inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
            ]
        )


class RFunction:
    """An R-style function made from one spec row."""

    def __init__(self, row: Row) -> None:
        self.row = row
        self.__name__ = row.name
        self.__qualname__ = row.name
        self.__module__ = "rkeras"
        self._doc: str | None = None

    @property  # type: ignore[override]
    def __doc__(self) -> str:  # noqa: PLE0307 - computed on first use (imports the target)
        """The target's docstring with the R semantics (:func:`rkeras.api.docs.python_doc`)."""
        if self._doc is None:
            from .docs import python_doc

            self._doc = python_doc(self.row)
        return self._doc

    def __get__(self, obj: Any, objtype: Any = None) -> RFunction:
        # A non-data descriptor: pydoc and inspect then treat the function as a routine
        # (``help(rkeras.layer_dense)`` shows its signature and arguments).
        return self

    # ---------------------------------------------------------------- introspection
    def target(self) -> Any:
        return _keras.resolve(self.row.target)

    def keras_object(self) -> Any:
        """The Keras object this name stands for when passed as a value (``activation=activation_relu``)."""
        if self.row.compose == "function" and self.row.is_keras:
            return self.target()
        return None

    @cached_property
    def target_signature(self) -> inspect.Signature:
        return _signature(self.target())

    @property
    def __signature__(self) -> inspect.Signature:
        sig = self.target_signature
        if self.row.compose == "layer":
            obj = inspect.Parameter("object", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None)
            params = [obj] + [
                p.replace(kind=inspect.Parameter.KEYWORD_ONLY) if p.kind in _POSITIONAL else p
                for p in sig.parameters.values()
                if p.kind != inspect.Parameter.VAR_POSITIONAL
            ]
            params.sort(key=lambda p: p.kind)
            return sig.replace(parameters=params)
        return sig

    def __repr__(self) -> str:
        return f"<rkeras function {self.row.name} -> {self.row.target}>"

    # ---------------------------------------------------------------- calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self, f"_call_{self.row.compose}")(args, kwargs)
        except RKerasError:
            raise
        except (ValueError, TypeError) as err:
            raise RKerasError(str(err), fn=self.row.name) from err

    def _call_layer(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        obj, args = _split_object(args, kwargs, _is_layer_object)
        layer = self._construct(self.target(), args, kwargs)
        if obj is _MISSING or obj is None:
            return LayerStage(layer, self.row.name, compose_layer)
        return compose_layer(obj, layer)

    def _call_object(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self._construct(self.target(), args, kwargs)

    def _call_function(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self._construct(self.target(), args, kwargs)

    def _call_value(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self._construct(self.target(), args, kwargs)

    def _call_verb(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        first_name = next(iter(self.target_signature.parameters))
        obj, args = _split_object(args, kwargs, _keras.is_model, names=("object", first_name))
        if obj is _MISSING:
            return Stage(self, args, dict(kwargs), self.row.name)
        return self._construct(self.target(), (unwrap(obj), *args), kwargs)

    def _call_loss(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        has_data = len(args) >= 2 or ("y_true" in kwargs and "y_pred" in kwargs)
        if has_data and self.row.function:
            fn = _keras.resolve(self.row.function)
            return self._construct(fn, args, kwargs, sig=_signature(fn))
        if has_data:
            raise RKerasError(
                "this metric has no function form; call it without `y_true`/`y_pred` and use the object",
                fn=self.row.name,
            )
        if args:
            raise RKerasError(
                "arguments of the loss/metric object must be named (positional arguments "
                "are `y_true`, `y_pred`)",
                fn=self.row.name,
            )
        return self._construct(self.target(), args, kwargs)

    # ---------------------------------------------------------------- argument handling
    def _construct(
        self, target: Any, args: tuple[Any, ...], kwargs: dict[str, Any], sig: inspect.Signature | None = None
    ) -> Any:
        sig = sig or self.target_signature
        args, kwargs = self.bind(sig, args, kwargs)
        if self.row.family != "layer" or not (
            {"input_shape", "input_dim", "batch_input_shape"} & kwargs.keys()
        ):
            return target(*args, **kwargs)
        with warnings.catch_warnings():
            # Keras 3 warns about input_shape= on a layer; keras3 R accepts it on any layer.
            warnings.filterwarnings("ignore", message=".*Do not pass an `input_shape`.*")
            return target(*args, **kwargs)

    def bind(
        self, sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """Name positional arguments, apply renames, reject unknown names, convert values."""
        name = self.row.name
        params = sig.parameters
        positional, var_positional, var_keyword = _shape_of(sig)
        kwargs = dict(kwargs)
        for old, (new, warn) in self.row.rename.items():
            if old in kwargs:
                if warn:
                    warnings.warn(f"{name}(): `{old}` is deprecated, use `{new}`", UserWarning, stacklevel=4)
                if new in kwargs:
                    raise RKerasError(f"give `{new}` or `{old}`, not both", fn=name, arg=new)
                kwargs[new] = kwargs.pop(old)
        for key in [k for k in kwargs if keyword.iskeyword(k)]:
            if f"{key}_" in params:  # R's from= -> from_
                kwargs[f"{key}_"] = kwargs.pop(key)
        extra: tuple[Any, ...] = ()
        if len(args) > len(positional):
            if not var_positional:
                raise RKerasError(
                    f"takes at most {len(positional)} positional arguments "
                    f"({', '.join(p.name for p in positional)}), got {len(args)}",
                    fn=name,
                )
            extra = args[len(positional) :]
            args = args[: len(positional)]
        named: dict[str, Any] = {}
        for param, value in zip(positional, args, strict=False):
            if param.name in kwargs:
                raise RKerasError(
                    f"`{param.name}` given twice (by position and by name)", fn=name, arg=param.name
                )
            named[param.name] = value
        named.update(kwargs)
        if not var_keyword:
            unknown = [k for k in named if k not in params]
            if unknown:
                known = ", ".join(
                    p
                    for p in params
                    if params[p].kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
                )
                raise RKerasError(
                    f"unknown argument `{unknown[0]}`; arguments are: {known}", fn=name, arg=unknown[0]
                )
        converted = {
            k: convert_arg(v, fn=name, arg=k, param=params.get(k), explicit=self.row.convert)
            for k, v in named.items()
        }
        if extra:
            # keep positional order: the named positional ones first, then *args
            head = tuple(converted.pop(p.name) for p in positional)
            return head + tuple(unwrap(e) for e in extra), converted
        return (), converted


@cache
def _shape_of(sig: inspect.Signature) -> tuple[list[inspect.Parameter], bool, bool]:
    """Positional parameters, and whether there are *args / **kwargs (cached per signature)."""
    params = sig.parameters.values()
    return (
        [p for p in params if p.kind in _POSITIONAL],
        any(p.kind == inspect.Parameter.VAR_POSITIONAL for p in params),
        any(p.kind == inspect.Parameter.VAR_KEYWORD for p in params),
    )


def _is_layer_object(value: Any) -> bool:
    return value is None or _keras.is_model(value) or _keras.is_tensor_like(value)


def _split_object(
    args: tuple[Any, ...], kwargs: dict[str, Any], test: Any, names: tuple[str, ...] = ("object",)
) -> tuple[Any, tuple[Any, ...]]:
    """Take the object a verb/layer composes with: ``object=`` or a qualifying first positional."""
    for key in names:
        if key in kwargs and test(unwrap(kwargs[key])):
            return kwargs.pop(key), args
    if "object" in kwargs:
        return kwargs.pop("object"), args
    if args and test(unwrap(args[0])):
        return unwrap(args[0]), args[1:]
    return _MISSING, args


def compose_layer(obj: Any, layer: Any) -> Any:
    """keras3's compose rule: Sequential -> add and return the model; else apply the layer."""
    obj = unwrap(obj)
    if _keras.is_sequential(obj):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*Do not pass an `input_shape`.*")
            obj.add(layer)
        return obj
    return layer(obj)


def build_all() -> dict[str, RFunction]:
    return {row.name: RFunction(row) for row in all_rows()}


_FUNCTIONS: dict[str, RFunction] | None = None


def functions() -> dict[str, RFunction]:
    """Every R-style function by name (the registry the R bridge dispatches through)."""
    global _FUNCTIONS
    if _FUNCTIONS is None:
        _FUNCTIONS = build_all()
    return _FUNCTIONS


def get_function(name: str) -> RFunction:
    try:
        return functions()[name]
    except KeyError:
        raise RKerasError(f"no R-style function named {name!r}") from None
