"""The values a schema admits: formats, enums, limits and defaults."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

from generator.diff.findings import Emit, show, show_set
from generator.diff.nodes import Ctx, Node, Schema, describe, types
from generator.diff.walk import SchemaPair

# Wider formats last: a value of an earlier format always fits a later one.
_FORMAT_ORDER = {
    "int32": ("integer", 0),
    "int64": ("integer", 1),
    "float": ("number", 0),
    "double": ("number", 1),
}
# (keyword, True when a larger value admits more)
_LIMITS = (
    ("maxLength", True),
    ("maximum", True),
    ("exclusiveMaximum", True),
    ("maxItems", True),
    ("maxProperties", True),
    ("minLength", False),
    ("minimum", False),
    ("exclusiveMinimum", False),
    ("minItems", False),
    ("minProperties", False),
)
# String formats openapi-python-client maps to a type other than `str` (notes: openapi-python-client).
_PY_STRING_TYPES = {"date-time": "datetime", "date": "date", "uuid": "UUID", "binary": "File"}
_ZERO_BY_DEFAULT = frozenset({"minLength", "minItems", "minProperties"})


def format_(pair: SchemaPair, emit: Emit) -> None:
    if not pair.comparable:
        return
    ctx, o, n = pair.ctx, pair.o, pair.n
    o_fmt, n_fmt = o.schema.get("format"), n.schema.get("format")
    d = ctx.direction
    if "string" in types(o.schema) and _PY_STRING_TYPES.get(str(o_fmt)) != _PY_STRING_TYPES.get(str(n_fmt)):
        # date-time, date, uuid and binary give the generated attribute another Python type.
        emit(
            f"{d}-type-changed",
            ctx.op,
            o,
            n,
            field=ctx.field,
            old=describe(pair.old_spec, o),
            new=describe(pair.new_spec, n),
        )
        return
    if o_fmt == n_fmt or o_fmt is None or n_fmt is None:
        # A format appearing or vanishing is the docs getting more or less precise, not a new type.
        return
    o_rank, n_rank = _FORMAT_ORDER.get(str(o_fmt)), _FORMAT_ORDER.get(str(n_fmt))
    if o_rank and n_rank and o_rank[0] == n_rank[0]:
        kind = "widened" if n_rank[1] > o_rank[1] else "narrowed"
        emit(f"{d}-format-{kind}", ctx.op, o, n, field=ctx.field, old=o_fmt, new=n_fmt)
    else:
        emit(f"{d}-format-changed", ctx.op, o, n, field=ctx.field, old=show(o_fmt), new=show(n_fmt))


def enum(pair: SchemaPair, emit: Emit) -> None:
    if not pair.comparable:
        return
    ctx, o, n = pair.ctx, pair.o, pair.n
    # `null` in an enum is nullability (reported on its own), not a value.
    o_enum, n_enum = _non_null_enum(o.schema), _non_null_enum(n.schema)
    d = ctx.direction
    if o_enum is None and n_enum is None:
        return
    if o_enum is None:
        emit(f"{d}-enum-added", ctx.op, o, n, field=ctx.field, new=show_set(n_enum or []))
        return
    if n_enum is None:
        emit(f"{d}-enum-removed", ctx.op, o, n, field=ctx.field, old=show_set(o_enum))
        return
    o_set, n_set = _hashable_set(o_enum), _hashable_set(n_enum)
    if o_set - n_set:
        emit(f"{d}-enum-value-removed", ctx.op, o, n, field=ctx.field, old=show_set(o_set - n_set))
    if n_set - o_set:
        emit(f"{d}-enum-value-added", ctx.op, o, n, field=ctx.field, new=show_set(n_set - o_set))


def limits(pair: SchemaPair, emit: Emit) -> None:
    if not pair.comparable:
        return
    ctx, o, n = pair.ctx, pair.o, pair.n
    for keyword, larger_is_wider in _LIMITS:
        _limit(ctx, o, n, emit, keyword, larger_is_wider)


def _limit(ctx: Ctx, o: Node, n: Node, emit: Emit, keyword: str, larger_is_wider: bool) -> None:
    o_val, n_val = o.schema.get(keyword), n.schema.get(keyword)
    if keyword in _ZERO_BY_DEFAULT:  # `minLength: 0` says nothing more than no minLength
        o_val, n_val = o_val or None, n_val or None
    if o_val == n_val or isinstance(o_val, bool) or isinstance(n_val, bool):
        return
    # A missing limit is the widest one.
    if o_val is None:
        wider = False
    elif n_val is None:
        wider = True
    else:
        wider = (n_val > o_val) == larger_is_wider
    kind = "widened" if wider else "narrowed"
    emit(
        f"{ctx.direction}-limit-{kind}",
        ctx.op,
        o,
        n,
        field=ctx.field,
        limit=keyword,
        old="none" if o_val is None else o_val,
        new="none" if n_val is None else n_val,
    )


def default(pair: SchemaPair, emit: Emit) -> None:
    if not pair.comparable:
        return
    ctx, os_, ns = pair.ctx, pair.o.schema, pair.n.schema
    d = ctx.direction
    if "default" in os_ and "default" in ns and os_["default"] != ns["default"]:
        emit(f"{d}-default-changed", ctx.op, pair.o, pair.n, field=ctx.field, old=show(os_["default"]),
             new=show(ns["default"]))
    elif d == "request" and "default" in os_ and "default" not in ns:
        emit("request-default-removed", ctx.op, pair.o, pair.n, field=ctx.field, old=show(os_["default"]))


def _non_null_enum(schema: Schema) -> list[Any] | None:
    values = schema.get("enum")
    if not isinstance(values, list):
        return None
    kept = [v for v in values if v is not None]
    if kept and all(isinstance(v, bool) for v in kept) and len(set(kept)) == 2:
        return None  # `true` and `false` are every value a boolean has: no restriction (and no enum class)
    return kept or None


def _hashable_set(values: Iterable[Any]) -> set[Any]:
    return {v if isinstance(v, Hashable) else repr(v) for v in values}
