"""Spec rows for keras3's ``op_*`` functions: ``keras.ops`` with keras3's R semantics.

One line per name: ``r_name keras.ops-function [facts]``. Converters come from
the target-pattern rules (:mod:`rkeras.spec.converters`, ``keras.ops.*``) and
the row's own ``convert=`` column; index-returning ops take keras3's
``zero_indexed = FALSE`` and add 1 to the indices they return
(``result=index1``); index-consuming ones take their indices 1-based
(``convert=...:py_index``). Facts: ``../shared/reference/keras3-functions.tsv``.
This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row, facts, lines

OPS = """
# ---- core arithmetic and reductions
op_abs absolute
op_add add
op_divide divide
op_exp exp
op_log log
op_matmul matmul
op_max max
op_mean mean
op_min min
op_multiply multiply
op_negative negative
op_power power
op_sqrt sqrt
op_square square
op_subtract subtract
op_sum sum
# ---- indices (1-based unless zero_indexed = TRUE)
op_argmax argmax zero_indexed result=index1
op_argmin argmin zero_indexed result=index1
op_take take zero_indexed convert=indices:py_index
"""

# ---- R-style subsetting, keras3's `[` rules (hand-written: rkeras.api.tensors; the R functions are
# hand-written in R/tensors.R, which captures `x[, 2:3]`'s empty arguments and slices unevaluated)
SUBSET = """
op_subset op_subset
op_subset_set op_subset_set
op_subset<- op_subset_set
"""


def rows() -> list[Row]:
    out = [Row(name, f"keras.ops.{fn}", "op", "function", **facts(extra)) for name, fn, *extra in lines(OPS)]
    return out + [Row(name, f"rkeras.api.tensors:{fn}", "op", "value") for name, fn in lines(SUBSET)]
