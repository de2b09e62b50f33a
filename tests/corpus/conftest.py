"""Each corpus tree is built (and checked) once per test session, whatever the worker layout.

Within a process the builds are memoised. Under pytest-xdist every test of a tree carries
`xdist_group(<tree>)`, so with `--dist loadgroup` one worker gets all of a tree's tests; with any other
distribution the workers still share one build per tree through a pickle in the session's shared temp
folder, guarded by a file lock, so no tree is ever built twice.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.devtools.corpus import CORPUS, TreeBuild, build_tree, trees

TREES = trees(CORPUS)


def pytest_configure(config: pytest.Config) -> None:
    # declared by pytest-xdist; declared here too so `-p no:xdist` runs stay warning-free
    config.addinivalue_line("markers", "xdist_group(name): run all tests of a group on one xdist worker")


MISSING = "corpus-missing"


def tree_params(xfail: dict[str, str] | None = None, names: list[str] | None = None) -> list[object]:
    """One param per tree (all, or `names`), grouped for xdist; `xfail` maps a tree to the known gap it fails
    on (strict). Never empty: pytest skips an empty parametrisation silently, so a missing corpus gives one
    `corpus-missing` param, which fails (tests/conftest.py), and a named tree that is gone fails to build."""
    gaps = xfail or {}
    chosen = TREES if names is None else names
    if not chosen:
        return [pytest.param(MISSING, id=MISSING)]
    return [pytest.param(t, id=t, marks=[pytest.mark.xdist_group(t)]
                         + ([pytest.mark.xfail(strict=True, reason=gaps[t])] if t in gaps else []))
            for t in chosen]


def _shared_dir(factory: pytest.TempPathFactory) -> Path | None:
    # under xdist each worker's basetemp is <session temp>/popen-gwN: the parent is this session's, shared by all
    # workers and fresh per run (so no stale build survives an extraction change)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return factory.getbasetemp().parent
    return None


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], TreeBuild]]:
    if not CORPUS.is_dir():
        # a required input (CI has it beside the repo): a skip here would pass ~200 tests unseen
        pytest.fail(f"shared corpus not found at {CORPUS}")
    memo: dict[str, TreeBuild] = {}
    shared = _shared_dir(tmp_path_factory)

    def get(tree: str) -> TreeBuild:
        if tree in memo:
            return memo[tree]
        if shared is None:
            memo[tree] = build_tree(tree)
            return memo[tree]
        cache = shared / f"corpus-{tree}.pickle"
        with open(shared / f"corpus-{tree}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # the other worker waits for the build instead of repeating it
            try:
                if cache.exists():
                    with cache.open("rb") as fh:
                        memo[tree] = pickle.load(fh)
                else:
                    memo[tree] = build_tree(tree)
                    tmp = cache.with_suffix(".tmp")
                    with tmp.open("wb") as fh:
                        pickle.dump(memo[tree], fh, protocol=pickle.HIGHEST_PROTOCOL)
                    tmp.replace(cache)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        return memo[tree]

    yield get
    memo.clear()
