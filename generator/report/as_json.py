"""The coverage report as a JSON-ready dict (key order fixed, lists sorted, no timestamps)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from generator.report.model import Coverage, ExampleCounts, RowCounts


def rows_dict(r: RowCounts) -> dict[str, int]:
    return {"total": r.total, "resolved": r.resolved, "unknown_type": r.unknown_type, "failed": r.failed}


def examples_dict(e: ExampleCounts) -> dict[str, int]:
    return {"total": e.total, "valid": e.valid, "invalid": e.invalid, "unchecked": e.unchecked,
            "unparseable": e.unparseable, "misread": e.misread}


def totals(cov: Coverage) -> dict[str, Any]:
    """The headline figures (also what the corpus tests pin)."""
    api = cov.api_pages
    return {
        "pages": len(cov.pages),
        "api_pages": len(api),
        "non_api_pages": len(cov.pages) - len(api),
        "api_pages_with_operations": cov.api_pages_with_operations,
        "operations_extracted": cov.operations_extracted,
        "operations_merged": cov.operations_merged,
        "operations_dropped_as_duplicates": cov.operations_dropped,
        "operations_in_spec": cov.operations_in_spec,
        "components": cov.components,
        "rows": rows_dict(cov.rows),
        "examples": examples_dict(cov.examples),
        "documentation_defects": len(cov.defects),
        "diagnostics": {"total": len(cov.diagnostics), "by_severity": cov.by_severity()},
    }


def to_dict(cov: Coverage) -> dict[str, Any]:
    return {
        "service": cov.service,
        "spec_valid": cov.spec_valid,
        "totals": totals(cov),
        "diagnostics_by_code": cov.by_code(),
        "documentation_defects": [asdict(d) for d in cov.defects],
        "pages": [
            {
                "file": p.file,
                "title": p.title,
                "is_api": p.is_api,
                "operations": [asdict(o) for o in p.operations],
                "rows": rows_dict(p.rows),
                "examples": examples_dict(p.examples),
                "diagnostics": [{"line": d.source.line, "severity": d.severity.value, "code": d.code,
                                 "message": d.message} for d in p.diagnostics],
            }
            for p in cov.pages
        ],
        "spec_diagnostics": [d.as_dict() for d in cov.spec_diagnostics],
    }
