from __future__ import annotations

import pytest

from generator.validate import Spec, SpecError


def test_operation_lookup_by_id_and_method_path(spec: Spec) -> None:
    assert spec.find_operation("UpdateNotebook") is spec.find_operation("PUT /v1/{project_id}/notebooks/{id}")
    assert spec.find_operation("put /v1/{project_id}/notebooks/{id}") is not None
    assert spec.find_operation("NoSuchOp") is None


def test_literal_segment_beats_placeholder(spec: Spec) -> None:
    matched = spec.match_path("GET", "/v1/p1/notebooks/flavors")
    assert matched is not None and matched[0].operation_id == "ListFlavors"
    assert matched[1] == {"project_id": "p1"}
    matched = spec.match_path("GET", "/v1/p1/notebooks/nb-1")
    assert matched is not None and matched[0].operation_id == "ShowNotebook"
    assert matched[1] == {"project_id": "p1", "id": "nb-1"}


def test_match_decodes_values_and_rejects_other_shapes(spec: Spec) -> None:
    matched = spec.match_path("PUT", "/v1/p1/notebooks/a%20b")
    assert matched is not None and matched[1]["id"] == "a b"
    assert spec.match_path("DELETE", "/v1/p1/notebooks/nb") is None
    assert spec.match_path("GET", "/v1/p1/notebooks/nb/extra") is None


def test_server_base_path_is_stripped() -> None:
    doc = {
        "openapi": "3.1.0",
        "servers": [
            {
                "url": "https://h.{region}.example/{ver}/api",
                "variables": {"region": {"default": "eu-de"}, "ver": {"default": "v2"}},
            }
        ],
        "paths": {
            "/items/{id}": {"get": {"operationId": "GetItem", "responses": {}}},
            "/items/{id}:{action}": {"post": {"operationId": "Act", "responses": {}}},
        },
    }
    s = Spec.from_dict(doc)
    matched = s.match_path("GET", "/v2/api/items/7")
    assert matched is not None and matched[0].operation_id == "GetItem"
    mixed = s.match_path("POST", "/v2/api/items/7:reboot")
    assert mixed is not None and mixed[1] == {"id": "7", "action": "reboot"}


def test_duplicate_operation_id_and_non_openapi_are_rejected() -> None:
    with pytest.raises(SpecError, match="duplicate operationId 'X'"):
        Spec.from_dict({"paths": {"/a": {"get": {"operationId": "X"}}, "/b": {"get": {"operationId": "X"}}}})
    with pytest.raises(SpecError, match="no `paths`"):
        Spec.from_dict({"openapi": "3.1.0"})
