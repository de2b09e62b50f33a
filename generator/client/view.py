"""The client view: the spec as openapi-python-client gets it, with its silent failure modes avoided.

Every change is a diagnostic with a `client.*` code; the published spec is never touched.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from generator.build.check.document import INVALID_EXAMPLES, RESERVED_PROPERTIES
from generator.build.finish.error_bodies import OTC_ERROR
from generator.client.class_names import fix_class_names
from generator.client.common import BINARY, MAX_NAME, base_media, operations, source
from generator.client.docs import document_view
from generator.client.pagination import detect_pagination
from generator.client.session_params import mark_session_params
from generator.client.variants import split_variants
from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import HTTP_METHODS, iter_refs, ref_name

# media types openapi-python-client can send / parse; anything else is handed over as raw bytes
_REQUEST_MEDIA = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data",
                  "application/octet-stream")
_RESPONSE_MEDIA = ("application/json", "application/octet-stream")


def client_view(spec: dict[str, Any]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The spec as handed to openapi-python-client, with its silent failure modes avoided.

    Every change is a diagnostic with a `client.*` code; the published spec is never touched.
    Order matters: schemas are fixed first, then media types and parameters, then the names the
    generator derives (operation modules, model classes) are made unique.
    """
    view = copy.deepcopy(spec)
    notes: list[Diagnostic] = []
    split_variants(view, notes)  # first: each page's own parts then get every fix below
    document_view(view)  # before the passes that drop defaults and some enums the docstrings should state
    for name, schema in view.get("components", {}).get("schemas", {}).items():
        _fix_schema(schema, name, notes)
    for path, method, op in operations(view):
        where = str(op.get("operationId") or f"{method.upper()} {path}")
        for p in op.get("parameters", []):
            _fix_schema(p.get("schema", {}), f"{where}.{p.get('name')}", notes)
        for media in op.get("requestBody", {}).get("content", {}).values():
            _fix_schema(media.get("schema", {}), f"{where}.body", notes)
        for status, resp in op.get("responses", {}).items():
            for media in (resp.get("content") or {}).values():
                _fix_schema(media.get("schema", {}), f"{where}.response_{status}", notes)
    _drop_error_bodies(view, notes)
    _fix_media_types(view, notes)
    _fix_binary_in_json(view, notes)
    _fix_parameters(view, notes)
    _fix_operation_ids(view, notes)
    fix_class_names(view, notes)
    mark_session_params(view)
    detect_pagination(view, notes)
    return view, notes


def _fix_schema(node: Any, where: str, notes: list[Diagnostic]) -> None:
    if isinstance(node, list):
        for v in node:
            _fix_schema(v, where, notes)
        return
    if not isinstance(node, dict):
        return
    # scalar defaults become Python defaults that the client *sends*: an update call would
    # overwrite server state the caller never mentioned
    if "default" in node and isinstance(node.get("type"), str):
        del node["default"]
    types = node.get("type")
    items = node.get("items")
    if (isinstance(types, list) and "array" in types and len(types) > 1
            and (not isinstance(items, dict) or not set(items) - {"description", "x-source"})):
        # a union with a list of untyped items: the generator casts the value to `list[Any]` right after
        # narrowing it to exactly that, which mypy --strict rejects (redundant-cast) in the shipped client
        del node["type"]
        node.pop("items", None)
        notes.append(Diagnostic(source(node), "client.untyped_array_union", Severity.INFO,
                                f"{where}: {' or '.join(types)} of untyped items is `Any` in the client"))
    enum = node.get("enum")
    if isinstance(enum, list) and node.get("type") != "boolean":  # boolean enums become plain `bool`
        _fix_enum(node, enum, where, notes)
    props = node.get("properties")
    if isinstance(props, dict):
        for name in [n for n in props if n in RESERVED_PROPERTIES]:
            del props[name]
            if name in node.get("required", []):
                node["required"] = [r for r in node["required"] if r != name]
                if not node["required"]:
                    del node["required"]
            notes.append(Diagnostic(source(node), "client.reserved_property", Severity.WARNING,
                                    f"{where}.{name}: reserved in generated models; kept in additional_properties"))
    for k, v in node.items():
        if k in ("enum", "examples", "example", "x-source", "default", "const", INVALID_EXAMPLES):
            continue  # values, not schemas
        if k == "properties" and isinstance(v, dict):
            for pname, sub in v.items():
                _fix_schema(sub, f"{where}.{pname}", notes)
        else:
            _fix_schema(v, where if k == "items" else f"{where}.{k}", notes)


def _fix_enum(node: dict[str, Any], enum: list[Any], where: str, notes: list[Diagnostic]) -> None:
    from openapi_python_client.strings import snake_case

    values = [v for v in enum if v is not None]
    types = {type(v) for v in values}
    why = ""
    if not values:
        why = "only null"
    elif len(types) > 1:
        why = f"mixed value types {sorted(t.__name__ for t in types)}"
    elif types - {str, int}:
        why = f"{next(iter(types)).__name__} values"
    elif len(values) < len(enum):
        why = "null among the values"
    if why:
        # the generator drops the enclosing response or model (float/mixed) or builds one enum class
        # per union branch (null); the plain type keeps every documented value acceptable
        del node["enum"]
        node.pop("x-enum-varnames", None)
        notes.append(Diagnostic(source(node), "client.enum_dropped", Severity.INFO,
                                f"{where}: enum with {why} kept in the spec, plain type in the client"))
        return
    if len(set(map(repr, values))) < len(values):
        unique = list(dict.fromkeys(values))
        node["enum"] = unique
        node.pop("x-enum-varnames", None)
        notes.append(Diagnostic(source(node), "client.enum_duplicate", Severity.INFO,
                                f"{where}: repeated enum values listed once in the client"))
        values = unique
    if types != {str}:
        return
    # the generator's own member names (value.upper() or VALUE_<i>, then snake-cased): equal names
    # raise a traceback, or silently overwrite each other once sanitised
    keys = [snake_case(v.upper() if v and v[0].isalpha() else f"VALUE_{i}").upper() for i, v in enumerate(values)]
    raw = [v.upper() if v and v[0].isalpha() else f"VALUE_{i}" for i, v in enumerate(values)]
    if len(set(keys)) != len(keys) or len(set(raw)) != len(raw) or not all(keys):
        node["x-enum-varnames"] = _unique_varnames([k or "VALUE" for k in keys])
        notes.append(Diagnostic(source(node), "client.enum_varnames", Severity.INFO,
                                f"{where}: enum values collide as Python names; members numbered"))


def _unique_varnames(keys: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for k in keys:
        base = k if k and not k[0].isdigit() else f"VALUE_{k}"
        name, n = base, 1
        while name in seen:
            n += 1
            name = f"{base}_{n}"
        seen.add(name)
        out.append(name)
    return out


def _fix_media_types(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    """Bodies the generator cannot model (XML, text, unknown) become raw bytes sent with their own type.

    The generator would drop the endpoint (request) or the response; `content_type_overrides`
    (see `_unsupported_media`) makes it treat the type as octet-stream while keeping the header.
    """
    for path, method, op in operations(view):
        where = str(op.get("operationId") or f"{method.upper()} {path}")
        body = op.get("requestBody", {})
        for media, m in body.get("content", {}).items():
            base = base_media(media)
            # raw bytes the docs show only by a sample (OBS upload `1234567890`: schema `{}`) are a file to the
            # generator as well, whose function reads `body.payload`
            raw = base == "application/octet-stream" and m.get("schema") != BINARY
            if (base in _REQUEST_MEDIA or base.endswith("+json")) and not raw:
                continue
            m["schema"] = dict(BINARY)
            m.pop("examples", None)
            m.pop(INVALID_EXAMPLES, None)
            notes.append(Diagnostic(source(op), "client.raw_body", Severity.INFO,
                                    f"{where}: request body {media} is sent as raw bytes by the client"))
        first: dict[str, Any] = next(iter(body.get("content", {}).values()), {})
        schema = first.get("schema") or {}
        if not body.get("required") and (schema.get("anyOf") or schema.get("oneOf")):
            # the generator serialises an optional union body without checking for UNSET (AttributeError
            # at run time, a mypy --strict error in the client): the client view makes the body required
            body["required"] = True
            notes.append(Diagnostic(source(op), "client.union_body_required", Severity.INFO,
                                    f"{where}: optional request body with alternative schemas is required in the "
                                    "client"))
        for status, resp in op.get("responses", {}).items():
            for media, m in (resp.get("content") or {}).items():
                base = base_media(media)
                if base.startswith("text/") and m.get("schema", {}).get("type") != "string":
                    # the generator hands the response *text* to the model's from_dict
                    m["schema"] = {"type": "string"}
                    m.pop("examples", None)
                    m.pop(INVALID_EXAMPLES, None)
                    notes.append(Diagnostic(source(resp), "client.text_body", Severity.INFO,
                                            f"{where}: response {status} {media} is returned as text"))
                    continue
                if base in _RESPONSE_MEDIA or base.endswith("+json") or base.startswith("text/"):
                    continue
                m["schema"] = dict(BINARY)
                m.pop("examples", None)
                m.pop(INVALID_EXAMPLES, None)
                notes.append(Diagnostic(source(resp), "client.raw_body", Severity.INFO,
                                        f"{where}: response {status} {media} is returned as raw bytes"))


def _fix_binary_in_json(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    """`format: binary` outside multipart bodies becomes a plain string in the client.

    A JSON document cannot carry raw bytes: the generated model would put a `File` into the JSON
    body (not serialisable) or expect bytes where the response has a string.
    """
    keep: set[str] = set()
    for _, _, op in operations(view):
        for media, m in op.get("requestBody", {}).get("content", {}).items():
            if base_media(media) == "multipart/form-data":
                keep.update(ref_name(ref) for _, ref in iter_refs(m.get("schema", {})))

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("format") == "binary" and node.get("type") == "string":
                del node["format"]
                notes.append(Diagnostic(source(node), "client.binary_in_json", Severity.WARNING,
                                        f"{where}: binary in a JSON schema; the client treats it as a string"))
            for k, v in node.items():
                if k not in ("examples", "example", "enum", "default", "x-source", INVALID_EXAMPLES):
                    walk(v, where)
        elif isinstance(node, list):
            for v in node:
                walk(v, where)

    for name, schema in view.get("components", {}).get("schemas", {}).items():
        if name not in keep:
            walk(schema, name)


def _fix_parameters(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    paths = view.get("paths", {})
    for path in list(paths):
        item = paths[path]
        new_path = path
        for method, op in list(item.items()):
            if method not in HTTP_METHODS:
                continue
            where = str(op.get("operationId") or f"{method.upper()} {path}")
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                if not schema.get("type") and "$ref" not in schema and not any(
                        k in schema for k in ("anyOf", "oneOf", "allOf", "enum", "const")):
                    # an untyped parameter is `Any` to the generator, which refuses it in headers;
                    # on the wire every parameter is text anyway
                    p["schema"] = {**schema, "type": "string"}
                    notes.append(Diagnostic(source(p), "client.untyped_param", Severity.INFO,
                                            f"{where}: parameter {p.get('name')} has no type; the client takes a "
                                            "string"))
                    schema = p["schema"]
                if p.get("in") == "header" and schema.get("type") == "array":
                    # the generator skips the whole endpoint for array headers; the caller joins the values
                    p["schema"] = {"type": "string"}
                    notes.append(Diagnostic(source(p), "client.array_header", Severity.INFO,
                                            f"{where}: header {p['name']} is an array in the spec; the client takes "
                                            "one comma-separated string"))
            # a placeholder used twice (`/{project_id}/os-quota-sets/{project_id}`) makes the generator drop
            # the endpoint: the client view names the repeat `{x_2}` and the client takes it as its own argument
            renamed, seen = _number_repeated_placeholders(path)
            if renamed != path:
                for name, count in seen.items():
                    decl = next((p for p in op.get("parameters", []) if p.get("in") == "path" and p["name"] == name),
                                None)
                    for n in range(2, count + 1):
                        extra = copy.deepcopy(decl) if decl else {"in": "path", "required": True,
                                                                  "schema": {"type": "string"}}
                        extra["name"] = f"{name}_{n}"
                        extra["x-otc-same-as"] = name
                        op.setdefault("parameters", []).append(extra)
                        notes.append(Diagnostic(source(op), "client.repeated_path_param", Severity.WARNING,
                                                f"{where}: {{{name}}} appears {count} times in {path}; the client "
                                                f"takes occurrence {n} as {name}_{n}"))
                op.setdefault("x-otc-spec-path", path)  # a page of a merged call already names the spec's path
                new_path = renamed
        if new_path != path:
            # keep the paths' order: generated output must not depend on where a rename happened
            items = list(paths.items())
            paths.clear()
            paths.update((new_path if k == path else k, v) for k, v in items)


def _number_repeated_placeholders(path: str) -> tuple[str, dict[str, int]]:
    seen: dict[str, int] = {}

    def rename(m: re.Match[str]) -> str:
        name = m.group(1)
        seen[name] = seen.get(name, 0) + 1
        return m.group(0) if seen[name] == 1 else "{" + f"{name}_{seen[name]}" + "}"

    return re.sub(r"\{([^}]+)\}", rename, path), seen


def _fix_operation_ids(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    """Endpoint modules are the snake-cased operationIds: a clash would silently overwrite a module."""
    from openapi_python_client.strings import snake_case

    seen: set[str] = set()
    for path, method, op in operations(view):
        op_id = str(op.get("operationId") or "")
        key = snake_case(op_id) if op_id else snake_case(f"{method}_{path}")
        if len(key) > MAX_NAME:  # the module's file name
            short = key[:MAX_NAME - 6].rstrip("_")
            notes.append(Diagnostic(source(op), "client.long_name", Severity.INFO,
                                    f"{method.upper()} {path}: operationId {op_id!r} is too long for a module name; "
                                    f"the client calls it {short}"))
            op["operationId"] = key = short
        if key in seen:
            n = 2
            while f"{key}_{n}" in seen:
                n += 1
            op["operationId"] = f"{op_id or key}_{n}"
            notes.append(Diagnostic(source(op), "client.operation_id_renamed", Severity.WARNING,
                                    f"{method.upper()} {path}: operationId {op_id!r} clashes once snake-cased; "
                                    f"the client calls it {op['operationId']}"))
            key = f"{key}_{n}"
        seen.add(key)


def _drop_error_bodies(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    """Error responses with the shared `OTCError` body lose it in the client: the runtime raises `OTCAPIError`
    for them, so a model would only widen every call's return type with a value nobody receives."""
    ref = f"#/components/schemas/{OTC_ERROR}"
    dropped = 0
    for _, _, op in operations(view):
        for status, resp in op.get("responses", {}).items():
            content = resp.get("content") or {}
            if not status.startswith("2") and [m.get("schema") for m in content.values()] == [{"$ref": ref}]:
                del resp["content"]
                dropped += 1
    schemas = view.get("components", {}).get("schemas", {})
    if dropped and OTC_ERROR in schemas and ref not in json.dumps(view):
        del schemas[OTC_ERROR]
        notes.append(Diagnostic(Source("<spec>", 0), "client.error_body", Severity.INFO,
                                f"{dropped} error responses with the {OTC_ERROR} body: the client raises OTCAPIError"
                                " for them (no model)"))
