"""GitHub Actions workflow commands (`::error file=...,line=...,title=...::message`).

Escaping follows actions/toolkit (`packages/core/src/command.ts`): in the message `%`, CR and LF
become `%25`, `%0D`, `%0A`; property values additionally escape `:` and `,` (`%3A`, `%2C`), which
would otherwise end the value. GitHub shows at most 10 error and 10 warning annotations of a step
on the pull request (50 per job), so callers print errors first.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

LEVELS = ("error", "warning", "notice")


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, *, file: str | None = None, line: int | None = None,
            title: str | None = None) -> str:
    if level not in LEVELS:
        raise ValueError(f"not a workflow annotation level: {level!r}")
    props = []
    if file:
        props.append(f"file={escape_property(file)}")
    if file and line:
        props.append(f"line={int(line)}")
    if title:
        props.append(f"title={escape_property(title)}")
    head = f"::{level} {','.join(props)}" if props else f"::{level}"
    return f"{head}::{escape_data(message)}"


def repo_path(prefix: str, file: str) -> str:
    """A docs-relative file as a repository-relative POSIX path."""
    return str(PurePosixPath(prefix.strip("/")) / file) if prefix.strip("/") else file


def detect_prefix(docs_dir: Path) -> str:
    """Where `docs_dir` sits inside its git checkout (`api-ref/source/`), or "" when not in one.

    Annotations must name files relative to the repository root to land on the PR's lines.
    """
    try:
        proc = subprocess.run(["git", "-C", str(docs_dir), "rev-parse", "--show-prefix"],
                              capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""
