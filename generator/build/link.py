"""Stage 2b: resolve references to nested tables across a whole docs tree.

A REF type leaves extraction holding a label (from `:ref:`) or a name (from "Name object" or a
caption). Here it is pointed at the `Schema.key` of the table it means: same page first, then any
page (labels are unique in a tree), then by caption name on the same page. Whatever stays
unresolved becomes a free-form object with a `ref.dangling` diagnostic; nested tables nobody
references are reported as `schema.unreferenced`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.core.model import Diagnostic, Field, Page, Schema, Severity, Source
from generator.core.types import Kind, TypeExpr


def link(pages: list[Page]) -> dict[str, Schema]:
    schemas: dict[str, Schema] = {}
    by_label: dict[str, Schema] = {}
    for page in pages:
        for i, s in enumerate(page.schemas):
            s.key = f"{page.file}#{i}"
            schemas[s.key] = s
            if s.label and s.label not in by_label:
                by_label[s.label] = s
        for op in page.operations:
            for body in op.bodies():
                body.key = f"{page.file}#{body.name}"
                schemas[body.key] = body

    # tables of pages with no call are not read, but a `:ref:` to one is still the docs' statement of which table
    unread = {label: Source(page.file, line) for page in pages for label, line in page.unread_tables.items()}
    referenced: set[str] = set()
    for page in pages:
        local_label = {s.label: s for s in page.schemas if s.label}
        local_name: dict[str, Schema] = {}
        local_names: dict[str, list[Schema]] = {}
        local_subject: dict[str, list[Schema]] = {}
        for s in page.schemas:
            local_name.setdefault(s.name.lower(), s)
            local_names.setdefault(s.name.lower(), []).append(s)
            if s.subject:
                local_subject.setdefault(s.subject.lower(), []).append(s)
                if "." in s.subject:  # `projects.links`: also findable as `links` inside `projects`
                    local_subject.setdefault(s.subject.rsplit(".", 1)[1].lower(), []).append(s)

        f_owner: dict[int, Schema] = {id(f): s for s in page.schemas for f in s.fields}
        # the table each row sits in, bodies included (a body that is also a nested table is one table)
        row_owner = {id(f): body for op in page.operations for body in op.bodies() for f in body.fields} | f_owner
        # which side a row is on: a request row's "**instance** field" table is the request's, not the response's
        f_request: dict[int, bool] = {id(f): s.request_side for s in page.schemas for f in s.fields}
        for op in page.operations:
            for body in op.bodies():
                f_request.update((id(f), body is op.request_body) for f in body.fields)

        def own_tables(f: Field, local_subject: dict[str, list[Schema]] = local_subject,
                       row_owner: dict[int, Schema] = row_owner, f_request: dict[int, bool] = f_request
                       ) -> list[Schema]:
            """The page's unlabelled tables captioned for this row, on its side (`_own_table`)."""
            owner = row_owner.get(id(f))
            return [s for s in local_subject.get(f.name.lower(), [])
                    if not s.label and s is not owner and s.request_side == f_request.get(id(f), s.request_side)]

        def by_description(f: Field, page: Page = page, local_label: dict[str, Schema] = local_label,
                           local_subject: dict[str, list[Schema]] = local_subject,
                           f_owner: dict[int, Schema] = f_owner, f_request: dict[int, bool] = f_request
                           ) -> Schema | None:
            """`Object` + "For details, see Table 3" or a caption "**f** field description"."""
            for target in f.desc_refs:
                found = local_label.get(target) or by_label.get(target)
                if found is not None:
                    return _own_table(page, f, found, own_tables(f)) if found.source.file != page.file else found
            explicit = next((x for x in f.desc_refs if x in unread), None)
            if explicit is not None:  # never a same-page table of the field's name (DNS `Resource.tags`)
                _unread_table(page, f, explicit, unread[explicit])
                return None
            owner = f_owner.get(id(f))
            candidates = [s for s in local_subject.get(f.name.lower(), []) if s is not owner]
            if len(candidates) > 1 and id(f) in f_request:
                same_side = [s for s in candidates if s.request_side == f_request[id(f)]]
                candidates = same_side or candidates
            if len(candidates) > 1:
                prefix = f"{owner.subject}.{f.name}".lower() if owner is not None and owner.subject else None
                exact = [s for s in candidates if (s.subject or "").lower() == (prefix or f.name.lower())]
                candidates = exact
            if len(candidates) > 1 and all(_CASE_CAPTION.search(s.title or "") for s in candidates):
                # "**config** parameters of **real-time**" / "... of **batch**": one row's table per case, with no
                # `:ref:` to choose; the first case is the row's table (as when the row lists "see Table 3, Table 4"),
                # the others stay `schema.unreferenced`
                candidates = candidates[:1]
            return candidates[0] if len(candidates) == 1 else None

        def resolve(t: TypeExpr, f: Field, page: Page = page, local_label: dict[str, Schema] = local_label,
                    local_name: dict[str, Schema] = local_name, row_owner: dict[int, Schema] = row_owner,
                    local_names: dict[str, list[Schema]] = local_names, f_request: dict[int, bool] = f_request,
                    local_subject: dict[str, list[Schema]] = local_subject) -> TypeExpr:
            if t.kind in (Kind.ARRAY, Kind.MAP) and t.items is not None:
                return replace(t, items=resolve(t.items, f))
            if t.kind is not Kind.REF:
                return t
            target: Schema | None = None
            if t.ref is not None:
                target = local_label.get(t.ref) or by_label.get(t.ref)
            owner = row_owner.get(id(f))
            if target is not None and owner is not None and (target is owner or target.source == owner.source):
                target = _self_reference(page, f, target, local_label)
            if target is not None and target.source.file != page.file:
                target = _own_table(page, f, target, own_tables(f))
            if target is None and t.ref is not None:
                # `:ref:`route <page label>`` names a page, not a table: the row's own "see Table 4" says which
                # table, before the name `route` (which may name the request's table on a response row)
                target = next(filter(None, (local_label.get(x) or by_label.get(x) for x in f.desc_refs)), None)
            if target is None and t.ref in unread:
                _unread_table(page, f, t.ref, unread[t.ref])
                return TypeExpr(Kind.OBJECT)
            if target is None and t.ref_text:
                # a request and a response table of one name (VPC router `external_gateway_info`, whose `:ref:`
                # names the page): the row's own side's
                named = local_names.get(t.ref_text.lower(), [])
                side = [s for s in named if s.request_side == f_request.get(id(f))] if len(named) > 1 else []
                target = side[0] if side else local_name.get(t.ref_text.lower())
            if target is None and t.ref is None:
                # `TokenAuth object` naming no table, on a row whose own `:ref:` (name or description cell)
                # points at one: the link is the docs' statement, the class name is only wording
                target = next(filter(None, (local_label.get(x) or by_label.get(x) for x in f.desc_refs)), None)
            if target is None and t.ref is None:
                # a bare word in the Type cell that is no table's name either: an unknown spelling
                return _unresolved(page, f, "type.unknown", f"'{f.name}': type {t.ref_text!r} is neither in the type"
                                   " grammar nor the name of a table on this page; left untyped")
            if target is None:
                return _unresolved(page, f, "ref.dangling",
                                   f"'{f.name}': label '{t.ref}' matches no table; typed as a free-form object")
            referenced.add(target.key)
            return TypeExpr(Kind.REF, ref=target.key, ref_text=t.ref_text or target.name)

        for f in page.fields():
            if f.type.is_free():
                target = by_description(f)
                if target is not None:
                    referenced.add(target.key)
                    f.type = f.type.replace_free(TypeExpr(Kind.REF, ref=target.key, ref_text=target.name))
                    continue
            f.type = resolve(f.type, f)
        for op in page.operations:  # a body that *is* a type (`[items]`: Array of ChartResp) may name a table
            if op.request_body_type is not None:
                row = Field("[items]", op.request_body_type, False, "", op.request_body_source or op.source)
                op.request_body_type = resolve(op.request_body_type, row)
            for r in op.responses:
                if r.body_type is not None:
                    row = Field("[items]", r.body_type, False, "", r.body_source or r.source)
                    r.body_type = resolve(r.body_type, row)

    _bind_referenced_bodies(pages, schemas, by_label)
    _responses_off_request_tables(pages, schemas)
    for page in pages:
        for s in page.schemas:
            if s.key not in referenced:
                page.diagnostics.append(Diagnostic(s.source, "schema.unreferenced", Severity.WARNING,
                                                   f"nested table '{s.title or s.name}' is referenced by no field"))
    return schemas


def _own_table(page: Page, f: Field, target: Schema, own: list[Schema]) -> Schema:
    """A row whose `:ref:` names another page's table while its own page has one unlabelled table captioned for
    that row (CCE aea1a73 `updating_a_specified_node_pool.rst`: `nodeTemplate` links the create page's table, the
    page's own "Table 7 Data structure of the nodeTemplate field" lists the update's fields; modelarts 54d700e
    `modifying_the_description_...rst`: `profile` says "see Table 16", the create page's `flavor_details`, beside
    its own "Table 6 profile parameters"): the page's own table, which nothing else would use, is the row's; the
    link is said. The link may be the Type cell's or the description's."""
    if len(own) != 1:
        return target
    page.diagnostics.append(Diagnostic(
        f.source, "ref.own_table", Severity.WARNING,
        f"'{f.name}': its link names a table of {target.source.file}:{target.source.line}, while this page has its "
        f"own table for it (line {own[0].source.line}): the page's own is taken"))
    return own[0]


def _unread_table(page: Page, f: Field, label: str, where: Source) -> None:
    page.diagnostics.append(Diagnostic(
        f.source, "ref.unread_table", Severity.WARNING,
        f"'{f.name}': refers to the table '{label}' ({where}) on a page with no call, whose tables are not read;"
        " typed as a free-form object"))


def _self_reference(page: Page, f: Field, own: Schema, local_label: dict[str, Schema]) -> Schema:
    """A row whose `:ref:` names the table it sits in: a recursive type, unless its description names another table
    of the page ("For details, see Table 4", by `:ref:` or by number), which is then the one meant (AS
    `scheduled_policy` linked its own Table 3 while saying "see Table 4"). Reported either way (`ref.self`)."""
    named = [s for s in (local_label.get(x) for x in f.desc_refs) if s is not None and s.source != own.source]
    if not named:
        numbers = {m.group(1) for m in _SEE_TABLE.finditer(f.description)}
        named = [s for s in page.schemas if s.source != own.source and _table_number(s.title) in numbers]
    if len(named) == 1:
        page.diagnostics.append(Diagnostic(
            f.source, "ref.self", Severity.WARNING,
            f"'{f.name}': its type refers to the table it sits in ('{own.title or own.name}'), but its description"
            f" names '{named[0].title or named[0].name}'; taken as that table"))
        return named[0]
    page.diagnostics.append(Diagnostic(
        f.source, "ref.self", Severity.INFO,
        f"'{f.name}': its type refers to the table it sits in ('{own.title or own.name}'): a recursive type"))
    return own


# a caption naming a row's table for one case of it: "**config** parameters of **batch**"
_CASE_CAPTION = re.compile(r"[A-Za-z_] (?:parameters?|fields?) of [a-z][\w\-]*$", re.I)

# "see Table 4" / "For details, see Table 4" in a description; a caption starts "Table 4 ..."
_SEE_TABLE = re.compile(r"\bsee\s+Table\s+(\d+)\b", re.I)


def _table_number(title: str) -> str | None:
    m = re.match(r"\s*Table\s+(\d+)\b", title)
    return m.group(1) if m else None


def _unresolved(page: Page, f: Field, code: str, message: str) -> TypeExpr:
    """A reference that leads nowhere: the row moves from `resolved` to the counter its code stands for.

    An unknown spelling is left untyped (`type.unknown`); a dangling label still says "object".
    """
    page.diagnostics.append(Diagnostic(f.source, code, Severity.ERROR, message))
    page.rows_resolved -= 1
    if code == "type.unknown":
        page.rows_unknown_type += 1
        return TypeExpr(Kind.ANY)
    page.rows_failed += 1
    return TypeExpr(Kind.OBJECT)


def _reach(schemas: dict[str, Schema], roots: list[str]) -> set[str]:
    """Schema keys reachable from `roots` (the roots included)."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        key = todo.pop()
        if key in seen or key not in schemas:
            continue
        seen.add(key)
        for f in schemas[key].fields:
            todo.extend(r.ref for r in f.type.refs() if r.ref is not None)
    return seen


def _responses_off_request_tables(pages: list[Page], schemas: dict[str, Schema]) -> None:
    """A response that reaches a table of a Request section (CCE read-node and create-node's own response link the
    create-node request tables) gets a copy of it in which nothing is required: a request's Mandatory column says
    what a caller must send, not what a server returns. Each crossing is a `response.request_table` diagnostic."""
    request_side = {k for k, s in schemas.items() if s.request_side}
    # the request tables with a required row, themselves or through the request tables they lead to
    request_only = {k for k in request_side if any(f.required for f in schemas[k].fields)}
    grown = True
    while grown:
        more = {k for k in request_side - request_only if any(
            r.ref in request_only for f in schemas[k].fields for r in f.type.refs())}
        request_only |= more
        grown = bool(more)
    copies: dict[str, str] = {}

    def copy_of(key: str) -> str:
        if key in copies:
            return copies[key]
        original = schemas[key]
        new_key = copies[key] = f"{key}~response"
        clone = Schema(original.name, [replace(f, required=False) for f in original.fields], original.source,
                       title=original.title, key=new_key, subject=original.subject)
        schemas[new_key] = clone
        for f in clone.fields:
            f.type = retarget(f.type)
        return new_key

    def retarget(t: TypeExpr) -> TypeExpr:
        if t.kind is Kind.REF and t.ref in request_only:
            return replace(t, ref=copy_of(t.ref))
        if t.items is not None and t.kind is not Kind.REF:
            return replace(t, items=retarget(t.items))
        return t

    reported: set[tuple[Source, str]] = set()
    for page in pages:
        roots = [r.body.key for op in page.operations for r in op.responses if r.body is not None]
        for key in sorted(_reach(schemas, roots)):
            if key in request_only or key.endswith("~response"):
                continue
            for f in schemas[key].fields:
                new = retarget(f.type)
                if new == f.type:
                    continue
                f.type, old = new, f.type
                target = schemas[next(r.ref for r in old.refs() if r.ref is not None)]
                if (f.source, target.key) in reported:
                    continue  # a row copied into another page's body (`_bind_referenced_bodies`): said once
                reported.add((f.source, target.key))
                page.diagnostics.append(Diagnostic(
                    f.source, "response.request_table", Severity.WARNING,
                    f"'{f.name}': a response field described by the request table '{target.title or target.name}'"
                    f" ({target.source}); its Mandatory column is not read for the response: no property of it"
                    " is required"))


def _bind_referenced_bodies(pages: list[Page], schemas: dict[str, Schema], by_label: dict[str, Schema]) -> None:
    """A response whose page points at another page's table for its body (`Response.body_ref`) gets that table's
    rows; a pointer to no table is a `response.body_unbound` diagnostic, never a silently empty response."""
    bodies = {s.label: s for page in pages for op in page.operations for s in op.bodies() if s.label}
    for page in pages:
        for op in page.operations:
            ok = sorted(r.status for r in op.responses if r.status.startswith("2"))
            for r in op.responses:
                if r.body_ref is None or r.body is not None or r.body_type is not None:
                    continue
                label, line = r.body_ref
                target = bodies.get(label) or by_label.get(label)
                if target is None:
                    page.diagnostics.append(Diagnostic(
                        Source(page.file, line), "response.body_unbound", Severity.WARNING,
                        f"{op.operation_id} {r.status}: the response body is described by '{label}', which is no"
                        " table of this tree; the response is documented without a schema"))
                    continue
                name = f"{op.operation_id}Response" + ("" if ok and r.status == ok[0] else r.status)
                r.body = Schema(name, [replace(f) for f in target.fields], Source(page.file, line),
                                title=target.title, key=f"{page.file}#{name}")
                schemas[r.body.key] = r.body
                page.diagnostics.append(Diagnostic(
                    Source(page.file, line), "response.body_by_reference", Severity.INFO,
                    f"{op.operation_id} {r.status}: body from the table '{target.title}' ({target.source}) the"
                    " page refers to"))
