"""Valid and deliberately invalid payloads derived from a spec's examples by mutation.

Each mutation walks the example alongside its schema (through `$ref`s) and changes one value
according to the constraint found there. Expected verdicts are *not* decided here: the agreement
test asks both validators; `intent` only labels what the mutation tried to break.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.validate.spec import Spec

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Case:
    operation: str
    side: str
    status: str | None
    body: Any
    intent: str  # e.g. "valid: example", "enum /status"

    def as_dict(self) -> dict[str, Any]:
        return {"operation": self.operation, "side": self.side, "status": self.status, "body": self.body}


def _deref(spec: Spec, node: Any) -> Any:
    while isinstance(node, Mapping) and "$ref" in node:
        node = spec.resolve_pointer(node["$ref"])
    return node


def _set(doc: Any, path: Path, value: Any) -> Any:
    out = copy.deepcopy(doc)
    if not path:
        return value
    target = out
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = value
    return out


def _delete(doc: Any, path: Path) -> Any:
    out = copy.deepcopy(doc)
    target = out
    for p in path[:-1]:
        target = target[p]
    del target[path[-1]]
    return out


def _wrong_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "true"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return 12345
    if isinstance(value, list):
        return {"items": value}
    if isinstance(value, dict):
        return "not-an-object"
    return {"unexpected": True}


def _walk(spec: Spec, schema: Any, value: Any, path: Path) -> Iterator[tuple[Path, Mapping[str, Any], Any]]:
    schema = _deref(spec, schema)
    if not isinstance(schema, Mapping):
        return
    yield path, schema, value
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        for key in sorted(value):
            if key in props:
                yield from _walk(spec, props[key], value[key], (*path, key))
    elif isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            yield from _walk(spec, schema["items"], item, (*path, i))


def mutate(spec: Spec, schema: Any, example: Any) -> Iterator[tuple[str, Any]]:
    """(intent, body) pairs: the example, valid variants, and one-constraint violations."""
    yield "valid: example", example
    for path, node, value in _walk(spec, schema, example, ()):
        where = "/" + "/".join(map(str, path))
        if path:
            yield f"wrong type {where}", _set(example, path, _wrong_type(value))
            yield f"nesting: wrapped in a list {where}", _set(example, path, [value])
            # Wrapping an object in an object is valid under open (additionalProperties) schemas.
            if isinstance(value, list):
                yield f"nesting: wrapped in an object {where}", _set(example, path, {"value": value})
            yield f"null {where}", _set(example, path, None)
        if isinstance(value, int) and not isinstance(value, bool):
            yield f"fractional number for integer {where}", _set(example, path, value + 0.5)
            # JSON Schema 2020-12 (and so OpenAPI 3.1) counts 5.0 as an integer; a probe for both validators.
            yield f"valid: integral float {where}", _set(example, path, float(value))
            bits = {"int32": 31, "int64": 63}.get(str(node.get("format")))
            if bits and "maximum" not in node:
                yield f"{node['format']} overflow {where}", _set(example, path, 2**bits)
                yield f"valid: {node['format']} max {where}", _set(example, path, 2**bits - 1)
        if "enum" in node:
            yield f"enum {where}", _set(example, path, "NOT_A_DOCUMENTED_VALUE")
            for member in node["enum"]:
                yield f"valid: enum member {where}", _set(example, path, member)
        if "maxLength" in node:
            yield f"maxLength {where}", _set(example, path, "x" * (int(node["maxLength"]) + 1))
            yield f"valid: maxLength {where}", _set(example, path, "x" * int(node["maxLength"]))
        if "maximum" in node:
            yield f"maximum {where}", _set(example, path, int(node["maximum"]) + 1)
            yield f"valid: maximum {where}", _set(example, path, int(node["maximum"]))
        if "maxItems" in node and isinstance(value, list) and value:
            n = int(node["maxItems"])
            yield f"maxItems {where}", _set(example, path, [copy.deepcopy(value[0]) for _ in range(n + 1)])
            yield f"valid: maxItems {where}", _set(example, path, [copy.deepcopy(value[0]) for _ in range(n)])
        if isinstance(value, dict):
            required = set(node.get("required") or [])
            for key in sorted(value):
                intent = "missing required" if key in required else "valid: optional removed"
                yield f"{intent} {where}/{key}", _delete(example, (*path, key))
            yield f"valid: unknown property {where}", _set(example, (*path, "x_unknown"), 1)


def cases(spec: Spec) -> list[Case]:
    """All mutation cases over every documented request/response example of the spec."""
    out: list[Case] = []
    for op in sorted(spec.operations.values(), key=lambda o: o.operation_id):
        sides: list[tuple[str, str | None, str]] = [
            ("request", None, p) for m, p in op.request_media.items() if m == "application/json" and p
        ]
        for status, content in sorted(op.responses.items()):
            p = content.get("application/json")
            if p and status.isdigit():
                sides.append(("response", status, p))
        for side, status, pointer in sides:
            media = spec.resolve_pointer(pointer.rsplit("/", 1)[0])
            examples = []
            if "example" in media:
                examples.append(media["example"])
            examples.extend(e.get("value") for e in (media.get("examples") or {}).values() if isinstance(e, Mapping))
            for example in examples:
                schema = spec.resolve_pointer(pointer)
                for intent, body in mutate(spec, schema, example):
                    out.append(Case(op.operation_id, side, status, body, intent))
    return out
