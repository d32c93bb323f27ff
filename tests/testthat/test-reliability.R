# Inputs that used to crash the process or eat all memory: each is now a catchable R error.
skip_if_no_host()


test_that("absurd sizes are R errors, not crashes", {
  e <- tryCatch(to_categorical(c(0, 1.5e9)), error = function(e) e)
  expect_s3_class(e, "rkeras_error")
  expect_match(conditionMessage(e), "^to_categorical\\(\\): .*would need .* of memory")
  e <- tryCatch(pad_sequences(list(1:3, 1:2), maxlen = 2147483647L), error = function(e) e)
  expect_match(conditionMessage(e), "^pad_sequences\\(\\): the result of shape \\(2, 2147483647\\) would need")
  e <- tryCatch(metric_auc(num_thresholds = 1e308), error = function(e) e)
  expect_match(conditionMessage(e), "`num_thresholds` must be a whole number between")
  # and the session goes on
  expect_identical(dim(to_categorical(c(0, 2))), c(2L, 3L))
})

test_that("NA in training data is an error before training", {
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
  model |> compile(loss = "mse", optimizer = "sgd")
  x <- matrix(c(1, NA, 3, 4), 2, 2)
  e <- tryCatch(fit(model, x, c(1, 2), verbose = 0), error = function(e) e)
  expect_match(conditionMessage(e), "^fit\\(\\): `x` has 1 missing \\(NA/NaN\\) value\\(s\\), the first at \\[2, 1\\]")
})
