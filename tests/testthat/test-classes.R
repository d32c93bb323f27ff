skip_if_no_host()

set.seed(3)
x <- matrix(runif(60), 20, 3)
y <- matrix(runif(40), 20, 2)

calls <- 0
layer_linear <- Layer("Linear",
  initialize = function(units = 32, ...) {
    super$initialize(...)
    self$units <- units
  },
  build = function(input_shape) {
    self$w <- self$add_weight(shape = c(input_shape[[2]], self$units), initializer = "random_normal")
    self$b <- self$add_weight(shape = self$units, initializer = "random_normal")
  },
  call = function(inputs) {
    calls <<- calls + 1
    op_add(op_matmul(inputs, self$w), self$b)
  },
  get_config = function() {
    config <- super$get_config()
    config$units <- self$units
    config
  }
)

test_that("a Layer() class with weights computes x %*% w + b and composes like layer_dense()", {
  expect_identical(names(formals(layer_linear)), c("object", "units", "..."))
  m <- keras_model_sequential(input_shape = 3) |> layer_linear(units = 2)
  expect_identical(m$layers[[1]]$units, 2)
  w <- get_weights(m)
  expect_identical(dim(w[[1]]), c(3L, 2L))
  expect_identical(length(m$layers[[1]]$trainable_weights), 2L)
  p <- predict(m, x, verbose = 0)
  expect_equal(p, x %*% w[[1]] + matrix(w[[2]], 20, 2, byrow = TRUE), tolerance = 1e-5)
  # the same class on a tensor, and as a layer object called later
  layer <- layer_linear(units = 4)
  expect_s3_class(layer, "rkeras_layer")
  input <- keras_input(shape = 3)
  expect_identical(unlist(layer(input)$shape), 4L)
  expect_identical(unlist((input |> layer_linear(units = 5))$shape), 5L)
  expect_identical(layer$get_config()$units, 4)
})

test_that("R's call() runs once per trace, not once per batch", {
  m <- keras_model_sequential(input_shape = 3) |> layer_linear(units = 2)
  m |> compile(optimizer = "sgd", loss = "mse")
  before <- calls
  fit(m, x, y, epochs = 2, batch_size = 4, verbose = 0)  # 10 batches
  per_fit <- calls - before
  before <- calls
  fit(m, x, y, epochs = 3, batch_size = 2, verbose = 0)  # 30 batches, the function already traced
  expect_lte(per_fit, 2)
  expect_lte(calls - before, 1)
})

test_that("a Model() class with custom train_step and test_step, private state and a sub-layer", {
  FrozenModel <- Model("FrozenModel",
    initialize = function(...) {
      super$initialize(...)
      self$dense <- layer_dense(units = 2)
    },
    call = function(inputs, training = NULL) self$dense(inputs),
    train_step = function(data) {
      c(x, y) %<-% data
      private$steps <- private$steps + 1
      y_pred <- self(x, training = TRUE)
      list(frozen_mse = op_mean(op_square(op_subtract(y, y_pred))))
    },
    test_step = function(data) {
      c(x, y) %<-% data
      list(my_mae = op_mean(op_abs(op_subtract(y, self(x)))))
    },
    public = list(steps_traced = function() private$steps),
    private = list(steps = 0)
  )
  m <- FrozenModel()
  m |> compile(optimizer = "sgd", loss = "mse")
  h <- fit(m, x, y, epochs = 2, batch_size = 20, verbose = 0)
  p <- predict(m, x, verbose = 0)
  # train_step never updates the weights: each epoch reports the same mse, that of the model
  expect_equal(h$metrics$frozen_mse, rep(mean((y - p)^2), 2), tolerance = 1e-5)
  expect_identical(length(m$trainable_weights), 2L)  # the sub-layer's weights are tracked
  e <- evaluate(m, x, y, batch_size = 20, verbose = 0)
  expect_equal(e$my_mae, mean(abs(y - p)), tolerance = 1e-5)
  # train_step runs when Keras traces it, not for each of the 20 batches
  traced <- m$steps_traced()
  expect_lte(traced, 2)
  fit(m, x, y, epochs = 2, batch_size = 2, verbose = 0)
  expect_lte(m$steps_traced() - traced, 2)
})

test_that("R functions as loss and metrics, a Metric() class and a Callback() class with 1-based epochs", {
  metric_total_abs <- Metric("TotalAbs",
    initialize = function(name = "total_abs", ...) {
      super$initialize(name = name, ...)
      self$total <- self$add_weight(shape = integer(0), initializer = "zeros", name = "total")
    },
    update_state = function(y_true, y_pred, sample_weight = NULL) {
      self$total$assign_add(op_sum(op_abs(op_subtract(y_true, y_pred))))
    },
    result = function() self$total
  )
  seen <- list()
  callback_recorder <- Callback("Recorder",
    on_epoch_end = function(epoch, logs = NULL) {
      seen[[length(seen) + 1L]] <<- list(epoch = epoch, loss = logs$loss, model = self$model$name)
    }
  )
  m <- keras_model_sequential(input_shape = 3, name = "recorded") |> layer_dense(units = 2)
  m |> compile(optimizer = optimizer_sgd(learning_rate = 0),  # fixed weights: the metrics are known
               loss = function(y_true, y_pred) op_mean(op_square(op_subtract(y_true, y_pred))),
               metrics = list(my_mae = function(y_true, y_pred) op_mean(op_abs(op_subtract(y_true, y_pred))),
                              metric_total_abs(),
                              custom_metric("max_err", function(y_true, y_pred) op_max(op_abs(op_subtract(y_true, y_pred))))))
  p <- predict(m, x, verbose = 0)
  h <- fit(m, x, y, epochs = 3, batch_size = 20, verbose = 0, callbacks = list(callback_recorder()))
  expect_equal(h$metrics$loss, rep(mean((y - p)^2), 3), tolerance = 1e-5)
  expect_equal(h$metrics$my_mae, rep(mean(abs(y - p)), 3), tolerance = 1e-5)
  expect_equal(h$metrics$max_err, rep(max(abs(y - p)), 3), tolerance = 1e-5)
  expect_equal(h$metrics$total_abs, rep(sum(abs(y - p)), 3), tolerance = 1e-4)  # reset each epoch
  expect_identical(vapply(seen, `[[`, 1L, "epoch"), 1:3)
  expect_equal(vapply(seen, `[[`, 1, "loss"), h$metrics$loss, tolerance = 1e-6)
  expect_identical(seen[[1]]$model, "recorded")
  # a Loss() class, given as an object or as the class
  loss_mse <- Loss("MyMSE", call = function(y_true, y_pred) op_mean(op_square(op_subtract(y_true, y_pred)), axis = -1))
  for (loss in list(loss_mse(), loss_mse)) {
    m |> compile(optimizer = "sgd", loss = loss)
    expect_equal(evaluate(m, x, y, verbose = 0)[["loss"]], mean((y - p)^2), tolerance = 1e-5)
  }
})

test_that("classes subclass again (inherit =, super$method) and %py_class% defines one", {
  layer_times <- Layer("Times",
    initialize = function(k = 2, ...) {
      super$initialize(...)
      self$k <- k
    },
    call = function(inputs) op_multiply(inputs, self$k)
  )
  layer_times_plus <- Layer("TimesPlus", inherit = layer_times,
                            call = function(inputs) op_add(super$call(inputs), private$offset),
                            private = list(offset = 1))
  expect_identical(names(formals(layer_times_plus)), c("object", "k", "..."))  # initialize is inherited
  l <- layer_times_plus(k = 3)
  expect_equal(as.array(l(x)), x * 3 + 1, tolerance = 1e-6)
  expect_true(py_eval("True"))
  TimesTwo(layer_times) %py_class% {
    call <- function(inputs) op_subtract(super()$call(inputs), inputs)
    half %<-active% function(value) {
      if (missing(value)) return(self$k / 2)
      self$k <- value * 2
    }
  }
  t2 <- TimesTwo(k = 5)
  expect_equal(as.array(t2(x)), x * 4, tolerance = 1e-6)
  expect_identical(t2$half, 2.5)
  t2$half <- 1
  expect_identical(t2$k, 2)
})

test_that("an R error in call() is catchable with the R calls, and the model works afterwards", {
  fail <- TRUE
  layer_flaky <- Layer("Flaky", call = function(inputs) {
    if (fail) stop("flaky layer failed")
    inputs
  })
  m <- keras_model_sequential(input_shape = 3)
  e <- tryCatch(m |> layer_flaky(), error = function(e) e)
  expect_s3_class(e, "RError")
  expect_match(conditionMessage(e), "flaky layer failed")
  expect_true(any(grepl("Flaky$call", e$r_trace, fixed = TRUE)))
  fail <- FALSE
  m |> layer_flaky() |> layer_dense(units = 2)
  m |> compile(optimizer = "sgd", loss = "mse")
  fail <- TRUE
  e <- tryCatch(fit(m, x, y, epochs = 1, verbose = 0), simpleError = function(e) e)
  expect_s3_class(e, "rkeras_error")
  expect_identical(conditionMessage(e), "flaky layer failed")
  expect_identical(tail(e$r_trace, 2), c("`Flaky$call`(...)", "stop(\"flaky layer failed\")"))
  fail <- FALSE
  h <- fit(m, x, y, epochs = 1, verbose = 0)
  expect_length(h$metrics$loss, 1)
  expect_identical(dim(predict(m, x, verbose = 0)), c(20L, 2L))
})

test_that("a model with R layers saves and loads in a new process (custom_objects or registered)", {
  layer_scale <- Layer("RkScale",
    initialize = function(k = 2, ...) {
      super$initialize(...)
      self$k <- k
    },
    call = function(inputs) op_multiply(inputs, self$k))
  register_keras_serializable(layer_scale, package = "rktest")
  m <- keras_model_sequential(input_shape = 3) |> layer_linear(units = 2) |> layer_scale(k = 3)
  dir <- tempfile("classes")
  dir.create(dir)
  path <- file.path(dir, "m.keras")
  save_model(m, path)
  expected <- predict(m, x, verbose = 0)
  saveRDS(x, file.path(dir, "x.rds"))
  script <- file.path(dir, "load.R")
  writeLines(c(
    'library(keras3)',
    'layer_linear <- Layer("Linear", initialize = function(units = 32, ...) { super$initialize(...); self$units <- units },',
    '  build = function(input_shape) {',
    '    self$w <- self$add_weight(shape = c(input_shape[[2]], self$units))',
    '    self$b <- self$add_weight(shape = self$units) },',
    '  call = function(inputs) op_add(op_matmul(inputs, self$w), self$b))',
    'layer_scale <- Layer("RkScale", initialize = function(k = 2, ...) { super$initialize(...); self$k <- k },',
    '  call = function(inputs) op_multiply(inputs, self$k))',
    'register_keras_serializable(layer_scale, package = "rktest")',
    sprintf('dir <- "%s"', dir),
    'm <- load_model(file.path(dir, "m.keras"), custom_objects = list(Linear = layer_linear))',
    'saveRDS(predict(m, readRDS(file.path(dir, "x.rds")), verbose = 0), file.path(dir, "p.rds"))',
    'e <- tryCatch(load_model(file.path(dir, "m.keras")), error = function(e) conditionMessage(e))',
    'saveRDS(e, file.path(dir, "e.rds"))'
  ), script)
  python <- py_eval("__import__('sys').executable")
  # (R's LD_LIBRARY_PATH, inherited by system2(), can make another build's libpython load first)
  out <- system2(python, c("-m", "rkeras.cli", "run", script), stdout = TRUE, stderr = TRUE,
                 env = "LD_LIBRARY_PATH=")
  status <- attr(out, "status")
  expect_true(is.null(status) || status == 0L, info = paste(out, collapse = "\n"))
  expect_identical(readRDS(file.path(dir, "p.rds")), expected)
  # without the class (not registered), Keras cannot make the layer
  expect_match(readRDS(file.path(dir, "e.rds")), "Linear")
  unlink(dir, recursive = TRUE)
})

test_that("Constraint() and LearningRateSchedule() classes act during fit", {
  constraint_abs <- Constraint("AbsWeights", call = function(w) op_abs(w))
  steps <- list()
  schedule_halving <- LearningRateSchedule("Halving",
    initialize = function(rate = 0.1) self$rate <- rate,
    call = function(step) op_divide(self$rate, op_add(op_multiply(step, 0), 2))
  )
  m <- keras_model_sequential(input_shape = 3) |>
    layer_dense(units = 2, kernel_constraint = constraint_abs(), use_bias = FALSE)
  m |> compile(optimizer = optimizer_sgd(learning_rate = schedule_halving(rate = 0.5)), loss = "mse")
  fit(m, x, y, epochs = 2, batch_size = 10, verbose = 0)
  expect_true(all(get_weights(m)[[1]] >= 0))
  expect_equal(as.numeric(as.array(m$optimizer$learning_rate)), 0.25, tolerance = 1e-6)
})

test_that("Model() classes whose initialize has no `...` (or has one) make, predict, and keep their arguments", {
  # no `...`, no arguments
  Plain <- Model("PlainNoDots",
    initialize = function() {
      super$initialize()
      self$dense <- layer_dense(units = 2, kernel_initializer = "ones", use_bias = FALSE)
    },
    call = function(inputs) self$dense(inputs))
  m <- Plain()
  expect_length(formals(Plain), 0L)
  expect_equal(predict(m, x, verbose = 0), cbind(rowSums(x), rowSums(x)), tolerance = 1e-5)
  expect_error(Plain(name = "p"), "unused argument \\(name = \"p\"\\)")
  # no `...`, named arguments
  Scaled <- Model("ScaledNoDots",
    initialize = function(units = 2, scale = 1) {
      super$initialize()
      self$units <- units
      self$scale <- scale
      self$dense <- layer_dense(units = units, kernel_initializer = "ones", use_bias = FALSE)
    },
    call = function(inputs) op_multiply(self$dense(inputs), self$scale))
  expect_identical(names(formals(Scaled)), c("units", "scale"))
  m <- Scaled(units = 3, scale = 2)
  expect_identical(c(m$units, m$scale), c(3, 2))
  expect_equal(predict(m, x, verbose = 0), matrix(2 * rowSums(x), 20, 3), tolerance = 1e-5)
  # the automatic config holds the values given, not initialize()'s defaults
  expect_identical(get_config(m)[c("units", "scale")], list(units = 3, scale = 2))
  # with `...`: Keras's own arguments (name, trainable) go to super$initialize()
  Named <- Model("NamedDots",
    initialize = function(units = 2, ...) {
      super$initialize(...)
      self$units <- units
      self$dense <- layer_dense(units = units)
    },
    call = function(inputs) self$dense(inputs))
  expect_identical(names(formals(Named)), c("units", "..."))
  m <- Named(units = 4, name = "mine", trainable = FALSE)
  expect_identical(m$name, "mine")
  expect_identical(dim(predict(m, x, verbose = 0)), c(20L, 4L))
  expect_length(m$trainable_weights, 0L)
  # only `...`
  Dots <- Model("OnlyDots",
    initialize = function(...) {
      super$initialize(...)
      self$dense <- layer_dense(units = 1)
    },
    call = function(inputs) self$dense(inputs))
  m <- Dots(name = "dotted")
  expect_identical(m$name, "dotted")
  expect_identical(dim(predict(m, x, verbose = 0)), c(20L, 1L))
})

test_that("a Model() without `...` goes round get_config() and from_config(), and a Layer() too", {
  Scaled <- Model("ScaledRoundTrip",
    initialize = function(units = 2, scale = 1) {
      super$initialize()
      self$units <- units
      self$scale <- scale
      self$dense <- layer_dense(units = units, kernel_initializer = "ones", use_bias = FALSE)
    },
    call = function(inputs) op_multiply(self$dense(inputs), self$scale),
    get_config = function() list(units = self$units, scale = self$scale))
  m <- Scaled(units = 3, scale = 0.5)
  config <- get_config(m)
  expect_identical(unclass(config)[c("units", "scale")], list(units = 3, scale = 0.5))
  m2 <- from_config(config)
  expect_s3_class(m2, "rkeras_model")
  expect_identical(c(m2$units, m2$scale), c(3, 0.5))
  expect_equal(predict(m2, x, verbose = 0), matrix(0.5 * rowSums(x), 20, 3), tolerance = 1e-5)
  # a layer without `...` and without get_config: its automatic config has Keras's trainable and
  # dtype, which initialize() cannot take (as for a Python __init__ without **kwargs)
  layer_times <- Layer("TimesNoDots",
    initialize = function(k = 2) {
      super$initialize()
      self$k <- k
    },
    call = function(inputs) op_multiply(inputs, self$k))
  l <- layer_times(k = 3)
  expect_equal(as.array(l(x)), 3 * x, tolerance = 1e-6)
  expect_identical(get_config(l)$k, 3)
  expect_error(from_config(get_config(l)), "unused arguments \\(trainable = TRUE")
  # with `...` the automatic config goes round
  layer_times2 <- Layer("TimesDots",
    initialize = function(k = 2, ...) {
      super$initialize(...)
      self$k <- k
    },
    call = function(inputs) op_multiply(inputs, self$k))
  l2 <- from_config(get_config(layer_times2(k = 4, name = "times4")))
  expect_identical(l2$k, 4)
  expect_identical(l2$name, "times4")
  expect_equal(as.array(l2(x)), 4 * x, tolerance = 1e-6)
})

test_that("add_loss() in a layer called on eager data takes what R's arithmetic gives (a number)", {
  layer_activity <- Layer("ActivityReg",
    initialize = function(rate = 1e-2) {
      super$initialize()
      self$rate <- rate
    },
    call = function(inputs) {
      self$add_loss(self$rate * op_mean(inputs))  # eager: op_mean() of a 0-d result is an R number
      inputs
    })
  l <- layer_activity()
  expect_length(l$losses, 0L)
  . <- l(x)
  expect_length(l$losses, 1L)
  expect_equal(as.numeric(l$losses[[1]]), 1e-2 * mean(x), tolerance = 1e-6)
  . <- l(x * 2)
  expect_length(l$losses, 1L)  # reset at each call
  expect_equal(as.numeric(l$losses[[1]]), 2e-2 * mean(x), tolerance = 1e-6)
  # in fit() (a graph) it is a tensor, and compile() without a loss minimises it alone
  input <- keras_input(shape = 3)
  m <- keras_model(input, input |> layer_activity())
  m |> compile(optimizer = "adam")
  h <- suppressWarnings(fit(m, x, y, epochs = 1, batch_size = 20, verbose = 0))  # no weights: Keras warns
  expect_equal(h$metrics$loss, 1e-2 * mean(x), tolerance = 1e-5)
  # a 1-unit Dense's weights go round get_weights() / set_weights() (the bias is a length-1 vector)
  d <- keras_model_sequential(input_shape = 3) |> layer_dense(units = 1)
  w <- get_weights(d)
  w[[2]] <- 0.25
  set_weights(d, w)
  expect_equal(get_weights(d)[[2]], 0.25)
})
