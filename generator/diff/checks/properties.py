"""Properties of objects: removed, added, renamed, required or optional, deprecated, described."""

from __future__ import annotations

from generator.diff.findings import Emit, show_set
from generator.diff.nodes import desc
from generator.diff.walk import BecameMap, PropertiesDelta, PropertyPair


def pairing(delta: PropertiesDelta, emit: Emit) -> None:
    ctx = delta.ctx
    d = ctx.direction
    for old_name, new_name, o, n in delta.renamed:
        emit(f"{d}-property-renamed", ctx.op, o, n, field=f"{ctx.field}.{old_name}", new=new_name)
    for name, at in delta.removed:
        emit(f"{d}-property-removed", ctx.op, at, delta.n, field=f"{ctx.field}.{name}")
    for name, at, required in delta.added:
        rule_id = "request-property-added-required" if d == "request" and required else f"{d}-property-added"
        emit(rule_id, ctx.op, delta.o, at, field=f"{ctx.field}.{name}")
    if delta.n_unstated and not delta.o_unstated and delta.was_required:
        # a table that lost its Mandatory column says nothing about required-ness: one finding, not one per field
        emit(f"{d}-required-unstated", ctx.op, delta.o, delta.n, field=ctx.field, old=show_set(delta.was_required))


def property_(pair: PropertyPair, emit: Emit) -> None:
    ctx, on, nn = pair.ctx, pair.o, pair.n
    d = ctx.direction
    if not pair.stated:
        pass  # one side's table has no Mandatory column: `pairing` reports that once
    elif pair.is_required and not pair.was_required:
        emit(f"{d}-property-became-required", ctx.op, on, nn, field=ctx.field)
    elif pair.was_required and not pair.is_required:
        emit(f"{d}-property-became-optional", ctx.op, on, nn, field=ctx.field)
    if nn.schema.get("deprecated") and not on.schema.get("deprecated"):
        emit(f"{d}-property-deprecated", ctx.op, on, nn, field=ctx.field)
    if (on.schema.get("description") or "") != (nn.schema.get("description") or ""):
        emit("property-description-changed", ctx.op, on, nn, field=ctx.field, old=desc(on.schema),
             new=desc(nn.schema))


def became_map(pair: BecameMap, emit: Emit) -> None:
    ctx = pair.ctx
    keys = show_set(pair.keys) if pair.keys else "none"
    emit(f"{ctx.direction}-object-became-map", ctx.op, pair.o_in, pair.n_in, field=ctx.field,
         old=pair.o_name or "object", keys=keys)
