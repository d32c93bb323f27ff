skip_if_no_host()

test_that("a name removed in Keras 3 is an R error that names the replacement", {
  e <- tryCatch(multi_gpu_model(keras_model_sequential(), gpus = 2), error = function(e) e)
  expect_identical(class(e), c("rkeras_error", "RKerasError", "ValueError", "error", "condition"))
  expect_match(conditionMessage(e), "^multi_gpu_model\\(\\): removed in Keras 3: .*tf\\.distribute")
  expect_error(model_to_yaml(), "removed in Keras 3: .*model_to_json\\(\\)", class = "RKerasError")
  expect_error(model_from_yaml("x"), "model_from_json\\(\\)")
  expect_error(layer_dense_features(feature_columns = list()), "layer_feature_space\\(\\)")
  # kerasR's positional call gets the removed error, not an argument error
  expect_error(LocallyConnected2D(32, c(3, 3), input_shape = c(28, 28, 1)),
               "^LocallyConnected2D\\(\\): removed in Keras 3: .*Conv2D\\(\\)")
})

test_that("kerasR optimizers: one template, each row's defaults, overrides by position and name", {
  sgd <- SGD(0.1, 0.9, 0, TRUE)
  expect_equal(sgd$momentum, 0.9)
  expect_true(sgd$nesterov)
  expect_equal(py_eval("float(rk.SGD().learning_rate)"), 0.01, tolerance = 1e-6)
  expect_equal(py_eval("float(rk.Adadelta().learning_rate)"), 1)
  expect_equal(RMSprop(lr = 0.00025)$rho, 0.9)
  expect_equal(Adam(beta_1 = 0.8)$beta_1, 0.8)
  expect_null(Adam()$clipnorm)  # kerasR's clipnorm = -1: off
  expect_error(Adam(lr = -1), "^Adam\\(\\): `lr` must be a number >= 0")
})

test_that("kerasR layers and regularizers with kerasR's defaults", {
  expect_equal(unlist(AveragePooling2D()$pool_size), c(2, 2))
  expect_equal(GaussianNoise()$stddev, 1)
  expect_equal(GaussianDropout()$rate, 0.5)
  expect_equal(py_eval("float(rk.l1_l2().l1)"), 0.01, tolerance = 1e-6)
  expect_error(load_mnist(path = "x"), "unused argument \\(path = \"x\"\\)")  # kerasR: no arguments
})
