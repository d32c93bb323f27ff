"""rkeras: the R interface to Keras (keras3, keras 2.x, kerasR names) on Keras 3.

``from rkeras import *`` gives the R-style functions (``keras_model_sequential``,
``layer_dense``, ``compile``, ``fit``, ``to_categorical``, ...) and ``pipe``.
Importing is cheap: Keras/TensorFlow load on the first call that needs them.
"""

from __future__ import annotations

from .api.build import functions as _functions
from .api.pipe import LayerStage, Stage, pipe
from .errors import RKerasError
from .spec import all_rows as _all_rows

__version__ = "0.1.0"

globals().update(_functions())

# `from rkeras import *` leaves out the R names that would shadow a Python built-in type
# (reticulate's `dict()`: `isinstance(x, dict)` must keep working); `rkeras.dict` has them.
__all__ = sorted(set(_functions()) - {row.name for row in _all_rows() if row.unstarred}) + [
    "pipe", "Stage", "LayerStage", "RKerasError"]


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext rkeras`` in IPython/Jupyter: R cells (``%%R``) running rkeras in this kernel,
    with Keras objects crossing between Python and R cells (:mod:`rkeras.host.notebook`)."""
    from .host.notebook import load_ipython_extension as load

    load(ipython)
