skip_if_no_host()

set.seed(5)
x <- matrix(runif(60), 20, 3)
y <- matrix(runif(40), 20, 2)

CustomLayer <- R6::R6Class("CustomLayer",
  inherit = KerasLayer,
  public = list(
    output_dim = NULL,
    kernel = NULL,
    initialize = function(output_dim) {
      self$output_dim <- output_dim
    },
    build = function(input_shape) {
      self$kernel <- self$add_weight(name = "kernel", shape = list(input_shape[[2]], self$output_dim),
                                     initializer = initializer_random_normal(), trainable = TRUE)
    },
    call = function(x, mask = NULL) {
      op_matmul(x, self$kernel)
    },
    compute_output_shape = function(input_shape) {
      list(input_shape[[1]], self$output_dim)
    }
  )
)

layer_custom <- function(object, output_dim, name = NULL, trainable = TRUE) {
  create_layer(CustomLayer, object, list(output_dim = as.integer(output_dim), name = name, trainable = trainable))
}

test_that("an R6 KerasLayer with build/call and add_weight computes x %*% kernel", {
  m <- keras_model_sequential(input_shape = 3) %>% layer_custom(output_dim = 2, name = "mine")
  expect_identical(m$layers[[1]]$name, "mine")
  w <- get_weights(m)
  expect_length(w, 1L)
  expect_identical(dim(w[[1]]), c(3L, 2L))
  expect_equal(predict(m, x, verbose = 0), x %*% w[[1]], tolerance = 1e-5)
  # compute_output_shape is used on a symbolic tensor; the layer trains
  expect_identical(unlist(layer_custom(keras_input(shape = 3), output_dim = 5)$shape), 5L)
  m %>% compile(optimizer = optimizer_sgd(0.1), loss = "mse")
  fit(m, x, y, epochs = 2, batch_size = 5, verbose = 0)
  expect_false(isTRUE(all.equal(get_weights(m)[[1]], w[[1]])))
  # without object: the layer, callable on a tensor
  layer <- create_layer(CustomLayer, args = list(output_dim = 4L))
  expect_s3_class(layer, "rkeras_layer")
  expect_identical(unlist(layer(keras_input(shape = 3))$shape), 4L)
  expect_error(create_layer(CustomLayer, NULL, args = 3), "create_layer\\(\\): `args` must be a named list")
  expect_error(create_layer(R6::R6Class("NotALayer"), NULL), "must inherit from KerasLayer")
})

test_that("an R6 KerasCallback records 0-based epochs and logs, with the model set", {
  History2 <- R6::R6Class("History2",
    inherit = KerasCallback,
    public = list(
      epochs = NULL, losses = NULL, batches = 0, has_model = FALSE,
      on_train_begin = function(logs = NULL) {
        self$has_model <- inherits(self$model, "rkeras_model")
      },
      on_epoch_end = function(epoch, logs = NULL) {
        self$epochs <- c(self$epochs, epoch)
        self$losses <- c(self$losses, logs$loss)
      },
      on_batch_end = function(batch, logs = NULL) {
        self$batches <- self$batches + 1
      }
    )
  )
  m <- keras_model_sequential(input_shape = 3) %>% layer_dense(2)
  m %>% compile(optimizer = "sgd", loss = "mse")
  cb <- History2$new()
  h <- fit(m, x, y, epochs = 3, batch_size = 10, verbose = 0, callbacks = list(cb))
  expect_identical(cb$epochs, c(0L, 1L, 2L))
  expect_true(cb$has_model)
  expect_identical(cb$batches, 6)
  expect_equal(cb$losses, h$metrics$loss, tolerance = 1e-6)
})

test_that("an R6 KerasConstraint constrains a layer's kernel", {
  NonNeg <- R6::R6Class("NonNeg", inherit = KerasConstraint,
    public = list(call = function(w) op_relu(w)))
  m <- keras_model_sequential(input_shape = 3) %>%
    layer_dense(2, kernel_constraint = NonNeg$new(), kernel_initializer = initializer_constant(-1))
  m %>% compile(optimizer = optimizer_sgd(0.01), loss = "mse")
  fit(m, x, y, epochs = 1, batch_size = 20, verbose = 0)
  expect_identical(get_weights(m)[[1]], matrix(0, 3, 2))
})

test_that("keras_model_custom() builds and fits a tiny model", {
  model <- keras_model_custom(name = "tiny", function(self) {
    self$dense1 <- layer_dense(units = 4, activation = "relu")
    self$dense2 <- layer_dense(units = 2)
    function(inputs, mask = NULL, training = NULL) {
      inputs %>% self$dense1() %>% self$dense2()
    }
  })
  expect_identical(model$name, "tiny")
  model %>% compile(optimizer = optimizer_sgd(0.05), loss = "mse")
  h <- fit(model, x, y, epochs = 3, batch_size = 5, verbose = 0)
  expect_length(h$metrics$loss, 3L)
  w <- get_weights(model)
  expect_length(w, 4L)
  expected <- pmax(x %*% w[[1]] + matrix(w[[2]], 20, 4, byrow = TRUE), 0) %*% w[[3]] +
    matrix(w[[4]], 20, 2, byrow = TRUE)
  expect_equal(predict(model, x, verbose = 0), expected, tolerance = 1e-5)
  expect_error(keras_model_custom(3), "keras_model_custom\\(\\): `model_fn` must be a function")
})

test_that("create_layer_wrapper() makes a layer function that composes with %>%", {
  layer_custom2 <- create_layer_wrapper(CustomLayer, modifiers = list(output_dim = as.integer))
  expect_identical(names(formals(layer_custom2)), c("object", "output_dim", "name", "trainable", "input_shape"))
  m <- keras_model_sequential(input_shape = 3) %>% layer_custom2(output_dim = 2) %>% layer_dense(1)
  w <- get_weights(m)
  expect_equal(predict(m, x, verbose = 0), x %*% w[[1]] %*% w[[2]] + w[[3]], tolerance = 1e-5)
  # a Layer() class too
  Scale <- Layer("Scale", initialize = function(factor = 2, ...) {
    super$initialize(...)
    self$factor <- factor
  }, call = function(inputs) inputs * self$factor)
  layer_scale <- create_layer_wrapper(Scale)
  m2 <- keras_model_sequential(input_shape = 3) %>% layer_scale(factor = 3)
  expect_equal(predict(m2, x, verbose = 0), x * 3, tolerance = 1e-6)
})

test_that("create_wrapper() wraps a layer with an R6 KerasWrapper", {
  Doubling <- R6::R6Class("Doubling", inherit = KerasWrapper,
    public = list(call = function(inputs, mask = NULL) self$layer(inputs) * 2))
  inner <- layer_dense(units = 2)
  m <- create_wrapper(Doubling, keras_model_sequential(input_shape = 3), list(layer = inner))
  w <- get_weights(m)
  expect_length(w, 2L)
  expect_equal(predict(m, x, verbose = 0), 2 * (x %*% w[[1]] + matrix(w[[2]], 20, 2, byrow = TRUE)),
               tolerance = 1e-5)
  expect_error(create_wrapper(CustomLayer, NULL, list(layer = inner)), "inheriting from KerasWrapper, got CustomLayer")
})
