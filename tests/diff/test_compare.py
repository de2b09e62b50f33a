"""Rule-level tests on hand-made specs: each asserts which rule fired, on which field, with which class."""

from __future__ import annotations

from typing import Any

import pytest

from generator.diff import Classification, Level, diff_specs
from generator.diff.rules import RULES
from tests.diff.specs import UPDATE, base_spec, clone, op, schemas, src


def _diff(new: dict[str, Any], old: dict[str, Any] | None = None) -> Any:
    return diff_specs(old or base_spec(), new)


def _only(result: Any, rule_id: str, migration: bool = False, **params: str) -> Any:
    found = result.find(rule_id, migration=migration, **params)
    assert len(found) == 1, [(c.rule_id, c.params) for c in result.changes]
    return found[0]


def test_identical_specs_have_no_changes() -> None:
    result = _diff(base_spec())
    assert result.is_empty
    assert result.highest() is None


def test_provenance_alone_is_not_a_change() -> None:
    new = base_spec()
    op(new)["x-source"] = src("moved/update.rst", 99)
    schemas(new)["EndpointsReq"]["properties"]["dev_service"]["x-source"] = src("moved/update.rst", 7)
    assert _diff(new).is_empty


def test_component_renamed_with_same_shape_is_only_a_model_rename() -> None:
    # Fields are compared by structure, not by component name; the name itself is the generated
    # model's class name, which user code imports, so the rename is reported once, by name.
    new = base_spec()
    s = schemas(new)
    s["EndpointsRequest"] = s.pop("EndpointsReq")
    s["UpdateNotebookRequest"]["properties"]["endpoints"]["items"]["$ref"] = "#/components/schemas/EndpointsRequest"
    [change] = _diff(new).changes
    assert change.rule_id == "request-model-renamed"
    assert (change.param("old"), change.param("new")) == ("EndpointsReq", "EndpointsRequest")
    assert change.message == (
        "Request model `EndpointsReq` is now `EndpointsRequest`."
    )


def test_renames_in_request_items_are_reported_as_breaking_renames() -> None:
    new = base_spec()
    props = schemas(new)["EndpointsReq"]["properties"]
    # Rebuild in table order: the renamed rows keep their positions.
    props_list = list(props.items())
    rebuilt = {}
    for name, value in props_list:
        rebuilt[{"dev_service": "service", "ssh_keys": "key_pair_names"}.get(name, name)] = value
    schemas(new)["EndpointsReq"]["properties"] = rebuilt
    result = _diff(new)

    dev = _only(result, "request-property-renamed", field="EndpointsReq.dev_service")
    assert dev.param("new") == "service"
    assert dev.classification is Classification.BREAKING
    assert dev.operation.operation_id == "UpdateNotebook"
    assert dev.old.pointer == "/components/schemas/EndpointsReq/properties/dev_service"
    assert dev.new.pointer == "/components/schemas/EndpointsReq/properties/service"
    assert dev.old.source == "nb/update.rst:65"
    assert "`EndpointsReq.dev_service` was renamed to `service`" in dev.message
    keys = _only(result, "request-property-renamed", field="EndpointsReq.ssh_keys")
    assert keys.param("new") == "key_pair_names"
    assert not result.find("request-property-removed")
    assert not result.find("request-property-added")


def test_removed_and_added_field_of_different_shape_is_not_a_rename() -> None:
    new = base_spec()
    props = schemas(new)["EndpointsReq"]["properties"]
    del props["dev_service"]
    props["port"] = {"type": "integer", "x-source": src("nb/update.rst", 66)}
    result = _diff(new)
    assert not result.find("request-property-renamed")
    assert _only(result, "request-property-removed", field="EndpointsReq.dev_service").classification == "breaking"
    assert _only(result, "request-property-added", field="EndpointsReq.port").classification == "non-breaking"


def test_same_shape_without_further_evidence_is_not_a_rename() -> None:
    new = base_spec()
    props = schemas(new)["UpdateNotebookRequest"]["properties"]
    del props["name"]
    props["zone"] = {"type": "string", "maxLength": 64, "description": "Availability zone."}
    result = _diff(new)
    assert not result.find("request-property-renamed")
    assert result.find("request-property-removed", field="UpdateNotebookRequest.name")


def test_response_property_removed_and_required_request_property_added() -> None:
    new = base_spec()
    del schemas(new)["UpdateNotebookResponse"]["properties"]["status"]
    req = schemas(new)["UpdateNotebookRequest"]
    req["properties"]["pool_id"] = {"type": "string"}
    req["required"] = ["pool_id"]
    result = _diff(new)
    removed = _only(result, "response-property-removed", field="UpdateNotebookResponse.status")
    assert removed.classification is Classification.BREAKING
    added = _only(result, "request-property-added-required", field="UpdateNotebookRequest.pool_id")
    assert added.classification is Classification.BREAKING


def test_optional_to_required_request_property() -> None:
    new = base_spec()
    schemas(new)["UpdateNotebookRequest"]["required"] = ["name"]
    result = _diff(new)
    change = _only(result, "request-property-became-required", field="UpdateNotebookRequest.name")
    assert change.classification is Classification.BREAKING


def test_response_property_becoming_optional_is_breaking() -> None:
    new = base_spec()
    del schemas(new)["UpdateNotebookResponse"]["required"]
    change = _only(_diff(new), "response-property-became-optional", field="UpdateNotebookResponse.id")
    assert change.classification is Classification.BREAKING


@pytest.mark.parametrize(
    ("where", "rule_id", "classification"),
    [
        ("request", "request-format-widened", Classification.NON_BREAKING),
        # Python ints do not overflow, so a wider response integer breaks no generated client.
        ("response", "response-format-widened", Classification.NON_BREAKING),
    ],
)
def test_int32_to_int64_depends_on_direction(where: str, rule_id: str, classification: Classification) -> None:
    new = base_spec()
    if where == "request":
        op(new)["parameters"][2]["schema"]["format"] = "int64"
        field = "limit"
    else:
        schemas(new)["UpdateNotebookResponse"]["properties"]["count"]["format"] = "int64"
        field = "UpdateNotebookResponse.count"
    change = _only(_diff(new), rule_id, field=field)
    assert change.classification is classification
    assert (change.param("old"), change.param("new")) == ("int32", "int64")


def test_int64_to_int32_in_request_is_narrowing() -> None:
    old = base_spec()
    op(old)["parameters"][2]["schema"]["format"] = "int64"
    change = _only(diff_specs(old, base_spec()), "request-format-narrowed", field="limit")
    assert change.classification is Classification.BREAKING


def test_type_change_in_nested_response_object_followed_through_refs() -> None:
    new = base_spec()
    schemas(new)["Lease"]["properties"]["duration"] = {"type": "string"}
    change = _only(_diff(new), "response-type-changed", field="Lease.duration")
    assert change.param("old") == "`integer (int64)`"
    assert change.param("new") == "`string`"
    assert change.old.pointer == "/components/schemas/Lease/properties/duration"


def test_enum_value_removed_from_request_and_added_to_response() -> None:
    new = base_spec()
    schemas(new)["UpdateNotebookRequest"]["properties"]["flavor"]["enum"] = ["small"]
    schemas(new)["UpdateNotebookResponse"]["properties"]["status"]["enum"] = ["RUNNING", "STOPPED", "FROZEN"]
    result = _diff(new)
    removed = _only(result, "request-enum-value-removed", field="UpdateNotebookRequest.flavor")
    assert removed.param("old") == "`large`" and removed.classification is Classification.BREAKING
    added = _only(result, "response-enum-value-added", field="UpdateNotebookResponse.status")
    # Open enums keep an unknown value, so a new response value is no error for our clients.
    assert added.param("new") == "`FROZEN`" and added.level is Level.INFO
    assert removed.level is Level.WARNING  # only calls sending `large` fail


def test_limits_narrowed_in_request_and_widened_in_response() -> None:
    new = base_spec()
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["maxLength"] = 32
    schemas(new)["UpdateNotebookResponse"]["properties"]["count"]["maximum"] = 5000
    op(new)["parameters"][2]["schema"]["maximum"] = 500  # request limit relaxed: fine for clients
    result = _diff(new)
    narrowed = _only(result, "request-limit-narrowed", field="UpdateNotebookRequest.name")
    assert (narrowed.param("limit"), narrowed.param("old"), narrowed.param("new")) == (
        "maxLength",
        "64",
        "32",
    )
    assert narrowed.classification is Classification.BREAKING and narrowed.level is Level.WARNING
    widened = _only(result, "response-limit-widened", field="UpdateNotebookResponse.count")
    assert widened.level is Level.INFO
    assert _only(result, "request-limit-widened", field="limit").classification is Classification.NON_BREAKING


def test_minimum_raised_in_request_is_narrowing() -> None:
    new = base_spec()
    op(new)["parameters"][2]["schema"]["minimum"] = 1
    change = _only(_diff(new), "request-limit-narrowed", field="limit", limit="minimum")
    assert change.classification is Classification.BREAKING


def test_parameter_rules() -> None:
    new = base_spec()
    params = op(new)["parameters"]
    params[2]["required"] = True  # limit: optional -> required
    params.append({"name": "offset", "in": "query", "required": False, "schema": {"type": "integer"}})
    params.append({"name": "X-Auth-Token", "in": "header", "required": True, "schema": {"type": "string"}})
    result = _diff(new)
    assert _only(result, "request-parameter-became-required", field="limit").classification == "breaking"
    assert _only(result, "request-parameter-added", field="offset").classification == "non-breaking"
    assert _only(result, "request-parameter-added-required", field="x-auth-token").classification == "breaking"


def test_parameter_moved_between_locations() -> None:
    new = base_spec()
    op(new)["parameters"][2]["in"] = "header"
    change = _only(_diff(new), "request-parameter-location-changed", field="limit")
    assert (change.param("old"), change.param("new")) == ("query", "header")
    assert change.classification is Classification.BREAKING
    assert change.old.source == "nb/update.rst:34"


def test_path_parameter_names_are_normalised() -> None:
    new = base_spec()
    paths = new["paths"]
    item = paths.pop("/v1/{project_id}/notebooks/{id}")
    paths["/v1/{pid}/notebooks/{id}"] = item
    item["put"]["parameters"][0]["name"] = "pid"
    result = _diff(new)
    assert not result.find("operation-removed") and not result.find("operation-added")
    renamed = _only(result, "request-path-parameter-renamed")
    assert (renamed.param("old"), renamed.param("new")) == ("project_id", "pid")
    assert renamed.level is Level.WARNING  # same URL; only keyword callers break


def test_new_path_segment_pairs_by_operation_id_as_path_changed() -> None:
    new = base_spec()
    item = new["paths"].pop("/v1/{project_id}/notebooks/{id}")
    new["paths"]["/v1/{engine}/{project_id}/notebooks/{id}"] = item
    item["put"]["parameters"].insert(
        0, {"name": "engine", "in": "path", "required": True, "schema": {"type": "string"}}
    )
    result = _diff(new)
    moved = _only(result, "operation-path-changed")
    assert moved.param("old") == "/v1/{project_id}/notebooks/{id}"
    assert moved.param("new") == "/v1/{engine}/{project_id}/notebooks/{id}"
    assert moved.classification is Classification.BREAKING
    assert moved.operation.operation_id == "UpdateNotebook"
    assert _only(result, "request-parameter-added-required", field="engine")
    assert not result.find("operation-removed") and not result.find("operation-added")


def test_moved_operation_with_new_operation_id_pairs_by_docs_page() -> None:
    new = base_spec()
    item = new["paths"].pop("/v1/{project_id}/notebooks/{id}")
    new["paths"]["/v1/{engine}/{project_id}/notebooks/{id}"] = item
    item["put"]["operationId"] = "UpdateNotebookByEngine"
    result = _diff(new)
    assert _only(result, "operation-path-changed")
    renamed = _only(result, "operation-id-changed")
    assert (renamed.param("old"), renamed.param("new")) == ("UpdateNotebook", "UpdateNotebookByEngine")


def test_operation_removed_and_added() -> None:
    new = base_spec()
    del new["paths"]["/v1/{project_id}/notebooks"]
    new["paths"]["/v1/{project_id}/images"] = {
        "get": {"operationId": "ListImages", "responses": {"200": {"description": "OK"}}}
    }
    result = _diff(new)
    removed = _only(result, "operation-removed")
    assert (removed.operation.method, removed.operation.path) == ("GET", "/v1/{project_id}/notebooks")
    assert removed.old.source == "nb/list.rst:5" and removed.new is None
    assert removed.classification is Classification.BREAKING
    added = _only(result, "operation-added")
    assert added.operation.operation_id == "ListImages" and added.classification is Classification.NON_BREAKING


def test_media_type_and_status_removed() -> None:
    new = base_spec()
    responses = op(new)["responses"]
    responses["200"]["content"] = {"application/xml": responses["200"]["content"]["application/json"]}
    del responses["400"]
    result = _diff(new)
    media = _only(result, "response-media-type-removed", old="application/json")
    assert media.classification is Classification.BREAKING
    assert media.old.pointer.endswith("/responses/200/content/application~1json")
    status = _only(result, "response-non-success-status-removed", status="400")
    assert status.classification is Classification.NON_BREAKING

    new2 = base_spec()
    op(new2)["responses"]["201"] = op(new2)["responses"].pop("200")
    result2 = _diff(new2)
    assert _only(result2, "response-success-status-removed", status="200").classification == "breaking"
    assert _only(result2, "response-success-status-added", status="201").level == "warning"


def test_charset_parameter_does_not_make_a_new_media_type() -> None:
    new = base_spec()
    content = op(new)["requestBody"]["content"]
    content["application/json;charset=utf8"] = content.pop("application/json")
    assert _diff(new).is_empty


def test_deprecations() -> None:
    new = base_spec()
    op(new)["deprecated"] = True
    schemas(new)["EndpointsReq"]["properties"]["ssh_keys"]["deprecated"] = True
    result = _diff(new)
    assert _only(result, "operation-deprecated").classification is Classification.NON_BREAKING
    assert _only(result, "request-property-deprecated", field="EndpointsReq.ssh_keys")


def test_description_and_summary_changes_are_documentation() -> None:
    new = base_spec()
    op(new)["summary"] = "Update a Notebook"
    schemas(new)["EndpointsReq"]["properties"]["dev_service"]["description"] = "Supported service. Enums:"
    op(new)["parameters"][1]["description"] = "ID of the notebook."
    result = _diff(new)
    assert {c.rule_id for c in result.changes} == {
        "operation-summary-changed",
        "property-description-changed",
        "request-parameter-description-changed",
    }
    assert result.highest() is Classification.DOCUMENTATION
    assert _only(result, "property-description-changed", field="EndpointsReq.dev_service")


def test_recursive_schemas_terminate() -> None:
    old = base_spec()
    schemas(old)["Lease"]["properties"]["parent"] = {"$ref": "#/components/schemas/Lease"}
    new = clone(old)
    schemas(new)["Lease"]["properties"]["duration"]["format"] = "int32"
    result = diff_specs(old, new)
    assert _only(result, "response-format-narrowed", field="Lease.duration")


def test_every_rule_template_renders_with_its_parameters() -> None:
    for rule in RULES.values():
        assert rule.id == rule.id.lower() and " " not in rule.id
        assert rule.template.strip().endswith((".", ")")), rule.id


def test_changes_are_sorted_and_grouped_by_operation() -> None:
    new = base_spec()
    del schemas(new)["UpdateNotebookResponse"]["properties"]["status"]
    op(new, "/v1/{project_id}/notebooks", "get")["summary"] = "List"
    result = _diff(new)
    groups = result.by_operation()
    assert [(g.method, g.path) for g, _ in groups] == [
        ("GET", "/v1/{project_id}/notebooks"),
        ("PUT", "/v1/{project_id}/notebooks/{id}"),
    ]
    assert diff_specs(base_spec(), new).changes == result.changes  # deterministic
    assert UPDATE[0] == groups[1][0].path


def test_kept_operation_whose_page_now_documents_a_successor_gets_migration_notes() -> None:
    new = base_spec()
    kept = op(new)
    kept["x-source"] = src("out-of-date/update.rst", 20)
    kept["deprecated"] = True
    successor = clone(base_spec())["paths"]["/v1/{project_id}/notebooks/{id}"]["put"]
    successor["operationId"] = "UpdateNotebookByEngine"
    successor["parameters"].insert(0, {"name": "engine", "in": "path", "required": True, "schema": {"type": "string"}})
    new["paths"]["/v1/{engine}/{project_id}/notebooks/{id}"] = {"put": successor}
    schemas(new)["UpdateNotebookRequest"]["required"] = ["name"]
    result = _diff(new)

    # The old call still works: deprecated, and its requirement change counts as an API change.
    assert _only(result, "operation-deprecated").operation.operation_id == "UpdateNotebook"
    assert _only(result, "operation-added").operation.operation_id == "UpdateNotebookByEngine"
    head = _only(result, "operation-superseded", migration=True)
    assert head.param("old") == "PUT /v1/{project_id}/notebooks/{id}"
    assert head.param("moved_to") == "out-of-date/update.rst"
    note = result.find("request-parameter-added-required", migration=True, field="engine")
    assert note and note[0].operation.operation_id == "UpdateNotebookByEngine"
    assert all(c.operation.operation_id == "UpdateNotebookByEngine" for c in result.migration)
    assert all(c.rule_id != "operation-superseded" for c in result.changes)


def test_min_length_zero_equals_no_min_length() -> None:
    new = base_spec()
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["minLength"] = 0
    assert _diff(new).is_empty


def test_request_default_changed_and_removed() -> None:
    old = base_spec()
    props = schemas(old)["UpdateNotebookRequest"]["properties"]
    props["flavor"]["default"] = "small"
    props["name"]["default"] = "nb"
    new = clone(old)
    schemas(new)["UpdateNotebookRequest"]["properties"]["flavor"]["default"] = "large"
    del schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["default"]
    result = diff_specs(old, new)
    changed = _only(result, "request-default-changed", field="UpdateNotebookRequest.flavor")
    assert (changed.param("old"), changed.param("new"), changed.classification) == (
        "`small`",
        "`large`",
        Classification.BREAKING,
    )
    removed = _only(result, "request-default-removed", field="UpdateNotebookRequest.name")
    assert removed.classification is Classification.NON_BREAKING


def test_every_rule_id_the_comparison_can_emit_exists() -> None:
    import re
    from pathlib import Path

    import generator.diff.checks as checks

    # the checks are the only place rule ids are written; the walker only pairs
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(checks.__file__).parent.glob("*.py")))
    literal = set(re.findall(r'"((?:operation|request|response|property)-[a-z-]+)"', text))
    directed = set(re.findall(r'f"\{(?:d|ctx\.direction)\}(-[a-z-]+)"', text))
    kinds = set(re.findall(r'f"\{d\}-(format|limit)-\{kind\}"', text))
    ids = literal | {side + suffix for suffix in directed for side in ("request", "response")}
    ids |= {f"{side}-{k}-{kind}" for k in kinds for side in ("request", "response") for kind in ("widened", "narrowed")}
    ids |= {f"operation-{key}-changed" for key in ("summary", "description")}
    unknown = sorted(i for i in ids if i not in RULES and not i.endswith("-"))
    assert not unknown
    assert len(ids) > 40


def test_response_headers() -> None:
    old = base_spec()
    op(old)["responses"]["200"]["headers"] = {
        "X-Request-Id": {"schema": {"type": "string"}},
        "X-Count": {"schema": {"type": "integer", "format": "int32"}},
    }
    new = clone(old)
    headers = op(new)["responses"]["200"]["headers"]
    del headers["X-Request-Id"]
    headers["x-count"] = headers.pop("X-Count")  # only the spelling changed: same header
    headers["x-count"]["schema"]["format"] = "int64"
    headers["ETag"] = {"schema": {"type": "string"}}
    result = diff_specs(old, new)
    assert _only(result, "response-header-removed", field="X-Request-Id").classification is Classification.BREAKING
    assert _only(result, "response-header-added", field="ETag").classification is Classification.NON_BREAKING
    assert _only(result, "response-format-widened", field="header x-count")
