"""The coverage report as plain-text tables for a terminal (and for a review comment)."""

from __future__ import annotations

from collections.abc import Sequence

from generator.report.model import Coverage, PageCoverage

Cell = str | int


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """Columns padded to their widest cell; numbers right-aligned, text left-aligned."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    numeric = [all(isinstance(r[i], int) for r in rows) and bool(rows) for i in range(len(headers))]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric, strict=True))

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]).rstrip(), rule] + [line(r).rstrip() for r in cells[1:]])


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def needs_attention(p: PageCoverage) -> bool:
    return (p.rows.resolved != p.rows.total or p.examples.invalid > 0 or p.examples.unparseable > 0
            or any(d.severity.value == "error" for d in p.diagnostics) or (p.is_api and not p.operations))


def render(cov: Coverage) -> str:
    api = len(cov.api_pages)
    r, e, sev = cov.rows, cov.examples, cov.by_severity()
    out = [f"{cov.service}: coverage report ({'valid spec' if cov.spec_valid else 'NO VALID SPEC'})", ""]
    out.append(format_table(["counter", "value", "share"], [
        ["pages", len(cov.pages), ""],
        ["API pages", api, ""],
        ["non-API pages", len(cov.pages) - api, ""],
        ["API pages with an operation", cov.api_pages_with_operations, _pct(cov.api_pages_with_operations, api)],
        ["operations extracted", cov.operations_extracted, ""],
        ["operations merged into another page's", cov.operations_merged, ""],
        ["operations missing from the spec", cov.operations_dropped, ""],
        ["operations in spec", cov.operations_in_spec, ""],
        ["component schemas", cov.components, ""],
        ["rows (nested tables included)", r.total, ""],
        ["rows resolved", r.resolved, _pct(r.resolved, r.total)],
        ["rows unknown type", r.unknown_type, _pct(r.unknown_type, r.total)],
        ["rows failed", r.failed, _pct(r.failed, r.total)],
        ["example blocks", e.total, ""],
        ["examples valid against schema", e.valid, _pct(e.valid, e.total)],
        ["examples invalid against schema", e.invalid, _pct(e.invalid, e.total)],
        ["examples parsed, not checked", e.unchecked, _pct(e.unchecked, e.total)],
        ["examples unparseable", e.unparseable, _pct(e.unparseable, e.total)],
        ["diagnostics", len(cov.diagnostics), ""],
        ["  errors", sev["error"], ""],
        ["  warnings", sev["warning"], ""],
        ["  info", sev["info"], ""],
    ]))
    out += ["", "Diagnostics by code", ""]
    out.append(format_table(["code", "error", "warning", "info", "total"],
                            [[c, s["error"], s["warning"], s["info"], sum(s.values())]
                             for c, s in cov.by_code().items()]))
    out += ["", f"Documentation defects: {len(cov.defects)} findings in {cov.examples.invalid} example blocks that "
            "contradict their own page's tables", ""]
    if cov.defects:
        out.append(format_table(["file:line", "operation", "part", "pointer", "message"],
                                [[f"{d.file}:{d.line}", d.operation, d.part, d.pointer or "/", _one_line(d.message)]
                                 for d in cov.defects]))
    else:
        out.append("none")
    attention = [p for p in cov.pages if needs_attention(p)]
    out += ["", f"Pages needing attention: {len(attention)} of {len(cov.pages)}", ""]
    if attention:
        out.append(format_table(
            ["file", "ops", "rows", "resolved", "unknown", "failed", "ex.invalid", "ex.unparseable", "errors"],
            [[p.file, len(p.operations), p.rows.total, p.rows.resolved, p.rows.unknown_type, p.rows.failed,
              p.examples.invalid, p.examples.unparseable, sum(1 for d in p.diagnostics if d.severity.value == "error")]
             for p in attention]))
    else:
        out.append("none")
    return "\n".join(out) + "\n"
