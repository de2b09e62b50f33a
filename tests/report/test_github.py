"""`report --format github`: documentation defects as workflow commands on their RST lines."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.gha import command, detect_prefix, escape_data, escape_property
from generator.report import as_github, coverage
from tests.report.test_report import EXAMPLE_PAGE, _inputs


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("50% a:b,c\n") == "50%25 a%3Ab%2Cc%0A"
    line = command("warning", "x", file="a,b.rst", line=3, title="t: 1")
    assert line == "::warning file=a%2Cb.rst,line=3,title=t%3A 1::x"
    assert command("error", "whole file") == "::error::whole file"
    with pytest.raises(ValueError):
        command("fatal", "x")


def test_defects_and_doc_diagnostics_become_annotations() -> None:
    pages, spec, diags, findings = _inputs()
    cov = coverage("things", pages, spec, diags, True, findings)
    lines = as_github.workflow_commands(cov, "api-ref/source/")
    assert lines == [
        "::error file=api-ref/source/things/create.rst,line=21,title=Docs defect%3A type.unknown::"
        "'size': type 'Blob' is not in the type grammar",
        "::error file=api-ref/source/things/create.rst,line=22,title=Docs defect%3A table.row_shape::"
        "row has 2 cells, the header has 4",
        "::error file=api-ref/source/things/create.rst,line=30,title=Docs defect%3A example (CreateThing)::"
        "CreateThing request at /count: the example contradicts the page's tables: \"x\" is not of type \"integer\"",
        "::error file=api-ref/source/things/create.rst,line=30,title=Docs defect%3A example (CreateThing)::"
        "CreateThing request: the example contradicts the page's tables: 'name' is a required property",
        "::error file=api-ref/source/things/create.rst,line=50,title=Docs defect%3A example.invalid_json::"
        "example is not valid JSON (Expecting ',' at line 3 column 1)",
    ]
    # Tool decisions (the spec-level check finding, the info on the toc page) are no docs defects.
    assert not any("check.reserved_property" in line or "page.not_api" in line for line in lines)


def test_report_command_github_format(make_tree: Callable[[dict[str, str]], Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree({"things/creating_a_thing.rst": EXAMPLE_PAGE})
    assert main(["report", str(root), "--service", "things", "--format", "github",
                 "--path-prefix", "api-ref/source"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith("::error file=api-ref/source/things/creating_a_thing.rst,line=")
                       for line in out)
    assert any("at /count" in line for line in out)


def test_prefix_found_with_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    docs = tmp_path / "repo" / "api-ref" / "source"
    docs.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    assert detect_prefix(docs) == "api-ref/source/"
    assert detect_prefix(tmp_path) == ""  # not a checkout (the ceiling keeps enclosing repos out)
