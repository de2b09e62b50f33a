"""Bodies third-party tools take as they are (issue 15): numbers beyond int64, HTML beside JSON, XML requests."""

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
from tests.rst_snippets import page, table

LONG = table("Response body parameters", [["Parameter", "Type", "Description"],
                                          ["remain_time", "Long", "Remaining time."]])


def _zones_page(value: str) -> str:
    return page("Listing AZs", "GET /v2/available-zones", f"""
Response Parameters
-------------------

**Status code: 200**

{LONG}
Example Responses
-----------------

**Status code: 200**

.. code-block::

   {{"remain_time" : {value}}}
""", name="ListZones")


def test_number_beyond_int64_is_a_defect_not_an_example(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # Java's Long.MAX_VALUE printed through a double (DMS): 2**63, one above int64; no client, server or
    # mock holds it, and Prism serves it as 9223372036854775808 rounded
    root = make_tree({"zones/list.rst": _zones_page("9223372036854776000")})
    spec = build_spec(root, "zones").spec
    media = spec["paths"]["/v2/available-zones"]["get"]["responses"]["200"]["content"]["application/json"]
    assert "examples" not in media
    [kept] = media["x-otc-invalid-examples"].values()
    assert kept["value"] == {"remain_time": 9223372036854776000}
    assert kept["x-mismatches"] == [{"at": "/remain_time", "message": "9223372036854776000 is outside the int64 range"}]
    found = [d.message for d in check(spec, Source("<spec>", 0)).diagnostics if d.code == "example.schema_mismatch"]
    assert found == ["ListZones response 200 example ListZonesResponse200: at /remain_time: "
                     "9223372036854776000 is outside the int64 range"]
    view, _ = client_view(spec)
    data = conformance_data(spec, generator_names(view, "otc_zones_client"), view)
    [case] = [c for c in data["schemas"] if c["schema"] == "ListZonesResponse"]
    assert case["examples"][0]["mismatch"]  # the generated validity test is a strict xfail, as check says


def test_largest_int64_stays_an_example(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # above 2**53 but inside int64: valid; Prism alone narrows int64 to JavaScript's safe integers
    root = make_tree({"zones/list.rst": _zones_page("9223372036854775807")})
    spec = build_spec(root, "zones").spec
    media = spec["paths"]["/v2/available-zones"]["get"]["responses"]["200"]["content"]["application/json"]
    assert list(media["examples"]) == ["ListZonesResponse200"] and "x-otc-invalid-examples" not in media


TAG = table("Response parameters", [["Parameter", "Type", "Description"],
                                    ["code", "String", "Example: 201 Created"],
                                    ["title", "String", "Example: Created"]])


def _tag_page(*blocks: str) -> str:
    shown = "\n".join(f".. code-block::\n\n{block}\n" for block in blocks)
    return page("Adding a Tag", "PUT /v2.1/servers/{server_id}/tags/{tag}", f"""
Response
--------

{TAG}
Example Response
----------------

By default, the response is in HTML format.

{shown}
""", name="AddTag")


HTML = "   <html>\n   <head><title>201 Created</title></head>\n   <body><h1>201 Created</h1></body>\n   </html>"
JSON_BODY = '   {"code": "201 Created", "title": "Created"}'


def _content(spec: dict[str, Any]) -> dict[str, Any]:
    responses = spec["paths"]["/v2.1/servers/{server_id}/tags/{tag}"]["put"]["responses"]
    content: dict[str, Any] = next(iter(responses.values()))["content"]
    return content


def test_html_example_beside_json_gets_its_own_text_media_type(make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"tags/add.rst": _tag_page(HTML, JSON_BODY)})
    content = _content(build_spec(root, "tags").spec)
    assert list(content) == ["application/json", "text/html"]  # structured first: clients and mocks take it
    assert content["application/json"]["schema"] == {"$ref": "#/components/schemas/AddTagResponse"}
    assert [e["value"] for e in content["application/json"]["examples"].values()] == [
        {"code": "201 Created", "title": "Created"}]
    assert content["text/html"]["schema"] == {"type": "string"}
    [html] = content["text/html"]["examples"].values()
    assert html["value"].startswith("<html>")


def test_html_example_alone_leaves_the_tables_to_json(make_tree: Callable[[dict[str, str]], Path]) -> None:
    content = _content(build_spec(make_tree({"tags/add.rst": _tag_page(HTML)}), "tags").spec)
    assert content["application/json"] == {"schema": {"$ref": "#/components/schemas/AddTagResponse"}}
    assert content["text/html"]["schema"] == {"type": "string"}


def test_json_example_alone_is_unchanged(make_tree: Callable[[dict[str, str]], Path]) -> None:
    content = _content(build_spec(make_tree({"tags/add.rst": _tag_page(JSON_BODY)}), "tags").spec)
    assert list(content) == ["application/json"] and list(content["application/json"]["examples"])


ELEMENTS = table("Request elements", [["Element", "Mandatory", "Type", "Description"],
                                      ["Key", "Yes", "String", "Tag name."],
                                      ["Value", "Yes", "String", "Tag value."]])
TAGGING = ('<Tagging xmlns="http://obs.region.example.com/doc/2015-06-30/">'
           "<TagSet><Tag><Key>TagName1</Key><Value>TagSetValue1</Value></Tag></TagSet></Tagging>")


def _obs_page(example: str) -> str:
    return page("Adding Object Tags", "PUT /objectname", f"""
Request Elements
----------------

{ELEMENTS}
Sample Request
--------------

.. code-block:: text

   PUT /objectname?tagging HTTP/1.1
   Host: bucketname.obs.region.example.com

   {example}

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
""", name="AddObjectTags")


def _xml_request(make_tree: Callable[[dict[str, str]], Path], example: str) -> tuple[dict[str, Any], dict[str, Any]]:
    spec = build_spec(make_tree({"objects/tags.rst": _obs_page(example)}), "objects").spec
    view, _ = client_view(spec)
    [op] = conformance_data(spec, generator_names(view, "otc_objects_client"), view)["operations"]
    return spec, op["request"]


def test_xml_request_sends_the_documented_xml(make_tree: Callable[[dict[str, str]], Path]) -> None:
    spec, request = _xml_request(make_tree, TAGGING)
    assert list(spec["paths"]["/objectname"]["put"]["requestBody"]["content"]) == ["application/xml"]
    assert request["kind"] == "file" and request["content_type"] == "application/xml"
    assert request["body"] == TAGGING and request["documented"] is True


def test_malformed_xml_example_gives_way_to_a_minimal_instance(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # the docs' request syntax blocks declare `<?xml version="1.0" encoding="UTF-8">` (no closing `?`)
    _, request = _xml_request(make_tree, '<?xml version="1.0" encoding="UTF-8"><Tagging><Key>k</Key></Tagging>')
    assert request["documented"] is False
    assert request["body"] == "<AddObjectTagsRequest><Key>s</Key><Value>s</Value></AddObjectTagsRequest>"


def test_xml_instance_escapes_text_and_skips_names_xml_cannot_spell() -> None:
    from generator.client import xml_body

    spec = {"components": {"schemas": {"B": {"type": "object", "xml": {"name": "Body"}, "required": ["a", "b c"],
                                             "properties": {"a": {"type": "string", "enum": ["x<&y"]},
                                                            "b c": {"type": "string"}}}}}}
    text = xml_body.instance(spec, {"$ref": "#/components/schemas/B"})
    assert text == "<Body><a>x&lt;&amp;y</a></Body>" and xml_body.well_formed(text)
    assert not xml_body.well_formed('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')
    assert xml_body.is_xml("application/xml; charset=utf-8") and xml_body.is_xml("application/atom+xml")
    assert not xml_body.is_xml("application/json")


def test_prism_reading_xml_as_json_is_told_apart_from_a_real_rejection() -> None:
    from generator.devtools.ecosystem.prism import violations, xml_read_as_json

    problem = {"title": "Invalid request", "validation": [
        {"location": ["body"], "severity": "Error", "code": "type", "message": "Request body must be object"},
        {"location": ["body"], "code": "anyOf", "message": "Request body must match a schema in anyOf"}]}
    found = violations(__import__("json").dumps(problem).encode(), {})
    assert xml_read_as_json(found, "request") and not xml_read_as_json(found, "response")
    # a documented 4xx answer carries them in the `sl-violations` header instead
    header = '[{"location": ["request", "body"], "message": "Request body must be object", "severity": 0}]'
    assert xml_read_as_json(violations(b"", {"sl-violations": header}), "request")
    real = [{"location": ["body", "Key"], "message": "Request body property Key must be string"}]
    assert not xml_read_as_json(real, "request") and not xml_read_as_json([], "request")
    served = [{"location": ["response", "body"], "message": "Response body must be object"}]
    assert xml_read_as_json(served, "response")


def test_xml_success_is_told_for_each_client_function() -> None:
    # OBS `PUT /?acl`, `PUT /ObjectName`: one merged operation, one client function per page (variant); Prism
    # mocks the merged operation's response, so a variant is XML-served when that is XML or its own success is
    from generator.devtools.ecosystem.prism import xml_responses

    def ok(media: str) -> dict[str, Any]:
        return {"200": {"description": "OK", "content": {media: {"schema": {"type": "object"}}}}}

    merged_json = {"operationId": "GetJson", "responses": ok("application/json"), "x-otc-variants": [
        {"operationId": "GetJson", "responses": ok("application/json")},
        {"operationId": "GetXml", "responses": ok("application/xml")},
        {"operationId": "GetNothing", "responses": {"204": {"description": "No Content"}}},
        {"operationId": "NoParts"}]}
    merged_xml = {"operationId": "CopyParts", "responses": ok("application/xml"), "x-otc-variants": [
        {"operationId": "CopyParts", "responses": ok("application/xml")},
        {"operationId": "UploadParts", "responses": {"200": {"description": "OK"}}}]}
    spec = {"paths": {"/": {"parameters": [], "get": merged_json}, "/o": {"put": merged_xml}}}
    assert xml_responses(spec) == {"GetJson": False, "GetXml": True, "GetNothing": False, "CopyParts": True,
                                   "UploadParts": True}


def test_path_parameter_with_a_pattern_gets_a_value_that_matches_it() -> None:
    import re

    from generator.client.conformance import _param_value

    uuid = "^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$"
    value = _param_value({}, {"name": "key_id", "in": "path", "schema": {"type": "string", "pattern": uuid}})
    assert re.search(uuid, value)  # Prism --errors refused "key_id-value" (KMS CMK tags)
    assert _param_value({}, {"name": "id", "in": "path", "schema": {"type": "string"}}) == "id-value"


POLICY = '{"Statement": [{"Sid": "Stmt1", "Action": ["GetBucketLogging"], "Effect": "Allow"}]}'


def _policy_page() -> str:
    return page("Configuring a Bucket Policy", "PUT /?policy", f"""
Request Elements
----------------

The request body is a JSON string that contains the bucket policy information.

Sample Request
--------------

.. code-block:: text

   PUT /?policy HTTP/1.1
   Host: examplebucket.obs.region.example.com

   {POLICY}

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
204         No Content
=========== ===========
""", name="ConfigureBucketPolicy")


def test_body_given_only_by_example_is_sent_as_documented(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # OBS bucket policy: no table, a JSON example; the spec takes any JSON there (also where the call is merged
    # with another page's), and the client sends the documented policy, not a placeholder value
    domain = page("Configuring a Custom Domain", "PUT /?customdomain", """
Request Parameters
------------------

""" + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                        ["Name", "Yes", "String", "Domain name."]]), name="ConfigureCustomDomain")
    spec = build_spec(make_tree({"buckets/policy.rst": _policy_page(), "buckets/domain.rst": domain}),
                      "objects").spec
    op = spec["paths"]["/"]["put"]
    assert op["requestBody"]["content"]["application/json"]["schema"] == {}
    view, _ = client_view(spec)
    ops = conformance_data(spec, generator_names(view, "otc_objects_client"), view)["operations"]
    [request] = [o["request"] for o in ops if o["operation_id"] == "ConfigureBucketPolicy"]
    assert request["kind"] == "value" and request["documented"] is True
    assert request["body"] == __import__("json").loads(POLICY)
