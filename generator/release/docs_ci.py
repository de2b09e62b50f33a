"""The CI steps of a docs repository, as functions a test can run on a local git repository.

`integrations/github/otc-apigen-docs.yml` only wires these to GitHub events:
- `pr_check`: on a pull request touching the docs tree, build the base and head trees (in parallel),
  diff them, write the Markdown comment (with a marker, so one comment is updated, not added),
  the annotations and the full JSON; fail on errors unless allowed (a label);
- `upsert_comment`: post the comment or update the one carrying the marker (GitHub REST API);
- `release`: on merge, regenerate: new spec, diff, version, changelog, the client regenerated with
  that version, then the wheel built and, given an index URL, published.
Both trees are read with `git archive`, so the checkout's working tree is never touched.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.build.lock import LockError, read_lock
from generator.diff import github
from generator.diff.compare import diff_specs
from generator.diff.inputs import InputError, check_same_service
from generator.diff.model import DiffResult
from generator.diff.render import as_json, markdown
from generator.diff.rules import Level
from generator.diff.sides import load_pair
from generator.release.publish import build_dists
from generator.release.regenerate import regenerate
from generator.release.semver import next_version

MARKER = "<!-- otc-apigen:api-diff -->"
COMMENT_FILE, JSON_FILE, ANNOTATIONS_FILE = "comment.md", "diff.json", "annotations.txt"


class CIError(Exception):
    """A step that cannot run (unknown revision, no docs tree at a revision, API refused)."""


def _git(repo: Path, *args: str) -> bytes:
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if proc.returncode != 0:
        raise CIError(f"git {' '.join(args)}: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def export_tree(repo: Path, rev: str, subdir: str, dest: Path) -> Path:
    """The docs tree `subdir` as it is at `rev`, written under `dest` (returns the tree's folder)."""
    data = _git(repo, "archive", "--format=tar", rev, "--", subdir.strip("/"))
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    tree = dest / subdir.strip("/")
    if not tree.is_dir():
        raise CIError(f"{subdir} does not exist at {rev}")
    return tree


def changed(repo: Path, base: str, head: str, subdir: str) -> list[str]:
    out = _git(repo, "diff", "--name-only", f"{base}...{head}", "--", subdir.strip("/"))
    return sorted(line for line in out.decode().splitlines() if line)


@dataclass(frozen=True)
class PrCheck:
    result: DiffResult
    comment: str
    annotations: list[str]
    changed_files: list[str]
    exit_code: int  # 0 ok, 1 errors found and not allowed


def pr_check(
    repo: Path,
    base: str,
    head: str,
    *,
    service: str,
    out_dir: Path,
    docs_subdir: str = "api-ref/source",
    current_version: str | None = None,
    allow_errors: bool = False,
    limit: int | None = None,
    names_lock: Path | None = None,
) -> PrCheck:
    """Build base and head, diff, and write comment.md, diff.json and annotations.txt to `out_dir`.

    Head is built with the names of base, and base with those of the last release when `names_lock` (the lock the
    release job keeps beside the released spec, `generator.build.lock`) is given and exists: the comment then
    shows what the next release's client would change."""
    files = changed(repo, base, head, docs_subdir)
    with tempfile.TemporaryDirectory(prefix="otc-apigen-pr-") as tmp:
        old_tree = export_tree(repo, base, docs_subdir, Path(tmp) / "base")
        new_tree = export_tree(repo, head, docs_subdir, Path(tmp) / "head")
        try:
            released = read_lock(names_lock) if names_lock is not None else None
            old, new = load_pair(old_tree, new_tree, service, names_lock=released)
            check_same_service(old, new)
        except LockError as exc:
            raise CIError(str(exc)) from exc
        except InputError as exc:
            raise CIError(str(exc).replace(tmp, "<tmp>")) from exc
    result = diff_specs(old.spec, new.spec)
    version = next_version(current_version, result) if current_version and not result.is_empty else None
    labels = (f"{service}@{_short(repo, base)}", f"{service}@{_short(repo, head)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path = out_dir / JSON_FILE
    json_path.write_text(as_json(result, *labels, version), encoding="utf-8")
    options: dict[str, Any] = {"current_version": current_version, "json_report": f"{JSON_FILE} (workflow artifact)"}
    if limit is not None:
        options["limit"] = limit
    comment = MARKER + "\n" + markdown(result, *labels, version, **options)
    errors = [c for c in result.changes if c.level is Level.ERROR]
    if errors:
        comment += (
            "\n> Errors are allowed by the label on this pull request.\n" if allow_errors
            else "\n> This check fails on errors; a maintainer can add the label that allows them.\n"
        )
    (out_dir / COMMENT_FILE).write_text(comment, encoding="utf-8")
    annotations = github.workflow_commands(result, docs_subdir.strip("/") + "/")
    (out_dir / ANNOTATIONS_FILE).write_text("".join(line + "\n" for line in annotations), encoding="utf-8")
    return PrCheck(result, comment, annotations, files, 1 if errors and not allow_errors else 0)


def _short(repo: Path, rev: str) -> str:
    return _git(repo, "rev-parse", "--short", rev).decode().strip()


# ---------------------------------------------------------------- the one comment

Opener = Callable[[urllib.request.Request], Any]


def upsert_comment(repo_slug: str, number: int, body: str, token: str, *,
                   api: str = "https://api.github.com", opener: Opener | None = None) -> str:
    """Update the pull request's comment carrying MARKER, or post one; returns "updated" or "created"."""
    send = opener or (lambda request: urllib.request.urlopen(request, timeout=30))  # noqa: S310 - https API URL

    def call(method: str, url: str, payload: dict[str, Any] | None = None) -> Any:
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "Content-Type": "application/json",
        })
        with send(request) as response:
            return json.loads(response.read() or b"null")

    page = 1
    while True:
        comments = call("GET", f"{api}/repos/{repo_slug}/issues/{number}/comments?per_page=100&page={page}")
        if not isinstance(comments, list):
            raise CIError(f"unexpected answer listing comments: {str(comments)[:200]}")
        mine = [c for c in comments if MARKER in str(c.get("body", ""))]
        if mine:
            call("PATCH", f"{api}/repos/{repo_slug}/issues/comments/{mine[0]['id']}", {"body": body})
            return "updated"
        if len(comments) < 100:
            break
        page += 1
    call("POST", f"{api}/repos/{repo_slug}/issues/{number}/comments", {"body": body})
    return "created"


# ---------------------------------------------------------------- on merge


@dataclass(frozen=True)
class Release:
    version: str | None  # None: nothing changed, nothing written
    result: DiffResult
    dists: list[Path]


def release(
    docs_dir: Path,
    *,
    service: str,
    spec: Path,
    client_dir: Path,
    dist_dir: Path,
    report: Path | None = None,
    docs_commit: str | None = None,
    docs_date: str | None = None,
    build_wheel: Callable[[Path, Path], list[Path]] | None = None,
    upload: Callable[[list[Path]], str] | None = None,
) -> Release:
    """Regenerate spec, changelog and client; build the sdist and wheel; upload them when asked.

    `build_wheel(project, outdir)` defaults to `generator.release.publish.build_dists` (an isolated build, which
    fetches the build backend); `upload(dists)` is only called when given.
    """
    result, version = regenerate(docs_dir, spec, service=service, client_dir=client_dir, client=True,
                                 report=report, docs_commit=docs_commit, docs_date=docs_date)
    if version is None:
        return Release(None, result, [])
    if build_wheel is None:
        build_wheel = build_dists
    dists = build_wheel(client_dir, dist_dir)
    if upload is not None:
        upload(dists)
    return Release(version, result, dists)
