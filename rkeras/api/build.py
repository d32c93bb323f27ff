"""Turns spec rows into the R-style Python functions.

Each row becomes one :class:`RFunction`. Building them is cheap (no Keras
import); the Keras class or function behind a row is resolved, and its
signature introspected, on first call. How a call composes depends on the
row's ``compose`` kind (see :mod:`rkeras.spec`):

* ``layer``: no object -> :class:`~rkeras.pipe.LayerStage`; a Sequential model
  -> the layer is added and the model returned; a tensor/array -> the layer
  is applied and its output returned.
* ``merge``: keras3's merge layers (``layer_concatenate(inputs, ..., axis = -1L)``):
  ``inputs`` (a tensor or a list) and the unnamed arguments are the tensors,
  named arguments configure the layer; tensors -> the merged tensor, none ->
  the layer (a stage: ``[a, b] | layer_add()``).
* ``verb``: a model (or layer) first -> called now; otherwise a pipe
  :class:`~rkeras.pipe.Stage` waiting for the model.
* ``object`` / ``function`` / ``value``: called now.
* ``loss``: the Keras function when ``y_true`` and ``y_pred`` are given,
  else an instance of the Keras class (keras3's loss_*/metric_* rule).

Arguments are converted by :mod:`rkeras.api.args` (the converter of each
argument: the row's ``convert`` column, the target-pattern rules of
:mod:`rkeras.spec.converters`, inference from the Keras default). A row's
R-only arguments (``r_args``, e.g. ``zero_indexed = FALSE``) are taken out
before the call, and its ``result`` transform (e.g. ``"index1"``: +1 on
returned indices) is applied to what the target returns.
"""

from __future__ import annotations

import difflib
import inspect
import keyword
import warnings
from functools import cache, cached_property
from typing import Any

from ..errors import WRAPPED, RKerasError, arg_error, rethrow
from ..spec import Row, all_rows
from . import _keras, rowfacts
from .args import RESULTS, ZERO_INDEXED_CONVERTERS, convert_value, converter_for
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
        if self.row.removed is not None:
            raise rowfacts.removed_error(self.row)
        return _keras.resolve(self.row.target)

    def keras_object(self) -> Any:
        """The Keras object this name stands for when passed as a value (``activation=activation_relu``)."""
        if self.row.compose == "function" and self.row.is_keras:
            return self.target()
        return None

    @cached_property
    def target_signature(self) -> inspect.Signature:
        if rowfacts.has_own_signature(self.row):
            return rowfacts.own_signature(self.row)
        return rowfacts.with_row_defaults(self.row, _signature(self.target()))

    @property
    def __signature__(self) -> inspect.Signature:
        sig = self._public_signature()
        if not self.row.r_args:
            return sig
        extra = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default)
            for name, default in self.row.r_args.items()
        ]
        params = sorted([*sig.parameters.values(), *extra], key=lambda p: p.kind)
        return sig.replace(parameters=params)

    def _public_signature(self) -> inspect.Signature:
        sig = self.target_signature
        if self.row.compose == "merge":
            head = [
                inspect.Parameter("inputs", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None),
                inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
            ]
            rest = [
                p.replace(kind=inspect.Parameter.KEYWORD_ONLY) if p.kind in _POSITIONAL else p
                for p in sig.parameters.values()
                if p.kind != inspect.Parameter.VAR_POSITIONAL
            ]
            return sig.replace(parameters=head + rest)
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
        if self.row.removed is not None:
            raise rowfacts.removed_error(self.row)
        try:
            r_only = self._take_r_args(kwargs)
            return getattr(self, f"_call_{self.row.compose}")(args, kwargs, r_only)
        except RKerasError:
            raise
        except WRAPPED as err:
            raise rethrow(err, self.row.name) from err

    def _take_r_args(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The row's R-only arguments (given or default), taken out of ``kwargs``."""
        if not self.row.r_args:
            return {}
        r_only = {}
        for name, default in self.row.r_args.items():
            value = kwargs.pop(name, default)
            if name == "zero_indexed" and not isinstance(value, bool):
                raise RKerasError(f"`zero_indexed` must be TRUE or FALSE, got {value!r}", fn=self.row.name,
                                  arg=name)
            r_only[name] = value
        return r_only

    def _call_layer(self, args: tuple[Any, ...], kwargs: dict[str, Any], r_only: dict[str, Any]) -> Any:
        obj, args = _split_object(args, kwargs, _is_layer_object)
        layer = self._construct(self.target(), args, kwargs, r_only=r_only)
        if obj is _MISSING or obj is None:
            return LayerStage(layer, self.row.name, compose_layer)
        return compose_layer(obj, layer)

    def _call_merge(self, args: tuple[Any, ...], kwargs: dict[str, Any], r_only: dict[str, Any]) -> Any:
        inputs: list[Any] = []
        for key in ("inputs", "object"):  # keras3's formal; today's R wrappers call it `object`
            if key in kwargs:
                _add_inputs(inputs, kwargs.pop(key))
        for value in args:
            _add_inputs(inputs, value)
        layer = self._construct(self.target(), (), kwargs, r_only=r_only)
        if not inputs:
            return LayerStage(layer, self.row.name, compose_layer)
        return layer(inputs)

    def _call_object(self, args: tuple[Any, ...], kwargs: dict[str, Any], r_only: dict[str, Any]) -> Any:
        return self._construct(self.target(), args, kwargs, r_only=r_only)

    _call_function = _call_object
    _call_value = _call_object

    def _call_verb(self, args: tuple[Any, ...], kwargs: dict[str, Any], r_only: dict[str, Any]) -> Any:
        first_name = next(iter(self.target_signature.parameters))
        for key in dict.fromkeys(("object", first_name)):
            if key in kwargs and not _keras.is_model(unwrap(kwargs[key])):
                raise arg_error(self.row.name, key, "a Keras model (or layer)", kwargs[key])
        obj, args = _split_object(args, kwargs, _keras.is_model, names=("object", first_name))
        if obj is _MISSING:
            if args and (args[0] is None or isinstance(args[0], (bool, int, float, complex))):
                # a scalar is never the data of a pipe stage (`fit(x, y)`): a wrong model
                raise arg_error(self.row.name, "object", "a Keras model (or layer)", args[0])
            return Stage(self, args, {**kwargs, **r_only}, self.row.name)
        return self._construct(self.target(), (unwrap(obj), *args), kwargs, r_only=r_only)

    def _call_loss(self, args: tuple[Any, ...], kwargs: dict[str, Any], r_only: dict[str, Any]) -> Any:
        has_data = len(args) >= 2 or ("y_true" in kwargs and "y_pred" in kwargs)
        if has_data and self.row.function:
            fn = _keras.resolve(self.row.function)
            return self._construct(fn, args, kwargs, sig=_signature(fn), r_only=r_only)
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
        return self._construct(self.target(), args, kwargs, r_only=r_only)

    # ---------------------------------------------------------------- argument handling
    def _construct(
        self,
        target: Any,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        sig: inspect.Signature | None = None,
        r_only: dict[str, Any] | None = None,
    ) -> Any:
        own = sig is None
        sig = sig or self.target_signature
        zero_indexed = bool((r_only or {}).get("zero_indexed", False))
        args, kwargs = self.bind(sig, args, kwargs, zero_indexed=zero_indexed)
        if own:  # the row's defaults / template (rkeras.api.rowfacts)
            kwargs = rowfacts.fill_defaults(self.row, sig, args, kwargs)
            if self.row.template is not None:
                return rowfacts.call_template(self.row, target, kwargs)
        try:
            if self.row.family != "layer" or not (_INPUT_SHAPE_ARGS & kwargs.keys()):
                out = target(*args, **kwargs)
            else:
                with warnings.catch_warnings():
                    # Keras 3 warns about input_shape= on a layer; keras3 R accepts it on any layer.
                    warnings.filterwarnings("ignore", message=".*Do not pass an `input_shape`.*")
                    out = target(*args, **kwargs)
        except (TypeError, ValueError) as err:
            # A target taking **kwargs cannot reject a misspelt name before the call; when the
            # call fails, say which given names no class in its hierarchy knows.
            unknown = [k for k in kwargs if k not in _known_names(target)]
            if unknown:
                close = difflib.get_close_matches(unknown[0], sorted(_known_names(target)), n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                raise RKerasError(f"unknown argument `{unknown[0]}`{hint}; Keras says: {err}",
                                  fn=self.row.name, arg=unknown[0]) from err
            raise
        if self.row.result is not None and not zero_indexed:
            out = RESULTS[self.row.result](out)
        return out

    def bind(
        self,
        sig: inspect.Signature,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        *,
        zero_indexed: bool = False,
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
        if var_positional and args and any(p.name in kwargs for p in positional):
            # R's matching, as the R wrappers call (`op_switch(index, branches, ...)` passes its
            # formals by name and `...` unnamed): unnamed values fill the positional parameters not
            # given by name, in order; the rest go to *args.
            positional = [p for p in positional if p.name not in kwargs]
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
                variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
                named_params = [p for p in params if params[p].kind not in variadic]
                known = ", ".join(named_params + list(self.row.r_args))
                raise RKerasError(
                    f"unknown argument `{unknown[0]}`; arguments are: {known}", fn=name, arg=unknown[0]
                )
        converted = {}
        for k, v in named.items():
            converter = converter_for(self.row, k, params.get(k))
            if zero_indexed and converter in ZERO_INDEXED_CONVERTERS:
                converter = ZERO_INDEXED_CONVERTERS[converter]
            converted[k] = convert_value(converter, v, fn=name, arg=k)
        if extra:
            # keep positional order: the named positional ones first, then *args
            head = tuple(converted.pop(p.name) for p in _shape_of(sig)[0])
            return head + tuple(unwrap(e) for e in extra), converted
        return (), converted


# Arguments every Keras layer takes through **kwargs (keras.layers.Layer pops them).
_LAYER_KWARGS = frozenset({"input_shape", "input_dim", "batch_input_shape", "batch_size", "weights"})


@cache
def _known_names(target: Any) -> frozenset[str]:
    """Argument names a target accepts: its own and, for a class, those of every ``__init__`` in
    its hierarchy (what its ``**kwargs`` may reach), plus a layer's base keyword arguments."""
    names = set(_signature(target).parameters)
    if isinstance(target, type):
        for klass in target.__mro__:
            init = klass.__dict__.get("__init__")
            if init is not None:
                names.update(_signature(init).parameters)
        if any(k.__name__ == "Layer" for k in target.__mro__):
            names |= _LAYER_KWARGS
    return frozenset(names)


@cache
def _shape_of(sig: inspect.Signature) -> tuple[list[inspect.Parameter], bool, bool]:
    """Positional parameters, and whether there are *args / **kwargs (cached per signature)."""
    params = sig.parameters.values()
    return (
        [p for p in params if p.kind in _POSITIONAL],
        any(p.kind == inspect.Parameter.VAR_POSITIONAL for p in params),
        any(p.kind == inspect.Parameter.VAR_KEYWORD for p in params),
    )


def _add_inputs(inputs: list[Any], value: Any) -> None:
    """A merge layer's tensors: a list (or tuple) adds its elements, NULL adds nothing."""
    value = unwrap(value)
    if value is None:
        return
    if isinstance(value, (list, tuple)):
        inputs.extend(v for v in value if v is not None)
    else:
        inputs.append(value)


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
