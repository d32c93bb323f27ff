"""Seed 002 part 1, the kerasR vignette's Boston housing model, in Python with rkeras's kerasR names.

Line for line the R code of kerasr_boston.R: `mod$add(x)` becomes `mod.add(x)`. R's `scale()`
and `sd()` are written with numpy (column means and sample standard deviations).
Run it with:  python vignettes/kerasr_boston.py
"""
# ruff: noqa: F403, F405
import numpy as np

from rkeras import *


def scale(x):  # R's scale(): centre each column, divide by its sample standard deviation
    return (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)


def sd(x):  # R's sd()
    return np.std(x, ddof=1)


mod = Sequential()

mod.add(Dense(units=50, input_shape=13))

mod.add(Activation("relu"))

mod.add(Dense(units=1))

keras_compile(mod, loss="mse", optimizer=RMSprop())

boston = load_boston_housing()
X_train = scale(boston["X_train"])
Y_train = boston["Y_train"]
X_test = scale(boston["X_test"])
Y_test = boston["Y_test"]

keras_fit(mod, X_train, Y_train,
          batch_size=32, epochs=200,
          verbose=1, validation_split=0.1)

pred = keras_predict(mod, normalize(X_test))
print(sd(pred.reshape(-1) - Y_test) / sd(Y_test))
