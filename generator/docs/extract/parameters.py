"""Path, query and header parameters and the request body, from the tables `tables` gave those roles."""

from __future__ import annotations

from generator.core.model import DocOperation, Field, ParamLocation, Schema, Severity
from generator.core.types import Kind, TypeExpr
from generator.docs.extract.context import PageContext
from generator.docs.extract.tables import Table, whole_body_type


def read_parameter_tables(ctx: PageContext, op: DocOperation, tables: list[Table], placeholders: set[str]) -> None:
    for t in tables:
        role = t.role
        if role in ("path", "query", "header"):
            for f in t.fields:
                loc = ParamLocation(role)
                if role == "path" and f.name not in placeholders:
                    loc = ParamLocation.QUERY
                    ctx.diag(f.source.line, "param.query_in_path_table", Severity.INFO,
                             f"'{f.name}' is not a placeholder of {op.path}: taken as a query parameter")
                if role == "header" and f.name.lower() == "x-auth-token":
                    ctx.diag(f.source.line, "param.auth_header", Severity.INFO,
                             "X-Auth-Token documented as a header: expressed by the security scheme")
                    continue
                if role == "header" and f.name.lower() == "content-type":
                    ctx.diag(f.source.line, "param.content_type_header", Severity.INFO,
                             "Content-Type documented as a header: expressed by the request media type")
                    continue
                if loc is ParamLocation.PATH:
                    f.required = True
                if loc is ParamLocation.QUERY and " " in f.name and "".join(f.name.split()) in ctx.query_keys:
                    ctx.diag(f.source.line, "param.name_spaced", Severity.WARNING,
                             f"'{f.name}' is the request line's query key '{''.join(f.name.split())}' with a space"
                             " in it: named as the request line writes it")
                    f.name = "".join(f.name.split())
                if loc is ParamLocation.HEADER and len(f.name.split()) > 1 and f.name.split()[0].endswith("-"):
                    # a header name is one token (RFC 9110); "x-obs-metadata- directive" is a cell wrapped at
                    # its hyphen (OBS copying_an_object.rst, fixed by the docs later)
                    ctx.diag(f.source.line, "param.name_spaced", Severity.WARNING,
                             f"header '{f.name}' has a space after a hyphen: named "
                             f"'{''.join(f.name.split())}', as a header name can hold no space")
                    f.name = "".join(f.name.split())
                if loc is ParamLocation.QUERY and f.required and f.name in ctx.bare_query_keys:
                    # `?tagging` names which call this is; as the keys only the request line gives, it stays an
                    # optional argument, so a table stating it or not changes no signature
                    f.required = False
                    ctx.diag(f.source.line, "param.subresource_key", Severity.INFO,
                             f"'{f.name}' is written without a value in the request line: the sub-resource the"
                             " call addresses, taken as optional like the line's other keys")
                op.parameters.setdefault(loc, []).append(f)
        elif role == "body":
            if t.section == "response":
                continue
            if "formdata" in t.caption.lower().replace(" ", "") or "form-data" in t.caption.lower():
                op.request_media_type = "multipart/form-data"
            whole = whole_body_type(t.fields)
            if whole is not None and op.request_body is None:
                op.request_body_type = whole.type  # a lone `-` row: the body *is* this type
                op.request_body_source = whole.source
                if whole.type.kind is Kind.BINARY:
                    op.request_media_type = "application/octet-stream"
                continue
            if op.request_body is not None:
                op.request_body.fields.extend(t.fields)
                op.request_body.required_unstated &= t.cols.mandatory is None
                continue
            op.request_body = Schema(f"{op.operation_id}Request", t.fields, ctx.src(t.line),
                                     title=t.caption, required_unstated=t.cols.mandatory is None)
            if t.section == "request_elements":
                op.request_media_type = "application/xml"
        elif role in ("other",) and t.cols.name is not None:
            ctx.diag(t.line, "table.unclassified", Severity.WARNING,
                     f"table '{t.caption or t.cols.headers}' could not be given a role")


def complete_path_params(ctx: PageContext, op: DocOperation, placeholders: set[str], line: int) -> None:
    have = {f.name for f in op.parameters.get(ParamLocation.PATH, [])}
    for name in sorted(placeholders - have, key=op.path.find):
        ctx.diag(line, "param.undocumented_path", Severity.WARNING,
                 f"path placeholder {{{name}}} has no table row; typed string")
        op.parameters.setdefault(ParamLocation.PATH, []).append(
            Field(name, TypeExpr(Kind.STRING), True, "", ctx.src(line)))
    # keep path parameters in URI order
    op.parameters.get(ParamLocation.PATH, []).sort(key=lambda f: op.path.find("{" + f.name + "}"))


def complete_query_from_uri(ctx: PageContext, op: DocOperation, names: list[str], line: int) -> None:
    have = {f.name for f in op.parameters.get(ParamLocation.QUERY, [])}
    for name in names:
        if name not in have:
            ctx.diag(line, "param.query_from_uri", Severity.INFO,
                     f"query parameter '{name}' appears only in the URI line; typed string")
            op.parameters.setdefault(ParamLocation.QUERY, []).append(
                Field(name, TypeExpr(Kind.STRING), False, "", ctx.src(line)))
