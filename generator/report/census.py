"""Count what a built tree holds: pages, operations, rows, example blocks, diagnostics, documentation defects.

Inputs are what `build.pipeline.build_spec` and `build.check.document.check` produce; nothing is re-derived
from the docs. Example blocks are counted once per (file, line): a page with two URIs (ECS `v2.1`/`v2`)
yields two operations sharing the same blocks, and docs writers fix blocks, not operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.build.check.blame import GENERATOR
from generator.build.check.document import ExampleMismatch, Findings
from generator.build.pipeline import CheckedBuild
from generator.core.codes import DROPS_EXAMPLE, REPORTED
from generator.core.model import Diagnostic, Page
from generator.core.spec import iter_operations, x_source
from generator.report.model import Coverage, Defect, ExampleCounts, PageCoverage, ReportedOperation, RowCounts

Key = tuple[str, int]


# The report's documentation defects counted by their diagnostic: the example mismatches come from `check`'s
# findings instead, with their operation and pointer.
DEFECTS_BY_CODE = REPORTED - {"example.schema_mismatch"}


def defect(m: ExampleMismatch) -> Defect:
    return Defect(m.source.file, m.source.line, m.operation_id, m.part, m.pointer, m.message)


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
    for spec_path, method, op in iter_operations(spec):
        path = str(op.get("x-otc-docs-path", spec_path))  # a repeated placeholder is numbered in the spec
        owner = _file(op)
        for v in op.get("x-otc-variants") or []:
            file = _file(v)
            if file != owner:
                out.setdefault((method.upper(), path, file), str(op.get("operationId", "")))
        out[(method.upper(), path, owner)] = ""
    return out


def _file(node: Any) -> str:
    src = x_source(node)
    return src.file if src is not None else ""


def census(service: str, pages: list[Page], spec: dict[str, Any], diagnostics: list[Diagnostic],
           spec_valid: bool, findings: Findings) -> Coverage:
    """`diagnostics`: every diagnostic of the build and of `check` (what the reports receive); `findings`:
    `check`'s result, whose example checks say which blocks were held against a schema and which failed."""
    by_file: dict[str, list[Diagnostic]] = {}
    known = {p.file for p in pages}
    spec_level: list[Diagnostic] = []
    for d in diagnostics:
        if d.source.file in known:
            by_file.setdefault(d.source.file, []).append(d)
        else:
            spec_level.append(d)

    mismatched: set[Key] = {(m.source.file, m.source.line) for m in findings.mismatches}
    blamed_on_docs: set[Key] = {(m.source.file, m.source.line) for m in findings.mismatches if m.blame != GENERATOR}
    checked = findings.checked_examples
    in_spec = _operations_in_spec(spec)

    out: list[PageCoverage] = []
    for page in sorted(pages, key=lambda p: p.file):
        blocks = set(_page_examples(page))
        page_diags = sorted(by_file.get(page.file, []))
        examples = ExampleCounts(
            valid=len({k for k in blocks if k in checked and k not in mismatched}),
            invalid=len(blocks & blamed_on_docs),
            unchecked=len({k for k in blocks if k not in checked and k not in mismatched}),
            unparseable=sum(1 for d in page_diags if d.code in DROPS_EXAMPLE),
            misread=len((blocks & mismatched) - blamed_on_docs),
        )
        ops: list[ReportedOperation] = []
        for op in page.operations:
            key = (op.method.upper(), op.path, page.file)
            ops.append(ReportedOperation(key[0], op.path, op.operation_id, key in in_spec, in_spec.get(key, "")))
        ops.sort()
        out.append(PageCoverage(
            file=page.file, title=page.title, is_api=page.is_api, operations=ops,
            rows=RowCounts(page.rows_total, page.rows_resolved, page.rows_unknown_type, page.rows_failed),
            examples=examples, diagnostics=page_diags))

    ops_in_spec = sum(1 for _ in iter_operations(spec))
    components = len(spec.get("components", {}).get("schemas", {}))
    # a failure the build blames on its own reading of the page is not the docs' defect (issue 23)
    defects = sorted([defect(m) for m in findings.mismatches if m.blame != GENERATOR]
                     + [Defect(d.source.file, d.source.line, "", "default", "", d.message)
                        for d in diagnostics if d.code in DEFECTS_BY_CODE])
    return Coverage(service, spec_valid, ops_in_spec, components, out, sorted(spec_level), defects)


def census_of(built: CheckedBuild, extra: list[Diagnostic] | None = None) -> Coverage:
    """The counts of a checked build; `extra`: diagnostics of later steps (client generation)."""
    r = built.result
    return census(r.service.name, r.pages, r.spec, sorted(built.diagnostics + (extra or [])), built.valid,
                  built.findings)
