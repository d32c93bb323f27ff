"""``python -m rkeras.coverage``: the coverage report (:mod:`rkeras.tools.coverage`)."""

from __future__ import annotations

import sys

from .tools.coverage import main

if __name__ == "__main__":
    sys.exit(main())
