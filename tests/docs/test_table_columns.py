"""Columns by header: which column says a field is required, and a column nobody reads is reported."""

from __future__ import annotations

import pytest

from generator.core.model import Page, Severity
from generator.docs.extract import extract
from generator.docs.extract.columns import read_columns, required_column, unknown_column_messages
from generator.docs.read import read_text
from tests.rst_snippets import line_of, page, table

FILE = "things/creating_a_thing.rst"


def body_page(rows: list[list[str]], caption: str = "Request body parameters") -> str:
    return page("Creating a Thing", "POST /v1/things",
                "Request Parameters\n------------------\n\n" + table(caption, rows), name="CreateThing")


def required_by_name(p: Page) -> dict[str, bool]:
    [op] = p.operations
    assert op.request_body is not None
    return {f.name: f.required for f in op.request_body.fields}


def run(text: str) -> Page:
    return extract(read_text(text, FILE))


def test_optional_column_yes_means_not_required() -> None:
    p = run(body_page([
        ["Parameter", "Optional", "Type", "Description"],
        ["name", "No", "String", "Name."],
        ["size", "Yes", "Integer", "Size."],
        ["kind", "Mandatory", "String", "Kind."],
        ["tag", "Optional", "String", "Tag."],
    ]))
    assert required_by_name(p) == {"name": True, "size": False, "kind": True, "tag": False}
    assert not [d for d in p.diagnostics if d.code == "table.unknown_column"]


def test_optional_column_note_keeps_the_cell_and_reads_its_first_word() -> None:
    p = run(body_page([
        ["Parameter", "Optional", "Type", "Description"],
        ["name", "No, unless a tag is given", "String", "Name."],
        ["size", "Yes, if empty", "Integer", "Size."],
    ]))
    assert required_by_name(p) == {"name": True, "size": False}
    [op] = p.operations
    assert op.request_body is not None
    assert [f.required_note for f in op.request_body.fields] == ["No, unless a tag is given", "Yes, if empty"]
    notes = [d.message for d in p.diagnostics if d.code == "field.conditional_required"]
    assert notes == ["'name': optional column says 'No, unless a tag is given'; taken as required",
                     "'size': optional column says 'Yes, if empty'; taken as optional"]


@pytest.mark.parametrize("header", ["Is Required", "Required?", "Required (Yes/No)", "Mandatory or Not",
                                    "Is Mandatory", "Mandatory:", "Required or Optional"])
def test_required_spellings_are_the_mandatory_column(header: str) -> None:
    p = run(body_page([
        ["Parameter", header, "Type", "Description"],
        ["name", "Yes", "String", "Name."],
        ["size", "No", "Integer", "Size."],
    ]))
    assert required_by_name(p) == {"name": True, "size": False}
    assert not [d for d in p.diagnostics if d.code == "table.unknown_column"]


def test_m_o_column() -> None:
    p = run(body_page([
        ["Parameter", "M/O", "Type", "Description"],
        ["name", "M", "String", "Name."],
        ["size", "O", "Integer", "Size."],
    ]))
    assert required_by_name(p) == {"name": True, "size": False}


@pytest.mark.parametrize(("header", "expected"), [
    ("mandatory", True), ("mandatory (yes/no)", True), ("is required", True), ("required?", True), ("m/o", True),
    ("mandatory/optional", True), ("optional", False), ("is optional", False), ("optional (yes/no)", False),
    ("description", None), ("type", None), ("yes/no", None), ("o", None), ("default value", None),
])
def test_required_column(header: str, expected: bool | None) -> None:
    assert required_column(header) is expected


def test_unknown_column_is_reported_at_the_table() -> None:
    text = body_page([
        ["Parameter", "Type", "Default Value", "Description"],
        ["name", "String", "thing", "Name."],
    ])
    p = run(text)
    [d] = [d for d in p.diagnostics if d.code == "table.unknown_column"]
    assert d.severity is Severity.WARNING
    assert (d.source.file, d.source.line) == (FILE, line_of(text, ".. table::"))
    assert d.message == ("table 'Table 1 Request body parameters': column 3 'default value' is not read "
                         "(header not understood)")
    assert required_by_name(p) == {"name": False}


def test_table_without_a_name_header_is_reported() -> None:
    text = body_page([
        ["Item", "Type", "Required", "Description"],
        ["name", "String", "Yes", "Name."],
    ])
    p = run(text)
    [d] = [d for d in p.diagnostics if d.code == "table.unknown_column"]
    assert "column 1 'item' is not read" in d.message and "no row of the table is read" in d.message


def test_second_column_of_one_meaning_is_reported() -> None:
    cols = read_columns(["parameter", "type", "type", "mandatory", "optional", "description"])
    assert (cols.name, cols.type, cols.mandatory, cols.optional, cols.description) == (0, 1, 3, False, 5)
    assert unknown_column_messages(cols, "T") == [
        "table 'T': column 3 'type' is not read (a second column of that header)",
        "table 'T': column 5 'optional' is not read (a second Mandatory/Optional column)",
    ]


def test_tables_that_are_no_field_tables_are_not_reported() -> None:
    text = page("Deleting a Thing", "DELETE /v1/things/{id}", "Status Codes\n------------\n\n" + table(
        "Status codes", [["Status Code", "Error Code", "Description"], ["404", "T.404", "Not found"]]))
    p = run(text)
    assert not [d for d in p.diagnostics if d.code == "table.unknown_column"]
