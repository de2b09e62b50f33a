"""Load both sides of a diff; two docs trees are built at the same time, in two processes.

Building a tree dominates a diff (modelarts: tens of seconds per side, the comparison itself well
under a second), and the two builds share nothing, so they run in parallel. `load_side` is the one
place a side is produced: a build cache (keyed by the tree's content and the generator's version)
slots in there, in front of `inputs.load`, without the callers changing.

A NEW side built from a docs tree gets the names of OLD (`generator.build.lock`), exactly as a release builds it:
a retitle, a folder move or a new page taking a freed name is then no finding, and a deliberate rename is.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generator.build.lock import NamesLock, derive_lock
from generator.core.untrusted import DEFAULT_LIMITS, Limits
from generator.diff.inputs import LoadedSpec, load, renamed


def load_side(path: Path, service: str | None, limits: Limits = DEFAULT_LIMITS, jobs: int | None = 1,
              cache: Any = None, no_speed: bool = False) -> LoadedSpec:
    return load(path, service, limits, jobs, cache, no_speed)


def load_pair(
    old: Path, new: Path, service: str | None, *, parallel: bool | None = None, limits: Limits = DEFAULT_LIMITS,
    jobs: int | None = 1, cache: Any = None, no_speed: bool = False, names_lock: NamesLock | None = None,
) -> tuple[LoadedSpec, LoadedSpec]:
    """Both sides, in parallel when both are docs trees (spec files load faster than a process starts); NEW, when
    built from a docs tree, with the names of OLD. `names_lock`: the last release's lock, for OLD when it is a docs
    tree (its retired names stay reserved for NEW in any case).

    `InputError`s from a worker are re-raised here unchanged, old side first. `no_speed`: build without the speed
    layer (`--no-speed`).
    """
    old_side, new_side = _load_pair(old, new, service, parallel, limits, jobs, cache, no_speed)
    if old.is_dir() and names_lock is not None:
        old_side, old_lock = renamed(old_side, names_lock)
    else:
        old_lock = derive_lock(dict(old_side.spec), names_lock)
    if new.is_dir():
        new_side, _ = renamed(new_side, old_lock)
    return old_side, new_side


def _load_pair(old: Path, new: Path, service: str | None, parallel: bool | None, limits: Limits,
               jobs: int | None, cache: Any, no_speed: bool) -> tuple[LoadedSpec, LoadedSpec]:
    if parallel is None:
        parallel = old.is_dir() and new.is_dir() and (os.cpu_count() or 1) > 1
    if not parallel:
        return (load_side(old, service, limits, jobs, cache, no_speed),
                load_side(new, service, limits, jobs, cache, no_speed))
    with ProcessPoolExecutor(max_workers=2) as pool:
        # each side has a process of its own already: its pages are extracted there, one at a time
        old_job = pool.submit(load_side, old, service, limits, 1, cache, no_speed)
        new_job = pool.submit(load_side, new, service, limits, 1, cache, no_speed)
        return old_job.result(), new_job.result()
