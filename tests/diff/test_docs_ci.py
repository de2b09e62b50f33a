"""The docs-repository workflow's steps, run locally: a temporary git repository holding two commits
of a small DMS tree (pages of 5758a36, then the same pages at d2c571c). No network: the comment API
and the wheel build are replaced by recording fakes; everything else is the real code path.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.core.config import REPO_ROOT
from generator.devtools.corpus import CORPUS
from generator.release.changelog import current_version
from generator.release.docs_ci import MARKER, CIError, export_tree, pr_check, release, upsert_comment
from generator.release.regenerate import regenerate

OLD, NEW = CORPUS / "distributed-message-service@5758a36", CORPUS / "distributed-message-service@d2c571c"
PAGES = (
    "apis_v2_recommended/instance_management/resetting_the_password.rst",
    "apis_v2_recommended/other_apis/listing_az_information.rst",
    "apis_v2_recommended/instance_management/querying_all_consumer_groups.rst",
)
SERVICE = "distributed-message-service"
WORKFLOW = REPO_ROOT / "integrations" / "github" / "otc-apigen-docs.yml"

# a missing corpus fails loudly (the tests read it), never a silent skip
pytestmark = [pytest.mark.corpus]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def docs_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    # Keep git away from the enclosing repository and from the user's configuration.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("HOME", str(tmp_path))
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(var, raising=False)
    for who in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{who}_NAME", "docs bot")
        monkeypatch.setenv(f"GIT_{who}_EMAIL", "docs@example.invalid")
        monkeypatch.setenv(f"GIT_{who}_DATE", "2024-07-04T12:00:00+00:00")
    repo = tmp_path / "docs-repo"
    source = repo / "api-ref" / "source"
    source.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    shas = []
    for tree in (OLD, NEW):
        for page in PAGES:
            (source / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(tree / page, source / page)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", f"docs from {tree.name}")
        shas.append(_git(repo, "rev-parse", "HEAD"))
    return repo, shas[0], shas[1]


def test_export_tree_reads_a_revision_without_touching_the_checkout(docs_repo: tuple[Path, str, str],
                                                                    tmp_path: Path) -> None:
    repo, base, _head = docs_repo
    tree = export_tree(repo, base, "api-ref/source", tmp_path / "x")
    assert (tree / PAGES[0]).read_bytes() == (OLD / PAGES[0]).read_bytes()
    assert (repo / "api-ref/source" / PAGES[0]).read_bytes() == (NEW / PAGES[0]).read_bytes()
    with pytest.raises(CIError, match="no/such/dir"):
        export_tree(repo, base, "no/such/dir", tmp_path / "y")  # git: pathspec did not match


def test_pr_check_writes_comment_annotations_and_json(docs_repo: tuple[Path, str, str], tmp_path: Path) -> None:
    repo, base, head = docs_repo
    out = tmp_path / "out"
    check = pr_check(repo, base, head, service=SERVICE, out_dir=out, current_version="0.3.0")
    assert check.exit_code == 1  # errors, no label
    assert check.changed_files == [f"api-ref/source/{p}" for p in sorted(PAGES)]
    comment = (out / "comment.md").read_text(encoding="utf-8")
    assert comment.startswith(MARKER + "\n### API changes: `distributed-message-service@")
    assert "client `0.3.0` becomes **`0.4.0`**" in comment
    assert "Request field `ResetPasswordRequest.new_password` is now required." in comment
    assert "Response field `AvailableZones.default_az` was removed. Also" in comment
    assert "This check fails on errors" in comment
    annotations = (out / "annotations.txt").read_text(encoding="utf-8").splitlines()
    assert annotations == check.annotations
    password = next(a for a in annotations if "new_password" in a)
    assert password.startswith(
        "::error file=api-ref/source/apis_v2_recommended/instance_management/resetting_the_password.rst,line=36,"
    )
    assert json.loads((out / "diff.json").read_text(encoding="utf-8"))["levels"]["error"] >= 2

    allowed = pr_check(repo, base, head, service=SERVICE, out_dir=tmp_path / "out2", allow_errors=True)
    assert allowed.exit_code == 0
    assert "allowed by the label" in allowed.comment


def test_pr_check_command(docs_repo: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo, base, head = docs_repo
    out = tmp_path / "cli-out"
    code = main(["pr-check", "--repo", str(repo), "--base", base, "--head", head, "--service", SERVICE,
                 "--out", str(out)])
    assert code == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed and all(line.startswith(("::error ", "::warning ")) for line in printed)
    assert main(["pr-check", "--repo", str(repo), "--base", "no-such-rev", "--head", head, "--service", SERVICE,
                 "--out", str(out)]) == 2


class _FakeGitHub:
    """Answers the three REST calls upsert_comment makes, and records them."""

    def __init__(self, existing: list[dict[str, Any]]) -> None:
        self.comments = existing
        self.calls: list[tuple[str, str, Any]] = []

    def __call__(self, request: Any) -> Any:
        body = json.loads(request.data) if request.data else None
        self.calls.append((request.get_method(), request.full_url, body))
        assert request.get_header("Authorization") == "Bearer t0ken"
        answer: Any = self.comments if request.get_method() == "GET" else {"id": 1}
        return io.BytesIO(json.dumps(answer).encode())


def test_comment_is_created_once_then_updated() -> None:
    fresh = _FakeGitHub([{"id": 5, "body": "LGTM"}])
    assert upsert_comment("otc/docs", 7, f"{MARKER}\nnew", "t0ken", api="https://api.test", opener=fresh) == "created"
    assert fresh.calls[-1] == ("POST", "https://api.test/repos/otc/docs/issues/7/comments", {"body": f"{MARKER}\nnew"})

    again = _FakeGitHub([{"id": 5, "body": "LGTM"}, {"id": 9, "body": f"{MARKER}\nold"}])
    assert upsert_comment("otc/docs", 7, f"{MARKER}\nnewer", "t0ken", api="https://api.test", opener=again) == "updated"
    assert again.calls[-1] == ("PATCH", "https://api.test/repos/otc/docs/issues/comments/9",
                               {"body": f"{MARKER}\nnewer"})


def test_release_regenerates_spec_changelog_client_and_builds(docs_repo: tuple[Path, str, str],
                                                              tmp_path: Path) -> None:
    repo, base, head = docs_repo
    state = tmp_path / "state"
    spec, client = state / "spec.openapi.yaml", state / "client"
    # The state after the first release (from the base commit): spec and changelog at 0.1.0.
    base_tree = export_tree(repo, base, "api-ref/source", tmp_path / "base")
    regenerate(base_tree, spec, service=SERVICE, client_dir=client, docs_commit=base[:7], docs_date="2024-07-04")
    assert current_version(client / "CHANGELOG.md") == "0.1.0"

    built: list[tuple[Path, Path]] = []

    def fake_build(project: Path, outdir: Path) -> list[Path]:
        built.append((project, outdir))
        return [outdir / "otc_distributed_message_service_client-0.2.0-py3-none-any.whl"]

    uploaded: list[list[Path]] = []
    done = release(repo / "api-ref" / "source", service=SERVICE, spec=spec, client_dir=client,
                   dist_dir=tmp_path / "dist", build_wheel=fake_build, upload=uploaded.append)
    assert done.version == "0.2.0"  # errors: breaking, so the minor bumps while at 0.x
    assert current_version(client / "CHANGELOG.md") == "0.2.0"
    assert f"Generated from docs commit `{head[:7]}` (2024-07-04)." in (client / "CHANGELOG.md").read_text()
    # The client was regenerated with the new version (not left for a later `nox -s generate`).
    assert 'version = "0.2.0"' in (client / "pyproject.toml").read_text(encoding="utf-8")
    assert (client / "otc_distributed_message_service_client" / "models").is_dir()
    assert "new_password" in spec.read_text(encoding="utf-8")
    assert built == [(client, tmp_path / "dist")]
    assert uploaded == [done.dists]

    again = release(repo / "api-ref" / "source", service=SERVICE, spec=spec, client_dir=client,
                    dist_dir=tmp_path / "dist", build_wheel=fake_build)
    assert again.version is None and len(built) == 1  # nothing changed: nothing built


def test_shipped_workflow_calls_these_steps() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    for step in ("python -m generator pr-check", "python -m generator pr-comment", "python -m generator release",
                 "api-ref/source/**", "pull_request", "--allow-errors"):
        assert step in text, step
