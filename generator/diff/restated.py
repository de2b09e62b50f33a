"""Findings on a body the docs restated to match its example, listed under one warning "docs corrected".

A flat table whose example always wrapped its fields (`{"agency": {...}}`) becomes a table with the wrapper row and
the fields nested under it: read field by field that is a new required field and one removal per former field,
though the JSON on the wire is the example's, before and after. `generator.diff.examples` finds such a body (the
old side reported the contradiction, the new body accepts the old example); here its findings that the example
explains become one `*-body-restated` warning listing them: a field added where the example always had it, one
removed from where the example never had it to where the new body or the example has it, the body now required
where the example always sent one. A finding the example does not explain keeps its own level: a restatement
does not hide a real change made at the same time (a field neither the new body nor the example has any more).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.diff.examples import has_key, present
from generator.diff.findings import Emit, Findings
from generator.diff.model import Change, Location, OperationRef
from generator.diff.nodes import Restated
from generator.diff.rules import Level
from generator.diff.walk import Pair, PropertiesDelta, PropertyPair, SchemaPair

BodyKey = tuple[OperationRef, str]  # (operation, "request body" | "response 200")


@dataclass
class _Body:
    restated: Restated
    direction: str
    old: Location | None = None
    new: Location | None = None
    held: Findings = field(default_factory=Findings)


class Restatements:
    """Routes each judged finding: to `findings`, or, explained by a restated body's old example, under it."""

    def __init__(self, findings: Findings) -> None:
        self.findings = findings
        self.bodies: dict[BodyKey, _Body] = {}

    def emit_for(self, pair: Pair) -> Emit:
        ctx = getattr(pair, "ctx", None)
        restated = getattr(ctx, "restated", None)
        if ctx is None or restated is None:
            return self.findings.emit
        body = self.bodies.setdefault((ctx.op, restated.body), _Body(restated, ctx.direction))
        if isinstance(pair, SchemaPair) and body.old is None:  # the body's own schema comes first
            body.old = Location(pair.o_in.pointer, pair.o_in.source)
            body.new = Location(pair.n_in.pointer, pair.n_in.source)
        explains = _explains(pair, restated)

        def emit(rule_id: str, op: OperationRef, at_old: Any, at_new: Any, /, **params: Any) -> None:
            target = body.held.emit if explains(rule_id, params) else self.findings.emit
            target(rule_id, op, at_old, at_new, **params)

        return emit

    def close(self) -> None:
        """One warning per restated body with findings under it (in `findings`)."""
        for (op, name), body in sorted(self.bodies.items(), key=lambda item: (str(item[0][0]), item[0][1])):
            held = list(body.held.unique())
            if body.direction == "request" and any(c.rule_id == "request-property-added-required" for c in held):
                held += self._became_required(op, body.restated)
            if not any(c.level is not Level.INFO for c in held):
                # additions only: nothing a warning would soften, so they stay what they are
                self.findings.changes.extend(held)
                continue
            held.sort(key=Change.sort_key)
            listed = "; ".join(f"{c.message} [{c.rule_id}]" for c in held)
            # the body, on the docs page of its rows (a merged operation's pages each have their own function)
            old, new = (_on(body.old, held[0].old), _on(body.new, held[0].new))
            self.findings.emit(f"{body.direction}-body-restated", op, old, new, body=name,
                               cited=body.restated.cited, count=len(held), changes=listed)

    def _became_required(self, op: OperationRef, restated: Restated) -> list[Change]:
        """The body became required (its wrapper row is mandatory) where every old example sent one: held too."""
        if "" not in restated.resolved or not all(restated.examples):
            return []
        moved = [c for c in self.findings.changes if c.rule_id == "request-body-became-required" and c.operation == op]
        self.findings.changes[:] = [c for c in self.findings.changes if c not in moved]
        return moved


def _on(body: Location | None, row: Location | None) -> Location | None:
    return Location(body.pointer, row.source or body.source) if body is not None and row is not None else body


def _explains(pair: Pair, restated: Restated) -> Callable[[str, dict[str, Any]], bool]:
    """Whether the old examples explain a finding on this pair: the wire they show is the new table's."""
    examples = restated.examples

    def everywhere(at: str) -> bool:
        return all(present(ex, at) for ex in restated.every or examples)

    def moved(at: str, name: str) -> bool:
        # never where the old table had it, and elsewhere in the new body or the example (under the wrapper): a
        # field neither has any more stays a removal
        return not any(present(ex, at) for ex in examples) and (
            name in restated.declared or any(has_key(ex, name) for ex in examples))

    def related(at: str) -> bool:
        return any(not r or at == r or at.startswith(r + "/") for r in restated.resolved)

    def explains(rule_id: str, params: dict[str, Any]) -> bool:
        if isinstance(pair, PropertiesDelta):
            prefix = f"{pair.ctx.field}."
            name = str(params.get("field", ""))[len(prefix):]
            at = f"{pair.ctx.at}/{name}"
            if not related(at):
                return False
            if rule_id.endswith("-property-removed"):
                return moved(at, name)
            if "-property-added" in rule_id:
                return everywhere(at)
            if rule_id.endswith("-property-renamed"):
                return moved(at, name) and everywhere(f"{pair.ctx.at}/{params.get('new', '')}")
        if isinstance(pair, PropertyPair) and rule_id.endswith("-property-became-required"):
            return related(pair.ctx.at) and everywhere(pair.ctx.at)
        return False

    return explains
