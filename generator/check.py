"""Stage 4: is the document valid, and is it what the docs show?

openapi-spec-validator checks the OpenAPI rules. On top of it, what that validator does not see:
dangling `$ref`s (it raises on them instead of reporting), examples that contradict their schema,
operationIds that collide once snake-cased, and constructs openapi-python-client drops or mangles
without a word (see shared/notes/openapi-python-client.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs

from generator.model import Diagnostic, Severity, Source

# property names that collide with methods/attributes of the generated attrs classes
RESERVED_PROPERTIES = frozenset({"to_dict", "from_dict", "additional_properties", "additional_keys"})


def snake(name: str) -> str:
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    s = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", s)
    return re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").lower()


def _source(node: dict[str, Any] | None, fallback: Source) -> Source:
    if isinstance(node, dict) and isinstance(node.get("x-source"), dict):
        xs = node["x-source"]
        return Source(str(xs.get("file", fallback.file)), int(xs.get("line", 0)))
    return fallback


def iter_refs(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield pointer, ref
        for k, v in node.items():
            yield from iter_refs(v, f"{pointer}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from iter_refs(v, f"{pointer}/{i}")


def schema_validator(spec: dict[str, Any], ref: str) -> Any:
    """A compiled validator for one schema of the spec.

    Only the components `ref` reaches are embedded: compiling all of a 1000-schema spec for every
    example made checking slower than parsing the docs.
    """
    return _compile(spec, {"$ref": ref})


def _compile(spec: dict[str, Any], schema: dict[str, Any]) -> Any:
    schemas = spec.get("components", {}).get("schemas", {})
    reached: dict[str, Any] = {}
    todo = [r for _, r in iter_refs(schema)]
    while todo:
        name = todo.pop().rsplit("/", 1)[-1]
        if name in reached or name not in schemas:
            continue
        reached[name] = schemas[name]
        todo.extend(r for _, r in iter_refs(schemas[name]) if r.startswith("#/components/schemas/"))
    root = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "components": {"schemas": reached}}
    return jsonschema_rs.validator_for(root)


def check(spec: dict[str, Any], origin: Source | None = None) -> list[Diagnostic]:
    origin = origin or Source("<spec>", 0)
    out: list[Diagnostic] = []
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})

    # dangling refs first: the validator raises PointerToNowhere instead of reporting them
    dangling = False
    for pointer, ref in iter_refs(spec):
        if not ref.startswith("#/components/schemas/") or ref.rsplit("/", 1)[1] not in schemas:
            out.append(Diagnostic(origin, "check.dangling_ref", Severity.ERROR, f"{pointer}: $ref {ref} leads nowhere"))
            dangling = True
    if not dangling:
        out.extend(_spec_validator(spec, origin))

    # operationIds: unique, also once snake-cased (the client's module names)
    seen: dict[str, str] = {}
    validators: dict[str, Any] = {}
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            op_id = op.get("operationId", "")
            key = snake(op_id)
            src = _source(op, origin)
            if key in seen:
                out.append(Diagnostic(src, "check.operation_id_clash", Severity.ERROR,
                                      f"operationId {op_id} clashes with {seen[key]} once snake-cased"))
            seen[key] = op_id
            if not re.fullmatch(r"/[^{}\s?#]*(\{[A-Za-z0-9_.\-]+\}[^{}\s?#]*)*", path):
                out.append(Diagnostic(src, "check.path_template", Severity.ERROR, f"malformed path template {path!r}"))
            placeholders = set(re.findall(r"\{([^}]+)\}", path))
            declared = {p["name"] for p in op.get("parameters", []) if p.get("in") == "path"}
            if placeholders != declared:
                out.append(Diagnostic(src, "check.path_params", Severity.ERROR,
                                      f"{method.upper()} {path}: placeholders {sorted(placeholders)} vs declared "
                                      f"{sorted(declared)}"))
            for p in op.get("parameters", []):
                if "content" in p:
                    out.append(Diagnostic(src, "check.param_content", Severity.ERROR,
                                          f"parameter {p['name']} uses content: (dropped by the client generator)"))
            if not dangling:
                out.extend(_check_examples(spec, op, src, validators))

    # names: case-insensitive unique components, reserved property names
    lowered: dict[str, str] = {}
    for name, schema in schemas.items():
        src = _source(schema, origin)
        if name.lower() in lowered:
            out.append(Diagnostic(src, "check.component_case_clash", Severity.ERROR,
                                  f"components {name} and {lowered[name.lower()]} differ only in case"))
        lowered[name.lower()] = name
        for prop, sub in schema.get("properties", {}).items():
            if prop in RESERVED_PROPERTIES:
                out.append(Diagnostic(_source(sub, src), "check.reserved_property", Severity.WARNING,
                                      f"{name}.{prop} collides with a method of the generated model; the client keeps"
                                      " it in additional_properties"))
            if not re.search(r"[A-Za-z0-9]", prop):
                # a docs row like ``-`` (Object) means "the body is this", not a property of that name
                out.append(Diagnostic(_source(sub, src), "check.placeholder_property", Severity.WARNING,
                                      f"{name}: property {prop!r} has no letter or digit (a placeholder row?)"))
    out.extend(_binary_in_json(spec, origin))
    return out


def _binary_in_json(spec: dict[str, Any], origin: Source) -> list[Diagnostic]:
    """`format: binary` reachable from a JSON body: a JSON document cannot carry bytes (FormData or a file?)."""
    out = []
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if not isinstance(op, dict):
                continue
            contents = [("request", op.get("requestBody", {}).get("content", {}))]
            contents += [(f"response {st}", (r.get("content") or {})) for st, r in op.get("responses", {}).items()]
            for side, content in contents:
                for media, m in content.items():
                    if "json" not in media:
                        continue
                    names = sorted({ref.rsplit("/", 1)[1] for _, ref in iter_refs(m.get("schema", {}))})
                    hits = [f"{n}.{p}" for n in names for p, sub in schemas.get(n, {}).get("properties", {}).items()
                            if isinstance(sub, dict) and sub.get("format") == "binary"]
                    if hits:
                        out.append(Diagnostic(_source(op, origin), "check.binary_in_json", Severity.WARNING,
                                              f"{method.upper()} {path} {side} {media}: binary {', '.join(hits)}"))
    return out


def _spec_validator(spec: dict[str, Any], origin: Source) -> list[Diagnostic]:
    from openapi_spec_validator import OpenAPIV31SpecValidator

    out = []
    try:
        for err in OpenAPIV31SpecValidator(spec).iter_errors():
            where = "/".join(str(p) for p in err.absolute_path)
            out.append(Diagnostic(origin, "check.openapi", Severity.ERROR, f"{where}: {err.message}"[:500]))
    except Exception as exc:  # the validator raises on some malformed input instead of reporting it
        out.append(Diagnostic(origin, "check.openapi", Severity.ERROR,
                              f"openapi-spec-validator failed: {type(exc).__name__}: {exc}"[:500]))
    return out


def _check_examples(spec: dict[str, Any], op: dict[str, Any], src: Source,
                    validators: dict[str, Any]) -> list[Diagnostic]:
    out = []
    media_sets = []
    body = op.get("requestBody", {}).get("content", {})
    media_sets.append(("request", body))
    for status, resp in op.get("responses", {}).items():
        media_sets.append((f"response {status}", resp.get("content", {})))
    for side, content in media_sets:
        for media, m in content.items():
            schema = m.get("schema") or {}
            refs = [s["$ref"] for s in schema.get("anyOf", []) if isinstance(s, dict) and "$ref" in s]
            if "json" not in media or not (schema.get("$ref") or refs):
                continue
            for name, ex in (m.get("examples") or {}).items():
                # a merged operation: an example is checked against the body of the page it came from
                own = [r for r in refs if name.startswith(r.rsplit("/", 1)[-1])]
                ref = schema.get("$ref") or (max(own, key=len) if own else None)
                key = ref or repr(refs)
                validator = validators.get(key)
                try:
                    if validator is None:  # compiling is the expensive part: once per schema, not per example
                        target = {"$ref": ref} if ref else {"anyOf": schema["anyOf"]}
                        validator = validators[key] = _compile(spec, target)
                    errors = list(validator.iter_errors(ex.get("value")))
                except ValueError as exc:  # jsonschema-rs refuses what it cannot compile (e.g. "Recursion limit")
                    out.append(Diagnostic(_source(ex, src), "check.example_unchecked", Severity.WARNING,
                                          f"{op.get('operationId')} {side} example {name}: not checked: {exc}"[:400]))
                    continue
                for e in errors[:5]:
                    out.append(Diagnostic(_source(ex, src), "example.schema_mismatch", Severity.ERROR,
                                          f"{op.get('operationId')} {side} example {name}: "
                                          f"at /{'/'.join(str(p) for p in e.instance_path)}: {e.message}"[:400]))
    return out
