"""Schemas as a whole: nullability, the model's name, the type, the number of alternatives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from generator.build.lock.identity import component_identities
from generator.core.spec import source_of
from generator.diff.findings import Emit
from generator.diff.nodes import Node, describe, source
from generator.diff.walk import CompositionPair, SchemaPair


def nullability(pair: SchemaPair, emit: Emit) -> None:
    if pair.o_null != pair.n_null:
        kind = "nullable" if pair.n_null else "non-nullable"
        ctx = pair.ctx
        emit(f"{ctx.direction}-became-{kind}", ctx.op, pair.o, pair.n, field=ctx.field)


def model_name(pair: SchemaPair, emit: Emit) -> None:
    if pair.repeated:
        return
    ctx = pair.ctx
    if pair.o_name and pair.n_name and pair.o_name != pair.n_name:
        # The component name is the generated model's class name, which user code imports: gone, the import
        # fails; still there for the tables it was shared with (the same class: an identity in common), this use
        # only split from it
        kind = "split" if _still_there(pair, pair.o_name) else "renamed"
        emit(f"{ctx.direction}-model-{kind}", ctx.op, pair.o, pair.n, field=ctx.field, old=pair.o_name,
             new=pair.n_name)


def _still_there(pair: SchemaPair, name: str) -> bool:
    def ids(spec: Mapping[str, Any]) -> set[str]:
        return set(component_identities(((spec.get("components") or {}).get("schemas") or {}).get(name)))
    return bool(ids(pair.old_spec) & ids(pair.new_spec))


def type_(pair: SchemaPair, emit: Emit) -> None:
    if pair.repeated or not pair.type_changed:
        return
    ctx, o, n = pair.ctx, pair.o, pair.n
    # The old build reported that its example contradicted this field's type: the new type resolves it.
    reported = next((m for m in ctx.mismatches if m.at == ctx.at and "is not of type" in m.message), None)
    # A type change is read on the row that declares the field, not in the table it links to.
    emit(
        f"{ctx.direction}-type-corrected" if reported else f"{ctx.direction}-type-changed",
        ctx.op,
        replace(o, source=_row(pair.o_in, o)),
        replace(n, source=_row(pair.n_in, n)),
        field=ctx.field,
        old=describe(pair.old_spec, o),
        new=describe(pair.new_spec, n),
        **({"cited": f"example.schema_mismatch at {reported.source or 'the example'}: {reported.message}"}
           if reported else {}),
    )


def _row(declared: Node, resolved: Node) -> str | None:
    # the walker already put the row on this operation's own page when a shared table lives on another
    return declared.source if source_of(declared.schema) else source(declared.schema, resolved.source)


def composition(pair: CompositionPair, emit: Emit) -> None:
    ctx = pair.ctx
    if pair.old_count != pair.new_count:
        emit(
            f"{ctx.direction}-composition-changed",
            ctx.op,
            pair.o,
            pair.n,
            field=ctx.field,
            old=pair.old_count,
            new=pair.new_count,
        )
