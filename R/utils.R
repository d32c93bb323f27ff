# Hand-written: keras3's pure-R helpers (no Python endpoint).

# @export named_list
# list(...), with each unnamed argument named by its expression: named_list(a, b = 2) is list(a = a, b = 2).
named_list <- function(...) {
  values <- list(...)
  exprs <- as.list(substitute(list(...)))[-1L]
  nms <- names(values)
  if (is.null(nms)) nms <- character(length(values))
  unnamed <- !nzchar(nms)
  nms[unnamed] <- vapply(exprs[unnamed], function(e) paste(deparse(e), collapse = ""), "")
  names(values) <- nms
  values
}

# @export zip_lists
# Transpose lists: zip_lists(list(1, 2), list("a", "b")) is list(list(1, "a"), list(2, "b")). Named
# lists are matched by the first one's names; the arguments' names name each inner list.
zip_lists <- function(...) {
  lists <- list(...)
  if (length(lists) == 1L && is.list(lists[[1L]]) && all(vapply(lists[[1L]], is.list, TRUE)))
    lists <- lists[[1L]]
  if (!length(lists)) return(list())
  keys <- names(lists[[1L]])
  if (!is.null(keys)) {
    lists <- lapply(lists, function(l) {
      if (!setequal(names(l), keys)) stop("zip_lists(): named lists must have the same names", call. = FALSE)
      l[keys]
    })
  }
  n <- unique(lengths(lists))
  if (length(n) != 1L) stop("zip_lists(): the lists must have the same length", call. = FALSE)
  out <- lapply(seq_len(n), function(i) lapply(lists, `[[`, i))
  names(out) <- keys
  out
}

# @export newaxis
# A new axis of length 1 in tensor subsetting (NumPy's newaxis; NULL, as in keras3).
newaxis <- NULL

# @export all_dims
# All remaining dimensions in tensor subsetting (Python's `...`).
all_dims <- function() as.symbol("...")

# @export with_custom_object_scope
# Evaluate `expr` with `objects` (a named list of classes or functions) added to the global custom
# objects, as keras3's with_custom_object_scope(): loading and deserializing inside find them by name;
# the previous custom objects are put back afterwards, also on error.
with_custom_object_scope <- function(objects, expr) {
  previous <- set_custom_objects(objects, clear = FALSE)
  on.exit(set_custom_objects(previous, clear = TRUE), add = TRUE)
  force(expr)
}

# @export .
# keras3's re-export of dotty's `.`: destructuring assignment by position, `.[a, b] <- list(1, 2)`
# assigns a <- 1 and b <- 2 in the calling frame (an empty slot skips a value, `..` skips the rest).
. <- structure(list(), class = "rkeras_dot")

# @S3method [<- rkeras_dot
`[<-.rkeras_dot` <- function(x, ..., value) {
  targets <- as.list(substitute(list(...)))[-1L]
  env <- parent.frame()
  values <- as.list(value)
  i <- 0L
  for (k in seq_along(targets)) {
    if (identical(targets[[k]], quote(expr = ))) { i <- i + 1L; next }
    target <- targets[[k]]
    if (identical(target, as.name(".."))) {
      i <- length(values) - (length(targets) - k)
      next
    }
    i <- i + 1L
    if (i > length(values)) {
      stop(".[...] <- value: ", length(targets), " names but only ", length(values), " values", call. = FALSE)
    }
    if (!is.name(target)) stop(".[...] <- value: `", deparse(target), "` is not a name", call. = FALSE)
    assign(as.character(target), values[[i]], envir = env)
  }
  x
}
