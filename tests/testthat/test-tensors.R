skip_if_no_host()

# Tensors behave like R values: the group generics, dim/length, `[` / `[<-` with keras3's
# op_subset rules, keras_shape, and keras3's reticulate-style helpers over rkeras handles.

xr <- matrix(c(-7, -2.5, 0, 1.5, 3, 4, 8, 9.25, 10, 11, 12, 13), 3, 4)
yr <- matrix(c(2, 3, 4, 5, -6, 7, 8, 9, 10, -3, 2, 4), 3, 4)
as_t <- function(a) op_add(a, 0)  # a float64 tensor holding exactly `a`

test_that("arithmetic and comparisons on tensors match R on the same arrays", {
  x <- as_t(xr)
  y <- as_t(yr)
  expect_s3_class(x * 2, "rkeras_tensor")
  expect_equal(as.array(x + y), xr + yr)
  expect_equal(as.array(x - 1), xr - 1)
  expect_equal(as.array(2 * x), 2 * xr)
  expect_equal(as.array(x / y), xr / yr)
  expect_equal(as.array(abs(x)^2), abs(xr)^2)
  expect_equal(as.array(x %% 3), xr %% 3)     # floored modulo, as R's
  expect_equal(as.array(x %/% 3), xr %/% 3)   # floor_divide
  expect_equal(as.array(-x), -xr)
  expect_equal(as.array(x > y), xr > yr)
  expect_equal(as.array(x == 0), xr == 0)
  expect_equal(as.array(3 <= x), 3 <= xr)
  expect_equal(as.array(!(x > 0)), !(xr > 0))
  expect_equal(as.array((x > 0) & (y > 0)), (xr > 0) & (yr > 0))
  expect_equal(as.array((x > 0) | (y > 0)), (xr > 0) | (yr > 0))
})

test_that("Math and Summary group generics match R", {
  x <- as_t(xr)
  y <- as_t(yr)
  p <- as_t(abs(xr) + 1)
  expect_equal(as.array(exp(x)), exp(xr))
  expect_equal(as.array(log(p)), log(abs(xr) + 1))
  expect_equal(as.array(log(p, 2)), log(abs(xr) + 1, 2))
  expect_equal(as.array(sqrt(p)), sqrt(abs(xr) + 1))
  expect_equal(as.array(floor(x)), floor(xr))
  expect_equal(as.array(ceiling(x)), ceiling(xr))
  expect_equal(as.array(round(x / 3, 2)), round(xr / 3, 2))
  expect_equal(as.array(sin(x)), sin(xr))
  expect_equal(as.array(cumsum(as_t(array(1:5)))), cumsum(1:5))
  expect_equal(sum(x), sum(xr))
  expect_equal(prod(as_t(array(c(2, 3, 4)))), 24)
  expect_equal(max(x), max(xr))
  expect_equal(min(x, y), min(xr, yr))
  expect_equal(max(x, 100), 100)
  expect_equal(as.array(range(x)), range(xr))
  expect_true(any(x > 12))
  expect_false(all(x > 0))
  expect_error(gamma(x), "gamma\\(\\): not available for tensors")
})

test_that("dim, length and the as.* conversions", {
  x <- as_t(xr)
  expect_identical(dim(x), c(3L, 4L))
  expect_identical(length(x), 12L)
  expect_identical(as.numeric(x), as.numeric(xr))
  expect_identical(as.integer(as_t(matrix(1:6, 2))), 1:6)
  expect_identical(as.logical(x > 0), as.logical(xr > 0))
  inp <- keras_input(shape = 3)
  expect_identical(dim(inp), c(NA, 3L))
  expect_error(as.array(inp), "symbolic tensor.*has no values")
})

test_that("`[` follows keras3's 1-based op_subset rules and matches R's own subsetting", {
  ar <- array(1:60, c(3, 4, 5))
  a <- op_add(ar, 0L)
  x <- op_add(xr, 0)
  expect_equal(as.array(x[1, ]), xr[1, ])
  expect_equal(as.array(x[, 2:3]), xr[, 2:3])
  expect_equal(as.array(x[2]), xr[2, ])                 # missing trailing axes: whole
  expect_equal(as.array(x[-1, ]), xr[3, ])              # negative counts from the end
  expect_equal(as.array(x[c(-1, 1), 2]), xr[c(3, 1), 2])
  expect_equal(as.array(x[c(1, 3), c(TRUE, FALSE, TRUE, FALSE)]), xr[c(1, 3), c(TRUE, FALSE, TRUE, FALSE)])
  expect_equal(as.array(x[NA:2, 2:-1]), xr[1:2, 2:4])   # NA and negative slice ends
  expect_equal(as.array(x[, 1:4:2]), xr[, c(1, 3)])     # a strided slice
  expect_equal(dim(x[, 2:2]), c(3L, 1L))                # a slice keeps its axis
  expect_equal(as.array(a[2, .., 1]), ar[2, , 1])
  expect_equal(as.array(a[all_dims(), 3]), ar[, , 3])
  expect_equal(dim(a[newaxis, , , ]), c(1L, 3L, 4L, 5L))
  expect_equal(dim(a[, NULL]), c(3L, 1L, 4L, 5L))
  expect_equal(op_subset(a, 3, 4, 5), ar[3, 4, 5])
  expect_equal(as.array(op_subset(x, , 2)), xr[, 2])
  i <- 2
  expect_equal(as.array(x[i, i:3]), xr[2, 2:3])
  expect_equal(as.array(x[cbind(1:3, c(4, 1, 2))]), xr[cbind(1:3, c(4, 1, 2))])
  m <- xr > 3
  expect_equal(as.array(x[m]), t(xr)[t(m)])              # a logical array: row-major order
  expect_error(x[0], "indices are 1-based")
  expect_error(x[4, ], "index 4 is out of range for axis 1 of size 3")
  expect_error(x[1, 2, 3], "3 indices for a tensor of rank 2")
  expect_error(x[NA], "NA is not an index")
  expect_error(x[1, drop = FALSE], "indices cannot be named")
})

test_that("`[<-` and op_subset<- replace elements (a variable in place)", {
  x <- op_add(xr, 0)
  x[1, ] <- 0
  expected <- xr
  expected[1, ] <- 0
  expect_equal(as.array(x), expected)
  op_subset(x, , -1) <- c(7, 8, 9)
  expected[, 4] <- c(7, 8, 9)
  expect_equal(as.array(x), expected)
  expect_equal(as.array(op_subset_set(x, 2, 2, value = 100))[2, 2], 100)
  v <- keras_variable(matrix(1, 2, 3))
  v[1, 1] <- 33
  expect_s3_class(v, "rkeras_variable")
  expect_equal(as.array(v), matrix(c(33, 1, 1, 1, 1, 1), 2))
  expect_equal(as.array(v * 2)[1, 1], 66)
})

test_that("tensor methods work on symbolic tensors: layer_lambda and a loss written in R", {
  inp <- keras_input(shape = 3)
  out <- inp |> layer_lambda(function(x) x * 2 + 1)
  model <- keras_model(inp, out)
  data <- matrix(c(1, 2, 3, 4, 5, 6), 2)
  expect_equal(predict(model, data, verbose = 0), data * 2 + 1, tolerance = 1e-6)
  mse <- function(y_true, y_pred) op_mean((y_true - y_pred)^2)
  yt <- as_t(matrix(c(1, 2, 3, 4), 2))
  yp <- as_t(matrix(c(1, 1, 1, 1), 2))
  expect_equal(mse(yt, yp), mean((c(1, 2, 3, 4) - 1)^2))
  set_random_seed(1)
  fit_model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
  fit_model |> compile(loss = mse, optimizer = optimizer_sgd(learning_rate = 0.01))
  xs <- matrix(c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8), 4)
  ys <- matrix(c(1, 2, 3, 4), 4)
  history <- fit_model |> fit(xs, ys, epochs = 2, batch_size = 4, verbose = 0)
  pred <- predict(fit_model, xs, verbose = 0)
  # the loss Keras reported after the last epoch is the R function's value on the model's output
  history2 <- fit_model |> evaluate(xs, ys, verbose = 0)
  expect_equal(unname(unlist(history2))[1], mean((ys - pred)^2), tolerance = 1e-5)
  expect_length(history$metrics$loss, 2)
})

test_that("shape() builds and reads keras_shape values, printed as keras3 prints them", {
  s <- shape(NA, 3)
  expect_identical(unclass(s), list(NULL, 3L))
  expect_s3_class(s, "keras_shape")
  expect_identical(shape(NULL, 28), structure(list(NULL, 28L), class = "keras_shape"))
  expect_identical(shape(-1, 2), shape(NA, 2))
  expect_output(print(s), "^shape\\(NA, 3\\)$")
  expect_identical(format(shape(2, 3)), "shape(2, 3)")
  expect_identical(format(shape(2, 3), prefix = FALSE), "(2, 3)")
  expect_identical(format(shape()), "shape()")
  expect_identical(as.integer(s), c(NA, 3L))
  expect_identical(as.list(s), list(NULL, 3L))
  expect_length(s, 2L)
  expect_true(s == shape(NA, 3))
  expect_true(s == c(NA, 3))
  expect_true(s != shape(2, 3))
  expect_identical(s[2], shape(3))
  expect_identical(c(shape(2), shape(3, 4)), shape(2, 3, 4))
  expect_identical(prod(shape(2, 3, 4)), 24)
  c(batch, features) %<-% shape(NA, 3)
  expect_null(batch)
  expect_identical(features, 3L)
  inp <- keras_input(shape = shape(28, 28))
  expect_identical(shape(inp), shape(NA, 28, 28))
  expect_identical(shape(inp, 4), shape(NA, 28, 28, 4))
  out <- inp |> layer_reshape(target_shape = shape(784))
  expect_identical(shape(out), shape(NA, 784))
  expect_identical(shape(op_add(array(0, c(2, 5)), 1)), shape(2, 5))
  expect_identical(dim(random_normal(shape(2, 3))), c(2L, 3L))
  expect_identical(shape(as_tensor(1:6, shape = shape(2, 3))), shape(2, 3))
  expect_identical(py_eval("rk.shape(None, 4)"), shape(NA, 4))  # the Python Shape comes back a keras_shape
  expect_error(shape("a"), "shape\\(\\): `...` must be whole numbers")
  expect_error(shape(2.5), "whole numbers")
})

test_that("%<-% destructures nested datasets and tensor pairs (zeallot's, re-exported)", {
  load_mnist_or_skip()
  c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_mnist()
  expect_identical(dim(x_train), c(60000L, 28L, 28L))
  expect_length(y_train, 60000L)
  expect_identical(dim(x_test), c(10000L, 28L, 28L))
  expect_length(y_test, 10000L)
  c(values, indices) %<-% keras$ops$top_k(op_add(c(3, 9, 1, 7), 0), 2L)
  expect_equal(as.array(values), c(9, 7))
  expect_equal(as.array(indices), c(1L, 3L))  # keras.ops itself: 0-based
})

test_that("reticulate-style names work over rkeras handles", {
  h <- r_to_py(matrix(1:4, 2))
  expect_s3_class(h, "rkeras_object")
  expect_identical(h$shape, c(2L, 2L))
  expect_identical(py_to_r(h), matrix(1:4, 2))
  n <- np_array(c(1, 2, 3), dtype = "float32")
  expect_identical(n$dtype$name, "float32")
  expect_identical(py_to_r(n), c(1, 2, 3))
  expect_error(np_array(1, order = "X"), 'np_array\\(\\): `order` must be "C" or "F"')
  tp <- tuple(1L, "a")
  expect_identical(py_to_r(tp), list(1L, "a"))
  expect_identical(tp$count(1L), 1L)
  expect_identical(keras$ops$add(1, 2), 3)
  dense <- keras$layers$Dense(units = 2L)
  expect_s3_class(dense, "rkeras_layer")
  expect_identical(dense$units, 2L)
  expect_output(print(keras), "Module\\(keras\\)")
  np <- import("numpy")
  expect_equal(np$arange(3L), c(0, 1, 2))
  expect_error(import("no_such_module_xyz"), "no Python module named 'no_such_module_xyz'")
  it <- as_iterator(list(1, 2))
  expect_identical(iter_next(it), 1)
  expect_identical(iter_next(it), 2)
  expect_identical(iter_next(it, completed = "done"), "done")
  expect_identical(iterate(list(1, 2, 3), function(v) v * 10), c(10, 20, 30))
  expect_identical(iterate(list(1, 2)), c(1, 2))
  expect_identical(iterate(list(1, 2), simplify = FALSE), list(1, 2))
  v <- keras_variable(c(1, 2), dtype = "float32")
  expect_s3_class(v, "rkeras_variable")
  expect_identical(v$dtype, "float32")
  x <- c(4, 9)
  x %<>% sqrt
  expect_identical(x, c(2, 3))
  scope_name <- NULL
  with(keras$name_scope("blockA") %as% scope, {
    scope_name <- scope$name
  })
  expect_identical(scope_name, "blockA")
})

test_that("import('tensorflow') first thing gives real tensors, and a tf$Variable stays a variable", {
  # A script's first line importing TensorFlow raced the host's Keras preload: the handles got
  # no classes (and the class cache kept that), and printing failed on a half-imported keras.
  tf <- import("tensorflow")
  x <- tf$constant(c(1, 2, 3))
  expect_s3_class(x, "rkeras_tensor")
  expect_equal(as.array(x * 2), c(2, 4, 6))
  w <- tf$Variable(2)
  expect_s3_class(w, "rkeras_tensor")
  expect_equal(as.numeric(w * w), 4)
})
