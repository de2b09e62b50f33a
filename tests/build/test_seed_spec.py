"""The spec of the bundled UpdateNotebook page, asserted field by field (issue: pipeline end to end)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.build.check.document import check
from generator.build.pipeline import BuildResult

PAGE = "development_environment_management/updating_a_notebook_instance.rst"


@pytest.fixture(scope="module")
def spec(seed_build: BuildResult) -> dict[str, Any]:
    return seed_build.spec


@pytest.fixture(scope="module")
def op(spec: dict[str, Any]) -> dict[str, Any]:
    return spec["paths"]["/v1/{project_id}/notebooks/{id}"]["put"]  # type: ignore[no-any-return]


def schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return spec["components"]["schemas"][name]  # type: ignore[no-any-return]


def test_operation_identity(spec: dict[str, Any], op: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    assert list(spec["paths"]) == ["/v1/{project_id}/notebooks/{id}"]
    assert list(spec["paths"]["/v1/{project_id}/notebooks/{id}"]) == ["put"]
    assert op["operationId"] == "UpdateNotebook"
    assert op["summary"] == "Updating a Notebook Instance"
    assert op["description"].startswith("This API is used to update a development environment instance")
    assert op["tags"] == ["Development Environment Management"]
    assert spec["tags"] == [{"name": "Development Environment Management"}]


def test_path_parameters(op: dict[str, Any]) -> None:
    params = {(p["name"], p["in"]): p for p in op["parameters"]}
    assert set(params) == {("project_id", "path"), ("id", "path")}
    for p in params.values():
        assert p["required"] is True
        assert p["schema"] == {"type": "string"}
    assert params[("id", "path")]["description"] == "Notebook instance ID."
    assert not any(p["name"].lower() == "x-auth-token" for p in op["parameters"])


def test_security_and_servers(spec: dict[str, Any]) -> None:
    assert spec["components"]["securitySchemes"]["token"] == {
        "type": "apiKey", "in": "header", "name": "X-Auth-Token",
        "description": "IAM token (see IAM 'Obtaining a User Token').",
    }
    assert spec["security"] == [{"token": []}]
    assert spec["servers"] == [{"url": "https://modelarts.{region}.otc.t-systems.com",
                                "variables": {"region": {"default": "eu-de"}}}]


def test_request_body(spec: dict[str, Any], op: dict[str, Any]) -> None:
    media = op["requestBody"]["content"]["application/json"]
    assert media["schema"] == {"$ref": "#/components/schemas/UpdateNotebookRequest"}
    body = schema(spec, "UpdateNotebookRequest")
    props = body["properties"]
    assert list(props) == ["description", "endpoints", "flavor", "image_id", "name", "storage_new_size", "hooks"]
    assert "required" not in body
    assert props["description"]["type"] == "string" and props["description"]["maxLength"] == 512
    assert props["name"]["maxLength"] == 128
    assert props["storage_new_size"]["type"] == "integer"
    assert props["storage_new_size"]["maximum"] == 4096
    assert props["endpoints"]["type"] == "array"
    assert props["endpoints"]["items"] == {"$ref": "#/components/schemas/EndpointsReq"}
    assert props["hooks"]["$ref"] == "#/components/schemas/CustomHooks"


def test_nested_request_schemas(spec: dict[str, Any]) -> None:
    ep = schema(spec, "EndpointsReq")["properties"]
    assert ep["allowed_access_ips"] == {**ep["allowed_access_ips"], "type": "array", "items": {"type": "string"},
                                        "maxItems": 5}
    assert ep["dev_service"]["enum"] == ["NOTEBOOK", "SSH"]
    assert ep["ssh_keys"]["type"] == "array" and ep["ssh_keys"]["items"] == {"type": "string"}
    assert schema(spec, "CustomHooks")["properties"]["container_hooks"]["$ref"] == "#/components/schemas/ContainerHooks"
    ch = schema(spec, "ContainerHooks")["properties"]
    assert ch["pre_start"]["$ref"] == ch["post_start"]["$ref"] == "#/components/schemas/Config"
    cfg = schema(spec, "Config")["properties"]
    assert cfg["script"]["type"] == "string" and "enum" not in cfg["script"]
    # The docs list no values up front; each option names one upper-case word. We keep those as the
    # enum, flagged as inferred, and do not claim a default ("Default value of SCRIPT" is ambiguous).
    assert cfg["type"]["enum"] == ["COMMAND", "SCRIPT"]
    assert cfg["type"]["x-enum-inferred"] is True
    assert "default" not in cfg["type"]


def test_response_200(spec: dict[str, Any], op: dict[str, Any]) -> None:
    media = op["responses"]["200"]["content"]["application/json"]
    assert media["schema"] == {"$ref": "#/components/schemas/UpdateNotebookResponse"}
    props = schema(spec, "UpdateNotebookResponse")["properties"]
    assert len(props) == 16
    assert set(props) == {"action_progress", "description", "endpoints", "fail_reason", "flavor", "id", "image",
                          "lease", "name", "pool", "status", "token", "url", "volume", "workspace_id", "feature"}
    assert props["status"]["enum"] == ["INIT", "CREATING", "STARTING", "STOPPING", "DELETING", "RUNNING", "STOPPED",
                                       "SNAPSHOTTING", "CREATE_FAILED", "START_FAILED", "DELETE_FAILED", "ERROR",
                                       "DELETED", "FROZEN"]
    assert props["feature"]["enum"] == ["DEFAULT", "NOTEBOOK"]
    assert "default" not in props["feature"]  # "**DEFAULT**: free CodeLab" is an option, not a default
    assert props["workspace_id"]["default"] == "0"
    assert props["action_progress"]["items"] == {"$ref": "#/components/schemas/JobProgress"}
    assert props["endpoints"]["items"] == {"$ref": "#/components/schemas/EndpointsRes"}
    for name, target in (("image", "Image"), ("lease", "Lease"), ("pool", "Pool"), ("volume", "VolumeRes")):
        assert props[name]["$ref"] == f"#/components/schemas/{target}"


def test_nested_response_schemas(spec: dict[str, Any]) -> None:
    jp = schema(spec, "JobProgress")["properties"]
    assert jp["status"]["enum"] == ["WAITING", "PROCESSING", "FAILED", "COMPLETED"]
    assert jp["step"] == {**jp["step"], "type": "integer", "enum": [1, 2, 3, 4]}
    for comp, field in (("Lease", "create_at"), ("Lease", "update_at"), ("Lease", "duration"), ("Image", "size"),
                        ("Image", "create_at"), ("Image", "update_at")):
        p = schema(spec, comp)["properties"][field]
        assert (p["type"], p["format"]) == ("integer", "int64"), (comp, field)
    assert schema(spec, "Lease")["properties"]["enable"]["type"] == "boolean"
    vol = schema(spec, "VolumeRes")["properties"]
    assert vol["capacity"]["maximum"] == 4096
    assert "default" not in vol["capacity"]  # "5 GB for EVS and 50 GB for EFS" is conditional
    assert vol["category"]["enum"] == ["SFS", "EVS"]
    assert vol["ownership"]["enum"] == ["MANAGED", "DEDICATED"]
    img = schema(spec, "Image")["properties"]
    assert img["origin"]["default"] == "CUSTOMIZE"
    assert img["service_type"]["enum"] == ["COMMON", "INFERENCE", "TRAIN", "DEV", "UNKNOWN"]
    assert img["dev_services"]["items"]["enum"] == ["NOTEBOOK", "SSH"]
    assert img["name"]["maxLength"] == 512
    assert set(schema(spec, "Pool")["properties"]) == {"id", "name"}
    assert set(schema(spec, "EndpointsRes")["properties"]) == {"allowed_access_ips", "dev_service", "ssh_keys",
                                                               "service", "uri"}


def test_components_are_exactly_the_documented_tables(spec: dict[str, Any]) -> None:
    assert sorted(spec["components"]["schemas"]) == sorted([
        "UpdateNotebookRequest", "UpdateNotebookResponse", "EndpointsReq", "CustomHooks", "ContainerHooks", "Config",
        "JobProgress", "EndpointsRes", "Image", "Lease", "Pool", "VolumeRes",
        "OTCError"])  # the one component not from a table: the shared error body of the 4xx responses


def test_other_status_codes(op: dict[str, Any]) -> None:
    assert {k: v["description"] for k, v in op["responses"].items()} == {
        "200": "OK", "201": "Created", "401": "Unauthorized", "403": "Forbidden", "404": "Not Found"}
    assert "content" not in op["responses"]["201"]
    for code in ("401", "403", "404"):  # listed without a body: the body OTC documents for errors
        assert op["responses"][code]["content"] == {"application/json": {"schema": {
            "$ref": "#/components/schemas/OTCError"}}}


def test_examples_attached_and_valid(spec: dict[str, Any], op: dict[str, Any]) -> None:
    req = op["requestBody"]["content"]["application/json"]["examples"]
    assert [e["value"] for e in req.values()] == [{"description": "update"}]
    resp = op["responses"]["200"]["content"]["application/json"]["examples"]
    (only,) = resp.values()
    assert only["value"]["flavor"] == "modelarts.vm.cpu.8u"
    assert only["value"]["endpoints"] == [{"allowed_access_ips": ["1.1.1.1"]}]
    assert check(spec).diagnostics == []


def test_provenance_on_operation_components_and_fields(spec: dict[str, Any], op: dict[str, Any]) -> None:
    assert op["x-source"] == {"file": PAGE, "line": 21}  # the `PUT /v1/...` line
    tables = {name: s for name, s in spec["components"]["schemas"].items() if name != "OTCError"}
    lines = {name: s["x-source"]["line"] for name, s in tables.items()}
    assert all(s["x-source"]["file"] == PAGE for s in tables.values())
    assert lines["EndpointsReq"] == 58 and lines["Config"] == 98 and lines["Pool"] == 363
    props = spec["components"]["schemas"]["UpdateNotebookRequest"]["properties"]
    assert props["storage_new_size"]["x-source"] == {"file": PAGE, "line": 51}
    for s in tables.values():
        for p in s["properties"].values():
            assert p["x-source"]["file"] == PAGE and p["x-source"]["line"] > 0


def test_seed_diagnostics_are_the_known_ones(seed_build: BuildResult) -> None:
    got = [(d.code, d.source.line) for d in seed_build.diagnostics]
    # 105 "Default value of SCRIPT." and 226 "By default, all public IP addresses can access the notebook
    # instance.": defaults stated as behaviour, no value to put in the spec
    assert got == [("enum.inferred", 105), ("prose.default_behaviour", 105), ("prose.default_behaviour", 226),
                   ("default.conditional", 379)]
    assert seed_build.pages[0].rows_total == 74
    assert seed_build.pages[0].rows_resolved == 74
