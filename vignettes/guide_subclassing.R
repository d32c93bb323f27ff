# keras3's guide "Making new layers and models via subclassing" (keras3 R package,
# vignettes/making_new_layers_and_models_via_subclassing.Rmd, after fchollet's keras.io guide),
# on rkeras: classes written in R with Layer(), Model(), Metric() and Callback().
# What differs, and why:
# - Every section prints its numbers (the guide asserts or prints a few); set_random_seed(1) first,
#   so that the Python port (guide_subclassing.py) prints the same ones [changed].
# - The guide's random data (np.random.random) are random_uniform() with seeds here [changed].
# - The VAE is shrunk: the first 512 MNIST training images, intermediate_dim = 16,
#   latent_dim = 4, 2 epochs of batches of 128 [changed]; its sampling layer draws from a
#   random_seed_generator(1337), as keras.io's VAE example does [changed].
# - The guide's ResNet `Model` block (it has `dataset = ...`, not runnable) is left out; the VAE
#   is the Model() example.
# - [added] sections the guide points to elsewhere: a Metric() class with update_state(),
#   result() and reset_state(), a Callback() class, a Model() with its own train_step() (the guide
#   "Customizing what happens in fit()": tf$GradientTape(), tape$gradient(),
#   self$optimizer$apply()), and save_model() / load_model() with custom_objects.
# Run it with:  rkeras run vignettes/guide_subclassing.R

library(keras3)
tf <- import("tensorflow")  # [added] for tf$GradientTape() in the custom train_step()
set_random_seed(1)  # [added]

# ---- The Layer class: the combination of state (weights) and some computation
layer_linear <- Layer("Linear",
  initialize = function(units = 32, input_dim = 32, ...) {
    super$initialize(...)
    self$w <- self$add_weight(shape = shape(input_dim, units), initializer = "random_normal",
                              trainable = TRUE)
    self$b <- self$add_weight(shape = shape(units), initializer = "zeros", trainable = TRUE)
  },
  call = function(inputs) {
    op_matmul(inputs, self$w) + self$b
  }
)
x <- op_ones(c(2, 2))
linear_layer <- layer_linear(units = 4, input_dim = 2)
y <- linear_layer(x)
print(y)
linear_y <- as.array(y)  # [added]
# the weights w and b are tracked by the layer as they are set as its attributes
stopifnot(length(linear_layer$weights) == 2,
          identical(linear_layer$weights[[1]]$path, linear_layer$w$path))

# ---- Layers can have non-trainable weights
layer_compute_sum <- Layer("ComputeSum",
  initialize = function(input_dim) {
    super$initialize()
    self$total <- self$add_weight(initializer = "zeros", shape = shape(input_dim),
                                  trainable = FALSE)
  },
  call = function(inputs) {
    self$total$assign_add(op_sum(inputs, axis = 1))
    self$total
  }
)
x <- op_ones(c(2, 2))
my_sum <- layer_compute_sum(input_dim = 2)
y <- my_sum(x)
print(as.array(y))
y <- my_sum(x)
print(as.array(y))
sum_total <- as.array(y)  # [added]
cat("weights:", length(my_sum$weights), "\n")
cat("non-trainable weights:", length(my_sum$non_trainable_weights), "\n")
# It's not included in the trainable weights:
cat("trainable_weights:", length(my_sum$trainable_weights), "\n")

# ---- Best practice: deferring weight creation until the shape of the inputs is known
layer_linear <- Layer("Linear",
  initialize = function(units = 32, ...) {
    super$initialize(...)
    self$units <- units
  },
  build = function(input_shape) {
    self$w <- self$add_weight(shape = shape(tail(input_shape, 1), self$units),
                              initializer = "random_normal", trainable = TRUE)
    self$b <- self$add_weight(shape = shape(self$units), initializer = "random_normal",
                              trainable = TRUE)
  },
  call = function(inputs) {
    op_matmul(inputs, self$w) + self$b
  }
)
# At instantiation, we don't know on what inputs this is going to get called
linear_layer <- layer_linear(units = 32)
cat("weights before the first call:", length(linear_layer$weights), "\n")  # [added]
# The layer's weights are created dynamically the first time the layer is called
y <- linear_layer(x)
built_w_shape <- as.integer(shape(linear_layer$w))  # [added]
cat("weights after it:", length(linear_layer$weights), "- w:", built_w_shape, "\n")  # [added]

# ---- Layers are recursively composable
layer_mlp_block <- Layer("MLPBlock",
  initialize = function() {
    super$initialize()
    self$linear_1 <- layer_linear(units = 32)
    self$linear_2 <- layer_linear(units = 32)
    self$linear_3 <- layer_linear(units = 1)
  },
  call = function(inputs) {
    inputs |>
      self$linear_1() |>
      activation_relu() |>
      self$linear_2() |>
      activation_relu() |>
      self$linear_3()
  }
)
mlp <- layer_mlp_block()
y <- mlp(op_ones(shape = c(3, 64)))  # The first call to the `mlp` will create the weights
cat("weights:", length(mlp$weights), "\n")
cat("trainable weights:", length(mlp$trainable_weights), "\n")
mlp_y <- as.array(y)  # [added]
print(mlp_y)  # [added]

# ---- The add_loss() method
# A layer that creates an activity regularization loss
layer_activity_regularization <- Layer("ActivityRegularizationLayer",
  initialize = function(rate = 1e-2) {
    super$initialize()
    self$rate <- rate
  },
  call = function(inputs) {
    self$add_loss(self$rate * op_mean(inputs))
    inputs
  }
)
layer_outer <- Layer("OuterLayer",
  initialize = function() {
    super$initialize()
    self$activity_reg <- layer_activity_regularization(rate = 1e-2)
  },
  call = function(inputs) {
    self$activity_reg(inputs)
  }
)
layer <- layer_outer()
# No losses yet since the layer has never been called
stopifnot(length(layer$losses) == 0)
. <- layer(op_zeros(c(1, 1)))
stopifnot(length(layer$losses) == 1)  # We created one loss value
# `layer$losses` gets reset at the start of each call
. <- layer(op_zeros(c(1, 1)))
stopifnot(length(layer$losses) == 1)  # This is the loss created during the call above
. <- layer(op_ones(c(1, 1)) * 3)  # [added]
activity_loss <- as.numeric(layer$losses[[1]])  # [added] 1e-2 * mean(3)
cat("activity loss:", activity_loss, "\n")  # [added]

# the losses property also holds the regularization losses of the weights of any inner layer
layer_outer_with_kernel_regularizer <- Layer("OuterLayerWithKernelRegularizer",
  initialize = function() {
    super$initialize()
    self$dense <- layer_dense(units = 32, kernel_regularizer = regularizer_l2(1e-3))
  },
  call = function(inputs) {
    self$dense(inputs)
  }
)
layer <- layer_outer_with_kernel_regularizer()
. <- layer(op_zeros(c(1, 1)))
# This is `1e-3 * sum(layer$dense$kernel ** 2)`, created by the `kernel_regularizer` above.
print(layer$losses)
kernel_l2 <- as.numeric(layer$losses[[1]])  # [added]
kernel_l2_check <- 1e-3 * sum(as.array(layer$dense$kernel)^2)  # [added]
cat("l2 loss:", kernel_l2, "- 1e-3 * sum(kernel^2):", kernel_l2_check, "\n")  # [added]

# These losses also work with fit(): they are added to the main loss, if any
inputs <- keras_input(shape = 3)
outputs <- inputs |> layer_activity_regularization()
model <- keras_model(inputs, outputs)
# If there is a loss passed in `compile`, the regularization losses get added to it
model |> compile(optimizer = "adam", loss = "mse")
x_rand <- random_uniform(c(2, 3), seed = 1)  # [changed: np.random.random((2, 3))]
y_rand <- random_uniform(c(2, 3), seed = 2)  # [changed]
mse_reg <- model |> fit(x_rand, y_rand, verbose = 0)
# It's also possible not to pass any loss in `compile`, since the model already has a loss to
# minimize, via the `add_loss()` call during the forward pass!
# [changed] a new model: compile() without a loss keeps the loss an earlier compile() gave
model <- keras_model(inputs, outputs)
model |> compile(optimizer = "adam")
reg_only <- model |> fit(x_rand, y_rand, verbose = 0)
cat("loss with mse:", mse_reg$metrics$loss, "- add_loss() only:", reg_only$metrics$loss, "\n")  # [added]
reg_only_check <- 1e-2 * mean(as.array(x_rand))  # [added] the activity loss of x_rand
cat("1e-2 * mean(x):", reg_only_check, "\n")  # [added]

# ---- You can optionally enable serialization on your layers
layer_linear <- Layer("Linear",
  initialize = function(units = 32) {
    super$initialize()
    self$units <- units
  },
  build = function(input_shape) {
    self$w <- self$add_weight(shape = shape(tail(input_shape, 1), self$units),
                              initializer = "random_normal", trainable = TRUE)
    self$b <- self$add_weight(shape = shape(self$units), initializer = "random_normal",
                              trainable = TRUE)
  },
  call = function(inputs) {
    op_matmul(inputs, self$w) + self$b
  },
  get_config = function() {
    list(units = self$units)
  }
)
# Now you can recreate the layer from its config:
layer <- layer_linear(units = 64)
config <- get_config(layer)
str(config)
new_layer <- from_config(config)
cat("new layer's units:", new_layer$units, "\n")  # [added]

# the base initialize() takes name and dtype: pass them on, and keep them in the config
layer_linear <- Layer("Linear",
  initialize = function(units = 32, ...) {
    super$initialize(...)
    self$units <- units
  },
  build = function(input_shape) {
    self$w <- self$add_weight(shape = shape(tail(input_shape, 1), self$units),
                              initializer = "random_normal", trainable = TRUE)
    self$b <- self$add_weight(shape = shape(self$units), initializer = "random_normal",
                              trainable = TRUE)
  },
  call = function(inputs) {
    op_matmul(inputs, self$w) + self$b
  },
  get_config = function() {
    config <- super$get_config()
    config$units <- self$units
    config
  }
)
layer <- layer_linear(units = 64)
config <- get_config(layer)
str(config)
new_layer <- from_config(config)
config_names <- sort(names(config))  # [added]

# ---- Privileged training argument in the call() method
layer_custom_dropout <- Layer("CustomDropout",
  initialize = function(rate, ...) {
    super$initialize(...)
    self$rate <- rate
    self$seed_generator <- random_seed_generator(1337)  # [added] for the same numbers in Python
  },
  call = function(inputs, training = NULL) {
    if (isTRUE(training)) {
      return(random_dropout(inputs, rate = self$rate, seed = self$seed_generator))  # [changed: seed]
    }
    inputs
  }
)
dropout <- layer_custom_dropout(rate = 0.5)  # [added]
ones <- op_ones(c(4, 10))  # [added]
dropped <- as.array(dropout(ones, training = TRUE))  # [added]
kept <- as.array(dropout(ones, training = FALSE))  # [added]
cat("training = TRUE: zeros", sum(dropped == 0), "of 40, others", unique(dropped[dropped != 0]), "\n")  # [added]
cat("training = FALSE: unchanged", all(kept == 1), "\n")  # [added]

# ---- Putting it all together: an end-to-end example (a variational autoencoder)
layer_sampling <- Layer("Sampling",
  initialize = function(...) {
    super$initialize(...)
    self$seed_generator <- random_seed_generator(1337)  # [changed: a seeded generator]
  },
  call = function(inputs) {
    c(z_mean, z_log_var) %<-% inputs
    epsilon <- random_normal(shape = op_shape(z_mean), seed = self$seed_generator)
    z_mean + op_exp(0.5 * z_log_var) * epsilon
  }
)
# Maps MNIST digits to a triplet (z_mean, z_log_var, z)
layer_encoder <- Layer("Encoder",
  initialize = function(latent_dim = 32, intermediate_dim = 64, name = "encoder", ...) {
    super$initialize(name = name, ...)
    self$dense_proj <- layer_dense(units = intermediate_dim, activation = "relu")
    self$dense_mean <- layer_dense(units = latent_dim)
    self$dense_log_var <- layer_dense(units = latent_dim)
    self$sampling <- layer_sampling()
  },
  call = function(inputs) {
    x <- self$dense_proj(inputs)
    z_mean <- self$dense_mean(x)
    z_log_var <- self$dense_log_var(x)
    z <- self$sampling(list(z_mean, z_log_var))
    list(z_mean, z_log_var, z)
  }
)
# Converts z, the encoded digit vector, back into a readable digit
layer_decoder <- Layer("Decoder",
  initialize = function(original_dim, intermediate_dim = 64, name = "decoder", ...) {
    super$initialize(name = name, ...)
    self$dense_proj <- layer_dense(units = intermediate_dim, activation = "relu")
    self$dense_output <- layer_dense(units = original_dim, activation = "sigmoid")
  },
  call = function(inputs) {
    x <- self$dense_proj(inputs)
    self$dense_output(x)
  }
)
# Combines the encoder and decoder into an end-to-end model for training
model_variational_autoencoder <- Model("VariationalAutoEncoder",
  initialize = function(original_dim, intermediate_dim = 64, latent_dim = 32, name = "autoencoder", ...) {
    super$initialize(name = name, ...)
    self$original_dim <- original_dim
    self$encoder <- layer_encoder(latent_dim = latent_dim, intermediate_dim = intermediate_dim)
    self$decoder <- layer_decoder(original_dim = original_dim, intermediate_dim = intermediate_dim)
  },
  call = function(inputs) {
    c(z_mean, z_log_var, z) %<-% self$encoder(inputs)
    reconstructed <- self$decoder(z)
    # Add KL divergence regularization loss.
    kl_loss <- -0.5 * op_mean(z_log_var - op_square(z_mean) - op_exp(z_log_var) + 1)
    self$add_loss(kl_loss)
    reconstructed
  }
)
c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_mnist()
x_train <- array_reshape(x_train[1:512, , ], c(512, 784)) / 255  # [changed: all 60000]

vae <- model_variational_autoencoder(original_dim = 784, intermediate_dim = 16, latent_dim = 4)  # [changed: 64, 32]

# ---- [added] a Metric() class: state in weights, update_state(), result(), reset_state()
metric_mean_abs_error <- Metric("MeanAbsError",
  initialize = function(name = "mean_abs_error", ...) {
    super$initialize(name = name, ...)
    self$total <- self$add_weight(name = "total", initializer = "zeros")
    self$count <- self$add_weight(name = "count", initializer = "zeros")
  },
  update_state = function(y_true, y_pred, sample_weight = NULL) {
    error <- op_abs(y_true - y_pred)
    self$total$assign_add(op_sum(error))
    self$count$assign_add(op_sum(op_ones_like(error)))
  },
  result = function() {
    op_divide(self$total, self$count)
  },
  reset_state = function() {
    self$total$assign(0)
    self$count$assign(0)
  }
)
m <- metric_mean_abs_error()
m$update_state(op_zeros(c(2, 2)), op_ones(c(2, 2)) * 2)
m$update_state(op_zeros(c(2, 2)), op_ones(c(2, 2)) * 4)
metric_result <- as.numeric(m$result())
cat("result after two batches:", metric_result, "\n")
m$reset_state()
metric_after_reset <- as.numeric(m$total)
cat("total after reset_state():", metric_after_reset, "\n")

# ---- [added] a Callback() class: epochs are 1-based, logs a named list
callback_loss_recorder <- Callback("LossRecorder",
  on_train_begin = function(logs = NULL) {
    private$losses <- numeric()
  },
  on_epoch_end = function(epoch, logs = NULL) {
    cat(sprintf("end of epoch %d: loss %.4f, mae %.4f\n", epoch, logs$loss, logs$mean_abs_error))
    private$losses <- c(private$losses, logs$loss)
  },
  public = list(losses = function() private$losses)
)
recorder <- callback_loss_recorder()

# ---- the VAE trained with fit() (and the Metric() and Callback() above) [added: metrics, callbacks]
optimizer <- optimizer_adam(learning_rate = 1e-3)
vae |> compile(optimizer, loss = loss_mean_squared_error(),
               metrics = list(metric_mean_abs_error(), "mae"))  # [added: metrics]
vae_history <- vae |> fit(x_train, x_train, epochs = 2, batch_size = 128, verbose = 0,  # [changed: 64]
                          callbacks = list(recorder))  # [added: callbacks]
vae_losses <- vae_history$metrics$loss
print(vae_history$metrics)
stopifnot(isTRUE(all.equal(recorder$losses(), vae_losses)),
          isTRUE(all.equal(vae_history$metrics$mean_abs_error, vae_history$metrics$mae, tolerance = 1e-5)))
# [added] the Metric() on the VAE's predictions, next to R's own mean(abs(x - pred))
x_small <- x_train[1:64, ]
pred <- predict(vae, x_small, verbose = 0)
m$reset_state()
m$update_state(x_small, pred)
vae_mae <- as.numeric(m$result())
vae_mae_check <- mean(abs(x_small - pred))
cat("MeanAbsError on 64 predictions:", vae_mae, "- mean(abs(x - pred)):", vae_mae_check, "\n")

# ---- [added] customizing what happens in fit(): a Model() with its own train_step()
CustomModel <- Model("CustomModel",
  train_step = function(data) {
    c(x, y) %<-% data
    with(tf$GradientTape() %as% tape, {
      y_pred <- self(x, training = TRUE)
      loss <- self$compute_loss(y = y, y_pred = y_pred)
    })
    trainable_vars <- self$trainable_variables
    gradients <- tape$gradient(loss, trainable_vars)
    self$optimizer$apply(gradients, trainable_vars)
    for (metric in self$metrics) {
      if (metric$name == "loss") metric$update_state(loss)
      else metric$update_state(y, y_pred)
    }
    results <- lapply(self$metrics, function(metric) metric$result())
    names(results) <- vapply(self$metrics, function(metric) metric$name, "")
    results
  }
)
inputs <- keras_input(shape = 32)
outputs <- inputs |> layer_dense(units = 1)
model <- CustomModel(inputs, outputs)
model |> compile(optimizer = optimizer_sgd(learning_rate = 0.01), loss = "mse", metrics = "mae")
x <- random_normal(c(64, 32), seed = 1)
y <- random_normal(c(64, 1), seed = 2)
# the same model with Keras's own train_step, from the same weights
reference_inputs <- keras_input(shape = 32)
reference <- keras_model(reference_inputs, reference_inputs |> layer_dense(units = 1))
set_weights(reference, get_weights(model))
reference |> compile(optimizer = optimizer_sgd(learning_rate = 0.01), loss = "mse", metrics = "mae")
custom_history <- model |> fit(x, y, epochs = 3, batch_size = 16, shuffle = FALSE, verbose = 0)
reference_history <- reference |> fit(x, y, epochs = 3, batch_size = 16, shuffle = FALSE, verbose = 0)
custom_losses <- custom_history$metrics$loss
cat("custom train_step loss:", custom_losses, "\n")
cat("built-in train_step loss:", reference_history$metrics$loss, "\n")
train_step_same <- isTRUE(all.equal(custom_losses, reference_history$metrics$loss, tolerance = 1e-5))
cat("the same:", train_step_same, "\n")

# ---- [added] save_model() / load_model() with custom objects
inputs <- keras_input(shape = 8)
outputs <- inputs |> layer_linear(units = 4) |> layer_custom_dropout(rate = 0.5)
model <- keras_model(inputs, outputs)
x_new <- random_uniform(c(3, 8), seed = 3)
before <- predict(model, x_new, verbose = 0)
path <- tempfile(fileext = ".keras")
save_model(model, path)
reloaded <- load_model(path, custom_objects = list(Linear = layer_linear, CustomDropout = layer_custom_dropout))
reload_same <- identical(predict(reloaded, x_new, verbose = 0), before)
cat("Linear + CustomDropout model, predictions equal after reload:", reload_same, "\n")
# the VAE: its config keeps the arguments it was made with, its weights come back by path
vae_path <- tempfile(fileext = ".keras")
save_model(vae, vae_path)
vae2 <- load_model(vae_path, custom_objects = list(
  VariationalAutoEncoder = model_variational_autoencoder, Encoder = layer_encoder,
  Decoder = layer_decoder, Sampling = layer_sampling, MeanAbsError = metric_mean_abs_error))
z <- random_normal(c(2, 4), seed = 4)
vae_reload_same <- identical(as.array(vae2$decoder(z)), as.array(vae$decoder(z)))
cat("VAE decoder outputs equal after reload:", vae_reload_same, "- intermediate units:",
    vae2$encoder$dense_proj$units, "\n")
unlink(c(path, vae_path))
