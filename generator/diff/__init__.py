"""Spec diff: what changed between two OpenAPI specs of one service, and what it means for clients.

- `compare.diff_specs(old, new)` compares two specs: `walk` pairs what is the same in both (operations,
  parameters, bodies, responses, schemas, properties; renames and moves by evidence, `match`) and yields
  each pairing as a typed change, which `checks` (one module per rule family) judge;
- `rules` holds every rule (id, level, message template, reason for the level) as data;
- `render` formats a `DiffResult` as JSON, `comment` as the Markdown pull-request comment,
  `github` as workflow-command annotations (`generator.release.semver` turns it into a version bump);
- `inputs` loads spec files or builds docs trees, `sides` both sides at once (in parallel)
  (`generator.release.regenerate` is the scheduled-CI entry point; see also `generator.release.docs_ci`).
"""

from generator.diff.compare import diff_specs
from generator.diff.model import Change, DiffResult, Location, OperationRef
from generator.diff.rules import RULES, Classification, Level, Rule

__all__ = [
    "RULES",
    "Change",
    "Classification",
    "DiffResult",
    "Level",
    "Location",
    "OperationRef",
    "Rule",
    "diff_specs",
]
