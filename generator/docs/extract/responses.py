"""Status codes and response bodies and headers: from tables first, then from prose, never invented."""

from __future__ import annotations

import re

from docutils import nodes

from generator.core.model import DocOperation, Response, Schema, Severity
from generator.core.types import Kind
from generator.docs.extract.context import PageContext, line_of, outside_tables, row_line
from generator.docs.extract.header_rows import is_header_row
from generator.docs.extract.sections import Sections
from generator.docs.extract.tables import Table, whole_body_type
from generator.docs.read import otc_ref


def read_responses(ctx: PageContext, op: DocOperation, tables: list[Table], sections: Sections) -> None:
    """`op.responses` from the status-code tables, then body and header tables; prose when no 2xx is found."""
    by_status: dict[str, Response] = {}
    for t in tables:
        if t.role != "status":
            continue
        tbody = next(iter(t.node.findall(nodes.tbody)), None)
        for row in tbody.children if tbody is not None else []:
            assert isinstance(row, nodes.row)
            cells = [e for e in row.children if isinstance(e, nodes.entry)]
            assert t.cols.status is not None
            if len(cells) <= t.cols.status:
                ctx.diag(row_line(row), "table.row_shape", Severity.ERROR, "status row without a code")
                continue
            code = cells[t.cols.status].astext().strip()
            descr_idx = t.cols.description if t.cols.description is not None else len(cells) - 1
            descr = " ".join(cells[descr_idx].astext().split()) if descr_idx < len(cells) else ""
            m = re.match(r"^(\d{3})\b\s*(.*)$", " ".join(code.split()))
            if not m:
                ctx.diag(row_line(row), "status.unparsed", Severity.WARNING, f"status code cell {code!r}")
                continue
            code = m.group(1)
            descr = descr if descr and descr != " ".join(cells[t.cols.status].astext().split()) else (
                m.group(2) or descr)
            if code in by_status:
                continue
            by_status[code] = Response(code, descr or reason(code), ctx.src(row_line(row)))
    tabled_success = any(k.startswith("2") for k in by_status)
    # every 2xx the page states is a success response, also beside a status table ("2xx, for example, 200, 202,
    # or 204"); read before the body tables, so a body table without a status belongs to the first of them
    prose_link = _status_from_prose(ctx, sections, by_status, success_only=tabled_success)
    for t in tables:
        if t.role != "response_body":
            continue
        status, resp = _response_for(ctx, t, by_status)
        for f in [f for f in t.fields if is_header_row(f)]:
            t.fields.remove(f)
            resp.headers.append(f)
            ctx.diag(f.source.line, "response.header_in_body", Severity.INFO,
                     f"{f.name!r} in the response table '{t.caption}' is a response header: documented as a "
                     f"header of status {status}, not a body property")
        if not t.fields:
            continue
        name = f"{op.operation_id}Response" + ("" if status == first_success(by_status) else status)
        whole = whole_body_type(t.fields)
        if whole is not None and resp.body is None:
            resp.body_type = whole.type
            resp.body_source = whole.source
            if whole.type.kind is Kind.BINARY:
                resp.media_type = "application/octet-stream"
            continue
        if resp.body is None:
            resp.body = Schema(name, t.fields, ctx.src(t.line), label=t.labels[0] if t.labels else None,
                               title=t.caption, required_unstated=t.cols.mandatory is None)
        else:
            resp.body.fields.extend(t.fields)
            resp.body.required_unstated &= t.cols.mandatory is None
        if t.section == "response_elements":
            resp.media_type = "application/xml"
    for t in tables:
        if t.role != "response_header":
            continue
        _, resp = _response_for(ctx, t, by_status)
        resp.headers.extend(t.fields)
    if not tabled_success:
        op.status_link = prose_link
    if op.status_link is None and not any(k.startswith("4") for k in by_status):
        op.status_link = _status_link(sections)
    _body_by_reference(ctx, tables, sections, by_status)
    if not by_status:
        ctx.diag(op.source.line, "status.none", Severity.WARNING,
                 "no status code documented; assumed 200")
        by_status["200"] = Response("200", "OK", op.source, assumed=True)
    op.responses = [by_status[k] for k in sorted(by_status)]


def _response_for(ctx: PageContext, t: Table, by_status: dict[str, Response]) -> tuple[str, Response]:
    """The response a body or header table belongs to: its `**Status code: NNN**`, else the first 2xx."""
    status = t.status or first_success(by_status) or "200"
    resp = by_status.get(status)
    if resp is None:
        resp = by_status[status] = Response(status, reason(status), ctx.src(t.line), assumed=t.status is None)
        ctx.diag(t.line, "status.from_body", Severity.INFO,
                 f"status {status} has a response table but no row in a status-code table")
    return status, resp


def _status_link(sections: Sections) -> str | None:
    """The label a status-code section links to outside its tables ("For details, see Status Code")."""
    for role, sec in sections:
        if role != "status":
            continue
        for para in outside_tables(sec, nodes.paragraph):
            for ref in para.findall(otc_ref):
                return str(ref.get("target") or "") or None
    return None


def _status_from_prose(ctx: PageContext, sections: Sections, by_status: dict[str, Response],
                       success_only: bool = False) -> str | None:
    """"Normal response codes: 200, 202", "If a 2xx status code is returned, for example, 200, 202 or 204".

    With `success_only` (a status table lists the page's codes) only the 2xx codes are taken from prose.
    Returns the label of the status-code table the section links to ("For details, see Status Code"), if any.
    """
    link: tuple[str, int] | None = None
    target: str | None = None
    for role, sec in sections:
        if role not in ("status", "response"):
            continue
        for para in outside_tables(sec, nodes.paragraph):
            text = " ".join(para.astext().split())
            if role == "response" and not re.search(r"\b(status|response) codes?\b", text, re.I):
                continue
            codes = re.findall(r"(?<![\d.])([1-5]\d\d)(?![\d.])", text)
            for code in codes:
                if success_only and not code.startswith("2"):
                    continue
                if code not in by_status:
                    by_status[code] = Response(code, text[:200], ctx.src(line_of(para)), from_prose=True)
                    ctx.diag(line_of(para), "status.from_prose", Severity.INFO,
                             f"status {code} taken from the sentence {text[:80]!r}")
            refs = list(para.findall(otc_ref))
            if refs and link is None:
                link = (refs[0].astext(), line_of(para))
                target = str(refs[0].get("target") or "") or None
    if not by_status and link is not None and not success_only:
        by_status["default"] = Response("default", f"See '{link[0]}' in the API reference.", ctx.src(link[1]))
        ctx.diag(link[1], "status.from_appendix", Severity.INFO,
                 f"status codes are only linked ({link[0]!r}): documented as the default response")
    return target


def first_success(by_status: dict[str, Response]) -> str | None:
    ok = sorted(s for s in by_status if s.startswith("2"))
    return ok[0] if ok else None


_REASONS = {"200": "OK", "201": "Created", "202": "Accepted", "204": "No Content", "400": "Bad Request",
            "401": "Unauthorized", "403": "Forbidden", "404": "Not Found", "409": "Conflict",
            "500": "Internal Server Error", "503": "Service Unavailable"}


def reason(status: str) -> str:
    return _REASONS.get(status, f"Status {status}")


_BODY_SENTENCE_RE = re.compile(r"\bresponse (?:parameters?|body)\b", re.I)


def _body_by_reference(ctx: PageContext, tables: list[Table], sections: Sections,
                       by_status: dict[str, Response]) -> None:
    """A page without a response table whose Response section says "For the description of the response
    parameters, see Table 4" of another page (CCE update-node): the first success response names that table
    (`Response.body_ref`); `build.link` binds it, or says it cannot."""
    status = first_success(by_status)
    if status is None or any(r.body is not None or r.body_type is not None for r in by_status.values()):
        return
    own = {label for t in tables for label in t.labels}
    for role, sec in sections:
        if role != "response":
            continue
        for para in outside_tables(sec, nodes.paragraph):
            if not _BODY_SENTENCE_RE.search(para.astext()):
                continue
            for ref in para.findall(otc_ref):
                target = str(ref.get("target") or "")
                if target and target not in own:
                    by_status[status].body_ref = (target, line_of(para))
                    return
