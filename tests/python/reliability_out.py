"""Where the reliability runs record their counts for tests/RELIABILITY.md (``make soak``).

With ``RKERAS_RELIABILITY_OUT`` set to a folder, :func:`record` writes ``<name>.json`` there;
``scripts/reliability_report.py`` turns the folder into tests/RELIABILITY.md. Unset (CI), nothing
is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def record(name: str, data: dict[str, Any]) -> None:
    folder = os.environ.get("RKERAS_RELIABILITY_OUT")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    (Path(folder) / f"{name}.json").write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
