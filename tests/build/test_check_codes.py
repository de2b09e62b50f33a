"""`check` on small specs: each finding with its own code, beside the validator's verdict."""

from __future__ import annotations

from typing import Any

import pytest

from generator.build.check.document import check

_OK = {"responses": {"200": {"description": "OK"}}}


def _spec(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas or {}}}


def _op(op_id: str, **parts: Any) -> dict[str, Any]:
    return {"operationId": op_id, **_OK, **parts}


def _nested(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"a": schema}}
    return schema


_QUERY_WITH_CONTENT = {"name": "q", "in": "query", "content": {"application/json": {"schema": {"type": "object"}}}}
_DEEP_BODY = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deep"},
                                               "examples": {"e": {"value": {"a": 1}}}}}}


@pytest.mark.parametrize(("code", "spec"), [
    ("check.path_template", _spec({"/v1/{a": {"get": _op("GetA")}})),
    ("check.path_params", _spec({"/v1/{id}": {"get": _op("GetA")}})),
    ("check.operation_id_clash", _spec({"/v1/a": {"get": _op("GetThing")}, "/v1/b": {"get": _op("get_thing")}})),
    ("check.param_content", _spec({"/v1/a": {"get": _op("GetA", parameters=[_QUERY_WITH_CONTENT])}})),
    # a schema nested deeper than jsonschema-rs compiles: its example is reported, not checked
    ("check.example_unchecked", _spec({"/v1/a": {"post": _op("PostA", requestBody=_DEEP_BODY)}},
                                      {"Deep": _nested(150)})),
])
def test_each_check_finding_has_its_code(code: str, spec: dict[str, Any]) -> None:
    [finding] = [d for d in check(spec).diagnostics if d.code == code]
    assert finding.message
