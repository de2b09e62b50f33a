"""Defect classes seen in real docs trees: each costs the smallest scope (one value, one example), never the
operation or the service, and each is named by a diagnostic with a stable code, file and line."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.build.pipeline import build_and_check
from generator.core.config import REPO_ROOT, default_service
from generator.core.model import Diagnostic, Severity
from generator.report.census import census_of
from generator.report.diagnostics import report
from tests.rst_snippets import line_of, page, table

Tree = Callable[[dict[str, str]], Path]

STATUS = """
Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
"""


def build(root: Path) -> tuple[dict[str, Any], list[Diagnostic], bool]:
    built = build_and_check(root, default_service("svc"))
    return built.result.spec, built.diagnostics, built.valid


def found(diags: list[Diagnostic], code: str) -> list[tuple[str, int, str]]:
    return [(d.source.file, d.source.line, d.message) for d in diags if d.code == code]


def op(spec: dict[str, Any], path: str, method: str = "get") -> dict[str, Any]:
    return spec["paths"][path][method]


def query(spec: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    return next(p for p in op(spec, path).get("parameters", []) if p["name"] == name and p["in"] == "query")


# ---------------------------------------------------------------- URI lines


def test_ampersand_for_question_mark_and_stray_brace(make_tree: Tree) -> None:
    # ECS "Querying ECSs": the query template starts with `&` and ends with a brace too many
    uri = "GET /v2.1/{project_id}/servers&image={image}&flavor={flavor}&sort_dir={sort_dir}}"
    text = page("Querying ECSs", uri, STATUS, name="ListServers")
    spec, diags, valid = build(make_tree({"ecs/querying_ecss.rst": text}))
    assert valid
    assert list(spec["paths"]) == ["/v2.1/{project_id}/servers"]
    params = {(p["name"], p["in"]) for p in op(spec, "/v2.1/{project_id}/servers")["parameters"]}
    assert params == {("project_id", "path"), ("image", "query"), ("flavor", "query"), ("sort_dir", "query")}
    repaired = found(diags, "uri.repaired")
    assert [(f, ln) for f, ln, _ in repaired] == [("ecs/querying_ecss.rst", line_of(text, "GET /v2.1/"))] * 2
    assert sorted(m.split(" ", 2)[0] for _, _, m in repaired) == ["'&'", "unbalanced"]
    assert not found(diags, "check.repaired")  # found where it arises, not by the safety net


# ---------------------------------------------------------------- defaults against their own bounds

LIMIT_ROWS = [["Parameter", "Mandatory", "Type", "Description"],
              ["limit", "No", "Integer", "Number of records per page. Value range: 1-20. Default value: 50"],
              ["offset", "No", "Integer", "Start position. The minimum value is 1. Default value: 0"],
              ["marker", "No", "Integer", "Marker. The minimum value is 1. Default value: -1"],
              ["page", "No", "Integer", "Page number. Value range: 1-100. Default value: 5"]]


def test_default_outside_its_own_range_is_dropped_with_a_defect(make_tree: Tree) -> None:
    body = "Request Parameters\n------------------\n\n" + table("Query parameters", LIMIT_ROWS) + STATUS
    text = page("Listing Things", "GET /v1/things", body, name="ListThings")
    root = make_tree({"a/listing_things.rst": text})
    spec, diags, valid = build(root)
    assert valid
    assert query(spec, "/v1/things", "limit")["schema"] == {"type": "integer", "format": "int32", "minimum": 1,
                                                            "maximum": 20}
    assert "default" not in query(spec, "/v1/things", "offset")["schema"]
    assert "default" not in query(spec, "/v1/things", "marker")["schema"]
    assert query(spec, "/v1/things", "page")["schema"]["default"] == 5  # in range: kept
    # the limits are in the same cell: the prose reader finds the contradiction before the renderer would
    dropped = found(diags, "default.contradicts_constraints")
    assert [(f, ln) for f, ln, _ in dropped] == [("a/listing_things.rst", line_of(text, "   " + n + " "))
                                                 for n in ("limit", "offset", "marker")]
    assert "above the maximum 20" in dropped[0][2]
    assert "below the minimum 1" in dropped[2][2]
    rep = report(census_of(build_and_check(root, default_service("svc"))))
    defects = [d for d in rep["documentation_defects"] if d["part"] == "default"]
    assert [(d["file"], d["line"]) for d in defects] == [(f, ln) for f, ln, _ in dropped]
    assert rep["summary"]["counters_add_up"], rep["summary"]["counter_problems"]


def test_example_outside_its_tables_is_a_defect_not_a_lost_operation(make_tree: Tree) -> None:
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                ["size", "Yes", "Integer", "Size. Value range: 1-20."]])
            + "Example Request\n---------------\n\n.. code-block::\n\n   POST /v1/things\n\n   {\"size\": 50}\n\n"
            + STATUS)
    text = page("Creating a Thing", "POST /v1/things", body, name="CreateThing")
    spec, diags, valid = build(make_tree({"a/creating_a_thing.rst": text}))
    assert valid
    # kept, out of `examples` where portals and mocks look (issue 15)
    assert op(spec, "/v1/things", "post")["requestBody"]["content"]["application/json"]["x-otc-invalid-examples"]
    mismatch = found(diags, "example.schema_mismatch")
    assert len(mismatch) == 1 and "50 is greater than the maximum of 20" in mismatch[0][2]


# ---------------------------------------------------------------- swapped cells


def test_type_and_mandatory_cells_swapped(make_tree: Tree) -> None:
    rows = [["Parameter", "Mandatory", "Type", "Description"],
            ["limit", "Integer", "No", "Number of records."],
            ["name", "Yes", "String", "Name."]]
    body = "Request Parameters\n------------------\n\n" + table("Query parameters", rows) + STATUS
    text = page("Listing Things", "GET /v1/things", body, name="ListThings")
    spec, diags, valid = build(make_tree({"a/listing_things.rst": text}))
    assert valid
    limit = query(spec, "/v1/things", "limit")
    assert limit["schema"]["type"] == "integer" and limit["required"] is False
    assert query(spec, "/v1/things", "name")["required"] is True
    assert [(f, ln) for f, ln, _ in found(diags, "table.cells_swapped")] == [
        ("a/listing_things.rst", line_of(text, "   limit "))]
    assert not found(diags, "type.unknown")


# ---------------------------------------------------------------- examples the spec cannot carry


def _example_page(example: str) -> str:
    body = ("Response Parameters\n-------------------\n\n**Status code: 200**\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"], ["count", "Number", "Count."]])
            + "Example Response\n----------------\n\n.. code-block::\n\n   " + example + "\n\n"
            + "Example Request\n---------------\n\n.. code-block::\n\n   GET /v1/things\n\n" + STATUS)
    return page("Listing Things", "GET /v1/things", body, name="ListThings")


def _response_examples(spec: dict[str, Any]) -> dict[str, Any]:
    content = op(spec, "/v1/things")["responses"]["200"].get("content", {})
    return content.get("application/json", {}).get("examples", {})


def test_number_overflow_never_becomes_infinity(make_tree: Tree, tmp_path: Path) -> None:
    text = _example_page('{"count": 1e999999}')
    root = make_tree({"a/listing_things.rst": text})
    spec, diags, valid = build(root)
    assert valid and _response_examples(spec) == {}
    assert [(f, ln) for f, ln, _ in found(diags, "example.number_not_finite")] == [
        ("a/listing_things.rst", line_of(text, "1e999999"))]
    out = tmp_path / "svc.json"
    proc = subprocess.run([sys.executable, "-m", "generator", "build", str(root), "--service", "svc", "-o", str(out)],
                          capture_output=True, text=True, cwd=REPO_ROOT)
    assert proc.returncode == 0, proc.stderr
    written = out.read_text(encoding="utf-8")
    assert "Infinity" not in written and "NaN" not in written
    json.loads(written, parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c)))
    assert "/v1/things" in json.loads(written)["paths"]


def test_deep_json_example_costs_only_the_example(make_tree: Tree) -> None:
    text = _example_page('{"count": 1, "deep": ' + "[" * 3000 + "]" * 3000 + "}")
    spec, diags, valid = build(make_tree({"a/listing_things.rst": text}))
    assert valid and "/v1/things" in spec["paths"] and _response_examples(spec) == {}
    assert [ln for _, ln, _ in found(diags, "example.too_deep")] == [line_of(text, '"deep"')]
    assert not found(diags, "page.crash")


def test_5000_digit_number_costs_only_the_example(make_tree: Tree) -> None:
    text = _example_page('{"count": ' + "9" * 5000 + "}")
    spec, diags, valid = build(make_tree({"a/listing_things.rst": text}))
    assert valid and "/v1/things" in spec["paths"] and _response_examples(spec) == {}
    assert [ln for _, ln, _ in found(diags, "example.number_too_long")] == [line_of(text, '"count"')]
    assert not found(diags, "page.crash")


def test_nan_literal_is_not_json(make_tree: Tree) -> None:
    spec, diags, valid = build(make_tree({"a/listing_things.rst": _example_page('{"count": NaN}')}))
    assert valid and _response_examples(spec) == {} and found(diags, "example.number_not_finite")
    assert not any(isinstance(v, float) and math.isnan(v) for v in yaml.safe_load(json.dumps(spec)).values())


# ---------------------------------------------------------------- bytes and size


def test_invalid_utf8_is_a_diagnostic(make_tree: Tree) -> None:
    text = page("Listing Things", "GET /v1/things", STATUS, name="ListThings")
    root = make_tree({"a/listing_things.rst": text})
    path = root / "a/listing_things.rst"
    data = path.read_bytes().replace(b"Does a thing.", b"Does a \xff\xfe thing.")
    path.write_bytes(data)
    spec, diags, valid = build(root)
    assert valid and "/v1/things" in spec["paths"]
    bad = [d for d in diags if d.code == "read.invalid_utf8"]
    assert [(d.source.file, d.source.line, d.severity) for d in bad] == [
        ("a/listing_things.rst", line_of(text, "Does a thing."), Severity.ERROR)]
    assert "2 byte sequence(s)" in bad[0].message


def test_page_above_the_size_limit(make_tree: Tree, tmp_path: Path) -> None:
    good = page("Listing Things", "GET /v1/things", STATUS, name="ListThings")
    big = page("Creating a Thing", "POST /v1/things", STATUS + "\n" + "Padding text. " * 2000, name="CreateThing")
    root = make_tree({"a/listing_things.rst": good, "a/creating_a_thing.rst": big})
    built = build_and_check(root, default_service("svc"), max_page_bytes=10_000)
    assert built.valid and list(built.result.spec["paths"]) == ["/v1/things"]
    assert [(d.source.file, d.severity) for d in built.diagnostics if d.code == "page.too_large"] == [
        ("a/creating_a_thing.rst", Severity.ERROR)]
    out = tmp_path / "svc.yaml"
    proc = subprocess.run([sys.executable, "-m", "generator", "build", str(root), "--service", "svc", "-o", str(out),
                           "--max-page-bytes", "10000"], capture_output=True, text=True, cwd=REPO_ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "page.too_large" in (tmp_path / "svc.diagnostics.json").read_text(encoding="utf-8")
