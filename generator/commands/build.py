"""`python -m generator build DOCS_DIR --service NAME -o SPEC.yaml`: one docs tree -> one spec.

Writes SPEC.yaml and, next to it, SPEC's stem + `.diagnostics.json`. Exit status: 0 when a valid
spec was written, 1 when none could be (or, with --strict, when any error diagnostic was raised),
2 for unusable arguments. An invalid spec is never written over a previous one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.config import ConfigError, Service, default_service, load_services
from generator.diagnostics import report
from generator.emit import dump_json, dump_yaml, write_text_atomic
from generator.limits import DEFAULT_MAX_PAGE_BYTES
from generator.model import Diagnostic, Severity, Source
from generator.pipeline import BuildResult, build_spec
from generator.repair import check_and_repair


def register(sub: Any) -> None:
    p = sub.add_parser("build", help="convert one docs tree into one OpenAPI 3.1 spec", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("docs_dir", type=Path)
    p.add_argument("--service", required=True, help="service name (looked up in specs/services.toml if listed)")
    p.add_argument("-o", "--output", type=Path, required=True, help="spec path (.yaml or .json)")
    p.add_argument("--config", type=Path, default=None, help="services config (default specs/services.toml)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any error diagnostic was raised")
    p.add_argument("--max-page-bytes", type=int, default=DEFAULT_MAX_PAGE_BYTES, metavar="N",
                   help=f"pages larger than this are not read (page.too_large); default {DEFAULT_MAX_PAGE_BYTES}")
    p.set_defaults(func=run)


def diagnostics_path(spec_path: Path) -> Path:
    name = spec_path.name
    for suffix in (".yaml", ".yml", ".json"):
        name = name.removesuffix(suffix)
    return spec_path.with_name(name.removesuffix(".openapi") + ".diagnostics.json")


def resolve_service(name: str, config: Path | None) -> Service:
    try:
        services = load_services(config) if config else load_services()
    except ConfigError:
        services = []
    for s in services:
        if s.name == name:
            return s
    return default_service(name)


def build_and_check(docs_dir: Path, service: Service,
                    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> tuple[BuildResult, list[Diagnostic], bool]:
    result = build_spec(docs_dir, service, max_page_bytes)
    findings, valid = check_and_repair(result.spec, Source(f"<{service.name}.openapi.yaml>", 0))
    return result, findings, valid


def run(args: argparse.Namespace) -> int:
    if not args.docs_dir.is_dir():
        print(f"error: {args.docs_dir} is not a folder", file=sys.stderr)
        return 2
    service = resolve_service(args.service, args.config)
    result, findings, valid = build_and_check(args.docs_dir, service, args.max_page_bytes)
    diagnostics = sorted(result.diagnostics + findings)
    rep = report(service.name, result.pages, result.spec, diagnostics, valid)
    write_text_atomic(diagnostics_path(args.output), dump_json(rep))
    if valid:
        text = dump_json(result.spec) if args.output.suffix == ".json" else dump_yaml(result.spec)
        write_text_atomic(args.output, text)
    print_summary(service.name, rep, args.output if valid else None)
    if not valid:
        return 1
    if args.strict and any(d.severity is Severity.ERROR for d in diagnostics):
        return 1
    return 0


def print_summary(name: str, rep: dict[str, Any], written: Path | None) -> None:
    s = rep["summary"]
    rows = s["rows"]
    sev = s["diagnostics"]["by_severity"]
    print(f"{name}: {s['pages']} pages, {s['api_pages']} API pages, {s['operations_in_spec']} operations, "
          f"{s['components']} schemas; rows {rows['total']} = {rows['resolved']} resolved + "
          f"{rows['unknown_type']} unknown type + {rows['failed']} failed; diagnostics: "
          f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} info")
    if written is not None:
        print(f"wrote {written}")
    else:
        print("no valid spec: nothing written (see the diagnostics report)", file=sys.stderr)
