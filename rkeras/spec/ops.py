"""Spec rows for keras3's ``op_*`` functions: ``keras.ops`` with keras3's R semantics.

One line per name: ``r_name target [facts]``, where the target is a ``keras.ops``
function (``image.resize`` is ``keras.ops.image.resize``) or, where keras3's R
semantics need code, ``rkeras.api.ops:<function>`` (a name starting with ``:``).
Converters come from the target-pattern rules (:mod:`rkeras.spec.converters`,
``keras.ops.*``: 1-based ``axis``/``axes``/``axis1``/``axis2``/``source``/``destination``,
whole-number sizes and strides, shapes) and the row's own ``convert=`` column;
index-returning ops take keras3's ``zero_indexed = FALSE`` and add 1 to the
indices they return (``result=index1``; ``index1_second`` for ``op_top_k``'s
``(values, indices)``); index-consuming ones take their indices 1-based
(``convert=...:py_index``, 0-based with ``zero_indexed = TRUE``; ``index``: always
1-based, as keras3's ``as_index``). Facts: ``../shared/reference/keras3-functions.tsv``
(``arg_converters``) and keras3's R sources. ``op_subset`` / ``op_subset<-`` (R's
``[`` on tensors) belong to the tensor rows. This module imports nothing heavy.
"""

from __future__ import annotations

from . import Row, facts, lines

OPS = """
# ---- core (keras3 ops.R: "core ops")
op_associative_scan associative_scan
op_cast cast
op_cond cond
op_convert_to_array convert_to_numpy
op_convert_to_numpy convert_to_numpy
op_convert_to_tensor convert_to_tensor convert=x:atomic_array
op_custom_gradient :op_custom_gradient
op_dtype dtype
op_fori_loop fori_loop
op_is_tensor is_tensor
op_map :op_map
op_scan scan
op_scatter scatter convert=indices:py_index,values:array
op_scatter_update scatter_update convert=indices:index,updates:array
op_searchsorted searchsorted zero_indexed result=index1
op_shape :op_shape
op_slice slice convert=inputs:array,start_indices:index
op_slice_update slice_update convert=inputs:array,start_indices:index,updates:array
op_stop_gradient stop_gradient
op_switch switch convert=index:py_index
op_unstack unstack
op_vectorized_map :op_vectorized_map
op_while_loop while_loop
# ---- math (keras3: "math ops")
op_erf erf
op_erfinv erfinv
op_extract_sequences extract_sequences
op_fft fft
op_fft2 fft2
op_ifft2 ifft2 convert=x:tuple
op_in_top_k in_top_k
op_irfft irfft
op_istft istft convert=x:tuple
op_logdet logdet
op_logsumexp logsumexp
op_qr qr
op_rfft rfft
op_rsqrt rsqrt
op_segment_max segment_max convert=segment_ids:index
op_segment_sum segment_sum convert=segment_ids:index
op_solve solve
op_stft stft
op_top_k top_k zero_indexed result=index1_second convert=x:array
# ---- linear algebra (keras.ops.linalg)
op_cholesky linalg.cholesky
op_det linalg.det
op_eig linalg.eig
op_eigh linalg.eigh
op_inv linalg.inv
op_lstsq linalg.lstsq
op_lu_factor linalg.lu_factor
op_norm linalg.norm convert=ord:whole
op_slogdet slogdet
op_solve_triangular linalg.solve_triangular
op_svd linalg.svd
# ---- nn (keras3: "nn ops")
op_average_pool average_pool
op_batch_normalization batch_normalization convert=mean:array,variance:array,offset:array
op_binary_crossentropy binary_crossentropy
op_categorical_crossentropy categorical_crossentropy
op_celu celu
op_conv conv
op_conv_transpose conv_transpose
op_ctc_decode ctc_decode convert=sequence_lengths:int_array,mask_index:py_index
op_ctc_loss ctc_loss convert=target:int_array,mask_index:py_index
op_depthwise_conv depthwise_conv
op_dot_product_attention dot_product_attention
op_elu elu
op_gelu gelu
op_glu glu
op_hard_shrink hard_shrink
op_hard_sigmoid hard_sigmoid
op_hard_silu hard_silu
op_hard_swish hard_swish
op_hard_tanh hard_tanh
op_layer_normalization layer_normalization convert=gamma:array,beta:array
op_leaky_relu leaky_relu
op_log_sigmoid log_sigmoid
op_log_softmax log_softmax
op_max_pool max_pool
op_moments moments
op_multi_hot multi_hot convert=inputs:int_array default=num_classes:<missing>
op_normalize normalize convert=order:int
op_one_hot one_hot zero_indexed convert=x:py_index
op_polar polar
op_psnr psnr
op_relu relu
op_relu6 relu6
op_rms_normalization rms_normalization
op_selu selu
op_separable_conv separable_conv
op_sigmoid sigmoid
op_silu silu
op_soft_shrink soft_shrink
op_softmax softmax
op_softplus softplus
op_softsign softsign
op_sparse_categorical_crossentropy sparse_categorical_crossentropy
op_sparse_plus sparse_plus
op_sparse_sigmoid sparse_sigmoid
op_sparsemax sparsemax
op_squareplus squareplus
op_tanh_shrink tanh_shrink
op_threshold threshold
op_unravel_index unravel_index convert=indices:index
# ---- image (keras.ops.image)
op_image_affine_transform image.affine_transform
op_image_crop image.crop_images
op_image_elastic_transform image.elastic_transform
op_image_extract_patches image.extract_patches default=data_format:channels_last
op_image_gaussian_blur image.gaussian_blur convert=sigma:tuple
op_image_hsv_to_rgb image.hsv_to_rgb
op_image_map_coordinates image.map_coordinates
op_image_pad image.pad_images
op_image_perspective_transform image.perspective_transform
op_image_resize image.resize
op_image_rgb_to_grayscale image.rgb_to_grayscale
op_image_rgb_to_hsv image.rgb_to_hsv
# ---- numpy: creation
op_arange :op_arange
op_array array
op_empty empty
op_eye eye
op_full full
op_full_like full_like
op_identity identity
op_linspace linspace
op_logspace logspace
op_ones ones
op_ones_like ones_like
op_tri tri
op_zeros zeros
op_zeros_like zeros_like
op_bartlett bartlett convert=x:int
op_blackman blackman convert=x:int
op_hamming hamming convert=x:int
op_hanning hanning convert=x:int
op_kaiser kaiser convert=x:int
# ---- numpy: elementwise math
op_abs absolute
op_add add
op_angle angle
op_arccos arccos
op_arccosh arccosh
op_arcsin arcsin
op_arcsinh arcsinh
op_arctan arctan
op_arctan2 arctan2
op_arctanh arctanh
op_cbrt cbrt
op_ceil ceil
op_clip clip
op_conj conjugate
op_copy copy
op_cos cos
op_cosh cosh
op_deg2rad deg2rad
op_divide divide
op_divide_no_nan divide_no_nan
op_exp exp
op_exp2 exp2
op_expm1 expm1
op_floor floor
op_floor_divide floor_divide
op_heaviside heaviside
op_imag imag
op_log log
op_log10 log10
op_log1p log1p
op_log2 log2
op_logaddexp logaddexp
op_maximum maximum
op_minimum minimum
op_pmax maximum alias_of=op_maximum
op_pmin minimum alias_of=op_minimum
op_mod mod
op_multiply multiply
op_nan_to_num nan_to_num
op_negative negative
op_power power
op_real real
op_reciprocal reciprocal
op_round round
op_sign sign
op_signbit signbit
op_sin sin
op_sinh sinh
op_sqrt sqrt
op_square square
op_subtract subtract
op_tan tan
op_tanh tanh
op_trunc trunc
op_view_as_complex view_as_complex
op_view_as_real view_as_real
# ---- numpy: comparison and logic
op_equal equal
op_greater greater
op_greater_equal greater_equal
op_isclose isclose
op_isfinite isfinite
op_isinf isinf
op_isnan isnan
op_less less
op_less_equal less_equal
op_logical_and logical_and
op_logical_not logical_not
op_logical_or logical_or
op_logical_xor logical_xor
op_not_equal not_equal
op_bitwise_and bitwise_and convert=x:int_array,y:int_array
op_bitwise_invert bitwise_invert convert=x:int_array
op_bitwise_left_shift bitwise_left_shift convert=x:int_array,y:int_array
op_bitwise_not bitwise_not convert=x:int_array
op_bitwise_or bitwise_or convert=x:int_array,y:int_array
op_bitwise_right_shift bitwise_right_shift convert=x:int_array,y:int_array
op_bitwise_xor bitwise_xor convert=x:int_array,y:int_array
op_left_shift left_shift convert=x:int_array,y:int_array
op_right_shift right_shift convert=x:int_array,y:int_array
# ---- numpy: reductions and statistics (1-based axes)
op_all all
op_any any
op_average :op_average
op_bincount bincount convert=x:int_array
op_corrcoef corrcoef
op_count_nonzero count_nonzero
op_cumprod cumprod
op_cumsum cumsum
op_histogram histogram convert=bins:int,range:tuple
op_max max
op_mean mean
op_median median
op_min min
op_prod prod
op_quantile quantile
op_std std
op_sum sum
op_var var
# ---- numpy: linear algebra products
op_correlate correlate convert=x1:array,x2:array
op_cross cross
op_dot dot
op_einsum einsum
op_inner inner
op_matmul matmul
op_outer outer
op_tensordot tensordot
op_trace trace
op_vdot vdot
# ---- numpy: shape and manipulation
op_append append
op_broadcast_to broadcast_to
op_concatenate concatenate
op_diag diag
op_diagflat diagflat
op_diagonal diagonal
op_diff diff
op_expand_dims expand_dims
op_flip flip
op_get_item get_item
op_hstack :op_hstack
op_meshgrid meshgrid
op_moveaxis moveaxis
op_ndim ndim
op_pad pad convert=pad_width:int
op_ravel ravel
op_rearrange rearrange
op_repeat repeat
op_reshape reshape convert=newshape:newshape
op_roll roll
op_rot90 rot90
op_saturate_cast saturate_cast
op_select select
op_size size
op_sort sort
op_split split convert=indices_or_sections:sections
op_squeeze squeeze
op_stack stack
op_swapaxes swapaxes
op_tile tile
op_transpose transpose
op_tril tril
op_triu triu
op_vectorize :op_vectorize
op_vstack :op_vstack
op_where where
# ---- numpy: indices (1-based unless zero_indexed = TRUE)
op_argmax argmax zero_indexed result=index1 convert=x:array
op_argmin argmin zero_indexed result=index1
op_argpartition argpartition zero_indexed result=index1 convert=x:array,kth:index
op_argsort argsort zero_indexed result=index1
op_digitize digitize zero_indexed result=index1 convert=bins:array
op_nonzero :op_nonzero
op_take take zero_indexed convert=indices:py_index
op_take_along_axis take_along_axis zero_indexed convert=indices:py_index
"""

# ---- R-style subsetting, keras3's `[` rules (hand-written: rkeras.api.tensors; the R functions are
# hand-written in R/tensors.R, which captures `x[, 2:3]`'s empty arguments and slices unevaluated)
SUBSET = """
op_subset op_subset
op_subset_set op_subset_set
op_subset<- op_subset_set
"""


def _target(word: str) -> str:
    return f"rkeras.api.ops{word}" if word.startswith(":") else f"keras.ops.{word}"


def rows() -> list[Row]:
    out = [Row(name, _target(fn), "op", "function", **facts(extra)) for name, fn, *extra in lines(OPS)]
    return out + [Row(name, f"rkeras.api.tensors:{fn}", "op", "value") for name, fn in lines(SUBSET)]
