"""The diff as GitHub Actions annotations: workflow commands for the errors and warnings, on docs lines.

The line is the new side's (the pull request's head) when the change has one, else the old side's:
a removed field is annotated on the table it was removed from, a removed page on its old file.
Changes that land on the same line at the same level share one annotation (one message per line),
because GitHub shows only 10 error and 10 warning annotations of a step on the pull request.
"""

from __future__ import annotations

from generator.core.gha import command, repo_path
from generator.diff.model import Change, DiffResult
from generator.diff.rules import Level, rule


def workflow_commands(result: DiffResult, path_prefix: str = "", *, min_level: Level = Level.WARNING) -> list[str]:
    grouped: dict[tuple[int, str, int, str], list[Change]] = {}
    for change in sorted(result.changes, key=lambda c: (-c.level.rank, c.sort_key())):
        if change.level.rank < min_level.rank:
            continue
        file, line = _where(change, path_prefix)
        grouped.setdefault((-change.level.rank, file or "", line or 0, str(change.level)), []).append(change)
    lines = []
    for (_rank, file, line, _level), changes in sorted(grouped.items()):
        first = changes[0]
        op = first.where or str(first.operation)
        more = f" and {len(changes) - 1} more" if len(changes) > 1 else ""
        title = f"API {first.level}: {first.rule_id} ({op}){more}"
        message = "\n".join(f"{c.message} [{rule(c.rule_id).reason}]" for c in changes)
        level = "notice" if first.level is Level.INFO else str(first.level)
        lines.append(command(level, message, file=file or None, line=line or None, title=title))
    return lines


def _where(change: Change, prefix: str) -> tuple[str | None, int | None]:
    loc = change.new if change.new and change.new.source else change.old
    if not loc or not loc.source:
        return None, None
    name, _, number = loc.source.rpartition(":")
    return repo_path(prefix, name), int(number) if number.isdigit() else None


def render(result: DiffResult, path_prefix: str = "") -> str:
    lines = workflow_commands(result, path_prefix)
    return "\n".join(lines) + ("\n" if lines else "")
