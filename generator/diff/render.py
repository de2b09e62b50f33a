"""Diff reports: Markdown for people, JSON for machines. Both are deterministic (sorted, no clock)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.diff import comment
from generator.diff.model import Change, DiffResult
from generator.diff.rules import Classification

NO_CHANGES = "No changes: the two specs describe the same API."


def public_labels(old: Path, new: Path) -> tuple[str, str]:
    """How a report meant for a pull request names its two inputs: never a local absolute path (a runner's or a
    developer's folders mean nothing to the reader and leak the machine's layout), but as much of each path as
    tells the two apart."""
    return _public(old, new), _public(new, old)


def _public(path: Path, other: Path) -> str:
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.relative_to(Path.cwd()).as_posix() or "."
    except ValueError:
        pass
    parts, others = path.parts[1:], other.parts[1:]
    k = 1
    while k < len(parts) and parts[-k:] == others[-k:]:
        k += 1
    return "/".join(parts[-k:]) if parts else "/"


def markdown(result: DiffResult, old_label: str, new_label: str, version: str | None = None, **options: Any) -> str:
    """The pull-request comment (`generator.diff.comment`); options: current_version, json_report, limit."""
    return comment.render(result, old_label, new_label, version, **options)


def _order(change: Change) -> tuple[int, tuple[Any, ...]]:
    # Breaking first inside an operation: that is what a reviewer has to act on.
    return (-change.classification.rank, change.sort_key())


def as_json(result: DiffResult, old_label: str, new_label: str, version: str | None = None) -> str:
    doc: dict[str, Any] = {
        "old": old_label,
        "new": new_label,
        "levels": result.level_counts(),
        # keyed by the levels the comment counts (errors, warnings, info); the semantic-version classes apart
        "summary": result.level_counts(),
        "classes": result.counts(),
        "rules": result.rule_counts(),
        "highest": str(result.highest()) if result.highest() else None,
        "next_version": version,
        "operations": [
            {
                "method": op.method,
                "path": op.path,
                "operationId": op.operation_id,
                "changes": [c.as_dict() for c in sorted(changes, key=_order)],
            }
            for op, changes in result.by_operation()
        ],
        "migration": [
            {
                "method": op.method,
                "path": op.path,
                "operationId": op.operation_id,
                "changes": [c.as_dict() for c in sorted(changes, key=_order)],
            }
            for op, changes in result.by_operation(migration=True)
        ],
    }
    if result.is_empty:
        doc["message"] = NO_CHANGES
    return json.dumps(doc, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def at_or_above(result: DiffResult, threshold: Classification) -> list[Change]:
    return [c for c in result.changes if c.classification.rank >= threshold.rank]
