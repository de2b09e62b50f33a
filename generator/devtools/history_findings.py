"""Each update's diff findings, as files a judged sample can be checked against (`generator.devtools.precision`).

`python -m generator.devtools.history --findings DIR` writes, per update of each replayed history,
`DIR/<service>/<old>..<new>.json`: the diff's JSON report (`generator.diff.render.as_json`, every error,
warning and info), labelled `<service>@<commit>`, with each docs source made relative to the docs
repository (`api-ref/source/...:line`), so `git show COMMIT:PATH` opens it and no local path leaks in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.diff.model import Change, DiffResult, Location
from generator.diff.render import as_json

DOCS_SUBDIR = "api-ref/source"


def _located(loc: Location | None) -> Location | None:
    if loc is None or not loc.source:
        return loc
    return replace(loc, source=f"{DOCS_SUBDIR}/{loc.source}")


def _repo_relative(change: Change) -> Change:
    return replace(change, old=_located(change.old), new=_located(change.new))


def update_name(old: str, new: str) -> str:
    return f"{old}..{new}"


def write_findings(root: Path, service: str, old: str, new: str, result: DiffResult) -> Path:
    """`root/<service>/<old>..<new>.json`; the same update gives the same bytes."""
    relative = DiffResult(tuple(_repo_relative(c) for c in result.changes),
                          tuple(_repo_relative(c) for c in result.migration))
    out = root / service / f"{update_name(old, new)}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(as_json(relative, f"{service}@{old}", f"{service}@{new}"), encoding="utf-8")
    return out


@dataclass(frozen=True)
class Finding:
    """One change of a findings file, as a judged sample keys it."""

    service: str
    update: str  # "<old>..<new>"
    rule: str
    level: str
    function: str
    old_pointer: str
    new_pointer: str
    old_source: str
    new_source: str
    message: str

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        """What identifies a finding across runs: the update, the rule, the function and both JSON pointers."""
        return (self.service, self.update, self.rule, self.function, self.old_pointer, self.new_pointer)


def _side(change: dict[str, Any], side: str, what: str) -> str:
    loc = change.get(side)
    return str(loc.get(what) or "") if isinstance(loc, dict) else ""


def read_findings(root: Path) -> Iterator[Finding]:
    """Every API change (not the migration advice) of every findings file under `root`, in file order."""
    for path in sorted(root.glob("*/*..*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for op in doc.get("operations") or []:
            for change in op.get("changes") or []:
                yield Finding(path.parent.name, path.name.removesuffix(".json"), str(change["rule"]),
                              str(change["level"]), str(change["function"]),
                              _side(change, "old", "pointer"), _side(change, "new", "pointer"),
                              _side(change, "old", "source"), _side(change, "new", "source"),
                              str(change["message"]))


def updates_of(root: Path) -> set[tuple[str, str]]:
    """(service, update) of every findings file under `root`: an update with no finding left still counts."""
    return {(p.parent.name, p.name.removesuffix(".json")) for p in root.glob("*/*..*.json")}
