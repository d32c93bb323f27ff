skip_if_no_host()

test_that("named_list, zip_lists, newaxis and all_dims are keras3's R helpers", {
  a <- 1
  expect_identical(named_list(a, b = 2), list(a = 1, b = 2))
  expect_identical(zip_lists(list(1, 2), list("x", "y")), list(list(1, "x"), list(2, "y")))
  expect_identical(zip_lists(list(p = 1, q = 2), list(q = "y", p = "x")),
                   list(p = list(1, "x"), q = list(2, "y")))
  expect_identical(zip_lists(first = list(1), second = list("x")), list(list(first = 1, second = "x")))
  expect_error(zip_lists(list(1, 2), list(1)), "same length")
  expect_null(newaxis)
  expect_identical(all_dims(), as.symbol("..."))
})

test_that("get_file finds a local file and fails offline naming the file", {
  dir <- tempfile("rk-cache")
  dir.create(dir)
  src <- file.path(tempdir(), "rk-table.csv")
  writeLines("a,b", src)
  path <- get_file("rk-table.csv", origin = paste0("file://", src), cache_dir = dir)
  expect_identical(readLines(path), "a,b")
  expect_error(get_file("rk-missing.npz", origin = "http://127.0.0.1:9/rk-missing.npz", cache_dir = dir),
               "rk-missing.npz is not in")
})

test_that("save_model_config / load_model_config round-trip and refuse to overwrite", {
  model <- keras_model_sequential(input_shape = 3) %>% layer_dense(units = 2)
  f <- tempfile(fileext = ".json")
  expect_invisible(save_model_config(model, f))
  expect_error(save_model_config(model, f), "overwrite = TRUE")
  save_model_config(model, f, overwrite = TRUE)
  clone <- load_model_config(f)
  expect_identical(count_params(clone), count_params(model))
  cfg <- serialize_keras_object(layer_dense(units = 3))
  expect_identical(cfg$class_name, "Dense")
})

test_that("dotty's `.` destructures by position, with skipped slots and `..`", {
  .[a, , b] <- list(1, 2, 3)
  expect_identical(c(a, b), c(1, 3))
  .[first, ..] <- list("x", "y", "z")
  expect_identical(first, "x")
  .[.., last] <- 1:4
  expect_identical(last, 4L)
  expect_error(.[p, q, r] <- list(1, 2), "3 names but only 2 values")
})

test_that("with_custom_object_scope adds custom objects only while expr runs", {
  before <- names(get_custom_objects())
  f <- function(x) x
  inside <- with_custom_object_scope(list(my_scoped_fn = f), "my_scoped_fn" %in% names(get_custom_objects()))
  expect_true(inside)
  expect_identical(names(get_custom_objects()), before)
  expect_error(with_custom_object_scope(list(my_scoped_fn = f), stop("boom")), "boom")
  expect_identical(names(get_custom_objects()), before)
})
