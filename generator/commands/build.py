"""`python -m generator build DOCS_DIR --service NAME -o SPEC.yaml`: one docs tree -> one spec.

Writes SPEC.yaml and, next to it, SPEC's stem + `.diagnostics.json`. Exit status: 0 when a valid
spec was written, 1 when none could be (or, with --strict, when any error diagnostic was raised),
2 for unusable arguments or a services config that cannot be read. An invalid spec is never written over a previous one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.config import ConfigError
from generator.diagnostics import print_summary, report
from generator.emit import dump_json, dump_yaml, write_text_atomic
from generator.model import Severity
from generator.pipeline import build_and_check, resolve_service


def register(sub: Any) -> None:
    p = sub.add_parser("build", help="convert one docs tree into one OpenAPI 3.1 spec", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("docs_dir", type=Path)
    p.add_argument("--service", required=True, help="service name (looked up in specs/services.toml if listed)")
    p.add_argument("-o", "--output", type=Path, required=True, help="spec path (.yaml or .json)")
    p.add_argument("--config", type=Path, default=None, help="services config (default specs/services.toml)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any error diagnostic was raised")
    p.set_defaults(func=run)


def diagnostics_path(spec_path: Path) -> Path:
    name = spec_path.name
    for suffix in (".yaml", ".yml", ".json"):
        name = name.removesuffix(suffix)
    return spec_path.with_name(name.removesuffix(".openapi") + ".diagnostics.json")


def run(args: argparse.Namespace) -> int:
    if not args.docs_dir.is_dir():
        print(f"error: {args.docs_dir} is not a folder", file=sys.stderr)
        return 2
    try:
        service = resolve_service(args.service, args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    built = build_and_check(args.docs_dir, service)
    result, valid = built.result, built.valid
    rep = report(built.census())
    write_text_atomic(diagnostics_path(args.output), dump_json(rep))
    if valid:
        text = dump_json(result.spec) if args.output.suffix == ".json" else dump_yaml(result.spec)
        write_text_atomic(args.output, text)
    print_summary(service.name, rep, args.output if valid else None)
    if not valid:
        return 1
    if args.strict and any(d.severity is Severity.ERROR for d in built.diagnostics):
        return 1
    return 0
