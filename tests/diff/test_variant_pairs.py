"""Issue 22, causes K, I and J: the pages of a shared endpoint are compared page by page, and an assumed success
status that the docs come to state is no removal.

Each case builds two small docs trees (NEW with OLD's names, as a release does) and diffs them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from generator.build.pipeline import build_spec
from generator.build.render.merge import merge_operations
from generator.core.spec import STATUS_ASSUMED
from generator.diff.compare import diff_specs
from generator.diff.model import DiffResult
from tests.rst_snippets import STATUS_200, page, table

ACTION = "POST /v2/{project_id}/servers/{server_id}/action"
STATUS_202 = ("Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
              "=========== ===========\n202         Accepted\n=========== ===========\n")


def _action(title: str, anchor: str, key: str, inner: str, status: str = STATUS_200) -> str:
    """A page of the shared `.../action` endpoint whose body is one object named `key`."""
    body = ("Request Parameters\n------------------\n\n"
            + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                [key, "Yes", f":ref:`{inner} <{anchor}_obj>` object",
                                                 "The action."]])
            + table(inner, [["Parameter", "Mandatory", "Type", "Description"],
                            [f"{key}_mode", "No", "String", "How."]], label=f"{anchor}_obj"))
    return page(title, ACTION, body + status, name=anchor)


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / "api-ref" / "source" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def _diff(tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> DiffResult:
    first = build_spec(_tree(tmp_path / "old", old), "ecs")
    second = build_spec(_tree(tmp_path / "new", new), "ecs", names_lock=first.names_lock)
    return diff_specs(first.spec, second.spec)


def _rules(result: DiffResult, level: str | None = None) -> list[str]:
    return sorted(c.rule_id for c in result.changes if level is None or c.level == level)


STOP = ("Stopping an ECS", "ecs_stop", "os-stop", "StopSpec")
LOCK = ("Locking an ECS", "ecs_lock", "lock", "LockSpec")
START = ("Starting an ECS", "ecs_start", "os-start", "StartSpec")


def test_a_renamed_page_file_does_not_pair_its_body_with_another_page(tmp_path: Path) -> None:
    """Nova `.../action`: the stop page's file is renamed and now sorts after the lock page; paired by position,
    the lock body was compared with the stop body (model renamed, field removed, required field added)."""
    old = {"status/a_stopping.rst": _action(*STOP), "status/b_locking.rst": _action(*LOCK)}
    new = {"status/c_disabling.rst": _action(*STOP), "status/b_locking.rst": _action(*LOCK)}
    result = _diff(tmp_path, old, new)
    assert _rules(result, "error") == []
    assert _rules(result, "warning") == []


def test_an_added_page_is_an_added_variant_and_shifts_nothing(tmp_path: Path) -> None:
    old = {"status/b_stopping.rst": _action(*STOP), "status/c_locking.rst": _action(*LOCK)}
    new = {**old, "status/a_starting.rst": _action(*START)}
    result = _diff(tmp_path, old, new)
    assert _rules(result, "error") == []
    (added,) = result.find("request-variant-added")
    assert added.param("page") == "StartEcs" and added.new is not None
    assert added.new.source is not None and added.new.source.startswith("api-ref/source/status/a_starting.rst")
    assert result.find("operation-page-added")


def test_a_removed_page_is_a_removed_variant_at_error_level(tmp_path: Path) -> None:
    old = {"status/a_starting.rst": _action(*START), "status/b_stopping.rst": _action(*STOP),
           "status/c_locking.rst": _action(*LOCK)}
    new = {"status/b_stopping.rst": _action(*STOP), "status/c_locking.rst": _action(*LOCK)}
    result = _diff(tmp_path, old, new)
    (removed,) = result.find("request-variant-removed")
    assert removed.level == "error" and removed.param("page") == "StartEcs"
    # the other pages' bodies are still compared with their own: nothing about their fields
    assert [r for r in _rules(result, "error") if r.startswith("request-property")] == []


def _creating(title: str, anchor: str, field: str, status: str) -> str:
    body = ("Response Parameters\n-------------------\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"],
                                                 ["job_id", "String", "The task."], [field, "String", "What."]]))
    return page(title, "POST /v3/{project_id}/instances", body + status, name=anchor)


def test_a_plain_response_that_becomes_page_alternatives_is_compared_with_its_own_page(tmp_path: Path) -> None:
    """RDS: restoring to a new instance joins the create call; its response becomes anyOf[create, restore]."""
    old = {"inst/creating.rst": _creating("Creating a DB Instance", "rds_create", "instance", STATUS_202)}
    new = {**old, "backup/restoring.rst": _creating("Restoring Data to a New DB Instance", "rds_restore",
                                                    "restored", STATUS_202)}
    result = _diff(tmp_path, old, new)
    assert [r for r in _rules(result) if r.startswith("response-property")] == []
    (added,) = result.find("response-variant-added")
    assert added.param("page") == "RestoreDataToNewDbInstance"


def _deleting(status: str) -> str:
    return page("Deleting a DB Instance", "DELETE /v3/{project_id}/instances/{instance_id}",
                "Response Parameters\n-------------------\n\nNone\n\n" + status, name="rds_delete")


def test_an_assumed_status_the_docs_come_to_state_is_a_warning(tmp_path: Path) -> None:
    old_root = _tree(tmp_path / "old0", {"inst/deleting.rst": _deleting("")})
    spec = build_spec(old_root, "rds").spec
    response: dict[str, Any] = spec["paths"]["/v3/{project_id}/instances/{instance_id}"]["delete"]["responses"]
    assert response["200"][STATUS_ASSUMED] is True
    result = _diff(tmp_path, {"inst/deleting.rst": _deleting("")}, {"inst/deleting.rst": _deleting(STATUS_202)})
    assert result.find("response-success-status-removed") == []
    (stated,) = result.find("response-success-status-stated")
    assert stated.level == "warning" and (stated.param("old"), stated.param("new")) == ("200", "202")


def test_a_stated_status_carries_no_marker(tmp_path: Path) -> None:
    spec = build_spec(_tree(tmp_path / "t", {"inst/deleting.rst": _deleting(STATUS_202)}), "rds").spec
    response = spec["paths"]["/v3/{project_id}/instances/{instance_id}"]["delete"]["responses"]
    assert STATUS_ASSUMED not in response["202"]


def test_a_status_one_page_of_a_merged_call_states_is_stated() -> None:
    def op(name: str, assumed: bool) -> dict[str, Any]:
        ok: dict[str, Any] = {"description": "OK", **({STATUS_ASSUMED: True} if assumed else {})}
        return {"operationId": name, "x-source": {"file": f"{name}.rst", "line": 1}, "responses": {"200": ok}}

    assert STATUS_ASSUMED in merge_operations(op("A", True), op("B", True))["responses"]["200"]
    assert STATUS_ASSUMED not in merge_operations(op("A", True), op("B", False))["responses"]["200"]
