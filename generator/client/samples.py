"""Payloads made from a spec: a valid instance of a schema, and mutations that must be rejected.

The conformance tests of a generated client use both: the valid instance must pass the validator
(so a rejection of a mutation means something), each mutation must fail it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

from generator.core.spec import deref

_MAX_DEPTH = 4


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its `$ref` chain followed (a cyclic chain ends where it closes)."""
    node: dict[str, Any] = deref(spec, schema).node
    return node


def sample(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0, full: bool = False) -> Any:
    """A value valid for `schema`: required properties only (all with `full`), one array item."""
    schema = resolve(spec, schema)
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        return sample(spec, branches[0], depth, full)
    if schema.get("allOf"):
        parts = [sample(spec, sub, depth, full) for sub in schema["allOf"]]
        if all(isinstance(p, dict) for p in parts):
            return {k: v for p in parts for k, v in p.items()}
        return parts[0]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    # no `default`: the docs' defaults are prose-derived and sometimes mistyped; a sample must be valid
    t = schema.get("type")
    if isinstance(t, list):  # 3.1 type arrays: the first non-null member
        t = next((x for x in t if x != "null"), "null")
        if t == "null":
            return None
    if t == "string":
        fmt = schema.get("format")
        if fmt in _FORMATS:
            return _FORMATS[fmt]
        n = schema.get("minLength", 1)
        n = max(1, min(n, schema.get("maxLength", n)))
        pattern = schema.get("pattern")
        if isinstance(pattern, str):  # a few plain shapes; the first the pattern and the lengths accept
            # the pattern's own repetition counts (`{188,5648}`) are lengths worth trying too
            lengths = [n] + [int(m) for m in re.findall(r"\{(\d+)", pattern) if 0 < int(m) <= 10_000]
            shapes = [c * k for k in lengths for c in ("s", "0", "a")] + [_FORMATS["uuid"], "a1", "s-1"]
            for cand in shapes:
                if re.search(pattern, cand) and n <= len(cand) <= schema.get("maxLength", len(cand)):
                    return cand
        return "s" * n
    if t in ("integer", "number"):
        return _number(schema, t)
    if t == "boolean":
        return True
    if t == "array":
        # deep enough: an empty list, unless the array must hold items (then a few levels more)
        if depth >= _MAX_DEPTH and (not schema.get("minItems") or depth >= _MAX_DEPTH + 3):
            return []
        n = max(1, schema.get("minItems", 1))
        if "maxItems" in schema:
            n = min(n, schema["maxItems"])
        return [sample(spec, schema.get("items", {}), depth + 1, full) for _ in range(n)]
    if t == "object" or "properties" in schema:
        out: dict[str, Any] = {}
        required = set(schema.get("required", []))
        for name, sub in schema.get("properties", {}).items():
            if name in required or (full and depth < _MAX_DEPTH):
                out[name] = sample(spec, sub, depth + 1, full)
        return out
    return "any"


# formats the generated models parse (date-time, date, uuid); others are plain strings to them
_FORMATS = {"date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01", "uuid": "00000000-0000-4000-8000-000000000000"}


def _number(schema: dict[str, Any], t: str) -> int | float:
    """The smallest value the bounds allow (1 when unbounded), as the schema's type."""
    low = schema.get("minimum")
    if isinstance(schema.get("exclusiveMinimum"), int | float):
        low = schema["exclusiveMinimum"] + (1 if t == "integer" else 0.5)
    high = schema.get("maximum")
    if isinstance(schema.get("exclusiveMaximum"), int | float):
        high = schema["exclusiveMaximum"] - (1 if t == "integer" else 0.5)
    value: float = 1
    if low is not None:
        value = max(value, low) if high is None or max(value, low) <= high else low
    if high is not None and value > high:
        value = high
    step = schema.get("multipleOf")
    if isinstance(step, int | float) and step > 0 and value % step:
        value = (value // step + 1) * step
    if t == "integer":
        return int(value) if float(value).is_integer() else int(value) + 1
    return float(value)


@dataclass
class Mutation:
    why: str
    pointer: str
    payload: Any


_WRONG_TYPE = {"string": 12345, "integer": "not-an-integer", "number": "not-a-number", "boolean": "yes",
               "array": "not-an-array", "object": "not-an-object"}


def mutations(spec: dict[str, Any], ref_name: str, base: Any, limit: int = 40) -> list[Mutation]:
    """Payloads that break the schema `ref_name` in one place each, derived from the valid `base`."""
    out: list[Mutation] = []
    schema = spec["components"]["schemas"][ref_name]
    for name, sub_raw in schema.get("properties", {}).items():
        sub = resolve(spec, sub_raw)
        t = sub.get("type")
        if isinstance(t, list):  # 3.1 type array: mutate only a single (possibly nullable) type
            rest = [x for x in t if x != "null"]
            t = rest[0] if len(rest) == 1 else None
        ptr = f"/{name}"
        if t in _WRONG_TYPE:
            out.append(Mutation(f"{name}: wrong type (expected {t})", ptr, _with(base, name, _WRONG_TYPE[t])))
        if "enum" in sub:
            bad = "__NOT_AN_OPTION__" if t == "string" else 987654321
            out.append(Mutation(f"{name}: value outside the enum", ptr, _with(base, name, bad)))
        if t == "array" and "enum" in sub.get("items", {}):
            out.append(Mutation(f"{name}: item outside the enum", ptr, _with(base, name, ["__NOT_AN_OPTION__"])))
        if t == "string" and "maxLength" in sub:
            out.append(Mutation(f"{name}: longer than maxLength {sub['maxLength']}", ptr,
                                _with(base, name, "x" * (sub["maxLength"] + 1))))
        if t in ("integer", "number") and "maximum" in sub:
            over = sub["maximum"] + 1
            out.append(Mutation(f"{name}: above maximum {sub['maximum']}", ptr,
                                _with(base, name, int(over) if t == "integer" else over)))
        if t in ("integer", "number") and "minimum" in sub:
            under = sub["minimum"] - 1
            out.append(Mutation(f"{name}: below minimum {sub['minimum']}", ptr,
                                _with(base, name, int(under) if t == "integer" else under)))
        if t == "array" and "maxItems" in sub:
            item = sample(spec, sub.get("items", {}), 1)
            out.append(Mutation(f"{name}: more than maxItems {sub['maxItems']}", ptr,
                                _with(base, name, [item] * (sub["maxItems"] + 1))))
    for name in schema.get("required", []):
        if isinstance(base, dict) and name in base:
            broken = copy.deepcopy(base)
            del broken[name]
            out.append(Mutation(f"{name}: required but missing", f"/{name}", broken))
    return out[:limit]


def _with(base: Any, name: str, value: Any) -> Any:
    out = copy.deepcopy(base) if isinstance(base, dict) else {}
    out[name] = value
    return out
