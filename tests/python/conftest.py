"""Test-session environment for rkeras.

Set at import time, before any test module imports Keras, TensorFlow or R,
and inherited by subprocesses that tests start:

* ``RKERAS_DATA_DIR``: ``../shared/data`` (absolute) when unset and present;
  tests read datasets from there and never download.
* ``KERAS_HOME``: a temporary folder for this session, so no test reads or
  writes ``~/.keras`` (Keras reads it once, when it is first imported).
* ``RKERAS_ROW_SAMPLE=N`` (optional): a 1/N sample of the spec-row tests.
* ``RKERAS_TEST_HOOKS=1``: the R host registers its test-only internals.
* ``KERAS_BACKEND=tensorflow``, ``TF_CPP_MIN_LOG_LEVEL=2``, ``MPLBACKEND=Agg``
  as defaults.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = Path(os.environ.get("RKERAS_SHARED_DIR") or REPO_ROOT.parent / "shared").resolve()

_default_data = SHARED_DIR / "data"
if not os.environ.get("RKERAS_DATA_DIR") and _default_data.is_dir():
    os.environ["RKERAS_DATA_DIR"] = str(_default_data)

_KERAS_HOME = tempfile.mkdtemp(prefix="rkeras-test-keras-home-")
os.environ["KERAS_HOME"] = _KERAS_HOME
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["RKERAS_TEST_HOOKS"] = "1"  # the host's test-only internals (.describe, .py_eval, ...)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: trains a model or otherwise takes more than a few seconds")
    config.addinivalue_line("markers", "r: needs R and rpy2 (embedded R)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``RKERAS_ROW_SAMPLE=N``: of the tests parametrised by spec row (``test_spec_rows.py``), keep
    the rows whose name hashes to 0 modulo N (a fixed, spread-out 1/N sample: the JAX run in CI)."""
    sample = int(os.environ.get("RKERAS_ROW_SAMPLE") or 1)
    if sample <= 1:
        return
    import zlib

    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        row = callspec.params.get("row") if callspec is not None else None
        name = getattr(row, "name", None)
        if item.path.name == "test_spec_rows.py" and name and zlib.crc32(name.encode()) % sample:
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# The environment as the session began. Starting R inside a test process (rpy2) rewrites
# variables with R's values (LD_LIBRARY_PATH gains /usr/lib/x86_64-linux-gnu, R_LIBS_SITE, ...);
# a later test's subprocess inheriting them starts a pyenv Python that loads Debian's libraries
# (`import _ssl` then fails). Every test ends with the variables it did not set back as they were.
_SESSION_ENV = dict(os.environ)


@pytest.fixture(autouse=True)
def _environment_as_it_was() -> Iterator[None]:
    before = dict(os.environ)
    yield
    for key, value in list(os.environ.items()):
        if key in before and before[key] == value:
            continue
        if key in _SESSION_ENV:
            os.environ[key] = _SESSION_ENV[key]
        elif key not in before:
            del os.environ[key]
    for key, value in _SESSION_ENV.items():
        os.environ.setdefault(key, value)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_KERAS_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (the folder holding pyproject.toml)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The offline dataset folder (``RKERAS_DATA_DIR``); skips the test when it is missing."""
    value = os.environ.get("RKERAS_DATA_DIR")
    path = Path(value) if value else _default_data
    if not path.is_dir():
        pytest.skip(f"shared data folder not found: {path} (set RKERAS_DATA_DIR)")
    return path
