"""Operations: removed, added, moved, renamed, re-tagged, deprecated, superseded; their pages and wording."""

from __future__ import annotations

from generator.diff.findings import Emit, show_set
from generator.diff.walk import OperationPair, OperationsDelta, PagesDelta, Superseded


def added_or_removed(delta: OperationsDelta, emit: Emit) -> None:
    for ref, at in delta.removed:
        emit("operation-removed", ref, at, None)
    for ref, at in delta.added:
        emit("operation-added", ref, None, at)


def superseded(pair: Superseded, emit: Emit) -> None:
    was = pair.was
    emit(
        "operation-superseded",
        pair.ref,
        pair.o,
        pair.n,
        old=f"{was.method.upper()} {was.path}",
        old_id=was.operation_id,
        moved_to=pair.still.source_file or "",
    )


def operation(pair: OperationPair, emit: Emit) -> None:
    old, new, ref, o, n = pair.old, pair.new, pair.ref, pair.o, pair.n
    if old.path != new.path and old.key != new.key:
        emit("operation-path-changed", ref, o, n, old=old.path, new=new.path)
    if old.operation_id != new.operation_id:
        emit("operation-id-changed", ref, o, n, old=old.operation_id, new=new.operation_id)
    old_tags, new_tags = sorted(old.op.get("tags") or []), sorted(new.op.get("tags") or [])
    deprecated = bool(new.op.get("deprecated") and not old.op.get("deprecated"))
    if old_tags != new_tags and deprecated:
        # pages moved to an out-of-date folder: a deprecation (the names lock keeps the function's module)
        emit("operation-moved-to-deprecated-pages", ref, o, n, old=show_set(old_tags), new=show_set(new_tags))
    elif old_tags != new_tags:
        emit("operation-tags-changed", ref, o, n, old=show_set(old_tags), new=show_set(new_tags))
    elif deprecated:
        emit("operation-deprecated", ref, o, n)
    for key in ("summary", "description"):
        if (old.op.get(key) or "") != (new.op.get(key) or ""):
            emit(f"operation-{key}-changed", ref, o, n, old=old.op.get(key) or "", new=new.op.get(key) or "")


def pages(delta: PagesDelta, emit: Emit) -> None:
    """Each page documenting a call is a function of the client; the owner page's rename is the operation's."""
    for page, at in delta.removed:
        emit("operation-page-removed", delta.ref, at, delta.n, page=page)
    for page, at in delta.added:
        emit("operation-page-added", delta.ref, delta.o, at, page=page)
