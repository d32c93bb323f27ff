"""`import rkeras` (and `from rkeras import *`) load neither TensorFlow, Keras nor R.

Each check runs in a fresh interpreter, since this test process may already
have imported the heavy modules.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("tensorflow", "keras", "rpy2")

CHECK = f"""
import sys
heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})
assert not heavy, 'heavy modules imported: ' + ', '.join(heavy[:8])
"""


def run_python(code: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("statement", [
    "import rkeras",
    "from rkeras import *",
    "import rkeras.spec; rkeras.spec.all_rows()",
    "import rkeras.coverage",
])
def test_import_is_cheap(statement, repo_root):
    proc = run_python(statement + "\n" + CHECK, repo_root)
    assert proc.returncode == 0, proc.stderr


def test_star_import_gives_r_style_names(repo_root):
    code = ("from rkeras import *\n"
            "for n in ('keras_model_sequential', 'layer_dense', 'compile', 'fit', 'optimizer_rmsprop'):\n"
            "    assert callable(globals().get(n)), n\n" + CHECK)
    proc = run_python(code, repo_root)
    assert proc.returncode == 0, proc.stderr
