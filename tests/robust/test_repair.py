"""The safety net after `check`: what still makes a document invalid is removed at the smallest scope, named
at its `x-source`, and the document checked again."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.build.check import repair
from generator.build.check.repair import check_and_repair
from generator.core.model import Source
from generator.report.census import census
from generator.report.reconcile import problems


def xs(line: int, file: str = "a.rst") -> dict[str, Any]:
    return {"file": file, "line": line}


def spec() -> dict[str, Any]:
    ok = {"200": {"description": "OK", "x-source": xs(9)}}
    return {
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "paths": {
            "/a/{a_id}": {"get": {
                "operationId": "GetA", "x-source": xs(3),
                "parameters": [{"name": "limit", "in": "query", "x-source": xs(5),
                                "schema": {"type": "integer", "maximum": 20, "default": 50}}],
                "responses": {"200": {"description": "OK", "x-source": xs(9), "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Gone"},
                    "examples": {"E": {"value": {"default": float("inf")}, "x-source": xs(12)}}}}}}}},
            "/b": {"post": {"operationId": "PostB", "x-source": xs(3, "b.rst"), "responses": ok,
                            "requestBody": {"content": {"application/json": {
                                "schema": {"$ref": "#/components/schemas/B"}}}}}},
        },
        "components": {"schemas": {"B": {"type": "object", "x-source": xs(20, "b.rst"), "properties": {
            "kind": {"type": "string", "enum": ["x"], "default": "y", "x-source": xs(22, "b.rst")},
            "odd": {"type": "nonsense", "description": "Odd.", "x-source": xs(24, "b.rst")},
            "size": {"type": "integer", "x-source": xs(26, "b.rst")}}}}},
    }


def test_each_defect_costs_its_own_node_only() -> None:
    doc = spec()
    found, valid = check_and_repair(doc, Source("<t>", 0))
    assert valid
    repaired = {(d.code, d.source.file, d.source.line, d.message.split(":")[0]) for d in found.diagnostics
                if d.code in ("check.repaired", "operation.dropped_invalid")}
    assert repaired == {
        ("check.repaired", "a.rst", 12, "/paths/~1a~1{a_id}/get/responses/200/content/application~1json/examples/E"),
        ("check.repaired", "a.rst", 9, "/paths/~1a~1{a_id}/get/responses/200/content/application~1json/schema"),
        ("check.repaired", "a.rst", 3, "/paths/~1a~1{a_id}/get/parameters"),
        ("check.repaired", "a.rst", 5, "/paths/~1a~1{a_id}/get/parameters/0/schema/default"),
        ("check.repaired", "b.rst", 24, "/components/schemas/B/properties/odd"),
        ("check.repaired", "b.rst", 22, "/components/schemas/B/properties/kind/default"),
    }
    limit = doc["paths"]["/a/{a_id}"]["get"]["parameters"][0]["schema"]
    assert limit == {"type": "integer", "maximum": 20}  # the bound stays, the default contradicting it goes
    props = doc["components"]["schemas"]["B"]["properties"]
    assert props["kind"]["enum"] == ["x"] and "default" not in props["kind"]
    assert props["odd"] == {"description": "Odd.", "x-source": xs(24, "b.rst")}  # free-form, documented
    assert props["size"] == {"type": "integer", "x-source": xs(26, "b.rst")}  # untouched
    json.dumps(doc, allow_nan=False)


def test_an_operation_nothing_smaller_can_fix_is_dropped_and_counted() -> None:
    doc = spec()
    doc["paths"]["/b"]["post"]["callbacks"] = "not a map"  # no single keyword, member or body to drop
    before = copy.deepcopy(doc["paths"]["/a/{a_id}"])
    found, valid = check_and_repair(doc, Source("<t>", 0))
    assert valid and "/b" not in doc["paths"] and "/a/{a_id}" in doc["paths"]
    dropped = [d for d in found.diagnostics if d.code == "operation.dropped_invalid"]
    assert [(d.source.file, d.source.line) for d in dropped] == [("b.rst", 3)]
    assert before["get"]["operationId"] == doc["paths"]["/a/{a_id}"]["get"]["operationId"]


def test_a_valid_document_is_left_alone() -> None:
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    found, valid = check_and_repair(doc, Source("<t>", 0))
    assert valid and found.diagnostics == [] and doc["paths"] == {}


def test_dropped_operations_reconcile() -> None:
    from generator.build.check.document import Findings
    from generator.core.model import Diagnostic, DocOperation, Page, Severity

    page = Page("b.rst", "B", True)
    page.operations.append(DocOperation("PostB", "post", "/b", "B", "", Source("b.rst", 3), "B"))
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    drop = Diagnostic(Source("b.rst", 3), "operation.dropped_invalid", Severity.ERROR, "/paths/~1b/post: dropped")
    assert problems(census("svc", [page], doc, [drop], True, Findings())) == []
    assert problems(census("svc", [page], doc, [], True, Findings()))  # without its diagnostic the drop is a bug


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner, max_size=3),
    max_leaves=12)


@given(_values, st.integers(min_value=repair.MAX_SPEC_DEPTH - 3, max_value=repair.MAX_SPEC_DEPTH + 2),
       st.lists(st.booleans(), min_size=1, max_size=1))
def test_the_quick_verdict_on_unwritable_values_is_the_walks(leaf: Any, depth: int, as_list: list[bool]) -> None:
    """`_any_unwritable` (run on every check) says what `_unwritable` finds: non-finite floats anywhere, any
    node deeper than the bound, at the bound exactly and just around it."""
    doc: Any = leaf
    for i in range(depth):
        doc = [doc] if as_list[0] and i % 2 else {"k": doc}
    for spec in ({"a": doc, "b": 1.5}, {"a": leaf}, doc):
        assert repair._any_unwritable(spec) == any(True for _ in repair._unwritable(spec)), (depth, leaf)
