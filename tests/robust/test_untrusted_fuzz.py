"""`validate` over random and mutated recordings (hypothesis): never an exception, every input ends in
results with a verdict or a named unusable entry, and the exit status follows the documented rule."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.validate import validate_files
from generator.validate import Spec
from generator.validate.inputs import Defaults
from generator.validate.report import exit_code, render_json, render_text, summarize

SPEC_PATH = Path(__file__).parents[1] / "validate" / "data" / "mini.openapi.yaml"
SPEC = Spec.load(SPEC_PATH)
_DOC = yaml.safe_load(SPEC_PATH.read_text())
_EXAMPLE = _DOC["paths"]["/v1/{project_id}/notebooks/{id}"]["put"]["responses"]["200"]["content"][
    "application/json"]["example"]
_ENTRY = {
    "request": {"method": "GET", "url": "https://modelarts.eu-de.otc.t-systems.com/v1/p/notebooks/nb",
                "queryString": [], "headers": []},
    "response": {"status": 200, "content": {"mimeType": "application/json", "text": json.dumps(_EXAMPLE)}},
}
GOOD = {
    "har": json.dumps({"log": {"version": "1.2", "entries": [_ENTRY, _ENTRY]}}, indent=1).encode(),
    "ndjson": "\n".join(json.dumps({"operation": "UpdateNotebook", "status": 200, "body": _EXAMPLE})
                        for _ in range(3)).encode(),
    "json": json.dumps(_EXAMPLE).encode(),
}
SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    fmt = draw(st.sampled_from(sorted(GOOD)))
    data = bytearray(GOOD[fmt])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["truncate", "insert", "replace", "nest", "number", "bytes"]))
        at = draw(st.integers(0, len(data)))
        if kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "nest":
            depth = draw(st.integers(200, 3000))
            data[at:at] = b"[" * depth + b"]" * depth
        elif kind == "number":
            data[at:at] = b"9" * draw(st.integers(300, 6000))
        else:
            data[at:at] = b"\xff\xfe\x80"
    return fmt, bytes(data)


def _check(tmp_path: Path, fmt: str, data: bytes) -> None:
    path = tmp_path / f"input.{fmt}"
    path.write_bytes(data)
    results = validate_files(SPEC, [path], fmt, Defaults(operation="UpdateNotebook" if fmt == "json" else None,
                                                         status="200" if fmt == "json" else None))
    assert results, "every input ends in at least one result"
    for r in results:
        assert r.verdict in ("valid", "invalid", "skipped")
        assert not r.input_error or (r.code or "").startswith("input."), r
    s = summarize(results)
    code = exit_code(results)
    assert code == (2 if s.input_errors or s.checked == 0 else 1 if s.invalid else 0)
    render_text(results)
    json.loads(render_json(results))


@SETTINGS
@given(case=mutated())
def test_mutated_recordings(case: tuple[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _check(Path(tmp), *case)


@SETTINGS
@given(fmt=st.sampled_from(["har", "ndjson", "json"]), data=st.binary(max_size=400))
def test_random_bytes(fmt: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _check(Path(tmp), fmt, data)


def test_unmutated_recordings_are_valid(tmp_path: Path) -> None:
    for fmt, data in GOOD.items():
        path = tmp_path / f"good.{fmt}"
        path.write_bytes(data)
        defaults = Defaults(operation="UpdateNotebook" if fmt == "json" else None,
                            status="200" if fmt == "json" else None)
        results = validate_files(SPEC, [path], fmt, defaults)
        assert exit_code(results) == 0 and summarize(results).checked >= 1, fmt
