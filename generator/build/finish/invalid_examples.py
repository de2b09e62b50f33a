"""A documented example that contradicts its own schema (a documentation defect) leaves `examples`, where portals
show it and mock servers serve it, for `x-otc-invalid-examples`, keeping its value, its `x-source` and the first
mismatches. The check stage, the conformance tests and the report read it from there.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from generator.build.check.document import INVALID_EXAMPLES, example_checks
from generator.core.exact import value_bytes
from generator.core.spec import iter_contents, with_variants

# as many mismatches per example as the check stage reports (`example.schema_mismatch`)
MISMATCHES_KEPT = 5


# (media object's index in the operation's contents, example name, its first mismatches as (at, message))
Moves = tuple[tuple[int, str, tuple[tuple[str, str], ...]], ...]


@dataclass
class PlacementMemo:
    """The moves `place_examples` found per operation (or variant), keyed by its exact value and that of every
    component schema (all `check.example_checks` reads). `known`: an earlier build's; `used`: this build's.
    Made by `generator.build.pipeline.build_spec` for one render."""

    known: dict[bytes, Moves] = field(default_factory=dict)
    used: dict[bytes, Moves] = field(default_factory=dict)


def _moves(spec: dict[str, Any], op: Any, validators: dict[str, Any]) -> Moves:
    contents = [c.media_object for c in iter_contents(op)]
    found = []
    for _, media, name, _, errors in example_checks(spec, op, validators):
        if isinstance(errors, list) and errors and name in (media.get("examples") or {}):
            index = next(i for i, m in enumerate(contents) if m is media)
            found.append((index, name, tuple(("/" + "/".join(str(p) for p in e.instance_path), e.message[:300])
                                             for e in errors[:MISMATCHES_KEPT])))
    return tuple(found)


def place_examples(spec: dict[str, Any], memo: PlacementMemo | None = None) -> int:
    """Move every example that contradicts its schema to `x-otc-invalid-examples`; returns how many moved.

    Only after `widen_nulls`: an example whose only contradiction is a documented null is evidence
    for the schema, not a defect, and stays.
    """
    validators: dict[str, Any] = {}
    components = b""
    if memo is not None:
        schemas = spec.get("components", {}).get("schemas", {})
        components = hashlib.sha256(value_bytes(schemas)).digest()
    moves: list[tuple[dict[str, Any], str, tuple[tuple[str, str], ...]]] = []
    for item in spec.get("paths", {}).values():
        for op in with_variants(item.values()):  # a page's own parts hold its examples too
            if memo is None:
                found = _moves(spec, op, validators)
            else:
                key = hashlib.sha256(components + value_bytes(op)).digest()
                known = memo.used.get(key)
                known = memo.known.get(key) if known is None else known
                found = known if isinstance(known, tuple) else _moves(spec, op, validators)
                memo.used[key] = found
            contents = [c.media_object for c in iter_contents(op)] if found else []
            moves.extend((contents[index], name, mismatches) for index, name, mismatches in found)
    for media, remembered, mismatches in moves:
        # the spec's own key, not an equal string from the memory: stage entries pickle a shared object once, so
        # their bytes stay those of a build without the memory
        name = next(k for k in media["examples"] if k == remembered)
        ex = media["examples"].pop(name)
        media.setdefault(INVALID_EXAMPLES, {})[name] = {
            **ex, "x-mismatches": [{"at": at, "message": message} for at, message in mismatches]}
        if not media["examples"]:
            del media["examples"]
    return len(moves)
