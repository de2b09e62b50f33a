"""Crash safety of `generate`: per service, spec, diagnostics and client are all old or all new.

A commit is journaled. The new client folder (prepared in a temporary folder beside the target)
and the new spec files (written as `.<name>.new` beside theirs) are listed as moves in
`<generated>/.<service>.commit.json`, written atomically: its existence is the commit point.
Then the moves are applied (a folder is swapped through `.<name>.old`), the journal is removed
and the old folder deleted. A run killed at any moment (SIGKILL included) leaves either no journal
(nothing visible changed; the leftovers are deleted at the next start) or a journal (the next start
completes the moves). `recover` does that, under the lock that serialises runs (`run_lock`).

Failure points can be forced for tests with `OTC_APIGEN_CRASH_AT=<point>`: the process then kills
itself with SIGKILL there (points: `before_journal`, `after_journal`, `after_move_1`, `after_move_2`,
`after_move_3`, `after_journal_removed`, `codegen_running`).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import glob
import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

CRASH_ENV = "OTC_APIGEN_CRASH_AT"
LOCK_NAME = ".generate.lock"
_PR_SET_PDEATHSIG = 1


def crash_point(name: str) -> None:
    """Die here, as `kill -9` would, when the test hook asks for this point."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_durable(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
    _fsync_dir(path.parent)


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def _new(target: Path) -> Path:
    return target.with_name(f".{target.name}.new")


def journal_path(generated_dir: Path, service: str) -> Path:
    return generated_dir / f".{service}.commit.json"


def _move_dir(src: Path, dst: Path) -> None:
    if not src.exists():
        return  # already moved by the run that wrote the journal
    old = _old(dst)
    if dst.exists():
        if old.exists():
            shutil.rmtree(old)  # garbage of an earlier run; `dst` is the current client
        dst.rename(old)
    src.rename(dst)


def _apply(journal: Path) -> None:
    moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
    for i, (kind, src, dst) in enumerate(moves, start=1):
        if kind == "dir":
            _move_dir(Path(src), Path(dst))
        elif Path(src).exists():
            os.replace(src, dst)
        crash_point(f"after_move_{i}")
    for _, _, dst in moves:
        _fsync_dir(Path(dst).parent)
    journal.unlink()
    crash_point("after_journal_removed")
    for kind, _, dst in moves:
        if kind == "dir" and _old(Path(dst)).exists():
            shutil.rmtree(_old(Path(dst)))


def commit(generated_dir: Path, service: str, client: tuple[Path, Path] | None, files: dict[Path, str]) -> None:
    """Replace the client folder `client[1]` by `client[0]` and write `files`, all or nothing.

    Files are renamed in the order given, after the client; `generate` lists the spec before its
    diagnostics, so an interrupted commit never shows new diagnostics beside an old spec even
    before recovery completes it.
    """
    moves: list[tuple[str, str, str]] = []
    if client is not None:
        moves.append(("dir", str(client[0].absolute()), str(client[1].absolute())))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = _new(path)
        with open(staged, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        moves.append(("file", str(staged.absolute()), str(path.absolute())))
    crash_point("before_journal")
    generated_dir.mkdir(parents=True, exist_ok=True)
    journal = journal_path(generated_dir, service)
    _write_durable(journal, json.dumps({"service": service, "moves": moves}, indent=1))
    crash_point("after_journal")
    _apply(journal)


def replace_files(files: list[tuple[Path, str]]) -> None:
    """Stage every file beside its target, then rename them in the order given.

    Used by `build -o` with the spec first and its diagnostics second: the renames are back to
    back, and the only mixed state a kill can leave is a new spec beside its old diagnostics, never
    new diagnostics beside an old spec.
    """
    staged = []
    for path, text in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        staged.append((tmp, path))
    for tmp, path in staged:
        tmp.replace(path)


def recover(generated_dir: Path, specs_dir: Path, services: list[str]) -> list[str]:
    """Finish or undo what an interrupted run left behind; returns one line per repair."""
    notes: list[str] = []
    if not generated_dir.is_dir():
        return notes
    # Every journal, also of a service no longer configured: its moves are all it needs.
    journaled = sorted(p.name[1 : -len(".commit.json")] for p in generated_dir.glob(".*.commit.json"))
    for half_written in sorted(generated_dir.glob("..*.commit.json.tmp")):
        half_written.unlink()  # killed before the commit point: nothing was moved
        notes.append(f"removed the unfinished commit journal {half_written.name}")
    for name in sorted(set(services) | set(journaled)):
        journal = journal_path(generated_dir, name)
        if journal.exists():
            try:
                _apply(journal)
                notes.append(f"{name}: completed the commit an interrupted run had started")
            except (OSError, ValueError, KeyError, TypeError) as exc:
                # An unreadable journal was never complete (it is written atomically): drop it.
                journal.unlink(missing_ok=True)
                notes.append(f"{name}: dropped an unusable commit journal ({exc})")
        target = generated_dir / name
        old = _old(target)
        if old.exists():
            if target.exists():
                shutil.rmtree(old)
            else:
                # Left by a run killed between the two renames of a swap without a journal.
                old.rename(target)
                notes.append(f"{name}: restored the previous client from {old.name}")
        for leftover in sorted(generated_dir.glob(f".{name}-*")):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
                notes.append(f"{name}: removed the temporary folder {leftover.name}")
        # every file a run stages beside the spec (spec, diagnostics, names lock): `.<name>.<kind>.new` / `.tmp`
        staged_files = [*specs_dir.glob(f".{glob.escape(name)}.*.new"), *specs_dir.glob(f".{glob.escape(name)}.*.tmp")]
        for staged in sorted(staged_files):
            if staged.is_file():
                staged.unlink()
                notes.append(f"{name}: removed the unfinished {staged.name}")
    return notes


@contextlib.contextmanager
def run_lock(generated_dir: Path, wait_message: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Serialise `generate` runs on one generated folder (released by the kernel if we die)."""
    generated_dir.mkdir(parents=True, exist_ok=True)
    path = generated_dir / LOCK_NAME
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if wait_message is not None:
                wait_message(path)
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` making the child get SIGKILL when this process dies (Linux), else None.

    An orphaned openapi-python-client would otherwise keep writing into a temporary folder that
    the next run is about to delete.
    """
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()

    def preexec() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return preexec
