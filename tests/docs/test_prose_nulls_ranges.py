"""Issue 23: nulls and ranges stated in prose, each from the real page cited (a faithful snippet of its cell)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.core.types import Kind, TypeExpr
from generator.docs.prose.read import read_description
from tests.docs.test_prose import cell
from tests.rst_snippets import STATUS_200, page, table

S = TypeExpr(Kind.STRING)
INT = TypeExpr(Kind.INTEGER, "int32")


def test_null_named_for_the_field_itself() -> None:
    # virtual-private-cloud vpc_apis_v1_v2/eip/querying_an_eip.rst:126-131 (port_id)
    r = read_description(cell("""
        -  Specifies the port ID.
        -  This parameter is returned only when a port is associated with the EIP.

        .. note::

           The value of **port_id** is null if the EIP is bound to a dedicated load balancer.
        """), S)
    assert r.constraints.nullable


def test_default_value_null_makes_the_field_nullable() -> None:
    # elastic-cloud-server apis_recommended/flavor_management/querying_the_target_flavors_...rst:170
    r = read_description(cell("Specifies the shortcut link type. This parameter has not been used. "
                              "Its default value is **null**."), S)
    assert r.constraints.nullable and not r.constraints.has_default


def test_null_of_another_field_under_a_condition_is_not_this_fields() -> None:
    r = read_description(cell("Cluster status. If the value of **errorStatus** is null, the cluster stays in the "
                              "**Deleting** state."), S)
    assert not r.constraints.nullable


def test_no_less_than_zero_is_a_minimum_never_a_maximum_of_minus_one() -> None:
    r = read_description(cell("Quota of the resource. The value is no less than 0."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (0, None)


def test_no_more_than_is_a_maximum_never_a_minimum() -> None:
    r = read_description(cell("Number of records. The value is no more than 10."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (None, 10)


def test_range_with_a_case_in_parentheses_is_the_union() -> None:
    # virtual-private-cloud native_openstack_neutron_apis_v2.0/security_group/adding_a_security_group_rule.rst:53
    r = read_description(cell("""
        -  Specifies the end port number.
        -  The value ranges from 1 to 65535. (The value ranges from 0 to 255 when it indicates the code.)
        """), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (0, 65535)
    assert "range.union" in [c for c, _ in r.findings]


def test_condition_sentence_widens_the_range() -> None:
    # elastic-cloud-server .../updating_a_security_group_discarded.rst:117 (from_port)
    r = read_description(cell("Specifies the start port. The value ranges from 1 to 65535 and cannot be greater than "
                              "**to_port**. When **ip_protocol** is **icmp**, this parameter specifies a port type "
                              "with a length from 0 to 255 characters."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (0, 65535)


def test_ranges_per_case_label_are_the_union() -> None:
    # cloud-container-engine apis/cluster_management/creating_a_node.rst:406 (size)
    r = read_description(cell("Disk size, in GB.\n\nValue range for system disks: 40 to 1024. Value range for data "
                              "disks: 100 to 32768."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (40, 32768)


def test_per_protocol_ranges_are_the_union() -> None:
    # the ELB timeout: "TCP 1-60, HTTP 1-1440"
    r = read_description(cell("Timeout duration, in minutes. For TCP, the value ranges from 1 to 60. For HTTP, the "
                              "value ranges from 1 to 1440."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (1, 1440)


def test_a_value_beside_a_range_keeps_its_branch() -> None:
    # the retention days "0 or 7-732" (relational-database-service backup policies)
    r = read_description(cell("Retention days. The value is 0 or ranges from 7 to 732."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (0, 732)


def test_one_plain_range_is_unchanged() -> None:
    r = read_description(cell("Audit log days. The value range is from 0 to 732. If this parameter is **0**, the "
                              "policy is not configured."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (0, 732)
    assert "range.union" not in [c for c, _ in r.findings]


def test_contains_n_characters_is_a_maximum_unless_exact() -> None:
    r = read_description(cell("Name of the rule. The name contains 36 characters."), S)
    assert (r.constraints.min_length, r.constraints.max_length) == (None, 36)
    assert "range.length_not_exact" in [c for c, _ in r.findings]
    # object-storage-service / IAM: "The value must contain 32 characters." of an ID is exact
    r = read_description(cell("User ID. The value must contain 32 characters."), S)
    assert (r.constraints.min_length, r.constraints.max_length) == (32, 32)
    r = read_description(cell("LTS log stream ID. The ID contains 36 characters."), S)
    assert (r.constraints.min_length, r.constraints.max_length) == (36, 36)


def test_mandatory_only_when_is_not_required(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # modelarts service_task_management/creating_a_service_task.rst:156-158 (VCN ip and port: Mandatory Yes)
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [
                ["Parameter", "Mandatory", "Type", "Description"],
                ["name", "Yes", "String", "Task name."],
                ["ip", "Yes", "String", "IP address of a VCN server. This parameter is mandatory only when the input "
                 "type is **vcn**."]])
            + STATUS_200)
    root = make_tree({"apis/creating_a_task.rst": page("Creating a Task", "POST /v1/{project_id}/tasks", body,
                                                       name="CreateTask")})
    r = build_spec(root, "modelarts")
    schemas = r.spec["components"]["schemas"]
    (req,) = [s for s in schemas.values() if "ip" in s.get("properties", {})]
    assert req["required"] == ["name"]
    assert [d.code for d in r.diagnostics if d.code == "field.required_conditional"] == ["field.required_conditional"]


def test_a_range_stated_for_one_case_only_is_not_the_fields() -> None:
    r = read_description(cell("Idle timeout, in seconds. For TCP listeners, the value ranges from 10 to 4000."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (None, None)
    assert "range.case_only" in [c for c, _ in r.findings]


def test_an_impossible_range_is_never_written() -> None:
    r = read_description(cell("Number of nodes. The value ranges from 100 to 10."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (None, None)
    assert "range.impossible" in [c for c, _ in r.findings]


def test_a_default_label_before_a_range_is_no_case() -> None:
    # modelarts authorization_management/viewing_an_authorization_list.rst:43 (limit)
    r = read_description(cell("Maximum number of records returned on each page. Default value: **1000** The value "
                              "range ranges from 1 to 1000."), INT)
    assert (r.constraints.minimum, r.constraints.maximum) == (1, 1000)
