# RSS growth over many bridged calls: 100k no-op calls, 100k to_categorical(), and
# RKERAS_BENCH_LEAK_DENSE (default 20000) layer_dense() handles created and dropped.
source(file.path(Sys.getenv("RKERAS_BENCH_DIR"), "common.R"))
n <- as.integer(Sys.getenv("RKERAS_BENCH_LEAK_N", "100000"))
nd <- as.integer(Sys.getenv("RKERAS_BENCH_LEAK_DENSE", "20000"))
for (i in 1:1000) { rkeras:::.rk_call(".noop"); to_categorical(3, 10) }
for (i in 1:200) layer_dense(units = 4)
rss <- function() { invisible(gc()); rk_status_kib("VmRSS") / 1024 }
r0 <- rss()
for (i in seq_len(n)) rkeras:::.rk_call(".noop")
r1 <- rss()
for (i in seq_len(n)) to_categorical(3, 10)
r2 <- rss()
for (i in seq_len(nd)) layer_dense(units = 4)
r3 <- rss()
rk_result(calls = n, dense_calls = nd, noop_growth_mib = r1 - r0, to_categorical_growth_mib = r2 - r1,
          layer_dense_growth_mib = r3 - r2)
