skip_if_no_host()

# Images written from R arrays (integer pixel values, so PNG keeps them exactly) in two class folders.
make_images <- function() {
  dir <- tempfile("rk-images")
  dir.create(dir)
  set.seed(3)
  pixels <- list()
  for (cls in c("dogs", "cats")) {
    dir.create(file.path(dir, cls))
    for (i in 1:2) {
      a <- array(sample(0:255, 6 * 5 * 3, replace = TRUE), c(6, 5, 3))
      image_array_save(a, file.path(dir, cls, paste0("img", i, ".png")), scale = FALSE)
      pixels[[paste(cls, i)]] <- a
    }
  }
  list(dir = dir, pixels = pixels)
}

test_that("image_dataset_from_directory: alphanumeric classes, 0-based labels, batches; fit() takes it", {
  made <- make_images()
  ds <- image_dataset_from_directory(made$dir, image_size = c(6, 5), batch_size = 3, shuffle = FALSE,
                                     verbose = FALSE)
  expect_identical(ds$class_names, c("cats", "dogs"))
  all <- ds$unbatch()$batch(100L)$get_single_element()
  x <- all[[1]]$numpy()
  expect_identical(dim(x), c(4L, 6L, 5L, 3L))
  expect_equal(as.vector(all[[2]]$numpy()), c(0, 0, 1, 1))
  expect_equal(x[1, , , ], made$pixels[["cats 1"]], tolerance = 1e-4)
  expect_equal(x[4, , , ], made$pixels[["dogs 2"]], tolerance = 1e-4)

  model <- keras_model_sequential(input_shape = c(6, 5, 3)) |> layer_rescaling(scale = 1 / 255) |>
    layer_flatten() |> layer_dense(units = 2, activation = "softmax")
  model |> compile(loss = "sparse_categorical_crossentropy", optimizer = "adam")
  history <- model |> fit(ds, epochs = 1, verbose = 0, validation_data = ds)
  expect_length(history$metrics$loss, 1)
  expect_length(history$metrics$val_loss, 1)
  p <- predict(model, ds, verbose = 0)
  expect_identical(dim(p), c(4L, 2L))
  expect_equal(rowSums(p), rep(1, 4), tolerance = 1e-5)
  expect_error(image_dataset_from_directory(made$dir, batch_size = 2.5), "batch_size")
})

test_that("image_load / image_to_array / image_from_array / image_array_save round-trip, atomically", {
  dir <- tempfile("rk-img")
  dir.create(dir)
  a <- array(sample(0:255, 4 * 7 * 3, replace = TRUE), c(4, 7, 3))
  f <- file.path(dir, "a.png")
  expect_invisible(image_array_save(a, f, scale = FALSE))
  expect_identical(list.files(dir, all.files = TRUE, no.. = TRUE), "a.png")
  back <- image_to_array(image_load(f))
  expect_identical(dim(back), c(4L, 7L, 3L))
  expect_equal(back, a, ignore_attr = TRUE)
  expect_equal(image_to_array(image_from_array(a, scale = FALSE)), a, ignore_attr = TRUE)
  expect_error(image_array_save(a, f), "already exists; pass overwrite = TRUE")
  image_array_save(a * 0 + 7, f, scale = FALSE, overwrite = TRUE)
  expect_true(all(image_to_array(image_load(f, color_mode = "grayscale")) == 7))
  small <- image_to_array(image_load(f, target_size = c(2, 3)))
  expect_identical(dim(small), c(2L, 3L, 3L))
  resized <- image_smart_resize(array(5, c(8, 6, 3)), size = c(3, 3))
  expect_identical(dim(resized), c(3L, 3L, 3L))
  expect_equal(as.vector(resized), rep(5, 27), tolerance = 1e-5)
})

test_that("timeseries_dataset_from_array gives the windows R's indexing gives", {
  data <- matrix(as.numeric(1:40), 20, 2)
  ds <- timeseries_dataset_from_array(data, NULL, sequence_length = 4, sequence_stride = 3,
                                      sampling_rate = 2, batch_size = 100)
  x <- ds$get_single_element()$numpy()
  starts <- seq(1, 20 - 6, by = 3)  # 1-based here; Keras's start_index/end_index stay 0-based
  expected <- aperm(sapply(starts, function(s) data[seq(s, by = 2, length.out = 4), ], simplify = "array"),
                    c(3, 1, 2))
  expect_identical(dim(x), c(length(starts), 4L, 2L))
  expect_equal(x, expected, ignore_attr = TRUE)
})

test_that("adapt() learns numpy's mean and variance, and a vocabulary; invisibly, in place", {
  x <- matrix(c(1, 2, 3, 6, 10, 20, 40, 30), 4)
  norm <- layer_normalization()
  res <- withVisible(adapt(norm, x))
  expect_false(res$visible)
  expect_equal(as.vector(norm$mean$numpy()), colMeans(x), tolerance = 1e-5)
  pop_var <- apply(x, 2, function(v) mean((v - mean(v))^2))
  expect_equal(as.vector(norm$variance$numpy()), pop_var, tolerance = 1e-5)
  lookup <- layer_string_lookup()
  adapt(lookup, c("b", "a", "b", "c", "b", "a"))
  expect_identical(get_vocabulary(lookup), c("[UNK]", "b", "a", "c"))
  expect_identical(get_vocabulary(lookup, include_special_tokens = FALSE), c("b", "a", "c"))
  expect_invisible(set_vocabulary(lookup, c("x", "y")))
  expect_identical(get_vocabulary(lookup), c("[UNK]", "x", "y"))
  expect_error(adapt(layer_dense(units = 2), x), "must be a preprocessing layer")
  expect_error(adapt(norm, x, batch_size = 2), "`batch_size` is not an argument of Normalization.adapt")
})

test_that("a FeatureSpace adapts to a named list of columns", {
  fs <- layer_feature_space(features = list(x = feature_float_normalized(), city = feature_string_categorical()),
                            output_mode = "concat")
  x <- c(1, 2, 3, 6)
  adapt(fs, list(x = x, city = c("rome", "oslo", "rome", "rome")))
  out <- fs(list(x = c(1, 6), city = c("rome", "oslo")))$numpy()
  # features in name order: city one-hot ([UNK], rome, oslo), then x normalized by its population sd
  expect_equal(out[, 1:3], rbind(c(0, 1, 0), c(0, 0, 1)), ignore_attr = TRUE)
  expect_equal(out[, 4], (c(1, 6) - mean(x)) / sqrt(mean((x - mean(x))^2)), tolerance = 1e-5)
})

test_that("reset_state, get_source_inputs, config_set_backend", {
  m <- metric_mean()
  m$update_state(c(1, 3))
  expect_equal(m$result(), 2)
  expect_invisible(reset_state(m))
  expect_equal(m$result(), 0)
  inp <- keras_input(shape = 3)
  out <- inp |> layer_dense(units = 2)
  src <- get_source_inputs(out)
  expect_length(src, 1)
  expect_identical(src[[1]]$name, inp$name)
  expect_invisible(config_set_backend(config_backend()))
  expect_error(config_set_backend("theano"), "`backend` must be one of")
})

test_that("flags(): defaults, command-line overrides, a flags file, clear errors", {
  defs <- list(flag_numeric("learning_rate", 0.01), flag_integer("epochs", 10), flag_boolean("fast", FALSE),
               flag_string("name", "run"))
  FLAGS <- flags(defs, arguments = character())
  expect_identical(FLAGS, list(learning_rate = 0.01, epochs = 10L, fast = FALSE, name = "run"))
  FLAGS <- flags(defs, arguments = c("--epochs=3", "--learning-rate", "0.5", "--fast", "true"))
  expect_identical(FLAGS$epochs, 3L)
  expect_identical(FLAGS$learning_rate, 0.5)
  expect_true(FLAGS$fast)
  dir <- tempfile("rk-flags")
  dir.create(dir)
  writeLines(c("epochs: 7", "name: from-file"), file.path(dir, "flags.yml"))
  FLAGS <- flags(defs, file = file.path(dir, "flags.yml"), arguments = "--epochs=8")
  expect_identical(FLAGS[c("epochs", "name")], list(epochs = 8L, name = "from-file"))
  expect_error(flags(defs, arguments = "--epochs=x"), "cannot convert flag 'epochs' with value 'x'",
               class = "rkeras_error")
  expect_error(flags(defs, arguments = "--batch=1"), "not declared: batch")
  expect_identical(run_dir(), getwd())
  log_dir <- tempfile("rk-logs")
  dir.create(log_dir)
  res <- withVisible(tensorboard(log_dir, port = 6007))  # prints the command (to Python's stdout)
  expect_false(res$visible)
  expect_match(res$value, paste0("--logdir ", normalizePath(log_dir), " --host 127.0.0.1 --port 6007"),
               fixed = TRUE)
  expect_error(tensorboard(file.path(log_dir, "nope")), "does not exist")
})
