"""`--fail-on` thresholds: a level (error, warning, info) or, as before levels existed, a class."""

from __future__ import annotations

from generator.diff.model import Change, DiffResult
from generator.diff.render import at_or_above
from generator.diff.rules import Classification, Level

FAIL_ON = (*[str(level) for level in reversed(Level)], str(Classification.BREAKING), str(Classification.NON_BREAKING))


def failing(result: DiffResult, threshold: str) -> list[Change]:
    """Changes at or above a level or a class."""
    if threshold in {str(level) for level in Level}:
        level = Level(threshold)
        return [c for c in result.changes if c.level.rank >= level.rank]
    return at_or_above(result, Classification(threshold))
