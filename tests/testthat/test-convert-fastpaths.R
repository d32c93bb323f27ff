skip_if_no_host()

# The paths bench/ made faster: plain strings read by R's C accessors, large R vectors filled from
# numpy (huge-page advice), and the no-op bridged call.

test_that("the no-op bridged call takes any arguments and returns NULL invisibly", {
  expect_invisible(rkeras:::.rk_call(".noop"))
  expect_null(rkeras:::.rk_call(".noop", 1, "a", x = list(2, 3)))
})

test_that("plain strings cross in every declared encoding, NA as None", {
  echo <- py_eval("lambda s: repr(s)")
  expect_identical(rkeras:::.rk_call(".invoke", echo, "abc"), "'abc'")
  utf8 <- enc2utf8("\u00e9\u4e2d")
  expect_identical(rkeras:::.rk_call(".invoke", echo, utf8), "'\u00e9\u4e2d'")
  latin1 <- iconv("\u00e9t\u00e9", "UTF-8", "latin1")
  expect_identical(Encoding(latin1), "latin1")
  expect_identical(rkeras:::.rk_call(".invoke", echo, latin1), "'\u00e9t\u00e9'")
  expect_identical(rkeras:::.rk_call(".invoke", echo, NA_character_), "None")
  expect_identical(rkeras:::.rk_call(".invoke", echo, ""), "''")
})

test_that("large arrays come back to R with every value (the huge-page fill)", {
  make <- py_eval("lambda n, kind: __import__('numpy').arange(n).astype(kind)")
  n <- 3e6  # 24 MB of doubles: past the 8 MiB threshold
  d <- rkeras:::.rk_call(".invoke", make, n, "float64")
  expect_identical(length(d), as.integer(n))
  expect_identical(d[c(1, 2, n)], c(0, 1, n - 1))
  expect_identical(sum(d), sum(as.numeric(seq_len(n) - 1)))
  i <- rkeras:::.rk_call(".invoke", make, n, "int32")
  expect_identical(i[c(1, n)], c(0L, as.integer(n - 1)))
  m <- rkeras:::.rk_call(".invoke", py_eval("lambda: __import__('numpy').arange(6e6).reshape(3000, 2000)"))
  expect_identical(dim(m), c(3000L, 2000L))
  expect_identical(m[2, 1], 2000)  # row-major Python values in R's column-major layout
  expect_identical(m[3000, 2000], 6e6 - 1)
})
