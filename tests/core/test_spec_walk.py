"""`generator.core.spec`'s fast reference walk agrees with the pointer-carrying one it stands in for."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.spec import iter_refs, reachable_schemas, ref_values

_REF = st.sampled_from(["#/components/schemas/A", "#/components/schemas/B", "#/components/schemas/C", "other.yaml#/X"])
_JSON: Any = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | _REF,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["$ref", "properties", "items", "a", "b"]), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_ref_values_is_iter_refs_without_pointers(node: Any) -> None:
    assert ref_values(node) == [ref for _, ref in iter_refs(node)]


def test_ref_values_order_and_non_string_refs() -> None:
    node = {"$ref": "#/a", "x": [{"$ref": 1}, {"y": {"$ref": "#/b"}}, {"$ref": "#/c", "z": {"$ref": "#/d"}}]}
    assert ref_values(node) == ["#/a", "#/b", "#/c", "#/d"]


def test_reachable_schemas_follows_cycles_and_skips_missing() -> None:
    doc = {"components": {"schemas": {
        "A": {"properties": {"b": {"$ref": "#/components/schemas/B"}}},
        "B": {"items": {"$ref": "#/components/schemas/A"}, "x": {"$ref": "#/components/schemas/Missing"}},
        "C": {"type": "string"},
    }}}
    assert list(reachable_schemas(doc, {"$ref": "#/components/schemas/B"})) == ["B", "A"]
