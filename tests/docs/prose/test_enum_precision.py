"""Enum precision (issue 23): a value set is an `enum` only when its sentence states this field's complete set.
One test per class of misreading, each on the real cell cited (copied from `../shared/corpus`) or a faithful
snippet of the page the issue names; every one of them gave a false enum before `docs.prose.precision`."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

from docutils import nodes

from generator.build.pipeline import build_spec
from generator.core.types import Kind, TypeExpr
from generator.docs.prose.read import read_description
from generator.docs.read import read_text
from generator.report.prose_census import prose_census
from tests.rst_snippets import page, table

S = TypeExpr(Kind.STRING)
INT = TypeExpr(Kind.INTEGER, "int32")


def cell(rst: str) -> nodes.Element:
    return read_text(textwrap.dedent(rst).strip() + "\n", "t.rst").doctree


def codes(rst: str, type_: TypeExpr = S) -> tuple[object, list[str] | None, list[str]]:
    r = read_description(cell(rst), type_)
    return r.constraints.enum, r.constraints.values_mentioned, [c for c, _ in r.findings]


def test_condition_on_another_field_gives_no_values() -> None:
    # ELB listener `default_tls_container_ref`: the bold words are the condition on `protocol`
    enum, mentioned, found = codes("Specifies the ID of the server certificate used by the listener. It must be "
                                   "specified when **protocol** is set to **TERMINATED_HTTPS**.")
    assert enum is None and mentioned == ["protocol", "TERMINATED_HTTPS"] and "enum.condition" in found


def test_placeholder_value_is_no_closed_set() -> None:
    # virtual-private-cloud@eb03d88/native_openstack_neutron_apis_v2.0/port/updating_a_port.rst:178 (device_owner)
    enum, mentioned, found = codes("""
        Specifies the DHCP, router or Nova to which a device belongs.

        The value can be **network:dhcp**, **network:router_interface_distributed**, **compute:xxx**, **neutron:VIP_PORT**, **neutron:LOADBALANCERV2**, **neutron:LOADBALANCERV3**, **network:endpoint_interface**, **network:nat_gateway**, or **network:ucmp**. (In value **compute:xxx**, **xxx** specifies the AZ name, for example, **compute:aa-bb-cc** indicates that the private IP address is used by an ECS in the **aa-bb-cc** AZ).

        This parameter value cannot be updated.
        """)  # noqa: E501
    assert enum is None and "enum.placeholder" in found
    assert mentioned is not None and "compute:xxx" in mentioned and "network:ucmp" in mentioned


def test_a_date_format_among_the_options_is_no_closed_set() -> None:
    # modelarts@f0cf5b9 data_management/data_export_task/creating_a_dataset_export_task.rst:194 (sample_time)
    enum, mentioned, found = codes("""
        You can search for the sample based on the time. The options are as follows:

        -  **month**: Search for samples added from 30 days ago to the current day.
        -  **day**: Search for samples added from yesterday (one day ago) to the current day.
        -  **yyyyMMdd-yyyyMMdd**: Search for samples added in a specified period (at most 30 days), in the format of **Start date-End date**.
        """)  # noqa: E501
    assert enum is None and "enum.placeholder" in found
    assert mentioned is not None and "month" in mentioned and "yyyyMMdd-yyyyMMdd" in mentioned


def test_a_set_of_date_formats_is_a_closed_set() -> None:
    # distributed-message-service@2c28a40 apis_v2_recommended/smart_connect/creating_a_smart_connect_task.rst
    # (partition_format): the field selects a format; the formats are its values
    enum, _, _ = codes("Time directory format. The value can be **yyyy**, **yyyy/MM**, **yyyy/MM/dd**, "
                       "**yyyy/MM/dd/HH** or **yyyy/MM/dd/HH/mm**.")
    assert enum == ["yyyy", "yyyy/MM", "yyyy/MM/dd", "yyyy/MM/dd/HH", "yyyy/MM/dd/HH/mm"]


def test_defaults_per_case_are_no_value_set() -> None:
    # virtual-private-cloud@eb03d88/native_openstack_neutron_apis_v2.0/subnet_pool/querying_a_subnet_pool.rst:75
    enum, mentioned, found = codes("Specifies the default prefix to be allocated to a subnet if the **cidr** or "
                                   "**prefixlen** is not specified when you create the subnet. The default value is "
                                   "**8** for an IPv4 subnet and **64** for an IPv6 subnet.", INT)
    assert enum is None and mentioned == ["8", "64"] and "enum.default" in found


def test_conditional_set_keeps_every_branch() -> None:
    # ELB forwarding rule `compare_type`: EQUAL_TO for HOST_NAME; REGEX, STARTS_WITH or EQUAL_TO for PATH
    enum, _, _ = codes("Specifies the matching method. The value can be **EQUAL_TO** for **HOST_NAME**; **REGEX**, "
                       "**STARTS_WITH**, or **EQUAL_TO** for **PATH**.")
    assert enum == ["EQUAL_TO", "REGEX", "STARTS_WITH"]  # the union, never the case labels
    enum, _, _ = codes("""
        Specifies how requests are matched with the domain name or URL.

        If **type** is set to **HOST_NAME**, this parameter can only be set to **EQUAL_TO**.

        If **type** is set to **PATH**, the value can be **REGEX**, **STARTS_WITH**, or **EQUAL_TO**.
        """)
    assert enum is not None and sorted(map(str, enum)) == ["EQUAL_TO", "REGEX", "STARTS_WITH"]


def test_one_branch_alone_is_no_enum() -> None:
    enum, mentioned, found = codes("Specifies the matching method. If **type** is set to **PATH**, the value can be "
                                   "**REGEX**, **STARTS_WITH**, or **EQUAL_TO**.")
    assert enum is None and mentioned == ["REGEX", "STARTS_WITH", "EQUAL_TO"] and "prose.enum_conditional" in found


def test_item_level_values_are_no_enum_of_the_compound_string() -> None:
    # a scaling policy's recurrence rule (iCalendar): the weekday codes are values of BYDAY, not of the rule
    enum, mentioned, found = codes("Specifies the recurrence rule in iCalendar format, for example, "
                                   "**FREQ=WEEKLY;BYDAY=MO,TU**. The value of **BYDAY** can be **MO**, **TU**, **WE**, "
                                   "**TH**, **FR**, **SA**, or **SU**.")
    assert enum is None and mentioned is not None and "SU" in mentioned and "enum.item_level" in found


def test_an_item_naming_two_values_keeps_both() -> None:
    # "**http** and **https**" under an options lead-in gave [http]
    enum, _, _ = codes("""
        Specifies the health check protocol. Options:

        -  **tcp**: checks the TCP port.
        -  **http** and **https**: sends a GET request to the check path.
        """)
    assert enum == ["tcp", "http", "https"]


def test_json_text_field_is_no_enum_of_the_names_beside_it() -> None:
    enum, mentioned, found = codes("Specifies the listeners in JSON strings. The protocol can be **TCP**, **UDP**, "
                                   "or **HTTP**.")
    assert enum is None and mentioned == ["TCP", "UDP", "HTTP"] and "enum.json_content" in found


def test_case_labels_of_a_list_are_no_values() -> None:
    # DDS node quantities: "mongos: 2 to 32, config: 3, shard: 2 to 32"
    for type_ in (S, INT):
        enum, _, found = codes("""
            Specifies the node quantity. Options:

            -  mongos: 2 to 32
            -  config: 3
            -  shard: 2 to 32
            """, type_)
        assert enum is None and "enum.case_labels" in found


def test_trailing_colon_is_no_part_of_the_value() -> None:
    enum, _, _ = codes("""
        Specifies the job type. Options:

        -  **BATCH:** batch job
        -  **STREAM:** stream job
        """)
    assert enum == ["BATCH", "STREAM"]


def test_a_stated_set_keeps_its_enum_and_its_sentence() -> None:
    r = read_description(cell("Specifies the port status. The value can be **ACTIVE**, **BUILD**, or **DOWN**."), S)
    assert r.constraints.enum == ["ACTIVE", "BUILD", "DOWN"]
    assert r.constraints.enum_source == ("value-can-be", "The value can be ACTIVE, BUILD, or DOWN.")


ROWS = [["Parameter", "Mandatory", "Type", "Description"],
        ["status", "No", "String", "Status. The value can be **ACTIVE**, **BUILD**, or **DOWN**."],
        ["default_prefixlen", "No", "Integer", "Prefix. The default value is **8** for an IPv4 subnet and **64** "
                                               "for an IPv6 subnet."]]
PAGE = page("Listing Things", "GET /v1/things",
            "Request Parameters\n------------------\n\n" + table("Query Parameters", ROWS)
            + "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
              "=========== ===========\n200         OK\n=========== ===========\n", name="ListThings")


def test_spec_records_the_source_and_the_mentioned_values(make_tree: Callable[[dict[str, str]], Path]) -> None:
    r = build_spec(make_tree({"a/things.rst": PAGE}), "things")
    params = {p["name"]: p["schema"] for p in r.spec["paths"]["/v1/things"]["get"]["parameters"]}
    assert params["status"]["enum"] == ["ACTIVE", "BUILD", "DOWN"]
    assert params["status"]["x-otc-enum-source"] == {"kind": "value-can-be",
                                                     "text": "The value can be ACTIVE, BUILD, or DOWN."}
    assert "enum" not in params["default_prefixlen"] and params["default_prefixlen"]["x-otc-values-mentioned"] == [
        "8", "64"]
    c = prose_census("things", r.pages, r.spec, r.diagnostics)
    assert c.enum_sources == {"value-can-be": 1} and c.enum_rejected == {"default": 1}


def test_a_constraints_list_about_marked_names_is_no_enum() -> None:
    # virtual-private-cloud@eb03d88/vpc_apis_v3/network_acl/inserting_a_network_acl_rule.rst:320
    enum, _, found = codes("""
        **Definition**:

        ID of the source IP address group of a network ACL rule.

        **Constraints**:

        -  **source_ip_address** and **source_address_group_id** cannot be specified at the same time.
        """)
    assert enum is None and "enum.notes" in found


def test_an_option_naming_two_values_keeps_both_from_the_real_page() -> None:
    # cloud-container-engine@4863737/apis/cluster_management/deleting_a_specified_cluster.rst:43
    enum, _, _ = codes("""
        Whether to delete SFS Turbo resources. Value options:

        -  **true** or **block** (The system starts to delete the object. If the deletion fails, subsequent processes are blocked.)
        -  **try** (The system starts to delete the object. If the deletion fails, no deletion retry is performed, and subsequent processes are not blocked.)
        -  **false** or **skip** (The object is not deleted. These are the default value options.)

        Default: **false**
        """)  # noqa: E501
    assert enum == ["true", "block", "try", "false", "skip"]


def test_options_for_one_case_are_a_branch_not_the_set() -> None:
    # modelarts@1ba1873/training_management/creating_a_training_job.rst:707 (flavor_id); the page's own examples
    # use other flavors
    enum, mentioned, found = codes("""
        ID of the resource flavor selected for a training job. **flavor_id** cannot be specified for dedicated resource pools with CPU specifications. The options for dedicated resource pools with GPU specifications are as follows:

        -  **modelarts.pool.visual.xlarge** (1 card)

        -  **modelarts.pool.visual.2xlarge** (2 cards)
        """)  # noqa: E501
    assert enum is None and mentioned == ["modelarts.pool.visual.xlarge", "modelarts.pool.visual.2xlarge"]
    assert "prose.enum_conditional" in found


def test_one_list_per_case_gives_the_union() -> None:
    # auto-scaling@fa9d756/apis/as_policies/creating_an_as_policy_v2.rst:113 (operation): the set was cut to the
    # first case's list
    enum, _, found = codes("""
        Specifies the operation to be performed. The default operation is **ADD**.

        -  If **scaling_resource_type** is set to **SCALING_GROUP**, the following operations are supported:

           -  **ADD**: indicates adding instances.
           -  **REMOVE/REDUCE**: indicates removing or reducing instances.
           -  **SET**: indicates setting the number of instances to a specified value.

        -  If **scaling_resource_type** is set to **BANDWIDTH**, the following operations are supported:

           -  **ADD**: indicates adding instances.
           -  **REDUCE**: indicates reducing instances.
           -  **SET**: indicates setting the number of instances to a specified value.
        """)
    assert enum == ["ADD", "REMOVE/REDUCE", "SET", "REDUCE"] and "prose.enum_conditional" not in found


def test_a_list_of_bold_values_without_lead_in_names_the_sentence_before_it() -> None:
    # modelarts@1ba1873/historical_apis/training_management_old_version/training_jobs/creating_a_training_job.rst:139
    r = read_description(cell("""
        Whether **dest_path** is read-only. The default value is **false**.

        -  **true**: read-only permission
        -  **false**: read and write permission
        """), S)
    assert r.constraints.enum == ["true", "false"]
    assert r.constraints.enum_source == ("bold-items", "The default value is false.")


def test_a_value_range_lead_in_after_a_first_sentence_states_the_set() -> None:
    # virtual-private-cloud@31a5498 api_v3/security_group_rule/querying_security_group_rules.rst:59 (ethertype)
    enum, _, _ = codes("Type of the security group rule. Value range: **IPv4**, **ipv4**, **IPv6**, or **ipv6**.")
    assert enum == ["IPv4", "ipv4", "IPv6", "ipv6"]
    enum, _, _ = codes("Retention period. Value range: **1** to **100**.", INT)
    assert enum is None
