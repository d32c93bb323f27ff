skip_if_no_host()

test_that("dataset_mnist() gives R integer arrays in R's index order", {
  mnist <- load_mnist_or_skip()
  x <- mnist$train$x
  expect_identical(typeof(x), "integer")
  expect_identical(dim(x), c(60000L, 28L, 28L))
  expect_identical(x[1, 6, 13], 3L)
  expect_identical(dim(mnist$test$x), c(10000L, 28L, 28L))
  expect_identical(typeof(mnist$train$y), "integer")
  expect_null(dim(mnist$train$y))
  expect_identical(length(mnist$train$y), 60000L)
  expect_identical(mnist$train$y[1:4], c(5L, 0L, 4L, 1L))
})

test_that("array_reshape() returns an R array, row-major by default", {
  t <- array(1:24, c(2, 3, 4))
  r <- array_reshape(t, c(2, 12))
  expect_true(is.array(r))
  expect_identical(dim(r), c(2L, 12L))
  expect_equal(r[1, ], c(1, 7, 13, 19, 3, 9, 15, 21, 5, 11, 17, 23))
  expect_equal(array_reshape(t, c(2, 12), order = "F")[1, ], seq(1, 23, by = 2))
  expect_equal(array_reshape(1:4, c(2, 2)), matrix(1:4, 2, byrow = TRUE))
  expect_identical(dim(array_reshape(t, c(NA, 4))), c(6L, 4L))
  x <- array(runif(2 * 28 * 28), c(2, 28, 28))
  flat <- array_reshape(x, c(2, 784))
  expect_identical(flat[2, 1:28], x[2, 1, ])
})

test_that("to_categorical() gives an R matrix of 0-based one-hot rows", {
  m <- to_categorical(c(0, 2, 1), 3)
  expect_true(is.matrix(m))
  expect_identical(typeof(m), "double")
  expect_equal(m, rbind(c(1, 0, 0), c(0, 0, 1), c(0, 1, 0)))
  expect_identical(dim(to_categorical(0:9)), c(10L, 10L))
  expect_error(to_categorical(c(0.5, 1)), class = "RKerasError")
})
