"""What every extraction step works on: the page being filled, its diagnostics, and doctree helpers.

Tables are read as tables (`tables`); the steps that read prose or code blocks look only at what is
outside tables (`outside_tables`), so a cell's paragraph is never taken for a section's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from docutils import nodes

from generator.core.model import Diagnostic, Page, Severity, Source
from generator.core.types import TypeExpr, parse_type
from generator.docs.read import ReadPage

if TYPE_CHECKING:
    from generator.docs.prose.result import ProseResult

# How a description cell is read: `(prose.to_markdown(cell), prose.read_description(cell, type_, markdown))`
# (`tables.read_cell`), or the same answers from a memo (`generator.speed.prose_memo.read_cell`)
CellReader = Callable[[nodes.Element, TypeExpr | None], "tuple[str, ProseResult]"]

# `**Status code: 200**` before a response table or example (prose: the only regex over a paragraph here)
STATUS_LINE_RE = re.compile(r"^\s*status\s*code\s*[:：]?\s*(\d{3})\b", re.I)


class PageContext:
    """One page under extraction: where its findings go."""

    def __init__(self, read: ReadPage, read_cell: CellReader) -> None:
        self.read = read
        self.read_cell = read_cell
        self.file = read.file
        self.doc = read.doctree
        self.page = Page(file=self.file, title="", is_api=False)
        self.obs_style = False  # set per page: OBS pages declare their call in "Request Syntax"
        self.query_keys: set[str] = set()  # the keys of the request line's query (`?tagging&versionId=...`)
        self.bare_query_keys: set[str] = set()  # those written without a value: the sub-resource (`tagging`)
        self.method = ""  # the method of the page's request line, upper case
        self.page.diagnostics.extend(read.diagnostics)

    def diag(self, line: int | None, code: str, severity: Severity, message: str) -> None:
        self.page.diagnostics.append(Diagnostic(Source(self.file, line or 0), code, severity, message))

    def src(self, line: int | None) -> Source:
        return Source(self.file, line or 0)


def in_table(node: nodes.Node) -> bool:
    p = node.parent
    while p is not None:
        if isinstance(p, nodes.table):
            return True
        p = p.parent
    return False


def outside_tables(section: nodes.Element, *kinds: type[nodes.Node]) -> Iterator[nodes.Node]:
    """The nodes of `kinds` under `section` in document order, except those inside a table's cells.

    Tables themselves (when asked for) are always yielded, nested ones included.
    """
    # One pre-order walk that knows whether it is inside a table, instead of `findall` and a walk up to
    # the root from every match: the cells of a page's tables are most of its nodes, and when no table
    # is asked for they are not visited at all.
    tables_wanted = issubclass(nodes.table, kinds)
    # text leaves are most of a table's nodes and never anything asked for
    keep_text = any(issubclass(nodes.Text, k) or issubclass(k, nodes.Text) for k in kinds)
    stack: list[tuple[nodes.Node, bool]] = [(section, in_table(section))]
    while stack:
        node, inside = stack.pop()
        if isinstance(node, kinds) and (not inside or isinstance(node, nodes.table)):
            yield node
        inside = inside or isinstance(node, nodes.table)
        if inside and not tables_wanted:
            continue
        if inside:  # only tables are yielded here, and no text, paragraph or other TextElement holds one
            stack.extend((child, True) for child in reversed(node.children)
                         if not isinstance(child, (nodes.Text, nodes.TextElement)))
        else:
            stack.extend((child, False) for child in reversed(node.children)
                         if keep_text or not isinstance(child, nodes.Text))


def line_of(node: nodes.Node) -> int:
    if node.line:
        return int(node.line)
    for child in node.findall(nodes.Element):
        if child.line:
            return int(child.line)
    p = node.parent
    while p is not None:
        if p.line:
            return int(p.line)
        p = p.parent
    return 0


def row_line(row: nodes.row) -> int:
    for para in row.findall(nodes.paragraph):
        if para.line:
            return int(para.line)
    return 0


def previous_sibling(node: nodes.Element) -> nodes.Node | None:
    parent = node.parent
    if parent is None:
        return None
    idx = parent.index(node)
    return parent.children[idx - 1] if idx > 0 else None


# A table without a Type column may state each row's type in its Description cell: OBS's old `Parameter |
# Description | Mandatory` layout gives it as a paragraph "Type: integer", "Type: container"; read by the grammar the
# Type column uses, so that restating the table with a Type column is no retype.
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
    one of the two is a type ("binary content or text" names two: no type). A bare word the grammar would take for
    a table's name ("Type: Grantee") is prose here, not a link: no type."""
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
