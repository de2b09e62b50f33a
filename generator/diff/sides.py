"""Load both sides of a diff; two docs trees are built at the same time, in two processes.

Building a tree dominates a diff (modelarts: tens of seconds per side, the comparison itself well
under a second), and the two builds share nothing, so they run in parallel. `load_side` is the one
place a side is produced: a build cache (keyed by the tree's content and the generator's version)
slots in there, in front of `inputs.load`, without the callers changing.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generator.core.untrusted import DEFAULT_LIMITS, Limits
from generator.diff.inputs import LoadedSpec, load


def load_side(path: Path, service: str | None, limits: Limits = DEFAULT_LIMITS, jobs: int | None = 1,
              cache: Any = None, no_speed: bool = False) -> LoadedSpec:
    return load(path, service, limits, jobs, cache, no_speed)


def load_pair(
    old: Path, new: Path, service: str | None, *, parallel: bool | None = None, limits: Limits = DEFAULT_LIMITS,
    jobs: int | None = 1, cache: Any = None, no_speed: bool = False,
) -> tuple[LoadedSpec, LoadedSpec]:
    """Both sides, in parallel when both are docs trees (spec files load faster than a process starts).

    `InputError`s from a worker are re-raised here unchanged, old side first. `no_speed`: build without the speed
    layer (`--no-speed`).
    """
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
