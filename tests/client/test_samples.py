"""Valid instances and one-place mutations of small schemas (the conformance tests' data)."""

from __future__ import annotations

from typing import Any

import jsonschema

from generator.client import samples

SPEC: dict[str, Any] = {"components": {"schemas": {
    "Thing": {"type": "object", "required": ["name", "size"], "properties": {
        "name": {"type": "string", "minLength": 3, "maxLength": 8},
        "size": {"type": "integer", "minimum": 10, "maximum": 20},
        "mode": {"type": "string", "enum": ["on", "off"]},
        "tags": {"type": "array", "maxItems": 2, "items": {"type": "string", "enum": ["a", "b"]}},
        "when": {"type": ["string", "null"], "format": "date-time"},
        "spec": {"$ref": "#/components/schemas/Spec"},
    }},
    "Spec": {"type": "object", "properties": {"ratio": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.5},
                                              "self": {"$ref": "#/components/schemas/Spec"}}},
}}}
THING = {"$ref": "#/components/schemas/Thing"}


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**SPEC["components"]["schemas"][name], "components": SPEC["components"]})


def test_sample_has_required_properties_only_and_respects_bounds() -> None:
    assert samples.sample(SPEC, THING) == {"name": "sss", "size": 10}


def test_full_sample_fills_every_property_and_is_valid() -> None:
    value = samples.sample(SPEC, THING, full=True)
    assert value["mode"] == "on" and value["tags"] == ["a"] and value["when"] == "2024-01-01T00:00:00Z"
    assert value["spec"]["ratio"] == 1.0  # 1 when the bounds allow it, a multiple of 0.5
    assert isinstance(value["spec"]["self"], dict)  # the cycle ends at the depth limit
    assert list(validator("Thing").iter_errors(value)) == []


def test_union_and_const() -> None:
    assert samples.sample(SPEC, {"anyOf": [{"type": "boolean"}, {"type": "string"}]}) is True
    assert samples.sample(SPEC, {"const": "x"}) == "x"
    assert samples.sample(SPEC, {"type": ["null"]}) is None


def test_every_mutation_breaks_the_schema_in_one_place() -> None:
    base = samples.sample(SPEC, THING, full=True)
    muts = samples.mutations(SPEC, "Thing", base)
    assert [m.why for m in muts] == [
        "name: wrong type (expected string)", "name: longer than maxLength 8",
        "size: wrong type (expected integer)", "size: above maximum 20", "size: below minimum 10",
        "mode: wrong type (expected string)", "mode: value outside the enum",
        "tags: wrong type (expected array)", "tags: item outside the enum", "tags: more than maxItems 2",
        "when: wrong type (expected string)", "spec: wrong type (expected object)",
        "name: required but missing", "size: required but missing",
    ]
    v = validator("Thing")
    for m in muts:
        errors = list(v.iter_errors(m.payload))
        assert errors, m.why
        where = {"/" + "/".join(map(str, e.absolute_path)) for e in errors}
        assert all(w == "/" or w.startswith(m.pointer) for w in where), (m.why, where)
