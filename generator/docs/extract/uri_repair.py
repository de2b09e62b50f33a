"""URI lines that break the path template, mended where the intent is unambiguous.

Seen in real trees: `&` where `?` should start the query template
(`/v2.1/{project_id}/servers&image={image}&...`) and a stray brace (`...&sort_dir={sort_dir}}`).
Each repair is reported (`uri.repaired`); what cannot be mended is left for `check` to flag.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def repair_uri(raw: str) -> tuple[str, list[str]]:
    """The URI with braces balanced and its query started by `?`; and a note per repair."""
    notes: list[str] = []
    fixed = _balance_braces(raw)
    if fixed != raw:
        notes.append(f"unbalanced braces in {raw!r}: read as {fixed!r}")
    if "?" not in fixed:
        # the first `&` that starts `name=` or `{name}` after the path: the query template's start
        m = re.search(r"&(?=\{?[A-Za-z_][\w.\-\[\]]*\}?(?:=|&|$))", fixed)
        if m and "=" in fixed[m.start():]:
            before = fixed
            fixed = fixed[: m.start()] + "?" + fixed[m.end():]
            notes.append(f"'&' where '?' starts the query in {before!r}: read as {fixed!r}")
    return fixed, notes


def _balance_braces(s: str) -> str:
    """Drop a `}` that closes nothing and a `{` never closed (placeholders do not nest)."""
    out: list[str] = []
    open_at: int | None = None
    for ch in s:
        if ch == "{":
            if open_at is not None:  # `{{` or an unclosed `{`: the earlier one is the stray
                out.pop(open_at)
            open_at = len(out)
        elif ch == "}":
            if open_at is None:
                continue
            open_at = None
        out.append(ch)
    if open_at is not None:
        out.pop(open_at)
    return "".join(out)


def repair_calls(calls: list[tuple[str, str, int]], note: Callable[[int, str], None]) -> list[tuple[str, str, int]]:
    """`repair_uri` over the `(METHOD, raw URI, line)` calls of a page, noting each repair; duplicates folded."""
    out: list[tuple[str, str, int]] = []
    seen: set[tuple[str, str]] = set()
    for method, raw, line in calls:
        fixed, notes = repair_uri(raw)
        for text in notes:
            note(line, text)
        if (method, fixed) not in seen:
            seen.add((method, fixed))
            out.append((method, fixed, line))
    return out
