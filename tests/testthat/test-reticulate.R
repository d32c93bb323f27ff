skip_if_no_host()

# reticulate's names and the tensorflow R package's basics, over rkeras's bridge.

test_that("py_eval() evaluates in __main__, py_run_string() runs there and py reads it", {
  expect_identical(py_eval("1 + 2"), 3L)
  expect_identical(py_eval("[1.5, 2]"), c(1.5, 2))
  res <- py_run_string("rk_test_x = 41\nrk_test_y = rk_test_x + 1")
  expect_true(inherits(res, "rkeras_dict"))
  expect_identical(res$rk_test_y, 42L)
  expect_identical(py$rk_test_x, 41L)
  expect_identical(py_eval("rk_test_y * 2"), 84L)
  py$rk_test_z <- c(1, 2, 3)
  expect_identical(py_eval("rk_test_z"), c(1, 2, 3))
  expect_identical(py_eval("type(rk_test_z).__name__"), "list")
  # local = TRUE: a private dictionary; the main module keeps its value
  loc <- py_run_string("rk_test_x = 7\nrk_test_w = rk_test_x * 3", local = TRUE)
  expect_identical(loc$rk_test_w, 21L)
  expect_identical(sort(names(loc)), c("rk_test_w", "rk_test_x"))
  expect_identical(py$rk_test_x, 41L)
  # invisibly, as reticulate
  expect_invisible(py_run_string("pass"))
  # convert = FALSE: a handle to the Python object
  h <- py_eval("[1, 2, 3]", convert = FALSE)
  expect_true(inherits(h, "rkeras_object"))
  expect_identical(py_to_r(h), 1:3)
  expect_identical(py_eval("__import__('numpy').arange(3, dtype='int32')", convert = TRUE), 0:2)
  py_run_string("del rk_test_x, rk_test_y, rk_test_z")
  expect_error(py$rk_test_x, "no attribute 'rk_test_x'")
})

test_that("bad Python code is an R error with Python's class", {
  e <- tryCatch(py_eval("1 +"), error = function(e) e)
  expect_s3_class(e, "SyntaxError")
  e <- tryCatch(py_run_string("raise KeyError('nope')"), error = function(e) e)
  expect_s3_class(e, "KeyError")
  expect_error(py_eval(3), "py_eval\\(\\): `code` must be Python code as a character string")
})

test_that("dict() makes a Python dict from named arguments or one named list", {
  d <- dict(a = 1, b = "x", c = c(1L, 2L))
  expect_true(inherits(d, "rkeras_dict"))
  expect_identical(names(d), c("a", "b", "c"))
  expect_identical(length(d), 3L)
  expect_identical(d$a, 1)
  expect_identical(d[["b"]], "x")
  expect_identical(d$c, 1:2)
  d$a <- 10
  expect_identical(d$a, 10)
  expect_identical(py_describe(d)$keys, c("a", "b", "c"))
  d2 <- dict(list(k = TRUE, `1` = "one"))
  # a name of digits is an integer key, as in reticulate
  expect_identical(py_eval("lambda d: sorted(map(repr, d.keys()))")(d2), c("'k'", "1"))
  expect_identical(py_to_r(d2)$k, TRUE)
  expect_error(dict(1, 2), "dict\\(\\): `...` must be named arguments or a single named list")
})

test_that("py_func() gives a Python callable of an R function", {
  f <- py_func(function(a, b = 2) a * 10 + b)
  expect_true(is.function(f))
  expect_identical(f(1), 12)
  py$rk_test_f <- f
  expect_identical(py_eval("rk_test_f(3, b=4)"), 34)
  expect_identical(py_eval("callable(rk_test_f)"), TRUE)
  py_run_string("del rk_test_f")
  expect_error(py_func(3), "py_func\\(\\): `f` must be an R function")
})

test_that("py_capture_output() captures Python's output, lazily, and not R's", {
  r_out <- capture.output(out <- py_capture_output({
    cat("from R\n")
    py_run_string("print('hello from python')")
  }))
  expect_identical(out, "hello from python\n")
  expect_identical(r_out, "from R")
  both <- py_capture_output(py_run_string("import sys; sys.stdout.write('o\\n'); sys.stderr.write('e\\n')"))
  expect_identical(both, "o\ne\n")
  err <- py_capture_output(type = "stderr", {
    only_out <- py_capture_output(py_run_string("import sys; sys.stdout.write('o\\n'); sys.stderr.write('e\\n')"),
                                  type = "stdout")
  })
  expect_identical(only_out, "o\n")
  expect_identical(err, "e\n")
  # nested, and the streams come back after an error
  outer <- py_capture_output({
    inner <- py_capture_output(py_run_string("print('in')"))
    py_run_string("print('out')")
  })
  expect_identical(inner, "in\n")
  expect_identical(outer, "out\n")
  expect_error(py_capture_output(stop("boom")), "boom")
  expect_identical(py_eval("type(__import__('sys').stdout).__name__ != 'CaptureStream'"), TRUE)
  # a Keras model summary is Python output
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
  text <- py_capture_output(invisible(model$summary()))
  expect_match(text, "Total params: 8")
  expect_error(py_capture_output(1, type = "both"), "'arg' should be one of")
})

test_that("py_available() and py_module_available()", {
  expect_true(py_available())
  expect_true(py_available(initialize = TRUE))
  expect_true(py_module_available("numpy"))
  expect_false(py_module_available("rkeras_no_such_module_xyz"))
  expect_false(py_module_available("rkeras_no_such_package.sub"))
})

test_that("library(tensorflow): tf, tf_version(), tf$constant()", {
  skip_if_not(py_module_available("tensorflow"), "TensorFlow is not installed")
  library(tensorflow)
  expect_s3_class(tf, "rkeras_module")
  # only the tensorflow alias exports `tf` (keras3 does not; rkeras is attached to every script)
  expect_true("tf" %in% getNamespaceExports("tensorflow"))
  expect_false("tf" %in% getNamespaceExports("rkeras"))
  expect_false("tf" %in% getNamespaceExports("keras3"))
  expect_identical(capture.output(print(tf)), "Module(tensorflow)")
  v <- tf_version()
  expect_s3_class(v, "package_version")
  expect_s3_class(v, "numeric_version")
  expect_true(v >= "2.10")
  expect_false(v < "2.0")
  expect_identical(length(unlist(v)), 2L)
  expect_identical(as.character(v), py_eval("'.'.join(__import__('tensorflow').__version__.split('.')[:2])"))
  x <- tf$constant(c(1, 2, 3))
  expect_s3_class(x, "rkeras_tensor")
  expect_identical(as.array(x), c(1, 2, 3))
  expect_identical(py_describe(x)$type, "EagerTensor")
  expect_equal(as.array(tf$reduce_sum(tf$constant(matrix(1:6, 2), dtype = "float32"), axis = 0L)), c(3, 7, 11))
  tf$random$set_seed(1)
  a <- as.array(tf$random$uniform(shape(3L)))
  tf$random$set_seed(1)
  expect_identical(as.array(tf$random$uniform(shape(3L))), a)
  w <- tf$Variable(3)
  expect_identical(py_describe(w)$type, "ResourceVariable")
  with(tf$GradientTape() %as% tape, {
    y <- w * w
  })
  expect_s3_class(y, "rkeras_tensor")  # a 0-d tensor stays a tensor while the tape records
  expect_equal(tape$gradient(y, w), 6)  # the gradient itself reaches R as a number
  z <- w * w
  expect_identical(z, 9)  # outside a tape, a 0-d result is a number as always
})

test_that("tf_function() traces an R function into a graph function", {
  skip_if_not(py_module_available("tensorflow"), "TensorFlow is not installed")
  library(tensorflow)
  calls <- 0
  f <- tf_function(function(x, y) {
    calls <<- calls + 1
    tf$reduce_sum(x * y) + 1
  })
  expect_true(is.function(f))
  expect_identical(py_describe(f)$type, "Function")
  x <- tf$constant(c(1, 2, 3))
  expect_equal(f(x, tf$constant(c(2, 2, 2))), 13)
  expect_equal(f(x, tf$constant(c(1, 0, 1))), 5)
  expect_identical(calls, 1)  # traced once, then run as a graph
  spec <- tf$TensorSpec(shape = list(NULL), dtype = "float32")
  g <- tf_function(function(v) v * 2, input_signature = list(spec))
  expect_identical(as.array(g(tf$constant(c(1, 5)))), c(2, 10))
  expect_error(tf_function(1), "tf_function\\(\\): `f` must be a function")
  expect_error(tf_function(function(x) x, autograph = "yes"), "`autograph` must be TRUE or FALSE")
})

test_that("the GradientTape training step of keras3's guide: R's gradients and update are TensorFlow's", {
  skip_if_not(py_module_available("tensorflow"), "TensorFlow is not installed")
  library(tensorflow)
  set_random_seed(3)
  model <- keras_model_sequential(input_shape = 4) |>
    layer_dense(5, activation = "relu") |>
    layer_dense(3)
  x <- matrix(runif(24), 6, 4)
  y <- as.array(c(0, 2, 1, 1, 0, 2))  # a 1-d array: NumPy's, as a dataset's labels would be
  loss_fn <- loss_sparse_categorical_crossentropy(from_logits = TRUE)
  optimizer <- optimizer_sgd(learning_rate = 0.1)

  # the same step in Python, on the same model and data
  py_run_string(c(
    "import tensorflow as tf",
    "def rk_test_step(model, x, y, loss_fn):",
    "    with tf.GradientTape() as tape:",
    "        loss = loss_fn(y, model(x, training=True))",
    "    return [g.numpy() for g in tape.gradient(loss, model.trainable_weights)] + [float(loss)]"))
  python_step <- py$rk_test_step
  expected <- python_step(model, x, y, loss_fn)
  before <- get_weights(model)

  with(tf$GradientTape() %as% tape, {
    logits <- model(x, training = TRUE)
    loss_value <- loss_fn(y, logits)
  })
  expect_s3_class(loss_value, "rkeras_tensor")
  grads <- tape$gradient(loss_value, model$trainable_weights)
  expect_length(grads, 4L)
  for (i in 1:4) expect_equal(as.array(grads[[i]]), expected[[i]], tolerance = 1e-6)
  expect_equal(as.numeric(loss_value), expected[[5]], tolerance = 1e-6)
  # numpy's cross-entropy of the same logits
  logits_r <- as.array(logits)
  p <- exp(logits_r) / rowSums(exp(logits_r))
  expect_equal(as.numeric(loss_value), mean(-log(p[cbind(1:6, y + 1)])), tolerance = 1e-5)

  optimizer$apply_gradients(zip_lists(grads, model$trainable_weights))
  after <- lapply(model$trainable_weights, as.array)
  for (i in 1:4) {
    expect_equal(after[[i]], before[[i]] - 0.1 * expected[[i]], tolerance = 1e-6)
    expect_false(isTRUE(all.equal(after[[i]], before[[i]])))
  }
  py_run_string("del rk_test_step")

  # the guide's compiled step: tf_function(train_step), the tape inside, on a copy of the model
  model2 <- keras_model_sequential(input_shape = 4) |>
    layer_dense(5, activation = "relu") |>
    layer_dense(3)
  set_weights(model2, before)
  optimizer2 <- optimizer_sgd(learning_rate = 0.1)
  acc <- metric_sparse_categorical_accuracy()
  traces <- 0
  train_step <- tf_function(function(x, y) {
    traces <<- traces + 1
    with(tf$GradientTape() %as% tape, {
      logits <- model2(x, training = TRUE)
      loss_value <- loss_fn(y, logits)
    })
    grads <- tape$gradient(loss_value, model2$trainable_weights)
    optimizer2$apply_gradients(zip_lists(grads, model2$trainable_weights))
    acc$update_state(y, logits)
    loss_value
  })
  xt <- tf$constant(x, dtype = "float32")
  yt <- tf$constant(y, dtype = "float32")
  loss1 <- train_step(xt, yt)
  expect_equal(loss1, expected[[5]], tolerance = 1e-6)  # the same first loss, as a number
  for (i in 1:4) expect_equal(as.array(model2$trainable_weights[[i]]), after[[i]], tolerance = 1e-6)
  loss2 <- train_step(xt, yt)
  expect_lt(loss2, loss1)
  expect_identical(traces, 1)
  expect_true(acc$result() >= 0 && acc$result() <= 1)
})
