"""The diff as GitHub Actions annotations: one workflow command per error and warning, on its docs line.

The line is the new side's (the pull request's head) when the change has one, else the old side's:
a removed field is annotated on the table it was removed from, a removed page on its old file.
"""

from __future__ import annotations

from generator.diff.model import Change, DiffResult
from generator.diff.rules import Level, rule
from generator.gha import command, repo_path


def workflow_commands(result: DiffResult, path_prefix: str = "", *, min_level: Level = Level.WARNING) -> list[str]:
    chosen = [c for c in result.changes if c.level.rank >= min_level.rank]
    chosen.sort(key=lambda c: (-c.level.rank, c.sort_key()))
    return [_line(c, path_prefix) for c in chosen]


def _line(change: Change, prefix: str) -> str:
    loc = change.new if change.new and change.new.source else change.old
    file, line = None, None
    if loc and loc.source:
        name, _, number = loc.source.rpartition(":")
        file, line = repo_path(prefix, name), int(number) if number.isdigit() else None
    op = change.operation.operation_id or str(change.operation)
    title = f"API {change.level}: {change.rule_id} ({op})"
    message = f"{change.message} [{rule(change.rule_id).reason}]"
    level = "notice" if change.level is Level.INFO else str(change.level)
    return command(level, message, file=file, line=line, title=title)


def render(result: DiffResult, path_prefix: str = "") -> str:
    lines = workflow_commands(result, path_prefix)
    return "\n".join(lines) + ("\n" if lines else "")
