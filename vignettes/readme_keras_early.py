"""Seed 003, the early keras R README ("30 seconds to Keras"), in Python with rkeras's R-style names.

Line for line the R code of readme_keras_early.R, including the block marked [added] that makes
the data the seed leaves undefined (100 features per MNIST digit: a 10x10 thumbnail of the central
20x20 pixels, scaled to [0, 1]; the same numbers as the R code's). Run it with:
python vignettes/readme_keras_early.py
"""
# ruff: noqa: F403, F405
from rkeras import *

model = (
    model_sequential()
    | layer_dense(units=64, input_shape=100)
    | layer_activation(activation="relu")
    | layer_dense(units=10)
    | layer_activation(activation="softmax")
    | compile(
        loss="categorical_crossentropy",
        optimizer=optimizer_sgd(lr=0.02),
        metrics=["accuracy"],
    )
)


# ---- [added] the data the seed assumes: 100-feature matrices derived from MNIST ----------------
def thumbnails(x):
    x = x[:, 4:24, 4:24] / 255  # R: x[, 5:24, 5:24]
    n = x.shape[0]
    return x.reshape(n, 10, 2, 10, 2).mean(axis=(2, 4)).reshape(n, 100)  # feature (i - 1) * 10 + j


mnist = dataset_mnist()
x_train = thumbnails(mnist["train"]["x"])
y_train = to_categorical(mnist["train"]["y"], 10)
x_test = thumbnails(mnist["test"]["x"])
y_test = to_categorical(mnist["test"]["y"], 10)
# ---- [end added] -------------------------------------------------------------------------------

fit(model, x_train, y_train, epochs=5, batch_size=32)

loss_and_metrics = evaluate(model, x_test, y_test, batch_size=128)

classes = predict(model, x_test, batch_size=128)
