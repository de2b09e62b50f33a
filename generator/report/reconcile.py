"""Counters that must add up. A report whose numbers do not reconcile is a bug in the pipeline or in the
census, never something to print: `verify` raises with every broken identity listed.
"""

from __future__ import annotations

from generator.core.codes import DROPS_EXAMPLE
from generator.report.model import Coverage


class CountersDoNotAddUp(AssertionError):
    """Raised when a coverage report's counters contradict each other."""


def problems(cov: Coverage) -> list[str]:
    out: list[str] = []
    for p in cov.pages:
        r = p.rows
        if not r.adds_up:
            out.append(f"{p.file}: rows {r.total} != {r.resolved} resolved + {r.unknown_type} unknown type"
                       f" + {r.failed} failed")
        if min(r.total, r.resolved, r.unknown_type, r.failed) < 0:
            out.append(f"{p.file}: negative row counter {r}")
        if r.unknown_type + r.failed > p.row_diagnostics:
            out.append(f"{p.file}: {r.unknown_type + r.failed} rows unresolved but only {p.row_diagnostics}"
                       " row diagnostics explain them")
        if p.operations and not p.is_api:
            out.append(f"{p.file}: operations on a page not marked as an API page")
    rows = cov.rows
    if not rows.adds_up:
        out.append(f"rows {rows.total} != {rows.resolved} + {rows.unknown_type} + {rows.failed}")
    # `openapi` merges every page documenting an already-seen METHOD + path into that operation (one
    # `operation.merged` each), so no extracted operation may be missing from the spec
    # ... except an operation the repair loop could not make valid (`operation.dropped_invalid`, build.check.repair)
    dropped_invalid = sum(1 for d in cov.diagnostics if d.code == "operation.dropped_invalid")
    if cov.operations_extracted - cov.operations_merged - dropped_invalid != cov.operations_in_spec:
        out.append(f"operations: {cov.operations_extracted} extracted - {cov.operations_merged} merged into another"
                   f" page's - {dropped_invalid} dropped as invalid != {cov.operations_in_spec} in the spec")
    merged = sum(1 for d in cov.diagnostics if d.code == "operation.merged")
    if merged != cov.operations_merged:
        out.append(f"operations: {cov.operations_merged} merged into another page's operation but {merged}"
                   " operation.merged diagnostics")
    if cov.operations_dropped != dropped_invalid:
        out.append(f"operations: {cov.operations_dropped} extracted but neither in the spec nor merged into a spec"
                   f" operation, {dropped_invalid} operation.dropped_invalid diagnostics")
    ex = cov.examples
    invalid_json = sum(1 for d in cov.diagnostics if d.code in DROPS_EXAMPLE)
    if ex.unparseable != invalid_json:
        out.append(f"examples: {ex.unparseable} unparseable on pages but {invalid_json} example.invalid_json"
                   " diagnostics (some outside any page)")
    defect_blocks = {(d.file, d.line) for d in cov.defects if d.part != "default"}  # defaults are not blocks
    if len(defect_blocks) != ex.invalid:
        out.append(f"examples: {ex.invalid} invalid blocks on pages but defects name {len(defect_blocks)} blocks")
    diags = cov.diagnostics
    if sum(cov.by_severity().values()) != len(diags):
        out.append("diagnostics: by-severity counts do not sum to the total")
    if sum(n for sev in cov.by_code().values() for n in sev.values()) != len(diags):
        out.append("diagnostics: by-code counts do not sum to the total")
    if len(cov.pages) != len(cov.api_pages) + sum(1 for p in cov.pages if not p.is_api):
        out.append("pages: API + non-API != all")
    return out


def verify(cov: Coverage) -> None:
    found = problems(cov)
    if found:
        raise CountersDoNotAddUp(f"{cov.service}: {len(found)} counter identities fail:\n  " + "\n  ".join(found))
