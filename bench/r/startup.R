# rkeras run start-up: the harness times from process start to this line printing.
model <- keras_model_sequential(input_shape = 784) |> layer_dense(units = 10, activation = "softmax")
cat("BENCH_READY\n")
