"""`python -m generator build-all ORG_DIR -o OUT_DIR`: every service under a folder of docs trees.

ORG_DIR holds docs checkouts (`<repo>/api-ref/source/`) or corpus trees (`<service>@<commit>/`);
see `generator.organisation`. Services are built in parallel (`--jobs`, default every core), each
writing OUT_DIR/<folder>.openapi.yaml (when valid) and <folder>.diagnostics.json; OUT_DIR/summary.json
lists every service with its figures and exit status, and OUT_DIR/index.html shows them to a person (a row
per service: pages, operations, documentation defects, errors, status, links to its spec and diagnostics).
Progress is shown on a terminal, one line per finished service otherwise; a summary table follows.

Exit status: 0 every service wrote a spec; 1 any service wrote none; 2 unusable arguments.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from generator.build.pipeline import UnusableInput
from generator.commands.options import add_speed_arguments, cache_dir, no_speed
from generator.core.config import ConfigError
from generator.core.emit import dump_json, write_text_atomic
from generator.organisation import ServiceResult, build_all, discover
from generator.report.as_index import IndexRow, render_index
from generator.report.as_text import format_table
from generator.speed.parallel import default_jobs


def register(sub: Any) -> None:
    p = sub.add_parser("build-all", help="build every service under a folder of docs trees, in parallel",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("org_dir", type=Path, help="folder of docs checkouts or corpus trees")
    p.add_argument("-o", "--output-dir", type=Path, required=True)
    p.add_argument("--config", type=Path, default=None,
                   help="services config naming trees by their docs path (default: ORG_DIR/services.toml if any)")
    # --jobs here counts services built at once; each service's pages are extracted in its worker
    add_speed_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.org_dir.is_dir():
        raise UnusableInput(f"{args.org_dir} is not a folder")
    try:
        trees = discover(args.org_dir, args.config)
    except ConfigError as exc:
        raise UnusableInput(str(exc)) from exc
    if not trees:
        raise UnusableInput(f"{args.org_dir}: no docs trees (<repo>/api-ref/source/ or <service>@<commit>/ with .rst)")
    jobs = args.jobs or default_jobs()
    folder, plain = cache_dir(args), no_speed(args)  # --no-speed: each service by the plain pipeline, no cache
    started = time.perf_counter()
    if sys.stdout.isatty():
        results = _with_progress(trees, args.output_dir, jobs, folder, plain)
    else:
        count = iter(range(1, len(trees) + 1))

        def line(r: ServiceResult) -> None:
            print(f"[{next(count)}/{len(trees)}] {r.label}: {_status(r)}, {r.pages} pages, {r.operations} operations, "
                  f"{r.errors} errors, {r.seconds:.1f} s", flush=True)

        results = build_all(trees, args.output_dir, jobs, folder, line, no_speed=plain)
    rows: list[list[str | int]] = [[r.label, r.pages, r.operations, r.errors, f"{r.seconds:.1f}", _status(r)]
                                   for r in results]
    print(format_table(["service", "pages", "operations", "errors", "seconds", "status"], rows))
    failed = [r for r in results if not r.spec_written]
    print(f"{len(results) - len(failed)}/{len(results)} services wrote a spec in "
          f"{time.perf_counter() - started:.1f} s ({jobs} jobs) into {args.output_dir}")
    for r in failed:
        print(f"{r.label}: {r.note}", file=sys.stderr)
    write_text_atomic(args.output_dir / "summary.json", dump_json({"services": [
        {"tree": r.label, "service": r.service, "pages": r.pages, "operations": r.operations, "errors": r.errors,
         "spec_written": r.spec_written, "exit_status": r.exit_status, "note": r.note} for r in results]}))
    write_text_atomic(args.output_dir / "index.html", render_index([_index_row(r) for r in results]))
    return 1 if failed else 0


def _index_row(r: ServiceResult) -> IndexRow:
    links = [("spec", f"{r.label}.openapi.yaml")] if r.spec_written else []
    links.append(("diagnostics", f"{r.label}.diagnostics.json"))
    return IndexRow(r.label, r.title, r.pages, r.operations, None, r.defects, r.errors, r.spec_written, r.note,
                    tuple(links))


def _status(r: ServiceResult) -> str:
    return "ok" if r.spec_written else "FAILED"


def _with_progress(trees: list[Any], out_dir: Path, jobs: int, cache_dir: Path | None,
                   no_speed: bool) -> list[ServiceResult]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # no refresh thread: the worker processes are forked while the display is up
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  auto_refresh=False) as bar:
        task = bar.add_task("services", total=len(trees))

        def advance(r: ServiceResult) -> None:
            bar.console.print(f"{r.label}: {_status(r)} ({r.seconds:.1f} s)", markup=False, highlight=False)
            bar.advance(task)
            bar.refresh()

        return build_all(trees, out_dir, jobs, cache_dir, advance, no_speed=no_speed)
