"""Integer enum members are named from what the docs say each value means ("0: disabled" -> DISABLED)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import build_spec
from generator.docs.prose.enums import enum_names
from tests.rst_snippets import page

TABLE = """
Response Parameters
-------------------

**Status code: 200**

.. table:: **Table 1** Response body parameters

   +-----------+---------+------------------------------+
   | Parameter | Type    | Description                  |
   +===========+=========+==============================+
   | state     | Integer | Whether it is on. Options:   |
   |           |         |                              |
   |           |         | -  **0**: disabled           |
   |           |         | -  **1**: enabled            |
   +-----------+---------+------------------------------+
   | mode      | Integer | The mode. Options:           |
   |           |         |                              |
   |           |         | -  **0**: the old way of it, |
   |           |         |    kept for compatibility    |
   |           |         | -  **1**: new                |
   +-----------+---------+------------------------------+

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
"""


def test_enum_names_from_the_meanings() -> None:
    assert enum_names(["0", "1"], ["0: disabled", "1: enabled"]) == ("DISABLED", "ENABLED")
    assert enum_names(["0", "1"], ["0: not started.", "1 - in use"]) == ("NOT_STARTED", "IN_USE")
    # a sentence is no name; two values meaning the same word cannot both take it
    assert enum_names(["0", "1"], ["0: the old way of doing it", "1: new"]) is None
    assert enum_names(["0", "1"], ["0: off", "1: off"]) is None


def test_integer_enum_gets_its_member_names(make_tree: Callable[[dict[str, str]], Path]) -> None:
    r = build_spec(make_tree({"a/showing.rst": page("Querying a Thing", "GET /v1/thing", TABLE,
                                                    name="ShowThing")}), "svc")
    props = r.spec["components"]["schemas"]["ShowThingResponse"]["properties"]
    assert props["state"]["enum"] == [0, 1]
    assert props["state"]["x-enum-varnames"] == ["DISABLED", "ENABLED"]
    # one meaning is a sentence: the members keep the generator's VALUE_<n> names
    assert props["mode"]["enum"] == [0, 1] and "x-enum-varnames" not in props["mode"]
