"""Compare two versions of a service's API and classify every change.

OLD and NEW are each an OpenAPI spec file (YAML or JSON) or a docs tree directory, which is
built first (`--service` names the service; default: the folder name before any `@`, so
`modelarts@1ba1873` builds `modelarts`).

Each change carries its rule id, its level (error: breaks a correct existing client; warning: may
break some; info), JSON pointers into both specs and the docs file:line it came from. Two docs
trees are built in parallel.

formats:
  markdown  a pull-request comment: summary, errors, warnings, info collapsed; at most --limit characters
            (signature breaks first, docs lines by their path in the repository, no local absolute paths)
  json      every change (the full report; also written by --json-out next to another format)
  github    GitHub Actions workflow commands, one per error and warning, on the docs line
            (paths relative to the repository root: --path-prefix, else found with git)

exit codes:
  0  no changes, or no change at or above --fail-on (the default is never to fail on changes);
     --fail-on takes a level (error, warning, info) or, as before, breaking / non-breaking
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

from generator.commands.options import (
    add_input_size_argument,
    add_speed_arguments,
    input_limits,
    no_speed,
    page_cache,
)
from generator.core.gha import detect_prefix
from generator.diff import github
from generator.diff.comment import LIMIT
from generator.diff.compare import diff_specs
from generator.diff.inputs import InputError, check_same_service
from generator.diff.levels import FAIL_ON, failing
from generator.diff.render import as_json, markdown, public_labels
from generator.diff.sides import load_pair
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
    parser.add_argument("--format", choices=("markdown", "json", "github"), default="markdown")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        help="exit 1 when a change of this level (or class) or a more severe one is found",
    )
    parser.add_argument("--json-out", type=Path, help="also write the full JSON report here (the comment links it)")
    parser.add_argument("--limit", type=int, default=LIMIT, help=f"markdown: most characters (default {LIMIT})")
    parser.add_argument(
        "--path-prefix",
        help="github and markdown: the docs tree's folder in its repository, e.g. api-ref/source/ "
        "(default: found with git)",
    )
    parser.add_argument("--current-version", help="client version of OLD; the report then suggests the next")
    parser.add_argument("-o", "--output", type=Path, help="write the report here instead of stdout")
    add_input_size_argument(parser, "a spec file")
    add_speed_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    limits = input_limits(args)
    try:
        cache = page_cache(args)
        old, new = load_pair(args.old, args.new, args.service, limits=limits, jobs=args.jobs, cache=cache,
                             no_speed=no_speed(args))
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
    labels = public_labels(args.old, args.new)
    if args.json_out:
        args.json_out.parent.mkdir(parents=True, exist_ok=True)
        args.json_out.write_text(as_json(result, *labels, version), encoding="utf-8")
    prefix = args.path_prefix
    if prefix is None:
        # Spec files carry docs-relative x-source paths and no checkout to ask.
        prefix = detect_prefix(args.new) if args.new.is_dir() else ""
    if args.format == "json":
        report = as_json(result, *labels, version)
    elif args.format == "github":
        report = github.render(result, prefix)
    else:
        report = markdown(
            result,
            *labels,
            version,
            current_version=args.current_version,
            json_report=public_labels(args.json_out, args.new)[0] if args.json_out else None,
            limit=args.limit,
            path_prefix=prefix,
        )
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    if result.is_empty:
        print("no changes", file=sys.stderr)
        return EXIT_OK
    if args.fail_on and failing(result, args.fail_on):
        return EXIT_CHANGES
    return EXIT_OK

