"""The diagnostics report written next to every built spec: counters that add up, then every finding.

Every figure is read from the census (`generator.report.census`), the same one the coverage report
renders, so the two reports cannot disagree.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.report.as_json import examples_dict, rows_dict
from generator.report.model import Coverage
from generator.report.reconcile import problems


def summary(cov: Coverage) -> dict[str, Any]:
    broken = problems(cov)
    by_code = {code: sum(counts.values()) for code, counts in cov.by_code().items()}
    return {
        "pages": len(cov.pages),
        "api_pages": len(cov.api_pages),
        "non_api_pages": len(cov.pages) - len(cov.api_pages),
        "operations_extracted": cov.operations_extracted,
        "operations_in_spec": cov.operations_in_spec,
        "components": cov.components,
        "rows": rows_dict(cov.rows),
        # example blocks: valid + invalid (documentation defects) + unchecked + unparseable = total
        "examples": examples_dict(cov.examples),
        "api_pages_with_operations": cov.api_pages_with_operations,
        "operations_merged": cov.operations_merged,
        "documentation_defects": len(cov.defects),
        # every counter identity of generator.report.reconcile; a False here is a pipeline bug
        "counters_add_up": not broken,
        "counter_problems": broken,
        "diagnostics": {
            "total": len(cov.diagnostics),
            "by_severity": cov.by_severity(),
            "by_code": by_code,
        },
    }


def report(cov: Coverage) -> dict[str, Any]:
    return {
        "service": cov.service,
        "spec_valid": cov.spec_valid,
        "summary": summary(cov),
        # examples that contradict their own page's tables, for the docs writers (file, line, operation,
        # part, JSON pointer, message); `python -m generator report` renders them with the page drill-down
        "documentation_defects": [asdict(d) for d in cov.defects],
        "diagnostics": [d.as_dict() for d in cov.diagnostics],
    }


def print_summary(name: str, rep: dict[str, Any], written: Path | None) -> None:
    s = rep["summary"]
    rows = s["rows"]
    sev = s["diagnostics"]["by_severity"]
    print(f"{name}: {s['pages']} pages, {s['api_pages']} API pages, {s['operations_in_spec']} operations, "
          f"{s['components']} schemas; rows {rows['total']} = {rows['resolved']} resolved + "
          f"{rows['unknown_type']} unknown type + {rows['failed']} failed; diagnostics: "
          f"{sev['error']} errors, {sev['warning']} warnings, {sev['info']} info")
    if written is not None:
        print(f"wrote {written}")
    else:
        print("no valid spec: nothing written (see the diagnostics report)", file=sys.stderr)
