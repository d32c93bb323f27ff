"""Seed 002 part 2, the kerasR vignette's dense MNIST network, in Python with rkeras's kerasR names.

Line for line the R code of kerasr_mnist_dense.R: `mod$add(x)` becomes `mod.add(x)`; R's
`array(X, dim = c(n, 784))` (column-major, like `dim<-`) is `array_reshape(X, (n, 784), order="F")`;
`table()` and `mean(a == b)` use numpy/pandas. Run it with:  python vignettes/kerasr_mnist_dense.py
"""
# ruff: noqa: F403, F405
import numpy as np
import pandas as pd

from rkeras import *

mnist = load_mnist()
X_train = mnist["X_train"]
Y_train = mnist["Y_train"]
X_test = mnist["X_test"]
Y_test = mnist["Y_test"]
print(X_train.shape)  # R: dim(X_train)

X_train = array_reshape(X_train, (X_train.shape[0], int(np.prod(X_train.shape[1:]))), order="F") / 255
X_test = array_reshape(X_test, (X_test.shape[0], int(np.prod(X_test.shape[1:]))), order="F") / 255

Y_train = to_categorical(mnist["Y_train"], 10)

mod = Sequential()
mod.add(Dense(units=512, input_shape=X_train.shape[1]))
mod.add(LeakyReLU())
mod.add(Dropout(0.25))
mod.add(Dense(units=512))
mod.add(LeakyReLU())
mod.add(Dropout(0.25))
mod.add(Dense(units=512))
mod.add(LeakyReLU())
mod.add(Dropout(0.25))
mod.add(Dense(10))
mod.add(Activation("softmax"))

keras_compile(mod, loss="categorical_crossentropy", optimizer=RMSprop())
keras_fit(mod, X_train, Y_train, batch_size=32, epochs=5, verbose=1,
          validation_split=0.1)

Y_test_hat = keras_predict_classes(mod, X_test)
print(pd.crosstab(pd.Series(Y_test, name="Y_test"), pd.Series(Y_test_hat, name="Y_test_hat")))
print(np.mean(Y_test == Y_test_hat))
