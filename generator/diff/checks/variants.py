"""The alternatives of a merged operation that belong to a page on one side only; a success status now stated."""

from __future__ import annotations

from generator.diff.findings import Emit
from generator.diff.variants import StatusStated, VariantsDelta


def variants(delta: VariantsDelta, emit: Emit) -> None:
    ctx = delta.ctx
    status = ctx.field.removeprefix("response ") if ctx.direction == "response" else ""
    for page, at in delta.removed:
        emit(f"{ctx.direction}-variant-removed", ctx.op, at, delta.n, page=page, field=ctx.field, status=status)
    for page, at in delta.added:
        emit(f"{ctx.direction}-variant-added", ctx.op, delta.o, at, page=page, field=ctx.field, status=status)
    for page, at, assumed, stated in delta.restated:
        emit("response-success-status-stated", ctx.op, at, delta.n, old=assumed, new=stated, page=page)


def stated(pair: StatusStated, emit: Emit) -> None:
    emit("response-success-status-stated", pair.ref, pair.o, pair.n, old=pair.old, new=pair.new)
