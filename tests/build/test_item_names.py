"""The element of a list field is named in the singular (`topics` -> Topic), never over another shape's name."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.docs.naming import singular
from tests.rst_snippets import page, table


def _page(extra_rows: list[list[str]], extra_tables: str = "") -> str:
    rows = [["Parameter", "Type", "Description"],
            ["topics", "Array of objects", "Topics. See :ref:`Table 2 <topic_tbl>`."], *extra_rows]
    return page("Querying Topics", "GET /v2/topics", """
Response Parameters
-------------------

**Status code: 200**

""" + table("Response body parameters", rows)
        + table("Description of the topics field", [["Parameter", "Type", "Description"],
                                                    ["topic_urn", "String", "URN."]], label="topic_tbl")
        + extra_tables + """
Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
""", name="ListTopics")


def test_singular_undoes_the_regular_plural() -> None:
    assert [singular(w) for w in ("Topics", "Policies", "Addresses", "Releases", "Statuses", "Boxes", "Data",
                                  "Status", "VPCs", "Metrics")] == [
        "Topic", "Policy", "Address", "Release", "Status", "Box", "Data", "Status", "VPCs", "Metrics"]


def test_list_element_is_singular(make_tree: Callable[[dict[str, str]], Path]) -> None:
    r = build_spec(make_tree({"t/listing.rst": _page([])}), "svc")
    schemas = r.spec["components"]["schemas"]
    assert schemas["ListTopicsResponse"]["properties"]["topics"]["items"] == {"$ref": "#/components/schemas/Topic"}
    assert "Topics" not in schemas


def test_a_field_of_the_singular_name_keeps_it(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # `topic` names another shape Topic: the list's element stays after its field, nothing is renamed
    other = table("Description of the topic field", [["Parameter", "Type", "Description"],
                                                     ["name", "Integer", "Other."]], label="one_topic_tbl")
    text = _page([["topic", "Object", "One. See :ref:`Table 3 <one_topic_tbl>`."]], other)
    r = build_spec(make_tree({"t/listing.rst": text}), "svc")
    props = r.spec["components"]["schemas"]["ListTopicsResponse"]["properties"]
    assert props["topics"]["items"] == {"$ref": "#/components/schemas/Topics"}
    assert props["topic"]["$ref"] == "#/components/schemas/Topic"
    assert not [d for d in r.diagnostics if d.code == "schema.name_conflict"]
