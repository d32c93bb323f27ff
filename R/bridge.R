# Hand-written: the R side of the rkeras bridge (the Python side is rkeras/host/bridge.py).
#
# Every wrapper reaches Python through one dispatcher, `.rk_call(.fn, ...)`. Inside
# the rkeras host (`rkeras run`, `rkeras repl`) the host fills `.rk` when this
# namespace loads (option "rkeras.on_load"). In any other R (Rscript, R, knitr: R is
# the host) `.onLoad` starts Python in this process through reticulate, with the
# Python found from RKERAS_PYTHON, option rkeras.python or the record `rkeras
# install-r` left in the installed package, and attaches the same bridge. Python
# objects live in R as handles: environments holding an id, with rkeras S3 classes
# and a finalizer that releases the Python object.
# Tags read by rkeras.codegen for NAMESPACE: "# @export name", "# @S3method generic class",
# "# @importFrom pkg name".

.rk <- new.env(parent = emptyenv())

.onLoad <- function(libname, pkgname) {
  hosted <- is.function(getOption("rkeras.on_load"))
  # R CMD INSTALL of a package importing rkeras (the tensorflow alias, whose R code defines `tf`)
  # loads this namespace to prepare lazy loading: no Python is needed for that.
  installing <- nzchar(Sys.getenv("R_INSTALL_PKG"))
  if (!hosted && installing) return(invisible())
  if (!hosted) .rk_attach_python(libname, pkgname)
  .rk_connect()
  if (!hosted) .rk_reticulate_methods()  # R/tensors.R
  invisible()
}

.onAttach <- function(libname, pkgname) {
  if (!.rk_in_host() && is.character(.rk$failure)) {
    packageStartupMessage("rkeras: Python is not attached: ", .rk$failure)
  }
}

# Receive the dispatcher from Python (through the hook in option "rkeras.on_load"); a no-op
# when connected already or when there is no Python.
.rk_connect <- function() {
  hook <- getOption("rkeras.on_load")
  if (is.function(hook) && !.rk_in_host()) {
    res <- hook(.rk, topenv(environment(.rk_connect)))
    if (is.character(res)) stop("rkeras: ", res, call. = FALSE)
  }
  invisible(.rk_in_host())
}

.rk_in_host <- function() is.function(.rk$call)

.rk_python_help <- paste(
  "Set RKERAS_PYTHON to the python of the environment where the rkeras Python package is",
  "installed (e.g. Sys.setenv(RKERAS_PYTHON = \"/path/to/.venv/bin/python\") before",
  "library(rkeras)), or run `rkeras install-r` with that python, or run R code through",
  "`rkeras run script.R`."
)

# Which Python to start: list(path, from), or list(path = NULL, why).
.rk_find_python <- function(libname, pkgname) {
  env <- Sys.getenv("RKERAS_PYTHON")
  if (nzchar(env)) return(list(path = env, from = "RKERAS_PYTHON"))
  opt <- getOption("rkeras.python")
  if (is.character(opt) && length(opt) == 1L && nzchar(opt)) return(list(path = opt, from = "option rkeras.python"))
  record <- file.path(libname, pkgname, "python.txt")
  if (file.exists(record)) {
    path <- trimws(readLines(record, n = 1L, warn = FALSE))
    if (length(path) == 1L && nzchar(path)) return(list(path = path, from = record))
  }
  list(path = NULL, why = paste("no Python is configured for it.", .rk_python_help))
}

# R is the host: start Python in this process (reticulate) and let it attach the bridge. No
# Python configured: loading goes on, and the first call says how to configure one.
.rk_attach_python <- function(libname, pkgname) {
  found <- .rk_find_python(libname, pkgname)
  if (is.null(found$path)) {
    assign("failure", found$why, envir = .rk)
    return(invisible(FALSE))
  }
  python <- found$path
  if (!file.exists(python)) {
    stop("rkeras: the Python named by ", found$from, " does not exist: ", python, ". ",
         .rk_python_help, call. = FALSE)
  }
  if (!requireNamespace("reticulate", quietly = TRUE)) {
    stop("rkeras: starting Python from R needs the R package 'reticulate' ",
         "(Debian: apt-get install r-cran-reticulate); or run R code through `rkeras run script.R`.",
         call. = FALSE)
  }
  if (!reticulate::py_available(initialize = FALSE)) reticulate::use_python(python, required = TRUE)
  bridge <- tryCatch(reticulate::import("rkeras.host.bridge", convert = FALSE), error = function(e) e)
  if (inherits(bridge, "error")) {
    running <- tryCatch(reticulate::py_config()$python, error = function(e) python)
    stop("rkeras: the rkeras Python package does not import in ", running, " (from ", found$from, "): ",
         conditionMessage(bridge), call. = FALSE)
  }
  bridge$attach_r()
  # rpy2's set-up went through Python's signal.signal(), which replaced reticulate's C-level
  # SIGINT handler (R's interrupt flag + Python's): put it back, so that Ctrl-C interrupts R code
  # and raises KeyboardInterrupt in Python code that R waits for.
  utils::getFromNamespace("py_register_interrupt_handler", "reticulate")()
  invisible(TRUE)
}

# @importFrom magrittr %>%
# @export %>%
# keras3's destructuring assignment, `c(x, y) %<-% list(1, 2)`, is zeallot's (re-exported, as keras3 does).
# @importFrom zeallot %<-%
# @export %<-%

.rk_py <- function() {
  if (!is.function(.rk$call)) {
    why <- if (is.character(.rk$failure)) .rk$failure else .rk_python_help
    stop("rkeras: Python is not attached: ", why, call. = FALSE)
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

# R function called by Python (callbacks, methods of custom classes, ...): the value in a list, or
# the condition; an error carries the R calls that led to it in `r_trace` (innermost last).
.rk_invoke_r <- function(f, args) {
  calls <- NULL
  tryCatch(list(withCallingHandlers(do.call(f, args), error = function(e) calls <<- sys.calls())),
           error = function(e) {
             if (is.null(e[["r_trace"]]) && !is.null(calls)) e[["r_trace"]] <- .rk_trace(calls)
             e
           },
           interrupt = function(e) e)
}

# A purrr-style formula (`~ .x * 2`) as a function (tfdatasets's dataset_map() takes one, by
# rlang's as_function() rules): the arguments are `...`, the first also `.x` and `.`, the second `.y`.
.rk_formula_function <- function(f) {
  if (length(f) != 2L) stop("a formula used as a function must be one-sided, e.g. ~ .x * 2", call. = FALSE)
  fn <- function(..., .x = ..1, .y = ..2, . = ..1) NULL
  body(fn) <- f[[2L]]
  env <- environment(f)
  environment(fn) <- if (is.null(env)) globalenv() else env
  fn
}

# Deparsed calls between .rk_invoke_r()'s do.call() and the error (the condition machinery left out).
.rk_trace <- function(calls) {
  text <- vapply(calls, function(cl) paste(deparse(cl, nlines = 1L, width.cutoff = 200L), collapse = ""), "")
  start <- max(c(0L, which(startsWith(text, "do.call(f, args"))))
  text <- text[seq_along(text) > start & seq_along(text) < length(text)]  # the last one is the handler
  text[!startsWith(text, ".handleSimpleError(") & !startsWith(text, "(structure(function") &
         !startsWith(text, "(function")]
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
