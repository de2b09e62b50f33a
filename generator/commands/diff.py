"""Compare two versions of a service's API and classify every change.

OLD and NEW are each an OpenAPI spec file (YAML or JSON) or a docs tree directory, which is
built first (`--service` names the service; default: the folder name before any `@`, so
`modelarts@1ba1873` builds `modelarts`).

Changes are grouped by operation; each carries its rule id, its classification (breaking,
non-breaking, documentation), JSON pointers into both specs and the docs file:line it came from.

exit codes:
  0  no changes, or no change at or above --fail-on (the default is never to fail on changes)
  1  at least one change at or above --fail-on
  2  bad input: unreadable file, not valid OpenAPI, specs of two different services,
     or a docs tree with no API pages
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.commands.options import add_speed_arguments, page_cache
from generator.diff.compare import diff_specs
from generator.diff.inputs import InputError, check_same_service, load
from generator.diff.render import as_json, at_or_above, markdown
from generator.diff.rules import Classification
from generator.release.semver import next_version

EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_BAD_INPUT = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="classify the API changes between two specs or docs trees",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", type=Path, help="old spec file or docs tree")
    parser.add_argument("new", type=Path, help="new spec file or docs tree")
    parser.add_argument("--service", help="service name for docs trees (default: folder name before '@')")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument(
        "--fail-on",
        choices=(str(Classification.BREAKING), str(Classification.NON_BREAKING)),
        help="exit 1 when a change of this class or a more severe one is found",
    )
    parser.add_argument("--current-version", help="client version of OLD; the report then suggests the next")
    parser.add_argument("-o", "--output", type=Path, help="write the report here instead of stdout")
    add_speed_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        cache = page_cache(args)
        old = load(args.old, args.service, args.jobs, cache)
        new = load(args.new, args.service, args.jobs, cache)
        check_same_service(old, new)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    result = diff_specs(old.spec, new.spec)
    version = next_version(args.current_version, result) if args.current_version else None
    render = as_json if args.format == "json" else markdown
    report = render(result, old.label, new.label, version)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    if result.is_empty:
        print("no changes", file=sys.stderr)
        return EXIT_OK
    if args.fail_on and at_or_above(result, Classification(args.fail_on)):
        return EXIT_CHANGES
    return EXIT_OK
