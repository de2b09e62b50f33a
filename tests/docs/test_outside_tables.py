"""`outside_tables` walks a section once, skipping table cells, and yields what the plain definition does:
every node of the asked kinds in document order, except those inside a table, tables always (nested ones
included). The reference below is that definition, written the slow way."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from docutils import nodes

from generator.build.pipeline import rst_files
from generator.docs.extract.context import in_table, outside_tables
from generator.docs.read import read_text
from generator.speed.parallel import GC_THRESHOLD, relaxed_gc
from tests.conftest import CORPUS

NESTED = """\
Title
=====

Section
-------

Before the table.

+------+-----------------------------+
| Name | Description                 |
+======+=============================+
| a    | In a cell.                  |
|      |                             |
|      | +-------+-------+           |
|      | | inner | x     |           |
|      | +-------+-------+           |
|      | | deep  | y     |           |
|      | +-------+-------+           |
|      |                             |
|      | ::                          |
|      |                             |
|      |     code in a cell          |
+------+-----------------------------+

After the table.

::

    code outside

Sub
~~~

In a subsection.

Other
-----

Not in the section.
"""


def _reference(section: nodes.Element, *kinds: type[nodes.Node]) -> Iterator[nodes.Node]:
    for node in section.findall(lambda n: isinstance(n, kinds)):
        if isinstance(node, nodes.table) or not in_table(node):
            yield node


def _section() -> nodes.section:
    doc = read_text(NESTED, "t.rst").doctree
    return next(s for s in doc.findall(nodes.section) if s.children[0].astext() == "Section")


@pytest.mark.parametrize("kinds", [(nodes.paragraph,), (nodes.table, nodes.paragraph),
                                   (nodes.paragraph, nodes.literal_block), (nodes.table,), (nodes.Element,),
                                   (nodes.Text,), (nodes.Node,)])
def test_same_nodes_in_the_same_order_as_the_definition(kinds: tuple[type[nodes.Node], ...]) -> None:
    sec = _section()
    assert list(outside_tables(sec, *kinds)) == list(_reference(sec, *kinds))


def test_cells_are_left_out_nested_tables_are_not() -> None:
    sec = _section()
    texts = [" ".join(n.astext().split()) for n in outside_tables(sec, nodes.paragraph, nodes.literal_block)]
    assert texts == ["Before the table.", "After the table.", "code outside", "In a subsection."]
    tables = list(outside_tables(sec, nodes.table))
    assert len(tables) == 2 and in_table(tables[1]) and not in_table(tables[0])


def test_inside_a_table_only_tables_are_yielded() -> None:
    entry = next(e for e in _section().findall(nodes.entry) if "In a cell" in e.astext())
    assert list(outside_tables(entry, nodes.paragraph)) == []
    assert [t.astext().split()[0] for t in outside_tables(entry, nodes.table, nodes.paragraph)] == ["inner"]


@pytest.mark.corpus
def test_same_as_the_definition_on_every_section_of_a_corpus_tree() -> None:
    root = CORPUS / "object-storage-service@b9835f8"
    sections = 0
    for path in rst_files(root):
        doc = read_text(path.read_text(encoding="utf-8", errors="replace"), path.name).doctree
        for sec in doc.findall(nodes.section):
            sections += 1
            for kinds in ((nodes.table, nodes.paragraph), (nodes.paragraph, nodes.literal_block)):
                assert list(outside_tables(sec, *kinds)) == list(_reference(sec, *kinds)), path
    assert sections > 500


def test_relaxed_gc_restores_the_thresholds() -> None:
    before = gc.get_threshold()
    with relaxed_gc():
        assert gc.get_threshold() == GC_THRESHOLD
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), relaxed_gc():
        raise RuntimeError
    assert gc.get_threshold() == before
