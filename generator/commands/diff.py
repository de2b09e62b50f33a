"""Compare two versions of a service's API and classify every change.

OLD and NEW are each an OpenAPI spec file (YAML or JSON) or a docs tree directory, which is
built first (`--service` names the service; default: the folder name before any `@`, so
`modelarts@1ba1873` builds `modelarts`).

Changes are grouped by operation; each carries its rule id, its classification (breaking,
non-breaking, documentation), JSON pointers into both specs and the docs file:line it came from.

exit codes:
  0  no changes, or no change at or above --fail-on (the default is never to fail on changes)
  1  at least one change at or above --fail-on
  2  bad input: unreadable file, a file above --max-input-size, not JSON/YAML (or nested too
     deep, YAML aliases expanding too far), not valid OpenAPI, specs of two different services,
     or a docs tree with no API pages; always one line on stderr saying why, never a traceback
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.diff.compare import diff_specs
from generator.diff.inputs import InputError, check_same_service, load
from generator.diff.render import as_json, at_or_above, markdown
from generator.diff.rules import Classification
from generator.release.semver import next_version
from generator.untrusted import DEFAULT_MAX_INPUT_BYTES, Limits, parse_size

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
    parser.add_argument("--max-input-size", type=_size, default=DEFAULT_MAX_INPUT_BYTES, metavar="SIZE",
                        help=f"refuse a spec file above this size (default {DEFAULT_MAX_INPUT_BYTES // 2**20}M; "
                             "suffixes K, M, G)")
    parser.set_defaults(func=run)


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def run(args: argparse.Namespace) -> int:
    limits = Limits(max_bytes=getattr(args, "max_input_size", DEFAULT_MAX_INPUT_BYTES))
    try:
        old = load(args.old, args.service, limits)
        new = load(args.new, args.service, limits)
        check_same_service(old, new)
        result = diff_specs(old.spec, new.spec)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (RecursionError, MemoryError, ValueError, TypeError, KeyError, AttributeError) as exc:
        # A spec that passed the validator yet trips the comparison: still bad input, one line.
        print(f"error: cannot compare {args.old} and {args.new}: {type(exc).__name__}: {str(exc)[:200]}",
              file=sys.stderr)
        return EXIT_BAD_INPUT
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
