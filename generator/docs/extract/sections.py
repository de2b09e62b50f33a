"""Sections by title, the `METHOD /path` call(s) a page declares, the operationId and tag.

Sections are recognised by title, never by position. The URI line is prose, so it is read with a
pattern; paragraphs state the template, code blocks only when no paragraph does (they are often
example URLs).
"""

from __future__ import annotations

import re

from docutils import nodes

from generator.core.model import Severity
from generator.docs.extract.context import PageContext, line_of, outside_tables
from generator.docs.naming import TitleName, title_name

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")


# section title (lower-case) -> role
_SECTION_ROLES: dict[str, str] = {}
for _role, _titles in {
    "function": "function|functions|description|api description|functional description",
    "constraints": "constraints|constraint|restrictions",
    "uri": "uri|request uri|uri format|api format|url|request url",
    "request": "request parameters|request|request body|request message|requests|request parameter|parameters",
    "request_headers": "request headers|request header|request header parameters",
    "request_elements": "request elements|request element",
    "response": "response parameters|response|response body|response message|responses|normal response"
    "|response parameter",
    "response_headers": "response headers|response header|response header parameters",
    "response_elements": "response elements|response element",
    "request_syntax": "request syntax",
    "example_request": "example requests|example request|sample request|request example|request examples"
    "|sample requests|example request body",
    "example_response": "example responses|example response|sample response|response example|response examples"
    "|sample responses",
    "examples": "example|examples",
    "status": "status codes|status code|returned values|returned value|return values|return value"
    "|return code|return codes",
    "errors": "error codes|error code|error responses|abnormal response|error response",
    "other": "debugging|calling method|response syntax",
}.items():
    for _t in _titles.split("|"):
        _SECTION_ROLES[_t.strip()] = _role

# prose: the call line of a URI section
_URI_RE = re.compile(r"\b(" + "|".join(METHODS) + r")\s*(/\S*|https?://\S+|\{\w+\}\S*)")
PLACEHOLDER_RE = re.compile(r"\{([^{}?&=/]+)\}")

Sections = list[tuple[str, nodes.section]]


def section_roles(top: nodes.section) -> tuple[Sections, list[nodes.section]]:
    """(role, section) for each subsection of the page, and the sections no role fits."""
    out = []
    unknown = []
    for sec in top.children:
        if not isinstance(sec, nodes.section):
            continue
        title = " ".join(sec.children[0].astext().split()).lower().rstrip(":")
        title = re.sub(r"^\(optional\)\s*|\s+\d+$|\s*\([^)]*\)$", "", title)
        role = _SECTION_ROLES.get(title)
        if role is None and ":" in title:
            # "Sample Request: Uploading an Object (with the ACL Configured)": a role's title, then what it shows
            role = _SECTION_ROLES.get(title.split(":", 1)[0].strip())
        if role is None:
            role = "unknown"
            unknown.append(sec)
        out.append((role, sec))
    return out, unknown


def report_unknown_sections(ctx: PageContext, unknown: list[nodes.section]) -> None:
    for sec in unknown:
        ctx.diag(max(1, (sec.children[0].line or 2) - 1), "section.unknown", Severity.WARNING,
                 f"section '{sec.children[0].astext()}' is not one the extractor reads; its content is"
                 " only scanned for tables")


def find_uri(sections: Sections) -> list[tuple[str, str, int]]:
    """Every `METHOD /path` the URI section declares, in order; duplicates folded."""
    for role, sec in sections:
        if role not in ("uri", "request_syntax"):
            continue
        candidates = list(outside_tables(sec, nodes.paragraph, nodes.literal_block))
        calls: list[tuple[str, str, int]] = []
        for node in candidates:  # paragraphs state the template; code blocks are often example URLs
            if isinstance(node, nodes.paragraph):
                text = " ".join(node.astext().replace("\\", "").split())
                text = re.sub(r"\{\?[^}]*\}", lambda m: m.group(0).replace(" ", ""), text)  # `{?a, b}`
                calls.extend((m.group(1), m.group(2), line_of(node)) for m in _URI_RE.finditer(text))
        if not calls:
            calls = _rds_v1_uri(candidates)
        if not calls:
            for node in candidates:
                if isinstance(node, nodes.literal_block):
                    first = next((ln.strip() for ln in node.astext().splitlines() if ln.strip()), "")
                    m = _URI_RE.match(first.replace("\\", ""))
                    if m:
                        calls.append((m.group(1), m.group(2), line_of(node)))
                        break
        seen: set[tuple[str, str]] = set()
        out = []
        for method, raw, line in calls:
            key = (method, raw)
            if key not in seen:
                seen.add(key)
                out.append((method, raw, line))
        return out
    return []


def _rds_v1_uri(candidates: list[nodes.Node]) -> list[tuple[str, str, int]]:
    """RDS v1 writes `PATH: /v1/...` and `Method: POST` as two bullet paragraphs."""
    path = method = None
    line = 0
    for node in candidates:
        if not isinstance(node, nodes.paragraph):
            continue
        text = " ".join(node.astext().split())
        m = re.match(r"^(?:PATH|URI|URL)\s*:\s*(\S+)", text, re.I)
        if m and path is None:
            path, line = m.group(1), line_of(node)
        m = re.match(r"^Method\s*:\s*([A-Za-z]+)", text, re.I)
        if m and method is None and m.group(1).upper() in METHODS:
            method = m.group(1).upper()
    return [(method, path, line)] if path and method else []


def split_uri(raw: str) -> tuple[str, list[str]]:
    s = raw.strip().rstrip(".,;")
    s = re.sub(r"^https?://[^/]+", "", s)
    s = re.sub(r"^\{[^}]*endpoint[^}]*\}", "", s, flags=re.I)
    query: list[str] = []
    m = re.search(r"\{\?([^}]*)\}", s)  # RFC 6570 {?a,b}
    if m:
        query.extend(x.strip() for x in m.group(1).split(",") if x.strip())
        s = s[: m.start()] + s[m.end():]
    if "?" in s:
        s, _, q = s.partition("?")
        for part in q.replace("?", "&").split("&"):
            key = part.split("=", 1)[0].strip()
            key = key.strip("{}")
            if key and re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+", key):
                query.append(key)
    if not s.startswith("/"):
        s = "/" + s
    if len(s) > 1:
        s = s.rstrip("/")
    return s, list(dict.fromkeys(query))


def bare_query_keys(raw: str) -> list[str]:
    """The query keys a request line writes without a value (`?tagging&versionId=versionid` -> tagging): the
    sub-resource the call addresses (OBS), not an argument of its own."""
    _, _, q = raw.strip().rstrip(".,;").partition("?")
    return [part.strip() for part in q.replace("?", "&").split("&")
            if part.strip() and "=" not in part and re.fullmatch(r"[A-Za-z0-9_.\-]+", part.strip())]


# a paragraph stating the API's own name (SMN: "API name: ListTopicAttributes"): the vendor SDKs call it so
_API_NAME = re.compile(r"API name\s*:\s*([A-Z][A-Za-z0-9]+)\.?")


def original_name(doc: nodes.document) -> str | None:
    """The page's `:original_name:` field (`dns_api_a0013.html` -> `dns_api_a0013`), None without one."""
    for fld in doc.findall(nodes.field):
        if fld.children[0].astext().strip() == "original_name":
            return fld.children[1].astext().strip().removesuffix(".html") or None
    return None


def operation_id(doc: nodes.document, title: str) -> TitleName:
    """The API name a paragraph of the page states ("API name: ListTopicAttributes"), else the page's
    `original_name` field when it is an operation name (`UpdateNotebook`), else the title through the naming
    grammar (`generator.docs.naming`): "Querying Public Zones" -> ListPublicZones."""
    for para in doc.findall(nodes.paragraph):
        stated = _API_NAME.fullmatch(para.astext().strip())
        if stated:
            return TitleName((stated.group(1),), True)
    for fld in doc.findall(nodes.field):
        if fld.children[0].astext().strip() == "original_name":
            name = fld.children[1].astext().strip().removesuffix(".html")
            if re.fullmatch(r"[A-Z][A-Za-z0-9]+", name):
                return TitleName((name,), True)
    return title_name(title)


def tag(file: str) -> str:
    """The folder a page sits in, in words: `development_environment_management` -> `Development ...`."""
    parts = file.split("/")
    folder = parts[-2] if len(parts) > 1 else "default"
    return " ".join(w.capitalize() for w in folder.replace("-", "_").split("_") if w)
