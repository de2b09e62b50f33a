"""The pytest plugin: direct calls, fixtures in a real pytest run, and its entry point."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

from generator.validate.pytest_plugin import assert_valid_request, assert_valid_response

ROOT = Path(__file__).resolve().parents[2]
SRC = "modelarts/updating_a_notebook_instance.rst"


def test_valid_payloads_pass(spec_path: Path, response_example: Any, request_example: Any) -> None:
    assert_valid_response(spec_path, "UpdateNotebook", 200, response_example)
    assert_valid_response(str(spec_path), "UpdateNotebook", "200", json.dumps(response_example).encode())
    assert_valid_request(spec_path, "PUT /v1/{project_id}/notebooks/{id}", request_example)


def test_failure_message_matches_cli_lines(spec_path: Path, response_example: Any) -> None:
    body = copy.deepcopy(response_example)
    body["endpoints"][0]["dev_service"] = "RDP"
    with pytest.raises(AssertionError) as info:
        assert_valid_response(spec_path, "UpdateNotebook", 200, body)
    assert str(info.value).splitlines() == [
        "assert_valid_response: UpdateNotebook response 200: INVALID",
        f'    /endpoints/0/dev_service: expected one of ["NOTEBOOK","SSH"], found "RDP"  [docs: {SRC}:232]',
    ]


def test_unchecked_payload_fails(spec_path: Path, request_example: Any) -> None:
    with pytest.raises(AssertionError, match="status 418 is not documented"):
        assert_valid_response(spec_path, "UpdateNotebook", 418, {})
    with pytest.raises(AssertionError, match="unknown operation 'Nope'"):
        assert_valid_request(spec_path, "Nope", request_example)


def test_spec_given_as_dict(spec_path: Path) -> None:
    import yaml

    doc = yaml.safe_load(spec_path.read_text())
    with pytest.raises(AssertionError, match=r"/storage_new_size: expected maximum 4096, found 5000"):
        assert_valid_request(doc, "UpdateNotebook", {"storage_new_size": 5000})


def test_fixtures_in_a_real_pytest_session(tmp_path: Path, spec_path: Path) -> None:
    (tmp_path / "test_service.py").write_text(
        textwrap.dedent(
            f"""
            SPEC = {str(spec_path)!r}

            def test_ok(assert_valid_response):
                assert_valid_response(SPEC, "ShowNotebook", 200, {{"id": "a", "name": "b"}})

            def test_bad(assert_valid_request):
                assert_valid_request(SPEC, "UpdateNotebook", {{"name": "x" * 129}})
            """
        )
    )
    # Installed (pip install -e .), the entry point loads the plugin; from a bare checkout, -p does.
    installed = any(ep.name == "otc_apigen" for ep in entry_points(group="pytest11"))
    load = [] if installed else ["-p", "generator.validate.pytest_plugin"]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *load,
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(tmp_path),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 failed, 1 passed" in proc.stdout
    assert '/name: expected maxLength 128, found "xxx' in proc.stdout
    assert f"(length 129)  [docs: {SRC}:50]" in proc.stdout


def test_entry_point_is_declared() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert meta["project"]["entry-points"]["pytest11"]["otc_apigen"] == "generator.validate.pytest_plugin"
