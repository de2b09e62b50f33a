"""Which list operations page, and how: detected from the spec, rendered as `iter_<op>` / `aiter_<op>`.

A list operation pages when its query parameters or its response show one of the patterns the OTC docs
use (field names compared without case and separators):

- **marker**: `marker` (+ `limit`): the next marker comes from the response's `links.next` link, an
  OpenStack links list (`zones_links: [{"rel": "next", "href": ...}]`), a stated `next_marker`
  (top level or in `page_info`), else the last item's `id`;
- **offset**: `offset` / `start_number` / `skip` (+ `limit`): the next offset is this one plus the items read;
- **page**: `page` / `page_no` / `pageNo` / `page_num` / `current_page` (+ `page_size` / `limit`), or an
  `offset` described as a page number: the next page is this one plus one, from the first page number the
  parameter states (its minimum, or "starts from 1" in its description).

The items are the response's array field (the one field that is an array, or the one named after the
path's last segment). Where a pattern shows but one of these cannot be decided, the operation gets no
iterator and a `client.pagination_unclear` diagnostic says what is missing; nothing is guessed.

The result is recorded on the operation of the client view (`x-otc-pagination`, JSON data only); the
endpoint template renders the iterators from it and the generator's own names of the fields.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from generator.client.common import base_media, operations, source
from generator.client.variants import client_path
from generator.core.model import Diagnostic, Severity
from generator.core.spec import deref

PAGINATION = "x-otc-pagination"

Style = Literal["marker", "offset", "page"]
NextFrom = Literal["link", "links_list", "value", "last_item"]


@dataclass(frozen=True)
class NextMarker:
    """Where a marker-style page says where the next one starts."""

    source: NextFrom
    path: tuple[str, ...] = ()  # the response field (`links`, `next`); for last_item: the items field
    param: str = ""  # link / links_list: the query parameter of the link carrying the marker
    field: str = ""  # last_item: the item field


@dataclass(frozen=True)
class Pagination:
    style: Style
    param: str  # the query parameter that advances (marker, offset, page number)
    param_type: Literal["string", "integer"]
    status: str  # the success response whose body is the page
    items: str  # the response's array field; "" when the body itself is the array
    limit: str = ""  # the query parameter for the page size ("" if none)
    first: int = 0  # page: the number of the first page
    next: NextMarker | None = None  # marker: where the next marker comes from

    def as_extension(self) -> dict[str, Any]:
        """JSON data only (no nulls), for the client view and the template data."""
        data = {k: v for k, v in asdict(self).items() if v is not None}
        if self.next is not None:
            data["next"] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self.next).items()}
        return data


@dataclass
class Survey:
    """What the detection found over one client view."""

    paginated: list[str] = field(default_factory=list)  # operationIds with an iterator
    unclear: list[str] = field(default_factory=list)


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_MARKER = {"marker", "startmarker", "cursor", "pagetoken", "nexttoken"}
_OFFSET = {"offset", "startnumber", "start", "skip"}
_PAGE = {"page", "pageno", "pagenum", "pagenumber", "pageindex", "currentpage", "curpage"}
_LIMIT = {"limit", "pagesize", "perpage", "pagelimit", "maxitems"}
# a field name rendered into the client as a string literal: plain names only
_SAFE = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
# prose: "Page number.", "page index", "Index of the query page", "Start page of the paging list" (an `offset`
# that counts pages)
_PAGE_NUMBER = re.compile(r"\bpage\s+(?:number|index|no\b)|\bindex\s+of\s+the\s+(?:query\s+)?page\b"
                          r"|\bstart(?:ing)?\s+page\b", re.IGNORECASE)
# prose: "ID of the task where the query starts" (a start that is an item, not a count)
_AN_ID = re.compile(r"\bID\b")
# prose: "starts from 1", "start at 0", "The value starts with 1"
_FIRST = re.compile(r"\b(?:start(?:s|ing)?|ranges?)\s+(?:from|at|with)\s+\**([01])\b", re.IGNORECASE)
# prose: "The default value is **1**", "Default value: **1**", "which defaults to **0**"
_DEFAULT = re.compile(r"\bdefault(?:s\s+to|\s+value\s+is|\s+value:)\s*\**([01])\b", re.IGNORECASE)


def detect_pagination(view: dict[str, Any], notes: list[Diagnostic]) -> Survey:
    """Record `x-otc-pagination` on each paging operation of the client view; report the unclear ones."""
    survey = Survey()
    for path, method, op in operations(view):
        op.pop(PAGINATION, None)
        if method != "get":
            continue
        where = str(op.get("operationId") or f"{method.upper()} {path}")
        found = _detect(view, client_path(path), op)  # a page's view path carries its variant marker
        if found is None:
            continue
        if isinstance(found, str):
            survey.unclear.append(where)
            notes.append(Diagnostic(source(op), "client.pagination_unclear", Severity.INFO,
                                    f"{where}: {found}; no iterator"))
            continue
        op[PAGINATION] = found.as_extension()
        survey.paginated.append(where)
    return survey


def _query(op: dict[str, Any], names: set[str]) -> dict[str, Any] | None:
    for p in op.get("parameters", []):
        if p.get("in") == "query" and _key(str(p.get("name", ""))) in names:
            return p  # type: ignore[no-any-return]
    return None


def _success(view: dict[str, Any], op: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The first documented 2xx with a JSON body, and its schema (resolved)."""
    for status in sorted(op.get("responses", {})):
        if not status.startswith("2"):
            continue
        content = op["responses"][status].get("content") or {}
        for media, m in content.items():
            base = base_media(media)
            if base == "application/json" or base.endswith("+json"):
                return status, deref(view, m.get("schema", {})).node
    return None


def _properties(view: dict[str, Any], schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k: deref(view, v).node for k, v in (schema.get("properties") or {}).items() if isinstance(v, dict)}


def _is_array(schema: dict[str, Any]) -> bool:
    t = schema.get("type")
    if t == "array" or (isinstance(t, list) and "array" in t):
        return True
    # a nullable array (`anyOf: [array, null]`) is still the list
    branches = [b for b in schema.get("anyOf", []) if isinstance(b, dict)]
    return any(b.get("type") == "array" for b in branches) and all(
        b.get("type") in ("array", "null") for b in branches)


def _array_items(view: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    items: Any = schema.get("items")
    for b in schema.get("anyOf", []):
        if items is None and isinstance(b, dict) and b.get("type") == "array":
            items = b.get("items")
    node = deref(view, items).node if isinstance(items, dict) else {}
    return node if isinstance(node, dict) else {}


def _items_field(view: dict[str, Any], path: str, schema: dict[str, Any]) -> tuple[str, dict[str, Any]] | str:
    """The response's list field and its item schema, or why it cannot be told."""
    if _is_array(schema):
        return "", _array_items(view, schema)
    if schema.get("anyOf") or schema.get("oneOf"):
        return "the response has alternative shapes"
    props = _properties(view, schema)
    arrays = {k: v for k, v in props.items() if _is_array(v) and not _key(k).endswith("links")}
    if not arrays:
        return "the response has no list field"
    if len(arrays) > 1:
        segments = [s for s in path.split("/") if s and not s.startswith("{")]
        last = _key(segments[-1]) if segments else ""
        named = [k for k in arrays if last and (_key(k) == last or _key(k).startswith(last))]
        if len(named) != 1:
            return f"the response has several list fields ({', '.join(sorted(arrays))})"
        arrays = {named[0]: arrays[named[0]]}
    name, array = next(iter(arrays.items()))
    if not _SAFE.fullmatch(name):
        return f"the list field {name!r} is no plain name"
    return name, _array_items(view, array)


def _next_marker(view: dict[str, Any], schema: dict[str, Any], items: str, item: dict[str, Any],
                 param: str) -> NextMarker | str:
    props = _properties(view, schema)
    for name, sub in props.items():
        if _key(name) == "links" and "next" in _properties(view, sub):
            return NextMarker("link", (name, "next"), param=param)
    for name, sub in props.items():
        if _key(name).endswith("links") and _is_array(sub):
            return NextMarker("links_list", (name,), param=param)
    for name, sub in props.items():
        if _key(name) == "nextmarker":
            return NextMarker("value", (name,))
        for inner in _properties(view, sub):
            if _key(name) == "pageinfo" and _key(inner) == "nextmarker":
                return NextMarker("value", (name, inner))
    if "id" in _properties(view, item) and (items == "" or _SAFE.fullmatch(items)):
        return NextMarker("last_item", (items,) if items else (), field="id")
    return "no next marker in the response and the items have no id"


def _has_next_link(view: dict[str, Any], schema: dict[str, Any]) -> bool:
    props = _properties(view, schema)
    return any((_key(k) == "links" and "next" in _properties(view, v)) or (_key(k).endswith("links") and _is_array(v))
               for k, v in props.items())


def _param_type(p: dict[str, Any]) -> Literal["string", "integer"] | None:
    schema = p.get("schema") or {}
    if "enum" in schema or "const" in schema:
        return None  # the client takes an enum member: no arithmetic, no marker from a page
    t = schema.get("type")
    return t if t in ("string", "integer") else None


def _first_page(p: dict[str, Any]) -> int | None:
    """The number of the first page: stated ("starts from 1", "ranges from 1"), else the default (a request
    without the parameter reads the first page), else the minimum."""
    description = str(p.get("description") or "")
    for pattern in (_FIRST, _DEFAULT):
        m = pattern.search(description)
        if m:
            return int(m.group(1))
    minimum = (p.get("schema") or {}).get("minimum")
    return minimum if isinstance(minimum, int) and minimum in (0, 1) else None


def _detect(view: dict[str, Any], path: str, op: dict[str, Any]) -> Pagination | str | None:
    """The operation's pagination, a reason it is unclear, or None (no pagination shows)."""
    marker, offset, page = _query(op, _MARKER), _query(op, _OFFSET), _query(op, _PAGE)
    limit = _query(op, _LIMIT)
    success = _success(view, op)
    links = success is not None and _has_next_link(view, success[1])
    if marker is None and offset is None and page is None:
        # a next link alone names no request parameter to advance; a resource read by its ID
        # (`/zones/{zone_id}/recordsets/{recordset_id}`) with a `links` is no list
        listed = (success is not None and not path.rstrip("/").endswith("}")
                  and not isinstance(_items_field(view, path, success[1]), str))
        return "the response has a next link but no marker, offset or page parameter" if links and listed else None
    chosen = marker or offset or page
    assert chosen is not None
    name = str(chosen["name"])
    if not _SAFE.fullmatch(name):
        return f"parameter {name!r} is no plain name"
    ptype = _param_type(chosen)
    if ptype is None:
        return f"parameter {name} is neither a string nor an integer"
    if success is None:
        return "no JSON success response"
    status, schema = success
    found = _items_field(view, path, schema)
    if isinstance(found, str):
        return found
    items, item = found
    limit_name = str(limit["name"]) if limit is not None and _SAFE.fullmatch(str(limit["name"])) else ""
    if marker is not None:
        if ptype != "string":
            return f"marker parameter {name} is not a string"
        nxt = _next_marker(view, schema, items, item, name)
        if isinstance(nxt, str):
            return nxt
        return Pagination("marker", name, ptype, status, items, limit_name, next=nxt)
    description = str(chosen.get("description") or "")
    if page is not None or _PAGE_NUMBER.search(description):
        first = _first_page(chosen)
        if first is None:
            return f"{name} counts pages but the number of the first page is not stated"
        return Pagination("page", name, ptype, status, items, limit_name, first=first)
    if _AN_ID.search(description):
        return f"{name} is an item ID, not a count: whether the page includes it is not stated"
    return Pagination("offset", name, ptype, status, items, limit_name)
