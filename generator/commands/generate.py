"""`python -m generator generate`: every configured service -> spec, client, conformance tests.

For each service in specs/services.toml: build and check the spec, generate the client into a
temporary folder, then write specs/<name>.openapi.yaml (+ .diagnostics.json) and swap
generated/<name>/ in. A service that fails leaves its previous spec and client untouched; the
others still run. Exit status 1 if any service failed (or, with --strict, raised an error diagnostic).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from generator.client import CodegenError, generate_client
from generator.commands.options import add_speed_arguments, page_cache
from generator.config import DEFAULT_CONFIG, REPO_ROOT, ConfigError, load_services
from generator.diagnostics import print_summary, report
from generator.emit import dump_json, dump_yaml, write_text_atomic
from generator.model import Severity
from generator.pipeline import build_and_check
from generator.release.changelog import client_release


def register(sub: Any) -> None:
    p = sub.add_parser("generate", help="build every configured service: spec, client, conformance tests",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    p.add_argument("--only", action="append", default=[], help="build only this service (repeatable)")
    p.add_argument("--specs-dir", type=Path, default=REPO_ROOT / "specs")
    p.add_argument("--generated-dir", type=Path, default=REPO_ROOT / "generated")
    p.add_argument("--strict", action="store_true")
    add_speed_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        services = load_services(args.config)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.only:
        unknown = set(args.only) - {s.name for s in services}
        if unknown:
            print(f"error: not in {args.config}: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        services = [s for s in services if s.name in args.only]
    status = 0
    cache = page_cache(args)
    for service in services:
        started = time.perf_counter()
        if not service.docs.is_dir():
            print(f"{service.name}: docs folder {service.docs} missing; skipped", file=sys.stderr)
            status = 1
            continue
        built = build_and_check(service.docs, service, args.jobs, cache)
        result = built.result
        if not built.valid:
            print_summary(service.name, report(built.census()), None)
            status = 1
            continue
        try:
            out_dir = args.generated_dir / service.name
            gen = generate_client(service, result.spec, out_dir, *client_release(service, out_dir))
        except CodegenError as exc:
            print(f"{service.name}: client generation failed; previous spec and client kept\n{exc}", file=sys.stderr)
            status = 1
            continue
        rep = report(built.census(gen.diagnostics))
        spec_path = args.specs_dir / f"{service.name}.openapi.yaml"
        write_text_atomic(spec_path, dump_yaml(result.spec))
        write_text_atomic(args.specs_dir / f"{service.name}.diagnostics.json", dump_json(rep))
        print_summary(service.name, rep, spec_path)
        print(f"wrote {args.generated_dir / service.name}/ in {time.perf_counter() - started:.1f} s")
        if args.strict and any(d.severity is Severity.ERROR for d in built.diagnostics + gen.diagnostics):
            status = 1
    return status
