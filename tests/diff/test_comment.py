"""The Markdown pull-request comment: order, grouping, text diffs and the size cap."""

from __future__ import annotations

import copy
from typing import Any

from generator.diff import diff_specs
from generator.diff.comment import LIMIT, render
from generator.diff.rules import RULES, TEXT_RULES
from tests.diff.specs import base_spec, op, schemas, src


def _many_operations(n: int, *, description: str, fields: int = 0) -> dict[str, Any]:
    """A spec with n copies of the update operation (own paths, ids and response models)."""
    spec = base_spec()
    template = spec["paths"].pop("/v1/{project_id}/notebooks/{id}")["put"]
    for i in range(n):
        operation = copy.deepcopy(template)
        operation["operationId"] = f"UpdateThing{i:03d}"
        operation["x-source"] = src(f"things/thing_{i:03d}.rst", 5)
        operation["parameters"][0]["description"] = description
        name = f"Thing{i:03d}Response"
        media = operation["responses"]["200"]["content"]["application/json"]
        media["schema"] = {"$ref": f"#/components/schemas/{name}"}
        schemas(spec)[name] = {
            "type": "object",
            "properties": {
                f"field_with_a_rather_long_name_{j:03d}": {
                    "type": "string",
                    "x-source": src(f"things/thing_{i:03d}.rst", 100 + j),
                }
                for j in range(fields)
            },
        }
        spec["paths"][f"/v1/{{project_id}}/things{i:03d}/{{id}}"] = {"put": operation}
    return spec


def test_repeated_description_change_is_one_row_with_old_and_new_text() -> None:
    old = _many_operations(45, description="Project ID.")
    new = _many_operations(45, description="Project ID. Obtain it from the console.")
    text = render(diff_specs(old, new), "a", "b")
    rows = [line for line in text.splitlines() if "Description of parameter `project_id` changed" in line]
    assert len(rows) == 1
    assert rows[0].startswith("| 45 | ")  # the row stands for 45 changes, and says so
    assert "**45 functions**: `UpdateThing000`, `UpdateThing001`, `UpdateThing002`, …" in rows[0]
    assert "Project ID. <ins>Obtain it from the console.</ins>" in rows[0]


def test_levels_in_order_and_info_collapsed() -> None:
    new = base_spec()
    del schemas(new)["UpdateNotebookResponse"]["properties"]["status"]  # error
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["maxLength"] = 10  # warning
    op(new)["summary"] = "Update"  # info
    text = render(diff_specs(base_spec(), new), "a", "b", "0.4.0", current_version="0.3.1")
    first = text.splitlines()[:5]
    assert first[2] == "🔴 **1** error · 🟡 **1** warning · ⚪ **1** info in 1 function."
    assert first[4] == (
        "**Version:** breaking change — major bump (minor while at 0.x) → client `0.3.1` becomes **`0.4.0`**."
    )
    errors, warnings, info = (text.index(t) for t in ("#### 🔴 Errors", "#### 🟡 Warnings", "<details><summary>"))
    assert errors < warnings < info
    assert text.rstrip().endswith("</details>")


def test_fields_of_one_object_changed_alike_share_a_row() -> None:
    new = base_spec()
    props = schemas(new)["UpdateNotebookResponse"]["properties"]
    del props["status"], props["count"]
    text = render(diff_specs(base_spec(), new), "a", "b")
    [row] = [line for line in text.splitlines() if "was removed" in line]
    assert "Response field `UpdateNotebookResponse.count` was removed. Also `status` (2 fields in all)." in row


def test_long_descriptions_are_shortened_around_the_change() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    old, new = base_spec(), base_spec()
    op(old)["parameters"][0]["description"] = words + " old ending"
    op(new)["parameters"][0]["description"] = words + " new ending"
    [row] = [line for line in render(diff_specs(old, new), "a", "b").splitlines() if "project_id" in line]
    assert "old: “… word56 word57 word58 word59 old ending”<br>new: “… word56 word57 word58 word59 new ending”" in row


def test_comment_never_exceeds_the_limit_and_says_what_was_left_out() -> None:
    old = _many_operations(400, description="Project ID.", fields=12)
    new = _many_operations(400, description="The project's ID.", fields=0)  # 4,800 removed fields
    result = diff_specs(old, new)
    assert len(result.changes) == 400 * 13
    text = render(result, "old", "new", json_report="out/diff.json")
    assert len(text) <= LIMIT
    [note] = [line for line in text.splitlines() if "are not shown" in line]
    shown_rows = [line for line in text.splitlines() if line.startswith("| 12 | Response field")]
    left_out = int(note.split("**")[1].split()[0])
    assert 0 < left_out < len(result.changes)
    assert "`out/diff.json`" in note
    # Every shown row stands for one operation's 12 removed fields.
    assert left_out == len(result.changes) - 12 * len(shown_rows)
    small = render(result, "old", "new", limit=8_000)
    assert len(small) <= 8_000 and "are not shown" in small


def test_no_changes() -> None:
    assert "No changes: the two specs describe the same API." in render(diff_specs(base_spec(), base_spec()), "a", "b")


def test_the_comment_shows_a_word_diff_for_the_text_rules_of_diff_rules() -> None:
    assert TEXT_RULES == {"operation-summary-changed", "operation-description-changed",
                          "request-parameter-description-changed", "response-description-changed",
                          "property-description-changed"}
    # a docs-only change that is no text change (a documented response default) gets no word diff
    assert RULES["response-default-changed"].docs_only and "response-default-changed" not in TEXT_RULES


# ---------------------------------------------------------------- issue 22 part 4: a comment a reviewer trusts


def _rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| # ")]


def test_signature_breaks_come_before_naming_changes() -> None:
    old = _many_operations(3, description="Project ID.")
    new = _many_operations(3, description="Project ID.")
    for i in range(3):  # three functions renamed: the larger group, yet a naming change
        new["paths"][f"/v1/{{project_id}}/things{i:03d}/{{id}}"]["put"]["operationId"] = f"ChangeThing{i:03d}"
    new["paths"]["/v1/{project_id}/notebooks"]["get"]["parameters"].append(
        {"name": "marker", "in": "query", "required": True, "schema": {"type": "string"}})
    text = render(diff_specs(old, new), "a", "b")
    errors = [r for r in _rows(text) if "New required" in r or "is now `ChangeThing" in r]
    assert "New required query parameter `marker`" in errors[0]
    assert "is now `ChangeThing" in errors[1]


def test_headline_counts_are_the_sum_of_the_listed_rows() -> None:
    old = _many_operations(5, description="Project ID.", fields=2)
    new = _many_operations(5, description="The project's ID.", fields=0)
    result = diff_specs(old, new)
    text = render(result, "a", "b")
    counts = result.level_counts()
    listed = sum(int(r.split("|")[1]) for r in _rows(text))
    assert listed == sum(counts.values()) == len(result.changes)
    assert "#### 🔴 Errors (10 in 5 rows)" in text


def test_a_change_on_one_page_of_a_merged_operation_is_listed_under_that_page_s_function() -> None:
    def merged(spec: dict[str, Any]) -> dict[str, Any]:
        update = op(spec)
        update["x-otc-variants"] = [
            {"operationId": "UpdateNotebook", "x-source": {"file": "nb/update.rst", "line": 1}},
            {"operationId": "RenameNotebook", "x-source": {"file": "nb/rename.rst", "line": 1}},
        ]
        return spec

    old, new = merged(base_spec()), merged(base_spec())
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["maxLength"] = 10
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["x-source"] = src("nb/rename.rst", 42)
    [change] = diff_specs(old, new).changes
    assert change.where == "RenameNotebook" and change.operation.operation_id == "UpdateNotebook"
    [row] = _rows(render(diff_specs(old, new), "a", "b"))
    assert "| `RenameNotebook` |" in row
    assert "`nb/update.rst:42` → `nb/rename.rst:42`" in row


def test_docs_lines_carry_the_repository_path_and_never_a_bare_line() -> None:
    new = base_spec()
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["maxLength"] = 10
    schemas(new)["UpdateNotebookRequest"]["properties"]["name"]["x-source"] = src("nb/update.rst", 142)
    [row] = _rows(render(diff_specs(base_spec(), new), "a", "b", path_prefix="api-ref/source/"))
    assert row.endswith("| `api-ref/source/nb/update.rst` line 42 → 142 |")
    assert "→ `:" not in row


def test_a_shared_component_defined_on_another_page_cites_this_operation_s_own_page() -> None:
    def shared(spec: dict[str, Any]) -> dict[str, Any]:
        lease = schemas(spec)["Lease"]  # the table came first on another operation's page
        lease["x-source"] = src("nb/other_page.rst", 220)
        lease["properties"]["duration"]["x-source"] = src("nb/other_page.rst", 222)
        schemas(spec)["UpdateNotebookResponse"]["properties"]["lease"]["x-source"] = src("nb/update.rst", 208)
        return spec

    old, new = shared(base_spec()), shared(base_spec())
    schemas(new)["Lease"]["properties"]["duration"] = {"type": "string", "x-source": src("nb/other_page.rst", 222)}
    [change] = diff_specs(old, new).changes
    assert change.rule_id == "response-type-changed"
    assert change.old is not None and change.new is not None
    assert change.old.source == change.new.source == "nb/update.rst:208"
