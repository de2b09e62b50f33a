"""CI commands for a docs repository (see integrations/github/otc-apigen-docs.yml).

  python -m generator pr-check --base SHA --head SHA --service NAME [--repo DIR] [--docs-subdir api-ref/source]
         [--out DIR] [--current-version V | --client-dir DIR] [--allow-errors]
      builds both trees, diffs, writes OUT/comment.md, OUT/diff.json, OUT/annotations.txt and prints
      the annotations (GitHub shows them on the PR's lines). Exit 1 on errors unless --allow-errors.
  python -m generator pr-comment --repo-slug OWNER/NAME --pr N --body-file OUT/comment.md
      posts the comment or updates the one this tool posted before (token: $GITHUB_TOKEN).
  python -m generator release DOCS_DIR --service NAME --spec SPEC --client-dir DIR [--dist DIR]
         [--publish-url URL]
      on merge: new spec, diff, version, changelog, regenerated client, sdist + wheel, upload.

Exit 2: unusable input (unknown revision, no docs tree, no token).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from generator.diff.inputs import InputError
from generator.release.changelog import current_version
from generator.release.docs_ci import CIError, pr_check, release, upsert_comment
from generator.release.publish import PublishError
from generator.release.publish import upload as twine_upload


def register(sub: Any) -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser("pr-check", help="docs pull request: diff base and head, comment, annotations",
                       description=__doc__, formatter_class=fmt)
    p.add_argument("--repo", type=Path, default=Path("."), help="the docs repository checkout (default: .)")
    p.add_argument("--base", required=True)
    p.add_argument("--head", required=True)
    p.add_argument("--service", required=True)
    p.add_argument("--docs-subdir", default="api-ref/source")
    p.add_argument("--out", type=Path, default=Path("otc-apigen-out"))
    p.add_argument("--current-version", help="released client version (default: from --client-dir's CHANGELOG.md)")
    p.add_argument("--client-dir", type=Path, help="the released client project, for its version")
    p.add_argument("--allow-errors", action="store_true", help="report errors but exit 0 (set by a PR label)")
    p.add_argument("--names-lock", type=Path, help="the released names lock (kept beside the released spec): base is "
                   "built with it, head with base's names")
    p.set_defaults(func=run_pr_check)

    c = sub.add_parser("pr-comment", help="post or update the one diff comment on a pull request",
                       description=__doc__, formatter_class=fmt)
    c.add_argument("--repo-slug", required=True, help="OWNER/NAME")
    c.add_argument("--pr", type=int, required=True)
    c.add_argument("--body-file", type=Path, required=True)
    c.add_argument("--api", default=os.environ.get("GITHUB_API_URL", "https://api.github.com"))
    c.set_defaults(func=run_pr_comment)

    r = sub.add_parser("release", help="on merge: spec, version, changelog, client, wheel, upload",
                       description=__doc__, formatter_class=fmt)
    r.add_argument("docs_dir", type=Path)
    r.add_argument("--service", required=True)
    r.add_argument("--spec", type=Path, required=True, help="the last released spec (overwritten)")
    r.add_argument("--client-dir", type=Path, required=True)
    r.add_argument("--dist", type=Path, default=Path("dist"))
    r.add_argument("--report", type=Path, help="also write the Markdown diff here")
    r.add_argument("--docs-commit")
    r.add_argument("--docs-date")
    r.add_argument("--publish-url", default=os.environ.get("OTC_APIGEN_REPOSITORY_URL", ""),
                   help="upload to this index (credentials: TWINE_USERNAME / TWINE_PASSWORD)")
    r.set_defaults(func=run_release)


def run_pr_check(args: argparse.Namespace) -> int:
    version = args.current_version
    if version is None and args.client_dir is not None:
        version = current_version(args.client_dir / "CHANGELOG.md")
    try:
        check = pr_check(args.repo, args.base, args.head, service=args.service, out_dir=args.out,
                         docs_subdir=args.docs_subdir, current_version=version, allow_errors=args.allow_errors,
                         names_lock=args.names_lock)
    except CIError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in check.annotations:
        print(line)
    counts = ", ".join(f"{n} {k}" for k, n in check.result.level_counts().items())
    print(f"{len(check.result.changes)} changes ({counts}); comment: {args.out / 'comment.md'}", file=sys.stderr)
    return check.exit_code


def run_pr_comment(args: argparse.Namespace) -> int:
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        print("error: set GITHUB_TOKEN", file=sys.stderr)
        return 2
    try:
        what = upsert_comment(args.repo_slug, args.pr, args.body_file.read_text(encoding="utf-8"), token, api=args.api)
    except (CIError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"comment {what}")
    return 0


def run_release(args: argparse.Namespace) -> int:
    upload = (lambda dists: twine_upload(dists, args.publish_url)) if args.publish_url else None
    try:
        done = release(args.docs_dir, service=args.service, spec=args.spec, client_dir=args.client_dir,
                       dist_dir=args.dist, report=args.report, docs_commit=args.docs_commit,
                       docs_date=args.docs_date, upload=upload)
    except (InputError, PublishError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if done.version is None:
        print("no changes: nothing released")
        return 0
    print(f"released {done.version}: {', '.join(p.name for p in done.dists)}"
          + ("" if upload else " (built, not uploaded: no --publish-url)"))
    return 0
