"""Where the checks put what they judge: each finding a `Change` of a rule of `generator.diff.rules`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from generator.diff.model import Change, Location, OperationRef
from generator.diff.nodes import Node
from generator.diff.rules import RULES


class Emit(Protocol):
    def __call__(
        self, rule_id: str, op: OperationRef, at_old: Node | Location | None, at_new: Node | Location | None, /,
        **params: Any,
    ) -> None: ...


def _location(at: Node | Location | None) -> Location | None:
    return Location(at.pointer, at.source) if isinstance(at, Node) else at


class Findings:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def emit(
        self, rule_id: str, op: OperationRef, at_old: Node | Location | None, at_new: Node | Location | None, /,
        **params: Any,
    ) -> None:
        """Record one change; the rule must be in the table (its level and wording live there)."""
        if rule_id not in RULES:
            raise KeyError(f"no rule {rule_id!r} in generator.diff.rules")
        recorded = tuple(sorted((k, str(v)) for k, v in params.items()))
        self.changes.append(Change(rule_id, op, _location(at_old), _location(at_new), recorded))

    def unique(self) -> tuple[Change, ...]:
        # One component reached along several routes of an operation yields the same change twice.
        unique = {(c.rule_id, c.operation, c.old, c.new, c.params): c for c in self.changes}
        return tuple(sorted(unique.values(), key=Change.sort_key))


def show(value: Any) -> str:
    """A value as a message quotes it: JSON spelling for booleans and null."""
    if isinstance(value, bool) or value is None:
        return f"`{str(value).lower() if value is not None else 'null'}`"
    return f"`{value}`"


def show_set(values: Iterable[Any]) -> str:
    return ", ".join(show(v) for v in sorted(values, key=repr))
