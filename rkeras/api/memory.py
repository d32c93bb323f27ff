"""A memory budget for allocations whose size comes from user input.

``to_categorical(c(0, 1.5e9))`` or ``pad_sequences(x, maxlen = 2147483647L)`` ask for tens of
gigabytes. Allocating that either fails deep inside R (an R error there jumps over Python's
frames and kills the process) or makes the kernel kill it. :func:`check_allocation` refuses
such sizes first, with an error that names the function, the argument and the size.
"""

from __future__ import annotations

import os

import numpy as np

from ..errors import RKerasError

# R's longest vector (R_XLEN_T_MAX, 2^52 - 1 elements)
R_MAX_LENGTH = 2**52 - 1
# sizes below this are never checked (reading /proc/meminfo costs ~20 us)
_SMALL = 64 * 2**20
# at most this share of the memory the system has free goes to one allocation: the data it is
# made from, its copy for R and the work around it need the rest (filling more would wake the
# OOM killer)
BUDGET_SHARE = 0.5


def available_bytes() -> int:
    """Memory the system can still give (MemAvailable; physical memory when unknown)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 2**63


def _human(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} PiB"


def check_allocation(fn: str | None, what: str, nbytes: float, elements: float | None = None) -> None:
    """Raise a clear error when ``nbytes`` (for ``what``, e.g. "the result of shape (2, 1500000001)")
    is more than the system has free, or ``elements`` is longer than R allows."""
    if elements is not None and elements > R_MAX_LENGTH:
        raise RKerasError(f"{what} would have {elements:.0f} elements; R vectors hold at most 2^52 - 1",
                          fn=fn)
    if nbytes < _SMALL:
        return
    free = available_bytes()
    if nbytes > BUDGET_SHARE * free:
        raise RKerasError(f"{what} would need {_human(nbytes)} of memory, more than half of the "
                          f"{_human(free)} available", fn=fn)
    try:  # the allocation itself (reserved, never touched): what malloc will say to R
        probe = np.empty(int(nbytes), dtype=np.uint8)
    except MemoryError:
        raise RKerasError(f"{what} would need {_human(nbytes)} of memory, more than the system will give",
                          fn=fn) from None
    del probe
