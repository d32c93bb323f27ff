# Shared by the R benchmark scripts: timing, peak-memory reset, one JSON result line.
rk_peak_reset <- function() {
  # Linux: writing 5 to clear_refs resets VmHWM (peak RSS) for this process.
  try(cat("5", file = "/proc/self/clear_refs"), silent = TRUE)
  invisible(NULL)
}
rk_status_kib <- function(field) {
  lines <- readLines("/proc/self/status")
  line <- grep(paste0("^", field, ":"), lines, value = TRUE)
  as.numeric(strsplit(trimws(sub(paste0(field, ":"), "", line)), "[[:space:]]+")[[1]][1])
}
rk_result <- function(...) {
  vals <- list(...)
  parts <- vapply(names(vals), function(n) sprintf('"%s": %.9g', n, vals[[n]]), "")
  cat(sprintf("BENCH {%s}\n", paste(parts, collapse = ", ")))
}
