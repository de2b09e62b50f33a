"""`python -m generator.devtools.prose_census [TREE ...]`: the prose census (`report.prose_census`) over every tree
of the shared corpus, with per-kind tables and the sentences that fell through or were rejected."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.core.config import default_service
from generator.core.emit import dump_json, write_text_atomic
from generator.devtools.corpus import CORPUS, trees
from generator.report.as_text import format_table
from generator.report.prose_census import (
    ENUM_HEADERS,
    HEADERS,
    ProseCensus,
    enum_rows,
    percent,
    prose_census,
    rows,
)


def _summed(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The per-tree counts added up, keys in first-seen order (the tables sort them themselves)."""
    out: dict[str, int] = {}
    for one in counts:
        for key, n in one.items():
            out[key] = out.get(key, 0) + n
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.devtools.prose_census", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="*", help="tree folder names (default: all)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--list", action="store_true", help="also list every fall-through with file:line")
    ap.add_argument("--list-rejected", action="store_true", help="also list every rejected sentence and its finding")
    ap.add_argument("--by-kind", action="store_true", help="also print the per-kind table of every tree")
    ap.add_argument("--json", type=Path, default=None, help="write every tree's census as JSON here")
    args = ap.parse_args(argv)
    names = args.trees or trees(args.corpus)
    if not names:
        print(f"error: no trees in {args.corpus}", file=sys.stderr)
        return 2
    results: list[tuple[str, ProseCensus]] = []
    for tree in names:
        service = default_service(tree.split("@", 1)[0])
        built = build_spec(args.corpus / tree, service)
        results.append((tree, prose_census(service.name, built.pages, built.spec, built.diagnostics)))
    table: list[list[str | int]] = []
    for tree, c in results:
        t = c.total
        table.append([tree, *t.cells(), percent(t.fell_through, t.classified), c.enums, sum(c.enum_rejected.values())])
    print(format_table(["tree", "classified", "captured", "rejected", "fell through", "fall-through %", "enums",
                        "enums refused"], table))
    print("\nper kind, all trees")
    summed = ProseCensus("all")
    for _, c in results:
        for k, v in c.by_kind.items():
            sk = summed.by_kind[k]
            sk.classified += v.classified
            sk.captured += v.captured
            sk.rejected += v.rejected
            sk.fell_through += v.fell_through
    print(format_table(HEADERS, rows(summed)))
    codes = _summed(c.rejected_by_code for _, c in results)
    print("\nrejected sentences by finding, all trees")
    by_count: list[list[str | int]] = [[code, n] for code, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))]
    print(format_table(["finding", "sentences"], by_count))
    sources = _summed(c.enum_sources for _, c in results)
    refused = _summed(c.enum_rejected for _, c in results)
    print("\nenum precision: every enum by the kind of sentence it came from, and the refused kinds, all trees")
    print(format_table(ENUM_HEADERS, enum_rows(sources, refused)))
    for tree, c in results:
        if args.by_kind:
            print(f"\n{tree}\n" + format_table(HEADERS, rows(c)))
        if args.list_rejected:
            for s, code in sorted(c.rejected):
                print(f"REJECTED {code} {tree}/{s.file}:{s.line} [{s.kind}] {s.field}: {s.text[:240]}")
        if args.list:
            for s in c.fell_through:
                print(f"{tree}/{s.file}:{s.line} [{s.kind}] {s.field}: {s.text[:240]}")
    if args.json is not None:
        write_text_atomic(args.json, dump_json({tree: c.as_dict() for tree, c in results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
