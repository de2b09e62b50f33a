"""Structural comparison of two OpenAPI specs: `walk` pairs what is the same in both, `checks` judge each pair."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from generator.core.spec import VARIANTS, iter_operations
from generator.diff.checks import judge
from generator.diff.findings import Findings
from generator.diff.model import Change, DiffResult
from generator.diff.restated import Restatements
from generator.diff.walk import Pair, Walker

# (METHOD, path) -> {docs file: the function of the page in that file}
PageFunctions = dict[tuple[str, str], dict[str, str]]


def diff_specs(old: Mapping[str, Any], new: Mapping[str, Any]) -> DiffResult:
    walker = Walker(old, new)
    pages = _page_functions(old), _page_functions(new)
    return DiffResult(_judged(walker.api(), pages), _judged(walker.migration(), pages))


def _judged(pairs: Iterable[Pair], pages: tuple[PageFunctions, PageFunctions]) -> tuple[Change, ...]:
    findings = Findings()
    restatements = Restatements(findings)  # a body the docs restated to match its example: one warning
    for pair in pairs:
        judge(pair, restatements.emit_for(pair))
    restatements.close()
    return tuple(_on_its_page(c, pages) for c in findings.unique())


def _page_functions(spec: Mapping[str, Any]) -> PageFunctions:
    found: PageFunctions = {}
    for path, method, op in iter_operations(spec):
        files: dict[str, str] = {}
        for variant in op.get(VARIANTS) or []:
            src = variant.get("x-source") if isinstance(variant, Mapping) else None
            if isinstance(src, Mapping) and variant.get("operationId"):
                files.setdefault(str(src.get("file")), str(variant["operationId"]))
        if files:
            found[(method.upper(), path)] = files
    return found


def _on_its_page(change: Change, pages: tuple[PageFunctions, PageFunctions]) -> Change:
    """A change on one page of a merged operation is listed under that page's own function."""
    key = (change.operation.method, change.operation.path)
    for loc, side in ((change.new, pages[1]), (change.old, pages[0])):
        if loc is None or not loc.source:
            continue
        function = side.get(key, {}).get(loc.source.rsplit(":", 1)[0])
        if function:
            return replace(change, function=function)
    return change
