"""Inputs `validate` cannot use: each skipped with its own stable code (generator.core.codes, stage `input`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.core.codes import CODES, Stage
from generator.validate import Spec
from generator.validate.inputs import BodyPayload, Defaults, Origin, Record, read
from generator.validate.verdict import Checker

_OP = Defaults(operation="UpdateNotebook", side="response", status="200")


def _codes(spec: Spec, records: list[Record]) -> list[str | None]:
    results = Checker(spec).check(records)
    assert all(r.input_error for r in results)
    return [r.code for r in results]


def test_each_unusable_input_has_its_code(tmp_path: Path, spec: Spec) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text("")
    har = tmp_path / "calls.har"
    har.write_text(json.dumps({"log": {"entries": [{"request": {"method": "GET"}, "response": {}}]}}))
    cases: dict[str, list[Record]] = {
        "input.empty": list(read(empty, "auto", _OP)),
        "input.unreadable": list(read(tmp_path, "json", _OP)),  # a folder: nothing to read
        "input.bad_entry": list(read(har, "har", _OP)),
        "input.no_side": [BodyPayload(Origin("x"), "UpdateNotebook", None, None, {})],
        "input.unusable": [BodyPayload(Origin("x"), "UpdateNotebook", "response", "200", problem="cut off")],
    }
    assert {code: _codes(spec, records) for code, records in cases.items()} == {c: [c] for c in cases}
    assert all(CODES[c].stage is Stage.INPUT for c in cases)


def test_a_payload_the_checker_trips_on_costs_that_payload_only(spec: Spec, monkeypatch: pytest.MonkeyPatch) -> None:
    def trip(self: Checker, p: BodyPayload) -> None:
        raise RecursionError("hostile payload")

    monkeypatch.setattr(Checker, "_check_payload", trip)
    [result] = Checker(spec).check([BodyPayload(Origin("x"), "UpdateNotebook", "response", "200", {})])
    assert (result.code, result.input_error) == ("input.uncheckable", True)
    assert "RecursionError: hostile payload" in (result.reason or "")
