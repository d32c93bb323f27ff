skip_if_no_host()

set.seed(2)
x <- matrix(runif(400), 100, 4)
y <- matrix(as.numeric(rowSums(x) > 2), 100, 1)
m <- keras_model_sequential(input_shape = 4) %>%
  layer_dense(units = 8, activation = "relu") %>%
  layer_dense(units = 1, activation = "sigmoid")
m %>% compile(optimizer = "adam", loss = "binary_crossentropy", metrics = "accuracy")
history <- m %>% fit(x, y, epochs = 4, batch_size = 20, validation_split = 0.2, verbose = 0)

test_that("fit() returns a keras_training_history with params and metrics", {
  expect_s3_class(history, "keras_training_history")
  expect_identical(history$params$epochs, 4L)
  expect_type(history$metrics$accuracy, "double")
  expect_length(history$metrics$accuracy, 4)
  expect_setequal(names(history$metrics), c("accuracy", "loss", "val_accuracy", "val_loss"))
  expect_output(print(history), "Final epoch \\(plot to see history\\)")
  expect_output(print(history), "val_loss")
})

test_that("as.data.frame(history) is the long table", {
  df <- as.data.frame(history)
  expect_s3_class(df, "data.frame")
  expect_named(df, c("epoch", "value", "metric", "data"))
  expect_identical(nrow(df), 16L)
  expect_identical(df$epoch[1:4], 1:4)
  expect_true(is.factor(df$metric))
  expect_setequal(levels(df$metric), c("accuracy", "loss"))
  expect_identical(levels(df$data), c("training", "validation"))
  expect_equal(df$value[df$metric == "loss" & df$data == "training"], history$metrics$loss)
})

test_that("plot(history) draws into a png() file", {
  for (method in c("auto", "base")) {
    f <- tempfile(fileext = ".png")
    grDevices::png(f, width = 480, height = 480)
    print(plot(history, method = method))  # the ggplot2 path returns the plot; printing draws it
    grDevices::dev.off()
    expect_true(file.exists(f))
    expect_gt(file.size(f), 1000)
  }
})

test_that("evaluate() returns a named list and predict() a matrix", {
  score <- m %>% evaluate(x, y, verbose = 0)
  expect_type(score, "list")
  expect_setequal(names(score), c("accuracy", "loss"))
  p <- m %>% predict(x, verbose = 0)
  expect_true(is.matrix(p))
  expect_identical(dim(p), c(100L, 1L))
})

test_that("plot(history) returns the ggplot unprinted, whole-number epoch ticks, legend only with validation", {
  skip_if_not_installed("ggplot2")
  n <- 0L
  trace("print.ggplot", function() n <<- n + 1L, print = FALSE, where = asNamespace("ggplot2"))
  on.exit(untrace("print.ggplot", where = asNamespace("ggplot2")))
  p <- plot(history)
  expect_s3_class(p, "ggplot")
  expect_identical(n, 0L)  # not drawn by plot() itself: `p + ggtitle()` draws once
  built <- ggplot2::ggplot_build(p + ggplot2::ggtitle("x"))
  breaks <- stats::na.omit(built$layout$panel_params[[1]]$x$breaks)
  expect_true(length(breaks) >= 2)
  expect_equal(breaks, round(breaks))
  expect_false(identical(p$theme$legend.position, "none"))  # training and validation
  h1 <- m %>% fit(x, y, epochs = 3, batch_size = 50, verbose = 0)
  expect_identical(plot(h1)$theme$legend.position, "none")
})

test_that("the base-graphics plot(history) draws epochs as whole numbers", {
  f <- tempfile(fileext = ".pdf")
  grDevices::pdf(f)
  expect_null(plot(history, method = "base"))
  grDevices::dev.off()
  expect_gt(file.size(f), 1000)
  expect_identical(rkeras:::.rk_epoch_breaks(c(1, 3)), c(1, 2, 3))
  expect_identical(rkeras:::.rk_epoch_breaks(c(1, 1)), 1)
})

test_that("summary(model) is as wide as getOption('width')", {
  wide <- withr::with_options(list(width = 100), capture.output(summary(m)))
  narrow <- withr::with_options(list(width = 50), capture.output(summary(m)))
  expect_identical(max(nchar(wide)), 100L)
  expect_identical(max(nchar(narrow)), 50L)
  expect_true(any(grepl("dense", narrow)))
})
