"""The OpenAPI stage on small linked models: rendering, naming, merging pages, widening to null."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.build.link import link
from generator.build.render.merge import merge_operations
from generator.build.render.names import pascal
from generator.build.render.nulls import widen_nulls
from generator.build.render.openapi import render_spec
from generator.core.config import Service
from generator.core.model import (
    Constraints,
    DocOperation,
    Example,
    Field,
    Page,
    ParamLocation,
    Response,
    Schema,
    Source,
)
from generator.core.types import Kind, TypeExpr

SERVICE = Service(name="things", title="Things", docs=Path("."), client="otc-things-client",
                  endpoint="https://things.{region}.example.test")
F = "t/create.rst"


def fld(name: str, t: TypeExpr, line: int, required: bool = False, **constraints: Any) -> Field:
    return Field(name, t, required, f"The {name}.", Source(F, line), Constraints(**constraints))


def create_page(op_id: str = "CreateThing", nested_fields: list[Field] | None = None, file: str = F) -> Page:
    nested = Schema("Spec", nested_fields or [fld("size", TypeExpr(Kind.INTEGER, "int64"), 30, maximum=10)],
                    Source(file, 28), label=f"{file}:spec", title="Table 3 Spec")
    body = Schema(f"{op_id}Request", [fld("name", TypeExpr(Kind.STRING), 20, required=True, max_length=64),
                                      fld("spec", TypeExpr(Kind.REF, ref=f"{file}:spec", ref_text="Spec"), 21)],
                  Source(file, 19))
    ok = Response("201", "Created", Source(file, 40))
    op = DocOperation(op_id, "post", "/v1/{project_id}/things", "Creating a Thing", "", Source(file, 5), "Things",
                      parameters={ParamLocation.PATH: [fld("project_id", TypeExpr(Kind.STRING), 12, True)]},
                      request_body=body, responses=[ok],
                      request_examples=[Example(f"{op_id}Request", "application/json", {"name": "a"},
                                                Source(file, 50))])
    return Page(file, "Creating a Thing", True, [op], [nested])


def render(*pages: Page) -> tuple[dict[str, Any], list[str]]:
    out = render_spec(SERVICE, list(pages), link(list(pages)))
    return out.spec, [d.code for d in out.diagnostics]


def test_operation_parameters_body_and_components() -> None:
    spec, codes = render(create_page())
    assert codes == []
    assert spec["openapi"] == "3.1.0" and spec["info"]["x-service"] == "things"
    assert spec["servers"] == [{"url": "https://things.{region}.example.test",
                                "variables": {"region": {"default": "eu-de"}}}]
    op = spec["paths"]["/v1/{project_id}/things"]["post"]
    assert op["operationId"] == "CreateThing" and op["tags"] == ["Things"]
    assert op["parameters"] == [{"name": "project_id", "in": "path", "required": True,
                                 "description": "The project_id.", "schema": {"type": "string"},
                                 "x-source": {"file": F, "line": 12}}]
    media = op["requestBody"]["content"]["application/json"]
    assert op["requestBody"]["required"] is True
    assert media["schema"] == {"$ref": "#/components/schemas/CreateThingRequest"}
    assert media["examples"] == {"CreateThingRequest": {"value": {"name": "a"}, "x-source": {"file": F, "line": 50}}}
    schemas = spec["components"]["schemas"]
    assert list(schemas) == ["CreateThingRequest", "Spec"]
    assert schemas["CreateThingRequest"]["required"] == ["name"]
    assert schemas["CreateThingRequest"]["properties"]["name"]["maxLength"] == 64
    assert schemas["CreateThingRequest"]["properties"]["spec"]["$ref"] == "#/components/schemas/Spec"
    assert schemas["Spec"]["properties"]["size"] == {"type": "integer", "format": "int64", "maximum": 10,
                                                     "description": "The size.", "x-source": {"file": F, "line": 30}}
    assert schemas["Spec"]["x-caption"] == "Table 3 Spec"
    assert op["responses"] == {"201": {"description": "Created", "x-source": {"file": F, "line": 40}}}


def test_same_name_other_shape_is_renamed_after_its_operation() -> None:
    other = create_page("DeleteThings", [fld("count", TypeExpr(Kind.INTEGER), 31)], file="t/delete.rst")
    other.operations[0].path = "/v1/{project_id}/things/delete"
    spec, codes = render(create_page(), other)
    assert {"Spec", "DeleteThingsSpec"} <= set(spec["components"]["schemas"])
    assert "schema.name_conflict" in codes


def test_same_name_same_shape_shares_one_component() -> None:
    other = create_page("DeleteThings", file="t/delete.rst")
    other.operations[0].path = "/v1/{project_id}/things/delete"
    spec, _ = render(create_page(), other)
    assert [n for n in spec["components"]["schemas"] if n.endswith("Spec")] == ["Spec"]


def test_one_method_and_path_on_two_pages_is_one_merged_operation() -> None:
    twin = create_page("CreateThingV2", file="t/create_v2.rst")
    spec, codes = render(create_page(), twin)
    op = spec["paths"]["/v1/{project_id}/things"]["post"]
    assert op["operationId"] == "CreateThing"
    assert [v["operationId"] for v in op["x-otc-variants"]] == ["CreateThing", "CreateThingV2"]
    assert op["requestBody"]["content"]["application/json"]["schema"] == {"anyOf": [
        {"$ref": "#/components/schemas/CreateThingRequest"}, {"$ref": "#/components/schemas/CreateThingV2Request"}]}
    assert "operation.merged" in codes


def test_merge_keeps_parameters_required_only_where_every_page_requires_them() -> None:
    def op(op_id: str, params: list[dict[str, Any]]) -> dict[str, Any]:
        return {"operationId": op_id, "summary": op_id, "parameters": params, "responses": {},
                "x-source": {"file": f"{op_id}.rst", "line": 1}}

    a = op("A", [{"name": "zone", "in": "query", "required": True}, {"name": "id", "in": "path", "required": True}])
    b = op("B", [{"name": "type", "in": "query", "required": True}, {"name": "id", "in": "path", "required": True}])
    merged = merge_operations(a, b)
    assert {(p["name"], p["required"]) for p in merged["parameters"]} == {("zone", False), ("id", True),
                                                                           ("type", False)}
    assert merged["description"].endswith("- A (A.rst:1)\n- B (B.rst:1)")


def test_merge_keeps_a_body_documented_without_a_table_as_an_alternative() -> None:
    # OBS `PUT /?policy` beside `PUT /?customdomain`: the policy page gives its JSON body by example only (`{}`);
    # the merged body must still take that page's request
    def op(op_id: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {"operationId": op_id, "summary": op_id, "responses": {},
                "x-source": {"file": f"{op_id}.rst", "line": 1},
                "requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}

    ref = {"$ref": "#/components/schemas/Domain"}
    merged = merge_operations(op("Domain", ref), op("Policy", {}))
    # an `anyOf` with an open member is that member (linters flag the `anyOf`); the pages keep their own schemas
    assert merged["requestBody"]["content"]["application/json"]["schema"] == {}
    assert [v["requestBody"]["content"]["application/json"]["schema"] for v in merged["x-otc-variants"]] == [ref, {}]
    assert merge_operations(op("A", {}), op("B", {}))["requestBody"]["content"]["application/json"]["schema"] == {}


def test_widen_nulls_only_where_a_response_example_shows_null() -> None:
    spec: dict[str, Any] = {
        "paths": {"/x": {"get": {"x-source": {"file": "x.rst", "line": 1}, "responses": {"200": {"content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/R"},
                                 "examples": {"e": {"value": {"a": None, "b": "x", "c": {"d": None}},
                                                    "x-source": {"file": "x.rst", "line": 9}}}}}}}}}},
        "components": {"schemas": {
            "R": {"type": "object", "properties": {"a": {"type": "string", "enum": ["p"]}, "b": {"type": "string"},
                                                   "c": {"$ref": "#/components/schemas/C"}}},
            "C": {"type": "object", "properties": {"d": {"$ref": "#/components/schemas/E"}}},
            "E": {"type": "string"}}},
    }
    diags = widen_nulls(spec)
    props = spec["components"]["schemas"]["R"]["properties"]
    assert props["a"] == {"type": ["string", "null"], "enum": ["p", None]}
    assert props["b"] == {"type": "string"}
    assert spec["components"]["schemas"]["C"]["properties"]["d"] == {
        "anyOf": [{"$ref": "#/components/schemas/E"}, {"type": "null"}]}
    assert [(d.code, d.source.line, d.message.split(" ")[0]) for d in diags] == [
        ("example.null_widened", 9, "R.a"), ("example.null_widened", 9, "C.d")]


def test_pascal() -> None:
    assert pascal("EndpointsReq") == "EndpointsReq"
    assert pascal("server field description") == "ServerFieldDescription"
    assert pascal("3rd_party") == "Schema3rdParty"


def test_field_the_docs_let_be_null_accepts_null() -> None:
    page = create_page(nested_fields=[fld("ntp", TypeExpr(Kind.STRING), 30, nullable=True),
                                      fld("size", TypeExpr(Kind.INTEGER), 31, enum=[1, 2], nullable=True)])
    page.operations[0].request_body.fields.append(  # type: ignore[union-attr]
        fld("spec2", TypeExpr(Kind.REF, ref=f"{F}:spec", ref_text="Spec"), 22, nullable=True))
    spec, codes = render(page)
    props = spec["components"]["schemas"]["Spec"]["properties"]
    assert props["ntp"]["type"] == ["string", "null"]
    assert props["size"]["type"] == ["integer", "null"] and props["size"]["enum"] == [1, 2, None]
    assert spec["components"]["schemas"]["CreateThingRequest"]["properties"]["spec2"]["anyOf"] == [
        {"$ref": "#/components/schemas/Spec"}, {"type": "null"}]
    assert codes.count("field.null_allowed") == 3


def test_success_codes_a_sentence_names_share_the_documented_body() -> None:
    """DNS "If a 2xx status code is returned, for example, 200, 202, or 204": 202 answers with the 200 body (a
    client reading a 202 needs its model), 204 stays without content."""
    page = create_page()
    op = page.operations[0]
    body = Schema("CreateThingResponse", [fld("id", TypeExpr(Kind.STRING), 41)], Source(F, 41))
    op.responses = [Response("200", "OK", Source(F, 40), body=body, from_prose=True),
                    Response("202", "Accepted", Source(F, 40), from_prose=True),
                    Response("204", "No Content", Source(F, 40), from_prose=True),
                    Response("203", "Tabled", Source(F, 42))]
    spec, _ = render(page)
    responses = spec["paths"]["/v1/{project_id}/things"]["post"]["responses"]
    ref = {"$ref": "#/components/schemas/CreateThingResponse"}
    assert responses["200"]["content"]["application/json"]["schema"] == ref
    assert responses["202"]["content"] == {"application/json": {"schema": ref}}
    assert "content" not in responses["204"] and "content" not in responses["203"]


def test_a_field_or_parameter_documented_twice_keeps_its_first_row() -> None:
    page = create_page(nested_fields=[fld("size", TypeExpr(Kind.INTEGER, "int64"), 30),
                                      fld("size", TypeExpr(Kind.STRING), 31)])
    [op] = page.operations
    op.parameters[ParamLocation.QUERY] = [fld("limit", TypeExpr(Kind.INTEGER, "int32"), 14),
                                          fld("limit", TypeExpr(Kind.STRING), 15)]
    spec, codes = render(page)
    assert sorted(codes) == ["field.duplicate", "param.duplicate"]
    assert spec["components"]["schemas"]["Spec"]["properties"]["size"]["type"] == "integer"
    rendered = spec["paths"]["/v1/{project_id}/things"]["post"]["parameters"]
    assert [(p["name"], p["schema"]["type"]) for p in rendered if p["in"] == "query"] == [("limit", "integer")]
