"""Results that R gets as handles to the Python object instead of their R conversion."""

from __future__ import annotations

import numpy as np


class Unconverted(np.ndarray):  # type: ignore[type-arg]
    """A NumPy array that R gets as a handle to the (plain) array, not as an R array: keras3's
    ``convert = FALSE`` (``dataset_mnist(convert = FALSE)``). In Python it is an ordinary array."""


__all__ = ["Unconverted"]
