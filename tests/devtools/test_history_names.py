"""What the history replay counts as a kept endpoint, a renamed function, a rebound name and a module change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.devtools.history_names import Anchors, UpdateNames, compare, names_of


def _op(op_id: str, tag: str, file: str) -> dict[str, Any]:
    return {"operationId": op_id, "tags": [tag], "x-source": {"file": file, "line": 1}, "responses": {}}


def _page(op_id: str, file: str) -> dict[str, Any]:
    return {"operationId": op_id, "x-source": {"file": file, "line": 1}, "responses": {}}


def _tree(tmp_path: Path) -> Anchors:
    for name, anchor in (("a.rst", "api_1"), ("b.rst", "api_2"), ("moved/a_renamed.rst", "api_1")):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f":original_name: {anchor}.html\n\n.. _{anchor}:\n\nTitle\n=====\n")
    return Anchors(tmp_path)


def test_retitle_and_folder_move_of_a_kept_endpoint(tmp_path: Path) -> None:
    anchors = _tree(tmp_path)
    old = {"paths": {"/v1/{project_id}/zones": {"get": _op("ListZones", "Zones", "a.rst")},
                     "/v1/{project_id}/tags": {"get": _op("ListTags", "Tags", "b.rst")}}}
    new = {"paths": {"/v1/{pid}/zones": {"get": _op("QueryZones", "Public Zones", "moved/a_renamed.rst")},
                     "/v2/tags": {"get": _op("ListZones", "Tags", "b.rst")}}}
    # /v1/.../zones kept (placeholders do not count); ListZones now calls GET /v2/tags: rebound
    assert compare(names_of(old, anchors), names_of(new, anchors)) == UpdateNames(1, 1, 1, 1)


def test_pages_of_a_shared_endpoint_are_matched_by_their_anchor(tmp_path: Path) -> None:
    anchors = _tree(tmp_path)

    def spec(first: str, second: str) -> dict[str, Any]:
        op = _op(first, "Zones", "a.rst")
        op["x-otc-variants"] = [_page(first, "a.rst"), _page(second, "b.rst")]
        return {"paths": {"/v2/zones": {"post": op}}}

    same = compare(names_of(spec("CreatePublicZone", "CreatePrivateZone"), anchors),
                   names_of(spec("CreatePublicZone", "CreatePrivateZone"), anchors))
    assert same == UpdateNames(1, 0, 0, 0)
    swapped = compare(names_of(spec("CreatePublicZone", "CreatePrivateZone"), anchors),
                      names_of(spec("CreatePrivateZone", "CreatePublicZone"), anchors))
    assert swapped == UpdateNames(1, 2, 2, 0)  # both pages renamed, each name now calls the other page
