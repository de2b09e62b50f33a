"""Which removed field of an object is an added field under a new name: the evidence the walker pairs by."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from generator.diff.nodes import Node, desc, resolve, types


def renames(
    old_spec: Mapping[str, Any],
    new_spec: Mapping[str, Any],
    o_props: Mapping[str, Any],
    n_props: Mapping[str, Any],
    gone: list[str],
    came: list[str],
) -> list[tuple[str, str]]:
    """Removed/added fields of one object that are the same field under a new name.

    Evidence must be clear: the same structural shape plus one more sign (same row position in
    a table where as many rows went as came, identical description, one name containing the
    other, or the same name in another spelling), and the match must be unique in both
    directions. Anything less stays a removal plus an addition.
    """
    if not gone or not came:
        return []
    o_order, n_order = list(o_props), list(n_props)
    substitution = len(gone) == len(came)
    shape_o = {g: _shape(old_spec, o_props[g]) for g in gone}
    shape_n = {c: _shape(new_spec, n_props[c]) for c in came}

    def best(
        name: str,
        pool: list[str],
        shapes: dict[str, Hashable],
        mine: Hashable,
        my_props: Mapping[str, Any],
        my_order: list[str],
        other_props: Mapping[str, Any],
        other_order: list[str],
    ) -> str | None:
        ties: tuple[Callable[[str], bool], ...] = (
            # Row position only counts in a pure substitution (as many rows gone as came);
            # otherwise rows shift and unrelated fields line up by accident.
            lambda c: substitution and _same_slot(my_order, name, other_order, c, pool),
            lambda c: bool(desc(my_props[name])) and desc(other_props[c]) == desc(my_props[name]),
            lambda c: c in name or name in c,
            lambda c: _spelling(c) == _spelling(name),
        )
        # Same shape alone is weak (many fields are plain strings), so one more sign is required.
        same = [c for c in pool if shapes[c] == mine and any(tie(c) for tie in ties)]
        if len(same) <= 1:
            return same[0] if same else None
        for tie in ties:
            narrowed = [c for c in same if tie(c)]
            if len(narrowed) == 1:
                return narrowed[0]
        return None

    result = []
    for g in gone:
        c = best(g, came, shape_n, shape_o[g], o_props, o_order, n_props, n_order)
        if c is None:
            continue
        back = best(c, gone, shape_o, shape_n[c], n_props, n_order, o_props, o_order)
        if back == g:
            result.append((g, c))
    return result


def param_as_schema(node: Node) -> dict[str, Any]:
    """A parameter seen as a property (its schema plus its description), for rename detection."""
    inner = node.schema.get("schema")
    return {**(inner if isinstance(inner, Mapping) else {}), "description": node.schema.get("description") or ""}


def _same_slot(a_order: list[str], a: str, b_order: list[str], b: str, b_pool: list[str]) -> bool:
    """`a` and `b` sit in the same table row and a neighbour row is the same field (or also replaced)."""
    i, j = a_order.index(a), b_order.index(b)
    if i != j:
        return False
    a_pool = set(a_order) - set(b_order)

    def neighbour_matches(k: int) -> bool:
        inside_a, inside_b = 0 <= i + k < len(a_order), 0 <= j + k < len(b_order)
        if not inside_a or not inside_b:
            return inside_a == inside_b  # both at the table edge
        x, y = a_order[i + k], b_order[j + k]
        return x == y or (x in a_pool and y in b_pool)

    return neighbour_matches(-1) and neighbour_matches(1)


def _spelling(name: str) -> str:
    """`pageSize`, `page_size` and `page-size` are one name spelt three ways."""
    return name.replace("_", "").replace("-", "").lower()


def _shape(spec: Mapping[str, Any], schema: Any, depth: int = 0) -> Hashable:
    """A name- and wording-free fingerprint of a schema, for rename detection."""
    if not isinstance(schema, Mapping) or depth > 4:
        return None
    node, _ = resolve(spec, Node(schema, "", None))
    s = node.schema
    props = s.get("properties") or {}
    return (
        tuple(sorted(types(s))),
        s.get("format"),
        tuple(sorted(repr(v) for v in s.get("enum") or [])),
        _shape(spec, s.get("items"), depth + 1),
        tuple(sorted((k, _shape(spec, v, depth + 1)) for k, v in props.items())),
    )
