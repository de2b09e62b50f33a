"""Read + extract the pages of a tree: from the page cache, then in a process pool for the rest.

A page is independent of the others until `link`, so the pages are extracted in any order by any
number of processes and put back in file order: the result is the same list of `Page`s (same bytes
downstream) whatever the job count or the cache holds. The page's bytes are read once, here: the cache
key and the extraction see the same content even when the file changes during the build.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing
import os
import pickle
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build.pages import extract_data, refused_page
from generator.core.limits import DEFAULT_MAX_PAGE_BYTES
from generator.core.model import Page
from generator.speed import prose_memo
from generator.speed.page_cache import PageCache

# Below this many pages to extract, starting worker processes costs more than it saves.
MIN_POOL_PAGES = 8


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extract_bytes(rel: str, data: bytes) -> Page:
    """One page from its bytes, its description cells read through the memo; any exception becomes a `page.crash`
    diagnostic (`generator.build.pages`)."""
    return extract_data(data, rel, prose_memo.read_cell)


def _extract_chunk(items: list[tuple[str, bytes]]) -> list[Page]:
    return [extract_bytes(rel, data) for rel, data in items]


def extract_pages(files: list[Path], root: Path, jobs: int | None = None, cache: PageCache | None = None, *,
                  max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> list[Page]:
    """The `Page` of every file (in the order given), from `cache` where it holds them.

    Files that must not be read (outside the root, above `max_page_bytes`) are refused before their
    bytes are read, and their stand-in pages are never cached.
    """
    return extract_read(read_tree(files, root, max_page_bytes), jobs, cache)


@dataclass
class TreeRead:
    """The files of a tree as read once: (relative path, bytes, None) or, for a file refused before its bytes
    were read, (relative path, None, the page standing in for it); and a sha256 of all of it (every file's
    relative path and bytes, or why it was refused), in order: the stages after extraction are keyed by it
    (`generator.speed.stage_cache`)."""

    files: list[tuple[str, bytes | None, Page | None]]
    digest: str


def read_tree(files: list[Path], root: Path, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> TreeRead:
    """Every file's bytes, read once: what is digested is what is extracted, even when a file changes meanwhile."""
    tree = hashlib.sha256()
    out: list[tuple[str, bytes | None, Page | None]] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        refused = refused_page(path, root, max_page_bytes)
        data = None if refused is not None else path.read_bytes()
        _digest_file(tree, rel, data, refused)
        out.append((rel, data, refused))
    return TreeRead(out, tree.hexdigest())


def extract_read(tree: TreeRead, jobs: int | None = None, cache: PageCache | None = None) -> list[Page]:
    """The `Page` of every file of `tree`, in its order, from `cache` where it holds them (a refused file's
    stand-in page is never cached)."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    pages: list[Page | None] = [None] * len(tree.files)
    todo: list[tuple[int, str, bytes, str]] = []  # index, relative path, bytes, cache key
    for i, (rel, data, refused) in enumerate(tree.files):
        if data is None:
            pages[i] = refused
            continue
        key = cache.key(data, rel) if cache is not None else ""
        pages[i] = cache.get(key) if cache is not None else None
        if pages[i] is None:
            todo.append((i, rel, data, key))
    for (i, _, _, _), page in zip(todo, _extract_all([(rel, data, key) for _, rel, data, key in todo], jobs, cache),
                                  strict=True):
        pages[i] = page
    if cache is not None and todo:
        cache.prune()
    return [p for p in pages if p is not None]


def _digest_file(tree: Any, rel: str, data: bytes | None, refused: Page | None) -> None:
    tree.update(rel.encode("utf-8", "surrogateescape") + b"\0")
    if data is None:
        tree.update(b"refused\0" + repr(refused).encode("utf-8", "surrogateescape") + b"\0")
    else:
        tree.update(b"read\0" + hashlib.sha256(data).digest())


def _extract_all(items: list[tuple[str, bytes, str]], jobs: int, cache: PageCache | None) -> list[Page]:
    """The pages of (relative path, bytes, cache key), in that order, each put in `cache` as well."""
    if jobs == 1 or len(items) < MIN_POOL_PAGES:
        with relaxed_gc():
            pages = _extract_chunk([(rel, data) for rel, data, _ in items])
        if cache is not None:
            for (_, _, key), page in zip(items, pages, strict=True):
                cache.put(key, page)
        return pages
    # One task per page, the largest first: a page's cost grows with its size (tables above all), so the
    # long ones start early and the short ones fill the gaps at the end instead of one worker finishing a
    # chunk of big pages alone. A task's round trip is a fraction of a millisecond, a page tens of them.
    order = sorted(range(len(items)), key=lambda i: (-len(items[i][1]), i))
    done: list[Page | None] = [None] * len(items)
    # fork: workers start with the generator already imported (ProcessPoolExecutor forks them all
    # before it starts its own thread); elsewhere the platform's default.
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=ctx, initializer=_init_worker,
                             initargs=(cache,)) as pool:
        for i, (payload, written) in zip(order, pool.map(_extract_payload, [items[i] for i in order]), strict=True):
            done[i] = pickle.loads(payload)
            if written and cache is not None:
                cache.stats.written += 1
    return [p for p in done if p is not None]


# A worker's page cache (set by `_init_worker`): the worker writes each page's entry itself.
_worker_cache: PageCache | None = None


def _init_worker(cache: PageCache | None) -> None:
    global _worker_cache
    _worker_cache = cache
    # what the worker inherited from the parent is never garbage: keep collections from walking it
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _extract_payload(item: tuple[str, bytes, str]) -> tuple[bytes, bool]:
    """The pickled page, and whether its cache entry was written: pickled once, here, for both the
    parent and the cache, and written here, so the parent only unpickles."""
    rel, data, key = item
    payload = pickle.dumps(extract_bytes(rel, data), protocol=pickle.HIGHEST_PROTOCOL)
    written = _worker_cache.put_payload(key, payload) if _worker_cache is not None else False
    return payload, written


# The collector's generation-0 threshold while pages are extracted. A page's doctree is tens of thousands
# of container objects (each node links to its parent), so at the default of 700 allocations a
# collection runs every few table rows and finds nothing to free until the page is done: about a tenth
# of the extraction time. The trees are still collected (cycles), just less often.
GC_THRESHOLD = (50_000, 20, 100)


@contextlib.contextmanager
def relaxed_gc() -> Iterator[None]:
    """`GC_THRESHOLD` for the duration (extraction in this process; the build and check stages, whose objects
    all live until they end), then the thresholds as they were."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
