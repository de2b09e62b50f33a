"""Each description pattern in generator.docs.prose.read, on a small RST cell."""

from __future__ import annotations

import textwrap

import pytest
from docutils import nodes

from generator.core.types import Kind, TypeExpr
from generator.docs.prose.markdown import to_markdown
from generator.docs.prose.read import read_description
from generator.docs.read import read_text

S = TypeExpr(Kind.STRING)
INT = TypeExpr(Kind.INTEGER, "int32")
A = TypeExpr(Kind.ARRAY, items=S)


def cell(rst: str) -> nodes.Element:
    doc = read_text(textwrap.dedent(rst).strip() + "\n", "t.rst").doctree
    return doc


@pytest.mark.parametrize("lead", ["Options:", "Enums:", "Enumeration values:", "Possible values are as follows:",
                                  "The options are as follows:", "The value can be one of the following:"])
def test_enum_from_bold_bullets(lead: str) -> None:
    c = read_description(cell(f"""
        Status. {lead}

        -  **ACTIVE**: in use.

        -  **FROZEN**: frozen.
        """), S).constraints
    assert c.enum == ["ACTIVE", "FROZEN"] and not c.enum_inferred


def test_enum_mixed_bold_and_plain_leading_values() -> None:
    c = read_description(cell("""
        Type. Options:

        -  **COMMON**: common image

        -  TRAIN: image used for training
        """), S).constraints
    assert c.enum == ["COMMON", "TRAIN"]


def test_enum_integer_values_are_typed() -> None:
    c = read_description(cell("""
        Step. Options:

        -  **1**: Prepare.

        -  **2**: Run.
        """), INT).constraints
    assert c.enum == [1, 2]


def test_enum_on_array_applies_to_items() -> None:
    c = read_description(cell("""
        Flavors. Options:

        -  **CPU**

        -  **GPU**
        """), A).constraints
    assert c.enum == ["CPU", "GPU"]


def test_enum_inferred_from_single_caps_word_is_flagged() -> None:
    r = read_description(cell("""
        Script type. The options are as follows:

        -  The script content must be specified in COMMAND script.

        -  Default value of SCRIPT. The script path must be specified.
        """), S)
    assert r.constraints.enum == ["COMMAND", "SCRIPT"] and r.constraints.enum_inferred
    # "Default value of SCRIPT." names no value the net can read: reported, never guessed
    assert [code for code, _ in r.findings] == ["enum.inferred", "prose.default_behaviour"]


def test_enum_unparsed_is_reported() -> None:
    r = read_description(cell("""
        Mode. Options:

        -  the fast one, for small jobs

        -  the slow one, for big jobs
        """), S)
    assert r.constraints.enum is None
    assert [code for code, _ in r.findings] == ["enum.unparsed"]


def test_enum_inline_bold_values() -> None:
    c = read_description(cell("Whether to enable. The value can be **true** or **false**."),
                         TypeExpr(Kind.BOOLEAN)).constraints
    assert c.enum == [True, False]


@pytest.mark.parametrize(("text", "expected"), [
    ("The value can contain a maximum of 512 characters.", (None, 512)),
    ("The name contains a maximum of 128 characters, letters only.", (None, 128)),
    ("Enter 1 to 64 characters.", (1, 64)),
    ("Maximum length: 36", (None, 36)),
    ("It cannot exceed 255 characters.", (None, 255)),
])
def test_string_lengths(text: str, expected: tuple[int | None, int | None]) -> None:
    c = read_description(cell(text), S).constraints
    assert (c.min_length, c.max_length) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The maximum value is 4,096 GB.", (None, 4096)),
    ("Value range: 1 to 100", (1, 100)),
    ("The value ranges from 1 to 65535.", (1, 65535)),
    ("Minimum value: 0. Maximum value: 10.", (0, 10)),
])
def test_numeric_ranges(text: str, expected: tuple[int | None, int | None]) -> None:
    c = read_description(cell(text), INT).constraints
    assert (c.minimum, c.maximum) == expected


@pytest.mark.parametrize(("text", "n"), [
    ("A maximum of five public IP addresses are supported.", 5),
    ("A maximum of 20 tags can be added.", 20),
])
def test_array_max_items(text: str, n: int) -> None:
    assert read_description(cell(text), A).constraints.max_items == n


@pytest.mark.parametrize(("text", "value"), [
    ("If no workspace is available, the default value is **0**.", "0"),
    ("Image source, which defaults to **CUSTOMIZE**. Options:", "CUSTOMIZE"),
    ("Default value: **true**", "true"),
])
def test_defaults(text: str, value: str) -> None:
    c = read_description(cell(text), S).constraints
    assert c.has_default and c.default == value


def test_default_integer_and_boolean_are_typed() -> None:
    assert read_description(cell("The default value is 10."), INT).constraints.default == 10
    assert read_description(cell("Default value: **false**"), TypeExpr(Kind.BOOLEAN)).constraints.default is False


def test_conditional_default_is_not_a_default() -> None:
    r = read_description(cell("The default value is 5 GB for EVS and 50 GB for EFS."), INT)
    assert not r.constraints.has_default
    assert [code for code, _ in r.findings] == ["default.conditional"]


def test_bold_option_named_default_is_not_a_default() -> None:
    r = read_description(cell("""
        Instance type. Options:

        -  **DEFAULT**: free instance.

        -  **NOTEBOOK**: billed instance.
        """), S)
    assert r.constraints.enum == ["DEFAULT", "NOTEBOOK"]
    assert not r.constraints.has_default


def test_deprecated_field() -> None:
    assert read_description(cell("This parameter is deprecated."), S).constraints.deprecated


def test_markdown_rendering_keeps_structure() -> None:
    md = to_markdown(cell("""
        Status. Options:

        -  **A**: first.

        -  **B**: second.
        """))
    assert md == "Status. Options:\n\n- **A**: first.\n- **B**: second."


def test_enum_value_split_by_escaped_markup() -> None:
    c = read_description(cell("""
        Sort order. Options:

        -  **as**\\ c: ascending

        -  **des**\\ c: descending
        """), S).constraints
    assert c.enum == ["asc", "desc"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The value must be smaller than or equal to 100.", (None, 100)),
    ("The value must be greater than or equal to 1 and less than or equal to 10.", (1, 10)),
])
def test_comparative_limits(text: str, expected: tuple[int | None, int | None]) -> None:
    c = read_description(cell(text), INT).constraints
    assert (c.minimum, c.maximum) == expected


def test_default_none_is_no_default() -> None:
    r = read_description(cell("The default value is None."), S)
    assert not r.constraints.has_default and [c for c, _ in r.findings] == ["default.none"]


def test_range_bullet_is_not_an_enum() -> None:
    r = read_description(cell("""
        Retention days. The value range is from 0 to 732.

        -  **0**: disabled.
        -  **1** to **732**: retention days.
        """), INT)
    assert r.constraints.enum is None
    assert (r.constraints.minimum, r.constraints.maximum) == (0, 732)


def test_length_less_than_or_equal() -> None:
    c = read_description(cell("The length is less than or equal to 255 characters."), S).constraints
    assert c.max_length == 255


def test_single_letter_options_are_format_placeholders() -> None:
    r = read_description(cell("""
        Version, in the format vX.Y.Z-rN. Options:

        -  **X**: major

        -  **Y**: minor
        """), S)
    assert r.constraints.enum is None and [c for c, _ in r.findings] == ["enum.placeholder_letters"]


def test_null_is_not_an_enum_value() -> None:
    r = read_description(cell("""
        Protocol. Options:

        -  **tcp**

        -  **null**
        """), S)
    assert r.constraints.enum == ["tcp"] and "enum.null_value" in [c for c, _ in r.findings]


def test_enum_from_plain_value_paragraphs() -> None:
    c = read_description(cell("""
        Billing items. Options:

        STORAGE: storage billing.

        COMPUTE: compute billing.

        ALL: both.
        """), A).constraints
    assert c.enum == ["STORAGE", "COMPUTE", "ALL"]


def test_options_announced_without_values_is_reported() -> None:
    r = read_description(cell("""
        Billing items. Options:

        Ask your account manager.
        """), S)
    assert r.constraints.enum is None and [c for c, _ in r.findings] == ["enum.unparsed"]


def test_bullets_glossing_terms_of_the_lead_sentence_are_no_enum() -> None:
    # modelarts monitoring_a_resource_pool.rst: the bullets explain the parts of a format.
    result = read_description(cell("""
        Time range. The format is startTimeInMillis.endTimeInMillis.durationInMinutes. Parameter description:

        -  **startTimeInMillis**: start of the query.

        -  **endTimeInMillis**: end of the query.

        -  **durationInMinutes**: time span.
        """), S)
    assert result.constraints.enum is None


def test_bold_bullets_not_named_in_the_lead_stay_an_enum() -> None:
    c = read_description(cell("""
        Statistical mode. Parameter description:

        -  **maximum**: maximum value.

        -  **minimum**: minimum value.
        """), S).constraints
    assert c.enum == ["maximum", "minimum"]


# ---------------------------------------------------------------- issue 14: phrasings the prose census found
# Each case is the real sentence (file:line in ../shared/corpus), in a cell of its own.

B = TypeExpr(Kind.BOOLEAN)
F = TypeExpr(Kind.NUMBER, "float")


@pytest.mark.parametrize(("rst", "type_", "attr", "expected"), [
    # distributed-message-service@d2c571c/apis_v2_recommended/instance_management/
    #   initiating_partition_reassigning_for_a_kafka_instance.rst:46 (its own paragraph, typed by the field)
    ("Set **true** to perform time estimation tasks and **false** to perform rebalancing tasks.\n\n"
     "Default: **false**", B, "default", False),
    # domain-name-service@83bb279/apis/record_set_management/querying_all_record_sets.rst:49
    ("Commonly used values are **10**, **20**, and **50**. The default value is **500**.", INT, "default", 500),
    # modelarts@1ba1873/service_management/obtaining_service_details.rst:297
    ("If this parameter is not set, the default value 0 is used.", INT, "default", 0),
    # virtual-private-cloud@eb03d88/vpc_apis_v3/network_acl_tag_management/querying_network_acls_using_tags.rst:37
    ("The value is **0** by default, indicating that the query starts from the first piece of data.", INT,
     "default", 0),
    # modelarts@1ba1873/training_management/querying_a_training_job_list.rst:38
    ("Metric for sorting jobs. **create_time** is used by default.", S, "default", "create_time"),
    # elastic-cloud-server@efcbeed/apis_recommended/nic_management/listing_nics_of_an_ecs.rst:123
    ("Specifies the NIC driver type, which is **virtio** by default.", S, "default", "virtio"),
    # auto-scaling@fa9d756/apis/as_policies/modifying_an_as_policy_v2.rst:110
    ("Specifies the operation to be performed. The default operation is **ADD**.", S, "default", "ADD"),
    # auto-scaling@fa9d756/apis/as_groups/deleting_an_as_group.rst:41 (the option marked "(default)")
    ("Specifies whether to forcibly delete.\n\n-  **no** (default): indicates that the AS group is not forcibly "
     "deleted.\n-  **yes**: indicates that the AS group is forcibly deleted.", S, "default", "no"),
    # relational-database-service@03eecfd/openstack_trove_api_v1.0_to_be_discarded/parameter_configuration/
    #   obtaining_a_parameter_template.rst:123 ("which can be **A**, **B**, ..." names the values)
    ("Indicates the parameter type, which can be **integer**, **string**, **boolean**, **list**, or **float**.",
     S, "enum", ["integer", "string", "boolean", "list", "float"]),
    # virtual-private-cloud@eb03d88/vpc_apis_v1_v2/vpc_peering_connection/querying_vpc_peering_connections.rst:61
    ("Specifies the number of records that will be returned on each page. The value is from 0 to 2000.", INT,
     "maximum", 2000),
    # modelarts@1ba1873/service_management/obtaining_service_update_logs.rst:147 (a float: exclusive bound)
    ("Maximum number of extra instances. The value must be greater than 0.", F, "exclusive_minimum", 0),
    # key-management-service@c2d17c2/apis/key_management_service/cmk_management/changing_the_description_of_a_cmk.rst:55
    ("36-byte key ID that matches the regular expression "
     "**^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$**.", S, "pattern",
     "^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$"),
    ("36-byte key ID that matches the regular expression "
     "**^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$**.", S, "max_length", 36),
    # modelarts@1ba1873/historical_apis/data_management_old_version/creating_a_dataset.rst:111 (comma after value)
    ("Type of the dataset output path. The default value is 0, indicating an OBS bucket.", INT, "default", 0),
    # cloud-container-engine@4863737/apis/tag_management/adding_resource_tags_to_a_specified_cluster_in_batches.rst:146
    ("Max characters: 255", S, "max_length", 255),
    # nat-gateway@1813a7f/apis_for_private_nat_gateways_v3.0/private_nat_gateways/creating_a_private_nat_gateway.rst:239
    ("A key can contain up to 128 Unicode characters.", S, "max_length", 128),
    # auto-scaling@fa9d756/apis/as_configurations/querying_as_configurations.rst:38
    ("The minimum parameter value is **0**.", INT, "minimum", 0),
    # cloud-container-engine@4863737/apis/add-on_management/creating_add-on_check_tasks_in_batches.rst:273
    ("**Range**: The value is fixed at **AddonCheck**.", S, "enum", ["AddonCheck"]),
    # cloud-container-engine@4863737/apis/cluster_management/querying_a_specified_node_pool.rst:570
    ("Currently, only **evs** (EVS volumes) and **local** (local volumes) are supported.", S, "enum",
     ["evs", "local"]),
])
def test_learned_phrasing(rst: str, type_: TypeExpr, attr: str, expected: object) -> None:
    r = read_description(cell(rst), type_)
    got = getattr(r.constraints, attr)
    assert got == expected and type(got) is type(expected), r.findings
    if attr == "default":
        assert r.constraints.has_default


def test_integer_greater_than_is_an_inclusive_minimum() -> None:
    # modelarts@1ba1873/service_management/updating_service_configurations.rst:142
    assert read_description(cell("The value must be greater than 0."), INT).constraints.minimum == 1


@pytest.mark.parametrize(("rst", "type_", "code"), [
    # never invent: examples are not a closed set
    # domain-name-service@83bb279/apis/record_set_management/querying_all_record_sets.rst:49 (was a closed enum)
    ("Commonly used values are **10**, **20**, and **50**. The default value is **500**.", INT,
     "prose.enum_example_only"),
    # identity-access-management@9d2eac9/apis/security_settings/modifying_the_acl_for_console_access.rst:82
    ("IPv4 address range, for example, **0.0.0.0-255.255.255.255**.", S, "prose.range_example_only"),
    # a default that depends on something else stays a finding
    # auto-scaling@fa9d756/apis/as_policies/modifying_an_as_policy_v2.rst:90
    ("If **recurrence_type** is set to **Monthly**, the value ranges from **1** to **31**.", INT,
     "prose.range_conditional"),
    # auto-scaling@fa9d756/apis/as_policies/creating_an_as_policy_v2.rst:133 (values of another field, a case)
    ("If **operation** is set to **ADD**, **REMOVE**, or **REDUCE**, the value of this parameter is an integer from 1"
     " to 20000.", INT, "prose.range_conditional"),
    # auto-scaling@fa9d756/apis/as_policies/creating_an_as_policy.rst:114 (the marked words are other parameters)
    ("Either **instance_number** or **instance_percentage** is required.", INT, "prose.enum_ambiguous"),
    # elastic-cloud-server@efcbeed/apis_recommended/status_management/modifying_the_specifications_of_an_ecs.rst:97
    ("**Definition**\n\nSpecifies the flavor ID.\n\n**Default Value**\n\nN/A", S, "default.none"),
    # domain-name-service@83bb279/apis/private_zone_management/modifying_a_private_zone.rst:54
    ("If this parameter is left blank, the value will not be changed.", INT, "prose.default_behaviour"),
    # distributed-message-service@2c28a40/out-of-date_apis/api_v2/creating_an_instance.rst:163 ("enabled" is no value)
    ("If this parameter is left blank, SASL_SSL authentication is enabled by default.", S, "prose.default_behaviour"),
    # cloud-container-engine@4863737/apis/cluster_management/creating_a_cluster.rst:351 (a size, not a length)
    ("The maximum size of the certificate is 1 MB.", S, "prose.range_ambiguous"),
])
def test_rejected_with_a_reason(rst: str, type_: TypeExpr, code: str) -> None:
    r = read_description(cell(rst), type_)
    assert code in [c for c, _ in r.findings]


def test_commonly_used_values_never_make_an_enum() -> None:
    r = read_description(cell("The value ranges from **0** to **500**.\n\nCommonly used values are **10**, **20**, "
                              "and **50**. The default value is **500**."), INT)
    c = r.constraints
    assert c.enum is None and (c.minimum, c.maximum, c.default) == (0, 500, 500)


def test_conditional_default_stays_conditional() -> None:
    # modelarts@1ba1873/resource_management/resource_pool_management/creating_resource_pools.rst:290
    r = read_description(cell("When **dataVolumes** is specified, the default value **ext4** is used."), S)
    assert not r.constraints.has_default and "default.conditional" in [c for c, _ in r.findings]


def test_value_set_contradicting_the_type_is_reported_not_fixed() -> None:
    r = read_description(cell("The value can be **small**, **medium**, or **large**."), INT)
    assert r.constraints.enum is None and "enum.type_mismatch" in [c for c, _ in r.findings]



def test_option_named_default_states_no_default() -> None:
    # modelarts@1ba1873/resource_management/resource_pool_management/deleting_a_resource_pool.rst:267
    r = read_description(cell("Disk group. Options:\n\n-  **default**: common data disk, which is mounted in default "
                              "mode.\n-  **vgpaas**: container disk."), S)
    assert r.constraints.enum == ["default", "vgpaas"] and not r.constraints.has_default
    assert not [c for c, _ in r.findings if c.startswith(("default.", "prose.default"))]


def test_default_breaking_the_cells_own_limit_is_a_defect() -> None:
    # modelarts@1ba1873/service_management/deploying_services.rst:160 (the spec would not validate with both)
    r = read_description(cell("The value must be greater than 0. If this parameter is not set, the default value 0 is "
                              "used."), TypeExpr(Kind.NUMBER, "float"))
    assert r.constraints.exclusive_minimum == 0 and not r.constraints.has_default
    assert "default.contradicts_constraints" in [c for c, _ in r.findings]


@pytest.mark.parametrize("rst", [
    # elastic-cloud-server@efcbeed/native_openstack_nova_apis/lifecycle_management/creating_an_ecs.rst:200
    "Otherwise, the system will select the default AZ. The default AZ is dynamically configured by the system.",
    # elastic-cloud-server@efcbeed/apis_recommended/status_management/
    #   changing_an_ecs_os_using_an_image_with_cloud-init_installed.rst:155
    "**Default Value**\n\nThe default value is not **true**, indicating that BYOL is not used.",
])
def test_words_around_default_are_no_value(rst: str) -> None:
    r = read_description(cell(rst), S)
    assert not r.constraints.has_default and "prose.default_behaviour" in [c for c, _ in r.findings]


def test_marked_word_refused_by_the_cells_own_pattern_is_no_value() -> None:
    # key-management-service@c2d17c2/apis/key_management_service/cmk_management/decrypting_data.rst:52
    r = read_description(cell("Ciphertext of encrypted data. The value is the **cipher_text** value in the data "
                              "encryption result that matches the regular expression **^[0-9a-zA-Z+/=]{188,5648}$**."),
                         S)
    assert r.constraints.enum is None and r.constraints.pattern == "^[0-9a-zA-Z+/=]{188,5648}$"
    # "the **cipher_text** value in ...": the marked word is named as a field before the pattern refuses it
    assert "enum.field_names" in [c for c, _ in r.findings]
    r = read_description(cell("Ciphertext of encrypted data. The value can be **cipher_text** or **plain_text** and "
                              "matches the regular expression **^[0-9a-zA-Z+/=]{188,5648}$**."), S)
    assert r.constraints.enum is None and "enum.contradicts_pattern" in [c for c, _ in r.findings]


@pytest.mark.parametrize("text", [
    "Number of records on each page. Commonly used values are **10**, **20**, and **50**.",
    "Page size. The value can be **10**, **20**, or **50**, for example.",
    "Page size. The value can be, such as, **10**, **20**, or **50**.",
    "Page size. Values are **10**, **20**, e.g. **50**.",
])
def test_example_values_never_make_an_enum(text: str) -> None:
    r = read_description(cell(text), INT)
    assert r.constraints.enum is None
    assert "prose.enum_example_only" in [code for code, _ in r.findings]  # said, not silently dropped


def test_commonly_used_values_listed_are_no_enum() -> None:
    r = read_description(cell("""
        Page size. Commonly used values are as follows:

        -  **10**: a short page.

        -  **50**: a long page.
        """), INT)
    assert r.constraints.enum is None and "prose.enum_example_only" in [code for code, _ in r.findings]


def test_stated_integer_enumeration_is_still_an_enum() -> None:
    assert read_description(cell("Page size. The value can be **10**, **20**, or **50**."), INT).constraints.enum == [
        10, 20, 50]


@pytest.mark.parametrize("text", [
    "NTP server. If this value is set to **null**, the NTP server address of the subnet is deleted.",
    "Expiry time. **null** indicates that the password will not expire.",
    "Remark. The value can be null but not the default.",
    "Remark. It can be set to null.",
    "Next link. If the next resource link is unavailable, this parameter is set to **null**.",
])
def test_null_allowed(text: str) -> None:
    assert read_description(cell(text), S).constraints.nullable


@pytest.mark.parametrize("text", [
    "Name. This parameter cannot be empty or null.",
    "Name. The value can not be null.",
    "Name. It must not be null.",
    "Name. Null values are rejected.",
])
def test_null_not_allowed(text: str) -> None:
    assert not read_description(cell(text), S).constraints.nullable


def test_marked_numbers_beside_a_one_sided_bound_are_no_enum() -> None:
    """ECS listing_details_about_ecss.rst `offset`: a lower bound and two marked page numbers."""
    r = read_description(cell("Specifies the page number.\n\n"
                              "The value must be greater than or equal to **0** and the default value is **1**.\n\n"
                              "If the value is **0**, the first page is displayed, which is the same as the value "
                              "**1**."), INT)
    assert r.constraints.enum is None and r.constraints.minimum == 0 and r.constraints.maximum is None
    assert "enum.within_open_range" in [c for c, _ in r.findings]


def test_a_closed_range_keeps_its_marked_values() -> None:
    r = read_description(cell("The value can be **0** or **1**. The value ranges from 0 to 1."), INT)
    assert r.constraints.enum == [0, 1] and (r.constraints.minimum, r.constraints.maximum) == (0, 1)


@pytest.mark.parametrize(("text", "bound"), [
    ("Each page contains 25 ECSs by default, and a maximum of 1,000 ECSs are returned.", 1000),
    ("The value can be up to 12,5 for now.", 12),
    ("The value is at most 20,000.", 20000),
])
def test_a_bound_in_words_reads_thousands_separators(text: str, bound: int) -> None:
    """ECS `limit`: "a maximum of 1,000 ECSs" was read as a maximum of 1."""
    assert read_description(cell(text), INT).constraints.maximum == bound


OBJ = TypeExpr(Kind.OBJECT)


@pytest.mark.parametrize(("code", "rst", "type_"), [
    ("default.not_in_enum", "Mode. Options:\n\n-  **fast**\n\n-  **slow**\n\nDefault value: **medium**.", S),
    ("default.type_mismatch", "Count of things.\n\nDefault value: **abc**.", INT),
    ("enum.contradicts_example", "Format. Options:\n\n-  **1**: one\n\n-  **2**: two\n\nExample: 3", INT),
    ("enum.not_scalar", "Labels. Options:\n\n-  **Key**: the key\n\n-  **Value**: the value", OBJ),
    ("enum.partial", "Type. Options:\n\n-  **json**: JSON\n\n-  used for form data", S),
    ("enum.range_item", "Days. Options:\n\n-  **0**: disabled\n\n-  **1** to **732**: retention days", INT),
    ("prose.default_contradicts_type", "The runtime.\n\nDefault value: **containerd**.", OBJ),
    ("prose.default_example_only", "The size. For example, the default is 10.", INT),
    ("prose.enum_conditional", "If **operation** is set to **ADD** or **REMOVE**, the value is an integer.", INT),
    ("prose.items_ambiguous", "IP addresses. By default, the maximum number of IP address entries is 20.", A),
    ("prose.items_conditional", "AZs. When creating an instance, you can select either 1 AZ or at least 3 AZ.", A),
    ("prose.pattern_ambiguous", "Material in Base64 format that matches the regular expression.", S),
    ("prose.pattern_contradicts_type", "Count. The value must match the regular expression ``^[0-9]+$``.", INT),
    ("prose.range_contradicts_type", "Limit. The maximum value is 1000, and the minimum value is 1.", S),
    ("prose.range_not_scalar", "Labels. A key can contain a maximum of 253 characters.", OBJ),
])
def test_each_finding_has_its_code(code: str, rst: str, type_: TypeExpr) -> None:
    result = read_description(cell(rst), type_)
    assert code in [c for c, _ in result.findings]
    if code.startswith(("enum.", "prose.enum_")) and code != "enum.contradicts_example":
        assert result.constraints.enum is None  # the value set is refused (a contradicted example only is flagged)


# issue 22: enum values come from the bullets whatever the lead-in sentence says (a docs update that drops or
# rewords the lead-in must not lose the enum)
@pytest.mark.parametrize("lead", ["Specifies encryption. The value can be:", "Specifies encryption.",
                                  "Specifies encryption. Value 0 or 1:"])
def test_bullets_opening_with_their_values_are_the_enum_whatever_the_lead_in(lead: str) -> None:
    c = read_description(cell(f"""
        {lead}

        -  0: encryption disabled

        -  1: encryption enabled
        """), S).constraints
    assert c.enum == ["0", "1"]


@pytest.mark.parametrize("lead", ["The value can be **0** or **1**.", "Specifies encryption (**0** or **1**)."])
def test_a_lead_in_naming_the_bold_values_as_alternatives_announces_them(lead: str) -> None:
    c = read_description(cell(f"""
        {lead}

        -  **0**: encryption disabled

        -  **1**: encryption enabled
        """), S).constraints
    assert c.enum == ["0", "1"]


def test_title_case_headings_in_bullets_are_no_values() -> None:
    c = read_description(cell("""
        Specifies the EIP status.

        -  Definition: the status of the EIP.

        -  Range: see the status table.
        """), S).constraints
    assert c.enum is None


def test_plain_bullets_naming_examples_are_no_values() -> None:
    c = read_description(cell("""
        The CIDR block of the subnet.

        -  10.0.0.0/8: reserved for the system.

        -  172.16.0.0/12: reserved for the system.
        """), S).constraints
    assert c.enum is None


def test_times_in_plain_bullets_are_no_keys() -> None:
    c = read_description(cell("""
        Backup time window. Example:

        -  08:15-09:15 backs up between 08:15 and 09:15.

        -  23:00-00:00 backs up around midnight.
        """), S).constraints
    assert c.enum is None


def test_parts_named_with_and_are_no_alternatives() -> None:
    # KMS: "Tag list, which is the value pairs of **key** and **value**." then a bullet per part
    c = read_description(cell("""
        Tag list, which is the value pairs of **key** and **value**.

        -  **key** indicates the tag key.

        -  **value** indicates the tag value.
        """), S).constraints
    assert c.enum is None


def test_values_of_a_part_of_the_field_are_no_enum_of_the_field() -> None:
    # IAM password_expires_at: "operator:timestamp"; the nested bullets list the operator's values
    c = read_description(cell("""
        Password expiration time. The format is *operator*:*timestamp*.

        -  The value of **operator** can be **lt** or **gt**.

           -  **lt**: earlier than *timestamp*.
           -  **gt**: later than *timestamp*.

        -  The **timestamp** format is **YYYY-MM-DDTHH:mm:ssZ**.
        """), S).constraints
    assert c.enum is None
