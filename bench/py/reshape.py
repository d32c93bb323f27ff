"""The same reshape in Python: numpy int32 (60000, 28, 28) -> (60000, 784), row-major."""

import time

import numpy as np
from common import peak_reset, result, status_kib

x = np.random.default_rng(0).integers(0, 256, (60000, 28, 28)).astype("int32")
peak_reset()
rss0 = status_kib("VmRSS")
t0 = time.perf_counter()
y = np.ascontiguousarray(np.reshape(x, (60000, 784)))
t1 = time.perf_counter()
peak = status_kib("VmHWM")
result(seconds=t1 - t0, peak_growth_mib=(peak - rss0) / 1024, result_mib=y.nbytes / 2**20)
