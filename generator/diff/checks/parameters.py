"""Parameters: removed, added, renamed, moved, required or optional, deprecated, described."""

from __future__ import annotations

from generator.diff.findings import Emit
from generator.diff.walk import ParameterPair, ParametersDelta


def pairing(delta: ParametersDelta, emit: Emit) -> None:
    ref = delta.ref
    for p in delta.paired:
        (o_where, o_name), (n_where, n_name) = p.old_key, p.new_key
        if p.how == "path-renamed":
            emit("request-path-parameter-renamed", ref, p.o, p.n, old=o_name, new=n_name)
        elif p.how == "moved":
            emit("request-parameter-location-changed", ref, p.o, p.n, field=o_name, old=o_where, new=n_where)
        elif p.how == "query-renamed":
            emit("request-query-parameter-renamed", ref, p.o, p.n, location="query", old=o_name, new=n_name)
    for (where, name), at in delta.removed:
        emit("request-parameter-removed", ref, at, None, field=name, location=where)
    for (where, name), at in delta.added:
        rule_id = "request-parameter-added-required" if at.schema.get("required") else "request-parameter-added"
        emit(rule_id, ref, None, at, field=name, location=where)


def parameter(pair: ParameterPair, emit: Emit) -> None:
    ref, o, n = pair.ref, pair.o, pair.n
    name, where = str(n.schema.get("name")), str(n.schema.get("in"))
    if n.schema.get("required") and not o.schema.get("required"):
        emit("request-parameter-became-required", ref, o, n, field=name, location=where)
    elif o.schema.get("required") and not n.schema.get("required") and where != "path":
        emit("request-parameter-became-optional", ref, o, n, field=name, location=where)
    if n.schema.get("deprecated") and not o.schema.get("deprecated"):
        emit("request-parameter-deprecated", ref, o, n, field=name, location=where)
    if (o.schema.get("description") or "") != (n.schema.get("description") or ""):
        emit(
            "request-parameter-description-changed",
            ref,
            o,
            n,
            field=name,
            old=o.schema.get("description") or "",
            new=n.schema.get("description") or "",
        )
