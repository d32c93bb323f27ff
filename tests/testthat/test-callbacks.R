skip_if_no_host()

set.seed(1)
x <- matrix(runif(200), 50, 4)
y <- matrix(runif(50), 50, 1)
new_model <- function() {
  m <- keras_model_sequential(input_shape = 4) %>% layer_dense(units = 1)
  m %>% compile(optimizer = "sgd", loss = "mse")
  m
}

test_that("R functions are callbacks with 1-based epochs and logs", {
  m <- new_model()
  epochs <- integer()
  losses <- numeric()
  began <- FALSE
  cb <- callback_lambda(
    on_train_begin = function(logs) began <<- TRUE,
    on_epoch_end = function(epoch, logs) {
      epochs <<- c(epochs, epoch)
      losses <<- c(losses, logs$loss)
    }
  )
  h <- m %>% fit(x, y, epochs = 3, batch_size = 10, verbose = 0, callbacks = list(cb))
  expect_true(began)
  expect_identical(epochs, 1:3)
  expect_equal(losses, h$metrics$loss, tolerance = 1e-6)
})

test_that("an R error inside a callback stops fit and reaches R as an error", {
  m <- new_model()
  calls <- 0
  cb <- callback_lambda(on_epoch_end = function(epoch, logs) {
    calls <<- calls + 1
    if (epoch == 2) stop("boom in callback")
  })
  e <- tryCatch(m %>% fit(x, y, epochs = 5, verbose = 0, callbacks = list(cb)), error = function(e) e)
  expect_s3_class(e, "rkeras_error")
  expect_s3_class(e, "RError")
  expect_match(conditionMessage(e), "boom in callback")
  expect_identical(calls, 2)
  # the model stays usable
  h <- m %>% fit(x, y, epochs = 1, verbose = 0)
  expect_length(h$metrics$loss, 1)
  p <- predict(m, x, verbose = 0)
  expect_identical(dim(p), c(50L, 1L))
})

test_that("an R condition class raised in a callback survives the trip", {
  m <- new_model()
  cb <- callback_lambda(on_epoch_begin = function(epoch, logs) {
    stop(structure(class = c("my_r_error", "error", "condition"),
                   list(message = "typed failure", call = NULL)))
  })
  e <- tryCatch(fit(m, x, y, epochs = 2, verbose = 0, callbacks = list(cb)), my_r_error = function(e) e)
  expect_s3_class(e, "my_r_error")
  expect_identical(conditionMessage(e), "typed failure")
})
