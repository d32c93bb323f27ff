# The seed MLP from R: one epoch of fit (batch 128) on 60000x784, then predict on 10000x784 into an R matrix.
source(file.path(Sys.getenv("RKERAS_BENCH_DIR"), "common.R"))
set.seed(1)
x <- matrix(runif(60000 * 784), 60000, 784)
y <- to_categorical(sample(0:9, 60000, replace = TRUE), 10)
xt <- matrix(runif(10000 * 784), 10000, 784)
model <- keras_model_sequential(input_shape = 784) |>
  layer_dense(units = 256, activation = "relu") |> layer_dropout(rate = 0.4) |>
  layer_dense(units = 128, activation = "relu") |> layer_dropout(rate = 0.3) |>
  layer_dense(units = 10, activation = "softmax")
model |> compile(loss = "categorical_crossentropy", optimizer = optimizer_rmsprop(), metrics = "accuracy")
invisible(model |> fit(x[1:256, ], y[1:256, ], epochs = 1, batch_size = 128, verbose = 0))  # warm up
invisible(predict(model, xt[1:256, ], verbose = 0))
t0 <- proc.time()[["elapsed"]]
invisible(model |> fit(x, y, epochs = 1, batch_size = 128, verbose = 0))
t1 <- proc.time()[["elapsed"]]
p <- predict(model, xt, verbose = 0)
t2 <- proc.time()[["elapsed"]]
stopifnot(is.matrix(p), identical(dim(p), c(10000L, 10L)))
rk_result(fit_seconds = t1 - t0, predict_seconds = t2 - t1)
