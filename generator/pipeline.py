"""The stages wired together for one docs tree: read -> extract -> link -> build -> check.

`build_spec` is the function everything else calls (CLI, diff, tests). One broken page never stops
the others: an exception while reading or extracting a page becomes a `page.crash` diagnostic.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.build import build
from generator.config import Service, default_service
from generator.extract import extract
from generator.limits import DEFAULT_MAX_PAGE_BYTES
from generator.link import link
from generator.model import Diagnostic, Page, Severity, Source
from generator.read import read_file


@dataclass
class BuildResult:
    service: Service
    spec: dict[str, Any]
    pages: list[Page]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def rst_files(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.rst") if p.is_file())


def extract_page(path: Path, root: Path, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> Page:
    rel = path.relative_to(root).as_posix()
    size = path.stat().st_size
    if size > max_page_bytes:  # docutils needs tens of times a page's size: refuse before reading
        page = Page(file=rel, title="", is_api=False)
        page.diagnostics.append(Diagnostic(Source(rel, 0), "page.too_large", Severity.ERROR,
                                           f"{size} bytes, above the limit of {max_page_bytes} (--max-page-bytes);"
                                           " not read"))
        return page
    try:
        return extract(read_file(path, root))
    except Exception as exc:  # a page must never take the tree down with it
        page = Page(file=rel, title="", is_api=False)
        last = traceback.extract_tb(exc.__traceback__)[-1]
        page.diagnostics.append(Diagnostic(Source(rel, 0), "page.crash", Severity.ERROR,
                                           f"{type(exc).__name__}: {exc} (in {last.name}:{last.lineno})"))
        return page


def build_spec(docs_dir: Path, service: Service | str, max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> BuildResult:
    svc = default_service(service) if isinstance(service, str) else service
    docs_dir = Path(docs_dir)
    if not docs_dir.is_dir():
        raise FileNotFoundError(f"docs folder {docs_dir} does not exist")
    pages = [extract_page(p, docs_dir, max_page_bytes) for p in rst_files(docs_dir)]
    schemas = link(pages)
    out = build(svc, pages, schemas)
    diagnostics = [d for p in pages for d in p.diagnostics] + out.diagnostics
    diagnostics.sort()
    return BuildResult(svc, out.spec, pages, diagnostics)
