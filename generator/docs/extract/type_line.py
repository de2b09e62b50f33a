"""The type a Description cell states when its table has no Type column: OBS's old `Parameter | Description |
Mandatory` layout gives each row's type as a paragraph of the cell ("Type: integer", "Type: container"), read by the
grammar the Type column uses, so that restating the table with a Type column is no retype."""

from __future__ import annotations

import re

from docutils import nodes

from generator.core.types import TypeExpr, parse_type

_TYPE_LABEL = "type:"
# where the type word of a "Type:" paragraph ends and its comment begins: "string, which must be a UTC time.",
# "string. The value can only be **Everyone**."
_TYPE_COMMENT = re.compile(r"[,;(]|\.(?:\s|$)")


def stated_type(cell: nodes.Element) -> tuple[str, TypeExpr | None] | None:
    """What a paragraph of a Description cell opening with "Type:" says (`Type: integer`): its text after the label,
    and that text read by the Type column's grammar (or, when the whole is prose, its words before the first comma
    or full stop); None when no paragraph of the cell opens so. Only the cell's own paragraphs: a "Type:" inside a
    list describes a part of the value."""
    for child in cell.children:
        if not isinstance(child, nodes.paragraph):
            continue
        text = " ".join(child.astext().split())
        if not text.lower().startswith(_TYPE_LABEL):
            continue
        stated = text[len(_TYPE_LABEL):].strip()
        return stated, parse_type(stated, []) or parse_type(_TYPE_COMMENT.split(stated, maxsplit=1)[0].strip(), [])
    return None
