# Per-call overhead from R: n layer_dense() constructions and n to_categorical() of one label.
source(file.path(Sys.getenv("RKERAS_BENCH_DIR"), "common.R"))
n <- as.integer(Sys.getenv("RKERAS_BENCH_N", "10000"))
invisible(layer_dense(units = 4)); invisible(to_categorical(3, 10))  # warm up (imports)
t0 <- proc.time()[["elapsed"]]
for (i in seq_len(n)) layer_dense(units = 4)
t1 <- proc.time()[["elapsed"]]
for (i in seq_len(n)) to_categorical(3, 10)
t2 <- proc.time()[["elapsed"]]
rk_result(layer_dense_us = (t1 - t0) / n * 1e6, to_categorical_us = (t2 - t1) / n * 1e6)
