"""Issue 23: types a Type cell leaves open, decided by the page's own example or by the cell's words; lengths and
per-case ranges as the description states them. Each snippet is a faithful cut of the corpus page cited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.check.blame import DOCS, GENERATOR, blame
from generator.build.pipeline import build_and_check, build_spec
from generator.core.config import default_service
from generator.core.spec import deref
from generator.core.types import Kind, TypeExpr
from generator.docs.prose.read import read_description
from tests.docs.test_prose import cell
from tests.rst_snippets import page, table

_STATUS = ("Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
           "=========== ===========\n200         OK\n=========== ===========\n")


def _response(rows: list[list[str]], example: str, *more: str) -> str:
    return ("Response Parameters\n-------------------\n\n**Status code: 200**\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"], *rows]) + "".join(more)
            + "Example Responses\n-----------------\n\n.. code-block::\n\n" + "\n".join(
                "   " + line for line in example.splitlines()) + "\n\n" + _STATUS)


def _build(make_tree: Callable[[dict[str, str]], Path], body: str, uri: str = "GET /v3/{project_id}/things") -> Any:
    root = make_tree({"apis/p.rst": page("Doing a Thing", uri, body)})
    return build_and_check(root, default_service("cloud-container-engine"))


def _prop(spec: dict[str, Any], name: str) -> dict[str, Any]:
    """The first property `name` of any component."""
    for schema in spec["components"]["schemas"].values():
        if name in schema.get("properties", {}):
            return dict(schema["properties"][name])
    raise AssertionError(name)


def _examples_moved(spec: dict[str, Any]) -> int:
    return sum(len(m.get("x-otc-invalid-examples", {})) for item in spec["paths"].values() for op in item.values()
               for r in op.get("responses", {}).values() for m in r.get("content", {}).values())


# cloud-container-engine configuration_management/obtaining_the_list_of_parameters_that_can_be_configured_for_a_
# cluster.rst:125,158: `default | Object | ... The returned parameter can be of integer, string, or Boolean type.`
_DEFAULT = _response([["name", "String", "Parameter name"],
                      ["default", "Object", "Default parameter value. The returned parameter can be of integer, "
                                            "string, or Boolean type."]],
                     '{\n  "name" : "default-not-ready-toleration-seconds",\n  "default" : 300\n}')


def test_a_free_object_the_example_gives_a_number_is_any_value(make_tree: Callable[[dict[str, str]], Path]) -> None:
    built = _build(make_tree, _DEFAULT)
    spec = built.result.spec
    default = _prop(spec, "default")
    assert "type" not in default and default["description"].startswith("Default parameter value")
    assert _examples_moved(spec) == 0
    (d,) = [d for d in built.diagnostics if d.code == "type.any_by_example"]
    assert "a number" in d.message and d.source.file == "apis/p.rst"
    assert not [d for d in built.diagnostics if d.code == "example.schema_mismatch"]


def test_a_free_object_the_example_gives_an_object_stays_an_object(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    built = _build(make_tree, _DEFAULT.replace('"default" : 300', '"default" : { "a" : 1 }'))
    assert _prop(built.result.spec, "default")["type"] == "object"
    assert not [d for d in built.diagnostics if d.code == "type.any_by_example"]


def test_map_values_typed_object_the_example_gives_lists_are_any_value(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    # modelarts historical_apis/data_management_old_version/obtaining_details_about_a_team_labeling_sample.rst:516:
    # `metadata | Map<String,Object>`, the example's "@modelarts:size" : [ 1242, 375, 3 ]
    body = _response([["sample_id", "String", "Sample ID."],
                      ["metadata", "Map<String,Object>", "Key-value pair of the sample metadata."]],
                     '{\n  "sample_id" : "a",\n  "metadata" : {\n    "@modelarts:size" : [ 1242, 375, 3 ]\n  }\n}')
    built = _build(make_tree, body)
    metadata = _prop(built.result.spec, "metadata")
    assert metadata["type"] == "object" and "type" not in metadata["additionalProperties"]
    assert _examples_moved(built.result.spec) == 0


# modelarts resource_management/tag_management/obtaining_resource_tags_of_nodes.rst:43,119:
# `tags | :ref:`Tag <...>` object | Resource tag list`, the example gives a list of tags
_TAG = table("Tag", [["Parameter", "Type", "Description"], ["key", "String", "Key."], ["value", "String", "Value."]],
             label="response_tag")
_TAGS = _response([["tags", ":ref:`Tag <response_tag>` object", "Resource tag list"]],
                  '{\n  "tags" : [ {\n    "key" : "dev",\n    "value" : "dev1"\n  } ]\n}', _TAG)


def test_a_ref_only_type_cell_the_example_gives_a_list_of_is_an_array(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    built = _build(make_tree, _TAGS)
    spec = built.result.spec
    tags = _prop(spec, "tags")
    assert tags["type"] == "array" and "$ref" in tags["items"]
    assert set(deref(spec, tags["items"]).node["properties"]) == {"key", "value"}
    assert _examples_moved(spec) == 0
    (d,) = [d for d in built.diagnostics if d.code == "type.list_by_example"]
    assert "tags" in d.message


def test_a_ref_only_type_cell_the_example_gives_one_object_of_stays_one(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    built = _build(make_tree, _TAGS.replace('"tags" : [ {', '"tags" : {').replace("} ]\n}", "}\n}"))
    assert "$ref" in _prop(built.result.spec, "tags")
    assert not [d for d in built.diagnostics if d.code == "type.list_by_example"]


def test_list_with_a_gloss_and_array_with_a_sentence_are_arrays_of_the_linked_table(
        make_tree: Callable[[dict[str, str]], Path]) -> None:
    # nat-gateway apis_for_public_nat_gateways_v2.0/nat_gateway_service/querying_nat_gateways.rst:83:
    # `nat_gateways | List (NAT gateways) | ... For details, see :ref:`Table 3 <...>`.`; relational-database-service
    # openstack_trove_api_v1.0_to_be_discarded/db_instance_management/creating_a_db_instance.rst:90:
    # `nics | Array. For details, see :ref:`Table 9 <...>`.`
    gw = table("NAT gateway", [["Parameter", "Type", "Description"], ["id", "String", "ID."]], label="table3")
    body = _response([["nat_gateways", "List (NAT gateways)",
                       "Specifies the NAT gateway objects. For details, see :ref:`Table 3 <table3>`."],
                      ["nics", "Array. For details, see :ref:`Table 9 <table9>`.", "Specifies the nics."]],
                     '{\n  "nat_gateways" : [ ]\n}', gw,
                     table("nics", [["Parameter", "Type", "Description"], ["net-id", "String", "ID."]],
                           label="table9"))
    root = make_tree({"apis/p.rst": page("Doing a Thing", "GET /v2/{project_id}/nat_gateways", body)})
    out = build_spec(root, "nat-gateway")
    for name, inner in (("nat_gateways", "id"), ("nics", "net-id")):
        prop = _prop(out.spec, name)
        assert prop["type"] == "array", name
        assert inner in deref(out.spec, prop["items"]).node["properties"]
    assert not [d for d in out.diagnostics if d.code == "type.unknown"]


def test_the_maximum_length_of_an_id_is_no_exact_length() -> None:
    # nat-gateway snat_rules/creating_an_snat_rule.rst:60: "The maximum length of the ID is 4,096 bytes."
    r = read_description(cell("Specifies the EIP ID. Use commas (,) to separate multiple IDs.\n\nThe maximum length "
                              "of the ID is 4,096 bytes."), TypeExpr(Kind.STRING))
    assert (r.constraints.min_length, r.constraints.max_length) == (None, 4096)


def _spec(prop: dict[str, Any]) -> dict[str, Any]:
    return {"components": {"schemas": {"S": {"type": "object", "properties": {"p": prop}}}}}


def test_a_value_no_stated_case_allows_is_the_docs() -> None:
    # distributed-message-service@5758a36 lifecycle_management/creating_an_instance.rst:72,251: storage_space
    # "600-90,000 GB for 100 MB/s Kafka instances ..." (the union 600..90000 is ours); the example sends 300
    prop = {"type": "integer", "minimum": 600, "maximum": 90000, "description": (
        "Message storage space in GB. Value range:\n\n- 600-90,000 GB for 100 MB/s Kafka instances\n\n"
        "- 1200-90,000 GB for 300 MB/s Kafka instances")}
    path = ["components", "schemas", "S", "properties", "p", "minimum"]
    assert blame(_spec(prop), path, 300, "", part="request", page_file="p.rst") == (DOCS, "range.broken")
    # a value one of the cases allows, cut by a bound taken from another case, is ours
    prop["minimum"] = 1200
    assert blame(_spec(prop), path, 700, "", part="request", page_file="p.rst") == (GENERATOR, "range.per_case")


def test_an_id_length_the_reader_takes_as_exact_is_the_docs_when_the_example_is_cut() -> None:
    # identity-access-management user_management/creating_an_iam_user_recommended.rst:169,215: "IAM user ID that
    # contains 32 characters." and the example's "07664aec578026691f00c003a...": the docs elide the value
    prop = {"type": "string", "minLength": 32, "maxLength": 32, "description": "IAM user ID that contains 32 "
                                                                               "characters."}
    path = ["components", "schemas", "S", "properties", "p", "minLength"]
    assert blame(_spec(prop), path, "07664aec578026691f00c003a...", "", part="response",
                 page_file="p.rst") == (DOCS, "range.broken")
    prop["description"] = "Name of the rule. The name contains 32 characters."
    assert blame(_spec(prop), path, "short", "", part="response", page_file="p.rst") == (
        GENERATOR, "range.exact_length")


def test_a_row_naming_two_alternatives_is_two_optional_fields(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # identity-access-management access_key_management/obtaining_a_temporary_ak_sk.rst:147,192: the row
    # "domain_name or domain_id | Mandatory" and the example that sends only "domain_name"
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["agency_name", "Mandatory", "String", "Name of the agency."],
                                                ["domain_name or domain_id", "Mandatory", "String",
                                                 "**domain.name**: Name of the domain."]])
            + 'Example Requests\n----------------\n\n.. code-block::\n\n   {\n      "agency_name": "a",\n'
              '      "domain_name": "d"\n   }\n\n' + _STATUS)
    built = _build(make_tree, body, "POST /v3.0/OS-CREDENTIAL/securitytokens")
    (schema,) = [s for s in built.result.spec["components"]["schemas"].values() if "agency_name" in s["properties"]]
    assert list(schema["properties"]) == ["agency_name", "domain_name", "domain_id"]
    assert schema["required"] == ["agency_name"]
    assert schema["properties"]["domain_id"]["x-required-note"] == "mandatory unless domain_name is given"
    assert [d.code for d in built.diagnostics if d.code == "field.alternatives"] == ["field.alternatives"]
    assert not [d for d in built.diagnostics if d.code == "example.schema_mismatch"]
