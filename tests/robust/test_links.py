"""A wording change never changes the API: links to nested tables hold when the words around them change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build.pipeline import build_spec

Tree = Callable[[dict[str, str]], Path]

GRID = """
      +----------------------------------+-----------------+-----------+-------------+
      | Name                             | Type            | Mandatory | Description |
      +==================================+=================+===========+=============+
      | {name:<32} | {type:<15} | {m:<9} | {desc:<11} |
      +----------------------------------+-----------------+-----------+-------------+
"""


def iam_page(bullet: str, type_cell: str = "Object") -> str:
    """IAM style: the request body row links with `:ref:` to a bullet's label; the bullet introduces the table."""
    parent = GRID.format(name=":ref:`volume <x__li_volume>`", type=type_cell, m="Yes", desc="The disk.")
    child = GRID.format(name="size", type="Int", m="Yes", desc="Disk size.")
    return f"""\
:original_name: CreateDisk.html

Creating a Disk
===============

URI
---

POST /v3/disks

Request Parameters
------------------

-  Parameters in the request body
{parent}
   -  .. _x__li_volume:

      {bullet}
{child}
"""


def volume(spec: dict[str, Any]) -> dict[str, Any]:
    schemas = spec["components"]["schemas"]
    body = schemas["CreateDiskRequest"]["properties"]["volume"]
    return schemas[body["$ref"].rsplit("/", 1)[1]] if "$ref" in body else body


def test_reworded_bullet_keeps_the_link_its_label_makes(make_tree: Tree) -> None:
    before = build_spec(make_tree({"a.rst": iam_page("volume")}), "svc")
    assert volume(before.spec)["properties"]["size"]["type"] == "integer"
    # the bullet renamed past caption length: only the label ties the table to the row now
    long = "Information of the disk that is attached when the server is created"
    after = build_spec(make_tree({"a.rst": iam_page(long)}), "svc")
    assert volume(after.spec)["properties"]["size"]["type"] == "integer"
    assert not [d for d in after.diagnostics if d.code in ("schema.unreferenced", "ref.dangling")]


def test_class_name_type_follows_the_rows_own_ref(make_tree: Tree) -> None:
    # `DiskInfo object` names no table; the row's `:ref:` says which one it is
    result = build_spec(make_tree({"a.rst": iam_page("volume", type_cell="DiskInfo object")}), "svc")
    assert volume(result.spec)["properties"]["size"]["type"] == "integer"
    assert not [d for d in result.diagnostics if d.code in ("type.unknown", "schema.unreferenced")]
