"""Components no operation reaches leave the spec, each with a diagnostic."""

from __future__ import annotations

from typing import Any

from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import component_name, ref_values


def drop_unreferenced(spec: dict[str, Any]) -> list[Diagnostic]:
    """Drop components that no operation reaches, each with a `component.unreferenced` diagnostic.

    (`schema.unreferenced` is link's code for tables never rendered at all.)

    They arise where two tables of one name and shape share a component (`generator.build.render.openapi`): the second
    table's nested tables were named after their own operation, and nothing refers to those names.
    """
    schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    todo = ref_values({k: v for k, v in spec.items() if k != "components"})
    reached: set[str] = set()
    while todo:
        name = component_name(todo.pop())
        if name is not None and name in schemas and name not in reached:
            reached.add(name)
            todo.extend(ref_values(schemas[name]))
    out = []
    for name in sorted(set(schemas) - reached):
        xs = schemas.pop(name).get("x-source") or {}
        out.append(Diagnostic(Source(str(xs.get("file", "<spec>")), int(xs.get("line", 0))),
                              "component.unreferenced", Severity.INFO,
                              f"'{name}' is referenced by no operation (its parent table shares the component of a "
                              "table with the same name and shape); dropped from the spec"))
    return out
