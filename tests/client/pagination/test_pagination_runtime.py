"""The runtime part of the generated iterators (client/runtime/pagination.py): next markers and stop conditions."""

from __future__ import annotations

import json

import pytest

from generator.client.runtime import pagination as rt


def _body(value: object) -> bytes:
    return json.dumps(value).encode()


@pytest.mark.parametrize(("value", "expected"), [(3, 3), ("7", 7), (" 2 ", 2), ("x", 0), (None, 0), (True, 0)])
def test_as_int(value: object, expected: int) -> None:
    assert rt.as_int(value, 0) == expected


def test_pages_stop_conditions() -> None:
    pages = rt.Pages(limit=3)
    assert not pages.is_last(3) and pages.is_last(2) and pages.is_last(0)
    assert not rt.Pages().is_last(1) and rt.Pages().is_last(0)  # no limit sent: only an empty page ends it
    assert not pages.is_repeat(b"page 1") and pages.is_repeat(b"page 1")
    assert pages.advance("m1") and not pages.advance("m1") and not pages.advance(None) and not pages.advance("")
    assert pages.is_repeat(b"page 2", "m1")  # a next marker already followed: the server ignored it


def test_next_markers() -> None:
    body = _body({"links": {"next": "https://dns.eu-de.otc.t-systems.com/v2/zones?limit=2&marker=abc%3D"},
                  "servers_links": [{"rel": "self", "href": "x"}, {"rel": "next", "href": "/v2/s?marker=s9"}],
                  "page_info": {"next_marker": 42}, "zones": [{"id": "z1"}, {"id": "z2"}]})
    assert rt.link_param(body, ["links", "next"], "marker") == "abc="
    assert rt.link_param(body, ["links", "next"], "offset") is None
    assert rt.links_list_param(body, ["servers_links"], "marker") == "s9"
    assert rt.value_at(body, ["page_info", "next_marker"]) == "42"
    assert rt.last_item_value(body, ["zones"], "id") == "z2"
    assert rt.link_param(_body({"links": {"next": None}}), ["links", "next"], "marker") is None
    assert rt.last_item_value(_body({"zones": []}), ["zones"], "id") is None
    assert rt.last_item_value(_body([{"id": 5}]), [], "id") == "5"
    assert rt.value_at(b"not json", ["x"]) is None
