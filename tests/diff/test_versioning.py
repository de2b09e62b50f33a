"""Version bumps and the client changelog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.diff import DiffResult, diff_specs
from generator.release.changelog import add_entry, current_version
from generator.release.semver import next_version
from tests.diff.specs import base_spec, op, schemas


def _breaking() -> DiffResult:
    new = base_spec()
    props = schemas(new)["EndpointsReq"]["properties"]
    schemas(new)["EndpointsReq"]["properties"] = {{"dev_service": "service"}.get(k, k): v for k, v in props.items()}
    new["paths"]["/v1/{project_id}/images"] = {
        "get": {"operationId": "ListImages", "responses": {"200": {"description": "OK"}}}
    }
    op(new)["deprecated"] = True
    op(new)["summary"] = "Update"
    return diff_specs(base_spec(), new)


def _additive() -> DiffResult:
    new = base_spec()
    schemas(new)["UpdateNotebookResponse"]["properties"]["zone"] = {"type": "string"}
    return diff_specs(base_spec(), new)


def _docs_only() -> DiffResult:
    new = base_spec()
    op(new)["summary"] = "Update"
    return diff_specs(base_spec(), new)


@pytest.mark.parametrize(
    ("current", "kind", "expected"),
    [
        ("0.3.2", "breaking", "0.4.0"),
        ("0.3.2", "additive", "0.3.3"),
        ("0.3.2", "docs", "0.3.3"),
        ("0.3.2", "none", "0.3.2"),
        ("1.4.2", "breaking", "2.0.0"),
        ("1.4.2", "additive", "1.5.0"),
        ("1.4.2", "docs", "1.4.3"),
        (None, "breaking", "0.1.0"),
    ],
)
def test_next_version(current: str | None, kind: str, expected: str) -> None:
    makers: dict[str, Callable[[], DiffResult]] = {
        "breaking": _breaking,
        "additive": _additive,
        "docs": _docs_only,
        "none": lambda: diff_specs(base_spec(), base_spec()),
    }
    assert next_version(current, makers[kind]()) == expected


def test_current_version_of_missing_file_is_none(tmp_path: Path) -> None:
    assert current_version(tmp_path / "CHANGELOG.md") is None


def test_current_version_reads_the_codegen_initial_entry(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text("# Changelog\n\n## [Unreleased]\n\n## [0.1.0] (docs f3d1df8, 2024-11-28)\n\n- First.\n")
    assert current_version(path) == "0.1.0"


def test_add_entry_writes_a_readable_deterministic_entry(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    path.write_text("# Changelog\n\nIntro.\n\n## [0.1.0] (docs f3d1df8, 2024-11-28)\n\n- First generated release.\n")
    result = _breaking()
    add_entry(path, "0.2.0", "1ba1873", "2025-08-26", result)
    text = path.read_text()
    assert current_version(path) == "0.2.0"
    assert text.index("## [0.2.0] - 2025-08-26") < text.index("## [0.1.0]")
    assert text.startswith("# Changelog\n\nIntro.\n\n## [0.2.0]")
    assert "Generated from docs commit `1ba1873` (2025-08-26)." in text
    assert (
        "- **Breaking:** `UpdateNotebook` (`PUT /v1/{project_id}/notebooks/{id}`): Request field "
        "`EndpointsReq.dev_service` was renamed to `service` — update your code." in text
    )
    added = text[text.index("### Added") : text.index("### Changed")]
    assert "New operation `GET /v1/{project_id}/images` (`ListImages`)." in added
    assert "### Deprecated" in text and "is now deprecated" in text
    assert "Documentation: 1 descriptions or summaries reworded in 1 operations" in text
    # Same inputs, same bytes: re-adding the same version replaces the entry instead of stacking it.
    add_entry(path, "0.2.0", "1ba1873", "2025-08-26", result)
    assert path.read_text() == text
    assert text.count("## [0.2.0]") == 1


def test_add_entry_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "client" / "CHANGELOG.md"
    add_entry(path, "0.1.0", "f3d1df8", "2024-11-28", [])
    assert current_version(path) == "0.1.0"
    assert "Keep a Changelog" in path.read_text()
    assert "No API changes." in path.read_text()


def test_client_release_of_a_new_client_is_the_first_entry(tmp_path: Path) -> None:
    from generator.core.config import Service
    from generator.release.changelog import client_release

    svc = Service(name="t", title="T", docs=tmp_path, client="otc-t-client", endpoint="https://t",
                  docs_commit="abc1234", docs_date="2025-01-02")
    version, text = client_release(svc, tmp_path / "t")
    assert version == "0.1.0"
    assert text.endswith("## [0.1.0] - 2025-01-02\n\nGenerated from docs commit `abc1234` (2025-01-02).\n\n"
                         "First generated release.\n")
    assert current_version_of(text, tmp_path) == "0.1.0"
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "CHANGELOG.md").write_text("# Changelog\n\n## [0.3.1] - 2025-02-02\n\n- x\n")
    assert client_release(svc, tmp_path / "t") == ("0.3.1", "# Changelog\n\n## [0.3.1] - 2025-02-02\n\n- x\n")


def current_version_of(text: str, tmp_path: Path) -> str | None:
    path = tmp_path / "written.md"
    path.write_text(text)
    return current_version(path)
