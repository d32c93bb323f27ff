"""Build hook only (the project is described in pyproject.toml): a wheel carries the R package
(DESCRIPTION, NAMESPACE, LICENSE, R/, man/) under ``rkeras/_rpkg``, where
``rkeras.host.rpackage`` finds it when rkeras does not run from a checkout. Editable installs
skip the copy: they use the checkout itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
R_PACKAGE_FILES = ("DESCRIPTION", "NAMESPACE", "LICENSE", ".Rbuildignore")
R_PACKAGE_DIRS = {"R": (".R",), "man": (".Rd",)}


class BuildPyWithRPackage(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        dest = Path(self.build_lib) / "rkeras" / "_rpkg"
        if dest.exists():
            shutil.rmtree(dest)
        for name in R_PACKAGE_FILES:
            if (ROOT / name).is_file():
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ROOT / name, dest / name)
        for folder, suffixes in R_PACKAGE_DIRS.items():
            for path in sorted((ROOT / folder).glob("*")):
                if path.is_file() and path.suffix in suffixes:
                    (dest / folder).mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, dest / folder / path.name)


setup(cmdclass={"build_py": BuildPyWithRPackage})
