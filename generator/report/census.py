"""Count what a built tree holds: pages, operations, rows, example blocks, diagnostics, documentation defects.

Inputs are what `generator.pipeline.build_spec` and `generator.check.check` produce; nothing is re-derived
from the docs. Example blocks are counted once per (file, line): a page with two URIs (ECS `v2.1`/`v2`)
yields two operations sharing the same blocks, and docs writers fix blocks, not operations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from generator.model import Diagnostic, Page
from generator.report.model import Coverage, Defect, ExampleCounts, OperationRef, PageCoverage, RowCounts

# The message `generator.check._check_examples` writes: "<opId> <part> example <name>: at /<pointer>: <msg>"
_MISMATCH_RE = re.compile(r"^(?P<op>\S+) (?P<part>request|response \S+) example \S+: at (?P<ptr>/.*?): (?P<msg>.*)$",
                          re.S)

Key = tuple[str, int]

# example blocks dropped before they reach the spec: not JSON, or JSON the spec cannot carry (generator.limits)
UNPARSEABLE_EXAMPLE_CODES = frozenset({"example.invalid_json", "example.too_deep", "example.number_too_long",
                                       "example.number_not_finite"})


def parse_defect(d: Diagnostic) -> Defect:
    """An `example.schema_mismatch` diagnostic as a defect; an unexpected message shape is kept whole."""
    m = _MISMATCH_RE.match(d.message)
    if m is None:
        return Defect(d.source.file, d.source.line, "", "", "", d.message)
    pointer = m.group("ptr")
    return Defect(d.source.file, d.source.line, m.group("op"), m.group("part"),
                  "" if pointer == "/" else pointer, m.group("msg"))


def _example_sources(spec: dict[str, Any]) -> tuple[set[Key], set[Key]]:
    """(every example in the spec, those `check` validated against a schema), by x-source."""
    everything: set[Key] = set()
    checked: set[Key] = set()
    for item in spec.get("paths", {}).values():
        for op in item.values():
            contents = [op.get("requestBody", {}).get("content", {})]
            contents += [r.get("content", {}) for r in op.get("responses", {}).values()]
            for content in contents:
                for media, m in content.items():
                    schema = m.get("schema") or {}
                    # the same test as check._check_examples: only JSON bodies with a component schema
                    anyof_refs = any(isinstance(x, dict) and "$ref" in x for x in schema.get("anyOf", []))
                    validated = bool(schema.get("$ref") or anyof_refs) and "json" in media  # as check.py does
                    for ex in (m.get("examples") or {}).values():
                        xs = ex.get("x-source") or {}
                        key = (str(xs.get("file", "")), int(xs.get("line", 0)))
                        everything.add(key)
                        if validated:
                            checked.add(key)
    return everything, checked


def _page_examples(page: Page) -> Iterator[Key]:
    for op in page.operations:
        for ex in op.request_examples:
            yield ex.source.file, ex.source.line
        for r in op.responses:
            for ex in r.examples:
                yield ex.source.file, ex.source.line


def _operations_in_spec(spec: dict[str, Any]) -> dict[tuple[str, str, str], str]:
    """(METHOD, path, page file) -> "" for the page that owns the spec operation, or the operationId it was
    merged into when several pages document one call (`x-otc-variants`, the first variant is the owner)."""
    out: dict[tuple[str, str, str], str] = {}
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            owner = str(op.get("x-source", {}).get("file", ""))
            for v in op.get("x-otc-variants") or []:
                file = str(v.get("x-source", {}).get("file", ""))
                if file != owner:
                    out.setdefault((method.upper(), path, file), str(op.get("operationId", "")))
            out[(method.upper(), path, owner)] = ""
    return out


def census(service: str, pages: list[Page], spec: dict[str, Any], diagnostics: list[Diagnostic],
           spec_valid: bool) -> Coverage:
    """`diagnostics`: every finding of the build and of `check` (what `report(...)` receives)."""
    by_file: dict[str, list[Diagnostic]] = {}
    known = {p.file for p in pages}
    spec_level: list[Diagnostic] = []
    for d in diagnostics:
        if d.source.file in known:
            by_file.setdefault(d.source.file, []).append(d)
        else:
            spec_level.append(d)

    mismatched: set[Key] = {(d.source.file, d.source.line) for d in diagnostics if d.code == "example.schema_mismatch"}
    _, checked = _example_sources(spec)
    in_spec = _operations_in_spec(spec)

    out: list[PageCoverage] = []
    for page in sorted(pages, key=lambda p: p.file):
        blocks = set(_page_examples(page))
        page_diags = sorted(by_file.get(page.file, []))
        examples = ExampleCounts(
            valid=len({k for k in blocks if k in checked and k not in mismatched}),
            invalid=len(blocks & mismatched),
            unchecked=len({k for k in blocks if k not in checked and k not in mismatched}),
            unparseable=sum(1 for d in page_diags if d.code in UNPARSEABLE_EXAMPLE_CODES),
        )
        ops: list[OperationRef] = []
        for op in page.operations:
            key = (op.method.upper(), op.path, page.file)
            ops.append(OperationRef(key[0], op.path, op.operation_id, key in in_spec, in_spec.get(key, "")))
        ops.sort()
        out.append(PageCoverage(
            file=page.file, title=page.title, is_api=page.is_api, operations=ops,
            rows=RowCounts(page.rows_total, page.rows_resolved, page.rows_unknown_type, page.rows_failed),
            examples=examples, diagnostics=page_diags))

    ops_in_spec = sum(len(item) for item in spec.get("paths", {}).values())
    components = len(spec.get("components", {}).get("schemas", {}))
    defects = sorted([parse_defect(d) for d in diagnostics if d.code == "example.schema_mismatch"]
                     + [Defect(d.source.file, d.source.line, "", "default", "", d.message)
                        for d in diagnostics if d.code == "default.out_of_range"])
    return Coverage(service, spec_valid, ops_in_spec, components, out, sorted(spec_level), defects)
