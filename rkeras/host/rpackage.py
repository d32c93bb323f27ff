"""The R package ``rkeras`` on disk: its files, R names, and the private library the host installs.

* :func:`package_files` / :func:`stage`: which files make up the R package (DESCRIPTION,
  NAMESPACE, R/, man/) and copying them for ``R CMD build``/``INSTALL``;
* :func:`alias_package`: the tiny ``keras``/``keras3``/``kerasR``/``tensorflow``/``tfdatasets``
  packages that load rkeras;
* :func:`ensure_library`: the private R library holding rkeras and the aliases, (re)installed offline when
  the sources change, first on ``.libPaths()`` in the host.

Imports nothing heavy (no rpy2, no Keras): the codegen tool uses it too.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import RKerasError

# library(tensorflow) gives the tensorflow R package's `tf`, tf_version(), tf_function() (rkeras's, as all
# of rkeras: the real package needs reticulate, which cannot run inside the host); library(tfdatasets)
# its dataset_*() basics
ALIAS_PACKAGES = ("keras", "keras3", "kerasR", "tensorflow", "tfdatasets")

def repo_root() -> Path:
    """The repository root (holding DESCRIPTION and R/) when running from a checkout."""
    return Path(__file__).resolve().parents[2]


def packaged_root() -> Path:
    """The R package sources shipped inside the Python package (``rkeras/_rpkg``, made by the
    wheel build: see setup.py)."""
    return Path(__file__).resolve().parents[1] / "_rpkg"


PYTHON_RECORD = "python.txt"  # in the installed R package: the python its .onLoad starts


_SYNTACTIC = re.compile(r"^(?:[A-Za-z]|\.[A-Za-z._])[A-Za-z0-9._]*$|^\.$")
_R_RESERVED = set("if else repeat while function for next break TRUE FALSE NULL Inf NaN NA NA_integer_ "
                  "NA_real_ NA_character_ NA_complex_ in".split())

def r_name(name: str) -> str:
    """``name`` as an R symbol (backquoted when not syntactic)."""
    if _SYNTACTIC.match(name) and name not in _R_RESERVED:
        return name
    return "`" + name.replace("`", "\\`") + "`"


def ns_name(name: str) -> str:
    """``name`` as written in NAMESPACE directives."""
    if _SYNTACTIC.match(name) and name not in _R_RESERVED:
        return name
    return '"' + name.replace('"', '\\"') + '"'


# ----------------------------------------------------------------------------- the R package on disk

PACKAGE_FILES = ("DESCRIPTION", "NAMESPACE", "LICENSE", ".Rbuildignore")
PACKAGE_DIRS = ("R", "man")


def package_files(root: Path | None = None, *, with_tests: bool = False) -> list[Path]:
    """The files that make up the R package, relative to ``root``."""
    root = root or repo_root()
    files = [Path(name) for name in PACKAGE_FILES if (root / name).is_file()]
    dirs = list(PACKAGE_DIRS) + (["tests/testthat"] if with_tests else [])
    for d in dirs:
        files += sorted(p.relative_to(root) for p in (root / d).glob("*") if p.is_file() and
                        not p.name.startswith(".") and p.suffix in (".R", ".Rd", ".r", ".txt", ".md"))
    if with_tests and (root / "tests" / "testthat.R").is_file():
        files.append(Path("tests/testthat.R"))
    return files


def stage(dest: Path, root: Path | None = None, *, with_tests: bool = False) -> Path:
    """Copy the R package (only its own files) to ``dest``; returns ``dest``."""
    root = root or repo_root()
    for rel in package_files(root, with_tests=with_tests):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / rel, target)
    return dest


def description_field(text: str, field_name: str) -> str | None:
    m = re.search(rf"^{re.escape(field_name)}:\s*(.+)$", text, re.MULTILINE)
    return m.group(1).strip() if m else None


def namespace_exports(namespace_text: str) -> list[str]:
    """The names in ``export(...)`` directives of a NAMESPACE file."""
    names: list[str] = []
    for m in re.finditer(r"^export\((.+)\)\s*$", namespace_text, re.MULTILINE):
        for part in m.group(1).split(","):
            names.append(part.strip().strip('"').strip("`"))
    return names


# What an alias package defines itself, beyond re-exporting rkeras: the tensorflow R package's `tf`
# object (the TensorFlow module; its `$` is rkeras's rkeras_module method). rkeras does not export
# it: keras3 does not, and scripts attach rkeras (a `tf` of their own must stay undefined there).
ALIAS_OBJECTS = {
    "tensorflow": {"tf": 'structure(list(module = "tensorflow"), class = "rkeras_module")'},
}


def alias_package(name: str, version: str, exports: Sequence[str]) -> dict[str, str]:
    """A tiny package ``name`` that loads rkeras and re-exports all of it (``library(keras3)``),
    plus the objects :data:`ALIAS_OBJECTS` gives it."""
    author = 'person("rkeras", "authors", role = c("aut", "cre"), email = "rkeras@example.org")'
    description = (f"Package: {name}\nType: Package\nTitle: 'rkeras' Under the Name '{name}'\n"
                   f"Version: {version}\nAuthors@R: {author}\n"
                   f"Description: Makes library({name}) load 'rkeras', which implements the '{name}' R "
                   "interface to 'Keras' inside the 'rkeras' host.\n"
                   "License: MIT\nImports: rkeras\nEncoding: UTF-8\n")
    own = ALIAS_OBJECTS.get(name, {})
    lines = [f"# GENERATED by rkeras.codegen: the {name} alias of rkeras.", "import(rkeras)"]
    lines += [f"export({ns_name(n)})" for n in dict.fromkeys([*exports, *own])]
    files = {"DESCRIPTION": description, "NAMESPACE": "\n".join(lines) + "\n"}
    if own:
        body = "".join(f"{r_name(n)} <- {value}\n" for n, value in own.items())
        head = f"# GENERATED by rkeras: what the {name} alias of rkeras defines itself.\n"
        files["R/objects.R"] = head + body
    return files



# ----------------------------------------------------------------------------- the private R library


def cache_dir() -> Path:
    """Where rkeras keeps its R library: ``$RKERAS_CACHE_DIR``, else ``$XDG_CACHE_HOME/rkeras``."""
    env = os.environ.get("RKERAS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rkeras"


def _is_source(root: Path) -> bool:
    return (root / "DESCRIPTION").is_file() and (root / "R").is_dir() and (root / "NAMESPACE").is_file()


def r_source_root() -> Path:
    """The folder holding the R package sources (DESCRIPTION, R/, NAMESPACE): ``$RKERAS_R_SOURCE``,
    else the checkout, else the copy in the installed Python package."""
    env = os.environ.get("RKERAS_R_SOURCE")
    if env:
        if not _is_source(Path(env)):
            raise RKerasError(f"RKERAS_R_SOURCE={env} does not hold the rkeras R package (DESCRIPTION, "
                              "NAMESPACE and R/)")
        return Path(env)
    for root in (repo_root(), packaged_root()):
        if _is_source(root):
            return root
    raise RKerasError(
        f"the rkeras R package sources are neither in a checkout ({repo_root()}) nor in the installed "
        f"Python package ({packaged_root()}: a wheel built without them?); set RKERAS_R_SOURCE to "
        "the folder holding DESCRIPTION, NAMESPACE and R/"
    )


def _r_binary() -> str:
    home = os.environ.get("R_HOME")
    if home and (Path(home) / "bin" / "R").exists():
        return str(Path(home) / "bin" / "R")
    found = shutil.which("R")
    if not found:
        raise RKerasError("R is not installed (no `R` on PATH)")
    return found


def library_key(root: Path, r_version: str) -> str:
    """A hash of everything the installed packages depend on (the recorded Python included)."""
    from .. import __version__

    digest = hashlib.sha256()
    digest.update(f"rkeras {__version__}\n{r_version}\nalias-format 3\n{sys.executable}\n".encode())
    for rel in package_files(root):
        digest.update(str(rel).encode() + b"\0" + (root / rel).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def ensure_library(r_version: str, root: Path | None = None, *, quiet: bool = True) -> Path:
    """The private library holding rkeras and its alias packages; (re)installs when stale.

    Installs are offline (``R CMD INSTALL`` of local sources), go to a temporary
    folder and are renamed into place, under a file lock: concurrent hosts are safe.
    """
    root = root or r_source_root()
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    lib = cache / f"Rlib-{library_key(root, r_version)}"
    stamp = lib / ".complete"
    if stamp.exists():
        return lib
    with open(cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stamp.exists():
            return lib
        work = Path(tempfile.mkdtemp(prefix="install-", dir=cache))
        try:
            (work / "lib").mkdir()
            _install_packages(root, work / "src", work / "lib", quiet=quiet, python=sys.executable)
            (work / "lib" / ".complete").write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
            if lib.exists():
                shutil.rmtree(lib)
            (work / "lib").rename(lib)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        _remove_old_libraries(cache, keep=lib)
    return lib


def _install_packages(root: Path, src: Path, lib: Path, *, quiet: bool, python: str | None,
                      aliases: Sequence[str] = ALIAS_PACKAGES) -> None:
    """``R CMD INSTALL`` rkeras (recording ``python``) and ``aliases`` from ``root`` into ``lib``,
    staging them in ``src``."""
    stage(src / "rkeras", root)
    if python:
        record = src / "rkeras" / "inst" / PYTHON_RECORD
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(python + "\n", encoding="utf-8")
    exports = namespace_exports((root / "NAMESPACE").read_text(encoding="utf-8"))
    description = (root / "DESCRIPTION").read_text(encoding="utf-8")
    version = description_field(description, "Version") or "0.0.0"
    for alias in aliases:
        for rel, text in alias_package(alias, version, exports).items():
            path = src / alias / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    env = dict(os.environ, R_LIBS=str(lib))
    cmd = [
        _r_binary(),
        "CMD",
        "INSTALL",
        "--no-test-load",
        "--no-html",  # the text help (`?layer_dense`) is installed; HTML pages are not needed
        "--no-multiarch",
        "--no-staged-install",
        f"--library={lib}",
        str(src / "rkeras"),
        *(str(src / a) for a in aliases),
    ]
    if not quiet:
        names = ", ".join(("rkeras", *aliases))
        print(f"rkeras: installing the R packages {names} into {lib}", file=sys.stderr)
    proc = subprocess.run(
        cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL
    )
    if proc.returncode != 0:
        raise RKerasError(f"installing the rkeras R packages failed ({' '.join(cmd)}):\n{proc.stdout}")


def _remove_old_libraries(cache: Path, keep: Path, max_age_s: float = 7 * 86400) -> None:
    now = time.time()
    for old in cache.glob("Rlib-*"):
        if old != keep and now - old.stat().st_mtime > max_age_s:
            shutil.rmtree(old, ignore_errors=True)


def user_library() -> Path:
    """R's user library (``R_LIBS_USER``, as R expands it)."""
    proc = subprocess.run([_r_binary(), "--vanilla", "--slave", "-e",
                           'cat(path.expand(Sys.getenv("R_LIBS_USER")))'],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    path = proc.stdout.strip()
    if proc.returncode != 0 or not path:
        raise RKerasError(f"could not ask R for R_LIBS_USER: {proc.stderr.strip()}")
    return Path(path)


def install_r(lib: Path | None = None, *, python: str | None = None, aliases: bool = True,
              quiet: bool = False) -> Path:
    """Install rkeras (and, with ``aliases``, keras/keras3/kerasR/tensorflow) into ``lib`` (default: R's user
    library, created if missing), recording ``python`` (default: this interpreter) as the Python
    that ``library(rkeras)`` starts in plain R. Returns the library."""
    lib = Path(lib) if lib is not None else user_library()
    lib.mkdir(parents=True, exist_ok=True)
    root = r_source_root()
    with tempfile.TemporaryDirectory(prefix="rkeras-install-r-") as tmp:
        _install_packages(root, Path(tmp) / "src", lib, quiet=quiet, python=python or sys.executable,
                          aliases=ALIAS_PACKAGES if aliases else ())
    return lib
