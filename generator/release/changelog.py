"""The generated client's CHANGELOG.md (Keep a Changelog), one entry per regenerated version.

Entries are dated with the docs commit date, never the wall clock, and list changes sorted, so
regenerating from the same docs rewrites the same bytes. The top entry's version is the client's
current version (`current_version`), which the client stage stamps into the client's metadata
(`client_release` hands it over, so the client stage needs neither this module nor the diff).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.core.config import Service
from generator.diff.model import Change, DiffResult
from generator.diff.rules import Category, Classification
from generator.release.semver import INITIAL_VERSION

HEADER = """# Changelog

All notable changes to this client are listed here. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/); versions follow semantic versioning
(while at 0.x, a breaking change bumps the minor version). Each entry names the documentation
commit the client was generated from.
"""

_ENTRY = re.compile(r"^## \[(?P<version>[^\]]+)\]", re.MULTILINE)
# Keep a Changelog's section order.
_SECTIONS = (Category.ADDED, Category.CHANGED, Category.DEPRECATED, Category.REMOVED)


def current_version(changelog: Path) -> str | None:
    """The version of the top entry, or None when there is no changelog (yet) or no entry in it."""
    try:
        text = changelog.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    for match in _ENTRY.finditer(text):
        if match["version"].lower() != "unreleased":
            return match["version"]
    return None


def client_release(service: Service, client_dir: Path) -> tuple[str, str]:
    """(version, CHANGELOG.md text) of the client about to be written to `client_dir`.

    The version is the top entry of its changelog; a client without one is a first release, whose
    changelog gets its first entry (in the format `add_entry` writes the later ones in).
    """
    path = client_dir / "CHANGELOG.md"
    version = current_version(path) or INITIAL_VERSION
    if path.exists():
        return version, path.read_bytes().decode("utf-8")
    date = f" - {service.docs_date}" if service.docs_date else ""
    docs = (f"Generated from docs commit `{service.docs_commit}`" + (f" ({service.docs_date})" if service.docs_date
                                                                     else "") + ".\n\n") if service.docs_commit else ""
    return version, f"{HEADER.rstrip()}\n\n## [{version}]{date}\n\n{docs}First generated release.\n"


def add_entry(
    changelog: Path,
    version: str,
    docs_commit: str,
    docs_date: str,
    changes: Iterable[Change] | DiffResult,
    removed_aliases: dict[str, str] | None = None,
) -> None:
    """Put the entry for `version` on top; an existing entry for the same version is replaced."""
    items = list(changes.changes if isinstance(changes, DiffResult) else changes)
    migration = list(changes.migration) if isinstance(changes, DiffResult) else []
    entry = render_entry(version, docs_commit, docs_date, items, migration, removed_aliases)
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else HEADER
    entries = list(_ENTRY.finditer(text))
    same = [m for m in entries if m["version"] == version]
    if same:
        start = same[0].start()
        later = [m.start() for m in entries if m.start() > start]
        text = text[:start] + entry + ("\n" + text[later[0] :] if later else "")
    elif entries:
        start = entries[0].start()
        text = text[:start] + entry + "\n" + text[start:]
    else:
        text = text.rstrip("\n") + "\n\n" + entry
    changelog.parent.mkdir(parents=True, exist_ok=True)
    changelog.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def render_entry(
    version: str,
    docs_commit: str,
    docs_date: str,
    changes: list[Change],
    migration: list[Change] | None = None,
    removed_aliases: dict[str, str] | None = None,
) -> str:
    lines = [
        f"## [{version}] - {docs_date}",
        "",
        f"Generated from docs commit `{docs_commit}` ({docs_date}).",
        "",
    ]
    gone = [f"- **Breaking:** the deprecated alias `{old}` is removed; call `{new}`."
            for old, new in sorted((removed_aliases or {}).items())]
    if not changes:
        lines += ["No API changes.", ""]
        if gone:
            lines += [f"### {Category.REMOVED}", "", *gone, ""]
        return "\n".join(lines)
    docs_only = [c for c in changes if c.classification is Classification.DOCUMENTATION]
    api = [c for c in changes if c.classification is not Classification.DOCUMENTATION]
    for section in _SECTIONS:
        bullets = sorted(_bullets([c for c in api if c.category is section]), key=_breaking_first)
        if section is Category.CHANGED and docs_only:
            ops = {c.operation for c in docs_only}
            bullets.append(
                f"- Documentation: {len(docs_only)} descriptions or summaries reworded in "
                f"{len(ops)} operations (no code change needed)."
            )
        if section is Category.DEPRECATED:
            bullets += _migration_bullets(migration or [])
        if section is Category.REMOVED:
            bullets = gone + bullets
        if bullets:
            lines += [f"### {section}", "", *bullets, ""]
    return "\n".join(lines)


def _bullets(changes: list[Change]) -> list[str]:
    """One bullet per distinct message; a shared schema changed under several operations lists them all."""
    grouped: dict[tuple[bool, str], set[Change]] = {}
    for change in changes:
        breaking = change.classification is Classification.BREAKING
        grouped.setdefault((breaking, change.message), set()).add(change)
    bullets = []
    for (breaking, message), members in grouped.items():
        prefix = "**Breaking:** " if breaking else ""
        if all(c.rule_id in ("operation-added", "operation-removed") for c in members):
            bullets.append(f"- {prefix}{message}")
            continue
        ops = sorted({c.operation for c in members}, key=lambda o: (o.operation_id, o.path, o.method))
        if len(ops) == 1:
            where = f"`{ops[0].operation_id or ops[0]}` (`{ops[0].method} {ops[0].path}`)"
        else:
            where = ", ".join(f"`{o.operation_id or o}`" for o in ops)
        bullets.append(f"- {prefix}{where}: {message}")
    return bullets


def _migration_bullets(migration: list[Change]) -> list[str]:
    bullets = []
    for head in sorted((c for c in migration if c.rule_id == "operation-superseded"), key=Change.sort_key):
        bullets.append(f"- {head.message}")
        notes = sorted(
            {
                c.message
                for c in migration
                if c.operation == head.operation
                and c.rule_id != "operation-superseded"
                and c.classification is not Classification.DOCUMENTATION
            }
        )
        bullets += [f"  - {note}" for note in notes]
    return bullets


def _breaking_first(bullet: str) -> tuple[bool, str]:
    return (not bullet.startswith("- **Breaking:**"), bullet)
