# Hand-written: keras 2.x's R6 forms of custom layers, callbacks, constraints and wrappers, and
# keras_model_custom(). They are built on keras3's class constructors (R/classes.R): an R6 instance
# gets a Keras object of its own, made from a Layer()/Callback()/Constraint() class whose methods
# call the instance's methods. As in keras 2.x, a KerasCallback's epoch and batch numbers are
# Python's (0-based).

# @importFrom R6 R6Class
# @export KerasLayer
# keras 2.x's R6 base class of custom layers: inherit from it and define build(input_shape),
# call(inputs, mask = NULL) and optionally compute_output_shape(input_shape); create instances with
# create_layer(). self$add_weight() and self$add_loss() act on the Keras layer behind the instance.
KerasLayer <- R6::R6Class("KerasLayer",
  public = list(
    build = function(input_shape) invisible(NULL),
    call = function(inputs, mask = NULL) stop("Keras custom layers must implement the call function", call. = FALSE),
    compute_output_shape = function(input_shape) input_shape,
    add_loss = function(losses, inputs = NULL) {
      private$wrapper$add_loss(losses)
      invisible(NULL)
    },
    add_weight = function(name, shape, dtype = NULL, initializer = NULL, regularizer = NULL, trainable = TRUE,
                          constraint = NULL) {
      args <- list(name = name, shape = shape, dtype = dtype, initializer = initializer, regularizer = regularizer,
                   trainable = trainable, constraint = constraint)
      do.call(private$wrapper$add_weight, Filter(Negate(is.null), args))
    },
    .set_wrapper = function(wrapper) {
      private$wrapper <- wrapper
      invisible(self)
    },
    python_layer = function() private$wrapper
  ),
  private = list(wrapper = NULL)
)

# @export KerasWrapper
# keras 2.x's R6 base class of custom layer wrappers (a layer around another layer, self$layer):
# by default build() builds the inner layer and call() calls it; create instances with
# create_wrapper(wrapper_class, object, args = list(layer = ...)).
KerasWrapper <- R6::R6Class("KerasWrapper",
  inherit = KerasLayer,
  public = list(
    layer = NULL,
    build = function(input_shape) {
      if (!isTRUE(self$layer$built)) self$layer$build(input_shape)
      invisible(NULL)
    },
    call = function(inputs, mask = NULL) self$layer(inputs),
    set_layer = function(layer) {
      self$layer <- layer
      invisible(self)
    }
  )
)

# @export KerasCallback
# keras 2.x's R6 base class of custom callbacks: inherit from it and define any of on_epoch_begin(),
# on_epoch_end(), on_batch_begin(), on_batch_end(), on_train_begin(), on_train_end(), ... (epoch and
# batch numbers are 0-based, as in keras 2.x; logs is a named list); self$model and self$params are
# set when training starts. Pass instances (Gen$new()) in fit()'s `callbacks`.
KerasCallback <- R6::R6Class("KerasCallback",
  public = list(
    params = NULL,
    model = NULL,
    set_context = function(params = NULL, model = NULL) {
      self$params <- params
      self$model <- model
      invisible(self)
    },
    on_epoch_begin = function(epoch, logs = NULL) NULL,
    on_epoch_end = function(epoch, logs = NULL) NULL,
    on_batch_begin = function(batch, logs = NULL) NULL,
    on_batch_end = function(batch, logs = NULL) NULL,
    on_train_begin = function(logs = NULL) NULL,
    on_train_end = function(logs = NULL) NULL,
    on_predict_batch_begin = function(batch, logs = NULL) NULL,
    on_predict_batch_end = function(batch, logs = NULL) NULL,
    on_predict_begin = function(logs = NULL) NULL,
    on_predict_end = function(logs = NULL) NULL,
    on_test_batch_begin = function(batch, logs = NULL) NULL,
    on_test_batch_end = function(batch, logs = NULL) NULL,
    on_test_begin = function(logs = NULL) NULL,
    on_test_end = function(logs = NULL) NULL
  ),
  private = list(rk_python = NULL)
)

# @export KerasConstraint
# keras 2.x's R6 base class of custom weight constraints: inherit from it and define call(w) (and
# optionally get_config()); pass an instance (Gen$new()) as a layer's `kernel_constraint` or
# `bias_constraint`.
KerasConstraint <- R6::R6Class("KerasConstraint",
  public = list(
    call = function(w) stop("Keras custom constraints must implement the call function", call. = FALSE),
    get_config = function() list()
  ),
  private = list(rk_python = NULL)
)

# The arguments that go to Keras's Layer constructor, not to the R6 class's initialize() (keras 2.x).
.rk_r6_common_args <- c("input_shape", "batch_input_shape", "batch_size", "dtype", "name", "trainable", "weights")

# @export create_layer
# keras 2.x: a layer of `layer_class` (an R6 class inheriting from KerasLayer, a class constructor
# made by Layer(), or a Keras layer class) made with `args` (a named list), composed with `object`
# as layer_dense() is: missing or NULL `object` gives the layer itself. For an R6 class, `name`,
# `trainable`, `dtype`, `input_shape`, `batch_input_shape` and `batch_size` go to the Keras layer,
# the rest to the R6 class's initialize().
create_layer <- function(layer_class, object, args = list()) {
  if (!is.list(args)) stop("create_layer(): `args` must be a named list, got ", class(args)[[1L]], call. = FALSE)
  args <- args[!vapply(args, is.null, TRUE)]
  if (inherits(layer_class, "R6ClassGenerator")) {
    layer <- .rk_r6_layer(layer_class, args, "create_layer")
  } else if (is.function(layer_class) || inherits(layer_class, "rkeras_object")) {
    layer <- do.call(layer_class, args)
  } else {
    stop("create_layer(): `layer_class` must be an R6 class inheriting from KerasLayer or a layer class, got ",
         class(layer_class)[[1L]], call. = FALSE)
  }
  if (missing(object) || is.null(object)) return(layer)
  .rk_call(".compose_layer", object, layer)
}

# @export create_wrapper
# keras 2.x: a layer wrapper of `wrapper_class` (an R6 class inheriting from KerasWrapper) around
# `args$layer`, composed with `object` as create_layer() does.
create_wrapper <- function(wrapper_class, object, args = list()) {
  if (!inherits(wrapper_class, "R6ClassGenerator") || !.rk_r6_inherits(wrapper_class, "KerasWrapper")) {
    got <- if (inherits(wrapper_class, "R6ClassGenerator")) wrapper_class$classname else class(wrapper_class)[[1L]]
    stop("create_wrapper(): `wrapper_class` must be an R6 class inheriting from KerasWrapper, got ", got,
         call. = FALSE)
  }
  if (!is.list(args) || is.null(args$layer)) {
    stop("create_wrapper(): `args` must be a named list with the wrapped `layer`", call. = FALSE)
  }
  layer <- .rk_r6_layer(wrapper_class, args[!vapply(args, is.null, TRUE)], "create_wrapper")
  if (missing(object) || is.null(object)) return(layer)
  .rk_call(".compose_layer", object, layer)
}

# @export create_layer_wrapper
# keras 2.x and keras3: a layer function (formals `object` and the class's initialize() arguments)
# for `Layer` (an R6 class inheriting from KerasLayer, or a class constructor made by Layer()), which
# calls create_layer(). `modifiers` is a named list of functions applied to the arguments of those
# names before the layer is made (for example list(units = as.integer)). `convert` is accepted for
# compatibility (rkeras always converts).
create_layer_wrapper <- function(Layer, modifiers = NULL, convert = TRUE) {
  force(Layer)
  if (!is.null(modifiers) && (!is.list(modifiers) || !all(vapply(modifiers, is.function, TRUE)) ||
                              is.null(names(modifiers)))) {
    stop("create_layer_wrapper(): `modifiers` must be a named list of functions or NULL", call. = FALSE)
  }
  fmls <- if (inherits(Layer, "R6ClassGenerator")) .rk_r6_init_formals(Layer) else
    if (is.function(Layer)) formals(Layer) else
      stop("create_layer_wrapper(): `Layer` must be an R6 class inheriting from KerasLayer or a class constructor, got ",
           class(Layer)[[1L]], call. = FALSE)
  fmls <- fmls[names(fmls) != "object"]
  if (inherits(Layer, "R6ClassGenerator")) {
    extra <- setdiff(c("name", "trainable", "input_shape"), names(fmls))
    if (!"..." %in% names(fmls)) fmls <- c(fmls, stats::setNames(rep(list(NULL), length(extra)), extra))
  }
  wrapper <- function(object) {
    call <- match.call()
    call[[1L]] <- quote(base::list)
    call$object <- NULL
    args <- eval(call, parent.frame())
    for (nm in intersect(names(modifiers), names(args))) args[[nm]] <- modifiers[[nm]](args[[nm]])
    if (missing(object)) object <- NULL
    create_layer(Layer, object, args)
  }
  formals(wrapper) <- c(alist(object = ), fmls)
  wrapper
}

# @export keras_model_custom
# keras 2.x: a model from `model_fn`, a function of `self` (the model) that sets the model's layers
# as attributes of `self` (self$dense <- layer_dense(units = 4)) and returns its call function,
# function(inputs, mask = NULL, training = NULL). Built on Model().
keras_model_custom <- function(model_fn, name = NULL) {
  if (!is.function(model_fn)) {
    stop("keras_model_custom(): `model_fn` must be a function of `self`, got ", class(model_fn)[[1L]], call. = FALSE)
  }
  if (!is.null(name) && (!is.character(name) || length(name) != 1L)) {
    stop("keras_model_custom(): `name` must be a character string or NULL", call. = FALSE)
  }
  cls <- Model("CustomModel",
    initialize = function(...) {
      super$initialize(...)
      call_fn <- model_fn(self)
      if (!is.function(call_fn)) stop("keras_model_custom(): `model_fn` must return the model's call function",
                                      call. = FALSE)
      private$call_fn <- call_fn
    },
    call = function(inputs, mask = NULL, training = NULL) {
      f <- private$call_fn
      accepts <- names(formals(f))
      args <- list(inputs)
      if (any(c("mask", "...") %in% accepts)) args$mask <- mask
      if (any(c("training", "...") %in% accepts)) args$training <- training
      do.call(f, args)
    },
    private = list(call_fn = NULL)
  )
  if (is.null(name)) cls() else cls(name = name)
}

# ---- internals

.rk_r6_inherits <- function(gen, classname) {
  while (!is.null(gen)) {
    if (identical(gen$classname, classname)) return(TRUE)
    gen <- gen$get_inherit()
  }
  FALSE
}

# Whether a class below `base` (in the R6 chain of `gen`) defines the public method `name`.
.rk_r6_defines <- function(gen, name, base) {
  while (!is.null(gen) && !identical(gen$classname, base)) {
    if (name %in% names(gen$public_methods)) return(TRUE)
    gen <- gen$get_inherit()
  }
  FALSE
}

.rk_r6_init_formals <- function(gen) {
  while (!is.null(gen)) {
    init <- gen$public_methods$initialize
    if (is.function(init)) return(formals(init))
    gen <- gen$get_inherit()
  }
  alist()
}

# A Keras layer for a new instance of the R6 class `gen`: the instance is made with the arguments
# that are not Keras's, then a Layer() class (one per instance, named as the R6 class) calls its
# build(), call() and, when the R6 class defines one, compute_output_shape().
.rk_r6_layer <- function(gen, args, fn) {
  if (!.rk_r6_inherits(gen, "KerasLayer")) {
    stop(fn, "(): the R6 class must inherit from KerasLayer, got ", gen$classname, call. = FALSE)
  }
  keras_args <- args[intersect(names(args), .rk_r6_common_args)]
  keras_args$weights <- NULL
  r6_args <- args[setdiff(names(args), .rk_r6_common_args)]
  inner <- r6_args$layer
  if (.rk_r6_inherits(gen, "KerasWrapper")) r6_args$layer <- NULL
  r6 <- do.call(gen$new, r6_args)
  call_formals <- names(formals(r6$call))
  call <- if ("mask" %in% call_formals && "training" %in% call_formals) {
    function(inputs, mask = NULL, training = NULL) r6$call(inputs, mask = mask, training = training)
  } else if ("mask" %in% call_formals) {
    function(inputs, mask = NULL) r6$call(inputs, mask = mask)
  } else if ("training" %in% call_formals) {
    function(inputs, training = NULL) r6$call(inputs, training = training)
  } else {
    function(inputs) r6$call(inputs)
  }
  methods <- list(classname = gen$classname, build = function(input_shape) {
    r6$build(input_shape)
    invisible(NULL)
  }, call = call)
  if (.rk_r6_defines(gen, "compute_output_shape", "KerasLayer")) {
    methods$compute_output_shape <- function(input_shape) r6$compute_output_shape(input_shape)
  }
  cls <- do.call(Layer, methods)
  layer <- do.call(cls, keras_args)
  r6$.set_wrapper(layer)
  if (!is.null(inner)) {
    layer$layer <- inner  # tracked by Keras: the inner layer's weights are the wrapper's
    r6$set_layer(inner)
  }
  layer
}

# Called by the bridge for an R6 object crossing to Python: a KerasCallback or KerasConstraint
# instance becomes its Keras object (made once per instance); any other stays an environment.
.rk_r6_to_py <- function(x) {
  if (!inherits(x, "KerasCallback") && !inherits(x, "KerasConstraint")) return(x)
  private <- x$.__enclos_env__$private
  if (is.null(private$rk_python)) {
    private$rk_python <- if (inherits(x, "KerasCallback")) .rk_r6_callback(x) else .rk_r6_constraint(x)
  }
  private$rk_python
}

# rkeras's Callback() numbers epochs and batches from 1 (keras3); keras 2.x's R6 callbacks got
# Python's numbers, so the hooks subtract 1.
.rk_r6_callback <- function(r6) {
  force(r6)
  # the methods' enclosure is replaced (R/classes.R), so they find `r6` through `parent_env`, this frame
  hooks <- list(
    on_train_begin = function(logs = NULL) {
      .rk_r6_context(r6, self)
      r6$on_train_begin(logs)
      invisible(NULL)
    },
    on_train_end = function(logs = NULL) {
      r6$on_train_end(logs)
      invisible(NULL)
    },
    on_test_begin = function(logs = NULL) {
      .rk_r6_context(r6, self)
      r6$on_test_begin(logs)
      invisible(NULL)
    },
    on_test_end = function(logs = NULL) {
      r6$on_test_end(logs)
      invisible(NULL)
    },
    on_predict_begin = function(logs = NULL) {
      .rk_r6_context(r6, self)
      r6$on_predict_begin(logs)
      invisible(NULL)
    },
    on_predict_end = function(logs = NULL) {
      r6$on_predict_end(logs)
      invisible(NULL)
    },
    on_epoch_begin = function(index, logs = NULL) {
      r6$on_epoch_begin(index - 1L, logs)
      invisible(NULL)
    },
    on_epoch_end = function(index, logs = NULL) {
      r6$on_epoch_end(index - 1L, logs)
      invisible(NULL)
    },
    on_train_batch_begin = function(index, logs = NULL) {
      r6$on_batch_begin(index - 1L, logs)
      invisible(NULL)
    },
    on_train_batch_end = function(index, logs = NULL) {
      r6$on_batch_end(index - 1L, logs)
      invisible(NULL)
    },
    on_test_batch_begin = function(index, logs = NULL) {
      r6$on_test_batch_begin(index - 1L, logs)
      invisible(NULL)
    },
    on_test_batch_end = function(index, logs = NULL) {
      r6$on_test_batch_end(index - 1L, logs)
      invisible(NULL)
    },
    on_predict_batch_begin = function(index, logs = NULL) {
      r6$on_predict_batch_begin(index - 1L, logs)
      invisible(NULL)
    },
    on_predict_batch_end = function(index, logs = NULL) {
      r6$on_predict_batch_end(index - 1L, logs)
      invisible(NULL)
    })
  # only the hooks the R6 class defines (each call of a hook is a call into R); on_train_begin
  # always, to set the context
  r6_hook <- c(on_train_batch_begin = "on_batch_begin", on_train_batch_end = "on_batch_end")
  keep <- vapply(names(hooks), function(h) {
    own <- if (h %in% names(r6_hook)) r6_hook[[h]] else h
    h == "on_train_begin" || !identical(body(r6[[own]]), body(KerasCallback$public_methods[[own]]))
  }, TRUE)
  cls <- do.call(Callback, c(list(class(r6)[[1L]]), hooks[keep]))
  cls()
}

.rk_r6_context <- function(r6, self) {
  if (is.null(r6$model)) r6$set_context(params = self$params, model = self$model)
}

.rk_r6_constraint <- function(r6) {
  force(r6)
  cls <- Constraint(class(r6)[[1L]], call = function(w) r6$call(w), get_config = function() r6$get_config())
  cls()
}
