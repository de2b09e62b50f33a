"""`python -m generator generate`: every configured service -> spec, client, conformance tests.

For each service in specs/services.toml: build and check the spec, generate the client into a
temporary folder, then commit specs/<name>.openapi.yaml, its .diagnostics.json and generated/<name>/
together (journaled: a run killed at any moment leaves all three old or all three new, and the next
run finishes or undoes the interrupted commit first). Runs on one generated folder are serialised
by a lock file (generated/.generate.lock). A service that fails leaves its previous spec and client
untouched; the others still run. Exit status 1 if any service failed (or, with --strict, raised an
error diagnostic).
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path
from typing import Any

from generator import atomic
from generator.client import CodegenError, generate_client
from generator.commands.options import add_speed_arguments, page_cache
from generator.config import DEFAULT_CONFIG, REPO_ROOT, ConfigError, load_services
from generator.diagnostics import print_summary, report
from generator.emit import dump_json, dump_yaml
from generator.model import Diagnostic, Severity
from generator.pipeline import CheckedBuild, build_and_check
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
    # Absolute: the client generator runs in a temporary folder of its own.
    args.specs_dir, args.generated_dir = args.specs_dir.absolute(), args.generated_dir.absolute()
    with atomic.run_lock(args.generated_dir, lambda p: print(f"waiting for another generate run ({p})",
                                                             file=sys.stderr)):
        for note in atomic.recover(args.generated_dir, args.specs_dir, [s.name for s in services]):
            print(f"recovered: {note}", file=sys.stderr)
        if args.only:
            services = [s for s in services if s.name in args.only]
        return _run_services(args, services)


def _run_services(args: argparse.Namespace, services: list[Any]) -> int:
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
        spec_path = args.specs_dir / f"{service.name}.openapi.yaml"
        reports: list[dict[str, Any]] = []
        commit = functools.partial(_commit, args, service.name, built, reports)
        try:
            out_dir = args.generated_dir / service.name
            gen = generate_client(service, result.spec, out_dir, *client_release(service, out_dir), commit=commit)
        except CodegenError as exc:
            print(f"{service.name}: client generation failed; previous spec and client kept\n{exc}", file=sys.stderr)
            status = 1
            continue
        print_summary(service.name, reports[0], spec_path)
        print(f"wrote {args.generated_dir / service.name}/ in {time.perf_counter() - started:.1f} s")
        if args.strict and any(d.severity is Severity.ERROR for d in built.diagnostics + gen.diagnostics):
            status = 1
    return status


def _commit(args: argparse.Namespace, name: str, built: CheckedBuild, reports: list[dict[str, Any]],
            project: Path, out_dir: Path, notes: list[Diagnostic]) -> None:
    """Spec, diagnostics and client in one journaled commit (the spec renamed before its diagnostics)."""
    rep = report(built.census(notes))
    reports.append(rep)
    atomic.commit(args.generated_dir, name, (project, out_dir), {
        args.specs_dir / f"{name}.openapi.yaml": dump_yaml(built.result.spec),
        args.specs_dir / f"{name}.diagnostics.json": dump_json(rep),
    })
