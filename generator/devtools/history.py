"""Replay real docs histories (`../shared/history/*.bundle`) commit by commit, as the docs workflow runs them.

    python -m generator.devtools.history [BUNDLE...] [--no-lock] [--json OUT] [--cache-dir DIR]
        [--write-expected tests/devtools/history_expected.py] [--markdown BEFORE_JSON benchmarks/history.md]
        [--replayed JSON] [--findings DIR]

Each bundle is cloned into a temporary folder; each commit's docs tree is exported (`git archive`, as
`generator.release.docs_ci` reads a revision), built and validated as the workflow's `load_pair` does, and
diffed against the previous commit's build (`generator.diff.compare.diff_specs`). With the names lock (the
default), each commit is built with the previous commit's lock, which is then updated, as a release does.
Commits whose tree has no API pages yet (a repository's first scaffolding) start nothing: the replay starts
at the first commit with operations.

Per update it measures what the client's public names did (`history_names`): endpoints kept, functions
renamed, names rebound, modules changed, and the diff's error, warning and info counts. It prints a table
per update and a summary per service. `--write-expected` rewrites the pins of tests/devtools/test_history_replay.py;
`--markdown` writes benchmarks/history.md from a `--no-lock --json` run (before) and this one (after);
`--replayed` renders the figures of an earlier `--json` run instead of replaying; `--findings DIR` also writes
each update's diff findings as `DIR/<service>/<old>..<new>.json` (`generator.devtools.history_findings`).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.build.lock import read_lock, write_lock
from generator.build.pipeline import build_spec, resolve_service
from generator.core.config import Service
from generator.devtools.corpus import CORPUS
from generator.devtools.history_findings import write_findings
from generator.devtools.history_names import Anchors, Names, compare, names_of
from generator.diff.compare import diff_specs
from generator.diff.inputs import InputError, validate_built
from generator.diff.model import DiffResult
from generator.diff.rules import Level
from generator.report.as_text import format_table
from generator.speed.layer import speed_for
from generator.speed.page_cache import PageCache
from generator.speed.stage_cache import StageCache

# OTC_APIGEN_HISTORY points elsewhere; by default the histories sit beside the corpus (`../shared/history`)
HISTORY = Path(os.environ.get("OTC_APIGEN_HISTORY") or CORPUS.parent / "history")
DOCS_SUBDIR = "api-ref/source"

class HistoryError(Exception):
    """A bundle that cannot be replayed (missing, not a git bundle, a commit that does not build)."""


@dataclass(frozen=True)
class Update:
    commit: str  # short hash of the new side
    date: str
    kept: int
    renamed: int
    rebound: int
    modules_changed: int
    errors: int
    warnings: int
    infos: int


@dataclass
class ServiceReplay:
    service: str
    skipped: list[str] = field(default_factory=list)  # commits before the first with API pages
    start: str = ""  # the first commit built
    updates: list[Update] = field(default_factory=list)

    def total(self, what: str) -> int:
        return sum(int(getattr(u, what)) for u in self.updates)


SUMMED = ("kept", "renamed", "rebound", "modules_changed", "errors", "warnings", "infos")


def _git(repo: Path, *args: str) -> bytes:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if proc.returncode != 0:
        raise HistoryError(f"git {' '.join(args)}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def clone(bundle: Path, dest: Path) -> Path:
    if not bundle.is_file():
        raise HistoryError(f"{bundle}: no such bundle")
    proc = subprocess.run(["git", "clone", "-q", "-b", "main", str(bundle), str(dest)], capture_output=True,
                          check=False)
    if proc.returncode != 0:
        raise HistoryError(f"{bundle}: cannot clone: {proc.stderr.decode(errors='replace').strip()}")
    return dest


def commits(repo: Path) -> list[tuple[str, str]]:
    """(short hash, date) of each commit on the first-parent line, oldest first."""
    out = _git(repo, "log", "--first-parent", "--reverse", "--format=%h %ad", "--date=short")
    return [(h, d) for h, d in (line.split(" ", 1) for line in out.decode().splitlines() if line)]


def export(repo: Path, rev: str, dest: Path) -> Path | None:
    """The docs tree at `rev` under `dest`, None when the commit has none."""
    data = _git(repo, "archive", "--format=tar", rev, "--", DOCS_SUBDIR)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    tree = dest / DOCS_SUBDIR
    return tree if tree.is_dir() else None


def _build(tree: Path | None, service: Service, speed: Any, lock_path: Path | None) -> dict[str, Any] | None:
    """The commit's spec as the workflow makes a side: built with the speed layer (and, given `lock_path`, with
    the lock there, which is then updated), validated. None without API pages; any other failure stops the
    replay: the workflow would fail there too."""
    if tree is None or not any(tree.rglob("*.rst")):
        return None
    names_lock = read_lock(lock_path) if lock_path is not None else None
    result = build_spec(tree, service, speed=speed, names_lock=names_lock)
    if not result.spec.get("paths"):
        return None
    try:
        validate_built(result.spec, tree, speed)
    except InputError as exc:
        raise HistoryError(str(exc)) from exc
    if lock_path is not None and result.names_lock is not None:
        write_lock(lock_path, result.names_lock)
    return result.spec


def _levels(result: DiffResult) -> tuple[int, int, int]:
    changes = result.changes

    def count(level: Level) -> int:
        return sum(c.level is level for c in changes)

    return count(Level.ERROR), count(Level.WARNING), count(Level.INFO)


def replay(bundle: Path, *, locked: bool = True, cache: PageCache | None = None,
           service: str | None = None, findings: Path | None = None) -> ServiceReplay:
    """Every update of one bundle; `locked`: each commit built with the previous commit's names lock;
    `findings`: the folder each update's diff report is written to (`history_findings.write_findings`)."""
    name = service or bundle.name.removesuffix(".bundle")
    svc = resolve_service(name)
    speed = speed_for(1, cache, StageCache(cache.root) if cache is not None else None)
    out = ServiceReplay(name)
    with tempfile.TemporaryDirectory(prefix=f"otc-apigen-history-{name}-") as tmp:
        repo = clone(bundle, Path(tmp) / "repo")
        lock_path = Path(tmp) / "names.lock.yaml" if locked else None
        previous: tuple[dict[str, Any], Names, str] | None = None
        for i, (rev, date) in enumerate(commits(repo)):
            tree = export(repo, rev, Path(tmp) / str(i))
            spec = _build(tree, svc, speed, lock_path)
            if spec is None:
                if previous is not None:
                    raise HistoryError(f"{name}@{rev}: the docs tree lost every API page")
                out.skipped.append(rev)
                continue
            assert tree is not None
            names = names_of(spec, Anchors(tree))
            if previous is None:
                out.start = rev
            else:
                moved = compare(previous[1], names)
                result = diff_specs(previous[0], spec)
                if findings is not None:
                    write_findings(findings, name, previous[2], rev, result)
                errors, warnings, infos = _levels(result)
                out.updates.append(Update(rev, date, moved.kept, moved.renamed, moved.rebound, moved.modules_changed,
                                          errors, warnings, infos))
            previous = (spec, names, rev)
    return out


# ---------------------------------------------------------------- output


def update_table(replays: Sequence[ServiceReplay]) -> str:
    rows: list[list[str | int]] = [[r.service, u.commit, u.date, *(int(getattr(u, k)) for k in SUMMED)]
                                   for r in replays for u in r.updates]
    return format_table(["service", "commit", "date", "kept", "renamed", "rebound", "modules", "errors", "warnings",
                         "info"], rows)


def summary_rows(replays: Sequence[ServiceReplay]) -> list[list[Any]]:
    rows: list[list[Any]] = [[r.service, len(r.updates), *(r.total(k) for k in SUMMED)] for r in replays]
    rows.append(["total", sum(len(r.updates) for r in replays), *(sum(r.total(k) for r in replays) for k in SUMMED)])
    return rows


SUMMARY_HEADERS = ["service", "updates", "kept", "renamed", "rebound", "modules", "errors", "warnings", "info"]


def summary_table(replays: Sequence[ServiceReplay]) -> str:
    return format_table(SUMMARY_HEADERS, summary_rows(replays))


def as_json(replays: Sequence[ServiceReplay]) -> str:
    return json.dumps([asdict(r) for r in replays], indent=2, sort_keys=True) + "\n"


def from_json(text: str) -> list[ServiceReplay]:
    return [ServiceReplay(r["service"], r["skipped"], r["start"], [Update(**u) for u in r["updates"]])
            for r in json.loads(text)]


def markdown(before: Sequence[ServiceReplay], after: Sequence[ServiceReplay]) -> str:
    """`benchmarks/history.md`: per service, each figure before (today's names) -> after (the names lock)."""
    old = {r[0]: r for r in summary_rows(before)}
    lines = ["# Docs histories replayed: names before and after the names lock", "",
             "Written by `python -m generator.devtools.history --markdown BEFORE_JSON benchmarks/history.md` from the",
             "replay of every bundle of `../shared/history` (`--no-lock --json BEFORE_JSON` makes the before side):",
             "each commit exported, built, validated and diffed against the previous commit as the docs workflow",
             "does; after: each commit built with the previous commit's names lock, which is then updated.", "",
             "A figure that moved reads `before → after`. kept: endpoints (METHOD + path) on both sides of an update;",
             "renamed: functions of kept endpoints (each page's own on a shared endpoint) whose name changed;",
             "rebound: names on both sides that call another endpoint or page; modules: kept endpoints whose first",
             "tag changed; errors, warnings, info: the diff's findings.", "",
             "| " + " | ".join(SUMMARY_HEADERS) + " |", "|" + "---|" * len(SUMMARY_HEADERS)]
    for row in summary_rows(after):
        prior = old.get(row[0])
        cells = [str(row[0])] + [f"{prior[i]} → {v}" if prior is not None and prior[i] != v else str(v)
                                 for i, v in enumerate(row) if i > 0]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def expected_literal(replays: Sequence[ServiceReplay]) -> str:
    """The `EXPECTED` literal of tests/devtools/history_expected.py: per service, one tuple per update."""
    lines = ['"""Per update of each docs history: what the replay (`generator.devtools.history`) measures.',
             "",
             "Written by `python -m generator.devtools.history --write-expected tests/devtools/history_expected.py`.",
             '"""', "", "from __future__ import annotations", "",
             "# commit, kept, renamed, rebound, modules changed, errors, warnings, info",
             "Row = tuple[str, int, int, int, int, int, int, int]", "",
             "EXPECTED: dict[str, list[Row]] = {"]
    for r in sorted(replays, key=lambda r: r.service):
        lines.append(f"    {r.service!r}: [")
        lines += [f"        {(u.commit, *(int(getattr(u, k)) for k in SUMMED))!r}," for u in r.updates]
        lines.append("    ],")
    return "\n".join([*lines, "}"]) + "\n"


def _replay_all(bundles: Sequence[Path], locked: bool, cache_dir: Path | None,
                findings: Path | None = None) -> list[ServiceReplay]:
    with tempfile.TemporaryDirectory(prefix="otc-apigen-history-cache-") as tmp:
        cache = PageCache(cache_dir or Path(tmp))
        return [replay(b, locked=locked, cache=cache, findings=findings) for b in bundles]


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m generator.devtools.history", description=__doc__.split("\n\n")[0])
    p.add_argument("bundles", nargs="*", type=Path, help=f"git bundles (default: every bundle in {HISTORY})")
    p.add_argument("--no-lock", action="store_true", help="build every commit with today's names (no names lock)")
    p.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    p.add_argument("--cache-dir", type=Path, help="the page cache's folder (default: a temporary one)")
    p.add_argument("--markdown", nargs=2, type=Path, metavar=("BEFORE_JSON", "OUT"),
                   help="write OUT: the per-service table before (BEFORE_JSON) -> after (this run)")
    p.add_argument("--replayed", type=Path, metavar="JSON", help="the figures of an earlier run (--json): no replay")
    p.add_argument("--write-expected", type=Path, metavar="FILE", help="write the figures as the tests' pins")
    p.add_argument("--findings", type=Path, metavar="DIR",
                   help="write each update's diff findings as DIR/<service>/<old>..<new>.json")
    args = p.parse_args(argv)
    if args.replayed is not None:
        replays = from_json(args.replayed.read_text(encoding="utf-8"))
    else:
        bundles = args.bundles or sorted(HISTORY.glob("*.bundle"))
        if not bundles:
            print(f"no bundles under {HISTORY}", file=sys.stderr)
            return 2
        started = time.perf_counter()
        try:
            replays = _replay_all(bundles, not args.no_lock, args.cache_dir, args.findings)
        except HistoryError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"{sum(len(r.updates) for r in replays)} updates in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
    print(update_table(replays), "", summary_table(replays), sep="\n")
    if args.json is not None:
        args.json.write_text(as_json(replays), encoding="utf-8")
    if args.write_expected is not None:
        args.write_expected.write_text(expected_literal(replays), encoding="utf-8")
    if args.markdown is not None:
        before = from_json(args.markdown[0].read_text(encoding="utf-8"))
        args.markdown[1].write_text(markdown(before, replays), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
