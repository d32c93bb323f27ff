"""Seed 002 part 4, the kerasR vignette's IMDB sentiment models, in Python with rkeras's kerasR names.

Line for line the R code of kerasr_imdb.R (R's 1-based `x[1:4000]` is `x[0:4000]`,
`x[4001:5736]` is `x[4000:5736]`). NOT RUN offline: load_imdb() needs imdb.npz, which is not in
RKERAS_DATA_DIR here and cannot be downloaded; rkeras raises a clear error naming the file.
Run it with:  python vignettes/kerasr_imdb.py
"""
# ruff: noqa: F403, F405
import numpy as np
import pandas as pd

from rkeras import *

imdb = load_imdb(num_words=500, maxlen=100)
X_train = pad_sequences(imdb["X_train"][0:4000], maxlen=100)
Y_train = imdb["Y_train"][0:4000]
X_test = pad_sequences(imdb["X_train"][4000:5736], maxlen=100)
Y_test = imdb["Y_train"][4000:5736]

mod = Sequential()
mod.add(Embedding(500, 32, input_length=100, input_shape=100))
mod.add(Dropout(0.25))
mod.add(Flatten())
mod.add(Dense(256))
mod.add(Dropout(0.25))
mod.add(Activation("relu"))
mod.add(Dense(1))
mod.add(Activation("sigmoid"))

keras_compile(mod, loss="binary_crossentropy", optimizer=RMSprop(lr=0.00025))
keras_fit(mod, X_train, Y_train, batch_size=32, epochs=10, verbose=1,
          validation_split=0.1)

Y_test_hat = keras_predict(mod, X_test)
print(pd.crosstab(pd.Series(Y_test, name="Y_test"), np.round(Y_test_hat).reshape(-1)))
print(np.mean(Y_test == np.round(Y_test_hat).reshape(-1)))

mod = Sequential()
mod.add(Embedding(500, 32, input_length=100, input_shape=100))
mod.add(Dropout(0.25))
mod.add(LSTM(32))
mod.add(Dense(256))
mod.add(Dropout(0.25))
mod.add(Activation("relu"))
mod.add(Dense(1))
mod.add(Activation("sigmoid"))

keras_compile(mod, loss="binary_crossentropy", optimizer=RMSprop(lr=0.00025))
keras_fit(mod, X_train, Y_train, batch_size=32, epochs=10, verbose=1,
          validation_split=0.1)

Y_test_hat = keras_predict(mod, X_test)
print(np.mean(Y_test == np.round(Y_test_hat).reshape(-1)))
