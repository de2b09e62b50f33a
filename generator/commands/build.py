"""`python -m generator build DOCS_DIR --service NAME -o SPEC.yaml`: one docs tree -> one spec.

Writes SPEC.yaml and, next to it, SPEC's stem + `.diagnostics.json`. Exit status: 0 when a valid
spec was written, 1 when none could be (or, with --strict, when any error diagnostic was raised),
2 for unusable arguments or a services config that cannot be read. An invalid spec is never written
over a previous one.

`<stem>.diagnostics.json` always describes the spec beside it: both are staged, then the spec is
renamed into place first and its diagnostics second. When no valid spec can be written, the
diagnostics of the failed build go to `<stem>.rejected.diagnostics.json` and the previous spec and
its diagnostics stay as they were; a later successful build removes the rejected file.

`--names-lock PATH` keeps the client's names stable across docs updates (`generator.build.lock`): the lock at PATH,
when there is one, names every operation, page and model it knows as before; the updated lock is written back
with the spec (and only with a spec).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from generator.build.lock import LockError, dump_lock, read_lock
from generator.build.pipeline import UnusableInput, build_and_check_named
from generator.commands.options import add_speed_arguments, page_cache, speed, stage_cache
from generator.core import atomic
from generator.core.config import add_tree_arguments
from generator.core.emit import dump_json, write_text_atomic
from generator.core.limits import DEFAULT_MAX_PAGE_BYTES
from generator.core.model import Diagnostic, Severity
from generator.report.census import census_of
from generator.report.diagnostics import print_summary, report


def register(sub: Any) -> None:
    p = sub.add_parser("build", help="convert one docs tree into one OpenAPI 3.1 spec", description=__doc__,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_tree_arguments(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="spec path (.yaml or .json)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any error diagnostic was raised")
    p.add_argument("--max-page-bytes", type=int, default=DEFAULT_MAX_PAGE_BYTES, metavar="N",
                   help=f"pages larger than this are not read (page.too_large); default {DEFAULT_MAX_PAGE_BYTES}")
    p.add_argument("--errors-shown", type=int, default=ERRORS_SHOWN, metavar="N",
                   help=f"print the first N error diagnostics (file:line code message); default {ERRORS_SHOWN}")
    p.add_argument("--names-lock", type=Path, metavar="PATH",
                   help="names lock: read when it exists (the names of the last release), written back updated")
    add_speed_arguments(p)
    p.set_defaults(func=run)


ERRORS_SHOWN = 20


def print_errors(diagnostics: list[Diagnostic], docs_dir: Path, full_list: Path, limit: int = ERRORS_SHOWN) -> None:
    """The first `limit` error diagnostics, one line each (`file:line code message`, the file under the docs
    folder), then how many there are and where the full list is. Doc text is printed without control
    characters (a message quotes the docs, and the docs must not drive the terminal)."""
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if not errors:
        return
    for d in errors[:max(limit, 0)]:
        where = f"{docs_dir / d.source.file}:{d.source.line}" if d.source.file != "<spec>" else str(d.source)
        print(_printable(f"{where} {d.code} {d.message}"), file=sys.stderr)
    more = f"first {min(max(limit, 0), len(errors))} of " if len(errors) > limit else ""
    print(f"{more}{len(errors)} error diagnostics; all diagnostics: {full_list}", file=sys.stderr)


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in " ".join(text.split()))


def diagnostics_path(spec_path: Path) -> Path:
    name = spec_path.name
    for suffix in (".yaml", ".yml", ".json"):
        name = name.removesuffix(suffix)
    return spec_path.with_name(name.removesuffix(".openapi") + ".diagnostics.json")


def rejected_path(spec_path: Path) -> Path:
    return diagnostics_path(spec_path).with_suffix("").with_suffix(".rejected.diagnostics.json")


def run(args: argparse.Namespace) -> int:
    cache, stages = page_cache(args), stage_cache(args)
    how = speed(args, cache, stages)
    lock_path: Path | None = args.names_lock
    try:
        names_lock = read_lock(lock_path) if lock_path is not None else None
    except LockError as exc:
        raise UnusableInput(str(exc)) from exc
    # UnusableInput: exit 2 (cli)
    built = build_and_check_named(args.docs_dir, args.service, args.config, max_page_bytes=args.max_page_bytes,
                                  yaml_ahead=args.output.suffix != ".json", speed=how, names_lock=names_lock)
    if cache is not None:
        print(cache.stats, file=sys.stderr)
    service = built.result.service
    result, valid = built.result, built.valid
    rep = report(census_of(built))
    if valid:
        text = dump_json(result.spec) if args.output.suffix == ".json" else how.dump_yaml(result.spec)
        files = [(args.output, text), (diagnostics_path(args.output), dump_json(rep))]
        if lock_path is not None and result.names_lock is not None:
            files.append((lock_path, dump_lock(result.names_lock)))
        atomic.replace_files(files)
        rejected_path(args.output).unlink(missing_ok=True)
    else:
        write_text_atomic(rejected_path(args.output), dump_json(rep))
    if stages is not None:
        print(f"stage {stages.stats}", file=sys.stderr)
    print_summary(service.name, rep, args.output if valid else None)
    full_list = diagnostics_path(args.output) if valid else rejected_path(args.output)
    print_errors(built.diagnostics, args.docs_dir, full_list, args.errors_shown)
    if not valid:
        print(f"diagnostics of the failed build: {rejected_path(args.output)}", file=sys.stderr)
        return 1
    if args.strict and any(d.severity is Severity.ERROR for d in built.diagnostics):
        return 1
    return 0
