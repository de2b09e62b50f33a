"""Coverage reports for a built docs tree: what was found, what was lost, and which examples contradict their
own tables (documentation defects). `census` counts, `reconcile` insists the counts add up, `as_json`,
`as_text` and `as_html` render, `peer` sets our figures next to gen-sdk-toolset's.
"""

from __future__ import annotations

from typing import Any

from generator.build.check.document import Findings
from generator.core.model import Diagnostic, Page
from generator.report.census import census as _census
from generator.report.model import Coverage
from generator.report.reconcile import CountersDoNotAddUp, verify

__all__ = ["Coverage", "CountersDoNotAddUp", "coverage", "verify"]


def coverage(service: str, pages: list[Page], spec: dict[str, Any], diagnostics: list[Diagnostic],
             spec_valid: bool, findings: Findings) -> Coverage:
    """Count and verify: raises CountersDoNotAddUp rather than return figures that contradict each other."""
    cov = _census(service, pages, spec, diagnostics, spec_valid, findings)
    verify(cov)
    return cov
