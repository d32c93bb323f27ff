"""The R formals of each spec row, introspected from its Python target.

A row's formals come, in this order, from:

* the row's ``formals`` column (R syntax, e.g. ``"object, f, output_shape = NULL, ..."``), where
  keras3's R signature cannot be derived from Python (R-only arguments, other defaults/order);
* the row's ``last`` column moves the arguments keras3 puts after ``...`` to the end;
* otherwise the target's Python signature (``inspect.signature`` of the Keras class/function, or
  of the rkeras implementation), rendered as R: ``None`` -> ``NULL``, ``True`` -> ``TRUE``, ints as
  ``-1L``, tuples/lists -> ``list(...)``, ``*args``/``**kwargs`` -> ``...``, a Python keyword
  escape ``from_`` -> ``from``; ``object`` first for the compose kinds that compose with one
  (``layer``); for ``loss`` rows keras3's layout: ``y_true, y_pred``, the function form's
  arguments, ``...``, then the class-only arguments.

A formal whose R default differs from the Python default is *forced*: the wrapper always passes
it. Every other argument reaches Python only when the caller supplies it, so Keras's own
defaults and rkeras's argument checks apply unchanged. Importing this module is cheap; computing
formals imports Keras.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass
from typing import Any

from ...spec import Row

DOTS = "..."
# Python keywords that rkeras spells with a trailing underscore (R's `from =` is Python's from_).
_PY_KEYWORD_ESCAPES = frozenset({"from", "in", "is", "if", "for", "while", "lambda", "class", "global"})


@dataclass(frozen=True)
class Formal:
    """One R formal argument: its R name, its default in R syntax (None: no default), whether the
    wrapper always passes it (its R default differs from Python's), and the Python name."""

    name: str
    default: str | None = None
    forced: bool = False
    py_name: str | None = None

    def render(self) -> str:
        from ...host.rpackage import r_name

        name = self.name if self.name == DOTS else r_name(self.name)
        return name if self.default is None else f"{name} = {self.default}"


class NotRenderable(ValueError):
    """A Python default with no R spelling."""


def r_value(value: Any) -> str:
    """A Python default as R source (raises :class:`NotRenderable`)."""
    if value is None:
        return "NULL"
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, int):
        return f"{value}L"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Inf" if value > 0 else "-Inf"
        return _r_double(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        escaped = escaped.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return '"' + escaped + '"'
    if isinstance(value, (tuple, list)):
        return "list(" + ", ".join(r_value(v) for v in value) + ")"
    raise NotRenderable(f"no R spelling for the default {value!r}")


def _r_double(value: float) -> str:
    """As R deparses a double: the shorter of fixed and scientific notation (fixed on a tie)."""
    digits = repr(value)  # the shortest round-trip digits
    mant, _, exp = f"{float(digits):.15e}".partition("e")
    mant = mant.rstrip("0").rstrip(".")
    sci = f"{mant}e{exp[0]}{int(exp[1:]):02d}"
    fixed = f"{value:.15f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else sci
    if float(fixed) != value:
        fixed = digits
    return fixed if len(fixed) <= len(sci) else sci


def _r_arg_name(name: str) -> str:
    if name.endswith("_") and name[:-1] in _PY_KEYWORD_ESCAPES:
        return name[:-1]
    return name


def _signature(target: Any) -> inspect.Signature | None:
    try:
        return inspect.signature(target)
    except (TypeError, ValueError):
        return None


def _from_signature(sig: inspect.Signature, skip: frozenset[str] = frozenset()) -> list[Formal]:
    from ...api.args import MISSING

    out: list[Formal] = []
    for p in sig.parameters.values():
        if p.name in ("self", "cls") or p.name in skip:
            continue
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            if all(f.name != DOTS for f in out):
                out.append(Formal(DOTS, py_name=p.name if p.kind == p.VAR_POSITIONAL else None))
            continue
        if p.default is p.empty or p.default is MISSING:  # MISSING: R's missing(), no R default
            out.append(Formal(_r_arg_name(p.name), py_name=p.name))
            continue
        try:
            default = r_value(p.default)
        except NotRenderable:
            default = "NULL"  # an object default (a callable, ...): Python's applies when missing
        out.append(Formal(_r_arg_name(p.name), default, py_name=p.name))
    return out


def parse_formals(text: str) -> list[Formal]:
    """``"object, units, activation = NULL, ..."`` -> formals (nested calls kept whole)."""
    out: list[Formal] = []
    depth = 0
    current = ""
    in_str: str | None = None
    escaped = False
    parts: list[str] = []
    for ch in text:
        if in_str:
            current += ch
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == in_str:
                in_str = None
            continue
        if ch in "\"'":
            in_str = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    if current.strip():
        parts.append(current)
    for part in parts:
        name, eq, default = part.strip().partition("=")
        name = name.strip().strip("`")
        out.append(Formal(name, default.strip() if eq else None))
    return out


def python_formals(row: Row) -> list[Formal]:
    """The row's formals as its Python target(s) give them (no ``formals`` column)."""
    from ...api import _keras

    if row.removed is not None:
        return [Formal(DOTS)]
    if row.template is not None:  # the family's formals are the row's defaults (rkeras.api.rowfacts)
        from ...api.build import get_function

        return _from_signature(inspect.signature(get_function(row.name)))
    from ...api.rowfacts import with_row_defaults

    target = _keras.resolve(row.target)
    sig = _signature(target)
    if sig is None:
        return [Formal(DOTS)]
    sig = with_row_defaults(row, sig)  # the row's `defaults` column (kerasR's, keras3's) replaces Keras's
    if row.compose == "loss":
        class_formals = _from_signature(sig)
        if row.function:
            fn_sig = _signature(_keras.resolve(row.function))
            fn_formals = _from_signature(fn_sig, skip=frozenset({"y_true", "y_pred"})) if fn_sig else []
            class_defaults = {f.name: f for f in class_formals}
            # a required argument of the function form takes the class's default (q = 0.5)
            fn_formals = [class_defaults.get(f.name, f) if f.default is None else f
                          for f in fn_formals if f.name != DOTS]
            names = {f.name for f in fn_formals}
            rest = [f for f in class_formals if f.name not in names and f.name != DOTS]
            return [Formal("y_true"), Formal("y_pred"), *fn_formals, Formal(DOTS), *rest]
        return [Formal(DOTS), *[f for f in class_formals if f.name != DOTS]]
    formals = _one_based_defaults(row, sig, _from_signature(sig))
    if row.compose == "layer":
        formals = [Formal("object"), *[f for f in formals if f.name != "object"]]
    elif row.compose == "merge":  # keras3: layer_concatenate(inputs, ..., axis = -1L)
        formals = [Formal("inputs"), Formal(DOTS), *[f for f in formals if f.name not in ("inputs", DOTS)]]
    # R-only arguments (zero_indexed = FALSE) come last, before a trailing `...`
    extra = [Formal(name, r_value(default)) for name, default in row.r_args.items()]
    if extra:
        tail = [f for f in formals if f.name == DOTS][-1:] if formals and formals[-1].name == DOTS else []
        formals = [*formals[: len(formals) - len(tail)], *extra, *tail]
    return formals


def _one_based_defaults(row: Row, sig: inspect.Signature, formals: list[Formal]) -> list[Formal]:
    """Defaults of 1-based arguments (converter "axis", "index1", "py_index" or "index") shown as R counts:
    Keras's ``MaxNorm(axis = 0)`` is keras3's ``axis = 1L`` (R's 0 would be an error). Negative
    defaults count from the end in both and stay."""
    from ...api.args import converter_for

    out = []
    for f in formals:
        param = sig.parameters.get(f.py_name or "")
        value = param.default if param is not None else None
        if (param is not None and value is not param.empty
                and converter_for(row, param.name, param) in ("axis", "index1", "py_index", "index")):
            shifted = _shift(value)
            if shifted is not value:
                f = Formal(f.name, r_value(shifted), f.forced, f.py_name)
        out.append(f)
    return out


def _shift(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value + 1 if value >= 0 else value
    if isinstance(value, (list, tuple)) and all(type(v) is int for v in value):
        return type(value)(_shift(v) for v in value)
    return value


def _last(row: Row, formals: list[Formal]) -> list[Formal]:
    """The row's ``last`` arguments moved to the end, in its order (``...`` stays where it is unless
    listed); one the target does not name is added with default NULL, reaching the target through
    ``...``. A listed ``...`` the target lacks is added: an argument given through it is then the
    builder's unknown-argument error (keras3 passes it on to a Keras function that refuses it)."""
    if not row.last:
        return formals
    by_name = {f.name: f for f in formals}
    by_name.setdefault(DOTS, Formal(DOTS))
    missing = [name for name in row.last if name not in by_name]
    if missing and all(f.name != DOTS for f in formals):
        raise ValueError(f"spec row {row.name}: `last` names {missing}, which {row.target} does not take")
    rest = [f for f in formals if f.name not in row.last]
    return [*rest, *(by_name.get(name) or Formal(name, "NULL") for name in row.last)]


def r_formals(row: Row) -> list[Formal]:
    """The R formals of ``row``'s wrapper (see the module docstring)."""
    py = _last(row, python_formals(row))
    override = getattr(row, "formals", None)
    if not override:
        return py
    py_defaults = {f.name: f.default for f in py}
    out = []
    for f in parse_formals(override):
        forced = f.default is not None and f.name in py_defaults and py_defaults[f.name] != f.default
        out.append(Formal(f.name, f.default, forced))
    return out


def render(formals: list[Formal]) -> str:
    return ", ".join(f.render() for f in formals)


__all__ = ["Formal", "r_formals", "python_formals", "parse_formals", "r_value", "render", "DOTS"]
