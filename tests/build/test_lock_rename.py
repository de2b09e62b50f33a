"""A deliberate rename: the lock's one way to change a name; the diff reports it, the client keeps the old name."""

from __future__ import annotations

import asyncio
import importlib
import sys
import textwrap
from pathlib import Path

import pytest

from generator.build.lock import LockError, read_lock, write_lock
from generator.build.lock.rename import rename
from generator.build.pipeline import build_spec
from generator.cli import main
from generator.client.aliases import write_aliases
from generator.client.names import GeneratorNames
from generator.core.spec import ALIASES
from generator.diff.compare import diff_specs
from tests.build.test_lock import _build, _listing, _ops, _tree


def test_rename_keeps_the_old_name_as_an_alias_and_the_diff_reports_it(tmp_path: Path) -> None:
    root = _tree(tmp_path / "t", {"apis/snap/list.rst": _listing("Querying Snapshots", "GET /v2/snapshots", "evs_01"),
                                  "apis/snap/keys.rst": _listing("Querying Keys", "GET /v2/keys", "evs_02")})
    first = _build(root)
    assert first.names_lock is not None
    lock_file = tmp_path / "evs.names.yaml"
    write_lock(lock_file, first.names_lock)
    assert main(["names", "rename", "--lock", str(lock_file), "ListSnapshots", "ListAllSnapshots"]) == 0
    lock = read_lock(lock_file)
    assert lock is not None
    assert lock.functions["GET /v2/snapshots"].name == "ListAllSnapshots"
    assert lock.aliases["ListSnapshots"].new == "ListAllSnapshots"
    assert lock.retired_functions["ListSnapshots"] == "GET /v2/snapshots"
    renamed = build_spec(root, "evs", names_lock=lock)
    op = _ops(renamed)["GET /v2/snapshots"]
    assert op["operationId"] == "ListAllSnapshots" and op[ALIASES] == ["ListSnapshots"]
    assert ALIASES not in _ops(renamed)["GET /v2/keys"]
    changes = [c for c in diff_specs(first.spec, renamed.spec).changes if c.rule_id == "operation-id-changed"]
    assert len(changes) == 1 and changes[0].level.value == "error"
    # the old name is never given again, and a name bound elsewhere cannot be taken
    assert main(["names", "rename", "--lock", str(lock_file), "ListKeys", "ListSnapshots"]) == 2
    with pytest.raises(LockError, match="bound to GET /v2/snapshots"):
        rename(lock, "ListKeys", "ListAllSnapshots")
    with pytest.raises(LockError, match="no function or model"):
        rename(lock, "Nothing", "Something")


def test_a_model_rename_retires_the_old_name(tmp_path: Path) -> None:
    root = _tree(tmp_path / "t", {"b/tags.rst": _listing("Querying Tags", "GET /v2/tags", "evs_01", "tag_b")})
    first = _build(root)
    assert first.names_lock is not None
    lock = rename(first.names_lock, "Tag", "ResourceTag")
    again = _build(root, lock)
    assert "ResourceTag" in again.spec["components"]["schemas"] and "Tag" not in again.spec["components"]["schemas"]
    assert again.names_lock is not None and again.names_lock.retired_models == {"Tag": "table tag_b"}


def test_the_client_alias_module_warns_and_calls_the_renamed_function(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "demo_client"
    (pkg / "api" / "snap").mkdir(parents=True)
    for init in (pkg, pkg / "api", pkg / "api" / "snap"):
        (init / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "api" / "snap" / "list_all_snapshots.py").write_text(textwrap.dedent("""
        def sync_detailed(*, client, limit=1):
            return ("sync_detailed", limit)

        def sync(*, client, limit=1):
            return ("sync", limit)

        async def asyncio(*, client, limit=1):
            return ("asyncio", limit)

        def _kwargs():
            return {}
    """), encoding="utf-8")
    view = {"paths": {"/v2/snapshots": {"get": {"operationId": "ListAllSnapshots", ALIASES: ["ListSnapshots"],
                                                "responses": {}}}}}
    names = GeneratorNames({}, {("GET", "/v2/snapshots"): ("snap", "list_all_snapshots", {})})
    (written,) = write_aliases(pkg, view, names)
    assert written.name == "list_snapshots.py"
    monkeypatch.syspath_prepend(str(tmp_path))
    alias = importlib.import_module("demo_client.api.snap.list_snapshots")
    try:
        with pytest.warns(DeprecationWarning, match="list_snapshots is deprecated: it was renamed list_all_snapshots"):
            assert alias.sync(client=None, limit=3) == ("sync", 3)
        with pytest.warns(DeprecationWarning):
            assert asyncio.run(alias.asyncio(client=None)) == ("asyncio", 1)
        assert not hasattr(alias, "_kwargs") and not hasattr(alias, "asyncio_detailed")
    finally:
        for name in [m for m in sys.modules if m.startswith("demo_client")]:
            del sys.modules[name]
