"""Null in response examples: a response property the docs' own example shows as null may be null."""

from __future__ import annotations

from typing import Any

from generator.build.render.schemas import allow_null
from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import deref, with_variants


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
                    if name is not None and (name, key) not in done and allow_null(prop):
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
