"""Documentation defects as GitHub Actions annotations on the RST lines that cause them.

Annotated: the report's documentation defects (examples that contradict their page's tables, defaults that
contradict their limits; errors), and the other diagnostics that are defects of the docs rather than decisions
of the tool (`generator.core.codes.ANNOTATED`: unknown types, dangling references, malformed tables, example
JSON that does not parse, value sets and defaults that contradict their own cell), at their own severity.
"""

from __future__ import annotations

from generator.core.codes import ANNOTATED, REPORTED
from generator.core.gha import command, repo_path
from generator.core.model import Severity
from generator.report.model import Coverage

# annotated as diagnostics; the reported defects are annotated through `cov.defects` above them
DEFECT_CODES = ANNOTATED - REPORTED


def workflow_commands(cov: Coverage, path_prefix: str = "") -> list[str]:
    found: list[tuple[int, str, int, str]] = []
    for d in cov.defects:
        where = f"{d.part}{' at ' + d.pointer if d.pointer else ''}"
        found.append((0, d.file, d.line, command(
            "error", f"{d.operation} {where}: the example contradicts the page's tables: {d.message}",
            file=repo_path(path_prefix, d.file), line=d.line, title=f"Docs defect: example ({d.operation})")))
    for diag in cov.diagnostics:
        if diag.code not in DEFECT_CODES or diag.severity is Severity.INFO:
            continue
        level = "error" if diag.severity is Severity.ERROR else "warning"
        found.append((0 if level == "error" else 1, diag.source.file, diag.source.line, command(
            level, diag.message, file=repo_path(path_prefix, diag.source.file), line=diag.source.line,
            title=f"Docs defect: {diag.code}")))
    return [text for *_, text in sorted(found)]


def render(cov: Coverage, path_prefix: str = "") -> str:
    lines = workflow_commands(cov, path_prefix)
    return "\n".join(lines) + ("\n" if lines else "")
