"""Compiled, cached jsonschema-rs validators over a spec, and violations traced to the docs.

Each schema is compiled once, as an OpenAPI 3.1 (= JSON Schema 2020-12) schema whose document
root also carries the spec's `components`, so `#/components/schemas/...` references (cyclic ones
too) resolve inside the same document and error schema paths point at the declaring node.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from generator.validate.spec import Spec, escape_pointer_token, source_of


@dataclass(frozen=True, order=True)
class Violation:
    part: str  # body | path | query | header
    pointer: str  # JSON pointer inside `part`
    keyword: str
    expected: str
    found: str
    message: str
    source: str | None  # docs file:line of the violated property/component

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Compiled:
    root: Mapping[str, Any]
    validator: Any  # jsonschema_rs.Draft202012Validator (untyped extension)
    fallback_source: str | None


def to_pointer(path: Sequence[str | int]) -> str:
    return "".join("/" + escape_pointer_token(str(p)) for p in path)


def short_json(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


class _IntFormat:
    """`format: int32|int64` asserted as a range, like openapi-core does.

    JSON Schema 2020-12 treats `format` as an annotation and jsonschema-rs only checks formats on
    strings, yet an out-of-range id breaks every typed SDK. String formats stay annotations: about
    half of the timestamps in the OTC docs' examples have no offset or a `+0000` one (not RFC 3339),
    and the generated client parses them anyway. (openapi-core asserts both kinds.)
    """

    def __init__(self, parent_schema: Any, value: Any, schema_path: Any) -> None:
        self.range = _INT_RANGES.get(value) if isinstance(value, str) else None
        self.name = value

    def validate(self, instance: Any) -> None:
        if self.range is None or not isinstance(instance, int) or isinstance(instance, bool):
            return
        low, high = self.range
        if not low <= instance <= high:
            raise ValueError(f"{instance} is outside the {self.name} range")


class Engine:
    """Validators per schema pointer, compiled lazily and kept for the life of the engine."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._cache: dict[str, Compiled] = {}
        self._components = spec.document.get("components") or {}

    def compiled(self, schema_pointer: str) -> Compiled:
        hit = self._cache.get(schema_pointer)
        if hit is not None:
            return hit
        schema = self.spec.resolve_pointer(schema_pointer)
        if isinstance(schema, bool):
            root: dict[str, Any] = {"not": {}} if not schema else {}
        else:
            root = dict(schema)
        root["components"] = self._components
        validator = jsonschema_rs.Draft202012Validator(root, keywords={"format": _IntFormat})
        compiled = Compiled(root=root, validator=validator, fallback_source=source_of(schema))
        self._cache[schema_pointer] = compiled
        return compiled

    def is_valid(self, schema_pointer: str, instance: Any) -> bool:
        return bool(self.compiled(schema_pointer).validator.is_valid(instance))

    def violations(
        self,
        schema_pointer: str,
        instance: Any,
        part: str = "body",
        prefix: Sequence[str] = (),
        default_source: str | None = None,
    ) -> list[Violation]:
        """All violations, sorted; `default_source` covers inline schemas without `x-source` (parameters)."""
        compiled = self.compiled(schema_pointer)
        errors = compiled.validator.iter_errors(instance)
        return sorted({_violation(compiled, err, part, prefix, default_source) for err in errors})

    def schema_types(self, schema_pointer: str) -> set[str]:
        """JSON types a parameter schema admits (through `$ref`s), for coercing strings."""
        node, _ = self.spec.deref(self.spec.resolve_pointer(schema_pointer), schema_pointer)
        if not isinstance(node, Mapping):
            return set()
        t = node.get("type")
        types = {t} if isinstance(t, str) else set(t or [])
        for key in ("anyOf", "oneOf", "allOf"):
            for branch in node.get(key) or []:
                b, _ = self.spec.deref(branch, schema_pointer)
                bt = b.get("type") if isinstance(b, Mapping) else None
                types |= {bt} if isinstance(bt, str) else set(bt or [])
        return {str(x) for x in types}


def _walk_source(root: Mapping[str, Any], schema_path: Sequence[str | int]) -> tuple[Any, str | None]:
    """The keyword's parent node and the innermost `x-source` on the way to it."""
    node: Any = root
    source = source_of(root)
    for token in schema_path[:-1]:
        try:
            node = node[int(token)] if isinstance(node, list) else node[str(token)]
        except (KeyError, IndexError, ValueError, TypeError):
            return None, source
        source = source_of(node) or source
    return node, source


def _violation(compiled: Compiled, err: Any, part: str, prefix: Sequence[str], default_source: str | None) -> Violation:
    schema_path = list(err.schema_path)
    keyword = str(schema_path[-1]) if schema_path else "schema"
    parent, source = _walk_source(compiled.root, schema_path)
    value = parent.get(keyword) if isinstance(parent, Mapping) else None
    instance = err.instance
    details: dict[str, Any] = err.kind.as_dict() or {}
    pointer = to_pointer([*prefix, *err.instance_path])

    if keyword == "required":
        name = str(details.get("property", "?"))
        prop = (parent.get("properties") or {}).get(name) if isinstance(parent, Mapping) else None
        source = source_of(prop) or source
        pointer = to_pointer([*prefix, *err.instance_path, name])
        expected, found = f'required property "{name}"', "missing"
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        unexpected = sorted(str(u) for u in details.get("unexpected", []))
        expected = "no properties beyond those documented"
        found = "unexpected " + ", ".join(f'"{u}"' for u in unexpected)
    elif keyword == "type":
        expected = f"type {short_json(value)}"
        found = f"{short_json(instance)} ({_json_type(instance)})"
    elif keyword == "format" and value in _INT_RANGES:
        low, high = _INT_RANGES[value]
        expected, found = f"format {value} ({low}..{high})", short_json(instance)
    elif keyword == "enum":
        expected = f"one of {short_json(value, 200)}"
        found = short_json(instance)
    elif keyword in ("maxLength", "minLength") and isinstance(instance, str):
        expected, found = f"{keyword} {value}", f"{short_json(instance)} (length {len(instance)})"
    elif keyword in ("maxItems", "minItems") and isinstance(instance, list):
        expected, found = f"{keyword} {value}", f"{len(instance)} items"
    else:
        expected = f"{keyword} {short_json(value)}"
        found = short_json(instance)
    return Violation(
        part=part,
        pointer=pointer,
        keyword=keyword,
        expected=expected,
        found=found,
        message=str(err.message),
        source=source or compiled.fallback_source or default_source,
    )
