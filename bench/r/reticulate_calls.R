# The anchor: the same calls from plain Rscript through reticulate (keras3's bridge), on the
# same Python and Keras. keras3 itself is not installed here, so this times reticulate's own
# crossing (`keras$layers$Dense(4L)`, `keras$utils$to_categorical(3L, 10L)`, a Python no-op):
# keras3's wrappers add their argument handling on top of it.
source(file.path(Sys.getenv("RKERAS_BENCH_DIR"), "common.R"))
suppressPackageStartupMessages(library(reticulate))
n <- as.integer(Sys.getenv("RKERAS_BENCH_N", "10000"))
keras <- import("keras")
noop <- py_eval("lambda: None")
dense <- keras$layers$Dense
to_cat <- keras$utils$to_categorical
invisible(noop()); invisible(dense(4L)); invisible(to_cat(3L, 10L))
t0 <- Sys.time()
for (i in seq_len(n)) noop()
t1 <- Sys.time()
for (i in seq_len(n)) dense(4L)
t2 <- Sys.time()
for (i in seq_len(n)) to_cat(3L, 10L)
t3 <- Sys.time()
us <- function(a, b) as.numeric(b - a, units = "secs") / n * 1e6
rk_result(noop_us = us(t0, t1), layer_dense_us = us(t1, t2), to_categorical_us = us(t2, t3))
