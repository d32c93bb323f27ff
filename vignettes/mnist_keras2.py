"""Seed 001, the keras 2.x "MNIST Example", in Python with rkeras's R-style names.

Line for line the R code of mnist_keras2.R: `%>%` becomes `|`, `$` becomes `[...]`,
`c(...)` a tuple or a list. Run it with:  python vignettes/mnist_keras2.py
"""
# ruff: noqa: F403, F405
from rkeras import *

mnist = dataset_mnist()
x_train = mnist["train"]["x"]
y_train = mnist["train"]["y"]
x_test = mnist["test"]["x"]
y_test = mnist["test"]["y"]

# reshape
x_train = array_reshape(x_train, (len(x_train), 784))
x_test = array_reshape(x_test, (len(x_test), 784))
# rescale
x_train = x_train / 255
x_test = x_test / 255

y_train = to_categorical(y_train, 10)
y_test = to_categorical(y_test, 10)

model = keras_model_sequential()
(
    model
    | layer_dense(units=256, activation="relu", input_shape=784)
    | layer_dropout(rate=0.4)
    | layer_dense(units=128, activation="relu")
    | layer_dropout(rate=0.3)
    | layer_dense(units=10, activation="softmax")
)

summary(model)

model | compile(
    loss="categorical_crossentropy",
    optimizer=optimizer_rmsprop(),
    metrics=["accuracy"],
)

history = model | fit(
    x_train, y_train,
    epochs=30, batch_size=128,
    validation_split=0.2,
)

plot(history)  # a matplotlib Figure: plot(history).savefig("history.png") keeps it

print(model | evaluate(x_test, y_test))

print(model | predict_classes(x_test))
