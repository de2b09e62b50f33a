"""Scheduled regeneration: docs tree + last released spec -> new spec, diff, version, changelog.

    python -m generator.release.regenerate DOCS_DIR LAST_SPEC [--service NAME] [--changelog PATH]
        [--spec-out PATH] [--report PATH] [--docs-commit SHA --docs-date YYYY-MM-DD] [--fail-on CLASS]
        [--client-dir DIR | --no-client]

LAST_SPEC may be missing (first release: version 0.1.0, every operation listed as added).
The client's names are those of the last release (`generator.build.lock`): the names lock beside LAST_SPEC
(`<name>.names.yaml`), else the names LAST_SPEC itself has; the updated lock is written beside the spec.
The spec is written to --spec-out (default: over LAST_SPEC, which is what the CI job then commits)
and the entry to --changelog (default: <client dir>/CHANGELOG.md); then the client is regenerated
into --client-dir (default: generated/<service>/) with the new version, unless --no-client. The
docs commit and date come from the options, else from `git log` in DOCS_DIR, else from a corpus folder name
(`<service>@<commit>`) and the corpus MANIFEST.tsv; never from the clock.

Exit codes: 0 written (or nothing changed: nothing is written), 1 written but a change at or above
--fail-on was found (so CI can ask for review), 2 bad input.
"""

from __future__ import annotations

import argparse
import copy
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.build.lock import LockError, derive_lock, lock_path_for, read_lock, write_lock
from generator.build.pipeline import resolve_service
from generator.core.config import ConfigError, tree_name
from generator.core.emit import dump_json, dump_yaml
from generator.diff.compare import diff_specs
from generator.diff.inputs import InputError, LoadedSpec, check_same_service, load, renamed
from generator.diff.levels import FAIL_ON, failing
from generator.diff.model import DiffResult
from generator.diff.render import markdown
from generator.release.aliases import drop_aliases, expire_aliases
from generator.release.changelog import add_entry, current_version
from generator.release.semver import next_version

REPO_ROOT = Path(__file__).resolve().parents[2]


def docs_revision(docs_dir: Path) -> tuple[str, str] | None:
    """(commit, commit date) of a docs tree, from git or from a corpus folder name + MANIFEST.tsv."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(docs_dir), "log", "-1", "--format=%h %cs", "--", "."],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        proc = None
    if proc is not None and proc.returncode == 0 and len(proc.stdout.split()) == 2:
        commit, date = proc.stdout.split()
        return commit, date
    name = docs_dir.resolve().name
    if "@" in name:
        service, commit = name.split("@", 1)
        manifest = docs_dir.resolve().parent / "MANIFEST.tsv"
        if manifest.is_file():
            for line in manifest.read_text(encoding="utf-8").splitlines():
                cols = line.split("\t")
                if len(cols) >= 3 and cols[0] == service and cols[1] == commit:
                    return commit, cols[2]
    return None


def regenerate(
    docs_dir: Path,
    last_spec: Path,
    *,
    service: str | None = None,
    changelog: Path | None = None,
    spec_out: Path | None = None,
    report: Path | None = None,
    docs_commit: str | None = None,
    docs_date: str | None = None,
    client_dir: Path | None = None,
    client: bool = False,
) -> tuple[DiffResult, str | None]:
    """Do the whole job; return the diff and the new version (None when nothing changed).

    With `client`, the client in `client_dir` (default generated/<service>/) is regenerated from the
    new spec after the changelog entry, so it carries the new version.
    """
    name = service or tree_name(docs_dir)
    if not docs_dir.is_dir():
        raise InputError(f"{docs_dir}: not a docs tree directory")
    new = load(docs_dir, name)
    old = load(last_spec) if last_spec.exists() else LoadedSpec(str(last_spec), {"paths": {}}, None)
    check_same_service(old, new)
    try:
        released = read_lock(lock_path_for(last_spec))
    except LockError as exc:
        raise InputError(str(exc)) from exc
    if released is None and last_spec.exists():
        released = derive_lock(dict(old.spec))
    if released is not None:
        new, names = renamed(new, released)
    else:
        names = derive_lock(dict(new.spec))
    if docs_commit is None or docs_date is None:
        found = docs_revision(docs_dir)
        if found is None:
            raise InputError(f"{docs_dir}: docs commit/date unknown; pass --docs-commit and --docs-date")
        docs_commit, docs_date = docs_commit or found[0], docs_date or found[1]

    result = diff_specs(old.spec, new.spec)
    client_dir = client_dir or REPO_ROOT / "generated" / name
    changelog = changelog or client_dir / "CHANGELOG.md"
    current = current_version(changelog)
    if result.is_empty and current is not None:
        return result, None
    version = next_version(current, result)
    names, dropped = expire_aliases(names, version)
    if dropped:
        spec = copy.deepcopy(dict(new.spec))
        drop_aliases(spec, dropped)
        new = LoadedSpec(new.label, spec, new.service)
    _write_spec(new, spec_out or last_spec)
    write_lock(lock_path_for(spec_out or last_spec), names)
    add_entry(changelog, version, docs_commit, docs_date, result, removed_aliases=dropped)
    if report is not None:
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(markdown(result, old.label, new.label, version, current_version=current), encoding="utf-8")
    if client:
        _regenerate_client(name, new, client_dir, version, changelog)
    return result, version


def _regenerate_client(name: str, spec: LoadedSpec, client_dir: Path, version: str, changelog: Path) -> None:
    # lazy: imported only now, every CLI start imports this module (commands.docs_ci -> release.docs_ci), and the
    # client generator's imports (openapi-python-client) are heavy; as in commands/generate.py
    from generator.client import CodegenError, generate_client

    try:
        service = resolve_service(name)
    except ConfigError as exc:
        raise InputError(str(exc)) from exc
    try:
        generate_client(service, dict(spec.spec), client_dir, version, changelog.read_text(encoding="utf-8"))
    except CodegenError as exc:
        raise InputError(f"client generation failed (spec and changelog were written): {exc}") from exc


def _write_spec(spec: LoadedSpec, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dump_json(spec.spec) if path.suffix == ".json" else dump_yaml(spec.spec)
    path.write_text(text, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.release.regenerate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("docs_dir", type=Path)
    parser.add_argument("last_spec", type=Path)
    parser.add_argument("--service")
    parser.add_argument("--changelog", type=Path)
    parser.add_argument("--spec-out", type=Path)
    parser.add_argument("--report", type=Path, help="also write the Markdown diff report here")
    parser.add_argument("--docs-commit")
    parser.add_argument("--docs-date")
    parser.add_argument("--fail-on", choices=FAIL_ON)
    parser.add_argument("--client-dir", type=Path,
                        help="the client project to regenerate (default generated/<service>/)")
    parser.add_argument("--no-client", action="store_true", help="write spec and changelog only")
    args = parser.parse_args(argv)
    try:
        result, version = regenerate(
            args.docs_dir,
            args.last_spec,
            service=args.service,
            changelog=args.changelog,
            spec_out=args.spec_out,
            report=args.report,
            docs_commit=args.docs_commit,
            docs_date=args.docs_date,
            client_dir=args.client_dir,
            client=not args.no_client,
        )
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if version is None:
        print("no changes: spec, version and changelog left as they are")
        return 0
    counts = ", ".join(f"{n} {k}" for k, n in result.counts().items())
    print(f"version {version}: {len(result.changes)} changes ({counts})")
    if args.fail_on and failing(result, args.fail_on):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
