"""`python -m generator build DOCS_DIR --service NAME -o SPEC.yaml`: one docs tree -> one spec.

Writes SPEC.yaml and, next to it, SPEC's stem + `.diagnostics.json`. Exit status: 0 when a valid
spec was written, 1 when none could be (or, with --strict, when any error diagnostic was raised),
2 for unusable arguments or a services config that cannot be read. An invalid spec is never written
over a previous one.

`<stem>.diagnostics.json` always describes the spec beside it: both are staged, then the spec is
renamed into place first and its diagnostics second. When no valid spec can be written, the
diagnostics of the failed build go to `<stem>.rejected.diagnostics.json` and the previous spec and
its diagnostics stay as they were; a later successful build removes the rejected file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator import atomic
from generator.commands.options import add_speed_arguments, page_cache, stage_cache
from generator.config import add_tree_arguments
from generator.diagnostics import print_summary, report
from generator.emit import dump_json, write_text_atomic
from generator.limits import DEFAULT_MAX_PAGE_BYTES
from generator.model import Severity
from generator.pipeline import build_and_check_named
from generator.stage_cache import cached_dump_yaml


def register(sub: Any) -> None:
    p = sub.add_parser("build", help="convert one docs tree into one OpenAPI 3.1 spec", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tree_arguments(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="spec path (.yaml or .json)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any error diagnostic was raised")
    p.add_argument("--max-page-bytes", type=int, default=DEFAULT_MAX_PAGE_BYTES, metavar="N",
                   help=f"pages larger than this are not read (page.too_large); default {DEFAULT_MAX_PAGE_BYTES}")
    add_speed_arguments(p)
    p.set_defaults(func=run)


def diagnostics_path(spec_path: Path) -> Path:
    name = spec_path.name
    for suffix in (".yaml", ".yml", ".json"):
        name = name.removesuffix(suffix)
    return spec_path.with_name(name.removesuffix(".openapi") + ".diagnostics.json")


def rejected_path(spec_path: Path) -> Path:
    return diagnostics_path(spec_path).with_suffix("").with_suffix(".rejected.diagnostics.json")


def run(args: argparse.Namespace) -> int:
    cache, stages = page_cache(args), stage_cache(args)
    # UnusableInput: exit 2 (cli)
    built = build_and_check_named(args.docs_dir, args.service, args.config, args.jobs, cache,
                                  max_page_bytes=args.max_page_bytes, stages=stages)
    if cache is not None:
        print(cache.stats, file=sys.stderr)
    service = built.result.service
    result, valid = built.result, built.valid
    rep = report(built.census())
    if valid:
        text = dump_json(result.spec) if args.output.suffix == ".json" else cached_dump_yaml(result.spec, stages)
        atomic.replace_files([(args.output, text), (diagnostics_path(args.output), dump_json(rep))])
        rejected_path(args.output).unlink(missing_ok=True)
    else:
        write_text_atomic(rejected_path(args.output), dump_json(rep))
    if stages is not None:
        print(f"stage {stages.stats}", file=sys.stderr)
    print_summary(service.name, rep, args.output if valid else None)
    if not valid:
        print(f"diagnostics of the failed build: {rejected_path(args.output)}", file=sys.stderr)
        return 1
    if args.strict and any(d.severity is Severity.ERROR for d in built.diagnostics):
        return 1
    return 0
