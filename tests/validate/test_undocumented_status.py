"""A response status the operation does not document is a verdict of its own, never a pass against the error
schema that `default` holds (issue: a 201 for a documented 200 was checked against `OTCError`, which requires
nothing, so `{"anything": [1, 2, 3]}` passed)."""

from __future__ import annotations

from typing import Any

from generator.validate.inputs import Origin
from generator.validate.pytest_plugin import checker_for
from generator.validate.report import EXIT_INVALID, exit_code, render_json, render_text
from generator.validate.verdict import INVALID, UNDOCUMENTED, VALID, response_schemas

ERROR = {"type": "object", "properties": {"error_code": {"type": "string"}, "error_msg": {"type": "string"}}}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
    "paths": {"/v2.0/things": {"post": {
        "operationId": "CreateThing",
        "responses": {
            "200": {"description": "ok", "content": {"application/json": {"schema": {
                "type": "object", "required": ["thing"], "properties": {"thing": {"type": "object"}}}}}},
            "default": {"description": "error", "content": {"application/json": {"schema": ERROR}}},
        }}}},
}


def check(status: int, body: Any) -> Any:
    return checker_for(SPEC).check_body("CreateThing", "response", status, body, Origin("recorded"))


def test_an_undocumented_success_status_is_not_checked_against_the_error_schema() -> None:
    result = check(201, {"anything": [1, 2, 3]})
    assert (result.verdict, result.reason) == (UNDOCUMENTED,
                                               "status 201 is not documented (documented: 200, DEFAULT)")
    assert exit_code([result]) == EXIT_INVALID
    text = render_text([result])
    assert "CreateThing response 201: UNDOCUMENTED STATUS: status 201 is not documented (documented: 200, DEFAULT)" \
        in text
    assert text.endswith("summary: 0 checked, 0 valid, 0 invalid, 1 undocumented status, 0 skipped, 0 unusable\n")
    assert '"undocumented": 1' in render_json([result])


def test_error_statuses_still_fall_back_to_default_and_documented_ones_are_judged() -> None:
    assert check(404, {"error_code": "VPC.0101", "error_msg": "not found"}).verdict == VALID
    assert check(500, {"error_code": 5}).verdict == INVALID  # default: the error schema applies to any error
    assert check(200, {"thing": {}}).verdict == VALID
    assert check(200, {"anything": 1}).verdict == INVALID
    op = checker_for(SPEC).spec.find_operation("CreateThing")
    assert op is not None
    assert response_schemas(op, "204") is None and response_schemas(op, "409") is not None
