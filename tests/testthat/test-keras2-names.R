skip_if_no_host()

test_that("per-application preprocessing matches keras.applications, the input unchanged", {
  x <- array(seq(0, 255, length.out = 2 * 4 * 4 * 3), dim = c(2, 4, 4, 3))
  before <- x
  expect_equal(xception_preprocess_input(x), x / 127.5 - 1, tolerance = 1e-6)
  expect_equal(mobilenet_v2_preprocess_input(x), x / 127.5 - 1, tolerance = 1e-6)
  r <- resnet_preprocess_input(x)
  expect_equal(r[, , , 1], x[, , , 3] - 103.939, tolerance = 1e-4)  # BGR, minus the ImageNet means
  expect_identical(x, before)
})

test_that("save_model_tf/load_model_tf and serialize_model/unserialize_model round trip", {
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 2)
  model %>% compile(loss = "mse", optimizer = "sgd")
  x <- matrix(runif(12), 4, 3)
  dir <- file.path(tempfile(), "sm")
  dir.create(dirname(dir))
  save_model_tf(model, dir)
  expect_true(file.exists(file.path(dir, "saved_model.pb")))
  back <- load_model_tf(dir)
  expect_equal(predict(back, x, verbose = 0), predict(model, x, verbose = 0), tolerance = 1e-6)
  expect_error(save_model_tf(model, dir), "overwrite = TRUE")
  raw <- serialize_model(model)
  expect_type(raw, "raw")
  again <- unserialize_model(raw)
  expect_equal(predict(again, x, verbose = 0), predict(model, x, verbose = 0), tolerance = 1e-6)
})

test_that("layer nodes are 1-based; keras 2.x's layer names build Keras 3 layers", {
  input <- layer_input(shape = 3)
  dense <- layer_dense(units = 2)
  out <- dense(input)
  expect_identical(unlist(get_output_shape_at(dense, 1)), 2L)
  expect_error(get_input_at(dense, 2), "1 to 1 \\(1-based\\)")
  gru <- layer_cudnn_gru(units = 4)
  expect_s3_class(gru, "rkeras_object")
  y <- layer_activation_thresholded_relu(matrix(c(-1, 0.5, 2, 3), 2), theta = 1)
  expect_equal(as.array(y), matrix(c(0, 0, 2, 3), 2))
  m <- metric_mean_relative_error(normalizer = c(2, 4))
  m$update_state(c(1, 3), c(2, 5))
  expect_equal(as.numeric(m$result()), 0.5)
})

test_that("environment names explain rather than fail", {
  expect_identical(implementation(), "keras")
  expect_null(use_virtualenv("/no/such/env"))  # prints why (tested in Python)
  expect_error(use_condaenv("other", required = TRUE), "RKERAS_PYTHON")
  use_session_with_seed(7, quiet = TRUE)
  a <- as.array(random_uniform(3, seed = NULL))
  use_session_with_seed(7, quiet = TRUE)
  expect_identical(as.array(random_uniform(3, seed = NULL)), a)
  expect_error(hdf5_matrix("x.h5", "data"), "removed in Keras 3: Keras 3 has no HDF5Matrix")
})
