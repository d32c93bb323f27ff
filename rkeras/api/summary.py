"""``summary(model)``: the Layer (type) / Output Shape / Param # table."""

from __future__ import annotations

import os
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
        from ..errors import arg_error

        raise arg_error("summary", "object", "a Keras model", object)
    parts: list[str] = []

    def collect(text: str, line_break: bool = True) -> None:
        parts.append(text + ("\n" if line_break and not text.endswith("\n") else ""))

    # Keras prints through a rich Console, as wide as $COLUMNS (else the terminal, else 80): a
    # wider line_length would be cut at 80 columns.
    saved = os.environ.get("COLUMNS")
    if line_length is not None:
        os.environ["COLUMNS"] = str(int(line_length))
    try:
        object.summary(
            line_length=line_length,
            positions=positions,
            print_fn=collect,
            expand_nested=expand_nested,
            show_trainable=show_trainable,
            layer_range=layer_range,
        )
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved
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


def layer_table(model: Any) -> dict[str, list[str]]:
    """Name, class and output shape of each layer (what ``plot(model)`` draws, in R and Python)."""
    names, classes, shapes = [], [], []
    for layer in model.layers:
        names.append(str(layer.name))
        classes.append(type(layer).__name__)
        try:
            shape = layer.output.shape
            shapes.append("(" + ", ".join("None" if d is None else str(d) for d in shape) + ")")
        except Exception:  # noqa: BLE001 - a layer that is not built yet has no output
            shapes.append("?")
    return {"name": names, "class": classes, "output_shape": shapes}


def plot_model_diagram(model: Any, show_shapes: bool = True, show_layer_names: bool = True) -> Any:
    """The layer stack as a matplotlib figure: one box per layer (name, class, output shape).

    What ``plot(model)`` gives without pydot/graphviz (which Keras's plot_model needs).
    """
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        import os

        if not os.environ.get("DISPLAY"):
            matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    info = layer_table(model)
    n = len(info["name"])
    fig, ax = plt.subplots(figsize=(4.5, 0.75 * max(n, 1) + 0.6))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, max(n, 1))
    ax.axis("off")
    ax.set_title(str(getattr(model, "name", "")), fontsize=9)
    if n == 0:
        ax.text(0.5, 0.5, "(no layers)", ha="center", va="center")
    for i in range(n):
        top, bottom = n - i - 0.1, n - i - 0.75
        ax.add_patch(
            plt.Rectangle((0.1, bottom), 0.8, top - bottom, facecolor="#f2f2f2", edgecolor="#666666")
        )
        label = f"{info['name'][i]} ({info['class'][i]})" if show_layer_names else info["class"][i]
        if show_shapes:
            label += "\n" + info["output_shape"][i]
        ax.text(0.5, (top + bottom) / 2, label, ha="center", va="center", fontsize=8)
        if i < n - 1:
            ax.annotate(
                "",
                xy=(0.5, bottom - 0.25),
                xytext=(0.5, bottom),
                arrowprops={"arrowstyle": "->", "color": "#666666"},
            )
    fig.tight_layout()
    return fig
