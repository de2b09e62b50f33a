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
    and the type the Type column's grammar reads in it; None when no paragraph of the cell opens so. Only the cell's
    own paragraphs: a "Type:" inside a list describes a part of the value."""
    for child in cell.children:
        if not isinstance(child, nodes.paragraph):
            continue
        text = " ".join(child.astext().split())
        if text.lower().startswith(_TYPE_LABEL):
            stated = text[len(_TYPE_LABEL):].strip()
            return stated, _read(stated)
    return None


def _read(stated: str) -> TypeExpr | None:
    """The whole text; else the words before its comment ("string, which must be a UTC time."); else their first
    word ("boolean The default value is **false**.", "string WARM or COLD") or last ("positive integer"), when only
    one of the two is a type ("binary content or text" names two: no type). A bare word the grammar takes for a
    table's name ("Type: Enumeration", "Type: element") is prose here, not a link: no type."""
    clause = _TYPE_COMMENT.split(stated, maxsplit=1)[0].strip()
    for candidate in (stated, clause):
        type_ = _plain(candidate)
        if type_ is not None:
            return type_
    words = clause.split()
    if len(words) < 2:
        return None
    first, last = _plain(words[0]), _plain(words[-1])
    return first if last is None else last if first is None else None


# OBS's older words for a type: "Type: element" for an XML element holding others (later "Type: container"),
# "Type: Enumeration" beside its "Value options:" (later "Type: string")
_OBS_WORDS = {"element": "container", "enumeration": "string"}


def _plain(text: str) -> TypeExpr | None:
    type_ = parse_type(_OBS_WORDS.get(text.lower(), text), [])
    return type_ if type_ is not None and not type_.refs() else None
