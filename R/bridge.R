# Hand-written: the R side of the rkeras bridge (the Python side is rkeras/bridge.py).
#
# Every wrapper reaches Python through one dispatcher, `.rk_call(.fn, ...)`. Inside
# the rkeras host (`rkeras run`, `rkeras repl`) the host fills `.rk` when this
# namespace loads (option "rkeras.on_load"); outside it every call stops with a
# message saying so. Python objects live in R as handles: environments holding an
# id, with rkeras S3 classes and a finalizer that releases the Python object.
# Tags read by rkeras.codegen for NAMESPACE: "# @export name", "# @S3method generic class",
# "# @importFrom pkg name".

.rk <- new.env(parent = emptyenv())

.onLoad <- function(libname, pkgname) {
  hook <- getOption("rkeras.on_load")
  if (is.function(hook)) hook(.rk, parent.env(environment()))
  invisible()
}

.rk_in_host <- function() is.function(.rk$call)

# @importFrom magrittr %>%
# @export %>%

.rk_py <- function() {
  if (!is.function(.rk$call)) {
    stop("rkeras: Python is not attached. Run R code through the rkeras host: ",
         "`rkeras run script.R` or `rkeras repl`.", call. = FALSE)
  }
  .rk$call
}

# The one way from R to Python: `.fn` names a spec function (or an internal
# ".name"); the result is list(value, visible[, python_warnings]) or an R condition
# to signal.
.rk_call <- function(.fn, ...) .rk_result(.rk_py()(.fn, ...))

.rk_result <- function(res) {
  if (inherits(res, "condition")) stop(res)
  if (is.character(res)) stop("rkeras: ", res, call. = FALSE)  # a failure reported as plain text
  if (!is.list(res) || length(res) < 2L) {
    stop("rkeras: internal bridge error (the Python side returned no result)", call. = FALSE)
  }
  if (length(res) > 2L) for (w in res[[3L]]) warning(w, call. = FALSE)
  if (isTRUE(res[[2L]])) res[[1L]] else invisible(res[[1L]])
}

# A handle: an environment holding the id (its finalizer releases the Python object).
# Callable objects (layers, models, losses, ...) get an R function that calls them,
# carrying the environment in attribute "rkeras_handle" and the same classes.
.rk_handle <- function(id, classes, callable = FALSE) {
  e <- new.env(parent = emptyenv())
  assign("id", id, envir = e)
  reg.finalizer(e, .rk_finalize, onexit = FALSE)
  class(e) <- classes
  if (!isTRUE(callable)) return(e)
  f <- function(...) .rk_call(".invoke", e, ...)
  attr(f, "rkeras_handle") <- e
  class(f) <- classes
  f
}

.rk_finalize <- function(e) {
  release <- .rk$release
  if (is.function(release)) try(release(get("id", envir = e, inherits = FALSE)), silent = TRUE)
  invisible()
}

.rk_function <- function(h) {
  f <- function(...) .rk_call(".invoke", h, ...)
  attr(f, "rkeras_handle") <- h
  f
}

# R function called by Python (callbacks, ...): the value in a list, or the condition.
.rk_invoke_r <- function(f, args) {
  tryCatch(list(do.call(f, args)), error = function(e) e, interrupt = function(e) e)
}

# Which spec function a generated wrapper calls (so an rkeras function passed as a
# value, e.g. `activation = activation_relu`, becomes the Keras function itself).
.rk_fn_name <- function(f) {
  text <- paste(deparse(body(f)), collapse = " ")
  hit <- regmatches(text, regexpr('\\.rk_call\\("[^"]+"', text))
  if (length(hit)) sub('^\\.rk_call\\("([^"]+)"$', "\\1", hit) else NA_character_
}

# ------------------------------------------------------------------ the top level (used by the host)

.rk_run_file <- function(path, envir = globalenv()) {
  exprs <- tryCatch(parse(path, keep.source = FALSE, encoding = "UTF-8"), error = function(e) e)
  if (inherits(exprs, "condition")) {
    .rk_report(exprs)
    return(exprs)
  }
  .rk_toplevel(exprs, envir)
}

.rk_run_text <- function(text, envir = globalenv()) {
  exprs <- tryCatch(parse(text = text, keep.source = FALSE), error = function(e) e)
  if (inherits(exprs, "condition")) {
    .rk_report(exprs)
    return(exprs)
  }
  .rk_toplevel(exprs, envir)
}

# Evaluate like R's REPL: print visible values, defer warnings to after each
# top-level call, stop at the first error. TRUE, or the error condition.
.rk_toplevel <- function(exprs, envir = globalenv()) {
  for (i in seq_along(exprs)) {
    res <- .rk_eval_print(exprs[[i]], envir)
    if (!isTRUE(res)) return(res)
  }
  TRUE
}

.rk_eval_print <- function(expr, envir) {
  warns <- list()
  collect <- function(w) {
    if (identical(as.numeric(getOption("warn", 0)), 0)) {
      warns[[length(warns) + 1L]] <<- w
      invokeRestart("muffleWarning")
    }
  }
  res <- tryCatch(
    withCallingHandlers({
      v <- withVisible(eval(expr, envir))
      if (v$visible) print(v$value)
      TRUE
    }, warning = collect),
    error = function(e) e,
    interrupt = function(e) e
  )
  .rk_print_warnings(warns)
  if (!isTRUE(res)) .rk_report(res)
  res
}

.rk_deparse_call <- function(call) paste(deparse(call, nlines = 1L), collapse = "")

# The call of a condition, or NULL for top-level code (whose "call" is our own eval()).
.rk_condition_call <- function(cond) {
  call <- conditionCall(cond)
  if (identical(call, quote(eval(expr, envir)))) NULL else call
}

.rk_report <- function(e) {
  if (inherits(e, "interrupt") && !inherits(e, "error")) {
    cat("\n", file = stderr())
    return(invisible())
  }
  msg <- conditionMessage(e)
  call <- .rk_condition_call(e)
  if (is.null(call)) {
    text <- paste0("Error: ", msg)
  } else {
    head <- paste0("Error in ", .rk_deparse_call(call), " : ")
    sep <- if (nchar(head) + nchar(msg) > 77L || grepl("\n", msg)) "\n  " else ""
    text <- paste0(head, sep, msg)
  }
  cat(text, "\n", sep = "", file = stderr())
  tb <- e[["traceback"]]
  if (nzchar(Sys.getenv("RKERAS_TRACEBACK")) && is.character(tb)) cat(tb, sep = "", file = stderr())
  invisible()
}

.rk_print_warnings <- function(warns) {
  n <- length(warns)
  if (n == 0L) return(invisible())
  fmt <- function(w) {
    call <- .rk_condition_call(w)
    if (is.null(call)) conditionMessage(w) else paste0("In ", .rk_deparse_call(call), " : ", conditionMessage(w))
  }
  if (n == 1L) {
    cat("Warning message:\n", fmt(warns[[1L]]), "\n", sep = "", file = stderr())
  } else if (n <= 10L) {
    cat("Warning messages:\n", file = stderr())
    for (i in seq_len(n)) cat(i, ": ", fmt(warns[[i]]), "\n", sep = "", file = stderr())
  } else {
    cat("There were ", if (n >= 50L) "50 or more" else n, " warnings (use warnings() to see them)\n",
        sep = "", file = stderr())
  }
  last <- lapply(warns, conditionCall)
  names(last) <- vapply(warns, conditionMessage, "")
  try(assign("last.warning", last, envir = baseenv()), silent = TRUE)
  invisible()
}
