"""Deprecated aliases last one minor version: the release policy of a deliberate rename (issue 22).

`python -m generator names rename` keeps a function's old name as a deprecated alias (`generator.build.lock.rename`).
The first release that ships the alias records its version as the alias's `since`; the first release of a later
minor version (0.4.x -> 0.5.0, 1.4.x -> 1.5.0) no longer has it: the alias module goes, the old name stays retired
in the lock (never given to another call), and the changelog says which aliases went. An alias so rides along
until a release that bumps the minor version for its own reasons; it never forces one.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

from generator.build.lock import NamesLock
from generator.build.lock.apply import function_nodes
from generator.core.spec import ALIASES
from generator.release.semver import parse


def expire_aliases(lock: NamesLock, version: str) -> tuple[NamesLock, dict[str, str]]:
    """The lock a release of `version` writes, and the aliases it drops (old name -> the function it called)."""
    out = copy.deepcopy(lock)
    dropped: dict[str, str] = {}
    major, minor, _ = parse(version)
    for old, alias in sorted(lock.aliases.items()):
        if alias.since is None:
            out.aliases[old] = replace(alias, since=version)
            continue
        shipped_major, shipped_minor, _ = parse(alias.since)
        if (major, minor) > (shipped_major, shipped_minor):
            del out.aliases[old]
            dropped[old] = alias.new
    return out, dropped


def drop_aliases(spec: dict[str, Any], dropped: dict[str, str]) -> None:
    """Take the dropped aliases off the functions of `spec` (in place), as a build with the updated lock would."""
    for _, node in function_nodes(spec):
        kept = [name for name in node.get(ALIASES) or () if name not in dropped]
        if kept:
            node[ALIASES] = kept
        else:
            node.pop(ALIASES, None)
