"""A description cell read once per distinct cell: `to_markdown` and `read_description` together, remembered.

Many description cells repeat word for word across the pages of a tree ("Project ID.", "Specifies the
number of records ..."): about 60% of the calls on modelarts are repeats, and the prose patterns are most of
the cost of the walk after docutils. Both readers are pure functions of the cell's subtree (node classes,
tag names and text; never attributes, line numbers or anything outside the cell) and of the field's type,
so a repeat gets the result of the first reading, copied so the caller may change it.
"""

from __future__ import annotations

import copy

from docutils import nodes

from generator.core.types import TypeExpr
from generator.docs.prose.markdown import to_markdown
from generator.docs.prose.read import read_description
from generator.docs.prose.result import ProseResult

Shape = tuple[object, ...] | str

# enough for every distinct cell of the largest tree (a few thousand); beyond it the memo starts again,
# which costs speed only
_LIMIT = 20_000
_memo: dict[tuple[Shape, TypeExpr | None], tuple[str, ProseResult]] = {}


def shape(node: nodes.Node) -> Shape:
    """What the prose readers can see of a node: its class, tag name and text, recursively."""
    if isinstance(node, nodes.Text):
        return str(node)
    return (type(node), getattr(node, "tagname", None), *(shape(c) for c in node.children))


def read_cell(cell: nodes.Element, type_: TypeExpr | None) -> tuple[str, ProseResult]:
    """`(to_markdown(cell), read_description(cell, type_))`, each description shape read once."""
    key = (shape(cell), type_)
    hit = _memo.get(key)
    if hit is None:
        markdown = to_markdown(cell)
        hit = (markdown, read_description(cell, type_, markdown))
        if len(_memo) >= _LIMIT:
            _memo.clear()
        _memo[key] = hit
    markdown, result = hit
    c = result.constraints
    # the caller owns what it gets: the only mutable members of Constraints are the enum and mentioned lists
    # (defaults are scalars: `prose.result.convert` makes them)
    constraints = copy.copy(c)
    if c.enum is not None:
        constraints.enum = list(c.enum)
    if c.values_mentioned is not None:
        constraints.values_mentioned = list(c.values_mentioned)
    return markdown, ProseResult(constraints, list(result.findings))
