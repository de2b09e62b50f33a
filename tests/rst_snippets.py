"""RST snippet builders for the pipeline's tests."""

from __future__ import annotations

import textwrap

# the usual closing section of a page: one 200 row (pages whose statuses are not what the test is about)
STATUS_200 = ("Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n"
              "=========== ===========\n200         OK\n=========== ===========\n")


def page(title: str, uri: str, body: str = "", name: str = "DoThing") -> str:
    """A minimal generated-style page around `body` (already-dedented RST sections)."""
    underline = "=" * len(title)
    return (f":original_name: {name}.html\n\n.. _{name}:\n\n{title}\n{underline}\n\nFunction\n--------\n\n"
            f"Does a thing.\n\nURI\n---\n\n{uri}\n\n" + textwrap.dedent(body).lstrip("\n"))


def table(caption: str, rows: list[list[str]], label: str | None = None) -> str:
    """A simple RST table (header + rows) with computed column widths, inside `.. table::`."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    rule = "   " + " ".join("=" * w for w in widths)
    lines = [rule, "   " + " ".join(c.ljust(w) for c, w in zip(rows[0], widths, strict=True)).rstrip(), rule]
    lines += ["   " + " ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows[1:]]
    lines.append(rule)
    head = f".. _{label}:\n\n" if label else ""
    return f"{head}.. table:: **Table 1** {caption}\n\n" + "\n".join(lines) + "\n\n"


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")
