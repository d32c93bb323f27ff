"""Spec rows for tensors as R values and keras3's reticulate-style names.

``shape()`` (keras3's ``keras_shape``), ``keras_variable()`` and ``as_tensor()``, and the names
keras3 re-exports from reticulate (``r_to_py``, ``py_to_r``, ``np_array``, ``tuple``,
``import``, ``iterate``, ``iter_next``, ``as_iterator``, ``py_help``), over rkeras handles: inside
the rkeras host R cannot use reticulate itself. The implementations are in
:mod:`rkeras.api.tensors`; the fact ``handle`` makes R get the result as a handle to the Python
object (reticulate's ``convert = FALSE``) instead of its R conversion. ``op_subset`` lives with
the other ops (:mod:`rkeras.spec.ops`); the R group generics (``Ops``, ``Math``, ``Summary``)
and ``[`` of tensor handles are S3 methods in ``R/tensors.R``.
This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row, facts, lines

# r_name target family compose [facts]
TENSORS = """
shape rkeras.api.tensors:shape utils value
keras_variable keras.Variable utils object convert=shape:shape
as_tensor rkeras.api.tensors:as_tensor utils value convert=shape:shape
r_to_py rkeras.api.tensors:r_to_py python value handle
py_to_r rkeras.api.tensors:py_to_r python value
np_array rkeras.api.tensors:np_array python value handle
tuple rkeras.api.tensors:py_tuple python value handle
iter_next rkeras.api.tensors:iter_next python value
as_iterator rkeras.api.tensors:as_iterator python value handle
py_help rkeras.api.tensors:py_help python value invisible
"""


def rows() -> list[Row]:
    out = [Row(name, target, family, compose, **facts(extra)) for name, target, family, compose, *extra
           in lines(TENSORS)]
    # reticulate's import(module, as = NULL, ...): `as` is a Python keyword (Python's `as_`).
    out.append(Row("import", "rkeras.api.tensors:import_module", "python", "value", handle=True,
                   formals="module, as = NULL, convert = TRUE, delay_load = FALSE"))
    # reticulate's iterate(it, f = base::identity, simplify = TRUE)
    out.append(Row("iterate", "rkeras.api.tensors:iterate", "python", "value",
                   formals="it, f = base::identity, simplify = TRUE"))
    return out
