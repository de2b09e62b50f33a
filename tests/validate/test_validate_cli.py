"""`python -m generator validate`: verdicts, messages, counts and exit codes."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from har_helpers import har_entry

from generator import cli
from generator.commands.validate import main

SRC = "modelarts/updating_a_notebook_instance.rst"
UPDATE = "/v1/proj-1/notebooks/nb-1"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def test_valid_json_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_path: Path, response_example: Any
) -> None:
    f = tmp_path / "ok.json"
    f.write_text(json.dumps(response_example))
    code, out = run(capsys, spec_path, f, "--operation", "UpdateNotebook", "--status", "200")
    assert code == 0
    assert out == "summary: 1 checked, 1 valid, 0 invalid, 0 skipped, 0 unusable\n"


def test_invalid_json_document_names_pointer_expected_found_and_docs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_path: Path, response_example: Any
) -> None:
    body = copy.deepcopy(response_example)
    body["action_progress"][0]["sub_jobs"][0]["status"] = "DONE"
    body["name"] = "n" * 129
    body["endpoints"] = body["endpoints"] * 6
    del body["volume"]["category"]
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(body))
    code, out = run(
        capsys,
        spec_path,
        f,
        "--operation",
        "PUT /v1/{project_id}/notebooks/{id}",
        "--side",
        "response",
        "--status",
        "200",
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{f}:1: UpdateNotebook response 200: INVALID (4 violations)"
    assert lines[1] == (
        "    /action_progress/0/sub_jobs/0/status: expected one of "
        f'["WAITING","PROCESSING","FAILED","COMPLETED"], found "DONE"  [docs: {SRC}:198]'
    )
    assert lines[2] == f"    /endpoints: expected maxItems 5, found 6 items  [docs: {SRC}:124]"
    assert lines[3].startswith('    /name: expected maxLength 128, found "nnn') and lines[3].endswith(
        f"(length 129)  [docs: {SRC}:132]"
    )
    assert lines[4] == f'    /volume/category: expected required property "category", found missing  [docs: {SRC}:258]'
    assert lines[5] == "summary: 1 checked, 0 valid, 1 invalid, 0 skipped, 0 unusable"


def test_request_side_and_json_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_path: Path, request_example: Any
) -> None:
    body = copy.deepcopy(request_example)
    body["storage_new_size"] = "100"
    body["hooks"]["container_hooks"]["post_start"]["type"] = "BASH"
    f = tmp_path / "req.json"
    f.write_text(json.dumps(body))
    code, out = run(capsys, spec_path, f, "--operation", "UpdateNotebook", "--side", "request", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["summary"] == {"checked": 1, "valid": 0, "invalid": 1, "skipped": 0, "undocumented": 0,
                              "input_errors": 0}
    (result,) = doc["results"]
    assert result["input"] == {"file": str(f), "line": 1, "entry": None}
    assert (result["operation"], result["side"], result["verdict"]) == (
        "UpdateNotebook",
        "request",
        "invalid",
    )
    got = [(v["pointer"], v["keyword"], v["expected"], v["found"], v["source"]) for v in result["violations"]]
    assert got == [
        (
            "/hooks/container_hooks/post_start/type",
            "enum",
            'one of ["COMMAND","SCRIPT"]',
            '"BASH"',
            f"{SRC}:105",
        ),
        ("/storage_new_size", "type", 'type "integer"', '"100" (string)', f"{SRC}:52"),
    ]


def test_ndjson_envelopes_and_bad_lines_are_reported_per_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_path: Path, response_example: Any
) -> None:
    bad = copy.deepcopy(response_example)
    bad["volume"]["capacity"] = 5000
    lines = [
        json.dumps({"operation": "UpdateNotebook", "side": "response", "status": 200, "body": response_example}),
        json.dumps({"operation": "UpdateNotebook", "status": 200, "body": bad}),
        '{"operation": "UpdateNotebook", "status": 200, "body": {"id": ',
        "",
        json.dumps({"operation": "UpdateNotebook", "status": 404, "body": {}}),
        json.dumps({"operation": "UpdateNotebook", "status": 400, "body": {"error_code": 1}}),
        json.dumps({"operation": "NoSuchOperation", "status": 200, "body": {}}),
        json.dumps({"operation": "UpdateNotebook", "status": 200}),
        json.dumps({"id": "bare", "name": "bare body with CLI defaults"}),
    ]
    f = tmp_path / "batch.ndjson"
    f.write_text("\n".join(lines) + "\n")
    code, out = run(capsys, spec_path, f, "--format", "text")
    assert code == 2  # unusable lines are not masked by the invalid ones (nor the reverse: both counted)
    assert out.splitlines() == [
        f"{f}:2: UpdateNotebook response 200: INVALID (1 violation)",
        f"    /volume/capacity: expected maximum 4096, found 5000  [docs: {SRC}:256]",
        f"{f}:3: UNUSABLE [input.truncated]: truncated JSON: Expecting value (column 63)",
        f"{f}:5: UpdateNotebook response 404: UNDOCUMENTED STATUS: status 404 is not documented (documented: 200, 400)",
        f"{f}:6: UpdateNotebook response 400: INVALID (1 violation)",
        f'    /error_code: expected type "string", found 1 (integer)  [docs: {SRC}:302]',
        f"{f}:7: NoSuchOperation response 200: UNUSABLE [input.unknown_operation]: unknown operation 'NoSuchOperation'",
        f"{f}:8: UpdateNotebook response 200: UNUSABLE [input.no_body]: no body in envelope",
        f'{f}:9: UNUSABLE [input.no_operation]: no operation given (--operation or the envelope\'s "operation")',
        "summary: 3 checked, 1 valid, 2 invalid, 1 undocumented status, 0 skipped, 4 unusable",
    ]


def test_ndjson_command_line_defaults_apply_to_bare_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_path: Path, response_example: Any
) -> None:
    f = tmp_path / "bodies.jsonl"
    f.write_text(json.dumps(response_example) + "\n" + json.dumps({"id": "x"}) + "\n")
    code, out = run(capsys, spec_path, f, "--operation", "ShowNotebook", "--status", "200")
    assert code == 1
    assert out.splitlines()[0] == f"{f}:2: ShowNotebook response 200: INVALID (1 violation)"
    assert out.splitlines()[-1] == "summary: 2 checked, 1 valid, 1 invalid, 0 skipped, 0 unusable"


def test_only_unusable_input_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_path: Path) -> None:
    f = tmp_path / "broken.json"
    f.write_text("{not json")
    code, out = run(capsys, spec_path, f, "--operation", "UpdateNotebook", "--status", "200")
    assert code == 2
    assert (
        "UNUSABLE [input.invalid_json]: invalid JSON: Expecting property name enclosed in double quotes "
        "(line 1 column 2)"
    ) in out
    code, _ = run(capsys, spec_path, tmp_path / "missing.json", "--operation", "UpdateNotebook", "--status", "200")
    assert code == 2
    code, _ = run(capsys, spec_path, f, "--operation", "Nope")
    assert code == 2


def test_har_requests_and_responses(
    capsys: pytest.CaptureFixture[str],
    spec_path: Path,
    request_example: Any,
    response_example: Any,
    write_har: Callable[[list[dict[str, Any]], str], Path],
) -> None:
    bad_resp = copy.deepcopy(response_example)
    bad_resp["status"] = "SLEEPING"
    entries = [
        har_entry("PUT", UPDATE, request_body=request_example, response_body=response_example),
        har_entry("PUT", UPDATE, request_body={"name": 5}, response_body=bad_resp),
        har_entry(
            "GET",
            "/v1/proj-1/notebooks/flavors",
            query={"limit": "500", "category": "CPU"},
            headers={"x-language": "fr-fr"},
            response_body={"flavors": ["a"]},
        ),
        har_entry(
            "GET",
            "/v1/proj-1/notebooks/flavors",
            query={"limit": "10"},
            headers={"X-Language": "en-us"},
            status=204,
        ),
        har_entry("GET", "/v2/proj-1/unknown"),
        har_entry("GET", "/v1/proj-1/notebooks/nb-1", raw_response="<html>gateway</html>", response_mime="text/html"),
        har_entry("GET", "/v1/proj-1/notebooks/nb-1", status=503, response_body={"error_code": "x"}),
        har_entry("PUT", UPDATE, response_body={"id": "a", "name": "b"}),
    ]
    har = write_har(entries, "rec.har")
    code, out = run(capsys, spec_path, har)
    assert code == 1
    assert out.splitlines() == [
        f"{har} entry 1: UpdateNotebook request: INVALID (1 violation)",
        f'    /name: expected type "string", found 5 (integer)  [docs: {SRC}:50]',
        f"{har} entry 1: UpdateNotebook response 200: INVALID (1 violation)",
        '    /status: expected one of ["INIT","CREATING","STARTING","STOPPING","DELETING","RUNNING",'
        '"STOPPED","SNAPSHOTTING","CREATE_FAILED","START_FAILED","DELETE_FAILED","ERROR","DELETED",'
        '"FROZEN"], '
        f'found "SLEEPING"  [docs: {SRC}:140]',
        f"{har} entry 2: ListFlavors request: INVALID (2 violations)",
        '    header /X-Language: expected one of ["en-us","zh-cn"], found "fr-fr"'
        "  [docs: modelarts/querying_flavors.rst:36]",
        "    query /limit: expected maximum 100, found 500  [docs: modelarts/querying_flavors.rst:30]",
        f"{har} entry 3: ListFlavors request: INVALID (1 violation)",
        '    query /category: expected required query parameter "category", found missing'
        "  [docs: modelarts/querying_flavors.rst:32]",
        f"{har} entry 4: SKIPPED: no operation matches GET /v2/proj-1/unknown",
        f"{har} entry 5: ShowNotebook response 200: SKIPPED: response body is text/html, not JSON",
        f"{har} entry 6: ShowNotebook response 503: UNDOCUMENTED STATUS: status 503 is not documented "
        "(documented: 200)",
        f"{har} entry 7: UpdateNotebook request: INVALID (1 violation)",
        f"    /: expected a request body (required), found missing  [docs: {SRC}:21]",
        "summary: 12 checked, 7 valid, 5 invalid, 1 undocumented status, 2 skipped, 0 unusable",
    ]


def test_har_query_from_url_and_non_json_request_body(
    capsys: pytest.CaptureFixture[str],
    spec_path: Path,
    write_har: Callable[[list[dict[str, Any]], str], Path],
) -> None:
    entry = har_entry("GET", "/v1/p/notebooks/flavors", headers={"X-Language": "en-us"}, response_body={})
    entry["request"]["url"] += "?category=TPU&limit=0"  # recorder left queryString empty
    put = har_entry("PUT", "/v1/" + "p" * 65 + "/notebooks/nb", response_body={"id": "a", "name": "b"})
    put["request"]["postData"] = {"mimeType": "text/plain", "text": "name=x"}
    har = write_har([entry, put], "q.har")
    code, out = run(capsys, spec_path, har)
    assert code == 1
    assert out.splitlines() == [
        f"{har} entry 0: ListFlavors request: INVALID (2 violations)",
        '    query /category: expected one of ["CPU","GPU"], found "TPU"  [docs: modelarts/querying_flavors.rst:32]',
        "    query /limit: expected minimum 1, found 0  [docs: modelarts/querying_flavors.rst:30]",
        f"{har} entry 1: UpdateNotebook request: INVALID (1 violation; request body is text/plain, not JSON; "
        "body not checked)",
        f'    path /project_id: expected maxLength 64, found "{"p" * 65}" (length 65)'
        "  [docs: modelarts/updating_a_notebook_instance.rst:31]",
        "summary: 4 checked, 2 valid, 2 invalid, 0 skipped, 0 unusable",
    ]


def test_truncated_har_checks_complete_entries_and_exits_2_when_rest_valid(
    capsys: pytest.CaptureFixture[str],
    spec_path: Path,
    request_example: Any,
    response_example: Any,
    write_har: Callable[[list[dict[str, Any]], str], Path],
) -> None:
    entry = har_entry("PUT", UPDATE, request_body=request_example, response_body=response_example)
    har = write_har([entry, entry, entry], "cut.har")
    text = har.read_text()
    cut = text.rfind('"request"')  # inside the third entry
    har.write_text(text[:cut])
    code, out = run(capsys, spec_path, har, "--format", "json")
    assert code == 2
    doc = json.loads(out)
    assert doc["summary"] == {"checked": 4, "valid": 4, "invalid": 0, "skipped": 0, "undocumented": 0,
                              "input_errors": 1}
    last = doc["results"][-1]
    assert last["input"]["entry"] == 2 and last["reason"].startswith("truncated HAR: 2 complete entries read")
    assert [r["input"]["entry"] for r in doc["results"][:4]] == [0, 0, 1, 1]


def test_strict_turns_skips_into_failure(
    capsys: pytest.CaptureFixture[str],
    spec_path: Path,
    write_har: Callable[[list[dict[str, Any]], str], Path],
) -> None:
    har = write_har([har_entry("GET", "/nowhere")], "x.har")
    assert run(capsys, spec_path, har)[0] == 2  # nothing could be checked
    assert run(capsys, spec_path, har, "--strict")[0] == 1


def test_output_is_deterministic_and_runs_as_module(spec_path: Path, tmp_path: Path, response_example: Any) -> None:
    f = tmp_path / "p.json"
    f.write_text(json.dumps({**response_example, "status": "??", "volume": {"capacity": "big"}}))
    cmd = [
        sys.executable,
        "-m",
        "generator.commands.validate",
        str(spec_path),
        str(f),
        "--operation",
        "UpdateNotebook",
        "--status",
        "200",
        "--format",
        "json",
    ]
    root = Path(__file__).resolve().parents[2]
    runs = [
        subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            cwd=root,
            env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
        )
        for seed in (1, 2)
    ]
    assert runs[0].returncode == runs[1].returncode == 1, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    pointers = [v["pointer"] for v in json.loads(runs[0].stdout)["results"][0]["violations"]]
    assert pointers == ["/status", "/volume/capacity", "/volume/category"]


def test_registered_in_cli() -> None:
    assert "generator.commands.validate" in cli._COMMAND_MODULES


def test_har_detection_and_unreadable_har(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    spec_path: Path,
    response_example: Any,
    write_har: Callable[[list[dict[str, Any]], str], Path],
) -> None:
    as_json = write_har([har_entry("GET", "/v1/p/notebooks/nb", response_body=response_example)], "capture.json")
    code, out = run(capsys, spec_path, as_json)  # a .json file holding a HAR is read as a HAR
    assert (code, out) == (0, "summary: 2 checked, 2 valid, 0 invalid, 0 skipped, 0 unusable\n")
    garbage = tmp_path / "garbage.har"
    garbage.write_text("<html>proxy error</html>")
    code, out = run(capsys, spec_path, garbage, as_json)
    assert code == 2
    assert out.splitlines()[0] == (
        f"{garbage}: UNUSABLE [input.invalid_json]: not a HAR file: invalid JSON: Expecting value (line 1 column 1)"
    )
    no_entries = tmp_path / "x.txt"
    no_entries.write_text('{"log": {}}')
    code, out = run(capsys, spec_path, no_entries, "--input-format", "har")
    assert code == 2 and f"{no_entries}: UNUSABLE [input.not_har]: not a HAR file: no log.entries list" in out
