"""The scheduled regeneration job on a real DMS docs update (two small trees, built in seconds)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.devtools.corpus import CORPUS
from generator.release.changelog import current_version
from generator.release.regenerate import docs_revision, main

OLD = CORPUS / "distributed-message-service@5758a36"
NEW = CORPUS / "distributed-message-service@d2c571c"

pytestmark = pytest.mark.corpus  # never skipped: without the corpus these fail (tests/conftest.py)


def _git(cwd: Path, *args: str) -> str:
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd), "PATH": os.environ["PATH"],
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.test", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.test", "GIT_AUTHOR_DATE": "2023-05-06T07:08:09Z",
           "GIT_COMMITTER_DATE": "2023-05-06T07:08:09Z"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def test_docs_revision_from_corpus_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pinned: git must not answer with the commit of whatever repository encloses the corpus.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(NEW.resolve().parent))
    monkeypatch.delenv("GIT_DIR", raising=False)
    assert docs_revision(NEW) == ("d2c571c", "2024-07-04")


def test_docs_revision_from_git_in_a_temporary_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("GIT_DIR", raising=False)
    repo = tmp_path / "docs-repo"
    (repo / "api-ref" / "source").mkdir(parents=True)
    (repo / "api-ref" / "source" / "index.rst").write_text("Index\n=====\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "docs")
    commit = _git(repo, "log", "-1", "--format=%h").strip()
    assert docs_revision(repo / "api-ref" / "source") == (commit, "2023-05-06")
    # a folder of no repository (the ceiling stops git at tmp_path) falls back to nothing
    plain = tmp_path / "plain"
    plain.mkdir()
    assert docs_revision(plain) is None


def test_regenerate_writes_spec_version_and_changelog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "specs" / "distributed-message-service.openapi.yaml"
    changelog = tmp_path / "client" / "CHANGELOG.md"
    # First release: no spec yet -> 0.1.0 listing every operation as added.
    assert main([str(OLD), str(spec), "--changelog", str(changelog), "--no-client"]) == 0
    assert current_version(changelog) == "0.1.0"
    assert "Generated from docs commit `5758a36` (2024-07-04)." in changelog.read_text()

    report = tmp_path / "report.md"
    code = main([str(NEW), str(spec), "--changelog", str(changelog), "--report", str(report), "--fail-on", "error",
                 "--no-client"])
    assert code == 1  # written, but breaking changes ask for review
    assert "version 0.2.0:" in capsys.readouterr().out
    text = changelog.read_text()
    assert current_version(changelog) == "0.2.0"
    entry = text[text.index("## [0.2.0]") : text.index("## [0.1.0]")]
    assert entry.startswith("## [0.2.0] - 2024-07-04\n\nGenerated from docs commit `d2c571c` (2024-07-04).")
    assert (
        "- **Breaking:** `ListEngineProducts` (`GET /v2/{engine}/products`): `ListEngineProducts` moved from "
        "`/v2/products` to `/v2/{engine}/products` — update the arguments you pass." in entry
    )
    assert "  - Request field `CreatePostPaidInstanceRequest.broker_num` is now required." in entry
    assert "New optional query parameter `offset`." in entry
    assert "client `0.1.0` becomes **`0.2.0`**" in report.read_text()
    assert "/v2/{engine}/{project_id}/instances:" in spec.read_text()

    # Nothing new in the docs: nothing is rewritten.
    before = changelog.read_bytes()
    assert main([str(NEW), str(spec), "--changelog", str(changelog)]) == 0
    assert "no changes" in capsys.readouterr().out
    assert changelog.read_bytes() == before


def test_regenerate_refuses_a_spec_of_another_service(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = tmp_path / "kms.openapi.yaml"
    changelog = tmp_path / "CHANGELOG.md"
    args = ["--changelog", str(changelog), "--no-client"]  # the client would go to generated/ of this repository
    assert main([str(CORPUS / "key-management-service@c2d17c2"), str(spec), *args]) == 0
    assert main([str(NEW), str(spec), *args]) == 2
    assert "different services" in capsys.readouterr().err


def test_diff_command_on_docs_trees(capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main as cli

    assert cli(["diff", str(NEW), str(NEW)]) == 0
    assert "No changes: the two specs describe the same API." in capsys.readouterr().out
    assert cli(["diff", str(OLD), str(NEW), "--fail-on", "error"]) == 1
    out = capsys.readouterr().out
    assert "| New operation `POST /v2/{engine}/{project_id}/instances` (`CreateInstanceByEngine`). |" in out
    assert "<details><summary><b>Migration notes</b>" in out
