"""What consumers of the spec see: documented examples that contradict their tables are kept out of `examples`
(portals, mock servers) but stay in the spec under `x-otc-invalid-examples`, where check, report and
conformance tests find them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.check.document import check
from generator.build.pipeline import build_spec
from generator.client.conformance import conformance_data
from generator.client.names import generator_names
from generator.client.view import client_view
from generator.core.model import Source
from generator.report import coverage
from tests.rst_snippets import line_of, page, table

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
    found = [d for d in check(spec, Source("<spec>", 0)).diagnostics if d.code == "example.schema_mismatch"]
    assert [(d.source, d.message) for d in found] == [
        (Source("things/create.rst", kept["x-source"]["line"]),
         'CreateThing request example CreateThingRequest: at /count: "three" is not of type "integer"')]


def test_report_and_conformance_data_read_the_defect_from_the_spec(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"things/create.rst": _page('{"count": "three"}', '{"name": "thing"}')})
    result = build_spec(root, "things")
    findings = check(result.spec, Source("<spec>", 0))
    cov = coverage("things", result.pages, result.spec, sorted(result.diagnostics + findings.diagnostics), True,
                   findings)
    assert [(d.operation, d.part, d.pointer, d.message) for d in cov.defects] == [
        ("CreateThing", "request", "/count", '"three" is not of type "integer"')]

    view, _ = client_view(result.spec)
    data = conformance_data(result.spec, generator_names(view, "otc_things_client"), view)
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


STATUS_APPENDIX = """:original_name: things_status.html

.. _things_status:

Status Code
===========

.. table:: **Table 1** Return codes

   ====================== =========================================
   Returned Value         Description
   ====================== =========================================
   200                    Request succeeded.
   400 Bad Request        The server fails to process the request.
   404 Not Found          The server cannot find the requested page.
   500 Internal Error     The server is abnormal.
   ====================== =========================================
"""

SECTION_INDEX = """:original_name: things_index.html

.. _things_index:

Thing Management
================

Things are what this service keeps.

-  :ref:`Querying a Thing <QueryThing>`

.. toctree::
   :hidden:

   query
"""


def test_status_codes_of_the_linked_table_tags_info_and_error_body(make_tree: Callable[[dict[str, str]], Path]) -> None:
    query = page("Querying a Thing", "GET /v1/things", """
Response Parameters
-------------------

""" + RESPONSE + """
Returned Value
--------------

If a 2xx status code is returned, for example, 200, the request is successful.

For details, see :ref:`Status Code <things_status>`.
""", name="QueryThing")
    root = make_tree({"thing_management/query.rst": query, "thing_management/index.rst": SECTION_INDEX,
                      "appendix/status_code.rst": STATUS_APPENDIX})
    result = build_spec(root, "things")
    spec = result.spec
    responses = spec["paths"]["/v1/things"]["get"]["responses"]
    assert list(responses) == ["200", "400", "404"]  # the 4xx rows of the linked table, not its 5xx
    assert responses["400"] == {
        "description": "The server fails to process the request.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OTCError"}}},
        "x-source": {"file": "appendix/status_code.rst", "line": line_of(STATUS_APPENDIX, "400 Bad Request")}}
    assert set(spec["components"]["schemas"]["OTCError"]["properties"]) >= {"error_code", "error_msg", "error"}
    [diag] = [d for d in result.diagnostics if d.code == "status.from_linked_table"]
    assert diag.source.file == "thing_management/query.rst" and "400, 404" in diag.message

    assert spec["tags"] == [{"name": "Thing Management", "description": "Things are what this service keeps.",
                             "x-source": {"file": "thing_management/index.rst", "line": 8}}]
    assert spec["info"]["license"] == {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"}
    assert spec["info"]["contact"]["url"] == "https://github.com/opentelekomcloud-docs/things"


def test_a_section_without_intro_text_gives_no_tag_description(make_tree: Callable[[dict[str, str]], Path]) -> None:
    index = SECTION_INDEX.replace("Things are what this service keeps.\n\n", "")
    root = make_tree({"thing_management/create.rst": _page('{"count": 3}', '{"name": "x"}'),
                      "thing_management/index.rst": index})
    assert build_spec(root, "things").spec["tags"] == [{"name": "Thing Management"}]


def test_component_nothing_references_is_dropped_with_a_diagnostic() -> None:
    from generator.build.finish.unreferenced import drop_unreferenced

    spec: dict[str, Any] = {"paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Used"}}}}}}}},
        "components": {"schemas": {
            "Used": {"type": "object", "properties": {"n": {"$ref": "#/components/schemas/Nested"}}},
            "Nested": {"type": "object"},
            "Orphan": {"type": "object", "x-source": {"file": "a.rst", "line": 7}}}}}
    [d] = drop_unreferenced(spec)
    assert sorted(spec["components"]["schemas"]) == ["Nested", "Used"]
    assert (d.code, d.source, "'Orphan'" in d.message) == ("component.unreferenced", Source("a.rst", 7), True)


def test_placeholder_used_twice_is_declared_per_occurrence(make_tree: Callable[[dict[str, str]], Path]) -> None:
    path_table = table("Path parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                           ["project_id", "Yes", "String", "Project ID."]])
    quota = page("Querying Quotas", "GET /v2.1/{project_id}/os-quota-sets/{project_id}", f"""
Request Parameters
------------------

{path_table}
Response Parameters
-------------------

{RESPONSE}""", name="ShowQuotas")
    root = make_tree({"quotas/show.rst": quota})
    result = build_spec(root, "things")
    [(path, item)] = result.spec["paths"].items()
    assert path == "/v2.1/{project_id}/os-quota-sets/{project_id_2}"
    params = item["get"]["parameters"]
    assert [(p["name"], p.get("x-otc-same-as")) for p in params] == [("project_id", None),
                                                                     ("project_id_2", "project_id")]
    assert item["get"]["x-otc-docs-path"] == "/v2.1/{project_id}/os-quota-sets/{project_id}"
    assert [d.code for d in result.diagnostics if d.code == "path.repeated_placeholder"] == [
        "path.repeated_placeholder"]
    findings = check(result.spec, Source("<spec>", 0))
    assert not [d for d in findings.diagnostics if d.code.startswith("check.path")]
    cov = coverage("things", result.pages, result.spec, sorted(result.diagnostics + findings.diagnostics), True,
                   findings)
    assert cov.operations_in_spec == 1  # the page's call is found under its numbered path


def test_yaml_keeps_strings_that_yaml_1_2_readers_would_take_for_numbers() -> None:
    from generator.core.emit import dump_yaml

    doc = {"areacode": "0086", "octal": "0o17", "float": "1e3", "word": "true", "plain": "abc", "number": 86}
    text = dump_yaml(doc)
    # the JavaScript tools (Prism, Spectral, Redocly) read YAML 1.2, where a plain 0086 is the integer 86
    assert "areacode: '0086'" in text and "octal: '0o17'" in text and "float: '1e3'" in text
    assert "word: 'true'" in text and "plain: abc" in text and "number: 86" in text


def test_integer_whose_documented_example_exceeds_int32_becomes_int64(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"things/create.rst": _page('{"count": 1650000000000}', '{"name": "x"}')})
    result = build_spec(root, "things")
    media = _media(result.spec, "request")
    assert "examples" in media and "x-otc-invalid-examples" not in media  # evidence, not a defect
    count = result.spec["components"]["schemas"]["CreateThingRequest"]["properties"]["count"]
    assert count["type"] == "integer" and count["format"] == "int64"
    [d] = [d for d in result.diagnostics if d.code == "example.int64_widened"]
    assert "1650000000000" in d.message and d.source.file == "things/create.rst"


def test_tag_intro_and_linked_status_rows_come_from_the_extracted_pages(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    """Link + render read the section intro and the linked status table from the pages (the page cache's),
    never from the files again: with the files gone, the same spec."""
    from generator.build.pipeline import _link_and_render, rst_files
    from generator.core.config import default_service
    from generator.speed.parallel import extract_pages

    query = page("Querying a Thing", "GET /v1/things", "\nReturned Value\n--------------\n\n"
                 "For details, see :ref:`Status Code <things_status>`.\n", name="QueryThing")
    root = make_tree({"thing_management/query.rst": query, "thing_management/index.rst": SECTION_INDEX,
                      "appendix/status_code.rst": STATUS_APPENDIX})
    expected = build_spec(root, "things").spec
    pages = extract_pages(rst_files(root), root, 1)
    index = next(p for p in pages if p.file == "thing_management/index.rst")
    assert index.text is not None and index.text.intro == ("Things are what this service keeps.", 8)
    for f in rst_files(root):
        f.unlink()
    spec = _link_and_render(default_service("things"), pages).spec
    assert spec == expected
    assert spec["tags"][0]["description"] == "Things are what this service keeps."
    assert {"400", "404"} <= set(spec["paths"]["/v1/things"]["get"]["responses"])  # from the linked table
