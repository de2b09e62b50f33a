"""`python -m generator generate`: every configured service -> spec, client, conformance tests.

For each service in specs/services.toml: build and check the spec, generate the client into a
temporary folder, then commit specs/<name>.openapi.yaml, its .diagnostics.json, its names lock
(.names.yaml: read before the build, so a client keeps the names of its last release; `generator.build.lock`)
and generated/<name>/ together (journaled: a run killed at any moment leaves them all old or all new, and the
next run finishes or undoes the interrupted commit first). Runs on one generated folder are serialised
by a lock file (generated/.generate.lock). A service that fails leaves its previous spec and client
untouched; the others still run. Exit status 1 if any service failed (or, with --strict, raised an
error diagnostic).

A client whose spec, build report, configuration and generator version are those of its stamp, and
whose files are still what that run committed, is not regenerated (`generator.speed.client_stamp`; the stamp
lives in the cache folder). `--force` or `--no-cache` regenerate every client. With `--jobs N` (default
every core) and several services, N services are built and generated at once, each in a worker
process; their output is printed in config order, followed by a table of every service's result.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import io
import json
import multiprocessing
import os
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build.lock import LockError, dump_lock, lock_path_for, read_lock
from generator.build.pipeline import CheckedBuild, build_and_check
from generator.build.runner import Speed
from generator.commands.options import add_speed_arguments, cache_dir, no_speed
from generator.core import atomic
from generator.core.config import (
    DEFAULT_CONFIG,
    REPO_ROOT,
    ConfigError,
    Service,
    default_service,
    load_services,
    tree_name,
)
from generator.core.emit import dump_json, write_text_atomic
from generator.core.model import Diagnostic, Severity
from generator.organisation import discover
from generator.release.changelog import client_release
from generator.report.as_index import IndexRow, render_index
from generator.report.as_text import format_table
from generator.report.census import census_of
from generator.report.diagnostics import print_summary, report
from generator.speed import client_stamp
from generator.speed.client_stamp import generator_version
from generator.speed.layer import speed_for
from generator.speed.page_cache import PageCache, code_version
from generator.speed.parallel import default_jobs
from generator.speed.stage_cache import StageCache


def register(sub: Any) -> None:
    p = sub.add_parser("generate", help="build every configured service: spec, client, conformance tests",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    p.add_argument("--only", action="append", default=[], help="build only this service (repeatable)")
    trees = p.add_mutually_exclusive_group()
    trees.add_argument("--docs", action="append", type=Path, default=[],
                   help="a docs tree instead of the config (repeatable): <repo>/api-ref/source of a service of the "
                        "OTC service catalog, which names it")
    trees.add_argument("--all", type=Path, default=None, metavar="ORG_DIR",
                   help="every docs tree under ORG_DIR instead of the config (as build-all finds them), then "
                        "GENERATED_DIR/index.html")
    p.add_argument("--specs-dir", type=Path, default=REPO_ROOT / "specs")
    p.add_argument("--generated-dir", type=Path, default=REPO_ROOT / "generated")
    p.add_argument("--strict", action="store_true")
    p.add_argument("--force", action="store_true",
                   help="regenerate every client, also those whose stamp says nothing changed")
    add_speed_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        services = _services(args)
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
        status = _run_services(args, services)
        if args.all is not None:
            write_text_atomic(args.generated_dir / "index.html",
                              render_index([_index_row(args, s) for s in services]))
            print(f"wrote {args.generated_dir / 'index.html'}")
        return status


def _services(args: argparse.Namespace) -> list[Service]:
    """The config's services, or those of `--docs` trees / every tree under `--all` (named by the catalog)."""
    if args.all is not None:
        if not args.all.is_dir():
            raise ConfigError(f"{args.all} is not a folder")
        trees = discover(args.all)
        if not trees:
            raise ConfigError(f"{args.all}: no docs trees (<repo>/api-ref/source/ or <service>@<commit>/ with .rst)")
        services = [dataclasses.replace(t.service, docs=t.docs.resolve()) for t in trees]
    else:
        services = [dataclasses.replace(default_service(tree_name(d)), docs=d.resolve()) for d in args.docs]
    if not services:
        return load_services(args.config) if not args.docs and args.all is None else []
    names = [s.name for s in services]
    if twice := sorted({n for n in names if names.count(n) > 1}):
        raise ConfigError(f"several docs trees of the same service: {', '.join(twice)} (one tree per service)")
    return services


def _index_row(args: argparse.Namespace, service: Service) -> IndexRow:
    """The service's row of the organisation index, from what this run committed (its report and client)."""
    diagnostics = args.specs_dir / f"{service.name}.diagnostics.json"
    spec = args.specs_dir / f"{service.name}.openapi.yaml"
    client = args.generated_dir / service.name
    if not diagnostics.is_file():
        return IndexRow(service.name, service.title, 0, 0, None, 0, 0, False, "no spec built (see the output)")
    s = json.loads(diagnostics.read_text(encoding="utf-8"))["summary"]
    functions = len([p for p in client.glob(f"{service.package}/api/*/*.py") if p.name != "__init__.py"])
    links = [(text, os.path.relpath(path, args.generated_dir)) for text, path in
             (("spec", spec), ("diagnostics", diagnostics), ("api.md", client / "api.md"),
              ("README", client / "README.md")) if path.is_file()]
    return IndexRow(service.name, service.title, s["pages"], s["operations_in_spec"],
                    functions if client.is_dir() else None, s["documentation_defects"],
                    s["diagnostics"]["by_severity"]["error"], spec.is_file(), "" if spec.is_file() else "invalid spec",
                    tuple(links))


@dataclass
class Outcome:
    """One service's result: exit status, what happened, and its output (printed in config order)."""

    name: str
    status: int
    state: str  # regenerated, unchanged, failed
    seconds: float
    out: str = ""
    err: str = ""


def _run_services(args: argparse.Namespace, services: list[Any]) -> int:
    jobs = args.jobs or default_jobs()
    folder = cache_dir(args)  # none with --no-speed: no page or stage cache, no client stamp
    code_version(), generator_version()  # hashed once, before any fork
    if jobs == 1 or len(services) < 2:
        # in this process, output as it comes; an unexpected exception ends the run (nothing half committed)
        outcomes = [_service(args, s, args.jobs, folder) for s in services]
    else:
        outcomes = _in_parallel(args, services, jobs, folder)
    rows: list[list[str | int]] = [[o.name, o.state, f"{o.seconds:.1f}", o.status] for o in outcomes]
    print(format_table(["service", "client", "seconds", "exit"], rows))
    return max((o.status for o in outcomes), default=0)


def _in_parallel(args: argparse.Namespace, services: list[Any], jobs: int, cache_dir: Path | None) -> list[Outcome]:
    """Services `jobs` at a time, each in a worker process extracting its pages alone; outputs in config order."""
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    outcomes: list[Outcome] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(services)), mp_context=ctx) as pool:
        futures = [pool.submit(_captured, args, s, cache_dir) for s in services]
        for service, fut in zip(services, futures, strict=True):
            try:
                outcome = fut.result()
            except Exception as exc:  # a worker that died: that service's failure, the others are committed
                outcome = Outcome(service.name, 1, "failed", 0.0, err=f"{service.name}: {type(exc).__name__}: {exc}\n")
            sys.stdout.write(outcome.out)
            sys.stderr.write(outcome.err)
            outcomes.append(outcome)
    return outcomes


def _captured(args: argparse.Namespace, service: Any, cache_dir: Path | None) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            outcome = _service(args, service, 1, cache_dir)
        except Exception as exc:  # one service's crash is that service's status; its commit is all or nothing
            last = traceback.extract_tb(exc.__traceback__)[-1]
            print(f"{service.name}: crashed: {type(exc).__name__}: {exc} (in {last.name}:{last.lineno}); "
                  "previous spec and client kept", file=sys.stderr)
            outcome = Outcome(service.name, 1, "failed", time.perf_counter() - started)
    outcome.out, outcome.err = out.getvalue(), err.getvalue()
    return outcome


def _service(args: argparse.Namespace, service: Any, page_jobs: int | None, cache_dir: Path | None) -> Outcome:
    started = time.perf_counter()

    def done(status: int, state: str) -> Outcome:
        return Outcome(service.name, status, state, time.perf_counter() - started)

    if not service.docs.is_dir():
        print(f"{service.name}: docs folder {service.docs} missing; skipped", file=sys.stderr)
        return done(1, "failed")
    cache = PageCache(cache_dir) if cache_dir is not None else None
    stages = StageCache(cache_dir) if cache_dir is not None else None
    speed = speed_for(page_jobs, cache, stages, no_speed=no_speed(args))
    spec_path = args.specs_dir / f"{service.name}.openapi.yaml"
    try:
        names_lock = read_lock(lock_path_for(spec_path))
    except LockError as exc:
        print(f"{service.name}: {exc}; previous spec and client kept", file=sys.stderr)
        return done(1, "failed")
    built = build_and_check(service.docs, service, yaml_ahead=True, speed=speed, names_lock=names_lock)
    result = built.result
    if not built.valid:
        print_summary(service.name, report(census_of(built)), None)
        return done(1, "failed")
    out_dir = args.generated_dir / service.name
    committed = [spec_path, args.specs_dir / f"{service.name}.diagnostics.json", lock_path_for(spec_path)]
    inputs = ""
    if cache_dir is not None:
        inputs = client_stamp.inputs_digest(result.spec, dump_json(report(census_of(built))), service)
        if not args.force and client_stamp.is_current(cache_dir, args.generated_dir, service.name, inputs, out_dir,
                                                      committed):
            rep = json.loads(committed[1].read_text(encoding="utf-8"))
            print_summary(service.name, rep, spec_path)
            print(f"{out_dir}/ unchanged (spec, configuration and generator as stamped; --force regenerates)")
            errors = rep["summary"]["diagnostics"]["by_severity"]["error"]
            return done(1 if args.strict and errors else 0, "unchanged")
    # lazy: imported only now, every command's parser is made at start, and the client generator's imports are heavy
    from generator.client import CodegenError, generate_client

    reports: list[dict[str, Any]] = []
    commit = functools.partial(_commit, args, service.name, built, reports, speed)
    try:
        gen = generate_client(service, result.spec, out_dir, *client_release(service, out_dir), commit=commit)
    except CodegenError as exc:
        print(f"{service.name}: client generation failed; previous spec and client kept\n{exc}", file=sys.stderr)
        return done(1, "failed")
    if cache_dir is not None:
        client_stamp.write(cache_dir, args.generated_dir, service.name, inputs, out_dir, committed)
    print_summary(service.name, reports[0], spec_path)
    print(f"wrote {args.generated_dir / service.name}/ in {time.perf_counter() - started:.1f} s")
    if args.strict and any(d.severity is Severity.ERROR for d in built.diagnostics + gen.diagnostics):
        return done(1, "regenerated")
    return done(0, "regenerated")


def _commit(args: argparse.Namespace, name: str, built: CheckedBuild, reports: list[dict[str, Any]],
            speed: Speed, project: Path, out_dir: Path, notes: list[Diagnostic]) -> None:
    """Spec, diagnostics and client in one journaled commit (the spec renamed before its diagnostics)."""
    rep = report(census_of(built, notes))
    reports.append(rep)
    spec_path = args.specs_dir / f"{name}.openapi.yaml"
    files = {spec_path: speed.dump_yaml(built.result.spec), args.specs_dir / f"{name}.diagnostics.json": dump_json(rep)}
    if built.result.names_lock is not None:
        files[lock_path_for(spec_path)] = dump_lock(built.result.names_lock)
    atomic.commit(args.generated_dir, name, (project, out_dir), files)
