"""Which alternative of a merged operation's body is which page's, and an assumed success status now stated.

A call documented on several pages (OBS `PUT /ObjectName` sub-resources, Nova `POST .../action`) is one operation
whose body is an `anyOf` of its pages' bodies, in page order (`generator.build.render.merge`). A page added, removed
or filed under a new name shifts that order, so pairing the alternatives by position compares one page's body with
another's. They are paired by the page each comes from instead: its anchor (the `x-otc-id` of its `x-otc-variants`
entry, as the names lock identifies a page), else its docs file. Each page keeps its own body in its variant entry,
which is how an alternative is traced to its page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.core.spec import STATUS_ASSUMED, VARIANTS, source_of
from generator.diff.model import OperationRef
from generator.diff.nodes import Ctx, Node


@dataclass(frozen=True, slots=True)
class VariantsDelta:
    """Alternatives of a merged operation's body that belong to a page on one side only."""

    ctx: Ctx
    o: Node
    n: Node
    removed: tuple[tuple[str, Node], ...]  # (the page's function, the alternative)
    added: tuple[tuple[str, Node], ...]
    # (function, alternative, status, stated): the page stated no status (`status` assumed); it now states `stated`
    restated: tuple[tuple[str, Node, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class StatusStated:
    """The old page stated no success status (the build assumed `old`); the new one states `new`."""

    ref: OperationRef
    old: str
    new: str
    o: Node
    n: Node


@dataclass(frozen=True, slots=True)
class Member:
    """One alternative of a body and the pages it is the body of (identical bodies of two pages are one)."""

    schema: Any
    pointer: str
    anchors: frozenset[str]
    files: frozenset[str]
    functions: tuple[str, ...]
    pages: tuple[Mapping[str, Any], ...] = ()


MemberPairs = tuple[list[tuple[Member, Member]], list[Member], list[Member]]


def page_pairs(
    old_op: Mapping[str, Any], new_op: Mapping[str, Any], o: Node, n: Node, status: str, media: str
) -> MemberPairs | None:
    """The alternatives of one body (`status` "" for the request) paired by page: (pairs, old only, new only).

    None when positions are all there is to go by: neither operation is merged, an alternative is nobody's page,
    or one without an anchor finds no partner (a renamed file is no evidence of a new page).
    """
    if not old_op.get(VARIANTS) and not new_op.get(VARIANTS):
        return None
    old, new = members(old_op, o, status, media), members(new_op, n, status, media)
    if old is None or new is None:
        return None

    def linked(a: Member, b: Member) -> bool:
        if a.anchors and b.anchors:
            return bool(a.anchors & b.anchors)
        # a single page's operation names no anchor: its function (kept by the names lock), else its file
        return bool(set(a.functions) & set(b.functions)) or bool(a.files & b.files)

    pairs = [(a, b) for a in old for b in new if linked(a, b)]
    gone = [a for a in old if not any(x is a for x, _ in pairs)]
    came = [b for b in new if not any(y is b for _, y in pairs)]
    if any(not m.anchors for m in gone + came):
        return None
    return pairs, gone, came


def variants_delta(ctx: Ctx, o: Node, n: Node, new_op: Mapping[str, Any], found: MemberPairs,
                   status: str) -> VariantsDelta:
    """The alternatives of one side only; a page's that left an assumed status for the one its docs now state is
    restated, not removed."""
    _, gone, came = found
    restated, removed = [], []
    for m in gone:
        stated = _stated(m, new_op, status)
        page = ", ".join(m.functions)
        if stated is None:
            removed.append((page, _on_page(m, o)))
        else:
            restated.append((page, _on_page(m, o), status, stated))
    return VariantsDelta(ctx, o, n, tuple(removed), tuple((", ".join(m.functions), _on_page(m, n)) for m in came),
                         tuple(restated))


def _on_page(m: Member, body: Node) -> Node:
    # an alternative is cited on its own page, not on the page that owns the merged operation
    return Node(m.schema, m.pointer, next((s for s in map(source_of, m.pages) if s), body.source))


def _stated(m: Member, new_op: Mapping[str, Any], status: str) -> str | None:
    """The success status the pages of `m` now state, where they all stated none before (`status` was assumed)."""
    if not status.startswith("2") or not m.pages:
        return None
    if not all(((page.get("responses") or {}).get(status) or {}).get(STATUS_ASSUMED) for page in m.pages):
        return None
    anchors, files = m.anchors, m.files
    now = [v for v in new_op.get(VARIANTS) or [new_op] if isinstance(v, Mapping)
           and (_anchor(v) in anchors if anchors else _file(v) in files)]
    stated = {str(k) for v in now for k, r in (v.get("responses") or {}).items()
              if str(k).startswith("2") and isinstance(r, Mapping) and not r.get(STATUS_ASSUMED)}
    return stated.pop() if len(stated) == 1 and status not in stated else None


def members(op: Mapping[str, Any], body: Node, status: str, media: str) -> list[Member] | None:
    """The alternatives of `body` (the schema of `media` in the request or a response), each with its pages."""
    pages = [v for v in op.get(VARIANTS) or [] if isinstance(v, Mapping)] or [op]
    owned = [(alt, page) for page in pages for alt in _alternatives(_body(page, status, media), len(pages) > 1)]
    schema = body.schema
    merged = len(pages) > 1 and list(schema) == ["anyOf"] and isinstance(schema["anyOf"], list)
    alts = list(enumerate(schema["anyOf"])) if merged else [(None, schema)]
    out = []
    for i, alt in alts:
        mine = [page for own, page in owned if _bare(own) == _bare(alt)]
        if not mine:
            return None
        out.append(Member(
            alt,
            body.pointer if i is None else f"{body.pointer}/anyOf/{i}",
            frozenset(a for a in map(_anchor, mine) if a),
            frozenset(f for f in map(_file, mine) if f),
            tuple(sorted({str(page.get("operationId", "")) for page in mine})),
            tuple(mine),
        ))
    return out


def status_stated(o_all: Mapping[str, Any], n_all: Mapping[str, Any]) -> tuple[str, str] | None:
    """(assumed, stated): the one success status the old build assumed, replaced by the one the docs now state."""
    gone = [s for s in o_all if str(s).startswith("2") and s not in n_all]
    came = [s for s in n_all if str(s).startswith("2") and s not in o_all]
    if len(gone) != 1 or len(came) != 1:
        return None
    was, now = o_all[gone[0]], n_all[came[0]]
    if isinstance(was, Mapping) and was.get(STATUS_ASSUMED) and isinstance(now, Mapping) and not now.get(
            STATUS_ASSUMED):
        return gone[0], came[0]
    return None


def _body(page: Mapping[str, Any], status: str, media: str) -> Any:
    if status:
        body = {str(k): v for k, v in (page.get("responses") or {}).items()}.get(status)
    else:
        body = page.get("requestBody")
    content = body.get("content") if isinstance(body, Mapping) else None
    for key, value in (content or {}).items():
        if str(key).split(";")[0].strip().lower() == media and isinstance(value, Mapping):
            return value.get("schema")
    return None


def _alternatives(schema: Any, merged: bool) -> list[Any]:
    # a page's own `anyOf` is spread among the merged operation's alternatives
    if merged and isinstance(schema, Mapping) and list(schema) == ["anyOf"] and isinstance(schema["anyOf"], list):
        return list(schema["anyOf"])
    return [] if schema is None else [schema]


# words on an alternative the merge adds (a deprecated page's body is marked so), not part of its shape
_ANNOTATIONS = frozenset({"deprecated", "description", "title"})


def _bare(schema: Any) -> Any:
    return {k: v for k, v in schema.items() if k not in _ANNOTATIONS} if isinstance(schema, Mapping) else schema


def _anchor(page: Mapping[str, Any]) -> str | None:
    # a variant's identity is its operation's + ` @anchor`; the operation's own (a single page) names no page
    identity = page.get("x-otc-id")
    return identity.split(" @", 1)[1] if isinstance(identity, str) and " @" in identity else None


def _file(page: Mapping[str, Any]) -> str | None:
    src = source_of(page)
    return src.rsplit(":", 1)[0] if src else None
