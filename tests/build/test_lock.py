"""Issue 22 part 1: the names lock keeps every public name bound to what the docs document, across docs updates."""

from __future__ import annotations

import copy
import textwrap
from pathlib import Path
from typing import Any

import pytest

from generator.build.lock import NamesLock, apply_lock, dump_lock, read_lock, write_lock
from generator.build.lock.rename import rename
from generator.build.pipeline import BuildResult, build_and_check, build_spec
from generator.core.config import default_service
from generator.core.emit import dump_yaml
from generator.devtools.corpus import CORPUS
from generator.diff.compare import diff_specs
from generator.speed.layer import speed_for
from generator.speed.page_cache import PageCache
from generator.speed.stage_cache import StageCache
from tests.rst_snippets import page, table

STATUS = ("Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
          "=========== ===========\n200         OK\n=========== ===========\n")


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def _listing(title: str, uri: str, anchor: str, tags_label: str | None = None, tag_field: str = "key") -> str:
    """A page whose operationId comes from its title (its `:original_name:` is a topic id, not an API name)."""
    tags_type = f":ref:`Tag <{tags_label}>` object" if tags_label else "String"
    body = ("Response Parameters\n-------------------\n\n"
            + table("Response body parameters", [["Parameter", "Type", "Description"],
                                                 ["tags", tags_type, "The tag."]]))
    if tags_label:
        body += table("Tag", [["Parameter", "Type", "Description"], [tag_field, "String", "A tag field."]],
                      label=tags_label)
    return page(title, uri, body + STATUS, name=anchor)


def _build(root: Path, lock: NamesLock | None = None) -> BuildResult:
    return build_spec(root, "evs", names_lock=lock)


def _ops(result: BuildResult) -> dict[str, dict[str, Any]]:
    return {f"{m.upper()} {p}": op for p, item in result.spec["paths"].items() for m, op in item.items()}


def _model_of(result: BuildResult, identity: str) -> str:
    (name,) = [n for n, s in result.spec["components"]["schemas"].items()
               if identity in ([s.get("x-otc-id")] if isinstance(s.get("x-otc-id"), str) else s.get("x-otc-id", []))]
    return name


def test_a_retitle_keeps_the_function_name(tmp_path: Path) -> None:
    old = _build(_tree(tmp_path / "old", {"apis/snap/list.rst": _listing("Querying Snapshots", "GET /v2/snapshots",
                                                                         "evs_01")}))
    assert _ops(old)["GET /v2/snapshots"]["operationId"] == "ListSnapshots"
    new_root = _tree(tmp_path / "new", {"apis/snap/list.rst": _listing("Querying All Snapshots of a Project",
                                                                       "GET /v2/snapshots", "evs_01")})
    assert _ops(_build(new_root))["GET /v2/snapshots"]["operationId"] != "ListSnapshots"  # what the lock prevents
    new = _build(new_root, old.names_lock)
    assert _ops(new)["GET /v2/snapshots"]["operationId"] == "ListSnapshots"
    assert [d for d in new.diagnostics if d.code == "naming.lock_reserved"] == []
    assert any(d.code == "naming.locked" and "ListSnapshots" in d.message for d in new.diagnostics)
    # the response body is named after its call, not after the new title
    assert _model_of(new, "GET /v2/snapshots response 200") == _model_of(old, "GET /v2/snapshots response 200")



def test_a_renamed_path_placeholder_is_the_same_endpoint(tmp_path: Path) -> None:
    # ECS 7b0490a: `/servers/{id}/os-interface` became `/servers/{server_id}/os-interface`, the title changed too
    old = _build(_tree(tmp_path / "old", {"apis/nic/list.rst": _listing("Querying NICs of an ECS",
                                                                        "GET /v2/servers/{id}/nics", "ecs_01")}))
    assert _ops(old)["GET /v2/servers/{id}/nics"]["operationId"] == "ListNicsOfEcs"
    new = _build(_tree(tmp_path / "new", {"apis/nic/list.rst": _listing("Querying a NIC of an ECS",
                                                                        "GET /v2/servers/{server_id}/nics",
                                                                        "ecs_01")}), old.names_lock)
    assert _ops(new)["GET /v2/servers/{server_id}/nics"]["operationId"] == "ListNicsOfEcs"

def test_a_move_to_an_out_of_date_folder_keeps_the_module_and_deprecates(tmp_path: Path) -> None:
    text = _listing("Querying Snapshots", "GET /v2/snapshots", "evs_01")
    old = _build(_tree(tmp_path / "old", {"apis/snapshot_management/list.rst": text}))
    new_root = _tree(tmp_path / "new", {"out-of-date_apis/snapshots_v2/list.rst": text})
    new = _build(new_root, old.names_lock)
    op = _ops(new)["GET /v2/snapshots"]
    assert op["tags"] == ["Snapshot Management"] and op["deprecated"] is True
    assert _ops(_build(new_root))["GET /v2/snapshots"]["tags"] == ["Snapshots V2"]  # without the lock: moved
    assert new.spec["tags"] == [{"name": "Snapshot Management"}]


def test_a_new_page_never_takes_a_name_bound_to_a_retitled_page(tmp_path: Path) -> None:
    old = _build(_tree(tmp_path / "old", {"apis/v2/list.rst": _listing("Querying Snapshots", "GET /v2/snapshots",
                                                                       "evs_01")}))
    new = _build(_tree(tmp_path / "new", {
        "apis/v2/list.rst": _listing("Querying Legacy Snapshots", "GET /v2/snapshots", "evs_01"),
        "apis/v3/list.rst": _listing("Querying Snapshots", "GET /v3/snapshots", "evs_02")}), old.names_lock)
    ops = _ops(new)
    assert ops["GET /v2/snapshots"]["operationId"] == "ListSnapshots"
    assert ops["GET /v3/snapshots"]["operationId"] == "ListSnapshots2"
    (d,) = [d for d in new.diagnostics if d.code == "naming.lock_reserved" and "model" not in d.message]
    assert d.source.file == "apis/v3/list.rst" and "'ListSnapshots' is bound to GET /v2/snapshots" in d.message
    # the new call's body is named after the new call's function, the old call's keeps its name
    assert _model_of(new, "GET /v3/snapshots response 200") == "ListSnapshots2Response"
    assert _model_of(new, "GET /v2/snapshots response 200") == "ListSnapshotsResponse"


def test_a_page_joining_a_call_leaves_the_first_page_its_names(tmp_path: Path) -> None:
    public = _listing("Querying Public Zones", "GET /v2/zones", "dns_01")
    old = _build(_tree(tmp_path / "old", {"b/public.rst": public}))
    assert _ops(old)["GET /v2/zones"]["operationId"] == "ListPublicZones"
    # the new page sorts first: the merged operation follows it, the lock does not
    new = _build(_tree(tmp_path / "new", {
        "b/public.rst": public,
        "a/private.rst": _listing("Querying Private Zones", "GET /v2/zones", "dns_02", "tag_z")}), old.names_lock)
    op = _ops(new)["GET /v2/zones"]
    assert op["operationId"] == "ListPublicZones"
    assert {v["x-otc-id"]: v["operationId"] for v in op["x-otc-variants"]} == {
        "GET /v2/zones @dns_01": "ListPublicZones", "GET /v2/zones @dns_02": "ListPrivateZones"}
    assert _model_of(new, "GET /v2/zones @dns_01 response 200") == _model_of(old, "GET /v2/zones response 200")
    assert not [d for d in new.diagnostics if d.code == "naming.lock_reserved"]


def test_retired_names_are_never_given_again(tmp_path: Path) -> None:
    old = _build(_tree(tmp_path / "old", {"apis/v2/list.rst": _listing("Querying Snapshots", "GET /v2/snapshots",
                                                                       "evs_01")}))
    v3 = {"apis/v3/list.rst": _listing("Querying Snapshots", "GET /v3/snapshots", "evs_02")}
    new = _build(_tree(tmp_path / "new", v3), old.names_lock)
    assert new.names_lock is not None
    assert new.names_lock.retired_functions == {"ListSnapshots": "GET /v2/snapshots"}
    assert _ops(new)["GET /v3/snapshots"]["operationId"] == "ListSnapshots2"
    # and on the next release too: the retired name stays reserved
    again = _build(_tree(tmp_path / "again", v3), new.names_lock)
    assert _ops(again)["GET /v3/snapshots"]["operationId"] == "ListSnapshots2"
    assert again.names_lock == new.names_lock
    # only the identity it was bound to takes it back
    back = _build(_tree(tmp_path / "back", {**v3, "apis/v2/list.rst": _listing("Querying Snapshots",
                                                                              "GET /v2/snapshots", "evs_01")}),
                  again.names_lock)
    assert _ops(back)["GET /v2/snapshots"]["operationId"] == "ListSnapshots"
    assert back.names_lock is not None and back.names_lock.retired_functions == {}


def test_a_new_table_of_the_same_name_does_not_push_the_old_model(tmp_path: Path) -> None:
    old = _build(_tree(tmp_path / "old", {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01", "tag_b")}))
    assert _model_of(old, "table tag_b") == "Tag"
    # the new page sorts first and its `Tag` has another shape: without the lock it would take `Tag`
    new_files = {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01", "tag_b"),
                 "a/keys.rst": _listing("Querying Keys", "GET /v2/keys", "evs_02", "tag_a", tag_field="value")}
    unlocked = _build(_tree(tmp_path / "unlocked", new_files))
    assert _model_of(unlocked, "table tag_a") == "Tag" and _model_of(unlocked, "table tag_b") != "Tag"
    new = _build(_tree(tmp_path / "new", new_files), old.names_lock)
    assert _model_of(new, "table tag_b") == "Tag"
    assert _model_of(new, "table tag_a") == "Tag2"
    assert any(d.code == "naming.lock_reserved" and "'Tag'" in d.message for d in new.diagnostics)
    refs = {r for r in _refs(new.spec)}
    assert "#/components/schemas/Tag" in refs and "#/components/schemas/Tag2" in refs
    assert all(r.rsplit("/", 1)[1] in new.spec["components"]["schemas"] for r in refs)


def test_a_relabelled_table_keeps_its_model_name_and_the_diff_sees_no_rename(tmp_path: Path) -> None:
    # docs regenerated with new table labels (modelarts 2024): no table identity is found again, yet the tables
    # are the same; the vacated name passes to them as it does without a lock, instead of being numbered
    old = _build(_tree(tmp_path / "old", {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01", "tag_b")}))
    new = _build(_tree(tmp_path / "new", {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01",
                                                                 "en-us_topic_01__tag_b")}), old.names_lock)
    assert _model_of(new, "table en-us_topic_01__tag_b") == "Tag"
    assert not [c.rule_id for c in diff_specs(old.spec, new.spec).changes if c.rule_id.endswith("-model-renamed")]
    assert new.names_lock is not None and new.names_lock.models.get("table en-us_topic_01__tag_b") == "Tag"
    assert "table tag_b" not in new.names_lock.models
    # a numbered locked name passes the same way (`Tag` itself stays retired, bound to the gone table)
    assert old.names_lock is not None
    numbered = rename(old.names_lock, "Tag", "Tag2")
    again = _build(_tree(tmp_path / "again", {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01",
                                                                     "en-us_topic_01__tag_b")}), numbered)
    assert _model_of(again, "table en-us_topic_01__tag_b") == "Tag2"


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return ([node["$ref"]] if isinstance(node.get("$ref"), str) else []) + [r for v in node.values()
                                                                                 for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def test_without_a_lock_names_are_as_today(tmp_path: Path) -> None:
    root = _tree(tmp_path / "t", {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01", "tag_b"),
                                  "a/keys.rst": _listing("Querying Keys", "GET /v2/keys", "evs_02", "tag_a", "value")})
    built = _build(root)
    before = copy.deepcopy(built.spec)
    lock, diagnostics = apply_lock(built.spec, None)
    assert built.spec == before and diagnostics == []
    assert lock == built.names_lock
    # its own lock changes nothing: the same bytes, the same lock
    again = _build(root, lock)
    assert dump_yaml(again.spec) == dump_yaml(built.spec) and again.names_lock == lock
    assert not [d for d in again.diagnostics if d.code in ("naming.lock_reserved", "naming.locked")]


def test_lock_file_bytes_are_deterministic(tmp_path: Path) -> None:
    root = _tree(tmp_path / "t", {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01", "tag_b"),
                                  "a/keys.rst": _listing("Querying Keys", "GET /v2/keys", "evs_02", "tag_a", "value")})
    lock = _build(root).names_lock
    assert lock is not None
    write_lock(tmp_path / "one.names.yaml", lock)
    shuffled = NamesLock(lock.service, dict(reversed(lock.functions.items())), dict(reversed(lock.models.items())),
                         {"Zeta": "GET /z", "Alpha": "GET /a"}, {}, {}, dict(reversed(lock.sites.items())),
                         dict(reversed(lock.shapes.items())))
    lock.retired_functions = {"Alpha": "GET /a", "Zeta": "GET /z"}
    assert dump_lock(shuffled) == dump_lock(lock)
    text = (tmp_path / "one.names.yaml").read_text(encoding="utf-8")
    assert text == dump_lock(_build(root).names_lock or NamesLock())
    read = read_lock(tmp_path / "one.names.yaml")
    assert read is not None and dump_lock(read) == text
    assert "GET /v2/tags:\n    function: ListTags\n    module: [B]\n" in text
    assert read_lock(tmp_path / "absent.names.yaml") is None


@pytest.mark.corpus
def test_a_corpus_tree_built_twice_with_its_lock_gives_the_same_bytes() -> None:
    tree = CORPUS / "domain-name-service@83bb279"
    first = build_spec(tree, "dns")
    assert first.names_lock is not None
    locked = build_spec(tree, "dns", names_lock=first.names_lock)
    assert dump_yaml(locked.spec) == dump_yaml(first.spec)
    assert dump_lock(locked.names_lock or NamesLock()) == dump_lock(first.names_lock)
    assert len(first.names_lock.functions) >= 40 and len(first.names_lock.models) >= 40


def test_tables_that_shared_a_model_and_now_differ_leave_it_to_the_most(tmp_path: Path) -> None:
    def pages(first_field: str) -> dict[str, str]:
        return {"c/one.rst": _listing("Querying Ones", "GET /v2/ones", "evs_01", "tag_1", first_field),
                "b/two.rst": _listing("Querying Twos", "GET /v2/twos", "evs_02", "tag_2"),
                "d/three.rst": _listing("Querying Threes", "GET /v2/threes", "evs_03", "tag_3")}

    old = _build(_tree(tmp_path / "old", pages("key")))
    assert old.spec["components"]["schemas"]["Tag"]["x-otc-id"] == ["table tag_1", "table tag_2", "table tag_3"]
    # `tag_1` now has another shape; its component would sort first ("ListOnesTag" < "Tag" is not what decides)
    new = _build(_tree(tmp_path / "new", pages("value")), old.names_lock)
    assert _model_of(new, "table tag_2") == _model_of(new, "table tag_3") == "Tag"
    assert _model_of(new, "table tag_1") != "Tag"
    assert new.names_lock is not None and new.names_lock.models["table tag_1"] == _model_of(new, "table tag_1")


def test_the_stage_cache_keeps_the_spec_as_built_not_as_locked(tmp_path: Path) -> None:
    v2 = {"apis/v2/list.rst": _listing("Querying Snapshots", "GET /v2/snapshots", "evs_01")}
    lock = _build(_tree(tmp_path / "old", v2)).names_lock
    root = _tree(tmp_path / "new", {"apis/v3/list.rst": _listing("Querying Snapshots", "GET /v3/snapshots", "evs_02")})
    plain = _build(root)
    cache = tmp_path / "cache"
    for names_lock, expected in ((lock, "ListSnapshots2"), (None, "ListSnapshots"), (lock, "ListSnapshots2")):
        speed = speed_for(1, PageCache(cache), StageCache(cache))
        built = build_and_check(root, default_service("evs"), speed=speed, names_lock=names_lock)
        assert _ops(built.result)["GET /v3/snapshots"]["operationId"] == expected
    uncached = build_and_check(root, default_service("evs"), speed=speed_for(1, PageCache(cache), StageCache(cache)))
    assert dump_yaml(uncached.result.spec) == dump_yaml(plain.spec)


def test_a_lock_written_with_placeholder_names_still_binds(tmp_path: Path) -> None:
    # locks of the first lock release keyed endpoints with their placeholders' names
    lock_file = tmp_path / "svc.names.yaml"
    lock_file.write_text("version: 1\nservice: evs\noperations:\n  GET /v2/servers/{id}/nics:\n"
                         "    function: ListNicsOfEcs\n    module: [nic]\n", encoding="utf-8")
    lock = read_lock(lock_file)
    assert lock is not None and list(lock.functions) == ["GET /v2/servers/{}/nics"]
    new = _build(_tree(tmp_path / "new", {"apis/nic/list.rst": _listing("Querying a NIC of an ECS",
                                                                        "GET /v2/servers/{server_id}/nics",
                                                                        "ecs_01")}), lock)
    assert _ops(new)["GET /v2/servers/{server_id}/nics"]["operationId"] == "ListNicsOfEcs"
