"""Stage 5: spec -> generated client project with conformance tests.

openapi-python-client (pinned) writes the package from a *client view* of the spec: the same API
with the constructs it would silently mishandle worked around (each workaround is a diagnostic).
Then jinja2 templates add what it cannot: the OTC runtime (auth, endpoints, errors, retries) and
the conformance tests. Doc text never becomes Python source: test data goes to JSON files, and the
only identifiers rendered into code come from the generator's own sanitised names, checked again.

Everything is written to a temporary folder next to the target and swapped in only on success.
"""

from __future__ import annotations

import copy
import json
import keyword
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import atomic, samples
from generator.check import RESERVED_PROPERTIES, iter_refs, schema_validator
from generator.config import Service
from generator.emit import dump_json
from generator.model import Diagnostic, Severity, Source

TEMPLATES = Path(__file__).parent / "templates"
OPC_TEMPLATES = Path(__file__).parent / "opc_templates"
RUNTIME = Path(__file__).parent / "runtime"
INITIAL_VERSION = "0.1.0"


class CodegenError(Exception):
    pass


@dataclass
class CodegenResult:
    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)


# ------------------------------------------------------------------ client view

# media types openapi-python-client can send / parse; anything else is handed over as raw bytes
_REQUEST_MEDIA = ("application/json", "application/x-www-form-urlencoded", "multipart/form-data",
                  "application/octet-stream")
_RESPONSE_MEDIA = ("application/json", "application/octet-stream")
_BINARY = {"type": "string", "format": "binary"}
# generated files are named after classes; keep well below the usual 255-byte file-name limit
_MAX_NAME = 100
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _src(node: Any) -> Source:
    xs = node.get("x-source") if isinstance(node, dict) else None
    if isinstance(xs, dict) and isinstance(xs.get("file"), str):
        return Source(xs["file"], int(xs.get("line", 0)))
    return Source("<spec>", 0)


def _operations(view: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in view.get("paths", {}).items() if isinstance(item, dict)
            for method, op in item.items() if method in _HTTP_METHODS and isinstance(op, dict)]


def client_view(spec: dict[str, Any]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The spec as handed to openapi-python-client, with its silent failure modes avoided.

    Every change is a diagnostic with a `client.*` code; the published spec is never touched.
    Order matters: schemas are fixed first, then media types and parameters, then the names the
    generator derives (operation modules, model classes) are made unique.
    """
    view = copy.deepcopy(spec)
    notes: list[Diagnostic] = []
    for name, schema in view.get("components", {}).get("schemas", {}).items():
        _fix_schema(schema, name, notes)
    for path, method, op in _operations(view):
        where = str(op.get("operationId") or f"{method.upper()} {path}")
        for p in op.get("parameters", []):
            _fix_schema(p.get("schema", {}), f"{where}.{p.get('name')}", notes)
        for media in op.get("requestBody", {}).get("content", {}).values():
            _fix_schema(media.get("schema", {}), f"{where}.body", notes)
        for status, resp in op.get("responses", {}).items():
            for media in (resp.get("content") or {}).values():
                _fix_schema(media.get("schema", {}), f"{where}.response_{status}", notes)
    _fix_media_types(view, notes)
    _fix_binary_in_json(view, notes)
    _fix_parameters(view, notes)
    _fix_operation_ids(view, notes)
    _fix_class_names(view, notes)
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
            notes.append(Diagnostic(_src(node), "client.reserved_property", Severity.WARNING,
                                    f"{where}.{name}: reserved in generated models; kept in additional_properties"))
    for k, v in node.items():
        if k in ("enum", "examples", "example", "x-source", "default", "const"):
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
        notes.append(Diagnostic(_src(node), "client.enum_dropped", Severity.INFO,
                                f"{where}: enum with {why} kept in the spec, plain type in the client"))
        return
    if len(set(map(repr, values))) < len(values):
        unique = list(dict.fromkeys(values))
        node["enum"] = unique
        notes.append(Diagnostic(_src(node), "client.enum_duplicate", Severity.INFO,
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
        notes.append(Diagnostic(_src(node), "client.enum_varnames", Severity.INFO,
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


def _base_media(media: str) -> str:
    return media.split(";", 1)[0].strip().lower()


def _fix_media_types(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    """Bodies the generator cannot model (XML, text, unknown) become raw bytes sent with their own type.

    The generator would drop the endpoint (request) or the response; `content_type_overrides`
    (see `_unsupported_media`) makes it treat the type as octet-stream while keeping the header.
    """
    for path, method, op in _operations(view):
        where = str(op.get("operationId") or f"{method.upper()} {path}")
        body = op.get("requestBody", {})
        for media, m in body.get("content", {}).items():
            base = _base_media(media)
            if base in _REQUEST_MEDIA or base.endswith("+json"):
                continue
            m["schema"] = dict(_BINARY)
            m.pop("examples", None)
            notes.append(Diagnostic(_src(op), "client.raw_body", Severity.INFO,
                                    f"{where}: request body {media} is sent as raw bytes by the client"))
        first: dict[str, Any] = next(iter(body.get("content", {}).values()), {})
        schema = first.get("schema") or {}
        if not body.get("required") and (schema.get("anyOf") or schema.get("oneOf")):
            # the generator serialises an optional union body without checking for UNSET (AttributeError
            # at run time, a mypy --strict error in the client): the client view makes the body required
            body["required"] = True
            notes.append(Diagnostic(_src(op), "client.union_body_required", Severity.INFO,
                                    f"{where}: optional request body with alternative schemas is required in the "
                                    "client"))
        for status, resp in op.get("responses", {}).items():
            for media, m in (resp.get("content") or {}).items():
                base = _base_media(media)
                if base.startswith("text/") and m.get("schema", {}).get("type") != "string":
                    # the generator hands the response *text* to the model's from_dict
                    m["schema"] = {"type": "string"}
                    m.pop("examples", None)
                    notes.append(Diagnostic(_src(resp), "client.text_body", Severity.INFO,
                                            f"{where}: response {status} {media} is returned as text"))
                    continue
                if base in _RESPONSE_MEDIA or base.endswith("+json") or base.startswith("text/"):
                    continue
                m["schema"] = dict(_BINARY)
                m.pop("examples", None)
                notes.append(Diagnostic(_src(resp), "client.raw_body", Severity.INFO,
                                        f"{where}: response {status} {media} is returned as raw bytes"))


def _fix_binary_in_json(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    """`format: binary` outside multipart bodies becomes a plain string in the client.

    A JSON document cannot carry raw bytes: the generated model would put a `File` into the JSON
    body (not serialisable) or expect bytes where the response has a string.
    """
    keep: set[str] = set()
    for _, _, op in _operations(view):
        for media, m in op.get("requestBody", {}).get("content", {}).items():
            if _base_media(media) == "multipart/form-data":
                keep.update(ref.rsplit("/", 1)[1] for _, ref in iter_refs(m.get("schema", {})))

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node.get("format") == "binary" and node.get("type") == "string":
                del node["format"]
                notes.append(Diagnostic(_src(node), "client.binary_in_json", Severity.WARNING,
                                        f"{where}: binary in a JSON schema; the client treats it as a string"))
            for k, v in node.items():
                if k not in ("examples", "example", "enum", "default", "x-source"):
                    walk(v, where)
        elif isinstance(node, list):
            for v in node:
                walk(v, where)

    for name, schema in view.get("components", {}).get("schemas", {}).items():
        if name not in keep:
            walk(schema, name)


def _unsupported_media(view: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for _, _, op in _operations(view):
        contents = [op.get("requestBody", {}).get("content", {})]
        contents += [(r.get("content") or {}) for r in op.get("responses", {}).values()]
        for content in contents:
            for media, m in content.items():
                if m.get("schema") == _BINARY and _base_media(media) != "application/octet-stream":
                    out[media] = "application/octet-stream"
    return dict(sorted(out.items()))


def _fix_parameters(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    paths = view.get("paths", {})
    for path in list(paths):
        item = paths[path]
        new_path = path
        for method, op in list(item.items()):
            if method not in _HTTP_METHODS:
                continue
            where = str(op.get("operationId") or f"{method.upper()} {path}")
            for p in op.get("parameters", []):
                schema = p.get("schema", {})
                if not schema.get("type") and "$ref" not in schema and not any(
                        k in schema for k in ("anyOf", "oneOf", "allOf", "enum", "const")):
                    # an untyped parameter is `Any` to the generator, which refuses it in headers;
                    # on the wire every parameter is text anyway
                    p["schema"] = {**schema, "type": "string"}
                    notes.append(Diagnostic(_src(p), "client.untyped_param", Severity.INFO,
                                            f"{where}: parameter {p.get('name')} has no type; the client takes a "
                                            "string"))
                    schema = p["schema"]
                if p.get("in") == "header" and schema.get("type") == "array":
                    # the generator skips the whole endpoint for array headers; the caller joins the values
                    p["schema"] = {"type": "string"}
                    notes.append(Diagnostic(_src(p), "client.array_header", Severity.INFO,
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
                        notes.append(Diagnostic(_src(op), "client.repeated_path_param", Severity.WARNING,
                                                f"{where}: {{{name}}} appears {count} times in {path}; the client "
                                                f"takes occurrence {n} as {name}_{n}"))
                op["x-otc-spec-path"] = path
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
    for path, method, op in _operations(view):
        op_id = str(op.get("operationId") or "")
        key = snake_case(op_id) if op_id else snake_case(f"{method}_{path}")
        if len(key) > _MAX_NAME:  # the module's file name
            short = key[:_MAX_NAME - 6].rstrip("_")
            notes.append(Diagnostic(_src(op), "client.long_name", Severity.INFO,
                                    f"{method.upper()} {path}: operationId {op_id!r} is too long for a module name; "
                                    f"the client calls it {short}"))
            op["operationId"] = key = short
        if key in seen:
            n = 2
            while f"{key}_{n}" in seen:
                n += 1
            op["operationId"] = f"{op_id or key}_{n}"
            notes.append(Diagnostic(_src(op), "client.operation_id_renamed", Severity.WARNING,
                                    f"{method.upper()} {path}: operationId {op_id!r} clashes once snake-cased; "
                                    f"the client calls it {op['operationId']}"))
            key = f"{key}_{n}"
        seen.add(key)


class _ClassNames:
    """The class names the generator will derive, in its order (components first, then endpoints).

    A second model, or a second enum with other values, under a taken class (or module) name makes the
    generator drop a model or an endpoint: such schemas get a `title` (the generator's own way to name
    a class) that is unique.
    """

    def __init__(self, notes: list[Diagnostic]) -> None:
        from openapi_python_client.strings import ClassName, pascal_case, snake_case

        self._class_name, self._pascal, self._snake = ClassName, pascal_case, snake_case
        # module name -> enum values (tuple) or None for a model; names the generated modules import are
        # taken from the start (a component `Mapping` shadows collections.abc.Mapping in every model)
        self.taken: dict[str, Any] = {self._snake(n): "imported" for n in _IMPORTED_NAMES}
        self.notes = notes

    def cls(self, name: str) -> str:
        return str(self._class_name(name, ""))

    def reserve(self, class_name: str, values: Any) -> bool:
        key = self._snake(class_name)
        if key in self.taken and (values is None or self.taken[key] != values):
            return False
        self.taken[key] = values
        return True

    def walk(self, node: Any, parent: str | None, name: str, where: str) -> None:
        if not isinstance(node, dict) or "$ref" in node:
            return
        subs = [*node.get("allOf", []), *node.get("anyOf", []), *node.get("oneOf", [])]
        if len(subs) == 1 and isinstance(subs[0], dict) and "$ref" in subs[0]:
            return
        if node.get("type") == "boolean":
            return
        if node.get("enum"):
            values = tuple(repr(v) for v in node["enum"])
            self._place(node, parent, name, where, values, enum=True)
            return
        if node.get("anyOf") or node.get("oneOf") or isinstance(node.get("type"), list):
            branches = [*node.get("anyOf", []), *node.get("oneOf", [])]
            for i, sub in enumerate(branches):
                self.walk(sub, parent, f"{name}_type_{i}", where)
            return
        if node.get("type") == "array":
            self.walk(node.get("items"), parent, f"{name}_item", where)
            return
        if node.get("type") == "object" or node.get("allOf") or ("type" not in node and node.get("properties")):
            cls = self._place(node, parent, name, where, None, enum=False)
            for pname, sub in (node.get("properties") or {}).items():
                self.walk(sub, cls, pname, f"{where}.{pname}")
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                self.walk(extra, cls, "AdditionalProperty", f"{where}.*")

    def _place(self, node: dict[str, Any], parent: str | None, name: str, where: str, values: Any,
               enum: bool) -> str:
        def derive(title: str | None) -> str:
            # models and enums alike (use_path_prefixes_for_title_model_names is on): the parent's class
            # name, then the title or the property name
            base = title or name
            return self.cls(f"{self._pascal(parent)}{self._pascal(base)}" if parent else base)

        cls = derive(node.get("title"))
        if len(cls) <= _MAX_NAME and cls and self.reserve(cls, values):
            return cls
        # a nested class always starts with its parent's name, so it may exceed the limit by a short tail
        limit = max(_MAX_NAME, len(self._pascal(parent or "")) + 16)
        n, title, new = 2, "", ""
        while not new:
            candidates = [f"{cls[:_MAX_NAME - 6]}{n}"] if not parent else [f"{name}_{n}", f"{name[:12]}_{n}"]
            for title in candidates:
                new = derive(title)
                if len(new) <= limit and self.reserve(new, values):
                    break
                new = ""
            n += 1
        node["title"] = title
        code = "client.long_name" if len(cls) > _MAX_NAME else "client.class_renamed"
        self.notes.append(Diagnostic(_src(node), code, Severity.INFO,
                                     f"{where}: the generator would name this {cls!r}, which is taken or too long; "
                                     f"the client calls it {new}"))
        return new


# names imported by the generator's model and endpoint templates (0.29.1), checked by mypy --strict
_IMPORTED_NAMES = ("Any", "AuthenticatedClient", "BinaryIO", "BytesIO", "Client", "File", "FileTypes", "Generator",
                   "HTTPStatus", "IntEnum", "Literal", "Mapping", "Response", "StrEnum", "T", "TextIO", "TypeVar",
                   "Unset")


def _fix_class_names(view: dict[str, Any], notes: list[Diagnostic]) -> None:
    names = _ClassNames(notes)
    components = view.get("components", {}).get("schemas", {})
    # the generator registers every component's class before it looks inside any of them
    tops: dict[str, str] = {}
    for name, schema in components.items():
        if isinstance(schema, dict) and "$ref" not in schema and (
                schema.get("enum") or schema.get("type") == "object" or schema.get("allOf")
                or ("type" not in schema and schema.get("properties"))):
            values = tuple(repr(v) for v in schema["enum"]) if schema.get("enum") else None
            tops[name] = names._place(schema, None, name, name, values, enum=bool(schema.get("enum")))
    for name, schema in components.items():
        if name in tops and not schema.get("enum"):
            for pname, sub in (schema.get("properties") or {}).items():
                names.walk(sub, tops[name], pname, f"{name}.{pname}")
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                names.walk(extra, tops[name], "AdditionalProperty", f"{name}.*")
        elif name not in tops:
            names.walk(schema, None, name, name)
    for _, _, op in _operations(view):
        op_id = str(op.get("operationId", ""))
        for p in op.get("parameters", []):
            names.walk(p.get("schema"), op_id, str(p.get("name", "")), f"{op_id}.{p.get('name')}")
        for m in op.get("requestBody", {}).get("content", {}).values():
            names.walk(m.get("schema"), op_id, "body", f"{op_id}.body")
        for status, resp in op.get("responses", {}).items():
            for m in (resp.get("content") or {}).values():
                names.walk(m.get("schema"), op_id, f"response_{status}", f"{op_id}.response_{status}")


# ------------------------------------------------------------------ names from the generator


def _ident(name: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name):
        raise CodegenError(f"generator produced a name that is not a safe identifier: {name!r}")
    return name


@dataclass
class _Names:
    models: dict[str, tuple[str, str]]  # component name -> (module, class)
    endpoints: dict[tuple[str, str], tuple[str, str, dict[str, str]]]  # (METHOD, path) -> (tag, module, params)
    # (METHOD, path) -> how the generated function takes its request body (first body the generator kept)
    bodies: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def _generator_names(view: dict[str, Any], package: str) -> _Names:
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser import GeneratorData
    from openapi_python_client.strings import PythonIdentifier

    cfg = Config.from_sources(ConfigFile(package_name_override=package,
                                         content_type_overrides=_unsupported_media(view)),
                              MetaType.NONE, Path("spec.json"), "utf-8", True, None)
    data = GeneratorData.from_dict(view, config=cfg)
    if not isinstance(data, GeneratorData):
        raise CodegenError(f"client generator cannot read the spec: {data.header} {data.detail or ''}")
    # what the generator would print as warnings (and then skip): fail now, with the reasons, rather than
    # after the slow rendering; `--fail-on-warning` stays as the backstop
    problems = [*data.errors, *(e for c in data.endpoint_collections_by_tag.values() for e in c.parse_errors)]
    if problems:
        raise CodegenError("the client generator would skip parts of the client view:\n" + "\n".join(
            f"- {e.header or ''} {e.detail or ''}".strip() for e in problems))
    prefix = "/components/schemas/"
    models = {m.name.get_untrusted_value().removeprefix(prefix): (_ident(m.class_info.module_name),
                                                                  _ident(m.class_info.name))
              for m in data.models if m.name.get_untrusted_value().startswith(prefix)}
    endpoints = {}
    bodies: dict[tuple[str, str], dict[str, Any]] = {}
    for tag, coll in data.endpoint_collections_by_tag.items():
        for e in coll.endpoints:
            params = {p.name.get_untrusted_value(): _ident(p.python_name)
                      for p in (*e.path_parameters, *e.query_parameters, *e.header_parameters)}
            key = (e.method.upper(), e.path.get_untrusted_value())
            endpoints[key] = (_ident(str(tag)), _ident(str(PythonIdentifier(e.name, cfg.field_prefix))), params)
            if e.bodies:
                bodies[key] = _body_info(e.bodies[0])
    return _Names(models, endpoints, bodies)


def _body_info(body: Any) -> dict[str, Any]:
    from openapi_python_client.parser.properties import ModelProperty
    from openapi_python_client.parser.properties.file import FileProperty
    from openapi_python_client.parser.properties.list_property import ListProperty
    from openapi_python_client.parser.properties.union import UnionProperty

    prop = body.prop
    info: dict[str, Any] = {"content_type": body.content_type.get_untrusted_value(),
                            "body_type": str(body.body_type), "required": bool(prop.required)}
    if isinstance(prop, UnionProperty):
        # the generated function accepts any branch; the test sends the first model branch
        prop = next((p for p in prop.inner_properties if isinstance(p, ModelProperty)), prop)
    if isinstance(prop, ModelProperty):
        info.update(kind="model", module=_ident(prop.class_info.module_name), cls=_ident(prop.class_info.name))
    elif isinstance(prop, ListProperty) and isinstance(prop.inner_property, ModelProperty):
        inner = prop.inner_property
        info.update(kind="model_list", module=_ident(inner.class_info.module_name), cls=_ident(inner.class_info.name))
    elif isinstance(prop, FileProperty):
        info.update(kind="file")
    else:
        info.update(kind="value")  # plain JSON value (string, number, list of scalars, any)
    return info


# ------------------------------------------------------------------ conformance data


def _mismatch(spec: dict[str, Any], schema_name: str, value: Any) -> list[str]:
    """Where a documented example contradicts its schema (the check stage's `example.schema_mismatch`)."""
    validator = schema_validator(spec, f"#/components/schemas/{schema_name}")
    return [f"/{'/'.join(str(p) for p in e.instance_path)}: {e.message}"[:300]
            for e in list(validator.iter_errors(value))[:5]]


def _binary_properties(spec: dict[str, Any], schema_name: str) -> list[str]:
    props = spec.get("components", {}).get("schemas", {}).get(schema_name, {}).get("properties", {})
    out = []
    for name, sub in props.items():
        sub = samples.resolve(spec, sub)
        if sub.get("format") == "binary" or samples.resolve(spec, sub.get("items", {})).get("format") == "binary":
            out.append(name)
    return out


def _union_branches(schema: dict[str, Any]) -> list[dict[str, Any]]:
    branches = [*schema.get("anyOf", []), *schema.get("oneOf", [])]
    return [b for b in branches if isinstance(b, dict) and "$ref" in b]


def conformance_data(spec: dict[str, Any], names: _Names, view: dict[str, Any] | None = None) -> dict[str, Any]:
    """The cases of the generated conformance tests; text from the docs stays data (JSON), never code.

    Documented examples that contradict their schema (`example.schema_mismatch`) are kept with the
    reasons: their validity test is an expected failure, and the request/response test uses a valid
    instance instead so the client is still exercised.
    """
    view = view if view is not None else spec
    schemas = spec.get("components", {}).get("schemas", {})
    examples: dict[str, list[dict[str, Any]]] = {}

    def documented(media: dict[str, Any], ref_name: str) -> tuple[Any, bool, list[str]]:
        """The first documented example that fits the schema, else a valid instance.

        For a union body (`anyOf` of components) `ref_name` is the branch the client call uses; each
        example is filed under the first branch it fits (or, fitting none, under `ref_name`).
        """
        reasons: list[str] = []
        chosen: Any = None
        found = False
        branches = [b["$ref"].rsplit("/", 1)[1] for b in _union_branches(media.get("schema", {}))]
        for name, ex in (media.get("examples") or {}).items():
            home = next((b for b in branches if not _mismatch(spec, b, ex["value"])), ref_name)
            mismatch = _mismatch(spec, home, ex["value"])
            examples.setdefault(home, []).append({"name": name, "value": ex["value"],
                                                  "source": ex.get("x-source"), "mismatch": mismatch})
            if home != ref_name:
                continue
            if mismatch:
                reasons.append(f"example {name}: {'; '.join(mismatch)}")
            elif not found:
                chosen, found = ex["value"], True
        if not found:
            chosen = samples.sample(spec, {"$ref": f"#/components/schemas/{ref_name}"}, full=True)
        return chosen, found, reasons

    operations = []
    for path, method, vop in _operations(view):
        key = (method.upper(), path)
        if key not in names.endpoints:
            continue
        spec_path = str(vop.get("x-otc-spec-path", path))
        op = spec["paths"][spec_path][method]
        tag_module, module, pynames = names.endpoints[key]
        params = []
        values: dict[str, Any] = {}
        for p in vop.get("parameters", []):
            if p["in"] == "path" or p.get("required"):
                value = values.get(str(p.get("x-otc-same-as", "")), None) if p.get("x-otc-same-as") else None
                if value is None:
                    value = _param_value(spec, p)
                values[p["name"]] = value
                params.append({"name": p["name"], "in": p["in"], "python_name": pynames[p["name"]], "value": value})
        request = None
        body_info = names.bodies.get(key)
        content = op.get("requestBody", {}).get("content", {})
        if body_info is not None:
            media = content.get(body_info["content_type"], {})
            schema = media.get("schema", {})
            branches = _union_branches(schema)
            # a union body: the call sends the first branch (the model the generator's union accepts first)
            ref_name = (schema.get("$ref") or (branches[0]["$ref"] if branches else "")).rsplit("/", 1)[-1] or None
            item_ref = schema.get("items", {}).get("$ref", "").rsplit("/", 1)[-1] or None
            request = {"kind": body_info["kind"], "content_type": body_info["content_type"],
                       "body_type": body_info["body_type"], "required": body_info["required"],
                       "module": body_info.get("module"), "class": body_info.get("cls"),
                       "schema": ref_name, "body": None, "documented": False, "example_mismatch": [],
                       "binary": []}
            if body_info["kind"] == "model" and ref_name:
                body, found, reasons = documented(media, ref_name)
                request.update(body=body, documented=found, example_mismatch=reasons,
                               binary=_binary_properties(view, ref_name))
            elif body_info["kind"] == "model_list" and item_ref:
                request.update(body=samples.sample(spec, schema, full=True), item_schema=item_ref)
            elif body_info["kind"] in ("model", "model_list", "value"):
                request.update(body=samples.sample(spec, schema, full=True))
            else:
                request.update(body="conformance-payload")
        responses: list[dict[str, Any]] = []
        for status, resp in op.get("responses", {}).items():
            if not status.isdigit():
                continue
            content = resp.get("content") or {}
            rmedia = next((m for t, m in content.items() if _base_media(t) == "application/json"
                           or _base_media(t).endswith("+json")), None)
            if rmedia is None:
                # no JSON body documented: the mock replies without one (raw and text bodies are not parsed
                # into models, so there is nothing to compare)
                responses.append({"status": int(status), "schema": None, "body": None, "documented": False,
                                  "example_mismatch": [], "binary": []})
                continue
            rschema = rmedia.get("schema", {})
            if "$ref" in rschema:
                ref_name = rschema["$ref"].rsplit("/", 1)[1]
                body, found, reasons = documented(rmedia, ref_name)
                responses.append({"status": int(status), "schema": ref_name, "body": body, "documented": found,
                                  "example_mismatch": reasons, "binary": _binary_properties(view, ref_name)})
            else:
                # inline or union schema: the client must accept a valid instance; no single model to compare
                responses.append({"status": int(status), "schema": None,
                                  "body": samples.sample(spec, rschema, full=True), "documented": False,
                                  "example_mismatch": [], "binary": []})
        # the mock server answers with the first documented success
        responses.sort(key=lambda r: not 200 <= r["status"] < 300)
        operations.append({
            "operation_id": op["operationId"], "method": method.upper(), "path": spec_path,
            "tag_module": tag_module, "module": module, "params": params,
            "request": request, "responses": responses,
            "source": op.get("x-source"),
        })
    schema_cases = []
    for name in sorted(schemas):
        if name not in names.models:
            continue
        base = samples.sample(spec, {"$ref": f"#/components/schemas/{name}"}, full=True)
        binary = _binary_properties(view, name)
        schema_cases.append({
            "schema": name,
            "module": names.models[name][0],
            "class": names.models[name][1],
            "examples": examples.get(name, []),
            "valid": base,
            # binary (File) properties are bytes in the model, not JSON: no JSON round trip for them
            "binary": binary,
            "invalid": [{"why": m.why, "pointer": m.pointer, "payload": m.payload}
                        for m in samples.mutations(spec, name, base)],
        })
    return {"operations": operations, "schemas": schema_cases}


def _param_value(spec: dict[str, Any], p: dict[str, Any]) -> Any:
    schema = samples.resolve(spec, p.get("schema", {}))
    if p["in"] == "path" and schema.get("type") in ("string", None) and "enum" not in schema:
        return f"{p['name']}-value"
    return samples.sample(spec, schema)


# ------------------------------------------------------------------ project


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    env.filters["pyrepr"] = repr  # the only way a config string enters code: as a Python literal
    return env


def read_version(changelog: Path) -> str | None:
    try:
        from generator.changelog import current_version
    except ImportError:  # the changelog module is optional while it is being written
        return None
    return current_version(changelog)


def generate_client(service: Service, spec: dict[str, Any], out_dir: Path,
                    commit: Callable[[Path, Path, list[Diagnostic]], None] | None = None) -> CodegenResult:
    """Write the client of `service` to `out_dir`, replacing it only if everything succeeded.

    `commit(project, out_dir, notes)` puts the finished project in place (default: a crash-safe
    swap); `generate` passes one that commits the spec files in the same transaction."""
    out_dir = Path(out_dir).absolute()  # the generator child runs in the temporary folder
    view, notes = client_view(spec)
    names = _generator_names(view, service.package)
    version = read_version(out_dir / "CHANGELOG.md") or INITIAL_VERSION
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{service.name}-", dir=out_dir.parent) as tmp_name:
        tmp = Path(tmp_name)
        project = tmp / "project"
        view_path = tmp / "openapi.client.json"
        view_path.write_text(dump_json(view), encoding="utf-8")
        cfg_path = tmp / "config.json"
        cfg_path.write_text(json.dumps({
            "project_name_override": service.client,
            "package_name_override": service.package,
            "package_version_override": version,
            "content_type_overrides": _unsupported_media(view),
        }), encoding="utf-8")
        cmd = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(view_path),
               "--output-path", str(project), "--config", str(cfg_path), "--meta", "pdm", "--fail-on-warning"]
        if OPC_TEMPLATES.is_dir() and any(OPC_TEMPLATES.iterdir()):
            cmd += ["--custom-template-path", str(OPC_TEMPLATES)]
        env = dict(os.environ)
        # the generator's ruff hooks must find the pinned ruff of this interpreter's environment
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp,
                              preexec_fn=atomic.die_with_parent())
        if proc.returncode != 0 or not project.is_dir():
            raise CodegenError(f"openapi-python-client failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        if "skipped" in proc.stdout.lower() and "ruff" in proc.stdout.lower():
            raise CodegenError("ruff was not found: output would not be formatted reproducibly")
        shutil.rmtree(project / ".ruff_cache", ignore_errors=True)
        _add_extras(project, service, spec, view, names, version)
        old_changelog = out_dir / "CHANGELOG.md"
        if old_changelog.exists():
            shutil.copy2(old_changelog, project / "CHANGELOG.md")
        else:
            (project / "CHANGELOG.md").write_text(_initial_changelog(service, version), encoding="utf-8")
        if commit is None:
            _swap(project, out_dir)
        else:
            commit(project, out_dir, notes)
    return CodegenResult(out_dir, notes)


def _add_extras(project: Path, service: Service, spec: dict[str, Any], view: dict[str, Any], names: _Names,
                version: str) -> None:
    env = _env()
    package = _ident(service.package)
    pkg_dir = project / package
    tests = project / "tests"
    tests.mkdir(exist_ok=True)
    (tests / "__init__.py").write_text("", encoding="utf-8")
    (tests / "openapi.json").write_text(dump_json(spec), encoding="utf-8")
    (tests / "conformance_data.json").write_text(dump_json(conformance_data(spec, names, view)), encoding="utf-8")
    (tests / "test_conformance.py").write_text(
        env.get_template("test_conformance.py.jinja").render(package=package), encoding="utf-8")
    if RUNTIME.is_dir() and (TEMPLATES / "client_otc.py.jinja").exists():
        rt = pkg_dir / "_runtime"
        rt.mkdir()
        for f in sorted(RUNTIME.glob("*.py")):
            shutil.copy2(f, rt / f.name)
        (pkg_dir / "otc.py").write_text(env.get_template("client_otc.py.jinja").render(
            endpoint_template=service.endpoint, default_region=service.default_region,
            service_title=service.title, package_name=package), encoding="utf-8")
        if (TEMPLATES / "client_readme_usage.md.jinja").exists():
            example_call = _example_call(view, names, package)
            usage = env.get_template("client_readme_usage.md.jinja").render(
                endpoint_template=service.endpoint, default_region=service.default_region,
                service_title=service.title, package_name=package, example_call=example_call)
            readme = project / "README.md"
            readme.write_text(readme.read_text(encoding="utf-8").rstrip() + "\n\n" + usage, encoding="utf-8")


def _example_call(spec: dict[str, Any], names: _Names, package: str) -> str:
    """A ready call of the first operation: its path arguments in order, its body model if any."""
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if (method.upper(), path) not in names.endpoints:
                continue
            tag, module, params = names.endpoints[(method.upper(), path)]
            args = [f'"<{_ident(params[p])}>"' for p in re.findall(r"\{([^}]+)\}", path) if p in params]
            imports = [f"from {package}.api.{tag} import {module}"]
            ref = (op.get("requestBody", {}).get("content", {}).get("application/json", {})
                   .get("schema", {}).get("$ref", ""))
            model = names.models.get(ref.rsplit("/", 1)[-1]) if ref else None
            if model is not None:
                imports.append(f"from {package}.models import {model[1]}")
                args.append(f"body={model[1]}()")
            call = ", ".join([*args, "client=client"])
            return "\n".join(imports) + f"\n\nresponse = {module}.sync_detailed({call})\nprint(response.parsed)"
    return ""


def _initial_changelog(service: Service, version: str) -> str:
    """The first entry, in the format `generator.changelog.add_entry` writes the later ones in."""
    from generator.changelog import HEADER

    date = f" - {service.docs_date}" if service.docs_date else ""
    docs = (f"Generated from docs commit `{service.docs_commit}`" + (f" ({service.docs_date})" if service.docs_date
                                                                     else "") + ".\n\n") if service.docs_commit else ""
    return f"{HEADER.rstrip()}\n\n## [{version}]{date}\n\n{docs}First generated release.\n"


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new`, journaled, so even a kill never leaves half a client or none."""
    atomic.commit(target.parent, target.name, (new, target), {})
