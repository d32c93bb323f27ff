# array_reshape of a 60000x28x28 R integer array (MNIST's x) to 60000x784: time and peak memory growth.
source(file.path(Sys.getenv("RKERAS_BENCH_DIR"), "common.R"))
x <- array(sample(0:255, 60000 * 28 * 28, replace = TRUE), c(60000, 28, 28))
invisible(array_reshape(x[1:10, , ], c(10, 784)))  # warm up
invisible(gc()); rk_peak_reset()
rss0 <- rk_status_kib("VmRSS")
t0 <- proc.time()[["elapsed"]]
y <- array_reshape(x, c(60000, 784))
t1 <- proc.time()[["elapsed"]]
peak <- rk_status_kib("VmHWM")
stopifnot(identical(dim(y), c(60000L, 784L)), y[2, 29] == x[2, 2, 1])
rk_result(seconds = t1 - t0, peak_growth_mib = (peak - rss0) / 1024,
          result_mib = as.numeric(object.size(y)) / 2^20)
