skip_if_no_host()

test_that("a learning-rate schedule gives Keras's values and drives an optimizer", {
  s <- learning_rate_schedule_exponential_decay(0.1, decay_steps = 2, decay_rate = 0.5)
  expect_equal(as.numeric(as.array(s$`__call__`(4))), 0.1 * 0.5^2, tolerance = 1e-6)
  p <- learning_rate_schedule_piecewise_constant_decay(c(3, 6), c(0.1, 0.01, 0.001))
  expect_equal(as.numeric(as.array(p$`__call__`(7))), 0.001, tolerance = 1e-6)
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 1)
  model %>% compile(optimizer = optimizer_sgd(learning_rate = s), loss = "mse")
  x <- matrix(runif(24), 8, 3)
  model %>% fit(x, x[, 1], epochs = 2, batch_size = 4, verbose = 0)
  expect_equal(as.numeric(as.array(model$optimizer$learning_rate)), 0.1 * 0.5^2, tolerance = 1e-6)
})
