"""The organisation's index: one static HTML page, one row per docs tree built by `build-all`.

What a docs team needs at a glance: which services build, how many operations and client functions each has,
how many documentation defects and errors the build found, and links to each service's spec, diagnostics,
coverage report and client API reference (where they were written). Every cell is escaped; links are relative
paths, percent-encoded, never a scheme a folder name could smuggle in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from generator.report.as_html import CSS, Html, esc, table


@dataclass(frozen=True)
class IndexRow:
    label: str  # the tree's folder name
    title: str
    pages: int
    operations: int
    functions: int | None  # client functions, None when no client was generated
    defects: int  # documentation defects (examples and defaults contradicting their tables)
    errors: int
    spec_written: bool
    note: str = ""  # why no spec was written
    links: tuple[tuple[str, str], ...] = ()  # (text, path relative to the index)


def render_index(rows: Sequence[IndexRow], heading: str = "OTC API reference: every service") -> str:
    written = sum(r.spec_written for r in rows)
    totals = (f"{len(rows)} docs trees, {written} specs written, {len(rows) - written} failed; "
              f"{sum(r.operations for r in rows)} operations, {sum(r.defects for r in rows)} documentation defects, "
              f"{sum(r.errors for r in rows)} error diagnostics")
    body = table(["service", "title", "pages", "operations", "functions", "doc defects", "errors", "status", "links"],
                 [[r.label, r.title, r.pages, r.operations, "–" if r.functions is None else r.functions, r.defects,
                   r.errors, "ok" if r.spec_written else f"FAILED: {r.note}", _links(r.links)] for r in rows],
                 ["" if r.spec_written else "bad" for r in rows])
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{esc(heading)}</title><style>{CSS}tr.bad td{{background:#fee}}</style></head><body>"
            f"<h1>{esc(heading)}</h1><p>{esc(totals)}</p>{body}</body></html>\n")


def _links(links: tuple[tuple[str, str], ...]) -> Html:
    return Html(" · ".join(f'<a href="{esc(quote(path))}">{esc(text)}</a>' for text, path in links))
