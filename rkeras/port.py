"""``python -m rkeras.port script.R``: ``rkeras port`` (:mod:`rkeras.tools.port`)."""

from __future__ import annotations

import sys

from .tools.port import Result, translate
from .tools.port.cli import main

__all__ = ["Result", "main", "translate"]

if __name__ == "__main__":
    sys.exit(main())
