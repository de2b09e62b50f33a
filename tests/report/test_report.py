"""The coverage report on small hand-made inputs: counters add up (or the report refuses), defects are listed,
hostile doc text is escaped, output is deterministic."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build.check.document import ExampleMismatch, Findings
from generator.cli import main
from generator.core.model import (
    Diagnostic,
    DocOperation,
    Example,
    Field,
    Page,
    Response,
    Schema,
    Severity,
    Source,
)
from generator.core.types import Kind, TypeExpr
from generator.report import CountersDoNotAddUp, as_html, as_json, as_text, coverage
from generator.report.census import census
from generator.report.reconcile import problems
from tests.rst_snippets import page, table

HOSTILE = '<script>alert("x")</script> """ {{ config }} {% raw %} & \'q\''


def _diag(file: str, line: int, code: str, message: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(Source(file, line), code, severity, message)


def _page(title: str = "Creating a Thing") -> Page:
    """An API page: 5 rows (3 resolved, 1 unknown type, 1 failed), a request and a response example."""
    f = "things/create.rst"
    body = Schema("CreateThingRequest", [Field("count", TypeExpr(Kind.INTEGER), True, "", Source(f, 20))],
                  Source(f, 18))
    op = DocOperation("CreateThing", "post", "/v1/things", title, "", Source(f, 8), "things", request_body=body,
                   request_examples=[Example("CreateThingRequest", "application/json", {"count": "x"},
                                             Source(f, 30))],
                   responses=[Response("200", "OK", Source(f, 36),
                                       examples=[Example("CreateThingResponse200", "application/json", {},
                                                         Source(f, 40), "200", False)])])
    p = Page(f, title, True, [op], rows_total=5, rows_resolved=3, rows_unknown_type=1, rows_failed=1)
    p.diagnostics += [
        _diag(f, 21, "type.unknown", "'size': type 'Blob' is not in the type grammar"),
        _diag(f, 22, "table.row_shape", "row has 2 cells, the header has 4"),
        _diag(f, 50, "example.invalid_json", "example is not valid JSON (Expecting ',' at line 3 column 1)"),
    ]
    return p


def _spec() -> dict[str, Any]:
    def ex(line: int) -> dict[str, Any]:
        return {"value": {}, "x-source": {"file": "things/create.rst", "line": line}}

    ref = {"$ref": "#/components/schemas/CreateThingRequest"}
    return {"paths": {"/v1/things": {"post": {
        "operationId": "CreateThing", "x-source": {"file": "things/create.rst", "line": 8},
        "requestBody": {"content": {"application/json": {"schema": ref, "examples": {"CreateThingRequest": ex(30)}}}},
        "responses": {"200": {"content": {"application/json": {"schema": ref,
                                                                "examples": {"CreateThingResponse200": ex(40)}}}}},
    }}}, "components": {"schemas": {"CreateThingRequest": {"type": "object"}}}}


def _mismatch(line: int, pointer: str, message: str, example: str = "CreateThingRequest") -> ExampleMismatch:
    return ExampleMismatch.make(Source("things/create.rst", line), "CreateThing", "request", example, pointer, message)


def _mismatches() -> list[ExampleMismatch]:
    return [_mismatch(30, "/count", '"x" is not of type "integer"'), _mismatch(30, "", "'name' is a required property")]


def _findings(mismatches: list[ExampleMismatch], *others: Diagnostic) -> Findings:
    """What `check` returns for `_spec()`: both examples held against their schema."""
    return Findings([m.diagnostic() for m in mismatches] + list(others), mismatches,
                    {("things/create.rst", 30), ("things/create.rst", 40)})


def _inputs(title: str = "Creating a Thing") -> tuple[list[Page], dict[str, Any], list[Diagnostic], Findings]:
    api = _page(title)
    toc = Page("index.rst", "API Reference", False)
    toc.diagnostics.append(_diag("index.rst", 1, "page.not_api", "no URI", Severity.INFO))
    spec_level = _diag("<things.openapi.yaml>", 0, "check.reserved_property", "X.to_dict", Severity.WARNING)
    findings = _findings(_mismatches(), spec_level)
    diags = sorted([d for p in (api, toc) for d in p.diagnostics] + findings.diagnostics)
    return [api, toc], _spec(), diags, findings


def test_counters_add_up_and_examples_are_classified() -> None:
    pages, spec, diags, findings = _inputs()
    cov = coverage("things", pages, spec, diags, True, findings)
    t = as_json.totals(cov)
    assert t["pages"] == 2 and t["api_pages"] == 1 and t["non_api_pages"] == 1
    assert t["operations_in_spec"] == t["operations_extracted"] == 1
    assert t["rows"] == {"total": 5, "resolved": 3, "unknown_type": 1, "failed": 1}
    assert t["examples"] == {"total": 3, "valid": 1, "invalid": 1, "unchecked": 0, "unparseable": 1, "misread": 0}
    assert t["diagnostics"] == {"total": 7, "by_severity": {"error": 5, "warning": 1, "info": 1}}
    assert sum(sum(s.values()) for s in cov.by_code().values()) == 7
    assert [d.code for d in cov.spec_diagnostics] == ["check.reserved_property"]


def test_defects_name_file_line_operation_and_pointer() -> None:
    pages, spec, diags, findings = _inputs()
    cov = coverage("things", pages, spec, diags, True, findings)
    assert [(d.file, d.line, d.operation, d.part, d.pointer) for d in cov.defects] == [
        ("things/create.rst", 30, "CreateThing", "request", ""),
        ("things/create.rst", 30, "CreateThing", "request", "/count"),
    ]
    assert cov.defects[1].message == '"x" is not of type "integer"'
    text = as_text.render(cov)
    assert "Documentation defects: 2 findings in 1 example blocks" in text
    assert "things/create.rst:30" in text and "/count" in text
    data = as_json.to_dict(cov)
    assert data["documentation_defects"][1] == {"file": "things/create.rst", "line": 30, "operation": "CreateThing",
                                                "part": "request", "pointer": "/count",
                                                "message": '"x" is not of type "integer"'}
    assert 'id="defects"' in as_html.render(cov)


def test_defect_message_is_cut_where_its_diagnostic_is_cut() -> None:
    m = _mismatch(30, "/count", "x" * 1000)
    assert len(m.diagnostic().message) == 400 and m.diagnostic().message.endswith(m.message)
    assert m.message == "x" * (400 - len("CreateThing request example CreateThingRequest: at /count: "))


def test_rows_that_do_not_add_up_are_refused() -> None:
    pages, spec, diags, findings = _inputs()
    pages[0].rows_total = 6
    with pytest.raises(CountersDoNotAddUp, match="rows 6 != 3 resolved"):
        coverage("things", pages, spec, diags, True, findings)


def test_unresolved_row_without_a_diagnostic_is_refused() -> None:
    pages, spec, diags, findings = _inputs()
    diags = [d for d in diags if d.code != "table.row_shape"]
    pages[0].diagnostics = [d for d in pages[0].diagnostics if d.code != "table.row_shape"]
    assert any("only 1 row diagnostics" in p for p in problems(census("things", pages, spec, diags, True, findings)))


def test_mismatch_on_an_unknown_example_is_refused() -> None:
    pages, spec, diags, findings = _inputs()
    unknown = _mismatch(99, "", "no", example="X")
    findings = _findings([*findings.mismatches, unknown])
    diags.append(unknown.diagnostic())
    with pytest.raises(CountersDoNotAddUp, match="defects name 2 blocks"):
        coverage("things", pages, spec, diags, True, findings)


def test_operation_missing_from_spec_is_refused() -> None:
    pages, spec, diags, findings = _inputs()
    spec["paths"] = {}
    found = problems(census("things", pages, spec, diags, True, findings))
    assert any("1 extracted but neither in the spec nor merged into a spec operation" in p for p in found)


def test_operation_in_spec_from_no_page_is_refused() -> None:
    pages, spec, diags, findings = _inputs()
    spec["paths"]["/v1/other"] = {"get": {"operationId": "Other", "responses": {}}}
    with pytest.raises(CountersDoNotAddUp, match="!= 2 in the spec"):
        coverage("things", pages, spec, diags, True, findings)


def test_html_escapes_hostile_doc_text() -> None:
    pages, spec, diags, findings = _inputs(title=HOSTILE)
    hostile = _mismatch(30, f"/{HOSTILE}", HOSTILE)
    findings = _findings([*findings.mismatches, hostile])
    pages[0].diagnostics.append(_diag("things/create.rst", 7, "section.unknown", HOSTILE, Severity.WARNING))
    diags = sorted(diags + [hostile.diagnostic(), pages[0].diagnostics[-1]])
    out = as_html.render(coverage("things", pages, spec, diags, True, findings))
    assert "<script" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "&quot;&quot;&quot;" in out and '"""' not in out
    assert "{{ config }}" in out and "{% raw %}" in out  # shown literally: no template engine touches doc text
    assert "&amp; &#x27;q&#x27;" in out
    assert out.count("<table>") >= 4


def test_output_is_deterministic_whatever_the_input_order() -> None:
    pages, spec, diags, findings = _inputs()
    a = coverage("things", pages, spec, diags, True, findings)
    b = coverage("things", list(reversed(pages)), spec, list(reversed(diags)), True, findings)
    assert json.dumps(as_json.to_dict(a)) == json.dumps(as_json.to_dict(b))
    assert as_text.render(a) == as_text.render(b)
    assert as_html.render(a) == as_html.render(b)


EXAMPLE_PAGE = page("Creating a Thing", "POST /v1/{project_id}/things", """
Request Parameters
------------------

""" + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                        ["count", "Yes", "Integer", "How many."]]) + """
Example Requests
----------------

.. code-block:: text

   POST https://{endpoint}/v1/{project_id}/things

   {
     "count": "three"
   }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
""", name="CreateThing")


def test_report_command_end_to_end(make_tree: Callable[[dict[str, str]], Path], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"things/creating_a_thing.rst": EXAMPLE_PAGE})
    out = tmp_path / "out"
    assert main(["report", str(root), "--service", "things", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Documentation defects: 1 findings in 1 example blocks" in text
    data = json.loads((out / "things.coverage.json").read_text(encoding="utf-8"))
    assert data["totals"]["examples"]["invalid"] == 1
    [defect] = data["documentation_defects"]
    assert defect["file"] == "things/creating_a_thing.rst" and defect["pointer"] == "/count"
    assert defect["operation"] == "CreateThing" and defect["part"] == "request"
    html = (out / "things.html").read_text(encoding="utf-8")
    assert "things/creating_a_thing.rst" in html and "<script" not in html
    # a second run writes the same bytes
    assert main(["report", str(root), "--service", "things", "-o", str(tmp_path / "again")]) == 0
    assert (tmp_path / "again" / "things.html").read_bytes() == html.encode("utf-8")


def test_report_command_rejects_missing_folder(tmp_path: Path) -> None:
    assert main(["report", str(tmp_path / "nope"), "--service", "x"]) == 2


def test_page_merged_into_another_pages_operation_is_counted_as_merged() -> None:
    pages, spec, diags, findings = _inputs()
    twin = Page("things/create_v2.rst", "Creating a Thing (variant)", True,
                [DocOperation("CreateThingVariant", "post", "/v1/things", "", "", Source("things/create_v2.rst", 9),
                              "t")])
    op = spec["paths"]["/v1/things"]["post"]
    op["x-otc-variants"] = [{"operationId": "CreateThing", "x-source": op["x-source"]},
                            {"operationId": "CreateThingVariant", "x-source": {"file": "things/create_v2.rst",
                                                                               "line": 9}}]
    merged = _diag("things/create_v2.rst", 9, "operation.merged", "merged into CreateThing", Severity.INFO)
    cov = coverage("things", [*pages, twin], spec, sorted([*diags, merged]), True, findings)
    t = as_json.totals(cov)
    assert (t["operations_extracted"], t["operations_merged"], t["operations_in_spec"]) == (2, 1, 1)
    [ref] = next(p for p in cov.pages if p.file == "things/create_v2.rst").operations
    assert ref.merged_into == "CreateThing" and ref.in_spec
    assert "merged into CreateThing" in as_html.render(cov)


def test_expected_literal_is_python_that_round_trips() -> None:
    from generator.devtools.corpus import MAIN_CODES, expected_literal

    pinned = {"svc@abc1234": {"api_pages": 3, "operations": 4, "codes": {c: i for i, c in enumerate(MAIN_CODES)}}}
    text = expected_literal(pinned)
    namespace: dict[str, Any] = {"Any": Any}
    exec(text, namespace)  # the literal pasted into tests/corpus/expected.py
    assert namespace["EXPECTED"] == pinned
    assert max(len(line) for line in text.splitlines()) <= 120


def test_peer_comparison_figures_are_computed_from_the_build() -> None:
    from generator.core.model import Constraints
    from generator.report.peer import compare

    pages, spec, diags, findings = _inputs()
    schema = pages[0].operations[0].request_body
    assert schema is not None
    schema.fields += [
        Field("labels", TypeExpr(Kind.MAP, items=TypeExpr(Kind.STRING)), False, "", Source(schema.source.file, 24)),
        Field("mode", TypeExpr(Kind.STRING), False, "", Source(schema.source.file, 25),
              Constraints(enum=["A", "B"], maximum=None, max_length=8)),
    ]
    rows = {r.measure: r for r in compare(coverage("things", pages, spec, diags, True, findings), pages, spec)}
    assert rows["API pages turned into operations"].ours == "1/1 = 100.0%"
    assert rows["API pages turned into operations"].peer == "191/222 = 86.0%"
    assert rows["map-typed cells"].ours == "1 typed as maps"
    assert rows["fields with an enum"].ours == "1 (0 inferred)"
    assert rows["fields with limits (min/max/length/pattern/items)"].ours == "1"
    assert rows["parameter rows counted"].ours.startswith("5 (top-level 3, in nested tables 0)")


def test_report_command_compare_peer(make_tree: Callable[[dict[str, str]], Path], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"things/creating_a_thing.rst": EXAMPLE_PAGE})
    assert main(["report", str(root), "--service", "things", "-o", str(tmp_path), "--compare-peer"]) == 0
    assert "Compared with gen-sdk-toolset" in capsys.readouterr().out
    data = json.loads((tmp_path / "things.coverage.json").read_text(encoding="utf-8"))
    assert data["peer_comparison"]["tree"] == "modelarts@1ba1873"
    assert "Compared with gen-sdk-toolset" in (tmp_path / "things.html").read_text(encoding="utf-8")


def test_write_expected_replaces_only_the_marked_block(tmp_path: Path) -> None:
    from generator.devtools.corpus import write_expected

    f = tmp_path / "expected.py"
    f.write_text('HEAD = 1\n# BEGIN EXPECTED (generated)\nEXPECTED = {"old": 1}\n# END EXPECTED\nTAIL = 2\n')
    write_expected(f, 'EXPECTED = {"new": 2}')
    assert f.read_text() == 'HEAD = 1\n# BEGIN EXPECTED (generated)\nEXPECTED = {"new": 2}\n# END EXPECTED\nTAIL = 2\n'
