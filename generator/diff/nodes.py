"""One side of a compared position: a spec node, its JSON pointer and the docs line it came from.

`$ref`s are followed by `generator.core.spec.deref`; this module only keeps the provenance on the way
and sees through the builder's way of writing nullability.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from generator.core.spec import deref, pointer, source_of
from generator.diff.model import OperationRef

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class Node:
    """One side of a position being compared."""

    schema: Schema
    pointer: str
    source: str | None


# where the build files a documented example that contradicts its schema (`example.schema_mismatch`)
INVALID_EXAMPLES = "x-otc-invalid-examples"


@dataclass(frozen=True)
class Mismatch:
    """What the old build reported of an example of this body: `at` a JSON pointer into the example."""

    at: str  # list indexes as `*`
    message: str
    source: str | None  # the example's "file:line"


@dataclass(frozen=True, eq=False)
class Restated:
    """A body the docs restated to match the example they always had (`generator.diff.examples`)."""

    body: str  # "request body", "response 200"
    cited: str  # what the old side reported of the example
    examples: tuple[Any, ...]  # the old examples that contradicted the old table and that the new body accepts
    declared: frozenset[str] = frozenset()  # every field name the new body declares, at any depth
    # where in the body (as `Ctx.at` names positions, "" the whole body) the old contradictions were, that the new
    # table resolves: only findings there are the restatement's
    resolved: frozenset[str] = frozenset({""})
    # every old example of the body on the evidence's pages, accepted by the new body or not: a field is "always
    # sent" only if each sent it
    every: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Ctx:
    op: OperationRef
    direction: str  # "request" | "response"
    field: str  # how the user names this position, e.g. "EndpointsReq.dev_service"
    at: str = ""  # the position in a body instance, as the old build's example mismatches name it
    mismatches: tuple[Mismatch, ...] = ()  # the old side's, for the body being walked
    restated: Restated | None = None  # the body being walked was restated to match its old example


def child(node: Node, *tokens: str, schema: Schema | None = None) -> Node:
    """The node at `tokens` below `node` (same provenance), by default as an empty placeholder."""
    return Node(schema if schema is not None else {}, node.pointer + pointer(*tokens), node.source)


def source(obj: Any, fallback: str | None) -> str | None:
    return source_of(obj) or fallback


def resolve(spec: Mapping[str, Any], node: Node) -> tuple[Node, str | None]:
    """Follow `$ref`s; return the target node and the component name when there was one."""
    r = deref(spec, node.schema, node.pointer)
    src = node.source
    for target in r.targets:  # the innermost provenance on the way wins
        src = source(target, src)
    return Node(r.node if isinstance(r.node, Mapping) else {}, r.pointer, src), r.name


def resolve_nullable(spec: Mapping[str, Any], node: Node) -> tuple[Node, str | None, bool]:
    """`resolve`, seeing through nullability: `anyOf: [X, {type: null}]` is X that may be null.

    The builder writes a nullable `$ref` that way (and `type: [T, "null"]`, `enum: [..., null]`
    for inline schemas), so without this a field becoming nullable would read as a new union.
    """
    resolved, name = resolve(spec, node)
    for key in ("anyOf", "oneOf"):
        alts = resolved.schema.get(key)
        if not isinstance(alts, list) or len(alts) < 2:
            continue
        rest = [(i, a) for i, a in enumerate(alts) if not _is_null(a)]
        if len(rest) == len(alts):
            continue
        if len(rest) == 1:
            i, alt = rest[0]
            inner, inner_name = resolve(spec, Node(alt, f"{resolved.pointer}/{key}/{i}", resolved.source))
            return inner, inner_name or name, True
        trimmed = {k: v for k, v in resolved.schema.items() if k != key}
        trimmed[key] = [a for _, a in rest]
        return replace(resolved, schema=trimmed), name, True
    return resolved, name, _is_nullable(resolved.schema)


def types(schema: Schema) -> frozenset[str]:
    raw = schema.get("type")
    if isinstance(raw, str):
        found = {raw}
    elif isinstance(raw, list):
        found = {str(t) for t in raw}
    elif "properties" in schema:
        found = {"object"}
    elif "items" in schema:
        found = {"array"}
    else:
        found = set()
    # `null` alongside a type is optionality, which the required/unset rules already cover.
    found.discard("null")
    return frozenset(found)


def describe(spec: Mapping[str, Any], node: Node, depth: int = 0) -> str:
    """A schema's type as a reader names it: `integer (int64)`, `array of string`."""
    names = sorted(types(node.schema)) or ["any"]
    text = "|".join(names)
    if node.schema.get("format"):
        text += f" ({node.schema['format']})"
    items = node.schema.get("items")
    if "array" in names and isinstance(items, Mapping) and depth < 3:
        inner, _ = resolve(spec, Node(items, "", None))
        text = f"array of {describe(spec, inner, depth + 1)}"
    return f"`{text}`" if depth == 0 else text


def desc(schema: Any) -> str:
    return str(schema.get("description") or "") if isinstance(schema, Mapping) else ""


def _is_null(schema: Any) -> bool:
    return isinstance(schema, Mapping) and schema.get("type") == "null" and len(
        [k for k in schema if not str(k).startswith("x-") and k != "description"]
    ) == 1


def _is_nullable(schema: Schema) -> bool:
    raw = schema.get("type")
    return (isinstance(raw, list) and "null" in raw) or None in (schema.get("enum") or [])


def mismatches(op: Schema, status: str, media_type: str) -> tuple[Mismatch, ...]:
    """The example mismatches the build recorded for one body (`status` "" = the request) of an operation and of
    the pages merged into it."""
    found: list[Mismatch] = []
    for part in [op, *[v for v in op.get("x-otc-variants") or [] if isinstance(v, Mapping)]]:
        owner = part.get("requestBody") if not status else (part.get("responses") or {}).get(status)
        content = owner.get("content") if isinstance(owner, Mapping) else None
        for key, media in (content or {}).items():
            if key.split(";")[0].strip().lower() != media_type or not isinstance(media, Mapping):
                continue
            for example in (media.get(INVALID_EXAMPLES) or {}).values():
                src = example.get("x-source") if isinstance(example, Mapping) else None
                where = f"{src.get('file')}:{src.get('line')}" if isinstance(src, Mapping) else None
                for m in example.get("x-mismatches") or [] if isinstance(example, Mapping) else []:
                    at = "/".join("*" if seg.isdigit() else seg for seg in str(m.get("at", "")).split("/"))
                    found.append(Mismatch(at, str(m.get("message", "")), where))
    return tuple(found)
