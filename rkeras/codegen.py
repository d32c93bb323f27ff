"""``python -m rkeras.codegen [--check]``: the R code generator (:mod:`rkeras.tools.codegen`)."""

from __future__ import annotations

import sys

from .tools.codegen import main

if __name__ == "__main__":
    sys.exit(main())
