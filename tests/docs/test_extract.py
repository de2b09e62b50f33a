"""The extract stage on small pages: sections and URI, tables, parameters, responses, examples."""

from __future__ import annotations

import pytest
from docutils import nodes

from generator.core.model import Page, ParamLocation
from generator.core.types import Kind, TypeExpr
from generator.docs.extract import extract
from generator.docs.extract.context import outside_tables
from generator.docs.extract.examples import strip_request_line
from generator.docs.extract.sections import operation_id, split_uri, tag
from generator.docs.extract.tables import caption_subject, strip_table_number
from generator.docs.read import read_text
from tests.rst_snippets import line_of, page, table

FILE = "things/creating_a_thing.rst"


def run(text: str, file: str = FILE) -> Page:
    return extract(read_text(text, file))


def codes(p: Page) -> list[str]:
    return [d.code for d in p.diagnostics]


# ---------------------------------------------------------------- sections and URI


@pytest.mark.parametrize(("raw", "path", "query"), [
    ("/v1/{project_id}/things", "/v1/{project_id}/things", []),
    ("https://{endpoint}/v1/things/", "/v1/things", []),
    ("/v1/things?limit={limit}&offset={offset}", "/v1/things", ["limit", "offset"]),
    ("/v1/things{?limit,marker}", "/v1/things", ["limit", "marker"]),
    ("{ecs_endpoint}/v2/servers.", "/v2/servers", []),
])
def test_split_uri(raw: str, path: str, query: list[str]) -> None:
    assert split_uri(raw) == (path, query)


def test_operation_id_from_original_name_else_title() -> None:
    doc = read_text(page("Creating a Thing", "POST /v1/things", name="CreateThing"), FILE).doctree
    assert operation_id(doc, "Creating a Thing").name == "CreateThing"
    bare = read_text("Title\n=====\n\nText.\n", FILE).doctree
    assert operation_id(bare, "Querying Thing Details").name == "ShowThing"
    not_camel = read_text(page("Querying Things", "GET /v1/things", name="en-us_topic_0001"), FILE).doctree
    assert operation_id(not_camel, "Querying Things").name == "ListThings"
    assert tag("development_environment-management/x.rst") == "Development Environment Management"


def test_a_stated_api_name_is_the_operation_id() -> None:
    text = page("Querying Topic Policies", "GET /v2/{project_id}/notifications/topics/{topic_urn}/attributes",
                name="smn_api_56001")
    stated = text.replace("Does a thing.", "Does a thing.\n\nAPI name: **ListTopicAttributes**")
    assert operation_id(read_text(stated, FILE).doctree, "Querying Topic Policies").name == "ListTopicAttributes"
    # a name in running text is no statement
    prose = text.replace("Does a thing.", "Does a thing. Its API name: ListTopicAttributes, see the SDK.")
    assert operation_id(read_text(prose, FILE).doctree, "Querying Topic Policies").name == "ListTopicPolicies"


def test_page_without_uri_is_not_an_api_page() -> None:
    p = run("Overview\n========\n\nSome words.\n\nDetails\n-------\n\nMore.\n")
    assert not p.is_api and p.operations == []
    assert codes(p) == ["page.not_api"]


def test_request_sections_without_uri_line_are_reported() -> None:
    # the field list keeps docutils from promoting the page's section to the document title
    p = run(":original_name: Thing.html\n\nThing\n=====\n\nRequest Parameters\n------------------\n\nNone.\n")
    assert not p.is_api
    assert codes(p) == ["page.no_uri"]


def test_samples_without_a_uri_line_are_no_call_of_the_page() -> None:
    # OBS "SSE-C" and the CCE add-on parameter pages: samples of other pages' calls, no call of their own
    p = run(":original_name: sse.html\n\nSSE-C\n=====\n\nSample Request: Uploading an Object\n"
            "-----------------------------------\n\n.. code-block:: text\n\n   PUT /object01 HTTP/1.1\n")
    assert not p.is_api
    assert codes(p) == ["page.not_api"]


def test_uri_line_gives_method_path_and_query_parameters() -> None:
    p = run(page("Listing Things", "GET /v1/{project_id}/things?limit={limit}", name="ListThings"))
    [op] = p.operations
    assert (op.operation_id, op.method, op.path, op.tag) == ("ListThings", "get", "/v1/{project_id}/things", "Things")
    assert op.summary == "Listing Things" and op.description == "Does a thing."
    assert [f.name for f in op.parameters[ParamLocation.PATH]] == ["project_id"]
    assert [f.name for f in op.parameters[ParamLocation.QUERY]] == ["limit"]
    assert {"param.undocumented_path", "param.query_from_uri", "status.none"} <= set(codes(p))


def test_rds_v1_bullets_give_the_call() -> None:
    body = "URI\n---\n\n- PATH: /v1/{project_id}/instances\n- Method: POST\n"
    text = ":original_name: CreateInstance.html\n\nCreating an Instance\n====================\n\n" + body
    [op] = run(text).operations
    assert (op.method, op.path) == ("post", "/v1/{project_id}/instances")


def test_second_uri_line_is_an_alias_with_a_version_suffix() -> None:
    p = run(page("Showing a Server", "GET /v2.1/{project_id}/servers/{id}\n\nGET /v2/{project_id}/servers/{id}",
                 name="ShowServer"))
    first, alias = p.operations
    assert (first.path, alias.path) == ("/v2.1/{project_id}/servers/{id}", "/v2/{project_id}/servers/{id}")
    assert alias.operation_id == "ShowServerV2" and alias.alias_of == "ShowServer"
    assert "uri.alias" in codes(p)


def test_unknown_section_titles_are_reported_on_api_pages() -> None:
    p = run(page("Thing", "GET /v1/things", "Odd Heading\n-----------\n\nText.\n"))
    [d] = [d for d in p.diagnostics if d.code == "section.unknown"]
    assert "Odd Heading" in d.message


# ---------------------------------------------------------------- tables and parameters


PARAMS = table("Path parameters", [
    ["Parameter", "Mandatory", "Type", "Description"],
    ["project_id", "Yes", "String", "Project ID."],
    ["limit", "No", "Integer", "Page size. Value range: 1 to 100."],
])
BODY = table("Request body parameters", [
    ["Parameter", "Mandatory", "Type", "Description"],
    ["name", "Yes", "String", "Name."],
    ["spec", "No", ":ref:`Spec <thing_spec>` object", "Spec of the thing."],
    ["labels", "No", "Map<String,String>", "Labels."],
])
NESTED = table("Spec", [
    ["Parameter", "Mandatory", "Type", "Description"],
    ["size", "Yes", "Long", "Size in GB."],
], label="thing_spec")


def thing_page() -> str:
    return page("Creating a Thing", "POST /v1/{project_id}/things",
                "Request Parameters\n------------------\n\n" + PARAMS + BODY + NESTED, name="CreateThing")


def test_tables_get_roles_and_rows_become_fields() -> None:
    text = thing_page()
    p = run(text)
    [op] = p.operations
    assert [f.name for f in op.parameters[ParamLocation.PATH]] == ["project_id"]
    # a row of the path table that is no placeholder is a query parameter
    [limit] = op.parameters[ParamLocation.QUERY]
    assert limit.name == "limit" and limit.constraints.minimum == 1 and limit.constraints.maximum == 100
    assert "param.query_in_path_table" in codes(p)
    assert op.request_body is not None and op.request_body.name == "CreateThingRequest"
    fields = {f.name: f for f in op.request_body.fields}
    assert fields["name"].required and fields["name"].type == TypeExpr(Kind.STRING)
    assert fields["spec"].type.kind is Kind.REF and fields["spec"].type.ref == "thing_spec"
    assert fields["labels"].type == TypeExpr(Kind.MAP, items=TypeExpr(Kind.STRING))
    assert fields["name"].source.line == line_of(text, "   name ")
    [nested] = p.schemas
    assert (nested.label, nested.name, [f.name for f in nested.fields]) == ("thing_spec", "Spec", ["size"])
    assert nested.fields[0].type == TypeExpr(Kind.INTEGER, "int64")
    assert (p.rows_total, p.rows_resolved, p.rows_unknown_type, p.rows_failed) == (6, 6, 0, 0)


def test_unknown_type_is_counted_reported_and_left_untyped() -> None:
    bad = table("Request body parameters", [
        ["Parameter", "Mandatory", "Type", "Description"],
        ["weird", "No", "Frobnicator<>", "?"],
    ])
    p = run(page("Thing", "POST /v1/things", "Request Parameters\n------------------\n\n" + bad))
    assert (p.rows_total, p.rows_resolved, p.rows_unknown_type, p.rows_failed) == (1, 0, 1, 0)
    assert "type.unknown" in codes(p)
    [op] = p.operations
    assert op.request_body is not None and [f.type for f in op.request_body.fields] == [TypeExpr(Kind.ANY)]


def test_auth_and_content_type_headers_are_not_parameters() -> None:
    headers = table("Request header parameters", [
        ["Parameter", "Mandatory", "Type", "Description"],
        ["X-Auth-Token", "Yes", "String", "Token."],
        ["Content-Type", "Yes", "String", "Media type."],
        ["X-Trace", "No", "String", "Trace ID."],
    ])
    p = run(page("Thing", "GET /v1/things", "Request Parameters\n------------------\n\n" + headers))
    [op] = p.operations
    assert [f.name for f in op.parameters[ParamLocation.HEADER]] == ["X-Trace"]
    assert {"param.auth_header", "param.content_type_header"} <= set(codes(p))


def test_lone_dash_row_types_the_whole_body() -> None:
    body = table("Request body parameters", [
        ["Parameter", "Mandatory", "Type", "Description"],
        ["\\-", "Yes", "Array of strings", "IDs."],
    ])
    [op] = run(page("Thing", "POST /v1/things", "Request Parameters\n------------------\n\n" + body)).operations
    assert op.request_body is None
    assert op.request_body_type == TypeExpr(Kind.ARRAY, items=TypeExpr(Kind.STRING))


@pytest.mark.parametrize(("caption", "subject"), [
    ("Table 3 **server** field data structure description", "server"),
    ("Description of the tags field", "tags"),
    ("Data structure of the projects.links field", "projects.links"),
    ("Request parameters", None),
    ("Parameters", None),
    ("Parameter", None),
    # modelarts 3fb762f modifying_a_training_job_configuration.rst "Table 4 **parameter** parameters": the table of
    # the body's row `parameter`, never a second part of the body's table
    ("Table 4 **parameter** parameters", "parameter"),
])
def test_caption_subject(caption: str, subject: str | None) -> None:
    assert caption_subject(caption.replace("**", "")) == subject


def test_strip_table_number() -> None:
    assert strip_table_number("Table 12: EndpointsReq") == "EndpointsReq"


# ---------------------------------------------------------------- responses


STATUS = table("Status codes", [["Status Code", "Description"], ["200", "OK"], ["404", "Not found"]])
RESPONSE = table("Response body parameters", [
    ["Parameter", "Type", "Description"],
    ["id", "String", "Thing ID."],
])


def test_status_table_and_response_body() -> None:
    text = page("Showing a Thing", "GET /v1/things/{id}",
                "Response Parameters\n-------------------\n\n" + RESPONSE + "Status Codes\n------------\n\n" + STATUS,
                name="ShowThing")
    [op] = run(text).operations
    assert [(r.status, r.description) for r in op.responses] == [("200", "OK"), ("404", "Not found")]
    ok = op.responses[0]
    assert ok.body is not None and ok.body.name == "ShowThingResponse" and [f.name for f in ok.body.fields] == ["id"]
    assert op.responses[1].body is None


def test_status_codes_from_prose() -> None:
    text = page("Deleting a Thing", "DELETE /v1/things/{id}",
                "Status Codes\n------------\n\nNormal response code: 204\n")
    p = run(text)
    [op] = p.operations
    assert [r.status for r in op.responses] == ["204"]
    assert "status.from_prose" in codes(p)


def test_status_only_linked_becomes_default_response() -> None:
    text = page("Deleting a Thing", "DELETE /v1/things/{id}",
                "Status Codes\n------------\n\nSee :ref:`Status Codes <status_code>`.\n")
    p = run(text)
    [op] = p.operations
    assert [r.status for r in op.responses] == ["default"]
    assert "status.from_appendix" in codes(p)


# ---------------------------------------------------------------- examples


def test_request_and_response_examples_are_parsed_and_filed() -> None:
    body = """Example Requests
----------------

.. code-block::

   POST https://{endpoint}/v1/things
   Content-Type: application/json

   {"name": "a"}

Example Responses
-----------------

**Status code: 200**

.. code-block::

   {"id": "x"}

or

.. code-block::

   {"error_code": "T.001", "error_msg": "bad"}
"""
    text = page("Creating a Thing", "POST /v1/things", body, name="CreateThing")
    p = run(text)
    [op] = p.operations
    [req] = op.request_examples
    assert (req.name, req.value, req.headers) == ("CreateThingRequest", {"name": "a"},
                                                   {"Content-Type": "application/json"})
    assert req.source.line == line_of(text, "POST https://{endpoint}/v1/things")
    by_status = {r.status: r for r in op.responses}
    assert [e.value for e in by_status["200"].examples] == [{"id": "x"}]
    assert [e.value for e in by_status["default"].examples] == [{"error_code": "T.001", "error_msg": "bad"}]
    assert {"example.error_body"} <= set(codes(p))


def test_invalid_json_example_is_an_error_at_its_line() -> None:
    body = "Example Requests\n----------------\n\n.. code-block::\n\n   {\"name\": }\n"
    text = page("Thing", "POST /v1/things", body)
    p = run(text)
    [d] = [d for d in p.diagnostics if d.code == "example.invalid_json"]
    assert d.source.line == line_of(text, '{"name": }')
    assert p.operations[0].request_examples == []


def test_the_json_of_a_walkthrough_code_block_is_the_example() -> None:
    # identity-access-management a819e7f apis/user_management/creating_a_user.rst: steps, the file's JSON, a curl
    # command and a clean-up in one code block
    block = ("1. Create the temporary file ${filename}.json based on the following template.\n"
             "{\n    \"user\": {\n        \"name\": \"jamesdoe\",\n        \"enabled\": true\n    }\n}\n"
             "2. Run the following command under the directory storing the ${filename}.json file.\n"
             "curl -i -k -H 'Accept:application/json' -X POST -d @${filename}.json https://sample.domain.com/v3/users\n"
             "3. Run the following command to delete the ${filename}.json file.\nrm ${filename}.json")
    body = "Example Requests\n----------------\n\n.. code-block::\n\n" + "".join(
        f"   {ln}\n" for ln in block.splitlines())
    text = page("Creating a User", "POST /v3/users", body)
    p = run(text)
    [req] = p.operations[0].request_examples
    assert req.value == {"user": {"name": "jamesdoe", "enabled": True}}
    assert "example.invalid_json" not in codes(p)
    [d] = [d for d in p.diagnostics if d.code == "example.embedded_json"]
    assert d.source.line == req.source.line == line_of(text, "   {")


@pytest.mark.parametrize("block", [
    '{"name": }\nNote: the name',  # broken JSON: never cut down to a part
    '{"a": 1}\n{"b": 2}',  # two documents: which one is the example is not said
    'Step 1\n{"a": 1}\nStep 2\n{"b": 2}',
    'Run:\n{"a": 1',
])
def test_a_code_block_with_no_single_whole_json_document_stays_invalid(block: str) -> None:
    body = "Example Requests\n----------------\n\n.. code-block::\n\n" + "".join(
        f"   {ln}\n" for ln in block.splitlines())
    p = run(page("Thing", "POST /v1/things", body))
    assert p.operations[0].request_examples == []
    assert "example.invalid_json" in codes(p) and "example.embedded_json" not in codes(p)


def test_curl_example_body_and_headers() -> None:
    text = "curl -X POST https://x/v1/things -H 'X-Auth-Token: t' -d '{\"a\": 1}'"
    assert strip_request_line(text) == ('{"a": 1}', {"X-Auth-Token": "t"})


def test_outside_tables_skips_cell_paragraphs_but_keeps_tables() -> None:
    doc = read_text("T\n=\n\nBefore.\n\n" + STATUS + "After.\n", FILE).doctree
    found = list(outside_tables(doc, nodes.paragraph, nodes.table))
    assert [type(n).__name__ for n in found] == ["paragraph", "table", "paragraph"]
    assert [n.astext() for n in found if isinstance(n, nodes.paragraph)] == ["Before.", "After."]


def test_every_2xx_in_prose_is_a_success_beside_a_body_table() -> None:
    """The DNS style: a response table with no status, then "2xx, for example, 200, 202, or 204"."""
    text = page("Creating a Thing", "POST /v1/things",
                "Response Parameters\n-------------------\n\n" + RESPONSE + "Returned Value\n--------------\n\n"
                "If a 2xx status code is returned, for example, 200, 202, or 204, the request is successful.\n",
                name="CreateThing")
    p = run(text)
    [op] = p.operations
    assert [r.status for r in op.responses] == ["200", "202", "204"]
    assert op.responses[0].body is not None and op.responses[0].body.name == "CreateThingResponse"
    assert all(r.from_prose for r in op.responses)  # the spec gives 202 the 200 body (tests/build/test_openapi.py)
    assert "status.from_body" not in codes(p) and codes(p).count("status.from_prose") == 3


def test_prose_2xx_beside_a_status_table_adds_only_successes() -> None:
    text = page("Showing a Thing", "GET /v1/things/{id}",
                "Response Parameters\n-------------------\n\nNormal response codes: 200, 202\n\n"
                "Error response codes: 400, 500\n\n" + RESPONSE + "Status Codes\n------------\n\n" + STATUS,
                name="ShowThing")
    [op] = run(text).operations
    assert [r.status for r in op.responses] == ["200", "202", "404"]


def test_a_struct_table_after_a_captioned_body_table_is_no_part_of_the_body() -> None:
    """ECS creating_ecss.rst:891: "Request parameters", then a "**security_options** field description" table no
    row links to: its rows were merged into the body root (a required `tpm_enabled` on every create call)."""
    text = page("Creating a Thing", "POST /v1/things",
                "Request Parameters\n------------------\n\n"
                + table("Request parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                               ["name", "Yes", "String", "The name."]])
                + table("**security_options** field description",
                        [["Parameter", "Mandatory", "Type", "Description"],
                         ["tpm_enabled", "Yes", "Boolean", "Whether to enable TPM."]]),
                name="CreateThing")
    p = run(text)
    [op] = p.operations
    assert op.request_body is not None and [f.name for f in op.request_body.fields] == ["name"]
    assert [s.subject for s in p.schemas] == ["security_options"]


def test_response_header_rows_in_a_body_table_become_headers() -> None:
    body = table("Response parameters", [
        ["Parameter", "Mandatory", "Type", "Description"],
        ["Location", "Yes", "String", "Specifies the local URL of the image, which is returned in the request header."],
        ["X-Request-Id", "No", "String", "Request ID."],
        ["Content-Digest", "No", "String", "Digest of the body, returned in the response header."],
        ["image_id", "Yes", "String", "Specifies the image UUID."],
        ["location", "No", "String", "Where the image is stored."],
        ["sub-type", "No", "String", "A hyphenated body field."],
    ])
    text = page("Thing", "POST /v1/things", "Response Parameters\n-------------------\n\n" + body)
    p = run(text)
    [op] = p.operations
    [resp] = [r for r in op.responses if r.status == "200"]
    assert [h.name for h in resp.headers] == ["Location", "X-Request-Id", "Content-Digest"]
    assert resp.body is not None
    assert [f.name for f in resp.body.fields] == ["image_id", "location", "sub-type"]
    found = [d for d in p.diagnostics if d.code == "response.header_in_body"]
    assert [d.source.line for d in found] == [line_of(text, "Location "), line_of(text, "X-Request-Id"),
                                              line_of(text, "Content-Digest")]


def test_a_body_table_of_header_rows_only_gives_no_body() -> None:
    body = table("Response parameters", [
        ["Parameter", "Type", "Description"],
        ["ETag", "String", "Entity tag of the object, returned in the response header."],
    ])
    p = run(page("Thing", "PUT /v1/things", "Response Parameters\n-------------------\n\n" + body))
    [resp] = [r for r in p.operations[0].responses if r.status == "200"]
    assert resp.body is None and [h.name for h in resp.headers] == ["ETag"]


@pytest.mark.parametrize(("text", "bound"), [
    ("Specifies the image UUID. This parameter is supported in microversion 2.45 and later.", True),
    ("This parameter is not supported in microversion 2.44 and later.", True),
    ("Supported from microversion 2.3 or higher.", True),
    ("Supported in microversions 2.1 to 2.44.", True),
    ("Specifies the microversion the server supports.", False),
    ("If this parameter is not specified, the supported minimum microversion is returned.", False),
])
def test_microversion_bound_prose(text: str, bound: bool) -> None:
    from generator.docs.extract.microversion import microversion_bound

    assert microversion_bound(text) is bound


def test_response_rows_of_some_microversions_are_not_required() -> None:
    body = table("Response parameters", [
        ["Parameter", "Mandatory", "Type", "Description"],
        ["image_id", "Yes", "String", "The image UUID. This parameter is supported in microversion 2.45 and later."],
        ["name", "Yes", "String", "Specifies the image name."],
    ])
    request = table("Request body parameters", [
        ["Parameter", "Mandatory", "Type", "Description"],
        ["tag", "Yes", "String", "This parameter is supported in microversion 2.26 and later."],
    ])
    text = page("Thing", "POST /v1/things", "Request Parameters\n------------------\n\n" + request
                + "Response Parameters\n-------------------\n\n" + body)
    p = run(text)
    [op] = p.operations
    [resp] = [r for r in op.responses if r.status == "200"]
    assert resp.body is not None
    assert [(f.name, f.required) for f in resp.body.fields] == [("image_id", False), ("name", True)]
    assert op.request_body is not None and [f.required for f in op.request_body.fields] == [True]
    [d] = [d for d in p.diagnostics if d.code == "field.microversion_bound"]
    assert d.source.line == line_of(text, "image_id")


def test_xml_elements_spelt_like_headers_stay_in_the_body() -> None:
    # OBS: `<Location>` and `<ETag>` are elements of the XML body; only a description saying "header" moves a row
    body = table("Response elements", [
        ["Element", "Type", "Description"],
        ["Location", "String", "Region where the bucket resides."],
        ["ETag", "String", "Entity tag of the object."],
    ])
    p = run(page("Thing", "GET /v1/things", "Response Elements\n-----------------\n\n" + body))
    [resp] = [r for r in p.operations[0].responses if r.status == "200"]
    assert resp.body is not None and [f.name for f in resp.body.fields] == ["Location", "ETag"]
    assert resp.headers == [] and "response.header_in_body" not in codes(p)


def test_a_sample_titled_with_what_it_shows_is_read_as_a_sample() -> None:
    # OBS c20ad7b "Sample Request: Uploading an Object (with the ACL Configured)"
    body = ("Sample Request: Setting a Thing\n-------------------------------\n\n.. code-block:: text\n\n"
            "   POST /v1/things HTTP/1.1\n   Host: x\n\n   {\"name\": \"a\"}\n")
    p = run(page("Thing", "POST /v1/things", body))
    assert [e.value for e in p.operations[0].request_examples] == [{"name": "a"}]
    assert "section.unknown" not in codes(p)


def test_a_sample_body_that_is_a_bare_value_is_the_raw_bytes_of_the_body() -> None:
    # OBS "Uploading Objects - PUT": the sample request's body is `1234567890`, the object's content
    text = page("Uploading Objects", "PUT /ObjectName", "Sample Request\n--------------\n\n.. code-block:: text\n\n"
                "   PUT /object01 HTTP/1.1\n   Host: examplebucket.obs.region.example.com\n   Content-MD5: x==\n\n"
                "   1234567890\n")
    p = run(text)
    [op] = p.operations
    [ex] = op.request_examples
    assert (ex.media_type, ex.value) == ("application/octet-stream", "1234567890")
    assert op.request_media_type == "application/octet-stream"
    [d] = [d for d in p.diagnostics if d.code == "example.raw_body"]
    assert d.severity.value == "info"


def test_a_sample_body_standing_for_content_in_brackets_is_raw_bytes_not_broken_json() -> None:
    # OBS "Uploading Objects - PUT" sample 1: `[1024 Byte data content]` after the request line and headers
    text = page("Uploading Objects", "PUT /ObjectName", "Sample Request\n--------------\n\n.. code-block:: text\n\n"
                "   PUT /object01 HTTP/1.1\n   Host: examplebucket.obs.region.example.com\n\n"
                "   [1024 Byte data content]\n")
    p = run(text)
    [ex] = p.operations[0].request_examples
    assert (ex.media_type, ex.value) == ("application/octet-stream", "[1024 Byte data content]")
    assert "example.invalid_json" not in codes(p)


_ACL_XML = ("   <AccessControlPolicy xmlns=\"http://obs.example.com/doc/2015-06-30/\">\n"
            "     <Owner><ID>a</ID></Owner>\n   </AccessControlPolicy>\n")


def _acl_page(rows: list[list[str]], xml: str = _ACL_XML) -> str:
    return page("Configuring an Object ACL", "PUT /ObjectName?acl", "Request Elements\n----------------\n\n"
                + table("Request elements", [["Element", "Description", "Mandatory"], *rows])
                + "Sample Request\n--------------\n\n.. code-block:: text\n\n   PUT /object01?acl HTTP/1.1\n\n" + xml)


def test_an_element_row_naming_the_root_of_the_xml_examples_is_the_document_not_a_field() -> None:
    # OBS 918d018 configuring_an_object_acl.rst:107 lists `AccessControlPolicy`, "a parent node of Owner, ...", the
    # root element of its example, beside Owner and ID
    text = _acl_page([["AccessControlPolicy", "Access control policy. Type: XML", "Yes"],
                      ["Owner", "Owner information. Type: XML", "Yes"], ["ID", "Domain ID. Type: string", "Yes"]])
    p = run(text)
    body = p.operations[0].request_body
    assert body is not None and [f.name for f in body.fields] == ["Owner", "ID"]
    [d] = [d for d in p.diagnostics if d.code == "xml.root_row"]
    assert d.source.line == line_of(text, "AccessControlPolicy Access")


def test_an_element_row_named_like_no_example_root_stays() -> None:
    other = "   <Policy>\n     <Owner><ID>a</ID></Owner>\n   </Policy>\n"
    p = run(_acl_page([["AccessControlPolicy", "Access control policy. Type: XML", "Yes"],
                       ["Owner", "Owner information. Type: XML", "Yes"]], other))
    body = p.operations[0].request_body
    assert body is not None and [f.name for f in body.fields] == ["AccessControlPolicy", "Owner"]
    assert "xml.root_row" not in codes(p)


# ---------------------------------------------------------------- one page per diagnostic code

_H = ["Parameter", "Mandatory", "Type", "Description"]
_BODY = "Request Parameters\n------------------\n\n"
_STATUS_OK = "Status Codes\n------------\n\n" + table("Status codes", [["Status Code", "Description"], ["200", "OK"]])


@pytest.mark.parametrize(("code", "text"), [
    ("page.no_title", "Just a paragraph, no section.\n"),
    ("rst.warning", page("Thing", "POST /v1/things", "Title\n===\n\ntext\n")),
    ("table.empty_name", page("Thing", "POST /v1/things", _BODY + table("Request body parameters", [
        _H, ["\\", "No", "String", "x"], ["a", "No", "String", "y"]]))),
    ("table.placeholder_row", page("Thing", "POST /v1/things", _BODY + table("Request body parameters", [
        _H, ["\\-", "\\-", "\\-", "\\-"], ["a", "No", "String", "y"]]))),
    ("type.no_column", page("Thing", "POST /v1/things", _BODY + table("Request body parameters", [
        ["Parameter", "Mandatory", "Description"], ["a", "No", "y"]]))),
    ("field.conditional_required", page("Thing", "POST /v1/things", _BODY + table("Request body parameters", [
        _H, ["a", "Mandatory when b is set", "String", "y"]]))),
    # a table in a section no role is read from, whose caption names no object: no role to give it
    ("table.unclassified", page("Thing", "POST /v1/things", "Debugging\n---------\n\n" + table("Description", [
        _H, ["a", "No", "String", "y"]]))),
    ("status.unparsed", page("Thing", "GET /v1/things", "Status Codes\n------------\n\n" + table("Status codes", [
        ["Status Code", "Description"], ["OK", "fine"], ["200", "OK"]]))),
    ("example.xml", page("Thing", "GET /v1/things", _STATUS_OK + "Example Responses\n-----------------\n\n"
                         "**Status code: 200**\n\n.. code-block:: xml\n\n   <a>1</a>\n")),
    ("example.undocumented_status", page("Thing", "GET /v1/things", _STATUS_OK + "Example Responses\n"
                                         "-----------------\n\n**Status code: 202**\n\n.. code-block::\n\n"
                                         "   {\"a\": 1}\n")),
    ("example.embedded_json", page("Thing", "POST /v1/things", "Example Requests\n----------------\n\n"
                                   ".. code-block::\n\n   1. Write the file:\n   {\"a\": 1}\n   2. curl -d @f\n")),
])
def test_each_page_finding_has_its_code(code: str, text: str) -> None:
    p = run(text)
    assert code in codes(p)
    assert p.rows_failed == (1 if code == "table.empty_name" else 0)


def test_a_walkthrough_block_nested_beyond_the_limit_is_dropped_as_too_deep_not_a_crash() -> None:
    deep = "\n".join(["   " + "[" * 5_000] * 4 + ["   " + "]" * 5_000] * 4)  # docutils' own line limit is 10,000
    body = "Example Requests\n----------------\n\n.. code-block::\n\n   1. Write the file:\n" + deep + "\n   2. Run\n"
    p = run(page("Thing", "POST /v1/things", body))
    assert p.operations[0].request_examples == []
    assert "example.too_deep" in codes(p) and "page.crash" not in codes(p)
