"""Read + extract the pages of a tree: from the page cache, then in a process pool for the rest.

A page is independent of the others until `link`, so the pages are extracted in any order by any
number of processes and put back in file order: the result is the same list of `Page`s (same bytes
downstream) whatever the job count or the cache holds. The page's bytes are read once, here: the cache
key and the extraction see the same content even when the file changes during the build.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generator.cache import PageCache
from generator.limits import DEFAULT_MAX_PAGE_BYTES
from generator.model import Page

# Below this many pages to extract, starting worker processes costs more than it saves.
MIN_POOL_PAGES = 8


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extract_bytes(rel: str, data: bytes) -> Page:
    """One page from its bytes; any exception becomes a `page.crash` diagnostic (see `pipeline`)."""
    from generator.pipeline import extract_data  # the pipeline imports this module

    return extract_data(data, rel)


def _extract_chunk(items: list[tuple[str, bytes]]) -> list[Page]:
    return [extract_bytes(rel, data) for rel, data in items]


def extract_pages(files: list[Path], root: Path, jobs: int | None = None, cache: PageCache | None = None, *,
                  max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> list[Page]:
    """The `Page` of every file (in the order given), from `cache` where it holds them.

    Files that must not be read (outside the root, above `max_page_bytes`) are refused before their
    bytes are read, and their stand-in pages are never cached.
    """
    return extract_pages_digest(files, root, jobs, cache, max_page_bytes=max_page_bytes)[0]


def extract_pages_digest(files: list[Path], root: Path, jobs: int | None = None, cache: PageCache | None = None, *,
                         max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> tuple[list[Page], str]:
    """`extract_pages`, and a sha256 of what the tree gave it: every file's relative path and bytes (or
    why it was refused), in order. The stages after extraction are keyed by it (`generator.stage_cache`)."""
    from generator.pipeline import refused_page

    jobs = default_jobs() if jobs is None else max(1, jobs)
    pages: list[Page | None] = [None] * len(files)
    todo: list[tuple[int, str, bytes, str]] = []  # index, relative path, bytes, cache key
    tree = hashlib.sha256()
    for i, path in enumerate(files):
        rel = path.relative_to(root).as_posix()
        pages[i] = refused_page(path, root, max_page_bytes)
        if pages[i] is not None:
            _digest_file(tree, rel, None, pages[i])
            continue
        data = path.read_bytes()
        _digest_file(tree, rel, data, None)
        key = cache.key(data, rel) if cache is not None else ""
        pages[i] = cache.get(key) if cache is not None else None
        if pages[i] is None:
            todo.append((i, rel, data, key))
    for (i, _, _, key), page in zip(todo, _extract_all([(rel, data) for _, rel, data, _ in todo], jobs), strict=True):
        pages[i] = page
        if cache is not None:
            cache.put(key, page)
    if cache is not None and todo:
        cache.prune()
    return [p for p in pages if p is not None], tree.hexdigest()


def tree_digest(files: list[Path], root: Path, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> str:
    """The digest `extract_pages_digest` gives for these files, without extracting anything."""
    from generator.pipeline import refused_page

    tree = hashlib.sha256()
    for path in files:
        refused = refused_page(path, root, max_page_bytes)
        _digest_file(tree, path.relative_to(root).as_posix(), None if refused else path.read_bytes(), refused)
    return tree.hexdigest()


def _digest_file(tree: Any, rel: str, data: bytes | None, refused: Page | None) -> None:
    tree.update(rel.encode("utf-8", "surrogateescape") + b"\0")
    if data is None:
        tree.update(b"refused\0" + repr(refused).encode("utf-8", "surrogateescape") + b"\0")
    else:
        tree.update(b"read\0" + hashlib.sha256(data).digest())


def _extract_all(items: list[tuple[str, bytes]], jobs: int) -> list[Page]:
    if jobs == 1 or len(items) < MIN_POOL_PAGES:
        return _extract_chunk(items)
    # Contiguous chunks, a few per worker: fewer round trips than one task per page, still balanced.
    size = max(1, len(items) // (jobs * 4))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    # fork: workers start with the generator already imported (ProcessPoolExecutor forks them all
    # before it starts its own thread); elsewhere the platform's default.
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=ctx) as pool:
        return [page for chunk in pool.map(_extract_chunk, chunks) for page in chunk]
