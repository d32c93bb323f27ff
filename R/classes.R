# Hand-written: keras3's custom classes written in R. The Python side is rkeras/api/classes.py: each
# constructor makes a real Keras subclass whose methods call the R closures through the bridge.
# A method runs with these symbols in scope (keras3's): `self` (a handle of the instance),
# `super` (`super$initialize(...)` or `super()$initialize(...)`), `private` (an environment of
# the instance's own, invisible to Keras) and `__class__` (the class); its enclosure is
# `parent_env`. Keras calls the methods inside a compiled graph (fit, evaluate, predict), so an
# R `call()` runs once per trace, not once per batch.

# @export Layer
Layer <- function(classname, initialize = NULL, call = NULL, build = NULL, get_config = NULL, ...,
                  public = list(), private = list(), inherit = NULL, parent_env = parent.frame()) {
  .rk_new_class("Layer", classname,
                c(list(initialize = initialize, call = call, build = build, get_config = get_config), list(...)),
                public, private, inherit, parent_env)
}

# @export Model
Model <- function(classname, initialize = NULL, call = NULL, train_step = NULL, predict_step = NULL,
                  test_step = NULL, compute_loss = NULL, compute_metrics = NULL, ..., public = list(),
                  private = list(), inherit = NULL, parent_env = parent.frame()) {
  .rk_new_class("Model", classname,
                c(list(initialize = initialize, call = call, train_step = train_step, predict_step = predict_step,
                       test_step = test_step, compute_loss = compute_loss, compute_metrics = compute_metrics),
                  list(...)),
                public, private, inherit, parent_env)
}

# @export Loss
Loss <- function(classname, call = NULL, ..., public = list(), private = list(), inherit = NULL,
                 parent_env = parent.frame()) {
  .rk_new_class("Loss", classname, c(list(call = call), list(...)), public, private, inherit, parent_env)
}

# @export Metric
Metric <- function(classname, initialize = NULL, update_state = NULL, result = NULL, ..., public = list(),
                   private = list(), inherit = NULL, parent_env = parent.frame()) {
  .rk_new_class("Metric", classname,
                c(list(initialize = initialize, update_state = update_state, result = result), list(...)),
                public, private, inherit, parent_env)
}

# @export Callback
Callback <- function(classname, on_epoch_begin = NULL, on_epoch_end = NULL, on_train_begin = NULL,
                     on_train_end = NULL, on_train_batch_begin = NULL, on_train_batch_end = NULL,
                     on_test_begin = NULL, on_test_end = NULL, on_test_batch_begin = NULL,
                     on_test_batch_end = NULL, on_predict_begin = NULL, on_predict_end = NULL,
                     on_predict_batch_begin = NULL, on_predict_batch_end = NULL, ..., public = list(),
                     private = list(), inherit = NULL, parent_env = parent.frame()) {
  hooks <- list(on_epoch_begin = on_epoch_begin, on_epoch_end = on_epoch_end, on_train_begin = on_train_begin,
                on_train_end = on_train_end, on_train_batch_begin = on_train_batch_begin,
                on_train_batch_end = on_train_batch_end, on_test_begin = on_test_begin, on_test_end = on_test_end,
                on_test_batch_begin = on_test_batch_begin, on_test_batch_end = on_test_batch_end,
                on_predict_begin = on_predict_begin, on_predict_end = on_predict_end,
                on_predict_batch_begin = on_predict_batch_begin, on_predict_batch_end = on_predict_batch_end)
  .rk_new_class("Callback", classname, c(hooks, list(...)), public, private, inherit, parent_env)
}

# @export Constraint
Constraint <- function(classname, call = NULL, get_config = NULL, ..., public = list(), private = list(),
                       inherit = NULL, parent_env = parent.frame()) {
  .rk_new_class("Constraint", classname, c(list(call = call, get_config = get_config), list(...)),
                public, private, inherit, parent_env)
}

# @export LearningRateSchedule
LearningRateSchedule <- function(classname, call = NULL, initialize = NULL, get_config = NULL, ...,
                                 public = list(), private = list(), inherit = NULL, parent_env = parent.frame()) {
  .rk_new_class("LearningRateSchedule", classname,
                c(list(call = call, initialize = initialize, get_config = get_config), list(...)),
                public, private, inherit, parent_env)
}

# keras3's aliases (keras 2.x's names).
# @export new_layer_class
new_layer_class <- Layer
# @export new_model_class
new_model_class <- Model
# @export new_loss_class
new_loss_class <- Loss
# @export new_metric_class
new_metric_class <- Metric
# @export new_callback_class
new_callback_class <- Callback
# @export new_learning_rate_schedule_class
new_learning_rate_schedule_class <- LearningRateSchedule

# @export active_property
# Mark a method of a custom class as an active property: `obj$name` calls fn(), `obj$name <- v`
# calls fn(v) (keras3).
active_property <- function(fn) {
  if (!is.function(fn)) stop("active_property(): `fn` must be a function", call. = FALSE)
  class(fn) <- unique(c("rkeras_active_property", class(fn)))
  fn
}

# @export mark_active
# The same as active_property() (keras 2.x's name).
mark_active <- function(x) active_property(x)

# @export %<-active%
# In a %py_class% body: `name %<-active% function(value) ...` defines an active property.
`%<-active%` <- function(sym, value) {
  assign(deparse(substitute(sym)), active_property(value), envir = parent.frame())
  invisible(value)
}

# @export %py_class%
# `MyLayer(Layer) %py_class% { initialize <- function(...) ...; call <- function(inputs) ... }`:
# defines the class MyLayer (here a layer) from the functions and values the body assigns, and
# assigns its constructor to `MyLayer` in the calling environment. The base is a class constructor
# (Layer, Model, ... or one they made) or an rkeras layer function (layer_dense); names starting
# with "." are private members.
`%py_class%` <- function(spec, body) {
  spec <- substitute(spec)
  body <- substitute(body)
  parent_env <- parent.frame()
  if (is.call(spec)) {
    classname <- deparse(spec[[1L]])
    inherit <- if (length(spec) > 1L) eval(spec[[2L]], parent_env) else NULL
  } else {
    classname <- deparse(spec)
    inherit <- NULL
  }
  kind <- "Layer"
  for (k in .rk_class_kinds) {
    if (identical(inherit, get(k, envir = environment(.rk_new_class)))) {
      kind <- k
      inherit <- NULL
      break
    }
  }
  if (!is.null(inherit)) {
    kind <- .rk_call(".class_kind", inherit)
    kind <- .rk_class_kinds[match(kind, tolower(.rk_class_kinds))]
  }
  env <- new.env(parent = parent_env)
  eval(body, env)
  nms <- ls(env, all.names = TRUE, sorted = FALSE)
  private <- mget(nms[startsWith(nms, ".")], envir = env)
  public <- mget(nms[!startsWith(nms, ".")], envir = env)
  names(private) <- sub("^\\.", "", names(private))
  gen <- .rk_new_class(kind, classname, list(), public, private, inherit, parent_env)
  assign(classname, gen, envir = parent_env)
  invisible(gen)
}

.rk_class_kinds <- c("Layer", "Model", "Loss", "Metric", "Callback", "Constraint", "LearningRateSchedule")

.rk_new_class <- function(kind, classname, methods, public, private, inherit, parent_env) {
  if (!is.character(classname) || length(classname) != 1L || is.na(classname)) {
    stop(kind, "(): `classname` must be a character string, got ", deparse(classname, nlines = 1L), call. = FALSE)
  }
  if (!is.list(public)) stop(kind, "(): `public` must be a named list", call. = FALSE)
  if (!is.list(private)) stop(kind, "(): `private` must be a named list", call. = FALSE)
  if (!is.environment(parent_env)) stop(kind, "(): `parent_env` must be an environment", call. = FALSE)
  members <- c(Filter(Negate(is.null), methods), public)
  for (group in list(members, private)) {
    if (length(group) && (is.null(names(group)) || any(!nzchar(names(group))))) {
      stop(kind, "(): every method and member must be named", call. = FALSE)
    }
  }
  class_env <- new.env(parent = parent_env)
  assign(".rk_private_init", private, envir = class_env)
  py_members <- lapply(names(members), function(nm) .rk_member(members[[nm]], class_env, paste0(classname, "$", nm)))
  names(py_members) <- names(members)
  ctor <- .rk_call(".new_class", tolower(kind), classname, py_members, inherit = inherit)
  cls <- .rk_call(".getattr", ctor, "py_class")
  assign("__class__", cls, envir = class_env)
  init <- members[["initialize"]]
  # (as.list: an initialize() without formals has formals() NULL, which would read as "none given")
  init_formals <- if (is.function(init)) as.list(formals(init)) else attr(inherit, "rkeras_init_formals", exact = TRUE)
  .rk_constructor(kind, ctor, cls, init_formals)
}

# A member as Python gets it: a function becomes a method (a shim taking `self` first), an active
# property an rkeras ActiveProperty, anything else stays a value (a class attribute).
.rk_member <- function(value, class_env, label) {
  if (!is.function(value) || inherits(value, "rkeras_object")) return(value)
  active <- inherits(value, "rkeras_active_property")
  if (active) class(value) <- setdiff(class(value), "rkeras_active_property")
  shim <- .rk_method(value, class_env, label)
  if (active) .rk_call(".active_property", shim) else shim
}

# The shim calls the method under the name `Class$method`, which is what R's call stack shows.
.rk_method <- function(f, class_env, label) {
  force(f)
  force(class_env)
  shim <- function(self, ...) NULL
  name <- as.name(label)
  body(shim) <- bquote({
    .(name) <- f
    environment(.(name)) <- .rk_method_env(self, class_env)
    .(name)(...)
  })
  attr(shim, "rkeras_formals") <- list(formals(f))
  shim
}

.rk_method_env <- function(self, class_env) {
  env <- new.env(parent = class_env)
  assign("self", self, envir = env)
  makeActiveBinding("super", function() .rk_super(class_env, self), env)
  makeActiveBinding("private", function() .rk_private(self, class_env), env)
  env
}

# `super`: the parent class's attributes bound to `self`; `super()` is the same object.
.rk_super <- function(class_env, self) {
  s <- .rk_call(".super", get("__class__", envir = class_env), self)
  f <- function() s
  attr(f, "rkeras_handle") <- s
  class(f) <- class(s)
  f
}

# The instance's private environment, made on first use from the class's `private` list; its
# functions see `self`, `super` and `private` too (`self` through a weak reference, so the
# instance does not keep itself alive through R).
.rk_private <- function(self, class_env) {
  p <- .rk_call(".instance_state", self)
  if (is.environment(p)) return(p)
  p <- new.env(parent = class_env)
  scope <- new.env(parent = class_env)
  weak <- .rk_call(".weak", self)
  makeActiveBinding("self", function() .rk_call(".invoke", weak), scope)
  makeActiveBinding("super", function() .rk_super(class_env, .rk_call(".invoke", weak)), scope)
  assign("private", p, envir = scope)
  init <- get(".rk_private_init", envir = class_env)
  for (nm in names(init)) {
    value <- init[[nm]]
    if (is.function(value) && !inherits(value, "rkeras_object")) environment(value) <- scope
    assign(nm, value, envir = p)
  }
  .rk_call(".instance_state", self, p)
  p
}

# The R function a class constructor returns: its formals are initialize()'s (a layer's also take
# `object` first, composing as layer_dense() does); passed to Python it is the class itself.
.rk_constructor <- function(kind, ctor, cls, init_formals) {
  fmls <- if (is.null(init_formals)) alist(... = ) else init_formals
  if (kind == "Layer") fmls <- c(alist(object = ), fmls[names(fmls) != "object"])
  env <- new.env(parent = environment(.rk_constructor))
  assign(".ctor", ctor, envir = env)
  f <- .rk_forwarder(fmls, quote(.rk_call(".invoke", .ctor)), env)
  attr(f, "rkeras_handle") <- cls
  attr(f, "rkeras_init_formals") <- init_formals
  class(f) <- c("rkeras_class_constructor", "rkeras_object")
  f
}

# A function with formals `fmls` whose body calls `head` with the arguments its caller supplied.
.rk_forwarder <- function(fmls, head, env) {
  nms <- names(fmls)
  named <- nms[nms != "..."]
  dots <- "..." %in% nms
  args <- lapply(named, as.name)
  names(args) <- named
  call <- as.call(c(as.list(head), args, if (dots) list(quote(...))))
  tests <- lapply(named, function(n) call("!", call("missing", as.name(n))))
  keep <- as.call(c(list(quote(base::c)), rep(list(TRUE), length(head)), tests, if (dots) list(TRUE)))
  f <- function() NULL
  formals(f) <- fmls
  body(f) <- call("eval", call("[", call("quote", call), keep))
  body(f)[[1L]] <- quote(base::eval)
  environment(f) <- env
  f
}

# @S3method print rkeras_class_constructor
print.rkeras_class_constructor <- function(x, ...) {
  cat("<rkeras class constructor ", .rk_call(".repr", x), ">\n", sep = "")
  invisible(x)
}

# The formals of an R function as Python needs them for a signature (a method shim: those of the
# function it runs, after `self`).
.rk_formals_info <- function(f) {
  own <- attr(f, "rkeras_formals", exact = TRUE)
  fm <- if (is.list(own)) c(alist(self = ), own[[1L]]) else if (is.primitive(f)) formals(args(f)) else formals(f)
  nms <- names(fm)
  if (is.null(nms)) nms <- character()
  has_default <- vapply(fm, function(v) !(is.symbol(v) && identical(as.character(v), "")), TRUE)
  constant <- vapply(fm, function(v) is.null(v) || (is.atomic(v) && length(v) == 1L && !is.na(v)), TRUE)
  values <- lapply(seq_along(fm), function(i) if (has_default[[i]] && constant[[i]]) fm[[i]] else NULL)
  list(names = nms, has_default = unname(has_default), constant = unname(constant & has_default),
       values = values)
}
