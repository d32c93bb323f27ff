"""The training history that ``fit()`` returns (R's ``keras_training_history``)."""

from __future__ import annotations

import math
from typing import Any


class History:
    """``params`` (verbose, epochs, steps) and ``metrics``: metric name -> per-epoch values."""

    def __init__(self, params: dict[str, Any], metrics: dict[str, list[float]]) -> None:
        self.params = params
        self.metrics = metrics

    @classmethod
    def from_keras(cls, history: Any) -> History:
        params = {k: v for k, v in dict(history.params).items()}
        metrics = {name: [float(v) for v in values] for name, values in history.history.items()}
        return cls(params, metrics)

    @property
    def epochs(self) -> int:
        """Epochs actually run (fewer than params['epochs'] after early stopping)."""
        lengths = [len(v) for v in self.metrics.values()]
        return min([int(self.params.get("epochs", 0))] + lengths) if lengths else 0

    def __repr__(self) -> str:
        lines = ["Final epoch (plot to see history):"]
        n = self.epochs
        if n == 0:
            return lines[0] + "\n(no epochs)"
        width = max(len(name) for name in self.metrics)
        for name, values in self.metrics.items():
            lines.append(f"{name:>{width}}: {_pretty(values[n - 1])}")
        return "\n".join(lines)

    __str__ = __repr__

    def to_data_frame(self) -> Any:
        return as_data_frame(self)


def _pretty(value: float) -> str:
    """R's prettyNum(value, digits = 4)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "NA"
    return f"{value:.4g}"


def as_data_frame(x: History) -> Any:
    """Long table: columns epoch, value, metric, data (training/validation), as R's as.data.frame."""
    import pandas as pd

    if not isinstance(x, History):
        from ..errors import arg_error

        raise arg_error("as_data_frame", "x", "a training history (what fit() returns)", x)
    epochs = int(x.params.get("epochs", x.epochs))
    names = [m for m in x.metrics if not m.startswith("val_")]
    names += [m[4:] for m in x.metrics if m.startswith("val_") and m[4:] not in names]
    rows = []
    for data, prefix in (("training", ""), ("validation", "val_")):
        for metric in names:
            values = x.metrics.get(prefix + metric)
            if values is None:
                continue
            for epoch in range(1, epochs + 1):
                value = values[epoch - 1] if epoch <= len(values) else float("nan")
                rows.append((epoch, value, metric, data))
    frame = pd.DataFrame(rows, columns=["epoch", "value", "metric", "data"])
    frame["metric"] = pd.Categorical(frame["metric"], categories=names)
    frame["data"] = pd.Categorical(frame["data"], categories=["training", "validation"])
    return frame


def plot(x: Any, y: Any = None, metrics: Any = None, smooth: bool = True, **kwargs: Any) -> Any:
    """Plot a training history: one panel per metric, training and validation series
    (or, given a model, its layer stack: see :func:`rkeras.model_summary.plot_model_diagram`).

    Returns the matplotlib Figure (``fig.savefig("history.png")`` to keep it).
    """
    if not isinstance(x, History):
        from ._keras import is_model

        if is_model(x) and hasattr(x, "layers"):
            from .summary import plot_model_diagram

            return plot_model_diagram(x, **kwargs)
        from ..errors import arg_error

        raise arg_error("plot", "x", "a training history (what fit() returns) or a model", x)
    import matplotlib

    if (
        matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline")
        and not _has_display()
    ):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = as_data_frame(x)
    names = list(frame["metric"].cat.categories)
    if metrics is not None:
        wanted = [metrics] if isinstance(metrics, str) else list(metrics)
        missing = [m for m in wanted if m not in names]
        if missing:
            from ..errors import arg_error

            raise arg_error(
                "plot", "metrics", "names of recorded metrics (" + ", ".join(names) + ")", missing
            )
        names = wanted
    fig, axes = plt.subplots(len(names), 1, sharex=True, figsize=(6, 2.2 * len(names) + 0.6), squeeze=False)
    colors = {"training": "#F8766D", "validation": "#00BFC4"}
    for ax, metric in zip(axes[:, 0], names, strict=True):
        for data in ("training", "validation"):
            part = frame[(frame["metric"] == metric) & (frame["data"] == data)]
            if part.empty:
                continue
            ax.plot(part["epoch"], part["value"], "o", color=colors[data], label=data, markersize=4)
            if smooth and len(part) >= 10:
                ax.plot(part["epoch"], _smooth(list(part["value"])), "-", color=colors[data], linewidth=1)
        ax.set_ylabel(metric)
        ax.grid(True, alpha=0.3)
    axes[0, 0].legend(loc="best", fontsize="small")
    axes[-1, 0].set_xlabel("epoch")
    fig.tight_layout()
    return fig


def _smooth(values: list[float], span: int = 5) -> list[float]:
    """A centred moving average (stands in for R's loess smooth)."""
    out = []
    for i in range(len(values)):
        window = [v for v in values[max(0, i - span // 2) : i + span // 2 + 1] if not math.isnan(v)]
        out.append(sum(window) / len(window) if window else float("nan"))
    return out


def _has_display() -> bool:
    import os

    return bool(os.environ.get("DISPLAY"))
