"""``summary(model)``: the Layer (type) / Output Shape / Param # table."""

from __future__ import annotations

from typing import Any


def summary_text(
    object: Any,
    line_length: int | None = None,
    positions: Any = None,  # noqa: A002
    expand_nested: bool = False,
    show_trainable: bool = False,
    layer_range: Any = None,
) -> str:
    """The model summary as text (what ``summary()`` prints)."""
    if not hasattr(object, "summary"):
        from .errors import arg_error

        raise arg_error("summary", "object", "a Keras model", object)
    parts: list[str] = []

    def collect(text: str, line_break: bool = True) -> None:
        parts.append(text + ("\n" if line_break and not text.endswith("\n") else ""))

    object.summary(
        line_length=line_length,
        positions=positions,
        print_fn=collect,
        expand_nested=expand_nested,
        show_trainable=show_trainable,
        layer_range=layer_range,
    )
    return "".join(parts).rstrip("\n") + "\n"


def summary(
    object: Any,
    line_length: int | None = None,
    positions: Any = None,  # noqa: A002
    expand_nested: bool = False,
    show_trainable: bool = False,
    layer_range: Any = None,
) -> None:
    """Print the model summary (returns None; :func:`summary_text` gives the string)."""
    print(summary_text(object, line_length, positions, expand_nested, show_trainable, layer_range), end="")
