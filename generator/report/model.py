"""What a coverage report holds: plain dataclasses, filled by `census`, checked by `reconcile`, rendered by
`as_json`, `as_text` and `as_html`. Everything is sorted on construction so every rendering is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.codes import EXPLAINS_ROW
from generator.core.model import Diagnostic, Severity

# Diagnostics that explain a row that was not resolved (unknown type or failed): `EXPLAINS_ROW`. A page whose
# unresolved rows outnumber these has rows that vanished without a word, which `reconcile` refuses.


@dataclass(frozen=True)
class RowCounts:
    total: int = 0
    resolved: int = 0
    unknown_type: int = 0
    failed: int = 0

    def __add__(self, other: RowCounts) -> RowCounts:
        return RowCounts(self.total + other.total, self.resolved + other.resolved,
                         self.unknown_type + other.unknown_type, self.failed + other.failed)

    @property
    def adds_up(self) -> bool:
        return self.total == self.resolved + self.unknown_type + self.failed


@dataclass(frozen=True)
class ExampleCounts:
    """Example blocks of a page. `unchecked`: parsed, but no JSON schema to hold it against (XML, text,
    an operation without a body table, or a page dropped from the spec as a duplicate)."""

    valid: int = 0
    invalid: int = 0  # fail their schema, the docs blamed (or neither side for sure): documentation defects
    unchecked: int = 0
    unparseable: int = 0
    misread: int = 0  # fail their schema only where the build blames its own reading of the page (issue 23)

    @property
    def total(self) -> int:
        return self.valid + self.invalid + self.unchecked + self.unparseable + self.misread

    def __add__(self, other: ExampleCounts) -> ExampleCounts:
        return ExampleCounts(self.valid + other.valid, self.invalid + other.invalid,
                             self.unchecked + other.unchecked, self.unparseable + other.unparseable,
                             self.misread + other.misread)


@dataclass(frozen=True, order=True)
class Defect:
    """An example (or a default: part "default") that contradicts the tables of its own page: a documentation
    defect for the docs writers."""

    file: str
    line: int
    operation: str  # operationId
    part: str  # "request", "response 200" or "default"
    pointer: str  # JSON pointer into the example ("" = the example as a whole)
    message: str


@dataclass(frozen=True, order=True)
class ReportedOperation:
    method: str  # upper-case
    path: str
    operation_id: str
    in_spec: bool  # False when neither in the spec nor merged into a spec operation (a pipeline bug)
    merged_into: str = ""  # operationId of the spec operation this page became a variant of (operation.merged)


@dataclass
class PageCoverage:
    file: str
    title: str
    is_api: bool
    operations: list[ReportedOperation]
    rows: RowCounts
    examples: ExampleCounts
    diagnostics: list[Diagnostic]

    @property
    def row_diagnostics(self) -> int:
        return sum(1 for d in self.diagnostics if d.code in EXPLAINS_ROW)


@dataclass
class Coverage:
    service: str
    spec_valid: bool
    operations_in_spec: int  # counted in the spec's paths, independently of the pages
    components: int
    pages: list[PageCoverage]
    spec_diagnostics: list[Diagnostic]  # findings not attributable to a page (spec-level checks)
    defects: list[Defect] = field(default_factory=list)

    # ------------------------------------------------------------ derived totals

    @property
    def api_pages(self) -> list[PageCoverage]:
        return [p for p in self.pages if p.is_api]

    @property
    def api_pages_with_operations(self) -> int:
        return sum(1 for p in self.api_pages if p.operations)

    @property
    def operations_extracted(self) -> int:
        return sum(len(p.operations) for p in self.pages)

    @property
    def operations_dropped(self) -> int:
        return sum(1 for p in self.pages for o in p.operations if not o.in_spec)

    @property
    def operations_merged(self) -> int:
        return sum(1 for p in self.pages for o in p.operations if o.merged_into)

    @property
    def rows(self) -> RowCounts:
        return sum((p.rows for p in self.pages), RowCounts())

    @property
    def examples(self) -> ExampleCounts:
        return sum((p.examples for p in self.pages), ExampleCounts())

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted([d for p in self.pages for d in p.diagnostics] + self.spec_diagnostics)

    def by_code(self) -> dict[str, dict[str, int]]:
        """code -> severity -> count, codes sorted, every severity present."""
        out: dict[str, dict[str, int]] = {}
        for d in self.diagnostics:
            out.setdefault(d.code, {s.value: 0 for s in Severity})[d.severity.value] += 1
        return dict(sorted(out.items()))

    def by_severity(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Severity}
        for d in self.diagnostics:
            counts[d.severity.value] += 1
        return counts
