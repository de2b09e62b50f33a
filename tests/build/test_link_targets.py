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
