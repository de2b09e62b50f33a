"""Structural comparison of two OpenAPI specs: `walk` pairs what is the same in both, `checks` judge each pair."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from generator.diff.checks import judge
from generator.diff.findings import Findings
from generator.diff.model import Change, DiffResult
from generator.diff.walk import Pair, Walker


def diff_specs(old: Mapping[str, Any], new: Mapping[str, Any]) -> DiffResult:
    walker = Walker(old, new)
    return DiffResult(_judged(walker.api()), _judged(walker.migration()))


def _judged(pairs: Iterable[Pair]) -> tuple[Change, ...]:
    findings = Findings()
    for pair in pairs:
        judge(pair, findings.emit)
    return findings.unique()
