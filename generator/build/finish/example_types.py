"""What a page's own examples say about a type its Type cell leaves open: any JSON value, or a list of a table.

Two readings of a Type cell are guesses the cell does not state (issue 23):

- `Object`, `Json`, `Map<String,Object>` with no table of fields: the docs' word for "some value". Typed
  `type: object`, it rejects the string, number or list the page's own example gives ("The returned parameter can
  be of integer, string, or Boolean type"). Where an example of the page shows a non-object for it, the node loses
  its `type` (any JSON value; a generated client holds it as `Any`), with a `type.any_by_example` diagnostic.
- a Type cell that only names a table (`:ref:`Tag` object`, or `Object` beside "see Table 4"): one object by
  default, though the field may be a list of them ("Resource tag list"). Where an example of the page shows a list
  of objects for it and none shows one object, the property becomes an array of that table, with a
  `type.list_by_example` diagnostic. The Type cells that say so in words are read as lists by the type grammar.

Runs before `place_examples`: an example that decides a type is evidence, not a defect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.core.model import Diagnostic, Severity, Source
from generator.core.spec import deref, iter_examples

MAX_DEPTH = 12
_COMBINERS = ("$ref", "anyOf", "allOf", "oneOf", "properties", "additionalProperties", "items")


def is_free_object(schema: Any) -> bool:
    """`type: object` (maybe nullable) with nothing that says which object: no fields, no map values."""
    if not isinstance(schema, dict):
        return False
    t = schema.get("type")
    if t != "object" and not (isinstance(t, list) and "object" in t and set(t) <= {"object", "null"}):
        return False
    return not schema.get("properties") and not any(k in schema for k in _COMBINERS if k != "properties")


@dataclass
class _Evidence:
    free: dict[int, tuple[dict[str, Any], str, Source, str]] = field(default_factory=dict)
    lists: dict[int, tuple[dict[str, Any], str, str, Source]] = field(default_factory=dict)
    objects: set[int] = field(default_factory=set)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list"


def _src(ex_src: Any) -> Source:
    src = ex_src if isinstance(ex_src, dict) else {}
    return Source(str(src.get("file", "<spec>")), int(src.get("line") or 0))


def types_from_examples(spec: dict[str, Any]) -> list[Diagnostic]:
    """Drop `type` of the free objects and make lists of the table references the page's examples contradict; the
    spec is changed in place. One diagnostic per changed node, at the example that decided it."""
    ev = _Evidence()

    def walk(value: Any, schema: Any, src: Source, where: str, depth: int = 0) -> None:
        if depth > MAX_DEPTH or value is None or not isinstance(schema, dict):
            return
        target = deref(spec, schema).node
        if not isinstance(target, dict):
            return
        alts = [a for a in target.get("anyOf", []) if isinstance(a, dict) and a.get("type") != "null"]
        if len(alts) == 1:  # a nullable reference
            walk(value, alts[0], src, where, depth + 1)
            return
        if is_free_object(target):
            if not isinstance(value, dict) and id(target) not in ev.free:
                ev.free[id(target)] = (target, where, src, _kind(value))
            return
        if isinstance(value, dict):
            found = target.get("properties")
            props: dict[str, Any] = found if isinstance(found, dict) else {}
            extra = target.get("additionalProperties")
            for key, sub in value.items():
                prop = props.get(key)
                if isinstance(prop, dict):
                    if "$ref" in prop and isinstance(sub, dict):
                        ev.objects.add(id(prop))
                    if "$ref" in prop and isinstance(sub, list) and all(isinstance(i, dict) for i in sub) and \
                            isinstance(deref(spec, prop).node.get("properties"), dict):
                        ev.lists.setdefault(id(prop), (props, key, f"{where}.{key}", src))
                        for item in sub:
                            walk(item, prop, src, f"{where}.{key}", depth + 1)
                        continue
                    walk(sub, prop, src, f"{where}.{key}", depth + 1)
                elif isinstance(extra, dict):
                    walk(sub, extra, src, f"{where}.{key}", depth + 1)
        elif isinstance(value, list) and isinstance(target.get("items"), dict):
            for item in value:
                walk(item, target["items"], src, f"{where}[]", depth + 1)

    for op, media, ex in iter_examples(spec):
        walk(ex.get("value"), media.get("schema"), _src(ex.get("x-source") or op.get("x-source")),
             str(op.get("operationId", "")))
    out: list[Diagnostic] = []
    for node, where, src, kind in ev.free.values():
        t = node.pop("type")
        out.append(Diagnostic(src, "type.any_by_example", Severity.INFO,
                              f"{where}: typed {t!r} without fields, but this example gives {kind}: any JSON value"))
    for key_id, (props, key, where, src) in ev.lists.items():
        if key_id in ev.objects:
            continue  # examples disagree: the Type cell's one object stands
        prop = props[key]
        props[key] = {"type": "array", "items": {"$ref": prop["$ref"]}, **{k: v for k, v in prop.items()
                                                                          if k != "$ref"}}
        out.append(Diagnostic(src, "type.list_by_example", Severity.INFO,
                              f"{where}: the Type cell names one table, this example gives a list of them: an array"))
    return sorted(out)
