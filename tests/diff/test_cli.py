"""The `diff` command end to end on files: output content, exit codes and bad-input handling."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.commands import diff as diff_command
from tests.diff.specs import base_spec, op, schemas


def run(argv: list[str]) -> int:
    # Only this command's parser: the CLI module imports every command, some of which may be mid-edit.
    parser = argparse.ArgumentParser()
    diff_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["diff", *argv])
    result: int = args.func(args)
    return result


def write(tmp_path: Path, name: str, spec: Any) -> Path:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(spec), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def renamed(tmp_path: Path) -> tuple[Path, Path]:
    new = base_spec()
    props = schemas(new)["EndpointsReq"]["properties"]
    schemas(new)["EndpointsReq"]["properties"] = {{"dev_service": "service"}.get(k, k): v for k, v in props.items()}
    op(new)["summary"] = "Update a notebook"
    return write(tmp_path, "old.yaml", base_spec()), write(tmp_path, "new.json", new)


def test_identical_inputs_say_no_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.yaml", base_spec())
    b = write(tmp_path, "b.json", base_spec())
    assert run([str(a), str(b), "--fail-on", "non-breaking"]) == 0
    out = capsys.readouterr()
    assert "No changes: the two specs describe the same API." in out.out
    assert "no changes" in out.err


def test_markdown_comment(renamed: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(renamed[0]), str(renamed[1]), "--current-version", "0.3.1"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "### API changes: `old.yaml` → `new.json`"  # never the local absolute paths given
    assert lines[2] == "🔴 **1** error · 🟡 **0** warnings · ⚪ **1** info in 1 function."
    assert "client `0.3.1` becomes **`0.4.0`**" in lines[4]
    assert out.index("#### 🔴 Errors (1)") < out.index("<details><summary><b>⚪ Info (1)</b></summary>")
    row = next(line for line in lines if "was renamed" in line)
    # Names and docs lines with their folders, no JSON pointers.
    assert row == (
        "| 1 | Request field `EndpointsReq.dev_service` was renamed to `service` — update your code. "
        "| `UpdateNotebook` | `nb/update.rst:65` |"
    )
    assert str(renamed[0].parent) not in out
    assert "/components/schemas" not in out
    summary_row = next(line for line in lines if "Summary changed" in line)
    assert "<del>Updating</del> <ins>Update</ins> a <del>Notebook Instance</del> <ins>notebook</ins>" in summary_row


def test_json_out_next_to_the_comment(renamed: tuple[Path, Path], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "diff.json"
    assert run([str(renamed[0]), str(renamed[1]), "--json-out", str(target)]) == 0
    out = capsys.readouterr().out
    assert "The full report (every change, with JSON pointers) is `diff.json`." in out
    assert str(tmp_path) not in out
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["levels"] == {"error": 1, "warning": 0, "info": 1}


def test_github_annotations(renamed: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(renamed[0]), str(renamed[1]), "--format", "github", "--path-prefix", "api-ref/source/"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "::error file=api-ref/source/nb/update.rst,line=65,title=API error%3A request-property-renamed "
        "(UpdateNotebook)::Request field `EndpointsReq.dev_service` was renamed to `service` — update your code. "
        "[the constructor argument is renamed]"
    ]


@pytest.mark.parametrize(("threshold", "expected"), [("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on_levels(renamed: tuple[Path, Path], threshold: str, expected: int) -> None:
    assert run([str(renamed[0]), str(renamed[1]), "--fail-on", threshold]) == expected


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    new = base_spec()
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["maxLength"] = 10  # a warning
    old_path, new_path = write(tmp_path, "o.yaml", base_spec()), write(tmp_path, "n.yaml", new)
    assert run([str(old_path), str(new_path), "--fail-on", "error"]) == 0
    assert run([str(old_path), str(new_path), "--fail-on", "warning"]) == 1


def test_json_report(renamed: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(renamed[0]), str(renamed[1]), "--format", "json", "--current-version", "0.3.1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["summary"] == {"error": 1, "warning": 0, "info": 1}  # the comment's levels
    assert doc["classes"] == {"breaking": 1, "non-breaking": 0, "documentation": 1}
    assert doc["levels"] == {"error": 1, "warning": 0, "info": 1}
    assert doc["old"] == "old.yaml" and doc["new"] == "new.json"
    assert doc["next_version"] == "0.4.0"
    [operation] = doc["operations"]
    assert operation["operationId"] == "UpdateNotebook"
    rules = [c["rule"] for c in operation["changes"]]
    assert rules == ["request-property-renamed", "operation-summary-changed"]  # breaking first
    change = operation["changes"][0]
    assert change["old"] == {
        "pointer": "/components/schemas/EndpointsReq/properties/dev_service",
        "source": "nb/update.rst:65",
    }


@pytest.mark.parametrize(("threshold", "expected"), [("breaking", 1), ("non-breaking", 1)])
def test_fail_on_breaking(renamed: tuple[Path, Path], threshold: str, expected: int) -> None:
    assert run([str(renamed[0]), str(renamed[1]), "--fail-on", threshold]) == expected


def test_fail_on_ignores_changes_below_threshold(tmp_path: Path) -> None:
    new = base_spec()
    op(new)["description"] = "Changed wording."
    old_path, new_path = write(tmp_path, "o.yaml", base_spec()), write(tmp_path, "n.yaml", new)
    assert run([str(old_path), str(new_path), "--fail-on", "non-breaking"]) == 0
    assert run([str(old_path), str(new_path), "--fail-on", "breaking"]) == 0


def test_different_services_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = base_spec()
    other["info"] = {"title": "Distributed Message Service", "version": "1", "x-service": "dms"}
    a, b = write(tmp_path, "a.yaml", base_spec()), write(tmp_path, "b.yaml", other)
    assert run([str(a), str(b)]) == 2
    err = capsys.readouterr().err
    assert "different services" in err and "'modelarts'" in err and "'dms'" in err


def test_invalid_openapi_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = base_spec()
    del broken["info"]
    a, b = write(tmp_path, "a.yaml", base_spec()), write(tmp_path, "b.yaml", broken)
    assert run([str(a), str(b)]) == 2
    assert "not valid OpenAPI" in capsys.readouterr().err


def test_unreadable_and_missing_inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.yaml", base_spec())
    garbage = tmp_path / "g.yaml"
    garbage.write_text("openapi: [unclosed\n", encoding="utf-8")
    assert run([str(a), str(garbage)]) == 2
    assert "not JSON/YAML" in capsys.readouterr().err
    assert run([str(a), str(tmp_path / "missing.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_docs_tree_without_api_pages_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = write(tmp_path, "a.yaml", base_spec())
    empty = tmp_path / "empty@0000000"
    empty.mkdir()
    assert run([str(a), str(empty)]) == 2
    assert "no API pages" in capsys.readouterr().err

    docs = tmp_path / "modelarts@abc1234"
    docs.mkdir()
    (docs / "index.rst").write_text(
        "==========\nAPI Reference\n==========\n\n.. toctree::\n   :maxdepth: 1\n\n   overview\n",
        encoding="utf-8",
    )
    (docs / "overview.rst").write_text(
        ":original_name: overview.html\n\n.. _overview:\n\nOverview\n========\n\nProse, not an API.\n",
        encoding="utf-8",
    )
    assert run([str(a), str(docs)]) == 2
    assert "no API pages" in capsys.readouterr().err


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run(["--help"])
    out = capsys.readouterr().out
    for line in ("0  no changes", "1  at least one change at or above --fail-on", "2  bad input"):
        assert line in out


def test_wired_into_the_main_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    a, b = write(tmp_path, "a.yaml", base_spec()), write(tmp_path, "b.yaml", base_spec())
    assert main(["diff", str(a), str(b), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_github_annotations_on_one_line_share_a_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = base_spec()
    props = schemas(new)["UpdateNotebookResponse"]["properties"]
    del props["status"], props["count"]  # both annotated on the response table (new side, line 200)
    a, b = write(tmp_path, "a.yaml", base_spec()), write(tmp_path, "b.yaml", new)
    assert run([str(a), str(b), "--format", "github", "--path-prefix", "api-ref/source"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(
        "::error file=api-ref/source/nb/update.rst,line=200,"
        "title=API error%3A response-property-removed (UpdateNotebook) and 1 more::"
    )
    assert "`UpdateNotebookResponse.count` was removed. [the model loses the attribute code reads]%0A" in line


def test_broken_services_config_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.build.pipeline

    config = tmp_path / "services.toml"
    config.write_text("[[service]]\nname = \"modelarts\"\n", encoding="utf-8")  # lacks docs, client, endpoint
    monkeypatch.setattr(generator.build.pipeline, "DEFAULT_CONFIG", config)
    docs = tmp_path / "modelarts@abc1234"
    docs.mkdir()
    (docs / "page.rst").write_text("Title\n=====\n", encoding="utf-8")
    a = write(tmp_path, "a.yaml", base_spec())
    assert run([str(a), str(docs)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{config}: service #1 lacks 'docs'" in err
