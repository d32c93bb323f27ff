"""Spec rows for the basics of the R package ``tfdatasets`` (the tf.data pipelines keras3's guides use).

``library(tfdatasets)`` loads rkeras (an alias package, as ``library(keras3)``). The rows are
rkeras's own (flavour ``rkeras``: no keras3/keras 2.x/kerasR export), with tfdatasets's R
formals; the implementations are in :mod:`rkeras.api.tfdatasets`, which checks and converts its
arguments itself (whole numbers, R lists as tuple/dict elements, R functions for
``dataset_map()``). ``dataset_prefetch()``'s default ``buffer_size`` is ``-1L``
(tfdatasets's ``tf$data$AUTOTUNE``, whose value it is). This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row, facts, lines

# name  target  family  compose  [facts]
ROWS = """
tensor_slices_dataset rkeras.api.tfdatasets:tensor_slices_dataset tfdatasets value
tensors_dataset rkeras.api.tfdatasets:tensors_dataset tfdatasets value
dataset_map rkeras.api.tfdatasets:dataset_map tfdatasets value
dataset_batch rkeras.api.tfdatasets:dataset_batch tfdatasets value
dataset_padded_batch rkeras.api.tfdatasets:dataset_padded_batch tfdatasets value
dataset_shuffle rkeras.api.tfdatasets:dataset_shuffle tfdatasets value
dataset_repeat rkeras.api.tfdatasets:dataset_repeat tfdatasets value
dataset_prefetch rkeras.api.tfdatasets:dataset_prefetch tfdatasets value
dataset_take rkeras.api.tfdatasets:dataset_take tfdatasets value
dataset_skip rkeras.api.tfdatasets:dataset_skip tfdatasets value
dataset_cache rkeras.api.tfdatasets:dataset_cache tfdatasets value
dataset_unbatch rkeras.api.tfdatasets:dataset_unbatch tfdatasets value
dataset_collect rkeras.api.tfdatasets:dataset_collect tfdatasets value
as_array_iterator rkeras.api.tfdatasets:as_array_iterator tfdatasets value handle
"""


def rows() -> list[Row]:
    return [Row(name, target, family, compose, flavour="rkeras", **facts(extra))
            for name, target, family, compose, *extra in lines(ROWS)]
