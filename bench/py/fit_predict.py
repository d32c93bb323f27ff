"""The seed MLP in pure Keras: one epoch of fit (batch 128) on 60000x784, then predict on 10000x784."""

import time

import keras
import numpy as np
from common import result

rng = np.random.default_rng(1)
x = rng.random((60000, 784))  # float64, as R's doubles
y = keras.utils.to_categorical(rng.integers(0, 10, 60000), 10)
xt = rng.random((10000, 784))
model = keras.Sequential(
    [
        keras.Input((784,)),
        keras.layers.Dense(256, activation="relu"),
        keras.layers.Dropout(0.4),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(), metrics=["accuracy"])
model.fit(x[:256], y[:256], epochs=1, batch_size=128, verbose=0)
model.predict(xt[:256], verbose=0)
t0 = time.perf_counter()
model.fit(x, y, epochs=1, batch_size=128, verbose=0)
t1 = time.perf_counter()
p = model.predict(xt, verbose=0)
t2 = time.perf_counter()
assert p.shape == (10000, 10)
result(fit_seconds=t1 - t0, predict_seconds=t2 - t1)
