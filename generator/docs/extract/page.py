"""One page: its sections, its call(s), then tables, parameters, responses and examples, in that order."""

from __future__ import annotations

import copy
import re

from docutils import nodes

from generator.core.model import DocOperation, Page, ParamLocation, Severity
from generator.docs.extract.context import CellReader, PageContext, line_of
from generator.docs.extract.examples import read_examples, xml_root_rows
from generator.docs.extract.microversion import relax_microversion_rows
from generator.docs.extract.page_text import page_text
from generator.docs.extract.parameters import complete_path_params, complete_query_from_uri, read_parameter_tables
from generator.docs.extract.responses import read_responses
from generator.docs.extract.sections import (
    PLACEHOLDER_RE,
    Sections,
    bare_query_keys,
    find_uri,
    operation_id,
    original_name,
    report_unknown_sections,
    section_roles,
    split_uri,
    tag,
)
from generator.docs.extract.tables import (
    classify,
    find_tables,
    parse_fields,
    register_schema,
    report_unknown_columns,
)
from generator.docs.extract.tables import read_cell as read_cell_stock
from generator.docs.extract.uri_repair import repair_calls
from generator.docs.prose.markdown import inline_markdown, to_markdown
from generator.docs.read import ReadPage


def extract(read: ReadPage, read_cell: CellReader | None = None) -> Page:
    """The intermediate model of one page: its operations, nested tables and diagnostics; `read_cell`: how a
    description cell is read (None: `tables.read_cell`)."""
    ctx = PageContext(read, read_cell or read_cell_stock)
    ctx.page.text = page_text(ctx.doc)  # before extraction walks (and may change) the doctree
    top = next(iter(ctx.doc.findall(nodes.section)), None)
    if top is None:
        ctx.diag(1, "page.no_title", Severity.INFO, "page has no section: not an API page")
        return ctx.page
    title_node = top.children[0]
    ctx.page.title = title_node.astext().strip()
    names: list[str] = list(top.get("names", []))
    ctx.page.labels = names
    # a section's first name is its title's own (docutils' implicit target), which a retitle changes
    own = [n for n in names if n != nodes.fully_normalize_name(ctx.page.title)]
    ctx.page.anchor = original_name(ctx.doc) or (own[0] if own else "")
    sections, unknown = section_roles(top)
    uri_calls = repair_calls(find_uri(sections), lambda line, note: ctx.diag(line, "uri.repaired", Severity.WARNING,
                                                                           note))
    if not uri_calls:
        roles = {role for role, _ in sections}
        # samples alone are no call's page: OBS "SSE-C" shows "Sample Request: Uploading an Object Encrypted with
        # SSE-C", the upload page's call
        if roles & {"uri", "request", "response"}:
            ctx.diag(max(1, (title_node.line or 2) - 1), "page.no_uri", Severity.WARNING,
                     "page has request/response sections but no 'METHOD /path' line in a URI section;"
                     " no operation could be made of it")
        else:
            # index pages, overviews, appendices: nothing to extract, but say why
            ctx.diag(max(1, (title_node.line or 2) - 1), "page.not_api", Severity.INFO,
                     "no 'METHOD /path' line in a URI section")
        for t in ctx.doc.findall(nodes.table):
            names_of: list[str] = t.get("names", [])
            ctx.page.unread_tables.update((name, line_of(t)) for name in names_of)
        return ctx.page
    ctx.page.is_api = True
    report_unknown_sections(ctx, unknown)  # on overview pages any title is fine; on API pages it may hide data
    _build_operation(ctx, sections, uri_calls)
    return ctx.page


def _build_operation(ctx: PageContext, sections: Sections, uri_calls: list[tuple[str, str, int]]) -> None:
    method, raw_path, uri_line = uri_calls[0]
    path, query_names = split_uri(raw_path)
    bare = bare_query_keys(raw_path)
    aliases: list[tuple[str, str, int]] = []
    for other in uri_calls[1:]:
        other_path, other_query = split_uri(other[1])
        if (other[0], other_path) == (method, path):
            query_names = list(dict.fromkeys(query_names + other_query))  # `/x` and `/x?a={a}`
            bare += bare_query_keys(other[1])
        elif other[0] == method or other_path != path:
            aliases.append((other[0], other_path, other[2]))
    ctx.obs_style = any(role == "request_syntax" for role, _ in sections)
    ctx.query_keys, ctx.bare_query_keys = set(query_names), set(bare)
    ctx.method = method.upper()
    named = operation_id(ctx.doc, ctx.page.title)
    op_id = named.name
    if not named.parsed:
        ctx.diag(uri_line, "naming.fallback", Severity.INFO,
                 f"title {ctx.page.title!r} has no verb the naming grammar reads; operationId {op_id}")
    desc = ""
    for role, sec in sections:
        if role == "function":
            desc = "\n\n".join(to_markdown(c) if isinstance(c, nodes.Element) and not isinstance(
                c, nodes.paragraph) else inline_markdown(c) for c in sec.children[1:]).strip()
            break
    deprecated = bool(re.search(r"deprecated|discarded|out-of-date", ctx.file + " " + ctx.page.title, re.I))
    op = DocOperation(
        operation_id=op_id,
        method=method.lower(),
        path=path,
        summary=ctx.page.title,
        description=desc,
        source=ctx.src(uri_line),
        tag=tag(ctx.file),
        deprecated=deprecated,
    )
    tables = list(find_tables(sections))
    report_unknown_columns(ctx, tables)
    for t in tables:  # every row is read once, whatever role its table gets
        if t.cols.name is not None and not (t.cols.status is not None and t.cols.name is None):
            t.fields = parse_fields(ctx, t)
    classify(ctx, tables)
    relax_microversion_rows(ctx, tables)
    for t in tables:
        register_schema(ctx, t)
    placeholders = set(PLACEHOLDER_RE.findall(path))
    read_parameter_tables(ctx, op, tables, placeholders)
    complete_path_params(ctx, op, placeholders, uri_line)
    complete_query_from_uri(ctx, op, query_names, uri_line)
    read_responses(ctx, op, tables, sections)
    read_examples(ctx, op, sections)
    xml_root_rows(ctx, op)
    ctx.page.operations.append(op)
    for n, (a_method, a_path, a_line) in enumerate(aliases, 2):
        ctx.page.operations.append(_alias(ctx, op, a_method, a_path, a_line, n))


def _alias(ctx: PageContext, op: DocOperation, method: str, path: str, line: int, n: int) -> DocOperation:
    """A second URI on the page (ECS `/v2.1/` and `/v2/`): the same call at another address."""
    alias = copy.deepcopy(op)
    alias.method, alias.path, alias.source = method.lower(), path, ctx.src(line)
    version = next((seg for seg in path.split("/") if re.fullmatch(r"v\d+(\.\d+)?", seg, re.I)), None)
    suffix = "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", version or "") if w) or str(n)
    alias.operation_id = f"{op.operation_id}{suffix}"
    alias.alias_of = op.operation_id
    alias.description = (op.description + f"\n\nThe same call as `{op.operation_id}` "
                         f"({op.method.upper()} {op.path}).").strip()
    placeholders = set(PLACEHOLDER_RE.findall(path))
    alias.parameters[ParamLocation.PATH] = [f for f in alias.parameters.get(ParamLocation.PATH, [])
                                            if f.name in placeholders]
    complete_path_params(ctx, alias, placeholders, line)
    for body in alias.bodies():
        body.name = alias.operation_id + body.name[len(op.operation_id):]
    ctx.diag(line, "uri.alias", Severity.INFO,
             f"second URI {method} {path}: operation {alias.operation_id}, same as {op.operation_id}")
    return alias
