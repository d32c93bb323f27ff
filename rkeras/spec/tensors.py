"""Spec rows for tensors as R values and keras3's reticulate-style names.

``shape()`` (keras3's ``keras_shape``), ``keras_variable()`` and ``as_tensor()``, and the names
keras3 re-exports from reticulate (``r_to_py``, ``py_to_r``, ``np_array``, ``tuple``,
``import``, ``iterate``, ``iter_next``, ``as_iterator``, ``py_help``), reticulate's ``dict``,
``py_run_string``, ``py_eval``, ``py_func``, ``py_capture_output``, ``py_available``,
``py_module_available`` and the tensorflow R package's ``tf_version``, ``tf_function``, over rkeras
handles: inside
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

# reticulate's own names (rkeras.api.reticulate) and the tensorflow R package's basics
# (rkeras.api.tensorflow); `py`, `tf`, and the R definitions of py_capture_output() (lazy `expr`)
# and py_available() (answers without Python) are in R/tensors.R.
RETICULATE = """
dict rkeras.api.reticulate:py_dict python value handle unstarred flavour=reticulate
py_run_string rkeras.api.reticulate:py_run_string python value handle invisible flavour=reticulate
py_eval rkeras.api.reticulate:py_eval python value handle=convert flavour=reticulate
py_func rkeras.api.reticulate:py_func python value handle flavour=reticulate
py_capture_output rkeras.api.reticulate:py_capture_output python value flavour=reticulate
  formals=expr, type = c("stdout", "stderr")
py_available rkeras.api.reticulate:py_available python value flavour=reticulate
py_module_available rkeras.api.reticulate:py_module_available python value flavour=reticulate
tf_version rkeras.api.tensorflow:tf_version tensorflow value flavour=tensorflow
tf_function rkeras.api.tensorflow:tf_function tensorflow value flavour=tensorflow
"""


def rows() -> list[Row]:
    out = [Row(name, target, family, compose, **facts(extra)) for name, target, family, compose, *extra
           in lines(TENSORS) + lines(RETICULATE)]
    # reticulate's import(module, as = NULL, ...): `as` is a Python keyword (Python's `as_`).
    out.append(Row("import", "rkeras.api.tensors:import_module", "python", "value", handle=True,
                   formals="module, as = NULL, convert = TRUE, delay_load = FALSE"))
    # reticulate's iterate(it, f = base::identity, simplify = TRUE)
    out.append(Row("iterate", "rkeras.api.tensors:iterate", "python", "value",
                   formals="it, f = base::identity, simplify = TRUE"))
    return out
