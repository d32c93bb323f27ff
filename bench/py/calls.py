"""Per-call cost in pure Python Keras: n Dense() constructions and n to_categorical() of one label."""

import os
import time

import keras
from common import result

n = int(os.environ.get("RKERAS_BENCH_N", "10000"))
keras.layers.Dense(4)
keras.utils.to_categorical(3, 10)
t0 = time.perf_counter()
for _ in range(n):
    keras.layers.Dense(4)
t1 = time.perf_counter()
for _ in range(n):
    keras.utils.to_categorical(3, 10)
t2 = time.perf_counter()
result(layer_dense_us=(t1 - t0) / n * 1e6, to_categorical_us=(t2 - t1) / n * 1e6)
