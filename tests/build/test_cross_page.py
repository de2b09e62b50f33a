"""Issue 14 item 4: what several pages of one service say about one call or one field is compared, not merged
silently."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.core.config import default_service
from generator.report.census import census_of
from tests.rst_snippets import STATUS_200, page, table

Tree = Callable[[dict[str, str]], Path]


def _snapshots(snap_type: str, name: str, title: str) -> str:
    body = ("Response Parameters\n-------------------\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"],
                                                 ["snapshots", snap_type, "Snapshots."]])
            + STATUS_200)
    return page(title, "GET /v2/{project_id}/snapshots/detail", body, name=name)


def test_deprecated_page_beside_its_replacement_does_not_set_the_shape(make_tree: Tree) -> None:
    # the deprecated page sorts first ("apis_deprecated" < "apis_recommended"): order must not decide
    root = make_tree({
        "apis_deprecated/querying_snapshots_deprecated.rst": _snapshots("Object", "ListSnapshotsOld",
                                                                        "Querying Snapshots (Deprecated)"),
        "apis_recommended/querying_snapshots.rst": _snapshots("Array of objects", "ListSnapshots",
                                                              "Querying Snapshots"),
    })
    r = build_spec(root, "evs")
    op = r.spec["paths"]["/v2/{project_id}/snapshots/detail"]["get"]
    assert op["operationId"] == "ListSnapshots"
    schema = r.spec["components"]["schemas"][op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
                                             .rsplit("/", 1)[1]]
    assert schema["properties"]["snapshots"]["type"] == "array"
    assert [(v["operationId"], v.get("deprecated", False)) for v in op["x-otc-variants"]] == [
        ("ListSnapshots", False), ("ListSnapshotsOld", True)]
    (conflict,) = [d for d in r.diagnostics if d.code == "operation.deprecated_conflict"]
    assert "apis_deprecated/querying_snapshots_deprecated.rst" in conflict.message and "responses" in conflict.message
    assert [d.code for d in r.diagnostics if d.code == "operation.merged"] == ["operation.merged"]
    from generator.build.pipeline import build_and_check
    from generator.report import verify

    cov = census_of(build_and_check(root, default_service("evs")))
    verify(cov)  # the report's counters still add up (it refuses figures that do not)
    assert cov.operations_merged == 1


def test_same_shape_on_a_deprecated_page_is_an_ordinary_merge(make_tree: Tree) -> None:
    root = make_tree({
        "unrecommended_apis/querying_snapshots.rst": _snapshots("String", "ListSnapshotsOld", "Querying Snapshots"),
        "apis/querying_snapshots.rst": _snapshots("String", "ListSnapshots", "Querying Snapshots"),
    })
    r = build_spec(root, "evs")
    assert r.spec["paths"]["/v2/{project_id}/snapshots/detail"]["get"]["operationId"] == "ListSnapshots"
    assert [d.code for d in r.diagnostics if d.code.startswith("operation.")] == ["operation.merged"]


def _with_nested(uri: str, name: str, limit: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["volume", "Yes", ":ref:`Volume <vol>` object", "The volume."]])
            + table("Volume", [["Parameter", "Mandatory", "Type", "Description"],
                               ["size", "Yes", "Integer", f"Size in GB. The value ranges from 10 to {limit}."]],
                    label="vol")
            + STATUS_200)
    return page(name, uri, body, name=name.replace(" ", ""))


def test_one_field_with_different_limits_on_two_pages_is_reported(make_tree: Tree) -> None:
    root = make_tree({"a/create.rst": _with_nested("POST /v2/volumes", "Create Volume", "32768"),
                      "a/extend.rst": _with_nested("POST /v2/volumes/{id}/extend", "Extend Volume", "1024")})
    r = build_spec(root, "evs")
    (d,) = [d for d in r.diagnostics if d.code == "field.inconsistent"]
    assert d.source.file == "a/extend.rst" and "maximum=1024" in d.message and "maximum=32768" in d.message
    maxima = sorted(s["properties"]["size"]["maximum"] for s in r.spec["components"]["schemas"].values()
                    if "size" in s.get("properties", {}))
    assert maxima == [1024, 32768]  # each page keeps what it says


def test_same_field_saying_the_same_is_not_reported(make_tree: Tree) -> None:
    root = make_tree({"a/create.rst": _with_nested("POST /v2/volumes", "Create Volume", "1024"),
                      "a/extend.rst": _with_nested("POST /v2/volumes/{id}/extend", "Extend Volume", "1024")})
    assert not [d for d in build_spec(root, "evs").diagnostics if d.code == "field.inconsistent"]


def _action(key: str, name: str, title: str) -> str:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                [key, "Yes", "Object", "The action."]])
            + "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
              "=========== ===========\n202         Accepted\n=========== ===========\n")
    return page(title, "POST /v2.1/servers/{server_id}/action", body, name=name)


def test_a_deprecated_page_s_request_body_is_accepted_and_marked(make_tree: Tree) -> None:
    # every body a documented page sends is one the operation takes: validators of recorded traffic and mocks
    # must not reject the deprecated page's still-served request; responses keep following the current page
    root = make_tree({
        "apis_deprecated/binding_an_ip.rst": _action("addFloatingIp", "BindIpOld", "Binding an IP (Deprecated)"),
        "apis/starting.rst": _action("os-start", "StartServer", "Starting a Server"),
        "apis/stopping.rst": _action("os-stop", "StopServer", "Stopping a Server"),
    })
    r = build_spec(root, "ecs")
    op = r.spec["paths"]["/v2.1/servers/{server_id}/action"]["post"]
    schemas = r.spec["components"]["schemas"]

    def props(alt: dict[str, object]) -> list[str]:
        return list(schemas[str(alt["$ref"]).rsplit("/", 1)[1]]["properties"])

    alts = op["requestBody"]["content"]["application/json"]["schema"]["anyOf"]
    assert [(props(a), a.get("deprecated", False)) for a in alts] == [
        (["os-start"], False), (["os-stop"], False), (["addFloatingIp"], True)]
    assert op["requestBody"]["required"] is True
    assert [(v["operationId"], v.get("deprecated", False)) for v in op["x-otc-variants"]] == [
        ("StartServer", False), ("StopServer", False), ("BindIpOld", True)]
    (conflict,) = [d for d in r.diagnostics if d.code == "operation.deprecated_conflict"]
    assert "request body is accepted too" in conflict.message


def test_a_deprecated_body_of_a_current_shape_is_not_repeated(make_tree: Tree) -> None:
    root = make_tree({
        "apis_deprecated/starting.rst": _action("os-start", "StartServerOld", "Starting (Deprecated)"),
        "apis/starting.rst": _action("os-start", "StartServer", "Starting a Server"),
    })
    op = build_spec(root, "ecs").spec["paths"]["/v2.1/servers/{server_id}/action"]["post"]
    assert "anyOf" not in op["requestBody"]["content"]["application/json"]["schema"]
