"""Tables: columns by header, a role per table (parameters, body, nested object, status...), rows as fields.

A table's role comes from its caption and the section it sits in, and whether a field points at it
(then it is a nested object), never from its position. Cells are read as docutils nodes: `:ref:`s
become tokens for the type grammar, descriptions go through `prose`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace

from docutils import nodes

from generator.core import codes
from generator.core.model import Constraints, Field, Schema, Severity
from generator.core.types import Kind, RefToken, TypeExpr, is_mandatory_word, parse_type
from generator.docs.extract.columns import (
    Columns,
    conditional_yes,
    read_columns,
    read_required,
    unknown_column_messages,
)
from generator.docs.extract.context import (
    STATUS_LINE_RE,
    PageContext,
    line_of,
    outside_tables,
    previous_sibling,
    row_line,
    stated_type,
)
from generator.docs.extract.sections import Sections
from generator.docs.naming import caption_type_name, plural
from generator.docs.prose import precision
from generator.docs.prose.markdown import to_markdown
from generator.docs.prose.read import read_description
from generator.docs.prose.result import ProseResult
from generator.docs.read import otc_ref


@dataclass
class Table:
    node: nodes.table
    caption: str
    labels: list[str]
    cols: Columns
    section: str
    status: str | None  # the `**Status code: NNN**` that precedes it, if any
    line: int
    fields: list[Field] = field(default_factory=list)
    role: str = ""
    also_nested: bool = False  # a body table a row points at: registered as a nested table too
    subject: str | None = None  # the row a table without a `:ref:` describes, when only its caption binds them


def find_tables(sections: Sections) -> Iterator[Table]:
    for role, sec in sections:
        status: str | None = None
        for node in outside_tables(sec, nodes.table, nodes.paragraph):
            if isinstance(node, nodes.paragraph):
                m = STATUS_LINE_RE.match(node.astext())
                if m:
                    status = m.group(1)
                continue
            assert isinstance(node, nodes.table)
            yield _table_info(node, role, status)


def _table_info(table: nodes.table, role: str, status: str | None) -> Table:
    caption = ""
    title = next((c for c in table.children if isinstance(c, nodes.title)), None)
    if title is not None:
        caption = " ".join(title.astext().split())
    cols = Columns()
    thead = next(iter(table.findall(nodes.thead)), None)
    if thead is not None:
        header_row = next(iter(thead.findall(nodes.row)))
        cols = read_columns([" ".join(e.astext().split()).lower() for e in header_row.children])
    line = table.line or (title.line if title is not None else 0) or line_of(table)
    labels = list(table.get("names", []))
    if not caption:
        # IAM style: "-  projects.links" paragraph, then the bare table, in one bullet
        prev = previous_sibling(table)
        if isinstance(prev, nodes.paragraph) and len(prev.astext()) < 60 and not STATUS_LINE_RE.match(prev.astext()):
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
    return Table(table, caption, labels, cols, role, status, line)


def report_unknown_columns(ctx: PageContext, tables: list[Table]) -> None:
    for t in tables:
        for message in unknown_column_messages(t.cols, t.caption):
            ctx.diag(t.line, "table.unknown_column", Severity.WARNING, message)


def classify(ctx: PageContext, tables: list[Table]) -> None:
    """Give every table a role. A table is a nested object when a field points at it."""
    labels: set[str] = set()
    names: set[str] = set()
    object_fields: set[str] = set()
    for t in tables:
        for f in t.fields:
            labels.update(f.desc_refs)
            for ref in f.type.refs():
                if ref.ref:
                    labels.add(ref.ref)
                if ref.ref_text:
                    names.add(ref.ref_text.lower())
            if f.type.is_free():
                object_fields.add(f.name.lower())
    body_seen: set[str] = set()
    for t in tables:
        t.role = _role(ctx, t, labels, names | object_fields, body_seen)


def _role(ctx: PageContext, t: Table, labels: set[str], names: set[str], body_seen: set[str]) -> str:
    cap = strip_table_number(t.caption).lower()
    if t.cols.status is not None and t.cols.name is None:
        return "status"
    if t.cols.name is None:
        return "other"
    if any(label in labels for label in t.labels):
        body = _body_caption(cap)
        if body is not None and f"{body}:{t.status}" not in body_seen:
            # "Response parameters" that a row points back at (CCE job: `subJobs` are jobs): the body, and also
            # the nested table the row means
            body_seen.add(f"{body}:{t.status}")
            t.also_nested = True
            return "body" if body == "request" else "response_body"
        return "nested"
    subject = caption_subject(t.caption)
    if subject and subject.lower() in names:
        return "nested"
    # a table holding row X is the one that points at X's table, not X's table (IAM "Table 1 Description for the
    # user format" is the request body with its `user` row)
    held = None if subject else _held_subject(t.caption, names - {f.name.lower() for f in t.fields})
    if held is not None:
        t.subject = held
        return "nested"
    if "path param" in cap or "uri param" in cap or "in the uri" in cap or "path parameter" in cap:
        return "path"
    if "query param" in cap or "query parameter" in cap:
        return "query"
    if "header" in cap and "header" not in (subject or "").lower():
        return "response_header" if t.section.startswith("response") or "response" in cap else "header"
    if t.section == "request" and _body_caption(cap) in (None, "request") and (
            ctx.obs_style or _query_rows(t, ctx.query_keys, ctx.method)):
        # OBS "Request Parameters" are the query string, whatever the caption says; elsewhere a table whose every
        # row is a key of the request line (`?action={current_action}`) is that line's query, not a body
        return "query"
    # a body table named by its caption is the body seen: a later table naming an object is then a struct
    body = _body_caption(cap)
    if body is not None:
        body_seen.add(f"{body}:{t.status}")
        return "body" if body == "request" else "response_body"
    by_section = {"request_headers": "header", "response_headers": "response_header",
                  "request_elements": "body", "response_elements": "response_body"}
    if t.section in by_section:
        return by_section[t.section]
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


# captions that name a row only in passing (IAM "Description for the user format", ECS "**images** information"):
# they bind the table to that row only where the page has an object row of that name
_HELD_PATTERNS = [re.compile(p, re.I) for p in (
    r"^description (?:for|of) (?:the )?([A-Za-z_][\w.\-]*) format$",
    r"^([A-Za-z_][\w.\-]*) information$",
)]


def _held_subject(caption: str, names: set[str]) -> str | None:
    """The object row (of `names`, lower case) a caption of `_HELD_PATTERNS` describes: its name as written,
    or in the plural the row has (`user` format -> `users`, a JSONArray of them); None when no row is meant."""
    text = strip_table_number(caption)
    for pat in _HELD_PATTERNS:
        m = pat.match(text)
        if m is None:
            continue
        word = m.group(1)
        for name in (word, plural(word)):
            if name.lower() in names:
                return name
    return None


def _query_rows(t: Table, query_keys: set[str], method: str) -> bool:
    """The table is the request line's query: every row is a key of it, or, on a call without a body (GET, HEAD),
    any row is (modelarts "Request Body" of a GET listing `?de_type=...` and four more keys)."""
    if not t.fields:
        return False
    if method in ("GET", "HEAD"):
        return any(f.name in query_keys for f in t.fields)
    return all(f.name in query_keys for f in t.fields)


def _body_caption(cap: str) -> str | None:
    """"request" or "response" when a caption (lower case, no table number) names the body of that side."""
    if "request body" in cap or "in the request body" in cap or cap.endswith("request parameters"):
        return "request"
    if "response body" in cap or "in the response body" in cap or cap.endswith("response parameters"):
        return "response"
    return None


def _request_side(t: Table) -> bool:
    return t.section.startswith("request") or t.section == "uri"


def register_schema(ctx: PageContext, t: Table) -> None:
    role = t.role
    if t.also_nested:
        # its own copies of the rows: the body's and the nested table's rows are each linked once
        fields = [dc_replace(f) for f in t.fields]
        ctx.page.schemas.append(Schema(name=caption_type_name(t.caption) or "Object", fields=fields,
                                       source=ctx.src(t.line), label=t.labels[0] if t.labels else None,
                                       title=t.caption, subject=caption_subject(t.caption),
                                       request_side=_request_side(t)))
        return
    if role != "nested":
        return
    subject = t.subject or caption_subject(t.caption)
    name = caption_type_name(t.caption) or subject or (t.labels[0].rsplit("_", 1)[-1] if t.labels else "Object")
    schema = Schema(
        name=name,
        fields=t.fields,
        source=ctx.src(t.line),
        label=t.labels[0] if t.labels else None,
        title=t.caption,
        subject=subject,
        required_unstated=t.cols.mandatory is None,
        request_side=_request_side(t),
    )
    ctx.page.schemas.append(schema)


def parse_fields(ctx: PageContext, t: Table) -> list[Field]:
    out: list[Field] = []
    tbody = next(iter(t.node.findall(nodes.tbody)), None)
    if tbody is None:
        return out
    for row in tbody.children:
        if not isinstance(row, nodes.row):
            continue
        f = _field(ctx, t, row)
        if f is not None:
            out.extend(_alternatives(ctx, f))
    return out


# `domain_name or domain_id`: one row for two fields of which the request holds one
_ALTERNATIVES_RE = re.compile(r"([A-Za-z_][\w.-]*) or ([A-Za-z_][\w.-]*)")


def _alternatives(ctx: PageContext, f: Field) -> list[Field]:
    """The row's field, or the two fields a row named `a or b` stands for: each optional, since a Mandatory
    "Yes" holds for the pair (JSON Schema could say "one of", but no client generator makes a usable type of it)."""
    m = _ALTERNATIVES_RE.fullmatch(f.name)
    if m is None:
        return [f]
    ctx.diag(f.source.line, "field.alternatives", Severity.INFO,
             f"'{f.name}': two alternative fields{', one of them mandatory' if f.required else ''}; "
             "each read as optional")
    pairs = ((m.group(1), m.group(2)), (m.group(2), m.group(1)))
    return [dc_replace(f, name=name, required=False, constraints=dc_replace(f.constraints),
                       required_note=f.required_note or (f"mandatory unless {other} is given" if f.required else None))
            for name, other in pairs]


def _field(ctx: PageContext, t: Table, row: nodes.row) -> Field | None:
    cells = [e for e in row.children if isinstance(e, nodes.entry)]
    line = row_line(row) or t.line
    if t.cols.name is not None and len(cells) > t.cols.name and all(
            " ".join(c.astext().split()) in ("-", "", "N/A", "None", "NA") for c in cells) and not all(
            not c.astext().strip() and not list(c.findall(nodes.bullet_list)) for c in cells):
        ctx.diag(line, "table.placeholder_row", Severity.INFO, "row holds only placeholders ('-'): no field")
        return None
    ctx.page.rows_total += 1
    if len(cells) != len(t.cols.headers):
        ctx.page.rows_failed += 1
        ctx.diag(line, "table.row_shape", Severity.ERROR,
                 f"row has {len(cells)} cells, the header has {len(t.cols.headers)}")
        return None
    assert t.cols.name is not None
    name = " ".join(cells[t.cols.name].astext().split()).strip("`*")
    if not name and any(True for _ in cells[t.cols.name].findall(nodes.bullet_list)):
        name = "-"  # docutils reads a lone "-" cell as an empty bullet list
    if not name:
        ctx.page.rows_failed += 1
        ctx.diag(line, "table.empty_name", Severity.ERROR, "row without a parameter name")
        return None
    if t.cols.type is not None and t.cols.mandatory is not None and is_mandatory_word(cells[t.cols.type].astext()):
        swapped_text, swapped_refs = _flatten_cell(cells[t.cols.mandatory])
        swapped = parse_type(swapped_text, swapped_refs)
        if swapped is not None and (swapped.kind is not Kind.REF or swapped_refs):
            ctx.diag(line, "table.cells_swapped", Severity.WARNING,
                     f"'{name}': Type cell {cells[t.cols.type].astext().strip()!r} and Mandatory cell "
                     f"{cells[t.cols.mandatory].astext().strip()!r} are swapped; read the other way round")
            cells = list(cells)
            cells[t.cols.type], cells[t.cols.mandatory] = cells[t.cols.mandatory], cells[t.cols.type]
    required = False
    required_note = None
    mand = ""
    if t.cols.mandatory is not None:
        mand = " ".join(cells[t.cols.mandatory].astext().split())
        required, required_note = read_required(t.cols, mand)
        if required_note is not None:
            ctx.diag(line, "field.conditional_required", Severity.INFO,
                     f"'{name}': {'optional' if t.cols.optional else 'mandatory'} column says {mand!r}; taken as "
                     f"{'required' if required else 'optional'}")
    type_expr: TypeExpr | None
    if t.cols.type is not None:
        text, refs = _flatten_cell(cells[t.cols.type])
        type_expr = parse_type(text, refs) or _type_beside_ref(text, refs)
        if type_expr is None:
            ctx.page.rows_unknown_type += 1
            ctx.diag(line, "type.unknown", Severity.ERROR,
                     f"'{name}': type {' '.join(cells[t.cols.type].astext().split())!r} is not in the type"
                     " grammar;"
                     " left untyped")
            type_expr = TypeExpr(Kind.ANY)
        else:
            ctx.page.rows_resolved += 1
    else:
        type_expr = TypeExpr(Kind.STRING)  # URI and header tables without a Type column: strings
        stated = stated_type(cells[t.cols.description]) if t.cols.description is not None else None
        said = "" if stated is None else f"; its description's 'Type: {stated[0]}'"
        if stated is not None and stated[1] is not None:
            type_expr = stated[1]
        elif stated is not None:
            said += " is not in the type grammar"
        ctx.page.rows_resolved += 1
        ctx.diag(line, "type.no_column", Severity.INFO,
                 f"'{name}': table has no Type column{said}; typed {type_expr.kind}")
    description = ""
    constraints = Constraints()
    if t.cols.description is not None:
        cell = cells[t.cols.description]
        desc_refs = [r["target"] for r in cell.findall(otc_ref)]
        description, pr = ctx.read_cell(cell, type_expr)
        precision.enum_against_own_name(name, pr)
        constraints = pr.constraints
        for code, msg in pr.findings:
            ctx.diag(line, code, codes.severity(code), f"'{name}': {msg}")
    if required and conditional_yes(mand):
        constraints = dc_replace(constraints, required_conditional=True)
    name_refs = [str(r["target"]) for r in cells[t.cols.name].findall(otc_ref)]  # IAM: :ref:`group <...>`
    map_key = is_map_key(name)
    if map_key:
        ctx.diag(line, "table.map_key", Severity.INFO,
                 f"'{name}' names no property but stands for any key: the row types the values of a map"
                 " (additionalProperties), never a required property")
    return Field(name, type_expr, required, description, ctx.src(line), constraints, required_note,
                 name_refs + (desc_refs if t.cols.description is not None else []), map_key)


# a name cell that stands for a key chosen at run time: a placeholder (`{User defined key}`, `<operator>`, a name
# holding `xxx`) or prose ("Network address of the ECS"): words of letters only; `domain_name or domain_id` and
# `part-number -marker` are names (alternatives, a typo), not keys
_PLACEHOLDER_NAME_RE = re.compile(r"\{[^{}]+\}|<[^<>]+>|.*x{3}.*", re.I)
_PROSE_NAME_RE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)+")


def is_map_key(name: str) -> bool:
    """Whether a parameter-name cell is a placeholder or prose rather than a property name."""
    return bool(_PLACEHOLDER_NAME_RE.fullmatch(name) or _PROSE_NAME_RE.fullmatch(name))


def _type_beside_ref(text: str, refs: list[RefToken]) -> TypeExpr | None:
    """`List<Object> :ref:`Table 7 <...>``: a free type followed by the one `:ref:` that says which table it is."""
    if len(refs) != 1 or not text.rstrip().endswith("\x000\x00"):
        return None
    rest = parse_type(text.rstrip()[:-3], [])
    if rest is None or not rest.is_free():
        return None
    return rest.replace_free(TypeExpr(Kind.REF, ref=refs[0].target, ref_text=refs[0].text))


def read_cell(cell: nodes.Element, type_: TypeExpr | None) -> tuple[str, ProseResult]:
    """A description cell as Markdown, and what its prose says (`context.CellReader`)."""
    markdown = to_markdown(cell)
    return markdown, read_description(cell, type_, markdown)


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


def strip_table_number(caption: str) -> str:
    return re.sub(r"^\s*table\s+\d+[.:]?\s*", "", caption, flags=re.I).strip()


_SUBJECT_PATTERNS = [re.compile(p, re.I) for p in (
    r"^(?:description of (?:the )?)?([A-Za-z_][\w.:\-]*) (?:field|parameter|object|structure|element|attribute)s?"
    r"(?: data structure)?(?: description| descriptions| details| information| structure| data)?"
    r"(?: \([^)]*\)| for [a-z ]+)?$",
    # "Parameter description of field tags", "Objects of response parameter rules"
    r"^(?:parameter |data structure )?(?:descriptions?|objects?) of (?:the )?(?:request |response )?"
    r"(?:field|parameter) ([A-Za-z_][\w.:\-]*)$",
    r"^data structure (?:description )?(?:of|for) (?:the )?([A-Za-z_][\w.\-]*)(?: field| parameter)?$",
    r"^(?:parameters? (?:in|of) (?:the )?)([A-Za-z_][\w.\-]*)(?: field| object| parameter)?$",
    r"^([A-Za-z_][\w.\-]*) (?:field|parameter) data structure description$",
    r"^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)$",
    # modelarts "**config** parameters of **real-time**": row `config`'s table for one case of it
    r"^([A-Za-z_][\w.\-]*) (?:parameters?|fields?) of [a-z][\w\-]*$",
)]


def caption_subject(caption: str) -> str | None:
    """The field a caption describes: `Table 3 **tag** field data structure description` -> tag."""
    text = strip_table_number(caption)
    for pat in _SUBJECT_PATTERNS:
        m = pat.match(text)
        if m:
            word = m.group(1)
            # "**parameter** parameters" (modelarts training jobs): a row named `parameter`, not the generic word
            named_like_head = re.fullmatch(r"(?:parameter|field) (?:parameters?|fields?)", text, re.I) is not None
            if word.lower() in ("parameter", "parameters", "request", "response", "description", "field",
                                "table") and not named_like_head:
                return None
            return word
    return None


def whole_body_type(fields: list[Field]) -> Field | None:
    """A body table whose only row is named `-` or `[items]` (the body is a top-level array): the row's type is the
    type of the whole body."""
    if len(fields) == 1 and fields[0].name in ("-", "--", "N/A", "[items]"):
        return fields[0]
    return None
