skip_if_no_host()

m <- matrix(c(1, 4, 9, 16, 25, 36), 2, 3)  # R's index order: m[i, j] is element (i, j) in Keras too

test_that("elementwise ops compute what R computes, on R vectors and arrays", {
  x <- c(-2.5, -0.5, 0, 1.5, 3)
  expect_equal(as.array(op_sqrt(m)), sqrt(m), tolerance = 1e-6)
  expect_equal(as.array(op_add(m, m)), m + m)
  expect_equal(as.array(op_exp(x)), exp(x), tolerance = 1e-6)
  expect_equal(as.array(op_relu(x)), pmax(x, 0))
  expect_equal(as.array(op_sigmoid(x)), 1 / (1 + exp(-x)), tolerance = 1e-6)
  expect_equal(as.array(op_pmax(x, 0)), pmax(x, 0))
  expect_identical(as.array(op_greater(x, 0)), x > 0)
  expect_identical(as.array(op_bitwise_and(c(12, 10), c(6, 3))), c(4L, 2L))
})

test_that("reductions take 1-based axes, and axis = 0 is an error", {
  expect_equal(op_sum(m), sum(m))
  expect_equal(as.array(op_sum(m, axis = 1)), colSums(m))
  expect_equal(as.array(op_mean(m, axis = 2)), rowMeans(m))
  expect_equal(as.array(op_max(m, axis = -1)), apply(m, 1, max))
  expect_equal(as.array(op_cumsum(m, axis = 2)), t(apply(m, 1, cumsum)))
  expect_equal(as.array(op_var(m, axis = 1)), apply(m, 2, function(v) mean((v - mean(v))^2)))
  expect_error(op_sum(m, axis = 0), "`axis` is 1-based")
  expect_error(op_softmax(m, axis = 0), "1-based")
})

test_that("index-returning ops are 1-based unless zero_indexed = TRUE", {
  x <- rbind(c(11, 12, 10), c(12, 11, 10))
  expect_equal(as.array(op_argmax(x, axis = 2)), max.col(x))
  expect_equal(as.array(op_argmax(x, axis = 2, zero_indexed = TRUE)), max.col(x) - 1L)
  expect_equal(as.array(op_argmin(x, axis = 1)), apply(x, 2, which.min))
  expect_equal(as.array(op_argsort(c(3.1, 1.1, 2.1))), order(c(3.1, 1.1, 2.1)))
  expect_equal(as.array(op_searchsorted(c(1, 3, 5), c(0, 3, 6))), c(1, 2, 4))
  c(values, indices) %<-% op_top_k(c(5, 2, 7, 1, 9, 3), k = 3)
  expect_equal(as.array(values), c(9, 7, 5))
  expect_equal(as.array(indices), c(5, 3, 1))
  nz <- as.array(op_nonzero(rbind(c(0, 1, 0), c(2, 0, 3))))
  expect_equal(nz[order(nz[, 2]), ], unname(which(rbind(c(0, 1, 0), c(2, 0, 3)) != 0, arr.ind = TRUE)))
})

test_that("index-consuming ops take 1-based indices unless zero_indexed = TRUE", {
  expect_equal(as.array(op_take(m, c(1, 2, 6))), c(m[1, 1], m[1, 2], m[2, 3]))  # flattened row-major
  expect_equal(as.array(op_take(m, c(3, 1), axis = 2)), m[, c(3, 1)])
  expect_equal(as.array(op_take(m, c(2, 0), axis = 2, zero_indexed = TRUE)), m[, c(3, 1)])
  expect_equal(as.array(op_one_hot(c(2, 4, 3, 1), 4)), diag(4)[c(2, 4, 3, 1), ])
  expect_equal(as.array(op_one_hot(c(1, 3, 2, 0), 4, zero_indexed = TRUE)), diag(4)[c(2, 4, 3, 1), ])
  i <- matrix(c(3, 1, 2, 2, 3, 1), 2, 3, byrow = TRUE)
  expect_equal(as.array(op_take_along_axis(m, i, axis = 2)), rbind(m[1, c(3, 1, 2)], m[2, c(2, 3, 1)]))
  expect_equal(as.array(op_scatter(rbind(1, 3), c(1, 2), 5)), c(1, 0, 2, 0, 0))
  expect_equal(as.array(op_slice(matrix(1:25, 5), c(2, 3), c(2, 2))), matrix(1:25, 5)[2:3, 3:4])
  expect_equal(as.array(op_segment_sum(op_array(c(1, 2, 10, 20)), c(1, 1, 2, 2), 2)), c(3, 30))
})

test_that("shapes: op_shape() is an integer vector with NA, reshaping is row-major as in keras3", {
  expect_identical(op_shape(op_zeros(c(8, 12))), c(8L, 12L))
  expect_identical(op_shape(keras_input(shape = 3)), c(NA, 3L))
  expect_equal(as.array(op_reshape(1:6, c(2, 3))), matrix(1:6, 2, byrow = TRUE))
  expect_identical(dim(as.array(op_reshape(1:6, c(NA, 2)))), c(3L, 2L))
  expect_equal(as.array(op_transpose(m, axes = c(2, 1))), t(m))
  expect_identical(dim(as.array(op_expand_dims(m, 1))), c(1L, 2L, 3L))
  expect_equal(as.array(op_stack(list(c(1, 2), c(3, 4)), axis = 2)), cbind(c(1, 2), c(3, 4)))
  expect_equal(as.array(op_concatenate(list(m, m), axis = 2)), cbind(m, m))
  parts <- op_split(op_array(c(1, 2, 3, 4, 5, 6)), c(3, 5))  # 1-based indices where the pieces start
  expect_equal(lapply(parts, as.array), list(c(1, 2), c(3, 4), c(5, 6)))
  expect_equal(as.array(op_flip(m, axis = 2)), m[, 3:1])
})

test_that("creation ops: op_arange() runs like seq(), the end included", {
  expect_identical(as.array(op_arange(3L)), 1:3)
  expect_identical(as.array(op_arange(2L, 8L, 2L)), c(2L, 4L, 6L, 8L))
  expect_equal(as.array(op_arange(3)), c(1, 2, 3))
  expect_identical(as.array(op_arange(3, dtype = "int32")), 1:3)
  expect_equal(as.array(op_arange(1, 3, include_end = FALSE)), c(1, 2))
  expect_equal(as.array(op_zeros(c(2, 3))), matrix(0, 2, 3))
  expect_equal(as.array(op_eye(3)), diag(3))
  expect_equal(as.array(op_linspace(0, 1, num = 5)), seq(0, 1, length.out = 5), tolerance = 1e-6)
  expect_equal(as.array(op_full(c(2, 2), 7)), matrix(7, 2, 2))
})

test_that("linear algebra ops agree with R's", {
  a <- matrix(c(4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2), 3)
  b <- c(1, 2, 3)
  expect_equal(as.array(op_inv(a)), solve(a), tolerance = 1e-6)
  expect_equal(op_det(a), det(a), tolerance = 1e-6)
  expect_equal(as.array(op_cholesky(a)), t(chol(a)), tolerance = 1e-6)
  expect_equal(as.array(op_solve(a, matrix(b))), solve(a, matrix(b)), tolerance = 1e-6)
  expect_equal(as.array(op_matmul(a, matrix(b))), a %*% b)
  expect_equal(op_norm(m), sqrt(sum(m^2)), tolerance = 1e-6)
  expect_equal(sort(as.array(op_svd(a)[[2]])), sort(svd(a)$d), tolerance = 1e-6)
})

test_that("nn, fft and image ops on R arrays", {
  e <- exp(m / 10)
  expect_equal(as.array(op_softmax(m / 10, axis = 1)), sweep(e, 2, colSums(e), "/"), tolerance = 1e-6)
  x <- array(c(1, 2, 3, 4, 5, 6), c(1, 6, 1))
  k <- array(c(1, 0, -1), c(3, 1, 1))
  expect_equal(as.vector(as.array(op_conv(x, k))), c(-2, -2, -2, -2))
  expect_equal(as.vector(as.array(op_max_pool(x, 2))), c(2, 4, 6))
  re <- c(1, 2, 0, -1); im <- c(0, 1, 1, 0)
  f <- op_fft(list(re, im))
  expect_equal(complex(real = as.array(f[[1]]), imaginary = as.array(f[[2]])), fft(complex(real = re, imaginary = im)),
               tolerance = 1e-6)
  img <- array(as.numeric(1:16), c(1, 4, 4, 1))
  big <- as.array(op_image_resize(img, c(8, 8), interpolation = "nearest"))
  expect_identical(dim(big), c(1L, 8L, 8L, 1L))
  expect_equal(big[1, 1:2, 1:2, 1], matrix(img[1, 1, 1, 1], 2, 2))
  expect_equal(as.array(op_image_crop(img, 1, 1, target_height = 2, target_width = 2)), img[, 2:3, 2:3, , drop = FALSE])
})

test_that("control-flow ops take R functions", {
  expect_equal(op_fori_loop(0, 10, function(i, s) s + i, 0), 45)  # scalar tensors reach R as numbers
  out <- op_while_loop(function(i) i < 10L, function(i) list(i + 1L), list(0L))
  expect_equal(out[[1]], 10)
  expect_equal(op_cond(TRUE, function() 1, function() 2), 1)
  add <- function(x, y) op_add(op_add(x, y), 100)
  sub <- function(x, y) op_subtract(op_subtract(x, y), 100)
  expect_equal(op_switch(2, list(add, sub), op_array(2), op_array(0.5)), -98.5)
  expect_equal(as.array(op_map(op_arange(4), function(x) op_square(x))), c(1, 4, 9, 16))
  expect_equal(as.array(op_vectorized_map(m, function(row) op_sum(row))), rowSums(m))
  expect_equal(as.array(op_associative_scan(function(a, b) op_add(a, b), op_array(c(1, 2, 3, 4)))), cumsum(c(1, 2, 3, 4)))
})
