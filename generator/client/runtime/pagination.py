"""What the generated ``iter_<operation>`` / ``aiter_<operation>`` functions share: where the next page starts
and when to stop.

The iterators themselves are generated per operation (typed items); the stop conditions live here once:
an empty page, a page shorter than the ``limit`` that was sent, no next marker or link, and a server that
hands out a marker (or a whole page) it already gave: never an endless loop.

    >>> pages = Pages(limit=2)
    >>> pages.is_last(2), pages.is_last(1)
    (False, True)
    >>> link_param(b'{"links": {"next": "https://x/v2/zones?limit=2&marker=abc"}}', ("links", "next"), "marker")
    'abc'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from urllib.parse import parse_qs, urlsplit


def as_int(value: object, default: int) -> int:
    """A page number or offset as the caller gave it (int, or digits in a string), else ``default``."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return default


class Pages:
    """The stop conditions of one iteration over pages."""

    def __init__(self, limit: object = None) -> None:
        # a limit the caller did not send (UNSET, None) says nothing about the page size
        self._limit = as_int(limit, 0)
        self._markers: set[str] = set()
        self._pages: set[bytes] = set()

    def is_last(self, count: int) -> bool:
        """Whether the page just read ends the iteration (its items are yielded unless ``is_repeat``)."""
        return count == 0 or (self._limit > 0 and count < self._limit)

    def is_repeat(self, content: bytes, next_marker: str | None = None) -> bool:
        """A page the server gave before: the same bytes, or a next marker already followed (the server ignored
        where the page should start)."""
        if next_marker is not None and next_marker in self._markers:
            return True
        digest = hashlib.sha256(content).digest()
        if digest in self._pages:
            return True
        self._pages.add(digest)
        return False

    def advance(self, marker: str | None) -> bool:
        """Whether to request the page at ``marker``: not without one, and never twice at the same one."""
        if marker is None or marker == "" or marker in self._markers:
            return False
        self._markers.add(marker)
        return True


def json_at(content: bytes, path: Sequence[str]) -> object:
    """The value at ``path`` (object keys) in a JSON body; ``None`` if it is not there."""
    try:
        node: object = json.loads(content)
    except ValueError:
        return None
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _query_value(link: object, param: str) -> str | None:
    if not isinstance(link, str) or not link:
        return None
    values = parse_qs(urlsplit(link).query).get(param)
    return values[0] if values else None


def link_param(content: bytes, path: Sequence[str], param: str) -> str | None:
    """The ``param`` query value of the next-page link at ``path`` (``links.next``), or None."""
    return _query_value(json_at(content, path), param)


def links_list_param(content: bytes, path: Sequence[str], param: str) -> str | None:
    """The same from an OpenStack links list (``[{"rel": "next", "href": ...}]``) at ``path``."""
    links = json_at(content, path)
    if not isinstance(links, list):
        return None
    for link in links:
        if isinstance(link, dict) and link.get("rel") == "next":
            return _query_value(link.get("href"), param)
    return None


def value_at(content: bytes, path: Sequence[str]) -> str | None:
    """A next marker the body states itself (``page_info.next_marker``), as text; None if absent or empty."""
    value = json_at(content, path)
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    text = str(value)
    return text or None


def last_item_value(content: bytes, items: Sequence[str], field: str) -> str | None:
    """The ``field`` of the page's last item (the marker of the next page where the body names none)."""
    found = json_at(content, items)
    if not isinstance(found, list) or not found or not isinstance(found[-1], dict):
        return None
    return value_at(json.dumps(found[-1]).encode(), (field,))
