"""The client version a diff calls for.

1.x and later follow semver: breaking -> major, additive -> minor, documentation-only -> patch.

During 0.x (where our clients are now) semver promises nothing, so we follow the Cargo/npm
caret convention that users' version ranges already assume: a breaking change bumps the *minor*
(0.3.2 -> 0.4.0) and everything else bumps the *patch* (0.3.2 -> 0.3.3). A 1.0.0 release is a
human decision, never a side effect of a docs update. No changes: no new version.
"""

from __future__ import annotations

import re

from generator.diff.model import DiffResult
from generator.diff.rules import Classification

_VERSION = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
INITIAL_VERSION = "0.1.0"


def parse(version: str) -> tuple[int, int, int]:
    match = _VERSION.match(version.strip())
    if not match:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {version!r}")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def bump_kind(result: DiffResult) -> str | None:
    """ "major", "minor", "patch" or None, in semver terms, before the 0.x adjustment."""
    highest = result.highest()
    if highest is None:
        return None
    return {
        Classification.BREAKING: "major",
        Classification.NON_BREAKING: "minor",
        Classification.DOCUMENTATION: "patch",
    }[highest]


def next_version(current: str | None, result: DiffResult) -> str:
    if current is None:
        return INITIAL_VERSION
    kind = bump_kind(result)
    major, minor, patch = parse(current)
    if kind is None:
        return current
    if major == 0:
        if kind == "major":
            return f"0.{minor + 1}.0"
        return f"0.{minor}.{patch + 1}"
    if kind == "major":
        return f"{major + 1}.0.0"
    if kind == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
