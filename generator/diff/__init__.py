"""Spec diff: what changed between two OpenAPI specs of one service, and what it means for clients.

- `compare.diff_specs(old, new)` walks both specs operation by operation;
- `rules` holds every rule (id, classification, message template) as data;
- `render` formats a `DiffResult` as Markdown or JSON (`generator.release.semver` turns it into a version bump);
- `inputs` loads spec files or builds docs trees (`generator.release.regenerate` is the scheduled-CI entry point).
"""

from generator.diff.compare import diff_specs
from generator.diff.model import Change, DiffResult, Location, OperationRef
from generator.diff.rules import RULES, Classification, Rule

__all__ = [
    "RULES",
    "Change",
    "Classification",
    "DiffResult",
    "Location",
    "OperationRef",
    "Rule",
    "diff_specs",
]
