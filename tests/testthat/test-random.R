skip_if_no_host()

test_that("random_* draw what keras.random draws with the same seed, shapes from R vectors", {
  x <- as.array(random_normal(c(2, 3), mean = 1, stddev = 2, seed = 7))
  expect_identical(dim(x), c(2L, 3L))
  expect_equal(x, py_eval("np.asarray(rk.api._keras.keras().random.normal((2, 3), 1.0, 2.0, seed=7))"),
               tolerance = 1e-6)
  u <- as.array(random_uniform(4, seed = 1))
  expect_true(all(u >= 0 & u < 1))
  i <- as.array(random_integer(c(5), 0, 10, seed = 3))
  expect_identical(typeof(i), "integer")
  g <- random_seed_generator(seed = 5)
  a <- as.array(random_normal(3, seed = g))
  expect_false(isTRUE(all.equal(a, as.array(random_normal(3, seed = g)))))
})

test_that("random_categorical is 1-based unless zero_indexed, random_shuffle's axis is 1-based", {
  logits <- log(matrix(c(0.2, 0.8), 1, 2))
  one <- as.array(random_categorical(logits, 20, seed = 11))
  zero <- as.array(random_categorical(logits, 20, seed = 11, zero_indexed = TRUE))
  expect_identical(one, zero + 1L)
  expect_true(all(one %in% 1:2))
  m <- matrix(1:6, 2, 3)
  s <- as.array(random_shuffle(m, axis = 2, seed = 1))
  expect_identical(sort(s[1, ]), c(1L, 3L, 5L))  # columns moved, rows kept together
  expect_error(random_shuffle(m, axis = 0), "`axis` is 1-based")
})
