"""Docs that restated a body to match the example they always had: the evidence, read from both sides.

The old side's example of a body contradicted its table (the old build reported it as `example.schema_mismatch`;
the example shares no field with the table at its top level: `{"job": {...}}` under a flat table of `id`,
`name`, ...; it sends a field where the table lists none, or a top-level field of the table only inside another
one), and the new body schema accepts that very example (validated with jsonschema-rs, as the build checks
examples). The wire did not change: the docs corrected the table. `generator.diff.restated` lists the findings on
such a body under one warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema_rs import ValidationErrorKind

from generator.core.spec import VARIANTS, compile_schema, deref, reachable_schemas
from generator.diff.nodes import INVALID_EXAMPLES, Restated

# the code the check stage reports a contradicting example under (`generator.core.codes`)
REPORTED = "example.schema_mismatch"


@dataclass(frozen=True)
class OldExample:
    value: Any
    source: str | None  # "file:line"
    mismatches: tuple[tuple[str, str], ...]  # what its build reported of it (`x-mismatches`: at, message)


def old_examples(op: Mapping[str, Any], status: str, media_type: str) -> tuple[OldExample, ...]:
    """The documented examples of one body (`status` "" = the request) of an operation and of the pages merged
    into it, valid or not, each once."""
    found: dict[tuple[str | None, str], OldExample] = {}
    for part in [op, *[v for v in op.get(VARIANTS) or [] if isinstance(v, Mapping)]]:
        owner = part.get("requestBody") if not status else (part.get("responses") or {}).get(status)
        content = owner.get("content") if isinstance(owner, Mapping) else None
        for key, media in (content or {}).items():
            if key.split(";")[0].strip().lower() != media_type or not isinstance(media, Mapping):
                continue
            for place in ("examples", INVALID_EXAMPLES):
                for name, example in (media.get(place) or {}).items():
                    if not isinstance(example, Mapping) or "value" not in example:
                        continue
                    src = example.get("x-source")
                    where = f"{src.get('file')}:{src.get('line')}" if isinstance(src, Mapping) else None
                    reported = tuple((str(m.get("at", "")), str(m.get("message", "")))
                                     for m in example.get("x-mismatches") or [] if isinstance(m, Mapping))
                    found.setdefault((where, str(name)), OldExample(example["value"], where, reported))
    return tuple(found.values())


def restatement(old_spec: Mapping[str, Any], old_op: Mapping[str, Any] | None, old_schema: Any,
                new_spec: Mapping[str, Any], new_op: Mapping[str, Any] | None, new_schema: Any, status: str,
                media_type: str, body: str) -> Restated | None:
    """The evidence that the docs restated this body to match its old example, or None.

    `old_schema`/`new_schema`: the body's schema as each side's media type writes it (a `$ref` mostly). The new
    schema accepts an old example when every contradiction it finds in it is a value the new build reports of its
    own examples of this body too (`"description": {}` for a String, in both docs): that is not the restatement. A
    field the new table requires and the old example lacks is never accepted: the wire never carried it.
    """
    if old_op is None or new_op is None or not isinstance(new_schema, Mapping) or not new_schema:
        return None
    fields = _root_fields(old_spec, old_schema)
    examples = old_examples(old_op, status, media_type)
    unlisted = {id(ex): _unlisted(old_spec, old_schema, ex, fields) for ex in examples}
    if not any(ex.mismatches or _disjoint(ex, fields) or unlisted[id(ex)] for ex in examples):
        return None
    try:
        validator = compile_schema(new_spec, new_schema)
    except ValueError:  # jsonschema-rs refuses what it cannot compile (too deep): no verdict, no evidence
        return None
    still = {m for ex in old_examples(new_op, status, media_type) for m in ex.mismatches}
    accepted: list[tuple[OldExample, list[tuple[str, str]]]] = []
    for ex in examples:
        errors = _errors(validator, ex.value, still)
        resolved = [] if errors is None else _resolved(ex, fields, errors, unlisted[id(ex)])
        if resolved:
            accepted.append((ex, resolved))
    if not accepted:
        return None
    declared = _declared([new_schema, *reachable_schemas(new_spec, new_schema).values()])
    positions = frozenset(at for _, resolved in accepted for at, _ in resolved)
    # "always sent" asks every example of the pages whose examples are the evidence, accepted or not; a merged
    # call's other pages document other requests
    pages = {_page_of(ex) for ex, _ in accepted}
    every = tuple(ex.value for ex in examples if _page_of(ex) in pages)
    return Restated(body, accepted[0][1][0][1], tuple(ex.value for ex, _ in accepted), declared, positions, every)


def _page_of(example: OldExample) -> str | None:
    return example.source.rsplit(":", 1)[0] if example.source else None


def _root_fields(spec: Mapping[str, Any], schema: Any) -> frozenset[str] | None:
    """The fields of the old table at the top of the body; None when the body is no single object."""
    node = deref(spec, schema, "").node if isinstance(schema, Mapping) else None
    props = node.get("properties") if isinstance(node, Mapping) else None
    return frozenset(props) if isinstance(props, Mapping) and props else None


def _disjoint(example: OldExample, fields: frozenset[str] | None) -> str:
    """The example has none of the old table's fields at its top level ("" when it has some)."""
    value = example.value
    if fields and isinstance(value, Mapping) and value and not fields & set(value):
        keys = ", ".join(f"`{k}`" for k in sorted(value))
        return f"the example at {example.source or '?'} has none of the table's fields at its top level, only {keys}"
    return ""


def _resolved(example: OldExample, fields: frozenset[str] | None, errors: set[tuple[str, str]],
              unlisted: tuple[tuple[str, str], ...] = ()) -> list[tuple[str, str]]:
    """The contradictions of the old table with this example that the new table no longer has: (where in the body,
    as the walker names positions, what the old side said). One the new build still reports is no correction. A
    field the example sends where the old table lists no such row (`unlisted`) is one too: the new body accepts it."""
    found = [(_position(at), f"{REPORTED} at {example.source or 'the example'}: {message}")
             for at, message in example.mismatches if (at, message) not in errors]
    disjoint = _disjoint(example, fields)
    if disjoint:
        return [*found, ("", disjoint)]  # the whole body: what it sends beside the table says no more
    return found + list(unlisted)


def _unlisted(spec: Mapping[str, Any], schema: Any, example: OldExample,
              fields: frozenset[str] | None) -> tuple[tuple[str, str], ...]:
    """Where the example and the old table disagree on what is sent where, though neither contradicts the other's
    types: (position, what the old side said). A field sent where the table lists none (VPC 2fbaf6c
    `ListSubnetsByTag`: the `tag` table lists `key`, both examples send `values` too); a top-level field of the
    table the example sends only inside another field (IAM a819e7f "Updating a SAML Identity Provider":
    `description` and `enabled` listed beside `identity_provider`, sent inside it)."""
    where = example.source or "?"
    found = [(at, f"the example at {where} sends `{at.rsplit('/', 1)[1]}` at {at}, a field the old table does not "
              "list") for at in _undeclared(spec, schema, example.value)]
    value = example.value
    if fields and isinstance(value, Mapping):
        inside = [name for name in sorted(fields)
                  if name not in value and any(has_key(v, name) for v in value.values())]
        if inside:  # the example shows where the table's rows belong: each row it leaves out of the top level too
            said = ", ".join(f"`{n}`" for n in inside)
            found += [(f"/{name}", f"the example at {where} sends {said} only inside another field, not at the top "
                       "level where the old table lists it") for name in sorted(fields) if name not in value]
    return tuple(found)


def _undeclared(spec: Mapping[str, Any], schema: Any, value: Any, at: str = "", depth: int = 0) -> tuple[str, ...]:
    """Where an example sends a field its schema does not list (positions as the walker names them: `/tags/*/values`),
    in objects whose schema lists fields and takes no others by a map. A schema of alternatives says nothing here."""
    node = deref(spec, schema, "").node if isinstance(schema, Mapping) else None
    if not isinstance(node, Mapping) or depth > 64 or any(k in node for k in ("anyOf", "oneOf", "allOf")):
        return ()
    found: list[str] = []
    props = node.get("properties")
    if isinstance(value, Mapping) and isinstance(props, Mapping) and props:
        for key, v in value.items():
            if key in props:
                found += _undeclared(spec, props[key], v, f"{at}/{key}", depth + 1)
            elif not isinstance(node.get("additionalProperties"), Mapping):
                found.append(f"{at}/{key}")
    elif isinstance(value, list) and isinstance(node.get("items"), Mapping):
        for item in value:
            found += _undeclared(spec, node["items"], item, f"{at}/*", depth + 1)
    return tuple(dict.fromkeys(found))


def _position(at: str) -> str:
    return "/".join("*" if seg.isdigit() else seg for seg in at.split("/")).rstrip("/")


def _errors(validator: Any, value: Any, still: set[tuple[str, str]]) -> set[tuple[str, str]] | None:
    """What the new schema finds in `value` as the build files it (`x-mismatches`: at, message); None when that is
    more than contradictions of a value (not a missing field) that the new build `still` reports."""
    found = set()
    for e in validator.iter_errors(value):
        at = "/" + "/".join(str(p) for p in e.instance_path)
        if isinstance(e.kind, ValidationErrorKind.Required) or (at, e.message[:300]) not in still:
            return None
        found.add((at, e.message[:300]))
    return found


def present(value: Any, at: str) -> bool:
    """Whether an example has a value at `at`, a position as the walker names it (`/a/*/b`: `*` any item of a
    list, `?` any value of a map)."""
    steps = [s for s in at.split("/") if s]

    def walk(v: Any, i: int) -> bool:
        if i == len(steps):
            return True
        step = steps[i]
        if step == "*":
            return isinstance(v, list) and any(walk(x, i + 1) for x in v)
        if step == "?":
            return isinstance(v, Mapping) and any(walk(x, i + 1) for x in v.values())
        return isinstance(v, Mapping) and step in v and walk(v[step], i + 1)

    return walk(value, 0)


def _declared(schemas: list[Any]) -> frozenset[str]:
    """Every field name the schemas declare, at any depth (inline objects and items included)."""
    found: set[str] = set()
    todo = list(schemas)
    while todo:
        node = todo.pop()
        if isinstance(node, Mapping):
            props = node.get("properties")
            if isinstance(props, Mapping):
                found.update(str(k) for k in props)
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return frozenset(found)


def has_key(value: Any, name: str) -> bool:
    """Whether an example has a field `name` anywhere in it."""
    if isinstance(value, Mapping):
        return name in value or any(has_key(v, name) for v in value.values())
    return isinstance(value, list) and any(has_key(v, name) for v in value)
