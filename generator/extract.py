"""Stage 2: doctree -> intermediate model (`Page`).

Sections are recognised by title, tables by their header row, caption and the section they sit
in, never by position. Cells are read as docutils nodes: `:ref:`s are tokens for the type grammar,
descriptions go through `prose`. References to nested tables are left as labels or names here and
linked across the whole tree by `link`.
"""

from __future__ import annotations

import copy
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field

from docutils import nodes

from generator import prose
from generator.limits import ExampleRefused, load_example_json
from generator.model import (
    Constraints,
    Diagnostic,
    Example,
    Field,
    Kind,
    Location,
    Operation,
    Page,
    Response,
    Schema,
    Severity,
    Source,
    TypeExpr,
)
from generator.read import ReadPage, otc_ref
from generator.types import RefToken, is_mandatory_word, parse_type
from generator.uri_repair import repair_uri

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

_NAME_HEADERS = ("parameter", "name", "element", "header", "attribute", "field", "parameter name", "key")
_TYPE_HEADERS = ("type", "parameter type", "data type")
_MANDATORY_HEADERS = ("mandatory", "required", "mandatory or not", "mandatory (yes/no)", "is mandatory", "optional")
_DESC_HEADERS = ("description", "remarks", "remark", "meaning", "explanation", "definition")
_STATUS_HEADERS = ("status code", "returned value", "return value", "http status code", "status", "code")

_STATUS_RE = re.compile(r"^\s*status\s*code\s*[:：]?\s*(\d{3})\b", re.I)
_URI_RE = re.compile(r"\b(" + "|".join(METHODS) + r")\s*(/\S*|https?://\S+|\{\w+\}\S*)")
_PLACEHOLDER_RE = re.compile(r"\{([^{}?&=/]+)\}")


@dataclass
class _Columns:
    name: int | None = None
    type: int | None = None
    mandatory: int | None = None
    description: int | None = None
    status: int | None = None
    headers: list[str] = field(default_factory=list)


@dataclass
class _Table:
    node: nodes.table
    caption: str
    labels: list[str]
    cols: _Columns
    section: str
    status: str | None  # the `**Status code: NNN**` that precedes it, if any
    line: int
    fields: list[Field] = field(default_factory=list)
    role: str = ""


class Extractor:
    def __init__(self, read: ReadPage) -> None:
        self.read = read
        self.file = read.file
        self.doc = read.doctree
        self.page = Page(file=self.file, title="", is_api=False)
        self._unknown_sections: list[nodes.section] = []
        self.obs_style = False  # set per page: OBS pages declare their call in "Request Syntax"
        self.page.diagnostics.extend(read.diagnostics)

    # ------------------------------------------------------------ helpers

    def diag(self, line: int | None, code: str, severity: Severity, message: str) -> None:
        self.page.diagnostics.append(Diagnostic(Source(self.file, line or 0), code, severity, message))

    def src(self, line: int | None) -> Source:
        return Source(self.file, line or 0)

    # ------------------------------------------------------------ entry

    def run(self) -> Page:
        top = next(iter(self.doc.findall(nodes.section)), None)
        if top is None:
            self.diag(1, "page.no_title", Severity.INFO, "page has no section: not an API page")
            return self.page
        title_node = top.children[0]
        self.page.title = title_node.astext().strip()
        sections = self._sections(top)
        uri_calls = self._find_uri(sections)
        if not uri_calls:
            roles = {role for role, _ in sections}
            if roles & {"uri", "request", "response", "example_request", "example_response"}:
                self.diag(max(1, (title_node.line or 2) - 1), "page.no_uri", Severity.WARNING,
                          "page has request/response sections but no 'METHOD /path' line in a URI section;"
                          " no operation could be made of it")
            else:
                # index pages, overviews, appendices: nothing to extract, but say why
                self.diag(max(1, (title_node.line or 2) - 1), "page.not_api", Severity.INFO,
                          "no 'METHOD /path' line in a URI section")
            return self.page
        self.page.is_api = True
        self._report_unknown_sections()  # on overview pages any title is fine; on API pages it may hide data
        self._build_operation(top, sections, uri_calls)
        return self.page

    def _sections(self, top: nodes.section) -> list[tuple[str, nodes.section]]:
        out = []
        for sec in top.children:
            if not isinstance(sec, nodes.section):
                continue
            title = " ".join(sec.children[0].astext().split()).lower().rstrip(":")
            title = re.sub(r"^\(optional\)\s*|\s+\d+$|\s*\([^)]*\)$", "", title)
            role = _SECTION_ROLES.get(title)
            if role is None:
                role = "unknown"
                self._unknown_sections.append(sec)
            out.append((role, sec))
        return out

    def _report_unknown_sections(self) -> None:
        for sec in self._unknown_sections:
            self.diag(max(1, (sec.children[0].line or 2) - 1), "section.unknown", Severity.WARNING,
                      f"section '{sec.children[0].astext()}' is not one the extractor reads; its content is"
                      " only scanned for tables")

    # ------------------------------------------------------------ URI

    def _find_uri(self, sections: list[tuple[str, nodes.section]]) -> list[tuple[str, str, int]]:
        """Every `METHOD /path` the URI section declares, in order; duplicates folded."""
        for role, sec in sections:
            if role not in ("uri", "request_syntax"):
                continue
            candidates = [n for n in sec.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.literal_block)))
                          if not any(isinstance(a, nodes.table) for a in _ancestors(n))]
            calls: list[tuple[str, str, int]] = []
            for node in candidates:  # paragraphs state the template; code blocks are often example URLs
                if isinstance(node, nodes.paragraph):
                    text = " ".join(node.astext().replace("\\", "").split())
                    text = re.sub(r"\{\?[^}]*\}", lambda m: m.group(0).replace(" ", ""), text)  # `{?a, b}`
                    calls.extend((m.group(1), m.group(2), _line(node)) for m in _URI_RE.finditer(text))
            if not calls:
                calls = self._rds_v1_uri(candidates)
            if not calls:
                for node in candidates:
                    if isinstance(node, nodes.literal_block):
                        first = next((ln.strip() for ln in node.astext().splitlines() if ln.strip()), "")
                        m = _URI_RE.match(first.replace("\\", ""))
                        if m:
                            calls.append((m.group(1), m.group(2), _line(node)))
                            break
            seen: set[tuple[str, str]] = set()
            out = []
            for method, raw, line in calls:
                raw, notes = repair_uri(raw)
                for note in notes:
                    self.diag(line, "uri.repaired", Severity.WARNING, note)
                key = (method, raw)
                if key not in seen:
                    seen.add(key)
                    out.append((method, raw, line))
            return out
        return []

    def _rds_v1_uri(self, candidates: list[nodes.Node]) -> list[tuple[str, str, int]]:
        """RDS v1 writes `PATH: /v1/...` and `Method: POST` as two bullet paragraphs."""
        path = method = None
        line = 0
        for node in candidates:
            if not isinstance(node, nodes.paragraph):
                continue
            text = " ".join(node.astext().split())
            m = re.match(r"^(?:PATH|URI|URL)\s*:\s*(\S+)", text, re.I)
            if m and path is None:
                path, line = m.group(1), _line(node)
            m = re.match(r"^Method\s*:\s*([A-Za-z]+)", text, re.I)
            if m and method is None and m.group(1).upper() in METHODS:
                method = m.group(1).upper()
        return [(method, path, line)] if path and method else []

    # ------------------------------------------------------------ operation

    def _build_operation(self, top: nodes.section, sections: list[tuple[str, nodes.section]],
                         uri_calls: list[tuple[str, str, int]]) -> None:
        method, raw_path, uri_line = uri_calls[0]
        path, query_names = _split_uri(raw_path)
        aliases: list[tuple[str, str, int]] = []
        for other in uri_calls[1:]:
            other_path, other_query = _split_uri(other[1])
            if (other[0], other_path) == (method, path):
                query_names = list(dict.fromkeys(query_names + other_query))  # `/x` and `/x?a={a}`
            elif other[0] == method or other_path != path:
                aliases.append((other[0], other_path, other[2]))
        self.obs_style = any(role == "request_syntax" for role, _ in sections)
        op_id = self._operation_id()
        desc = ""
        for role, sec in sections:
            if role == "function":
                desc = "\n\n".join(prose.to_markdown(c) if isinstance(c, nodes.Element) and not isinstance(
                    c, nodes.paragraph) else prose._inline(c) for c in sec.children[1:]).strip()
                break
        deprecated = bool(re.search(r"deprecated|discarded|out-of-date", self.file + " " + self.page.title, re.I))
        op = Operation(
            operation_id=op_id,
            method=method.lower(),
            path=path,
            summary=self.page.title,
            description=desc,
            source=self.src(uri_line),
            tag=self._tag(),
            deprecated=deprecated,
        )
        tables = list(self._tables(sections))
        for t in tables:  # every row is read once, whatever role its table gets
            if t.cols.name is not None and not (t.cols.status is not None and t.cols.name is None):
                t.fields = self._parse_fields(t)
        self._classify(tables)
        for t in tables:
            self._register_schema_table(t)
        placeholders = set(_PLACEHOLDER_RE.findall(path))
        self._read_parameter_tables(op, tables, placeholders)
        self._complete_path_params(op, placeholders, uri_line)
        self._complete_query_from_uri(op, query_names, uri_line)
        self._read_status_and_responses(op, tables, sections)
        self._read_examples(op, sections)
        self.page.operations.append(op)
        for n, (a_method, a_path, a_line) in enumerate(aliases, 2):
            self.page.operations.append(self._alias(op, a_method, a_path, a_line, n))

    def _alias(self, op: Operation, method: str, path: str, line: int, n: int) -> Operation:
        """A second URI on the page (ECS `/v2.1/` and `/v2/`): the same call at another address."""
        alias = copy.deepcopy(op)
        alias.method, alias.path, alias.source = method.lower(), path, self.src(line)
        version = next((seg for seg in path.split("/") if re.fullmatch(r"v\d+(\.\d+)?", seg, re.I)), None)
        suffix = "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", version or "") if w) or str(n)
        alias.operation_id = f"{op.operation_id}{suffix}"
        alias.alias_of = op.operation_id
        alias.description = (op.description + f"\n\nThe same call as `{op.operation_id}` "
                             f"({op.method.upper()} {op.path}).").strip()
        placeholders = set(_PLACEHOLDER_RE.findall(path))
        alias.parameters[Location.PATH] = [f for f in alias.parameters.get(Location.PATH, [])
                                           if f.name in placeholders]
        self._complete_path_params(alias, placeholders, line)
        for body in ([alias.request_body] if alias.request_body else []) + [r.body for r in alias.responses if r.body]:
            body.name = alias.operation_id + body.name[len(op.operation_id):]
        self.diag(line, "uri.alias", Severity.INFO,
                  f"second URI {method} {path}: operation {alias.operation_id}, same as {op.operation_id}")
        return alias

    def _operation_id(self) -> str:
        for fld in self.doc.findall(nodes.field):
            if fld.children[0].astext().strip() == "original_name":
                name = fld.children[1].astext().strip().removesuffix(".html")
                if re.fullmatch(r"[A-Z][A-Za-z0-9]+", name):
                    return name
        stem = self.file.rsplit("/", 1)[-1].removesuffix(".rst")
        return "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", stem) if w) or "Operation"

    def _tag(self) -> str:
        parts = self.file.split("/")
        folder = parts[-2] if len(parts) > 1 else "default"
        return " ".join(w.capitalize() for w in folder.replace("-", "_").split("_") if w)

    # ------------------------------------------------------------ tables

    def _tables(self, sections: list[tuple[str, nodes.section]]) -> Iterator[_Table]:
        for role, sec in sections:
            status: str | None = None
            for node in sec.findall(lambda n: isinstance(n, (nodes.table, nodes.paragraph))):
                if isinstance(node, nodes.paragraph):
                    if any(isinstance(a, nodes.table) for a in _ancestors(node)):
                        continue
                    m = _STATUS_RE.match(node.astext())
                    if m:
                        status = m.group(1)
                    continue
                assert isinstance(node, nodes.table)
                yield self._table_info(node, role, status)

    def _table_info(self, table: nodes.table, role: str, status: str | None) -> _Table:
        caption = ""
        title = next((c for c in table.children if isinstance(c, nodes.title)), None)
        if title is not None:
            caption = " ".join(title.astext().split())
        cols = _Columns()
        thead = next(iter(table.findall(nodes.thead)), None)
        if thead is not None:
            header_row = next(iter(thead.findall(nodes.row)))
            cols.headers = [" ".join(e.astext().split()).lower() for e in header_row.children]
            for i, h in enumerate(cols.headers):
                h_clean = h.strip().rstrip(":")
                if h_clean in _NAME_HEADERS and cols.name is None:
                    cols.name = i
                elif h_clean in _TYPE_HEADERS and cols.type is None:
                    cols.type = i
                elif (h_clean in _MANDATORY_HEADERS or h_clean.startswith("mandatory")) and cols.mandatory is None:
                    cols.mandatory = i
                elif h_clean in _DESC_HEADERS and cols.description is None:
                    cols.description = i
                elif h_clean in _STATUS_HEADERS and cols.status is None:
                    cols.status = i
        line = table.line or (title.line if title is not None else 0) or _line(table)
        labels = list(table.get("names", []))
        if not caption:
            # IAM style: "-  projects.links" paragraph, then the bare table, in one bullet
            prev = _previous_sibling(table)
            if isinstance(prev, nodes.paragraph) and len(prev.astext()) < 60 and not _STATUS_RE.match(prev.astext()):
                caption = " ".join(prev.astext().split()).rstrip(":")
            if isinstance(table.parent, nodes.list_item):
                raw_names: list[object] = list(table.parent.get("names", []))
                item_names = [str(x) for x in raw_names]
                labels += [x for x in item_names if x not in labels]
            if isinstance(prev, nodes.paragraph):
                # `-  .. _label:` + `roles.policy`: the label lands on the bullet's paragraph, and it is what
                # rows link to; rewording the bullet (past caption length too) must not unlink the table
                bullet_names: list[object] = list(prev.get("names", []))
                labels += [str(x) for x in bullet_names if str(x) not in labels]
        return _Table(table, caption, labels, cols, role, status, line)

    def _classify(self, tables: list[_Table]) -> None:
        """Give every table a role. A table is a nested object when a field points at it."""
        labels: set[str] = set()
        names: set[str] = set()
        object_fields: set[str] = set()
        for t in tables:
            for f in t.fields:
                labels.update(f.desc_refs)
                for ref in _type_refs(f.type):
                    if ref.ref:
                        labels.add(ref.ref)
                    if ref.ref_text:
                        names.add(ref.ref_text.lower())
                if _is_free_object(f.type):
                    object_fields.add(f.name.lower())
        body_seen: set[str] = set()
        for t in tables:
            t.role = self._role(t, labels, names | object_fields, body_seen)

    def _role(self, t: _Table, labels: set[str], names: set[str], body_seen: set[str]) -> str:
        cap = _strip_table_number(t.caption).lower()
        if t.cols.status is not None and t.cols.name is None:
            return "status"
        if t.cols.name is None:
            return "other"
        if any(label in labels for label in t.labels):
            return "nested"
        subject = _caption_subject(t.caption)
        if subject and subject.lower() in names:
            return "nested"
        if "path param" in cap or "uri param" in cap or "in the uri" in cap or "path parameter" in cap:
            return "path"
        if "query param" in cap or "query parameter" in cap:
            return "query"
        if "header" in cap and "header" not in (subject or "").lower():
            return "response_header" if t.section.startswith("response") or "response" in cap else "header"
        if "request body" in cap or "in the request body" in cap or cap.endswith("request parameters"):
            return "body"
        if "response body" in cap or "in the response body" in cap or cap.endswith("response parameters"):
            return "response_body"
        by_section = {"request_headers": "header", "response_headers": "response_header",
                      "request_elements": "body", "response_elements": "response_body"}
        if t.section in by_section:
            return by_section[t.section]
        if t.section == "request" and self.obs_style:
            return "query"  # OBS: "Request Parameters" are the query string
        if t.section == "uri":
            return "path"
        if t.section in ("request", "response"):
            role = "body" if t.section == "request" else "response_body"
            key = f"{t.section}:{t.status}"
            if key in body_seen and subject:
                return "nested"  # a second table naming an object: a struct nobody links to
            body_seen.add(key)
            return role
        if t.labels or subject:
            return "nested"
        return "other"

    def _register_schema_table(self, t: _Table) -> None:
        role = t.role
        if role != "nested":
            return
        subject = _caption_subject(t.caption)
        name = _caption_name(t.caption) or subject or (t.labels[0].rsplit("_", 1)[-1] if t.labels else "Object")
        schema = Schema(
            name=name,
            fields=self._fields(t),
            source=self.src(t.line),
            label=t.labels[0] if t.labels else None,
            title=t.caption,
            subject=subject,
        )
        self.page.schemas.append(schema)

    def _fields(self, t: _Table) -> list[Field]:
        return t.fields

    def _parse_fields(self, t: _Table) -> list[Field]:
        out: list[Field] = []
        tbody = next(iter(t.node.findall(nodes.tbody)), None)
        if tbody is None:
            return out
        for row in tbody.children:
            if not isinstance(row, nodes.row):
                continue
            f = self._field(t, row)
            if f is not None:
                out.append(f)
        return out

    def _field(self, t: _Table, row: nodes.row) -> Field | None:
        cells = [e for e in row.children if isinstance(e, nodes.entry)]
        line = _row_line(row) or t.line
        if t.cols.name is not None and len(cells) > t.cols.name and all(
                " ".join(c.astext().split()) in ("-", "", "N/A", "None", "NA") for c in cells) and not all(
                not c.astext().strip() and not list(c.findall(nodes.bullet_list)) for c in cells):
            self.diag(line, "table.placeholder_row", Severity.INFO, "row holds only placeholders ('-'): no field")
            return None
        self.page.rows_total += 1
        if len(cells) != len(t.cols.headers):
            self.page.rows_failed += 1
            self.diag(line, "table.row_shape", Severity.ERROR,
                      f"row has {len(cells)} cells, the header has {len(t.cols.headers)}")
            return None
        assert t.cols.name is not None
        name = " ".join(cells[t.cols.name].astext().split()).strip("`*")
        if not name and any(True for _ in cells[t.cols.name].findall(nodes.bullet_list)):
            name = "-"  # docutils reads a lone "-" cell as an empty bullet list
        if not name:
            self.page.rows_failed += 1
            self.diag(line, "table.empty_name", Severity.ERROR, "row without a parameter name")
            return None
        if t.cols.type is not None and t.cols.mandatory is not None and is_mandatory_word(
                cells[t.cols.type].astext()):
            swapped_text, swapped_refs = _flatten_cell(cells[t.cols.mandatory])
            swapped = parse_type(swapped_text, swapped_refs)
            if swapped is not None and (swapped.kind is not Kind.REF or swapped_refs):
                self.diag(line, "table.cells_swapped", Severity.WARNING,
                          f"'{name}': Type cell {cells[t.cols.type].astext().strip()!r} and Mandatory cell "
                          f"{cells[t.cols.mandatory].astext().strip()!r} are swapped; read the other way round")
                cells = list(cells)
                cells[t.cols.type], cells[t.cols.mandatory] = cells[t.cols.mandatory], cells[t.cols.type]
        required = False
        required_note = None
        if t.cols.mandatory is not None:
            mand = " ".join(cells[t.cols.mandatory].astext().split())
            low = mand.lower()
            required = low.startswith("yes") or low in ("mandatory", "true", "required", "m")
            if low not in ("yes", "no", "mandatory", "optional", "true", "false", "required", "m", "o", ""):
                required_note = mand
                self.diag(line, "field.conditional_required", Severity.INFO,
                          f"'{name}': mandatory column says {mand!r}; taken as "
                          f"{'required' if required else 'optional'}")
        type_expr: TypeExpr | None
        if t.cols.type is not None:
            text, refs = _flatten_cell(cells[t.cols.type])
            type_expr = parse_type(text, refs)
            if type_expr is None:
                self.page.rows_unknown_type += 1
                self.diag(line, "type.unknown", Severity.ERROR,
                          f"'{name}': type {' '.join(cells[t.cols.type].astext().split())!r} is not in the type"
                          " grammar;"
                          " left untyped")
                type_expr = TypeExpr(Kind.ANY)
            else:
                self.page.rows_resolved += 1
        else:
            type_expr = TypeExpr(Kind.STRING)  # URI and header tables without a Type column: strings
            self.page.rows_resolved += 1
            self.diag(line, "type.no_column", Severity.INFO,
                      f"'{name}': table has no Type column; typed {type_expr.kind}")
        description = ""
        constraints = Constraints()
        if t.cols.description is not None:
            cell = cells[t.cols.description]
            desc_refs = [r["target"] for r in cell.findall(otc_ref)]
            description = prose.to_markdown(cell)
            pr = prose.read_description(cell, type_expr)
            constraints = pr.constraints
            for code, msg in pr.findings:
                sev = Severity.WARNING if code in ("enum.inferred", "enum.unparsed") else Severity.INFO
                self.diag(line, code, sev, f"'{name}': {msg}")
        name_refs = [str(r["target"]) for r in cells[t.cols.name].findall(otc_ref)]  # IAM: :ref:`group <...>`
        return Field(name, type_expr, required, description, self.src(line), constraints, required_note,
                     name_refs + (desc_refs if t.cols.description is not None else []))

    # ------------------------------------------------------------ parameters and bodies

    def _read_parameter_tables(self, op: Operation, tables: list[_Table], placeholders: set[str]) -> None:
        for t in tables:
            role = t.role
            if role in ("path", "query", "header"):
                for f in self._fields(t):
                    loc = Location(role)
                    if role == "path" and f.name not in placeholders:
                        loc = Location.QUERY
                        self.diag(f.source.line, "param.query_in_path_table", Severity.INFO,
                                  f"'{f.name}' is not a placeholder of {op.path}: taken as a query parameter")
                    if role == "header" and f.name.lower() == "x-auth-token":
                        self.diag(f.source.line, "param.auth_header", Severity.INFO,
                                  "X-Auth-Token documented as a header: expressed by the security scheme")
                        continue
                    if role == "header" and f.name.lower() == "content-type":
                        self.diag(f.source.line, "param.content_type_header", Severity.INFO,
                                  "Content-Type documented as a header: expressed by the request media type")
                        continue
                    if loc is Location.PATH:
                        f.required = True
                    op.parameters.setdefault(loc, []).append(f)
            elif role == "body":
                if t.section == "response":
                    continue
                if "formdata" in t.caption.lower().replace(" ", "") or "form-data" in t.caption.lower():
                    op.request_media_type = "multipart/form-data"
                whole = _whole_body_type(self._fields(t))
                if whole is not None and op.request_body is None:
                    op.request_body_type = whole.type  # a lone `-` row: the body *is* this type
                    op.request_body_source = whole.source
                    if whole.type.kind is Kind.BINARY:
                        op.request_media_type = "application/octet-stream"
                    continue
                if op.request_body is not None:
                    op.request_body.fields.extend(self._fields(t))
                    continue
                op.request_body = Schema(f"{op.operation_id}Request", self._fields(t), self.src(t.line),
                                         title=t.caption)
                if t.section == "request_elements":
                    op.request_media_type = "application/xml"
            elif role in ("other",) and t.cols.name is not None:
                self.diag(t.line, "table.unclassified", Severity.WARNING,
                          f"table '{t.caption or t.cols.headers}' could not be given a role")

    def _complete_path_params(self, op: Operation, placeholders: set[str], line: int) -> None:
        have = {f.name for f in op.parameters.get(Location.PATH, [])}
        for name in sorted(placeholders - have, key=op.path.find):
            self.diag(line, "param.undocumented_path", Severity.WARNING,
                      f"path placeholder {{{name}}} has no table row; typed string")
            op.parameters.setdefault(Location.PATH, []).append(
                Field(name, TypeExpr(Kind.STRING), True, "", self.src(line)))
        # keep path parameters in URI order
        op.parameters.get(Location.PATH, []).sort(key=lambda f: op.path.find("{" + f.name + "}"))

    def _complete_query_from_uri(self, op: Operation, names: list[str], line: int) -> None:
        have = {f.name for f in op.parameters.get(Location.QUERY, [])}
        for name in names:
            if name not in have:
                self.diag(line, "param.query_from_uri", Severity.INFO,
                          f"query parameter '{name}' appears only in the URI line; typed string")
                op.parameters.setdefault(Location.QUERY, []).append(
                    Field(name, TypeExpr(Kind.STRING), False, "", self.src(line)))

    def _read_status_and_responses(self, op: Operation, tables: list[_Table],
                                   sections: list[tuple[str, nodes.section]]) -> None:
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
                    self.diag(_row_line(row), "table.row_shape", Severity.ERROR, "status row without a code")
                    continue
                code = cells[t.cols.status].astext().strip()
                descr_idx = t.cols.description if t.cols.description is not None else len(cells) - 1
                descr = " ".join(cells[descr_idx].astext().split()) if descr_idx < len(cells) else ""
                m = re.match(r"^(\d{3})\b\s*(.*)$", " ".join(code.split()))
                if not m:
                    self.diag(_row_line(row), "status.unparsed", Severity.WARNING, f"status code cell {code!r}")
                    continue
                code = m.group(1)
                descr = descr if descr and descr != " ".join(cells[t.cols.status].astext().split()) else (
                    m.group(2) or descr)
                if code in by_status:
                    continue
                by_status[code] = Response(code, descr or _reason(code), self.src(_row_line(row)))
        for t in tables:
            if t.role != "response_body":
                continue
            status, resp = self._response_for(t, by_status)
            name = f"{op.operation_id}Response" + ("" if status == _first_success(by_status) else status)
            whole = _whole_body_type(self._fields(t))
            if whole is not None and resp.body is None:
                resp.body_type = whole.type
                if whole.type.kind is Kind.BINARY:
                    resp.media_type = "application/octet-stream"
                continue
            if resp.body is None:
                resp.body = Schema(name, self._fields(t), self.src(t.line), title=t.caption)
            else:
                resp.body.fields.extend(self._fields(t))
            if t.section == "response_elements":
                resp.media_type = "application/xml"
        for t in tables:
            if t.role != "response_header":
                continue
            _, resp = self._response_for(t, by_status)
            resp.headers.extend(self._fields(t))
        if not any(k.startswith("2") for k in by_status):
            self._status_from_prose(sections, by_status)
        if not by_status:
            self.diag(op.source.line, "status.none", Severity.WARNING,
                      "no status code documented; assumed 200")
            by_status["200"] = Response("200", "OK", op.source)
        op.responses = [by_status[k] for k in sorted(by_status)]

    def _response_for(self, t: _Table, by_status: dict[str, Response]) -> tuple[str, Response]:
        """The response a body or header table belongs to: its `**Status code: NNN**`, else the first 2xx."""
        status = t.status or _first_success(by_status) or "200"
        resp = by_status.get(status)
        if resp is None:
            resp = by_status[status] = Response(status, _reason(status), self.src(t.line))
            self.diag(t.line, "status.from_body", Severity.INFO,
                      f"status {status} has a response table but no row in a status-code table")
        return status, resp

    def _status_from_prose(self, sections: list[tuple[str, nodes.section]], by_status: dict[str, Response]) -> None:
        """"Normal response code: 200", "If a 2xx status code is returned, for example, 200, 202 or 204"."""
        link: tuple[str, int] | None = None
        for role, sec in sections:
            if role not in ("status", "response"):
                continue
            for para in sec.findall(nodes.paragraph):
                if any(isinstance(a, nodes.table) for a in _ancestors(para)):
                    continue
                text = " ".join(para.astext().split())
                if role == "response" and not re.search(r"\b(status|response) code\b", text, re.I):
                    continue
                codes = re.findall(r"(?<![\d.])([1-5]\d\d)(?![\d.])", text)
                for code in codes:
                    if code not in by_status:
                        by_status[code] = Response(code, text[:200], self.src(_line(para)))
                        self.diag(_line(para), "status.from_prose", Severity.INFO,
                                  f"status {code} taken from the sentence {text[:80]!r}")
                refs = list(para.findall(otc_ref))
                if refs and link is None:
                    link = (refs[0].astext(), _line(para))
        if not by_status and link is not None:
            by_status["default"] = Response("default", f"See '{link[0]}' in the API reference.", self.src(link[1]))
            self.diag(link[1], "status.from_appendix", Severity.INFO,
                      f"status codes are only linked ({link[0]!r}): documented as the default response")

    # ------------------------------------------------------------ examples

    def _read_examples(self, op: Operation, sections: list[tuple[str, nodes.section]]) -> None:
        responses = {r.status: r for r in op.responses}
        sides = {"example_request": "request", "example_response": "response", "examples": "request",
                 "request": "request", "response": "response", "request_elements": "request",
                 "response_elements": "response"}
        for role, sec in sections:
            if role not in sides:
                continue
            side = sides[role]
            status: str | None = None
            for node in sec.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.literal_block))):
                if any(isinstance(a, nodes.table) for a in _ancestors(node)):
                    continue
                if isinstance(node, nodes.paragraph):
                    text = " ".join(node.astext().split())
                    m = _STATUS_RE.match(text)
                    if m:
                        status = m.group(1)
                        side = "response"
                    elif len(text) < 80 and re.search(r"\b(request|response)s?\b", text, re.I) and re.search(
                            r"\b(example|sample)s?\b", text, re.I):
                        # "Example request", "Response example", "Sample Response" label the next blocks
                        side = "request" if re.search(r"\brequests?\b", text, re.I) and not re.search(
                            r"\bresponses?\b", text, re.I) else "response"
                    continue
                assert isinstance(node, nodes.literal_block)
                if role in ("request", "response") and not _looks_like_body(node.astext()):
                    continue  # URL samples and response-line notes inside older Request/Response sections
                self._example(op, node, side == "request", status, responses)

    def _example(self, op: Operation, block: nodes.literal_block, is_request: bool, status: str | None,
                 responses: dict[str, Response]) -> None:
        text = block.astext()
        line = _line(block)
        body, headers = _strip_request_line(text)
        if not body.strip():
            return  # a request line only (GET, DELETE): nothing to validate
        if body.lstrip().startswith("<"):
            media = "text/html" if body.lstrip()[:5].lower() == "<html" else "application/xml"
            value = body
            self.diag(line, "example.xml", Severity.INFO, f"{media} example kept as text")
        else:
            try:
                value = load_example_json(body)
            except ExampleRefused as exc:  # valid JSON the spec cannot carry: this example only is dropped
                self.diag(line, exc.code, Severity.ERROR, f"example dropped: {exc}")
                return
            except json.JSONDecodeError as exc:
                self.diag(line + exc.lineno - 1, "example.invalid_json", Severity.ERROR,
                          f"example is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
                return
            media = "application/json"
        if is_request:
            if media != "application/json":
                op.request_media_type = media  # the documented body is XML: so is the request
            n = len(op.request_examples) + 1
            op.request_examples.append(Example(f"{op.operation_id}Request{'' if n == 1 else n}", media, value,
                                               self.src(line), None, True, headers))
            return
        http_status = re.search(r"^\s*HTTP/\d(?:\.\d)?\s+(\d{3})", text, re.M)
        st = status or (http_status.group(1) if http_status else None) or _first_success(responses) or "200"
        if st.startswith("2") and _is_error_body(value):
            st = "default"  # an error body shown after "or" under the success example
            if st not in responses:
                error_resp = Response(st, "Error response (OTC error body)", self.src(line))
                responses[st] = error_resp
                op.responses.append(error_resp)
            self.diag(line, "example.error_body", Severity.INFO,
                      "response example is an error body; attached to the default response")
        resp = responses.get(st)
        if resp is None:
            self.diag(line, "example.undocumented_status", Severity.WARNING,
                      f"example for status {st}, which no table documents; status added")
            resp = responses[st] = Response(st, _reason(st), self.src(line))
            op.responses.append(resp)
            op.responses.sort(key=lambda r: r.status)
        if media != "application/json" and not any(e.media_type == "application/json" for e in resp.examples):
            resp.media_type = media
        n = len(resp.examples) + 1
        resp.examples.append(Example(f"{op.operation_id}Response{st}{'' if n == 1 else n}", media, value,
                                     self.src(line), st, False, headers))


# ---------------------------------------------------------------- module helpers


def extract(read: ReadPage) -> Page:
    return Extractor(read).run()


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    p = node.parent
    while p is not None:
        yield p
        p = p.parent


def _line(node: nodes.Node) -> int:
    if node.line:
        return int(node.line)
    for child in node.findall(nodes.Element):
        if child.line:
            return int(child.line)
    p = node.parent
    while p is not None:
        if p.line:
            return int(p.line)
        p = p.parent
    return 0


def _row_line(row: nodes.row) -> int:
    for para in row.findall(nodes.paragraph):
        if para.line:
            return int(para.line)
    return 0


def _flatten_cell(cell: nodes.Element) -> tuple[str, list[RefToken]]:
    """Cell text with each `:ref:` replaced by a token the type grammar understands."""
    refs: list[RefToken] = []
    out: list[str] = []

    def walk(node: nodes.Element) -> None:
        for child in node.children:
            if isinstance(child, otc_ref):
                refs.append(RefToken(child["target"], child.astext()))
                out.append(f"\x00{len(refs) - 1}\x00")
            elif isinstance(child, nodes.Text):
                out.append(str(child))
            elif isinstance(child, nodes.Element):
                walk(child)
                if isinstance(child, nodes.paragraph):
                    out.append(" ")

    walk(cell)
    return "".join(out), refs


def _caption_name(caption: str) -> str | None:
    """`Table 3 EndpointsReq` -> EndpointsReq; `Table 5 server field description` -> None."""
    m = re.fullmatch(r"(?:table\s+\d+\s+)?([A-Za-z_][A-Za-z0-9_]*)", caption.strip(), re.I)
    if m and not m.group(1).lower().startswith("table"):
        return m.group(1)
    return None


def _split_uri(raw: str) -> tuple[str, list[str]]:
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


def _strip_request_line(text: str) -> tuple[str, dict[str, str]]:
    """Drop a leading `METHOD https://...` line and `Header: value` lines before a body."""
    if text.lstrip().startswith("curl "):
        return _curl_body(text)
    lines = text.splitlines()
    headers: dict[str, str] = {}
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            i += 1
            continue
        if re.match(r"^(" + "|".join(METHODS) + r")\s+\S", stripped) or stripped.startswith("HTTP/"):
            i += 1
            continue
        hm = re.match(r"^([A-Za-z][A-Za-z0-9\-]*):\s*(.*)$", stripped)
        if hm and not stripped.startswith(("{", "[", '"')):
            headers[hm.group(1)] = hm.group(2)
            i += 1
            continue
        break
    return "\n".join(lines[i:]), headers


def _first_success(by_status: dict[str, Response]) -> str | None:
    ok = sorted(s for s in by_status if s.startswith("2"))
    return ok[0] if ok else None


_REASONS = {"200": "OK", "201": "Created", "202": "Accepted", "204": "No Content", "400": "Bad Request",
            "401": "Unauthorized", "403": "Forbidden", "404": "Not Found", "409": "Conflict",
            "500": "Internal Server Error", "503": "Service Unavailable"}


def _reason(status: str) -> str:
    return _REASONS.get(status, f"Status {status}")


def _type_refs(t: TypeExpr) -> list[TypeExpr]:
    if t.kind is Kind.REF:
        return [t]
    return _type_refs(t.items) if t.items is not None else []


def _is_free_object(t: TypeExpr) -> bool:
    """Object, Array of objects, Map of objects: a field whose structure a nested table may give."""
    if t.kind in (Kind.OBJECT, Kind.ANY):
        return True
    return t.kind in (Kind.ARRAY, Kind.MAP) and t.items is not None and _is_free_object(t.items)


def _strip_table_number(caption: str) -> str:
    return re.sub(r"^\s*table\s+\d+[.:]?\s*", "", caption, flags=re.I).strip()


_SUBJECT_PATTERNS = [re.compile(p, re.I) for p in (
    r"^(?:description of (?:the )?)?([A-Za-z_][\w.\-]*) (?:field|parameter|object|structure|element)s?"
    r"(?: data structure)?(?: description| descriptions| details)?$",
    r"^data structure (?:description )?(?:of|for) (?:the )?([A-Za-z_][\w.\-]*)(?: field| parameter)?$",
    r"^(?:parameters? (?:in|of) (?:the )?)([A-Za-z_][\w.\-]*)(?: field| object| parameter)?$",
    r"^([A-Za-z_][\w.\-]*) (?:field|parameter) data structure description$",
    r"^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)$",
)]


def _caption_subject(caption: str) -> str | None:
    """The field a caption describes: `Table 3 **tag** field data structure description` -> tag."""
    text = _strip_table_number(caption)
    for pat in _SUBJECT_PATTERNS:
        m = pat.match(text)
        if m:
            word = m.group(1)
            if word.lower() in ("parameter", "parameters", "request", "response", "description", "field", "table"):
                return None
            return word
    return None


def _looks_like_body(text: str) -> bool:
    body, _ = _strip_request_line(text)
    return body.lstrip().startswith(("{", "[", "<"))


def _is_error_body(value: object) -> bool:
    if not isinstance(value, dict):
        return False
    keys = set(value)
    return keys == {"error"} or keys <= {"error_code", "error_msg", "request_id", "encoded_authorization_message"} \
        and "error_code" in keys or keys == {"code", "message"}


def _previous_sibling(node: nodes.Element) -> nodes.Node | None:
    parent = node.parent
    if parent is None:
        return None
    idx = parent.index(node)
    return parent.children[idx - 1] if idx > 0 else None


def _curl_body(text: str) -> tuple[str, dict[str, str]]:
    """The body and headers of a documented `curl ... -H 'K: V' -d '{...}'` call."""
    try:
        argv = shlex.split(text.replace("\\\n", " "))
    except ValueError:
        return "", {}
    headers: dict[str, str] = {}
    body = ""
    for flag, value in zip(argv, argv[1:], strict=False):
        if flag in ("-H", "--header") and ":" in value:
            k, _, v = value.partition(":")
            headers[k.strip()] = v.strip()
        elif flag in ("-d", "--data", "--data-raw", "--data-binary"):
            body = value
    for arg in argv:  # `-d'{...}'` glued to its flag
        if arg.startswith("-d") and len(arg) > 2 and not body:
            body = arg[2:]
    return body, headers


def _whole_body_type(fields: list[Field]) -> Field | None:
    """A body table whose only row is named `-`: the row's type is the type of the whole body."""
    if len(fields) == 1 and fields[0].name in ("-", "--", "N/A"):
        return fields[0]
    return None
