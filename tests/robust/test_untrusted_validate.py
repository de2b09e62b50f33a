"""`validate` on hostile or broken recordings: each bad entry is named with a stable code, the run
goes on with the next entry, and the exit status never hides unusable entries behind invalid ones."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import cli

SPEC = Path(__file__).parents[1] / "validate" / "data" / "mini.openapi.yaml"
BASE = "https://modelarts.eu-de.otc.t-systems.com"
SHOW = "/v1/p/notebooks/nb"
DEEP = "[" * 2000 + "]" * 2000
LONG_NUMBER = "9" * 5000


def _response_example() -> Any:
    doc = yaml.safe_load(SPEC.read_text())
    return doc["paths"]["/v1/{project_id}/notebooks/{id}"]["put"]["responses"]["200"]["content"]["application/json"][
        "example"
    ]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main(["validate", *(str(a) for a in args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _entry(status: Any = 200, content: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "request": {"method": "GET", "url": BASE + SHOW, "queryString": [], "headers": []},
        "response": {"status": status, "content": content or {"mimeType": "application/json",
                                                              "text": json.dumps(_response_example())}},
    }


def _har(tmp_path: Path, entries: list[dict[str, Any]]) -> Path:
    p = tmp_path / "rec.har"
    p.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}))
    return p


def _codes(out: str) -> list[str | None]:
    return [r["code"] for r in json.loads(out)["results"] if r["input_error"]]


def test_each_hostile_har_entry_is_named_and_the_run_goes_on(capsys: pytest.CaptureFixture[str],
                                                             tmp_path: Path) -> None:
    good = _entry()
    text = json.dumps(_response_example())
    entries = [
        _entry(content={"mimeType": "application/json", "text": text[: len(text) // 2]}),  # truncated body
        _entry(content={"mimeType": "application/json", "text": "!!not base64!!", "encoding": "base64"}),
        _entry(content={"mimeType": "application/json", "encoding": "base64",
                        "text": base64.b64encode(b'{"name": "\xff\xfe"}').decode()}),  # not UTF-8 once decoded
        _entry(content={"mimeType": "application/json", "text": DEEP}),
        _entry(content={"mimeType": "application/json", "text": '{"id": ' + LONG_NUMBER + "}"}),
        _entry(content={"mimeType": "application/json", "text": '{"id": 1e999999}'}),
        _entry(status="200"),  # HAR status is a number; a string is a broken recorder
        _entry(status=2000),
        good,
    ]
    code, out, _ = run(capsys, SPEC, _har(tmp_path, entries), "--format", "json")
    assert code == 2
    assert _codes(out) == [
        "input.truncated",
        "input.bad_base64",
        "input.not_utf8",
        "input.too_deep",
        "input.number_too_long",
        "input.number_out_of_range",
        "input.bad_status",
        "input.bad_status",
    ]
    results = json.loads(out)["results"]
    # the last, good entry was still checked (request and response)
    assert [(r["input"]["entry"], r["verdict"]) for r in results[-2:]] == [(8, "valid"), (8, "valid")]
    summary = json.loads(out)["summary"]
    assert summary["input_errors"] == 8 and summary["skipped"] == 0


def test_truncated_body_is_no_longer_a_silent_skip(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = json.dumps(_response_example())
    har = _har(tmp_path, [_entry(content={"mimeType": "application/json", "text": text[:-5]})])
    code, out, _ = run(capsys, SPEC, har)
    assert code == 2
    assert f"{har} entry 0: ShowNotebook response 200: UNUSABLE [input.truncated]: response body: truncated JSON" in out
    assert out.splitlines()[-1] == "summary: 1 checked, 1 valid, 0 invalid, 0 skipped, 1 unusable"


def test_unusable_is_not_masked_by_invalid_nor_the_reverse(capsys: pytest.CaptureFixture[str],
                                                           tmp_path: Path) -> None:
    bad = copy.deepcopy(_response_example())
    bad["volume"]["capacity"] = 5000
    f = tmp_path / "mixed.ndjson"
    f.write_bytes(b"\n".join([
        json.dumps({"operation": "UpdateNotebook", "status": 200, "body": bad}).encode(),
        b'{"operation": "UpdateNotebook", "status": 200, "body": {"name": "\xff"}}',  # bad bytes: this line only
        json.dumps({"operation": "UpdateNotebook", "status": "2OO", "body": {}}).encode(),
        json.dumps({"operation": "UpdateNotebook", "status": 2000, "body": {}}).encode(),
        ('{"operation": "UpdateNotebook", "status": 200, "body": ' + DEEP + "}").encode(),
        json.dumps({"operation": "UpdateNotebook", "status": 200, "body": _response_example()}).encode(),
    ]) + b"\n")
    code, out, _ = run(capsys, SPEC, f)
    assert code == 2
    lines = out.splitlines()
    assert lines[0] == f"{f}:1: UpdateNotebook response 200: INVALID (1 violation)"
    assert lines[2].startswith(f"{f}:2: UNUSABLE [input.not_utf8]: not UTF-8: byte 0xff")
    assert lines[3] == (f"{f}:3: UpdateNotebook response 2OO: UNUSABLE [input.bad_status]: "
                        'status "2OO" is a string; the envelope\'s status is a number')
    assert lines[4] == (f"{f}:4: UpdateNotebook response 2000: UNUSABLE [input.bad_status]: "
                        "status 2000 is not a status code (100-599)")
    assert lines[5].startswith(f"{f}:5: UNUSABLE [input.too_deep]: JSON nested deeper than")
    assert lines[-1] == "summary: 2 checked, 1 valid, 1 invalid, 0 skipped, 4 unusable"
    # without the unusable lines the same invalid payload gives 1
    f.write_text(json.dumps({"operation": "UpdateNotebook", "status": 200, "body": bad}) + "\n")
    assert run(capsys, SPEC, f)[0] == 1


def test_json_document_with_long_number_and_deep_nesting(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for text, code_name in ((DEEP, "input.too_deep"), ('{"id": ' + LONG_NUMBER + "}", "input.number_too_long"),
                            ("[NaN]", "input.invalid_json")):
        f = tmp_path / "body.json"
        f.write_text(text)
        code, out, err = run(capsys, SPEC, f, "--operation", "UpdateNotebook", "--status", "200", "--format", "json")
        assert (code, _codes(out), err) == (2, [code_name], "")


def test_input_size_limit_is_configurable(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "big.json"
    f.write_text(json.dumps(_response_example()) + " " * 100_000)  # above the limit, unlike the spec
    code, out, _ = run(capsys, SPEC, f, "--operation", "UpdateNotebook", "--status", "200", "--max-input-size", "50K")
    assert code == 2
    assert (f"{f}: UNUSABLE [input.too_large]: input too large: {f.stat().st_size} bytes, the limit is 51200 bytes "
            "(raise it with --max-input-size)") in out
    code, _, err = run(capsys, SPEC, f, "--operation", "UpdateNotebook", "--status", "200", "--max-input-size", "100")
    assert code == 2 and err.startswith(f"error: {SPEC}: not a usable YAML/JSON spec (input.too_large)")
    assert run(capsys, SPEC, f, "--operation", "UpdateNotebook", "--status", "200", "--max-input-size", "1M")[0] == 0
    code, _, err = run(capsys, SPEC, f, "--operation", "UpdateNotebook", "--max-input-size", "1M", "--status", "ok")
    assert code == 2 and err == 'error: --status: status "ok" is not a status code (three digits)\n'


@pytest.mark.parametrize(
    ("text", "suffix", "why"),
    [
        ("paths: [unclosed", ".yaml", "not a usable YAML/JSON spec (input.invalid_yaml)"),
        ("just a string", ".yaml", "not an OpenAPI document (no `paths`)"),
        ("openapi: 3.1.0\npaths:\n  /x: {get: {responses: [1, 2]}}\n", ".yaml", "not an OpenAPI document"),
        ("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
         + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                   for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
         ".yaml", "(input.yaml_aliases)"),
        ("[" * 3000 + "]" * 3000, ".yaml", "(input.too_deep)"),
        ("[" * 3000 + "]" * 3000, ".json", "(input.too_deep)"),
        (b"openapi: '3.1.0'\ninfo: {title: \xff}\n", ".yaml", "(input.not_utf8)"),
    ],
)
def test_unusable_spec_is_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               text: str | bytes, suffix: str, why: str) -> None:
    spec = tmp_path / f"spec{suffix}"
    if isinstance(text, bytes):
        spec.write_bytes(text)
    else:
        spec.write_text(text)
    body = tmp_path / "b.json"
    body.write_text("{}")
    code, out, err = run(capsys, spec, body, "--operation", "X", "--status", "200")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {spec}") and why in err, err
