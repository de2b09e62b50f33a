"""Which table a `:ref:` means (benchmarks/history_precision.md causes C and D): a row linking the table it sits in,
and an explicit link to another page beside a same-page table of the field's name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.pipeline import BuildResult, build_spec
from generator.core.model import Severity
from tests.rst_snippets import line_of, page, table

Tree = Callable[[dict[str, str]], Path]


def _component(r: BuildResult, holder: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = r.spec["components"]["schemas"][holder["$ref"].rsplit("/", 1)[1]]
    return schema


def _response(r: BuildResult, path: str, method: str = "get") -> dict[str, Any]:
    return _component(r, r.spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"])


def _table(number: int, caption: str, rows: list[list[str]], label: str | None = None) -> str:
    return table(caption, [["Parameter", "Type", "Description"], *rows], label).replace("**Table 1**",
                                                                                      f"**Table {number}**")


STATUS = "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n=========== ===========\n" \
         "200         OK\n=========== ===========\n"


def _as_page(see: str) -> str:
    """auto-scaling as_policies/querying_as_policies_bound_to_an_as_group.rst at d0b27d7: `scheduled_policy` links
    its own Table 3 while its description says "see Table 4"."""
    body = ("Response\n--------\n\n"
            + _table(2, "Response parameters", [
                ["total_number", "Integer", "Specifies the total number of query records."],
                ["scaling_policies", "Array of objects", "Specifies the AS policies. For details, see "
                 ":ref:`Table 3 <as_06_0405__table5036780310489>`."]])
            + _table(3, "**scaling_policies** field description", [
                ["scaling_group_id", "String", "Specifies the AS group ID."],
                ["scheduled_policy", ":ref:`scheduled_policy <as_06_0405__table5036780310489>` object",
                 f"Specifies the periodic or scheduled AS policy. {see}"]], "as_06_0405__table5036780310489")
            + _table(4, "**scheduled_policy** field description", [
                ["launch_time", "String", "Specifies the time when the scaling action is triggered."]],
                "as_06_0405__t759e6d15d")
            + STATUS)
    return page("Querying AS Policies Bound to an AS Group",
                "GET /autoscaling-api/v1/{project_id}/scaling_policy/{scaling_group_id}/list", body, "as_06_0405")


def _as_tree(make_tree: Tree, see: str) -> tuple[BuildResult, str]:
    text = _as_page(see)
    root = make_tree({"as_policies/querying_as_policies_bound_to_an_as_group.rst": text})
    return build_spec(root, "as"), text


def _scheduled_policy(r: BuildResult) -> dict[str, Any]:
    policies = _response(r, "/autoscaling-api/v1/{project_id}/scaling_policy/{scaling_group_id}/list")
    return _component(r, _component(r, policies["properties"]["scaling_policies"]["items"])["properties"]
                      ["scheduled_policy"])


def test_a_row_linking_its_own_table_takes_the_table_its_description_links(make_tree: Tree) -> None:
    r, text = _as_tree(make_tree, "For details, see :ref:`Table 4 <as_06_0405__t759e6d15d>`.")
    assert set(_scheduled_policy(r)["properties"]) == {"launch_time"}
    [d] = [d for d in r.diagnostics if d.code == "ref.self"]
    assert d.severity is Severity.WARNING and d.source.line == line_of(text, "scheduled_policy :ref:")
    assert "'Table 3 scaling_policies field description'" in d.message
    assert "'Table 4 scheduled_policy field description'" in d.message


def test_a_row_linking_its_own_table_takes_the_table_its_description_numbers(make_tree: Tree) -> None:
    r, _ = _as_tree(make_tree, "For details, see Table 4.")
    assert set(_scheduled_policy(r)["properties"]) == {"launch_time"}
    assert [d.severity for d in r.diagnostics if d.code == "ref.self"] == [Severity.WARNING]


def test_a_row_linking_its_own_table_and_naming_no_other_stays_recursive(make_tree: Tree) -> None:
    r, _ = _as_tree(make_tree, "A sub-policy.")
    assert set(_scheduled_policy(r)["properties"]) == {"scaling_group_id", "scheduled_policy"}
    [d] = [d for d in r.diagnostics if d.code == "ref.self"]
    assert d.severity is Severity.INFO and "recursive" in d.message


# domain-name-service tag_management/querying_resources_by_tag.rst at f597094: the response's `tags` links the tag
# table of public_parameters/data_structure.rst (key, value), a page with no call; the page's own request `tags`
# table (key, values) is another table
DATA_STRUCTURE = """\
:original_name: dns_api_80006.html

.. _dns_api_80006:

Data Structure
==============

""" + _table(2, "Description of the **tag** field", [["key", "String", "Tag key."], ["value", "String", "Tag value."]],
             "dns_api_80006__table19530794112436")


def _tags_page(item: str = "object", see: str = ":ref:`Table 2 <dns_api_80006__table19530794112436>`",
               own: str = "") -> str:
    body = ("Request\n-------\n\n"
            + _table(2, "Parameters in the request", [["tags", "Array of object", "Tags. For details, see "
                                                       ":ref:`Table 3 <dns_api_67006__tb2c210e5c>`."]])
            + _table(3, "Parameters in the **tags** field", [["key", "String", "Tag key."],
                                                              ["values", "Array of strings", "Values of the tag."]],
                     "dns_api_67006__tb2c210e5c")
            + "Response\n--------\n\n"
            + _table(5, "Parameters in the response", [["resources", "Array of object", "Resource list. For details,"
                                                        " see :ref:`Table 6 <dns_api_67006__t3e476a1c>`."]])
            + _table(6, "Parameters in the **resources** field", [
                ["resource_id", "String", "Resource ID"],
                ["tags", f"Array of {item}", f"List of queried tags. For details, see {see}."]],
                     "dns_api_67006__t3e476a1c")
            + own + STATUS)
    return page("Querying Resources by Tag", "POST /v2/{project_id}/{resource_type}/resource_instances/action", body,
                "dns_api_67006")


def test_an_explicit_link_to_an_unread_table_wins_over_a_same_page_table_of_the_field_name(make_tree: Tree) -> None:
    text = _tags_page()
    root = make_tree({"apis/tag_management/querying_resources_by_tag.rst": text,
                      "public_parameters/data_structure.rst": DATA_STRUCTURE})
    r = build_spec(root, "dns")
    path = "/v2/{project_id}/{resource_type}/resource_instances/action"
    resource = _component(r, _response(r, path, "post")["properties"]["resources"]["items"])
    assert resource["properties"]["tags"]["items"] == {"type": "object"}  # not the request's (key, values)
    request = _component(r, r.spec["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"])
    assert set(_component(r, request["properties"]["tags"]["items"])["properties"]) == {"key", "values"}
    [d] = [d for d in r.diagnostics if d.code == "ref.unread_table"]
    assert d.source.file == "apis/tag_management/querying_resources_by_tag.rst"
    assert d.source.line == line_of(text, "List of queried tags")
    assert "public_parameters/data_structure.rst:" in d.message


def test_a_type_link_to_an_unread_table_takes_the_read_table_its_description_links(make_tree: Tree) -> None:
    # the same page in the corpus (domain-name-service@83bb279): the Type cell links the data-structure table, the
    # description this page's own Table 7
    own = _table(7, "Description of the **tag** field",
                 [["key", "String", "Tag key"], ["value", "String", "Tag value"]], "dns_api_67006__table64133")
    text = _tags_page(":ref:`tag <dns_api_80006__table19530794112436>`", ":ref:`Table 7 <dns_api_67006__table64133>`",
                      own)
    root = make_tree({"apis/tag_management/querying_resources_by_tag.rst": text,
                      "public_parameters/data_structure.rst": DATA_STRUCTURE})
    r = build_spec(root, "dns")
    resource = _component(r, _response(r, "/v2/{project_id}/{resource_type}/resource_instances/action", "post")
                          ["properties"]["resources"]["items"])
    assert set(_component(r, resource["properties"]["tags"]["items"])["properties"]) == {"key", "value"}
    assert [d for d in r.diagnostics if d.code in ("ref.unread_table", "schema.unreferenced")] == []


def _pool_page(title: str, uri: str, anchor: str, template: str, own: str = "") -> str:
    body = ("Request\n-------\n\n"
            + _table(2, "Request body", [["nodeTemplate", template, "Parameters of the node pool template."]])
            + own + STATUS)
    return page(title, uri, body, anchor)


def test_a_link_to_another_pages_table_yields_to_the_pages_own_table_for_the_row(make_tree: Tree) -> None:
    # cloud-container-engine aea1a73 (history) apis/cluster_management/updating_a_specified_node_pool.rst:95: the
    # `nodeTemplate` row links the create page's table; the page's own unlabelled Table 7 lists the update's fields
    create_table = _table(6, "Data structure of the **nodeTemplate** field",
                          [["flavor", "String", "Flavor."], ["az", "String", "AZ."]], "cce_02_0354__table31501")
    create = _pool_page("Creating a Node Pool", "POST /api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools",
                        "cce_02_0354", ":ref:`NodeTemplate <cce_02_0354__table31501>` object", create_table)
    own = _table(7, "Data structure of the **nodeTemplate** field", [["taints", "Array of strings", "Taints."]])
    update = _pool_page("Updating a Node Pool",
                        "PUT /api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools/{nodepool_id}",
                        "cce_02_0356", ":ref:`Table6 Data structure of the nodeTemplate field "
                        "<cce_02_0354__table31501>` object", own)
    r = build_spec(make_tree({"apis/creating_a_node_pool.rst": create, "apis/updating_a_node_pool.rst": update}),
                   "cce")
    paths = r.spec["paths"]
    put = paths["/api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools/{nodepool_id}"]["put"]
    body = _component(r, put["requestBody"]["content"]["application/json"]["schema"])
    assert set(_component(r, body["properties"]["nodeTemplate"])["properties"]) == {"taints"}
    post = paths["/api/v3/projects/{project_id}/clusters/{cluster_id}/nodepools"]["post"]
    body = _component(r, post["requestBody"]["content"]["application/json"]["schema"])
    assert set(_component(r, body["properties"]["nodeTemplate"])["properties"]) == {"flavor", "az"}
    [d] = [d for d in r.diagnostics if d.code == "ref.own_table"]
    assert (d.source.file, d.source.line) == ("apis/updating_a_node_pool.rst", line_of(update, "   nodeTemplate "))
    assert [d for d in r.diagnostics if d.code == "schema.unreferenced"] == []


def _profile_tree(make_tree: Tree, linked_caption: str, own_caption: str) -> tuple[BuildResult, str]:
    """A create page holding the linked table, and a modify page whose response row `profile` says "see Table 16"
    (the create page's) beside its own unlabelled table captioned `own_caption`."""
    create_table = _table(16, linked_caption, [["max_num", "Integer", "Maximum number."]],
                          "modelarts_03_0110__table15315")
    create = _pool_page("Creating an Instance", "POST /v1/{project_id}/demanager/instances", "modelarts_03_0110",
                        "Object", create_table)
    body = ("Response\n--------\n\n"
            + _table(5, "Parameters", [["profile", "Object", "Configuration information. For details, see "
                                        ":ref:`Table 16 <modelarts_03_0110__table15315>`."]])
            + _table(6, own_caption, [["de_type", "String", "Development environment type."]])
            + STATUS)
    update = page("Modifying an Instance", "GET /v1/{project_id}/demanager/instances/{instance_id}", body,
                  "modelarts_03_0113")
    return build_spec(make_tree({"devenviron/creating.rst": create, "devenviron/modifying.rst": update}),
                      "modelarts"), update


def test_a_description_link_to_another_pages_table_yields_to_the_pages_own_table_for_the_row(make_tree: Tree) -> None:
    # modelarts 54d700e devenviron/modifying_the_description_of_a_development_environment_instance.rst:97: the
    # response's `profile` says "see Table 16", the create page's `flavor_details` table (a slip of the docs), while
    # the page has its own unlabelled "Table 6 profile parameters"
    r, update = _profile_tree(make_tree, "**flavor_details** parameters", "**profile** parameters")
    got = _response(r, "/v1/{project_id}/demanager/instances/{instance_id}")
    assert set(_component(r, got["properties"]["profile"])["properties"]) == {"de_type"}
    [d] = [d for d in r.diagnostics if d.code == "ref.own_table"]
    assert (d.source.file, d.source.line) == ("devenviron/modifying.rst", line_of(update, "   profile "))
    assert "devenviron/creating.rst:" in d.message


def test_a_description_link_to_another_pages_table_stands_when_the_page_has_no_table_for_the_row(
        make_tree: Tree) -> None:
    r, _ = _profile_tree(make_tree, "**profile** parameters", "**pool** parameters")
    got = _response(r, "/v1/{project_id}/demanager/instances/{instance_id}")
    assert set(_component(r, got["properties"]["profile"])["properties"]) == {"max_num"}
    assert [d for d in r.diagnostics if d.code == "ref.own_table"] == []


def test_a_table_captioned_for_a_row_named_parameter_is_that_rows_table(make_tree: Tree) -> None:
    # modelarts 3fb762f modifying_a_training_job_configuration.rst: "Table 4 **parameter** parameters" (label,
    # value) is the table of the body's `parameter` row (Array<Object>), not more rows of the body
    body = ("Request Body\n------------\n\n"
            + _table(2, "Parameters", [["config_desc", "String", "Description."],
                                       ["parameter", "Array<Object>", "Running parameters."]])
            + _table(4, "**parameter** parameters", [["label", "String", "Parameter name."],
                                                     ["value", "String", "Parameter value."]])
            + STATUS)
    r = build_spec(make_tree({"training/modifying.rst": page("Modifying a Training Job Configuration",
                                                             "PUT /v1/{project_id}/training-job-configs/{config_name}",
                                                             body, "modelarts_03_0060")}), "modelarts")
    put = r.spec["paths"]["/v1/{project_id}/training-job-configs/{config_name}"]["put"]
    got = _component(r, put["requestBody"]["content"]["application/json"]["schema"])
    assert set(got["properties"]) == {"config_desc", "parameter"}
    assert set(_component(r, got["properties"]["parameter"]["items"])["properties"]) == {"label", "value"}
