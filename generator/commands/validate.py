"""`validate SPEC INPUT...`: check recorded payloads (JSON, NDJSON, HAR) against a spec.

Exit status, first rule that applies:
  2  any entry was unusable (unreadable or too large file, invalid or truncated JSON, JSON nested
     too deep, over-long or out-of-range numbers, invalid base64, non-UTF-8 bytes, a status that
     is no status code, unknown operation, ...), or the spec is unusable, or nothing was checked
  1  any payload invalid, or any response with a status its operation does not document (UNDOCUMENTED
     STATUS, naming the statuses it does document), or, with --strict, any skipped
  0  every payload valid
An unusable entry is reported by name with a stable code (`UNUSABLE [input.truncated]: ...`) and
the run goes on with the next entry; the summary line counts invalid and unusable entries apart,
so neither hides the other.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.commands.options import add_input_size_argument, input_limits
from generator.core.spec import SpecError
from generator.validate.inputs import Defaults, read, status_problem
from generator.validate.report import EXIT_UNUSABLE, exit_code, render_json, render_text
from generator.validate.spec import Spec
from generator.validate.verdict import Checker, Result


def register(subparsers: Any) -> None:
    p: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="check recorded payloads against a spec",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("spec", type=Path, help="OpenAPI 3.1 spec (YAML or JSON)")
    p.add_argument("inputs", type=Path, nargs="+", metavar="INPUT", help="JSON, NDJSON (.ndjson/.jsonl) or HAR")
    p.add_argument("--operation", help='operationId or "METHOD /path/template" (JSON/NDJSON)')
    p.add_argument("--side", choices=("request", "response"), help="which body (default: response if --status)")
    p.add_argument("--status", help="response status code (JSON/NDJSON)")
    p.add_argument(
        "--input-format",
        choices=("auto", "json", "ndjson", "har"),
        default="auto",
        help="default: by extension (.har, .ndjson/.jsonl, else JSON; a JSON file holding a HAR is a HAR)",
    )
    p.add_argument("--raw-lines", action="store_true", help="NDJSON lines are bare bodies, never envelopes")
    p.add_argument("--format", choices=("text", "json"), default="text", dest="output_format")
    p.add_argument("--strict", action="store_true", help="skipped payloads fail the run (exit 1)")
    p.add_argument("-v", "--verbose", action="store_true", help="also list valid payloads")
    add_input_size_argument(p, "the spec or an input")
    p.set_defaults(func=run)


def validate_files(spec: Spec, inputs: list[Path], fmt: str, defaults: Defaults) -> list[Result]:
    checker = Checker(spec, limits=defaults.limits)
    results: list[Result] = []
    for path in inputs:
        results.extend(checker.check(read(path, fmt, defaults)))
    return results


def run(args: argparse.Namespace) -> int:
    limits = input_limits(args)
    if args.status is not None and (bad := status_problem(args.status)) is not None:
        print(f"error: --status: {bad}", file=sys.stderr)
        return EXIT_UNUSABLE
    try:
        spec = Spec.load(args.spec, limits)
    except SpecError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except (RecursionError, MemoryError) as exc:
        print(f"error: {args.spec}: not a usable spec: {type(exc).__name__}", file=sys.stderr)
        return EXIT_UNUSABLE
    defaults = Defaults(operation=args.operation, side=args.side, status=args.status, raw_lines=args.raw_lines,
                        limits=limits)
    if args.operation is not None and spec.find_operation(args.operation) is None:
        print(f"error: {args.spec}: no operation {args.operation!r}", file=sys.stderr)
        return EXIT_UNUSABLE
    results = validate_files(spec, list(args.inputs), args.input_format, defaults)
    out = render_json(results) if args.output_format == "json" else render_text(results, args.verbose)
    sys.stdout.write(out)
    return exit_code(results, strict=args.strict)


def main(argv: list[str] | None = None) -> int:
    """Standalone entry (`python -m generator.commands.validate`), independent of the other commands."""
    parser = argparse.ArgumentParser(prog="python -m generator")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["validate", *(sys.argv[1:] if argv is None else argv)])
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
