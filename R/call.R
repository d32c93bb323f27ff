# Hand-written: how a generated wrapper with real formals reaches the dispatcher.
#
# A wrapper such as `layer_dense <- function(object, units, activation = NULL, ...)` passes
# on only the arguments its caller supplied (plus those whose R default differs from the
# Python one), by name, and its `...`:
#   eval(.rk_bind(quote(.rk_call("layer_dense", ...)), c(object = !missing(object), ...)))
# `.rk_bind` inserts `name = name` for every TRUE entry; eval() runs the call in the
# wrapper's frame, so each argument is forced there, once, as R would.

.rk_bind <- function(call, given) {
  n <- names(given)[given]
  if (!length(n)) return(call)
  args <- lapply(n, as.name)
  names(args) <- n
  call <- as.list(call)
  as.call(c(call[1:2], args, call[-(1:2)]))
}
