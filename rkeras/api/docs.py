"""Documentation of the R-style functions, from the docstrings of what they wrap.

:func:`parse_docstring` reads a Google-style docstring (Keras's and rkeras's own): the
description before the first section, the ``Args:`` entries and the ``Returns:`` text.
:func:`row_doc` gives the parsed documentation of a spec row's target (a Keras class or
function, or the rkeras implementation); :func:`python_doc` renders it as the Python
``__doc__`` of the R-style function. The codegen writes the R help pages from the same facts.

Importing this module is cheap; :func:`row_doc` imports the target (Keras).
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from functools import cache

from ..spec import Row

# Section headers of Google-style docstrings (Keras's spellings included).
_SECTION = re.compile(
    r"^(Args|Arguments|Parameters|Returns|Return|Raises|Examples?|Example usage|Usage|Standalone usage|"
    r"Usage with `compile\(\)` API|Input shape|Output shape|Call arguments|Call args|References?|Notes?|"
    r"Note on [^:]*|Attributes|Properties|Yields|Methods|Warning|Input|Output|Returns? value):\s*$"
)
_ARG = re.compile(r"^\*{0,2}([A-Za-z_][A-Za-z0-9_]*)\s*(?:\([^)]*\))?\s*:\s*(.*)$")

OBJECT_ARG = "The model or tensor to compose with; if missing, the layer is returned."
DOTS_ARG = "Further arguments passed to Keras."


@dataclass
class Doc:
    """The parts of a docstring the help pages use."""

    title: str = ""
    description: str = ""
    args: dict[str, str] = field(default_factory=dict)
    returns: str = ""


def _dedent(lines: list[str]) -> list[str]:
    return inspect.cleandoc("\n".join(lines)).splitlines() if lines else []


def _strip_code(lines: list[str]) -> list[str]:
    """Drops fenced code blocks and doctest lines (examples are Python)."""
    out: list[str] = []
    fenced = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced or stripped.startswith((">>>", "...")):
            continue
        out.append(line)
    return out


def _paragraphs(lines: list[str]) -> str:
    text = "\n".join(_strip_code(lines))
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paras if p)


def parse_docstring(doc: str | None) -> Doc:
    """The description, ``Args:`` entries and ``Returns:`` text of a Google-style docstring."""
    if not doc or not doc.strip():
        return Doc()
    lines = inspect.cleandoc(doc).splitlines()
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in lines:
        head = _SECTION.match(line.strip()) if not line.startswith((" ", "\t")) else None
        if head:
            current = head.group(1).lower()
            sections.setdefault(current, [])
            continue
        sections[current].append(line)
    description = _paragraphs(sections[""])
    title, _, rest = description.partition("\n\n")
    out = Doc(title=title.strip(), description=description)
    body = _dedent(sections.get("args") or sections.get("arguments") or sections.get("parameters") or [])
    name: str | None = None
    for line in body:
        m = _ARG.match(line) if not line.startswith((" ", "\t")) else None
        if m:
            name = m.group(1)
            out.args[name] = m.group(2).strip()
        elif name is not None:
            out.args[name] = (out.args[name] + "\n" + line.strip()) if line.strip() else out.args[name] + "\n"
    out.args = {k: _paragraphs(v.splitlines()) for k, v in out.args.items()}
    returns = sections.get("returns") or sections.get("return") or []
    out.returns = _paragraphs(_dedent(returns))
    return out


def row_doc(row: Row) -> Doc:
    """The parsed docstring of the row's target (and of its function form, for losses)."""
    return _target_doc(row.target, row.function)


@cache
def _target_doc(target_name: str, function: str | None) -> Doc:
    from . import _keras

    target = _keras.resolve(target_name)
    doc = parse_docstring(inspect.getdoc(target))
    if function:
        fn_doc = parse_docstring(inspect.getdoc(_keras.resolve(function)))
        doc.args = {**fn_doc.args, **doc.args}
        doc.returns = doc.returns or fn_doc.returns
    return doc


def r_semantics(row: Row, params: tuple[str, ...] = ()) -> str:
    """One paragraph on how the R-style function behaves (flavour, composition, converters)."""
    flavour = {"keras3": "keras3", "keras2": "keras 2.x", "kerasR": "kerasR",
               "rkeras": "rkeras (a Keras object keras3 has no name for)",
               "reticulate": "reticulate (rkeras's own, over its bridge: the real reticulate cannot run "
                             "inside the rkeras host)",
               "tensorflow": "the tensorflow R package (rkeras's own, over its bridge; `library(tensorflow)` "
                             "attaches it)"}[row.flavour]
    if row.family == "tfdatasets":  # rkeras rows named after the R package tfdatasets
        flavour = "tfdatasets"
    compose = {
        "layer": "with no `object` it returns the layer; with a Sequential model it adds the layer and "
                 "returns the model; with a tensor it applies the layer",
        "verb": "the model comes first; without it the call is a pipe stage waiting for the model",
        "loss": "with `y_true` and `y_pred` it computes the value, otherwise it returns the object",
        "object": "it returns the Keras object",
        "function": "it calls the Keras function",
        "value": "it returns the value",
        "merge": "given tensors (as `inputs`, in a list, or one by one) it merges them; given none it "
                 "returns the layer",
    }[row.compose]
    if row.removed is not None:
        return f"`{row.name}()` ({flavour}) is removed in Keras 3: {row.removed}."
    text = f"R-style ({flavour}) `{row.name}()` wrapping `{row.target}`: {compose}."
    if row.convert:
        converted = ", ".join(f"`{k}` ({v})" for k, v in sorted(row.convert.items()))
        text += f" Converted arguments: {converted}."
    if row.rename:
        renamed = ", ".join(f"`{old}` for `{new}`" for old, (new, _) in row.rename.items())
        text += f" Also accepted: {renamed}."
    if row.r_args:
        text += (" `zero_indexed = FALSE` (R-only): indices given and returned count from 1 unless "
                 "`zero_indexed = TRUE`.")
    text += " Whole numbers become integers where Keras wants them."
    if {"index", "from", "from_", "to"} & set(params):
        text += " Indices count from 1 (negative ones from the end), as in R."
    return text


def python_doc(row: Row) -> str:
    """The ``__doc__`` of the R-style Python function made from ``row``."""
    try:
        doc = row_doc(row)
    except Exception:  # noqa: BLE001 - documentation must not fail: fall back to the facts of the row
        doc = Doc()
    try:
        from . import _keras

        params = tuple(inspect.signature(_keras.resolve(row.target)).parameters)
    except Exception:  # noqa: BLE001
        params = ()
    parts = [doc.title or f"{row.name}()", r_semantics(row, params)]
    rest = doc.description.partition("\n\n")[2]
    if rest:
        parts.append(rest)
    args = dict(doc.args)
    if row.compose == "layer":
        args = {"object": OBJECT_ARG, **args}
    if args:
        parts.append("Args:\n" + "\n".join(f"    {k}: {' '.join(v.split())}" for k, v in args.items()))
    if doc.returns:
        parts.append("Returns:\n    " + " ".join(doc.returns.split()))
    return "\n\n".join(parts)


__all__ = ["Doc", "parse_docstring", "row_doc", "python_doc", "r_semantics", "OBJECT_ARG", "DOTS_ARG"]
