# Inputs that used to crash the process or eat all memory: each is now a catchable R error.
skip_if_no_host()


test_that("absurd sizes are R errors, not crashes", {
  e <- tryCatch(to_categorical(c(0, 1.5e9)), error = function(e) e)
  expect_s3_class(e, "rkeras_error")
  expect_match(conditionMessage(e), "^to_categorical\\(\\): .*would need .* of memory")
  e <- tryCatch(pad_sequences(list(1:3, 1:2), maxlen = 2147483647L), error = function(e) e)
  expect_match(conditionMessage(e), "^pad_sequences\\(\\): the result of shape \\(2, 2147483647\\) would need")
  e <- tryCatch(metric_auc(num_thresholds = 1e308), error = function(e) e)
  expect_match(conditionMessage(e), "`num_thresholds` must be a whole number between")
  # and the session goes on
  expect_identical(dim(to_categorical(c(0, 2))), c(2L, 3L))
})

test_that("NA in training data is an error before training", {
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
  model |> compile(loss = "mse", optimizer = "sgd")
  x <- matrix(c(1, NA, 3, 4), 2, 2)
  e <- tryCatch(fit(model, x, c(1, 2), verbose = 0), error = function(e) e)
  expect_match(conditionMessage(e), "^fit\\(\\): `x` has 1 missing \\(NA/NaN\\) value\\(s\\), the first at \\[2, 1\\]")
})

test_that("creating and releasing handles does not grow memory (handle soak)", {
  # RKERAS_SOAK_HANDLES (make soak: 100000) layers created and dropped; R's gc() releases the
  # Python objects behind them, so the handle registry returns to where it was and the
  # process's resident memory stays within 20 MiB of where it started
  n <- as.integer(Sys.getenv("RKERAS_SOAK_HANDLES", "1000"))
  rss_mib <- function() {
    line <- grep("^VmRSS:", readLines("/proc/self/status"), value = TRUE)
    as.numeric(gsub("[^0-9]", "", line)) / 1024
  }
  # Python's collector frees the layers' reference cycles (it runs on its own schedule; here at
  # each measurement, so that garbage not yet collected does not count as growth)
  collect <- function() {
    invisible(gc())
    invisible(py_eval("__import__('gc').collect()"))
  }
  # warm-up: caches, first-call allocations, the allocator's arenas (they settle after ~2000)
  for (i in seq_len(if (n >= 10000) 2000 else 200)) layer_dense(units = 2)
  collect()
  registry <- py_registry_size()
  before <- rss_mib()
  start <- Sys.time()
  for (i in seq_len(n)) {
    layer_dense(units = 2)
    if (i %% 1000 == 0) collect()
  }
  collect()
  after <- rss_mib()
  growth <- after - before
  seconds <- as.numeric(difftime(Sys.time(), start, units = "secs"))
  cat(sprintf("\nhandle soak: %d handles, RSS %.1f -> %.1f MiB (%+.2f MiB), %.1f s\n", n, before, after,
              growth, seconds))
  out <- Sys.getenv("RKERAS_RELIABILITY_OUT")
  if (nzchar(out)) {
    dir.create(out, showWarnings = FALSE, recursive = TRUE)
    writeLines(sprintf('{"handles": %d, "rss_before_mib": %.1f, "rss_after_mib": %.1f, "growth_mib": %.2f, "seconds": %.1f}',
                       n, before, after, growth, seconds), file.path(out, "handle_soak.json"))
  }
  expect_lte(py_registry_size(), registry + 5)
  expect_lt(growth, 20)
})
