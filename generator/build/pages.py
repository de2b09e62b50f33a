"""Stage 1 for one file: its bytes read and extracted into a `Page`, or the page standing in for a file that
must not be read. One broken page never stops the others: an exception while reading or extracting it
becomes a `page.crash` diagnostic.

Both the pipeline and the speed layer's parallel extraction (`generator.speed.parallel`) extract pages
through here, so neither imports the other for it.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.limits import DEFAULT_MAX_PAGE_BYTES
from generator.core.model import Diagnostic, Page, Severity, Source
from generator.docs.read import OutsideRoot, outside_root, read_data

if TYPE_CHECKING:
    from generator.docs.extract.context import CellReader


def rst_files(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.rst") if p.is_file())


def refused_page(path: Path, root: Path, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Page | None:
    """The page standing in for a file that must not be read (outside the docs root, too large), else None."""
    rel = path.relative_to(root).as_posix()
    why = outside_root(path, root)
    if why is not None:  # a link out of the tree must never bring in a page (or /etc/passwd) from elsewhere
        return _diagnosed_page(rel, "page.outside_root", why)
    size = path.stat().st_size
    if size > max_page_bytes:  # docutils needs tens of times a page's size: refuse before reading
        return _diagnosed_page(rel, "page.too_large", f"{size} bytes, above the limit of {max_page_bytes}"
                               " (--max-page-bytes); not read")
    return None


def _diagnosed_page(rel: str, code: str, message: str) -> Page:
    page = Page(file=rel, title="", is_api=False)
    page.diagnostics.append(Diagnostic(Source(rel, 0), code, Severity.ERROR, message))
    return page


def extract_page(path: Path, root: Path, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
                 read_cell: CellReader | None = None) -> Page:
    """One file of the tree, in this process and without the cache."""
    refused = refused_page(path, root, max_page_bytes)
    return refused or extract_data(path.read_bytes(), path.relative_to(root).as_posix(), read_cell)


def extract_data(data: bytes, rel: str, read_cell: CellReader | None = None) -> Page:
    """`read_cell`: how a description cell is read (None: `tables.read_cell`; the speed layer passes a memo)."""
    # lazy: for start-up speed only (no cycle): a rebuild served from the stage cache extracts nothing,
    # and the extractors' imports (their prose patterns compiled) are a tenth of it
    from generator.docs.extract import extract

    try:
        return extract(read_data(data, rel), read_cell)
    except OutsideRoot as exc:
        return _diagnosed_page(rel, "page.outside_root", str(exc))
    except Exception as exc:  # a page must never take the tree down with it
        page = Page(file=rel, title="", is_api=False)
        last = traceback.extract_tb(exc.__traceback__)[-1]
        page.diagnostics.append(Diagnostic(Source(rel, 0), "page.crash", Severity.ERROR,
                                           f"{type(exc).__name__}: {exc} (in {last.name}:{last.lineno})"))
        return page
