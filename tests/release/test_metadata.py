"""Metadata of the generated client: our pyproject template through the real generator, and the checks."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from generator.release.publish import main, metadata_problems, simple_index_url

ROOT = Path(__file__).resolve().parents[2]
TINY_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "ModelArts", "version": "1.0"},
    "paths": {
        "/v1/{project_id}/x": {
            "get": {
                "operationId": "ShowX",
                "parameters": [{"name": "project_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}
                },
            }
        }
    },
}


def test_template_through_openapi_python_client(tmp_path: Path) -> None:
    (tmp_path / "spec.json").write_text(json.dumps(TINY_SPEC))
    (tmp_path / "config.json").write_text(
        json.dumps(
            {
                "project_name_override": "otc-modelarts-client",
                "package_name_override": "otc_modelarts_client",
                "package_version_override": "1.2.3",
                "post_hooks": [],
            }
        )
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            "spec.json",
            "--meta",
            "pdm",
            "--config",
            "config.json",
            "--output-path",
            "out",
            "--custom-template-path",
            str(ROOT / "generator" / "client" / "upstream_templates"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    project = tomllib.loads((tmp_path / "out" / "pyproject.toml").read_text())["project"]
    assert (project["name"], project["version"]) == ("otc-modelarts-client", "1.2.3")
    assert project["description"] == "A client library for accessing ModelArts"
    assert project["license"] == "Apache-2.0" and project["requires-python"] == ">=3.11"
    assert project["dependencies"] == [
        "httpx>=0.23.1,<0.29.0", "attrs>=22.2.0,<27", "python-dateutil>=2.8.0,<3", "PyYAML>=5.4,<7"]
    assert project["optional-dependencies"]["test"] == ["pytest>=8,<10", "jsonschema>=4.18,<5"]
    assert project["urls"]["Documentation"] == "https://docs.otc.t-systems.com/modelarts/api-ref/"
    assert set(project["urls"]) == {"Homepage", "Documentation", "Source", "Changelog"}


def _wheel(tmp_path: Path, metadata: str) -> Path:
    wheel = tmp_path / "demo-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("demo-1.0.dist-info/METADATA", metadata)
    return wheel


def test_metadata_problems_names_every_gap(tmp_path: Path) -> None:
    wheel = _wheel(
        tmp_path, "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nRequires-Dist: httpx\nRequires-Dist: attrs>=22\n\n"
    )
    assert metadata_problems(wheel) == [
        "no Summary",
        "no Requires-Python",
        "no License-Expression",
        "no Project-URL",
        "dependency without a version range: httpx",
    ]
    ok = _wheel(
        tmp_path,
        "Metadata-Version: 2.4\nName: demo\nVersion: 1.0\nSummary: s\nRequires-Python: >=3.11\n"
        "License-Expression: Apache-2.0\nProject-URL: Source, https://x\n"
        'Requires-Dist: httpx<0.29,>=0.23\nRequires-Dist: pytest<10,>=8; extra == "test"\n\n',
    )
    assert metadata_problems(ok) == []


def test_simple_index_url() -> None:
    assert simple_index_url("https://upload.example.org/legacy/") == "https://upload.example.org/simple/"
    assert simple_index_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080/simple/"


def test_upload_cli_needs_url_and_env_credentials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OTC_APIGEN_REPOSITORY_URL", raising=False)
    monkeypatch.delenv("TWINE_USERNAME", raising=False)
    monkeypatch.delenv("TWINE_PASSWORD", raising=False)
    assert main(["upload", str(tmp_path)]) == 1
    assert "give --repository-url or set OTC_APIGEN_REPOSITORY_URL" in capsys.readouterr().err
    (tmp_path / "demo-1.0.tar.gz").write_bytes(b"")
    assert main(["upload", str(tmp_path), "--repository-url", "http://127.0.0.1:9/"]) == 1
    assert "set TWINE_USERNAME and TWINE_PASSWORD in the environment" in capsys.readouterr().err
