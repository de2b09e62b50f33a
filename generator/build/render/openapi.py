"""Stage 3: linked model -> OpenAPI 3.1.0 document (a plain dict, deterministic order).

The `build` command runs the whole pipeline; this stage only renders: `render_spec`.

Component names come from the docs (`EndpointsReq`); request and response bodies are named after
the operationId (`UpdateNotebookRequest`, `UpdateNotebookResponse`, `UpdateNotebookResponse404`).
Two tables with one name and the same shape share a component; with different shapes the later one
is renamed `<OperationId><Name>` and a `schema.name_conflict` diagnostic says so.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.build.finish.extras import (
    PlacementMemo,
    drop_unreferenced,
    error_bodies,
    info_extras,
    number_repeated_placeholders,
    place_examples,
    widen_int32,
)
from generator.build.render.defects import default_problem
from generator.build.render.media import content_by_media
from generator.build.render.shapes import shape_digests
from generator.core.config import Service
from generator.core.model import (
    Diagnostic,
    DocOperation,
    Example,
    Field,
    Page,
    ParamLocation,
    Schema,
    Severity,
    Source,
)
from generator.core.spec import HTTP_METHODS, deref, with_variants
from generator.core.types import Kind, TypeExpr
from generator.docs.naming import model_name, unique_operation_ids

OPENAPI_VERSION = "3.1.0"
SECURITY_SCHEME = "token"


@dataclass
class RenderedSpec:
    spec: dict[str, Any]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def provenance(src: Source) -> dict[str, Any]:
    """The `x-source` of a node made from the docs."""
    return {"file": src.file, "line": src.line}


def _parameter_refs(op: DocOperation) -> Iterator[tuple[Field, str]]:
    """Each parameter of `op` with each schema key its type refers to, in document order."""
    for fs in op.parameters.values():
        for f in fs:
            for ref in f.type.refs():
                if ref.ref is not None:
                    yield f, ref.ref


def pascal(name: str) -> str:
    """A component name openapi-python-client keeps as is: letters and digits, PascalCase."""
    if re.fullmatch(r"[A-Z][A-Za-z0-9]*", name):
        return name
    words = [w for w in re.split(r"[^A-Za-z0-9]+", name) if w]
    out = "".join(w[0].upper() + w[1:] for w in words)
    if not out or not out[0].isalpha():
        out = "Schema" + out
    return out


class SpecRenderer:
    def __init__(self, service: Service, pages: list[Page], schemas: dict[str, Schema],
                 placements: PlacementMemo | None = None) -> None:
        self.service = service
        self.placements = placements  # the example placements of an earlier build (`build_extras.place_examples`)
        self.pages = pages
        self.schemas = schemas
        self.diagnostics: list[Diagnostic] = []
        self.names: dict[str, str] = {}  # schema key -> component name
        self.components: dict[str, dict[str, Any]] = {}
        self._owner: dict[str, DocOperation] = {}  # schema key -> first operation that reaches it
        self._signatures: dict[str, str] = {}  # schema key -> shape digest (see `generator.build.render.shapes`)
        self._defaults_dropped: set[tuple[Source, str]] = set()

    # ------------------------------------------------------------ naming

    def _reachable(self) -> list[str]:
        """Schema keys in first-reached order: page order, then operation, then depth-first.

        Iterative: a chain of `:ref:`-linked tables may be any number of levels deep.
        """
        order: list[str] = []
        seen: set[str] = set()

        def visit(root: str, op: DocOperation) -> None:
            if root in seen:
                return
            seen.add(root)
            self._owner[root] = op
            order.append(root)
            stack = [iter(self._children(root))]
            while stack:
                key = next(stack[-1], None)
                if key is None:
                    stack.pop()
                    continue
                if key in seen:
                    continue
                seen.add(key)
                self._owner[key] = op
                order.append(key)
                stack.append(iter(self._children(key)))

        for page in self.pages:
            for op in page.operations:
                for _, ref in _parameter_refs(op):
                    visit(ref, op)
                if op.request_body is not None:
                    visit(op.request_body.key, op)
                for r in op.responses:
                    if r.body is not None:
                        visit(r.body.key, op)
        return order

    def _children(self, key: str) -> list[str]:
        return [ref.ref for f in self.schemas[key].fields for ref in f.type.refs() if ref.ref is not None]

    def _signature(self, key: str) -> str:
        """The shape of a table and of everything it reaches, as a digest: equal digests, equal shapes."""
        if key not in self._signatures:
            self._signatures = shape_digests(self.schemas, key, self.diagnostics, self._signatures)
        return self._signatures[key]

    def assign_names(self) -> None:
        order = self._reachable()
        bodies = [k for k in order if self._is_body(k)]
        body_set = set(bodies)
        taken: dict[str, tuple[str, str]] = {}  # lower-case name -> (name as given out, shape signature)
        referrers = self._referring_fields(order)
        for key in bodies + [k for k in order if k not in body_set]:  # bodies first: they own derived names
            schema = self.schemas[key]
            name = pascal(model_name(schema, referrers.get(key), key in body_set))
            sig = self._signature(key)
            held = taken.get(name.lower())
            if held is None or held[1] == sig or key in body_set:
                self.names[key] = self._claim(name, sig, taken)
                continue
            final = self._claim(pascal(self._owner[key].operation_id + name), sig, taken)
            docs_named = schema.name[:1].isupper()  # `Table 3 EndpointsReq`, not "server field description"
            self.diagnostics.append(Diagnostic(
                schema.source, "schema.name_conflict", Severity.WARNING if docs_named else Severity.INFO,
                f"'{name}' already names a different shape; this table becomes '{final}'"))
            self.names[key] = final

    def _referring_fields(self, order: list[str]) -> dict[str, str]:
        """schema key -> the name of the first field (in first-reached order) whose type refers to it."""
        out: dict[str, str] = {}
        for page in self.pages:
            for op in page.operations:
                for param, key in _parameter_refs(op):
                    out.setdefault(key, param.name)
        for key in order:
            for f in self.schemas[key].fields:
                for ref in f.type.refs():
                    if ref.ref is not None:
                        out.setdefault(ref.ref, f.name)
        return out

    @staticmethod
    def _claim(name: str, sig: str, taken: dict[str, tuple[str, str]]) -> str:
        """`name`, else `name2`, `name3`...: the first one free or already holding this very shape."""
        candidate, n = name, 2
        while candidate.lower() in taken and taken[candidate.lower()][1] != sig:
            candidate, n = f"{name}{n}", n + 1
        return taken.setdefault(candidate.lower(), (candidate, sig))[0]

    def _is_body(self, key: str) -> bool:
        return "#" in key and not key.rsplit("#", 1)[1].isdigit()

    # ------------------------------------------------------------ rendering

    def type_schema(self, t: TypeExpr) -> dict[str, Any]:
        if t.kind is Kind.STRING:
            out: dict[str, Any] = {"type": "string"}
            if t.format:
                out["format"] = t.format
            return out
        if t.kind is Kind.INTEGER:
            return {"type": "integer", "format": t.format or "int32"}
        if t.kind is Kind.NUMBER:
            return {"type": "number", **({"format": t.format} if t.format else {})}
        if t.kind is Kind.BOOLEAN:
            return {"type": "boolean"}
        if t.kind is Kind.OBJECT:
            return {"type": "object"}
        if t.kind is Kind.ANY:
            return {}
        if t.kind is Kind.BINARY:
            return {"type": "string", "format": "binary"}
        if t.kind is Kind.ARRAY:
            return {"type": "array", "items": self.type_schema(t.items or TypeExpr(Kind.ANY))}
        if t.kind is Kind.MAP:
            return {"type": "object", "additionalProperties": self.type_schema(t.items or TypeExpr(Kind.ANY))}
        if t.kind is Kind.REF and t.ref is not None:
            return {"$ref": f"#/components/schemas/{self.names[t.ref]}"}
        return {}

    def field_schema(self, f: Field) -> dict[str, Any]:
        out = self.type_schema(f.type)
        c = f.constraints
        target = out["items"] if out.get("type") == "array" and "items" in out else out
        if c.enum is not None and "$ref" not in target:
            target["enum"] = list(c.enum)
            if c.enum_inferred:
                out["x-enum-inferred"] = True
        scalar = out
        # lengths and patterns of an array of strings are those of its items ("each tag: up to 36 characters")
        text = target if target.get("type") == "string" else scalar
        if c.min_length is not None and text.get("type") == "string":
            text["minLength"] = c.min_length
        if c.max_length is not None and text.get("type") == "string":
            text["maxLength"] = c.max_length
        if c.pattern is not None and text.get("type") == "string" and "format" not in text:
            text["pattern"] = c.pattern
        if scalar.get("type") in ("integer", "number"):
            if c.minimum is not None:
                scalar["minimum"] = c.minimum
            if c.maximum is not None:
                scalar["maximum"] = c.maximum
            if c.exclusive_minimum is not None and c.minimum is None:
                scalar["exclusiveMinimum"] = c.exclusive_minimum
            if c.exclusive_maximum is not None and c.maximum is None:
                scalar["exclusiveMaximum"] = c.exclusive_maximum
            if c.multiple_of is not None:
                scalar["multipleOf"] = c.multiple_of
        if scalar.get("type") == "array":
            if c.min_items is not None:
                scalar["minItems"] = c.min_items
            if c.max_items is not None:
                scalar["maxItems"] = c.max_items
        if c.has_default and "$ref" not in out and out.get("type") in ("string", "integer", "number", "boolean"):
            problem = default_problem(c.default, out)
            if problem is None:
                out["default"] = c.default
            elif (f.source, f.name) not in self._defaults_dropped:  # a field may be rendered twice (aliases)
                self._defaults_dropped.add((f.source, f.name))
                self.diagnostics.append(Diagnostic(f.source, "default.out_of_range", Severity.WARNING,
                                                   f"'{f.name}': {problem}; default dropped"))
        return _finish(out, f.source, ("description", f.description), ("deprecated", c.deprecated),
                       ("x-required-note", f.required_note))

    def object_schema(self, s: Schema) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object"}
        if s.title:
            out["x-caption"] = s.title
        props: dict[str, Any] = {}
        required: list[str] = []
        for f in s.fields:
            if f.name in props:
                self.diagnostics.append(Diagnostic(f.source, "field.duplicate", Severity.WARNING,
                                                   f"'{f.name}' appears twice in '{s.name}'; the first row is kept"))
                continue
            props[f.name] = self.field_schema(f)
            if f.constraints.nullable and _widen(props[f.name]):
                self.diagnostics.append(Diagnostic(f.source, "field.null_allowed", Severity.INFO,
                                                   f"'{f.name}' may be null: its description says so"))
            if f.required:
                required.append(f.name)
        out["properties"] = props
        if required:
            out["required"] = required
        out["x-source"] = provenance(s.source)
        return out

    def _bare_schema(self, f: Field) -> tuple[dict[str, Any], str | None]:
        """The field's schema for a parameter or header object, which carries description and x-source itself."""
        schema = self.field_schema(f)
        description = schema.pop("description", None)
        schema.pop("x-source", None)
        return schema, description

    def parameter(self, f: Field, loc: ParamLocation) -> dict[str, Any]:
        schema, description = self._bare_schema(f)
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
                media["schema"] = {"$ref": f"#/components/schemas/{self.names[op.request_body.key]}"}
            elif op.request_body_type is not None:
                media["schema"] = self.type_schema(op.request_body_type)
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
                    media["schema"] = {"$ref": f"#/components/schemas/{self.names[r.body.key]}"}
                elif r.body_type is not None:
                    media["schema"] = self.type_schema(r.body_type)
                if r.examples:
                    media["examples"] = self.examples(r.examples)
                resp["content"] = content_by_media(r.media_type, media, r.examples, self.examples)
            if r.headers:
                headers: dict[str, Any] = {}
                for h in r.headers:
                    schema, description = self._bare_schema(h)
                    headers[h.name] = {**({"description": description} if description else {}), "schema": schema,
                                       "x-source": provenance(h.source)}
                resp["headers"] = headers
            resp["x-source"] = provenance(r.source)
            responses[r.status] = resp
        _share_success_body(op, responses)
        out["responses"] = responses
        return _finish(out, op.source, ("deprecated", op.deprecated), ("x-alias-of", op.alias_of))

    # ------------------------------------------------------------ document

    def render(self) -> RenderedSpec:
        self.assign_names()
        for key, name in self.names.items():
            if name not in self.components:
                self.components[name] = self.object_schema(self.schemas[key])
        paths: dict[str, dict[str, Any]] = {}
        self.diagnostics.extend(unique_operation_ids([op for page in self.pages for op in page.operations]))
        for page in self.pages:
            for op in page.operations:
                item = paths.setdefault(op.path, {})
                rendered = self.operation(op)
                if op.method in item:
                    first = item[op.method]
                    if is_historical(first["x-source"]["file"]) != is_historical(op.source.file):
                        item[op.method] = self._prefer_current(first, rendered, op)
                        continue
                    self.diagnostics.append(Diagnostic(
                        op.source, "operation.merged", Severity.INFO,
                        f"{op.method.upper()} {op.path} is also documented at {first['x-source']['file']}:"
                        f"{first['x-source']['line']}; merged into operation {first['operationId']}"))
                    item[op.method] = merge_operations(first, rendered)
                    continue
                item[op.method] = rendered
        sorted_paths = {
            p: {m: paths[p][m] for m in sorted(paths[p], key=HTTP_METHODS.index)} for p in sorted(paths)
        }
        tags = sorted({op.tag for page in self.pages for op in page.operations})
        svc = self.service
        server_vars = {v: {"default": svc.default_region if v == "region" else v}
                       for v in re.findall(r"\{(\w+)\}", svc.endpoint)}
        spec: dict[str, Any] = {
            "openapi": OPENAPI_VERSION,
            "info": {
                "title": svc.title,
                "version": svc.docs_commit or "0.0.0",
                "description": f"{svc.title} API of Open Telekom Cloud, generated from its API reference.",
                **info_extras(svc),
                "x-service": svc.name,
            },
            "servers": [{"url": svc.endpoint, **({"variables": server_vars} if server_vars else {})}],
            "security": [{SECURITY_SCHEME: []}],
            "tags": [{"name": t} for t in tags],
            "paths": sorted_paths,
            "components": {
                "schemas": {k: self.components[k] for k in sorted(self.components)},
                "securitySchemes": {
                    SECURITY_SCHEME: {
                        "type": "apiKey",
                        "in": "header",
                        "name": "X-Auth-Token",
                        "description": "IAM token (see IAM 'Obtaining a User Token').",
                    }
                },
            },
        }
        self.diagnostics.extend(widen_nulls(spec))
        self.diagnostics.extend(widen_int32(spec))
        place_examples(spec, self.placements)  # after the widening: a documented null or long is evidence, not a defect
        self.diagnostics.extend(drop_unreferenced(spec))
        error_bodies(spec)
        self.diagnostics.extend(number_repeated_placeholders(spec))
        if svc.docs_commit:
            spec["info"]["x-docs"] = {"commit": svc.docs_commit, **({"date": svc.docs_date} if svc.docs_date else {})}
        return RenderedSpec(spec, self.diagnostics)


    def _prefer_current(self, first: dict[str, Any], rendered: dict[str, Any], op: DocOperation) -> dict[str, Any]:
        """A call documented on a deprecated page beside its current one: the current page's shapes win, the
        deprecated page stays listed as a variant, and differing shapes are reported, never `anyOf`-ed."""
        old_first = is_historical(first["x-source"]["file"])
        current, old = (rendered, first) if old_first else (first, rendered)
        differs = [part for part in ("parameters", "requestBody", "responses")
                   if _shape(current.get(part), self.components) != _shape(old.get(part), self.components)]
        where = f"{old['x-source']['file']}:{old['x-source']['line']}"
        # one operation.merged per page folded into another's operation, as for every merge (the report counts them)
        self.diagnostics.append(Diagnostic(
            op.source, "operation.merged", Severity.INFO,
            f"{op.method.upper()} {op.path} is also documented on the deprecated page {where}; "
            f"operation {current['operationId']} follows the current page"))
        if differs:
            self.diagnostics.append(Diagnostic(
                op.source, "operation.deprecated_conflict", Severity.WARNING,
                f"{op.method.upper()} {op.path}: the deprecated page {where} documents other {', '.join(differs)} "
                f"than the current page {current['x-source']['file']}:{current['x-source']['line']}; "
                f"the current page's are kept, the deprecated one is a variant"
                + ("; its request body is accepted too (marked deprecated)" if "requestBody" in differs else "")))
        out = dict(current)
        if "requestBody" in differs:
            out["requestBody"] = accept_deprecated_body(current.get("requestBody"), old.get("requestBody"),
                                                        self.components)
        variants = current.get("x-otc-variants") or [_variant(current)]
        out["x-otc-variants"] = [*variants, *({**v, "deprecated": True}
                                              for v in (old.get("x-otc-variants") or [_variant(old)]))]
        out["tags"] = sorted(set(current.get("tags", [])) | set(old.get("tags", [])))
        listing = "\n".join(f"- {v['summary']} ({v['x-source']['file']}:{v['x-source']['line']})"
                            + (" (deprecated)" if v.get("deprecated") else "") for v in out["x-otc-variants"])
        base = (current.get("description") or "").split("\n\nThis call is documented on several pages:")[0]
        out["description"] = f"{base}\n\nThis call is documented on several pages:\n{listing}".strip()
        return out


def accept_deprecated_body(current: dict[str, Any] | None, old: dict[str, Any] | None,
                           components: dict[str, Any]) -> dict[str, Any]:
    """The request body of a call whose deprecated page sends another body than its current page: the server
    still takes what the deprecated page documents (its client function sends it, recorded traffic holds it),
    so the operation's body accepts both; the deprecated page's alternatives carry `deprecated: true`. An
    alternative of the same wire shape as a current one is not repeated; a body is required only where both
    pages require one. The deprecated page's examples stay in its `x-otc-variants` entry: the operation shows
    the current page's (and a defect is counted once)."""
    current, old = current or {}, old or {}
    out = {k: v for k, v in current.items() if k != "content"}
    content: dict[str, Any] = {m: dict(v) for m, v in current.get("content", {}).items()}
    for media, mo in old.get("content", {}).items():
        mine = content.setdefault(media, {})
        have = _alternatives(mine.get("schema"))
        shapes = [_shape(a, components) for a in have]
        added = [{**a, "deprecated": True} for a in _alternatives(mo.get("schema"))
                 if isinstance(a, dict) and _shape(a, components) not in shapes]
        alternatives = have + added
        if alternatives:
            mine["schema"] = _union(alternatives)
    if content:
        out["content"] = content
    out["required"] = bool(current.get("required") and old.get("required"))
    return out


# pages under these folders or with these words in their path are superseded by a page elsewhere
_HISTORICAL = re.compile(r"deprecated|discarded|unrecommended|out-of-date|out_of_date|historical|old_version", re.I)


def is_historical(file: str) -> bool:
    return bool(_HISTORICAL.search(file))


def _shape(part: Any, components: dict[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """A part of an operation without its documentation or component names: what goes over the wire."""
    if isinstance(part, dict):
        ref = part.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
            name = ref.rsplit("/", 1)[1]
            return "<cycle>" if name in seen else _shape(components.get(name), components, (*seen, name))
        return {k: _shape(v, components, seen) for k, v in part.items()
                if k not in ("description", "summary", "x-source", "examples", "example", "x-caption")}
    if isinstance(part, list):
        return [_shape(v, components, seen) for v in part]
    return part


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


def _finish(out: dict[str, Any], source: Source, *extras: tuple[str, Any]) -> dict[str, Any]:
    """Each extra that is set, in order, then the `x-source` every node made from the docs carries."""
    for key, value in extras:
        if value:
            out[key] = value
    out["x-source"] = provenance(source)
    return out


def render_spec(service: Service, pages: list[Page], schemas: dict[str, Schema],
                placements: PlacementMemo | None = None) -> RenderedSpec:
    return SpecRenderer(service, pages, schemas, placements).render()


# ---------------------------------------------------------------- one METHOD+path on several pages


def merge_operations(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """One operation for a call documented on several pages (DNS public/private zones, OBS `?acl`...).

    OpenAPI allows one operation per method and path, so the pages become variants of it: every
    page stays listed in `x-otc-variants`; parameters are the union (required only where every
    variant requires them); differing bodies become `anyOf`; responses are merged per status.
    """
    variants = a.get("x-otc-variants") or [_variant(a)]
    out = dict(a)
    out["x-otc-variants"] = [*variants, _variant(b)]
    n_before = len(variants)
    params: dict[tuple[str, str], dict[str, Any]] = {(p["name"], p["in"]): dict(p) for p in a.get("parameters", [])}
    b_keys = {(p["name"], p["in"]) for p in b.get("parameters", [])}
    for key, p in params.items():
        if key not in b_keys and p["in"] != "path":
            p["required"] = False
    for p in b.get("parameters", []):
        key = (p["name"], p["in"])
        if key not in params:
            params[key] = {**p, "required": p["in"] == "path"} if n_before else dict(p)
        elif not p.get("required"):
            params[key]["required"] = params[key]["in"] == "path"
    if params:
        out["parameters"] = list(params.values())
    body_a, body_b = a.get("requestBody"), b.get("requestBody")
    if body_a or body_b:
        merged_body = _merge_content(body_a or {}, body_b or {})
        merged_body["required"] = bool(body_a and body_b and body_a.get("required") and body_b.get("required"))
        out["requestBody"] = merged_body
    responses = dict(a.get("responses", {}))
    for status, resp in b.get("responses", {}).items():
        if status not in responses:
            responses[status] = resp
            continue
        mine = dict(responses[status])
        if resp.get("description") and resp["description"] != mine.get("description"):
            mine["description"] = f"{mine.get('description', '')} / {resp['description']}".strip(" /")
        merged = _merge_content(mine, resp)
        if "content" in merged:
            mine["content"] = merged["content"]
        if resp.get("headers"):
            mine["headers"] = {**resp["headers"], **mine.get("headers", {})}
        responses[status] = mine
    out["responses"] = {k: responses[k] for k in sorted(responses)}
    out["tags"] = sorted(set(a.get("tags", [])) | set(b.get("tags", [])))
    if not (a.get("deprecated") and b.get("deprecated")):
        out.pop("deprecated", None)
    listing = "\n".join(f"- {v['summary']} ({v['x-source']['file']}:{v['x-source']['line']})"
                         for v in out["x-otc-variants"])
    base = (a.get("description") or "").split("\n\nThis call is documented on several pages:")[0]
    out["description"] = f"{base}\n\nThis call is documented on several pages:\n{listing}".strip()
    return out


# what a page documents of the call it shares with other pages: enough for a client function of its own
_VARIANT_PARTS = ("description", "tags", "deprecated", "parameters", "requestBody", "responses")


def _variant(op: dict[str, Any]) -> dict[str, Any]:
    """One page of a call documented on several: its operationId, summary and provenance, and its own parts
    (a deep copy: the merged operation's parts are rewritten by later merges, the page's stay as documented)."""
    out = {"operationId": op["operationId"], "summary": op.get("summary", ""), "x-source": op["x-source"]}
    parts = {k: copy.deepcopy(op[k]) for k in _VARIANT_PARTS if k in op}
    parts.setdefault("responses", {})
    return {**out, **parts}


def _merge_content(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in a.items() if k != "content"}
    content: dict[str, Any] = {m: dict(v) for m, v in a.get("content", {}).items()}
    for media, mb in b.get("content", {}).items():
        if media not in content:
            content[media] = dict(mb)
            continue
        ma = content[media]
        schemas = [s for s in (_alternatives(ma.get("schema")) + _alternatives(mb.get("schema"))) if s is not None]
        unique: list[Any] = []
        for sch in schemas:
            if sch not in unique:
                unique.append(sch)
        if unique:
            ma["schema"] = _union(unique)
        if mb.get("examples"):
            ma["examples"] = {**ma.get("examples", {}), **mb["examples"]}
    if content:
        out["content"] = content
    return out


# keywords that describe a schema without constraining it
_ANNOTATIONS = frozenset({"deprecated", "description", "title", "x-source"})


def _union(alternatives: list[Any]) -> Any:
    """One schema for the bodies of several pages: the one, an `anyOf`, or `{}` where one page's body takes
    anything (documented by example only): an `anyOf` with an open member is that member, and linters flag it
    (Redocly `no-illogical-composition-keywords`); each page's own schema stays in its `x-otc-variants` entry."""
    if any(isinstance(a, dict) and set(a) <= _ANNOTATIONS for a in alternatives):
        return {}
    return alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives}


def _alternatives(schema: Any) -> list[Any]:
    # `{}` is a body documented without a table (OBS bucket policy: any JSON): an alternative that takes anything,
    # not an absent one; dropping it made the merged body reject that page's documented request
    if schema is None:
        return []
    if isinstance(schema, dict) and list(schema) == ["anyOf"]:
        return list(schema["anyOf"])
    return [schema]


# ---------------------------------------------------------------- null in response examples


def widen_nulls(spec: dict[str, Any]) -> list[Diagnostic]:
    """Let a response property be null where the docs' own response example shows null for it.

    Tables say `String`, examples say `null` (Neutron, Nova...): the server does send null, and a
    client that cannot parse it is useless. The evidence is the example, so only those properties
    widen, each with an `example.null_widened` diagnostic naming the example.
    """
    out: list[Diagnostic] = []
    done: set[tuple[str, str]] = set()

    def walk(value: Any, schema: dict[str, Any], src: dict[str, Any], depth: int = 0) -> None:
        if depth > 12:
            return
        found = deref(spec, schema)
        name, target = found.name, found.node
        if isinstance(value, dict) and isinstance(target.get("properties"), dict):
            for key, sub in value.items():
                prop = target["properties"].get(key)
                if not isinstance(prop, dict):
                    continue
                if sub is None:
                    if name is not None and (name, key) not in done and _widen(prop):
                        done.add((name, key))
                        out.append(Diagnostic(Source(src["file"], src["line"]), "example.null_widened",
                                              Severity.INFO, f"{name}.{key} may be null: a documented response"
                                              " example shows null"))
                else:
                    walk(sub, prop, src, depth + 1)
        elif isinstance(value, list) and isinstance(target.get("items"), dict):
            for item in value:
                if item is not None:
                    walk(item, target["items"], src, depth + 1)

    for item in spec.get("paths", {}).values():
        for op in with_variants(item.values()):
            for resp in op.get("responses", {}).values():
                for media in resp.get("content", {}).values():
                    schema = media.get("schema")
                    if not isinstance(schema, dict) or "$ref" not in schema:
                        continue
                    for ex in (media.get("examples") or {}).values():
                        walk(ex.get("value"), schema, ex.get("x-source") or op["x-source"])
    return out


def _widen(prop: dict[str, Any]) -> bool:
    t = prop.get("type")
    if isinstance(t, str):
        prop["type"] = [t, "null"]
        if "enum" in prop:
            prop["enum"] = [*prop["enum"], None]
        return True
    if "$ref" in prop:
        ref = prop.pop("$ref")
        prop["anyOf"] = [{"$ref": ref}, {"type": "null"}]
        return True
    return False
