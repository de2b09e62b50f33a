"""Request bodies and the media types of bodies and responses."""

from __future__ import annotations

from generator.diff.findings import Emit
from generator.diff.walk import MediaTypesDelta, RequestBodyPair


def request_body(pair: RequestBodyPair, emit: Emit) -> None:
    o, n = pair.o, pair.n
    if n is None:
        if o is None:
            return
        # A GET page whose example request shows `{ }` gets an optional body that describes nothing.
        undocumented = not o.schema.get("required") and not any(
            (media or {}).get("schema") for media in (o.schema.get("content") or {}).values()
        )
        emit("request-body-removed-undocumented" if undocumented else "request-body-removed", pair.ref, o, pair.op_n)
    elif o is None:
        rule_id = "request-body-added-required" if n.schema.get("required") else "request-body-added"
        emit(rule_id, pair.ref, pair.op_o, n)
    elif n.schema.get("required") and not o.schema.get("required"):
        # an old table without a Mandatory column said nothing of the body: the docs now state it
        emit("request-body-required-stated" if pair.o_unstated else "request-body-became-required", pair.ref, o, n)


def media_types(delta: MediaTypesDelta, emit: Emit) -> None:
    d = delta.ctx.direction
    for mt, at in delta.removed:
        emit(f"{d}-media-type-removed", delta.ctx.op, at, delta.n, old=mt, status=delta.status)
    for mt, at in delta.added:
        emit(f"{d}-media-type-added", delta.ctx.op, delta.o, at, new=mt, status=delta.status)
