"""Value sets stated in lead-ins the reader did not take (issue 22 cause E: the old side of a docs update lost the
enum the new side read), value sets misread (issue 23, the example census' `generator` enum reasons), and a
Mandatory cell "Yes if ..." (issue 22 cause F). Each cell is copied from the page cited; each test failed before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.docs.prose.read import read_description
from tests.docs.prose.test_enum_precision import INT, S, cell
from tests.docs.prose.test_enum_precision import codes as read
from tests.rst_snippets import page, table

# --- issue 22 cause E: lead-ins that state the complete set ---------------------------------------------------

def test_values_label_then_bold_values() -> None:
    # KMS cd3465d apis/cmk_management/creating_a_grant.rst:64 (E33)
    enum, _, _ = read("""
        Authorization type

        Values: **user**, **domain**. The default value is **user**.
        """)
    assert enum == ["user", "domain"]


def test_following_values_are_enumerated_then_plain_bullets() -> None:
    # KMS cd3465d apis/cmk_management/obtaining_cmk_import_parameters.rst:46-50 (E34)
    enum, _, _ = read("""
        Cryptographic algorithm for CMK material. The following values are enumerated:

        -  RSAES_PKCS1_V1_5
        -  RSAES_OAEP_SHA_1
        -  RSAES_OAEP_SHA_256
        """)
    assert enum == ["RSAES_PKCS1_V1_5", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"]


def test_value_range_label_in_a_list_item() -> None:
    # VPC fcae6c8 vpc_apis_v3/ip_address_group/querying_ip_address_groups.rst:41-43 (E49)
    enum, _, _ = read("""
        -  IP address version, which is used to filter the IP address group.

        -  Value range: **4**, **6**.
        """, INT)
    assert enum == [4, 6]


def test_value_range_heading_then_one_keyed_paragraph() -> None:
    # OBS 07a9491 apis/operations_on_buckets/creating_a_bucket.rst:242-256 (E70)
    enum, _, _ = read("""
        **Explanation**:

        When creating a bucket, you can use this header to enable WORM for the bucket.

        Example: **x-obs-bucket-object-lock-enabled:true**

        **Restrictions**:

        Only object buckets are supported.

        **Value range**:

        true: WORM is enabled.

        **Default value**:

        None
        """)
    assert enum == ["true"]


def test_value_range_heading_then_a_plain_list() -> None:
    # OBS 07a9491 operations_on_objects/uploading_an_object_put.rst:263-275 (E72)
    enum, _, _ = read("""
        **Explanation**:

        Indicates that SSE-KMS is used.

        **Value range**:

        kms, or AES256

        **Default value**:

        None
        """)
    assert enum == ["kms", "AES256"]


def test_value_range_of_words_is_no_list() -> None:
    enum, _, _ = read("""
        **Value range**:

        The value contains 1 to 64 characters.
        """)
    assert enum is None


# --- issue 23: the example census' misreads ---------------------------------------------------------------------

def test_conditional_items_name_the_condition_not_values() -> None:
    # modelarts historical_apis/data_management_old_version/creating_a_data_processing_task_version.rst:149
    # (enum.inferred: `path` got [OBS, DATASET], the values of `type`)
    r = read_description(cell("""
        Working path. Options:

        -  If **type** is set to **OBS**, **source** is an OBS path.
        -  If **type** is set to **DATASET**, **source** is a dataset ID.
        """), S)
    assert r.constraints.enum is None and not r.constraints.enum_inferred
    assert "enum.condition" in [c for c, _ in r.findings]


def test_per_case_items_give_the_union() -> None:
    # KMS c2d17c2 apis/key_management_service/cmk_management/creating_a_cmk.rst:68-73 (key_usage lost)
    enum, _, _ = read("""
        Key usage. The default value is **ENCRYPT_DECRYPT** for a symmetric key and **SIGN_VERIFY** for an asymmetric
        key. Possible values are as follows:

        -  For AES_256 symmetric keys, the default value is **ENCRYPT_DECRYPT**.
        -  For RSA asymmetric keys, select **ENCRYPT_DECRYPT** or **SIGN_VERIFY**. The default value is
           **SIGN_VERIFY**.
        -  For ECC asymmetric keys, the default value is **SIGN_VERIFY**.
        -  For HMAC keys, the default value is **GENERATE_VERIFY_MAC**.
        """)
    assert enum == ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC"]


def test_a_value_is_not_found_at_an_earlier_word() -> None:
    # ECS native_openstack_nova_apis/lifecycle_management/creating_an_ecs.rst:270 (enum.value_in_description:
    # `volume` was lost because "the volume device" came first)
    enum, _, _ = read("Specifies the source type of the volume device. Its value can be **volume**, **image**, "
                      "**snapshot**, or **blank**.")
    assert enum == ["volume", "image", "snapshot", "blank"]


def test_items_that_explain_the_parts_of_an_example_are_no_values() -> None:
    # RDS api_v3_recommended/db_instance_management/querying_available_instance_classes_for_a_db_instance.rst:94
    enum, mentioned, found = read("""
        Resource specification code. Example: **rds.mysql.n1.xlarge.4.rr**

        For more specifications, see Querying Database Specifications.

        -  **rds**: indicates the RDS product.
        -  **mysql**: indicates the DB engine.
        -  **n1.xlarge**: indicates the high memory performance specifications.
        -  **4**: indicates the vCPU-to-memory ratio.
        -  **rr**: indicates read replica specifications.
        """)
    assert enum is None and mentioned == ["rds", "mysql", "n1.xlarge", "4", "rr"] and "enum.item_level" in found


def test_items_of_a_compound_configuration_string() -> None:
    # CCE apis/cluster_management/creating_a_node_pool.rst:403 DockerLVMConfigOverride
    enum, _, _ = read("""
        Docker data disk configuration item. The following is an example configuration:

        ``dockerThinpool=vgpaas/90%VG;kubernetesLV=vgpaas/10%VG;diskType=evs;lvType=linear``

        Parameters:

        -  **userLV**: size of the user space.
        -  **userPath**: mount path of the user space.
        -  **diskType**: disk type.
        -  **lvType**: type of a logic volume.
        -  **dockerThinpool**: Docker space size.
        -  **kubernetesLV**: kubelet space size.
        """)
    assert enum is None


ENGINE_ROWS = [["Parameter", "Mandatory", "Type", "Description"],
               ["engine_id", "No", "String", "Engine ID selected for a training job. The value can be **engine_id**, "
                                             "**engine_name + engine_version**, or **image_url**."]]
MODE_ROWS = [["Parameter", "Mandatory", "Type", "Description"],
             ["DefaultRetention", "Yes if Rule is specified", "String", "Default retention."],
             ["Days", "Yes", "Integer", "Days."]]


def _tree(rows: list[list[str]]) -> str:
    return page("Creating Things", "POST /v1/things",
                "Request Parameters\n------------------\n\n" + table("Request body parameters", rows)
                + "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
                  "=========== ===========\n200         OK\n=========== ===========\n", name="CreateThings")


def _body(make_tree: Callable[[dict[str, str]], Path], rows: list[list[str]]) -> tuple[dict[str, object], set[str]]:
    r = build_spec(make_tree({"a/things.rst": _tree(rows)}), "things")
    body = r.spec["paths"]["/v1/things"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    schema = r.spec["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]] if "$ref" in body else body
    return schema, {d.code for d in r.diagnostics}


def test_own_field_name_among_the_values(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # modelarts training_management/creating_a_training_job.rst:277 (enum.field_names)
    schema, found = _body(make_tree, ENGINE_ROWS)
    prop = schema["properties"]["engine_id"]  # type: ignore[index]
    assert "enum" not in prop and "enum.field_names" in found


def test_yes_if_is_a_conditional_mandatory(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # OBS 918d018 apis/advanced_bucket_settings/configuring_a_default_worm_policy_for_a_bucket.rst:82 (E68, E69)
    schema, found = _body(make_tree, MODE_ROWS)
    assert schema["required"] == ["Days"] and "field.required_conditional" in found


def test_bold_items_beside_a_reference_to_another_page_are_a_selection() -> None:
    # CCE apis/cluster_management/creating_a_node_pool.rst:255 `volumetype` (the ECS page also lists SATA)
    enum, mentioned, found = read("""
        Disk type. For details, see the description of **root_volume** in Creating an ECS.

        -  **SAS**: high I/O disk type.
        -  **SSD**: ultra-high I/O disk type.
        -  **GPSSD**: general-purpose SSD.
        -  **ESSD**: extreme SSD.
        """)
    assert enum is None and mentioned == ["SAS", "SSD", "GPSSD", "ESSD"] and "enum.reference" in found


def test_marked_words_named_as_fields_are_no_values() -> None:
    # modelarts f3d1df8 resource_management/tag_management/querying_tags_of_a_resource_pool.rst `pool_name`
    enum, _, found = read("Resource pool name. The value is the **name** value in the **metadata** field of the "
                          "resource pool details.")
    assert enum is None and "enum.field_names" in found


# --- issue 22 cause E, second round: the old side of an update stated the same set in a wording not read -------

def test_possible_values_are_then_unmarked_list() -> None:
    # OBS 956c2cf apis/static_website_hosting/options_bucket.rst:63 (S221)
    enum, _, _ = read("""
        An HTTP method that can be used by a request. The request can use multiple method headers.

        Type: string

        Possible values are GET, PUT, HEAD, POST, and DELETE.
        """)
    assert enum == ["GET", "PUT", "HEAD", "POST", "DELETE"]


def test_as_follows_then_unmarked_values_explained_in_brackets() -> None:
    # OBS c20ad7b apis/operations_on_buckets/creating_a_bucket.rst:66 (S228)
    enum, _, _ = read("""
        When creating a bucket, you can add this header to specify the default storage class of the bucket. The
        default storage classes are as follows: STANDARD (Standard storage class), WARM (Warm storage class), and
        COLD (Cold storage class). If this header is not in the request, the storage class of the bucket created is
        Standard.
        """)
    assert enum == ["STANDARD", "WARM", "COLD"]


def test_options_as_follows_then_dashes_in_one_paragraph() -> None:
    # modelarts 54d700e data_management/sample_management/querying_the_sample_list.rst:43 (S151)
    enum, _, _ = read("""
        Language. The options are as follows: - **en-us**: English (default value) - **zh-cn**: Chinese
        """)
    assert enum == ["en-us", "zh-cn"]


def test_value_can_be_in_a_list_item() -> None:
    # VPC 31a5498 api_v3/security_group_rule/querying_security_group_rules.rst:49 (S261)
    enum, _, _ = read("""
        -  Access control direction specified in the security group rule.

        -  The value can be **ingress** (inbound direction) or **egress** (outbound direction).
        """)
    assert enum == ["ingress", "egress"]


def test_option_items_that_say_indicates() -> None:
    # modelarts 076469a training_management/modifying_an_algorithm.rst:204 (S133)
    enum, _, _ = read("""
        Resource constraint. The options are as follows:

        -  flavor_type indicates the resource type. The value can be CPU, GPU, or Ascend (tag: hc, hk,fcs_super).

        -  device_distributed_mode: indicates whether to support multi-card training. The value can be multiple.

        -  host_distributed_mode: indicates whether distributed training is supported. The value can be multiple.
        """)
    assert enum == ["flavor_type", "device_distributed_mode", "host_distributed_mode"]


def test_value_options_label_then_unmarked_values() -> None:
    # OBS 956c2cf apis/advanced_bucket_settings/configuring_bucket_lifecycle_rules.rst:253
    enum, _, _ = read("""
        Indicates whether the rule is enabled.

        Type: string

        Value options: Enabled, Disabled
        """)
    assert enum == ["Enabled", "Disabled"]


def test_value_options_label_then_values_split_by_bars() -> None:
    # OBS 956c2cf apis/advanced_bucket_settings/configuring_a_bucket_acl.rst:104
    enum, _, _ = read("""
        Permissions to be granted.

        Value options: **READ** \\| **READ_ACP** \\| **WRITE** \\| **WRITE_ACP** \\| **FULL_CONTROL**

        Type: string
        """)
    assert enum == ["READ", "READ_ACP", "WRITE", "WRITE_ACP", "FULL_CONTROL"]


def test_range_label_then_plain_bullets() -> None:
    # VPC 8b76a94 vpc_apis_v3/security_group_rule/querying_a_security_group_rule.rst:97
    enum, _, _ = read("""
        -  Definition: IP address version of a security group rule.

        -  Range:

           -  IPv4

           -  IPv6
        """)
    assert enum == ["IPv4", "IPv6"]


def test_marked_values_then_an_unmarked_alternative_are_open() -> None:
    # VPC 31a5498 api_v3/security_group_rule/querying_a_security_group_rule.rst:74
    enum, _, _ = read("""
        -  Protocol type

        -  The value can be **icmp**, **tcp**, **udp**, **icmpv6**, or an IP number.
        """)
    assert enum is None


def test_range_label_then_cidr_blocks_is_no_set() -> None:
    # VPC 8b76a94 vpc_apis_v3/virtual_private_cloud/querying_vpcs.rst:94 (read once "Range:" heads options)
    enum, _, _ = read("""
        -  Specifies the available IP address ranges for subnets in the VPC.
        -  Range:

           -  10.0.0.0/8-24
           -  172.16.0.0/12-24
           -  192.168.0.0/16-24
        """)
    assert enum is None


# --- issue 23: the two ends of a range are no value set ---------------------------------------------------------

def test_the_ends_of_a_range_are_a_range_not_an_enum() -> None:
    # OBS apis/advanced_bucket_settings/configuring_a_default_worm_policy_for_a_bucket.rst (Days)
    r = read_description(cell("""
        Default protection period, in days. The value is from **1** to **36500**.
        """), INT)
    assert r.constraints.enum is None
    assert (r.constraints.minimum, r.constraints.maximum) == (1, 36500)
    assert "enum.range" in [c for c, _ in r.findings]
    # KMS "The value is an integer ranging from 30 to 365." and VPC "The value can be from 1 to 1000."
    for text in ("Pending days. The value is an integer ranging from 30 to 365.",
                 "Number of records. The value can be from **1** to **1000**."):
        got = read_description(cell(text), INT).constraints
        assert got.enum is None, text


def test_two_numbers_listed_as_values_stay_an_enum() -> None:
    enum, _, _ = read("""
        IP version. The value can be **4** or **6**.
        """, INT)
    assert enum == [4, 6]
