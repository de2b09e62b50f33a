"""One field, several pages: the same field (same name in a table with the same caption) documented on several
pages of one service must say the same thing. Where the pages differ in what they constrain (type, enum,
default, limits, pattern), each differing page is reported (`field.inconsistent`); nothing is merged: every
page's schema keeps what that page says.
"""

from __future__ import annotations

import re
from typing import Any

from generator.core.model import Diagnostic, Field, Page, Severity

# captions that name a part of a page, not an object: the same words on two pages say nothing about one field
_GENERIC = re.compile(r"^(?:(?:request|response)\s*(?:body|header)?s?\s*)?(?:parameters?|elements?|headers?|"
                      r"description|field description|body)?$", re.I)


def _caption(title: str) -> str:
    t = re.sub(r"^\s*\**\s*table\s+\d+\s*\**\s*", "", title, flags=re.I)
    return " ".join(t.replace("*", "").split()).lower()


def _summary(f: Field) -> dict[str, Any]:
    c = f.constraints
    out: dict[str, Any] = {"type": f.type.kind.value + (f"/{f.type.format}" if f.type.format else "")}
    for name in ("enum", "minimum", "maximum", "exclusive_minimum", "exclusive_maximum", "min_length", "max_length",
                 "min_items", "max_items", "pattern", "multiple_of"):
        v = getattr(c, name)
        if v is not None:
            out[name] = v
    if c.has_default:
        out["default"] = c.default
    return out


def check(pages: list[Page]) -> list[Diagnostic]:
    first: dict[tuple[str, str], tuple[dict[str, Any], Field]] = {}
    out: list[Diagnostic] = []
    for page in sorted(pages, key=lambda p: p.file):
        for s in page.schemas:
            caption = _caption(s.title)
            if not caption or _GENERIC.match(caption):
                continue
            for f in s.fields:
                key = (caption, f.name)
                summary = _summary(f)
                if key not in first:
                    first[key] = (summary, f)
                    continue
                other, of = first[key]
                if of.source.file == f.source.file or other == summary:
                    continue
                diff = sorted(k for k in set(other) | set(summary) if other.get(k) != summary.get(k))
                here = ", ".join(f"{k}={summary.get(k)!r}" for k in diff)
                there = ", ".join(f"{k}={other.get(k)!r}" for k in diff)
                out.append(Diagnostic(f.source, "field.inconsistent", Severity.WARNING,
                                      f"'{f.name}' in '{s.title}' says {here} here but {there} at {of.source}; "
                                      "each page keeps its own"))
    return out
