skip_if_no_host()

small_model <- function() {
  keras_model_sequential(input_shape = 4) %>%
    layer_dense(units = 3, name = "d1") %>%
    layer_dense(units = 2, name = "d2")
}

test_that("Python objects are handles with rkeras S3 classes", {
  m <- keras_model_sequential(input_shape = 4)
  expect_identical(class(m), c("rkeras_sequential", "rkeras_model", "rkeras_layer", "rkeras_object"))
  expect_identical(class(layer_dense(units = 2)), c("rkeras_layer", "rkeras_object"))
  expect_s3_class(optimizer_adam(), "rkeras_optimizer")
  expect_s3_class(callback_early_stopping(), "rkeras_callback")
  expect_s3_class(loss_mean_squared_error(), "rkeras_loss")
  expect_s3_class(metric_auc(), "rkeras_metric")
  inp <- keras_input(shape = 3)
  expect_s3_class(inp, "rkeras_tensor")
  out <- inp %>% layer_dense(units = 2)
  expect_s3_class(out, "rkeras_tensor")
  fm <- keras_model(inp, out)
  expect_s3_class(fm, "rkeras_functional")
  expect_s3_class(fm, "rkeras_model")
})

test_that("$ and [[ reach attributes and methods", {
  m <- small_model()
  expect_identical(m$name, m[["name"]])
  expect_type(m$layers, "list")
  expect_length(m$layers, 2)
  expect_identical(length(m), 2L)
  expect_identical(m$layers[[1]]$name, "d1")
  expect_identical(m$layers[[2]]$units, 2L)
  expect_true(is.function(m$count_params))
  expect_identical(m$count_params(), as.integer(4 * 3 + 3 + 3 * 2 + 2))
  expect_identical(m$get_layer("d2")$name, "d2")
  expect_true(all(c("count_params", "layers", "summary") %in% names(m)))
  # an unknown attribute is an error (as with reticulate), not a silent NULL
  expect_error(m$no_such_attribute, "this Sequential has no attribute 'no_such_attribute'",
               class = "AttributeError")
  d1 <- m$layers[[1]]
  d1$trainable <- FALSE
  expect_false(m$layers[[1]]$trainable)
  expect_false(d1$trainable)
})

test_that("layers and verbs compose with %>% and |> (in place, invisibly)", {
  m <- keras_model_sequential(input_shape = 4)
  out <- withVisible(m %>% layer_dense(units = 3))
  expect_false(out$visible)
  expect_identical(out$value, m)
  m |> layer_dense(units = 2)
  expect_identical(length(m), 2L)
  compiled <- withVisible(m |> compile(optimizer = "adam", loss = "mse"))
  expect_false(compiled$visible)
  expect_identical(compiled$value, m)
  l <- layer_dense(units = 5)  # no object: the layer itself
  expect_s3_class(l, "rkeras_layer")
  m2 <- keras_model_sequential(layers = list(layer_dense(units = 2, input_shape = 3), l))
  expect_identical(length(m2), 2L)
  expect_identical(m2$layers[[2]]$units, 5L)
})

test_that("print, format and summary", {
  m <- small_model()
  text <- capture.output(summary(m))
  expect_true(any(grepl("Total params", text)))
  expect_true(any(grepl("d1 (Dense)", text, fixed = TRUE)))
  capture.output(res <- withVisible(summary(m)))
  expect_false(res$visible)
  expect_identical(res$value, m)
  expect_output(print(m), "Total params")
  expect_match(paste(format(m), collapse = "\n"), "Trainable params")
  expect_match(format(layer_dense(units = 2, name = "zz")), "zz")
  expect_output(str(layer_dense(units = 2, name = "yy")), "yy")
})

test_that("a handle is released when R garbage-collects it", {
  l <- layer_dense(units = 3)
  alive <- py_alive(l)
  expect_true(alive())
  copy <- l
  rm(l)
  invisible(gc())
  expect_true(alive())  # `copy` is the same handle
  rm(copy)
  invisible(gc())
  expect_false(alive())
  before <- py_registry_size()
  for (i in 1:50) local(layer_dense(units = 2))
  invisible(gc())
  expect_lte(py_registry_size(), before)
})

test_that("eager tensors convert with as.array()", {
  out <- activation_relu(c(-1, 2, 3))
  expect_s3_class(out, "rkeras_tensor")
  expect_equal(as.array(out), c(0, 2, 3))
  expect_equal(as.numeric(out), c(0, 2, 3))
})

test_that("layers and models are callable like keras3's", {
  inputs <- keras_input(shape = 4)
  dense <- layer_dense(units = 3, name = "shared")
  expect_true(is.function(dense))
  a <- dense(inputs)
  b <- inputs %>% dense()
  expect_s3_class(a, "rkeras_tensor")
  model <- keras_model(inputs, a)
  expect_identical(model$layers[[2]]$name, "shared")
  x <- matrix(runif(8), 2, 4)
  y1 <- as.array(model(x))
  y2 <- predict(model, x, verbose = 0)
  expect_equal(y1, y2, tolerance = 1e-5)
  loss <- loss_mean_squared_error()
  expect_equal(as.numeric(loss(matrix(c(1, 2), 1), matrix(c(1, 4), 1))), 2)
})
