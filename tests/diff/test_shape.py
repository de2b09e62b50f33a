"""Issue 22 part 2: docs restated without the API changing are read as what they are (built from RST snippets)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.diff import DiffResult, Level, diff_specs
from tests.rst_snippets import STATUS_200, page, table

Tree = Callable[[dict[str, str]], Path]


def _diff(make_tree: Tree, tmp_path: Path, old: dict[str, str], new: dict[str, str]) -> DiffResult:
    old_root = make_tree(old).rename(tmp_path / "old")
    new_root = make_tree(new)
    return diff_specs(build_spec(old_root, "evs").spec, build_spec(new_root, "evs").spec)


def _show(response_rows: list[list[str]], nested: str = "") -> str:
    body = ("Response Parameters\n-------------------\n\n"
            + table("Response body parameters", response_rows) + nested + STATUS_200)
    return page("Querying a Volume", "GET /v2/volumes/{volume_id}", body, name="ShowVolume")


def test_a_response_table_that_drops_its_mandatory_column_is_one_finding(make_tree: Tree, tmp_path: Path) -> None:
    old = _show([["Parameter", "Mandatory", "Type", "Description"],
                 ["id", "Yes", "String", "The ID."], ["name", "Yes", "String", "The name."]])
    new = _show([["Parameter", "Type", "Description"], ["id", "String", "The ID."], ["name", "String", "The name."]])
    result = _diff(make_tree, tmp_path, {"v/show.rst": old}, {"v/show.rst": new})
    assert not result.find("response-property-became-optional")
    [change] = result.find("response-required-unstated")
    assert change.level is Level.WARNING
    assert "`id`" in change.message and "`name`" in change.message


def test_the_build_marks_an_object_whose_table_has_no_mandatory_column(make_tree: Tree) -> None:
    root = make_tree({"v/show.rst": _show([["Parameter", "Type", "Description"], ["id", "String", "The ID."]])})
    schemas = build_spec(root, "evs").spec["components"]["schemas"]
    [body] = [s for s in schemas.values() if "id" in s.get("properties", {})]
    assert body["x-otc-required-unstated"] is True and "required" not in body


def test_a_stated_table_is_not_marked(make_tree: Tree) -> None:
    root = make_tree({"v/show.rst": _show([["Parameter", "Mandatory", "Type", "Description"],
                                           ["id", "No", "String", "The ID."]])})
    schemas = build_spec(root, "evs").spec["components"]["schemas"]
    assert not [s for s in schemas.values() if "x-otc-required-unstated" in s]


_OBJECT = ("metadata", ":ref:`Metadata <meta>` object", "Volume metadata.")


def test_an_object_restated_as_a_map_is_one_warning_listing_the_keys_still_documented(
        make_tree: Tree, tmp_path: Path) -> None:
    head = ["Parameter", "Type", "Description"]
    nested = table("Metadata", [head, ["hw_passthrough", "String", "SCSI or VBD."],
                                ["readonly", "String", "Shared read-only."]], label="meta")
    old = _show([head, list(_OBJECT)], nested)
    new = _show([head, ["metadata", "Map<String,String>",
                        "Volume metadata. Keys: **hw_passthrough** (SCSI or VBD); others are free."]])
    result = _diff(make_tree, tmp_path, {"v/show.rst": old}, {"v/show.rst": new})
    assert not result.find("response-property-removed")
    [change] = result.find("response-object-became-map")
    assert change.level is Level.WARNING
    assert change.param("keys") == "`hw_passthrough`"
    assert "the class goes away" in change.message and "does not change" in change.message


def _volume(name: str) -> str:
    body = ("Response Parameters\n-------------------\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"], ["id", "String", "The ID."]])
            + STATUS_200)
    return page("Querying a Volume", "GET /v2/volumes/{volume_id}", body, name=name)


def test_a_page_moved_to_an_out_of_date_folder_is_a_deprecation_not_a_module_move(
        make_tree: Tree, tmp_path: Path) -> None:
    result = _diff(make_tree, tmp_path, {"volumes/show.rst": _volume("ShowVolume")},
                   {"out-of-date_apis/show.rst": _volume("ShowVolume")})
    assert not result.find("operation-tags-changed")
    [change] = result.find("operation-moved-to-deprecated-pages")
    assert change.level is Level.INFO and "deprecated" in change.message


def _encrypted(type_: str) -> str:
    return page("Querying a Volume", "GET /v2/volumes/{volume_id}", f"""
Response Parameters
-------------------

{table("Response body parameters", [["Parameter", "Type", "Description"], ["encrypted", type_, "Encrypted."]])}
Example Responses
-----------------

**Status code: 200**

.. code-block::

   {{"encrypted": "true"}}

{STATUS_200}""", name="ShowVolume")


def test_a_retype_that_resolves_a_reported_contradiction_is_docs_corrected(make_tree: Tree, tmp_path: Path) -> None:
    old = build_spec(make_tree({"v/show.rst": _encrypted("Boolean")}).rename(tmp_path / "old"), "evs")
    # where the build files what the check stage reports as `example.schema_mismatch`
    media = old.spec["paths"]["/v2/volumes/{volume_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    [reported] = media["x-otc-invalid-examples"].values()
    new = build_spec(make_tree({"v/show.rst": _encrypted("String")}), "evs")
    result = diff_specs(old.spec, new.spec)
    assert not result.find("response-type-changed")
    [change] = result.find("response-type-corrected")
    assert change.level is Level.WARNING
    assert "docs corrected" in change.message
    where = f"{reported['x-source']['file']}:{reported['x-source']['line']}"
    assert f"example.schema_mismatch at {where}: \"true\" is not of type \"boolean\"" in change.message


def test_a_retype_without_a_reported_contradiction_stays_a_breaking_retype(make_tree: Tree, tmp_path: Path) -> None:
    plain = _encrypted("Boolean").replace('{"encrypted": "true"}', '{"encrypted": true}')
    old = build_spec(make_tree({"v/show.rst": plain}).rename(tmp_path / "old"), "evs")
    new = build_spec(make_tree({"v/show.rst": _encrypted("String")}), "evs")
    result = diff_specs(old.spec, new.spec)
    assert [c.level for c in result.find("response-type-changed")] == [Level.ERROR]
