"""The generated help pages: one per exported wrapper, whose \\usage and \\arguments cover exactly
the wrapper's formals, with content from the Keras docstrings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rkeras.api.docs import parse_docstring
from rkeras.host import rpackage
from rkeras.tools.codegen.rd import rd_text

_FORMALS = re.compile(r"^(`?[^\s`]+`?) <- function\((.*)\) \{$", re.MULTILINE)


def _wrappers(root: Path) -> dict[str, list[str]]:
    """Exported wrapper -> its formal names, read back from R/gen_*.R."""
    from rkeras.tools.codegen.formals import parse_formals

    out = {}
    for path in sorted((root / "R").glob("gen_*.R")):
        for m in _FORMALS.finditer(path.read_text(encoding="utf-8")):
            out[m.group(1).strip("`")] = [f.name for f in parse_formals(m.group(2))]
    return out


def _pages(root: Path) -> dict[str, str]:
    pages = {}
    for path in (root / "man").glob("*.Rd"):
        text = path.read_text(encoding="utf-8")
        for alias in re.findall(r"^\\alias\{(.+)\}$", text, re.MULTILINE):
            alias = alias.replace("\\%", "%")
            assert alias not in pages, f"duplicated alias {alias}"
            pages[alias] = text
    return pages


def _items(page: str) -> list[str]:
    block = page.split("\\arguments{", 1)[1].split("\n}\n", 1)[0] if "\\arguments{" in page else ""
    return ["..." if n == "\\dots" else n.strip("`") for n in re.findall(r"^\\item\{([^}]*)\}", block, re.M)]


def test_every_export_has_a_page_documenting_exactly_its_formals(repo_root: Path) -> None:
    wrappers = _wrappers(repo_root)
    pages = _pages(repo_root)
    exports = rpackage.namespace_exports((repo_root / "NAMESPACE").read_text(encoding="utf-8"))
    assert len(wrappers) > 400
    assert set(exports) <= set(pages)
    for name, formals in wrappers.items():
        assert _items(pages[name]) == formals, name
        usage = pages[name].split("\\usage{", 1)[1].split("\n}\n", 1)[0]
        assert usage.strip().startswith(f"{rpackage.r_name(name)}("), name


def test_layer_dense_page_content(repo_root: Path) -> None:
    page = (repo_root / "man" / "layer_dense.Rd").read_text(encoding="utf-8")
    units = re.search(r"^\\item\{units\}\{(.*)\}$", page, re.M)
    assert units and "dimensionality of the output space" in units.group(1)
    assert "\\item{object}{The model or tensor to compose with; if missing, the layer is returned.}" in page
    assert "\\item{\\dots}{Further arguments passed to Keras.}" in page
    assert "\\title{Just your regular densely-connected NN layer}" in page


def test_deliberate_differences_are_noted(repo_root: Path) -> None:
    assert "overwrite = TRUE" in (repo_root / "man" / "save_model.Rd").read_text(encoding="utf-8")
    assert "no-op" in (repo_root / "man" / "install_keras.Rd").read_text(encoding="utf-8")
    assert "\\alias{rkeras-package}" in (repo_root / "man" / "rkeras-package.Rd").read_text(encoding="utf-8")


def test_parse_google_docstring() -> None:
    doc = parse_docstring('''Adds things.

    More text with `code`.

    Args:
        units: Positive integer,
            dimensionality of the output space.
        rate (float): A rate.

    Returns:
        The sum.

    Example:

    >>> add(1)
    ''')
    assert doc.title == "Adds things."
    assert doc.args == {"units": "Positive integer, dimensionality of the output space.", "rate": "A rate."}
    assert doc.returns == "The sum."


@pytest.mark.parametrize(("md", "rd"), [
    ("50% of `x`", "50\\% of \\code{x}"),
    ("a {b} \\c", "a \\{b\\} \\\\c"),
    ('one of `"log"`, `"magnitude`"', "one of \\code{\"log\"}, 'magnitude'\""),
    ("see [Keras](https://keras.io)", "see Keras"),
])
def test_rd_text_escapes(md: str, rd: str) -> None:
    assert rd_text(md) == rd


def test_python_docstrings_list_the_arguments() -> None:
    import rkeras

    doc = rkeras.layer_dense.__doc__
    assert "units: Positive integer, dimensionality of the output space." in doc
    assert "keras.layers.Dense" in doc and "Sequential" in doc
    assert "to_categorical" in rkeras.to_categorical.__doc__
