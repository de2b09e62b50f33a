"""`python -m generator report DOCS_DIR --service NAME [-o OUT_DIR] [--compare-peer] [--prose-census]`: coverage.

Builds and checks the tree (as `build` does, writing no spec), then prints the coverage tables and, with
-o, writes OUT_DIR/NAME.coverage.json and OUT_DIR/NAME.html (static, per-page drill-down). The report
lists the documentation defects: examples that contradict their own page's tables. With --compare-peer,
our figures are set next to gen-sdk-toolset's published ones (measured on modelarts@1ba1873). The prose census
(every description sentence stating a value set, default, range, pattern or array size: captured, rejected with
a finding, or fallen through) is in the JSON and HTML; --prose-census also prints every fall-through.

With --format github, the documentation defects are printed instead as GitHub Actions workflow commands
(`::error file=...,line=...::...`) on their RST lines, paths relative to the repository root
(--path-prefix, else found with git).

Exit status: 0 report produced; 1 the counters do not add up (a pipeline bug: nothing is written);
2 unusable arguments or a services config that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.build.pipeline import build_and_check_named
from generator.commands.options import add_speed_arguments, page_cache, speed, stage_cache
from generator.core.config import add_tree_arguments
from generator.core.emit import dump_json, write_text_atomic
from generator.core.gha import detect_prefix
from generator.report import CountersDoNotAddUp, as_github, as_html, as_json, as_text, peer, verify
from generator.report.census import census_of
from generator.report.prose_census import prose_census
from generator.report.prose_census import render_text as render_prose


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="coverage report of one docs tree (text, JSON, HTML)", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tree_arguments(p)
    p.add_argument("-o", "--output-dir", type=Path, default=None, help="write NAME.coverage.json and NAME.html here")
    p.add_argument("--compare-peer", action="store_true",
                   help=f"add our figures next to gen-sdk-toolset's (its figures are for {peer.PEER_TREE})")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="github: documentation defects as workflow-command annotations")
    p.add_argument("--path-prefix", default=None,
                   help="github: the docs tree's folder in its repository, e.g. api-ref/source/ (default: from git)")
    p.add_argument("--prose-census", action="store_true",
                   help="also list every description sentence that states a constraint the spec lacks (the census "
                        "table is always in the HTML and JSON)")
    add_speed_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # UnusableInput: exit 2 (cli)
    built = build_and_check_named(args.docs_dir, args.service, args.config,
                                  speed=speed(args, page_cache(args), stage_cache(args)))
    service = built.result.service
    result = built.result
    cov = census_of(built)
    try:
        verify(cov)
    except CountersDoNotAddUp as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    census = prose_census(service.name, result.pages, result.spec, result.diagnostics)
    data = as_json.to_dict(cov)
    data["prose_census"] = census.as_dict()
    text = as_text.render(cov) + render_prose(census, listing=args.prose_census)
    if args.format == "github":
        prefix = args.path_prefix if args.path_prefix is not None else detect_prefix(args.docs_dir)
        text = as_github.render(cov, prefix)
    rows: list[peer.PeerRow] = []
    if args.compare_peer:
        if args.docs_dir.resolve().name != peer.PEER_TREE:
            print(f"note: the peer's figures were measured on {peer.PEER_TREE}, not on {args.docs_dir.name}",
                  file=sys.stderr)
        rows = peer.compare(cov, result.pages, result.spec)
        data["peer_comparison"] = {"peer": "opentelekomcloud/gen-sdk-toolset@d7ce52b", "tree": peer.PEER_TREE,
                                   "rows": [vars(r) for r in rows]}
        if args.format != "github":  # workflow commands only: the peer table is for people
            text += (f"\nCompared with gen-sdk-toolset (its figures: {peer.PEER_TREE}; ours: {args.docs_dir.name})\n\n"
                     + as_text.format_table(["measure", "gen-sdk-toolset", "otc-apigen", "note"],
                                            [r.cells() for r in rows]) + "\n")
    sys.stdout.write(text)
    if args.output_dir is not None:
        args.output_dir.mkdir(parents=True, exist_ok=True)
        write_text_atomic(args.output_dir / f"{service.name}.coverage.json", dump_json(data))
        write_text_atomic(args.output_dir / f"{service.name}.html",
                          as_html.render(cov, [r.cells() for r in rows], census))
        print(f"wrote {args.output_dir / service.name}.coverage.json and .html")
    return 0
