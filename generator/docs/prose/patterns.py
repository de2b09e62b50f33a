"""Patterns: the regular expression a sentence states for a string field, or why none is taken."""

from __future__ import annotations

import re
from typing import Any

from generator.core.types import Kind, TypeExpr
from generator.docs.prose.result import ProseResult, scalar_kind
from generator.docs.prose.words import prose_marked


def learn_pattern(unit: Any, type_: TypeExpr | None, result: ProseResult) -> None:
    s = unit.text
    kind = scalar_kind(type_)
    for m in prose_marked(s):
        v = m.strip().strip("\"'“”")
        if v.startswith("^") or v.endswith("$"):
            try:
                re.compile(v)
            except re.error:
                result.findings.append(("prose.pattern_ambiguous", f"regular expression {v!r} does not compile"))
                return
            if kind is not Kind.STRING:
                result.findings.append(("prose.pattern_contradicts_type", f"pattern {v!r} on a {kind} field"))
                return
            result.constraints.pattern = v
            return
    result.findings.append(("prose.pattern_ambiguous", f"a regular expression is named but not stated: {s[:80]!r}"))
