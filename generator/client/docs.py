"""Descriptions and limits where openapi-python-client reads them, so docstrings carry what the tables say.

openapi-python-client takes an argument's docstring text from the parameter's *schema*, not from the
parameter, and prints no constraint at all (it validates none either). The client view also drops
defaults (they would be sent) and some enums (`client.enum_dropped`) later on. So, before any of that,
each parameter's schema gets the parameter's description, and every parameter and model property gets
one sentence of its limits appended: range, length, pattern, values, item count, and the default the
service applies when the argument is left out.

Only doc text changes here (never a type or a value the client sends), so no diagnostic is raised.
The text reaches Python source only through openapi-python-client's `safe_for_docstring` (backslashes,
triple quotes and control characters escaped or dropped).
"""

from __future__ import annotations

import json
from typing import Any

from generator.client.common import operations

_SKIP = ("enum", "examples", "example", "x-source", "default", "const", "x-otc-invalid-examples")


def document_view(view: dict[str, Any]) -> None:
    """Copy parameter descriptions into their schemas and append limits to every described field."""
    for schema in view.get("components", {}).get("schemas", {}).values():
        _walk(schema)
    for _, _, op in operations(view):
        for p in op.get("parameters", []):
            if not isinstance(p, dict) or not isinstance(p.get("schema"), dict):
                continue
            schema = p["schema"]
            text = _join(str(p.get("description") or schema.get("description") or ""), limits(schema))
            if text:
                schema["description"] = text
        for media in op.get("requestBody", {}).get("content", {}).values():
            _walk(media.get("schema"))
        for resp in op.get("responses", {}).values():
            for media in (resp.get("content") or {}).values():
                _walk(media.get("schema"))


def _walk(node: Any) -> None:
    if isinstance(node, list):
        for v in node:
            _walk(v)
        return
    if not isinstance(node, dict):
        return
    props = node.get("properties")
    if isinstance(props, dict):
        for sub in props.values():
            if isinstance(sub, dict) and "$ref" not in sub:
                text = _join(str(sub.get("description") or ""), limits(sub))
                if text:
                    sub["description"] = text
    for k, v in node.items():
        if k not in _SKIP:
            _walk(v)


def _join(description: str, limit: str) -> str:
    description = description.strip()
    if not limit:
        return description
    if description and not description.endswith((".", "!", "?", ":")):
        description += "."
    return f"{description} {limit}".strip()


def _value(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def limits(schema: dict[str, Any]) -> str:
    """The constraints of one schema as one sentence ("" when there are none).

    >>> limits({"type": "integer", "minimum": 1, "maximum": 100, "default": 10})
    'Limits: 1 <= value <= 100; default when omitted: 10.'
    >>> limits({"type": "string", "maxLength": 64, "pattern": "^[a-z]+$"})
    'Limits: at most 64 characters; pattern ^[a-z]+$.'
    """
    parts: list[str] = []
    lo, hi = schema.get("minimum"), schema.get("maximum")
    xlo, xhi = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    low = f"{_value(lo)} <= " if lo is not None else (f"{_value(xlo)} < " if xlo is not None else "")
    high = f" <= {_value(hi)}" if hi is not None else (f" < {_value(xhi)}" if xhi is not None else "")
    if low or high:
        parts.append(f"{low}value{high}")
    if "multipleOf" in schema:
        parts.append(f"a multiple of {_value(schema['multipleOf'])}")
    parts += _count(schema.get("minLength"), schema.get("maxLength"), "characters")
    if isinstance(schema.get("pattern"), str):
        parts.append(f"pattern {schema['pattern']}")
    parts += _count(schema.get("minItems"), schema.get("maxItems"), "items")
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        parts.append("one of " + ", ".join(_value(v) for v in schema["enum"]))
    items = schema.get("items")
    if isinstance(items, dict) and "$ref" not in items:
        inner = limits(items)
        if inner:
            parts.append("each item " + inner.removeprefix("Limits: ").rstrip("."))
    if "default" in schema and not isinstance(schema["default"], dict | list):
        parts.append(f"default when omitted: {_value(schema['default'])}")
    return f"Limits: {'; '.join(parts)}." if parts else ""


def _count(lo: Any, hi: Any, unit: str) -> list[str]:
    if lo is not None and hi is not None:
        return [f"{lo} to {hi} {unit}" if lo != hi else f"exactly {lo} {unit}"]
    if hi is not None:
        return [f"at most {hi} {unit}"]
    if lo is not None and lo:
        return [f"at least {lo} {unit}"]
    return []
