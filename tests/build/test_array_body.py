"""A body table whose one row is `[items]` describes a body that is a JSON array (CCE's chart and job lists)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_and_check, build_spec
from generator.core.config import default_service
from tests.rst_snippets import line_of, page, table

CHARTS = page("Obtaining a Chart List", "GET /v2/charts", """
Response Parameters
-------------------

**Status code: 200**

""" + table("Response body parameters", [["Parameter", "Type", "Description"],
                                         ["[items]", "Array of :ref:`ChartResp <chartresp>` objects", "Chart list"]])
    + table("ChartResp", [["Parameter", "Type", "Description"], ["id", "String", "Chart ID"],
                          ["public", "Boolean", "Whether the chart is public"]], label="chartresp") + """
Example Responses
-----------------

**Status code: 200**

.. code-block::

   [ {
     "id" : "1abd3bd6",
     "public" : false
   } ]

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
""", name="ListCharts")


def test_items_row_is_the_array_body(make_tree: Callable[[dict[str, str]], Path]) -> None:
    root = make_tree({"charts/obtaining_a_chart_list.rst": CHARTS})
    r = build_spec(root, "svc")
    media = r.spec["paths"]["/v2/charts"]["get"]["responses"]["200"]["content"]["application/json"]
    assert media["schema"]["type"] == "array"
    assert media["schema"]["items"] == {"$ref": "#/components/schemas/ChartResp"}
    assert media["schema"]["x-source"] == {"file": "charts/obtaining_a_chart_list.rst",
                                           "line": line_of(CHARTS, "[items]")}
    # the documented list fits, so it stays among the examples (it was a schema mismatch at `/` before)
    assert list(media["examples"]) == ["ListChartsResponse200"]
    assert "x-otc-invalid-examples" not in media
    # no object with an `[items]` property is left for a model to be handed the list
    assert "ListChartsResponse" not in r.spec["components"]["schemas"]
    assert not [d for d in r.diagnostics if d.code == "example.schema_mismatch"]


def test_an_array_body_example_is_checked(make_tree: Callable[[dict[str, str]], Path]) -> None:
    wrong = CHARTS.replace('"public" : false', '"public" : "no"')
    root = make_tree({"charts/obtaining_a_chart_list.rst": wrong})
    r = build_and_check(root, default_service("svc"))
    found = [(d.code, d.source.line) for d in r.diagnostics if d.code == "example.schema_mismatch"]
    assert found == [("example.schema_mismatch", line_of(wrong, "code-block") + 2)]
    media = r.result.spec["paths"]["/v2/charts"]["get"]["responses"]["200"]["content"]["application/json"]
    assert media["x-otc-invalid-examples"]["ListChartsResponse200"]["x-mismatches"][0]["at"] == "/0/public"
