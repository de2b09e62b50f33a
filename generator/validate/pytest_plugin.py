"""pytest plugin (entry point `pytest11: otc_apigen`): spec conformance assertions for service tests.

    from generator.validate.pytest_plugin import assert_valid_response
    assert_valid_response("specs/modelarts.openapi.yaml", "UpdateNotebook", 200, resp.json())

The same functions are available as fixtures of the same names. A failure message has the same
lines as `python -m generator validate`: pointer, expected, found and the docs source.
A payload that cannot be checked (unknown operation, undocumented status) fails too: a test that
silently checks nothing would pass for the wrong reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from generator.validate.inputs import Origin
from generator.validate.report import describe, format_violation
from generator.validate.spec import Spec
from generator.validate.verdict import VALID, Checker, Result

SpecLike = str | Path | Spec | Mapping[str, Any]

__all__ = ["assert_valid_request", "assert_valid_response", "checker_for"]


@lru_cache(maxsize=32)
def _checker_for_path(path: str, mtime_ns: int) -> Checker:
    # Keyed by mtime so a spec regenerated during a session is reloaded; validators stay cached per spec.
    return Checker(Spec.load(path))


_by_id: dict[int, tuple[object, Checker]] = {}


def checker_for(spec: SpecLike) -> Checker:
    if isinstance(spec, str | Path):
        p = Path(spec).resolve()
        return _checker_for_path(str(p), p.stat().st_mtime_ns)
    hit = _by_id.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    checker = Checker(spec if isinstance(spec, Spec) else Spec.from_dict(spec))
    _by_id[id(spec)] = (spec, checker)
    return checker


def _body(payload: Any) -> Any:
    # Raw bytes are what an HTTP client hands over; decode them like a server would.
    if isinstance(payload, bytes | bytearray):
        return json.loads(payload)
    return payload


def _fail_unless_valid(result: Result) -> None:
    if result.verdict == VALID:
        return
    if result.violations:
        lines = [f"{describe(result)}: INVALID", *(format_violation(v) for v in result.violations)]
    else:
        lines = [f"{describe(result)}: cannot check: {result.reason}"]
    raise AssertionError("\n".join(lines))


def assert_valid_response(spec: SpecLike, operation: str, status: int | str, payload: Any) -> None:
    result = checker_for(spec).check_body(
        operation, "response", status, _body(payload), Origin("assert_valid_response")
    )
    _fail_unless_valid(result)


def assert_valid_request(spec: SpecLike, operation: str, payload: Any) -> None:
    result = checker_for(spec).check_body(operation, "request", None, _body(payload), Origin("assert_valid_request"))
    _fail_unless_valid(result)


@pytest.fixture(name="assert_valid_response")
def _assert_valid_response_fixture() -> Callable[[SpecLike, str, int | str, Any], None]:
    return assert_valid_response


@pytest.fixture(name="assert_valid_request")
def _assert_valid_request_fixture() -> Callable[[SpecLike, str, Any], None]:
    return assert_valid_request
