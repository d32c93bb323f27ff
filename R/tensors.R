# Hand-written: tensors and variables as R values (keras3's R semantics), keras_shape, R-style
# subsetting (op_subset), and keras3's reticulate-style helpers over rkeras handles. Every tensor
# method is one call through .rk_call() (implementations: rkeras/api/tensors.py).

# ------------------------------------------------------------------ group generics

# `+ - * / ^ %% %/%` (floor_divide), comparisons, `! & |`, with an R number or array on either side.
# @S3method Ops rkeras_tensor
Ops.rkeras_tensor <- function(e1, e2) {
  if (missing(e2)) .rk_call(".tensor_op", .Generic, e1, unary = TRUE)
  else .rk_call(".tensor_op", .Generic, e1, e2)
}

# exp, log(x, base), sqrt, abs, floor, ceiling, round(x, digits), cumsum, trigonometry, ...
# @S3method Math rkeras_tensor
Math.rkeras_tensor <- function(x, ...) .rk_call(".tensor_math", .Generic, x, ...)

# sum, prod, max, min, all, any, range over every element.
# @S3method Summary rkeras_tensor
Summary.rkeras_tensor <- function(..., na.rm = FALSE) .rk_call(".tensor_summary", .Generic, ..., na_rm = na.rm)

# @S3method dim rkeras_tensor
dim.rkeras_tensor <- function(x) .rk_call(".tensor_dim", x)

# @S3method length rkeras_tensor
length.rkeras_tensor <- function(x) .rk_call(".tensor_length", x)

# @S3method as.logical rkeras_tensor
as.logical.rkeras_tensor <- function(x, ...) as.logical(as.array(x))

# ------------------------------------------------------------------ subsetting (keras3's op_subset rules)

# The indices of `x[...]` as written: an empty argument takes the whole axis, `a:b` (and
# `a:b:step`) is an inclusive slice whose ends may be NA, `..` / all_dims() the remaining axes,
# NULL / newaxis a new axis; anything else is evaluated in the caller's frame.
.rk_index <- function(args, env) {
  n <- length(args)
  nms <- names(args)
  if (!is.null(nms) && any(nzchar(nms))) {
    stop("tensor subsetting: indices cannot be named (got `", nms[nzchar(nms)][1L], " = `); ",
         "use a slice such as 2:2 to keep an axis", call. = FALSE)
  }
  kinds <- character(n)
  values <- vector("list", n)
  for (i in seq_len(n)) {
    if (identical(args[[i]], quote(expr = ))) {
      kinds[i] <- "all"
      next
    }
    e <- args[[i]]
    if (identical(e, quote(..))) {
      kinds[i] <- "ellipsis"
      next
    }
    if (is.call(e) && identical(e[[1L]], quote(`:`))) {
      inner <- e[[2L]]
      parts <- if (is.call(inner) && identical(inner[[1L]], quote(`:`))) list(inner[[2L]], inner[[3L]], e[[3L]])
               else list(e[[2L]], e[[3L]], NA)
      ends <- lapply(parts, eval, envir = env)
      kinds[i] <- "slice"
      values[i] <- list(vapply(ends, function(v) if (is.null(v)) NA_real_ else as.numeric(v)[1L], 0))
      next
    }
    v <- eval(e, env)
    if (is.null(v)) {
      kinds[i] <- "newaxis"
    } else if (is.symbol(v) && identical(as.character(v), "...")) {
      kinds[i] <- "ellipsis"
    } else {
      kinds[i] <- "value"
      values[i] <- list(v)
    }
  }
  list(kinds = kinds, values = values)
}

# @S3method [ rkeras_tensor
`[.rkeras_tensor` <- function(x, ...) {
  key <- .rk_index(match.call(expand.dots = FALSE)$..., parent.frame())
  .rk_call(".op_subset", x, key$kinds, key$values)
}

# @S3method [<- rkeras_tensor
`[<-.rkeras_tensor` <- function(x, ..., value) {
  key <- .rk_index(match.call(expand.dots = FALSE)$..., parent.frame())
  .rk_call(".op_subset_set", x, key$kinds, key$values, value)
}

# @export op_subset
op_subset <- function(x, ...) {
  key <- .rk_index(match.call(expand.dots = FALSE)$..., parent.frame())
  .rk_call(".op_subset", x, key$kinds, key$values)
}

# @export op_subset<-
`op_subset<-` <- function(x, ..., value) {
  key <- .rk_index(match.call(expand.dots = FALSE)$..., parent.frame())
  .rk_call(".op_subset_set", x, key$kinds, key$values, value)
}

# @export op_subset_set
op_subset_set <- function(x, ..., value) {
  key <- .rk_index(match.call(expand.dots = FALSE)$..., parent.frame())
  .rk_call(".op_subset_set", x, key$kinds, key$values, value)
}

# ------------------------------------------------------------------ keras_shape (what shape() returns)

.rk_dims <- function(x) vapply(unclass(x), function(d) if (is.null(d)) NA_integer_ else as.integer(d), 0L)

# @S3method format keras_shape
format.keras_shape <- function(x, ..., prefix = TRUE) {
  dims <- .rk_dims(x)
  body <- paste(ifelse(is.na(dims), "NA", as.character(dims)), collapse = ", ")
  if (isTRUE(prefix)) paste0("shape(", body, ")") else paste0("(", body, ")")
}

# @S3method print keras_shape
print.keras_shape <- function(x, ...) {
  cat(format(x, ...), "\n", sep = "")
  invisible(x)
}

# @S3method [ keras_shape
`[.keras_shape` <- function(x, ...) structure(unclass(x)[...], class = "keras_shape")

# @S3method as.integer keras_shape
as.integer.keras_shape <- function(x, ...) .rk_dims(x)

# @S3method as.list keras_shape
as.list.keras_shape <- function(x, ...) unclass(x)

# @S3method == keras_shape
`==.keras_shape` <- function(e1, e2) identical(as.integer(e1), as.integer(e2))

# @S3method != keras_shape
`!=.keras_shape` <- function(e1, e2) !identical(as.integer(e1), as.integer(e2))

# @S3method c keras_shape
c.keras_shape <- function(...) .rk_call("shape", ...)

# prod(shape(2, 3)) is 6; an unknown dimension is NA.
# @S3method Summary keras_shape
Summary.keras_shape <- function(..., na.rm = FALSE) {
  args <- lapply(list(...), function(a) if (inherits(a, "keras_shape")) as.integer(a) else a)
  do.call(.Generic, c(args, na.rm = na.rm))
}

# c(batch, features) %<-% shape(x)
# @importFrom zeallot destructure
# @S3method destructure keras_shape
destructure.keras_shape <- function(x) unclass(x)

# ------------------------------------------------------------------ reticulate-style helpers

# The `keras` module: keras$layers$Dense(units = 2L), keras$ops$add(1, 2).
# @export keras
keras <- structure(list(module = "keras"), class = "rkeras_module")

# The tensorflow R package's `tf` (tf$constant(1), tf$random$set_seed(1), tf$GradientTape()) is an
# rkeras_module too, exported by the `tensorflow` alias package only (rkeras.host.rpackage), as
# keras3 does not export it: `library(tensorflow)` gives it. An error names the missing package
# where TensorFlow is not installed.

# reticulate's `py`, Python's `__main__` module: py$x after py_run_string("x = 1"), py$y <- 2.
# @export py
py <- structure(list(module = "__main__"), class = "rkeras_module")

# @S3method $ rkeras_module
`$.rkeras_module` <- function(x, name) .rk_call(".module_attr", unclass(x)$module, name)

# @S3method [[ rkeras_module
`[[.rkeras_module` <- function(x, i, ...) .rk_call(".module_attr", unclass(x)$module, i)

# @S3method $<- rkeras_module
`$<-.rkeras_module` <- function(x, name, value) {
  .rk_call(".module_setattr", unclass(x)$module, name, value)
  x
}

# @S3method [[<- rkeras_module
`[[<-.rkeras_module` <- function(x, i, value) {
  .rk_call(".module_setattr", unclass(x)$module, i, value)
  x
}

# @S3method print rkeras_module
print.rkeras_module <- function(x, ...) {
  cat("Module(", unclass(x)$module, ")\n", sep = "")
  invisible(x)
}

# @S3method .DollarNames rkeras_module
.DollarNames.rkeras_module <- function(x, pattern = "") {
  n <- .rk_call(".dir", import(unclass(x)$module))
  n[grepl(pattern, n)]
}

# reticulate's `with(context %as% name, expr)`: enter a Python context manager, bind what it
# gives to `name` while `expr` runs, and exit it afterwards (also on error).
# @export %as%
`%as%` <- function(context, as) {
  structure(list(context = context, as = gsub("\"", "", deparse(substitute(as)))), class = "rkeras_context")
}

# @S3method with rkeras_context
with.rkeras_context <- function(data, expr, ...) {
  env <- parent.frame()
  ctx <- data$context
  value <- .rk_call(".enter", ctx)
  on.exit(.rk_call(".exit", ctx))
  assign(data$as, value, envir = env)
  eval(substitute(expr), env)
}

# @S3method with rkeras_object
with.rkeras_object <- function(data, expr, ...) {
  env <- parent.frame()
  .rk_call(".enter", data)
  on.exit(.rk_call(".exit", data))
  eval(substitute(expr), env)
}

# Python dicts (dict(), py_run_string(), r_to_py(list(a = 1))): `$` and `[[` are their items.
# @S3method $ rkeras_dict
`$.rkeras_dict` <- function(x, name) .rk_call(".getitem", x, name)

# @S3method [[ rkeras_dict
`[[.rkeras_dict` <- function(x, i, ...) .rk_call(".getitem", x, i)

# @S3method $<- rkeras_dict
`$<-.rkeras_dict` <- function(x, name, value) {
  .rk_call(".setitem", x, name, value)
  x
}

# @S3method [[<- rkeras_dict
`[[<-.rkeras_dict` <- function(x, i, value) {
  .rk_call(".setitem", x, i, value)
  x
}

# @S3method names rkeras_dict
names.rkeras_dict <- function(x) .rk_call(".keys", x)

# @S3method length rkeras_dict
length.rkeras_dict <- function(x) .rk_call(".len", x)

# reticulate's py_capture_output(): `expr` is evaluated here, lazily, while Python's streams are
# captured (help page: the row, rkeras.api.reticulate:py_capture_output).
# @export py_capture_output
py_capture_output <- function(expr, type = c("stdout", "stderr")) {
  type <- match.arg(type, several.ok = TRUE)
  token <- .rk_call(".capture_begin", type)
  open <- TRUE
  on.exit(if (open) .rk_call(".capture_end", token))
  force(expr)
  open <- FALSE
  .rk_call(".capture_end", token)
}

# reticulate's py_available(): answers without Python, so it is R (help page: the row).
# @export py_available
py_available <- function(initialize = FALSE) {
  if (.rk_in_host()) return(TRUE)
  if (isTRUE(initialize) && !is.function(getOption("rkeras.on_load"))) {
    lib <- dirname(system.file(package = "rkeras"))
    ok <- tryCatch({
      .rk_attach_python(lib, "rkeras")
      .rk_connect()
    }, error = function(e) FALSE)
    return(isTRUE(ok) && .rk_in_host())
  }
  FALSE
}

# keras3 also re-exports magrittr's assignment pipe.
# @importFrom magrittr %<>%
# @export %<>%

# In plain R (reticulate starts Python), reticulate::r_to_py() of an rkeras handle gives
# reticulate's object for the same Python object, and of a keras_shape a Python tuple.
.rk_reticulate_methods <- function() {
  if (!isNamespaceLoaded("reticulate")) return(invisible(FALSE))
  to_py <- function(x, convert = FALSE) {
    h <- attr(x, "rkeras_handle")
    if (!is.environment(h)) h <- x
    registry <- reticulate::import("rkeras.host.convert", convert = FALSE)$REGISTRY
    registry$get(get("id", envir = h, inherits = FALSE))
  }
  registerS3method("r_to_py", "rkeras_object", to_py, envir = asNamespace("reticulate"))
  registerS3method("r_to_py", "keras_shape", function(x, convert = FALSE) {
    reticulate::tuple(lapply(unclass(x), function(d) if (is.null(d)) NULL else as.integer(d)), convert = convert)
  }, envir = asNamespace("reticulate"))
  invisible(TRUE)
}
