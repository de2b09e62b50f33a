"""Human and machine renderings of check results; both are deterministic for the same input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from generator.validate.engine import Violation
from generator.validate.verdict import INVALID, SKIPPED, UNDOCUMENTED, VALID, Result

EXIT_VALID, EXIT_INVALID, EXIT_UNUSABLE = 0, 1, 2


@dataclass(frozen=True)
class Summary:
    checked: int  # payloads with a verdict (valid + invalid)
    valid: int
    invalid: int
    skipped: int  # usable payloads the spec cannot judge (not JSON, no body recorded, ...)
    input_errors: int  # unusable entries (bad JSON, truncated, bad base64, ...); may also be invalid
    undocumented: int = 0  # responses with a status the operation does not document

    def line(self) -> str:
        undocumented = f"{self.undocumented} undocumented status, " if self.undocumented else ""
        return (f"summary: {self.checked} checked, {self.valid} valid, {self.invalid} invalid, {undocumented}"
                f"{self.skipped} skipped, {self.input_errors} unusable")


def summarize(results: Sequence[Result]) -> Summary:
    valid = sum(r.verdict == VALID for r in results)
    invalid = sum(r.verdict == INVALID for r in results)
    return Summary(
        valid + invalid,
        valid,
        invalid,
        sum(r.verdict == SKIPPED and not r.input_error for r in results),
        sum(r.input_error for r in results),
        sum(r.verdict == UNDOCUMENTED for r in results),
    )


def exit_code(results: Sequence[Result], strict: bool = False) -> int:
    """2 if any entry was unusable or nothing could be checked, else 1 if any payload was invalid or came with
    a status its operation does not document (or, with --strict, was skipped), else 0. Unusable wins over
    invalid because the payloads that could not be read may hide anything; the summary line gives both counts."""
    s = summarize(results)
    if s.input_errors:
        return EXIT_UNUSABLE
    if s.invalid or s.undocumented or (strict and s.skipped):
        return EXIT_INVALID
    if s.checked == 0:
        return EXIT_UNUSABLE
    return EXIT_VALID


def describe(r: Result) -> str:
    parts: list[str] = []
    if r.operation:
        parts.append(r.operation)
    if r.side:
        parts.append(r.side if r.side == "request" or r.status is None else f"{r.side} {r.status}")
    return f"{r.location}: {' '.join(parts)}" if parts else str(r.location)


def format_violation(v: Violation) -> str:
    where = f"{v.part} {v.pointer or '/'}" if v.part != "body" else (v.pointer or "/")
    src = f"  [docs: {v.source}]" if v.source else ""
    return f"    {where}: expected {v.expected}, found {v.found}{src}"


def render_text(results: Sequence[Result], verbose: bool = False) -> str:
    lines: list[str] = []
    for r in results:
        if r.verdict == INVALID:
            n = len(r.violations)
            note = f"; {r.reason}" if r.reason else ""
            note += f"; UNUSABLE [{r.code}]" if r.input_error else ""
            lines.append(f"{describe(r)}: INVALID ({n} violation{'s' if n != 1 else ''}{note})")
            lines.extend(format_violation(v) for v in r.violations)
        elif r.verdict == UNDOCUMENTED:
            lines.append(f"{describe(r)}: UNDOCUMENTED STATUS: {r.reason}")
        elif r.verdict == SKIPPED:
            kind = f"UNUSABLE [{r.code or 'input.unusable'}]" if r.input_error else "SKIPPED"
            lines.append(f"{describe(r)}: {kind}: {r.reason}")
        elif verbose:
            lines.append(f"{describe(r)}: valid")
    lines.append(summarize(results).line())
    return "\n".join(lines) + "\n"


def render_json(results: Sequence[Result]) -> str:
    s = summarize(results)
    doc = {
        "results": [r.as_dict() for r in results],
        "summary": {
            "checked": s.checked,
            "valid": s.valid,
            "invalid": s.invalid,
            "skipped": s.skipped,
            "undocumented": s.undocumented,
            "input_errors": s.input_errors,
        },
    }
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
