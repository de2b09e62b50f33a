"""`check` remembers documents the whole validator found clean, keyed by their value with prose blanked
(`spec_validator.clean_digest`): a docs change that only rewords text skips the validator's walk. The
findings and the (repaired) spec must be exactly those of a check without that memory."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build.pipeline import build_spec, checked
from generator.core.model import Source
from generator.speed import validator_memory as spec_validator
from generator.speed.layer import speed_for
from generator.speed.stage_cache import StageCache, value_bytes
from tests.rst_snippets import page, table

BODY = table("Request body parameters", [["Parameter", "Mandatory", "Type", "Description"],
                                         ["count", "Yes", "Integer", "How many."],
                                         ["name", "No", "String", "Its name."]])
RESPONSE = table("Response body parameters", [["Parameter", "Type", "Description"],
                                              ["id", "String", "ID of the thing."]])


def _tree(make_tree: Callable[[dict[str, str]], Path], function: str) -> Path:
    text = page("Creating a Thing", "POST /v1/{project_id}/things", f"""
Request Parameters
------------------

{BODY}
Response Parameters
-------------------

{RESPONSE}
Example Requests
----------------

.. code-block::

   {{"count": "three", "name": "x"}}

Example Responses
-----------------

**Status code: 200**

.. code-block::

   {{"id": "abc"}}
""").replace("Does a thing.", function)
    listing = page("Listing Things", "GET /v1/{project_id}/things", name="ListThings")
    return make_tree({"things/create.rst": text, "things/list.rst": listing})


def _findings(spec: dict[str, Any], stages: StageCache | None) -> tuple[Any, ...]:
    f, valid = checked(spec, Source("<things.openapi.yaml>", 0), speed=speed_for(None, None, stages))
    return f.diagnostics, f.mismatches, sorted(f.checked_examples), valid, value_bytes(spec)


@pytest.fixture(autouse=True)
def _fresh_memory() -> None:
    spec_validator.VALID.clear()


def test_a_reworded_page_is_checked_from_memory_with_the_same_findings(
        make_tree: Callable[[dict[str, str]], Path], tmp_path: Path) -> None:
    stages = StageCache(tmp_path / "cache")
    before = build_spec(_tree(make_tree, "Creates a thing."), "things").spec
    assert spec_validator.clean_digest(before) not in spec_validator.VALID
    _findings(before, stages)  # the validator walks it and finds it clean: remembered (and saved)
    assert spec_validator.clean_digest(before) in spec_validator.VALID

    changed = build_spec(_tree(make_tree, "Creates a thing, reworded."), "things").spec
    assert changed != before and spec_validator.clean_digest(changed) == spec_validator.clean_digest(before)
    remembered = _findings(copy.deepcopy(changed), stages)
    spec_validator.VALID.clear()
    uncached = _findings(copy.deepcopy(changed), None)
    assert remembered == uncached
    assert any(d.code == "example.schema_mismatch" for d in uncached[0])  # the example checks still ran

    spec_validator.VALID.clear()  # a new process: the memory comes from the cache folder
    assert spec_validator.load(stages.root) > 0 and spec_validator.clean_digest(changed) in spec_validator.VALID


def test_a_change_beyond_prose_is_validated_again(make_tree: Callable[[dict[str, str]], Path]) -> None:
    spec = build_spec(_tree(make_tree, "Creates a thing."), "things").spec
    assert not [d for d in _findings(copy.deepcopy(spec), None)[0] if d.code == "check.openapi"]
    broken = copy.deepcopy(spec)
    schema = next(iter(broken["components"]["schemas"].values()))
    schema["type"] = "strin"  # no JSON Schema type
    assert spec_validator.clean_digest(broken) != spec_validator.clean_digest(spec)
    from generator.build.check.document import check

    assert [d.code for d in check(broken).diagnostics if d.code == "check.openapi"]


def test_only_prose_of_the_document_is_blanked_never_documented_values() -> None:
    def doc(**changes: Any) -> dict[str, Any]:
        d: dict[str, Any] = {"openapi": "3.1.0", "info": {"title": "T", "version": "1", "description": "D"},
                             "paths": {"/a": {"get": {"summary": "S", "description": "D", "responses": {}}}},
                             "components": {"schemas": {"A": {"type": "object", "title": "A", "properties": {
                                 "description": {"type": "string", "maxLength": 3, "description": "D"}},
                                 "default": {"description": "abc"}, "examples": [{"description": "abc"}],
                                 "enum": [{"description": "abc"}], "const": {"description": "abc"},
                                 "x-otc": {"description": "abc"}}}}}
        for where, value in changes.items():
            node = d
            *parents, last = where.split("__")
            for p in parents:
                node = node[p]
            node[last] = value
        return d

    same = spec_validator.clean_digest(doc())
    assert spec_validator.clean_digest(doc(info__description="other")) == same
    assert spec_validator.clean_digest(doc(info__title="other")) == same
    for key in ("default", "const", "x-otc"):
        assert spec_validator.clean_digest(doc(**{f"components__schemas__A__{key}": {"description": "abcd"}})) != same
    assert spec_validator.clean_digest(doc(components__schemas__A__properties__description={"type": "integer"})) != same
    assert spec_validator.clean_digest(doc(info__description=1)) != same  # no longer prose: a type error


def test_example_checks_of_unchanged_operations_come_from_the_last_build(
        make_tree: Callable[[dict[str, str]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build.check import document as check_module

    stages = StageCache(tmp_path / "cache")
    _findings(build_spec(_tree(make_tree, "Creates a thing."), "things").spec, stages)
    changed = build_spec(_tree(make_tree, "Creates a thing, reworded."), "things").spec
    calls: list[str] = []
    real = check_module._check_examples

    def counting(spec: Any, op: Any, *args: Any) -> None:
        calls.append(op["operationId"])
        real(spec, op, *args)

    monkeypatch.setattr(check_module, "_check_examples", counting)
    remembered = _findings(copy.deepcopy(changed), stages)
    assert calls == ["DoThing"]  # the reworded operation alone; ListThings is the last build's
    assert not hasattr(check_module, "EXAMPLE_MEMO")  # handed to `check`, never a module's state
    spec_validator.VALID.clear()
    assert remembered == _findings(copy.deepcopy(changed), None)
    assert remembered[2]  # examples were checked


def test_example_placements_of_unchanged_operations_come_from_the_last_build(
        make_tree: Callable[[dict[str, str]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build.finish import invalid_examples

    stages = StageCache(tmp_path / "cache")
    build_spec(_tree(make_tree, "Creates a thing."), "things", speed=speed_for(1, None, stages))
    calls: list[str] = []
    real = invalid_examples._moves

    def counting(spec: Any, op: Any, validators: Any) -> Any:
        calls.append(op["operationId"])
        return real(spec, op, validators)

    monkeypatch.setattr(invalid_examples, "_moves", counting)
    changed = _tree(make_tree, "Creates a thing, reworded.")
    remembered = build_spec(changed, "things", speed=speed_for(1, None, stages)).spec
    assert calls == ["DoThing"]  # the reworded operation alone
    assert not hasattr(invalid_examples, "PLACEMENT_MEMO")  # handed to the renderer, never a module's state
    monkeypatch.setattr(invalid_examples, "_moves", real)
    assert value_bytes(remembered) == value_bytes(build_spec(changed, "things").spec)
    media = remembered["paths"]["/v1/{project_id}/things"]["post"]["requestBody"]["content"]["application/json"]
    assert media["x-otc-invalid-examples"]  # the documented example contradicting its schema was moved
