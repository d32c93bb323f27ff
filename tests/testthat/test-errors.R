skip_if_no_host()

test_that("a Python exception becomes an R error classed by the Python class", {
  e <- tryCatch(layer_dense(units = 1.5), error = function(e) e)
  expect_identical(class(e), c("rkeras_error", "RKerasError", "ValueError", "error", "condition"))
  expect_match(conditionMessage(e), "layer_dense(): `units` must be a whole number", fixed = TRUE)
  expect_match(e$traceback, "Traceback (most recent call last)", fixed = TRUE)
  expect_match(e$traceback, "RKerasError")
  expect_identical(e$python_class, "rkeras.errors.RKerasError")
  expect_null(conditionCall(e))
})

test_that("tryCatch catches by Python class name", {
  m <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1, name = "only")
  caught <- tryCatch(m$get_layer("nope"), ValueError = function(e) conditionMessage(e))
  expect_match(caught, "^ValueError: ")
  expect_error(py_eval("1/0"), class = "ZeroDivisionError")
  expect_error(py_eval("1/0"), "ZeroDivisionError: division by zero")
  r <- try(layer_dense(units = "a"), silent = TRUE)
  expect_s3_class(r, "try-error")
  expect_s3_class(attr(r, "condition"), "rkeras_error")
})

test_that("the model stays usable after an error", {
  m <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 1)
  m %>% compile(optimizer = "sgd", loss = "mse")
  expect_error(m %>% fit(matrix(1:6, 3), matrix(1:3, 3), epochs = "x", verbose = 0), class = "rkeras_error")
  expect_error(compile(m, optimizer = "no_such_optimizer", loss = "mse"), class = "RKerasError")
  h <- m %>% fit(matrix(runif(6), 3), matrix(runif(3), 3), epochs = 1, verbose = 0)
  expect_length(h$metrics$loss, 1)
})

test_that("outside a host call, wrappers fail with a clear message", {
  # the dispatcher rejects unknown functions with an rkeras error, not a crash
  expect_error(rkeras:::.rk_call("no_such_function"), class = "rkeras_error")
  expect_error(rkeras:::.rk_call(".no_such_internal"), class = "rkeras_error")
})

test_that("Python warnings become R warnings", {
  expect_warning(py_eval("__import__('warnings').warn('from python', UserWarning)"), "from python")
  m <- keras_model_sequential(input_shape = 2) %>% layer_dense(units = 3, activation = "softmax")
  expect_warning(p <- predict_classes(m, matrix(runif(4), 2), verbose = 0), "deprecated")
  expect_true(all(p %in% 0:2))
})

test_that("Python errors keep their type in R's condition classes", {
  e <- tryCatch(layer_dropout(rate = "a"), error = function(e) e)
  expect_true(all(c("rkeras_error", "RKerasTypeError", "RKerasError", "TypeError", "ValueError",
                    "error", "condition") %in% class(e)))
  expect_match(conditionMessage(e), "^layer_dropout\\(\\): ")
  caught <- tryCatch(layer_dropout(rate = "a"), TypeError = function(e) "TypeError")
  expect_identical(caught, "TypeError")
})
