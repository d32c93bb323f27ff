"""Pure-Python start-up to the first model built (the harness times the whole process)."""

import keras

model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(10, activation="softmax")])
print("BENCH_READY", flush=True)
