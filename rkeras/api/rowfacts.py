"""What the ``removed``, ``template`` and ``defaults`` columns of a spec row do to its function.

:mod:`rkeras.api.build` calls these few hooks; everything about the three
columns is implemented here, once:

* ``removed``: the function raises :func:`removed_error` when called (or its
  target is asked for), before any argument is looked at;
* ``template``: the function's formals are the row's ``defaults`` (plus
  ``**kwargs`` when the template passes extras on) and a call runs the
  template's implementation with the row and its resolved target;
* ``defaults`` without a template: the target's introspected signature with
  those defaults replaced, and the defaults passed when not given.

Importing this module does not import Keras.
"""

from __future__ import annotations

import inspect
from typing import Any

from ..errors import RKerasError
from ..spec import MISSING, TEMPLATES, Row
from . import _keras

_P = inspect.Parameter
# A removed row's function takes anything (the call raises before binding).
ANY_SIGNATURE = inspect.Signature([_P("args", _P.VAR_POSITIONAL), _P("kwargs", _P.VAR_KEYWORD)])


def removed_error(row: Row) -> RKerasError:
    """``<name>(): removed in Keras 3: <what to use instead>``."""
    return RKerasError(f"removed in Keras 3: {row.removed}", fn=row.name)


def has_own_signature(row: Row) -> bool:
    """True when the row's signature does not come from its target (removed and template rows)."""
    return row.removed is not None or row.template is not None


def own_signature(row: Row) -> inspect.Signature:
    """The signature of a removed or template row (no target is resolved)."""
    if row.removed is not None:
        return ANY_SIGNATURE
    params = [_P(name, _P.POSITIONAL_OR_KEYWORD, default=value) for name, value in row.defaults.items()]
    if TEMPLATES[str(row.template)].extra:
        params.append(_P("kwargs", _P.VAR_KEYWORD))
    return inspect.Signature(params)


def with_row_defaults(row: Row, sig: inspect.Signature) -> inspect.Signature:
    """The target's signature with the row's ``defaults`` in place of the target's own."""
    if not row.defaults:
        return sig
    unknown = [name for name in row.defaults if name not in sig.parameters]
    if unknown:
        raise ValueError(f"spec row {row.name}: `defaults` names {unknown}, which {row.target} does not take")
    return sig.replace(
        parameters=[
            p.replace(default=row.defaults[p.name]) if p.name in row.defaults else p
            for p in sig.parameters.values()
        ]
    )


def fill_defaults(
    row: Row, sig: inspect.Signature, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> dict[str, Any]:
    """``kwargs`` plus the row's defaults for the arguments the call did not give (a MISSING default:
    nothing, the target's own default or error applies)."""
    if not row.defaults:
        return kwargs
    given = set(kwargs) | {p.name for p, _ in zip(sig.parameters.values(), args, strict=False)}
    return {**{k: v for k, v in row.defaults.items() if k not in given and v is not MISSING}, **kwargs}


def call_template(row: Row, target: Any, arguments: dict[str, Any]) -> Any:
    """Run the row's template: ``impl(row, target, arguments)``."""
    impl = _keras.resolve(TEMPLATES[str(row.template)].impl)
    return impl(row, target, arguments)
