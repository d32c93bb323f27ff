skip_if_no_host()

# keras3's arguments of the hand-written functions (issue 7: args() shows keras3's formals), used
# from R: each changes the result as keras3 documents.

small_model <- function() {
  keras_model_sequential(input_shape = 4, name = "small") |>
    layer_dense(3, name = "a") |>
    layer_batch_normalization(name = "b") |>
    layer_dense(2, name = "c")
}
trainable_flags <- function(model) vapply(model$layers, function(l) l$trainable, TRUE)

test_that("the formals are keras3's", {
  expect_identical(names(formals(freeze_weights)), c("object", "from", "to", "which"))
  expect_identical(formals(get_weights)$trainable, NA)
  expect_identical(formals(pop_layer)$rebuild, TRUE)
  expect_identical(names(formals(keras_model_sequential))[3], "...")
  expect_identical(formals(dataset_mnist)$convert, TRUE)
  expect_identical(formals(use_backend)$gpu, NA)
  expect_identical(formals(install_keras)$envname, "r-keras")
})

test_that("freeze_weights(which =) takes names, positions, logicals and functions", {
  model <- small_model()
  freeze_weights(model, which = "b")
  expect_identical(trainable_flags(model), c(TRUE, FALSE, TRUE))
  freeze_weights(model, which = c(1, -1))
  expect_identical(trainable_flags(model), c(FALSE, TRUE, FALSE))
  unfreeze_weights(model, which = c(TRUE, FALSE, FALSE))
  expect_identical(trainable_flags(model), c(TRUE, FALSE, FALSE))
  freeze_weights(model, which = function(layer) layer$name != "b")
  expect_identical(trainable_flags(model), c(FALSE, TRUE, FALSE))
  freeze_weights(model, from = 2)  # keras3: the layers outside the range become trainable
  expect_identical(trainable_flags(model), c(TRUE, FALSE, FALSE))
  expect_error(freeze_weights(model, from = 1, which = "a"), "give either `which` or `from`/`to`",
               class = "rkeras_error")
  expect_error(freeze_weights(model, which = c(TRUE, FALSE)), "logical vector of length 3",
               class = "rkeras_error")
})

test_that("get_weights(trainable =) and pop_layer(rebuild =)", {
  model <- small_model()
  expect_length(get_weights(model), 8L)
  expect_length(get_weights(model, trainable = TRUE), 6L)
  frozen <- get_weights(model, trainable = FALSE)
  expect_identical(lengths(frozen), c(3L, 3L))
  expect_equal(as.numeric(frozen[[2]]), rep(1, 3))  # the moving variance starts at 1
  expect_error(get_weights(model, trainable = "all"), "`trainable` must be NA, TRUE or FALSE",
               class = "rkeras_error")
  pop_layer(model, rebuild = FALSE)
  expect_false(model$built)
  expect_identical(length(model$layers), 2L)
  pop_layer(model)
  expect_true(model$built)
})

test_that("keras_model_sequential()'s input_* arguments and `...` make its input layer", {
  model <- keras_model_sequential(input_batch_shape = c(7, 5), input_name = "pixels", name = "m") |>
    layer_dense(2)
  expect_identical(unlist(model$inputs[[1]]$shape), c(7L, 5L))
  expect_identical(model$inputs[[1]]$name, "pixels")
  expect_error(keras_model_sequential(input_shape = 3, colour = "red"), "`colour` must be an argument",
               class = "rkeras_error")
  x <- keras_input(shape = 3)
  m2 <- keras_model(x, layer_dense(x, 2), name = "functional_one")
  expect_identical(m2$name, "functional_one")
})

test_that("callback_lambda() takes the other hooks through `...`, with 1-based numbers", {
  seen <- character()
  cb <- callback_lambda(on_epoch_end = function(epoch, logs) seen <<- c(seen, paste0("epoch", epoch)),
                        on_test_begin = function(logs) seen <<- c(seen, "test"))
  model <- small_model()
  compile(model, optimizer = "sgd", loss = "mse")
  x <- matrix(1, 4, 4)
  y <- matrix(0, 4, 2)
  fit(model, x, y, epochs = 2, verbose = 0, callbacks = list(cb), validation_data = list(x, y))
  expect_identical(seen, c("test", "epoch1", "test", "epoch2"))
  expect_error(callback_lambda(on_lunch = print), "unknown hook `on_lunch`", class = "rkeras_error")
})

test_that("save_model_weights(max_shard_size =) writes shards that load_model_weights() reads", {
  dir <- tempfile()
  dir.create(dir)
  model <- keras_model_sequential(input_shape = 100) |> layer_dense(200) |> layer_dense(300)
  path <- file.path(dir, "w.weights.json")
  save_model_weights(model, path, max_shard_size = 3e-4)
  expect_true(length(list.files(dir, "^w_0000.*\\.weights\\.h5$")) >= 1)
  other <- keras_model_sequential(input_shape = 100) |> layer_dense(200) |> layer_dense(300)
  load_model_weights(other, path)
  expect_equal(get_weights(other), get_weights(model))
  expect_error(save_model_weights(model, path, max_shard_size = 3e-4), "already exists", class = "rkeras_error")
})

test_that("dataset_*(convert = FALSE) gives NumPy arrays with the same values", {
  plain <- load_mnist_or_skip()
  raw <- dataset_mnist(convert = FALSE)
  expect_true(inherits(raw$train$x, "rkeras_object") && !is.array(raw$train$x))  # a handle
  expect_identical(unlist(raw$train$x$shape), c(60000L, 28L, 28L))
  expect_identical(as.integer(raw$test$y$sum()), as.integer(sum(plain$test$y)))
  expect_identical(py_to_r(raw$test$x)[1:3, 10, 10], plain$test$x[1:3, 10, 10])
  expect_error(dataset_mnist(convert = "no"), "`convert` must be TRUE or FALSE", class = "rkeras_error")
})

test_that("install_keras() and use_backend() accept keras3's arguments and say what they do here", {
  expect_null(install_keras(envname = "mine", backend = "tensorflow", gpu = NA, restart_session = FALSE))
  expect_error(install_keras(gpu = "yes"), "`gpu` must be TRUE, FALSE or NA", class = "rkeras_error")
  expect_error(install_keras(backend = "theano"), "`backend` must be among", class = "rkeras_error")
  expect_identical(use_backend(config_backend(), gpu = NA), config_backend())
})

test_that("optimizers carry keras3's default names, and `...` sits where keras3 puts it", {
  expect_identical(optimizer_sgd()$name, "SGD")
  expect_identical(optimizer_rmsprop()$name, "rmsprop")
  expect_identical(optimizer_adam_w(name = "mine")$name, "mine")
  f <- names(formals(optimizer_adam))
  expect_identical(tail(f, 4), c("name", "...", "loss_scale_factor", "gradient_accumulation_steps"))
  adam <- optimizer_adam(gradient_accumulation_steps = 2)
  expect_identical(adam$gradient_accumulation_steps, 2L)
  model <- small_model()
  compile(model, optimizer = optimizer_sgd(), loss = "mse")
  expect_identical(model$optimizer$name, "SGD")
  expect_true(layer_conv_lstm_1d(filters = 2, kernel_size = 3, unroll = TRUE)$unroll)
})

test_that("keras3's whole doubles (num_oov_indices = 1, top = 5) reach Keras as integers", {
  expect_identical(formals(feature_integer_categorical)$num_oov_indices, 1)
  f <- feature_string_categorical(num_oov_indices = 2)
  expect_identical(f$preprocessor$num_oov_indices, 2L)
  expect_identical(formals(imagenet_decode_predictions)$top, 5)
  expect_error(feature_string_categorical(num_oov_indices = 1.5), "num_oov_indices", class = "rkeras_error")
})
