"""What consumers of the spec see: documented examples that contradict their tables are kept out of `examples`
(portals, mock servers) but stay in the spec under `x-otc-invalid-examples`, where check, report and
conformance tests find them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rst_snippets import line_of, page, table

from generator.check import check
from generator.codegen import _generator_names, client_view, conformance_data
from generator.model import Source
from generator.pipeline import build_spec
from generator.report import coverage

BODY = table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                         ["count", "Yes", "Integer", "How many."]])
RESPONSE = table("Response body parameters", [["Parameter", "Type", "Description"],
                                              ["name", "String", "Name of the thing."]])


def _page(request_json: str, response_json: str) -> str:
    return page("Creating a Thing", "POST /v1/{project_id}/things", f"""
Request Parameters
------------------

{BODY}
Response Parameters
-------------------

{RESPONSE}
Example Requests
----------------

.. code-block::

   {request_json}

Example Responses
-----------------

**Status code: 200**

.. code-block::

   {response_json}

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
""", name="CreateThing")


def _media(spec: dict[str, Any], side: str) -> dict[str, Any]:
    op = spec["paths"]["/v1/{project_id}/things"]["post"]
    if side == "request":
        return dict(op["requestBody"]["content"]["application/json"])
    return dict(op["responses"]["200"]["content"]["application/json"])


def test_contradicting_example_leaves_examples_and_keeps_its_source_and_mismatches(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    text = _page('{"count": "three"}', '{"name": "thing"}')
    root = make_tree({"things/create.rst": text})
    spec = build_spec(root, "things").spec

    request = _media(spec, "request")
    assert "examples" not in request  # its only example is a defect: nothing for a portal or mock to show
    [(name, kept)] = request["x-otc-invalid-examples"].items()
    assert name == "CreateThingRequest" and kept["value"] == {"count": "three"}
    assert kept["x-source"] == {"file": "things/create.rst", "line": line_of(text, '{"count": "three"}')}
    assert kept["x-mismatches"] == [{"at": "/count", "message": '"three" is not of type "integer"'}]

    response = _media(spec, "response")  # a valid example stays where consumers look
    assert list(response["examples"]) == ["CreateThingResponse200"]
    assert "x-otc-invalid-examples" not in response

    # the check stage still names the defect, from its new place
    found = [d for d in check(spec, Source("<spec>", 0)) if d.code == "example.schema_mismatch"]
    assert [(d.source, d.message) for d in found] == [
        (Source("things/create.rst", kept["x-source"]["line"]),
         'CreateThing request example CreateThingRequest: at /count: "three" is not of type "integer"')]


def test_report_and_conformance_data_read_the_defect_from_the_spec(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"things/create.rst": _page('{"count": "three"}', '{"name": "thing"}')})
    result = build_spec(root, "things")
    findings = check(result.spec, Source("<spec>", 0))
    cov = coverage("things", result.pages, result.spec, sorted(result.diagnostics + findings), True)
    assert [(d.operation, d.part, d.pointer, d.message) for d in cov.defects] == [
        ("CreateThing", "request", "/count", '"three" is not of type "integer"')]

    view, _ = client_view(result.spec)
    data = conformance_data(result.spec, _generator_names(view, "otc_things_client"), view)
    [case] = [c for c in data["schemas"] if c["schema"] == "CreateThingRequest"]
    [example] = case["examples"]
    assert example["value"] == {"count": "three"} and example["mismatch"]  # the strict xfail of the validity test
    [op] = data["operations"]
    assert op["request"]["documented"] is False  # the call sends a valid instance instead


def test_null_shown_by_the_docs_widens_the_schema_and_the_example_stays(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"things/create.rst": _page('{"count": 3}', '{"name": null}')})
    spec = build_spec(root, "things").spec
    response = _media(spec, "response")
    assert list(response["examples"]) == ["CreateThingResponse200"]  # widened first, so not a defect
    assert "x-otc-invalid-examples" not in response
    assert spec["components"]["schemas"]["CreateThingResponse"]["properties"]["name"]["type"] == ["string", "null"]
