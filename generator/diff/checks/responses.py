"""Responses: statuses removed or added, their descriptions and headers."""

from __future__ import annotations

from generator.diff.findings import Emit
from generator.diff.walk import HeadersDelta, ResponsePair


def response(pair: ResponsePair, emit: Emit) -> None:
    status, o, n = pair.status, pair.o, pair.n
    success = str(status).startswith("2")
    if n is None:
        rule_id = "response-success-status-removed" if success else "response-non-success-status-removed"
        emit(rule_id, pair.ref, o, pair.op_n, status=status)
    elif o is None:
        emit("response-success-status-added" if success else "response-status-added", pair.ref, pair.op_o, n,
             status=status)
    elif (o.schema.get("description") or "") != (n.schema.get("description") or ""):
        emit(
            "response-description-changed",
            pair.ref,
            o,
            n,
            status=status,
            old=o.schema.get("description") or "",
            new=n.schema.get("description") or "",
        )


def headers(delta: HeadersDelta, emit: Emit) -> None:
    for name, at in delta.removed:
        emit("response-header-removed", delta.ref, at, delta.n, field=name, status=delta.status)
    for name, at in delta.added:
        emit("response-header-added", delta.ref, delta.o, at, field=name, status=delta.status)
