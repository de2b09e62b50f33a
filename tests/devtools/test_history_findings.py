"""`history --findings DIR`: each update's diff report as `<service>/<old>..<new>.json`, repo-relative and stable."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from generator.devtools.history import main, replay
from generator.devtools.history_findings import read_findings, updates_of
from tests.rst_snippets import page, table

STATUS = "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n=========== ===========\n" \
         "200         OK\n=========== ===========\n"


def _page(fields: list[str]) -> str:
    rows = [["Parameter", "Type", "Description"], *([f, "String", f"The {f}."] for f in fields)]
    body = "Response Parameters\n-------------------\n\n**Status code: 200**\n\n" + \
        table("Response body parameters", rows) + STATUS
    return page("Querying a Thing", "GET /v1/thing", body, name="ShowThing")


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t", "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
           "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def _bundle(tmp_path: Path) -> tuple[Path, list[str]]:
    """A two-commit docs history: the second commit drops the response field `mode`."""
    repo = tmp_path / "repo"
    page_file = repo / "api-ref/source/things/showing.rst"
    page_file.parent.mkdir(parents=True)
    _git(repo.parent, "init", "-q", "-b", "main", str(repo))
    hashes = []
    for fields in (["state", "mode"], ["state"]):
        page_file.write_text(_page(fields), encoding="utf-8")
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", "docs")
        hashes.append(_git(repo, "log", "-1", "--format=%h"))
    bundle = tmp_path / "svc.bundle"
    _git(repo, "bundle", "create", "-q", str(bundle), "main")
    return bundle, hashes


def test_findings_of_an_update_are_written_repo_relative_and_stable(tmp_path: Path) -> None:
    bundle, (old, new) = _bundle(tmp_path)
    first, second = tmp_path / "f1", tmp_path / "f2"
    replayed = replay(bundle, findings=first)
    assert [(u.commit, u.errors) for u in replayed.updates] == [(new, 1)]
    out = first / "svc" / f"{old}..{new}.json"
    assert sorted(p.relative_to(first).as_posix() for p in first.rglob("*.json")) == [f"svc/{old}..{new}.json"]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["old"], doc["new"], doc["levels"]["error"]) == (f"svc@{old}", f"svc@{new}", 1)
    [found] = [f for f in read_findings(first) if f.level == "error"]
    assert (found.service, found.update, found.rule, found.function) == ("svc", f"{old}..{new}",
                                                                        "response-property-removed", "ShowThing")
    assert found.old_source.startswith("api-ref/source/things/showing.rst:")
    assert found.new_source.startswith("api-ref/source/things/showing.rst:")  # where the parent is now
    assert "mode" in found.old_pointer
    # no local path in anything written; the same history gives the same bytes (through the command line)
    assert str(tmp_path) not in out.read_text(encoding="utf-8")
    assert main([str(bundle), "--findings", str(second)]) == 0
    assert (second / "svc" / out.name).read_bytes() == out.read_bytes()
    assert updates_of(second) == {("svc", f"{old}..{new}")}
