"""Issue 23: "Our misreads are not docs defects". Each rule of `generator.build.check.blame` on the schema a real
page gave (the page cited), and the build's report leaving a failure blamed on us out of the docs defects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.check.blame import DOCS, GENERATOR, UNCLEAR, blame
from generator.build.pipeline import build_and_check
from generator.core.config import default_service
from generator.devtools.example_census import census_of_spec, markdown
from generator.report.census import census_of
from tests.rst_snippets import page, table

PAGE = "p.rst"


def _spec(schema: dict[str, Any], **others: dict[str, Any]) -> dict[str, Any]:
    return {"components": {"schemas": {"S": schema, **others}}}


def _blame(schema: dict[str, Any], path: list[Any], instance: Any, message: str = "", part: str = "request",
           parameters: tuple[str, ...] = ()) -> tuple[str, str]:
    return blame(_spec(schema), ["components", "schemas", "S", *path], instance, message, part=part, page_file=PAGE,
                 parameters=parameters)


def test_free_form_object_met_by_a_scalar_is_ours() -> None:
    # `Object` / `Json` / `Map<String,Object>` is any JSON value (modelarts: "parameters | Object")
    s = {"type": "object", "properties": {"parameters": {"type": "object"}}}
    assert _blame(s, ["properties", "parameters", "type"], "x") == (GENERATOR, "type.any_value_as_object")


def test_a_list_met_by_a_referenced_object_is_ours() -> None:
    # a Type cell that is only a :ref: read as one object though the field is a list
    s = {"type": "object", "properties": {"tags": {"type": "object", "properties": {"key": {"type": "string"}}}}}
    assert _blame(s, ["properties", "tags", "type"], [{"key": "a"}]) == (GENERATOR, "type.list_as_object")


def test_another_scalar_type_is_the_docs() -> None:
    # modelarts obtaining_os_quotas.rst:62 "quota | String" with the example's 15
    s = {"type": "object", "properties": {"quota": {"type": "string"}}}
    assert _blame(s, ["properties", "quota", "type"], 15) == (DOCS, "type.other_type")


def test_required_placeholder_row_and_parameter_tables_are_ours() -> None:
    # ECS querying_the_networks_of_a_specified_ecs.rst:60-66: "Network address of the ECS" row
    s = {"type": "object", "properties": {"Network address of the ECS": {"type": "array"}},
         "required": ["Network address of the ECS"]}
    assert _blame(s, ["required"], {}, '"Network address of the ECS" is a required property') == (
        GENERATOR, "required.placeholder_row")
    s = {"type": "object", "properties": {"X-Auth-Token": {"type": "string"}}, "required": ["X-Auth-Token"]}
    assert _blame(s, ["required"], {}, '"X-Auth-Token" is a required property', parameters=("X-Auth-Token",)) == (
        GENERATOR, "required.parameter_as_body")


def test_required_from_a_request_table_reused_for_a_response_is_ours() -> None:
    # CCE reading_a_specified_node.rst:180 links creating_a_node.rst's request tables
    s = {"type": "object", "properties": {"flavor": {"type": "string", "x-source": {"file": "creating_a_node.rst",
                                                                                     "line": 480}}},
         "required": ["flavor"], "x-source": {"file": "creating_a_node.rst", "line": 474}}
    assert _blame(s, ["required"], {}, '"flavor" is a required property', part="response 200") == (
        GENERATOR, "required.other_pages_table")
    assert _blame(s, ["required"], {}, '"flavor" is a required property', part="request")[0] == DOCS


def test_enum_of_a_conditions_words_or_of_defaults_is_ours() -> None:
    # VPC vpc_apis_v3/network_acl/inserting_a_network_acl_rule.rst:320
    s = {"type": "object", "properties": {
        "source_ip_address": {"type": "string"},
        "source_address_group_id": {"type": "string", "enum": ["source_ip_address", "source_address_group_id"]}}}
    assert _blame(s, ["properties", "source_address_group_id", "enum"], "a1") == (GENERATOR, "enum.field_names")
    # VPC subnet_pool/creating_a_subnet_pool.rst:48 default_prefixlen
    s = {"type": "object", "properties": {"default_prefixlen": {"type": "integer", "enum": [8, 64], "description":
         "The default value is **8** for an IPv4 subnet and **64** for an IPv6 subnet."}}}
    assert _blame(s, ["properties", "default_prefixlen", "enum"], 25) == (GENERATOR, "enum.defaults")


def test_sibling_names_stated_as_the_set_are_no_condition() -> None:
    # IAM apis/security_settings/querying_the_operation_protection_policy.rst:65: `scene` beside `mobile` and `email`
    s = {"type": "object", "properties": {
        "mobile": {"type": "string"}, "email": {"type": "string"},
        "scene": {"type": "string", "enum": ["mobile", "email"], "description": "Verification method. The options are "
                  "**mobile** and **email**.", "x-otc-enum-source": {"kind": "value-can-be",
                                                                     "text": "The options are mobile and email."}}}}
    assert _blame(s, ["properties", "scene", "enum"], "") == (UNCLEAR, "enum.from_prose")


def test_a_value_written_in_another_type_is_the_docs() -> None:
    # modelarts creating_a_labeling_team_member.rst:45 `role` [0, 1, 2] met by "2"; RDS `restart_required` by "false"
    s = {"type": "object", "properties": {
        "role": {"type": "integer", "enum": [0, 1, 2], "description": "Options:\n\n- **0**: labeling personnel"},
        "restart_required": {"type": "boolean", "enum": [True, False], "description": "The value is **true** or "
                             "**false**."}}}
    assert _blame(s, ["properties", "role", "enum"], "2") == (DOCS, "enum.other_type")
    assert _blame(s, ["properties", "restart_required", "enum"], "false") == (DOCS, "enum.other_type")


def test_enum_other_case_is_the_docs_and_a_plain_prose_enum_unclear() -> None:
    # VPC firewall/creating_a_firewall_rule.rst:44 "The value can be **TCP**, **UDP**, or **ICMP**." vs "tcp"
    s = {"type": "object", "properties": {"protocol": {"type": "string", "enum": ["TCP", "UDP", "ICMP"],
                                                       "description": "The value can be TCP, UDP, or ICMP."}}}
    assert _blame(s, ["properties", "protocol", "enum"], "tcp") == (DOCS, "enum.other_case")
    assert _blame(s, ["properties", "protocol", "enum"], "gre") == (UNCLEAR, "enum.from_prose")


def test_range_per_case_is_ours_a_plain_range_the_docs() -> None:
    s = {"type": "object", "properties": {"port": {"type": "integer", "minimum": 1, "description":
         "The value ranges from 1 to 65535. (The value ranges from 0 to 255 when it indicates the code.)"}}}
    assert _blame(s, ["properties", "port", "minimum"], 0) == (GENERATOR, "range.per_case")
    s["properties"]["port"]["description"] = "The value ranges from 1 to 65535."
    assert _blame(s, ["properties", "port", "minimum"], 0) == (DOCS, "range.broken")


# a row whose name cell is no name (after identity-access-management access_key_management/obtaining_a_temporary_ak_sk
# .rst:147, whose "domain_name or domain_id" the reader now splits): read as a required property the example lacks
_REQUEST = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["agency_name", "Mandatory", "String", "Name of the agency."],
                                                ["domain_name / domain_id", "Mandatory", "String",
                                                 "Name of the domain."]])
            + "Example Requests\n----------------\n\n.. code-block::\n\n   {\n      \"agency_name\": \"a\",\n"
              "      \"domain_name\": \"d\"\n   }\n\n"
            + "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
              "=========== ===========\n201         OK\n=========== ===========\n")


def test_a_failure_blamed_on_us_is_no_documentation_defect(make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"apis/assuming.rst": page("Obtaining a Temporary AK/SK", "POST /v3.0/OS-CREDENTIAL/"
                                                "securitytokens", _REQUEST, name="CreateTemporaryAccessKey")})
    built = build_and_check(root, default_service("identity-access-management"))
    (d,) = [d for d in built.diagnostics if d.code == "example.schema_mismatch"]
    assert (d.blame, d.blame_reason) == (GENERATOR, "required.placeholder_row")
    assert d.as_dict()["blame"] == "generator"
    cov = census_of(built)
    assert cov.defects == [] and (cov.examples.invalid, cov.examples.misread) == (0, 1)
    c = census_of_spec("t", built.result.spec)
    assert c.row() == ["t", 1, 0, 1, 0, 1, 0, "100%"]
    assert "| generator | required.placeholder_row | 1 |" in markdown([c], "census")


def test_a_value_the_description_marks_is_ours_a_plain_word_of_its_prose_is_not() -> None:
    # modelarts creating_a_notebook_instance.rst:107: "- **MANAGED**: Resources are managed by the service." and the
    # example writes "managed": the docs' own case slip, not a value we left out
    own = {"type": "string", "enum": ["MANAGED", "DEDICATED"],
           "description": "Owner. Enums:\n\n- **MANAGED**: Resources are managed by the service.\n- **DEDICATED**: ..."}
    s = {"type": "object", "properties": {"ownership": own}}
    assert _blame(s, ["properties", "ownership", "enum"], "managed") == (DOCS, "enum.other_case")
    listed = {**own, "description": own["description"] + " **SHARED** is also accepted."}
    s = {"type": "object", "properties": {"ownership": listed}}
    assert _blame(s, ["properties", "ownership", "enum"], "SHARED") == (GENERATOR, "enum.value_in_description")
