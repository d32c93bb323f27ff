"""keras3's guide "Making new layers and models via subclassing", in Python with rkeras's R-style names.

Line for line the R code of guide_subclassing.R (which says what differs from the guide and why):
`Layer("Linear", initialize = function(...) ...)` becomes `Layer("Linear", initialize=initialize)`
with the methods written as Python functions taking `self` first; R's `super$initialize(...)` is
`super(type(self), self).__init__(...)`, `private$losses` an attribute `self._losses` (a private
member is an underscore-prefixed attribute from Python), `with(tf$GradientTape() %as% tape, {...})`
a `with` statement, `c(a, b) %<-% x` tuple unpacking, `|>` `|` (or a call), `$` an attribute, and
R's 1-based `x[1:512, , ]` 0-based slices; the `axis` arguments of the op_*() functions stay R's
(1-based), as rkeras's Python API takes them. The same seeds give the same numbers as in R.
Run it with:  python vignettes/guide_subclassing.py
"""
# ruff: noqa: F403, F405
import os
import tempfile

import numpy as np
import tensorflow as tf  # for tf.GradientTape() in the custom train_step()

from rkeras import *

set_random_seed(1)


def _super(self):
    """R's `super`: the parent class of the object's class, bound to it."""
    return super(type(self), self)


# ---- The Layer class: the combination of state (weights) and some computation
def linear_init(self, units=32, input_dim=32, **kwargs):
    _super(self).__init__(**kwargs)
    self.w = self.add_weight(shape=shape(input_dim, units), initializer="random_normal", trainable=True)
    self.b = self.add_weight(shape=shape(units), initializer="zeros", trainable=True)


layer_linear = Layer("Linear", initialize=linear_init,
                     call=lambda self, inputs: op_matmul(inputs, self.w) + self.b)
x = op_ones([2, 2])
linear_layer = layer_linear(units=4, input_dim=2)
y = linear_layer(x)
print(y)
linear_y = np.asarray(y)
# the weights w and b are tracked by the layer as they are set as its attributes
assert len(linear_layer.weights) == 2 and linear_layer.weights[0].path == linear_layer.w.path


# ---- Layers can have non-trainable weights
def compute_sum_init(self, input_dim):
    _super(self).__init__()
    self.total = self.add_weight(initializer="zeros", shape=shape(input_dim), trainable=False)


def compute_sum_call(self, inputs):
    self.total.assign_add(op_sum(inputs, axis=1))
    return self.total


layer_compute_sum = Layer("ComputeSum", initialize=compute_sum_init, call=compute_sum_call)
x = op_ones([2, 2])
my_sum = layer_compute_sum(input_dim=2)
y = my_sum(x)
print(np.asarray(y))
y = my_sum(x)
print(np.asarray(y))
sum_total = np.asarray(y)
print("weights:", len(my_sum.weights))
print("non-trainable weights:", len(my_sum.non_trainable_weights))
# It's not included in the trainable weights:
print("trainable_weights:", len(my_sum.trainable_weights))


# ---- Best practice: deferring weight creation until the shape of the inputs is known
def linear_init(self, units=32, **kwargs):
    _super(self).__init__(**kwargs)
    self.units = units


def linear_build(self, input_shape):
    self.w = self.add_weight(shape=shape(input_shape[-1], self.units), initializer="random_normal",
                             trainable=True)
    self.b = self.add_weight(shape=shape(self.units), initializer="random_normal", trainable=True)


def linear_call(self, inputs):
    return op_matmul(inputs, self.w) + self.b


layer_linear = Layer("Linear", initialize=linear_init, build=linear_build, call=linear_call)
# At instantiation, we don't know on what inputs this is going to get called
linear_layer = layer_linear(units=32)
print("weights before the first call:", len(linear_layer.weights))
# The layer's weights are created dynamically the first time the layer is called
y = linear_layer(x)
built_w_shape = [int(d) for d in linear_layer.w.shape]
print("weights after it:", len(linear_layer.weights), "- w:", *built_w_shape)


# ---- Layers are recursively composable
def mlp_block_init(self):
    _super(self).__init__()
    self.linear_1 = layer_linear(units=32)
    self.linear_2 = layer_linear(units=32)
    self.linear_3 = layer_linear(units=1)


def mlp_block_call(self, inputs):
    x = activation_relu(self.linear_1(inputs))
    x = activation_relu(self.linear_2(x))
    return self.linear_3(x)


layer_mlp_block = Layer("MLPBlock", initialize=mlp_block_init, call=mlp_block_call)
mlp = layer_mlp_block()
y = mlp(op_ones(shape=[3, 64]))  # The first call to the `mlp` will create the weights
print("weights:", len(mlp.weights))
print("trainable weights:", len(mlp.trainable_weights))
mlp_y = np.asarray(y)
print(mlp_y)


# ---- The add_loss() method
# A layer that creates an activity regularization loss
def activity_reg_init(self, rate=1e-2):
    _super(self).__init__()
    self.rate = rate


def activity_reg_call(self, inputs):
    self.add_loss(self.rate * op_mean(inputs))
    return inputs


layer_activity_regularization = Layer("ActivityRegularizationLayer", initialize=activity_reg_init,
                                      call=activity_reg_call)


def outer_init(self):
    _super(self).__init__()
    self.activity_reg = layer_activity_regularization(rate=1e-2)


layer_outer = Layer("OuterLayer", initialize=outer_init, call=lambda self, inputs: self.activity_reg(inputs))
layer = layer_outer()
# No losses yet since the layer has never been called
assert len(layer.losses) == 0
_ = layer(op_zeros([1, 1]))
assert len(layer.losses) == 1  # We created one loss value
# `layer.losses` gets reset at the start of each call
_ = layer(op_zeros([1, 1]))
assert len(layer.losses) == 1  # This is the loss created during the call above
_ = layer(op_ones([1, 1]) * 3)
activity_loss = float(layer.losses[0])  # 1e-2 * mean(3)
print("activity loss:", activity_loss)


# the losses property also holds the regularization losses of the weights of any inner layer
def outer_l2_init(self):
    _super(self).__init__()
    self.dense = layer_dense(units=32, kernel_regularizer=regularizer_l2(1e-3))


layer_outer_with_kernel_regularizer = Layer("OuterLayerWithKernelRegularizer", initialize=outer_l2_init,
                                            call=lambda self, inputs: self.dense(inputs))
layer = layer_outer_with_kernel_regularizer()
_ = layer(op_zeros([1, 1]))
# This is `1e-3 * sum(layer.dense.kernel ** 2)`, created by the `kernel_regularizer` above.
print(layer.losses)
kernel_l2 = float(layer.losses[0])
kernel_l2_check = 1e-3 * float(np.sum(np.asarray(layer.dense.kernel, dtype=np.float64) ** 2))
print("l2 loss:", kernel_l2, "- 1e-3 * sum(kernel^2):", kernel_l2_check)

# These losses also work with fit(): they are added to the main loss, if any
inputs = keras_input(shape=3)
outputs = inputs | layer_activity_regularization()
model = keras_model(inputs, outputs)
# If there is a loss passed in `compile`, the regularization losses get added to it
model | compile(optimizer="adam", loss="mse")
x_rand = random_uniform([2, 3], seed=1)
y_rand = random_uniform([2, 3], seed=2)
mse_reg = model | fit(x_rand, y_rand, verbose=0)
# It's also possible not to pass any loss in `compile`, since the model already has a loss to
# minimize, via the `add_loss()` call during the forward pass!
model = keras_model(inputs, outputs)
model | compile(optimizer="adam")
reg_only = model | fit(x_rand, y_rand, verbose=0)
print("loss with mse:", *mse_reg.metrics["loss"], "- add_loss() only:", *reg_only.metrics["loss"])
reg_only_check = 1e-2 * float(np.mean(np.asarray(x_rand, dtype=np.float64)))  # the activity loss of x_rand
print("1e-2 * mean(x):", reg_only_check)


# ---- You can optionally enable serialization on your layers
def linear_init(self, units=32):
    _super(self).__init__()
    self.units = units


layer_linear = Layer("Linear", initialize=linear_init, build=linear_build, call=linear_call,
                     get_config=lambda self: {"units": self.units})
# Now you can recreate the layer from its config:
layer = layer_linear(units=64)
config = get_config(layer)
print(config)
new_layer = from_config(config)
print("new layer's units:", new_layer.units)


# the base initialize() takes name and dtype: pass them on, and keep them in the config
def linear_init(self, units=32, **kwargs):
    _super(self).__init__(**kwargs)
    self.units = units


def linear_get_config(self):
    config = _super(self).get_config()
    config["units"] = self.units
    return config


layer_linear = Layer("Linear", initialize=linear_init, build=linear_build, call=linear_call,
                     get_config=linear_get_config)
layer = layer_linear(units=64)
config = get_config(layer)
print(config)
new_layer = from_config(config)
config_names = sorted(config)


# ---- Privileged training argument in the call() method
def custom_dropout_init(self, rate, **kwargs):
    _super(self).__init__(**kwargs)
    self.rate = rate
    self.seed_generator = random_seed_generator(1337)


def custom_dropout_call(self, inputs, training=None):
    if training:
        return random_dropout(inputs, rate=self.rate, seed=self.seed_generator)
    return inputs


layer_custom_dropout = Layer("CustomDropout", initialize=custom_dropout_init, call=custom_dropout_call)
dropout = layer_custom_dropout(rate=0.5)
ones = op_ones([4, 10])
dropped = np.asarray(dropout(ones, training=True))
kept = np.asarray(dropout(ones, training=False))
print("training = TRUE: zeros", int(np.sum(dropped == 0)), "of 40, others", *np.unique(dropped[dropped != 0]))
print("training = FALSE: unchanged", bool(np.all(kept == 1)))


# ---- Putting it all together: an end-to-end example (a variational autoencoder)
def sampling_init(self, **kwargs):
    _super(self).__init__(**kwargs)
    self.seed_generator = random_seed_generator(1337)


def sampling_call(self, inputs):
    z_mean, z_log_var = inputs
    epsilon = random_normal(shape=op_shape(z_mean), seed=self.seed_generator)
    return z_mean + op_exp(0.5 * z_log_var) * epsilon


layer_sampling = Layer("Sampling", initialize=sampling_init, call=sampling_call)


# Maps MNIST digits to a triplet (z_mean, z_log_var, z)
def encoder_init(self, latent_dim=32, intermediate_dim=64, name="encoder", **kwargs):
    _super(self).__init__(name=name, **kwargs)
    self.dense_proj = layer_dense(units=intermediate_dim, activation="relu")
    self.dense_mean = layer_dense(units=latent_dim)
    self.dense_log_var = layer_dense(units=latent_dim)
    self.sampling = layer_sampling()


def encoder_call(self, inputs):
    x = self.dense_proj(inputs)
    z_mean = self.dense_mean(x)
    z_log_var = self.dense_log_var(x)
    z = self.sampling([z_mean, z_log_var])
    return [z_mean, z_log_var, z]


layer_encoder = Layer("Encoder", initialize=encoder_init, call=encoder_call)


# Converts z, the encoded digit vector, back into a readable digit
def decoder_init(self, original_dim, intermediate_dim=64, name="decoder", **kwargs):
    _super(self).__init__(name=name, **kwargs)
    self.dense_proj = layer_dense(units=intermediate_dim, activation="relu")
    self.dense_output = layer_dense(units=original_dim, activation="sigmoid")


layer_decoder = Layer("Decoder", initialize=decoder_init,
                      call=lambda self, inputs: self.dense_output(self.dense_proj(inputs)))


# Combines the encoder and decoder into an end-to-end model for training
def vae_init(self, original_dim, intermediate_dim=64, latent_dim=32, name="autoencoder", **kwargs):
    _super(self).__init__(name=name, **kwargs)
    self.original_dim = original_dim
    self.encoder = layer_encoder(latent_dim=latent_dim, intermediate_dim=intermediate_dim)
    self.decoder = layer_decoder(original_dim=original_dim, intermediate_dim=intermediate_dim)


def vae_call(self, inputs):
    z_mean, z_log_var, z = self.encoder(inputs)
    reconstructed = self.decoder(z)
    # Add KL divergence regularization loss.
    kl_loss = -0.5 * op_mean(z_log_var - op_square(z_mean) - op_exp(z_log_var) + 1)
    self.add_loss(kl_loss)
    return reconstructed


model_variational_autoencoder = Model("VariationalAutoEncoder", initialize=vae_init, call=vae_call)
(x_train, y_train), (x_test, y_test) = [part.values() for part in dataset_mnist().values()]
x_train = array_reshape(x_train[:512], [512, 784]) / 255

vae = model_variational_autoencoder(original_dim=784, intermediate_dim=16, latent_dim=4)


# ---- a Metric() class: state in weights, update_state(), result(), reset_state()
def mae_init(self, name="mean_abs_error", **kwargs):
    _super(self).__init__(name=name, **kwargs)
    self.total = self.add_weight(name="total", initializer="zeros")
    self.count = self.add_weight(name="count", initializer="zeros")


def mae_update_state(self, y_true, y_pred, sample_weight=None):
    error = op_abs(y_true - y_pred)
    self.total.assign_add(op_sum(error))
    self.count.assign_add(op_sum(op_ones_like(error)))


def mae_reset_state(self):
    self.total.assign(0)
    self.count.assign(0)


metric_mean_abs_error = Metric("MeanAbsError", initialize=mae_init, update_state=mae_update_state,
                               result=lambda self: op_divide(self.total, self.count),
                               reset_state=mae_reset_state)
m = metric_mean_abs_error()
m.update_state(op_zeros([2, 2]), op_ones([2, 2]) * 2)
m.update_state(op_zeros([2, 2]), op_ones([2, 2]) * 4)
metric_result = float(m.result())
print("result after two batches:", metric_result)
m.reset_state()
metric_after_reset = float(m.total)
print("total after reset_state():", metric_after_reset)


# ---- a Callback() class: epochs are 1-based, logs a dict
def recorder_train_begin(self, logs=None):
    self._losses = []


def recorder_epoch_end(self, epoch, logs=None):
    print(f"end of epoch {epoch}: loss {logs['loss']:.4f}, mae {logs['mean_abs_error']:.4f}")
    self._losses.append(logs["loss"])


callback_loss_recorder = Callback("LossRecorder", on_train_begin=recorder_train_begin,
                                  on_epoch_end=recorder_epoch_end,
                                  public={"losses": lambda self: self._losses})
recorder = callback_loss_recorder()

# ---- the VAE trained with fit() (and the Metric() and Callback() above)
optimizer = optimizer_adam(learning_rate=1e-3)
vae | compile(optimizer, loss=loss_mean_squared_error(), metrics=[metric_mean_abs_error(), "mae"])
vae_history = vae | fit(x_train, x_train, epochs=2, batch_size=128, verbose=0, callbacks=[recorder])
vae_losses = vae_history.metrics["loss"]
print(vae_history.metrics)
assert np.allclose(recorder.losses(), vae_losses)
assert np.allclose(vae_history.metrics["mean_abs_error"], vae_history.metrics["mae"], rtol=1e-5)
# the Metric() on the VAE's predictions, next to numpy's mean(abs(x - pred))
x_small = x_train[:64]
pred = predict(vae, x_small, verbose=0)
m.reset_state()
m.update_state(x_small, pred)
vae_mae = float(m.result())
vae_mae_check = float(np.mean(np.abs(x_small - pred)))
print("MeanAbsError on 64 predictions:", vae_mae, "- mean(abs(x - pred)):", vae_mae_check)


# ---- customizing what happens in fit(): a Model() with its own train_step()
def custom_train_step(self, data):
    x, y = data
    with tf.GradientTape() as tape:
        y_pred = self(x, training=True)
        loss = self.compute_loss(y=y, y_pred=y_pred)
    trainable_vars = self.trainable_variables
    gradients = tape.gradient(loss, trainable_vars)
    self.optimizer.apply(gradients, trainable_vars)
    for metric in self.metrics:
        if metric.name == "loss":
            metric.update_state(loss)
        else:
            metric.update_state(y, y_pred)
    return {metric.name: metric.result() for metric in self.metrics}


CustomModel = Model("CustomModel", train_step=custom_train_step)
inputs = keras_input(shape=32)
outputs = inputs | layer_dense(units=1)
model = CustomModel(inputs, outputs)
model | compile(optimizer=optimizer_sgd(learning_rate=0.01), loss="mse", metrics="mae")
x = random_normal([64, 32], seed=1)
y = random_normal([64, 1], seed=2)
# the same model with Keras's own train_step, from the same weights
reference_inputs = keras_input(shape=32)
reference = keras_model(reference_inputs, reference_inputs | layer_dense(units=1))
set_weights(reference, get_weights(model))
reference | compile(optimizer=optimizer_sgd(learning_rate=0.01), loss="mse", metrics="mae")
custom_history = model | fit(x, y, epochs=3, batch_size=16, shuffle=False, verbose=0)
reference_history = reference | fit(x, y, epochs=3, batch_size=16, shuffle=False, verbose=0)
custom_losses = custom_history.metrics["loss"]
print("custom train_step loss:", *custom_losses)
print("built-in train_step loss:", *reference_history.metrics["loss"])
train_step_same = bool(np.allclose(custom_losses, reference_history.metrics["loss"], rtol=1e-5))
print("the same:", train_step_same)

# ---- save_model() / load_model() with custom objects
inputs = keras_input(shape=8)
outputs = inputs | layer_linear(units=4) | layer_custom_dropout(rate=0.5)
model = keras_model(inputs, outputs)
x_new = random_uniform([3, 8], seed=3)
before = predict(model, x_new, verbose=0)
path = tempfile.mktemp(suffix=".keras")
save_model(model, path)
reloaded = load_model(path, custom_objects={"Linear": layer_linear, "CustomDropout": layer_custom_dropout})
reload_same = bool(np.array_equal(predict(reloaded, x_new, verbose=0), before))
print("Linear + CustomDropout model, predictions equal after reload:", reload_same)
# the VAE: its config keeps the arguments it was made with, its weights come back by path
vae_path = tempfile.mktemp(suffix=".keras")
save_model(vae, vae_path)
vae2 = load_model(vae_path, custom_objects={
    "VariationalAutoEncoder": model_variational_autoencoder, "Encoder": layer_encoder,
    "Decoder": layer_decoder, "Sampling": layer_sampling, "MeanAbsError": metric_mean_abs_error})
z = random_normal([2, 4], seed=4)
vae_reload_same = bool(np.array_equal(np.asarray(vae2.decoder(z)), np.asarray(vae.decoder(z))))
print("VAE decoder outputs equal after reload:", vae_reload_same, "- intermediate units:",
      vae2.encoder.dense_proj.units)
for p in (path, vae_path):
    os.unlink(p)
