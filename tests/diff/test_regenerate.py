"""The scheduled regeneration job on a real DMS docs update (two small trees, built in seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import REPO_ROOT
from generator.release.changelog import current_version
from generator.release.regenerate import docs_revision, main

CORPUS = REPO_ROOT.parent / "shared" / "corpus"  # same place tests/conftest.py looks
OLD = CORPUS / "distributed-message-service@5758a36"
NEW = CORPUS / "distributed-message-service@d2c571c"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not mounted"),
]


def test_docs_revision_from_corpus_manifest() -> None:
    assert docs_revision(NEW) == ("d2c571c", "2024-07-04")


def test_regenerate_writes_spec_version_and_changelog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("generator.pipeline")
    spec = tmp_path / "specs" / "distributed-message-service.openapi.yaml"
    changelog = tmp_path / "client" / "CHANGELOG.md"
    # First release: no spec yet -> 0.1.0 listing every operation as added.
    assert main([str(OLD), str(spec), "--changelog", str(changelog)]) == 0
    assert current_version(changelog) == "0.1.0"
    assert "Generated from docs commit `5758a36` (2024-07-04)." in changelog.read_text()

    report = tmp_path / "report.md"
    code = main([str(NEW), str(spec), "--changelog", str(changelog), "--report", str(report), "--fail-on", "breaking"])
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
    assert "Suggested client version: 0.2.0" in report.read_text()
    assert "/v2/{engine}/{project_id}/instances:" in spec.read_text()

    # Nothing new in the docs: nothing is rewritten.
    before = changelog.read_bytes()
    assert main([str(NEW), str(spec), "--changelog", str(changelog)]) == 0
    assert "no changes" in capsys.readouterr().out
    assert changelog.read_bytes() == before


def test_regenerate_refuses_a_spec_of_another_service(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("generator.pipeline")
    spec = tmp_path / "kms.openapi.yaml"
    changelog = tmp_path / "CHANGELOG.md"
    assert main([str(CORPUS / "key-management-service@c2d17c2"), str(spec), "--changelog", str(changelog)]) == 0
    assert main([str(NEW), str(spec), "--changelog", str(changelog)]) == 2
    assert "different services" in capsys.readouterr().err


def test_diff_command_on_docs_trees(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("generator.pipeline")
    from generator.cli import main as cli

    assert cli(["diff", str(NEW), str(NEW)]) == 0
    assert "No changes: the two specs describe the same API." in capsys.readouterr().out
    assert cli(["diff", str(OLD), str(NEW), "--fail-on", "breaking"]) == 1
    out = capsys.readouterr().out
    assert "## `POST /v2/{engine}/{project_id}/instances` — CreateInstanceByEngine" in out
    assert "## Migration notes" in out
