skip_if_no_host()

set.seed(7)
x <- matrix(runif(30), 10, 3)
y <- as.numeric(1:10 %% 2)

test_that("library(tfdatasets) gives rkeras's functions", {
  pkg <- "tfdatasets"  # by name: R CMD check would want the alias package declared
  suppressPackageStartupMessages(library(pkg, character.only = TRUE))
  expect_true("package:tfdatasets" %in% search())
  expect_identical(getExportedValue(pkg, "dataset_map"), rkeras::dataset_map)
  expect_identical(getExportedValue(pkg, "tensor_slices_dataset"), rkeras::tensor_slices_dataset)
  expect_identical(eval(formals(dataset_prefetch)$buffer_size), -1L)  # tf$data$AUTOTUNE
  expect_named(formals(dataset_batch), c("dataset", "batch_size", "drop_remainder", "num_parallel_calls",
                                         "deterministic"))
})

test_that("tensor_slices_dataset: rows of R arrays, unnamed lists as tuples, named lists as dicts", {
  ds <- tensor_slices_dataset(list(x, y))
  els <- dataset_collect(ds)
  expect_length(els, 10)
  expect_equal(els[[3]][[1]], x[3, ])
  expect_equal(els[[3]][[2]], y[3])
  named <- dataset_collect(tensor_slices_dataset(list(a = x, id = 1:10)), iter_max = 2)
  expect_named(named[[2]], c("a", "id"))
  expect_equal(named[[2]]$a, x[2, ])
  expect_identical(named[[2]]$id, 2L)  # R integers stay integers
  frame <- dataset_collect(tensor_slices_dataset(data.frame(n = c(1.5, 2), s = c("a", "b"))))
  expect_identical(frame[[2]], list(n = 2, s = "b"))  # a data.frame is a named list of columns
  one <- dataset_collect(tensors_dataset(list(x, y)))
  expect_length(one, 1)
  expect_equal(one[[1]][[1]], x)
})

test_that("dataset_map: an R function gets the components and its list is the new element", {
  calls <- 0
  ds <- tensor_slices_dataset(list(x, y)) |>
    dataset_map(function(features, label) {
      calls <<- calls + 1
      expect_s3_class(features, "rkeras_tensor")  # traced: symbolic tensors
      list(features * 2 + 1, op_cast(label, "int32"))
    })
  expect_identical(calls, 1)  # traced once, whatever the number of elements
  els <- dataset_collect(ds)
  expect_equal(els[[4]][[1]], x[4, ] * 2 + 1)
  expect_identical(els[[4]][[2]], as.integer(y[4]))
  expect_identical(calls, 1)
  # a formula, purrr-style; a named list element comes as one named list
  f <- dataset_collect(tensor_slices_dataset(list(x, y)) |> dataset_map(~ list(op_sum(.x), .y)), 2)
  expect_equal(f[[2]][[1]], sum(x[2, ]), tolerance = 1e-6)
  g <- tensor_slices_dataset(list(a = x)) |> dataset_map(function(el) list(b = el$a / 10))
  expect_equal(dataset_collect(g, 1)[[1]]$b, x[1, ] / 10)
  e <- tryCatch(dataset_map(tensor_slices_dataset(x), function(v) stop("not here")), error = identity)
  expect_identical(conditionMessage(e), "not here")
})

test_that("batch, shuffle, repeat, take, prefetch", {
  ds <- tensor_slices_dataset(list(x, y))
  batches <- dataset_collect(dataset_batch(ds, 4))
  expect_identical(lapply(batches, function(b) dim(b[[1]])), list(c(4L, 3L), c(4L, 3L), c(2L, 3L)))
  expect_equal(batches[[3]][[1]], x[9:10, ])
  expect_length(dataset_collect(dataset_batch(ds, 4, drop_remainder = TRUE)), 2)
  ids <- tensor_slices_dataset(1:10)
  expect_identical(unlist(dataset_collect(dataset_take(dataset_repeat(ids), 13))), c(1:10, 1:3))
  expect_identical(unlist(dataset_collect(dataset_repeat(dataset_take(ids, 2), 3))), rep(1:2, 3))
  a <- unlist(dataset_collect(dataset_shuffle(ids, 10, seed = 3)))
  b <- unlist(dataset_collect(dataset_shuffle(ids, 10, seed = 3)))
  expect_identical(a, b)
  expect_identical(sort(a), 1:10)
  expect_identical(unlist(dataset_collect(dataset_prefetch(ids))), 1:10)
  expect_identical(unlist(dataset_collect(dataset_unbatch(dataset_batch(ids, 3)))), 1:10)
})

test_that("fit(), evaluate() and predict() on a dataset", {
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(units = 1)
  model |> compile(loss = "mse", optimizer = "sgd")
  ds <- tensor_slices_dataset(list(x, y)) |> dataset_map(function(a, b) list(a * 2, b)) |>
    dataset_shuffle(10, seed = 1) |> dataset_batch(4) |> dataset_prefetch()
  history <- model |> fit(ds, epochs = 2, verbose = 0)
  expect_length(history$metrics$loss, 2)
  on_ds <- evaluate(model, ds, verbose = 0)
  on_arrays <- evaluate(model, x * 2, y, verbose = 0)
  expect_equal(on_ds$loss, on_arrays$loss, tolerance = 1e-5)
  p <- predict(model, tensor_slices_dataset(x * 2) |> dataset_batch(3), verbose = 0)
  expect_equal(p, predict(model, x * 2, verbose = 0), tolerance = 1e-5)
})

test_that("iterating a dataset: tensors from as_iterator(), R arrays from as_array_iterator()", {
  ds <- tensor_slices_dataset(list(x, y)) |> dataset_batch(4)
  batch <- iter_next(as_iterator(ds))
  expect_s3_class(batch[[1]], "rkeras_tensor")  # tfdatasets/reticulate give tensors here
  expect_identical(dim(batch[[1]]), c(4L, 3L))
  expect_equal(as.array(batch[[1]]), x[1:4, ])
  it <- as_array_iterator(ds)
  first <- iter_next(it)
  expect_equal(first[[1]], x[1:4, ])
  expect_equal(first[[2]], y[1:4])
  iter_next(it); iter_next(it)
  expect_null(iter_next(it))
  sums <- iterate(as_array_iterator(ds), function(b) sum(b[[2]]))
  expect_equal(unlist(sums), c(sum(y[1:4]), sum(y[5:8]), sum(y[9:10])))
})

test_that("bad arguments: errors naming the function and the argument", {
  ds <- tensor_slices_dataset(x)
  expect_error(dataset_batch(ds, 2.5), "dataset_batch(): `batch_size` must be a whole number >= 1, got 2.5",
               fixed = TRUE, class = "rkeras_error")
  expect_error(dataset_batch(x, 2), "dataset_batch(): `dataset` must be a TensorFlow dataset", fixed = TRUE)
  expect_error(dataset_take(ds), "count")
  expect_error(dataset_shuffle(ds, "a"), "dataset_shuffle(): `buffer_size` must be a whole number",
               fixed = TRUE)
  expect_error(dataset_map(ds, 3), "dataset_map(): `map_func` must be a function", fixed = TRUE)
  expect_error(dataset_map(ds, ~ NULL), "dataset_map(): the mapped function returned NULL", fixed = TRUE)
  expect_error(dataset_map(ds, y ~ .x), "one-sided", fixed = TRUE)
  expect_error(dataset_cache(ds, 1), "dataset_cache(): `filename` must be NULL or a file path", fixed = TRUE)
  expect_error(dataset_collect(dataset_repeat(ds)), "dataset_collect(): `iter_max`", fixed = TRUE)
  expect_error(tensor_slices_dataset(list(x, 1:3)), "tensor_slices_dataset(): cannot slice", fixed = TRUE)
})
