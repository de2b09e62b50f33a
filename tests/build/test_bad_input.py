"""Bad input: each case gives a diagnostic with file:line and a stable code, and the rest still comes out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from tests.rst_snippets import line_of, page, table

BODY_TABLE = """
Request Parameters
------------------

.. table:: **Table 1** Request body parameters

   +-----------+-----------+--------+-------------+
   | Parameter | Mandatory | Type   | Description |
   +===========+===========+========+=============+
   | name      | Yes       | String | The name.   |
   +-----------+-----------+--------+-------------+

"""

GOOD = page("Listing Things", "GET /v1/{project_id}/things", """
Response Parameters
-------------------

**Status code: 200**

""" + table("Response body parameters", [["Parameter", "Type", "Description"], ["count", "Integer", "Count."]]) + """
Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
""", name="ListThings")


def codes(result: object) -> list[tuple[str, str, int]]:
    return [(d.code, d.source.file, d.source.line) for d in result.diagnostics]  # type: ignore[attr-defined]


def test_page_without_uri(make_tree: Callable[[dict[str, str]], Path]) -> None:
    text = page("Creating a Thing", "Call it somehow.", BODY_TABLE, name="CreateThing")
    root = make_tree({"a/creating_a_thing.rst": text, "a/listing_things.rst": GOOD})
    r = build_spec(root, "svc")
    assert ("page.no_uri", "a/creating_a_thing.rst", line_of(text, "Creating a Thing")) in codes(r)
    assert list(r.spec["paths"]) == ["/v1/{project_id}/things"]  # the good page still made it


def test_grid_table_row_missing_a_cell(make_tree: Callable[[dict[str, str]], Path]) -> None:
    # docutils reads the missing separator as a cell spanning two columns: the row is one cell short
    broken = BODY_TABLE.replace("| name      | Yes       | String | The name.   |",
                                "| name      | Yes       | String   The name.   |")
    text = page("Creating a Thing", "POST /v1/things", broken, name="CreateThing")
    root = make_tree({"a/creating_a_thing.rst": text, "a/listing_things.rst": GOOD})
    r = build_spec(root, "svc")
    assert ("table.row_shape", "a/creating_a_thing.rst", line_of(text, "| name")) in codes(r)
    assert set(r.spec["paths"]) == {"/v1/things", "/v1/{project_id}/things"}
    assert r.pages[0].rows_total == 1 and r.pages[0].rows_failed == 1


def test_grid_table_docutils_cannot_parse(make_tree: Callable[[dict[str, str]], Path]) -> None:
    broken = BODY_TABLE.replace("| name      | Yes       | String | The name.   |",
                                "| name      | Yes       | String | The name.")
    text = page("Creating a Thing", "POST /v1/things", broken, name="CreateThing")
    root = make_tree({"a/creating_a_thing.rst": text, "a/listing_things.rst": GOOD})
    r = build_spec(root, "svc")
    malformed = [d for d in r.diagnostics if d.code == "table.malformed"]
    assert [(d.source.file, d.source.line > 0) for d in malformed] == [("a/creating_a_thing.rst", True)]
    assert set(r.spec["paths"]) == {"/v1/things", "/v1/{project_id}/things"}


def test_unknown_type_spelling(make_tree: Callable[[dict[str, str]], Path]) -> None:
    body = BODY_TABLE.replace("| String |", "| Qubit  |")
    text = page("Creating a Thing", "POST /v1/things", body, name="CreateThing")
    root = make_tree({"a/c.rst": text})
    r = build_spec(root, "svc")
    (d,) = [d for d in r.diagnostics if d.code == "type.unknown"]
    assert (d.source.file, d.source.line) == ("a/c.rst", line_of(text, "| name"))
    assert "Qubit" in d.message
    prop = r.spec["components"]["schemas"]["CreateThingRequest"]["properties"]["name"]
    assert "type" not in prop and prop["x-source"]["line"] == d.source.line  # kept, untyped, traceable
    assert r.pages[0].rows_unknown_type == 1 and r.pages[0].rows_total == 1


def test_ref_to_missing_label(make_tree: Callable[[dict[str, str]], Path]) -> None:
    body = BODY_TABLE.replace("| String |", "| :ref:`Gone <nowhere>` object |").replace(
        "+--------+", "+------------------------------+").replace("+========+", "+==============================+"
    ).replace("| Type   |", "| Type                         |")
    text = page("Creating a Thing", "POST /v1/things", body, name="CreateThing")
    root = make_tree({"a/c.rst": text})
    r = build_spec(root, "svc")
    (d,) = [d for d in r.diagnostics if d.code == "ref.dangling"]
    assert (d.source.file, d.source.line) == ("a/c.rst", line_of(text, "| name")) and "nowhere" in d.message
    assert r.spec["components"]["schemas"]["CreateThingRequest"]["properties"]["name"]["type"] == "object"
    assert r.pages[0].rows_failed == 1


def test_example_that_is_not_json(make_tree: Callable[[dict[str, str]], Path]) -> None:
    body = BODY_TABLE + """
Example Requests
----------------

.. code-block::

   {
     "name": "a",
   }

.. code-block::

   {"name": "b"}
"""
    text = page("Creating a Thing", "POST /v1/things", body, name="CreateThing")
    root = make_tree({"a/c.rst": text})
    r = build_spec(root, "svc")
    (d,) = [d for d in r.diagnostics if d.code == "example.invalid_json"]
    # JSON reports the error where the next key was expected: the closing brace after the comma
    assert (d.source.file, d.source.line) == ("a/c.rst", line_of(text, '"name": "a",') + 1)
    examples = r.spec["paths"]["/v1/things"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    assert [e["value"] for e in examples.values()] == [{"name": "b"}]


def test_one_crashing_page_does_not_stop_the_others(make_tree: Callable[[dict[str, str]], Path],
                                                    monkeypatch: object) -> None:
    import generator.docs.extract as extraction  # what `pages.extract_data` calls

    real = extraction.extract

    def flaky(read: object, read_cell: object = None) -> object:
        if read.file.endswith("boom.rst"):  # type: ignore[attr-defined]
            raise RuntimeError("kaboom")
        return real(read, read_cell)  # type: ignore[arg-type]

    monkeypatch.setattr(extraction, "extract", flaky)  # type: ignore[attr-defined]
    root = make_tree({"a/boom.rst": GOOD.replace("ListThings", "Boom"), "a/listing_things.rst": GOOD})
    r = build_spec(root, "svc")
    assert [(d.code, d.source.file) for d in r.diagnostics if d.code == "page.crash"] == [("page.crash", "a/boom.rst")]
    assert list(r.spec["paths"]) == ["/v1/{project_id}/things"]


def test_same_name_different_shape_is_disambiguated(make_tree: Callable[[dict[str, str]], Path]) -> None:
    def with_nested(field: str, opname: str, path: str) -> str:
        body = ("Request Parameters\n------------------\n\n"
                + table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                                    ["spec", "Yes", f":ref:`Spec <{opname}_spec>` object", "It."]])
                + table("Spec", [["Parameter", "Mandatory", "Type", "Description"], [field, "No", "String", "A."]],
                        label=f"{opname}_spec"))
        return page(f"Creating {opname}", f"POST {path}", body, name=opname)

    root = make_tree({"a/one.rst": with_nested("alpha", "CreateOne", "/v1/one"),
                      "a/two.rst": with_nested("beta", "CreateTwo", "/v1/two"),
                      "a/three.rst": with_nested("alpha", "CreateThree", "/v1/three")})
    r = build_spec(root, "svc")
    schemas = r.spec["components"]["schemas"]
    assert set(schemas["Spec"]["properties"]) == {"alpha"}  # one.rst and three.rst: same shape, shared
    assert set(schemas["CreateTwoSpec"]["properties"]) == {"beta"}
    conflicts = [(d.code, d.source.file) for d in r.diagnostics if d.code == "schema.name_conflict"]
    assert conflicts == [("schema.name_conflict", "a/two.rst")]
    assert schemas["CreateThreeRequest"]["properties"]["spec"]["$ref"] == "#/components/schemas/Spec"
    assert schemas["CreateOneRequest"]["properties"]["spec"]["$ref"] == "#/components/schemas/Spec"
