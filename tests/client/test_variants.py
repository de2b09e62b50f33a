"""One client function per docs page where several pages document one METHOD + path (issue 11, required 2).

The spec keeps one merged operation; each `x-otc-variants` entry carries its page's own parameters, body and
responses; the client view makes one operation per page; the generated client has one module per page, each
sending its own body to the shared path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build.check.document import check
from generator.build.finish.unreferenced import drop_unreferenced
from generator.build.pipeline import build_and_check, build_spec
from generator.client import CodegenError, client_view, generate_client
from generator.client.variants import MARKER, strip_markers
from generator.core.config import Service, default_service
from generator.core.spec import iter_refs
from generator.release.changelog import client_release
from tests.rst_snippets import page, table

Tree = Callable[[dict[str, str]], Path]
PATH = "/v1/{project_id}/servers/action"
ACTIONS = {"start": ("Starting Servers in a Batch", "BatchStartServers"),
           "stop": ("Stopping Servers in a Batch", "BatchStopServers"),
           "reboot": ("Restarting Servers in a Batch", "BatchRebootServers")}


def _action_page(field: str) -> str:
    title, name = ACTIONS[field]
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                [field, "Yes", "String", f"Servers to {field}."]])
            + "Response Parameters\n-------------------\n\n**Status code: 202**\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"],
                                                 [f"{field}_job", "String", "The job."]])
            + "Example Requests\n----------------\n\n.. code-block::\n\n"
            + f'   {{"{field}": "all-{field}"}}\n\n'
            + "Example Responses\n-----------------\n\n**Status code: 202**\n\n.. code-block::\n\n"
            + f'   {{"{field}_job": "job-{field}"}}\n\n'
            + "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
              "=========== ===========\n202         Accepted\n=========== ===========\n")
    return page(title, f"POST {PATH}", body, name=name)


def _tree(make_tree: Tree) -> Path:
    return make_tree({f"apis/batch_operations/{field}_servers.rst": _action_page(field) for field in ACTIONS})


def _component(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][node["schema"]["$ref"].rsplit("/", 1)[1]]
    return schema


def test_each_variant_carries_its_own_parts(make_tree: Tree) -> None:
    root = _tree(make_tree)
    built = build_and_check(root, default_service("ecs"))
    spec = built.result.spec
    assert built.valid
    (method,) = spec["paths"][PATH]
    op = spec["paths"][PATH][method]
    assert method == "post"
    variants = op["x-otc-variants"]
    # the files sort reboot, start, stop
    assert [v["x-source"]["file"] for v in variants] == [f"apis/batch_operations/{f}_servers.rst"
                                                         for f in ("reboot", "start", "stop")]
    assert len({v["operationId"] for v in variants}) == 3
    for field, v in zip(("reboot", "start", "stop"), variants, strict=True):
        media = v["requestBody"]["content"]["application/json"]
        assert list(_component(spec, media)["properties"]) == [field]
        assert [e["value"] for e in media["examples"].values()] == [{field: f"all-{field}"}]
        ok = v["responses"]["202"]["content"]["application/json"]
        assert list(_component(spec, ok)["properties"]) == [f"{field}_job"]
        assert [e["value"] for e in ok["examples"].values()] == [{f"{field}_job": f"job-{field}"}]
        assert [p["name"] for p in v["parameters"]] == ["project_id"]
        assert v["summary"] == ACTIONS[field][0]
    # the merged operation is what it was: one body, any of the three
    assert len(op["requestBody"]["content"]["application/json"]["schema"]["anyOf"]) == 3
    # every ref inside a variant leads somewhere, and check finds nothing to say about variants
    refs = [r for _, r in iter_refs(variants)]
    assert refs and all(r.rsplit("/", 1)[1] in spec["components"]["schemas"] for r in refs)
    assert not [d for d in check(spec).diagnostics if d.code.startswith("check.")]


def test_a_component_only_a_variant_refers_to_is_kept() -> None:
    spec: dict[str, Any] = {
        "paths": {"/x": {"post": {
            "responses": {"200": {"description": "ok"}},
            "x-otc-variants": [
                {"operationId": "A", "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/OnlyInVariant"}}}}}},
                {"operationId": "B", "responses": {}}]}}},
        "components": {"schemas": {"OnlyInVariant": {"type": "object", "properties": {
            "inner": {"$ref": "#/components/schemas/Inner"}}}, "Inner": {"type": "string"}, "Orphan": {}}},
    }
    notes = drop_unreferenced(spec)
    assert sorted(spec["components"]["schemas"]) == ["Inner", "OnlyInVariant"]
    assert [d.message.split("'")[1] for d in notes] == ["Orphan"]


def test_a_deprecated_pages_own_shape_stays_with_its_variant(make_tree: Tree) -> None:
    def snapshots(snap_type: str, name: str, title: str) -> str:
        body = ("Response Parameters\n-------------------\n\n"
                + table("Response body parameters", [["Parameter", "Type", "Description"],
                                                     ["snapshots", snap_type, "Snapshots."],
                                                     [f"{name.lower()}_marker", "String", "Only on this page."]])
                + "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
                  "=========== ===========\n200         OK\n=========== ===========\n")
        return page(title, "GET /v2/{project_id}/snapshots/detail", body, name=name)

    root = make_tree({"apis_deprecated/old.rst": snapshots("Object", "ListSnapshotsOld", "Querying Snapshots Old"),
                      "apis/new.rst": snapshots("Array of objects", "ListSnapshots", "Querying Snapshots")})
    spec = build_spec(root, "evs").spec
    op = spec["paths"]["/v2/{project_id}/snapshots/detail"]["get"]
    current, old = op["x-otc-variants"]
    assert old.get("deprecated") is True and not current.get("deprecated")
    old_body = _component(spec, old["responses"]["200"]["content"]["application/json"])
    # the merged operation follows the current page only: this component is referred to from the variant alone
    assert "listsnapshotsold_marker" in old_body["properties"]
    assert "listsnapshotsold_marker" not in _component(spec, op["responses"]["200"]["content"]["application/json"])[
        "properties"]


def test_client_view_has_one_operation_per_page(make_tree: Tree) -> None:
    spec = build_spec(_tree(make_tree), "ecs").spec
    view, notes = client_view(spec)
    variants = spec["paths"][PATH]["post"]["x-otc-variants"]
    assert PATH not in view["paths"]
    keys = [k for k in view["paths"] if k.startswith(PATH)]
    assert keys == [f"{PATH}{MARKER}{i}" for i in range(3)]
    for key, v in zip(keys, variants, strict=True):
        vop = view["paths"][key]["post"]
        assert vop["operationId"] == v["operationId"]
        assert vop["requestBody"] == v["requestBody"]
        assert vop["x-otc-spec-path"] == PATH
        assert f"One of 3 docs pages for POST {PATH}" in vop["description"]
    assert [d.code for d in notes if d.code == "client.variants_split"] == ["client.variants_split"]


_CALL_EACH = """
import importlib, json, sys
import httpx
from {pkg}.client import AuthenticatedClient
sent = []
def handler(request):
    sent.append({{"url": str(request.url), "path": request.url.raw_path.decode(), "body": json.loads(request.content)}})
    return httpx.Response(202, json={{}})
out = {{}}
for tag_module, module, cls in json.loads(sys.argv[1]):
    mod = importlib.import_module(f"{pkg}.api.{{tag_module}}.{{module}}")
    body = getattr(importlib.import_module("{pkg}.models"), cls).from_dict(json.loads(sys.argv[2])[module])
    client = AuthenticatedClient(base_url="https://ecs.example.test", token="t",
                                 httpx_args={{"transport": httpx.MockTransport(handler)}})
    mod.sync_detailed(project_id="p1", client=client, body=body)
    out[module] = sent.pop()
print(json.dumps(out))
"""


def test_generated_client_has_one_function_per_page_on_the_shared_path(make_tree: Tree, tmp_path: Path) -> None:
    spec = build_spec(_tree(make_tree), "ecs").spec
    service = Service(name="ecs", title="ECS", docs=Path("."), client="otc-variants-client",
                      endpoint="https://ecs.{region}.otc.t-systems.com")
    out = tmp_path / "client"
    generate_client(service, spec, out, *client_release(service, out))
    pkg = out / service.package
    assert MARKER not in "".join(p.read_text(encoding="utf-8") for p in pkg.rglob("*.py"))
    data = json.loads((out / "tests" / "conformance_data.json").read_text(encoding="utf-8"))
    cases = {c["operation_id"]: c for c in data["operations"]}
    variants = spec["paths"][PATH]["post"]["x-otc-variants"]
    assert sorted(cases) == sorted(v["operationId"] for v in variants)
    calls, bodies = [], {}
    for field, v in zip(("reboot", "start", "stop"), variants, strict=True):
        case = cases[v["operationId"]]
        # each case is the page's own: its body model and its documented example, its documented response
        assert case["path"] == PATH and case["method"] == "POST"
        assert case["request"]["documented"] and case["request"]["body"] == {field: f"all-{field}"}
        assert case["responses"][0]["body"] == {f"{field}_job": f"job-{field}"}
        assert case["source"] == v["x-source"]
        module = pkg / "api" / case["tag_module"] / f"{case['module']}.py"
        text = module.read_text(encoding="utf-8")
        assert f'"url": "{PATH}".format(' in text
        assert f"One of 3 docs pages for POST {PATH}" in " ".join(text.split())
        calls.append([case["tag_module"], case["module"], case["request"]["class"]])
        bodies[case["module"]] = case["request"]["body"]
    assert len({c[1] for c in calls}) == 3
    env = {**os.environ, "PYTHONPATH": str(out)}
    proc = subprocess.run([sys.executable, "-c", _CALL_EACH.format(pkg=service.package), json.dumps(calls),
                           json.dumps(bodies)], capture_output=True, text=True, env=env, cwd=out)
    assert proc.returncode == 0, proc.stderr[-3000:]
    sent = json.loads(proc.stdout)
    for _, module, _ in calls:
        assert sent[module]["url"] == "https://ecs.example.test/v1/p1/servers/action"  # no fragment either
        assert sent[module]["body"] == bodies[module]
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "tests", "-rfE",
                           "-k", "test_client_request_and_response", "-v"],
                          capture_output=True, text=True, env=env, cwd=out)
    assert proc.returncode == 0, proc.stdout[-4000:]
    for v in variants:
        assert f"test_client_request_and_response[{v['operationId']}] PASSED" in proc.stdout


def test_strip_markers_refuses_a_marker_outside_a_url(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(f'url = "/x{MARKER}0"\n', encoding="utf-8")
    assert strip_markers(tmp_path) == 1
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == 'url = "/x"\n'
    (tmp_path / "b.py").write_text(f"# see /x{MARKER}1 in a comment\n", encoding="utf-8")
    with pytest.raises(CodegenError, match="b.py"):
        strip_markers(tmp_path)


def test_diff_reports_a_page_that_stops_documenting_a_call(make_tree: Tree, tmp_path: Path) -> None:
    from generator.diff import diff_specs

    three = build_spec(_tree(make_tree), "ecs").spec
    two_root = tmp_path / "two"
    for field in ("reboot", "start"):
        (two_root / "apis" / "batch_operations").mkdir(parents=True, exist_ok=True)
        (two_root / "apis" / "batch_operations" / f"{field}_servers.rst").write_text(_action_page(field),
                                                                                      encoding="utf-8")
    two = build_spec(two_root, "ecs").spec
    stop = three["paths"][PATH]["post"]["x-otc-variants"][2]
    removed = diff_specs(three, two).find("operation-page-removed")
    assert [c.params for c in removed] == [(("page", stop["operationId"]),)]
    assert removed[0].old is not None
    assert removed[0].old.source == f"{stop['x-source']['file']}:{stop['x-source']['line']}"
    assert [c.params for c in diff_specs(two, three).find("operation-page-added")] == [(("page", stop["operationId"]),)]


def test_payloads_are_checked_against_a_pages_own_schemas(make_tree: Tree) -> None:
    from generator.validate.pytest_plugin import assert_valid_request

    spec = build_spec(_tree(make_tree), "ecs").spec
    reboot, start, _ = spec["paths"][PATH]["post"]["x-otc-variants"]
    assert_valid_request(spec, start["operationId"], {"start": "all"})
    # the merged operation takes any page's body; the page's operationId takes only its own
    assert_valid_request(spec, reboot["operationId"], {"start": "all"})  # the owner page names the merged call
    with pytest.raises(AssertionError):
        assert_valid_request(spec, start["operationId"], {"reboot": "all"})


def test_a_dangling_ref_inside_a_variant_is_repaired_not_fatal() -> None:
    from generator.build.check.repair import check_and_repair
    from generator.core.model import Source

    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Gone", "description": "Kept."}}}
    spec: dict[str, Any] = {
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "components": {"schemas": {}},
        "paths": {"/x": {"post": {"operationId": "A", "responses": {"200": {"description": "ok"}}, "x-otc-variants": [
            {"operationId": "A", "responses": {"200": {"description": "ok", "content": body}},
             "x-source": {"file": "a.rst", "line": 3}},
            {"operationId": "B", "responses": {}, "x-source": {"file": "b.rst", "line": 4}}]}}},
    }
    found, valid = check_and_repair(spec, Source("<spec>", 0))
    assert valid
    assert spec["paths"]["/x"]["post"]["x-otc-variants"][0]["responses"]["200"]["content"]["application/json"] == {
        "schema": {"description": "Kept."}}
    (repaired,) = [d for d in found.diagnostics if d.code == "check.repaired"]
    assert "x-otc-variants/0/responses/200" in repaired.message and repaired.source.file == "a.rst"
