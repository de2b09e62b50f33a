"""The coverage report as one static HTML page: inline CSS, no script, every piece of doc text escaped.

Doc text is untrusted (titles, messages and JSON pointers come straight from the RST), so nothing reaches the
page except through `esc`. Per-page drill-down uses `<details>`, which needs no JavaScript.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.report.model import Coverage, PageCoverage
from generator.report.prose_census import HEADERS as PROSE_HEADERS
from generator.report.prose_census import ProseCensus
from generator.report.prose_census import rows as prose_rows


class Html(str):
    """Markup built here from escaped parts; `table` passes it through instead of escaping it again."""


Cell = str | int

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.2em}
th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f2f2f2}
code{font-size:12px}
details{margin:.2em 0;border-left:3px solid #ddd;padding-left:.6em}
details.bad{border-left-color:#c33}
summary{cursor:pointer}
.error{color:#b00}.warning{color:#a60}.info{color:#555}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], cls: Sequence[str] = ()) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for i, r in enumerate(rows):
        row_cls = f' class="{esc(cls[i])}"' if i < len(cls) and cls[i] else ""
        tds = "".join(f'<td class="n">{c}</td>' if isinstance(c, int) else
                      f"<td>{c if isinstance(c, Html) else esc(c)}</td>" for c in r)
        body.append(f"<tr{row_cls}>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _link(anchor: dict[str, str], file: str, text: str) -> Cell:
    if file not in anchor:
        return text
    return Html(f'<a href="#{anchor[file]}">{esc(text)}</a>')


def _in_spec(in_spec: bool, merged_into: str) -> str:
    if merged_into:
        return f"merged into {merged_into}"
    return "yes" if in_spec else "no (missing)"


def _page(i: int, p: PageCoverage) -> str:
    errors = sum(1 for d in p.diagnostics if d.severity.value == "error")
    bad = errors > 0 or p.rows.resolved != p.rows.total or p.examples.invalid or p.examples.unparseable
    head = (f"<code>{esc(p.file)}</code> — {esc(p.title or '(no title)')} "
            f"[{len(p.operations)} op, {p.rows.resolved}/{p.rows.total} rows, {errors} errors]")
    parts = [f'<details id="p{i}"{" class=bad" if bad else ""}><summary>{head}</summary>']
    if p.operations:
        parts.append(table(["method", "path", "operationId", "in spec"],
                           [[o.method, o.path, o.operation_id, _in_spec(o.in_spec, o.merged_into)]
                            for o in p.operations]))
    elif p.is_api:
        parts.append("<p>API page without an operation.</p>")
    r, e = p.rows, p.examples
    parts.append(table(["rows", "resolved", "unknown type", "failed", "examples", "valid", "invalid", "unchecked",
                        "unparseable"],
                       [[r.total, r.resolved, r.unknown_type, r.failed, e.total, e.valid, e.invalid, e.unchecked,
                         e.unparseable]]))
    if p.diagnostics:
        parts.append(table(["line", "severity", "code", "message"],
                           [[d.source.line, d.severity.value, d.code, d.message] for d in p.diagnostics],
                           [d.severity.value for d in p.diagnostics]))
    parts.append("</details>")
    return "".join(parts)


def _prose(c: ProseCensus, anchor: dict[str, str]) -> list[str]:
    out = ['<h2 id="prose">Prose census</h2>',
           "<p>Description sentences that state a value set, a default, a range or length, a pattern or an array "
           "size, and whether they reached the spec (captured), were rejected with a finding, or fell through. "
           f"Fields outside the spec, not counted: {c.fields_outside_spec}.</p>",
           table(PROSE_HEADERS, prose_rows(c))]
    if c.rejected_by_code:
        out.append(table(["rejected by finding", "sentences"], sorted(c.rejected_by_code.items())))
    out.append(f"<h3>Documentation defects in descriptions ({len(c.defects)})</h3>")
    out.append(table(["file:line", "code", "message"], [[_link(anchor, d.source.file, str(d.source)), d.code,
                                                         d.message] for d in c.defects]) if c.defects
               else "<p>None.</p>")
    out.append(f"<h3>Fell through ({len(c.fell_through)})</h3>")
    if c.fell_through:
        out.append(table(["file:line", "kind", "field", "sentence"],
                         [[_link(anchor, s.file, f"{s.file}:{s.line}"), s.kind, s.field, s.text]
                          for s in c.fell_through]))
    else:
        out.append("<p>None.</p>")
    return out


def render(cov: Coverage, peer_rows: Sequence[Sequence[Cell]] = (), prose: ProseCensus | None = None) -> str:
    r, e, sev = cov.rows, cov.examples, cov.by_severity()
    api = len(cov.api_pages)
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{esc(cov.service)} coverage</title><style>{CSS}</style></head><body>",
           f"<h1>{esc(cov.service)}: coverage report</h1>",
           f"<p>Spec {'valid' if cov.spec_valid else '<strong>NOT valid</strong>'}.</p>",
           "<h2>Totals</h2>",
           table(["counter", "value"], [
               ["pages", len(cov.pages)], ["API pages", api], ["non-API pages", len(cov.pages) - api],
               ["API pages with an operation", cov.api_pages_with_operations],
               ["operations extracted", cov.operations_extracted],
               ["operations merged into another page's", cov.operations_merged],
               ["operations missing from the spec", cov.operations_dropped],
               ["operations in spec", cov.operations_in_spec], ["component schemas", cov.components],
               ["rows", r.total], ["rows resolved", r.resolved], ["rows unknown type", r.unknown_type],
               ["rows failed", r.failed], ["example blocks", e.total], ["examples valid", e.valid],
               ["examples invalid (documentation defects)", e.invalid], ["examples not checked", e.unchecked],
               ["examples unparseable", e.unparseable], ["diagnostics", len(cov.diagnostics)],
               ["errors", sev["error"]], ["warnings", sev["warning"]], ["info", sev["info"]]]),
           "<h2>Diagnostics by code</h2>",
           table(["code", "error", "warning", "info", "total"],
                 [[c, s["error"], s["warning"], s["info"], sum(s.values())] for c, s in cov.by_code().items()]),
           f'<h2 id="defects">Documentation defects ({len(cov.defects)})</h2>',
           "<p>Examples that contradict the tables of their own page.</p>"]
    anchor = {p.file: f"p{i}" for i, p in enumerate(cov.pages)}
    if cov.defects:
        out.append(table(["file:line", "operation", "part", "JSON pointer", "message"],
                         [[_link(anchor, d.file, f"{d.file}:{d.line}"), d.operation, d.part, d.pointer or "/",
                           d.message] for d in cov.defects]))
    else:
        out.append("<p>None.</p>")
    if prose is not None:
        out += _prose(prose, anchor)
    if peer_rows:
        out += ["<h2>Compared with gen-sdk-toolset</h2>",
                table(["measure", "gen-sdk-toolset", "otc-apigen", "note"], peer_rows)]
    out.append(f"<h2>Pages ({len(cov.pages)})</h2>")
    out.append(table(["page", "title", "ops", "rows", "resolved", "unknown type", "failed", "examples invalid",
                      "unparseable", "errors"],
                     [[_link(anchor, p.file, p.file), p.title, len(p.operations), p.rows.total, p.rows.resolved,
                       p.rows.unknown_type, p.rows.failed, p.examples.invalid, p.examples.unparseable,
                       sum(1 for d in p.diagnostics if d.severity.value == "error")] for p in cov.pages]))
    out += [_page(i, p) for i, p in enumerate(cov.pages)]
    if cov.spec_diagnostics:
        out += ["<h2>Spec-level diagnostics</h2>",
                table(["file:line", "severity", "code", "message"],
                      [[str(d.source), d.severity.value, d.code, d.message] for d in cov.spec_diagnostics],
                      [d.severity.value for d in cov.spec_diagnostics])]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
