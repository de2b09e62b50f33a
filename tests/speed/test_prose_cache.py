"""A description cell read once per distinct cell (`prose_cache.read_cell`): the same results as the
plain readers, and nothing shared between callers; and the status rows of a page, read lazily."""

from __future__ import annotations

import textwrap

import pytest
from docutils import nodes

from generator.core.types import Kind, TypeExpr, parse_type
from generator.docs.extract.page_text import status_rows
from generator.docs.prose.markdown import to_markdown
from generator.docs.prose.read import read_description
from generator.docs.read import read_text
from generator.speed import prose_memo as prose_cache

S = TypeExpr(Kind.STRING)
INT = TypeExpr(Kind.INTEGER, "int32")


def cell(rst: str) -> nodes.Element:
    return read_text(textwrap.dedent(rst).strip() + "\n", "t.rst").doctree


OPTIONS = """
    Status. Options:

    -  **ACTIVE**: in use.

    -  **FROZEN**: frozen.
    """


@pytest.mark.parametrize("rst", [OPTIONS, "Length: **1** to **64** characters.", "Project ID.",
                                 "The default value is **10**. The value ranges from 1 to 100."])
@pytest.mark.parametrize("type_", [S, INT, None])
def test_same_as_the_plain_readers(rst: str, type_: TypeExpr | None) -> None:
    for _ in range(2):  # the first call reads, the second remembers
        markdown, result = prose_cache.read_cell(cell(rst), type_)
        plain = read_description(cell(rst), type_)
        assert markdown == to_markdown(cell(rst))
        assert (result.constraints, result.findings) == (plain.constraints, plain.findings)


def test_a_caller_changing_its_result_changes_no_other() -> None:
    _, first = prose_cache.read_cell(cell(OPTIONS), S)
    assert first.constraints.enum == ["ACTIVE", "FROZEN"]
    assert first.constraints.enum is not None
    first.constraints.enum.append("GONE")
    first.constraints.max_length = 3
    first.findings.append(("x.y", "z"))
    _, second = prose_cache.read_cell(cell(OPTIONS), S)
    assert second.constraints.enum == ["ACTIVE", "FROZEN"] and second.constraints.max_length is None
    assert ("x.y", "z") not in second.findings


def test_the_same_words_in_other_markup_are_another_cell() -> None:
    bold = cell("Values: **ACTIVE**, **FROZEN**.")
    plain = cell("Values: ACTIVE, FROZEN.")
    assert bold.astext() == plain.astext() and prose_cache.shape(bold) != prose_cache.shape(plain)
    assert prose_cache.read_cell(bold, S)[0] == "Values: **ACTIVE**, **FROZEN**."
    assert prose_cache.read_cell(plain, S)[0] == "Values: ACTIVE, FROZEN."


def test_the_same_cell_under_another_type_is_read_again() -> None:
    rst = "The value ranges from 1 to 100."
    assert prose_cache.read_cell(cell(rst), INT)[1].constraints.maximum == 100
    assert prose_cache.read_cell(cell(rst), S)[1].constraints.maximum is None


def test_parse_type_remembers_without_mixing_refs() -> None:
    from generator.core.types import RefToken

    a = parse_type("\x000\x00 object", [RefToken("a_label", "A")])
    b = parse_type("\x000\x00 object", [RefToken("b_label", "B")])
    assert a is not None and b is not None and (a.ref, b.ref) == ("a_label", "b_label")
    assert parse_type("Array of strings", []) == TypeExpr(Kind.ARRAY, items=S)


STATUS = """\
Status Codes
============

.. table:: Status codes

   +-------------+------------------------------------------+
   | Status Code | Description                              |
   +=============+==========================================+
   | 200         | OK.                                      |
   +-------------+------------------------------------------+
   | 400 Bad     | +-------+--------+                       |
   | Request     | | 401   | nested |                       |
   |             | +-------+--------+                       |
   +-------------+------------------------------------------+
   | 404         | Not found.                               |
   +-------------+------------------------------------------+
"""


def test_status_rows_read_the_first_two_cells_in_document_order() -> None:
    doc = read_text(STATUS, "status.rst").doctree
    # every body row once, a nested table's where it stands (inside the outer row); a row's second cell is the outer
    # cell, nested text and all
    assert status_rows(doc) == (("400", "401 nested", 11), ("401", "nested", 12), ("404", "Not found.", 15))
