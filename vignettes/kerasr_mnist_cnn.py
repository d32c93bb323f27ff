"""Seed 002 part 3, the kerasR vignette's convolutional MNIST network, in Python with kerasR names.

Line for line the R code of kerasr_mnist_cnn.R: `mod$add(x)` becomes `mod.add(x)`; R's
`array(X, dim = c(dim(X), 1))` adds a trailing axis of length 1 (`X[..., None]`).
Run it with:  python vignettes/kerasr_mnist_cnn.py
"""
# ruff: noqa: F403, F405
import numpy as np
import pandas as pd

from rkeras import *

mnist = load_mnist()
X_train = mnist["X_train"][..., None] / 255  # R: array(mnist$X_train, dim = c(dim(mnist$X_train), 1))
Y_train = to_categorical(mnist["Y_train"], 10)
X_test = mnist["X_test"][..., None] / 255
Y_test = mnist["Y_test"]

mod = Sequential()
mod.add(Conv2D(filters=32, kernel_size=(3, 3),
               input_shape=(28, 28, 1)))
mod.add(Activation("relu"))
mod.add(Conv2D(filters=32, kernel_size=(3, 3),
               input_shape=(28, 28, 1)))
mod.add(Activation("relu"))
mod.add(MaxPooling2D(pool_size=(2, 2)))
mod.add(Dropout(0.25))
mod.add(Flatten())
mod.add(Dense(128))
mod.add(Activation("relu"))
mod.add(Dropout(0.25))
mod.add(Dense(10))
mod.add(Activation("softmax"))

keras_compile(mod, loss="categorical_crossentropy", optimizer=RMSprop())
keras_fit(mod, X_train, Y_train, batch_size=32, epochs=5, verbose=1,
          validation_split=0.1)

Y_test_hat = keras_predict_classes(mod, X_test)
print(pd.crosstab(pd.Series(Y_test, name="Y_test"), pd.Series(Y_test_hat, name="Y_test_hat")))
print(np.mean(Y_test == Y_test_hat))
