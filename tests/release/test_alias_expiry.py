"""A deliberately renamed function keeps its old name as a deprecated alias for one minor version (issue 22)."""

from __future__ import annotations

from pathlib import Path

from generator.build.lock import NamesLock, lock_path_for, read_lock, write_lock
from generator.build.lock.file import Alias
from generator.build.lock.rename import rename
from generator.core.spec import ALIASES
from generator.diff.inputs import read_spec_file
from generator.release.aliases import expire_aliases
from generator.release.regenerate import regenerate
from tests.build.test_lock import _listing, _tree


def test_an_alias_ships_first_and_goes_with_a_later_minor_version() -> None:
    lock = NamesLock(aliases={"ListSnapshots": Alias("ListAllSnapshots", "GET /v2/snapshots")})
    shipped, dropped = expire_aliases(lock, "0.4.0")
    assert shipped.aliases["ListSnapshots"].since == "0.4.0" and dropped == {}
    patch, dropped = expire_aliases(shipped, "0.4.3")
    assert patch.aliases == shipped.aliases and dropped == {}
    minor, dropped = expire_aliases(patch, "0.5.0")
    assert minor.aliases == {} and dropped == {"ListSnapshots": "ListAllSnapshots"}
    assert expire_aliases(NamesLock(aliases={"A": Alias("B", "GET /a", "1.4.2")}), "2.0.0")[0].aliases == {}


def test_a_release_drops_the_alias_at_the_next_minor_version_and_says_so(tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "evs.openapi.yaml"
    changelog = tmp_path / "client" / "CHANGELOG.md"
    snaps = _listing("Querying Snapshots", "GET /v2/snapshots", "evs_01")
    keys = _listing("Querying Keys", "GET /v2/keys", "evs_02")
    zones = _listing("Querying Zones", "GET /v2/zones", "evs_03")

    def release(name: str, files: dict[str, str]) -> str | None:
        tree = _tree(tmp_path / name, files)
        _, version = regenerate(tree, spec, service="evs", changelog=changelog, docs_commit=name,
                                docs_date="2026-12-07")
        return version

    assert release("r1", {"a/snaps.rst": snaps, "a/keys.rst": keys}) == "0.1.0"
    lock = read_lock(lock_path_for(spec))
    assert lock is not None
    write_lock(lock_path_for(spec), rename(lock, "ListSnapshots", "ListAllSnapshots"))
    # the rename is breaking (0.x: the minor): the alias ships in 0.2.0
    assert release("r2", {"a/snaps.rst": snaps, "a/keys.rst": keys}) == "0.2.0"
    ops = read_spec_file(spec)["paths"]
    assert ops["/v2/snapshots"]["get"][ALIASES] == ["ListSnapshots"]
    assert read_lock(lock_path_for(spec)).aliases["ListSnapshots"].since == "0.2.0"  # type: ignore[union-attr]
    # an added call is no breaking change: 0.2.1 keeps the alias
    assert release("r3", {"a/snaps.rst": snaps, "a/keys.rst": keys, "a/zones.rst": zones}) == "0.2.1"
    assert read_spec_file(spec)["paths"]["/v2/snapshots"]["get"][ALIASES] == ["ListSnapshots"]
    # a removed call is: 0.3.0, and the alias goes with it
    assert release("r4", {"a/snaps.rst": snaps, "a/zones.rst": zones}) == "0.3.0"
    assert ALIASES not in read_spec_file(spec)["paths"]["/v2/snapshots"]["get"]
    after = read_lock(lock_path_for(spec))
    assert after is not None and after.aliases == {}
    assert after.retired_functions["ListSnapshots"] == "GET /v2/snapshots"  # never given to another call
    entry = changelog.read_text(encoding="utf-8").split("## [0.2.1]")[0]
    assert "- **Breaking:** the deprecated alias `ListSnapshots` is removed; call `ListAllSnapshots`." in entry
