"""Per-call cost in pure Python Keras: n no-op calls, n Dense(), n to_categorical() of one label."""

import os
import time

import keras
from common import result


def noop() -> None:
    return None


n = int(os.environ.get("RKERAS_BENCH_N", "10000"))
noop()
keras.layers.Dense(4)
keras.utils.to_categorical(3, 10)
t0 = time.perf_counter()
for _ in range(n):
    noop()
t1 = time.perf_counter()
for _ in range(n):
    keras.layers.Dense(4)
t2 = time.perf_counter()
for _ in range(n):
    keras.utils.to_categorical(3, 10)
t3 = time.perf_counter()
result(noop_us=(t1 - t0) / n * 1e6, layer_dense_us=(t2 - t1) / n * 1e6, to_categorical_us=(t3 - t2) / n * 1e6)
