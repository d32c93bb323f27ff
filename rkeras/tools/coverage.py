"""How much of the R Keras APIs rkeras provides: ``python -m rkeras.coverage``.

A name from an R package's export list counts as *provided* when a spec row
(:func:`rkeras.spec.all_rows`) has that name, or when the R package's hand-written
files (``R/*.R``, ``# @export`` tags: S3-generic helpers, re-exports such as
``%>%`` and ``%<-%``) export it; those are counted apart ("of which R only"),
since Python users do not get them. That includes the names Keras 3
removed (rows with a ``removed`` column, e.g. ``multi_gpu_model``): the
function exists and its error names what to use instead; the report counts
them separately ("of which removed in Keras 3"). The export lists live in
``../shared/reference/{keras3,keras2,kerasR}-exports.txt``; set
``RKERAS_SHARED_DIR`` (the folder that holds ``reference/``) to read them
from elsewhere. Copies ship with the package (``rkeras/tools/reference/``), so an
installed wheel works without the checkout. This module reads the spec only: it never imports Keras.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path

# Families, recognised by name prefix (checked in this order); the rest is "other".
FAMILIES: tuple[str, ...] = (
    "layer", "optimizer", "loss", "metric", "callback", "initializer", "regularizer",
    "constraint", "activation", "dataset", "op", "application", "k", "other",
)
# The families the R-style Python API is expected to cover almost completely.
CORE_FAMILIES: tuple[str, ...] = (
    "layer", "optimizer", "loss", "metric", "callback", "initializer", "regularizer",
    "constraint", "activation", "dataset",
)
EXPORT_LISTS: dict[str, str] = {
    "keras3": "keras3-exports.txt",
    "keras2": "keras2-exports.txt",
    "kerasR": "kerasR-exports.txt",
}


def family_of(name: str) -> str:
    """The family of an R name, by prefix (``layer_dense`` -> ``layer``)."""
    for family in FAMILIES[:-1]:
        if name.startswith(family + "_"):
            return family
    return "other"


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def coverage(
    names: Sequence[str],
    provided: set[str],
    families: Iterable[str] | None = None,
    removed: set[str] | None = None,
) -> dict:
    """Count which of ``names`` are in ``provided``, overall and by family.

    Duplicates in ``names`` count once; order is kept. ``families`` restricts
    the count to those families. ``removed``: the provided names that only
    raise "removed in Keras 3" (counted as provided, and listed). Returns::

        {"total": int, "provided": int, "percent": float, "missing": [names],
         "removed": [names], "families": {family: {"total", "provided", "percent", "missing"}}}

    ``families`` in the result lists only families that have names, in
    :data:`FAMILIES` order. An empty selection is 100 % covered.
    """
    wanted = set(families) if families is not None else None
    by_family: dict[str, dict] = {}
    seen: set[str] = set()
    gone = removed or set()
    gone_names: list[str] = []
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        family = family_of(name)
        if wanted is not None and family not in wanted:
            continue
        entry = by_family.setdefault(family, {"total": 0, "provided": 0, "missing": []})
        entry["total"] += 1
        if name in provided:
            entry["provided"] += 1
            if name in gone:
                gone_names.append(name)
        else:
            entry["missing"].append(name)
    fams = {f: by_family[f] for f in FAMILIES if f in by_family}
    for entry in fams.values():
        entry["percent"] = _percent(entry["provided"], entry["total"])
    total = sum(e["total"] for e in fams.values())
    got = sum(e["provided"] for e in fams.values())
    return {
        "total": total,
        "provided": got,
        "percent": _percent(got, total),
        "missing": [n for e in fams.values() for n in e["missing"]],
        "removed": gone_names,
        "families": fams,
    }


def reference_dir() -> Path | None:
    """The folder with the ``*-exports.txt`` lists, or None when not found."""
    candidates: list[Path] = []
    env = os.environ.get("RKERAS_SHARED_DIR")
    if env:
        candidates += [Path(env) / "reference", Path(env)]
    candidates.append(Path(__file__).resolve().parents[3] / "shared" / "reference")
    candidates.append(Path(__file__).resolve().parent / "reference")  # the copies in the package
    for cand in candidates:
        if any((cand / fname).is_file() for fname in EXPORT_LISTS.values()):
            return cand
    return None


def read_exports(path: Path) -> list[str]:
    """Names in an export list: one a line; blank lines and ``#`` comments skipped."""
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.append(line)
    return names


def provided_names() -> set[str]:
    """Every name the spec has a row for."""
    from rkeras.spec import all_rows

    return {row.name for row in all_rows()}


def r_only_names() -> set[str]:
    """Names the R package's hand-written files export (``# @export`` tags) that no spec row has;
    empty when the R sources are not found (an installed wheel without them)."""
    from rkeras.host.rpackage import r_source_root
    from rkeras.tools.codegen import scan_handwritten

    try:
        root = r_source_root()
    except Exception:  # noqa: BLE001 - no R sources: count the spec only
        return set()
    return set(scan_handwritten(root / "R").exports)


def removed_names() -> set[str]:
    """The names whose rows say "removed in Keras 3" (provided: they raise an error naming the
    replacement)."""
    from rkeras.spec import all_rows

    return {row.name for row in all_rows() if row.removed is not None}


def _wrap(names: list[str], indent: str = "    ", width: int = 100) -> str:
    return textwrap.fill(" ".join(names), width=width, initial_indent=indent,
                         subsequent_indent=indent, break_on_hyphens=False, break_long_words=False)


def report(label: str, fname: str, result: dict, core: dict | None, show_missing: bool) -> str:
    out = [f"{label}: {result['provided']}/{result['total']} names provided "
           f"({result['percent']:.1f}%) from {fname}"]
    if result["removed"]:
        out.append(f"  of which removed in Keras 3: {len(result['removed'])} (they exist; calling one raises "
                   "an error that names the replacement):")
        out.append(_wrap(result["removed"]))
    if result.get("r_only"):
        out.append(f"  of which R only: {len(result['r_only'])} "
                   "(hand-written R exports, not in the Python API):")
        out.append(_wrap(result["r_only"]))
    if core is not None and core["total"]:
        out.append(f"  core families ({', '.join(CORE_FAMILIES)}): "
                   f"{core['provided']}/{core['total']} ({core['percent']:.1f}%)")
    out.append(f"  {'family':<12} {'provided':>8} {'total':>6} {'%':>7}")
    for family, entry in result["families"].items():
        out.append(f"  {family:<12} {entry['provided']:>8} {entry['total']:>6} {entry['percent']:>6.1f}%")
    if show_missing:
        for family, entry in result["families"].items():
            if entry["missing"]:
                out.append(f"  missing {family} ({len(entry['missing'])}):")
                out.append(_wrap(entry["missing"]))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m rkeras.coverage",
        description="How many names of the R Keras packages rkeras provides (from the spec).")
    parser.add_argument("--family", action="append", choices=FAMILIES, metavar="FAMILY",
                        help=f"only this family (repeatable): {', '.join(FAMILIES)}")
    parser.add_argument("--package", action="append", choices=list(EXPORT_LISTS),
                        help="only this R package's list (repeatable)")
    parser.add_argument("--missing", action="store_true",
                        help="print only the missing names, one a line (for scripts)")
    parser.add_argument("--no-missing", action="store_true", help="counts only, no missing names")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args(argv)

    ref = reference_dir()
    if ref is None:
        print("rkeras.coverage: export lists not found; set RKERAS_SHARED_DIR to the folder "
              "that holds reference/keras3-exports.txt", file=sys.stderr)
        return 2
    spec_names = provided_names()
    r_only = r_only_names() - spec_names
    provided = spec_names | r_only
    removed = removed_names()
    packages = args.package or list(EXPORT_LISTS)
    results: dict[str, dict] = {}
    texts = []
    for label in packages:
        path = ref / EXPORT_LISTS[label]
        if not path.is_file():
            print(f"rkeras.coverage: {path} is missing, skipped", file=sys.stderr)
            continue
        names = read_exports(path)
        result = coverage(names, provided, args.family, removed)
        result["r_only"] = [n for n in dict.fromkeys(names) if n in r_only
                            and (args.family is None or family_of(n) in args.family)]
        core = coverage(names, provided, CORE_FAMILIES, removed) if args.family is None else None
        results[label] = {"all": result, "core": core}
        if args.missing:
            texts.extend(f"{label} {name}" for name in result["missing"])
        else:
            texts.append(report(label, EXPORT_LISTS[label], result, core, not args.no_missing))
    if args.json:
        print(json.dumps(results, indent=1))
    elif args.missing:
        print("\n".join(texts))
    else:
        print(f"rkeras: {len(spec_names)} spec names + {len(r_only)} R-only exports; "
              f"export lists from {ref}\n")
        print("\n\n".join(texts))
    return 0 if results else 2


if __name__ == "__main__":
    sys.exit(main())
