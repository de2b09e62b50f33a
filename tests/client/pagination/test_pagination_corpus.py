"""Corpus check: the DNS list operations page (recordsets and PTR records by `links.next`; zones once each docs
page is its own client operation), and the unclear ones are reported with their reason."""

from __future__ import annotations

from typing import Any

import pytest

from generator.build.pipeline import build_spec
from generator.client.common import operations
from generator.client.pagination import PAGINATION
from generator.client.session_params import SESSION_PARAMS
from generator.client.view import client_view
from generator.core.config import default_service
from generator.devtools.corpus import CORPUS

pytestmark = pytest.mark.corpus

DNS = "domain-name-service@83bb279"
LINK = {"source": "link", "path": ["links", "next"], "param": "marker", "field": ""}


@pytest.fixture(scope="module")
def dns_view() -> tuple[dict[str, Any], list[str]]:
    spec = build_spec(CORPUS / DNS, default_service("domain-name-service")).spec
    view, notes = client_view(spec)
    return view, [n.message for n in notes if n.code == "client.pagination_unclear"]


def _paged(view: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for path, method, op in operations(view):
        if PAGINATION in op:
            out.setdefault((method.upper(), str(op.get("x-otc-spec-path", path))), []).append(op[PAGINATION])
    return out


@pytest.mark.parametrize(("path", "items"), [
    ("/v2/recordsets", "recordsets"),
    ("/v2/zones/{zone_id}/recordsets", "recordsets"),
    ("/v2/reverse/floatingips", "floatingips"),
])
def test_dns_lists_get_marker_iterators(dns_view: tuple[dict[str, Any], list[str]], path: str, items: str) -> None:
    [found] = _paged(dns_view[0])[("GET", path)]
    assert (found["style"], found["param"], found["limit"], found["items"], found["next"]) == (
        "marker", "marker", "limit", items, LINK)


def test_dns_zones_page_once_each_docs_page_is_an_operation(dns_view: tuple[dict[str, Any], list[str]]) -> None:
    view, unclear = dns_view
    merged = [op for path, method, op in operations(view) if method == "get" and path == "/v2/zones"
              and "anyOf" in op["responses"]["200"]["content"]["application/json"]["schema"]]
    zones = _paged(view).get(("GET", "/v2/zones"), [])
    if merged:
        # public and private zones still share one client function whose response is one of two models: the
        # items cannot be typed, so no iterator, and the report says why
        assert zones == [] and [m for m in unclear if "alternative shapes" in m] == [
            f"{merged[0]['operationId']}: the response has alternative shapes; no iterator"]
    else:
        assert len(zones) == 2 and all(z["items"] == "zones" and z["next"] == LINK for z in zones)


def test_dns_unclear_and_session_figures(dns_view: tuple[dict[str, Any], list[str]]) -> None:
    view, unclear = dns_view
    # every DNS list that shows a pattern either pages or is reported: nothing else is reported
    assert all("alternative shapes" in m for m in unclear), unclear
    # PTR paths carry `{region}:{floatingip_id}`: region from the session, the floating IP positional
    ptr = [op for path, _, op in operations(view) if path.startswith("/v2/reverse/floatingips/{region}")]
    assert ptr and all(op.get(SESSION_PARAMS) == {"region": "region"} for op in ptr)
