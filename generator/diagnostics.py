"""The diagnostics report written next to every built spec: counters that add up, then every finding."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Any

from generator.model import Diagnostic, Page, Severity
from generator.report.as_json import examples_dict
from generator.report.census import census
from generator.report.model import Coverage
from generator.report.reconcile import problems


def summary(pages: list[Page], spec: dict[str, Any], diagnostics: list[Diagnostic],
            cov: Coverage | None = None) -> dict[str, Any]:
    api_pages = [p for p in pages if p.is_api]
    ops_in_spec = sum(len(item) for item in spec.get("paths", {}).values())
    rows_total = sum(p.rows_total for p in pages)
    rows = {
        "total": rows_total,
        "resolved": sum(p.rows_resolved for p in pages),
        "unknown_type": sum(p.rows_unknown_type for p in pages),
        "failed": sum(p.rows_failed for p in pages),
    }
    by_code = Counter(d.code for d in diagnostics)
    if cov is None:
        cov = census(str(spec.get("info", {}).get("x-service", "")), pages, spec, diagnostics, True)
    broken = problems(cov)
    return {
        "pages": len(pages),
        "api_pages": len(api_pages),
        "non_api_pages": len(pages) - len(api_pages),
        "operations_extracted": sum(len(p.operations) for p in pages),
        "operations_in_spec": ops_in_spec,
        "components": len(spec.get("components", {}).get("schemas", {})),
        "rows": rows,
        # example blocks: valid + invalid (documentation defects) + unchecked + unparseable = total
        "examples": examples_dict(cov.examples),
        "api_pages_with_operations": cov.api_pages_with_operations,
        "operations_merged": cov.operations_merged,
        "documentation_defects": len(cov.defects),
        # every counter identity of generator.report.reconcile; a False here is a pipeline bug
        "counters_add_up": not broken,
        "counter_problems": broken,
        "diagnostics": {
            "total": len(diagnostics),
            "by_severity": {s.value: sum(1 for d in diagnostics if d.severity is s) for s in Severity},
            "by_code": dict(sorted(by_code.items())),
        },
    }


def report(service: str, pages: list[Page], spec: dict[str, Any], diagnostics: list[Diagnostic],
           spec_valid: bool) -> dict[str, Any]:
    cov = census(service, pages, spec, diagnostics, spec_valid)
    return {
        "service": service,
        "spec_valid": spec_valid,
        "summary": summary(pages, spec, diagnostics, cov),
        # examples that contradict their own page's tables, for the docs writers (file, line, operation,
        # part, JSON pointer, message); `python -m generator report` renders them with the page drill-down
        "documentation_defects": [asdict(d) for d in cov.defects],
        "diagnostics": [d.as_dict() for d in sorted(diagnostics)],
    }
