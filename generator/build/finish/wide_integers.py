"""An integer whose documented example exceeds int32 becomes int64."""

from __future__ import annotations

from typing import Any

from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import deref, iter_examples

INT32 = (-(2**31), 2**31 - 1)


def widen_int32(spec: dict[str, Any]) -> list[Diagnostic]:
    """An integer the docs type without a size is `int32`; where the docs' own example holds a larger value (a
    millisecond timestamp), the property becomes `int64`, with an `example.int64_widened` diagnostic.

    Validators that check formats (Spectral, Redocly, Prism) would otherwise reject the documented example.
    Runs before `place_examples`: the example is evidence for the schema, not a defect.
    """
    out: list[Diagnostic] = []
    done: set[int] = set()

    def walk(value: Any, schema: Any, src: dict[str, Any], where: str, depth: int = 0) -> None:
        if depth > 12 or not isinstance(schema, dict):
            return
        found = deref(spec, schema)
        if found.targets:
            where, schema = found.name or where, found.node
        for alt in schema.get("anyOf", []):
            walk(value, alt, src, where, depth + 1)
        if isinstance(value, bool):
            return
        if isinstance(value, int) and schema.get("format") == "int32" and not INT32[0] <= value <= INT32[1]:
            schema["format"] = "int64"
            if id(schema) not in done:
                done.add(id(schema))
                out.append(Diagnostic(Source(str(src.get("file", "<spec>")), int(src.get("line", 0))),
                                      "example.int64_widened", Severity.INFO,
                                      f"{where} is int64: a documented example holds {value}"))
        elif isinstance(value, dict) and isinstance(schema.get("properties"), dict):
            for key, sub in value.items():
                walk(sub, schema["properties"].get(key), src, f"{where}.{key}", depth + 1)
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for item in value:
                walk(item, schema["items"], src, where, depth + 1)

    for op, media, ex in iter_examples(spec):
        walk(ex.get("value"), media.get("schema"), ex.get("x-source") or op.get("x-source") or {},
             str(op.get("operationId", "")))
    return out
