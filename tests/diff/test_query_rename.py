"""Rename detection for query parameters: same evidence as renamed body fields, unique both ways."""

from __future__ import annotations

from typing import Any

from generator.diff import Level, diff_specs
from tests.diff.specs import base_spec, op


def _query(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in op(spec)["parameters"] if p["in"] == "query"]


def _add(spec: dict[str, Any], name: str, description: str, type_: str = "integer") -> None:
    op(spec)["parameters"].append(
        {"name": name, "in": "query", "required": False, "schema": {"type": type_}, "description": description}
    )


def test_spelling_change_is_a_rename() -> None:
    old, new = base_spec(), base_spec()
    _add(old, "pageSize", "Records per page.")
    _add(new, "page_size", "Number of records per page.")
    result = diff_specs(old, new)
    [change] = result.find("request-query-parameter-renamed")
    assert (change.param("old"), change.param("new")) == ("pageSize", "page_size")
    assert change.level is Level.ERROR
    assert not result.find("request-parameter-removed") and not result.find("request-parameter-added")


def test_same_description_is_a_rename() -> None:
    old, new = base_spec(), base_spec()
    _add(old, "marker", "ID of the last record on the previous page.", "string")
    _add(new, "start_id", "ID of the last record on the previous page.", "string")
    [change] = diff_specs(old, new).find("request-query-parameter-renamed")
    assert (change.param("old"), change.param("new")) == ("marker", "start_id")


def test_renamed_parameter_is_still_compared() -> None:
    old, new = base_spec(), base_spec()
    _query(new)[0]["name"] = "max_limit"  # `limit` is inside the new name
    _query(new)[0]["required"] = True
    result = diff_specs(old, new)
    assert result.find("request-query-parameter-renamed", old="limit", new="max_limit")
    assert result.find("request-parameter-became-required", field="max_limit")


def test_other_shape_is_no_rename() -> None:
    old, new = base_spec(), base_spec()
    _add(old, "pageSize", "Records per page.")
    _add(new, "page_size", "Records per page.", "string")
    result = diff_specs(old, new)
    assert not result.find("request-query-parameter-renamed")
    assert result.find("request-parameter-removed", field="pageSize")
    assert result.find("request-parameter-added", field="page_size")


def test_ambiguous_candidates_stay_removed_and_added() -> None:
    old, new = base_spec(), base_spec()
    _add(old, "size", "Size.")
    _add(new, "min_size", "Smallest size.")
    _add(new, "max_size", "Largest size.")
    result = diff_specs(old, new)
    assert not result.find("request-query-parameter-renamed")
    assert result.find("request-parameter-removed", field="size")


def test_header_parameters_are_not_paired_as_query_renames() -> None:
    old, new = base_spec(), base_spec()
    op(old)["parameters"].append({"name": "X-Token", "in": "header", "schema": {"type": "string"}})
    op(new)["parameters"].append({"name": "X-Auth-Token", "in": "header", "schema": {"type": "string"}})
    result = diff_specs(old, new)
    assert not result.find("request-query-parameter-renamed")
    assert result.find("request-parameter-removed", field="x-token")
