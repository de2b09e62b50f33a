"""What a diff produces: changes located in both specs, grouped by operation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.diff.rules import Category, Classification, Level, rule


@dataclass(frozen=True, order=True)
class Location:
    """Where one side of a change lives: a JSON pointer into the spec and the docs line it came from."""

    pointer: str
    source: str | None = None  # "file:line" from x-source

    def as_dict(self) -> dict[str, Any]:
        return {"pointer": self.pointer, "source": self.source}


@dataclass(frozen=True, order=True)
class OperationRef:
    """An operation as a client user names it. For a moved operation, `path` is the new path."""

    path: str
    method: str  # upper case
    operation_id: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class Change:
    rule_id: str
    operation: OperationRef
    old: Location | None
    new: Location | None
    params: tuple[tuple[str, str], ...] = field(default=())
    # the generated function of the docs page the change is on (a page of a merged operation has its own)
    function: str = ""

    @property
    def where(self) -> str:
        """The function a reader of the client knows this change by."""
        return self.function or self.operation.operation_id

    @property
    def classification(self) -> Classification:
        return rule(self.rule_id).classification

    @property
    def level(self) -> Level:
        return rule(self.rule_id).level

    @property
    def category(self) -> Category:
        return rule(self.rule_id).category

    @property
    def message(self) -> str:
        values = {
            "method": self.operation.method,
            "path": self.operation.path,
            "operation_id": self.operation.operation_id,
        }
        values.update(self.params)
        return rule(self.rule_id).template.format_map(_Missing(values))

    def param(self, name: str) -> str | None:
        return dict(self.params).get(name)

    def sort_key(self) -> tuple[str, str, str, str, str, tuple[tuple[str, str], ...]]:
        old = self.old.pointer if self.old else ""
        new = self.new.pointer if self.new else ""
        return (self.operation.path, self.operation.method, old or new, new, self.rule_id, self.params)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule_id,
            "level": str(self.level),
            "classification": str(self.classification),
            "message": self.message,
            "params": dict(self.params),
            "function": self.where,
            "old": self.old.as_dict() if self.old else None,
            "new": self.new.as_dict() if self.new else None,
        }


class _Missing(dict[str, str]):
    # A template naming a parameter the comparison did not record shows it rather than crashing.
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class DiffResult:
    """`changes` are the API changes; they alone decide severity, --fail-on and the version bump.

    `migration` lists, per superseded operation, what differs between a kept old operation and
    the new one that replaced it on its docs page: advice for users, not a change to their calls.
    """

    changes: tuple[Change, ...]
    migration: tuple[Change, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def by_operation(self, migration: bool = False) -> list[tuple[OperationRef, list[Change]]]:
        groups: dict[OperationRef, list[Change]] = {}
        for change in self.migration if migration else self.changes:
            groups.setdefault(change.operation, []).append(change)
        return sorted(groups.items(), key=lambda item: (item[0].path, item[0].method, item[0].operation_id))

    def counts(self) -> dict[str, int]:
        counter = Counter(str(c.classification) for c in self.changes)
        return {str(c): counter.get(str(c), 0) for c in reversed(Classification)}

    def level_counts(self) -> dict[str, int]:
        counter = Counter(str(c.level) for c in self.changes)
        return {str(level): counter.get(str(level), 0) for level in reversed(Level)}

    def rule_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(c.rule_id for c in self.changes).items()))

    def highest(self) -> Classification | None:
        if not self.changes:
            return None
        return max((c.classification for c in self.changes), key=lambda c: c.rank)

    def find(self, rule_id: str, migration: bool = False, **params: str) -> list[Change]:
        """Changes of one rule whose recorded parameters include `params` (for tests and tooling)."""
        return [
            c
            for c in (self.migration if migration else self.changes)
            if c.rule_id == rule_id and all(c.param(k) == v for k, v in params.items())
        ]
