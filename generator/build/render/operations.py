"""Operations: parameters, request body and responses of one documented call, with their examples."""

from __future__ import annotations

import copy
from typing import Any

from generator.build.render.media import content_by_media
from generator.build.render.schemas import SchemaRenderer, finish, provenance
from generator.core.model import Diagnostic, DocOperation, Example, Field, ParamLocation, Schema, Severity
from generator.core.spec import STATUS_ASSUMED
from generator.core.types import Kind


def array_body(body: Schema) -> Field | None:
    """The row of a body table whose one row is `[items]`: the docs' name for the elements of a body that *is* a
    JSON array (CCE's chart and job lists answer `[{...}]`). An object with an `[items]` property instead would be
    a model whose `from_dict` is handed the documented list (and crashes on it)."""
    if len(body.fields) == 1 and body.fields[0].name == "[items]" and body.fields[0].type.kind is Kind.ARRAY:
        return body.fields[0]
    return None


class OperationRenderer(SchemaRenderer):
    """Renders operations, their parts named after the components of `names`."""

    def parameter(self, f: Field, loc: ParamLocation) -> dict[str, Any]:
        schema, description = self.bare_schema(f)
        deprecated = schema.pop("deprecated", None)
        out: dict[str, Any] = {"name": f.name, "in": loc.value,
                               "required": bool(f.required or loc is ParamLocation.PATH)}
        if description:
            out["description"] = description
        if deprecated:
            out["deprecated"] = True
        out["schema"] = schema
        out["x-source"] = provenance(f.source)
        return out

    def body_schema(self, body: Schema) -> dict[str, Any]:
        """The body's component, or for a table of one `[items]` row the array that row describes."""
        whole = array_body(body)
        if whole is not None:
            return self.field_schema(whole)
        return {"$ref": f"#/components/schemas/{self.names[body.key]}"}

    def examples(self, examples: list[Example]) -> dict[str, Any]:
        return {e.name: {"value": e.value, "x-source": provenance(e.source)} for e in examples}

    def operation(self, op: DocOperation) -> dict[str, Any]:
        out: dict[str, Any] = {
            "operationId": op.operation_id,
            "summary": op.summary,
        }
        if op.description:
            out["description"] = op.description
        out["tags"] = [op.tag]
        params = []
        for loc in (ParamLocation.PATH, ParamLocation.QUERY, ParamLocation.HEADER):
            seen: set[str] = set()
            for f in op.parameters.get(loc, []):
                if f.name in seen:
                    self.diagnostics.append(Diagnostic(f.source, "param.duplicate", Severity.WARNING,
                                                       f"{loc.value} parameter '{f.name}' documented twice"))
                    continue
                seen.add(f.name)
                params.append(self.parameter(f, loc))
        if params:
            out["parameters"] = params
        if op.request_body is not None or op.request_examples or op.request_body_type is not None:
            media: dict[str, Any] = {}
            if op.request_body is not None:
                media["schema"] = self.body_schema(op.request_body)
            elif op.request_body_type is not None:
                # the body *is* this type: it carries the provenance of the row that says so
                media["schema"] = {**self.type_schema(op.request_body_type),
                                   "x-source": provenance(op.request_body_source or op.source)}
            else:
                media["schema"] = {}
            if op.request_examples:
                media["examples"] = self.examples(op.request_examples)
            out["requestBody"] = {
                "required": op.request_body is not None and any(f.required for f in op.request_body.fields),
                "content": content_by_media(op.request_media_type, media, op.request_examples, self.examples),
            }
        responses: dict[str, Any] = {}
        for r in op.responses:
            resp: dict[str, Any] = {"description": r.description or r.status}
            if r.body is not None or r.examples or r.body_type is not None:
                media = {}
                if r.body is not None:
                    media["schema"] = self.body_schema(r.body)
                elif r.body_type is not None:
                    media["schema"] = {**self.type_schema(r.body_type),
                                       "x-source": provenance(r.body_source or r.source)}
                if r.examples:
                    media["examples"] = self.examples(r.examples)
                resp["content"] = content_by_media(r.media_type, media, r.examples, self.examples)
            if r.headers:
                headers: dict[str, Any] = {}
                for h in r.headers:
                    schema, description = self.bare_schema(h)
                    headers[h.name] = {**({"description": description} if description else {}), "schema": schema,
                                       "x-source": provenance(h.source)}
                resp["headers"] = headers
            if r.assumed and r.status.startswith("2"):
                resp[STATUS_ASSUMED] = True  # the diff reads a status the docs state later as stated, not changed
            resp["x-source"] = provenance(r.source)
            responses[r.status] = resp
        _share_success_body(op, responses)
        out["responses"] = responses
        return finish(out, op.source, ("deprecated", op.deprecated), ("x-alias-of", op.alias_of))


def _share_success_body(op: DocOperation, responses: dict[str, Any]) -> None:
    """The 2xx codes a sentence names are alternatives of one success ("2xx, for example, 200, 202, or 204"): one
    without a table of its own answers with the documented success body's schema, except 204/205 (no content)."""
    tabled = [r for r in op.responses if r.status.startswith("2") and "content" in responses[r.status]]
    if not tabled:
        return
    content = {media: {"schema": m["schema"]} for media, m in responses[tabled[0].status]["content"].items()
               if "schema" in m}
    for r in op.responses:
        if (r.from_prose and r.status.startswith("2") and r.status not in ("204", "205")
                and "content" not in responses[r.status] and content):
            responses[r.status]["content"] = copy.deepcopy(content)
