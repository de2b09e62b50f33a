"""Figures for every tree of the shared corpus, and the table the corpus tests pin them in.

    python -m generator.devtools.corpus [--corpus DIR] [--expected | --write-expected FILE] [TREE ...]

prints one row per tree; with --expected, also the `EXPECTED` literal the corpus tests pin; with
--write-expected tests/corpus/expected.py, rewrites that literal in place (between its BEGIN/END markers).
After an extraction change, refresh and review the diff: every moved number should be explainable.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build.pipeline import BuildResult, build_and_check
from generator.core.codes import PINNED
from generator.core.config import REPO_ROOT, default_service
from generator.core.model import Diagnostic
from generator.report.as_text import format_table
from generator.report.census import census_of
from generator.report.model import Coverage
from generator.report.reconcile import problems

# OTC_APIGEN_CORPUS points elsewhere (CI layouts; tests proving a missing corpus fails loudly).
CORPUS = Path(os.environ.get("OTC_APIGEN_CORPUS") or REPO_ROOT.parent / "shared" / "corpus")

# The diagnostic codes whose counts are pinned per tree: the ones that say something was lost or guessed.
MAIN_CODES = PINNED


@dataclass
class TreeBuild:
    tree: str
    result: BuildResult
    findings: list[Diagnostic]  # what generator.build.check.document.check(spec) found
    spec_valid: bool
    coverage: Coverage


def trees(corpus: Path = CORPUS) -> list[str]:
    return sorted(p.name for p in corpus.iterdir() if p.is_dir() and "@" in p.name) if corpus.is_dir() else []


def manifest(corpus: Path = CORPUS) -> dict[str, int]:
    """tree -> API pages according to MANIFEST.tsv (the corpus' own count of operation pages)."""
    path = corpus / "MANIFEST.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {f"{r['service']}@{r['commit']}": int(r["api_pages"]) for r in csv.DictReader(fh, delimiter="\t")}


def build_tree(tree: str, corpus: Path = CORPUS) -> TreeBuild:
    service = default_service(tree.split("@", 1)[0])
    built = build_and_check(corpus / tree, service)
    # not verified here: a tree whose counters do not add up must fail its own test, not every test of the tree
    cov = census_of(built)
    result, findings, valid = built.result, built.findings.diagnostics, built.valid
    return TreeBuild(tree, result, findings, valid, cov)


def figures(cov: Coverage) -> dict[str, Any]:
    """What tests/corpus/expected.py pins for one tree."""
    by_code = cov.by_code()
    r, e = cov.rows, cov.examples
    return {
        "api_pages": len(cov.api_pages),
        "api_pages_with_operations": cov.api_pages_with_operations,
        "operations": cov.operations_in_spec,
        "rows": r.total,
        "rows_resolved": r.resolved,
        "rows_unknown_type": r.unknown_type,
        "rows_failed": r.failed,
        "examples": e.total,
        "examples_invalid": e.invalid,
        "examples_unparseable": e.unparseable,
        "codes": {c: sum(by_code.get(c, {}).values()) for c in MAIN_CODES},
    }


_COLUMNS = ["tree", "pages", "API", "API+op", "ops", "rows", "resolved", "unknown", "failed", "ex", "valid",
            "invalid", "unchecked", "unparse", "defects", "errors", "warnings", "info", "valid spec", "adds up"]


def table_row(tb: TreeBuild, manifest_api: int | None) -> list[str | int]:
    cov = tb.coverage
    r, e, sev = cov.rows, cov.examples, cov.by_severity()
    api = f"{len(cov.api_pages)}" + (f"/{manifest_api}" if manifest_api is not None else "")
    return [tb.tree, len(cov.pages), api, cov.api_pages_with_operations, cov.operations_in_spec, r.total, r.resolved,
            r.unknown_type, r.failed, e.total, e.valid, e.invalid, e.unchecked, e.unparseable, len(cov.defects),
            sev["error"], sev["warning"], sev["info"], "yes" if tb.spec_valid else "NO",
            "NO" if problems(cov) else "yes"]


def _pack(pairs: list[str], indent: str, width: int = 118) -> list[str]:
    """Comma-separated items filled into lines of at most `width` characters."""
    lines: list[str] = []
    current = ""
    for item in pairs:
        candidate = f"{current} {item}," if current else f"{indent}{item},"
        if current and len(candidate) > width:
            lines.append(current)
            candidate = f"{indent}{item},"
        current = candidate
    if current:
        lines.append(current)
    return lines


def expected_literal(pinned: dict[str, dict[str, Any]]) -> str:
    """`EXPECTED = {...}` as tests/corpus/expected.py holds it: one block per tree, ruff-clean lines."""
    out = ["EXPECTED: dict[str, dict[str, Any]] = {"]
    for tree, fig in pinned.items():
        out.append(f"    {tree!r}: {{".replace("'", '"'))
        plain = [f'"{k}": {v!r}' for k, v in fig.items() if k != "codes"]
        out += _pack(plain, " " * 8)
        out.append('        "codes": {')
        out += _pack([f'"{k}": {v!r}' for k, v in fig["codes"].items()], " " * 12)
        out += ["        },", "    },"]
    out.append("}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.devtools.corpus", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="*", help="tree folder names (default: all)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--expected", action="store_true", help="also print the EXPECTED literal for the corpus tests")
    ap.add_argument("--write-expected", type=Path, default=None, metavar="FILE",
                    help="rewrite the EXPECTED literal in FILE (tests/corpus/expected.py) in place; all trees only")
    args = ap.parse_args(argv)
    if args.write_expected is not None and args.trees:
        print("error: --write-expected pins every tree; give no TREE", file=sys.stderr)
        return 2
    names = args.trees or trees(args.corpus)
    if not names:
        print(f"error: no trees in {args.corpus}", file=sys.stderr)
        return 2
    pages = manifest(args.corpus)
    builds = [build_tree(t, args.corpus) for t in names]
    print("API = API pages found / in MANIFEST.tsv; API+op = API pages with an operation; ex = example blocks")
    print(format_table(_COLUMNS, [table_row(tb, pages.get(tb.tree)) for tb in builds]))
    for tb in builds:
        for problem in problems(tb.coverage):
            print(f"{tb.tree}: counters do not add up: {problem}", file=sys.stderr)
    literal = expected_literal({tb.tree: figures(tb.coverage) for tb in builds})
    if args.expected:
        print("\n" + literal)
    if args.write_expected is not None:
        write_expected(args.write_expected, literal)
        print(f"rewrote EXPECTED in {args.write_expected}")
    return 0


BEGIN, END = "# BEGIN EXPECTED", "# END EXPECTED"


def write_expected(path: Path, literal: str) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise SystemExit(f"error: {path} lacks the {BEGIN!r} / {END!r} markers")
    marker_line, _, _ = rest.partition("\n")
    path.write_text(f"{head}{BEGIN}{marker_line}\n{literal}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
