"""Pagination and session parameters detected from spec fragments (generator/client/pagination.py and
session_params.py), and the data handed to the endpoint templates."""

from __future__ import annotations

from typing import Any

import pytest

from generator.client.pagination import PAGINATION, detect_pagination
from generator.client.session_params import SESSION_PARAMS, mark_session_params, session_attribute
from generator.client.template_data import operation_data, render
from generator.core.model import Diagnostic


def _query(name: str, type_: str = "string", description: str = "", **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": {"type": type_, **schema}}


def _spec(params: list[dict[str, Any]], body: dict[str, Any], path: str = "/v2/zones",
          schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"openapi": "3.1.0", "paths": {path: {"get": {
        "operationId": "ListZones", "parameters": params,
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": body}}}}}}},
        "components": {"schemas": schemas or {}}}


ZONE = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}
LINKS = {"type": "object", "properties": {"self": {"type": "string"}, "next": {"type": "string"}}}


def _detect(spec: dict[str, Any]) -> tuple[dict[str, Any] | None, list[str]]:
    notes: list[Diagnostic] = []
    detect_pagination(spec, notes)
    op = spec["paths"][next(iter(spec["paths"]))]["get"]
    assert all(n.code == "client.pagination_unclear" for n in notes)
    return op.get(PAGINATION), [n.message for n in notes]


def test_marker_follows_the_next_link() -> None:
    body = {"type": "object", "properties": {"zones": {"type": "array", "items": {"$ref": "#/components/schemas/Z"}},
                                             "links": {"$ref": "#/components/schemas/L"}}}
    spec = _spec([_query("marker"), _query("limit", "integer")], body, schemas={"Z": ZONE, "L": LINKS})
    found, notes = _detect(spec)
    assert notes == []
    assert found == {"style": "marker", "param": "marker", "param_type": "string", "status": "200", "items": "zones",
                     "limit": "limit", "first": 0,
                     "next": {"source": "link", "path": ["links", "next"], "param": "marker", "field": ""}}


@pytest.mark.parametrize(("props", "expected"), [
    # OpenStack links list (ECS `servers_links`)
    ({"servers_links": {"type": "array", "items": {"type": "object"}}},
     {"source": "links_list", "path": ["servers_links"], "param": "marker", "field": ""}),
    # a stated next marker (ECS server groups: `page_info.next_marker`)
    ({"page_info": {"type": "object", "properties": {"next_marker": {"type": "string"}}}},
     {"source": "value", "path": ["page_info", "next_marker"], "param": "", "field": ""}),
    # nothing stated: the last item's id
    ({}, {"source": "last_item", "path": ["zones"], "param": "", "field": "id"}),
])
def test_marker_sources(props: dict[str, Any], expected: dict[str, Any]) -> None:
    spec = _spec([_query("marker")], {"type": "object", "properties": {
        "zones": {"type": "array", "items": ZONE}, **props}})
    found, _ = _detect(spec)
    assert found is not None and found["next"] == expected and found["limit"] == ""


def test_marker_without_any_next_source_is_unclear() -> None:
    spec = _spec([_query("marker")], {"type": "object", "properties": {
        "zones": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}}}})
    found, notes = _detect(spec)
    assert found is None
    assert notes == ["ListZones: no next marker in the response and the items have no id; no iterator"]


@pytest.mark.parametrize("name", ["offset", "start_number", "Offset"])
def test_offset_counts_items(name: str) -> None:
    body = {"type": "object", "properties": {"zones": {"type": "array", "items": ZONE}, "count": {"type": "integer"}}}
    spec = _spec([_query(name, "integer", "Start offset of pagination query."), _query("limit", "integer")], body)
    found, _ = _detect(spec)
    assert found is not None and (found["style"], found["param"], found["items"]) == ("offset", name, "zones")


@pytest.mark.parametrize(("param", "first"), [
    (_query("page_no", "integer", "Page number. The value starts from 1."), 1),
    (_query("pageNo", "string", "Which page. The default value is **1**."), 1),
    (_query("current_page", "integer", "Current page.", minimum=0), 0),
    # an offset the docs call a page number (ECS `offset`): pages, first page from the default
    (_query("offset", "integer", "Specifies the page number. The default value is **1**.", minimum=0), 1),
    (_query("page", "string", "Ranges from 1 (inclusive) to 65,535 (exclusive)."), 1),
    # ModelArts: offsets that count pages, in three wordings
    (_query("offset", "integer", "Index of the query page, which defaults to **0**"), 0),
    (_query("offset", "integer", "Start page of the paging list. The default value is **0**."), 0),
    (_query("page", "integer", "Index of the page to be queried. Default value: **1**"), 1),
])
def test_page_numbers(param: dict[str, Any], first: int) -> None:
    spec = _spec([param, _query("page_size", "integer")], {"type": "array", "items": ZONE})
    found, _ = _detect(spec)
    assert found is not None
    assert (found["style"], found["first"], found["items"], found["limit"]) == ("page", first, "", "page_size")


@pytest.mark.parametrize(("params", "body", "why"), [
    ([_query("page", "integer", "Which page.")], {"type": "array", "items": ZONE},
     "page counts pages but the number of the first page is not stated"),
    # "The default value of page is 0, indicating that paging is not supported": no first page stated
    ([_query("page", "integer", "If paging is required, set **page** to **1**. The default value of **page** is "
                                "**0**, indicating that paging is not supported.")],
     {"type": "array", "items": ZONE}, "page counts pages but the number of the first page is not stated"),
    ([_query("start", "integer", "ID of the task where the query starts.")], {"type": "array", "items": ZONE},
     "start is an item ID, not a count: whether the page includes it is not stated"),
    ([_query("offset", "integer", enum=[0, 1])], {"type": "array", "items": ZONE},
     "parameter offset is neither a string nor an integer"),
    ([_query("marker")], {"type": "object", "properties": {"a": {"type": "array"}, "b": {"type": "array"}}},
     "the response has several list fields (a, b)"),
    ([_query("marker")], {"type": "object", "properties": {"n": {"type": "integer"}}},
     "the response has no list field"),
    ([], {"type": "object", "properties": {"flavors": {"type": "array", "items": ZONE},
                                          "flavors_links": {"type": "array", "items": {"type": "object"}}}},
     "the response has a next link but no marker, offset or page parameter"),
])
def test_unclear_patterns_are_reported_not_guessed(params: list[dict[str, Any]], body: dict[str, Any],
                                                   why: str) -> None:
    found, notes = _detect(_spec(params, body))
    assert found is None and notes == [f"ListZones: {why}; no iterator"]


def test_several_lists_the_one_named_after_the_path_wins() -> None:
    body = {"type": "object", "properties": {"zones": {"type": "array", "items": ZONE},
                                             "routers": {"type": "array", "items": ZONE}}}
    found, _ = _detect(_spec([_query("offset", "integer")], body, path="/v2/{project_id}/zones"))
    assert found is not None and found["items"] == "zones"


def test_no_pagination_shows_nothing() -> None:
    # a limit alone caps the list (nothing to advance); a `links` without `next` is a self link
    self_link = {"type": "object", "properties": {"self": {"type": "string"}}}
    found, notes = _detect(_spec([_query("name"), _query("limit", "integer")],
                                 {"type": "object", "properties": {"zones": {"type": "array", "items": ZONE},
                                                                   "links": self_link}}))
    assert found is None and notes == []


def test_only_get_operations_page() -> None:
    spec = _spec([_query("marker")], {"type": "array", "items": ZONE})
    spec["paths"]["/v2/zones"]["post"] = spec["paths"]["/v2/zones"].pop("get")
    notes: list[Diagnostic] = []
    detect_pagination(spec, notes)
    assert PAGINATION not in spec["paths"]["/v2/zones"]["post"] and notes == []


# ---------------------------------------------------------------- session parameters

@pytest.mark.parametrize(("name", "attribute"), [
    ("project_id", "project_id"), ("projectId", "project_id"), ("project-id", "project_id"),
    ("tenant_id", "project_id"), ("region", "region"), ("region_id", None), ("domain_id", None),
])
def test_session_spellings(name: str, attribute: str | None) -> None:
    assert session_attribute(name) == attribute


def _path_param(name: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string", **schema}}


@pytest.mark.parametrize(("path", "params", "expected"), [
    ("/v1/{project_id}/servers/{server_id}", [_path_param("project_id"), _path_param("server_id")],
     {"project_id": "project_id"}),
    ("/v2/reverse/floatingips/{region}:{floatingip_id}", [_path_param("region"), _path_param("floatingip_id")],
     {"region": "region"}),
    ("/v3/{projectId}/x", [_path_param("projectId")], {"projectId": "project_id"}),
    # the project the call is about (show/update/delete a project) is never taken from the session
    ("/v3/projects/{project_id}", [_path_param("project_id")], None),
    # not a plain string: something else of that name
    ("/v1/{region}/x", [_path_param("region", enum=["eu-de"])], None),
])
def test_session_params_marked(path: str, params: list[dict[str, Any]], expected: dict[str, str] | None) -> None:
    view = {"paths": {path: {"get": {"operationId": "Op", "parameters": params, "responses": {}}}}}
    mark_session_params(view)
    assert view["paths"][path]["get"].get(SESSION_PARAMS) == expected


def test_template_data_is_keyed_by_function_name_and_is_jinja_literal() -> None:
    import jinja2

    spec = _spec([_query("marker")], {"type": "array", "items": ZONE}, path="/v1/{project_id}/zones")
    spec["paths"]["/v1/{project_id}/zones"]["get"]["parameters"].append(_path_param("project_id"))
    mark_session_params(spec)
    detect_pagination(spec, [])
    data = operation_data(spec)
    assert list(data) == ["list_zones"] and data["list_zones"]["session"] == {"project_id": "project_id"}
    module = jinja2.Environment().from_string(render(spec)).module
    assert module.operations == data  # type: ignore[attr-defined]
