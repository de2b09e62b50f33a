"""The prose census: each classified sentence is captured, rejected with a finding, or listed as fallen through."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.pipeline import build_spec
from generator.cli import main
from generator.report.prose_census import prose_census
from tests.rst_snippets import STATUS_200, line_of, page, table

Tree = Callable[[dict[str, str]], Path]

ROWS = [["Parameter", "Mandatory", "Type", "Description"],
        ["limit", "No", "Integer", "Page size. The value ranges from 1 to 500. The default value is 100."],
        ["mode", "No", "String", "Mode. If **fast** is chosen, the default value is **quick**."],
        ["flags", "No", "String", "Flags of the node. Max. flags: 2."],
        ["plain", "No", "String", "A plain name."]]
PAGE = page("Listing Things", "GET /v1/things",
            "Request Parameters\n------------------\n\n" + table("Query Parameters", ROWS)
            + STATUS_200, name="ListThings")


def test_sentences_are_captured_rejected_or_fall_through(make_tree: Tree) -> None:
    root = make_tree({"a/things.rst": PAGE})
    r = build_spec(root, "things")
    c = prose_census("things", r.pages, r.spec, r.diagnostics)
    counts = {k: v.cells() for k, v in c.by_kind.items() if v.classified}
    # limit: range + default captured; mode: a conditional default (rejected); flags: a count in a string
    assert counts["default"] == [2, 1, 1, 0]
    assert counts["range/length"] == [2, 1, 0, 1]
    (fell,) = c.fell_through
    assert (fell.file, fell.field, fell.kind) == ("a/things.rst", "flags", "range/length")
    assert fell.line == line_of(PAGE, "flags") and fell.text == "Max. flags: 2."
    assert c.rejected_by_code == {"default.conditional": 1}
    t = c.total
    assert t.classified == t.captured + t.rejected + t.fell_through


def test_report_carries_the_census(make_tree: Tree, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"a/things.rst": PAGE})
    assert main(["report", str(root), "--service", "things", "-o", str(tmp_path), "--prose-census"]) == 0
    text = capsys.readouterr().out
    assert "Prose census: things" in text and "a/things.rst:" in text and "Max. flags: 2." in text
    data = json.loads((tmp_path / "things.coverage.json").read_text(encoding="utf-8"))
    assert data["prose_census"]["total"]["fell_through"] == 1
    html = (tmp_path / "things.html").read_text(encoding="utf-8")
    assert 'id="prose"' in html and "Max. flags: 2." in html
