skip_if_no_host()

# keras3's R semantics through the generated wrappers: 1-based axes, merge-layer call forms,
# layer_lambda(f =), whole doubles, NA in shapes, config round trips, seeds, unknown arguments.

test_that("layer axes are 1-based (keras3's as_axis); negative axes pass through", {
  a <- array(runif(24), c(2, 3, 4))
  b <- array(runif(24), c(2, 3, 4))
  out <- as.array(layer_concatenate(list(a, b), axis = 2))
  expect_identical(dim(out), c(2L, 6L, 4L))
  expect_equal(out[, 4:6, ], b, tolerance = 1e-6)
  expect_identical(dim(as.array(layer_concatenate(a, b, axis = -1))), c(2L, 3L, 8L))
  expect_identical(layer_concatenate(axis = 3)$axis, 2L)
  expect_error(layer_concatenate(axis = 0), "`axis` is 1-based", class = "rkeras_error")
  x <- matrix(runif(8), 2)
  y <- matrix(runif(8), 2)
  expect_equal(as.array(layer_dot(list(x, y), axes = 2)), matrix(rowSums(x * y)), tolerance = 1e-6)
  s <- as.array(layer_activation_softmax(x, axis = 1))  # softmax down each column
  expect_equal(colSums(s), rep(1, 4), tolerance = 1e-6)
  expect_identical(layer_batch_normalization(axis = 2)$axis, 1L)
  expect_identical(unlist(layer_activation_parametric_relu(shared_axes = c(2, 3))$shared_axes), c(1L, 2L))
})

test_that("merge layers take keras3's call forms", {
  a <- matrix(runif(6), 2)
  b <- matrix(runif(6), 2)
  d <- matrix(runif(6), 2)
  expect_equal(as.array(layer_add(a, b)), a + b, tolerance = 1e-6)
  expect_equal(as.array(layer_add(list(a, b))), a + b, tolerance = 1e-6)
  expect_equal(as.array(layer_concatenate(a, b, d)), cbind(a, b, d), tolerance = 1e-6)
  expect_equal(as.array(a |> layer_concatenate(b)), cbind(a, b), tolerance = 1e-6)
  expect_equal(as.array(a %>% layer_subtract(b)), a - b, tolerance = 1e-6)
  expect_equal(as.array(layer_concatenate(inputs = list(a, b), axis = 1)), rbind(a, b), tolerance = 1e-6)
  expect_s3_class(layer_multiply(), "rkeras_layer")  # no tensors: the layer
  i1 <- keras_input(shape = 3)
  i2 <- keras_input(shape = 3)
  model <- keras_model(list(i1, i2), layer_concatenate(i1, i2) |> layer_dense(units = 1))
  expect_identical(dim(predict(model, list(a, b), verbose = 0)), c(2L, 1L))
})

test_that("layer_lambda() takes keras3's f", {
  x <- matrix(c(-1, 2, -3, 4), 2)
  expect_equal(as.array(layer_lambda(x, f = function(t) activation_relu(t))), pmax(x, 0))
  model <- keras_model_sequential(input_shape = 2) |> layer_lambda(f = function(t) activation_relu(t))
  expect_equal(predict(model, x, verbose = 0), pmax(x, 0), tolerance = 1e-6)
})

test_that("whole doubles become integers where Keras wants them", {
  enc <- layer_category_encoding(num_tokens = 4, output_mode = "one_hot")
  expect_identical(enc$num_tokens, 4L)
  expect_equal(as.array(enc(c(0L, 3L))), rbind(c(1, 0, 0, 0), c(0, 0, 0, 1)))
  expect_identical(layer_hashing(num_bins = 3)$num_bins, 3L)
  expect_identical(layer_upsampling_1d(size = 2)$size, 2L)
  stop_cb <- callback_early_stopping(patience = 2, min_delta = 0.01)
  expect_identical(stop_cb$patience, 2L)
  expect_equal(stop_cb$min_delta, 0.01)
})

test_that("op_argmax() returns 1-based indices unless zero_indexed = TRUE", {
  x <- rbind(c(1, 5, 2), c(9, 0, 3))
  expect_equal(as.array(op_argmax(x, axis = 2)), c(2, 1))
  expect_equal(as.array(op_argmax(x, axis = 2, zero_indexed = TRUE)), c(1, 0))
  expect_equal(as.array(op_argmax(x, axis = 1)), c(2, 1, 2))
  expect_equal(as.array(op_take(c(10, 20, 30), c(1, 3))), c(10, 30))
})

test_that("pad_sequences() takes length-1 sequences", {
  expect_identical(pad_sequences(list(1, 2:3)), rbind(c(0L, 1L), c(2L, 3L)))
  expect_identical(pad_sequences(list(1, 2:3), padding = "post", maxlen = 3), rbind(c(1L, 0L, 0L), c(2L, 3L, 0L)))
})

test_that("keras_input(shape =) takes NA for an unknown dimension", {
  expect_identical(keras_input(shape = c(NA))$shape, list(NULL, NULL))
  expect_identical(keras_input(shape = NA)$shape, list(NULL, NULL))
  expect_identical(keras_input(shape = c(NA, 3))$shape, list(NULL, NULL, 3L))
  expect_identical(layer_input(shape = 5)$shape, list(NULL, 5L))
})

test_that("from_config(get_config()) round-trips a model and a layer", {
  model <- keras_model_sequential(input_shape = 4) |> layer_dense(units = 3) |> layer_dense(units = 1)
  config <- get_config(model)
  expect_type(config, "list")
  clone <- from_config(config)
  expect_identical(length(clone$layers), 2L)
  expect_identical(count_params(clone), count_params(model))
  layer <- layer_dense(units = 5, activation = "relu")
  again <- from_config(get_config(layer))
  expect_identical(again$units, 5L)
  expect_identical(class(again), class(layer))
  # a named empty list is a dict on the Python side
  expect_equal(py_describe(setNames(list(), character(0)))$repr, "{}")
  expect_equal(py_describe(list())$repr, "[]")
})

test_that("set_random_seed() seeds R as well", {
  set_random_seed(42)
  r1 <- runif(3)
  p1 <- py_eval("np.random.rand(2).tolist()")
  set_random_seed(42)
  expect_identical(runif(3), r1)
  expect_identical(py_eval("np.random.rand(2).tolist()"), p1)
  set.seed(42)
  expect_identical(runif(3), r1)  # the same as R's own set.seed()
})

test_that("an unknown argument is named in the error", {
  e <- tryCatch(layer_dense(unitz = 2), error = function(e) e)
  expect_s3_class(e, "rkeras_error")
  expect_match(conditionMessage(e), "layer_dense(): unknown argument `unitz`", fixed = TRUE)
  expect_error(layer_dense(units = 2, activaton = "relu"), "activaton")
  # the R formals have no `...`: R itself names the argument
  expect_error(normalize(matrix(1:4, 2), axes = 1), "unused argument \\(axes = 1\\)")
})
