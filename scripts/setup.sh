#!/usr/bin/env bash
# Set up everything rkeras needs on Debian 12, idempotently:
#   1. apt packages (R 4.2, its headers, testthat, magrittr; Python venv support if needed),
#      installed only when missing;
#   2. the virtual environment .venv with `pip install -e .[dev,jax,notebook]`, skipped when the stamp
#      file is newer than pyproject.toml and the checks below pass;
#   3. checks of what was installed (imports, R, R packages), not of pip's exit status.
# A second run is a quick no-op. Environment:
#   PYTHON=/path/to/python3   interpreter for a new venv (default: python3.11, else python3)
#   RKERAS_SETUP_FORCE=1      reinstall into the venv even when the stamp is fresh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
VPY="$VENV/bin/python"
STAMP="$VENV/.rkeras-setup-stamp"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# One setup at a time (several people or make targets may run it at once).
if command -v flock >/dev/null 2>&1; then
    exec 9>"$ROOT/.setup.lock"
    flock 9
fi

# ---------------------------------------------------------------- Python for the venv
python_ok() {  # a Python >= 3.10 that can make venvs with pip
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1
}
pick_python() {
    local cand
    for cand in ${PYTHON:-} python3.11 python3; do
        if command -v "$cand" >/dev/null 2>&1 && python_ok "$cand"; then
            command -v "$cand"; return 0
        fi
    done
    return 1
}

# ---------------------------------------------------------------- 1. apt packages
APT_REQUIRED=(r-base-core r-base-dev r-cran-magrittr r-cran-testthat
              # R as the host: library(rkeras) in Rscript/R starts Python through reticulate;
              # knitr renders Rmd files (the R-as-host tests knit one)
              r-cran-reticulate r-cran-knitr
              # keras3's own dependencies: zeallot's %<-% (re-exported), R6 (keras 2.x's KerasLayer & co)
              r-cran-zeallot r-cran-r6
              # rpy2's C extension links against these (r-base-dev normally brings them)
              gcc libpcre2-dev liblzma-dev libbz2-dev zlib1g-dev libicu-dev libtirpc-dev)
APT_OPTIONAL=(r-cran-ggplot2)

venv_usable() { [ -x "$VPY" ] && "$VPY" -c 'import sys' >/dev/null 2>&1; }
if venv_usable; then BUILD_PY="$VPY"; else BUILD_PY="$(pick_python || true)"; fi
if [ -z "$BUILD_PY" ]; then
    # No usable Python (a bare Debian image): Debian's own, with venv support and headers.
    APT_REQUIRED+=(python3 python3-venv python3-dev)
elif ! "$BUILD_PY" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null \
        && [ "$("$BUILD_PY" -c 'import sys; print(sys.base_prefix)')" = /usr ]; then
    APT_REQUIRED+=(python3-dev)  # Debian's Python without headers: rpy2's cffi extension needs them
fi

installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]; }
missing=()
for p in "${APT_REQUIRED[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing system packages (${missing[*]}) and no apt-get: \
this setup script supports Debian 12; install R >= 4.2 with headers, testthat and magrittr by hand"
    SUDO=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install: ${missing[*]}"
        SUDO=(sudo)
    fi
    # Wait for another apt/dpkg run (e.g. unattended upgrades) instead of failing on its lock.
    for _ in $(seq 1 120); do
        pgrep -x apt-get >/dev/null 2>&1 || pgrep -x dpkg >/dev/null 2>&1 || break
        say "waiting for another apt-get/dpkg to finish..."; sleep 5
    done
    for p in "${APT_OPTIONAL[@]}"; do installed "$p" || missing+=("$p"); done
    say "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -q </dev/null || die "apt-get update failed"
    if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null; then
        say "install with optional packages failed; retrying with required ones only"
        req=()
        for p in "${APT_REQUIRED[@]}"; do installed "$p" || req+=("$p"); done
        "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${req[@]}" </dev/null \
            || die "apt-get install ${req[*]} failed"
    fi
fi
for p in "${APT_OPTIONAL[@]}"; do
    installed "$p" || say "note: optional $p is not installed (plot() of a history in R falls back to base graphics)"
done

# ---------------------------------------------------------------- 3. checks (used twice)
check_system() {
    local ok=0
    command -v R >/dev/null 2>&1 && R --version >/dev/null 2>&1 \
        || { echo "setup: ERROR: 'R --version' failed: is r-base-core installed?" >&2; ok=1; }
    Rscript -e 'suppressPackageStartupMessages({library(testthat); library(magrittr)})' >/dev/null 2>&1 \
        || { echo "setup: ERROR: R packages testthat/magrittr do not load (apt: r-cran-testthat r-cran-magrittr)" >&2; ok=1; }
    Rscript -e 'suppressPackageStartupMessages({library(reticulate); library(knitr)})' >/dev/null 2>&1 \
        || { echo "setup: ERROR: R packages reticulate/knitr do not load (apt: r-cran-reticulate r-cran-knitr)" >&2; ok=1; }
    Rscript -e 'suppressPackageStartupMessages({library(zeallot); library(R6)})' >/dev/null 2>&1 \
        || { echo "setup: ERROR: R packages zeallot/R6 do not load (apt: r-cran-zeallot r-cran-r6)" >&2; ok=1; }
    return $ok
}
# $1 = full: really import keras, tensorflow and jax (5-6 s); quick: only locate them.
check_venv() {
    venv_usable || { echo "setup: ERROR: $VPY does not run" >&2; return 1; }
    TF_CPP_MIN_LOG_LEVEL=2 "$VPY" - "$1" "$ROOT" <<'PYEOF'
import importlib.metadata as md
import importlib.util
import sys
from pathlib import Path

mode, root = sys.argv[1], Path(sys.argv[2])
problems = []
try:
    import rpy2
    import rpy2.robjects  # noqa: F401  (starts embedded R)
    if not rpy2.__version__.startswith("3.5."):
        problems.append(f"rpy2 {rpy2.__version__} installed; rkeras needs rpy2>=3.5.17,<3.6 on R 4.2")
except Exception as exc:  # ImportError, cffi errors, R start failures
    problems.append(f"import rpy2.robjects failed: {type(exc).__name__}: {exc}")
for mod in ("keras", "tensorflow", "jax", "pytest", "xdist", "numpy", "hypothesis", "IPython", "ipykernel",
            "nbclient", "nbformat"):
    try:
        if mode == "full":
            __import__(mod)
        elif importlib.util.find_spec(mod) is None:
            raise ImportError(f"No module named {mod!r}")
    except Exception as exc:
        problems.append(f"import {mod} failed: {type(exc).__name__}: {exc}")
try:
    md.version("rkeras")
    spec = importlib.util.find_spec("rkeras")
    where = Path(spec.submodule_search_locations[0]).resolve() if spec else None
    if where != (root / "rkeras").resolve():
        problems.append(f"rkeras resolves to {where}, not this checkout (editable install missing?)")
except md.PackageNotFoundError:
    problems.append("rkeras is not installed in the venv (pip install -e .[dev])")
for p in problems:
    print("setup: ERROR:", p, file=sys.stderr)
sys.exit(1 if problems else 0)
PYEOF
}

check_system || die "system check failed (see above)"

# ---------------------------------------------------------------- 2. venv + pip install
if [ -z "${RKERAS_SETUP_FORCE:-}" ] && [ -f "$STAMP" ] && [ "$STAMP" -nt pyproject.toml ] \
        && check_venv quick 2>/dev/null; then
    say "up to date (.venv; delete $STAMP or set RKERAS_SETUP_FORCE=1 to reinstall)"
    exit 0
fi

if ! venv_usable; then
    PY="$(pick_python)" || die "no Python >= 3.10 with venv/ensurepip found (apt-get install python3-venv)"
    say "creating .venv with $PY ($("$PY" --version 2>&1))"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV" || die "python -m venv failed"
fi
"$VPY" -m pip --version >/dev/null 2>&1 || "$VPY" -m ensurepip --upgrade >/dev/null \
    || die "pip is not available in .venv"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
say "pip install -e .[dev,jax,notebook] (first run downloads TensorFlow and JAX: a few minutes)"
"$VPY" -m pip install -q --upgrade pip setuptools wheel
# rpy2 3.6.x installs but cannot import on R 4.2; pyproject pins <3.6, and an rpy2 3.6 left over
# from an earlier install is split into rpy2-rinterface/rpy2-robjects: remove those first.
if "$VPY" -m pip show -q rpy2-rinterface >/dev/null 2>&1; then
    "$VPY" -m pip uninstall -y -q rpy2 rpy2-rinterface rpy2-robjects
fi
"$VPY" -m pip install -q -e ".[dev,jax,notebook]" || die "pip install -e .[dev,jax,notebook] failed (see above)"

say "checking the installation (imports keras, tensorflow, jax, rpy2.robjects)"
check_venv full || die "the venv does not work (see above); fix it, then run 'make setup' again"
touch "$STAMP"
"$VPY" - <<'PYEOF'
import importlib.metadata as md

found = []
for dist in ("rkeras", "rpy2", "keras", "tensorflow-cpu", "tensorflow", "jax", "numpy"):
    try:
        found.append(f"{dist} {md.version(dist)}")
    except md.PackageNotFoundError:
        pass
print("setup: ok:", ", ".join(found))
PYEOF
R --version | head -n 1
