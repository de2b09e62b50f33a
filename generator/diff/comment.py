"""The diff as a pull-request comment: summary first, then errors, warnings and (collapsed) info.

What a reviewer reads decides whether the tool is used, so the comment
- leads with one summary: changes per level, the semantic-version bump and the client version it implies;
- groups repeated changes: one row for "description of `project_id` changed in 45 operations";
- shows description changes as old -> new text (a word diff when both are short);
- names operations, fields and docs lines, never JSON pointers (those are in the JSON report);
- never exceeds `limit` characters (GitHub refuses comments over 65,536): what does not fit is
  counted and the reader is sent to the full JSON report.
Deterministic: the same diff gives the same bytes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.core.gha import repo_path
from generator.diff.model import Change, DiffResult, OperationRef
from generator.diff.rules import TEXT_RULES, Level

LIMIT = 60_000
NO_CHANGES = "No changes: the two specs describe the same API."
_TITLES = {Level.ERROR: "Errors", Level.WARNING: "Warnings", Level.INFO: "Info"}
_MARKS = {Level.ERROR: "🔴", Level.WARNING: "🟡", Level.INFO: "⚪"}
_SHORT = 160  # texts up to this long get a word diff; longer ones are shortened around the change
_EXCERPT = 90


@dataclass(frozen=True)
class Group:
    """Changes of one rule with one message: the same change repeated across operations."""

    level: Level
    rule_id: str
    message: str
    changes: tuple[Change, ...]

    @property
    def operations(self) -> list[OperationRef]:
        return sorted({c.operation for c in self.changes}, key=lambda o: (o.operation_id, o.path, o.method))

    @property
    def functions(self) -> list[str]:
        """Each change under the function of its own docs page (a merged operation has one per page)."""
        return sorted({c.where or f"{c.operation.method} {c.operation.path}" for c in self.changes})


def groups(changes: Iterable[Change]) -> list[Group]:
    """Same change across operations, then same change to several fields of one object, merged.

    Most severe first, then the largest groups, then by rule and message.
    """
    found: dict[tuple[str, str], list[Change]] = {}
    for change in changes:
        found.setdefault((change.rule_id, change.message), []).append(change)
    merged: dict[tuple[str, tuple[OperationRef, ...], str], list[tuple[str, list[Change]]]] = {}
    for (rule_id, message), members in found.items():
        ops = tuple(sorted({c.operation for c in members}, key=lambda o: (o.operation_id, o.path, o.method)))
        merged.setdefault((rule_id, ops, _sibling_key(members[0])), []).append((message, members))
    result = []
    for (rule_id, _ops, _key), parts in merged.items():
        parts.sort()
        message = parts[0][0]
        if len(parts) > 1:
            others = ", ".join(f"`{_leaf(p[1][0])}`" for p in parts[1:])
            message += f" Also {others} ({len(parts)} fields in all)."
        members = [c for _, part in parts for c in part]
        result.append(Group(members[0].level, rule_id, message, tuple(sorted(members, key=Change.sort_key))))
    return sorted(result, key=lambda g: (-g.level.rank, _kind(g.rule_id), -len(g.operations), g.rule_id, g.message))


# What breaks a call's signature comes first: a reviewer acts on these; naming changes (deliberate renames) last.
_SIGNATURE = (
    "operation-removed", "operation-page-removed", "operation-path-changed",
    "request-parameter-added-required", "request-body-added-required", "request-property-added-required",
    "request-parameter-became-required", "request-body-became-required", "request-property-became-required",
    "request-parameter-removed", "request-body-removed", "request-property-removed", "response-property-removed",
    "request-query-parameter-renamed", "request-path-parameter-renamed", "request-parameter-location-changed",
    "request-property-renamed", "response-property-renamed", "request-type-changed", "response-type-changed",
)
_NAMING = frozenset({"operation-id-changed", "operation-tags-changed", "request-model-renamed", "request-model-split",
                     "response-model-renamed", "response-model-split"})


def _kind(rule_id: str) -> tuple[int, int]:
    if rule_id in _SIGNATURE:
        return (0, _SIGNATURE.index(rule_id))
    return (2, 0) if rule_id in _NAMING else (1, 0)


def _sibling_key(change: Change) -> str:
    """Changes that differ only in which field of one object they hit share this key."""
    field = change.param("field")
    if field is None or change.rule_id in TEXT_RULES or "." not in field:
        return change.message  # unique: never merged
    rest = tuple((k, v) for k, v in change.params if k != "field")
    return f"{field.rsplit('.', 1)[0]}|{rest}"


def _leaf(change: Change) -> str:
    return (change.param("field") or "").rsplit(".", 1)[-1]


def render(
    result: DiffResult,
    old_label: str,
    new_label: str,
    version: str | None = None,
    *,
    current_version: str | None = None,
    json_report: str | None = None,
    limit: int = LIMIT,
    marker: str | None = None,
    path_prefix: str = "",
) -> str:
    """`path_prefix`: the docs tree's folder in its repository (`api-ref/source/`): docs files are named from the
    repository's root, as a reviewer finds them in the pull request."""
    head = [marker, ""] if marker else []
    head += [f"### API changes: `{old_label}` → `{new_label}`", ""]
    if result.is_empty:
        return "\n".join([*head, NO_CHANGES, ""])
    head += _summary(result, version, current_version)
    where_full = (
        f"The full report (every change, with JSON pointers) is `{json_report}`."
        if json_report
        else "Run `python -m generator diff ... --format json` for the full report (every change, with JSON pointers)."
    )
    budget = _Budget(limit, "\n".join(head), reserve=len(where_full) + 400)
    body: list[str] = []
    shown = 0
    all_groups = groups(result.changes)
    for level in (Level.ERROR, Level.WARNING, Level.INFO):
        level_groups = [g for g in all_groups if g.level is level]
        if not level_groups:
            continue
        n = sum(len(g.changes) for g in level_groups)
        rows_note = f" in {len(level_groups)} rows" if len(level_groups) != n else ""
        title = f"{_MARKS[level]} {_TITLES[level]} ({n}{rows_note})"
        opening = (
            [f"<details><summary><b>{title}</b></summary>", ""] if level is Level.INFO else [f"#### {title}", ""]
        )
        closing = ["", "</details>", ""] if level is Level.INFO else [""]
        table = ["| # | change | where | docs (old → new) |", "|---|---|---|---|"]
        if not budget.take(opening + table + closing):
            break
        rows = []
        for group in level_groups:
            row = _row(group, path_prefix)
            if not budget.take([row]):
                break
            rows.append(row)
            shown += len(group.changes)
        body += opening + table + rows + closing
        if len(rows) < len(level_groups):
            break
    migration = result.by_operation(migration=True)
    if migration and shown == len(result.changes):
        notes = _migration(migration)
        if budget.take(notes):
            body += notes
    left_out = len(result.changes) - shown
    tail = []
    if left_out:
        tail = [f"**{left_out} of {len(result.changes)} changes are not shown** (comment size limit). {where_full}", ""]
    elif json_report:
        tail = [where_full, ""]
    return "\n".join(head + body + tail)


class _Budget:
    def __init__(self, limit: int, used: str, reserve: int) -> None:
        self.left = limit - len(used) - reserve

    def take(self, lines: list[str]) -> bool:
        size = sum(len(line) + 1 for line in lines)
        if size > self.left:
            return False
        self.left -= size
        return True


def _summary(result: DiffResult, version: str | None, current: str | None) -> list[str]:
    counts = result.level_counts()
    ops = len({c.where or str(c.operation) for c in result.changes})
    cells = " · ".join(
        f"{_MARKS[Level(k)]} **{n}** {k}{'s' if n != 1 and k != 'info' else ''}" for k, n in counts.items()
    )
    lines = [f"{cells} in {ops} function{'s' if ops != 1 else ''}.", ""]
    bump = _bump(result)
    if version and current:
        lines.append(f"**Version:** {bump} → client `{current}` becomes **`{version}`**.")
    elif version:
        lines.append(f"**Version:** {bump} → next client version **`{version}`**.")
    else:
        lines.append(f"**Version:** {bump} (pass `--current-version` to see the next client version).")
    lines.append("")
    return lines


def _bump(result: DiffResult) -> str:
    highest = max((c.level for c in result.changes), key=lambda level: level.rank)
    if highest is not Level.INFO:
        return "breaking change — major bump (minor while at 0.x)"
    if any(c.classification.value == "non-breaking" for c in result.changes):
        return "additions only — minor bump (patch while at 0.x)"
    return "documentation only — patch bump"


def _row(group: Group, prefix: str = "") -> str:
    first = group.changes[0]
    functions = group.functions
    if len(functions) == 1:
        where = f"`{functions[0]}`"
    else:
        shown = ", ".join(f"`{f}`" for f in functions[:3])
        where = f"**{len(functions)} functions**: {shown}{', …' if len(functions) > 3 else ''}"
    change = _cell(group.message)
    if first.rule_id in TEXT_RULES:
        text = _text_change(first.param("old") or "", first.param("new") or "")
        if text:
            change += f"<br>{text}" + ("<br>(example from the first operation)" if len(functions) > 1 else "")
    return f"| {len(group.changes)} | {change} | {where} | {_docs(first, prefix)} |"


def _docs(change: Change, prefix: str = "") -> str:
    """Docs lines by their path in the repository (`api-ref/source/volumes/page.rst:35`): one file name is often
    on several pages (four `creating_evs_disks.rst`), so the folder is always there."""
    old = change.old.source if change.old and change.old.source else None
    new = change.new.source if change.new and change.new.source else None
    if old and new:
        (o_file, o_line), (n_file, n_line) = old.rsplit(":", 1), new.rsplit(":", 1)
        if old == new:
            return f"`{repo_path(prefix, o_file)}:{o_line}`"
        if o_file == n_file:
            return f"`{repo_path(prefix, o_file)}` line {o_line} → {n_line}"
        return f"`{repo_path(prefix, o_file)}:{o_line}` → `{repo_path(prefix, n_file)}:{n_line}`"
    if old or new:
        file, line = str(old or new).rsplit(":", 1)
        return ("new " if new else "old ") + f"`{repo_path(prefix, file)}:{line}`"
    return "—"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _text_change(old: str, new: str) -> str:
    """Old -> new wording: a word diff when short, else both sides shortened around the first change."""
    old_words, new_words = old.split(), new.split()
    if not old_words and not new_words:
        return ""
    if len(old) <= _SHORT and len(new) <= _SHORT:
        out = []
        matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            # HTML tags, not ~~/**: descriptions carry their own Markdown emphasis.
            if op in ("replace", "delete"):
                out.append("<del>" + _cell(" ".join(old_words[i1:i2])) + "</del>")
            if op in ("replace", "insert"):
                out.append("<ins>" + _cell(" ".join(new_words[j1:j2])) + "</ins>")
            if op == "equal":
                out.append(_cell(" ".join(old_words[i1:i2])))
        return " ".join(out)
    start = next(
        (i for i, (a, b) in enumerate(zip(old_words, new_words, strict=False)) if a != b),
        min(len(old_words), len(new_words)),
    )
    return f"old: “{_excerpt(old_words, start)}”<br>new: “{_excerpt(new_words, start)}”"


def _excerpt(words: list[str], start: int) -> str:
    if not words:
        return "(none)"
    begin = max(0, start - 4)
    text = " ".join(words[begin:])
    if len(text) > _EXCERPT:
        text = text[:_EXCERPT].rsplit(" ", 1)[0] + " …"
    return _cell(("… " if begin else "") + text)


def _migration(migration: list[tuple[OperationRef, list[Change]]]) -> list[str]:
    lines = [
        "<details><summary><b>Migration notes</b> (old operations kept; not counted above)</summary>",
        "",
    ]
    for _op_ref, changes in migration:
        head = [c for c in changes if c.rule_id == "operation-superseded"]
        lines += [f"- {_cell(c.message)}" for c in head]
        for change in sorted(changes, key=lambda c: (-c.level.rank, c.sort_key())):
            if change.rule_id != "operation-superseded" and change.level is not Level.INFO:
                lines.append(f"  - {change.level}: {_cell(change.message)}")
    return [*lines, "", "</details>", ""]

